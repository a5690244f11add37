//! The PR holder's passport (NIA function 5): which passport is linked to the permanent
//! residence permit, declaring a new one after a passport change, and a signed e-document
//! attesting the link for banks, tax and social security offices.
//!
//! Only a link an office recorded is attested: a passport the holder declares here waits for
//! an office to confirm it, and until then the e-document attests the previous passport.
//! Issuing and revoking documents are audited like every disclosure.

use super::engine::TurnError;
use super::records::{audit, subjects};
use super::state::{DeclareDraft, DeclareStep, RecordView, State};
use super::turn::{Input, Turn, parse_date};
use super::{Button, Document};
use crate::documents::{AttestationPayload, PdfText, render_attestation};
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

pub(crate) async fn prompt(turn: &mut Turn<'_>) -> Result<(), TurnError> {
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
        let since = p.linked_at.map(|t| turn.date(t.date_naive()));
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
        buttons.push(turn.button("edoc", "passport-issue-document"));
    }
    buttons.push(turn.button("new-passport", "passport-declare-new"));
    if !documents.is_empty() {
        lines.push(turn.t("passport-documents-heading"));
    }
    for doc in &documents {
        let short = short_id(&doc.id);
        lines.push(turn.ta(
            "passport-document-line",
            vec![
                ("id", short.clone().into()),
                ("issued", turn.date(doc.issued_at.date_naive()).into()),
            ],
        ));
        buttons.push(Button {
            id: format!("edoc-revoke:{}", doc.id),
            label: turn.ta("passport-revoke-document", vec![("id", short.into())]),
        });
    }
    repo.audit(
        &audit(
            turn,
            "disclose-passport",
            Some(format!("applicant:{}", applicant.id)),
            "shown",
        ),
        turn.now,
    )
    .await?;
    turn.ask(lines.join("\n"), buttons, true);
    Ok(())
}

fn short_id(id: &str) -> String {
    id.chars().take(8).collect::<String>().to_ascii_uppercase()
}

pub(crate) async fn handle(turn: &mut Turn<'_>, input: Input) -> Result<State, TurnError> {
    let here = State::Records {
        view: RecordView::Passport,
    };
    let Input::Button(id) = &input else {
        turn.unexpected(&input);
        return Ok(here);
    };
    match id.as_str() {
        "new-passport" if holder(turn).await?.is_some() => Ok(State::DeclarePassport {
            step: DeclareStep::Nationality,
            draft: DeclareDraft::default(),
        }),
        "edoc" => issue(turn).await,
        other => match other.strip_prefix("edoc-revoke:") {
            Some(doc) if owned_document(turn, doc).await?.is_some() => {
                Ok(State::ConfirmRevokeDocument {
                    document: doc.to_string(),
                })
            }
            _ => {
                turn.stale();
                Ok(here)
            }
        },
    }
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

/// Signs and renders an e-document for the holder's office-confirmed passport.
async fn issue(turn: &mut Turn<'_>) -> Result<State, TurnError> {
    let here = State::Records {
        view: RecordView::Passport,
    };
    let Some((applicant, pr)) = holder(turn).await? else {
        turn.stale();
        return Ok(here);
    };
    let passports = turn.engine.repo.holder_passports(pr.id).await?;
    let Some(passport) = attested(&passports).cloned() else {
        turn.stale();
        return Ok(here);
    };
    let Some(issuer) = turn.engine.documents.clone().filter(|i| i.font.is_some()) else {
        tracing::warn!("e-document asked for, but no signing key or PDF font is configured");
        turn.say(turn.t("passport-document-unavailable"));
        return Ok(here);
    };
    let id = uuid::Uuid::new_v4().to_string();
    let payload = AttestationPayload::passport_link(
        &id,
        turn.now,
        applicant.full_name.expose(),
        passport.nationality.as_str(),
        pr.number.expose(),
        pr.expires_on,
        passport.number.expose(),
    );
    let signed = payload.to_signed_text();
    let signature = issuer.key.sign(signed.as_bytes());
    let url = issuer.verify_url(&id);
    let text = pdf_text(
        turn, &applicant, &pr, &passport, &id, &url, &signed, &signature,
    );
    let font = issuer.font.clone().expect("filtered above");
    let bytes = match tokio::task::spawn_blocking(move || render_attestation(&font, &text)).await {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(e)) => {
            tracing::error!(error = %e, "e-document rendering failed");
            turn.say(turn.t("passport-document-unavailable"));
            return Ok(here);
        }
        Err(e) => {
            tracing::error!(error = %e, "e-document rendering panicked");
            turn.say(turn.t("passport-document-unavailable"));
            return Ok(here);
        }
    };
    turn.engine
        .repo
        .insert_e_document(&EDocument {
            id: id.clone(),
            kind: crate::documents::PASSPORT_LINK.to_string(),
            applicant_id: applicant.id,
            pr_permit_id: Some(pr.id),
            passport_id: Some(passport.id),
            payload: signed,
            signature,
            issued_at: turn.now,
            revoked_at: None,
        })
        .await?;
    turn.engine
        .repo
        .audit(
            &audit(
                turn,
                "issue-e-document",
                Some(format!("e-document:{id}")),
                "issued",
            ),
            turn.now,
        )
        .await?;
    turn.replies.push(super::Reply {
        text: turn.ta("passport-document-issued", vec![("url", url.into())]),
        document: Some(Document {
            filename: format!("visadesk-passport-link-{}.pdf", short_id(&id)),
            content_type: "application/pdf".into(),
            bytes,
        }),
        ..super::Reply::default()
    });
    Ok(here)
}

/// The page's texts: the holder's language first, then Chinese (once if they are the same).
#[allow(clippy::too_many_arguments)]
fn pdf_text(
    turn: &Turn<'_>,
    applicant: &Applicant,
    pr: &PrPermit,
    passport: &HolderPassport,
    id: &str,
    url: &str,
    signed: &str,
    signature: &str,
) -> PdfText {
    let mut locales = vec![turn.locale.clone()];
    if turn.locale != "zh-CN" {
        locales.push("zh-CN".to_string());
    }
    let texts = &turn.engine.texts;
    let sections = locales
        .iter()
        .map(|l| {
            let args = vec![
                ("name", applicant.full_name.expose().clone().into()),
                (
                    "nationality",
                    texts
                        .text(l, &format!("country-{}", passport.nationality), &[])
                        .into(),
                ),
                ("pr", pr.number.expose().clone().into()),
                ("pr_expires", texts.date(l, pr.expires_on).into()),
                ("passport", passport.number.expose().to_string().into()),
                ("id", id.to_string().into()),
                ("issued", texts.date(l, turn.now.date_naive()).into()),
            ];
            let lines = [
                "edoc-statement",
                "edoc-holder",
                "edoc-pr",
                "edoc-passport",
                "edoc-id",
                "edoc-verify",
            ]
            .iter()
            .map(|k| texts.text(l, k, &args))
            .collect();
            (texts.text(l, "edoc-title", &[]), lines)
        })
        .collect();
    PdfText {
        title: texts.text(&turn.locale, "edoc-title", &[]),
        sections,
        verify_url: url.to_string(),
        small_print: vec![
            format!("payload: {signed}"),
            format!("ed25519 signature (base64): {signature}"),
        ],
    }
}

pub(crate) fn prompt_state(turn: &mut Turn<'_>, state: &State) {
    match state {
        State::DeclarePassport { step, draft } => match step {
            DeclareStep::Nationality => turn.ask_nationality(),
            DeclareStep::Passport => turn.ask(turn.t("passport-ask-new-number"), Vec::new(), true),
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
                    vec![turn.button("declare-yes", "passport-declare-confirm")],
                    true,
                );
            }
        },
        State::ConfirmRevokeDocument { document } => {
            let text = turn.ta(
                "passport-revoke-confirm",
                vec![("id", short_id(document).into())],
            );
            turn.ask(
                text,
                vec![turn.button("revoke-yes", "passport-revoke-yes")],
                true,
            );
        }
        _ => {}
    }
}

pub(crate) async fn handle_state(
    turn: &mut Turn<'_>,
    state: State,
    input: Input,
) -> Result<State, TurnError> {
    match state {
        State::ConfirmRevokeDocument { document } => match &input {
            Input::Button(id) if id == "revoke-yes" => {
                let done = match holder(turn).await? {
                    Some((applicant, _)) => {
                        turn.engine
                            .repo
                            .revoke_e_document(&document, applicant.id, turn.now)
                            .await?
                    }
                    None => false,
                };
                if done {
                    turn.engine
                        .repo
                        .audit(
                            &audit(
                                turn,
                                "revoke-e-document",
                                Some(format!("e-document:{document}")),
                                "revoked",
                            ),
                            turn.now,
                        )
                        .await?;
                    turn.say(turn.t("passport-document-revoked"));
                } else {
                    turn.stale();
                }
                Ok(State::Records {
                    view: RecordView::Passport,
                })
            }
            _ => {
                turn.unexpected(&input);
                Ok(State::ConfirmRevokeDocument { document })
            }
        },
        State::DeclarePassport { step, mut draft } => {
            let stay = |draft: DeclareDraft| State::DeclarePassport { step, draft };
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
                    match parse_date(text).filter(|d| *d > turn.now.date_naive()) {
                        Some(d) => draft.expires_on = Some(d),
                        None => {
                            turn.say(turn.t("passport-expiry-invalid"));
                            return Ok(stay(draft));
                        }
                    }
                    DeclareStep::Confirm
                }
                (DeclareStep::Confirm, Input::Button(id)) if id == "declare-yes" => {
                    return declare(turn, draft).await;
                }
                _ => {
                    turn.unexpected(&input);
                    return Ok(stay(draft));
                }
            };
            Ok(State::DeclarePassport { step: next, draft })
        }
        other => {
            turn.stale();
            Ok(other)
        }
    }
}

async fn declare(turn: &mut Turn<'_>, draft: DeclareDraft) -> Result<State, TurnError> {
    let back = State::Records {
        view: RecordView::Passport,
    };
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
    let subject = Some(format!("passport:{}", number.masked()));
    let (outcome_text, key) = match outcome {
        DeclareOutcome::Declared => ("declared", "passport-declared"),
        DeclareOutcome::AlreadyKnown => ("already_known", "passport-already-known"),
    };
    turn.engine
        .repo
        .audit(
            &audit(turn, "declare-passport", subject, outcome_text),
            turn.now,
        )
        .await?;
    turn.say(turn.t(key));
    Ok(back)
}
