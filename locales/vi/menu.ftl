### The main menu and settings.

menu-prompt = Tôi có thể giúp gì cho bạn?
menu-book = 📅 Đặt lịch hẹn
menu-appointments = 🗂 Lịch hẹn của tôi
menu-offices = 🏢 Văn phòng
menu-guidance = 📋 Giấy tờ và lệ phí
menu-progress = ⏳ Tiến độ hồ sơ
menu-permits = 🪪 Thị thực / giấy phép cư trú của tôi
menu-pr = 🟩 Giấy phép cư trú vĩnh viễn
menu-passport = 🛂 Hộ chiếu của người cư trú vĩnh viễn
menu-family = 👨‍👩‍👧 Giúp người thân
menu-settings = ⚙ Cài đặt
menu-help = ❓ Trợ giúp
menu-not-understood = Tôi chưa hiểu. Vui lòng chọn một mục, hoặc gõ ví dụ "đặt lịch", "văn phòng" hay "lệ phí".

settings-prompt = Cài đặt
settings-notifications-on = Thông báo: bật
settings-notifications-off = Thông báo: tắt
settings-turn-on = 🔔 Bật thông báo
settings-turn-off = 🔕 Tắt thông báo
settings-language = 🌐 Ngôn ngữ
settings-language-prompt = Chọn ngôn ngữ của bạn:
settings-language-changed = Xong, từ giờ tôi sẽ nói tiếng Việt.
