### The office directory.

offices-pick-city = Quelle ville ?
offices-or-share-location = Ou partagez votre position pour voir les bureaux les plus proches.
offices-pick-office = Quel bureau ?
offices-nearest = Les bureaux les plus proches :
offices-with-distance = { $office } ({ $km } km)
offices-gone = Ce bureau ne figure plus dans l’annuaire.
offices-city-unknown = Je ne connais pas de bureau dans cette ville. Choisissez une ville ci-dessous.
office-phone = Téléphone : { $phone }
office-open-now = 🟢 Ouvert en ce moment
office-closed-now = 🔴 Fermé en ce moment
office-hours-this-week = Horaires cette semaine :
office-closed = fermé
office-closed-holiday = fermé (jour férié)
office-services = Démarches :
office-source = Source : { $url } (vérifié le { $date })
office-unverified = ⚠ Certaines informations sur ce bureau n’ont pas pu être confirmées par une source officielle ; appelez avant de vous déplacer.
office-what-next = Voulez-vous réserver ici ?
office-book-here = 📅 Réserver ici
