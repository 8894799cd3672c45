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

use yusuan::budget::{
    BudgetUnit, Comparison, DepartmentBudget, KindTotals, Line, SpendingKind, VehicleKind,
};
use yusuan::classification::{Catalogue, Code, EconomicCode, FunctionalCode, Level};
use yusuan::funding::{FundType, FundingSource, IncomeLabel};
use yusuan::{Amount, Unit};

mod common;
use common::squeeze;

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
            tables
                .last_mut()
                .expect("a row inside a table")
                .rows
                .push(row);
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
            "{}: {}/{} printed cells matched, {} blank cells zero in the model",
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
            Box::new(move |l: &Line| {
                l.source().fund_type() == Some(t) && !l.source().is_carry_over()
            })
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

const CARRY_SPLIT_GAP: &str = "上年结转结余 of 财政专户管理资金 and of 单位资金 are one source (非财政拨款结转结余) in the model";

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
                "小计" => income_filter(
                    if carry {
                        "上年结转结余"
                    } else {
                        "本年收入"
                    },
                    false,
                ),
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
        b.sum_where(|l| keep(l) && l.source().is_fiscal() && codes.contains(&l.economic().as_u32()))
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
        [
            view.total().unwrap(),
            view.abroad,
            view.vehicles().unwrap(),
            view.vehicle_purchase
        ]
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
        (
            22,
            FundType::GovernmentFund,
            "本部门没有政府性基金预算拨款安排的支出",
        ),
        (
            23,
            FundType::StateCapital,
            "本部门没有国有资本经营预算拨款安排的支出",
        ),
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
            assert_eq!(
                wan(total),
                wan(Amount::parse_in(&row[2], Unit::WanYuan).unwrap())
            );
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
        tally.money(
            &format!("{} × 金额", row[1]),
            &row[2],
            Some(b.project_total(id)),
            "",
        );
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

// ---------------------------------------------------------------------------------------------
// The narrative (情况说明): its headline figures, read in order from the published text.

/// The narrative without headers, page markers and page numbers, squeezed, read forward.
struct Narrative {
    text: String,
    pos: usize,
}

impl Narrative {
    fn new() -> Narrative {
        let body: String = TEXT
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("====="))
            .filter(|l| !l.trim().chars().all(|c| c.is_ascii_digit()))
            .collect();
        Narrative {
            text: squeeze(&body),
            pos: 0,
        }
    }

    /// Moves past the next `anchor`.
    fn skip(&mut self, anchor: &str) {
        let at = self.text[self.pos..]
            .find(anchor)
            .unwrap_or_else(|| panic!("{anchor:?} not found after byte {}", self.pos));
        self.pos += at + anchor.len();
    }

    /// The number printed right after the next `anchor`.
    fn number(&mut self, anchor: &str) -> String {
        self.skip(anchor);
        let number: String = self.text[self.pos..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
            .collect();
        assert!(!number.is_empty(), "no number after {anchor:?}");
        self.pos += number.len();
        number
    }

    /// The one of `words` printed right after the next `anchor`.
    fn word(&mut self, anchor: &str, words: &[&str]) -> String {
        self.skip(anchor);
        let rest = &self.text[self.pos..];
        let word = words
            .iter()
            .find(|w| rest.starts_with(**w))
            .unwrap_or_else(|| panic!("none of {words:?} after {anchor:?}"));
        self.pos += word.len();
        word.to_string()
    }

    /// `增加48.92` or `减少113.53` after `anchor`.
    fn change(&mut self, anchor: &str) -> String {
        let word = self.word(anchor, &["增加", "减少"]);
        format!("{word}{}", money(&self.number("")))
    }

    /// `增长0.8` or `下降80.2`, printed a few characters on (after `万元，`).
    fn rate(&mut self) -> String {
        let rest = &self.text[self.pos..];
        let (at, word) = ["增长", "下降"]
            .iter()
            .filter_map(|w| rest.find(w).map(|i| (i, *w)))
            .min()
            .expect("a rate");
        assert!(at <= 12, "no rate right after byte {}", self.pos);
        self.pos += at + word.len();
        format!("{word}{}", self.number(""))
    }
}

/// A printed 万元 figure, normalised.
fn money(printed: &str) -> String {
    wan(Amount::parse_in(printed, Unit::WanYuan).unwrap())
}

/// The model's `增加48.92` and `增长0.8` for a comparison.
fn change_words(c: &Comparison) -> (String, String) {
    let rate = c.growth().and_then(|g| g.percent(1)).unwrap();
    let rate = rate.abs();
    (
        format!("{}{}", c.direction(), wan(c.change().magnitude())),
        format!("{}{rate}", c.direction().rate_word()),
    )
}

/// Shares in percent with one decimal, by largest remainder so that they add up to 100.0 (the
/// document's 49.4 + 14.3 + 36.3; faithful rounding would print 49.5).
fn shares(parts: &[Amount]) -> Vec<String> {
    let fen: Vec<u128> = parts.iter().map(|a| a.fen()).collect();
    let total: u128 = fen.iter().sum();
    let mut tenths: Vec<u128> = fen.iter().map(|f| f * 1000 / total).collect();
    let mut order: Vec<usize> = (0..fen.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(fen[i] * 1000 % total));
    let missing = 1000 - tenths.iter().sum::<u128>();
    for &i in order.iter().take(missing as usize) {
        tenths[i] += 1;
    }
    tenths
        .iter()
        .map(|t| format!("{}.{}", t / 10, t % 10))
        .collect()
}

/// The total of a functional 类 over the lines `keep` accepts.
fn class_total(b: &DepartmentBudget, class: u32, keep: &dyn Fn(&Line) -> bool) -> Amount {
    let code = FunctionalCode::new(class).unwrap();
    b.by_functional(Level::Class, keep)
        .get(&code)
        .map_or(Amount::ZERO, KindTotals::total)
}

const ITEM_PRIOR_GAP: &str = "the prior-year 项 figures the narrative implies (上年执行数) add up to \
     5,356.83 万元, 382.65 short of the prior-year 一般公共预算当年拨款 5,739.48 it also implies (the \
     项 without 2026 money are not named); the model requires prior-year 项 to add up to that \
     total, so the budget holds the total only";

/// （一）–（三）: totals, income by source, spending by class and kind, with their changes.
fn narrative_totals(b: &DepartmentBudget, n: &mut Narrative, t: &mut Tally) {
    let yoy = b.year_on_year();
    let prior = Amount::checked_sum(yoy.income.iter().map(|(_, c)| c.prior)).unwrap();
    // 收入 = 支出 in both years (收支平衡), so the spending comparison is the income one.
    let whole = Comparison {
        current: b.total(),
        prior,
    };
    let (change, rate) = change_words(&whole);
    t.text(
        "收支总预算",
        money(&n.number("收支总预算")),
        Some(wan(b.total())),
        "",
    );
    for side in ["收入", "支出"] {
        let label = format!("{side}预算");
        t.text(
            &label,
            money(&n.number(&format!("2026年{side}预算"))),
            Some(wan(b.total())),
            "",
        );
        t.text(
            &format!("{label} 比上年"),
            n.change("比上年执行数"),
            Some(change.clone()),
            "",
        );
        t.text(&format!("{label} 增长率"), n.rate(), Some(rate.clone()), "");
        if side == "收入" {
            let gpb = b.fund_type_total(FundType::GeneralPublicBudget, false);
            let other = b.source_total(FundingSource::OtherIncome);
            let s = shares(&[gpb, other]);
            t.text(
                "一般公共预算拨款收入",
                money(&n.number("一般公共预算拨款收入")),
                Some(wan(gpb)),
                "",
            );
            t.text(
                "一般公共预算拨款收入 占",
                n.number("占"),
                Some(s[0].clone()),
                "",
            );
            t.text(
                "其他收入",
                money(&n.number("其他收入")),
                Some(wan(other)),
                "",
            );
            t.text("其他收入 占", n.number("占"), Some(s[1].clone()), "");
        }
    }
    for (name, class) in [
        ("科学技术支出", 206),
        ("社会保障和就业支出", 208),
        ("卫生健康支出", 210),
        ("自然资源海洋气象等支出", 220),
    ] {
        t.text(
            name,
            money(&n.number(name)),
            Some(wan(class_total(b, class, &|_| true))),
            "",
        );
    }
    let k = b.kind_totals();
    let s = shares(&[k.personnel, k.operating, k.project]);
    for (i, (name, amount)) in [
        ("人员支出", k.personnel),
        ("日常公用支出", k.operating),
        ("项目支出", k.project),
    ]
    .into_iter()
    .enumerate()
    {
        t.text(name, money(&n.number(name)), Some(wan(amount)), "");
        t.text(
            &format!("{name} 占"),
            n.number("占"),
            Some(s[i].clone()),
            "",
        );
    }
    t.text(
        "年终结转结余",
        money(&n.number("年终结转结余")),
        Some(wan(Amount::ZERO)),
        "",
    );
}

/// （四）–（六）: 财政拨款, 一般公共预算当年拨款 by class and 项, 基本支出.
fn narrative_general_budget(b: &DepartmentBudget, n: &mut Narrative, t: &mut Tally) {
    let fiscal = |l: &Line| l.source().is_fiscal();
    t.text(
        "财政拨款收支总预算",
        money(&n.number("财政拨款收支总预算")),
        Some(wan(b.sum_where(fiscal))),
        "",
    );
    let gpb = b.fund_type_total(FundType::GeneralPublicBudget, false);
    t.text(
        "财政拨款 一般公共预算收入",
        money(&n.number("一般公共预算收入")),
        Some(wan(gpb)),
        "",
    );
    let classes = [
        ("科学技术", 206),
        ("社会保障和就业", 208),
        ("卫生健康", 210),
        ("自然资源海洋气象等", 220),
    ];
    for (name, class) in classes {
        let label = format!("财政拨款 {name}支出");
        t.text(
            &label,
            money(&n.number(&format!("{name}支出"))),
            Some(wan(class_total(b, class, &fiscal))),
            "",
        );
    }
    let current = b.general_budget_current();
    t.text(
        "一般公共预算当年拨款",
        money(&n.number("2026年一般公共预算当年拨款")),
        Some(wan(current.total())),
        "",
    );
    let yoy = b.year_on_year();
    let general: Vec<&Comparison> = yoy
        .income
        .iter()
        .filter(|(s, _)| {
            matches!(
                s,
                FundingSource::GeneralBudgetOwn | FundingSource::GeneralBudgetTransfer
            )
        })
        .map(|(_, c)| c)
        .collect();
    let general = Comparison {
        current: Amount::checked_sum(general.iter().map(|c| c.current)).unwrap(),
        prior: Amount::checked_sum(general.iter().map(|c| c.prior)).unwrap(),
    };
    let (change, rate) = change_words(&general);
    t.text(
        "一般公共预算当年拨款 比上年",
        n.change("比上年执行数"),
        Some(change),
        "",
    );
    t.text("一般公共预算当年拨款 增长率", n.rate(), Some(rate), "");
    let amounts: Vec<Amount> = classes
        .iter()
        .map(|&(_, c)| class_total(b, c, &general_current))
        .collect();
    let s = shares(&amounts);
    for (i, (name, _)) in classes.iter().enumerate() {
        let label = format!("{name}（类）支出");
        t.text(&label, money(&n.number(&label)), Some(wan(amounts[i])), "");
        t.text(
            &format!("{label} 占"),
            n.number("占"),
            Some(s[i].clone()),
            "",
        );
    }
    narrative_items(b, n, t);
    let basic = |l: &Line| general_current(l) && l.kind().is_basic();
    let k = b.kind_totals_where(basic);
    t.text(
        "一般公共预算基本支出",
        money(&n.number("2026年一般公共预算基本支出")),
        Some(wan(k.basic())),
        "",
    );
    t.text(
        "基本支出 人员支出",
        money(&n.number("人员支出")),
        Some(wan(k.personnel)),
        "",
    );
    t.text(
        "基本支出 日常公用支出",
        money(&n.number("日常公用支出")),
        Some(wan(k.operating)),
        "",
    );
}

/// （五）3: each 项 of 一般公共预算当年拨款, with its change on the prior year.
fn narrative_items(b: &DepartmentBudget, n: &mut Narrative, t: &mut Tally) {
    let items = [
        ("科学技术支出", "技术研究与开发", "科技成果转化与扩散"),
        (
            "社会保障和就业支出",
            "行政事业单位养老支出",
            "行政单位离退休",
        ),
        (
            "社会保障和就业支出",
            "行政事业单位养老支出",
            "机关事业单位基本养老保险缴费支出",
        ),
        (
            "社会保障和就业支出",
            "行政事业单位养老支出",
            "机关事业单位职业年金缴费支出",
        ),
        ("卫生健康支出", "行政事业单位医疗", "行政单位医疗"),
        ("卫生健康支出", "行政事业单位医疗", "事业单位医疗"),
        ("自然资源海洋气象等支出", "气象事务", "行政运行"),
        ("自然资源海洋气象等支出", "气象事务", "气象事业机构"),
        ("自然资源海洋气象等支出", "气象事务", "气象服务"),
    ];
    let by_item = b.by_functional(Level::Item, general_current);
    let prior = b.year_on_year().general_budget_by_item;
    for (class, section, item) in items {
        let mut context: Vec<FunctionalCode> = Vec::new();
        let code = [class, section, item]
            .into_iter()
            .map(|name| code_of(&mut context, name))
            .last()
            .unwrap();
        let label = format!("{item}（项）");
        let amount = by_item.get(&code).map_or(Amount::ZERO, KindTotals::total);
        t.text(
            &label,
            money(&n.number(&format!("{section}（款）{label}"))),
            Some(wan(amount)),
            "",
        );
        let cmp = prior
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, c)| change_words(c));
        let printed = n.change("比上年执行数");
        t.text(
            &format!("{label} 比上年"),
            printed,
            cmp.clone().map(|c| c.0),
            ITEM_PRIOR_GAP,
        );
        t.text(
            &format!("{label} 增长率"),
            n.rate(),
            cmp.map(|c| c.1),
            ITEM_PRIOR_GAP,
        );
    }
}

/// （七）: "三公"经费 and their comparison with the prior year's budget.
fn narrative_three_public(b: &DepartmentBudget, n: &mut Narrative, t: &mut Tally) {
    let (now, prior) = b
        .year_on_year()
        .three_public
        .expect("prior-year 三公 given");
    let flat = |a: Amount, p: Amount| {
        Comparison {
            current: a,
            prior: p,
        }
        .direction()
        .to_string()
    };
    let same = ["持平", "增加", "减少"];
    let total = now.total().unwrap();
    t.text(
        "“三公”经费",
        money(&n.number("“三公”经费预算数为")),
        Some(wan(total)),
        "",
    );
    let d = flat(total, prior.total().unwrap());
    t.text(
        "“三公”经费 与上年预算数",
        n.word("与上年预算数", &same),
        Some(d),
        "",
    );
    t.text(
        "公务接待费",
        money(&n.number("安排公务接待费预算")),
        Some(wan(now.reception)),
        "",
    );
    let d = flat(now.reception, prior.reception);
    t.text(
        "公务接待费 与上年预算数",
        n.word("与上年预算数", &same),
        Some(d),
        "",
    );
    let vehicles = now.vehicles().unwrap();
    let label = "公务用车购置及运行维护费";
    t.text(
        label,
        money(&n.number(&format!("安排{label}预算"))),
        Some(wan(vehicles)),
        "",
    );
    let d = flat(vehicles, prior.vehicles().unwrap());
    t.text(
        &format!("{label} 与上年预算数"),
        n.word("与上年预算数", &same),
        Some(d),
        "",
    );
    t.text(
        "公务用车购置支出",
        money(&n.number("公务用车购置支出")),
        Some(wan(now.vehicle_purchase)),
        "",
    );
    t.text(
        "经批准购置的公务用车 辆",
        n.number("经批准购置的"),
        None,
        VEHICLE_KIND_GAP,
    );
    let d = flat(now.vehicle_purchase, prior.vehicle_purchase);
    t.text(
        "公务用车购置 与上年预算数",
        n.word("与上年预算数", &same),
        Some(d),
        "",
    );
    let label = "公务用车运行维护费支出";
    t.text(
        label,
        money(&n.number(label)),
        Some(wan(now.vehicle_operation)),
        "",
    );
    let d = flat(now.vehicle_operation, prior.vehicle_operation);
    t.text(
        "公务用车运行维护费 与上年预算数",
        n.word("与上年预算数", &same),
        Some(d),
        "",
    );
}

const VEHICLE_KIND_GAP: &str =
    "the model holds planned vehicle purchases as one count, not by kind";

/// （十）: 政府采购, 国有资产, 预算绩效, 委托业务费.
fn narrative_other_matters(b: &DepartmentBudget, n: &mut Narrative, t: &mut Tally) {
    let p = b.procurement().expect("procurement declared");
    let stated = p.stated_total.unwrap();
    assert_eq!(Some(stated), p.total());
    t.text(
        "政府采购预算总额",
        money(&n.number("政府采购预算总额")),
        Some(wan(stated)),
        "",
    );
    for (name, amount) in [("货物", p.goods), ("工程", p.works), ("服务", p.services)] {
        let anchor = format!("政府采购{name}预算");
        t.text(&anchor, money(&n.number(&anchor)), Some(wan(amount)), "");
    }
    let a = b.assets().expect("assets declared");
    let count = |k: VehicleKind| {
        a.vehicles
            .iter()
            .filter(|v| v.kind == k)
            .map(|v| v.count)
            .sum::<u32>()
            .to_string()
    };
    let kinds = [
        ("一般公务用车", VehicleKind::General),
        ("执法执勤用车", VehicleKind::LawEnforcement),
        ("特种专业技术用车", VehicleKind::SpecialPurpose),
        ("其他用车", VehicleKind::Other),
    ];
    t.text(
        "共有车辆",
        n.number("本部门共有车辆"),
        Some(a.vehicle_count().to_string()),
        "",
    );
    for (name, kind) in kinds {
        t.text(
            &format!("共有{name}"),
            n.number(name),
            Some(count(kind)),
            "",
        );
    }
    let over_1m = a.equipment_over_1m.to_string();
    t.text("100 万元以上设备", n.number("以上设备"), Some(over_1m), "");
    let planned = a.planned_vehicle_purchases.to_string();
    t.text("安排购置车辆", n.number("安排购置车辆"), Some(planned), "");
    for (name, _) in kinds {
        t.text(
            &format!("安排购置{name}"),
            n.number(name),
            None,
            VEHICLE_KIND_GAP,
        );
    }
    let planned = a.planned_equipment_over_1m.to_string();
    t.text(
        "安排购置 100 万元以上设备",
        n.number("以上设备"),
        Some(planned),
        "",
    );
    let projects = b.projects().count().to_string();
    t.text("一级项目 个", n.number("共计"), Some(projects), "");
    let project = b.kind_totals().project;
    t.text(
        "绩效 涉及资金",
        money(&n.number("涉及资金")),
        Some(wan(project)),
        "",
    );
    let entrusted = b.entrusted_business_total();
    let label = "委托业务费财政拨款预算总额";
    t.text(label, money(&n.number(label)), Some(wan(entrusted)), "");
}

#[test]
fn narrative_headline_figures() {
    let b = budget();
    let mut n = Narrative::new();
    let mut t = Tally::new("情况说明");
    narrative_totals(&b, &mut n, &mut t);
    narrative_general_budget(&b, &mut n, &mut t);
    narrative_three_public(&b, &mut n, &mut t);
    narrative_other_matters(&b, &mut n, &mut t);
    // Model gaps: the nine 项 compared with the prior year, and planned purchases by kind.
    let mut gaps: Vec<String> = Vec::new();
    for item in [
        "科技成果转化与扩散",
        "行政单位离退休",
        "机关事业单位基本养老保险缴费支出",
        "机关事业单位职业年金缴费支出",
        "行政单位医疗",
        "事业单位医疗",
        "行政运行",
        "气象事业机构",
        "气象服务",
    ] {
        gaps.push(format!("{item}（项） 比上年"));
        gaps.push(format!("{item}（项） 增长率"));
    }
    gaps.push("经批准购置的公务用车 辆".to_string());
    for kind in [
        "一般公务用车",
        "执法执勤用车",
        "特种专业技术用车",
        "其他用车",
    ] {
        gaps.push(format!("安排购置{kind}"));
    }
    let gaps: Vec<&str> = gaps.iter().map(String::as_str).collect();
    t.assert(76, 99, &gaps);
}
