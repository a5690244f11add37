//! 200 people confirm a booking for the same slot of capacity 5 at the same moment:
//! exactly 5 are booked, the other 195 are told the place was taken. On SQLite, on
//! PostgreSQL, and with two engine instances (as two `serve` processes would be) sharing
//! one PostgreSQL and one Redis.

use chrono::{Duration, Utc};
use std::sync::Arc;
use visadesk_bot::dialogue::state::{BookingDraft, BookingState, BookingStep};
use visadesk_bot::dialogue::{Engine, Inbound, InboundKind, Session, State};
use visadesk_bot::domain::Personal;
use visadesk_bot::import::{self, Format, ImportKind};
use visadesk_bot::store::{InMemorySessionStore, PgRepository, SessionKey, SessionStore};
use visadesk_tests::{TestDb, engine_with, redis_store_in};

const USERS: usize = 200;
const CAPACITY: i32 = 5;

/// Creates the contested slot and returns its id and the draft every user confirms.
async fn contested_slot(db: &TestDb) -> (i64, BookingDraft) {
    db.seed().await;
    let service = db.repo.services().await.unwrap().remove(0);
    let office =
        visadesk_tests::find_office(&*db.repo, |o| o.services.contains(&service.code)).await;
    let starts = (Utc::now() + Duration::days(3))
        .date_naive()
        .and_hms_opt(23, 45, 0)
        .unwrap()
        .and_utc();
    let csv = format!(
        "office_id,slot_group,starts_at,ends_at,capacity\n{},{},{},{},{CAPACITY}\n",
        office.id,
        service.slot_group,
        starts.to_rfc3339(),
        (starts + Duration::minutes(15)).to_rfc3339()
    );
    db.repo
        .import(&import::parse(ImportKind::Slots, Format::Csv, &csv).unwrap())
        .await
        .unwrap();
    let slot = db
        .repo
        .slots(
            &office.id,
            service.slot_group,
            starts,
            starts + Duration::minutes(1),
        )
        .await
        .unwrap()
        .remove(0);
    let draft = BookingDraft {
        service: Some(service.code),
        office: Some(office.id.clone()),
        day: Some(starts.with_timezone(&office.time_zone).date_naive()),
        slot: Some(slot.id),
        full_name: Some(Personal::new("Race Runner".into())),
        nationality: Some("DEU".parse().unwrap()),
        phone: Some(Personal::new("+8613800138000".into())),
        ..BookingDraft::default()
    };
    (slot.id, draft)
}

/// Puts user `n` at the confirmation step, with a passport of their own.
async fn ready_to_confirm(sessions: &dyn SessionStore, n: usize, draft: &BookingDraft) {
    let mut draft = draft.clone();
    draft.passport_no = Some(format!("R{n:08}").parse().unwrap());
    let mut session = Session::new("en");
    session.state = State::Booking(BookingState {
        step: BookingStep::Confirm,
        draft,
    });
    let key = SessionKey::new("race", format!("user-{n}"), format!("user-{n}"));
    visadesk_tests::store_session(
        sessions,
        &key,
        &session,
        std::time::Duration::from_secs(600),
    )
    .await;
}

/// Everyone presses "confirm" at once, each through `engines[n % engines.len()]`.
async fn race(db: &TestDb, engines: &[Arc<Engine>], slot: i64) {
    let mut tasks = Vec::new();
    for n in 0..USERS {
        let engine = engines[n % engines.len()].clone();
        tasks.push(tokio::spawn(async move {
            let id = format!("user-{n}");
            engine
                .handle(&Inbound::new(
                    "race",
                    &id,
                    &id,
                    InboundKind::Button("confirm".into()),
                ))
                .await
        }));
    }
    let taken = engines[0].texts().text("en", "booking-slot-taken", &[]);
    let (mut booked, mut refused) = (0, 0);
    for task in tasks {
        let replies = task.await.unwrap();
        if replies.iter().any(|r| r.document.is_some()) {
            booked += 1;
        } else if replies.iter().any(|r| r.text.contains(&taken)) {
            refused += 1;
        } else {
            panic!("neither booked nor refused: {replies:?}");
        }
    }
    assert_eq!(
        (booked, refused),
        (CAPACITY as usize, USERS - CAPACITY as usize)
    );
    let slot = db.repo.slot(slot).await.unwrap().unwrap();
    assert_eq!(slot.booked, CAPACITY);
    assert_eq!(
        db.repo.counts().await.unwrap()["appointments"],
        i64::from(CAPACITY)
    );
}

async fn one_engine(db: TestDb) {
    let (slot, draft) = contested_slot(&db).await;
    let sessions = Arc::new(InMemorySessionStore::new());
    for n in 0..USERS {
        ready_to_confirm(sessions.as_ref(), n, &draft).await;
    }
    let engine = engine_with(db.repo.clone(), sessions);
    race(&db, &[engine], slot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_never_overbooks() {
    one_engine(TestDb::sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_never_overbooks() {
    one_engine(TestDb::postgres().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_engines_sharing_postgres_and_redis_never_overbook() {
    let db = TestDb::postgres().await;
    let (slot, draft) = contested_slot(&db).await;
    let prefix = format!("visadesk-race:{}:", uuid::Uuid::new_v4().simple());
    let setup = redis_store_in(&prefix).await;
    for n in 0..USERS {
        ready_to_confirm(&setup, n, &draft).await;
    }
    // Two engines as two processes have them: each its own database pool and Redis connection.
    let mut engines = Vec::new();
    for _ in 0..2 {
        let repo = Arc::new(
            PgRepository::connect(
                &db.url,
                std::time::Duration::from_secs(10),
                visadesk_tests::test_data_keys(),
            )
            .await
            .unwrap(),
        );
        engines.push(engine_with(repo, Arc::new(redis_store_in(&prefix).await)));
    }
    race(&db, &engines, slot).await;
}
