//! Applicant identity values: nationality, passport number, full name and phone number,
//! parsed on entry; and who may be acted for without being asked.

use super::ParseError;
use chrono::NaiveDate;
use std::fmt;
use std::str::FromStr;

super::validated_string! {
    /// ISO 3166-1 alpha-3 country code as printed in passports (`DEU`, `RUS`, `USA`).
    /// Also accepts ICAO's `XXA` (stateless) and `XXB`/`XXC`/`XXX` refugee/unspecified codes.
    /// Only the codes of `countries::NATIONALITY_CODES` (generated with their names in every
    /// locale by `scripts/countries.py`), so every accepted code can be shown by name.
    #[derive(Debug)]
    pub struct Nationality;
    displayed
}

impl FromStr for Nationality {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        let code = s.trim().to_ascii_uppercase();
        if super::countries::NATIONALITY_CODES
            .binary_search(&code.as_str())
            .is_ok()
        {
            Ok(Self(code))
        } else {
            Err(ParseError::new(
                "nationality must be a three-letter ISO 3166-1 alpha-3 code such as DEU (or ICAO's XXA, XXB, XXC, XXX)",
            ))
        }
    }
}

super::validated_string! {
    /// A passport number: 5 to 20 letters and digits (ICAO 9303 allows up to 9 in the machine
    /// readable zone, some states print longer numbers), stored upper-case without spaces.
    /// Deliberately has no `Display`: show it through `mask_identifier` or not at all.
    pub struct PassportNo;
}

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

/// A full name as printed in a passport's Latin lines: 2 to 100 characters of Latin letters
/// (with their accents: `Müller`, `Nguyễn`), spaces, `-`, `'`, `.` and `,`, with at least one
/// letter; runs of whitespace become one space. A name in another script (Cyrillic, Chinese)
/// is refused: the office matches the booking against the passport's Latin spelling. This is
/// the one place the rule lives; the booking question re-asks with `booking-name-invalid`.
/// Personal data: no `Display`, and `Debug` shows only its length.
#[derive(Clone, PartialEq, Eq)]
pub struct FullName(String);

impl FullName {
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Debug for FullName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FullName({} chars)", self.0.chars().count())
    }
}

impl FromStr for FullName {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        let name = s.split_whitespace().collect::<Vec<_>>().join(" ");
        let ok = (2..=100).contains(&name.chars().count())
            && name.chars().any(is_latin_letter)
            && name
                .chars()
                .all(|c| is_latin_letter(c) || c == ' ' || "-'.,".contains(c));
        if ok {
            Ok(Self(name))
        } else {
            Err(ParseError::new(
                "a name is 2 to 100 Latin letters, spaces and - ' . ,",
            ))
        }
    }
}

/// A letter of the Latin script: A–Z and the accented Latin letters of Unicode's Latin-1
/// Supplement, Latin Extended-A/B and Latin Extended Additional blocks.
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (c.is_alphabetic()
            && matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
            && c != '\u{00D7}'
            && c != '\u{00F7}')
}

/// A phone number: an optional leading `+` and 7 to 15 digits; spaces, dashes and brackets
/// between them are accepted and dropped (`+86 138-0013-8000` → `+8613800138000`).
/// Personal data: no `Display`, and `Debug` masks it.
#[derive(Clone, PartialEq, Eq)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Debug for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "PhoneNumber({})",
            super::personal::mask_identifier(&self.0)
        )
    }
}

impl FromStr for PhoneNumber {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        let invalid = || ParseError::new("a phone number is an optional + and 7 to 15 digits");
        let text = s.trim();
        let (plus, rest) = match text.strip_prefix('+') {
            Some(rest) => ("+", rest),
            None => ("", text),
        };
        if !rest
            .chars()
            .all(|c| c.is_ascii_digit() || " -()".contains(c))
        {
            return Err(invalid());
        }
        let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
        if (7..=15).contains(&digits.len()) {
            Ok(Self(format!("{plus}{digits}")))
        } else {
            Err(invalid())
        }
    }
}

/// A relative younger than this is a child: a helper may add them with their documents
/// alone (a child is not asked in a chat of their own). See docs/dialogue.md.
pub const CHILD_UNDER_YEARS: u32 = 18;
/// A relative this old or older is an elder, who may be added the same way.
pub const ELDER_FROM_YEARS: u32 = 65;

/// Whether someone born on `birth` is, on `day`, a child or an elder: the only people a
/// helper may add with their documents alone. Everyone else decides for themselves by
/// accepting an invitation in their own chat (issue 15 item 6: documents a relative holds
/// are not consent).
pub fn added_without_asking(birth: NaiveDate, day: NaiveDate) -> bool {
    // `years_since` is `None` for a birth date after `day`: not a person we can judge.
    match day.years_since(birth) {
        // An adult is of an age in between.
        Some(age) => !(CHILD_UNDER_YEARS..ELDER_FROM_YEARS).contains(&age),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_children_and_elders_are_added_without_asking() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let born = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        // 18 tomorrow: still a child today; 18 today: an adult.
        assert!(added_without_asking(born(2008, 11, 27), day));
        assert!(!added_without_asking(born(2008, 11, 26), day));
        assert!(!added_without_asking(born(1990, 1, 1), day));
        // 65 today: an elder; 65 tomorrow: not yet.
        assert!(added_without_asking(born(1961, 11, 26), day));
        assert!(!added_without_asking(born(1961, 11, 27), day));
        assert!(!added_without_asking(born(2030, 1, 1), day));
    }

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
        assert!("XYZ".parse::<Nationality>().is_err());
        assert_eq!(" nld ".parse::<Nationality>().unwrap().as_str(), "NLD");
        let codes = super::super::countries::NATIONALITY_CODES;
        assert!(
            codes.windows(2).all(|w| w[0] < w[1]),
            "sorted for the binary search"
        );
    }

    fn name(text: &str) -> Option<String> {
        text.parse::<FullName>().ok().map(FullName::into_string)
    }

    fn phone(text: &str) -> Option<String> {
        text.parse::<PhoneNumber>()
            .ok()
            .map(PhoneNumber::into_string)
    }

    #[test]
    fn names_are_latin_letters_as_in_the_passport() {
        assert_eq!(
            name("  Anna   Maria  O'Neil-Smith "),
            Some("Anna Maria O'Neil-Smith".into())
        );
        assert_eq!(name("Jürgen Müller"), Some("Jürgen Müller".into()));
        assert_eq!(name("Nguyễn Văn An"), Some("Nguyễn Văn An".into()));
        assert_eq!(name("Иван Петров"), None);
        assert_eq!(name("Ivan Петров"), None);
        assert_eq!(name("王小明"), None);
        assert_eq!(name("Anna × Bob"), None);
        assert_eq!(name("R2D2"), None);
        assert_eq!(name("A"), None);
    }

    #[test]
    fn phones_keep_digits_and_plus() {
        assert_eq!(phone("+86 138-0013-8000"), Some("+8613800138000".into()));
        assert_eq!(phone("(010) 8402 0101"), Some("01084020101".into()));
        assert_eq!(phone("12345"), None);
        assert_eq!(phone("call me"), None);
    }
}
