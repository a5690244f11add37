//! Shared test support: real databases and a real Redis for every test, and the running
//! service on a random port.
//!
//! - `TestDb::sqlite()` / `TestDb::postgres()`: a migrated, empty database of its own
//!   (PostgreSQL: a fresh database created here and dropped when the value is dropped).
//! - `redis_store()`: a Redis session store under a random key prefix.
//! - `both_backends!`: runs one async test function against SQLite and PostgreSQL.
//! - `spawn_app()`: the real HTTP service in-process on 127.0.0.1:0.
//! - `Chat` (the engine), `whatsapp_user::WhatsAppUser` and `wechat_user::WeChatUser` (a
//!   channel's wire format and its fake platform), `generic_user::GenericUser` and
//!   `webchat_user::WebChatUser` (the two JSON channels, answers read as
//!   `json_channel::JsonAnswer`): a user talking, so tests read like a conversation.
//!
//! A backend that cannot be reached fails the test with a message saying how to start it;
//! nothing is skipped. Addresses come from `VISADESK_TEST_PG_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`) and `VISADESK_TEST_REDIS_URL` (default
//! `redis://127.0.0.1:6379`).

use chrono::{DateTime, Utc};
use sqlx::Connection;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use visadesk_bot::clock::SharedClock;
use visadesk_bot::dialogue::{Engine, EngineConfig};
use visadesk_bot::i18n::Localizer;
use visadesk_bot::store::{
    InMemorySessionStore, PgRepository, RedisSessionStore, Repository, SessionStore,
    SqliteRepository,
};

pub mod app;
pub mod bench;
pub mod captured_logs;
pub mod chat;
pub mod fake_callback;
pub mod fake_telegram;
pub mod fake_wechat;
pub mod fake_whatsapp;
pub mod fuzz;
pub mod generic_user;
pub mod json_channel;
pub mod webchat_user;
pub mod wechat_user;
pub mod whatsapp_user;
pub use app::{TestApp, spawn_app, spawn_app_at, spawn_sqlite_app};
pub use chat::{ALEX, Chat, MEI, Proof};

/// The data keys of every test database and test app (`VISADESK_DATA_KEYS` of `spawn_app`
/// unless a test gives its own): a test reads through its `TestDb` what its app wrote.
pub const TEST_DATA_KEYS: &str = "index VR9F+ts7cvVSwTmZxb3spX84+NjrE4Pg83YsNYHBQB0=;\
     key k1 b0oqV9qeosWXE/XH295yeTgxv8HPHHEKAf5RReNceKE= active";

/// `TEST_DATA_KEYS`, parsed.
pub fn test_data_keys() -> Arc<visadesk_bot::store::DataKeys> {
    Arc::new(visadesk_bot::store::DataKeys::parse(TEST_DATA_KEYS).expect("test data keys"))
}

pub const START_POSTGRES: &str = "start PostgreSQL on 127.0.0.1:5432 with trust auth \
     (`bash deploy/local/test.sh` does it, or `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`), \
     or set VISADESK_TEST_PG_URL";
pub const START_REDIS: &str = "start Redis on 127.0.0.1:6379 (`bash deploy/local/test.sh` does it, or \
     `redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no`), or set VISADESK_TEST_REDIS_URL";

pub fn pg_admin_url() -> String {
    std::env::var("VISADESK_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

pub fn redis_url() -> String {
    std::env::var("VISADESK_TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into())
}

/// Replaces the database name of a PostgreSQL URL.
pub fn pg_url_for(database: &str) -> String {
    let admin = pg_admin_url();
    let (base, query) = admin
        .split_once('?')
        .map_or((admin.as_str(), None), |(b, q)| (b, Some(q)));
    let base = base.rsplit_once('/').map_or(base, |(b, _)| b);
    match query {
        Some(q) => format!("{base}/{database}?{q}"),
        None => format!("{base}/{database}"),
    }
}

/// A fresh, migrated database for one test.
pub struct TestDb {
    pub repo: Arc<dyn Repository>,
    /// The same store as the back office holds it (imports, link codes, the outbox).
    pub backoffice: Arc<dyn visadesk_bot::store::BackofficeStore>,
    /// The URL the service would be given (`DATABASE_URL`).
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    SqliteFile(PathBuf),
    PgDatabase(String),
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        TestDb::sqlite_migrated_to(None).await
    }

    pub async fn postgres() -> TestDb {
        TestDb::postgres_migrated_to(None).await
    }

    /// A fresh database on `backend` (`sqlite` or `postgres`) with the migrations up to and
    /// including `version` only: the schema an earlier version of visadesk wrote.
    pub async fn at_migration(backend: &str, version: i64) -> TestDb {
        match backend {
            "sqlite" => TestDb::sqlite_migrated_to(Some(version)).await,
            _ => TestDb::postgres_migrated_to(Some(version)).await,
        }
    }

    async fn sqlite_migrated_to(version: Option<i64>) -> TestDb {
        let dir = std::env::temp_dir().join("visadesk-tests");
        std::fs::create_dir_all(&dir).expect("temp dir");
        let file = dir.join(format!("{}.db", uuid::Uuid::new_v4().simple()));
        let url = format!("sqlite://{}?mode=rwc", file.display());
        let repo = SqliteRepository::connect(&url, Duration::from_secs(5), test_data_keys())
            .await
            .expect("open SQLite");
        if let Some(version) = version {
            migrate_to(repo.pool(), "sqlite", version).await;
        }
        TestDb::migrated(repo, url, Cleanup::SqliteFile(file), version.is_none()).await
    }

    async fn postgres_migrated_to(version: Option<i64>) -> TestDb {
        let name = format!("visadesk_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = match tokio::time::timeout(
            Duration::from_secs(10),
            sqlx::PgConnection::connect(&pg_admin_url()),
        )
        .await
        {
            Ok(Ok(c)) => c,
            Ok(Err(e)) => panic!(
                "PostgreSQL is not reachable at {}: {e}; {START_POSTGRES}",
                pg_admin_url()
            ),
            Err(_) => panic!(
                "PostgreSQL at {} did not answer in 10 s; {START_POSTGRES}",
                pg_admin_url()
            ),
        };
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .expect("create test database");
        admin.close().await.ok();
        let url = pg_url_for(&name);
        let repo = PgRepository::connect(&url, Duration::from_secs(10), test_data_keys())
            .await
            .expect("connect to the test database");
        if let Some(version) = version {
            migrate_to(repo.pool(), "postgres", version).await;
        }
        TestDb::migrated(repo, url, Cleanup::PgDatabase(name), version.is_none()).await
    }

    /// Migrates the freshly opened `repo` and wraps it with what removes it afterwards.
    async fn migrated(
        repo: impl Repository + visadesk_bot::store::BackofficeStore + 'static,
        url: String,
        cleanup: Cleanup,
        migrate: bool,
    ) -> TestDb {
        if migrate {
            repo.migrate()
                .await
                .unwrap_or_else(|e| panic!("migrate {url}: {e}"));
        }
        let repo = Arc::new(repo);
        TestDb {
            repo: repo.clone(),
            backoffice: repo,
            url,
            cleanup,
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::SqliteFile(file) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
                }
            }
            Cleanup::PgDatabase(name) => {
                // Drop runs inside the test's runtime, which cannot block; a short-lived
                // thread with its own runtime drops the database (forcing out the pool).
                let name = name.clone();
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .expect("runtime");
                    rt.block_on(async {
                        if let Ok(mut admin) = sqlx::PgConnection::connect(&pg_admin_url()).await {
                            let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            )))
                            .execute(&mut admin)
                            .await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

/// Applies the project's `backend` migrations up to and including `version`.
async fn migrate_to<DB: sqlx::Database>(pool: &sqlx::Pool<DB>, backend: &str, version: i64)
where
    DB::Connection: sqlx::migrate::Migrate,
{
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../migrations")
        .join(backend);
    let migrator = sqlx::migrate::Migrator::new(dir.as_path())
        .await
        .expect("read the migrations");
    migrator
        .run_to(version, pool)
        .await
        .unwrap_or_else(|e| panic!("migrate {backend} to {version}: {e}"));
}

/// A Redis session store under a random key prefix, so tests never see each other's keys.
pub async fn redis_store() -> RedisSessionStore {
    redis_store_in(&format!("visadesk-test:{}:", uuid::Uuid::new_v4().simple())).await
}

/// A Redis session store (its own connection) under `prefix`: two of them with one prefix
/// are two processes sharing Redis.
pub async fn redis_store_in(prefix: &str) -> RedisSessionStore {
    match RedisSessionStore::connect(&redis_url(), prefix, Duration::from_secs(5)).await {
        Ok(store) => store,
        Err(e) => panic!(
            "Redis is not reachable at {}: {e}; {START_REDIS}",
            redis_url()
        ),
    }
}

/// Every key under `prefix` in the test Redis (the service's own prefix is `visadesk:`;
/// other tests share it, so look for what is yours).
pub async fn redis_keys(prefix: &str) -> Vec<String> {
    let client = redis::Client::open(redis_url()).unwrap();
    let mut conn = client.get_multiplexed_async_connection().await.unwrap();
    let mut keys = Vec::new();
    let mut cursor: u64 = 0;
    loop {
        let (next, batch): (u64, Vec<String>) = redis::cmd("SCAN")
            .arg(cursor)
            .arg("MATCH")
            .arg(format!("{prefix}*"))
            .arg("COUNT")
            .arg(1000)
            .query_async(&mut conn)
            .await
            .unwrap();
        keys.extend(batch);
        if next == 0 {
            return keys;
        }
        cursor = next;
    }
}

/// Runs each named `async fn name(db: &TestDb)` once on SQLite and once on PostgreSQL,
/// as `sqlite::name` and `postgres::name`.
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let db = $crate::TestDb::sqlite().await;
                    super::$name(&db).await;
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let db = $crate::TestDb::postgres().await;
                    super::$name(&db).await;
                }
            )+
        }
    };
}

impl TestDb {
    /// Settings for a service on this database; everything else at its default (files the
    /// service writes go to a temporary folder, see `spawn_app`). Tests change what they
    /// need with `RawSettings { generic_secret: …, ..db.settings() }`.
    pub fn settings(&self) -> visadesk_gateway::config::RawSettings {
        visadesk_gateway::config::RawSettings {
            database_url: Some(self.url.clone()),
            ..Default::default()
        }
    }

    /// Loads the reference seed and fills the slot calendar from now (the wall clock) on.
    pub async fn seed(&self) {
        self.seed_at(chrono::Utc::now()).await;
    }

    /// Loads the reference seed and fills the slot calendar from `now` on (the instant a
    /// test's clock reads).
    pub async fn seed_at(&self, now: DateTime<Utc>) {
        visadesk_bot::seed::load(self.repo.as_ref(), visadesk_bot::seed::REFERENCE)
            .await
            .expect("reference seed");
        visadesk_bot::slots::fill_calendar(self.repo.as_ref(), &Default::default(), now)
            .await
            .expect("slot calendar");
    }
}

/// Instants at which date arithmetic goes wrong when a day is taken in the wrong zone. A
/// test about dates pins its clock (`TestClock::starting_at`) to one of them and computes
/// "today" with `beijing_date`, so it means the same thing at whatever hour it runs.
pub mod instants {
    use chrono::{DateTime, Utc};

    /// 23:30 UTC on 25 November: already 26 November in Beijing (the evening hours, 16:00 to
    /// 24:00 UTC, in which a test taking "today" in UTC fails).
    pub fn utc_evening() -> DateTime<Utc> {
        "2026-11-25T23:30:00Z".parse().expect("instant")
    }

    /// 23:30 UTC on 31 December: 07:30 on 1 January in Beijing, a new month, a new year and
    /// a public holiday there at once.
    pub fn new_year_in_beijing() -> DateTime<Utc> {
        "2026-12-31T23:30:00Z".parse().expect("instant")
    }
}

/// The calendar date of `instant` in Asia/Shanghai, the zone of every seeded office: the
/// "today" a person at the office and the product mean.
pub fn beijing_date(instant: DateTime<Utc>) -> chrono::NaiveDate {
    instant
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive()
}

/// A conversation engine over `repo` and `sessions`, with default settings.
pub fn engine_with(repo: Arc<dyn Repository>, sessions: Arc<dyn SessionStore>) -> Arc<Engine> {
    let texts = Arc::new(Localizer::embedded().expect("locales"));
    Arc::new(Engine::new(repo, sessions, texts, EngineConfig::default()))
}

/// A seeded database's engine with in-process sessions.
pub async fn seeded_engine(db: &TestDb) -> Arc<Engine> {
    seeded_engine_and_sessions(db).await.0
}

/// A seeded database's engine and its in-process sessions, for tests that expire, corrupt
/// or hold a session under the engine's feet.
pub async fn seeded_engine_and_sessions(db: &TestDb) -> (Arc<Engine>, Arc<InMemorySessionStore>) {
    db.seed().await;
    let sessions = Arc::new(InMemorySessionStore::new());
    (engine_with(db.repo.clone(), sessions.clone()), sessions)
}

/// An engine with `config` over a database seeded (calendar from the clock's now on) with
/// the reference data and the demo records (`seed::DEMO`: `ALEX`, `MEI`), with in-process
/// sessions; its turns read the time from `clock`.
pub async fn demo_engine(db: &TestDb, config: EngineConfig, clock: SharedClock) -> Arc<Engine> {
    db.seed_at(clock.now()).await;
    visadesk_bot::seed::load(db.repo.as_ref(), visadesk_bot::seed::DEMO)
        .await
        .expect("demo records");
    let texts = Arc::new(Localizer::embedded().expect("locales"));
    let sessions = Arc::new(InMemorySessionStore::new());
    Arc::new(Engine::new(db.repo.clone(), sessions, texts, config).with_clock(clock))
}

impl TestDb {
    /// Whether the newest 100 audit lines hold one with this action and outcome.
    pub async fn audited(&self, action: &str, outcome: &str) -> bool {
        self.repo
            .audit_log(100)
            .await
            .expect("audit log")
            .iter()
            .any(|a| a.action == action && a.outcome == outcome)
    }

    /// Runs one SQL statement directly on the test database, bypassing the repository: for
    /// tests that play an attacker or a broken disk (tampering with a stored value).
    pub async fn execute(&self, sql: &str) -> u64 {
        if self.url.starts_with("sqlite:") {
            let done = execute_on::<sqlx::SqliteConnection>(&self.url, sql).await;
            done.rows_affected()
        } else {
            let done = execute_on::<sqlx::PgConnection>(&self.url, sql).await;
            done.rows_affected()
        }
    }
}

impl TestDb {
    /// Every row of every table of the database, each as one text (its columns joined), with
    /// its table: what someone holding a copy of the database reads.
    pub async fn every_row(&self) -> Vec<(String, String)> {
        use sqlx::Connection;
        let mut rows = Vec::new();
        if self.url.starts_with("sqlite:") {
            let mut conn = sqlx::SqliteConnection::connect(&self.url).await.unwrap();
            let tables: Vec<String> = sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
            .fetch_all(&mut conn)
            .await
            .unwrap();
            for table in tables {
                let columns: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT name FROM pragma_table_info('{table}')"
                )))
                .fetch_all(&mut conn)
                .await
                .unwrap();
                // Bytes: a blob column cast to text need not be UTF-8.
                let texts: Vec<Vec<u8>> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT CAST({} AS BLOB) FROM {table}",
                    joined(&columns)
                )))
                .fetch_all(&mut conn)
                .await
                .unwrap();
                rows.extend(
                    texts
                        .into_iter()
                        .map(|t| (table.clone(), String::from_utf8_lossy(&t).to_string())),
                );
            }
        } else {
            let mut conn = sqlx::PgConnection::connect(&self.url).await.unwrap();
            let tables: Vec<String> = sqlx::query_scalar(
                "SELECT table_name::text FROM information_schema.tables \
                 WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
            )
            .fetch_all(&mut conn)
            .await
            .unwrap();
            for table in tables {
                let texts: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT t::text FROM {table} t"
                )))
                .fetch_all(&mut conn)
                .await
                .unwrap();
                rows.extend(texts.into_iter().map(|t| (table.clone(), t)));
            }
        }
        rows
    }

    /// The first column of every row `sql` selects, as text (a stored value as it is).
    pub async fn texts(&self, sql: &str) -> Vec<String> {
        use sqlx::Connection;
        if self.url.starts_with("sqlite:") {
            let mut conn = sqlx::SqliteConnection::connect(&self.url).await.unwrap();
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
                .fetch_all(&mut conn)
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e}"))
        } else {
            let mut conn = sqlx::PgConnection::connect(&self.url).await.unwrap();
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
                .fetch_all(&mut conn)
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e}"))
        }
    }
}

/// The columns of a row as one text expression (SQLite).
fn joined(columns: &[String]) -> String {
    columns
        .iter()
        .map(|c| format!("COALESCE(CAST(\"{c}\" AS TEXT), '')"))
        .collect::<Vec<_>>()
        .join(" || '|' || ")
}

/// Runs `sql` on a connection of its own to `url`.
async fn execute_on<C>(url: &str, sql: &str) -> <C::Database as sqlx::Database>::QueryResult
where
    C: Connection,
    for<'c> &'c mut C: sqlx::Executor<'c, Database = C::Database>,
{
    let mut conn = C::connect(url)
        .await
        .unwrap_or_else(|e| panic!("connect to {url}: {e}"));
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()))
        .execute(&mut conn)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Runs a command-line tool the tests need (`pdftotext`, `zbarimg`, `python3`), failing with
/// how to install it when it is missing.
pub fn run_tool(program: &str, args: &[&str], package: &str) -> std::process::Output {
    match std::process::Command::new(program).args(args).output() {
        Ok(output) => output,
        Err(e) => panic!(
            "cannot run {program}: {e}; install the Debian package `{package}` \
             (`bash deploy/local/test.sh` does it)"
        ),
    }
}

/// The text `field` of every object in the JSON array `list`, in order.
pub fn strings_of<'a>(list: &'a serde_json::Value, field: &str) -> Vec<&'a str> {
    let items = list
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"));
    items
        .iter()
        .map(|item| {
            item[field]
                .as_str()
                .unwrap_or_else(|| panic!("no {field} in {item}"))
        })
        .collect()
}

/// Serves `router` on a random port of 127.0.0.1 until the test ends: the fake platforms'
/// servers. Returns the bound address.
pub async fn serve_fake(router: axum::Router) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    address
}

/// Sends `request` and reads the answer as JSON, whatever its status.
pub async fn json_answer(request: reqwest::RequestBuilder) -> serde_json::Value {
    request.send().await.unwrap().json().await.unwrap()
}

/// Sends `request` and reads the answer as text, whatever its status.
pub async fn text_answer(request: reqwest::RequestBuilder) -> String {
    request.send().await.unwrap().text().await.unwrap()
}

/// The first stored office for which `which` holds.
pub async fn find_office(
    repo: &dyn Repository,
    which: impl Fn(&visadesk_bot::domain::Office) -> bool,
) -> visadesk_bot::domain::Office {
    repo.offices()
        .await
        .unwrap()
        .into_iter()
        .find(which)
        .expect("an office that fits")
}

/// The stored applicant with this nationality and passport number.
pub async fn applicant(
    repo: &dyn Repository,
    nationality: &str,
    passport: &str,
) -> visadesk_bot::store::Applicant {
    let nationality = nationality.parse().expect("a nationality code");
    let passport_no = passport.parse().expect("a passport number");
    repo.applicant_by_passport(&nationality, &passport_no)
        .await
        .expect("read the applicant")
        .unwrap_or_else(|| panic!("no applicant with passport {passport}"))
}

/// Books a place of `slot_id` for `service` for `chat_user_id` straight in the store, as
/// another person booking elsewhere would (a made-up name, phone and passport number of
/// their own), asserting the place was taken.
pub async fn book_in_store(
    repo: &dyn Repository,
    slot_id: i64,
    service: &str,
    chat_user_id: i64,
    now: DateTime<Utc>,
) {
    use visadesk_bot::domain::Personal;
    use visadesk_bot::store::{BookingLimits, BookingOutcome, NewAppointment};
    let appointment = NewAppointment {
        slot_id,
        service: service.parse().expect("a service code"),
        chat_user_id,
        full_name: Personal::new("Other Person".into()),
        nationality: "FRA".parse().unwrap(),
        passport_no: format!("F{chat_user_id:08}").parse().unwrap(),
        phone: Personal::new("+33123456789".into()),
        from_address: None,
        applicant_id: None,
    };
    let booked = repo
        .book(&appointment, BookingLimits::default(), now)
        .await
        .expect("book in the store");
    assert!(matches!(booked, BookingOutcome::Booked(_)), "{booked:?}");
}

/// Serves `routes` on a random port with a fresh record of what the fake platform was sent
/// as their state; returns the address and the record.
pub async fn serve_recording<R: Default + Send + 'static>(
    routes: axum::Router<Arc<std::sync::Mutex<R>>>,
) -> (std::net::SocketAddr, Arc<std::sync::Mutex<R>>) {
    let record = Arc::new(std::sync::Mutex::new(R::default()));
    let address = serve_fake(routes.with_state(record.clone())).await;
    (address, record)
}

/// Stores `session` (as the engine serializes it) under `key`, idle for at most `idle`.
pub async fn store_session(
    sessions: &dyn SessionStore,
    key: &visadesk_bot::store::SessionKey,
    session: &visadesk_bot::dialogue::Session,
    idle: Duration,
) {
    sessions
        .save(key, &serde_json::to_string(session).unwrap(), idle)
        .await
        .unwrap();
}

/// Sends `signal` (`-TERM`, `-KILL`) to a child process with `kill`, asserting it was sent.
pub fn send_signal(child: &std::process::Child, signal: &str) {
    let pid = child.id().to_string();
    assert!(
        std::process::Command::new("kill")
            .args([signal, &pid])
            .status()
            .unwrap()
            .success(),
        "kill {signal} {pid}"
    );
}
