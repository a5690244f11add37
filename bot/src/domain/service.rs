//! The service catalogue: what an office can do for a foreigner, its fee, processing time
//! and required documents. Names and document texts live in `locales/*/catalogue.ftl`,
//! keyed by the codes here.

use super::ParseError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

super::validated_string! {
    /// Stable service code (`visa-extension`); the Fluent key `service-<code>` names it.
    #[derive(Debug, PartialOrd, Ord)]
    pub struct ServiceCode;
    displayed
}

impl FromStr for ServiceCode {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        super::office::parse_slug(s, "service code").map(Self)
    }
}

/// A closed set of values stored and exchanged as fixed strings (`"visa_extension"`).
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        pub enum $name { $(#[serde(rename = $text)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::domain::ParseError;
            fn from_str(s: &str) -> Result<Self, $crate::domain::ParseError> {
                match s { $($text => Ok($name::$variant),)+
                    _ => Err($crate::domain::ParseError::new(format!(
                        "'{s}' is not one of: {}", [$($text),+].join(", ")))) }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { f.write_str(self.as_str()) }
        }
    };
}
pub(crate) use string_enum;

string_enum!(
    /// What kind of procedure a service is; drives which flows offer it.
    ServiceKind {
        VisaExtension = "visa_extension",
        VisaRenewal = "visa_renewal",
        VisaReissuance = "visa_reissuance",
        ResidenceFirst = "residence_first",
        ResidenceRenewal = "residence_renewal",
        ResidenceChange = "residence_change",
        ResidenceReissuance = "residence_reissuance",
        PrApplication = "pr_application",
    }
);

string_enum!(
    /// Services of one group share an office's counter, hence its slot calendar.
    SlotGroup {
        Visa = "visa",
        Residence = "residence",
        Pr = "pr",
    }
);

/// One item of a service's document checklist; `document-<code>` in the locales describes it.
/// In import files it is either `{"code": "photo", "required": true}` or the short form
/// `"photo"` (required) / `"photo?"` (only in some cases).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "DocumentForm")]
pub struct ServiceDocument {
    pub code: String,
    pub required: bool,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum DocumentForm {
    Short(String),
    Full { code: String, required: bool },
}

impl TryFrom<DocumentForm> for ServiceDocument {
    type Error = ParseError;
    fn try_from(form: DocumentForm) -> Result<Self, ParseError> {
        let (code, required) = match form {
            DocumentForm::Short(s) => match s.strip_suffix('?') {
                Some(code) => (code.to_string(), false),
                None => (s, true),
            },
            DocumentForm::Full { code, required } => (code, required),
        };
        super::office::parse_slug(&code, "document code")?;
        Ok(Self { code, required })
    }
}

/// A service of the catalogue; also its import record.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub code: ServiceCode,
    pub kind: ServiceKind,
    pub slot_group: SlotGroup,
    /// Fee in fen (1 yuan = 100 fen); `None` where no source confirmed it.
    pub fee_fen: Option<i64>,
    pub fee_verified: bool,
    #[serde(default)]
    pub fee_note_key: Option<String>,
    /// Statutory processing time in working days.
    pub processing_days: Option<i32>,
    pub processing_verified: bool,
    pub documents: Vec<ServiceDocument>,
    pub source_url: String,
    pub checked_on: NaiveDate,
    pub verified: bool,
}
