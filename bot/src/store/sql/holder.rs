//! `HolderDocumentStore` in SQL: a holder's passports and e-documents.

use super::rows::{PASSPORT, SealedEDocument, SealedHolderPassport};
use super::{SqlBackend, SqlStore, query, query_as, query_scalar};
use crate::domain::{Nationality, PassportNo};
use crate::store::{DeclareOutcome, EDocument, HolderDocumentStore, HolderPassport, StoreError};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::AssertSqlSafe;

const E_DOCUMENT_COLUMNS: &str =
    "id, kind, applicant_id, pr_permit_id, passport_id, payload, signature, issued_at, revoked_at";

#[async_trait]
impl<DB: SqlBackend> HolderDocumentStore for SqlStore<DB> {
    async fn holder_passports(&self, pr_permit_id: i64) -> Result<Vec<HolderPassport>, StoreError> {
        let rows: Vec<SealedHolderPassport> = query_as(
            "SELECT id, number, nationality, expires_on, source = 'office' AS confirmed, \
             linked_at FROM passports \
             WHERE pr_permit_id = $1 AND unlinked_at IS NULL ORDER BY linked_at DESC, id DESC",
        )
        .bind(pr_permit_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(|p| p.open(&self.keys)).collect()
    }

    async fn declare_passport(
        &self,
        applicant_id: i64,
        pr_permit_id: i64,
        nationality: &Nationality,
        number: &PassportNo,
        expires_on: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<DeclareOutcome, StoreError> {
        let number_index = self.keys.blind_index(PASSPORT, number.expose());
        let mut tx = self.write_tx().await?;
        let known: Option<i64> =
            query_scalar("SELECT id FROM passports WHERE nationality = $1 AND number_index = $2")
                .bind(nationality.as_str())
                .bind(&number_index)
                .fetch_optional(&mut *tx)
                .await?;
        if known.is_some() {
            return Ok(DeclareOutcome::AlreadyKnown);
        }
        // A newer declaration replaces an older unconfirmed one.
        query(
            "UPDATE passports SET unlinked_at = $1 WHERE pr_permit_id = $2 \
             AND source = 'holder' AND unlinked_at IS NULL",
        )
        .bind(now)
        .bind(pr_permit_id)
        .execute(&mut *tx)
        .await?;
        query(
            "INSERT INTO passports (applicant_id, number, nationality, expires_on, pr_permit_id, \
             linked_at, source, number_index) \
             VALUES ($1, $2, $3, $4, $5, $6, 'holder', $7)",
        )
        .bind(applicant_id)
        .bind(self.keys.seal("passports.number", number.expose()))
        .bind(nationality.as_str())
        .bind(expires_on)
        .bind(pr_permit_id)
        .bind(now)
        .bind(&number_index)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(DeclareOutcome::Declared)
    }

    async fn insert_e_document(&self, doc: &EDocument) -> Result<(), StoreError> {
        query(
            "INSERT INTO e_documents (id, kind, applicant_id, pr_permit_id, passport_id, payload, \
             signature, issued_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&doc.id)
        .bind(&doc.kind)
        .bind(doc.applicant_id)
        .bind(doc.pr_permit_id)
        .bind(doc.passport_id)
        .bind(self.keys.seal("e_documents.payload", &doc.payload))
        .bind(&doc.signature)
        .bind(doc.issued_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn e_document(&self, id: &str) -> Result<Option<EDocument>, StoreError> {
        let found: Option<SealedEDocument> = query_as(AssertSqlSafe(format!(
            "SELECT {E_DOCUMENT_COLUMNS} FROM e_documents WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        found.map(|d| d.open(&self.keys)).transpose()
    }

    async fn active_e_documents(&self, applicant_id: i64) -> Result<Vec<EDocument>, StoreError> {
        let rows: Vec<SealedEDocument> = query_as(AssertSqlSafe(format!(
            "SELECT {E_DOCUMENT_COLUMNS} FROM e_documents WHERE applicant_id = $1 \
             AND revoked_at IS NULL \
             ORDER BY issued_at DESC, id"
        )))
        .bind(applicant_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(|d| d.open(&self.keys)).collect()
    }

    async fn revoke_e_document(
        &self,
        id: &str,
        applicant_id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let done = query(
            "UPDATE e_documents SET revoked_at = $1 WHERE id = $2 AND applicant_id = $3 \
             AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .bind(applicant_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
