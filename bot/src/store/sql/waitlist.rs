//! The waiting list's half of freeing a place, shared by every transaction that frees or
//! adds places (a cancellation, a move, new slots, a capacity raise through the back-office
//! API), so each writes the waiters' notifications itself.

use super::rows::parse;
use super::{SqlBackend, query, query_as};
use crate::domain::notice::{Notice, dedup_key};
use crate::store::StoreError;
use chrono::{DateTime, Utc};

/// Inside an open transaction, after slot `slot_id` got a free place: one `slot_freed`
/// outbox row per chat user waiting at that office for a service of that slot group on that
/// office day, each waiter told once.
pub(in crate::store) async fn tell_waiters<DB: SqlBackend>(
    conn: &mut DB::Connection,
    slot_id: i64,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let place: Option<(String, String, DateTime<Utc>, String, String, String)> = query_as(
        "SELECT s.office_id, s.slot_group, s.starts_at, o.time_zone, o.name_en, o.name_zh \
         FROM slots s JOIN offices o ON o.id = s.office_id WHERE s.id = $1",
    )
    .bind(slot_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((office, group, starts_at, zone, office_en, office_zh)) = place else {
        return Ok(());
    };
    let zone: chrono_tz::Tz = parse(&zone, "office time zone")?;
    let day = starts_at.with_timezone(&zone).date_naive();
    let waiters: Vec<(i64, i64, String)> = query_as(
        "SELECT w.id, w.chat_user_id, w.service_code FROM slot_waiters w \
         JOIN services sv ON sv.code = w.service_code \
         WHERE w.office_id = $1 AND sv.slot_group = $2 AND w.from_day <= $3 AND w.to_day >= $3 \
         AND w.notified_at IS NULL",
    )
    .bind(&office)
    .bind(&group)
    .bind(day)
    .fetch_all(&mut *conn)
    .await?;
    for (waiter, chat_user, service) in waiters {
        let notice = Notice::SlotFreed {
            office: office.clone(),
            office_en: office_en.clone(),
            office_zh: office_zh.clone(),
            service,
            day,
        };
        query(
            "INSERT INTO outbox (dedup_key, kind, chat_user_id, payload, due_at, state, attempts, \
             created_at) \
             VALUES ($1, $2, $3, $4, $5, 'pending', 0, $5) ON CONFLICT (dedup_key) DO NOTHING",
        )
        .bind(dedup_key(&format!("slot-freed:{waiter}"), chat_user))
        .bind(notice.kind())
        .bind(chat_user)
        .bind(notice.to_payload())
        .bind(now)
        .execute(&mut *conn)
        .await?;
        query("UPDATE slot_waiters SET notified_at = $1 WHERE id = $2")
            .bind(now)
            .bind(waiter)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
