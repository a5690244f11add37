### Справочник отделений.

offices-pick-city = В каком городе?
offices-or-share-location = Или отправьте своё местоположение, чтобы увидеть ближайшие отделения.
offices-pick-office = Какое отделение?
offices-nearest = Ближайшие отделения:
offices-with-distance = { $office } ({ $km } км)
offices-gone = Этого отделения больше нет в справочнике.
offices-city-unknown = Я не знаю отделения в этом городе. Выберите город ниже.
office-phone = Телефон: { $phone }
office-open-now = 🟢 Сейчас открыто
office-closed-now = 🔴 Сейчас закрыто
office-hours-this-week = Часы работы на этой неделе:
office-closed = закрыто
office-closed-holiday = закрыто (праздник)
office-services = Услуги:
office-source = Источник: { $url } (проверено { $date })
office-unverified = ⚠ Часть сведений об этом отделении не подтверждена официальным источником; позвоните перед визитом.
office-what-next = Записаться сюда?
office-book-here = 📅 Записаться сюда
