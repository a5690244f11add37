//! `Personal<T>`: a value that is personal data (passport number, birth date, name, phone).
//!
//! It prints as `[personal]` through `Debug` and `Display`, so a `tracing` field or an error
//! message can never leak it by accident. Code that must show the value (a masked reply,
//! a database bind) asks for it explicitly with `expose()`.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Personal<T>(T);

impl<T> Personal<T> {
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The raw value. Every call site is a place where personal data leaves the wrapper:
    /// keep them few (storage binds, masking, proof comparison).
    pub fn expose(&self) -> &T {
        &self.0
    }

    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> fmt::Debug for Personal<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[personal]")
    }
}

impl<T> fmt::Display for Personal<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[personal]")
    }
}

/// Masks an identifier for display: the first three and last two characters stay,
/// the rest become `*` (`E12345678` → `E12****78`). Short values are masked whole.
pub fn mask_identifier(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() <= 5 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 2..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 5))
}

/// How a notice to a helper names the relative it concerns: the first name as written,
/// each further part of the name reduced to its first letter and stars
/// (`Kid Demo-Child` → `Kid D*********`), enough for a family to tell its members apart.
pub fn mask_full_name(full_name: &str) -> String {
    let mut parts = full_name.split_whitespace();
    let mut shown: Vec<String> = parts.next().map(str::to_string).into_iter().collect();
    for part in parts {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            shown.push(format!("{first}{}", "*".repeat(chars.count())));
        }
    }
    shown.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_hide_the_value() {
        let p = Personal::new("E12345678".to_string());
        assert_eq!(format!("{p:?} {p}"), "[personal] [personal]");
        assert_eq!(p.expose(), "E12345678");
    }

    #[test]
    fn masks_keep_three_and_two() {
        assert_eq!(mask_identifier("E12345678"), "E12****78");
        assert_eq!(mask_identifier("AB12"), "****");
    }

    #[test]
    fn names_keep_the_first_name_and_the_initials() {
        assert_eq!(mask_full_name("Kid Demo-Child"), "Kid D*********");
        assert_eq!(
            mask_full_name("  Anna  Maria Schmidt "),
            "Anna M**** S******"
        );
        assert_eq!(mask_full_name("Ли Вэй"), "Ли В**");
        assert_eq!(mask_full_name("Mononym"), "Mononym");
    }
}
