### Notifications sent later: status changes, pickup, reminders, expiry. Rendered when sent.

notify-status-changed = { $who ->
    [relative] Novedades sobre la solicitud de { $name } de «{ $service }» (resguardo { $receipt }): { $status }.
   *[own] Novedades sobre su solicitud de «{ $service }» (resguardo { $receipt }): { $status }.
}
notify-ready-for-pickup = { $who ->
    [relative] Buenas noticias: los documentos de { $name } de «{ $service }» (resguardo { $receipt }) están listos para recoger.
   *[own] Buenas noticias: sus documentos de «{ $service }» (resguardo { $receipt }) están listos para recoger.
}
notify-pickup-where = Dónde: { $place }
notify-pickup-when = Cuándo: desde el { $from } hasta el { $until }
notify-pickup-bring = Lleve: { $bring }
notify-pickup-bring-default = Lleve su pasaporte y el resguardo de la solicitud.
notify-note = Nota de la oficina: { $note }
notify-pickup-waiting = { $who ->
    [relative] { $days ->
        [one] Los documentos de { $name } de «{ $service }» (resguardo { $receipt }) llevan { $days } día listos y todavía no se han recogido.
        [many] Los documentos de { $name } de «{ $service }» (resguardo { $receipt }) llevan { $days } de días listos y todavía no se han recogido.
       *[other] Los documentos de { $name } de «{ $service }» (resguardo { $receipt }) llevan { $days } días listos y todavía no se han recogido.
    }
   *[own] { $days ->
        [one] Sus documentos de «{ $service }» (resguardo { $receipt }) llevan { $days } día listos y todavía no se han recogido.
        [many] Sus documentos de «{ $service }» (resguardo { $receipt }) llevan { $days } de días listos y todavía no se han recogido.
       *[other] Sus documentos de «{ $service }» (resguardo { $receipt }) llevan { $days } días listos y todavía no se han recogido.
    }
}
notify-appointment-cancelled = La oficina cierra el día de su cita { $code } de «{ $service }» ({ $when }), así que queda cancelada. Lo sentimos. Reserve una nueva hora.
notify-rebook = 📅 Reservar una nueva hora
notify-permit-expiring = { $days ->
    [one] Su { $kind } vence el { $date }, dentro de { $days } día. Reserve la renovación ya.
    [many] Su { $kind } vence el { $date }, dentro de { $days } de días. Reserve la renovación a tiempo.
   *[other] Su { $kind } vence el { $date }, dentro de { $days } días. Reserve la renovación a tiempo.
}
notify-renew = 📅 Reservar la renovación
notify-slot-freed = Se ha liberado una plaza para «{ $service }» en { $office } el { $date }. Las plazas vuelan: reserve ya si le conviene.
notify-book-now = 📅 Reservar ya
notify-proof-failed = Alguien intentó demostrar que es el titular del pasaporte { $passport } y dio datos erróneos. Si no fue usted, no se le mostró nada. Si se ha quedado bloqueado, la oficina de Entrada y Salida que tramita su solicitud puede darle un código de vinculación de un solo uso.
notify-delegation-granted = { $helper } ya puede actuar por usted en visadesk: reservar y gestionar sus citas y ver sus solicitudes y permisos. Si no lo autorizó, póngale fin enseguida en «Ayudar a un familiar».
notify-delegation-ended = { $helper } ya no actúa por usted en visadesk.
notify-help-ended = El titular del pasaporte { $passport } ha retirado su acceso: usted ya no actúa por él en visadesk. Las citas que reservó para él siguen siendo suyas.
notify-office = Oficina: { $office }
    { $address }
notify-reminder-day = { $who ->
    [relative] Recordatorio: la cita { $code } de { $name } de «{ $service }» es { $day ->
        [today] hoy, { $when }.
        [tomorrow] mañana, { $when }.
       *[later] el { $when }.
    }
   *[own] Recordatorio: su cita { $code } de «{ $service }» es { $day ->
        [today] hoy, { $when }.
        [tomorrow] mañana, { $when }.
       *[later] el { $when }.
    }
}
notify-reminder-soon = { $who ->
    [relative] Dentro de dos horas, a las { $time }: la cita { $code } de { $name } de «{ $service }». Salga con tiempo.
   *[own] Dentro de dos horas, a las { $time }: su cita { $code } de «{ $service }». Salga con tiempo.
}
notify-reminder-bring = Lleve:
notify-passport-confirmed = { $who ->
    [relative] La oficina ha confirmado el nuevo pasaporte { $passport } que declaró { $name }. Ahora cuenta para el permiso de residencia permanente.
   *[own] La oficina ha confirmado el nuevo pasaporte { $passport } que usted declaró. Ahora cuenta para su permiso de residencia permanente.
}
