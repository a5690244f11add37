//! The appointment as an iCalendar file (RFC 5545) that Google, Apple and Outlook calendars
//! import: times in the office's zone with a matching VTIMEZONE, text escaped, long lines
//! folded at 75 octets without splitting a UTF-8 character, CRLF line ends, and a reminder
//! the day before.

use chrono::{DateTime, Offset, Utc};

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace('\n', "\\n")
}

/// Folds a content line to at most 75 octets per physical line (§3.1).
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// `+0800` for an offset in seconds.
fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.abs();
    format!("{sign}{:02}{:02}", s / 3600, (s % 3600) / 60)
}

/// The calendar file of one appointment.
#[allow(clippy::too_many_arguments)]
pub fn appointment_ics(
    code: &str,
    summary: &str,
    location: &str,
    description: &str,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    zone: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> String {
    let local_start = starts_at.with_timezone(&zone);
    let offset = offset_text(local_start.offset().fix().local_minus_utc());
    let local = |t: DateTime<Utc>| t.with_timezone(&zone).format("%Y%m%dT%H%M%S").to_string();
    let lines = [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//visadesk//appointment//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        "BEGIN:VTIMEZONE".into(),
        format!("TZID:{}", zone.name()),
        "BEGIN:STANDARD".into(),
        "DTSTART:19700101T000000".into(),
        format!("TZOFFSETFROM:{offset}"),
        format!("TZOFFSETTO:{offset}"),
        "END:STANDARD".into(),
        "END:VTIMEZONE".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:{code}@visadesk"),
        format!("DTSTAMP:{}", now.format("%Y%m%dT%H%M%SZ")),
        format!("DTSTART;TZID={}:{}", zone.name(), local(starts_at)),
        format!("DTEND;TZID={}:{}", zone.name(), local(ends_at)),
        format!("SUMMARY:{}", escape(summary)),
        format!("LOCATION:{}", escape(location)),
        format!("DESCRIPTION:{}", escape(description)),
        "STATUS:CONFIRMED".into(),
        "BEGIN:VALARM".into(),
        "ACTION:DISPLAY".into(),
        format!("DESCRIPTION:{}", escape(summary)),
        "TRIGGER:-P1D".into(),
        "END:VALARM".into(),
        "END:VEVENT".into(),
        "END:VCALENDAR".into(),
    ];
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_characters_whole() {
        let mut out = String::new();
        fold(&format!("DESCRIPTION:{}", "出入境".repeat(40)), &mut out);
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("DESCRIPTION:{}\r\n", "出入境".repeat(40)));
    }
}
