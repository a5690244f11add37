//! Signing and handing out the e-document that attests which passport is linked to a PR
//! holder's permit (for banks, tax and social security offices); it is verifiable at the
//! issuer's URL and revocable from the passport view.

use super::{attested, holder, short_id};
use crate::dialogue::engine::TurnError;
use crate::dialogue::state::{PassportState, State};
use crate::dialogue::turn::Turn;
use crate::dialogue::{Document, Reply};
use crate::documents::{AttestationPayload, PdfText, render_attestation};
use crate::store::{Applicant, EDocument, HolderPassport, PrPermit};

/// Signs and renders an e-document for the holder's office-confirmed passport.
pub(super) async fn issue(turn: &mut Turn<'_>) -> Result<State, TurnError> {
    let here = State::Passport(PassportState::Overview);
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
    turn.audit(
        "issue-e-document",
        Some(format!("e-document:{id}")),
        "issued",
    )
    .await?;
    turn.replies.push(Reply {
        text: turn.ta("passport-document-issued", vec![("url", url.into())]),
        document: Some(Document {
            filename: format!("visadesk-passport-link-{}.pdf", short_id(&id)),
            content_type: "application/pdf".into(),
            bytes,
        }),
        ..Reply::default()
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
                ("issued", texts.date(l, turn.today()).into()),
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
