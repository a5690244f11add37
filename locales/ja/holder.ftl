### The PR holder's passport, its e-document, and the public verify page.

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

edoc-title = 証明書: 永住許可に連携したパスポート
edoc-statement = visadesk は、出入境管理当局の記録に基づき、以下のパスポートが所持者の外国人永久居留身分証に連携していることを証明します。
edoc-holder = 所持者: { $name }、国籍: { $nationality }
edoc-pr = 永住許可: { $pr }、{ $pr_expires } まで有効
edoc-passport = パスポート: { $passport }
edoc-id = 証明書番号 { $id }、{ $issued } 発行
edoc-verify = QR コードを読み取るか、下記のアドレスでこの証明書を確認できます。

verify-title = 電子証明書の確認
verify-valid = ✅ 有効: この証明書は visadesk が発行し、失効していません。
verify-revoked = ❌ { $date } に失効: この証明書はもう有効ではありません。
verify-unknown = ❓ 不明: この番号の証明書を visadesk は発行していません。
verify-invalid = ⚠ 無効: この証明書の署名が一致しません。信用しないでください。
verify-issued = 発行日: { $date }
verify-holder = 所持者: { $holder }（{ $nationality }）
verify-pr = 永住許可: { $pr }
verify-passport = パスポート: { $passport }
verify-key = 署名されたデータとサービスの公開鍵:
