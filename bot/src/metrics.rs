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
pub const STORE_ERRORS: &str = "visadesk_store_errors_total";

/// How a turn ended, as far as the person is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TurnOutcome {
    /// The flow answered (whatever it said).
    Answered,
    /// The flow did not understand the answer and asked its question again.
    Reprompted,
    /// Another message of the same conversation held the turn lock too long: "busy".
    Busy,
    /// A store or session error: the person got an apology with a reference.
    Failed,
}

impl TurnOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            TurnOutcome::Answered => "answered",
            TurnOutcome::Reprompted => "reprompted",
            TurnOutcome::Busy => "busy",
            TurnOutcome::Failed => "failed",
        }
    }
}

/// One turn of `channel` (an adapter's fixed name: `telegram`, `web`, …) handled by `flow`
/// (`State::flow_name`: `menu`, `booking`, …; `none` when the turn never reached one).
pub fn turn(channel: &str, flow: &'static str, outcome: TurnOutcome, latency: Duration) {
    metrics::counter!(
        TURNS,
        "channel" => channel.to_string(),
        "flow" => flow,
        "outcome" => outcome.as_str()
    )
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

/// Which store failed: the SQL database or Redis (sessions, locks, counters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Store {
    Database,
    Redis,
}

/// One error from a store, by what kind of failure it was (`connection`: the server could
/// not be reached or the pool gave no connection in time; `query`: the server refused a
/// statement; `other`). Counted where the driver's error becomes the store's, so every
/// caller's failure is counted once.
pub fn store_error(store: Store, kind: &'static str) {
    let store = match store {
        Store::Database => "database",
        Store::Redis => "redis",
    };
    metrics::counter!(STORE_ERRORS, "store" => store, "kind" => kind).increment(1);
}

/// The help text of every metric above, for the exporter's `# HELP` lines.
pub fn describe() {
    metrics::describe_counter!(
        TURNS,
        "Turns (messages handled) by channel, flow and outcome"
    );
    metrics::describe_histogram!(
        TURN_DURATION,
        metrics::Unit::Seconds,
        "Time to answer one message, by channel"
    );
    metrics::describe_counter!(BOOKINGS_MADE, "Appointments booked");
    metrics::describe_counter!(BOOKINGS_CANCELLED, "Appointments cancelled by their holder");
    metrics::describe_counter!(BOOKINGS_REFUSED, "Bookings refused, by reason");
    metrics::describe_counter!(IDENTITY_PROOFS, "Identity proofs by outcome");
    metrics::describe_counter!(
        STORE_ERRORS,
        "Errors from the SQL database and Redis, by store and kind"
    );
}
