//! What the in-memory session and expiring stores (`session.rs`, `expiring.rs`) keep:
//! entries that expire, in this process's memory, behind a lock.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

/// Entries with a deadline. One past its deadline reads as absent; every 1024th write
/// drops the expired ones, so an idle store does not grow forever.
pub(super) struct ExpiringMap<K, V> {
    entries: HashMap<K, (V, Instant)>,
    writes: u64,
}

impl<K, V> Default for ExpiringMap<K, V> {
    fn default() -> Self {
        Self {
            entries: HashMap::new(),
            writes: 0,
        }
    }
}

impl<K: Eq + Hash, V> ExpiringMap<K, V> {
    /// The entry of `key` and its deadline, if it has not expired at `now`.
    pub(super) fn live<Q>(&self, key: &Q, now: Instant) -> Option<(&V, Instant)>
    where
        K: Borrow<Q>,
        Q: Eq + Hash + ?Sized,
    {
        self.entries
            .get(key)
            .filter(|(_, until)| *until > now)
            .map(|(value, until)| (value, *until))
    }

    /// Sets `key` to `value` until `until`.
    pub(super) fn insert(&mut self, key: K, value: V, until: Instant, now: Instant) {
        self.writes += 1;
        if self.writes.is_multiple_of(1024) {
            self.entries.retain(|_, (_, until)| *until > now);
        }
        self.entries.insert(key, (value, until));
    }

    pub(super) fn remove<Q>(&mut self, key: &Q)
    where
        K: Borrow<Q>,
        Q: Eq + Hash + ?Sized,
    {
        self.entries.remove(key);
    }

    /// Removes every entry whose key matches; how many went.
    pub(super) fn remove_where(&mut self, matches: impl Fn(&K) -> bool) -> usize {
        let before = self.entries.len();
        self.entries.retain(|key, _| !matches(key));
        before - self.entries.len()
    }
}

/// Locks an in-memory store. Every critical section is a single read, insert or remove,
/// so a panic while holding the lock cannot leave it half-updated: a poisoned lock is
/// still usable.
pub(super) fn lock<T>(state: &Mutex<T>) -> MutexGuard<'_, T> {
    state.lock().unwrap_or_else(|e| e.into_inner())
}
