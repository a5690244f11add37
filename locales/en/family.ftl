### Assisted service for relatives, and linking another chat.

family-prompt = Help a relative: act for a child or an elder (book, follow applications, see permits), or let a relative act for you.
family-group-prompt = In this group you can invite a relative to let you act for them, or accept a relative's invitation. Names and records stay out of the group.
family-nobody = Nobody acts for you, and you act for nobody yet.
family-you-act-for = You act for:
family-acting-for-you = Acting for you:
family-helper-line = • { $helper }, since { $since }
family-a-relative = a relative
family-you = you
family-add = ➕ Add a relative (their documents)
family-invite = ✉ Invite a relative
family-accept = 🤝 Accept an invitation
family-stop-acting = ❌ Stop acting for { $name }
family-withdraw = ❌ Withdraw { $helper }'s access
family-add-intro = To add a relative I need to check their identity with their own details: their nationality, passport number, birth date and the receipt number of one of their applications (or the link code an office gave them).
family-link-yourself-first = First I need to confirm your own identity.
family-added = Done. You can now act for your relative: book for them and see their progress and permits. Either of you can end this at any time under "Help a relative".
family-invite-code = Your invitation code: { $code } (valid { $hours } hours). Your relative chooses "Help a relative" → "Accept an invitation" and types it; then you can act for them.
family-invitation-accepted = { $helper } can now act for { $member } on visadesk (booking, application progress, permits). { $member } can end this at any time under "Help a relative".
family-own-invitation = That is your own invitation. Your relative has to accept it.
family-accept-link-first = To accept, I first need to confirm your own identity, in a private chat with me.
family-revoked = Done, that access has ended.
family-ask-consent = I add a relative with their documents alone only if they are a child (under { $child_under }) or { $elder_from } or older, have no chat of their own with me, and have not ended your access before. Otherwise your relative decides: send them an invitation (✉ Invite a relative) and they accept it in their own chat.
family-already-acting = Already acting for you: { $helpers }. You can end this at any time under "Help a relative".

settings-link-channel = 🔗 Link another chat
settings-enter-code = 🔑 I have a code from another chat
code-channel-nothing = This chat is not linked to any records yet, so there is nothing to bring to another chat.
code-channel-shown = Your code: { $code } (valid { $minutes } minutes, once). In the other chat, choose Settings → "I have a code from another chat" and type it. Do not share it with anyone.
code-ask-channel = Please type the code shown in your other chat.
code-ask-invitation = Please type the invitation code your relative received.
code-channel-linked = Done, this chat now sees the same records as your other chat.
code-invalid = This code is not valid (wrong, used or expired). Please check it and try again.
identity-have-code = 🔑 I have a code from another chat
booking-for = 👤 For { $name }
