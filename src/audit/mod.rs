//! 审核: audit a published disclosure — read its tables, check every identity, report each
//! inconsistency located and quantified.
//!
//! [`audit`] reads the tables of a document (the seed's tab-separated layout or the ` | ` grids
//! of PDF extractions, see [`read`]), recognises rows with classification codes, subtotal and
//! total rows and the money columns, and runs the rules of [`RULES`]. Each [`Finding`] names the
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

mod narrative;
pub mod read;

use core::fmt;

use rust_decimal::Decimal;
use serde::Serialize;

use read::{RawTable, parse_number, read_tables};

use crate::classification::{AnyCode, Catalogue, NameMatch, Recognised};

/// 严重程度.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// 错误: an identity that does not hold beyond rounding.
    Error,
    /// 警告: something the auditor could not read or check as expected.
    Warning,
    /// 提示: a rounding tail (尾差) within the printed precision.
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

/// A rule of the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    /// Stable id.
    pub id: &'static str,
    /// Scope: within a table, across tables, narrative vs table.
    pub scope: &'static str,
    /// What it checks.
    pub description: &'static str,
}

/// The rules this auditor runs.
pub const RULES: &[RuleInfo] = &[
    RuleInfo {
        id: "table.subtotal",
        scope: "table",
        description: "a 类 (款) row equals the sum of its 款 (项) rows, per money column",
    },
    RuleInfo {
        id: "table.total",
        scope: "table",
        description: "the 合计/总计 row equals the sum of the top-level code rows, per money column",
    },
    RuleInfo {
        id: "table.row_sum",
        scope: "table",
        description: "the 合计 column equals the sum of the other (leaf) money columns, per row",
    },
    RuleInfo {
        id: "summary.balance",
        scope: "table",
        description: "收入总计 equals 支出总计",
    },
    RuleInfo {
        id: "cross.expenditure_total",
        scope: "across tables",
        description: "支出总表's total equals the 收支总表's 支出总计 (where nothing is carried to next year)",
    },
    RuleInfo {
        id: "cross.income_total",
        scope: "across tables",
        description: "收入总表's total equals the 收支总表's 收入总计",
    },
    RuleInfo {
        id: "cross.fiscal_within_total",
        scope: "across tables",
        description: "财政拨款收支总表's 收入总计 is at most the 收支总表's (equal only without non-fiscal money)",
    },
    RuleInfo {
        id: "cross.general_budget_basic",
        scope: "across tables",
        description: "一般公共预算支出表's 基本支出 total equals 一般公共预算基本支出表's total",
    },
    RuleInfo {
        id: "cross.three_public",
        scope: "across tables",
        description: "each \"三公\" item is at least its 基本支出 line (30217, 30231)",
    },
    RuleInfo {
        id: "table.empty_without_note",
        scope: "table",
        description: "an empty 政府性基金 / 国有资本经营 table carries its explanation",
    },
    RuleInfo {
        id: "code.unknown",
        scope: "table",
        description: "a code the built-in catalogue does not list (info: the built-in edition is not complete)",
    },
    RuleInfo {
        id: "performance.weights",
        scope: "table",
        description: "a target table's indicator weights add up to 100, or 90 with 预算执行率 worth 10",
    },
    RuleInfo {
        id: "narrative.table",
        scope: "narrative vs table",
        description: "the narrative's 收支总预算, 收入/支出预算, 基本/项目支出, 人员/公用经费 equal the tables' totals",
    },
    RuleInfo {
        id: "narrative.share",
        scope: "narrative",
        description: "each \"N 万元，占 Y%\" equals N over the whole stated before it (\"T 万元，其中\")",
    },
    RuleInfo {
        id: "narrative.direction",
        scope: "narrative",
        description: "增加/减少 agrees with 增长/下降 in one year-on-year sentence",
    },
    RuleInfo {
        id: "narrative.rate",
        scope: "narrative",
        description: "a stated growth rate equals the change over the prior figure (X ∓ Z), within rounding",
    },
    RuleInfo {
        id: "table.continued",
        scope: "table",
        description: "a total printed above rows that may continue on a page that could not be joined",
    },
    RuleInfo {
        id: "table.code",
        scope: "table",
        description: "a code segment printed without its leading zero",
    },
    RuleInfo {
        id: "table.unreadable",
        scope: "table",
        description: "columns that could not be mapped well enough to check",
    },
];

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
    /// What kind it was recognised as.
    pub kind: &'static str,
    /// Rows with codes, and money columns found.
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

/// A row with a classification code.
#[derive(Debug, Clone)]
struct CodeRow {
    index: usize,
    code: String,
    label: String,
}

/// What a table says that other tables must agree with.
#[derive(Debug, Default)]
struct Facts {
    name: String,
    kind: &'static str,
    /// 收入总计 and 支出总计 cells of a two-sided summary.
    summary: Option<(String, String)>,
    /// Whether the summary carries 结转下年 (then 支出总计 is more than this year's spending).
    carry_forward: bool,
    /// The first money cell of the first 合计/总计 row of a code table.
    total: Option<String>,
    /// Economic 款 rows of a 基本支出 table: code → first money cell.
    economic: Vec<(String, String)>,
    /// "三公" rows: label → first number on the row.
    three_public: Vec<(String, String)>,
    /// A table with no amount at all (an empty 政府性基金 / 国有资本经营 table), and what it is about.
    empty_fund: Option<&'static str>,
    /// The unit stated above the table, if any.
    unit: Option<String>,
    /// The 基本支出 cell of the total row, for tables with a 基本支出 column.
    basic_total: Option<String>,
    /// Whether the header speaks of 一般公共预算.
    general_budget: bool,
    /// The total row's money cells with their column labels.
    column_totals: Vec<(String, String)>,
}

/// Audits a document's text (all its tables, then the tables against each other, then the
/// narrative), reading its codes against `catalogue`: the edition the document was made with
/// when it is known, else the built-in one ([`Catalogue::builtin`]).
pub fn audit(text: &str, catalogue: &Catalogue) -> Report {
    let mut report = Report::default();
    let facts: Vec<Facts> = read_tables(text)
        .iter()
        .map(|t| audit_table(t, catalogue, &mut report))
        .collect();
    cross_tables(&facts, &mut report);
    three_public_against_lines(&facts, &mut report);
    empty_tables_explained(text, &facts, &mut report);
    narrative::check_changes(text, &mut report.findings);
    narrative::check_shares(text, &mut report.findings);
    narrative_against_tables(text, &facts, &mut report);
    report
}

/// "三公" items funded by 财政拨款 cover basic and project spending, so each is at least the
/// 基本支出 table's line for it (30217 公务接待费, 30231 公务用车运行维护费).
fn three_public_against_lines(facts: &[Facts], report: &mut Report) {
    let Some(three) = facts.iter().find(|f| !f.three_public.is_empty()) else {
        return;
    };
    let Some(basic) = facts.iter().find(|f| !f.economic.is_empty()) else {
        return;
    };
    // Only where both tables state the same unit (Shanghai prints 三公 in 万元, the rest in 元).
    if three.unit.is_none() || three.unit != basic.unit {
        return;
    }
    for (code, words) in [("30217", "公务接待费"), ("30231", "公务用车运行")] {
        let Some((_, line)) = basic.economic.iter().find(|(c, _)| c == code) else {
            continue;
        };
        let Some((label, item)) = three.three_public.iter().find(|(l, _)| l.contains(words)) else {
            continue;
        };
        let (Some(l), Some(t)) = (parse_number(line), parse_number(item)) else {
            continue;
        };
        let tolerance = half_step(&[line]).saturating_add(half_step(&[item]));
        if t + tolerance < l {
            report.findings.push(Finding {
                rule: "cross.three_public",
                severity: Severity::Error,
                tables: vec![three.name.clone(), basic.name.clone()],
                row: Some(label.clone()),
                column: None,
                stated: Some(t),
                computed: Some(l),
                difference: Some(t - l),
                message: format!("“三公”经费{label} {t} 小于基本支出表 {code} 的 {l}（无法判断哪一方有误）"),
                message_en: format!("三公 item {label} {t} is less than the 基本支出 line {code} {l} (it cannot be told which side is wrong)"),
            });
        }
    }
}

/// An empty 政府性基金 / 国有资本经营 table must be explained (空表说明) where the document has
/// its narrative text.
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
        let Some(fund) = f.empty_fund else { continue };
        let explained = flat.match_indices("空表").any(|(i, _)| {
            let start = flat
                .char_indices()
                .map(|(k, _)| k)
                .filter(|k| *k <= i)
                .rev()
                .nth(60)
                .unwrap_or(0);
            flat.get(start..i)
                .is_some_and(|window| window.contains(fund))
        });
        if !explained {
            report.findings.push(Finding::note(
                "table.empty_without_note",
                Severity::Warning,
                &f.name,
                (None, None),
                format!("{fund}预算支出表为空表，但未见空表说明"),
                format!("the {fund} table is empty and no explanation (空表说明) was found"),
            ));
        }
    }
}

/// 支出总表 and 收入总表 totals against the 收支总表 (the first of each kind in the document).
fn cross_tables(facts: &[Facts], report: &mut Report) {
    general_budget_basic(facts, report);
    cross_summary(facts, report);
    fiscal_within_total(facts, report);
}

/// 财政拨款收支总表's 收入总计 is part of the 收支总表's: it can never be more (it is equal when
/// the department has no money but 财政拨款 — which the tables alone cannot always tell, so
/// only the inequality is checked).
fn fiscal_within_total(facts: &[Facts], report: &mut Report) {
    let Some(total) = facts
        .iter()
        .find(|f| f.kind == "summary" && f.summary.is_some())
    else {
        return;
    };
    let Some(fiscal) = facts
        .iter()
        .find(|f| f.kind == "fiscal_summary" && f.summary.is_some())
    else {
        return;
    };
    if total.unit != fiscal.unit {
        return;
    }
    let (Some((t, _)), Some((f, _))) = (&total.summary, &fiscal.summary) else {
        return;
    };
    let (Some(tv), Some(fv)) = (parse_number(t), parse_number(f)) else {
        return;
    };
    let tolerance = half_step(&[t.as_str()]).saturating_add(half_step(&[f.as_str()]));
    if fv > tv + tolerance {
        report.findings.push(Finding {
            rule: "cross.fiscal_within_total",
            severity: Severity::Error,
            tables: vec![fiscal.name.clone(), total.name.clone()],
            row: Some("收入总计".into()),
            column: None,
            stated: Some(fv),
            computed: Some(tv),
            difference: Some(fv - tv),
            message: format!("财政拨款收入总计 {fv} 大于部门收入总计 {tv}（无法判断哪一方有误）"),
            message_en: format!("财政拨款 income {fv} exceeds the department's total income {tv} (it cannot be told which side is wrong)"),
        });
    }
}

/// 一般公共预算支出表's 基本支出 total equals 一般公共预算基本支出表's total.
fn general_budget_basic(facts: &[Facts], report: &mut Report) {
    let Some(gb) = facts.iter().find(|f| {
        f.kind == "functional_expenditure" && f.general_budget && f.basic_total.is_some()
    }) else {
        return;
    };
    let Some(basic) = facts
        .iter()
        .find(|f| f.kind == "economic" && f.general_budget && f.total.is_some())
    else {
        return;
    };
    let (Some(a), Some(b)) = (&gb.basic_total, &basic.total) else {
        return;
    };
    if gb.unit != basic.unit {
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
        .find(|f| f.kind == "summary" && f.summary.is_some())
    else {
        return;
    };
    let Some((income, expense)) = &summary.summary else {
        return;
    };
    let pairs = [
        (
            "functional_expenditure",
            "cross.expenditure_total",
            expense,
            "支出总计",
            !summary.carry_forward,
        ),
        (
            "functional_income",
            "cross.income_total",
            income,
            "收入总计",
            true,
        ),
    ];
    for (kind, rule, summary_cell, label, applies) in pairs {
        let Some(other) = facts.iter().find(|f| f.kind == kind) else {
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

fn is_digits(s: &str, lens: &[usize]) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && lens.contains(&s.len())
}

/// Codes printed hierarchically (`201 | | `, then ` | 40 | `, then ` | | 01`) or with a segment
/// missing its leading zero (`301 | 2`): the class and section carried from the rows above, and
/// what was repaired.
#[derive(Debug, Default)]
struct CodeContext {
    class: Option<String>,
    section: Option<String>,
}

fn is_segment(s: &str) -> bool {
    !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit())
}

fn pad(seg: &str) -> String {
    format!("{seg:0>2}")
}

/// The code of a row, with the column after the code cells and whether a segment was printed
/// without its leading zero.
fn row_code_in(row: &[String], ctx: &mut CodeContext) -> Option<(String, usize, bool)> {
    let c = |i: usize| row.get(i).map_or("", String::as_str);
    let short = |seg: &str| seg.len() == 1;
    if is_digits(c(0), &[3]) && row.len() > 2 {
        let mut code = c(0).to_string();
        ctx.class = Some(code.clone());
        ctx.section = None;
        let mut repaired = false;
        let mut after = 1;
        if is_segment(c(1)) {
            repaired |= short(c(1));
            code.push_str(&pad(c(1)));
            ctx.section = Some(code.clone());
            after = 2;
            if is_segment(c(2)) {
                repaired |= short(c(2));
                code.push_str(&pad(c(2)));
                after = 3;
            }
        }
        // skip the empty code cells of a shorter code
        while after < 3 && c(after).is_empty() && row.len() > after + 1 {
            after += 1;
        }
        return Some((code, after, repaired));
    }
    if c(0).is_empty() && is_segment(c(1)) && (c(2).is_empty() || is_segment(c(2))) {
        let class = ctx.class.clone()?;
        let section = format!("{class}{}", pad(c(1)));
        ctx.section = Some(section.clone());
        let code = if is_segment(c(2)) {
            format!("{section}{}", pad(c(2)))
        } else {
            section
        };
        return Some((code, 3, short(c(1)) || short(c(2))));
    }
    if c(0).is_empty() && c(1).is_empty() && is_segment(c(2)) {
        let section = ctx.section.clone()?;
        return Some((format!("{section}{}", pad(c(2))), 3, short(c(2))));
    }
    let (code, after) = row_code(row)?;
    if code.len() == 3 {
        ctx.class = Some(code.clone());
        ctx.section = None;
    } else if code.len() == 5 {
        ctx.section = Some(code.clone());
    }
    Some((code, after, false))
}

/// The code of a row: whole in the first non-empty cells (`2010101`, `2010101-行政运行`,
/// `206 科学技术支出`) or split over 类 | 款 | 项; with the index of the first cell after it.
fn row_code(row: &[String]) -> Option<(String, usize)> {
    let first = row.iter().position(|c| !c.is_empty())?;
    if first > 1 {
        return None;
    }
    let c0 = row.get(first)?;
    if is_digits(c0, &[3]) {
        let mut code = c0.clone();
        let mut next = first + 1;
        for _ in 0..2 {
            match row.get(next) {
                Some(seg) if is_digits(seg, &[2]) => {
                    code.push_str(seg);
                    next += 1;
                }
                Some(seg) if seg.is_empty() => next += 1,
                _ => break,
            }
        }
        return Some((code, next));
    }
    if is_digits(c0, &[5, 7]) {
        return Some((c0.clone(), first + 1));
    }
    let digits: String = c0.chars().take_while(char::is_ascii_digit).collect();
    if is_digits(&digits, &[3, 5, 7]) && c0.len() > digits.len() {
        return Some((digits, first));
    }
    None
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
    let d = cells.iter().map(|c| decimals(c)).max().unwrap_or(0);
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
    let stated = parse_number(c.stated_cell).unwrap_or(Decimal::ZERO);
    let computed: Decimal = c
        .part_cells
        .iter()
        .filter_map(|p| parse_number(p))
        .fold(Decimal::ZERO, |a, b| a.saturating_add(b));
    let diff = stated.saturating_sub(computed);
    if diff.is_zero() {
        return;
    }
    // Each printed cell may be off by half a unit of its own last digit; blank parts are exact.
    let tolerance = c
        .part_cells
        .iter()
        .filter(|p| parse_number(p).is_some())
        .chain(std::iter::once(&c.stated_cell))
        .map(|p| half_step(&[p]))
        .fold(Decimal::ZERO, |a, b| a.saturating_add(b))
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
        rule: c.rule,
        severity,
        tables: vec![c.table.to_string()],
        row: Some(c.row),
        column: Some(c.column),
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

/// What a printed code and its label are to the edition: nothing to say (listed, printed under
/// its name), a printed alias, a local sub-item, or an unknown code with the nearest listed ones.
/// Digits that are no classification code at all (a unit's number such as 121 before its name)
/// are not reported.
fn code_finding(catalogue: &Catalogue, table: &str, code: &str, label: &str) -> Option<Finding> {
    let place = (Some(format!("{code} {label}")), None);
    let edition = catalogue.edition();
    match catalogue.recognise(code) {
        Ok(Recognised::Listed(listed)) => {
            let name = listed_alias(catalogue, listed, label)?;
            Some(Finding::note(
                "code.alias",
                Severity::Info,
                table,
                place,
                format!("科目 {code} 印作“{label}”，目录 {edition} 的名称为“{name}”"),
                format!("code {code} is printed as “{label}”; edition {edition} names it “{name}”"),
            ))
        }
        Ok(Recognised::LocalExtension { of, .. }) => {
            let of_name = catalogue.any_name(of).unwrap_or_default();
            Some(Finding::note(
                "code.local_extension",
                Severity::Info,
                table,
                place,
                format!("科目编码 {code} 是 {of} {of_name} 的地方细化科目，不在全国目录中"),
                format!("code {code} is a local sub-item of {of} {of_name}, not a national code"),
            ))
        }
        Err(crate::Error::UnknownCode { suggestions, .. }) => {
            let hint = if suggestions.is_empty() {
                String::new()
            } else {
                suggestions.join("、")
            };
            Some(Finding::note(
                "code.unknown",
                Severity::Info,
                table,
                place,
                if hint.is_empty() {
                    format!("科目编码 {code} 不在目录 {edition} 中")
                } else {
                    format!("科目编码 {code} 不在目录 {edition} 中；相近科目：{hint}")
                },
                if hint.is_empty() {
                    format!("code {code} is not in catalogue edition {edition}")
                } else {
                    format!(
                        "code {code} is not in catalogue edition {edition}; did you mean {}?",
                        suggestions.join(", ")
                    )
                },
            ))
        }
        Err(_) => None,
    }
}

/// The edition's name for `code` when `label` is one of its aliases rather than its name.
fn listed_alias<'c>(catalogue: &'c Catalogue, code: AnyCode, label: &str) -> Option<&'c str> {
    (catalogue.any_name_match(code, label) == Some(NameMatch::Alias))
        .then(|| catalogue.any_name(code))
        .flatten()
}

fn audit_table(table: &RawTable, catalogue: &Catalogue, report: &mut Report) -> Facts {
    let mut facts = Facts::default();
    let name = table.title.clone().unwrap_or_else(|| table.place.clone());
    let rows = &table.rows;
    // The body starts at the first row with a code, a total label, or a number.
    let is_column_numbers = |r: &Vec<String>| {
        let filled: Vec<&String> = r.iter().filter(|c| !c.is_empty()).collect();
        filled
            .iter()
            .any(|c| c.as_str() == "**" || c.as_str() == "栏次")
            || (filled.len() >= 3
                && filled
                    .iter()
                    .enumerate()
                    .all(|(k, c)| c.as_str() == (k + 1).to_string()))
    };
    let body_start = rows
        .iter()
        .position(|r| {
            !is_column_numbers(r)
                && (row_code(r).is_some() || r.iter().any(|c| parse_number(c).is_some()))
        })
        .unwrap_or(rows.len());
    let header = rows.get(..body_start).unwrap_or(&[]);
    let header_text: String = header
        .iter()
        .flatten()
        .flat_map(|c| c.chars())
        .filter(|c| !c.is_whitespace())
        .collect();
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let body: Vec<(usize, &Vec<String>)> = rows.iter().enumerate().skip(body_start).collect();
    let mut probe = CodeContext::default();
    let code_width = body
        .iter()
        .filter_map(|(_, r)| row_code_in(r, &mut probe).map(|(_, after, _)| after))
        .max()
        .unwrap_or(0);
    let is_code_column = |c: usize| {
        header.iter().any(|h| {
            let l: String = cell(h, c).chars().filter(|x| !x.is_whitespace()).collect();
            l.contains("编码") || l.contains("代码") || l == "类" || l == "款" || l == "项"
        })
    };
    let money_cols: Vec<usize> = (code_width..width)
        .filter(|&c| !is_code_column(c))
        .filter(|&c| body.iter().any(|(_, r)| parse_number(cell(r, c)).is_some()))
        .collect();
    for (_, r) in &body {
        let c = |i: usize| r.get(i).map_or("", String::as_str);
        if is_segment(c(0)) && is_segment(c(1)) && !c(3).is_empty() {
            report.findings.push(Finding::note("table.code", Severity::Warning, &name, (Some(r.iter().filter(|x| !x.is_empty()).take(4).cloned().collect::<Vec<_>>().join(" ")), None), format!("类级编码印作“{}”，无法读取，该行未参与核对", c(0)), format!("the 类 is printed as {:?}: the row cannot be read and is left out of the checks", c(0))));
        }
    }
    let mut ctx = CodeContext::default();
    let mut code_rows: Vec<CodeRow> = Vec::new();
    for (i, r) in &body {
        let Some((code, after, repaired)) = row_code_in(r, &mut ctx) else {
            continue;
        };
        let label = r
            .iter()
            .skip(after.min(r.len()))
            .find(|c| !c.is_empty() && parse_number(c).is_none())
            .cloned()
            .unwrap_or_default();
        if repaired {
            report.findings.push(Finding::note(
                "table.code",
                Severity::Warning,
                &name,
                (Some(format!("{code} {label}")), None),
                format!("科目编码分段缺少前导零，按 {code} 读取"),
                format!("a code segment is printed without its leading zero; read as {code}"),
            ));
        }
        if let Some(finding) = code_finding(catalogue, &name, &code, &label) {
            report.findings.push(finding);
        }
        code_rows.push(CodeRow {
            index: *i,
            code,
            label,
        });
    }
    let is_code_row = |i: usize| code_rows.iter().any(|c| c.index == i);
    // Two-sided summary: 收入总计 … 支出总计 on one row.
    let mut kind = "other";
    for r in rows {
        let joined: Vec<String> = r
            .iter()
            .map(|c| c.chars().filter(|x| !x.is_whitespace()).collect())
            .collect();
        if let (Some(a), Some(b)) = (
            joined.iter().position(|c| c == "收入总计"),
            joined.iter().position(|c| c == "支出总计"),
        ) {
            kind = if header_text.contains("财政拨款收入") || header_text.contains("财政拨款支出")
            {
                "fiscal_summary"
            } else {
                "summary"
            };
            let value_after = |k: usize| {
                joined
                    .iter()
                    .skip(k + 1)
                    .find(|c| parse_number(c).is_some())
                    .cloned()
            };
            if let (Some(x), Some(y)) = (value_after(a), value_after(b)) {
                facts.summary = Some((x.clone(), y.clone()));
                check(
                    Check {
                        table: &name,
                        rule: "summary.balance",
                        row: "收入总计 / 支出总计".into(),
                        column: String::new(),
                        stated_cell: &x,
                        part_cells: vec![&y],
                    },
                    report,
                );
            }
        }
    }
    let header_label = |col: usize| {
        header
            .iter()
            .rev()
            .map(|r| cell(r, col))
            // skip blanks and the 栏次 row (1, 2, 3 … or **)
            .find(|c| !c.is_empty() && parse_number(c).is_none() && *c != "**")
            .map(|c| c.chars().filter(|x| !x.is_whitespace()).collect::<String>())
            .unwrap_or_default()
    };
    if !code_rows.is_empty() && kind == "other" {
        kind = if code_rows
            .iter()
            .all(|r| r.code.starts_with('3') || r.code.starts_with('5'))
        {
            "economic"
        } else {
            "functional"
        };
        // table.subtotal: each code row against its direct children present in the table.
        for parent in &code_rows {
            // Its children are the rows right below it that descend from it: a code printed
            // again further down (a second unit's section) starts a group of its own.
            let children: Vec<&CodeRow> = code_rows
                .iter()
                .skip_while(|c| c.index <= parent.index)
                .take_while(|c| {
                    c.code.len() > parent.code.len() && c.code.starts_with(&parent.code)
                })
                .filter(|c| c.code.len() == parent.code.len() + 2)
                .collect();
            if children.is_empty() {
                continue;
            }
            // A group whose rows may continue on the next page is not checked.
            let last_child = children
                .iter()
                .map(|c| c.index)
                .max()
                .unwrap_or(parent.index);
            let closed = code_rows
                .iter()
                .any(|c| c.index > last_child && !c.code.starts_with(&parent.code))
                || body
                    .iter()
                    .any(|(i, r)| *i > last_child && r.iter().any(|c| is_total_label(c)));
            if !closed {
                continue;
            }
            for &col in &money_cols {
                let (Some(prow), true) = (rows.get(parent.index), true) else {
                    continue;
                };
                let parts: Vec<&str> = children
                    .iter()
                    .filter_map(|c| rows.get(c.index))
                    .map(|r| cell(r, col))
                    .collect();
                if parts.iter().all(|p| p.is_empty()) && cell(prow, col).is_empty() {
                    continue;
                }
                check(
                    Check {
                        table: &name,
                        rule: "table.subtotal",
                        row: format!("{} {}", parent.code, parent.label),
                        column: header_label(col),
                        stated_cell: cell(prow, col),
                        part_cells: parts,
                    },
                    report,
                );
            }
        }
        // table.total: 合计/总计 rows against the top-level codes.
        let top = code_rows.iter().map(|r| r.code.len()).min().unwrap_or(3);
        let tops: Vec<&CodeRow> = code_rows.iter().filter(|r| r.code.len() == top).collect();
        // Top-level codes that repeat mark a detail list (procurement items, 功能×经济 lines),
        // not a hierarchy: its total is not the sum of the top-level rows.
        let mut seen = std::collections::HashSet::new();
        let detail_list = tops.iter().any(|t| !seen.insert(t.code.as_str()));
        // A total printed above the rows, in a table that ends on a code row, may be the total
        // of rows continued on a page the reader could not join: a shortfall there is reported
        // as unverifiable, not as an error.
        let last_code = code_rows.last().map_or(0, |c| c.index);
        let ends_on_code = body.last().is_some_and(|(i, _)| *i == last_code);
        for (i, r) in body.iter().filter(|_| !detail_list) {
            if !is_code_row(*i) && r.iter().any(|c| is_total_label(c)) {
                let maybe_continued =
                    ends_on_code && code_rows.first().is_some_and(|c| c.index > *i);
                let before = report.findings.len();
                for &col in &money_cols {
                    let parts: Vec<&str> = tops
                        .iter()
                        .filter_map(|t| rows.get(t.index))
                        .map(|t| cell(t, col))
                        .collect();
                    if parts.iter().all(|p| p.is_empty()) && cell(r, col).is_empty() {
                        continue;
                    }
                    check(
                        Check {
                            table: &name,
                            rule: "table.total",
                            row: format!("row {} 合计", i + 1),
                            column: header_label(col),
                            stated_cell: cell(r, col),
                            part_cells: parts,
                        },
                        report,
                    );
                }
                let shortfall = report.findings.iter().skip(before).any(|f| {
                    f.severity == Severity::Error && f.difference.is_some_and(|d| d > Decimal::ZERO)
                });
                if maybe_continued && shortfall {
                    report.findings.truncate(before);
                    report.findings.push(Finding::note("table.continued", Severity::Warning, &name, (Some(format!("row {} 合计", i + 1)), None), "合计行列示在表首，表格末行仍为科目行，可能在下一页续表而未能衔接，合计未作核对".into(), "the total row stands above the rows and the table ends on a code row: it may continue on a page that could not be joined, so the total was not checked".into()));
                }
            }
        }
        // table.row_sum: 合计 column = the other money columns, when the header is flat enough.
        let flat = !header_text.contains("小计") && !header_text.contains("其中");
        let total_col = money_cols.first().copied().filter(|c| {
            let l = header_label(*c);
            l.contains("合计") || l.contains("总计")
        });
        if let (true, Some(tc)) = (flat, total_col) {
            let parts: Vec<usize> = money_cols.iter().copied().filter(|c| *c != tc).collect();
            // A column whose label spans columns to its right in a header row is a group over
            // them: leave it out (its leaves are counted).
            let parts: Vec<usize> = parts
                .into_iter()
                .filter(|&c| {
                    !header
                        .iter()
                        .any(|h| !cell(h, c).is_empty() && parts_under(header, h, c, width))
                })
                .collect();
            if !parts.is_empty() {
                let before = report.findings.len();
                let mut mismatches = 0;
                let mut checked = 0;
                for (i, r) in &body {
                    if !is_code_row(*i) && !r.iter().any(|c| is_total_label(c)) {
                        continue;
                    }
                    checked += 1;
                    let n = report.findings.len();
                    check(
                        Check {
                            table: &name,
                            rule: "table.row_sum",
                            row: code_rows
                                .iter()
                                .find(|c| c.index == *i)
                                .map_or_else(|| format!("row {} 合计", i + 1), |c| c.code.clone()),
                            column: header_label(tc),
                            stated_cell: cell(r, tc),
                            part_cells: parts.iter().map(|p| cell(r, *p)).collect(),
                        },
                        report,
                    );
                    if report
                        .findings
                        .get(n)
                        .is_some_and(|f| f.severity == Severity::Error)
                    {
                        mismatches += 1;
                    }
                }
                if checked >= 3 && mismatches == checked {
                    // The identity fails everywhere: the columns were not understood.
                    report.findings.truncate(before);
                    report.findings.push(Finding::note("table.unreadable", Severity::Warning, &name, (None, Some(header_label(tc))), "合计列与其余金额列在每一行都不相等，无法判断列的含义，未作检查".into(), "the 合计 column differs from the other money columns on every row: the columns could not be mapped, so they were not checked".into()));
                }
            }
        }
    }
    facts.carry_forward = rows.iter().any(|r| {
        r.iter().enumerate().any(|(k, c)| {
            c.chars().filter(|x| !x.is_whitespace()).collect::<String>() == "结转下年"
                && r.get(k + 1)
                    .and_then(|v| parse_number(v))
                    .is_some_and(|v| !v.is_zero())
        })
    });
    if kind == "functional" {
        kind = if header_text.contains("基本支出") && header_text.contains("项目支出") {
            "functional_expenditure"
        } else if ["收入", "财政拨款", "一般公共预算"]
            .iter()
            .any(|w| header_text.contains(w))
        {
            "functional_income"
        } else {
            "functional"
        };
    }
    facts.total = body
        .iter()
        .find(|(i, r)| !is_code_row(*i) && r.iter().any(|c| is_total_label(c)))
        .and_then(|(_, r)| money_cols.first().map(|c| cell(r, *c).to_string()))
        .filter(|c| parse_number(c).is_some());
    facts.general_budget = header_text.contains("一般公共预算");
    if let Some((_, r)) = body
        .iter()
        .find(|(i, r)| !is_code_row(*i) && r.iter().any(|c| is_total_label(c)))
    {
        facts.column_totals = money_cols
            .iter()
            .map(|c| (header_label(*c), cell(r, *c).to_string()))
            .collect();
    }
    if let Some(col) = money_cols
        .iter()
        .copied()
        .find(|c| header_label(*c).contains("基本支出"))
    {
        facts.basic_total = body
            .iter()
            .find(|(i, r)| !is_code_row(*i) && r.iter().any(|c| is_total_label(c)))
            .map(|(_, r)| cell(r, col).to_string())
            .filter(|c| parse_number(c).is_some());
    }
    check_weights(rows, &name, report);
    facts.name = name.clone();
    facts.kind = kind;
    facts.unit = table.unit.clone();
    if kind == "economic" {
        if let Some(first) = money_cols.first() {
            facts.economic = code_rows
                .iter()
                .filter(|c| c.code.len() == 5)
                .filter_map(|c| {
                    rows.get(c.index)
                        .map(|r| (c.code.clone(), cell(r, *first).to_string()))
                })
                .collect();
        }
    }
    let labels_three_public =
        header_text.contains("三公") || rows.iter().flatten().any(|c| c.contains("公务接待费"));
    if code_rows.is_empty() && labels_three_public {
        for r in rows {
            if let Some(label) = r
                .iter()
                .find(|c| c.contains("公务接待费") || c.contains("公务用车运行"))
            {
                if let Some(v) = r.iter().find(|c| parse_number(c).is_some()) {
                    facts.three_public.push((label.clone(), v.clone()));
                }
            }
        }
    }
    let no_amounts = !rows.iter().flatten().any(|c| parse_number(c).is_some());
    if no_amounts && (rows.len() >= 2 || !code_rows.is_empty()) {
        if header_text.contains("政府性基金") {
            facts.empty_fund = Some("政府性基金");
        } else if header_text.contains("国有资本经营") {
            facts.empty_fund = Some("国有资本经营");
        }
    }
    report.tables.push(TableSummary {
        place: name,
        kind,
        code_rows: code_rows.len(),
        money_columns: money_cols.len(),
    });
    facts
}

/// 绩效目标表: the weight column (分值权重) must add up to 90 (with 预算执行率 10) or 100.
fn check_weights(rows: &[Vec<String>], name: &str, report: &mut Report) {
    let Some((r0, col)) = rows
        .iter()
        .enumerate()
        .find_map(|(i, r)| r.iter().position(|c| c.contains("权重")).map(|c| (i, c)))
    else {
        return;
    };
    let weights: Vec<Decimal> = rows
        .iter()
        .skip(r0 + 1)
        .filter_map(|r| r.get(col).and_then(|c| parse_number(c)))
        .collect();
    if weights.len() < 2 {
        return;
    }
    let sum: Decimal = weights
        .iter()
        .fold(Decimal::ZERO, |a, b| a.saturating_add(*b));
    if sum != Decimal::from(90) && sum != Decimal::from(100) {
        // Less than 90 may be the first part of a table continued on the next page.
        let severity = if sum < Decimal::from(90) {
            Severity::Info
        } else {
            Severity::Warning
        };
        report.findings.push(Finding {
            rule: "performance.weights",
            severity,
            tables: vec![name.to_string()],
            row: None,
            column: rows.get(r0).and_then(|r| r.get(col)).cloned(),
            stated: Some(sum),
            computed: None,
            difference: None,
            message: format!("指标权重合计 {sum}，既非 100，也非 90（另计预算执行率 10）"),
            message_en: format!(
                "indicator weights add up to {sum}: neither 100 nor 90 (with 预算执行率 worth 10)"
            ),
        });
    }
}

/// Whether header row `h` has a label at `c` followed by empty cells that a deeper header row
/// fills: a group label over several columns.
fn parts_under(header: &[Vec<String>], h: &[String], c: usize, width: usize) -> bool {
    let depth = header.iter().position(|r| r.as_slice() == h).unwrap_or(0);
    let deeper = || header.iter().skip(depth + 1);
    // A leaf label under it (人员支出 under 基本支出) makes the column a leaf after all.
    // a label, not a blank or a 栏次 cell (1, 2, 3 … or **)
    let is_label = |l: &str| !l.is_empty() && parse_number(l).is_none() && l != "**";
    let leaf_below = deeper().any(|r| is_label(cell(r, c)));
    !leaf_below
        && (c + 1..width)
            .take_while(|k| cell(h, *k).is_empty())
            .any(|k| deeper().any(|r| is_label(cell(r, k))))
}

/// A narrative phrase and where its figure stands in the tables.
type Anchor<'a> = (
    &'static str,
    &'static str,
    Option<(String, String)>,
    Option<&'a Facts>,
);

/// The narrative's headline amounts (收支总预算, 部门收入预算, 支出预算, 基本支出 and 项目支出
/// with their shares, 人员经费, 公用经费) against the tables that print them, where the tables
/// state their unit.
fn narrative_against_tables(text: &str, facts: &[Facts], report: &mut Report) {
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let to_wan = |f: &Facts, cell: &str| -> Option<(Decimal, Decimal)> {
        let v = parse_number(cell)?;
        let h = half_step(&[cell]);
        match f.unit.as_deref() {
            Some("万元") => Some((v, h)),
            Some("元") => Some((v / Decimal::from(10_000), h / Decimal::from(10_000))),
            _ => None,
        }
    };
    let summary = facts
        .iter()
        .find(|f| f.kind == "summary" && f.summary.is_some());
    let spending = facts.iter().find(|f| f.kind == "functional_expenditure");
    let basic = facts
        .iter()
        .find(|f| f.kind == "economic" && f.general_budget);
    let column = |f: Option<&Facts>, label: &str| -> Option<(String, String)> {
        let f = f?;
        let cell = f
            .column_totals
            .iter()
            .find(|(l, _)| l.contains(label))
            .map(|(_, c)| c.clone())?;
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
        ("基本支出", "，占", column(spending, "基本支出"), spending),
        ("项目支出", "，占", column(spending, "项目支出"), spending),
        ("人员经费", "", column(basic, "人员经费"), basic),
        ("公用经费", "", column(basic, "公用经费"), basic),
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
        let Some(stated) = parse_number(&number) else {
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
