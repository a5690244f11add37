//! `Maintenance` in SQL: engine, health check, migrations, imports and row counts.

use super::rows::{SEALED_COLUMNS, SealedColumn};
use super::{SqlBackend, SqlStore, query, query_as, query_scalar};
use crate::import::ImportBatch;
use crate::store::{Backend, ImportReport, Maintenance, PoolUsage, StoreError, TABLES};
use async_trait::async_trait;
use sqlx::AssertSqlSafe;
use std::collections::BTreeMap;

/// Values sealed per write transaction by `migrate`: a large table is sealed in steps that
/// each hold their locks briefly, and an interrupted run resumes where it stopped.
const SEAL_BATCH: i64 = 500;

impl<DB: SqlBackend> SqlStore<DB> {
    /// Seals, `batch` rows per transaction, every value of one personal column that is plain
    /// (written before encryption) or sealed with a key other than the active one, and writes
    /// its blind index. Returns how many it sealed; a second run finds none.
    async fn seal_column(&self, sealed: &SealedColumn, batch: i64) -> Result<u64, StoreError> {
        let SealedColumn {
            name,
            table,
            column,
            blind,
        } = sealed;
        let current = format!("v1:{}:%", self.keys.active_id());
        // Every name below is a constant of `SEALED_COLUMNS`, never input.
        let select = format!(
            "SELECT CAST(id AS TEXT), {column} FROM {table} \
             WHERE {column} IS NOT NULL AND {column} NOT LIKE $1 ORDER BY id LIMIT $2"
        );
        let id_type = if *table == "e_documents" {
            "TEXT"
        } else {
            "BIGINT"
        };
        let update = match blind {
            Some((index, _)) => format!(
                "UPDATE {table} SET {column} = $1, {index} = $2 WHERE id = CAST($3 AS {id_type})"
            ),
            None => format!("UPDATE {table} SET {column} = $1 WHERE id = CAST($2 AS {id_type})"),
        };
        let mut done = 0;
        loop {
            let mut tx = self.write_tx().await?;
            let rows: Vec<(String, String)> = query_as(AssertSqlSafe(select.clone()))
                .bind(&current)
                .bind(batch)
                .fetch_all(&mut *tx)
                .await?;
            if rows.is_empty() {
                return Ok(done);
            }
            for (id, stored) in rows {
                let plain = self
                    .keys
                    .open(name, &stored)
                    .map_err(|source| StoreError::Sealed {
                        column: name,
                        source,
                    })?;
                let mut write =
                    query(AssertSqlSafe(update.clone())).bind(self.keys.seal(name, &plain));
                if let Some((_, kind)) = blind {
                    write = write.bind(self.keys.blind_index(kind, &plain));
                }
                write.bind(id).execute(&mut *tx).await?;
                done += 1;
            }
            tx.commit().await?;
        }
    }
}

#[async_trait]
impl<DB: SqlBackend> Maintenance for SqlStore<DB> {
    fn backend(&self) -> Backend {
        DB::KIND
    }

    async fn ping(&self) -> Result<(), StoreError> {
        query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    fn pool_usage(&self) -> PoolUsage {
        PoolUsage {
            open: self.pool.size(),
            idle: self.pool.num_idle() as u32,
            max: self.pool.options().get_max_connections(),
        }
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        DB::migrate(&self.pool).await?;
        let sealed = self.seal_personal_data(SEAL_BATCH).await?;
        if sealed > 0 {
            tracing::info!(sealed, "personal values sealed with the active data key");
        }
        Ok(())
    }

    async fn seal_personal_data(&self, batch: i64) -> Result<u64, StoreError> {
        let mut sealed = 0;
        for column in SEALED_COLUMNS {
            sealed += self.seal_column(column, batch).await?;
        }
        Ok(sealed)
    }

    async fn sealed_with(&self, key_id: &str) -> Result<i64, StoreError> {
        let mut found = 0;
        for SealedColumn { table, column, .. } in SEALED_COLUMNS {
            // Table and column names are the constants of `SEALED_COLUMNS`.
            let n: i64 = query_scalar(AssertSqlSafe(format!(
                "SELECT COUNT(*) FROM {table} WHERE {column} LIKE $1"
            )))
            .bind(format!("v1:{key_id}:%"))
            .fetch_one(&self.pool)
            .await?;
            found += n;
        }
        Ok(found)
    }

    async fn import(&self, batch: &ImportBatch) -> Result<ImportReport, StoreError> {
        let mut tx = self.write_tx().await?;
        let mut report = ImportReport::default();
        match batch {
            ImportBatch::Offices(r) => Self::import_offices(&mut tx, r, &mut report).await?,
            ImportBatch::Services(r) => Self::import_services(&mut tx, r, &mut report).await?,
            ImportBatch::Slots(r) => Self::import_slots(&mut tx, r, &mut report).await?,
            ImportBatch::Applicants(r) => {
                Self::import_applicants(&mut tx, &self.keys, r, &mut report).await?
            }
            ImportBatch::Applications(r) => {
                Self::import_applications(&mut tx, &self.keys, r, &mut report).await?
            }
            ImportBatch::Holidays(r) => Self::import_holidays(&mut tx, r, &mut report).await?,
        }
        tx.commit().await?;
        Ok(report)
    }

    async fn counts(&self) -> Result<BTreeMap<String, i64>, StoreError> {
        let mut counts = BTreeMap::new();
        for table in TABLES {
            // Table names are the constants in `TABLES`, never user input.
            let n: i64 = query_scalar(AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
                .fetch_one(&self.pool)
                .await?;
            counts.insert(table.to_string(), n);
        }
        Ok(counts)
    }
}
