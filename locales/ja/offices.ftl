### The office directory.

offices-pick-city = どの都市ですか？
offices-or-share-location = または現在地を共有すると、最寄りの窓口が表示されます。
offices-pick-office = どの窓口ですか？
offices-nearest = 最寄りの窓口:
offices-with-distance = { $office }（{ $km } km）
offices-gone = その窓口はもう一覧にありません。
offices-city-unknown = その都市の窓口はわかりません。下から都市を選んでください。
office-phone = 電話: { $phone }
office-open-now = 🟢 営業中
office-closed-now = 🔴 営業時間外
office-hours-this-week = 今週の受付時間:
office-closed = 休み
office-closed-holiday = 休み（祝日）
office-services = 取り扱い手続き:
office-source = 出典: { $url }（{ $date } 確認）
office-unverified = ⚠ この窓口の情報の一部は公式な出典で確認できていません。行く前に電話で確認してください。
office-what-next = ここで予約しますか？
office-book-here = 📅 ここで予約
