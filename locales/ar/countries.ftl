### Nationalities offered as buttons, by ISO 3166-1 alpha-3 code.

country-RUS = روسيا
country-USA = الولايات المتحدة
country-KOR = كوريا الجنوبية
country-JPN = اليابان
country-DEU = ألمانيا
country-GBR = المملكة المتحدة
country-FRA = فرنسا
country-IND = الهند
country-KAZ = كازاخستان
country-VNM = فيتنام
country-PAK = باكستان
country-CAN = كندا
country-AUS = أستراليا
country-ITA = إيطاليا
country-ESP = إسبانيا
country-BRA = البرازيل
