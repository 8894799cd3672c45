//! The right side of a two-sided table (收支对照): rows before the 类, the 类 (or the whole
//! 类/款/项 tree by name), rows after them.

use crate::amount::Amount;
use crate::budget::DepartmentBudget;
use crate::classification::{Catalogue, FunctionalCode};

use super::super::table::Proto;
use super::super::template::{Body, ClassList, Filter, RowSpec};
use super::{
    Col, Src, aggregate, chinese_number, class_list, functional_tree_of, leaf, money_cells,
    name_of, text,
};

/// Where a right-side row's money comes from.
pub(super) enum Money {
    /// Leaf amounts per money column, rounded in footing groups offset by `group`.
    Leaf(Vec<Amount>, u32),
    /// The sums of other right-side rows (by their index on the right side).
    Rows(Vec<usize>),
}

/// One row of the right side.
pub(super) struct RightRow {
    /// The printed label.
    pub(super) label: String,
    /// Its money.
    pub(super) money: Money,
    /// Whether it is a 类 row (the total adds these up).
    pub(super) class: bool,
}

/// The footing group of the right side's 类/款/项 leaves, offset from the left side's (0).
const TREE_GROUP: u32 = 1;
/// The footing group of the rows before and after the 类 and of the pairs: their amounts are
/// totals of the tree's, so they round apart from it.
const EXTRA_GROUP: u32 = 1 << 16;

impl RightRow {
    /// A row of leaf amounts outside the 类 list.
    pub(super) fn leaf(label: String, values: Vec<Amount>) -> RightRow {
        RightRow {
            label,
            money: Money::Leaf(values, EXTRA_GROUP),
            class: false,
        }
    }
}

/// The amounts of the table's lines within `filter` (all of them when `None`), per column.
pub(super) fn values(
    budget: &DepartmentBudget,
    body: &Body,
    filter: Option<&Filter>,
    cols: &[Col<'_>],
) -> Vec<Amount> {
    let all = Filter::default();
    let f = filter.unwrap_or(&all);
    cols.iter()
        .map(|c| match c {
            Col::Lines(cf) => budget.sum_where(|l| {
                body.lines.matches(budget, l) && f.matches(budget, l) && cf.matches(budget, l)
            }),
            _ => Amount::ZERO,
        })
        .collect()
}

fn extra_rows(
    budget: &DepartmentBudget,
    body: &Body,
    rows: &[RowSpec],
    cols: &[Col<'_>],
) -> Vec<RightRow> {
    rows.iter()
        .map(|r| {
            RightRow::leaf(
                r.label.clone(),
                values(budget, body, r.lines.as_ref(), cols),
            )
        })
        .collect()
}

/// The right side's rows, in order.
pub(super) fn right_side(
    budget: &DepartmentBudget,
    catalogue: &Catalogue,
    body: &Body,
    cols: &[Col<'_>],
) -> Vec<RightRow> {
    let mut out = extra_rows(budget, body, &body.right_before, cols);
    match body.classes {
        ClassList::Tree => tree_rows(budget, catalogue, body, cols, &mut out),
        ClassList::All | ClassList::WithMoneyNumbered => {
            out.extend(class_rows(budget, catalogue, body, cols));
        }
    }
    out.extend(extra_rows(budget, body, &body.right_after, cols));
    out
}

/// One row per 类: every 类 of the catalogue (`206 科学技术支出`) or those with money, numbered.
fn class_rows(
    budget: &DepartmentBudget,
    catalogue: &Catalogue,
    body: &Body,
    cols: &[Col<'_>],
) -> Vec<RightRow> {
    let by_class = aggregate(budget, &body.lines, cols, |l| Some(l.functional().class()));
    let classes: Vec<(FunctionalCode, String)> = match body.classes {
        ClassList::WithMoneyNumbered => by_class
            .iter()
            .filter(|(_, v)| v.iter().any(|a| !a.is_zero()))
            .enumerate()
            .map(|(i, (c, _))| {
                (
                    *c,
                    format!("{}、{}", chinese_number(i + 1), name_of(catalogue, *c)),
                )
            })
            .collect(),
        _ => class_list(budget, catalogue)
            .into_iter()
            .map(|c| (c, format!("{c} {}", name_of(catalogue, c))))
            .collect(),
    };
    classes
        .into_iter()
        .map(|(c, label)| RightRow {
            label,
            money: Money::Leaf(
                by_class
                    .get(&c)
                    .cloned()
                    .unwrap_or_else(|| vec![Amount::ZERO; cols.len()]),
                TREE_GROUP,
            ),
            class: true,
        })
        .collect()
}

/// The 类/款/项 of the table's lines by name: each 类 and 款 the sum of the rows under it.
fn tree_rows(
    budget: &DepartmentBudget,
    catalogue: &Catalogue,
    body: &Body,
    cols: &[Col<'_>],
    out: &mut Vec<RightRow>,
) {
    let items = aggregate(budget, &body.lines, cols, |l| Some(l.functional()));
    let tree = functional_tree_of(items.keys().copied(), |k| k);
    for (class, sections) in &tree {
        let class_at = out.len();
        out.push(RightRow {
            label: name_of(catalogue, *class),
            money: Money::Rows(Vec::new()),
            class: true,
        });
        let mut section_rows = Vec::new();
        for (section, codes) in sections {
            let section_at = out.len();
            section_rows.push(section_at);
            out.push(RightRow {
                label: name_of(catalogue, *section),
                money: Money::Rows(Vec::new()),
                class: false,
            });
            let mut item_rows = Vec::new();
            for code in codes {
                item_rows.push(out.len());
                out.push(RightRow {
                    label: name_of(catalogue, *code),
                    money: Money::Leaf(items.get(code).cloned().unwrap_or_default(), TREE_GROUP),
                    class: false,
                });
            }
            if let Some(r) = out.get_mut(section_at) {
                r.money = Money::Rows(item_rows);
            }
        }
        if let Some(r) = out.get_mut(class_at) {
            r.money = Money::Rows(section_rows);
        }
    }
}

/// The cells of a right-side row at grid row `row` (its index on the right side, or a pair's
/// row), the label first.
pub(super) fn right_cells(r: &RightRow, row: usize, first: usize, cols: &[Col<'_>]) -> Vec<Proto> {
    let mut cells = vec![text(r.label.clone())];
    match &r.money {
        Money::Leaf(values, group) => {
            let money = money_cells(row, first, cols, Src::Leaf(values));
            cells.extend(money.into_iter().map(|p| match p {
                Proto::Leaf { exact, group: g } => leaf(exact, g + group),
                other => other,
            }));
        }
        Money::Rows(rows) => cells.extend(money_cells(row, first, cols, Src::Rows(rows))),
    }
    cells
}
