### 永久居留身份证持有人的护照、电子证明及公开验证页面。

records-private-only = 为保护您的隐私，个人档案只在与我的私聊中显示，不在群聊中显示。请直接私信我。
records-for-relative = { $name } 的档案（您代为办理）：
passport-no-pr = 您的档案中没有外国人永久居留身份证，因此没有可显示的持证人护照。
passport-pr-line = { $name } 的永久居留身份证：{ $number }
passport-none-linked = 该证件尚未关联护照。请咨询签发机关。
passport-linked-line = 已关联护照：{ $number }（{ $nationality }），有效期至 { $expires }；由出入境机关于 { $since } 登记。
passport-declared-line = 您申报的新护照：{ $number }（{ $nationality }），有效期至 { $expires }；于 { $since } 申报，等待出入境机关确认。
passport-issue-document = 📄 开具电子证明
passport-declare-new = 🛂 我换了新护照
passport-documents-heading = 您的有效电子证明：
passport-document-line = • 编号 { $id }，开具于 { $issued }
passport-revoke-document = ❌ 作废编号 { $id }
passport-document-unavailable = 抱歉，目前无法开具电子证明。请稍后再试，也可到出入境机关办理。
passport-document-issued = 这是您的电子证明。任何人都可以在 { $url } 或扫描二维码核验。
passport-ask-new-number = 新护照号码？
passport-ask-expiry = 新护照有效期至？（例如 2034-05-31）
passport-expiry-invalid = 请按“年-月-日”输入一个将来的日期，例如 2034-05-31。
passport-declare-summary = 申报新护照 { $number }，有效期至 { $expires }？出入境机关确认之前，电子证明仍证明您的原护照。
passport-declare-confirm = ✅ 确认申报
passport-declared = 已完成。您的新护照已登记，等待出入境机关确认。下次办理时请携带。
passport-already-known = 该护照已有记录。如果是您的护照但未关联，请咨询出入境机关。
passport-revoke-confirm = 作废电子证明 { $id }？之后任何人核验时都会看到它已失效。
passport-revoke-yes = 确认作废
passport-document-revoked = 已完成，该电子证明已作废。
