//! A relative's consent and revocation (issue 15 item 6), performed over the signed generic
//! webhook against the running service on PostgreSQL and Redis, as a family's integrating
//! system would: an adult is not added with their documents alone; an accepted invitation is
//! told to them in their own chat; after they end it, the same documents do not add them
//! back. (`tests/tests/holder.rs` tells the whole story, appointments and reminders too,
//! through the engine on both databases.)

use visadesk_gateway::config::RawSettings;
use visadesk_tests::chat::{ALEX, MEI, Proof};
use visadesk_tests::generic_user::GenericUser;
use visadesk_tests::json_channel::JsonUser;
use visadesk_tests::{TestApp, TestDb, redis_url, spawn_app};

const SECRET: &str = "relatives-secret-0123456789";

/// Answers the identity questions as `who`.
async fn proves(user: &mut GenericUser<'_>, who: Proof<'_>) {
    user.presses(&format!("nat:{}", who.nationality)).await;
    for answer in [who.passport, who.birth, who.code] {
        user.says(answer).await;
    }
}

/// The chat user behind a generic sender.
async fn user_id(app: &TestApp, sender: &str) -> i64 {
    app.app
        .repo
        .chat_user("generic", sender, "en")
        .await
        .unwrap()
        .id
}

/// Kinds of the notices planned for `sender`, oldest first.
async fn notices_to(app: &TestApp, sender: &str) -> Vec<String> {
    let id = user_id(app, sender).await;
    let mut rows = app.app.backoffice.outbox(None, 500).await.unwrap();
    rows.reverse();
    rows.into_iter()
        .filter(|r| r.chat_user_id == Some(id))
        .map(|r| r.kind)
        .collect()
}

/// Whom `sender` acts for, by applicant id.
async fn acts_for(app: &TestApp, sender: &str) -> Vec<i64> {
    let id = user_id(app, sender).await;
    let held = app.app.repo.delegations_held(id).await.unwrap();
    held.iter().map(|d| d.applicant.id).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_adult_is_asked_and_their_revocation_holds_over_the_webhook() {
    let db = TestDb::postgres().await;
    let app = spawn_app(RawSettings {
        redis_url: Some(redis_url()),
        generic_secret: Some(SECRET.into()),
        generic_rate_per_minute: Some(1000),
        ..db.settings()
    })
    .await;
    // Senders of their own: message ids are remembered a day in the shared Redis.
    let run = uuid::Uuid::new_v4().simple().to_string();
    let (alex_id, mei_id) = (format!("alex-{run}"), format!("mei-{run}"));
    let (alex_id, mei_id) = (alex_id.as_str(), mei_id.as_str());
    let mut alex = GenericUser::new(&app, alex_id, alex_id).speaking("en");
    alex.says("/start").await;
    alex.presses("permits").await;
    proves(&mut alex, ALEX).await;
    let linked = app
        .app
        .repo
        .linked_applicants(user_id(&app, alex_id).await)
        .await
        .unwrap();
    assert_eq!(linked.len(), 1, "Alex proved who he is: {:?}", alex.last);
    let alex_record = linked[0].id;

    // Mei, proven herself, has Alex's passport, birth date and receipt: not his consent.
    let mut mei = GenericUser::new(&app, mei_id, mei_id)
        .speaking("en")
        .named("Mei");
    mei.says("/start").await;
    mei.presses("pr").await;
    proves(&mut mei, MEI).await;
    mei.presses("menu").await;
    mei.presses("family").await;
    mei.presses("family-add").await;
    proves(&mut mei, ALEX).await;
    assert!(
        !mei.shows("family-added") && mei.last.text().contains(&mei.t("family-invite")),
        "asked to invite instead: {:?}",
        mei.last
    );
    assert!(acts_for(&app, mei_id).await.is_empty());
    assert!(notices_to(&app, alex_id).await.is_empty());

    // She invites him; he accepts in his own chat and is told there.
    mei.presses("menu").await;
    mei.presses("family").await;
    mei.presses("family-invite").await;
    let code = mei
        .last
        .text()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| {
            w.len() == 8
                && w.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
        .unwrap_or_else(|| panic!("an invitation code in {:?}", mei.last))
        .to_string();
    alex.presses("menu").await;
    alex.presses("family").await;
    alex.presses("family-accept").await;
    alex.says(&code).await;
    assert_eq!(acts_for(&app, mei_id).await, [alex_record]);
    assert_eq!(notices_to(&app, alex_id).await, ["delegation_granted"]);

    // He ends it; she is told, and his documents do not bring her back.
    alex.presses("menu").await;
    alex.presses("family").await;
    let revoke = alex.last.first_button("drevoke:");
    alex.presses(&revoke).await;
    assert!(alex.shows("family-revoked"), "{:?}", alex.last);
    assert!(acts_for(&app, mei_id).await.is_empty());
    assert!(
        notices_to(&app, mei_id)
            .await
            .contains(&"help_ended".into())
    );
    mei.presses("menu").await;
    mei.presses("family").await;
    mei.presses("family-add").await;
    proves(&mut mei, ALEX).await;
    assert!(!mei.shows("family-added"), "{:?}", mei.last);
    assert!(acts_for(&app, mei_id).await.is_empty());
}
