### Главное меню и настройки.

menu-prompt = Чем могу помочь?
menu-book = 📅 Записаться на приём
menu-appointments = 🗂 Мои записи
menu-offices = 🏢 Отделения
menu-guidance = 📋 Документы и пошлины
menu-progress = ⏳ Статус заявления
menu-permits = 🪪 Моя виза / вид на жительство
menu-pr = 🟩 Постоянный вид на жительство
menu-passport = 🛂 Паспорт владельца ПМЖ
menu-family = 👨‍👩‍👧 Помочь родственнику
menu-settings = ⚙ Настройки
menu-help = ❓ Помощь
menu-not-understood = Я не понял. Выберите вариант или напишите, например, «запись», «отделение» или «стоимость».

settings-prompt = Настройки
settings-notifications-on = Уведомления: включены
settings-notifications-off = Уведомления: выключены
settings-turn-on = 🔔 Включить уведомления
settings-turn-off = 🔕 Выключить уведомления
settings-language = 🌐 Язык
settings-language-prompt = Выберите язык:
settings-language-changed = Готово, дальше я говорю по-русски.
