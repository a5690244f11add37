### Booking an appointment, my appointments, reschedule, cancel.

booking-pick-service = De quelle démarche avez-vous besoin ?
booking-pick-city = Dans quelle ville ?
booking-pick-office = Quel bureau ?
booking-pick-day = Quel jour à { $office } ? (places libres entre parenthèses)
booking-day-label = { $date } ({ $free })
booking-pick-slot = À quelle heure le { $date } ?
booking-slot-label = { $time } ({ $free } libres)
booking-no-free-days = Ce bureau n’a plus de place libre dans les semaines à venir. Revenez en arrière et choisissez un autre bureau.
booking-day-full = Ce jour est désormais complet. Veuillez choisir un autre jour.
booking-slot-taken = Désolé, quelqu’un vient de prendre la dernière place à cette heure-là. Voici les horaires encore libres :
booking-start-over = Il manque quelque chose dans cette réservation. Revenez au menu et recommencez.
booking-ask-name = Tapez le nom complet du demandeur en lettres latines, exactement comme dans le passeport.
booking-name-invalid = Tapez le nom en lettres latines (A–Z, accents permis) tel qu’il est imprimé dans le passeport, par exemple Anna Müller ou ZHANG WEI : lettres, espaces et traits d’union seulement, de 2 à 100 caractères.
booking-ask-nationality = Nationalité ? Choisissez-en une ou tapez le code à trois lettres du passeport (par exemple FRA).
booking-nationality-invalid = Choisissez une nationalité ou tapez le code à trois lettres du passeport, par exemple FRA ou DEU.
booking-ask-passport = Numéro de passeport ?
booking-passport-invalid = Un numéro de passeport compte de 5 à 20 lettres et chiffres, sans autres signes. Vérifiez-le et tapez-le à nouveau.
booking-ask-phone = Un numéro de téléphone où le bureau peut vous joindre (avec l’indicatif du pays s’il n’est pas chinois) ?
booking-phone-invalid = Tapez un numéro de téléphone de 7 à 15 chiffres, par exemple +86 138 0013 8000.
booking-type-answer = Veuillez taper votre réponse sous forme de texte.
booking-summary = Veuillez vérifier votre réservation :
    Démarche : { $service }
    Bureau : { $office }
    Date : { $when }
    Nom : { $name }
    Nationalité : { $nationality }
    Passeport : { $passport }
    Téléphone : { $phone }
booking-confirm = ✅ Confirmer
booking-confirmed = ✅ C’est réservé ! Votre code de rendez-vous est { $code }.
    { $service }
    { $when }
    { $office }
    { $address }
    À apporter :
    { $documents }
    Le fichier de calendrier ci-dessous ajoute le rendez-vous à votre agenda.
booking-limit-user = Vous avez déjà { $limit ->
        [one] { $limit } rendez-vous actif
        [many] { $limit } de rendez-vous actifs
       *[other] { $limit } rendez-vous actifs
    } pour cette démarche, le maximum pour une personne. { $limit ->
        [one] Annulez-le ou honorez-le
        [many] Annulez-en un ou honorez-en un
       *[other] Annulez-en un ou honorez-en un
    } avant d’en prendre un autre.
booking-limit-passport = Ce passeport a déjà un rendez-vous actif pour cette démarche. Déplacez-le dans « Mes rendez-vous » au lieu d’en prendre un second.
booking-limit-address = Cette connexion a déjà réservé { $limit ->
        [one] { $limit } place
        [many] { $limit } de places
       *[other] { $limit } places
    } dans ce bureau ce jour-là, le maximum qu’une connexion peut réserver depuis le chat web. Choisissez un autre jour, ou réservez via Telegram, WeChat ou WhatsApp.
booking-proof-of-work-missing = Votre navigateur n’a pas terminé sa courte vérification avant la réservation. Appuyez à nouveau sur « Confirmer » et laissez cette page ouverte un instant.
calendar-summary = { $service } – { $office }
calendar-description = Code de rendez-vous { $code }. Téléphone du bureau { $phone }. Réservé avec visadesk.

appointments-list = Vos rendez-vous :
appointments-none = Vous n’avez aucun rendez-vous à venir.
appointments-line = { $code } · { $service } · { $office } · { $when }
appointments-reschedule = 🔁 Déplacer { $code }
appointments-cancel = ✖ Annuler { $code }
appointments-confirm-cancel = Annuler ce rendez-vous ?
    { $line }
appointments-yes-cancel = Oui, l’annuler
appointments-cancelled = Le rendez-vous { $code } est annulé et sa place libérée.
appointments-gone = Ce rendez-vous n’est plus actif.
appointments-reschedule-day = Nouveau jour pour { $line } ?
appointments-rescheduled = 🔁 C’est déplacé ! Le rendez-vous { $code } est maintenant :
    { $service }
    { $when }
    { $office }
    { $address }
    À apporter :
    { $documents }
booking-waitlist = 🔔 Prévenez-moi si une place se libère
booking-waitlist-added = C’est noté : si une place se libère dans ce bureau dans les prochaines semaines, je vous préviens aussitôt (une fois). Vous pouvez aussi revenir en arrière et essayer un autre bureau.
booking-in-private = La réservation demande un numéro de passeport et un numéro de téléphone, que tout le monde lirait dans ce groupe. Continuons en conversation privée : { $link }
booking-not-in-group = La réservation demande un numéro de passeport et un numéro de téléphone, que tout le monde lirait dans ce groupe : elle n’est donc pas proposée ici. Écrivez-moi en conversation privée pour réserver.
