//! 部门预算支出经济分类 × 政府预算支出经济分类: an economic tree whose rows print both
//! classifications side by side (`301 | 01 | 基本工资 | 501 | 01 | 工资奖金津补贴`), as 山东's
//! 一般公共预算基本支出情况表 and 基本支出预算情况表 do.
//!
//! A line's 政府 款 follows from its 部门 款 and the kind of the unit that spends it (机关 or
//! 事业单位, [`crate::classification::MappingBasis`]): a 机关's 30101 is 50101, a 事业单位's 50501.
//! Rows are grouped by (部门 类, 政府 类) in code order — 301/501 before 301/505 — each group a
//! subtotal row over its (部门 款, 政府 款) rows. A 款 whose 政府 款 is not known for its unit
//! kind prints its 部门 code with blank 政府 cells.

use std::collections::BTreeMap;

use crate::budget::{DepartmentBudget, Line};
use crate::classification::{Catalogue, Code, EconomicCode, GovEconomicCode};

use super::super::table::Grid;
use super::super::template::{Body, CodeStyle};
use super::{
    Src, aggregate, code_width, labels, money_cells, name_of, push_total, resolve_columns, set_row,
};

/// A row key: the 部门 款 and the 政府 款 it is reported under (`None` where unknown).
type PairKey = (EconomicCode, Option<GovEconomicCode>);

/// The 政府 款 of a line: by its 部门 款 and its unit's kind.
fn government_of(budget: &DepartmentBudget, line: &Line) -> Option<GovEconomicCode> {
    let kind = match line.unit() {
        None => budget.department().unit_kind,
        Some(u) => budget.unit(u)?.unit_kind,
    };
    line.economic().government_code(kind.mapping_basis())
}

/// A code's 类 and 款 digits (`301`, `01`), or the 类 alone for a 类.
fn split<C: Code + core::fmt::Display>(code: Option<C>) -> (String, String) {
    let s = code.map(|c| c.to_string()).unwrap_or_default();
    (
        s.get(0..3).unwrap_or("").to_string(),
        s.get(3..).unwrap_or("").to_string(),
    )
}

/// Label cells of one side (部门 or 政府): its code cells, then its name.
fn side(style: CodeStyle, class: &str, section: &str, name: String) -> Vec<super::Proto> {
    labels(style, &[class, section], &[name])
}

/// The label cells of a row: the 部门 side, then the 政府 side.
fn pair_labels(
    catalogue: &Catalogue,
    style: CodeStyle,
    department: EconomicCode,
    government: Option<GovEconomicCode>,
) -> Vec<super::Proto> {
    let (dc, ds) = split(Some(department));
    let (gc, gs) = split(government);
    let gname = government
        .map(|g| name_of(catalogue, g))
        .unwrap_or_default();
    let mut cells = side(style, &dc, &ds, name_of(catalogue, department));
    if government.is_none() && style == CodeStyle::Bracketed {
        cells.push(super::text(""));
    } else {
        cells.extend(side(style, &gc, &gs, gname));
    }
    cells
}

/// 部门 × 政府经济分类: a row per (部门 类, 政府 类) group and per (部门 款, 政府 款) of the kept
/// lines, then the total row.
pub(super) fn economic_pairs(
    budget: &DepartmentBudget,
    catalogue: &Catalogue,
    body: &Body,
) -> Grid {
    let cols = resolve_columns(budget, body, false);
    let style = body.codes;
    let first = 2 * (code_width(style, 2) + 1);
    let sections = aggregate(budget, &body.lines, &cols, |l| {
        Some((l.economic(), government_of(budget, l)))
    });
    let mut groups: BTreeMap<PairKey, Vec<PairKey>> = BTreeMap::new();
    for key in sections.keys() {
        let group = (key.0.class(), key.1.map(|g| g.class()));
        groups.entry(group).or_default().push(*key);
    }
    let mut grid = Grid::default();
    let mut group_rows = Vec::new();
    for ((class, gov_class), keys) in &groups {
        let group_row = grid.push(Vec::new(), false);
        let mut children = Vec::new();
        for key in keys {
            let row = grid.rows.len();
            let mut cells = pair_labels(catalogue, style, key.0, key.1);
            let values = sections.get(key).cloned().unwrap_or_default();
            cells.extend(money_cells(row, first, &cols, Src::Leaf(&values)));
            children.push(grid.push(cells, false));
        }
        let mut cells = pair_labels(catalogue, style, *class, *gov_class);
        cells.extend(money_cells(group_row, first, &cols, Src::Rows(&children)));
        set_row(&mut grid, group_row, cells, body.bold_subtotals);
        group_rows.push(group_row);
    }
    push_total(&mut grid, body, (first, first / 2 - 1), &cols, &group_rows);
    grid
}
