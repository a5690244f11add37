//! The state of one conversation, stored as JSON in the session store per
//! (channel, conversation, sender). Each flow owns one variant of [`State`] and the data
//! inside it; the types live here, as plain data, so a flow can hand over to another by
//! building its state (`State::Booking(BookingState::start(draft))`) without calling it.
//! Variants are named after what the bot waits for.

use crate::domain::{Nationality, OfficeId, PassportNo, Personal, ServiceCode};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One conversation as stored between turns: its language, where it stands, and the buttons
/// of the last question (so a text-only channel can answer with a number or a label).
/// `VERSION` changes whenever a stored session would no longer read back the same: an older
/// or unreadable one restarts politely at the main menu instead of failing the turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub version: u32,
    pub locale: String,
    pub state: State,
    /// The buttons of the last question as (id, label).
    #[serde(default)]
    pub buttons: Vec<(String, String)>,
}

impl Session {
    /// 2: each flow owns its part of the state (`{"at":"appointments","view":"list"}`
    /// instead of `{"at":"my_appointments"}`, record views split by flow); see `from_stored`
    /// for what of version 1 is still read.
    pub const VERSION: u32 = 2;

    pub fn new(locale: &str) -> Self {
        Session {
            version: Self::VERSION,
            locale: locale.to_string(),
            state: State::Menu,
            buttons: Vec::new(),
        }
    }

    /// Reads a stored session; `None` if it is of another version or does not parse.
    ///
    /// Version 1 stored the menu, booking, linking and code entry exactly as now, and every
    /// state whose shape changed no longer parses (`my_appointments`, `records`, … are gone;
    /// `settings` now needs its `view`). So a version-1 session that parses means the same
    /// and is carried over: someone half-way through a booking at a release keeps their
    /// answers; anyone else restarts politely at the menu.
    pub fn from_stored(text: &str) -> Option<Session> {
        let mut session: Session = serde_json::from_str(text).ok()?;
        match session.version {
            Self::VERSION => Some(session),
            1 => {
                session.version = Self::VERSION;
                Some(session)
            }
            _ => None,
        }
    }
}

/// Where a conversation stands: one variant per flow, each holding that flow's own state.
/// The engine routes every turn by this variant (see `flow.rs`); nothing else matches on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "at", rename_all = "snake_case")]
pub enum State {
    Menu,
    Booking(BookingState),
    Appointments(AppointmentsState),
    Offices(OfficesState),
    Guidance(GuidanceState),
    Settings(SettingsState),
    /// Proving identity before personal records are shown.
    Link(LinkState),
    Progress(ProgressView),
    Permits(PermitsView),
    Passport(PassportState),
    Family(FamilyView),
    /// Waiting for a code: one shown on another channel, or a relative's invitation.
    EnterCode(CodeEntry),
}

impl State {
    /// The flow's fixed name, for metrics labels (never anything of the conversation).
    pub fn flow_name(&self) -> &'static str {
        match self {
            State::Menu => "menu",
            State::Booking(_) => "booking",
            State::Appointments(_) => "appointments",
            State::Offices(_) => "offices",
            State::Guidance(_) => "guidance",
            State::Settings(_) => "settings",
            State::Link(_) => "identity",
            State::Progress(_) => "progress",
            State::Permits(_) => "permits",
            State::Passport(_) => "passport",
            State::Family(_) => "family",
            State::EnterCode(_) => "code",
        }
    }
}

/// Booking (NIA function 1): the question being asked and the answers so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookingState {
    pub step: BookingStep,
    pub draft: BookingDraft,
}

impl BookingState {
    /// Starts (or resumes) a booking at the first question `draft` has no answer to.
    pub fn start(draft: BookingDraft) -> BookingState {
        BookingState {
            step: draft.next_step(),
            draft,
        }
    }
}

/// The booking questions, in the order they are asked; `back` goes one up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingStep {
    Service,
    City,
    Office,
    Day,
    Slot,
    Name,
    Nationality,
    Passport,
    Phone,
    Confirm,
}

/// What the booking has collected so far. The applicant's details are personal data:
/// they live only in the session (which expires) until the booking is confirmed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BookingDraft {
    pub service: Option<ServiceCode>,
    pub city: Option<String>,
    pub near: Option<(f64, f64)>,
    pub office: Option<OfficeId>,
    /// The office was chosen before the service ("book here" from the directory).
    #[serde(default)]
    pub office_fixed: bool,
    pub day: Option<NaiveDate>,
    pub slot: Option<i64>,
    pub full_name: Option<Personal<String>>,
    pub nationality: Option<Nationality>,
    pub passport_no: Option<PassportNo>,
    pub phone: Option<Personal<String>>,
}

impl BookingDraft {
    /// The first question this draft has no answer to.
    pub fn next_step(&self) -> BookingStep {
        use BookingStep::*;
        if self.service.is_none() {
            Service
        } else if self.office.is_none() {
            if self.city.is_none() && self.near.is_none() {
                City
            } else {
                Office
            }
        } else if self.day.is_none() {
            Day
        } else if self.slot.is_none() {
            Slot
        } else if self.full_name.is_none() {
            Name
        } else if self.nationality.is_none() {
            Nationality
        } else if self.passport_no.is_none() {
            Passport
        } else if self.phone.is_none() {
            Phone
        } else {
            Confirm
        }
    }

    /// The question before `step`, skipping the ones this draft did not ask.
    pub fn step_before(&self, step: BookingStep) -> Option<BookingStep> {
        use BookingStep::*;
        match step {
            Service => None,
            City => Some(Service),
            Office => Some(City),
            Day if self.office_fixed => Some(Service),
            Day => Some(Office),
            Slot => Some(Day),
            Name => Some(Slot),
            Nationality => Some(Name),
            Passport => Some(Nationality),
            Phone => Some(Passport),
            Confirm => Some(Phone),
        }
    }
}

/// "My appointments": the list, then cancelling or moving one of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "view", rename_all = "snake_case")]
pub enum AppointmentsState {
    List,
    ConfirmCancel {
        appointment: i64,
    },
    Reschedule {
        appointment: i64,
        day: Option<NaiveDate>,
    },
}

/// The office directory (NIA function 6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "view", rename_all = "snake_case")]
pub enum OfficesState {
    Cities,
    List {
        city: Option<String>,
        near: Option<(f64, f64)>,
    },
    Card {
        office: OfficeId,
        back_city: Option<String>,
    },
}

/// Guidance per service (NIA function 7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "view", rename_all = "snake_case")]
pub enum GuidanceState {
    Services,
    Card { service: ServiceCode },
}

/// Settings; the language question is reached from every step and returns to `resume`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "view", rename_all = "snake_case")]
pub enum SettingsState {
    Main,
    Language {
        resume: Box<State>,
    },
    ConfirmForget,
    /// "Erase my data" asked; waiting for the confirmation.
    ConfirmErase,
}

/// Proving identity; `then` is the record view asked for. With `purpose: Dependent` the
/// proof is a relative's, and proving it makes this chat user their helper instead of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkState {
    pub step: LinkStep,
    pub draft: LinkDraft,
    pub then: RecordView,
    #[serde(default)]
    pub purpose: LinkPurpose,
}

impl LinkState {
    /// The identity questions from the first one.
    pub fn start(then: RecordView, purpose: LinkPurpose) -> LinkState {
        LinkState {
            step: LinkStep::Nationality,
            draft: LinkDraft::default(),
            then,
            purpose,
        }
    }
}

/// Whose proof the linking questions collect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkPurpose {
    #[default]
    Myself,
    Dependent,
}

/// The linking questions, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkStep {
    Nationality,
    Passport,
    BirthDate,
    Proof,
}

/// What the linking has collected; personal data, kept only in the expiring session.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct LinkDraft {
    pub nationality: Option<Nationality>,
    pub passport_no: Option<PassportNo>,
    pub birth_date: Option<Personal<NaiveDate>>,
}

/// The personal-record views behind proven identity (NIA functions 2 to 5 and 8): what the
/// menu opens and what linking leads to afterwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordView {
    Progress,
    Permits,
    Pr,
    /// The PR holder's passport and e-documents (NIA function 5).
    Passport,
    /// Relatives this user acts for, and who acts for them (NIA function 8).
    Family,
}

impl RecordView {
    /// The state that shows this view.
    pub fn state(self) -> State {
        match self {
            RecordView::Progress => State::Progress(ProgressView),
            RecordView::Permits => State::Permits(PermitsView::Permits),
            RecordView::Pr => State::Permits(PermitsView::Pr),
            RecordView::Passport => State::Passport(PassportState::Overview),
            RecordView::Family => State::Family(FamilyView),
        }
    }
}

/// Application progress (NIA function 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressView;

/// Visas and residence permits (NIA function 3), or the permanent residence permit (4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "view", rename_all = "snake_case")]
pub enum PermitsView {
    Permits,
    Pr,
}

/// The PR holder's passport (NIA function 5): the overview, declaring a new passport,
/// revoking an e-document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "view", rename_all = "snake_case")]
pub enum PassportState {
    Overview,
    Declare {
        step: DeclareStep,
        draft: DeclareDraft,
    },
    ConfirmRevoke {
        document: String,
    },
}

/// The new-passport questions, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeclareStep {
    Nationality,
    Passport,
    Expiry,
    Confirm,
}

/// The new passport as declared so far; personal data, only in the expiring session.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DeclareDraft {
    pub nationality: Option<Nationality>,
    pub passport_no: Option<PassportNo>,
    pub expires_on: Option<NaiveDate>,
}

/// Relatives this user acts for and who acts for them (NIA function 8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyView;

/// Waiting for a code of `kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeEntry {
    pub kind: CodeKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeKind {
    /// A code shown by visadesk on another channel ("link another chat").
    Channel,
    /// A relative's family invitation.
    Invitation,
}
