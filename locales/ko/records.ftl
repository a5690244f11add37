### Personal records behind proven identity: linking, progress, permits, PR permit.

identity-intro = 개인 기록을 보여 드리려면 먼저 본인 기록인지 확인해야 합니다. 국적, 여권 번호, 생년월일, 신청 중 하나의 접수 번호(또는 사무소에서 받은 연결 코드)를 여쭤보겠습니다.
identity-ask-birth-date = 생년월일은요? (예: 1990-01-31)
identity-birth-date-invalid = 생년월일을 연-월-일 형식으로 입력해 주세요. 예: 1990-01-31
identity-ask-proof = 접수증의 접수 번호 또는 사무소에서 받은 연결 코드는요?
identity-proof-invalid = 접수 번호나 연결 코드를 인쇄된 그대로 입력해 주세요.
identity-linked = 감사합니다. 이 채팅에서 본인 확인이 완료되었습니다.
identity-failed = 입력하신 정보가 기록과 일치하지 않습니다. 확인 후 다시 시도해 주세요.
identity-limited = 시도 횟수가 너무 많습니다. 보안을 위해 { $until } 이후에 다시 시도해 주세요.
identity-limited-link-code = 이 여권에 대한 시도 횟수가 너무 많습니다. { $until }까지는 출입국관리 사무소에서 받은 일회용 연결 코드로만 증명할 수 있습니다. 신청을 처리하는 사무소에 요청한 뒤 접수 번호 대신 사용하세요.

records-for = { $name }님의 기록:
progress-none = 아직 신청이 없습니다.
progress-application = { $service } · { $office } · 접수 번호 { $receipt }
    상태: { $status }
progress-note = 사무소 메모: { $note }
progress-pickup = { $address }에서 수령할 수 있습니다
    { $from }부터 { $until }까지. 여권과 접수증을 가져오세요.
progress-pickup-place = 정확한 장소: { $place }
progress-pickup-bring = 사무소에서 요청한 지참물: { $bring }
progress-timeline = 이력:
progress-watch = 🔔 { $receipt } 알림 받기
progress-unwatch = 🔕 { $receipt } 알림 끄기
progress-watching = 상태가 바뀌면 알려 드리겠습니다.
progress-not-watching = 이 신청에 대해서는 더 이상 알려 드리지 않습니다.
status-received = 접수됨
status-in-review = 심사 중
status-more-documents-needed = 추가 서류 필요
status-approved = 승인됨
status-ready-for-pickup = 수령 가능
status-collected = 수령 완료
status-rejected = 거절됨

permits-none = 기록된 비자나 거류허가가 없습니다.
permit-kind-visa = 비자
permit-kind-residence-permit = 거류허가
entries-single = 단수
entries-double = 2회
entries-multiple = 복수
permit-line = { $kind } ({ $type })
    번호: { $number }
    발급: { $issued }
    만료: { $expires }
    입국: { $entries }
permit-stay = 1회 입국당 체류 기간: { $days }일
permit-days-left = { $days }일 남음
permit-expired = ⚠ 만료되었습니다.
permit-expiring-soon = ⚠ { $days }일 후 만료: 지금 갱신을 신청하세요.
permit-renew = 📅 갱신 예약

pr-none = 기록된 영구거류증이 없습니다.
pr-line = 영구거류증
    번호: { $number }
    발급: { $issued }
    만료: { $expires }
    상태: { $status }
pr-status-valid = 유효
pr-status-expired = 만료됨
pr-status-revoked = 취소됨
pr-status-lost = 분실 신고됨

settings-forget = 🧹 이 채팅에서 내 정보 지우기
settings-forget-confirm = 이 채팅과 내 기록 사이의 모든 연결을 삭제할까요? 기록을 다시 보려면 본인 확인을 다시 해야 합니다.
settings-forget-yes = 네, 지워 주세요
settings-forgotten = 완료했습니다. 이 채팅은 더 이상 내 기록에 접근할 수 없습니다.
settings-nothing-to-forget = 이 채팅은 어떤 기록과도 연결되어 있지 않습니다.
