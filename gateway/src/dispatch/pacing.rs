//! Pacing of sends: platforms limit how fast one chat may receive messages (Telegram about
//! one per second) and how many a bot may send in all (about 30 a second), so the dispatcher
//! waits its turn instead of collecting 429s.
//!
//! A chat's sends run one at a time and its gap is counted from the end of the previous send,
//! so the platform never sees two closer than the gap. A channel-wide gap is counted between
//! the starts of sends (they may overlap), by reserving start times. With a shared expiring
//! store (Redis), each send to a chat also takes a marker that expires one gap later, so
//! several processes together keep the chat's pace too (the channel-wide gap stays per
//! process).

use super::SendLimits;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::OwnedMutexGuard;
use tokio::time::Instant;
use visadesk_bot::store::ExpiringStore;

type Chat = (String, String);

pub struct Pacing {
    gap: Duration,
    chats: Mutex<HashMap<Chat, Arc<tokio::sync::Mutex<Option<Instant>>>>>,
    /// The next free start per channel (channel-wide limits only).
    channels: Mutex<HashMap<String, Instant>>,
    /// Where the per-chat markers of all processes live.
    shared: Option<Arc<dyn ExpiringStore>>,
}

/// Permission to send to a chat now: held while sending; when dropped, the next send to the
/// chat may start one gap later.
pub struct SendPermit(OwnedMutexGuard<Option<Instant>>);

impl Drop for SendPermit {
    fn drop(&mut self) {
        *self.0 = Some(Instant::now());
    }
}

impl Pacing {
    /// `gap`: the default gap between two sends to one chat.
    pub fn new(gap: Duration) -> Pacing {
        Pacing {
            gap,
            chats: Mutex::new(HashMap::new()),
            channels: Mutex::new(HashMap::new()),
            shared: None,
        }
    }

    /// Keeps each chat's pace across every process sharing `store`.
    pub fn shared(mut self, store: Arc<dyn ExpiringStore>) -> Pacing {
        self.shared = Some(store);
        self
    }

    /// Waits until this chat (and its channel) may receive the next message.
    pub async fn wait_to_send(&self, channel: &str, chat: &str, limits: SendLimits) -> SendPermit {
        let slot = {
            let mut chats = self.chats.lock().unwrap_or_else(|e| e.into_inner());
            // Forget idle chats, so the map stays small.
            if chats.len() > 10_000 {
                chats.retain(|_, m| Arc::strong_count(m) > 1);
            }
            chats
                .entry((channel.to_string(), chat.to_string()))
                .or_default()
                .clone()
        };
        let guard = slot.lock_owned().await;
        let gap = limits.per_chat.unwrap_or(self.gap);
        if let Some(last) = *guard {
            tokio::time::sleep_until(last + gap).await;
        }
        if let Some(store) = &self.shared {
            // Taken, never released: it expires one gap after this send starts, and whichever
            // process sends to the chat next waits for that.
            // A tenth more than the gap: network jitter must not bring two arrivals closer.
            let hold = gap + gap / 10;
            if let Err(e) = store
                .mark_send(channel, chat, hold, hold * 3 + Duration::from_secs(1))
                .await
            {
                tracing::warn!(error = %e, channel, "shared pacing unavailable; pacing this process only");
            }
        }
        if let Some(gap) = limits.per_channel {
            let start = {
                let mut channels = self.channels.lock().unwrap_or_else(|e| e.into_inner());
                let now = Instant::now();
                let next = channels.entry(channel.to_string()).or_insert(now);
                let start = (*next).max(now);
                *next = start + gap;
                start
            };
            tokio::time::sleep_until(start).await;
        }
        SendPermit(guard)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_channel_wide_gap_spaces_sends_to_different_chats() {
        let pacing = Arc::new(Pacing::new(Duration::from_millis(1)));
        let limits = SendLimits {
            per_chat: None,
            per_channel: Some(Duration::from_millis(20)),
        };
        let started = Instant::now();
        let mut tasks = Vec::new();
        for chat in 0..6 {
            let pacing = pacing.clone();
            tasks.push(tokio::spawn(async move {
                drop(
                    pacing
                        .wait_to_send("telegram", &chat.to_string(), limits)
                        .await,
                );
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        // Six starts, each at least 20 ms after the one before.
        assert!(started.elapsed() >= Duration::from_millis(100));
    }

    #[tokio::test]
    async fn one_chat_waits_its_gap_after_the_last_send_ended() {
        let pacing = Pacing::new(Duration::from_millis(30));
        let started = Instant::now();
        for _ in 0..3 {
            drop(
                pacing
                    .wait_to_send("generic", "a", SendLimits::default())
                    .await,
            );
        }
        assert!(started.elapsed() >= Duration::from_millis(60));
        // Another chat does not wait.
        let other = Instant::now();
        drop(
            pacing
                .wait_to_send("generic", "b", SendLimits::default())
                .await,
        );
        assert!(other.elapsed() < Duration::from_millis(30));
    }
}
