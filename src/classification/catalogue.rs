//! 科目目录: which codes exist in an edition of the classification, and their names.

use core::fmt;
use std::collections::HashMap;
use std::sync::OnceLock;

use super::{Code, CodeSystem, EconomicCode, FunctionalCode, GovEconomicCode, parse_digits};
use crate::error::{CatalogueError, Error, Result};

/// The built-in edition's data: `code<TAB>name<TAB>provenance`, grouped with `#` comments that say
/// where each group's names come from.
const BUILTIN_2026: &str = include_str!("data/2026.tsv");

/// The label of the built-in edition.
pub const BUILTIN_EDITION: &str = "2026 (yusuan built-in)";

/// One system's entries, sorted by code value for binary search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Entries(Vec<(u32, Box<str>)>);

impl Entries {
    fn get(&self, value: u32) -> Option<&str> {
        self.0
            .binary_search_by_key(&value, |(v, _)| *v)
            .ok()
            .and_then(|i| self.0.get(i))
            .map(|(_, n)| &**n)
    }
}

/// 政府收支分类科目目录: an edition of the expenditure classifications, with official names.
///
/// A catalogue answers whether a code exists ([`Catalogue::contains`], [`Catalogue::check`]), what
/// it is called ([`Catalogue::name`]) and what lies under it ([`Catalogue::children`]), for all
/// three code systems. Get one from:
///
/// - [`Catalogue::builtin`]: the 2026 edition compiled for this crate. It holds every 支出功能分类
///   类 of 2026, the whole 部门预算支出经济分类 款 list, the 政府预算支出经济分类 类, and every
///   functional and economic code printed correctly in the disclosures the crate is tested on.
///   It is *not* the complete official list of 款 and 项: load that for production use.
/// - [`Catalogue::from_tsv`]: an official edition of your year and province, `code<TAB>name`.
/// - [`Catalogue::structural_only`]: an explicit opt-in that accepts every well-formed code and
///   knows no names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    edition: String,
    structural_only: bool,
    functional: Entries,
    department: Entries,
    government: Entries,
}

impl Catalogue {
    /// The built-in 2026 edition (see the type docs for what it holds, and
    /// `src/classification/data/2026.tsv` for the provenance of every group of names).
    pub fn builtin() -> &'static Catalogue {
        static BUILTIN: OnceLock<Catalogue> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            // The built-in text is tested to load without error (`builtin_edition_loads`); should
            // that ever fail, an empty catalogue rejects every code loudly rather than panicking.
            Catalogue::from_tsv(BUILTIN_EDITION, BUILTIN_2026)
                .unwrap_or_else(|_| Catalogue::empty(BUILTIN_EDITION))
        })
    }

    fn empty(edition: &str) -> Catalogue {
        Catalogue {
            edition: edition.to_string(),
            structural_only: false,
            functional: Entries::default(),
            department: Entries::default(),
            government: Entries::default(),
        }
    }

    /// A catalogue that accepts every well-formed code and knows no names: the explicit opt-in
    /// for structural-only checking, when no official edition is at hand.
    pub fn structural_only(edition: &str) -> Catalogue {
        Catalogue {
            structural_only: true,
            ..Catalogue::empty(edition)
        }
    }

    /// Loads an edition from tab-separated text: one `code<TAB>name` per line, codes of any of the
    /// three systems (told apart by their leading digit 2, 3 or 5). Blank lines and lines starting
    /// with `#` are skipped, a first line `code<TAB>name` is taken as a header, and a third column
    /// (a note, e.g. provenance) is allowed and ignored. Every 款 and 项 must have its parent in
    /// the same text.
    ///
    /// ```
    /// use yusuan::classification::{Catalogue, FunctionalCode};
    /// let c = Catalogue::from_tsv("demo", "206\t科学技术支出\n20601\t科学技术管理事务\n")?;
    /// assert_eq!(c.name(FunctionalCode::parse("20601")?), Some("科学技术管理事务"));
    /// let err = Catalogue::from_tsv("demo", "20601\t科学技术管理事务\n").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     r#"catalogue "demo", line 1: code 20601 has no parent 206 in the catalogue (line text "20601\t科学技术管理事务")"#
    /// );
    /// # Ok::<(), yusuan::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidCatalogue`] naming the first bad line: no tab, a malformed code, an empty
    /// name, a code listed twice, or a 款/项 whose parent is missing.
    pub fn from_tsv(edition: &str, text: &str) -> Result<Catalogue> {
        let mut catalogue = Catalogue::empty(edition);
        // code digits -> (line number, line text), for duplicate and orphan reports
        let mut seen: HashMap<(CodeSystem, u32), (usize, &str)> = HashMap::new();
        let bad = |line: usize, text: &str, reason| Error::InvalidCatalogue {
            edition: edition.to_string(),
            line,
            text: text.to_string(),
            reason,
        };
        for (i, raw) in text.lines().enumerate() {
            let line_no = i + 1;
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let code_text = cols.next().unwrap_or("").trim();
            let Some(name) = cols.next().map(str::trim) else {
                return Err(bad(line_no, line, CatalogueError::MissingTab));
            };
            if line_no == 1 && code_text.eq_ignore_ascii_case("code") {
                continue;
            }
            let system = CodeSystem::of_digits(code_text).unwrap_or(CodeSystem::Functional);
            let value = parse_digits(code_text, system).map_err(|e| match e {
                Error::InvalidCode { reason, .. } => {
                    bad(line_no, line, CatalogueError::BadCode(reason))
                }
                other => other,
            })?;
            if name.is_empty() {
                return Err(bad(line_no, line, CatalogueError::EmptyName));
            }
            if let Some(&(first_line, _)) = seen.get(&(system, value)) {
                return Err(bad(
                    line_no,
                    line,
                    CatalogueError::Duplicate {
                        code: code_text.to_string(),
                        first_line,
                    },
                ));
            }
            seen.insert((system, value), (line_no, line));
            catalogue
                .entries_mut(system)
                .0
                .push((value, name.to_string().into_boxed_str()));
        }
        // Parents must be listed: report the earliest orphan line.
        let mut orphans: Vec<(usize, &str, u32, u32)> = seen
            .iter()
            .filter(|((_, v), _)| *v >= 1_000)
            .filter(|((s, v), _)| !seen.contains_key(&(*s, v / 100)))
            .map(|((_, v), (line, text))| (*line, *text, *v, v / 100))
            .collect();
        orphans.sort_unstable();
        if let Some(&(line, text, code, parent)) = orphans.first() {
            return Err(bad(
                line,
                text,
                CatalogueError::Orphan {
                    code: code.to_string(),
                    parent: parent.to_string(),
                },
            ));
        }
        for entries in [
            &mut catalogue.functional,
            &mut catalogue.department,
            &mut catalogue.government,
        ] {
            entries.0.sort_unstable_by_key(|(v, _)| *v);
        }
        Ok(catalogue)
    }

    fn entries(&self, system: CodeSystem) -> &Entries {
        match system {
            CodeSystem::Functional => &self.functional,
            CodeSystem::DepartmentEconomic => &self.department,
            CodeSystem::GovernmentEconomic => &self.government,
        }
    }

    fn entries_mut(&mut self, system: CodeSystem) -> &mut Entries {
        match system {
            CodeSystem::Functional => &mut self.functional,
            CodeSystem::DepartmentEconomic => &mut self.department,
            CodeSystem::GovernmentEconomic => &mut self.government,
        }
    }

    /// The edition label given when the catalogue was made.
    pub fn edition(&self) -> &str {
        &self.edition
    }

    /// Whether this catalogue only checks structure ([`Catalogue::structural_only`]).
    pub fn is_structural_only(&self) -> bool {
        self.structural_only
    }

    /// How many codes of all systems the catalogue lists (0 for a structural-only one).
    pub fn len(&self) -> usize {
        self.functional.0.len() + self.department.0.len() + self.government.0.len()
    }

    /// Whether the catalogue lists no code.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether `code` exists in this edition (always true when structural-only).
    pub fn contains<C: Code>(&self, code: C) -> bool {
        self.structural_only || self.name(code).is_some()
    }

    /// The official name of `code`, e.g. `行政运行` for 2060101; `None` when unlisted.
    pub fn name<C: Code>(&self, code: C) -> Option<&str> {
        self.entries(C::SYSTEM).get(code.value())
    }

    /// `code` itself when the edition lists it.
    ///
    /// # Errors
    /// [`Error::UnknownCode`] naming the code, its system and this edition.
    pub fn check<C: Code>(&self, code: C) -> Result<C> {
        if self.contains(code) {
            Ok(code)
        } else {
            Err(Error::UnknownCode {
                system: C::SYSTEM,
                code: code.to_string(),
                edition: self.edition.clone(),
            })
        }
    }

    /// Parses a functional code and checks that this edition lists it.
    ///
    /// # Errors
    /// [`Error::InvalidCode`] or [`Error::UnknownCode`].
    pub fn functional(&self, text: &str) -> Result<FunctionalCode> {
        self.check(FunctionalCode::parse(text)?)
    }

    /// Parses a 部门 economic code and checks that this edition lists it.
    ///
    /// # Errors
    /// [`Error::InvalidCode`] or [`Error::UnknownCode`].
    pub fn economic(&self, text: &str) -> Result<EconomicCode> {
        self.check(EconomicCode::parse(text)?)
    }

    /// Parses a 政府 economic code and checks that this edition lists it.
    ///
    /// # Errors
    /// [`Error::InvalidCode`] or [`Error::UnknownCode`].
    pub fn government_economic(&self, text: &str) -> Result<GovEconomicCode> {
        self.check(GovEconomicCode::parse(text)?)
    }

    /// The listed codes directly under `code` (its 款, or its 项), in code order.
    pub fn children<C: Code>(&self, code: C) -> impl Iterator<Item = (C, &str)> + Clone + '_ {
        let parent = code.value();
        let (lo, hi) = (parent * 100, parent * 100 + 99);
        let entries = &self.entries(C::SYSTEM).0;
        let start = entries.partition_point(|(v, _)| *v < lo);
        entries
            .get(start..)
            .unwrap_or(&[])
            .iter()
            .take_while(move |(v, _)| *v <= hi)
            .map(|(v, n)| (<C as super::sealed::Sealed>::from_validated(*v), &**n))
    }

    /// Every listed code of one system with its name, in code order.
    pub fn entries_of<C: Code>(&self) -> impl Iterator<Item = (C, &str)> + Clone + '_ {
        self.entries(C::SYSTEM)
            .0
            .iter()
            .map(|(v, n)| (<C as super::sealed::Sealed>::from_validated(*v), &**n))
    }

    /// A display adapter printing `code name` (`2060101 行政运行`), or the bare code when the
    /// edition has no name for it.
    pub fn with_name<C: Code>(&self, code: C) -> WithName<'_, C> {
        WithName {
            code,
            name: self.name(code),
        }
    }
}

/// Displays a code followed by its catalogue name; made by [`Catalogue::with_name`].
#[derive(Debug, Clone, Copy)]
pub struct WithName<'a, C> {
    code: C,
    name: Option<&'a str>,
}

impl<C: Code> fmt::Display for WithName<'_, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name {
            Some(n) => write!(f, "{} {}", self.code, n),
            None => write!(f, "{}", self.code),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_edition_loads() {
        let loaded = Catalogue::from_tsv(BUILTIN_EDITION, BUILTIN_2026);
        assert!(loaded.is_ok(), "{loaded:?}");
        assert_eq!(Catalogue::builtin(), &loaded.unwrap());
    }
}
