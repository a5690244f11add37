### Booking an appointment, my appointments, reschedule, cancel.

booking-pick-service = Bạn cần thủ tục nào?
booking-pick-city = Ở thành phố nào?
booking-pick-office = Văn phòng nào?
booking-pick-day = Ngày nào tại { $office }? (số chỗ trống trong ngoặc)
booking-day-label = { $date } ({ $free })
booking-pick-slot = Mấy giờ vào { $date }?
booking-slot-label = { $time } (còn { $free } chỗ)
booking-no-free-days = Văn phòng này không còn chỗ trống trong những tuần tới. Vui lòng quay lại và chọn văn phòng khác.
booking-day-full = Ngày đó hiện đã kín chỗ. Vui lòng chọn ngày khác.
booking-slot-taken = Xin lỗi, vừa có người đặt chỗ cuối cùng vào giờ đó. Đây là các giờ vẫn còn trống:
booking-start-over = Lịch hẹn này còn thiếu thông tin. Vui lòng quay lại menu và bắt đầu lại.
booking-ask-name = Vui lòng nhập họ tên đầy đủ của người nộp hồ sơ bằng chữ Latinh, đúng như trong hộ chiếu.
booking-name-invalid = Vui lòng nhập tên bằng chữ Latinh (A–Z, cho phép dấu) như in trong hộ chiếu, ví dụ Anna Müller hoặc NGUYEN VAN AN: chỉ gồm chữ cái, dấu cách và dấu gạch nối, từ 2 đến 100 ký tự.
booking-ask-nationality = Quốc tịch? Chọn một mục hoặc nhập mã ba chữ cái trên hộ chiếu (ví dụ VNM).
booking-nationality-invalid = Vui lòng chọn quốc tịch hoặc nhập mã ba chữ cái trên hộ chiếu, ví dụ VNM hoặc DEU.
booking-ask-passport = Số hộ chiếu?
booking-passport-invalid = Số hộ chiếu gồm 5 đến 20 chữ cái và chữ số, không có ký hiệu khác. Vui lòng kiểm tra và nhập lại.
booking-ask-phone = Số điện thoại mà văn phòng có thể liên lạc với bạn (kèm mã quốc gia nếu không phải số Trung Quốc)?
booking-phone-invalid = Vui lòng nhập số điện thoại có 7 đến 15 chữ số, ví dụ +86 138 0013 8000.
booking-type-answer = Vui lòng nhập câu trả lời bằng văn bản.
booking-summary = Vui lòng kiểm tra lịch hẹn của bạn:
    Thủ tục: { $service }
    Văn phòng: { $office }
    Thời gian: { $when }
    Họ tên: { $name }
    Quốc tịch: { $nationality }
    Hộ chiếu: { $passport }
    Điện thoại: { $phone }
booking-confirm = ✅ Xác nhận
booking-confirmed = ✅ Đã đặt lịch! Mã lịch hẹn của bạn là { $code }.
    { $service }
    { $when }
    { $office }
    { $address }
    Vui lòng mang theo:
    { $documents }
    Tệp lịch bên dưới sẽ thêm lịch hẹn vào lịch của bạn.
booking-limit-user = Bạn đã có { $limit } lịch hẹn còn hiệu lực cho thủ tục này, mức tối đa một người được giữ. Hãy hủy hoặc sử dụng lịch hẹn đó trước khi đặt lịch khác.
booking-limit-passport = Hộ chiếu này đã có một lịch hẹn còn hiệu lực cho thủ tục này. Hãy đổi lịch trong "Lịch hẹn của tôi" thay vì đặt lịch thứ hai.
booking-limit-address = Kết nối này đã đặt { $limit } chỗ tại văn phòng này trong ngày đó, mức tối đa một kết nối được đặt từ trò chuyện trên web. Vui lòng chọn ngày khác, hoặc đặt qua Telegram, WeChat hay WhatsApp.
booking-proof-of-work-missing = Trình duyệt của bạn chưa hoàn tất bước kiểm tra ngắn trước khi đặt lịch. Vui lòng nhấn "Xác nhận" lần nữa và giữ trang này mở trong giây lát.
calendar-summary = { $service } – { $office }
calendar-description = Mã lịch hẹn { $code }. Điện thoại văn phòng { $phone }. Đặt qua visadesk.

appointments-list = Lịch hẹn của bạn:
appointments-none = Bạn không có lịch hẹn sắp tới.
appointments-line = { $code } · { $service } · { $office } · { $when }
appointments-reschedule = 🔁 Đổi lịch { $code }
appointments-cancel = ✖ Hủy { $code }
appointments-confirm-cancel = Hủy lịch hẹn này?
    { $line }
appointments-yes-cancel = Có, hủy lịch hẹn
appointments-cancelled = Lịch hẹn { $code } đã bị hủy và chỗ đã được trả lại.
appointments-gone = Lịch hẹn đó không còn hiệu lực.
appointments-reschedule-day = Ngày mới cho { $line }?
appointments-rescheduled = 🔁 Đã đổi! Lịch hẹn { $code } giờ là:
    { $service }
    { $when }
    { $office }
    { $address }
    Vui lòng mang theo:
    { $documents }
booking-waitlist = 🔔 Báo cho tôi khi có chỗ trống
booking-waitlist-added = Xong: nếu văn phòng này có chỗ trống trong những tuần tới, tôi sẽ báo bạn ngay (một lần). Bạn cũng có thể quay lại và thử văn phòng khác.
booking-in-private = Đặt lịch cần số hộ chiếu và số điện thoại, mà mọi người trong nhóm này đều sẽ đọc được. Hãy tiếp tục trong cuộc trò chuyện riêng: { $link }
booking-not-in-group = Đặt lịch cần số hộ chiếu và số điện thoại, mà mọi người trong nhóm này đều sẽ đọc được, nên không có ở đây. Vui lòng nhắn riêng cho tôi để đặt lịch.
