//! Retention (issue 16): the scheduler's retention job deletes each kind of expiring row
//! once it is older than its period, and not a day before, on both SQL backends. Rows are
//! written back-dated around a fixed instant, with the timestamps bound by sqlx as the store
//! binds them.

use chrono::{DateTime, TimeDelta, Utc};
use sqlx::Connection;
use visadesk_bot::retention::RetentionPolicy;
use visadesk_gateway::dispatch::scheduler::Scheduler;
use visadesk_tests::{TestDb, both_backends};

/// The instant the job runs at (a tick of its daily schedule).
fn now() -> DateTime<Utc> {
    "2027-03-10T03:45:00Z".parse().unwrap()
}

/// Runs `sql` with `times` bound as `$1`, `$2`, … on a connection of its own.
async fn run(db: &TestDb, sql: &str, times: &[DateTime<Utc>]) {
    macro_rules! on {
        ($conn:ty) => {{
            let mut conn = <$conn>::connect(&db.url).await.unwrap();
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql.to_string()));
            for t in times {
                query = query.bind(*t);
            }
            query
                .execute(&mut conn)
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e}"));
        }};
    }
    if db.url.starts_with("sqlite:") {
        on!(sqlx::SqliteConnection)
    } else {
        on!(sqlx::PgConnection)
    }
}

/// The values of a text column `column` of `table`, sorted.
async fn column(db: &TestDb, table: &str, column: &str) -> Vec<String> {
    let sql = format!("SELECT {column} FROM {table} ORDER BY {column}");
    macro_rules! on {
        ($conn:ty) => {{
            let mut conn = <$conn>::connect(&db.url).await.unwrap();
            sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql.clone()))
                .fetch_all(&mut conn)
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e}"))
        }};
    }
    if db.url.starts_with("sqlite:") {
        on!(sqlx::SqliteConnection)
    } else {
        on!(sqlx::PgConnection)
    }
}

/// For each kind, a row a day past its period (`old`) and one a day short of it (`young`);
/// after the job only the young ones, and the rows no period applies to, are left.
async fn each_kind_goes_after_its_period_and_not_before(db: &TestDb) {
    visadesk_bot::seed::load(db.repo.as_ref(), visadesk_bot::seed::REFERENCE)
        .await
        .unwrap();
    visadesk_bot::seed::load(db.repo.as_ref(), visadesk_bot::seed::DEMO)
        .await
        .unwrap();
    let applicant = visadesk_tests::applicant(db.repo.as_ref(), "DEU", "DEMO00001")
        .await
        .id;
    let user = db
        .repo
        .chat_user("telegram", "7001", "en")
        .await
        .unwrap()
        .id;
    let policy = RetentionPolicy::default();
    let now = now();
    let day = TimeDelta::days(1);
    let around = |period: TimeDelta| (now - period - day, now - period + day);

    let (old, young) = around(policy.audit_lines);
    for (name, at) in [("old", old), ("young", young)] {
        run(
            db,
            &format!(
                "INSERT INTO audit_log (at, actor_kind, actor, action, outcome) \
                 VALUES ($1, 'api-token', 'desk', 'x', '{name}')"
            ),
            &[at],
        )
        .await;
    }

    let (old, young) = around(policy.notifications);
    for (key, state, at) in [
        ("delivered-old", "delivered", old),
        ("delivered-young", "delivered", young),
        ("dead-old", "dead", old),
        ("dead-young", "dead", young),
        // Not finished: kept whatever its age.
        ("pending-old", "pending", old),
    ] {
        let delivered = if state == "delivered" { "$1" } else { "NULL" };
        run(
            db,
            &format!(
                "INSERT INTO outbox (dedup_key, kind, chat_user_id, payload, due_at, state, \
                 created_at, delivered_at) VALUES ('{key}', 'permit_expiring', {user}, '{{}}', \
                 $1, '{state}', $1, {delivered})"
            ),
            &[at],
        )
        .await;
    }

    let (old, young) = around(policy.seen_updates);
    for (key, at) in [("old", old), ("young", young)] {
        run(
            db,
            &format!(
                "INSERT INTO seen_updates (channel, update_key, seen_at) \
                 VALUES ('telegram', '{key}', $1)"
            ),
            &[at],
        )
        .await;
    }

    let (old, young) = around(policy.codes);
    let later = now + TimeDelta::days(10);
    for (name, expires, used) in [
        ("expired-old", old, None),
        ("expired-young", young, None),
        ("used-old", later, Some(old)),
        ("used-young", later, Some(young)),
        ("open", later, None),
    ] {
        let mut times = vec![expires];
        let used_at = match used {
            Some(at) => {
                times.push(at);
                "$2"
            }
            None => "NULL",
        };
        for (table, owner) in [
            ("link_codes", "applicant_id, issued_by, ".to_string()),
            ("channel_link_codes", "chat_user_id, ".to_string()),
            ("family_invitations", "inviter, ".to_string()),
        ] {
            let owner_value = match table {
                "link_codes" => format!("{applicant}, 'desk', "),
                _ => format!("{user}, "),
            };
            run(
                db,
                &format!(
                    "INSERT INTO {table} (code_hash, {owner}expires_at, used_at) \
                     VALUES ('{name}', {owner_value}$1, {used_at})"
                ),
                &times,
            )
            .await;
        }
    }

    let (old, young) = around(policy.proof_attempts);
    for (subject, at) in [
        (format!("user:{user}"), old),
        (format!("user:{user}"), young),
        ("passport:feed".to_string(), old),
        ("passport:feed".to_string(), young),
        // A chat user who is gone (purged or erased): their attempts go at once.
        ("user:990001".to_string(), now - TimeDelta::minutes(5)),
    ] {
        run(
            db,
            &format!("INSERT INTO proof_attempts (subject, at) VALUES ('{subject}', $1)"),
            &[at],
        )
        .await;
    }

    let scheduler = Scheduler::new(db.backoffice.clone(), &[])
        .unwrap()
        .with_retention("0 45 3 * * *", db.repo.clone(), policy)
        .unwrap();
    scheduler.run_due(now).await.unwrap();

    assert_eq!(column(db, "audit_log", "outcome").await, ["young"]);
    assert_eq!(
        column(db, "outbox", "dedup_key").await,
        ["dead-young", "delivered-young", "pending-old"]
    );
    assert_eq!(column(db, "seen_updates", "update_key").await, ["young"]);
    for table in ["link_codes", "channel_link_codes", "family_invitations"] {
        let left: Vec<String> = column(db, table, "code_hash")
            .await
            .into_iter()
            // The demo data brings link codes of its own, valid for long.
            .filter(|c| ["expired", "used", "open"].iter().any(|p| c.starts_with(p)))
            .collect();
        assert_eq!(
            left,
            ["expired-young", "open", "used-young"],
            "{table} after the job"
        );
    }
    let attempts = column(db, "proof_attempts", "subject").await;
    assert_eq!(
        attempts,
        ["passport:feed".to_string(), format!("user:{user}")]
    );
}

both_backends!(each_kind_goes_after_its_period_and_not_before);
