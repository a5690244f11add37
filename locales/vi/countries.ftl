### Nationalities offered as buttons, by ISO 3166-1 alpha-3 code.

country-RUS = Nga
country-USA = Hoa Kỳ
country-KOR = Hàn Quốc
country-JPN = Nhật Bản
country-DEU = Đức
country-GBR = Vương quốc Anh
country-FRA = Pháp
country-IND = Ấn Độ
country-KAZ = Kazakhstan
country-VNM = Việt Nam
country-PAK = Pakistan
country-CAN = Canada
country-AUS = Úc
country-ITA = Ý
country-ESP = Tây Ban Nha
country-BRA = Brazil
