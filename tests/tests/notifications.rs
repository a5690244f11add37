//! Notifications end to end, on SQLite and PostgreSQL, with a fake generic-callback receiver:
//! an office sets "ready for pickup" through the API and the user linked in the dialogue gets
//! one message in their language with the pickup details; an opt-out counts at once; failed
//! sends are retried and dead-lettered (visible and requeueable in the admin API); a crashed
//! dispatcher's claims are taken over and two dispatchers deliver every row exactly once;
//! sends to one chat are paced (300 notifications to 10 chats at one a second per chat, on the
//! fake's clock); quiet hours hold back what can wait; scheduler ticks run once across
//! processes and a missed tick is caught up; a WhatsApp user is told through the Cloud API,
//! and a 429 with `Retry-After` from it is waited out (on the test clock) before the next try.

use chrono::{Duration as TimeDelta, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::{Duration, Instant};
use visadesk_bot::clock::{Clock, SharedClock, TestClock};
use visadesk_bot::domain::calendar::NewSlot;
use visadesk_bot::domain::{OfficeId, ReceiptNo, SlotGroup};
use visadesk_bot::import::{self, Format, ImportKind};
use visadesk_bot::notify::schedule::Job;
use visadesk_bot::notify::{Notice, dedup_key};
use visadesk_bot::store::backoffice::{
    self, Actor, BackofficeStore, NewApplication, PlannedNotice, StatusUpdate,
};
use visadesk_gateway::config::RawSettings;
use visadesk_gateway::dispatch::generic_notifier::GenericCallbackNotifier;
use visadesk_gateway::dispatch::scheduler::Scheduler;
use visadesk_gateway::dispatch::{self, ChannelSender, DispatchConfig, Dispatcher};
use visadesk_tests::fake_callback::FakeCallback;
use visadesk_tests::fake_telegram::{FakeTelegram, TgChat, TgUser};
use visadesk_tests::fake_wechat::FakeWeChat;
use visadesk_tests::fake_whatsapp::{APP_SECRET, FakeWhatsApp, PHONE_ID, TOKEN};
use visadesk_tests::whatsapp_user::WhatsAppUser;
use visadesk_tests::{
    ALEX, Chat, MEI, TestApp, TestDb, applicant, beijing_date, book_in_store, both_backends,
    instants, spawn_app, spawn_app_at,
};

both_backends!(
    ready_for_pickup_reaches_the_linked_user_once_in_their_language,
    an_opt_out_counts_at_once,
    failures_are_retried_then_dead_lettered_and_can_be_requeued,
    a_notice_that_does_not_open_is_dead_lettered_and_the_others_go_out,
    a_crashed_claim_is_taken_over_and_two_dispatchers_deliver_each_row_once,
    sends_to_one_chat_keep_their_distance,
    quiet_hours_hold_back_what_can_wait,
    scheduler_ticks_run_once_across_processes_and_missed_ticks_are_caught_up,
    a_whatsapp_user_is_told_through_the_cloud_api,
    a_whatsapp_rate_limit_is_waited_out_as_meta_asks,
    a_batch_holds_no_more_for_one_chat_than_its_lease_allows,
    a_wechat_follower_is_told_through_the_customer_service_api,
    ready_for_pickup_reaches_a_telegram_user_and_a_generic_user_once_each,
    a_freed_place_is_told_to_whoever_waits_for_it,
    new_places_are_told_to_whoever_waits_for_them,
    a_helper_is_told_whose_documents_and_the_applicant_their_own,
    reminders_a_day_and_two_hours_before_say_when_where_what_and_offer_changes,
    a_change_in_the_quiet_hours_says_until_when_it_is_held,
);

const SECRET: &str = "generic-secret-0123456789";
const RECEIPT: &str = "DEMO-2026-000001";

/// A callback receiver and the service sending it the generic channel's notices right away
/// (no quiet hours, no scheduler).
async fn app_with(db: &TestDb) -> (FakeCallback, TestApp) {
    app_at(db, visadesk_bot::clock::system()).await
}

/// `app_with`, every part of the service reading the time from `clock`.
async fn app_at(db: &TestDb, clock: SharedClock) -> (FakeCallback, TestApp) {
    let fake = FakeCallback::start(SECRET).await;
    let app = spawn_app_at(
        RawSettings {
            generic_secret: Some(SECRET.into()),
            generic_callback_url: Some(fake.url()),
            quiet_hours: Some("off".into()),
            scheduler: Some("off".into()),
            dispatch_interval_ms: Some(20),
            ..db.settings()
        },
        clock,
    )
    .await;
    (fake, app)
}

fn config() -> DispatchConfig {
    DispatchConfig {
        interval: Duration::from_millis(20),
        batch: 50,
        max_attempts: 3,
        lease: Duration::from_secs(30),
        per_chat_gap: Duration::from_millis(1),
        quiet_hours: None,
        retry_base: Duration::from_millis(10),
    }
}

/// A dispatcher over the service's own store, sending generic callbacks, to run by hand.
fn dispatcher(app: &TestApp, config: DispatchConfig) -> Arc<Dispatcher> {
    dispatcher_on(app, app.app.backoffice.clone(), config)
}

/// `dispatcher` over `store` (a pool of its own: another process).
fn dispatcher_on(
    app: &TestApp,
    store: Arc<dyn BackofficeStore>,
    config: DispatchConfig,
) -> Arc<Dispatcher> {
    let sender: Arc<dyn ChannelSender> = Arc::new(
        GenericCallbackNotifier::from_settings(&app.app.settings, app.channels.http.clone())
            .expect("callback configured"),
    );
    Arc::new(
        Dispatcher::new(store, app.app.texts.clone(), vec![sender], config)
            .with_clock(app.app.clock.clone()),
    )
}

/// Runs the dispatcher until no row is due.
async fn drain(d: &Arc<Dispatcher>) {
    while d.run_once().await.unwrap() > 0 {}
}

/// Links a generic-webhook user to the demo applicant through the dialogue.
async fn link_in_dialogue(app: &TestApp, sender: &str, locale: &str) {
    link_on(app, "generic", sender, locale).await;
}

/// `app_with`, `sender` linked on the generic channel, and a desk's token to change the demo
/// application's status.
async fn app_with_linked(
    db: &TestDb,
    sender: &str,
    locale: &str,
) -> (FakeCallback, TestApp, String) {
    let (fake, app) = app_with(db).await;
    link_in_dialogue(&app, sender, locale).await;
    let t = token(&app).await;
    (fake, app, t)
}

/// Links `sender` on `channel` to the demo applicant (`RECEIPT`) through the dialogue.
async fn link_on(app: &TestApp, channel: &str, sender: &str, locale: &str) {
    let mut chat = Chat::new(&app.app.engine, channel, sender, sender, locale);
    chat.links_as("progress", ALEX).await;
}

async fn token(app: &TestApp) -> String {
    app.token(
        "desk",
        &["applications:write", "outbox:read", "outbox:write"],
        None,
    )
    .await
}

fn ready_body() -> Value {
    let from = Utc::now() + TimeDelta::days(1);
    json!({
        "status": "ready_for_pickup",
        "pickup": { "place": "Andingmen hall, window 5", "from": from, "until": from + TimeDelta::days(14), "bring": "passport" }
    })
}

async fn set_ready(app: &TestApp, token: &str) -> Value {
    set_status(app, token, ready_body()).await
}

/// Changes the status of the demo application (`RECEIPT`) through the back-office API, as
/// an office does; returns the answer.
async fn set_status(app: &TestApp, token: &str, change: Value) -> Value {
    let response = app
        .client
        .post(app.url(&format!("/api/v1/admin/applications/{RECEIPT}/status")))
        .bearer_auth(token)
        .json(&change)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

/// The demo application becomes ready for pickup, and the service's own dispatcher (every
/// configured channel) delivers what that planned; returns the dispatcher and the token.
async fn ready_and_delivered(app: &TestApp) -> (Arc<Dispatcher>, String) {
    let t = token(app).await;
    set_ready(app, &t).await;
    let d = Arc::new(Dispatcher::from_app(&app.app, &app.channels));
    drain(&d).await;
    (d, t)
}

/// The dispatcher (and scheduler) as `serve` runs them, in the background until stopped.
struct Serving {
    stop: tokio::sync::watch::Sender<bool>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Serving {
    fn start(app: &TestApp) -> Serving {
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let tasks = dispatch::start(&app.app, &app.channels, stopped);
        Serving { stop, tasks }
    }

    /// Waits until the outbox rows are in `expected` states (a row is finished right after
    /// its send), then stops the tasks.
    async fn stop_when(self, app: &TestApp, expected: &[&str]) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while states(app.app.backoffice.as_ref()).await != expected {
            assert!(
                Instant::now() < deadline,
                "{:?}",
                app.app.backoffice.outbox(None, 10).await.unwrap()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        self.stop.send(true).unwrap();
        for task in self.tasks {
            task.await.unwrap();
        }
    }
}

async fn states(store: &dyn BackofficeStore) -> Vec<String> {
    store
        .outbox(None, 1000)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.state)
        .collect()
}

async fn ready_for_pickup_reaches_the_linked_user_once_in_their_language(db: &TestDb) {
    let (fake, app, t) = app_with_linked(db, "olga", "ru").await;
    let serving = Serving::start(&app);
    let changed = set_ready(&app, &t).await;
    assert_eq!(changed["notifications"], 1);
    let got = fake.wait_for(1, 20).await;
    // The row is finished right after the send; wait for that, then look again.
    serving.stop_when(&app, &["delivered"]).await;
    assert_eq!(fake.received().len(), 1, "exactly one message: {got:?}");
    let message = &got[0];
    assert_eq!(message["sender_id"], "olga");
    assert_eq!(message["conversation_id"], "olga");
    assert!(
        message["dedup_key"]
            .as_str()
            .unwrap()
            .starts_with("status:")
    );
    let text = message["replies"][0]["text"].as_str().unwrap();
    assert!(text.contains("готовы к выдаче"), "Russian: {text}");
    assert!(text.contains("Andingmen hall, window 5"), "place: {text}");
    assert!(
        text.contains("Возьмите с собой: passport"),
        "what to bring: {text}"
    );
    assert!(
        text.contains("DEM***********01") && !text.contains(RECEIPT),
        "masked receipt: {text}"
    );
    assert_eq!(fake.bad_signatures(), 0);
    // The progress view in the chat says the same: where exactly, and what to bring.
    let mut chat = Chat::new(&app.app.engine, "generic", "olga", "olga", "ru");
    chat.says("/start").await;
    chat.presses("progress").await;
    let text = chat.text();
    assert!(
        text.contains("Andingmen hall, window 5")
            && text.contains("Отделение просит взять: passport"),
        "{text}"
    );
}

async fn an_opt_out_counts_at_once(db: &TestDb) {
    let (fake, app, t) = app_with_linked(db, "ann", "en").await;
    let d = dispatcher(&app, config());
    set_ready(&app, &t).await;
    // The user turns notifications off in settings after the row was written.
    let mut chat = Chat::new(&app.app.engine, "generic", "ann", "ann", "en");
    chat.says("/start").await;
    chat.presses("settings").await;
    chat.presses("notify").await;
    assert!(
        !app.app
            .repo
            .chat_user("generic", "ann", "en")
            .await
            .unwrap()
            .notifications_enabled
    );
    drain(&d).await;
    assert!(fake.received().is_empty());
    assert_eq!(states(app.app.backoffice.as_ref()).await, ["skipped"]);
    // On again: the next change arrives, in English.
    chat.presses("notify").await;
    set_status(&app, &t, json!({ "status": "collected" })).await;
    drain(&d).await;
    assert_told_once(&fake, "collected");
}

/// Asserts `fake` received exactly one message, and that it says `words`.
#[track_caller]
fn assert_told_once(fake: &FakeCallback, words: &str) {
    let texts = fake.texts();
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert!(texts[0].contains(words), "{words} in {texts:?}");
}

async fn failures_are_retried_then_dead_lettered_and_can_be_requeued(db: &TestDb) {
    let (fake, app, t) = app_with_linked(db, "bo", "zh-CN").await;
    let d = dispatcher(&app, config());
    fake.fail_always(true);
    set_ready(&app, &t).await;
    let deadline = Instant::now() + Duration::from_secs(20);
    while states(app.app.backoffice.as_ref()).await != ["dead"] {
        assert!(
            Instant::now() < deadline,
            "{:?}",
            app.app.backoffice.outbox(None, 10).await.unwrap()
        );
        d.run_once().await.unwrap();
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let dead = visadesk_tests::json_answer(
        app.client
            .get(app.url("/api/v1/admin/outbox?state=dead"))
            .bearer_auth(&t),
    )
    .await;
    assert_eq!(dead.as_array().unwrap().len(), 1, "{dead}");
    assert_eq!(dead[0]["attempts"], 3);
    assert!(
        dead[0]["last_error"].as_str().unwrap().contains("500"),
        "{dead}"
    );
    assert!(
        dead[0].get("payload").is_none(),
        "the dead-letter list shows no message contents"
    );
    // The receiver is fixed; an operator puts the row back.
    fake.fail_always(false);
    let id = dead[0]["id"].as_i64().unwrap();
    let response = app
        .client
        .post(app.url(&format!("/api/v1/admin/outbox/{id}/requeue")))
        .bearer_auth(&t)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    drain(&d).await;
    assert_told_once(&fake, "已可领取");
    assert!(
        app.app
            .repo
            .audit_log(5)
            .await
            .unwrap()
            .iter()
            .any(|a| a.action == "outbox-requeue" && a.actor == "desk")
    );
}

/// A row sealed under a key this process does not have (written by a process with other
/// data keys, or under a key since removed) cannot block the queue: it is dead-lettered with
/// the reason, and the rows beside it are delivered.
async fn a_notice_that_does_not_open_is_dead_lettered_and_the_others_go_out(db: &TestDb) {
    let (fake, app) = app_with(db).await;
    let store = app.app.backoffice.clone();
    plan_many(store.as_ref(), &app, 2, 2).await;
    let tampered = db
        .execute(
            "UPDATE outbox SET payload = 'v1:k9:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' \
             WHERE id = (SELECT MIN(id) FROM outbox)",
        )
        .await;
    assert_eq!(tampered, 1);
    let d = dispatcher(&app, config());
    drain(&d).await;
    assert_eq!(fake.texts().len(), 1, "the other row went out");
    let dead = store.outbox(Some("dead"), 10).await.unwrap();
    assert_eq!(dead.len(), 1, "{dead:?}");
    let reason = dead[0].last_error.clone().unwrap_or_default();
    assert!(reason.contains("unreadable"), "{reason}");
}

/// `n` permit notices spread over `users` generic users; returns the dedup keys.
async fn plan_many(
    store: &dyn BackofficeStore,
    app: &TestApp,
    users: usize,
    n: usize,
) -> Vec<String> {
    let notices = app.due_permit_notices(users, n).await;
    assert_eq!(store.enqueue(&notices, Utc::now()).await.unwrap(), n as u64);
    // Planned again (a retried request): nothing new.
    assert_eq!(store.enqueue(&notices, Utc::now()).await.unwrap(), 0);
    notices.into_iter().map(|n| n.dedup_key).collect()
}

async fn a_crashed_claim_is_taken_over_and_two_dispatchers_deliver_each_row_once(db: &TestDb) {
    let (fake, app) = app_with(db).await;
    let keys = plan_many(app.app.backoffice.as_ref(), &app, 10, 300).await;
    // A dispatcher claims 40 rows and dies: its lease runs out a moment later.
    let now = Utc::now();
    let crashed = app
        .app
        .backoffice
        .claim_due(
            "crashed-worker",
            now + TimeDelta::milliseconds(300),
            40,
            now,
        )
        .await
        .unwrap();
    assert_eq!(crashed.len(), 40);
    // Two dispatchers, each with its own connection pool, as two processes would be.
    let mut handles = Vec::new();
    for _ in 0..2 {
        let (_, store) = backoffice::connect(
            &db.url,
            Duration::from_secs(5),
            visadesk_tests::test_data_keys(),
        )
        .await
        .unwrap();
        let d = dispatcher_on(&app, store, config());
        handles.push(tokio::spawn(async move {
            let deadline = Instant::now() + Duration::from_secs(60);
            let mut idle_rounds = 0;
            // Keep going past the lease of the crashed claim.
            while idle_rounds < 40 && Instant::now() < deadline {
                if d.run_once().await.unwrap() == 0 {
                    idle_rounds += 1;
                    tokio::time::sleep(Duration::from_millis(20)).await;
                } else {
                    idle_rounds = 0;
                }
            }
        }));
    }
    for h in handles {
        h.await.unwrap();
    }
    let received = fake.received();
    let unique = fake.unique_keys();
    assert_eq!(unique.len(), keys.len(), "every notification arrived");
    assert_eq!(received.len(), keys.len(), "and none twice");
    let rows = app.app.backoffice.outbox(None, 1000).await.unwrap();
    assert!(
        rows.iter().all(|r| r.state == "delivered"),
        "{:?}",
        rows.iter().find(|r| r.state != "delivered")
    );
    assert_eq!(
        app.app.repo.counts().await.unwrap()["deliveries"],
        keys.len() as i64
    );
}

async fn sends_to_one_chat_keep_their_distance(db: &TestDb) {
    let (fake, app) = app_with(db).await;
    plan_many(app.app.backoffice.as_ref(), &app, 4, 40).await;
    let gap = Duration::from_millis(50);
    let d = dispatcher(
        &app,
        DispatchConfig {
            per_chat_gap: gap,
            ..config()
        },
    );
    drain(&d).await;
    assert_eq!(fake.received().len(), 40);
    assert_paced(&fake, 4, 10, gap);
}

/// Asserts `fake` got `each` messages for every one of `users` generic users (`user-0`,
/// `user-1`, …, as `plan_many` plans them), no two for one chat closer than `gap` on the
/// fake's clock.
fn assert_paced(fake: &FakeCallback, users: usize, each: usize, gap: Duration) {
    for u in 0..users {
        let mut arrivals = fake.arrivals_for(&format!("user-{u}"));
        assert_eq!(arrivals.len(), each, "user-{u}");
        arrivals.sort();
        for pair in arrivals.windows(2) {
            let between = pair[1].duration_since(pair[0]);
            assert!(
                between >= gap,
                "user-{u}: two messages {between:?} apart, less than {gap:?}"
            );
        }
    }
}

async fn quiet_hours_hold_back_what_can_wait(db: &TestDb) {
    let (fake, app) = app_with(db).await;
    let user = app
        .app
        .repo
        .chat_user("generic", "night-owl", "en")
        .await
        .unwrap()
        .id;
    let soon = Utc::now() + TimeDelta::hours(1);
    let notice = |kind: &str| match kind {
        "urgent" => Notice::AppointmentCancelled {
            code: "ABCD2345".into(),
            service: "visa-extension".into(),
            starts_at: soon,
            zone: "Asia/Shanghai".into(),
        },
        _ => Notice::PermitExpiring {
            permit_kind: visadesk_bot::domain::PermitKind::ResidencePermit,
            expires_on: beijing_date(Utc::now()) + TimeDelta::days(30),
            days: 30,
            renewal_service: "residence-renewal".into(),
        },
    };
    let planned: Vec<PlannedNotice> = ["urgent", "can-wait"]
        .iter()
        .map(|k| PlannedNotice {
            dedup_key: dedup_key(k, user),
            chat_user_id: user,
            applicant_id: None,
            notice: notice(k),
            due_at: Utc::now(),
        })
        .collect();
    app.app
        .backoffice
        .enqueue(&planned, app.app.clock.now())
        .await
        .unwrap();
    // Quiet all day long: only the urgent notice goes out.
    let all_day = Some((
        chrono::NaiveTime::from_hms_opt(0, 0, 0).unwrap(),
        chrono::NaiveTime::from_hms_opt(23, 59, 59).unwrap(),
    ));
    let d = dispatcher(
        &app,
        DispatchConfig {
            quiet_hours: all_day,
            ..config()
        },
    );
    drain(&d).await;
    let got = fake.received();
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        got[0]["replies"][0]["buttons"][0]["id"], "book",
        "a rebook button: {got:?}"
    );
    let rows = app.app.backoffice.outbox(None, 10).await.unwrap();
    let waiting = rows.iter().find(|r| r.kind == "permit_expiring").unwrap();
    assert_eq!(waiting.state, "pending");
    assert_eq!(waiting.attempts, 0, "waiting is not a failed attempt");
    assert!(waiting.due_at > Utc::now());
}

async fn scheduler_ticks_run_once_across_processes_and_missed_ticks_are_caught_up(db: &TestDb) {
    // 23:30 UTC, already tomorrow in Beijing, where the permit's days are counted; and
    // clear of a minute's end, so `now + 2 s` below is still the same tick.
    let clock = TestClock::starting_at(instants::utc_evening());
    let (fake, app) = app_at(db, clock.clone()).await;
    let repo = &app.app.repo;
    let now = clock.now();
    let today = beijing_date(now);
    // An applicant whose residence permit expires in 5 days, linked on the generic channel.
    let record = format!(
        r#"[{{"full_name":"Lin Expiring","nationality":"KAZ","passport_no":"N12345678","birth_date":"1988-08-08",
            "permits":[{{"kind":"residence_permit","permit_type":"study","number":"RP2026000777","issued_on":"{}","expires_on":"{}","entries":"multiple"}}]}}]"#,
        today - TimeDelta::days(360),
        today + TimeDelta::days(5)
    );
    repo.import(&import::parse(ImportKind::Applicants, Format::Json, &record).unwrap())
        .await
        .unwrap();
    let lin = repo.chat_user("generic", "lin", "en").await.unwrap();
    let kaz = applicant(repo.as_ref(), "KAZ", "N12345678").await;
    repo.link_applicant(lin.id, kaz.id, "link_code", now)
        .await
        .unwrap();
    // Lin's application has been ready for pickup for four days.
    let actor = Actor {
        kind: "api-token",
        name: "desk".into(),
    };
    let receipt: ReceiptNo = "KZ-2026-000001".parse().unwrap();
    app.app
        .backoffice
        .create_application(
            &NewApplication {
                receipt_no: receipt.clone(),
                nationality: "KAZ".parse().unwrap(),
                passport_no: "N12345678".parse().unwrap(),
                service: "residence-renewal".parse().unwrap(),
                office: "beijing-andingmen".parse().unwrap(),
                submitted_at: now - TimeDelta::days(20),
            },
            &actor,
            now - TimeDelta::days(20),
        )
        .await
        .unwrap()
        .unwrap();
    let body = ready_body();
    let update = StatusUpdate {
        status: visadesk_bot::domain::ApplicationStatus::ReadyForPickup,
        note: None,
        pickup: Some(serde_json::from_value(body["pickup"].clone()).unwrap()),
    };
    app.app
        .backoffice
        .change_status(&receipt, &update, &actor, now - TimeDelta::days(4))
        .await
        .unwrap();
    // An appointment of Lin's in 90 minutes.
    let starts_at = now + TimeDelta::minutes(90);
    repo.insert_slots(&[NewSlot {
        office_id: "beijing-andingmen".parse().unwrap(),
        group: SlotGroup::Residence,
        starts_at,
        ends_at: starts_at + TimeDelta::minutes(30),
        capacity: 1,
    }])
    .await
    .unwrap();
    let slot = repo
        .slots(
            &"beijing-andingmen".parse().unwrap(),
            SlotGroup::Residence,
            starts_at - TimeDelta::seconds(1),
            starts_at + TimeDelta::seconds(1),
        )
        .await
        .unwrap()
        .pop()
        .unwrap();
    book_in_store(repo.as_ref(), slot.id, "residence-renewal", lin.id, now).await;
    // Clear the status-change notice, so only scheduled ones are counted.
    let d = dispatcher(&app, config());
    drain(&d).await;
    let before = fake.received().len();

    // Two processes' schedulers, each on its own pool, every job every minute.
    let every_minute = "0 * * * * *";
    let mut schedulers = Vec::new();
    for _ in 0..2 {
        let (_, store) = backoffice::connect(
            &db.url,
            Duration::from_secs(5),
            visadesk_tests::test_data_keys(),
        )
        .await
        .unwrap();
        schedulers.push(
            Scheduler::new(
                store,
                &[
                    (Job::AppointmentReminders, every_minute),
                    (Job::PermitExpiry, every_minute),
                    (Job::PickupReminders, every_minute),
                ],
            )
            .unwrap(),
        );
    }
    let (a, b) = tokio::join!(schedulers[0].run_due(now), schedulers[1].run_due(now));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.len() + b.len(), 3, "each job ran once: {a:?} {b:?}");
    let planned: u64 = a.iter().chain(b.iter()).map(|(_, _, n)| n).sum();
    assert_eq!(
        planned, 3,
        "a 2-hour reminder, a 7-day expiry reminder, a 3-day pickup reminder"
    );
    // Same tick again, from either process: nothing runs.
    assert!(
        schedulers[1]
            .run_due(now + TimeDelta::seconds(1))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        schedulers[0]
            .run_due(now + TimeDelta::seconds(2))
            .await
            .unwrap()
            .is_empty()
    );
    // Both processes were down for five minutes: one run per job catches up, planning
    // nothing twice.
    let later = now + TimeDelta::minutes(5);
    let caught_up = schedulers[1].run_due(later).await.unwrap();
    assert_eq!(caught_up.len(), 3, "{caught_up:?}");
    assert!(
        caught_up
            .iter()
            .all(|(_, tick, n)| *n == 0 && *tick > now + TimeDelta::minutes(3))
    );
    assert!(schedulers[0].run_due(later).await.unwrap().is_empty());

    drain(&d).await;
    let got = &fake.received()[before..];
    assert_eq!(got.len(), 3, "{got:?}");
    let texts = &fake.texts()[before..];
    let for_lin: Vec<&Value> = got.iter().filter(|m| m["sender_id"] == "lin").collect();
    assert_eq!(for_lin.len(), 3, "{texts:?}");
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("In two hours, at ") && t.contains(": your appointment ")),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t.contains("in 5 days")), "{texts:?}");
    assert!(
        for_lin
            .iter()
            .any(|m| m["replies"][0]["buttons"][0]["id"] == "renew:residence-renewal"),
        "the expiry reminder offers the renewal booking: {got:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("ready for 4 days and are not collected")),
        "{texts:?}"
    );
    // The buttons work whatever Lin's conversation was doing.
    let mut chat = Chat::new(&app.app.engine, "generic", "lin", "lin", "en");
    chat.says("/start").await;
    chat.presses("offices").await;
    chat.presses("renew:residence-renewal").await;
    chat.expect("booking-pick-city");
    chat.presses("guidance").await;
    chat.presses("book").await;
    chat.expect("booking-pick-service");
}

async fn a_whatsapp_user_is_told_through_the_cloud_api(db: &TestDb) {
    let fake = FakeCallback::start(SECRET).await;
    let whatsapp = FakeWhatsApp::start().await;
    let app = spawn_app(RawSettings {
        quiet_hours: Some("off".into()),
        whatsapp_verify_token: Some("verify".into()),
        whatsapp_app_secret: Some(APP_SECRET.into()),
        whatsapp_access_token: Some(TOKEN.into()),
        whatsapp_phone_number_id: Some(PHONE_ID.into()),
        whatsapp_api_url: Some(whatsapp.url()),
        whatsapp_notify_template: Some("visadesk_notice".into()),
        ..db.settings()
    })
    .await;
    let user = "8613800138000";
    link_on(&app, "whatsapp", user, "en").await;
    // The user has not written on WhatsApp within 24 hours: only the template may go.
    let (d, t) = ready_and_delivered(&app).await;
    let sent = whatsapp.sent();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0]["to"], user);
    assert_eq!(sent[0]["type"], "template", "{}", sent[0]);
    assert_eq!(sent[0]["template"]["name"], "visadesk_notice");
    assert_eq!(sent[0]["template"]["language"]["code"], "en");
    let text = sent[0]["template"]["components"][0]["parameters"][0]["text"]
        .as_str()
        .unwrap();
    assert!(
        text.contains("ready for pickup")
            && text.contains("Andingmen hall, window 5")
            && !text.contains('\n'),
        "{text}"
    );
    // The user writes: the window opens, and the next notice is an ordinary message.
    // (The writer waits until the whole answer to "hi" has arrived before the next notice
    // is counted.)
    let mut writer = WhatsAppUser::new(&app, &whatsapp, user);
    let answer = writer.says("hi").await;
    assert!(!answer.is_empty(), "the greeting was answered");
    let before = whatsapp.sent().len();
    set_status(&app, &t, json!({ "status": "collected" })).await;
    drain(&d).await;
    let sent = whatsapp.sent();
    assert_eq!(sent.len(), before + 1, "{sent:?}");
    let body = sent[before]["text"]["body"].as_str().unwrap();
    assert!(body.contains("collected"), "{body}");
    assert!(
        fake.received().is_empty(),
        "no generic identity, no callback"
    );
    assert_eq!(
        states(app.app.backoffice.as_ref()).await,
        ["delivered", "delivered"]
    );
}

/// Meta answers a notice 429 with `Retry-After: 120`: the notice is not sent again before
/// 120 seconds have passed on the service's clock, and is sent once after them.
async fn a_whatsapp_rate_limit_is_waited_out_as_meta_asks(db: &TestDb) {
    let whatsapp = FakeWhatsApp::start().await;
    let clock = TestClock::starting_at(Utc::now());
    let app = spawn_app_at(
        RawSettings {
            quiet_hours: Some("off".into()),
            scheduler: Some("off".into()),
            dispatcher: Some("off".into()),
            whatsapp_verify_token: Some("verify".into()),
            whatsapp_app_secret: Some(APP_SECRET.into()),
            whatsapp_access_token: Some(TOKEN.into()),
            whatsapp_phone_number_id: Some(PHONE_ID.into()),
            whatsapp_api_url: Some(whatsapp.url()),
            whatsapp_notify_template: Some("visadesk_notice".into()),
            ..db.settings()
        },
        clock.clone(),
    )
    .await;
    link_on(&app, "whatsapp", "8613800138000", "en").await;
    let t = token(&app).await;
    set_ready(&app, &t).await;
    whatsapp.rate_limit_next(1, 120);
    let d = Arc::new(Dispatcher::from_app(&app.app, &app.channels));
    drain(&d).await;
    assert!(whatsapp.sent().is_empty(), "{:?}", whatsapp.sent());
    let row = &app.app.backoffice.outbox(None, 10).await.unwrap()[0];
    assert_eq!(row.state, "pending", "{row:?}");
    assert!(
        row.due_at >= clock.now() + TimeDelta::seconds(115),
        "the next try waits out Retry-After: due {} at {}",
        row.due_at,
        clock.now()
    );
    // 110 seconds on: still within Retry-After, nothing is sent.
    clock.advance(TimeDelta::seconds(110));
    drain(&d).await;
    assert!(whatsapp.sent().is_empty(), "{:?}", whatsapp.sent());
    // Past it: sent, once.
    clock.advance(TimeDelta::seconds(11));
    drain(&d).await;
    let sent = whatsapp.sent();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0]["template"]["name"], "visadesk_notice");
    assert_eq!(states(app.app.backoffice.as_ref()).await, ["delivered"]);
}

async fn a_batch_holds_no_more_for_one_chat_than_its_lease_allows(db: &TestDb) {
    let (fake, app) = app_with(db).await;
    plan_many(app.app.backoffice.as_ref(), &app, 1, 12).await;
    // One message per 100 ms to the chat and a 1-second lease: 5 fit in half the lease.
    let d = dispatcher(
        &app,
        DispatchConfig {
            per_chat_gap: Duration::from_millis(100),
            lease: Duration::from_secs(1),
            ..config()
        },
    );
    assert_eq!(d.run_once().await.unwrap(), 12);
    assert_eq!(fake.received().len(), 5);
    let rows = app.app.backoffice.outbox(None, 100).await.unwrap();
    let waiting: Vec<_> = rows.iter().filter(|r| r.state == "pending").collect();
    assert_eq!(waiting.len(), 7);
    assert!(
        waiting.iter().all(|r| r.attempts == 0),
        "put back, not failed"
    );
    drain(&d).await;
    assert_eq!(fake.received().len(), 12);
    assert_eq!(fake.unique_keys().len(), 12);
}

/// On PostgreSQL, `app_with` with `n` permit notices planned for `users` generic users.
async fn planned_on_postgres(users: usize, n: usize) -> (TestDb, FakeCallback, TestApp) {
    let db = TestDb::postgres().await;
    let (fake, app) = app_with(&db).await;
    plan_many(app.app.backoffice.as_ref(), &app, users, n).await;
    (db, fake, app)
}

/// The issue's rate check at the real rate (PostgreSQL only: it takes half a minute).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_hundred_notifications_to_ten_chats_never_exceed_one_a_second_per_chat() {
    let (_db, fake, app) = planned_on_postgres(10, 300).await;
    let gap = Duration::from_secs(1);
    let d = dispatcher(
        &app,
        DispatchConfig {
            per_chat_gap: gap,
            batch: 100,
            lease: Duration::from_secs(60),
            ..config()
        },
    );
    drain(&d).await;
    assert_eq!(fake.unique_keys().len(), 300);
    assert_paced(&fake, 10, 30, gap);
}

async fn a_wechat_follower_is_told_through_the_customer_service_api(db: &TestDb) {
    let wechat = FakeWeChat::start().await;
    let app = spawn_app(RawSettings {
        quiet_hours: Some("off".into()),
        wechat_token: Some("wechat-token".into()),
        wechat_app_id: Some("wx-app".into()),
        wechat_app_secret: Some("app-secret".into()),
        wechat_api_url: Some(wechat.url()),
        ..db.settings()
    })
    .await;
    let openid = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M";
    link_on(&app, "wechat", openid, "zh-CN").await;
    ready_and_delivered(&app).await;
    let sent = wechat.sent();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].0, openid);
    assert!(
        sent[0].1.contains("已可领取") && sent[0].1.contains("Andingmen hall, window 5"),
        "{sent:?}"
    );
    assert_eq!(states(app.app.backoffice.as_ref()).await, ["delivered"]);
}

/// The issue's end-to-end case: an office sets "ready for pickup" through the API; the person
/// linked on Telegram gets one message on the (fake) Bot API in their language, and the one
/// linked through the generic webhook one callback.
async fn ready_for_pickup_reaches_a_telegram_user_and_a_generic_user_once_each(db: &TestDb) {
    let callback = FakeCallback::start(SECRET).await;
    let telegram = FakeTelegram::start().await;
    let app = spawn_app(RawSettings {
        generic_secret: Some(SECRET.into()),
        generic_callback_url: Some(callback.url()),
        telegram_bot_token: Some(visadesk_tests::fake_telegram::TOKEN.into()),
        telegram_api_url: Some(telegram.url()),
        quiet_hours: Some("off".into()),
        scheduler: Some("off".into()),
        dispatch_interval_ms: Some(20),
        ..db.settings()
    })
    .await;
    // Linked through the Telegram channel itself (the Bot API only lets a bot write to
    // people who have talked to it).
    let telegram_user = 7_000_701_i64;
    let user = TgUser::new(telegram_user, "Li", Some("zh-hans"));
    let chat = TgChat::private(&user);
    telegram
        .deliver(&app, telegram.text(&chat, &user, "/start"))
        .await;
    for press in ["progress", "nat:DEU"] {
        telegram
            .deliver(&app, telegram.press_offered(&chat, &user, press))
            .await;
    }
    for line in ["DEMO00001", "1990-01-01", RECEIPT] {
        telegram
            .deliver(&app, telegram.text(&chat, &user, line))
            .await;
    }
    let linked = app.app.texts.text("zh-CN", "identity-linked", &[]);
    assert!(
        telegram
            .delivered_to(telegram_user)
            .iter()
            .any(|c| c.text().contains(&linked)),
        "linked on Telegram"
    );
    let before = telegram.delivered_to(telegram_user).len();
    link_in_dialogue(&app, "olga", "ru").await;
    let t = token(&app).await;
    let serving = Serving::start(&app);
    let changed = set_ready(&app, &t).await;
    assert_eq!(changed["notifications"], 2, "{changed}");
    callback.wait_for(1, 20).await;
    serving.stop_when(&app, &["delivered", "delivered"]).await;
    let sent = telegram.delivered_to(telegram_user)[before..].to_vec();
    assert_eq!(sent.len(), 1, "exactly one Telegram message: {sent:?}");
    let text = sent[0].text();
    assert!(text.contains("已可领取"), "Chinese: {text}");
    assert!(text.contains("Andingmen hall, window 5"), "place: {text}");
    assert!(!text.contains(RECEIPT), "masked receipt: {text}");
    assert_eq!(callback.received().len(), 1);
}

/// Two dispatchers (two processes) sharing PostgreSQL and Redis: each keeps its own clock,
/// and the chat's pace still holds on the receiver's clock because the per-chat markers live
/// in Redis.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_dispatchers_sharing_redis_keep_one_chats_pace() {
    let (_db, fake, app) = planned_on_postgres(1, 8).await;
    let gap = Duration::from_millis(150);
    let shared: Arc<dyn visadesk_bot::store::ExpiringStore> =
        Arc::new(visadesk_tests::redis_store().await.expiring_store());
    let config = DispatchConfig {
        per_chat_gap: gap,
        batch: 2,
        ..config()
    };
    let pair: Vec<Arc<Dispatcher>> = (0..2)
        .map(|_| {
            let sender: Arc<dyn ChannelSender> = Arc::new(
                GenericCallbackNotifier::from_settings(
                    &app.app.settings,
                    app.channels.http.clone(),
                )
                .expect("callback"),
            );
            Arc::new(
                Dispatcher::new(
                    app.app.backoffice.clone(),
                    app.app.texts.clone(),
                    vec![sender],
                    config.clone(),
                )
                .with_shared_pacing(shared.clone()),
            )
        })
        .collect();
    let runs: Vec<_> = pair
        .iter()
        .map(|d| {
            let d = d.clone();
            tokio::spawn(async move { while d.run_once().await.unwrap() > 0 {} })
        })
        .collect();
    for run in runs {
        run.await.unwrap();
    }
    assert_paced(&fake, 1, 8, gap);
}

/// Places also appear without a cancellation: the calendar opens a new day (the daily fill,
/// or an office generating slots through the back-office API: both insert slots) or an
/// import raises a capacity. Whoever waits at that office is told, once; new places at
/// another office tell nobody.
async fn new_places_are_told_to_whoever_waits_for_them(db: &TestDb) {
    let (fake, app) = app_with(db).await;
    let d = dispatcher(&app, config());
    let mut wen = Chat::new(&app.app.engine, "generic", "wen", "wen", "en");
    let office = up_to_the_office(&mut wen).await;
    let office_id: OfficeId = office["office:".len()..].parse().unwrap();
    let full = format!("UPDATE slots SET booked = capacity WHERE office_id = '{office_id}'");
    db.execute(&full).await;
    assert_eq!(up_to_the_office(&mut wen).await, office);
    wen.expect("booking-no-free-days");
    wen.presses("waitlist").await;
    wen.expect("booking-waitlist-added");
    let now = Utc::now();
    let new_slots = |office: &OfficeId, minute: i64| {
        let starts_at = now + TimeDelta::days(3) + TimeDelta::minutes(minute);
        SlotGroup::ALL
            .iter()
            .map(|group| NewSlot {
                office_id: office.clone(),
                group: *group,
                starts_at,
                ends_at: starts_at + TimeDelta::minutes(30),
                capacity: 2,
            })
            .collect::<Vec<_>>()
    };
    let elsewhere = visadesk_tests::find_office(&*app.app.repo, |o| o.id != office_id)
        .await
        .id;
    let created = app
        .app
        .repo
        .insert_slots(&new_slots(&elsewhere, 1))
        .await
        .unwrap();
    assert_eq!(created, SlotGroup::ALL.len() as u64);
    drain(&d).await;
    assert!(fake.received().is_empty(), "nobody waits there");
    app.app
        .repo
        .insert_slots(&new_slots(&office_id, 1))
        .await
        .unwrap();
    drain(&d).await;
    let got = fake.received();
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0]["sender_id"], "wen");
    assert!(
        got[0]["replies"][0]["buttons"][0]["id"]
            .as_str()
            .unwrap()
            .starts_with(&format!("waitbook:{office_id}:")),
        "{got:?}"
    );
    app.app
        .repo
        .insert_slots(&new_slots(&office_id, 2))
        .await
        .unwrap();
    drain(&d).await;
    assert_eq!(fake.received().len(), 1, "told once");
    // Full again; Zoe waits; an import raises one slot's capacity: Zoe is told.
    db.execute(&full).await;
    let mut zoe = Chat::new(&app.app.engine, "generic", "zoe", "zoe", "en");
    assert_eq!(up_to_the_office(&mut zoe).await, office);
    zoe.presses("waitlist").await;
    zoe.expect("booking-waitlist-added");
    // One slot of each group gets a place more (the waited service uses one of them).
    let mut csv = String::from("office_id,slot_group,starts_at,ends_at,capacity\n");
    for group in SlotGroup::ALL {
        let slots = app
            .app
            .repo
            .slots(&office_id, *group, now, now + TimeDelta::days(30))
            .await
            .unwrap();
        if let Some(slot) = slots.first() {
            csv.push_str(&format!(
                "{office_id},{group},{},{},{}\n",
                slot.starts_at.to_rfc3339(),
                slot.ends_at.to_rfc3339(),
                slot.capacity + 1
            ));
        }
    }
    let batch = import::parse(ImportKind::Slots, Format::Csv, &csv).unwrap();
    assert!(app.app.repo.import(&batch).await.unwrap().updated >= 1);
    drain(&d).await;
    let got = fake.received();
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1]["sender_id"], "zoe");
}

/// Takes the first service, city and office on offer; returns the office's button id.
async fn up_to_the_office(chat: &mut Chat) -> String {
    chat.says("/book").await;
    let office = chat.picks_first_office().await;
    office.unwrap_or_else(|| panic!("no office question: {}", chat.text()))
}

/// "A freed slot someone waits for": a full office offers its waiting list; a cancellation
/// there writes the waiter's notification in the same transaction; it is told once, and its
/// button opens the booking at that office.
async fn a_freed_place_is_told_to_whoever_waits_for_it(db: &TestDb) {
    let (fake, app) = app_with(db).await;
    let mut bea = Chat::new(&app.app.engine, "generic", "bea", "bea", "en");
    bea.says("/book").await;
    let slot = bea.fills_booking("Bea Example", "E12345678").await;
    bea.presses("confirm").await;
    let office_id = app.app.repo.slot(slot).await.unwrap().unwrap().office_id;
    let office = format!("office:{office_id}");
    // Everything else at that office is taken.
    db.execute(&format!(
        "UPDATE slots SET booked = capacity WHERE office_id = '{office_id}'"
    ))
    .await;
    let mut wen = Chat::new(&app.app.engine, "generic", "wen", "wen", "en");
    assert_eq!(up_to_the_office(&mut wen).await, office);
    wen.expect("booking-no-free-days");
    wen.presses("waitlist").await;
    wen.expect("booking-waitlist-added");
    assert!(
        states(app.app.backoffice.as_ref()).await.is_empty(),
        "nothing to tell yet"
    );
    // Bea cancels: the place is free, and Wen's notice is written with it.
    bea.presses("menu").await;
    bea.presses("appointments").await;
    bea.presses(&bea.first_button("cx:")).await;
    bea.presses("yes-cancel").await;
    let d = dispatcher(&app, config());
    drain(&d).await;
    let got = fake.received();
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0]["sender_id"], "wen");
    let reply = &got[0]["replies"][0];
    assert!(
        reply["text"]
            .as_str()
            .unwrap()
            .contains("A place has freed up"),
        "{reply}"
    );
    let button = reply["buttons"][0]["id"].as_str().unwrap().to_string();
    assert!(
        button.starts_with(&format!("waitbook:{office_id}:")),
        "{button}"
    );
    // Told once: another freed place at that office says nothing more.
    bea.says("/book").await;
    let again = bea.fills_booking("Bea Example", "E12345678").await;
    assert_eq!(
        app.app.repo.slot(again).await.unwrap().unwrap().office_id,
        office_id,
        "the freed place is the only one"
    );
    bea.presses("confirm").await;
    bea.presses("appointments").await;
    bea.presses(&bea.first_button("cx:")).await;
    bea.presses("yes-cancel").await;
    drain(&d).await;
    assert_eq!(fake.received().len(), 1, "told once");
    // Full again; Zoe waits; the office adds a place (back-office capacity change): Zoe is told
    // in that transaction too.
    bea.says("/book").await;
    let full = bea.fills_booking("Bea Example", "E12345678").await;
    bea.presses("confirm").await;
    let mut zoe = Chat::new(&app.app.engine, "generic", "zoe", "zoe", "en");
    assert_eq!(up_to_the_office(&mut zoe).await, office);
    zoe.presses("waitlist").await;
    zoe.expect("booking-waitlist-added");
    let slot = app.app.repo.slot(full).await.unwrap().unwrap();
    assert!(matches!(
        app.app
            .backoffice
            .set_slot_capacity(full, slot.capacity + 1, Utc::now())
            .await
            .unwrap(),
        backoffice::CapacityOutcome::Changed
    ));
    drain(&d).await;
    let got = fake.received();
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1]["sender_id"], "zoe");
    // The button, pressed whatever Wen is doing, opens the booking at that office.
    wen.presses("settings").await;
    wen.presses(&button).await;
    assert!(
        !wen.buttons_starting("day:").is_empty(),
        "the freed day is offered: {}",
        wen.text()
    );
}

/// Mei (the demo PR holder, English) acts for Alex (the demo applicant, Russian): he invites
/// her from his own chat, on the generic channel. Returns both chats.
async fn mei_helps_alex(app: &TestApp) -> (Chat, Chat) {
    let mut alex = Chat::new(&app.app.engine, "generic", "alex", "alex", "ru");
    alex.links_as("progress", ALEX).await;
    let mut mei = Chat::new(&app.app.engine, "generic", "mei", "mei", "en");
    mei.name = Some("Mei".into());
    mei.links_as("pr", MEI).await;
    alex.accepts_help_from(&mut mei).await;
    (alex, mei)
}

/// What the generic callback received for `sender` about `event` (the start of the dedup
/// key: `status`, `appointment`): each message's first reply.
fn replies_to(fake: &FakeCallback, sender: &str, event: &str) -> Vec<Value> {
    fake.received()
        .into_iter()
        .filter(|m| m["sender_id"] == sender)
        .filter(|m| {
            m["dedup_key"]
                .as_str()
                .unwrap_or_default()
                .starts_with(event)
        })
        .map(|m| m["replies"][0].clone())
        .collect()
}

/// Issue 19, notices: the applicant reads "your documents", the helper reads whose (first
/// name, masked surname); both get the office's name and address as the progress screen
/// shows it, the office's own pickup text and what to bring; each in their language.
async fn a_helper_is_told_whose_documents_and_the_applicant_their_own(db: &TestDb) {
    let (fake, app) = app_with(db).await;
    let (_alex, mut mei_chat) = mei_helps_alex(&app).await;
    let t = token(&app).await;
    let changed = set_ready(&app, &t).await;
    assert_eq!(changed["notifications"], 2, "{changed}");
    assert!(
        changed.get("held_until").is_none(),
        "no quiet hours: {changed}"
    );
    let d = dispatcher(&app, config());
    drain(&d).await;
    let alex = replies_to(&fake, "alex", "status:");
    let mei = replies_to(&fake, "mei", "status:");
    assert_eq!((alex.len(), mei.len()), (1, 1), "{:?}", fake.received());
    let alex = alex[0]["text"].as_str().unwrap();
    let mei = mei[0]["text"].as_str().unwrap();
    assert!(
        alex.contains("ваши документы"),
        "his own, in Russian: {alex}"
    );
    assert!(
        mei.contains("the documents of Alex D************* for"),
        "whose, masked, in English: {mei}"
    );
    assert!(
        !mei.contains("Demo-Applicant") && !mei.contains("your documents"),
        "{mei}"
    );
    for (text, office_line) in [
        (
            alex,
            "Отдел: Exit-Entry Administration of Beijing Municipal Public Security Bureau",
        ),
        (
            mei,
            "Office: Exit-Entry Administration of Beijing Municipal Public Security Bureau",
        ),
    ] {
        assert!(text.contains(office_line), "the office's name: {text}");
        assert!(
            text.contains("2 Andingmen East Street, Dongcheng District, Beijing")
                && text.contains("北京市东城区安定门东大街2号"),
            "its address, as on the progress screen: {text}"
        );
        assert!(
            text.contains("Andingmen hall, window 5"),
            "its own text: {text}"
        );
        assert!(text.contains(": passport"), "what to bring: {text}");
        assert!(text.contains("DEM***********01"), "{text}");
    }
    // A change without pickup details tells whose in Chinese too.
    mei_chat.presses("lang").await;
    mei_chat.presses("lang:zh-CN").await;
    set_status(&app, &t, json!({ "status": "collected" })).await;
    drain(&d).await;
    let mei = replies_to(&fake, "mei", "status:");
    let last = mei.last().unwrap()["text"].as_str().unwrap();
    assert!(
        last.starts_with("Alex D*************的") && last.contains("已领取"),
        "{last}"
    );
}

/// Issue 19, reminders: the day before it says "tomorrow", two hours before "in two hours";
/// both carry the office and its address, what to bring as the guidance card lists it, and
/// buttons to reschedule or cancel that work whatever the chat is doing. They go to the
/// applicant and to the helper who booked, while she acts for him.
async fn reminders_a_day_and_two_hours_before_say_when_where_what_and_offer_changes(db: &TestDb) {
    let clock = TestClock::starting_at(instants::utc_evening());
    let (fake, app) = app_at(db, clock.clone()).await;
    let (mut alex, mut mei) = mei_helps_alex(&app).await;
    mei.opens("book").await;
    let slot = mei.picks_first_slot().await;
    let record = applicant(app.app.repo.as_ref(), ALEX.nationality, ALEX.passport).await;
    mei.presses(&format!("for:{}", record.id)).await;
    mei.says("+86 138 0013 8000").await;
    mei.presses("confirm").await;
    let slot = app.app.repo.slot(slot).await.unwrap().unwrap();
    let office = app
        .app
        .repo
        .offices()
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.id == slot.office_id)
        .unwrap();
    let helper = app
        .app
        .repo
        .chat_user("generic", "mei", "en")
        .await
        .unwrap();
    let booked = app
        .app
        .repo
        .appointments_of(helper.id, clock.now())
        .await
        .unwrap();
    let appointment = booked.into_iter().find(|a| a.slot.id == slot.id).unwrap();
    let d = dispatcher(&app, config());
    let store = app.app.backoffice.as_ref();
    // The day before (20 hours ahead: the previous afternoon or evening in Beijing).
    clock.set(slot.starts_at - TimeDelta::hours(20));
    visadesk_bot::notify::schedule::run_job(Job::AppointmentReminders, store, clock.now())
        .await
        .unwrap();
    drain(&d).await;
    let (day_alex, day_mei) = (
        replies_to(&fake, "alex", "appointment:"),
        replies_to(&fake, "mei", "appointment:"),
    );
    assert_eq!(
        (day_alex.len(), day_mei.len()),
        (1, 1),
        "{:?}",
        fake.received()
    );
    let text = day_mei[0]["text"].as_str().unwrap();
    assert!(
        text.starts_with(&format!(
            "Reminder: the appointment {} of Alex D************* for ",
            appointment.code
        )),
        "{text}"
    );
    assert!(text.contains(" is tomorrow, "), "{text}");
    assert!(
        text.contains(&office.name_en) && text.contains(&office.address_en),
        "{text}"
    );
    assert!(text.contains(&office.address_zh), "{text}");
    assert!(text.contains("Please bring:\n• "), "the checklist: {text}");
    let text = day_alex[0]["text"].as_str().unwrap();
    assert!(
        text.starts_with(&format!("Напоминание: ваша запись {} ", appointment.code))
            && text.contains("завтра"),
        "{text}"
    );
    let ids = |reply: &Value| -> Vec<String> {
        reply["buttons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (reschedule, cancel) = (
        format!("rs:{}", appointment.id),
        format!("cx:{}", appointment.id),
    );
    assert_eq!(ids(&day_alex[0]), [reschedule.clone(), cancel.clone()]);
    assert_eq!(ids(&day_mei[0]), [reschedule.clone(), cancel.clone()]);
    // Two hours before (an hour and a half ahead): another text, the same buttons.
    clock.set(slot.starts_at - TimeDelta::minutes(90));
    visadesk_bot::notify::schedule::run_job(Job::AppointmentReminders, store, clock.now())
        .await
        .unwrap();
    drain(&d).await;
    let soon = replies_to(&fake, "mei", "appointment:");
    assert_eq!(soon.len(), 2, "{:?}", fake.received());
    let time = slot
        .starts_at
        .with_timezone(&office.time_zone)
        .format("%H:%M");
    let text = soon[1]["text"].as_str().unwrap();
    assert!(
        text.starts_with(&format!(
            "In two hours, at {time}: the appointment {} of Alex D*************",
            appointment.code
        )),
        "{text}"
    );
    assert!(
        text.contains(&office.address_en) && text.contains("Please bring:"),
        "{text}"
    );
    assert_eq!(ids(&soon[1]), [reschedule.clone(), cancel.clone()]);
    let soon = replies_to(&fake, "alex", "appointment:");
    assert!(
        soon[1]["text"]
            .as_str()
            .unwrap()
            .starts_with("Через два часа"),
        "{soon:?}"
    );
    // The buttons work from anywhere: Alex, in his settings, reschedules from the reminder.
    alex.opens("settings").await;
    alex.presses(&reschedule).await;
    assert!(
        !alex.buttons_starting("day:").is_empty(),
        "days to move to: {}",
        alex.text()
    );
    // Mei, in hers, cancels from the reminder.
    mei.opens("settings").await;
    mei.presses(&cancel).await;
    assert!(mei.has_button("yes-cancel"), "{}", mei.text());
    mei.presses("yes-cancel").await;
    assert!(
        app.app
            .repo
            .appointments_of(helper.id, clock.now())
            .await
            .unwrap()
            .is_empty(),
        "{}",
        mei.text()
    );
}

/// Issue 19: a status change made during the quiet hours is held, and the answer says until
/// when (07:30 Beijing, the end of the quiet hours "22:00-07:30").
async fn a_change_in_the_quiet_hours_says_until_when_it_is_held(db: &TestDb) {
    // 23:30 UTC is 07:30 in Beijing; 23:00 UTC is 07:00, within 22:00-07:30.
    let clock = TestClock::starting_at("2026-11-25T23:00:00Z".parse().unwrap());
    let fake = FakeCallback::start(SECRET).await;
    let app = spawn_app_at(
        RawSettings {
            generic_secret: Some(SECRET.into()),
            generic_callback_url: Some(fake.url()),
            quiet_hours: Some("22:00-07:30".into()),
            scheduler: Some("off".into()),
            dispatcher: Some("off".into()),
            ..db.settings()
        },
        clock.clone(),
    )
    .await;
    link_in_dialogue(&app, "quinn", "en").await;
    let t = token(&app).await;
    let changed = set_status(&app, &t, json!({ "status": "approved" })).await;
    assert_eq!(changed["notifications"], 1, "{changed}");
    assert_eq!(changed["held_until"], "2026-11-25T23:30:00Z", "{changed}");
    // Outside the quiet hours nothing is held.
    clock.set("2026-11-26T02:00:00Z".parse().unwrap());
    let changed = set_ready(&app, &t).await;
    assert!(changed.get("held_until").is_none(), "{changed}");
}
