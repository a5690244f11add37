### Notifications sent later: status changes, pickup, reminders, expiry. Rendered when sent.

notify-status-changed = { $who ->
    [relative] { $name } の { $service } の申請（受付番号 { $receipt }）の状況: { $status }。
   *[own] { $service } の申請（受付番号 { $receipt }）の状況: { $status }。
}
notify-ready-for-pickup = { $who ->
    [relative] お知らせ: { $name } の { $service } の書類（受付番号 { $receipt }）を受け取れるようになりました。
   *[own] お知らせ: { $service } の書類（受付番号 { $receipt }）を受け取れるようになりました。
}
notify-pickup-where = 場所: { $place }
notify-pickup-when = 日時: { $from } から { $until } まで
notify-pickup-bring = 持ち物: { $bring }
notify-pickup-bring-default = パスポートと受付票を持参してください。
notify-note = 窓口からのメモ: { $note }
notify-pickup-waiting = { $who ->
    [relative] { $name } の { $service } の書類（受付番号 { $receipt }）は準備ができてから { $days } 日たちますが、まだ受け取られていません。
   *[own] { $service } の書類（受付番号 { $receipt }）は準備ができてから { $days } 日たちますが、まだ受け取られていません。
}
notify-appointment-cancelled = 予約 { $code }（{ $service }、{ $when }）の当日は窓口が休みのため、予約は取り消されました。申し訳ありません。新しい日時を予約してください。
notify-rebook = 📅 新しい日時を予約
notify-permit-expiring = あなたの{ $kind }は { $date }、{ $days } 日後に期限が切れます。早めに更新を予約してください。
notify-renew = 📅 更新を予約
notify-slot-freed = { $office } の { $service } に { $date } の空きが出ました。枠はすぐに埋まります。よろしければ今すぐ予約してください。
notify-book-now = 📅 今すぐ予約
notify-proof-failed = 誰かがパスポート { $passport } の所持者であることを証明しようとして、誤った情報を入力しました。あなたでなければ、その人には何も表示されていません。ログインできなくなった場合は、申請を担当する出入境管理の窓口で1回限りの連携コードを受け取れます。
notify-delegation-granted = { $helper } が visadesk であなたの代わりをできるようになりました: 予約とその管理、申請と許可の閲覧。同意していない場合は、すぐに「家族のサポート」で終了してください。
notify-delegation-ended = { $helper } は visadesk であなたの代わりをしなくなりました。
notify-help-ended = パスポート { $passport } の所持者があなたの権限を終了しました。visadesk でその方の代わりをすることはもうできません。その方のために予約した来庁は、その方のものとして残ります。
notify-office = 窓口: { $office }
    { $address }
notify-reminder-day = { $who ->
    [relative] リマインダー: { $name } の { $service } の予約 { $code } は { $day ->
        [today] 今日 { $when } です。
        [tomorrow] 明日 { $when } です。
       *[later] { $when } です。
    }
   *[own] リマインダー: { $service } の予約 { $code } は { $day ->
        [today] 今日 { $when } です。
        [tomorrow] 明日 { $when } です。
       *[later] { $when } です。
    }
}
notify-reminder-soon = { $who ->
    [relative] 2時間後の { $time }: { $name } の { $service } の予約 { $code } です。余裕をもってお出かけください。
   *[own] 2時間後の { $time }: { $service } の予約 { $code } です。余裕をもってお出かけください。
}
notify-reminder-bring = 持ち物:
notify-passport-confirmed = { $who ->
    [relative] { $name } が届け出た新しいパスポート { $passport } を窓口が確認しました。これからは永住許可にこのパスポートが適用されます。
   *[own] 届け出た新しいパスポート { $passport } を窓口が確認しました。これからは永住許可にこのパスポートが適用されます。
}
