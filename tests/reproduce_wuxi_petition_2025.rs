//! 无锡市信访局 2025 年度部门预算 (Jiangsu's 13-table template) rebuilt from
//! `examples/data/wuxi_petition_2025.json`: every money cell of the thirteen published tables and
//! the narrative's headline figures, compared with what the budget's views derive.
//!
//! The published figures are read from `tests/data/disclosures/15_wuxi_petition_bureau_2025_dept`
//! (`.grid.txt` for the ruled tables, `.txt` for the narrative and for the two table rows the grid
//! extractor missed at a page break) and parsed with `Amount::parse_in(text, Unit::WanYuan)`; a
//! blank cell is a published zero. A cell the model cannot express is counted as published,
//! not compared, and named with its reason. `cargo test --test reproduce_wuxi_petition_2025 --
//! --nocapture` prints every table's matched / published count and each unmatched cell.

use rust_decimal::Decimal;
use yusuan::amount::{Change, Direction, Ratio};
use yusuan::budget::{Comparison, DepartmentBudget, KindTotals, Line, SpendingKind, VehicleKind};
use yusuan::classification::{Catalogue, Level};
use yusuan::funding::{FundType, IncomeLabel};
use yusuan::{Amount, EconomicCode, FunctionalCode, FundingSource, Unit};

mod common;
use common::squeeze;

const JSON: &str = include_str!("../examples/data/wuxi_petition_2025.json");
const GRID: &str = include_str!("data/disclosures/15_wuxi_petition_bureau_2025_dept.grid.txt");
const TEXT: &str = include_str!("data/disclosures/15_wuxi_petition_bureau_2025_dept.txt");

/// The subordinate unit of 表2's row 113002.
const CENTER: &str = "无锡市人民来访接待中心";

fn budget() -> DepartmentBudget {
    serde_json::from_str(JSON).expect("the Wuxi budget builds")
}

// ---------------------------------------------------------------------------------------------
// Comparing one published cell with the budget.

/// What the budget derives for a published cell.
enum Expect {
    /// An amount, printed in 万元 with two decimals (blank for zero).
    Money(Amount),
    /// A change, printed as its magnitude after the direction word.
    Change(Change, Direction),
    /// A percentage (magnitude); `None` when the base is zero.
    Rate(Option<Ratio>),
    /// A count (vehicles, projects, pieces of equipment).
    Count(u64),
    /// Not expressible in the budget model: the reason.
    Gap(&'static str),
}

/// Matched / published cells of one table, with each unmatched cell named.
struct Tally {
    table: &'static str,
    published: usize,
    matched: usize,
    /// (reason, cells): the cells the model cannot express, by reason.
    gaps: Vec<(&'static str, Vec<String>)>,
    mismatches: Vec<String>,
}

impl Tally {
    fn new(table: &'static str) -> Tally {
        Tally {
            table,
            published: 0,
            matched: 0,
            gaps: Vec::new(),
            mismatches: Vec::new(),
        }
    }

    fn cell(&mut self, label: impl Into<String>, printed: &str, expect: Expect) {
        let label = label.into();
        self.published += 1;
        let printed = printed.trim();
        let (ok, derived) = match expect {
            Expect::Gap(why) => {
                let cell = format!("{label} [{printed}]");
                match self.gaps.iter_mut().find(|(w, _)| *w == why) {
                    Some((_, cells)) => cells.push(cell),
                    None => self.gaps.push((why, vec![cell])),
                }
                return;
            }
            Expect::Money(a) => {
                let derived = a.display_in(Unit::WanYuan);
                (printed_wan(printed) == derived, derived.to_string())
            }
            Expect::Change(c, d) => {
                let derived = c.magnitude().display_in(Unit::WanYuan);
                let same_way = c.direction() == d || c.magnitude().is_zero();
                (
                    printed_wan(printed) == derived && same_way,
                    format!("{} {derived}", c.direction()),
                )
            }
            Expect::Rate(r) => {
                let derived = r.and_then(|r| r.percent(2)).map(|d| d.abs());
                let ok = derived == Some(printed.parse::<Decimal>().expect(printed));
                (ok, format!("{derived:?}%"))
            }
            Expect::Count(n) => (printed.parse::<u64>().ok() == Some(n), n.to_string()),
        };
        if ok {
            self.matched += 1;
        } else {
            self.mismatches
                .push(format!("{label}: printed {printed:?}, derived {derived}"));
        }
    }

    /// Prints the count and every unmatched cell; asserts the counts this reproduction reaches.
    fn finish(self, matched: usize, published: usize) {
        println!(
            "{}: {}/{} cells matched",
            self.table, self.matched, self.published
        );
        let mut gaps = 0;
        for (why, cells) in &self.gaps {
            println!(
                "  not expressible ({} cells): {why}\n    {}",
                cells.len(),
                cells.join("; ")
            );
            gaps += cells.len();
        }
        for m in &self.mismatches {
            println!("  MISMATCH: {m}");
        }
        assert!(
            self.mismatches.is_empty(),
            "{}: {:?}",
            self.table,
            self.mismatches
        );
        assert_eq!(
            (self.matched, self.published, gaps),
            (matched, published, published - matched),
            "{}",
            self.table
        );
    }
}

/// A printed 万元 figure as a decimal (blank is zero), through the crate's one parser.
fn printed_wan(text: &str) -> Decimal {
    if text.is_empty() {
        return Decimal::ZERO;
    }
    Amount::parse_in(text, Unit::WanYuan)
        .unwrap_or_else(|e| panic!("{text:?}: {e}"))
        .to_unit(Unit::WanYuan)
}

// ---------------------------------------------------------------------------------------------
// Reading the published document.

/// The rows of the first ruled table on page `page` of the grid file, cells trimmed.
fn grid(page: u32) -> Vec<Vec<String>> {
    let marker = format!("===== [page {page} table 1:");
    let start = GRID.find(&marker).unwrap_or_else(|| panic!("page {page}"));
    GRID[start..]
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with("====="))
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(" | ").map(|c| c.trim().to_string()).collect())
        .collect()
}

/// A table row the grid extractor missed (the first row of a continuation page), read from the
/// `.txt` page: its cells (`.txt` drops blank cells) placed into the columns `cols` of a row
/// `width` wide.
fn text_row(page: u32, code: &str, cols: &[usize], width: usize) -> Vec<String> {
    let marker = format!("===== [page {page}] =====");
    let start = TEXT.find(&marker).unwrap_or_else(|| panic!("page {page}"));
    let line = TEXT[start..]
        .lines()
        .find(|l| l.starts_with(&format!("{code} | ")))
        .unwrap_or_else(|| panic!("{code} on page {page}"));
    let cells: Vec<&str> = line.split(" | ").collect();
    assert_eq!(cells.len(), 2 + cols.len(), "{line}");
    let mut row = vec![String::new(); width];
    row[0] = cells[0].to_string();
    row[1] = cells[1].to_string();
    for (&c, v) in cols.iter().zip(&cells[2..]) {
        row[c] = v.to_string();
    }
    row
}

/// A label without its numbering (`二十、`, `（九)`): the class name.
fn strip_numbering(label: &str) -> String {
    let s = squeeze(label);
    if let Some(rest) = s.strip_prefix('（') {
        return rest
            .split_once('）')
            .map_or(s.clone(), |(_, r)| r.to_string());
    }
    match s.split_once('、') {
        Some((n, rest)) if n.chars().all(|c| "一二三四五六七八九十".contains(c)) => {
            rest.to_string()
        }
        _ => s,
    }
}

/// The functional 类 a printed class name stands for.
fn class_named(name: &str) -> Option<FunctionalCode> {
    Catalogue::builtin()
        .entries_of::<FunctionalCode>()
        .find(|(c, n)| c.level() == Level::Class && *n == name)
        .map(|(c, _)| c)
}

// ---------------------------------------------------------------------------------------------
// Derived figures shared by several tables.

/// 年终结转结余 of the lines `source` accepts: declared income (control figures and carry-over
/// items) minus the spending of those lines.
fn year_end_balance(b: &DepartmentBudget, source: fn(FundingSource) -> bool) -> Amount {
    let mut declared = Amount::ZERO;
    for (s, a) in b.control_figures() {
        if source(*s) {
            declared = declared.checked_add(*a).unwrap();
        }
    }
    for (_, item) in b.carry_overs() {
        if source(item.fund.source()) {
            declared = declared.checked_add(item.amount).unwrap();
        }
    }
    declared
        .checked_sub(b.sum_where(|l| source(l.source())))
        .expect("spending within the declared income")
}

/// An income label's amount over the lines `scope` accepts; `carry` for the labels under
/// 上年结转 (a fund type there means its carry-over).
fn income(
    b: &DepartmentBudget,
    label: IncomeLabel,
    carry: bool,
    scope: fn(&Line) -> bool,
) -> Amount {
    match label {
        IncomeLabel::Source(s) => b.sum_where(|l| scope(l) && l.source() == s),
        IncomeLabel::FundType(t) => b.sum_where(|l| {
            scope(l) && l.source().fund_type() == Some(t) && l.source().is_carry_over() == carry
        }),
        IncomeLabel::Group(g) => b.sum_where(|l| scope(l) && l.source().group() == g),
        IncomeLabel::CurrentYearTotal => b.sum_where(|l| scope(l) && !l.source().is_carry_over()),
        IncomeLabel::CarryOverTotal => b.sum_where(|l| scope(l) && l.source().is_carry_over()),
        IncomeLabel::GrandTotal => b.sum_where(scope),
        other => panic!("unexpected income label {other:?}"),
    }
}

/// A two-sided summary table (表1, 表4): income labels on the left, functional 类 and totals on
/// the right, over the lines `scope` accepts.
fn summary_table(
    t: &mut Tally,
    b: &DepartmentBudget,
    rows: &[Vec<String>],
    scope: fn(&Line) -> bool,
    source: fn(FundingSource) -> bool,
) {
    let by_class = b.by_functional(Level::Class, scope);
    let mut carry = false;
    for row in rows {
        let (left, right) = (&row[0], &row[2]);
        if !left.is_empty() && !matches!(left.as_str(), "收入" | "项目") {
            let label = IncomeLabel::parse(left).unwrap_or_else(|e| panic!("{e}"));
            carry |= label == IncomeLabel::CarryOverTotal;
            let carry_here = carry && label != IncomeLabel::GrandTotal;
            let a = income(b, label, carry_here, scope);
            t.cell(left.clone(), &row[1], Expect::Money(a));
        }
        if right.is_empty() || matches!(right.as_str(), "支出" | "项目") {
            continue;
        }
        let name = strip_numbering(right);
        let expect = match name.as_str() {
            "本年支出合计" | "本年支出" => b.kind_totals_where(scope).total(),
            "年终结转结余" => year_end_balance(b, source),
            "支出总计" => b.sum_where(scope),
            _ => {
                let code = class_named(&name).unwrap_or_else(|| panic!("class {name}"));
                by_class.get(&code).map_or(Amount::ZERO, KindTotals::total)
            }
        };
        t.cell(right.clone(), &row[3], Expect::Money(expect));
    }
}

/// A column of a functional or economic table.
enum Column {
    /// A total by kind.
    Kind(fn(&KindTotals) -> Amount),
    /// Not expressible: the reason.
    Gap(&'static str),
}

const NO_SUCH_SPENDING: &str = "the model has no 事业单位经营支出, 上缴上级支出 or 对附属单位补助支出 \
     (a budget's lines are 基本支出 or 项目支出)";

/// A table with a code (or 合计) in its first cell and the given money columns: `by_code` gives a
/// code's totals, `total` the 合计 row's.
fn coded_table<C: Copy + Ord + std::str::FromStr>(
    t: &mut Tally,
    rows: &[Vec<String>],
    columns: &[(usize, &str, Column)],
    by_code: impl Fn(C) -> KindTotals,
    total: KindTotals,
) where
    <C as std::str::FromStr>::Err: std::fmt::Debug,
{
    for row in rows {
        let key = row[0].as_str();
        let totals = if key == "合计" {
            total
        } else if key.len() >= 3 && key.bytes().all(|c| c.is_ascii_digit()) {
            by_code(key.parse::<C>().unwrap())
        } else {
            continue;
        };
        for (col, name, column) in columns {
            let printed = row.get(*col).map_or("", String::as_str);
            let expect = match column {
                Column::Kind(f) => Expect::Money(f(&totals)),
                Column::Gap(why) => Expect::Gap(why),
            };
            t.cell(format!("{key} {name}"), printed, expect);
        }
    }
}

fn functional_table(
    t: &mut Tally,
    b: &DepartmentBudget,
    rows: &[Vec<String>],
    columns: &[(usize, &str, Column)],
    keep: fn(&Line) -> bool,
) {
    let by = |code: FunctionalCode| {
        b.by_functional(code.level(), keep)
            .get(&code)
            .copied()
            .unwrap_or_default()
    };
    coded_table(t, rows, columns, by, b.kind_totals_where(keep));
}

fn economic_table(
    t: &mut Tally,
    b: &DepartmentBudget,
    rows: &[Vec<String>],
    columns: &[(usize, &str, Column)],
    keep: &dyn Fn(&Line) -> bool,
) {
    let by = |code: EconomicCode| {
        b.by_economic(code.level(), keep)
            .get(&code)
            .copied()
            .unwrap_or_default()
    };
    coded_table(t, rows, columns, by, b.kind_totals_where(keep));
}

fn fiscal(l: &Line) -> bool {
    l.source().is_fiscal()
}

fn general_budget(l: &Line) -> bool {
    l.source().fund_type() == Some(FundType::GeneralPublicBudget) && !l.source().is_carry_over()
}

const TOTAL: fn(&KindTotals) -> Amount = KindTotals::total;
const BASIC: fn(&KindTotals) -> Amount = KindTotals::basic;
const PERSONNEL: fn(&KindTotals) -> Amount = |t| t.personnel;
const OPERATING: fn(&KindTotals) -> Amount = |t| t.operating;
const PROJECT: fn(&KindTotals) -> Amount = |t| t.project;

/// The columns of 表5 and 表7: 合计, 基本支出 (小计, 人员经费, 公用经费), 项目支出.
fn functional_kind_columns() -> [(usize, &'static str, Column); 5] {
    [
        (2, "合计", Column::Kind(TOTAL)),
        (3, "基本支出小计", Column::Kind(BASIC)),
        (4, "人员经费", Column::Kind(PERSONNEL)),
        (5, "公用经费", Column::Kind(OPERATING)),
        (6, "项目支出", Column::Kind(PROJECT)),
    ]
}

/// The columns of 表6 and 表8: 合计, 人员经费, 公用经费 of 基本支出.
fn economic_kind_columns() -> [(usize, &'static str, Column); 3] {
    [
        (2, "合计", Column::Kind(BASIC)),
        (3, "人员经费", Column::Kind(PERSONNEL)),
        (4, "公用经费", Column::Kind(OPERATING)),
    ]
}

// ---------------------------------------------------------------------------------------------
// The thirteen tables.

#[test]
fn table01_income_and_expenditure_summary() {
    let b = budget();
    let rows = grid(10);
    assert_eq!(rows[0][0], "收入");
    let mut t = Tally::new("公开01表 收支总表");
    summary_table(&mut t, &b, &rows[2..], |_| true, |_| true);
    t.finish(45, 45);
}

/// A column of 表2: its header (the two header rows joined) and the lines it adds up.
type IncomeColumn = (usize, &'static str, Result<fn(&Line) -> bool, &'static str>);

fn table02_columns() -> Vec<IncomeColumn> {
    let carry_gap = "the model has one 非财政拨款结转结余 source; it does not tell carried-over \
                     财政专户管理资金 from carried-over 单位资金";
    vec![
        (2, "合计", Ok(|_| true)),
        (3, "本年收入小计", Ok(|l| !l.source().is_carry_over())),
        (4, "一般公共预算", Ok(general_budget)),
        (
            5,
            "政府性基金预算",
            Ok(|l| {
                l.source().fund_type() == Some(FundType::GovernmentFund)
                    && !l.source().is_carry_over()
            }),
        ),
        (
            6,
            "国有资本经营预算",
            Ok(|l| {
                l.source().fund_type() == Some(FundType::StateCapital)
                    && !l.source().is_carry_over()
            }),
        ),
        (
            7,
            "财政专户管理资金",
            Ok(|l| l.source() == FundingSource::FiscalSpecialAccount),
        ),
        (
            8,
            "事业收入",
            Ok(|l| l.source() == FundingSource::ServiceRevenue),
        ),
        (
            9,
            "事业单位经营收入",
            Ok(|l| l.source() == FundingSource::BusinessRevenue),
        ),
        (
            10,
            "上级补助收入",
            Ok(|l| l.source() == FundingSource::SuperiorSubsidy),
        ),
        (
            11,
            "附属单位上缴收入",
            Ok(|l| l.source() == FundingSource::SubordinateRemittance),
        ),
        (
            12,
            "其他收入",
            Ok(|l| l.source() == FundingSource::OtherIncome),
        ),
        (13, "上年结转结余小计", Ok(|l| l.source().is_carry_over())),
        (
            14,
            "一般公共预算",
            Ok(|l| l.source() == FundingSource::GeneralBudgetCarryOver),
        ),
        (
            15,
            "政府性基金预算",
            Ok(|l| l.source() == FundingSource::GovernmentFundCarryOver),
        ),
        (
            16,
            "国有资本经营预算",
            Ok(|l| l.source() == FundingSource::StateCapitalCarryOver),
        ),
        (17, "财政专户管理资金", Err(carry_gap)),
        (18, "单位资金", Err(carry_gap)),
    ]
}

#[test]
fn table02_income_by_unit_and_source() {
    let b = budget();
    let rows = grid(11);
    let columns = table02_columns();
    for (col, header, _) in &columns {
        let printed = squeeze(&format!("{}{}", rows[3][*col], rows[4][*col]));
        assert!(
            printed.ends_with(header),
            "表2 column {col}: {printed} is not {header}"
        );
    }
    let unit_name = |l: &Line| l.unit().map(|u| b.unit(u).unwrap().name.clone());
    let mut t = Tally::new("公开02表 收入总表");
    for row in &rows[5..] {
        let (code, name) = (row[0].as_str(), row[1].as_str());
        // 合计 and 113 (the department): every line; 113001 （本级）: the department's own lines;
        // 113002: the unit of that name.
        let owner: Option<Option<String>> = if code == "合计" || name == b.department().name {
            None
        } else if name.ends_with("（本级）") {
            Some(None)
        } else {
            assert!(b.units().iter().any(|u| u.name == name), "{name}");
            Some(Some(name.to_string()))
        };
        for (col, header, keep) in &columns {
            let label = format!("{code} {name} {header}");
            let expect =
                match keep {
                    Ok(keep) => Expect::Money(b.sum_where(|l| {
                        keep(l) && owner.as_ref().is_none_or(|o| *o == unit_name(l))
                    })),
                    Err(why) => Expect::Gap(why),
                };
            t.cell(label, &row[*col], expect);
        }
    }
    // 113002's name is the unit in the JSON.
    assert_eq!(b.units()[0].name, CENTER);
    t.finish(4 * 15, 4 * 17);
}

#[test]
fn table03_expenditure_by_functional_code() {
    let b = budget();
    let mut rows = grid(12);
    // 2210203 购房补贴 opens page 13, which the grid extractor did not see as a table: `.txt`
    // page 13 prints "2210203 | 购房补贴 | 130.02 | 130.02", i.e. 合计 and 基本支出.
    rows.push(text_row(13, "2210203", &[2, 3], 8));
    let columns = [
        (2, "合计", Column::Kind(TOTAL)),
        (3, "基本支出", Column::Kind(BASIC)),
        (4, "项目支出", Column::Kind(PROJECT)),
        (5, "事业单位经营支出", Column::Gap(NO_SUCH_SPENDING)),
        (6, "上缴上级支出", Column::Gap(NO_SUCH_SPENDING)),
        (7, "对附属单位补助支出", Column::Gap(NO_SUCH_SPENDING)),
    ];
    let mut t = Tally::new("公开03表 支出总表");
    functional_table(&mut t, &b, &rows, &columns, |_| true);
    t.finish(19 * 3, 19 * 6);
}

#[test]
fn table04_fiscal_summary() {
    let b = budget();
    let mut rows = grid(14);
    rows.extend(grid(15));
    let mut t = Tally::new("公开04表 财政拨款收支总表");
    summary_table(&mut t, &b, &rows[2..], fiscal, FundingSource::is_fiscal);
    t.finish(42, 42);
}

#[test]
fn table05_fiscal_expenditure_by_functional_code() {
    let b = budget();
    let mut rows = grid(16);
    // `.txt` page 17: "2210203 | 购房补贴 | 130.02 | 130.02 | 130.02" (合计, 基本支出小计, 人员经费).
    rows.push(text_row(17, "2210203", &[2, 3, 4], 7));
    let mut t = Tally::new("公开05表 财政拨款支出表（功能科目）");
    functional_table(&mut t, &b, &rows, &functional_kind_columns(), fiscal);
    t.finish(19 * 5, 19 * 5);
}

#[test]
fn table06_fiscal_basic_by_economic_code() {
    let b = budget();
    let mut t = Tally::new("公开06表 财政拨款基本支出表（经济科目）");
    let keep = |l: &Line| l.kind().is_basic() && fiscal(l);
    economic_table(&mut t, &b, &grid(18), &economic_kind_columns(), &keep);
    t.finish(22 * 3, 22 * 3);
}

#[test]
fn table07_general_budget_by_functional_code() {
    let b = budget();
    let mut t = Tally::new("公开07表 一般公共预算支出表");
    functional_table(
        &mut t,
        &b,
        &grid(19),
        &functional_kind_columns(),
        general_budget,
    );
    t.finish(19 * 5, 19 * 5);
}

#[test]
fn table08_general_budget_basic_by_economic_code() {
    let b = budget();
    let mut t = Tally::new("公开08表 一般公共预算基本支出表");
    let keep = |l: &Line| l.kind().is_basic() && general_budget(l);
    economic_table(&mut t, &b, &grid(20), &economic_kind_columns(), &keep);
    t.finish(22 * 3, 22 * 3);
}

#[test]
fn table09_three_public_meetings_and_training() {
    let b = budget();
    let rows = grid(21);
    assert_eq!(rows[0][0], "“三公”经费合计");
    let cells = &rows[2];
    let three = b.three_public();
    let by_code = |code: u32| b.sum_where(|l| general_budget(l) && l.economic().as_u32() == code);
    let expected = [
        ("“三公”经费合计", three.total().unwrap()),
        ("因公出国（境）费", three.abroad),
        ("公务用车购置及运行维护费小计", three.vehicles().unwrap()),
        ("公务用车购置费", three.vehicle_purchase),
        ("公务用车运行维护费", three.vehicle_operation),
        ("公务接待费", three.reception),
        ("会议费 (30215)", by_code(30215)),
        ("培训费 (30216)", by_code(30216)),
    ];
    let mut t = Tally::new("公开09表 一般公共预算“三公”经费、会议费、培训费支出表");
    for ((label, a), printed) in expected.into_iter().zip(cells) {
        t.cell(label, printed, Expect::Money(a));
    }
    t.finish(8, 8);
}

/// 表10 and 表11: empty tables whose 合计 row prints three blank cells.
#[test]
fn tables10_and_11_empty_fund_tables() {
    let b = budget();
    for (page, name, fund, cols) in [
        (
            22,
            "公开10表 政府性基金预算支出表",
            FundType::GovernmentFund,
            [2, 3, 5],
        ),
        (
            23,
            "公开11表 国有资本经营预算支出预算表",
            FundType::StateCapital,
            [3, 4, 5],
        ),
    ] {
        let rows = grid(page);
        let total = rows
            .iter()
            .find(|r| {
                r.contains(&"合计".to_string()) && r.iter().all(|c| c.is_empty() || c == "合计")
            })
            .unwrap();
        let k = b.kind_totals_where(|l| l.source().fund_type() == Some(fund));
        let mut t = Tally::new(name);
        for (col, (label, a)) in cols.into_iter().zip([
            ("合计", k.total()),
            ("基本支出", k.basic()),
            ("项目支出", k.project),
        ]) {
            t.cell(format!("合计 {label}"), &total[col], Expect::Money(a));
        }
        t.finish(3, 3);
        let note = if fund == FundType::GovernmentFund {
            "注：本部门无政府性基金预算，也没有使用政府性基金安排的支出，故本表无数据。"
        } else {
            "注：本部门无国有资本经营预算支出，故本表无数据。"
        };
        assert!(TEXT.contains(note));
    }
}

#[test]
fn table12_organ_runnings() {
    let b = budget();
    let organ = |l: &Line| {
        l.kind() == SpendingKind::OPERATING
            && l.source().fund_type() == Some(FundType::GeneralPublicBudget)
            && match l.unit() {
                None => b.department().unit_kind.is_organ_like(),
                Some(u) => b.unit(u).is_some_and(|u| u.unit_kind.is_organ_like()),
            }
    };
    assert_eq!(b.sum_where(organ), b.organ_running());
    let columns = [(2, "机关运行经费支出", Column::Kind(OPERATING))];
    let mut t = Tally::new("公开12表 一般公共预算机关运行经费支出预算表");
    economic_table(&mut t, &b, &grid(24), &columns, &organ);
    t.finish(9, 9);
}

#[test]
fn table13_procurement() {
    let b = budget();
    let rows = grid(25);
    let p = b.procurement().unwrap();
    let no_split =
        "the model's 政府采购预算 holds 货物/工程/服务 totals, not their funding sources";
    let no_rows = "the model's 政府采购预算 holds no per-unit or per-item procurement rows";
    let headers = [
        "一般公共预算资金",
        "政府性基金",
        "其他资金",
        "上年结转和结余资金",
        "总计",
    ];
    for (col, h) in (5..).zip(headers) {
        assert_eq!(
            squeeze(&format!("{}{}", rows[3][col], rows[4][col])).replace("资金来源", ""),
            h
        );
    }
    let mut t = Tally::new("公开13表 政府采购支出表");
    for row in &rows[5..] {
        let name = squeeze(&format!("{}{}", row[0], row[1]));
        let total = match name.as_str() {
            "合计" => Some(p.total().unwrap()),
            "服务" => Some(p.services),
            _ => None,
        };
        for (col, h) in (5..).zip(headers) {
            let expect = match (total, h) {
                (Some(a), "总计") => Expect::Money(a),
                (Some(_), _) => Expect::Gap(no_split),
                (None, _) => Expect::Gap(no_rows),
            };
            t.cell(format!("{name} {h}"), &row[col], expect);
        }
    }
    t.finish(2, 25);
    // Not counted (the model has no procurement rows), but the leaf lines were chosen to agree:
    // each item row's project spends at least the printed amount on its 经济科目 物业管理费
    // (30209) from the general budget, in 本级.
    for row in &rows[8..] {
        let project = squeeze(&row[1]);
        let (id, _) = b
            .projects()
            .find(|(_, p)| p.name == project)
            .expect(&project);
        assert_eq!(row[2], "物业管理费");
        let spent = b.sum_where(|l| {
            l.kind() == SpendingKind::Project(id)
                && l.economic().as_u32() == 30209
                && general_budget(l)
                && l.unit().is_none()
        });
        assert!(
            spent.display_in(Unit::WanYuan) >= printed_wan(&row[5]),
            "{project}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The narrative (第三部分 情况说明): its headline figures, read in order.

/// The 情况说明 as one string: page furniture (running header, page numbers, page markers)
/// dropped, whitespace removed.
fn narrative() -> String {
    let start = TEXT.find("===== [page 26] =====").unwrap();
    let end = TEXT.find("第四部分 名词解释\n一、").unwrap();
    let kept: String = TEXT[start..end]
        .lines()
        .filter(|l| {
            let furniture = l.starts_with("=====")
                || l.starts_with("无锡市信访局2025 年度部门预算公开")
                || (l.starts_with("- ") && l.ends_with(" -"));
            !furniture
        })
        .collect();
    squeeze(&kept)
}

/// Reads the narrative's figures in order: each marker's next occurrence that a number follows.
struct Reader {
    text: String,
    pos: usize,
}

impl Reader {
    fn figure(&mut self, marker: &str) -> String {
        loop {
            let at = self.text[self.pos..]
                .find(marker)
                .unwrap_or_else(|| panic!("no figure after {marker:?} past byte {}", self.pos));
            let from = self.pos + at + marker.len();
            let number: String = self.text[from..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
                .collect();
            self.pos = from + number.len();
            if !number.is_empty() {
                return number;
            }
        }
    }
}

/// The narrative's figures in order: the marker before each, and what the budget derives.
fn narrative_figures(b: &DepartmentBudget) -> Vec<(&'static str, Expect)> {
    let mut out = Vec::new();
    overview_figures(b, &mut out);
    income_and_spending_figures(b, &mut out);
    item_figures(b, &mut out);
    other_figures(b, &mut out);
    out
}

/// A comparison of the budget's total over `sources` with the prior year's income from them.
fn income_comparison(b: &DepartmentBudget, source: fn(FundingSource) -> bool) -> Comparison {
    let yoy = b.year_on_year();
    let sum = |f: fn(&Comparison) -> Amount| {
        Amount::checked_sum(
            yoy.income
                .iter()
                .filter(|(s, _)| source(*s))
                .map(|(_, c)| f(c)),
        )
        .unwrap()
    };
    Comparison {
        current: sum(|c| c.current),
        prior: sum(|c| c.prior),
    }
}

const NO_PRIOR_BY_CLASS: &str = "the model holds prior-year figures by 项 for the general budget \
     only; this change of a 类 over all funds needs where last year's 其他收入 was spent";

/// 一、收支预算总体情况说明.
fn overview_figures(b: &DepartmentBudget, out: &mut Vec<(&'static str, Expect)>) {
    use Expect::*;
    use FundingSource as S;
    let all = income_comparison(b, |_| true);
    let general = income_comparison(b, |s| s == S::GeneralBudgetOwn);
    let other = income_comparison(b, |s| s == S::OtherIncome);
    let class = |code: &str| {
        let code: FunctionalCode = code.parse().unwrap();
        Money(b.by_functional(Level::Class, |_| true)[&code].total())
    };
    out.extend([
        ("收入、支出预算总计", Money(b.total())),
        (
            "收、支预算总计各增加",
            Change(all.change(), Direction::Increase),
        ),
        ("增长", Rate(all.growth())),
        ("收入预算总计", Money(b.total())),
        ("本年收入合计", Money(b.current_year_total())),
        ("一般公共预算拨款收入", Money(general.current)),
        ("增加", Change(general.change(), Direction::Increase)),
        ("增长", Rate(general.growth())),
        (
            "政府性基金预算拨款收入",
            Money(b.fund_type_total(FundType::GovernmentFund, false)),
        ),
        (
            "国有资本经营预算拨款收入",
            Money(b.fund_type_total(FundType::StateCapital, false)),
        ),
        (
            "财政专户管理资金收入",
            Money(b.source_total(S::FiscalSpecialAccount)),
        ),
        ("事业收入", Money(b.source_total(S::ServiceRevenue))),
        (
            "事业单位经营收入",
            Money(b.source_total(S::BusinessRevenue)),
        ),
        ("上级补助收入", Money(b.source_total(S::SuperiorSubsidy))),
        (
            "附属单位上缴收入",
            Money(b.source_total(S::SubordinateRemittance)),
        ),
        ("其他收入", Money(other.current)),
        ("上年结转结余为", Money(b.carry_over_total())),
        ("支出预算总计", Money(b.total())),
        ("本年支出合计", Money(b.kind_totals().total())),
        ("一般公共服务支出（类）支出", class("201")),
        ("增加", Gap(NO_PRIOR_BY_CLASS)),
        ("增长", Gap(NO_PRIOR_BY_CLASS)),
        ("社会保障和就业支出（类）支出", class("208")),
        ("增加", Gap(NO_PRIOR_BY_CLASS)),
        ("增长", Gap(NO_PRIOR_BY_CLASS)),
        ("卫生健康支出（类）支出", class("210")),
        ("增加", Gap(NO_PRIOR_BY_CLASS)),
        ("增长", Gap(NO_PRIOR_BY_CLASS)),
        ("住房保障支出（类）支出", class("221")),
        ("增加", Gap(NO_PRIOR_BY_CLASS)),
        ("增长", Gap(NO_PRIOR_BY_CLASS)),
        ("年终结转结余为", Money(year_end_balance(b, |_| true))),
    ]);
    // "与上年预算数相同" for 其他收入 and the sources without money.
    assert!(other.change().magnitude().is_zero());
}

const NO_OTHER_SPENDING: &str =
    "the model has no 事业单位经营支出, 上缴上级支出 or 对附属单位补助支出";
const NO_CARRY_SPLIT: &str =
    "the model has one 非财政拨款结转结余 source, not 财政专户管理资金 and 单位资金 apart";

/// 二、收入 to 五、财政拨款支出: amounts and their shares.
fn income_and_spending_figures(b: &DepartmentBudget, out: &mut Vec<(&'static str, Expect)>) {
    use Expect::*;
    use FundingSource as S;
    let total = b.total();
    let share = |a: Amount| Rate(a.share_of(total));
    let money_and_share = |a: Amount| [Money(a), share(a)];
    let k = b.kind_totals();
    let fiscal_now = b.sum_where(fiscal);
    let fiscal_cmp = income_comparison(b, FundingSource::is_fiscal);
    let sources: [(&'static str, Amount); 12] = [
        (
            "本年一般公共预算收入",
            b.fund_type_total(FundType::GeneralPublicBudget, false),
        ),
        (
            "本年政府性基金预算收入",
            b.fund_type_total(FundType::GovernmentFund, false),
        ),
        (
            "本年国有资本经营预算收入",
            b.fund_type_total(FundType::StateCapital, false),
        ),
        (
            "本年财政专户管理资金",
            b.source_total(S::FiscalSpecialAccount),
        ),
        ("本年事业收入", b.source_total(S::ServiceRevenue)),
        ("本年事业单位经营收入", b.source_total(S::BusinessRevenue)),
        ("本年上级补助收入", b.source_total(S::SuperiorSubsidy)),
        (
            "本年附属单位上缴收入",
            b.source_total(S::SubordinateRemittance),
        ),
        ("本年其他收入", b.source_total(S::OtherIncome)),
        (
            "上年结转结余的一般公共预算收入",
            b.source_total(S::GeneralBudgetCarryOver),
        ),
        (
            "上年结转结余的政府性基金预算收入",
            b.source_total(S::GovernmentFundCarryOver),
        ),
        (
            "上年结转结余的国有资本经营预算收入",
            b.source_total(S::StateCapitalCarryOver),
        ),
    ];
    out.extend([
        ("收入预算合计", Money(total)),
        ("包括本年收入", Money(b.current_year_total())),
        ("上年结转结余", Money(b.carry_over_total())),
    ]);
    for (marker, a) in sources {
        let [m, s] = money_and_share(a);
        out.extend([(marker, m), ("占", s)]);
    }
    for marker in ["上年结转结余的财政专户管理资金", "上年结转结余的单位资金"]
    {
        out.extend([(marker, Gap(NO_CARRY_SPLIT)), ("占", Gap(NO_CARRY_SPLIT))]);
    }
    out.extend([
        ("支出预算合计", Money(total)),
        ("基本支出", Money(k.basic())),
        ("占", share(k.basic())),
        ("项目支出", Money(k.project)),
        ("占", share(k.project)),
    ]);
    for marker in ["事业单位经营支出", "上缴上级支出", "对附属单位补助支出"]
    {
        out.extend([
            (marker, Gap(NO_OTHER_SPENDING)),
            ("占", Gap(NO_OTHER_SPENDING)),
        ]);
    }
    out.extend([
        ("财政拨款收、支总预算", Money(fiscal_now)),
        (
            "财政拨款收、支总计各增加",
            Change(fiscal_cmp.change(), Direction::Increase),
        ),
        ("增长", Rate(fiscal_cmp.growth())),
        ("财政拨款预算支出", Money(fiscal_now)),
        ("占本年支出合计的", Rate(fiscal_now.share_of(k.total()))),
        (
            "财政拨款支出增加",
            Change(fiscal_cmp.change(), Direction::Increase),
        ),
        ("增长", Rate(fiscal_cmp.growth())),
    ]);
}

/// 五（续）: the nine 项 of the general budget against the prior year.
fn item_figures(b: &DepartmentBudget, out: &mut Vec<(&'static str, Expect)>) {
    use Expect::*;
    let yoy = b.year_on_year();
    let item = |code: &str| {
        let code: FunctionalCode = code.parse().unwrap();
        yoy.general_budget_by_item
            .iter()
            .find(|(c, _)| *c == code)
            .unwrap()
            .1
    };
    let items: [(&'static str, &str, &'static str, Direction, &'static str); 9] = [
        (
            "1.政府办公厅（室）及相关机构事务（款）行政运行（项）支出",
            "2010301",
            "增加",
            Direction::Increase,
            "增长",
        ),
        (
            "2.信访事务（款）行政运行（项）支出",
            "2014001",
            "增加",
            Direction::Increase,
            "",
        ),
        (
            "3.信访事务（款）信访业务（项）支出",
            "2014004",
            "减少",
            Direction::Decrease,
            "减少",
        ),
        (
            "机关事业单位基本养老保险缴费支出（项）支出",
            "2080505",
            "增加",
            Direction::Increase,
            "增长",
        ),
        (
            "机关事业单位职业年金缴费支出（项）支出",
            "2080506",
            "增加",
            Direction::Increase,
            "增长",
        ),
        (
            "行政单位医疗（项）支出",
            "2101101",
            "增加",
            Direction::Increase,
            "增长",
        ),
        (
            "住房公积金（项）支出",
            "2210201",
            "增加",
            Direction::Increase,
            "增长",
        ),
        (
            "提租补贴（项）支出",
            "2210202",
            "增加",
            Direction::Increase,
            "增长",
        ),
        (
            "购房补贴（项）支出",
            "2210203",
            "减少",
            Direction::Decrease,
            "减少",
        ),
    ];
    for (marker, code, word, direction, rate_word) in items {
        let c = item(code);
        out.extend([
            (marker, Money(c.current)),
            (word, Change(c.change(), direction)),
        ]);
        if rate_word.is_empty() {
            // "（去年预算数为0 万元，无法计算增减比率）"
            assert!(c.growth().is_none());
            out.push(("去年预算数为", Money(c.prior)));
        } else {
            out.push((rate_word, Rate(c.growth())));
        }
    }
}

/// 六 to 十五: 基本支出, 三公, 会议费/培训费, the fund budgets, 机关运行经费, procurement, assets
/// and the performance-management summary.
fn other_figures(b: &DepartmentBudget, out: &mut Vec<(&'static str, Expect)>) {
    use Expect::*;
    let no_prior_meetings = "the model holds no prior-year 会议费 or 培训费";
    let no_vehicle_kind =
        "the model's 车辆类别 has no such kind (一般公务用车, 执法执勤, 特种专业技术, 其他 only)";
    let yoy = b.year_on_year();
    let fiscal_basic = b.kind_totals_where(|l| l.kind().is_basic() && fiscal(l));
    let general_basic = b.kind_totals_where(|l| l.kind().is_basic() && general_budget(l));
    let general = income_comparison(b, |s| s == FundingSource::GeneralBudgetOwn);
    let (three, prior_three) = yoy.three_public.unwrap();
    let three_total = three.total().unwrap();
    let by_code = |code: u32| b.sum_where(|l| general_budget(l) && l.economic().as_u32() == code);
    let organ = yoy.organ_running.unwrap();
    let p = b.procurement().unwrap();
    let assets = b.assets().unwrap();
    let vehicles = |k: VehicleKind| {
        Count(
            assets
                .vehicles
                .iter()
                .filter(|v| v.kind == k)
                .map(|v| u64::from(v.count))
                .sum(),
        )
    };
    out.extend([
        ("财政拨款基本支出预算", Money(fiscal_basic.basic())),
        ("人员经费", Money(fiscal_basic.personnel)),
        ("公用经费", Money(fiscal_basic.operating)),
        ("一般公共预算财政拨款支出预算", Money(general.current)),
        ("增加", Change(general.change(), Direction::Increase)),
        ("增长", Rate(general.growth())),
        ("一般公共预算财政拨款基本支出预算", Money(general_basic.basic())),
        ("人员经费", Money(general_basic.personnel)),
        ("公用经费", Money(general_basic.operating)),
        ("“三公”经费支出预算", Money(three_total)),
        ("因公出国（境）费支出", Money(three.abroad)),
        ("占“三公”经费的", Rate(three.abroad.share_of(three_total))),
        ("公务用车购置及运行维护费支出", Money(three.vehicles().unwrap())),
        ("占“三公”经费的", Rate(three.vehicles().unwrap().share_of(three_total))),
        ("公务接待费支出", Money(three.reception)),
        ("占“三公”经费的", Rate(three.reception.share_of(three_total))),
        ("因公出国（境）费预算支出", Money(three.abroad)),
        ("公务用车购置及运行维护费预算支出", Money(three.vehicles().unwrap())),
        ("公务用车购置预算支出", Money(three.vehicle_purchase)),
        ("公务用车运行维护费预算支出", Money(three.vehicle_operation)),
        ("公务接待费预算支出", Money(three.reception)),
        ("会议费预算支出", Money(by_code(30215))),
        ("比上年预算减少", Gap(no_prior_meetings)),
        ("培训费预算支出", Money(by_code(30216))),
        ("比上年预算减少", Gap(no_prior_meetings)),
        ("政府性基金支出预算支出", Money(b.fund_type_total(FundType::GovernmentFund, true))),
        ("年国有资本经营预算支出", Money(b.fund_type_total(FundType::StateCapital, true))),
        ("机关运行经费预算支出", Money(organ.current)),
        ("减少", Change(organ.change(), Direction::Decrease)),
        ("减少", Rate(organ.growth())),
        ("政府采购支出预算总额", Money(p.total().unwrap())),
        ("拟采购货物支出", Money(p.goods)),
        ("拟采购工程支出", Money(p.works)),
        ("拟采购服务支出", Money(p.services)),
        ("本部门共有车辆", Count(u64::from(assets.vehicle_count()))),
        ("副部（省）级及以上领导用车", Gap(no_vehicle_kind)),
        ("主要领导干部用车", Gap(no_vehicle_kind)),
        ("机要通信用车", Gap(no_vehicle_kind)),
        ("应急保障用车", Gap(no_vehicle_kind)),
        ("执法执勤用车", vehicles(VehicleKind::LawEnforcement)),
        ("特种专业技术用车", vehicles(VehicleKind::SpecialPurpose)),
        ("离退休干部用车", Gap(no_vehicle_kind)),
        ("其他用车", vehicles(VehicleKind::Other)),
        ("以上的设备", Count(u64::from(assets.equipment_over_1m))),
        ("涉及财政性资金", Money(b.sum_where(fiscal))),
        ("本部门共", Count(b.projects().count() as u64)),
        // The narrative calls the projects' 1,175.65 万元 财政性资金; it includes 144.00 万元 of
        // 其他收入 (表3 项目支出 1,175.65 against 表5 1,031.65).
        ("涉及财政性资金合计", Money(b.kind_totals().project)),
        (
            "总额的比例为",
            Gap("the base (财政性资金 less 人员类 and 运转类公用经费 projects) is not a model figure"),
        ),
    ]);
    // "与上年预算数相同": this year's 三公 equal last year's, item by item.
    assert_eq!(three, prior_three);
}

#[test]
fn narrative_headline_figures() {
    let b = budget();
    let mut reader = Reader {
        text: narrative(),
        pos: 0,
    };
    let mut t = Tally::new("第三部分 情况说明");
    for (marker, expect) in narrative_figures(&b) {
        let printed = reader.figure(marker);
        t.cell(marker, &printed, expect);
    }
    t.finish(130, 156);
}

#[test]
fn the_budget_is_valid_and_round_trips() {
    let b = budget();
    b.check_invariants().unwrap();
    assert_eq!(b.department().year, 2025);
    let again: DepartmentBudget =
        serde_json::from_str(&serde_json::to_string(&b).unwrap()).unwrap();
    assert_eq!(again, b);
}
