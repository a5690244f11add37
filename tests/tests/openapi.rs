//! The OpenAPI document at `/api/v1/openapi.json` covers the back-office API and the generic
//! webhook, is a valid OpenAPI document (`openapi-spec-validator`, an independent validator),
//! and the running service (on PostgreSQL, with a token holding every scope) keeps to it:
//! `schemathesis --checks all` generates requests from the document (the generic webhook's
//! signed, `tests/schemathesis_hooks.py`) and finds no 5xx, no response outside it, no
//! valid request refused and no invalid one accepted (`tests/schemathesis.toml` names the
//! few rules the document can only describe).

use visadesk_bot::store::backoffice::SCOPES;
use visadesk_gateway::config::RawSettings;
use visadesk_tests::{TestDb, spawn_app};

const START_SCHEMATHESIS: &str = "install schemathesis (`python3 -m pip install schemathesis`; \
     `bash deploy/local/test.sh` does it)";

const GENERIC_SECRET: &str = "generic-secret-0123456789";

const START_VALIDATOR: &str = "install openapi-spec-validator (`python3 -m pip install \
     openapi-spec-validator`; `bash deploy/local/test.sh` does it)";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_served_openapi_document_is_valid() {
    let db = TestDb::postgres().await;
    let app = spawn_app(db.settings()).await;
    let document = app.get_json("/api/v1/openapi.json").await;
    let file = std::env::temp_dir().join(format!("visadesk-openapi-{}.json", uuid::Uuid::new_v4()));
    std::fs::write(&file, document.to_string()).unwrap();
    let output = tokio::process::Command::new("python3")
        .args(["-m", "openapi_spec_validator", "--validation-errors", "all"])
        .arg(&file)
        .output()
        .await
        .unwrap_or_else(|e| panic!("cannot run python3: {e}; {START_VALIDATOR}"));
    std::fs::remove_file(&file).ok();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("No module named"),
        "{stderr}\n{START_VALIDATOR}"
    );
    assert!(
        output.status.success() && stdout.contains("OK"),
        "openapi-spec-validator finds errors in the served document:\n{stdout}\n{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_keeps_to_its_openapi_document() {
    let db = TestDb::postgres().await;
    let app = spawn_app(RawSettings {
        generic_secret: Some(GENERIC_SECRET.into()),
        ..db.settings()
    })
    .await;
    let document = app.get_json("/api/v1/openapi.json").await;
    assert!(document["openapi"].as_str().unwrap().starts_with("3."));
    let paths = document["paths"].as_object().unwrap();
    for path in [
        "/api/v1/admin/applications/{receipt}/status",
        "/api/v1/admin/offices/{office}/closures",
        "/api/v1/admin/outbox",
        "/api/v1/admin/import/{kind}",
        "/api/v1/channels/generic/messages",
    ] {
        assert!(paths.contains_key(path), "{path} is documented");
    }

    let secret = app.token("schemathesis", SCOPES, None).await;
    let output = tokio::process::Command::new("python3")
        .args(["-m", "schemathesis.cli", "--config-file"])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/schemathesis.toml"))
        .arg("run")
        .arg(app.url("/api/v1/openapi.json"))
        .args(["--header", &format!("Authorization: Bearer {secret}")])
        // Signs the generic webhook's requests (tests/schemathesis_hooks.py).
        .env("PYTHONPATH", env!("CARGO_MANIFEST_DIR"))
        .env("SCHEMATHESIS_HOOKS", "schemathesis_hooks")
        .env("VISADESK_GENERIC_SECRET", GENERIC_SECRET)
        .args([
            "--checks",
            "all",
            "--phases",
            "examples,coverage,fuzzing",
            "--max-examples",
            "25",
            "--seed",
            "20261125",
            "--generation-database",
            "none",
            "--workers",
            "1",
            "--no-color",
            "--suppress-health-check",
            "filter_too_much",
        ])
        .output()
        .await
        .unwrap_or_else(|e| panic!("cannot run python3: {e}; {START_SCHEMATHESIS}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(
        !stderr.contains("No module named"),
        "{stderr}\n{START_SCHEMATHESIS}"
    );
    assert!(
        output.status.success(),
        "schemathesis found problems:\n{stdout}\n{stderr}"
    );
}
