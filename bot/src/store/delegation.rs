//! Acting for others: linking another channel of the same person with a one-time code, and
//! helpers acting for relatives through recorded, revocable delegations (NIA function 8),
//! granted by a link code or a family invitation. A delegation gives the helper what the
//! applicant's own link gives, until either of them revokes it.

use super::{Applicant, StoreError};
use crate::domain::Personal;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// A helper acting for an applicant (read from a row of the delegation joined with the
/// applicant's columns; the delegation's own id as `delegation_id`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delegation {
    pub id: i64,
    pub helper_chat_user: i64,
    /// The helper's display name on their channel when the delegation was made, if known.
    pub helper_label: Option<String>,
    pub applicant: Applicant,
    pub method: String,
    pub granted_at: DateTime<Utc>,
}

/// How accepting a family invitation ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvitationOutcome {
    /// The inviter now acts for the accepting person's applicants.
    Accepted {
        inviter: i64,
        inviter_label: Option<String>,
        delegations: u64,
    },
    /// Unknown, used or expired code.
    Invalid,
    /// The inviter tried to accept their own invitation.
    Own,
    /// The accepting person has not proven who they are, so there is nothing to delegate.
    NotLinked,
}

/// Short codes (link another chat, family invitations): 8 characters without look-alikes,
/// about 40 bits, one-time and short-lived, behind the attempt limits.
pub fn new_short_code() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..8)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

impl Delegation {
    /// The applicant's name, for the helper's own screens only.
    pub fn applicant_name(&self) -> &Personal<String> {
        &self.applicant.full_name
    }
}

/// One-time channel codes, delegations and family invitations.
#[async_trait]
pub trait DelegationStore: Send + Sync {
    /// Stores a one-time code (its SHA-256) that links another channel to this chat user.
    async fn create_channel_code(
        &self,
        chat_user_id: i64,
        code_hash: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StoreError>;
    /// Uses up a channel code: the redeeming chat user gets the same applicant links and
    /// delegations as the one who showed the code. Returns how many links were copied, or
    /// `None` for an unknown, used or expired code (or one shown by the same chat user).
    async fn redeem_channel_code(
        &self,
        code_hash: &str,
        chat_user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<u64>, StoreError>;

    /// Records that `helper` may act for `applicant_id` (a no-op if they already do), and
    /// tells the applicant's own chats. Every grant and end of a delegation is told the same
    /// way: `revoke_delegation` and `accept_invitation` too.
    async fn add_delegation(
        &self,
        helper: i64,
        applicant_id: i64,
        method: &str,
        helper_label: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError>;
    /// Whether `helper` needs `applicant_id`'s own consent (an invitation they accept) to act
    /// for them, whatever their age: the applicant has a chat of their own with visadesk, or
    /// has ended this helper's access before.
    async fn needs_consent(&self, helper: i64, applicant_id: i64) -> Result<bool, StoreError>;
    /// Active delegations this chat user holds as a helper.
    async fn delegations_held(&self, helper: i64) -> Result<Vec<Delegation>, StoreError>;
    /// Active delegations others hold for the applicants this chat user has proven to be.
    async fn delegations_granted(&self, chat_user_id: i64) -> Result<Vec<Delegation>, StoreError>;
    /// Ends a delegation, if `by` is its helper or has proven to be its applicant; tells the
    /// applicant's other chats, and the helper if it was not them.
    async fn revoke_delegation(
        &self,
        id: i64,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError>;
    async fn create_invitation(
        &self,
        inviter: i64,
        inviter_label: Option<&str>,
        code_hash: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StoreError>;
    /// The accepting chat user lets the inviter act for every applicant they have proven to be.
    async fn accept_invitation(
        &self,
        code_hash: &str,
        accepter: i64,
        now: DateTime<Utc>,
    ) -> Result<InvitationOutcome, StoreError>;
}
