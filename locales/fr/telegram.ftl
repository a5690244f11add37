### Telegram: the command menu (setMyCommands) and the few words the Telegram adapter adds.

telegram-command-start = Recommencer et afficher le menu principal
telegram-command-book = Prendre rendez-vous dans un bureau des entrées et sorties
telegram-command-appointments = Mes rendez-vous : déplacer ou annuler
telegram-command-offices = Trouver un bureau des entrées et sorties
telegram-command-guidance = Documents, frais et délais de traitement
telegram-command-settings = Langue et notifications
telegram-command-language = Changer de langue
telegram-command-help = Ce que je sais faire
telegram-command-cancel = Annuler ce que nous faisons
# The reply-keyboard button that shares the user's location.
telegram-share-location = 📍 Partager ma position
# Shown briefly when a button of an older message is pressed again.
telegram-button-used = Ce bouton a déjà été utilisé. Utilisez le message le plus récent.
# Shown briefly when a group member presses buttons meant for another member.
telegram-not-your-buttons = Ces boutons appartiennent à la conversation d’un autre membre. Envoyez /start pour commencer la vôtre.
