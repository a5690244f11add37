### Texts shown in every conversation: greeting, navigation, errors, formats.

# The language's own name, shown in the language picker.
language-name = 日本語
greeting = こんにちは！visadesk です。中国の出入境管理局での手続きをお手伝いします。来庁予約、窓口探し、必要書類のご案内ができます。
nav-back = ⬅ 戻る
nav-menu = ☰ メニュー
stale-button = そのメニューはもう使えません。現在の手順はこちらです:
choose-from-buttons = 下の選択肢から一つ選んでください。
error-busy = 前のメッセージをまだ処理中です。少し待ってから、このメッセージをもう一度送ってください。
error-internal = 申し訳ありません。こちら側で問題が起きました。もう一度お試しください。再び起きた場合は、この参照番号をサポートにお伝えください: { $reference }
session-restarted = 前回の会話は期限切れになりました。メニューからやり直しましょう。
flow-cancelled = 取り消しました。何も保存されていません。
unknown-command = そのコマンドはわかりません。「ヘルプ」と入力すると、できることを確認できます。
help-text = 中国の出入境手続きをお手伝いします。ボタンを使うか、次のように入力してください:
    • 「予約」: 来庁予約
    • 「窓口」: 出入境管理の窓口を探す
    • 「書類」または「手数料」: ご案内
    • 「戻る」「キャンセル」「メニュー」: どの手順でも
    • 「言語」: 言語の変更

# Words that work at every step, comma-separated, lower case.
keyword-back = 戻る, 前へ
keyword-cancel = キャンセル, 中止, やめる
keyword-menu = メニュー, メインメニュー, 最初から
keyword-help = ヘルプ, 助けて
keyword-lang = 言語
# Words that lead from the main menu to a flow.
intent-appointments = 私の予約, 予約確認, 予約変更
intent-book = 予約, 延長, 更新
intent-offices = 窓口, 住所, どこ, 場所, 近く
intent-guidance = 書類, 手数料, 費用, 料金, 案内, 必要
intent-settings = 設定, 通知

# Dates, times and money.
weekday = { $n ->
    [1] 月
    [2] 火
    [3] 水
    [4] 木
    [5] 金
    [6] 土
   *[7] 日
}
month = { $n }
date-format = { $year }年{ $month }月{ $day }日（{ $weekday }）
date-time-format = { $date } { $time }
money = ¥{ $amount }

# The terminal chat (`visadesk chat`).
chat-location-hint = （位置情報を共有するには「/location 緯度 経度」と入力してください）
chat-document-saved = 📎 保存しました: { $path }

# The web chat page.
web-title = visadesk – 中国出入境アシスタント
web-placeholder = メッセージを入力…
web-send = 送信
web-share-location = 現在地を共有
web-location-unavailable = ブラウザが位置情報を共有しませんでした。代わりに都市を選べます。
web-download = ダウンロード
web-error = メッセージを送信できませんでした。接続を確認して、もう一度お試しください。
web-checking = 予約の前にブラウザを確認しています…
web-language = 言語

# Messaging channels.
channel-unsupported-message = 読み取れるのはテキストメッセージ、共有された位置情報、メニューの選択だけです。メッセージを入力してください。
whatsapp-list-button = 選択
