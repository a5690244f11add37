### Guidance per service: documents, fees, processing time, steps.

guidance-pick-service = Which service do you need guidance for?
guidance-gone = That service is no longer offered.
guidance-documents = Documents to bring:
guidance-if-applicable = (if it applies to you)
guidance-fee = Fee: { $fee }
guidance-fee-unknown = Fee: not confirmed; ask the office.
guidance-processing = Processing time: up to { $days } working days
guidance-processing-unknown = Processing time: not confirmed; ask the office.
guidance-unverified = ⚠ Not confirmed by an official source.
guidance-steps = Steps:
    1. Book an appointment.
    2. Bring the documents above (originals and copies) and a printed or on-screen booking code.
    3. At the office: submit the application, photo and fingerprints are taken if needed, pay the fee.
    4. Keep the receipt: it has your receipt number and the pickup date.
    5. Collect your passport on the pickup date.
guidance-source = Source: { $url } (checked { $date })
guidance-book-this = 📅 Book this
