//! Entering a short one-time code: one shown by visadesk on another channel ("link another
//! chat", from the settings or `/start link_<code>`), or a relative's family invitation
//! (`/start join_<code>`, in a family group chat too). Codes are stored as digests and
//! attempts count towards the chat user's linking attempt limit.

use super::access::{refuse_attempt, start_link};
use super::engine::TurnError;
use super::flow::Flow;
use super::state::{CodeEntry, CodeKind, LinkPurpose, RecordView, SettingsState, State};
use super::turn::{Input, Turn};
use crate::store::{AttemptGrant, InvitationOutcome, hash_link_code};

impl Flow for CodeEntry {
    async fn prompt(&self, turn: &mut Turn<'_>) -> Result<(), TurnError> {
        let key = match self.kind {
            CodeKind::Channel => "code-ask-channel",
            CodeKind::Invitation => "code-ask-invitation",
        };
        turn.ask(turn.t(key), Vec::new(), true);
        Ok(())
    }

    async fn handle(self, turn: &mut Turn<'_>, input: Input) -> Result<State, TurnError> {
        match input {
            Input::Text(text) => redeem(turn, self.kind, &text).await,
            other => Ok(turn.unexpected(&other, State::EnterCode(self))),
        }
    }

    fn back(&self) -> State {
        match self.kind {
            CodeKind::Invitation => RecordView::Family.state(),
            CodeKind::Channel => State::Settings(SettingsState::Main),
        }
    }
}

/// Uses a code typed (or opened from a deep link) on this channel.
async fn redeem(turn: &mut Turn<'_>, kind: CodeKind, code: &str) -> Result<State, TurnError> {
    let retry = State::EnterCode(CodeEntry { kind });
    if kind == CodeKind::Channel && turn.group {
        turn.say(turn.t("records-private-only"));
        return Ok(State::Menu);
    }
    let user = turn.user_id().await?;
    let repo = &turn.engine.repo;
    let limits = turn.engine.config.link_limits;
    let ticket = match repo
        .take_proof_attempt(user, limits.per_user(), None, turn.now)
        .await?
    {
        AttemptGrant::UserLimited { until } => {
            return refuse_attempt(turn, "redeem-code", None, "identity-limited", until).await;
        }
        AttemptGrant::Taken { ticket, .. } => ticket,
    };
    let code = code.trim();
    if !code.is_empty() && code.chars().count() <= 32 {
        let hash = hash_link_code(code);
        let used = match kind {
            CodeKind::Channel => use_channel_code(turn, &hash).await?,
            CodeKind::Invitation => use_invitation(turn, &hash).await?,
        };
        if let Some(next) = used {
            turn.engine.repo.give_back_attempt(&ticket).await?;
            return Ok(next);
        }
    }
    turn.audit("redeem-code", None, "failed").await?;
    turn.reprompt("code-invalid");
    Ok(retry)
}

/// Links this chat like the one that showed the code; `None` for a code that is not valid.
async fn use_channel_code(turn: &mut Turn<'_>, hash: &str) -> Result<Option<State>, TurnError> {
    let user = turn.user_id().await?;
    let repo = &turn.engine.repo;
    if repo
        .redeem_channel_code(hash, user, turn.now)
        .await?
        .is_none()
    {
        return Ok(None);
    }
    turn.audit("link-channel", None, "linked").await?;
    turn.say(turn.t("code-channel-linked"));
    Ok(Some(State::Menu))
}

/// Accepts a relative's invitation; `None` for a code that is not valid.
async fn use_invitation(turn: &mut Turn<'_>, hash: &str) -> Result<Option<State>, TurnError> {
    let family = RecordView::Family.state();
    let user = turn.user_id().await?;
    let repo = &turn.engine.repo;
    Ok(Some(
        match repo.accept_invitation(hash, user, turn.now).await? {
            InvitationOutcome::Invalid => return Ok(None),
            InvitationOutcome::Accepted {
                inviter,
                inviter_label,
                ..
            } => {
                let subject = Some(format!("helper:{inviter}"));
                turn.audit("delegate", subject, "granted_by_invitation")
                    .await?;
                // Display names only: the group reads this.
                let helper = turn.helper_label(inviter_label.as_deref());
                let member = turn
                    .sender_name
                    .clone()
                    .unwrap_or_else(|| turn.t("family-you"));
                turn.say(turn.ta(
                    "family-invitation-accepted",
                    vec![("helper", helper.into()), ("member", member.into())],
                ));
                family
            }
            InvitationOutcome::Own => {
                turn.say(turn.t("family-own-invitation"));
                family
            }
            InvitationOutcome::NotLinked => {
                turn.say(turn.t("family-accept-link-first"));
                if turn.group {
                    State::Menu
                } else {
                    start_link(turn, RecordView::Family, LinkPurpose::Myself)
                }
            }
        },
    ))
}
