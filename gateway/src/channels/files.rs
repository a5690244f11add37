//! Documents handed to users (calendar files, PDFs) as short-lived download links, for
//! channels that deliver files by URL (web chat, generic webhook). The bytes live in the
//! expiring store under a random token and expire with it, so any `serve` process sharing
//! Redis can answer the download, and nothing personal stays on disk.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
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
    /// The web chat conversation (cookie value) the link is bound to; `None` for links
    /// fetched by a remote system (generic webhook, WeChat), which carry no cookie.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    owner: Option<String>,
}

/// Where published documents are kept until their links expire.
pub struct Files {
    store: Arc<dyn ExpiringStore>,
}

impl Files {
    pub fn new(store: Arc<dyn ExpiringStore>) -> Files {
        Files { store }
    }

    /// Stores a document and returns its download path (`/files/<token>`). With an `owner`
    /// (a web chat conversation), only a request carrying that conversation's cookie gets it.
    /// `holder` (channel, sender) is whom it was made for: erasing them removes it too.
    pub async fn publish(
        &self,
        document: &Document,
        owner: Option<&str>,
        holder: (&str, &str),
    ) -> Result<String, SessionError> {
        let token = format!(
            "{}{}",
            uuid::Uuid::new_v4().simple(),
            uuid::Uuid::new_v4().simple()
        );
        let stored = StoredFile {
            filename: document.filename.clone(),
            content_type: document.content_type.clone(),
            data: base64::engine::general_purpose::STANDARD.encode(&document.bytes),
            owner: owner.map(str::to_string),
        };
        let text = serde_json::to_string(&stored).expect("a file record serializes");
        self.store
            .keep_download(&token, &text, LINK_LIFETIME, holder)
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

/// `GET /files/{token}`: the document as an attachment, or 404 once expired, and 404 for a
/// web chat document asked for without its conversation's cookie (the same answer as for a
/// link that does not exist, so a leaked link tells nothing).
async fn download(
    State(files): State<Arc<Files>>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Response {
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
    if let Some(owner) = &file.owner
        && super::webchat::conversation_of(&headers).as_ref() != Some(owner)
    {
        return StatusCode::NOT_FOUND.into_response();
    }
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
