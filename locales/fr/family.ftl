### Assisted service for relatives, and linking another chat.

family-prompt = Aider un proche : agir pour un enfant ou une personne âgée (réserver, suivre les demandes, voir les titres), ou laisser un proche agir pour vous.
family-group-prompt = Dans ce groupe, vous pouvez inviter un proche à vous laisser agir pour lui, ou accepter l’invitation d’un proche. Les noms et les dossiers restent hors du groupe.
family-nobody = Personne n’agit pour vous, et vous n’agissez encore pour personne.
family-you-act-for = Vous agissez pour :
family-acting-for-you = Agissent pour vous :
family-helper-line = • { $helper }, depuis le { $since }
family-a-relative = un proche
family-you = vous
family-add = ➕ Ajouter un proche (avec ses documents)
family-invite = ✉ Inviter un proche
family-accept = 🤝 Accepter une invitation
family-stop-acting = ❌ Cesser d’agir pour { $name }
family-withdraw = ❌ Retirer l’accès de { $helper }
family-add-intro = Pour ajouter un proche, je dois vérifier son identité avec ses propres informations : sa nationalité, son numéro de passeport, sa date de naissance et le numéro de récépissé de l’une de ses demandes (ou le code de liaison qu’un bureau lui a remis).
family-link-yourself-first = Je dois d’abord confirmer votre propre identité.
family-added = C’est fait. Vous pouvez maintenant agir pour votre proche : réserver pour lui et voir l’avancement de ses demandes et ses titres. Chacun de vous peut y mettre fin à tout moment dans « Aider un proche ».
family-invite-code = Votre code d’invitation : { $code } (valable { $hours } heures). Votre proche choisit « Aider un proche » → « Accepter une invitation » et le tape ; vous pourrez alors agir pour lui.
family-invitation-accepted = { $helper } peut maintenant agir pour { $member } sur visadesk (rendez-vous, suivi des demandes, titres). { $member } peut y mettre fin à tout moment dans « Aider un proche ».
family-own-invitation = C’est votre propre invitation. Votre proche doit l’accepter.
family-accept-link-first = Pour accepter, je dois d’abord confirmer votre propre identité, dans une conversation privée avec moi.
family-revoked = C’est fait, cet accès a pris fin.
family-ask-consent = J’ajoute un proche avec ses seuls documents uniquement s’il s’agit d’un enfant (moins de { $child_under } ans) ou d’une personne de { $elder_from } ans ou plus, qui n’a pas de conversation à elle avec moi et n’a pas déjà mis fin à votre accès. Sinon, c’est votre proche qui décide : envoyez-lui une invitation (✉ Inviter un proche) et il l’accepte dans sa propre conversation.
family-already-acting = Agissent déjà pour vous : { $helpers }. Vous pouvez y mettre fin à tout moment dans « Aider un proche ».

settings-link-channel = 🔗 Relier une autre conversation
settings-enter-code = 🔑 J’ai un code d’une autre conversation
code-channel-nothing = Cette conversation n’est encore reliée à aucun dossier : il n’y a donc rien à transférer vers une autre conversation.
code-channel-shown = Votre code : { $code } (valable { $minutes } minutes, une seule fois). Dans l’autre conversation, choisissez Paramètres → « J’ai un code d’une autre conversation » et tapez-le. Ne le communiquez à personne.
code-ask-channel = Veuillez taper le code affiché dans votre autre conversation.
code-ask-invitation = Veuillez taper le code d’invitation reçu par votre proche.
code-channel-linked = C’est fait, cette conversation voit désormais les mêmes dossiers que votre autre conversation.
code-invalid = Ce code n’est pas valable (erroné, déjà utilisé ou expiré). Vérifiez-le et réessayez.
identity-have-code = 🔑 J’ai un code d’une autre conversation
booking-for = 👤 Pour { $name }
