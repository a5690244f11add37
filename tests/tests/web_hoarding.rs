//! Booking out an office-day from the web chat (issue 15, item 2), performed over HTTP as a
//! script would: many cookie-less sessions from one address, each trying to book a place on
//! the same office-day. Three defences each stand on their own: the per-client rate limit, a
//! cap of bookings per client address and office-day (which holds however generous the rate
//! limit is), and a proof of work the browser solves before an anonymous booking is
//! confirmed. A browser on another address still books.

use visadesk_gateway::config::RawSettings;
use visadesk_tests::webchat_user::WebChatUser;
use visadesk_tests::{TestApp, TestDb, spawn_sqlite_app};

/// The most places one address may take in the test's minute: the per-client budget (30
/// messages a minute by default) covers two whole bookings of twelve messages each.
const MOST_PER_ADDRESS: usize = 3;

/// Bookings one client address may make per office-day by default.
const ADDRESS_CAP: usize = 4;

/// The service behind a trusted proxy on 127.0.0.1 (all test traffic comes from there).
async fn behind_proxy() -> (TestDb, TestApp) {
    spawn_sqlite_app(RawSettings {
        trusted_proxies: Some("127.0.0.1".into()),
        ..RawSettings::default()
    })
    .await
}

/// The same, with a rate limit too generous to stop anything and a light proof of work (the
/// test's debug build hashes slowly; the work is not what this measures): only the cap is left.
async fn behind_proxy_without_rate_limit() -> (TestDb, TestApp) {
    spawn_sqlite_app(RawSettings {
        trusted_proxies: Some("127.0.0.1".into()),
        web_rate_per_minute: Some(100_000),
        web_proof_of_work_bits: Some(8),
        ..RawSettings::default()
    })
    .await
}

/// One scripted booking on the last offered office-day (a whole working day ahead, with every
/// place still free: the first offered day may be today, nearly over in the office's
/// afternoon, so that the script's places would spread over two office-days); `true` if it
/// was confirmed. The script stops at the first answer that is not a 200 (a 429), as a
/// script would.
async fn books(browser: &mut WebChatUser<'_>, passport: &str) -> bool {
    use serde_json::json;
    let mut steps = vec![
        json!({ "command": "start", "locale": "en" }),
        json!({ "button": "book" }),
    ];
    steps.reverse();
    while let Some(step) = steps.pop() {
        if browser.tries(step).await.status != 200 {
            return false;
        }
    }
    for prefix in ["svc:", "city:", "office:", "day:", "slot:"] {
        let mut offered = browser
            .last
            .buttons()
            .into_iter()
            .filter(|b| b.starts_with(prefix));
        let chosen = if prefix == "day:" {
            offered.next_back()
        } else {
            offered.next()
        };
        let Some(id) = chosen else {
            return false;
        };
        if browser.tries(json!({ "button": id })).await.status != 200 {
            return false;
        }
    }
    for step in [
        json!({ "text": "Anna Example" }),
        json!({ "button": "nat:DEU" }),
        json!({ "text": passport }),
        json!({ "text": "+86 138 0013 8000" }),
        json!({ "button": "confirm" }),
    ] {
        if browser.tries(step).await.status != 200 {
            return false;
        }
    }
    browser.last.document().is_some()
}

/// `sessions` cookie-less sessions, each naming itself by `address(i)` in `X-Forwarded-For`;
/// how many booked.
async fn hoard(app: &TestApp, sessions: usize, address: impl Fn(usize) -> String) -> usize {
    let mut booked = 0;
    let mut refused = 0;
    for i in 0..sessions {
        let mut script = WebChatUser::behind_proxy(app, &address(i));
        if books(&mut script, &format!("E{:08}", 30_000_000 + i)).await {
            booked += 1;
        } else if script.last.status == 429 {
            refused += 1;
            assert_eq!(
                script.last.error(),
                Some("rate_limited"),
                "{:?}",
                script.last
            );
            let retry: u64 = script
                .last
                .header(reqwest::header::RETRY_AFTER)
                .parse()
                .unwrap();
            assert!((1..=60).contains(&retry), "Retry-After {retry}");
        }
    }
    println!("web hoarding: {sessions} sessions tried, {booked} places taken, {refused} refused");
    booked
}

/// A real browser on its own address.
async fn real_user_books(app: &TestApp) {
    let mut browser = WebChatUser::behind_proxy(app, "203.0.113.9");
    assert!(books(&mut browser, "E12345678").await, "{:?}", browser.last);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sixty_sessions_from_one_address_take_at_most_the_cap() {
    let (_db, app) = behind_proxy().await;
    let booked = hoard(&app, 60, |_| "198.51.100.7".into()).await;
    assert!(booked <= MOST_PER_ADDRESS, "{booked} places taken");
    real_user_books(&app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn six_hundred_sessions_from_one_address_take_at_most_the_cap() {
    let (_db, app) = behind_proxy().await;
    let booked = hoard(&app, 600, |_| "198.51.100.7".into()).await;
    assert!(booked <= MOST_PER_ADDRESS, "{booked} places taken");
    real_user_books(&app).await;
}

/// Without a trusted proxy, `X-Forwarded-For` is the client's own word and is ignored: a
/// script rotating it is still one address.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_forwarded_for_does_not_escape_the_limit() {
    let (_db, app) = spawn_sqlite_app(RawSettings::default()).await;
    let booked = hoard(&app, 60, |i| format!("198.51.100.{}", i % 250 + 1)).await;
    assert!(booked <= MOST_PER_ADDRESS, "{booked} places taken");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_rate_limit_sixty_sessions_from_one_address_book_at_most_the_address_cap() {
    let (_db, app) = behind_proxy_without_rate_limit().await;
    let booked = hoard(&app, 60, |_| "198.51.100.7".into()).await;
    assert_eq!(booked, ADDRESS_CAP, "places taken by one address");
    real_user_books(&app).await;
    // The operator sees every refusal in the audit log, the address only as a digest.
    let token = app.token("auditor", &["audit:read"], None).await;
    let refusals: Vec<serde_json::Value> = app
        .client
        .get(app.url("/api/v1/admin/audit?action=book&limit=500"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let refusals: Vec<_> = refusals
        .iter()
        .filter(|e| e["outcome"] == "address_cap")
        .collect();
    assert_eq!(refusals.len(), 60 - ADDRESS_CAP);
    assert!(refusals.iter().all(|e| {
        let subject = e["subject"].as_str().unwrap();
        subject.starts_with("address:") && !subject.contains("198.51")
    }));
}

/// A script that presses "confirm" without solving the page's proof of work books nothing; the
/// answer asks again, with the button still asking for the proof. A solution works once, for
/// the conversation it was issued to.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anonymous_web_booking_is_confirmed_only_with_a_proof_of_work() {
    use serde_json::json;
    let (_db, app) = behind_proxy().await;
    let mut script = WebChatUser::behind_proxy(&app, "198.51.100.20");
    script.solves_proof_of_work = false;
    assert!(
        !books(&mut script, "E40000001").await,
        "booked without a proof of work"
    );
    assert!(
        script.last.needs_proof_of_work("confirm"),
        "{:?}",
        script.last
    );
    assert!(
        script.last.text().contains("Confirm"),
        "asked to confirm again: {}",
        script.last.text()
    );

    // A wrong nonce is no proof either.
    let wrong = visadesk_tests::webchat_user::wrong_answer(&script.challenge().await);
    script
        .tries(json!({ "button": "confirm", "proof_of_work": wrong }))
        .await;
    assert!(script.last.document().is_none(), "{:?}", script.last);

    // Solved, it books; the same solution does not serve a second conversation.
    let solution = visadesk_tests::webchat_user::solve(&script.challenge().await);
    script
        .tries(json!({ "button": "confirm", "proof_of_work": solution.clone() }))
        .await;
    assert!(script.last.document().is_some(), "{:?}", script.last);

    let mut other = WebChatUser::behind_proxy(&app, "198.51.100.21");
    other.solves_proof_of_work = false;
    assert!(!books(&mut other, "E40000002").await);
    other
        .tries(json!({ "button": "confirm", "proof_of_work": solution }))
        .await;
    assert!(other.last.document().is_none(), "{:?}", other.last);
}
