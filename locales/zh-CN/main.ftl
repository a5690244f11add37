### 每个对话中显示的文字：问候语、语言名称。

# 语言自己的名称，用于语言选择。
language-name = 简体中文
greeting = 您好！我是 visadesk，您办理出入境业务的助手。
greeting-coming-soon = 预约、办事大厅查询、办事指南和个人信息查询即将在此提供。
