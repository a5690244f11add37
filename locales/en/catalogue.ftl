### The service catalogue: service names, who each is for, documents, fee notes.

service-visa-extension = Visa extension
service-visa-extension-who = For visa holders who need to stay longer than their visa allows; apply at least 7 days before the stay expires.
service-visa-renewal = Visa renewal
service-visa-renewal-who = For visa holders whose visa must be replaced, for example after a change of passport or when its pages are full.
service-visa-reissuance = Visa reissuance
service-visa-reissuance-who = For foreigners whose visa was lost, stolen or damaged in China.
service-residence-first = Residence permit (first issue)
service-residence-first-who = For foreigners who entered on a visa that requires a residence permit (work Z, study X1, family Q1/S1 …); apply within 30 days of entry.
service-residence-renewal = Residence permit extension
service-residence-renewal-who = For residence permit holders who need to stay longer; apply at least 30 days before the permit expires.
service-residence-change = Residence permit change
service-residence-change-who = For residence permit holders whose details changed (new employer or school, new passport, name, accompanying family); apply within 10 days of the change.
service-residence-reissuance = Residence permit reissuance
service-residence-reissuance-who = For foreigners whose residence permit was lost, stolen or damaged.
service-pr-application = Permanent residence permit application
service-pr-application-who = For foreigners who meet the conditions for permanent residence (investment, employment, family reunion, special contribution).

document-passport = Passport (original and copy of the photo, visa and latest entry stamp pages)
document-application-form = Visa and residence permit application form, filled in
document-photo = One recent 2-inch colour photo, white background, bareheaded (or taken on site)
document-accommodation-registration = Registration form of temporary residence from the police station or hotel
document-extension-reason-proof = Proof of the reason to stay longer (invitation, hospital certificate, kinship proof …)
document-police-report-loss = Police report of the loss or theft
document-health-certificate = Health certificate from a designated health and quarantine centre
document-work-permit = Foreigner's work permit
document-employer-letter = Letter from the employer, with its official seal
document-study-admission = Admission notice and JW201/JW202 form from the school
document-family-relation-proof = Proof of the family relationship (marriage or birth certificate, authenticated)
document-change-proof = Proof of the change (new passport, new work permit, new school letter …)
document-no-criminal-record = Certificate of no criminal record
document-pr-eligibility-proof = Proof of eligibility for permanent residence (employment, investment or family documents)

fee-note-residence-tiers = The residence permit fee depends on its validity: ¥400 under one year, ¥800 for one to three years, and ¥1000 for three to five years (the last tier not confirmed from a source).
