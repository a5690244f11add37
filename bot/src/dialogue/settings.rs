//! Settings: the conversation's language (each named in itself, changeable at any step,
//! remembered for the chat user across sessions) and notifications on/off.

use super::Button;
use super::engine::TurnError;
use super::state::State;
use super::turn::{Input, Turn};

pub(crate) fn prompt(turn: &mut Turn<'_>, state: &State) {
    match state {
        State::Language { .. } => {
            let buttons = turn
                .engine
                .texts
                .locales()
                .iter()
                .map(|l| Button {
                    id: format!("lang:{l}"),
                    label: turn.engine.texts.text(l, "language-name", &[]),
                })
                .collect();
            turn.ask(turn.t("settings-language-prompt"), buttons, true);
        }
        State::ConfirmForget => {
            turn.ask(
                turn.t("settings-forget-confirm"),
                vec![turn.button("forget-yes", "settings-forget-yes")],
                true,
            );
        }
        _ => {
            let key = if turn.user.notifications_enabled {
                "settings-notifications-on"
            } else {
                "settings-notifications-off"
            };
            let toggle = if turn.user.notifications_enabled {
                "settings-turn-off"
            } else {
                "settings-turn-on"
            };
            let text = format!("{}\n{}", turn.t("settings-prompt"), turn.t(key));
            let buttons = vec![
                turn.button("lang", "settings-language"),
                turn.button("notify", toggle),
                turn.button("link-channel", "settings-link-channel"),
                turn.button("enter-code", "settings-enter-code"),
                turn.button("forget", "settings-forget"),
            ];
            turn.ask(text, buttons, true);
        }
    }
}

pub(crate) async fn handle(
    turn: &mut Turn<'_>,
    state: State,
    input: Input,
) -> Result<State, TurnError> {
    match (&state, input) {
        (State::Language { resume }, Input::Button(id)) => match id.strip_prefix("lang:") {
            Some(locale) if turn.engine.texts.locales().iter().any(|l| l == locale) => {
                turn.locale = locale.to_string();
                turn.engine.repo.set_locale(turn.user.id, locale).await?;
                turn.user.locale = locale.to_string();
                turn.say(turn.t("settings-language-changed"));
                Ok((**resume).clone())
            }
            _ => {
                turn.stale();
                Ok(state)
            }
        },
        (State::Settings, Input::Button(id)) if id == "forget" => Ok(State::ConfirmForget),
        (State::Settings, Input::Button(id)) if id == "link-channel" => {
            super::family::issue_channel_code(turn).await?;
            Ok(State::Settings)
        }
        (State::Settings, Input::Button(id)) if id == "enter-code" => Ok(State::EnterCode {
            kind: super::state::CodeKind::Channel,
        }),
        (State::ConfirmForget, Input::Button(id)) if id == "forget-yes" => {
            let removed = turn.engine.repo.unlink_all(turn.user.id).await?;
            let entry = crate::store::AuditEntry {
                actor_kind: "chat_user",
                actor: turn.user.id.to_string(),
                channel: Some(turn.channel.clone()),
                action: "unlink",
                subject: None,
                outcome: if removed > 0 {
                    "unlinked"
                } else {
                    "nothing_linked"
                },
            };
            turn.engine.repo.audit(&entry, turn.now).await?;
            turn.say(turn.t(if removed > 0 {
                "settings-forgotten"
            } else {
                "settings-nothing-to-forget"
            }));
            Ok(State::Settings)
        }
        (State::Settings, Input::Button(id)) if id == "notify" => {
            let enabled = !turn.user.notifications_enabled;
            turn.engine
                .repo
                .set_notifications(turn.user.id, enabled)
                .await?;
            turn.user.notifications_enabled = enabled;
            Ok(State::Settings)
        }
        (_, input) => {
            turn.unexpected(&input);
            Ok(state)
        }
    }
}
