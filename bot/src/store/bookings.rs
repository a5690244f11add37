//! Bookings: the office and service catalogue, the working calendar, slots and their free
//! places, appointments and the waiting list. The booking and identity flows of the dialogue
//! read and write these; the scheduler reminds from them.

use super::StoreError;
use crate::domain::calendar::NewSlot;
use crate::domain::records::AppointmentStatus;
use crate::domain::{
    Nationality, Office, OfficeId, PassportNo, Personal, Service, ServiceCode, SlotGroup,
    WorkingCalendar,
};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

/// A bookable slot with its current bookings (read straight from its row: a stored text
/// that no longer parses is `StoreError::Corrupt`).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Slot {
    pub id: i64,
    pub office_id: OfficeId,
    #[sqlx(rename = "slot_group")]
    pub group: SlotGroup,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: i32,
    pub booked: i32,
}

impl Slot {
    pub fn free(&self) -> i32 {
        (self.capacity - self.booked).max(0)
    }
}

/// Who may hold how many active appointments (anti-hoarding), per service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BookingLimits {
    pub per_chat_user: i64,
    pub per_passport: i64,
    /// Bookings an anonymous client address may make for one office-day (see
    /// `NewAppointment::from_address`).
    pub per_address_per_office_day: i64,
}

impl Default for BookingLimits {
    fn default() -> Self {
        Self {
            per_chat_user: 2,
            per_passport: 1,
            per_address_per_office_day: 4,
        }
    }
}

/// Where an anonymous booking comes from (the web chat, where no platform vouches for the
/// user): its client address as a keyed digest, and the office-day of the slot as an instant
/// range, so the store counts what that address booked there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressClaim {
    /// A keyed digest: one address always gives the same value, which does not give the
    /// address back.
    pub address: String,
    /// The office-local day of the slot, `[from, to)`.
    pub day_from: DateTime<Utc>,
    pub day_to: DateTime<Utc>,
}

/// What a booking needs; the applicant's details are personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAppointment {
    pub slot_id: i64,
    pub service: ServiceCode,
    pub chat_user_id: i64,
    pub full_name: Personal<String>,
    pub nationality: Nationality,
    pub passport_no: PassportNo,
    pub phone: Personal<String>,
    /// Set for an anonymous booking: counted against `per_address_per_office_day`.
    pub from_address: Option<AddressClaim>,
    /// The applicant on record this is for, when the booker proved to be them or acts for
    /// them: the appointment is then the applicant's (see `appointments_of`).
    pub applicant_id: Option<i64>,
}

/// An appointment with what the user needs to see of it (read from a row of the appointment
/// joined with its slot's columns; the appointment's own id as `appointment_id`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appointment {
    pub id: i64,
    pub code: String,
    pub service: ServiceCode,
    pub slot: Slot,
    pub status: AppointmentStatus,
    pub full_name: Personal<String>,
    pub passport_no: PassportNo,
}

/// Which anti-hoarding limit a booking ran into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitKind {
    ChatUser,
    Passport,
    /// Anonymous bookings from one client address for one office-day.
    Address,
}

/// How a booking (or a move to another slot) ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookingOutcome {
    Booked(Appointment),
    /// The slot is full (someone took the last place), past, or gone.
    SlotTaken,
    LimitReached {
        kind: LimitKind,
        limit: i64,
    },
    /// The appointment to move or cancel is not (or no longer) this user's active one.
    NotFound,
}

/// Offices, services, slots and appointments: everything booking a place needs. A place is
/// never overbooked: every method that takes or frees one does so in one transaction, and
/// one that frees a place tells the waiting list in that same transaction.
#[async_trait]
pub trait BookingStore: Send + Sync {
    async fn offices(&self) -> Result<Vec<Office>, StoreError>;
    async fn services(&self) -> Result<Vec<Service>, StoreError>;
    /// Public holidays and office closures between two dates (inclusive).
    async fn working_calendar(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<WorkingCalendar, StoreError>;
    /// When each application for `service` at `office` that first became ready for pickup at
    /// or after `since` was submitted, and when it became ready (for processing times).
    async fn completed_applications(
        &self,
        office: &OfficeId,
        service: &ServiceCode,
        since: DateTime<Utc>,
    ) -> Result<Vec<(DateTime<Utc>, DateTime<Utc>)>, StoreError>;
    /// Creates slots that do not exist yet; returns how many were created.
    async fn insert_slots(&self, slots: &[NewSlot]) -> Result<u64, StoreError>;
    /// Slots of one office and group starting in `[from, to)`, in time order.
    async fn slots(
        &self,
        office: &OfficeId,
        group: SlotGroup,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<Slot>, StoreError>;
    /// Free places per day of the slots of one office and group starting in `[from, to)`,
    /// in day order, where a slot's day is the date of its start `utc_offset` seconds east
    /// of UTC (the office's offset over that span: see `Office::offset_spans`). Days
    /// without a free place are left out.
    async fn free_places_per_day(
        &self,
        office: &OfficeId,
        group: SlotGroup,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        utc_offset: i32,
    ) -> Result<Vec<(NaiveDate, i64)>, StoreError>;
    async fn slot(&self, id: i64) -> Result<Option<Slot>, StoreError>;
    /// Books a place: within one transaction the limits are checked and the slot's booked
    /// count is raised only if it is below capacity, so a slot is never overbooked.
    async fn book(
        &self,
        new: &NewAppointment,
        limits: BookingLimits,
        now: DateTime<Utc>,
    ) -> Result<BookingOutcome, StoreError>;
    /// Active (booked, not yet started) appointments a chat user sees and manages, soonest
    /// first: those of the applicants they proved to be, those of the applicants they act
    /// for while the delegation lasts, and those they booked for nobody on record. Cancel
    /// and reschedule take the same ones.
    async fn appointments_of(
        &self,
        chat_user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<Appointment>, StoreError>;
    /// Cancels the user's active appointment and frees its place, in one transaction.
    async fn cancel_appointment(
        &self,
        id: i64,
        chat_user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<BookingOutcome, StoreError>;
    /// Moves the user's active appointment to another slot: takes the new place and frees
    /// the old one in one transaction.
    async fn reschedule_appointment(
        &self,
        id: i64,
        chat_user_id: i64,
        new_slot: i64,
        now: DateTime<Utc>,
    ) -> Result<BookingOutcome, StoreError>;
    /// Puts the chat user on the waiting list of an office and service for office days
    /// `from..=to`; `false` if they already wait there. Whoever frees a place there (a
    /// cancellation, a move) writes the notification in the same transaction.
    async fn join_waitlist(
        &self,
        chat_user_id: i64,
        office: &OfficeId,
        service: &ServiceCode,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError>;
}
