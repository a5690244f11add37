### The service catalogue: service names, who each is for, documents, fee notes.

service-visa-extension = 비자 연장
service-visa-extension-who = 비자가 허용하는 기간보다 더 오래 체류해야 하는 비자 소지자용. 체류 기한 만료 최소 7일 전에 신청하세요.
service-visa-renewal = 비자 재발급(교체)
service-visa-renewal-who = 여권을 바꾸었거나 사증란이 다 찼을 때처럼 비자를 교체해야 하는 비자 소지자용.
service-visa-reissuance = 비자 재발급(분실·훼손)
service-visa-reissuance-who = 중국에서 비자를 분실·도난당했거나 비자가 훼손된 외국인용.
service-residence-first = 거류허가(최초 발급)
service-residence-first-who = 거류허가가 필요한 비자(취업 Z, 유학 X1, 가족 Q1/S1 …)로 입국한 외국인용. 입국 후 30일 이내에 신청하세요.
service-residence-renewal = 거류허가 연장
service-residence-renewal-who = 더 오래 체류해야 하는 거류허가 소지자용. 허가 만료 최소 30일 전에 신청하세요.
service-residence-change = 거류허가 변경
service-residence-change-who = 기재 사항(새 고용주나 학교, 새 여권, 이름, 동반 가족)이 바뀐 거류허가 소지자용. 변경 후 10일 이내에 신청하세요.
service-residence-reissuance = 거류허가 재발급
service-residence-reissuance-who = 거류허가를 분실·도난당했거나 훼손된 외국인용.
service-pr-application = 영구거류증 신청
service-pr-application-who = 영구거류 요건(투자, 취업, 가족 결합, 특별 공헌)을 갖춘 외국인용.

document-passport = 여권(원본과 사진면, 비자면, 최근 입국 도장면 사본)
document-application-form = 작성한 비자·거류허가 신청서
document-photo = 최근 2인치 컬러 사진 1장, 흰 배경, 모자 없이(또는 현장 촬영)
document-accommodation-registration = 파출소나 호텔에서 발급한 임시 거주 등록표
document-extension-reason-proof = 체류 연장 사유 증빙(초청장, 병원 진단서, 친족 관계 증명 …)
document-police-report-loss = 분실 또는 도난에 대한 경찰 신고서
document-health-certificate = 지정 출입국 검역·보건 센터의 건강 증명서
document-work-permit = 외국인 취업허가증
document-employer-letter = 공식 직인이 찍힌 고용주의 공문
document-study-admission = 학교의 입학 통지서와 JW201/JW202 양식
document-family-relation-proof = 가족 관계 증명(혼인 또는 출생 증명서, 인증 완료)
document-change-proof = 변경 사항 증빙(새 여권, 새 취업허가증, 새 학교 공문 …)
document-no-criminal-record = 무범죄 증명서
document-pr-eligibility-proof = 영구거류 자격 증빙(취업, 투자 또는 가족 관련 서류)

fee-note-residence-tiers = 거류허가 수수료는 유효 기간에 따라 다릅니다: 1년 미만 ¥400, 1~3년 ¥800, 3~5년 ¥1000(마지막 구간은 출처로 확인되지 않음).
