### The e-document (NIA function 5): the PDF a PR holder hands to a bank, and its verify page.

# Who issues e-documents when VISADESK_ISSUER_NAME is not set.
edoc-issuer-default = Управление по делам въезда и выезда
edoc-title = Справка о привязке паспорта к виду на постоянное жительство
edoc-statement = { $issuer } подтверждает, что указанный ниже паспорт привязан к удостоверению иностранца о постоянном проживании владельца, как это зарегистрировано отделом въезда и выезда.
edoc-label-holder = Владелец
edoc-label-nationality = Гражданство
edoc-label-pr = Номер удостоверения о постоянном проживании
edoc-label-pr-expires = Действительно до
edoc-label-passport = Номер действующего паспорта
edoc-label-previous-passport = Номер прежнего паспорта
edoc-label-issued = Дата выдачи
edoc-label-id = Номер справки
edoc-no-previous = нет
edoc-verify = Чтобы проверить справку, отсканируйте QR-код или откройте адрес ниже; введите номер справки и дату рождения владельца, чтобы сверить все данные.
edoc-qr-alt = QR-код адреса, по которому можно проверить справку: { $url }
edoc-signed-data = Подписанные данные (канонический JSON): { $payload }
edoc-signature = Подпись Ed25519 (base64): { $signature }

verify-title = Проверка электронной справки
verify-valid = ✅ Действительна: справка выдана ({ $issuer }) и не отозвана.
verify-revoked = ❌ Отозвана { $date }: справка больше не действует.
verify-unknown = ❓ Неизвестна: справка с таким номером здесь не выдавалась.
verify-invalid = ⚠ Недействительна: подпись справки не совпадает. Не полагайтесь на неё.
verify-masked = Имена и номера скрыты. Чтобы сверить все данные с бумагой, введите дату рождения владельца.
verify-birth-date = Дата рождения владельца
verify-show = Показать все данные
verify-full = Полные данные, как они подписаны: сверьте их со справкой.
verify-birth-date-wrong = Эта дата рождения не совпадает с данными владельца справки.
verify-too-many = Слишком много попыток для этой справки. Попробуйте через час.
verify-key = Подписанные данные и открытый ключ сервиса:
