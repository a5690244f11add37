//! The OpenAPI 3 document at `/api/v1/openapi.json`, generated from the handlers' and
//! bodies' annotations (utoipa): the back-office API and the generic webhook.

use super::{applications, calendar, outbox, people, processing_times, records};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoResponses, Modify, OpenApi, ToSchema};

/// The body of every error answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// A stable code: unauthorized, forbidden, not_found, invalid_json, invalid_field,
    /// conflict, payload_too_large, internal, …
    pub error: String,
    pub message: String,
    /// The field at fault (`invalid_field` only), e.g. `pickup.until`.
    #[schema(nullable = false)]
    pub field: Option<String>,
}

/// The error answers every admin operation may give.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum Errors {
    /// The body is not JSON (or a query value does not parse).
    #[response(status = 400)]
    BadRequest(ErrorBody),
    /// No token, or an unknown or revoked one.
    #[response(status = 401)]
    Unauthorized(ErrorBody),
    /// The token lacks the scope, or may not act for the office the request names (the same
    /// answer whether that office exists or not).
    #[response(status = 403)]
    Forbidden(ErrorBody),
    /// Nothing with this id, or (for a token limited to some offices) it belongs to another
    /// office: both answers are the same.
    #[response(status = 404)]
    NotFound(ErrorBody),
    #[response(status = 405)]
    MethodNotAllowed(ErrorBody),
    /// The change contradicts the current state (illegal status transition, taken receipt).
    #[response(status = 409)]
    Conflict(ErrorBody),
    #[response(status = 413)]
    TooLarge(ErrorBody),
    /// A field is missing, unknown or invalid; `field` names it.
    #[response(status = 422)]
    Invalid(ErrorBody),
}

/// One message to the generic webhook (`docs/api/generic-webhook.md`); send exactly one of
/// `text`, `button`, `location`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct GenericMessageDoc {
    /// The chat (a group has one): 1 to 128 characters, no control characters.
    #[schema(
        min_length = 1,
        max_length = 128,
        pattern = "^[^\\x00-\\x1f\\x7f-\\x9f]*$"
    )]
    conversation_id: String,
    /// The person: 1 to 128 characters, no control characters.
    #[schema(
        min_length = 1,
        max_length = 128,
        pattern = "^[^\\x00-\\x1f\\x7f-\\x9f]*$"
    )]
    sender_id: String,
    /// A language hint for a first contact (`en`, `zh-CN`, `ru-RU` …): at most 35 printable
    /// ASCII characters.
    #[schema(max_length = 35, pattern = "^[\\x20-\\x7e]*$")]
    locale: Option<String>,
    /// A display name, at most 256 characters.
    #[schema(max_length = 256, pattern = "^[^\\x00]*$")]
    sender_name: Option<String>,
    /// The conversation is a group chat (default `false`).
    #[serde(default)]
    group: bool,
    /// What the user typed: 1 to 4096 characters, not only spaces.
    #[schema(
        min_length = 1,
        max_length = 4096,
        pattern = "^[^\\x00]*[^\\s\\x00][^\\x00]*$"
    )]
    text: Option<String>,
    /// The `id` of a button from an earlier reply: 1 to 128 characters, no control
    /// characters.
    #[schema(
        min_length = 1,
        max_length = 128,
        pattern = "^[^\\x00-\\x1f\\x7f-\\x9f]*$"
    )]
    button: Option<String>,
    location: Option<GenericLocationDoc>,
    /// Your id of this message (1 to 128 characters, no control characters): one this
    /// sender sent before within a day is acknowledged (`duplicate: true`) and not
    /// processed again.
    #[schema(
        min_length = 1,
        max_length = 128,
        pattern = "^[^\\x00-\\x1f\\x7f-\\x9f]*$"
    )]
    message_id: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct GenericLocationDoc {
    #[schema(minimum = -90, maximum = 90)]
    latitude: f64,
    #[schema(minimum = -180, maximum = 180)]
    longitude: f64,
}

/// The webhook's answer: the replies of the turn.
#[derive(Debug, Serialize, ToSchema)]
#[allow(dead_code)]
pub struct GenericRepliesDoc {
    replies: Vec<GenericReplyDoc>,
    /// Present (and `true`) when the message was seen before: not processed again, no
    /// replies.
    #[schema(nullable = false)]
    duplicate: Option<bool>,
}

#[derive(Debug, Serialize, ToSchema)]
#[allow(dead_code)]
pub struct GenericReplyDoc {
    text: String,
    buttons: Vec<GenericButtonDoc>,
    request_location: bool,
    location: Option<serde_json::Value>,
    document: Option<serde_json::Value>,
}

#[derive(Debug, Serialize, ToSchema)]
#[allow(dead_code)]
pub struct GenericButtonDoc {
    id: String,
    label: String,
}

/// The generic webhook, sent with `X-Visadesk-Timestamp: <Unix seconds>` and signed with
/// `X-Visadesk-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` (served by
/// `channels::generic`; documented here).
#[utoipa::path(post, path = "/api/v1/channels/generic/messages", tag = "generic webhook",
    params(
        ("X-Visadesk-Timestamp" = String, Header, description = "when the request was signed, in Unix seconds; refused more than VISADESK_GENERIC_TIMESTAMP_TOLERANCE_SECONDS (default 300) from the server's time"),
        ("X-Visadesk-Signature" = String, Header, description = "sha256=<hex HMAC-SHA256 of the timestamp, a dot and the raw body, with VISADESK_GENERIC_SECRET>"),
    ),
    request_body = GenericMessageDoc,
    responses(
        (status = 200, description = "the replies, or `duplicate: true` and none for a message seen before", body = GenericRepliesDoc),
        (status = 400, description = "malformed message", body = ErrorBody),
        (status = 401, description = "missing, stale or wrong timestamp or signature", body = ErrorBody),
        (status = 413, description = "body over 64 KiB", body = ErrorBody),
        (status = 415, description = "not application/json", body = ErrorBody),
        (status = 429, description = "too many messages from this conversation", body = ErrorBody),
        (status = 503, description = "rate limiter or de-duplication store unavailable", body = ErrorBody),
    ))]
#[allow(dead_code)]
fn generic_webhook() {}

/// States "exactly one of `text`, `button`, `location`" in the generic message's schema:
/// all of its fields, and one of three objects each requiring one of them (not null). A
/// message with none or two of them is refused (400), so the document must not admit it.
struct ExactlyOneInput;

impl Modify for ExactlyOneInput {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::schema::{AllOfBuilder, ObjectBuilder, OneOfBuilder, Schema, Type};
        use utoipa::openapi::{Ref, RefOr};
        let Some(components) = openapi.components.as_mut() else {
            return;
        };
        let Some(fields) = components.schemas.remove("GenericMessageDoc") else {
            return;
        };
        let requiring = |field: &str, schema: RefOr<Schema>| {
            ObjectBuilder::new()
                .property(field, schema)
                .required(field)
                .build()
        };
        let text = ObjectBuilder::new().schema_type(Type::String).build();
        let one_input = OneOfBuilder::new()
            .item(requiring("text", text.clone().into()))
            .item(requiring("button", text.into()))
            .item(requiring(
                "location",
                Ref::from_schema_name("GenericLocationDoc").into(),
            ))
            .build();
        let message = AllOfBuilder::new()
            .item(fields)
            .item(Schema::OneOf(one_input))
            .build();
        components.schemas.insert(
            "GenericMessageDoc".to_string(),
            Schema::AllOf(message).into(),
        );
    }
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("a token from `visadesk token create`"))
                    .build(),
            ),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "visadesk API", description = "Back-office API for Exit-Entry offices and the generic messaging webhook."),
    paths(
        applications::create,
        applications::show,
        applications::change_status,
        calendar::generate,
        calendar::close_day,
        calendar::set_capacity,
        records::bulk_import,
        records::put_office,
        records::issue_link_code,
        records::revoke_e_document,
        outbox::list,
        outbox::requeue,
        outbox::audit,
        people::export,
        people::erase,
        processing_times::processing_times,
        generic_webhook,
    ),
    components(schemas(ErrorBody)),
    modifiers(&BearerAuth, &ExactlyOneInput)
)]
pub struct ApiDoc;

/// `GET /api/v1/openapi.json`.
pub async fn serve() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
