### Telegram: the command menu (setMyCommands) and the few words the Telegram adapter adds.

telegram-command-start = Bắt đầu lại và hiện menu chính
telegram-command-book = Đặt lịch hẹn tại văn phòng xuất nhập cảnh
telegram-command-appointments = Lịch hẹn của tôi: đổi lịch hoặc hủy
telegram-command-offices = Tìm văn phòng xuất nhập cảnh
telegram-command-guidance = Giấy tờ, lệ phí và thời gian xử lý
telegram-command-settings = Ngôn ngữ và thông báo
telegram-command-language = Đổi ngôn ngữ
telegram-command-help = Những việc tôi có thể làm
telegram-command-cancel = Hủy việc đang làm
# The reply-keyboard button that shares the user's location.
telegram-share-location = 📍 Chia sẻ vị trí của tôi
# Shown briefly when a button of an older message is pressed again.
telegram-button-used = Nút này đã được dùng. Vui lòng dùng tin nhắn mới nhất.
# Shown briefly when a group member presses buttons meant for another member.
telegram-not-your-buttons = Các nút này thuộc cuộc trò chuyện của thành viên khác. Gửi /start để bắt đầu cuộc trò chuyện của bạn.
