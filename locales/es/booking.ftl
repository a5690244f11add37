### Booking an appointment, my appointments, reschedule, cancel.

booking-pick-service = ¿Qué trámite necesita?
booking-pick-city = ¿En qué ciudad?
booking-pick-office = ¿Qué oficina?
booking-pick-day = ¿Qué día en { $office }? (plazas libres entre paréntesis)
booking-day-label = { $date } ({ $free })
booking-pick-slot = ¿A qué hora el { $date }?
booking-slot-label = { $time } ({ $free } libres)
booking-no-free-days = Esta oficina no tiene plazas libres en las próximas semanas. Vuelva atrás y elija otra oficina.
booking-day-full = Ese día ya está completo. Elija otro día.
booking-slot-taken = Lo sentimos, alguien acaba de tomar la última plaza a esa hora. Estas son las horas que siguen libres:
booking-start-over = Falta algo en esta reserva. Vuelva al menú y empiece de nuevo.
booking-ask-name = Escriba el nombre completo del solicitante en letras latinas, exactamente como figura en el pasaporte.
booking-name-invalid = Escriba el nombre en letras latinas (A–Z, se admiten acentos) tal como está impreso en el pasaporte, por ejemplo Anna Müller o ZHANG WEI: solo letras, espacios y guiones, de 2 a 100 caracteres.
booking-ask-nationality = ¿Nacionalidad? Elija una o escriba el código de tres letras del pasaporte (por ejemplo ESP).
booking-nationality-invalid = Elija una nacionalidad o escriba el código de tres letras del pasaporte, por ejemplo ESP o MEX.
booking-ask-passport = ¿Número de pasaporte?
booking-passport-invalid = Un número de pasaporte tiene de 5 a 20 letras y cifras, sin otros signos. Compruébelo y escríbalo de nuevo.
booking-ask-phone = ¿Un teléfono en el que la oficina pueda localizarle (con prefijo del país si no es chino)?
booking-phone-invalid = Escriba un número de teléfono de 7 a 15 cifras, por ejemplo +86 138 0013 8000.
booking-type-answer = Escriba su respuesta como texto.
booking-summary = Compruebe su reserva:
    Trámite: { $service }
    Oficina: { $office }
    Hora: { $when }
    Nombre: { $name }
    Nacionalidad: { $nationality }
    Pasaporte: { $passport }
    Teléfono: { $phone }
booking-confirm = ✅ Confirmar
booking-confirmed = ✅ ¡Reservado! Su código de cita es { $code }.
    { $service }
    { $when }
    { $office }
    { $address }
    Lleve:
    { $documents }
    El archivo de calendario de abajo añade la cita a su calendario.
booking-limit-user = Ya tiene { $limit ->
        [one] { $limit } cita activa
        [many] { $limit } de citas activas
       *[other] { $limit } citas activas
    } para este trámite, el máximo que puede tener una persona. { $limit ->
        [one] Cancélela o acuda a ella
        [many] Cancele una o acuda a una de ellas
       *[other] Cancele una o acuda a una de ellas
    } antes de reservar otra.
booking-limit-passport = Este pasaporte ya tiene una cita activa para este trámite. Cámbiela de fecha en «Mis citas» en lugar de reservar una segunda.
booking-limit-address = Esta conexión ya ha reservado { $limit ->
        [one] { $limit } plaza
        [many] { $limit } de plazas
       *[other] { $limit } plazas
    } en esta oficina ese día, el máximo que una conexión puede reservar desde el chat web. Elija otro día o reserve a través de Telegram, WeChat o WhatsApp.
booking-proof-of-work-missing = Su navegador no terminó su breve comprobación antes de reservar. Pulse «Confirmar» de nuevo y mantenga esta página abierta un momento.
calendar-summary = { $service } – { $office }
calendar-description = Código de cita { $code }. Teléfono de la oficina { $phone }. Reservado con visadesk.

appointments-list = Sus citas:
appointments-none = No tiene citas próximas.
appointments-line = { $code } · { $service } · { $office } · { $when }
appointments-reschedule = 🔁 Cambiar { $code }
appointments-cancel = ✖ Cancelar { $code }
appointments-confirm-cancel = ¿Cancelar esta cita?
    { $line }
appointments-yes-cancel = Sí, cancelarla
appointments-cancelled = La cita { $code } está cancelada y su plaza, liberada.
appointments-gone = Esa cita ya no está activa.
appointments-reschedule-day = ¿Nuevo día para { $line }?
appointments-rescheduled = 🔁 ¡Cambiada! La cita { $code } es ahora:
    { $service }
    { $when }
    { $office }
    { $address }
    Lleve:
    { $documents }
booking-waitlist = 🔔 Avíseme cuando se libere una plaza
booking-waitlist-added = Hecho: si se libera una plaza en esta oficina en las próximas semanas, le avisaré enseguida (una vez). También puede volver atrás y probar otra oficina.
booking-in-private = La reserva pide un número de pasaporte y un teléfono, que todo el grupo leería. Sigamos en un chat privado: { $link }
booking-not-in-group = La reserva pide un número de pasaporte y un teléfono, que todo el grupo leería, así que aquí no se ofrece. Escríbame en un chat privado para reservar.
