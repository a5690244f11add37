### Booking an appointment, my appointments, reschedule, cancel.

booking-pick-service = 어떤 업무가 필요하신가요?
booking-pick-city = 어느 도시인가요?
booking-pick-office = 어느 사무소인가요?
booking-pick-day = { $office }에서 어느 날짜로 하시겠어요? (괄호 안은 남은 자리)
booking-day-label = { $date } ({ $free })
booking-pick-slot = { $date } 몇 시로 하시겠어요?
booking-slot-label = { $time } ({ $free }자리 남음)
booking-no-free-days = 앞으로 몇 주 동안 이 사무소에는 남은 자리가 없습니다. 뒤로 가서 다른 사무소를 선택해 주세요.
booking-day-full = 그날은 이제 예약이 모두 찼습니다. 다른 날짜를 선택해 주세요.
booking-slot-taken = 죄송합니다. 방금 다른 분이 그 시간의 마지막 자리를 예약했습니다. 아직 남아 있는 시간은 다음과 같습니다:
booking-start-over = 이 예약에 빠진 정보가 있습니다. 메뉴로 돌아가 다시 시작해 주세요.
booking-ask-name = 신청인의 성명을 여권에 적힌 그대로 로마자로 입력해 주세요.
booking-name-invalid = 여권에 인쇄된 그대로 로마자(A–Z, 악센트 허용)로 이름을 입력해 주세요. 예: Anna Müller, KIM MINJUN. 문자, 공백, 하이픈만 사용하며 2~100자입니다.
booking-ask-nationality = 국적은 무엇인가요? 선택하거나 여권에 있는 세 글자 코드를 입력하세요(예: KOR).
booking-nationality-invalid = 국적을 선택하거나 여권에 있는 세 글자 코드를 입력해 주세요. 예: KOR, DEU.
booking-ask-passport = 여권 번호는 무엇인가요?
booking-passport-invalid = 여권 번호는 5~20자의 영문자와 숫자로 되어 있으며 다른 기호는 없습니다. 확인 후 다시 입력해 주세요.
booking-ask-phone = 사무소에서 연락할 수 있는 전화번호는요? (중국 번호가 아니면 국가 번호 포함)
booking-phone-invalid = 7~15자리 전화번호를 입력해 주세요. 예: +86 138 0013 8000
booking-type-answer = 답변을 텍스트로 입력해 주세요.
booking-summary = 예약 내용을 확인해 주세요:
    업무: { $service }
    사무소: { $office }
    시간: { $when }
    성명: { $name }
    국적: { $nationality }
    여권: { $passport }
    전화: { $phone }
booking-confirm = ✅ 확인
booking-confirmed = ✅ 예약되었습니다! 예약 코드는 { $code }입니다.
    { $service }
    { $when }
    { $office }
    { $address }
    준비물:
    { $documents }
    아래 캘린더 파일로 예약을 캘린더에 추가할 수 있습니다.
booking-limit-user = 이 업무의 유효한 예약이 이미 { $limit }건 있으며, 이는 한 사람이 가질 수 있는 최대치입니다. 새로 예약하기 전에 기존 예약을 취소하거나 이용해 주세요.
booking-limit-passport = 이 여권으로 이 업무의 유효한 예약이 이미 있습니다. 두 번째 예약 대신 "내 예약"에서 일정을 변경해 주세요.
booking-limit-address = 이 연결에서는 그날 이 사무소에 이미 { $limit }자리를 예약했으며, 이는 웹 채팅에서 한 연결이 예약할 수 있는 최대치입니다. 다른 날짜를 선택하거나 Telegram, WeChat, WhatsApp으로 예약해 주세요.
booking-proof-of-work-missing = 예약 전에 브라우저가 간단한 확인을 끝내지 못했습니다. "확인"을 다시 누르고 잠시 이 페이지를 열어 두세요.
calendar-summary = { $service } – { $office }
calendar-description = 예약 코드 { $code }. 사무소 전화 { $phone }. visadesk로 예약함.

appointments-list = 내 예약:
appointments-none = 예정된 예약이 없습니다.
appointments-line = { $code } · { $service } · { $office } · { $when }
appointments-reschedule = 🔁 { $code } 일정 변경
appointments-cancel = ✖ { $code } 취소
appointments-confirm-cancel = 이 예약을 취소할까요?
    { $line }
appointments-yes-cancel = 네, 취소합니다
appointments-cancelled = 예약 { $code }이(가) 취소되어 자리가 반환되었습니다.
appointments-gone = 그 예약은 더 이상 유효하지 않습니다.
appointments-reschedule-day = { $line }의 새 날짜는요?
appointments-rescheduled = 🔁 변경되었습니다! 예약 { $code }의 새 일정:
    { $service }
    { $when }
    { $office }
    { $address }
    준비물:
    { $documents }
booking-waitlist = 🔔 자리가 나면 알려 주세요
booking-waitlist-added = 완료했습니다. 앞으로 몇 주 안에 이 사무소에 자리가 나면 바로 (한 번) 알려 드리겠습니다. 뒤로 가서 다른 사무소를 찾아보셔도 됩니다.
booking-in-private = 예약에는 여권 번호와 전화번호가 필요한데, 이 그룹의 모든 사람이 보게 됩니다. 개인 채팅에서 계속해요: { $link }
booking-not-in-group = 예약에는 여권 번호와 전화번호가 필요한데, 이 그룹의 모든 사람이 보게 되므로 여기서는 예약을 제공하지 않습니다. 예약하려면 저에게 개인 채팅으로 메시지를 보내 주세요.
