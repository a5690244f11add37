### Texts shown in every conversation: greeting, navigation, errors, formats.

# The language's own name, shown in the language picker.
language-name = Français
greeting = Bonjour ! Je suis visadesk, votre assistant pour les bureaux des entrées et sorties du territoire en Chine. Je peux prendre un rendez-vous, trouver un bureau et vous dire quels documents apporter.
nav-back = ⬅ Retour
nav-menu = ☰ Menu
stale-button = Ce menu n’est plus actif. Voici où nous en sommes :
choose-from-buttons = Veuillez choisir l’une des options ci-dessous.
error-busy = Je traite encore votre message précédent. Veuillez renvoyer celui-ci dans un instant.
error-internal = Désolé, un problème est survenu de notre côté. Veuillez réessayer. Si cela se reproduit, donnez cette référence à l’assistance : { $reference }
session-restarted = Notre conversation précédente a expiré ; reprenons depuis le menu.
flow-cancelled = Annulé. Rien n’a été enregistré.
unknown-command = Je ne connais pas cette commande. Tapez « aide » pour voir ce que je peux faire.
help-text = J’aide pour les démarches d’entrée et de sortie en Chine. Utilisez les boutons, ou tapez :
    • « rendez-vous » pour prendre un rendez-vous
    • « bureau » pour trouver un bureau des entrées et sorties
    • « documents » ou « frais » pour les démarches
    • « retour », « annuler » ou « menu » à chaque étape
    • « langue » pour changer de langue

# Words that work at every step, comma-separated, lower case.
keyword-back = retour, précédent
keyword-cancel = annuler, arrêter, quitter
keyword-menu = menu, menu principal, accueil
keyword-help = aide
keyword-lang = langue
# Words that lead from the main menu to a flow.
intent-appointments = mes rendez, mes réservations, reporter, déplacer
intent-book = rendez, réserver, réservation, prolonger, prolongation, renouveler, renouvellement
intent-offices = bureau, bureaux, adresse, où, proche
intent-guidance = pièces, justificatifs, frais, coût, prix, tarif, démarches, guide, comment
intent-settings = paramètres, réglages, notifications

# Dates, times and money.
weekday = { $n ->
    [1] lun.
    [2] mar.
    [3] mer.
    [4] jeu.
    [5] ven.
    [6] sam.
   *[7] dim.
}
month = { $n ->
    [1] janv.
    [2] févr.
    [3] mars
    [4] avr.
    [5] mai
    [6] juin
    [7] juil.
    [8] août
    [9] sept.
    [10] oct.
    [11] nov.
   *[12] déc.
}
date-format = { $weekday } { $day } { $month } { $year }
date-time-format = { $date }, { $time }
money = { $amount } ¥

# The terminal chat (`visadesk chat`).
chat-location-hint = (Pour partager une position, tapez : /location LATITUDE LONGITUDE)
chat-document-saved = 📎 Enregistré : { $path }

# The web chat page.
web-title = visadesk – assistant pour les entrées et sorties en Chine
web-placeholder = Tapez un message…
web-send = Envoyer
web-share-location = Partager ma position
web-location-unavailable = Votre navigateur n’a pas partagé de position. Vous pouvez choisir une ville à la place.
web-download = Télécharger
web-error = Le message n’a pas pu être envoyé. Vérifiez votre connexion et réessayez.
web-checking = Vérification de votre navigateur avant la réservation…
web-language = Langue

# Messaging channels.
channel-unsupported-message = Je sais lire les messages texte, les positions partagées et les choix de menu. Veuillez taper votre message.
whatsapp-list-button = Choisir
