### Notifications sent later: status changes, pickup, reminders, expiry. Rendered when sent.

notify-status-changed = { $who ->
    [relative] Du nouveau sur la demande de { $name } pour « { $service } » (récépissé { $receipt }) : { $status }.
   *[own] Du nouveau sur votre demande « { $service } » (récépissé { $receipt }) : { $status }.
}
notify-ready-for-pickup = { $who ->
    [relative] Bonne nouvelle : les documents de { $name } pour « { $service } » (récépissé { $receipt }) sont prêts à être retirés.
   *[own] Bonne nouvelle : vos documents pour « { $service } » (récépissé { $receipt }) sont prêts à être retirés.
}
notify-pickup-where = Où : { $place }
notify-pickup-when = Quand : du { $from } au { $until }
notify-pickup-bring = À apporter : { $bring }
notify-pickup-bring-default = Apportez votre passeport et le récépissé de dépôt.
notify-note = Note du bureau : { $note }
notify-pickup-waiting = { $who ->
    [relative] { $days ->
        [one] Les documents de { $name } pour « { $service } » (récépissé { $receipt }) sont prêts depuis { $days } jour et n’ont pas encore été retirés.
        [many] Les documents de { $name } pour « { $service } » (récépissé { $receipt }) sont prêts depuis { $days } de jours et n’ont pas encore été retirés.
       *[other] Les documents de { $name } pour « { $service } » (récépissé { $receipt }) sont prêts depuis { $days } jours et n’ont pas encore été retirés.
    }
   *[own] { $days ->
        [one] Vos documents pour « { $service } » (récépissé { $receipt }) sont prêts depuis { $days } jour et n’ont pas encore été retirés.
        [many] Vos documents pour « { $service } » (récépissé { $receipt }) sont prêts depuis { $days } de jours et n’ont pas encore été retirés.
       *[other] Vos documents pour « { $service } » (récépissé { $receipt }) sont prêts depuis { $days } jours et n’ont pas encore été retirés.
    }
}
notify-appointment-cancelled = Le bureau est fermé le jour de votre rendez-vous { $code } pour « { $service } » ({ $when }) : il est donc annulé. Nous en sommes désolés. Veuillez réserver un nouvel horaire.
notify-rebook = 📅 Réserver un nouvel horaire
notify-permit-expiring = { $days ->
    [one] Votre { $kind } expire le { $date }, dans { $days } jour. Réservez le renouvellement dès maintenant.
    [many] Votre { $kind } expire le { $date }, dans { $days } de jours. Réservez le renouvellement à temps.
   *[other] Votre { $kind } expire le { $date }, dans { $days } jours. Réservez le renouvellement à temps.
}
notify-renew = 📅 Réserver le renouvellement
notify-slot-freed = Une place s’est libérée pour « { $service } » à { $office } le { $date }. Les places partent vite : réservez maintenant si cela vous convient.
notify-book-now = 📅 Réserver maintenant
notify-proof-failed = Quelqu’un a essayé de prouver qu’il est le titulaire du passeport { $passport } et a donné des informations erronées. Si ce n’était pas vous, rien ne lui a été montré. Si vous êtes bloqué, le bureau des entrées et sorties qui traite votre demande peut vous remettre un code de liaison à usage unique.
notify-delegation-granted = { $helper } peut maintenant agir pour vous sur visadesk : réserver et gérer vos rendez-vous, voir vos demandes et vos titres. Si vous n’êtes pas d’accord, mettez-y fin immédiatement dans « Aider un proche ».
notify-delegation-ended = { $helper } n’agit plus pour vous sur visadesk.
notify-help-ended = Le titulaire du passeport { $passport } a mis fin à votre accès : vous n’agissez plus pour lui sur visadesk. Les rendez-vous que vous avez pris pour lui restent les siens.
notify-office = Bureau : { $office }
    { $address }
notify-reminder-day = { $who ->
    [relative] Rappel : le rendez-vous { $code } de { $name } pour « { $service } » a lieu { $day ->
        [today] aujourd’hui, { $when }.
        [tomorrow] demain, { $when }.
       *[later] le { $when }.
    }
   *[own] Rappel : votre rendez-vous { $code } pour « { $service } » a lieu { $day ->
        [today] aujourd’hui, { $when }.
        [tomorrow] demain, { $when }.
       *[later] le { $when }.
    }
}
notify-reminder-soon = { $who ->
    [relative] Dans deux heures, à { $time } : le rendez-vous { $code } de { $name } pour « { $service } ». Partez à temps.
   *[own] Dans deux heures, à { $time } : votre rendez-vous { $code } pour « { $service } ». Partez à temps.
}
notify-reminder-bring = À apporter :
notify-passport-confirmed = { $who ->
    [relative] Le bureau a confirmé le nouveau passeport { $passport } déclaré par { $name }. Il compte désormais pour la carte de résident permanent.
   *[own] Le bureau a confirmé le nouveau passeport { $passport } que vous avez déclaré. Il compte désormais pour votre carte de résident permanent.
}
