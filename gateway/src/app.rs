//! Start-up: from `Settings` to a connected `App` (repository, session store, texts), and
//! the preparation every role needs (migrations, reference seed, slot calendar).
//! Every failure here is a `StartupError`: one line naming the setting, exit code 2.

use crate::config::Settings;
use std::sync::Arc;
use std::time::Duration;
use visadesk_bot::clock::{self, SharedClock};
use visadesk_bot::dialogue::{Engine, EngineConfig};
use visadesk_bot::documents::{DocumentIssuer, FONT_CANDIDATES, ServiceKey};
use visadesk_bot::i18n::Localizer;
use visadesk_bot::import::ImportKind;
use visadesk_bot::store::backoffice::{self, BackofficeStore};
use visadesk_bot::store::{
    DataKeys, ExpiringStore, InMemoryExpiringStore, InMemorySessionStore, RedisSessionStore,
    Repository, SealedExpiring, SealedSessions, SessionStore,
};
use visadesk_bot::{seed, slots};

/// How long start-up waits for the database or Redis before giving up.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Why the service could not start.
#[derive(Debug, thiserror::Error)]
#[error("{}{message}", setting.as_ref().map(|s| format!("{s}: ")).unwrap_or_default())]
pub struct StartupError {
    pub setting: Option<String>,
    pub message: String,
}

impl StartupError {
    pub fn setting(setting: &str, message: impl Into<String>) -> Self {
        Self {
            setting: Some(setting.to_string()),
            message: message.into(),
        }
    }

    pub fn other(message: impl Into<String>) -> Self {
        Self {
            setting: None,
            message: message.into(),
        }
    }
}

impl From<crate::config::ConfigError> for StartupError {
    fn from(e: crate::config::ConfigError) -> Self {
        StartupError::setting(&e.setting, e.message)
    }
}

/// The shared parts every role (server, terminal chat, import) works with: the core
/// services only. Channel adapters keep their own settings and clients (`channels::Channels`).
#[derive(Clone)]
pub struct App {
    pub settings: Arc<Settings>,
    pub repo: Arc<dyn Repository>,
    /// Dialogue sessions and their turn locks.
    pub sessions: Arc<dyn SessionStore>,
    /// Download links, WhatsApp service windows, pacing markers, de-duplication and rate
    /// counts (on the same Redis connection as `sessions`).
    pub expiring: Arc<dyn ExpiringStore>,
    pub texts: Arc<Localizer>,
    /// The conversation engine every channel drives.
    pub engine: Arc<Engine>,
    /// Signs e-documents and checks them on the verify page; `None` for administrative
    /// commands, which create no signing key and read no font (see `Purpose`).
    pub documents: Option<Arc<DocumentIssuer>>,
    /// Tokens, office writes, the outbox and scheduler leases (same pool as `repo`).
    pub backoffice: Arc<dyn BackofficeStore>,
    /// The one clock the engine, the back office, the dispatcher and the scheduler read.
    pub clock: SharedClock,
}

/// What a command does with the app. Serving users (the service, the terminal chat) needs
/// the e-document signing key (created on first use) and the PDF font; administration
/// (`migrate`, `import`, `token`) needs neither, so it creates no key file wherever it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Users,
    Administration,
}

/// What to do before serving.
#[derive(Debug, Clone, Copy)]
pub struct Preparation {
    pub migrate: bool,
    pub seed: bool,
    pub demo: bool,
}

impl Preparation {
    /// Migrated and with the reference data: what a command that writes needs.
    pub const SEEDED: Preparation = Preparation {
        migrate: true,
        seed: true,
        demo: false,
    };
    /// Migrated only: an import brings its own data.
    pub const MIGRATED: Preparation = Preparation {
        migrate: true,
        seed: false,
        demo: false,
    };
}

impl App {
    /// Connects to the database and the session store named by the settings, on the wall
    /// clock.
    pub async fn connect(settings: Settings, purpose: Purpose) -> Result<App, StartupError> {
        App::connect_with_clock(settings, purpose, clock::system()).await
    }

    /// Like `connect`, with every part reading the time from `clock` (tests set the instant
    /// they mean this way).
    pub async fn connect_with_clock(
        settings: Settings,
        purpose: Purpose,
        clock: SharedClock,
    ) -> Result<App, StartupError> {
        let texts =
            Localizer::embedded().map_err(|e| StartupError::other(format!("locale files: {e}")))?;
        let keys = Arc::new(data_keys(&settings)?);
        let (repo, backoffice) = backoffice::connect(
            settings.database_url.as_str(),
            CONNECT_TIMEOUT,
            keys.clone(),
        )
        .await
        .map_err(|e| {
            StartupError::setting(
                "DATABASE_URL",
                format!(
                    "cannot open the database at {}: {e}",
                    settings.database_url.redacted()
                ),
            )
        })?;
        let (sessions, expiring): (Arc<dyn SessionStore>, Arc<dyn ExpiringStore>) = match &settings
            .redis_url
        {
            Some(url) => {
                let redis = RedisSessionStore::connect(url, "visadesk:", CONNECT_TIMEOUT)
                    .await
                    .map_err(|e| {
                        StartupError::setting(
                            "REDIS_URL",
                            format!("cannot reach Redis at {}: {e}", crate::config::redact(url)),
                        )
                    })?;
                let expiring = redis.expiring_store();
                (Arc::new(redis), Arc::new(expiring))
            }
            None => (
                Arc::new(InMemorySessionStore::new()),
                Arc::new(InMemoryExpiringStore::new()),
            ),
        };
        // Drafts in sessions and documents behind download links are personal: sealed.
        let sessions: Arc<dyn SessionStore> = Arc::new(SealedSessions::new(sessions, keys.clone()));
        let expiring: Arc<dyn ExpiringStore> = Arc::new(SealedExpiring::new(expiring, keys));
        let texts = Arc::new(texts);
        let documents = match purpose {
            Purpose::Users => Some(Arc::new(document_issuer(&settings)?)),
            Purpose::Administration => None,
        };
        let mut engine = Engine::new(
            repo.clone(),
            sessions.clone(),
            texts.clone(),
            EngineConfig {
                session_idle: settings.session_idle,
                limits: settings.limits,
                booking_days: settings.slot_template.working_days,
                ..EngineConfig::default()
            },
        )
        .with_clock(clock.clone());
        if let Some(documents) = &documents {
            engine = engine.with_documents(documents.clone());
        }
        let engine = Arc::new(engine);
        Ok(App {
            settings: Arc::new(settings),
            repo,
            sessions,
            expiring,
            texts,
            engine,
            documents,
            backoffice,
            clock,
        })
    }

    /// Writes an audit line for an operator's command (`visadesk token`, `visadesk keys`).
    pub async fn audit_operator(
        &self,
        action: &'static str,
        subject: String,
        outcome: &'static str,
    ) -> Result<(), visadesk_bot::store::StoreError> {
        self.repo
            .audit(
                &visadesk_bot::store::AuditEntry {
                    actor_kind: "cli",
                    actor: "operator".into(),
                    channel: None,
                    action,
                    subject: Some(subject),
                    outcome,
                },
                self.clock.now(),
            )
            .await
    }

    /// Loads bundled data (`what` names it in the log and in an error).
    async fn load(
        &self,
        files: &[(ImportKind, &'static str, &'static str)],
        what: &str,
    ) -> Result<(), StartupError> {
        let report = seed::load(self.repo.as_ref(), files)
            .await
            .map_err(|e| StartupError::other(format!("{what}: {e}")))?;
        tracing::info!(
            inserted = report.inserted,
            updated = report.updated,
            "{what} loaded"
        );
        Ok(())
    }

    /// Migrates, loads the reference seed (and the demo records), and fills the slot
    /// calendar. Safe to run on every start and from several processes at once.
    pub async fn prepare(&self, what: Preparation) -> Result<(), StartupError> {
        if what.migrate {
            self.repo.migrate().await.map_err(|e| {
                StartupError::setting("DATABASE_URL", format!("migration failed: {e}"))
            })?;
        }
        if what.seed {
            self.load(seed::REFERENCE, "reference data").await?;
        }
        if what.demo {
            self.load(seed::DEMO, "demo data").await?;
        }
        if what.seed {
            let created = slots::fill_calendar(
                self.repo.as_ref(),
                &self.settings.slot_template,
                self.clock.now(),
            )
            .await
            .map_err(|e| StartupError::other(format!("slot calendar: {e}")))?;
            tracing::info!(created, "slot calendar filled");
        }
        Ok(())
    }
}

/// The keys that seal personal data: from `VISADESK_DATA_KEYS` when set, else from the key
/// file (created owner-only on first start, like the signing key).
pub fn data_keys(settings: &Settings) -> Result<DataKeys, StartupError> {
    match &settings.data_keys {
        Some(text) => DataKeys::parse(text.expose())
            .map_err(|e| StartupError::setting("VISADESK_DATA_KEYS", e.to_string())),
        None => DataKeys::load_or_create(&settings.data_key_file)
            .map_err(|e| StartupError::setting("VISADESK_DATA_KEY_FILE", e.to_string())),
    }
}

/// The e-document signing key (created on first run) and the PDF font: the configured file,
/// else the first usual system font that exists. Without a font the service still runs and
/// tells users that e-documents are unavailable; an unreadable configured file stops start-up.
fn document_issuer(settings: &Settings) -> Result<DocumentIssuer, StartupError> {
    let key = ServiceKey::load_or_create(&settings.signing_key_file)
        .map_err(|e| StartupError::setting("VISADESK_SIGNING_KEY_FILE", e.to_string()))?;
    let font = match &settings.pdf_font {
        Some(path) => Some(std::fs::read(path).map_err(|e| {
            StartupError::setting(
                "VISADESK_PDF_FONT",
                format!("cannot read {}: {e}", path.display()),
            )
        })?),
        None => FONT_CANDIDATES
            .iter()
            .find_map(|path| std::fs::read(path).ok()),
    };
    if font.is_none() {
        tracing::warn!(
            "no PDF font found (install fonts-wqy-microhei or set VISADESK_PDF_FONT): e-documents are unavailable"
        );
    }
    Ok(DocumentIssuer {
        key,
        issuer: settings.issuer_name.clone(),
        public_url: settings.public_url.clone(),
        font: font.map(Arc::new),
    })
}
