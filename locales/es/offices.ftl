### The office directory.

offices-pick-city = ¿Qué ciudad?
offices-or-share-location = O comparta su ubicación para ver las oficinas más cercanas.
offices-pick-office = ¿Qué oficina?
offices-nearest = Las oficinas más cercanas:
offices-with-distance = { $office } ({ $km } km)
offices-gone = Esa oficina ya no está en el directorio.
offices-city-unknown = No conozco ninguna oficina en esa ciudad. Elija una ciudad de abajo.
office-phone = Teléfono: { $phone }
office-open-now = 🟢 Abierta ahora
office-closed-now = 🔴 Cerrada ahora
office-hours-this-week = Horario de esta semana:
office-closed = cerrada
office-closed-holiday = cerrada (festivo)
office-services = Trámites:
office-source = Fuente: { $url } (comprobado el { $date })
office-unverified = ⚠ Algunos datos de esta oficina no se han podido confirmar con una fuente oficial; llame antes de ir.
office-what-next = ¿Quiere reservar aquí?
office-book-here = 📅 Reservar aquí
