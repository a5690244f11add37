//! The PR holder's passport (NIA function 5): which passport is linked to the permanent
//! residence permit, declaring a new one after a passport change, and a signed e-document
//! attesting the link for banks, tax and social security offices.
//!
//! Only a link an office recorded is attested: a passport the holder declares here waits for
//! an office to confirm it, and until then the e-document attests the previous passport.
//! Issuing and revoking documents are audited like every disclosure.

mod e_document;

use super::access::subjects;
use super::engine::TurnError;
use super::flow::Flow;
use super::state::{DeclareDraft, DeclareStep, PassportState, State};
use super::turn::{Input, Turn, parse_date};
use super::{Action, Button};
use crate::domain::personal::mask_identifier;
use crate::store::{Applicant, DeclareOutcome, EDocument, HolderPassport, PrPermit};

/// The PR holder among the applicants this user may see (their own record first; a helper
/// acting for a relative sees the relative's).
async fn holder(turn: &Turn<'_>) -> Result<Option<(Applicant, PrPermit)>, TurnError> {
    for (applicant, _) in subjects(turn).await? {
        if let Some(pr) = turn.engine.repo.records_of(applicant.id).await?.pr_permit {
            return Ok(Some((applicant, pr)));
        }
    }
    Ok(None)
}

/// The newest passport an office linked to the permit: the one an e-document attests.
fn attested(passports: &[HolderPassport]) -> Option<&HolderPassport> {
    passports.iter().find(|p| p.confirmed)
}

fn short_id(id: &str) -> String {
    id.chars().take(8).collect::<String>().to_ascii_uppercase()
}

/// The document, if it belongs to the PR holder this user may see and is not revoked.
async fn owned_document(turn: &Turn<'_>, id: &str) -> Result<Option<EDocument>, TurnError> {
    let Some((applicant, _)) = holder(turn).await? else {
        return Ok(None);
    };
    Ok(turn
        .engine
        .repo
        .active_e_documents(applicant.id)
        .await?
        .into_iter()
        .find(|d| d.id == id))
}

/// The linked passports and the active e-documents of the PR holder.
async fn overview(turn: &mut Turn<'_>) -> Result<(), TurnError> {
    let Some((applicant, pr)) = holder(turn).await? else {
        turn.ask(turn.t("passport-no-pr"), Vec::new(), true);
        return Ok(());
    };
    let repo = &turn.engine.repo;
    let passports = repo.holder_passports(pr.id).await?;
    let documents = repo.active_e_documents(applicant.id).await?;
    let mut lines = vec![turn.ta(
        "passport-pr-line",
        vec![
            ("name", applicant.full_name.expose().clone().into()),
            ("number", mask_identifier(pr.number.expose()).into()),
        ],
    )];
    if passports.is_empty() {
        lines.push(turn.t("passport-none-linked"));
    }
    for p in &passports {
        let expires = p.expires_on.map(|d| turn.date(d)).unwrap_or_default();
        let key = if p.confirmed {
            "passport-linked-line"
        } else {
            "passport-declared-line"
        };
        let since = p.linked_at.map(|t| turn.local_date(t));
        lines.push(turn.ta(
            key,
            vec![
                ("number", p.number.masked().into()),
                (
                    "nationality",
                    turn.t(&format!("country-{}", p.nationality)).into(),
                ),
                ("expires", expires.into()),
                ("since", since.unwrap_or_default().into()),
            ],
        ));
    }
    let mut buttons = Vec::new();
    if attested(&passports).is_some() {
        buttons.push(turn.button(Action::IssueDocument, "passport-issue-document"));
    }
    buttons.push(turn.button(Action::NewPassport, "passport-declare-new"));
    if !documents.is_empty() {
        lines.push(turn.t("passport-documents-heading"));
    }
    for doc in &documents {
        let short = short_id(&doc.id);
        lines.push(turn.ta(
            "passport-document-line",
            vec![
                ("id", short.clone().into()),
                ("issued", turn.local_date(doc.issued_at).into()),
            ],
        ));
        let label = turn.ta("passport-revoke-document", vec![("id", short.into())]);
        buttons.push(Button::new(Action::RevokeDocument(doc.id.clone()), label));
    }
    let subject = Some(format!("applicant:{}", applicant.id));
    turn.audit("disclose-passport", subject, "shown").await?;
    turn.ask(lines.join("\n"), buttons, true);
    Ok(())
}

impl Flow for PassportState {
    async fn prompt(&self, turn: &mut Turn<'_>) -> Result<(), TurnError> {
        match self {
            PassportState::Overview => overview(turn).await?,
            PassportState::Declare { step, draft } => match step {
                DeclareStep::Nationality => turn.ask_nationality(),
                DeclareStep::Passport => {
                    turn.ask(turn.t("passport-ask-new-number"), Vec::new(), true)
                }
                DeclareStep::Expiry => turn.ask(turn.t("passport-ask-expiry"), Vec::new(), true),
                DeclareStep::Confirm => {
                    let number = draft
                        .passport_no
                        .as_ref()
                        .map(|p| p.masked())
                        .unwrap_or_default();
                    let expires = draft.expires_on.map(|d| turn.date(d)).unwrap_or_default();
                    let text = turn.ta(
                        "passport-declare-summary",
                        vec![("number", number.into()), ("expires", expires.into())],
                    );
                    turn.ask(
                        text,
                        vec![turn.button(Action::ConfirmDeclaration, "passport-declare-confirm")],
                        true,
                    );
                }
            },
            PassportState::ConfirmRevoke { document } => {
                let text = turn.ta(
                    "passport-revoke-confirm",
                    vec![("id", short_id(document).into())],
                );
                turn.ask(
                    text,
                    vec![turn.button(Action::ConfirmRevokeDocument, "passport-revoke-yes")],
                    true,
                );
            }
        }
        Ok(())
    }

    async fn handle(self, turn: &mut Turn<'_>, input: Input) -> Result<State, TurnError> {
        match self {
            PassportState::Overview => overview_answer(turn, input).await,
            PassportState::ConfirmRevoke { document } => match input {
                Input::Button(Action::ConfirmRevokeDocument) => revoke(turn, &document).await,
                other => Ok(turn.unexpected(
                    &other,
                    State::Passport(PassportState::ConfirmRevoke { document }),
                )),
            },
            PassportState::Declare { step, draft } => {
                declare_answer(turn, step, draft, input).await
            }
        }
    }

    fn back(&self) -> State {
        let overview = State::Passport(PassportState::Overview);
        match self {
            PassportState::Overview => State::Menu,
            PassportState::ConfirmRevoke { .. } => overview,
            PassportState::Declare { step, draft } => {
                let previous = match step {
                    DeclareStep::Nationality => return overview,
                    DeclareStep::Passport => DeclareStep::Nationality,
                    DeclareStep::Expiry => DeclareStep::Passport,
                    DeclareStep::Confirm => DeclareStep::Expiry,
                };
                State::Passport(PassportState::Declare {
                    step: previous,
                    draft: draft.clone(),
                })
            }
        }
    }
}

async fn overview_answer(turn: &mut Turn<'_>, input: Input) -> Result<State, TurnError> {
    let here = State::Passport(PassportState::Overview);
    let Input::Button(action) = &input else {
        return Ok(turn.unexpected(&input, here));
    };
    match action {
        Action::NewPassport if holder(turn).await?.is_some() => {
            Ok(State::Passport(PassportState::Declare {
                step: DeclareStep::Nationality,
                draft: DeclareDraft::default(),
            }))
        }
        Action::IssueDocument => e_document::issue(turn).await,
        Action::RevokeDocument(doc) if owned_document(turn, doc).await?.is_some() => {
            Ok(State::Passport(PassportState::ConfirmRevoke {
                document: doc.clone(),
            }))
        }
        _ => {
            turn.stale();
            Ok(here)
        }
    }
}

async fn revoke(turn: &mut Turn<'_>, document: &str) -> Result<State, TurnError> {
    let done = match holder(turn).await? {
        Some((applicant, _)) => {
            turn.engine
                .repo
                .revoke_e_document(document, applicant.id, turn.now)
                .await?
        }
        None => false,
    };
    if done {
        let subject = Some(format!("e-document:{document}"));
        turn.audit("revoke-e-document", subject, "revoked").await?;
        turn.say(turn.t("passport-document-revoked"));
    } else {
        turn.stale();
    }
    Ok(State::Passport(PassportState::Overview))
}

/// The new-passport questions: nationality, number, expiry, then confirm.
async fn declare_answer(
    turn: &mut Turn<'_>,
    step: DeclareStep,
    mut draft: DeclareDraft,
    input: Input,
) -> Result<State, TurnError> {
    let stay = |draft: DeclareDraft| State::Passport(PassportState::Declare { step, draft });
    let next = match (step, &input) {
        (DeclareStep::Nationality, Input::Button(_) | Input::Text(_)) => {
            match turn.nationality_answer(&input) {
                Some(n) => draft.nationality = Some(n),
                None => return Ok(stay(draft)),
            }
            DeclareStep::Passport
        }
        (DeclareStep::Passport, Input::Text(_)) => {
            match turn.passport_answer(&input) {
                Some(p) => draft.passport_no = Some(p),
                None => return Ok(stay(draft)),
            }
            DeclareStep::Expiry
        }
        (DeclareStep::Expiry, Input::Text(text)) => {
            match parse_date(text).filter(|d| *d > turn.today()) {
                Some(d) => draft.expires_on = Some(d),
                None => {
                    turn.reprompt("passport-expiry-invalid");
                    return Ok(stay(draft));
                }
            }
            DeclareStep::Confirm
        }
        (DeclareStep::Confirm, Input::Button(Action::ConfirmDeclaration)) => {
            return declare(turn, draft).await;
        }
        _ => {
            return Ok(turn.unexpected(&input, stay(draft)));
        }
    };
    Ok(State::Passport(PassportState::Declare {
        step: next,
        draft,
    }))
}

async fn declare(turn: &mut Turn<'_>, draft: DeclareDraft) -> Result<State, TurnError> {
    let back = State::Passport(PassportState::Overview);
    let (Some(nationality), Some(number), Some(expires)) =
        (draft.nationality, draft.passport_no, draft.expires_on)
    else {
        turn.stale();
        return Ok(back);
    };
    let Some((applicant, pr)) = holder(turn).await? else {
        turn.stale();
        return Ok(back);
    };
    let outcome = turn
        .engine
        .repo
        .declare_passport(
            applicant.id,
            pr.id,
            &nationality,
            &number,
            expires,
            turn.now,
        )
        .await?;
    // Who changed, not what to: the number stays out of the audit log.
    let subject = Some(format!("applicant:{}", applicant.id));
    let (outcome_text, key) = match outcome {
        DeclareOutcome::Declared => ("declared", "passport-declared"),
        DeclareOutcome::AlreadyKnown => ("already_known", "passport-already-known"),
    };
    turn.audit("declare-passport", subject, outcome_text)
        .await?;
    turn.say(turn.t(key));
    Ok(back)
}
