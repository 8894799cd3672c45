//! 杭州市气象局 2026 年度部门预算 (Zhejiang template) rebuilt from
//! `examples/data/hangzhou_meteorological_2026.json`: every money cell of every published table
//! (read from `tests/data/disclosures/20_hangzhou_meteorological_2026_dept.grid.txt`) and the
//! narrative's headline figures (read from the `.txt` of the same document) are compared with
//! the figure the budget's views derive from its lines.
//!
//! Rows and columns are recognised by their printed labels (functional and economic names through
//! the catalogue's tree, income labels through `IncomeLabel`), never by a hard-coded figure. Each
//! table keeps a tally of printed money cells matched; blank cells must be zero in the model.
//! Cells the model cannot express are listed by name with the reason; see
//! `examples/data/hangzhou_meteorological_2026.md`.

use yusuan::budget::{BudgetUnit, Comparison, DepartmentBudget, KindTotals, Line, SpendingKind};
use yusuan::classification::{Catalogue, Code, EconomicCode, FunctionalCode, Level};
use yusuan::funding::{FundType, FundingSource, IncomeLabel};
use yusuan::{Amount, Unit};

const JSON: &str = include_str!("../examples/data/hangzhou_meteorological_2026.json");
const GRID: &str = include_str!("data/disclosures/20_hangzhou_meteorological_2026_dept.grid.txt");
const TEXT: &str = include_str!("data/disclosures/20_hangzhou_meteorological_2026_dept.txt");

/// Which lines a row or column adds up.
type Filter = Box<dyn Fn(&Line) -> bool>;

fn budget() -> DepartmentBudget {
    serde_json::from_str(JSON).expect("the Hangzhou budget builds")
}

fn all() -> Filter {
    Box::new(|_| true)
}

/// Printed text with PDF wrapping removed and half-width parentheses made full-width.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            other => other,
        })
        .collect()
}

fn wan(a: Amount) -> String {
    a.display_in(Unit::WanYuan).to_string()
}

// ---------------------------------------------------------------------------------------------
// Reading the published grid.

/// One ruled table of the grid file: its page and its rows of trimmed cells.
struct Table {
    page: u32,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// Index of the first data row: after the `**` column-number row, or `fallback`.
    fn data_start(&self, fallback: usize) -> usize {
        self.rows
            .iter()
            .position(|r| r.iter().take(2).any(|c| c == "**"))
            .map_or(fallback, |i| i + 1)
    }

    /// The label of column `col`: its deepest non-empty header cell above the data rows.
    fn column_label(&self, col: usize, data_start: usize) -> String {
        self.rows[..data_start]
            .iter()
            .filter(|r| r.first().is_none_or(|c| c != "**"))
            .filter_map(|r| r.get(col).filter(|c| !c.is_empty()))
            .next_back()
            .map(|c| squeeze(c))
            .unwrap_or_default()
    }
}

fn grid_tables() -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    for line in GRID.lines() {
        if let Some(rest) = line.strip_prefix("===== [page ") {
            let page = rest.split(' ').next().unwrap().parse().unwrap();
            tables.push(Table {
                page,
                rows: Vec::new(),
            });
        } else if !line.starts_with('#') && !line.trim().is_empty() {
            let row = line.split('|').map(|c| c.trim().to_string()).collect();
            tables.last_mut().expect("a row inside a table").rows.push(row);
        }
    }
    tables
}

fn table(page: u32) -> Table {
    grid_tables()
        .into_iter()
        .find(|t| t.page == page)
        .unwrap_or_else(|| panic!("no table on page {page}"))
}

// ---------------------------------------------------------------------------------------------
// The tally of one table.

/// Matched / published cells of one table, and what did not match.
struct Tally {
    name: &'static str,
    published: usize,
    matched: usize,
    blank_checked: usize,
    unmatched: Vec<String>,
    blank_errors: Vec<String>,
}

impl Tally {
    fn new(name: &'static str) -> Tally {
        Tally {
            name,
            published: 0,
            matched: 0,
            blank_checked: 0,
            unmatched: Vec::new(),
            blank_errors: Vec::new(),
        }
    }

    /// A money cell in 万元: `printed` as published (maybe blank), `computed` the model's figure
    /// (`None` where the model cannot express the cell, for the reason `gap`).
    fn money(&mut self, label: &str, printed: &str, computed: Option<Amount>, gap: &str) {
        if printed.is_empty() {
            if let Some(c) = computed {
                self.blank_checked += 1;
                if !c.is_zero() {
                    self.blank_errors
                        .push(format!("{label}: blank, model {}", wan(c)));
                }
            }
            return;
        }
        let printed = Amount::parse_in(printed, Unit::WanYuan)
            .unwrap_or_else(|e| panic!("{}: {label}: {e}", self.name));
        self.text(label, wan(printed), computed.map(wan), gap);
    }

    /// A printed figure (already normalised) against the model's, `None` for a model gap.
    fn text(&mut self, label: &str, printed: String, computed: Option<String>, gap: &str) {
        self.published += 1;
        match computed {
            Some(c) if c == printed => self.matched += 1,
            Some(c) => self
                .unmatched
                .push(format!("{label}: printed {printed}, model {c}")),
            None => self
                .unmatched
                .push(format!("{label}: printed {printed}; model gap: {gap}")),
        }
    }

    /// Asserts the counts achieved and that every unmatched cell is the one expected.
    fn assert(&self, matched: usize, published: usize, unmatched: &[&str]) {
        eprintln!(
            "{}: {}/{} printed money cells matched, {} blank cells zero in the model",
            self.name, self.matched, self.published, self.blank_checked
        );
        for u in &self.unmatched {
            eprintln!("  unmatched: {u}");
        }
        assert!(self.blank_errors.is_empty(), "{:#?}", self.blank_errors);
        assert_eq!(
            (self.matched, self.published),
            (matched, published),
            "{}: {:#?}",
            self.name,
            self.unmatched
        );
        let names: Vec<&str> = self
            .unmatched
            .iter()
            .map(|u| u.split(':').next().unwrap())
            .collect();
        assert_eq!(names, unmatched, "{}", self.name);
    }
}

// ---------------------------------------------------------------------------------------------
// Labels → codes and filters.

/// Resolves a printed 类/款/项 name within the tree walked so far (rows are in tree order): a
/// child of the current 款, of the current 类, or a 类.
fn code_of<C: Code>(context: &mut Vec<C>, name: &str) -> C {
    let cat = Catalogue::builtin();
    let key = squeeze(name);
    for depth in (0..=context.len()).rev() {
        let found = match depth.checked_sub(1).and_then(|i| context.get(i)) {
            Some(&parent) => cat
                .children(parent)
                .find(|(_, n)| squeeze(n) == key)
                .map(|(c, _)| c),
            None => cat
                .entries_of::<C>()
                .find(|(c, n)| c.level() == Level::Class && squeeze(n) == key)
                .map(|(c, _)| c),
        };
        if let Some(c) = found {
            context.truncate(depth);
            context.push(c);
            return c;
        }
    }
    panic!("{name:?} is not a code name under {context:?}")
}

/// What a column of an expenditure table holds.
fn kind_column(label: &str) -> Option<fn(&KindTotals) -> Amount> {
    match label {
        "合计" | "总计" => Some(KindTotals::total),
        "小计" | "基本支出" => Some(KindTotals::basic),
        "人员支出" | "人员经费" => Some(|k| k.personnel),
        "日常公用支出" | "公用经费" => Some(|k| k.operating),
        "项目支出" => Some(|k| k.project),
        _ => None,
    }
}

const SPENDING_GAP: &str = "the model has no 事业单位经营支出, 上缴上级支出 or 对附属单位补助支出";

/// The lines an income label stands for; `carry` when it sits under 上年结转结余. `None` where
/// the model cannot split the figure.
fn income_filter(label: &str, carry: bool) -> Option<Filter> {
    if let Ok(t) = FundType::parse(label) {
        return Some(if carry {
            let s = FundingSource::carry_over_of(t);
            Box::new(move |l: &Line| l.source() == s)
        } else {
            Box::new(move |l: &Line| l.source().fund_type() == Some(t) && !l.source().is_carry_over())
        });
    }
    match IncomeLabel::parse(label).unwrap_or_else(|e| panic!("{e}")) {
        // 财政专户管理资金 / 单位资金 under 上年结转结余: one NonFiscalCarryOver source in the model.
        IncomeLabel::Source(_) | IncomeLabel::Group(_) if carry => None,
        IncomeLabel::Source(s) => Some(Box::new(move |l: &Line| l.source() == s)),
        IncomeLabel::FundType(t) => Some(Box::new(move |l: &Line| {
            l.source().fund_type() == Some(t) && !l.source().is_carry_over()
        })),
        IncomeLabel::Group(g) => Some(Box::new(move |l: &Line| l.source().group() == g)),
        IncomeLabel::CurrentYearTotal => Some(Box::new(|l: &Line| !l.source().is_carry_over())),
        IncomeLabel::CarryOverTotal => Some(Box::new(|l: &Line| l.source().is_carry_over())),
        IncomeLabel::GrandTotal => Some(all()),
        _ => None,
    }
}

const CARRY_SPLIT_GAP: &str =
    "上年结转结余 of 财政专户管理资金 and of 单位资金 are one source (非财政拨款结转结余) in the model";

/// The lines of a unit row: the department's name is the department as a whole when it is
/// printed twice (表2: department row, then 本级), else its own lines (本级, no subordinate unit).
fn unit_filter(b: &DepartmentBudget, label: &str, department_total: bool) -> Filter {
    let name = squeeze(label);
    if name == "合计" || (department_total && name == squeeze(&b.department().name)) {
        return all();
    }
    if name == squeeze(&b.department().name) {
        return Box::new(|l: &Line| l.unit().is_none());
    }
    let index = b
        .units()
        .iter()
        .position(|u: &BudgetUnit| squeeze(&u.name) == name)
        .unwrap_or_else(|| panic!("no unit {label:?}"));
    Box::new(move |l: &Line| l.unit().is_some_and(|u| u.index() == index))
}

// ---------------------------------------------------------------------------------------------
// The tables.

/// A functional (or, with `economic`, economic) table: rows 合计 and 类/款/项 names, columns by kind.
fn check_tree_table(
    b: &DepartmentBudget,
    t: &Table,
    keep: &dyn Fn(&Line) -> bool,
    economic: bool,
    tally: &mut Tally,
) {
    let start = t.data_start(2);
    let mut functional: Vec<FunctionalCode> = Vec::new();
    let mut economic_ctx: Vec<EconomicCode> = Vec::new();
    for row in &t.rows[start..] {
        let label = row[0].as_str();
        let totals = if label == "合计" {
            b.kind_totals_where(keep)
        } else if economic {
            let code = code_of(&mut economic_ctx, label);
            let map = b.by_economic(code.level(), keep);
            map.get(&code).copied().unwrap_or_default()
        } else {
            let code = code_of(&mut functional, label);
            let map = b.by_functional(code.level(), keep);
            map.get(&code).copied().unwrap_or_default()
        };
        for (col, cell) in row.iter().enumerate().skip(1) {
            let header = t.column_label(col, start);
            let computed = kind_column(&header).map(|f| f(&totals));
            tally.money(&format!("{label} × {header}"), cell, computed, SPENDING_GAP);
        }
    }
}

/// A two-sided summary (表1, 表4): income labels left, functional rows right, within `scope`.
fn check_summary_table(b: &DepartmentBudget, t: &Table, scope: Filter, tally: &mut Tally) {
    let mut carry = false;
    let mut functional: Vec<FunctionalCode> = Vec::new();
    for row in &t.rows[2..] {
        let (left, right) = (row[0].as_str(), row[2].as_str());
        if !left.is_empty() {
            let filter = income_filter(left, carry);
            if matches!(IncomeLabel::parse(left), Ok(IncomeLabel::CarryOverTotal)) {
                carry = true;
            }
            let computed = filter.map(|f| b.sum_where(|l| scope(l) && f(l)));
            tally.money(&format!("收入 {left}"), &row[1], computed, CARRY_SPLIT_GAP);
        }
        if right.is_empty() {
            continue;
        }
        let key = squeeze(right);
        let computed = if key.ends_with("本年支出合计") || key.ends_with("支出总计") {
            b.sum_where(&scope)
        } else if key.ends_with("年终结转结余") {
            // 收入总计 = 支出总计: a budget plans no year-end balance.
            Amount::ZERO
        } else {
            let code = code_of(&mut functional, right);
            b.by_functional(code.level(), &scope)
                .get(&code)
                .map_or(Amount::ZERO, KindTotals::total)
        };
        tally.money(&format!("支出 {right}"), &row[3], Some(computed), "");
    }
}

#[test]
fn table1_income_and_expenditure_summary() {
    let b = budget();
    let mut tally = Tally::new("表1 收支预算总表");
    check_summary_table(&b, &table(15), all(), &mut tally);
    tally.assert(24, 24, &[]);
}

#[test]
fn table2_income_by_unit() {
    let b = budget();
    let t = table(16);
    let start = t.data_start(3);
    let mut tally = Tally::new("表2 收入预算总表");
    let dept = squeeze(&b.department().name);
    let named_twice = t.rows[start..]
        .iter()
        .filter(|r| squeeze(&r[0]) == dept)
        .count()
        == 2;
    let mut seen_department = false;
    for row in &t.rows[start..] {
        let is_dept = squeeze(&row[0]) == dept;
        let rows_scope = unit_filter(&b, &row[0], named_twice && is_dept && !seen_department);
        seen_department |= is_dept;
        let mut carry = false;
        for (col, cell) in row.iter().enumerate().skip(1) {
            let section = t.rows[0][col].as_str();
            carry |= squeeze(section) == "上年结转结余";
            let header = t.column_label(col, start);
            let filter = match header.as_str() {
                "总计" => Some(all()),
                "小计" => income_filter(if carry { "上年结转结余" } else { "本年收入" }, false),
                other => income_filter(other, carry),
            };
            let computed = filter.map(|f| b.sum_where(|l| rows_scope(l) && f(l)));
            let label = format!("{} × {}{header}", row[0], if carry { "结转 " } else { "" });
            tally.money(&label, cell, computed, CARRY_SPLIT_GAP);
        }
    }
    tally.assert(16, 16, &[]);
}

#[test]
fn table3_expenditure_by_function_and_kind() {
    let b = budget();
    let mut tally = Tally::new("表3 支出预算总表");
    check_tree_table(&b, &table(17), &|_| true, false, &mut tally);
    tally.assert(47, 47, &[]);
}

/// 一般公共预算当年拨款 (this year's general-budget appropriation).
fn general_current(l: &Line) -> bool {
    l.source().fund_type() == Some(FundType::GeneralPublicBudget) && !l.source().is_carry_over()
}

#[test]
fn table4_fiscal_appropriations_summary() {
    let b = budget();
    let mut tally = Tally::new("表4 财政拨款收支预算总表");
    let fiscal: Filter = Box::new(|l: &Line| l.source().is_fiscal());
    check_summary_table(&b, &table(18), fiscal, &mut tally);
    tally.assert(22, 22, &[]);
}

#[test]
fn table5_general_budget_by_function() {
    let b = budget();
    let mut tally = Tally::new("表5 一般公共预算支出预算表");
    check_tree_table(&b, &table(19), &general_current, false, &mut tally);
    tally.assert(61, 61, &[]);
}

#[test]
fn table6_general_budget_basic_by_economic_code() {
    let b = budget();
    let mut tally = Tally::new("表6 一般公共预算基本支出预算表");
    let keep = |l: &Line| general_current(l) && l.kind().is_basic();
    check_tree_table(&b, &table(20), &keep, true, &mut tally);
    tally.assert(81, 81, &[]);
}

/// 财政拨款"三公"经费 of the lines `keep` accepts, by the economic codes the crate's
/// `three_public` view documents: (合计, 因公出国（境）, 公务用车 小计, 购置, 运行维护, 公务接待).
fn three_public_of(b: &DepartmentBudget, keep: &dyn Fn(&Line) -> bool) -> [Amount; 6] {
    let of = |codes: &[u32]| {
        b.sum_where(|l| {
            keep(l) && l.source().is_fiscal() && codes.contains(&l.economic().as_u32())
        })
    };
    let (abroad, purchase) = (of(&[30212]), of(&[31013, 30913]));
    let (operation, reception) = (of(&[30231]), of(&[30217]));
    let vehicles = purchase.checked_add(operation).unwrap();
    let total = Amount::checked_sum([abroad, vehicles, reception]).unwrap();
    [total, abroad, vehicles, purchase, operation, reception]
}

fn three_public_column(label: &str) -> usize {
    match label {
        "“三公”经费合计" => 0,
        "因公出国（境）费用" => 1,
        "小计" => 2,
        "公务用车购置费" => 3,
        "公务用车运行维护费" => 4,
        "公务接待费" => 5,
        other => panic!("unknown 三公 column {other:?}"),
    }
}

#[test]
fn table7_three_public_by_unit() {
    let b = budget();
    let t = table(21);
    let start = t.data_start(3);
    let mut tally = Tally::new("表7 一般公共预算“三公”经费预算表");
    // The view and the economic codes agree on the whole department.
    let view = b.three_public();
    let whole = three_public_of(&b, &general_current);
    assert_eq!(
        [view.total().unwrap(), view.abroad, view.vehicles().unwrap(), view.vehicle_purchase]
            .to_vec(),
        whole[..4].to_vec()
    );
    assert_eq!(
        [view.vehicle_operation, view.reception],
        [whole[4], whole[5]]
    );
    for row in &t.rows[start..] {
        let scope = unit_filter(&b, &row[0], false);
        let figures = three_public_of(&b, &|l| scope(l) && general_current(l));
        for (col, cell) in row.iter().enumerate().skip(1) {
            let header = t.column_label(col, start);
            let computed = figures[three_public_column(&header)];
            tally.money(&format!("{} × {header}", row[0]), cell, Some(computed), "");
        }
    }
    tally.assert(12, 12, &[]);
}

/// 表8 and 表9: only a 合计 row, blank, with the note that the department has no such money.
#[test]
fn table8_and_table9_government_fund_and_state_capital_are_empty() {
    let b = budget();
    for (page, fund, note) in [
        (22, FundType::GovernmentFund, "本部门没有政府性基金预算拨款安排的支出"),
        (23, FundType::StateCapital, "本部门没有国有资本经营预算拨款安排的支出"),
    ] {
        let t = table(page);
        let mut tally = Tally::new(if page == 22 { "表8" } else { "表9" });
        let row = t.rows.iter().find(|r| r[0] == "合计").unwrap();
        let kinds = b.kind_totals_where(|l| l.source().fund_type() == Some(fund));
        for cell in &row[1..] {
            tally.money("合计", cell, Some(kinds.total()), "");
        }
        assert!(squeeze(TEXT).contains(note));
        tally.assert(0, 0, &[]);
    }
}

#[test]
fn table10_projects_by_source() {
    let b = budget();
    let t = table(24);
    let start = t.data_start(3);
    let mut tally = Tally::new("表10 项目支出预算表");
    for row in &t.rows[start..] {
        let name = squeeze(&row[1]);
        let project = b.projects().find(|(_, p)| squeeze(&p.name) == name);
        let scope: Filter = match project {
            None if name == "合计" => Box::new(|l: &Line| l.kind().project().is_some()),
            None => panic!("no project {name:?}"),
            Some((id, _)) => {
                let unit = unit_filter(&b, &row[0], false);
                Box::new(move |l: &Line| l.kind() == SpendingKind::Project(id) && unit(l))
            }
        };
        for (col, cell) in row.iter().enumerate().skip(2) {
            let header = t.column_label(col, start);
            let filter = if header == "总计" {
                Some(all())
            } else {
                income_filter(&header, false)
            };
            let computed = filter.map(|f| b.sum_where(|l| scope(l) && f(l)));
            tally.money(&format!("{} × {header}", row[1]), cell, computed, "");
        }
        if let Some((id, _)) = project {
            // The view agrees with the unit-scoped sum.
            let total = b.project_totals()[id.index()].1;
            assert_eq!(wan(total), wan(Amount::parse_in(&row[2], Unit::WanYuan).unwrap()));
        }
    }
    tally.assert(11, 11, &[]);
}

#[test]
fn table11_project_performance_goals() {
    let b = budget();
    let t = table(25);
    let mut tally = Tally::new("表11 项目支出绩效表");
    let targets = b.performance().expect("表11 is held as project targets");
    for row in &t.rows[1..] {
        let name = squeeze(&row[1]);
        let (id, project) = b
            .projects()
            .find(|(_, p)| squeeze(&p.name) == name)
            .unwrap_or_else(|| panic!("no project {name:?}"));
        tally.money(&format!("{} × 金额", row[1]), &row[2], Some(b.project_total(id)), "");
        let target = targets
            .projects
            .iter()
            .find(|t| t.project == project.key)
            .unwrap();
        assert_eq!(squeeze(&target.goal), squeeze(&row[3]), "{name}");
        assert_eq!(squeeze(&target.unit), squeeze(&row[0]), "{name}");
    }
    tally.assert(3, 3, &[]);
}
