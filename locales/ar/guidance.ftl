### Guidance per service: documents, fees, processing time, steps.

guidance-pick-service = لأي خدمة تحتاج إلى إرشادات؟
guidance-gone = لم تعد هذه الخدمة متاحة.
guidance-documents = المستندات المطلوب إحضارها:
guidance-if-applicable = (إن كان ذلك ينطبق عليك)
guidance-fee = الرسوم: { $fee }
guidance-fee-unknown = الرسوم: غير مؤكدة؛ اسأل المكتب.
guidance-processing = مدة المعالجة: حتى { $days ->
        [zero] { $days } يوم عمل
        [one] يوم عمل واحد
        [two] يومَي عمل
        [few] { $days } أيام عمل
        [many] { $days } يوم عمل
       *[other] { $days } يوم عمل
    }
guidance-processing-unknown = مدة المعالجة: غير مؤكدة؛ اسأل المكتب.
guidance-unverified = ⚠ غير مؤكد من مصدر رسمي.
guidance-steps = الخطوات:
    1. احجز موعدًا.
    2. أحضر المستندات المذكورة أعلاه (الأصول والنسخ) ورمز الحجز مطبوعًا أو على الشاشة.
    3. في المكتب: قدّم الطلب، وتُلتقط الصورة والبصمات عند الحاجة، وادفع الرسوم.
    4. احتفظ بالإيصال: عليه رقم إيصالك وتاريخ الاستلام.
    5. استلم جواز سفرك في تاريخ الاستلام.
guidance-source = المصدر: { $url } (تم التحقق في { $date })
guidance-book-this = 📅 احجز هذه الخدمة
