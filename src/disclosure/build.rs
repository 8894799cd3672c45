//! The table builders: each turns a budget into the body of one table, following the table's
//! definition in its template (rows by [`BodyKind`], money columns by their [`Filter`]s).

use std::collections::{BTreeMap, HashMap};

use crate::amount::Amount;
use crate::budget::{DepartmentBudget, Line, ProjectId};
use crate::classification::{Catalogue, Code, EconomicCode, FunctionalCode, Level};

pub(crate) use detail::label_width as detail_label_width;

use super::prior::{self, PriorValue};
use super::table::{Grid, Proto};

mod detail;
mod listed;
mod paired;
mod per_unit;
mod sided;
use super::template::{
    Body, BodyKind, CodeStyle, Column, Filter, LabelAt, ProcurementItem, RowSpec,
};
pub(crate) use listed::listed_ok;

fn text(s: impl Into<String>) -> Proto {
    Proto::Text(s.into())
}

fn blank() -> Proto {
    Proto::Text(String::new())
}

fn leaf(exact: Amount, group: u32) -> Proto {
    Proto::Leaf { exact, group }
}

fn sum_rows(rows: &[usize], col: usize) -> Proto {
    Proto::Sum(rows.iter().map(|r| (*r, col)).collect())
}

fn sum_cols(row: usize, cols: &[usize]) -> Proto {
    Proto::Sum(cols.iter().map(|c| (row, *c)).collect())
}

fn add(slot: &mut Amount, a: Amount) {
    *slot = slot.checked_add(a).unwrap_or(Amount::MAX);
}

fn name_of<C: Code>(catalogue: &Catalogue, code: C) -> String {
    catalogue.name(code).unwrap_or_default().to_string()
}

/// A money column, resolved: the lines it adds up, the columns it totals (by position among
/// the money columns), a prior-year figure, the change or rate between two columns, or
/// nothing.
enum Col<'a> {
    Lines(&'a Filter),
    Total(Vec<usize>),
    Blank,
    /// A text column: a project's detail of this label.
    Detail(&'a str),
    Prior(PriorValue),
    Change(usize, usize),
    Rate(usize, usize),
}

/// The positions of a `[current, prior]` pair; `None` when either names no column.
fn pair(ids: &HashMap<&str, usize>, of: &[toml::Spanned<String>]) -> Option<(usize, usize)> {
    match of {
        [a, b] => Some((
            *ids.get(a.get_ref().as_str())?,
            *ids.get(b.get_ref().as_str())?,
        )),
        _ => None,
    }
}

/// Resolves `total_of` ids to positions and prior-year figures to the budget's values; an id
/// naming no column is dropped (templates are validated when read, so this does not happen for
/// a loaded template). `items` says whether the table's leaf rows are functional 项, which
/// print prior-year figures held per 项.
fn resolve_columns<'a>(budget: &DepartmentBudget, body: &'a Body, items: bool) -> Vec<Col<'a>> {
    let columns = &body.columns;
    let ids: HashMap<&str, usize> = columns
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.id.as_deref().map(|id| (id, i)))
        .collect();
    static ALL: Filter = Filter {
        source: None,
        group: None,
        fund: None,
        fiscal: None,
        carry_over: None,
        spending: None,
        economic: None,
        functional: None,
        organ: None,
    };
    columns
        .iter()
        .map(|c| match (&c.lines, &c.total_of) {
            _ if c.prior.is_some() || c.change_of.is_some() || c.rate_of.is_some() => {
                derived_column(budget, body, c, &ids, items)
            }
            (_, Some(of)) => Col::Total(
                of.iter()
                    .filter_map(|id| ids.get(id.get_ref().as_str()).copied())
                    .collect(),
            ),
            (Some(f), None) => Col::Lines(f),
            (None, None) if c.blank => Col::Blank,
            (None, None) if c.detail.is_some() => Col::Detail(c.detail.as_deref().unwrap_or("")),
            (None, None) => Col::Lines(&ALL),
        })
        .collect()
}

/// A prior-year, change or rate column.
fn derived_column<'a>(
    budget: &DepartmentBudget,
    body: &Body,
    c: &Column,
    ids: &HashMap<&str, usize>,
    items: bool,
) -> Col<'a> {
    if let Some(figure) = &c.prior {
        return Col::Prior(prior::value(
            budget,
            *figure.get_ref(),
            c.lines.as_ref(),
            &body.lines,
            items,
        ));
    }
    let change = c.change_of.as_deref().and_then(|of| pair(ids, of));
    let rate = c.rate_of.as_deref().and_then(|of| pair(ids, of));
    match (change, rate) {
        (Some((a, b)), _) => Col::Change(a, b),
        (None, Some((a, b))) => Col::Rate(a, b),
        (None, None) => Col::Blank,
    }
}

/// Where a row's money cells come from.
enum Src<'a> {
    /// Leaf amounts, one per money column.
    Leaf(&'a [Amount]),
    /// The sums of other rows.
    Rows(&'a [usize]),
    /// A fixed row of a matrix: leaf amounts; prior-year figures held for the whole budget
    /// print here.
    Fixed(&'a [Amount]),
    /// A total (or department) row: the sums of other rows; prior-year figures held for the
    /// whole budget print here.
    Total(&'a [usize]),
}

/// The money cells of row `row`, whose first money column is `first`.
fn money_cells(row: usize, first: usize, cols: &[Col<'_>], src: Src<'_>) -> Vec<Proto> {
    cols.iter()
        .enumerate()
        .map(|(k, col)| match (col, &src) {
            (Col::Blank | Col::Detail(_), _) => blank(),
            (Col::Total(parts), _) => {
                sum_cols(row, &parts.iter().map(|p| p + first).collect::<Vec<_>>())
            }
            (Col::Lines(_), Src::Leaf(v) | Src::Fixed(v)) => {
                leaf(v.get(k).copied().unwrap_or(Amount::ZERO), k as u32)
            }
            (Col::Lines(_), Src::Rows(children) | Src::Total(children)) => {
                sum_rows(children, first + k)
            }
            (Col::Prior(value), src) => prior_cell(value, first + k, k, src),
            (Col::Change(a, b), _) => Proto::Change((row, first + a), (row, first + b)),
            (Col::Rate(a, b), _) => Proto::Rate((row, first + a), (row, first + b)),
        })
        .collect()
}

/// A prior-year cell at column `at` (`k` among the money columns): a figure held per 项 prints
/// on 项 rows (from the leaf amounts) and adds up above them; a figure held for the whole
/// budget prints on total and fixed rows only.
fn prior_cell(value: &PriorValue, at: usize, k: usize, src: &Src<'_>) -> Proto {
    match (value, src) {
        (PriorValue::Unknown, _) => blank(),
        (PriorValue::Scalar(a), Src::Fixed(_) | Src::Total(_)) => leaf(*a, k as u32),
        (PriorValue::Scalar(_), Src::Leaf(_) | Src::Rows(_)) => blank(),
        (PriorValue::ByItem(_), Src::Leaf(v) | Src::Fixed(v)) => {
            leaf(v.get(k).copied().unwrap_or(Amount::ZERO), k as u32)
        }
        (PriorValue::ByItem(_), Src::Rows(children) | Src::Total(children)) => {
            sum_rows(children, at)
        }
    }
}

/// Adds the prior-year figures held per 项 to the leaf amounts of a functional tree, keyed by
/// 项: the 项 only the prior year had get a row of their own.
fn add_prior_items(items: &mut BTreeMap<FunctionalCode, Vec<Amount>>, cols: &[Col<'_>]) {
    for (k, col) in cols.iter().enumerate() {
        if let Col::Prior(PriorValue::ByItem(prior)) = col {
            for (code, a) in prior {
                let values = items
                    .entry(*code)
                    .or_insert_with(|| vec![Amount::ZERO; cols.len()]);
                if let Some(slot) = values.get_mut(k) {
                    *slot = *a;
                }
            }
        }
    }
}

/// Sums of the lines within `keep`, per key and money column.
fn aggregate<K: Ord>(
    budget: &DepartmentBudget,
    keep: &Filter,
    cols: &[Col<'_>],
    key: impl Fn(&Line) -> Option<K>,
) -> BTreeMap<K, Vec<Amount>> {
    let mut out: BTreeMap<K, Vec<Amount>> = BTreeMap::new();
    for line in budget.lines().iter().filter(|l| keep.matches(budget, l)) {
        let Some(k) = key(line) else { continue };
        let entry = out
            .entry(k)
            .or_insert_with(|| vec![Amount::ZERO; cols.len()]);
        for (col, slot) in cols.iter().zip(entry.iter_mut()) {
            if let Col::Lines(f) = col {
                if f.matches(budget, line) {
                    add(slot, line.amount());
                }
            }
        }
    }
    out
}

/// Fills a row pushed earlier as a placeholder.
fn set_row(grid: &mut Grid, row: usize, cells: Vec<Proto>, bold: bool) {
    if let Some(r) = grid.rows.get_mut(row) {
        r.1 = vec![bold; cells.len()];
        r.0 = cells;
    }
}

/// Label cells: `parts` in the code columns (split), joined (whole), in brackets before the
/// first name (bracketed) or left out (none), then the names.
fn labels(style: CodeStyle, parts: &[&str], names: &[String]) -> Vec<Proto> {
    let mut names = names.iter().cloned();
    let mut out: Vec<Proto> = match style {
        CodeStyle::Split => parts.iter().map(|p| text(*p)).collect(),
        CodeStyle::SplitOwn => {
            let own = parts.iter().rposition(|p| !p.is_empty());
            (0..parts.len())
                .map(|i| match (own == Some(i), parts.get(i)) {
                    (true, Some(p)) => text(*p),
                    _ => blank(),
                })
                .collect()
        }
        CodeStyle::Whole => vec![text(parts.concat())],
        CodeStyle::Bracketed => {
            let name = names.next().unwrap_or_default();
            vec![text(format!("[{}]{name}", parts.concat()))]
        }
        CodeStyle::Hyphenated => {
            let name = names.next().unwrap_or_default();
            vec![text(format!("{}-{name}", parts.concat()))]
        }
        CodeStyle::Omitted => Vec::new(),
    };
    out.extend(names.map(text));
    out
}

/// The code columns' count.
pub(crate) fn code_width(style: CodeStyle, levels: usize) -> usize {
    match style {
        CodeStyle::Split | CodeStyle::SplitOwn => levels,
        CodeStyle::Whole => 1,
        CodeStyle::Bracketed | CodeStyle::Hyphenated | CodeStyle::Omitted => 0,
    }
}

/// A total row's labels: `label` in the first column or in the name column.
fn total_labels(at: LabelAt, width: usize, name_col: usize, label: &str) -> Vec<Proto> {
    let at = match at {
        LabelAt::First => 0,
        LabelAt::Name => name_col,
    };
    (0..width)
        .map(|i| if i == at { text(label) } else { blank() })
        .collect()
}

/// `206 | 07 | 02` of a functional code.
fn split_functional(code: FunctionalCode) -> [String; 3] {
    let s = code.to_string();
    [
        s.get(0..3).unwrap_or("").to_string(),
        s.get(3..5).unwrap_or("").to_string(),
        s.get(5..7).unwrap_or("").to_string(),
    ]
}

/// The body of one table: its rows, the total row first when the template says `top`.
pub(crate) fn body(budget: &DepartmentBudget, catalogue: &Catalogue, body: &Body) -> Grid {
    let mut grid = rows(budget, catalogue, body);
    let has_total = !matches!(
        body.kind,
        BodyKind::Matrix | BodyKind::DepartmentTargets | BodyKind::ProjectTargets
    );
    if has_total && body.total.as_ref().is_some_and(|t| t.top) {
        grid.last_to_top();
    }
    grid
}

/// The rows of one table, the total (if any) last.
fn rows(budget: &DepartmentBudget, catalogue: &Catalogue, body: &Body) -> Grid {
    match body.kind {
        BodyKind::FunctionalTree => functional_tree(budget, catalogue, body),
        BodyKind::EconomicTree => economic_tree(budget, catalogue, body),
        BodyKind::EconomicPairs => paired::economic_pairs(budget, catalogue, body),
        BodyKind::ProjectList => project_list(budget, catalogue, body),
        BodyKind::TwoSided => sided::two_sided(budget, catalogue, body),
        BodyKind::Procurement => procurement(budget, body),
        BodyKind::Matrix => matrix(budget, body),
        BodyKind::PerProject if body.unit_column => {
            let key = |l: &Line| Some(per_unit::UnitProject(l.unit(), l.kind().project()));
            per_key(budget, body, key, nonzero_keys(budget, body, key))
        }
        BodyKind::PerProject => {
            let key = |l: &Line| Some(l.kind().project());
            per_key(budget, body, key, nonzero_keys(budget, body, key))
        }
        BodyKind::PerCarryOver => per_key(
            budget,
            body,
            |l| l.carry_over().map(Some),
            KeyLabel::all(budget),
        ),
        BodyKind::PerUnit => {
            let key = |l: &Line| Some(per_unit::UnitKey(l.unit()));
            per_key(budget, body, key, per_unit::unit_keys(budget, body))
        }
        BodyKind::DetailRows => detail::detail_rows(budget, catalogue, body),
        BodyKind::DepartmentTargets | BodyKind::ProjectTargets => Grid::default(),
    }
}

/// Functional 类 → 款 → 项 of the keys, in code order.
type Tree<K> = BTreeMap<FunctionalCode, BTreeMap<FunctionalCode, Vec<K>>>;

fn functional_tree_of<K: Copy>(
    keys: impl Iterator<Item = K>,
    item: impl Fn(K) -> FunctionalCode,
) -> Tree<K> {
    let mut tree: Tree<K> = BTreeMap::new();
    for k in keys {
        let code = item(k);
        tree.entry(code.class())
            .or_default()
            .entry(code.section().unwrap_or(code))
            .or_default()
            .push(k);
    }
    tree
}

/// 功能分类树: rows per 类/款/项 of the kept lines, then the total row.
fn functional_tree(budget: &DepartmentBudget, catalogue: &Catalogue, body: &Body) -> Grid {
    let cols = resolve_columns(budget, body, true);
    let style = body.codes;
    let first = code_width(style, 3) + 1;
    let mut items = aggregate(budget, &body.lines, &cols, |l| Some(l.functional()));
    add_prior_items(&mut items, &cols);
    let tree = functional_tree_of(items.keys().copied(), |k| k);
    let mut grid = Grid::default();
    let mut class_rows = Vec::new();
    for (class, sections) in &tree {
        let class_row = grid.push(Vec::new(), false);
        let mut section_rows = Vec::new();
        for (section, codes) in sections {
            let section_row = grid.push(Vec::new(), false);
            let mut item_rows = Vec::new();
            for code in codes {
                let [c, k, x] = split_functional(*code);
                let row = grid.rows.len();
                let mut cells = labels(style, &[&c, &k, &x], &[name_of(catalogue, *code)]);
                let values = items.get(code).cloned().unwrap_or_default();
                cells.extend(money_cells(row, first, &cols, Src::Leaf(&values)));
                item_rows.push(grid.push(cells, false));
            }
            let [c, k, _] = split_functional(*section);
            let cells = labels(style, &[&c, &k, ""], &[name_of(catalogue, *section)]);
            let at = (first, cols.as_slice());
            set_subtotal(
                &mut grid,
                section_row,
                cells,
                at,
                &item_rows,
                body.bold_subtotals,
            );
            section_rows.push(section_row);
        }
        let [c, _, _] = split_functional(*class);
        let cells = labels(style, &[&c, "", ""], &[name_of(catalogue, *class)]);
        let at = (first, cols.as_slice());
        set_subtotal(
            &mut grid,
            class_row,
            cells,
            at,
            &section_rows,
            body.bold_subtotals,
        );
        class_rows.push(class_row);
    }
    push_total(&mut grid, body, (first, first - 1), &cols, &class_rows);
    grid
}

/// Fills a 类 or 款 row of a tree: its label cells, then money cells adding up `children`.
fn set_subtotal(
    grid: &mut Grid,
    row: usize,
    mut cells: Vec<Proto>,
    (first, cols): (usize, &[Col<'_>]),
    children: &[usize],
    bold: bool,
) {
    cells.extend(money_cells(row, first, cols, Src::Rows(children)));
    set_row(grid, row, cells, bold);
}

/// The total row of a tree table, summing `tops`.
fn push_total(
    grid: &mut Grid,
    body: &Body,
    (first, name_col): (usize, usize),
    cols: &[Col<'_>],
    tops: &[usize],
) {
    if let Some(total) = &body.total {
        let row = grid.rows.len();
        let mut cells = total_labels(total.at, first, name_col, &total.label);
        cells.extend(money_cells(row, first, cols, Src::Total(tops)));
        grid.push(cells, total.bold);
        if total.show_zero {
            grid.show_zero_row(row);
        }
    }
}

/// 经济分类树: rows per economic 类 and 款 of the kept lines, then the total row.
fn economic_tree(budget: &DepartmentBudget, catalogue: &Catalogue, body: &Body) -> Grid {
    let cols = resolve_columns(budget, body, false);
    if !body.listed.is_empty() {
        return listed::economic_listed(budget, catalogue, body, &cols);
    }
    let style = body.codes;
    let first = code_width(style, 2) + 1;
    let depth = body.depth.unwrap_or(2);
    let sections = aggregate(budget, &body.lines, &cols, |l| {
        Some(if depth <= 1 {
            l.economic().class()
        } else {
            l.economic()
        })
    });
    if depth <= 1 {
        return economic_classes(catalogue, body, &cols, &sections);
    }
    let mut by_class: BTreeMap<EconomicCode, Vec<EconomicCode>> = BTreeMap::new();
    for code in sections.keys() {
        by_class.entry(code.class()).or_default().push(*code);
    }
    let mut grid = Grid::default();
    let mut class_rows = Vec::new();
    for (class, codes) in &by_class {
        let class_row = grid.push(Vec::new(), false);
        let mut children = Vec::new();
        for code in codes {
            let s = code.to_string();
            let row = grid.rows.len();
            let mut cells = labels(
                style,
                &[s.get(0..3).unwrap_or(""), s.get(3..).unwrap_or("")],
                &[name_of(catalogue, *code)],
            );
            let values = sections.get(code).cloned().unwrap_or_default();
            cells.extend(money_cells(row, first, &cols, Src::Leaf(&values)));
            children.push(grid.push(cells, false));
        }
        let mut cells = labels(
            style,
            &[&class.to_string(), ""],
            &[name_of(catalogue, *class)],
        );
        cells.extend(money_cells(class_row, first, &cols, Src::Rows(&children)));
        set_row(&mut grid, class_row, cells, body.bold_subtotals);
        class_rows.push(class_row);
    }
    push_total(&mut grid, body, (first, first - 1), &cols, &class_rows);
    grid
}

/// An economic tree one level deep: a row per 类 of the kept lines, then the total row.
fn economic_classes(
    catalogue: &Catalogue,
    body: &Body,
    cols: &[Col<'_>],
    classes: &BTreeMap<EconomicCode, Vec<Amount>>,
) -> Grid {
    let first = code_width(body.codes, 2) + 1;
    let mut grid = Grid::default();
    let mut rows = Vec::new();
    for (class, values) in classes {
        let row = grid.rows.len();
        let mut cells = labels(
            body.codes,
            &[&class.to_string(), ""],
            &[name_of(catalogue, *class)],
        );
        cells.extend(money_cells(row, first, cols, Src::Leaf(values)));
        rows.push(grid.push(cells, body.bold_subtotals));
    }
    push_total(&mut grid, body, (first, first - 1), cols, &rows);
    grid
}

/// 项目清单: a department row, 类/款/项 rows with a row per project under each 项, the total.
fn project_list(budget: &DepartmentBudget, catalogue: &Catalogue, body: &Body) -> Grid {
    let cols = resolve_columns(budget, body, false);
    let style = body.codes;
    let name_col = code_width(style, 3);
    let first = name_col + 2;
    let items = aggregate(budget, &body.lines, &cols, |l| {
        l.kind().project().map(|p| (l.functional(), p.index()))
    });
    let tree = functional_tree_of(items.keys().copied(), |(code, _)| code);
    let mut grid = Grid::default();
    let dept_row = body.department_row.then(|| grid.push(Vec::new(), false));
    let mut class_rows = Vec::new();
    for (class, sections) in &tree {
        let class_row = grid.push(Vec::new(), false);
        let mut section_rows = Vec::new();
        for (section, keys) in sections {
            let section_row = grid.push(Vec::new(), false);
            let mut item_rows = Vec::new();
            for key in keys {
                let [c, k, x] = split_functional(key.0);
                let project = budget
                    .project(ProjectId(u32::try_from(key.1).unwrap_or(u32::MAX)))
                    .map(|p| p.name.clone())
                    .unwrap_or_default();
                let row = grid.rows.len();
                let mut cells = labels(style, &[&c, &k, &x], &[name_of(catalogue, key.0), project]);
                let values = items.get(key).cloned().unwrap_or_default();
                cells.extend(money_cells(row, first, &cols, Src::Leaf(&values)));
                item_rows.push(grid.push(cells, false));
            }
            let [c, k, _] = split_functional(*section);
            let cells = labels(
                style,
                &[&c, &k, ""],
                &[name_of(catalogue, *section), String::new()],
            );
            let at = (first, cols.as_slice());
            set_subtotal(
                &mut grid,
                section_row,
                cells,
                at,
                &item_rows,
                body.bold_subtotals,
            );
            section_rows.push(section_row);
        }
        let [c, _, _] = split_functional(*class);
        let cells = labels(
            style,
            &[&c, "", ""],
            &[name_of(catalogue, *class), String::new()],
        );
        let at = (first, cols.as_slice());
        set_subtotal(
            &mut grid,
            class_row,
            cells,
            at,
            &section_rows,
            body.bold_subtotals,
        );
        class_rows.push(class_row);
    }
    if let Some(row) = dept_row {
        let mut cells = total_labels(LabelAt::Name, first, name_col, &budget.department().name);
        cells.extend(money_cells(row, first, &cols, Src::Total(&class_rows)));
        set_row(&mut grid, row, cells, body.department_bold);
    }
    push_total(&mut grid, body, (first, name_col), &cols, &class_rows);
    grid
}

/// Every 类 of the catalogue, plus any the budget uses that the catalogue lacks.
fn class_list(budget: &DepartmentBudget, catalogue: &Catalogue) -> Vec<FunctionalCode> {
    let mut classes: Vec<FunctionalCode> = catalogue
        .entries_of::<FunctionalCode>()
        .map(|(c, _)| c)
        .filter(|c| c.level() == Level::Class)
        .collect();
    for line in budget.lines() {
        let c = line.functional().class();
        if !classes.contains(&c) {
            classes.push(c);
        }
    }
    classes.sort_unstable();
    classes
}

/// 一, 二, … 九十九.
pub(crate) fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (tens, ones) = (n / 10, n % 10);
    let ones = DIGITS.get(ones).copied().unwrap_or("");
    match tens {
        0 => ones.to_string(),
        1 => format!("十{ones}"),
        t => format!("{}十{ones}", DIGITS.get(t % 10).copied().unwrap_or("")),
    }
}

/// Fixed rows resolved: each row's position by id, hidden rows dropped.
struct FixedRows<'a> {
    rows: Vec<&'a RowSpec>,
    ids: HashMap<&'a str, usize>,
}

impl<'a> FixedRows<'a> {
    fn new(specs: &'a [RowSpec], visible: impl Fn(&RowSpec) -> bool) -> FixedRows<'a> {
        let rows: Vec<&RowSpec> = specs.iter().filter(|r| visible(r)).collect();
        let ids = rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.id.as_deref().map(|id| (id, i)))
            .collect();
        FixedRows { rows, ids }
    }

    fn refs(&self, of: &[toml::Spanned<String>]) -> Vec<usize> {
        of.iter()
            .filter_map(|id| self.ids.get(id.get_ref().as_str()).copied())
            .collect()
    }
}

/// 固定行列: fixed rows by money columns.
fn matrix(budget: &DepartmentBudget, body: &Body) -> Grid {
    let cols = resolve_columns(budget, body, false);
    let rows = FixedRows::new(&body.rows, |_| true);
    let first = usize::from(body.label_column);
    let mut grid = Grid::default();
    for (i, r) in rows.rows.iter().enumerate() {
        let mut cells = Vec::new();
        if body.label_column {
            cells.push(text(r.label.clone()));
        }
        let money = match (&r.total_of, &r.lines) {
            (Some(of), _) => money_cells(i, first, &cols, Src::Total(&rows.refs(of))),
            (None, f) => {
                let all = Filter::default();
                let f = f.as_ref().unwrap_or(&all);
                let values: Vec<Amount> = cols
                    .iter()
                    .map(|c| match c {
                        Col::Lines(cf) => budget.sum_where(|l| {
                            body.lines.matches(budget, l)
                                && f.matches(budget, l)
                                && cf.matches(budget, l)
                        }),
                        _ => Amount::ZERO,
                    })
                    .collect();
                money_cells(i, first, &cols, Src::Fixed(&values))
            }
        };
        cells.extend(money);
        grid.push(cells, r.bold);
        if r.show_zero {
            grid.show_zero_row(i);
        }
    }
    grid
}

/// 按项目 / 按结转项目 / 按单位: a department row, one row per key, the total row.
fn per_key<K: Ord + Copy + KeyLabel>(
    budget: &DepartmentBudget,
    body: &Body,
    key: impl Fn(&Line) -> Option<K>,
    keys: Vec<K>,
) -> Grid {
    let cols = resolve_columns(budget, body, false);
    let first = K::WIDTH;
    let sums = aggregate(budget, &body.lines, &cols, &key);
    let mut grid = Grid::default();
    let dept = body.department_row.then_some(0);
    let children: Vec<usize> = (0..keys.len())
        .map(|i| i + usize::from(dept.is_some()))
        .collect();
    if let Some(row) = dept {
        let mut cells = total_labels(LabelAt::First, first, 0, &budget.department().name);
        cells.extend(money_cells(row, first, &cols, Src::Total(&children)));
        grid.push(cells, body.department_bold);
    }
    for item in &keys {
        let row = grid.rows.len();
        let mut cells: Vec<Proto> = item
            .labels(budget, body.basic_label.as_deref().unwrap_or(""))
            .into_iter()
            .map(text)
            .collect();
        let values = sums
            .get(item)
            .cloned()
            .unwrap_or_else(|| vec![Amount::ZERO; cols.len()]);
        cells.extend(money_cells(row, first, &cols, Src::Leaf(&values)));
        for (k, col) in cols.iter().enumerate() {
            if let (Col::Detail(label), Some(cell)) = (col, cells.get_mut(first + k)) {
                *cell = text(item.detail(budget, label));
            }
        }
        grid.push(cells, false);
    }
    if let Some(total) = &body.total {
        let row = grid.rows.len();
        let tops = dept.map_or(children, |d| vec![d]);
        let mut cells = total_labels(total.at, first, first - 1, &total.label);
        cells.extend(money_cells(row, first, &cols, Src::Total(&tops)));
        grid.push(cells, total.bold);
        if total.show_zero {
            grid.show_zero_row(row);
        }
    }
    grid
}

/// The keys of the table's lines whose amount is not zero, in order.
fn nonzero_keys<K: Ord + Copy>(
    budget: &DepartmentBudget,
    body: &Body,
    key: impl Fn(&Line) -> Option<K>,
) -> Vec<K> {
    let mut totals: BTreeMap<K, Amount> = BTreeMap::new();
    for l in budget
        .lines()
        .iter()
        .filter(|l| body.lines.matches(budget, l))
    {
        if let Some(k) = key(l) {
            add(totals.entry(k).or_insert(Amount::ZERO), l.amount());
        }
    }
    totals
        .into_iter()
        .filter(|(_, a)| !a.is_zero())
        .map(|(k, _)| k)
        .collect()
}

/// The label cells of a per-key row, and every key of a budget.
trait KeyLabel: Sized {
    /// The number of label cells.
    const WIDTH: usize = 1;
    fn labels(&self, budget: &DepartmentBudget, basic: &str) -> Vec<String>;
    fn all(budget: &DepartmentBudget) -> Vec<Self>;
    /// The key's detail text of this label (a project's `details` entry); empty by default.
    fn detail(&self, _budget: &DepartmentBudget, _label: &str) -> String {
        String::new()
    }
}

impl KeyLabel for Option<ProjectId> {
    fn labels(&self, budget: &DepartmentBudget, basic: &str) -> Vec<String> {
        vec![
            self.and_then(|p| budget.project(p))
                .map_or_else(|| basic.to_string(), |p| p.name.clone()),
        ]
    }
    fn all(budget: &DepartmentBudget) -> Vec<Self> {
        std::iter::once(None)
            .chain(budget.projects().map(|(id, _)| Some(id)))
            .collect()
    }
    fn detail(&self, budget: &DepartmentBudget, label: &str) -> String {
        self.and_then(|p| budget.project(p))
            .and_then(|p| p.details.iter().find(|(l, _)| l == label))
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    }
}

impl KeyLabel for Option<crate::budget::CarryOverId> {
    fn labels(&self, budget: &DepartmentBudget, _: &str) -> Vec<String> {
        vec![
            self.and_then(|c| budget.carry_over(c))
                .map(|c| c.notice.clone())
                .unwrap_or_default(),
        ]
    }
    fn all(budget: &DepartmentBudget) -> Vec<Self> {
        budget.carry_overs().map(|(id, _)| Some(id)).collect()
    }
}

/// 政府采购: a row per procurement item (its code and label) by the money columns, then the
/// total; no rows at all for a budget without procurement (the table's empty note says so).
/// The budget's procurement has no funding split: an unrestricted column (`lines = {}`) shows
/// the item's amount, a column restricted to some lines shows none.
fn procurement(budget: &DepartmentBudget, body: &Body) -> Grid {
    let cols = resolve_columns(budget, body, false);
    let coded = body.codes != CodeStyle::Omitted;
    let first = 1 + usize::from(coded);
    let p = budget.procurement();
    let amount = |item: ProcurementItem| {
        p.map_or(Amount::ZERO, |p| match item {
            ProcurementItem::Goods => p.goods,
            ProcurementItem::Works => p.works,
            ProcurementItem::Services => p.services,
        })
    };
    let mut grid = Grid::default();
    let items = [
        ProcurementItem::Goods,
        ProcurementItem::Works,
        ProcurementItem::Services,
    ];
    if items.iter().all(|i| amount(*i).is_zero()) {
        return grid;
    }
    let mut children = Vec::new();
    for r in &body.rows {
        let a = r.procurement.map_or(Amount::ZERO, amount);
        if r.only_if_nonzero && a.is_zero() {
            continue;
        }
        let row = grid.rows.len();
        let values: Vec<Amount> = cols
            .iter()
            .map(|c| match c {
                Col::Lines(_) => a,
                _ => Amount::ZERO,
            })
            .collect();
        let mut cells = Vec::with_capacity(first + cols.len());
        if coded {
            cells.push(text(r.code.clone().unwrap_or_default()));
        }
        cells.push(text(r.label.clone()));
        cells.extend(money_cells(row, first, &cols, Src::Leaf(&values)));
        children.push(grid.push(cells, r.bold));
    }
    push_total(&mut grid, body, (first, first - 1), &cols, &children);
    grid
}
