//! 读取: a published workbook back into the auditor's tables.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, SheetType, SheetVisible, Xlsx};
use rust_decimal::Decimal;

use super::layout::{NumberFormat, one_line};
use super::{CellError, XlsxError, cell_ref};
use crate::audit::read::RawTable;
use crate::audit::{PublishedDocument, Report, audit_document};
use crate::classification::Catalogue;

/// A sheet of prose (the 情况说明): its name and its lines, one per non-empty cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextSheet {
    /// The sheet's name.
    pub sheet: String,
    /// Its lines, top to bottom.
    pub lines: Vec<String>,
}

/// A published workbook as the auditor reads it: its tables and its prose, in sheet order
/// (hidden sheets left out).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PublishedWorkbook {
    /// One table per sheet that holds one: `place` is the sheet's name, `title` and `unit` come
    /// from the lines above the table, `rows` are the header and body rows (a 绩效目标表's 信息栏
    /// first) as printed.
    pub tables: Vec<RawTable>,
    /// The notes printed under the tables (空表说明, 注), by table: as many as `tables`.
    pub notes: Vec<Vec<String>>,
    /// The sheets of prose: every sheet whose rows hold at most one cell each.
    pub texts: Vec<TextSheet>,
}

impl PublishedWorkbook {
    /// The workbook as the text the auditor reads ([`crate::audit::audit`]): each table in the
    /// seed's tab-separated layout (`## title`, `单位：…`, a line per row, its notes), then the
    /// prose, a line per paragraph.
    pub fn document(&self) -> String {
        let mut out = String::new();
        let no_notes = Vec::new();
        for (i, t) in self.tables.iter().enumerate() {
            let title = t.title.clone().unwrap_or_else(|| t.place.clone());
            out.push_str(&format!("## {}\n\n", one_line(&title)));
            if let Some(unit) = &t.unit {
                out.push_str(&format!("单位：{unit}\n\n"));
            }
            for row in &t.rows {
                let cells: Vec<String> = row.iter().map(|c| one_line(c)).collect();
                out.push_str(&cells.join("\t"));
                out.push('\n');
            }
            for note in self.notes.get(i).unwrap_or(&no_notes) {
                out.push_str(&format!("\n{}\n", one_line(note)));
            }
            out.push('\n');
        }
        for sheet in &self.texts {
            for line in &sheet.lines {
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    }
}

impl PublishedWorkbook {
    /// The workbook as the auditor's typed document ([`PublishedDocument::from_parts`]): its
    /// table sheets as tables (each sheet its own table, never joined to the one before), its
    /// prose sheets as the narrative.
    pub fn to_document(&self) -> PublishedDocument {
        let tables = self
            .tables
            .iter()
            .cloned()
            .map(|mut t| {
                t.after_heading = true;
                t
            })
            .collect();
        let narrative: Vec<&str> = self
            .texts
            .iter()
            .flat_map(|s| s.lines.iter().map(String::as_str))
            .collect();
        PublishedDocument::from_parts(&narrative.join("\n"), tables)
    }
}

/// Reads a published workbook (the bytes of an `.xlsx` file): see [`PublishedWorkbook`].
pub fn read_workbook(bytes: &[u8]) -> Result<PublishedWorkbook, XlsxError> {
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| XlsxError::Open {
        reason: e.to_string(),
    })?;
    let sheets: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible == SheetVisible::Visible && s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect();
    let mut out = PublishedWorkbook::default();
    for name in sheets {
        let grid = read_grid(&mut book, &name)?;
        if grid
            .iter()
            .all(|r| r.iter().filter(|c| !c.is_empty()).count() <= 1)
        {
            out.texts.push(TextSheet {
                lines: grid
                    .into_iter()
                    .flatten()
                    .filter(|c| !c.is_empty())
                    .collect(),
                sheet: name,
            });
        } else {
            let (table, notes) = split_table(&name, grid);
            out.tables.push(table);
            out.notes.push(notes);
        }
    }
    Ok(out)
}

/// Reads the workbook at `path` (see [`read_workbook`]).
pub fn read_path(path: impl AsRef<Path>) -> Result<PublishedWorkbook, XlsxError> {
    let bytes = std::fs::read(path.as_ref()).map_err(|e| XlsxError::Open {
        reason: format!("{}: {e}", path.as_ref().display()),
    })?;
    read_workbook(&bytes)
}

/// Audits a published workbook: [`read_workbook`], then [`crate::audit::audit`] on its
/// [`PublishedWorkbook::document`].
pub fn audit_workbook(bytes: &[u8], catalogue: &Catalogue) -> Result<Report, XlsxError> {
    Ok(audit_document(
        &read_workbook(bytes)?.to_document(),
        catalogue,
    ))
}

/// A sheet's cells as printed, from its first used row and column to its last.
fn read_grid(book: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Vec<Vec<String>>, XlsxError> {
    let sheet_err = |e: calamine::XlsxError| XlsxError::Sheet {
        sheet: name.to_string(),
        reason: e.to_string(),
    };
    let range = book.worksheet_range(name).map_err(sheet_err)?;
    let styles = book.worksheet_style(name).map_err(sheet_err)?;
    let (Some(start), Some(end)) = (range.start(), range.end()) else {
        return Ok(Vec::new());
    };
    let mut grid = Vec::new();
    for r in start.0..=end.0 {
        let mut row = Vec::new();
        for c in start.1..=end.1 {
            let format = styles
                .get((r, c))
                .and_then(|s| s.number_format.as_ref())
                .and_then(|f| NumberFormat::parse(&f.format_code));
            let data = range.get_value((r, c)).unwrap_or(&Data::Empty);
            let text = printed(data, format).map_err(|reason| XlsxError::Cell {
                sheet: name.to_string(),
                cell: cell_ref(r, c),
                reason,
            })?;
            row.push(text.trim().to_string());
        }
        grid.push(row);
    }
    Ok(grid)
}

/// A cell's value as printed under its number format.
pub(super) fn printed(data: &Data, format: Option<NumberFormat>) -> Result<String, CellError> {
    match data {
        Data::Empty => Ok(String::new()),
        Data::String(s) => Ok(s.clone()),
        Data::Bool(b) => Ok(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Data::Int(i) => number(Decimal::from(*i), format, &i.to_string()),
        Data::Float(f) => {
            let digits = f.to_string();
            let value = digits
                .parse::<Decimal>()
                .map_err(|_| CellError::Number(digits.clone()))?;
            number(value, format, &digits)
        }
        Data::Error(e) => Err(CellError::ErrorValue(e.to_string())),
        Data::DateTime(d) => Err(CellError::Date(d.to_string())),
        Data::DateTimeIso(d) | Data::DurationIso(d) => Err(CellError::Date(d.clone())),
    }
}

fn number(value: Decimal, format: Option<NumberFormat>, raw: &str) -> Result<String, CellError> {
    match format {
        Some(f) => f
            .print(value)
            .ok_or_else(|| CellError::Number(raw.to_string())),
        None => Ok(value.normalize().to_string()),
    }
}

/// Splits a sheet into the lines above the table (`表 N`, the title, `编制部门`, `单位`), the
/// table's rows and the notes under it.
fn split_table(name: &str, grid: Vec<Vec<String>>) -> (RawTable, Vec<String>) {
    let top = preamble_len(&grid);
    let mut title = None;
    let mut unit = None;
    for cell in grid.iter().take(top).flatten().filter(|c| !c.is_empty()) {
        if let Some(u) = unit_of(cell) {
            unit = Some(u);
        } else if !is_number_line(cell) && !is_department_line(cell) && title.is_none() {
            title = Some(cell.clone());
        }
    }
    let mut rows: Vec<Vec<String>> = grid.into_iter().skip(top).collect();
    let notes = take_notes(&mut rows);
    let table = RawTable {
        title,
        place: name.to_string(),
        rows,
        unit,
        after_heading: true,
    };
    (table, notes)
}

/// The rows above the table: up to the last of the first rows that names the 编制部门 or the
/// 单位; without such a line, the first rows of at most one cell.
fn preamble_len(grid: &[Vec<String>]) -> usize {
    let filled = |r: &Vec<String>| r.iter().filter(|c| !c.is_empty()).count();
    let lead = grid.iter().take_while(|r| filled(r) <= 1).count();
    let named = grid
        .iter()
        .take(lead + 2)
        .rposition(|r| {
            r.iter()
                .any(|c| is_department_line(c) || unit_of(c).is_some())
        })
        .map(|i| i + 1);
    named.unwrap_or(lead)
}

fn is_number_line(cell: &str) -> bool {
    cell.strip_prefix('表')
        .map(str::trim)
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

fn is_department_line(cell: &str) -> bool {
    ["编制部门", "编制单位", "部门名称："]
        .iter()
        .any(|p| cell.starts_with(p))
}

/// The unit a line states: `单位：万元`, also after a 编制部门 in the same cell.
fn unit_of(cell: &str) -> Option<String> {
    let at = ["单位：", "单位:"]
        .iter()
        .filter_map(|p| {
            cell.match_indices(p)
                .find(|(i, _)| !cell[..*i].ends_with("编制"))
                .map(|(i, _)| i + p.len())
        })
        .next()?;
    let rest = cell.get(at..)?.trim();
    Some(rest.split_whitespace().next().unwrap_or("").to_string())
}

/// The notes under a table: after its last empty row, rows whose one cell is text in the first
/// column. Trailing empty rows go too.
fn take_notes(rows: &mut Vec<Vec<String>>) -> Vec<String> {
    while rows.last().is_some_and(|r| r.iter().all(String::is_empty)) {
        rows.pop();
    }
    let Some(gap) = rows.iter().rposition(|r| r.iter().all(String::is_empty)) else {
        return Vec::new();
    };
    let tail = rows.get(gap + 1..).unwrap_or(&[]);
    let is_note = |r: &Vec<String>| {
        r.first()
            .is_some_and(|c| !c.is_empty() && crate::audit::read::parse_number(c).is_none())
            && r.iter().skip(1).all(String::is_empty)
    };
    if tail.is_empty() || !tail.iter().all(is_note) {
        return Vec::new();
    }
    let notes = tail.iter().filter_map(|r| r.first().cloned()).collect();
    rows.truncate(gap);
    notes
}
