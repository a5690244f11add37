### Assisted service for relatives, and linking another chat.

family-prompt = Ayudar a un familiar: actuar por un hijo o una persona mayor (reservar, seguir solicitudes, ver permisos), o dejar que un familiar actúe por usted.
family-group-prompt = En este grupo puede invitar a un familiar para que le deje actuar por él, o aceptar la invitación de un familiar. Los nombres y los expedientes quedan fuera del grupo.
family-nobody = Nadie actúa por usted, y usted todavía no actúa por nadie.
family-you-act-for = Usted actúa por:
family-acting-for-you = Actúan por usted:
family-helper-line = • { $helper }, desde el { $since }
family-a-relative = un familiar
family-you = usted
family-add = ➕ Añadir a un familiar (con sus documentos)
family-invite = ✉ Invitar a un familiar
family-accept = 🤝 Aceptar una invitación
family-stop-acting = ❌ Dejar de actuar por { $name }
family-withdraw = ❌ Retirar el acceso de { $helper }
family-add-intro = Para añadir a un familiar necesito comprobar su identidad con sus propios datos: su nacionalidad, su número de pasaporte, su fecha de nacimiento y el número de resguardo de una de sus solicitudes (o el código de vinculación que le dio una oficina).
family-link-yourself-first = Primero necesito confirmar su propia identidad.
family-added = Hecho. Ya puede actuar por su familiar: reservar por él y ver el avance de sus solicitudes y sus permisos. Cualquiera de los dos puede ponerle fin en cualquier momento en «Ayudar a un familiar».
family-invite-code = Su código de invitación: { $code } (válido { $hours } horas). Su familiar elige «Ayudar a un familiar» → «Aceptar una invitación» y lo escribe; entonces usted podrá actuar por él.
family-invitation-accepted = { $helper } ya puede actuar por { $member } en visadesk (citas, estado de las solicitudes, permisos). { $member } puede ponerle fin en cualquier momento en «Ayudar a un familiar».
family-own-invitation = Esa es su propia invitación. Tiene que aceptarla su familiar.
family-accept-link-first = Para aceptar, primero necesito confirmar su propia identidad, en un chat privado conmigo.
family-revoked = Hecho, ese acceso ha terminado.
family-ask-consent = Solo añado a un familiar con sus documentos si es un niño (menor de { $child_under } años) o tiene { $elder_from } años o más, no tiene un chat propio conmigo y no ha retirado antes su acceso. Si no, decide su familiar: envíele una invitación (✉ Invitar a un familiar) y la aceptará en su propio chat.
family-already-acting = Ya actúan por usted: { $helpers }. Puede ponerle fin en cualquier momento en «Ayudar a un familiar».

settings-link-channel = 🔗 Vincular otro chat
settings-enter-code = 🔑 Tengo un código de otro chat
code-channel-nothing = Este chat todavía no está vinculado a ningún expediente, así que no hay nada que llevar a otro chat.
code-channel-shown = Su código: { $code } (válido { $minutes } minutos, una sola vez). En el otro chat, elija Ajustes → «Tengo un código de otro chat» y escríbalo. No se lo dé a nadie.
code-ask-channel = Escriba el código que aparece en su otro chat.
code-ask-invitation = Escriba el código de invitación que recibió su familiar.
code-channel-linked = Hecho, este chat ve ahora los mismos expedientes que su otro chat.
code-invalid = Este código no es válido (erróneo, usado o caducado). Compruébelo e inténtelo de nuevo.
identity-have-code = 🔑 Tengo un código de otro chat
booking-for = 👤 Para { $name }
