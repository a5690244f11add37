### 主菜单和设置。

menu-prompt = 请问需要办理什么？
menu-book = 📅 预约办理
menu-appointments = 🗂 我的预约
menu-offices = 🏢 出入境接待大厅
menu-guidance = 📋 材料和费用
menu-progress = ⏳ 办理进度
menu-permits = 🪪 我的签证/居留许可
menu-pr = 🟩 永久居留身份证
menu-passport = 🛂 永居人员护照信息
menu-family = 👨‍👩‍👧 帮亲属办理
menu-settings = ⚙ 设置
menu-help = ❓ 帮助
menu-not-understood = 没有理解您的意思。请选择一个选项，或输入例如"预约"、"大厅"或"费用"。

settings-prompt = 设置
settings-notifications-on = 通知：开启
settings-notifications-off = 通知：关闭
settings-turn-on = 🔔 开启通知
settings-turn-off = 🔕 关闭通知
settings-language = 🌐 语言
settings-language-prompt = 请选择语言：
settings-language-changed = 好的，之后我将使用简体中文。
