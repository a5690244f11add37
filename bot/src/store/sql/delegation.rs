//! `DelegationStore` in SQL: channel codes, delegations and family invitations.

use super::{SqlBackend, SqlStore, query, query_as, query_scalar};
use crate::store::{Delegation, DelegationStore, InvitationOutcome, StoreError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::AssertSqlSafe;

const DELEGATION_SELECT: &str = "SELECT d.id AS delegation_id, d.helper_chat_user, d.helper_label, d.method, d.granted_at, \
     a.id, a.full_name, a.nationality, a.passport_no, a.birth_date \
     FROM delegations d JOIN applicants a ON a.id = d.applicant_id";

#[async_trait]
impl<DB: SqlBackend> DelegationStore for SqlStore<DB> {
    async fn create_channel_code(
        &self,
        chat_user_id: i64,
        code_hash: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        query(
            "INSERT INTO channel_link_codes (code_hash, chat_user_id, expires_at) \
             VALUES ($1, $2, $3)",
        )
        .bind(code_hash)
        .bind(chat_user_id)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn redeem_channel_code(
        &self,
        code_hash: &str,
        chat_user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<u64>, StoreError> {
        let mut tx = self.write_tx().await?;
        let source: Option<i64> = query_scalar(
            "UPDATE channel_link_codes SET used_at = $1 \
             WHERE code_hash = $2 AND used_at IS NULL AND expires_at > $1 AND chat_user_id <> $3 \
             RETURNING chat_user_id",
        )
        .bind(now)
        .bind(code_hash)
        .bind(chat_user_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(source) = source else {
            return Ok(None);
        };
        let links = query(
            "INSERT INTO applicant_links (chat_user_id, applicant_id, method, linked_at) \
             SELECT $1, applicant_id, 'channel_code', $2 FROM applicant_links \
             WHERE chat_user_id = $3 \
             ON CONFLICT (chat_user_id, applicant_id) DO NOTHING",
        )
        .bind(chat_user_id)
        .bind(now)
        .bind(source)
        .execute(&mut *tx)
        .await?;
        let delegations = query(
            "INSERT INTO delegations (helper_chat_user, applicant_id, scope, granted_at, method, \
             helper_label) \
             SELECT $1, d.applicant_id, d.scope, $2, 'channel_code', d.helper_label \
             FROM delegations d \
             WHERE d.helper_chat_user = $3 AND d.revoked_at IS NULL AND NOT EXISTS ( \
             SELECT 1 FROM delegations e WHERE e.helper_chat_user = $1 \
             AND e.applicant_id = d.applicant_id AND e.revoked_at IS NULL)",
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
        let mut tx = self.write_tx().await?;
        let existing: Option<i64> = query_scalar(
            "SELECT id FROM delegations WHERE helper_chat_user = $1 AND applicant_id = $2 \
             AND revoked_at IS NULL",
        )
        .bind(helper)
        .bind(applicant_id)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(id) = existing {
            return Ok(id);
        }
        let id: i64 = query_scalar(
            "INSERT INTO delegations (helper_chat_user, applicant_id, scope, granted_at, method, \
             helper_label) \
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
        Ok(query_as(AssertSqlSafe(format!(
            "{DELEGATION_SELECT} WHERE d.helper_chat_user = $1 AND d.revoked_at IS NULL \
             ORDER BY d.granted_at, d.id"
        )))
        .bind(helper)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn delegations_granted(&self, chat_user_id: i64) -> Result<Vec<Delegation>, StoreError> {
        Ok(query_as(AssertSqlSafe(format!(
            "{DELEGATION_SELECT} WHERE d.revoked_at IS NULL AND d.helper_chat_user <> $1 \
             AND d.applicant_id IN \
             (SELECT applicant_id FROM applicant_links WHERE chat_user_id = $1) \
             ORDER BY d.granted_at, d.id"
        )))
        .bind(chat_user_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn revoke_delegation(
        &self,
        id: i64,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let done = query(
            "UPDATE delegations SET revoked_at = $1, revoked_by = $2 WHERE id = $3 \
             AND revoked_at IS NULL AND \
             (helper_chat_user = $2 OR applicant_id IN (SELECT applicant_id FROM applicant_links \
             WHERE chat_user_id = $2))",
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
        query(
            "INSERT INTO family_invitations (code_hash, inviter, inviter_label, expires_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(code_hash)
        .bind(inviter)
        .bind(inviter_label)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn accept_invitation(
        &self,
        code_hash: &str,
        accepter: i64,
        now: DateTime<Utc>,
    ) -> Result<InvitationOutcome, StoreError> {
        let mut tx = self.write_tx().await?;
        let found: Option<(i64, Option<String>)> = query_as(
            "SELECT inviter, inviter_label FROM family_invitations WHERE code_hash = $1 \
             AND used_at IS NULL AND expires_at > $2",
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
        let own: Vec<i64> = query_scalar(
            "SELECT applicant_id FROM applicant_links WHERE chat_user_id = $1 \
             AND method <> 'channel_code' ORDER BY applicant_id",
        )
        .bind(accepter)
        .fetch_all(&mut *tx)
        .await?;
        if own.is_empty() {
            return Ok(InvitationOutcome::NotLinked);
        }
        query("UPDATE family_invitations SET used_at = $1, accepted_by = $2 WHERE code_hash = $3")
            .bind(now)
            .bind(accepter)
            .bind(code_hash)
            .execute(&mut *tx)
            .await?;
        let mut delegations = 0;
        for applicant in own {
            let exists: Option<i64> = query_scalar(
                "SELECT id FROM delegations WHERE helper_chat_user = $1 AND applicant_id = $2 \
                 AND revoked_at IS NULL",
            )
            .bind(inviter)
            .bind(applicant)
            .fetch_optional(&mut *tx)
            .await?;
            if exists.is_none() {
                query(
                    "INSERT INTO delegations (helper_chat_user, applicant_id, scope, granted_at, \
                     method, helper_label) \
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
        Ok(InvitationOutcome::Accepted {
            inviter,
            inviter_label,
            delegations,
        })
    }
}
