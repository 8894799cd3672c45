//! The table builders: each turns a budget into the body of one table, following the table's
//! definition in its template (rows by [`BodyKind`], money columns by their [`Filter`]s).

use std::collections::{BTreeMap, HashMap};

use crate::amount::Amount;
use crate::budget::{DepartmentBudget, Line, ProjectId};
use crate::classification::{Catalogue, Code, EconomicCode, FunctionalCode, Level};

use super::table::{Grid, Proto};
use super::template::{Body, BodyKind, ClassList, CodeStyle, Column, Filter, LabelAt, RowSpec};

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
/// the money columns), or nothing.
enum Col<'a> {
    Lines(&'a Filter),
    Total(Vec<usize>),
    Blank,
}

/// Resolves `total_of` ids to positions; an id naming no column is dropped (templates are
/// validated when read, so this does not happen for a loaded template).
fn resolve_columns(columns: &[Column]) -> Vec<Col<'_>> {
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
            (_, Some(of)) => Col::Total(
                of.iter()
                    .filter_map(|id| ids.get(id.get_ref().as_str()).copied())
                    .collect(),
            ),
            (Some(f), None) => Col::Lines(f),
            (None, None) if c.blank => Col::Blank,
            (None, None) => Col::Lines(&ALL),
        })
        .collect()
}

/// Where a row's money cells come from.
enum Src<'a> {
    /// Leaf amounts, one per money column.
    Leaf(&'a [Amount]),
    /// The sums of other rows.
    Rows(&'a [usize]),
}

/// The money cells of row `row`, whose first money column is `first`.
fn money_cells(row: usize, first: usize, cols: &[Col<'_>], src: Src<'_>) -> Vec<Proto> {
    cols.iter()
        .enumerate()
        .map(|(k, col)| match (col, &src) {
            (Col::Blank, _) => blank(),
            (Col::Total(parts), _) => {
                sum_cols(row, &parts.iter().map(|p| p + first).collect::<Vec<_>>())
            }
            (Col::Lines(_), Src::Leaf(v)) => {
                leaf(v.get(k).copied().unwrap_or(Amount::ZERO), k as u32)
            }
            (Col::Lines(_), Src::Rows(children)) => sum_rows(children, first + k),
        })
        .collect()
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

/// Label cells: `parts` in the code columns (split) or joined (whole), then the names.
fn labels(style: CodeStyle, parts: &[&str], names: &[String]) -> Vec<Proto> {
    let mut out: Vec<Proto> = match style {
        CodeStyle::Split => parts.iter().map(|p| text(*p)).collect(),
        CodeStyle::Whole => vec![text(parts.concat())],
    };
    out.extend(names.iter().map(|n| text(n.clone())));
    out
}

/// The code columns' count.
fn code_width(style: CodeStyle, levels: usize) -> usize {
    match style {
        CodeStyle::Split => levels,
        CodeStyle::Whole => 1,
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

/// The body of one table.
pub(crate) fn body(budget: &DepartmentBudget, catalogue: &Catalogue, body: &Body) -> Grid {
    let mut grid = rows(budget, catalogue, body);
    if body.total.as_ref().is_some_and(|t| t.top) && total_last(body.kind) {
        grid.last_to_top();
    }
    grid
}

/// Whether a body kind prints its total row last (so that `top` can move it up).
fn total_last(kind: BodyKind) -> bool {
    !matches!(
        kind,
        BodyKind::Matrix | BodyKind::DepartmentTargets | BodyKind::ProjectTargets
    )
}

/// The rows of one table, the total row (if any) last.
fn rows(budget: &DepartmentBudget, catalogue: &Catalogue, body: &Body) -> Grid {
    match body.kind {
        BodyKind::FunctionalTree => functional_tree(budget, catalogue, body),
        BodyKind::EconomicTree => economic_tree(budget, catalogue, body),
        BodyKind::ProjectList => project_list(budget, catalogue, body),
        BodyKind::TwoSided => two_sided(budget, catalogue, body),
        BodyKind::Matrix => matrix(budget, body),
        BodyKind::PerProject => per_key(budget, body, |l| Some(l.kind().project()), true),
        BodyKind::PerCarryOver => per_key(budget, body, |l| l.carry_over().map(Some), false),
        BodyKind::Procurement => procurement(budget, body),
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
    let cols = resolve_columns(&body.columns);
    let style = body.codes;
    let first = code_width(style, 3) + 1;
    let items = aggregate(budget, &body.lines, &cols, |l| Some(l.functional()));
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
            let mut cells = labels(style, &[&c, &k, ""], &[name_of(catalogue, *section)]);
            cells.extend(money_cells(
                section_row,
                first,
                &cols,
                Src::Rows(&item_rows),
            ));
            set_row(&mut grid, section_row, cells, body.bold_subtotals);
            section_rows.push(section_row);
        }
        let [c, _, _] = split_functional(*class);
        let mut cells = labels(style, &[&c, "", ""], &[name_of(catalogue, *class)]);
        cells.extend(money_cells(
            class_row,
            first,
            &cols,
            Src::Rows(&section_rows),
        ));
        set_row(&mut grid, class_row, cells, body.bold_subtotals);
        class_rows.push(class_row);
    }
    push_total(&mut grid, body, (first, first - 1), &cols, &class_rows);
    grid
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
        cells.extend(money_cells(row, first, cols, Src::Rows(tops)));
        grid.push(cells, total.bold);
    }
}

/// 经济分类树: rows per economic 类 and 款 of the kept lines, then the total row.
fn economic_tree(budget: &DepartmentBudget, catalogue: &Catalogue, body: &Body) -> Grid {
    let cols = resolve_columns(&body.columns);
    let style = body.codes;
    let first = code_width(style, 2) + 1;
    let sections = aggregate(budget, &body.lines, &cols, |l| Some(l.economic()));
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

/// 项目清单: a department row, 类/款/项 rows with a row per project under each 项, the total.
fn project_list(budget: &DepartmentBudget, catalogue: &Catalogue, body: &Body) -> Grid {
    let cols = resolve_columns(&body.columns);
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
            let mut cells = labels(
                style,
                &[&c, &k, ""],
                &[name_of(catalogue, *section), String::new()],
            );
            cells.extend(money_cells(
                section_row,
                first,
                &cols,
                Src::Rows(&item_rows),
            ));
            set_row(&mut grid, section_row, cells, body.bold_subtotals);
            section_rows.push(section_row);
        }
        let [c, _, _] = split_functional(*class);
        let mut cells = labels(
            style,
            &[&c, "", ""],
            &[name_of(catalogue, *class), String::new()],
        );
        cells.extend(money_cells(
            class_row,
            first,
            &cols,
            Src::Rows(&section_rows),
        ));
        set_row(&mut grid, class_row, cells, body.bold_subtotals);
        class_rows.push(class_row);
    }
    if let Some(row) = dept_row {
        let mut cells = total_labels(LabelAt::Name, first, name_col, &budget.department().name);
        cells.extend(money_cells(row, first, &cols, Src::Rows(&class_rows)));
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

/// The id that names a two-sided table's 类 rows in a right row's `total_of` and in the
/// total's `right_of`.
pub(crate) const CLASSES: &str = "classes";

/// The footing groups of a two-sided table's fixed right rows start here (one per row), apart
/// from the 类 rows' groups.
const FIXED_GROUP: u32 = 1 << 16;

/// A 类 row's label: the template's `class_label`, or the default of its class list.
fn class_label(body: &Body, catalogue: &Catalogue, code: FunctionalCode, n: usize) -> String {
    let name = name_of(catalogue, code);
    match &body.class_label {
        Some(t) => t
            .get_ref()
            .replace("{code}", &code.to_string())
            .replace("{name}", &name)
            .replace("{cn}", &chinese_number(n))
            .replace("{n}", &n.to_string()),
        None => match body.classes {
            ClassList::All => format!("{code} {name}"),
            ClassList::WithMoneyNumbered => format!("{}、{name}", chinese_number(n)),
        },
    }
}

/// The 类 a two-sided table lists on its right, with their labels.
fn listed_classes(
    budget: &DepartmentBudget,
    catalogue: &Catalogue,
    body: &Body,
    by_class: &BTreeMap<FunctionalCode, Vec<Amount>>,
) -> Vec<(FunctionalCode, String)> {
    let codes: Vec<FunctionalCode> = match body.classes {
        ClassList::All => class_list(budget, catalogue),
        ClassList::WithMoneyNumbered => by_class
            .iter()
            .filter(|(_, v)| v.iter().any(|a| !a.is_zero()))
            .map(|(c, _)| *c)
            .collect(),
    };
    codes
        .into_iter()
        .enumerate()
        .map(|(i, c)| (c, class_label(body, catalogue, c, i + 1)))
        .collect()
}

/// One row on the right of a two-sided table.
enum Right<'a> {
    Fixed(&'a RowSpec),
    Class(FunctionalCode, &'a str),
}

/// A two-sided table being built: its money columns and where each id's row is.
struct Sides<'a> {
    budget: &'a DepartmentBudget,
    body: &'a Body,
    cols: Vec<Col<'a>>,
    left_ids: HashMap<&'a str, usize>,
    right_ids: HashMap<&'a str, usize>,
    class_rows: Vec<usize>,
}

/// The first money column on the right of a two-sided table.
const FIRST_RIGHT: usize = 3;

impl Sides<'_> {
    fn within(&self, f: &Filter) -> Amount {
        self.budget
            .sum_where(|l| self.body.lines.matches(self.budget, l) && f.matches(self.budget, l))
    }

    fn left_refs(&self, of: &[toml::Spanned<String>]) -> Vec<usize> {
        of.iter()
            .filter_map(|id| self.left_ids.get(id.get_ref().as_str()).copied())
            .collect()
    }

    fn right_refs(&self, of: &[toml::Spanned<String>]) -> Vec<usize> {
        of.iter()
            .flat_map(|id| match id.get_ref().as_str() {
                CLASSES => self.class_rows.clone(),
                other => self.right_ids.get(other).copied().into_iter().collect(),
            })
            .collect()
    }

    /// A left row's label and amount.
    fn left(&self, r: &RowSpec) -> Vec<Proto> {
        let value = match (&r.total_of, &r.lines) {
            (Some(of), _) => sum_rows(&self.left_refs(of), 1),
            (None, Some(f)) => leaf(self.within(f), 0),
            (None, None) => leaf(Amount::ZERO, 0),
        };
        vec![text(r.label.clone()), value]
    }

    /// A fixed right row's label and money cells; `fixed` numbers its footing group.
    fn right_fixed(&self, row: usize, r: &RowSpec, fixed: u32) -> Vec<Proto> {
        let mut cells = vec![text(r.label.clone())];
        match (&r.total_of, &r.lines) {
            (Some(of), _) => cells.extend(money_cells(
                row,
                FIRST_RIGHT,
                &self.cols,
                Src::Rows(&self.right_refs(of)),
            )),
            (None, f) => {
                let values: Vec<Amount> = self
                    .cols
                    .iter()
                    .map(|c| match (c, f) {
                        (Col::Lines(cf), Some(f)) => self.budget.sum_where(|l| {
                            self.body.lines.matches(self.budget, l)
                                && f.matches(self.budget, l)
                                && cf.matches(self.budget, l)
                        }),
                        _ => Amount::ZERO,
                    })
                    .collect();
                let money = money_cells(row, FIRST_RIGHT, &self.cols, Src::Leaf(&values));
                cells.extend(money.into_iter().map(|p| match p {
                    Proto::Leaf { exact, .. } => leaf(exact, FIXED_GROUP + fixed),
                    other => other,
                }));
            }
        }
        cells
    }

    /// A 类 row's label and money cells.
    fn right_class(&self, row: usize, label: &str, values: Option<&Vec<Amount>>) -> Vec<Proto> {
        let zeros = vec![Amount::ZERO; self.cols.len()];
        let values = values.unwrap_or(&zeros);
        let money = money_cells(row, FIRST_RIGHT, &self.cols, Src::Leaf(values));
        // right-side leaves round in groups of their own
        std::iter::once(text(label))
            .chain(money.into_iter().map(|p| match p {
                Proto::Leaf { exact, group } => leaf(exact, group + 1),
                other => other,
            }))
            .collect()
    }

    fn blank_right(&self) -> Vec<Proto> {
        std::iter::repeat_with(blank)
            .take(self.cols.len() + 1)
            .collect()
    }
}

/// Bold flags of a two-sided row: the left pair's, then the right side's.
fn side_flags(left: bool, right: bool, width: usize) -> Vec<bool> {
    let mut flags = vec![left, left];
    flags.resize(width, right);
    flags
}

/// 收支对照: labelled income rows on the left, the 类 by the money columns on the right (with
/// fixed rows above and below them), closing rows under both sides, then the total row.
fn two_sided(budget: &DepartmentBudget, catalogue: &Catalogue, body: &Body) -> Grid {
    let cols = resolve_columns(&body.columns);
    let mut sides = Sides {
        budget,
        body,
        cols,
        left_ids: HashMap::new(),
        right_ids: HashMap::new(),
        class_rows: Vec::new(),
    };
    let visible = |r: &&RowSpec| {
        !r.only_if_nonzero || r.lines.as_ref().is_some_and(|f| !sides.within(f).is_zero())
    };
    let left: Vec<&RowSpec> = body.rows.iter().filter(visible).collect();
    let by_class = aggregate(budget, &body.lines, &sides.cols, |l| {
        Some(l.functional().class())
    });
    let classes = listed_classes(budget, catalogue, body, &by_class);
    let right: Vec<Right<'_>> = body
        .right_head
        .iter()
        .map(Right::Fixed)
        .chain(classes.iter().map(|(c, l)| Right::Class(*c, l.as_str())))
        .chain(body.right_tail.iter().map(Right::Fixed))
        .collect();
    let paired = left.len().max(right.len());
    for (i, r) in left.iter().enumerate() {
        if let Some(id) = r.id.as_deref() {
            sides.left_ids.insert(id, i);
        }
    }
    for (i, r) in right.iter().enumerate() {
        match r {
            Right::Fixed(r) => {
                if let Some(id) = r.id.as_deref() {
                    sides.right_ids.insert(id, i);
                }
            }
            Right::Class(..) => sides.class_rows.push(i),
        }
    }
    for (k, f) in body.footer.iter().enumerate() {
        if let Some(id) = f.left.id.as_deref() {
            sides.left_ids.insert(id, paired + k);
        }
        if let Some(id) = f.right.id.as_deref() {
            sides.right_ids.insert(id, paired + k);
        }
    }
    let mut grid = Grid::default();
    let mut fixed = 0;
    for i in 0..paired {
        let (mut cells, bold) = match left.get(i) {
            Some(r) => (sides.left(r), r.bold),
            None => (vec![blank(), blank()], false),
        };
        let (more, right_bold) = match right.get(i) {
            Some(Right::Class(c, label)) => (sides.right_class(i, label, by_class.get(c)), false),
            Some(Right::Fixed(r)) => {
                fixed += 1;
                (sides.right_fixed(i, r, fixed), r.bold)
            }
            None => (sides.blank_right(), false),
        };
        cells.extend(more);
        let flags = side_flags(bold, right_bold, cells.len());
        grid.push_cells(cells, flags);
    }
    for (k, f) in body.footer.iter().enumerate() {
        fixed += 1;
        let mut cells = sides.left(&f.left);
        cells.extend(sides.right_fixed(paired + k, &f.right, fixed));
        let flags = side_flags(f.left.bold, f.right.bold, cells.len());
        grid.push_cells(cells, flags);
    }
    if let Some(total) = &body.total {
        let right_rows = if total.right_of.is_empty() {
            sides.class_rows.clone()
        } else {
            sides.right_refs(&total.right_of)
        };
        let mut cells = vec![
            text(total.label.clone()),
            sum_rows(&sides.left_refs(&total.of), 1),
            text(total.right_label.clone().unwrap_or_default()),
        ];
        cells.extend((0..sides.cols.len()).map(|k| sum_rows(&right_rows, FIRST_RIGHT + k)));
        grid.push(cells, total.bold);
    }
    grid
}

/// 固定行列: fixed rows by money columns.
fn matrix(budget: &DepartmentBudget, body: &Body) -> Grid {
    let cols = resolve_columns(&body.columns);
    let rows = FixedRows::new(&body.rows, |_| true);
    let first = usize::from(body.label_column);
    let mut grid = Grid::default();
    for (i, r) in rows.rows.iter().enumerate() {
        let mut cells = Vec::new();
        if body.label_column {
            cells.push(text(r.label.clone()));
        }
        let money = match (&r.total_of, &r.lines) {
            (Some(of), _) => money_cells(i, first, &cols, Src::Rows(&rows.refs(of))),
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
                money_cells(i, first, &cols, Src::Leaf(&values))
            }
        };
        cells.extend(money);
        grid.push(cells, r.bold);
    }
    grid
}

/// 政府采购: a row per category with money (货物, 工程, 服务), then the total row. A `lines`
/// column prints the category's amount (templates are checked to give it no condition: the
/// budget's procurement has no split by funding or line).
fn procurement(budget: &DepartmentBudget, body: &Body) -> Grid {
    let cols = resolve_columns(&body.columns);
    let first = 1;
    let parts = budget
        .procurement()
        .map_or([Amount::ZERO; 3], |p| [p.goods, p.works, p.services]);
    let mut grid = Grid::default();
    let mut children = Vec::new();
    for (label, amount) in ["货物", "工程", "服务"].into_iter().zip(parts) {
        if amount.is_zero() {
            continue;
        }
        let row = grid.rows.len();
        let values: Vec<Amount> = cols
            .iter()
            .map(|c| match c {
                Col::Lines(_) => amount,
                _ => Amount::ZERO,
            })
            .collect();
        let mut cells = vec![text(label)];
        cells.extend(money_cells(row, first, &cols, Src::Leaf(&values)));
        children.push(grid.push(cells, false));
    }
    push_total(&mut grid, body, (first, 0), &cols, &children);
    grid
}

/// 按项目 / 按结转项目: a department row, one row per key, the total row.
fn per_key<K: Ord + Copy + KeyLabel>(
    budget: &DepartmentBudget,
    body: &Body,
    key: impl Fn(&Line) -> Option<K>,
    nonzero_only: bool,
) -> Grid {
    let cols = resolve_columns(&body.columns);
    let first = 1;
    let sums = aggregate(budget, &body.lines, &cols, &key);
    let keys: Vec<K> = if nonzero_only {
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
    } else {
        K::all(budget)
    };
    let mut grid = Grid::default();
    let dept = body.department_row.then_some(0);
    let children: Vec<usize> = (0..keys.len())
        .map(|i| i + usize::from(dept.is_some()))
        .collect();
    if let Some(row) = dept {
        let mut cells = vec![text(budget.department().name.clone())];
        cells.extend(money_cells(row, first, &cols, Src::Rows(&children)));
        grid.push(cells, body.department_bold);
    }
    for k in &keys {
        let row = grid.rows.len();
        let mut cells = vec![text(
            k.label(budget, body.basic_label.as_deref().unwrap_or("")),
        )];
        let values = sums
            .get(k)
            .cloned()
            .unwrap_or_else(|| vec![Amount::ZERO; cols.len()]);
        cells.extend(money_cells(row, first, &cols, Src::Leaf(&values)));
        grid.push(cells, false);
    }
    if let Some(total) = &body.total {
        let row = grid.rows.len();
        let tops = dept.map_or(children, |d| vec![d]);
        let mut cells = vec![text(total.label.clone())];
        cells.extend(money_cells(row, first, &cols, Src::Rows(&tops)));
        grid.push(cells, total.bold);
    }
    grid
}

/// The label of a per-key row, and every key of a budget.
trait KeyLabel: Sized {
    fn label(&self, budget: &DepartmentBudget, basic: &str) -> String;
    fn all(budget: &DepartmentBudget) -> Vec<Self>;
}

impl KeyLabel for Option<ProjectId> {
    fn label(&self, budget: &DepartmentBudget, basic: &str) -> String {
        self.and_then(|p| budget.project(p))
            .map_or_else(|| basic.to_string(), |p| p.name.clone())
    }
    fn all(budget: &DepartmentBudget) -> Vec<Self> {
        std::iter::once(None)
            .chain(budget.projects().map(|(id, _)| Some(id)))
            .collect()
    }
}

impl KeyLabel for Option<crate::budget::CarryOverId> {
    fn label(&self, budget: &DepartmentBudget, _: &str) -> String {
        self.and_then(|c| budget.carry_over(c))
            .map(|c| c.notice.clone())
            .unwrap_or_default()
    }
    fn all(budget: &DepartmentBudget) -> Vec<Self> {
        budget.carry_overs().map(|(id, _)| Some(id)).collect()
    }
}
