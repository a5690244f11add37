//! Throwing many random and mutated requests at a webhook, in-process (tower `oneshot`, no
//! socket), asserting every answer is 200 or 4xx, never a 5xx or a panic.

use axum::body::Body;
use axum::http::Request;
use rand::Rng;
use rand::rngs::StdRng;
use tower::ServiceExt;

/// A byte-level mutation of `seed`: random bytes, a few bytes flipped, cut short, or kept.
pub fn mutate_bytes(rng: &mut StdRng, seed: &[u8]) -> Vec<u8> {
    let mut body = seed.to_vec();
    match rng.random_range(0..4) {
        0 => (0..rng.random_range(0..200))
            .map(|_| rng.random())
            .collect(),
        1 => {
            for _ in 0..rng.random_range(1..6) {
                let at = rng.random_range(0..body.len());
                body[at] = rng.random();
            }
            body
        }
        2 => {
            body.truncate(rng.random_range(0..body.len()));
            body
        }
        _ => body,
    }
}

/// Sends `count` requests made by `make(rng, index)` through `router` and asserts each gets
/// 200 or 4xx. Returns how many got 200 and how many were rejected.
pub async fn assert_no_server_errors(
    router: axum::Router,
    count: u32,
    seed: u64,
    mut make: impl FnMut(&mut StdRng, u32) -> Request<Body>,
) -> (u32, u32) {
    use rand::SeedableRng;
    let mut rng = StdRng::seed_from_u64(seed);
    let (mut ok, mut rejected) = (0, 0);
    for i in 0..count {
        let request = make(&mut rng, i);
        let described = format!("{} {}", request.method(), request.uri());
        let status = router
            .clone()
            .oneshot(request)
            .await
            .expect("the router answers")
            .status();
        assert!(
            status.as_u16() == 200 || status.is_client_error(),
            "{status} for request {i} ({described})"
        );
        if status.as_u16() == 200 {
            ok += 1;
        } else {
            rejected += 1;
        }
    }
    (ok, rejected)
}
