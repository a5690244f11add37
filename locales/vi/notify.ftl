### Notifications sent later: status changes, pickup, reminders, expiry. Rendered when sent.

notify-status-changed = { $who ->
    [relative] Cập nhật hồ sơ { $service } của { $name } (biên nhận { $receipt }): { $status }.
   *[own] Cập nhật hồ sơ { $service } của bạn (biên nhận { $receipt }): { $status }.
}
notify-ready-for-pickup = { $who ->
    [relative] Tin vui: giấy tờ { $service } của { $name } (biên nhận { $receipt }) đã sẵn sàng để nhận.
   *[own] Tin vui: giấy tờ { $service } của bạn (biên nhận { $receipt }) đã sẵn sàng để nhận.
}
notify-pickup-where = Ở đâu: { $place }
notify-pickup-when = Khi nào: từ { $from } đến { $until }
notify-pickup-bring = Vui lòng mang theo: { $bring }
notify-pickup-bring-default = Vui lòng mang theo hộ chiếu và giấy biên nhận hồ sơ.
notify-note = Ghi chú của văn phòng: { $note }
notify-pickup-waiting = { $who ->
    [relative] Giấy tờ { $service } của { $name } (biên nhận { $receipt }) đã sẵn sàng được { $days } ngày nhưng chưa được nhận.
   *[own] Giấy tờ { $service } của bạn (biên nhận { $receipt }) đã sẵn sàng được { $days } ngày nhưng chưa được nhận.
}
notify-appointment-cancelled = Văn phòng đóng cửa vào ngày hẹn { $code } cho { $service } ({ $when }) của bạn, nên lịch hẹn đã bị hủy. Chúng tôi rất tiếc. Vui lòng đặt giờ mới.
notify-rebook = 📅 Đặt giờ mới
notify-permit-expiring = { $kind } của bạn hết hạn vào { $date }, còn { $days } ngày nữa. Vui lòng đặt lịch gia hạn kịp thời.
notify-renew = 📅 Đặt lịch gia hạn
notify-slot-freed = Có một chỗ trống cho { $service } tại { $office } vào { $date }. Chỗ hết rất nhanh: hãy đặt ngay nếu phù hợp với bạn.
notify-book-now = 📅 Đặt ngay
notify-proof-failed = Có người đã cố chứng minh họ là chủ hộ chiếu { $passport } và nhập sai thông tin. Nếu đó không phải bạn, họ không được xem gì cả. Nếu bạn bị khóa, văn phòng xuất nhập cảnh đang xử lý hồ sơ của bạn có thể cấp cho bạn mã liên kết dùng một lần.
notify-delegation-granted = Giờ { $helper } có thể làm thay cho bạn trên visadesk: đặt và quản lý lịch hẹn, xem hồ sơ và giấy phép của bạn. Nếu bạn không đồng ý, hãy chấm dứt ngay trong "Giúp người thân".
notify-delegation-ended = { $helper } không còn làm thay cho bạn trên visadesk.
notify-help-ended = Chủ hộ chiếu { $passport } đã chấm dứt quyền của bạn: bạn không còn làm thay cho họ trên visadesk. Các lịch hẹn bạn đã đặt cho họ vẫn thuộc về họ.
notify-office = Văn phòng: { $office }
    { $address }
notify-reminder-day = { $who ->
    [relative] Nhắc nhở: lịch hẹn { $code } của { $name } cho { $service } vào { $day ->
        [today] hôm nay, { $when }.
        [tomorrow] ngày mai, { $when }.
       *[later] { $when }.
    }
   *[own] Nhắc nhở: lịch hẹn { $code } của bạn cho { $service } vào { $day ->
        [today] hôm nay, { $when }.
        [tomorrow] ngày mai, { $when }.
       *[later] { $when }.
    }
}
notify-reminder-soon = { $who ->
    [relative] Còn hai giờ nữa, lúc { $time }: lịch hẹn { $code } của { $name } cho { $service }. Vui lòng đi sớm.
   *[own] Còn hai giờ nữa, lúc { $time }: lịch hẹn { $code } của bạn cho { $service }. Vui lòng đi sớm.
}
notify-reminder-bring = Vui lòng mang theo:
notify-passport-confirmed = { $who ->
    [relative] Văn phòng đã xác nhận hộ chiếu mới { $passport } mà { $name } đã khai báo. Từ nay hộ chiếu này được dùng cho giấy phép cư trú vĩnh viễn.
   *[own] Văn phòng đã xác nhận hộ chiếu mới { $passport } mà bạn đã khai báo. Từ nay hộ chiếu này được dùng cho giấy phép cư trú vĩnh viễn của bạn.
}
