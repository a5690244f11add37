//! Identity-proof limits under attack: a burst of concurrent wrong proofs over the web chat
//! (PostgreSQL and Redis) gets no more checks than the passport's limit; the limits slide
//! instead of resetting on the hour; and guessing from rotating chats cannot lock the
//! holder out: an office's link code still proves the passport, and the holder is told.

use chrono::{DateTime, Duration, TimeZone, Utc};
use reqwest::header::{COOKIE, SET_COOKIE};
use serde_json::{Value, json};
use std::sync::Arc;
use visadesk_bot::clock::{Clock, TestClock};
use visadesk_bot::dialogue::{Engine, EngineConfig, LinkLimits};
use visadesk_bot::i18n::Localizer;
use visadesk_bot::store::hash_link_code;
use visadesk_gateway::config::RawSettings;
use visadesk_tests::{
    ALEX, Chat, TestApp, TestDb, both_backends, demo_engine, redis_url, spawn_app,
};

both_backends!(
    limits_slide_instead_of_resetting_on_the_hour,
    guessing_from_other_chats_cannot_lock_the_holder_out,
);

/// The demo applicant every attacker aims at (`ALEX`), for the web chat.
const PASSPORT: &str = ALEX.passport;
const BIRTH: &str = ALEX.birth;
const RECEIPT: &str = ALEX.code;

/// One web chat message from the conversation `cookie` holds (a browser's first message
/// has none and gets one); the reply texts.
async fn web(app: &TestApp, cookie: &mut Option<String>, body: Value) -> String {
    send(&app.client, &app.url("/api/web/messages"), cookie, body).await
}

async fn send(
    client: &reqwest::Client,
    url: &str,
    cookie: &mut Option<String>,
    body: Value,
) -> String {
    let mut request = client.post(url).json(&body);
    if let Some(c) = cookie.as_ref() {
        request = request.header(COOKIE, c);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), 200);
    if let Some(set) = response.headers().get(SET_COOKIE) {
        *cookie = Some(set.to_str().unwrap().split(';').next().unwrap().to_string());
    }
    let answer: Value = response.json().await.unwrap();
    answer["replies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["text"].as_str().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A web chat user at the last identity question (the proof) for the demo passport.
async fn at_the_proof_step(app: &TestApp) -> Option<String> {
    let mut cookie = None;
    for body in [
        json!({ "text": "/start", "locale": "en" }),
        json!({ "button": "progress" }),
        json!({ "button": "nat:DEU" }),
        json!({ "text": PASSPORT }),
        json!({ "text": BIRTH }),
    ] {
        web(app, &mut cookie, body).await;
    }
    cookie
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_wrong_proofs_gets_no_more_checks_than_the_limit() {
    let db = TestDb::postgres().await;
    // The burst comes from one address: the web chat's per-address budget (its own test is
    // `web_hoarding.rs`) is lifted so the proof limit is what is measured here.
    let app = spawn_app(RawSettings {
        redis_url: Some(redis_url()),
        web_rate_per_minute: Some(100_000),
        ..db.settings()
    })
    .await;
    let limit = LinkLimits::default().per_passport_per_day;
    // 100 chats with wrong receipts and one with the right one, all at the proof step, then
    // all answering at once.
    let mut cookies = Vec::new();
    for _ in 0..101 {
        cookies.push(at_the_proof_step(&app).await);
    }
    let mut burst = tokio::task::JoinSet::new();
    for (i, mut cookie) in cookies.into_iter().enumerate() {
        let (client, url) = (app.client.clone(), app.url("/api/web/messages"));
        let proof = if i == 50 {
            RECEIPT.to_string()
        } else {
            format!("WRONG-2026-{i:06}")
        };
        burst
            .spawn(async move { send(&client, &url, &mut cookie, json!({ "text": proof })).await });
    }
    let answers = burst.join_all().await;
    let en = Localizer::embedded().unwrap();
    let failed = en.text("en", "identity-failed", &[]);
    let linked = en.text("en", "identity-linked", &[]);
    let checked = answers
        .iter()
        .filter(|a| a.contains(&failed) || a.contains(&linked))
        .count();
    let limited = answers
        .iter()
        .filter(|a| a.contains("Too many attempts"))
        .count();
    println!("101 concurrent proofs: {checked} checked, {limited} refused before checking");
    assert!(
        checked as i64 <= limit,
        "{checked} proofs were checked against a limit of {limit}"
    );
    assert_eq!(checked + limited, 101, "every proof got one of the answers");
    let audit = db.repo.audit_log(500).await.unwrap();
    let evaluated = audit
        .iter()
        .filter(|a| a.action == "link" && a.outcome != "limited")
        .count();
    assert!(
        evaluated as i64 <= limit,
        "{evaluated} evaluated in the audit"
    );
}

/// The demo engine on `db` with these limits and `clock`.
async fn engine_at(db: &TestDb, limits: LinkLimits, clock: Arc<TestClock>) -> Arc<Engine> {
    let config = EngineConfig {
        link_limits: limits,
        ..EngineConfig::default()
    };
    demo_engine(db, config, clock).await
}

/// 10:59:50 in Beijing on a working day, ten seconds before a clock hour begins.
fn before_the_hour() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 2, 59, 50).unwrap()
}

async fn limits_slide_instead_of_resetting_on_the_hour(db: &TestDb) {
    let limits = LinkLimits {
        per_user_per_hour: 2,
        per_passport_per_day: 20,
    };
    let clock = TestClock::starting_at(before_the_hour());
    let engine = engine_at(db, limits, clock.clone()).await;
    let mut mallory = Chat::new(&engine, "telegram", "701", "701", "en");
    mallory.says("/start").await;
    mallory.presses("progress").await;
    mallory.proves(ALEX.with_code("WRONG-2026-000001")).await;
    mallory.expect("identity-failed");
    mallory.proves(ALEX.with_code("WRONG-2026-000002")).await;
    mallory.expect("identity-failed");
    // Twenty seconds later a new clock hour has begun, but both failures are within the
    // last hour: nothing more is checked, not even the right answer.
    clock.advance(Duration::seconds(20));
    mallory.presses("progress").await;
    mallory.proves(ALEX).await;
    assert!(
        mallory.text().contains("Too many attempts"),
        "{}",
        mallory.text()
    );
    // An hour after the first failure one attempt is free again.
    clock.advance(Duration::minutes(59) + Duration::seconds(45));
    mallory.presses("progress").await;
    mallory.proves(ALEX).await;
    mallory.expect("identity-linked");
}

async fn guessing_from_other_chats_cannot_lock_the_holder_out(db: &TestDb) {
    let limits = LinkLimits {
        per_user_per_hour: 5,
        per_passport_per_day: 3,
    };
    let clock = TestClock::starting_at(before_the_hour());
    let engine = engine_at(db, limits, clock.clone()).await;
    // The holder proved her passport on Telegram long ago.
    let mut anna = Chat::new(&engine, "telegram", "711", "711", "en");
    anna.says("/start").await;
    anna.presses("progress").await;
    anna.proves(ALEX).await;
    anna.expect("status-in-review");
    // Three chats guess wrong: the passport's attempts are used up for a day.
    for chat in ["712", "713", "714"] {
        clock.advance(Duration::minutes(1));
        let mut guesser = Chat::new(&engine, "web", chat, chat, "en");
        guesser.says("/start").await;
        guesser.presses("progress").await;
        guesser.proves(ALEX.with_code("WRONG-2026-000001")).await;
        guesser.expect("identity-failed");
    }
    let mut late = Chat::new(&engine, "web", "715", "715", "en");
    late.says("/start").await;
    late.presses("progress").await;
    late.proves(ALEX).await;
    assert!(late.text().contains("Too many attempts"), "{}", late.text());
    // The holder is told on her own chat, once for the day however many guesses came.
    let anna_id = db.repo.chat_user("telegram", "711", "en").await.unwrap().id;
    let warnings: Vec<_> = db
        .backoffice
        .outbox(None, 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|row| row.kind == "proof_failed")
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].chat_user_id, Some(anna_id));
    assert!(
        warnings[0].payload.contains("DEM****01") && !warnings[0].payload.contains(PASSPORT),
        "{}",
        warnings[0].payload
    );
    // On a new phone (a WhatsApp chat), she brings a link code from an office: it proves
    // the passport even now.
    db.backoffice
        .issue_link_code(
            &"DEU".parse().unwrap(),
            &PASSPORT.parse().unwrap(),
            &hash_link_code("office-code-7716"),
            "test-office",
            clock.now() + Duration::days(7),
        )
        .await
        .unwrap();
    let mut phone = Chat::new(&engine, "whatsapp", "716", "716", "en");
    phone.says("/start").await;
    phone.presses("progress").await;
    phone.proves(ALEX.with_code("office-code-7716")).await;
    phone.expect("identity-linked");
}
