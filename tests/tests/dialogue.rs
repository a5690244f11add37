//! Scripted conversations per flow, in several languages, on SQLite and PostgreSQL,
//! including wrong input, back/cancel, stale buttons and expired sessions on the way.

use chrono::Utc;
use visadesk_bot::dialogue::{Inbound, InboundKind, Session, State};
use visadesk_bot::store::{Appointment, SessionKey, SessionStore};
use visadesk_tests::{
    Chat, TestDb, book_in_store, both_backends, seeded_engine, seeded_engine_and_sessions,
};

both_backends!(
    booking_in_english_with_mistakes_on_the_way,
    booking_in_russian_then_reschedule_and_cancel,
    office_directory_in_chinese,
    nearest_offices_from_a_shared_location,
    guidance_in_russian_and_chinese_leads_to_booking,
    settings_change_language_and_notifications,
    the_platform_language_is_followed_until_the_user_chooses_one,
    words_work_at_every_step,
    stale_buttons_and_lost_sessions_restart_politely,
    sessions_stored_by_the_previous_release_continue_or_restart_politely,
    free_text_intents_in_every_language,
    anti_hoarding_limits_are_explained,
    last_place_taken_shows_the_next_free_times,
    last_place_of_the_day_taken_offers_other_days,
    deep_links_open_the_right_flow,
    group_members_have_their_own_dialogues,
    every_personal_record_function_is_open,
    messages_arriving_during_a_turn_are_answered_in_order,
    the_confirmation_lists_documents_as_the_guidance_card_does,
    offices_open_on_saturday_offer_saturday_slots,
    a_group_booking_continues_in_private_or_is_not_offered,
);

/// The session stored under `key`, as the engine reads it.
async fn stored_session(sessions: &dyn SessionStore, key: &SessionKey) -> Session {
    let text = sessions.load(key).await.unwrap().expect("a stored session");
    Session::from_stored(&text).unwrap()
}

/// The active appointments of the user talking in `chat`, soonest first.
async fn appointments(db: &TestDb, chat: &Chat) -> Vec<Appointment> {
    let user = db
        .repo
        .chat_user(&chat.channel, &chat.sender, "en")
        .await
        .unwrap();
    db.repo.appointments_of(user.id, Utc::now()).await.unwrap()
}

async fn booking_in_english_with_mistakes_on_the_way(db: &TestDb) {
    let engine = seeded_engine(db).await;
    let mut chat = Chat::new(&engine, "telegram", "alice", "alice", "en-US");
    chat.says("/start").await;
    chat.expect("greeting");
    assert!(chat.has_button("book") && chat.has_button("offices"));
    chat.presses("book").await;
    chat.expect("booking-pick-service");
    chat.says("something random").await;
    chat.expect("choose-from-buttons");
    chat.expect("booking-pick-service");
    chat.presses(&chat.first_button("svc:")).await;
    chat.expect("booking-pick-city");
    assert!(
        chat.replies.iter().any(|r| r.request_location),
        "the city question offers location sharing"
    );
    chat.presses(&chat.first_button("city:")).await;
    chat.presses(&chat.first_button("office:")).await;
    chat.presses(&chat.first_button("day:")).await;
    chat.presses("slot:999999999").await;
    chat.expect("stale-button");
    let slot = chat.first_button("slot:");
    chat.presses(&slot).await;
    chat.expect("booking-ask-name");
    chat.says("R2D2").await;
    chat.expect("booking-name-invalid");
    chat.says("Anna Example").await;
    chat.expect("booking-ask-nationality");
    chat.presses("back").await;
    chat.expect("booking-ask-name");
    chat.says("Anna Maria Example").await;
    chat.says("Germany").await; // the label of a nationality button
    chat.expect("booking-ask-passport");
    chat.says("E1").await;
    chat.expect("booking-passport-invalid");
    chat.says("e 1234 5678").await;
    chat.says("not a phone").await;
    chat.expect("booking-phone-invalid");
    chat.says("+86 138 0013 8000").await;
    let summary = chat.text();
    assert!(
        summary.contains("Anna Maria Example") && summary.contains("E12****78"),
        "{summary}"
    );
    assert!(
        !summary.contains("E12345678"),
        "the passport number is masked"
    );
    chat.presses("confirm").await;
    let reply = &chat.replies[0];
    let document = reply.document.as_ref().expect("a calendar file");
    assert_eq!(document.content_type, "text/calendar; charset=utf-8");
    let ics = String::from_utf8(document.bytes.clone()).unwrap();
    assert!(ics.contains("BEGIN:VEVENT") && ics.contains("TZID=Asia/Shanghai"));

    let appointments = appointments(db, &chat).await;
    assert_eq!(appointments.len(), 1);
    let a = &appointments[0];
    assert_eq!(format!("slot:{}", a.slot.id), slot);
    assert_eq!(a.slot.booked, 1);
    assert_eq!(a.passport_no.expose(), "E12345678");
    assert_eq!(a.full_name.expose(), "Anna Maria Example");
    assert!(
        reply.text.contains(&a.code),
        "the code is shown: {}",
        reply.text
    );
    assert!(ics.contains(&format!("UID:{}@visadesk", a.code)));
}

async fn booking_in_russian_then_reschedule_and_cancel(db: &TestDb) {
    let engine = seeded_engine(db).await;
    let mut chat = Chat::new(&engine, "whatsapp", "+79001234567", "+79001234567", "ru-RU");
    chat.says("/book").await;
    chat.expect("booking-pick-service");
    chat.picks_first_slot().await;
    // Issue 19: the question asks for Latin letters, as in the passport; a Cyrillic name is
    // asked again, with what to type.
    assert!(
        chat.text().contains("латинскими буквами"),
        "{}",
        chat.text()
    );
    chat.says("Иван Петров").await;
    chat.expect("booking-name-invalid");
    assert!(chat.text().contains("IVAN PETROV"), "{}", chat.text());
    chat.types_details("Ivan Petrov", "751234567").await;
    chat.presses("confirm").await;
    assert!(chat.text().contains("Вы записаны"), "{}", chat.text());
    let first = appointments(db, &chat).await.remove(0);

    chat.presses("appointments").await;
    assert!(chat.text().contains(&first.code));
    chat.presses(&format!("rs:{}", first.id)).await;
    let days = chat.buttons_starting("day:");
    let day = days.get(1).expect("a second day");
    chat.presses(day).await;
    chat.presses(&chat.first_button("slot:")).await;
    assert!(
        chat.text().contains("Перенесено") && chat.text().contains(&first.code),
        "{}",
        chat.text()
    );
    let moved = appointments(db, &chat).await.remove(0);
    assert_eq!(moved.code, first.code);
    assert_ne!(moved.slot.id, first.slot.id);
    assert_eq!(moved.slot.booked, 1);
    assert_eq!(
        db.repo.slot(first.slot.id).await.unwrap().unwrap().booked,
        0,
        "the old place was freed"
    );
    assert!(chat.replies[0].document.is_some(), "a new calendar file");

    chat.presses("appointments").await;
    chat.presses(&format!("cx:{}", moved.id)).await;
    assert!(chat.has_button("yes-cancel"));
    chat.says("назад").await;
    assert!(chat.text().contains(&moved.code), "back to the list");
    chat.presses(&format!("cx:{}", moved.id)).await;
    chat.presses("yes-cancel").await;
    assert!(chat.text().contains("отменена"), "{}", chat.text());
    chat.expect("appointments-none");
    assert!(appointments(db, &chat).await.is_empty());
    assert_eq!(
        db.repo.slot(moved.slot.id).await.unwrap().unwrap().booked,
        0
    );
    chat.presses(&format!("cx:{}", moved.id)).await;
    chat.expect("stale-button");
}

async fn office_directory_in_chinese(db: &TestDb) {
    let engine = seeded_engine(db).await;
    let offices = db.repo.offices().await.unwrap();
    let office = &offices[0];
    let mut chat = Chat::new(&engine, "wechat", "oA1", "oA1", "zh-CN");
    chat.says("/start").await;
    chat.presses("offices").await;
    chat.expect("offices-pick-city");
    chat.says(&office.city_zh).await; // a city typed in Chinese
    chat.expect("offices-pick-office");
    chat.presses(&format!("office:{}", office.id)).await;
    let card = chat.text();
    for part in [&office.name_zh, &office.address_zh, &office.phone] {
        assert!(card.contains(part.as_str()), "{part} missing in {card}");
    }
    assert!(
        !card.contains(&office.address_en),
        "the Chinese card needs no English address"
    );
    assert!(chat.shows("office-open-now") || chat.shows("office-closed-now"));
    let place = chat
        .replies
        .iter()
        .find_map(|r| r.location.clone())
        .expect("a map location");
    assert_eq!(
        (place.latitude, place.longitude),
        (office.latitude, office.longitude)
    );
    chat.presses("book-here").await;
    chat.expect("booking-pick-service");
    let offered = chat.buttons_starting("svc:");
    assert_eq!(
        offered.len(),
        office.services.len(),
        "only this office's services"
    );
    chat.presses(&offered[0]).await;
    assert!(
        !chat.buttons_starting("day:").is_empty(),
        "straight to the day: {}",
        chat.text()
    );
    chat.presses("back").await;
    chat.expect("booking-pick-service");
}

async fn nearest_offices_from_a_shared_location(db: &TestDb) {
    let engine = seeded_engine(db).await;
    let offices = db.repo.offices().await.unwrap();
    let target = &offices[offices.len() / 2];
    let mut chat = Chat::new(&engine, "telegram", "7", "7", "en");
    chat.says("/offices").await;
    chat.shares_location(target.latitude + 0.001, target.longitude + 0.001)
        .await;
    chat.expect("offices-nearest");
    let buttons = chat.buttons_starting("office:");
    assert_eq!(buttons.len(), 3.min(offices.len()));
    assert_eq!(
        buttons[0],
        format!("office:{}", target.id),
        "the closest comes first"
    );
    assert!(
        chat.replies[0].buttons[0].label.contains("0.1 km"),
        "{:?}",
        chat.replies[0].buttons[0]
    );
}

async fn guidance_in_russian_and_chinese_leads_to_booking(db: &TestDb) {
    let engine = seeded_engine(db).await;
    let service = db.repo.services().await.unwrap().remove(0);
    for locale in ["ru", "zh-CN"] {
        let mut chat = Chat::new(&engine, "web", locale, locale, locale);
        chat.says("/guidance").await;
        chat.expect("guidance-pick-service");
        chat.presses(&format!("svc:{}", service.code)).await;
        chat.expect(&format!("service-{}-who", service.code));
        chat.expect(&format!("document-{}", service.documents[0].code));
        chat.expect("guidance-documents");
        match service.fee_fen {
            Some(fen) => assert!(chat.text().contains(&format!("¥{}", fen / 100))),
            None => chat.expect("guidance-fee-unknown"),
        }
        assert!(chat.text().contains(&service.source_url));
        chat.presses("book-this").await;
        chat.expect("booking-pick-city");
        chat.presses("back").await;
        chat.expect("booking-pick-service");
    }
}

async fn settings_change_language_and_notifications(db: &TestDb) {
    let (engine, sessions) = seeded_engine_and_sessions(db).await;
    let mut chat = Chat::new(&engine, "telegram", "9", "9", "en");
    chat.says("/start").await;
    chat.presses("book").await;
    chat.says("language").await;
    assert!(chat.has_button("lang:ru") && chat.has_button("lang:zh-CN"));
    chat.says("Русский").await;
    chat.locale = "ru".into();
    chat.expect("settings-language-changed");
    chat.expect("booking-pick-service"); // back where we were, now in Russian
    // A new session (the old one expired) still speaks Russian, whatever the platform says.
    sessions
        .delete(&SessionKey::new("telegram", "9", "9"))
        .await
        .unwrap();
    chat.locale = "en".into();
    chat.says("/start").await;
    chat.locale = "ru".into();
    chat.expect("menu-prompt");

    chat.presses("settings").await;
    chat.expect("settings-notifications-on");
    chat.presses("notify").await;
    chat.expect("settings-notifications-off");
    let user = db.repo.chat_user("telegram", "9", "en").await.unwrap();
    assert!(!user.notifications_enabled);
    assert_eq!(user.locale, "ru");
}

/// The language a platform reports is only a hint: followed when it changes (the user set
/// their phone to Korean), at once and in what is stored for notifications, until the user
/// chooses a language themselves; from then on the choice holds whatever the platform says.
async fn the_platform_language_is_followed_until_the_user_chooses_one(db: &TestDb) {
    let (engine, _sessions) = seeded_engine_and_sessions(db).await;
    let mut chat = Chat::new(&engine, "telegram", "hint-1", "hint-1", "ru-RU");
    chat.says("/start").await;
    chat.expect("menu-prompt");
    chat.locale = "ko-KR".into();
    chat.presses("book").await;
    chat.expect("booking-pick-service");
    let user = db.repo.chat_user("telegram", "hint-1", "en").await.unwrap();
    assert_eq!(user.locale, "ko", "notifications follow the platform too");
    // A platform that says nothing (a blank hint) changes nothing.
    chat.locale = "".into();
    chat.says("/start").await;
    chat.locale = "ko".into();
    chat.expect("menu-prompt");

    chat.says("language").await;
    chat.presses("lang:en").await;
    chat.locale = "en".into();
    chat.expect("settings-language-changed");
    chat.locale = "ja-JP".into();
    chat.says("/start").await;
    chat.locale = "en".into();
    chat.expect("menu-prompt");
    let user = db.repo.chat_user("telegram", "hint-1", "ja").await.unwrap();
    assert_eq!(user.locale, "en", "the user's choice beats the platform");
}

async fn words_work_at_every_step(db: &TestDb) {
    let engine = seeded_engine(db).await;
    let mut chat = Chat::new(&engine, "telegram", "11", "11", "en");
    chat.says("/book").await;
    chat.presses(&chat.first_button("svc:")).await;
    // A word typed, and what its answer shows. Words of every language work for an English
    // speaker too, and numbers answer numbered choices.
    let steps: [(&str, &[&str]); 16] = [
        ("help", &["help-text", "booking-pick-city"]),
        ("Back", &["booking-pick-service"]),
        ("cancel", &["flow-cancelled", "menu-prompt"]),
        ("/book", &[]),
        ("menu", &["menu-prompt"]),
        ("1", &["booking-pick-service"]),
        ("отмена", &["flow-cancelled"]),
        ("/nonsense", &["unknown-command"]),
        ("/book", &[]),
        ("キャンセル", &["flow-cancelled"]),
        ("/book", &[]),
        ("إلغاء", &["flow-cancelled"]),
        ("/book", &[]),
        ("Hủy", &["flow-cancelled"]),
        ("도움말", &["help-text", "menu-prompt"]),
        ("Ayuda", &["help-text"]),
    ];
    for (word, shown) in steps {
        chat.says(word).await;
        for key in shown {
            chat.expect(key);
        }
    }
}

async fn stale_buttons_and_lost_sessions_restart_politely(db: &TestDb) {
    let (engine, sessions) = seeded_engine_and_sessions(db).await;
    let key = SessionKey::new("telegram", "12", "12");
    let mut chat = Chat::new(&engine, "telegram", "12", "12", "en");
    chat.says("/book").await;
    chat.presses(&chat.first_button("svc:")).await;
    // The session expires; an old button arrives.
    sessions.delete(&key).await.unwrap();
    chat.presses("city:Beijing").await;
    chat.expect("stale-button");
    chat.expect("menu-prompt");
    // A button from another flow.
    chat.presses("yes-cancel").await;
    chat.expect("stale-button");
    // A session written by an older version, and one that is not JSON at all.
    let mut old = Session::new("en");
    old.version = 0;
    visadesk_tests::store_session(&*sessions, &key, &old, std::time::Duration::from_secs(60)).await;
    chat.says("hello").await;
    chat.expect("session-restarted");
    chat.expect("menu-prompt");
    sessions
        .save(&key, "{garbage", std::time::Duration::from_secs(60))
        .await
        .unwrap();
    chat.presses("book").await;
    chat.expect("session-restarted");
    assert_eq!(stored_session(&*sessions, &key).await.state, State::Menu);
}

/// A mid-booking session exactly as release 1 stored it (`Session::VERSION` 1, before each
/// flow owned its part of the state), with its offered day buttons.
const VERSION_1_MID_BOOKING: &str = r#"{"version":1,"locale":"en","state":{"at":"booking","step":"day","draft":{"service":"pr-application","city":"Beijing","near":null,"office":"beijing-andingmen","office_fixed":false,"day":null,"slot":null,"full_name":null,"nationality":null,"passport_no":null,"phone":null}},"buttons":[["day:2026-11-26","Thu 26 Nov 2026 (52)"],["day:2026-11-27","Fri 27 Nov 2026 (52)"],["back","⬅ Back"],["menu","☰ Menu"]]}"#;

/// Release 1's "my appointments" list, a state that release 2 stores differently.
const VERSION_1_APPOINTMENTS: &str = r#"{"version":1,"locale":"en","state":{"at":"my_appointments"},"buttons":[["book","Book an appointment"],["back","⬅ Back"],["menu","☰ Menu"]]}"#;

async fn sessions_stored_by_the_previous_release_continue_or_restart_politely(db: &TestDb) {
    let (engine, sessions) = seeded_engine_and_sessions(db).await;
    let key = SessionKey::new("telegram", "13", "13");
    let mut chat = Chat::new(&engine, "telegram", "13", "13", "en");
    let store = |text: &'static str| {
        let sessions = sessions.clone();
        let key = key.clone();
        async move {
            sessions
                .save(&key, text, std::time::Duration::from_secs(60))
                .await
                .unwrap();
        }
    };
    // Half-way through a booking: the answers so far are kept.
    store(VERSION_1_MID_BOOKING).await;
    chat.says("back").await;
    assert!(!chat.shows("session-restarted"), "{}", chat.text());
    chat.expect("booking-pick-office");
    assert!(chat.has_button("office:beijing-andingmen"));
    let carried = stored_session(&*sessions, &key).await;
    assert_eq!(carried.version, Session::VERSION);
    // A state whose shape changed: the polite restart, never an error.
    store(VERSION_1_APPOINTMENTS).await;
    chat.says("1").await;
    chat.expect("session-restarted");
    chat.expect("menu-prompt");
    let restarted = stored_session(&*sessions, &key).await;
    assert_eq!(restarted.state, State::Menu);
    // From there on the conversation works as usual.
    chat.presses("book").await;
    chat.expect("booking-pick-service");
}

async fn free_text_intents_in_every_language(db: &TestDb) {
    let engine = seeded_engine(db).await;
    let cases = [
        ("en", "I need an appointment please", "booking-pick-service"),
        ("en", "where is the office?", "offices-pick-city"),
        ("en", "what documents do I need", "guidance-pick-service"),
        ("ru", "хочу записаться на продление", "booking-pick-service"),
        ("ru", "где ближайшее отделение", "offices-pick-city"),
        ("ru", "сколько стоит", "guidance-pick-service"),
        ("zh-CN", "我想预约签证延期", "booking-pick-service"),
        ("zh-CN", "出入境大厅在哪里", "offices-pick-city"),
        ("zh-CN", "要多少钱", "guidance-pick-service"),
        ("ko", "비자 연장 예약하고 싶어요", "booking-pick-service"),
        ("ko", "가장 가까운 사무소 어디예요", "offices-pick-city"),
        ("ko", "수수료가 얼마예요", "guidance-pick-service"),
        ("ja", "ビザ延長の予約をしたい", "booking-pick-service"),
        ("ja", "窓口はどこですか", "offices-pick-city"),
        ("ja", "手数料はいくらですか", "guidance-pick-service"),
        ("fr", "je veux prendre rendez-vous", "booking-pick-service"),
        ("fr", "où est le bureau ?", "offices-pick-city"),
        ("fr", "quels sont les frais", "guidance-pick-service"),
        ("es", "quiero una cita", "booking-pick-service"),
        ("es", "¿dónde está la oficina?", "offices-pick-city"),
        ("es", "cuánto cuesta la tasa", "guidance-pick-service"),
        ("ar", "أريد حجز موعد", "booking-pick-service"),
        ("ar", "أين المكتب؟", "offices-pick-city"),
        ("ar", "كم الرسوم", "guidance-pick-service"),
        (
            "vi",
            "tôi muốn đặt lịch gia hạn thị thực",
            "booking-pick-service",
        ),
        ("vi", "văn phòng ở đâu", "offices-pick-city"),
        ("vi", "lệ phí bao nhiêu", "guidance-pick-service"),
        ("en", "blah", "menu-not-understood"),
    ];
    for (i, (locale, text, expected)) in cases.iter().enumerate() {
        let mut chat = Chat::new(
            &engine,
            "web",
            &format!("user-{i}"),
            &format!("user-{i}"),
            locale,
        );
        chat.says(text).await;
        chat.expect(expected);
    }
}

async fn anti_hoarding_limits_are_explained(db: &TestDb) {
    let engine = seeded_engine(db).await;
    let mut alice = Chat::new(&engine, "telegram", "21", "21", "en");
    alice.says("/book").await;
    alice.fills_booking("Anna Example", "E11111111").await;
    alice.presses("confirm").await;
    assert!(alice.replies[0].document.is_some());
    // Same passport, same service, from another chat user.
    let mut bob = Chat::new(&engine, "telegram", "22", "22", "en");
    bob.says("/book").await;
    bob.fills_booking("Anna Example", "E11111111").await;
    bob.presses("confirm").await;
    bob.expect("booking-limit-passport");
    // Two different passports are fine for one user, a third appointment is not.
    alice.says("/book").await;
    alice.fills_booking("Ben Example", "E22222222").await;
    alice.presses("confirm").await;
    assert!(alice.replies[0].document.is_some(), "{}", alice.text());
    alice.says("/book").await;
    alice.fills_booking("Cleo Example", "E33333333").await;
    alice.presses("confirm").await;
    assert!(
        alice.text().contains(&engine.texts().text(
            "en",
            "booking-limit-user",
            &[("limit", 2.into())]
        )),
        "{}",
        alice.text()
    );
    assert_eq!(appointments(db, &alice).await.len(), 2);
}

/// On a day's times after a place was taken: takes the first time, finds the summary with the
/// details typed before, and books.
async fn books_first_time_with_the_details_kept(chat: &mut Chat) {
    chat.presses(&chat.first_button("slot:")).await;
    assert!(
        chat.has_button("confirm"),
        "the details are kept: {}",
        chat.text()
    );
    chat.presses("confirm").await;
    assert!(chat.replies[0].document.is_some(), "{}", chat.text());
}

/// Other people take every place of `slot` (as `other-<slot>-<n>`).
async fn others_fill(db: &TestDb, slot: i64) {
    let service = db.repo.services().await.unwrap().remove(0).code;
    let capacity = db.repo.slot(slot).await.unwrap().unwrap().capacity;
    for n in 0..capacity {
        let other = db
            .repo
            .chat_user("telegram", &format!("other-{slot}-{n}"), "en")
            .await
            .unwrap();
        book_in_store(
            db.repo.as_ref(),
            slot,
            service.as_str(),
            other.id,
            Utc::now(),
        )
        .await;
    }
}

async fn last_place_taken_shows_the_next_free_times(db: &TestDb) {
    let engine = seeded_engine(db).await;
    let mut chat = Chat::new(&engine, "telegram", "31", "31", "en");
    chat.says("/book").await;
    // The last day offered has times after the first whatever the hour of the test (the first
    // day offered may be today, with one time left late in the afternoon).
    let slot = chat.picks_first_slot_of_the_last_day().await;
    chat.types_details("Anna Example", "E44444444").await;
    let capacity = db.repo.slot(slot).await.unwrap().unwrap().capacity;
    others_fill(db, slot).await;
    chat.presses("confirm").await;
    chat.expect("booking-slot-taken");
    let offered = chat.buttons();
    assert!(
        offered.iter().any(|b| b.starts_with("slot:")),
        "next free times offered: {offered:?}"
    );
    assert!(
        !offered.contains(&format!("slot:{slot}")),
        "not the full one"
    );
    books_first_time_with_the_details_kept(&mut chat).await;
    assert_eq!(
        db.repo.slot(slot).await.unwrap().unwrap().booked,
        capacity,
        "never overbooked"
    );
}

/// When the place taken meanwhile was the day's last, the user is offered other days (not an
/// empty list of times), keeps the details typed, and books on another day.
async fn last_place_of_the_day_taken_offers_other_days(db: &TestDb) {
    let engine = seeded_engine(db).await;
    let mut chat = Chat::new(&engine, "telegram", "32", "32", "en");
    chat.says("/book").await;
    chat.picks_first_office().await;
    let day = chat.buttons_starting("day:").pop().expect("days offered");
    chat.presses(&day).await;
    let times = chat.buttons_starting("slot:");
    chat.presses(&times[0]).await;
    chat.types_details("Anna Example", "E45454545").await;
    for time in &times {
        others_fill(db, time["slot:".len()..].parse().unwrap()).await;
    }
    chat.presses("confirm").await;
    chat.expect("booking-day-full");
    let days = chat.buttons_starting("day:");
    assert!(
        !days.is_empty() && !days.contains(&day),
        "other days offered: {:?}",
        chat.buttons()
    );
    chat.presses(&days[0]).await;
    books_first_time_with_the_details_kept(&mut chat).await;
}

async fn deep_links_open_the_right_flow(db: &TestDb) {
    let engine = seeded_engine(db).await;
    let office = db.repo.offices().await.unwrap().remove(0);
    let mut chat = Chat::new(&engine, "telegram", "41", "41", "en");
    chat.says("/start book").await;
    chat.expect("booking-pick-service");
    chat.says(&format!("/start office_{}", office.id)).await;
    assert!(chat.text().contains(&office.address_en));
    chat.says("/start office_nowhere").await;
    chat.expect("offices-gone");
    chat.says("/start link_ABC23456").await;
    chat.expect("code-invalid");
    chat.expect("code-ask-channel");
}

async fn group_members_have_their_own_dialogues(db: &TestDb) {
    let engine = seeded_engine(db).await;
    let mut alice = Chat::new(&engine, "telegram", "-1001", "alice", "en");
    let mut boris = Chat::new(&engine, "telegram", "-1001", "boris", "ru");
    alice.says("/guidance").await;
    boris.says("/offices").await;
    alice.presses(&alice.first_button("svc:")).await;
    alice.expect("guidance-documents");
    boris.presses("menu").await;
    boris.expect("menu-prompt");
    alice.presses("back").await;
    alice.expect("guidance-pick-service");
}

async fn every_personal_record_function_is_open(db: &TestDb) {
    let engine = seeded_engine(db).await;
    for (locale, button, expected) in [
        ("en", "passport", "identity-intro"),
        ("ru", "family", "family-prompt"),
        ("zh-CN", "progress", "identity-intro"),
    ] {
        let mut chat = Chat::new(&engine, "web", locale, locale, locale);
        chat.says("/start").await;
        chat.presses(button).await;
        chat.expect(expected);
        assert!(!chat.shows("menu-prompt"), "{}", chat.text());
    }
}

/// Messages of one sender that arrive while a turn of theirs still runs are answered in the
/// order they arrived: here six booking steps arrive 10 ms apart while the turn lock is held.
async fn messages_arriving_during_a_turn_are_answered_in_order(db: &TestDb) {
    let (engine, sessions) = seeded_engine_and_sessions(db).await;
    // The button ids of one walk to the time step, learnt in another conversation.
    let mut guide = Chat::new(&engine, "generic", "guide", "guide", "en");
    guide.says("/book").await;
    let mut script = vec![InboundKind::from_typed("/book")];
    for prefix in ["svc:", "city:", "office:", "day:", "slot:"] {
        let id = guide.first_button(prefix);
        guide.presses(&id).await;
        script.push(InboundKind::Button(id));
    }
    guide.expect("booking-ask-name");
    let key = SessionKey::new("generic", "ann", "ann");
    let held = sessions
        .try_lock(&key, std::time::Duration::from_secs(30))
        .await
        .unwrap()
        .unwrap();
    let mut answers = Vec::new();
    for kind in script {
        let engine = engine.clone();
        answers.push(tokio::spawn(async move {
            engine
                .handle(&Inbound {
                    channel: "generic".into(),
                    conversation: "ann".into(),
                    sender: "ann".into(),
                    locale_hint: Some("en".into()),
                    sender_name: None,
                    group: false,
                    private_chat: None,
                    anonymous: None,
                    kind,
                })
                .await
        }));
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    sessions.unlock(&held).await.unwrap();
    let mut offered = Vec::new();
    for answer in answers {
        let replies = answer.await.unwrap();
        offered.push(
            replies
                .iter()
                .flat_map(|r| r.buttons.iter().map(|b| b.id.clone()))
                .collect::<Vec<_>>(),
        );
    }
    // Each answer offers the next step's choices: nothing was taken out of turn.
    for (n, prefix) in ["svc:", "city:", "office:", "day:", "slot:"]
        .iter()
        .enumerate()
    {
        assert!(
            offered[n].iter().any(|b| b.starts_with(prefix)),
            "answer {n} offers no `{prefix}`: {offered:?}"
        );
    }
    let stored = sessions.load(&key).await.unwrap().unwrap();
    assert!(stored.contains("\"step\":\"name\""), "{stored}");
}

/// Issue 19: the booking confirmation lists the documents as the guidance card does, those
/// needed only in some cases marked "(if it applies to you)".
async fn the_confirmation_lists_documents_as_the_guidance_card_does(db: &TestDb) {
    let engine = seeded_engine(db).await;
    let mut chat = Chat::new(&engine, "generic", "dora", "dora", "en");
    chat.says("/guidance").await;
    chat.presses("svc:visa-renewal").await;
    let card = chat.text();
    chat.presses("book-this").await;
    if let Some(city) = chat.buttons_starting("city:").first() {
        chat.presses(&city.clone()).await;
    }
    chat.presses(&chat.first_button("office:")).await;
    chat.presses(&chat.first_button("day:")).await;
    chat.presses(&chat.first_button("slot:")).await;
    chat.types_details("Dora Example", "E12345678").await;
    chat.presses("confirm").await;
    let confirmed = chat.text();
    let listed = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("• "))
            .map(str::to_string)
            .collect()
    };
    assert!(
        listed(&card)
            .iter()
            .any(|l| l.ends_with("(if it applies to you)")),
        "{card}"
    );
    assert_eq!(listed(&confirmed), listed(&card), "{confirmed}");
}

/// Issue 19: an office whose hours include Saturday (Nanjing: "Mon-Fri 08:30-17:00; Sat
/// 09:00-17:00") offers Saturday days and times from 09:00; one open Monday to Friday
/// (Beijing) offers none.
async fn offices_open_on_saturday_offer_saturday_slots(db: &TestDb) {
    use chrono::{Datelike, NaiveDate, Weekday};
    let engine = seeded_engine(db).await;
    let days_at = async |office: &str| -> (Chat, Vec<NaiveDate>) {
        let mut chat = Chat::new(&engine, "generic", office, office, "en");
        chat.says(&format!("/start office_{office}")).await;
        chat.presses("book-here").await;
        chat.presses("svc:visa-extension").await;
        let days = chat
            .buttons_starting("day:")
            .iter()
            .map(|d| d["day:".len()..].parse().unwrap())
            .collect();
        (chat, days)
    };
    let (mut nanjing, days) = days_at("nanjing-baixia").await;
    let saturday = *days
        .iter()
        .find(|d| d.weekday() == Weekday::Sat)
        .unwrap_or_else(|| panic!("a Saturday among {days:?}"));
    assert!(days.iter().all(|d| d.weekday() != Weekday::Sun), "{days:?}");
    nanjing.presses(&format!("day:{saturday}")).await;
    let times: Vec<String> = nanjing
        .replies
        .iter()
        .flat_map(|r| r.buttons.iter().map(|b| b.label.clone()))
        .filter(|l| l.contains(':'))
        .collect();
    assert!(
        times.first().is_some_and(|t| t.starts_with("09:00")),
        "{times:?}"
    );
    assert!(
        times.last().is_some_and(|t| t.starts_with("16:30")),
        "{times:?}"
    );
    let (_, days) = days_at("beijing-andingmen").await;
    assert!(!days.is_empty());
    assert!(
        days.iter()
            .all(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)),
        "{days:?}"
    );
}

/// Issue 19: booking asks for a passport number and a phone, which a group would read: in
/// a group it continues in the private chat where the platform has one (Telegram's link
/// opens the booking there), and is not offered where it has none.
async fn a_group_booking_continues_in_private_or_is_not_offered(db: &TestDb) {
    let engine = seeded_engine(db).await;
    // A group on a platform without private chats (the generic webhook's group flag).
    let mut member = Chat::new(&engine, "generic", "family-group", "gus", "en");
    member.says("/start").await;
    assert!(!member.has_button("book"), "{:?}", member.buttons());
    member.says("/book").await;
    member.expect("booking-not-in-group");
    assert!(!member.shows("booking-pick-service"), "{}", member.text());
    // Asked in words, too.
    member.says("I want to book an appointment").await;
    assert!(!member.shows("booking-pick-service"), "{}", member.text());
    // A Telegram group: the bot's private chat, opened with the booking.
    let mut tg = Chat::new(&engine, "telegram", "-4242", "4243", "ru");
    tg.private_chat = Some("https://t.me/visadesk_test_bot".into());
    tg.says("/start").await;
    assert!(tg.has_button("book"), "{:?}", tg.buttons());
    tg.presses("book").await;
    tg.expect_with(
        "booking-in-private",
        &[("link", "https://t.me/visadesk_test_bot?start=book".into())],
    );
    assert!(!tg.shows("booking-pick-service"), "{}", tg.text());
    // The deep link, opened in the private chat, starts the booking there.
    let mut private = Chat::new(&engine, "telegram", "4243", "4243", "ru");
    private.says("/start book").await;
    private.expect("booking-pick-service");
}
