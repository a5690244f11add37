//! Pacing of sends to one chat: platforms limit how fast one chat may receive messages
//! (Telegram about one per second), so the dispatcher waits its turn per chat instead of
//! collecting 429s. A chat's sends run one at a time and the gap is counted from the end of
//! the previous send, so the platform never sees two closer than the gap. The clock is this
//! process's; sends to different chats do not wait for each other.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::OwnedMutexGuard;
use tokio::time::Instant;

type Chat = (String, String);

pub struct Pacing {
    gap: Duration,
    chats: Mutex<HashMap<Chat, Arc<tokio::sync::Mutex<Option<Instant>>>>>,
}

/// A chat's turn: held while sending; when dropped, the next send to the chat may start one
/// gap later.
pub struct Turn(OwnedMutexGuard<Option<Instant>>);

impl Drop for Turn {
    fn drop(&mut self) {
        *self.0 = Some(Instant::now());
    }
}

impl Pacing {
    pub fn new(gap: Duration) -> Pacing {
        Pacing {
            gap,
            chats: Mutex::new(HashMap::new()),
        }
    }

    /// Waits until this chat may receive the next message.
    pub async fn wait_turn(&self, channel: &str, chat: &str) -> Turn {
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
        if let Some(last) = *guard {
            tokio::time::sleep_until(last + self.gap).await;
        }
        Turn(guard)
    }
}
