### The PR holder's passport and its e-document (the document itself: e_document.ftl).

records-private-only = Por su privacidad, solo muestro expedientes personales en un chat privado conmigo, no en un grupo. Escríbame directamente.
records-for-relative = Expedientes de { $name } (usted actúa por esta persona):
passport-no-pr = No encuentro ningún permiso de residencia permanente en sus expedientes, así que no hay pasaporte de residente permanente que mostrar.
passport-pr-line = Permiso de residencia permanente de { $name }: { $number }
passport-none-linked = Todavía no hay ningún pasaporte vinculado a este permiso. Pregunte en la oficina que lo expidió.
passport-linked-line = Pasaporte vinculado: { $number } ({ $nationality }), válido hasta el { $expires }; registrado por la oficina el { $since }.
passport-declared-line = Nuevo pasaporte que usted declaró: { $number } ({ $nationality }), válido hasta el { $expires }; declarado el { $since }, pendiente de confirmación por una oficina.
passport-issue-document = 📄 Emitir un documento electrónico
passport-declare-new = 🛂 Tengo un pasaporte nuevo
passport-documents-heading = Sus documentos electrónicos válidos:
passport-document-line = • N.º { $id }, emitido el { $issued }
passport-revoke-document = ❌ Revocar el n.º { $id }
passport-document-unavailable = Lo sentimos, ahora no se pueden emitir documentos electrónicos. Inténtelo más tarde; la oficina también puede emitir uno.
passport-document-issued = Aquí tiene su documento electrónico. Cualquiera puede comprobarlo en { $url } o escaneando su código QR.
passport-ask-new-number = ¿Número de su nuevo pasaporte?
passport-ask-expiry = ¿Hasta cuándo es válido el nuevo pasaporte? (por ejemplo 2034-05-31)
passport-expiry-invalid = Escriba una fecha futura como año-mes-día, por ejemplo 2034-05-31.
passport-declare-summary = ¿Declarar su nuevo pasaporte { $number }, válido hasta el { $expires }? Una oficina lo confirmará; hasta entonces, los documentos electrónicos certifican su pasaporte anterior.
passport-declare-confirm = ✅ Sí, declararlo
passport-declared = Hecho. Su nuevo pasaporte queda registrado y pendiente de que una oficina lo confirme. Llévelo en su próxima visita.
passport-already-known = Ese pasaporte ya está registrado. Si es suyo y no está vinculado, pregunte en la oficina.
passport-revoke-confirm = ¿Revocar el documento electrónico n.º { $id }? Quien lo compruebe verá entonces que ya no es válido.
passport-revoke-yes = Sí, revocarlo
passport-document-revoked = Hecho, el documento electrónico está revocado.
