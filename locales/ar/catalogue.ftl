### The service catalogue: service names, who each is for, documents, fee notes.

service-visa-extension = تمديد التأشيرة
service-visa-extension-who = لحاملي التأشيرات الذين يحتاجون إلى البقاء مدة أطول مما تسمح به تأشيرتهم؛ قدّم الطلب قبل انتهاء مدة الإقامة بسبعة أيام على الأقل.
service-visa-renewal = تجديد التأشيرة
service-visa-renewal-who = لحاملي التأشيرات التي يجب استبدالها، مثلًا بعد تغيير جواز السفر أو عند امتلاء صفحاته.
service-visa-reissuance = إعادة إصدار التأشيرة
service-visa-reissuance-who = للأجانب الذين فُقدت تأشيرتهم أو سُرقت أو تلفت في الصين.
service-residence-first = تصريح الإقامة (الإصدار الأول)
service-residence-first-who = للأجانب الذين دخلوا بتأشيرة تتطلب تصريح إقامة (عمل Z، دراسة X1، عائلة Q1/S1 …)؛ قدّم الطلب خلال 30 يومًا من الدخول.
service-residence-renewal = تمديد تصريح الإقامة
service-residence-renewal-who = لحاملي تصاريح الإقامة الذين يحتاجون إلى البقاء مدة أطول؛ قدّم الطلب قبل انتهاء التصريح بثلاثين يومًا على الأقل.
service-residence-change = تعديل تصريح الإقامة
service-residence-change-who = لحاملي تصاريح الإقامة الذين تغيّرت بياناتهم (صاحب عمل أو مدرسة جديدة، جواز سفر جديد، الاسم، أفراد الأسرة المرافقون)؛ قدّم الطلب خلال 10 أيام من التغيير.
service-residence-reissuance = إعادة إصدار تصريح الإقامة
service-residence-reissuance-who = للأجانب الذين فُقد تصريح إقامتهم أو سُرق أو تلف.
service-pr-application = طلب تصريح الإقامة الدائمة
service-pr-application-who = للأجانب الذين يستوفون شروط الإقامة الدائمة (الاستثمار، العمل، لمّ شمل الأسرة، الإسهام المتميز).

document-passport = جواز السفر (الأصل ونسخة من صفحات الصورة والتأشيرة وآخر ختم دخول)
document-application-form = استمارة طلب التأشيرة وتصريح الإقامة، مُعبّأة
document-photo = صورة ملوّنة حديثة واحدة مقاس 2 بوصة، بخلفية بيضاء، دون غطاء رأس (أو تُلتقط في المكتب)
document-accommodation-registration = استمارة تسجيل الإقامة المؤقتة من مركز الشرطة أو الفندق
document-extension-reason-proof = إثبات سبب البقاء مدة أطول (دعوة، شهادة من المستشفى، إثبات القرابة …)
document-police-report-loss = محضر الشرطة بالفقدان أو السرقة
document-health-certificate = شهادة صحية من مركز معتمد للصحة والحجر الصحي
document-work-permit = تصريح عمل الأجانب
document-employer-letter = خطاب من صاحب العمل، مختوم بختمه الرسمي
document-study-admission = إشعار القبول واستمارة JW201/JW202 من المدرسة
document-family-relation-proof = إثبات صلة القرابة (عقد زواج أو شهادة ميلاد، مصدّق)
document-change-proof = إثبات التغيير (جواز سفر جديد، تصريح عمل جديد، خطاب جديد من المدرسة …)
document-no-criminal-record = شهادة حسن السيرة والسلوك (خلو السجل الجنائي)
document-pr-eligibility-proof = إثبات الأهلية للإقامة الدائمة (مستندات العمل أو الاستثمار أو الأسرة)

fee-note-residence-tiers = تعتمد رسوم تصريح الإقامة على مدة صلاحيته: 400 ¥ لأقل من سنة، و800 ¥ من سنة إلى ثلاث سنوات، و1000 ¥ من ثلاث إلى خمس سنوات (الشريحة الأخيرة غير مؤكدة من مصدر).
