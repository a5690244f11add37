//! Arrival order within one process: messages of one session that arrive while a turn of
//! that session runs wait in a first-in, first-out line (tokio's mutex is fair), so they are
//! handled in the order they came. The session store's turn lock still keeps other processes
//! out; across processes, order is whatever the lock hands out.

use crate::store::SessionKey;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::OwnedMutexGuard;

/// One line per session key, kept only while someone is in it.
#[derive(Default)]
pub(crate) struct ArrivalOrder {
    lines: Mutex<HashMap<SessionKey, Line>>,
}

struct Line {
    gate: Arc<tokio::sync::Mutex<()>>,
    /// Turns holding or waiting for `gate`.
    members: usize,
}

/// A place in a session's line; the turn may run once `ArrivalOrder::enter` returned it, and
/// leaves the line when it is dropped (also when the waiting was abandoned).
pub(crate) struct Place<'a> {
    order: &'a ArrivalOrder,
    key: SessionKey,
    turn: Option<OwnedMutexGuard<()>>,
}

impl ArrivalOrder {
    fn lines(&self) -> std::sync::MutexGuard<'_, HashMap<SessionKey, Line>> {
        // Every critical section is a single map update: a poisoned lock is still consistent.
        self.lines.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Joins the line of `key` and waits for the turns that arrived before.
    pub(crate) async fn enter(&self, key: &SessionKey) -> Place<'_> {
        let gate = {
            let mut lines = self.lines();
            let line = lines.entry(key.clone()).or_insert_with(|| Line {
                gate: Arc::default(),
                members: 0,
            });
            line.members += 1;
            line.gate.clone()
        };
        // From here on the place exists, so an abandoned wait still leaves the line.
        let mut place = Place {
            order: self,
            key: key.clone(),
            turn: None,
        };
        place.turn = Some(gate.lock_owned().await);
        place
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.lines().len()
    }
}

impl Drop for Place<'_> {
    fn drop(&mut self) {
        // Let the next one in first, then leave; the last one out removes the line.
        self.turn.take();
        let mut lines = self.order.lines();
        if let Some(line) = lines.get_mut(&self.key) {
            line.members -= 1;
            if line.members == 0 {
                lines.remove(&self.key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn turns_run_in_arrival_order_and_lines_are_removed() {
        let order = Arc::new(ArrivalOrder::default());
        let key = SessionKey::new("generic", "c", "s");
        let first = order.enter(&key).await;
        let ran = Arc::new(Mutex::new(Vec::new()));
        let mut waiting = Vec::new();
        for n in 0..5 {
            let (order, key, ran) = (order.clone(), key.clone(), ran.clone());
            waiting.push(tokio::spawn(async move {
                let _place = order.enter(&key).await;
                ran.lock().unwrap().push(n);
                tokio::time::sleep(Duration::from_millis(2)).await;
            }));
            // Let this one join the line before the next arrives.
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        // An abandoned wait leaves the line too.
        let abandoned = tokio::time::timeout(Duration::from_millis(5), order.enter(&key)).await;
        assert!(abandoned.is_err());
        assert_eq!(order.len(), 1);
        drop(first);
        for w in waiting {
            w.await.unwrap();
        }
        assert_eq!(*ran.lock().unwrap(), vec![0, 1, 2, 3, 4]);
        assert_eq!(order.len(), 0, "the line is gone with its last member");
    }
}
