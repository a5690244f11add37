### Запись на приём, мои записи, перенос, отмена.

booking-pick-service = Какая услуга вам нужна?
booking-pick-city = В каком городе?
booking-pick-office = Какое отделение?
booking-pick-day = Какой день в отделении { $office }? (в скобках — свободные места)
booking-day-label = { $date } ({ $free })
booking-pick-slot = Какое время { $date }?
booking-slot-label = { $time } (свободно { $free })
booking-no-free-days = В этом отделении нет свободных мест на ближайшие недели. Вернитесь и выберите другое отделение.
booking-day-full = Этот день уже полностью занят. Выберите другой день.
booking-slot-taken = Извините, последнее место на это время только что заняли. Вот время, которое ещё свободно:
booking-start-over = В записи чего-то не хватает. Вернитесь в меню и начните заново.
booking-ask-name = Напишите полное имя заявителя латинскими буквами, точно как в паспорте.
booking-name-invalid = Напишите имя латинскими буквами (A–Z, можно с диакритикой), как оно напечатано в паспорте, например IVAN PETROV или Anna Müller: только буквы, пробелы и дефисы, от 2 до 100 символов.
booking-ask-nationality = Гражданство? Выберите или напишите трёхбуквенный код из паспорта (например, RUS).
booking-nationality-invalid = Выберите гражданство или напишите трёхбуквенный код из паспорта, например RUS или KAZ.
booking-ask-passport = Номер паспорта?
booking-passport-invalid = Номер паспорта состоит из 5–20 букв и цифр без других знаков. Проверьте и напишите его ещё раз.
booking-ask-phone = Номер телефона, по которому отделение может с вами связаться (с кодом страны, если номер не китайский)?
booking-phone-invalid = Напишите номер из 7–15 цифр, например +86 138 0013 8000.
booking-type-answer = Пожалуйста, напишите ответ текстом.
booking-summary = Проверьте запись:
    Услуга: { $service }
    Отделение: { $office }
    Время: { $when }
    Имя: { $name }
    Гражданство: { $nationality }
    Паспорт: { $passport }
    Телефон: { $phone }
booking-confirm = ✅ Подтвердить
booking-confirmed = ✅ Вы записаны! Код записи: { $code }.
    { $service }
    { $when }
    { $office }
    { $address }
    Возьмите с собой:
    { $documents }
    Файл календаря ниже добавит запись в ваш календарь.
booking-limit-user = У вас уже { $limit ->
    [one] { $limit } активная запись
    [few] { $limit } активные записи
    [many] { $limit } активных записей
   *[other] { $limit } активные записи
} на эту услугу — это максимум для одного человека. Отмените или используйте одну из них, прежде чем записываться снова.
booking-limit-passport = На этот паспорт уже есть активная запись на эту услугу. Перенесите её в разделе «Мои записи» вместо второй записи.
booking-limit-address = С этого подключения в это отделение на этот день уже { $limit ->
        [one] занято { $limit } место
        [few] занято { $limit } места
        [many] занято { $limit } мест
       *[other] занято { $limit } места
    } — это предел для записи через веб-чат. Выберите другой день или запишитесь через Telegram, WeChat или WhatsApp.
booking-proof-of-work-missing = Ваш браузер не завершил короткую проверку перед записью. Нажмите «Подтвердить» ещё раз и не закрывайте страницу несколько секунд.
calendar-summary = { $service } – { $office }
calendar-description = Код записи { $code }. Телефон отделения { $phone }. Запись через visadesk.

appointments-list = Ваши записи:
appointments-none = У вас нет предстоящих записей.
appointments-line = { $code } · { $service } · { $office } · { $when }
appointments-reschedule = 🔁 Перенести { $code }
appointments-cancel = ✖ Отменить { $code }
appointments-confirm-cancel = Отменить эту запись?
    { $line }
appointments-yes-cancel = Да, отменить
appointments-cancelled = Запись { $code } отменена, место освобождено.
appointments-gone = Эта запись больше не действует.
appointments-reschedule-day = Новый день для { $line }?
appointments-rescheduled = 🔁 Перенесено! Запись { $code } теперь:
    { $service }
    { $when }
    { $office }
    { $address }
    Возьмите с собой:
    { $documents }
booking-waitlist = 🔔 Сообщить, когда освободится место
booking-waitlist-added = Готово: если в ближайшие недели в этом отделении освободится место, я сразу сообщу (один раз). Можно также вернуться и выбрать другое отделение.
booking-in-private = Для записи нужны номер паспорта и телефон, а их прочитают все в этой группе. Продолжим в личном чате: { $link }
booking-not-in-group = Для записи нужны номер паспорта и телефон, а их прочитают все в этой группе, поэтому здесь запись недоступна. Чтобы записаться, напишите мне в личном чате.
