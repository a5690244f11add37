### The main menu and settings.

menu-prompt = 무엇을 도와드릴까요?
menu-book = 📅 방문 예약
menu-appointments = 🗂 내 예약
menu-offices = 🏢 사무소
menu-guidance = 📋 서류와 수수료
menu-progress = ⏳ 신청 진행 상황
menu-permits = 🪪 내 비자 / 거류허가
menu-pr = 🟩 영구거류증
menu-passport = 🛂 영구거류증 소지자의 여권
menu-family = 👨‍👩‍👧 가족 돕기
menu-settings = ⚙ 설정
menu-help = ❓ 도움말
menu-not-understood = 이해하지 못했습니다. 선택지를 고르거나 "예약", "사무소", "수수료"처럼 입력해 주세요.

settings-prompt = 설정
settings-notifications-on = 알림: 켜짐
settings-notifications-off = 알림: 꺼짐
settings-turn-on = 🔔 알림 켜기
settings-turn-off = 🔕 알림 끄기
settings-language = 🌐 언어
settings-language-prompt = 언어를 선택하세요:
settings-language-changed = 완료했습니다. 이제부터 한국어로 말씀드리겠습니다.
