### The PR holder's passport, its e-document, and the public verify page.

records-private-only = 개인정보 보호를 위해 개인 기록은 그룹이 아닌 저와의 개인 채팅에서만 보여 드립니다. 저에게 직접 메시지를 보내 주세요.
records-for-relative = { $name }님의 기록(내가 대신하는 사람):
passport-no-pr = 기록에서 영구거류증을 찾을 수 없어 보여 드릴 영구거류증 소지자 여권이 없습니다.
passport-pr-line = { $name }님의 영구거류증: { $number }
passport-none-linked = 이 허가에 아직 연결된 여권이 없습니다. 발급한 사무소에 문의해 주세요.
passport-linked-line = 연결된 여권: { $number } ({ $nationality }), { $expires }까지 유효. { $since }에 사무소에서 등록함.
passport-declared-line = 신고한 새 여권: { $number } ({ $nationality }), { $expires }까지 유효. { $since }에 신고함, 사무소 확인 대기 중.
passport-issue-document = 📄 전자 문서 발급
passport-declare-new = 🛂 새 여권이 있어요
passport-documents-heading = 유효한 전자 문서:
passport-document-line = • 번호 { $id }, { $issued } 발급
passport-revoke-document = ❌ { $id }번 폐기
passport-document-unavailable = 죄송합니다. 지금은 전자 문서를 발급할 수 없습니다. 나중에 다시 시도해 주세요. 사무소에서도 발급받을 수 있습니다.
passport-document-issued = 전자 문서입니다. 누구나 { $url }에서 또는 QR 코드를 스캔해 확인할 수 있습니다.
passport-ask-new-number = 새 여권 번호는요?
passport-ask-expiry = 새 여권은 언제까지 유효한가요? (예: 2034-05-31)
passport-expiry-invalid = 미래 날짜를 연-월-일 형식으로 입력해 주세요. 예: 2034-05-31
passport-declare-summary = { $expires }까지 유효한 새 여권 { $number }을(를) 신고할까요? 사무소에서 확인하며, 그때까지 전자 문서는 이전 여권을 증명합니다.
passport-declare-confirm = ✅ 네, 신고합니다
passport-declared = 완료했습니다. 새 여권이 기록되어 사무소 확인을 기다리고 있습니다. 다음 방문 때 가져오세요.
passport-already-known = 그 여권은 이미 기록되어 있습니다. 본인 여권인데 연결되어 있지 않다면 사무소에 문의해 주세요.
passport-revoke-confirm = 전자 문서 { $id }번을 폐기할까요? 이후 확인하는 사람은 더 이상 유효하지 않다는 것을 보게 됩니다.
passport-revoke-yes = 네, 폐기합니다
passport-document-revoked = 완료했습니다. 전자 문서가 폐기되었습니다.

edoc-title = 증명서: 영구거류증에 연결된 여권
edoc-statement = visadesk는 출입국관리 당국의 기록에 따라 아래 여권이 소지자의 외국인 영구거류 신분증에 연결되어 있음을 증명합니다.
edoc-holder = 소지자: { $name }, 국적: { $nationality }
edoc-pr = 영구거류증: { $pr }, { $pr_expires }까지 유효
edoc-passport = 여권: { $passport }
edoc-id = 문서 번호 { $id }, { $issued } 발급
edoc-verify = QR 코드를 스캔하거나 아래 주소에서 이 문서를 확인하세요.

verify-title = 전자 문서 확인
verify-valid = ✅ 유효: 이 문서는 visadesk가 발급했으며 폐기되지 않았습니다.
verify-revoked = ❌ { $date }에 폐기됨: 이 문서는 더 이상 유효하지 않습니다.
verify-unknown = ❓ 알 수 없음: visadesk가 이 번호로 발급한 문서가 없습니다.
verify-invalid = ⚠ 유효하지 않음: 이 문서의 서명이 일치하지 않습니다. 신뢰하지 마세요.
verify-issued = 발급: { $date }
verify-holder = 소지자: { $holder } ({ $nationality })
verify-pr = 영구거류증: { $pr }
verify-passport = 여권: { $passport }
verify-key = 서명된 데이터와 서비스의 공개 키:
