### The service catalogue: service names, who each is for, documents, fee notes.

service-visa-extension = Prórroga del visado
service-visa-extension-who = Para titulares de visado que necesitan quedarse más tiempo del que permite su visado; solicítela al menos 7 días antes de que venza la estancia.
service-visa-renewal = Renovación del visado
service-visa-renewal-who = Para titulares cuyo visado debe sustituirse, por ejemplo tras un cambio de pasaporte o cuando sus páginas están llenas.
service-visa-reissuance = Nueva expedición del visado
service-visa-reissuance-who = Para extranjeros cuyo visado se perdió, fue robado o resultó dañado en China.
service-residence-first = Permiso de residencia (primera expedición)
service-residence-first-who = Para extranjeros que entraron con un visado que exige permiso de residencia (trabajo Z, estudios X1, familia Q1/S1 …); solicítelo en los 30 días siguientes a la entrada.
service-residence-renewal = Prórroga del permiso de residencia
service-residence-renewal-who = Para titulares de un permiso de residencia que necesitan quedarse más tiempo; solicítela al menos 30 días antes de que venza el permiso.
service-residence-change = Modificación del permiso de residencia
service-residence-change-who = Para titulares de un permiso de residencia cuyos datos han cambiado (nuevo empleador o centro de estudios, nuevo pasaporte, nombre, familiares acompañantes); solicítela en los 10 días siguientes al cambio.
service-residence-reissuance = Nueva expedición del permiso de residencia
service-residence-reissuance-who = Para extranjeros cuyo permiso de residencia se perdió, fue robado o resultó dañado.
service-pr-application = Solicitud de permiso de residencia permanente
service-pr-application-who = Para extranjeros que cumplen las condiciones de la residencia permanente (inversión, empleo, reagrupación familiar, contribución especial).

document-passport = Pasaporte (original y copia de las páginas de la foto, del visado y del último sello de entrada)
document-application-form = Formulario de solicitud de visado y permiso de residencia, cumplimentado
document-photo = Una foto en color reciente de 2 pulgadas, fondo blanco, sin cubrirse la cabeza (o tomada en la oficina)
document-accommodation-registration = Formulario de registro de residencia temporal de la comisaría o del hotel
document-extension-reason-proof = Justificante del motivo para quedarse más tiempo (invitación, certificado médico, prueba de parentesco …)
document-police-report-loss = Denuncia policial de la pérdida o el robo
document-health-certificate = Certificado médico de un centro designado de salud y cuarentena
document-work-permit = Permiso de trabajo para extranjeros
document-employer-letter = Carta del empleador, con su sello oficial
document-study-admission = Carta de admisión y formulario JW201/JW202 del centro de estudios
document-family-relation-proof = Prueba del parentesco (certificado de matrimonio o de nacimiento, legalizado)
document-change-proof = Justificante del cambio (nuevo pasaporte, nuevo permiso de trabajo, nueva carta del centro …)
document-no-criminal-record = Certificado de antecedentes penales negativo
document-pr-eligibility-proof = Pruebas del derecho a la residencia permanente (documentos de empleo, inversión o familia)

fee-note-residence-tiers = La tasa del permiso de residencia depende de su validez: 400 ¥ por menos de un año, 800 ¥ de uno a tres años y 1000 ¥ de tres a cinco años (el último tramo no está confirmado por una fuente).
