//! Words that work like buttons: `back`, `cancel`, `menu`, `help`, `language` at every step,
//! and intents (`book`, `office`, `fee` …) from the main menu. The words live in the locales
//! (`keyword-*`, `intent-*`, comma-separated) and are accepted in every language.

use super::Action;
use crate::i18n::Localizer;

/// Words that work at every step, as the buttons they stand for; the locale key is
/// `keyword-<button id>`.
pub(crate) const GLOBAL: &[Action] = &[
    Action::Back,
    Action::Cancel,
    Action::Menu,
    Action::Help,
    Action::Language,
];

/// Main-menu intents, in matching order (longer phrases before the words they contain); the
/// locale key is `intent-<button id>`.
pub(crate) const INTENTS: &[Action] = &[
    Action::Appointments,
    Action::Book,
    Action::Offices,
    Action::Guidance,
    Action::Settings,
];

pub(crate) struct Keywords {
    global: Vec<(&'static Action, String)>,
    intents: Vec<(&'static Action, String)>,
}

/// Lower-case, trimmed, without surrounding punctuation.
pub(crate) fn normalize(text: &str) -> String {
    text.trim()
        .trim_matches(|c: char| c.is_ascii_punctuation() || "。！？，、".contains(c))
        .trim()
        .to_lowercase()
}

impl Keywords {
    pub fn from_locales(texts: &Localizer) -> Keywords {
        let words = |key: &str| -> Vec<String> {
            texts
                .locales()
                .iter()
                .filter(|l| texts.has(l, key))
                .flat_map(|l| {
                    texts
                        .text(l, key, &[])
                        .split(',')
                        .map(normalize)
                        .collect::<Vec<_>>()
                })
                .filter(|w| !w.is_empty())
                .collect()
        };
        let collect = |ids: &'static [Action], prefix: &str| {
            let mut list: Vec<(&'static Action, String)> = Vec::new();
            for id in ids {
                for word in words(&format!("{prefix}-{id}")) {
                    list.push((id, word));
                }
            }
            list
        };
        Keywords {
            global: collect(GLOBAL, "keyword"),
            intents: collect(INTENTS, "intent"),
        }
    }

    /// The global command a whole message stands for (`назад` → `back`).
    pub fn global(&self, text: &str) -> Option<Action> {
        let text = normalize(text);
        self.global
            .iter()
            .find(|(_, w)| *w == text)
            .map(|(id, _)| (*id).clone())
    }

    /// The intent a message mentions (`I need an appointment` → `book`).
    pub fn intent(&self, text: &str) -> Option<Action> {
        let text = normalize(text);
        let words: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        for id in INTENTS {
            for (_, word) in self.intents.iter().filter(|(i, _)| *i == id) {
                // Latin words match whole words ("book", not "facebook"); Chinese has no
                // spaces and Russian stems take endings ("запис" → "записаться"): they match inside.
                let hit = if word.chars().any(|c| c.is_ascii_alphabetic()) {
                    if word.contains(' ') {
                        text.contains(word.as_str())
                    } else {
                        words.contains(&word.as_str())
                    }
                } else {
                    text.contains(word.as_str())
                };
                if hit {
                    return Some(id.clone());
                }
            }
        }
        None
    }
}
