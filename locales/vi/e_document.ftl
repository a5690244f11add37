### The e-document (NIA function 5): the PDF a PR holder hands to a bank, and its verify page.

# Who issues e-documents when VISADESK_ISSUER_NAME is not set.
edoc-issuer-default = Cơ quan Quản lý Xuất nhập cảnh
edoc-title = Xác nhận: hộ chiếu liên kết với giấy phép cư trú vĩnh viễn
edoc-statement = { $issuer } xác nhận hộ chiếu dưới đây được liên kết với Thẻ căn cước cư trú vĩnh viễn dành cho người nước ngoài của người sở hữu, theo hồ sơ của một văn phòng xuất nhập cảnh.
edoc-label-holder = Người sở hữu
edoc-label-nationality = Quốc tịch
edoc-label-pr = Số thẻ cư trú vĩnh viễn
edoc-label-pr-expires = Có hiệu lực đến
edoc-label-passport = Số hộ chiếu hiện tại
edoc-label-previous-passport = Số hộ chiếu trước đây
edoc-label-issued = Ngày cấp
edoc-label-id = Số văn bản
edoc-no-previous = không có
edoc-verify = Để kiểm tra văn bản này, hãy quét mã QR hoặc mở địa chỉ bên dưới; nhập số văn bản và ngày sinh của người sở hữu để đối chiếu mọi thông tin.
edoc-qr-alt = Mã QR của địa chỉ có thể kiểm tra văn bản này: { $url }
edoc-signed-data = Dữ liệu đã ký (JSON chuẩn hóa): { $payload }
edoc-signature = Chữ ký Ed25519 (base64): { $signature }

verify-title = Kiểm tra văn bản điện tử
verify-valid = ✅ Hợp lệ: văn bản này do { $issuer } cấp và chưa bị thu hồi.
verify-revoked = ❌ Bị thu hồi ngày { $date }: văn bản này không còn hiệu lực.
verify-unknown = ❓ Không xác định: không có văn bản nào mang số này được cấp tại đây.
verify-invalid = ⚠ Không hợp lệ: chữ ký của văn bản này không khớp. Đừng tin vào nó.
verify-masked = Tên và số đã được che một phần. Để đối chiếu mọi thông tin với bản giấy, hãy nhập ngày sinh của người sở hữu.
verify-birth-date = Ngày sinh của người sở hữu
verify-show = Hiện đầy đủ thông tin
verify-full = Thông tin đầy đủ, đúng như đã ký: hãy đối chiếu với văn bản.
verify-birth-date-wrong = Ngày sinh này không khớp với người sở hữu văn bản.
verify-too-many = Quá nhiều lần thử cho văn bản này. Vui lòng thử lại sau một giờ.
verify-key = Dữ liệu đã ký và khóa công khai của dịch vụ:
