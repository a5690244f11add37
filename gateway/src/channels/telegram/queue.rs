//! Ordering without blocking: one queue per (chat, sender), worked by a task that lives only
//! while the queue has something in it. A member's turns run one after another in arrival
//! order; other chats and members run at the same time. Each turn runs as its own task, so
//! a panicking turn is logged and the queue goes on.

use super::Telegram;
use super::updates::{self, QueueKey};
use crate::app::App;
use crate::inbox::Claim;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use teloxide::types::Update;

/// An update with its inbox record, marked done once its turn has run.
pub type Taken = (Update, Arc<Claim>);
use tokio::sync::mpsc;

type Queues = Arc<Mutex<HashMap<QueueKey, mpsc::UnboundedSender<Taken>>>>;

#[derive(Default)]
pub struct UpdateQueues {
    queues: Queues,
}

impl UpdateQueues {
    /// Appends the update to its queue, starting a worker when the queue was idle.
    pub fn enqueue(&self, app: &App, telegram: &Arc<Telegram>, key: QueueKey, update: Taken) {
        let mut queues = self.queues.lock().expect("telegram queues");
        let update = match queues.get(&key) {
            Some(queue) => match queue.send(update) {
                Ok(()) => return,
                Err(returned) => returned.0,
            },
            None => update,
        };
        let (tx, rx) = mpsc::unbounded_channel();
        let _ = tx.send(update);
        queues.insert(key, tx);
        tokio::spawn(work(
            app.clone(),
            telegram.clone(),
            self.queues.clone(),
            key,
            rx,
        ));
    }

    /// Completes when every queue is empty and every turn done (`true`), or after `limit`
    /// (`false`).
    pub async fn drained(&self, limit: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            if self.queues.lock().expect("telegram queues").is_empty() {
                return true;
            }
            if tokio::time::Instant::now() >= deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
}

async fn work(
    app: App,
    telegram: Arc<Telegram>,
    queues: Queues,
    key: QueueKey,
    mut rx: mpsc::UnboundedReceiver<Taken>,
) {
    loop {
        let update = match rx.try_recv() {
            Ok(update) => update,
            Err(_) => {
                // Leave only under the lock that `enqueue` sends under, so nothing sent to
                // this queue is left behind.
                let mut map = queues.lock().expect("telegram queues");
                match rx.try_recv() {
                    Ok(update) => update,
                    Err(_) => {
                        map.remove(&key);
                        return;
                    }
                }
            }
        };
        let (update, claim) = update;
        let update_id = update.id.0;
        // Updates are queued per chat, apart from the request (if any) that brought them:
        // each turn gets an id of its own, in the field HTTP requests use.
        let turn = crate::observe::with_new_request_id(
            "telegram_update",
            updates::process(app.clone(), telegram.clone(), update, claim.clone()),
        );
        if let Err(e) = tokio::spawn(turn).await {
            tracing::error!(update_id, error = %e, "telegram turn failed");
            // Not again after the lease: a message that makes the turn panic would do so
            // every time.
            claim.turn_done(&app).await;
        }
    }
}
