### The e-document (NIA function 5): the PDF a PR holder hands to a bank, and its verify page.

# Who issues e-documents when VISADESK_ISSUER_NAME is not set.
edoc-issuer-default = Exit-Entry Administration
edoc-title = Attestation: passport linked to a permanent residence permit
edoc-statement = { $issuer } attests that the passport below is linked to the holder's Foreigner's Permanent Residence ID Card, as recorded by an Exit-Entry office.
edoc-label-holder = Holder
edoc-label-nationality = Nationality
edoc-label-pr = Permanent residence ID card No.
edoc-label-pr-expires = Valid until
edoc-label-passport = Current passport No.
edoc-label-previous-passport = Previous passport No.
edoc-label-issued = Date of issue
edoc-label-id = Document No.
edoc-no-previous = none
edoc-verify = To check this document, scan the QR code or open the address below; enter the document number and the holder's date of birth to compare every value.
edoc-qr-alt = QR code of the address where this document can be checked: { $url }
edoc-signed-data = Signed data (canonical JSON): { $payload }
edoc-signature = Ed25519 signature (base64): { $signature }

verify-title = Check an e-document
verify-valid = ✅ Valid: this document was issued by { $issuer } and has not been revoked.
verify-revoked = ❌ Revoked on { $date }: this document is no longer valid.
verify-unknown = ❓ Unknown: no document with this number was issued here.
verify-invalid = ⚠ Not valid: this document's signature does not match. Do not rely on it.
verify-masked = Names and numbers are masked. To compare every value with the paper, enter the holder's date of birth.
verify-birth-date = Holder's date of birth
verify-show = Show the full values
verify-full = Full values, as signed: compare them with the document.
verify-birth-date-wrong = This date of birth does not match the document's holder.
verify-too-many = Too many attempts for this document. Try again in an hour.
verify-key = The signed data and the service's public key:
