//! Every user-facing text, from `locales/<lang>/*.ftl` (Fluent), embedded at build time.
//!
//! `Localizer::text` formats a message by key in the user's language, falling back to
//! English when a language lacks it (a test keeps the locales complete, so the fallback is a
//! safety net, not a habit). `negotiate` maps a platform's language hint (`ru-RU`, `zh-Hans`,
//! `zh_TW`) to a supported locale.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::HashMap;
use unic_langid::LanguageIdentifier;

include!(concat!(env!("OUT_DIR"), "/locale_files.rs"));

/// The language used when nothing better is known.
pub const DEFAULT_LOCALE: &str = "en";

/// Why the embedded catalogue is unusable; a build with broken locale files fails its tests.
#[derive(Debug, thiserror::Error)]
pub enum LocaleError {
    #[error("{lang}/{file}: Fluent syntax error: {detail}")]
    Syntax {
        lang: String,
        file: String,
        detail: String,
    },
    #[error("{lang}: message `{key}` is defined twice")]
    Duplicate { lang: String, key: String },
    #[error("locale folder `{0}` is not a language tag")]
    BadTag(String),
}

pub struct Localizer {
    bundles: HashMap<String, FluentBundle<FluentResource>>,
    locales: Vec<String>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer")
            .field("locales", &self.locales)
            .finish()
    }
}

impl Localizer {
    /// Builds the catalogue from the embedded locale files.
    pub fn embedded() -> Result<Self, LocaleError> {
        let mut bundles: HashMap<String, FluentBundle<FluentResource>> = HashMap::new();
        for (lang, file, source) in LOCALE_FILES {
            let resource = FluentResource::try_new(source.to_string()).map_err(|(_, errors)| {
                LocaleError::Syntax {
                    lang: lang.to_string(),
                    file: file.to_string(),
                    detail: format!("{errors:?}"),
                }
            })?;
            let bundle = match bundles.get_mut(*lang) {
                Some(b) => b,
                None => {
                    let id: LanguageIdentifier = lang
                        .parse()
                        .map_err(|_| LocaleError::BadTag(lang.to_string()))?;
                    let mut b = FluentBundle::new_concurrent(vec![id]);
                    // Chat platforms show the Unicode isolation marks as boxes; our arguments
                    // are numbers, dates and names, which render fine without them.
                    b.set_use_isolating(false);
                    bundles.entry(lang.to_string()).or_insert(b)
                }
            };
            bundle
                .add_resource(resource)
                .map_err(|errors| LocaleError::Duplicate {
                    lang: lang.to_string(),
                    key: format!("{errors:?}"),
                })?;
        }
        let mut locales: Vec<String> = bundles.keys().cloned().collect();
        locales.sort();
        Ok(Self { bundles, locales })
    }

    /// Supported locales, sorted (`en`, `ru`, `zh-CN`, …).
    pub fn locales(&self) -> &[String] {
        &self.locales
    }

    /// The best supported locale for a platform hint; `DEFAULT_LOCALE` when none fits (or
    /// there is no hint).
    pub fn negotiate(&self, hint: Option<&str>) -> &str {
        hint.and_then(|h| self.supported(h))
            .unwrap_or(DEFAULT_LOCALE)
    }

    /// The locale a platform's hint asks for now: `None` when there is no hint (or a blank
    /// one), which leaves the user's language as it is; an unsupported one asks for English.
    pub fn hinted(&self, hint: Option<&str>) -> Option<&str> {
        hint.filter(|h| !h.trim().is_empty())
            .map(|h| self.negotiate(Some(h)))
    }

    /// The supported locale a language tag stands for, `None` when visadesk does not speak
    /// that language. `_` is read as `-` (`zh_TW`), case does not matter. An exact folder
    /// name wins; otherwise the language alone decides (`ko-KR` → `ko`, `fr-CA` → `fr`,
    /// `es-419` → `es`). Chinese in any script or region (`zh-TW`, `zh-Hant`, `zh-HK`) is
    /// `zh-CN`: the only Chinese there is, in simplified characters, which readers of
    /// traditional characters read more easily than English (docs/dialogue.md says so).
    /// A language without a folder (`pt-BR`) is `None`, which the caller turns into English.
    pub fn supported(&self, hint: &str) -> Option<&str> {
        let hint = hint.trim().replace('_', "-");
        if hint.is_empty() {
            return None;
        }
        if let Some(exact) = self.locales.iter().find(|l| l.eq_ignore_ascii_case(&hint)) {
            return Some(exact);
        }
        let language = hint.split('-').next().unwrap_or_default();
        self.locales
            .iter()
            .find(|l| {
                l.split('-')
                    .next()
                    .is_some_and(|p| p.eq_ignore_ascii_case(language))
            })
            .map(String::as_str)
    }

    /// Whether `key` exists in `locale` (not counting the English fallback).
    pub fn has(&self, locale: &str, key: &str) -> bool {
        self.bundles.get(locale).is_some_and(|b| b.has_message(key))
    }

    /// Message keys defined in one locale.
    pub fn keys(&self, locale: &str) -> Vec<String> {
        let mut keys: Vec<String> = LOCALE_FILES
            .iter()
            .filter(|(lang, _, _)| *lang == locale)
            .flat_map(|(_, _, source)| {
                source
                    .lines()
                    .filter_map(|line| line.split_once(" =").map(|(k, _)| k))
                    .filter(|k| !k.is_empty() && !k.starts_with([' ', '#', '.', '-']))
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        keys.sort();
        keys
    }

    /// `Thu 3 Dec 2026` / `2026年12月3日（周四）` / `чт, 3 дек. 2026`.
    pub fn date(&self, locale: &str, day: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let weekday = self.text(
            locale,
            "weekday",
            &[("n", day.weekday().number_from_monday().into())],
        );
        let month = self.text(locale, "month", &[("n", day.month().into())]);
        self.text(
            locale,
            "date-format",
            &[
                ("weekday", weekday.into()),
                ("day", day.day().to_string().into()),
                ("month", month.into()),
                ("year", day.year().to_string().into()),
            ],
        )
    }

    /// A moment shown in a zone: `Thu 3 Dec 2026, 09:30` / `2026年12月3日（周四） 09:30`.
    pub fn date_time(
        &self,
        locale: &str,
        at: chrono::DateTime<chrono::Utc>,
        zone: chrono_tz::Tz,
    ) -> String {
        let local = at.with_timezone(&zone);
        self.text(
            locale,
            "date-time-format",
            &[
                ("date", self.date(locale, local.date_naive()).into()),
                ("time", local.format("%H:%M").to_string().into()),
            ],
        )
    }

    /// A name kept in both languages (an office's), as `locale` reads it.
    pub fn pick<'a>(&self, locale: &str, en: &'a str, zh: &'a str) -> &'a str {
        if locale.starts_with("zh") { zh } else { en }
    }

    /// An office's address as `locale` reads it: Chinese readers get the Chinese address;
    /// others the English one with the Chinese one below it (what a taxi driver reads).
    pub fn address(&self, locale: &str, en: &str, zh: &str) -> String {
        if locale.starts_with("zh") {
            zh.to_string()
        } else {
            format!("{en}\n{zh}")
        }
    }

    /// A service's document checklist, one `• ` line per document, those needed only in
    /// some cases marked "(if applicable)": the guidance card, the booking confirmation and
    /// the reminders show it alike.
    pub fn document_list(
        &self,
        locale: &str,
        documents: &[crate::domain::ServiceDocument],
    ) -> String {
        documents
            .iter()
            .map(|d| {
                let name = self.text(locale, &format!("document-{}", d.code), &[]);
                if d.required {
                    format!("• {name}")
                } else {
                    format!(
                        "• {name} {}",
                        self.text(locale, "guidance-if-applicable", &[])
                    )
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// `¥400` or `¥160.50` from fen.
    pub fn money(&self, locale: &str, fen: i64) -> String {
        let amount = if fen % 100 == 0 {
            (fen / 100).to_string()
        } else {
            format!("{}.{:02}", fen / 100, fen % 100)
        };
        self.text(locale, "money", &[("amount", amount.into())])
    }

    /// The variables (`$name`) a message of `locale` refers to, in its value and every
    /// selector variant.
    pub fn variables(&self, locale: &str, key: &str) -> std::collections::BTreeSet<String> {
        use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement};
        fn walk_pattern(p: &Pattern<&str>, out: &mut std::collections::BTreeSet<String>) {
            for element in &p.elements {
                if let PatternElement::Placeable { expression } = element {
                    walk_expression(expression, out);
                }
            }
        }
        fn walk_expression(e: &Expression<&str>, out: &mut std::collections::BTreeSet<String>) {
            match e {
                Expression::Select { selector, variants } => {
                    walk_inline(selector, out);
                    for v in variants {
                        walk_pattern(&v.value, out);
                    }
                }
                Expression::Inline(inline) => walk_inline(inline, out),
            }
        }
        fn walk_inline(e: &InlineExpression<&str>, out: &mut std::collections::BTreeSet<String>) {
            match e {
                InlineExpression::VariableReference { id } => {
                    out.insert(id.name.to_string());
                }
                InlineExpression::Placeable { expression } => walk_expression(expression, out),
                _ => {}
            }
        }
        let mut out = std::collections::BTreeSet::new();
        if let Some(pattern) = self
            .bundles
            .get(locale)
            .and_then(|b| b.get_message(key))
            .and_then(|m| m.value())
        {
            walk_pattern(pattern, &mut out);
        }
        out
    }

    /// Formats like `text`, but returns the Fluent errors instead of logging them (tests).
    pub fn try_text(
        &self,
        locale: &str,
        key: &str,
        args: &[(&str, FluentValue<'_>)],
    ) -> Result<String, String> {
        let bundle = self
            .bundles
            .get(locale)
            .ok_or_else(|| format!("no locale {locale}"))?;
        let pattern = bundle
            .get_message(key)
            .and_then(|m| m.value())
            .ok_or_else(|| format!("{locale} has no message {key}"))?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        let text = bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned();
        if errors.is_empty() {
            Ok(text)
        } else {
            Err(format!("{locale}/{key}: {errors:?}"))
        }
    }

    /// Formats `key` in `locale`, with named arguments. Unknown keys come back as the key
    /// itself (and are logged), so a missing text is visible but never fatal.
    pub fn text(&self, locale: &str, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let bundle = match self.bundles.get(locale).filter(|b| b.has_message(key)) {
            Some(b) => b,
            None => match self
                .bundles
                .get(DEFAULT_LOCALE)
                .filter(|b| b.has_message(key))
            {
                Some(b) => b,
                None => {
                    tracing::error!(key, locale, "missing locale message");
                    return key.to_string();
                }
            },
        };
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            return key.to_string();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if !errors.is_empty() {
            tracing::error!(key, locale, ?errors, "locale message formatted with errors");
        }
        text.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_platform_hints() {
        let l = Localizer::embedded().unwrap();
        assert_eq!(l.negotiate(Some("ru-RU")), "ru");
        assert_eq!(l.negotiate(Some("zh_CN")), "zh-CN");
        assert_eq!(l.negotiate(Some("zh-Hans")), "zh-CN");
        for (hint, locale) in [
            ("ko-KR", "ko"),
            ("ja_JP", "ja"),
            ("fr-CA", "fr"),
            ("es-419", "es"),
            ("ar-EG", "ar"),
            ("vi-VN", "vi"),
            ("zh-TW", "zh-CN"),
            ("zh-Hant", "zh-CN"),
            ("zh-HK", "zh-CN"),
            ("ZH-hant-tw", "zh-CN"),
            ("en-GB", "en"),
        ] {
            assert_eq!(l.negotiate(Some(hint)), locale, "{hint}");
        }
        // No Portuguese: English, and `supported` says there is none.
        assert_eq!(l.negotiate(Some("pt-BR")), "en");
        assert_eq!(l.supported("pt-BR"), None);
        assert_eq!(l.supported(" "), None);
        assert_eq!(l.negotiate(None), "en");
        assert_eq!(l.hinted(Some("pt-BR")), Some("en"));
        assert_eq!(l.hinted(Some("")), None);
        assert_eq!(l.hinted(None), None);
    }
}
