### The PR holder's passport, its e-document, and the public verify page.

records-private-only = Pour protéger votre vie privée, je ne montre les dossiers personnels que dans une conversation privée avec moi, pas dans un groupe. Écrivez-moi directement.
records-for-relative = Dossiers de { $name } (vous agissez pour cette personne) :
passport-no-pr = Je ne trouve aucune carte de résident permanent dans vos dossiers : il n’y a donc pas de passeport de résident permanent à afficher.
passport-pr-line = Carte de résident permanent de { $name } : { $number }
passport-none-linked = Aucun passeport n’est encore lié à cette carte. Adressez-vous au bureau qui l’a délivrée.
passport-linked-line = Passeport lié : { $number } ({ $nationality }), valable jusqu’au { $expires } ; enregistré par le bureau le { $since }.
passport-declared-line = Nouveau passeport déclaré : { $number } ({ $nationality }), valable jusqu’au { $expires } ; déclaré le { $since }, en attente de confirmation par un bureau.
passport-issue-document = 📄 Émettre une attestation électronique
passport-declare-new = 🛂 J’ai un nouveau passeport
passport-documents-heading = Vos attestations électroniques valables :
passport-document-line = • N° { $id }, émise le { $issued }
passport-revoke-document = ❌ Révoquer le n° { $id }
passport-document-unavailable = Désolé, les attestations électroniques ne peuvent pas être émises pour le moment. Réessayez plus tard ; le bureau peut aussi en émettre une.
passport-document-issued = Voici votre attestation électronique. Chacun peut la vérifier sur { $url } ou en scannant son code QR.
passport-ask-new-number = Numéro de votre nouveau passeport ?
passport-ask-expiry = Jusqu’à quand le nouveau passeport est-il valable ? (par exemple 2034-05-31)
passport-expiry-invalid = Tapez une date future au format année-mois-jour, par exemple 2034-05-31.
passport-declare-summary = Déclarer votre nouveau passeport { $number }, valable jusqu’au { $expires } ? Un bureau le confirmera ; d’ici là, les attestations électroniques portent sur votre passeport précédent.
passport-declare-confirm = ✅ Oui, le déclarer
passport-declared = C’est fait. Votre nouveau passeport est enregistré et attend la confirmation d’un bureau. Apportez-le lors de votre prochaine visite.
passport-already-known = Ce passeport est déjà enregistré. S’il est à vous et n’est pas lié, adressez-vous au bureau.
passport-revoke-confirm = Révoquer l’attestation électronique n° { $id } ? Quiconque la vérifiera verra alors qu’elle n’est plus valable.
passport-revoke-yes = Oui, la révoquer
passport-document-revoked = C’est fait, l’attestation électronique est révoquée.

edoc-title = Attestation : passeport lié à une carte de résident permanent
edoc-statement = visadesk atteste que le passeport ci-dessous est lié à la carte d’identité de résident permanent pour étranger de son titulaire, selon les registres de l’administration des entrées et sorties.
edoc-holder = Titulaire : { $name }, nationalité : { $nationality }
edoc-pr = Carte de résident permanent : { $pr }, valable jusqu’au { $pr_expires }
edoc-passport = Passeport : { $passport }
edoc-id = Document n° { $id }, émis le { $issued }
edoc-verify = Vérifiez ce document en scannant le code QR ou à l’adresse ci-dessous.

verify-title = Vérifier une attestation électronique
verify-valid = ✅ Valable : ce document a été émis par visadesk et n’a pas été révoqué.
verify-revoked = ❌ Révoqué le { $date } : ce document n’est plus valable.
verify-unknown = ❓ Inconnu : visadesk n’a émis aucun document portant ce numéro.
verify-invalid = ⚠ Non valable : la signature de ce document ne correspond pas. Ne vous y fiez pas.
verify-issued = Émis le : { $date }
verify-holder = Titulaire : { $holder } ({ $nationality })
verify-pr = Carte de résident permanent : { $pr }
verify-passport = Passeport : { $passport }
verify-key = Les données signées et la clé publique du service :
