//! What a pressed button means. Every button the dialogue (or a notification) offers is one
//! [`Action`] value; its wire form is a short stable ASCII string (`slot:42`, `svc:visa-extension`)
//! that channels carry back unchanged (Telegram's callback data, WhatsApp's reply id, the web
//! widget's `button` field). Parsing happens once, at the engine's edge; an id that does not
//! parse is a stale button (an older release, a tampered payload) and gets a polite re-prompt.

use crate::domain::{Nationality, OfficeId, ServiceCode};
use chrono::NaiveDate;
use std::fmt;
use std::str::FromStr;

/// A pressed button, typed. `Display` writes the wire id and `FromStr` reads it back; the two
/// are inverse for every value, so ids stored in a session (numbered choices on text-only
/// channels) and ids in notifications sent days ago keep working across releases as long as
/// the strings here do not change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    // Words that work at every step.
    Back,
    Menu,
    Cancel,
    Help,
    /// Choose the conversation's language (opens the language question).
    Language,
    // The main menu.
    Book,
    Appointments,
    Offices,
    Guidance,
    Settings,
    Progress,
    Permits,
    Pr,
    Passport,
    Family,
    // Booking.
    Service(ServiceCode),
    City(String),
    Office(OfficeId),
    Day(NaiveDate),
    Slot(i64),
    /// Fill the applicant's details from a linked applicant (or one the user acts for).
    BookFor(i64),
    Nationality(Nationality),
    Waitlist,
    Confirm,
    // My appointments.
    Reschedule(i64),
    CancelAppointment(i64),
    ConfirmCancel,
    // Office card and guidance card.
    BookHere,
    BookThis,
    // Notifications: book again, book where a place freed up, book the renewal.
    WaitBook {
        office: OfficeId,
        service: ServiceCode,
    },
    Renew(ServiceCode),
    // Settings.
    SetLocale(String),
    ToggleNotifications,
    LinkChannel,
    EnterCode,
    Forget,
    ConfirmForget,
    /// "Download my data": a copy of everything held about the chat user.
    DownloadData,
    /// "Erase my data" (asks for confirmation first).
    EraseData,
    ConfirmErase,
    // Progress.
    Watch(i64),
    Unwatch(i64),
    // The PR holder's passport.
    IssueDocument,
    NewPassport,
    RevokeDocument(String),
    ConfirmRevokeDocument,
    ConfirmDeclaration,
    // Family.
    AddRelative,
    InviteRelative,
    AcceptInvitation,
    RevokeDelegation(i64),
}

/// The longest id accepted: the generic channel's limit; longer is junk, not a button of ours.
pub const MAX_ID_BYTES: usize = 128;

/// Buttons without a value, with their wire ids.
const UNIT: &[(&str, Action)] = &[
    ("back", Action::Back),
    ("menu", Action::Menu),
    ("cancel", Action::Cancel),
    ("help", Action::Help),
    ("lang", Action::Language),
    ("book", Action::Book),
    ("appointments", Action::Appointments),
    ("offices", Action::Offices),
    ("guidance", Action::Guidance),
    ("settings", Action::Settings),
    ("progress", Action::Progress),
    ("permits", Action::Permits),
    ("pr", Action::Pr),
    ("passport", Action::Passport),
    ("family", Action::Family),
    ("waitlist", Action::Waitlist),
    ("confirm", Action::Confirm),
    ("yes-cancel", Action::ConfirmCancel),
    ("book-here", Action::BookHere),
    ("book-this", Action::BookThis),
    ("notify", Action::ToggleNotifications),
    ("link-channel", Action::LinkChannel),
    ("enter-code", Action::EnterCode),
    ("forget", Action::Forget),
    ("forget-yes", Action::ConfirmForget),
    ("my-data", Action::DownloadData),
    ("erase", Action::EraseData),
    ("erase-yes", Action::ConfirmErase),
    ("edoc", Action::IssueDocument),
    ("new-passport", Action::NewPassport),
    ("revoke-yes", Action::ConfirmRevokeDocument),
    ("declare-yes", Action::ConfirmDeclaration),
    ("family-add", Action::AddRelative),
    ("family-invite", Action::InviteRelative),
    ("family-accept", Action::AcceptInvitation),
];

/// An id that is not one of ours.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a button id of this release")]
pub struct UnknownAction;

impl FromStr for Action {
    type Err = UnknownAction;

    fn from_str(id: &str) -> Result<Action, UnknownAction> {
        if id.is_empty() || id.len() > MAX_ID_BYTES || id.chars().any(char::is_control) {
            return Err(UnknownAction);
        }
        if let Some((_, action)) = UNIT.iter().find(|(wire, _)| *wire == id) {
            return Ok(action.clone());
        }
        let (kind, value) = id.split_once(':').ok_or(UnknownAction)?;
        if value.is_empty() {
            return Err(UnknownAction);
        }
        fn number(value: &str) -> Result<i64, UnknownAction> {
            value.parse().map_err(|_| UnknownAction)
        }
        fn typed<T: FromStr>(value: &str) -> Result<T, UnknownAction> {
            value.parse().map_err(|_| UnknownAction)
        }
        Ok(match kind {
            "svc" => Action::Service(typed(value)?),
            "city" => Action::City(value.to_string()),
            "office" => Action::Office(typed(value)?),
            "day" => Action::Day(typed(value)?),
            "slot" => Action::Slot(number(value)?),
            "for" => Action::BookFor(number(value)?),
            "nat" => Action::Nationality(typed(value)?),
            "rs" => Action::Reschedule(number(value)?),
            "cx" => Action::CancelAppointment(number(value)?),
            "waitbook" => {
                let (office, service) = value.split_once(':').ok_or(UnknownAction)?;
                Action::WaitBook {
                    office: typed(office)?,
                    service: typed(service)?,
                }
            }
            "renew" => Action::Renew(typed(value)?),
            "lang" => Action::SetLocale(value.to_string()),
            "watch" => Action::Watch(number(value)?),
            "unwatch" => Action::Unwatch(number(value)?),
            "edoc-revoke" => Action::RevokeDocument(value.to_string()),
            "drevoke" => Action::RevokeDelegation(number(value)?),
            _ => return Err(UnknownAction),
        })
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Service(code) => write!(f, "svc:{code}"),
            Action::City(city) => write!(f, "city:{city}"),
            Action::Office(id) => write!(f, "office:{id}"),
            Action::Day(day) => write!(f, "day:{day}"),
            Action::Slot(id) => write!(f, "slot:{id}"),
            Action::BookFor(applicant) => write!(f, "for:{applicant}"),
            Action::Nationality(code) => write!(f, "nat:{code}"),
            Action::Reschedule(id) => write!(f, "rs:{id}"),
            Action::CancelAppointment(id) => write!(f, "cx:{id}"),
            Action::WaitBook { office, service } => write!(f, "waitbook:{office}:{service}"),
            Action::Renew(service) => write!(f, "renew:{service}"),
            Action::SetLocale(locale) => write!(f, "lang:{locale}"),
            Action::Watch(id) => write!(f, "watch:{id}"),
            Action::Unwatch(id) => write!(f, "unwatch:{id}"),
            Action::RevokeDocument(id) => write!(f, "edoc-revoke:{id}"),
            Action::RevokeDelegation(id) => write!(f, "drevoke:{id}"),
            unit => {
                let (wire, _) = UNIT
                    .iter()
                    .find(|(_, a)| a == unit)
                    .expect("every action without a value is listed in UNIT");
                f.write_str(wire)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_kind() -> Vec<Action> {
        let mut all: Vec<Action> = UNIT.iter().map(|(_, a)| a.clone()).collect();
        all.extend([
            Action::Service("visa-extension".parse().unwrap()),
            Action::City("Beijing".into()),
            Action::City("Hong Kong".into()),
            Action::Office("beijing-andingmen".parse().unwrap()),
            Action::Day(NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()),
            Action::Slot(42),
            Action::BookFor(7),
            Action::Nationality("DEU".parse().unwrap()),
            Action::Reschedule(3),
            Action::CancelAppointment(4),
            Action::WaitBook {
                office: "shanghai-minsheng".parse().unwrap(),
                service: "residence-renewal".parse().unwrap(),
            },
            Action::Renew("visa-extension".parse().unwrap()),
            Action::SetLocale("zh-CN".into()),
            Action::Watch(11),
            Action::Unwatch(12),
            Action::RevokeDocument("0b8c2f8e-5d7a-4c1e-9a57-1d2f3e4a5b6c".into()),
            Action::RevokeDelegation(13),
        ]);
        all
    }

    #[test]
    fn every_action_round_trips_through_its_wire_id() {
        for action in every_kind() {
            let wire = action.to_string();
            assert!(wire.is_ascii() && wire.len() <= 64, "{wire}");
            assert_eq!(wire.parse::<Action>(), Ok(action), "{wire}");
        }
    }

    #[test]
    fn wire_ids_are_the_ones_channels_and_notifications_already_carry() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        for (wire, action) in [
            (
                "svc:visa-extension",
                Action::Service("visa-extension".parse().unwrap()),
            ),
            ("slot:42", Action::Slot(42)),
            ("day:2026-12-03", Action::Day(day)),
            (
                "office:beijing-andingmen",
                Action::Office("beijing-andingmen".parse().unwrap()),
            ),
            ("city:Beijing", Action::City("Beijing".into())),
            ("nat:DEU", Action::Nationality("DEU".parse().unwrap())),
            ("rs:5", Action::Reschedule(5)),
            ("cx:5", Action::CancelAppointment(5)),
            (
                "renew:visa-extension",
                Action::Renew("visa-extension".parse().unwrap()),
            ),
            (
                "waitbook:beijing-andingmen:visa-extension",
                Action::WaitBook {
                    office: "beijing-andingmen".parse().unwrap(),
                    service: "visa-extension".parse().unwrap(),
                },
            ),
            ("watch:9", Action::Watch(9)),
            ("unwatch:9", Action::Unwatch(9)),
            ("drevoke:9", Action::RevokeDelegation(9)),
            ("edoc-revoke:abc", Action::RevokeDocument("abc".into())),
            ("lang:ru", Action::SetLocale("ru".into())),
            ("for:9", Action::BookFor(9)),
            ("lang", Action::Language),
            ("back", Action::Back),
            ("menu", Action::Menu),
            ("book", Action::Book),
            ("confirm", Action::Confirm),
            ("yes-cancel", Action::ConfirmCancel),
        ] {
            assert_eq!(wire.parse::<Action>(), Ok(action.clone()), "{wire}");
            assert_eq!(action.to_string(), wire);
        }
    }

    #[test]
    fn junk_and_over_long_ids_are_stale() {
        for junk in [
            "",
            "nonsense",
            "slot:",
            "slot:abc",
            "slot:1.5",
            "day:2026-13-01",
            "svc:Not A Code",
            "office:-x",
            "nat:DEUTSCH",
            "waitbook:beijing-andingmen",
            "waitbook::visa-extension",
            "unknown:1",
            "BACK",
            "city:Bei\njing",
        ] {
            assert_eq!(junk.parse::<Action>(), Err(UnknownAction), "{junk:?}");
        }
        let long = format!("city:{}", "x".repeat(MAX_ID_BYTES));
        assert_eq!(long.parse::<Action>(), Err(UnknownAction));
        let long = format!("slot:{}", "9".repeat(200));
        assert_eq!(long.parse::<Action>(), Err(UnknownAction));
    }
}
