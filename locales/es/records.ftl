### Personal records behind proven identity: linking, progress, permits, PR permit.

identity-intro = Para mostrar expedientes personales primero tengo que comprobar que son suyos. Le pediré su nacionalidad, su número de pasaporte, su fecha de nacimiento y el número de resguardo de una de sus solicitudes (o el código de vinculación que le dio una oficina).
identity-ask-birth-date = ¿Fecha de nacimiento? (por ejemplo 1990-01-31)
identity-birth-date-invalid = Escriba la fecha de nacimiento como año-mes-día, por ejemplo 1990-01-31.
identity-ask-proof = ¿El número de resguardo de su solicitud, o el código de vinculación que le dio una oficina?
identity-proof-invalid = Escriba el número de resguardo o el código de vinculación exactamente como está impreso.
identity-linked = Gracias, su identidad está confirmada en este chat.
identity-failed = Estos datos no coinciden con nuestros registros. Compruébelos e inténtelo de nuevo.
identity-limited = Demasiados intentos. Por su seguridad, inténtelo de nuevo después de { $until }.
identity-limited-link-code = Demasiados intentos para este pasaporte. Hasta { $until }, solo puede demostrarse con un código de vinculación de un solo uso de una oficina de Entrada y Salida: pídalo en la oficina que tramita su solicitud y úselo como número de resguardo.

records-for = Expedientes de { $name }:
progress-none = Todavía no hay solicitudes.
progress-application = { $service } · { $office } · resguardo { $receipt }
    Estado: { $status }
progress-note = Nota de la oficina: { $note }
progress-pickup = Listo para recoger en { $address }
    Desde el { $from } hasta el { $until }. Lleve su pasaporte y el resguardo de la solicitud.
progress-pickup-place = Dónde exactamente: { $place }
progress-pickup-bring = La oficina le pide que lleve: { $bring }
progress-timeline = Historial:
progress-watch = 🔔 Avisarme sobre { $receipt }
progress-unwatch = 🔕 Dejar de avisarme sobre { $receipt }
progress-watching = Le avisaré cuando cambie el estado.
progress-not-watching = Ya no le avisaré sobre esta solicitud.
status-received = recibida
status-in-review = en revisión
status-more-documents-needed = se necesitan más documentos
status-approved = aprobada
status-ready-for-pickup = lista para recoger
status-collected = recogida
status-rejected = denegada

permits-none = No hay ningún visado ni permiso de residencia registrado.
permit-kind-visa = Visado
permit-kind-residence-permit = Permiso de residencia
entries-single = una entrada
entries-double = dos entradas
entries-multiple = entradas múltiples
permit-line = { $kind } ({ $type })
    Número: { $number }
    Expedido: { $issued }
    Vence: { $expires }
    Entradas: { $entries }
permit-stay = Estancia por entrada: { $days ->
        [one] { $days } día
        [many] { $days } de días
       *[other] { $days } días
    }
permit-days-left = { $days ->
    [one] Queda { $days } día
    [many] Quedan { $days } de días
   *[other] Quedan { $days } días
}
permit-expired = ⚠ Vencido.
permit-expiring-soon = ⚠ Vence dentro de { $days ->
        [one] { $days } día
        [many] { $days } de días
       *[other] { $days } días
    }: solicite la renovación ya.
permit-renew = 📅 Reservar la renovación

pr-none = No hay ningún permiso de residencia permanente registrado.
pr-line = Permiso de residencia permanente
    Número: { $number }
    Expedido: { $issued }
    Vence: { $expires }
    Estado: { $status }
pr-status-valid = válido
pr-status-expired = vencido
pr-status-revoked = revocado
pr-status-lost = declarado perdido

settings-forget = 🧹 Olvidarme en este chat
settings-forget-confirm = ¿Eliminar todos los vínculos entre este chat y sus expedientes? Tendrá que confirmar su identidad de nuevo para verlos.
settings-forget-yes = Sí, olvidarme
settings-forgotten = Hecho. Este chat ya no tiene acceso a sus expedientes.
settings-nothing-to-forget = Este chat no está vinculado a ningún expediente.
