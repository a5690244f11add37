### Personal records behind proven identity: linking, progress, permits, PR permit.

identity-intro = 個人の記録を表示するには、まずそれがあなたのものか確認する必要があります。国籍、パスポート番号、生年月日、いずれかの申請の受付番号（または窓口で受け取った連携コード）をお聞きします。
identity-ask-birth-date = 生年月日は？（例: 1990-01-31）
identity-birth-date-invalid = 生年月日を 年-月-日 の形式で入力してください。例: 1990-01-31
identity-ask-proof = 受付票の受付番号、または窓口で受け取った連携コードは？
identity-proof-invalid = 受付番号または連携コードを印字どおりに入力してください。
identity-linked = ありがとうございます。このチャットで本人確認が完了しました。
identity-failed = 入力された情報が記録と一致しません。確認してもう一度お試しください。
identity-limited = 試行回数が多すぎます。安全のため、{ $until } 以降にもう一度お試しください。
identity-limited-link-code = このパスポートへの試行回数が多すぎます。{ $until } までは、出入境管理の窓口が発行する1回限りの連携コードでしか証明できません。申請を担当する窓口で受け取り、受付番号の代わりに使ってください。

records-for = { $name } の記録:
progress-none = まだ申請はありません。
progress-application = { $service } · { $office } · 受付番号 { $receipt }
    状況: { $status }
progress-note = 窓口からのメモ: { $note }
progress-pickup = { $address } で受け取れます
    { $from } から { $until } まで。パスポートと受付票を持参してください。
progress-pickup-place = 具体的な場所: { $place }
progress-pickup-bring = 窓口からの持ち物の指示: { $bring }
progress-timeline = 履歴:
progress-watch = 🔔 { $receipt } の通知を受け取る
progress-unwatch = 🔕 { $receipt } の通知をやめる
progress-watching = 状況が変わったらお知らせします。
progress-not-watching = この申請についてはもうお知らせしません。
status-received = 受付済み
status-in-review = 審査中
status-more-documents-needed = 追加書類が必要
status-approved = 許可
status-ready-for-pickup = 受け取り可能
status-collected = 受け取り済み
status-rejected = 不許可

permits-none = 記録されたビザや居留許可はありません。
permit-kind-visa = ビザ
permit-kind-residence-permit = 居留許可
entries-single = 1回
entries-double = 2回
entries-multiple = 数次
permit-line = { $kind }（{ $type }）
    番号: { $number }
    発行日: { $issued }
    有効期限: { $expires }
    入国回数: { $entries }
permit-stay = 1回の入国ごとの滞在期間: { $days } 日
permit-days-left = 残り { $days } 日
permit-expired = ⚠ 期限切れです。
permit-expiring-soon = ⚠ { $days } 日後に期限切れ: 今すぐ更新を申請してください。
permit-renew = 📅 更新を予約

pr-none = 記録された永住許可はありません。
pr-line = 永住許可
    番号: { $number }
    発行日: { $issued }
    有効期限: { $expires }
    状況: { $status }
pr-status-valid = 有効
pr-status-expired = 期限切れ
pr-status-revoked = 取り消し済み
pr-status-lost = 紛失届出済み

settings-forget = 🧹 このチャットから私の情報を消す
settings-forget-confirm = このチャットとあなたの記録とのすべての連携を削除しますか？記録を再び見るには、もう一度本人確認が必要になります。
settings-forget-yes = はい、消してください
settings-forgotten = 完了しました。このチャットからはもうあなたの記録にアクセスできません。
settings-nothing-to-forget = このチャットはどの記録とも連携していません。
settings-my-data = 📥 私のデータをダウンロード
settings-my-data-nothing = このチャットで visadesk が保有しているあなたの情報はありません。
settings-my-data-summary = visadesk が保有しているあなたの情報すべての写し（JSON ファイル）です。概要:
    • あなたに連携したチャット: { $channels }
    • 本人と証明した申請者: { $applicants }、記録された申請 { $applications } 件と許可 { $permits } 件
    • 予約: { $appointments }
    • あなたの代わりをする人、あなたが代わりをする人: { $delegations }
    • 通知: { $notifications }
    • あなたに関する監査ログ: { $audit }
settings-erase = 🗑 私のデータを消去
settings-erase-confirm = visadesk がチャットのために保有しているあなたの情報をすべて消去しますか？連携したすべてのチャットのアカウント、設定、記録との連携、あなたの代わりをする人やあなたが代わりをする人、見守っている申請、空き待ち、通知、途中の予約が削除されます。元に戻せません。
    窓口自体の記録は残ります: 申請、許可、パスポート、電子証明書、予約済みの来庁は出入境管理の窓口のもので、消去されません。
settings-erase-yes = はい、データを消去します
settings-erased = 完了しました。データは消去されました。またメッセージを送ると、最初から始まります。
progress-estimate = 通常は { $date } までに準備できます: { $basis ->
        [completed] 過去 { $window } 日間にこの窓口で扱ったこの手続きの申請 { $cases } 件のうち { $percent } % が { $days } 営業日以内に準備できました。
       *[published] 公表されている処理期間は { $days } 営業日です（過去 { $window } 日間にこの窓口で完了したこの手続きの申請が少なく、独自の数字は使えません）。
    }
progress-estimate-passed = 通常の日付（{ $date }）を過ぎましたが、申請はまだ準備できていません。窓口に電話で問い合わせることができます: { $phone }
