### The PR holder's passport and its e-document (the document itself: e_document.ftl).

records-private-only = For your privacy I show personal records only in a private chat with me, not in a group. Please write to me directly.
records-for-relative = Records of { $name } (you act for them):
passport-no-pr = I find no permanent residence permit among your records, so there is no PR holder's passport to show.
passport-pr-line = Permanent residence permit of { $name }: { $number }
passport-none-linked = No passport is linked to this permit yet. Please ask the office that issued it.
passport-linked-line = Linked passport: { $number } ({ $nationality }), valid until { $expires }; recorded by the office on { $since }.
passport-declared-line = New passport you declared: { $number } ({ $nationality }), valid until { $expires }; declared on { $since }, waiting for an office to confirm it.
passport-issue-document = 📄 Issue an e-document
passport-declare-new = 🛂 I have a new passport
passport-documents-heading = Your valid e-documents:
passport-document-line = • No. { $id }, issued { $issued }
passport-revoke-document = ❌ Revoke No. { $id }
passport-document-unavailable = Sorry, e-documents cannot be issued right now. Please try again later; the office can also issue one.
passport-document-issued = Here is your e-document. Anyone can check it at { $url } or by scanning its QR code.
passport-ask-new-number = Number of your new passport?
passport-ask-expiry = Until when is the new passport valid? (for example 2034-05-31)
passport-expiry-invalid = Please type a future date as year-month-day, for example 2034-05-31.
passport-declare-summary = Declare your new passport { $number }, valid until { $expires }? An office will confirm it; until then e-documents attest your previous passport.
passport-declare-confirm = ✅ Yes, declare it
passport-declared = Done. Your new passport is recorded and waits for an office to confirm it. Bring it to your next visit.
passport-already-known = That passport is already on record. If it is yours and not linked, please ask the office.
passport-revoke-confirm = Revoke e-document No. { $id }? Anyone checking it will then see that it is no longer valid.
passport-revoke-yes = Yes, revoke it
passport-document-revoked = Done, the e-document is revoked.
