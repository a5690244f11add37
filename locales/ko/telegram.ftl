### Telegram: the command menu (setMyCommands) and the few words the Telegram adapter adds.

telegram-command-start = 처음부터 시작하고 메인 메뉴 보기
telegram-command-book = 출입국관리 사무소 방문 예약
telegram-command-appointments = 내 예약: 일정 변경 또는 취소
telegram-command-offices = 출입국관리 사무소 찾기
telegram-command-guidance = 서류, 수수료, 처리 기간
telegram-command-settings = 언어와 알림
telegram-command-language = 언어 변경
telegram-command-help = 제가 할 수 있는 일
telegram-command-cancel = 진행 중인 작업 취소
# The reply-keyboard button that shares the user's location.
telegram-share-location = 📍 내 위치 공유
# Shown briefly when a button of an older message is pressed again.
telegram-button-used = 이미 사용한 버튼입니다. 가장 최근 메시지를 이용해 주세요.
# Shown briefly when a group member presses buttons meant for another member.
telegram-not-your-buttons = 다른 멤버의 대화에 속한 버튼입니다. /start를 보내 직접 시작하세요.
