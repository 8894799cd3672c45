//! 表格识别: which table of which template a table read from a document is.
//!
//! Every table the auditor reads is compared with every table of the templates it knows (the
//! built-ins, [`Template::builtins`], or the caller's): the header rows cell by cell at the same
//! positions, the title where the text gives one, the width, and the row structure (a table of
//! functional codes is no economic tree, a two-sided summary has no code rows). The best match
//! above [`THRESHOLD`] wins; when two templates tie, the one that matches more tables of the
//! same document wins. A table that no template knows is kept as [`Recognition::Generic`] and
//! is checked by its header text alone. Nothing here depends on a template's name: adding a
//! template is adding a file.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use toml::Spanned;

use super::document::read_number;
use super::read::RawTable;
use crate::amount::Unit;
use crate::disclosure::{Body, BodyKind, ClassList, Filter, RowSpec, TableSpec, Template};

/// Share of header cells (and title) that must agree, in per mille: 800 = 80 %.
pub const THRESHOLD: u32 = 800;

/// 表格识别结果: what the auditor recognised a table as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Recognition {
    /// 模板表: a table of a known template, with what each of its columns means.
    Template(Box<TemplateTable>),
    /// 通用表: no template's table; checked by what its header text says.
    Generic,
}

impl Recognition {
    /// The template table, when one was recognised.
    pub fn template(&self) -> Option<&TemplateTable> {
        match self {
            Recognition::Template(t) => Some(t),
            Recognition::Generic => None,
        }
    }

    /// A short label: `template name / table id`, or `generic`.
    pub fn describe(&self) -> String {
        match self {
            Recognition::Template(t) => format!("{} / {} (表{})", t.template, t.id, t.number),
            Recognition::Generic => "generic".to_string(),
        }
    }
}

/// 模板表: the template table a read table matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TemplateTable {
    /// The template's name ([`Template::name`]).
    pub template: String,
    /// The table's id in its template (empty when the template gives none).
    pub id: String,
    /// Its number in the template (表 N).
    pub number: u32,
    /// Its title in the template.
    pub title: String,
    /// 表体结构: the row structure.
    pub structure: BodyKind,
    /// 口径: the budget lines the table covers.
    pub lines: Filter,
    /// 单位 of its amounts, from the template.
    pub unit: Unit,
    /// The money columns, by position in the printed table.
    pub columns: Vec<ColumnMeaning>,
    /// Fixed rows (a two-sided table's left side, a matrix's rows), as the template defines them.
    pub rows: Vec<RowMeaning>,
    /// The label of the total row, when the template prints one.
    pub total_label: Option<String>,
    /// A two-sided table's right label on the total row (`支出总计`).
    pub right_label: Option<String>,
    /// The labels of the fixed rows the total row adds up (a two-sided table's left side).
    pub total_of_rows: Vec<String>,
    /// The same rows by position among [`TemplateTable::rows`].
    pub total_of_rows_at: Vec<usize>,
    /// A two-sided table's fixed right rows (every block's, in order), as the template defines
    /// them; rows that stand for the 类 are not among them.
    pub right_rows: Vec<RowMeaning>,
    /// What a two-sided table's right total adds up (`total.right_of`, the 类 when left out).
    pub right_total_of: Vec<RightPart>,
    /// Whether a department row heads the body (a per-project or per-carry-over list, a
    /// project list): it adds up the rows below it.
    pub department_row: bool,
    /// The note an empty table must carry (空表说明), with its placeholders.
    pub empty_note: Option<String>,
    /// Header cells (and the title) that agreed with the template, and how many were compared.
    pub agreement: (u32, u32),
}

/// 列含义: what one printed money column means as a budget dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnMeaning {
    /// 0-based position in the printed table.
    pub position: usize,
    /// The column's id in the template.
    pub id: Option<String>,
    /// The header label over it (the deepest one the template prints).
    pub header: String,
    /// What it adds up.
    pub meaning: Meaning,
}

/// A part of a two-sided table's right total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RightPart {
    /// A fixed right row, by label.
    Row {
        /// The printed label.
        label: String,
    },
    /// The 类 rows a `classes` row stands for.
    Classes {
        /// How the 类 are listed (a `tree` prints 款 and 项 among them).
        list: ClassList,
        /// The label of a fixed right row that adds up exactly these 类 (`本年支出合计`), when
        /// the template prints one.
        via: Option<String>,
    },
}

/// What a money column adds up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Meaning {
    /// The budget lines within a filter (within the table's own).
    Lines(Filter),
    /// The sum of other columns of the same row, by position.
    TotalOf(Vec<usize>),
    /// A two-sided table's left amounts: each row's own lines ([`RowMeaning`]).
    RowAmounts,
    /// An empty column.
    Blank,
    /// A prior-year figure, or the change or rate between two columns: not a sum of lines.
    YearOnYear,
}

/// A fixed row of a template table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowMeaning {
    /// The printed label.
    pub label: String,
    /// The lines the row adds up (within the table's), when it is a leaf.
    pub lines: Option<Filter>,
    /// The labels of the rows it totals, when it totals others.
    pub total_of: Vec<String>,
    /// The same rows by position among the table's fixed rows (labels may repeat: 一般公共预算
    /// under 本年收入 and again under 上年结转).
    pub total_of_at: Vec<usize>,
    /// Whether the template leaves the row out when it is zero.
    pub only_if_nonzero: bool,
}

/// A template table a read table may be: its index, its score in per mille, and (cells
/// agreed, cells compared).
type Candidate = (usize, u32, (u32, u32));

/// The templates prepared for recognition: each table's header normalised once.
#[derive(Debug)]
pub struct Recogniser {
    tables: Vec<Known>,
}

#[derive(Debug)]
struct Known {
    template: usize,
    title: String,
    header: Vec<Vec<String>>,
    width: usize,
    /// The labels of the fixed rows a table prints in its first column (normalised), and
    /// whether the template leaves the row out when it is zero.
    row_labels: Vec<(String, bool)>,
    table: TemplateTable,
}

/// Text without whitespace (wrapped cells, extraction spaces) and without `<b>` markup.
pub(crate) fn norm(s: &str) -> String {
    if s.contains('<') {
        s.replace("<b>", "")
            .replace("</b>", "")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    } else {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }
}

/// A header cell as compared: normalised, without a leading year (`2026年“三公”经费预算数`
/// prints the year the template leaves out).
fn header_cell(s: &str) -> String {
    let n = norm(s);
    let digits = n.chars().take_while(char::is_ascii_digit).count();
    match n.get(digits..) {
        Some(rest) if digits == 4 && rest.starts_with('年') && rest.len() > '年'.len_utf8() => {
            rest.get('年'.len_utf8()..).unwrap_or(rest).to_string()
        }
        _ => n,
    }
}

/// A template's header cell as compared: a year it fills in (`{year}年基本支出`,
/// `{prior_year}年执行数`) is left out, as it is of the printed cell.
fn template_header_cell(s: &str) -> String {
    header_cell(&s.replace("{prior_year}", "0000").replace("{year}", "0000"))
}

/// The part of a template's title every printing of it ends with: the text after its last
/// placeholder (`{year}年市级部门项目支出绩效表` prints `2026年市级部门项目支出绩效表`).
fn title_tail(title: &str) -> String {
    let n = norm(title);
    match n.rfind('}') {
        Some(at) => n.get(at + 1..).unwrap_or_default().to_string(),
        None => n,
    }
}

impl Recogniser {
    /// Prepares `templates` for recognition.
    pub fn new(templates: &[Template]) -> Recogniser {
        let mut tables = Vec::new();
        for (t, template) in templates.iter().enumerate() {
            for (i, spec) in template.tables.iter().enumerate() {
                let header = spec.header.get_ref();
                let width = header.iter().map(Vec::len).max().unwrap_or(0);
                tables.push(Known {
                    template: t,
                    title: title_tail(&spec.title),
                    header: header
                        .iter()
                        .map(|r| r.iter().map(|c| template_header_cell(c)).collect())
                        .collect(),
                    width,
                    row_labels: printed_row_labels(spec),
                    table: describe(template, spec, i, width),
                });
            }
        }
        Recogniser { tables }
    }

    /// Recognises every table of a document; one result per table, in order.
    pub fn recognise(&self, tables: &[RawTable]) -> Vec<Recognition> {
        let candidates: Vec<Vec<Candidate>> = tables.iter().map(|t| self.candidates(t)).collect();
        // The templates the document's tables match best, counted per template.
        let mut votes: HashMap<usize, usize> = HashMap::new();
        for c in &candidates {
            let best = c.iter().map(|(_, s, _)| *s).max().unwrap_or(0);
            let mut seen: Vec<usize> = Vec::new();
            for (k, s, _) in c {
                let t = self.tables.get(*k).map_or(usize::MAX, |k| k.template);
                if *s == best && !seen.contains(&t) {
                    seen.push(t);
                    *votes.entry(t).or_insert(0) += 1;
                }
            }
        }
        candidates
            .iter()
            .map(|c| {
                let template_of = |k: usize| self.tables.get(k).map_or(usize::MAX, |k| k.template);
                let best = c.iter().max_by_key(|(k, s, _)| {
                    // best score, then the document's template, then the first listed
                    let t = template_of(*k);
                    (*s, votes.get(&t).copied().unwrap_or(0), usize::MAX - k)
                });
                // Two tables of one template that fit equally well: the auditor cannot tell
                // which it is.
                let ambiguous = best.is_some_and(|(k, s, _)| {
                    c.iter().any(|(k2, s2, _)| {
                        k2 != k && s2 == s && template_of(*k2) == template_of(*k)
                    })
                });
                best.filter(|_| !ambiguous)
                    .and_then(|(k, _, agreement)| {
                        self.tables.get(*k).map(|known| {
                            Recognition::Template(Box::new(TemplateTable {
                                agreement: *agreement,
                                ..known.table.clone()
                            }))
                        })
                    })
                    .unwrap_or(Recognition::Generic)
            })
            .collect()
    }

    /// How well `table` agrees with each template table it could be (same width and row
    /// structure): (template name, table id, cells agreed, cells compared), best first. What
    /// [`Recogniser::recognise`] decides on, for a caller who asks why a table was (not)
    /// recognised.
    pub fn agreements(&self, table: &RawTable) -> Vec<(String, String, u32, u32)> {
        let mut all: Vec<(String, String, u32, u32)> = self
            .scored(table)
            .into_iter()
            .filter_map(|(i, _, (a, t))| {
                self.tables
                    .get(i)
                    .map(|k| (k.table.template.clone(), k.table.id.clone(), a, t))
            })
            .collect();
        all.sort_by_key(|(_, _, a, t)| {
            core::cmp::Reverse(u64::from(*a) * 1000 / u64::from((*t).max(1)))
        });
        all
    }

    /// The template tables `table` may be: (index, score in per mille, (agreed, compared)).
    fn candidates(&self, table: &RawTable) -> Vec<Candidate> {
        self.scored(table)
            .into_iter()
            .filter(|(_, score, _)| *score >= THRESHOLD)
            .collect()
    }

    /// Every template table of the same width and a fitting row structure, scored.
    fn scored(&self, table: &RawTable) -> Vec<Candidate> {
        let rows = &table.rows;
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        let body_start = body_start(rows);
        let profile = CodeProfile::of(rows.get(body_start..).unwrap_or(&[]));
        let title = table.title.as_deref().map(norm);
        // the labels of the first column, and of a two-sided table's right side
        let firsts: HashSet<String> = rows
            .iter()
            .flat_map(|r| r.first().into_iter().chain(r.get(2)))
            .map(|c| norm(c))
            .filter(|c| !c.is_empty())
            .collect();
        self.tables
            .iter()
            .enumerate()
            .filter(|(_, k)| k.width == width && profile.fits(k.table.structure))
            .filter_map(|(i, k)| {
                let (agree, total) = k.agreement(rows, body_start, title.as_deref())?;
                let (rows_agree, rows_total) = k.rows_agreement(&firsts);
                let (agree, total) = (agree + rows_agree, total + rows_total);
                let score =
                    u32::try_from(u64::from(agree) * 1000 / u64::from(total.max(1))).unwrap_or(0);
                Some((i, score, (agree, total)))
            })
            .collect()
    }
}

impl Known {
    /// Header cells (and the title, worth two cells) that agree with this table's, at the best
    /// of up to three starting rows (a grid may carry a unit or title row above its header).
    fn agreement(
        &self,
        rows: &[Vec<String>],
        body_start: usize,
        title: Option<&str>,
    ) -> Option<(u32, u32)> {
        let h = self.header.len();
        (0..3)
            .filter(|o| o + h <= body_start)
            .map(|o| {
                let (mut agree, mut total) = (0u32, 0u32);
                for (t_row, r_row) in self.header.iter().zip(rows.iter().skip(o)) {
                    for (j, t) in t_row.iter().enumerate() {
                        let r = header_cell(r_row.get(j).map_or("", String::as_str));
                        if t.is_empty() && r.is_empty() {
                            continue;
                        }
                        total += 1;
                        agree += u32::from(*t == r);
                    }
                }
                if let Some(title) = title {
                    total += 2;
                    if !self.title.is_empty() && title.ends_with(self.title.as_str()) {
                        agree += 2;
                    }
                }
                (agree, total)
            })
            .filter(|(_, total)| *total > 0)
            .max_by_key(|(agree, total)| u64::from(*agree) * 1000 / u64::from(*total))
    }
}

impl Known {
    /// Fixed rows of the template found among the first cells of the read table's rows (a
    /// row the template leaves out when zero counts only when found).
    fn rows_agreement(&self, firsts: &HashSet<String>) -> (u32, u32) {
        let (mut agree, mut total) = (0u32, 0u32);
        for (label, optional) in &self.row_labels {
            let found = firsts.contains(label);
            if found || !optional {
                total += 1;
                agree += u32::from(found);
            }
        }
        (agree, total)
    }
}

/// The fixed-row labels a table prints in its first column (and, for a two-sided table, its
/// third, the right side's): a two-sided table's left and fixed right rows, a labelled
/// matrix's rows.
fn printed_row_labels(spec: &TableSpec) -> Vec<(String, bool)> {
    let body = &spec.body;
    let labelled = match body.kind {
        BodyKind::TwoSided => true,
        BodyKind::Matrix => body.label_column,
        _ => false,
    };
    if !labelled {
        return Vec::new();
    }
    left_rows(body)
        .into_iter()
        .chain(right_fixed(body))
        .map(|r| (norm(&r.label), r.only_if_nonzero))
        .filter(|(l, _)| !l.is_empty())
        .collect()
}

/// What kinds of codes a table's body rows start with.
struct CodeProfile {
    functional: usize,
    economic: usize,
}

impl CodeProfile {
    fn of(body: &[Vec<String>]) -> CodeProfile {
        let mut p = CodeProfile {
            functional: 0,
            economic: 0,
        };
        for r in body {
            if let Some((code, _)) = super::codes::row_code(r) {
                if code.starts_with('2') {
                    p.functional += 1;
                } else if code.starts_with('3') || code.starts_with('5') {
                    p.economic += 1;
                }
            }
        }
        p
    }

    /// Whether rows like these can be a table of this structure.
    fn fits(&self, structure: BodyKind) -> bool {
        match structure {
            BodyKind::FunctionalTree | BodyKind::ProjectList => self.economic == 0,
            BodyKind::EconomicTree => self.functional == 0,
            BodyKind::TwoSided
            | BodyKind::Matrix
            | BodyKind::PerProject
            | BodyKind::PerCarryOver => self.functional == 0 && self.economic == 0,
            _ => true,
        }
    }
}

/// A 栏次 row: `**` or `栏次` in a cell, or the cells 1, 2, 3 … (a grid repeats it on every page
/// a table continues on).
pub(crate) fn is_column_numbers(r: &[String]) -> bool {
    let filled: Vec<&String> = r.iter().filter(|c| !c.is_empty()).collect();
    filled
        .iter()
        .any(|c| c.as_str() == "**" || c.as_str() == "栏次")
        || (filled.len() >= 3
            && filled
                .iter()
                .enumerate()
                .all(|(k, c)| c.as_str() == (k + 1).to_string()))
}

/// The first body row: the first with a code or a number that is not a 栏次 row (1, 2, 3 … or
/// `**`).
pub(crate) fn body_start(rows: &[Vec<String>]) -> usize {
    rows.iter()
        .position(|r| {
            !is_column_numbers(r)
                && (super::codes::row_code(r).is_some()
                    || r.iter().any(|c| read_number(c).is_some()))
        })
        .unwrap_or(rows.len())
}

/// The template table as the auditor reports it: ids, structure, columns by position.
fn describe(template: &Template, spec: &TableSpec, index: usize, width: usize) -> TemplateTable {
    let body = &spec.body;
    let two_sided = body.kind == BodyKind::TwoSided;
    let first = if two_sided {
        3
    } else {
        width.saturating_sub(body.columns.len())
    };
    let ids: HashMap<&str, usize> = body
        .columns
        .iter()
        .enumerate()
        .filter_map(|(k, c)| c.id.as_deref().map(|id| (id, first + k)))
        .collect();
    let header = spec.header.get_ref();
    let label = |pos: usize| {
        header
            .iter()
            .rev()
            .map(|r| norm(r.get(pos).map_or("", String::as_str)))
            .find(|c| !c.is_empty())
            .unwrap_or_default()
    };
    let mut columns: Vec<ColumnMeaning> = Vec::new();
    if two_sided {
        columns.push(ColumnMeaning {
            position: 1,
            id: None,
            header: label(1),
            meaning: Meaning::RowAmounts,
        });
    }
    for (k, c) in body.columns.iter().enumerate() {
        let derived = c.prior.is_some() || c.change_of.is_some() || c.rate_of.is_some();
        let meaning = match (&c.total_of, &c.lines) {
            _ if derived => Meaning::YearOnYear,
            _ if c.detail.is_some() => Meaning::Blank,
            (Some(of), _) => Meaning::TotalOf(
                of.iter()
                    .filter_map(|id| ids.get(id.get_ref().as_str()).copied())
                    .collect(),
            ),
            (None, Some(f)) => Meaning::Lines(f.clone()),
            (None, None) if c.blank => Meaning::Blank,
            (None, None) => Meaning::Lines(Filter::default()),
        };
        columns.push(ColumnMeaning {
            position: first + k,
            id: c.id.clone(),
            header: label(first + k),
            meaning,
        });
    }
    TemplateTable {
        template: template.name.clone(),
        id: spec.id.clone().unwrap_or_default(),
        number: spec
            .number
            .unwrap_or_else(|| u32::try_from(index + 1).unwrap_or(u32::MAX)),
        title: spec.title.clone(),
        structure: body.kind,
        lines: body.lines.clone(),
        unit: spec.format(template.format).unit,
        columns,
        rows: fixed_rows(&left_rows(body)),
        total_label: body.total.as_ref().map(|t| t.label.clone()),
        right_label: body.total.as_ref().and_then(|t| t.right_label.clone()),
        total_of_rows: body
            .total
            .as_ref()
            .map(|t| labels_of(&left_rows(body), &t.of))
            .unwrap_or_default(),
        total_of_rows_at: body
            .total
            .as_ref()
            .map(|t| positions_of(&left_rows(body), &t.of))
            .unwrap_or_default(),
        right_rows: fixed_rows(&right_fixed(body)),
        right_total_of: right_total_of(body),
        department_row: body.department_row,
        empty_note: spec.empty_note.as_ref().map(|n| n.get_ref().clone()),
        agreement: (0, 0),
    }
}

/// The rows a table prints in its first column: a two-sided table's left rows (every block's,
/// in order), else its `rows`.
fn left_rows(body: &Body) -> Vec<RowSpec> {
    if body.kind == BodyKind::TwoSided {
        body.blocks.iter().flat_map(|b| b.left.clone()).collect()
    } else {
        body.rows.clone()
    }
}

/// A two-sided table's fixed right rows (not those that stand for the 类).
fn right_fixed(body: &Body) -> Vec<RowSpec> {
    body.blocks
        .iter()
        .flat_map(|b| b.right.iter().filter(|r| r.classes.is_none()).cloned())
        .collect()
}

/// What a two-sided table's right total adds up: the right rows `total.right_of` names (a
/// fixed row, or the 类 of a `classes` row), every `classes` row when it names none.
fn right_total_of(body: &Body) -> Vec<RightPart> {
    if body.kind != BodyKind::TwoSided {
        return Vec::new();
    }
    let right: Vec<&RowSpec> = body.blocks.iter().flat_map(|b| &b.right).collect();
    let fixed = right_fixed(body);
    let part = |r: &RowSpec| match (r.classes, r.id.as_deref()) {
        (Some(list), id) => {
            let via = id.and_then(|id| {
                fixed
                    .iter()
                    .find(|f| {
                        f.total_of
                            .as_deref()
                            .is_some_and(|of| of.len() == 1 && of.iter().all(|o| o.get_ref() == id))
                    })
                    .map(|f| f.label.clone())
            });
            RightPart::Classes { list, via }
        }
        (None, _) => RightPart::Row {
            label: r.label.clone(),
        },
    };
    let named = body
        .total
        .as_ref()
        .map_or(&[][..], |t| t.right_of.as_slice());
    if named.is_empty() {
        return right
            .iter()
            .filter(|r| r.classes.is_some())
            .map(|r| part(r))
            .collect();
    }
    named
        .iter()
        .filter_map(|id| {
            right
                .iter()
                .find(|r| r.id.as_deref() == Some(id.get_ref().as_str()))
                .map(|r| part(r))
        })
        .collect()
}

/// The labels of the fixed rows `ids` name.
fn labels_of(rows: &[RowSpec], ids: &[Spanned<String>]) -> Vec<String> {
    ids.iter()
        .filter_map(|id| {
            rows.iter()
                .find(|r| r.id.as_deref() == Some(id.get_ref().as_str()))
                .map(|r| r.label.clone())
        })
        .collect()
}

/// The positions of the fixed rows `ids` name.
fn positions_of(rows: &[RowSpec], ids: &[Spanned<String>]) -> Vec<usize> {
    ids.iter()
        .filter_map(|id| {
            rows.iter()
                .position(|r| r.id.as_deref() == Some(id.get_ref().as_str()))
        })
        .collect()
}

/// A template's fixed rows with `total_of` ids turned into the labels they name.
fn fixed_rows(rows: &[RowSpec]) -> Vec<RowMeaning> {
    rows.iter()
        .map(|r| RowMeaning {
            label: r.label.clone(),
            lines: r.lines.clone(),
            total_of: r
                .total_of
                .as_deref()
                .map(|of| labels_of(rows, of))
                .unwrap_or_default(),
            total_of_at: r
                .total_of
                .as_deref()
                .map(|of| positions_of(rows, of))
                .unwrap_or_default(),
            only_if_nonzero: r.only_if_nonzero,
        })
        .collect()
}
