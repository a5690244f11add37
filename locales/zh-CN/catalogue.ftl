### 业务目录：业务名称、适用对象、材料、费用说明。

service-visa-extension = 签证延期
service-visa-extension-who = 适用于需在签证准予停留期限届满后继续停留的外国人；应在停留期限届满7日前申请。
service-visa-renewal = 签证换发
service-visa-renewal-who = 适用于因更换护照、签证页用完等原因需换发签证的外国人。
service-visa-reissuance = 签证补发
service-visa-reissuance-who = 适用于签证在中国境内遗失、被盗或损毁的外国人。
service-residence-first = 居留许可签发
service-residence-first-who = 适用于持需办理居留证件的签证（工作Z、学习X1、团聚Q1/S1等）入境的外国人；应在入境后30日内申请。
service-residence-renewal = 居留许可延期
service-residence-renewal-who = 适用于需继续居留的居留许可持有人；应在居留许可有效期届满30日前申请。
service-residence-change = 居留许可变更
service-residence-change-who = 适用于登记事项（工作单位或学校、护照、姓名、随行家属等）发生变更的居留许可持有人；应在变更后10日内申请。
service-residence-reissuance = 居留许可补发
service-residence-reissuance-who = 适用于居留许可遗失、被盗或损毁的外国人。
service-pr-application = 外国人永久居留身份证申请
service-pr-application-who = 适用于符合永久居留条件（投资、任职、家庭团聚、特殊贡献等）的外国人。

document-passport = 护照（原件及照片页、签证页、最近入境章页复印件）
document-application-form = 填写完整的《外国人签证证件申请表》
document-photo = 近期两寸白底免冠彩色照片一张（或现场拍摄）
document-accommodation-registration = 派出所或酒店出具的《境外人员住宿登记表》
document-extension-reason-proof = 需继续停留事由的证明（邀请函、医院证明、亲属关系证明等）
document-police-report-loss = 公安机关出具的遗失或被盗报案证明
document-health-certificate = 指定卫生检疫机构出具的健康证明
document-work-permit = 外国人工作许可证
document-employer-letter = 加盖公章的工作单位函件
document-study-admission = 学校录取通知书及JW201/JW202表
document-family-relation-proof = 亲属关系证明（经认证的结婚证或出生证明）
document-change-proof = 变更事项证明（新护照、新工作许可、新学校函件等）
document-no-criminal-record = 无犯罪记录证明
document-pr-eligibility-proof = 符合永久居留条件的证明材料（任职、投资或家庭关系材料）

fee-note-residence-tiers = 居留许可收费按有效期计：不满一年400元，一年至三年800元，三年至五年1000元（最后一档未经来源核实）。
