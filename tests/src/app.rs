//! The real service, in-process, on a random port of 127.0.0.1.

use chrono::TimeDelta;
use std::net::SocketAddr;
use tokio::sync::oneshot;
use visadesk_bot::clock::SharedClock;
use visadesk_bot::domain::PermitKind;
use visadesk_bot::notify::{Notice, dedup_key};
use visadesk_bot::store::backoffice::PlannedNotice;
use visadesk_gateway::app::{App, Preparation};
use visadesk_gateway::channels::Channels;
use visadesk_gateway::channels::telegram::{self, TelegramTask};
use visadesk_gateway::config::{RawSettings, Settings};
use visadesk_gateway::http;

/// A running service; dropping it shuts the server down.
pub struct TestApp {
    pub address: SocketAddr,
    /// Where `/metrics` is served when the settings give it a listener of its own
    /// (`metrics_bind`, bound to a random port).
    pub metrics_address: Option<SocketAddr>,
    pub app: App,
    /// The configured channel adapters, as `serve` builds them.
    pub channels: Channels,
    pub client: reqwest::Client,
    /// Telegram's update source (polling), when the settings enable Telegram.
    pub telegram: Option<TelegramTask>,
    _shutdown: oneshot::Sender<()>,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// GETs `path` (no credentials).
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// GETs `path` and reads the answer as JSON, whatever its status.
    pub async fn get_json(&self, path: &str) -> serde_json::Value {
        self.get(path).await.json().await.unwrap()
    }

    /// GETs `path` and reads the answer as text, whatever its status.
    pub async fn get_text(&self, path: &str) -> String {
        self.get(path).await.text().await.unwrap()
    }

    /// Stores a back-office token with these scopes (and offices, `None`: every office) and
    /// returns its secret, as `visadesk token create` would.
    pub async fn token(&self, name: &str, scopes: &[&str], offices: Option<&[&str]>) -> String {
        let secret = visadesk_gateway::token::new_secret();
        let scopes: Vec<String> = scopes.iter().map(|s| s.to_string()).collect();
        let offices: Option<Vec<String>> =
            offices.map(|o| o.iter().map(|s| s.to_string()).collect());
        let created = self
            .app
            .backoffice
            .create_token(
                name,
                &visadesk_bot::store::backoffice::hash_api_token(&secret),
                &scopes,
                offices.as_deref(),
                self.app.clock.now(),
            )
            .await
            .expect("store a token");
        assert!(created, "a token named {name} exists already");
        secret
    }

    /// `n` due "visa expires in 7 days" notices spread over `users` generic chat users
    /// (`user-0`, `user-1`, …, created here), not yet enqueued: load for the dispatcher.
    pub async fn due_permit_notices(&self, users: usize, n: usize) -> Vec<PlannedNotice> {
        let mut ids = Vec::with_capacity(users);
        for u in 0..users {
            let name = format!("user-{u}");
            let user = self.app.repo.chat_user("generic", &name, "en").await;
            ids.push(user.expect("chat user").id);
        }
        let now = self.app.clock.now();
        (0..n)
            .map(|i| {
                let user = ids[i % users];
                PlannedNotice {
                    dedup_key: dedup_key(&format!("permits:{i}"), user),
                    chat_user_id: user,
                    applicant_id: None,
                    notice: Notice::PermitExpiring {
                        permit_kind: PermitKind::Visa,
                        expires_on: crate::beijing_date(now) + TimeDelta::days(7),
                        days: 7,
                        renewal_service: "visa-extension".into(),
                    },
                    due_at: now - TimeDelta::seconds(1),
                }
            })
            .collect()
    }
}

/// Starts the service with `raw` settings (bind forced to 127.0.0.1:0), migrated and seeded,
/// with Telegram connected when configured. `{address}` in `telegram_webhook_url` becomes
/// the bound address (Telegram is told where to post before the service starts).
pub async fn spawn_app(raw: RawSettings) -> TestApp {
    spawn_app_at(raw, visadesk_bot::clock::system()).await
}

/// `spawn_app` with every part of the service (engine, back office, dispatcher, scheduler,
/// slot calendar) reading the time from `clock`.
pub async fn spawn_app_at(mut raw: RawSettings, clock: SharedClock) -> TestApp {
    raw.bind = Some("127.0.0.1:0".into());
    // Files the service creates (its signing key, downloads) stay out of the source tree, in
    // a directory of this app's own: the secrets derived from its key (the web chat's
    // address digests) then differ between apps, so apps sharing Redis do not share the
    // web chat's per-address budget and one test's flood does not limit another.
    raw.data_keys
        .get_or_insert_with(|| crate::TEST_DATA_KEYS.into());
    raw.data_dir.get_or_insert_with(|| {
        std::env::temp_dir()
            .join("visadesk-tests")
            .join(uuid::Uuid::new_v4().simple().to_string())
            .display()
            .to_string()
    });
    let listener = http::bind("127.0.0.1:0".parse().unwrap())
        .await
        .expect("bind a random port");
    let address = listener.local_addr().expect("local address");
    if let Some(url) = &mut raw.telegram_webhook_url {
        *url = url.replace("{address}", &address.to_string());
    }
    let metrics = match raw.metrics_bind.is_some() {
        true => Some(
            http::bind("127.0.0.1:0".parse().unwrap())
                .await
                .expect("bind a random port for /metrics"),
        ),
        false => None,
    };
    let public_url_given = raw.public_url.is_some();
    let mut settings = Settings::parse(raw).expect("test settings parse");
    settings.bind = address;
    settings.metrics_bind = metrics
        .as_ref()
        .map(|l| l.local_addr().expect("local address"));
    if !public_url_given {
        settings.public_url = format!("http://{address}");
    }
    let app = App::connect_with_clock(settings, visadesk_gateway::app::Purpose::Users, clock)
        .await
        .expect("connect the test app");
    app.prepare(Preparation {
        migrate: true,
        seed: true,
        demo: true,
    })
    .await
    .expect("prepare the test app");
    let listeners = http::Listeners {
        main: listener,
        metrics,
    };
    let mut served = spawn_with_listeners(app, listeners, address);
    if let Some(channel) = &served.channels.telegram {
        served.telegram = Some(
            telegram::start(&served.app, channel)
                .await
                .expect("connect Telegram (the fake Bot API)"),
        );
    }
    served
}

/// Serves an already built `App` (for tests that swap a part, e.g. a failing store).
pub fn spawn_with(app: App, listener: tokio::net::TcpListener, address: SocketAddr) -> TestApp {
    let listeners = http::Listeners {
        main: listener,
        metrics: None,
    };
    spawn_with_listeners(app, listeners, address)
}

fn spawn_with_listeners(app: App, listeners: http::Listeners, address: SocketAddr) -> TestApp {
    let (tx, rx) = oneshot::channel::<()>();
    let channels = Channels::new(&app).expect("build the channels");
    let served = app.clone();
    let served_channels = channels.clone();
    let metrics_address = app.settings.metrics_bind;
    tokio::spawn(async move {
        let _ = http::serve(served, &served_channels, listeners, async {
            let _ = rx.await;
        })
        .await;
    });
    TestApp {
        address,
        metrics_address,
        app,
        channels,
        client: reqwest::Client::new(),
        telegram: None,
        _shutdown: tx,
    }
}

/// The service on a fresh SQLite database, with `raw` for anything else (secrets, limits).
pub async fn spawn_sqlite_app(raw: RawSettings) -> (crate::TestDb, TestApp) {
    let db = crate::TestDb::sqlite().await;
    let app = spawn_app(RawSettings {
        database_url: Some(db.url.clone()),
        ..raw
    })
    .await;
    (db, app)
}
