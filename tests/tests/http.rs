//! The HTTP service on a random port: health and readiness on both stacks (SQLite with
//! in-process sessions; PostgreSQL with Redis), and 503 when a dependency is gone.

use async_trait::async_trait;
use std::sync::Arc;
use std::time::Duration;
use visadesk_bot::store::{SessionError, SessionKey, SessionStore, TurnLock};
use visadesk_gateway::config::RawSettings;
use visadesk_tests::{TestDb, redis_url, spawn_app};

fn settings(db: &TestDb, redis: Option<String>) -> RawSettings {
    RawSettings {
        redis_url: redis,
        ..db.settings()
    }
}

async fn readiness(app: &visadesk_tests::TestApp) -> (u16, serde_json::Value) {
    let response = app.get("/readyz").await;
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ready_on_sqlite_with_in_process_sessions() {
    let db = TestDb::sqlite().await;
    let app = spawn_app(settings(&db, None)).await;
    let health = app.get("/healthz").await;
    assert_eq!(health.status(), 200);
    assert_eq!(
        readiness(&app).await,
        (200, serde_json::json!({"database": "ok", "sessions": "ok"}))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ready_on_postgres_with_redis() {
    let db = TestDb::postgres().await;
    let app = spawn_app(settings(&db, Some(redis_url()))).await;
    assert_eq!(
        readiness(&app).await,
        (200, serde_json::json!({"database": "ok", "sessions": "ok"}))
    );
    assert!(
        db.repo.counts().await.unwrap()["slots"] > 0,
        "start-up filled the slot calendar"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn not_ready_when_the_database_goes_away() {
    let db = TestDb::postgres().await;
    let app = spawn_app(settings(&db, None)).await;
    assert_eq!(readiness(&app).await.0, 200);
    drop(db); // drops the database, terminating the service's connections
    let (status, body) = readiness(&app).await;
    assert_eq!(status, 503, "{body}");
    assert_ne!(body["database"], "ok");
    assert_eq!(body["sessions"], "ok");
    let health = app.get("/healthz").await;
    assert_eq!(health.status(), 200, "the process itself is still alive");
}

/// A session store whose backend is down.
struct DownStore;

#[async_trait]
impl SessionStore for DownStore {
    async fn load(&self, _: &SessionKey) -> Result<Option<String>, SessionError> {
        Err(SessionError::Backend("down".into()))
    }
    async fn save(&self, _: &SessionKey, _: &str, _: Duration) -> Result<(), SessionError> {
        Err(SessionError::Backend("down".into()))
    }
    async fn delete(&self, _: &SessionKey) -> Result<(), SessionError> {
        Err(SessionError::Backend("down".into()))
    }
    async fn try_lock(
        &self,
        _: &SessionKey,
        _: Duration,
    ) -> Result<Option<TurnLock>, SessionError> {
        Err(SessionError::Backend("down".into()))
    }
    async fn unlock(&self, _: &TurnLock) -> Result<bool, SessionError> {
        Err(SessionError::Backend("down".into()))
    }
    async fn ping(&self) -> Result<(), SessionError> {
        Err(SessionError::Backend("down".into()))
    }
    async fn forget_sender(&self, _: &str, _: &str) -> Result<u64, SessionError> {
        Err(SessionError::Backend("down".into()))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn not_ready_when_the_session_store_is_down() {
    let db = TestDb::sqlite().await;
    let mut app = spawn_app(settings(&db, None)).await.app;
    app.sessions = Arc::new(DownStore);
    let listener = visadesk_gateway::http::bind("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let address = listener.local_addr().unwrap();
    let app = visadesk_tests::app::spawn_with(app, listener, address);
    let (status, body) = readiness(&app).await;
    assert_eq!(status, 503);
    assert_eq!(
        body,
        serde_json::json!({"database": "ok", "sessions": "unavailable"})
    );
}

/// A channel that is not configured has no routes at all (its handlers never have to ask):
/// its path is answered like a path that does not exist. The web chat and its download
/// links, which need no settings, are always there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_configured_channels_have_routes() {
    let db = TestDb::sqlite().await;
    let app = spawn_app(settings(&db, None)).await;
    assert!(app.channels.telegram.is_none() && app.channels.wechat.is_none());
    let post = |path: &str| app.client.post(app.url(path)).send();
    let nowhere = post("/no-such-path").await.unwrap();
    let (status, body) = (nowhere.status(), nowhere.text().await.unwrap());
    for path in [
        "/wechat",
        "/whatsapp",
        "/telegram",
        visadesk_gateway::channels::generic::PATH,
    ] {
        let response = post(path).await.unwrap();
        assert_eq!(response.status(), status, "{path}");
        assert_eq!(response.text().await.unwrap(), body, "{path}");
    }
    let page = app.get("/").await;
    assert_eq!(page.status(), 200);
    let expired = app
        .client
        .get(app.url(&format!("/files/{}", "0".repeat(64))));
    assert_eq!(expired.send().await.unwrap().status(), 404);
}

/// A path nothing serves is answered 404 with the JSON error body, not 401 as if it were a
/// back-office route without a token; the admin routes still want their token.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_path_is_not_found() {
    let db = TestDb::sqlite().await;
    let app = spawn_app(settings(&db, None)).await;
    for path in ["/nothing-here", "/api/v1/nothing", "/api/v1/admin/nothing"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        let body: serde_json::Value = response.json().await.unwrap_or_default();
        assert_eq!(body["error"], "not_found", "{path}: {body}");
    }
    let response = app.get("/api/v1/admin/outbox").await;
    assert_eq!(
        response.status(),
        401,
        "an admin route still wants its token"
    );
}
