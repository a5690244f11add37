//! Every locale carries the same messages; each formats without error in every language with
//! the arguments the code passes (those of the English message); every key the code names
//! exists; every service and document code of the seed has its name in every language. An
//! independent parser (Python's `fluent.syntax`) reads every file, and counted things take
//! the variant CLDR's plural rules (babel's) give each count, as the engine's bundle renders
//! them. A new folder under `locales/` is checked by every test here without editing them.

use std::collections::BTreeSet;
use std::path::Path;
use visadesk_bot::domain::Nationality;
use visadesk_bot::i18n::Localizer;
use visadesk_bot::seed;
use visadesk_tests::TestDb;

const REQUIRED_LOCALES: &[&str] = &["ar", "en", "es", "fr", "ja", "ko", "ru", "vi", "zh-CN"];

/// Literals that look like keys of a known family but are button ids.
const NOT_KEYS: &[&str] = &["edoc-revoke"];

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
    assert!(reference.len() > 100, "{} keys", reference.len());
    for locale in texts.locales() {
        let keys: BTreeSet<String> = texts.keys(locale).into_iter().collect();
        let missing: Vec<_> = reference.difference(&keys).collect();
        let extra: Vec<_> = keys.difference(&reference).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{locale}: missing {missing:?}, extra {extra:?}"
        );
    }
}

/// Every nationality code the service accepts (on import, typed in the chat) has a name in
/// every language, so no screen, verify page or PDF prints `country-NLD`. The codes are found
/// by asking `Nationality` about every three-letter string, not from the generated list.
#[test]
fn every_accepted_nationality_is_named_in_every_locale() {
    let texts = Localizer::embedded().unwrap();
    let letters = b'A'..=b'Z';
    let accepted: Vec<String> = letters
        .clone()
        .flat_map(|a| {
            let letters = letters.clone();
            letters.clone().flat_map(move |b| {
                letters
                    .clone()
                    .map(move |c| String::from_utf8(vec![a, b, c]).unwrap())
            })
        })
        .filter(|code| code.parse::<Nationality>().is_ok())
        .collect();
    // ISO 3166-1 has 249 alpha-3 codes; ICAO Doc 9303 adds XXA, XXB, XXC and XXX.
    assert_eq!(accepted.len(), 249 + 4, "accepted: {}", accepted.len());
    for code in ["NLD", "CHN", "HKG", "TWN", "SSD", "XXA", "XXX"] {
        assert!(accepted.iter().any(|c| c == code), "{code} is accepted");
    }
    for locale in REQUIRED_LOCALES {
        let keys: BTreeSet<String> = texts.keys(locale).into_iter().collect();
        let unnamed: Vec<&String> = accepted
            .iter()
            .filter(|code| !keys.contains(&format!("country-{code}")))
            .collect();
        assert!(unnamed.is_empty(), "{locale}: no name for {unnamed:?}");
        for code in &accepted {
            let name = texts.text(locale, &format!("country-{code}"), &[]);
            assert!(
                !name.is_empty() && !name.contains("country-"),
                "{locale} {code}: {name}"
            );
        }
    }
    assert_eq!(texts.text("en", "country-NLD", &[]), "Netherlands");
    assert_eq!(texts.text("ru", "country-NLD", &[]), "Нидерланды");
    assert_eq!(texts.text("zh-CN", "country-NLD", &[]), "荷兰");
}

/// The country names are generated, not typed: the committed files are exactly what
/// `scripts/countries.py` writes from ISO 3166-1 (pycountry) and CLDR (babel), at the
/// versions `deploy/local/test.sh` installs.
#[test]
fn country_names_are_what_the_generator_writes() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/countries.py");
    let out = visadesk_tests::run_tool(
        "python3",
        &[script.to_str().unwrap(), "--check"],
        "python3 (and `pip install pycountry==26.2.16 babel==2.18.0`)",
    );
    assert!(
        out.status.success(),
        "scripts/countries.py --check (needs `pip install pycountry==26.2.16 babel==2.18.0`; \
         `bash deploy/local/test.sh` installs them): {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_message_formats_with_the_arguments_the_code_passes() {
    let texts = Localizer::embedded().unwrap();
    for key in texts.keys("en") {
        let variables = texts.variables("en", &key);
        for locale in texts.locales() {
            let extra: Vec<_> = texts
                .variables(locale, &key)
                .difference(&variables)
                .cloned()
                .collect();
            assert!(
                extra.is_empty(),
                "{locale}/{key} uses {extra:?}, which the English text (and so the code) does not pass"
            );
            // Numbers are the strictest argument (plural selectors); try a few.
            for n in [1i64, 2, 5, 21] {
                let args: Vec<(&str, fluent_bundle::FluentValue<'_>)> =
                    variables.iter().map(|v| (v.as_str(), n.into())).collect();
                let text = texts
                    .try_text(locale, &key, &args)
                    .unwrap_or_else(|e| panic!("{e}"));
                assert!(!text.trim().is_empty(), "{locale}/{key} is empty");
            }
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

/// String literals of a Rust source file (no escapes inside key-like literals).
fn literals(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find('"') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('"') else { break };
        out.push(after[..end].to_string());
        rest = &after[end + 1..];
    }
    out
}

#[test]
fn every_key_named_in_the_code_exists() {
    let texts = Localizer::embedded().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    let mut dirs = vec![root.join("bot/src/dialogue"), root.join("gateway/src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    // Only literals of a family the locales use (`booking-…`, `menu-…`) are keys; header names
    // and button ids (`x-visadesk-signature`, `book-here`) are not.
    let families: BTreeSet<String> = texts
        .keys("en")
        .iter()
        .filter_map(|k| k.split('-').next())
        .map(str::to_string)
        .collect();
    let mut checked = 0;
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        // A unit-test module's literals are sample values (settings, ids), never shown to a
        // user.
        let code = source.split("#[cfg(test)]").next().unwrap_or_default();
        for literal in literals(code) {
            let key_like = literal.contains('-')
                && literal
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !literal.starts_with('-')
                && !literal.ends_with('-');
            let family = literal.split('-').next().unwrap_or_default();
            if !key_like || !families.contains(family) || NOT_KEYS.contains(&literal.as_str()) {
                continue;
            }
            for locale in texts.locales() {
                assert!(
                    texts.has(locale, &literal),
                    "{}: `{literal}` is not in {locale}",
                    file.display()
                );
            }
            checked += 1;
        }
    }
    assert!(
        checked > 80,
        "only {checked} keys found: is the scan still looking at the right files?"
    );
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

#[test]
fn dates_times_and_money_follow_the_locale() {
    use chrono::{NaiveDate, TimeZone, Utc};
    let texts = Localizer::embedded().unwrap();
    let at = Utc.with_ymd_and_hms(2026, 12, 3, 1, 30, 0).unwrap();
    let zone = chrono_tz::Asia::Shanghai;
    assert_eq!(
        texts.date_time("zh-CN", at, zone),
        "2026年12月3日（周四） 09:30"
    );
    assert_eq!(texts.date_time("en", at, zone), "Thu 3 Dec 2026, 09:30");
    assert_eq!(texts.date_time("ru", at, zone), "чт, 3 дек. 2026, 09:30");
    for (locale, expected) in [
        ("ko", "2026년 12월 3일 (목) 09:30"),
        ("ja", "2026年12月3日（木） 09:30"),
        ("fr", "jeu. 3 déc. 2026, 09:30"),
        ("es", "jue, 3 dic 2026, 09:30"),
        ("ar", "الخميس، 3 ديسمبر 2026، 09:30"),
        ("vi", "Th 5, 3/12/2026, 09:30"),
    ] {
        assert_eq!(texts.date_time(locale, at, zone), expected, "{locale}");
    }
    assert_eq!(
        texts.date("en", NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()),
        "Fri 1 Jan 2027"
    );
    assert_eq!(texts.money("zh-CN", 40000), "¥400");
    assert_eq!(texts.money("en", 16050), "¥160.50");
}

/// Counted things agree with their number: "1 day", "2 days"; in Russian "1 день", "2 дня",
/// "5 дней" (CLDR plural rules, as Fluent applies them).
#[test]
fn counts_agree_with_their_number() {
    let texts = Localizer::embedded().unwrap();
    let say =
        |locale: &str, key: &str, name: &str, n: i64| texts.text(locale, key, &[(name, n.into())]);
    for (locale, key, name, n, expected) in [
        ("en", "permit-expiring-soon", "days", 1, "Expires in 1 day:"),
        (
            "en",
            "permit-expiring-soon",
            "days",
            3,
            "Expires in 3 days:",
        ),
        ("en", "permit-stay", "days", 1, "1 day"),
        (
            "en",
            "booking-limit-user",
            "limit",
            1,
            "have an active appointment for",
        ),
        (
            "en",
            "booking-limit-user",
            "limit",
            2,
            "have 2 active appointments for",
        ),
        ("ru", "permit-expiring-soon", "days", 1, "через 1 день:"),
        ("ru", "permit-stay", "days", 2, "2 дня"),
        ("ru", "permit-stay", "days", 5, "5 дней"),
    ] {
        let text = say(locale, key, name, n);
        assert!(text.contains(expected), "{locale} {key} {n}: {text}");
    }
    assert!(!say("en", "permit-stay", "days", 1).contains("1 days"));
}

const INSTALL_CHECKER: &str = "the locale check needs Python's fluent.syntax and babel \
     (`python3 -m pip install fluent.syntax babel`; `bash deploy/local/test.sh` does it)";

/// What `check_locales.py` expects one plural-selecting message to render for one count.
#[derive(serde::Deserialize)]
struct Expected {
    locale: String,
    key: String,
    variables: Vec<String>,
    count: i64,
    category: String,
    expected: String,
}

/// `tests/locales/check_locales.py` parses every `.ftl` with `fluent.syntax` and fails on
/// Junk, on a file, message or variable one locale has and another lacks, and on plural
/// categories other than CLDR's; it prints, for the counts 0, 1, 2, 3, 5, 11, 21, 101, the
/// variant CLDR selects in each plural-selecting message, which the engine's bundle must
/// render too.
#[test]
fn an_independent_parser_and_cldr_agree_with_every_locale() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let output = std::process::Command::new("python3")
        .arg("tests/locales/check_locales.py")
        .arg("locales")
        .current_dir(&root)
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3: {e}; {INSTALL_CHECKER}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("ModuleNotFoundError"),
        "{INSTALL_CHECKER}: {stderr}"
    );
    assert!(
        output.status.success(),
        "the locales do not check:\n{stderr}"
    );
    let texts = Localizer::embedded().unwrap();
    let mut checked = BTreeSet::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let case: Expected = serde_json::from_str(line).expect("the checker prints JSON lines");
        let args: Vec<(&str, fluent_bundle::FluentValue<'_>)> = case
            .variables
            .iter()
            .map(|v| (v.as_str(), case.count.into()))
            .collect();
        let text = texts
            .try_text(&case.locale, &case.key, &args)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            text, case.expected,
            "{}/{} for {} (CLDR: {})",
            case.locale, case.key, case.count, case.category
        );
        checked.insert(case.locale);
    }
    // Languages with more than one plural form select in their counted messages.
    for locale in ["en", "ru", "fr", "es", "ar"] {
        assert!(
            checked.contains(locale),
            "no plural of {locale} was checked"
        );
    }
}
