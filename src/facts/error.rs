//! 读取错误: what can go wrong reading flat facts, and where.

use core::fmt;
use std::sync::Arc;

use crate::budget::{DepartmentBudgetBuilder, Violation};

use super::columns::Column;

/// 记录位置: where a record of the facts came from, so an error can point at it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Location {
    /// A line of a text file (1-based; the line a CSV record starts on).
    Line(u64),
    /// A row of a worksheet: the sheet's name and the 1-based row number a spreadsheet shows.
    Sheet {
        /// The sheet's name.
        sheet: Arc<str>,
        /// 1-based row number.
        row: u32,
    },
}

impl Location {
    /// The place of one cell of the record, given the 0-based position of its column in the
    /// header: `line 5, column amount` or `sheet "明细" cell X5`.
    fn fmt_cell(
        &self,
        f: &mut fmt::Formatter<'_>,
        column: Option<Column>,
        position: Option<usize>,
    ) -> fmt::Result {
        match (self, column, position) {
            (Location::Line(n), None, _) => write!(f, "line {n}"),
            (Location::Line(n), Some(c), _) => write!(f, "line {n}, column {c}"),
            (Location::Sheet { sheet, row }, Some(c), Some(i)) => {
                write!(f, "sheet {sheet:?} cell {}{row} ({c})", column_letters(i))
            }
            (Location::Sheet { sheet, row }, Some(c), None) => {
                write!(f, "sheet {sheet:?} row {row}, column {c}")
            }
            (Location::Sheet { sheet, row }, None, _) => write!(f, "sheet {sheet:?} row {row}"),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.fmt_cell(f, None, None)
    }
}

/// A spreadsheet's column letters for a 0-based column index (0 → `A`, 26 → `AA`).
fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Why a cell (or a record) of the facts was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reason {
    /// The record has another number of cells than the header.
    FieldCount {
        /// Cells in the header.
        expected: usize,
        /// Cells in the record.
        found: usize,
    },
    /// The record is not UTF-8.
    NotUtf8,
    /// A required value is empty.
    Missing,
    /// The value cannot be read: a malformed code, amount, year or name.
    Invalid(crate::Error),
    /// The value is not one of the column's vocabulary (`人员经费`, `一般公共预算（本级）` …).
    Unknown {
        /// What the column holds.
        vocabulary: &'static str,
    },
    /// The value disagrees with what the line, the side file or an earlier row gives: a derived
    /// code or name that is not the line's, a year or department that differs, a unit kind or
    /// project name that differs from the unit's or project's.
    Disagrees {
        /// The value that was expected (empty where the cell must be empty).
        expected: String,
    },
    /// The value does not belong on this line: a project on a 基本支出 line.
    NotAllowed {
        /// Why.
        why: &'static str,
    },
    /// A key that names nothing: a carry-over item the side file does not list.
    UnknownKey {
        /// What the key should name.
        what: &'static str,
    },
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::FieldCount { expected, found } => {
                write!(f, "{found} cells where the header has {expected}")
            }
            Reason::NotUtf8 => f.write_str("the record is not UTF-8"),
            Reason::Missing => f.write_str("the value is required"),
            Reason::Invalid(e) => fmt::Display::fmt(e, f),
            Reason::Unknown { vocabulary } => write!(f, "not a {vocabulary}"),
            Reason::Disagrees { expected } if expected.is_empty() => {
                f.write_str("must be empty for this line")
            }
            Reason::Disagrees { expected } => write!(f, "expected {expected:?}"),
            Reason::NotAllowed { why } => f.write_str(why),
            Reason::UnknownKey { what } => write!(f, "names no {what}"),
        }
    }
}

/// 行错误: one rejected cell or record: where, which column, the value, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub(crate) location: Location,
    pub(crate) column: Option<Column>,
    pub(crate) position: Option<usize>,
    pub(crate) value: String,
    pub(crate) reason: Reason,
}

impl RowError {
    /// Where the record came from.
    pub fn location(&self) -> &Location {
        &self.location
    }
    /// The column, when the error is about one cell.
    pub fn column(&self) -> Option<Column> {
        self.column
    }
    /// The 0-based position of the column in the header, when the error is about a cell of a
    /// column the header has.
    pub fn position(&self) -> Option<usize> {
        self.position
    }
    /// The cell's value as given (empty for a record-level error).
    pub fn value(&self) -> &str {
        &self.value
    }
    /// Why it was rejected.
    pub fn reason(&self) -> &Reason {
        &self.reason
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.location.fmt_cell(f, self.column, self.position)?;
        if self.column.is_some() {
            write!(f, " {:?}", self.value)?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// 表头错误: what is wrong with the header.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum HeaderProblem {
    /// A required column is absent.
    Missing(Column),
    /// A header cell names no column.
    Unknown(String),
    /// A column appears twice.
    Duplicate(Column),
}

impl fmt::Display for HeaderProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeaderProblem::Missing(c) => write!(f, "required column {c} is missing"),
            HeaderProblem::Unknown(name) => write!(f, "unknown column {name:?}"),
            HeaderProblem::Duplicate(c) => write!(f, "column {c} appears twice"),
        }
    }
}

/// A violation of a budget rule, with the record of the line it is about (when it is about a
/// line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The record of the line, for a violation located at a line.
    pub location: Option<Location>,
    /// The violation.
    pub violation: Violation,
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(l) = &self.location {
            write!(f, "{l}: ")?;
        }
        fmt::Display::fmt(&self.violation, f)
    }
}

/// 读取错误: why flat facts could not be read into a budget.
#[derive(Debug)]
#[non_exhaustive]
pub enum ReadError {
    /// Reading the input failed.
    Io(std::io::Error),
    /// The side file is not a side document (malformed JSON, a value of the wrong type, an
    /// unknown field, lines).
    Side {
        /// Where in the document, as a path (`projects[0].name`).
        path: String,
        /// 1-based line of the side file.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The reason.
        message: String,
    },
    /// The side file names a catalogue edition the reader was not given.
    Edition {
        /// The edition named.
        named: String,
    },
    /// The header is not a facts header.
    Header(Vec<HeaderProblem>),
    /// Without a side file, the rows must name the department: these columns are needed.
    NoDepartment {
        /// What is missing (`year`, `department`, or the department's own `unit_kind`).
        missing: Vec<Column>,
    },
    /// Records that could not be read, every one of them; the builder holds the lines of the
    /// others.
    Rows {
        /// Every rejected cell or record, in input order.
        errors: Vec<RowError>,
        /// The builder with the side file's parts and every line that was read.
        builder: Box<DepartmentBudgetBuilder>,
    },
    /// Every record was read, but the budget breaks its rules.
    Rejected {
        /// Every violation, with the record of its line.
        violations: Vec<Located>,
        /// The builder, to fix and build again.
        builder: Box<DepartmentBudgetBuilder>,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "cannot read the facts: {e}"),
            ReadError::Side {
                path,
                line,
                column,
                message,
            } => write!(
                f,
                "side file at {path} (line {line}, column {column}): {message}"
            ),
            ReadError::Edition { named } => write!(
                f,
                "the side file names catalogue edition {named:?}, which the reader was not given"
            ),
            ReadError::Header(problems) => {
                f.write_str("header: ")?;
                join(f, problems)
            }
            ReadError::NoDepartment { missing } => {
                f.write_str("without a side file the rows must name the department; missing: ")?;
                join(f, missing)
            }
            ReadError::Rows { errors, .. } => {
                write!(f, "{} rejected cells: ", errors.len())?;
                join(f, errors)
            }
            ReadError::Rejected { violations, .. } => {
                write!(f, "{} budget rule violations: ", violations.len())?;
                join(f, violations)
            }
        }
    }
}

fn join<T: fmt::Display>(f: &mut fmt::Formatter<'_>, items: &[T]) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str("; ")?;
        }
        fmt::Display::fmt(item, f)?;
    }
    Ok(())
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReadError::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> ReadError {
        ReadError::Io(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_spreadsheets() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}
