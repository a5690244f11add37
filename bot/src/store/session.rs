//! Session storage: the dialogue state of one (channel, conversation, sender), kept while the
//! conversation is alive and forgotten after it idles out, plus the turn lock that keeps two
//! messages of one sender from being processed at once, also across several `serve`
//! processes sharing Redis. Other values that expire (download links, de-duplication, rate
//! counts, pacing) are the `ExpiringStore`'s (`expiring.rs`), on the same Redis connection.
//!
//! The store keeps opaque strings; the dialogue owns the format and its version. Both
//! implementations pass the same conformance suite (`tests/tests/session_store.rs`).

use super::expiring::RedisExpiringStore;
use super::expiring_map::{ExpiringMap, lock};
use async_trait::async_trait;
use std::fmt;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

/// Who a session belongs to. In a group chat each member has their own session.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SessionKey {
    pub channel: String,
    pub conversation: String,
    pub sender: String,
}

impl SessionKey {
    pub fn new(
        channel: impl Into<String>,
        conversation: impl Into<String>,
        sender: impl Into<String>,
    ) -> Self {
        Self {
            channel: channel.into(),
            conversation: conversation.into(),
            sender: sender.into(),
        }
    }

    /// The storage key. Parts are length-prefixed so `a:b` + `c` never collides with `a` + `b:c`.
    /// The key (without prefix) a `storage_key` was made from: its kind and parts.
    fn from_storage_key(key: &str) -> Option<(&str, SessionKey)> {
        let (kind, rest) = key.split_once(':')?;
        let (channel, rest) = rest.split_once(':')?;
        let (len, rest) = rest.split_once(':')?;
        let len: usize = len.parse().ok()?;
        let conversation = rest.get(..len)?;
        let sender = rest.get(len..)?.strip_prefix(':')?;
        Some((kind, SessionKey::new(channel, conversation, sender)))
    }

    pub(super) fn storage_key(&self, prefix: &str, kind: &str) -> String {
        format!(
            "{prefix}{kind}:{}:{}:{}:{}",
            self.channel,
            self.conversation.len(),
            self.conversation,
            self.sender
        )
    }
}

/// Why a session (or expiring) store call failed.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("session store: {0}")]
    Backend(String),
    #[error("the conversation is busy with another message")]
    Busy,
}

impl From<redis::RedisError> for SessionError {
    fn from(e: redis::RedisError) -> Self {
        let kind = if e.is_io_error() || e.is_connection_dropped() || e.is_timeout() {
            "connection"
        } else {
            "query"
        };
        crate::metrics::store_error(crate::metrics::Store::Redis, kind);
        SessionError::Backend(e.to_string())
    }
}

/// Proof of holding a turn lock; give it back with `SessionStore::unlock`. A lock that is
/// never released expires after its time-to-live, so a crashed process cannot wedge a chat.
#[derive(Clone, PartialEq, Eq)]
pub struct TurnLock {
    pub(super) key: SessionKey,
    token: String,
}

impl fmt::Debug for TurnLock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TurnLock")
            .field("channel", &self.key.channel)
            .finish_non_exhaustive()
    }
}

/// Dialogue sessions and their turn lock.
#[async_trait]
pub trait SessionStore: Send + Sync + 'static {
    /// The stored session, or `None` when absent or expired.
    async fn load(&self, key: &SessionKey) -> Result<Option<String>, SessionError>;
    /// Stores the session; it expires after `idle` without another save.
    async fn save(&self, key: &SessionKey, value: &str, idle: Duration)
    -> Result<(), SessionError>;
    async fn delete(&self, key: &SessionKey) -> Result<(), SessionError>;
    /// Takes the turn lock if free; `None` when another turn holds it.
    async fn try_lock(
        &self,
        key: &SessionKey,
        ttl: Duration,
    ) -> Result<Option<TurnLock>, SessionError>;
    /// Releases a lock; `false` when it had expired and someone else holds it now.
    async fn unlock(&self, lock: &TurnLock) -> Result<bool, SessionError>;
    /// Cheap round trip, for `/readyz`.
    async fn ping(&self) -> Result<(), SessionError>;
    /// Deletes everything kept for `sender` on `channel` (erasure of a person): their
    /// sessions in every conversation and, where the expiring values share this store
    /// (Redis), the values that name them (WhatsApp window, de-duplication markers, rate
    /// counts). Returns how many keys went.
    async fn forget_sender(&self, channel: &str, sender: &str) -> Result<u64, SessionError>;

    /// Takes the turn lock if free and reads the session under it: what starting a dialogue
    /// turn needs, in one round trip where the backend allows.
    async fn try_begin(
        &self,
        key: &SessionKey,
        ttl: Duration,
    ) -> Result<Option<(TurnLock, Option<String>)>, SessionError> {
        let Some(lock) = self.try_lock(key, ttl).await? else {
            return Ok(None);
        };
        match self.load(key).await {
            Ok(session) => Ok(Some((lock, session))),
            Err(e) => {
                let _ = self.unlock(&lock).await;
                Err(e)
            }
        }
    }

    /// Stores the session and releases the turn lock: the end of a dialogue turn, in one
    /// round trip where the backend allows. Returns what `unlock` returns.
    async fn end(
        &self,
        lock: &TurnLock,
        session: &str,
        idle: Duration,
    ) -> Result<bool, SessionError> {
        let saved = self.save(&lock.key, session, idle).await;
        let released = self.unlock(lock).await;
        saved?;
        released
    }

    /// Waits for the turn lock, polling with a growing pause, for at most `wait`.
    async fn lock(
        &self,
        key: &SessionKey,
        ttl: Duration,
        wait: Duration,
    ) -> Result<TurnLock, SessionError> {
        poll_until_free(wait, || self.try_lock(key, ttl)).await
    }

    /// Waits for the turn lock like `lock`, then reads the session like `try_begin`.
    async fn begin(
        &self,
        key: &SessionKey,
        ttl: Duration,
        wait: Duration,
    ) -> Result<(TurnLock, Option<String>), SessionError> {
        poll_until_free(wait, || self.try_begin(key, ttl)).await
    }
}

/// Retries `attempt` while it finds the lock taken, with a growing pause, for at most `wait`.
pub(super) async fn poll_until_free<T, F, Fut>(
    wait: Duration,
    mut attempt: F,
) -> Result<T, SessionError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<Option<T>, SessionError>>,
{
    let deadline = Instant::now() + wait;
    let mut pause = Duration::from_millis(5);
    loop {
        if let Some(taken) = attempt().await? {
            return Ok(taken);
        }
        if Instant::now() + pause > deadline {
            return Err(SessionError::Busy);
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_millis(100));
    }
}

pub(super) fn new_token() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// Sessions in this process's memory: the embedded default for a single process.
#[derive(Default, Clone)]
pub struct InMemorySessionStore {
    inner: Arc<Mutex<MemoryState>>,
}

#[derive(Default)]
struct MemoryState {
    sessions: ExpiringMap<SessionKey, String>,
    locks: ExpiringMap<SessionKey, String>,
}

impl InMemorySessionStore {
    pub fn new() -> Self {
        Self::default()
    }
}

#[async_trait]
impl SessionStore for InMemorySessionStore {
    async fn load(&self, key: &SessionKey) -> Result<Option<String>, SessionError> {
        let now = Instant::now();
        Ok(lock(&self.inner)
            .sessions
            .live(key, now)
            .map(|(value, _)| value.clone()))
    }

    async fn save(
        &self,
        key: &SessionKey,
        value: &str,
        idle: Duration,
    ) -> Result<(), SessionError> {
        let now = Instant::now();
        lock(&self.inner)
            .sessions
            .insert(key.clone(), value.to_string(), now + idle, now);
        Ok(())
    }

    async fn delete(&self, key: &SessionKey) -> Result<(), SessionError> {
        lock(&self.inner).sessions.remove(key);
        Ok(())
    }

    async fn try_lock(
        &self,
        key: &SessionKey,
        ttl: Duration,
    ) -> Result<Option<TurnLock>, SessionError> {
        let now = Instant::now();
        let mut state = lock(&self.inner);
        if state.locks.live(key, now).is_some() {
            return Ok(None);
        }
        let token = new_token();
        state
            .locks
            .insert(key.clone(), token.clone(), now + ttl, now);
        Ok(Some(TurnLock {
            key: key.clone(),
            token,
        }))
    }

    async fn unlock(&self, turn: &TurnLock) -> Result<bool, SessionError> {
        let now = Instant::now();
        let mut state = lock(&self.inner);
        let ours = state
            .locks
            .live(&turn.key, now)
            .is_some_and(|(token, _)| *token == turn.token);
        if ours {
            state.locks.remove(&turn.key);
        }
        Ok(ours)
    }

    async fn ping(&self) -> Result<(), SessionError> {
        Ok(())
    }

    async fn forget_sender(&self, channel: &str, sender: &str) -> Result<u64, SessionError> {
        let mut state = lock(&self.inner);
        let of_sender = |key: &SessionKey| key.channel == channel && key.sender == sender;
        Ok((state.sessions.remove_where(of_sender) + state.locks.remove_where(of_sender)) as u64)
    }
}

/// Sessions in Redis, shared by every `serve` process. Values expire with `PX`; the turn
/// lock is `SET NX PX` with a random token, released by a script that deletes the key only
/// if it still holds our token (so an expired lock taken over by another turn is left alone).
#[derive(Clone)]
pub struct RedisSessionStore {
    conn: redis::aio::ConnectionManager,
    prefix: String,
}

/// Deletes the lock only if it still holds our token.
static UNLOCK: LazyLock<redis::Script> = LazyLock::new(|| {
    redis::Script::new(
        r#"
if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('DEL', KEYS[1])
else
    return 0
end
"#,
    )
});

/// Takes the lock (KEYS[1]) like `SET NX PX` and, if taken, returns the session (KEYS[2]):
/// `{1, session or nil}`, or `{0, nil}` when another turn holds the lock.
static BEGIN: LazyLock<redis::Script> = LazyLock::new(|| {
    redis::Script::new(
        r#"
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
    return {1, redis.call('GET', KEYS[2])}
else
    return {0, false}
end
"#,
    )
});

/// Stores the session (KEYS[2]) and releases the lock (KEYS[1]) if it still holds our token.
static END: LazyLock<redis::Script> = LazyLock::new(|| {
    redis::Script::new(
        r#"
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('DEL', KEYS[1])
else
    return 0
end
"#,
    )
});

impl RedisSessionStore {
    /// Connects to `REDIS_URL`; `prefix` namespaces the keys (`visadesk:` in production,
    /// a random one per test).
    pub async fn connect(url: &str, prefix: &str, timeout: Duration) -> Result<Self, SessionError> {
        let client = redis::Client::open(url)?;
        let config = redis::aio::ConnectionManagerConfig::new()
            .set_connection_timeout(Some(timeout))
            .set_response_timeout(Some(timeout))
            .set_number_of_retries(1);
        let conn = tokio::time::timeout(
            timeout,
            redis::aio::ConnectionManager::new_with_config(client, config),
        )
        .await
        .map_err(|_| SessionError::Backend(format!("no answer within {timeout:?}")))??;
        Ok(Self {
            conn,
            prefix: prefix.to_string(),
        })
    }

    /// The expiring store on this store's Redis connection and key prefix.
    pub fn expiring_store(&self) -> RedisExpiringStore {
        RedisExpiringStore::new(self.conn.clone(), &self.prefix)
    }
}

#[async_trait]
impl SessionStore for RedisSessionStore {
    async fn load(&self, key: &SessionKey) -> Result<Option<String>, SessionError> {
        let mut conn = self.conn.clone();
        let value: Option<String> = redis::cmd("GET")
            .arg(key.storage_key(&self.prefix, "session"))
            .query_async(&mut conn)
            .await?;
        Ok(value)
    }

    async fn save(
        &self,
        key: &SessionKey,
        value: &str,
        idle: Duration,
    ) -> Result<(), SessionError> {
        let mut conn = self.conn.clone();
        let () = redis::cmd("SET")
            .arg(key.storage_key(&self.prefix, "session"))
            .arg(value)
            .arg("PX")
            .arg(idle.as_millis().max(1) as u64)
            .query_async(&mut conn)
            .await?;
        Ok(())
    }

    async fn delete(&self, key: &SessionKey) -> Result<(), SessionError> {
        let mut conn = self.conn.clone();
        let _: i64 = redis::cmd("DEL")
            .arg(key.storage_key(&self.prefix, "session"))
            .query_async(&mut conn)
            .await?;
        Ok(())
    }

    async fn try_lock(
        &self,
        key: &SessionKey,
        ttl: Duration,
    ) -> Result<Option<TurnLock>, SessionError> {
        let mut conn = self.conn.clone();
        let token = new_token();
        let set: Option<String> = redis::cmd("SET")
            .arg(key.storage_key(&self.prefix, "lock"))
            .arg(&token)
            .arg("NX")
            .arg("PX")
            .arg(ttl.as_millis().max(1) as u64)
            .query_async(&mut conn)
            .await?;
        Ok(set.map(|_| TurnLock {
            key: key.clone(),
            token,
        }))
    }

    async fn unlock(&self, lock: &TurnLock) -> Result<bool, SessionError> {
        let mut conn = self.conn.clone();
        let deleted: i64 = UNLOCK
            .key(lock.key.storage_key(&self.prefix, "lock"))
            .arg(&lock.token)
            .invoke_async(&mut conn)
            .await?;
        Ok(deleted == 1)
    }

    async fn try_begin(
        &self,
        key: &SessionKey,
        ttl: Duration,
    ) -> Result<Option<(TurnLock, Option<String>)>, SessionError> {
        let mut conn = self.conn.clone();
        let token = new_token();
        let (taken, session): (bool, Option<String>) = BEGIN
            .key(key.storage_key(&self.prefix, "lock"))
            .key(key.storage_key(&self.prefix, "session"))
            .arg(&token)
            .arg(ttl.as_millis().max(1) as u64)
            .invoke_async(&mut conn)
            .await?;
        Ok(taken.then(|| {
            let lock = TurnLock {
                key: key.clone(),
                token,
            };
            (lock, session)
        }))
    }

    async fn end(
        &self,
        lock: &TurnLock,
        session: &str,
        idle: Duration,
    ) -> Result<bool, SessionError> {
        let mut conn = self.conn.clone();
        let deleted: i64 = END
            .key(lock.key.storage_key(&self.prefix, "lock"))
            .key(lock.key.storage_key(&self.prefix, "session"))
            .arg(&lock.token)
            .arg(session)
            .arg(idle.as_millis().max(1) as u64)
            .invoke_async(&mut conn)
            .await?;
        Ok(deleted == 1)
    }

    async fn ping(&self) -> Result<(), SessionError> {
        let mut conn = self.conn.clone();
        let _: String = redis::cmd("PING").query_async(&mut conn).await?;
        Ok(())
    }

    /// Walks every key under the prefix (`SCAN`, so Redis stays responsive): an erasure is
    /// rare, and the markers that name a person are keyed by what the platforms send, not
    /// by person, so there is no smaller set to look in.
    async fn forget_sender(&self, channel: &str, sender: &str) -> Result<u64, SessionError> {
        let mut conn = self.conn.clone();
        let pattern = format!("{}*", glob_escape(&self.prefix));
        let mut cursor = 0u64;
        let mut doomed = Vec::new();
        loop {
            let (next, keys): (u64, Vec<String>) = redis::cmd("SCAN")
                .arg(cursor)
                .arg("MATCH")
                .arg(&pattern)
                .arg("COUNT")
                .arg(1000)
                .query_async(&mut conn)
                .await?;
            for key in keys {
                let Some(unprefixed) = key.strip_prefix(self.prefix.as_str()) else {
                    continue;
                };
                if !names_sender(unprefixed, channel, sender) {
                    continue;
                }
                // A download kept for them goes with its marker.
                if let Some(("file", marker)) = SessionKey::from_storage_key(unprefixed) {
                    doomed.push(
                        super::expiring::download_key(&marker.conversation)
                            .storage_key(&self.prefix, "session"),
                    );
                }
                doomed.push(key);
            }
            if next == 0 {
                break;
            }
            cursor = next;
        }
        let mut deleted = 0;
        for batch in doomed.chunks(500) {
            let gone: u64 = redis::cmd("DEL").arg(batch).query_async(&mut conn).await?;
            deleted += gone;
        }
        Ok(deleted)
    }
}

/// `text` with Redis glob characters escaped, to match literally.
fn glob_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '?' | '[' | ']' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// Whether a stored key (without prefix) is kept for `sender` on `channel`: their session
/// or turn lock in any conversation, the marker of a download made for them, their
/// WhatsApp window or pacing marker (keys made by
/// `SessionKey::storage_key`, read back exactly), or a marker or count whose key has the
/// sender's id as one of its `:`-separated parts (de-duplication keys, rate counts).
pub(super) fn names_sender(key: &str, channel: &str, sender: &str) -> bool {
    if key.starts_with("session:") || key.starts_with("lock:") || key.starts_with("file:") {
        return SessionKey::from_storage_key(key).is_some_and(|(_, k)| {
            k.sender == sender
                && (k.channel == channel
                    || (k.channel == "wa_service_window" && channel == "whatsapp")
                    || (k.channel == "pace" && k.conversation == channel))
        });
    }
    key.ends_with(&format!(":{sender}")) || key.contains(&format!(":{sender}:"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_senders_keys_are_told_from_anothers() {
        let session = SessionKey::new("telegram", "-100:7", "42").storage_key("", "session");
        assert!(names_sender(&session, "telegram", "42"));
        assert!(!names_sender(&session, "telegram", "7"));
        assert!(!names_sender(&session, "whatsapp", "42"));
        // A conversation with the sender's id in it is someone else's session.
        let other = SessionKey::new("telegram", "42", "43").storage_key("", "session");
        assert!(!names_sender(&other, "telegram", "42"));
        let window =
            SessionKey::new("wa_service_window", "4915", "4915").storage_key("", "session");
        assert!(names_sender(&window, "whatsapp", "4915"));
        let pacing = SessionKey::new("pace", "whatsapp", "4915").storage_key("", "lock");
        assert!(names_sender(&pacing, "whatsapp", "4915"));
        assert!(names_sender(
            "rate:generic-message:2:ab:m1",
            "generic",
            "ab"
        ));
        assert!(!names_sender(
            "rate:generic-message:3:abc:m1",
            "generic",
            "ab"
        ));
    }
}
