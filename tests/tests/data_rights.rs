//! A person's rights (issue 16), over the running service on both SQL backends and Redis:
//! "download my data" in the chat's settings hands the person a JSON file with everything
//! held about them and nothing of anyone else; the back-office API gives an operator the
//! same copy (`people:export`); "erase my data" (and the API's `people:erase`) leaves no row
//! of that person in any table of the schema, nor any Redis key or value naming them, while
//! the office's records stay.

use chrono::TimeDelta;
use serde_json::{Value, json};
use sqlx::Connection;
use visadesk_bot::domain::PermitKind;
use visadesk_bot::notify::{Notice, dedup_key};
use visadesk_bot::store::backoffice::PlannedNotice;
use visadesk_gateway::config::RawSettings;
use visadesk_tests::chat::{ALEX, MEI, Proof};
use visadesk_tests::generic_user::GenericUser;
use visadesk_tests::json_channel::JsonUser;
use visadesk_tests::{TestApp, TestDb, both_backends, redis_url, spawn_app};

const SECRET: &str = "rights-secret-0123456789";

async fn app_on(db: &TestDb) -> TestApp {
    spawn_app(RawSettings {
        redis_url: Some(redis_url()),
        generic_secret: Some(SECRET.into()),
        generic_rate_per_minute: Some(1000),
        ..db.settings()
    })
    .await
}

/// Answers the identity questions as `who`.
async fn proves(user: &mut GenericUser<'_>, who: Proof<'_>) {
    user.presses(&format!("nat:{}", who.nationality)).await;
    for answer in [who.passport, who.birth, who.code] {
        user.says(answer).await;
    }
}

/// The chat user behind a generic sender.
async fn user_id(app: &TestApp, sender: &str) -> i64 {
    app.app
        .repo
        .find_chat_user("generic", sender)
        .await
        .unwrap()
        .expect("a chat user")
        .id
}

/// The codes of the appointments a chat user sees.
async fn appointment_codes(app: &TestApp, sender: &str) -> Vec<String> {
    let id = user_id(app, sender).await;
    let now = app.app.clock.now();
    let seen = app.app.repo.appointments_of(id, now).await.unwrap();
    seen.into_iter().map(|a| a.code).collect()
}

/// A notice planned for the chat user behind `sender`, due now.
async fn notify(app: &TestApp, sender: &str, key: &str) {
    let id = user_id(app, sender).await;
    let now = app.app.clock.now();
    let notice = PlannedNotice {
        dedup_key: dedup_key(key, id),
        chat_user_id: id,
        applicant_id: None,
        notice: Notice::PermitExpiring {
            permit_kind: PermitKind::Visa,
            expires_on: now.date_naive() + TimeDelta::days(7),
            days: 7,
            renewal_service: "visa-extension".into(),
        },
        due_at: now + TimeDelta::days(1),
    };
    app.app.backoffice.enqueue(&[notice], now).await.unwrap();
}

/// One connection to the test database, for reading it raw (table by table).
enum Raw {
    Sqlite(sqlx::SqliteConnection),
    Postgres(sqlx::PgConnection),
}

impl Raw {
    async fn open(db: &TestDb) -> Raw {
        if db.url.starts_with("sqlite:") {
            Raw::Sqlite(sqlx::SqliteConnection::connect(&db.url).await.unwrap())
        } else {
            Raw::Postgres(sqlx::PgConnection::connect(&db.url).await.unwrap())
        }
    }

    fn is_sqlite(&self) -> bool {
        matches!(self, Raw::Sqlite(_))
    }

    /// The one text column of every row `sql` returns.
    async fn strings(&mut self, sql: &str) -> Vec<String> {
        match self {
            Raw::Sqlite(conn) => {
                sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql.to_string()))
                    .fetch_all(conn)
                    .await
            }
            Raw::Postgres(conn) => {
                sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql.to_string()))
                    .fetch_all(conn)
                    .await
            }
        }
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    async fn count(&mut self, sql: &str) -> i64 {
        match self {
            Raw::Sqlite(conn) => {
                sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.to_string()))
                    .fetch_one(conn)
                    .await
            }
            Raw::Postgres(conn) => {
                sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.to_string()))
                    .fetch_one(conn)
                    .await
            }
        }
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }
}

/// Every table of the schema, as the database lists it (so a table added later is covered).
async fn tables(db: &mut Raw) -> Vec<String> {
    let sql = if db.is_sqlite() {
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name NOT LIKE '_sqlx%' ORDER BY name"
    } else {
        "SELECT CAST(table_name AS TEXT) FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_name NOT LIKE '_sqlx%' ORDER BY 1"
    };
    db.strings(sql).await
}

/// The columns of `table`.
async fn columns(db: &mut Raw, table: &str) -> Vec<String> {
    let sql = if db.is_sqlite() {
        format!("SELECT name FROM pragma_table_info('{table}')")
    } else {
        format!(
            "SELECT CAST(column_name AS TEXT) FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = '{table}'"
        )
    };
    db.strings(&sql).await
}

/// Rows of `table` with `needle` in any column.
async fn rows_containing(db: &mut Raw, table: &str, needle: &str) -> i64 {
    let checks: Vec<String> = columns(db, table)
        .await
        .iter()
        .map(|c| format!("CAST({c} AS TEXT) LIKE '%{needle}%'"))
        .collect();
    db.count(&format!(
        "SELECT COUNT(*) FROM {table} WHERE {}",
        checks.join(" OR ")
    ))
    .await
}

/// How each table can hold a chat user's rows: `Some(condition)` selects the rows of chat
/// user `{u}` (external id `{x}`, proved applicant `{a}`); `None` for tables that hold no
/// chat user's data (reference data, office records, tokens, job leases). A table missing
/// here fails the test: whoever adds one decides what erasure does with it.
fn person_rows(table: &str) -> Option<Option<&'static str>> {
    Some(match table {
        "chat_users" => Some("id = {u}"),
        "channel_identities" => Some("chat_user_id = {u} OR external_id = '{x}'"),
        "applicant_links" => Some("chat_user_id = {u}"),
        "delegations" => Some("helper_chat_user = {u} OR revoked_by = {u} OR applicant_id = {a}"),
        "appointments" => Some("chat_user_id = {u}"),
        "outbox" => Some("chat_user_id = {u}"),
        "deliveries" => Some("external_id = '{x}'"),
        "application_watchers" => Some("chat_user_id = {u}"),
        "channel_link_codes" => Some("chat_user_id = {u}"),
        "family_invitations" => Some("inviter = {u} OR accepted_by = {u}"),
        "slot_waiters" => Some("chat_user_id = {u}"),
        "proof_attempts" => Some("subject = 'user:{u}'"),
        "audit_log" => Some(
            "(actor_kind = 'chat_user' AND actor = '{u}') \
             OR subject IN ('chat_user:{u}', 'helper:{u}')",
        ),
        "seen_updates" => Some("update_key LIKE '%{x}%'"),
        // Office records: they stay (counted before and after).
        "applicants"
        | "applications"
        | "application_status_history"
        | "residence_permits"
        | "pr_permits"
        | "passports"
        | "e_documents"
        | "link_codes" => None,
        // Reference data, tokens, job leases.
        "offices" | "office_hours" | "office_services" | "services" | "service_documents"
        | "public_holidays" | "office_closures" | "slots" | "api_tokens" | "scheduler_jobs" => None,
        _ => return None,
    })
}

const OFFICE_RECORDS: &[&str] = &[
    "applicants",
    "applications",
    "application_status_history",
    "residence_permits",
    "pr_permits",
    "passports",
    "e_documents",
    "appointments",
];

async fn office_record_counts(db: &TestDb) -> Vec<i64> {
    let mut raw = Raw::open(db).await;
    let mut counts = Vec::new();
    for table in OFFICE_RECORDS {
        counts.push(raw.count(&format!("SELECT COUNT(*) FROM {table}")).await);
    }
    counts
}

/// Asserts that no table holds a row of chat user `u` (external id `x`, who proved to be
/// applicant `a`): each by its own condition, and every column of every table for `x`.
async fn nothing_left_of(db: &TestDb, u: i64, x: &str, a: i64) {
    let db = &mut Raw::open(db).await;
    for table in tables(db).await {
        let rule = person_rows(&table).unwrap_or_else(|| {
            panic!("table {table} is new: say in person_rows whether it holds a person's rows")
        });
        if let Some(condition) = rule {
            let condition = condition
                .replace("{u}", &u.to_string())
                .replace("{x}", x)
                .replace("{a}", &a.to_string());
            let left = db
                .count(&format!("SELECT COUNT(*) FROM {table} WHERE {condition}"))
                .await;
            assert_eq!(
                left, 0,
                "{table} still holds {left} rows of the erased person"
            );
        }
        assert_eq!(
            rows_containing(db, &table, x).await,
            0,
            "{table} still names the erased person"
        );
    }
}

/// Redis keys (under the service's prefix) and string values that contain `needle`.
async fn redis_mentions(needle: &str) -> Vec<String> {
    let client = redis::Client::open(redis_url()).unwrap();
    let mut conn = client.get_multiplexed_async_connection().await.unwrap();
    let mut found = Vec::new();
    let mut cursor = 0u64;
    loop {
        let (next, keys): (u64, Vec<String>) = redis::cmd("SCAN")
            .arg(cursor)
            .arg("MATCH")
            .arg("visadesk:*")
            .arg("COUNT")
            .arg(1000)
            .query_async(&mut conn)
            .await
            .unwrap();
        for key in keys {
            if key.contains(needle) {
                found.push(key);
                continue;
            }
            let value: Result<Option<Vec<u8>>, _> =
                redis::cmd("GET").arg(&key).query_async(&mut conn).await;
            if let Ok(Some(value)) = value
                && String::from_utf8_lossy(&value).contains(needle)
            {
                found.push(format!("value of {key}"));
            }
        }
        if next == 0 {
            return found;
        }
        cursor = next;
    }
}

/// Posts `body` to an admin path with a bearer token.
async fn admin(app: &TestApp, token: &str, path: &str, body: Value) -> (u16, Value) {
    let response = app
        .client
        .post(app.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// The people of the story: Alex (generic sender `alex-<run>`), who booked, proved to be
/// the demo applicant ALEX, watches his application, lets Mei act for him, holds a code to
/// link another chat and has a notice waiting; and Mei (`mei-<run>`), who proved to be MEI and booked too.
struct Story<'a> {
    alex: GenericUser<'a>,
    alex_id: String,
    mei_id: String,
    alex_code: String,
    mei_code: String,
}

async fn story(app: &TestApp) -> Story<'_> {
    let run = uuid::Uuid::new_v4().simple().to_string();
    let (alex_id, mei_id) = (format!("alex-{run}"), format!("mei-{run}"));
    let mut alex = GenericUser::new(app, &alex_id, &alex_id).speaking("en");
    alex.says("/start").await;
    alex.books_first_slot("Alex Example", "ALEXPASS01", "+86 138 0013 8001")
        .await;
    alex.presses("menu").await;
    alex.presses("progress").await;
    proves(&mut alex, ALEX).await;
    alex.presses_first("watch:").await;
    notify(app, &alex_id, "permits:alex").await;

    let mut mei = GenericUser::new(app, &mei_id, &mei_id).speaking("en");
    mei.says("/start").await;
    mei.books_first_slot("Mei Example", "MEIPASS01", "+86 138 0013 8002")
        .await;
    mei.presses("menu").await;
    mei.presses("pr").await;
    proves(&mut mei, MEI).await;
    notify(app, &mei_id, "permits:mei").await;
    // Mei invites Alex to let her act for him; he accepts.
    mei.presses("menu").await;
    mei.presses("family").await;
    mei.presses("family-invite").await;
    let code = mei
        .last
        .text()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| {
            w.len() == 8
                && w.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
        .unwrap_or_else(|| panic!("an invitation code in {:?}", mei.last))
        .to_string();
    alex.presses("menu").await;
    alex.presses("family").await;
    alex.presses("family-accept").await;
    alex.says(&code).await;
    // A code to link another chat of his, left unused.
    alex.presses("menu").await;
    alex.presses("settings").await;
    alex.presses("link-channel").await;

    let alex_code = appointment_codes(app, &alex_id)
        .await
        .pop()
        .expect("Alex booked");
    let mei_code = appointment_codes(app, &mei_id)
        .await
        .pop()
        .expect("Mei booked");
    Story {
        alex,
        alex_id,
        mei_id,
        alex_code,
        mei_code,
    }
}

/// What an export of Alex must hold, and must not.
fn holds_alex_and_nobody_else(export: &Value, s: &Story<'_>) {
    let text = export.to_string();
    let identities = &export["channel_identities"];
    assert_eq!(identities[0]["external_id"], json!(s.alex_id), "{export:#}");
    let applicants = export["applicants"].as_array().expect("applicants");
    assert_eq!(applicants.len(), 1, "{export:#}");
    assert_eq!(applicants[0]["passport_no"], json!(ALEX.passport));
    assert_eq!(applicants[0]["birth_date"], json!(ALEX.birth));
    assert!(
        applicants[0]["applications"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["receipt_no"] == json!(ALEX.code)),
        "{export:#}"
    );
    let appointments = export["appointments"].as_array().unwrap();
    let booked = appointments
        .iter()
        .find(|a| a["code"] == json!(s.alex_code))
        .unwrap_or_else(|| panic!("Alex's appointment in {export:#}"));
    assert_eq!(booked["passport_no"], json!("ALEXPASS01"));
    assert_eq!(booked["phone"], json!("+8613800138001"));
    assert_eq!(booked["full_name"], json!("Alex Example"));
    let delegations = export["delegations"].as_array().unwrap();
    assert!(
        delegations
            .iter()
            .any(|d| d["role"] == json!("granted") && d["method"] == json!("invitation")),
        "{export:#}"
    );
    assert_eq!(export["watched_applications"].as_array().unwrap().len(), 1);
    assert!(
        export["notifications"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == json!("permit_expiring")),
        "{export:#}"
    );
    let actions: Vec<&str> = export["audit_lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["action"].as_str())
        .collect();
    assert!(actions.contains(&"link"), "{actions:?}");
    for other in [
        s.mei_id.as_str(),
        MEI.passport,
        "MEIPASS01",
        "Mei Example",
        s.mei_code.as_str(),
    ] {
        assert!(
            !text.contains(other),
            "the export names {other}: {export:#}"
        );
    }
}

/// The chat's "download my data" and the API's export hold everything of Alex and nothing
/// of Mei; erasing Alex in the chat leaves nothing of him in any table or in Redis, and the
/// office's records stay; the API erases Mei the same way.
async fn a_person_gets_a_copy_and_erasing_leaves_nothing(db: &TestDb) {
    let app = app_on(db).await;
    let mut s = story(&app).await;
    let alex_user = user_id(&app, &s.alex_id).await;
    let alex_record = visadesk_tests::applicant(app.app.repo.as_ref(), "DEU", ALEX.passport)
        .await
        .id;

    // In the chat: the summary and the file.
    s.alex.presses("menu").await;
    s.alex.presses("settings").await;
    assert!(s.alex.last.has_button("my-data") && s.alex.last.has_button("erase"));
    s.alex.presses("my-data").await;
    let document = s.alex.last.document().expect("a file").clone();
    assert_eq!(document["content_type"], json!("application/json"));
    assert!(
        s.alex.last.text().contains("JSON"),
        "a summary: {:?}",
        s.alex.last
    );
    let url = document["url"].as_str().unwrap();
    let path = &url[url.find("/files/").expect("a download link")..];
    let file = app.get(path).await;
    assert_eq!(file.status().as_u16(), 200);
    let from_chat: Value = file.json().await.unwrap();
    holds_alex_and_nobody_else(&from_chat, &s);

    // The operator's copy: the same things, audited.
    let reader = app.token("dpo-reader", &["people:export"], None).await;
    let alex_ref = json!({ "channel": "generic", "external_id": s.alex_id });
    let (status, from_api) = admin(
        &app,
        &reader,
        "/api/v1/admin/people/export",
        alex_ref.clone(),
    )
    .await;
    assert_eq!(status, 200, "{from_api}");
    holds_alex_and_nobody_else(&from_api, &s);
    assert!(db.audited("people-export", "exported").await);
    let (status, _) = admin(
        &app,
        &reader,
        "/api/v1/admin/people/erase",
        alex_ref.clone(),
    )
    .await;
    assert_eq!(status, 403, "export is not erase");
    let limited = app
        .token("desk", &["people:export"], Some(&["beijing-andingmen"]))
        .await;
    let (status, _) = admin(&app, &limited, "/api/v1/admin/people/export", alex_ref).await;
    assert_eq!(status, 403, "a person is not one office's");
    let (status, _) = admin(
        &app,
        &reader,
        "/api/v1/admin/people/export",
        json!({ "channel": "generic", "external_id": "nobody-here" }),
    )
    .await;
    assert_eq!(status, 404);
    let (status, body) = admin(
        &app,
        &reader,
        "/api/v1/admin/people/export",
        json!({ "channel": "fax", "external_id": "1" }),
    )
    .await;
    assert_eq!((status, body["field"].clone()), (422, json!("channel")));

    let codes = format!("SELECT COUNT(*) FROM channel_link_codes WHERE chat_user_id = {alex_user}");
    assert_eq!(
        Raw::open(db).await.count(&codes).await,
        1,
        "Alex holds a channel code"
    );

    // Erasing in the chat: asked first, and told plainly that the office's records stay.
    let office_before = office_record_counts(db).await;
    s.alex.presses("menu").await;
    s.alex.presses("settings").await;
    s.alex.presses("erase").await;
    assert!(s.alex.shows("settings-erase-confirm"), "{:?}", s.alex.last);
    assert!(s.alex.last.text().contains("office"));
    s.alex.presses("erase-yes").await;
    assert!(s.alex.shows("settings-erased"), "{:?}", s.alex.last);

    nothing_left_of(db, alex_user, &s.alex_id, alex_record).await;
    assert_eq!(
        office_record_counts(db).await,
        office_before,
        "office records stay"
    );
    let kept = format!(
        "SELECT COUNT(*) FROM appointments WHERE code = '{}' AND status = 'booked'",
        s.alex_code
    );
    assert_eq!(
        Raw::open(db).await.count(&kept).await,
        1,
        "Alex's appointment stays with the office"
    );
    assert!(db.audited("erase-personal-data", "erased").await);
    assert_eq!(redis_mentions(&s.alex_id).await, Vec::<String>::new());
    // Mei keeps all she had.
    assert_eq!(
        appointment_codes(&app, &s.mei_id).await,
        [s.mei_code.clone()]
    );

    // The operator erases Mei.
    let mei_user = user_id(&app, &s.mei_id).await;
    let mei_record = visadesk_tests::applicant(app.app.repo.as_ref(), "CAN", MEI.passport)
        .await
        .id;
    let eraser = app.token("dpo-eraser", &["people:erase"], None).await;
    let mei_ref = json!({ "channel": "generic", "external_id": s.mei_id });
    let (status, erased) =
        admin(&app, &eraser, "/api/v1/admin/people/erase", mei_ref.clone()).await;
    assert_eq!(status, 200, "{erased}");
    assert_eq!(erased["chat_users"], json!(1));
    assert_eq!(erased["appointments_detached"], json!(1));
    assert!(db.audited("people-erase", "erased").await);
    nothing_left_of(db, mei_user, &s.mei_id, mei_record).await;
    assert_eq!(redis_mentions(&s.mei_id).await, Vec::<String>::new());
    let (status, _) = admin(&app, &eraser, "/api/v1/admin/people/erase", mei_ref).await;
    assert_eq!(status, 404, "nothing left to erase");
    assert_eq!(
        office_record_counts(db).await,
        office_before,
        "office records stay"
    );
}

/// On WhatsApp the adapter reads the user's language after the turn: reading it must not
/// store the erased person again (their phone number in `channel_identities`), and their
/// customer-service window goes with them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn erasing_on_whatsapp_leaves_no_number_behind() {
    use visadesk_tests::fake_whatsapp::{APP_SECRET, FakeWhatsApp, PHONE_ID, TOKEN};
    use visadesk_tests::whatsapp_user::WhatsAppUser;
    let db = TestDb::sqlite().await;
    let fake = FakeWhatsApp::start().await;
    let app = spawn_app(RawSettings {
        redis_url: Some(redis_url()),
        whatsapp_verify_token: Some("verify-me".into()),
        whatsapp_app_secret: Some(APP_SECRET.into()),
        whatsapp_access_token: Some(TOKEN.into()),
        whatsapp_phone_number_id: Some(PHONE_ID.into()),
        whatsapp_api_url: Some(fake.url()),
        ..db.settings()
    })
    .await;
    let number = format!("86139{:08}", rand_digits());
    let mut ana = WhatsAppUser::new(&app, &fake, &number);
    ana.says("/start").await;
    ana.says("10").await;
    ana.chooses("erase").await;
    ana.chooses("erase-yes").await;
    let erased = app.app.texts.text("en", "settings-erased", &[]);
    assert!(
        ana.texts().iter().any(|t| t.contains(&erased)),
        "{:?}",
        ana.texts()
    );
    let stored = app
        .app
        .repo
        .find_chat_user("whatsapp", &number)
        .await
        .unwrap();
    assert!(stored.is_none(), "the erased number is stored again");
    assert_eq!(redis_mentions(&number).await, Vec::<String>::new());
}

/// Eight digits that differ from run to run.
fn rand_digits() -> u64 {
    u64::from(uuid::Uuid::new_v4().as_fields().0) % 100_000_000
}

both_backends!(a_person_gets_a_copy_and_erasing_leaves_nothing);
