### Личные данные после проверки личности: привязка, статус заявления, визы и ВНЖ, ПМЖ.

identity-intro = Чтобы показать личные данные, сначала нужно убедиться, что они ваши. Я спрошу гражданство, номер паспорта, дату рождения и номер расписки одного из ваших заявлений (или код привязки из отделения).
identity-ask-birth-date = Дата рождения? (например, 1990-01-31)
identity-birth-date-invalid = Напишите дату рождения в виде год-месяц-день, например 1990-01-31.
identity-ask-proof = Номер из расписки о приёме заявления или код привязки из отделения?
identity-proof-invalid = Напишите номер расписки или код привязки точно как напечатано.
identity-linked = Спасибо, ваша личность подтверждена в этом чате.
identity-failed = Эти данные не совпадают с нашими записями. Проверьте их и попробуйте ещё раз.
identity-limited = Слишком много попыток. В целях безопасности попробуйте снова после { $until }.
identity-limited-link-code = Слишком много попыток для этого паспорта. До { $until } его можно подтвердить только одноразовым кодом привязки из отдела въезда и выезда: попросите код в отделе, где рассматривается ваше заявление, и введите его вместо номера квитанции.

records-for = Данные: { $name }
progress-none = Заявлений пока нет.
progress-application = { $service } · { $office } · расписка { $receipt }
    Статус: { $status }
progress-note = Примечание отделения: { $note }
progress-pickup = Готово к выдаче: { $address }
    С { $from } до { $until }. Возьмите паспорт и расписку.
progress-pickup-place = Где именно: { $place }
progress-pickup-bring = Отделение просит взять: { $bring }
progress-timeline = История:
progress-watch = 🔔 Сообщать о { $receipt }
progress-unwatch = 🔕 Не сообщать о { $receipt }
progress-watching = Я сообщу, когда статус изменится.
progress-not-watching = Я больше не буду сообщать об этом заявлении.
status-received = принято
status-in-review = на рассмотрении
status-more-documents-needed = нужны дополнительные документы
status-approved = одобрено
status-ready-for-pickup = готово к выдаче
status-collected = выдано
status-rejected = отказано

permits-none = Виз и видов на жительство не найдено.
permit-kind-visa = Виза
permit-kind-residence-permit = Вид на жительство
entries-single = однократная
entries-double = двукратная
entries-multiple = многократная
permit-line = { $kind } ({ $type })
    Номер: { $number }
    Выдан: { $issued }
    Действует до: { $expires }
    Въезды: { $entries }
permit-stay = Срок пребывания за въезд: { $days ->
        [one] { $days } день
        [few] { $days } дня
        [many] { $days } дней
       *[other] { $days } дня
    }
permit-days-left = { $days ->
    [one] Остался { $days } день
    [few] Осталось { $days } дня
    [many] Осталось { $days } дней
   *[other] Осталось { $days } дня
}
permit-expired = ⚠ Срок истёк.
permit-expiring-soon = ⚠ Истекает через { $days ->
        [one] { $days } день
        [few] { $days } дня
        [many] { $days } дней
       *[other] { $days } дня
    }: подайте на продление сейчас.
permit-renew = 📅 Записаться на продление

pr-none = Постоянного вида на жительство не найдено.
pr-line = Постоянный вид на жительство
    Номер: { $number }
    Выдан: { $issued }
    Действует до: { $expires }
    Статус: { $status }
pr-status-valid = действует
pr-status-expired = истёк
pr-status-revoked = аннулирован
pr-status-lost = заявлен утерянным

settings-forget = 🧹 Забыть меня в этом чате
settings-forget-confirm = Удалить все связи этого чата с вашими данными? Чтобы увидеть их снова, нужно будет заново подтвердить личность.
settings-forget-yes = Да, забыть
settings-forgotten = Готово. У этого чата больше нет доступа к вашим данным.
settings-nothing-to-forget = Этот чат не связан ни с какими данными.

settings-my-data = 📥 Скачать мои данные
settings-my-data-nothing = В этом чате visadesk ничего о вас не хранит.
settings-my-data-summary = Вот копия всего, что visadesk хранит о вас, в виде файла JSON. Кратко:
    • связанные с вами чаты: { $channels }
    • заявители, которыми вы подтвердили себя: { $applicants }; по ним заявлений: { $applications }, разрешений: { $permits }
    • записи на приём: { $appointments }
    • люди, действующие за вас или за которых действуете вы: { $delegations }
    • уведомления: { $notifications }
    • записи журнала аудита о вас: { $audit }
settings-erase = 🗑 Удалить мои данные
settings-erase-confirm = Удалить всё, что visadesk хранит о вас для чата? Будут удалены ваша учётная запись во всех связанных чатах, настройки, связи с вашими данными, люди, действующие за вас или за которых действуете вы, отслеживаемые заявления, листы ожидания, уведомления и незавершённая запись. Отменить это нельзя.
    Собственные записи ведомства останутся: ваши заявления, разрешения, паспорта, электронные документы и записи на приём принадлежат отделу въезда и выезда и не удаляются.
settings-erase-yes = Да, удалить мои данные
settings-erased = Готово: ваши данные удалены. Если напишете снова, начнём с чистого листа.
progress-estimate = Обычно готово к { $date }: { $basis ->
        [completed] { $percent } % из { $cases ->
            [one] { $cases } заявления
            [few] { $cases } заявлений
            [many] { $cases } заявлений
           *[other] { $cases } заявления
        } по этой услуге в этом отделе за последние { $window } дней были готовы за { $days ->
            [one] { $days } рабочий день
            [few] { $days } рабочих дня
            [many] { $days } рабочих дней
           *[other] { $days } рабочих дня
        }.
       *[published] официальный срок рассмотрения — { $days ->
            [one] { $days } рабочий день
            [few] { $days } рабочих дня
            [many] { $days } рабочих дней
           *[other] { $days } рабочих дня
        } (этот отдел за последние { $window } дней завершил слишком мало таких заявлений, чтобы опираться на его собственные данные).
    }
progress-estimate-passed = Обычный срок ({ $date }) прошёл, а заявление ещё не готово. Можно узнать в отделе по телефону: { $phone }
