//! Expiring state sealed before it leaves the process. Dialogue sessions carry drafts with
//! personal data (a booking's name, passport and phone, a proof's passport and birth date),
//! and download links carry documents (an e-document PDF names its holder): both are sealed
//! with the data keys (`data_keys.rs`) before they reach Redis or the in-process map, so a
//! Redis dump or a memory snapshot of the store holds no personal value in plain text.
//!
//! A session is authenticated together with its storage key, so one person's session copied
//! under another's key does not open. One that does not open (written before sealing, sealed
//! with a removed key) reads as absent: the conversation restarts politely at the menu, as
//! for an expired session.

use super::data_keys::DataKeys;
use super::expiring::ExpiringStore;
use super::session::{SessionError, SessionKey, SessionStore, TurnLock};
use async_trait::async_trait;
use std::sync::Arc;
use std::time::Duration;

/// A session store that seals what it keeps (see the module comment).
pub struct SealedSessions {
    inner: Arc<dyn SessionStore>,
    keys: Arc<DataKeys>,
}

impl SealedSessions {
    pub fn new(inner: Arc<dyn SessionStore>, keys: Arc<DataKeys>) -> SealedSessions {
        SealedSessions { inner, keys }
    }

    fn seal(&self, key: &SessionKey, session: &str) -> String {
        self.keys.seal(&purpose(key), session)
    }

    fn open(&self, key: &SessionKey, stored: Option<String>) -> Option<String> {
        let stored = stored?;
        match self.keys.open(&purpose(key), &stored) {
            Ok(session) if session != stored => Some(session),
            // Plain (no envelope) or not opening: treated as expired.
            Ok(_) => None,
            Err(e) => {
                tracing::warn!(error = %e, "a stored session does not open; starting afresh");
                None
            }
        }
    }
}

/// What a session is authenticated with: its place.
fn purpose(key: &SessionKey) -> String {
    key.storage_key("", "session")
}

#[async_trait]
impl SessionStore for SealedSessions {
    async fn load(&self, key: &SessionKey) -> Result<Option<String>, SessionError> {
        Ok(self.open(key, self.inner.load(key).await?))
    }

    async fn save(
        &self,
        key: &SessionKey,
        value: &str,
        idle: Duration,
    ) -> Result<(), SessionError> {
        self.inner.save(key, &self.seal(key, value), idle).await
    }

    async fn delete(&self, key: &SessionKey) -> Result<(), SessionError> {
        self.inner.delete(key).await
    }

    async fn forget_sender(&self, channel: &str, sender: &str) -> Result<u64, SessionError> {
        self.inner.forget_sender(channel, sender).await
    }

    async fn try_lock(
        &self,
        key: &SessionKey,
        ttl: Duration,
    ) -> Result<Option<TurnLock>, SessionError> {
        self.inner.try_lock(key, ttl).await
    }

    async fn unlock(&self, lock: &TurnLock) -> Result<bool, SessionError> {
        self.inner.unlock(lock).await
    }

    async fn ping(&self) -> Result<(), SessionError> {
        self.inner.ping().await
    }

    async fn try_begin(
        &self,
        key: &SessionKey,
        ttl: Duration,
    ) -> Result<Option<(TurnLock, Option<String>)>, SessionError> {
        Ok(self
            .inner
            .try_begin(key, ttl)
            .await?
            .map(|(lock, stored)| (lock, self.open(key, stored))))
    }

    async fn end(
        &self,
        lock: &TurnLock,
        session: &str,
        idle: Duration,
    ) -> Result<bool, SessionError> {
        let sealed = self.seal(&lock.key, session);
        self.inner.end(lock, &sealed, idle).await
    }
}

/// An expiring store whose download links keep their documents sealed; every other value
/// (markers, counters) holds nothing personal and passes through.
pub struct SealedExpiring {
    inner: Arc<dyn ExpiringStore>,
    keys: Arc<DataKeys>,
}

impl SealedExpiring {
    pub fn new(inner: Arc<dyn ExpiringStore>, keys: Arc<DataKeys>) -> SealedExpiring {
        SealedExpiring { inner, keys }
    }
}

/// What a download is authenticated with: its token.
fn download_purpose(token: &str) -> String {
    format!("download:{token}")
}

#[async_trait]
impl ExpiringStore for SealedExpiring {
    async fn keep_download(
        &self,
        token: &str,
        document: &str,
        lifetime: Duration,
        holder: (&str, &str),
    ) -> Result<(), SessionError> {
        let sealed = self.keys.seal(&download_purpose(token), document);
        self.inner
            .keep_download(token, &sealed, lifetime, holder)
            .await
    }

    async fn download(&self, token: &str) -> Result<Option<String>, SessionError> {
        let Some(stored) = self.inner.download(token).await? else {
            return Ok(None);
        };
        match self.keys.open(&download_purpose(token), &stored) {
            Ok(document) if document != stored => Ok(Some(document)),
            Ok(_) => Ok(None),
            Err(e) => {
                tracing::warn!(error = %e, "a kept download does not open");
                Ok(None)
            }
        }
    }

    async fn open_service_window(&self, wa_id: &str, length: Duration) -> Result<(), SessionError> {
        self.inner.open_service_window(wa_id, length).await
    }

    async fn service_window_open(&self, wa_id: &str) -> Result<bool, SessionError> {
        self.inner.service_window_open(wa_id).await
    }

    async fn mark_send(
        &self,
        channel: &str,
        chat: &str,
        hold: Duration,
        wait: Duration,
    ) -> Result<(), SessionError> {
        self.inner.mark_send(channel, chat, hold, wait).await
    }

    async fn first_seen(&self, key: &str, window: Duration) -> Result<bool, SessionError> {
        self.inner.first_seen(key, window).await
    }

    async fn count_hit(
        &self,
        key: &str,
        window: Duration,
    ) -> Result<(u64, Duration), SessionError> {
        self.inner.count_hit(key, window).await
    }
}
