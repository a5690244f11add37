//! Plain domain types and rules of the Exit-Entry services: offices, services, the slot
//! calendar, applicants and their records. No I/O here: values are parsed once at the edge
//! (import, dialogue, API) and are valid from then on.

pub mod applicant;
pub mod calendar;
pub mod countries;
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

/// Declares a string newtype that is valid by construction: its `FromStr` (written next to
/// it) checks and normalises, and every other way in goes through that: `TryFrom<String>`,
/// and serde, which reads it as a `String` and parses it (so an import file or a stored
/// session cannot carry an unchecked value). `displayed` adds `as_str` and `Display`, for
/// the values that are not personal data.
macro_rules! validated_string {
    ($(#[$meta:meta])* pub struct $name:ident;) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl TryFrom<String> for $name {
            type Error = $crate::domain::ParseError;
            fn try_from(s: String) -> Result<Self, $crate::domain::ParseError> {
                s.parse()
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }
    };
    ($(#[$meta:meta])* pub struct $name:ident; displayed) => {
        $crate::domain::validated_string!($(#[$meta])* pub struct $name;);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}
pub(crate) use validated_string;
