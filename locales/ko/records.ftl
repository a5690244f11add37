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
settings-my-data = 📥 내 데이터 다운로드
settings-my-data-nothing = 이 채팅에서 visadesk가 보관하고 있는 내 정보는 없습니다.
settings-my-data-summary = visadesk가 보관하고 있는 내 정보 전체의 사본(JSON 파일)입니다. 요약:
    • 나와 연결된 채팅: { $channels }
    • 본인임을 증명한 신청인: { $applicants }, 기록된 신청 { $applications }건과 허가 { $permits }건
    • 예약: { $appointments }
    • 나를 대신하거나 내가 대신하는 사람: { $delegations }
    • 알림: { $notifications }
    • 나에 관한 감사 로그 항목: { $audit }
settings-erase = 🗑 내 데이터 삭제
settings-erase-confirm = visadesk가 채팅을 위해 보관하고 있는 내 정보를 모두 삭제할까요? 연결된 모든 채팅의 내 채팅 계정, 설정, 내 기록과의 연결, 나를 대신하거나 내가 대신하는 사람, 지켜보는 신청, 기다리는 자리, 알림, 마치지 않은 예약이 삭제됩니다. 되돌릴 수 없습니다.
    사무소 자체 기록은 남습니다: 신청, 허가, 여권, 전자 문서, 예약된 방문은 출입국관리 사무소의 것이며 삭제되지 않습니다.
settings-erase-yes = 네, 내 데이터를 삭제합니다
settings-erased = 완료했습니다. 데이터가 삭제되었습니다. 다시 메시지를 보내시면 처음부터 시작합니다.
progress-estimate = 보통 { $date }까지 준비됩니다: { $basis ->
        [completed] 최근 { $window }일 동안 이 사무소에서 이 업무 신청 { $cases }건 중 { $percent }%가 근무일 기준 { $days }일 이내에 준비되었습니다.
       *[published] 공시된 처리 기간은 근무일 기준 { $days }일입니다(최근 { $window }일 동안 이 사무소에서 끝난 이 업무 신청이 너무 적어 자체 수치를 쓸 수 없습니다).
    }
progress-estimate-passed = 보통의 날짜({ $date })가 지났지만 신청이 아직 준비되지 않았습니다. 사무소에 전화로 문의할 수 있습니다: { $phone }
