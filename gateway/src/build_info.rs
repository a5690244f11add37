//! Which build is running: the release version and the git commit it was built from
//! (`build.rs`; "unknown" when built without git). Shown by `visadesk --version`, in the
//! start-up log line and as the `visadesk_build_info` metric.

pub const VERSION: &str = env!("CARGO_PKG_VERSION");
pub const COMMIT: &str = env!("VISADESK_GIT_COMMIT");
/// What `visadesk --version` prints after the name: `0.1.0 (commit 1a2b3c4d5e6f)`.
pub const VERSION_LINE: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("VISADESK_GIT_COMMIT"),
    ")"
);
