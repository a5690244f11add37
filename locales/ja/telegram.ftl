### Telegram: the command menu (setMyCommands) and the few words the Telegram adapter adds.

telegram-command-start = 最初からやり直してメインメニューを表示
telegram-command-book = 出入境管理の窓口に来庁予約
telegram-command-appointments = 私の予約: 変更または取り消し
telegram-command-offices = 出入境管理の窓口を探す
telegram-command-guidance = 書類、手数料、処理期間
telegram-command-settings = 言語と通知
telegram-command-language = 言語を変更
telegram-command-help = できること
telegram-command-cancel = 今の操作を取り消す
# The reply-keyboard button that shares the user's location.
telegram-share-location = 📍 現在地を共有
# Shown briefly when a button of an older message is pressed again.
telegram-button-used = このボタンはすでに使われました。最新のメッセージを使ってください。
# Shown briefly when a group member presses buttons meant for another member.
telegram-not-your-buttons = これはほかのメンバーの会話のボタンです。/start を送ってご自身の会話を始めてください。
