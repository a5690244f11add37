//! The back-office API over HTTP on SQLite and PostgreSQL: bearer tokens (401 missing,
//! unknown or revoked; 403 wrong scope or office), validation (400 broken JSON, 422 naming
//! the field), illegal status transitions (409), creating applications, and a status change
//! that writes its outbox rows and audit line with the token's name.

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};
use visadesk_bot::domain::{Nationality, PassportNo};
use visadesk_bot::store::backoffice::hash_api_token;
use visadesk_gateway::config::RawSettings;
use visadesk_tests::{TestApp, TestDb, both_backends, spawn_app};

both_backends!(
    tokens_are_checked_for_presence_scope_and_office,
    bad_input_gets_400_or_422_naming_the_field,
    an_illegal_transition_is_409_and_changes_nothing,
    applications_are_created_once,
    a_status_change_plans_one_notification_per_recipient_and_is_audited,
);

const RECEIPT: &str = "DEMO-2026-000001";

pub async fn app_on(db: &TestDb) -> TestApp {
    spawn_app(RawSettings {
        database_url: Some(db.url.clone()),
        data_dir: Some(
            std::env::temp_dir()
                .join("visadesk-tests")
                .display()
                .to_string(),
        ),
        ..RawSettings::default()
    })
    .await
}

/// Stores a token and returns its secret.
async fn token(app: &TestApp, name: &str, scopes: &[&str], offices: Option<&[&str]>) -> String {
    let secret = visadesk_gateway::token::new_secret();
    let scopes: Vec<String> = scopes.iter().map(|s| s.to_string()).collect();
    let offices: Option<Vec<String>> = offices.map(|o| o.iter().map(|s| s.to_string()).collect());
    assert!(
        app.app
            .office
            .create_token(
                name,
                &hash_api_token(&secret),
                &scopes,
                offices.as_deref(),
                Utc::now()
            )
            .await
            .unwrap()
    );
    secret
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
    let writer = token(
        &app,
        "beijing-desk",
        &["applications:write"],
        Some(&["beijing-andingmen"]),
    )
    .await;
    let reader = token(&app, "auditor", &["audit:read"], None).await;
    let elsewhere = token(
        &app,
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
            .office
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
    let listed = app.app.office.tokens().await.unwrap();
    assert_eq!(listed.len(), 3);
    assert!(
        listed
            .iter()
            .all(|t| !format!("{t:?}").contains(&writer[4..]))
    );
}

async fn bad_input_gets_400_or_422_naming_the_field(db: &TestDb) {
    let app = app_on(db).await;
    let t = token(&app, "desk", &["applications:write"], None).await;
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
        &token(&app, "ops", &["outbox:read"], None).await,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["field"], "state");
    // Nothing of the above changed the application.
    let (_, shown) = get(&app, &format!("/api/v1/admin/applications/{RECEIPT}"), &t).await;
    assert_eq!(shown["status"], "in_review");
}

async fn an_illegal_transition_is_409_and_changes_nothing(db: &TestDb) {
    let app = app_on(db).await;
    let t = token(&app, "desk", &["applications:write", "audit:read"], None).await;
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
    let t = token(
        &app,
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
    let t = token(&app, "desk", &["applications:write", "outbox:read"], None).await;
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

    let (status, changed) = post(&app, &status_path(RECEIPT), Some(&t), &ready_body()).await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["notifications"], 2);
    assert_eq!(
        changed["application"]["pickup"]["place"],
        "Andingmen hall, window 5"
    );
    let (_, outbox) = get(&app, "/api/v1/admin/outbox?state=pending", &t).await;
    let rows = outbox.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{outbox}");
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
