### Telegram: the command menu (setMyCommands) and the few words the Telegram adapter adds.

telegram-command-start = Start over and show the main menu
telegram-command-book = Book an appointment at an Exit-Entry office
telegram-command-appointments = My appointments: reschedule or cancel
telegram-command-offices = Find an Exit-Entry office
telegram-command-guidance = Documents, fees and processing times
telegram-command-settings = Language and notifications
telegram-command-language = Change the language
telegram-command-help = What I can do
telegram-command-cancel = Cancel what we are doing
# The reply-keyboard button that shares the user's location.
telegram-share-location = 📍 Share my location
# Shown briefly when a button of an older message is pressed again.
telegram-button-used = This button was already used. Please use the latest message.
# Shown briefly when a group member presses buttons meant for another member.
telegram-not-your-buttons = These buttons belong to another member's conversation. Send /start to begin your own.
