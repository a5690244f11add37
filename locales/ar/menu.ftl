### The main menu and settings.

menu-prompt = كيف يمكنني مساعدتك؟
menu-book = 📅 حجز موعد
menu-appointments = 🗂 مواعيدي
menu-offices = 🏢 المكاتب
menu-guidance = 📋 المستندات والرسوم
menu-progress = ⏳ حالة الطلب
menu-permits = 🪪 تأشيرتي / تصريح إقامتي
menu-pr = 🟩 تصريح الإقامة الدائمة
menu-passport = 🛂 جواز سفر حامل الإقامة الدائمة
menu-family = 👨‍👩‍👧 مساعدة قريب
menu-settings = ⚙ الإعدادات
menu-help = ❓ مساعدة
menu-not-understood = لم أفهم ذلك. يُرجى اختيار أحد الخيارات، أو اكتب مثلًا «موعد» أو «مكتب» أو «رسوم».

settings-prompt = الإعدادات
settings-notifications-on = الإشعارات: مفعّلة
settings-notifications-off = الإشعارات: معطّلة
settings-turn-on = 🔔 تفعيل الإشعارات
settings-turn-off = 🔕 إيقاف الإشعارات
settings-language = 🌐 اللغة
settings-language-prompt = اختر لغتك:
settings-language-changed = تم، سأتحدث معك بالعربية من الآن فصاعدًا.
