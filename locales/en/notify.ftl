### Notifications sent later: status changes, pickup, reminders, expiry. Rendered when sent.

notify-status-changed = { $who ->
    [relative] Update on the application of { $name } for { $service } (receipt { $receipt }): { $status }.
   *[own] Update on your application for { $service } (receipt { $receipt }): { $status }.
}
notify-ready-for-pickup = { $who ->
    [relative] Good news: the documents of { $name } for { $service } (receipt { $receipt }) are ready for pickup.
   *[own] Good news: your documents for { $service } (receipt { $receipt }) are ready for pickup.
}
notify-pickup-where = Where: { $place }
notify-pickup-when = When: from { $from } until { $until }
notify-pickup-bring = Please bring: { $bring }
notify-pickup-bring-default = Please bring your passport and the acceptance slip.
notify-note = Note from the office: { $note }
notify-pickup-waiting = { $who ->
    [relative] { $days ->
        [one] The documents of { $name } for { $service } (receipt { $receipt }) have been ready for { $days } day and are not collected yet.
       *[other] The documents of { $name } for { $service } (receipt { $receipt }) have been ready for { $days } days and are not collected yet.
    }
   *[own] { $days ->
        [one] Your documents for { $service } (receipt { $receipt }) have been ready for { $days } day and are not collected yet.
       *[other] Your documents for { $service } (receipt { $receipt }) have been ready for { $days } days and are not collected yet.
    }
}
notify-office = Office: { $office }
    { $address }
notify-reminder-day = { $who ->
    [relative] Reminder: the appointment { $code } of { $name } for { $service } is { $day ->
        [today] today, { $when }.
        [tomorrow] tomorrow, { $when }.
       *[later] on { $when }.
    }
   *[own] Reminder: your appointment { $code } for { $service } is { $day ->
        [today] today, { $when }.
        [tomorrow] tomorrow, { $when }.
       *[later] on { $when }.
    }
}
notify-reminder-soon = { $who ->
    [relative] In two hours, at { $time }: the appointment { $code } of { $name } for { $service }. Please leave in good time.
   *[own] In two hours, at { $time }: your appointment { $code } for { $service }. Please leave in good time.
}
notify-reminder-bring = Please bring:
notify-appointment-cancelled = The office is closed on the day of your appointment { $code } for { $service } ({ $when }), so it is cancelled. We are sorry. Please book a new time.
notify-rebook = 📅 Book a new time
notify-permit-expiring = { $days ->
    [one] Your { $kind } expires on { $date }, in { $days } day. Please book the renewal now.
   *[other] Your { $kind } expires on { $date }, in { $days } days. Please book the renewal in time.
}
notify-renew = 📅 Book the renewal
notify-slot-freed = A place has freed up for { $service } at { $office } on { $date }. Places go quickly: book now if it suits you.
notify-book-now = 📅 Book now
notify-proof-failed = Someone tried to prove they are the holder of passport { $passport } and gave wrong details. If it was not you, nothing was shown to them. If you are locked out, the Exit-Entry office handling your application can give you a one-time link code.
notify-delegation-granted = { $helper } can now act for you on visadesk: book and manage your appointments and see your applications and permits. If you did not agree to this, end it at once under "Help a relative".
notify-delegation-ended = { $helper } no longer acts for you on visadesk.
notify-help-ended = The holder of passport { $passport } has ended your access: you no longer act for them on visadesk. Appointments you booked for them stay theirs.
notify-passport-confirmed = { $who ->
    [relative] The office has confirmed the new passport { $passport } that { $name } declared. It now counts for the permanent residence permit.
   *[own] The office has confirmed the new passport { $passport } you declared. It now counts for your permanent residence permit.
}
