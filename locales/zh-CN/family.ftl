### 亲属协助办理，以及关联其他聊天。

family-prompt = 协助亲属：代孩子或老人办理（预约、查询进度、查看证件），或让亲属代您办理。
family-group-prompt = 在本群中，您可以邀请亲属授权您代其办理，或接受亲属的邀请。姓名和档案不会出现在群里。
family-nobody = 目前没有人代您办理，您也没有代任何人办理。
family-you-act-for = 您代为办理：
family-acting-for-you = 代您办理的人：
family-helper-line = • { $helper }，自 { $since } 起
family-a-relative = 一位亲属
family-you = 您
family-add = ➕ 添加亲属（用其证件信息）
family-invite = ✉ 邀请亲属
family-accept = 🤝 接受邀请
family-stop-acting = ❌ 停止代 { $name } 办理
family-withdraw = ❌ 撤销 { $helper } 的授权
family-add-intro = 添加亲属需要用亲属本人的信息核验身份：国籍、护照号码、出生日期，以及其某项申请的受理回执编号（或出入境机关提供的关联码）。
family-link-yourself-first = 首先需要确认您本人的身份。
family-added = 已完成。您现在可以代亲属办理：为其预约、查看进度和证件。双方都可以随时在“协助亲属”中终止。
family-invite-code = 您的邀请码：{ $code }（{ $hours } 小时内有效）。请亲属选择“协助亲属”→“接受邀请”并输入该码，之后您即可代其办理。
family-invitation-accepted = { $helper } 现在可以在 visadesk 上代 { $member } 办理（预约、申请进度、证件）。{ $member } 可随时在“协助亲属”中终止。
family-own-invitation = 这是您自己发出的邀请，需要由亲属接受。
family-accept-link-first = 接受邀请前，需要先在与我的私聊中确认您本人的身份。
family-revoked = 已完成，该授权已终止。
family-ask-consent = 仅凭证件信息，我只能添加未满 { $child_under } 周岁的孩子或 { $elder_from } 周岁及以上的老人，且其本人没有与我的聊天、此前也未撤销过您的授权。其他情况由亲属本人决定：请向其发送邀请（✉ 邀请亲属），由其在自己的聊天中接受。
family-already-acting = 已在代您办理的人：{ $helpers }。您可随时在“协助亲属”中终止。

settings-link-channel = 🔗 关联其他聊天
settings-enter-code = 🔑 我有其他聊天中的代码
code-channel-nothing = 本聊天尚未关联任何档案，暂无可带到其他聊天的内容。
code-channel-shown = 您的代码：{ $code }（{ $minutes } 分钟内有效，仅限一次）。在其他聊天中选择 设置 →“我有其他聊天中的代码”并输入。请勿告诉他人。
code-ask-channel = 请输入您在其他聊天中看到的代码。
code-ask-invitation = 请输入亲属收到的邀请码。
code-channel-linked = 已完成，本聊天现在可以查看与您其他聊天相同的档案。
code-invalid = 该代码无效（错误、已使用或已过期）。请核对后重试。
identity-have-code = 🔑 我有其他聊天中的代码
booking-for = 👤 为 { $name } 预约
