### Texts shown in every conversation: greeting, language names.

# The language's own name, shown in the language picker.
language-name = English
greeting = Hello! I am visadesk, your assistant for China's Exit-Entry offices.
greeting-coming-soon = Booking, office directory, guidance and your records will be available here soon.
