### The PR holder's passport and its e-document (the document itself: e_document.ftl).

records-private-only = プライバシー保護のため、個人の記録はグループではなく、私との個別チャットでのみ表示します。直接メッセージを送ってください。
records-for-relative = { $name } の記録（あなたが代わりをしている方）:
passport-no-pr = あなたの記録に永住許可が見つからないため、表示できる永住者のパスポートはありません。
passport-pr-line = { $name } の永住許可: { $number }
passport-none-linked = この許可にはまだパスポートが連携されていません。発行した窓口にお問い合わせください。
passport-linked-line = 連携済みのパスポート: { $number }（{ $nationality }）、{ $expires } まで有効。{ $since } に窓口が登録。
passport-declared-line = 届け出た新しいパスポート: { $number }（{ $nationality }）、{ $expires } まで有効。{ $since } に届出、窓口の確認待ち。
passport-issue-document = 📄 電子証明書を発行
passport-declare-new = 🛂 新しいパスポートがある
passport-documents-heading = 有効な電子証明書:
passport-document-line = • 番号 { $id }、{ $issued } 発行
passport-revoke-document = ❌ 番号 { $id } を失効させる
passport-document-unavailable = 申し訳ありません。現在、電子証明書を発行できません。後でもう一度お試しください。窓口でも発行できます。
passport-document-issued = 電子証明書です。誰でも { $url } で、または QR コードを読み取って確認できます。
passport-ask-new-number = 新しいパスポートの番号は？
passport-ask-expiry = 新しいパスポートの有効期限は？（例: 2034-05-31）
passport-expiry-invalid = 将来の日付を 年-月-日 の形式で入力してください。例: 2034-05-31
passport-declare-summary = { $expires } まで有効な新しいパスポート { $number } を届け出ますか？窓口が確認します。それまで電子証明書は以前のパスポートを証明します。
passport-declare-confirm = ✅ はい、届け出ます
passport-declared = 完了しました。新しいパスポートが記録され、窓口の確認を待っています。次回の来庁時に持参してください。
passport-already-known = そのパスポートはすでに記録されています。あなたのもので連携されていない場合は、窓口にお問い合わせください。
passport-revoke-confirm = 電子証明書 番号 { $id } を失効させますか？以後、確認した人にはもう有効ではないと表示されます。
passport-revoke-yes = はい、失効させます
passport-document-revoked = 完了しました。電子証明書は失効しました。
