### Telegram：命令菜单（setMyCommands）以及 Telegram 适配器自己说的几句话。

telegram-command-start = 重新开始并显示主菜单
telegram-command-book = 预约出入境办事大厅
telegram-command-appointments = 我的预约：改期或取消
telegram-command-offices = 查找出入境办事大厅
telegram-command-guidance = 所需材料、费用和办理时限
telegram-command-settings = 语言和通知
telegram-command-language = 更改语言
telegram-command-help = 我能做什么
telegram-command-cancel = 取消当前操作
# 分享用户位置的回复键盘按钮。
telegram-share-location = 📍 分享我的位置
# 再次点击旧消息中的按钮时短暂显示。
telegram-button-used = 这个按钮已经用过了，请使用最新的消息。
# 群成员点击属于其他成员的按钮时短暂显示。
telegram-not-your-buttons = 这些按钮属于另一位成员的对话。发送 /start 开始您自己的对话。
