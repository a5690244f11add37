### Personal records behind proven identity: linking, progress, permits, PR permit.

identity-intro = To show personal records I first need to check that they are yours. I will ask for your nationality, passport number, birth date and the receipt number of one of your applications (or the link code an office gave you).
identity-ask-birth-date = Birth date? (for example 1990-01-31)
identity-birth-date-invalid = Please type the birth date as year-month-day, for example 1990-01-31.
identity-ask-proof = The receipt number from your acceptance slip, or the link code an office gave you?
identity-proof-invalid = Please type the receipt number or the link code exactly as printed.
identity-linked = Thank you, your identity is confirmed on this chat.
identity-failed = These details do not match our records. Please check them and try again.
identity-limited = Too many attempts. For your security, please try again after { $until }.
identity-limited-link-code = Too many attempts for this passport. Until { $until }, it can only be proved with a one-time link code from an Exit-Entry office: ask for one at the office handling your application, then use it as the receipt number.

records-for = Records of { $name }:
progress-none = No applications yet.
progress-application = { $service } · { $office } · receipt { $receipt }
    Status: { $status }
progress-note = Note from the office: { $note }
progress-pickup = Ready for pickup at { $address }
    From { $from } until { $until }. Please bring your passport and the acceptance slip.
progress-pickup-place = Where exactly: { $place }
progress-pickup-bring = The office asks you to bring: { $bring }
progress-timeline = History:
progress-watch = 🔔 Notify me about { $receipt }
progress-unwatch = 🔕 Stop notifying about { $receipt }
progress-watching = I will let you know when the status changes.
progress-not-watching = I will no longer notify you about this application.
status-received = received
status-in-review = in review
status-more-documents-needed = more documents needed
status-approved = approved
status-ready-for-pickup = ready for pickup
status-collected = collected
status-rejected = rejected

permits-none = No visa or residence permit on record.
permit-kind-visa = Visa
permit-kind-residence-permit = Residence permit
entries-single = single entry
entries-double = two entries
entries-multiple = multiple entries
permit-line = { $kind } ({ $type })
    Number: { $number }
    Issued: { $issued }
    Expires: { $expires }
    Entries: { $entries }
permit-stay = Stay per entry: { $days ->
        [one] { $days } day
       *[other] { $days } days
    }
permit-days-left = { $days ->
    [one] { $days } day left
   *[other] { $days } days left
}
permit-expired = ⚠ Expired.
permit-expiring-soon = ⚠ Expires in { $days ->
        [one] { $days } day
       *[other] { $days } days
    }: apply for the renewal now.
permit-renew = 📅 Book the renewal

pr-none = No permanent residence permit on record.
pr-line = Permanent residence permit
    Number: { $number }
    Issued: { $issued }
    Expires: { $expires }
    Status: { $status }
pr-status-valid = valid
pr-status-expired = expired
pr-status-revoked = revoked
pr-status-lost = reported lost

settings-forget = 🧹 Forget me on this chat
settings-forget-confirm = Remove every link between this chat and your records? You will need to confirm your identity again to see them.
settings-forget-yes = Yes, forget me
settings-forgotten = Done. This chat no longer has access to your records.
settings-nothing-to-forget = This chat is not linked to any records.

settings-my-data = 📥 Download my data
settings-my-data-nothing = visadesk holds nothing about you in this chat.
settings-my-data-summary = Here is a copy of everything visadesk holds about you, as a JSON file. In short:
    • chats linked to you: { $channels }
    • applicants you proved to be: { $applicants }, with { $applications } applications and { $permits } permits on record
    • appointments: { $appointments }
    • people acting for you or for whom you act: { $delegations }
    • notifications: { $notifications }
    • audit log entries about you: { $audit }
settings-erase = 🗑 Erase my data
settings-erase-confirm = Erase everything visadesk keeps about you for the chat? This removes your chat account on every linked chat, your settings, your links to your records, the people acting for you or for whom you act, watched applications, places you wait for, your notifications and any unfinished booking. It cannot be undone.
    The office's own records stay: your applications, permits, passports, e-documents and booked appointments belong to the Exit-Entry office and are not erased.
settings-erase-yes = Yes, erase my data
settings-erased = Done: your data is erased. If you write again, we start from scratch.
progress-estimate = Usually ready by { $date }: { $basis ->
        [completed] { $percent } % of the { $cases } applications for this service at this office in the last { $window } days were ready within { $days ->
            [one] { $days } working day
           *[other] { $days } working days
        }.
       *[published] the published processing time is { $days ->
            [one] { $days } working day
           *[other] { $days } working days
        } (this office has finished too few applications for this service in the last { $window } days to count on its own figures).
    }
progress-estimate-passed = The usual date ({ $date }) has passed and your application is not ready yet. You can ask the office by phone: { $phone }
