//! Who this chat user may see and act for, shared by every flow that shows personal records
//! or fills a form from them. Records open only after the user proved to be the applicant
//! (`identity.rs`) or holds a relative's delegation (`family.rs`); in a group chat the other
//! members read every reply, so records are not opened there.

use super::engine::TurnError;
use super::state::{LinkPurpose, LinkState, RecordView, State};
use super::turn::Turn;
use crate::domain::CHINA_TIME_ZONE;
use crate::store::Applicant;
use chrono::{DateTime, Utc};

/// Whose records this chat user may see: the applicants they proved to be, then the relatives
/// they act for (`true`), each once.
pub(crate) async fn subjects(turn: &Turn<'_>) -> Result<Vec<(Applicant, bool)>, TurnError> {
    // A chat user not stored yet has proved nothing.
    let Some(user) = turn.known_user_id() else {
        return Ok(Vec::new());
    };
    let mut subjects: Vec<(Applicant, bool)> = turn
        .engine
        .repo
        .linked_applicants(user)
        .await?
        .into_iter()
        .map(|a| (a, false))
        .collect();
    for d in turn.engine.repo.delegations_held(user).await? {
        if !subjects.iter().any(|(a, _)| a.id == d.applicant.id) {
            subjects.push((d.applicant, true));
        }
    }
    Ok(subjects)
}

/// Where opening a record view leads: straight in when the chat user is linked, else through
/// the identity questions.
pub(crate) async fn open_record(turn: &mut Turn<'_>, view: RecordView) -> Result<State, TurnError> {
    if turn.group && view != RecordView::Family {
        turn.say(turn.t("records-private-only"));
        return Ok(State::Menu);
    }
    if view == RecordView::Family || !subjects(turn).await?.is_empty() {
        return Ok(view.state());
    }
    Ok(start_link(turn, view, LinkPurpose::Myself))
}

/// Introduces the identity questions (for oneself, or for a relative) and hands over to them.
pub(crate) fn start_link(turn: &mut Turn<'_>, then: RecordView, purpose: LinkPurpose) -> State {
    turn.say(turn.t(match purpose {
        LinkPurpose::Myself => "identity-intro",
        LinkPurpose::Dependent => "family-add-intro",
    }));
    State::Link(LinkState::start(then, purpose))
}

/// The heading above one person's records, and how the disclosure is audited.
pub(crate) fn record_heading(
    turn: &Turn<'_>,
    applicant: &Applicant,
    as_helper: bool,
) -> (String, &'static str) {
    let (key, shown) = if as_helper {
        ("records-for-relative", "shown_to_helper")
    } else {
        ("records-for", "shown")
    };
    let heading = turn.ta(
        key,
        vec![("name", applicant.full_name.expose().clone().into())],
    );
    (heading, shown)
}

/// Refuses a proof attempt past its limit: audits `action` as "limited" (with the masked
/// `subject`, if any), says `key` with the instant attempts are allowed again (`$until`, in
/// Beijing time) and goes back to the menu.
pub(super) async fn refuse_attempt(
    turn: &mut Turn<'_>,
    action: &'static str,
    subject: Option<String>,
    key: &str,
    until: DateTime<Utc>,
) -> Result<State, TurnError> {
    turn.audit(action, subject, "limited").await?;
    let when = turn.date_time(until, CHINA_TIME_ZONE);
    turn.say(turn.ta(key, vec![("until", when.into())]));
    Ok(State::Menu)
}
