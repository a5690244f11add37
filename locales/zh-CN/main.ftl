### 每个对话中显示的文字：问候语、导航、错误提示、日期和金额格式。

# 语言自己的名称，用于语言选择。
language-name = 简体中文
greeting = 您好！我是 visadesk，您办理出入境业务的助手。我可以帮您预约办理、查找出入境接待大厅，并告诉您需要携带哪些材料。
nav-back = ⬅ 返回
nav-menu = ☰ 主菜单
stale-button = 该菜单已失效。我们现在在这里：
choose-from-buttons = 请从下面的选项中选择。
error-busy = 我还在处理您的上一条消息，请稍后再发送这一条。
error-internal = 抱歉，我们这边出了问题，请重试。如果再次发生，请向客服提供此编号：{ $reference }
session-restarted = 之前的对话已过期，我们从主菜单重新开始。
flow-cancelled = 已取消，未保存任何内容。
unknown-command = 我不认识这个命令。输入"帮助"查看我能做什么。
help-text = 我可以帮您办理出入境业务。请使用按钮，或输入：
    • "预约"：预约办理
    • "大厅"：查找出入境接待大厅
    • "材料"或"费用"：办事指南
    • 任何步骤中输入"返回"、"取消"或"菜单"
    • "语言"：切换语言

# 在任何步骤都有效的词，用逗号分隔。
keyword-back = 返回, 上一步
keyword-cancel = 取消, 退出
keyword-menu = 菜单, 主菜单
keyword-help = 帮助
keyword-lang = 语言
# 从主菜单进入各功能的词。
intent-appointments = 我的预约, 改约
intent-book = 预约, 办理, 延期, 换发, 补发
intent-offices = 大厅, 地址, 在哪, 出入境管理局, 附近
intent-guidance = 材料, 费用, 多少钱, 收费, 指南, 怎么办
intent-settings = 设置, 通知

# 日期、时间和金额。
weekday = { $n ->
    [1] 周一
    [2] 周二
    [3] 周三
    [4] 周四
    [5] 周五
    [6] 周六
   *[7] 周日
}
month = { $n }
date-format = { $year }年{ $month }月{ $day }日（{ $weekday }）
date-time-format = { $date } { $time }
money = ¥{ $amount }

# 终端聊天（visadesk chat）。
chat-location-hint = （如需发送位置，请输入：/location 纬度 经度）
chat-document-saved = 📎 已保存：{ $path }

# 网页聊天页面。
web-title = visadesk – 出入境业务助手
web-placeholder = 输入消息…
web-send = 发送
web-share-location = 发送我的位置
web-location-unavailable = 浏览器未提供位置信息，您可以改为选择城市。
web-download = 下载
web-error = 消息发送失败，请检查网络后重试。
web-checking = 预约前正在验证您的浏览器…
web-language = 语言

# 消息渠道。
channel-unsupported-message = 我可以读取文字消息、位置和菜单点击，请输入文字。
whatsapp-list-button = 选择
