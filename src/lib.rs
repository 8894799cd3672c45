//! # yusuan (预算): a typed model of Chinese departmental budgets (部门预算)
//!
//! Every Chinese government department publishes its annual budget (部门预算公开) as a set of
//! standard tables, a narrative and performance targets. They are built by hand and are full of
//! arithmetic and cross-table errors. `yusuan` is the typed model underneath them, built so that
//! an inconsistent budget cannot be represented.
//!
//! What is here:
//!
//! - [`amount`]: exact money. [`Amount`] (元, two decimals, ≥ 0, checked arithmetic), [`Change`]
//!   (signed differences), [`Unit`] (元/万元), 四舍五入 display in 万元, exact shares and growth
//!   rates ([`amount::Ratio`]) and 尾差调整 ([`amount::largest_remainder`],
//!   [`amount::shares_summing_to_100`]).
//! - [`classification`]: validated codes of the 支出功能分类 ([`FunctionalCode`], 类/款/项),
//!   the 部门预算支出经济分类 ([`EconomicCode`]) and the 政府预算支出经济分类
//!   ([`GovEconomicCode`]), with the 部门→政府 mapping where it is known, and a [`Catalogue`]:
//!   the built-in 2026 edition, an official edition loaded from TSV, or structural checking only.
//! - [`funding`]: the funding-source vocabulary ([`FundingSource`], [`FundType`],
//!   [`funding::FundingGroup`]) of every income column in the published templates.
//! - [`budget`]: [`budget::DepartmentBudget`], leaf lines with projects, carry-over items and
//!   declared figures, whose builder checks every invariant and reports all violations; every
//!   total of the disclosure is a view computed from the lines.
//! - [`performance`]: 绩效目标 with typed indicator trees, printed and parsed values, weights,
//!   scoring and lints.
//! - [`Error`]: one error type whose variants say what was wrong and where.
//! - [`disclosure`]: the standard tables, narrative and 绩效目标表 rendered from a budget under a
//!   template (templates are TOML data, eleven families built in); [`audit`]: a published
//!   document read once ([`audit::PublishedDocument`]) and checked by a registry of rules;
//!   [`facts`]: a budget's leaf lines as flat CSV facts, read back through the builder.
//!
//! ## Cargo features
//!
//! | feature | what it adds |
//! |---|---|
//! | `pdf` | `pdf`: published PDFs read into narrative lines and ruled tables for the auditor |
//! | `xlsx` | `xlsx`: disclosures as Excel workbooks, published workbooks read back, budgets read from a facts sheet |
//! | `parquet` | `facts::columnar`: Arrow record batches and Parquet files of the facts |
//! | `rayon` | `budget::build_many` and `budget::consolidate_by_functional` across cores |
//!
//! None is on by default.
//!
//! ## Glossary
//!
//! | Chinese | Identifier |
//! |---|---|
//! | 金额 (元 / 万元) | [`Amount`], [`Unit`] |
//! | 增减额, 增加/减少/持平 | [`Change`], [`amount::Direction`] |
//! | 占比, 增长率 | [`amount::Ratio`] |
//! | 尾差调整 | [`amount::largest_remainder`] |
//! | 支出功能分类科目 (类/款/项) | [`FunctionalCode`], [`classification::Level`] |
//! | 部门预算支出经济分类科目 | [`EconomicCode`] |
//! | 政府预算支出经济分类科目 | [`GovEconomicCode`] |
//! | 政府收支分类科目目录 | [`Catalogue`] |
//! | 资金来源 / 资金性质 | [`FundingSource`] / [`FundType`] |
//!
//! ## Guarantees
//!
//! - Money is `rust_decimal::Decimal` in 元 with two decimals; there is no `f64` anywhere, no
//!   arithmetic that can overflow silently, and rounding is always 四舍五入
//!   (`RoundingStrategy::MidpointAwayFromZero`).
//! - Every value type has private fields and one validator behind all of its entry points
//!   (`new`, `parse`, `FromStr`, `TryFrom`, serde), and `Display` round-trips through `FromStr`.
//! - The library never panics, prints or does I/O; bad input gets an [`Error`].
//!
//! ```
//! use yusuan::{Amount, Catalogue, FundingSource, Unit};
//!
//! let catalogue = Catalogue::builtin();
//! let code = catalogue.functional("2060702")?;
//! let amount = Amount::parse_in("13.00", Unit::WanYuan)?;
//! let source: FundingSource = "上级一般公共预算安排的转移支付".parse()?;
//! assert_eq!(
//!     format!("{} {} {}", catalogue.with_name(code), amount.display_in(Unit::WanYuan), source),
//!     "2060702 科普活动 13.00 上级一般公共预算安排的转移支付"
//! );
//! # Ok::<(), yusuan::Error>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented,
        clippy::print_stdout,
        clippy::print_stderr,
        clippy::float_arithmetic
    )
)]

pub mod amount;
pub mod audit;
pub mod budget;
pub mod classification;
pub mod disclosure;
pub mod error;
pub mod facts;
pub mod funding;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod performance;
mod serde_decimal;
mod vocabulary;
#[cfg(feature = "xlsx")]
pub mod xlsx;

/// The README's examples, compiled and run as doc tests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// The decimal type amounts are made of ([`Amount::new`], [`Amount::as_decimal`]), re-exported
/// so that users need not depend on `rust_decimal` themselves.
pub use rust_decimal::Decimal;
/// Iterates the variants of a closed vocabulary (`FundingSource::iter()`), re-exported so that
/// users need not depend on `strum` themselves.
pub use strum::IntoEnumIterator;

pub use amount::{Amount, Change, Unit};
pub use classification::{Catalogue, EconomicCode, FunctionalCode, GovEconomicCode};
pub use error::{Error, Result};
pub use funding::{FundType, FundingSource};
