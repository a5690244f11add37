//! The `visadesk` binary as an operator runs it: start-up on the embedded default, clear
//! one-line errors with exit code 2 for bad settings and unreachable databases, imports,
//! help, and the terminal chat.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn visadesk(dir: &PathBuf) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_visadesk"));
    cmd.current_dir(dir)
        .env_remove("DATABASE_URL")
        .env_remove("REDIS_URL")
        .env_remove("VISADESK_CONFIG")
        .env_remove("VISADESK_BIND")
        .env("VISADESK_DATA_DIR", dir.join("data"))
        .env("RUST_LOG", "warn");
    cmd
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("visadesk-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A plain HTTP/1.1 GET; returns (status, body).
fn get(port: u16, path: &str) -> Option<(u16, String)> {
    request(port, path, "")
}

/// A GET with extra header lines (each ending in CRLF); returns (status, body).
fn request(port: u16, path: &str, headers: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\n{headers}Connection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split_whitespace().nth(1)?.parse().ok()?;
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Some((status, body))
}

/// Asserts a start-up failure: exit code 2, one line on stderr naming `setting`, no panic.
fn assert_startup_error(output: &Output, setting: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "stderr: {stderr}");
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line expected, got: {stderr}");
    assert!(
        lines[0].starts_with("error: ") && lines[0].contains(setting),
        "{stderr}"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );
}

/// Runs `visadesk serve` in a fresh folder `name` with `env` (on a free port unless `env`
/// binds elsewhere) and asserts that start-up fails naming `setting`; returns the output.
fn assert_serve_refused(name: &str, env: &[(&str, &str)], setting: &str) -> Output {
    let output = visadesk(&temp_dir(name))
        .arg("serve")
        .env("VISADESK_BIND", format!("127.0.0.1:{}", free_port()))
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert_startup_error(&output, setting);
    output
}

/// The secret `visadesk token create` printed (its last line).
fn secret_printed(output: &Output) -> String {
    let stdout = String::from_utf8_lossy(&output.stdout);
    stdout.lines().last().unwrap_or_default().trim().to_string()
}

/// Opens the embedded SQLite database of `dir` directly (not through visadesk) and runs
/// `work` on it.
fn on_embedded_db<T>(
    dir: &std::path::Path,
    work: impl AsyncFnOnce(&mut sqlx::SqliteConnection) -> T,
) -> T {
    use sqlx::Connection;
    let url = format!("sqlite://{}", dir.join("data/visadesk.db").display());
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async {
            let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
            work(&mut conn).await
        })
}

/// A running `visadesk serve`, killed when dropped.
struct Server(Child);

impl Server {
    /// Starts `visadesk serve` with `args` on a free port and waits until it answers on
    /// `/healthz`; returns it with the port. Its log (at INFO) goes to `<dir>/serve.log`.
    fn start(dir: &PathBuf, args: &[&str]) -> (Server, u16) {
        let port = free_port();
        let log = std::fs::File::create(dir.join("serve.log")).unwrap();
        let child = visadesk(dir)
            .arg("serve")
            .args(args)
            .env("VISADESK_BIND", format!("127.0.0.1:{port}"))
            .env("RUST_LOG", "info")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap();
        let mut server = Server(child);
        let deadline = Instant::now() + Duration::from_secs(60);
        while get(port, "/healthz").is_none() {
            assert!(
                Instant::now() < deadline,
                "no answer on /healthz within 60 s"
            );
            assert!(server.0.try_wait().unwrap().is_none(), "serve exited early");
            std::thread::sleep(Duration::from_millis(100));
        }
        (server, port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_on_the_embedded_default_is_healthy_and_ready_then_stops_on_sigterm() {
    let dir = temp_dir("serve");
    let (mut server, port) = Server::start(&dir, &["--demo"]);
    assert_eq!(get(port, "/healthz").unwrap(), (200, "ok".to_string()));
    let (status, body) = get(port, "/readyz").unwrap();
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains(r#""database":"ok""#) && body.contains(r#""sessions":"ok""#),
        "{body}"
    );
    assert!(
        dir.join("data/visadesk.db").is_file(),
        "the SQLite file lives in the data directory"
    );
    visadesk_tests::send_signal(&server.0, "-TERM");
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = server.0.try_wait().unwrap() {
            assert!(status.success(), "graceful shutdown exits 0, got {status}");
            break;
        }
        assert!(Instant::now() < deadline, "serve did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The commit the sources are at, as git itself says (`unknown` without git), for the
/// version the binary reports.
fn git_commit() -> String {
    Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown".into())
}

#[test]
fn version_names_the_release_and_the_git_commit() {
    let dir = temp_dir("version");
    let output = visadesk(&dir).arg("--version").output().unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout.trim(),
        format!(
            "visadesk {} (commit {})",
            env!("CARGO_PKG_VERSION"),
            git_commit()
        )
    );
}

#[test]
fn start_up_logs_the_version_and_the_enabled_channels() {
    let dir = temp_dir("startup-log");
    let (server, _port) = Server::start(&dir, &[]);
    drop(server);
    let log = std::fs::read_to_string(dir.join("serve.log")).unwrap();
    let line = log
        .lines()
        .find(|l| l.contains("visadesk is serving"))
        .unwrap_or_else(|| panic!("no start-up line: {log}"));
    assert!(
        line.contains(&format!("version=\"{}\"", env!("CARGO_PKG_VERSION"))),
        "{line}"
    );
    assert!(
        line.contains(&format!("commit=\"{}\"", git_commit())),
        "{line}"
    );
    // Only the web chat runs without platform settings.
    assert!(line.contains("channels=\"web\""), "{line}");
}

#[test]
fn stopped_postgres_stops_start_up_with_exit_code_2() {
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    let url = "postgres://postgres:secret@127.0.0.1:1/visadesk";
    let output = assert_serve_refused("pg-down", &[("DATABASE_URL", url)], "DATABASE_URL");
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains("secret"),
        "the password is not printed"
    );
}

#[test]
fn wrong_postgres_database_stops_start_up_with_exit_code_2() {
    let dir = temp_dir("pg-wrong");
    let output = visadesk(&dir)
        .args(["migrate"])
        .env(
            "DATABASE_URL",
            "postgres://postgres@127.0.0.1:5432/visadesk_no_such_database",
        )
        .output()
        .unwrap();
    assert_startup_error(&output, "DATABASE_URL");
}

#[test]
fn bad_settings_name_themselves() {
    let dir = temp_dir("settings");
    let cases = [
        ("DATABASE_URL", "mysql://localhost/visadesk"),
        ("REDIS_URL", "not a url"),
        ("VISADESK_BIND", "everywhere"),
        ("VISADESK_PUBLIC_URL", "example.org"),
        ("VISADESK_SESSION_IDLE_MINUTES", "forever"),
        // The Kubernetes Secret template's placeholder is not a key file.
        ("VISADESK_DATA_KEYS", "CHANGE-ME"),
    ];
    for (setting, value) in cases {
        assert_serve_refused("settings", &[(setting, value)], setting);
    }
    let output = visadesk(&dir)
        .args(["--config", "/nonexistent/visadesk.toml", "serve"])
        .output()
        .unwrap();
    assert_startup_error(&output, "VISADESK_CONFIG");
    let placeholder = temp_dir("placeholder-keys").join("data-keys");
    std::fs::write(&placeholder, "CHANGE-ME").unwrap();
    let output = assert_serve_refused(
        "settings",
        &[("VISADESK_DATA_KEY_FILE", placeholder.to_str().unwrap())],
        "VISADESK_DATA_KEY_FILE",
    );
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains("CHANGE-ME"),
        "the key file's text is not printed"
    );
}

#[test]
fn port_in_use_stops_start_up_with_exit_code_2() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = taken.local_addr().unwrap().to_string();
    assert_serve_refused("port", &[("VISADESK_BIND", &address)], "VISADESK_BIND");
}

#[test]
fn unreachable_redis_stops_start_up_with_exit_code_2() {
    let redis = [("REDIS_URL", "redis://127.0.0.1:1")];
    assert_serve_refused("redis-down", &redis, "REDIS_URL");
}

#[test]
fn unusable_telegram_settings_stop_start_up_with_exit_code_2() {
    let bad_token = [("TELEGRAM_BOT_TOKEN", "not-a-token")];
    assert_serve_refused("telegram", &bad_token, "TELEGRAM_BOT_TOKEN");
    let unreachable = [
        ("TELEGRAM_BOT_TOKEN", "123456:ABC-def"),
        ("TELEGRAM_API_URL", "http://127.0.0.1:1"),
    ];
    assert_serve_refused("telegram", &unreachable, "TELEGRAM_API_URL");
}

#[test]
fn import_reports_line_and_field_and_is_idempotent() {
    let dir = temp_dir("import");
    // Writes the applicants file `name` with Bob born on `bob_born`, and imports it.
    let import = |name: &str, bob_born: &str| {
        let csv = format!(
            "full_name,nationality,passport_no,birth_date\nAnn Example,DEU,E12345678,1991-02-03\nBob Example,DEU,E87654321,{bob_born}\n"
        );
        std::fs::write(dir.join(name), csv).unwrap();
        let output = visadesk(&dir)
            .args(["import", "applicants", name])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).to_string();
        let stderr = String::from_utf8_lossy(&output.stderr).to_string();
        (output.status.code(), stdout, stderr)
    };
    let (code, _, stderr) = import("bad.csv", "1992-13-04");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("line 3, field `birth_date`"), "{stderr}");
    assert!(stderr.contains("nothing was imported"), "{stderr}");

    let (code, first, stderr) = import("good.csv", "1992-03-04");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        first.contains("2 inserted, 0 updated, 0 unchanged"),
        "{first}"
    );
    let (_, second, _) = import("good.csv", "1992-03-04");
    assert!(
        second.contains("0 inserted, 0 updated, 2 unchanged"),
        "{second}"
    );
    assert!(
        dir.join("data").is_dir() && !dir.join("data/signing-key.ed25519").exists(),
        "an administrative command creates no e-document signing key"
    );

    let output = visadesk(&dir)
        .args(["import", "planets", "good.csv"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(2),
        "clap rejects an unknown kind as a usage error"
    );
}

#[test]
fn every_subcommand_has_help() {
    let dir = temp_dir("help");
    for args in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["migrate", "--help"],
        vec!["import", "--help"],
        vec!["chat", "--help"],
        vec!["token", "--help"],
        vec!["token", "create", "--help"],
    ] {
        let output = visadesk(&dir).args(&args).output().unwrap();
        assert!(output.status.success(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&output.stdout).contains("Usage: visadesk"),
            "{args:?}"
        );
    }
}

fn message(locale: &str, key: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../locales/");
    for entry in std::fs::read_dir(format!("{dir}{locale}")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        if let Some(line) = text
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key} = ")))
        {
            return line.to_string();
        }
    }
    panic!("no {key} in {locale}");
}

#[test]
fn terminal_chat_books_by_numbers_and_labels_from_a_script() {
    let dir = temp_dir("chat");
    let mut child = visadesk(&dir)
        .args(["chat", "--locale", "ru-RU", "--as", "scripted"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Book: menu 1, first service, first city, first office, first day, first time,
    // then the details; "Германия" is a button label, the rest are numbers or text.
    let script = "1\n1\n1\n1\n1\n1\nAnna Example\nГермания\nE12345678\n+86 138 0013 8000\n1\n";
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains(&message("ru", "greeting")), "{stdout}");
    assert!(stdout.contains("  1. "), "buttons are numbered: {stdout}");
    assert!(
        stdout.contains("Вы записаны"),
        "booked in Russian: {stdout}"
    );
    assert!(
        stdout.contains("E12****78"),
        "masked in the summary: {stdout}"
    );
    let downloads: Vec<_> = std::fs::read_dir(dir.join("data/downloads"))
        .unwrap()
        .collect();
    assert_eq!(downloads.len(), 1, "the calendar file was saved");
    let ics = std::fs::read_to_string(downloads[0].as_ref().unwrap().path()).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(
        dir.join("data/signing-key.ed25519").is_file(),
        "talking to users creates the e-document signing key"
    );
}

/// "Download my data" and "Erase my data" in the terminal chat: the JSON copy is saved
/// like any document, and the erasure is confirmed first.
#[test]
fn terminal_chat_hands_over_and_erases_the_persons_data() {
    let dir = temp_dir("rights");
    let mut child = visadesk(&dir)
        .args(["chat", "--locale", "en", "--as", "scripted-rights"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Menu 10: settings; 6: download my data; 7: erase my data; 1: yes, erase.
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"10\n6\n7\n1\n")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let downloads: Vec<_> = std::fs::read_dir(dir.join("data/downloads"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    assert_eq!(downloads.len(), 1, "the copy was saved: {stdout}");
    let copy: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&downloads[0]).unwrap()).unwrap();
    assert_eq!(
        copy["channel_identities"][0],
        serde_json::json!({
            "channel": "terminal",
            "external_id": "scripted-rights",
            "locale": copy["channel_identities"][0]["locale"],
            "created_at": copy["channel_identities"][0]["created_at"],
        })
    );
    assert!(
        stdout.contains(message("en", "settings-erase-confirm").as_str()),
        "asked first: {stdout}"
    );
    assert!(
        stdout.contains(&message("en", "settings-erased")),
        "erased: {stdout}"
    );
}

/// A language visadesk does not speak is refused by name, with the ones it does speak,
/// instead of a silent fall back to English; a regional tag of a known one is fine.
#[test]
fn terminal_chat_refuses_an_unknown_language_and_lists_the_known_ones() {
    let dir = temp_dir("chat-locale");
    let output = visadesk(&dir)
        .args(["chat", "--locale", "xx", "--as", "unknown-language"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success(), "accepted: {stdout}");
    assert!(
        !stdout.contains(&message("en", "greeting")),
        "fell back to English: {stdout}"
    );
    assert!(stderr.contains("`xx`"), "names the language: {stderr}");
    let locales = concat!(env!("CARGO_MANIFEST_DIR"), "/../locales/");
    for entry in std::fs::read_dir(locales).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(stderr.contains(&name), "{name} is not listed: {stderr}");
    }

    let output = visadesk(&dir)
        .args(["chat", "--locale", "ko-KR", "--as", "korean"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains(&message("ko", "greeting")), "{stdout}");
}

/// A plain HTTP/1.1 GET with a bearer token; returns (status, body).
fn get_with_token(port: u16, path: &str, token: &str) -> Option<(u16, String)> {
    request(port, path, &format!("Authorization: Bearer {token}\r\n"))
}

#[test]
fn tokens_are_created_once_listed_without_secrets_used_and_revoked() {
    let dir = temp_dir("token");
    let create = |name: &str, scopes: &str, offices: Option<&str>| {
        let mut cmd = visadesk(&dir);
        cmd.args(["token", "create", "--name", name, "--scopes", scopes]);
        if let Some(o) = offices {
            cmd.args(["--offices", o]);
        }
        cmd.output().unwrap()
    };
    let output = create(
        "desk",
        "applications:write,audit:read",
        Some("beijing-andingmen"),
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let secret = secret_printed(&output);
    assert!(
        secret.starts_with("vdk_") && secret.len() == 68,
        "{output:?}"
    );

    let again = create("desk", "audit:read", None);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("exists"));
    let bad_scope = create("other", "everything", None);
    assert_eq!(bad_scope.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad_scope.stderr).contains("unknown scope 'everything'"));
    let bad_office = create("other", "audit:read", Some("atlantis"));
    assert_eq!(bad_office.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad_office.stderr).contains("unknown office 'atlantis'"));

    let list = visadesk(&dir).args(["token", "list"]).output().unwrap();
    let listed = String::from_utf8_lossy(&list.stdout);
    assert!(
        listed.contains("desk\tscopes=applications:write,audit:read\toffices=beijing-andingmen"),
        "{listed}"
    );
    assert!(listed.contains("active"), "{listed}");
    assert!(
        !listed.contains(&secret[4..]),
        "the secret is shown only once"
    );
    let db = std::fs::read(dir.join("data/visadesk.db")).unwrap();
    assert!(
        !String::from_utf8_lossy(&db).contains(&secret[4..]),
        "only the digest is stored"
    );

    // The running service accepts the token, and refuses it once revoked.
    let (_server, port) = Server::start(&dir, &[]);
    // Known but limited to one office: the audit log spans every office.
    let (status, body) = get_with_token(port, "/api/v1/admin/audit", &secret).unwrap();
    assert_eq!(status, 403, "{body}");
    let auditor = create("auditor", "audit:read", None);
    assert!(auditor.status.success());
    let auditor = secret_printed(&auditor);
    let (status, body) = get_with_token(port, "/api/v1/admin/audit", &auditor).unwrap();
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("token-create"), "{body}");
    let (status, _) = get_with_token(port, "/api/v1/admin/audit", "vdk_wrong").unwrap();
    assert_eq!(status, 401);
    for name in ["desk", "auditor"] {
        let revoke = visadesk(&dir)
            .args(["token", "revoke", "--name", name])
            .output()
            .unwrap();
        assert!(revoke.status.success());
    }
    let (status, _) = get_with_token(port, "/api/v1/admin/audit", &auditor).unwrap();
    assert_eq!(status, 401);
    let (status, _) = get_with_token(port, "/api/v1/admin/audit", &secret).unwrap();
    assert_eq!(status, 401);
    let list = visadesk(&dir).args(["token", "list"]).output().unwrap();
    assert!(String::from_utf8_lossy(&list.stdout).contains("revoked="));
    let again = visadesk(&dir)
        .args(["token", "revoke", "--name", "desk"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
}

/// Rows of a table in the embedded database of `dir`, read directly (not through visadesk).
fn count_rows(dir: &std::path::Path, table: &str) -> i64 {
    let sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"));
    on_embedded_db(dir, async |conn| {
        sqlx::query_scalar::<_, i64>(sql)
            .fetch_one(conn)
            .await
            .unwrap()
    })
}

/// Listing tokens only reads: it neither migrates a database nor fills the slot calendar,
/// and on a database that was never migrated it says what to run instead.
#[test]
fn token_list_only_reads() {
    let dir = temp_dir("token-list-reads");
    let list = visadesk(&dir).args(["token", "list"]).output().unwrap();
    assert_eq!(list.status.code(), Some(1), "{list:?}");
    let stderr = String::from_utf8_lossy(&list.stderr);
    assert!(stderr.contains("visadesk migrate"), "{stderr}");

    let migrate = visadesk(&dir).arg("migrate").output().unwrap();
    assert!(migrate.status.success(), "{migrate:?}");
    assert!(count_rows(&dir, "slots") > 0, "migrate fills the calendar");
    on_embedded_db(&dir, async |conn| {
        sqlx::query("DELETE FROM slots")
            .execute(conn)
            .await
            .unwrap();
    });
    let list = visadesk(&dir).args(["token", "list"]).output().unwrap();
    assert!(list.status.success(), "{list:?}");
    assert_eq!(
        count_rows(&dir, "slots"),
        0,
        "token list filled the calendar"
    );
}

/// The data keys as an operator handles them: created owner-only by the first command, then
/// rotated (values re-sealed with the new key, the old one kept as retired) and the retired
/// key removed; imported people are found by passport number after each step.
#[test]
fn data_keys_are_created_private_then_rotated_and_the_old_one_removed() {
    let dir = temp_dir("keys");
    let run = |args: &[&str]| {
        let output = visadesk(&dir).args(args).output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).to_string();
        let stderr = String::from_utf8_lossy(&output.stderr).to_string();
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stdout}{stderr}");
        stdout
    };
    std::fs::write(
        dir.join("people.csv"),
        "full_name,nationality,passport_no,birth_date\nAnn Example,DEU,E12345678,1991-02-03\n",
    )
    .unwrap();
    run(&["import", "applicants", "people.csv"]);
    let file = dir.join("data/data-keys");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "owner-only");
    }
    let stored = |column: &'static str| {
        on_embedded_db(&dir, async |conn| {
            sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(format!(
                "SELECT {column} FROM applicants"
            )))
            .fetch_one(conn)
            .await
            .unwrap()
        })
    };
    assert!(stored("passport_no").starts_with("v1:k1:"));

    let rotated = run(&["keys", "rotate"]);
    assert!(rotated.contains("key k2 is active"), "{rotated}");
    let keys = std::fs::read_to_string(&file).unwrap();
    assert!(keys.contains(" k1 ") && keys.contains(" retired"), "{keys}");
    assert!(stored("passport_no").starts_with("v1:k2:"));
    assert!(stored("full_name").starts_with("v1:k2:"));

    let removed = run(&["keys", "remove-retired"]);
    assert!(removed.contains("removed retired keys: k1"), "{removed}");
    let keys = std::fs::read_to_string(&file).unwrap();
    assert!(!keys.contains(" k1 ") && keys.contains(" k2 "), "{keys}");
    // Still read with the remaining key: a second import finds Ann unchanged.
    let again = run(&["import", "applicants", "people.csv"]);
    assert!(
        again.contains("0 inserted, 0 updated, 1 unchanged"),
        "{again}"
    );
}
