//! The Telegram channel under load, end to end: 1, 100 and 1,000 concurrent private chats
//! each book an appointment through the fake Bot API server (13 updates: `/start`, buttons,
//! typed answers, the confirmation with its `.ics`, "my appointments"), in long-polling and in
//! webhook mode, with PostgreSQL and Redis. A turn's latency runs from handing the update to
//! the fake server until the last message of its answer reached the fake server. Run with
//! `cargo bench -p visadesk-tests --bench telegram`; figures are printed and written to
//! `target/bench/telegram.json`. `BENCH_CHATS` (e.g. `1,100,1000`) sets the loads.

use serde_json::{Value, json};
use std::time::{Duration, Instant};
use visadesk_gateway::config::RawSettings;
use visadesk_tests::bench::{self, Load};
use visadesk_tests::fake_telegram::{FakeTelegram, TOKEN, TgChat, TgUser};
use visadesk_tests::{TestApp, TestDb, redis_url, spawn_app};

const TURNS: usize = 13;

/// What the chat sends at step `i`: a typed line or the press of a button (by id, or the
/// first one offered with a prefix).
enum Input {
    Says(String),
    Presses(&'static str),
    PressesFirst(&'static str),
    /// The `k`-th offered button with a prefix (or the last one when fewer).
    PressesNth(&'static str, usize),
}

/// Each run books its own day, so no slot fills up.
fn script(passport: String, day: usize) -> Vec<Input> {
    vec![
        Input::Says("/start".into()),
        Input::Presses("book"),
        Input::PressesFirst("svc:"),
        Input::PressesFirst("city:"),
        Input::PressesFirst("office:"),
        Input::PressesNth("day:", day),
        Input::PressesFirst("slot:"),
        Input::Says("Bench Marker".into()),
        Input::Presses("nat:DEU"),
        Input::Says(passport),
        Input::Says("+86 138 0013 8000".into()),
        Input::Presses("confirm"),
        Input::Presses("appointments"),
    ]
}

fn update(fake: &FakeTelegram, chat: &TgChat, user: &TgUser, input: &Input) -> Value {
    match input {
        Input::Says(text) => fake.text(chat, user, text),
        Input::Presses(id) => {
            let (message, _) = fake.last_keyboard(chat.id).expect("a keyboard");
            fake.press(chat, user, message, id)
        }
        Input::PressesFirst(prefix) => update(fake, chat, user, &Input::PressesNth(prefix, 0)),
        Input::PressesNth(prefix, k) => {
            let (message, buttons) = fake.last_keyboard(chat.id).expect("a keyboard");
            let offered: Vec<&String> = buttons.iter().filter(|b| b.starts_with(prefix)).collect();
            let id = offered
                .get(*k)
                .or(offered.last())
                .unwrap_or_else(|| panic!("no {prefix} in {buttons:?}"));
            fake.press(chat, user, message, id)
        }
    }
}

/// One chat's booking. `expected[i]` is how many messages turn `i` answers with (learnt
/// from a first chat); returns each turn's latency, and the counts seen.
async fn converse(
    fake: FakeTelegram,
    n: usize,
    run: usize,
    expected: Option<Vec<usize>>,
) -> (Vec<Duration>, Vec<usize>) {
    let id = 1_000_000_000 + (run * 10_000 + n) as i64 + rand::random_range(0..1000) * 100_000;
    let user = TgUser::new(id, "Bench", Some("en"));
    let chat = TgChat::private(&user);
    let mut delivered = fake.watch(chat.id);
    let mut latencies = Vec::new();
    let mut counts = Vec::new();
    let mut total = 0;
    for (i, input) in script(format!("B{run}{n:07}"), run).iter().enumerate() {
        let update = update(&fake, &chat, &user, input);
        let started = Instant::now();
        fake.send_update(update).await;
        let done = match &expected {
            // Until this turn's last message arrived.
            Some(counts) => {
                total += counts[i];
                tokio::time::timeout(
                    Duration::from_secs(120),
                    delivered.wait_for(|&d| d >= total),
                )
                .await
                .unwrap_or_else(|_| panic!("chat {n}: turn {i} never completed"))
                .map(|_| ())
            }
            // Learning: wait for quiet (no message for 300 ms after the first one).
            None => {
                let _ = delivered.wait_for(|&d| d > total).await;
                while tokio::time::timeout(Duration::from_millis(300), delivered.changed())
                    .await
                    .is_ok()
                {}
                let now = *delivered.borrow();
                counts.push(now - total);
                total = now;
                Ok(())
            }
        };
        done.expect("fake server alive");
        latencies.push(started.elapsed());
    }
    (latencies, counts)
}

async fn service(fake: &FakeTelegram, db: &TestDb, webhook: bool) -> TestApp {
    spawn_app(RawSettings {
        redis_url: Some(redis_url()),
        telegram_bot_token: Some(TOKEN.into()),
        telegram_api_url: Some(fake.url()),
        telegram_webhook_url: webhook.then(|| "http://{address}/telegram".into()),
        // Every chat takes the first free time: capacity is not what is measured here.
        slot_capacity: Some(1000),
        ..db.settings()
    })
    .await
}

fn main() {
    let loads: Vec<usize> = std::env::var("BENCH_CHATS")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1, 100, 1000]);
    let rows = bench::block_on(async {
        let mut rows = Vec::new();
        for webhook in [false, true] {
            let mode = if webhook { "webhook" } else { "polling" };
            // A fresh database per mode: each run's chats book the first free slot.
            let db = TestDb::postgres().await;
            let fake = FakeTelegram::start().await;
            let app = service(&fake, &db, webhook).await;
            let (_, expected) = converse(fake.clone(), 0, 9, None).await;
            assert_eq!(expected.len(), TURNS);
            for (run, &chats) in loads.iter().enumerate() {
                let load = Load::run(chats, |n| {
                    let (fake, expected) = (fake.clone(), expected.clone());
                    async move { converse(fake, n, run, Some(expected)).await.0 }
                })
                .await;
                let failed = fake.calls().iter().filter(|c| !c.ok()).count();
                assert_eq!(failed, 0, "no Bot API call failed");
                rows.push((
                    mode,
                    chats,
                    load.count(),
                    load.per_second(),
                    load.ms(0.5),
                    load.ms(0.99),
                ));
            }
            drop(app);
        }
        rows
    });
    println!(
        "{:>8} {:>6} {:>6} {:>9} {:>8} {:>8}",
        "mode", "chats", "turns", "turns/s", "p50 ms", "p99 ms"
    );
    let mut json = Vec::new();
    for (mode, chats, turns, rate, p50, p99) in &rows {
        println!("{mode:>8} {chats:>6} {turns:>6} {rate:>9.0} {p50:>8.2} {p99:>8.2}");
        json.push(
            json!({ "mode": mode, "chats": chats, "turns": turns, "turns_per_second": rate,
            "p50_ms": p50, "p99_ms": p99 }),
        );
    }
    bench::write_results("telegram", &json);
}
