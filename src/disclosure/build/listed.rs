//! 科目清单: an economic tree whose rows are the codes the form lists (`listed`), each printed
//! with money or not, rather than the 类 and 款 that have money.

use std::collections::BTreeSet;

use crate::amount::Amount;
use crate::budget::DepartmentBudget;
use crate::classification::{Catalogue, EconomicCode};

use super::super::table::Grid;
use super::super::template::{Body, BodyKind};
use super::{
    Col, Src, add, aggregate, code_width, labels, money_cells, name_of, push_total, set_row,
};

/// An economic tree of the listed codes. Listing only 类 prints a row per 类 (all its kept
/// lines); listing 款 too prints each listed 类 with its listed 款 and any 款 with money the
/// list lacks (in code order), the 类 adding up its 款. A 类 with money the list lacks prints
/// after the listed ones, so every kept line is in the total.
pub(super) fn economic_listed(
    budget: &DepartmentBudget,
    catalogue: &Catalogue,
    body: &Body,
    cols: &[Col<'_>],
) -> Grid {
    let style = body.codes;
    let first = code_width(style, 2) + 1;
    let sections = aggregate(budget, &body.lines, cols, |l| Some(l.economic()));
    let listed: Vec<EconomicCode> = body
        .listed
        .iter()
        .filter_map(|c| EconomicCode::parse(c.get_ref()).ok())
        .collect();
    let deep = listed.iter().any(|c| c.class() != *c);
    let mut tree: Vec<(EconomicCode, BTreeSet<EconomicCode>)> = Vec::new();
    for code in listed.iter().chain(sections.keys()) {
        let class = code.class();
        let at = match tree.iter().position(|(c, _)| *c == class) {
            Some(at) => at,
            None => {
                tree.push((class, BTreeSet::new()));
                tree.len() - 1
            }
        };
        if deep && *code != class {
            if let Some((_, items)) = tree.get_mut(at) {
                items.insert(*code);
            }
        }
    }
    let zeros = vec![Amount::ZERO; cols.len()];
    let mut grid = Grid::default();
    let mut class_rows = Vec::new();
    for (class, items) in &tree {
        let class_row = grid.push(Vec::new(), false);
        let mut children = Vec::new();
        for code in items {
            let s = code.to_string();
            let row = grid.rows.len();
            let parts = [s.get(0..3).unwrap_or(""), s.get(3..).unwrap_or("")];
            let mut cells = labels(style, &parts, &[name_of(catalogue, *code)]);
            let values = sections.get(code).unwrap_or(&zeros);
            cells.extend(money_cells(row, first, cols, Src::Leaf(values)));
            children.push(grid.push(cells, false));
        }
        let mut cells = labels(
            style,
            &[&class.to_string(), ""],
            &[name_of(catalogue, *class)],
        );
        let money = if deep {
            money_cells(class_row, first, cols, Src::Rows(&children))
        } else {
            let mut sums = zeros.clone();
            for (code, values) in &sections {
                if code.class() == *class {
                    for (slot, v) in sums.iter_mut().zip(values) {
                        add(slot, *v);
                    }
                }
            }
            money_cells(class_row, first, cols, Src::Leaf(&sums))
        };
        cells.extend(money);
        set_row(&mut grid, class_row, cells, body.bold_subtotals);
        class_rows.push(class_row);
    }
    push_total(&mut grid, body, (first, first - 1), cols, &class_rows);
    grid
}

/// Checks `listed` when a template is read: only an economic tree lists codes, and each is an
/// economic 类 or 款. The error gives the offset of the code at fault, when one is.
pub(crate) fn listed_ok(body: &Body) -> Result<(), (Option<usize>, String)> {
    let Some(first) = body.listed.first() else {
        return Ok(());
    };
    if body.kind != BodyKind::EconomicTree {
        return Err((
            Some(first.span().start),
            "only an economic_tree lists codes".to_string(),
        ));
    }
    match body
        .listed
        .iter()
        .find(|c| EconomicCode::parse(c.get_ref()).is_err())
    {
        Some(c) => Err((
            Some(c.span().start),
            format!("{:?} is not an economic 类 or 款 code", c.get_ref()),
        )),
        None => Ok(()),
    }
}
