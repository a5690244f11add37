//! Visas and residence permits (NIA function 3) and the permanent residence permit (NIA
//! function 4) of each person this chat user may see: numbers masked, days left, and for a
//! permit expiring soon a button that books its renewal (the engine handles `renew:` from any
//! step, as it does for the same button in a notification). Each disclosure is audited.

use super::access::{record_heading, subjects};
use super::engine::TurnError;
use super::flow::Flow;
use super::state::{PermitsView, State};
use super::turn::{Input, Turn};
use super::{Action, Button};
use crate::domain::personal::mask_identifier;
use crate::domain::records::PrStatus;
use crate::domain::{Entries, PermitKind, ServiceCode};
use crate::store::Applicant;

/// Permits expiring within this many days get a warning and a renewal button.
const RENEWAL_WARNING_DAYS: i64 = 30;

impl Flow for PermitsView {
    async fn prompt(&self, turn: &mut Turn<'_>) -> Result<(), TurnError> {
        let mut lines = Vec::new();
        let mut buttons = Vec::new();
        for (applicant, as_helper) in subjects(turn).await? {
            let (heading, shown) = record_heading(turn, &applicant, as_helper);
            lines.push(heading);
            let subject = Some(format!("applicant:{}", applicant.id));
            match self {
                PermitsView::Permits => {
                    permits(turn, &applicant, &mut lines, &mut buttons).await?;
                    turn.audit("disclose-permits", subject, shown).await?;
                }
                PermitsView::Pr => {
                    pr(turn, &applicant, &mut lines).await?;
                    turn.audit("disclose-pr", subject, shown).await?;
                }
            }
        }
        turn.ask(lines.join("\n"), buttons, true);
        Ok(())
    }

    async fn handle(self, turn: &mut Turn<'_>, input: Input) -> Result<State, TurnError> {
        // The only buttons here are `renew:`, which the engine takes before any flow.
        Ok(turn.unexpected(&input, State::Permits(self)))
    }

    fn back(&self) -> State {
        State::Menu
    }
}

async fn permits(
    turn: &Turn<'_>,
    applicant: &Applicant,
    lines: &mut Vec<String>,
    buttons: &mut Vec<Button>,
) -> Result<(), TurnError> {
    let records = turn.engine.repo.records_of(applicant.id).await?;
    if records.permits.is_empty() {
        lines.push(turn.t("permits-none"));
    }
    let today = turn.today();
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
            if let Ok(code) = service.parse::<ServiceCode>() {
                let renew = Button::new(Action::Renew(code), turn.t("permit-renew"));
                if !buttons.iter().any(|b| b.id == renew.id) {
                    buttons.push(renew);
                }
            }
        }
    }
    Ok(())
}

async fn pr(
    turn: &Turn<'_>,
    applicant: &Applicant,
    lines: &mut Vec<String>,
) -> Result<(), TurnError> {
    let records = turn.engine.repo.records_of(applicant.id).await?;
    let Some(pr) = records.pr_permit else {
        lines.push(turn.t("pr-none"));
        return Ok(());
    };
    let status = match pr.status {
        PrStatus::Valid => turn.t("pr-status-valid"),
        PrStatus::Expired => turn.t("pr-status-expired"),
        PrStatus::Revoked => turn.t("pr-status-revoked"),
        PrStatus::Lost => turn.t("pr-status-lost"),
    };
    let today = turn.today();
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
    Ok(())
}
