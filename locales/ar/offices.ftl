### The office directory.

offices-pick-city = أي مدينة؟
offices-or-share-location = أو شارك موقعك لترى أقرب المكاتب.
offices-pick-office = أي مكتب؟
offices-nearest = أقرب المكاتب:
offices-with-distance = { $office } ({ $km } كم)
offices-gone = لم يعد هذا المكتب في الدليل.
offices-city-unknown = لا أعرف مكتبًا في تلك المدينة. يُرجى اختيار مدينة أدناه.
office-phone = الهاتف: { $phone }
office-open-now = 🟢 مفتوح الآن
office-closed-now = 🔴 مغلق الآن
office-hours-this-week = ساعات العمل هذا الأسبوع:
office-closed = مغلق
office-closed-holiday = مغلق (عطلة رسمية)
office-services = الخدمات:
office-source = المصدر: { $url } (تم التحقق في { $date })
office-unverified = ⚠ تعذّر تأكيد بعض بيانات هذا المكتب من مصدر رسمي؛ يُرجى الاتصال قبل الذهاب.
office-what-next = هل تريد الحجز هنا؟
office-book-here = 📅 احجز هنا
