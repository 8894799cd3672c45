//! 按单位: rows per budget unit — the department's own lines (本级) and each subordinate unit —
//! for the per-unit tables (收入预算总表 by 单位, "三公" by 单位) and the 单位名称 column of
//! per-project tables.

use crate::budget::{DepartmentBudget, Line, ProjectId, UnitId};

use super::super::template::Body;
use super::{Col, KeyLabel, aggregate, resolve_columns};

/// A row key: the department's own lines (`None`) or a subordinate unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct UnitKey(pub(super) Option<UnitId>);

/// A row key of a per-project table with a 单位名称 column: the unit, then the project
/// (`None`: 基本支出).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct UnitProject(pub(super) Option<UnitId>, pub(super) Option<ProjectId>);

/// 单位名称: a subordinate unit's name, or the department's for its own lines.
fn unit_name(budget: &DepartmentBudget, unit: Option<UnitId>) -> String {
    match unit {
        None => budget.department().name.clone(),
        Some(u) => budget.unit(u).map(|u| u.name.clone()).unwrap_or_default(),
    }
}

/// Every unit key of a budget, in order: the department's own lines, then its units.
fn every_unit(budget: &DepartmentBudget) -> Vec<UnitKey> {
    std::iter::once(UnitKey(None))
        .chain(
            (0..budget.units().len())
                .map(|i| UnitKey(Some(UnitId(u32::try_from(i).unwrap_or(u32::MAX))))),
        )
        .collect()
}

impl KeyLabel for UnitKey {
    fn labels(&self, budget: &DepartmentBudget, _: &str) -> Vec<String> {
        vec![unit_name(budget, self.0)]
    }
    fn all(budget: &DepartmentBudget) -> Vec<Self> {
        every_unit(budget)
    }
}

impl KeyLabel for UnitProject {
    const WIDTH: usize = 2;
    fn labels(&self, budget: &DepartmentBudget, basic: &str) -> Vec<String> {
        vec![
            unit_name(budget, self.0),
            KeyLabel::labels(&self.1, budget, basic).concat(),
        ]
    }
    fn detail(&self, budget: &DepartmentBudget, label: &str) -> String {
        self.1.detail(budget, label)
    }
    fn all(budget: &DepartmentBudget) -> Vec<Self> {
        let mut keys: Vec<UnitProject> = budget
            .lines()
            .iter()
            .map(|l: &Line| UnitProject(l.unit(), l.kind().project()))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }
}

/// The rows of a per-unit table: every unit, or (`nonzero_only`) those with money in a column.
pub(super) fn unit_keys(budget: &DepartmentBudget, body: &Body) -> Vec<UnitKey> {
    let all = every_unit(budget);
    if !body.nonzero_only {
        return all;
    }
    let cols = resolve_columns(budget, body, false);
    let sums = aggregate(budget, &body.lines, &cols, |l| Some(UnitKey(l.unit())));
    all.into_iter()
        .filter(|k| {
            sums.get(k).is_some_and(|v| {
                v.iter()
                    .zip(&cols)
                    .any(|(a, c)| matches!(c, Col::Lines(_)) && !a.is_zero())
            })
        })
        .collect()
}
