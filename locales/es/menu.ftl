### The main menu and settings.

menu-prompt = ¿Qué puedo hacer por usted?
menu-book = 📅 Reservar una cita
menu-appointments = 🗂 Mis citas
menu-offices = 🏢 Oficinas
menu-guidance = 📋 Documentos y tasas
menu-progress = ⏳ Estado de la solicitud
menu-permits = 🪪 Mi visado / permiso de residencia
menu-pr = 🟩 Permiso de residencia permanente
menu-passport = 🛂 Pasaporte del residente permanente
menu-family = 👨‍👩‍👧 Ayudar a un familiar
menu-settings = ⚙ Ajustes
menu-help = ❓ Ayuda
menu-not-understood = No lo he entendido. Elija una opción o escriba, por ejemplo, «cita», «oficina» o «tasa».

settings-prompt = Ajustes
settings-notifications-on = Notificaciones: activadas
settings-notifications-off = Notificaciones: desactivadas
settings-turn-on = 🔔 Activar las notificaciones
settings-turn-off = 🔕 Desactivar las notificaciones
settings-language = 🌐 Idioma
settings-language-prompt = Elija su idioma:
settings-language-changed = Hecho, a partir de ahora le hablaré en español.
