//! How the one SQL store talks to either engine.
//!
//! The store is written once, generic over `DB: SqlBackend`. sqlx's own query API asks a
//! generic caller to prove, for every Rust type it binds or reads, that the engine can encode
//! and decode it (`i64: Encode<DB> + Type<DB>`, `for<'c> &'c mut DB::Connection: Executor`…),
//! and Rust does not carry such bounds along with `DB: SqlBackend`, so each function would
//! repeat a long `where` clause. Instead the store builds its queries with the small
//! `query`, `query_as` and `query_scalar` below, which read like sqlx's: values are bound
//! through [`Value`] (a type both engines encode) and rows read through [`Record`] (a row
//! both engines decode), and the engine-specific calls happen in the two `SqlBackend` impls,
//! where the engine is known.
//!
//! What differs between the engines lives here too, as constants next to their reasons.

use super::super::Backend;
use sqlx::migrate::{MigrateError, Migrator};
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{Database, Encode, Executor, FromRow, IntoArguments, Pool, Postgres, Sqlite, Type};
use std::future::Future;
use std::marker::PhantomData;

static PG_MIGRATOR: Migrator = sqlx::migrate!("../migrations/postgres");
static SQLITE_MIGRATOR: Migrator = sqlx::migrate!("../migrations/sqlite");

/// An SQL engine the store runs on: what differs between PostgreSQL and SQLite, and the
/// engine-specific half of running a query. Both accept `$N` placeholders and
/// `ON CONFLICT … DO UPDATE SET x = excluded.x`, so one SQL text serves both.
pub trait SqlBackend: Database {
    /// Which engine this is, for `Maintenance::backend`.
    const KIND: Backend;
    /// How a write transaction begins.
    const BEGIN_WRITE: &'static str;
    /// A statement taking `$1` (a key: a passport's `nationality:number`, an attempt
    /// subject), run first in a write transaction so that two transactions on one key (two
    /// bookings for one passport, two proof attempts) cannot both pass the same count.
    const LOCK_KEY: &'static str;
    /// The office-local date of a slot: `starts_at` shifted by `$5` seconds.
    const SLOT_DAY: &'static str;
    /// Appended to a `SELECT` of one row the transaction will change.
    const LOCK_ROW: &'static str;
    /// Appended to the subquery that picks outbox rows to claim.
    const SKIP_LOCKED: &'static str;

    /// Applies this engine's migrations (`migrations/postgres` or `migrations/sqlite`).
    fn migrate(pool: &Pool<Self>) -> impl Future<Output = Result<(), MigrateError>> + Send;

    /// Adds one argument to a query.
    fn bind<'t, T: Value<'t>>(query: SqlxQuery<Self>, value: T) -> SqlxQuery<Self>;

    /// Runs a statement; returns how many rows it changed.
    fn execute<'e>(
        query: SqlxQuery<Self>,
        on: RunOn<'e, Self>,
    ) -> impl Future<Output = Result<u64, sqlx::Error>> + Send + 'e;

    fn fetch_all<'e, O: Record>(
        query: SqlxQuery<Self>,
        on: RunOn<'e, Self>,
    ) -> impl Future<Output = Result<Vec<O>, sqlx::Error>> + Send + 'e;

    fn fetch_optional<'e, O: Record>(
        query: SqlxQuery<Self>,
        on: RunOn<'e, Self>,
    ) -> impl Future<Output = Result<Option<O>, sqlx::Error>> + Send + 'e;
}

/// The engine-specific half of running a query. The text is the same for both engines, but
/// it compiles only where the engine is known (there sqlx's bounds hold for every `Value`
/// and `Record`), so each `SqlBackend` impl expands it for its own engine.
macro_rules! run_with_sqlx {
    () => {
        fn bind<'t, T: Value<'t>>(query: SqlxQuery<Self>, value: T) -> SqlxQuery<Self> {
            query.bind(value)
        }

        fn execute<'e>(
            query: SqlxQuery<Self>,
            on: RunOn<'e, Self>,
        ) -> impl Future<Output = Result<u64, sqlx::Error>> + Send + 'e {
            execute_on(query, on, |done| done.rows_affected())
        }

        fn fetch_all<'e, O: Record>(
            query: SqlxQuery<Self>,
            on: RunOn<'e, Self>,
        ) -> impl Future<Output = Result<Vec<O>, sqlx::Error>> + Send + 'e {
            fetch_all_on(query, on)
        }

        fn fetch_optional<'e, O: Record>(
            query: SqlxQuery<Self>,
            on: RunOn<'e, Self>,
        ) -> impl Future<Output = Result<Option<O>, sqlx::Error>> + Send + 'e {
            fetch_optional_on(query, on)
        }
    };
}

impl SqlBackend for Postgres {
    const KIND: Backend = Backend::Postgres;
    const BEGIN_WRITE: &'static str = "BEGIN";
    // A transaction-scoped advisory lock on the key: the second transaction waits for the
    // first to commit, then counts what it wrote.
    const LOCK_KEY: &'static str = "SELECT pg_advisory_xact_lock(hashtext($1))::text";
    const SLOT_DAY: &'static str =
        "CAST((starts_at AT TIME ZONE 'UTC') + make_interval(secs => $5) AS DATE)";
    const LOCK_ROW: &'static str = " FOR UPDATE";
    // Several dispatchers claim disjoint rows: a row locked by one is skipped by the others.
    const SKIP_LOCKED: &'static str = " FOR UPDATE SKIP LOCKED";

    async fn migrate(pool: &Pool<Self>) -> Result<(), MigrateError> {
        PG_MIGRATOR.run(pool).await
    }

    run_with_sqlx!();
}

impl SqlBackend for Sqlite {
    const KIND: Backend = Backend::Sqlite;
    // Takes the write lock up front, so two writers queue on the busy timeout instead of
    // failing on a lock upgrade. It also serialises every writer, which is why SQLite needs
    // no passport lock and no row locks.
    const BEGIN_WRITE: &'static str = "BEGIN IMMEDIATE";
    // `BEGIN IMMEDIATE` already runs write transactions one at a time.
    const LOCK_KEY: &'static str = "SELECT $1";
    const SLOT_DAY: &'static str = "date(starts_at, printf('%+d seconds', $5))";
    const LOCK_ROW: &'static str = "";
    const SKIP_LOCKED: &'static str = "";

    async fn migrate(pool: &Pool<Self>) -> Result<(), MigrateError> {
        SQLITE_MIGRATOR.run(pool).await
    }

    run_with_sqlx!();
}

/// A Rust value both engines can bind (`'t`: as long as the value borrows for).
pub trait Value<'t>:
    Encode<'t, Postgres> + Type<Postgres> + Encode<'t, Sqlite> + Type<Sqlite>
{
}

impl<'t, T> Value<'t> for T where
    T: Encode<'t, Postgres> + Type<Postgres> + Encode<'t, Sqlite> + Type<Sqlite>
{
}

/// A row shape both engines can read (a `#[derive(sqlx::FromRow)]` struct or a tuple).
pub trait Record:
    for<'r> FromRow<'r, PgRow> + for<'r> FromRow<'r, SqliteRow> + Send + Unpin + 'static
{
}

impl<O> Record for O where
    O: for<'r> FromRow<'r, PgRow> + for<'r> FromRow<'r, SqliteRow> + Send + Unpin + 'static
{
}

/// sqlx's query with its arguments, as the engine-specific half receives it.
pub type SqlxQuery<DB> = sqlx::query::Query<'static, DB, <DB as Database>::Arguments>;

/// Where a query runs: on the pool (a connection of its own) or on one connection, such
/// as an open transaction's.
pub enum RunOn<'e, DB: Database> {
    Pool(&'e Pool<DB>),
    Connection(&'e mut DB::Connection),
}

/// What a query can run on, as sqlx's `Executor` is: `&pool`, `&mut *transaction` or
/// `&mut *pooled_connection`.
pub trait Runner<'e> {
    type Database: SqlBackend;
    fn run_on(self) -> RunOn<'e, Self::Database>;
}

impl<'e, DB: SqlBackend> Runner<'e> for &'e Pool<DB> {
    type Database = DB;
    fn run_on(self) -> RunOn<'e, DB> {
        RunOn::Pool(self)
    }
}

impl<'e, C> Runner<'e> for &'e mut C
where
    C: sqlx::Connection,
    C::Database: SqlBackend<Connection = C>,
{
    type Database = C::Database;
    fn run_on(self) -> RunOn<'e, C::Database> {
        RunOn::Connection(self)
    }
}

/// A statement whose result is a count of changed rows (`INSERT`, `UPDATE`, `DELETE`).
pub fn query<DB: SqlBackend>(sql: impl sqlx::SqlSafeStr) -> Query<DB> {
    Query {
        inner: sqlx::query(sql),
    }
}

/// A query whose rows are read as `O` (a row struct or a tuple).
pub fn query_as<DB: SqlBackend, O: Record>(sql: impl sqlx::SqlSafeStr) -> QueryAs<DB, O> {
    QueryAs {
        inner: sqlx::query(sql),
        row: PhantomData,
    }
}

/// A query whose rows have one column, read as `O`.
pub fn query_scalar<DB: SqlBackend, O>(sql: impl sqlx::SqlSafeStr) -> QueryScalar<DB, O>
where
    (O,): Record,
{
    QueryScalar {
        inner: sqlx::query(sql),
        column: PhantomData,
    }
}

#[must_use = "a query does nothing until it runs"]
pub struct Query<DB: SqlBackend> {
    inner: SqlxQuery<DB>,
}

#[must_use = "a query does nothing until it runs"]
pub struct QueryAs<DB: SqlBackend, O> {
    inner: SqlxQuery<DB>,
    row: PhantomData<fn() -> O>,
}

#[must_use = "a query does nothing until it runs"]
pub struct QueryScalar<DB: SqlBackend, O> {
    inner: SqlxQuery<DB>,
    column: PhantomData<fn() -> O>,
}

/// What a statement did.
pub struct Done {
    rows_affected: u64,
}

impl Done {
    pub fn rows_affected(&self) -> u64 {
        self.rows_affected
    }
}

impl<DB: SqlBackend> Query<DB> {
    pub fn bind<'t>(self, value: impl Value<'t>) -> Self {
        Self {
            inner: DB::bind(self.inner, value),
        }
    }

    pub async fn execute<'e>(
        self,
        on: impl Runner<'e, Database = DB>,
    ) -> Result<Done, sqlx::Error> {
        let rows_affected = DB::execute(self.inner, on.run_on()).await?;
        Ok(Done { rows_affected })
    }
}

impl<DB: SqlBackend, O: Record> QueryAs<DB, O> {
    pub fn bind<'t>(self, value: impl Value<'t>) -> Self {
        Self {
            inner: DB::bind(self.inner, value),
            row: PhantomData,
        }
    }

    pub async fn fetch_all<'e>(
        self,
        on: impl Runner<'e, Database = DB>,
    ) -> Result<Vec<O>, sqlx::Error> {
        DB::fetch_all(self.inner, on.run_on()).await
    }

    pub async fn fetch_optional<'e>(
        self,
        on: impl Runner<'e, Database = DB>,
    ) -> Result<Option<O>, sqlx::Error> {
        DB::fetch_optional(self.inner, on.run_on()).await
    }
}

impl<DB: SqlBackend, O> QueryScalar<DB, O>
where
    (O,): Record,
{
    pub fn bind<'t>(self, value: impl Value<'t>) -> Self {
        Self {
            inner: DB::bind(self.inner, value),
            column: PhantomData,
        }
    }

    pub async fn fetch_all<'e>(
        self,
        on: impl Runner<'e, Database = DB>,
    ) -> Result<Vec<O>, sqlx::Error> {
        let rows: Vec<(O,)> = DB::fetch_all(self.inner, on.run_on()).await?;
        Ok(rows.into_iter().map(|(value,)| value).collect())
    }

    pub async fn fetch_optional<'e>(
        self,
        on: impl Runner<'e, Database = DB>,
    ) -> Result<Option<O>, sqlx::Error> {
        let row: Option<(O,)> = DB::fetch_optional(self.inner, on.run_on()).await?;
        Ok(row.map(|(value,)| value))
    }

    pub async fn fetch_one<'e>(self, on: impl Runner<'e, Database = DB>) -> Result<O, sqlx::Error> {
        self.fetch_optional(on)
            .await?
            .ok_or(sqlx::Error::RowNotFound)
    }
}

// The engine-specific half, written once: each `SqlBackend` impl calls these with its own
// engine, where sqlx's bounds are known to hold.

async fn execute_on<DB>(
    query: SqlxQuery<DB>,
    on: RunOn<'_, DB>,
    rows_affected: fn(&DB::QueryResult) -> u64,
) -> Result<u64, sqlx::Error>
where
    DB: Database,
    DB::Arguments: IntoArguments<DB>,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
{
    let done = match on {
        RunOn::Pool(pool) => query.execute(pool).await?,
        RunOn::Connection(conn) => query.execute(conn).await?,
    };
    Ok(rows_affected(&done))
}

async fn fetch_all_on<DB, O>(query: SqlxQuery<DB>, on: RunOn<'_, DB>) -> Result<Vec<O>, sqlx::Error>
where
    DB: Database,
    DB::Arguments: IntoArguments<DB>,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    O: for<'r> FromRow<'r, DB::Row>,
{
    let rows = match on {
        RunOn::Pool(pool) => query.fetch_all(pool).await?,
        RunOn::Connection(conn) => query.fetch_all(conn).await?,
    };
    rows.iter().map(O::from_row).collect()
}

async fn fetch_optional_on<DB, O>(
    query: SqlxQuery<DB>,
    on: RunOn<'_, DB>,
) -> Result<Option<O>, sqlx::Error>
where
    DB: Database,
    DB::Arguments: IntoArguments<DB>,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    O: for<'r> FromRow<'r, DB::Row>,
{
    let row = match on {
        RunOn::Pool(pool) => query.fetch_optional(pool).await?,
        RunOn::Connection(conn) => query.fetch_optional(conn).await?,
    };
    row.as_ref().map(O::from_row).transpose()
}
