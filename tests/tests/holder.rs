//! NIA functions 5 and 8 and linking another channel, on SQLite and PostgreSQL: the PR
//! holder's passport and its signed e-document (read back with `pdftotext` and `zbarimg`,
//! checked on the verify page and with an independent Ed25519 implementation), declaring a
//! new passport, a second channel linked by a one-time code, and relatives acting for each
//! other through revocable delegations, also from a family group chat.

use chrono::{Duration, Utc};
use fluent_bundle::FluentValue;
use std::sync::Arc;
use visadesk_bot::clock::TestClock;
use visadesk_bot::dialogue::{Engine, EngineConfig};
use visadesk_bot::documents::FONT_CANDIDATES;
use visadesk_bot::import::{self, Format, ImportKind};
use visadesk_bot::notify::schedule::{Job, run_job};
use visadesk_gateway::config::RawSettings;
use visadesk_tests::{
    ALEX, Chat, MEI, Proof, TestDb, applicant, beijing_date, both_backends, demo_engine, instants,
    run_tool, spawn_app, spawn_app_at,
};

both_backends!(
    e_document_is_verified_then_revoked_and_tampering_shows,
    a_new_passport_waits_for_the_office,
    another_chat_is_linked_with_a_one_time_code,
    a_relative_is_added_by_their_proof_and_removed,
    a_family_group_invitation_grants_and_is_withdrawn,
    an_adults_consent_is_asked_and_their_revocation_holds,
    an_elder_added_by_documents_is_told_on_linking_and_asked_after_revoking,
    dates_shown_are_beijing_dates_just_after_midnight_there,
    an_e_document_issued_just_after_midnight_in_beijing_carries_that_date,
);

/// An engine over the seeded database with the demo records and `relatives`: applicants
/// with a family residence permit, each by name and what proves them (its code a link code).
async fn engine(db: &TestDb, relatives: &[(&str, Proof<'_>)]) -> Arc<Engine> {
    let engine = demo_engine(db, EngineConfig::default(), visadesk_bot::clock::system()).await;
    if !relatives.is_empty() {
        let records: Vec<String> = relatives
            .iter()
            .map(|(name, who)| relative(name, *who))
            .collect();
        let json = format!("[{}]", records.join(","));
        db.repo
            .import(&import::parse(ImportKind::Applicants, Format::Json, &json).unwrap())
            .await
            .unwrap();
    }
    engine
}

fn temp_file(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("visadesk-holder-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Checks a raw Ed25519 signature with Python's `cryptography`, an implementation of its own,
/// and that the signed text is canonical JSON (sorted keys, no spaces, UTF-8) as Python's
/// own `json` writes it; `bad` when the signature does not match.
fn python_verifies(public_key_b64: &str, payload: &str, signature_b64: &str) -> bool {
    let script = "import base64,json,sys\n\
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey\n\
from cryptography.exceptions import InvalidSignature\n\
k=Ed25519PublicKey.from_public_bytes(base64.b64decode(sys.argv[1]))\n\
p=sys.argv[2]\n\
assert p==json.dumps(json.loads(p),sort_keys=True,separators=(',',':'),ensure_ascii=False), 'not canonical'\n\
try:\n    k.verify(base64.b64decode(sys.argv[3]), p.encode()); print('ok')\n\
except InvalidSignature:\n    print('bad')\n";
    let out = run_tool(
        "python3",
        &["-c", script, public_key_b64, payload, signature_b64],
        "python3-cryptography",
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "python3 with `cryptography` (pip install cryptography): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout.trim() == "ok"
}

fn flip_a_byte(signature_b64: &str) -> String {
    use base64::Engine as _;
    let engine = base64::engine::general_purpose::STANDARD;
    let mut raw = engine.decode(signature_b64).unwrap();
    raw[10] ^= 0x01;
    engine.encode(raw)
}

/// A Dutch PR holder imported with the passport they had then (`NL0000001`), since replaced
/// by `NL7654321`, which an office linked to the permit.
const NOOR: Proof<'static> = Proof::new("NLD", "NL0000001", "1990-04-01", "NOOR-LINK-0001");

async fn import_noor(db: &TestDb) {
    let json = r#"[{"full_name":"Noor van Dijk","nationality":"NLD","passport_no":"NL0000001",
        "birth_date":"1990-04-01",
        "pr_permit":{"number":"PR-NLD-000777","issued_on":"2025-06-01","expires_on":"2035-05-31","status":"valid"},
        "passports":[
            {"number":"NL0000001","nationality":"NLD","issued_on":"2014-03-01","expires_on":"2024-02-29"},
            {"number":"NL7654321","nationality":"NLD","issued_on":"2024-03-01","expires_on":"2034-02-28","linked_to_pr":true}],
        "link_codes":[{"code":"NOOR-LINK-0001","expires_at":"2099-01-01T00:00:00Z"}]}]"#;
    db.repo
        .import(&import::parse(ImportKind::Applicants, Format::Json, json).unwrap())
        .await
        .unwrap();
}

/// The birth-date check of the verify page, as a form post (`?format=json` for JSON).
async fn post_birth_date(
    app: &visadesk_tests::TestApp,
    url: &str,
    birth_date: &str,
) -> reqwest::Response {
    app.client
        .post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("birth_date={birth_date}"))
        .send()
        .await
        .unwrap()
}

fn pdf_tool(program: &str, args: &[&str]) -> String {
    let out = run_tool(program, args, "poppler-utils");
    assert!(
        out.status.success(),
        "{program}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// What a bank clerk holds: one A4 page in Russian and Chinese, the configured issuer, the
/// full values, a QR code with the verify URL; a title, a language, tags and a subset font
/// as poppler reads them.
fn check_the_pdf(pdf: &std::path::Path, url: &str, document_id: &str) {
    let bytes = std::fs::read(pdf).unwrap();
    let pdf_path = pdf.to_str().unwrap();
    let text = pdf_tool("pdftotext", &["-layout", pdf_path, "-"]);
    let issued = beijing_date(Utc::now()).to_string();
    for expected in [
        "Управление въезда и выезда Шанхая",
        "上海市出入境管理局",
        "Справка о привязке паспорта",
        "护照与永久居留身份证关联证明",
        "Noor van Dijk",
        "Нидерланды / 荷兰 (NLD)",
        "PR-NLD-000777",
        "2035-05-31",
        "NL7654321",
        "NL0000001",
        "Номер прежнего паспорта",
        "原护照号码",
        &issued,
        document_id,
        url,
    ] {
        assert!(text.contains(expected), "`{expected}` in the PDF: {text}");
    }
    assert!(!text.contains("country-"), "{text}");

    let info = pdf_tool("pdfinfo", &[pdf_path]);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}:")))
            .map(str::trim)
            .unwrap_or_else(|| panic!("{name} in {info}"))
            .to_string()
    };
    assert_eq!(
        field("Title"),
        "Справка о привязке паспорта к виду на постоянное жительство"
    );
    assert_eq!(field("Pages"), "1");
    assert!(field("Page size").contains("(A4)"), "{info}");
    assert_eq!(field("Tagged"), "yes");
    let structure = pdf_tool("pdfinfo", &["-struct-text", pdf_path]);
    for element in [
        "Document",
        "H1",
        "Table",
        "TR",
        "TH",
        "TD",
        "Figure",
        "NL7654321",
    ] {
        assert!(structure.contains(element), "{element} in {structure}");
    }
    // No claim of PDF/X (printpdf's default, which the page does not meet), and a language.
    let raw = String::from_utf8_lossy(&bytes);
    assert!(
        !raw.contains("GTS_PDFX") && !raw.contains("OutputIntent"),
        "PDF/X claimed"
    );
    assert!(
        raw.contains("/Lang(ru)") || raw.contains("/Lang (ru)"),
        "no /Lang"
    );

    // name  type  encoding  emb sub uni  object ID
    let fonts = pdf_tool("pdffonts", &[pdf_path]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        let name = columns[0];
        assert!(
            name.len() > 7
                && name.as_bytes()[6] == b'+'
                && name[..6].bytes().all(|b| b.is_ascii_uppercase()),
            "a subset tag: {fonts}"
        );
        assert_eq!(
            columns[columns.len() - 5..columns.len() - 2],
            ["yes", "yes", "yes"],
            "embedded, subset, with a ToUnicode map: {fonts}"
        );
    }

    // What a phone camera reads: the QR code holds the verify URL.
    let png = pdf.with_extension("");
    pdf_tool(
        "pdftoppm",
        &[
            "-r",
            "150",
            "-png",
            "-singlefile",
            pdf_path,
            png.to_str().unwrap(),
        ],
    );
    let png = png.with_extension("png");
    let scanned = run_tool(
        "zbarimg",
        &["--raw", "-q", png.to_str().unwrap()],
        "zbar-tools",
    );
    assert_eq!(String::from_utf8_lossy(&scanned.stdout).trim(), url);
}

async fn e_document_is_verified_then_revoked_and_tampering_shows(db: &TestDb) {
    assert!(
        FONT_CANDIDATES
            .iter()
            .any(|f| std::path::Path::new(f).exists()),
        "no font with Chinese for the PDF: install the Debian package fonts-wqy-microhei \
         (`bash deploy/local/test.sh` does it)"
    );
    let app = spawn_app(RawSettings {
        issuer_name: Some(
            "en=Shanghai Exit-Entry Administration;ru=Управление въезда и выезда Шанхая;\
             zh-CN=上海市出入境管理局"
                .into(),
        ),
        ..db.settings()
    })
    .await;
    import_noor(db).await;
    let mut noor = Chat::new(&app.app.engine, "telegram", "701", "701", "ru");
    noor.links_as("passport", NOOR).await;
    let text = noor.text();
    assert!(
        text.contains("NL7****21") && !text.contains("NL7654321"),
        "masked: {text}"
    );
    noor.presses("edoc").await;
    let reply = noor
        .replies
        .iter()
        .find(|r| r.document.is_some())
        .unwrap_or_else(|| panic!("a document: {}", noor.text()))
        .clone();
    let document = reply.document.unwrap();
    assert_eq!(document.content_type, "application/pdf");
    let url = reply
        .text
        .split_whitespace()
        .find(|w| w.starts_with("http"))
        .expect("the verify URL in the text")
        .to_string();
    assert!(url.starts_with(&app.url("/verify/")), "{url}");
    let id = url.rsplit('/').next().unwrap().to_string();
    let pdf = temp_file(&document.filename);
    std::fs::write(&pdf, &document.bytes).unwrap();
    check_the_pdf(&pdf, &url, &id);

    // Anyone with the link: the verdict and masked values, and a form for the birth date.
    let page = app.client.get(&url).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains("data-status=\"valid\""), "{page}");
    assert!(
        page.contains("Shanghai Exit-Entry Administration"),
        "{page}"
    );
    assert!(page.contains("data-values=\"masked\""), "{page}");
    assert!(
        page.contains("NL7****21") && page.contains("NL0****01"),
        "{page}"
    );
    for hidden in ["NL7654321", "NL0000001", "van Dijk", "PR-NLD-000777"] {
        assert!(!page.contains(hidden), "{hidden} is masked: {page}");
    }
    assert!(page.contains("name=\"birth_date\""), "{page}");
    let raw = visadesk_tests::json_answer(app.client.get(format!("{url}?format=json"))).await;
    assert_eq!(raw["status"], "valid");
    assert_eq!(raw["masked"]["passport"], "NL7****21");
    assert!(
        raw.get("payload").is_none(),
        "no full payload without the birth date: {raw}"
    );

    // A wrong birth date shows nothing more.
    let wrong = post_birth_date(&app, &url, "1990-04-02").await;
    assert_eq!(wrong.status(), 200);
    let wrong = wrong.text().await.unwrap();
    assert!(
        wrong.contains("data-values=\"masked\"") && !wrong.contains("NL7654321"),
        "{wrong}"
    );
    let wrong = post_birth_date(&app, &format!("{url}?format=json"), "1990-04-02").await;
    assert_eq!(wrong.status(), 403);
    let wrong: serde_json::Value = wrong.json().await.unwrap();
    assert!(wrong.get("payload").is_none(), "{wrong}");

    // The holder's birth date: every value in full, as printed.
    let full = post_birth_date(&app, &url, "1990-04-01").await;
    assert_eq!(full.headers()["cache-control"], "no-store");
    let full = full.text().await.unwrap();
    assert!(full.contains("data-values=\"full\""), "{full}");
    for shown in [
        "NL7654321",
        "NL0000001",
        "Noor van Dijk",
        "PR-NLD-000777",
        "2035-05-31",
    ] {
        assert!(full.contains(shown), "{shown} in full: {full}");
    }

    // The raw check, independent of the page: the signed payload is what the PDF prints.
    let raw = post_birth_date(&app, &format!("{url}?format=json"), "1990-04-01")
        .await
        .json::<serde_json::Value>()
        .await
        .unwrap();
    let key = app.get_json("/verify/key").await;
    let public_key = key["public_key_base64"].as_str().unwrap();
    let payload = raw["payload"].as_str().unwrap();
    let signature = raw["signature"].as_str().unwrap();
    let signed: serde_json::Value = serde_json::from_str(payload).unwrap();
    assert_eq!(signed["passport"], "NL7654321");
    assert_eq!(signed["previous_passport"], "NL0000001");
    assert_eq!(signed["holder"], "Noor van Dijk");
    assert_eq!(signed["pr_permit"], "PR-NLD-000777");
    assert_eq!(signed["document_id"], id.as_str());
    assert_eq!(signed["issuer"]["zh-CN"], "上海市出入境管理局");
    assert!(
        !payload.contains("1990-04-01"),
        "no birth date in the payload"
    );
    assert!(python_verifies(public_key, payload, signature));
    assert!(!python_verifies(
        public_key,
        payload,
        &flip_a_byte(signature)
    ));
    // One digit of the passport changed on a copy: the signature no longer holds.
    let forged = payload.replace("NL7654321", "NL7654921");
    assert!(!python_verifies(public_key, &forged, signature));
    let pdf_text = pdf_tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(
        pdf_text.replace('\n', "").contains(&signature[..40]),
        "the signature is printed"
    );

    // The holder revokes it: the page says so at once, and shows no full values any more.
    let revoke = noor.first_button("edoc-revoke:");
    noor.presses(&revoke).await;
    assert!(noor.has_button("revoke-yes"), "asks first: {}", noor.text());
    noor.presses("revoke-yes").await;
    noor.expect("passport-document-revoked");
    assert!(!noor.has_button(&revoke));
    let page = visadesk_tests::text_answer(app.client.get(&url)).await;
    assert!(page.contains("data-status=\"revoked\""), "{page}");
    let after = post_birth_date(&app, &url, "1990-04-01")
        .await
        .text()
        .await
        .unwrap();
    assert!(!after.contains("NL7654321"), "{after}");

    // Guessing birth dates stops after a few tries, even with the right one.
    noor.presses("edoc").await;
    let second = noor.first_button("edoc-revoke:")["edoc-revoke:".len()..].to_string();
    let second_url = app.url(&format!("/verify/{second}"));
    for day in 1..=10 {
        let guess = post_birth_date(&app, &second_url, &format!("1990-01-{day:02}")).await;
        assert_eq!(guess.status(), 200, "guess {day}");
    }
    let blocked = post_birth_date(&app, &second_url, "1990-04-01").await;
    assert_eq!(blocked.status(), 429);
    assert!(!blocked.text().await.unwrap().contains("NL7654321"));

    // A stored document whose signature was tampered with is not valid.
    let stored = app.get_json(&format!("/verify/{second}?format=json")).await;
    assert_eq!(stored["status"], "valid");
    // (the first document's signature, one byte flipped: it matches nothing)
    let flipped = flip_a_byte(signature);
    assert_eq!(
        db.execute(&format!(
            "UPDATE e_documents SET signature = '{flipped}' WHERE id = '{second}'"
        ))
        .await,
        1
    );
    let page = app.get_text(&format!("/verify/{second}")).await;
    assert!(page.contains("data-status=\"invalid\""), "{page}");
    assert!(
        !page.contains("NL7****21"),
        "nothing from a forged payload: {page}"
    );

    let unknown = app
        .get("/verify/00000000-0000-0000-0000-000000000000?lang=zh-CN")
        .await;
    assert_eq!(unknown.status(), 404);
    assert!(
        unknown
            .text()
            .await
            .unwrap()
            .contains("data-status=\"unknown\"")
    );

    // A holder writing in Chinese gets the page once, in Chinese; no previous passport: 无.
    let mut mei = Chat::new(&app.app.engine, "telegram", "702", "702", "zh-CN");
    mei.links_as("passport", MEI).await;
    mei.presses("edoc").await;
    let document = mei
        .replies
        .iter()
        .find_map(|r| r.document.clone())
        .unwrap_or_else(|| panic!("a document: {}", mei.text()));
    let pdf = temp_file(&document.filename);
    std::fs::write(&pdf, &document.bytes).unwrap();
    let pdf_path = pdf.to_str().unwrap();
    let text = pdf_tool("pdftotext", &["-layout", pdf_path, "-"]);
    for expected in [
        "上海市出入境管理局",
        "加拿大 (CAN)",
        "DEMO00002",
        "原护照号码",
    ] {
        assert!(text.contains(expected), "`{expected}` in the PDF: {text}");
    }
    assert!(
        text.lines().any(|l| l.trim_end().ends_with(" 无")),
        "{text}"
    );
    assert!(
        !text.contains("Справка") && !text.contains("Attestation"),
        "{text}"
    );
    let info = pdf_tool("pdfinfo", &[pdf_path]);
    assert!(info.contains("护照与永久居留身份证关联证明"), "{info}");

    let audit = db.repo.audit_log(50).await.unwrap();
    assert!(audit.iter().any(|a| a.action == "issue-e-document"));
    assert!(audit.iter().any(|a| a.action == "revoke-e-document"));
    assert!(
        audit
            .iter()
            .any(|a| a.action == "disclose-e-document" && a.outcome == "shown")
    );
    assert!(audit.iter().all(
        |a| !format!("{a:?}").contains("NL7654321") && !format!("{a:?}").contains("1990-04-01")
    ));
}

async fn a_new_passport_waits_for_the_office(db: &TestDb) {
    let engine = engine(db, &[]).await;
    let mut mei = Chat::new(&engine, "wechat", "o-mei", "o-mei", "zh-CN");
    mei.links_as("passport", MEI).await;
    assert!(mei.has_button("edoc") && mei.has_button("new-passport"));
    mei.presses("new-passport").await;
    mei.expect("booking-ask-nationality");
    mei.presses("nat:CAN").await;
    mei.says("not a passport!").await;
    mei.expect("booking-passport-invalid");
    mei.says("NEW123456").await;
    mei.says("2020-01-01").await;
    mei.expect("passport-expiry-invalid");
    mei.presses("back").await;
    mei.expect("passport-ask-new-number");
    mei.says("NEW123456").await;
    mei.says("2035-06-30").await;
    assert!(mei.text().contains("NEW****56"), "{}", mei.text());
    assert!(!mei.text().contains("NEW123456"));
    mei.presses("declare-yes").await;
    mei.expect("passport-declared");
    // Shown as declared, waiting; this engine has no signing key, so no document is issued.
    assert!(mei.text().contains("NEW****56"), "{}", mei.text());
    mei.presses("edoc").await;
    mei.expect("passport-document-unavailable");
    // Declaring a passport already on record is refused.
    mei.declares_passport("CAN", "DEMO00002", "2033-04-30")
        .await;
    mei.expect("passport-already-known");
    let holder = applicant(db.repo.as_ref(), MEI.nationality, MEI.passport).await;
    let records = db.repo.records_of(holder.id).await.unwrap();
    let pr_permit = records.pr_permit.expect("a PR permit");
    let pending = db.repo.holder_passports(pr_permit.id).await.unwrap();
    assert_eq!(
        pending
            .iter()
            .map(|p| (p.number.expose().to_string(), p.confirmed))
            .collect::<Vec<_>>(),
        vec![
            ("NEW123456".to_string(), false),
            ("DEMO00002".to_string(), true)
        ]
    );
    // The office records the new passport (an import, as the back-office would): confirmed.
    let office = r#"[{"full_name":"Mei Demo-Holder","nationality":"CAN","passport_no":"DEMO00002","birth_date":"1985-06-15",
        "pr_permit":{"number":"DEMO-PR-000002","issued_on":"2024-03-01","expires_on":"2034-02-28","status":"valid"},
        "passports":[{"number":"NEW123456","nationality":"CAN","issued_on":"2025-07-01","expires_on":"2035-06-30","linked_to_pr":true}]}]"#;
    db.repo
        .import(&import::parse(ImportKind::Applicants, Format::Json, office).unwrap())
        .await
        .unwrap();
    mei.opens("passport").await;
    let text = mei.text();
    assert!(
        text.contains("NEW****56") && !text.contains("等待出入境机关确认"),
        "confirmed, no longer waiting: {text}"
    );
    // Issue 19: she is told, in her language, with the number masked; once, however often
    // the office's record is imported again.
    assert_eq!(notices_to(db, &mei).await, ["passport_confirmed"]);
    let payload = payload_of(db, "passport_confirmed").await;
    assert!(!payload.contains("NEW123456"), "{payload}");
    let notice = visadesk_bot::notify::Notice::from_payload(&payload).unwrap();
    let texts = visadesk_bot::i18n::Localizer::embedded().unwrap();
    let told = visadesk_bot::notify::render(&texts, "zh-CN", &notice);
    assert_eq!(
        told[0].text,
        "办理机关已确认您申报的新护照 NEW****56，该护照现已与您的永久居留证关联。"
    );
    db.repo
        .import(&import::parse(ImportKind::Applicants, Format::Json, office).unwrap())
        .await
        .unwrap();
    assert_eq!(notices_to(db, &mei).await, ["passport_confirmed"]);
    // A linked person without a PR permit has no PR holder's passport.
    let mut alex = Chat::new(&engine, "telegram", "702", "702", "en");
    alex.opens_and_proves("passport", ALEX).await;
    alex.expect("passport-no-pr");
}

async fn another_chat_is_linked_with_a_one_time_code(db: &TestDb) {
    let engine = engine(db, &[]).await;
    let mut phone = Chat::new(&engine, "telegram", "801", "801", "en");
    phone.says("/start").await;
    phone.presses("settings").await;
    phone.presses("link-channel").await;
    phone.expect("code-channel-nothing");
    phone.opens("progress").await;
    phone.proves(ALEX).await;
    phone.expect("status-in-review");
    phone.opens("settings").await;
    phone.presses("link-channel").await;
    let code = phone.shown_code();

    let mut laptop = Chat::new(&engine, "web", "w801", "w801", "ru");
    laptop.says("/start").await;
    laptop.presses("progress").await;
    laptop.expect("identity-intro");
    laptop.presses("enter-code").await;
    laptop.expect("code-ask-channel");
    laptop.says("WRONG234").await;
    laptop.expect("code-invalid");
    laptop.says(&code.to_lowercase()).await;
    laptop.expect("code-channel-linked");
    laptop.presses("progress").await;
    laptop.expect("status-in-review");

    // One time only, also through a deep link.
    let mut third = Chat::new(&engine, "telegram", "803", "803", "en");
    third.says(&format!("/start link_{code}")).await;
    third.expect("code-invalid");
    // Never in a group: whoever reads the group could use it.
    let mut group = Chat::new(&engine, "telegram", "-801", "801", "en");
    group.says("/start").await;
    group.presses("settings").await;
    group.presses("link-channel").await;
    group.expect("records-private-only");
    assert!(db.audited("link-channel", "linked").await);
    assert!(db.audited("redeem-code", "failed").await);
}

/// The import record of a relative with a family residence permit who can be proven to be
/// with `who` (its code a link code).
fn relative(name: &str, who: Proof) -> String {
    let today = beijing_date(Utc::now());
    let Proof {
        nationality,
        passport,
        birth,
        code,
    } = who;
    format!(
        r#"{{"full_name":"{name}","nationality":"{nationality}","passport_no":"{passport}","birth_date":"{birth}",
            "permits":[{{"kind":"residence_permit","permit_type":"family","number":"RP-{passport}","issued_on":"{}","expires_on":"{}","entries":"multiple"}}],
            "link_codes":[{{"code":"{code}","expires_at":"2099-01-01T00:00:00Z"}}]}}"#,
        today - Duration::days(100),
        today + Duration::days(200)
    )
}

async fn a_relative_is_added_by_their_proof_and_removed(db: &TestDb) {
    let kid = Proof::new("DEU", "C12345678", "2015-05-05", "KID-LINK-0001");
    let engine = engine(db, &[("Kid Demo-Child", kid)]).await;
    // Not proven yet: first oneself.
    let mut alex = Chat::new(&engine, "telegram", "901", "901", "en");
    alex.says("/start").await;
    alex.presses("family").await;
    alex.expect("family-nobody");
    alex.presses("family-add").await;
    alex.expect("family-link-yourself-first");
    alex.proves(ALEX).await;
    alex.expect("identity-linked");
    alex.expect("family-prompt");
    alex.presses("family-add").await;
    alex.expect("family-add-intro");
    // The child's details with a wrong code: refused like any failed proof.
    alex.proves(kid.with_code("NOT-THE-CODE")).await;
    alex.expect("identity-failed");
    alex.proves(kid).await;
    alex.expect("family-added");
    assert!(alex.text().contains("Kid Demo-Child"), "{}", alex.text());
    let revoke = alex.first_button("drevoke:");
    // Booking for the child: one press fills the child's details from the record.
    alex.opens("book").await;
    alex.picks_first_slot().await;
    assert_eq!(
        alex.buttons_starting("for:").len(),
        2,
        "oneself and the child: {:?}",
        alex.buttons()
    );
    let kid = applicant(db.repo.as_ref(), kid.nationality, kid.passport).await;
    alex.presses(&format!("for:{}", kid.id)).await;
    alex.expect("booking-ask-phone");
    alex.says("+86 138 0013 8000").await;
    assert!(alex.text().contains("C12****78"), "{}", alex.text());
    alex.presses("confirm").await;
    assert!(
        alex.replies.iter().any(|r| r.document.is_some()),
        "confirmed with a calendar file: {}",
        alex.text()
    );
    let user = db.repo.chat_user("telegram", "901", "en").await.unwrap();
    let booked = db.repo.appointments_of(user.id, Utc::now()).await.unwrap();
    assert_eq!(booked.len(), 1);
    assert_eq!(booked[0].passport_no.expose(), "C12345678");
    alex.opens("permits").await;
    let text = alex.text();
    assert!(
        text.contains("Kid Demo-Child") && text.contains("RP-*******78"),
        "the relative's permit, masked: {text}"
    );
    assert!(!text.contains("RP-C12345678"));
    let audit = db.repo.audit_log(50).await.unwrap();
    assert!(db.audited("delegate", "granted").await);
    assert!(db.audited("disclose-permits", "shown_to_helper").await);
    assert!(audit.iter().any(|a| a.action == "act-for-booking"));
    // The helper ends it: the relative's records are gone at once.
    alex.opens("family").await;
    alex.presses(&revoke).await;
    alex.expect("family-revoked");
    alex.expect("family-nobody");
    alex.opens("permits").await;
    assert!(!alex.text().contains("Kid Demo-Child"), "{}", alex.text());
}

async fn a_family_group_invitation_grants_and_is_withdrawn(db: &TestDb) {
    let ivan = Proof::new("RUS", "G76543210", "1950-02-02", "GRANDPA-LINK-1");
    let engine = engine(db, &[("Ivan Demo-Grandpa", ivan)]).await;
    // Grandpa proves who he is in a private chat.
    let mut grandpa_private = Chat::new(&engine, "telegram", "1001", "1001", "ru");
    grandpa_private.links_as("permits", ivan).await;

    // In the family group: names are the members' own display names, records stay out.
    let mut anna = Chat::new(&engine, "telegram", "-5000", "1002", "ru");
    anna.name = Some("Анна".into());
    let mut grandpa = Chat::new(&engine, "telegram", "-5000", "1001", "ru");
    grandpa.name = Some("Дедушка".into());
    anna.says("/start").await;
    anna.presses("family").await;
    anna.expect("family-group-prompt");
    assert!(!anna.has_button("family-add"));
    anna.presses("family-invite").await;
    let code = anna.shown_code();
    anna.presses("family-accept").await;
    anna.says(&code).await;
    anna.expect("family-own-invitation");
    grandpa.says("/start").await;
    grandpa.presses("family").await;
    grandpa.presses("family-accept").await;
    grandpa.expect("code-ask-invitation");
    grandpa.says(&code).await;
    let told = grandpa.text();
    assert!(
        told.contains("Анна") && told.contains("Дедушка"),
        "the group is told who acts for whom: {told}"
    );
    assert!(
        !told.contains("Ivan") && !told.contains("G76") && !told.contains("RP-"),
        "{told}"
    );
    grandpa.opens("permits").await;
    grandpa.expect("records-private-only");

    // Anna, privately, sees grandpa's permit.
    let mut anna_private = Chat::new(&engine, "telegram", "1002", "1002", "ru");
    anna_private.says("/start").await;
    anna_private.presses("permits").await;
    assert!(
        anna_private.text().contains("Ivan Demo-Grandpa"),
        "{}",
        anna_private.text()
    );
    // Grandpa withdraws it privately; Anna has nothing left to see.
    grandpa_private.opens("family").await;
    assert!(
        grandpa_private.text().contains("Анна"),
        "{}",
        grandpa_private.text()
    );
    let withdraw = grandpa_private.first_button("drevoke:");
    grandpa_private.presses(&withdraw).await;
    grandpa_private.expect("family-revoked");
    anna_private.opens("permits").await;
    anna_private.expect("identity-intro");
    assert!(db.audited("delegate", "granted_by_invitation").await);
    assert!(db.audited("revoke-delegation", "revoked").await);
}

/// Kinds of the notices planned for the chat user talking in `chat`, oldest first.
async fn notices_to(db: &TestDb, chat: &Chat) -> Vec<String> {
    let user = db
        .repo
        .chat_user(&chat.channel, &chat.sender, "en")
        .await
        .unwrap();
    let mut rows = db.backoffice.outbox(None, 500).await.unwrap();
    rows.reverse();
    rows.into_iter()
        .filter(|r| r.chat_user_id == Some(user.id))
        .map(|r| r.kind)
        .collect()
}

/// The payload of the first notice of `kind` planned.
async fn payload_of(db: &TestDb, kind: &str) -> String {
    let rows = db.backoffice.outbox(None, 500).await.unwrap();
    let row = rows.into_iter().rev().find(|r| r.kind == kind);
    row.unwrap_or_else(|| panic!("no {kind} notice")).payload
}

/// Who may be added with their documents alone (docs/dialogue.md): a child under 18 or a
/// person of 65 or over.
fn add_without_consent() -> [(&'static str, FluentValue<'static>); 2] {
    [("child_under", 18.into()), ("elder_from", 65.into())]
}

/// Issue 15 item 6, as a family tried it: an adult relative is no longer added with their
/// documents alone but asked in their own chat; they are told of every grant and revocation;
/// what a helper booked for them is theirs; and after they revoke, the helper cannot add
/// them back, no longer sees or manages that appointment and no longer gets its reminders.
async fn an_adults_consent_is_asked_and_their_revocation_holds(db: &TestDb) {
    let engine = engine(db, &[]).await;
    // Alex (an adult) proves who he is in his own chat.
    let mut alex = Chat::new(&engine, "telegram", "2001", "2001", "en");
    alex.links_as("permits", ALEX).await;
    // His relative Mei has his passport, birth date and receipt: that is not his consent.
    let mut mei = Chat::new(&engine, "telegram", "2002", "2002", "en");
    mei.name = Some("Mei".into());
    mei.links_as("pr", MEI).await;
    mei.opens("family").await;
    mei.presses("family-add").await;
    mei.proves(ALEX).await;
    mei.expect_with("family-ask-consent", &add_without_consent());
    mei.opens("permits").await;
    assert!(!mei.text().contains("Alex"), "{}", mei.text());
    assert!(!db.audited("delegate", "granted").await);

    // She invites him; he accepts in his own chat and is told, in his chat, who acts for him.
    alex.accepts_help_from(&mut mei).await;
    assert!(alex.text().contains("Mei"), "{}", alex.text());
    assert_eq!(notices_to(db, &alex).await, ["delegation_granted"]);
    let granted = payload_of(db, "delegation_granted").await;
    assert!(
        granted.contains("Mei") && !granted.contains("DEMO0000"),
        "{granted}"
    );

    // She books for him; the appointment is his: in his list, with its buttons.
    mei.opens("book").await;
    mei.picks_first_slot().await;
    let record = applicant(db.repo.as_ref(), ALEX.nationality, ALEX.passport).await;
    mei.presses(&format!("for:{}", record.id)).await;
    mei.says("+86 138 0013 8000").await;
    mei.presses("confirm").await;
    mei.opens("appointments").await;
    let reschedule = mei.first_button("rs:");
    let cancel = mei.first_button("cx:");
    alex.opens("appointments").await;
    assert!(
        alex.has_button(&reschedule) && alex.has_button(&cancel),
        "his appointment, his to manage: {}",
        alex.text()
    );
    // While she acts for him, reminders go to both of them.
    let id: i64 = reschedule["rs:".len()..].parse().unwrap();
    let helper = db.repo.chat_user("telegram", "2002", "en").await.unwrap();
    let booked = db
        .repo
        .appointments_of(helper.id, Utc::now())
        .await
        .unwrap();
    let starts_at = booked.iter().find(|a| a.id == id).unwrap().slot.starts_at;
    let remind = |hours_before: i64| {
        run_job(
            Job::AppointmentReminders,
            db.backoffice.as_ref(),
            starts_at - Duration::hours(hours_before),
        )
    };
    remind(20).await.unwrap();
    let reminder = "appointment_reminder".to_string();
    assert!(notices_to(db, &alex).await.contains(&reminder));
    assert!(notices_to(db, &mei).await.contains(&reminder));

    // He revokes; she is told.
    alex.opens("family").await;
    let withdraw = alex.first_button("drevoke:");
    alex.presses(&withdraw).await;
    alex.expect("family-revoked");
    assert!(
        notices_to(db, &mei)
            .await
            .contains(&"help_ended".to_string())
    );
    let ended = payload_of(db, "help_ended").await;
    assert!(
        !ended.contains("DEMO00001") && !ended.contains("Alex"),
        "{ended}"
    );
    // She cannot add him back with his documents.
    mei.opens("family").await;
    mei.presses("family-add").await;
    mei.proves(ALEX).await;
    mei.expect_with("family-ask-consent", &add_without_consent());
    mei.opens("permits").await;
    assert!(!mei.text().contains("Alex"), "{}", mei.text());
    // His appointment is no longer hers to see or change; her old buttons are stale.
    mei.opens("appointments").await;
    mei.expect("appointments-none");
    mei.presses(&cancel).await;
    mei.expect("stale-button");
    mei.opens("appointments").await;
    mei.presses(&reschedule).await;
    mei.expect("stale-button");
    alex.opens("appointments").await;
    assert!(alex.has_button(&cancel), "{}", alex.text());
    // The two-hour reminder goes to him only.
    let hers = notices_to(db, &mei).await.len();
    remind(1).await.unwrap();
    assert_eq!(notices_to(db, &mei).await.len(), hers);
    let his = notices_to(db, &alex).await;
    assert_eq!(
        his.iter().filter(|k| **k == reminder).count(),
        2,
        "the 24-hour and the 2-hour reminder: {his:?}"
    );
}

/// An elder with no chat of their own may still be added with their documents; once they
/// link a chat of their own they are told who acts for them, and after they end it the
/// helper cannot add them back with their documents.
async fn an_elder_added_by_documents_is_told_on_linking_and_asked_after_revoking(db: &TestDb) {
    let ivan = Proof::new("RUS", "G76543210", "1950-02-02", "GRANDPA-LINK-1");
    let engine = engine(db, &[("Ivan Demo-Grandpa", ivan)]).await;
    // Two more one-time codes from the office: one for his own chat, one for a later try.
    for code in ["GRANDPA-LINK-2", "GRANDPA-LINK-3"] {
        let record = relative("Ivan Demo-Grandpa", ivan.with_code(code));
        let batch = import::parse(ImportKind::Applicants, Format::Json, &format!("[{record}]"));
        db.repo.import(&batch.unwrap()).await.unwrap();
    }
    let mut alex = Chat::new(&engine, "telegram", "3001", "3001", "en");
    alex.name = Some("Alex".into());
    alex.links_as("permits", ALEX).await;
    alex.opens("family").await;
    alex.presses("family-add").await;
    alex.proves(ivan).await;
    alex.expect("family-added");

    let mut grandpa = Chat::new(&engine, "telegram", "3002", "3002", "en");
    grandpa
        .links_as("permits", ivan.with_code("GRANDPA-LINK-2"))
        .await;
    grandpa.expect_with("family-already-acting", &[("helpers", "Alex".into())]);
    grandpa.opens("family").await;
    let withdraw = grandpa.first_button("drevoke:");
    grandpa.presses(&withdraw).await;
    grandpa.expect("family-revoked");
    // Even after his chat forgets him (so nobody could be asked there), ending it holds.
    grandpa.opens("settings").await;
    grandpa.presses("forget").await;
    grandpa.presses("forget-yes").await;
    let forgotten = db.repo.chat_user("telegram", "3002", "en").await.unwrap();
    assert!(
        db.repo
            .linked_applicants(forgotten.id)
            .await
            .unwrap()
            .is_empty()
    );

    alex.opens("family").await;
    alex.presses("family-add").await;
    alex.proves(ivan.with_code("GRANDPA-LINK-3")).await;
    alex.expect_with("family-ask-consent", &add_without_consent());
    alex.expect("family-nobody");
}

/// Issue 19: every date a person sees is the local one. At 23:30 UTC on 25 November it is
/// already Thursday 26 November in Beijing: a passport declared and a delegation granted
/// then say the 26th, not the UTC date.
async fn dates_shown_are_beijing_dates_just_after_midnight_there(db: &TestDb) {
    let clock = TestClock::starting_at(instants::utc_evening());
    let engine = demo_engine(db, EngineConfig::default(), clock).await;
    let mut alex = Chat::new(&engine, "telegram", "3001", "3001", "en");
    alex.links_as("permits", ALEX).await;
    let mut mei = Chat::new(&engine, "telegram", "3002", "3002", "en");
    mei.name = Some("Mei".into());
    mei.links_as("passport", MEI).await;
    mei.declares_passport("CAN", "NEW654321", "2035-06-30")
        .await;
    mei.expect("passport-declared");
    mei.opens("passport").await;
    assert!(
        mei.text().contains("declared on Thu 26 Nov 2026"),
        "{}",
        mei.text()
    );
    alex.accepts_help_from(&mut mei).await;
    alex.opens("family").await;
    assert!(
        alex.text().contains("Mei, since Thu 26 Nov 2026"),
        "{}",
        alex.text()
    );
}

/// Issue 19: the e-document's "issued" date is Beijing's: at 23:30 UTC on 25 November the
/// PDF says 26 November.
async fn an_e_document_issued_just_after_midnight_in_beijing_carries_that_date(db: &TestDb) {
    let clock = TestClock::starting_at(instants::utc_evening());
    let app = spawn_app_at(RawSettings { ..db.settings() }, clock).await;
    let mut mei = Chat::new(&app.app.engine, "telegram", "3101", "3101", "en");
    mei.links_as("passport", MEI).await;
    mei.presses("edoc").await;
    let document = mei
        .replies
        .iter()
        .find_map(|r| r.document.clone())
        .unwrap_or_else(|| panic!("a document: {}", mei.text()));
    let pdf = temp_file(&document.filename);
    std::fs::write(&pdf, &document.bytes).unwrap();
    let text = run_tool("pdftotext", &[pdf.to_str().unwrap(), "-"], "poppler-utils");
    let text = String::from_utf8_lossy(&text.stdout).to_string();
    // The page prints dates as the signed data holds them (ISO).
    assert!(
        text.contains("2026-11-26") && !text.contains("2026-11-25"),
        "{text}"
    );
    // Revoked at that same moment: the verify page says so with Beijing's date as well.
    let revoke = mei.first_button("edoc-revoke:");
    let id = revoke["edoc-revoke:".len()..].to_string();
    mei.presses(&revoke).await;
    mei.presses("revoke-yes").await;
    mei.expect("passport-document-revoked");
    let page = app.get_text(&format!("/verify/{id}?lang=en")).await;
    assert!(page.contains("Revoked on Thu 26 Nov 2026"), "{page}");
}
