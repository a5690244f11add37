//! Settings: the conversation's language (each named in itself, changeable at any step,
//! remembered for the chat user across sessions), notifications on/off, linking another
//! chat (a one-time code to type there) and forgetting every identity link.

use super::access::subjects;
use super::engine::TurnError;
use super::flow::Flow;
use super::state::{CodeEntry, CodeKind, SettingsState, State};
use super::turn::{Input, Turn};
use super::{Action, Button};
use crate::store::{hash_link_code, new_short_code};
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
            SettingsState::ConfirmForget => State::Settings(SettingsState::Main),
        }
    }
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
