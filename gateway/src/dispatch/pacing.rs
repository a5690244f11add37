//! Pacing of sends to one chat: platforms limit how fast one chat may receive messages
//! (Telegram about one per second), so the dispatcher waits its turn per chat instead of
//! collecting 429s. The clock is this process's; sends to different chats do not wait for
//! each other.

use std::collections::HashMap;
use std::time::Duration;
use tokio::sync::Mutex;
use tokio::time::Instant;

pub struct Pacing {
    gap: Duration,
    next: Mutex<HashMap<(String, String), Instant>>,
}

impl Pacing {
    pub fn new(gap: Duration) -> Pacing {
        Pacing {
            gap,
            next: Mutex::new(HashMap::new()),
        }
    }

    /// Waits until this chat may receive the next message, and books the slot after it.
    pub async fn wait_turn(&self, channel: &str, chat: &str) {
        let start = {
            let mut next = self.next.lock().await;
            let now = Instant::now();
            // Forget chats whose turn is long past, so the map stays small.
            if next.len() > 10_000 {
                next.retain(|_, at| *at > now);
            }
            let slot = next
                .get(&(channel.to_string(), chat.to_string()))
                .copied()
                .filter(|at| *at > now)
                .unwrap_or(now);
            next.insert((channel.to_string(), chat.to_string()), slot + self.gap);
            slot
        };
        tokio::time::sleep_until(start).await;
    }
}
