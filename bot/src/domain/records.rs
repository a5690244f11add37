//! Personal records kept by the offices: applications and their statuses, visas and
//! residence permits, PR permits. The values are shown only after identity is proven
//! (see `docs/architecture.md`, "Identity before personal data").

use super::ParseError;
use super::service::string_enum;
use std::fmt;
use std::str::FromStr;

string_enum!(
    /// Where a submitted application stands.
    ApplicationStatus {
        Received = "received",
        InReview = "in_review",
        MoreDocumentsNeeded = "more_documents_needed",
        Approved = "approved",
        ReadyForPickup = "ready_for_pickup",
        Collected = "collected",
        Rejected = "rejected",
    }
);

impl ApplicationStatus {
    /// Still being processed: not yet ready for pickup, collected or rejected (an estimate
    /// of when it will be ready makes sense).
    pub fn in_progress(self) -> bool {
        use ApplicationStatus::*;
        matches!(self, Received | InReview | MoreDocumentsNeeded | Approved)
    }

    /// Whether an office may move an application from `self` to `next`. Collected and
    /// rejected are final; everything else moves forward or asks for more documents.
    pub fn may_become(self, next: ApplicationStatus) -> bool {
        use ApplicationStatus::*;
        match (self, next) {
            (a, b) if a == b => false,
            (Collected | Rejected, _) => false,
            (_, Received) => false,
            (ReadyForPickup, Collected) => true,
            (ReadyForPickup, _) => false,
            (Approved, ReadyForPickup | Collected) => true,
            (Approved, _) => false,
            _ => true,
        }
    }
}

string_enum!(
    /// Visa or residence permit (both answer "how long may I stay").
    PermitKind {
        Visa = "visa",
        ResidencePermit = "residence_permit",
    }
);

string_enum!(
    /// Entries allowed by a visa or permit.
    Entries {
        Single = "single",
        Double = "double",
        Multiple = "multiple",
    }
);

string_enum!(
    /// Where an appointment stands.
    AppointmentStatus {
        Booked = "booked",
        Cancelled = "cancelled",
        Attended = "attended",
        NoShow = "no_show",
    }
);

string_enum!(
    /// State of a permanent residence permit.
    PrStatus {
        Valid = "valid",
        Expired = "expired",
        Revoked = "revoked",
        Lost = "lost",
    }
);

super::validated_string! {
    /// Receipt number printed on the acceptance slip (受理回执) of an application.
    pub struct ReceiptNo;
}

impl ReceiptNo {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ReceiptNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ReceiptNo({})",
            super::personal::mask_identifier(&self.0)
        )
    }
}

impl FromStr for ReceiptNo {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        let s = s.trim().to_ascii_uppercase();
        if (6..=32).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            Ok(Self(s))
        } else {
            Err(ParseError::new(
                "receipt number must be 6 to 32 letters, digits or '-'",
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ApplicationStatus::*;

    #[test]
    fn final_statuses_do_not_move() {
        assert!(!Collected.may_become(InReview));
        assert!(!Rejected.may_become(Approved));
        assert!(InReview.may_become(MoreDocumentsNeeded));
        assert!(MoreDocumentsNeeded.may_become(InReview));
        assert!(Approved.may_become(ReadyForPickup));
        assert!(ReadyForPickup.may_become(Collected));
        assert!(!ReadyForPickup.may_become(InReview));
    }
}
