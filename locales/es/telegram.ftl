### Telegram: the command menu (setMyCommands) and the few words the Telegram adapter adds.

telegram-command-start = Empezar de nuevo y mostrar el menú principal
telegram-command-book = Reservar una cita en una oficina de Entrada y Salida
telegram-command-appointments = Mis citas: cambiar o cancelar
telegram-command-offices = Encontrar una oficina de Entrada y Salida
telegram-command-guidance = Documentos, tasas y plazos de tramitación
telegram-command-settings = Idioma y notificaciones
telegram-command-language = Cambiar el idioma
telegram-command-help = Lo que puedo hacer
telegram-command-cancel = Cancelar lo que estamos haciendo
# The reply-keyboard button that shares the user's location.
telegram-share-location = 📍 Compartir mi ubicación
# Shown briefly when a button of an older message is pressed again.
telegram-button-used = Este botón ya se usó. Use el mensaje más reciente.
# Shown briefly when a group member presses buttons meant for another member.
telegram-not-your-buttons = Estos botones pertenecen a la conversación de otro miembro. Envíe /start para empezar la suya.
