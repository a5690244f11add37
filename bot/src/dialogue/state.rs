//! The state of one conversation, stored as JSON in the session store per
//! (channel, conversation, sender). Variants are named after what the bot waits for.
//! `Session::VERSION` changes whenever a stored state would no longer mean the same:
//! an older or unreadable session restarts politely at the main menu.

use crate::domain::{Nationality, OfficeId, PassportNo, Personal, ServiceCode};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub version: u32,
    pub locale: String,
    pub state: State,
    /// The buttons of the last question, so a text-only channel can answer with the
    /// number or the label.
    #[serde(default)]
    pub buttons: Vec<(String, String)>,
}

impl Session {
    pub const VERSION: u32 = 1;

    pub fn new(locale: &str) -> Self {
        Session {
            version: Self::VERSION,
            locale: locale.to_string(),
            state: State::Menu,
            buttons: Vec::new(),
        }
    }

    /// Reads a stored session; `None` if it is of another version or does not parse.
    pub fn from_stored(text: &str) -> Option<Session> {
        let session: Session = serde_json::from_str(text).ok()?;
        (session.version == Self::VERSION).then_some(session)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "at", rename_all = "snake_case")]
pub enum State {
    Menu,
    Booking {
        step: BookingStep,
        draft: BookingDraft,
    },
    MyAppointments,
    ConfirmCancel {
        appointment: i64,
    },
    Reschedule {
        appointment: i64,
        day: Option<NaiveDate>,
    },
    OfficeCities,
    OfficeList {
        city: Option<String>,
        near: Option<(f64, f64)>,
    },
    OfficeCard {
        office: OfficeId,
        back_city: Option<String>,
    },
    GuidanceServices,
    GuidanceCard {
        service: ServiceCode,
    },
    Settings,
    Language {
        resume: Box<State>,
    },
    ConfirmForget,
    /// Proving identity before personal records are shown; `then` is what was asked for.
    /// With `purpose: Dependent` the proof is a relative's, and proving it makes this chat user
    /// their helper instead of them.
    Link {
        step: LinkStep,
        draft: LinkDraft,
        then: RecordView,
        #[serde(default)]
        purpose: LinkPurpose,
    },
    Records {
        view: RecordView,
    },
    /// A PR holder tells us about their new passport.
    DeclarePassport {
        step: DeclareStep,
        draft: DeclareDraft,
    },
    ConfirmRevokeDocument {
        document: String,
    },
    /// Waiting for a code: one shown on another channel, or a relative's invitation.
    EnterCode {
        kind: CodeKind,
    },
}

/// Whose proof the linking questions collect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkPurpose {
    #[default]
    Myself,
    Dependent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeKind {
    /// A code shown by visadesk on another channel ("link another chat").
    Channel,
    /// A relative's family invitation.
    Invitation,
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

/// The personal-record views (NIA functions 2, 3 and 4).
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

impl State {
    /// Where `back` leads from here.
    pub fn back(&self) -> State {
        match self {
            State::Menu
            | State::MyAppointments
            | State::OfficeCities
            | State::GuidanceServices
            | State::Settings => State::Menu,
            State::Booking { step, draft } => match booking_step_before(*step, draft) {
                Some(step) => State::Booking {
                    step,
                    draft: draft.clone(),
                },
                None => State::Menu,
            },
            State::ConfirmCancel { .. } => State::MyAppointments,
            State::Reschedule {
                appointment,
                day: Some(_),
            } => State::Reschedule {
                appointment: *appointment,
                day: None,
            },
            State::Reschedule { day: None, .. } => State::MyAppointments,
            State::OfficeList { .. } => State::OfficeCities,
            State::OfficeCard { back_city, .. } => State::OfficeList {
                city: back_city.clone(),
                near: None,
            },
            State::GuidanceCard { .. } => State::GuidanceServices,
            State::Language { resume } => (**resume).clone(),
            State::ConfirmForget => State::Settings,
            State::Link {
                step,
                draft,
                then,
                purpose,
            } => {
                let previous = match step {
                    LinkStep::Nationality if *purpose == LinkPurpose::Dependent => {
                        return State::Records {
                            view: RecordView::Family,
                        };
                    }
                    LinkStep::Nationality => return State::Menu,
                    LinkStep::Passport => LinkStep::Nationality,
                    LinkStep::BirthDate => LinkStep::Passport,
                    LinkStep::Proof => LinkStep::BirthDate,
                };
                State::Link {
                    step: previous,
                    draft: draft.clone(),
                    then: *then,
                    purpose: *purpose,
                }
            }
            State::Records { .. } => State::Menu,
            State::DeclarePassport { step, draft } => {
                let previous = match step {
                    DeclareStep::Nationality => {
                        return State::Records {
                            view: RecordView::Passport,
                        };
                    }
                    DeclareStep::Passport => DeclareStep::Nationality,
                    DeclareStep::Expiry => DeclareStep::Passport,
                    DeclareStep::Confirm => DeclareStep::Expiry,
                };
                State::DeclarePassport {
                    step: previous,
                    draft: draft.clone(),
                }
            }
            State::ConfirmRevokeDocument { .. } => State::Records {
                view: RecordView::Passport,
            },
            State::EnterCode {
                kind: CodeKind::Invitation,
            } => State::Records {
                view: RecordView::Family,
            },
            State::EnterCode {
                kind: CodeKind::Channel,
            } => State::Settings,
        }
    }
}

/// The booking question before `step`, skipping the ones this draft did not ask.
fn booking_step_before(step: BookingStep, draft: &BookingDraft) -> Option<BookingStep> {
    use BookingStep::*;
    match step {
        Service => None,
        City => Some(Service),
        Office => Some(City),
        Day if draft.office_fixed => Some(Service),
        Day => Some(Office),
        Slot => Some(Day),
        Name => Some(Slot),
        Nationality => Some(Name),
        Passport => Some(Nationality),
        Phone => Some(Passport),
        Confirm => Some(Phone),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_of_another_version_are_not_read() {
        let mut s = Session::new("ru");
        let text = serde_json::to_string(&s).unwrap();
        assert_eq!(Session::from_stored(&text), Some(s.clone()));
        s.version = 0;
        assert_eq!(
            Session::from_stored(&serde_json::to_string(&s).unwrap()),
            None
        );
        assert_eq!(Session::from_stored("{not json"), None);
        assert_eq!(
            Session::from_stored(r#"{"version":1,"locale":"en","state":{"at":"nowhere"}}"#),
            None
        );
    }

    #[test]
    fn back_from_a_fixed_office_returns_to_the_service() {
        let draft = BookingDraft {
            office_fixed: true,
            ..BookingDraft::default()
        };
        let s = State::Booking {
            step: BookingStep::Day,
            draft,
        };
        assert!(matches!(
            s.back(),
            State::Booking {
                step: BookingStep::Service,
                ..
            }
        ));
        assert_eq!(
            State::Booking {
                step: BookingStep::Service,
                draft: BookingDraft::default()
            }
            .back(),
            State::Menu
        );
    }
}
