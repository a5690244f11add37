### The PR holder's passport and its e-document (the document itself: e_document.ftl).

records-private-only = حفاظًا على خصوصيتك، لا أعرض السجلات الشخصية إلا في محادثة خاصة معي، لا في مجموعة. يُرجى مراسلتي مباشرة.
records-for-relative = سجلات { $name } (تتصرف نيابةً عنه):
passport-no-pr = لا أجد تصريح إقامة دائمة في سجلاتك، لذا لا يوجد جواز سفر لحامل الإقامة الدائمة لعرضه.
passport-pr-line = تصريح الإقامة الدائمة لـ { $name }: { $number }
passport-none-linked = لا يوجد جواز سفر مرتبط بهذا التصريح بعد. يُرجى سؤال المكتب الذي أصدره.
passport-linked-line = جواز السفر المرتبط: { $number } ({ $nationality })، صالح حتى { $expires }؛ سجّله المكتب في { $since }.
passport-declared-line = جواز السفر الجديد الذي صرّحت به: { $number } ({ $nationality })، صالح حتى { $expires }؛ صُرّح به في { $since }، بانتظار تأكيد أحد المكاتب.
passport-issue-document = 📄 إصدار مستند إلكتروني
passport-declare-new = 🛂 لديّ جواز سفر جديد
passport-documents-heading = مستنداتك الإلكترونية الصالحة:
passport-document-line = • رقم { $id }، صدر في { $issued }
passport-revoke-document = ❌ إلغاء رقم { $id }
passport-document-unavailable = عذرًا، لا يمكن إصدار المستندات الإلكترونية الآن. يُرجى المحاولة لاحقًا؛ ويمكن للمكتب أيضًا إصدار مستند.
passport-document-issued = هذا مستندك الإلكتروني. يمكن لأي شخص التحقق منه على { $url } أو بمسح رمز QR الخاص به.
passport-ask-new-number = رقم جواز سفرك الجديد؟
passport-ask-expiry = حتى متى يصلح جواز السفر الجديد؟ (مثلًا 2034-05-31)
passport-expiry-invalid = يُرجى كتابة تاريخ في المستقبل بصيغة سنة-شهر-يوم، مثلًا 2034-05-31.
passport-declare-summary = هل تريد التصريح بجواز سفرك الجديد { $number }، الصالح حتى { $expires }؟ سيؤكده أحد المكاتب؛ وحتى ذلك الحين تشهد المستندات الإلكترونية لجواز سفرك السابق.
passport-declare-confirm = ✅ نعم، صرّح به
passport-declared = تم. سُجّل جواز سفرك الجديد وهو بانتظار تأكيد أحد المكاتب. أحضره في زيارتك القادمة.
passport-already-known = جواز السفر هذا مسجّل بالفعل. إذا كان لك وغير مرتبط، فيُرجى سؤال المكتب.
passport-revoke-confirm = هل تريد إلغاء المستند الإلكتروني رقم { $id }؟ سيرى كل من يتحقق منه بعد ذلك أنه لم يعد صالحًا.
passport-revoke-yes = نعم، ألغِه
passport-document-revoked = تم، أُلغي المستند الإلكتروني.
