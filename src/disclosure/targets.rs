//! 绩效目标表: the 部门整体 and 项目支出 performance target tables, rendered from the budget's
//! targets ([`crate::performance`]) under the layout a template gives.
//!
//! A target table is a form: labelled rows on top ([`InfoCell`]s: 项目名称, 主管部门, 资金, 年度目标
//! …), the column header, then one row per indicator, each column a field of the typed
//! [`Indicator`] ([`IndicatorField`]), never a position. Money cells add up the budget's lines of
//! the target (the department's, or the project's) within a [`Filter`].

use core::fmt;
use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::amount::Amount;
use crate::budget::{DepartmentBudget, Line, ProjectId};
use crate::performance::{Indicator, TargetValue};

use super::table::{Cell, Grid, Proto, Rounding, Row, Table};
use super::template::{Body, BodyKind, Filter, Format, TableSpec, TargetOrder};
use super::text::{Lookup, Text};

/// 信息栏单元格: one cell of the labelled rows above a target table's column header.
///
/// In TOML a cell is a string (a text with placeholders, see [`TARGET_PLACEHOLDERS`]) or a table:
/// `{ text = "项目名称", bold = true }` or `{ lines = FILTER }` (money: the target's lines
/// within the filter).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct InfoCell {
    /// A text, with placeholders.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Money: the sum of the target's lines within this filter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lines: Option<Filter>,
    /// Whether the cell prints bold (the labels).
    #[serde(skip_serializing_if = "core::ops::Not::not")]
    pub bold: bool,
}

/// The table form of an [`InfoCell`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InfoCellTable {
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    lines: Option<Filter>,
    #[serde(default)]
    bold: bool,
}

impl<'de> Deserialize<'de> for InfoCell {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<InfoCell, D::Error> {
        struct CellVisitor;
        impl<'de> Visitor<'de> for CellVisitor {
            type Value = InfoCell;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a text, or a table with `text` or `lines` and `bold`")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<InfoCell, E> {
                Ok(InfoCell {
                    text: Some(s.to_string()),
                    ..InfoCell::default()
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<InfoCell, A::Error> {
                let t = InfoCellTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(InfoCell {
                    text: t.text,
                    lines: t.lines,
                    bold: t.bold,
                })
            }
        }
        d.deserialize_any(CellVisitor)
    }
}

/// 指标字段: what an indicator column prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorField {
    /// 一级指标: as printed in the source when the budget records it, else the canonical name.
    FirstLevel,
    /// 二级指标: as printed in the source when the budget records it, else the canonical name.
    SecondLevel,
    /// 三级指标.
    ThirdLevel,
    /// 指标值 as printed (`≥98%`, `2026 年 10 月 30 日`).
    Target,
    /// 指标性质 / 计算符号: `≥`, `≤`, `＝` …, or `定性` for a qualitative value or a date.
    TargetSign,
    /// 指标值 without its sign and unit: the number, the date or the text.
    TargetNumber,
    /// 度量单位: the unit of a quantitative value (empty otherwise).
    TargetUnit,
    /// 指标值设定依据.
    Basis,
    /// 上年完成值 / 上年指标值, as printed.
    Prior,
    /// 分值权重.
    Weight,
    /// 指标赋分规则 / 评分规则.
    Scoring,
    /// 佐证资料.
    Evidence,
}

/// 指标列: one column of a target table's indicator rows.
///
/// Exactly one of `field` (a field of the indicator), `text` (a text of the target, with
/// placeholders) and `lines` (the target's money within a filter) is given. `text` and `lines`
/// print on a target's first row only (the cells below are merged), as in tables that list
/// every project in one table.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TargetColumn {
    /// A field of the indicator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<IndicatorField>,
    /// A text of the target, with placeholders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The target's money within a filter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<Filter>,
    /// 合并单元格: a value equal to the one above (within the same target, and under the same
    /// 一级指标 for a 二级指标) prints blank; without it every row prints its value, a level the
    /// source printed merged included.
    #[serde(default, skip_serializing_if = "core::ops::Not::not")]
    pub merge: bool,
}

/// The placeholders of texts in target tables (info cells and `text` columns).
pub const TARGET_PLACEHOLDERS: [&str; 12] = [
    "year",
    "department",
    "contact",
    "phone",
    "goal",
    "project",
    "project_name",
    "project_key",
    "unit",
    "person_responsible",
    "executing_unit",
    "budget_department",
];

/// One target to print: its placeholder values, its indicators and the lines it covers.
struct Subject<'a> {
    values: HashMap<&'static str, String>,
    indicators: &'a [Indicator],
    project: Option<ProjectId>,
}

impl Lookup for HashMap<&'static str, String> {
    fn value(&self, name: &str, _style: Option<&str>) -> Option<String> {
        self.get(name).filter(|v| !v.is_empty()).cloned()
    }

    fn items(&self, _list: &str) -> Option<Vec<Box<dyn Lookup + '_>>> {
        None
    }
}

/// The values every target shares: the year and the budget's department.
fn base_values(budget: &DepartmentBudget) -> HashMap<&'static str, String> {
    let d = budget.department();
    let mut v: HashMap<&'static str, String> = TARGET_PLACEHOLDERS
        .iter()
        .map(|k| (*k, String::new()))
        .collect();
    v.insert("year", d.year.to_string());
    v.insert("department", d.name.clone());
    v.insert("budget_department", d.name.clone());
    v.insert("unit", d.name.clone());
    v
}

/// The 部门整体 target, when the budget has one.
fn department_subject(budget: &DepartmentBudget) -> Option<Subject<'_>> {
    let t = budget.performance()?.department.as_ref()?;
    let mut values = base_values(budget);
    values.insert("department", t.department.clone());
    values.insert("unit", t.department.clone());
    values.insert("contact", t.contact.clone());
    values.insert("phone", t.phone.clone());
    values.insert("goal", t.goals.clone());
    Some(Subject {
        values,
        indicators: &t.indicators,
        project: None,
    })
}

/// The 项目支出 targets naming a project of the budget, in the order the body asks for.
fn project_subjects<'a>(budget: &'a DepartmentBudget, order: TargetOrder) -> Vec<Subject<'a>> {
    let Some(p) = budget.performance() else {
        return Vec::new();
    };
    let mut out: Vec<(usize, Subject<'a>)> = p
        .projects
        .iter()
        .filter_map(|t| {
            let (place, (id, project)) = budget
                .projects()
                .enumerate()
                .find(|(_, (_, x))| x.key == t.project)?;
            let mut values = base_values(budget);
            values.insert("goal", t.goal.clone());
            values.insert("project", t.printed_name.clone());
            values.insert("project_name", project.name.clone());
            values.insert("project_key", project.key.clone());
            values.insert("unit", t.unit.clone());
            values.insert("person_responsible", t.person_responsible.clone());
            values.insert("executing_unit", project.executing_unit.clone());
            let subject = Subject {
                values,
                indicators: &t.indicators,
                project: Some(id),
            };
            Some((place, subject))
        })
        .collect();
    if order == TargetOrder::Projects {
        out.sort_by_key(|(place, _)| *place);
    }
    out.into_iter().map(|(_, s)| s).collect()
}

/// The targets a body prints.
fn subjects<'a>(budget: &'a DepartmentBudget, body: &Body) -> Vec<Subject<'a>> {
    match body.kind {
        BodyKind::DepartmentTargets => department_subject(budget).into_iter().collect(),
        BodyKind::ProjectTargets => project_subjects(budget, body.order),
        _ => Vec::new(),
    }
}

/// The budget's lines, and those of each project (indexed once per spec, so a table per
/// project stays linear in the lines).
struct Lines<'a> {
    all: Vec<&'a Line>,
    by_project: HashMap<ProjectId, Vec<&'a Line>>,
}

impl<'a> Lines<'a> {
    fn new(budget: &'a DepartmentBudget, body: &Body) -> Lines<'a> {
        let all: Vec<&Line> = budget
            .lines()
            .iter()
            .filter(|l| body.lines.matches(budget, l))
            .collect();
        let mut by_project: HashMap<ProjectId, Vec<&Line>> = HashMap::new();
        for l in &all {
            if let Some(p) = l.kind().project() {
                by_project.entry(p).or_default().push(l);
            }
        }
        Lines { all, by_project }
    }

    /// The money of a target: its lines (all, or its project's) within the filter.
    fn sum(&self, budget: &DepartmentBudget, project: Option<ProjectId>, f: &Filter) -> Amount {
        let lines = match project {
            None => self.all.as_slice(),
            Some(p) => self.by_project.get(&p).map_or(&[][..], Vec::as_slice),
        };
        let mut sum = Amount::ZERO;
        for l in lines.iter().filter(|l| f.matches(budget, l)) {
            sum = sum.checked_add(l.amount()).unwrap_or(Amount::MAX);
        }
        sum
    }
}

/// Builds the rows of one table: info rows first, then indicator rows.
struct Builder<'a> {
    budget: &'a DepartmentBudget,
    body: &'a Body,
    lines: &'a Lines<'a>,
    grid: Grid,
    group: u32,
}

impl Builder<'_> {
    /// A money cell; each its own rounding group, so footing rounds it as faithful does.
    fn money(&mut self, project: Option<ProjectId>, f: &Filter) -> Proto {
        self.group += 1;
        Proto::Leaf {
            exact: self.lines.sum(self.budget, project, f),
            group: self.group,
        }
    }

    fn text(values: &HashMap<&'static str, String>, t: &str) -> Proto {
        Proto::Text(Text::parse(t).render(values))
    }

    /// The info rows, filled from one target (or from the budget alone).
    fn info(&mut self, values: &HashMap<&'static str, String>, project: Option<ProjectId>) {
        let body = self.body;
        for row in &body.info {
            let row = row.get_ref();
            let mut cells = Vec::with_capacity(row.len());
            let mut bold = Vec::with_capacity(row.len());
            for c in row {
                cells.push(match (&c.lines, &c.text) {
                    (Some(f), _) => self.money(project, f),
                    (None, Some(t)) => Self::text(values, t),
                    (None, None) => Proto::Text(String::new()),
                });
                bold.push(c.bold);
            }
            self.grid.push_cells(cells, bold);
        }
    }

    /// The indicator rows of one target (one row with the target's cells when it has none and
    /// the columns print target cells).
    fn indicators(&mut self, s: &Subject<'_>) {
        let columns = &self.body.indicators;
        let mut above: Vec<Option<(String, String)>> = vec![None; columns.len()];
        let target_cells = columns.iter().any(|c| c.get_ref().field.is_none());
        if s.indicators.is_empty() && target_cells {
            let cells = columns
                .iter()
                .map(|c| self.target_cell(c.get_ref(), s))
                .collect::<Vec<_>>();
            self.grid.push(cells, false);
        }
        for (i, ind) in s.indicators.iter().enumerate() {
            let mut cells = Vec::with_capacity(columns.len());
            for (c, last) in columns.iter().zip(above.iter_mut()) {
                let c = c.get_ref();
                let cell = match c.field {
                    Some(field) => Proto::Text(field_cell(field, ind, c.merge, last)),
                    None if i == 0 => self.target_cell(c, s),
                    None => Proto::Text(String::new()),
                };
                cells.push(cell);
            }
            self.grid.push(cells, false);
        }
    }

    fn target_cell(&mut self, c: &TargetColumn, s: &Subject<'_>) -> Proto {
        match (&c.lines, &c.text) {
            (Some(f), _) => self.money(s.project, f),
            (None, Some(t)) => Self::text(&s.values, t),
            (None, None) => Proto::Text(String::new()),
        }
    }
}

/// The printed text of one indicator cell. `last` holds the merge key and the text of the cell
/// above in this column (within the same target) and is updated.
///
/// A level prints as the source printed it when the budget records that (PDF spacing kept);
/// a level the source left blank because it merged the cell prints the text above it (or the
/// canonical name), so that a template that repeats levels repeats them and one that merges
/// them (`merge`) prints each once.
fn field_cell(
    field: IndicatorField,
    ind: &Indicator,
    merge: bool,
    last: &mut Option<(String, String)>,
) -> String {
    let printed = ind.printed_levels.as_ref();
    let (printed, key, canonical) = match field {
        IndicatorField::FirstLevel => {
            let name = ind.category.first_level().to_string();
            (printed.map(|p| p.0.clone()), name.clone(), name)
        }
        IndicatorField::SecondLevel => (
            printed.map(|p| p.1.clone()),
            ind.category.to_string(),
            ind.category.second_level(),
        ),
        other => {
            let t = indicator_text(other, ind);
            (None, t.clone(), t)
        }
    };
    let above = last.take().filter(|(k, _)| *k == key);
    let same = above.is_some();
    let text = match printed.filter(|t| !t.trim().is_empty()) {
        Some(t) => t,
        None => above.map_or(canonical, |(_, t)| t),
    };
    *last = Some((key, text.clone()));
    if merge && same { String::new() } else { text }
}

/// The text of an indicator field other than the levels.
fn indicator_text(field: IndicatorField, ind: &Indicator) -> String {
    let value = ind.target.value();
    match field {
        IndicatorField::FirstLevel => ind.category.first_level().to_string(),
        IndicatorField::SecondLevel => ind.category.second_level(),
        IndicatorField::ThirdLevel => ind.name.clone(),
        IndicatorField::Target => ind.target.printed().to_string(),
        IndicatorField::TargetSign => match value {
            TargetValue::Quantitative { comparator, .. } => comparator.to_string(),
            TargetValue::Date(_) | TargetValue::Qualitative(_) => "定性".to_string(),
        },
        IndicatorField::TargetNumber => match value {
            TargetValue::Quantitative { value, .. } => value.to_string(),
            TargetValue::Date(d) => d.to_chinese(),
            TargetValue::Qualitative(t) => t.clone(),
        },
        IndicatorField::TargetUnit => match value {
            TargetValue::Quantitative { unit, .. } => unit.clone(),
            TargetValue::Date(_) | TargetValue::Qualitative(_) => String::new(),
        },
        IndicatorField::Basis => ind.basis.clone(),
        IndicatorField::Prior => ind
            .prior
            .as_ref()
            .map_or_else(String::new, |p| p.printed().to_string()),
        IndicatorField::Weight => ind.weight.to_string(),
        IndicatorField::Scoring => ind
            .scoring
            .as_ref()
            .map_or_else(String::new, |s| s.to_string()),
        IndicatorField::Evidence => ind.evidence.clone(),
    }
}

/// What a zero amount prints as under the body's `zero` (`"0"`, `"0.00"`, `""` for blank).
pub(crate) fn zero_style(zero: &str) -> Result<Option<Decimal>, String> {
    if zero.trim().is_empty() {
        return Ok(None);
    }
    match zero.trim().parse::<Decimal>() {
        Ok(d) if d.is_zero() => Ok(Some(d)),
        _ => Err(format!(
            "`zero` is {zero:?}; expected a zero such as \"0\" or \"0.00\", or \"\" for a blank"
        )),
    }
}

fn apply_zero(rows: &mut [Row], zero: Option<&str>) {
    let Some(style) = zero.map(zero_style) else {
        return;
    };
    let shown_zero = style.unwrap_or(None);
    for r in rows.iter_mut() {
        for (c, b) in r.cells.iter_mut().zip(r.bold.iter_mut()) {
            if let Cell::Money { exact, shown } = c {
                if exact.is_zero() {
                    *shown = shown_zero;
                    *b = *b && shown_zero.is_some();
                }
            }
        }
    }
}

/// Where a table is placed and how it prints: its number, its format and the rounding.
pub(crate) struct Placement {
    /// 表 N (0: unnumbered).
    pub(crate) number: u32,
    /// Unit, decimals, separators.
    pub(crate) format: Format,
    /// Faithful or footing.
    pub(crate) rounding: Rounding,
}

/// The tables of one target spec: one per target (or one for all with `one_table`); one empty
/// table, with the spec's empty note, when the budget has no target to print.
pub(crate) fn tables(budget: &DepartmentBudget, spec: &TableSpec, at: &Placement) -> Vec<Table> {
    let body = &spec.body;
    let subjects = subjects(budget, body);
    if subjects.is_empty() {
        return vec![table(budget, spec, at, Grid::default(), 0, true)];
    }
    let lines = Lines::new(budget, body);
    let new = || Builder {
        budget,
        body,
        lines: &lines,
        grid: Grid::default(),
        group: 0,
    };
    let mut grids: Vec<(Grid, usize, Option<&str>)> = Vec::new();
    if body.one_table {
        let mut b = new();
        b.info(&base_values(budget), None);
        let n = b.grid.rows.len();
        for s in &subjects {
            b.indicators(s);
        }
        grids.push((b.grid, n, None));
    } else {
        for s in &subjects {
            let mut b = new();
            b.info(&s.values, s.project);
            let n = b.grid.rows.len();
            b.indicators(s);
            let project = s.project.and(s.values.get("project").map(String::as_str));
            grids.push((b.grid, n, project));
        }
    }
    grids
        .into_iter()
        .map(|(g, n, project)| {
            let mut t = table(budget, spec, at, g, n, false);
            t.title = project_title(&t.title, project);
            t
        })
        .collect()
}

/// A project target table's title with `{project}` filled by the project's name as the target
/// prints it (`白内障、血友病患者医疗救助费用项目绩效目标表`); titles without it are unchanged.
fn project_title(title: &str, project: Option<&str>) -> String {
    match project {
        Some(p) => title.replace("{project}", p),
        None => title.replace("{project}", ""),
    }
}

/// One table from its grid; the first `info` rows are the info rows.
fn table(
    budget: &DepartmentBudget,
    spec: &TableSpec,
    at: &Placement,
    grid: Grid,
    info: usize,
    empty: bool,
) -> Table {
    let f = at.format;
    let mut rows = grid.resolve(f.unit, f.decimals, at.rounding, f.blank_zero);
    apply_zero(
        &mut rows,
        spec.body.zero.as_ref().map(|z| z.get_ref().as_str()),
    );
    let body = rows.split_off(info.min(rows.len()));
    let d = budget.department();
    Table {
        id: spec.id.clone().unwrap_or_default(),
        number: at.number,
        title: spec.printed_title(budget),
        department: d.name.clone(),
        unit: f.unit,
        header: spec.header.get_ref().clone(),
        info: rows,
        rows: body,
        note: spec.printed_note(budget, empty),
        thousands: f.thousands,
    }
}

/// Checks of a target table's layout when a template is read.
pub(crate) mod validate {
    use super::{TARGET_PLACEHOLDERS, TargetColumn, zero_style};
    use crate::disclosure::template::{TableSpec, TemplateError};
    use crate::disclosure::text::Text;
    use crate::disclosure::validate::Check;

    /// A text's markup and placeholders.
    fn text_ok(c: &Check<'_>, at: usize, field: &str, t: &str) -> Result<(), TemplateError> {
        let parsed = Text::try_parse(t).map_err(|m| c.err(Some(at), field, m))?;
        match parsed
            .names()
            .into_iter()
            .find(|(n, _)| !TARGET_PLACEHOLDERS.contains(&n.as_str()))
        {
            Some((n, _)) => Err(c.err(
                Some(at),
                field,
                format!(
                    "unknown placeholder `{n}`; a target table knows {}",
                    TARGET_PLACEHOLDERS.join(", ")
                ),
            )),
            None => Ok(()),
        }
    }

    fn column_ok(c: &Check<'_>, at: usize, col: &TargetColumn) -> Result<(), TemplateError> {
        let given = usize::from(col.field.is_some())
            + usize::from(col.text.is_some())
            + usize::from(col.lines.is_some());
        if given != 1 {
            return Err(c.err(
                Some(at),
                "indicators",
                "an indicator column gives exactly one of `field`, `text` and `lines`",
            ));
        }
        col.text
            .as_ref()
            .map_or(Ok(()), |t| text_ok(c, at, "indicators", t))
    }

    /// Widths (info rows, header and indicator columns agree), cells, placeholders, `zero`.
    pub(crate) fn layout_ok(c: &Check<'_>, table: &TableSpec) -> Result<(), TemplateError> {
        let body = &table.body;
        let header_at = table.header.span().start;
        let header = table.header.get_ref();
        let width = header.first().map_or(body.indicators.len(), Vec::len);
        if body.indicators.is_empty() {
            return Err(c.err(
                Some(header_at),
                "indicators",
                format!(
                    "「{}」: a target table lists its indicator columns",
                    table.title
                ),
            ));
        }
        if let Some(bad) = header.iter().find(|r| r.len() != body.indicators.len()) {
            return Err(c.err(
                Some(header_at),
                "header",
                format!(
                    "「{}」: a header row has {} cells, the indicator rows print {}",
                    table.title,
                    bad.len(),
                    body.indicators.len()
                ),
            ));
        }
        for col in &body.indicators {
            column_ok(c, col.span().start, col.get_ref())?;
        }
        for row in &body.info {
            let at = row.span().start;
            let row = row.get_ref();
            if row.len() != width {
                return Err(c.err(
                    Some(at),
                    "info",
                    format!(
                        "「{}」: an info row has {} cells, the table prints {width} columns",
                        table.title,
                        row.len()
                    ),
                ));
            }
            for cell in row {
                if cell.text.is_some() && cell.lines.is_some() {
                    return Err(c.err(
                        Some(at),
                        "info",
                        "an info cell gives both `text` and `lines`",
                    ));
                }
                if let Some(t) = &cell.text {
                    text_ok(c, at, "info", t)?;
                }
            }
        }
        if let Some(z) = &body.zero {
            zero_style(z.get_ref()).map_err(|m| c.err(Some(z.span().start), "zero", m))?;
        }
        Ok(())
    }
}
