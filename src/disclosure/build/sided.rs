//! 收支对照: a two-sided table in blocks. Each block prints its left rows (income: a label and
//! one amount) beside its right rows (spending: a label and the money columns), as high as its
//! longer side, then `block_gap` blank rows; the total row comes last. A right row with
//! `classes` stands for the 类 (or the whole 类/款/项 tree by name).

use std::collections::HashMap;

use crate::amount::Amount;
use crate::budget::DepartmentBudget;
use crate::classification::{Catalogue, FunctionalCode};

use super::super::table::{Grid, Proto};
use super::super::template::{BlockSpec, Body, ClassList, Filter, RowSpec};
use super::{
    Col, Src, aggregate, blank, chinese_number, class_list, functional_tree_of, leaf, money_cells,
    name_of, resolve_columns, sum_rows, text,
};

/// The first money column of the right side (after the left label, its amount and the right
/// label).
const FIRST_RIGHT: usize = 3;
/// Footing groups: the left amounts round in group 0, the 类/款/项 leaves of a `classes` row in
/// `CLASS_GROUP` + column, and every fixed right row on its own from `FIXED_GROUP` on (its
/// amounts are totals or rows outside the 类, not parts of one whole).
const CLASS_GROUP: u32 = 1;
const FIXED_GROUP: u32 = 1 << 16;

/// Where the money of a row of a `classes` expansion comes from.
enum ClassMoney {
    /// Amounts per money column.
    Leaf(Vec<Amount>),
    /// The sums of other rows (grid positions): a 类 or 款 row of a tree.
    Rows(Vec<usize>),
}

/// A right row, laid out.
enum Right<'a> {
    /// A fixed row of the template.
    Fixed(&'a RowSpec),
    /// A row of a `classes` expansion.
    Class { label: String, money: ClassMoney },
}

/// One row of a `classes` expansion, relative to the expansion's first row.
struct ClassRow {
    label: String,
    money: ClassMoney,
    /// Whether it is a 类 row (the expansion's id and the right total's default name these).
    class: bool,
}

/// Where the rows of a two-sided table go: (grid row, row) per side, the grid rows each id
/// names, every 类 row, and the body's height.
#[derive(Default)]
struct Layout<'a> {
    left: Vec<(usize, &'a RowSpec)>,
    right: Vec<(usize, Right<'a>)>,
    left_ids: HashMap<&'a str, Vec<usize>>,
    right_ids: HashMap<&'a str, Vec<usize>>,
    classes: Vec<usize>,
    height: usize,
}

/// Grid rows the ids of `of` name, in order.
fn refs(ids: &HashMap<&str, Vec<usize>>, of: &[toml::Spanned<String>]) -> Vec<usize> {
    of.iter()
        .filter_map(|id| ids.get(id.get_ref().as_str()))
        .flatten()
        .copied()
        .collect()
}

/// What a two-sided table needs to lay out and fill its rows.
struct Sided<'a> {
    budget: &'a DepartmentBudget,
    catalogue: &'a Catalogue,
    body: &'a Body,
    cols: Vec<Col<'a>>,
}

impl<'a> Sided<'a> {
    /// The table's lines within `f`.
    fn within(&self, f: &Filter) -> Amount {
        let (b, body) = (self.budget, self.body);
        b.sum_where(|l| body.lines.matches(b, l) && f.matches(b, l))
    }

    /// Whether a fixed row prints: always, or (`only_if_nonzero`) when its lines are not zero.
    fn visible(&self, r: &RowSpec) -> bool {
        !r.only_if_nonzero || r.lines.as_ref().is_some_and(|f| !self.within(f).is_zero())
    }

    /// The table's lines within `f` under each money column's filter.
    fn values(&self, f: Option<&Filter>) -> Vec<Amount> {
        let (b, body) = (self.budget, self.body);
        self.cols
            .iter()
            .map(|c| match (c, f) {
                (Col::Lines(cf), Some(f)) => {
                    b.sum_where(|l| body.lines.matches(b, l) && f.matches(b, l) && cf.matches(b, l))
                }
                _ => Amount::ZERO,
            })
            .collect()
    }

    /// Lays out the blocks: each block's rows from the block's first grid row.
    fn layout(&self) -> Layout<'a> {
        let mut out = Layout::default();
        let blocks: &'a [BlockSpec] = &self.body.blocks;
        for block in blocks {
            let at = out.height;
            let left: Vec<&RowSpec> = block.left.iter().filter(|r| self.visible(r)).collect();
            for (i, r) in left.iter().enumerate() {
                if let Some(id) = r.id.as_deref() {
                    out.left_ids.insert(id, vec![at + i]);
                }
                out.left.push((at + i, r));
            }
            let mut next = at;
            for r in &block.right {
                let named = match r.classes {
                    Some(list) => {
                        let rows = self.expand(list, r, next);
                        let start = next;
                        next += rows.len();
                        self.place_classes(&mut out, rows, start)
                    }
                    None if self.visible(r) => {
                        out.right.push((next, Right::Fixed(r)));
                        next += 1;
                        vec![next - 1]
                    }
                    None => Vec::new(),
                };
                if let Some(id) = r.id.as_deref() {
                    out.right_ids.insert(id, named);
                }
            }
            out.height = (at + left.len()).max(next) + self.body.block_gap;
        }
        out
    }

    /// Places the rows of an expansion from grid row `at`; returns its 类 rows.
    fn place_classes(&self, out: &mut Layout<'a>, rows: Vec<ClassRow>, at: usize) -> Vec<usize> {
        let mut classes = Vec::new();
        for (i, r) in rows.into_iter().enumerate() {
            if r.class {
                classes.push(at + i);
            }
            let item = Right::Class {
                label: r.label,
                money: r.money,
            };
            out.right.push((at + i, item));
        }
        out.classes.extend(&classes);
        classes
    }

    /// The rows a `classes` row stands for, from grid row `at`; a non-empty label words
    /// each 类 (`{code}`, `{name}`, `{n}`, `{cn}`: its number among those listed); its
    /// `optional_classes` are listed only when they have money.
    fn expand(&self, list: ClassList, spec: &RowSpec, at: usize) -> Vec<ClassRow> {
        let (budget, catalogue) = (self.budget, self.catalogue);
        let pattern = spec.label.as_str();
        if list == ClassList::Tree {
            return self.tree(at);
        }
        let by_class = aggregate(budget, &self.body.lines, &self.cols, |l| {
            Some(l.functional().class())
        });
        let numbered = |format: fn(String, String) -> String| -> Vec<(FunctionalCode, String)> {
            by_class
                .iter()
                .filter(|(_, v)| v.iter().any(|a| !a.is_zero()))
                .enumerate()
                .map(|(i, (c, _))| (*c, format(chinese_number(i + 1), name_of(catalogue, *c))))
                .collect()
        };
        let mut classes = match list {
            ClassList::WithMoneyNumbered => numbered(|n, name| format!("{n}、{name}")),
            ClassList::WithMoneyParenNumbered => numbered(|n, name| format!("({n}){name}")),
            ClassList::All | ClassList::Tree => class_list(budget, catalogue)
                .into_iter()
                .filter(|c| {
                    !spec.optional_classes.contains(&c.to_string())
                        || by_class
                            .get(c)
                            .is_some_and(|v| v.iter().any(|a| !a.is_zero()))
                })
                .map(|c| (c, format!("{c} {}", name_of(catalogue, c))))
                .collect(),
        };
        if !pattern.is_empty() {
            for (i, (c, label)) in classes.iter_mut().enumerate() {
                *label = class_label(pattern, *c, &name_of(catalogue, *c), i + 1);
            }
        }
        classes
            .into_iter()
            .map(|(c, label)| ClassRow {
                label,
                money: ClassMoney::Leaf(
                    by_class
                        .get(&c)
                        .cloned()
                        .unwrap_or_else(|| vec![Amount::ZERO; self.cols.len()]),
                ),
                class: true,
            })
            .collect()
    }

    /// The 类/款/项 of the table's lines by name, from grid row `at`: each 类 and 款 the sum of
    /// the rows under it.
    fn tree(&self, at: usize) -> Vec<ClassRow> {
        let (budget, catalogue) = (self.budget, self.catalogue);
        let items = aggregate(budget, &self.body.lines, &self.cols, |l| {
            Some(l.functional())
        });
        let tree = functional_tree_of(items.keys().copied(), |k| k);
        let mut out: Vec<ClassRow> = Vec::new();
        let sum_row = |code: FunctionalCode, class: bool| ClassRow {
            label: name_of(catalogue, code),
            money: ClassMoney::Rows(Vec::new()),
            class,
        };
        for (class, sections) in &tree {
            let class_at = out.len();
            out.push(sum_row(*class, true));
            let mut section_rows = Vec::new();
            for (section, codes) in sections {
                let section_at = out.len();
                section_rows.push(at + section_at);
                out.push(sum_row(*section, false));
                let mut item_rows = Vec::new();
                for code in codes {
                    item_rows.push(at + out.len());
                    out.push(ClassRow {
                        label: name_of(catalogue, *code),
                        money: ClassMoney::Leaf(items.get(code).cloned().unwrap_or_default()),
                        class: false,
                    });
                }
                if let Some(r) = out.get_mut(section_at) {
                    r.money = ClassMoney::Rows(item_rows);
                }
            }
            if let Some(r) = out.get_mut(class_at) {
                r.money = ClassMoney::Rows(section_rows);
            }
        }
        out
    }

    /// A left row's label and amount.
    fn left_cells(&self, layout: &Layout<'_>, r: &RowSpec) -> [Proto; 2] {
        let value = match (&r.total_of, &r.lines) {
            (Some(of), _) => sum_rows(&refs(&layout.left_ids, of), 1),
            (None, Some(f)) => leaf(self.within(f), 0),
            (None, None) => leaf(Amount::ZERO, 0),
        };
        [text(r.label.clone()), value]
    }

    /// A right row's label and money cells at grid row `row`, and whether it prints bold.
    fn right_cells(&self, layout: &Layout<'_>, row: usize, r: &Right<'_>) -> (Vec<Proto>, bool) {
        let cols = &self.cols;
        let width = u32::try_from(cols.len() + 1).unwrap_or(u32::MAX);
        let (label, money, bold) = match r {
            Right::Class { label, money } => {
                let money = match money {
                    ClassMoney::Leaf(v) => regroup(
                        money_cells(row, FIRST_RIGHT, cols, Src::Leaf(v)),
                        CLASS_GROUP,
                    ),
                    ClassMoney::Rows(rows) => money_cells(row, FIRST_RIGHT, cols, Src::Rows(rows)),
                };
                (label.clone(), money, false)
            }
            Right::Fixed(spec) => {
                let money = match &spec.total_of {
                    Some(of) => {
                        let rows = refs(&layout.right_ids, of);
                        money_cells(row, FIRST_RIGHT, cols, Src::Rows(&rows))
                    }
                    None => {
                        let v = self.values(spec.lines.as_ref());
                        let own = u32::try_from(row).unwrap_or(u32::MAX).saturating_mul(width);
                        regroup(
                            money_cells(row, FIRST_RIGHT, cols, Src::Leaf(&v)),
                            FIXED_GROUP.saturating_add(own),
                        )
                    }
                };
                (spec.label.clone(), money, spec.bold)
            }
        };
        let mut cells = vec![text(label)];
        cells.extend(money);
        (cells, bold)
    }
}

/// A 类 worded by a classes row's label: `{code}`, `{name}`, `{n}` and `{cn}` (its number
/// `n` among the 类 listed, 1 / 一).
fn class_label(pattern: &str, code: FunctionalCode, name: &str, n: usize) -> String {
    pattern
        .replace("{code}", &code.to_string())
        .replace("{name}", name)
        .replace("{cn}", &chinese_number(n))
        .replace("{n}", &n.to_string())
}

/// Moves the leaves of `cells` into footing groups from `offset` on.
fn regroup(cells: Vec<Proto>, offset: u32) -> Vec<Proto> {
    cells
        .into_iter()
        .map(|p| match p {
            Proto::Leaf { exact, group } => leaf(exact, group.saturating_add(offset)),
            other => other,
        })
        .collect()
}

/// 收支对照 in blocks: each block's left rows beside its right rows, then `block_gap` blank
/// rows; the total row last (its left amount the left rows `of`, its right amounts the right
/// rows `right_of`, the 类 rows when left out).
pub(super) fn two_sided(budget: &DepartmentBudget, catalogue: &Catalogue, body: &Body) -> Grid {
    let s = Sided {
        budget,
        catalogue,
        body,
        cols: resolve_columns(budget, body, false),
    };
    let layout = s.layout();
    let width = FIRST_RIGHT + s.cols.len();
    let mut rows: Vec<(Vec<Proto>, Vec<bool>)> = (0..layout.height)
        .map(|_| (vec![blank(); width], vec![false; width]))
        .collect();
    for (at, r) in &layout.left {
        if let Some((cells, bold)) = rows.get_mut(*at) {
            cells.splice(0..2, s.left_cells(&layout, r));
            bold.splice(0..2, [r.bold, r.bold]);
        }
    }
    for (at, r) in &layout.right {
        let (right, strong) = s.right_cells(&layout, *at, r);
        if let Some((cells, bold)) = rows.get_mut(*at) {
            cells.truncate(FIRST_RIGHT - 1);
            cells.extend(right);
            bold.truncate(FIRST_RIGHT - 1);
            bold.resize(width, strong);
        }
    }
    let mut grid = Grid::default();
    for (cells, bold) in rows {
        grid.push_cells(cells, bold);
    }
    show_zeros(&mut grid, &layout, width);
    if let Some(total) = &body.total {
        let row = grid.rows.len();
        let right = if total.right_of.is_empty() {
            layout.classes.clone()
        } else {
            refs(&layout.right_ids, &total.right_of)
        };
        let mut cells = vec![
            text(total.label.clone()),
            sum_rows(&refs(&layout.left_ids, &total.of), 1),
            text(total.right_label.clone().unwrap_or_default()),
        ];
        cells.extend(money_cells(row, FIRST_RIGHT, &s.cols, Src::Total(&right)));
        grid.push(cells, total.bold);
        if total.show_zero {
            grid.show_zero_row(row);
        }
    }
    grid
}

/// Marks the amounts of the left and right rows with `show_zero` to print a zero as `0.00`:
/// the left row's one amount, the right row's money columns.
fn show_zeros(grid: &mut Grid, layout: &Layout<'_>, width: usize) {
    for (at, r) in &layout.left {
        if r.show_zero {
            grid.zero_shown.insert((*at, 1));
        }
    }
    for (at, r) in &layout.right {
        if matches!(r, Right::Fixed(spec) if spec.show_zero) {
            grid.zero_shown
                .extend((FIRST_RIGHT..width).map(|k| (*at, k)));
        }
    }
}
