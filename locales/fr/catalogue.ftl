### The service catalogue: service names, who each is for, documents, fee notes.

service-visa-extension = Prolongation de visa
service-visa-extension-who = Pour les titulaires d’un visa qui doivent rester plus longtemps que leur visa ne le permet ; à demander au moins 7 jours avant la fin du séjour autorisé.
service-visa-renewal = Renouvellement de visa
service-visa-renewal-who = Pour les titulaires d’un visa qui doit être remplacé, par exemple après un changement de passeport ou lorsque ses pages sont pleines.
service-visa-reissuance = Nouvelle délivrance de visa
service-visa-reissuance-who = Pour les étrangers dont le visa a été perdu, volé ou endommagé en Chine.
service-residence-first = Titre de séjour (première délivrance)
service-residence-first-who = Pour les étrangers entrés avec un visa qui exige un titre de séjour (travail Z, études X1, famille Q1/S1 …) ; à demander dans les 30 jours suivant l’entrée.
service-residence-renewal = Prolongation du titre de séjour
service-residence-renewal-who = Pour les titulaires d’un titre de séjour qui doivent rester plus longtemps ; à demander au moins 30 jours avant son expiration.
service-residence-change = Modification du titre de séjour
service-residence-change-who = Pour les titulaires d’un titre de séjour dont les informations ont changé (nouvel employeur ou établissement, nouveau passeport, nom, famille accompagnante) ; à demander dans les 10 jours suivant le changement.
service-residence-reissuance = Nouvelle délivrance du titre de séjour
service-residence-reissuance-who = Pour les étrangers dont le titre de séjour a été perdu, volé ou endommagé.
service-pr-application = Demande de carte de résident permanent
service-pr-application-who = Pour les étrangers qui remplissent les conditions de la résidence permanente (investissement, emploi, regroupement familial, contribution particulière).

document-passport = Passeport (original et copie des pages de la photo, du visa et du dernier tampon d’entrée)
document-application-form = Formulaire de demande de visa et de titre de séjour, rempli
document-photo = Une photo d’identité couleur récente de 2 pouces, fond blanc, tête nue (ou prise sur place)
document-accommodation-registration = Fiche d’enregistrement de séjour temporaire délivrée par le poste de police ou l’hôtel
document-extension-reason-proof = Justificatif du motif de prolongation (invitation, certificat médical, preuve de parenté …)
document-police-report-loss = Déclaration de perte ou de vol auprès de la police
document-health-certificate = Certificat médical d’un centre agréé de santé et de quarantaine
document-work-permit = Permis de travail pour étranger
document-employer-letter = Lettre de l’employeur, revêtue de son cachet officiel
document-study-admission = Avis d’admission et formulaire JW201/JW202 de l’établissement
document-family-relation-proof = Preuve du lien familial (acte de mariage ou de naissance, légalisé)
document-change-proof = Justificatif du changement (nouveau passeport, nouveau permis de travail, nouvelle lettre de l’établissement …)
document-no-criminal-record = Certificat de non-condamnation pénale
document-pr-eligibility-proof = Justificatifs d’éligibilité à la résidence permanente (documents d’emploi, d’investissement ou familiaux)

fee-note-residence-tiers = Le prix du titre de séjour dépend de sa durée : 400 ¥ pour moins d’un an, 800 ¥ d’un à trois ans et 1000 ¥ de trois à cinq ans (cette dernière tranche n’est pas confirmée par une source).
