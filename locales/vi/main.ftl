### Texts shown in every conversation: greeting, navigation, errors, formats.

# The language's own name, shown in the language picker.
language-name = Tiếng Việt
greeting = Xin chào! Tôi là visadesk, trợ lý của bạn cho các phòng Quản lý Xuất nhập cảnh tại Trung Quốc. Tôi có thể đặt lịch hẹn, tìm văn phòng và cho bạn biết cần mang những giấy tờ gì.
nav-back = ⬅ Quay lại
nav-menu = ☰ Menu
stale-button = Menu đó không còn hiệu lực. Đây là bước chúng ta đang ở:
choose-from-buttons = Vui lòng chọn một trong các lựa chọn bên dưới.
error-busy = Tôi vẫn đang xử lý tin nhắn trước của bạn. Vui lòng gửi lại tin này sau giây lát.
error-internal = Xin lỗi, đã có lỗi từ phía chúng tôi. Vui lòng thử lại. Nếu lỗi lặp lại, hãy gửi mã tham chiếu này cho bộ phận hỗ trợ: { $reference }
session-restarted = Cuộc trò chuyện trước đã hết hạn, chúng ta bắt đầu lại từ menu nhé.
flow-cancelled = Đã hủy. Không có gì được lưu.
unknown-command = Tôi không biết lệnh đó. Gõ "trợ giúp" để xem tôi có thể làm gì.
help-text = Tôi hỗ trợ các thủ tục xuất nhập cảnh tại Trung Quốc. Hãy dùng các nút, hoặc gõ:
    • "đặt lịch" để đặt lịch hẹn
    • "văn phòng" để tìm văn phòng xuất nhập cảnh
    • "giấy tờ" hoặc "lệ phí" để được hướng dẫn
    • "quay lại", "hủy" hoặc "menu" ở bất kỳ bước nào
    • "ngôn ngữ" để đổi ngôn ngữ

# Words that work at every step, comma-separated, lower case.
keyword-back = quay lại, trở lại
keyword-cancel = hủy, huỷ, dừng, thoát
keyword-menu = menu, trình đơn, menu chính, bắt đầu
keyword-help = trợ giúp, giúp đỡ
keyword-lang = ngôn ngữ
# Words that lead from the main menu to a flow.
intent-appointments = lịch hẹn của tôi, đổi lịch, dời lịch
intent-book = đặt lịch, lịch hẹn, đặt hẹn, gia hạn, cấp đổi
intent-offices = văn phòng, địa chỉ, ở đâu, gần nhất, vị trí
intent-guidance = giấy tờ, hồ sơ, lệ phí, chi phí, phí, giá, hướng dẫn, thủ tục
intent-settings = cài đặt, thông báo

# Dates, times and money.
weekday = { $n ->
    [1] Th 2
    [2] Th 3
    [3] Th 4
    [4] Th 5
    [5] Th 6
    [6] Th 7
   *[7] CN
}
month = { $n }
date-format = { $weekday }, { $day }/{ $month }/{ $year }
date-time-format = { $date }, { $time }
money = ¥{ $amount }

# The terminal chat (`visadesk chat`).
chat-location-hint = (Để chia sẻ vị trí, hãy gõ: /location VĨ_ĐỘ KINH_ĐỘ)
chat-document-saved = 📎 Đã lưu: { $path }

# The web chat page.
web-title = visadesk – trợ lý xuất nhập cảnh Trung Quốc
web-placeholder = Nhập tin nhắn…
web-send = Gửi
web-share-location = Chia sẻ vị trí của tôi
web-location-unavailable = Trình duyệt của bạn không chia sẻ vị trí. Bạn có thể chọn một thành phố thay vào đó.
web-download = Tải xuống
web-error = Không gửi được tin nhắn. Vui lòng kiểm tra kết nối và thử lại.
web-checking = Đang kiểm tra trình duyệt của bạn trước khi đặt lịch…
web-language = Ngôn ngữ

# Messaging channels.
channel-unsupported-message = Tôi có thể đọc tin nhắn văn bản, vị trí được chia sẻ và lựa chọn trong menu. Vui lòng nhập tin nhắn của bạn.
whatsapp-list-button = Chọn
