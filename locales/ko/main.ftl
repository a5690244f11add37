### Texts shown in every conversation: greeting, navigation, errors, formats.

# The language's own name, shown in the language picker.
language-name = 한국어
greeting = 안녕하세요! 저는 중국 출입국관리국 업무를 도와드리는 visadesk입니다. 방문 예약, 사무소 찾기, 준비 서류 안내를 해 드립니다.
nav-back = ⬅ 뒤로
nav-menu = ☰ 메뉴
stale-button = 그 메뉴는 더 이상 사용할 수 없습니다. 지금 진행 중인 단계는 다음과 같습니다:
choose-from-buttons = 아래 선택지 중 하나를 골라 주세요.
error-busy = 이전 메시지를 아직 처리하고 있습니다. 잠시 후 이 메시지를 다시 보내 주세요.
error-internal = 죄송합니다. 저희 쪽에서 문제가 발생했습니다. 다시 시도해 주세요. 문제가 계속되면 고객 지원에 이 참조 번호를 알려 주세요: { $reference }
session-restarted = 이전 대화가 만료되어 메뉴부터 다시 시작합니다.
flow-cancelled = 취소했습니다. 아무것도 저장되지 않았습니다.
unknown-command = 알 수 없는 명령입니다. "도움말"을 입력하면 제가 할 수 있는 일을 볼 수 있습니다.
help-text = 중국 출입국 업무를 도와드립니다. 버튼을 사용하거나 다음과 같이 입력하세요:
    • "예약": 방문 예약
    • "사무소": 출입국관리 사무소 찾기
    • "서류" 또는 "수수료": 안내
    • "뒤로", "취소", "메뉴": 어느 단계에서나
    • "언어": 언어 변경

# Words that work at every step, comma-separated, lower case.
keyword-back = 뒤로, 이전
keyword-cancel = 취소, 중지, 그만
keyword-menu = 메뉴, 메인 메뉴, 처음
keyword-help = 도움말, 도움
keyword-lang = 언어
# Words that lead from the main menu to a flow.
intent-appointments = 내 예약, 예약 확인, 예약 변경
intent-book = 예약, 연장, 갱신
intent-offices = 사무소, 주소, 어디, 위치, 가까운
intent-guidance = 서류, 수수료, 비용, 요금, 안내, 필요한
intent-settings = 설정, 알림

# Dates, times and money.
weekday = { $n ->
    [1] 월
    [2] 화
    [3] 수
    [4] 목
    [5] 금
    [6] 토
   *[7] 일
}
month = { $n }
date-format = { $year }년 { $month }월 { $day }일 ({ $weekday })
date-time-format = { $date } { $time }
money = ¥{ $amount }

# The terminal chat (`visadesk chat`).
chat-location-hint = (위치를 공유하려면 다음과 같이 입력하세요: /location 위도 경도)
chat-document-saved = 📎 저장됨: { $path }

# The web chat page.
web-title = visadesk – 중국 출입국 도우미
web-placeholder = 메시지를 입력하세요…
web-send = 보내기
web-share-location = 내 위치 공유
web-location-unavailable = 브라우저가 위치를 공유하지 않았습니다. 대신 도시를 선택할 수 있습니다.
web-download = 다운로드
web-error = 메시지를 보내지 못했습니다. 연결 상태를 확인하고 다시 시도해 주세요.
web-checking = 예약 전에 브라우저를 확인하는 중…
web-language = 언어

# Messaging channels.
channel-unsupported-message = 텍스트 메시지, 공유된 위치, 메뉴 선택만 읽을 수 있습니다. 메시지를 입력해 주세요.
whatsapp-list-button = 선택
