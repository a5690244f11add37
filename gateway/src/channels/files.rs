//! Documents handed to users (calendar files, PDFs) as short-lived download links, for
//! channels that deliver files by URL (web chat, generic webhook). The bytes live in the
//! expiring store under a random token and expire with it, so any `serve` process sharing
//! Redis can answer the download, and nothing personal stays on disk.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Duration;
use visadesk_bot::dialogue::Document;
use visadesk_bot::store::{ExpiringStore, SessionError};

/// How long a download link works.
pub const LINK_LIFETIME: Duration = Duration::from_secs(60 * 60);

#[derive(Serialize, Deserialize)]
struct StoredFile {
    filename: String,
    content_type: String,
    data: String,
}

/// Where published documents are kept until their links expire.
pub struct Files {
    store: Arc<dyn ExpiringStore>,
}

impl Files {
    pub fn new(store: Arc<dyn ExpiringStore>) -> Files {
        Files { store }
    }

    /// Stores a document and returns its download path (`/files/<token>`).
    pub async fn publish(&self, document: &Document) -> Result<String, SessionError> {
        let token = format!(
            "{}{}",
            uuid::Uuid::new_v4().simple(),
            uuid::Uuid::new_v4().simple()
        );
        let stored = StoredFile {
            filename: document.filename.clone(),
            content_type: document.content_type.clone(),
            data: base64::engine::general_purpose::STANDARD.encode(&document.bytes),
        };
        let text = serde_json::to_string(&stored).expect("a file record serializes");
        self.store
            .keep_download(&token, &text, LINK_LIFETIME)
            .await?;
        Ok(format!("/files/{token}"))
    }
}

/// `GET /files/{token}`, served from any process sharing the store.
pub fn routes<S>(files: Arc<Files>) -> Router<S> {
    Router::new()
        .route("/files/{token}", get(download))
        .with_state(files)
}

/// `GET /files/{token}`: the document as an attachment, or 404 once expired.
async fn download(State(files): State<Arc<Files>>, Path(token): Path<String>) -> Response {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let stored = match files.store.download(&token).await {
        Ok(Some(text)) => serde_json::from_str::<StoredFile>(&text).ok(),
        Ok(None) => None,
        Err(e) => {
            tracing::error!(error = %e, "file store unavailable");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let Some(file) = stored else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(file.data) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // File names are ours (`visadesk-CODE.ics`), ASCII without quotes.
    let filename: String = file
        .filename
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || ".-_".contains(*c))
        .collect();
    (
        [
            (header::CONTENT_TYPE, file.content_type),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}
