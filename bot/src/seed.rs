//! Bundled data: the reference seed (public holidays, service catalogue, offices) loaded on
//! every start, and the clearly fictional demo records loaded by `serve --demo`.
//! Files live in `deploy/seed/`, where operators can read them, and are embedded here.
//! Loading goes through the same import path as `visadesk import`, so it is idempotent.

use crate::import::{self, Format, ImportError, ImportKind};
use crate::store::{ImportReport, Repository, StoreError};

/// (kind, file name, contents) in load order: what a record refers to comes first.
pub const REFERENCE: &[(ImportKind, &str, &str)] = &[
    (
        ImportKind::Holidays,
        "holidays.json",
        include_str!("../../deploy/seed/holidays.json"),
    ),
    (
        ImportKind::Services,
        "services.json",
        include_str!("../../deploy/seed/services.json"),
    ),
    (
        ImportKind::Offices,
        "offices.json",
        include_str!("../../deploy/seed/offices.json"),
    ),
];

/// Fictional people and applications for trying every flow; see the README's demo section.
pub const DEMO: &[(ImportKind, &str, &str)] = &[
    (
        ImportKind::Applicants,
        "demo/applicants.json",
        include_str!("../../deploy/seed/demo/applicants.json"),
    ),
    (
        ImportKind::Applications,
        "demo/applications.json",
        include_str!("../../deploy/seed/demo/applications.json"),
    ),
];

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("seed file {file}: {source}")]
    Parse {
        file: &'static str,
        source: ImportError,
    },
    #[error("seed file {file}: {source}")]
    Store {
        file: &'static str,
        source: StoreError,
    },
}

/// Imports a list of bundled files in order; returns the summed report.
pub async fn load(
    repo: &dyn Repository,
    files: &[(ImportKind, &'static str, &'static str)],
) -> Result<ImportReport, SeedError> {
    let mut total = ImportReport::default();
    for (kind, file, text) in files {
        let batch = import::parse(*kind, Format::Json, text)
            .map_err(|source| SeedError::Parse { file, source })?;
        let report = repo
            .import(&batch)
            .await
            .map_err(|source| SeedError::Store { file, source })?;
        total.inserted += report.inserted;
        total.updated += report.updated;
        total.unchanged += report.unchanged;
    }
    Ok(total)
}
