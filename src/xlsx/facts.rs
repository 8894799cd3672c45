//! 明细表: a budget's leaf lines as a worksheet of flat facts (the columns of
//! [`crate::facts`]), and a budget read back from such a sheet through the builder.

use std::io::Cursor;
use std::sync::Arc;

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{Format, Workbook};

use super::layout::NumberFormat;
use super::read::printed;
use super::{XlsxError, cell_ref};
use crate::budget::DepartmentBudget;
use crate::facts::{self, Column, Location, Side};

/// The sheet name [`facts_workbook`] writes the leaf lines to.
pub const FACTS_SHEET: &str = "预算明细";

/// Why a budget could not be read from a workbook.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BudgetSheetError {
    /// The workbook or a cell of it could not be read (sheet and A1 cell named).
    #[error(transparent)]
    Workbook(#[from] XlsxError),
    /// The sheet's facts are not a valid budget: every rejected cell by sheet and A1 cell
    /// (`sheet "预算明细" cell X5 (amount)`), or the budget rules the lines break.
    #[error(transparent)]
    Facts(#[from] facts::ReadError),
}

/// A workbook of one sheet, [`FACTS_SHEET`], holding `budget`'s leaf lines as flat facts: the
/// header row, then a row per line, amounts as numbers in 元 with two decimals (`0.00`), every
/// other cell as text (codes keep their digits).
///
/// # Errors
/// [`XlsxError::Write`] when the workbook cannot be assembled.
pub fn facts_workbook(budget: &DepartmentBudget) -> Result<Vec<u8>, XlsxError> {
    let mut csv = Vec::new();
    facts::write_csv(budget, &mut csv).map_err(|e| XlsxError::write(Some(FACTS_SHEET), e))?;
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&csv[..]);
    let mut book = Workbook::new();
    let sheet = book
        .add_worksheet()
        .set_name(FACTS_SHEET)
        .map_err(|e| XlsxError::write(Some(FACTS_SHEET), e))?;
    let money = Format::new().set_num_format("0.00");
    let mut amount_col = None;
    for (r, record) in reader.records().enumerate() {
        let record = record.map_err(|e| XlsxError::write(Some(FACTS_SHEET), e))?;
        let row = u32::try_from(r).map_err(|e| XlsxError::write(Some(FACTS_SHEET), e))?;
        for (c, value) in record.iter().enumerate() {
            let col = u16::try_from(c).map_err(|e| XlsxError::write(Some(FACTS_SHEET), e))?;
            if r == 0 && Column::from_header(value) == Some(Column::Amount) {
                amount_col = Some(c);
            }
            let number = (r > 0 && amount_col == Some(c))
                .then(|| value.parse::<f64>().ok())
                .flatten();
            let written = match number {
                // Amounts have at most 17 significant digits here only when below 10^15 元; a
                // larger one is written as text so that no digit is lost.
                Some(n) if value.len() <= 16 => sheet.write_number_with_format(row, col, n, &money),
                _ => sheet.write_string(row, col, value),
            };
            written.map_err(|e| XlsxError::write(Some(FACTS_SHEET), e))?;
        }
    }
    book.save_to_buffer()
        .map_err(|e| XlsxError::write(Some(FACTS_SHEET), e))
}

/// Reads a budget from the flat-facts sheet `sheet` of a workbook (the bytes of an `.xlsx`
/// file), with what leaf lines cannot carry from `side` (see [`crate::facts`]): cells are read
/// as their number format prints them, then go through [`facts::read_records`] and the builder.
///
/// # Errors
/// [`BudgetSheetError::Workbook`] naming the sheet (and cell) that cannot be read;
/// [`BudgetSheetError::Facts`] with every rejected cell by sheet and A1 cell, or the budget
/// rules the lines break.
pub fn read_budget(
    bytes: &[u8],
    sheet: &str,
    side: Option<Side>,
) -> Result<DepartmentBudget, BudgetSheetError> {
    let (header, rows) = sheet_records(bytes, sheet)?;
    Ok(facts::read_records(&header, rows, side)?)
}

/// A sheet's header and its records with their locations.
type Records = (Vec<String>, Vec<(Location, Vec<String>)>);

/// A sheet's rows as printed strings: the header (its first used row) and the records below it
/// with their location (sheet and 1-based row as a spreadsheet shows it).
fn sheet_records(bytes: &[u8], name: &str) -> Result<Records, XlsxError> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| XlsxError::Open {
        reason: e.to_string(),
    })?;
    let sheet_err = |e: calamine::XlsxError| XlsxError::Sheet {
        sheet: name.to_string(),
        reason: e.to_string(),
    };
    let range = book.worksheet_range(name).map_err(sheet_err)?;
    let styles = book.worksheet_style(name).map_err(sheet_err)?;
    let (Some(start), Some(end)) = (range.start(), range.end()) else {
        return Ok((Vec::new(), Vec::new()));
    };
    let sheet: Arc<str> = Arc::from(name);
    let mut rows = Vec::new();
    for r in start.0..=end.0 {
        let mut cells = Vec::new();
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
            cells.push(text.trim().to_string());
        }
        let location = Location::Sheet {
            sheet: Arc::clone(&sheet),
            row: r.saturating_add(1),
        };
        rows.push((location, cells));
    }
    let mut rows = rows.into_iter();
    let header = rows.next().map(|(_, h)| h).unwrap_or_default();
    Ok((header, rows.collect()))
}
