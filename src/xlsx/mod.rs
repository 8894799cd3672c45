//! 表格工作簿: a disclosure as an Excel workbook, and a published workbook read back for the
//! auditor (feature `xlsx`).
//!
//! **Writing.** [`workbook`] turns a [`Disclosure`] into the bytes of an `.xlsx` file
//! ([`save`] writes them to a path the caller names): one sheet per table in the template's
//! order, named by its number and title ([`sheet_name`]: Excel's 31 characters, its forbidden
//! characters and unique names), each laid out as published — `表 N`, the title, the
//! `编制部门：…` line with `单位：万元` (or 元) at its right, the 信息栏 of a 绩效目标表, the
//! header rows with their merged and wrapped cells, the body and the note. Amounts are numbers
//! (never text) in the template's format (`#,##0.00` with thousands separators, `0.00`
//! without, six decimals where the template prints six), blank where the table prints a blank;
//! a 增减额 or 增减率 column (text in [`Table`]) is a number too (`0.00%`) when the number reads
//! back as printed. Subtotal and total rows are bold, codes are text (`01` keeps its zero),
//! columns are as wide as their text (CJK characters count twice, long text wraps), and each
//! sheet prints fitted to the page width, landscape when the table is wide, with its header
//! rows repeated on every page. Then the 情况说明 on a sheet of its own, the 绩效目标表 the
//! template prints outside its numbered tables, and a hidden sheet `精确金额` with every money
//! cell's sheet, cell, printed value and exact amount (in 元 and in the table's unit), and its
//! 尾差, so that a rounding difference can be traced under either [`Rounding`].
//!
//! **Reading.** [`read_workbook`] reads a published workbook (this module's, or one filled by
//! hand in the same layout) into the auditor's input: one [`RawTable`] per visible sheet that
//! holds a table — cells as the printed strings (a number in its cell's number format, so
//! `1234.5` under `#,##0.00` reads `1,234.50`), a merged cell's text once and the cells it
//! covers empty, as the text grids have them — and the text of the sheets that hold prose.
//! [`PublishedWorkbook::document`] gives the text [`crate::audit::audit`] reads, and
//! [`audit_workbook`] audits a workbook in one call. A cell that cannot be printed (an error
//! value such as `#REF!`, a date) is an [`XlsxError`] naming the sheet, the cell (`C7`) and why.
//!
//! Excel stores numbers as binary floating point: amounts are converted from their exact
//! decimals only when written, and read back by rounding to the decimals of the cell's format,
//! so no arithmetic is ever done on a float.
//!
//! ```
//! use yusuan::budget::DepartmentBudget;
//! use yusuan::disclosure::{Disclosure, Rounding, Template};
//! let budget: DepartmentBudget =
//!     serde_json::from_str(include_str!("../../examples/data/alashankou_2026.json"))?;
//! let disclosure = Disclosure::new(&budget, Template::xinjiang_2026());
//! let bytes = yusuan::xlsx::workbook(&disclosure, Rounding::Faithful)?;
//! let book = yusuan::xlsx::read_workbook(&bytes)?;
//! let basic = &book.tables[5]; // 表6 一般公共预算基本支出情况表
//! assert_eq!(basic.place, "表6 一般公共预算基本支出情况表");
//! assert_eq!(basic.unit.as_deref(), Some("万元"));
//! assert_eq!(basic.rows.last().map(|r| r[3].as_str()), Some("68.62"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod facts;
mod layout;
mod read;
mod write;

use core::fmt;

pub use facts::{BudgetSheetError, FACTS_SHEET, facts_workbook, read_budget};
pub use layout::sheet_name;
pub use read::{PublishedWorkbook, TextSheet, audit_workbook, read_path, read_workbook};
pub use write::{save, tables_workbook, workbook};

#[cfg(doc)]
use crate::audit::read::RawTable;
#[cfg(doc)]
use crate::disclosure::{Disclosure, Rounding, Table};

/// 工作簿错误: what went wrong writing or reading a workbook, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum XlsxError {
    /// The workbook could not be written (a sheet too large for Excel, a file not writable).
    #[error("cannot write the workbook{}: {reason}", at_sheet(sheet.as_deref()))]
    #[non_exhaustive]
    Write {
        /// The sheet being written, if the failure is in one.
        sheet: Option<String>,
        /// Why.
        reason: String,
    },
    /// The bytes (or the file) are not a workbook that can be read.
    #[error("cannot read the workbook: {reason}")]
    #[non_exhaustive]
    Open {
        /// Why.
        reason: String,
    },
    /// A sheet could not be read.
    #[error("sheet {sheet:?}: {reason}")]
    #[non_exhaustive]
    Sheet {
        /// The sheet's name.
        sheet: String,
        /// Why.
        reason: String,
    },
    /// A cell holds something that is not a printed value.
    #[error("sheet {sheet:?}, cell {cell}: {reason}")]
    #[non_exhaustive]
    Cell {
        /// The sheet's name.
        sheet: String,
        /// The cell, A1 style (`C7`).
        cell: String,
        /// Why.
        reason: CellError,
    },
}

/// Why a cell could not be read as a printed value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CellError {
    /// An error value (`#DIV/0!`, `#REF!` …): the printed value is unknown.
    #[error("an error value ({0}), not a printed value")]
    ErrorValue(String),
    /// A date or time: a budget table prints text and amounts.
    #[error("a date or time ({0}), where a table prints text or amounts")]
    Date(String),
    /// A number too large or too precise to be a decimal amount.
    #[error("the number {0} is not a decimal amount")]
    Number(String),
}

fn at_sheet(sheet: Option<&str>) -> String {
    sheet.map(|s| format!(" (sheet {s:?})")).unwrap_or_default()
}

impl XlsxError {
    fn write(sheet: Option<&str>, reason: impl fmt::Display) -> XlsxError {
        XlsxError::Write {
            sheet: sheet.map(str::to_string),
            reason: reason.to_string(),
        }
    }
}

/// A cell's A1 reference from 0-based row and column: `(6, 2)` is `C7`.
pub fn cell_ref(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(col) + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(u64::from(row) + 1).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_are_a1_style() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(6, 2), "C7");
        assert_eq!(cell_ref(0, 25), "Z1");
        assert_eq!(cell_ref(9, 26), "AA10");
        assert_eq!(cell_ref(0, 701), "ZZ1");
        assert_eq!(cell_ref(0, 702), "AAA1");
    }
}
