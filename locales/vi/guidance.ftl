### Guidance per service: documents, fees, processing time, steps.

guidance-pick-service = Bạn cần hướng dẫn cho thủ tục nào?
guidance-gone = Thủ tục đó không còn được cung cấp.
guidance-documents = Giấy tờ cần mang:
guidance-if-applicable = (nếu áp dụng cho bạn)
guidance-fee = Lệ phí: { $fee }
guidance-fee-unknown = Lệ phí: chưa được xác nhận; hãy hỏi văn phòng.
guidance-processing = Thời gian xử lý: tối đa { $days } ngày làm việc
guidance-processing-unknown = Thời gian xử lý: chưa được xác nhận; hãy hỏi văn phòng.
guidance-unverified = ⚠ Chưa được nguồn chính thức xác nhận.
guidance-steps = Các bước:
    1. Đặt lịch hẹn.
    2. Mang các giấy tờ ở trên (bản gốc và bản sao) cùng mã đặt lịch đã in hoặc hiển thị trên màn hình.
    3. Tại văn phòng: nộp hồ sơ, chụp ảnh và lấy vân tay nếu cần, nộp lệ phí.
    4. Giữ biên nhận: trên đó có số biên nhận và ngày nhận kết quả.
    5. Nhận lại hộ chiếu vào ngày nhận kết quả.
guidance-source = Nguồn: { $url } (kiểm tra ngày { $date })
guidance-book-this = 📅 Đặt lịch thủ tục này
