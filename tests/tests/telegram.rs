//! The Telegram channel end to end: the real service (in-process) against the fake Bot API
//! server, in long-polling and webhook mode. A booking with inline buttons and its `.ics`
//! document, stale buttons, deep links, languages, locations and venues, a group with two
//! members booking at once, a 429 storm, server errors, a blocked chat, webhook secrets and
//! malformed bodies, and updates delivered twice (also across a restart).

use serde_json::{Value, json};
use std::time::Duration;
use visadesk_gateway::config::RawSettings;
use visadesk_tests::fake_telegram::{
    BOT_USERNAME, Call, Failure, FakeTelegram, TOKEN, TgChat, TgUser,
};
use visadesk_tests::{TestApp, TestDb, both_backends, spawn_app, spawn_sqlite_app, strings_of};

both_backends!(updates_are_recognised_when_they_arrive_again);

/// The repository part of de-duplication, on both backends.
async fn updates_are_recognised_when_they_arrive_again(db: &TestDb) {
    let now = chrono::Utc::now();
    let keep = Duration::from_secs(48 * 3600);
    let first = |channel: &'static str, key: &'static str| {
        db.repo.arrive(channel, key, "{}", now, now, keep)
    };
    assert!(first("telegram", "123:7").await.unwrap());
    assert!(!first("telegram", "123:7").await.unwrap());
    assert!(first("telegram", "123:8").await.unwrap());
    assert!(first("whatsapp", "123:7").await.unwrap(), "per channel");
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Mode {
    Polling,
    Webhook,
}

fn settings(fake: &FakeTelegram, mode: Mode) -> RawSettings {
    RawSettings {
        telegram_bot_token: Some(TOKEN.into()),
        telegram_api_url: Some(fake.url()),
        telegram_webhook_url: (mode == Mode::Webhook)
            .then(|| "http://{address}/telegram".to_string()),
        ..RawSettings::default()
    }
}

/// The fake Bot API and the service (on a fresh SQLite database) talking to it in `mode`.
async fn started(mode: Mode) -> (FakeTelegram, TestDb, TestApp) {
    let fake = FakeTelegram::start().await;
    let (db, app) = spawn_sqlite_app(settings(&fake, mode)).await;
    (fake, db, app)
}

fn random_id() -> i64 {
    rand::random_range(10_000_000..2_000_000_000)
}

/// A new user called Anna whose client speaks `language`, and the private chat with her.
fn anna_in_private(language: Option<&str>) -> (TgUser, TgChat) {
    let user = TgUser::new(random_id(), "Anna", language);
    let chat = TgChat::private(&user);
    (user, chat)
}

/// The calls Telegram refused so far.
fn failed_calls(fake: &FakeTelegram) -> Vec<Call> {
    fake.calls().into_iter().filter(|c| !c.ok()).collect()
}

/// Hands an update to the service and waits until every turn it caused is done; returns
/// the webhook's status in webhook mode.
async fn deliver(fake: &FakeTelegram, app: &TestApp, update: Value) -> Option<u16> {
    fake.deliver(app, update).await
}

async fn settle(app: &TestApp) {
    let telegram = app.channels.telegram.as_ref().expect("telegram configured");
    assert!(
        telegram.drained(Duration::from_secs(60)).await,
        "turns still running after a minute"
    );
}

fn text_of(app: &TestApp, locale: &str, key: &str) -> String {
    app.app.texts.text(locale, key, &[])
}

/// A user in a chat, driving the bot as a person would: typing and pressing buttons.
struct Member<'a> {
    fake: &'a FakeTelegram,
    app: &'a TestApp,
    chat: TgChat,
    user: TgUser,
    /// What the bot sent this member in answer to the last update.
    last: Vec<Call>,
}

impl<'a> Member<'a> {
    fn new(fake: &'a FakeTelegram, app: &'a TestApp, chat: TgChat, user: TgUser) -> Self {
        Member {
            fake,
            app,
            chat,
            user,
            last: Vec::new(),
        }
    }

    fn private(fake: &'a FakeTelegram, app: &'a TestApp, language: &str) -> Self {
        let (user, chat) = anna_in_private(Some(language));
        Member::new(fake, app, chat, user)
    }

    /// The latest message of the last answer showing the button `data` (any button: `None`).
    fn message_showing(&self, data: Option<&str>) -> Option<&Call> {
        self.last.iter().rev().find(|c| {
            let buttons = c.buttons();
            data.map_or(!buttons.is_empty(), |d| buttons.iter().any(|b| b == d))
        })
    }

    /// Messages for this member: in its chat, and in a group those quoting its messages.
    fn mine(&self, call: &Call) -> bool {
        call.ok()
            && call.method.starts_with("send")
            && call.chat_id() == Some(self.chat.id)
            && (self.chat.is_private()
                || call.result["reply_to_message"]["from"]["id"].as_i64() == Some(self.user.id))
    }

    async fn send(&mut self, update: Value) -> &[Call] {
        let before = self.fake.calls().len();
        let status = deliver(self.fake, self.app, update).await;
        assert!(
            status.is_none_or(|s| s == 200),
            "webhook answered {status:?}"
        );
        self.last = self.fake.calls()[before..]
            .iter()
            .filter(|c| self.mine(c))
            .cloned()
            .collect();
        &self.last
    }

    /// Types a line; in a group, text other than commands replies to the bot's last message
    /// to this member (how members answer with privacy mode on).
    async fn says(&mut self, text: &str) -> &[Call] {
        let update = match self.last.last().and_then(Call::message_id) {
            Some(id) if !self.chat.is_private() && !text.starts_with('/') => {
                self.fake.text_replying(&self.chat, &self.user, text, id)
            }
            _ => self.fake.text(&self.chat, &self.user, text),
        };
        self.send(update).await
    }

    /// Presses the button `data` on the latest message that shows it.
    async fn presses(&mut self, data: &str) -> &[Call] {
        let message = self
            .message_showing(Some(data))
            .and_then(Call::message_id)
            .unwrap_or_else(|| panic!("no button {data} in {:?}", self.buttons()));
        let update = self.fake.press(&self.chat, &self.user, message, data);
        self.send(update).await
    }

    async fn shares_location(&mut self, latitude: f64, longitude: f64) -> &[Call] {
        let update = self
            .fake
            .location(&self.chat, &self.user, latitude, longitude);
        self.send(update).await
    }

    fn buttons(&self) -> Vec<String> {
        self.last.iter().flat_map(Call::buttons).collect()
    }

    fn first_button(&self, prefix: &str) -> String {
        self.buttons()
            .into_iter()
            .find(|b| b.starts_with(prefix))
            .unwrap_or_else(|| {
                panic!(
                    "no {prefix} button in {:?}\n{}",
                    self.buttons(),
                    self.text()
                )
            })
    }

    fn text(&self) -> String {
        self.last
            .iter()
            .map(Call::text)
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn shows(&self, locale: &str, key: &str) -> bool {
        self.text().contains(&text_of(self.app, locale, key))
    }

    /// Asserts the last answer contains the message `key` in `locale`.
    #[track_caller]
    fn expect(&self, locale: &str, key: &str) {
        assert!(
            self.shows(locale, key),
            "expected `{key}` in {locale} in:\n{}",
            self.text()
        );
    }

    /// From the service question to the confirmation; returns the last answer's calls.
    async fn books(&mut self, passport: &str) -> Vec<Call> {
        self.presses(&self.first_button("svc:")).await;
        for prefix in ["city:", "office:"] {
            if self.buttons().iter().any(|b| b.starts_with(prefix)) {
                self.presses(&self.first_button(prefix)).await;
            }
        }
        self.presses(&self.first_button("day:")).await;
        self.presses(&self.first_button("slot:")).await;
        self.says("Anna Example").await;
        self.presses("nat:DEU").await;
        self.says(passport).await;
        self.says("+86 138 0013 8000").await;
        assert!(
            self.buttons().contains(&"confirm".to_string()),
            "summary expected:\n{}",
            self.text()
        );
        self.presses("confirm").await.to_vec()
    }
}

async fn appointments(db: &TestDb, user: &TgUser) -> usize {
    let chat_user = db
        .repo
        .chat_user("telegram", &user.id.to_string(), "en")
        .await
        .unwrap();
    db.repo
        .appointments_of(chat_user.id, chrono::Utc::now())
        .await
        .unwrap()
        .len()
}

/// The whole booking with inline buttons, every press answered and its keyboard removed,
/// the `.ics` sent as a document.
async fn booking_with_inline_buttons(mode: Mode) {
    let (fake, db, app) = started(mode).await;
    let mut anna = Member::private(&fake, &app, "en");
    anna.says("/start").await;
    anna.expect("en", "greeting");
    let menu = anna.message_showing(None).unwrap().clone();
    assert_eq!(menu.params["parse_mode"], "HTML");
    anna.presses("book").await;
    anna.expect("en", "booking-pick-service");
    // The pressed menu was answered and lost its keyboard.
    let answered = fake.calls_of("answerCallbackQuery");
    assert!(answered.iter().all(Call::ok) && !answered.is_empty());
    let edits = fake.calls_of("editMessageReplyMarkup");
    assert!(
        edits
            .iter()
            .any(|e| e.ok() && e.params["message_id"].as_i64() == menu.message_id()),
        "{edits:?}"
    );
    assert!(edits[0].result.get("reply_markup").is_none());
    let confirmation = anna.books("E12345678").await;
    let failed = failed_calls(&fake);
    assert!(failed.is_empty(), "{failed:?}");
    let document = confirmation
        .iter()
        .find(|c| c.method == "sendDocument")
        .unwrap_or_else(|| panic!("no document in {confirmation:?}"));
    let file = &document.params["document"];
    assert!(
        file["filename"].as_str().unwrap().ends_with(".ics"),
        "{file}"
    );
    assert!(file["text"].as_str().unwrap().contains("BEGIN:VEVENT"));
    assert_eq!(appointments(&db, &anna.user).await, 1);
    // Every press was acknowledged exactly once, and no call failed.
    let presses = fake.calls_of("answerCallbackQuery").len();
    assert_eq!(presses, fake.calls_of("editMessageReplyMarkup").len());
    let failed = failed_calls(&fake);
    assert!(failed.is_empty(), "{failed:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn polling_a_booking_with_inline_buttons() {
    booking_with_inline_buttons(Mode::Polling).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_a_booking_with_inline_buttons() {
    booking_with_inline_buttons(Mode::Webhook).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn start_up_sets_commands_per_language_and_polling_drops_a_webhook() {
    let (fake, _db, app) = started(Mode::Polling).await;
    let methods: Vec<String> = fake.calls().iter().map(|c| c.method.clone()).collect();
    assert_eq!(methods[0], "getMe");
    assert!(
        methods.contains(&"deleteWebhook".to_string()),
        "{methods:?}"
    );
    for (language, locale) in [("", "en"), ("en", "en"), ("zh", "zh-CN"), ("ru", "ru")] {
        let commands = fake
            .commands(language)
            .unwrap_or_else(|| panic!("{language}"));
        let names = strings_of(&commands, "command");
        for expected in ["start", "book", "offices", "help", "language"] {
            assert!(names.contains(&expected), "{language}: {names:?}");
        }
        assert_eq!(
            commands[1]["description"],
            text_of(&app, locale, "telegram-command-book")
        );
    }
    assert!(fake.webhook().is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_button_after_its_keyboard_was_edited_away_runs_nothing() {
    let (fake, _db, app) = started(Mode::Polling).await;
    let mut anna = Member::private(&fake, &app, "en");
    anna.says("/start").await;
    let menu = anna
        .message_showing(Some("offices"))
        .and_then(Call::message_id)
        .unwrap();
    anna.presses("book").await;
    anna.expect("en", "booking-pick-service");
    // A second press on the old menu (a double tap, or a client that had not refreshed).
    let sends = || {
        fake.calls()
            .iter()
            .filter(|c| c.method.starts_with("send"))
            .count()
    };
    let sends_before = sends();
    let late = fake.press(&anna.chat, &anna.user, menu, "offices");
    anna.send(late).await;
    assert!(anna.last.is_empty(), "no turn ran: {:?}", anna.last);
    assert_eq!(sends_before, sends());
    let toast = fake.calls_of("answerCallbackQuery").pop().unwrap();
    assert!(toast.ok());
    assert_eq!(
        toast.params["text"],
        text_of(&app, "en", "telegram-button-used")
    );
    assert_eq!(
        fake.calls_of("editMessageReplyMarkup").len(),
        1,
        "edited once"
    );
    // The conversation is where it was: the service buttons still work.
    let services = fake
        .calls()
        .into_iter()
        .rev()
        .find(|c| c.buttons().iter().any(|b| b.starts_with("svc:")))
        .unwrap();
    let service = services
        .buttons()
        .into_iter()
        .find(|b| b.starts_with("svc:"))
        .unwrap();
    let press = fake.press(
        &anna.chat,
        &anna.user,
        services.message_id().unwrap(),
        &service,
    );
    anna.send(press).await;
    anna.expect("en", "booking-pick-city");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deep_links_open_their_flows() {
    let (fake, db, app) = started(Mode::Webhook).await;
    let mut anna = Member::private(&fake, &app, "en");
    anna.says("/start book").await;
    anna.expect("en", "booking-pick-service");
    let office = db.repo.offices().await.unwrap().remove(0);
    anna.says(&format!("/start office_{}", office.id)).await;
    let venue = anna
        .last
        .iter()
        .find(|c| c.method == "sendVenue")
        .unwrap_or_else(|| panic!("{:?}", anna.last));
    assert_eq!(venue.params["title"], office.name_en);
    assert!(
        anna.buttons().iter().any(|b| b.starts_with("book")),
        "{:?}",
        anna.buttons()
    );
    // Linking codes reach the engine as `/start link_<code>` (its answer is the engine's).
    anna.says("/start link_DEMO-LINK-0001").await;
    assert!(!anna.last.is_empty());
    assert!(!anna.shows("en", "unknown-command"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn language_from_the_client_first_then_the_stored_choice() {
    let (fake, _db, app) = started(Mode::Polling).await;
    let mut ivan = Member::private(&fake, &app, "ru");
    ivan.says("/start").await;
    ivan.expect("ru", "greeting");
    let mut li = Member::private(&fake, &app, "zh-hans");
    li.says("/start").await;
    li.expect("zh-CN", "greeting");
    // Ivan switches to English; his Telegram app still says `ru`.
    ivan.says("/language").await;
    ivan.presses("lang:en").await;
    ivan.says("/start").await;
    ivan.expect("en", "greeting");
    assert!(!ivan.shows("ru", "greeting"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nearest_office_by_a_shared_location_then_a_venue() {
    let (fake, _db, app) = started(Mode::Polling).await;
    let mut anna = Member::private(&fake, &app, "en");
    anna.says("/offices").await;
    let keyboard = anna
        .last
        .iter()
        .find(|c| c.params["reply_markup"]["keyboard"].is_array())
        .unwrap_or_else(|| panic!("no location keyboard in {:?}", anna.last))
        .clone();
    let button = &keyboard.params["reply_markup"]["keyboard"][0][0];
    assert_eq!(button["request_location"], true);
    assert_eq!(
        button["text"],
        text_of(&app, "en", "telegram-share-location")
    );
    // Beijing, near the Andingmen office.
    anna.shares_location(39.95, 116.41).await;
    anna.expect("en", "offices-nearest");
    // The client hides the keyboard once used.
    assert_eq!(keyboard.params["reply_markup"]["one_time_keyboard"], true);
    anna.presses(&anna.first_button("office:")).await;
    assert!(
        anna.last.iter().any(|c| c.method == "sendVenue"),
        "{:?}",
        anna.last
    );
    // A sticker is not understood, politely.
    let sticker = fake.sticker(&anna.chat, &anna.user);
    anna.send(sticker).await;
    anna.expect("en", "channel-unsupported-message");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_with_two_members_booking_at_once() {
    let (fake, db, app) = started(Mode::Polling).await;
    let group = TgChat::group(-random_id(), "Expat help");
    let alice_user = TgUser::new(random_id(), "Alice", Some("en"));
    let bob_user = TgUser::new(random_id(), "Bob", Some("ru"));
    let mut alice = Member::new(&fake, &app, group.clone(), alice_user.clone());
    let mut bob = Member::new(&fake, &app, group.clone(), bob_user.clone());
    // Commands for another bot, and chatter not replying to the bot, are not ours.
    let ignored = fake.text(&group, &alice_user, "/start@some_other_bot");
    alice.send(ignored).await;
    assert!(alice.last.is_empty());
    let chatter = fake.text(&group, &bob_user, "hello everyone");
    bob.send(chatter).await;
    assert!(bob.last.is_empty());
    alice.says(&format!("/start@{BOT_USERNAME}")).await;
    bob.says("/book").await;
    alice.expect("en", "greeting");
    // Issue 19: booking asks for a passport number and a phone, so in a group it continues
    // in the private chat, which the bot's link opens with the booking.
    let link = format!("https://t.me/{BOT_USERNAME}?start=book");
    assert!(
        bob.text().contains(&link) && !bob.shows("ru", "booking-pick-service"),
        "{}",
        bob.text()
    );
    // Answers quote the member's message; no location keyboard in a group.
    assert!(
        alice
            .last
            .iter()
            .all(|c| c.params["reply_parameters"]["message_id"].is_number())
    );
    // Bob pressing Alice's menu gets a notice; Alice's keyboard stays.
    let menu = alice
        .message_showing(None)
        .and_then(Call::message_id)
        .unwrap();
    let mut bob_elsewhere = Member::new(&fake, &app, group.clone(), bob_user.clone());
    let intrusion = fake.press(&group, &bob_user, menu, "book");
    bob_elsewhere.send(intrusion).await;
    assert!(bob_elsewhere.last.is_empty());
    let toast = fake.calls_of("answerCallbackQuery").pop().unwrap();
    assert_eq!(
        toast.params["text"],
        text_of(&app, "ru", "telegram-not-your-buttons")
    );
    alice.presses("book").await;
    assert!(alice.text().contains(&link), "{}", alice.text());
    // Both open the link: their private chats start with the booking, and they book there
    // at the same time.
    let mut alice = Member::new(
        &fake,
        &app,
        TgChat::private(&alice_user),
        alice_user.clone(),
    );
    let mut bob = Member::new(&fake, &app, TgChat::private(&bob_user), bob_user.clone());
    alice.says("/start book").await;
    bob.says("/start book").await;
    alice.expect("en", "booking-pick-service");
    bob.expect("ru", "booking-pick-service");
    let (a, b) = tokio::join!(alice.books("E12345678"), bob.books("E87654321"));
    for confirmation in [a, b] {
        assert!(
            confirmation.iter().any(|c| c.method == "sendDocument"),
            "{confirmation:?}"
        );
    }
    assert_eq!(appointments(&db, &alice_user).await, 1);
    assert_eq!(appointments(&db, &bob_user).await, 1);
    let no_keyboards = fake
        .calls()
        .into_iter()
        .filter(|c| c.chat_id() == Some(group.id))
        .all(|c| c.params["reply_markup"]["keyboard"].is_null());
    assert!(no_keyboards, "location buttons are for private chats only");
}

/// Several chats each send three messages at once while Telegram answers 429 to a burst of
/// sends: every answer arrives exactly once, in the order of a run without limits, and no
/// chat is retried before its `retry_after` has passed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rate_limit_storm_delivers_everything_once_and_in_order() {
    let (fake, _db, app) = started(Mode::Polling).await;
    let script = ["/start", "/help", "/offices"];
    // Without limits, for reference.
    let reference = Member::private(&fake, &app, "en");
    let mut last_id = 0;
    for line in script {
        last_id = fake
            .send_update(fake.text(&reference.chat, &reference.user, line))
            .await
            .0;
    }
    fake.wait_confirmed(last_id).await;
    settle(&app).await;
    let expected: Vec<(String, String)> = fake
        .delivered_to(reference.chat.id)
        .iter()
        .map(|c| (c.method.clone(), c.text()))
        .collect();
    assert!(expected.len() >= 3, "{expected:?}");
    let members: Vec<Member> = (0..6).map(|_| Member::private(&fake, &app, "en")).collect();
    fake.fail_next(24, Failure::RateLimited { retry_after: 1 });
    for line in script {
        for m in &members {
            last_id = fake.send_update(fake.text(&m.chat, &m.user, line)).await.0;
        }
    }
    fake.wait_confirmed(last_id).await;
    settle(&app).await;
    let calls = fake.calls();
    assert_eq!(
        calls.iter().filter(|c| c.status == 429).count(),
        24,
        "the storm happened"
    );
    for m in &members {
        let got: Vec<(String, String)> = fake
            .delivered_to(m.chat.id)
            .iter()
            .map(|c| (c.method.clone(), c.text()))
            .collect();
        assert_eq!(
            got, expected,
            "chat {} got its answers once, in order",
            m.chat.id
        );
    }
    // Each limited call was repeated only after retry_after.
    for (i, limited) in calls.iter().enumerate().filter(|(_, c)| c.status == 429) {
        let retry = calls[i + 1..]
            .iter()
            .find(|c| c.method == limited.method && c.chat_id() == limited.chat_id())
            .expect("retried");
        assert!(retry.at.duration_since(limited.at) >= Duration::from_millis(990));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_are_retried_and_a_blocked_chat_blocks_no_one() {
    let (fake, _db, app) = started(Mode::Polling).await;
    let mut blocked = Member::private(&fake, &app, "en");
    let mut anna = Member::private(&fake, &app, "en");
    fake.block(blocked.chat.id);
    blocked.says("/start").await;
    anna.says("/start").await;
    anna.expect("en", "greeting");
    let blocked_chat = blocked.chat.id;
    let refused = || -> Vec<Call> {
        fake.calls()
            .into_iter()
            .filter(|c| c.chat_id() == Some(blocked_chat))
            .collect()
    };
    let first = refused();
    assert_eq!(first.len(), 1, "a 403 is not retried: {first:?}");
    assert_eq!(first[0].status, 403);
    // The blocked chat's next message is still taken (its queue did not stall).
    blocked.says("/help").await;
    assert_eq!(refused().len(), 2);
    // A 500 is retried (after teloxide's own 10-second pause on server errors).
    fake.fail_next(1, Failure::ServerError);
    anna.says("/help").await;
    anna.expect("en", "help-text");
    assert_eq!(fake.calls().iter().filter(|c| c.status == 500).count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhook_checks_the_secret_and_the_body_and_runs_an_update_once() {
    let (fake, _db, app) = started(Mode::Webhook).await;
    let (url, secret) = fake.webhook().expect("setWebhook was called");
    let secret = secret.expect("with a secret_token");
    assert_eq!(url, app.url("/telegram"));
    let set = fake.calls_of("setWebhook").pop().unwrap();
    assert_eq!(
        set.params["allowed_updates"],
        json!(["message", "callback_query"])
    );
    let anna = Member::private(&fake, &app, "en");
    let mut update = fake.text(&anna.chat, &anna.user, "/start");
    update["update_id"] = json!(random_id());
    let body = update.to_string();
    assert_eq!(fake.post_webhook(&url, &body, None).await, 401);
    assert_eq!(
        fake.post_webhook(&url, &body, Some("wrong-secret")).await,
        401
    );
    assert_eq!(
        fake.post_webhook(&url, "{\"update_id\": 1, ", Some(&secret))
            .await,
        400
    );
    assert_eq!(fake.post_webhook(&url, "[1, 2]", Some(&secret)).await, 400);
    settle(&app).await;
    assert!(
        fake.delivered_to(anna.chat.id).is_empty(),
        "nothing rejected ran"
    );
    assert_eq!(fake.post_webhook(&url, &body, Some(&secret)).await, 200);
    settle(&app).await;
    let once = fake.delivered_to(anna.chat.id).len();
    assert!(once > 0);
    // Telegram retries a delivery it thinks failed: same update_id, one turn.
    assert_eq!(fake.post_webhook(&url, &body, Some(&secret)).await, 200);
    settle(&app).await;
    assert_eq!(fake.delivered_to(anna.chat.id).len(), once);
    // getUpdates is refused while the webhook is set, as on the real server.
    let response = reqwest::get(format!("{}/bot{TOKEN}/getUpdates", fake.url()))
        .await
        .unwrap();
    assert_eq!(response.status(), 409);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_fetched_again_after_a_restart_runs_once_even_without_redis() {
    let fake = FakeTelegram::start().await;
    let db = TestDb::sqlite().await;
    let raw = || RawSettings {
        database_url: Some(db.url.clone()),
        ..settings(&fake, Mode::Polling)
    };
    let (user, chat) = anna_in_private(Some("en"));
    let first = spawn_app(raw()).await;
    let update = fake.text(&chat, &user, "/start");
    let (id, _) = fake.send_update(update.clone()).await;
    fake.wait_confirmed(id).await;
    settle(&first).await;
    let once = fake.delivered_to(chat.id).len();
    assert!(once > 0);
    drop(first);
    // The confirmation did not reach Telegram before the crash: it hands the update out again.
    let second = spawn_app(raw()).await;
    let mut again = update;
    again["update_id"] = json!(id);
    fake.requeue(again);
    fake.wait_confirmed(id).await;
    settle(&second).await;
    let handed_out = fake
        .calls_of("getUpdates")
        .iter()
        .filter(|c| {
            c.result
                .as_array()
                .is_some_and(|updates| updates.iter().any(|u| u["update_id"] == id))
        })
        .count();
    assert!(handed_out >= 2, "fetched by both processes: {handed_out}");
    assert_eq!(fake.delivered_to(chat.id).len(), once, "the turn ran once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fake_answers_like_the_bot_api() {
    let fake = FakeTelegram::start().await;
    let client = reqwest::Client::new();
    let unknown = client
        .post(format!("{}/bot{TOKEN}/sendSticker", fake.url()))
        .json(&json!({ "chat_id": 1 }))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
    assert_eq!(
        unknown.json::<Value>().await.unwrap(),
        json!({ "ok": false, "error_code": 404, "description": "Not Found" })
    );
    let wrong_token = client
        .get(format!("{}/bot1:wrong/getMe", fake.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_token.status(), 401);
    let me =
        visadesk_tests::json_answer(client.get(format!("{}/bot{TOKEN}/getMe", fake.url()))).await;
    assert_eq!(me["result"]["username"], BOT_USERNAME);
    // Unescaped HTML is refused as Telegram refuses it.
    let (user, chat) = anna_in_private(None);
    fake.send_update(fake.text(&chat, &user, "hi")).await;
    let bad = visadesk_tests::json_answer(
        client
            .post(format!("{}/bot{TOKEN}/sendMessage", fake.url()))
            .json(&json!({ "chat_id": chat.id, "text": "a < b & c", "parse_mode": "HTML" })),
    )
    .await;
    assert_eq!(bad["error_code"], 400, "{bad}");
    fake.fail_next(1, Failure::RateLimited { retry_after: 7 });
    let limited = visadesk_tests::json_answer(
        client
            .post(format!("{}/bot{TOKEN}/sendMessage", fake.url()))
            .json(&json!({ "chat_id": chat.id, "text": "hello" })),
    )
    .await;
    assert_eq!(limited["parameters"]["retry_after"], 7, "{limited}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_thousand_random_webhook_bodies_never_get_a_server_error() {
    use axum::body::Body;
    use axum::http::Request;
    let (fake, _db, app) = started(Mode::Webhook).await;
    let (_, secret) = fake.webhook().unwrap();
    let secret = secret.unwrap();
    let router = visadesk_gateway::http::router(app.app.clone(), &app.channels);
    let (user, chat) = anna_in_private(Some("en"));
    let mut seeds = vec![
        fake.text(&chat, &user, "/start book"),
        fake.location(&chat, &user, 39.9, 116.4),
        fake.sticker(&chat, &user),
    ];
    fake.send_update(fake.text(&chat, &user, "/start")).await;
    settle(&app).await;
    let (menu, _) = fake.last_keyboard(chat.id).unwrap();
    seeds.push(fake.press(&chat, &user, menu, "book"));
    let seeds: Vec<Vec<u8>> = seeds
        .into_iter()
        .enumerate()
        .map(|(i, mut u)| {
            u["update_id"] = json!(random_id() + i as i64);
            u.to_string().into_bytes()
        })
        .collect();
    let (ok, rejected) =
        visadesk_tests::fuzz::assert_no_server_errors(router, 20_000, 5, |rng, i| {
            let seed = &seeds[rand::Rng::random_range(rng, 0..seeds.len())];
            let body = visadesk_tests::fuzz::mutate_bytes(rng, seed);
            let mut request = Request::post("/telegram");
            if i % 10 != 0 {
                request = request.header("x-telegram-bot-api-secret-token", secret.as_str());
            }
            request.body(Body::from(body)).unwrap()
        })
        .await;
    assert!(
        ok > 100 && rejected > 2_000,
        "both paths exercised: {ok} ok, {rejected} rejected"
    );
    settle(&app).await;
}

/// The sender the notification dispatcher uses: HTML-special characters arrive as typed
/// (the fake parses entities as Telegram does and refuses bad ones), and a text longer than
/// Telegram allows arrives whole, in pieces below the limit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_replies_escapes_html_and_splits_long_texts() {
    use visadesk_bot::dialogue::Reply;
    let (fake, _db, app) = started(Mode::Polling).await;
    let (user, chat) = anna_in_private(Some("en"));
    deliver(&fake, &app, fake.text(&chat, &user, "/help")).await;
    let before = fake.delivered_to(chat.id).len();
    let sender = &app.channels.telegram.as_ref().unwrap().sender;
    let special = "Fee < ¥800 & bring <b>both</b> copies > 2 pages; AT&T &amp; co";
    let line = "Пункт 7: паспорт & фото <2×> 🛂 — ";
    let long = line.repeat(300);
    sender
        .send_replies(chat.id, &[Reply::text(special), Reply::text(long.clone())])
        .await
        .expect("delivered");
    let sent = fake.delivered_to(chat.id)[before..].to_vec();
    assert_eq!(sent[0].text(), special);
    assert!(sent.len() >= 4, "{} pieces", sent.len());
    let joined: String = sent[1..]
        .iter()
        .map(Call::text)
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(
        joined.split_whitespace().collect::<Vec<_>>(),
        long.split_whitespace().collect::<Vec<_>>()
    );
    assert!(sent.iter().all(|c| c.text().encode_utf16().count() <= 4096));
}
