### The e-document (NIA function 5): the PDF a PR holder hands to a bank, and its verify page.

# Who issues e-documents when VISADESK_ISSUER_NAME is not set.
edoc-issuer-default = 출입국관리국
edoc-title = 증명서: 영구거류증에 연결된 여권
edoc-statement = { $issuer }은(는) 출입국관리 사무소의 기록에 따라 아래 여권이 소지자의 외국인 영구거류 신분증에 연결되어 있음을 증명합니다.
edoc-label-holder = 소지자
edoc-label-nationality = 국적
edoc-label-pr = 영구거류 신분증 번호
edoc-label-pr-expires = 유효 기간
edoc-label-passport = 현재 여권 번호
edoc-label-previous-passport = 이전 여권 번호
edoc-label-issued = 발급일
edoc-label-id = 문서 번호
edoc-no-previous = 없음
edoc-verify = 이 문서를 확인하려면 QR 코드를 스캔하거나 아래 주소를 여세요. 문서 번호와 소지자의 생년월일을 입력하면 모든 값을 비교할 수 있습니다.
edoc-qr-alt = 이 문서를 확인할 수 있는 주소의 QR 코드: { $url }
edoc-signed-data = 서명된 데이터(정규화된 JSON): { $payload }
edoc-signature = Ed25519 서명(base64): { $signature }

verify-title = 전자 문서 확인
verify-valid = ✅ 유효: 이 문서는 { $issuer }이(가) 발급했으며 폐기되지 않았습니다.
verify-revoked = ❌ { $date }에 폐기됨: 이 문서는 더 이상 유효하지 않습니다.
verify-unknown = ❓ 알 수 없음: 여기서 이 번호로 발급된 문서가 없습니다.
verify-invalid = ⚠ 유효하지 않음: 이 문서의 서명이 일치하지 않습니다. 신뢰하지 마세요.
verify-masked = 이름과 번호는 가려져 있습니다. 모든 값을 종이 문서와 비교하려면 소지자의 생년월일을 입력하세요.
verify-birth-date = 소지자의 생년월일
verify-show = 전체 값 보기
verify-full = 서명된 그대로의 전체 값입니다. 문서와 비교해 보세요.
verify-birth-date-wrong = 이 생년월일은 문서 소지자와 일치하지 않습니다.
verify-too-many = 이 문서에 대한 시도 횟수가 너무 많습니다. 1시간 후에 다시 시도하세요.
verify-key = 서명된 데이터와 서비스의 공개 키:
