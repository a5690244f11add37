### Texts shown in every conversation: greeting, navigation, errors, formats.

# The language's own name, shown in the language picker.
language-name = English
greeting = Hello! I am visadesk, your assistant for China's Exit-Entry offices. I can book an appointment, find an office and tell you which documents to bring.
nav-back = ⬅ Back
nav-menu = ☰ Menu
stale-button = That menu is no longer active. Here is where we are now:
choose-from-buttons = Please choose one of the options below.
error-busy = I am still working on your previous message. Please send this one again in a moment.
error-internal = Sorry, something went wrong on our side. Please try again. If it happens again, give this reference to support: { $reference }
session-restarted = Our previous conversation has expired, so let's start again from the menu.
flow-cancelled = Cancelled. Nothing was saved.
unknown-command = I do not know that command. Type "help" to see what I can do.
help-text = I help with China's Exit-Entry services. Use the buttons, or type:
    • "book" to book an appointment
    • "office" to find an Exit-Entry office
    • "documents" or "fee" for guidance
    • "back", "cancel" or "menu" at any step
    • "language" to change the language

# Words that work at every step, comma-separated, lower case.
keyword-back = back, previous
keyword-cancel = cancel, stop, quit
keyword-menu = menu, main menu, start
keyword-help = help, ?
keyword-lang = language, lang
# Words that lead from the main menu to a flow.
intent-appointments = my appointments, my bookings, reschedule
intent-book = book, booking, appointment, appoint, reserve, extend, extension, renew, renewal
intent-offices = office, offices, address, where, location, hall, nearest
intent-guidance = documents, document, fee, fees, cost, price, guidance, guide, how, requirements
intent-settings = settings, notifications

# Dates, times and money.
weekday = { $n ->
    [1] Mon
    [2] Tue
    [3] Wed
    [4] Thu
    [5] Fri
    [6] Sat
   *[7] Sun
}
month = { $n ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
}
date-format = { $weekday } { $day } { $month } { $year }
date-time-format = { $date }, { $time }
money = ¥{ $amount }

# The terminal chat (`visadesk chat`).
chat-location-hint = (To share a location, type: /location LATITUDE LONGITUDE)
chat-document-saved = 📎 Saved: { $path }

# The web chat page.
web-title = visadesk – China Exit-Entry assistant
web-placeholder = Type a message…
web-send = Send
web-share-location = Share my location
web-location-unavailable = Your browser did not share a location. You can pick a city instead.
web-download = Download
web-error = The message could not be sent. Please check your connection and try again.
web-checking = Checking your browser before booking…
web-language = Language

# Messaging channels.
channel-unsupported-message = I can read text messages, shared locations and menu clicks. Please type your message.
whatsapp-list-button = Choose
