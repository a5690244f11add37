### The office directory.

offices-pick-city = Which city?
offices-or-share-location = Or share your location to see the nearest offices.
offices-pick-office = Which office?
offices-nearest = The nearest offices:
offices-with-distance = { $office } ({ $km } km)
offices-gone = That office is no longer in the directory.
offices-city-unknown = I do not know an office in that city. Please pick a city below.
office-phone = Phone: { $phone }
office-open-now = 🟢 Open now
office-closed-now = 🔴 Closed now
office-hours-this-week = Hours this week:
office-closed = closed
office-closed-holiday = closed (public holiday)
office-services = Services:
office-source = Source: { $url } (checked { $date })
office-unverified = ⚠ Some details of this office could not be confirmed from an official source; please call before you go.
office-what-next = Would you like to book here?
office-book-here = 📅 Book here
