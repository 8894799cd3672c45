//! The crate's one public error type.
//!
//! Every fallible entry point returns [`Error`]. Its variants carry what a user needs to fix the
//! input: the offending text, the unit or code system it was read in, the catalogue edition, the
//! line of a catalogue file. Messages follow the std style (lowercase start, no final period) and
//! quote the input; the Chinese official names appear as data inside them.
//!
//! The enum and each of its struct variants are `#[non_exhaustive]`, so variants and fields can be
//! added without a breaking release. Reasons are our own small enums (never a dependency's error
//! type), so `Error` is `Clone + PartialEq + Eq` and `rust_decimal`'s or `strum`'s errors never
//! become part of this crate's public API.

use crate::amount::Unit;
use crate::classification::CodeSystem;

/// `Result` with this crate's [`Error`] as the default error type.
pub type Result<T, E = Error> = core::result::Result<T, E>;

/// 错误: everything that can go wrong when reading or combining budget values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An amount could not be read from text, or a decimal is not a valid amount.
    #[error("invalid amount {input:?} in {unit}: {reason}")]
    #[non_exhaustive]
    InvalidAmount {
        /// The text (or decimal) as given.
        input: String,
        /// The unit the input was read in.
        unit: Unit,
        /// Why it was rejected.
        reason: AmountError,
    },

    /// Checked arithmetic on amounts left the representable range.
    #[error("arithmetic overflow: {operation} leaves the range of amounts (0 to {max} 元)", max = crate::amount::Amount::MAX)]
    #[non_exhaustive]
    Overflow {
        /// What was being computed, e.g. `"sum of amounts"`.
        operation: &'static str,
    },

    /// A classification code is malformed.
    #[error("invalid {system} code {input:?}: {reason}")]
    #[non_exhaustive]
    InvalidCode {
        /// The code system the text was read as.
        system: CodeSystem,
        /// The text as given.
        input: String,
        /// Why it was rejected.
        reason: CodeError,
    },

    /// A well-formed classification code that the catalogue edition does not list.
    #[error(
        "{system} code {code} is not in catalogue edition {edition:?}{}",
        did_you_mean(suggestions)
    )]
    #[non_exhaustive]
    UnknownCode {
        /// The code system.
        system: CodeSystem,
        /// The code, in its canonical digits.
        code: String,
        /// The catalogue edition that was consulted.
        edition: String,
        /// The listed codes nearest to it under the same parent, `code name`, closest first.
        suggestions: Vec<String>,
    },

    /// A line of a catalogue file (`code<TAB>name`) could not be used.
    #[error("catalogue {edition:?}, line {line}: {reason} (line text {text:?})")]
    #[non_exhaustive]
    InvalidCatalogue {
        /// The edition label given to the loader.
        edition: String,
        /// 1-based line number in the catalogue text.
        line: usize,
        /// The offending line.
        text: String,
        /// Why it was rejected.
        reason: CatalogueError,
    },

    /// A name (e.g. of a funding source) that is not in the crate's vocabulary.
    #[error("unknown {vocabulary} {input:?}")]
    #[non_exhaustive]
    UnknownName {
        /// Which vocabulary was searched, e.g. `"funding source (资金来源)"`.
        vocabulary: &'static str,
        /// The text as given.
        input: String,
    },

    /// 日期: a date that is not a real calendar day written `YYYY-MM-DD`.
    #[error("invalid date {input:?}: {reason}")]
    #[non_exhaustive]
    InvalidDate {
        /// The text as given.
        input: String,
        /// Why it was rejected, e.g. `"2026-02-30 is not a day of the calendar"`.
        reason: String,
    },
}

/// The "; did you mean …?" tail of an unknown-code message.
fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", suggestions.join(", "))
    }
}

fn canonical_found(found: Option<char>, position: usize) -> String {
    match found {
        Some(c) => format!("{c:?} at character {position}: "),
        None => "a misplaced point or a leading zero: ".to_string(),
    }
}

/// Why an amount was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AmountError {
    /// The text is empty or only whitespace.
    #[error("the text is empty")]
    Empty,
    /// A character that is neither a digit, a decimal point nor a thousands separator.
    #[error("unexpected character {found:?} at character {position}")]
    UnexpectedChar {
        /// The character found.
        found: char,
        /// 1-based character position in the input.
        position: usize,
    },
    /// A minus sign: amounts are never negative (differences are a separate type).
    #[error("amounts are never negative; use `Change` for differences")]
    Negative,
    /// More than one decimal point, or a decimal point with no digit before or after it.
    #[error("the decimal point is misplaced")]
    MisplacedDecimalPoint,
    /// Thousands separators that are not every three digits of the integer part.
    #[error("thousands separators must group the integer part in threes")]
    MisplacedSeparator,
    /// More fractional digits than the unit can hold exactly (2 in 元, 6 in 万元).
    #[error("{found} decimal places; {unit} amounts carry at most {allowed}")]
    TooManyDecimals {
        /// Fractional digits found.
        found: usize,
        /// Fractional digits allowed in this unit.
        allowed: u32,
        /// The unit.
        unit: Unit,
    },
    /// Not the canonical form data files use ([`Amount::parse_canonical`](crate::Amount::parse_canonical)):
    /// a character other than ASCII digits and one point, or an empty part, a leading zero or
    /// a trailing point.
    #[error("{}data amounts are plain ASCII decimal strings such as \"1234.50\"", canonical_found(*found, *position))]
    NotCanonical {
        /// The first character outside the canonical alphabet, if that is what is wrong.
        found: Option<char>,
        /// Its 1-based character position.
        position: usize,
    },
    /// Larger than [`Amount::MAX`](crate::amount::Amount::MAX).
    #[error("larger than the largest amount ({max} 元)", max = crate::amount::Amount::MAX)]
    TooLarge,
}

/// Why a classification code was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CodeError {
    /// The text is empty.
    #[error("the code is empty")]
    Empty,
    /// A character that is not an ASCII digit.
    #[error("non-digit character {found:?} at position {position}")]
    NonDigit {
        /// The character found.
        found: char,
        /// 1-based character position in the input.
        position: usize,
    },
    /// A digit count the code system does not use.
    #[error("{found} digits; {system} codes have {expected}")]
    WrongLength {
        /// Digits found.
        found: usize,
        /// The code system.
        system: CodeSystem,
        /// The lengths it uses, in words.
        expected: &'static str,
    },
    /// The first digit does not belong to the code system.
    #[error("class {class} is outside {system} ({range})")]
    WrongClass {
        /// The 3-digit class prefix found.
        class: u32,
        /// The code system.
        system: CodeSystem,
        /// The classes the system uses, in words.
        range: &'static str,
    },
    /// A 款 or 项 segment of `00`, which no catalogue uses.
    #[error("segment {segment} at digits {start}-{end} is 00; 款 and 项 run from 01 to 99")]
    ZeroSegment {
        /// Which segment: "款" or "项".
        segment: &'static str,
        /// 1-based first digit of the segment.
        start: usize,
        /// 1-based last digit of the segment.
        end: usize,
    },
}

/// Why a catalogue line was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CatalogueError {
    /// The line has no tab between code and name.
    #[error("expected `code<TAB>name`")]
    MissingTab,
    /// A header line without a required column, or a data line too short to reach it.
    #[error("no {0:?} column")]
    MissingColumn(&'static str),
    /// The code column is not a code of any expenditure system.
    #[error("{0}")]
    BadCode(CodeError),
    /// The name column is empty.
    #[error("the name is empty")]
    EmptyName,
    /// The same code appears twice.
    #[error("code {code} is listed again (first on line {first_line})")]
    Duplicate {
        /// The code.
        code: String,
        /// Where it was first listed.
        first_line: usize,
    },
    /// A 款 or 项 whose parent is not listed.
    #[error("code {code} has no parent {parent} in the catalogue")]
    Orphan {
        /// The code.
        code: String,
        /// The missing parent.
        parent: String,
    },
}
