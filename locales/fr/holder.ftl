### The PR holder's passport and its e-document (the document itself: e_document.ftl).

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
