//! Personal data at rest (issue 16): after a full booking, an identity proof, a family link
//! and an e-document, no personal value the test used is found in plain text anywhere the
//! service keeps data: every column of every table (read with plain SQL, on SQLite and on
//! PostgreSQL) and every Redis key and value of the service; the conversation still shows
//! each person their own values.

use chrono::{Duration, Utc};
use visadesk_bot::dialogue::Document;
use visadesk_gateway::channels::files::Files;
use visadesk_gateway::config::RawSettings;
use visadesk_tests::{Chat, MEI, Proof, TestApp, TestDb, applicant, beijing_date, spawn_app};

mod sqlite {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_personal_value_is_stored_in_plain_text() {
        let db = visadesk_tests::TestDb::sqlite().await;
        super::no_personal_value_is_stored_in_plain_text(&db, false).await;
    }
}

mod postgres_and_redis {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_personal_value_is_stored_in_plain_text() {
        let db = visadesk_tests::TestDb::postgres().await;
        super::no_personal_value_is_stored_in_plain_text(&db, true).await;
    }
}

/// A number of `digits` digits of its own, so no other test's data can hold it.
fn unique_digits(digits: usize) -> String {
    let n = uuid::Uuid::new_v4().as_u128();
    format!("{:0width$}", n % 10u128.pow(digits as u32), width = digits)
}

/// A name part of `n` letters of its own (names take letters only).
fn unique_letters(n: usize) -> String {
    let mut x = uuid::Uuid::new_v4().as_u128();
    let mut word = String::from("Q");
    for _ in 1..n {
        word.push((b'a' + (x % 26) as u8) as char);
        x /= 26;
    }
    word
}

/// A relative on record (a family residence permit) whom a link code proves.
fn relative_record(name: &str, who: Proof) -> String {
    let today = beijing_date(Utc::now());
    format!(
        r#"[{{"full_name":"{name}","nationality":"{}","passport_no":"{}","birth_date":"{}",
            "permits":[{{"kind":"residence_permit","permit_type":"family","number":"RP-{}","issued_on":"{}","expires_on":"{}","entries":"multiple"}}],
            "link_codes":[{{"code":"{}","expires_at":"2099-01-01T00:00:00Z"}}]}}]"#,
        who.nationality,
        who.passport,
        who.birth,
        who.passport,
        today - Duration::days(100),
        today + Duration::days(200),
        who.code
    )
}

async fn no_personal_value_is_stored_in_plain_text(db: &TestDb, with_redis: bool) {
    let app: TestApp = spawn_app(RawSettings {
        redis_url: with_redis.then(visadesk_tests::redis_url),
        ..db.settings()
    })
    .await;
    let engine = &app.app.engine;

    // A full booking by someone the offices do not know.
    let booker_passport = format!("Z{}", unique_digits(8));
    let booker_name = format!("Zofia {}", unique_letters(10));
    let mut zofia = Chat::new(engine, "telegram", "sealed-1", "sealed-1", "en");
    zofia.says("/start").await;
    zofia.presses("book").await;
    zofia.fills_booking(&booker_name, &booker_passport).await;
    zofia.presses("confirm").await;
    assert!(
        zofia.replies.iter().any(|r| r.document.is_some()),
        "booked, with a calendar file: {}",
        zofia.text()
    );

    // An identity proof, a relative linked by theirs, an e-document.
    let kid_passport = format!("K{}", unique_digits(8));
    let kid_code = format!("KID-{}", unique_digits(6));
    let kid = Proof::new("DEU", &kid_passport, "2016-03-04", &kid_code);
    let kid_name = format!("Kiri {}", unique_letters(10));
    app.app
        .repo
        .import(
            &visadesk_bot::import::parse(
                visadesk_bot::import::ImportKind::Applicants,
                visadesk_bot::import::Format::Json,
                &relative_record(&kid_name, kid),
            )
            .unwrap(),
        )
        .await
        .unwrap();
    let mut mei = Chat::new(engine, "telegram", "sealed-2", "sealed-2", "en");
    mei.links_as("passport", MEI).await;
    assert!(mei.text().contains("DEM****02"), "{}", mei.text());
    mei.presses("edoc").await;
    let document: Document = mei
        .replies
        .iter()
        .find_map(|r| r.document.clone())
        .unwrap_or_else(|| panic!("an e-document: {}", mei.text()));
    // As the web chat and the generic webhook hand it out: behind a download link.
    let files = Files::new(app.app.expiring.clone());
    let link = files
        .publish(&document, None, ("telegram", "sealed-2"))
        .await
        .unwrap();
    mei.opens("family").await;
    mei.presses("family-add").await;
    mei.proves(kid).await;
    mei.expect("family-added");
    // A proof left half-answered: nationality, passport number and birth date in the draft.
    let mut prober = Chat::new(engine, "telegram", "sealed-3", "sealed-3", "en");
    prober.says("/start").await;
    prober.presses("permits").await;
    prober.expect("identity-intro");
    prober.presses(&format!("nat:{}", kid.nationality)).await;
    prober.says(&kid_passport).await;
    prober.says(kid.birth).await;

    // Each person still sees their own values.
    let download = app.get(&link).await;
    assert_eq!(download.status(), 200);
    assert_eq!(
        download.bytes().await.unwrap().as_ref(),
        &document.bytes[..]
    );
    let found = applicant(db.repo.as_ref(), "DEU", &kid_passport).await;
    assert_eq!(found.full_name.expose(), &kid_name);
    let booker = db
        .repo
        .chat_user("telegram", "sealed-1", "en")
        .await
        .unwrap();
    let booked = db
        .repo
        .appointments_of(booker.id, Utc::now())
        .await
        .unwrap();
    assert_eq!(booked.len(), 1);
    assert_eq!(booked[0].passport_no.expose(), booker_passport);
    assert_eq!(booked[0].full_name.expose(), &booker_name);
    zofia.presses("menu").await;
    zofia.presses("appointments").await;
    assert!(zofia.text().contains(&booked[0].code), "{}", zofia.text());
    mei.opens("permits").await;
    assert!(mei.text().contains(&kid_name), "{}", mei.text());

    // A wrong proof for Mei's passport from another chat: audited without the number, not
    // even masked.
    let mut stranger = Chat::new(engine, "telegram", "sealed-3", "sealed-3", "en");
    stranger.says("/start").await;
    stranger
        .opens_and_proves("permits", MEI.with_code("WRONG-CODE-77"))
        .await;
    assert!(stranger.shows("identity-failed"), "{}", stranger.text());

    // A second booking left as a draft in the session (name and passport typed).
    let draft_passport = format!("Y{}", unique_digits(8));
    let draft_name = format!("Yara {}", unique_letters(10));
    zofia.presses("menu").await;
    zofia.presses("book").await;
    zofia.fills_booking(&draft_name, &draft_passport).await;

    let personal: Vec<String> = vec![
        booker_passport.clone(),
        booker_name.clone(),
        draft_passport,
        draft_name,
        "0013 8000".into(),
        "13800138000".into(),
        kid_passport.clone(),
        kid_name,
        kid.birth.into(),
        MEI.passport.into(),
        MEI.birth.into(),
        "Mei Demo-Holder".into(),
        "DEMO-PR-000002".into(),
    ];
    let mut leaks = Vec::new();
    for (table, row) in db.every_row().await {
        for value in &personal {
            if row.contains(value.as_str()) {
                leaks.push(format!("table {table}: `{value}` in {row}"));
            }
        }
        // Not even masked as the chat shows it: the audit log says what happened to whose
        // data without holding it, and the holder's "someone tried your passport" notice
        // waits in the outbox sealed.
        if row.contains("DEM****02") {
            leaks.push(format!("table {table}: the masked passport in {row}"));
        }
    }
    if with_redis {
        for (key, value) in every_redis_value("visadesk:").await {
            for needle in &personal {
                if key.contains(needle.as_str()) || value.contains(needle.as_str()) {
                    leaks.push(format!("Redis {key}: `{needle}`"));
                }
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "personal values in plain text:\n{}",
        leaks.join("\n")
    );
}

/// Every key under `prefix` in the test Redis with its value (strings; other types by
/// their members).
async fn every_redis_value(prefix: &str) -> Vec<(String, String)> {
    let client = redis::Client::open(visadesk_tests::redis_url()).unwrap();
    let mut conn = client.get_multiplexed_async_connection().await.unwrap();
    let keys = visadesk_tests::redis_keys(prefix).await;
    let mut values = Vec::new();
    for key in keys {
        let kind: String = redis::cmd("TYPE")
            .arg(&key)
            .query_async(&mut conn)
            .await
            .unwrap();
        let value: Option<Vec<u8>> = match kind.as_str() {
            "string" => redis::cmd("GET")
                .arg(&key)
                .query_async(&mut conn)
                .await
                .unwrap(),
            // Gone meanwhile (expired).
            "none" => None,
            other => {
                let dumped: Option<Vec<u8>> = redis::cmd("DUMP")
                    .arg(&key)
                    .query_async(&mut conn)
                    .await
                    .unwrap();
                assert!(dumped.is_some() || other.is_empty());
                dumped
            }
        };
        if let Some(value) = value {
            values.push((key, String::from_utf8_lossy(&value).to_string()));
        }
    }
    values
}
