//! `Maintenance` in SQL: engine, health check, migrations, imports and row counts.

use super::{SqlBackend, SqlStore, query, query_scalar};
use crate::import::ImportBatch;
use crate::store::{Backend, ImportReport, Maintenance, PoolUsage, StoreError, TABLES};
use async_trait::async_trait;
use sqlx::AssertSqlSafe;
use std::collections::BTreeMap;

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
        Ok(())
    }

    async fn import(&self, batch: &ImportBatch) -> Result<ImportReport, StoreError> {
        let mut tx = self.write_tx().await?;
        let mut report = ImportReport::default();
        match batch {
            ImportBatch::Offices(r) => Self::import_offices(&mut tx, r, &mut report).await?,
            ImportBatch::Services(r) => Self::import_services(&mut tx, r, &mut report).await?,
            ImportBatch::Slots(r) => Self::import_slots(&mut tx, r, &mut report).await?,
            ImportBatch::Applicants(r) => Self::import_applicants(&mut tx, r, &mut report).await?,
            ImportBatch::Applications(r) => {
                Self::import_applications(&mut tx, r, &mut report).await?
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
