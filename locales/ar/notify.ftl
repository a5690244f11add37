### Notifications sent later: status changes, pickup, reminders, expiry. Rendered when sent.

notify-status-changed = { $who ->
    [relative] مستجدات طلب { $name } لخدمة «{ $service }» (الإيصال { $receipt }): { $status }.
   *[own] مستجدات طلبك لخدمة «{ $service }» (الإيصال { $receipt }): { $status }.
}
notify-ready-for-pickup = { $who ->
    [relative] أخبار سارة: مستندات { $name } لخدمة «{ $service }» (الإيصال { $receipt }) جاهزة للاستلام.
   *[own] أخبار سارة: مستنداتك لخدمة «{ $service }» (الإيصال { $receipt }) جاهزة للاستلام.
}
notify-pickup-where = المكان: { $place }
notify-pickup-when = الموعد: من { $from } حتى { $until }
notify-pickup-bring = يُرجى إحضار: { $bring }
notify-pickup-bring-default = يُرجى إحضار جواز سفرك وإيصال الاستلام.
notify-note = ملاحظة من المكتب: { $note }
notify-pickup-waiting = { $who ->
    [relative] { $days ->
        [zero] مستندات { $name } لخدمة «{ $service }» (الإيصال { $receipt }) جاهزة منذ اليوم ولم تُستلم بعد.
        [one] مستندات { $name } لخدمة «{ $service }» (الإيصال { $receipt }) جاهزة منذ يوم واحد ولم تُستلم بعد.
        [two] مستندات { $name } لخدمة «{ $service }» (الإيصال { $receipt }) جاهزة منذ يومين ولم تُستلم بعد.
        [few] مستندات { $name } لخدمة «{ $service }» (الإيصال { $receipt }) جاهزة منذ { $days } أيام ولم تُستلم بعد.
        [many] مستندات { $name } لخدمة «{ $service }» (الإيصال { $receipt }) جاهزة منذ { $days } يومًا ولم تُستلم بعد.
       *[other] مستندات { $name } لخدمة «{ $service }» (الإيصال { $receipt }) جاهزة منذ { $days } يوم ولم تُستلم بعد.
    }
   *[own] { $days ->
        [zero] مستنداتك لخدمة «{ $service }» (الإيصال { $receipt }) جاهزة منذ اليوم ولم تُستلم بعد.
        [one] مستنداتك لخدمة «{ $service }» (الإيصال { $receipt }) جاهزة منذ يوم واحد ولم تُستلم بعد.
        [two] مستنداتك لخدمة «{ $service }» (الإيصال { $receipt }) جاهزة منذ يومين ولم تُستلم بعد.
        [few] مستنداتك لخدمة «{ $service }» (الإيصال { $receipt }) جاهزة منذ { $days } أيام ولم تُستلم بعد.
        [many] مستنداتك لخدمة «{ $service }» (الإيصال { $receipt }) جاهزة منذ { $days } يومًا ولم تُستلم بعد.
       *[other] مستنداتك لخدمة «{ $service }» (الإيصال { $receipt }) جاهزة منذ { $days } يوم ولم تُستلم بعد.
    }
}
notify-appointment-cancelled = المكتب مغلق في يوم موعدك { $code } لخدمة «{ $service }» ({ $when })، لذا أُلغي الموعد. نعتذر عن ذلك. يُرجى حجز وقت جديد.
notify-rebook = 📅 حجز وقت جديد
notify-permit-expiring = { $days ->
    [zero] تنتهي صلاحية { $kind } الخاص بك في { $date }، اليوم. يُرجى حجز التجديد الآن.
    [one] تنتهي صلاحية { $kind } الخاص بك في { $date }، بعد يوم واحد. يُرجى حجز التجديد الآن.
    [two] تنتهي صلاحية { $kind } الخاص بك في { $date }، بعد يومين. يُرجى حجز التجديد في الوقت المناسب.
    [few] تنتهي صلاحية { $kind } الخاص بك في { $date }، بعد { $days } أيام. يُرجى حجز التجديد في الوقت المناسب.
    [many] تنتهي صلاحية { $kind } الخاص بك في { $date }، بعد { $days } يومًا. يُرجى حجز التجديد في الوقت المناسب.
   *[other] تنتهي صلاحية { $kind } الخاص بك في { $date }، بعد { $days } يوم. يُرجى حجز التجديد في الوقت المناسب.
}
notify-renew = 📅 حجز التجديد
notify-slot-freed = توفر مكان لخدمة «{ $service }» في { $office } يوم { $date }. الأماكن تُحجز بسرعة: احجز الآن إن كان يناسبك.
notify-book-now = 📅 احجز الآن
notify-proof-failed = حاول شخص ما إثبات أنه حامل جواز السفر { $passport } وقدّم بيانات خاطئة. إن لم يكن ذلك أنت، فلم يُعرض عليه شيء. إذا مُنعت من الدخول، فيمكن لمكتب الدخول والخروج الذي يعالج طلبك أن يعطيك رمز ربط صالحًا لمرة واحدة.
notify-delegation-granted = يمكن لـ { $helper } الآن التصرف نيابةً عنك على visadesk: حجز مواعيدك وإدارتها والاطلاع على طلباتك وتصاريحك. إن لم توافق على ذلك، فأنهِه فورًا من «مساعدة قريب».
notify-delegation-ended = لم يعد { $helper } يتصرف نيابةً عنك على visadesk.
notify-help-ended = أنهى حامل جواز السفر { $passport } صلاحيتك: لم تعد تتصرف نيابةً عنه على visadesk. تبقى المواعيد التي حجزتها له مواعيده هو.
notify-office = المكتب: { $office }
    { $address }
notify-reminder-day = { $who ->
    [relative] تذكير: موعد { $name } رقم { $code } لخدمة «{ $service }» { $day ->
        [today] اليوم، { $when }.
        [tomorrow] غدًا، { $when }.
       *[later] يوم { $when }.
    }
   *[own] تذكير: موعدك { $code } لخدمة «{ $service }» { $day ->
        [today] اليوم، { $when }.
        [tomorrow] غدًا، { $when }.
       *[later] يوم { $when }.
    }
}
notify-reminder-soon = { $who ->
    [relative] بعد ساعتين، في { $time }: موعد { $name } رقم { $code } لخدمة «{ $service }». يُرجى الانطلاق في وقت مبكر.
   *[own] بعد ساعتين، في { $time }: موعدك { $code } لخدمة «{ $service }». يُرجى الانطلاق في وقت مبكر.
}
notify-reminder-bring = يُرجى إحضار:
notify-passport-confirmed = { $who ->
    [relative] أكّد المكتب جواز السفر الجديد { $passport } الذي صرّح به { $name }. أصبح الآن معتمدًا لتصريح الإقامة الدائمة.
   *[own] أكّد المكتب جواز السفر الجديد { $passport } الذي صرّحت به. أصبح الآن معتمدًا لتصريح إقامتك الدائمة.
}
