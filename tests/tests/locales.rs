//! Every locale carries the same messages, each formats cleanly, and every service and
//! document code of the seed has its name in every language.

use std::collections::BTreeSet;
use visadesk_bot::i18n::Localizer;
use visadesk_bot::seed;
use visadesk_tests::TestDb;

const REQUIRED_LOCALES: &[&str] = &["en", "ru", "zh-CN"];

#[test]
fn all_locales_have_the_same_keys() {
    let texts = Localizer::embedded().expect("locale files parse");
    for locale in REQUIRED_LOCALES {
        assert!(
            texts.locales().iter().any(|l| l == locale),
            "{locale} is missing"
        );
    }
    let reference: BTreeSet<String> = texts.keys("en").into_iter().collect();
    assert!(!reference.is_empty());
    for locale in texts.locales() {
        let keys: BTreeSet<String> = texts.keys(locale).into_iter().collect();
        let missing: Vec<_> = reference.difference(&keys).collect();
        let extra: Vec<_> = keys.difference(&reference).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{locale}: missing {missing:?}, extra {extra:?}"
        );
        for key in &keys {
            let text = texts.text(locale, key, &[]);
            assert!(
                !text.trim().is_empty() && text != *key,
                "{locale}/{key} is empty"
            );
        }
    }
}

#[test]
fn each_language_names_itself_differently() {
    let texts = Localizer::embedded().unwrap();
    let names: BTreeSet<String> = texts
        .locales()
        .iter()
        .map(|l| texts.text(l, "language-name", &[]))
        .collect();
    assert_eq!(names.len(), texts.locales().len());
}

#[tokio::test]
async fn every_seeded_service_and_document_has_a_name_in_every_language() {
    let db = TestDb::sqlite().await;
    seed::load(db.repo.as_ref(), seed::REFERENCE).await.unwrap();
    let texts = Localizer::embedded().unwrap();
    for service in db.repo.services().await.unwrap() {
        let mut keys = vec![
            format!("service-{}", service.code),
            format!("service-{}-who", service.code),
        ];
        keys.extend(
            service
                .documents
                .iter()
                .map(|d| format!("document-{}", d.code)),
        );
        keys.extend(service.fee_note_key.clone());
        for locale in texts.locales() {
            for key in &keys {
                assert!(texts.has(locale, key), "{locale} lacks {key}");
            }
        }
    }
}
