//! Personal records behind proven identity (NIA functions 2, 3 and 4): application progress,
//! visa and residence permits, the permanent residence permit.
//!
//! A chat user sees a record only after linking to the applicant: nationality, passport
//! number and birth date, plus the receipt number of one of their applications or a one-time
//! link code from an office. Failed attempts are limited per chat user per hour and per
//! passport per day (counted in the database, so all processes share them); a failed answer
//! never says which part was wrong. Every attempt and every disclosure is written to the
//! audit log, with masked identifiers only. Replies mask numbers (`E12****78`).

use super::engine::TurnError;
use super::state::{BookingDraft, LinkDraft, LinkPurpose, LinkStep, RecordView, State};
use super::turn::{Input, Turn, parse_date};
use super::{Button, booking, family, passport};
use crate::domain::personal::mask_identifier;
use crate::domain::records::PrStatus;
use crate::domain::{ApplicationStatus, CHINA_TIME_ZONE, Entries, PermitKind, Personal, ReceiptNo};
use crate::store::Applicant;
use crate::store::{AuditEntry, IdentityClaim, IdentityProof, passport_key};

/// Permits expiring within this many days get a warning and a renewal button.
const RENEWAL_WARNING_DAYS: i64 = 30;

/// Opens a record view: straight in when the chat user is linked, else through linking.
/// In a group chat the other members read every reply, so records are not opened there.
pub(crate) async fn open(turn: &mut Turn<'_>, view: RecordView) -> Result<State, TurnError> {
    if turn.group && view != RecordView::Family {
        turn.say(turn.t("records-private-only"));
        return Ok(State::Menu);
    }
    if view == RecordView::Family || !subjects(turn).await?.is_empty() {
        return Ok(State::Records { view });
    }
    Ok(start_link(turn, view, LinkPurpose::Myself))
}

/// Starts the identity questions (for oneself, or for a relative).
pub(crate) fn start_link(turn: &mut Turn<'_>, then: RecordView, purpose: LinkPurpose) -> State {
    turn.say(turn.t(match purpose {
        LinkPurpose::Myself => "identity-intro",
        LinkPurpose::Dependent => "family-add-intro",
    }));
    State::Link {
        step: LinkStep::Nationality,
        draft: LinkDraft::default(),
        then,
        purpose,
    }
}

/// Whose records this chat user may see: the applicants they proved to be, then the relatives
/// they act for (`true`), each once.
pub(crate) async fn subjects(turn: &Turn<'_>) -> Result<Vec<(Applicant, bool)>, TurnError> {
    let mut subjects: Vec<(Applicant, bool)> = turn
        .engine
        .repo
        .linked_applicants(turn.user.id)
        .await?
        .into_iter()
        .map(|a| (a, false))
        .collect();
    for d in turn.engine.repo.delegations_held(turn.user.id).await? {
        if !subjects.iter().any(|(a, _)| a.id == d.applicant.id) {
            subjects.push((d.applicant, true));
        }
    }
    Ok(subjects)
}

pub(crate) fn audit(
    turn: &Turn<'_>,
    action: &'static str,
    subject: Option<String>,
    outcome: &'static str,
) -> AuditEntry {
    AuditEntry {
        actor_kind: "chat_user",
        actor: turn.user.id.to_string(),
        channel: Some(turn.channel.clone()),
        action,
        subject,
        outcome,
    }
}

pub(crate) fn prompt_link(turn: &mut Turn<'_>, step: LinkStep) {
    match step {
        // Someone linked on another channel can bring that link here with a code instead.
        LinkStep::Nationality => {
            let code = turn.button("enter-code", "identity-have-code");
            turn.ask_nationality_or(vec![code]);
        }
        LinkStep::Passport => turn.ask(turn.t("booking-ask-passport"), Vec::new(), true),
        LinkStep::BirthDate => turn.ask(turn.t("identity-ask-birth-date"), Vec::new(), true),
        LinkStep::Proof => turn.ask(turn.t("identity-ask-proof"), Vec::new(), true),
    }
}

pub(crate) async fn handle_link(
    turn: &mut Turn<'_>,
    step: LinkStep,
    mut draft: LinkDraft,
    then: RecordView,
    purpose: LinkPurpose,
    input: Input,
) -> Result<State, TurnError> {
    let stay = |draft: LinkDraft| State::Link {
        step,
        draft,
        then,
        purpose,
    };
    match (step, input) {
        (LinkStep::Nationality, Input::Button(id)) if id == "enter-code" => {
            return Ok(State::EnterCode {
                kind: super::state::CodeKind::Channel,
            });
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
                turn.say(turn.t("identity-birth-date-invalid"));
                return Ok(stay(draft));
            }
        },
        (LinkStep::Proof, Input::Text(text)) => {
            return verify(turn, draft, then, purpose, text.trim()).await;
        }
        (_, input) => {
            turn.unexpected(&input);
            return Ok(stay(draft));
        }
    }
    let next = match step {
        LinkStep::Nationality => LinkStep::Passport,
        LinkStep::Passport => LinkStep::BirthDate,
        LinkStep::BirthDate | LinkStep::Proof => LinkStep::Proof,
    };
    Ok(State::Link {
        step: next,
        draft,
        then,
        purpose,
    })
}

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
        return Ok(State::Link {
            step: LinkStep::Nationality,
            draft: LinkDraft::default(),
            then,
            purpose,
        });
    };
    if proof.is_empty() || proof.chars().count() > 64 {
        turn.say(turn.t("identity-proof-invalid"));
        return Ok(State::Link {
            step: LinkStep::Proof,
            draft,
            then,
            purpose,
        });
    }
    let repo = &turn.engine.repo;
    let key = passport_key(&nationality, &passport_no);
    let limits = turn.engine.config.link_limits;
    let counts = repo.link_failures(turn.user.id, &key, turn.now).await?;
    let masked = Some(format!("passport:{}", passport_no.masked()));
    if counts.by_user >= limits.per_user_per_hour
        || counts.by_passport >= limits.per_passport_per_day
    {
        let until = if counts.by_passport >= limits.per_passport_per_day {
            counts.by_passport_until
        } else {
            counts.by_user_until
        };
        repo.audit(&audit(turn, "link", masked, "limited"), turn.now)
            .await?;
        let when = turn.date_time(until, CHINA_TIME_ZONE);
        turn.say(turn.ta("identity-limited", vec![("until", when.into())]));
        return Ok(State::Menu);
    }
    // The answer may be a receipt number or a link code; both are tried, one failure counted.
    let mut proofs = Vec::new();
    if let Ok(receipt) = proof.parse::<ReceiptNo>() {
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
    match applicant {
        Some((id, _)) if purpose == LinkPurpose::Dependent => {
            repo.add_delegation(
                turn.user.id,
                id,
                "proof",
                turn.sender_name.as_deref(),
                turn.now,
            )
            .await?;
            repo.audit(
                &audit(turn, "delegate", Some(format!("applicant:{id}")), "granted"),
                turn.now,
            )
            .await?;
            turn.say(turn.t("family-added"));
            Ok(State::Records {
                view: RecordView::Family,
            })
        }
        Some((id, by_receipt)) => {
            repo.link_applicant(
                turn.user.id,
                id,
                if by_receipt { "receipt" } else { "link_code" },
                turn.now,
            )
            .await?;
            repo.audit(
                &audit(turn, "link", Some(format!("applicant:{id}")), "linked"),
                turn.now,
            )
            .await?;
            turn.say(turn.t("identity-linked"));
            Ok(State::Records { view: then })
        }
        None => {
            repo.record_link_failure(turn.user.id, &key, turn.now)
                .await?;
            repo.audit(&audit(turn, "link", masked, "failed"), turn.now)
                .await?;
            turn.say(turn.t("identity-failed"));
            Ok(State::Link {
                step: LinkStep::Nationality,
                draft: LinkDraft::default(),
                then,
                purpose,
            })
        }
    }
}

fn status_text(turn: &Turn<'_>, status: ApplicationStatus) -> String {
    turn.t(&format!("status-{}", status.as_str().replace('_', "-")))
}

pub(crate) async fn prompt_records(turn: &mut Turn<'_>, view: RecordView) -> Result<(), TurnError> {
    match view {
        RecordView::Passport => return passport::prompt(turn).await,
        RecordView::Family => return family::prompt(turn).await,
        RecordView::Progress | RecordView::Permits | RecordView::Pr => {}
    }
    let applicants = subjects(turn).await?;
    let catalogue = turn.catalogue().await?;
    let mut lines = Vec::new();
    let mut buttons = Vec::new();
    for (applicant, as_helper) in &applicants {
        let shown = if *as_helper {
            "shown_to_helper"
        } else {
            "shown"
        };
        lines.push(turn.ta(
            if *as_helper {
                "records-for-relative"
            } else {
                "records-for"
            },
            vec![("name", applicant.full_name.expose().clone().into())],
        ));
        let subject = Some(format!("applicant:{}", applicant.id));
        match view {
            RecordView::Progress => {
                let watched = turn.engine.repo.watched_applications(turn.user.id).await?;
                let applications = turn.engine.repo.applications_of(applicant.id).await?;
                if applications.is_empty() {
                    lines.push(turn.t("progress-none"));
                }
                for app in applications {
                    let office = catalogue.office(&app.office);
                    let receipt = mask_identifier(app.receipt_no.as_str());
                    let office_name = office.map(|o| turn.office_name(o)).unwrap_or_default();
                    let args = vec![
                        ("service", turn.service_name(app.service.as_str()).into()),
                        ("office", office_name.into()),
                        ("receipt", receipt.clone().into()),
                        ("status", status_text(turn, app.status).into()),
                    ];
                    lines.push(turn.ta("progress-application", args));
                    if let Some(note) = &app.status_note {
                        lines.push(turn.ta("progress-note", vec![("note", note.clone().into())]));
                    }
                    if app.status == ApplicationStatus::ReadyForPickup
                        && let Some(o) = office
                    {
                        let from = app
                            .pickup_from
                            .map(|t| turn.date_time(t, o.time_zone))
                            .unwrap_or_default();
                        let until = app
                            .pickup_until
                            .map(|t| turn.date_time(t, o.time_zone))
                            .unwrap_or_default();
                        lines.push(turn.ta(
                            "progress-pickup",
                            vec![
                                ("address", turn.office_address(o).into()),
                                ("from", from.into()),
                                ("until", until.into()),
                            ],
                        ));
                        if let Some(place) = &app.pickup_place {
                            lines.push(turn.ta(
                                "progress-pickup-place",
                                vec![("place", place.clone().into())],
                            ));
                        }
                        if let Some(bring) = &app.pickup_bring {
                            lines.push(turn.ta(
                                "progress-pickup-bring",
                                vec![("bring", bring.clone().into())],
                            ));
                        }
                    }
                    lines.push(turn.t("progress-timeline"));
                    for h in &app.history {
                        let zone = office.map_or(CHINA_TIME_ZONE, |o| o.time_zone);
                        lines.push(format!(
                            "• {} — {}",
                            turn.date_time(h.at, zone),
                            status_text(turn, h.status)
                        ));
                    }
                    let (id, key) = if watched.contains(&app.id) {
                        (format!("unwatch:{}", app.id), "progress-unwatch")
                    } else {
                        (format!("watch:{}", app.id), "progress-watch")
                    };
                    buttons.push(Button {
                        id,
                        label: turn.ta(key, vec![("receipt", receipt.into())]),
                    });
                }
                turn.engine
                    .repo
                    .audit(&audit(turn, "disclose-progress", subject, shown), turn.now)
                    .await?;
            }
            RecordView::Permits => {
                let records = turn.engine.repo.records_of(applicant.id).await?;
                if records.permits.is_empty() {
                    lines.push(turn.t("permits-none"));
                }
                let today = turn.now.with_timezone(&CHINA_TIME_ZONE).date_naive();
                for p in &records.permits {
                    let kind = match p.kind {
                        PermitKind::Visa => turn.t("permit-kind-visa"),
                        PermitKind::ResidencePermit => turn.t("permit-kind-residence-permit"),
                    };
                    let entries = match p.entries {
                        Entries::Single => turn.t("entries-single"),
                        Entries::Double => turn.t("entries-double"),
                        Entries::Multiple => turn.t("entries-multiple"),
                    };
                    lines.push(turn.ta(
                        "permit-line",
                        vec![
                            ("kind", kind.into()),
                            ("type", p.permit_type.clone().into()),
                            ("number", mask_identifier(p.number.expose()).into()),
                            ("issued", turn.date(p.issued_on).into()),
                            ("expires", turn.date(p.expires_on).into()),
                            ("entries", entries.into()),
                        ],
                    ));
                    if let Some(days) = p.stay_days {
                        lines.push(turn.ta("permit-stay", vec![("days", i64::from(days).into())]));
                    }
                    let left = (p.expires_on - today).num_days();
                    if left < 0 {
                        lines.push(turn.t("permit-expired"));
                    } else {
                        lines.push(turn.ta("permit-days-left", vec![("days", left.into())]));
                    }
                    if (0..RENEWAL_WARNING_DAYS).contains(&left) {
                        lines.push(turn.ta("permit-expiring-soon", vec![("days", left.into())]));
                        let service = match p.kind {
                            PermitKind::Visa => "visa-extension",
                            PermitKind::ResidencePermit => "residence-renewal",
                        };
                        if !buttons
                            .iter()
                            .any(|b: &Button| b.id == format!("renew:{service}"))
                        {
                            buttons.push(Button {
                                id: format!("renew:{service}"),
                                label: turn.t("permit-renew"),
                            });
                        }
                    }
                }
                turn.engine
                    .repo
                    .audit(&audit(turn, "disclose-permits", subject, shown), turn.now)
                    .await?;
            }
            RecordView::Passport | RecordView::Family => {}
            RecordView::Pr => {
                let records = turn.engine.repo.records_of(applicant.id).await?;
                match records.pr_permit {
                    None => lines.push(turn.t("pr-none")),
                    Some(pr) => {
                        let status = match pr.status {
                            PrStatus::Valid => turn.t("pr-status-valid"),
                            PrStatus::Expired => turn.t("pr-status-expired"),
                            PrStatus::Revoked => turn.t("pr-status-revoked"),
                            PrStatus::Lost => turn.t("pr-status-lost"),
                        };
                        let today = turn.now.with_timezone(&CHINA_TIME_ZONE).date_naive();
                        lines.push(turn.ta(
                            "pr-line",
                            vec![
                                ("number", mask_identifier(pr.number.expose()).into()),
                                ("issued", turn.date(pr.issued_on).into()),
                                ("expires", turn.date(pr.expires_on).into()),
                                ("status", status.into()),
                            ],
                        ));
                        let left = (pr.expires_on - today).num_days();
                        if left >= 0 {
                            lines.push(turn.ta("permit-days-left", vec![("days", left.into())]));
                        } else {
                            lines.push(turn.t("permit-expired"));
                        }
                    }
                }
                turn.engine
                    .repo
                    .audit(&audit(turn, "disclose-pr", subject, shown), turn.now)
                    .await?;
            }
        }
    }
    turn.ask(lines.join("\n"), buttons, true);
    Ok(())
}

pub(crate) async fn handle_records(
    turn: &mut Turn<'_>,
    view: RecordView,
    input: Input,
) -> Result<State, TurnError> {
    match view {
        RecordView::Passport => return passport::handle(turn, input).await,
        RecordView::Family => return family::handle(turn, input).await,
        RecordView::Progress | RecordView::Permits | RecordView::Pr => {}
    }
    let state = State::Records { view };
    let Input::Button(id) = &input else {
        turn.unexpected(&input);
        return Ok(state);
    };
    if let Some(service) = id.strip_prefix("renew:") {
        let catalogue = turn.catalogue().await?;
        if let Some(s) = catalogue.service(service) {
            let draft = BookingDraft {
                service: Some(s.code.clone()),
                ..BookingDraft::default()
            };
            return booking::start(turn, draft).await;
        }
    }
    let toggle = id
        .strip_prefix("watch:")
        .map(|a| (a, true))
        .or_else(|| id.strip_prefix("unwatch:").map(|a| (a, false)));
    if let Some((application, watch)) =
        toggle.and_then(|(a, w)| a.parse::<i64>().ok().map(|a| (a, w)))
    {
        // Only an application of a linked applicant can be watched.
        let mut owned = false;
        for (applicant, _) in subjects(turn).await? {
            owned |= turn
                .engine
                .repo
                .applications_of(applicant.id)
                .await?
                .iter()
                .any(|a| a.id == application);
        }
        if owned {
            turn.engine
                .repo
                .set_watch(turn.user.id, application, watch, turn.now)
                .await?;
            turn.say(turn.t(if watch {
                "progress-watching"
            } else {
                "progress-not-watching"
            }));
            return Ok(state);
        }
    }
    turn.stale();
    Ok(state)
}
