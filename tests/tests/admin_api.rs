//! The back-office API over HTTP on SQLite and PostgreSQL: bearer tokens (401 missing,
//! unknown or revoked; 403 wrong scope or office), validation (400 broken JSON, 422 naming
//! the field), illegal status transitions (409), creating applications, and a status change
//! that writes its outbox rows and audit line with the token's name.

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};
use visadesk_bot::domain::{Nationality, OfficeId, PassportNo, Personal, SlotGroup};
use visadesk_bot::store::{
    BookingLimits, BookingOutcome, IdentityClaim, IdentityProof, NewAppointment, PgRepository,
    SqliteRepository,
};
use visadesk_gateway::config::RawSettings;
use visadesk_tests::{TestApp, TestDb, beijing_date, both_backends, spawn_app};

both_backends!(
    tokens_are_checked_for_presence_scope_and_office,
    bad_input_gets_400_or_422_naming_the_field,
    a_value_the_database_refuses_is_422_without_the_database_text,
    an_illegal_transition_is_409_and_changes_nothing,
    applications_are_created_once,
    a_status_change_plans_one_notification_per_recipient_and_is_audited,
    slots_are_generated_resized_and_a_closed_day_cancels_and_notifies,
    records_come_by_import_link_codes_are_issued_and_e_documents_revoked,
);

const RECEIPT: &str = "DEMO-2026-000001";

pub async fn app_on(db: &TestDb) -> TestApp {
    spawn_app(RawSettings { ..db.settings() }).await
}

async fn post(app: &TestApp, path: &str, token: Option<&str>, body: &str) -> (StatusCode, Value) {
    let mut request = app
        .client
        .post(app.url(path))
        .header("content-type", "application/json")
        .body(body.to_string());
    if let Some(t) = token {
        request = request.bearer_auth(t);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn send(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: &str,
    content_type: &str,
    body: &str,
) -> (StatusCode, Value) {
    let response = app
        .client
        .request(method, app.url(path))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn get(app: &TestApp, path: &str, token: &str) -> (StatusCode, Value) {
    let response = app
        .client
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn status_path(receipt: &str) -> String {
    format!("/api/v1/admin/applications/{receipt}/status")
}

fn ready_body() -> String {
    let from = Utc::now() + Duration::days(1);
    json!({
        "status": "ready_for_pickup",
        "note": "Window 5",
        "pickup": {
            "place": "Andingmen hall, window 5",
            "from": from,
            "until": from + Duration::days(14),
            "bring": "passport and acceptance slip"
        }
    })
    .to_string()
}

async fn tokens_are_checked_for_presence_scope_and_office(db: &TestDb) {
    let app = app_on(db).await;
    let writer = app
        .token(
            "beijing-desk",
            &["applications:write"],
            Some(&["beijing-andingmen"]),
        )
        .await;
    let reader = app.token("auditor", &["audit:read"], None).await;
    let elsewhere = app
        .token(
            "shanghai-desk",
            &["applications:write"],
            Some(&["shanghai-minsheng"]),
        )
        .await;
    let body = json!({ "status": "approved" }).to_string();
    let path = status_path(RECEIPT);

    let (status, error) = post(&app, &path, None, &body).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(error["error"], "unauthorized");
    let (status, _) = post(&app, &path, Some("vdk_not-a-real-token"), &body).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, error) = post(&app, &path, Some(&reader), &body).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{error}");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("applications:write")
    );
    let (status, error) = post(&app, &path, Some(&elsewhere), &body).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{error}");
    let (status, _) = get(&app, "/api/v1/admin/audit", &writer).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, changed) = post(&app, &path, Some(&writer), &body).await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["application"]["status"], "approved");

    assert!(
        app.app
            .backoffice
            .revoke_token("beijing-desk", Utc::now())
            .await
            .unwrap()
    );
    let (status, _) = post(&app, &path, Some(&writer), &body).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "a revoked token stops at once"
    );
    let listed = app.app.backoffice.tokens().await.unwrap();
    assert_eq!(listed.len(), 3);
    assert!(
        listed
            .iter()
            .all(|t| !format!("{t:?}").contains(&writer[4..]))
    );
}

async fn bad_input_gets_400_or_422_naming_the_field(db: &TestDb) {
    let app = app_on(db).await;
    let t = app.token("desk", &["applications:write"], None).await;
    let path = status_path(RECEIPT);
    let (status, error) = post(&app, &path, Some(&t), "{\"status\": ").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{error}");
    assert_eq!(error["error"], "invalid_json");
    let cases = [
        (json!({}), "status"),
        (json!({ "status": "lost_in_space" }), "status"),
        (json!({ "status": "approved", "colour": "red" }), "colour"),
        (json!("approved"), "body"),
        (json!({ "status": "ready_for_pickup" }), "pickup"),
        (json!({ "status": "approved", "note": "" }), "note"),
        (
            json!({ "status": "ready_for_pickup", "pickup": { "place": "Hall", "from": "2026-12-01T01:00:00Z" } }),
            "pickup.until",
        ),
        (
            json!({ "status": "ready_for_pickup", "pickup": { "place": "Hall", "from": "2026-12-02T01:00:00Z", "until": "2026-12-01T01:00:00Z" } }),
            "pickup.until",
        ),
        (
            json!({ "status": "ready_for_pickup", "pickup": { "place": "Hall", "from": "tomorrow", "until": "2026-12-01T01:00:00Z" } }),
            "pickup.from",
        ),
        (
            json!({ "status": "approved", "pickup": { "place": "Hall", "from": "2026-12-01T01:00:00Z", "until": "2026-12-02T01:00:00Z" } }),
            "pickup",
        ),
    ];
    for (body, field) in cases {
        let (status, error) = post(&app, &path, Some(&t), &body.to_string()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body} → {error}");
        assert_eq!(error["field"], field, "{body} → {error}");
    }
    let (status, error) = post(
        &app,
        &status_path("no"),
        Some(&t),
        "{\"status\":\"approved\"}",
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["field"], "receipt_no");
    let (status, _) = post(
        &app,
        &status_path("NOPE-0000000"),
        Some(&t),
        "{\"status\":\"approved\"}",
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, error) = get(
        &app,
        "/api/v1/admin/outbox?state=lost",
        &app.token("ops", &["outbox:read"], None).await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["field"], "state");
    // Nothing of the above changed the application.
    let (_, shown) = get(&app, &format!("/api/v1/admin/applications/{RECEIPT}"), &t).await;
    assert_eq!(shown["status"], "in_review");
}

/// PostgreSQL refuses a NUL character in text; the caller learns which request was refused,
/// never the database's own message (which names tables, columns and encodings).
async fn a_value_the_database_refuses_is_422_without_the_database_text(db: &TestDb) {
    let app = app_on(db).await;
    let t = app.token("records", &["records:write"], None).await;
    let applicants = json!([{
        "full_name": "Kim\u{0}Imported", "nationality": "KOR", "passport_no": "M12345678",
        "birth_date": "1992-04-05"
    }])
    .to_string();
    let (status, answer) = send(
        &app,
        reqwest::Method::POST,
        "/api/v1/admin/import/applicants",
        &t,
        "application/json",
        &applicants,
    )
    .await;
    assert!(
        status == StatusCode::OK || status == StatusCode::UNPROCESSABLE_ENTITY,
        "{status} {answer}"
    );
    let text = answer.to_string().to_lowercase();
    for word in ["database", "sqlx", "byte sequence", "0x00", "encoding"] {
        assert!(!text.contains(word), "{word} in {answer}");
    }
}

async fn an_illegal_transition_is_409_and_changes_nothing(db: &TestDb) {
    let app = app_on(db).await;
    let t = app
        .token("desk", &["applications:write", "audit:read"], None)
        .await;
    let path = status_path(RECEIPT);
    let (status, _) = post(&app, &path, Some(&t), &ready_body()).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = post(&app, &path, Some(&t), "{\"status\":\"collected\"}").await;
    assert_eq!(status, StatusCode::OK);
    let before = app.app.repo.counts().await.unwrap()["application_status_history"];
    let (status, error) = post(&app, &path, Some(&t), "{\"status\":\"in_review\"}").await;
    assert_eq!(status, StatusCode::CONFLICT, "{error}");
    assert!(error["message"].as_str().unwrap().contains("collected"));
    let counts = app.app.repo.counts().await.unwrap();
    assert_eq!(counts["application_status_history"], before);
    let (_, audit) = get(&app, "/api/v1/admin/audit?limit=10", &t).await;
    assert_eq!(audit[0]["outcome"], "illegal-transition");
    assert_eq!(audit[0]["actor"], "desk");
}

async fn applications_are_created_once(db: &TestDb) {
    let app = app_on(db).await;
    let t = app
        .token(
            "desk",
            &["applications:write"],
            Some(&["beijing-andingmen"]),
        )
        .await;
    let body = json!({
        "receipt_no": "BJ-2026-000777",
        "nationality": "DEU",
        "passport_no": "DEMO00001",
        "service": "residence-renewal",
        "office": "beijing-andingmen",
        "submitted_at": "2026-11-20T02:00:00Z"
    });
    let (status, created) = post(
        &app,
        "/api/v1/admin/applications",
        Some(&t),
        &body.to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["status"], "received");
    assert_eq!(created["history"].as_array().unwrap().len(), 1);
    let (status, _) = post(
        &app,
        "/api/v1/admin/applications",
        Some(&t),
        &body.to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let mut unknown = body.clone();
    unknown["receipt_no"] = json!("BJ-2026-000778");
    unknown["passport_no"] = json!("NOBODY001");
    let (status, error) = post(
        &app,
        "/api/v1/admin/applications",
        Some(&t),
        &unknown.to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["field"], "passport_no");
    let mut bad = body.clone();
    bad["nationality"] = json!("Germany");
    let (status, error) = post(
        &app,
        "/api/v1/admin/applications",
        Some(&t),
        &bad.to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["field"], "nationality");
    let mut other_office = body.clone();
    other_office["office"] = json!("shanghai-minsheng");
    let (status, _) = post(
        &app,
        "/api/v1/admin/applications",
        Some(&t),
        &other_office.to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let audit = app.app.repo.audit_log(5).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.action == "application-create" && a.actor == "desk")
    );
}

async fn a_status_change_plans_one_notification_per_recipient_and_is_audited(db: &TestDb) {
    let app = app_on(db).await;
    let t = app
        .token("desk", &["applications:write", "outbox:read"], None)
        .await;
    let repo = &app.app.repo;
    let applicant = repo
        .applicant_by_passport(
            &"DEU".parse::<Nationality>().unwrap(),
            &"DEMO00001".parse::<PassportNo>().unwrap(),
        )
        .await
        .unwrap()
        .unwrap();
    // Two people linked to the applicant (one on two channels), one stranger.
    let alice = repo.chat_user("generic", "alice", "ru").await.unwrap();
    let bob = repo.chat_user("telegram", "42", "en").await.unwrap();
    repo.chat_user("generic", "stranger", "en").await.unwrap();
    repo.link_applicant(alice.id, applicant.id, "receipt", Utc::now())
        .await
        .unwrap();
    repo.link_applicant(bob.id, applicant.id, "link_code", Utc::now())
        .await
        .unwrap();
    // A helper with an active delegation is told too; one whose delegation was revoked is not.
    let helper = repo.chat_user("generic", "helper", "en").await.unwrap();
    let former = repo
        .chat_user("generic", "former-helper", "en")
        .await
        .unwrap();
    insert_delegation(&db.url, helper.id, applicant.id, false).await;
    insert_delegation(&db.url, former.id, applicant.id, true).await;

    let (status, changed) = post(&app, &status_path(RECEIPT), Some(&t), &ready_body()).await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["notifications"], 3);
    assert_eq!(
        changed["application"]["pickup"]["place"],
        "Andingmen hall, window 5"
    );
    let (_, outbox) = get(&app, "/api/v1/admin/outbox?state=pending", &t).await;
    let rows = outbox.as_array().unwrap();
    assert_eq!(rows.len(), 3, "{outbox}");
    assert!(rows.iter().all(|r| r["kind"] == "status_changed"));
    let audit = repo.audit_log(5).await.unwrap();
    let line = audit
        .iter()
        .find(|a| a.action == "application-status")
        .unwrap();
    assert_eq!(line.actor, "desk");
    assert_eq!(line.actor_kind, "api-token");
    assert_eq!(line.outcome, "ready_for_pickup");
}

async fn slots_are_generated_resized_and_a_closed_day_cancels_and_notifies(db: &TestDb) {
    let app = app_on(db).await;
    let t = app
        .token(
            "calendar",
            &["slots:write", "outbox:read"],
            Some(&["beijing-andingmen"]),
        )
        .await;
    let office: OfficeId = "beijing-andingmen".parse().unwrap();
    let from = beijing_date(Utc::now()) + Duration::days(90);
    let to = from + Duration::days(6);
    let path = "/api/v1/admin/offices/beijing-andingmen/slots/generate";
    let body = json!({ "from": from, "to": to, "slot_minutes": 60, "capacity": 2 }).to_string();
    let (status, generated) = post(&app, path, Some(&t), &body).await;
    assert_eq!(status, StatusCode::OK, "{generated}");
    assert!(generated["created"].as_u64().unwrap() > 0, "{generated}");
    let (_, again) = post(&app, path, Some(&t), &body).await;
    assert_eq!(again["created"], 0, "existing slots are left alone");
    let (status, error) = post(
        &app,
        path,
        Some(&t),
        &json!({ "from": to, "to": from }).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["field"], "to");
    let (status, _) = post(
        &app,
        "/api/v1/admin/offices/shanghai-minsheng/slots/generate",
        Some(&t),
        &body,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let range_end = (to + Duration::days(1))
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    let slot = app
        .app
        .repo
        .slots(
            &office,
            SlotGroup::Residence,
            from.and_hms_opt(0, 0, 0).unwrap().and_utc(),
            range_end,
        )
        .await
        .unwrap()
        .into_iter()
        .next()
        .expect("a generated residence slot");
    assert_eq!(slot.capacity, 2);
    let holder = app
        .app
        .repo
        .chat_user("generic", "holder", "zh-CN")
        .await
        .unwrap();
    let booked = app
        .app
        .repo
        .book(
            &NewAppointment {
                slot_id: slot.id,
                service: "residence-renewal".parse().unwrap(),
                chat_user_id: holder.id,
                full_name: Personal::new("Holder Example".into()),
                nationality: "DEU".parse().unwrap(),
                passport_no: "E55555555".parse().unwrap(),
                phone: Personal::new("13800138000".into()),
            },
            BookingLimits::default(),
            Utc::now(),
        )
        .await
        .unwrap();
    assert!(matches!(booked, BookingOutcome::Booked(_)));
    let slot_path = format!("/api/v1/admin/slots/{}", slot.id);
    let (status, error) = send(
        &app,
        reqwest::Method::PATCH,
        &slot_path,
        &t,
        "application/json",
        "{\"capacity\": 0}",
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{error}");
    let (status, changed) = send(
        &app,
        reqwest::Method::PATCH,
        &slot_path,
        &t,
        "application/json",
        "{\"capacity\": 1}",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(
        app.app.repo.slot(slot.id).await.unwrap().unwrap().capacity,
        1
    );

    let day = slot
        .starts_at
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive();
    let (status, closed) = post(
        &app,
        "/api/v1/admin/offices/beijing-andingmen/closures",
        Some(&t),
        &json!({ "day": day, "reason": "Building maintenance" }).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{closed}");
    assert_eq!(closed["cancelled"], 1);
    assert_eq!(closed["notifications"], 1);
    assert!(
        app.app
            .repo
            .appointments_of(holder.id, Utc::now())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        app.app.repo.slot(slot.id).await.unwrap().unwrap().free(),
        0,
        "the closed day takes no bookings"
    );
    let (status, _) = get(&app, "/api/v1/admin/outbox", &t).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "the outbox spans every office"
    );
    let ops = app.token("ops", &["outbox:read", "audit:read"], None).await;
    let (_, outbox) = get(&app, "/api/v1/admin/outbox", &ops).await;
    assert_eq!(outbox[0]["kind"], "appointment_cancelled", "{outbox}");
    // The closure is part of the working calendar from now on.
    let calendar = app.app.repo.working_calendar(day, day).await.unwrap();
    assert!(!calendar.is_working_day(&office, day));
    // The audit log, filtered.
    let (status, lines) = get(&app, "/api/v1/admin/audit?actor=calendar&limit=50", &ops).await;
    assert_eq!(status, StatusCode::OK, "{lines}");
    let actions: Vec<&str> = lines
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["action"].as_str().unwrap())
        .collect();
    for action in ["office-close-day", "slot-capacity", "slots-generate"] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
    assert!(
        lines
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["actor"] == "calendar")
    );
    let (_, closed_lines) = get(
        &app,
        &format!(
            "/api/v1/admin/audit?action=office-close-day&subject=office:beijing-andingmen:{day}"
        ),
        &ops,
    )
    .await;
    assert_eq!(closed_lines.as_array().unwrap().len(), 1, "{closed_lines}");
    let (_, none) = get(
        &app,
        "/api/v1/admin/audit?actor=calendar&since=2099-01-01T00:00:00Z",
        &ops,
    )
    .await;
    assert_eq!(none, json!([]));
    let (status, error) = get(&app, "/api/v1/admin/audit?since=0001-01-01T00:00:00Z", &ops).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
}

async fn insert_delegation(url: &str, helper: i64, applicant: i64, revoked: bool) {
    let sql = "INSERT INTO delegations (helper_chat_user, applicant_id, scope, granted_at, revoked_at) VALUES ($1, $2, 'all', $3, $4)";
    let revoked_at = revoked.then(Utc::now);
    if url.starts_with("sqlite") {
        let repo = SqliteRepository::connect(url, std::time::Duration::from_secs(5))
            .await
            .unwrap();
        sqlx::query(sql)
            .bind(helper)
            .bind(applicant)
            .bind(Utc::now())
            .bind(revoked_at)
            .execute(repo.pool())
            .await
            .unwrap();
    } else {
        let repo = PgRepository::connect(url, std::time::Duration::from_secs(5))
            .await
            .unwrap();
        sqlx::query(sql)
            .bind(helper)
            .bind(applicant)
            .bind(Utc::now())
            .bind(revoked_at)
            .execute(repo.pool())
            .await
            .unwrap();
    }
}

async fn insert_e_document(url: &str, id: &str, applicant_id: i64) {
    let sql = "INSERT INTO e_documents (id, kind, applicant_id, payload, signature, issued_at) VALUES ($1, 'passport', $2, '{}', 'sig', $3)";
    if url.starts_with("sqlite") {
        let repo = SqliteRepository::connect(url, std::time::Duration::from_secs(5))
            .await
            .unwrap();
        sqlx::query(sql)
            .bind(id)
            .bind(applicant_id)
            .bind(Utc::now())
            .execute(repo.pool())
            .await
            .unwrap();
    } else {
        let repo = PgRepository::connect(url, std::time::Duration::from_secs(5))
            .await
            .unwrap();
        sqlx::query(sql)
            .bind(id)
            .bind(applicant_id)
            .bind(Utc::now())
            .execute(repo.pool())
            .await
            .unwrap();
    }
}

async fn records_come_by_import_link_codes_are_issued_and_e_documents_revoked(db: &TestDb) {
    let app = app_on(db).await;
    let records = app
        .token("records", &["records:write", "offices:write"], None)
        .await;
    let limited = app
        .token("limited", &["records:write"], Some(&["beijing-andingmen"]))
        .await;
    let applicants = json!([{
        "full_name": "Kim Imported", "nationality": "KOR", "passport_no": "M12345678", "birth_date": "1992-04-05",
        "permits": [{ "kind": "visa", "permit_type": "Z", "number": "V2026000123", "issued_on": "2026-01-05",
                      "expires_on": "2027-01-04", "entries": "multiple" }]
    }])
    .to_string();
    let path = "/api/v1/admin/import/applicants";
    let post_as = |token: String, content_type: &'static str, body: String| {
        let app = &app;
        async move {
            send(
                app,
                reqwest::Method::POST,
                path,
                &token,
                content_type,
                &body,
            )
            .await
        }
    };
    let (status, imported) = post_as(records.clone(), "application/json", applicants.clone()).await;
    assert_eq!(status, StatusCode::OK, "{imported}");
    assert_eq!(imported["inserted"], 1);
    let (_, again) = post_as(records.clone(), "application/json", applicants.clone()).await;
    assert_eq!(again["unchanged"], 1, "imports are idempotent");
    let csv =
        "full_name,nationality,passport_no,birth_date\nAnn Example,DEU,E12345678,1991-02-30\n"
            .to_string();
    let (status, error) = post_as(records.clone(), "text/csv", csv).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
    assert_eq!(error["field"], "birth_date");
    assert!(
        error["message"].as_str().unwrap().contains("line 2"),
        "{error}"
    );
    let (status, _) = post_as(limited.clone(), "application/json", applicants.clone()).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "an office-limited token cannot import"
    );
    let (status, _) = post_as(records.clone(), "text/plain", applicants.clone()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = send(
        &app,
        reqwest::Method::POST,
        "/api/v1/admin/import/planets",
        &records,
        "application/json",
        "[]",
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // One office updated in place.
    let mut office: Value =
        serde_json::from_str::<Vec<Value>>(include_str!("../../deploy/seed/offices.json")).unwrap()
            [0]
        .clone();
    office["phone"] = json!("+86 10 0000 0000");
    let (status, updated) = send(
        &app,
        reqwest::Method::PUT,
        "/api/v1/admin/offices/beijing-andingmen",
        &records,
        "application/json",
        &office.to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["updated"], 1);
    let (status, error) = send(
        &app,
        reqwest::Method::PUT,
        "/api/v1/admin/offices/shanghai-minsheng",
        &records,
        "application/json",
        &office.to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["field"], "id");

    // A link code proves identity once.
    let (status, issued) = post(
        &app,
        "/api/v1/admin/link-codes",
        Some(&records),
        &json!({ "nationality": "KOR", "passport_no": "M12345678" }).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{issued}");
    let code = issued["code"].as_str().unwrap().to_string();
    let claim = IdentityClaim {
        nationality: "KOR".parse::<Nationality>().unwrap(),
        passport_no: "M12345678".parse::<PassportNo>().unwrap(),
        birth_date: Personal::new(chrono::NaiveDate::from_ymd_opt(1992, 4, 5).unwrap()),
        proof: IdentityProof::LinkCode(Personal::new(code.clone())),
    };
    assert!(
        app.app
            .repo
            .verify_identity(&claim, Utc::now())
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        app.app
            .repo
            .verify_identity(&claim, Utc::now())
            .await
            .unwrap()
            .is_none(),
        "used up"
    );
    let (status, error) = post(
        &app,
        "/api/v1/admin/link-codes",
        Some(&records),
        &json!({ "nationality": "KOR", "passport_no": "X00000000" }).to_string(),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["field"], "passport_no");

    // E-documents are revoked once.
    let kim = app
        .app
        .repo
        .applicant_by_passport(&claim.nationality, &claim.passport_no)
        .await
        .unwrap()
        .unwrap();
    insert_e_document(&db.url, "edoc-1", kim.id).await;
    let revoke = "/api/v1/admin/e-documents/edoc-1/revoke";
    let (status, _) = post(&app, revoke, Some(&records), "").await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = post(&app, revoke, Some(&records), "").await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _) = post(
        &app,
        "/api/v1/admin/e-documents/nope/revoke",
        Some(&records),
        "",
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let audit = app.app.repo.audit_log(20).await.unwrap();
    for action in ["import", "link-code-issue", "e-document-revoke"] {
        assert!(
            audit
                .iter()
                .any(|a| a.action == action && a.actor == "records"),
            "{action}"
        );
    }
    assert!(
        audit
            .iter()
            .all(|a| !format!("{a:?}").contains("M12345678") && !format!("{a:?}").contains(&code))
    );
}
