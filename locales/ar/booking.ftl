### Booking an appointment, my appointments, reschedule, cancel.

booking-pick-service = ما الخدمة التي تحتاجها؟
booking-pick-city = في أي مدينة؟
booking-pick-office = أي مكتب؟
booking-pick-day = أي يوم في { $office }؟ (الأماكن الشاغرة بين قوسين)
booking-day-label = { $date } ({ $free })
booking-pick-slot = في أي ساعة يوم { $date }؟
booking-slot-label = { $time } ({ $free } شاغرة)
booking-no-free-days = لا توجد أماكن شاغرة في هذا المكتب خلال الأسابيع القادمة. يُرجى الرجوع واختيار مكتب آخر.
booking-day-full = اكتمل الحجز في ذلك اليوم الآن. يُرجى اختيار يوم آخر.
booking-slot-taken = عذرًا، حجز شخص آخر للتو آخر مكان في ذلك الوقت. هذه هي الأوقات التي ما زالت شاغرة:
booking-start-over = ينقص هذا الحجز شيء ما. يُرجى الرجوع إلى القائمة والبدء من جديد.
booking-ask-name = يُرجى كتابة الاسم الكامل لمقدّم الطلب بالحروف اللاتينية تمامًا كما في جواز السفر.
booking-name-invalid = يُرجى كتابة الاسم بالحروف اللاتينية (A–Z، مع السماح بعلامات التشكيل) كما هو مطبوع في جواز السفر، مثلًا Anna Müller أو AHMED ALI: حروف ومسافات وشرطات فقط، من 2 إلى 100 حرف.
booking-ask-nationality = الجنسية؟ اختر واحدة أو اكتب الرمز المكوّن من ثلاثة أحرف من جواز السفر (مثلًا EGY).
booking-nationality-invalid = يُرجى اختيار جنسية أو كتابة الرمز المكوّن من ثلاثة أحرف من جواز السفر، مثلًا EGY أو SAU.
booking-ask-passport = رقم جواز السفر؟
booking-passport-invalid = يتكوّن رقم جواز السفر من 5 إلى 20 حرفًا ورقمًا، دون أي رموز أخرى. يُرجى التحقق منه وكتابته مرة أخرى.
booking-ask-phone = رقم هاتف يمكن للمكتب التواصل معك عليه (مع رمز الدولة إن لم يكن صينيًا)؟
booking-phone-invalid = يُرجى كتابة رقم هاتف من 7 إلى 15 رقمًا، مثلًا +86 138 0013 8000.
booking-type-answer = يُرجى كتابة إجابتك نصًا.
booking-summary = يُرجى مراجعة حجزك:
    الخدمة: { $service }
    المكتب: { $office }
    الموعد: { $when }
    الاسم: { $name }
    الجنسية: { $nationality }
    جواز السفر: { $passport }
    الهاتف: { $phone }
booking-confirm = ✅ تأكيد
booking-confirmed = ✅ تم الحجز! رمز موعدك هو { $code }.
    { $service }
    { $when }
    { $office }
    { $address }
    يُرجى إحضار:
    { $documents }
    يضيف ملف التقويم أدناه الموعد إلى تقويمك.
booking-limit-user = لديك بالفعل { $limit ->
        [zero] { $limit } موعد نشط
        [one] موعد نشط واحد
        [two] موعدان نشطان
        [few] { $limit } مواعيد نشطة
        [many] { $limit } موعدًا نشطًا
       *[other] { $limit } موعد نشط
    } لهذه الخدمة، وهو الحد الأقصى لشخص واحد. { $limit ->
        [zero] ألغِ أحدها أو احضره
        [one] ألغِه أو احضره
        [two] ألغِ أحدهما أو احضره
        [few] ألغِ أحدها أو احضره
        [many] ألغِ أحدها أو احضره
       *[other] ألغِ أحدها أو احضره
    } قبل حجز موعد آخر.
booking-limit-passport = لهذا الجواز موعد نشط بالفعل لهذه الخدمة. غيّر موعده من «مواعيدي» بدلًا من حجز موعد ثانٍ.
booking-limit-address = حجز هذا الاتصال بالفعل { $limit ->
        [zero] { $limit } مكان
        [one] مكانًا واحدًا
        [two] مكانين
        [few] { $limit } أماكن
        [many] { $limit } مكانًا
       *[other] { $limit } مكان
    } في هذا المكتب في ذلك اليوم، وهو الحد الأقصى الذي يمكن لاتصال واحد حجزه من الدردشة على الويب. يُرجى اختيار يوم آخر، أو الحجز عبر Telegram أو WeChat أو WhatsApp.
booking-proof-of-work-missing = لم يُكمل متصفحك فحصه القصير قبل الحجز. يُرجى الضغط على «تأكيد» مرة أخرى وإبقاء هذه الصفحة مفتوحة لحظات.
calendar-summary = { $service } – { $office }
calendar-description = رمز الموعد { $code }. هاتف المكتب { $phone }. حُجز عبر visadesk.

appointments-list = مواعيدك:
appointments-none = ليس لديك مواعيد قادمة.
appointments-line = { $code } · { $service } · { $office } · { $when }
appointments-reschedule = 🔁 تغيير موعد { $code }
appointments-cancel = ✖ إلغاء { $code }
appointments-confirm-cancel = هل تريد إلغاء هذا الموعد؟
    { $line }
appointments-yes-cancel = نعم، ألغِه
appointments-cancelled = أُلغي الموعد { $code } وأصبح مكانه شاغرًا.
appointments-gone = لم يعد هذا الموعد نشطًا.
appointments-reschedule-day = اليوم الجديد لـ { $line }؟
appointments-rescheduled = 🔁 تم التغيير! أصبح الموعد { $code }:
    { $service }
    { $when }
    { $office }
    { $address }
    يُرجى إحضار:
    { $documents }
booking-waitlist = 🔔 أخبرني عندما يتوفر مكان
booking-waitlist-added = تم: إذا توفر مكان في هذا المكتب خلال الأسابيع القادمة فسأخبرك فورًا (مرة واحدة). يمكنك أيضًا الرجوع وتجربة مكتب آخر.
booking-in-private = يتطلب الحجز رقم جواز السفر ورقم الهاتف، وسيقرؤهما كل من في هذه المجموعة. لنكمل في محادثة خاصة: { $link }
booking-not-in-group = يتطلب الحجز رقم جواز السفر ورقم الهاتف، وسيقرؤهما كل من في هذه المجموعة، لذا لا يُتاح الحجز هنا. يُرجى مراسلتي في محادثة خاصة للحجز.
