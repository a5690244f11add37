//! The web chat's proof of work: before an anonymous booking is confirmed, the page finds a
//! nonce whose SHA-256 with a fresh challenge starts with a number of zero bits. One booking
//! costs a browser a fraction of a second; a script booking out an office-day pays that for
//! every place, on top of the per-address cap. Self-hosted: no third-party service, no
//! tracking, nothing stored until a solution is presented.
//!
//! A challenge is `<expires>.<random>.<mac>`: the MAC (HMAC-SHA-256 under a secret derived
//! from the service key, so every process of a deployment agrees) binds it to one
//! conversation and its expiry, so the service keeps no state to issue one. A solution is
//! accepted once: its random part is remembered in the shared expiring store until the
//! challenge expires.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use std::time::Duration;

/// How long a challenge may be solved in: the page asks for one right before solving.
pub const CHALLENGE_TTL: Duration = Duration::from_secs(300);

type HmacSha256 = Hmac<Sha256>;

/// Issues and checks challenges under one secret.
pub struct Challenges {
    secret: [u8; 32],
    /// Leading zero bits a solution's hash needs; 0 turns the challenge off.
    pub bits: u32,
}

/// What a presented solution is, when it is one: the challenge's random part, which must not
/// have been used before.
#[derive(Debug, PartialEq, Eq)]
pub struct Solved(pub String);

impl Challenges {
    pub fn new(secret: [u8; 32], bits: u32) -> Challenges {
        Challenges { secret, bits }
    }

    fn mac(&self, conversation: &str, expires: i64, random: &str) -> HmacSha256 {
        let mut mac = HmacSha256::new_from_slice(&self.secret).expect("HMAC takes any key");
        mac.update(format!("challenge\0{conversation}\0{expires}\0{random}").as_bytes());
        mac
    }

    /// A fresh challenge for `conversation`, valid until `now + CHALLENGE_TTL` (unix seconds).
    pub fn issue(&self, conversation: &str, now: i64) -> String {
        let expires = now + CHALLENGE_TTL.as_secs() as i64;
        let random = hex::encode(rand::random::<[u8; 16]>());
        let tag = self
            .mac(conversation, expires, &random)
            .finalize()
            .into_bytes();
        format!("{expires}.{random}.{}", hex::encode(tag))
    }

    /// Whether `nonce` solves `challenge`, issued to `conversation` and not yet expired at
    /// `now`. Anything malformed is no solution.
    pub fn check(
        &self,
        conversation: &str,
        challenge: &str,
        nonce: &str,
        now: i64,
    ) -> Option<Solved> {
        let mut parts = challenge.split('.');
        let (Some(expires), Some(random), Some(tag), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let expires: i64 = expires.parse().ok()?;
        let fresh = now < expires && expires <= now + CHALLENGE_TTL.as_secs() as i64;
        let nonce_ok = (1..=20).contains(&nonce.len()) && nonce.bytes().all(|b| b.is_ascii_digit());
        if !fresh || !nonce_ok || random.len() != 32 {
            return None;
        }
        let tag = hex::decode(tag).ok()?;
        self.mac(conversation, expires, random)
            .verify_slice(&tag)
            .ok()?;
        let hash = Sha256::digest(format!("{challenge}:{nonce}"));
        (leading_zero_bits(&hash) >= self.bits).then(|| Solved(random.to_string()))
    }
}

fn leading_zero_bits(hash: &[u8]) -> u32 {
    let mut bits = 0;
    for byte in hash {
        bits += byte.leading_zeros();
        if *byte != 0 {
            break;
        }
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn solve(challenge: &str, bits: u32) -> String {
        (0u64..)
            .find(|n| leading_zero_bits(&Sha256::digest(format!("{challenge}:{n}"))) >= bits)
            .unwrap()
            .to_string()
    }

    #[test]
    fn a_solution_holds_for_its_conversation_until_the_challenge_expires() {
        let challenges = Challenges::new([7; 32], 10);
        let now = 1_800_000_000;
        let challenge = challenges.issue("conversation-a", now);
        let nonce = solve(&challenge, 10);
        assert!(
            challenges
                .check("conversation-a", &challenge, &nonce, now + 10)
                .is_some()
        );
        assert!(
            challenges
                .check("conversation-b", &challenge, &nonce, now)
                .is_none()
        );
        let expired = now + CHALLENGE_TTL.as_secs() as i64;
        assert!(
            challenges
                .check("conversation-a", &challenge, &nonce, expired)
                .is_none()
        );
        // Another deployment's secret did not issue it.
        let other = Challenges::new([8; 32], 10);
        assert!(
            other
                .check("conversation-a", &challenge, &nonce, now)
                .is_none()
        );
    }

    #[test]
    fn a_wrong_or_malformed_answer_is_no_solution() {
        let challenges = Challenges::new([7; 32], 16);
        let now = 1_800_000_000;
        let challenge = challenges.issue("c", now);
        let wrong = (0u64..)
            .map(|n| n.to_string())
            .find(|n| Sha256::digest(format!("{challenge}:{n}"))[..2] != [0, 0])
            .unwrap();
        assert!(challenges.check("c", &challenge, &wrong, now).is_none());
        for (challenge, nonce) in [
            (challenge.as_str(), "12a"),
            (challenge.as_str(), ""),
            (challenge.as_str(), "123456789012345678901"),
            ("1.2", "1"),
            ("x.y.z", "1"),
            ("99999999999.00.00", "1"),
        ] {
            assert!(
                challenges.check("c", challenge, nonce, now).is_none(),
                "{challenge} {nonce}"
            );
        }
        // A challenge that claims a far expiry was not issued here, whatever its MAC.
        let far = format!("{}.{}.00", now + 10_000, "0".repeat(32));
        assert!(challenges.check("c", &far, "1", now).is_none());
    }

    #[test]
    fn zero_leading_bits_are_counted_across_bytes() {
        assert_eq!(leading_zero_bits(&[0, 0, 0x1f, 0xff]), 19);
        assert_eq!(leading_zero_bits(&[0x80]), 0);
        assert_eq!(leading_zero_bits(&[0, 0]), 16);
    }
}
