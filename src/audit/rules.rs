//! 规则登记: the rules that look at the whole document — across tables, the narrative against
//! itself and against the tables, the performance targets against the budget — each in one
//! place with its id, severity, scope, when it applies and its one check. The rules within one
//! table are registered in `table.rs` ([`super::table::TABLE_RULES`]).

use super::document::PublishedDocument;
use super::link;
use super::{Facts, Finding, Report, Rule, RuleInfo, Scope, Severity};
use crate::classification::Catalogue;

/// What a document-scope rule looks at: the document read, and what each table says that the
/// others must agree with.
pub(crate) struct DocumentContext<'a> {
    pub(crate) document: &'a PublishedDocument,
    pub(crate) facts: &'a [Facts],
    pub(crate) catalogue: &'a Catalogue,
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
    Rule {
        info: RuleInfo {
            id: "code.two_names",
            severity: Severity::Warning,
            scope: Scope::AcrossTables,
            applies_when: "code trees that list each code once",
            description: "one code is printed with two names (neither a wrapped or cut form of the other) in one document",
        },
        check: Some(|c, r| link::two_names(c.document, c.facts, r)),
    },
    Rule {
        info: RuleInfo {
            id: "code.two_codes",
            severity: Severity::Warning,
            scope: Scope::AcrossTables,
            applies_when: "code trees that list each code once",
            description: "one name is printed for two sibling codes (under the same parent) in one document",
        },
        check: Some(|c, r| link::two_codes(c.document, c.facts, r)),
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
    Rule {
        info: RuleInfo {
            id: "narrative.base",
            severity: Severity::Info,
            scope: Scope::Narrative,
            applies_when: "the narrative compares with the prior year's 预算数, 执行数 or 决算数 more than once",
            description: "every year-on-year comparison is made on one base; those on another base than most are reported",
        },
        check: Some(|c, r| link::comparison_base(c.document, r)),
    },
];

fn changes_rule(id: &str, c: &DocumentContext<'_>, report: &mut Report) {
    let mut all = Vec::new();
    super::narrative::check_changes(c.text(), &mut all);
    keep(id, all, report);
}

/// 说明与表规则.
pub(crate) const NARRATIVE_TABLE_RULES: &[Rule<DocumentCheck>] = &[
    Rule {
        info: RuleInfo {
            id: "narrative.table",
            severity: Severity::Error,
            scope: Scope::NarrativeVsTables,
            applies_when: "the narrative states a headline amount and the table printing it states its unit",
            description: "the narrative's 收支总预算, 收入/支出预算, 基本/项目支出, 人员/公用经费 equal the tables' totals",
        },
        check: Some(|c, r| super::narrative_against_tables(c.text(), c.facts, r)),
    },
    Rule {
        info: RuleInfo {
            id: "narrative.item",
            severity: Severity::Error,
            scope: Scope::NarrativeVsTables,
            applies_when: "a sentence names a 类（类）款（款）[项（项）] the catalogue knows by name, then its amount, and a functional table prints that code",
            description: "the narrative's amount of a 类/款/项 equals its row in a functional table (one of them, when several print it)",
        },
        check: Some(|c, r| link::narrative_items(c.document, c.facts, c.catalogue, r)),
    },
    Rule {
        info: RuleInfo {
            id: "unit.slip",
            severity: Severity::Error,
            scope: Scope::NarrativeVsTables,
            applies_when: "reported by narrative.item's and the performance rules' checks when the two amounts agree only in the other unit (both units known)",
            description: "a 万元 amount written as 元 (or the reverse): the same figure under the other unit",
        },
        check: None,
    },
];

/// 绩效与预算规则.
pub(crate) const PERFORMANCE_RULES: &[Rule<DocumentCheck>] = &[
    Rule {
        info: RuleInfo {
            id: "performance.weights",
            severity: Severity::Error,
            scope: Scope::PerformanceVsBudget,
            applies_when: "a department's or a project's target block with at least two weights",
            description: "the indicator weights of each block (the department's, each project's) add up to 100, or 90 with 预算执行率 worth 10; under 90 may be a block cut short (warning); an unreadable weight is noted (info) and the sum left unchecked",
        },
        check: Some(|c, r| super::performance::weights(c.document, r)),
    },
    Rule {
        info: RuleInfo {
            id: "performance.total",
            severity: Severity::Error,
            scope: Scope::PerformanceVsBudget,
            applies_when: "a 部门整体 target table prints its 资金总额 and a summary or spending table prints the total",
            description: "部门整体绩效目标's 资金总额 equals the department's total budget (收支总表 收入/支出总计 or 支出总表 合计)",
        },
        check: Some(|c, r| link::performance_total(c.document, c.facts, r)),
    },
    Rule {
        info: RuleInfo {
            id: "performance.split",
            severity: Severity::Error,
            scope: Scope::PerformanceVsBudget,
            applies_when: "a 部门整体 target table prints 基本支出 or 项目支出 and the spending table splits by them",
            description: "部门整体绩效目标's 基本支出 and 项目支出 equal the spending table's totals",
        },
        check: Some(|c, r| link::performance_split(c.document, c.facts, r)),
    },
    Rule {
        info: RuleInfo {
            id: "performance.project_funds",
            severity: Severity::Error,
            scope: Scope::PerformanceVsBudget,
            applies_when: "a project's target table prints its 资金总额 and another table prints a row under the project's name",
            description: "each project's 资金总额 equals an amount on its row of the project tables (项目支出表)",
        },
        check: Some(|c, r| link::project_funds(c.document, r)),
    },
];

/// Every document-scope registry, in the order they run.
pub(crate) const DOCUMENT_RULES_BY_SCOPE: &[&[Rule<DocumentCheck>]] = &[
    CROSS_RULES,
    NARRATIVE_RULES,
    NARRATIVE_TABLE_RULES,
    PERFORMANCE_RULES,
];
