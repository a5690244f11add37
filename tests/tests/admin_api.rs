//! The back-office API over HTTP on SQLite and PostgreSQL: bearer tokens (401 missing,
//! unknown or revoked; 403 wrong scope or office), validation (400 broken JSON, 422 naming
//! the field), illegal status transitions (409), creating applications, and a status change
//! that writes its outbox rows and audit line with the token's name.

use chrono::{Duration, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use visadesk_bot::clock::TestClock;
use visadesk_bot::domain::{Nationality, OfficeId, PassportNo, Personal, SlotGroup};
use visadesk_bot::import::{self, Format, ImportKind};
use visadesk_bot::store::{EDocument, IdentityClaim, IdentityProof};
use visadesk_gateway::config::RawSettings;
use visadesk_tests::{
    ALEX, Chat, TestApp, TestDb, applicant, beijing_date, book_in_store, both_backends, spawn_app,
    spawn_app_at, strings_of,
};

both_backends!(
    tokens_are_checked_for_presence_scope_and_office,
    bad_input_gets_400_or_422_naming_the_field,
    a_value_the_database_would_refuse_is_refused_without_the_database_text,
    an_illegal_transition_is_409_and_changes_nothing,
    applications_are_created_once,
    a_status_change_plans_one_notification_per_recipient_and_is_audited,
    slots_are_generated_resized_and_a_closed_day_cancels_and_notifies,
    records_come_by_import_link_codes_are_issued_and_e_documents_revoked,
    an_office_token_cannot_touch_or_tell_apart_what_belongs_to_other_offices,
    processing_times_come_from_completed_cases_or_the_published_time,
);

const RECEIPT: &str = "DEMO-2026-000001";
const BEIJING: Option<&[&str]> = Some(&["beijing-andingmen"]);
const APPLICATIONS: &str = "/api/v1/admin/applications";
const IMPORT_APPLICANTS: &str = "/api/v1/admin/import/applicants";

pub async fn app_on(db: &TestDb) -> TestApp {
    spawn_app(RawSettings { ..db.settings() }).await
}

/// An office's system calling the back-office API with one bearer token (or none).
struct Caller<'a> {
    app: &'a TestApp,
    token: Option<String>,
}

/// A caller with a new token of these scopes (and offices, `None`: every office).
async fn caller<'a>(
    app: &'a TestApp,
    name: &str,
    scopes: &[&str],
    offices: Option<&[&str]>,
) -> Caller<'a> {
    let token = app.token(name, scopes, offices).await;
    holding(app, Some(&token))
}

/// A caller showing `token` as it is (none, made up, revoked).
fn holding<'a>(app: &'a TestApp, token: Option<&str>) -> Caller<'a> {
    Caller {
        app,
        token: token.map(str::to_string),
    }
}

impl Caller<'_> {
    /// The token's secret.
    fn secret(&self) -> &str {
        self.token.as_deref().expect("a caller with a token")
    }

    /// Sends a request with `content` (its type and the body), if any; returns the status
    /// and the answer as JSON (`null` when it is not JSON).
    async fn request(
        &self,
        method: Method,
        path: &str,
        content: Option<(&str, &str)>,
    ) -> (StatusCode, Value) {
        let mut request = self.app.client.request(method, self.app.url(path));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        if let Some((content_type, body)) = content {
            request = request
                .header("content-type", content_type)
                .body(body.to_string());
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// Sends `body` as JSON with `method`.
    async fn send(&self, method: Method, path: &str, body: &str) -> (StatusCode, Value) {
        self.request(method, path, Some(("application/json", body)))
            .await
    }

    async fn post(&self, path: &str, body: &str) -> (StatusCode, Value) {
        self.send(Method::POST, path, body).await
    }

    /// POSTs `body` as `content_type` (imports take JSON and CSV).
    async fn post_as(&self, path: &str, content_type: &str, body: &str) -> (StatusCode, Value) {
        self.request(Method::POST, path, Some((content_type, body)))
            .await
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.request(Method::GET, path, None).await
    }
}

fn status_path(receipt: &str) -> String {
    format!("/api/v1/admin/applications/{receipt}/status")
}

/// Documents ready since yesterday, to be collected within two weeks: a window that has
/// begun but not ended is fine.
fn ready_body() -> String {
    let from = Utc::now() - Duration::days(1);
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
    let writer = caller(&app, "beijing-desk", &["applications:write"], BEIJING).await;
    let reader = caller(&app, "auditor", &["audit:read"], None).await;
    let shanghai = Some(&["shanghai-minsheng"][..]);
    let elsewhere = caller(&app, "shanghai-desk", &["applications:write"], shanghai).await;
    let body = json!({ "status": "approved" }).to_string();
    let path = status_path(RECEIPT);

    // Who may not change the status, and what they are told.
    let mut refusals = Vec::new();
    for (who, expected) in [
        (&holding(&app, None), StatusCode::UNAUTHORIZED),
        (
            &holding(&app, Some("vdk_not-a-real-token")),
            StatusCode::UNAUTHORIZED,
        ),
        (&reader, StatusCode::FORBIDDEN),
        // Another office's application is, to this token, one that does not exist.
        (&elsewhere, StatusCode::NOT_FOUND),
    ] {
        let (status, error) = who.post(&path, &body).await;
        assert_eq!(status, expected, "{error}");
        refusals.push(error);
    }
    assert_eq!(refusals[0]["error"], "unauthorized");
    assert!(
        refusals[2]["message"]
            .as_str()
            .unwrap()
            .contains("applications:write")
    );
    let (status, _) = writer.get("/api/v1/admin/audit").await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, changed) = writer.post(&path, &body).await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["application"]["status"], "approved");

    assert!(
        app.app
            .backoffice
            .revoke_token("beijing-desk", Utc::now())
            .await
            .unwrap()
    );
    let (status, _) = writer.post(&path, &body).await;
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
            .all(|t| !format!("{t:?}").contains(&writer.secret()[4..]))
    );
}

async fn bad_input_gets_400_or_422_naming_the_field(db: &TestDb) {
    let app = app_on(db).await;
    let desk = caller(&app, "desk", &["applications:write"], None).await;
    let path = status_path(RECEIPT);
    let (status, error) = desk.post(&path, "{\"status\": ").await;
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
        // A window already over: nobody could collect anything in it.
        (
            json!({ "status": "ready_for_pickup", "pickup": { "place": "Hall", "from": Utc::now() - Duration::days(10), "until": Utc::now() - Duration::days(1) } }),
            "pickup.until",
        ),
    ];
    for (body, field) in cases {
        let (status, error) = desk.post(&path, &body.to_string()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body} → {error}");
        assert_eq!(error["field"], field, "{body} → {error}");
    }
    let approve = "{\"status\":\"approved\"}";
    let (status, error) = desk.post(&status_path("no"), approve).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["field"], "receipt_no");
    let (status, _) = desk.post(&status_path("NOPE-0000000"), approve).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let ops = caller(&app, "ops", &["outbox:read"], None).await;
    let (status, error) = ops.get("/api/v1/admin/outbox?state=lost").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["field"], "state");
    // Nothing of the above changed the application.
    let (_, shown) = desk
        .get(&format!("/api/v1/admin/applications/{RECEIPT}"))
        .await;
    assert_eq!(shown["status"], "in_review");
}

/// PostgreSQL refuses a NUL character in text: the request is refused at the edge (400,
/// before any handler runs), and the caller never sees a database's own message (which
/// names tables, columns and encodings).
async fn a_value_the_database_would_refuse_is_refused_without_the_database_text(db: &TestDb) {
    let app = app_on(db).await;
    let applicants_before = db.repo.counts().await.unwrap()["applicants"];
    let records = caller(&app, "records", &["records:write"], None).await;
    let applicants = json!([{
        "full_name": "Kim\u{0}Imported", "nationality": "KOR", "passport_no": "M12345678",
        "birth_date": "1992-04-05"
    }])
    .to_string();
    let (status, answer) = records.post(IMPORT_APPLICANTS, &applicants).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert_eq!(answer["error"], "invalid_request");
    assert_eq!(
        db.repo.counts().await.unwrap()["applicants"],
        applicants_before
    );
    let text = answer.to_string().to_lowercase();
    for word in ["database", "sqlx", "byte sequence", "0x00", "encoding"] {
        assert!(!text.contains(word), "{word} in {answer}");
    }
}

async fn an_illegal_transition_is_409_and_changes_nothing(db: &TestDb) {
    let app = app_on(db).await;
    let desk = caller(&app, "desk", &["applications:write", "audit:read"], None).await;
    let path = status_path(RECEIPT);
    let (status, _) = desk.post(&path, &ready_body()).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = desk.post(&path, "{\"status\":\"collected\"}").await;
    assert_eq!(status, StatusCode::OK);
    let before = app.app.repo.counts().await.unwrap()["application_status_history"];
    let (status, error) = desk.post(&path, "{\"status\":\"in_review\"}").await;
    assert_eq!(status, StatusCode::CONFLICT, "{error}");
    assert!(error["message"].as_str().unwrap().contains("collected"));
    let counts = app.app.repo.counts().await.unwrap();
    assert_eq!(counts["application_status_history"], before);
    let (_, audit) = desk.get("/api/v1/admin/audit?limit=10").await;
    assert_eq!(audit[0]["outcome"], "illegal-transition");
    assert_eq!(audit[0]["actor"], "desk");
}

async fn applications_are_created_once(db: &TestDb) {
    let app = app_on(db).await;
    let desk = caller(&app, "desk", &["applications:write"], BEIJING).await;
    let body = json!({
        "receipt_no": "BJ-2026-000777",
        "nationality": "DEU",
        "passport_no": "DEMO00001",
        "service": "residence-renewal",
        "office": "beijing-andingmen",
        "submitted_at": "2026-11-20T02:00:00Z"
    });
    let (status, created) = desk.post(APPLICATIONS, &body.to_string()).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["status"], "received");
    assert_eq!(created["history"].as_array().unwrap().len(), 1);
    // The same body changed as given, the answer, and the field it names (if any).
    let refused = [
        (json!({}), StatusCode::CONFLICT, None),
        (
            json!({ "receipt_no": "BJ-2026-000778", "passport_no": "NOBODY001" }),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("passport_no"),
        ),
        (
            json!({ "nationality": "Germany" }),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("nationality"),
        ),
        (
            json!({ "office": "shanghai-minsheng" }),
            StatusCode::FORBIDDEN,
            None,
        ),
    ];
    for (changes, expected, field) in refused {
        let mut changed = body.clone();
        for (key, value) in changes.as_object().unwrap() {
            changed[key] = value.clone();
        }
        let (status, error) = desk.post(APPLICATIONS, &changed.to_string()).await;
        assert_eq!(status, expected, "{changed} → {error}");
        if let Some(field) = field {
            assert_eq!(error["field"], field, "{changed} → {error}");
        }
    }
    let audit = app.app.repo.audit_log(5).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.action == "application-create" && a.actor == "desk")
    );
}

async fn a_status_change_plans_one_notification_per_recipient_and_is_audited(db: &TestDb) {
    let app = app_on(db).await;
    let desk = caller(&app, "desk", &["applications:write", "outbox:read"], None).await;
    let repo = &app.app.repo;
    let applicant = applicant(repo.as_ref(), "DEU", "DEMO00001").await;
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
    let now = Utc::now();
    for who in [&helper, &former] {
        repo.add_delegation(who.id, applicant.id, "link_code", None, now)
            .await
            .unwrap();
    }
    let granted = repo.delegations_held(former.id).await.unwrap();
    assert!(
        repo.revoke_delegation(granted[0].id, former.id, now)
            .await
            .unwrap()
    );

    let (status, changed) = desk.post(&status_path(RECEIPT), &ready_body()).await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(changed["notifications"], 3);
    assert_eq!(
        changed["application"]["pickup"]["place"],
        "Andingmen hall, window 5"
    );
    let (_, outbox) = desk.get("/api/v1/admin/outbox?state=pending").await;
    // The grants and the revocation above were told to the applicant's chats too.
    let rows: Vec<_> = outbox
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| {
            !["delegation_granted", "delegation_ended"].contains(&r["kind"].as_str().unwrap())
        })
        .collect();
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
    let calendar = caller(&app, "calendar", &["slots:write", "outbox:read"], BEIJING).await;
    let office: OfficeId = "beijing-andingmen".parse().unwrap();
    let from = beijing_date(Utc::now()) + Duration::days(90);
    let to = from + Duration::days(6);
    let path = "/api/v1/admin/offices/beijing-andingmen/slots/generate";
    let body = json!({ "from": from, "to": to, "slot_minutes": 60, "capacity": 2 }).to_string();
    let (status, generated) = calendar.post(path, &body).await;
    assert_eq!(status, StatusCode::OK, "{generated}");
    assert!(generated["created"].as_u64().unwrap() > 0, "{generated}");
    let (_, again) = calendar.post(path, &body).await;
    assert_eq!(again["created"], 0, "existing slots are left alone");
    let backwards = json!({ "from": to, "to": from }).to_string();
    let (status, error) = calendar.post(path, &backwards).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["field"], "to");
    let (status, _) = calendar
        .post(
            "/api/v1/admin/offices/shanghai-minsheng/slots/generate",
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
    let repo = app.app.repo.as_ref();
    book_in_store(repo, slot.id, "residence-renewal", holder.id, Utc::now()).await;
    let slot_path = format!("/api/v1/admin/slots/{}", slot.id);
    let resize = async |capacity: u32| {
        let body = json!({ "capacity": capacity }).to_string();
        calendar.send(Method::PATCH, &slot_path, &body).await
    };
    let (status, error) = resize(0).await;
    assert_eq!(status, StatusCode::CONFLICT, "{error}");
    let (status, changed) = resize(1).await;
    assert_eq!(status, StatusCode::OK, "{changed}");
    assert_eq!(
        app.app.repo.slot(slot.id).await.unwrap().unwrap().capacity,
        1
    );

    let day = slot
        .starts_at
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive();
    let closure = json!({ "day": day, "reason": "Building maintenance" }).to_string();
    let (status, closed) = calendar
        .post("/api/v1/admin/offices/beijing-andingmen/closures", &closure)
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
    let (status, _) = calendar.get("/api/v1/admin/outbox").await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "the outbox spans every office"
    );
    let ops = caller(&app, "ops", &["outbox:read", "audit:read"], None).await;
    let (_, outbox) = ops.get("/api/v1/admin/outbox").await;
    assert_eq!(outbox[0]["kind"], "appointment_cancelled", "{outbox}");
    // The closure is part of the working calendar from now on.
    let calendar = app.app.repo.working_calendar(day, day).await.unwrap();
    assert!(calendar.is_closed(&office, day));
    // The audit log, filtered.
    let (status, lines) = ops.get("/api/v1/admin/audit?actor=calendar&limit=50").await;
    assert_eq!(status, StatusCode::OK, "{lines}");
    let actions = strings_of(&lines, "action");
    for action in ["office-close-day", "slot-capacity", "slots-generate"] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
    assert!(strings_of(&lines, "actor").iter().all(|a| *a == "calendar"));
    let (_, closed_lines) = ops
        .get(&format!(
            "/api/v1/admin/audit?action=office-close-day&subject=office:beijing-andingmen:{day}"
        ))
        .await;
    assert_eq!(closed_lines.as_array().unwrap().len(), 1, "{closed_lines}");
    let (_, none) = ops
        .get("/api/v1/admin/audit?actor=calendar&since=2099-01-01T00:00:00Z")
        .await;
    assert_eq!(none, json!([]));
    let (status, error) = ops
        .get("/api/v1/admin/audit?since=0001-01-01T00:00:00Z")
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
}

async fn records_come_by_import_link_codes_are_issued_and_e_documents_revoked(db: &TestDb) {
    let app = app_on(db).await;
    let records = caller(&app, "records", &["records:write", "offices:write"], None).await;
    let limited = caller(&app, "limited", &["records:write"], BEIJING).await;
    let applicants = json!([{
        "full_name": "Kim Imported", "nationality": "KOR", "passport_no": "M12345678", "birth_date": "1992-04-05",
        "permits": [{ "kind": "visa", "permit_type": "Z", "number": "V2026000123", "issued_on": "2026-01-05",
                      "expires_on": "2027-01-04", "entries": "multiple" }]
    }])
    .to_string();
    let (status, imported) = records.post(IMPORT_APPLICANTS, &applicants).await;
    assert_eq!(status, StatusCode::OK, "{imported}");
    assert_eq!(imported["inserted"], 1);
    let (_, again) = records.post(IMPORT_APPLICANTS, &applicants).await;
    assert_eq!(again["unchanged"], 1, "imports are idempotent");
    let csv =
        "full_name,nationality,passport_no,birth_date\nAnn Example,DEU,E12345678,1991-02-30\n";
    let (status, error) = records.post_as(IMPORT_APPLICANTS, "text/csv", csv).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
    assert_eq!(error["field"], "birth_date");
    assert!(
        error["message"].as_str().unwrap().contains("line 2"),
        "{error}"
    );
    let (status, _) = limited.post(IMPORT_APPLICANTS, &applicants).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "an office-limited token cannot import"
    );
    let (status, _) = records
        .post_as(IMPORT_APPLICANTS, "text/plain", &applicants)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = records.post("/api/v1/admin/import/planets", "[]").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // One office updated in place.
    let mut office: Value =
        serde_json::from_str::<Vec<Value>>(include_str!("../../deploy/seed/offices.json")).unwrap()
            [0]
        .clone();
    office["phone"] = json!("+86 10 0000 0000");
    let put_office = async |id: &str| {
        let path = format!("/api/v1/admin/offices/{id}");
        records.send(Method::PUT, &path, &office.to_string()).await
    };
    let (status, updated) = put_office("beijing-andingmen").await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["updated"], 1);
    let (status, error) = put_office("shanghai-minsheng").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["field"], "id");

    // A link code proves identity once.
    let issue_code = async |passport: &str| {
        let body = json!({ "nationality": "KOR", "passport_no": passport }).to_string();
        records.post("/api/v1/admin/link-codes", &body).await
    };
    let (status, issued) = issue_code("M12345678").await;
    assert_eq!(status, StatusCode::CREATED, "{issued}");
    let code = issued["code"].as_str().unwrap().to_string();
    let claim = IdentityClaim {
        nationality: "KOR".parse::<Nationality>().unwrap(),
        passport_no: "M12345678".parse::<PassportNo>().unwrap(),
        birth_date: Personal::new(chrono::NaiveDate::from_ymd_opt(1992, 4, 5).unwrap()),
        proof: IdentityProof::LinkCode(Personal::new(code.clone())),
    };
    let verify = async || app.app.repo.verify_identity(&claim, Utc::now()).await;
    assert!(verify().await.unwrap().is_some());
    assert!(verify().await.unwrap().is_none(), "used up");
    // A passport no one has gets a code too (the answer does not tell), which proves nothing.
    let (status, issued) = issue_code("X00000000").await;
    assert_eq!(status, StatusCode::CREATED, "{issued}");
    let nobody = IdentityClaim {
        passport_no: "X00000000".parse::<PassportNo>().unwrap(),
        proof: IdentityProof::LinkCode(Personal::new(issued["code"].as_str().unwrap().into())),
        ..claim
    };
    assert!(
        app.app
            .repo
            .verify_identity(&nobody, Utc::now())
            .await
            .unwrap()
            .is_none()
    );

    // E-documents are revoked once.
    let kim = applicant(app.app.repo.as_ref(), "KOR", "M12345678").await;
    let document = EDocument {
        id: "edoc-1".into(),
        kind: "passport".into(),
        applicant_id: kim.id,
        pr_permit_id: None,
        passport_id: None,
        payload: "{}".into(),
        signature: "sig".into(),
        issued_at: Utc::now(),
        revoked_at: None,
    };
    app.app.repo.insert_e_document(&document).await.unwrap();
    // Revoked once: again it is a conflict; an unknown one is not found.
    for (id, expected) in [
        ("edoc-1", StatusCode::OK),
        ("edoc-1", StatusCode::CONFLICT),
        ("nope", StatusCode::NOT_FOUND),
    ] {
        let revoke = format!("/api/v1/admin/e-documents/{id}/revoke");
        let (status, answer) = records.post(&revoke, "").await;
        assert_eq!(status, expected, "{id}: {answer}");
    }
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

/// Lena's only application is in Shanghai. A Beijing token may not act on her (a link code
/// that would let its holder read her application, her e-document), nor on anything else of
/// Shanghai; and for each thing it names it gets the answer it gets for something that does
/// not exist, so it cannot even learn that she is on record. A token for every office still
/// does all of it.
async fn an_office_token_cannot_touch_or_tell_apart_what_belongs_to_other_offices(db: &TestDb) {
    let app = app_on(db).await;
    let scopes = [
        "records:write",
        "applications:write",
        "slots:write",
        "offices:write",
    ];
    let central = caller(&app, "central", &scopes, None).await;
    let beijing = caller(&app, "beijing-desk", &scopes, BEIJING).await;
    let repo = app.app.repo.as_ref();

    // Lena, on record with one application, in Shanghai; her e-document; a Shanghai slot.
    let lena = json!([{
        "full_name": "Lena Shanghai", "nationality": "FRA", "passport_no": "F00000001",
        "birth_date": "1988-08-08"
    }]);
    let (status, answer) = central.post(IMPORT_APPLICANTS, &lena.to_string()).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let application = json!({
        "receipt_no": "SH-2026-000001", "nationality": "FRA", "passport_no": "F00000001",
        "service": "residence-renewal", "office": "shanghai-minsheng"
    });
    let (status, answer) = central.post(APPLICATIONS, &application.to_string()).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let lena = applicant(repo, "FRA", "F00000001").await;
    let alex = applicant(repo, "DEU", "DEMO00001").await;
    for (id, holder) in [("edoc-shanghai", lena.id), ("edoc-beijing", alex.id)] {
        let document = EDocument {
            id: id.into(),
            kind: "passport".into(),
            applicant_id: holder,
            pr_permit_id: None,
            passport_id: None,
            payload: "{}".into(),
            signature: "sig".into(),
            issued_at: Utc::now(),
            revoked_at: None,
        };
        repo.insert_e_document(&document).await.unwrap();
    }
    let from = beijing_date(Utc::now()) + Duration::days(60);
    let days = json!({ "from": from, "to": from + Duration::days(6), "capacity": 3 }).to_string();
    let (status, answer) = central
        .post(
            "/api/v1/admin/offices/shanghai-minsheng/slots/generate",
            &days,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let shanghai: OfficeId = "shanghai-minsheng".parse().unwrap();
    let start = from.and_hms_opt(0, 0, 0).unwrap().and_utc();
    let slot = repo
        .slots(
            &shanghai,
            SlotGroup::Residence,
            start,
            start + Duration::days(8),
        )
        .await
        .unwrap()
        .into_iter()
        .next()
        .expect("a Shanghai slot");

    // Each route that names something: Shanghai's (`{id}` ← theirs) answers byte for byte
    // as something that does not exist (`{id}` ← nothing).
    let office = serde_json::from_str::<Vec<Value>>(include_str!("../../deploy/seed/offices.json"))
        .unwrap()[1]
        .to_string()
        .replace("shanghai-minsheng", "{id}");
    let slot_id = slot.id.to_string();
    let routes = [
        (
            Method::GET,
            "/api/v1/admin/applications/{id}",
            "SH-2026-000001",
            "SH-2026-999999",
            String::new(),
        ),
        (
            Method::POST,
            "/api/v1/admin/applications/{id}/status",
            "SH-2026-000001",
            "SH-2026-999999",
            json!({ "status": "approved" }).to_string(),
        ),
        (
            Method::PATCH,
            "/api/v1/admin/slots/{id}",
            &slot_id,
            "999999999",
            json!({ "capacity": 1 }).to_string(),
        ),
        (
            Method::POST,
            "/api/v1/admin/e-documents/{id}/revoke",
            "edoc-shanghai",
            "edoc-nowhere",
            String::new(),
        ),
        (
            Method::POST,
            "/api/v1/admin/offices/{id}/slots/generate",
            "shanghai-minsheng",
            "atlantis-central",
            days.clone(),
        ),
        (
            Method::POST,
            "/api/v1/admin/offices/{id}/closures",
            "shanghai-minsheng",
            "atlantis-central",
            json!({ "day": from, "reason": "Inspection" }).to_string(),
        ),
        (
            Method::PUT,
            "/api/v1/admin/offices/{id}",
            "shanghai-minsheng",
            "atlantis-central",
            office,
        ),
    ];
    for (method, path, theirs, nothing, body) in routes {
        let answer = async |id: &str| {
            let (path, body) = (path.replace("{id}", id), body.replace("{id}", id));
            beijing.send(method.clone(), &path, &body).await
        };
        let (theirs, nothing) = (answer(theirs).await, answer(nothing).await);
        assert_eq!(theirs, nothing, "{method} {path}");
        assert!(theirs.0.is_client_error(), "{method} {path}: {theirs:?}");
    }

    // A link code: the same answer for Lena as for a passport no one has, and neither code
    // proves anything; for Alex (Beijing) the code works.
    let expires_at = (Utc::now() + Duration::days(10)).to_rfc3339();
    let issue = async |who: &Caller<'_>, nationality: &str, passport: &str| {
        let body = json!({ "nationality": nationality, "passport_no": passport, "expires_at": expires_at });
        let (status, mut answer) = who
            .post("/api/v1/admin/link-codes", &body.to_string())
            .await;
        let code = answer["code"].take();
        (
            status,
            answer,
            code.as_str().unwrap_or_default().to_string(),
        )
    };
    let proves = async |nationality: &str, passport: &str, birth: (i32, u32, u32), code: &str| {
        let claim = IdentityClaim {
            nationality: nationality.parse::<Nationality>().unwrap(),
            passport_no: passport.parse::<PassportNo>().unwrap(),
            birth_date: Personal::new(
                chrono::NaiveDate::from_ymd_opt(birth.0, birth.1, birth.2).unwrap(),
            ),
            proof: IdentityProof::LinkCode(Personal::new(code.to_string())),
        };
        repo.verify_identity(&claim, Utc::now())
            .await
            .unwrap()
            .is_some()
    };
    let (status, for_lena, lena_code) = issue(&beijing, "FRA", "F00000001").await;
    let (_, for_nobody, nobody_code) = issue(&beijing, "FRA", "F99999999").await;
    assert_eq!(status, StatusCode::CREATED, "{for_lena}");
    assert_eq!(for_lena, for_nobody);
    for code in [&lena_code, &nobody_code] {
        assert!(code.starts_with("LINK-") && code.len() == 14, "{code}");
    }
    assert!(!proves("FRA", "F00000001", (1988, 8, 8), &lena_code).await);
    let (_, central_for_nobody, _) = issue(&central, "FRA", "F99999999").await;
    assert_eq!(
        central_for_nobody, for_nobody,
        "a token for every office learns no more"
    );
    let (_, for_alex, alex_code) = issue(&beijing, "DEU", "DEMO00001").await;
    assert_eq!(for_alex, for_nobody, "only the code differs");
    assert!(proves("DEU", "DEMO00001", (1990, 1, 1), &alex_code).await);
    // The audit log (for tokens of every office) keeps what happened.
    let outcomes: Vec<_> = repo
        .audit_log(50)
        .await
        .unwrap()
        .into_iter()
        .filter(|a| a.action == "link-code-issue" && a.actor == "beijing-desk")
        .map(|a| a.outcome)
        .collect();
    assert_eq!(outcomes, ["issued", "not-issued", "not-issued"]);

    // Nothing of Shanghai changed; Beijing's own e-document is Beijing's to revoke.
    let edoc = async |id: &str| repo.e_document(id).await.unwrap().unwrap().revoked_at;
    assert!(edoc("edoc-shanghai").await.is_none());
    assert_eq!(repo.slot(slot.id).await.unwrap().unwrap().capacity, 3);
    let (status, _) = beijing
        .post("/api/v1/admin/e-documents/edoc-beijing/revoke", "")
        .await;
    assert_eq!(status, StatusCode::OK);

    // The token for every office does all of it.
    let (_, _, lena_code) = issue(&central, "FRA", "F00000001").await;
    assert!(proves("FRA", "F00000001", (1988, 8, 8), &lena_code).await);
    for (method, path, body) in [
        (
            Method::GET,
            "/api/v1/admin/applications/SH-2026-000001".to_string(),
            String::new(),
        ),
        (
            Method::POST,
            status_path("SH-2026-000001"),
            json!({ "status": "approved" }).to_string(),
        ),
        (
            Method::PATCH,
            format!("/api/v1/admin/slots/{}", slot.id),
            json!({ "capacity": 1 }).to_string(),
        ),
        (
            Method::POST,
            "/api/v1/admin/e-documents/edoc-shanghai/revoke".to_string(),
            String::new(),
        ),
    ] {
        let (status, answer) = central.send(method.clone(), &path, &body).await;
        assert_eq!(status, StatusCode::OK, "{method} {path}: {answer}");
    }
}

/// `n` collected applications of the demo applicant for `service` at Beijing, numbered from
/// `first`, each submitted at `submitted` and ready for pickup at `ready` (import records).
fn completed(first: usize, n: usize, service: &str, submitted: &str, ready: &str) -> Vec<String> {
    (first..first + n)
        .map(|i| {
            format!(
                r#"{{"receipt_no":"DONE-2026-{i:06}","nationality":"DEU","passport_no":"DEMO00001",
                "service":"{service}","office":"beijing-andingmen","submitted_at":"{submitted}",
                "status":"collected","history":[{{"status":"received","at":"{submitted}"}},
                {{"status":"ready_for_pickup","at":"{ready}"}},{{"status":"collected","at":"{ready}"}}]}}"#
            )
        })
        .collect()
}

/// Issue 19, "when it will be ready": the 80th percentile of the statutory working days
/// from submission to ready of the office's completed applications for the service in the
/// last 180 days (public holidays skipped), or the published time with fewer than 20 cases;
/// the progress screen says "usually ready by", which one it used, and once that day has
/// passed, the office's phone; the back office reads the same figures.
async fn processing_times_come_from_completed_cases_or_the_published_time(db: &TestDb) {
    // Wednesday 25 November 2026, noon in Beijing.
    let clock = TestClock::starting_at("2026-11-25T04:00:00Z".parse().unwrap());
    let app = spawn_app_at(RawSettings { ..db.settings() }, clock).await;
    let mut alex = Chat::new(&app.app.engine, "generic", "alex", "alex", "en");
    alex.links_as("progress", ALEX).await;
    // No completed case yet: the published 7 working days from Monday 16 November.
    let text = alex.text();
    assert!(
        text.contains(
            "Usually ready by Wed 25 Nov 2026: the published processing time is 7 working days"
        ),
        "{text}"
    );
    // 16 applications submitted the day before the National Day holidays (1 to 7 October)
    // and ready on Friday 9 October: 2 working days; 4 submitted Monday 12 October and
    // ready Wednesday 28 October: 12. The 80th percentile of the 20 is 2 (7 if the holidays
    // counted, 4 on average).
    let mut records = completed(
        1,
        16,
        "residence-renewal",
        "2026-09-30T02:00:00Z",
        "2026-10-09T02:00:00Z",
    );
    records.extend(completed(
        17,
        4,
        "residence-renewal",
        "2026-10-12T02:00:00Z",
        "2026-10-28T02:00:00Z",
    ));
    // Older than 180 days: not counted.
    records.extend(completed(
        21,
        5,
        "residence-renewal",
        "2026-04-01T02:00:00Z",
        "2026-05-20T02:00:00Z",
    ));
    // Too few for visa extensions: the published time stays.
    records.extend(completed(
        26,
        19,
        "visa-extension",
        "2026-10-12T02:00:00Z",
        "2026-10-13T02:00:00Z",
    ));
    let json = format!("[{}]", records.join(","));
    db.repo
        .import(&import::parse(ImportKind::Applications, Format::Json, &json).unwrap())
        .await
        .unwrap();
    let desk = caller(&app, "desk", &["outbox:read"], BEIJING).await;
    let (status, times) = desk
        .get("/api/v1/admin/offices/beijing-andingmen/processing-times")
        .await;
    assert_eq!(status, StatusCode::OK, "{times}");
    let of = |service: &str| {
        times
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["service"] == service)
            .cloned()
            .unwrap_or_else(|| panic!("{service} in {times}"))
    };
    assert_eq!(
        of("residence-renewal"),
        json!({"service": "residence-renewal", "working_days": 2, "basis": "completed",
               "cases": 20, "percentile": 80, "window_days": 180})
    );
    assert_eq!(
        of("visa-extension"),
        json!({"service": "visa-extension", "working_days": 7, "basis": "published",
               "cases": 19, "percentile": 80, "window_days": 180})
    );
    // Alex's application (Monday 16 November + 2 working days) is past its usual date.
    alex.opens("progress").await;
    let text = alex.text();
    assert!(
        text.contains("The usual date (Wed 18 Nov 2026) has passed")
            && text.contains("+86 10 8402 0101"),
        "{text}"
    );
    // In Russian, from the office's own figures.
    let mut olga = Chat::new(&app.app.engine, "generic", "olga", "olga", "ru");
    olga.links_as("progress", ALEX).await;
    assert!(olga.text().contains("Обычный срок"), "{}", olga.text());
    // Another office's token, an unknown office, a bad id.
    let elsewhere = caller(
        &app,
        "shanghai",
        &["outbox:read"],
        Some(&["shanghai-minsheng"]),
    )
    .await;
    let (status, _) = elsewhere
        .get("/api/v1/admin/offices/beijing-andingmen/processing-times")
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let all = caller(&app, "all", &["outbox:read"], None).await;
    let (status, _) = all
        .get("/api/v1/admin/offices/nowhere-office/processing-times")
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, error) = all
        .get("/api/v1/admin/offices/NOT_AN_ID/processing-times")
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
}
