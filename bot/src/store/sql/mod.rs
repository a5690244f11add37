//! The SQL store, written once and run on PostgreSQL or SQLite: `SqlStore<DB>` implements
//! every aggregate trait of the store for any `DB: SqlBackend`. What differs between the
//! engines (migrations, how a write transaction begins, row locks, date arithmetic) is in
//! `backend`; the SQL itself sits next to the code that needs it, one file per aggregate.

mod audit;
mod backend;
mod backoffice;
mod bookings;
mod delegation;
mod holder;
mod identity;
mod import;
mod maintenance;
mod outbox;
mod personal_data;
mod retention;
mod rows;
mod seen_updates;
mod waitlist;

pub use backend::SqlBackend;
pub(in crate::store) use backend::{Runner, query, query_as, query_scalar};
use waitlist::tell_waiters;

use super::StoreError;
use super::data_keys::DataKeys;
use crate::domain::{Nationality, PassportNo};
use chrono::{DateTime, SubsecRound, Utc};
use sha2::{Digest, Sha256};
use sqlx::{Pool, Postgres, Sqlite, Transaction};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// The store on one SQL engine: a connection pool and the queries of every aggregate.
pub struct SqlStore<DB: SqlBackend> {
    pool: Pool<DB>,
    /// Seal and open the personal columns, and make their blind indexes.
    keys: Arc<DataKeys>,
}

/// The store on PostgreSQL.
pub type PgRepository = SqlStore<Postgres>;

/// The store on SQLite (the embedded default).
pub type SqliteRepository = SqlStore<Sqlite>;

impl<DB: SqlBackend> Clone for SqlStore<DB> {
    fn clone(&self) -> Self {
        Self {
            pool: self.pool.clone(),
            keys: self.keys.clone(),
        }
    }
}

impl<DB: SqlBackend> SqlStore<DB> {
    pub fn from_pool(pool: Pool<DB>, keys: Arc<DataKeys>) -> Self {
        Self { pool, keys }
    }

    /// The data keys this store seals with.
    pub fn data_keys(&self) -> &DataKeys {
        &self.keys
    }

    pub fn pool(&self) -> &Pool<DB> {
        &self.pool
    }

    /// Begins a transaction that will write (see `SqlBackend::BEGIN_WRITE`).
    async fn write_tx(&self) -> Result<Transaction<'static, DB>, StoreError> {
        Ok(self.pool.begin_with(DB::BEGIN_WRITE).await?)
    }
}

/// A pooled PostgreSQL connection idle for longer than this is checked (one round trip)
/// before use, so one that died meanwhile (a server restart, a proxy's idle cut) is replaced
/// instead of failing a query. One in steady use is not: sqlx's default checks every
/// connection on every acquire, which cost a busy service one extra round trip per query.
/// (HikariCP skips the check for connections used within the last 500 ms the same way.)
const CHECK_IF_IDLE_FOR: Duration = Duration::from_secs(1);

impl SqlStore<Postgres> {
    pub async fn connect(
        url: &str,
        connect_timeout: Duration,
        keys: Arc<DataKeys>,
    ) -> Result<Self, StoreError> {
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(connect_timeout)
            .test_before_acquire(false)
            .before_acquire(|conn, meta| {
                Box::pin(async move {
                    if meta.idle_for > CHECK_IF_IDLE_FOR {
                        sqlx::Connection::ping(conn).await?;
                    }
                    Ok(true)
                })
            })
            .connect(url)
            .await?;
        Ok(Self { pool, keys })
    }
}

impl SqlStore<Sqlite> {
    /// Opens the SQLite file, creating it (and its folder) when missing.
    pub async fn connect(
        url: &str,
        connect_timeout: Duration,
        keys: Arc<DataKeys>,
    ) -> Result<Self, StoreError> {
        use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
        use std::str::FromStr;
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        let file = options.get_filename();
        if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                StoreError::Database(sqlx::Error::Configuration(
                    format!("cannot create {}: {e}", dir.display()).into(),
                ))
            })?;
        }
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(connect_timeout)
            // A connection to a local file does not drop while idle; checking it before every
            // use only cost a round trip to its worker thread.
            .test_before_acquire(false)
            .connect_with(options)
            .await?;
        Ok(Self { pool, keys })
    }
}

/// Now, at the precision both backends keep (PostgreSQL stores microseconds), so a value
/// read back compares equal to the value written. Only for when a row was written
/// (`created_at`, an import's history line, a forget-me's `revoked_at`): every decision by
/// date or time takes `now` from the caller, who reads the app's `Clock`.
fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// `at` at the precision both backends keep, like `now`.
fn micros(at: DateTime<Utc>) -> DateTime<Utc> {
    at.trunc_subsecs(6)
}

/// The key attempt counters use for a passport: a digest, never the number itself.
pub fn passport_key(nationality: &Nationality, passport: &PassportNo) -> String {
    hex::encode(Sha256::digest(
        format!("{nationality}:{}", passport.expose()).as_bytes(),
    ))
}

/// Link codes are stored as SHA-256 hex digests: a database dump does not hand them out.
pub fn hash_link_code(code: &str) -> String {
    hex::encode(Sha256::digest(code.trim().to_ascii_uppercase().as_bytes()))
}

/// Groups `(key, value)` rows by key, keeping order.
fn group_by_key<V>(rows: Vec<(String, V)>) -> HashMap<String, Vec<V>> {
    let mut map: HashMap<String, Vec<V>> = HashMap::new();
    for (k, v) in rows {
        map.entry(k).or_default().push(v);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{IdentityStore, Maintenance};

    /// Records are read straight from their rows: a stored value edited by hand into
    /// something its type rejects is `Corrupt`, naming the column, and nothing panics.
    #[tokio::test]
    async fn a_stored_value_that_no_longer_parses_is_corrupt() {
        let file = std::env::temp_dir().join(format!(
            "visadesk-corrupt-{}.db",
            uuid::Uuid::new_v4().simple()
        ));
        let url = format!("sqlite://{}?mode=rwc", file.display());
        let store =
            SqliteRepository::connect(&url, Duration::from_secs(5), Arc::new(DataKeys::generate()))
                .await
                .unwrap();
        store.migrate().await.unwrap();
        for sql in [
            "INSERT INTO chat_users (id, locale, created_at) \
             VALUES (1, 'en', '2026-01-05T00:00:00Z')",
            "INSERT INTO applicants (id, full_name, nationality, passport_no, created_at) \
             VALUES (1, 'Anna Schmidt', 'D3U', 'E12345678', '2026-01-05T00:00:00Z')",
            "INSERT INTO applicant_links (chat_user_id, applicant_id, method, linked_at) \
             VALUES (1, 1, 'receipt', '2026-01-05T00:00:00Z')",
        ] {
            query::<Sqlite>(sql).execute(store.pool()).await.unwrap();
        }
        let read = store.linked_applicants(1).await;
        store.pool().close().await;
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
        }
        match read {
            // The column, and why its value no longer parses.
            Err(StoreError::Corrupt(what)) => assert!(
                what.starts_with("nationality") && what.contains("three-letter"),
                "{what}"
            ),
            other => panic!("expected a corrupt value, got {other:?}"),
        }
    }
}
