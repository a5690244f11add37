//! `HolderRepository` for both backends, written once like the rest of `sql.rs`.

use super::rows::{ApplicantRow, parse};
use super::{PgRepository, SqliteRepository};
use crate::domain::{Nationality, PassportNo};
use crate::store::holder::*;
use crate::store::{Applicant, StoreError};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(sqlx::FromRow)]
struct HolderPassportRow {
    id: i64,
    number: String,
    nationality: String,
    expires_on: Option<NaiveDate>,
    source: String,
    linked_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct EDocumentRow {
    id: String,
    kind: String,
    applicant_id: i64,
    pr_permit_id: Option<i64>,
    passport_id: Option<i64>,
    payload: String,
    signature: String,
    issued_at: DateTime<Utc>,
    revoked_at: Option<DateTime<Utc>>,
}

impl From<EDocumentRow> for EDocument {
    fn from(r: EDocumentRow) -> Self {
        EDocument {
            id: r.id,
            kind: r.kind,
            applicant_id: r.applicant_id,
            pr_permit_id: r.pr_permit_id,
            passport_id: r.passport_id,
            payload: r.payload,
            signature: r.signature,
            issued_at: r.issued_at,
            revoked_at: r.revoked_at,
        }
    }
}

#[derive(sqlx::FromRow)]
struct DelegationRow {
    // Aliased: the flattened applicant row has an `id` of its own.
    #[sqlx(rename = "delegation_id")]
    id: i64,
    helper_chat_user: i64,
    helper_label: Option<String>,
    method: String,
    granted_at: DateTime<Utc>,
    #[sqlx(flatten)]
    applicant: ApplicantRow,
}

impl TryFrom<DelegationRow> for Delegation {
    type Error = StoreError;
    fn try_from(r: DelegationRow) -> Result<Self, StoreError> {
        Ok(Delegation {
            id: r.id,
            helper_chat_user: r.helper_chat_user,
            helper_label: r.helper_label,
            applicant: Applicant::try_from(r.applicant)?,
            method: r.method,
            granted_at: r.granted_at,
        })
    }
}

const E_DOCUMENT_COLUMNS: &str =
    "id, kind, applicant_id, pr_permit_id, passport_id, payload, signature, issued_at, revoked_at";
const DELEGATION_SELECT: &str = "SELECT d.id AS delegation_id, d.helper_chat_user, d.helper_label, d.method, d.granted_at, \
     a.id, a.full_name, a.nationality, a.passport_no, a.birth_date \
     FROM delegations d JOIN applicants a ON a.id = d.applicant_id";

macro_rules! holder_repository {
    ($name:ident, $begin:literal) => {
        #[async_trait]
        impl HolderRepository for $name {
            async fn holder_passports(&self, pr_permit_id: i64) -> Result<Vec<HolderPassport>, StoreError> {
                let rows: Vec<HolderPassportRow> = sqlx::query_as(
                    "SELECT id, number, nationality, expires_on, source, linked_at FROM passports \
                     WHERE pr_permit_id = $1 AND unlinked_at IS NULL ORDER BY linked_at DESC, id DESC",
                )
                .bind(pr_permit_id)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter()
                    .map(|r| {
                        Ok(HolderPassport {
                            id: r.id,
                            number: parse(&r.number, "passport number")?,
                            nationality: parse(&r.nationality, "nationality")?,
                            expires_on: r.expires_on,
                            confirmed: r.source == "office",
                            linked_at: r.linked_at,
                        })
                    })
                    .collect()
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
                let mut tx = self.pool.begin_with($begin).await?;
                let known: Option<i64> = sqlx::query_scalar("SELECT id FROM passports WHERE nationality = $1 AND number = $2")
                    .bind(nationality.as_str())
                    .bind(number.expose())
                    .fetch_optional(&mut *tx)
                    .await?;
                if known.is_some() {
                    return Ok(DeclareOutcome::AlreadyKnown);
                }
                // A newer declaration replaces an older unconfirmed one.
                sqlx::query("UPDATE passports SET unlinked_at = $1 WHERE pr_permit_id = $2 AND source = 'holder' AND unlinked_at IS NULL")
                    .bind(now)
                    .bind(pr_permit_id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO passports (applicant_id, number, nationality, expires_on, pr_permit_id, linked_at, source) \
                     VALUES ($1, $2, $3, $4, $5, $6, 'holder')",
                )
                .bind(applicant_id)
                .bind(number.expose())
                .bind(nationality.as_str())
                .bind(expires_on)
                .bind(pr_permit_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(DeclareOutcome::Declared)
            }

            async fn insert_e_document(&self, doc: &EDocument) -> Result<(), StoreError> {
                sqlx::query(
                    "INSERT INTO e_documents (id, kind, applicant_id, pr_permit_id, passport_id, payload, signature, issued_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(&doc.id)
                .bind(&doc.kind)
                .bind(doc.applicant_id)
                .bind(doc.pr_permit_id)
                .bind(doc.passport_id)
                .bind(&doc.payload)
                .bind(&doc.signature)
                .bind(doc.issued_at)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn e_document(&self, id: &str) -> Result<Option<EDocument>, StoreError> {
                let row: Option<EDocumentRow> =
                    sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {E_DOCUMENT_COLUMNS} FROM e_documents WHERE id = $1")))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(row.map(EDocument::from))
            }

            async fn active_e_documents(&self, applicant_id: i64) -> Result<Vec<EDocument>, StoreError> {
                let rows: Vec<EDocumentRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT {E_DOCUMENT_COLUMNS} FROM e_documents WHERE applicant_id = $1 AND revoked_at IS NULL \
                     ORDER BY issued_at DESC, id"
                )))
                .bind(applicant_id)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(EDocument::from).collect())
            }

            async fn revoke_e_document(&self, id: &str, applicant_id: i64, now: DateTime<Utc>) -> Result<bool, StoreError> {
                let done = sqlx::query(
                    "UPDATE e_documents SET revoked_at = $1 WHERE id = $2 AND applicant_id = $3 AND revoked_at IS NULL",
                )
                .bind(now)
                .bind(id)
                .bind(applicant_id)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn create_channel_code(&self, chat_user_id: i64, code_hash: &str, expires_at: DateTime<Utc>) -> Result<(), StoreError> {
                sqlx::query("INSERT INTO channel_link_codes (code_hash, chat_user_id, expires_at) VALUES ($1, $2, $3)")
                    .bind(code_hash)
                    .bind(chat_user_id)
                    .bind(expires_at)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn redeem_channel_code(&self, code_hash: &str, chat_user_id: i64, now: DateTime<Utc>) -> Result<Option<u64>, StoreError> {
                let mut tx = self.pool.begin_with($begin).await?;
                let source: Option<i64> = sqlx::query_scalar(
                    "UPDATE channel_link_codes SET used_at = $1 \
                     WHERE code_hash = $2 AND used_at IS NULL AND expires_at > $1 AND chat_user_id <> $3 RETURNING chat_user_id",
                )
                .bind(now)
                .bind(code_hash)
                .bind(chat_user_id)
                .fetch_optional(&mut *tx)
                .await?;
                let Some(source) = source else {
                    return Ok(None);
                };
                let links = sqlx::query(
                    "INSERT INTO applicant_links (chat_user_id, applicant_id, method, linked_at) \
                     SELECT $1, applicant_id, 'channel_code', $2 FROM applicant_links WHERE chat_user_id = $3 \
                     ON CONFLICT (chat_user_id, applicant_id) DO NOTHING",
                )
                .bind(chat_user_id)
                .bind(now)
                .bind(source)
                .execute(&mut *tx)
                .await?;
                let delegations = sqlx::query(
                    "INSERT INTO delegations (helper_chat_user, applicant_id, scope, granted_at, method, helper_label) \
                     SELECT $1, d.applicant_id, d.scope, $2, 'channel_code', d.helper_label FROM delegations d \
                     WHERE d.helper_chat_user = $3 AND d.revoked_at IS NULL AND NOT EXISTS ( \
                       SELECT 1 FROM delegations e WHERE e.helper_chat_user = $1 AND e.applicant_id = d.applicant_id AND e.revoked_at IS NULL)",
                )
                .bind(chat_user_id)
                .bind(now)
                .bind(source)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(Some(links.rows_affected() + delegations.rows_affected()))
            }

            async fn add_delegation(
                &self,
                helper: i64,
                applicant_id: i64,
                method: &str,
                helper_label: Option<&str>,
                now: DateTime<Utc>,
            ) -> Result<i64, StoreError> {
                let mut tx = self.pool.begin_with($begin).await?;
                let existing: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM delegations WHERE helper_chat_user = $1 AND applicant_id = $2 AND revoked_at IS NULL",
                )
                .bind(helper)
                .bind(applicant_id)
                .fetch_optional(&mut *tx)
                .await?;
                if let Some(id) = existing {
                    return Ok(id);
                }
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO delegations (helper_chat_user, applicant_id, scope, granted_at, method, helper_label) \
                     VALUES ($1, $2, 'act_for', $3, $4, $5) RETURNING id",
                )
                .bind(helper)
                .bind(applicant_id)
                .bind(now)
                .bind(method)
                .bind(helper_label)
                .fetch_one(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(id)
            }

            async fn delegations_held(&self, helper: i64) -> Result<Vec<Delegation>, StoreError> {
                let rows: Vec<DelegationRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "{DELEGATION_SELECT} WHERE d.helper_chat_user = $1 AND d.revoked_at IS NULL ORDER BY d.granted_at, d.id"
                )))
                .bind(helper)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(Delegation::try_from).collect()
            }

            async fn delegations_granted(&self, chat_user_id: i64) -> Result<Vec<Delegation>, StoreError> {
                let rows: Vec<DelegationRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "{DELEGATION_SELECT} WHERE d.revoked_at IS NULL AND d.helper_chat_user <> $1 AND d.applicant_id IN \
                     (SELECT applicant_id FROM applicant_links WHERE chat_user_id = $1) ORDER BY d.granted_at, d.id"
                )))
                .bind(chat_user_id)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(Delegation::try_from).collect()
            }

            async fn revoke_delegation(&self, id: i64, by: i64, now: DateTime<Utc>) -> Result<bool, StoreError> {
                let done = sqlx::query(
                    "UPDATE delegations SET revoked_at = $1, revoked_by = $2 WHERE id = $3 AND revoked_at IS NULL AND \
                     (helper_chat_user = $2 OR applicant_id IN (SELECT applicant_id FROM applicant_links WHERE chat_user_id = $2))",
                )
                .bind(now)
                .bind(by)
                .bind(id)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn create_invitation(
                &self,
                inviter: i64,
                inviter_label: Option<&str>,
                code_hash: &str,
                expires_at: DateTime<Utc>,
            ) -> Result<(), StoreError> {
                sqlx::query("INSERT INTO family_invitations (code_hash, inviter, inviter_label, expires_at) VALUES ($1, $2, $3, $4)")
                    .bind(code_hash)
                    .bind(inviter)
                    .bind(inviter_label)
                    .bind(expires_at)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn accept_invitation(&self, code_hash: &str, accepter: i64, now: DateTime<Utc>) -> Result<InvitationOutcome, StoreError> {
                let mut tx = self.pool.begin_with($begin).await?;
                let found: Option<(i64, Option<String>)> = sqlx::query_as(
                    "SELECT inviter, inviter_label FROM family_invitations WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2",
                )
                .bind(code_hash)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((inviter, inviter_label)) = found else {
                    return Ok(InvitationOutcome::Invalid);
                };
                if inviter == accepter {
                    return Ok(InvitationOutcome::Own);
                }
                let own: Vec<i64> = sqlx::query_scalar(
                    "SELECT applicant_id FROM applicant_links WHERE chat_user_id = $1 AND method <> 'channel_code' ORDER BY applicant_id",
                )
                .bind(accepter)
                .fetch_all(&mut *tx)
                .await?;
                if own.is_empty() {
                    return Ok(InvitationOutcome::NotLinked);
                }
                sqlx::query("UPDATE family_invitations SET used_at = $1, accepted_by = $2 WHERE code_hash = $3")
                    .bind(now)
                    .bind(accepter)
                    .bind(code_hash)
                    .execute(&mut *tx)
                    .await?;
                let mut delegations = 0;
                for applicant in own {
                    let exists: Option<i64> = sqlx::query_scalar(
                        "SELECT id FROM delegations WHERE helper_chat_user = $1 AND applicant_id = $2 AND revoked_at IS NULL",
                    )
                    .bind(inviter)
                    .bind(applicant)
                    .fetch_optional(&mut *tx)
                    .await?;
                    if exists.is_none() {
                        sqlx::query(
                            "INSERT INTO delegations (helper_chat_user, applicant_id, scope, granted_at, method, helper_label) \
                             VALUES ($1, $2, 'act_for', $3, 'invitation', $4)",
                        )
                        .bind(inviter)
                        .bind(applicant)
                        .bind(now)
                        .bind(&inviter_label)
                        .execute(&mut *tx)
                        .await?;
                        delegations += 1;
                    }
                }
                tx.commit().await?;
                Ok(InvitationOutcome::Accepted { inviter, inviter_label, delegations })
            }
        }
    };
}

holder_repository!(PgRepository, "BEGIN");
holder_repository!(SqliteRepository, "BEGIN IMMEDIATE");
