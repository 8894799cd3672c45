//! 公开文档: a published document read once — its narrative as sentences with their figures,
//! its tables recognised against the templates with every cell parsed once by [`Amount`](crate::Amount)'s
//! parser in the table's unit, its codes read against the catalogue edition, and its
//! performance tables as typed targets.
//!
//! A document comes from one text (the seed's Markdown, or one extracted file), from a text
//! pair (`.txt` narrative and `.grid.txt` tables of one PDF, [`PublishedDocument::from_pair`],
//! or found by stem with [`PublishedDocument::from_path`]), or from parts a PDF reader produced
//! ([`PublishedDocument::from_parts`]: narrative text and page tables, joined here).
//!
//! What cannot be read is kept: a cell that looks like a number but is not one Amount's
//! parser accepts is [`CellValue::Unreadable`], never 0.
//!
//! ```
//! use yusuan::audit::document::{CellValue, PublishedDocument};
//! let doc = PublishedDocument::from_text(
//!     "## 支出表\n单位：万元\n科目编码\t科目名称\t合计\n201\t一般公共服务支出\t1,234.50\n合计\t\t1.2.3\n",
//! );
//! let table = &doc.tables[0];
//! assert_eq!(table.unit, Some(yusuan::amount::Unit::WanYuan));
//! assert_eq!(table.number(1, 2).map(|d| d.to_string()).as_deref(), Some("1234.50"));
//! assert!(matches!(table.cells[2][2].value, CellValue::Unreadable));
//! assert_eq!(table.codes[1].as_ref().map(|c| c.digits.as_str()), Some("201"));
//! ```

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde::Serialize;

use super::codes::{CodeContext, row_code_in};
use super::read::{RawTable, join_continued, read_tables};
use super::recognise::{Recogniser, Recognition, body_start, is_column_numbers, norm};
use crate::amount::{Change, Unit};
use crate::classification::{AnyCode, Catalogue, EconomicCode, FunctionalCode};
use crate::disclosure::BodyKind;

/// The value of a printed number as Amount's parser reads it ([`Change::parse_in`]: signs,
/// thousands separators, full-width digits), in the unit it is printed in; `None` for anything
/// that is not one number (blank, text, two numbers in one cell, more than six decimals).
///
/// The one reading of printed numbers in the auditor: table cells, narrative figures, weights.
pub fn read_number(text: &str) -> Option<Decimal> {
    // 万元 carries the most decimals (6): the value is read as printed, whatever its unit.
    let change = Change::parse_in(text, Unit::WanYuan).ok()?;
    let mut value = change.to_unit(Unit::WanYuan);
    // as printed: `3.80` keeps its two decimals (at most 6, which Amount's parser allows)
    value.rescale(printed_decimals(text).min(Unit::WanYuan.max_decimals()));
    Some(value)
}

/// How many decimals a printed number carries (`1,234.50` → 2).
pub fn printed_decimals(text: &str) -> u32 {
    text.trim().split_once(['.', '．']).map_or(0, |(_, f)| {
        u32::try_from(f.chars().count()).unwrap_or(u32::MAX)
    })
}

/// 单元格取值: what a printed cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CellValue {
    /// 空白: nothing printed.
    Blank,
    /// 零值符号: a dash or slash printed for nothing (`-`, `—`, `/`): no amount.
    Nil,
    /// 数值: a number, in the table's printed unit, with its printed decimals.
    Number {
        /// The value as printed (in the table's unit).
        #[serde(with = "crate::serde_decimal")]
        value: Decimal,
        /// Decimals printed.
        decimals: u32,
    },
    /// 文字: a label or any text that is no number.
    Text,
    /// 无法读取: looks like a number (digits and separators only) but is not one; kept and
    /// reported, never read as 0.
    Unreadable,
}

/// 单元格: one printed cell, read once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// What it holds.
    pub value: CellValue,
}

impl Cell {
    /// Reads a printed cell.
    pub fn read(text: &str) -> Cell {
        let t = text.trim();
        let value = if t.is_empty() {
            CellValue::Blank
        } else if matches!(t, "-" | "—" | "－" | "–" | "/" | "——" | "--") {
            CellValue::Nil
        } else if let Some(value) = read_number(t) {
            CellValue::Number {
                value,
                decimals: printed_decimals(t),
            }
        } else if t
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            && t.chars().all(|c| {
                c.is_ascii_digit()
                    || ('０'..='９').contains(&c)
                    || matches!(c, '.' | ',' | '，' | '．' | '-' | '－' | '+' | ' ')
            })
        {
            CellValue::Unreadable
        } else {
            CellValue::Text
        };
        Cell { value }
    }

    /// The number, if it is one.
    pub fn number(&self) -> Option<Decimal> {
        match self.value {
            CellValue::Number { value, .. } => Some(value),
            _ => None,
        }
    }
}

/// 科目: the code of a table row, read against the catalogue edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowCode {
    /// The code ([`FunctionalCode`] or [`EconomicCode`] …); `None` when the digits are no code
    /// of any system (a unit's number such as 121 printed where codes stand).
    pub code: Option<AnyCode>,
    /// The digits as read (a code printed without a segment's leading zero is repaired).
    pub digits: String,
    /// The row's name as printed.
    pub label: String,
    /// Whether the table printed only the name and the code was found by it under its parent
    /// ([`Catalogue::find_child`]).
    pub by_name: bool,
    /// Whether a segment was printed without its leading zero.
    pub repaired: bool,
}

/// 表: a table of the document, recognised and read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublishedTable {
    /// The table as printed.
    #[serde(skip)]
    pub raw: RawTable,
    /// What it was recognised as.
    pub recognition: Recognition,
    /// The unit of its amounts: the template's, the one stated above it, or the one stated on
    /// its page of the narrative.
    pub unit: Option<Unit>,
    /// Every cell, read once (same shape as `raw.rows`).
    pub cells: Vec<Vec<Cell>>,
    /// Each row's code, where it has one.
    pub codes: Vec<Option<RowCode>>,
}

impl PublishedTable {
    /// The number at row `r`, column `c`.
    pub fn number(&self, r: usize, c: usize) -> Option<Decimal> {
        self.cells.get(r)?.get(c)?.number()
    }

    /// The name findings give the table: its title, else its place.
    pub fn name(&self) -> String {
        self.raw
            .title
            .clone()
            .unwrap_or_else(|| self.raw.place.clone())
    }
}

/// 数字: a figure of the narrative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figure {
    /// Its value as printed.
    #[serde(with = "crate::serde_decimal")]
    pub value: Decimal,
    /// Decimals printed.
    pub decimals: u32,
    /// What follows it: `万元`, `元`, `%`, or nothing known.
    pub unit: FigureUnit,
    /// Its first character's position in the sentence (in characters).
    pub at: usize,
}

/// The unit printed after a narrative figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureUnit {
    /// 万元.
    WanYuan,
    /// 元.
    Yuan,
    /// %.
    Percent,
    /// Anything else (a count, a year).
    Other,
}

/// 句: a sentence of the narrative (whitespace and cell separators removed), with its figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// The text.
    pub text: String,
    /// Its figures, in order.
    pub figures: Vec<Figure>,
}

/// 情况说明: the narrative text as printed and as sentences.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Narrative {
    /// The text as given (lines, page markers).
    #[serde(skip)]
    pub text: String,
    /// Its sentences.
    pub sentences: Vec<Sentence>,
}

impl Narrative {
    /// Reads a narrative text into sentences and figures.
    pub fn read(text: &str) -> Narrative {
        let flat: String = text
            .lines()
            .filter(|l| !l.starts_with("===== ["))
            .flat_map(|l| l.split(" | "))
            .flat_map(str::chars)
            .filter(|c| !c.is_whitespace())
            .collect();
        let sentences = flat
            .split(['。', '；', ';', '！', '？'])
            .filter(|s| !s.is_empty())
            .map(|s| Sentence {
                text: s.to_string(),
                figures: figures(s),
            })
            .collect();
        Narrative {
            text: text.to_string(),
            sentences,
        }
    }
}

/// The figures of a sentence: maximal runs of digits, separators and points, read by
/// [`read_number`], with the unit that follows.
fn figures(s: &str) -> Vec<Figure> {
    let chars: Vec<char> = s.chars().collect();
    let numeric =
        |c: Option<&char>| c.is_some_and(|c| c.is_ascii_digit() || matches!(c, '.' | ','));
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars.get(i).is_some_and(char::is_ascii_digit) || (i > 0 && numeric(chars.get(i - 1))) {
            i += 1;
            continue;
        }
        let mut end = i;
        while numeric(chars.get(end)) {
            end += 1;
        }
        let text: String = chars.get(i..end).unwrap_or(&[]).iter().collect();
        let text = text.trim_end_matches(['.', ',']);
        if let Some(value) = read_number(text) {
            let after: String = chars
                .get(end..(end + 2).min(chars.len()))
                .unwrap_or(&[])
                .iter()
                .collect();
            let unit = if after.starts_with("万元") {
                FigureUnit::WanYuan
            } else if after.starts_with('元') {
                FigureUnit::Yuan
            } else if after.starts_with('%') || after.starts_with('％') {
                FigureUnit::Percent
            } else {
                FigureUnit::Other
            };
            out.push(Figure {
                value,
                decimals: printed_decimals(text),
                unit,
                at: i,
            });
        }
        i = end.max(i + 1);
    }
    out
}

/// 绩效目标: a department's (部门整体) or a project's performance targets, read from the rows
/// of one or more consecutive target tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetBlock {
    /// Whether it is the department's whole-budget table (else a project's).
    pub whole: bool,
    /// The project's name, as printed.
    pub project: Option<String>,
    /// 资金总额 (or 年度预算总额, 合计), as printed, with its decimals.
    #[serde(serialize_with = "crate::serde_decimal::serialize_option")]
    pub funds: Option<Decimal>,
    /// Decimals of `funds`.
    pub funds_decimals: u32,
    /// 基本支出 and 项目支出 where the table prints them.
    #[serde(serialize_with = "crate::serde_decimal::serialize_option")]
    pub basic: Option<Decimal>,
    /// 项目支出 where the table prints it.
    #[serde(serialize_with = "crate::serde_decimal::serialize_option")]
    pub project_spending: Option<Decimal>,
    /// The unit of its amounts (万元 where the table says so).
    pub unit: Option<Unit>,
    /// Indicator weights (分值/权重), each cell as read.
    pub weights: Vec<Cell>,
    /// Whether 预算执行率 is scored apart (worth 10, `执行率分值（10分）`).
    pub execution_apart: bool,
    /// The tables it was read from.
    pub tables: Vec<String>,
}

/// 公开文档: the document read once.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct PublishedDocument {
    /// The narrative.
    pub narrative: Narrative,
    /// Every table, continued tables joined.
    pub tables: Vec<PublishedTable>,
    /// The performance targets.
    pub targets: Vec<TargetBlock>,
}

/// Why a document could not be read from a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadFailure {
    /// The file.
    pub path: PathBuf,
    /// Why.
    pub reason: String,
}

impl core::fmt::Display for ReadFailure {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

impl std::error::Error for ReadFailure {}

impl PublishedDocument {
    /// One text that holds both narrative and tables (the seed's Markdown, or one extracted
    /// file), read with the built-in templates and catalogue.
    pub fn from_text(text: &str) -> PublishedDocument {
        PublishedDocument::read_with(
            text,
            read_tables(text),
            Catalogue::builtin(),
            super::builtin_recogniser(),
        )
    }

    /// A text pair: the narrative (`.txt`) and the ruled tables (`.grid.txt`) of one document.
    /// A table whose unit its grid does not state takes the one stated on its page of the
    /// narrative.
    pub fn from_pair(narrative: &str, grid: &str) -> PublishedDocument {
        PublishedDocument::read_with(
            narrative,
            read_tables(grid),
            Catalogue::builtin(),
            super::builtin_recogniser(),
        )
    }

    /// Narrative text and page tables (`page N table K`, not joined over pages), as a PDF
    /// reader gives them: continued tables are joined ([`join_continued`]) and read.
    pub fn from_parts(narrative: &str, tables: Vec<RawTable>) -> PublishedDocument {
        PublishedDocument::read_with(
            narrative,
            join_continued(tables),
            Catalogue::builtin(),
            super::builtin_recogniser(),
        )
    }

    /// Reads a document from a file: the seed's Markdown (`.md`) or one extracted text; for
    /// `X.txt` or `X.grid.txt` the other of the pair is read too when it exists. PDFs are read
    /// by the `pdf` reader (see `examples/audit.rs`), not here.
    ///
    /// # Errors
    /// [`ReadFailure`] when a file cannot be read as UTF-8 text.
    pub fn from_path(path: &Path) -> Result<PublishedDocument, ReadFailure> {
        let read = |p: &Path| {
            std::fs::read_to_string(p).map_err(|e| ReadFailure {
                path: p.to_path_buf(),
                reason: e.to_string(),
            })
        };
        let (narrative, grid) = pair_of(path);
        match (narrative, grid) {
            (Some(n), Some(g)) => Ok(PublishedDocument::from_pair(&read(&n)?, &read(&g)?)),
            _ => Ok(PublishedDocument::from_text(&read(path)?)),
        }
    }

    /// Reads narrative and (unjoined or joined) tables with a catalogue edition and templates.
    pub fn read_with(
        narrative: &str,
        tables: Vec<RawTable>,
        catalogue: &Catalogue,
        recogniser: &Recogniser,
    ) -> PublishedDocument {
        let recognised = recogniser.recognise(&tables);
        let pages = page_units(narrative);
        let tables: Vec<PublishedTable> = tables
            .into_iter()
            .zip(recognised)
            .map(|(raw, recognition)| read_table(raw, recognition, catalogue, &pages))
            .collect();
        let targets = read_targets(&tables);
        PublishedDocument {
            narrative: Narrative::read(narrative),
            tables,
            targets,
        }
    }
}

/// The narrative (`.txt`) and grid (`.grid.txt`) files of a pair, when `path` is one of them
/// and the other exists.
pub fn pair_of(path: &Path) -> (Option<PathBuf>, Option<PathBuf>) {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let (stem, is_grid) = if let Some(s) = name.strip_suffix(".grid.txt") {
        (s, true)
    } else if let Some(s) = name.strip_suffix(".txt") {
        (s, false)
    } else {
        return (None, None);
    };
    let narrative = path.with_file_name(format!("{stem}.txt"));
    let grid = path.with_file_name(format!("{stem}.grid.txt"));
    if is_grid && narrative.is_file() {
        (Some(narrative), Some(path.to_path_buf()))
    } else if !is_grid && grid.is_file() {
        (Some(path.to_path_buf()), Some(grid))
    } else {
        (None, None)
    }
}

/// The one unit stated on each page of a narrative (`单位：万元`), page number → unit; pages
/// stating two units are left out.
fn page_units(text: &str) -> Vec<(u32, Unit)> {
    let mut out: Vec<(u32, Option<Unit>)> = Vec::new();
    let mut page: Option<u32> = None;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("===== [page ") {
            page = rest
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .and_then(|n| n.parse().ok());
            continue;
        }
        let (Some(p), Some(unit)) = (page, stated_unit(line)) else {
            continue;
        };
        match out.iter_mut().find(|(q, _)| *q == p) {
            Some((_, u)) if *u != Some(unit) => *u = None,
            Some(_) => {}
            None => out.push((p, Some(unit))),
        }
    }
    out.into_iter()
        .filter_map(|(p, u)| u.map(|u| (p, u)))
        .collect()
}

/// The unit a line states (`单位：万元`, `单位:元`, `（单位：万元）`, `金额单位：万元`).
pub(crate) fn stated_unit(line: &str) -> Option<Unit> {
    let flat = norm(line);
    let at = flat.find("单位")?;
    let rest = flat.get(at + "单位".len()..)?;
    let rest = rest.trim_start_matches([':', '：']);
    if rest.starts_with("万元") {
        Some(Unit::WanYuan)
    } else if rest.starts_with('元') {
        Some(Unit::Yuan)
    } else {
        None
    }
}

fn page_of(place: &str) -> Option<u32> {
    place
        .strip_prefix("page ")?
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

fn read_table(
    raw: RawTable,
    recognition: Recognition,
    catalogue: &Catalogue,
    pages: &[(u32, Unit)],
) -> PublishedTable {
    let unit = match recognition.template() {
        Some(t) => Some(t.unit),
        None => raw
            .unit
            .as_deref()
            .and_then(|u| {
                Unit::parse(u)
                    .ok()
                    .or_else(|| stated_unit(&format!("单位：{u}")))
            })
            .or_else(|| {
                let p = page_of(&raw.place)?;
                pages.iter().find(|(q, _)| *q == p).map(|(_, u)| *u)
            }),
    };
    let cells = raw
        .rows
        .iter()
        .map(|r| r.iter().map(|c| Cell::read(c)).collect())
        .collect();
    let structure = recognition.template().map(|t| t.structure);
    let codes = read_codes(&raw.rows, structure, catalogue);
    PublishedTable {
        raw,
        recognition,
        unit,
        cells,
        codes,
    }
}

/// Each row's code: printed (whole, split over 类/款/项, carried from the rows above), or — in
/// a tree that prints no code at all — found by name under the row's parent.
fn read_codes(
    rows: &[Vec<String>],
    structure: Option<BodyKind>,
    catalogue: &Catalogue,
) -> Vec<Option<RowCode>> {
    let start = body_start(rows);
    let mut ctx = CodeContext::default();
    let mut codes: Vec<Option<RowCode>> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            if i < start || is_column_numbers(r) {
                return None;
            }
            let (digits, after, repaired) = row_code_in(r, &mut ctx)?;
            let code = AnyCode::parse(&digits).ok();
            let label = r
                .iter()
                .skip(after.min(r.len()))
                .find(|c| !c.is_empty() && read_number(c).is_none())
                .cloned()
                .unwrap_or_default();
            Some(RowCode {
                code,
                digits,
                label,
                by_name: false,
                repaired,
            })
        })
        .collect();
    if codes.iter().all(Option::is_none) {
        match structure {
            Some(BodyKind::FunctionalTree) => {
                by_name::<FunctionalCode>(rows, start, catalogue, &mut codes)
            }
            Some(BodyKind::EconomicTree) => {
                by_name::<EconomicCode>(rows, start, catalogue, &mut codes)
            }
            _ => {}
        }
    }
    codes
}

/// Rows that print only a name, in a tree: each name is looked up as an 项 under the current
/// 款, else a 款 under the current 类, else a 类 — the way the printed tree nests.
fn by_name<C>(
    rows: &[Vec<String>],
    start: usize,
    catalogue: &Catalogue,
    codes: &mut [Option<RowCode>],
) where
    C: crate::classification::Code + Copy + Into<AnyCode> + core::fmt::Display,
{
    let mut class: Option<C> = None;
    let mut section: Option<C> = None;
    for (i, r) in rows.iter().enumerate().skip(start) {
        let Some(label) = r.iter().find(|c| !c.trim().is_empty()) else {
            continue;
        };
        if read_number(label).is_some() {
            continue;
        }
        let found = section
            .and_then(|s| catalogue.find_child(Some(s), label))
            .map(|n| (n.code, 2))
            .or_else(|| {
                class
                    .and_then(|c| catalogue.find_child(Some(c), label))
                    .map(|n| (n.code, 1))
            })
            .or_else(|| catalogue.find_child::<C>(None, label).map(|n| (n.code, 0)));
        let Some((code, level)) = found else { continue };
        match level {
            0 => {
                class = Some(code);
                section = None;
            }
            1 => section = Some(code),
            _ => {}
        }
        if let Some(slot) = codes.get_mut(i) {
            *slot = Some(RowCode {
                code: Some(code.into()),
                digits: code.to_string(),
                label: label.clone(),
                by_name: true,
                repaired: false,
            });
        }
    }
}

/// Whether a row starts a target block: a 项目名称 row (a project's), or the department's
/// (部门名称, 部门（单位）名称, 年度绩效目标 of a 部门整体 table).
fn block_start(r: &[String]) -> Option<bool> {
    let first = r.iter().map(|c| norm(c)).find(|c| !c.is_empty())?;
    if first.starts_with("项目名称") && r.iter().filter(|c| !c.trim().is_empty()).count() >= 2 {
        Some(false)
    } else if first.starts_with("部门名称") || first.starts_with("部门（单位）名称") {
        Some(true)
    } else {
        None
    }
}

/// Whether a table holds performance targets: a weight column, or a target block's head.
fn is_target_table(t: &PublishedTable) -> bool {
    t.raw.rows.iter().any(|r| {
        block_start(r).is_some()
            || r.iter().any(|c| {
                let c = norm(c);
                c.contains("权重") || c.contains("资金总额")
            })
    })
}

/// The performance targets of a document: blocks opened by a 项目名称 / 部门名称 row, running
/// over consecutive target tables until the next block or a table of another kind.
fn read_targets(tables: &[PublishedTable]) -> Vec<TargetBlock> {
    let mut blocks: Vec<TargetBlock> = Vec::new();
    let mut open = false;
    for t in tables {
        if !is_target_table(t) {
            open = false;
            continue;
        }
        let mut weight_col: Option<usize> = None;
        for (i, r) in t.raw.rows.iter().enumerate() {
            if let Some(whole) = block_start(r) {
                // a project's funds table printed again after its indicators (Xian) opens no
                // second block for the same project
                let project = (!whole).then(|| block_name(r)).flatten();
                let same = open
                    && blocks
                        .last()
                        .is_some_and(|b| b.project.is_some() && b.project == project);
                if !same {
                    blocks.push(TargetBlock {
                        whole,
                        project,
                        funds: None,
                        funds_decimals: 0,
                        basic: None,
                        project_spending: None,
                        unit: None,
                        weights: Vec::new(),
                        execution_apart: false,
                        tables: Vec::new(),
                    });
                }
                open = true;
            }
            let weighted = r.iter().any(|c| norm(c).contains("权重"));
            if weighted && !open {
                // indicators without a 项目名称 / 部门名称 row before them: a block of its own
                blocks.push(TargetBlock {
                    whole: false,
                    project: None,
                    funds: None,
                    funds_decimals: 0,
                    basic: None,
                    project_spending: None,
                    unit: None,
                    weights: Vec::new(),
                    execution_apart: false,
                    tables: Vec::new(),
                });
                open = true;
            }
            let Some(block) = blocks.last_mut().filter(|_| open) else {
                continue;
            };
            if block.tables.last() != Some(&t.name()) {
                block.tables.push(t.name());
            }
            read_target_row(t, i, r, block, &mut weight_col);
        }
    }
    blocks
}

/// The printed name on a 项目名称 row: the first other non-empty cell.
fn block_name(r: &[String]) -> Option<String> {
    r.iter().map(|c| norm(c)).filter(|c| !c.is_empty()).nth(1)
}

/// The first number right of column `from` on row `i`.
fn number_after(t: &PublishedTable, i: usize, from: usize) -> Option<(Decimal, u32)> {
    t.cells
        .get(i)?
        .iter()
        .skip(from + 1)
        .find_map(|c| match c.value {
            CellValue::Number { value, decimals } => Some((value, decimals)),
            _ => None,
        })
}

fn read_target_row(
    t: &PublishedTable,
    i: usize,
    r: &[String],
    block: &mut TargetBlock,
    weight_col: &mut Option<usize>,
) {
    let labels: Vec<String> = r.iter().map(|c| norm(c)).collect();
    let text = labels.concat();
    if text.contains("万元") && block.unit.is_none() {
        block.unit = Some(Unit::WanYuan);
    } else if (text.contains("（元）") || text.contains("(元)")) && block.unit.is_none() {
        block.unit = Some(Unit::Yuan);
    }
    if text.contains("执行率") && (text.contains("10分") || text.contains("（10")) {
        block.execution_apart = true;
    }
    if let Some(c) = labels
        .iter()
        .position(|c| c.contains("权重") || (c.contains("分值") && !c.contains("执行率")))
    {
        *weight_col = Some(c);
        return;
    }
    for (k, l) in labels.iter().enumerate() {
        let total = l.contains("资金总额") || l.contains("预算总额") || l.starts_with("合计");
        if total && block.funds.is_none() {
            if let Some((v, d)) = number_after(t, i, k) {
                block.funds = Some(v);
                block.funds_decimals = d;
            }
        }
        if l == "基本支出" && block.basic.is_none() {
            block.basic = number_after(t, i, k).map(|(v, _)| v);
        }
        if l == "项目支出" && block.project_spending.is_none() {
            block.project_spending = number_after(t, i, k).map(|(v, _)| v);
        }
    }
    if let Some(c) = *weight_col {
        if let Some(cell) = t.cells.get(i).and_then(|row| row.get(c)) {
            if !matches!(cell.value, CellValue::Blank | CellValue::Text) {
                block.weights.push(cell.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_read_once_by_amounts_parser() {
        let v = |s: &str| Cell::read(s).value;
        assert_eq!(
            v("1,234.50"),
            CellValue::Number {
                value: Decimal::new(123_450, 2),
                decimals: 2
            }
        );
        assert_eq!(
            v("-19,000.00"),
            CellValue::Number {
                value: Decimal::new(-1_900_000, 2),
                decimals: 2
            }
        );
        assert_eq!(
            v("１２３"),
            CellValue::Number {
                value: Decimal::from(123),
                decimals: 0
            }
        );
        assert_eq!(v(""), CellValue::Blank);
        assert_eq!(v("—"), CellValue::Nil);
        assert_eq!(v("合计"), CellValue::Text);
        // two numbers merged into one cell, a misplaced separator, 28 decimals: unreadable
        assert_eq!(v("12 20"), CellValue::Unreadable);
        assert_eq!(v("1,23"), CellValue::Unreadable);
        assert_eq!(v(&format!("0.{}", "1".repeat(28))), CellValue::Unreadable);
    }

    #[test]
    fn a_units_line_is_read_in_its_printed_forms() {
        for (line, unit) in [
            ("单位：万元", Some(Unit::WanYuan)),
            ("单位:元", Some(Unit::Yuan)),
            ("（单位：万元）", Some(Unit::WanYuan)),
            ("金额单位：万元", Some(Unit::WanYuan)),
            ("编制单位：上海市普陀区", None),
        ] {
            assert_eq!(stated_unit(line), unit, "{line}");
        }
    }

    #[test]
    fn figures_carry_their_units() {
        let n = Narrative::read("支出预算 1,234.5 万元，占 12.5%，共 3 人。");
        let f = &n.sentences[0].figures;
        assert_eq!(f.len(), 3);
        assert_eq!(f[0].unit, FigureUnit::WanYuan);
        assert_eq!(f[0].value, Decimal::new(12_345, 1));
        assert_eq!(f[1].unit, FigureUnit::Percent);
        assert_eq!(f[2].unit, FigureUnit::Other);
    }
}
