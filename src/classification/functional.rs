//! 支出功能分类科目: the functional classification of expenditure.

use super::{Code, CodeSystem, Level, code_type_impls};

/// 支出功能分类科目: a functional classification code.
///
/// Every `FunctionalCode` is a well-formed 3-, 5- or 7-digit code whose digits encode 类/款/项:
/// a class from 201 to 299, then two digits per level, none of them `00`. It says nothing about
/// whether the code exists in a year's catalogue; ask a [`Catalogue`](super::Catalogue).
///
/// ```
/// use yusuan::classification::{Code, FunctionalCode, Level};
/// let item = FunctionalCode::parse("2060702")?;
/// assert_eq!(item.section().map(|s| s.to_string()), Some("20607".to_string()));
/// assert!(FunctionalCode::parse("206")?.is_ancestor_of(item));
/// assert_eq!(
///     FunctionalCode::parse("2060x01").unwrap_err().to_string(),
///     r#"invalid 支出功能分类 code "2060x01": non-digit character 'x' at position 5"#
/// );
/// # Ok::<(), yusuan::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FunctionalCode(u32);

code_type_impls!(
    FunctionalCode,
    CodeSystem::Functional,
    "a 支出功能分类 code of 3, 5 or 7 digits such as \"2060101\""
);

impl FunctionalCode {
    /// 类/款/项.
    #[must_use]
    pub fn level(self) -> Level {
        Code::level(self)
    }

    /// The 类 (first three digits).
    #[must_use]
    pub fn class(self) -> FunctionalCode {
        Code::class(self)
    }

    /// The 款 (first five digits), or `None` for a 类.
    #[must_use]
    pub fn section(self) -> Option<FunctionalCode> {
        match self.level() {
            Level::Class => None,
            Level::Section => Some(self),
            Level::Item => Some(FunctionalCode(self.0 / 100)),
        }
    }

    /// The code one level up, or `None` for a 类.
    #[must_use]
    pub fn parent(self) -> Option<FunctionalCode> {
        Code::parent(self)
    }

    /// Whether this is a 项 (7 digits), the level budget lines are kept at.
    #[must_use]
    pub fn is_item(self) -> bool {
        self.level() == Level::Item
    }

    /// Whether `self` is a strict ancestor of `other`.
    #[must_use]
    pub fn is_ancestor_of(self, other: FunctionalCode) -> bool {
        Code::is_ancestor_of(self, other)
    }
}
