//! 审核: audit a published disclosure — read its tables, check every identity, report each
//! inconsistency located and quantified.
//!
//! [`audit`] reads the tables of a document (the seed's tab-separated layout or the ` | ` grids
//! of PDF extractions, see [`read`]), recognises each table against the tables of the
//! disclosure templates ([`recognise`]: the built-in ones, or the caller's with
//! [`audit_with_templates`]), recognises rows with classification codes, subtotal and total
//! rows and the money columns, and runs the rules of the registry ([`rules`]). A table recognised as a
//! template's table ([`Recognition::Template`]) is checked by what the template says its
//! columns and rows mean (a column that totals others, a row that totals others, a column of
//! 基本支出 lines, a two-sided summary); a table no template knows ([`Recognition::Generic`])
//! is kept and checked by what its header text says. [`Report::tables`] tells which is which. Each [`Finding`] names the
//! rule, its severity, the table, row and column, the stated and computed values and their
//! difference. A difference within the rounding tolerance of the printed precision (half a unit
//! of the last printed digit for each rounded cell involved) is an info-level 尾差, not an error.
//! What the auditor cannot read it reports as such; it never guesses a number.
//!
//! ```
//! use yusuan::audit::{audit, Severity};
//! use yusuan::Catalogue;
//! let text = "## 支出表\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
//!             201\t一般公共服务支出\t10.00\t6.00\t4.00\n\
//!             20101\t人大事务\t9.00\t6.00\t3.00\n\
//!             2010101\t行政运行\t9.00\t6.00\t3.00\n\
//!             合计\t\t10.00\t6.00\t4.00\n";
//! let report = audit(text, Catalogue::builtin());
//! let errors: Vec<_> = report.findings.iter().filter(|f| f.severity == Severity::Error).collect();
//! // 201 prints 10.00 and 4.00 over a 款 of 9.00 and 3.00: two errors, in 合计 and 项目支出
//! assert_eq!(errors.len(), 2);
//! assert_eq!(errors[0].row.as_deref(), Some("201 一般公共服务支出"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod codes;
pub mod document;
mod link;
mod narrative;
mod performance;
pub mod read;
pub mod recognise;
mod rules;
mod table;

use core::fmt;

use rust_decimal::Decimal;
use serde::Serialize;

use std::sync::OnceLock;

pub use document::PublishedDocument;
use document::read_number;
pub use recognise::{ColumnMeaning, Meaning, Recogniser, Recognition, RowMeaning, TemplateTable};
use table::audit_table;

use crate::amount::Unit;
use crate::classification::Catalogue;
use crate::disclosure::Template;

/// 严重程度.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// 错误: an identity that does not hold beyond rounding.
    Error,
    /// 警告: something the auditor could not read or check as expected.
    Warning,
    /// 提示: a rounding tail (尾差) within the printed precision, or a note that does not say
    /// the document is wrong (a cell that cannot be read, comparisons on mixed bases).
    Info,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        })
    }
}

/// 规则范围: where a rule looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// 表内: within one table.
    Table,
    /// 表间: across the tables of a document.
    AcrossTables,
    /// 说明内: the narrative against itself.
    Narrative,
    /// 说明与表: the narrative against the tables.
    NarrativeVsTables,
    /// 绩效与预算: the performance targets against themselves and the budget tables.
    PerformanceVsBudget,
}

/// A rule of the registry: what it checks, how severe its findings are at most, and when it
/// applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    /// Stable id (the `rule` of its findings).
    pub id: &'static str,
    /// The most severe finding it reports (a rounding tail of an identity is info).
    pub severity: Severity,
    /// Where it looks.
    pub scope: Scope,
    /// When it applies.
    pub applies_when: &'static str,
    /// What it checks.
    pub description: &'static str,
}

/// A rule and the one function that checks it (`None`: its findings are reported by the
/// check its `applies_when` names).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule<F> {
    pub(crate) info: RuleInfo,
    pub(crate) check: Option<F>,
}

/// Every rule the auditor runs, scope by scope.
pub fn rules() -> impl Iterator<Item = &'static RuleInfo> {
    table::TABLE_RULES.iter().map(|r| &r.info).chain(
        rules::DOCUMENT_RULES_BY_SCOPE
            .iter()
            .flat_map(|rules| rules.iter().map(|r| &r.info)),
    )
}

/// 审核发现: one inconsistency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule id.
    pub rule: &'static str,
    /// 严重程度.
    pub severity: Severity,
    /// The table(s) involved.
    pub tables: Vec<String>,
    /// The row, as printed (code and name, or label).
    pub row: Option<String>,
    /// The column, as printed in the header.
    pub column: Option<String>,
    /// The printed value.
    #[serde(serialize_with = "crate::serde_decimal::serialize_option")]
    pub stated: Option<Decimal>,
    /// What the parts add up to.
    #[serde(serialize_with = "crate::serde_decimal::serialize_option")]
    pub computed: Option<Decimal>,
    /// stated − computed.
    #[serde(serialize_with = "crate::serde_decimal::serialize_option")]
    pub difference: Option<Decimal>,
    /// 说明 (Chinese).
    pub message: String,
    /// The same in English.
    pub message_en: String,
}

impl Finding {
    /// A finding without numbers, about one table: something that could not be read or checked
    /// as expected.
    fn note(
        rule: &'static str,
        severity: Severity,
        table: &str,
        (row, column): (Option<String>, Option<String>),
        message: String,
        message_en: String,
    ) -> Finding {
        Finding {
            rule,
            severity,
            tables: vec![table.to_string()],
            row,
            column,
            stated: None,
            computed: None,
            difference: None,
            message,
            message_en,
        }
    }

    /// The finding in one line, in Chinese (`en = false`) or English.
    pub fn render(&self, en: bool) -> String {
        let place = [
            Some(self.tables.join(" / ")),
            self.row.clone(),
            self.column.clone(),
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(if en { ", " } else { "，" });
        let sev = if en {
            match self.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "info",
            }
        } else {
            match self.severity {
                Severity::Error => "错误",
                Severity::Warning => "警告",
                Severity::Info => "提示",
            }
        };
        let msg = if en { &self.message_en } else { &self.message };
        format!("[{sev}] {} {place}: {msg}", self.rule)
    }
}

/// A table as the auditor understood it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableSummary {
    /// Where it is (page/table or heading).
    pub place: String,
    /// What it was recognised as: a template's table, with what each column means, or a
    /// generic table.
    pub recognised: Recognition,
    /// Rows with codes.
    pub code_rows: usize,
    /// Money columns found.
    pub money_columns: usize,
}

/// The result of auditing one document.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Report {
    /// Every table read.
    pub tables: Vec<TableSummary>,
    /// Every finding, in document order.
    pub findings: Vec<Finding>,
}

impl Report {
    /// How many findings of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// How a table's rows are formed, as far as the cross-table rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Shape {
    /// Anything else: a matrix, a list, a table the auditor could not place.
    #[default]
    Other,
    /// 收支对照: income rows on the left, spending on the right, 收入总计 / 支出总计.
    TwoSided,
    /// 功能分类树.
    FunctionalTree,
    /// 经济分类树.
    EconomicTree,
}

/// What a money column holds, as far as the cross-table rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// 基本支出.
    Basic,
    /// 项目支出.
    Project,
    /// 人员经费.
    Personnel,
    /// 公用经费.
    Operating,
}

/// An empty table that must carry its explanation.
#[derive(Debug, Clone)]
struct Empty {
    /// What the table is about: the template table's title, or the fund a generic table is of.
    about: String,
    /// The fund a generic table is of (政府性基金, 国有资本经营).
    fund: Option<&'static str>,
    /// The template's empty-table note, with its placeholders.
    note: Option<String>,
}

/// What a table says that other tables must agree with. For a template table it comes from
/// what the template says its rows and columns mean; for a generic table from its header text.
#[derive(Debug, Default)]
struct Facts {
    name: String,
    shape: Shape,
    /// Whether the table covers every line of the budget.
    whole: bool,
    /// Whether it covers only 一般公共预算 money.
    general_budget: bool,
    /// Whether its columns split the lines by 支出类型 (an expenditure table), not by source.
    by_spending: bool,
    /// 收入总计 and 支出总计 cells of a two-sided summary.
    summary: Option<(String, String)>,
    /// Whether the summary carries 结转下年 (then 支出总计 is more than this year's spending).
    carry_forward: bool,
    /// The total column's cell of the first 合计/总计 row.
    total: Option<String>,
    /// The total row's cells of the 基本/项目/人员/公用 columns.
    role_totals: Vec<(Role, String)>,
    /// Economic 款 rows of an economic tree: code → the total column's cell.
    economic: Vec<(String, String)>,
    /// "三公" items: (economic 款, label, printed value).
    three_public: Vec<(String, String, String)>,
    /// A table with no amount at all that must be explained.
    empty: Option<Empty>,
    /// The unit of its amounts: the template's, or the one stated above the table.
    unit: Option<Unit>,
    /// 口径: the lines the table covers, when it was recognised as a template's table.
    lines: Option<crate::disclosure::Filter>,
    /// Rows with codes, and money columns.
    code_rows: usize,
    money_columns: usize,
}

impl Facts {
    fn role_total(&self, role: Role) -> Option<&String> {
        self.role_totals
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, c)| c)
    }
}

/// The built-in templates, prepared once.
pub(crate) fn builtin_recogniser() -> &'static Recogniser {
    static BUILTIN: OnceLock<Recogniser> = OnceLock::new();
    BUILTIN.get_or_init(|| Recogniser::new(&Template::builtins()))
}

/// Audits a document's text (all its tables, then the tables against each other, then the
/// narrative), reading its codes against `catalogue`: the edition the document was made with
/// when it is known, else the built-in one ([`Catalogue::builtin`]).
///
/// Each table is recognised against the built-in templates ([`Template::builtins`]); see
/// [`audit_with_templates`] to recognise against others.
pub fn audit(text: &str, catalogue: &Catalogue) -> Report {
    audit_with(text, catalogue, builtin_recogniser())
}

/// [`audit`], recognising tables against `templates` (e.g. a user's own, read with
/// [`Template::from_path`]) instead of the built-in ones.
pub fn audit_with_templates(text: &str, catalogue: &Catalogue, templates: &[Template]) -> Report {
    audit_with(text, catalogue, &Recogniser::new(templates))
}

fn audit_with(text: &str, catalogue: &Catalogue, recogniser: &Recogniser) -> Report {
    let document =
        PublishedDocument::read_with(text, read::read_tables(text), catalogue, recogniser);
    audit_document(&document, catalogue)
}

/// Audits a document read once ([`PublishedDocument`]): every table, then the tables against
/// each other, then the narrative against itself and the tables.
pub fn audit_document(document: &PublishedDocument, catalogue: &Catalogue) -> Report {
    let mut report = Report::default();
    let facts: Vec<Facts> = document
        .tables
        .iter()
        .map(|t| {
            let facts = audit_table(t, catalogue, &mut report);
            report.tables.push(TableSummary {
                place: facts.name.clone(),
                recognised: t.recognition.clone(),
                code_rows: facts.code_rows,
                money_columns: facts.money_columns,
            });
            facts
        })
        .collect();
    let ctx = rules::DocumentContext {
        document,
        facts: &facts,
        catalogue,
    };
    for rule in rules::DOCUMENT_RULES_BY_SCOPE.iter().flat_map(|r| r.iter()) {
        if let Some(check) = rule.check {
            check(&ctx, &mut report);
        }
    }
    report
}

/// Whether every funding source `inner` keeps is one `outer` keeps.
fn funding_within(inner: &crate::disclosure::Filter, outer: &crate::disclosure::Filter) -> bool {
    use strum::IntoEnumIterator;
    crate::funding::FundingSource::iter()
        .filter(|s| inner.matches_source(*s))
        .all(|s| outer.matches_source(s))
}

/// "三公" items funded by 财政拨款 cover basic and project spending, so each is at least the
/// economic table's 基本支出 line for it (30217 公务接待费, 30231 公务用车运行维护费, and any
/// other 款 a template's "三公" table names). Both tables must state their unit; amounts in
/// different units are compared in 元.
fn three_public_against_lines(facts: &[Facts], report: &mut Report) {
    let Some(three) = facts.iter().find(|f| !f.three_public.is_empty()) else {
        return;
    };
    // an economic table whose money is all within the 三公 table's (Jiangsu's 财政拨款基本支出表
    // counts 政府性基金 its 一般公共预算 三公 table does not)
    let within = |f: &&Facts| match (&f.lines, &three.lines) {
        (Some(inner), Some(outer)) => funding_within(inner, outer),
        _ => true,
    };
    let Some(basic) = facts.iter().filter(|f| !f.economic.is_empty()).find(within) else {
        return;
    };
    let (Some(three_unit), Some(basic_unit)) = (three.unit, basic.unit) else {
        return;
    };
    let mut seen: Vec<&str> = Vec::new();
    for (code, label, item) in &three.three_public {
        // the first item of each 款
        if seen.contains(&code.as_str()) {
            continue;
        }
        seen.push(code);
        let Some((_, line)) = basic.economic.iter().find(|(c, _)| c == code) else {
            continue;
        };
        let (Some(l), Some(t)) = (read_number(line), read_number(item)) else {
            continue;
        };
        let tolerance = half_step(&[line.as_str()]).saturating_add(half_step(&[item.as_str()]));
        // in the 三公 table's unit when both agree, else in 元
        let (l, t, tolerance) = if three_unit == basic_unit {
            (l, t, tolerance)
        } else {
            let (a, b) = (basic_unit.yuan_per_unit(), three_unit.yuan_per_unit());
            let tol = half_step(&[line.as_str()])
                .saturating_mul(a)
                .saturating_add(half_step(&[item.as_str()]).saturating_mul(b));
            (l.saturating_mul(a), t.saturating_mul(b), tol)
        };
        if t.saturating_add(tolerance) < l {
            report.findings.push(Finding {
                rule: "cross.three_public",
                severity: Severity::Error,
                tables: vec![three.name.clone(), basic.name.clone()],
                row: Some(label.clone()),
                column: None,
                stated: Some(t),
                computed: Some(l),
                difference: Some(t.saturating_sub(l)),
                message: format!("“三公”经费{label} {t} 小于基本支出表 {code} 的 {l}（无法判断哪一方有误）"),
                message_en: format!("三公 item {label} {t} is less than the 基本支出 line {code} {l} (it cannot be told which side is wrong)"),
            });
        }
    }
}

/// An empty table must be explained (空表说明) where the document has its narrative text: a
/// template table by its template's note (its wording around the placeholders) or "空表" right
/// after its title; a generic 政府性基金 / 国有资本经营 table by "空表" right after the fund's name.
fn empty_tables_explained(text: &str, facts: &[Facts], report: &mut Report) {
    // Only documents with prose (not bare table grids) can carry the explanation.
    if text.contains("===== [page") && text.contains(" table ") {
        return;
    }
    let prose = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.contains('\t') && !l.contains(" | "))
        .filter(|l| l.chars().count() > 30)
        .count();
    if prose < 5 {
        return;
    }
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for f in facts {
        let Some(empty) = &f.empty else { continue };
        let before = recognise::norm(&empty.about);
        let explained = empty.note.as_deref().is_some_and(|n| note_found(&flat, n))
            || flat.match_indices("空表").any(|(i, _)| {
                // the 60 characters before 空表
                let start = flat
                    .get(..i)
                    .and_then(|b| b.char_indices().rev().nth(59).map(|(k, _)| k))
                    .unwrap_or(0);
                flat.get(start..i)
                    .is_some_and(|window| window.contains(before.as_str()))
            });
        if !explained {
            let (zh, en) = match empty.fund {
                Some(fund) => (
                    format!("{fund}预算支出表为空表，但未见空表说明"),
                    format!("the {fund} table is empty and no explanation (空表说明) was found"),
                ),
                None => (
                    format!("{}为空表，但未见空表说明", empty.about),
                    format!(
                        "{} is empty and no explanation (空表说明) was found",
                        empty.about
                    ),
                ),
            };
            report.findings.push(Finding::note(
                "table.empty_without_note",
                Severity::Warning,
                &f.name,
                (None, None),
                zh,
                en,
            ));
        }
    }
}

/// Whether `flat` (text without whitespace) holds a template's note: the note's words between
/// its placeholders, in order.
fn note_found(flat: &str, note: &str) -> bool {
    let note = recognise::norm(note);
    let mut words: Vec<&str> = Vec::new();
    let mut rest = note.as_str();
    while let Some(open) = rest.find('{') {
        words.extend(rest.get(..open));
        rest = rest
            .get(open..)
            .and_then(|r| r.find('}').and_then(|close| r.get(close + 1..)))
            .unwrap_or("");
    }
    words.push(rest);
    words.retain(|w| w.chars().count() >= 2);
    if words.is_empty() {
        return false;
    }
    let mut from = 0;
    for w in words {
        match flat.get(from..).and_then(|f| f.find(w)) {
            Some(at) => from += at + w.len(),
            None => return false,
        }
    }
    true
}

/// Whether two tables' cells compare as printed: the same unit, or a unit one of them does
/// not state (a grid without its 单位 line is taken to be in the document's one unit).
fn comparable(a: Option<Unit>, b: Option<Unit>) -> bool {
    a == b || a.is_none() || b.is_none()
}

/// 财政拨款收支总表's 收入总计 is part of the 收支总表's: it can never be more (it is equal when
/// the department has no money but 财政拨款 — which the tables alone cannot always tell, so
/// only the inequality is checked).
fn fiscal_within_total(facts: &[Facts], report: &mut Report) {
    let Some(total) = facts
        .iter()
        .find(|f| f.shape == Shape::TwoSided && f.whole && f.summary.is_some())
    else {
        return;
    };
    let Some(fiscal) = facts
        .iter()
        .find(|f| f.shape == Shape::TwoSided && !f.whole && f.summary.is_some())
    else {
        return;
    };
    if !comparable(total.unit, fiscal.unit) {
        return;
    }
    let (Some((t, _)), Some((f, _))) = (&total.summary, &fiscal.summary) else {
        return;
    };
    let (Some(tv), Some(fv)) = (read_number(t), read_number(f)) else {
        return;
    };
    let tolerance = half_step(&[t.as_str()]).saturating_add(half_step(&[f.as_str()]));
    if fv > tv.saturating_add(tolerance) {
        report.findings.push(Finding {
            rule: "cross.fiscal_within_total",
            severity: Severity::Error,
            tables: vec![fiscal.name.clone(), total.name.clone()],
            row: Some("收入总计".into()),
            column: None,
            stated: Some(fv),
            computed: Some(tv),
            difference: Some(fv.saturating_sub(tv)),
            message: format!("财政拨款收入总计 {fv} 大于部门收入总计 {tv}（无法判断哪一方有误）"),
            message_en: format!("财政拨款 income {fv} exceeds the department's total income {tv} (it cannot be told which side is wrong)"),
        });
    }
}

/// 一般公共预算支出表's 基本支出 total equals 一般公共预算基本支出表's total.
fn general_budget_basic(facts: &[Facts], report: &mut Report) {
    let Some(gb) = facts.iter().find(|f| {
        f.shape == Shape::FunctionalTree
            && f.by_spending
            && f.general_budget
            && f.role_total(Role::Basic)
                .is_some_and(|c| read_number(c).is_some())
    }) else {
        return;
    };
    let Some(basic) = facts
        .iter()
        .find(|f| f.shape == Shape::EconomicTree && f.general_budget && f.total.is_some())
    else {
        return;
    };
    let (Some(a), Some(b)) = (gb.role_total(Role::Basic), &basic.total) else {
        return;
    };
    if !comparable(gb.unit, basic.unit) {
        return;
    }
    let before = report.findings.len();
    check(
        Check {
            table: &gb.name,
            rule: "cross.general_budget_basic",
            row: "合计".into(),
            column: "基本支出".into(),
            stated_cell: a,
            part_cells: vec![b],
        },
        report,
    );
    for f in report.findings.iter_mut().skip(before) {
        f.tables.push(basic.name.clone());
        f.message = format!(
            "{}：两表基本支出合计不一致（无法判断哪一方有误）",
            f.message
        );
        f.message_en = format!(
            "{}: the two tables' 基本支出 totals disagree (it cannot be told which side is wrong)",
            f.message_en
        );
    }
}

fn cross_summary(facts: &[Facts], report: &mut Report) {
    let Some(summary) = facts
        .iter()
        .find(|f| f.shape == Shape::TwoSided && f.whole && f.summary.is_some())
    else {
        return;
    };
    let Some((income, expense)) = &summary.summary else {
        return;
    };
    // the whole budget's functional tree split by 基本/项目, and the one split by source
    let pairs = [
        (
            true,
            "cross.expenditure_total",
            expense,
            "支出总计",
            !summary.carry_forward,
        ),
        (false, "cross.income_total", income, "收入总计", true),
    ];
    for (by_spending, rule, summary_cell, label, applies) in pairs {
        let Some(other) = facts
            .iter()
            .find(|f| f.shape == Shape::FunctionalTree && f.whole && f.by_spending == by_spending)
        else {
            continue;
        };
        let Some(total) = &other.total else { continue };
        if !applies {
            continue;
        }
        let before = report.findings.len();
        check(
            Check {
                table: &summary.name,
                rule,
                row: label.to_string(),
                column: String::new(),
                stated_cell: summary_cell,
                part_cells: vec![total],
            },
            report,
        );
        for f in report.findings.iter_mut().skip(before) {
            f.tables.push(other.name.clone());
            f.message = format!(
                "{}：{}与{}合计不一致（无法判断哪一方有误）",
                f.message, summary.name, other.name
            );
            f.message_en = format!(
                "{}: {label} of {} and the total of {} disagree (it cannot be told which side is wrong)",
                f.message_en, summary.name, other.name
            );
        }
    }
}

fn is_total_label(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(t.as_str(), "合计" | "总计" | "支出合计" | "支出总计")
}

fn decimals(cell: &str) -> u32 {
    cell.split_once('.')
        .map_or(0, |(_, f)| f.trim().len() as u32)
}

/// Half a unit of the last printed digit, for the precision of these cells.
fn half_step(cells: &[&str]) -> Decimal {
    half_of(cells.iter().map(|c| decimals(c)).max().unwrap_or(0))
}

/// Half a unit of the `d`-th decimal.
fn half_of(d: u32) -> Decimal {
    // A Decimal has at most 28 decimals: a cell printed finer gets the finest step there is.
    Decimal::new(5, d.saturating_add(1).min(28))
}

struct Check<'a> {
    table: &'a str,
    rule: &'static str,
    row: String,
    column: String,
    stated_cell: &'a str,
    part_cells: Vec<&'a str>,
}

fn check(c: Check<'_>, report: &mut Report) {
    let parts = Parts::of(&c.part_cells);
    check_parts(
        c.table,
        c.rule,
        (c.row, c.column),
        c.stated_cell,
        &parts,
        report,
    );
}

/// Printed parts, added up once: their sum, the rounding tolerance they carry (half a unit of
/// each one's last digit; blank parts are exact) and whether they are all blank.
#[derive(Debug, Clone)]
struct Parts {
    sum: Decimal,
    tolerance: Decimal,
    blank: bool,
    /// Whether a part cannot be read (then the identity cannot be checked).
    unreadable: bool,
}

impl Parts {
    fn of(cells: &[&str]) -> Parts {
        let mut parts = Parts {
            sum: Decimal::ZERO,
            tolerance: Decimal::ZERO,
            blank: true,
            unreadable: false,
        };
        for c in cells {
            parts.blank &= c.is_empty();
            match document::Cell::read(c).value {
                document::CellValue::Number { value, decimals } => {
                    parts.sum = parts.sum.saturating_add(value);
                    parts.tolerance = parts.tolerance.saturating_add(half_of(decimals));
                }
                document::CellValue::Unreadable => parts.unreadable = true,
                _ => {}
            }
        }
        parts
    }
}

fn unreadable(cell: &str) -> bool {
    document::Cell::read(cell).value == document::CellValue::Unreadable
}

/// The stated cell against the sum of its parts: an error beyond the rounding tolerance, an
/// info-level 尾差 within it.
fn check_parts(
    table: &str,
    rule: &'static str,
    (row, column): (String, String),
    stated_cell: &str,
    parts: &Parts,
    report: &mut Report,
) {
    // a cell that cannot be read is reported as such (table.unreadable_cell), never read as 0
    if parts.unreadable || unreadable(stated_cell) {
        return;
    }
    let stated = read_number(stated_cell).unwrap_or(Decimal::ZERO);
    let computed = parts.sum;
    let diff = stated.saturating_sub(computed);
    if diff.is_zero() {
        return;
    }
    // Each printed cell may be off by half a unit of its own last digit; blank parts are exact.
    let tolerance = parts
        .tolerance
        .saturating_add(half_step(&[stated_cell]))
        .normalize();
    let tail = diff.abs() <= tolerance;
    let severity = if tail {
        Severity::Info
    } else {
        Severity::Error
    };
    let (zh, en) = if tail {
        (
            format!(
                "尾差：列示 {stated}，分项合计 {computed}，相差 {diff}（在四舍五入误差 {tolerance} 以内）"
            ),
            format!(
                "rounding tail: stated {stated}, parts add up to {computed}, difference {diff} (within the rounding tolerance {tolerance})"
            ),
        )
    } else {
        (
            format!("列示 {stated}，分项合计 {computed}，相差 {diff}"),
            format!("stated {stated}, parts add up to {computed}, difference {diff}"),
        )
    };
    report.findings.push(Finding {
        rule,
        severity,
        tables: vec![table.to_string()],
        row: Some(row),
        column: Some(column),
        stated: Some(stated),
        computed: Some(computed),
        difference: Some(diff),
        message: zh,
        message_en: en,
    });
}

fn cell(row: &[String], col: usize) -> &str {
    row.get(col).map_or("", String::as_str)
}

/// A narrative phrase and where its figure stands in the tables.
type Anchor<'a> = (
    &'static str,
    &'static str,
    Option<(String, String)>,
    Option<&'a Facts>,
);

/// Words that narrow a headline phrase to part of the budget (财政拨款基本支出, 一般公共预算
/// 支出预算, 政府性基金…).
const QUALIFIERS: [&str; 6] = ["拨款", "公共预算", "基金", "经营", "基本", "项目"];

/// The narrative's headline amounts (收支总预算, 部门收入预算, 支出预算, 基本支出 and 项目支出
/// with their shares, 人员经费, 公用经费) against the tables that print them, where the tables
/// state their unit.
fn narrative_against_tables(text: &str, facts: &[Facts], report: &mut Report) {
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let to_wan = |f: &Facts, cell: &str| -> Option<(Decimal, Decimal)> {
        let v = read_number(cell)?;
        let h = half_step(&[cell]);
        let per_wan = Unit::WanYuan.yuan_per_unit();
        let scale = f.unit?.yuan_per_unit();
        Some((
            v.checked_mul(scale)?.checked_div(per_wan)?,
            h.checked_mul(scale)?.checked_div(per_wan)?,
        ))
    };
    let summary = facts
        .iter()
        .find(|f| f.shape == Shape::TwoSided && f.whole && f.summary.is_some());
    let spending = facts
        .iter()
        .find(|f| f.shape == Shape::FunctionalTree && f.whole && f.by_spending);
    let basic = facts
        .iter()
        .find(|f| f.shape == Shape::EconomicTree && f.general_budget);
    let column = |f: Option<&Facts>, role: Role| -> Option<(String, String)> {
        let f = f?;
        let cell = f.role_total(role)?.clone();
        Some((f.name.clone(), cell))
    };
    let summary_income =
        summary.and_then(|f| f.summary.as_ref().map(|(i, _)| (f.name.clone(), i.clone())));
    let summary_expense =
        summary.and_then(|f| f.summary.as_ref().map(|(_, e)| (f.name.clone(), e.clone())));
    // (phrase, what must follow "X 万元", (table, cell) the figure is printed in, that table)
    let anchors: [Anchor<'_>; 7] = [
        ("收支总预算", "", summary_income.clone(), summary),
        ("部门收入预算", "", summary_income, summary),
        ("支出预算", "，其中", summary_expense, summary),
        ("基本支出", "，占", column(spending, Role::Basic), spending),
        (
            "项目支出",
            "，占",
            column(spending, Role::Project),
            spending,
        ),
        ("人员经费", "", column(basic, Role::Personnel), basic),
        ("公用经费", "", column(basic, Role::Operating), basic),
    ];
    for (phrase, must_follow, anchor, table) in anchors {
        let (Some((table_name, cell)), Some(table)) = (anchor, table) else {
            continue;
        };
        let Some((value, table_half)) = to_wan(table, &cell) else {
            continue;
        };
        // the first "phrase X 万元" (followed by `must_follow`) of the narrative
        let found = flat.match_indices(phrase).find_map(|(i, _)| {
            // a narrower figure (财政拨款基本支出预算, 一般公共预算…) is not the headline one
            let before: String = flat.get(..i)?.chars().rev().take(4).collect();
            if QUALIFIERS
                .iter()
                .any(|q| before.contains(&q.chars().rev().collect::<String>()))
            {
                return None;
            }
            let rest = flat.get(i + phrase.len()..)?;
            let number: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
                .collect();
            let after = rest.get(number.len()..)?;
            let after = after.strip_prefix("万元")?;
            (must_follow.is_empty() || after.starts_with(must_follow)).then_some(number)
        });
        let Some(number) = found else { continue };
        let Some(stated) = read_number(&number) else {
            continue;
        };
        let tolerance = half_step(&[number.as_str()]).saturating_add(table_half);
        let diff = stated - value;
        if diff.abs() > tolerance {
            report.findings.push(Finding {
                rule: "narrative.table",
                severity: Severity::Error,
                tables: vec!["情况说明".into(), table_name.clone()],
                row: Some(format!("{phrase}{number}万元")),
                column: None,
                stated: Some(stated),
                computed: Some(value),
                difference: Some(diff),
                message: format!("情况说明{phrase} {stated} 万元，{table_name}列示 {value} 万元（无法判断哪一方有误）"),
                message_en: format!("the narrative's {phrase} is {stated} 万元, {table_name} prints {value} 万元 (it cannot be told which side is wrong)"),
            });
        }
    }
}
