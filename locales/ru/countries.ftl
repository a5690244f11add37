### Гражданства, предлагаемые кнопками, по кодам ISO 3166-1 alpha-3.

country-RUS = Россия
country-USA = США
country-KOR = Южная Корея
country-JPN = Япония
country-DEU = Германия
country-GBR = Великобритания
country-FRA = Франция
country-IND = Индия
country-KAZ = Казахстан
country-VNM = Вьетнам
country-PAK = Пакистан
country-CAN = Канада
country-AUS = Австралия
country-ITA = Италия
country-ESP = Испания
country-BRA = Бразилия
