### Personal records behind proven identity: linking, progress, permits, PR permit.

identity-intro = Pour afficher des dossiers personnels, je dois d’abord vérifier qu’ils sont les vôtres. Je vais vous demander votre nationalité, votre numéro de passeport, votre date de naissance et le numéro de récépissé de l’une de vos demandes (ou le code de liaison qu’un bureau vous a remis).
identity-ask-birth-date = Date de naissance ? (par exemple 1990-01-31)
identity-birth-date-invalid = Tapez la date de naissance au format année-mois-jour, par exemple 1990-01-31.
identity-ask-proof = Le numéro de votre récépissé de dépôt, ou le code de liaison qu’un bureau vous a remis ?
identity-proof-invalid = Tapez le numéro de récépissé ou le code de liaison exactement tel qu’il est imprimé.
identity-linked = Merci, votre identité est confirmée dans cette conversation.
identity-failed = Ces informations ne correspondent pas à nos dossiers. Vérifiez-les et réessayez.
identity-limited = Trop de tentatives. Pour votre sécurité, réessayez après { $until }.
identity-limited-link-code = Trop de tentatives pour ce passeport. Jusqu’à { $until }, il ne peut être prouvé qu’avec un code de liaison à usage unique d’un bureau des entrées et sorties : demandez-en un au bureau qui traite votre demande, puis utilisez-le comme numéro de récépissé.

records-for = Dossiers de { $name } :
progress-none = Aucune demande pour l’instant.
progress-application = { $service } · { $office } · récépissé { $receipt }
    Statut : { $status }
progress-note = Note du bureau : { $note }
progress-pickup = Prêt à retirer à { $address }
    Du { $from } au { $until }. Apportez votre passeport et le récépissé de dépôt.
progress-pickup-place = Où exactement : { $place }
progress-pickup-bring = Le bureau vous demande d’apporter : { $bring }
progress-timeline = Historique :
progress-watch = 🔔 Me prévenir pour { $receipt }
progress-unwatch = 🔕 Ne plus me prévenir pour { $receipt }
progress-watching = Je vous préviendrai quand le statut changera.
progress-not-watching = Je ne vous préviendrai plus pour cette demande.
status-received = reçue
status-in-review = en cours d’examen
status-more-documents-needed = documents complémentaires requis
status-approved = approuvée
status-ready-for-pickup = prête à retirer
status-collected = retirée
status-rejected = refusée

permits-none = Aucun visa ni titre de séjour enregistré.
permit-kind-visa = Visa
permit-kind-residence-permit = Titre de séjour
entries-single = entrée unique
entries-double = deux entrées
entries-multiple = entrées multiples
permit-line = { $kind } ({ $type })
    Numéro : { $number }
    Délivré le : { $issued }
    Expire le : { $expires }
    Entrées : { $entries }
permit-stay = Séjour par entrée : { $days ->
        [one] { $days } jour
        [many] { $days } de jours
       *[other] { $days } jours
    }
permit-days-left = { $days ->
    [one] { $days } jour restant
    [many] { $days } de jours restants
   *[other] { $days } jours restants
}
permit-expired = ⚠ Expiré.
permit-expiring-soon = ⚠ Expire dans { $days ->
        [one] { $days } jour
        [many] { $days } de jours
       *[other] { $days } jours
    } : demandez le renouvellement dès maintenant.
permit-renew = 📅 Réserver le renouvellement

pr-none = Aucune carte de résident permanent enregistrée.
pr-line = Carte de résident permanent
    Numéro : { $number }
    Délivrée le : { $issued }
    Expire le : { $expires }
    Statut : { $status }
pr-status-valid = valable
pr-status-expired = expirée
pr-status-revoked = retirée
pr-status-lost = déclarée perdue

settings-forget = 🧹 M’oublier dans cette conversation
settings-forget-confirm = Supprimer tout lien entre cette conversation et vos dossiers ? Vous devrez confirmer à nouveau votre identité pour les voir.
settings-forget-yes = Oui, m’oublier
settings-forgotten = C’est fait. Cette conversation n’a plus accès à vos dossiers.
settings-nothing-to-forget = Cette conversation n’est reliée à aucun dossier.
settings-my-data = 📥 Télécharger mes données
settings-my-data-nothing = visadesk ne détient rien sur vous dans cette conversation.
settings-my-data-summary = Voici une copie de tout ce que visadesk détient sur vous, sous forme de fichier JSON. En bref :
    • conversations liées à vous : { $channels }
    • demandeurs dont vous avez prouvé être la personne : { $applicants }, avec { $applications } demandes et { $permits } titres enregistrés
    • rendez-vous : { $appointments }
    • personnes qui agissent pour vous ou pour qui vous agissez : { $delegations }
    • notifications : { $notifications }
    • entrées du journal d’audit vous concernant : { $audit }
settings-erase = 🗑 Effacer mes données
settings-erase-confirm = Effacer tout ce que visadesk conserve sur vous pour la conversation ? Cela supprime votre compte de conversation sur chaque conversation liée, vos paramètres, vos liens vers vos dossiers, les personnes qui agissent pour vous ou pour qui vous agissez, les demandes suivies, les places attendues, vos notifications et toute réservation inachevée. C’est irréversible.
    Les dossiers du bureau restent : vos demandes, titres, passeports, attestations électroniques et rendez-vous réservés appartiennent au bureau des entrées et sorties et ne sont pas effacés.
settings-erase-yes = Oui, effacer mes données
settings-erased = C’est fait : vos données sont effacées. Si vous écrivez à nouveau, nous repartons de zéro.
progress-estimate = Habituellement prêt d’ici le { $date } : { $basis ->
        [completed] { $percent } % des { $cases } demandes pour cette démarche dans ce bureau au cours des { $window } derniers jours étaient prêtes en { $days ->
            [one] { $days } jour ouvré
            [many] { $days } de jours ouvrés
           *[other] { $days } jours ouvrés
        } au plus.
       *[published] le délai de traitement publié est de { $days ->
            [one] { $days } jour ouvré
            [many] { $days } de jours ouvrés
           *[other] { $days } jours ouvrés
        } (ce bureau a terminé trop peu de demandes pour cette démarche au cours des { $window } derniers jours pour se fier à ses propres chiffres).
    }
progress-estimate-passed = La date habituelle ({ $date }) est passée et votre demande n’est pas encore prête. Vous pouvez vous renseigner auprès du bureau par téléphone : { $phone }
