//! 科目目录: which codes exist in an edition of the classification, and their names.

use core::fmt;
use std::collections::HashMap;
use std::sync::OnceLock;

use std::sync::Arc;

use serde::Serialize;

use super::sealed::Sealed;
use super::{Code, CodeSystem, EconomicCode, FunctionalCode, GovEconomicCode, parse_digits};
use crate::error::{CatalogueError, Error, Result};

/// The built-in edition's data: a header line naming the columns (`code`, `name`, `aliases`,
/// `provenance`), then one code per line, grouped with `#` comments.
const BUILTIN_2026: &str = include_str!("data/2026.tsv");

/// The label of the built-in edition, and the name a budget's JSON gives it (`"catalogue": "2026"`).
pub const BUILTIN_EDITION: &str = "2026";

/// How many codes an unknown code's error suggests.
const SUGGESTIONS: usize = 3;

/// One listed code: its digits, official name and the other printed wordings of that name.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    value: u32,
    name: Box<str>,
    aliases: Box<[Box<str>]>,
}

/// One system's entries, sorted by code value for binary search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Entries(Vec<Entry>);

impl Entries {
    fn entry(&self, value: u32) -> Option<&Entry> {
        self.0
            .binary_search_by_key(&value, |e| e.value)
            .ok()
            .and_then(|i| self.0.get(i))
    }

    /// The entries directly under `parent` (its 款, or its 项), in code order.
    fn children(&self, parent: u32) -> &[Entry] {
        let (lo, hi) = (parent.saturating_mul(100), parent.saturating_mul(100) + 99);
        let start = self.0.partition_point(|e| e.value < lo);
        let end = self.0.partition_point(|e| e.value <= hi);
        self.0.get(start..end).unwrap_or(&[])
    }

    /// The 类 (entries below 1000), in code order.
    fn classes(&self) -> &[Entry] {
        let end = self.0.partition_point(|e| e.value < 1_000);
        self.0.get(..end).unwrap_or(&[])
    }
}

/// Printed names differ in spacing (a wrapped cell "一般公共预 算") and in the width of their
/// brackets; names are compared after removing whitespace and folding ASCII brackets to full width.
fn same_name(printed: &str, name: &str) -> bool {
    let fold = |c: char| match c {
        '(' => '（',
        ')' => '）',
        c => c,
    };
    let mut a = printed.chars().filter(|c| !c.is_whitespace()).map(fold);
    let mut b = name.chars().filter(|c| !c.is_whitespace()).map(fold);
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y => {}
            _ => return false,
        }
    }
}

/// How a printed name matched a listed code ([`Catalogue::find_child`], [`Catalogue::name_match`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::Display, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NameMatch {
    /// 名称一致: the edition's name, up to spacing and bracket width.
    #[strum(to_string = "名称一致")]
    Name,
    /// 名称为别名: another printed wording the edition records for the code (a lint, not an error).
    #[strum(to_string = "名称为别名")]
    Alias,
}

/// A code found by its printed name ([`Catalogue::find_child`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Named<'a, C> {
    /// The code.
    pub code: C,
    /// The edition's name for it.
    pub name: &'a str,
    /// Whether the printed text was the name or an alias.
    pub matched: NameMatch,
}

/// 科目编码: a code of any of the three systems, as read from text whose system is not known in
/// advance (a table cell); always well formed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(untagged)]
pub enum AnyCode {
    /// 支出功能分类科目.
    Functional(FunctionalCode),
    /// 部门预算支出经济分类科目.
    Economic(EconomicCode),
    /// 政府预算支出经济分类科目.
    GovernmentEconomic(GovEconomicCode),
}

impl AnyCode {
    /// Reads a code of whichever system its leading digit (2, 3 or 5) names.
    ///
    /// # Errors
    /// [`Error::InvalidCode`] as the code types' own parsers; text that starts with no system's
    /// digit is read as a functional code for the message.
    pub fn parse(text: &str) -> Result<AnyCode> {
        match CodeSystem::of_digits(text) {
            Some(CodeSystem::DepartmentEconomic) => {
                EconomicCode::parse(text).map(AnyCode::Economic)
            }
            Some(CodeSystem::GovernmentEconomic) => {
                GovEconomicCode::parse(text).map(AnyCode::GovernmentEconomic)
            }
            _ => FunctionalCode::parse(text).map(AnyCode::Functional),
        }
    }

    /// The code's system.
    #[must_use]
    pub fn system(self) -> CodeSystem {
        match self {
            AnyCode::Functional(_) => CodeSystem::Functional,
            AnyCode::Economic(_) => CodeSystem::DepartmentEconomic,
            AnyCode::GovernmentEconomic(_) => CodeSystem::GovernmentEconomic,
        }
    }

    /// The code's digits as a number.
    #[must_use]
    pub fn value(self) -> u32 {
        match self {
            AnyCode::Functional(c) => c.value(),
            AnyCode::Economic(c) => c.value(),
            AnyCode::GovernmentEconomic(c) => c.value(),
        }
    }
}

impl fmt::Display for AnyCode {
    /// The code's digits.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.value(), f)
    }
}

impl core::str::FromStr for AnyCode {
    type Err = Error;
    fn from_str(s: &str) -> Result<AnyCode> {
        AnyCode::parse(s)
    }
}

impl From<FunctionalCode> for AnyCode {
    fn from(c: FunctionalCode) -> AnyCode {
        AnyCode::Functional(c)
    }
}

impl From<EconomicCode> for AnyCode {
    fn from(c: EconomicCode) -> AnyCode {
        AnyCode::Economic(c)
    }
}

impl From<GovEconomicCode> for AnyCode {
    fn from(c: GovEconomicCode) -> AnyCode {
        AnyCode::GovernmentEconomic(c)
    }
}

/// 科目识别: what a printed code is to an edition ([`Catalogue::recognise`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Recognised {
    /// 目录内科目: a code the edition lists.
    Listed(AnyCode),
    /// 地方细化科目: a 7-digit economic sub-item that a region adds under a listed 款 (Beijing's
    /// 3021101 差旅费 under 30211, Chongqing's 3010201 under 30102); not part of any national
    /// edition, but not unknown either.
    LocalExtension {
        /// The sub-item's digits.
        digits: u32,
        /// The listed 款 it details.
        of: AnyCode,
    },
}

/// 目录差异: what changes from one edition to another ([`Catalogue::diff`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EditionDiff {
    /// Codes the new edition lists and the old one does not, with their names.
    pub added: Vec<(AnyCode, String)>,
    /// Codes the old edition lists and the new one does not, with their old names.
    pub removed: Vec<(AnyCode, String)>,
    /// Codes both list under different names: (code, old name, new name).
    pub renamed: Vec<(AnyCode, String, String)>,
}

impl EditionDiff {
    /// Whether the two editions list the same codes under the same names.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.renamed.is_empty()
    }
}

impl fmt::Display for EditionDiff {
    /// One change per line: `+ code name`, `- code name`, `~ code old → new`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (code, name) in &self.added {
            writeln!(f, "+ {code} {name}")?;
        }
        for (code, name) in &self.removed {
            writeln!(f, "- {code} {name}")?;
        }
        for (code, old, new) in &self.renamed {
            writeln!(f, "~ {code} {old} → {new}")?;
        }
        Ok(())
    }
}

/// 政府收支分类科目目录: an edition of the expenditure classifications, with official names.
///
/// A catalogue answers whether a code exists ([`Catalogue::contains`], [`Catalogue::check`],
/// [`Catalogue::recognise`]), what it is called ([`Catalogue::name`], with the other printed
/// wordings in [`Catalogue::aliases`]), what lies under it ([`Catalogue::children`]), which code
/// a printed name stands for under its parent ([`Catalogue::find_child`]) and what changed from
/// another edition ([`Catalogue::diff`]), for all three code systems. Get one from:
///
/// - [`Catalogue::builtin`]: the 2026 edition compiled for this crate from the codes printed in
///   about 200 real 2026 disclosures (every code printed by two or more documents, or by one
///   with a name consistent with its parent chain), names as most documents print them, other
///   wordings as aliases, provenance per row in `src/classification/data/2026.tsv`. It is not
///   the official list: load that for production use.
/// - [`Catalogue::from_tsv`]: an official edition of your year and province, `code<TAB>name`.
/// - [`Catalogue::structural_only`]: an explicit opt-in that accepts every well-formed code and
///   knows no names.
///
/// A budget keeps the edition it was built with
/// ([`DepartmentBudget::catalogue`](crate::budget::DepartmentBudget::catalogue)), shared as an
/// `Arc<Catalogue>`, and names it in its JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    edition: String,
    structural_only: bool,
    functional: Entries,
    department: Entries,
    government: Entries,
}

/// Where the code, name and aliases are on a line of a catalogue file.
#[derive(Debug, Clone, Copy)]
struct Columns {
    code: usize,
    name: usize,
    aliases: Option<usize>,
}

impl Columns {
    /// Without a header: `code<TAB>name`, further columns are notes.
    const PLAIN: Columns = Columns {
        code: 0,
        name: 1,
        aliases: None,
    };

    /// Reads a header line (`code<TAB>name<TAB>aliases<TAB>…`), or `None` when the line is data.
    fn from_header(line: &str) -> Option<core::result::Result<Columns, &'static str>> {
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        let position = |name: &str| fields.iter().position(|f| f.eq_ignore_ascii_case(name));
        let code = position("code")?;
        Some(match position("name") {
            Some(name) => Ok(Columns {
                code,
                name,
                aliases: position("aliases"),
            }),
            None => Err("name"),
        })
    }
}

impl Catalogue {
    /// The built-in 2026 edition (see the type docs for what it holds, and
    /// `src/classification/data/2026.tsv` for the provenance of every row).
    #[must_use]
    pub fn builtin() -> &'static Catalogue {
        Catalogue::builtin_shared_ref()
    }

    /// The built-in edition as a shared handle, the form a budget holds; cloning it is cheap.
    #[must_use]
    pub fn builtin_shared() -> Arc<Catalogue> {
        Arc::clone(Catalogue::builtin_shared_ref())
    }

    fn builtin_shared_ref() -> &'static Arc<Catalogue> {
        static BUILTIN: OnceLock<Arc<Catalogue>> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            // The built-in text is tested to load without error (`builtin_edition_loads`); should
            // that ever fail, an empty catalogue rejects every code loudly rather than panicking.
            Arc::new(
                Catalogue::from_tsv(BUILTIN_EDITION, BUILTIN_2026)
                    .unwrap_or_else(|_| Catalogue::empty(BUILTIN_EDITION)),
            )
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
    #[must_use]
    pub fn structural_only(edition: &str) -> Catalogue {
        Catalogue {
            structural_only: true,
            ..Catalogue::empty(edition)
        }
    }

    /// Loads an edition from tab-separated text: one code per line with its name, codes of any of
    /// the three systems (told apart by their leading digit 2, 3 or 5). Blank lines and lines
    /// starting with `#` are skipped, and a leading byte-order mark is ignored.
    ///
    /// The first other line may be a header naming the columns: `code` and `name` are required,
    /// `aliases` (other printed wordings, separated by `|`) is optional, any other column (a note,
    /// provenance) is ignored. Without a header the columns are `code<TAB>name`, and further
    /// columns are ignored. Every 款 and 项 must have its parent in the same text.
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
    /// let named = Catalogue::from_tsv("demo", "code\tname\taliases\n206\t科学技术支出\t科技支出\n")?;
    /// assert_eq!(named.aliases(FunctionalCode::parse("206")?).collect::<Vec<_>>(), ["科技支出"]);
    /// # Ok::<(), yusuan::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidCatalogue`] naming the first bad line: a header without a `name` column, a
    /// missing column, a malformed code, an empty name, a code listed twice, or a 款/项 whose
    /// parent is missing.
    pub fn from_tsv(edition: &str, text: &str) -> Result<Catalogue> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut catalogue = Catalogue::empty(edition);
        // code digits -> (line number, line text), for duplicate and orphan reports
        let mut seen: HashMap<(CodeSystem, u32), (usize, &str)> = HashMap::new();
        let bad = |line: usize, text: &str, reason| Error::InvalidCatalogue {
            edition: edition.to_string(),
            line,
            text: text.to_string(),
            reason,
        };
        let mut columns: Option<Columns> = None;
        for (i, raw) in text.lines().enumerate() {
            let line_no = i + 1;
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let cols = match columns {
                Some(cols) => cols,
                None => {
                    let found = Columns::from_header(line);
                    let cols = match found {
                        Some(Ok(cols)) => cols,
                        Some(Err(missing)) => {
                            return Err(bad(line_no, line, CatalogueError::MissingColumn(missing)));
                        }
                        None => Columns::PLAIN,
                    };
                    columns = Some(cols);
                    if found.is_some() {
                        continue;
                    }
                    cols
                }
            };
            let (system, entry) =
                read_line(line, cols).map_err(|reason| bad(line_no, line, reason))?;
            if let Some(&(first_line, _)) = seen.get(&(system, entry.value)) {
                return Err(bad(
                    line_no,
                    line,
                    CatalogueError::Duplicate {
                        code: entry.value.to_string(),
                        first_line,
                    },
                ));
            }
            seen.insert((system, entry.value), (line_no, line));
            catalogue.entries_mut(system).0.push(entry);
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
            entries.0.sort_unstable_by_key(|e| e.value);
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

    /// The edition label given when the catalogue was made ([`BUILTIN_EDITION`] for the built-in);
    /// a budget's JSON names its edition by this label.
    #[must_use]
    pub fn edition(&self) -> &str {
        &self.edition
    }

    /// Whether this catalogue only checks structure ([`Catalogue::structural_only`]).
    #[must_use]
    pub fn is_structural_only(&self) -> bool {
        self.structural_only
    }

    /// How many codes of all systems the catalogue lists (0 for a structural-only one).
    #[must_use]
    pub fn len(&self) -> usize {
        self.functional.0.len() + self.department.0.len() + self.government.0.len()
    }

    /// Whether the catalogue lists no code.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether `code` exists in this edition (always true when structural-only).
    pub fn contains<C: Code>(&self, code: C) -> bool {
        self.structural_only || self.entries(C::SYSTEM).entry(code.value()).is_some()
    }

    /// The official name of `code`, e.g. `行政运行` for 2060101; `None` when unlisted.
    pub fn name<C: Code>(&self, code: C) -> Option<&str> {
        self.entries(C::SYSTEM)
            .entry(code.value())
            .map(|e| &*e.name)
    }

    /// The other printed wordings the edition records for `code` (none when unlisted).
    pub fn aliases<C: Code>(&self, code: C) -> impl Iterator<Item = &str> + Clone + '_ {
        self.entries(C::SYSTEM)
            .entry(code.value())
            .map_or(&[][..], |e| &e.aliases[..])
            .iter()
            .map(|a| &**a)
    }

    /// Whether `printed` names `code` in this edition: its name or an alias (up to spacing and
    /// bracket width); `None` when it names neither, or the code is unlisted.
    pub fn name_match<C: Code>(&self, code: C, printed: &str) -> Option<NameMatch> {
        let entry = self.entries(C::SYSTEM).entry(code.value())?;
        entry_match(entry, printed)
    }

    /// The official name of a code of any system ([`Catalogue::name`] for [`AnyCode`]).
    #[must_use]
    pub fn any_name(&self, code: AnyCode) -> Option<&str> {
        self.entries(code.system())
            .entry(code.value())
            .map(|e| &*e.name)
    }

    /// [`Catalogue::name_match`] for a code of any system.
    #[must_use]
    pub fn any_name_match(&self, code: AnyCode, printed: &str) -> Option<NameMatch> {
        let entry = self.entries(code.system()).entry(code.value())?;
        entry_match(entry, printed)
    }

    /// `code` itself when the edition lists it.
    ///
    /// # Errors
    /// [`Error::UnknownCode`] naming the code, its system, this edition and the listed codes
    /// nearest to it under the same parent ("did you mean 2010101 行政运行?").
    pub fn check<C: Code>(&self, code: C) -> Result<C> {
        if self.contains(code) {
            Ok(code)
        } else {
            Err(Error::UnknownCode {
                system: C::SYSTEM,
                code: code.to_string(),
                edition: self.edition.clone(),
                suggestions: self
                    .nearest(code)
                    .map(|(c, n)| format!("{c} {n}"))
                    .collect(),
            })
        }
    }

    /// The listed codes nearest to `code` under its nearest listed ancestor (its siblings, or
    /// its parent's siblings when the parent is unlisted too), closest digits first, at most 3.
    pub fn nearest<C: Code>(&self, code: C) -> impl Iterator<Item = (C, &str)> + '_ {
        let entries = self.entries(C::SYSTEM);
        let mut candidates: Vec<&Entry> = Vec::new();
        let mut target = code.value();
        let mut parent = code.parent();
        loop {
            candidates.extend(match parent {
                Some(p) => entries.children(p.value()),
                None => entries.classes(),
            });
            if !candidates.is_empty() {
                break;
            }
            match parent {
                // An unlisted parent: look among its own siblings instead.
                Some(p) if self.entries(C::SYSTEM).entry(p.value()).is_none() => {
                    target = p.value();
                    parent = p.parent();
                }
                _ => break,
            }
        }
        candidates.sort_by_key(|e| (e.value.abs_diff(target), e.value));
        candidates.into_iter().take(SUGGESTIONS).map(|e| {
            (
                <C as super::sealed::Sealed>::from_validated(e.value),
                &*e.name,
            )
        })
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

    /// What a printed code is to this edition: a listed code of whichever system its leading
    /// digit names, or a 7-digit local economic sub-item of a listed 款 (3021101 under 30211).
    ///
    /// ```
    /// use yusuan::classification::{AnyCode, Catalogue, EconomicCode, Recognised};
    /// let c = Catalogue::builtin();
    /// assert_eq!(
    ///     c.recognise("3021101")?,
    ///     Recognised::LocalExtension { digits: 3021101, of: AnyCode::Economic(EconomicCode::parse("30211")?) }
    /// );
    /// assert!(matches!(c.recognise("2010101")?, Recognised::Listed(AnyCode::Functional(_))));
    /// # Ok::<(), yusuan::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidCode`] for malformed text, [`Error::UnknownCode`] (with the nearest listed
    /// codes) for a well-formed code the edition does not list.
    pub fn recognise(&self, text: &str) -> Result<Recognised> {
        let system = CodeSystem::of_digits(text);
        let is_economic = matches!(
            system,
            Some(CodeSystem::DepartmentEconomic | CodeSystem::GovernmentEconomic)
        );
        if is_economic && text.len() == 7 && text.bytes().all(|b| b.is_ascii_digit()) {
            let (section, sub) = text.split_at(5);
            if sub != "00" {
                let of = self.check_any(AnyCode::parse(section)?)?;
                // Seven ASCII digits: the number fits a u32.
                let digits = text.bytes().fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
                return Ok(Recognised::LocalExtension { digits, of });
            }
        }
        self.check_any(AnyCode::parse(text)?)
            .map(Recognised::Listed)
    }

    fn check_any(&self, code: AnyCode) -> Result<AnyCode> {
        match code {
            AnyCode::Functional(c) => self.check(c).map(AnyCode::from),
            AnyCode::Economic(c) => self.check(c).map(AnyCode::from),
            AnyCode::GovernmentEconomic(c) => self.check(c).map(AnyCode::from),
        }
    }

    /// The listed codes directly under `code` (its 款, or its 项), in code order.
    pub fn children<C: Code>(&self, code: C) -> impl Iterator<Item = (C, &str)> + Clone + '_ {
        self.entries(C::SYSTEM)
            .children(code.value())
            .iter()
            .map(|e| {
                (
                    <C as super::sealed::Sealed>::from_validated(e.value),
                    &*e.name,
                )
            })
    }

    /// The code a printed name stands for under `parent` (`None`: among the 类), matched by name
    /// or alias up to spacing and bracket width; the way to read a table that prints names
    /// without codes (行政运行 under 20140 is 2014001).
    ///
    /// ```
    /// use yusuan::classification::{Catalogue, FunctionalCode, NameMatch};
    /// let c = Catalogue::builtin();
    /// let found = c.find_child(Some(FunctionalCode::parse("20140")?), "行政运行").ok_or("none")?;
    /// assert_eq!((found.code.to_string(), found.matched), ("2014001".to_string(), NameMatch::Name));
    /// let seed = c.find_child(Some(FunctionalCode::parse("206")?), "技术与开发").ok_or("none")?;
    /// assert_eq!((seed.code.to_string(), seed.name, seed.matched), ("20604".to_string(), "技术研究与开发", NameMatch::Alias));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn find_child<C: Code>(&self, parent: Option<C>, printed: &str) -> Option<Named<'_, C>> {
        let entries = self.entries(C::SYSTEM);
        let under = match parent {
            Some(p) => entries.children(p.value()),
            None => entries.classes(),
        };
        let found = |wanted: NameMatch| {
            under.iter().find_map(|e| {
                (entry_match(e, printed) == Some(wanted)).then(|| Named {
                    code: <C as super::sealed::Sealed>::from_validated(e.value),
                    name: &e.name,
                    matched: wanted,
                })
            })
        };
        found(NameMatch::Name).or_else(|| found(NameMatch::Alias))
    }

    /// Every listed code of one system with its name, in code order.
    pub fn entries_of<C: Code>(&self) -> impl Iterator<Item = (C, &str)> + Clone + '_ {
        self.entries(C::SYSTEM).0.iter().map(|e| {
            (
                <C as super::sealed::Sealed>::from_validated(e.value),
                &*e.name,
            )
        })
    }

    /// What changes from `self` (the old edition) to `new`: codes added, removed and renamed, in
    /// system and code order, so that a budget moved to the next year's edition can be reviewed.
    ///
    /// ```
    /// use yusuan::classification::Catalogue;
    /// let old = Catalogue::from_tsv("2025", "206\t科学技术支出\n20601\t科学技术管理事务\n")?;
    /// let new = Catalogue::from_tsv("2026", "206\t科学技术支出\n20602\t基础研究\n")?;
    /// assert_eq!(old.diff(&new).to_string(), "+ 20602 基础研究\n- 20601 科学技术管理事务\n");
    /// # Ok::<(), yusuan::Error>(())
    /// ```
    #[must_use]
    pub fn diff(&self, new: &Catalogue) -> EditionDiff {
        let mut diff = EditionDiff::default();
        for system in [
            CodeSystem::Functional,
            CodeSystem::DepartmentEconomic,
            CodeSystem::GovernmentEconomic,
        ] {
            diff_entries(system, self.entries(system), new.entries(system), &mut diff);
        }
        diff
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

/// How `printed` matches an entry's name or aliases.
fn entry_match(entry: &Entry, printed: &str) -> Option<NameMatch> {
    if same_name(printed, &entry.name) {
        Some(NameMatch::Name)
    } else if entry.aliases.iter().any(|a| same_name(printed, a)) {
        Some(NameMatch::Alias)
    } else {
        None
    }
}

/// Reads one data line of a catalogue file in the given column layout.
fn read_line(
    line: &str,
    cols: Columns,
) -> core::result::Result<(CodeSystem, Entry), CatalogueError> {
    let fields: Vec<&str> = line.split('\t').collect();
    let field = |i: usize| fields.get(i).map(|f| f.trim());
    let code_text = field(cols.code).unwrap_or("");
    let Some(name) = field(cols.name) else {
        return Err(if fields.len() < 2 {
            CatalogueError::MissingTab
        } else {
            CatalogueError::MissingColumn("name")
        });
    };
    let system = CodeSystem::of_digits(code_text).unwrap_or(CodeSystem::Functional);
    let value = parse_digits(code_text, system).map_err(|e| match e {
        Error::InvalidCode { reason, .. } => CatalogueError::BadCode(reason),
        _ => CatalogueError::EmptyName,
    })?;
    if name.is_empty() {
        return Err(CatalogueError::EmptyName);
    }
    let aliases = cols
        .aliases
        .and_then(field)
        .unwrap_or("")
        .split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(Box::from)
        .collect();
    Ok((
        system,
        Entry {
            value,
            name: name.into(),
            aliases,
        },
    ))
}

/// Adds one system's differences between `old` and `new` (both sorted by code) to `diff`.
fn diff_entries(system: CodeSystem, old: &Entries, new: &Entries, diff: &mut EditionDiff) {
    let code = |v: u32| match system {
        CodeSystem::Functional => AnyCode::Functional(FunctionalCode::from_validated(v)),
        CodeSystem::DepartmentEconomic => AnyCode::Economic(EconomicCode::from_validated(v)),
        CodeSystem::GovernmentEconomic => {
            AnyCode::GovernmentEconomic(GovEconomicCode::from_validated(v))
        }
    };
    let (mut a, mut b) = (old.0.iter().peekable(), new.0.iter().peekable());
    loop {
        match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if x.value == y.value => {
                if x.name != y.name {
                    diff.renamed
                        .push((code(x.value), x.name.to_string(), y.name.to_string()));
                }
                a.next();
                b.next();
            }
            (Some(x), Some(y)) if x.value < y.value => {
                diff.removed.push((code(x.value), x.name.to_string()));
                a.next();
            }
            (Some(x), None) => {
                diff.removed.push((code(x.value), x.name.to_string()));
                a.next();
            }
            (_, Some(y)) => {
                diff.added.push((code(y.value), y.name.to_string()));
                b.next();
            }
            (None, None) => break,
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
