### Personal records behind proven identity: linking, progress, permits, PR permit.

identity-intro = لعرض السجلات الشخصية أحتاج أولًا إلى التحقق من أنها لك. سأسألك عن جنسيتك، ورقم جواز سفرك، وتاريخ ميلادك، ورقم الإيصال لأحد طلباتك (أو رمز الربط الذي أعطاك إياه أحد المكاتب).
identity-ask-birth-date = تاريخ الميلاد؟ (مثلًا 1990-01-31)
identity-birth-date-invalid = يُرجى كتابة تاريخ الميلاد بصيغة سنة-شهر-يوم، مثلًا 1990-01-31.
identity-ask-proof = رقم الإيصال من قسيمة الاستلام، أو رمز الربط الذي أعطاك إياه أحد المكاتب؟
identity-proof-invalid = يُرجى كتابة رقم الإيصال أو رمز الربط تمامًا كما هو مطبوع.
identity-linked = شكرًا، تم تأكيد هويتك في هذه المحادثة.
identity-failed = هذه البيانات لا تطابق سجلاتنا. يُرجى التحقق منها والمحاولة مرة أخرى.
identity-limited = محاولات كثيرة جدًا. حفاظًا على أمانك، يُرجى المحاولة مرة أخرى بعد { $until }.
identity-limited-link-code = محاولات كثيرة جدًا لهذا الجواز. حتى { $until } لا يمكن إثباته إلا برمز ربط صالح لمرة واحدة من مكتب الدخول والخروج: اطلبه من المكتب الذي يعالج طلبك، ثم استخدمه بدلًا من رقم الإيصال.

records-for = سجلات { $name }:
progress-none = لا توجد طلبات بعد.
progress-application = { $service } · { $office } · الإيصال { $receipt }
    الحالة: { $status }
progress-note = ملاحظة من المكتب: { $note }
progress-pickup = جاهز للاستلام في { $address }
    من { $from } حتى { $until }. يُرجى إحضار جواز سفرك وإيصال الاستلام.
progress-pickup-place = المكان بالتحديد: { $place }
progress-pickup-bring = يطلب منك المكتب إحضار: { $bring }
progress-timeline = السجل:
progress-watch = 🔔 أعلمني بشأن { $receipt }
progress-unwatch = 🔕 أوقف الإشعارات بشأن { $receipt }
progress-watching = سأخبرك عندما تتغير الحالة.
progress-not-watching = لن أرسل إليك إشعارات بشأن هذا الطلب بعد الآن.
status-received = مستلَم
status-in-review = قيد المراجعة
status-more-documents-needed = مطلوب مستندات إضافية
status-approved = موافَق عليه
status-ready-for-pickup = جاهز للاستلام
status-collected = تم استلامه
status-rejected = مرفوض

permits-none = لا توجد تأشيرة أو تصريح إقامة مسجّل.
permit-kind-visa = التأشيرة
permit-kind-residence-permit = تصريح الإقامة
entries-single = دخول واحد
entries-double = دخولان
entries-multiple = دخول متعدد
permit-line = { $kind } ({ $type })
    الرقم: { $number }
    تاريخ الإصدار: { $issued }
    تاريخ الانتهاء: { $expires }
    مرات الدخول: { $entries }
permit-stay = مدة الإقامة لكل دخول: { $days ->
        [zero] { $days } يوم
        [one] يوم واحد
        [two] يومان
        [few] { $days } أيام
        [many] { $days } يومًا
       *[other] { $days } يوم
    }
permit-days-left = { $days ->
    [zero] لم يتبقَّ أي يوم
    [one] يتبقى يوم واحد
    [two] يتبقى يومان
    [few] تتبقى { $days } أيام
    [many] يتبقى { $days } يومًا
   *[other] يتبقى { $days } يوم
}
permit-expired = ⚠ منتهي الصلاحية.
permit-expiring-soon = ⚠ تنتهي الصلاحية بعد { $days ->
        [zero] { $days } يوم
        [one] يوم واحد
        [two] يومين
        [few] { $days } أيام
        [many] { $days } يومًا
       *[other] { $days } يوم
    }: قدّم طلب التجديد الآن.
permit-renew = 📅 حجز التجديد

pr-none = لا يوجد تصريح إقامة دائمة مسجّل.
pr-line = تصريح الإقامة الدائمة
    الرقم: { $number }
    تاريخ الإصدار: { $issued }
    تاريخ الانتهاء: { $expires }
    الحالة: { $status }
pr-status-valid = صالح
pr-status-expired = منتهي الصلاحية
pr-status-revoked = ملغى
pr-status-lost = مُبلَّغ عن فقدانه

settings-forget = 🧹 انسَني في هذه المحادثة
settings-forget-confirm = هل تريد إزالة كل ربط بين هذه المحادثة وسجلاتك؟ ستحتاج إلى تأكيد هويتك مرة أخرى لرؤيتها.
settings-forget-yes = نعم، انسَني
settings-forgotten = تم. لم تعد هذه المحادثة قادرة على الوصول إلى سجلاتك.
settings-nothing-to-forget = هذه المحادثة غير مرتبطة بأي سجلات.
settings-my-data = 📥 تنزيل بياناتي
settings-my-data-nothing = لا تحتفظ visadesk بأي شيء عنك في هذه المحادثة.
settings-my-data-summary = هذه نسخة من كل ما تحتفظ به visadesk عنك، في ملف JSON. باختصار:
    • المحادثات المرتبطة بك: { $channels }
    • مقدّمو الطلبات الذين أثبتّ أنك هم: { $applicants }، مع { $applications } طلبات و{ $permits } تصاريح مسجّلة
    • المواعيد: { $appointments }
    • الأشخاص الذين يتصرفون نيابةً عنك أو تتصرف نيابةً عنهم: { $delegations }
    • الإشعارات: { $notifications }
    • سجلات التدقيق المتعلقة بك: { $audit }
settings-erase = 🗑 محو بياناتي
settings-erase-confirm = هل تريد محو كل ما تحتفظ به visadesk عنك لأجل المحادثة؟ سيؤدي ذلك إلى حذف حساب المحادثة في كل محادثة مرتبطة، وإعداداتك، وروابطك بسجلاتك، والأشخاص الذين يتصرفون نيابةً عنك أو تتصرف نيابةً عنهم، والطلبات التي تتابعها، والأماكن التي تنتظرها، وإشعاراتك، وأي حجز لم يكتمل. لا يمكن التراجع عن ذلك.
    تبقى سجلات المكتب نفسه: طلباتك وتصاريحك وجوازات سفرك ومستنداتك الإلكترونية ومواعيدك المحجوزة ملك لمكتب الدخول والخروج ولا تُمحى.
settings-erase-yes = نعم، امحُ بياناتي
settings-erased = تم: مُحيت بياناتك. إذا راسلتنا مرة أخرى فسنبدأ من جديد.
progress-estimate = يكون جاهزًا عادةً بحلول { $date }: { $basis ->
        [completed] كان { $percent } % من { $cases } طلبًا لهذه الخدمة في هذا المكتب خلال آخر { $window } يومًا جاهزًا خلال { $days ->
            [zero] { $days } يوم عمل
            [one] يوم عمل واحد
            [two] يومَي عمل
            [few] { $days } أيام عمل
            [many] { $days } يوم عمل
           *[other] { $days } يوم عمل
        }.
       *[published] مدة المعالجة المعلنة هي { $days ->
            [zero] { $days } يوم عمل
            [one] يوم عمل واحد
            [two] يوما عمل
            [few] { $days } أيام عمل
            [many] { $days } يوم عمل
           *[other] { $days } يوم عمل
        } (أنهى هذا المكتب عددًا قليلًا جدًا من طلبات هذه الخدمة خلال آخر { $window } يومًا لا يكفي للاعتماد على أرقامه الخاصة).
    }
progress-estimate-passed = مضى التاريخ المعتاد ({ $date }) ولم يجهز طلبك بعد. يمكنك سؤال المكتب هاتفيًا: { $phone }
