### 以按钮提供的国籍，按 ISO 3166-1 三位字母代码。

country-RUS = 俄罗斯
country-USA = 美国
country-KOR = 韩国
country-JPN = 日本
country-DEU = 德国
country-GBR = 英国
country-FRA = 法国
country-IND = 印度
country-KAZ = 哈萨克斯坦
country-VNM = 越南
country-PAK = 巴基斯坦
country-CAN = 加拿大
country-AUS = 澳大利亚
country-ITA = 意大利
country-ESP = 西班牙
country-BRA = 巴西
