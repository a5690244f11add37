//! Plain domain types and rules of the Exit-Entry services: offices, services, the slot
//! calendar, applicants and their records. No I/O here: values are parsed once at the edge
//! (import, dialogue, API) and are valid from then on.

pub mod applicant;
pub mod calendar;
pub mod notice;
pub mod office;
pub mod personal;
pub mod records;
pub mod service;

pub use applicant::{FullName, Nationality, PassportNo, PhoneNumber};
pub use calendar::{Holidays, SlotTemplate, WorkingCalendar};
pub use notice::{Notice, PickupDetails};
pub use office::{CHINA_TIME_ZONE, Office, OfficeId, OpeningInterval, WeeklyHours, zone_or_china};
pub use personal::Personal;
pub use records::{ApplicationStatus, Entries, PermitKind, ReceiptNo};
pub use service::{Service, ServiceCode, ServiceDocument, ServiceKind, SlotGroup};

/// Why a value from outside could not become a domain value. The message is for operators
/// (import errors, API validation); users get localized texts from the dialogue instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub String);

impl ParseError {
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}
