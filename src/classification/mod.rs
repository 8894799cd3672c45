//! 政府收支分类科目: the expenditure classification codes and their catalogue.
//!
//! Three code systems, each a validated newtype over its digits (never a giant enum, so a yearly
//! revision of the catalogue is data, not a breaking change):
//!
//! | system | type | levels |
//! |---|---|---|
//! | 支出功能分类 | [`FunctionalCode`] | 类 3 digits (`206`), 款 5 (`20601`), 项 7 (`2060101`) |
//! | 部门预算支出经济分类 | [`EconomicCode`] | 类 3 digits (`301`…`399`), 款 5 (`30101`) |
//! | 政府预算支出经济分类 | [`GovEconomicCode`] | 类 3 digits (`501`…`599`), 款 5 (`50101`) |
//!
//! A code's parent, level and ancestry come from its digits. Whether a code *exists* is a
//! question for a [`Catalogue`]: the built-in 2026 edition ([`Catalogue::builtin`]), an official
//! edition loaded from `code<TAB>name` text ([`Catalogue::from_tsv`]), or, by explicit opt-in,
//! structural checking only ([`Catalogue::structural_only`]).
//!
//! ```
//! use yusuan::classification::{Catalogue, FunctionalCode, Level};
//!
//! let code: FunctionalCode = "2060101".parse()?;
//! assert_eq!(code.level(), Level::Item);
//! assert_eq!(code.class().to_string(), "206");
//! let catalogue = Catalogue::builtin();
//! assert_eq!(catalogue.name(code), Some("行政运行"));
//! assert_eq!(catalogue.name(code.class()), Some("科学技术支出"));
//! assert_eq!(catalogue.with_name(code).to_string(), "2060101 行政运行");
//! # Ok::<(), yusuan::Error>(())
//! ```

mod catalogue;
mod economic;
mod functional;

use core::fmt;

use serde::{Deserialize, Serialize};

pub use catalogue::{
    AnyCode, BUILTIN_EDITION, Catalogue, EditionDiff, NameMatch, Named, Recognised, WithName,
};
pub use economic::{EconomicCode, GovEconomicCode, MappingBasis};
pub use functional::FunctionalCode;

use crate::error::{CodeError, Error, Result};

/// 分类体系: which classification a code belongs to.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::Display,
    strum::EnumIter,
    strum::IntoStaticStr,
    Serialize,
    Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CodeSystem {
    /// 支出功能分类: functional classification of expenditure (what the money is for).
    #[strum(to_string = "支出功能分类")]
    Functional,
    /// 部门预算支出经济分类: departmental economic classification (301 工资福利支出 …).
    #[strum(to_string = "部门预算支出经济分类")]
    DepartmentEconomic,
    /// 政府预算支出经济分类: government economic classification (501 机关工资福利支出 …).
    #[strum(to_string = "政府预算支出经济分类")]
    GovernmentEconomic,
}

impl CodeSystem {
    /// The leading digit of every code in this system.
    fn leading_digit(self) -> u8 {
        match self {
            CodeSystem::Functional => b'2',
            CodeSystem::DepartmentEconomic => b'3',
            CodeSystem::GovernmentEconomic => b'5',
        }
    }

    fn lengths(self) -> &'static [usize] {
        match self {
            CodeSystem::Functional => &[3, 5, 7],
            CodeSystem::DepartmentEconomic | CodeSystem::GovernmentEconomic => &[3, 5],
        }
    }

    fn lengths_in_words(self) -> &'static str {
        match self {
            CodeSystem::Functional => "3 (类), 5 (款) or 7 (项)",
            CodeSystem::DepartmentEconomic | CodeSystem::GovernmentEconomic => "3 (类) or 5 (款)",
        }
    }

    fn class_range(self) -> &'static str {
        match self {
            CodeSystem::Functional => "classes 201 to 299",
            CodeSystem::DepartmentEconomic => "classes 301 to 399",
            CodeSystem::GovernmentEconomic => "classes 501 to 599",
        }
    }

    /// The system a code's digits belong to, from its leading digit (2, 3 or 5).
    #[must_use]
    pub fn of_digits(digits: &str) -> Option<CodeSystem> {
        match digits.as_bytes().first() {
            Some(b'2') => Some(CodeSystem::Functional),
            Some(b'3') => Some(CodeSystem::DepartmentEconomic),
            Some(b'5') => Some(CodeSystem::GovernmentEconomic),
            _ => None,
        }
    }
}

/// 科目级次: the level of a code in its hierarchy.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::Display,
    strum::EnumIter,
    strum::IntoStaticStr,
    Serialize,
    Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 类: class, 3 digits.
    #[strum(to_string = "类")]
    Class,
    /// 款: section, 5 digits.
    #[strum(to_string = "款")]
    Section,
    /// 项: item, 7 digits (functional classification only).
    #[strum(to_string = "项")]
    Item,
}

impl Level {
    /// The number of digits of a code at this level.
    #[must_use]
    pub fn digits(self) -> usize {
        match self {
            Level::Class => 3,
            Level::Section => 5,
            Level::Item => 7,
        }
    }

    fn of_value(value: u32) -> Level {
        if value < 1_000 {
            Level::Class
        } else if value < 100_000 {
            Level::Section
        } else {
            Level::Item
        }
    }
}

mod sealed {
    /// Keeps [`super::Code`] closed: only this crate's code types implement it.
    pub trait Sealed {
        /// Wraps digits that were already validated for this system.
        fn from_validated(value: u32) -> Self;
    }
}

/// What the three code types share; lets a [`Catalogue`] look any of them up.
///
/// Sealed: implemented by [`FunctionalCode`], [`EconomicCode`] and [`GovEconomicCode`] only.
pub trait Code:
    Copy + Ord + core::hash::Hash + fmt::Display + fmt::Debug + sealed::Sealed + 'static
{
    /// The code system.
    const SYSTEM: CodeSystem;

    /// The code's digits as a number (`2060101`).
    fn value(self) -> u32;

    /// 类, 款 or 项, from the digit count.
    fn level(self) -> Level {
        Level::of_value(self.value())
    }

    /// The code one level up (`2060101` → `20601` → `206` → none).
    fn parent(self) -> Option<Self> {
        match self.level() {
            Level::Class => None,
            Level::Section | Level::Item => Some(Self::from_validated(self.value() / 100)),
        }
    }

    /// The 3-digit class (类) this code belongs to; a class is its own class.
    fn class(self) -> Self {
        let mut v = self.value();
        while v >= 1_000 {
            v /= 100;
        }
        Self::from_validated(v)
    }

    /// Whether `self` is a strict ancestor of `other` (`206` of `2060101`).
    fn is_ancestor_of(self, other: Self) -> bool {
        let mut cur = other.parent();
        while let Some(p) = cur {
            if p == self {
                return true;
            }
            cur = p.parent();
        }
        false
    }
}

/// The one validator behind every textual entry point of the three code types.
pub(crate) fn parse_digits(input: &str, system: CodeSystem) -> Result<u32> {
    let err = |reason| Error::InvalidCode {
        system,
        input: input.to_string(),
        reason,
    };
    if input.is_empty() {
        return Err(err(CodeError::Empty));
    }
    if let Some((i, found)) = input.chars().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
        return Err(err(CodeError::NonDigit {
            found,
            position: i + 1,
        }));
    }
    // All ASCII from here on, so byte length is digit count.
    let len = input.len();
    if !system.lengths().contains(&len) {
        return Err(err(CodeError::WrongLength {
            found: len,
            system,
            expected: system.lengths_in_words(),
        }));
    }
    let bytes = input.as_bytes();
    let class_digits = input.get(..3).unwrap_or("");
    let class: u32 = class_digits.parse().unwrap_or(0);
    if bytes.first() != Some(&system.leading_digit()) || class % 100 == 0 {
        return Err(err(CodeError::WrongClass {
            class,
            system,
            range: system.class_range(),
        }));
    }
    for (segment, start) in [("款", 3usize), ("项", 5usize)] {
        if input.get(start..start + 2) == Some("00") {
            return Err(err(CodeError::ZeroSegment {
                segment,
                start: start + 1,
                end: start + 2,
            }));
        }
    }
    input.parse().map_err(|_| {
        err(CodeError::WrongLength {
            found: len,
            system,
            expected: system.lengths_in_words(),
        })
    })
}

/// The validator for numeric entry points: the number's decimal digits are the code.
pub(crate) fn check_value(value: u32, system: CodeSystem) -> Result<u32> {
    parse_digits(&value.to_string(), system)
}

/// Implements the traits every code type has in the same way.
macro_rules! code_type_impls {
    ($ty:ident, $system:expr, $expecting:literal) => {
        impl $ty {
            /// Reads a code from its digits.
            ///
            /// # Errors
            /// [`Error::InvalidCode`](crate::Error::InvalidCode) when the text is empty, has a
            /// non-digit, a digit count the system does not use, a class outside the system or
            /// a `00` segment.
            pub fn parse(text: &str) -> crate::error::Result<$ty> {
                crate::classification::parse_digits(text, $system).map($ty)
            }

            /// A code from the number its digits spell (`2060101`).
            ///
            /// # Errors
            /// As [`Self::parse`] on the number's decimal digits.
            pub fn new(value: u32) -> crate::error::Result<$ty> {
                crate::classification::check_value(value, $system).map($ty)
            }

            /// The code's digits as a number.
            pub fn as_u32(self) -> u32 {
                self.0
            }
        }

        impl crate::classification::sealed::Sealed for $ty {
            fn from_validated(value: u32) -> $ty {
                $ty(value)
            }
        }

        impl crate::classification::Code for $ty {
            const SYSTEM: crate::classification::CodeSystem = $system;
            fn value(self) -> u32 {
                self.0
            }
        }

        impl core::fmt::Display for $ty {
            /// The code's digits, which [`Self::parse`] reads back.
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                core::fmt::Display::fmt(&self.0, f)
            }
        }

        impl core::fmt::Debug for $ty {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                write!(f, concat!(stringify!($ty), "({})"), self.0)
            }
        }

        impl core::str::FromStr for $ty {
            type Err = crate::error::Error;
            fn from_str(s: &str) -> crate::error::Result<$ty> {
                $ty::parse(s)
            }
        }

        impl TryFrom<&str> for $ty {
            type Error = crate::error::Error;
            fn try_from(s: &str) -> crate::error::Result<$ty> {
                $ty::parse(s)
            }
        }

        impl TryFrom<u32> for $ty {
            type Error = crate::error::Error;
            fn try_from(v: u32) -> crate::error::Result<$ty> {
                $ty::new(v)
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> core::result::Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(
                d: D,
            ) -> core::result::Result<$ty, D::Error> {
                d.deserialize_str(crate::amount::StrVisitor::<$ty>::new($expecting))
            }
        }
    };
}
pub(crate) use code_type_impls;

crate::vocabulary::from_str_by_name!(
    CodeSystem => "code system (分类体系)",
    Level => "code level (科目级次)",
);
