### The office directory.

offices-pick-city = 어느 도시인가요?
offices-or-share-location = 또는 위치를 공유하면 가장 가까운 사무소를 볼 수 있습니다.
offices-pick-office = 어느 사무소인가요?
offices-nearest = 가장 가까운 사무소:
offices-with-distance = { $office } ({ $km }km)
offices-gone = 그 사무소는 더 이상 목록에 없습니다.
offices-city-unknown = 그 도시의 사무소를 모릅니다. 아래에서 도시를 선택해 주세요.
office-phone = 전화: { $phone }
office-open-now = 🟢 지금 영업 중
office-closed-now = 🔴 지금 영업 종료
office-hours-this-week = 이번 주 업무 시간:
office-closed = 휴무
office-closed-holiday = 휴무(공휴일)
office-services = 업무:
office-source = 출처: { $url } ({ $date } 확인)
office-unverified = ⚠ 이 사무소의 일부 정보는 공식 출처로 확인되지 않았습니다. 방문 전에 전화해 보세요.
office-what-next = 여기로 예약하시겠어요?
office-book-here = 📅 여기로 예약
