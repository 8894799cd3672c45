//! 单表核对: one table's own identities (subtotals, totals, row sums, fixed rows) and what it
//! says that the other tables must agree with ([`Facts`]).
//!
//! A table recognised as a template's table is checked by what the template says its columns
//! and rows mean: a column that totals others (`total_of`), a row that totals others, the
//! table's row structure. A generic table is checked by what its header text says.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use super::codes::{CodeContext, code_finding, is_segment, row_code_in};
use super::document::read_number;
use super::document::{CellValue, PublishedTable};
use super::recognise::{
    Meaning, RightPart, RowMeaning, TemplateTable, body_start, is_column_numbers, norm,
};
use super::{
    Check, Facts, Finding, Parts, Report, Role, Rule, RuleInfo, Scope, Severity, Shape, cell,
    check, check_parts, is_total_label,
};
use crate::classification::Catalogue;
use crate::disclosure::{BodyKind, ClassList, Filter, Spending};
use crate::funding::FundType;

/// A row with a classification code.
#[derive(Debug, Clone)]
struct CodeRow {
    index: usize,
    code: String,
    label: String,
}

/// A table laid out: its header and body rows, money columns and code rows.
struct Layout<'a> {
    name: String,
    rows: &'a [Vec<String>],
    header: &'a [Vec<String>],
    header_text: String,
    width: usize,
    body: Vec<(usize, &'a Vec<String>)>,
    money_cols: Vec<usize>,
    code_rows: Vec<CodeRow>,
    /// Row index → position in `code_rows`.
    code_at: HashMap<usize, usize>,
}

impl Layout<'_> {
    fn is_code_row(&self, i: usize) -> bool {
        self.code_at.contains_key(&i)
    }

    fn is_total_row(&self, i: usize, r: &[String]) -> bool {
        !self.is_code_row(i) && r.iter().any(|c| is_total_label(c))
    }

    /// The header label of a column: the deepest non-blank cell that is no 栏次 number.
    fn header_label(&self, col: usize) -> String {
        self.header
            .iter()
            .rev()
            .map(|r| cell(r, col))
            .find(|c| !c.is_empty() && read_number(c).is_none() && *c != "**")
            .map(norm)
            .unwrap_or_default()
    }

    /// How a finding names a row: its code, `row N 合计`, its label, or `row N`.
    fn row_name(&self, i: usize, r: &[String]) -> String {
        if let Some(c) = self.code_at.get(&i).and_then(|p| self.code_rows.get(*p)) {
            return c.code.clone();
        }
        if r.iter().any(|c| is_total_label(c)) {
            return format!("row {} 合计", i + 1);
        }
        r.iter()
            .find(|c| !c.is_empty() && read_number(c).is_none())
            .map_or_else(|| format!("row {}", i + 1), |c| norm(c))
    }
}

/// What a table-scope rule looks at: the table read, its layout, its template table (if
/// recognised), and the row of its 收入总计 / 支出总计 (a two-sided summary).
pub(super) struct TableContext<'a> {
    published: &'a PublishedTable,
    layout: Layout<'a>,
    template: Option<&'a TemplateTable>,
    /// The last row printing both 收入总计 and 支出总计, and each such row's two amounts.
    two_sided: (Option<usize>, Vec<(String, String)>),
    /// What the catalogue says about each code row (read once; each code rule takes its own).
    code_lints: RefCell<Vec<Finding>>,
}

impl TableContext<'_> {
    /// Whether the table is checked as a code tree: a template tree, or a generic table with
    /// code rows that is no two-sided summary.
    fn generic_tree(&self) -> bool {
        self.template.is_none() && !self.layout.code_rows.is_empty() && self.two_sided.0.is_none()
    }

    fn structure(&self) -> Option<BodyKind> {
        self.template.map(|t| t.structure)
    }
}

/// The check of a table rule.
pub(super) type TableCheck = for<'a, 'b> fn(&'b TableContext<'a>, &mut Report);

/// 单表规则: the rules that look at one table, each with its id, severity, when it applies and
/// the one function that checks it.
pub(super) const TABLE_RULES: &[Rule<TableCheck>] = &[
    Rule {
        info: RuleInfo {
            id: "table.code",
            severity: Severity::Warning,
            scope: Scope::Table,
            applies_when: "a row prints a code",
            description: "a code segment printed without its leading zero, or a 类 printed as a two-digit segment",
        },
        check: Some(code_printing),
    },
    Rule {
        info: RuleInfo {
            id: "code.unknown",
            severity: Severity::Info,
            scope: Scope::Table,
            applies_when: "a row prints a code",
            description: "a code the catalogue edition does not list (info: the built-in edition is not complete)",
        },
        check: Some(code_unknown),
    },
    Rule {
        info: RuleInfo {
            id: "code.alias",
            severity: Severity::Info,
            scope: Scope::Table,
            applies_when: "a row prints a listed code",
            description: "a listed code printed under one of its aliases rather than the edition's name",
        },
        check: Some(code_alias),
    },
    Rule {
        info: RuleInfo {
            id: "code.local_extension",
            severity: Severity::Info,
            scope: Scope::Table,
            applies_when: "a row prints a code",
            description: "a local sub-item of a national code",
        },
        check: Some(code_local_extension),
    },
    Rule {
        info: RuleInfo {
            id: "summary.balance",
            severity: Severity::Error,
            scope: Scope::Table,
            applies_when: "a row prints 收入总计 and 支出总计 (a two-sided summary)",
            description: "收入总计 equals 支出总计",
        },
        check: Some(summary_balance),
    },
    Rule {
        info: RuleInfo {
            id: "table.subtotal",
            severity: Severity::Error,
            scope: Scope::Table,
            applies_when: "a code tree (template tree, or generic table with codes), or a project list with a department row",
            description: "a 类 (款) row equals the sum of its 款 (项) rows, per money column; a department row the sum of its projects",
        },
        check: Some(subtotal_rule),
    },
    Rule {
        info: RuleInfo {
            id: "table.total",
            severity: Severity::Error,
            scope: Scope::Table,
            applies_when: "a code tree, a two-sided summary or a project list with a total row",
            description: "the 合计/总计 row equals the sum of the top-level code rows (of a two-sided table's right side: of the rows above), per money column",
        },
        check: Some(total_rule),
    },
    Rule {
        info: RuleInfo {
            id: "table.continued",
            severity: Severity::Warning,
            scope: Scope::Table,
            applies_when: "reported by table.total's check when a total printed above the rows falls short",
            description: "a total printed above rows that may continue on a page that could not be joined",
        },
        check: None,
    },
    Rule {
        info: RuleInfo {
            id: "table.row_sum",
            severity: Severity::Error,
            scope: Scope::Table,
            applies_when: "a template column that totals others, or a generic code table's 合计 column under a flat header",
            description: "a column that totals others (the template's `total_of`; in a generic table the 合计 column) equals their sum, per row",
        },
        check: Some(row_sum_rule),
    },
    Rule {
        info: RuleInfo {
            id: "table.unreadable",
            severity: Severity::Warning,
            scope: Scope::Table,
            applies_when: "reported by table.row_sum's check when the identity fails on every row",
            description: "columns that could not be mapped well enough to check",
        },
        check: None,
    },
    Rule {
        info: RuleInfo {
            id: "table.row_total",
            severity: Severity::Error,
            scope: Scope::Table,
            applies_when: "a template table with fixed rows that total others",
            description: "a template's fixed row that totals others (小计, 一、本年收入, 收入总计) equals their sum, per money column",
        },
        check: Some(row_total_rule),
    },
    Rule {
        info: RuleInfo {
            id: "table.unreadable_cell",
            severity: Severity::Info,
            scope: Scope::Table,
            applies_when: "a money column holds a cell that looks like a number but is none",
            description: "cells that cannot be read as one amount (two numbers merged, misplaced separators, too many decimals) are reported and left out, never read as 0",
        },
        check: Some(unreadable_cells),
    },
];

/// Audits one table: reads its layout and codes, runs every table rule, and returns what the
/// other tables must agree with.
pub(super) fn audit_table(
    published: &PublishedTable,
    catalogue: &Catalogue,
    report: &mut Report,
) -> Facts {
    let template = published.recognition.template();
    let layout = layout(published, template);
    let two_sided = two_sided_rows(&layout, template);
    let mut facts = Facts {
        name: layout.name.clone(),
        unit: published.unit,
        summary: two_sided.1.last().cloned(),
        ..Facts::default()
    };
    match template {
        Some(t) => template_meaning(t, &mut facts),
        None => generic_meaning(&layout, two_sided.0.is_some(), &mut facts),
    }
    table_facts(&layout, template, &mut facts);
    facts.code_rows = layout.code_rows.len();
    facts.money_columns = layout.money_cols.len();
    let code_lints = layout
        .code_rows
        .iter()
        .filter_map(|row| code_finding(catalogue, &layout.name, &row.code, &row.label))
        .collect::<Vec<_>>()
        .into();
    let ctx = TableContext {
        published,
        layout,
        template,
        two_sided,
        code_lints,
    };
    for rule in TABLE_RULES {
        if let Some(check) = rule.check {
            check(&ctx, report);
        }
    }
    facts
}

/// table.subtotal: a code tree's 类/款 rows, a project list's department row.
fn subtotal_rule(ctx: &TableContext<'_>, report: &mut Report) {
    match ctx.template {
        Some(t) if is_tree(t.structure) => subtotals(&ctx.layout, report),
        Some(t) if is_list(t.structure) => {
            list_totals(&ctx.layout, t, ListPart::Department, report)
        }
        None if ctx.generic_tree() => subtotals(&ctx.layout, report),
        _ => {}
    }
}

/// table.total: a code tree's, a two-sided summary's right side, a list's total row.
fn total_rule(ctx: &TableContext<'_>, report: &mut Report) {
    match ctx.template {
        Some(t) if is_tree(t.structure) => totals(&ctx.layout, report),
        Some(t) if t.structure == BodyKind::TwoSided => {
            two_sided_total(&ctx.layout, t, ctx.two_sided.0, report);
        }
        Some(t) if is_list(t.structure) => list_totals(&ctx.layout, t, ListPart::Total, report),
        None if ctx.generic_tree() => totals(&ctx.layout, report),
        _ => {}
    }
}

/// table.row_sum: a template's columns that total others; a generic tree's 合计 column.
fn row_sum_rule(ctx: &TableContext<'_>, report: &mut Report) {
    match ctx.template {
        Some(t) => template_row_sums(&ctx.layout, t, report),
        None if ctx.generic_tree() => generic_row_sums(&ctx.layout, report),
        None => {}
    }
}

/// table.row_total: a template's fixed rows that total others.
fn row_total_rule(ctx: &TableContext<'_>, report: &mut Report) {
    if let Some(t) = ctx.template {
        fixed_rows(&ctx.layout, t, report);
    }
}

fn is_list(structure: BodyKind) -> bool {
    matches!(structure, BodyKind::PerProject | BodyKind::PerCarryOver)
}

/// table.unreadable_cell: one warning per table naming how many money cells could not be
/// read and the first of them.
fn unreadable_cells(ctx: &TableContext<'_>, report: &mut Report) {
    let layout = &ctx.layout;
    let mut bad = layout.body.iter().flat_map(|(i, r)| {
        layout.money_cols.iter().filter_map(move |c| {
            let cell = ctx.published.cells.get(*i)?.get(*c)?;
            (cell.value == CellValue::Unreadable).then(|| (*i, *c, cell_text(r, *c)))
        })
    });
    let Some((i, c, first)) = bad.next() else {
        return;
    };
    let count = 1 + bad.count();
    let row = layout
        .rows
        .get(i)
        .map_or_else(String::new, |r| layout.row_name(i, r));
    report.findings.push(Finding::note(
        "table.unreadable_cell",
        Severity::Info,
        &layout.name,
        (Some(row), Some(layout.header_label(c))),
        format!("{count} 个金额单元格无法读取（首个为“{first}”），未计入核对，也未按 0 计"),
        format!("{count} money cell(s) cannot be read (the first is {first:?}): left out of the checks, not read as 0"),
    ));
}

fn cell_text(r: &[String], c: usize) -> String {
    r.get(c).cloned().unwrap_or_default()
}

/// table.code: codes printed so that they had to be repaired, or could not be read.
fn code_printing(ctx: &TableContext<'_>, report: &mut Report) {
    let name = &ctx.layout.name;
    for (_, r) in &ctx.layout.body {
        let c = |i: usize| r.get(i).map_or("", String::as_str);
        if is_segment(c(0)) && is_segment(c(1)) && !c(3).is_empty() {
            let row = r
                .iter()
                .filter(|x| !x.is_empty())
                .take(4)
                .cloned()
                .collect::<Vec<_>>()
                .join(" ");
            report.findings.push(Finding::note(
                "table.code",
                Severity::Warning,
                name,
                (Some(row), None),
                format!("类级编码印作“{}”，无法读取，该行未参与核对", c(0)),
                format!(
                    "the 类 is printed as {:?}: the row cannot be read and is left out of the checks",
                    c(0)
                ),
            ));
        }
    }
    for row in &ctx.layout.code_rows {
        let repaired = ctx
            .published
            .codes
            .get(row.index)
            .and_then(Option::as_ref)
            .is_some_and(|c| c.repaired);
        if repaired {
            let code = &row.code;
            report.findings.push(Finding::note(
                "table.code",
                Severity::Warning,
                name,
                (Some(format!("{code} {}", row.label)), None),
                format!("科目编码分段缺少前导零，按 {code} 读取"),
                format!("a code segment is printed without its leading zero; read as {code}"),
            ));
        }
    }
}

/// What the catalogue says about each code row, kept when it is rule `id`'s.
fn code_lint(ctx: &TableContext<'_>, id: &str, report: &mut Report) {
    let mut lints = ctx.code_lints.borrow_mut();
    let (mine, rest): (Vec<Finding>, Vec<Finding>) = std::mem::take(&mut *lints)
        .into_iter()
        .partition(|f| f.rule == id);
    *lints = rest;
    report.findings.extend(mine);
}

/// code.unknown.
fn code_unknown(ctx: &TableContext<'_>, report: &mut Report) {
    code_lint(ctx, "code.unknown", report);
}

/// code.alias.
fn code_alias(ctx: &TableContext<'_>, report: &mut Report) {
    code_lint(ctx, "code.alias", report);
}

/// code.local_extension.
fn code_local_extension(ctx: &TableContext<'_>, report: &mut Report) {
    code_lint(ctx, "code.local_extension", report);
}

/// summary.balance: each row printing 收入总计 and 支出总计 balances.
fn summary_balance(ctx: &TableContext<'_>, report: &mut Report) {
    if ctx.structure().is_some_and(|s| s != BodyKind::TwoSided) {
        return;
    }
    for (x, y) in &ctx.two_sided.1 {
        check(
            Check {
                table: &ctx.layout.name,
                rule: "summary.balance",
                row: "收入总计 / 支出总计".into(),
                column: String::new(),
                stated_cell: x,
                part_cells: vec![y],
            },
            report,
        );
    }
}

fn is_tree(structure: BodyKind) -> bool {
    matches!(
        structure,
        BodyKind::FunctionalTree | BodyKind::EconomicTree | BodyKind::ProjectList
    )
}

/// Reads a table's header, body, money columns and code rows (reporting codes it repairs or
/// cannot read, and what the catalogue says about each code).
fn layout<'a>(published: &'a PublishedTable, template: Option<&TemplateTable>) -> Layout<'a> {
    let name = published.name();
    let rows = published.raw.rows.as_slice();
    let body_start = body_start(rows);
    let header = rows.get(..body_start).unwrap_or(&[]);
    let header_text: String = header.iter().flatten().map(|c| norm(c)).collect();
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    // a 栏次 row repeated where the table continues on a new page is no body row
    let body: Vec<(usize, &Vec<String>)> = rows
        .iter()
        .enumerate()
        .skip(body_start)
        .filter(|(_, r)| !is_column_numbers(r))
        .collect();
    let money_cols = match template {
        Some(t) => t
            .columns
            .iter()
            .filter(|c| c.meaning != Meaning::Blank)
            .map(|c| c.position)
            .collect(),
        None => generic_money_columns(header, &body, width),
    };
    let code_rows = code_rows(&body, published);
    let code_at = code_rows
        .iter()
        .enumerate()
        .map(|(p, c)| (c.index, p))
        .collect();
    Layout {
        name,
        rows,
        header,
        header_text,
        width,
        body,
        money_cols,
        code_rows,
        code_at,
    }
}

/// A generic table's money columns: after the code columns, not headed as a code column, with
/// a number in the body.
fn generic_money_columns(
    header: &[Vec<String>],
    body: &[(usize, &Vec<String>)],
    width: usize,
) -> Vec<usize> {
    let mut probe = CodeContext::default();
    let code_width = body
        .iter()
        .filter_map(|(_, r)| row_code_in(r, &mut probe).map(|(_, after, _)| after))
        .max()
        .unwrap_or(0);
    let is_code_column = |c: usize| {
        header.iter().any(|h| {
            let l = norm(cell(h, c));
            l.contains("编码") || l.contains("代码") || l == "类" || l == "款" || l == "项"
        })
    };
    (code_width..width)
        .filter(|&c| !is_code_column(c))
        .filter(|&c| body.iter().any(|(_, r)| read_number(cell(r, c)).is_some()))
        .collect()
}

/// The body rows with a classification code (as the document read them), in order.
fn code_rows(body: &[(usize, &Vec<String>)], published: &PublishedTable) -> Vec<CodeRow> {
    body.iter()
        .filter_map(|(i, _)| {
            let read = published.codes.get(*i).and_then(Option::as_ref)?;
            Some(CodeRow {
                index: *i,
                code: read.digits.clone(),
                label: read.label.clone(),
            })
        })
        .collect()
}

/// Two-sided summary: the rows printing 收入总计 … 支出总计 (the template's labels where
/// known): the last such row's index, and each such row's two amounts.
fn two_sided_rows(
    layout: &Layout<'_>,
    template: Option<&TemplateTable>,
) -> (Option<usize>, Vec<(String, String)>) {
    if template.is_some_and(|t| t.structure != BodyKind::TwoSided) {
        return (None, Vec::new());
    }
    let (left, right) =
        match template.and_then(|t| t.total_label.as_ref().zip(t.right_label.as_ref())) {
            Some((l, r)) => (norm(l), norm(r)),
            None => ("收入总计".to_string(), "支出总计".to_string()),
        };
    let mut found = None;
    let mut pairs = Vec::new();
    for (i, r) in layout.rows.iter().enumerate() {
        let joined: Vec<String> = r.iter().map(|c| norm(c)).collect();
        let (Some(a), Some(b)) = (
            joined.iter().position(|c| *c == left),
            joined.iter().position(|c| *c == right),
        ) else {
            continue;
        };
        found = Some(i);
        let value_after = |k: usize| {
            joined
                .iter()
                .skip(k + 1)
                .find(|c| read_number(c).is_some())
                .cloned()
        };
        if let (Some(x), Some(y)) = (value_after(a), value_after(b)) {
            pairs.push((x, y));
        }
    }
    (found, pairs)
}

/// Whether a filter keeps only 一般公共预算 money.
fn general_budget_only(f: &Filter) -> bool {
    f.fund
        .as_ref()
        .is_some_and(|fs| !fs.is_empty() && fs.iter().all(|x| *x == FundType::GeneralPublicBudget))
        || f.source.as_ref().is_some_and(|s| {
            !s.is_empty()
                && s.iter()
                    .all(|x| x.fund_type() == Some(FundType::GeneralPublicBudget))
        })
}

/// The role a column whose filter is exactly one 支出类型 plays in the cross-table rules.
fn role_of(f: &Filter) -> Option<Role> {
    let kind = match f.spending.as_deref() {
        Some([k]) => *k,
        _ => return None,
    };
    let only = Filter {
        spending: Some(vec![kind]),
        ..Filter::default()
    };
    (*f == only).then_some(match kind {
        Spending::Basic => Role::Basic,
        Spending::Project => Role::Project,
        Spending::Personnel => Role::Personnel,
        Spending::Operating => Role::Operating,
    })
}

/// What a template table is to the cross-table rules, from its structure and filters.
fn template_meaning(t: &TemplateTable, facts: &mut Facts) {
    facts.shape = match t.structure {
        BodyKind::TwoSided => Shape::TwoSided,
        BodyKind::FunctionalTree => Shape::FunctionalTree,
        BodyKind::EconomicTree => Shape::EconomicTree,
        _ => Shape::Other,
    };
    facts.whole = t.lines == Filter::default();
    facts.general_budget = general_budget_only(&t.lines);
    facts.lines = Some(t.lines.clone());
    facts.by_spending = t
        .columns
        .iter()
        .any(|c| matches!(&c.meaning, Meaning::Lines(f) if f.spending.is_some()));
}

/// What a generic table is to the cross-table rules, from its header text: a two-sided
/// summary (of 财政拨款 where the header says so), a functional tree split by 基本/项目
/// (spending) or by source (income), an economic tree.
fn generic_meaning(layout: &Layout<'_>, two_sided: bool, facts: &mut Facts) {
    let h = &layout.header_text;
    facts.general_budget = h.contains("一般公共预算");
    if two_sided {
        facts.shape = Shape::TwoSided;
        facts.whole = !(h.contains("财政拨款收入") || h.contains("财政拨款支出"));
        facts.general_budget = false;
    } else if layout.code_rows.is_empty() {
        facts.shape = Shape::Other;
    } else if layout
        .code_rows
        .iter()
        .all(|r| r.code.starts_with('3') || r.code.starts_with('5'))
    {
        facts.shape = Shape::EconomicTree;
    } else {
        facts.shape = Shape::FunctionalTree;
        // The header cannot tell a table's 口径: the first of each kind is taken as the whole
        // budget's.
        if h.contains("基本支出") && h.contains("项目支出") {
            facts.whole = true;
            facts.by_spending = true;
        } else if ["收入", "财政拨款", "一般公共预算"]
            .iter()
            .any(|w| h.contains(w))
        {
            facts.whole = true;
        }
    }
}

/// Positions of `code_rows` after `p` that descend from the row at `p`, up to the first that
/// does not.
fn descendants(rows: &[CodeRow], p: usize) -> impl Iterator<Item = &CodeRow> {
    let parent = rows.get(p);
    rows.iter().skip(p + 1).take_while(move |c| {
        parent.is_some_and(|parent| {
            c.code.len() > parent.code.len() && c.code.starts_with(&parent.code)
        })
    })
}

/// For each code row: whether a later code row does not start with its code (then its group
/// is closed on this page). One backward pass per code length.
fn closed_after(rows: &[CodeRow]) -> Vec<bool> {
    let mut closed = vec![false; rows.len()];
    for len in [3usize, 5, 7] {
        // the prefixes of the rows after the current one: the first seen, and whether two differ
        let mut seen: Option<&str> = None;
        let mut several = false;
        for (p, r) in rows.iter().enumerate().rev() {
            if r.code.len() == len {
                if let Some(slot) = closed.get_mut(p) {
                    *slot = several || seen.is_some_and(|s| s != r.code);
                }
            }
            let prefix = r.code.get(..len).unwrap_or("");
            match seen {
                None => seen = Some(prefix),
                Some(s) if s != prefix => several = true,
                Some(_) => {}
            }
        }
    }
    closed
}

/// table.subtotal: each code row against its direct children present in the table.
fn subtotals(layout: &Layout<'_>, report: &mut Report) {
    let rows = layout.rows;
    let last_total = layout
        .body
        .iter()
        .rev()
        .find(|(i, r)| r.iter().any(|c| is_total_label(c)) && !layout.is_code_row(*i))
        .map(|(i, _)| *i);
    let closed_by_code = closed_after(&layout.code_rows);
    for (p, parent) in layout.code_rows.iter().enumerate() {
        // Its children are the rows right below it that descend from it: a code printed
        // again further down (a second unit's section) starts a group of its own.
        let children: Vec<&CodeRow> = descendants(&layout.code_rows, p)
            .filter(|c| c.code.len() == parent.code.len() + 2)
            .collect();
        let Some(last_child) = children.iter().map(|c| c.index).max() else {
            continue;
        };
        // A group whose rows may continue on the next page is not checked.
        let closed = closed_by_code.get(p).copied().unwrap_or(false)
            || last_total.is_some_and(|t| t > last_child);
        if !closed {
            continue;
        }
        let Some(prow) = rows.get(parent.index) else {
            continue;
        };
        for &col in &layout.money_cols {
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
                    table: &layout.name,
                    rule: "table.subtotal",
                    row: format!("{} {}", parent.code, parent.label),
                    column: layout.header_label(col),
                    stated_cell: cell(prow, col),
                    part_cells: parts,
                },
                report,
            );
        }
    }
}

/// table.total: 合计/总计 rows against the top-level codes.
fn totals(layout: &Layout<'_>, report: &mut Report) {
    let rows = layout.rows;
    let code_rows = &layout.code_rows;
    let top = code_rows.iter().map(|r| r.code.len()).min().unwrap_or(3);
    let tops: Vec<&CodeRow> = code_rows.iter().filter(|r| r.code.len() == top).collect();
    // A tree printed by name only (`codes = "none"`) has no code rows to add up: its levels
    // cannot be told apart, so its total is not checked here.
    if tops.is_empty() {
        return;
    }
    // Top-level codes that repeat mark a detail list (procurement items, 功能×经济 lines),
    // not a hierarchy: its total is not the sum of the top-level rows.
    let mut seen = HashSet::new();
    if tops.iter().any(|t| !seen.insert(t.code.as_str())) {
        return;
    }
    // A total printed above the rows, in a table that ends on a code row, may be the total
    // of rows continued on a page the reader could not join: a shortfall there is reported
    // as unverifiable, not as an error.
    let last_code = code_rows.last().map_or(0, |c| c.index);
    let ends_on_code = layout.body.last().is_some_and(|(i, _)| *i == last_code);
    let parts: Vec<(usize, Parts)> = layout
        .money_cols
        .iter()
        .map(|&col| {
            let cells: Vec<&str> = tops
                .iter()
                .filter_map(|t| rows.get(t.index))
                .map(|t| cell(t, col))
                .collect();
            (col, Parts::of(&cells))
        })
        .collect();
    for (i, r) in &layout.body {
        if !layout.is_total_row(*i, r) {
            continue;
        }
        let maybe_continued = ends_on_code && code_rows.first().is_some_and(|c| c.index > *i);
        let before = report.findings.len();
        for (col, parts) in &parts {
            if parts.blank && cell(r, *col).is_empty() {
                continue;
            }
            check_parts(
                &layout.name,
                "table.total",
                (format!("row {} 合计", i + 1), layout.header_label(*col)),
                cell(r, *col),
                parts,
                report,
            );
        }
        let shortfall = report.findings.iter().skip(before).any(|f| {
            f.severity == Severity::Error && f.difference.is_some_and(|d| d > Decimal::ZERO)
        });
        if maybe_continued && shortfall {
            report.findings.truncate(before);
            report.findings.push(Finding::note(
                "table.continued",
                Severity::Warning,
                &layout.name,
                (Some(format!("row {} 合计", i + 1)), None),
                "合计行列示在表首，表格末行仍为科目行，可能在下一页续表而未能衔接，合计未作核对".into(),
                "the total row stands above the rows and the table ends on a code row: it may continue on a page that could not be joined, so the total was not checked".into(),
            ));
        }
    }
}

/// Checks `stated` column = the `parts` columns on every row `rows` selects; when the identity
/// fails on every one of three or more rows, the columns were not understood and one
/// table.unreadable warning replaces the errors.
fn row_sum(
    layout: &Layout<'_>,
    stated: usize,
    parts: &[usize],
    selected: impl Fn(usize, &[String]) -> bool,
    report: &mut Report,
) {
    let before = report.findings.len();
    let (mut checked, mut mismatches) = (0usize, 0usize);
    for (i, r) in &layout.body {
        if !selected(*i, r) {
            continue;
        }
        checked += 1;
        let n = report.findings.len();
        check(
            Check {
                table: &layout.name,
                rule: "table.row_sum",
                row: layout.row_name(*i, r),
                column: layout.header_label(stated),
                stated_cell: cell(r, stated),
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
        report.findings.truncate(before);
        report.findings.push(Finding::note(
            "table.unreadable",
            Severity::Warning,
            &layout.name,
            (None, Some(layout.header_label(stated))),
            "合计列与其余金额列在每一行都不相等，无法判断列的含义，未作检查".into(),
            "the 合计 column differs from the other money columns on every row: the columns could not be mapped, so they were not checked".into(),
        ));
    }
}

/// table.row_sum of a template table: every column that totals others (`total_of`), on every
/// body row that prints a number.
fn template_row_sums(layout: &Layout<'_>, t: &TemplateTable, report: &mut Report) {
    for c in &t.columns {
        let Meaning::TotalOf(parts) = &c.meaning else {
            continue;
        };
        if parts.is_empty() {
            continue;
        }
        let on = |_: usize, r: &[String]| {
            std::iter::once(&c.position)
                .chain(parts)
                .any(|p| read_number(cell(r, *p)).is_some())
        };
        row_sum(layout, c.position, parts, on, report);
    }
}

/// table.row_sum of a generic table: the 合计 column against the other money columns, when the
/// header is flat enough to tell.
fn generic_row_sums(layout: &Layout<'_>, report: &mut Report) {
    let flat = !layout.header_text.contains("小计") && !layout.header_text.contains("其中");
    let total_col = layout.money_cols.first().copied().filter(|c| {
        let l = layout.header_label(*c);
        l.contains("合计") || l.contains("总计")
    });
    let (true, Some(tc)) = (flat, total_col) else {
        return;
    };
    // A column whose label spans columns to its right in a header row is a group over them:
    // leave it out (its leaves are counted).
    let parts: Vec<usize> = layout
        .money_cols
        .iter()
        .copied()
        .filter(|c| *c != tc)
        .filter(|&c| {
            !layout.header.iter().enumerate().any(|(depth, h)| {
                !cell(h, c).is_empty() && parts_under(layout.header, depth, c, layout.width)
            })
        })
        .collect();
    if parts.is_empty() {
        return;
    }
    let on = |i: usize, r: &[String]| layout.is_code_row(i) || r.iter().any(|c| is_total_label(c));
    row_sum(layout, tc, &parts, on, report);
}

/// table.row_total: a template's fixed row that totals others (小计, 一、本年收入, 收入总计)
/// equals their sum, in every money column its rows print.
fn fixed_rows(layout: &Layout<'_>, t: &TemplateTable, report: &mut Report) {
    if !t.rows.iter().any(|r| !r.total_of.is_empty()) {
        return;
    }
    let placed = place_rows(layout, t);
    let cols: Vec<usize> = if t.structure == BodyKind::TwoSided {
        vec![1]
    } else {
        layout.money_cols.clone()
    };
    let mut specs: Vec<(Option<usize>, &str, &[usize])> = t
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.total_of.is_empty())
        .map(|(k, r)| {
            (
                placed.get(k).copied().flatten(),
                r.label.as_str(),
                r.total_of_at.as_slice(),
            )
        })
        .collect();
    if let (Some(total), false) = (&t.total_label, t.total_of_rows_at.is_empty()) {
        let label = norm(total);
        let at = layout
            .rows
            .iter()
            .position(|r| r.first().is_some_and(|c| norm(c) == label));
        specs.push((at, total, t.total_of_rows_at.as_slice()));
    }
    for (at, label, of) in specs {
        let Some(row) = at.and_then(|at| layout.rows.get(at)) else {
            continue;
        };
        let Some(parts) = part_rows(&t.rows, of, &placed) else {
            continue;
        };
        for &col in &cols {
            let cells: Vec<&str> = parts
                .iter()
                .filter_map(|p| layout.rows.get(*p))
                .map(|r| cell(r, col))
                .collect();
            if cells.iter().all(|c| c.is_empty()) && cell(row, col).is_empty() {
                continue;
            }
            check(
                Check {
                    table: &layout.name,
                    rule: "table.row_total",
                    row: norm(label),
                    column: layout.header_label(col),
                    stated_cell: cell(row, col),
                    part_cells: cells,
                },
                report,
            );
        }
    }
}

/// Where each fixed row of the template is printed: its label in the first column, found in
/// the template's order from the row after the previous one (a label may repeat, as
/// 一般公共预算 under 本年收入 and under 上年结转). Rows above the first amount are read too (a
/// blank first row is still a row).
fn place_rows(layout: &Layout<'_>, t: &TemplateTable) -> Vec<Option<usize>> {
    let firsts: Vec<String> = layout
        .rows
        .iter()
        .map(|r| r.first().map(|c| norm(c)).unwrap_or_default())
        .collect();
    let mut from = 0;
    t.rows
        .iter()
        .map(|r| {
            let label = norm(&r.label);
            let found = firsts
                .iter()
                .enumerate()
                .skip(from)
                .find(|(_, f)| !label.is_empty() && **f == label)
                .map(|(i, _)| i);
            if let Some(i) = found {
                from = i + 1;
            }
            found
        })
        .collect()
}

/// The printed rows of the fixed rows at positions `of`; a row the template leaves out when
/// zero may be missing, any other missing row makes the identity uncheckable (`None`).
fn part_rows(rows: &[RowMeaning], of: &[usize], placed: &[Option<usize>]) -> Option<Vec<usize>> {
    let mut found = Vec::new();
    for &k in of {
        match placed.get(k).copied().flatten() {
            Some(i) => found.push(i),
            None if rows.get(k).is_some_and(|r| r.only_if_nonzero) => {}
            None => return None,
        }
    }
    Some(found)
}

/// A two-sided table's right total: per right money column, the rows `total.right_of` names
/// add up to the 支出总计 row — a fixed right row by its label, the 类 of a `classes` row as
/// the right rows that are no fixed row (or the fixed row that adds exactly them up, such as
/// 本年支出合计). 类 listed as a tree print their 款 and 项 among them: without such a row they
/// are not summed and the column is not checked.
fn two_sided_total(
    layout: &Layout<'_>,
    t: &TemplateTable,
    total_row: Option<usize>,
    report: &mut Report,
) {
    let Some(at) = total_row else { return };
    let Some(row) = layout.rows.get(at) else {
        return;
    };
    let Some(parts) = right_parts(layout, t, at) else {
        return;
    };
    for c in t.columns.iter().filter(|c| {
        !matches!(
            c.meaning,
            Meaning::RowAmounts | Meaning::YearOnYear | Meaning::Blank
        )
    }) {
        let cells: Vec<&str> = parts
            .iter()
            .filter_map(|i| layout.rows.get(*i))
            .map(|r| cell(r, c.position))
            .collect();
        if cells.iter().all(|c| c.is_empty()) && cell(row, c.position).is_empty() {
            continue;
        }
        check(
            Check {
                table: &layout.name,
                rule: "table.total",
                row: t.right_label.as_deref().map_or_else(String::new, norm),
                column: layout.header_label(c.position),
                stated_cell: cell(row, c.position),
                part_cells: cells,
            },
            report,
        );
    }
}

/// The rows (indices into the read table, but the total's own row `at`, which may print above
/// them) a two-sided table's right total adds up, read by their right labels; `None` when they cannot be told apart (类 listed as a tree
/// with no row adding them up).
fn right_parts(layout: &Layout<'_>, t: &TemplateTable, at: usize) -> Option<Vec<usize>> {
    const RIGHT_LABEL: usize = 2;
    let fixed: HashSet<String> = t.right_rows.iter().map(|r| norm(&r.label)).collect();
    let labelled: Vec<(usize, String)> = layout
        .body
        .iter()
        .filter(|(i, _)| *i != at)
        .map(|(i, r)| (*i, norm(cell(r, RIGHT_LABEL))))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let by_label = |label: &str| {
        let label = norm(label);
        labelled.iter().find(|(_, l)| *l == label).map(|(i, _)| *i)
    };
    let mut rows = Vec::new();
    for part in &t.right_total_of {
        match part {
            RightPart::Row { label } => rows.extend(by_label(label)),
            RightPart::Classes {
                via: Some(label), ..
            } if by_label(label).is_some() => {
                rows.extend(by_label(label));
            }
            RightPart::Classes { list, .. } if *list != ClassList::Tree => rows.extend(
                labelled
                    .iter()
                    .filter(|(_, l)| !fixed.contains(l))
                    .map(|(i, _)| *i),
            ),
            RightPart::Classes { .. } => return None,
        }
    }
    Some(rows)
}

/// A per-project or per-carry-over list: the department row (where the template prints one)
/// adds up the rows below it (table.subtotal), and the total row equals it, or the rows
/// themselves (table.total).
/// Which identity of a project list to check.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ListPart {
    /// The department row against its projects (table.subtotal).
    Department,
    /// The total row against the department row or the projects (table.total).
    Total,
}

fn list_totals(layout: &Layout<'_>, t: &TemplateTable, part: ListPart, report: &mut Report) {
    let total_label = t.total_label.as_deref().map(norm);
    let is_total = |r: &[String]| {
        r.iter()
            .any(|c| is_total_label(c) || total_label.as_deref() == Some(norm(c).as_str()))
    };
    let Some(end) = layout.body.iter().position(|(_, r)| is_total(r)) else {
        return;
    };
    // a total printed first (合计 under the header) adds up the rows below it
    let rows = if end == 0 {
        layout.body.get(1..)
    } else {
        layout.body.get(..end)
    };
    let (Some((at, total)), Some(rows)) = (layout.body.get(end), rows) else {
        return;
    };
    let (head, items) = match (t.department_row, rows.split_first()) {
        (true, Some((dept, items))) => (Some(*dept), items),
        (true, None) => return,
        (false, _) => (None, rows),
    };
    for &col in &layout.money_cols {
        let parts: Vec<&str> = items.iter().map(|(_, r)| cell(r, col)).collect();
        let blank = parts.iter().all(|p| p.is_empty());
        let column = layout.header_label(col);
        if let (Some((_, dept)), ListPart::Department) = (head, part) {
            if !(blank && cell(dept, col).is_empty()) {
                let label = dept
                    .iter()
                    .find(|c| !c.is_empty())
                    .map_or_else(String::new, |c| norm(c));
                check(
                    Check {
                        table: &layout.name,
                        rule: "table.subtotal",
                        row: label,
                        column: column.clone(),
                        stated_cell: cell(dept, col),
                        part_cells: parts.clone(),
                    },
                    report,
                );
            }
        }
        let parts = head.map_or(parts, |(_, d)| vec![cell(d, col)]);
        if part == ListPart::Department
            || parts.iter().all(|p| p.is_empty()) && cell(total, col).is_empty()
        {
            continue;
        }
        check(
            Check {
                table: &layout.name,
                rule: "table.total",
                row: format!("row {} 合计", at + 1),
                column,
                stated_cell: cell(total, col),
                part_cells: parts,
            },
            report,
        );
    }
}

/// What the table says that other tables must agree with: its total, the totals of its
/// 基本/项目/人员/公用 columns, its economic lines, its "三公" items, whether it is empty.
fn table_facts(layout: &Layout<'_>, template: Option<&TemplateTable>, facts: &mut Facts) {
    let rows = layout.rows;
    facts.carry_forward = rows.iter().any(|r| {
        r.iter().enumerate().any(|(k, c)| {
            norm(c) == "结转下年"
                && r.get(k + 1)
                    .and_then(|v| read_number(v))
                    .is_some_and(|v| !v.is_zero())
        })
    });
    let total_row = layout
        .body
        .iter()
        .find(|(i, r)| layout.is_total_row(*i, r))
        .map(|(_, r)| *r);
    let roles: Vec<(usize, Option<Role>)> = match template {
        Some(t) => t
            .columns
            .iter()
            .filter(|c| c.meaning != Meaning::Blank && c.meaning != Meaning::RowAmounts)
            .map(|c| match &c.meaning {
                Meaning::Lines(f) => (c.position, role_of(f)),
                _ => (c.position, None),
            })
            .collect(),
        None => layout
            .money_cols
            .iter()
            .map(|c| (*c, generic_role(&layout.header_label(*c))))
            .collect(),
    };
    if let Some(r) = total_row {
        facts.total = roles
            .first()
            .map(|(c, _)| cell(r, *c).to_string())
            .filter(|c| read_number(c).is_some());
        facts.role_totals = roles
            .iter()
            .filter_map(|(c, role)| role.map(|role| (role, cell(r, *c).to_string())))
            .collect();
    }
    if facts.shape == Shape::EconomicTree {
        if let Some((first, _)) = roles.first() {
            facts.economic = layout
                .code_rows
                .iter()
                .filter(|c| c.code.len() == 5)
                .filter_map(|c| {
                    rows.get(c.index)
                        .map(|r| (c.code.clone(), cell(r, *first).to_string()))
                })
                .collect();
        }
    }
    facts.three_public = match template {
        Some(t) => template_three_public(layout, t),
        None => generic_three_public(layout),
    };
    facts.empty = empty_table(layout, template);
}

/// The role of a generic table's column, by its header label.
fn generic_role(label: &str) -> Option<Role> {
    [
        ("基本支出", Role::Basic),
        ("项目支出", Role::Project),
        ("人员经费", Role::Personnel),
        ("公用经费", Role::Operating),
    ]
    .into_iter()
    .find(|(w, _)| label.contains(w))
    .map(|(_, r)| r)
}

/// The economic 款 a filter keeps when it keeps exactly one and nothing else narrows it but
/// 财政拨款.
fn single_economic(f: &Filter) -> Option<&str> {
    let code = match f.economic.as_deref() {
        Some([c]) if c.len() == 5 => c.as_str(),
        _ => return None,
    };
    let only = Filter {
        economic: f.economic.clone(),
        fiscal: f.fiscal,
        ..Filter::default()
    };
    (*f == only).then_some(code)
}

/// "三公" items of a template's matrix: a cell whose row (or column) keeps one economic 款 and
/// whose column (or row) is the table's total, with the printed value.
fn template_three_public(layout: &Layout<'_>, t: &TemplateTable) -> Vec<(String, String, String)> {
    if t.structure != BodyKind::Matrix {
        return Vec::new();
    }
    let total_col = t
        .columns
        .iter()
        .find(|c| !matches!(c.meaning, Meaning::Blank | Meaning::RowAmounts));
    let mut out = Vec::new();
    let with_numbers: Vec<&Vec<String>> = layout
        .body
        .iter()
        .filter(|(_, r)| r.iter().any(|c| read_number(c).is_some()))
        .map(|(_, r)| *r)
        .collect();
    let by_label = |label: &str| {
        let l = norm(label);
        layout
            .body
            .iter()
            .find(|(_, r)| r.first().is_some_and(|c| norm(c) == l))
            .map(|(_, r)| *r)
    };
    for row in &t.rows {
        let printed = if row.label.is_empty() {
            with_numbers.first().copied().filter(|_| t.rows.len() == 1)
        } else {
            by_label(&row.label)
        };
        let Some(printed) = printed else { continue };
        // a row keeping one 款, read in the total column
        if let (Some(code), Some(total)) = (row.lines.as_ref().and_then(single_economic), total_col)
        {
            out.push((
                code.to_string(),
                norm(&row.label),
                cell(printed, total.position).to_string(),
            ));
        }
        // an unfiltered row, read in each column keeping one 款
        if row.total_of.is_empty() && row.lines.as_ref().is_none_or(|f| *f == Filter::default()) {
            for c in &t.columns {
                if let Meaning::Lines(f) = &c.meaning {
                    if let Some(code) = single_economic(f) {
                        out.push((
                            code.to_string(),
                            c.header.clone(),
                            cell(printed, c.position).to_string(),
                        ));
                    }
                }
            }
        }
    }
    out.retain(|(_, _, v)| read_number(v).is_some());
    out
}

/// "三公" items of a generic table without codes, by their labels (公务接待费 → 30217,
/// 公务用车运行 → 30231), with the first number on their row.
fn generic_three_public(layout: &Layout<'_>) -> Vec<(String, String, String)> {
    let rows = layout.rows;
    let labels_three_public = layout.header_text.contains("三公")
        || rows.iter().flatten().any(|c| c.contains("公务接待费"));
    if !layout.code_rows.is_empty() || !labels_three_public {
        return Vec::new();
    }
    let mut out = Vec::new();
    for r in rows {
        let Some(label) = r
            .iter()
            .find(|c| c.contains("公务接待费") || c.contains("公务用车运行"))
        else {
            continue;
        };
        let code = if label.contains("公务接待费") {
            "30217"
        } else {
            "30231"
        };
        if let Some(v) = r.iter().find(|c| read_number(c).is_some()) {
            out.push((code.to_string(), label.clone(), v.clone()));
        }
    }
    out
}

/// An empty table that must carry its explanation: a template table with an empty-table note
/// (the note's wording), or a generic 政府性基金 / 国有资本经营 table.
fn empty_table(layout: &Layout<'_>, template: Option<&TemplateTable>) -> Option<super::Empty> {
    let rows = layout.rows;
    let no_amounts = !rows.iter().flatten().any(|c| read_number(c).is_some());
    if !no_amounts || (rows.len() < 2 && layout.code_rows.is_empty()) {
        return None;
    }
    match template {
        Some(t) => t.empty_note.as_ref().map(|note| super::Empty {
            about: t.title.clone(),
            fund: None,
            note: Some(note.clone()),
        }),
        None => ["政府性基金", "国有资本经营"]
            .into_iter()
            .find(|w| layout.header_text.contains(w))
            .map(|w| super::Empty {
                about: w.to_string(),
                fund: Some(w),
                note: None,
            }),
    }
}

/// Whether header row `depth` has a label at `c` followed by empty cells that a deeper header
/// row fills: a group label over several columns.
fn parts_under(header: &[Vec<String>], depth: usize, c: usize, width: usize) -> bool {
    let Some(h) = header.get(depth) else {
        return false;
    };
    let deeper = || header.iter().skip(depth + 1);
    // A leaf label under it (人员支出 under 基本支出) makes the column a leaf after all.
    // a label, not a blank or a 栏次 cell (1, 2, 3 … or **)
    let is_label = |l: &str| !l.is_empty() && read_number(l).is_none() && l != "**";
    let leaf_below = deeper().any(|r| is_label(cell(r, c)));
    !leaf_below
        && (c + 1..width)
            .take_while(|k| cell(h, *k).is_empty())
            .any(|k| deeper().any(|r| is_label(cell(r, k))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(codes: &[&str]) -> Vec<CodeRow> {
        codes
            .iter()
            .enumerate()
            .map(|(i, c)| CodeRow {
                index: i,
                code: (*c).to_string(),
                label: String::new(),
            })
            .collect()
    }

    #[test]
    fn a_group_is_closed_by_a_later_row_of_another_code() {
        let r = rows(&["201", "20101", "2010101", "208", "20805", "2080505"]);
        // 201 and 20101 are followed by 208…; 208, 20805 and 2080505 by nothing else
        assert_eq!(closed_after(&r), [true, true, true, false, false, false]);
        // a 类 printed again (a second unit) closes nothing by itself
        let r = rows(&["201", "20101", "201", "20101"]);
        assert_eq!(closed_after(&r), [false, true, false, false]);
    }
}
