//! What the load benches share: run many clients at once and summarise their latencies.

use std::future::Future;
use std::path::Path;
use std::time::{Duration, Instant};

/// Per-request latencies of one load, sorted, and the load's wall time.
pub struct Load {
    pub latencies: Vec<Duration>,
    pub seconds: f64,
}

impl Load {
    /// Spawns `clients` tasks at once (`client(n)` for n in 0..clients), each returning its
    /// requests' latencies, and waits for all of them.
    pub async fn run<F, Fut>(clients: usize, mut client: F) -> Load
    where
        F: FnMut(usize) -> Fut,
        Fut: Future<Output = Vec<Duration>> + Send + 'static,
    {
        let started = Instant::now();
        let tasks: Vec<_> = (0..clients).map(|n| tokio::spawn(client(n))).collect();
        let mut latencies = Vec::new();
        for task in tasks {
            latencies.extend(task.await.expect("a bench client panicked"));
        }
        Load::new(latencies, started.elapsed().as_secs_f64())
    }

    /// Latencies gathered some other way, over `seconds` of wall time.
    pub fn new(mut latencies: Vec<Duration>, seconds: f64) -> Load {
        latencies.sort();
        Load { latencies, seconds }
    }

    /// Requests.
    pub fn count(&self) -> usize {
        self.latencies.len()
    }

    /// Requests per second of wall time.
    pub fn per_second(&self) -> f64 {
        self.latencies.len() as f64 / self.seconds
    }

    /// The `p` quantile (0.5 for the median) of the latencies, in milliseconds.
    pub fn ms(&self, p: f64) -> f64 {
        let last = self.latencies.len().saturating_sub(1);
        self.latencies
            .get(((self.latencies.len() as f64 * p) as usize).min(last))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    }
}

/// Runs a bench's work on a multi-threaded runtime and returns what it measured.
pub fn block_on<F: Future>(work: F) -> F::Output {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(work)
}

/// Writes a bench's results to `target/bench/<name>.json`, pretty-printed.
pub fn write_results(name: &str, results: &impl serde::Serialize) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join(format!("{name}.json")),
        serde_json::to_string_pretty(results).unwrap(),
    )
    .unwrap();
}
