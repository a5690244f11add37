### Nationalities offered as buttons, by ISO 3166-1 alpha-3 code.

country-RUS = Russia
country-USA = United States
country-KOR = South Korea
country-JPN = Japan
country-DEU = Germany
country-GBR = United Kingdom
country-FRA = France
country-IND = India
country-KAZ = Kazakhstan
country-VNM = Vietnam
country-PAK = Pakistan
country-CAN = Canada
country-AUS = Australia
country-ITA = Italy
country-ESP = Spain
country-BRA = Brazil
