### The office directory.

offices-pick-city = Thành phố nào?
offices-or-share-location = Hoặc chia sẻ vị trí để xem các văn phòng gần nhất.
offices-pick-office = Văn phòng nào?
offices-nearest = Các văn phòng gần nhất:
offices-with-distance = { $office } ({ $km } km)
offices-gone = Văn phòng đó không còn trong danh bạ.
offices-city-unknown = Tôi không biết văn phòng nào ở thành phố đó. Vui lòng chọn một thành phố bên dưới.
office-phone = Điện thoại: { $phone }
office-open-now = 🟢 Đang mở cửa
office-closed-now = 🔴 Đang đóng cửa
office-hours-this-week = Giờ làm việc tuần này:
office-closed = đóng cửa
office-closed-holiday = đóng cửa (ngày lễ)
office-services = Thủ tục:
office-source = Nguồn: { $url } (kiểm tra ngày { $date })
office-unverified = ⚠ Một số thông tin về văn phòng này chưa được nguồn chính thức xác nhận; vui lòng gọi điện trước khi đến.
office-what-next = Bạn có muốn đặt lịch tại đây không?
office-book-here = 📅 Đặt lịch tại đây
