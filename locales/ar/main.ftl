### Texts shown in every conversation: greeting, navigation, errors, formats.

# The language's own name, shown in the language picker.
language-name = العربية
greeting = مرحبًا! أنا visadesk، مساعدك لدى مكاتب إدارة الدخول والخروج في الصين. يمكنني حجز موعد، والعثور على مكتب، وإخبارك بالمستندات التي عليك إحضارها.
nav-back = ⬅ رجوع
nav-menu = ☰ القائمة
stale-button = لم تعد هذه القائمة نشطة. هذا ما وصلنا إليه الآن:
choose-from-buttons = يُرجى اختيار أحد الخيارات أدناه.
error-busy = ما زلت أعالج رسالتك السابقة. يُرجى إرسال هذه الرسالة مرة أخرى بعد لحظات.
error-internal = عذرًا، حدث خطأ من جهتنا. يُرجى المحاولة مرة أخرى. إذا تكرر ذلك، فأعطِ هذا الرقم المرجعي لفريق الدعم: { $reference }
session-restarted = انتهت صلاحية محادثتنا السابقة، فلنبدأ من جديد من القائمة.
flow-cancelled = تم الإلغاء. لم يُحفظ أي شيء.
unknown-command = لا أعرف هذا الأمر. اكتب «مساعدة» لترى ما يمكنني فعله.
help-text = أساعدك في خدمات الدخول والخروج في الصين. استخدم الأزرار، أو اكتب:
    • «موعد» لحجز موعد
    • «مكتب» للعثور على مكتب الدخول والخروج
    • «مستندات» أو «رسوم» للإرشادات
    • «رجوع» أو «إلغاء» أو «القائمة» في أي خطوة
    • «اللغة» لتغيير اللغة

# Words that work at every step, comma-separated, lower case.
keyword-back = رجوع, السابق
keyword-cancel = إلغاء, توقف, خروج
keyword-menu = القائمة, القائمة الرئيسية, البداية
keyword-help = مساعدة
keyword-lang = اللغة
# Words that lead from the main menu to a flow.
intent-appointments = مواعيدي, حجوزاتي, تغيير الموعد
intent-book = موعد, حجز, احجز, تمديد, تجديد
intent-offices = مكتب, مكاتب, عنوان, العنوان, أين, الأقرب
intent-guidance = مستندات, وثائق, رسوم, تكلفة, سعر, إرشادات, كيف
intent-settings = إعدادات, الإعدادات, إشعارات, الإشعارات

# Dates, times and money.
weekday = { $n ->
    [1] الاثنين
    [2] الثلاثاء
    [3] الأربعاء
    [4] الخميس
    [5] الجمعة
    [6] السبت
   *[7] الأحد
}
month = { $n ->
    [1] يناير
    [2] فبراير
    [3] مارس
    [4] أبريل
    [5] مايو
    [6] يونيو
    [7] يوليو
    [8] أغسطس
    [9] سبتمبر
    [10] أكتوبر
    [11] نوفمبر
   *[12] ديسمبر
}
date-format = { $weekday }، { $day } { $month } { $year }
date-time-format = { $date }، { $time }
money = { $amount } ¥

# The terminal chat (`visadesk chat`).
chat-location-hint = (لمشاركة موقع، اكتب: /location خط_العرض خط_الطول)
chat-document-saved = 📎 تم الحفظ: { $path }

# The web chat page.
web-title = visadesk – مساعد الدخول والخروج في الصين
web-placeholder = اكتب رسالة…
web-send = إرسال
web-share-location = مشاركة موقعي
web-location-unavailable = لم يشارك متصفحك أي موقع. يمكنك اختيار مدينة بدلًا من ذلك.
web-download = تنزيل
web-error = تعذّر إرسال الرسالة. يُرجى التحقق من اتصالك والمحاولة مرة أخرى.
web-checking = جارٍ فحص متصفحك قبل الحجز…
web-language = اللغة

# Messaging channels.
channel-unsupported-message = يمكنني قراءة الرسائل النصية والمواقع المشتركة واختيارات القائمة. يُرجى كتابة رسالتك.
whatsapp-list-button = اختر
