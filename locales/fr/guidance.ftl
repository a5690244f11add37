### Guidance per service: documents, fees, processing time, steps.

guidance-pick-service = Pour quelle démarche souhaitez-vous des informations ?
guidance-gone = Cette démarche n’est plus proposée.
guidance-documents = Documents à apporter :
guidance-if-applicable = (si cela vous concerne)
guidance-fee = Frais : { $fee }
guidance-fee-unknown = Frais : non confirmés ; renseignez-vous auprès du bureau.
guidance-processing = Délai de traitement : jusqu’à { $days ->
        [one] { $days } jour ouvré
        [many] { $days } de jours ouvrés
       *[other] { $days } jours ouvrés
    }
guidance-processing-unknown = Délai de traitement : non confirmé ; renseignez-vous auprès du bureau.
guidance-unverified = ⚠ Non confirmé par une source officielle.
guidance-steps = Étapes :
    1. Prenez rendez-vous.
    2. Apportez les documents ci-dessus (originaux et copies) et le code de réservation, imprimé ou à l’écran.
    3. Au bureau : déposez la demande, la photo et les empreintes sont prises si besoin, payez les frais.
    4. Gardez le récépissé : il porte votre numéro de récépissé et la date de retrait.
    5. Retirez votre passeport à la date de retrait.
guidance-source = Source : { $url } (vérifié le { $date })
guidance-book-this = 📅 Réserver cette démarche
