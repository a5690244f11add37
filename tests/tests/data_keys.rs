//! The keys that seal personal data (issue 16), on SQLite and PostgreSQL: a database an
//! earlier version wrote in plain text is sealed by `migrate` (and still found by passport
//! number; a second `migrate` changes nothing), and a key rotation keeps old rows readable,
//! seals new ones with the new key, and lets the old key go once nothing uses it.

use chrono::Utc;
use std::sync::Arc;
use std::time::Duration;
use visadesk_bot::import::{self, Format, ImportKind};
use visadesk_bot::store::{DataKeys, Repository, StoreError};
use visadesk_tests::{ALEX, MEI, TestDb, applicant, test_data_keys};

mod upgrade {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite_plain_rows_of_an_earlier_version_are_sealed_by_migrate() {
        super::plain_rows_of_an_earlier_version_are_sealed_by_migrate("sqlite").await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres_plain_rows_of_an_earlier_version_are_sealed_by_migrate() {
        super::plain_rows_of_an_earlier_version_are_sealed_by_migrate("postgres").await;
    }
}

visadesk_tests::both_backends!(rotation_keeps_old_rows_readable_and_retires_the_old_key);

/// Every personal column and the blind index beside it (`None`: no index).
const SEALED: &[(&str, &str, Option<&str>)] = &[
    ("applicants", "full_name", None),
    ("applicants", "passport_no", Some("passport_index")),
    ("applicants", "birth_date", None),
    ("appointments", "full_name", None),
    ("appointments", "passport_no", Some("passport_index")),
    ("appointments", "phone", None),
    ("residence_permits", "number", Some("number_index")),
    ("pr_permits", "number", Some("number_index")),
    ("passports", "number", Some("number_index")),
    ("e_documents", "payload", None),
];

/// The stored values of every personal column, and how many are not sealed with `key`
/// or lack their blind index.
async fn unsealed(db: &TestDb, key: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (table, column, index) in SEALED {
        for value in db
            .texts(&format!(
                "SELECT {column} FROM {table} WHERE {column} IS NOT NULL"
            ))
            .await
        {
            if !value.starts_with(&format!("v1:{key}:")) {
                found.push(format!("{table}.{column}: {value}"));
            }
        }
        if let Some(index) = index {
            let missing = db
                .texts(&format!(
                    "SELECT CAST(id AS TEXT) FROM {table} WHERE {index} IS NULL"
                ))
                .await;
            found.extend(
                missing
                    .into_iter()
                    .map(|id| format!("{table}.{index} of {id}")),
            );
        }
    }
    found
}

async fn plain_rows_of_an_earlier_version_are_sealed_by_migrate(backend: &str) {
    // The schema of the version before encryption (migrations up to 0010), with rows as it
    // wrote them: every personal value in plain text.
    let db = TestDb::at_migration(backend, 10).await;
    for sql in [
        "INSERT INTO applicants (id, full_name, nationality, passport_no, birth_date, created_at) \
         VALUES (901, 'Olga Plainrow', 'RUS', 'P90000001', '1980-02-03', '2026-01-05T00:00:00Z')",
        "INSERT INTO residence_permits (applicant_id, kind, permit_type, number, issued_on, \
         expires_on, entries) VALUES (901, 'residence_permit', 'work', 'RP-P90000001', \
         '2026-01-01', '2099-01-01', 'multiple')",
        "INSERT INTO pr_permits (id, applicant_id, number, issued_on, expires_on, status) \
         VALUES (901, 901, 'PR-P90000001', '2026-01-01', '2099-01-01', 'valid')",
        "INSERT INTO passports (applicant_id, number, nationality, expires_on, pr_permit_id, \
         linked_at) VALUES (901, 'P90000001', 'RUS', '2099-01-01', 901, '2026-01-05T00:00:00Z')",
        "INSERT INTO e_documents (id, kind, applicant_id, pr_permit_id, payload, signature, \
         issued_at) VALUES ('doc-901', 'passport-link', 901, 901, \
         '{\"holder\":\"Olga Plainrow\",\"passport\":\"P90000001\"}', 'sig', \
         '2026-01-05T00:00:00Z')",
    ] {
        assert_eq!(db.execute(sql).await, 1, "{sql}");
    }
    // The upgrade: the new schema, then the plain values sealed.
    db.repo.migrate().await.unwrap();
    // An appointment the earlier version booked (on the seeded calendar, plain text).
    db.seed().await;
    let user = db.repo.chat_user("telegram", "olga", "en").await.unwrap();
    assert_eq!(
        db.execute(&format!(
            "INSERT INTO appointments (code, slot_id, service_code, chat_user_id, full_name, \
             nationality, passport_no, phone, status, created_at) \
             SELECT 'LEGACY01', s.id, os.service_code, {}, 'Olga Plainrow', 'RUS', 'P90000001', \
             '+86 139 0000 0001', 'booked', '2026-01-05T00:00:00Z' \
             FROM slots s JOIN office_services os ON os.office_id = s.office_id \
             ORDER BY s.starts_at DESC, s.id LIMIT 1",
            user.id
        ))
        .await,
        1
    );
    assert!(!unsealed(&db, "k1").await.is_empty(), "plain rows to seal");
    db.repo.migrate().await.unwrap();
    assert_eq!(unsealed(&db, "k1").await, Vec::<String>::new());
    let plain = [
        "Olga Plainrow",
        "P90000001",
        "1980-02-03",
        "+86 139 0000 0001",
    ];
    for (table, row) in db.every_row().await {
        for value in plain {
            assert!(!row.contains(value), "`{value}` in {table}: {row}");
        }
    }

    // Still found by passport number, and read back whole.
    let olga = applicant(db.repo.as_ref(), "RUS", "P90000001").await;
    assert_eq!(olga.id, 901);
    assert_eq!(olga.full_name.expose(), "Olga Plainrow");
    assert_eq!(
        olga.birth_date.expose().map(|d| d.to_string()).as_deref(),
        Some("1980-02-03")
    );
    let records = db.repo.records_of(901).await.unwrap();
    assert_eq!(records.permits[0].number.expose(), "RP-P90000001");
    assert_eq!(
        records.pr_permit.as_ref().unwrap().number.expose(),
        "PR-P90000001"
    );
    assert_eq!(records.passports[0].number.expose(), "P90000001");
    let document = db.repo.e_document("doc-901").await.unwrap().unwrap();
    assert!(document.payload.contains("Olga Plainrow"));
    let booked = db.repo.appointments_of(user.id, Utc::now()).await.unwrap();
    assert_eq!(booked.len(), 1);
    assert_eq!(booked[0].passport_no.expose(), "P90000001");

    // A second migrate changes nothing.
    let before = db.every_row().await;
    db.repo.migrate().await.unwrap();
    assert_eq!(db.repo.seal_personal_data(500).await.unwrap(), 0);
    assert_eq!(db.every_row().await, before);
}

async fn rotation_keeps_old_rows_readable_and_retires_the_old_key(db: &TestDb) {
    db.seed().await;
    visadesk_bot::seed::load(db.repo.as_ref(), visadesk_bot::seed::DEMO)
        .await
        .unwrap();
    let first = test_data_keys();
    let rotated = first.rotated();
    assert_eq!(rotated.active_id(), "k2");
    let store = connect(db, rotated.clone()).await;

    // Rows sealed with k1 read with the rotated keys, before anything is re-sealed.
    let alex = applicant(store.as_ref(), ALEX.nationality, ALEX.passport).await;
    assert_eq!(alex.full_name.expose(), "Alex Demo-Applicant");
    // New rows are sealed with k2.
    let json = r#"[{"full_name":"Nova Rotated","nationality":"FRA","passport_no":"N00000042",
        "birth_date":"1999-09-09"}]"#;
    store
        .import(&import::parse(ImportKind::Applicants, Format::Json, json).unwrap())
        .await
        .unwrap();
    let nova = db
        .texts("SELECT passport_no FROM applicants WHERE nationality = 'FRA'")
        .await;
    assert!(nova[0].starts_with("v1:k2:"), "{nova:?}");
    assert!(store.sealed_with("k1").await.unwrap() > 0);

    // Re-sealed in small batches: nothing is left with k1.
    let resealed = store.seal_personal_data(3).await.unwrap();
    assert!(resealed > 3, "{resealed} values re-sealed");
    assert_eq!(store.sealed_with("k1").await.unwrap(), 0);
    assert_eq!(unsealed(db, "k2").await, Vec::<String>::new());

    // The old key can go: everything reads without it.
    let trimmed = connect(db, rotated.without_retired()).await;
    for who in [ALEX, MEI] {
        let found = applicant(trimmed.as_ref(), who.nationality, who.passport).await;
        assert_eq!(found.passport_no.expose(), who.passport);
    }
    let mei = applicant(trimmed.as_ref(), MEI.nationality, MEI.passport).await;
    let records = trimmed.records_of(mei.id).await.unwrap();
    assert_eq!(records.pr_permit.unwrap().number.expose(), "DEMO-PR-000002");
    let nova = applicant(trimmed.as_ref(), "FRA", "N00000042").await;
    assert_eq!(nova.full_name.expose(), "Nova Rotated");
    // A process still holding only k1 cannot open them: every process needs the new file.
    let (nationality, passport) = (
        ALEX.nationality.parse().unwrap(),
        ALEX.passport.parse().unwrap(),
    );
    let stale = db.repo.applicant_by_passport(&nationality, &passport).await;
    assert!(
        matches!(stale, Err(StoreError::Sealed { .. })),
        "k2 values do not open with k1 alone"
    );
}

async fn connect(db: &TestDb, keys: DataKeys) -> Arc<dyn Repository> {
    visadesk_bot::store::connect(&db.url, Duration::from_secs(10), Arc::new(keys))
        .await
        .unwrap()
}
