### The service catalogue: service names, who each is for, documents, fee notes.

service-visa-extension = Gia hạn thị thực
service-visa-extension-who = Dành cho người có thị thực cần ở lại lâu hơn thời hạn thị thực cho phép; nộp hồ sơ ít nhất 7 ngày trước khi hết hạn lưu trú.
service-visa-renewal = Cấp đổi thị thực
service-visa-renewal-who = Dành cho người có thị thực cần được thay thế, ví dụ sau khi đổi hộ chiếu hoặc khi hết trang.
service-visa-reissuance = Cấp lại thị thực
service-visa-reissuance-who = Dành cho người nước ngoài bị mất, bị trộm hoặc làm hỏng thị thực tại Trung Quốc.
service-residence-first = Giấy phép cư trú (cấp lần đầu)
service-residence-first-who = Dành cho người nước ngoài nhập cảnh bằng thị thực yêu cầu giấy phép cư trú (lao động Z, du học X1, gia đình Q1/S1 …); nộp trong vòng 30 ngày kể từ khi nhập cảnh.
service-residence-renewal = Gia hạn giấy phép cư trú
service-residence-renewal-who = Dành cho người có giấy phép cư trú cần ở lại lâu hơn; nộp ít nhất 30 ngày trước khi giấy phép hết hạn.
service-residence-change = Thay đổi giấy phép cư trú
service-residence-change-who = Dành cho người có giấy phép cư trú có thông tin thay đổi (chủ lao động hoặc trường mới, hộ chiếu mới, họ tên, người thân đi kèm); nộp trong vòng 10 ngày kể từ khi thay đổi.
service-residence-reissuance = Cấp lại giấy phép cư trú
service-residence-reissuance-who = Dành cho người nước ngoài bị mất, bị trộm hoặc làm hỏng giấy phép cư trú.
service-pr-application = Xin giấy phép cư trú vĩnh viễn
service-pr-application-who = Dành cho người nước ngoài đáp ứng điều kiện cư trú vĩnh viễn (đầu tư, làm việc, đoàn tụ gia đình, đóng góp đặc biệt).

document-passport = Hộ chiếu (bản gốc và bản sao trang ảnh, trang thị thực và trang có dấu nhập cảnh gần nhất)
document-application-form = Tờ khai xin thị thực và giấy phép cư trú, đã điền đầy đủ
document-photo = Một ảnh màu 2 inch chụp gần đây, nền trắng, đầu để trần (hoặc chụp tại chỗ)
document-accommodation-registration = Phiếu đăng ký tạm trú do đồn công an hoặc khách sạn cấp
document-extension-reason-proof = Giấy tờ chứng minh lý do cần ở lại lâu hơn (thư mời, giấy của bệnh viện, giấy tờ chứng minh quan hệ thân nhân …)
document-police-report-loss = Biên bản trình báo công an về việc mất hoặc bị trộm
document-health-certificate = Giấy chứng nhận sức khỏe của trung tâm kiểm dịch y tế được chỉ định
document-work-permit = Giấy phép lao động cho người nước ngoài
document-employer-letter = Công văn của chủ lao động, có đóng dấu chính thức
document-study-admission = Giấy báo nhập học và mẫu JW201/JW202 của nhà trường
document-family-relation-proof = Giấy tờ chứng minh quan hệ gia đình (giấy đăng ký kết hôn hoặc giấy khai sinh, đã chứng thực)
document-change-proof = Giấy tờ chứng minh thay đổi (hộ chiếu mới, giấy phép lao động mới, công văn mới của trường …)
document-no-criminal-record = Phiếu lý lịch tư pháp (không có tiền án)
document-pr-eligibility-proof = Giấy tờ chứng minh đủ điều kiện cư trú vĩnh viễn (giấy tờ về việc làm, đầu tư hoặc gia đình)

fee-note-residence-tiers = Lệ phí giấy phép cư trú tùy theo thời hạn: ¥400 cho dưới một năm, ¥800 cho một đến ba năm và ¥1000 cho ba đến năm năm (mức cuối chưa được xác nhận từ nguồn chính thức).
