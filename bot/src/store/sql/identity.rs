//! `IdentityStore` in SQL: chat users, proving and linking identities with attempt
//! counters, and the records of linked applicants.

use super::rows::{
    ATTEMPTS, HistoryRow, PASSPORT, SealedApplicant, SealedPassport, SealedPermit, SealedPrPermit,
};
use super::{
    Runner, SqlBackend, SqlStore, hash_link_code, micros, now, query, query_as, query_scalar,
};
use crate::domain::notice::{Notice, dedup_key};
use crate::domain::{Nationality, PassportNo};
use crate::import::StatusChange;
use crate::store::data_keys::DataKeys;
use crate::store::outbox::PlannedNotice;
use crate::store::{
    Applicant, ApplicantRecords, Application, AttemptGrant, AttemptLimit, AttemptTicket, ChatUser,
    IdentityClaim, IdentityProof, IdentityStore, OutboxStore, StoreError, passport_attempts,
    user_attempts,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::AssertSqlSafe;

impl<DB: SqlBackend> SqlStore<DB> {
    /// The applicant with this passport, as stored.
    /// Found by the passport's blind index: the number itself is sealed.
    pub(super) async fn find_applicant(
        conn: &mut DB::Connection,
        keys: &DataKeys,
        nationality: &Nationality,
        passport: &PassportNo,
    ) -> Result<Option<Applicant>, StoreError> {
        let found: Option<SealedApplicant> = query_as(
            "SELECT id, full_name, nationality, passport_no, birth_date FROM applicants \
             WHERE nationality = $1 AND passport_index = $2",
        )
        .bind(nationality.as_str())
        .bind(keys.blind_index(PASSPORT, passport.expose()))
        .fetch_optional(&mut *conn)
        .await?;
        found.map(|a| a.open(keys)).transpose()
    }

    /// Applications of an applicant, or the one with a receipt number, oldest first, each
    /// with its status history.
    pub(super) async fn load_applications(
        conn: &mut DB::Connection,
        applicant: Option<i64>,
        receipt: Option<&str>,
    ) -> Result<Vec<Application>, StoreError> {
        let mut applications: Vec<Application> = query_as(
            "SELECT id, receipt_no, applicant_id, service_code, office_id, submitted_at, status, \
             status_note, pickup_from, pickup_until, pickup_place, pickup_bring FROM applications \
             WHERE ($1 IS NULL OR applicant_id = $1) AND ($2 IS NULL OR receipt_no = $2) \
             ORDER BY submitted_at, id",
        )
        .bind(applicant)
        .bind(receipt)
        .fetch_all(&mut *conn)
        .await?;
        for application in &mut applications {
            application.history = Self::status_history(conn, application.id).await?;
        }
        Ok(applications)
    }

    /// An application's status changes, oldest first.
    pub(super) async fn status_history(
        conn: &mut DB::Connection,
        application_id: i64,
    ) -> Result<Vec<StatusChange>, StoreError> {
        let history: Vec<HistoryRow> = query_as(
            "SELECT status, note, changed_at FROM application_status_history \
             WHERE application_id = $1 ORDER BY changed_at, id",
        )
        .bind(application_id)
        .fetch_all(&mut *conn)
        .await?;
        history.into_iter().map(StatusChange::try_from).collect()
    }

    async fn select_chat_user<'e>(
        on: impl Runner<'e, Database = DB>,
        channel: &str,
        external_id: &str,
    ) -> Result<Option<ChatUser>, StoreError> {
        // `channel_identities.locale` is the language the platform hinted while the chat
        // user follows it; an explicit choice clears it (`set_locale`). One that differs
        // from the chat user's language is a choice made before that rule.
        let found: Option<(i64, String, bool, DateTime<Utc>, bool)> = query_as(
            "SELECT cu.id, cu.locale, cu.notifications_enabled, \
             COALESCE(cu.last_seen_at, cu.created_at), \
             (ci.locale IS NULL OR ci.locale <> cu.locale) FROM channel_identities ci \
             JOIN chat_users cu ON cu.id = ci.chat_user_id WHERE ci.channel = $1 \
             AND ci.external_id = $2",
        )
        .bind(channel)
        .bind(external_id)
        .fetch_optional(on)
        .await?;
        Ok(found.map(
            |(id, locale, notifications_enabled, last_seen, locale_chosen)| ChatUser {
                id,
                locale,
                locale_chosen,
                notifications_enabled,
                last_seen,
            },
        ))
    }
}

/// The condition under which a chat user (`chat_users` in the query) keeps nothing that
/// needs them, so an idle one may go: no identity on a channel other than `$1`, no link to
/// an applicant, no appointment still ahead or booked for a slot after `$2` (the idle
/// cut-off), no delegation held, no notification waiting, no application watched, no
/// unexpired channel code or invitation at `$3`, no place waited for. Every table that
/// refers to `chat_users` is named here; a new one must be too.
const KEEPS_NOTHING: &str = "\
    NOT EXISTS (SELECT 1 FROM channel_identities o \
        WHERE o.chat_user_id = chat_users.id AND o.channel <> $1) \
    AND NOT EXISTS (SELECT 1 FROM applicant_links l WHERE l.chat_user_id = chat_users.id) \
    AND NOT EXISTS (SELECT 1 FROM appointments a JOIN slots s ON s.id = a.slot_id \
        WHERE a.chat_user_id = chat_users.id AND a.status = 'booked' AND s.starts_at > $2) \
    AND NOT EXISTS (SELECT 1 FROM delegations d \
        WHERE d.helper_chat_user = chat_users.id AND d.revoked_at IS NULL) \
    AND NOT EXISTS (SELECT 1 FROM outbox n \
        WHERE n.chat_user_id = chat_users.id AND n.state IN ('pending', 'sending')) \
    AND NOT EXISTS (SELECT 1 FROM application_watchers w WHERE w.chat_user_id = chat_users.id) \
    AND NOT EXISTS (SELECT 1 FROM channel_link_codes c \
        WHERE c.chat_user_id = chat_users.id AND c.used_at IS NULL AND c.expires_at > $3) \
    AND NOT EXISTS (SELECT 1 FROM family_invitations f \
        WHERE f.inviter = chat_users.id AND f.used_at IS NULL AND f.expires_at > $3) \
    AND NOT EXISTS (SELECT 1 FROM slot_waiters w \
        WHERE w.chat_user_id = chat_users.id AND w.notified_at IS NULL)";

impl<DB: SqlBackend> SqlStore<DB> {
    /// The subject as stored: a passport's digest (`passport_key`, plain SHA-256, which a
    /// dump would let anyone reverse by trying every number) goes through the keyed blind
    /// index first.
    pub(super) fn keyed_subject(&self, subject: &str) -> String {
        match subject.strip_prefix(&passport_attempts("")) {
            Some(digest) => passport_attempts(&self.keys.blind_index(ATTEMPTS, digest)),
            None => subject.to_string(),
        }
    }
}

/// What counting one subject's attempts found.
enum Count {
    /// Below the limit: counted, as this row.
    Taken(i64),
    /// At the limit: not counted; the next attempt is allowed at this instant.
    Full(DateTime<Utc>),
}

impl<DB: SqlBackend> SqlStore<DB> {
    /// Counts one attempt for `subject` unless its sliding window is full. Runs inside a
    /// write transaction after the subject's lock, so concurrent attempts on one subject
    /// are counted one after the other and none passes a count another has already used.
    async fn count_attempt(
        conn: &mut DB::Connection,
        subject: &str,
        limit: AttemptLimit,
        now: DateTime<Utc>,
    ) -> Result<Count, StoreError> {
        let _: Option<String> = query_scalar(DB::LOCK_KEY)
            .bind(format!("attempts:{subject}"))
            .fetch_optional(&mut *conn)
            .await?;
        let counted: Vec<DateTime<Utc>> = query_scalar(
            "SELECT at FROM proof_attempts WHERE subject = $1 AND at > $2 ORDER BY at",
        )
        .bind(subject)
        .bind(now - limit.window)
        .fetch_all(&mut *conn)
        .await?;
        let over = counted.len() as i64 - limit.max;
        if over >= 0 {
            // The window frees a place when the attempt `over` places from the oldest leaves it.
            let leaves = counted.get(over as usize).copied().unwrap_or(now);
            return Ok(Count::Full(leaves + limit.window));
        }
        let id: i64 =
            query_scalar("INSERT INTO proof_attempts (subject, at) VALUES ($1, $2) RETURNING id")
                .bind(subject)
                .bind(now)
                .fetch_one(&mut *conn)
                .await?;
        Ok(Count::Taken(id))
    }
}

#[async_trait]
impl<DB: SqlBackend> IdentityStore for SqlStore<DB> {
    async fn chat_user(
        &self,
        channel: &str,
        external_id: &str,
        locale: &str,
    ) -> Result<ChatUser, StoreError> {
        if let Some(user) = Self::select_chat_user(&self.pool, channel, external_id).await? {
            return Ok(user);
        }
        let mut tx = self.write_tx().await?;
        // Re-check inside the write transaction: another turn may have created it.
        if let Some(user) = Self::select_chat_user(&mut *tx, channel, external_id).await? {
            return Ok(user);
        }
        let created = now();
        let id: i64 = query_scalar(
            "INSERT INTO chat_users (locale, created_at, last_seen_at) VALUES ($1, $2, $2) \
             RETURNING id",
        )
        .bind(locale)
        .bind(created)
        .fetch_one(&mut *tx)
        .await?;
        let linked = query(
            "INSERT INTO channel_identities (chat_user_id, channel, external_id, locale, \
             created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (channel, external_id) DO NOTHING",
        )
        .bind(id)
        .bind(channel)
        .bind(external_id)
        .bind(locale)
        .bind(created)
        .execute(&mut *tx)
        .await?;
        if linked.rows_affected() == 0 {
            // Lost a race on PostgreSQL: drop our user and return the winner's.
            tx.rollback().await?;
            return Self::select_chat_user(&self.pool, channel, external_id)
                .await?
                .ok_or(StoreError::Database(sqlx::Error::RowNotFound));
        }
        tx.commit().await?;
        Ok(ChatUser {
            id,
            locale: locale.to_string(),
            locale_chosen: false,
            notifications_enabled: true,
            last_seen: created,
        })
    }

    async fn find_chat_user(
        &self,
        channel: &str,
        external_id: &str,
    ) -> Result<Option<ChatUser>, StoreError> {
        Self::select_chat_user(&self.pool, channel, external_id).await
    }

    async fn mark_seen(&self, chat_user_id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
        query("UPDATE chat_users SET last_seen_at = $1 WHERE id = $2")
            .bind(micros(now))
            .bind(chat_user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn purge_idle_users(
        &self,
        channel: &str,
        idle_since: DateTime<Utc>,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<String>, StoreError> {
        let idle = "COALESCE(chat_users.last_seen_at, chat_users.created_at) < $2";
        // `KEEPS_NOTHING` and `idle` are constants of this file, never user input.
        let candidates: Vec<(i64, String)> = query_as(AssertSqlSafe(format!(
            "SELECT chat_users.id, ci.external_id FROM chat_users \
             JOIN channel_identities ci ON ci.chat_user_id = chat_users.id AND ci.channel = $1 \
             WHERE {idle} AND {KEEPS_NOTHING} ORDER BY chat_users.id LIMIT $4"
        )))
        .bind(channel)
        .bind(idle_since)
        .bind(now)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        // Each is checked again as it is deleted: a turn or an office may have given it
        // something to keep since it was selected (a turn refreshes `last_seen_at` first).
        let mut purged = Vec::with_capacity(candidates.len());
        for (id, external_id) in candidates {
            let deleted = query(AssertSqlSafe(format!(
                "DELETE FROM chat_users WHERE id = $4 AND {idle} AND {KEEPS_NOTHING}"
            )))
            .bind(channel)
            .bind(idle_since)
            .bind(now)
            .bind(id)
            .execute(&self.pool)
            .await?;
            if deleted.rows_affected() == 1 {
                purged.push(external_id);
            }
        }
        Ok(purged)
    }

    async fn set_locale(&self, chat_user_id: i64, locale: &str) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        query("UPDATE chat_users SET locale = $1 WHERE id = $2")
            .bind(locale)
            .bind(chat_user_id)
            .execute(&mut *tx)
            .await?;
        // Chosen: no platform's hint follows any more, on any of their chats.
        query("UPDATE channel_identities SET locale = NULL WHERE chat_user_id = $1")
            .bind(chat_user_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn follow_locale(
        &self,
        chat_user_id: i64,
        from: &str,
        to: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        let followed = query("UPDATE chat_users SET locale = $1 WHERE id = $2 AND locale = $3")
            .bind(to)
            .bind(chat_user_id)
            .bind(from)
            .execute(&mut *tx)
            .await?;
        if followed.rows_affected() == 1 {
            // Their chats that followed `from` follow `to`; a cleared one stays chosen.
            query(
                "UPDATE channel_identities SET locale = $1 WHERE chat_user_id = $2 \
                 AND locale = $3",
            )
            .bind(to)
            .bind(chat_user_id)
            .bind(from)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn set_notifications(&self, chat_user_id: i64, enabled: bool) -> Result<(), StoreError> {
        query("UPDATE chat_users SET notifications_enabled = $1 WHERE id = $2")
            .bind(enabled)
            .bind(chat_user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn applicant_by_passport(
        &self,
        nationality: &Nationality,
        passport: &PassportNo,
    ) -> Result<Option<Applicant>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        Self::find_applicant(&mut conn, &self.keys, nationality, passport).await
    }

    async fn applications_of(&self, applicant_id: i64) -> Result<Vec<Application>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        Self::load_applications(&mut conn, Some(applicant_id), None).await
    }

    async fn records_of(&self, applicant_id: i64) -> Result<ApplicantRecords, StoreError> {
        let permits: Vec<SealedPermit> = query_as(
            "SELECT id, kind, permit_type, number, issued_on, expires_on, entries, stay_days \
             FROM residence_permits WHERE applicant_id = $1 ORDER BY expires_on DESC",
        )
        .bind(applicant_id)
        .fetch_all(&self.pool)
        .await?;
        let pr_permit: Option<SealedPrPermit> = query_as(
            "SELECT id, number, issued_on, expires_on, status FROM pr_permits \
             WHERE applicant_id = $1 ORDER BY issued_on DESC LIMIT 1",
        )
        .bind(applicant_id)
        .fetch_optional(&self.pool)
        .await?;
        let passports: Vec<SealedPassport> = query_as(
            "SELECT id, number, nationality, issued_on, expires_on, pr_permit_id FROM passports \
             WHERE applicant_id = $1 ORDER BY id",
        )
        .bind(applicant_id)
        .fetch_all(&self.pool)
        .await?;
        let keys = &self.keys;
        Ok(ApplicantRecords {
            permits: permits
                .into_iter()
                .map(|p| p.open(keys))
                .collect::<Result<_, _>>()?,
            pr_permit: pr_permit.map(|p| p.open(keys)).transpose()?,
            passports: passports
                .into_iter()
                .map(|p| p.open(keys))
                .collect::<Result<_, _>>()?,
        })
    }

    async fn take_proof_attempt(
        &self,
        chat_user_id: i64,
        user: AttemptLimit,
        passport: Option<(&str, AttemptLimit)>,
        now: DateTime<Utc>,
    ) -> Result<AttemptGrant, StoreError> {
        let now = micros(now);
        let mut tx = self.write_tx().await?;
        let user_row =
            match Self::count_attempt(&mut tx, &user_attempts(chat_user_id), user, now).await? {
                Count::Taken(id) => id,
                Count::Full(until) => return Ok(AttemptGrant::UserLimited { until }),
            };
        let mut ticket = AttemptTicket {
            ids: vec![user_row],
        };
        let mut passport_limited_until = None;
        if let Some((key, limit)) = passport {
            let subject = self.keyed_subject(&passport_attempts(key));
            match Self::count_attempt(&mut tx, &subject, limit, now).await? {
                Count::Taken(id) => ticket.ids.push(id),
                Count::Full(until) => passport_limited_until = Some(until),
            }
        }
        tx.commit().await?;
        Ok(AttemptGrant::Taken {
            ticket,
            passport_limited_until,
        })
    }

    async fn give_back_attempt(&self, ticket: &AttemptTicket) -> Result<(), StoreError> {
        for id in &ticket.ids {
            query("DELETE FROM proof_attempts WHERE id = $1")
                .bind(*id)
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    async fn warn_of_failed_proof(
        &self,
        nationality: &Nationality,
        passport_no: &PassportNo,
        tried_by: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let Some(applicant) = self.applicant_by_passport(nationality, passport_no).await? else {
            return Ok(());
        };
        let day = now.date_naive();
        let notices: Vec<PlannedNotice> = self
            .recipients_of_applicant(applicant.id)
            .await?
            .into_iter()
            .filter(|recipient| *recipient != tried_by)
            .map(|recipient| PlannedNotice {
                dedup_key: dedup_key(&format!("proof-failed:{}:{day}", applicant.id), recipient),
                chat_user_id: recipient,
                applicant_id: Some(applicant.id),
                notice: Notice::ProofFailed {
                    passport: passport_no.masked(),
                },
                due_at: now,
            })
            .collect();
        if !notices.is_empty() {
            self.enqueue(&notices, now).await?;
        }
        Ok(())
    }

    async fn attempts_since(&self, subject: &str, since: DateTime<Utc>) -> Result<i64, StoreError> {
        Ok(
            query_scalar("SELECT COUNT(*) FROM proof_attempts WHERE subject = $1 AND at > $2")
                .bind(self.keyed_subject(subject))
                .bind(micros(since))
                .fetch_one(&self.pool)
                .await?,
        )
    }

    async fn verify_identity(
        &self,
        claim: &IdentityClaim,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>, StoreError> {
        let mut tx = self.write_tx().await?;
        let Some(applicant) =
            Self::find_applicant(&mut tx, &self.keys, &claim.nationality, &claim.passport_no)
                .await?
        else {
            return Ok(None);
        };
        if *applicant.birth_date.expose() != Some(*claim.birth_date.expose()) {
            return Ok(None);
        }
        let proven = match &claim.proof {
            IdentityProof::Receipt(receipt) => {
                let found: Option<i64> = query_scalar(
                    "SELECT id FROM applications WHERE receipt_no = $1 AND applicant_id = $2",
                )
                .bind(receipt.as_str())
                .bind(applicant.id)
                .fetch_optional(&mut *tx)
                .await?;
                found.is_some()
            }
            IdentityProof::LinkCode(code) => {
                let used = query(
                    "UPDATE link_codes SET used_at = $1 WHERE code_hash = $2 \
                     AND applicant_id = $3 \
                     AND used_at IS NULL AND expires_at > $1",
                )
                .bind(now)
                .bind(hash_link_code(code.expose()))
                .bind(applicant.id)
                .execute(&mut *tx)
                .await?;
                used.rows_affected() == 1
            }
        };
        if !proven {
            return Ok(None);
        }
        tx.commit().await?;
        Ok(Some(applicant.id))
    }

    async fn link_applicant(
        &self,
        chat_user_id: i64,
        applicant_id: i64,
        method: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        query(
            "INSERT INTO applicant_links (chat_user_id, applicant_id, method, linked_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (chat_user_id, applicant_id) DO NOTHING",
        )
        .bind(chat_user_id)
        .bind(applicant_id)
        .bind(method)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn linked_applicants(&self, chat_user_id: i64) -> Result<Vec<Applicant>, StoreError> {
        let linked: Vec<SealedApplicant> = query_as(
            "SELECT a.id, a.full_name, a.nationality, a.passport_no, a.birth_date \
             FROM applicant_links l \
             JOIN applicants a ON a.id = l.applicant_id WHERE l.chat_user_id = $1 \
             ORDER BY l.linked_at, a.id",
        )
        .bind(chat_user_id)
        .fetch_all(&self.pool)
        .await?;
        linked.into_iter().map(|a| a.open(&self.keys)).collect()
    }

    async fn unlink_all(&self, chat_user_id: i64) -> Result<u64, StoreError> {
        let mut tx = self.write_tx().await?;
        query("DELETE FROM application_watchers WHERE chat_user_id = $1")
            .bind(chat_user_id)
            .execute(&mut *tx)
            .await?;
        let gone = query("DELETE FROM applicant_links WHERE chat_user_id = $1")
            .bind(chat_user_id)
            .execute(&mut *tx)
            .await?;
        // Acting for relatives from this chat ends too: forgetting means no access left, and
        // the relatives are told, as of any other end.
        let now = now();
        let ended: Vec<i64> = query_scalar(
            "UPDATE delegations SET revoked_at = $2, revoked_by = $1 \
             WHERE helper_chat_user = $1 AND revoked_at IS NULL RETURNING id",
        )
        .bind(chat_user_id)
        .bind(now)
        .fetch_all(&mut *tx)
        .await?;
        Self::tell_of_ends(&mut tx, &self.keys, &ended, chat_user_id, now).await?;
        tx.commit().await?;
        Ok(gone.rows_affected() + ended.len() as u64)
    }

    async fn watched_applications(&self, chat_user_id: i64) -> Result<Vec<i64>, StoreError> {
        Ok(query_scalar(
            "SELECT application_id FROM application_watchers WHERE chat_user_id = $1 \
             ORDER BY application_id",
        )
        .bind(chat_user_id)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn set_watch(
        &self,
        chat_user_id: i64,
        application_id: i64,
        watch: bool,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        if watch {
            query(
                "INSERT INTO application_watchers (chat_user_id, application_id, since) \
                 VALUES ($1, $2, $3) ON CONFLICT (chat_user_id, application_id) DO NOTHING",
            )
            .bind(chat_user_id)
            .bind(application_id)
            .bind(now)
            .execute(&self.pool)
            .await?;
        } else {
            query(
                "DELETE FROM application_watchers WHERE chat_user_id = $1 AND application_id = $2",
            )
            .bind(chat_user_id)
            .bind(application_id)
            .execute(&self.pool)
            .await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::KEEPS_NOTHING;

    /// A table added later that refers to `chat_users` may hold something a user must keep:
    /// the purge has to weigh it, so this fails until `KEEPS_NOTHING` names it.
    #[test]
    fn the_purge_weighs_every_table_that_refers_to_chat_users() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../migrations/postgres");
        let mut files: Vec<_> = std::fs::read_dir(folder)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        files.sort();
        let mut referring = Vec::new();
        for file in files {
            let mut table = String::new();
            for line in std::fs::read_to_string(&file).unwrap().lines() {
                let words: Vec<&str> = line.split_whitespace().collect();
                if let ["CREATE" | "ALTER", "TABLE", name, ..] = words.as_slice() {
                    table = name.trim_end_matches('(').to_string();
                }
                if line.contains("REFERENCES chat_users") {
                    referring.push(table.clone());
                }
            }
        }
        assert!(referring.len() >= 9, "{referring:?}");
        for table in referring {
            assert!(
                KEEPS_NOTHING.contains(&format!("FROM {table} ")),
                "{table} refers to chat_users but the purge does not weigh it"
            );
        }
    }
}
