### The PR holder's passport and its e-document (the document itself: e_document.ftl).

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
