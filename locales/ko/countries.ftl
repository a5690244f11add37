### Nationalities offered as buttons, by ISO 3166-1 alpha-3 code.

country-RUS = 러시아
country-USA = 미국
country-KOR = 대한민국
country-JPN = 일본
country-DEU = 독일
country-GBR = 영국
country-FRA = 프랑스
country-IND = 인도
country-KAZ = 카자흐스탄
country-VNM = 베트남
country-PAK = 파키스탄
country-CAN = 캐나다
country-AUS = 오스트레일리아
country-ITA = 이탈리아
country-ESP = 스페인
country-BRA = 브라질
