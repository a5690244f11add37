### Уведомления, отправляемые позже: смена статуса, выдача, напоминания, истечение срока. Текст формируется при отправке.

notify-status-changed = Новости по вашему заявлению «{ $service }» (квитанция { $receipt }): { $status }.
notify-ready-for-pickup = Хорошие новости: ваши документы по заявлению «{ $service }» (квитанция { $receipt }) готовы к выдаче.
notify-pickup-where = Где: { $place }
notify-pickup-when = Когда: с { $from } до { $until }
notify-pickup-bring = Возьмите с собой: { $bring }
notify-pickup-bring-default = Возьмите с собой паспорт и квитанцию о приёме.
notify-note = Примечание отдела: { $note }
notify-pickup-waiting = { $days ->
    [one] Ваши документы по заявлению «{ $service }» (квитанция { $receipt }) готовы уже { $days } день и ещё не получены.
    [few] Ваши документы по заявлению «{ $service }» (квитанция { $receipt }) готовы уже { $days } дня и ещё не получены.
   *[other] Ваши документы по заявлению «{ $service }» (квитанция { $receipt }) готовы уже { $days } дней и ещё не получены.
}
notify-appointment-reminder = Напоминание: ваша запись { $code } на услугу «{ $service }» в { $office } — { $when }.
notify-appointment-cancelled = В день вашей записи { $code } («{ $service }», { $when }) отдел не работает, поэтому запись отменена. Приносим извинения. Пожалуйста, выберите новое время.
notify-rebook = 📅 Записаться на другое время
notify-permit-expiring = { $days ->
    [one] Ваш документ «{ $kind }» истекает { $date }, через { $days } день. Запишитесь на продление заранее.
    [few] Ваш документ «{ $kind }» истекает { $date }, через { $days } дня. Запишитесь на продление заранее.
   *[other] Ваш документ «{ $kind }» истекает { $date }, через { $days } дней. Запишитесь на продление заранее.
}
notify-renew = 📅 Записаться на продление
notify-slot-freed = Освободилось место: { $service }, { $office }, { $date }. Места быстро разбирают — запишитесь, если вам подходит.
notify-book-now = 📅 Записаться
