//! Short-lived values other than dialogue sessions, each kept for one purpose and forgotten
//! when it expires: documents waiting to be downloaded, WhatsApp's customer-service window,
//! per-chat pacing markers, de-duplication of redelivered platform messages, and rate counts.
//! With Redis every `serve` process sees the same values (one connection, shared with the
//! `RedisSessionStore`); in-process they hold for this process only.
//!
//! The Redis keys are those these values had when they lived in the session store, so a
//! rolling restart keeps open windows and download links.

use super::expiring_map::{ExpiringMap, lock};
use super::session::{SessionError, SessionKey, new_token, poll_until_free};
use async_trait::async_trait;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

/// Expiring values by purpose. Both implementations pass the same conformance suite
/// (`tests/tests/session_store.rs`).
#[async_trait]
pub trait ExpiringStore: Send + Sync + 'static {
    /// Keeps a document (serialized by the caller) for download under `token`, made for
    /// `holder` (channel, sender): a marker beside it names them, so erasing them
    /// (`SessionStore::forget_sender`) finds it.
    async fn keep_download(
        &self,
        token: &str,
        document: &str,
        lifetime: Duration,
        holder: (&str, &str),
    ) -> Result<(), SessionError>;
    /// The document kept under `token`, or `None` once its lifetime is over.
    async fn download(&self, token: &str) -> Result<Option<String>, SessionError>;

    /// Opens (or extends) a WhatsApp user's customer-service window for `length`.
    async fn open_service_window(&self, wa_id: &str, length: Duration) -> Result<(), SessionError>;
    /// Whether the user's customer-service window is open.
    async fn service_window_open(&self, wa_id: &str) -> Result<bool, SessionError>;

    /// Waits (at most `wait`) until no send to this chat is marked, then marks this one for
    /// `hold`: the marker is never released, so the next send by any process waits until it
    /// expires. `SessionError::Busy` when the wait runs out.
    async fn mark_send(
        &self,
        channel: &str,
        chat: &str,
        hold: Duration,
        wait: Duration,
    ) -> Result<(), SessionError>;

    /// `true` the first time `key` is seen in the current fixed window of length `window`,
    /// `false` for a repeat (a redelivered message, a button pressed twice).
    async fn first_seen(&self, key: &str, window: Duration) -> Result<bool, SessionError> {
        Ok(self.count_hit(key, window).await?.0 == 1)
    }

    /// Counts one hit on `key` in the current fixed window of length `window` and returns
    /// the hits so far and the time left in the window (rate limits shared by all processes).
    async fn count_hit(&self, key: &str, window: Duration)
    -> Result<(u64, Duration), SessionError>;
}

pub(super) fn download_key(token: &str) -> SessionKey {
    SessionKey::new("files", token, "document")
}

/// The marker of a download kept for a sender (`keep_download`), as `file:` keys.
fn download_holder_key((channel, sender): (&str, &str), token: &str) -> SessionKey {
    SessionKey::new(channel, token, sender)
}

fn service_window_key(wa_id: &str) -> SessionKey {
    SessionKey::new("wa_service_window", wa_id, wa_id)
}

fn pacing_key(channel: &str, chat: &str) -> SessionKey {
    SessionKey::new("pace", channel, chat)
}

/// How each store keeps values, on keys as stored: the purposes of `ExpiringStore` are
/// written once on top of it.
#[async_trait]
trait ExpiringValues: Send + Sync + 'static {
    /// Put before every key (empty in memory).
    fn prefix(&self) -> &str;
    async fn put(&self, key: String, value: &str, ttl: Duration) -> Result<(), SessionError>;
    async fn get(&self, key: String) -> Result<Option<String>, SessionError>;
    /// Puts `key` unless it holds an unexpired value; `true` if it was put.
    async fn put_if_absent(&self, key: &str, ttl: Duration) -> Result<bool, SessionError>;
    /// What `ExpiringStore::count_hit` answers.
    async fn hit(&self, key: &str, window: Duration) -> Result<(u64, Duration), SessionError>;
}

#[async_trait]
impl<V: ExpiringValues> ExpiringStore for V {
    async fn keep_download(
        &self,
        token: &str,
        document: &str,
        lifetime: Duration,
        holder: (&str, &str),
    ) -> Result<(), SessionError> {
        let marker = download_holder_key(holder, token).storage_key(self.prefix(), "file");
        self.put(marker, "", lifetime).await?;
        let key = download_key(token).storage_key(self.prefix(), "session");
        self.put(key, document, lifetime).await
    }

    async fn download(&self, token: &str) -> Result<Option<String>, SessionError> {
        self.get(download_key(token).storage_key(self.prefix(), "session"))
            .await
    }

    async fn open_service_window(&self, wa_id: &str, length: Duration) -> Result<(), SessionError> {
        let key = service_window_key(wa_id).storage_key(self.prefix(), "session");
        self.put(key, "open", length).await
    }

    async fn service_window_open(&self, wa_id: &str) -> Result<bool, SessionError> {
        let key = service_window_key(wa_id).storage_key(self.prefix(), "session");
        Ok(self.get(key).await?.is_some())
    }

    async fn mark_send(
        &self,
        channel: &str,
        chat: &str,
        hold: Duration,
        wait: Duration,
    ) -> Result<(), SessionError> {
        let key = pacing_key(channel, chat).storage_key(self.prefix(), "lock");
        poll_until_free(wait, || async {
            Ok(self.put_if_absent(&key, hold).await?.then_some(()))
        })
        .await
    }

    async fn count_hit(
        &self,
        key: &str,
        window: Duration,
    ) -> Result<(u64, Duration), SessionError> {
        self.hit(key, window).await
    }
}

/// Expiring values in this process's memory: the embedded default for a single process.
#[derive(Default, Clone)]
pub struct InMemoryExpiringStore {
    inner: Arc<Mutex<MemoryValues>>,
}

#[derive(Default)]
struct MemoryValues {
    values: ExpiringMap<String, String>,
    counters: ExpiringMap<String, u64>,
}

impl InMemoryExpiringStore {
    pub fn new() -> Self {
        Self::default()
    }
}

#[async_trait]
impl ExpiringValues for InMemoryExpiringStore {
    fn prefix(&self) -> &str {
        ""
    }

    async fn put(&self, key: String, value: &str, ttl: Duration) -> Result<(), SessionError> {
        let now = Instant::now();
        lock(&self.inner)
            .values
            .insert(key, value.to_string(), now + ttl, now);
        Ok(())
    }

    async fn get(&self, key: String) -> Result<Option<String>, SessionError> {
        let now = Instant::now();
        Ok(lock(&self.inner)
            .values
            .live(&key, now)
            .map(|(value, _)| value.clone()))
    }

    async fn put_if_absent(&self, key: &str, ttl: Duration) -> Result<bool, SessionError> {
        let now = Instant::now();
        let mut state = lock(&self.inner);
        if state.values.live(key, now).is_some() {
            return Ok(false);
        }
        state
            .values
            .insert(key.to_string(), new_token(), now + ttl, now);
        Ok(true)
    }

    async fn hit(&self, key: &str, window: Duration) -> Result<(u64, Duration), SessionError> {
        let now = Instant::now();
        let mut state = lock(&self.inner);
        let (count, until) = match state.counters.live(key, now) {
            Some((count, until)) => (count + 1, until),
            None => (1, now + window),
        };
        state.counters.insert(key.to_string(), count, until, now);
        Ok((count, until - now))
    }
}

/// Expiring values in Redis, shared by every `serve` process: values expire with `PX`, a
/// pacing marker is `SET NX PX`, a rate count `INCR` with the window set on the first hit.
/// Made by `RedisSessionStore::expiring_store`, on its connection.
#[derive(Clone)]
pub struct RedisExpiringStore {
    conn: redis::aio::ConnectionManager,
    prefix: String,
}

/// INCR with the window set on the first hit; returns the count and the window's time left.
static HIT: LazyLock<redis::Script> = LazyLock::new(|| {
    redis::Script::new(
        r#"
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}
"#,
    )
});

fn millis(d: Duration) -> u64 {
    d.as_millis().max(1) as u64
}

impl RedisExpiringStore {
    pub(super) fn new(conn: redis::aio::ConnectionManager, prefix: &str) -> Self {
        Self {
            conn,
            prefix: prefix.to_string(),
        }
    }
}

#[async_trait]
impl ExpiringValues for RedisExpiringStore {
    fn prefix(&self) -> &str {
        &self.prefix
    }

    async fn put(&self, key: String, value: &str, ttl: Duration) -> Result<(), SessionError> {
        let mut conn = self.conn.clone();
        let () = redis::cmd("SET")
            .arg(key)
            .arg(value)
            .arg("PX")
            .arg(millis(ttl))
            .query_async(&mut conn)
            .await?;
        Ok(())
    }

    async fn get(&self, key: String) -> Result<Option<String>, SessionError> {
        let mut conn = self.conn.clone();
        Ok(redis::cmd("GET").arg(key).query_async(&mut conn).await?)
    }

    async fn put_if_absent(&self, key: &str, ttl: Duration) -> Result<bool, SessionError> {
        let mut conn = self.conn.clone();
        let set: Option<String> = redis::cmd("SET")
            .arg(key)
            .arg(new_token())
            .arg("NX")
            .arg("PX")
            .arg(millis(ttl))
            .query_async(&mut conn)
            .await?;
        Ok(set.is_some())
    }

    async fn hit(&self, key: &str, window: Duration) -> Result<(u64, Duration), SessionError> {
        let mut conn = self.conn.clone();
        let (count, ttl): (u64, i64) = HIT
            .key(format!("{}rate:{key}", self.prefix))
            .arg(millis(window))
            .invoke_async(&mut conn)
            .await?;
        Ok((count, Duration::from_millis(ttl.max(0) as u64)))
    }
}
