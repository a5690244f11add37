//! Proving identity before personal records are shown: nationality, passport number and
//! birth date, plus the receipt number of one of the applicant's applications or a one-time
//! link code from an office. With `LinkPurpose::Dependent` the proof is a relative's, and it
//! makes this chat user their helper (NIA function 8) if the relative may be added without
//! being asked (`family.rs`).
//!
//! Attempts are limited per chat user per hour and per passport per day, in sliding windows
//! counted in the database before the proof is checked (so all processes share them and a
//! burst of concurrent guesses gets no more checks than the limits); a right proof gives its
//! attempt back. Past the passport's limit only an office's link code is tried, and the
//! passport's holders are told of failed proofs. A failed answer never says which part was
//! wrong. Every attempt is written to the audit log, with masked identifiers only.

use super::Action;
use super::access::refuse_attempt;
use super::engine::TurnError;
use super::family::add_proven_relative;
use super::flow::Flow;
use super::state::{
    CodeEntry, CodeKind, FamilyView, LinkDraft, LinkPurpose, LinkState, LinkStep, RecordView, State,
};
use super::turn::{Input, Turn, parse_date};
use crate::domain::{Personal, ReceiptNo};
use crate::metrics::{self, ProofOutcome};
use crate::store::{AttemptGrant, IdentityClaim, IdentityProof, passport_attempts, passport_key};

impl Flow for LinkState {
    async fn prompt(&self, turn: &mut Turn<'_>) -> Result<(), TurnError> {
        match self.step {
            // Someone linked on another channel can bring that link here with a code instead.
            LinkStep::Nationality => {
                let code = turn.button(Action::EnterCode, "identity-have-code");
                turn.ask_nationality_or(vec![code]);
            }
            LinkStep::Passport => turn.ask(turn.t("booking-ask-passport"), Vec::new(), true),
            LinkStep::BirthDate => turn.ask(turn.t("identity-ask-birth-date"), Vec::new(), true),
            LinkStep::Proof => turn.ask(turn.t("identity-ask-proof"), Vec::new(), true),
        }
        Ok(())
    }

    async fn handle(self, turn: &mut Turn<'_>, input: Input) -> Result<State, TurnError> {
        let LinkState {
            step,
            mut draft,
            then,
            purpose,
        } = self;
        let stay = |draft: LinkDraft| {
            State::Link(LinkState {
                step,
                draft,
                then,
                purpose,
            })
        };
        match (step, input) {
            (LinkStep::Nationality, Input::Button(Action::EnterCode)) => {
                return Ok(State::EnterCode(CodeEntry {
                    kind: CodeKind::Channel,
                }));
            }
            (LinkStep::Nationality, input @ (Input::Button(_) | Input::Text(_))) => {
                match turn.nationality_answer(&input) {
                    Some(n) => draft.nationality = Some(n),
                    None => return Ok(stay(draft)),
                }
            }
            (LinkStep::Passport, input @ Input::Text(_)) => match turn.passport_answer(&input) {
                Some(p) => draft.passport_no = Some(p),
                None => return Ok(stay(draft)),
            },
            (LinkStep::BirthDate, Input::Text(text)) => match parse_date(&text) {
                Some(d) => draft.birth_date = Some(Personal::new(d)),
                None => {
                    turn.reprompt("identity-birth-date-invalid");
                    return Ok(stay(draft));
                }
            },
            (LinkStep::Proof, Input::Text(text)) => {
                return verify(turn, draft, then, purpose, text.trim()).await;
            }
            (_, input) => {
                return Ok(turn.unexpected(&input, stay(draft)));
            }
        }
        let next = match step {
            LinkStep::Nationality => LinkStep::Passport,
            LinkStep::Passport => LinkStep::BirthDate,
            LinkStep::BirthDate | LinkStep::Proof => LinkStep::Proof,
        };
        Ok(State::Link(LinkState {
            step: next,
            draft,
            then,
            purpose,
        }))
    }

    fn back(&self) -> State {
        let previous = match self.step {
            LinkStep::Nationality if self.purpose == LinkPurpose::Dependent => {
                return State::Family(FamilyView);
            }
            LinkStep::Nationality => return State::Menu,
            LinkStep::Passport => LinkStep::Nationality,
            LinkStep::BirthDate => LinkStep::Passport,
            LinkStep::Proof => LinkStep::BirthDate,
        };
        State::Link(LinkState {
            step: previous,
            ..self.clone()
        })
    }
}

/// Someone who just linked their own chat learns who already acts for them (a child or an
/// elder added with their documents before they had a chat of their own): grants are never
/// kept from the person they are about.
async fn tell_helpers_already_acting(turn: &mut Turn<'_>) -> Result<(), TurnError> {
    let Some(user) = turn.known_user_id() else {
        return Ok(());
    };
    let granted = turn.engine.repo.delegations_granted(user).await?;
    if granted.is_empty() {
        return Ok(());
    }
    let helpers: Vec<String> = granted
        .iter()
        .map(|d| turn.helper_label(d.helper_label.as_deref()))
        .collect();
    turn.say(turn.ta(
        "family-already-acting",
        vec![("helpers", helpers.join(", ").into())],
    ));
    Ok(())
}

/// Checks the answers against the records, within the attempt limits.
async fn verify(
    turn: &mut Turn<'_>,
    draft: LinkDraft,
    then: RecordView,
    purpose: LinkPurpose,
    proof: &str,
) -> Result<State, TurnError> {
    let (Some(nationality), Some(passport_no), Some(birth_date)) = (
        draft.nationality.clone(),
        draft.passport_no.clone(),
        draft.birth_date.clone(),
    ) else {
        return Ok(State::Link(LinkState::start(then, purpose)));
    };
    if proof.is_empty() || proof.chars().count() > 64 {
        turn.reprompt("identity-proof-invalid");
        return Ok(State::Link(LinkState {
            step: LinkStep::Proof,
            draft,
            then,
            purpose,
        }));
    }
    let user = turn.user_id().await?;
    let repo = &turn.engine.repo;
    let key = passport_key(&nationality, &passport_no);
    let limits = turn.engine.config.link_limits;
    // Audited by the passport's digest (keyed by the store), never its number, not even
    // masked: attempts on one passport can be told apart without saying whose it is.
    let masked = Some(passport_attempts(&key));
    // Counted before the proof is checked, in one step shared by all processes: a burst of
    // concurrent guesses gets no more checks than the limits allow.
    let (ticket, passport_limited_until) = match repo
        .take_proof_attempt(
            user,
            limits.per_user(),
            Some((&key, limits.per_passport())),
            turn.now,
        )
        .await?
    {
        AttemptGrant::UserLimited { until } => {
            metrics::identity_proof(ProofOutcome::Limited);
            return refuse_attempt(turn, "link", masked, "identity-limited", until).await;
        }
        AttemptGrant::Taken {
            ticket,
            passport_limited_until,
        } => (ticket, passport_limited_until),
    };
    // The answer may be a receipt number or a link code; both are tried, one attempt counted.
    // Once the passport's attempts are used up, only an office's link code is tried: a
    // random one-time code nobody can guess, so the holder always has a way in that
    // guessing from other chats cannot block.
    let mut proofs = Vec::new();
    if passport_limited_until.is_none()
        && let Ok(receipt) = proof.parse::<ReceiptNo>()
    {
        proofs.push(IdentityProof::Receipt(receipt));
    }
    proofs.push(IdentityProof::LinkCode(Personal::new(proof.to_string())));
    let mut applicant = None;
    for proof in proofs {
        let claim = IdentityClaim {
            nationality: nationality.clone(),
            passport_no: passport_no.clone(),
            birth_date: birth_date.clone(),
            proof,
        };
        if let Some(id) = repo.verify_identity(&claim, turn.now).await? {
            applicant = Some((id, matches!(claim.proof, IdentityProof::Receipt(_))));
            break;
        }
    }
    if applicant.is_some() {
        repo.give_back_attempt(&ticket).await?;
    }
    metrics::identity_proof(match (&applicant, passport_limited_until) {
        (Some(_), _) => ProofOutcome::Proven,
        (None, Some(_)) => ProofOutcome::Limited,
        (None, None) => ProofOutcome::Failed,
    });
    match applicant {
        Some((id, _)) if purpose == LinkPurpose::Dependent => {
            add_proven_relative(turn, id, *birth_date.expose()).await
        }
        Some((id, by_receipt)) => {
            repo.link_applicant(
                user,
                id,
                if by_receipt { "receipt" } else { "link_code" },
                turn.now,
            )
            .await?;
            turn.audit("link", Some(format!("applicant:{id}")), "linked")
                .await?;
            turn.say(turn.t("identity-linked"));
            tell_helpers_already_acting(turn).await?;
            Ok(then.state())
        }
        None if let Some(until) = passport_limited_until => {
            refuse_attempt(turn, "link", masked, "identity-limited-link-code", until).await
        }
        None => {
            turn.audit("link", masked, "failed").await?;
            repo.warn_of_failed_proof(&nationality, &passport_no, user, turn.now)
                .await?;
            turn.say(turn.t("identity-failed"));
            Ok(State::Link(LinkState::start(then, purpose)))
        }
    }
}
