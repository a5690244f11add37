### 出入境接待大厅查询。

offices-pick-city = 请选择城市：
offices-or-share-location = 或者发送您的位置，查看最近的接待大厅。
offices-pick-office = 请选择接待大厅：
offices-nearest = 离您最近的接待大厅：
offices-with-distance = { $office }（{ $km } 公里）
offices-gone = 该接待大厅已不在目录中。
offices-city-unknown = 该城市暂无接待大厅信息，请从下面选择城市。
office-phone = 电话：{ $phone }
office-open-now = 🟢 正在办公
office-closed-now = 🔴 当前不办公
office-hours-this-week = 本周办公时间：
office-closed = 不办公
office-closed-holiday = 不办公（法定节假日）
office-services = 办理业务：
office-source = 来源：{ $url }（核对日期 { $date }）
office-unverified = ⚠ 该大厅的部分信息未能从官方渠道核实，前往前请先致电确认。
office-what-next = 要在这里预约吗？
office-book-here = 📅 在此预约
