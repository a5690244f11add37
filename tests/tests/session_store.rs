//! Session store and expiring store conformance: the in-process stores and the Redis stores
//! behave the same.

use std::sync::Arc;
use std::time::Duration;
use visadesk_bot::store::{ExpiringStore, SessionError, SessionKey, SessionStore, TurnLock};

/// One module of tests, `mod $module`: each named function runs on a store `$make` builds.
macro_rules! store_tests {
    ($module:ident, $make:expr, $($name:ident),+) => {
        mod $module {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(std::sync::Arc::new($make)).await;
                }
            )+
        }
    };
}

macro_rules! both_stores {
    ($($name:ident),+ $(,)?) => {
        store_tests!(memory, visadesk_bot::store::InMemorySessionStore::new(), $($name),+);
        store_tests!(redis, visadesk_tests::redis_store().await, $($name),+);
    };
}

macro_rules! both_expiring_stores {
    ($($name:ident),+ $(,)?) => {
        store_tests!(
            expiring_memory,
            visadesk_bot::store::InMemoryExpiringStore::new(),
            $($name),+
        );
        store_tests!(
            expiring_redis,
            visadesk_tests::redis_store().await.expiring_store(),
            $($name),+
        );
    };
}

both_stores!(
    saves_loads_and_deletes,
    sessions_expire_when_idle,
    each_group_member_has_own_session,
    lock_is_exclusive_until_released,
    expired_lock_can_be_taken_and_not_released_by_old_owner,
    concurrent_turns_never_interleave,
    begin_and_end_a_turn,
    a_late_end_does_not_release_the_next_turn,
);

both_expiring_stores!(
    rate_counters_count_per_window,
    repeats_are_seen_once_per_window,
    downloads_are_kept_for_their_lifetime,
    service_windows_open_and_close,
    a_marked_send_holds_back_the_next,
);

fn key(sender: &str) -> SessionKey {
    SessionKey::new("telegram", "-100123:group", sender)
}

/// Stores `value` as the session of `k` for a minute of idleness.
async fn save(store: &dyn SessionStore, k: &SessionKey, value: &str) {
    store.save(k, value, Duration::from_secs(60)).await.unwrap();
}

/// Takes the lock of `k` for `ttl`; panics with `free` when it is not free.
async fn take_lock(
    store: &dyn SessionStore,
    k: &SessionKey,
    ttl: Duration,
    free: &str,
) -> TurnLock {
    store.try_lock(k, ttl).await.unwrap().expect(free)
}

/// Whether the lock of `k` is free: tries to take it for 10 s (and keeps it if taken).
async fn lockable(store: &dyn SessionStore, k: &SessionKey) -> bool {
    store
        .try_lock(k, Duration::from_secs(10))
        .await
        .unwrap()
        .is_some()
}

async fn saves_loads_and_deletes(store: Arc<dyn SessionStore>) {
    let k = key("alice");
    assert_eq!(store.load(&k).await.unwrap(), None);
    save(&*store, &k, r#"{"v":1}"#).await;
    assert_eq!(store.load(&k).await.unwrap().as_deref(), Some(r#"{"v":1}"#));
    save(&*store, &k, r#"{"v":2}"#).await;
    assert_eq!(store.load(&k).await.unwrap().as_deref(), Some(r#"{"v":2}"#));
    store.delete(&k).await.unwrap();
    assert_eq!(store.load(&k).await.unwrap(), None);
    store.ping().await.unwrap();
}

async fn sessions_expire_when_idle(store: Arc<dyn SessionStore>) {
    let k = key("bob");
    store
        .save(&k, "short", Duration::from_millis(300))
        .await
        .unwrap();
    assert!(store.load(&k).await.unwrap().is_some());
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(store.load(&k).await.unwrap(), None);
}

async fn each_group_member_has_own_session(store: Arc<dyn SessionStore>) {
    save(&*store, &key("alice"), "a").await;
    save(&*store, &key("bob"), "b").await;
    // Keys that would collide if parts were simply joined with ':'.
    let tricky_a = SessionKey::new("web", "a:b", "c");
    let tricky_b = SessionKey::new("web", "a", "b:c");
    save(&*store, &tricky_a, "first").await;
    save(&*store, &tricky_b, "second").await;
    assert_eq!(
        store.load(&key("alice")).await.unwrap().as_deref(),
        Some("a")
    );
    assert_eq!(store.load(&key("bob")).await.unwrap().as_deref(), Some("b"));
    assert_eq!(
        store.load(&tricky_a).await.unwrap().as_deref(),
        Some("first")
    );
    assert_eq!(
        store.load(&tricky_b).await.unwrap().as_deref(),
        Some("second")
    );
}

async fn lock_is_exclusive_until_released(store: Arc<dyn SessionStore>) {
    let k = key("carol");
    let lock = take_lock(&*store, &k, Duration::from_secs(10), "free lock").await;
    assert!(!lockable(&*store, &k).await);
    assert!(
        lockable(&*store, &key("dave")).await,
        "other senders are not blocked"
    );
    assert!(store.unlock(&lock).await.unwrap());
    assert!(
        !store.unlock(&lock).await.unwrap(),
        "a released lock is not released twice"
    );
    assert!(lockable(&*store, &k).await);
}

async fn expired_lock_can_be_taken_and_not_released_by_old_owner(store: Arc<dyn SessionStore>) {
    let k = key("erin");
    let old = take_lock(&*store, &k, Duration::from_millis(200), "free lock").await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let new = take_lock(&*store, &k, Duration::from_secs(10), "expired lock is free").await;
    assert!(
        !store.unlock(&old).await.unwrap(),
        "the old owner cannot release the new owner's lock"
    );
    assert!(!lockable(&*store, &k).await);
    assert!(store.unlock(&new).await.unwrap());
}

async fn concurrent_turns_never_interleave(store: Arc<dyn SessionStore>) {
    // 20 turns each read the session, pause, and write it back incremented: without the
    // lock, updates would be lost. Half take the lock and the session separately, half in
    // one step (`begin`/`end`): both kinds exclude each other.
    let k = key("frank");
    save(&*store, &k, "0").await;
    let mut handles = Vec::new();
    for i in 0..20 {
        let (store, k) = (store.clone(), k.clone());
        handles.push(tokio::spawn(async move {
            let (ttl, wait, idle) = (
                Duration::from_secs(10),
                Duration::from_secs(20),
                Duration::from_secs(60),
            );
            if i % 2 == 0 {
                let lock = store.lock(&k, ttl, wait).await.unwrap();
                let n: u32 = store.load(&k).await.unwrap().unwrap().parse().unwrap();
                tokio::time::sleep(Duration::from_millis(5)).await;
                store.save(&k, &(n + 1).to_string(), idle).await.unwrap();
                assert!(store.unlock(&lock).await.unwrap());
            } else {
                let (lock, stored) = store.begin(&k, ttl, wait).await.unwrap();
                let n: u32 = stored.unwrap().parse().unwrap();
                tokio::time::sleep(Duration::from_millis(5)).await;
                assert!(store.end(&lock, &(n + 1).to_string(), idle).await.unwrap());
            }
        }));
    }
    for h in handles {
        h.await.unwrap();
    }
    assert_eq!(store.load(&k).await.unwrap().as_deref(), Some("20"));
}

async fn begin_and_end_a_turn(store: Arc<dyn SessionStore>) {
    let k = key("gina");
    let (ttl, idle) = (Duration::from_secs(10), Duration::from_secs(60));
    let (lock, stored) = store.try_begin(&k, ttl).await.unwrap().expect("free");
    assert_eq!(stored, None, "no session yet");
    assert!(
        store.try_begin(&k, ttl).await.unwrap().is_none(),
        "a second turn waits"
    );
    assert!(store.try_lock(&k, ttl).await.unwrap().is_none());
    assert!(store.end(&lock, "first", idle).await.unwrap());
    assert_eq!(store.load(&k).await.unwrap().as_deref(), Some("first"));
    let (lock, stored) = store.try_begin(&k, ttl).await.unwrap().expect("released");
    assert_eq!(stored.as_deref(), Some("first"));
    assert!(
        store
            .end(&lock, "second", Duration::from_millis(300))
            .await
            .unwrap()
    );
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (lock, stored) = store.try_begin(&k, ttl).await.unwrap().expect("free");
    assert_eq!(stored, None, "the session ended idles out");
    assert!(store.unlock(&lock).await.unwrap());
}

async fn a_late_end_does_not_release_the_next_turn(store: Arc<dyn SessionStore>) {
    let k = key("hank");
    let idle = Duration::from_secs(60);
    let (old, _) = store
        .try_begin(&k, Duration::from_millis(200))
        .await
        .unwrap()
        .unwrap();
    tokio::time::sleep(Duration::from_millis(400)).await;
    let (new, _) = store
        .try_begin(&k, Duration::from_secs(10))
        .await
        .unwrap()
        .expect("expired lock is free");
    assert!(
        !store.end(&old, "late", idle).await.unwrap(),
        "the old owner's end does not release the new owner's lock"
    );
    assert!(
        store
            .try_begin(&k, Duration::from_secs(10))
            .await
            .unwrap()
            .is_none(),
        "a second turn waits while the new owner holds the lock"
    );
    assert!(store.end(&new, "next", idle).await.unwrap());
    assert_eq!(store.load(&k).await.unwrap().as_deref(), Some("next"));
}

async fn rate_counters_count_per_window(store: Arc<dyn ExpiringStore>) {
    let key = format!("conv-{}", std::process::id());
    for expected in 1..=3 {
        let (count, left) = store
            .count_hit(&key, Duration::from_millis(400))
            .await
            .unwrap();
        assert_eq!(count, expected);
        assert!(
            left <= Duration::from_millis(400) && left > Duration::ZERO,
            "{left:?}"
        );
    }
    assert_eq!(
        store
            .count_hit("another", Duration::from_millis(400))
            .await
            .unwrap()
            .0,
        1
    );
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(
        store
            .count_hit(&key, Duration::from_millis(400))
            .await
            .unwrap()
            .0,
        1,
        "a new window starts over"
    );
}

async fn repeats_are_seen_once_per_window(store: Arc<dyn ExpiringStore>) {
    let window = Duration::from_millis(400);
    assert!(store.first_seen("msg-1", window).await.unwrap());
    assert!(
        !store.first_seen("msg-1", window).await.unwrap(),
        "a redelivery"
    );
    assert!(store.first_seen("msg-2", window).await.unwrap());
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert!(
        store.first_seen("msg-1", window).await.unwrap(),
        "the window is over"
    );
}

async fn downloads_are_kept_for_their_lifetime(store: Arc<dyn ExpiringStore>) {
    assert_eq!(store.download("t1").await.unwrap(), None);
    store
        .keep_download(
            "t1",
            "{\"data\":1}",
            Duration::from_millis(300),
            ("web", "someone"),
        )
        .await
        .unwrap();
    assert_eq!(
        store.download("t1").await.unwrap().as_deref(),
        Some("{\"data\":1}")
    );
    assert_eq!(store.download("t2").await.unwrap(), None);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(store.download("t1").await.unwrap(), None);
}

async fn service_windows_open_and_close(store: Arc<dyn ExpiringStore>) {
    assert!(!store.service_window_open("8613800000000").await.unwrap());
    store
        .open_service_window("8613800000000", Duration::from_millis(300))
        .await
        .unwrap();
    assert!(store.service_window_open("8613800000000").await.unwrap());
    assert!(!store.service_window_open("8613900000000").await.unwrap());
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(!store.service_window_open("8613800000000").await.unwrap());
}

async fn a_marked_send_holds_back_the_next(store: Arc<dyn ExpiringStore>) {
    let hold = Duration::from_millis(600);
    store
        .mark_send("telegram", "42", hold, Duration::from_secs(1))
        .await
        .unwrap();
    assert!(matches!(
        store
            .mark_send("telegram", "42", hold, Duration::from_millis(50))
            .await,
        Err(SessionError::Busy)
    ));
    store
        .mark_send("telegram", "43", hold, Duration::from_millis(50))
        .await
        .expect("another chat is not held back");
    let started = std::time::Instant::now();
    store
        .mark_send("telegram", "42", hold, Duration::from_secs(2))
        .await
        .expect("the marker expires");
    assert!(started.elapsed() >= Duration::from_millis(300));
}
