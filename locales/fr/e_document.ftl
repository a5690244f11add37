### The e-document (NIA function 5): the PDF a PR holder hands to a bank, and its verify page.

# Who issues e-documents when VISADESK_ISSUER_NAME is not set.
edoc-issuer-default = Administration des entrées et sorties
edoc-title = Attestation : passeport lié à une carte de résident permanent
edoc-statement = { $issuer } atteste que le passeport ci-dessous est lié à la carte d’identité de résident permanent pour étranger de son titulaire, selon les registres d’un bureau des entrées et sorties.
edoc-label-holder = Titulaire
edoc-label-nationality = Nationalité
edoc-label-pr = N° de la carte de résident permanent
edoc-label-pr-expires = Valable jusqu’au
edoc-label-passport = N° du passeport actuel
edoc-label-previous-passport = N° du passeport précédent
edoc-label-issued = Date d’émission
edoc-label-id = N° du document
edoc-no-previous = aucun
edoc-verify = Pour vérifier ce document, scannez le code QR ou ouvrez l’adresse ci-dessous ; saisissez le numéro du document et la date de naissance du titulaire pour comparer chaque valeur.
edoc-qr-alt = Code QR de l’adresse où ce document peut être vérifié : { $url }
edoc-signed-data = Données signées (JSON canonique) : { $payload }
edoc-signature = Signature Ed25519 (base64) : { $signature }

verify-title = Vérifier une attestation électronique
verify-valid = ✅ Valable : ce document a été émis par { $issuer } et n’a pas été révoqué.
verify-revoked = ❌ Révoqué le { $date } : ce document n’est plus valable.
verify-unknown = ❓ Inconnu : aucun document portant ce numéro n’a été émis ici.
verify-invalid = ⚠ Non valable : la signature de ce document ne correspond pas. Ne vous y fiez pas.
verify-masked = Les noms et les numéros sont masqués. Pour comparer chaque valeur avec le papier, saisissez la date de naissance du titulaire.
verify-birth-date = Date de naissance du titulaire
verify-show = Afficher les valeurs complètes
verify-full = Valeurs complètes, telles que signées : comparez-les avec le document.
verify-birth-date-wrong = Cette date de naissance ne correspond pas au titulaire du document.
verify-too-many = Trop de tentatives pour ce document. Réessayez dans une heure.
verify-key = Les données signées et la clé publique du service :
