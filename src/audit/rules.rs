//! 规则登记: the rules that look at the whole document — across tables, the narrative against
//! itself and against the tables, the performance targets against the budget — each in one
//! place with its id, severity, scope, when it applies and its one check. The rules within one
//! table are registered in `table.rs` ([`super::table::TABLE_RULES`]).

use super::document::PublishedDocument;
use super::{Facts, Finding, Report, Rule, RuleInfo, Scope, Severity};

/// What a document-scope rule looks at: the document read, and what each table says that the
/// others must agree with.
pub(crate) struct DocumentContext<'a> {
    pub(crate) document: &'a PublishedDocument,
    pub(crate) facts: &'a [Facts],
}

impl DocumentContext<'_> {
    fn text(&self) -> &str {
        &self.document.narrative.text
    }
}

/// The check of a document rule.
pub(crate) type DocumentCheck = for<'a, 'b> fn(&'b DocumentContext<'a>, &mut Report);

/// Pushes the findings of `all` that are rule `id`'s (a check computed once for several rules
/// reports, per rule, its own).
fn keep(id: &str, all: Vec<Finding>, report: &mut Report) {
    report
        .findings
        .extend(all.into_iter().filter(|f| f.rule == id));
}

/// 表间规则.
pub(crate) const CROSS_RULES: &[Rule<DocumentCheck>] = &[
    Rule {
        info: RuleInfo {
            id: "cross.general_budget_basic",
            severity: Severity::Error,
            scope: Scope::AcrossTables,
            applies_when: "a 一般公共预算 functional table split by 基本/项目 and a 一般公共预算 economic table, in comparable units",
            description: "一般公共预算支出表's 基本支出 total equals 一般公共预算基本支出表's total",
        },
        check: Some(|c, r| super::general_budget_basic(c.facts, r)),
    },
    Rule {
        info: RuleInfo {
            id: "cross.expenditure_total",
            severity: Severity::Error,
            scope: Scope::AcrossTables,
            applies_when: "a whole-budget summary that carries nothing to next year, and a whole-budget functional table split by 基本/项目",
            description: "支出总表's total equals the 收支总表's 支出总计",
        },
        check: Some(|c, r| cross_summary_rule("cross.expenditure_total", c, r)),
    },
    Rule {
        info: RuleInfo {
            id: "cross.income_total",
            severity: Severity::Error,
            scope: Scope::AcrossTables,
            applies_when: "a whole-budget summary and a whole-budget functional table split by source",
            description: "收入总表's total equals the 收支总表's 收入总计",
        },
        check: Some(|c, r| cross_summary_rule("cross.income_total", c, r)),
    },
    Rule {
        info: RuleInfo {
            id: "cross.fiscal_within_total",
            severity: Severity::Error,
            scope: Scope::AcrossTables,
            applies_when: "a whole-budget summary and a 财政拨款 summary in comparable units",
            description: "财政拨款收支总表's 收入总计 is at most the 收支总表's (equal only without non-fiscal money)",
        },
        check: Some(|c, r| super::fiscal_within_total(c.facts, r)),
    },
    Rule {
        info: RuleInfo {
            id: "cross.three_public",
            severity: Severity::Error,
            scope: Scope::AcrossTables,
            applies_when: "a \"三公\" table and an economic table within its funds, both with a stated unit",
            description: "each \"三公\" item is at least its 基本支出 line (30217, 30231, or the 款 a template's table names), in 元 when the units differ",
        },
        check: Some(|c, r| super::three_public_against_lines(c.facts, r)),
    },
    Rule {
        info: RuleInfo {
            id: "table.empty_without_note",
            severity: Severity::Warning,
            scope: Scope::AcrossTables,
            applies_when: "an empty table with a template note (generic: 政府性基金 / 国有资本经营), in a document with prose",
            description: "an empty table carries its explanation (空表说明)",
        },
        check: Some(|c, r| super::empty_tables_explained(c.text(), c.facts, r)),
    },
];

fn cross_summary_rule(id: &str, c: &DocumentContext<'_>, report: &mut Report) {
    let mut all = Report::default();
    super::cross_summary(c.facts, &mut all);
    keep(id, all.findings, report);
}

/// 说明内规则.
pub(crate) const NARRATIVE_RULES: &[Rule<DocumentCheck>] = &[
    Rule {
        info: RuleInfo {
            id: "narrative.direction",
            severity: Severity::Error,
            scope: Scope::Narrative,
            applies_when: "a year-on-year sentence \"比…增加/减少 Z 万元，增长/下降 W%\"",
            description: "增加/减少 agrees with 增长/下降 in one year-on-year sentence",
        },
        check: Some(|c, r| changes_rule("narrative.direction", c, r)),
    },
    Rule {
        info: RuleInfo {
            id: "narrative.rate",
            severity: Severity::Error,
            scope: Scope::Narrative,
            applies_when: "a year-on-year sentence with the amount X before it",
            description: "a stated growth rate equals the change over the prior figure (X ∓ Z), within rounding",
        },
        check: Some(|c, r| changes_rule("narrative.rate", c, r)),
    },
    Rule {
        info: RuleInfo {
            id: "narrative.share",
            severity: Severity::Error,
            scope: Scope::Narrative,
            applies_when: "a list \"T 万元，其中\" whose items \"N 万元，占 Y%\" at least two of which fit T",
            description: "each \"N 万元，占 Y%\" equals N over the whole stated before it",
        },
        check: Some(|c, r| super::narrative::check_shares(c.text(), &mut r.findings)),
    },
];

fn changes_rule(id: &str, c: &DocumentContext<'_>, report: &mut Report) {
    let mut all = Vec::new();
    super::narrative::check_changes(c.text(), &mut all);
    keep(id, all, report);
}

/// 说明与表规则.
pub(crate) const NARRATIVE_TABLE_RULES: &[Rule<DocumentCheck>] = &[Rule {
    info: RuleInfo {
        id: "narrative.table",
        severity: Severity::Error,
        scope: Scope::NarrativeVsTables,
        applies_when: "the narrative states a headline amount and the table printing it states its unit",
        description: "the narrative's 收支总预算, 收入/支出预算, 基本/项目支出, 人员/公用经费 equal the tables' totals",
    },
    check: Some(|c, r| super::narrative_against_tables(c.text(), c.facts, r)),
}];

/// 绩效与预算规则.
pub(crate) const PERFORMANCE_RULES: &[Rule<DocumentCheck>] = &[Rule {
    info: RuleInfo {
        id: "performance.weights",
        severity: Severity::Error,
        scope: Scope::PerformanceVsBudget,
        applies_when: "a department's or a project's target block with at least two weights",
        description: "the indicator weights of each block (the department's, each project's) add up to 100, or 90 with 预算执行率 worth 10; under 90 may be a block cut short (warning); an unreadable weight is reported",
    },
    check: Some(|c, r| super::performance::weights(c.document, r)),
}];

/// Every document-scope registry, in the order they run.
pub(crate) const DOCUMENT_RULES_BY_SCOPE: &[&[Rule<DocumentCheck>]] = &[
    CROSS_RULES,
    NARRATIVE_RULES,
    NARRATIVE_TABLE_RULES,
    PERFORMANCE_RULES,
];
