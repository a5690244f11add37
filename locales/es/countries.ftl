### Nationalities offered as buttons, by ISO 3166-1 alpha-3 code.

country-RUS = Rusia
country-USA = Estados Unidos
country-KOR = Corea del Sur
country-JPN = Japón
country-DEU = Alemania
country-GBR = Reino Unido
country-FRA = Francia
country-IND = India
country-KAZ = Kazajistán
country-VNM = Vietnam
country-PAK = Pakistán
country-CAN = Canadá
country-AUS = Australia
country-ITA = Italia
country-ESP = España
country-BRA = Brasil
