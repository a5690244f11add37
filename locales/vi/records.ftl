### Personal records behind proven identity: linking, progress, permits, PR permit.

identity-intro = Để hiển thị hồ sơ cá nhân, trước tiên tôi cần xác minh đó là hồ sơ của bạn. Tôi sẽ hỏi quốc tịch, số hộ chiếu, ngày sinh và số biên nhận của một hồ sơ của bạn (hoặc mã liên kết mà văn phòng đã cấp cho bạn).
identity-ask-birth-date = Ngày sinh? (ví dụ 1990-01-31)
identity-birth-date-invalid = Vui lòng nhập ngày sinh theo dạng năm-tháng-ngày, ví dụ 1990-01-31.
identity-ask-proof = Số biên nhận trên giấy biên nhận hồ sơ, hoặc mã liên kết mà văn phòng đã cấp cho bạn?
identity-proof-invalid = Vui lòng nhập số biên nhận hoặc mã liên kết đúng như bản in.
identity-linked = Cảm ơn bạn, danh tính của bạn đã được xác nhận trong cuộc trò chuyện này.
identity-failed = Thông tin này không khớp với hồ sơ của chúng tôi. Vui lòng kiểm tra và thử lại.
identity-limited = Quá nhiều lần thử. Vì an toàn của bạn, vui lòng thử lại sau { $until }.
identity-limited-link-code = Quá nhiều lần thử cho hộ chiếu này. Đến { $until }, chỉ có thể chứng minh bằng mã liên kết dùng một lần của văn phòng xuất nhập cảnh: hãy xin mã tại văn phòng đang xử lý hồ sơ của bạn, rồi dùng nó thay cho số biên nhận.

records-for = Hồ sơ của { $name }:
progress-none = Chưa có hồ sơ nào.
progress-application = { $service } · { $office } · biên nhận { $receipt }
    Trạng thái: { $status }
progress-note = Ghi chú của văn phòng: { $note }
progress-pickup = Sẵn sàng để nhận tại { $address }
    Từ { $from } đến { $until }. Vui lòng mang theo hộ chiếu và giấy biên nhận hồ sơ.
progress-pickup-place = Vị trí cụ thể: { $place }
progress-pickup-bring = Văn phòng yêu cầu bạn mang theo: { $bring }
progress-timeline = Lịch sử:
progress-watch = 🔔 Báo cho tôi về { $receipt }
progress-unwatch = 🔕 Ngừng báo về { $receipt }
progress-watching = Tôi sẽ báo cho bạn khi trạng thái thay đổi.
progress-not-watching = Tôi sẽ không báo cho bạn về hồ sơ này nữa.
status-received = đã tiếp nhận
status-in-review = đang xét duyệt
status-more-documents-needed = cần bổ sung giấy tờ
status-approved = đã chấp thuận
status-ready-for-pickup = sẵn sàng để nhận
status-collected = đã nhận
status-rejected = bị từ chối

permits-none = Không có thị thực hay giấy phép cư trú nào trong hồ sơ.
permit-kind-visa = Thị thực
permit-kind-residence-permit = Giấy phép cư trú
entries-single = một lần
entries-double = hai lần
entries-multiple = nhiều lần
permit-line = { $kind } ({ $type })
    Số: { $number }
    Ngày cấp: { $issued }
    Hết hạn: { $expires }
    Số lần nhập cảnh: { $entries }
permit-stay = Thời gian lưu trú mỗi lần nhập cảnh: { $days } ngày
permit-days-left = Còn { $days } ngày
permit-expired = ⚠ Đã hết hạn.
permit-expiring-soon = ⚠ Hết hạn sau { $days } ngày: hãy nộp hồ sơ gia hạn ngay.
permit-renew = 📅 Đặt lịch gia hạn

pr-none = Không có giấy phép cư trú vĩnh viễn nào trong hồ sơ.
pr-line = Giấy phép cư trú vĩnh viễn
    Số: { $number }
    Ngày cấp: { $issued }
    Hết hạn: { $expires }
    Trạng thái: { $status }
pr-status-valid = còn hiệu lực
pr-status-expired = đã hết hạn
pr-status-revoked = đã bị thu hồi
pr-status-lost = đã báo mất

settings-forget = 🧹 Xóa tôi khỏi cuộc trò chuyện này
settings-forget-confirm = Xóa mọi liên kết giữa cuộc trò chuyện này và hồ sơ của bạn? Bạn sẽ cần xác nhận lại danh tính để xem chúng.
settings-forget-yes = Có, xóa tôi
settings-forgotten = Xong. Cuộc trò chuyện này không còn truy cập được hồ sơ của bạn.
settings-nothing-to-forget = Cuộc trò chuyện này không liên kết với hồ sơ nào.
settings-my-data = 📥 Tải dữ liệu của tôi
settings-my-data-nothing = visadesk không lưu gì về bạn trong cuộc trò chuyện này.
settings-my-data-summary = Đây là bản sao mọi thứ visadesk lưu về bạn, dưới dạng tệp JSON. Tóm tắt:
    • cuộc trò chuyện liên kết với bạn: { $channels }
    • người nộp hồ sơ bạn đã chứng minh là mình: { $applicants }, với { $applications } hồ sơ và { $permits } giấy phép được ghi nhận
    • lịch hẹn: { $appointments }
    • người làm thay cho bạn hoặc bạn làm thay cho họ: { $delegations }
    • thông báo: { $notifications }
    • mục nhật ký kiểm tra về bạn: { $audit }
settings-erase = 🗑 Xóa dữ liệu của tôi
settings-erase-confirm = Xóa mọi thứ visadesk lưu về bạn cho cuộc trò chuyện? Thao tác này xóa tài khoản trò chuyện của bạn trên mọi cuộc trò chuyện đã liên kết, cài đặt, liên kết tới hồ sơ, những người làm thay cho bạn hoặc bạn làm thay cho họ, các hồ sơ đang theo dõi, các chỗ đang chờ, thông báo và mọi lịch hẹn đang đặt dở. Không thể hoàn tác.
    Hồ sơ của chính văn phòng vẫn còn: hồ sơ, giấy phép, hộ chiếu, văn bản điện tử và lịch hẹn đã đặt của bạn thuộc về văn phòng xuất nhập cảnh và không bị xóa.
settings-erase-yes = Có, xóa dữ liệu của tôi
settings-erased = Xong: dữ liệu của bạn đã bị xóa. Nếu bạn nhắn lại, chúng ta sẽ bắt đầu từ đầu.
progress-estimate = Thường sẵn sàng trước { $date }: { $basis ->
        [completed] { $percent } % trong số { $cases } hồ sơ cho thủ tục này tại văn phòng này trong { $window } ngày qua đã sẵn sàng trong vòng { $days } ngày làm việc.
       *[published] thời gian xử lý được công bố là { $days } ngày làm việc (văn phòng này đã hoàn tất quá ít hồ sơ cho thủ tục này trong { $window } ngày qua để dựa vào số liệu riêng).
    }
progress-estimate-passed = Ngày thường lệ ({ $date }) đã qua mà hồ sơ của bạn vẫn chưa sẵn sàng. Bạn có thể hỏi văn phòng qua điện thoại: { $phone }
