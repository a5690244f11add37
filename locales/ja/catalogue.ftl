### The service catalogue: service names, who each is for, documents, fee notes.

service-visa-extension = ビザの延長
service-visa-extension-who = ビザで認められた期間より長く滞在する必要がある方向け。滞在期限の少なくとも7日前までに申請してください。
service-visa-renewal = ビザの更新（切り替え）
service-visa-renewal-who = パスポートを替えた、査証欄が埋まったなど、ビザを替える必要がある方向け。
service-visa-reissuance = ビザの再発行
service-visa-reissuance-who = 中国でビザを紛失した、盗まれた、または破損した外国人向け。
service-residence-first = 居留許可（初回発行）
service-residence-first-who = 居留許可が必要なビザ（就労 Z、留学 X1、家族 Q1/S1 …）で入国した外国人向け。入国後30日以内に申請してください。
service-residence-renewal = 居留許可の延長
service-residence-renewal-who = より長く滞在する必要がある居留許可の所持者向け。許可の期限の少なくとも30日前までに申請してください。
service-residence-change = 居留許可の変更
service-residence-change-who = 記載事項（新しい雇用主や学校、新しいパスポート、氏名、同行家族）が変わった居留許可の所持者向け。変更後10日以内に申請してください。
service-residence-reissuance = 居留許可の再発行
service-residence-reissuance-who = 居留許可を紛失した、盗まれた、または破損した外国人向け。
service-pr-application = 永住許可の申請
service-pr-application-who = 永住の条件（投資、就労、家族の呼び寄せ、特別な貢献）を満たす外国人向け。

document-passport = パスポート（原本と、顔写真・ビザ・最新の入国スタンプのページのコピー）
document-application-form = 記入済みのビザ・居留許可申請書
document-photo = 最近撮影した2インチのカラー写真1枚、白背景、無帽（または窓口で撮影）
document-accommodation-registration = 派出所またはホテルが発行した臨時宿泊登記表
document-extension-reason-proof = 滞在を延ばす理由の証明（招へい状、病院の診断書、親族関係の証明 …）
document-police-report-loss = 紛失または盗難の警察への届出書
document-health-certificate = 指定の国際旅行衛生保健センターが発行した健康証明書
document-work-permit = 外国人就労許可証
document-employer-letter = 公印を押した雇用主からの書簡
document-study-admission = 学校の入学通知書と JW201/JW202 表
document-family-relation-proof = 家族関係の証明（婚姻または出生証明書、認証済み）
document-change-proof = 変更の証明（新しいパスポート、新しい就労許可証、新しい学校の書簡 …）
document-no-criminal-record = 無犯罪証明書
document-pr-eligibility-proof = 永住資格の証明（就労、投資または家族に関する書類）

fee-note-residence-tiers = 居留許可の手数料は有効期間によって異なります: 1年未満は ¥400、1〜3年は ¥800、3〜5年は ¥1000（最後の区分は出典で確認できていません）。
