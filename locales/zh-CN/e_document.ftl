### The e-document (NIA function 5): the PDF a PR holder hands to a bank, and its verify page.

# Who issues e-documents when VISADESK_ISSUER_NAME is not set.
edoc-issuer-default = 出入境管理局
edoc-title = 护照与永久居留身份证关联证明
edoc-statement = { $issuer }证明下列护照与持有人的外国人永久居留身份证相关联，以出入境管理机构的登记为准。
edoc-label-holder = 持有人
edoc-label-nationality = 国籍
edoc-label-pr = 永久居留身份证号码
edoc-label-pr-expires = 有效期至
edoc-label-passport = 现持护照号码
edoc-label-previous-passport = 原护照号码
edoc-label-issued = 开具日期
edoc-label-id = 证明编号
edoc-no-previous = 无
edoc-verify = 核验本证明：扫描二维码或访问下列地址，输入证明编号和持有人出生日期即可逐项核对。
edoc-qr-alt = 本证明核验地址的二维码：{ $url }
edoc-signed-data = 签名数据（规范 JSON）：{ $payload }
edoc-signature = Ed25519 签名（base64）：{ $signature }

verify-title = 核验电子证明
verify-valid = ✅ 有效：本证明由{ $issuer }开具，未被作废。
verify-revoked = ❌ 已于 { $date } 作废：本证明已失效。
verify-unknown = ❓ 未知：此处未开具过此编号的证明。
verify-invalid = ⚠ 无效：本证明的签名不符，请勿采信。
verify-masked = 姓名和号码已部分隐藏。如需与纸质证明逐项核对，请输入持有人出生日期。
verify-birth-date = 持有人出生日期
verify-show = 显示完整信息
verify-full = 完整信息（与签名内容一致）：请与证明逐项核对。
verify-birth-date-wrong = 该出生日期与本证明持有人不符。
verify-too-many = 本证明的核验尝试次数过多，请一小时后再试。
verify-key = 签名数据及服务公钥：
