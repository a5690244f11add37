### The main menu and settings.

menu-prompt = What can I do for you?
menu-book = 📅 Book an appointment
menu-appointments = 🗂 My appointments
menu-offices = 🏢 Offices
menu-guidance = 📋 Documents and fees
menu-progress = ⏳ Application progress
menu-permits = 🪪 My visa / residence permit
menu-pr = 🟩 Permanent residence permit
menu-passport = 🛂 PR holder's passport
menu-family = 👨‍👩‍👧 Help a relative
menu-settings = ⚙ Settings
menu-help = ❓ Help
menu-not-understood = I did not understand that. Please pick an option, or type for example "book", "office" or "fee".

settings-prompt = Settings
settings-notifications-on = Notifications: on
settings-notifications-off = Notifications: off
settings-turn-on = 🔔 Turn notifications on
settings-turn-off = 🔕 Turn notifications off
settings-language = 🌐 Language
settings-language-prompt = Choose your language:
settings-language-changed = Done, I will speak English from now on.
