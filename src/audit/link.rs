//! 勾稽: amounts tied across the parts of a document — a narrative 类/款/项 amount to its table
//! row, the performance targets to the budget tables, a code to its printed names — and the
//! comparison of two printed amounts in their units (a 万元 amount written as 元 is a unit
//! slip, not a difference).

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::document::{CellValue, FigureUnit, PublishedDocument, PublishedTable};
use super::recognise::norm;
use super::{Facts, Finding, Report, Role, Severity, Shape};
use crate::amount::Unit;
use crate::classification::{AnyCode, Catalogue, FunctionalCode};

/// A printed amount: its value as printed, its decimals and its unit where known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Printed {
    pub(super) value: Decimal,
    pub(super) decimals: u32,
    pub(super) unit: Option<Unit>,
}

/// How two printed amounts compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Agreement {
    /// Equal within the rounding of both (in some reading of an unknown unit).
    Equal,
    /// Equal only if one was printed in the other unit (both units known).
    UnitSlip,
    /// Different however read.
    Differ,
}

fn half(decimals: u32) -> Decimal {
    Decimal::new(5, decimals.saturating_add(1).min(28))
}

fn yuan(p: Printed, unit: Unit) -> Option<(Decimal, Decimal)> {
    let per = unit.yuan_per_unit();
    Some((
        p.value.checked_mul(per)?,
        half(p.decimals).checked_mul(per)?,
    ))
}

fn equal_in(a: Printed, ua: Unit, b: Printed, ub: Unit) -> bool {
    match (yuan(a, ua), yuan(b, ub)) {
        (Some((x, hx)), Some((y, hy))) => (x - y).abs() <= hx.saturating_add(hy),
        _ => false,
    }
}

const UNITS: [Unit; 2] = [Unit::Yuan, Unit::WanYuan];

/// Whether two amounts are less than one unit of the coarser last printed digit apart (in
/// their units, an unknown one read both ways): one of them was cut rather than rounded.
fn within_one_digit(a: Printed, b: Printed) -> bool {
    let readings = |u: Option<Unit>| u.map_or(UNITS.to_vec(), |u| vec![u]);
    readings(a.unit).iter().any(|ua| {
        readings(b.unit)
            .iter()
            .any(|ub| match (yuan(a, *ua), yuan(b, *ub)) {
                (Some((x, hx)), Some((y, hy))) => {
                    (x - y).abs() < hx.max(hy).saturating_mul(Decimal::TWO)
                }
                _ => false,
            })
    })
}

/// Compares two printed amounts in 元. An unknown unit is read both ways.
pub(super) fn agree(a: Printed, b: Printed) -> Agreement {
    let readings = |u: Option<Unit>| u.map_or(UNITS.to_vec(), |u| vec![u]);
    let equal = readings(a.unit)
        .iter()
        .any(|ua| readings(b.unit).iter().any(|ub| equal_in(a, *ua, b, *ub)));
    if equal {
        return Agreement::Equal;
    }
    match (a.unit, b.unit) {
        (Some(ua), Some(ub)) => {
            let other = |u: Unit| {
                if u == Unit::Yuan {
                    Unit::WanYuan
                } else {
                    Unit::Yuan
                }
            };
            if equal_in(a, other(ua), b, ub) {
                Agreement::UnitSlip
            } else {
                Agreement::Differ
            }
        }
        _ => Agreement::Differ,
    }
}

fn unit_name(u: Option<Unit>) -> &'static str {
    match u {
        Some(Unit::Yuan) => "元",
        Some(Unit::WanYuan) => "万元",
        _ => "",
    }
}

/// A finding for `stated` (in `place`) against the `table` amounts it should equal: none when
/// one agrees, unit.slip when one agrees in the other unit, else `rule`'s error.
fn tie(
    rule: &'static str,
    (place, row): (&str, String),
    stated: Printed,
    table: &[(String, Printed)],
) -> Option<Finding> {
    if table.is_empty() {
        return None;
    }
    let verdicts: Vec<Agreement> = table.iter().map(|(_, t)| agree(stated, *t)).collect();
    if verdicts.contains(&Agreement::Equal) {
        return None;
    }
    // the table amount named: the one agreeing in the other unit, else the nearest
    let distance = |t: &Printed| {
        let u = |p: &Printed| p.unit.unwrap_or(Unit::WanYuan).yuan_per_unit();
        (stated.value.saturating_mul(u(&stated)) - t.value.saturating_mul(u(t))).abs()
    };
    let (name, first) = table
        .iter()
        .zip(&verdicts)
        .filter(|(_, v)| **v == Agreement::UnitSlip)
        .map(|(t, _)| t)
        .next()
        .or_else(|| table.iter().min_by_key(|(_, t)| distance(t)))?;
    let su = unit_name(stated.unit);
    let tu = unit_name(first.unit);
    let mut tables = vec![place.to_string()];
    tables.extend(table.iter().map(|(n, _)| n.clone()));
    tables.dedup();
    let slip = verdicts.contains(&Agreement::UnitSlip);
    // less than one unit of the last printed digit apart: cut, not rounded (截位)
    let cut = !slip && table.iter().any(|(_, t)| within_one_digit(stated, *t));
    let (rule, zh, en) = if slip {
        (
            "unit.slip",
            format!(
                "{place}列示 {} {su}，{name}列示 {} {tu}：数字相同而单位不同，疑为单位错写",
                stated.value, first.value
            ),
            format!(
                "{place} prints {} {su} where {name} prints {} {tu}: the same figure in the other unit, a unit slip",
                stated.value, first.value
            ),
        )
    } else if cut {
        (
            rule,
            format!(
                "{place}列示 {} {su}，{name}列示 {} {tu}：相差不足末位一个单位，疑为截位而非四舍五入",
                stated.value, first.value
            ),
            format!(
                "{place} prints {} {su}, {name} prints {} {tu}: less than one unit of the last digit apart, cut rather than rounded",
                stated.value, first.value
            ),
        )
    } else {
        (
            rule,
            format!(
                "{place}列示 {} {su}，{name}列示 {} {tu}（无法判断哪一方有误）",
                stated.value, first.value
            ),
            format!(
                "{place} prints {} {su}, {name} prints {} {tu} (it cannot be told which side is wrong)",
                stated.value, first.value
            ),
        )
    };
    Some(Finding {
        rule,
        severity: if cut {
            Severity::Warning
        } else {
            Severity::Error
        },
        tables,
        row: Some(row),
        column: None,
        stated: Some(stated.value),
        computed: Some(first.value),
        difference: None,
        message: zh,
        message_en: en,
    })
}

// ---------------------------------------------------------------------------------------------
// narrative.item

/// Where the levels of a functional code are named in a narrative sentence.
const MARKERS: [(&str, &str); 3] = [("（类）", "(类)"), ("（款）", "(款)"), ("（项）", "(项)")];

/// The 类/款/项 names of a sentence (`一般公共服务支出（类）信访事务（款）行政运行（项）`) and where
/// the text after the last marker starts; `None` without a full chain ending in （项） or （款）.
fn chain(sentence: &str) -> Option<(Vec<String>, usize)> {
    let mut names = Vec::new();
    let mut from = 0;
    let mut end = 0;
    for (full, half) in MARKERS {
        let rest = sentence.get(from..)?;
        let found = [full, half]
            .iter()
            .filter_map(|m| rest.find(m).map(|at| (at, m.len())))
            .min();
        let Some((at, len)) = found else { break };
        let raw = rest.get(..at)?;
        names.push(name_before(raw, names.is_empty())?);
        from += at + len;
        end = from;
    }
    (names.len() >= 2).then_some((names, end))
}

/// The name that ends `raw`: after the last delimiter (and list number, for the 类).
fn name_before(raw: &str, first: bool) -> Option<String> {
    let name = if first {
        let start = raw
            .char_indices()
            .rfind(|(_, c)| {
                matches!(c, '，' | ',' | '：' | ':' | '、' | '）' | ')' | '.' | '．')
                    || c.is_ascii_digit()
            })
            .map_or(0, |(i, c)| i + c.len_utf8());
        raw.get(start..)?
    } else {
        raw
    };
    let name = name.trim_matches(|c: char| c.is_whitespace() || c == '“' || c == '”');
    (!name.is_empty() && name.chars().count() <= 30).then(|| name.to_string())
}

/// The functional code a chain of names stands for, by name under each parent.
fn code_of(catalogue: &Catalogue, names: &[String]) -> Option<FunctionalCode> {
    let mut code: Option<FunctionalCode> = None;
    for n in names {
        code = Some(catalogue.find_child(code, n)?.code);
    }
    code
}

/// The amount after the chain: the first 万元/元 figure, unless the words before it speak of
/// another year's figure (上年, 执行数, 决算).
fn amount_after(sentence: &super::document::Sentence, end_byte: usize) -> Option<Printed> {
    let end_char = sentence.text.get(..end_byte)?.chars().count();
    let f = sentence
        .figures
        .iter()
        .find(|f| f.at >= end_char && matches!(f.unit, FigureUnit::WanYuan | FigureUnit::Yuan))?;
    let between: String = sentence
        .text
        .chars()
        .skip(end_char)
        .take(f.at - end_char)
        .collect();
    if ["上年", "执行", "决算", "比"]
        .iter()
        .any(|w| between.contains(w))
    {
        return None;
    }
    Some(Printed {
        value: f.value,
        decimals: f.decimals,
        unit: Some(if f.unit == FigureUnit::Yuan {
            Unit::Yuan
        } else {
            Unit::WanYuan
        }),
    })
}

/// The amount a table prints on the row of `code`: the first number after the row's name, in
/// each functional tree (one per table, the first row with the code).
fn table_amounts(
    document: &PublishedDocument,
    facts: &[Facts],
    code: AnyCode,
) -> Vec<(String, Printed)> {
    let mut out = Vec::new();
    for (t, f) in document.tables.iter().zip(facts) {
        if f.shape != Shape::FunctionalTree {
            continue;
        }
        let found = t.codes.iter().enumerate().find_map(|(i, c)| {
            let c = c.as_ref()?;
            (c.code == Some(code)).then_some((i, c))
        });
        let Some((i, c)) = found else { continue };
        if let Some(p) = first_number_after_label(t, i, &c.label) {
            out.push((t.name(), p));
        }
    }
    out
}

/// Words of a header over a column that holds another year's figure or a change.
const OTHER_YEAR: [&str; 7] = ["上年", "执行", "决算", "增减", "比上年", "%", "同期"];

/// Whether column `c` holds this year's amounts: the template says it adds up lines; a
/// generic table's header over it names no other year, change or rate.
fn current_column(t: &PublishedTable, c: usize) -> bool {
    if let Some(template) = t.recognition.template() {
        return template.columns.iter().any(|col| {
            col.position == c
                && matches!(
                    col.meaning,
                    super::Meaning::Lines(_) | super::Meaning::TotalOf(_)
                )
        });
    }
    let start = super::recognise::body_start(&t.raw.rows);
    let header: String = t
        .raw
        .rows
        .iter()
        .take(start)
        .filter_map(|r| r.get(c))
        .map(|h| norm(h))
        .collect();
    !OTHER_YEAR.iter().any(|w| header.contains(w))
}

/// The first of this year's amounts right of the cell holding `label` on row `i` (right of
/// the code cells when the label is not found).
fn first_number_after_label(t: &PublishedTable, i: usize, label: &str) -> Option<Printed> {
    let row = t.raw.rows.get(i)?;
    let from = row.iter().position(|c| c == label).unwrap_or(0);
    let cells = t.cells.get(i)?;
    cells
        .iter()
        .enumerate()
        .skip(from + 1)
        .find_map(|(k, c)| match c.value {
            CellValue::Number { value, decimals } if current_column(t, k) => Some(Printed {
                value,
                decimals,
                unit: t.unit,
            }),
            _ => None,
        })
}

/// narrative.item: every "类（类）款（款）项（项）… N 万元" of the narrative equals its row in a
/// functional table (in one of them, when several print the code).
pub(super) fn narrative_items(
    document: &PublishedDocument,
    facts: &[Facts],
    catalogue: &Catalogue,
    report: &mut Report,
) {
    for s in &document.narrative.sentences {
        let Some((names, end)) = chain(&s.text) else {
            continue;
        };
        let Some(code) = code_of(catalogue, &names) else {
            continue;
        };
        let Some(stated) = amount_after(s, end) else {
            continue;
        };
        let amounts = table_amounts(document, facts, AnyCode::Functional(code));
        let row = format!("{code} {}", names.concat());
        if let Some(f) = tie("narrative.item", ("情况说明", row), stated, &amounts) {
            report.findings.push(f);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// narrative.base

/// What a year-on-year comparison is made against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Base {
    /// 上年预算.
    Budget,
    /// 上年执行数.
    Execution,
    /// 上年决算.
    FinalAccounts,
}

impl Base {
    fn word(self) -> &'static str {
        match self {
            Base::Budget => "预算数",
            Base::Execution => "执行数",
            Base::FinalAccounts => "决算数",
        }
    }
}

/// The base of each "比…增加/减少/增长/下降" of a sentence, with the sentence.
fn bases(document: &PublishedDocument) -> Vec<(Base, &str)> {
    let mut out = Vec::new();
    for s in &document.narrative.sentences {
        let chars: Vec<char> = s.text.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if *c != '比' {
                continue;
            }
            let window: String = chars.iter().skip(i + 1).take(14).collect();
            let Some(cut) = ["增加", "减少", "增长", "下降"]
                .iter()
                .filter_map(|w| window.find(w))
                .min()
            else {
                continue;
            };
            let base = window.get(..cut).unwrap_or("");
            if !(base.contains("上年") || base.contains('年')) {
                continue;
            }
            let kind = if base.contains("执行") {
                Base::Execution
            } else if base.contains("决算") {
                Base::FinalAccounts
            } else if base.contains("预算") {
                Base::Budget
            } else {
                continue;
            };
            out.push((kind, s.text.as_str()));
        }
    }
    out
}

/// narrative.base: the narrative compares with the prior year on one base (预算数, 执行数 or
/// 决算数); comparisons on another base than most are reported, at the first of them.
pub(super) fn comparison_base(document: &PublishedDocument, report: &mut Report) {
    let all = bases(document);
    let mut counts: Vec<(Base, usize)> = Vec::new();
    for (b, _) in &all {
        match counts.iter_mut().find(|(k, _)| k == b) {
            Some((_, n)) => *n += 1,
            None => counts.push((*b, 1)),
        }
    }
    if counts.len() < 2 {
        return;
    }
    let Some(&(main, main_n)) = counts.iter().max_by_key(|(_, n)| *n) else {
        return;
    };
    for &(other, n) in counts.iter().filter(|(k, _)| *k != main) {
        let Some((_, sentence)) = all.iter().find(|(b, _)| *b == other) else {
            continue;
        };
        report.findings.push(Finding {
            rule: "narrative.base",
            severity: Severity::Info,
            tables: vec!["情况说明".into()],
            row: Some((*sentence).to_string()),
            column: None,
            stated: None,
            computed: None,
            difference: None,
            message: format!(
                "比较基数不一致：{main_n} 处与上年{}比较，{n} 处与上年{}比较",
                main.word(),
                other.word()
            ),
            message_en: format!(
                "comparison bases differ: {main_n} comparison(s) with the prior year's {}, {n} with its {}",
                main.word(),
                other.word()
            ),
        });
    }
}

// ---------------------------------------------------------------------------------------------
// code.two_names, code.two_codes

/// A printed name as compared: no spaces, no code digits or brackets before it.
fn plain_name(label: &str) -> String {
    norm(label)
        .trim_start_matches(|c: char| {
            c.is_ascii_digit() || matches!(c, '[' | ']' | '-' | '【' | '】')
        })
        .to_string()
}

/// Code rows of the code trees that list each code once (detail lists print a code per line
/// item): (table, digits, printed name).
fn tree_codes<'d>(
    document: &'d PublishedDocument,
    facts: &[Facts],
) -> Vec<(String, &'d str, String)> {
    let mut out = Vec::new();
    for (t, f) in document.tables.iter().zip(facts) {
        if !matches!(f.shape, Shape::FunctionalTree | Shape::EconomicTree) {
            continue;
        }
        let rows: Vec<_> = t.codes.iter().flatten().filter(|c| !c.by_name).collect();
        let mut seen = std::collections::HashSet::new();
        if rows.iter().any(|c| !seen.insert(c.digits.as_str())) {
            continue;
        }
        for c in rows {
            let name = plain_name(&c.label);
            if !name.is_empty() && c.code.is_some() {
                out.push((t.name(), c.digits.as_str(), name));
            }
        }
    }
    out
}

/// code.two_names: one code printed with two names (neither a wrapped or cut form of the
/// other) in the code trees of one document.
pub(super) fn two_names(document: &PublishedDocument, facts: &[Facts], report: &mut Report) {
    let rows = tree_codes(document, facts);
    let mut by_code: HashMap<&str, Vec<(&str, &str)>> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    for (table, code, name) in &rows {
        let names = by_code.entry(code).or_default();
        if names.is_empty() {
            order.push(code);
        }
        if !names
            .iter()
            .any(|(n, _)| n.contains(name.as_str()) || name.contains(n))
        {
            names.push((name.as_str(), table.as_str()));
        }
    }
    for code in order {
        let Some(names) = by_code.get(code).filter(|n| n.len() > 1) else {
            continue;
        };
        let list: Vec<String> = names.iter().map(|(n, t)| format!("“{n}”（{t}）")).collect();
        report.findings.push(Finding {
            rule: "code.two_names",
            severity: Severity::Warning,
            tables: names.iter().map(|(_, t)| (*t).to_string()).collect(),
            row: Some(code.to_string()),
            column: None,
            stated: None,
            computed: None,
            difference: None,
            message: format!("科目 {code} 印有两个名称：{}", list.join("、")),
            message_en: format!("code {code} is printed with two names: {}", list.join(", ")),
        });
    }
}

/// code.two_codes: one name printed for two codes under the same parent (siblings), in the
/// code trees of one document.
pub(super) fn two_codes(document: &PublishedDocument, facts: &[Facts], report: &mut Report) {
    let rows = tree_codes(document, facts);
    // (parent digits, name) → codes
    let mut by_name: HashMap<(&str, &str), Vec<(&str, &str)>> = HashMap::new();
    let mut order: Vec<(&str, &str)> = Vec::new();
    for (table, code, name) in &rows {
        let parent = code.get(..code.len().saturating_sub(2)).unwrap_or("");
        // a 类's siblings are the 类 of its system (2 functional, 3 and 5 economic)
        let parent = if code.len() == 3 {
            code.get(..1).unwrap_or("")
        } else {
            parent
        };
        let key = (parent, name.as_str());
        let codes = by_name.entry(key).or_default();
        if codes.is_empty() {
            order.push(key);
        }
        if !codes.iter().any(|(c, _)| c == code) {
            codes.push((code, table.as_str()));
        }
    }
    for key in order {
        let Some(codes) = by_name.get(&key).filter(|c| c.len() > 1) else {
            continue;
        };
        let list: Vec<&str> = codes.iter().map(|(c, _)| *c).collect();
        report.findings.push(Finding {
            rule: "code.two_codes",
            severity: Severity::Warning,
            tables: codes.iter().map(|(_, t)| (*t).to_string()).collect(),
            row: Some(key.1.to_string()),
            column: None,
            stated: None,
            computed: None,
            difference: None,
            message: format!("名称“{}”印在两个科目下：{}", key.1, list.join("、")),
            message_en: format!(
                "the name “{}” is printed for two codes: {}",
                key.1,
                list.join(", ")
            ),
        });
    }
}

// ---------------------------------------------------------------------------------------------
// performance vs budget

fn printed_cell(cell: &str, unit: Option<Unit>) -> Option<Printed> {
    Some(Printed {
        value: super::read_number(cell)?,
        decimals: super::document::printed_decimals(cell),
        unit,
    })
}

/// The department's total budget as the tables print it: the summary's 收入总计 and 支出总计,
/// the spending table's total.
fn department_totals(facts: &[Facts]) -> Vec<(String, Printed)> {
    let mut out = Vec::new();
    if let Some(s) = facts
        .iter()
        .find(|f| f.shape == Shape::TwoSided && f.whole && f.summary.is_some())
    {
        if let Some((i, e)) = &s.summary {
            out.extend(printed_cell(i, s.unit).map(|p| (s.name.clone(), p)));
            out.extend(printed_cell(e, s.unit).map(|p| (s.name.clone(), p)));
        }
    }
    if let Some(f) = spending_table(facts) {
        if let Some(t) = &f.total {
            out.extend(printed_cell(t, f.unit).map(|p| (f.name.clone(), p)));
        }
    }
    out
}

fn spending_table(facts: &[Facts]) -> Option<&Facts> {
    facts
        .iter()
        .find(|f| f.shape == Shape::FunctionalTree && f.whole && f.by_spending)
}

/// performance.total: the department's 资金总额 equals its total budget.
pub(super) fn performance_total(
    document: &PublishedDocument,
    facts: &[Facts],
    report: &mut Report,
) {
    let totals = department_totals(facts);
    for b in document.targets.iter().filter(|b| b.whole) {
        let Some(funds) = b.funds else { continue };
        let stated = Printed {
            value: funds,
            decimals: b.funds_decimals,
            unit: b.unit,
        };
        let place = b
            .tables
            .first()
            .map_or("部门整体绩效目标表", String::as_str);
        if let Some(f) = tie(
            "performance.total",
            (place, "资金总额".into()),
            stated,
            &totals,
        ) {
            report.findings.push(f);
        }
    }
}

/// performance.split: the department's 基本支出 and 项目支出, where its target table prints
/// them, equal the spending table's.
pub(super) fn performance_split(
    document: &PublishedDocument,
    facts: &[Facts],
    report: &mut Report,
) {
    let Some(spending) = spending_table(facts) else {
        return;
    };
    for b in document.targets.iter().filter(|b| b.whole) {
        let place = b
            .tables
            .first()
            .map_or("部门整体绩效目标表", String::as_str);
        for (value, role, label) in [
            (b.basic, Role::Basic, "基本支出"),
            (b.project_spending, Role::Project, "项目支出"),
        ] {
            let (Some(v), Some(cell)) = (value, spending.role_total(role)) else {
                continue;
            };
            let table: Vec<(String, Printed)> = printed_cell(cell, spending.unit)
                .map(|p| (spending.name.clone(), p))
                .into_iter()
                .collect();
            let stated = Printed {
                value: v,
                decimals: v.scale(),
                unit: b.unit,
            };
            if let Some(f) = tie("performance.split", (place, label.into()), stated, &table) {
                report.findings.push(f);
            }
        }
    }
}

/// The amounts printed on the rows naming `project` in the tables that are no target tables
/// (project lists, 项目支出表): every number after the name, per row.
fn project_rows(document: &PublishedDocument, project: &str) -> Vec<(String, Printed)> {
    let target_tables: Vec<&String> = document.targets.iter().flat_map(|b| &b.tables).collect();
    let mut out = Vec::new();
    for t in &document.tables {
        let name = t.name();
        if target_tables.contains(&&name) {
            continue;
        }
        for (i, row) in t.raw.rows.iter().enumerate() {
            let Some(at) = row.iter().position(|c| norm(c) == project) else {
                continue;
            };
            let Some(cells) = t.cells.get(i) else {
                continue;
            };
            for c in cells.iter().skip(at + 1) {
                if let CellValue::Number { value, decimals } = c.value {
                    out.push((
                        name.clone(),
                        Printed {
                            value,
                            decimals,
                            unit: t.unit,
                        },
                    ));
                }
            }
        }
    }
    out
}

/// performance.project_funds: each project's 资金总额 equals an amount printed on its row of
/// the project tables (项目支出表).
pub(super) fn project_funds(document: &PublishedDocument, report: &mut Report) {
    for b in document.targets.iter().filter(|b| !b.whole) {
        let (Some(project), Some(funds)) = (&b.project, b.funds) else {
            continue;
        };
        let rows = project_rows(document, project);
        let stated = Printed {
            value: funds,
            decimals: b.funds_decimals,
            unit: b.unit,
        };
        let place = b
            .tables
            .first()
            .map_or("项目支出绩效目标表", String::as_str);
        let row = format!("{project} 资金总额");
        if let Some(f) = tie("performance.project_funds", (place, row), stated, &rows) {
            report.findings.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(v: i64, scale: u32, unit: Option<Unit>) -> Printed {
        Printed {
            value: Decimal::new(v, scale),
            decimals: scale,
            unit,
        }
    }

    #[test]
    fn amounts_compare_in_yuan_and_a_unit_slip_is_told_apart() {
        let wan = Some(Unit::WanYuan);
        let yuan = Some(Unit::Yuan);
        // 50.00 万元 = 500,000.00 元
        assert_eq!(
            agree(p(5000, 2, wan), p(50_000_000, 2, yuan)),
            Agreement::Equal
        );
        // 68.62 元 where the table prints 68.62 万元
        assert_eq!(
            agree(p(6862, 2, yuan), p(6862, 2, wan)),
            Agreement::UnitSlip
        );
        assert_eq!(agree(p(6862, 2, wan), p(6962, 2, wan)), Agreement::Differ);
        // an unknown unit is read both ways
        assert_eq!(
            agree(p(5000, 2, wan), p(50_000_000, 2, None)),
            Agreement::Equal
        );
    }

    #[test]
    fn a_chain_of_names_is_read_from_a_sentence() {
        let (names, _) =
            chain("1.一般公共服务支出（类）信访事务（款）行政运行（项）2026年预算数为5,826.21万元")
                .unwrap();
        assert_eq!(names, ["一般公共服务支出", "信访事务", "行政运行"]);
        let code = code_of(Catalogue::builtin(), &names).unwrap();
        assert_eq!(code.to_string(), "2014001");
    }
}
