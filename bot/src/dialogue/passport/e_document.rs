//! Signing and handing out the e-document that attests which passport is linked to a PR
//! holder's permit (for banks, tax and social security offices); it is verifiable at the
//! issuer's URL and revocable from the passport view.

use super::{attested, holder, short_id};
use crate::dialogue::engine::TurnError;
use crate::dialogue::state::{PassportState, State};
use crate::dialogue::turn::Turn;
use crate::dialogue::{Document, Reply};
use crate::documents::page::{issuer_names, printed_locales};
use crate::documents::{AttestationPayload, PassportLink, attestation_page, render_attestation};
use crate::domain::CHINA_TIME_ZONE;
use crate::store::{Applicant, EDocument, HolderPassport};

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
    let previous = previous_passport(turn, &applicant, &passports, &passport).await?;
    let texts = &turn.engine.texts;
    let payload = AttestationPayload::passport_link(PassportLink {
        document_id: &id,
        issuer: issuer_names(texts, &issuer.issuer, &printed_locales(&turn.locale)),
        issued_on: turn.now.with_timezone(&CHINA_TIME_ZONE).date_naive(),
        holder: applicant.full_name.expose(),
        nationality: passport.nationality.as_str(),
        pr_permit: pr.number.expose(),
        pr_permit_expires: pr.expires_on,
        passport: passport.number.expose(),
        previous_passport: previous.as_deref(),
    });
    let signed = payload.to_signed_text();
    let signature = issuer.key.sign(signed.as_bytes());
    let url = issuer.verify_url(&id);
    let text = attestation_page(texts, &turn.locale, &payload, &url, &signed, &signature);
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

/// The passport the attested one replaced: the newest other passport of the holder on
/// record, leaving out one the holder declared that no office has confirmed yet.
async fn previous_passport(
    turn: &Turn<'_>,
    applicant: &Applicant,
    linked: &[HolderPassport],
    attested: &HolderPassport,
) -> Result<Option<String>, TurnError> {
    let records = turn.engine.repo.records_of(applicant.id).await?;
    Ok(records
        .passports
        .iter()
        .filter(|p| p.id != attested.id)
        .filter(|p| !linked.iter().any(|l| l.id == p.id && !l.confirmed))
        .max_by_key(|p| (p.issued_on, p.id))
        .map(|p| p.number.expose().to_string()))
}
