//! Applicant identity values: nationality and passport number, parsed on entry.

use super::ParseError;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// ISO 3166-1 alpha-3 country code as printed in passports (`DEU`, `RUS`, `USA`).
/// Also accepts ICAO's `XXA` (stateless) and `XXB`/`XXC`/`XXX` refugee/unspecified codes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nationality(String);

impl Nationality {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Nationality {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        let code = s.trim().to_ascii_uppercase();
        if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Self(code))
        } else {
            Err(ParseError::new(
                "nationality must be a three-letter ISO 3166-1 alpha-3 code such as DEU",
            ))
        }
    }
}

impl TryFrom<String> for Nationality {
    type Error = ParseError;
    fn try_from(s: String) -> Result<Self, ParseError> {
        s.parse()
    }
}

impl From<Nationality> for String {
    fn from(n: Nationality) -> String {
        n.0
    }
}

impl fmt::Display for Nationality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A passport number: 5 to 20 letters and digits (ICAO 9303 allows up to 9 in the machine
/// readable zone, some states print longer numbers), stored upper-case without spaces.
/// Deliberately has no `Display`: show it through `mask_identifier` or not at all.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PassportNo(String);

impl PassportNo {
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn masked(&self) -> String {
        super::personal::mask_identifier(&self.0)
    }
}

impl fmt::Debug for PassportNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PassportNo({})", self.masked())
    }
}

impl FromStr for PassportNo {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        let cleaned: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        if (5..=20).contains(&cleaned.len()) && cleaned.bytes().all(|b| b.is_ascii_alphanumeric()) {
            Ok(Self(cleaned))
        } else {
            Err(ParseError::new(
                "passport number must be 5 to 20 letters and digits",
            ))
        }
    }
}

impl TryFrom<String> for PassportNo {
    type Error = ParseError;
    fn try_from(s: String) -> Result<Self, ParseError> {
        s.parse()
    }
}

impl From<PassportNo> for String {
    fn from(p: PassportNo) -> String {
        p.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passport_numbers_are_normalised_and_checked() {
        assert_eq!(
            "e 1234 5678".parse::<PassportNo>().unwrap().expose(),
            "E12345678"
        );
        assert!("E12".parse::<PassportNo>().is_err());
        assert!("E1234-5678".parse::<PassportNo>().is_err());
        let p: PassportNo = "E12345678".parse().unwrap();
        assert!(!format!("{p:?}").contains("345"));
    }

    #[test]
    fn nationality_is_alpha3() {
        assert_eq!("deu".parse::<Nationality>().unwrap().as_str(), "DEU");
        assert!("DE".parse::<Nationality>().is_err());
        assert!("D3U".parse::<Nationality>().is_err());
    }
}
