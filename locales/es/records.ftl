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
settings-my-data = 📥 Descargar mis datos
settings-my-data-nothing = visadesk no guarda nada sobre usted en este chat.
settings-my-data-summary = Aquí tiene una copia de todo lo que visadesk guarda sobre usted, como archivo JSON. En resumen:
    • chats vinculados a usted: { $channels }
    • solicitantes que demostró ser: { $applicants }, con { $applications } solicitudes y { $permits } permisos registrados
    • citas: { $appointments }
    • personas que actúan por usted o por quienes usted actúa: { $delegations }
    • notificaciones: { $notifications }
    • entradas del registro de auditoría sobre usted: { $audit }
settings-erase = 🗑 Borrar mis datos
settings-erase-confirm = ¿Borrar todo lo que visadesk guarda sobre usted para el chat? Se eliminan su cuenta de chat en cada chat vinculado, sus ajustes, sus vínculos con sus expedientes, las personas que actúan por usted o por quienes usted actúa, las solicitudes que sigue, las plazas que espera, sus notificaciones y cualquier reserva sin terminar. No se puede deshacer.
    Los registros propios de la oficina se conservan: sus solicitudes, permisos, pasaportes, documentos electrónicos y citas reservadas pertenecen a la oficina de Entrada y Salida y no se borran.
settings-erase-yes = Sí, borrar mis datos
settings-erased = Hecho: sus datos están borrados. Si vuelve a escribir, empezaremos desde cero.
progress-estimate = Suele estar listo para el { $date }: { $basis ->
        [completed] el { $percent } % de las { $cases } solicitudes de este trámite en esta oficina en los últimos { $window } días estuvieron listas en { $days ->
            [one] { $days } día hábil
            [many] { $days } de días hábiles
           *[other] { $days } días hábiles
        } o menos.
       *[published] el plazo de tramitación publicado es de { $days ->
            [one] { $days } día hábil
            [many] { $days } de días hábiles
           *[other] { $days } días hábiles
        } (esta oficina ha terminado muy pocas solicitudes de este trámite en los últimos { $window } días como para fiarse de sus propias cifras).
    }
progress-estimate-passed = La fecha habitual ({ $date }) ya ha pasado y su solicitud todavía no está lista. Puede preguntar a la oficina por teléfono: { $phone }
