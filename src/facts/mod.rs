//! 明细事实表: a budget as flat facts, one row per leaf line with every dimension spelled out,
//! and back.
//!
//! Finance systems and spreadsheets hold budgets as rows; analysts query many budgets at once.
//! [`write_csv`] writes a budget's leaf lines as CSV, [`Side::of`] what lines cannot carry as a
//! small JSON side file, and [`Reader`] reads both back **through the builder**: a finance
//! system's export becomes a validated [`DepartmentBudget`], or every rejected cell with its
//! line, column, value and reason.
//!
//! ## Columns
//!
//! In the order [`write_csv`] prints them ([`Column`]). *Required* columns must be in the header
//! and filled on every row; *optional* ones may be left out of the header, and a row fills them
//! when its line needs them; *derived* ones are computed from the line and the catalogue edition
//! (the header may leave them out, a row may leave them empty, and a value given must agree: a
//! name that is not its code's name or an alias of it, a 类 that is not the 项's, is an error).
//! Cells are trimmed; an empty cell is "no value".
//!
//! | header | holds | role |
//! |---|---|---|
//! | `year` | 预算年度, integer | optional¹ |
//! | `department` | 部门名称 | optional¹ |
//! | `unit` | 单位名称 of a subordinate unit; empty for the department itself | optional |
//! | `unit_kind` | 单位性质 of the spending unit: `行政单位`, `参照公务员法管理事业单位`, `事业单位` | optional¹ ² |
//! | `functional_class` | 功能分类 类, 3 digits | derived |
//! | `functional_class_name` | its name | derived |
//! | `functional_section` | 功能分类 款, 5 digits | derived |
//! | `functional_section_name` | its name | derived |
//! | `functional_item` | 功能分类 项, 7 digits: the line's code | **required** |
//! | `functional_item_name` | its name | derived |
//! | `economic_class` | 部门经济分类 类, 3 digits | derived |
//! | `economic_class_name` | its name | derived |
//! | `economic_section` | 部门经济分类 款, 5 digits: the line's code | **required** |
//! | `economic_section_name` | its name | derived |
//! | `gov_economic` | 政府经济分类 款 the 款 maps to for the unit's kind ([`EconomicCode::government_mapping`](crate::EconomicCode::government_mapping)); empty where no mapping is known³ | derived |
//! | `gov_economic_name` | its name | derived |
//! | `kind` | 支出类型: `人员经费`, `公用经费`, `项目支出` | **required** |
//! | `project` | 项目 key, on 项目支出 lines only | optional |
//! | `project_name` | 项目名称; names a project the side file does not list, else must agree | optional |
//! | `source` | 资金来源 ([`FundingSource`](crate::FundingSource)'s name, e.g. `一般公共预算（本级）`) | **required** |
//! | `funding_group` | 资金来源分组, e.g. `财政拨款（补助）` | derived |
//! | `fund_type` | 资金性质, e.g. `一般公共预算`; empty for money that is not 财政拨款 | derived |
//! | `carry_over` | 上年结转结余项目 key (an item of the side file), on lines funded by it | optional |
//! | `amount` | 金额 in 元, canonical decimal (`1234.50`, [`Amount::parse_canonical`](crate::Amount::parse_canonical)) | **required** |
//!
//! ¹ Without a side file, `year`, `department` and `unit_kind` are required: every row names the
//! same department and year, and the department's own kind comes from its rows with an empty
//! `unit`. With a side file they may be left out, and a value given must agree with it.
//! ² A unit the side file does not list is added with the kind its rows give.
//! ³ A value given where no mapping is known is read as a well-formed code and not kept: the
//! model derives the 政府 款, it does not store it.
//!
//! Vocabulary cells (`unit_kind`, `kind`, `source`, `funding_group`, `fund_type`) are written
//! with their Chinese names; reading also takes the ASCII names of the budget JSON
//! (`administrative`, `personnel`, `general_budget_own` …) and the variants published tables use
//! for sources and groups.
//!
//! ## Side file
//!
//! What leaf lines cannot carry — the department's texts, units and projects with their
//! details, carry-over items (上年结转结余), control figures (控制数), prior-year figures,
//! procurement (政府采购), assets, "三公" and other performance targets (绩效目标), narrative
//! texts — is a [`Side`]: the budget JSON of [`crate::budget`] without `lines`. Without one the
//! rows alone give a budget with no declared figures (still checked by every rule that needs
//! none).
//!
//! ## Records from anywhere
//!
//! [`Reader::read_records`] takes a header and rows of strings, each with its [`Location`] (a
//! file line, or a sheet and row): the CSV reader feeds it, and so can a workbook reader. All
//! row errors are reported, not only the first ([`ReadError::Rows`]), and a budget that breaks
//! a rule names the record of each line at fault ([`ReadError::Rejected`]).
//!
//! ```
//! use yusuan::budget::DepartmentBudget;
//! use yusuan::facts::{self, Reader, Side};
//!
//! let budget: DepartmentBudget =
//!     serde_json::from_str(include_str!("../../examples/data/alashankou_2026.json"))?;
//! let mut csv = Vec::new();
//! facts::write_csv(&budget, &mut csv)?;
//! let text = String::from_utf8(csv.clone())?;
//! assert!(text.starts_with("year,department,unit,unit_kind,functional_class,"));
//! assert_eq!(text.lines().count(), 1 + budget.lines().len());
//!
//! let again = Reader::new().side(Side::of(&budget)).read_csv(&csv[..])?;
//! assert_eq!(again, budget);
//!
//! // A malformed amount is reported with its line and column.
//! let bad = text.replacen(",67100.00\n", ",\"67,100.00\"\n", 1);
//! let err = Reader::new().side(Side::of(&budget)).read_csv(bad.as_bytes()).unwrap_err();
//! assert!(err.to_string().contains("line 2, column amount \"67,100.00\""), "{err}");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[cfg(feature = "parquet")]
pub mod columnar;
mod columns;
mod error;
mod read;
mod side;
mod write;

pub use columns::{Column, Role};
pub use error::{HeaderProblem, Located, Location, ReadError, Reason, RowError};
pub use read::Reader;
pub use side::Side;
pub use write::{Fact, FactNames, facts, write_csv};

use crate::budget::DepartmentBudget;

/// Reads CSV facts with an optional side file against the built-in catalogue edition (see
/// [`Reader`] for other editions).
///
/// # Errors
/// [`ReadError`], as [`Reader::read_csv`].
pub fn read_csv<R: std::io::Read>(
    input: R,
    side: Option<Side>,
) -> Result<DepartmentBudget, ReadError> {
    reader(side).read_csv(input)
}

/// Reads facts from any source of records (see [`Reader::read_records`]) with an optional side
/// file against the built-in catalogue edition.
///
/// # Errors
/// [`ReadError`], as [`Reader::read_records`].
pub fn read_records<H, R, S, I>(
    header: &[H],
    rows: I,
    side: Option<Side>,
) -> Result<DepartmentBudget, ReadError>
where
    H: AsRef<str>,
    R: AsRef<[S]>,
    S: AsRef<str>,
    I: IntoIterator<Item = (Location, R)>,
{
    reader(side).read_records(header, rows)
}

fn reader(side: Option<Side>) -> Reader {
    match side {
        Some(side) => Reader::new().side(side),
        None => Reader::new(),
    }
}
