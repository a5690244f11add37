//! visadesk core: everything that is not a platform or an HTTP server.
//!
//! `domain` holds plain types and rules (no I/O), `store` the repository and session store
//! behind traits, `import` turns CSV/JSON files into typed records, `seed` the bundled
//! reference data, `i18n` the Fluent catalogue. See `docs/architecture.md`.

pub mod clock;
pub mod data_rights;
pub mod dialogue;
pub mod documents;
pub mod domain;
pub mod i18n;
pub mod import;
pub mod metrics;
pub mod notify;
pub mod private_file;
pub mod processing;
pub mod retention;
pub mod seed;
pub mod slots;
pub mod store;
