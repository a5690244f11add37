//! Repository conformance: the same behaviour on SQLite and PostgreSQL, on a fresh database
//! per test. Covers the seed, the slot calendar, imports (idempotent, all-or-nothing) and
//! the records an office holds.

use chrono::{Datelike, Duration, NaiveDate, SubsecRound, TimeZone, Utc, Weekday};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use visadesk_bot::domain::Personal;
use visadesk_bot::domain::office::parse_phone;
use visadesk_bot::domain::{ApplicationStatus, SlotGroup, SlotTemplate};
use visadesk_bot::import::{self, Format, ImportBatch, ImportError, ImportKind, Position};
use visadesk_bot::store::backoffice::Actor;
use visadesk_bot::store::{
    BookingLimits, BookingOutcome, ImportReport, NewAppointment, StoreError,
};
use visadesk_bot::{seed, slots};
use visadesk_tests::{TestDb, applicant, both_backends};

both_backends!(
    seed_has_offices_in_many_cities_with_complete_entries,
    seed_loads_twice_without_changes,
    slot_calendar_follows_office_hours_and_skips_holidays,
    demo_records_are_linked_together,
    import_twice_changes_nothing,
    malformed_file_is_rejected_with_line_and_field,
    rejected_record_rolls_back_the_whole_file,
    office_changes_are_applied_on_reimport,
    status_changes_extend_the_history,
    slot_import_updates_capacity_and_rejects_unknown_offices,
    chat_user_is_created_once_per_identity,
    idle_web_users_who_keep_nothing_are_purged,
    free_places_are_summed_per_local_day,
    anonymous_bookings_are_capped_per_address_and_office_day,
    delegations_are_told_and_appointments_follow_the_applicant,
);

/// Loads the bundled data sets (`seed::REFERENCE`, `seed::DEMO`) in order, without filling
/// the slot calendar.
async fn load(db: &TestDb, sets: &[&[(ImportKind, &'static str, &'static str)]]) {
    for set in sets {
        seed::load(db.repo.as_ref(), set).await.unwrap();
    }
}

/// Imports `records` (as a JSON file of `kind`) and returns the batch with the report.
async fn import_json(
    db: &TestDb,
    kind: ImportKind,
    records: &[serde_json::Value],
) -> (ImportBatch, ImportReport) {
    let json = serde_json::to_string(records).unwrap();
    let batch = import::parse(kind, Format::Json, &json).unwrap();
    let report = db.repo.import(&batch).await.unwrap();
    (batch, report)
}

/// Asserts the tables hold as many rows as `before`: `why` nothing was written.
async fn assert_unchanged(db: &TestDb, before: &BTreeMap<String, i64>, why: &str) {
    assert_eq!(&db.repo.counts().await.unwrap(), before, "{why}");
}

async fn seed_has_offices_in_many_cities_with_complete_entries(db: &TestDb) {
    load(db, &[seed::REFERENCE]).await;
    let offices = db.repo.offices().await.unwrap();
    let cities: BTreeSet<_> = offices.iter().map(|o| o.city_en.as_str()).collect();
    assert!(
        offices.len() >= 12,
        "only {} offices in the seed",
        offices.len()
    );
    assert!(
        cities.len() >= 10,
        "only {} cities in the seed: {cities:?}",
        cities.len()
    );
    let services: BTreeSet<_> = db
        .repo
        .services()
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.code)
        .collect();
    for o in &offices {
        assert!(!o.hours.intervals().is_empty(), "{} has no hours", o.id);
        assert!(parse_phone(&o.phone).is_ok(), "{} phone {}", o.id, o.phone);
        assert!(
            (18.0..54.0).contains(&o.latitude) && (73.0..135.0).contains(&o.longitude),
            "{} lies outside China",
            o.id
        );
        assert!(
            o.source_url.starts_with("https://") || o.source_url.starts_with("http://"),
            "{} has no source",
            o.id
        );
        assert!(
            !o.services.is_empty() && o.services.iter().all(|s| services.contains(s)),
            "{} services",
            o.id
        );
    }
}

async fn seed_loads_twice_without_changes(db: &TestDb) {
    let first = seed::load(db.repo.as_ref(), seed::REFERENCE).await.unwrap();
    assert!(first.inserted > 0);
    let counts = db.repo.counts().await.unwrap();
    let second = seed::load(db.repo.as_ref(), seed::REFERENCE).await.unwrap();
    assert_eq!((second.inserted, second.updated), (0, 0), "{second:?}");
    assert_eq!(second.unchanged, first.inserted);
    assert_eq!(db.repo.counts().await.unwrap(), counts);
}

async fn slot_calendar_follows_office_hours_and_skips_holidays(db: &TestDb) {
    load(db, &[seed::REFERENCE]).await;
    let holidays: Vec<NaiveDate> = serde_json::from_str::<Vec<serde_json::Value>>(include_str!(
        "../../deploy/seed/holidays.json"
    ))
    .unwrap()
    .iter()
    .map(|h| h["day"].as_str().unwrap().parse().unwrap())
    .collect();
    // Mid-December: the 30 working days run across New Year's Day.
    let now = Utc.with_ymd_and_hms(2026, 12, 14, 0, 0, 0).unwrap();
    let template = SlotTemplate::default();
    let created = slots::fill_calendar(db.repo.as_ref(), &template, now)
        .await
        .unwrap();
    assert!(created > 0);
    assert_eq!(
        slots::fill_calendar(db.repo.as_ref(), &template, now)
            .await
            .unwrap(),
        0,
        "a second fill creates nothing"
    );
    let services: HashMap<_, _> = db
        .repo
        .services()
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.code, s.slot_group))
        .collect();
    let mut total = 0;
    let mut saturdays = false;
    for office in db.repo.offices().await.unwrap() {
        let groups: BTreeSet<&str> = office
            .services
            .iter()
            .map(|s| services[s].as_str())
            .collect();
        for group in SlotGroup::ALL {
            let found = db
                .repo
                .slots(&office.id, *group, now, now + Duration::days(120))
                .await
                .unwrap();
            if !groups.contains(group.as_str()) {
                assert!(
                    found.is_empty(),
                    "{} has {group} slots but no such service",
                    office.id
                );
                continue;
            }
            let mut days = BTreeSet::new();
            for slot in &found {
                let local = slot.starts_at.with_timezone(&office.time_zone);
                let day = local.date_naive();
                // Weekends only where the office's own hours name the day (Saturday in
                // Shanghai and Nanjing), never a Sunday here.
                assert!(
                    day.weekday() != Weekday::Sun
                        && (day.weekday() != Weekday::Sat
                            || office.hours.on(Weekday::Sat).next().is_some()),
                    "{} slot on a day it is closed: {local}",
                    office.id
                );
                saturdays |= day.weekday() == Weekday::Sat;
                assert!(
                    !holidays.contains(&day),
                    "{} slot on holiday {day}",
                    office.id
                );
                assert!(
                    office
                        .hours
                        .on(day.weekday())
                        .any(|i| local.time() >= i.opens && local.time() < i.closes)
                );
                assert_eq!((slot.capacity, slot.booked), (template.capacity, 0));
                days.insert(day);
            }
            assert_eq!(
                days.len(),
                template.working_days,
                "{} {group}: working days",
                office.id
            );
            assert!(!days.contains(&NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()));
            total += found.len();
        }
    }
    assert_eq!(total as u64, created);
    assert!(saturdays, "offices open on Saturday have Saturday slots");
}

async fn demo_records_are_linked_together(db: &TestDb) {
    load(db, &[seed::REFERENCE, seed::DEMO]).await;
    let alex = applicant(db.repo.as_ref(), "DEU", "DEMO00001").await;
    assert_eq!(
        alex.birth_date.expose(),
        &NaiveDate::from_ymd_opt(1990, 1, 1)
    );
    let debug = format!("{alex:?}");
    assert!(
        !debug.contains("DEMO00001") && !debug.contains("1990") && !debug.contains("Alex"),
        "{debug}"
    );
    let apps = db.repo.applications_of(alex.id).await.unwrap();
    assert_eq!(apps.len(), 1);
    assert_eq!(apps[0].status, ApplicationStatus::InReview);
    assert_eq!(
        apps[0].history.iter().map(|h| h.status).collect::<Vec<_>>(),
        [ApplicationStatus::Received, ApplicationStatus::InReview]
    );
    let records = db.repo.records_of(alex.id).await.unwrap();
    assert_eq!(records.permits.len(), 1);
    assert!(records.pr_permit.is_none());

    let mei = applicant(db.repo.as_ref(), "CAN", "DEMO00002").await;
    let records = db.repo.records_of(mei.id).await.unwrap();
    let pr = records.pr_permit.expect("PR permit");
    assert_eq!(records.passports.len(), 1);
    assert_eq!(records.passports[0].pr_permit_id, Some(pr.id));
}

async fn import_twice_changes_nothing(db: &TestDb) {
    load(db, &[seed::REFERENCE]).await;
    let first = seed::load(db.repo.as_ref(), seed::DEMO).await.unwrap();
    assert_eq!(first.inserted, 3);
    let counts = db.repo.counts().await.unwrap();
    let second = seed::load(db.repo.as_ref(), seed::DEMO).await.unwrap();
    assert_eq!(
        (second.inserted, second.updated, second.unchanged),
        (0, 0, 3)
    );
    assert_eq!(db.repo.counts().await.unwrap(), counts);
}

async fn malformed_file_is_rejected_with_line_and_field(db: &TestDb) {
    load(db, &[seed::REFERENCE]).await;
    let before = db.repo.counts().await.unwrap();
    let csv = "full_name,nationality,passport_no,birth_date\n\
               Ann Example,DEU,E12345678,1991-02-03\n\
               Bob Example,GERMANY,E87654321,1992-03-04\n";
    let err = import::parse(ImportKind::Applicants, Format::Csv, csv).unwrap_err();
    match &err {
        ImportError::Field {
            position, field, ..
        } => {
            assert_eq!(*position, Position::Line(3));
            assert_eq!(field, "nationality");
        }
        other => panic!("expected a field error, got {other}"),
    }
    assert!(
        err.to_string().starts_with("line 3, field `nationality`"),
        "{err}"
    );
    let json = r#"[{"id":"x-office","name_en":"X","name_zh":"X","city_en":"X","city_zh":"X","province_en":"X","province_zh":"X",
        "address_en":"X","address_zh":"X","latitude":30.0,"longitude":120.0,"phone":"+86 10 1234 5678","hours":"Mon-Fri 09:00-17:00",
        "services":["visa-extension"],"source_url":"https://example.org","checked_on":"2026-11-25","verified":false},
        {"id":"y-office","name_en":"Y","name_zh":"Y","city_en":"Y","city_zh":"Y","province_en":"Y","province_zh":"Y",
        "address_en":"Y","address_zh":"Y","latitude":30.0,"longitude":120.0,"phone":"+86 10 1234 5678","hours":"Mon-Fri 17:00-09:00",
        "services":["visa-extension"],"source_url":"https://example.org","checked_on":"2026-11-25","verified":false}]"#;
    let err = import::parse(ImportKind::Offices, Format::Json, json).unwrap_err();
    assert!(
        err.to_string().starts_with("record 2, field `hours`"),
        "{err}"
    );
    assert_unchanged(db, &before, "parsing alone never writes").await;
}

/// A nationality must be a code ISO 3166-1 knows (or one of ICAO's for stateless persons and
/// refugees): three letters alone are not enough, or the name shown for it would be missing.
#[test]
fn a_nationality_iso_does_not_know_is_refused_on_import() {
    let applicant = |code: &str| {
        format!(
            r#"[{{"full_name":"Ann Example","nationality":"{code}","passport_no":"E12345678"}}]"#
        )
    };
    for code in ["XYZ", "QQQ", "AAA"] {
        let err = import::parse(ImportKind::Applicants, Format::Json, &applicant(code))
            .expect_err(&format!("{code} is refused"));
        assert!(
            err.to_string().starts_with("record 1, field `nationality`"),
            "{code}: {err}"
        );
    }
    for code in ["NLD", "nld", "SSD", "XXA"] {
        import::parse(ImportKind::Applicants, Format::Json, &applicant(code))
            .unwrap_or_else(|e| panic!("{code} is accepted: {e}"));
    }
}

async fn rejected_record_rolls_back_the_whole_file(db: &TestDb) {
    load(db, &[seed::REFERENCE, seed::DEMO]).await;
    let office = db.repo.offices().await.unwrap()[0].id.clone();
    let service = db.repo.services().await.unwrap()[0].code.clone();
    let before = db.repo.counts().await.unwrap();
    let json = format!(
        r#"[{{"receipt_no":"NEW-000001","nationality":"DEU","passport_no":"DEMO00001","service":"{service}","office":"{office}",
             "submitted_at":"2026-11-20T01:00:00Z","status":"received"}},
            {{"receipt_no":"NEW-000002","nationality":"DEU","passport_no":"DEMO00001","service":"{service}","office":"no-such-office",
             "submitted_at":"2026-11-20T01:00:00Z","status":"received"}}]"#
    );
    let batch = import::parse(ImportKind::Applications, Format::Json, &json).unwrap();
    match db.repo.import(&batch).await {
        Err(StoreError::Rejected {
            position, field, ..
        }) => {
            assert_eq!(position, Position::Record(2));
            assert_eq!(field, "office");
        }
        other => panic!("expected a rejection, got {other:?}"),
    }
    assert_unchanged(db, &before, "the valid first record was not kept either").await;
}

async fn office_changes_are_applied_on_reimport(db: &TestDb) {
    load(db, &[seed::REFERENCE]).await;
    let mut offices: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("../../deploy/seed/offices.json")).unwrap();
    offices.truncate(2);
    offices[0]["phone"] = "+86 10 0000 0000".into();
    offices[0]["hours"] = "Mon-Thu 09:00-11:30".into();
    let (_, report) = import_json(db, ImportKind::Offices, &offices).await;
    assert_eq!(
        (report.inserted, report.updated, report.unchanged),
        (0, 1, 1)
    );
    let id = offices[0]["id"].as_str().unwrap();
    let office = visadesk_tests::find_office(&*db.repo, |o| o.id.as_str() == id).await;
    assert_eq!(office.phone, "+86 10 0000 0000");
    assert_eq!(office.hours.intervals().len(), 4);
    assert_eq!(office.hours.on(Weekday::Fri).count(), 0);
}

async fn status_changes_extend_the_history(db: &TestDb) {
    load(db, &[seed::REFERENCE, seed::DEMO]).await;
    let mut apps: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("../../deploy/seed/demo/applications.json")).unwrap();
    apps[0]["status"] = "ready_for_pickup".into();
    apps[0]["pickup_from"] = "2026-11-26T01:00:00Z".into();
    let (batch, report) = import_json(db, ImportKind::Applications, &apps).await;
    assert_eq!(report.updated, 1);
    let alex = applicant(db.repo.as_ref(), "DEU", "DEMO00001").await;
    let app = db.repo.applications_of(alex.id).await.unwrap().remove(0);
    assert_eq!(app.status, ApplicationStatus::ReadyForPickup);
    assert_eq!(app.history.len(), 3);
    assert_eq!(
        app.history.last().unwrap().status,
        ApplicationStatus::ReadyForPickup
    );
    assert_eq!(
        app.pickup_from,
        Some(Utc.with_ymd_and_hms(2026, 11, 26, 1, 0, 0).unwrap())
    );
    let again = db.repo.import(&batch).await.unwrap();
    assert_eq!((again.updated, again.unchanged), (0, 1));
}

async fn slot_import_updates_capacity_and_rejects_unknown_offices(db: &TestDb) {
    load(db, &[seed::REFERENCE]).await;
    let office = db.repo.offices().await.unwrap()[0].id.clone();
    let csv = format!(
        "office_id,slot_group,starts_at,ends_at,capacity\n\
         {office},visa,2027-03-01T01:00:00Z,2027-03-01T01:30:00Z,3\n\
         {office},visa,2027-03-01T01:30:00Z,2027-03-01T02:00:00Z,3\n"
    );
    let batch = import::parse(ImportKind::Slots, Format::Csv, &csv).unwrap();
    assert_eq!(db.repo.import(&batch).await.unwrap().inserted, 2);
    let csv2 = csv.replacen(",3\n", ",6\n", 1);
    let batch = import::parse(ImportKind::Slots, Format::Csv, &csv2).unwrap();
    let report = db.repo.import(&batch).await.unwrap();
    assert_eq!((report.updated, report.unchanged), (1, 1));
    let from = Utc.with_ymd_and_hms(2027, 3, 1, 0, 0, 0).unwrap();
    let found = db
        .repo
        .slots(&office, SlotGroup::Visa, from, from + Duration::days(1))
        .await
        .unwrap();
    assert_eq!(found.iter().map(|s| s.capacity).collect::<Vec<_>>(), [6, 3]);
    let bad = "office_id,slot_group,starts_at,ends_at,capacity\nnowhere,visa,2027-03-01T01:00:00Z,2027-03-01T01:30:00Z,3\n";
    let batch = import::parse(ImportKind::Slots, Format::Csv, bad).unwrap();
    let err = db.repo.import(&batch).await.unwrap_err();
    assert!(
        err.to_string().starts_with("line 2, field `office_id`"),
        "{err}"
    );
    let bad_capacity = format!(
        "office_id,slot_group,starts_at,ends_at,capacity\n{office},visa,2027-03-01T01:00:00Z,2027-03-01T01:30:00Z,many\n"
    );
    let err = import::parse(ImportKind::Slots, Format::Csv, &bad_capacity).unwrap_err();
    assert!(
        err.to_string().starts_with("line 2, field `capacity`"),
        "{err}"
    );
}

async fn chat_user_is_created_once_per_identity(db: &TestDb) {
    let mut handles = Vec::new();
    for _ in 0..8 {
        let repo = db.repo.clone();
        handles.push(tokio::spawn(async move {
            repo.chat_user("telegram", "42", "ru").await.unwrap()
        }));
    }
    let mut ids = BTreeSet::new();
    for h in handles {
        ids.insert(h.await.unwrap().id);
    }
    assert_eq!(ids.len(), 1, "concurrent first contacts made one user");
    let user = db.repo.chat_user("telegram", "42", "en").await.unwrap();
    assert_eq!(user.locale, "ru", "the first locale is kept");
    assert!(user.notifications_enabled);
    let other = db.repo.chat_user("wechat", "42", "en").await.unwrap();
    assert_ne!(other.id, user.id);
    assert_eq!(db.repo.counts().await.unwrap()["channel_identities"], 2);
}

/// A web chat user not seen for the idle period who keeps nothing goes; one linked to an
/// applicant, one seen recently and a user of another channel stay. Last-seen times round-trip
/// on both engines, and nothing is created by looking a user up.
async fn idle_web_users_who_keep_nothing_are_purged(db: &TestDb) {
    load(db, &[seed::REFERENCE, seed::DEMO]).await;
    let now = Utc::now().trunc_subsecs(6);
    let later = now + Duration::days(31);
    let idle_since = later - Duration::days(30);
    let repo = db.repo.as_ref();
    assert_eq!(repo.find_chat_user("web", "idle").await.unwrap(), None);
    assert_eq!(
        db.repo.counts().await.unwrap()["chat_users"],
        0,
        "a look-up creates nothing"
    );
    let idle = repo.chat_user("web", "idle", "en").await.unwrap();
    let also_idle = repo.chat_user("web", "also-idle", "en").await.unwrap();
    let linked = repo.chat_user("web", "linked", "en").await.unwrap();
    let alex = applicant(repo, "DEU", "DEMO00001").await;
    repo.link_applicant(linked.id, alex.id, "receipt", now)
        .await
        .unwrap();
    let recent = repo.chat_user("web", "recent", "en").await.unwrap();
    repo.mark_seen(recent.id, later).await.unwrap();
    let seen = repo.find_chat_user("web", "recent").await.unwrap().unwrap();
    assert_eq!(seen.last_seen, later, "last seen round-trips");
    let telegram = repo.chat_user("telegram", "idle", "en").await.unwrap();

    // At most `limit` at once; then the rest; then nothing.
    let first = repo
        .purge_idle_users("web", idle_since, later, 1)
        .await
        .unwrap();
    assert_eq!(first, vec!["idle".to_string()]);
    let second = repo
        .purge_idle_users("web", idle_since, later, 100)
        .await
        .unwrap();
    assert_eq!(second, vec!["also-idle".to_string()]);
    assert!(
        repo.purge_idle_users("web", idle_since, later, 100)
            .await
            .unwrap()
            .is_empty()
    );

    assert_eq!(repo.find_chat_user("web", "idle").await.unwrap(), None);
    assert_eq!(repo.find_chat_user("web", "also-idle").await.unwrap(), None);
    for (channel, id, kept) in [
        ("web", "linked", linked.id),
        ("web", "recent", recent.id),
        ("telegram", "idle", telegram.id),
    ] {
        let found = repo.find_chat_user(channel, id).await.unwrap();
        assert_eq!(found.map(|u| u.id), Some(kept), "{channel} {id} is kept");
    }
    assert_ne!(idle.id, also_idle.id);
    assert_eq!(repo.linked_applicants(linked.id).await.unwrap().len(), 1);
}

async fn free_places_are_summed_per_local_day(db: &TestDb) {
    load(db, &[seed::REFERENCE]).await;
    let office = db.repo.offices().await.unwrap()[0].clone();
    // Beijing time is UTC+8: 15:30Z is 23:30 on 1 March, 16:00Z is midnight of 2 March.
    let csv = format!(
        "office_id,slot_group,starts_at,ends_at,capacity\n\
         {id},visa,2027-03-01T01:00:00Z,2027-03-01T01:30:00Z,3\n\
         {id},visa,2027-03-01T01:30:00Z,2027-03-01T02:00:00Z,4\n\
         {id},visa,2027-03-01T15:30:00Z,2027-03-01T16:00:00Z,5\n\
         {id},visa,2027-03-01T16:00:00Z,2027-03-01T16:30:00Z,6\n\
         {id},visa,2027-03-03T02:00:00Z,2027-03-03T02:30:00Z,2\n\
         {id},residence,2027-03-01T02:00:00Z,2027-03-01T02:30:00Z,9\n",
        id = office.id
    );
    let batch = import::parse(ImportKind::Slots, Format::Csv, &csv).unwrap();
    db.repo.import(&batch).await.unwrap();
    // A full slot counts for nothing; the 3 March slot is full.
    db.execute(
        "UPDATE slots SET booked = capacity WHERE starts_at = (SELECT MAX(starts_at) FROM slots WHERE slot_group = 'visa')",
    )
    .await;
    db.execute("UPDATE slots SET booked = 1 WHERE capacity = 4")
        .await;
    let from = Utc.with_ymd_and_hms(2027, 3, 1, 0, 0, 0).unwrap();
    let to = from + Duration::days(5);
    let day = |d: u32| NaiveDate::from_ymd_opt(2027, 3, d).unwrap();
    let [(start, end, offset)] = office.offset_spans(from, to)[..] else {
        panic!("Beijing time has one offset");
    };
    assert_eq!(offset, 8 * 3600);
    let per_day = db
        .repo
        .free_places_per_day(&office.id, SlotGroup::Visa, start, end, offset)
        .await
        .unwrap();
    assert_eq!(per_day, vec![(day(1), 3 + 3 + 5), (day(2), 6)]);
    // The same slots read one by one and grouped by their local date agree.
    let mut expected: BTreeSet<(NaiveDate, i64)> = BTreeSet::new();
    let mut sums: HashMap<NaiveDate, i64> = HashMap::new();
    for slot in db
        .repo
        .slots(&office.id, SlotGroup::Visa, from, to)
        .await
        .unwrap()
        .iter()
        .filter(|s| s.free() > 0)
    {
        *sums
            .entry(slot.starts_at.with_timezone(&office.time_zone).date_naive())
            .or_default() += i64::from(slot.free());
    }
    expected.extend(sums);
    assert_eq!(per_day.into_iter().collect::<BTreeSet<_>>(), expected);
    // In UTC all visa places fall on 1 March.
    let in_utc = db
        .repo
        .free_places_per_day(&office.id, SlotGroup::Visa, from, to, 0)
        .await
        .unwrap();
    assert_eq!(in_utc, vec![(day(1), 3 + 3 + 5 + 6)]);
}

/// Anonymous (web chat) bookings from one client address count per office and office-local
/// day, whatever passport and conversation they name; cancelling one does not give its count
/// back (book and cancel would otherwise hoard as well). Other addresses, days, offices and
/// bookings that come with no address are not counted.
async fn anonymous_bookings_are_capped_per_address_and_office_day(db: &TestDb) {
    use visadesk_bot::domain::Personal;
    use visadesk_bot::store::{
        AddressClaim, BookingLimits, BookingOutcome, LimitKind, NewAppointment,
    };
    load(db, &[seed::REFERENCE]).await;
    let offices = db.repo.offices().await.unwrap();
    let (first, second) = (&offices[0].id, &offices[1].id);
    // Beijing time: 2027-03-01 16:00Z is already 2 March.
    let csv = format!(
        "office_id,slot_group,starts_at,ends_at,capacity\n\
         {first},visa,2027-03-01T01:00:00Z,2027-03-01T01:30:00Z,50\n\
         {first},visa,2027-03-01T15:30:00Z,2027-03-01T16:00:00Z,50\n\
         {first},visa,2027-03-01T16:00:00Z,2027-03-01T16:30:00Z,50\n\
         {second},visa,2027-03-01T01:00:00Z,2027-03-01T01:30:00Z,50\n"
    );
    let batch = import::parse(ImportKind::Slots, Format::Csv, &csv).unwrap();
    db.repo.import(&batch).await.unwrap();
    let from = Utc.with_ymd_and_hms(2027, 2, 28, 0, 0, 0).unwrap();
    let to = from + Duration::days(5);
    let slot_at = |office: &visadesk_bot::domain::OfficeId, hour: u32| {
        let office = office.clone();
        async move {
            db.repo
                .slots(&office, SlotGroup::Visa, from, to)
                .await
                .unwrap()
                .into_iter()
                .find(|s| {
                    s.starts_at == Utc.with_ymd_and_hms(2027, 3, 1, hour, 0, 0).unwrap()
                        || s.starts_at == Utc.with_ymd_and_hms(2027, 3, 1, hour, 30, 0).unwrap()
                })
                .unwrap()
                .id
        }
    };
    let (morning, late_evening, next_day) = (
        slot_at(first, 1).await,
        slot_at(first, 15).await,
        slot_at(first, 16).await,
    );
    let elsewhere = slot_at(second, 1).await;
    // The office-local day of 1 March in Beijing.
    let day_1 = (
        Utc.with_ymd_and_hms(2027, 2, 28, 16, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2027, 3, 1, 16, 0, 0).unwrap(),
    );
    let day_2 = (day_1.1, day_1.1 + Duration::days(1));
    let user = db.repo.chat_user("web", "anonymous", "en").await.unwrap();
    let limits = BookingLimits {
        per_address_per_office_day: 2,
        ..BookingLimits::default()
    };
    let now = Utc.with_ymd_and_hms(2027, 2, 1, 0, 0, 0).unwrap();
    let mut passports = 0;
    let mut book = async |slot_id: i64, address: Option<&str>, day: (_, _)| {
        passports += 1;
        let new = NewAppointment {
            slot_id,
            service: "visa-extension".parse().unwrap(),
            chat_user_id: user.id,
            full_name: Personal::new("Anna Example".into()),
            nationality: "DEU".parse().unwrap(),
            passport_no: format!("C{passports:08}").parse().unwrap(),
            phone: Personal::new("+8613800138000".into()),
            from_address: address.map(|a| AddressClaim {
                address: a.into(),
                day_from: day.0,
                day_to: day.1,
            }),
            applicant_id: None,
        };
        // Each booking under its own chat user limit: only the address is counted here.
        let limits = BookingLimits {
            per_chat_user: 1000,
            ..limits
        };
        db.repo.book(&new, limits, now).await.unwrap()
    };
    let booked = |o: &BookingOutcome| matches!(o, BookingOutcome::Booked(_));
    let first_booking = book(morning, Some("a1"), day_1).await;
    assert!(booked(&first_booking), "{first_booking:?}");
    assert!(booked(&book(late_evening, Some("a1"), day_1).await));
    assert_eq!(
        book(morning, Some("a1"), day_1).await,
        BookingOutcome::LimitReached {
            kind: LimitKind::Address,
            limit: 2
        }
    );
    // Cancelling does not give the count back.
    let BookingOutcome::Booked(cancelled) = first_booking else {
        unreachable!()
    };
    db.execute(&format!(
        "UPDATE appointments SET status = 'cancelled' WHERE id = {}",
        cancelled.id
    ))
    .await;
    assert!(!booked(&book(morning, Some("a1"), day_1).await));
    // Another address, the next Beijing day, another office, no address: all still book.
    assert!(booked(&book(morning, Some("a2"), day_1).await));
    assert!(booked(&book(next_day, Some("a1"), day_2).await));
    assert!(booked(&book(elsewhere, Some("a1"), day_1).await));
    assert!(booked(&book(morning, None, day_1).await));
}

/// Issue 15 item 6 in the store: who must be asked before being acted for, the notices of
/// every grant and end of a delegation, and an appointment for an applicant on record that
/// belongs to the applicant (and to their helpers only while the delegation lasts).
async fn delegations_are_told_and_appointments_follow_the_applicant(db: &TestDb) {
    load(db, &[seed::REFERENCE, seed::DEMO]).await;
    let repo = db.repo.as_ref();
    let alex = applicant(repo, "DEU", "DEMO00001").await;
    let mei = applicant(repo, "CAN", "DEMO00002").await;
    let user =
        |name: &'static str| async move { repo.chat_user("generic", name, "en").await.unwrap().id };
    let (own, helper, stranger) = (
        user("own").await,
        user("helper").await,
        user("stranger").await,
    );
    let now = Utc::now();
    repo.link_applicant(own, alex.id, "receipt", now)
        .await
        .unwrap();
    // Alex has a chat of his own: he is asked. Mei (no chat, never asked) is not.
    assert!(repo.needs_consent(helper, alex.id).await.unwrap());
    assert!(!repo.needs_consent(helper, mei.id).await.unwrap());
    let notices = || async {
        let mut rows = db.backoffice.outbox(None, 100).await.unwrap();
        rows.reverse();
        rows.into_iter()
            .map(|r| (r.kind, r.chat_user_id.unwrap()))
            .collect::<Vec<_>>()
    };
    let granted = repo
        .add_delegation(helper, alex.id, "invitation", Some("Mei"), now)
        .await
        .unwrap();
    assert_eq!(notices().await, [("delegation_granted".to_string(), own)]);

    // A future place, booked by the helper for Alex and by the stranger for nobody on record.
    let office = repo.offices().await.unwrap()[0].id.clone();
    let csv = format!(
        "office_id,slot_group,starts_at,ends_at,capacity\n\
         {office},visa,2099-03-02T01:00:00Z,2099-03-02T01:30:00Z,5\n"
    );
    let batch = import::parse(ImportKind::Slots, Format::Csv, &csv).unwrap();
    repo.import(&batch).await.unwrap();
    let from = Utc.with_ymd_and_hms(2099, 3, 2, 0, 0, 0).unwrap();
    let slot = repo
        .slots(&office, SlotGroup::Visa, from, from + Duration::days(1))
        .await
        .unwrap()[0]
        .id;
    let book = |chat_user_id, passport: &str, applicant_id| {
        let new = NewAppointment {
            slot_id: slot,
            service: "visa-extension".parse().unwrap(),
            chat_user_id,
            full_name: Personal::new("Some Name".into()),
            nationality: "DEU".parse().unwrap(),
            passport_no: passport.parse().unwrap(),
            phone: Personal::new("+8613800138000".into()),
            applicant_id,
            from_address: None,
        };
        async move {
            match repo
                .book(&new, BookingLimits::default(), now)
                .await
                .unwrap()
            {
                BookingOutcome::Booked(a) => a.id,
                other => panic!("{other:?}"),
            }
        }
    };
    let his = book(helper, "DEMO00001", Some(alex.id)).await;
    let theirs = book(stranger, "X12345678", None).await;
    let seen = |who| async move {
        let list = repo.appointments_of(who, now).await.unwrap();
        list.into_iter().map(|a| a.id).collect::<Vec<_>>()
    };
    assert_eq!(seen(own).await, [his]);
    assert_eq!(seen(helper).await, [his]);
    assert_eq!(seen(stranger).await, [theirs]);
    let upcoming = db
        .backoffice
        .appointments_starting(from, from + Duration::days(1))
        .await
        .unwrap();
    let applicants: Vec<_> = upcoming.iter().map(|a| (a.id, a.applicant_id)).collect();
    assert_eq!(applicants, [(his, Some(alex.id)), (theirs, None)]);

    // Alex ends it: the helper is told (Alex's own chat saw the answer), and his appointment
    // is no longer the helper's to see, cancel or move.
    assert!(repo.revoke_delegation(granted, own, now).await.unwrap());
    let told = notices().await;
    assert_eq!(told.last().unwrap(), &("help_ended".to_string(), helper));
    assert_eq!(told.len(), 2, "{told:?}");
    assert!(seen(helper).await.is_empty());
    assert_eq!(seen(own).await, [his]);
    let gone = repo.cancel_appointment(his, helper, now).await.unwrap();
    assert_eq!(gone, BookingOutcome::NotFound);
    let gone = repo
        .reschedule_appointment(his, helper, slot, now)
        .await
        .unwrap();
    assert_eq!(gone, BookingOutcome::NotFound);
    assert!(repo.needs_consent(helper, alex.id).await.unwrap());
    // The office closes that day: Alex is told, the former helper is not.
    let before = notices().await.len();
    let day = NaiveDate::from_ymd_opt(2099, 3, 2).unwrap();
    let actor = Actor {
        kind: "api-token",
        name: "desk".into(),
    };
    db.backoffice
        .close_day(
            &office,
            day,
            from,
            from + Duration::days(1),
            "closed",
            &actor,
            now,
        )
        .await
        .unwrap();
    let cancelled: Vec<_> = notices().await.split_off(before);
    let cancelled_to = |user| ("appointment_cancelled".to_string(), user);
    assert_eq!(cancelled, [cancelled_to(own), cancelled_to(stranger)]);
    // Having ended it once counts even after Alex's chat forgets him.
    repo.unlink_all(own).await.unwrap();
    assert!(repo.needs_consent(helper, alex.id).await.unwrap());
    // A helper who forgets themselves ends what they held, and the applicant is told.
    repo.link_applicant(stranger, mei.id, "link_code", now)
        .await
        .unwrap();
    repo.add_delegation(helper, mei.id, "invitation", None, now)
        .await
        .unwrap();
    repo.unlink_all(helper).await.unwrap();
    let told = notices().await;
    assert_eq!(
        told.last().unwrap(),
        &("delegation_ended".to_string(), stranger)
    );
}

/// A pooled PostgreSQL connection that the server dropped while it sat idle (a restart, a
/// proxy's idle cut) is replaced before use: the next query works. Connections in steady use
/// are not checked before every query, only those idle for over a second.
#[tokio::test]
async fn postgres_replaces_a_connection_dropped_while_idle() {
    use sqlx::Connection;
    let db = TestDb::postgres().await;
    // The pool holds a connection that has been used and returned.
    db.repo.offices().await.unwrap();
    let mut outside = sqlx::PgConnection::connect(&db.url)
        .await
        .expect("connect to the test database");
    let (terminated,): (i64,) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity \
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .fetch_one(&mut outside)
    .await
    .unwrap();
    assert!(terminated >= 1, "the pool held no connection to drop");
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    db.repo
        .offices()
        .await
        .expect("the dropped connection is replaced, not used");
}
