//! The table builders: each turns a budget into one table of the Xinjiang 2026 layout.

use std::collections::BTreeMap;

use crate::amount::Amount;
use crate::budget::{BasicKind, CarryOverFund, CarryOverUse, DepartmentBudget, Line, SpendingKind};
use crate::classification::{Catalogue, Code, EconomicCode, FunctionalCode, Level};
use crate::funding::{FundType, FundingSource};

use super::table::{Grid, Proto};

pub(crate) type Keep<'a> = &'a dyn Fn(&Line) -> bool;

/// The three budgets of 财政拨款, in the order tables print them.
const FUNDS: [FundType; 3] = [
    FundType::GeneralPublicBudget,
    FundType::GovernmentFund,
    FundType::StateCapital,
];

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

fn name_of<C: Code>(catalogue: &Catalogue, code: C) -> String {
    catalogue.name(code).unwrap_or_default().to_string()
}

/// The code split over 类 | 款 | 项 cells: `206 | 07 | 02`.
fn split_code(code: FunctionalCode) -> [String; 3] {
    let s = code.to_string();
    [
        s.get(0..3).unwrap_or("").to_string(),
        s.get(3..5).unwrap_or("").to_string(),
        s.get(5..7).unwrap_or("").to_string(),
    ]
}

/// A money column of a functional table: lines it adds up, or other columns of the same row.
pub(crate) enum Col<'a> {
    Leaf(Keep<'a>),
    Sum(Vec<usize>),
}

/// Rows per 类/款/项 of the kept lines, then a 总计 row. `first_money` is the index of the first
/// money column; `columns` are the money columns in order. 类 and 款 rows are bold when
/// `bold_subtotals`; the total row is bold when `bold_total`.
pub(crate) fn functional_grid(
    budget: &DepartmentBudget,
    catalogue: &Catalogue,
    keep: Keep<'_>,
    columns: &[Col<'_>],
    bold_subtotals: bool,
    bold_total: bool,
    total_label_first: bool,
) -> Grid {
    let first_money = 4;
    // exact sums per 项 and column
    let mut items: BTreeMap<FunctionalCode, Vec<Amount>> = BTreeMap::new();
    for line in budget.lines().iter().filter(|l| keep(l)) {
        let entry = items
            .entry(line.functional())
            .or_insert_with(|| vec![Amount::ZERO; columns.len()]);
        for (k, col) in columns.iter().enumerate() {
            if let (Col::Leaf(f), Some(slot)) = (col, entry.get_mut(k)) {
                if f(line) {
                    *slot = slot.checked_add(line.amount()).unwrap_or(Amount::MAX);
                }
            }
        }
    }
    let mut grid = Grid::default();
    let money_row = |grid: &mut Grid,
                     labels: [String; 4],
                     leaves: Option<&[Amount]>,
                     children: &[usize],
                     bold: bool| {
        let row_index = grid.rows.len();
        let mut cells: Vec<Proto> = labels.into_iter().map(Proto::Text).collect();
        for (k, col) in columns.iter().enumerate() {
            let proto = match col {
                Col::Sum(parts) => sum_cols(
                    row_index,
                    &parts.iter().map(|p| p + first_money).collect::<Vec<_>>(),
                ),
                Col::Leaf(_) => match leaves {
                    Some(v) => leaf(v.get(k).copied().unwrap_or(Amount::ZERO), k as u32),
                    None => sum_rows(children, first_money + k),
                },
            };
            cells.push(proto);
        }
        grid.push(cells, bold)
    };
    // Group 项 by 类 and 款, keeping code order; subtotal rows are inserted before their children
    // and filled in once the children exist.
    let mut class_rows = Vec::new();
    let mut by_class: BTreeMap<FunctionalCode, BTreeMap<FunctionalCode, Vec<FunctionalCode>>> =
        BTreeMap::new();
    for code in items.keys() {
        by_class
            .entry(code.class())
            .or_default()
            .entry(code.section().unwrap_or(*code))
            .or_default()
            .push(*code);
    }
    for (class, sections) in &by_class {
        let [c, _, _] = split_code(*class);
        let class_row = money_row(
            &mut grid,
            [c, String::new(), String::new(), name_of(catalogue, *class)],
            None,
            &[],
            bold_subtotals,
        );
        let mut section_rows = Vec::new();
        for (section, codes) in sections {
            let [c, k, _] = split_code(*section);
            let section_row = money_row(
                &mut grid,
                [c, k, String::new(), name_of(catalogue, *section)],
                None,
                &[],
                bold_subtotals,
            );
            let mut item_rows = Vec::new();
            for code in codes {
                let [c, k, x] = split_code(*code);
                let values = items.get(code).cloned().unwrap_or_default();
                item_rows.push(money_row(
                    &mut grid,
                    [c, k, x, name_of(catalogue, *code)],
                    Some(&values),
                    &[],
                    false,
                ));
            }
            refill(&mut grid, section_row, &item_rows, columns, first_money);
            section_rows.push(section_row);
        }
        refill(&mut grid, class_row, &section_rows, columns, first_money);
        class_rows.push(class_row);
    }
    let labels = if total_label_first {
        ["合计".into(), String::new(), String::new(), String::new()]
    } else {
        [String::new(), String::new(), String::new(), "总计".into()]
    };
    money_row(&mut grid, labels, None, &class_rows, bold_total);
    grid
}

/// Points a subtotal row's leaf-column cells at its children.
fn refill(
    grid: &mut Grid,
    row: usize,
    children: &[usize],
    columns: &[Col<'_>],
    first_money: usize,
) {
    if let Some((cells, _)) = grid.rows.get_mut(row) {
        for (k, col) in columns.iter().enumerate() {
            if let (Col::Leaf(_), Some(cell)) = (col, cells.get_mut(first_money + k)) {
                *cell = sum_rows(children, first_money + k);
            }
        }
    }
}

/// 部门收支总体情况表: income by source on the left, expenditure by 类 on the right.
pub(crate) fn income_expenditure_summary(budget: &DepartmentBudget, catalogue: &Catalogue) -> Grid {
    use FundingSource::*;
    enum L {
        Leaf(&'static [FundingSource]),
        Sum(&'static [usize]),
    }
    // (label, value, bold): indices in Sum are positions in this list.
    // The seed splits 非财政拨款结转结余 into 财政专户核拨 and 单位资金; the model has one
    // non-fiscal carry-over source, shown under 单位资金.
    let left: [(&str, L, bool); 25] = [
        ("一、本年收入", L::Sum(&[1, 4, 7, 10, 11]), true),
        ("1. 一般公共预算拨款", L::Sum(&[2, 3]), true),
        ("其中：一般财力", L::Leaf(&[GeneralBudgetOwn]), false),
        (
            "上级一般公共预算安排转移支付",
            L::Leaf(&[GeneralBudgetTransfer]),
            false,
        ),
        ("2. 政府性基金预算拨款", L::Sum(&[5, 6]), true),
        ("其中：政府性基金收入", L::Leaf(&[GovernmentFundOwn]), false),
        (
            "上级政府性基金安排转移支付",
            L::Leaf(&[GovernmentFundTransfer]),
            false,
        ),
        ("3. 国有资本经营预算拨款", L::Sum(&[8, 9]), true),
        ("其中：国有资本经营收入", L::Leaf(&[StateCapitalOwn]), false),
        (
            "上级国有资本经营预算安排转移支付",
            L::Leaf(&[StateCapitalTransfer]),
            false,
        ),
        ("4. 财政专户核拨", L::Leaf(&[FiscalSpecialAccount]), true),
        ("5. 单位资金", L::Sum(&[12, 13, 14, 15, 16]), true),
        ("其中：事业收入", L::Leaf(&[ServiceRevenue]), false),
        ("上级补助收入", L::Leaf(&[SuperiorSubsidy]), false),
        ("附属单位上缴收入", L::Leaf(&[SubordinateRemittance]), false),
        ("事业单位经营收入", L::Leaf(&[BusinessRevenue]), false),
        ("其他收入", L::Leaf(&[OtherIncome]), false),
        ("二、上年结转结余", L::Sum(&[18, 22]), true),
        ("1. 财政拨款结转", L::Sum(&[19, 20, 21]), true),
        (
            "其中：一般公共预算拨款",
            L::Leaf(&[GeneralBudgetCarryOver]),
            false,
        ),
        (
            "政府性基金预算拨款",
            L::Leaf(&[GovernmentFundCarryOver]),
            false,
        ),
        (
            "国有资本经营预算拨款",
            L::Leaf(&[StateCapitalCarryOver]),
            false,
        ),
        ("2. 非财政拨款结转结余", L::Sum(&[23, 24]), true),
        ("其中：财政专户核拨", L::Leaf(&[]), false),
        ("单位资金", L::Leaf(&[NonFiscalCarryOver]), false),
    ];
    let by_source = budget.by_source();
    let classes = class_list(budget, catalogue);
    let by_class = budget.by_functional(Level::Class, |_| true);
    let rows = left.len().max(classes.len());
    let mut grid = Grid::default();
    for i in 0..rows {
        let (label, value, bold) = match left.get(i) {
            Some((label, value, bold)) => {
                let proto = match value {
                    L::Leaf(sources) => leaf(
                        Amount::checked_sum(
                            sources
                                .iter()
                                .map(|s| by_source.get(s).copied().unwrap_or(Amount::ZERO)),
                        )
                        .unwrap_or(Amount::MAX),
                        0,
                    ),
                    L::Sum(parts) => sum_rows(parts, 1),
                };
                (text(*label), proto, *bold)
            }
            None => (blank(), blank(), false),
        };
        let (right_label, right_value) = match classes.get(i) {
            Some(c) => (
                text(format!("{c} {}", name_of(catalogue, *c))),
                leaf(by_class.get(c).map_or(Amount::ZERO, |t| t.total()), 1),
            ),
            None => (blank(), blank()),
        };
        grid.push_cells(
            vec![label, value, right_label, right_value],
            vec![bold, bold, false, false],
        );
    }
    let class_rows: Vec<usize> = (0..classes.len()).collect();
    grid.push(
        vec![
            text("收入总计"),
            sum_rows(&[0, 17], 1),
            text("支出总计"),
            sum_rows(&class_rows, 3),
        ],
        true,
    );
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

/// 财政拨款收支预算总体情况表: this year's appropriations by budget on the left; by 类 and
/// budget on the right. `compact` is the Shanghai layout: the three budgets as 一、二、三 without
/// a heading row, only the 类 with money, numbered, and no bold rows.
pub(crate) fn fiscal_summary(
    budget: &DepartmentBudget,
    catalogue: &Catalogue,
    with_carry_over: bool,
    compact: bool,
) -> Grid {
    let fund_of = move |l: &Line| {
        l.source()
            .fund_type()
            .filter(|_| with_carry_over || !l.source().is_carry_over())
    };
    let fund_leaf = |f: FundType| leaf(budget.sum_where(|l| fund_of(l) == Some(f)), 0);
    let (left, income_rows): (Vec<(String, Proto, bool)>, Vec<usize>) = if compact {
        let labels = [
            "一、一般公共预算资金",
            "二、政府性基金",
            "三、国有资本经营预算",
        ];
        let rows = labels
            .iter()
            .zip(FUNDS)
            .map(|(l, f)| (l.to_string(), fund_leaf(f), false))
            .collect();
        (rows, vec![0, 1, 2])
    } else {
        let head = (
            "一、财政拨款（补助）".to_string(),
            sum_rows(&[1, 2, 3], 1),
            true,
        );
        let rows = std::iter::once(head)
            .chain(FUNDS.iter().map(|f| (f.to_string(), fund_leaf(*f), false)))
            .collect();
        (rows, vec![0])
    };
    let classes: Vec<(FunctionalCode, String)> = if compact {
        ordinal_classes(budget, catalogue, &|l| fund_of(l).is_some())
    } else {
        class_list(budget, catalogue)
            .into_iter()
            .map(|c| (c, format!("{c} {}", name_of(catalogue, c))))
            .collect()
    };
    let class_fund = by_class_and_fund(budget, &fund_of);
    let mut grid = Grid::default();
    for i in 0..classes.len().max(left.len()) {
        let (label, value, bold) = match left.get(i) {
            Some((l, v, b)) => (text(l.clone()), v.clone(), *b),
            None => (blank(), blank(), false),
        };
        let mut cells = vec![label, value];
        match classes.get(i) {
            Some((c, name)) => {
                cells.push(text(name.clone()));
                cells.push(sum_cols(i, &[4, 5, 6]));
                for (k, f) in FUNDS.iter().enumerate() {
                    let amount = class_fund.get(&(*c, *f)).copied().unwrap_or(Amount::ZERO);
                    cells.push(leaf(amount, 1 + k as u32));
                }
            }
            None => cells.extend([blank(), blank(), blank(), blank(), blank()]),
        }
        let mut flags = vec![bold, bold];
        flags.extend([false; 5]);
        grid.push_cells(cells, flags);
    }
    let class_rows: Vec<usize> = (0..classes.len()).collect();
    grid.push(
        vec![
            text("收入总计"),
            sum_rows(&income_rows, 1),
            text("支出总计"),
            sum_rows(&class_rows, 3),
            sum_rows(&class_rows, 4),
            sum_rows(&class_rows, 5),
            sum_rows(&class_rows, 6),
        ],
        !compact,
    );
    grid
}

/// 一般公共预算基本支出情况表: 基本支出 by economic 类/款, 人员经费 and 公用经费.
pub(crate) fn basic_by_economic(
    budget: &DepartmentBudget,
    catalogue: &Catalogue,
    keep: Keep<'_>,
    bold: bool,
    total_label_first: bool,
) -> Grid {
    let mut sections: BTreeMap<EconomicCode, [Amount; 2]> = BTreeMap::new();
    for line in budget
        .lines()
        .iter()
        .filter(|l| keep(l) && l.kind().is_basic())
    {
        let slot = sections.entry(line.economic()).or_insert([Amount::ZERO; 2]);
        let k = usize::from(line.kind() == SpendingKind::Basic(BasicKind::Operating));
        if let Some(s) = slot.get_mut(k) {
            *s = s.checked_add(line.amount()).unwrap_or(Amount::MAX);
        }
    }
    let mut grid = Grid::default();
    let mut class_rows = Vec::new();
    let mut by_class: BTreeMap<EconomicCode, Vec<EconomicCode>> = BTreeMap::new();
    for code in sections.keys() {
        by_class.entry(code.class()).or_default().push(*code);
    }
    for (class, codes) in &by_class {
        let class_row = grid.rows.len();
        let first_child = class_row + 1;
        let children: Vec<usize> = (first_child..first_child + codes.len()).collect();
        grid.push(
            vec![
                text(class.to_string()),
                blank(),
                text(name_of(catalogue, *class)),
                sum_cols(class_row, &[4, 5]),
                sum_rows(&children, 4),
                sum_rows(&children, 5),
            ],
            bold,
        );
        for code in codes {
            let row = grid.rows.len();
            let v = sections.get(code).copied().unwrap_or([Amount::ZERO; 2]);
            let s = code.to_string();
            grid.push(
                vec![
                    text(s.get(0..3).unwrap_or("")),
                    text(s.get(3..5).unwrap_or("")),
                    text(name_of(catalogue, *code)),
                    sum_cols(row, &[4, 5]),
                    leaf(v[0], 0),
                    leaf(v[1], 1),
                ],
                false,
            );
        }
        class_rows.push(class_row);
    }
    let (first, third) = if total_label_first {
        ("合计", "")
    } else {
        ("", "总计")
    };
    grid.push(
        vec![
            text(first),
            blank(),
            text(third),
            sum_rows(&class_rows, 3),
            sum_rows(&class_rows, 4),
            sum_rows(&class_rows, 5),
        ],
        bold,
    );
    grid
}

/// The economic classes of the project table's columns, in the seed's order.
pub(crate) const PROJECT_CLASSES: [u32; 10] = [301, 302, 303, 307, 309, 310, 311, 312, 313, 399];

/// 一般公共预算项目支出情况表: per 类/款/项 and project, by economic class.
pub(crate) fn projects_by_economic(
    budget: &DepartmentBudget,
    catalogue: &Catalogue,
    keep: Keep<'_>,
) -> Grid {
    let first = 6; // first economic column; 5 is 项目支出合计
    // (项, project index) -> per class
    let mut items: BTreeMap<(FunctionalCode, usize), [Amount; 10]> = BTreeMap::new();
    for line in budget.lines().iter().filter(|l| keep(l)) {
        let SpendingKind::Project(p) = line.kind() else {
            continue;
        };
        let slot = items
            .entry((line.functional(), p.index()))
            .or_insert([Amount::ZERO; 10]);
        let class = line.economic().class().as_u32();
        let k = PROJECT_CLASSES
            .iter()
            .position(|c| *c == class)
            .unwrap_or(PROJECT_CLASSES.len() - 1);
        if let Some(s) = slot.get_mut(k) {
            *s = s.checked_add(line.amount()).unwrap_or(Amount::MAX);
        }
    }
    let mut grid = Grid::default();
    let row_cells =
        |row: usize, labels: [String; 5], values: Option<[Amount; 10]>, children: &[usize]| {
            let mut cells: Vec<Proto> = labels.into_iter().map(Proto::Text).collect();
            cells.push(sum_cols(
                row,
                &(first..first + PROJECT_CLASSES.len()).collect::<Vec<_>>(),
            ));
            for k in 0..PROJECT_CLASSES.len() {
                cells.push(match values {
                    Some(v) => leaf(v.get(k).copied().unwrap_or(Amount::ZERO), k as u32),
                    None => sum_rows(children, first + k),
                });
            }
            cells.push(blank());
            cells
        };
    let dept_row = grid.push(Vec::new(), false);
    let mut class_rows = Vec::new();
    let mut by_class: BTreeMap<
        FunctionalCode,
        BTreeMap<FunctionalCode, Vec<(FunctionalCode, usize)>>,
    > = BTreeMap::new();
    for key in items.keys() {
        by_class
            .entry(key.0.class())
            .or_default()
            .entry(key.0.section().unwrap_or(key.0))
            .or_default()
            .push(*key);
    }
    for (class, sections) in &by_class {
        let class_row = grid.push(Vec::new(), false);
        let mut section_rows = Vec::new();
        for (section, keys) in sections {
            let section_row = grid.push(Vec::new(), false);
            let mut item_rows = Vec::new();
            for key in keys {
                let [c, k, x] = split_code(key.0);
                let name = budget
                    .project(crate::budget::ProjectId(
                        u32::try_from(key.1).unwrap_or(u32::MAX),
                    ))
                    .map(|p| p.name.clone())
                    .unwrap_or_default();
                let cells = row_cells(
                    grid.rows.len(),
                    [c, k, x, name_of(catalogue, key.0), name],
                    items.get(key).copied(),
                    &[],
                );
                item_rows.push(grid.push(cells, false));
            }
            let [c, k, _] = split_code(*section);
            let cells = row_cells(
                section_row,
                [
                    c,
                    k,
                    String::new(),
                    name_of(catalogue, *section),
                    String::new(),
                ],
                None,
                &item_rows,
            );
            set_row(&mut grid, section_row, cells);
            section_rows.push(section_row);
        }
        let [c, _, _] = split_code(*class);
        let cells = row_cells(
            class_row,
            [
                c,
                String::new(),
                String::new(),
                name_of(catalogue, *class),
                String::new(),
            ],
            None,
            &section_rows,
        );
        set_row(&mut grid, class_row, cells);
        class_rows.push(class_row);
    }
    let cells = row_cells(
        dept_row,
        [
            String::new(),
            String::new(),
            String::new(),
            budget.department().name.clone(),
            String::new(),
        ],
        None,
        &class_rows,
    );
    set_row(&mut grid, dept_row, cells);
    let cells = row_cells(
        grid.rows.len(),
        [
            String::new(),
            String::new(),
            String::new(),
            "总计".into(),
            String::new(),
        ],
        None,
        &class_rows,
    );
    grid.push(cells, false);
    grid
}

fn set_row(grid: &mut Grid, row: usize, cells: Vec<Proto>) {
    if let Some(r) = grid.rows.get_mut(row) {
        r.1 = vec![r.1.first().copied().unwrap_or(false); cells.len()];
        r.0 = cells;
    }
}

/// 财政拨款"三公"经费支出情况表.
pub(crate) fn three_public(budget: &DepartmentBudget) -> Grid {
    let amount = |codes: &[u32], f: FundType| {
        budget.sum_where(|l| {
            l.source().fund_type() == Some(f) && codes.contains(&l.economic().as_u32())
        })
    };
    let mut grid = Grid::default();
    let leaf_row = |grid: &mut Grid, label: &str, codes: &[u32], group_base: u32| {
        let row = grid.rows.len();
        let mut cells = vec![text(label), sum_cols(row, &[2, 3, 4])];
        for (k, f) in FUNDS.iter().enumerate() {
            cells.push(leaf(amount(codes, *f), group_base + k as u32));
        }
        grid.push(cells, false)
    };
    let abroad = leaf_row(&mut grid, "因公出国（境）费用", &[30212], 0);
    let reception = leaf_row(&mut grid, "公务接待费", &[30217], 0);
    let vehicles = grid.rows.len();
    grid.push(
        vec![
            text("公务用车购置及运行维护费（小计）"),
            sum_cols(vehicles, &[2, 3, 4]),
            sum_rows(&[vehicles + 1, vehicles + 2], 2),
            sum_rows(&[vehicles + 1, vehicles + 2], 3),
            sum_rows(&[vehicles + 1, vehicles + 2], 4),
        ],
        true,
    );
    leaf_row(&mut grid, "其中：公务用车购置", &[31013, 30913], 0);
    leaf_row(&mut grid, "公务用车运行维护费", &[30231], 0);
    let total = grid.rows.len();
    let parts = [abroad, reception, vehicles];
    grid.push(
        vec![
            text("总计"),
            sum_cols(total, &[2, 3, 4]),
            sum_rows(&parts, 2),
            sum_rows(&parts, 3),
            sum_rows(&parts, 4),
        ],
        true,
    );
    grid
}

/// 财政拨款委托业务费支出情况表: 30227 per project (and 基本支出), by budget.
pub(crate) fn entrusted_business(budget: &DepartmentBudget) -> Grid {
    let mut grid = Grid::default();
    let entries = budget.entrusted_business();
    // 30227 by (project, budget) in one pass over the lines.
    let mut by_fund: BTreeMap<(Option<crate::budget::ProjectId>, FundType), Amount> =
        BTreeMap::new();
    for l in budget
        .lines()
        .iter()
        .filter(|l| l.economic().as_u32() == 30227)
    {
        if let Some(f) = l.source().fund_type() {
            let slot = by_fund
                .entry((l.kind().project(), f))
                .or_insert(Amount::ZERO);
            *slot = slot.checked_add(l.amount()).unwrap_or(Amount::MAX);
        }
    }
    let first = 1;
    let children: Vec<usize> = (first..first + entries.len()).collect();
    grid.push(
        vec![
            text(budget.department().name.clone()),
            sum_cols(0, &[2, 3, 4]),
            sum_rows(&children, 2),
            sum_rows(&children, 3),
            sum_rows(&children, 4),
        ],
        true,
    );
    for (project, _) in &entries {
        let row = grid.rows.len();
        let name = project
            .and_then(|p| budget.project(p))
            .map_or_else(|| "基本支出".to_string(), |p| p.name.clone());
        let mut cells = vec![text(name), sum_cols(row, &[2, 3, 4])];
        for (k, f) in FUNDS.iter().enumerate() {
            let amount = by_fund
                .get(&(*project, *f))
                .copied()
                .unwrap_or(Amount::ZERO);
            cells.push(leaf(amount, k as u32));
        }
        grid.push(cells, false);
    }
    let total = grid.rows.len();
    grid.push(
        vec![
            text("总计"),
            sum_cols(total, &[2, 3, 4]),
            sum_rows(&[0], 2),
            sum_rows(&[0], 3),
            sum_rows(&[0], 4),
        ],
        true,
    );
    grid
}

/// 上年结转结余情况表: each carry-over item by 财政拨款/非财政拨款 and use.
pub(crate) fn carry_over(budget: &DepartmentBudget) -> Grid {
    let mut grid = Grid::default();
    let items: Vec<_> = budget.carry_overs().collect();
    let children: Vec<usize> = (1..1 + items.len()).collect();
    let cols =
        |row: usize| -> Vec<Proto> { vec![sum_cols(row, &[2, 6]), sum_cols(row, &[3, 4, 5])] };
    let mut dept = vec![text(budget.department().name.clone())];
    dept.extend(cols(0));
    for c in 3..=5 {
        dept.push(sum_rows(&children, c));
    }
    dept.push(sum_cols(0, &[7, 8, 9]));
    for c in 7..=9 {
        dept.push(sum_rows(&children, c));
    }
    grid.push(dept, true);
    for (id, item) in &items {
        let row = grid.rows.len();
        let amount = budget.sum_where(|l| l.carry_over() == Some(*id));
        let slot = match item.usage {
            CarryOverUse::Basic(BasicKind::Personnel) => 0,
            CarryOverUse::Basic(BasicKind::Operating) => 1,
            CarryOverUse::Project => 2,
        };
        let fiscal = matches!(item.fund, CarryOverFund::Fiscal(_));
        let mut cells = vec![text(item.notice.clone())];
        cells.extend(cols(row));
        for k in 0..3 {
            cells.push(leaf(
                if fiscal && k == slot {
                    amount
                } else {
                    Amount::ZERO
                },
                k as u32,
            ));
        }
        cells.push(sum_cols(row, &[7, 8, 9]));
        for k in 0..3 {
            cells.push(leaf(
                if !fiscal && k == slot {
                    amount
                } else {
                    Amount::ZERO
                },
                3 + k as u32,
            ));
        }
        grid.push(cells, false);
    }
    let total = grid.rows.len();
    let mut cells = vec![text("总计")];
    cells.extend(cols(total));
    for c in 3..=5 {
        cells.push(sum_rows(&[0], c));
    }
    cells.push(sum_cols(total, &[7, 8, 9]));
    for c in 7..=9 {
        cells.push(sum_rows(&[0], c));
    }
    grid.push(cells, true);
    grid
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

/// The 类 with money among the lines `keep` accepts, as `一、一般公共服务支出`.
fn ordinal_classes(
    budget: &DepartmentBudget,
    catalogue: &Catalogue,
    keep: Keep<'_>,
) -> Vec<(FunctionalCode, String)> {
    budget
        .by_functional(Level::Class, keep)
        .keys()
        .enumerate()
        .map(|(i, c)| {
            (
                *c,
                format!("{}、{}", chinese_number(i + 1), name_of(catalogue, *c)),
            )
        })
        .collect()
}

/// 部门财务收支预算总表 (Shanghai): income by group on the left, the 类 with money on the right.
pub(crate) fn income_expenditure_summary_compact(
    budget: &DepartmentBudget,
    catalogue: &Catalogue,
) -> Grid {
    use FundingSource::*;
    let by = |sources: &[FundingSource]| budget.sum_where(|l| sources.contains(&l.source()));
    let mut left: Vec<(String, Proto)> = vec![
        ("一、财政拨款收入".into(), sum_rows(&[1, 2, 3], 1)),
        (
            "1.一般公共预算资金".into(),
            leaf(by(&[GeneralBudgetOwn, GeneralBudgetTransfer]), 0),
        ),
        (
            "2.政府性基金".into(),
            leaf(by(&[GovernmentFundOwn, GovernmentFundTransfer]), 0),
        ),
        (
            "3.国有资本经营预算".into(),
            leaf(by(&[StateCapitalOwn, StateCapitalTransfer]), 0),
        ),
        ("二、事业收入".into(), leaf(by(&[ServiceRevenue]), 0)),
        (
            "三、事业单位经营收入".into(),
            leaf(by(&[BusinessRevenue]), 0),
        ),
        (
            "四、其他收入".into(),
            leaf(
                by(&[
                    FiscalSpecialAccount,
                    SuperiorSubsidy,
                    SubordinateRemittance,
                    OtherIncome,
                ]),
                0,
            ),
        ),
    ];
    let carry = budget.carry_over_total();
    if !carry.is_zero() {
        left.push(("五、上年结转结余".into(), leaf(carry, 0)));
    }
    let income_rows: Vec<usize> = [0, 4, 5, 6]
        .into_iter()
        .chain((left.len() > 7).then_some(7))
        .collect();
    let classes = ordinal_classes(budget, catalogue, &|_| true);
    let by_class = budget.by_functional(Level::Class, |_| true);
    let mut grid = Grid::default();
    for i in 0..left.len().max(classes.len()) {
        let (l, v) = left
            .get(i)
            .cloned()
            .unwrap_or_else(|| (String::new(), blank()));
        let (r, rv) = match classes.get(i) {
            Some((c, label)) => (
                text(label.clone()),
                leaf(by_class.get(c).map_or(Amount::ZERO, |t| t.total()), 1),
            ),
            None => (blank(), blank()),
        };
        grid.push(vec![text(l), v, r, rv], false);
    }
    let class_rows: Vec<usize> = (0..classes.len()).collect();
    grid.push(
        vec![
            text("收入总计"),
            sum_rows(&income_rows, 1),
            text("支出总计"),
            sum_rows(&class_rows, 3),
        ],
        false,
    );
    grid
}

/// "三公"经费和机关运行经费预算表 (Shanghai): one row.
pub(crate) fn three_public_and_organ_running(budget: &DepartmentBudget) -> Grid {
    let t = budget.three_public();
    let mut grid = Grid::default();
    grid.push(
        vec![
            sum_cols(0, &[1, 2, 3]),
            leaf(t.abroad, 0),
            leaf(t.reception, 1),
            sum_cols(0, &[4, 5]),
            leaf(t.vehicle_purchase, 2),
            leaf(t.vehicle_operation, 3),
            leaf(budget.organ_running_cost(), 4),
        ],
        false,
    );
    grid
}

/// Totals by (类, budget) in one pass, for the lines `fund_of` assigns a budget.
fn by_class_and_fund(
    budget: &DepartmentBudget,
    fund_of: &dyn Fn(&Line) -> Option<FundType>,
) -> BTreeMap<(FunctionalCode, FundType), Amount> {
    let mut out: BTreeMap<(FunctionalCode, FundType), Amount> = BTreeMap::new();
    for l in budget.lines() {
        if let Some(f) = fund_of(l) {
            let slot = out
                .entry((l.functional().class(), f))
                .or_insert(Amount::ZERO);
            *slot = slot.checked_add(l.amount()).unwrap_or(Amount::MAX);
        }
    }
    out
}
