### Telegram: the command menu (setMyCommands) and the few words the Telegram adapter adds.

telegram-command-start = البدء من جديد وعرض القائمة الرئيسية
telegram-command-book = حجز موعد في مكتب الدخول والخروج
telegram-command-appointments = مواعيدي: تغيير الموعد أو إلغاؤه
telegram-command-offices = العثور على مكتب الدخول والخروج
telegram-command-guidance = المستندات والرسوم ومدة المعالجة
telegram-command-settings = اللغة والإشعارات
telegram-command-language = تغيير اللغة
telegram-command-help = ما يمكنني فعله
telegram-command-cancel = إلغاء ما نقوم به
# The reply-keyboard button that shares the user's location.
telegram-share-location = 📍 مشاركة موقعي
# Shown briefly when a button of an older message is pressed again.
telegram-button-used = استُخدم هذا الزر من قبل. يُرجى استخدام أحدث رسالة.
# Shown briefly when a group member presses buttons meant for another member.
telegram-not-your-buttons = هذه الأزرار تخص محادثة عضو آخر. أرسل /start لتبدأ محادثتك.
