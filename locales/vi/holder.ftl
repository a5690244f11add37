### The PR holder's passport and its e-document (the document itself: e_document.ftl).

records-private-only = Để bảo vệ quyền riêng tư của bạn, tôi chỉ hiển thị hồ sơ cá nhân trong cuộc trò chuyện riêng với tôi, không hiển thị trong nhóm. Vui lòng nhắn trực tiếp cho tôi.
records-for-relative = Hồ sơ của { $name } (bạn đang làm thay cho họ):
passport-no-pr = Tôi không tìm thấy giấy phép cư trú vĩnh viễn nào trong hồ sơ của bạn, nên không có hộ chiếu của người cư trú vĩnh viễn để hiển thị.
passport-pr-line = Giấy phép cư trú vĩnh viễn của { $name }: { $number }
passport-none-linked = Chưa có hộ chiếu nào được liên kết với giấy phép này. Vui lòng hỏi văn phòng đã cấp giấy phép.
passport-linked-line = Hộ chiếu đã liên kết: { $number } ({ $nationality }), có hiệu lực đến { $expires }; văn phòng ghi nhận ngày { $since }.
passport-declared-line = Hộ chiếu mới bạn đã khai báo: { $number } ({ $nationality }), có hiệu lực đến { $expires }; khai báo ngày { $since }, đang chờ văn phòng xác nhận.
passport-issue-document = 📄 Cấp văn bản điện tử
passport-declare-new = 🛂 Tôi có hộ chiếu mới
passport-documents-heading = Các văn bản điện tử còn hiệu lực của bạn:
passport-document-line = • Số { $id }, cấp ngày { $issued }
passport-revoke-document = ❌ Thu hồi số { $id }
passport-document-unavailable = Xin lỗi, hiện không thể cấp văn bản điện tử. Vui lòng thử lại sau; văn phòng cũng có thể cấp cho bạn.
passport-document-issued = Đây là văn bản điện tử của bạn. Bất kỳ ai cũng có thể kiểm tra tại { $url } hoặc bằng cách quét mã QR.
passport-ask-new-number = Số hộ chiếu mới của bạn?
passport-ask-expiry = Hộ chiếu mới có hiệu lực đến khi nào? (ví dụ 2034-05-31)
passport-expiry-invalid = Vui lòng nhập một ngày trong tương lai theo dạng năm-tháng-ngày, ví dụ 2034-05-31.
passport-declare-summary = Khai báo hộ chiếu mới { $number }, có hiệu lực đến { $expires }? Văn phòng sẽ xác nhận; trước đó, văn bản điện tử vẫn chứng nhận hộ chiếu cũ của bạn.
passport-declare-confirm = ✅ Có, khai báo
passport-declared = Xong. Hộ chiếu mới của bạn đã được ghi nhận và đang chờ văn phòng xác nhận. Hãy mang theo khi đến lần sau.
passport-already-known = Hộ chiếu đó đã có trong hồ sơ. Nếu đó là hộ chiếu của bạn mà chưa được liên kết, vui lòng hỏi văn phòng.
passport-revoke-confirm = Thu hồi văn bản điện tử số { $id }? Sau đó, ai kiểm tra cũng sẽ thấy văn bản không còn hiệu lực.
passport-revoke-yes = Có, thu hồi
passport-document-revoked = Xong, văn bản điện tử đã bị thu hồi.
