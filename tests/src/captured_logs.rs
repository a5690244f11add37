//! The log lines of the test process, captured at TRACE as the service would write them
//! (text format), so tests can look for what must (a request id) or must never (a passport
//! number) be in them. One subscriber per process: nextest runs each test in its own.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn captured() -> &'static Captured {
    static LOGS: OnceLock<Captured> = OnceLock::new();
    LOGS.get_or_init(|| {
        let captured = Captured::default();
        let writer = captured.clone();
        tracing_subscriber::fmt()
            .with_env_filter("trace")
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .init();
        captured
    })
}

/// Starts capturing (once per process); call before the service starts.
pub fn capture_logs() {
    captured();
}

/// Everything logged since `capture_logs`.
pub fn log_text() -> String {
    String::from_utf8_lossy(&captured().0.lock().unwrap()).into_owned()
}
