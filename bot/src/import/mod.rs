//! Turning operator files (CSV or JSON) into typed records, before anything touches the
//! database. A file is parsed whole first: the first bad record stops the import with its
//! line (CSV) or record number (JSON) and the field at fault, and nothing is written.
//! The repository then applies all records in one transaction (see `store`).

mod records;

pub use records::*;

use serde::de::DeserializeOwned;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// Where a record sits in its file: CSV lines count the header as line 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    Line(usize),
    Record(usize),
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::Line(n) => write!(f, "line {n}"),
            Position::Record(n) => write!(f, "record {n}"),
        }
    }
}

/// A record together with its position, so later checks (unknown office, capacity below
/// bookings) can still point at the line.
#[derive(Debug, Clone)]
pub struct Numbered<T> {
    pub position: Position,
    pub value: T,
}

/// Why an import file was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {path}: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("{0}")]
    Syntax(String),
    #[error("{position}, field `{field}`: {reason}")]
    Field {
        position: Position,
        field: String,
        reason: String,
    },
}

impl ImportError {
    pub fn field(position: Position, field: &str, reason: impl fmt::Display) -> Self {
        ImportError::Field {
            position,
            field: field.to_string(),
            reason: reason.to_string(),
        }
    }
}

/// What an import file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    Offices,
    Services,
    Slots,
    Applicants,
    Applications,
    Holidays,
}

impl FromStr for ImportKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "offices" => ImportKind::Offices,
            "services" => ImportKind::Services,
            "slots" => ImportKind::Slots,
            "applicants" => ImportKind::Applicants,
            "applications" => ImportKind::Applications,
            "holidays" => ImportKind::Holidays,
            other => {
                return Err(format!(
                    "unknown kind '{other}' (offices, services, slots, applicants, applications, holidays)"
                ));
            }
        })
    }
}

/// A parsed file, ready for `Repository::import`.
#[derive(Debug, Clone)]
pub enum ImportBatch {
    Offices(Vec<Numbered<OfficeRecord>>),
    Services(Vec<Numbered<ServiceRecord>>),
    Slots(Vec<Numbered<SlotRecord>>),
    Applicants(Vec<Numbered<ApplicantRecord>>),
    Applications(Vec<Numbered<ApplicationRecord>>),
    Holidays(Vec<Numbered<HolidayRecord>>),
}

impl ImportBatch {
    pub fn len(&self) -> usize {
        match self {
            ImportBatch::Offices(v) => v.len(),
            ImportBatch::Services(v) => v.len(),
            ImportBatch::Slots(v) => v.len(),
            ImportBatch::Applicants(v) => v.len(),
            ImportBatch::Applications(v) => v.len(),
            ImportBatch::Holidays(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// File format, from the extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    pub fn from_path(path: &Path) -> Result<Format, ImportError> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("csv") => Ok(Format::Csv),
            Some("json") => Ok(Format::Json),
            _ => Err(ImportError::Unreadable {
                path: path.display().to_string(),
                reason: "the file name must end in .csv or .json".into(),
            }),
        }
    }
}

/// Reads and parses an import file.
pub fn read_file(kind: ImportKind, path: &Path) -> Result<ImportBatch, ImportError> {
    let format = Format::from_path(path)?;
    let text = std::fs::read_to_string(path).map_err(|e| ImportError::Unreadable {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    parse(kind, format, &text)
}

/// Parses the text of an import file.
pub fn parse(kind: ImportKind, format: Format, text: &str) -> Result<ImportBatch, ImportError> {
    Ok(match kind {
        ImportKind::Offices => ImportBatch::Offices(parse_records(format, text)?),
        ImportKind::Services => ImportBatch::Services(parse_records(format, text)?),
        ImportKind::Slots => ImportBatch::Slots(parse_records(format, text)?),
        ImportKind::Applicants => ImportBatch::Applicants(parse_records(format, text)?),
        ImportKind::Applications => ImportBatch::Applications(parse_records(format, text)?),
        ImportKind::Holidays => ImportBatch::Holidays(parse_records(format, text)?),
    })
}

fn parse_records<T: ImportRecord>(
    format: Format,
    text: &str,
) -> Result<Vec<Numbered<T>>, ImportError> {
    let raw = match format {
        Format::Json => json_values(text)?,
        Format::Csv => csv_values::<T>(text)?,
    };
    let mut records = Vec::with_capacity(raw.len());
    for (position, value) in raw {
        let parsed: T = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            let field = if path == "." {
                "(record)".to_string()
            } else {
                path
            };
            ImportError::field(position, &field, e.inner())
        })?;
        parsed.check(position)?;
        records.push(Numbered {
            position,
            value: parsed,
        });
    }
    Ok(records)
}

fn json_values(text: &str) -> Result<Vec<(Position, serde_json::Value)>, ImportError> {
    let values: Vec<serde_json::Value> = serde_json::from_str(text).map_err(|e| {
        ImportError::Syntax(format!(
            "line {}, column {}: not a JSON array of records: {e}",
            e.line(),
            e.column()
        ))
    })?;
    Ok(values
        .into_iter()
        .enumerate()
        .map(|(i, v)| (Position::Record(i + 1), v))
        .collect())
}

/// CSV rows become JSON objects so both formats share one record type: empty cells are
/// absent, list columns split on `|`, number and boolean columns are parsed here so the
/// error can name the column.
fn csv_values<T: ImportRecord>(
    text: &str,
) -> Result<Vec<(Position, serde_json::Value)>, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| ImportError::Syntax(format!("line 1: {e}")))?
        .clone();
    let mut rows = Vec::new();
    for result in reader.records() {
        let row = result.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            ImportError::Syntax(format!("line {line}: {e}"))
        })?;
        let position = Position::Line(row.position().map_or(0, |p| p.line() as usize));
        let mut object = serde_json::Map::new();
        for (header, cell) in headers.iter().zip(row.iter()) {
            if cell.is_empty() {
                continue;
            }
            let value = if T::LIST_COLUMNS.contains(&header) {
                serde_json::Value::Array(cell.split('|').map(|s| s.trim().into()).collect())
            } else if T::NUMBER_COLUMNS.contains(&header) {
                let n: serde_json::Number = cell.parse().map_err(|_| {
                    ImportError::field(position, header, format!("'{cell}' is not a number"))
                })?;
                serde_json::Value::Number(n)
            } else if T::BOOL_COLUMNS.contains(&header) {
                match cell.to_ascii_lowercase().as_str() {
                    "true" | "yes" | "1" => true.into(),
                    "false" | "no" | "0" => false.into(),
                    _ => {
                        return Err(ImportError::field(
                            position,
                            header,
                            format!("'{cell}' is not true or false"),
                        ));
                    }
                }
            } else {
                cell.into()
            };
            object.insert(header.to_string(), value);
        }
        rows.push((position, serde_json::Value::Object(object)));
    }
    Ok(rows)
}

/// A record type that can be imported. The column lists tell the CSV reader how to type
/// cells; `check` runs rules that span fields or need more than serde.
pub trait ImportRecord: DeserializeOwned {
    const LIST_COLUMNS: &'static [&'static str] = &[];
    const NUMBER_COLUMNS: &'static [&'static str] = &[];
    const BOOL_COLUMNS: &'static [&'static str] = &[];
    fn check(&self, _position: Position) -> Result<(), ImportError> {
        Ok(())
    }
}
