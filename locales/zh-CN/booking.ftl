### 预约办理、我的预约、改约、取消。

booking-pick-service = 请选择要办理的业务：
booking-pick-city = 请选择城市：
booking-pick-office = 请选择接待大厅：
booking-pick-day = 请选择{ $office }的办理日期（括号内为剩余名额）：
booking-day-label = { $date }（{ $free }）
booking-pick-slot = 请选择{ $date }的时间：
booking-slot-label = { $time }（余 { $free }）
booking-no-free-days = 该大厅近几周已无剩余名额，请返回选择其他接待大厅。
booking-day-full = 该日期已约满，请选择其他日期。
booking-slot-taken = 抱歉，该时段的最后一个名额刚刚被约走。以下时段仍有名额：
booking-start-over = 预约信息不完整，请返回主菜单重新开始。
booking-ask-name = 请用拉丁字母输入申请人的姓名，须与护照上完全一致。
booking-name-invalid = 请按护照上印刷的拉丁字母拼写输入姓名（A–Z，可带变音符号），例如 ZHANG WEI 或 Anna Müller：只能使用字母、空格和连字符，2至100个字符。
booking-ask-nationality = 国籍？请选择，或输入护照上的三位字母代码（例如 DEU）。
booking-nationality-invalid = 请选择国籍，或输入护照上的三位字母代码，例如 DEU 或 RUS。
booking-ask-passport = 护照号码？
booking-passport-invalid = 护照号码由5至20位字母和数字组成，不含其他符号。请核对后重新输入。
booking-ask-phone = 请输入接待大厅可以联系到您的电话号码（非中国号码请加国家代码）：
booking-phone-invalid = 请输入7至15位数字的电话号码，例如 +86 138 0013 8000。
booking-type-answer = 请以文字形式输入您的回答。
booking-summary = 请核对预约信息：
    业务：{ $service }
    接待大厅：{ $office }
    时间：{ $when }
    姓名：{ $name }
    国籍：{ $nationality }
    护照：{ $passport }
    电话：{ $phone }
booking-confirm = ✅ 确认
booking-confirmed = ✅ 预约成功！您的预约码是 { $code }。
    { $service }
    { $when }
    { $office }
    { $address }
    请携带：
    { $documents }
    下方的日历文件可将预约添加到您的日历。
booking-limit-user = 您在该业务下已有 { $limit } 个有效预约，已达每人上限。请先取消或完成其中一个再预约。
booking-limit-passport = 该护照在该业务下已有一个有效预约。请在"我的预约"中改约，而不是再预约一次。
booking-limit-address = 此网络连接在该接待大厅当天已预约 { $limit } 个名额，已达网页聊天的上限。请选择其他日期，或通过 Telegram、微信或 WhatsApp 预约。
booking-proof-of-work-missing = 您的浏览器尚未完成预约前的简短验证。请再次点击"确认"，并保持页面打开片刻。
calendar-summary = { $service } – { $office }
calendar-description = 预约码 { $code }。接待大厅电话 { $phone }。通过 visadesk 预约。

appointments-list = 您的预约：
appointments-none = 您没有即将到来的预约。
appointments-line = { $code } · { $service } · { $office } · { $when }
appointments-reschedule = 🔁 改约 { $code }
appointments-cancel = ✖ 取消 { $code }
appointments-confirm-cancel = 确定取消此预约吗？
    { $line }
appointments-yes-cancel = 确定取消
appointments-cancelled = 预约 { $code } 已取消，名额已释放。
appointments-gone = 该预约已失效。
appointments-reschedule-day = 请为 { $line } 选择新日期：
appointments-rescheduled = 🔁 改约成功！预约 { $code } 现为：
    { $service }
    { $when }
    { $office }
    { $address }
    请携带：
    { $documents }
booking-waitlist = 🔔 有空余名额时通知我
booking-waitlist-added = 好的：未来几周内该大厅一有空余名额，我会立即通知您（仅一次）。您也可以返回选择其他大厅。
booking-in-private = 预约需要填写护照号码和电话号码，群里的所有人都会看到。我们到私聊中继续：{ $link }
booking-not-in-group = 预约需要填写护照号码和电话号码，群里的所有人都会看到，因此不在群聊中提供预约。如需预约，请私聊我。
