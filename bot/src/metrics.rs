//! What the engine counts for `/metrics` (the gateway renders them; `docs/operations.md`
//! lists them): turns, bookings and identity proofs. Each metric is named once, here, and
//! recorded through one function named after what happened. Labels hold only values from
//! a short fixed set (a channel name, an outcome, a reason), never a user, chat or passport:
//! a label is kept forever by Prometheus and shown to whoever reads the dashboards.
//!
//! Without a recorder installed (unit tests, the terminal chat) these calls do nothing.

use std::time::Duration;

pub const TURNS: &str = "visadesk_turns_total";
pub const TURN_DURATION: &str = "visadesk_turn_duration_seconds";
pub const BOOKINGS_MADE: &str = "visadesk_bookings_made_total";
pub const BOOKINGS_CANCELLED: &str = "visadesk_bookings_cancelled_total";
pub const BOOKINGS_REFUSED: &str = "visadesk_bookings_refused_total";
pub const IDENTITY_PROOFS: &str = "visadesk_identity_proofs_total";

/// How a turn ended, as far as the person is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TurnOutcome {
    /// The flow answered (whatever it said).
    Answered,
    /// Another message of the same conversation held the turn lock too long: "busy".
    Busy,
    /// A store or session error: the person got an apology with a reference.
    Failed,
}

impl TurnOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            TurnOutcome::Answered => "answered",
            TurnOutcome::Busy => "busy",
            TurnOutcome::Failed => "failed",
        }
    }
}

/// One turn of `channel` (an adapter's fixed name: `telegram`, `web`, …).
pub fn turn(channel: &str, outcome: TurnOutcome, latency: Duration) {
    metrics::counter!(TURNS, "channel" => channel.to_string(), "outcome" => outcome.as_str())
        .increment(1);
    metrics::histogram!(TURN_DURATION, "channel" => channel.to_string())
        .record(latency.as_secs_f64());
}

/// Why a booking was not made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusalReason {
    /// The slot filled up (or went) between showing it and confirming.
    SlotTaken,
    /// The chat user's limit of active appointments.
    UserLimit,
    /// The passport's limit of active appointments.
    PassportLimit,
    /// The web chat's cap per client address and office-day.
    AddressLimit,
}

impl RefusalReason {
    pub fn as_str(self) -> &'static str {
        match self {
            RefusalReason::SlotTaken => "slot_taken",
            RefusalReason::UserLimit => "user_limit",
            RefusalReason::PassportLimit => "passport_limit",
            RefusalReason::AddressLimit => "address_limit",
        }
    }
}

pub fn booking_made() {
    metrics::counter!(BOOKINGS_MADE).increment(1);
}

pub fn booking_cancelled() {
    metrics::counter!(BOOKINGS_CANCELLED).increment(1);
}

pub fn booking_refused(reason: RefusalReason) {
    metrics::counter!(BOOKINGS_REFUSED, "reason" => reason.as_str()).increment(1);
}

/// How an identity proof (passport, birth date and receipt or link code) ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProofOutcome {
    /// The answers matched an applicant.
    Proven,
    /// They matched none: one attempt counted.
    Failed,
    /// Attempts were used up; nothing (or only a link code) was checked.
    Limited,
}

pub fn identity_proof(outcome: ProofOutcome) {
    let outcome = match outcome {
        ProofOutcome::Proven => "proven",
        ProofOutcome::Failed => "failed",
        ProofOutcome::Limited => "limited",
    };
    metrics::counter!(IDENTITY_PROOFS, "outcome" => outcome).increment(1);
}

/// The help text of every metric above, for the exporter's `# HELP` lines.
pub fn describe() {
    metrics::describe_counter!(TURNS, "Turns (messages handled) by channel and outcome");
    metrics::describe_histogram!(
        TURN_DURATION,
        metrics::Unit::Seconds,
        "Time to answer one message, by channel"
    );
    metrics::describe_counter!(BOOKINGS_MADE, "Appointments booked");
    metrics::describe_counter!(BOOKINGS_CANCELLED, "Appointments cancelled by their holder");
    metrics::describe_counter!(BOOKINGS_REFUSED, "Bookings refused, by reason");
    metrics::describe_counter!(IDENTITY_PROOFS, "Identity proofs by outcome");
}
