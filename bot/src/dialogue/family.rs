//! Assisted service (NIA function 8): who this chat user acts for and who acts for them.
//!
//! A helper acts for a relative only through a recorded, revocable delegation, made one of
//! two ways: the relative, proven themselves, accepts the helper's invitation code in their
//! own chat (in a family group chat too); or, for a child or an elder who has no chat of their
//! own and has never ended this helper's access, the helper proves the relative's identity
//! with the relative's own proof data ("add a relative"). Documents a relative holds are not
//! consent: everyone else is asked. Either side can end it at once; the applicant's own
//! chats are told of every grant and end, and the helper when the applicant ends it (notices
//! planned by the store with the change).
//! In a group chat the bot says who acts for whom by the members' display names, never by
//! record data; personal records themselves are shown only in a private chat.

use super::access::start_link;
use super::engine::TurnError;
use super::flow::Flow;
use super::state::{CodeEntry, CodeKind, FamilyView, LinkPurpose, RecordView, State};
use super::turn::{Input, Turn};
use super::{Action, Button};
use crate::domain::applicant::{CHILD_UNDER_YEARS, ELDER_FROM_YEARS, added_without_asking};
use crate::store::{hash_link_code, new_short_code};
use chrono::{Duration, NaiveDate};

/// How long a family invitation works.
const INVITATION_HOURS: i64 = 24;

impl Flow for FamilyView {
    async fn prompt(&self, turn: &mut Turn<'_>) -> Result<(), TurnError> {
        overview(turn).await
    }

    async fn handle(self, turn: &mut Turn<'_>, input: Input) -> Result<State, TurnError> {
        let Input::Button(action) = input else {
            return Ok(turn.unexpected(&input, State::Family(self)));
        };
        answer(turn, action).await
    }

    fn back(&self) -> State {
        State::Menu
    }
}

/// Who this user acts for and who acts for them, each with a button to end it.
async fn overview(turn: &mut Turn<'_>) -> Result<(), TurnError> {
    let mut buttons = vec![
        turn.button(Action::InviteRelative, "family-invite"),
        turn.button(Action::AcceptInvitation, "family-accept"),
    ];
    if turn.group {
        // Names of relatives are records; a group only sees what the members themselves say.
        turn.ask(turn.t("family-group-prompt"), buttons, true);
        return Ok(());
    }
    buttons.insert(0, turn.button(Action::AddRelative, "family-add"));
    let repo = &turn.engine.repo;
    let (held, granted) = match turn.known_user_id() {
        Some(user) => (
            repo.delegations_held(user).await?,
            repo.delegations_granted(user).await?,
        ),
        None => (Vec::new(), Vec::new()),
    };
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
        let label = turn.ta("family-stop-acting", vec![("name", name.into())]);
        buttons.push(Button::new(Action::RevokeDelegation(d.id), label));
    }
    if !granted.is_empty() {
        lines.push(turn.t("family-acting-for-you"));
    }
    for d in &granted {
        let helper = turn.helper_label(d.helper_label.as_deref());
        lines.push(turn.ta(
            "family-helper-line",
            vec![
                ("helper", helper.clone().into()),
                ("since", turn.local_date(d.granted_at).into()),
            ],
        ));
        let label = turn.ta("family-withdraw", vec![("helper", helper.into())]);
        buttons.push(Button::new(Action::RevokeDelegation(d.id), label));
    }
    turn.ask(lines.join("\n"), buttons, true);
    Ok(())
}

/// After this user proved a relative's identity (`identity.rs`): makes them the relative's
/// helper if the relative may be added without being asked (a child or an elder by the
/// proven birth date, today in Beijing, with no chat of their own and who never ended this
/// helper's access); otherwise asks for the relative's consent through an invitation.
pub(super) async fn add_proven_relative(
    turn: &mut Turn<'_>,
    applicant_id: i64,
    birth: NaiveDate,
) -> Result<State, TurnError> {
    let helper = turn.user_id().await?;
    let repo = &turn.engine.repo;
    let subject = Some(format!("applicant:{applicant_id}"));
    let today = turn.today();
    if !added_without_asking(birth, today) || repo.needs_consent(helper, applicant_id).await? {
        turn.audit("delegate", subject, "consent_needed").await?;
        turn.say(turn.ta(
            "family-ask-consent",
            vec![
                ("child_under", CHILD_UNDER_YEARS.into()),
                ("elder_from", ELDER_FROM_YEARS.into()),
            ],
        ));
        return Ok(RecordView::Family.state());
    }
    let label = turn.sender_name.as_deref();
    repo.add_delegation(helper, applicant_id, "proof", label, turn.now)
        .await?;
    turn.audit("delegate", subject, "granted").await?;
    turn.say(turn.t("family-added"));
    Ok(RecordView::Family.state())
}

async fn answer(turn: &mut Turn<'_>, action: Action) -> Result<State, TurnError> {
    let here = State::Family(FamilyView);
    match action {
        Action::AddRelative if !turn.group => {
            let linked = match turn.known_user_id() {
                Some(user) => turn.engine.repo.linked_applicants(user).await?,
                None => Vec::new(),
            };
            if linked.is_empty() {
                turn.say(turn.t("family-link-yourself-first"));
                return Ok(start_link(turn, RecordView::Family, LinkPurpose::Myself));
            }
            Ok(start_link(turn, RecordView::Family, LinkPurpose::Dependent))
        }
        Action::InviteRelative => {
            let code = new_short_code();
            let label = turn.sender_name.clone();
            let user = turn.user_id().await?;
            turn.engine
                .repo
                .create_invitation(
                    user,
                    label.as_deref(),
                    &hash_link_code(&code),
                    turn.now + Duration::hours(INVITATION_HOURS),
                )
                .await?;
            turn.audit("invite-relative", None, "issued").await?;
            turn.say(turn.ta(
                "family-invite-code",
                vec![("code", code.into()), ("hours", INVITATION_HOURS.into())],
            ));
            Ok(here)
        }
        Action::AcceptInvitation => Ok(State::EnterCode(CodeEntry {
            kind: CodeKind::Invitation,
        })),
        Action::RevokeDelegation(delegation) => {
            let user = turn.user_id().await?;
            if turn
                .engine
                .repo
                .revoke_delegation(delegation, user, turn.now)
                .await?
            {
                let subject = Some(format!("delegation:{delegation}"));
                turn.audit("revoke-delegation", subject, "revoked").await?;
                turn.say(turn.t("family-revoked"));
            } else {
                turn.stale();
            }
            Ok(here)
        }
        _ => {
            turn.stale();
            Ok(here)
        }
    }
}
