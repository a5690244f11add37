### Assisted service for relatives, and linking another chat.

family-prompt = 가족 돕기: 자녀나 어르신을 대신해 처리하거나(예약, 신청 진행 확인, 허가 보기), 가족이 나를 대신해 처리하도록 할 수 있습니다.
family-group-prompt = 이 그룹에서는 가족을 초대해 내가 그 가족을 대신하도록 하거나, 가족의 초대를 수락할 수 있습니다. 이름과 기록은 그룹에 표시되지 않습니다.
family-nobody = 아직 아무도 나를 대신하지 않으며, 나도 아무를 대신하지 않습니다.
family-you-act-for = 내가 대신하는 사람:
family-acting-for-you = 나를 대신하는 사람:
family-helper-line = • { $helper }, { $since }부터
family-a-relative = 가족
family-you = 나
family-add = ➕ 가족 추가(본인 서류로)
family-invite = ✉ 가족 초대
family-accept = 🤝 초대 수락
family-stop-acting = ❌ { $name } 대신하기 중단
family-withdraw = ❌ { $helper }의 권한 회수
family-add-intro = 가족을 추가하려면 그 가족 본인의 정보로 신원을 확인해야 합니다: 국적, 여권 번호, 생년월일, 신청 중 하나의 접수 번호(또는 사무소에서 받은 연결 코드).
family-link-yourself-first = 먼저 본인 신원을 확인해야 합니다.
family-added = 완료했습니다. 이제 가족을 대신해 예약하고 진행 상황과 허가를 볼 수 있습니다. 두 분 모두 언제든지 "가족 돕기"에서 이를 끝낼 수 있습니다.
family-invite-code = 초대 코드: { $code } ({ $hours }시간 동안 유효). 가족이 "가족 돕기" → "초대 수락"을 선택하고 이 코드를 입력하면 그 가족을 대신할 수 있습니다.
family-invitation-accepted = 이제 { $helper }님이 visadesk에서 { $member }님을 대신할 수 있습니다(예약, 신청 진행 상황, 허가). { $member }님은 언제든지 "가족 돕기"에서 이를 끝낼 수 있습니다.
family-own-invitation = 본인이 보낸 초대입니다. 가족이 수락해야 합니다.
family-accept-link-first = 수락하려면 먼저 저와의 개인 채팅에서 본인 신원을 확인해야 합니다.
family-revoked = 완료했습니다. 해당 권한이 종료되었습니다.
family-ask-consent = 가족을 그 가족의 서류만으로 추가하는 것은 그 가족이 어린이({ $child_under }세 미만)이거나 { $elder_from }세 이상이고, 저와의 개인 채팅이 없으며, 이전에 내 권한을 끝낸 적이 없는 경우뿐입니다. 그 밖의 경우에는 가족이 직접 결정합니다: 초대를 보내면(✉ 가족 초대) 가족이 자신의 채팅에서 수락합니다.
family-already-acting = 이미 나를 대신하는 사람: { $helpers }. 언제든지 "가족 돕기"에서 이를 끝낼 수 있습니다.

settings-link-channel = 🔗 다른 채팅 연결
settings-enter-code = 🔑 다른 채팅에서 받은 코드가 있어요
code-channel-nothing = 이 채팅은 아직 어떤 기록과도 연결되어 있지 않아 다른 채팅으로 가져갈 것이 없습니다.
code-channel-shown = 코드: { $code } ({ $minutes }분 동안 1회 유효). 다른 채팅에서 설정 → "다른 채팅에서 받은 코드가 있어요"를 선택하고 입력하세요. 누구와도 공유하지 마세요.
code-ask-channel = 다른 채팅에 표시된 코드를 입력해 주세요.
code-ask-invitation = 가족이 받은 초대 코드를 입력해 주세요.
code-channel-linked = 완료했습니다. 이제 이 채팅에서도 다른 채팅과 같은 기록을 볼 수 있습니다.
code-invalid = 유효하지 않은 코드입니다(틀렸거나, 이미 사용했거나, 만료됨). 확인 후 다시 시도해 주세요.
identity-have-code = 🔑 다른 채팅에서 받은 코드가 있어요
booking-for = 👤 { $name }님 대신
