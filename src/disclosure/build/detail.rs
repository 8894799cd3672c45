//! 明细行: one row per combination of classification codes among a table's lines — functional
//! 项, 政府经济分类 款 and 部门经济分类 款 (Beijing's 支出总表 and 一般公共预算基本支出表) — and,
//! with `unit_blocks`, the rows repeated per budget unit (its 一般公共预算支出表).

use crate::budget::{DepartmentBudget, Line};
use crate::classification::{
    Catalogue, EconomicCode, FunctionalCode, GovEconomicCode, MappingBasis,
};

use super::super::table::{Grid, Proto};
use super::super::template::{Body, DetailKey};
use super::{
    Src, aggregate, blank, code_width, labels, money_cells, name_of, resolve_columns,
    split_functional, total_labels,
};

/// One classification of a row's key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Functional(FunctionalCode),
    /// `None`: no 政府 款 is known for the line's 部门 款 and unit kind.
    Government(Option<GovEconomicCode>),
    Economic(EconomicCode),
}

/// A row's key: the unit block (0 for the department's own lines, or when the table has no
/// blocks), then the parts in the template's order.
type Key = (usize, Vec<Part>);

/// The levels a key's code prints in split style (类/款/项, or 类/款).
fn levels(key: DetailKey) -> usize {
    match key {
        DetailKey::Functional => 3,
        DetailKey::GovernmentEconomic | DetailKey::Economic => 2,
    }
}

/// The label columns of a detail-rows table: each key's code columns and its name.
pub(crate) fn label_width(body: &Body) -> usize {
    body.keys
        .iter()
        .map(|k| code_width(body.codes, levels(*k)) + 1)
        .sum()
}

/// The 部门→政府 mapping basis of a line: its unit's kind, or the department's.
fn basis(budget: &DepartmentBudget, line: &Line) -> MappingBasis {
    line.unit()
        .and_then(|u| budget.unit(u))
        .map_or(budget.department().unit_kind, |u| u.unit_kind)
        .mapping_basis()
}

/// The key of a line under the table's keys and blocks.
fn key_of(budget: &DepartmentBudget, body: &Body, line: &Line) -> Key {
    let block = if body.unit_blocks {
        line.unit().map_or(0, |u| u.index() + 1)
    } else {
        0
    };
    let parts = body
        .keys
        .iter()
        .map(|k| match k {
            DetailKey::Functional => Part::Functional(line.functional()),
            DetailKey::GovernmentEconomic => {
                Part::Government(line.economic().government_code(basis(budget, line)))
            }
            DetailKey::Economic => Part::Economic(line.economic()),
        })
        .collect();
    (block, parts)
}

/// `501 | 01` of a 5-digit economic code.
fn split_economic(code: &str) -> [&str; 2] {
    [code.get(0..3).unwrap_or(""), code.get(3..).unwrap_or("")]
}

/// The label cells of one part.
fn part_labels(body: &Body, catalogue: &Catalogue, part: Part) -> Vec<Proto> {
    let style = body.codes;
    match part {
        Part::Functional(code) => {
            let [c, k, x] = split_functional(code);
            labels(style, &[&c, &k, &x], &[name_of(catalogue, code)])
        }
        Part::Economic(code) => {
            let s = code.to_string();
            labels(style, &split_economic(&s), &[name_of(catalogue, code)])
        }
        Part::Government(Some(code)) => {
            let s = code.to_string();
            labels(style, &split_economic(&s), &[name_of(catalogue, code)])
        }
        Part::Government(None) => (0..=code_width(style, 2)).map(|_| blank()).collect(),
    }
}

/// 明细行: a row per key of the kept lines, in key order (block by block), then the total.
pub(super) fn detail_rows(budget: &DepartmentBudget, catalogue: &Catalogue, body: &Body) -> Grid {
    let cols = resolve_columns(budget, body, false);
    let first = label_width(body);
    let sums = aggregate(budget, &body.lines, &cols, |l| {
        Some(key_of(budget, body, l))
    });
    let mut grid = Grid::default();
    let mut rows = Vec::with_capacity(sums.len());
    for ((_, parts), values) in &sums {
        let row = grid.rows.len();
        let mut cells: Vec<Proto> = parts
            .iter()
            .flat_map(|p| part_labels(body, catalogue, *p))
            .collect();
        cells.extend(money_cells(row, first, &cols, Src::Leaf(values)));
        rows.push(grid.push(cells, false));
    }
    if let Some(total) = &body.total {
        let row = grid.rows.len();
        let mut cells = total_labels(total.at, first, first.saturating_sub(1), &total.label);
        cells.extend(money_cells(row, first, &cols, Src::Total(&rows)));
        grid.push(cells, total.bold);
    }
    grid
}
