### Booking an appointment, my appointments, reschedule, cancel.

booking-pick-service = どの手続きが必要ですか？
booking-pick-city = どの都市ですか？
booking-pick-office = どの窓口ですか？
booking-pick-day = { $office } のどの日にしますか？（かっこ内は空き枠の数）
booking-day-label = { $date }（{ $free }）
booking-pick-slot = { $date } の何時にしますか？
booking-slot-label = { $time }（空き { $free }）
booking-no-free-days = この窓口には今後数週間、空き枠がありません。戻って別の窓口を選んでください。
booking-day-full = その日はもう満員です。別の日を選んでください。
booking-slot-taken = 申し訳ありません。その時間の最後の枠がたった今ほかの方に予約されました。まだ空いている時間はこちらです:
booking-start-over = この予約には足りない情報があります。メニューに戻って、最初からやり直してください。
booking-ask-name = 申請者の氏名を、パスポートの記載どおりローマ字で入力してください。
booking-name-invalid = パスポートに印字されたとおり、ローマ字（A–Z、アクセント記号可）で氏名を入力してください。例: Anna Müller、TANAKA HANAKO。使えるのは文字、スペース、ハイフンのみで、2〜100文字です。
booking-ask-nationality = 国籍は？選択するか、パスポートにある3文字のコードを入力してください（例: JPN）。
booking-nationality-invalid = 国籍を選ぶか、パスポートにある3文字のコードを入力してください。例: JPN、DEU。
booking-ask-passport = パスポート番号は？
booking-passport-invalid = パスポート番号は5〜20文字の英字と数字で、ほかの記号は含みません。確認してもう一度入力してください。
booking-ask-phone = 窓口から連絡できる電話番号は？（中国の番号でなければ国番号付きで）
booking-phone-invalid = 7〜15桁の電話番号を入力してください。例: +86 138 0013 8000
booking-type-answer = 回答をテキストで入力してください。
booking-summary = 予約内容をご確認ください:
    手続き: { $service }
    窓口: { $office }
    日時: { $when }
    氏名: { $name }
    国籍: { $nationality }
    パスポート: { $passport }
    電話: { $phone }
booking-confirm = ✅ 確定
booking-confirmed = ✅ 予約しました！予約コードは { $code } です。
    { $service }
    { $when }
    { $office }
    { $address }
    持ち物:
    { $documents }
    下のカレンダーファイルで、予約をカレンダーに追加できます。
booking-limit-user = この手続きの有効な予約がすでに { $limit } 件あり、これが1人が持てる上限です。新しく予約する前に、既存の予約を取り消すか利用してください。
booking-limit-passport = このパスポートには、この手続きの有効な予約がすでにあります。2件目を予約する代わりに「私の予約」で日時を変更してください。
booking-limit-address = この接続からは、その日この窓口にすでに { $limit } 枠を予約しています。これはウェブチャットで1つの接続が予約できる上限です。別の日を選ぶか、Telegram、WeChat、WhatsApp で予約してください。
booking-proof-of-work-missing = 予約前のブラウザの簡単な確認が終わりませんでした。もう一度「確定」を押して、しばらくこのページを開いたままにしてください。
calendar-summary = { $service } – { $office }
calendar-description = 予約コード { $code }。窓口の電話 { $phone }。visadesk で予約。

appointments-list = 私の予約:
appointments-none = 今後の予約はありません。
appointments-line = { $code } · { $service } · { $office } · { $when }
appointments-reschedule = 🔁 { $code } を変更
appointments-cancel = ✖ { $code } を取り消す
appointments-confirm-cancel = この予約を取り消しますか？
    { $line }
appointments-yes-cancel = はい、取り消します
appointments-cancelled = 予約 { $code } を取り消し、枠を空けました。
appointments-gone = その予約はもう有効ではありません。
appointments-reschedule-day = { $line } の新しい日は？
appointments-rescheduled = 🔁 変更しました！予約 { $code } は次のとおりです:
    { $service }
    { $when }
    { $office }
    { $address }
    持ち物:
    { $documents }
booking-waitlist = 🔔 空きが出たら知らせて
booking-waitlist-added = 承知しました。今後数週間のうちにこの窓口に空きが出たら、すぐに（1回）お知らせします。戻って別の窓口を探すこともできます。
booking-in-private = 予約にはパスポート番号と電話番号が必要で、このグループの全員に見えてしまいます。個別チャットで続けましょう: { $link }
booking-not-in-group = 予約にはパスポート番号と電話番号が必要で、このグループの全員に見えてしまうため、ここでは予約できません。予約するには個別チャットでメッセージを送ってください。
