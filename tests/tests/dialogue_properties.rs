//! Whatever arrives, in whatever order (text, numbers, button ids valid or not, locations,
//! commands), the engine answers with at least one non-empty reply and never panics.

use proptest::prelude::*;
use std::sync::OnceLock;
use visadesk_bot::dialogue::{Engine, Inbound, InboundKind};
use visadesk_tests::{TestDb, seeded_engine};

/// Button ids the engine uses, plus ones it never offered.
const BUTTONS: &[&str] = &[
    "book",
    "appointments",
    "offices",
    "guidance",
    "settings",
    "help",
    "menu",
    "back",
    "cancel",
    "lang",
    "lang:ru",
    "lang:xx",
    "confirm",
    "yes-cancel",
    "book-here",
    "book-this",
    "notify",
    "nat:DEU",
    "nat:??",
    "svc:visa-extension",
    "svc:nope",
    "city:Beijing",
    "city:Atlantis",
    "office:nowhere",
    "day:2026-13-40",
    "day:2030-01-01",
    "slot:1",
    "slot:-5",
    "slot:x",
    "rs:1",
    "cx:1",
    "progress",
    "",
];

fn input() -> impl Strategy<Value = InboundKind> {
    prop_oneof![
        "[a-zA-Zа-я0-9 ]{0,20}".prop_map(InboundKind::Text),
        (1usize..40).prop_map(|n| InboundKind::Text(n.to_string())),
        prop::sample::select(vec![
            "назад",
            "отмена",
            "菜单",
            "help",
            "E12345678",
            "Anna Example",
            "+86 138 0013 8000",
            "DEU",
            "Beijing",
            "预约"
        ])
        .prop_map(|t| InboundKind::Text(t.into())),
        prop::sample::select(BUTTONS).prop_map(|b| InboundKind::Button(b.into())),
        // Press whatever the last answer offered: goes deep into the flows.
        Just(InboundKind::Button("@offered".into())),
        Just(InboundKind::Button("@offered".into())),
        (-90.0f64..90.0, -180.0f64..180.0).prop_map(|(latitude, longitude)| {
            InboundKind::Location {
                latitude,
                longitude,
            }
        }),
        prop::sample::select(vec![
            "/start",
            "/start book",
            "/start office_x",
            "/book",
            "/offices",
            "/language",
            "/help",
            "/cancel",
            "/zzz"
        ])
        .prop_map(InboundKind::from_typed),
    ]
}

struct World {
    runtime: tokio::runtime::Runtime,
    engine: std::sync::Arc<Engine>,
    _db: TestDb,
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let (db, engine) = runtime.block_on(async {
            let db = TestDb::sqlite().await;
            let engine = seeded_engine(&db).await;
            (db, engine)
        });
        World {
            runtime,
            engine,
            _db: db,
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_message_gets_an_answer(inputs in prop::collection::vec(input(), 1..30), user in 0u32..1_000_000) {
        let w = world();
        w.runtime.block_on(async {
            let id = format!("prop-{user}");
            let mut offered: Vec<String> = Vec::new();
            for (i, kind) in inputs.into_iter().enumerate() {
                let kind = match kind {
                    InboundKind::Button(b) if b == "@offered" => match offered.get(i % offered.len().max(1)) {
                        Some(id) => InboundKind::Button(id.clone()),
                        None => InboundKind::Button("menu".into()),
                    },
                    other => other,
                };
                let replies = w.engine.handle(&Inbound::new("prop", &id, &id, kind.clone())).await;
                prop_assert!(!replies.is_empty(), "no reply to {kind:?}");
                for r in &replies {
                    prop_assert!(!r.text.trim().is_empty(), "empty reply to {kind:?}");
                    prop_assert!(r.buttons.iter().all(|b| !b.label.trim().is_empty() && b.id.len() <= 64), "{:?}", r.buttons);
                }
                offered = replies.iter().flat_map(|r| r.buttons.iter().map(|b| b.id.clone())).collect();
            }
            Ok(())
        })?;
    }
}
