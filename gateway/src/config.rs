//! Typed, layered configuration: built-in defaults < optional `visadesk.toml` < environment.
//!
//! Raw values are read with figment, then parsed into `Settings`; a value that does not
//! parse stops start-up with one line naming the setting (`invalid VISADESK_BIND: …`).
//! The fields of `RawSettings` are the one list of settings. The TOML file uses them as
//! keys (`database_url`, `bind`, …); each has one environment name (`env_name`):
//! `DATABASE_URL`, `REDIS_URL`, `WECHAT_*`/`WHATSAPP_*`/`TELEGRAM_*` as they are, and
//! `VISADESK_<KEY>` for the rest.

use crate::channels::wechat::safe_mode::EncodingAesKey;
use crate::secret::Secret;
use figment::Figment;
use figment::providers::{Format, Serialized, Toml};
use serde::de::value::MapDeserializer;
use serde::de::{self, Deserializer, IntoDeserializer, Visitor};
use serde::{Deserialize, Serialize};
use serde_path_to_error::Segment;
use std::net::SocketAddr;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::time::Duration;
use visadesk_bot::documents::IssuerName;
use visadesk_bot::domain::SlotTemplate;
use visadesk_bot::retention::RetentionPolicy;
use visadesk_bot::store::BookingLimits;

/// A setting that could not be used; printed as one line, exit code 2.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {setting}: {message}")]
pub struct ConfigError {
    pub setting: String,
    pub message: String,
}

impl ConfigError {
    pub fn new(setting: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            setting: setting.into(),
            message: message.into(),
        }
    }
}

/// The environment variable that sets a TOML key.
pub fn env_name(key: &str) -> String {
    match key {
        "database_url" | "redis_url" => key.to_ascii_uppercase(),
        // Platform settings keep the platform's own prefix (`WECHAT_TOKEN`).
        platform
            if platform.starts_with("wechat_")
                || platform.starts_with("whatsapp_")
                || platform.starts_with("telegram_") =>
        {
            platform.to_ascii_uppercase()
        }
        other => format!("VISADESK_{}", other.to_ascii_uppercase()),
    }
}

/// Values as read, before parsing. Everything optional: defaults are applied in `Settings`.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSettings {
    pub database_url: Option<String>,
    pub redis_url: Option<String>,
    pub bind: Option<String>,
    pub metrics_bind: Option<String>,
    pub inbox_lease_seconds: Option<u64>,
    pub public_url: Option<String>,
    pub data_dir: Option<String>,
    pub session_idle_minutes: Option<u64>,
    pub slot_minutes: Option<u32>,
    pub slot_capacity: Option<i32>,
    pub booking_days: Option<usize>,
    pub max_appointments_per_user: Option<i64>,
    pub max_appointments_per_passport: Option<i64>,
    pub generic_secret: Option<Secret>,
    pub generic_rate_per_minute: Option<u64>,
    pub generic_timestamp_tolerance_seconds: Option<u64>,
    pub web_rate_per_minute: Option<u64>,
    pub web_bookings_per_address: Option<i64>,
    pub web_proof_of_work_bits: Option<u32>,
    pub web_idle_days: Option<u64>,
    pub trusted_proxies: Option<String>,
    pub wechat_token: Option<Secret>,
    pub wechat_app_id: Option<String>,
    pub wechat_app_secret: Option<Secret>,
    pub wechat_api_url: Option<String>,
    pub wechat_passive_timeout_ms: Option<u64>,
    pub wechat_timestamp_window_seconds: Option<u64>,
    pub wechat_encoding_aes_key: Option<Secret>,
    pub whatsapp_verify_token: Option<Secret>,
    pub whatsapp_app_secret: Option<Secret>,
    pub whatsapp_access_token: Option<Secret>,
    pub whatsapp_phone_number_id: Option<String>,
    pub whatsapp_api_url: Option<String>,
    pub whatsapp_api_version: Option<String>,
    pub whatsapp_notify_template: Option<String>,
    pub telegram_bot_token: Option<Secret>,
    pub telegram_api_url: Option<String>,
    pub telegram_webhook_url: Option<String>,
    pub telegram_webhook_secret: Option<Secret>,
    pub log_format: Option<String>,
    pub access_log: Option<String>,
    pub signing_key_file: Option<String>,
    pub data_key_file: Option<String>,
    pub data_keys: Option<Secret>,
    pub pdf_font: Option<String>,
    pub issuer_name: Option<String>,
    // Back-office API, dispatcher and scheduler (docs/operations.md).
    pub generic_callback_url: Option<String>,
    pub dispatcher: Option<String>,
    pub scheduler: Option<String>,
    pub dispatch_interval_ms: Option<u64>,
    pub dispatch_batch: Option<u64>,
    pub dispatch_max_attempts: Option<u64>,
    pub dispatch_lease_seconds: Option<u64>,
    pub dispatch_per_chat_per_second: Option<u64>,
    pub quiet_hours: Option<String>,
    pub cron_appointment_reminders: Option<String>,
    pub cron_permit_expiry: Option<String>,
    pub cron_pickup_reminders: Option<String>,
    pub cron_idle_web_users: Option<String>,
    // Retention (docs/operations.md, "Retention").
    pub retain_audit_days: Option<u64>,
    pub retain_notifications_days: Option<u64>,
    pub retain_seen_updates_days: Option<u64>,
    pub retain_codes_days: Option<u64>,
    pub retain_proof_attempts_days: Option<u64>,
    pub cron_retention: Option<String>,
}

impl RawSettings {
    /// Every setting's TOML name, in declaration order, as serde sees this struct. It is the
    /// only list of settings: the environment names derive from it, so a new field cannot be
    /// left out of the environment the way a hand-kept copy of the list could.
    pub fn field_names() -> &'static [&'static str] {
        match RawSettings::deserialize(FieldNames) {
            Err(Captured(Some(fields))) => fields,
            _ => {
                unreachable!("RawSettings is a plain struct, deserialized with deserialize_struct")
            }
        }
    }

    /// The settings `env` sets under our own names (an empty value counts as unset, so
    /// `REDIS_URL=` disables Redis), each converted to the type its field asks for.
    fn from_env(env: &[(String, String)]) -> Result<RawSettings, ConfigError> {
        let set = Self::field_names().iter().filter_map(|field| {
            let name = env_name(field);
            env.iter()
                .find(|(k, v)| *k == name && !v.trim().is_empty())
                .map(|(_, v)| (*field, EnvValue(v.trim())))
        });
        serde_path_to_error::deserialize(MapDeserializer::new(set)).map_err(|e| {
            let setting = match e.path().iter().next() {
                Some(Segment::Map { key }) => env_name(key),
                _ => "VISADESK_CONFIG".into(),
            };
            ConfigError::new(setting, e.into_inner().kind.to_string())
        })
    }
}

/// A deserializer that only records the field list serde passes to `deserialize_struct`:
/// serde keeps that list private otherwise.
struct FieldNames;

/// How `FieldNames` stops: with the fields, or `None` for anything but a struct.
#[derive(Debug)]
struct Captured(Option<&'static [&'static str]>);

impl std::fmt::Display for Captured {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("field names captured")
    }
}

impl std::error::Error for Captured {}

impl de::Error for Captured {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Captured(None)
    }
}

impl<'de> Deserializer<'de> for FieldNames {
    type Error = Captured;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Captured> {
        Err(Captured(None))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Captured> {
        Err(Captured(Some(fields)))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// One environment value, read as whatever type its field asks for: text for text settings,
/// a whole number for numeric ones. Serde says which, so no list of numeric settings is
/// needed. Errors are figment's, so they read as they would for the same value in the file.
struct EnvValue<'a>(&'a str);

/// The integer methods of `Deserializer`, all reading a whole number: non-negative ones
/// handed over as unsigned, as figment does for the file, so range errors read the same.
macro_rules! whole_numbers {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, figment::Error> {
            if let Ok(n) = self.0.parse::<u64>() {
                visitor.visit_u64(n)
            } else if let Ok(n) = self.0.parse::<i64>() {
                visitor.visit_i64(n)
            } else {
                Err(de::Error::custom(format!("'{}' is not a whole number", self.0)))
            }
        }
    )*};
}

impl<'de> Deserializer<'de> for EnvValue<'_> {
    type Error = figment::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, figment::Error> {
        visitor.visit_str(self.0)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, figment::Error> {
        visitor.visit_some(self)
    }

    whole_numbers! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
    }

    serde::forward_to_deserialize_any! {
        bool i128 u128 f32 f64 char str string bytes byte_buf unit unit_struct newtype_struct
        seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de> IntoDeserializer<'de, figment::Error> for EnvValue<'_> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// An IP address block (`10.0.0.0/8`, `2001:db8::/32`, or one address), for trusted proxies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpNetwork {
    address: std::net::IpAddr,
    prefix: u8,
}

impl IpNetwork {
    /// Whether `ip` lies in this block (IPv4-mapped IPv6 addresses count as IPv4).
    pub fn contains(&self, ip: std::net::IpAddr) -> bool {
        use std::net::IpAddr;
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        let (a, b, bits) = match (self.address, ip) {
            (IpAddr::V4(a), IpAddr::V4(b)) => {
                (u128::from(a.to_bits()), u128::from(b.to_bits()), 32)
            }
            (IpAddr::V6(a), IpAddr::V6(b)) => (a.to_bits(), b.to_bits(), 128),
            _ => return false,
        };
        let shift = bits - u32::from(self.prefix);
        shift >= bits || (a >> shift) == (b >> shift)
    }
}

impl std::str::FromStr for IpNetwork {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        let (address, prefix) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let address: std::net::IpAddr = address.parse().map_err(|_| ())?;
        let max = if address.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p.parse::<u8>().map_err(|_| ())?,
            None => max,
        };
        if prefix > max {
            return Err(());
        }
        Ok(IpNetwork { address, prefix })
    }
}

impl std::fmt::Display for IpNetwork {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let max = if self.address.is_ipv4() { 32 } else { 128 };
        if self.prefix == max {
            write!(f, "{}", self.address)
        } else {
            write!(f, "{}/{}", self.address, self.prefix)
        }
    }
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// The database engine chosen by `DATABASE_URL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URL without its password, for messages and logs.
    pub fn redacted(&self) -> String {
        redact(&self.0)
    }
}

/// Removes the password from a URL (`postgres://u:secret@h/db` → `postgres://u:***@h/db`).
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_string(),
    }
}

/// Parsed configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    pub database_url: DatabaseUrl,
    pub redis_url: Option<String>,
    pub bind: SocketAddr,
    /// Where `/metrics` is served instead of the main port (`VISADESK_METRICS_BIND`), so the
    /// public listener need not expose it; `None`: on the main port.
    pub metrics_bind: Option<SocketAddr>,
    /// How long a process that took a platform message has to run its turn before another
    /// process (or it, restarted) takes it over (`VISADESK_INBOX_LEASE_SECONDS`; `inbox`).
    pub inbox_lease: Duration,
    /// Base URL the outside world reaches this service at, without a trailing slash.
    pub public_url: String,
    pub data_dir: PathBuf,
    pub session_idle: Duration,
    pub slot_template: SlotTemplate,
    pub limits: BookingLimits,
    /// Enables the generic webhook; requests are signed with it (HMAC-SHA256).
    pub generic_secret: Option<Secret>,
    /// Messages one generic conversation may send per minute before getting 429.
    pub generic_rate_per_minute: u64,
    /// How far a generic request's signed timestamp may be from now, either way.
    pub generic_timestamp_tolerance: Duration,
    /// Web chat messages one client address may send per minute before getting 429.
    pub web_rate_per_minute: u64,
    /// Leading zero bits of the proof of work a browser finds before an anonymous booking is
    /// confirmed (0 turns the challenge off).
    pub web_proof_of_work_bits: u32,
    /// Web chat users idle this many days who keep nothing (no link, appointment ahead,
    /// delegation, …) are purged with their sessions (`visadesk_bot::retention`).
    pub web_idle_days: u64,
    /// Proxies whose `X-Forwarded-For` names the client; any other peer is the client.
    pub trusted_proxies: Vec<IpNetwork>,
    /// Enables the WeChat Official Account channel.
    pub wechat: Option<WeChatSettings>,
    /// Enables the WhatsApp Cloud API channel.
    pub whatsapp: Option<WhatsAppSettings>,
    /// Enables the Telegram channel.
    pub telegram: Option<TelegramSettings>,
    pub log_format: LogFormat,
    /// Whether every HTTP request gets an access line at INFO (`VISADESK_ACCESS_LOG=off`
    /// when a proxy in front logs them already).
    pub access_log: bool,
    /// The Ed25519 key that signs e-documents; created on first run when missing. Every
    /// process serving one database must use the same file.
    pub signing_key_file: PathBuf,
    /// Where the keys that seal personal data live; created (owner-only) on first start when
    /// missing and `data_keys` is not set. Every process of a deployment needs the same keys.
    pub data_key_file: PathBuf,
    /// The data keys themselves, when given in the environment (`VISADESK_DATA_KEYS`, the key
    /// file's text with `;` for line breaks): then the file is not read. Checked at load.
    pub data_keys: Option<Secret>,
    /// A font covering Latin, Cyrillic and Chinese for e-document PDFs; `None`: the first of
    /// the usual system fonts that exists.
    pub pdf_font: Option<PathBuf>,
    /// Who issues e-documents, per language (`VISADESK_ISSUER_NAME`: one name, or
    /// `en=…;ru=…;zh-CN=…`); unset: each language's default Exit-Entry Administration.
    pub issuer_name: IssuerName,
    pub notifications: NotificationSettings,
    /// How long expiring rows are kept (`VISADESK_RETAIN_*`); the scheduler's retention job
    /// deletes them after that.
    pub retention: RetentionPolicy,
}

/// Dispatcher and scheduler settings (`VISADESK_DISPATCH_*`, `VISADESK_CRON_*`, …).
#[derive(Debug, Clone)]
pub struct NotificationSettings {
    /// Where notifications for generic-webhook users are POSTed (signed like the webhook).
    pub generic_callback_url: Option<String>,
    /// Whether `serve` runs the dispatcher (`VISADESK_DISPATCHER=off` to scale it apart).
    pub dispatcher: bool,
    /// Whether `serve` runs the scheduler.
    pub scheduler: bool,
    /// How often the dispatcher looks for due rows when the last look found none.
    pub interval: Duration,
    /// Rows claimed at once.
    pub batch: i64,
    /// Attempts before a row goes to the dead-letter state.
    pub max_attempts: i32,
    /// How long a claim holds; a row of a process that died is taken again after it.
    pub lease: Duration,
    /// Messages per second to one chat (Telegram allows about one).
    pub per_chat_per_second: u32,
    /// Local hours (in the recipient's office zone) when non-urgent notices wait.
    pub quiet_hours: Option<(chrono::NaiveTime, chrono::NaiveTime)>,
    pub cron_appointment_reminders: String,
    pub cron_permit_expiry: String,
    pub cron_pickup_reminders: String,
    /// When idle anonymous web chat users are purged (`web_idle_days`).
    pub cron_idle_web_users: String,
    /// When rows past their retention period are deleted (`Settings::retention`).
    pub cron_retention: String,
}

/// Telegram Bot API settings (`TELEGRAM_*`).
#[derive(Clone)]
pub struct TelegramSettings {
    /// From @BotFather; `<bot id>:<secret>`.
    pub token: Secret,
    /// `https://api.telegram.org`, or a self-hosted `telegram-bot-api` (a fake one in tests).
    pub api_url: url::Url,
    /// Webhook mode when set; long polling otherwise.
    pub webhook: Option<TelegramWebhook>,
}

/// Where Telegram posts updates and the secret it sends with each one.
#[derive(Clone)]
pub struct TelegramWebhook {
    /// The public HTTPS URL Telegram calls; a reverse proxy forwards it to `POST /telegram`.
    pub url: url::Url,
    /// Sent by Telegram as `X-Telegram-Bot-Api-Secret-Token`. Derived from the token when not
    /// configured, so every process sharing a bot agrees on it without coordination.
    pub secret: Secret,
}

impl std::fmt::Debug for TelegramSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TelegramSettings")
            .field("api_url", &self.api_url.as_str())
            .field("webhook", &self.webhook.as_ref().map(|w| w.url.as_str()))
            .finish_non_exhaustive()
    }
}

impl TelegramSettings {
    /// The numeric id before the colon of the token: names this bot in de-duplication keys.
    pub fn bot_id(&self) -> &str {
        self.token.expose().split(':').next().unwrap_or_default()
    }
}

/// Parses the `TELEGRAM_*` values; `None` when no token is set.
fn parse_telegram(
    token: Option<Secret>,
    api_url: Option<String>,
    webhook_url: Option<String>,
    webhook_secret: Option<Secret>,
) -> Result<Option<TelegramSettings>, ConfigError> {
    let Some(token) = token else {
        return Ok(None);
    };
    let token_ok = token.expose().split_once(':').is_some_and(|(id, secret)| {
        !id.is_empty()
            && id.bytes().all(|b| b.is_ascii_digit())
            && !secret.is_empty()
            && secret
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    });
    if !token_ok {
        return Err(ConfigError::new(
            "TELEGRAM_BOT_TOKEN",
            "not a bot token from @BotFather (123456:ABC-DEF…)",
        ));
    }
    let api = api_url.unwrap_or_else(|| "https://api.telegram.org".into());
    let api_url = url::Url::parse(&api)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .ok_or_else(|| {
            ConfigError::new("TELEGRAM_API_URL", format!("'{api}' is not an http(s) URL"))
        })?;
    let webhook = match &webhook_url {
        Some(url) => {
            let url = url::Url::parse(url)
                .ok()
                .filter(|u| matches!(u.scheme(), "http" | "https"))
                .ok_or_else(|| {
                    ConfigError::new(
                        "TELEGRAM_WEBHOOK_URL",
                        format!("'{url}' is not an http(s) URL"),
                    )
                })?;
            let secret = match &webhook_secret {
                Some(secret) => {
                    let valid = (1..=256).contains(&secret.expose().len())
                        && secret
                            .expose()
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
                    if !valid {
                        return Err(ConfigError::new(
                            "TELEGRAM_WEBHOOK_SECRET",
                            "1 to 256 characters of A-Z, a-z, 0-9, _ and -",
                        ));
                    }
                    secret.clone()
                }
                None => derived_webhook_secret(token.expose()),
            };
            Some(TelegramWebhook { url, secret })
        }
        None => None,
    };
    Ok(Some(TelegramSettings {
        token,
        api_url,
        webhook,
    }))
}

/// HMAC-SHA256 of a fixed label under the bot token, hex: unguessable without the token,
/// the same in every process.
fn derived_webhook_secret(token: &str) -> Secret {
    use hmac::{Hmac, Mac};
    let mut mac =
        Hmac::<sha2::Sha256>::new_from_slice(token.as_bytes()).expect("HMAC takes any key");
    mac.update(b"visadesk telegram webhook secret");
    Secret::new(hex::encode(mac.finalize().into_bytes()))
}

/// WhatsApp Cloud API settings (`WHATSAPP_*`), all required together.
#[derive(Debug, Clone)]
pub struct WhatsAppSettings {
    /// Answers Meta's webhook verification (`hub.verify_token`).
    pub verify_token: Secret,
    /// Signs Meta's webhook requests (`X-Hub-Signature-256`).
    pub app_secret: Secret,
    /// Bearer token for sending messages.
    pub access_token: Secret,
    pub phone_number_id: String,
    /// `https://graph.facebook.com/v21.0` by default.
    pub api_base: String,
    /// An approved message template with one body parameter (`{{1}}`), in every language of
    /// the locales, for notifications outside the 24-hour customer-service window.
    pub notify_template: Option<String>,
}

/// WeChat Official Account settings (`WECHAT_*`).
#[derive(Debug, Clone)]
pub struct WeChatSettings {
    /// The token configured in the Official Account's server settings (signs requests).
    pub token: Secret,
    /// App id and secret for the customer-service message API; without them, answers that
    /// miss WeChat's 5-second window cannot be delivered later.
    pub app_id: Option<String>,
    pub app_secret: Option<Secret>,
    pub api_url: String,
    /// How long a turn may take before the answer goes through the customer-service API.
    pub passive_timeout: Duration,
    /// How far a request's timestamp may be from the service's clock, either way.
    pub timestamp_window: Duration,
    /// Safe mode: messages and answers encrypted with this key (and `app_id`).
    pub encoding_aes_key: Option<EncodingAesKey>,
}

impl Settings {
    /// Reads defaults, then `config_file` (or `./visadesk.toml` when present), then the
    /// process environment.
    pub fn load(config_file: Option<&Path>) -> Result<Settings, ConfigError> {
        let vars: Vec<(String, String)> = std::env::vars().collect();
        Self::load_from(config_file, &vars)
    }

    /// As `load`, with an explicit environment (for tests).
    pub fn load_from(
        config_file: Option<&Path>,
        env: &[(String, String)],
    ) -> Result<Settings, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(RawSettings::default()));
        match config_file {
            Some(path) => {
                std::fs::read_to_string(path).map_err(|e| {
                    ConfigError::new(
                        "VISADESK_CONFIG",
                        format!("cannot read {}: {e}", path.display()),
                    )
                })?;
                figment = figment.merge(Toml::file_exact(path));
            }
            None if Path::new("visadesk.toml").is_file() => {
                figment = figment.merge(Toml::file_exact("visadesk.toml"))
            }
            None => {}
        }
        // Only what the environment sets: a `None` merged over the file would blank its value.
        let mut from_env =
            serde_json::to_value(RawSettings::from_env(env)?).expect("settings serialize to JSON");
        if let serde_json::Value::Object(values) = &mut from_env {
            values.retain(|_, value| !value.is_null());
        }
        figment = figment.merge(Serialized::defaults(from_env));
        let raw: RawSettings = figment.extract().map_err(|e| {
            let setting = match (&e.kind, e.path.first()) {
                // Only the file can hold an unknown key, and it has no environment name:
                // name it as written there.
                (figment::error::Kind::UnknownField(key, _), _) => key.clone(),
                (_, Some(key)) => env_name(key),
                (_, None) => "VISADESK_CONFIG".into(),
            };
            ConfigError::new(setting, e.kind.to_string())
        })?;
        Self::parse(raw)
    }

    /// Applies defaults and parses every value.
    pub fn parse(raw: RawSettings) -> Result<Settings, ConfigError> {
        let notifications = parse_notifications(&raw)?;
        let retention = retention(&raw)?;
        let data_dir = PathBuf::from(raw.data_dir.unwrap_or_else(|| "data".into()));
        if data_dir.exists() && !data_dir.is_dir() {
            return Err(ConfigError::new(
                "VISADESK_DATA_DIR",
                format!("{} is not a directory", data_dir.display()),
            ));
        }
        let database_url = match raw.database_url {
            Some(url) => parse_database_url(&url)?,
            None => DatabaseUrl(format!(
                "sqlite://{}?mode=rwc",
                data_dir.join("visadesk.db").display()
            )),
        };
        let redis_url = match raw.redis_url {
            Some(url) => {
                let parsed = url::Url::parse(&url)
                    .map_err(|e| ConfigError::new("REDIS_URL", format!("not a URL: {e}")))?;
                if !matches!(parsed.scheme(), "redis" | "rediss") {
                    return Err(ConfigError::new(
                        "REDIS_URL",
                        "must start with redis:// or rediss://",
                    ));
                }
                Some(url)
            }
            None => None,
        };
        let bind_text = raw.bind.unwrap_or_else(|| "127.0.0.1:8080".into());
        let bind: SocketAddr = bind_text.parse().map_err(|_| {
            ConfigError::new(
                "VISADESK_BIND",
                format!("'{bind_text}' is not an address like 127.0.0.1:8080"),
            )
        })?;
        let metrics_bind = match raw.metrics_bind.as_deref() {
            None => None,
            Some(text) => Some(text.parse::<SocketAddr>().map_err(|_| {
                ConfigError::new(
                    "VISADESK_METRICS_BIND",
                    format!("'{text}' is not an address like 127.0.0.1:9464"),
                )
            })?),
        };
        // Port 0 (any free port) on both is two different ports.
        if metrics_bind == Some(bind) && bind.port() != 0 {
            return Err(ConfigError::new(
                "VISADESK_METRICS_BIND",
                "must differ from VISADESK_BIND (leave it unset to serve /metrics there)",
            ));
        }
        let inbox_lease = raw.inbox_lease_seconds.unwrap_or(60);
        in_range(inbox_lease, 1..=3600, "VISADESK_INBOX_LEASE_SECONDS")?;
        let public_url = match raw.public_url {
            Some(url) => {
                let parsed = url::Url::parse(&url).map_err(|e| {
                    ConfigError::new("VISADESK_PUBLIC_URL", format!("not a URL: {e}"))
                })?;
                if !matches!(parsed.scheme(), "http" | "https") || parsed.host().is_none() {
                    return Err(ConfigError::new(
                        "VISADESK_PUBLIC_URL",
                        "must be an http:// or https:// URL",
                    ));
                }
                url.trim_end_matches('/').to_string()
            }
            None => format!("http://{bind}"),
        };
        let idle = raw.session_idle_minutes.unwrap_or(30);
        in_range(idle, 1..=24 * 60, "VISADESK_SESSION_IDLE_MINUTES")?;
        let defaults = SlotTemplate::default();
        let slot_template = SlotTemplate {
            slot_minutes: raw.slot_minutes.unwrap_or(defaults.slot_minutes),
            capacity: raw.slot_capacity.unwrap_or(defaults.capacity),
            working_days: raw.booking_days.unwrap_or(defaults.working_days),
        };
        in_range(slot_template.slot_minutes, 5..=240, "VISADESK_SLOT_MINUTES")?;
        in_range(slot_template.capacity, 1..=1000, "VISADESK_SLOT_CAPACITY")?;
        in_range(slot_template.working_days, 1..=120, "VISADESK_BOOKING_DAYS")?;
        let default_limits = BookingLimits::default();
        let limits = BookingLimits {
            per_chat_user: raw
                .max_appointments_per_user
                .unwrap_or(default_limits.per_chat_user),
            per_passport: raw
                .max_appointments_per_passport
                .unwrap_or(default_limits.per_passport),
            per_address_per_office_day: raw
                .web_bookings_per_address
                .unwrap_or(default_limits.per_address_per_office_day),
        };
        in_range(
            limits.per_address_per_office_day,
            1..=10_000,
            "VISADESK_WEB_BOOKINGS_PER_ADDRESS",
        )?;
        in_range(
            limits.per_chat_user,
            1..=100,
            "VISADESK_MAX_APPOINTMENTS_PER_USER",
        )?;
        in_range(
            limits.per_passport,
            1..=100,
            "VISADESK_MAX_APPOINTMENTS_PER_PASSPORT",
        )?;
        if raw
            .generic_secret
            .as_ref()
            .is_some_and(|s| s.expose().len() < 16)
        {
            return Err(ConfigError::new(
                "VISADESK_GENERIC_SECRET",
                "must be at least 16 characters",
            ));
        }
        let generic_rate_per_minute = raw.generic_rate_per_minute.unwrap_or(60);
        in_range(
            generic_rate_per_minute,
            1..=100_000,
            "VISADESK_GENERIC_RATE_PER_MINUTE",
        )?;
        let web_rate_per_minute = raw.web_rate_per_minute.unwrap_or(30);
        in_range(
            web_rate_per_minute,
            1..=100_000,
            "VISADESK_WEB_RATE_PER_MINUTE",
        )?;
        // 18 bits: about 260,000 hashes, a fraction of a second in a browser; 28 would take
        // minutes on a phone.
        let web_proof_of_work_bits = raw.web_proof_of_work_bits.unwrap_or(18);
        in_range(
            web_proof_of_work_bits,
            0..=28,
            "VISADESK_WEB_PROOF_OF_WORK_BITS",
        )?;
        let web_idle_days = in_range(
            raw.web_idle_days.unwrap_or(30),
            1..=3650,
            "VISADESK_WEB_IDLE_DAYS",
        )?;
        let trusted_proxies = raw
            .trusted_proxies
            .as_deref()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<IpNetwork>().map_err(|()| {
                    ConfigError::new(
                        "VISADESK_TRUSTED_PROXIES",
                        format!("'{s}' is not an IP address or CIDR block"),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        // Longer than an hour only lengthens the time a captured request can be replayed in.
        let generic_timestamp_tolerance = raw.generic_timestamp_tolerance_seconds.unwrap_or(300);
        in_range(
            generic_timestamp_tolerance,
            1..=3600,
            "VISADESK_GENERIC_TIMESTAMP_TOLERANCE_SECONDS",
        )?;
        let telegram = parse_telegram(
            raw.telegram_bot_token,
            raw.telegram_api_url,
            raw.telegram_webhook_url,
            raw.telegram_webhook_secret,
        )?;
        let wechat = match raw.wechat_token {
            Some(token) => {
                let api_url = raw
                    .wechat_api_url
                    .unwrap_or_else(|| "https://api.weixin.qq.com".into());
                url::Url::parse(&api_url)
                    .map_err(|e| ConfigError::new("WECHAT_API_URL", format!("not a URL: {e}")))?;
                if raw.wechat_app_id.is_some() != raw.wechat_app_secret.is_some() {
                    return Err(ConfigError::new(
                        "WECHAT_APP_SECRET",
                        "WECHAT_APP_ID and WECHAT_APP_SECRET go together",
                    ));
                }
                let timeout = raw.wechat_passive_timeout_ms.unwrap_or(4_500);
                if timeout > 4_800 {
                    return Err(ConfigError::new(
                        "WECHAT_PASSIVE_TIMEOUT_MS",
                        "must be at most 4800 (WeChat waits 5 seconds)",
                    ));
                }
                let window = raw.wechat_timestamp_window_seconds.unwrap_or(300);
                in_range(window, 1..=3600, "WECHAT_TIMESTAMP_WINDOW_SECONDS")?;
                let encoding_aes_key = raw
                    .wechat_encoding_aes_key
                    .map(EncodingAesKey::parse)
                    .transpose()
                    .map_err(|e| ConfigError::new("WECHAT_ENCODING_AES_KEY", e))?;
                if encoding_aes_key.is_some() && raw.wechat_app_id.is_none() {
                    return Err(ConfigError::new(
                        "WECHAT_APP_ID",
                        "safe mode (WECHAT_ENCODING_AES_KEY) needs the app id: it is inside every message",
                    ));
                }
                Some(WeChatSettings {
                    token,
                    app_id: raw.wechat_app_id,
                    app_secret: raw.wechat_app_secret,
                    api_url: api_url.trim_end_matches('/').to_string(),
                    passive_timeout: Duration::from_millis(timeout),
                    timestamp_window: Duration::from_secs(window),
                    encoding_aes_key,
                })
            }
            None => None,
        };
        let whatsapp = match (
            raw.whatsapp_verify_token,
            raw.whatsapp_app_secret,
            raw.whatsapp_access_token,
            raw.whatsapp_phone_number_id,
        ) {
            (None, None, None, None) => None,
            (Some(verify_token), Some(app_secret), Some(access_token), Some(phone_number_id)) => {
                let url = raw
                    .whatsapp_api_url
                    .unwrap_or_else(|| "https://graph.facebook.com".into());
                url::Url::parse(&url)
                    .map_err(|e| ConfigError::new("WHATSAPP_API_URL", format!("not a URL: {e}")))?;
                let version = raw.whatsapp_api_version.unwrap_or_else(|| "v21.0".into());
                Some(WhatsAppSettings {
                    verify_token,
                    app_secret,
                    access_token,
                    phone_number_id,
                    api_base: format!("{}/{version}", url.trim_end_matches('/')),
                    notify_template: raw.whatsapp_notify_template,
                })
            }
            _ => {
                return Err(ConfigError::new(
                    "WHATSAPP_VERIFY_TOKEN",
                    "WHATSAPP_VERIFY_TOKEN, WHATSAPP_APP_SECRET, WHATSAPP_ACCESS_TOKEN and WHATSAPP_PHONE_NUMBER_ID go together",
                ));
            }
        };
        let log_format = match raw.log_format.as_deref() {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(ConfigError::new(
                    "VISADESK_LOG_FORMAT",
                    format!("'{other}' is not text or json"),
                ));
            }
        };
        let data_keys = raw.data_keys;
        if let Some(keys) = &data_keys {
            // Only the error's kind and line go out: never the keys.
            visadesk_bot::store::DataKeys::parse(keys.expose())
                .map_err(|e| ConfigError::new("VISADESK_DATA_KEYS", e.to_string()))?;
        }
        Ok(Settings {
            notifications,
            retention,
            database_url,
            redis_url,
            bind,
            metrics_bind,
            inbox_lease: Duration::from_secs(inbox_lease),
            public_url,
            session_idle: Duration::from_secs(idle * 60),
            slot_template,
            limits,
            generic_secret: raw.generic_secret,
            generic_rate_per_minute,
            generic_timestamp_tolerance: Duration::from_secs(generic_timestamp_tolerance),
            web_rate_per_minute,
            web_proof_of_work_bits,
            web_idle_days,
            trusted_proxies,
            wechat,
            whatsapp,
            telegram,
            log_format,
            access_log: parse_switch(raw.access_log.as_deref(), "VISADESK_ACCESS_LOG")?,
            signing_key_file: raw
                .signing_key_file
                .map(PathBuf::from)
                .unwrap_or_else(|| data_dir.join("signing-key.ed25519")),
            pdf_font: raw.pdf_font.map(PathBuf::from),
            issuer_name: raw
                .issuer_name
                .as_deref()
                .unwrap_or_default()
                .parse()
                .map_err(|e: String| ConfigError::new("VISADESK_ISSUER_NAME", e))?,
            data_key_file: raw
                .data_key_file
                .map(PathBuf::from)
                .unwrap_or_else(|| data_dir.join("data-keys")),
            data_keys,
            data_dir,
        })
    }
}

/// A number setting, checked against the range it may take.
fn in_range<T>(value: T, range: RangeInclusive<T>, setting: &str) -> Result<T, ConfigError>
where
    T: PartialOrd + std::fmt::Display,
{
    if range.contains(&value) {
        Ok(value)
    } else {
        Err(ConfigError::new(
            setting,
            format!("must be between {} and {}", range.start(), range.end()),
        ))
    }
}

fn parse_switch(value: Option<&str>, setting: &str) -> Result<bool, ConfigError> {
    match value.map(str::to_ascii_lowercase).as_deref() {
        None | Some("on") | Some("true") | Some("1") => Ok(true),
        Some("off") | Some("false") | Some("0") => Ok(false),
        Some(other) => Err(ConfigError::new(
            setting,
            format!("'{other}' is not on or off"),
        )),
    }
}

fn parse_notifications(raw: &RawSettings) -> Result<NotificationSettings, ConfigError> {
    let generic_callback_url = match &raw.generic_callback_url {
        Some(url) => {
            let parsed = url::Url::parse(url).map_err(|e| {
                ConfigError::new("VISADESK_GENERIC_CALLBACK_URL", format!("not a URL: {e}"))
            })?;
            if !matches!(parsed.scheme(), "http" | "https") {
                return Err(ConfigError::new(
                    "VISADESK_GENERIC_CALLBACK_URL",
                    "must be an http:// or https:// URL",
                ));
            }
            Some(url.clone())
        }
        None => None,
    };
    let ranged = |value: Option<u64>, default: u64, min: u64, max: u64, setting: &str| {
        in_range(value.unwrap_or(default), min..=max, setting)
    };
    let quiet_hours = match raw.quiet_hours.as_deref().map(str::trim) {
        Some("off") | Some("") => None,
        value => {
            let text = value.unwrap_or("22:00-08:00");
            let bad = || {
                ConfigError::new(
                    "VISADESK_QUIET_HOURS",
                    format!("'{text}' is not like 22:00-08:00 or off"),
                )
            };
            let (from, to) = text.split_once('-').ok_or_else(bad)?;
            let parse = |t: &str| chrono::NaiveTime::parse_from_str(t.trim(), "%H:%M");
            Some((
                parse(from).map_err(|_| bad())?,
                parse(to).map_err(|_| bad())?,
            ))
        }
    };
    let cron = |value: &Option<String>, default: &str, setting: &str| {
        let expression = value.clone().unwrap_or_else(|| default.to_string());
        visadesk_bot::notify::schedule::parse_cron(&expression)
            .map(|_| expression)
            .map_err(|e| ConfigError::new(setting, e))
    };
    Ok(NotificationSettings {
        generic_callback_url,
        dispatcher: parse_switch(raw.dispatcher.as_deref(), "VISADESK_DISPATCHER")?,
        scheduler: parse_switch(raw.scheduler.as_deref(), "VISADESK_SCHEDULER")?,
        interval: Duration::from_millis(ranged(
            raw.dispatch_interval_ms,
            1000,
            10,
            60_000,
            "VISADESK_DISPATCH_INTERVAL_MS",
        )?),
        batch: ranged(raw.dispatch_batch, 50, 1, 1000, "VISADESK_DISPATCH_BATCH")? as i64,
        max_attempts: ranged(
            raw.dispatch_max_attempts,
            8,
            1,
            100,
            "VISADESK_DISPATCH_MAX_ATTEMPTS",
        )? as i32,
        lease: Duration::from_secs(ranged(
            raw.dispatch_lease_seconds,
            60,
            1,
            3600,
            "VISADESK_DISPATCH_LEASE_SECONDS",
        )?),
        per_chat_per_second: ranged(
            raw.dispatch_per_chat_per_second,
            1,
            1,
            1000,
            "VISADESK_DISPATCH_PER_CHAT_PER_SECOND",
        )? as u32,
        quiet_hours,
        cron_appointment_reminders: cron(
            &raw.cron_appointment_reminders,
            "0 */5 * * * *",
            "VISADESK_CRON_APPOINTMENT_REMINDERS",
        )?,
        cron_permit_expiry: cron(
            &raw.cron_permit_expiry,
            "0 0 1 * * *",
            "VISADESK_CRON_PERMIT_EXPIRY",
        )?,
        cron_pickup_reminders: cron(
            &raw.cron_pickup_reminders,
            "0 0 2 * * *",
            "VISADESK_CRON_PICKUP_REMINDERS",
        )?,
        cron_idle_web_users: cron(
            &raw.cron_idle_web_users,
            "0 30 3 * * *",
            "VISADESK_CRON_IDLE_WEB_USERS",
        )?,
        cron_retention: cron(
            &raw.cron_retention,
            "0 45 3 * * *",
            "VISADESK_CRON_RETENTION",
        )?,
    })
}

/// The retention periods, in days; each defaults to `RetentionPolicy::default()`'s. Seen
/// updates must outlive Telegram's de-duplication window (two days).
fn retention(raw: &RawSettings) -> Result<RetentionPolicy, ConfigError> {
    let defaults = RetentionPolicy::default();
    let days = |value: Option<u64>, default: chrono::TimeDelta, min: u64, setting: &str| {
        let days = in_range(
            value.unwrap_or(default.num_days() as u64),
            min..=36_500,
            setting,
        )?;
        Ok::<_, ConfigError>(chrono::TimeDelta::days(days as i64))
    };
    Ok(RetentionPolicy {
        audit_lines: days(
            raw.retain_audit_days,
            defaults.audit_lines,
            1,
            "VISADESK_RETAIN_AUDIT_DAYS",
        )?,
        notifications: days(
            raw.retain_notifications_days,
            defaults.notifications,
            1,
            "VISADESK_RETAIN_NOTIFICATIONS_DAYS",
        )?,
        seen_updates: days(
            raw.retain_seen_updates_days,
            defaults.seen_updates,
            2,
            "VISADESK_RETAIN_SEEN_UPDATES_DAYS",
        )?,
        codes: days(
            raw.retain_codes_days,
            defaults.codes,
            1,
            "VISADESK_RETAIN_CODES_DAYS",
        )?,
        proof_attempts: days(
            raw.retain_proof_attempts_days,
            defaults.proof_attempts,
            2,
            "VISADESK_RETAIN_PROOF_ATTEMPTS_DAYS",
        )?,
    })
}

fn parse_database_url(url: &str) -> Result<DatabaseUrl, ConfigError> {
    let err = |m: &str| ConfigError::new("DATABASE_URL", format!("{m} (got {})", redact(url)));
    if url.starts_with("sqlite:") {
        if url
            .trim_start_matches("sqlite:")
            .trim_start_matches("//")
            .is_empty()
        {
            return Err(err(
                "a sqlite URL needs a file, e.g. sqlite://data/visadesk.db",
            ));
        }
        return Ok(DatabaseUrl(url.to_string()));
    }
    let parsed = url::Url::parse(url).map_err(|e| err(&format!("not a URL: {e}")))?;
    match parsed.scheme() {
        "postgres" | "postgresql"
            if parsed.host().is_some() || parsed.query().is_some_and(|q| q.contains("host=")) =>
        {
            Ok(DatabaseUrl(url.to_string()))
        }
        "postgres" | "postgresql" => Err(err("a postgres URL needs a host")),
        _ => Err(err("must start with sqlite:// or postgres://")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_are_the_embedded_service() {
        let s = Settings::load_from(None, &[]).unwrap();
        assert_eq!(s.bind.to_string(), "127.0.0.1:8080");
        assert!(
            s.database_url
                .as_str()
                .starts_with("sqlite://data/visadesk.db")
        );
        assert_eq!(s.redis_url, None);
        assert_eq!(s.public_url, "http://127.0.0.1:8080");
        assert_eq!(s.session_idle, Duration::from_secs(1800));
    }

    #[test]
    fn environment_overrides_file() {
        let dir = std::env::temp_dir().join(format!("visadesk-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("visadesk.toml");
        std::fs::write(
            &file,
            "bind = \"127.0.0.1:9000\"\nsession_idle_minutes = 5\n",
        )
        .unwrap();
        let s =
            Settings::load_from(Some(&file), &env(&[("VISADESK_BIND", "127.0.0.1:9100")])).unwrap();
        assert_eq!(s.bind.to_string(), "127.0.0.1:9100");
        assert_eq!(s.session_idle, Duration::from_secs(300));
    }

    #[test]
    fn trusted_proxies_are_addresses_or_blocks() {
        let net = |s: &str| s.parse::<IpNetwork>().unwrap();
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap();
        assert!(net("10.0.0.0/8").contains(ip("10.200.3.4")));
        assert!(!net("10.0.0.0/8").contains(ip("11.0.0.1")));
        assert!(net("127.0.0.1").contains(ip("::ffff:127.0.0.1")));
        assert!(!net("127.0.0.1").contains(ip("127.0.0.2")));
        assert!(net("2001:db8::/32").contains(ip("2001:db8:1::5")));
        assert!(!net("2001:db8::/32").contains(ip("10.0.0.1")));
        assert!(net("0.0.0.0/0").contains(ip("203.0.113.9")));
        for bad in ["10.0.0.0/33", "::/129", "example.com", "10.0.0.0/x"] {
            assert!(bad.parse::<IpNetwork>().is_err(), "{bad}");
        }
        let e = Settings::load_from(None, &env(&[("VISADESK_TRUSTED_PROXIES", "10.0.0.0/40")]))
            .unwrap_err();
        assert!(e.to_string().contains("VISADESK_TRUSTED_PROXIES"), "{e}");
    }

    /// These four were missing from the hard-coded list of numeric keys, so their
    /// environment value stayed a string and failed as `invalid type: found string`.
    #[test]
    fn every_numeric_setting_can_be_set_from_the_environment() {
        type Read = fn(&Settings) -> u64;
        let cases: [(&str, &str, u64, Read); 4] = [
            ("VISADESK_GENERIC_RATE_PER_MINUTE", "61", 61, |s| {
                s.generic_rate_per_minute
            }),
            ("VISADESK_MAX_APPOINTMENTS_PER_USER", "7", 7, |s| {
                s.limits.per_chat_user as u64
            }),
            ("VISADESK_MAX_APPOINTMENTS_PER_PASSPORT", "9", 9, |s| {
                s.limits.per_passport as u64
            }),
            ("WECHAT_PASSIVE_TIMEOUT_MS", "4000", 4000, |s| {
                s.wechat.as_ref().unwrap().passive_timeout.as_millis() as u64
            }),
        ];
        let mut failures = Vec::new();
        for (name, value, expected, read) in cases {
            let pairs = env(&[(name, value), ("WECHAT_TOKEN", "wechat-token")]);
            match Settings::load_from(None, &pairs) {
                Ok(s) => assert_eq!(read(&s), expected, "{name}"),
                Err(e) => failures.push(e.to_string()),
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    /// One value per setting (TOML names), each unlike its default and valid with the others.
    /// `whatsapp_phone_number_id` looks like a number on purpose: it must stay text.
    const SAMPLES: &[(&str, &str)] = &[
        (
            "database_url",
            "postgres://visadesk@db.example.com/visadesk",
        ),
        ("redis_url", "redis://cache.example.com:6379"),
        ("bind", "127.0.0.1:9123"),
        ("public_url", "https://visa.example.com"),
        ("data_dir", "/nonexistent/visadesk-data"),
        ("session_idle_minutes", "17"),
        ("slot_minutes", "25"),
        ("slot_capacity", "3"),
        ("booking_days", "21"),
        ("max_appointments_per_user", "4"),
        ("max_appointments_per_passport", "5"),
        ("generic_secret", "generic-secret-0123456789"),
        ("generic_rate_per_minute", "42"),
        ("generic_timestamp_tolerance_seconds", "120"),
        ("web_rate_per_minute", "45"),
        ("web_bookings_per_address", "6"),
        ("web_proof_of_work_bits", "12"),
        ("web_idle_days", "90"),
        ("trusted_proxies", "10.0.0.0/8,2001:db8::/32,192.0.2.7"),
        ("wechat_token", "wechat-token"),
        ("wechat_app_id", "wx-app-id"),
        ("wechat_app_secret", "wechat-app-secret"),
        ("wechat_api_url", "https://wechat.example.com"),
        ("wechat_passive_timeout_ms", "4100"),
        ("wechat_timestamp_window_seconds", "120"),
        (
            "wechat_encoding_aes_key",
            "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
        ),
        ("whatsapp_verify_token", "whatsapp_verify_sample"),
        ("whatsapp_app_secret", "whatsapp_app_secret_sample"),
        ("whatsapp_access_token", "whatsapp_access_sample"),
        ("whatsapp_phone_number_id", "106540352242922"),
        ("whatsapp_api_url", "https://graph.example.com"),
        ("whatsapp_api_version", "v22.0"),
        ("whatsapp_notify_template", "visa_update"),
        ("telegram_bot_token", "123456:ABC-DEF_ghi"),
        ("telegram_api_url", "https://telegram.example.com"),
        ("telegram_webhook_url", "https://bot.example.com/telegram"),
        ("telegram_webhook_secret", "hook_secret-1"),
        ("log_format", "json"),
        ("access_log", "off"),
        ("metrics_bind", "127.0.0.1:9464"),
        ("inbox_lease_seconds", "45"),
        ("signing_key_file", "/keys/visadesk.ed25519"),
        ("data_key_file", "/keys/visadesk-data-keys"),
        (
            "data_keys",
            "index AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=;\
             key k1 AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE= active",
        ),
        ("pdf_font", "/fonts/visadesk.ttf"),
        ("issuer_name", "Shanghai Exit-Entry Administration"),
        ("generic_callback_url", "https://crm.example.com/visadesk"),
        ("dispatcher", "off"),
        ("scheduler", "off"),
        ("dispatch_interval_ms", "250"),
        ("dispatch_batch", "20"),
        ("dispatch_max_attempts", "3"),
        ("dispatch_lease_seconds", "90"),
        ("dispatch_per_chat_per_second", "2"),
        ("quiet_hours", "21:30-07:15"),
        ("cron_appointment_reminders", "0 */10 * * * *"),
        ("cron_permit_expiry", "0 30 1 * * *"),
        ("cron_pickup_reminders", "0 30 9 * * Mon-Fri"),
        ("cron_idle_web_users", "0 15 4 * * Sun"),
        ("retain_audit_days", "2000"),
        ("retain_notifications_days", "45"),
        ("retain_seen_updates_days", "3"),
        ("retain_codes_days", "14"),
        ("retain_proof_attempts_days", "7"),
        ("cron_retention", "0 50 2 * * *"),
    ];

    /// The value `Settings` holds for `field`, written back the way `SAMPLES` sets it.
    fn read_back(s: &Settings, field: &str) -> String {
        let wechat = || s.wechat.as_ref().expect("WeChat is configured");
        let whatsapp = || s.whatsapp.as_ref().expect("WhatsApp is configured");
        let telegram = || s.telegram.as_ref().expect("Telegram is configured");
        let webhook = || telegram().webhook.as_ref().expect("a Telegram webhook");
        let n = &s.notifications;
        let switch = |on: bool| if on { "on" } else { "off" }.to_string();
        match field {
            "database_url" => s.database_url.as_str().into(),
            "redis_url" => s.redis_url.clone().unwrap(),
            "bind" => s.bind.to_string(),
            "public_url" => s.public_url.clone(),
            "data_dir" => s.data_dir.display().to_string(),
            "session_idle_minutes" => (s.session_idle.as_secs() / 60).to_string(),
            "slot_minutes" => s.slot_template.slot_minutes.to_string(),
            "slot_capacity" => s.slot_template.capacity.to_string(),
            "booking_days" => s.slot_template.working_days.to_string(),
            "max_appointments_per_user" => s.limits.per_chat_user.to_string(),
            "max_appointments_per_passport" => s.limits.per_passport.to_string(),
            "generic_secret" => s.generic_secret.as_ref().unwrap().expose().into(),
            "generic_rate_per_minute" => s.generic_rate_per_minute.to_string(),
            "generic_timestamp_tolerance_seconds" => {
                s.generic_timestamp_tolerance.as_secs().to_string()
            }
            "web_rate_per_minute" => s.web_rate_per_minute.to_string(),
            "web_bookings_per_address" => s.limits.per_address_per_office_day.to_string(),
            "web_proof_of_work_bits" => s.web_proof_of_work_bits.to_string(),
            "web_idle_days" => s.web_idle_days.to_string(),
            "trusted_proxies" => s
                .trusted_proxies
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(","),
            "wechat_token" => wechat().token.expose().into(),
            "wechat_app_id" => wechat().app_id.clone().unwrap(),
            "wechat_app_secret" => wechat().app_secret.as_ref().unwrap().expose().into(),
            "wechat_api_url" => wechat().api_url.clone(),
            "wechat_passive_timeout_ms" => wechat().passive_timeout.as_millis().to_string(),
            "wechat_timestamp_window_seconds" => wechat().timestamp_window.as_secs().to_string(),
            "wechat_encoding_aes_key" => {
                wechat().encoding_aes_key.as_ref().unwrap().expose().into()
            }
            "whatsapp_verify_token" => whatsapp().verify_token.expose().into(),
            "whatsapp_app_secret" => whatsapp().app_secret.expose().into(),
            "whatsapp_access_token" => whatsapp().access_token.expose().into(),
            "whatsapp_phone_number_id" => whatsapp().phone_number_id.clone(),
            // `api_base` is `<api url>/<version>`.
            "whatsapp_api_url" => whatsapp().api_base.rsplit_once('/').unwrap().0.into(),
            "whatsapp_api_version" => whatsapp().api_base.rsplit_once('/').unwrap().1.into(),
            "whatsapp_notify_template" => whatsapp().notify_template.clone().unwrap(),
            "telegram_bot_token" => telegram().token.expose().into(),
            // A parsed URL without a path gains a `/`.
            "telegram_api_url" => telegram().api_url.as_str().trim_end_matches('/').into(),
            "telegram_webhook_url" => webhook().url.to_string(),
            "telegram_webhook_secret" => webhook().secret.expose().into(),
            "log_format" => match s.log_format {
                LogFormat::Text => "text".into(),
                LogFormat::Json => "json".into(),
            },
            "access_log" => switch(s.access_log),
            "metrics_bind" => s.metrics_bind.unwrap().to_string(),
            "inbox_lease_seconds" => s.inbox_lease.as_secs().to_string(),
            "signing_key_file" => s.signing_key_file.display().to_string(),
            "data_key_file" => s.data_key_file.display().to_string(),
            "data_keys" => s.data_keys.as_ref().unwrap().expose().into(),
            "pdf_font" => s.pdf_font.as_ref().unwrap().display().to_string(),
            "issuer_name" => s.issuer_name.configured("ru").unwrap().to_string(),
            "generic_callback_url" => n.generic_callback_url.clone().unwrap(),
            "dispatcher" => switch(n.dispatcher),
            "scheduler" => switch(n.scheduler),
            "dispatch_interval_ms" => n.interval.as_millis().to_string(),
            "dispatch_batch" => n.batch.to_string(),
            "dispatch_max_attempts" => n.max_attempts.to_string(),
            "dispatch_lease_seconds" => n.lease.as_secs().to_string(),
            "dispatch_per_chat_per_second" => n.per_chat_per_second.to_string(),
            "quiet_hours" => {
                let (from, to) = n.quiet_hours.unwrap();
                format!("{}-{}", from.format("%H:%M"), to.format("%H:%M"))
            }
            "cron_appointment_reminders" => n.cron_appointment_reminders.clone(),
            "cron_permit_expiry" => n.cron_permit_expiry.clone(),
            "cron_pickup_reminders" => n.cron_pickup_reminders.clone(),
            "cron_idle_web_users" => n.cron_idle_web_users.clone(),
            "retain_audit_days" => s.retention.audit_lines.num_days().to_string(),
            "retain_notifications_days" => s.retention.notifications.num_days().to_string(),
            "retain_seen_updates_days" => s.retention.seen_updates.num_days().to_string(),
            "retain_codes_days" => s.retention.codes.num_days().to_string(),
            "retain_proof_attempts_days" => s.retention.proof_attempts.num_days().to_string(),
            "cron_retention" => n.cron_retention.clone(),
            other => panic!("no read-back for the setting {other}: add it here and to SAMPLES"),
        }
    }

    /// Walks the derived field list, so a new setting fails here until it has a sample value
    /// and a read-back, and then is checked from both sources.
    #[test]
    fn every_setting_reads_from_the_environment_and_from_the_file() {
        let fields = RawSettings::field_names();
        let mut sampled: Vec<&str> = SAMPLES.iter().map(|(field, _)| *field).collect();
        let mut declared = fields.to_vec();
        sampled.sort_unstable();
        declared.sort_unstable();
        assert_eq!(sampled, declared, "SAMPLES has one value per setting");
        let sample = |field: &str| SAMPLES.iter().find(|(f, _)| *f == field).unwrap().1;

        let pairs: Vec<(String, String)> = fields
            .iter()
            .map(|field| (env_name(field), sample(field).to_string()))
            .collect();
        let from_env = Settings::load_from(None, &pairs).unwrap();

        // The file gets each value in its field's type (numbers bare, text quoted): JSON
        // scalars are written the same way in TOML.
        let typed = serde_json::to_value(RawSettings::from_env(&pairs).unwrap()).unwrap();
        let toml: String = typed
            .as_object()
            .unwrap()
            .iter()
            .map(|(key, value)| format!("{key} = {value}\n"))
            .collect();
        assert!(toml.contains("slot_minutes = 25\n"), "{toml}");
        assert!(
            toml.contains("whatsapp_phone_number_id = \"106540352242922\"\n"),
            "{toml}"
        );
        let dir = std::env::temp_dir().join(format!("visadesk-config-all-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("visadesk.toml");
        std::fs::write(&file, &toml).unwrap();
        let from_file = Settings::load_from(Some(&file), &[]).unwrap();

        for field in fields {
            let expected = sample(field);
            let name = env_name(field);
            assert_eq!(
                read_back(&from_env, field),
                expected,
                "{name} from the environment"
            );
            assert_eq!(
                read_back(&from_file, field),
                expected,
                "{field} from the file:\n{toml}"
            );
        }
    }

    /// Names that are not ours are left alone, even when they look like one.
    #[test]
    fn only_our_own_names_are_read_from_the_environment() {
        let s = Settings::load_from(
            None,
            &env(&[
                ("bind", "nonsense"),
                ("VISADESK_BIND_ADRESS", "nonsense"),
                ("VISADESK_DATABASE_URL", "mysql://x/y"),
                ("VISADESK_WECHAT_TOKEN", "wechat-token"),
            ]),
        )
        .unwrap();
        assert_eq!(s.bind.to_string(), "127.0.0.1:8080");
        assert!(s.database_url.as_str().starts_with("sqlite://"));
        assert!(s.wechat.is_none());
    }

    #[test]
    fn bad_values_name_their_setting() {
        let cases = [
            ("DATABASE_URL", "mysql://x/y"),
            ("DATABASE_URL", "postgres://"),
            ("REDIS_URL", "http://x"),
            ("VISADESK_BIND", "localhost"),
            ("VISADESK_PUBLIC_URL", "ftp://x"),
            ("VISADESK_SESSION_IDLE_MINUTES", "abc"),
            ("VISADESK_SLOT_CAPACITY", "0"),
            ("VISADESK_GENERIC_CALLBACK_URL", "ftp://x"),
            ("VISADESK_DISPATCHER", "maybe"),
            ("VISADESK_DISPATCH_MAX_ATTEMPTS", "0"),
            ("VISADESK_DISPATCH_INTERVAL_MS", "soon"),
            ("VISADESK_QUIET_HOURS", "late"),
            ("VISADESK_CRON_PERMIT_EXPIRY", "every day"),
        ];
        for (name, value) in cases {
            let e = Settings::load_from(None, &env(&[(name, value)])).unwrap_err();
            assert_eq!(e.setting, name, "{e}");
        }
        let e =
            Settings::load_from(Some(Path::new("/nonexistent/visadesk.toml")), &[]).unwrap_err();
        assert_eq!(e.setting, "VISADESK_CONFIG");
    }

    #[test]
    fn wechat_replay_window_and_safe_mode_are_checked() {
        let wechat = |pairs: &[(&str, &str)]| {
            let mut pairs = pairs.to_vec();
            pairs.push(("WECHAT_TOKEN", "wechat-token"));
            Settings::load_from(None, &env(&pairs)).map(|s| s.wechat.unwrap())
        };
        let plain = wechat(&[]).unwrap();
        assert_eq!(plain.timestamp_window, Duration::from_secs(300));
        assert!(plain.encoding_aes_key.is_none());
        let key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
        let cases: [(&[(&str, &str)], &str); 4] = [
            (
                &[("WECHAT_TIMESTAMP_WINDOW_SECONDS", "0")],
                "WECHAT_TIMESTAMP_WINDOW_SECONDS",
            ),
            // One character short, and one that is not base64.
            (
                &[("WECHAT_ENCODING_AES_KEY", &key[1..])],
                "WECHAT_ENCODING_AES_KEY",
            ),
            (
                &[(
                    "WECHAT_ENCODING_AES_KEY",
                    "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF!",
                )],
                "WECHAT_ENCODING_AES_KEY",
            ),
            (&[("WECHAT_ENCODING_AES_KEY", key)], "WECHAT_APP_ID"),
        ];
        for (pairs, setting) in cases {
            let e = wechat(pairs).unwrap_err();
            assert_eq!(e.setting, setting, "{pairs:?}: {e}");
        }
    }

    #[test]
    fn unknown_file_keys_are_rejected_by_name() {
        let dir = std::env::temp_dir().join(format!("visadesk-config-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("visadesk.toml");
        // A bad value of a known key is named like every bad value, by its environment name.
        std::fs::write(&file, "session_idle_minutes = \"soon\"\n").unwrap();
        let e = Settings::load_from(Some(&file), &[]).unwrap_err();
        assert_eq!(e.setting, "VISADESK_SESSION_IDLE_MINUTES");
        // An unknown key has no environment name (`VISADESK_BIND_ADRESS` would send the
        // reader looking for a variable nobody set): it is named as written in the file.
        std::fs::write(&file, "bind_adress = \"127.0.0.1:9000\"\n").unwrap();
        let e = Settings::load_from(Some(&file), &[]).unwrap_err();
        assert_eq!(e.setting, "bind_adress", "{e}");
        assert!(e.message.starts_with("unknown field"), "{e}");
        std::fs::write(&file, "[wechat]\ntoken = \"wechat-token\"\n").unwrap();
        let e = Settings::load_from(Some(&file), &[]).unwrap_err();
        assert_eq!(e.setting, "wechat", "{e}");
    }

    #[test]
    fn telegram_settings_parse_and_keep_the_token_out_of_debug() {
        let token = "123456:ABC-DEF_ghi";
        let s = Settings::load_from(None, &env(&[("TELEGRAM_BOT_TOKEN", token)])).unwrap();
        let t = s.telegram.as_ref().unwrap();
        assert_eq!(t.api_url.as_str(), "https://api.telegram.org/");
        assert!(t.webhook.is_none(), "long polling without a webhook URL");
        assert_eq!(t.bot_id(), "123456");
        assert!(!format!("{s:?}").contains("ABC-DEF"));
        // The first of two equal names wins, so `extra` goes first.
        let with_hook = |extra: &[(&str, &str)]| {
            let mut pairs = extra.to_vec();
            pairs.extend_from_slice(&[
                ("TELEGRAM_BOT_TOKEN", token),
                ("TELEGRAM_WEBHOOK_URL", "https://bot.example.com/telegram"),
            ]);
            Settings::load_from(None, &env(&pairs))
        };
        let derived = with_hook(&[]).unwrap().telegram.unwrap().webhook.unwrap();
        let again = with_hook(&[]).unwrap().telegram.unwrap().webhook.unwrap();
        assert_eq!(
            derived.secret.expose(),
            again.secret.expose(),
            "every process derives the same secret"
        );
        assert_eq!(derived.secret.expose().len(), 64);
        let chosen = with_hook(&[("TELEGRAM_WEBHOOK_SECRET", "my_secret-1")]).unwrap();
        assert_eq!(
            chosen.telegram.unwrap().webhook.unwrap().secret.expose(),
            "my_secret-1"
        );
        for (name, value) in [
            ("TELEGRAM_WEBHOOK_SECRET", "not allowed!"),
            ("TELEGRAM_WEBHOOK_URL", "bot.example.com"),
            ("TELEGRAM_API_URL", "ftp://x"),
        ] {
            assert_eq!(with_hook(&[(name, value)]).unwrap_err().setting, name);
        }
        for bad in ["nocolon", "12:", "abc:def", "12:a/b"] {
            let e = Settings::load_from(None, &env(&[("TELEGRAM_BOT_TOKEN", bad)])).unwrap_err();
            assert_eq!(e.setting, "TELEGRAM_BOT_TOKEN");
        }
    }

    /// Settings are logged and shown in errors whole; no secret may appear in them.
    #[test]
    fn debug_output_shows_no_secret() {
        let secrets = [
            ("VISADESK_GENERIC_SECRET", "generic-secret-0123456789"),
            ("WECHAT_TOKEN", "wechat-token-value"),
            ("WECHAT_APP_SECRET", "wechat-app-secret-value"),
            (
                "WECHAT_ENCODING_AES_KEY",
                "SafeModeKey0123456789abcdefghijklmnopqrstuv",
            ),
            ("WHATSAPP_VERIFY_TOKEN", "whatsapp_verify_value"),
            ("WHATSAPP_APP_SECRET", "whatsapp_app_secret_value"),
            ("WHATSAPP_ACCESS_TOKEN", "whatsapp_access_value"),
            ("TELEGRAM_BOT_TOKEN", "123456:telegram-token-value"),
            ("TELEGRAM_WEBHOOK_SECRET", "telegram_hook_value"),
        ];
        let mut pairs = secrets.to_vec();
        pairs.extend_from_slice(&[
            ("WECHAT_APP_ID", "wx-app-id"),
            ("WHATSAPP_PHONE_NUMBER_ID", "106540352242922"),
            ("TELEGRAM_WEBHOOK_URL", "https://bot.example.com/telegram"),
        ]);
        let s = Settings::load_from(None, &env(&pairs)).unwrap();
        let shown = format!("{s:?} {s:#?}");
        for (name, value) in secrets {
            // The bot id before the colon is public; the part after it is the secret.
            let value = value.split_once(':').map_or(value, |(_, secret)| secret);
            assert!(!shown.contains(value), "{name} is shown: {shown}");
        }
        // Every secret was set, so each channel holding one is there to be printed.
        assert!(s.generic_secret.is_some());
        assert!(s.wechat.as_ref().is_some_and(|w| w.app_secret.is_some()));
        assert!(
            s.wechat
                .as_ref()
                .is_some_and(|w| w.encoding_aes_key.is_some())
        );
        assert!(s.whatsapp.is_some());
        let telegram = s.telegram.as_ref().unwrap();
        assert_eq!(
            telegram.webhook.as_ref().unwrap().secret.expose(),
            "telegram_hook_value"
        );
        assert!(shown.contains("Secret(***)"), "{shown}");
    }

    #[test]
    fn notification_settings_have_defaults_and_switches() {
        let s = Settings::load_from(None, &[]).unwrap().notifications;
        assert!(s.dispatcher && s.scheduler);
        assert_eq!(s.max_attempts, 8);
        assert_eq!(
            s.quiet_hours.map(|(a, b)| (a.to_string(), b.to_string())),
            Some(("22:00:00".into(), "08:00:00".into()))
        );
        let s = Settings::load_from(
            None,
            &env(&[
                ("VISADESK_DISPATCHER", "off"),
                ("VISADESK_QUIET_HOURS", "off"),
                ("VISADESK_DISPATCH_INTERVAL_MS", "50"),
                ("VISADESK_CRON_PICKUP_REMINDERS", "0 30 9 * * Mon-Fri"),
            ]),
        )
        .unwrap()
        .notifications;
        assert!(!s.dispatcher && s.scheduler);
        assert_eq!(s.quiet_hours, None);
        assert_eq!(s.interval, Duration::from_millis(50));
        assert_eq!(s.cron_pickup_reminders, "0 30 9 * * Mon-Fri");
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact("postgres://u:secret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
    }
}
