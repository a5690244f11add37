### Booking an appointment, my appointments, reschedule, cancel.

booking-pick-service = Which service do you need?
booking-pick-city = In which city?
booking-pick-office = Which office?
booking-pick-day = Which day at { $office }? (free places in brackets)
booking-day-label = { $date } ({ $free })
booking-pick-slot = Which time on { $date }?
booking-slot-label = { $time } ({ $free } free)
booking-no-free-days = There are no free places at this office in the coming weeks. Please go back and choose another office.
booking-day-full = That day is fully booked now. Please choose another day.
booking-slot-taken = Sorry, someone has just taken the last place at that time. Here are the times still free:
booking-start-over = Something is missing in this booking. Please go back to the menu and start again.
booking-ask-name = Please type the applicant's full name in Latin letters, exactly as in the passport.
booking-name-invalid = Please type the name in Latin letters (A–Z, accents allowed) as printed in the passport, for example Anna Müller or ZHANG WEI: letters, spaces and hyphens only, 2 to 100 characters.
booking-ask-nationality = Nationality? Pick one or type the three-letter code from the passport (for example DEU).
booking-nationality-invalid = Please pick a nationality or type the three-letter code from the passport, for example DEU or RUS.
booking-ask-passport = Passport number?
booking-passport-invalid = A passport number has 5 to 20 letters and digits, without other signs. Please check and type it again.
booking-ask-phone = A phone number where the office can reach you (with country code if not Chinese)?
booking-phone-invalid = Please type a phone number of 7 to 15 digits, for example +86 138 0013 8000.
booking-type-answer = Please type your answer as text.
booking-summary = Please check your booking:
    Service: { $service }
    Office: { $office }
    Time: { $when }
    Name: { $name }
    Nationality: { $nationality }
    Passport: { $passport }
    Phone: { $phone }
booking-confirm = ✅ Confirm
booking-confirmed = ✅ Booked! Your appointment code is { $code }.
    { $service }
    { $when }
    { $office }
    { $address }
    Please bring:
    { $documents }
    The calendar file below adds the appointment to your calendar.
booking-limit-user = You already have { $limit ->
        [one] an active appointment
       *[other] { $limit } active appointments
    } for this service, the most one person may hold. Cancel or use { $limit ->
        [one] it
       *[other] one of them
    } before booking another.
booking-limit-passport = This passport already has an active appointment for this service. Reschedule it in "My appointments" instead of booking a second one.
booking-limit-address = This connection has already booked { $limit ->
        [one] one place
       *[other] { $limit } places
    } at this office on that day, the most one connection may book from the web chat. Please choose another day, or book through Telegram, WeChat or WhatsApp.
booking-proof-of-work-missing = Your browser did not finish its short check before booking. Please press "Confirm" again and keep this page open for a moment.
calendar-summary = { $service } – { $office }
calendar-description = Appointment code { $code }. Office phone { $phone }. Booked with visadesk.

appointments-list = Your appointments:
appointments-none = You have no upcoming appointments.
appointments-line = { $code } · { $service } · { $office } · { $when }
appointments-reschedule = 🔁 Reschedule { $code }
appointments-cancel = ✖ Cancel { $code }
appointments-confirm-cancel = Cancel this appointment?
    { $line }
appointments-yes-cancel = Yes, cancel it
appointments-cancelled = Appointment { $code } is cancelled and its place freed.
appointments-gone = That appointment is no longer active.
appointments-reschedule-day = New day for { $line }?
appointments-rescheduled = 🔁 Moved! Appointment { $code } is now:
    { $service }
    { $when }
    { $office }
    { $address }
    Please bring:
    { $documents }
booking-waitlist = 🔔 Tell me when a place frees up
booking-waitlist-added = Done: if a place frees up at this office in the next weeks, I will tell you at once (once). You can also go back and try another office.
booking-in-private = Booking asks for a passport number and a phone number, which everyone in this group would read. Let us continue in a private chat: { $link }
booking-not-in-group = Booking asks for a passport number and a phone number, which everyone in this group would read, so it is not offered here. Please write to me in a private chat to book.
