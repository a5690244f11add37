//! Settings: the conversation's language (each named in itself, changeable at any step,
//! remembered for the chat user across sessions), notifications on/off, linking another
//! chat (a one-time code to type there), forgetting every identity link, and the person's
//! rights over their data (`crate::data_rights`): a copy of it, or erasing it.

use super::access::subjects;
use super::engine::TurnError;
use super::flow::Flow;
use super::state::{CodeEntry, CodeKind, SettingsState, State};
use super::turn::{Input, Turn};
use super::{Action, Button, Document, Reply};
use crate::data_rights::{PersonExport, erase_person, export_person};
use crate::store::{AuditEntry, hash_link_code, new_short_code};
use chrono::Duration;

/// How long a "link another chat" code works.
const CHANNEL_CODE_MINUTES: i64 = 15;

impl Flow for SettingsState {
    async fn prompt(&self, turn: &mut Turn<'_>) -> Result<(), TurnError> {
        match self {
            SettingsState::Language { .. } => {
                let texts = &turn.engine.texts;
                let buttons = texts
                    .locales()
                    .iter()
                    .map(|l| {
                        let label = texts.text(l, "language-name", &[]);
                        Button::new(Action::SetLocale(l.to_string()), label)
                    })
                    .collect();
                turn.ask(turn.t("settings-language-prompt"), buttons, true);
            }
            SettingsState::ConfirmForget => {
                turn.ask(
                    turn.t("settings-forget-confirm"),
                    vec![turn.button(Action::ConfirmForget, "settings-forget-yes")],
                    true,
                );
            }
            SettingsState::ConfirmErase => {
                turn.ask(
                    turn.t("settings-erase-confirm"),
                    vec![turn.button(Action::ConfirmErase, "settings-erase-yes")],
                    true,
                );
            }
            SettingsState::Main => {
                let (key, toggle) = if turn.notifications_enabled() {
                    ("settings-notifications-on", "settings-turn-off")
                } else {
                    ("settings-notifications-off", "settings-turn-on")
                };
                let text = format!("{}\n{}", turn.t("settings-prompt"), turn.t(key));
                let buttons = vec![
                    turn.button(Action::Language, "settings-language"),
                    turn.button(Action::ToggleNotifications, toggle),
                    turn.button(Action::LinkChannel, "settings-link-channel"),
                    turn.button(Action::EnterCode, "settings-enter-code"),
                    turn.button(Action::Forget, "settings-forget"),
                    turn.button(Action::DownloadData, "settings-my-data"),
                    turn.button(Action::EraseData, "settings-erase"),
                ];
                turn.ask(text, buttons, true);
            }
        }
        Ok(())
    }

    async fn handle(self, turn: &mut Turn<'_>, input: Input) -> Result<State, TurnError> {
        let main = State::Settings(SettingsState::Main);
        match (self, input) {
            (SettingsState::Language { resume }, Input::Button(Action::SetLocale(locale)))
                if turn.engine.texts.locales().contains(&locale) =>
            {
                let id = turn.user_id().await?;
                turn.engine.repo.set_locale(id, &locale).await?;
                turn.locale = locale;
                turn.say(turn.t("settings-language-changed"));
                Ok(*resume)
            }
            (SettingsState::Main, Input::Button(Action::Forget)) => {
                Ok(State::Settings(SettingsState::ConfirmForget))
            }
            (SettingsState::Main, Input::Button(Action::DownloadData)) => {
                hand_over_data(turn).await?;
                Ok(main)
            }
            (SettingsState::Main, Input::Button(Action::EraseData)) => {
                Ok(State::Settings(SettingsState::ConfirmErase))
            }
            (SettingsState::ConfirmErase, Input::Button(Action::ConfirmErase)) => {
                erase(turn).await?;
                Ok(State::Menu)
            }
            (SettingsState::Main, Input::Button(Action::LinkChannel)) => {
                issue_channel_code(turn).await?;
                Ok(main)
            }
            (SettingsState::Main, Input::Button(Action::EnterCode)) => {
                Ok(State::EnterCode(CodeEntry {
                    kind: CodeKind::Channel,
                }))
            }
            (SettingsState::ConfirmForget, Input::Button(Action::ConfirmForget)) => {
                let removed = match turn.known_user_id() {
                    Some(id) => turn.engine.repo.unlink_all(id).await?,
                    None => 0,
                };
                let outcome = if removed > 0 {
                    "unlinked"
                } else {
                    "nothing_linked"
                };
                turn.audit("unlink", None, outcome).await?;
                turn.say(turn.t(if removed > 0 {
                    "settings-forgotten"
                } else {
                    "settings-nothing-to-forget"
                }));
                Ok(main)
            }
            (SettingsState::Main, Input::Button(Action::ToggleNotifications)) => {
                turn.set_notifications(!turn.notifications_enabled())
                    .await?;
                Ok(main)
            }
            (here @ SettingsState::Language { .. }, Input::Button(_)) => {
                turn.stale();
                Ok(State::Settings(here))
            }
            (here, input) => Ok(turn.unexpected(&input, State::Settings(here))),
        }
    }

    fn back(&self) -> State {
        match self {
            SettingsState::Main => State::Menu,
            SettingsState::Language { resume } => (**resume).clone(),
            SettingsState::ConfirmForget | SettingsState::ConfirmErase => {
                State::Settings(SettingsState::Main)
            }
        }
    }
}

/// "Download my data": the JSON file of everything held about this chat user, and a summary
/// of it to read in the chat. A sender with nothing stored gets "nothing held".
async fn hand_over_data(turn: &mut Turn<'_>) -> Result<(), TurnError> {
    if turn.group {
        turn.say(turn.t("records-private-only"));
        return Ok(());
    }
    let export = match turn.known_user_id() {
        Some(id) => {
            // Written first, so the copy lists its own handing over.
            turn.audit("export-personal-data", None, "exported").await?;
            export_person(turn.engine.repo.as_ref(), id, turn.now).await?
        }
        None => None,
    };
    let Some(export) = export else {
        turn.say(turn.t("settings-my-data-nothing"));
        return Ok(());
    };
    let text = summary(turn, &export);
    turn.replies.push(Reply {
        text,
        document: Some(Document {
            filename: format!("visadesk-my-data-{}.json", turn.now.format("%Y%m%d")),
            content_type: "application/json".into(),
            bytes: export.to_json(),
        }),
        ..Reply::default()
    });
    Ok(())
}

/// The readable summary of an export: how many of each kind it holds.
fn summary(turn: &Turn<'_>, export: &PersonExport) -> String {
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX).into();
    let applications: usize = export.applicants.iter().map(|a| a.applications.len()).sum();
    let permits: usize = export
        .applicants
        .iter()
        .map(|a| a.permits.len() + usize::from(a.pr_permit.is_some()))
        .sum();
    turn.ta(
        "settings-my-data-summary",
        vec![
            ("channels", count(export.channel_identities.len())),
            ("applicants", count(export.applicants.len())),
            ("applications", count(applications)),
            ("permits", count(permits)),
            ("appointments", count(export.appointments.len())),
            ("delegations", count(export.delegations.len())),
            ("notifications", count(export.notifications.len())),
            ("audit", count(export.audit_lines.len())),
        ],
    )
}

/// "Erase my data", confirmed: the chat user and everything visadesk keeps for the chat go
/// (`crate::data_rights::erase_person`); the office's records stay. The audit line that
/// records the erasure names nobody.
async fn erase(turn: &mut Turn<'_>) -> Result<(), TurnError> {
    let erased = match turn.known_user_id() {
        Some(id) => {
            let engine = turn.engine;
            erase_person(engine.repo.as_ref(), engine.sessions.as_ref(), id)
                .await
                .map_err(|e| match e {
                    crate::data_rights::EraseError::Store(e) => TurnError::Store(e),
                    crate::data_rights::EraseError::Sessions(e) => TurnError::Session(e),
                })?
                .is_some()
        }
        None => false,
    };
    let entry = AuditEntry {
        actor_kind: "chat_user",
        actor: crate::store::personal_data::ERASED.to_string(),
        channel: Some(turn.channel.clone()),
        action: "erase-personal-data",
        subject: None,
        outcome: if erased { "erased" } else { "nothing_held" },
    };
    turn.engine.repo.audit(&entry, turn.now).await?;
    turn.forget_user();
    turn.say(turn.t("settings-erased"));
    turn.prompted = true;
    Ok(())
}

/// "Link another chat": a one-time code to type on the other channel.
async fn issue_channel_code(turn: &mut Turn<'_>) -> Result<(), TurnError> {
    if turn.group {
        turn.say(turn.t("records-private-only"));
        return Ok(());
    }
    if subjects(turn).await?.is_empty() {
        turn.say(turn.t("code-channel-nothing"));
        return Ok(());
    }
    let code = new_short_code();
    let id = turn.user_id().await?;
    turn.engine
        .repo
        .create_channel_code(
            id,
            &hash_link_code(&code),
            turn.now + Duration::minutes(CHANNEL_CODE_MINUTES),
        )
        .await?;
    turn.audit("issue-channel-code", None, "issued").await?;
    turn.say(turn.ta(
        "code-channel-shown",
        vec![
            ("code", code.into()),
            ("minutes", CHANNEL_CODE_MINUTES.into()),
        ],
    ));
    Ok(())
}
