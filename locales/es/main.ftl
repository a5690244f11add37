### Texts shown in every conversation: greeting, navigation, errors, formats.

# The language's own name, shown in the language picker.
language-name = Español
greeting = ¡Hola! Soy visadesk, su asistente para las oficinas de Entrada y Salida de China. Puedo reservar una cita, encontrar una oficina y decirle qué documentos llevar.
nav-back = ⬅ Atrás
nav-menu = ☰ Menú
stale-button = Ese menú ya no está activo. Aquí es donde estamos ahora:
choose-from-buttons = Elija una de las opciones de abajo.
error-busy = Todavía estoy procesando su mensaje anterior. Envíe este de nuevo dentro de un momento.
error-internal = Lo sentimos, algo ha fallado por nuestra parte. Inténtelo de nuevo. Si vuelve a ocurrir, dé esta referencia al servicio de asistencia: { $reference }
session-restarted = Nuestra conversación anterior ha caducado; empecemos de nuevo desde el menú.
flow-cancelled = Cancelado. No se ha guardado nada.
unknown-command = No conozco esa orden. Escriba «ayuda» para ver lo que puedo hacer.
help-text = Ayudo con los trámites de Entrada y Salida de China. Use los botones o escriba:
    • «cita» para reservar una cita
    • «oficina» para encontrar una oficina de Entrada y Salida
    • «documentos» o «tasa» para orientación
    • «atrás», «cancelar» o «menú» en cualquier paso
    • «idioma» para cambiar de idioma

# Words that work at every step, comma-separated, lower case.
keyword-back = atrás, anterior, volver
keyword-cancel = cancelar, parar, salir
keyword-menu = menú, menú principal, inicio
keyword-help = ayuda
keyword-lang = idioma
# Words that lead from the main menu to a flow.
intent-appointments = mis citas, mis reservas, cambiar cita, reprogramar
intent-book = cita, reservar, reserva, prorrogar, prórroga, renovar, renovación
intent-offices = oficina, oficinas, dirección, dónde, donde, cercana
intent-guidance = documentos, requisitos, tasa, tasas, costo, coste, precio, guía, cómo
intent-settings = ajustes, configuración, notificaciones

# Dates, times and money.
weekday = { $n ->
    [1] lun
    [2] mar
    [3] mié
    [4] jue
    [5] vie
    [6] sáb
   *[7] dom
}
month = { $n ->
    [1] ene
    [2] feb
    [3] mar
    [4] abr
    [5] may
    [6] jun
    [7] jul
    [8] ago
    [9] sept
    [10] oct
    [11] nov
   *[12] dic
}
date-format = { $weekday }, { $day } { $month } { $year }
date-time-format = { $date }, { $time }
money = { $amount } ¥

# The terminal chat (`visadesk chat`).
chat-location-hint = (Para compartir una ubicación, escriba: /location LATITUD LONGITUD)
chat-document-saved = 📎 Guardado: { $path }

# The web chat page.
web-title = visadesk – asistente para Entrada y Salida de China
web-placeholder = Escriba un mensaje…
web-send = Enviar
web-share-location = Compartir mi ubicación
web-location-unavailable = Su navegador no compartió una ubicación. Puede elegir una ciudad en su lugar.
web-download = Descargar
web-error = No se pudo enviar el mensaje. Compruebe su conexión e inténtelo de nuevo.
web-checking = Comprobando su navegador antes de reservar…
web-language = Idioma

# Messaging channels.
channel-unsupported-message = Puedo leer mensajes de texto, ubicaciones compartidas y pulsaciones de menú. Escriba su mensaje.
whatsapp-list-button = Elegir
