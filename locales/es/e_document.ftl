### The e-document (NIA function 5): the PDF a PR holder hands to a bank, and its verify page.

# Who issues e-documents when VISADESK_ISSUER_NAME is not set.
edoc-issuer-default = Administración de Entrada y Salida
edoc-title = Certificación: pasaporte vinculado a un permiso de residencia permanente
edoc-statement = { $issuer } certifica que el pasaporte que figura abajo está vinculado a la Tarjeta de Identidad de Residente Permanente para Extranjeros de su titular, según los registros de una oficina de Entrada y Salida.
edoc-label-holder = Titular
edoc-label-nationality = Nacionalidad
edoc-label-pr = N.º de la tarjeta de residente permanente
edoc-label-pr-expires = Válida hasta
edoc-label-passport = N.º del pasaporte actual
edoc-label-previous-passport = N.º del pasaporte anterior
edoc-label-issued = Fecha de emisión
edoc-label-id = N.º del documento
edoc-no-previous = ninguno
edoc-verify = Para comprobar este documento, escanee el código QR o abra la dirección de abajo; introduzca el número del documento y la fecha de nacimiento del titular para comparar cada valor.
edoc-qr-alt = Código QR de la dirección donde se puede comprobar este documento: { $url }
edoc-signed-data = Datos firmados (JSON canónico): { $payload }
edoc-signature = Firma Ed25519 (base64): { $signature }

verify-title = Comprobar un documento electrónico
verify-valid = ✅ Válido: este documento lo emitió { $issuer } y no ha sido revocado.
verify-revoked = ❌ Revocado el { $date }: este documento ya no es válido.
verify-unknown = ❓ Desconocido: aquí no se ha emitido ningún documento con este número.
verify-invalid = ⚠ No válido: la firma de este documento no coincide. No confíe en él.
verify-masked = Los nombres y números están ocultos en parte. Para comparar cada valor con el papel, introduzca la fecha de nacimiento del titular.
verify-birth-date = Fecha de nacimiento del titular
verify-show = Mostrar los valores completos
verify-full = Valores completos, tal como se firmaron: compárelos con el documento.
verify-birth-date-wrong = Esta fecha de nacimiento no coincide con la del titular del documento.
verify-too-many = Demasiados intentos para este documento. Vuelva a intentarlo dentro de una hora.
verify-key = Los datos firmados y la clave pública del servicio:
