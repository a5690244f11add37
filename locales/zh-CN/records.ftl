### 经身份核验后可查看的个人信息：身份关联、办理进度、签证和居留许可、永久居留身份证。

identity-intro = 查看个人信息前，需要先核实是您本人。我会依次询问国籍、护照号码、出生日期，以及您某项申请的受理回执编号（或接待大厅提供的关联码）。
identity-ask-birth-date = 出生日期？（例如 1990-01-31）
identity-birth-date-invalid = 请按年-月-日输入出生日期，例如 1990-01-31。
identity-ask-proof = 请输入受理回执上的编号，或接待大厅提供的关联码：
identity-proof-invalid = 请按印刷内容准确输入受理编号或关联码。
identity-linked = 谢谢，已在此聊天中确认您的身份。
identity-failed = 这些信息与我们的记录不符，请核对后重试。
identity-limited = 尝试次数过多。为保护您的安全，请在 { $until } 之后再试。
identity-limited-link-code = 该护照的尝试次数过多。在 { $until } 之前，只能使用出入境管理机构发放的一次性绑定码验证：请到受理您申请的办理机构索取，并在填写受理回执编号处输入。

records-for = { $name } 的信息：
progress-none = 暂无申请。
progress-application = { $service } · { $office } · 受理编号 { $receipt }
    状态：{ $status }
progress-note = 接待大厅备注：{ $note }
progress-pickup = 可在 { $address } 领取
    领取时间：{ $from } 至 { $until }。请携带护照和受理回执。
progress-pickup-place = 具体地点：{ $place }
progress-pickup-bring = 办理机关请您携带：{ $bring }
progress-timeline = 办理记录：
progress-watch = 🔔 状态变化时通知我（{ $receipt }）
progress-unwatch = 🔕 不再通知（{ $receipt }）
progress-watching = 状态变化时我会通知您。
progress-not-watching = 不再通知您该申请的状态。
status-received = 已受理
status-in-review = 审核中
status-more-documents-needed = 需补充材料
status-approved = 已批准
status-ready-for-pickup = 可领取
status-collected = 已领取
status-rejected = 未批准

permits-none = 暂无签证或居留许可记录。
permit-kind-visa = 签证
permit-kind-residence-permit = 居留许可
entries-single = 一次入境
entries-double = 两次入境
entries-multiple = 多次入境
permit-line = { $kind }（{ $type }）
    号码：{ $number }
    签发日期：{ $issued }
    有效期至：{ $expires }
    入境次数：{ $entries }
permit-stay = 每次停留：{ $days } 天
permit-days-left = 剩余 { $days } 天
permit-expired = ⚠ 已过期。
permit-expiring-soon = ⚠ { $days } 天后到期，请尽快申请延期。
permit-renew = 📅 预约延期

pr-none = 暂无永久居留身份证记录。
pr-line = 外国人永久居留身份证
    号码：{ $number }
    签发日期：{ $issued }
    有效期至：{ $expires }
    状态：{ $status }
pr-status-valid = 有效
pr-status-expired = 已过期
pr-status-revoked = 已注销
pr-status-lost = 已挂失

settings-forget = 🧹 在此聊天中忘记我
settings-forget-confirm = 确定解除此聊天与您个人信息的所有关联吗？之后查看需要重新核验身份。
settings-forget-yes = 确定
settings-forgotten = 已完成，此聊天不再能查看您的个人信息。
settings-nothing-to-forget = 此聊天未关联任何个人信息。

settings-my-data = 📥 下载我的数据
settings-my-data-nothing = visadesk 在此聊天中没有保存您的任何信息。
settings-my-data-summary = 这是 visadesk 保存的关于您的全部信息副本（JSON 文件）。概要：
    • 与您关联的聊天：{ $channels }
    • 您已核验身份的申请人：{ $applicants }，对应申请 { $applications } 件、证件 { $permits } 个
    • 预约：{ $appointments }
    • 代您办理或由您代办的人：{ $delegations }
    • 通知：{ $notifications }
    • 关于您的审计日志：{ $audit } 条
settings-erase = 🗑 删除我的数据
settings-erase-confirm = 确定删除 visadesk 为聊天保存的关于您的全部信息吗？将删除您在所有关联聊天中的账户、设置、与您个人信息的关联、代您办理或由您代办的关系、关注的申请、候补登记、通知以及未完成的预约。此操作无法撤销。
    出入境管理机构自己的记录会保留：您的申请、证件、护照、电子文件和已预约的号属于出入境管理机构，不会被删除。
settings-erase-yes = 确定删除
settings-erased = 已完成：您的数据已删除。如果您再次发消息，我们将重新开始。
progress-estimate = 通常在 { $date } 前办结：{ $basis ->
        [completed] 近 { $window } 天内本机关办结的 { $cases } 件同类申请中，{ $percent }% 在 { $days } 个工作日内办结。
       *[published] 公布的办理时限为 { $days } 个工作日（近 { $window } 天内本机关办结的同类申请太少，暂不以其自身数据估算）。
    }
progress-estimate-passed = 通常办结日期（{ $date }）已过，您的申请尚未办结。可致电办理机关询问：{ $phone }
