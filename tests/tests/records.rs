//! Personal records behind proven identity, on SQLite and PostgreSQL: linking with a receipt
//! or a link code, wrong proof (never saying which part), attempt limits per user and per
//! passport and their reset, masked output, renewal from an expiring permit, the audit trail,
//! and "forget me" removing access at once.

use chrono::{Duration, Utc};
use std::sync::Arc;
use visadesk_bot::clock::{Clock, SharedClock, TestClock};
use visadesk_bot::dialogue::{Engine, EngineConfig, LinkLimits};
use visadesk_bot::import::{self, Format, ImportKind};
use visadesk_bot::store::{AttemptGrant, passport_attempts, passport_key, user_attempts};
use visadesk_tests::{
    ALEX, Chat, MEI, Proof, TestDb, beijing_date, both_backends, demo_engine, instants,
};

both_backends!(
    progress_after_linking_with_a_receipt,
    wrong_proof_is_refused_without_saying_why_and_limits_hold,
    an_expiring_permit_offers_the_renewal_booking,
    pr_permit_with_a_one_time_link_code,
    forget_me_removes_access_at_once,
);

async fn engine(db: &TestDb, limits: LinkLimits) -> Arc<Engine> {
    engine_at(db, limits, visadesk_bot::clock::system()).await
}

/// `engine`, its turns and the slot calendar reading the time from `clock`.
async fn engine_at(db: &TestDb, limits: LinkLimits, clock: SharedClock) -> Arc<Engine> {
    let config = EngineConfig {
        link_limits: limits,
        ..EngineConfig::default()
    };
    demo_engine(db, config, clock).await
}

async fn progress_after_linking_with_a_receipt(db: &TestDb) {
    let engine = engine(db, LinkLimits::default()).await;
    let mut chat = Chat::new(&engine, "telegram", "601", "601", "en");
    chat.links_as("progress", ALEX).await;
    chat.expect("status-in-review");
    chat.expect("progress-timeline");
    let text = chat.text();
    assert!(
        text.contains("DEM***********01"),
        "the receipt is masked: {text}"
    );
    assert!(
        !text.contains("DEMO-2026-000001") && !text.contains("DEMO00001"),
        "{text}"
    );
    let watch = chat.first_button("watch:");
    chat.presses(&watch).await;
    chat.expect("progress-watching");
    let user = db.repo.chat_user("telegram", "601", "en").await.unwrap();
    assert_eq!(
        db.repo.watched_applications(user.id).await.unwrap().len(),
        1
    );
    assert!(
        chat.first_button("unwatch:")
            .ends_with(&watch["watch:".len()..])
    );
    // Linked now: the next visit goes straight to the records.
    chat.opens("progress").await;
    chat.expect("status-in-review");
    let audit = db.repo.audit_log(20).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.action == "link" && a.outcome == "linked")
    );
    assert!(
        audit
            .iter()
            .filter(|a| a.action == "disclose-progress")
            .count()
            >= 2
    );
    for a in &audit {
        let line = format!("{a:?}");
        assert!(
            !line.contains("DEMO00001") && !line.contains("1990-01-01"),
            "full identifiers in the audit: {line}"
        );
    }
}

async fn wrong_proof_is_refused_without_saying_why_and_limits_hold(db: &TestDb) {
    let limits = LinkLimits {
        per_user_per_hour: 2,
        per_passport_per_day: 3,
    };
    let engine = engine(db, limits).await;
    let mut alice = Chat::new(&engine, "telegram", "611", "611", "ru");
    // Wrong birth date, then a wrong receipt: the same answer each time.
    let wrong_birth = ALEX.with_birth("1991-01-01");
    alice.opens_and_proves("permits", wrong_birth).await;
    alice.expect("identity-failed");
    alice.proves(ALEX.with_code("WRONG-0000001")).await;
    alice.expect("identity-failed");
    // Two failures for this user: even the right answer is now refused until the hour ends.
    alice.proves(ALEX).await;
    assert!(
        alice.text().contains("Слишком много попыток"),
        "{}",
        alice.text()
    );
    assert!(
        db.repo
            .linked_applicants(db.repo.chat_user("telegram", "611", "en").await.unwrap().id)
            .await
            .unwrap()
            .is_empty()
    );
    // Another chat user fails once more on the same passport: the passport's limit (3) holds.
    let mut bob = Chat::new(&engine, "web", "612", "612", "en");
    bob.opens_and_proves("progress", ALEX.with_code("NOPE-000001"))
        .await;
    bob.expect("identity-failed");
    bob.proves(ALEX).await;
    assert!(bob.text().contains("Too many attempts"), "{}", bob.text());
    // Counted: the user's two failures, the passport's three.
    let user = db.repo.chat_user("telegram", "611", "en").await.unwrap();
    let key = passport_key(&"DEU".parse().unwrap(), &"DEMO00001".parse().unwrap());
    let now = Utc::now();
    let since = |window| now - window - Duration::minutes(1);
    let counted = |subject: String, window| async move {
        db.repo
            .attempts_since(&subject, since(window))
            .await
            .unwrap()
    };
    assert_eq!(counted(user_attempts(user.id), Duration::hours(1)).await, 2);
    assert_eq!(counted(passport_attempts(&key), Duration::days(1)).await, 3);
    // The windows slide: refused now; an hour on the user may try again (the passport still
    // only with a link code), a day on the passport too.
    let take = |at| {
        db.repo.take_proof_attempt(
            user.id,
            limits.per_user(),
            Some((&key, limits.per_passport())),
            at,
        )
    };
    assert!(matches!(
        take(now).await.unwrap(),
        AttemptGrant::UserLimited { .. }
    ));
    match take(now + Duration::hours(1) + Duration::minutes(1))
        .await
        .unwrap()
    {
        AttemptGrant::Taken {
            passport_limited_until,
            ..
        } => assert!(passport_limited_until.is_some()),
        other => panic!("{other:?}"),
    }
    match take(now + Duration::days(1) + Duration::minutes(1))
        .await
        .unwrap()
    {
        AttemptGrant::Taken {
            passport_limited_until,
            ..
        } => assert_eq!(passport_limited_until, None),
        other => panic!("{other:?}"),
    }
    let audit = db.repo.audit_log(50).await.unwrap();
    let links = |outcome: &str| {
        audit
            .iter()
            .filter(|a| a.action == "link" && a.outcome == outcome)
            .count()
    };
    assert_eq!(links("failed"), 3);
    assert_eq!(links("limited"), 2);
    assert!(
        audit
            .iter()
            .all(|a| !format!("{a:?}").contains("DEMO00001"))
    );
}

async fn an_expiring_permit_offers_the_renewal_booking(db: &TestDb) {
    // A permit that expires in 10 days, counted in Beijing, where it is already 1 January
    // (a new year and a public holiday) while it is still 31 December in UTC.
    let clock = TestClock::starting_at(instants::new_year_in_beijing());
    let engine = engine_at(db, LinkLimits::default(), clock.clone()).await;
    let today = beijing_date(clock.now());
    let applicant = format!(
        r#"[{{"full_name":"Lin Expiring","nationality":"KAZ","passport_no":"N12345678","birth_date":"1988-08-08",
            "permits":[{{"kind":"residence_permit","permit_type":"study","number":"RP2026000777","issued_on":"{}","expires_on":"{}","entries":"multiple"}}],
            "link_codes":[{{"code":"LINK-KAZ-777","expires_at":"2099-01-01T00:00:00Z"}}]}}]"#,
        today - Duration::days(355),
        today + Duration::days(10)
    );
    db.repo
        .import(&import::parse(ImportKind::Applicants, Format::Json, &applicant).unwrap())
        .await
        .unwrap();
    let lin = Proof::new("KAZ", "N12345678", "1988-08-08", "LINK-KAZ-777");
    let mut chat = Chat::new(&engine, "wechat", "o621", "o621", "zh-CN");
    chat.links_as("permits", lin).await;
    chat.expect("permit-kind-residence-permit");
    let text = chat.text();
    assert!(
        text.contains("RP2*******77") && !text.contains("RP2026000777"),
        "masked: {text}"
    );
    assert!(text.contains("10 天后到期"), "{text}");
    chat.presses("renew:residence-renewal").await;
    chat.expect("booking-pick-city");
    chat.presses("back").await;
    chat.expect("booking-pick-service");
}

async fn pr_permit_with_a_one_time_link_code(db: &TestDb) {
    let engine = engine(db, LinkLimits::default()).await;
    let mut mei = Chat::new(&engine, "telegram", "631", "631", "ru");
    // Typed in lower case: codes are read case-insensitively.
    mei.links_as("pr", MEI.with_code("demo-link-0002")).await;
    mei.expect("pr-status-valid");
    assert!(mei.text().contains("DEM*********02"), "{}", mei.text());
    // The code is used up: another chat cannot reuse it.
    let mut other = Chat::new(&engine, "telegram", "632", "632", "ru");
    other.opens_and_proves("pr", MEI).await;
    other.expect("identity-failed");
}

async fn forget_me_removes_access_at_once(db: &TestDb) {
    let engine = engine(db, LinkLimits::default()).await;
    let mut chat = Chat::new(&engine, "web", "641", "641", "en");
    chat.opens_and_proves("progress", ALEX).await;
    chat.expect("status-in-review");
    chat.opens("settings").await;
    chat.presses("forget").await;
    chat.expect("settings-forget-confirm");
    chat.presses("forget-yes").await;
    chat.expect("settings-forgotten");
    chat.opens("progress").await;
    chat.expect("identity-intro");
    assert!(!chat.shows("status-in-review"));
    let audit = db.repo.audit_log(10).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.action == "unlink" && a.outcome == "unlinked")
    );
}
