//! `DelegationStore` in SQL: channel codes, delegations and family invitations. Every grant
//! and every end of a delegation plans its notices (to the applicant's own chats, and to the
//! helper when the applicant ends it) in the same transaction.

use super::rows::SealedDelegation;
use super::{SqlBackend, SqlStore, micros, query, query_as, query_scalar};
use crate::domain::notice::{Notice, dedup_key};
use crate::domain::personal::mask_identifier;
use crate::store::data_keys::DataKeys;
use crate::store::outbox::PlannedNotice;
use crate::store::{Delegation, DelegationStore, InvitationOutcome, StoreError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::AssertSqlSafe;

const DELEGATION_SELECT: &str = "SELECT d.id AS delegation_id, d.helper_chat_user, d.helper_label, d.method, d.granted_at, \
     a.id, a.full_name, a.nationality, a.passport_no, a.birth_date \
     FROM delegations d JOIN applicants a ON a.id = d.applicant_id";

/// A delegation that just ended, with what its notices need.
#[derive(sqlx::FromRow)]
struct EndedDelegation {
    id: i64,
    helper_chat_user: i64,
    applicant_id: i64,
    helper_label: Option<String>,
    passport_no: String,
}

impl<DB: SqlBackend> SqlStore<DB> {
    /// Tells the applicant's own chats (not `except`, who did it and sees the answer) what
    /// became of delegation `id`.
    async fn tell_applicant(
        conn: &mut DB::Connection,
        keys: &DataKeys,
        id: i64,
        applicant_id: i64,
        notice: Notice,
        except: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let chats: Vec<i64> = query_scalar(
            "SELECT chat_user_id FROM applicant_links WHERE applicant_id = $1 \
             AND chat_user_id <> $2 ORDER BY chat_user_id",
        )
        .bind(applicant_id)
        .bind(except)
        .fetch_all(&mut *conn)
        .await?;
        for chat in chats {
            let planned = PlannedNotice {
                dedup_key: dedup_key(&format!("delegation:{id}:{}", notice.kind()), chat),
                chat_user_id: chat,
                applicant_id: Some(applicant_id),
                notice: notice.clone(),
                due_at: micros(now),
            };
            Self::insert_notice(conn, keys, &planned, micros(now)).await?;
        }
        Ok(())
    }

    /// Tells the applicant's own chats of a new delegation `id`, by the helper's label.
    async fn tell_of_grant(
        conn: &mut DB::Connection,
        keys: &DataKeys,
        id: i64,
        helper: i64,
        applicant_id: i64,
        helper_label: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let notice = Notice::DelegationGranted {
            helper: helper_label.map(str::to_string),
        };
        Self::tell_applicant(conn, keys, id, applicant_id, notice, helper, now).await
    }

    /// Tells of delegations `ids`, just ended by chat user `by`: the applicant's own chats
    /// (but `by`), and the helper when it was not the helper who ended it.
    pub(super) async fn tell_of_ends(
        conn: &mut DB::Connection,
        keys: &DataKeys,
        ids: &[i64],
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        for id in ids {
            let ended: Option<EndedDelegation> = query_as(
                "SELECT d.id, d.helper_chat_user, d.applicant_id, d.helper_label, a.passport_no \
                 FROM delegations d JOIN applicants a ON a.id = d.applicant_id WHERE d.id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
            let Some(ended) = ended else {
                continue;
            };
            let notice = Notice::DelegationEnded {
                helper: ended.helper_label.clone(),
            };
            Self::tell_applicant(conn, keys, ended.id, ended.applicant_id, notice, by, now).await?;
            if ended.helper_chat_user != by {
                let planned = PlannedNotice {
                    dedup_key: dedup_key(
                        &format!("delegation:{}:help_ended", ended.id),
                        ended.helper_chat_user,
                    ),
                    chat_user_id: ended.helper_chat_user,
                    applicant_id: Some(ended.applicant_id),
                    notice: Notice::HelpEnded {
                        passport: mask_identifier(
                            keys.open("applicants.passport_no", &ended.passport_no)
                                .map_err(|source| StoreError::Sealed {
                                    column: "applicants.passport_no",
                                    source,
                                })?
                                .as_str(),
                        ),
                    },
                    due_at: micros(now),
                };
                Self::insert_notice(conn, keys, &planned, micros(now)).await?;
            }
        }
        Ok(())
    }
}

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
        // The helper's new chat acts for the same relatives: each copy is a grant, told to the
        // relative like any other (they end each chat's access separately).
        let delegations: Vec<(i64, i64, Option<String>)> = query_as(
            "INSERT INTO delegations (helper_chat_user, applicant_id, scope, granted_at, method, \
             helper_label) \
             SELECT $1, d.applicant_id, d.scope, $2, 'channel_code', d.helper_label \
             FROM delegations d \
             WHERE d.helper_chat_user = $3 AND d.revoked_at IS NULL AND NOT EXISTS ( \
             SELECT 1 FROM delegations e WHERE e.helper_chat_user = $1 \
             AND e.applicant_id = d.applicant_id AND e.revoked_at IS NULL) \
             RETURNING id, applicant_id, helper_label",
        )
        .bind(chat_user_id)
        .bind(now)
        .bind(source)
        .fetch_all(&mut *tx)
        .await?;
        for (id, applicant_id, label) in &delegations {
            let label = label.as_deref();
            Self::tell_of_grant(
                &mut tx,
                &self.keys,
                *id,
                chat_user_id,
                *applicant_id,
                label,
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(Some(links.rows_affected() + delegations.len() as u64))
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
        Self::tell_of_grant(
            &mut tx,
            &self.keys,
            id,
            helper,
            applicant_id,
            helper_label,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn needs_consent(&self, helper: i64, applicant_id: i64) -> Result<bool, StoreError> {
        let reasons: i64 = query_scalar(
            "SELECT (SELECT COUNT(*) FROM applicant_links \
             WHERE applicant_id = $1 AND chat_user_id <> $2) \
             + (SELECT COUNT(*) FROM delegations WHERE applicant_id = $1 \
             AND helper_chat_user = $2 AND revoked_at IS NOT NULL AND revoked_by <> $2)",
        )
        .bind(applicant_id)
        .bind(helper)
        .fetch_one(&self.pool)
        .await?;
        Ok(reasons > 0)
    }

    async fn delegations_held(&self, helper: i64) -> Result<Vec<Delegation>, StoreError> {
        let rows: Vec<SealedDelegation> = query_as(AssertSqlSafe(format!(
            "{DELEGATION_SELECT} WHERE d.helper_chat_user = $1 AND d.revoked_at IS NULL \
             ORDER BY d.granted_at, d.id"
        )))
        .bind(helper)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(|d| d.open(&self.keys)).collect()
    }

    async fn delegations_granted(&self, chat_user_id: i64) -> Result<Vec<Delegation>, StoreError> {
        let rows: Vec<SealedDelegation> = query_as(AssertSqlSafe(format!(
            "{DELEGATION_SELECT} WHERE d.revoked_at IS NULL AND d.helper_chat_user <> $1 \
             AND d.applicant_id IN \
             (SELECT applicant_id FROM applicant_links WHERE chat_user_id = $1) \
             ORDER BY d.granted_at, d.id"
        )))
        .bind(chat_user_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(|d| d.open(&self.keys)).collect()
    }

    async fn revoke_delegation(
        &self,
        id: i64,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.write_tx().await?;
        let done = query(
            "UPDATE delegations SET revoked_at = $1, revoked_by = $2 WHERE id = $3 \
             AND revoked_at IS NULL AND \
             (helper_chat_user = $2 OR applicant_id IN (SELECT applicant_id FROM applicant_links \
             WHERE chat_user_id = $2))",
        )
        .bind(now)
        .bind(by)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        Self::tell_of_ends(&mut tx, &self.keys, &[id], by, now).await?;
        tx.commit().await?;
        Ok(true)
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
                let id: i64 = query_scalar(
                    "INSERT INTO delegations (helper_chat_user, applicant_id, scope, granted_at, \
                     method, helper_label) \
                     VALUES ($1, $2, 'act_for', $3, 'invitation', $4) RETURNING id",
                )
                .bind(inviter)
                .bind(applicant)
                .bind(now)
                .bind(&inviter_label)
                .fetch_one(&mut *tx)
                .await?;
                let label = inviter_label.as_deref();
                Self::tell_of_grant(&mut tx, &self.keys, id, inviter, applicant, label, now)
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
