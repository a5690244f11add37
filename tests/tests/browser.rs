//! The web chat in a real headless Chromium: book by clicking, download the `.ics`, save a
//! screenshot under `target/`. Needs Debian's `chromium` and `chromium-driver` and Python's
//! `selenium`, which `deploy/local/test.sh` installs.

use std::process::Command;
use visadesk_gateway::config::RawSettings;
use visadesk_tests::spawn_sqlite_app;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn booking_by_clicking_in_chromium() {
    for (what, path) in [
        ("chromium", "/usr/bin/chromium"),
        ("chromium-driver", "/usr/bin/chromedriver"),
    ] {
        assert!(
            std::path::Path::new(path).exists(),
            "{path} is missing: install Debian's {what} (`bash deploy/local/test.sh` does)"
        );
    }
    let (_db, app) = spawn_sqlite_app(RawSettings::default()).await;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let downloads = std::env::temp_dir().join(format!("visadesk-downloads-{}", std::process::id()));
    std::fs::create_dir_all(&downloads).unwrap();
    let screenshot = root.join("target/webchat-booking.png");
    let script = root.join("tests/browser/book_in_webchat.py");
    let base = app.url("");
    let output = tokio::task::spawn_blocking(move || {
        Command::new("python3")
            .arg(script)
            .arg(base)
            .arg(&downloads)
            .arg(&screenshot)
            .output()
            .expect("python3 runs")
    })
    .await
    .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the browser run failed (selenium missing? `bash deploy/local/test.sh` installs it):\n{stderr}"
    );
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let ics = result["ics"].as_str().unwrap();
    assert!(
        ics.contains("BEGIN:VEVENT") && ics.contains("TZID=Asia/Shanghai"),
        "{ics}"
    );
    let confirmation = result["confirmation"].as_str().unwrap();
    let code = ics
        .lines()
        .find_map(|l| l.strip_prefix("UID:"))
        .unwrap()
        .trim_end_matches("@visadesk");
    assert!(
        confirmation.contains(code),
        "the page shows the code {code}: {confirmation}"
    );
    assert!(
        root.join("target/webchat-booking.png")
            .metadata()
            .unwrap()
            .len()
            > 10_000,
        "a real screenshot"
    );
}
