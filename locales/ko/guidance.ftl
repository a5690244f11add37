### Guidance per service: documents, fees, processing time, steps.

guidance-pick-service = 어떤 업무에 대한 안내가 필요하신가요?
guidance-gone = 그 업무는 더 이상 제공되지 않습니다.
guidance-documents = 준비 서류:
guidance-if-applicable = (해당하는 경우)
guidance-fee = 수수료: { $fee }
guidance-fee-unknown = 수수료: 확인되지 않음. 사무소에 문의하세요.
guidance-processing = 처리 기간: 최대 근무일 기준 { $days }일
guidance-processing-unknown = 처리 기간: 확인되지 않음. 사무소에 문의하세요.
guidance-unverified = ⚠ 공식 출처로 확인되지 않았습니다.
guidance-steps = 절차:
    1. 방문을 예약합니다.
    2. 위의 서류(원본과 사본)와 인쇄하거나 화면에 띄운 예약 코드를 가져갑니다.
    3. 사무소에서: 신청서를 제출하고, 필요하면 사진과 지문을 찍고, 수수료를 냅니다.
    4. 접수증을 보관하세요. 접수 번호와 수령일이 적혀 있습니다.
    5. 수령일에 여권을 찾아갑니다.
guidance-source = 출처: { $url } ({ $date } 확인)
guidance-book-this = 📅 이 업무 예약
