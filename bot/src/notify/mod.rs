//! Notification planning: which outbox rows an event or a schedule produces. The outbox
//! table exists from the foundation on; planning arrives with the notifications work.
