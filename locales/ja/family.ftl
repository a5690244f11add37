### Assisted service for relatives, and linking another chat.

family-prompt = 家族のサポート: お子さんや高齢のご家族の代わりに手続きをする（予約、申請の確認、許可の閲覧）か、ご家族にあなたの代わりをしてもらえます。
family-group-prompt = このグループでは、ご家族を招待してあなたがその方の代わりをできるようにしたり、ご家族からの招待を受けたりできます。氏名や記録はグループには表示されません。
family-nobody = まだ誰もあなたの代わりをしておらず、あなたも誰の代わりもしていません。
family-you-act-for = あなたが代わりをしている方:
family-acting-for-you = あなたの代わりをしている方:
family-helper-line = • { $helper }（{ $since } から）
family-a-relative = ご家族
family-you = あなた
family-add = ➕ 家族を追加（本人の書類で）
family-invite = ✉ 家族を招待
family-accept = 🤝 招待を受ける
family-stop-acting = ❌ { $name } の代わりをやめる
family-withdraw = ❌ { $helper } の権限を取り消す
family-add-intro = ご家族を追加するには、ご本人の情報で本人確認が必要です: 国籍、パスポート番号、生年月日、いずれかの申請の受付番号（または窓口で受け取った連携コード）。
family-link-yourself-first = まず、あなた自身の本人確認が必要です。
family-added = 完了しました。これでご家族の代わりに予約し、進捗や許可を確認できます。どちらからでも、いつでも「家族のサポート」で終了できます。
family-invite-code = 招待コード: { $code }（{ $hours } 時間有効）。ご家族が「家族のサポート」→「招待を受ける」を選んでこのコードを入力すると、あなたがその方の代わりをできるようになります。
family-invitation-accepted = { $helper } が visadesk で { $member } の代わりをできるようになりました（予約、申請の進捗、許可）。{ $member } はいつでも「家族のサポート」で終了できます。
family-own-invitation = それはあなた自身の招待です。ご家族が受ける必要があります。
family-accept-link-first = 受けるには、まず私との個別チャットであなた自身の本人確認が必要です。
family-revoked = 完了しました。その権限は終了しました。
family-ask-consent = ご家族を本人の書類だけで追加できるのは、その方が子ども（{ $child_under } 歳未満）または { $elder_from } 歳以上で、私との自分のチャットを持たず、以前にあなたの権限を終了していない場合だけです。それ以外はご家族が決めます: 招待を送り（✉ 家族を招待）、ご家族が自分のチャットで受けます。
family-already-acting = すでにあなたの代わりをしている方: { $helpers }。いつでも「家族のサポート」で終了できます。

settings-link-channel = 🔗 別のチャットを連携
settings-enter-code = 🔑 別のチャットのコードがある
code-channel-nothing = このチャットはまだどの記録とも連携していないため、別のチャットに引き継ぐものはありません。
code-channel-shown = あなたのコード: { $code }（{ $minutes } 分間、1回のみ有効）。別のチャットで 設定 →「別のチャットのコードがある」を選び、入力してください。誰にも教えないでください。
code-ask-channel = 別のチャットに表示されたコードを入力してください。
code-ask-invitation = ご家族が受け取った招待コードを入力してください。
code-channel-linked = 完了しました。このチャットでも別のチャットと同じ記録を見られます。
code-invalid = このコードは無効です（誤り、使用済み、または期限切れ）。確認してもう一度お試しください。
identity-have-code = 🔑 別のチャットのコードがある
booking-for = 👤 { $name } の代わりに
