### Nationalities offered as buttons, by ISO 3166-1 alpha-3 code.

country-RUS = Russie
country-USA = États-Unis
country-KOR = Corée du Sud
country-JPN = Japon
country-DEU = Allemagne
country-GBR = Royaume-Uni
country-FRA = France
country-IND = Inde
country-KAZ = Kazakhstan
country-VNM = Viêt Nam
country-PAK = Pakistan
country-CAN = Canada
country-AUS = Australie
country-ITA = Italie
country-ESP = Espagne
country-BRA = Brésil
