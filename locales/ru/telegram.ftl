### Telegram: меню команд (setMyCommands) и немногие слова, которые добавляет сам адаптер Telegram.

telegram-command-start = Начать заново и открыть главное меню
telegram-command-book = Записаться на приём в отдел въезда и выезда
telegram-command-appointments = Мои записи: перенести или отменить
telegram-command-offices = Найти отдел въезда и выезда
telegram-command-guidance = Документы, пошлины и сроки
telegram-command-settings = Язык и уведомления
telegram-command-language = Сменить язык
telegram-command-help = Что я умею
telegram-command-cancel = Отменить текущее действие
# Кнопка клавиатуры, отправляющая местоположение пользователя.
telegram-share-location = 📍 Отправить моё местоположение
# Кратко показывается при повторном нажатии кнопки старого сообщения.
telegram-button-used = Эта кнопка уже использована. Пожалуйста, используйте последнее сообщение.
# Кратко показывается, когда участник группы нажимает чужие кнопки.
telegram-not-your-buttons = Эти кнопки относятся к разговору другого участника. Отправьте /start, чтобы начать свой.
