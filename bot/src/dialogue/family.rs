//! Assisted service (NIA function 8) and linking another channel.
//!
//! A helper acts for a relative (a child, an elder) only through a recorded, revocable
//! delegation, made one of two ways: the helper proves the relative's identity with the
//! relative's own proof data ("add a relative"), or the relative, proven themselves, accepts
//! the helper's invitation code (in a family group chat too). Either side can end it at once.
//! In a group chat the bot says who acts for whom by the members' display names, never by
//! record data; personal records themselves are shown only in a private chat.
//!
//! "Link another chat": a person proven on one channel gets a short one-time code there and
//! types it on another channel (or opens `/start link_<code>`), which then sees the same
//! records. Codes are stored as digests and count towards the linking attempt limits.

use super::Button;
use super::engine::TurnError;
use super::records::{audit, start_link, subjects};
use super::state::{CodeKind, LinkPurpose, RecordView, State};
use super::turn::{Input, Turn};
use crate::store::{InvitationOutcome, hash_link_code, new_short_code};
use chrono::Duration;

/// How long a "link another chat" code works.
const CHANNEL_CODE_MINUTES: i64 = 15;
/// How long a family invitation works.
const INVITATION_HOURS: i64 = 24;
/// The attempt counters' key for short codes (per chat user; there is no passport to key on).
const CODE_ATTEMPTS_KEY: &str = "short-code";

pub(crate) async fn prompt(turn: &mut Turn<'_>) -> Result<(), TurnError> {
    let mut buttons = vec![
        turn.button("family-invite", "family-invite"),
        turn.button("family-accept", "family-accept"),
    ];
    if turn.group {
        // Names of relatives are records; a group only sees what the members themselves say.
        turn.ask(turn.t("family-group-prompt"), buttons, true);
        return Ok(());
    }
    buttons.insert(0, turn.button("family-add", "family-add"));
    let repo = &turn.engine.repo;
    let held = repo.delegations_held(turn.user.id).await?;
    let granted = repo.delegations_granted(turn.user.id).await?;
    let mut lines = vec![turn.t("family-prompt")];
    if held.is_empty() && granted.is_empty() {
        lines.push(turn.t("family-nobody"));
    }
    if !held.is_empty() {
        lines.push(turn.t("family-you-act-for"));
    }
    for d in &held {
        let name = d.applicant_name().expose().clone();
        lines.push(format!("• {name}"));
        buttons.push(Button {
            id: format!("drevoke:{}", d.id),
            label: turn.ta("family-stop-acting", vec![("name", name.into())]),
        });
    }
    if !granted.is_empty() {
        lines.push(turn.t("family-acting-for-you"));
    }
    for d in &granted {
        let helper = helper_label(turn, d.helper_label.as_deref());
        lines.push(turn.ta(
            "family-helper-line",
            vec![
                ("helper", helper.clone().into()),
                ("since", turn.date(d.granted_at.date_naive()).into()),
            ],
        ));
        buttons.push(Button {
            id: format!("drevoke:{}", d.id),
            label: turn.ta("family-withdraw", vec![("helper", helper.into())]),
        });
    }
    turn.ask(lines.join("\n"), buttons, true);
    Ok(())
}

fn helper_label(turn: &Turn<'_>, label: Option<&str>) -> String {
    label
        .map(str::to_string)
        .unwrap_or_else(|| turn.t("family-a-relative"))
}

pub(crate) async fn handle(turn: &mut Turn<'_>, input: Input) -> Result<State, TurnError> {
    let here = State::Records {
        view: RecordView::Family,
    };
    let Input::Button(id) = &input else {
        turn.unexpected(&input);
        return Ok(here);
    };
    match id.as_str() {
        "family-add" if !turn.group => {
            let linked = turn.engine.repo.linked_applicants(turn.user.id).await?;
            if linked.is_empty() {
                turn.say(turn.t("family-link-yourself-first"));
                return Ok(start_link(turn, RecordView::Family, LinkPurpose::Myself));
            }
            Ok(start_link(turn, RecordView::Family, LinkPurpose::Dependent))
        }
        "family-invite" => {
            let code = new_short_code();
            let label = turn.sender_name.clone();
            turn.engine
                .repo
                .create_invitation(
                    turn.user.id,
                    label.as_deref(),
                    &hash_link_code(&code),
                    turn.now + Duration::hours(INVITATION_HOURS),
                )
                .await?;
            turn.engine
                .repo
                .audit(&audit(turn, "invite-relative", None, "issued"), turn.now)
                .await?;
            turn.say(turn.ta(
                "family-invite-code",
                vec![("code", code.into()), ("hours", INVITATION_HOURS.into())],
            ));
            Ok(here)
        }
        "family-accept" => Ok(State::EnterCode {
            kind: CodeKind::Invitation,
        }),
        other => {
            let Some(delegation) = other
                .strip_prefix("drevoke:")
                .and_then(|d| d.parse::<i64>().ok())
            else {
                turn.stale();
                return Ok(here);
            };
            if turn
                .engine
                .repo
                .revoke_delegation(delegation, turn.user.id, turn.now)
                .await?
            {
                turn.engine
                    .repo
                    .audit(
                        &audit(
                            turn,
                            "revoke-delegation",
                            Some(format!("delegation:{delegation}")),
                            "revoked",
                        ),
                        turn.now,
                    )
                    .await?;
                turn.say(turn.t("family-revoked"));
            } else {
                turn.stale();
            }
            Ok(here)
        }
    }
}

/// "Link another chat" from the settings: a code for the other channel.
pub(crate) async fn issue_channel_code(turn: &mut Turn<'_>) -> Result<(), TurnError> {
    if turn.group {
        turn.say(turn.t("records-private-only"));
        return Ok(());
    }
    if subjects(turn).await?.is_empty() {
        turn.say(turn.t("code-channel-nothing"));
        return Ok(());
    }
    let code = new_short_code();
    turn.engine
        .repo
        .create_channel_code(
            turn.user.id,
            &hash_link_code(&code),
            turn.now + Duration::minutes(CHANNEL_CODE_MINUTES),
        )
        .await?;
    turn.engine
        .repo
        .audit(&audit(turn, "issue-channel-code", None, "issued"), turn.now)
        .await?;
    turn.say(turn.ta(
        "code-channel-shown",
        vec![
            ("code", code.into()),
            ("minutes", CHANNEL_CODE_MINUTES.into()),
        ],
    ));
    Ok(())
}

pub(crate) fn prompt_code(turn: &mut Turn<'_>, kind: CodeKind) {
    let key = match kind {
        CodeKind::Channel => "code-ask-channel",
        CodeKind::Invitation => "code-ask-invitation",
    };
    turn.ask(turn.t(key), Vec::new(), true);
}

pub(crate) async fn handle_code(
    turn: &mut Turn<'_>,
    kind: CodeKind,
    input: Input,
) -> Result<State, TurnError> {
    match input {
        Input::Text(text) => redeem(turn, kind, &text).await,
        other => {
            turn.unexpected(&other);
            Ok(State::EnterCode { kind })
        }
    }
}

/// Uses a code typed (or opened from a deep link) on this channel.
pub(crate) async fn redeem(
    turn: &mut Turn<'_>,
    kind: CodeKind,
    code: &str,
) -> Result<State, TurnError> {
    let retry = State::EnterCode { kind };
    if kind == CodeKind::Channel && turn.group {
        turn.say(turn.t("records-private-only"));
        return Ok(State::Menu);
    }
    let repo = &turn.engine.repo;
    let limits = turn.engine.config.link_limits;
    let counts = repo
        .link_failures(turn.user.id, CODE_ATTEMPTS_KEY, turn.now)
        .await?;
    if counts.by_user >= limits.per_user_per_hour {
        repo.audit(&audit(turn, "redeem-code", None, "limited"), turn.now)
            .await?;
        let when = turn.date_time(counts.by_user_until, chrono_tz::Asia::Shanghai);
        turn.say(turn.ta("identity-limited", vec![("until", when.into())]));
        return Ok(State::Menu);
    }
    let code = code.trim();
    if !code.is_empty() && code.chars().count() <= 32 {
        let hash = hash_link_code(code);
        let used = match kind {
            CodeKind::Channel => use_channel_code(turn, &hash).await?,
            CodeKind::Invitation => use_invitation(turn, &hash).await?,
        };
        if let Some(next) = used {
            return Ok(next);
        }
    }
    let repo = &turn.engine.repo;
    repo.record_link_failure(turn.user.id, CODE_ATTEMPTS_KEY, turn.now)
        .await?;
    repo.audit(&audit(turn, "redeem-code", None, "failed"), turn.now)
        .await?;
    turn.say(turn.t("code-invalid"));
    Ok(retry)
}

/// Links this chat like the one that showed the code; `None` for a code that is not valid.
async fn use_channel_code(turn: &mut Turn<'_>, hash: &str) -> Result<Option<State>, TurnError> {
    let repo = &turn.engine.repo;
    if repo
        .redeem_channel_code(hash, turn.user.id, turn.now)
        .await?
        .is_none()
    {
        return Ok(None);
    }
    repo.audit(&audit(turn, "link-channel", None, "linked"), turn.now)
        .await?;
    turn.say(turn.t("code-channel-linked"));
    Ok(Some(State::Menu))
}

/// Accepts a relative's invitation; `None` for a code that is not valid.
async fn use_invitation(turn: &mut Turn<'_>, hash: &str) -> Result<Option<State>, TurnError> {
    let family = State::Records {
        view: RecordView::Family,
    };
    let repo = &turn.engine.repo;
    Ok(Some(
        match repo.accept_invitation(hash, turn.user.id, turn.now).await? {
            InvitationOutcome::Invalid => return Ok(None),
            InvitationOutcome::Accepted {
                inviter,
                inviter_label,
                ..
            } => {
                let subject = Some(format!("helper:{inviter}"));
                repo.audit(
                    &audit(turn, "delegate", subject, "granted_by_invitation"),
                    turn.now,
                )
                .await?;
                // Display names only: the group reads this.
                let helper = helper_label(turn, inviter_label.as_deref());
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
