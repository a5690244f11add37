### The main menu and settings.

menu-prompt = Que puis-je faire pour vous ?
menu-book = 📅 Prendre rendez-vous
menu-appointments = 🗂 Mes rendez-vous
menu-offices = 🏢 Bureaux
menu-guidance = 📋 Documents et frais
menu-progress = ⏳ Suivi de la demande
menu-permits = 🪪 Mon visa / titre de séjour
menu-pr = 🟩 Carte de résident permanent
menu-passport = 🛂 Passeport du résident permanent
menu-family = 👨‍👩‍👧 Aider un proche
menu-settings = ⚙ Paramètres
menu-help = ❓ Aide
menu-not-understood = Je n’ai pas compris. Choisissez une option, ou tapez par exemple « rendez-vous », « bureau » ou « frais ».

settings-prompt = Paramètres
settings-notifications-on = Notifications : activées
settings-notifications-off = Notifications : désactivées
settings-turn-on = 🔔 Activer les notifications
settings-turn-off = 🔕 Désactiver les notifications
settings-language = 🌐 Langue
settings-language-prompt = Choisissez votre langue :
settings-language-changed = C’est fait, je parlerai français désormais.
