//! The booking's `.ics` file: local times with their zone, lines folded, and read by an
//! independent parser (Python's `icalendar` package, installed by `deploy/local/test.sh`):
//! one event with the right start in UTC.

use chrono::{TimeZone, Utc};
use std::process::Command;
use visadesk_bot::dialogue::appointment_ics;

/// The file of appointment K7Q2M9XH, 09:30 to 10:00 Beijing time on 3 December 2026.
fn beijing_appointment(summary: &str, location: &str, description: &str) -> String {
    let start = Utc.with_ymd_and_hms(2026, 12, 3, 1, 30, 0).unwrap();
    appointment_ics(
        "K7Q2M9XH",
        summary,
        location,
        description,
        start,
        start + chrono::Duration::minutes(30),
        chrono_tz::Asia::Shanghai,
        start,
    )
}

#[test]
fn writes_local_times_with_their_zone() {
    let ics = beijing_appointment(
        "Visa; extension",
        "北京市东城区安定门东大街2号",
        "Code K7Q2M9XH",
    );
    assert!(ics.contains("DTSTART;TZID=Asia/Shanghai:20261203T093000\r\n"));
    assert!(ics.contains("TZOFFSETTO:+0800\r\n"));
    assert!(ics.contains("SUMMARY:Visa\\; extension\r\n"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{line}");
    }
}

#[test]
fn calendar_file_parses_with_python_icalendar() {
    let ics = beijing_appointment(
        "Visa extension – Beijing Exit-Entry Administration; counter 3, window \"A\"",
        "北京市公安局出入境管理总队, 北京市东城区安定门东大街2号",
        "Appointment code K7Q2M9XH. Office phone +86 10 8402 0101.\nBring your passport.",
    );
    let dir = std::env::temp_dir().join(format!("visadesk-ics-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("appointment.ics");
    std::fs::write(&file, &ics).unwrap();
    let script = r#"
import sys, datetime
try:
    import icalendar
except ImportError:
    sys.exit("python3 package icalendar missing: run `bash deploy/local/test.sh` or `pip install icalendar`")
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
events = [c for c in cal.walk('VEVENT')]
assert len(events) == 1, events
e = events[0]
start = e.decoded('DTSTART').astimezone(datetime.timezone.utc)
end = e.decoded('DTEND').astimezone(datetime.timezone.utc)
print(start.isoformat(), end.isoformat(), str(e['UID']), str(e['SUMMARY']), str(e['LOCATION']), sep='|')
"#;
    let output = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&file)
        .output()
        .expect("python3 runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let fields: Vec<&str> = stdout.trim().split('|').collect();
    assert_eq!(fields[0], "2026-12-03T01:30:00+00:00");
    assert_eq!(fields[1], "2026-12-03T02:00:00+00:00");
    assert_eq!(fields[2], "K7Q2M9XH@visadesk");
    assert_eq!(
        fields[3],
        "Visa extension – Beijing Exit-Entry Administration; counter 3, window \"A\""
    );
    assert_eq!(
        fields[4],
        "北京市公安局出入境管理总队, 北京市东城区安定门东大街2号"
    );
}
