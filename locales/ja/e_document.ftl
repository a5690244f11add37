### The e-document (NIA function 5): the PDF a PR holder hands to a bank, and its verify page.

# Who issues e-documents when VISADESK_ISSUER_NAME is not set.
edoc-issuer-default = 出入境管理局
edoc-title = 証明書: 永住許可に連携したパスポート
edoc-statement = { $issuer } は、出入境管理の窓口の記録に基づき、以下のパスポートが所持者の外国人永久居留身分証に連携していることを証明します。
edoc-label-holder = 所持者
edoc-label-nationality = 国籍
edoc-label-pr = 永久居留身分証番号
edoc-label-pr-expires = 有効期限
edoc-label-passport = 現在のパスポート番号
edoc-label-previous-passport = 以前のパスポート番号
edoc-label-issued = 発行日
edoc-label-id = 証明書番号
edoc-no-previous = なし
edoc-verify = この証明書を確認するには、QR コードを読み取るか下記のアドレスを開き、証明書番号と所持者の生年月日を入力すると、すべての値を照合できます。
edoc-qr-alt = この証明書を確認できるアドレスの QR コード: { $url }
edoc-signed-data = 署名されたデータ（正規化 JSON）: { $payload }
edoc-signature = Ed25519 署名（base64）: { $signature }

verify-title = 電子証明書の確認
verify-valid = ✅ 有効: この証明書は { $issuer } が発行し、失効していません。
verify-revoked = ❌ { $date } に失効: この証明書はもう有効ではありません。
verify-unknown = ❓ 不明: この番号の証明書はここでは発行されていません。
verify-invalid = ⚠ 無効: この証明書の署名が一致しません。信用しないでください。
verify-masked = 氏名と番号は一部を伏せています。すべての値を紙の証明書と照合するには、所持者の生年月日を入力してください。
verify-birth-date = 所持者の生年月日
verify-show = すべての値を表示
verify-full = 署名されたとおりのすべての値です。証明書と照合してください。
verify-birth-date-wrong = この生年月日は証明書の所持者と一致しません。
verify-too-many = この証明書への試行回数が多すぎます。1時間後にもう一度お試しください。
verify-key = 署名されたデータとサービスの公開鍵:
