### Notifications sent later: status changes, pickup, reminders, expiry. Rendered when sent.

notify-status-changed = { $who ->
    [relative] { $name }님의 { $service } 신청(접수 번호 { $receipt }) 진행 상황: { $status }.
   *[own] { $service } 신청(접수 번호 { $receipt }) 진행 상황: { $status }.
}
notify-ready-for-pickup = { $who ->
    [relative] 좋은 소식입니다. { $name }님의 { $service } 서류(접수 번호 { $receipt })를 수령할 수 있습니다.
   *[own] 좋은 소식입니다. { $service } 서류(접수 번호 { $receipt })를 수령할 수 있습니다.
}
notify-pickup-where = 장소: { $place }
notify-pickup-when = 시간: { $from }부터 { $until }까지
notify-pickup-bring = 지참물: { $bring }
notify-pickup-bring-default = 여권과 접수증을 가져오세요.
notify-note = 사무소 메모: { $note }
notify-pickup-waiting = { $who ->
    [relative] { $name }님의 { $service } 서류(접수 번호 { $receipt })가 준비된 지 { $days }일이 지났지만 아직 수령하지 않았습니다.
   *[own] { $service } 서류(접수 번호 { $receipt })가 준비된 지 { $days }일이 지났지만 아직 수령하지 않으셨습니다.
}
notify-appointment-cancelled = 예약 { $code }({ $service }, { $when }) 당일에 사무소가 문을 닫아 예약이 취소되었습니다. 죄송합니다. 새 시간을 예약해 주세요.
notify-rebook = 📅 새 시간 예약
notify-permit-expiring = { $kind }이(가) { $date }에, 즉 { $days }일 후에 만료됩니다. 늦지 않게 갱신을 예약하세요.
notify-renew = 📅 갱신 예약
notify-slot-freed = { $office }의 { $service } 업무에 { $date } 자리가 났습니다. 자리는 금방 찹니다. 괜찮으시면 지금 예약하세요.
notify-book-now = 📅 지금 예약
notify-proof-failed = 누군가 여권 { $passport }의 소지자임을 증명하려다 잘못된 정보를 입력했습니다. 본인이 아니라면 그 사람에게는 아무것도 표시되지 않았습니다. 로그인할 수 없게 되었다면 신청을 처리하는 출입국관리 사무소에서 일회용 연결 코드를 받을 수 있습니다.
notify-delegation-granted = 이제 { $helper }님이 visadesk에서 나를 대신할 수 있습니다: 예약 및 관리, 신청과 허가 보기. 동의하지 않았다면 즉시 "가족 돕기"에서 끝내세요.
notify-delegation-ended = { $helper }님은 이제 visadesk에서 나를 대신하지 않습니다.
notify-help-ended = 여권 { $passport } 소지자가 내 권한을 끝냈습니다. 이제 visadesk에서 그분을 대신하지 않습니다. 그분을 위해 예약한 방문은 그분의 것으로 남습니다.
notify-office = 사무소: { $office }
    { $address }
notify-reminder-day = { $who ->
    [relative] 알림: { $name }님의 { $service } 예약 { $code }은(는) { $day ->
        [today] 오늘 { $when }입니다.
        [tomorrow] 내일 { $when }입니다.
       *[later] { $when }입니다.
    }
   *[own] 알림: { $service } 예약 { $code }은(는) { $day ->
        [today] 오늘 { $when }입니다.
        [tomorrow] 내일 { $when }입니다.
       *[later] { $when }입니다.
    }
}
notify-reminder-soon = { $who ->
    [relative] 2시간 후 { $time }: { $name }님의 { $service } 예약 { $code }. 여유 있게 출발하세요.
   *[own] 2시간 후 { $time }: { $service } 예약 { $code }. 여유 있게 출발하세요.
}
notify-reminder-bring = 준비물:
notify-passport-confirmed = { $who ->
    [relative] 사무소에서 { $name }님이 신고한 새 여권 { $passport }을(를) 확인했습니다. 이제 이 여권이 영구거류증에 적용됩니다.
   *[own] 사무소에서 신고하신 새 여권 { $passport }을(를) 확인했습니다. 이제 이 여권이 영구거류증에 적용됩니다.
}
