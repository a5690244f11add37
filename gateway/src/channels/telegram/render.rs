//! The engine's `Reply`s as Telegram messages: text in HTML parse mode (escaped), choices as
//! an inline keyboard whose callback data fits Telegram's 64 bytes, a location request as a
//! reply-keyboard button, places as venues, files as documents. Pure: no I/O, so every rule
//! here is unit-tested; `sender.rs` turns the result into Bot API calls.

use teloxide::types::{
    ButtonRequest, InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, KeyboardMarkup,
    KeyboardRemove, ReplyMarkup,
};
use visadesk_bot::dialogue::{Button, Reply};

/// Telegram refuses messages longer than 4096 characters (counted after entity parsing, in
/// UTF-16 code units); pieces stay below this, with room to spare.
pub const MAX_TEXT_UNITS: usize = 4000;
/// Telegram's limit for `callback_data`.
pub const MAX_CALLBACK_BYTES: usize = 64;
/// Callback data of a button whose id would not fit: `#<number>`, answered like the typed
/// number of the current question's choices.
pub const NUMBERED_CHOICE: char = '#';
/// Labels up to this many characters go two to a keyboard row.
const SHORT_LABEL: usize = 16;

/// One Bot API message to send.
#[derive(Debug, Clone, PartialEq)]
pub enum Outgoing {
    /// `sendMessage` with `parse_mode=HTML`; `html` is already escaped.
    Text {
        html: String,
        markup: Option<ReplyMarkup>,
    },
    /// `sendVenue`.
    Venue {
        latitude: f64,
        longitude: f64,
        title: String,
        address: String,
    },
    /// `sendLocation` (a place without a name or address).
    Location { latitude: f64, longitude: f64 },
    /// `sendDocument` (multipart upload).
    Document { filename: String, bytes: Vec<u8> },
}

/// What the renderer needs to know about the chat.
#[derive(Debug, Clone)]
pub struct RenderContext {
    /// Label of the reply-keyboard button that shares the location. `None` where Telegram
    /// does not allow that button (groups): the question's text and city buttons remain.
    pub location_button: Option<String>,
    /// Take away an earlier location keyboard with the first message that has no keyboard of
    /// its own (after the user shared a location).
    pub remove_reply_keyboard: bool,
}

/// The messages for a batch of replies, in order.
pub fn render_replies(replies: &[Reply], context: &RenderContext) -> Vec<Outgoing> {
    let mut out = Vec::new();
    let mut remove = context.remove_reply_keyboard;
    for reply in replies {
        for mut message in render(reply, context) {
            if let Outgoing::Text { markup, .. } = &mut message
                && remove
                && markup.is_none()
            {
                *markup = Some(ReplyMarkup::KeyboardRemove(KeyboardRemove::new()));
                remove = false;
            }
            out.push(message);
        }
    }
    out
}

/// The messages for one reply: its text (split when long; the keyboard goes with the last
/// piece), then its place, then its file.
pub fn render(reply: &Reply, context: &RenderContext) -> Vec<Outgoing> {
    let mut out = Vec::new();
    let markup = if !reply.buttons.is_empty() {
        Some(ReplyMarkup::InlineKeyboard(inline_keyboard(&reply.buttons)))
    } else if reply.request_location {
        context.location_button.as_ref().map(|label| {
            ReplyMarkup::Keyboard(
                KeyboardMarkup::new([[
                    KeyboardButton::new(label.clone()).request(ButtonRequest::Location)
                ]])
                .resize_keyboard()
                .one_time_keyboard(),
            )
        })
    } else {
        None
    };
    if !reply.text.trim().is_empty() || markup.is_some() {
        let pieces = split_text(&reply.text, MAX_TEXT_UNITS);
        let last = pieces.len() - 1;
        for (i, piece) in pieces.into_iter().enumerate() {
            out.push(Outgoing::Text {
                html: teloxide::utils::html::escape(&piece),
                markup: if i == last { markup.clone() } else { None },
            });
        }
    }
    if let Some(place) = &reply.location {
        if place.title.trim().is_empty() || place.address.trim().is_empty() {
            out.push(Outgoing::Location {
                latitude: place.latitude,
                longitude: place.longitude,
            });
        } else {
            out.push(Outgoing::Venue {
                latitude: place.latitude,
                longitude: place.longitude,
                title: place.title.clone(),
                address: place.address.clone(),
            });
        }
    }
    if let Some(document) = &reply.document {
        out.push(Outgoing::Document {
            filename: document.filename.clone(),
            bytes: document.bytes.clone(),
        });
    }
    out
}

/// One button per row, or two when both labels are short (dates, cities, yes/no).
pub fn inline_keyboard(buttons: &[Button]) -> InlineKeyboardMarkup {
    let mut rows: Vec<Vec<InlineKeyboardButton>> = Vec::new();
    let mut pending: Option<InlineKeyboardButton> = None;
    for (index, button) in buttons.iter().enumerate() {
        let key =
            InlineKeyboardButton::callback(button.label.clone(), callback_data(button, index));
        let short = button.label.chars().count() <= SHORT_LABEL;
        match pending.take() {
            Some(first) if short => rows.push(vec![first, key]),
            Some(first) => {
                rows.push(vec![first]);
                rows.push(vec![key]);
            }
            None if short => pending = Some(key),
            None => rows.push(vec![key]),
        }
    }
    rows.extend(pending.map(|k| vec![k]));
    InlineKeyboardMarkup::new(rows)
}

/// The button's id, or `#<position>` when the id is longer than Telegram allows.
pub fn callback_data(button: &Button, index: usize) -> String {
    if button.id.len() <= MAX_CALLBACK_BYTES {
        button.id.clone()
    } else {
        format!("{NUMBERED_CHOICE}{}", index + 1)
    }
}

/// Cuts `text` into pieces of at most `max` UTF-16 code units (Telegram's measure), at a
/// line break when there is one in the second half of a piece, else at a space, else
/// anywhere between characters. Never returns an empty list.
pub fn split_text(text: &str, max: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while rest.encode_utf16().count() > max {
        // The byte index where `max` code units end.
        let mut units = 0;
        let mut limit = rest.len();
        for (i, c) in rest.char_indices() {
            if units + c.len_utf16() > max {
                limit = i;
                break;
            }
            units += c.len_utf16();
        }
        let window = &rest[..limit];
        let half = limit / 2;
        let cut = window
            .rfind('\n')
            .filter(|&i| i >= half)
            .or_else(|| window.rfind(' ').filter(|&i| i >= half))
            .map_or(limit, |i| i + 1);
        pieces.push(rest[..cut].trim_end().to_string());
        rest = &rest[cut..];
    }
    pieces.push(rest.to_string());
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use teloxide::types::InlineKeyboardButtonKind;
    use visadesk_bot::dialogue::{Document, Location};

    fn context() -> RenderContext {
        RenderContext {
            location_button: Some("Share location".into()),
            remove_reply_keyboard: false,
        }
    }

    fn data(markup: &Option<ReplyMarkup>) -> Vec<String> {
        match markup {
            Some(ReplyMarkup::InlineKeyboard(k)) => k
                .inline_keyboard
                .iter()
                .flatten()
                .map(|b| match &b.kind {
                    InlineKeyboardButtonKind::CallbackData(d) => d.clone(),
                    other => panic!("{other:?}"),
                })
                .collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn text_is_escaped_for_html_and_buttons_keep_their_ids() {
        let reply = Reply {
            text: "Name: <b>Anna</b> & co".into(),
            buttons: vec![
                Button {
                    id: "confirm".into(),
                    label: "Confirm".into(),
                    proof_of_work: false,
                },
                Button {
                    id: format!("office:{}", "x".repeat(80)),
                    label: "A very long office name that needs its own row".into(),
                    proof_of_work: false,
                },
            ],
            ..Reply::default()
        };
        let out = render(&reply, &context());
        let Outgoing::Text { html, markup } = &out[0] else {
            panic!("{out:?}")
        };
        assert_eq!(html, "Name: &lt;b&gt;Anna&lt;/b&gt; &amp; co");
        assert_eq!(
            data(markup),
            ["confirm", "#2"],
            "ids over 64 bytes become numbers"
        );
    }

    #[test]
    fn short_labels_share_rows() {
        let buttons: Vec<Button> = (0..5)
            .map(|i| Button {
                id: format!("day:{i}"),
                label: format!("Mon {i}"),
                proof_of_work: false,
            })
            .collect();
        let rows: Vec<usize> = inline_keyboard(&buttons)
            .inline_keyboard
            .iter()
            .map(Vec::len)
            .collect();
        assert_eq!(rows, [2, 2, 1]);
    }

    #[test]
    fn long_texts_are_split_below_the_limit_with_the_keyboard_last() {
        let line = "Документ № 1 — паспорт 🛂\n";
        let reply = Reply {
            text: line.repeat(400),
            buttons: vec![Button {
                id: "menu".into(),
                label: "Menu".into(),
                proof_of_work: false,
            }],
            ..Reply::default()
        };
        let out = render(&reply, &context());
        assert!(out.len() >= 3, "{}", out.len());
        let mut joined = String::new();
        for (i, message) in out.iter().enumerate() {
            let Outgoing::Text { html, markup } = message else {
                panic!()
            };
            assert!(html.encode_utf16().count() <= 4096);
            assert_eq!(markup.is_some(), i == out.len() - 1);
            joined.push_str(html);
            joined.push('\n');
        }
        assert_eq!(joined.matches("паспорт 🛂").count(), 400, "nothing lost");
        // A text without line breaks or spaces is cut between characters.
        let pieces = split_text(&"字".repeat(9000), MAX_TEXT_UNITS);
        assert_eq!(
            pieces.iter().map(|p| p.chars().count()).sum::<usize>(),
            9000
        );
    }

    #[test]
    fn places_files_and_location_requests() {
        let reply = Reply {
            text: "Where are you?".into(),
            request_location: true,
            location: Some(Location {
                latitude: 39.9,
                longitude: 116.4,
                title: "Beijing Exit-Entry".into(),
                address: "2 Andingmen East St".into(),
            }),
            document: Some(Document {
                filename: "appointment.ics".into(),
                content_type: "text/calendar".into(),
                bytes: b"BEGIN:VCALENDAR".to_vec(),
            }),
            ..Reply::default()
        };
        let out = render(&reply, &context());
        assert!(matches!(
            &out[0],
            Outgoing::Text { markup: Some(ReplyMarkup::Keyboard(k)), .. }
                if k.keyboard[0][0].request == Some(ButtonRequest::Location)
        ));
        assert!(matches!(&out[1], Outgoing::Venue { title, .. } if title == "Beijing Exit-Entry"));
        assert!(
            matches!(&out[2], Outgoing::Document { filename, .. } if filename == "appointment.ics")
        );
        let in_group = RenderContext {
            location_button: None,
            remove_reply_keyboard: false,
        };
        assert!(matches!(
            &render(&reply, &in_group)[0],
            Outgoing::Text { markup: None, .. }
        ));
    }

    #[test]
    fn a_shared_location_takes_the_keyboard_away_once() {
        let replies = [Reply::text("Nearest:"), Reply::text("More")];
        let out = render_replies(
            &replies,
            &RenderContext {
                location_button: None,
                remove_reply_keyboard: true,
            },
        );
        assert!(matches!(
            &out[0],
            Outgoing::Text {
                markup: Some(ReplyMarkup::KeyboardRemove(_)),
                ..
            }
        ));
        assert!(matches!(&out[1], Outgoing::Text { markup: None, .. }));
    }
}
