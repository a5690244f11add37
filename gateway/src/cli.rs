//! The `visadesk` command line: one binary, many roles (`serve`, `migrate`, `import`,
//! `token`, `keys`, `chat`, `health`). Each subcommand maps to a function here; `main` only turns the
//! outcome into an exit code.

use crate::app::{App, Preparation, Purpose, StartupError};
use crate::config::Settings;
use crate::{chat, dispatch, http, token};
use clap::{Parser, Subcommand};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;
use visadesk_bot::import::{self, ImportKind};

/// How long `visadesk health` waits for the answer (Docker's default check timeout is 30 s;
/// the image's HEALTHCHECK gives it 5).
const HEALTH_TIMEOUT: Duration = Duration::from_secs(4);

#[derive(Debug, Parser)]
#[command(
    name = "visadesk",
    version = crate::build_info::VERSION_LINE,
    about = "Chat assistant and messaging gateway for China's Exit-Entry services"
)]
pub struct Cli {
    /// Configuration file (TOML); default: ./visadesk.toml when present.
    #[arg(long, global = true, env = "VISADESK_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP server (health, readiness, channels).
    Serve {
        /// Also load the fictional demo records described in the README.
        #[arg(long)]
        demo: bool,
        /// Do not apply database migrations on start.
        #[arg(long)]
        no_migrate: bool,
    },
    /// Apply the database migrations and load the reference data, then exit.
    Migrate,
    /// Import records from a CSV or JSON file, all or nothing.
    Import {
        /// offices, services, slots, applicants, applications or holidays.
        kind: ImportKind,
        /// A .csv or .json file.
        file: PathBuf,
    },
    /// Back-office API tokens: create (the secret is shown once), list, revoke.
    Token {
        #[command(subcommand)]
        action: TokenCommand,
    },
    /// The keys that seal personal data: rotate, then remove the retired key.
    Keys {
        #[command(subcommand)]
        action: KeysCommand,
    },
    /// Talk to visadesk in the terminal (one message per line when not interactive).
    Chat {
        /// Language of the conversation: a folder of `locales/` (en, zh-CN, ru, ko, ja, fr,
        /// es, ar, vi …) or a tag of its language (`ko-KR`); any other is refused.
        #[arg(long)]
        locale: Option<String>,
        /// Who you are in this chat (each name has its own session).
        #[arg(long = "as", value_name = "USER", default_value = "terminal")]
        user: String,
    },
    /// Ask the `serve` of these settings whether it is alive (`/healthz`): exit code 0 when
    /// it answers 200, 1 otherwise (the container image's HEALTHCHECK).
    Health {
        /// Ask `/readyz` instead: the database and the session store answer too.
        #[arg(long)]
        ready: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a token and print its secret (only this once; only its digest is stored).
    Create {
        /// A unique name; audit lines name the token by it.
        #[arg(long)]
        name: String,
        /// Comma-separated scopes, e.g. applications:write,audit:read.
        #[arg(long, value_delimiter = ',', required = true)]
        scopes: Vec<String>,
        /// Comma-separated office ids the token may act for (default: every office).
        #[arg(long, value_delimiter = ',')]
        offices: Option<Vec<String>>,
    },
    /// List tokens (never their secrets).
    List,
    /// Revoke a token by name; requests with it get 401 from then on.
    Revoke {
        #[arg(long)]
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Print a fresh key file (for a Kubernetes Secret or `VISADESK_DATA_KEYS`); writes
    /// nothing and touches no database.
    Generate,
    /// Add a new active key to the key file (the old one is retired and still opens what it
    /// sealed) and re-seal every personal value with it, in batches.
    Rotate,
    /// Once every process runs with the rotated key file: re-seal what is left and remove the
    /// retired keys from the file (refused while a value is still sealed with one).
    RemoveRetired,
}

/// What went wrong, and which exit code says so.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad configuration or an unreachable dependency: exit code 2.
    #[error(transparent)]
    Startup(#[from] StartupError),
    /// The command ran and failed (rejected import, I/O): exit code 1.
    #[error("{0}")]
    Failed(String),
}

impl CliError {
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Startup(_) => 2,
            CliError::Failed(_) => 1,
        }
    }
}

/// Refuses a `--locale` visadesk does not speak, naming the ones it does, instead of
/// falling back to English without a word.
fn known_locale(locale: &str) -> Result<(), CliError> {
    let texts = visadesk_bot::i18n::Localizer::embedded()
        .map_err(|e| CliError::Failed(format!("locale files: {e}")))?;
    if texts.supported(locale).is_some() {
        return Ok(());
    }
    Err(CliError::Failed(format!(
        "--locale: unknown language `{locale}`; supported: {}",
        texts.locales().join(", ")
    )))
}

pub async fn run(cli: Cli) -> Result<(), CliError> {
    let settings = Settings::load(cli.config.as_deref()).map_err(StartupError::from)?;
    match cli.command {
        Command::Serve { demo, no_migrate } => {
            // Bind first: a taken port is reported before any database work.
            let listeners = http::Listeners::bind(&settings).await?;
            let app = App::connect(settings, Purpose::Users).await?;
            app.prepare(Preparation {
                migrate: !no_migrate,
                seed: true,
                demo,
            })
            .await?;
            let channels = crate::channels::Channels::new(&app)?;
            let telegram = match &channels.telegram {
                Some(telegram) => Some(crate::channels::telegram::start(&app, telegram).await?),
                None => None,
            };
            let address = listeners
                .main
                .local_addr()
                .map_err(|e| CliError::Failed(e.to_string()))?;
            let metrics_address = match &listeners.metrics {
                Some(l) => l
                    .local_addr()
                    .map_err(|e| CliError::Failed(e.to_string()))?,
                None => address,
            };
            tracing::info!(
                version = crate::build_info::VERSION,
                commit = crate::build_info::COMMIT,
                channels = channels.enabled().join(","),
                %address,
                %metrics_address,
                "visadesk is serving"
            );
            let (stop, stopped) = tokio::sync::watch::channel(false);
            let mut background = dispatch::start(&app, &channels, stopped.clone());
            // Turns that a stopped process left unfinished (`inbox`), in every process.
            background.push(tokio::spawn(crate::inbox::run(
                app.clone(),
                channels.clone(),
                stopped,
            )));
            let served = http::serve(app, &channels, listeners, async move {
                http::shutdown_signal().await;
                let _ = stop.send(true);
            })
            .await;
            for task in background {
                let _ = task.await;
            }
            if let Some(telegram) = telegram {
                telegram.stop().await;
            }
            served.map_err(|e| CliError::Failed(format!("server: {e}")))
        }
        Command::Migrate => {
            let app = App::connect(settings, Purpose::Administration).await?;
            app.prepare(Preparation::SEEDED).await?;
            println!("migrations applied, reference data loaded");
            Ok(())
        }
        Command::Import { kind, file } => {
            // Parse before connecting: a malformed file is reported without touching anything.
            let batch = import::read_file(kind, &file).map_err(|e| {
                CliError::Failed(format!("{}: {e}; nothing was imported", file.display()))
            })?;
            let app = App::connect(settings, Purpose::Administration).await?;
            app.prepare(Preparation::MIGRATED).await?;
            let report = app.repo.import(&batch).await.map_err(|e| {
                CliError::Failed(format!("{}: {e}; nothing was imported", file.display()))
            })?;
            println!(
                "{}: {} records: {} inserted, {} updated, {} unchanged",
                file.display(),
                batch.len(),
                report.inserted,
                report.updated,
                report.unchanged
            );
            Ok(())
        }
        Command::Token { action } => {
            let app = App::connect(settings, Purpose::Administration).await?;
            // Commands that write are migrated and seeded first (so `--offices` can be checked
            // against the known offices); listing only reads, and changes nothing.
            if !matches!(action, TokenCommand::List) {
                app.prepare(Preparation::SEEDED).await?;
            }
            token::run(&app, action).await
        }
        Command::Keys { action } => crate::keys::run(settings, action).await,
        Command::Health { ready } => check_health(settings.bind, ready).await,
        Command::Chat { locale, user } => {
            if let Some(locale) = &locale {
                known_locale(locale)?;
            }
            let app = App::connect(settings, Purpose::Users).await?;
            app.prepare(Preparation::SEEDED).await?;
            chat::run(&app, locale.as_deref(), &user)
                .await
                .map_err(|e| CliError::Failed(format!("chat: {e}")))
        }
    }
}

/// GETs `/healthz` (or `/readyz`) of the server listening on `bind`, through the loopback
/// address when it listens on every address (`0.0.0.0:8080` in the container image).
async fn check_health(bind: SocketAddr, ready: bool) -> Result<(), CliError> {
    let mut address = bind;
    if address.ip().is_unspecified() {
        address.set_ip(match address.ip() {
            IpAddr::V4(_) => Ipv4Addr::LOCALHOST.into(),
            IpAddr::V6(_) => Ipv6Addr::LOCALHOST.into(),
        });
    }
    let url = format!(
        "http://{address}{}",
        if ready { "/readyz" } else { "/healthz" }
    );
    let client = reqwest::Client::builder()
        .timeout(HEALTH_TIMEOUT)
        .no_proxy()
        .build()
        .map_err(|e| CliError::Failed(format!("HTTP client: {e}")))?;
    match client.get(&url).send().await {
        Ok(answer) if answer.status().is_success() => {
            println!("{url}: {}", answer.status());
            Ok(())
        }
        Ok(answer) => Err(CliError::Failed(format!(
            "{url} answered {}",
            answer.status()
        ))),
        Err(e) => {
            // reqwest's own text is "error sending request"; the cause says what happened.
            let mut reason = e.to_string();
            let mut cause = std::error::Error::source(&e);
            while let Some(c) = cause {
                reason = format!("{reason}: {c}");
                cause = c.source();
            }
            Err(CliError::Failed(format!("{url}: {reason}")))
        }
    }
}
