### The e-document (NIA function 5): the PDF a PR holder hands to a bank, and its verify page.

# Who issues e-documents when VISADESK_ISSUER_NAME is not set.
edoc-issuer-default = إدارة الدخول والخروج
edoc-title = إفادة: جواز سفر مرتبط بتصريح إقامة دائمة
edoc-statement = تشهد { $issuer } بأن جواز السفر أدناه مرتبط ببطاقة هوية الإقامة الدائمة للأجانب الخاصة بحامله، وفقًا لسجلات أحد مكاتب الدخول والخروج.
edoc-label-holder = الحامل
edoc-label-nationality = الجنسية
edoc-label-pr = رقم بطاقة هوية الإقامة الدائمة
edoc-label-pr-expires = صالحة حتى
edoc-label-passport = رقم جواز السفر الحالي
edoc-label-previous-passport = رقم جواز السفر السابق
edoc-label-issued = تاريخ الإصدار
edoc-label-id = رقم المستند
edoc-no-previous = لا يوجد
edoc-verify = للتحقق من هذا المستند، امسح رمز QR أو افتح العنوان أدناه؛ وأدخل رقم المستند وتاريخ ميلاد الحامل لمقارنة كل القيم.
edoc-qr-alt = رمز QR للعنوان الذي يمكن التحقق فيه من هذا المستند: { $url }
edoc-signed-data = البيانات الموقّعة (JSON قياسي): { $payload }
edoc-signature = توقيع Ed25519 (base64): { $signature }

verify-title = التحقق من مستند إلكتروني
verify-valid = ✅ صالح: أصدرت { $issuer } هذا المستند ولم يُلغَ.
verify-revoked = ❌ أُلغي في { $date }: لم يعد هذا المستند صالحًا.
verify-unknown = ❓ غير معروف: لم يُصدر هنا أي مستند بهذا الرقم.
verify-invalid = ⚠ غير صالح: توقيع هذا المستند غير مطابق. لا تعتمد عليه.
verify-masked = الأسماء والأرقام مخفية جزئيًا. لمقارنة كل القيم بالورقة، أدخل تاريخ ميلاد الحامل.
verify-birth-date = تاريخ ميلاد الحامل
verify-show = عرض القيم كاملة
verify-full = القيم كاملة كما وُقّعت: قارنها بالمستند.
verify-birth-date-wrong = تاريخ الميلاد هذا لا يطابق حامل المستند.
verify-too-many = محاولات كثيرة جدًا لهذا المستند. حاول مرة أخرى بعد ساعة.
verify-key = البيانات الموقّعة والمفتاح العام للخدمة:
