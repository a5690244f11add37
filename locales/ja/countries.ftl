### Nationalities offered as buttons, by ISO 3166-1 alpha-3 code.

country-RUS = ロシア
country-USA = アメリカ合衆国
country-KOR = 韓国
country-JPN = 日本
country-DEU = ドイツ
country-GBR = イギリス
country-FRA = フランス
country-IND = インド
country-KAZ = カザフスタン
country-VNM = ベトナム
country-PAK = パキスタン
country-CAN = カナダ
country-AUS = オーストラリア
country-ITA = イタリア
country-ESP = スペイン
country-BRA = ブラジル
