//! 福州市民政局（本级） 2026 年度单位预算 (Fujian template) rebuilt from
//! `examples/data/fuzhou_civil_affairs_2026.json`: every money cell of the ten published tables
//! and of the project target tables (read from
//! `tests/data/disclosures/23_fuzhou_civil_affairs_2026_unit.grid.txt`) and the narrative's
//! figures (from the `.txt` of the same document) are compared with the figure the budget's
//! views derive from its lines.
//!
//! Rows are recognised by their printed code (functional or economic, through the catalogue) or
//! label (income labels, 类 names through the catalogue's tree), columns by their printed
//! header; never by a figure. Each table keeps a tally of printed money cells matched; blank
//! cells must be zero in the model. Cells the model cannot express are named with the reason;
//! see `examples/data/fuzhou_civil_affairs_2026.md`.

use yusuan::budget::{DepartmentBudget, Line, SpendingKind};
use yusuan::classification::{Catalogue, EconomicCode, FunctionalCode};
use yusuan::funding::{FundType, FundingSource};
use yusuan::{Amount, Unit};

mod common;
use common::squeeze;

const JSON: &str = include_str!("../examples/data/fuzhou_civil_affairs_2026.json");
const GRID: &str = include_str!("data/disclosures/23_fuzhou_civil_affairs_2026_unit.grid.txt");
const TEXT: &str = include_str!("data/disclosures/23_fuzhou_civil_affairs_2026_unit.txt");

/// Which lines a row or column adds up.
type Filter = Box<dyn Fn(&Line) -> bool>;

fn budget() -> DepartmentBudget {
    serde_json::from_str(JSON).expect("the Fuzhou budget builds")
}

fn wan(a: Amount) -> String {
    a.display_in(Unit::WanYuan).to_string()
}

/// The ruled tables printed on `page`, each its rows of trimmed cells.
fn grids(page: u32) -> Vec<Vec<Vec<String>>> {
    common::page_tables(GRID, page)
}

fn grid(page: u32) -> Vec<Vec<String>> {
    grids(page).swap_remove(0)
}

/// Matched / published money cells of one table, and what did not match.
#[derive(Default)]
struct Tally {
    published: usize,
    matched: usize,
    blank: usize,
    unmatched: Vec<String>,
}

impl Tally {
    /// A money cell in 万元: `printed` (maybe blank) against the model's `computed`.
    fn money(&mut self, at: &str, printed: &str, computed: Amount) {
        if printed.is_empty() {
            assert!(computed.is_zero(), "{at}: blank, model {}", wan(computed));
            self.blank += 1;
            return;
        }
        self.published += 1;
        let p = Amount::parse_in(printed, Unit::WanYuan).unwrap_or_else(|e| panic!("{at}: {e}"));
        if p == computed {
            self.matched += 1;
        } else {
            self.unmatched
                .push(format!("{at}: printed {printed}, model {}", wan(computed)));
        }
    }

    /// A published money cell the model cannot express, for the reason `gap`.
    fn gap(&mut self, at: &str, printed: &str, gap: &str) {
        if !printed.is_empty() {
            self.published += 1;
            self.unmatched
                .push(format!("{at}: printed {printed}; {gap}"));
        }
    }

    fn report(&self, name: &str) -> (usize, usize) {
        eprintln!(
            "{name}: {}/{} printed money cells matched, {} blank cells zero",
            self.matched, self.published, self.blank
        );
        for u in &self.unmatched {
            eprintln!("  unmatched: {u}");
        }
        (self.matched, self.published)
    }
}

fn catalogue() -> &'static Catalogue {
    Catalogue::builtin()
}

fn is_fund(l: &Line, fund: FundType) -> bool {
    l.source().fund_type() == Some(fund)
}

/// The income filter of a printed income label (表一, 表四 left side; 表二 header).
fn income(label: &str) -> Filter {
    let label = squeeze(label);
    let stem = label
        .split_once('、')
        .map_or(label.as_str(), |(_, s)| s)
        .to_string();
    use FundingSource as S;
    let sources: &[FundingSource] = match stem.as_str() {
        "一般公共预算拨款收入" => {
            return Box::new(|l| is_fund(l, FundType::GeneralPublicBudget));
        }
        "政府性基金预算拨款收入" => {
            return Box::new(|l| is_fund(l, FundType::GovernmentFund));
        }
        "国有资本经营预算拨款收入" => {
            return Box::new(|l| is_fund(l, FundType::StateCapital));
        }
        "财政专户管理资金收入" => &[S::FiscalSpecialAccount],
        "事业收入" => &[S::ServiceRevenue],
        "事业单位经营收入" => &[S::BusinessRevenue],
        "上级补助收入" => &[S::SuperiorSubsidy],
        "附属单位上缴收入" => &[S::SubordinateRemittance],
        "其他收入" => &[S::OtherIncome],
        "上年结转结余" => &[S::NonFiscalCarryOver],
        "本年收入合计" => return Box::new(|l| l.source() != S::NonFiscalCarryOver),
        "收入合计" | "合计" => return Box::new(|_| true),
        other => panic!("income label {other:?}"),
    };
    let sources = sources.to_vec();
    Box::new(move |l| sources.contains(&l.source()))
}

/// The 类 of a printed spending label (`八、社会保障和就业支出`), by the catalogue's name.
fn class(label: &str) -> Filter {
    let label = squeeze(label);
    let name = label.split_once('、').map_or(label.as_str(), |(_, s)| s);
    let class: FunctionalCode = catalogue()
        .find_child(None, name)
        .unwrap_or_else(|| panic!("no 类 named {name:?}"))
        .code;
    Box::new(move |l| l.functional().class() == class)
}

/// The lines under a printed functional code (类, 款 or 项).
fn functional(code: &str) -> Filter {
    let code = code.to_string();
    FunctionalCode::parse(&code).unwrap_or_else(|e| panic!("{code}: {e}"));
    Box::new(move |l| l.functional().to_string().starts_with(&code))
}

/// The lines under a printed economic code (类 or 款).
fn economic(code: &str) -> Filter {
    let code = code.to_string();
    EconomicCode::parse(&code).unwrap_or_else(|e| panic!("{code}: {e}"));
    Box::new(move |l| l.economic().to_string().starts_with(&code))
}

fn sum(b: &DepartmentBudget, a: &Filter, c: &Filter) -> Amount {
    b.sum_where(|l| a(l) && c(l))
}

// ---------------------------------------------------------------------------------------------
// The tables.

/// 表一 and 表四: income rows on the left, 类 rows on the right; `scope` the table's lines.
fn two_sided(page: u32, scope: Filter) -> Tally {
    let b = budget();
    let mut t = Tally::default();
    for (i, row) in grid(page).iter().enumerate().skip(2) {
        let at = |side| format!("p{page} row {} {side}", i + 1);
        if !row[0].is_empty() {
            t.money(&at("left"), &row[1], sum(&b, &scope, &income(&row[0])));
        }
        let right = squeeze(&row[2]);
        let filter: Filter = match right.as_str() {
            "本年支出合计" | "支出合计" => Box::new(|_| true),
            // a budget plans no spending for the next year
            "结转下年支出" => Box::new(|_| false),
            _ => class(&right),
        };
        t.money(&at("right"), &row[3], sum(&b, &scope, &filter));
    }
    t
}

/// 表二: one row per unit (合计, then the unit), one column per income source.
fn income_by_unit() -> Tally {
    let b = budget();
    let g = grid(13);
    let mut t = Tally::default();
    for (i, row) in g.iter().enumerate().skip(1) {
        for (k, cell) in row.iter().enumerate().skip(1) {
            let column = income(&g[0][k]);
            t.money(
                &format!("p13 row {} col {k}", i + 1),
                cell,
                b.sum_where(&column),
            );
        }
    }
    t
}

/// The column filter of a spending header (表三, 表五 to 表七).
fn spending(header: &str) -> Filter {
    match squeeze(header).as_str() {
        "合计" | "小计" => Box::new(|_| true),
        "基本支出" => Box::new(|l| l.kind().is_basic()),
        "项目支出" => Box::new(|l| matches!(l.kind(), SpendingKind::Project(_))),
        // not in the model: a budget line is 基本 or 项目 支出
        "事业单位经营支出" | "上缴上级支出" | "对附属单位补助支出" => {
            Box::new(|_| false)
        }
        other => panic!("spending column {other:?}"),
    }
}

/// 表三, 表五, 表六, 表七: functional rows (合计, 类, 款, 项) by spending columns.
fn functional_table(page: u32, header: &[&str], scope: Filter) -> Tally {
    let b = budget();
    let mut t = Tally::default();
    let g = grid(page);
    let start = g.iter().position(|r| r[0] == "合计").expect("a 合计 row");
    for (i, row) in g.iter().enumerate().skip(start) {
        let rows: Filter = if row[0] == "合计" {
            Box::new(|_| true)
        } else {
            functional(&row[0])
        };
        for (k, h) in header.iter().enumerate() {
            let cell = &row[k + 2];
            let c = spending(h);
            let v = b.sum_where(|l| scope(l) && rows(l) && c(l));
            t.money(&format!("p{page} row {} {h}", i + 1), cell, v);
        }
    }
    t
}

/// 表八 and 表九: economic rows (合计, 类, 款), one 预算数 column; continued over `pages`.
fn economic_table(pages: &[u32], scope: Filter) -> Tally {
    let b = budget();
    let mut t = Tally::default();
    for &page in pages {
        for (i, row) in grid(page).iter().enumerate() {
            if row[0] == "科目编码" {
                continue;
            }
            let rows: Filter = if row[0] == "合计" {
                Box::new(|_| true)
            } else {
                economic(&row[0])
            };
            let cell = row.get(2).map_or("", String::as_str);
            t.money(
                &format!("p{page} row {} {}", i + 1, row[0]),
                cell,
                sum(&b, &scope, &rows),
            );
        }
    }
    t
}

fn general_budget() -> Filter {
    Box::new(|l| is_fund(l, FundType::GeneralPublicBudget))
}

/// 表十: the "三公" rows, by their economic 款.
fn three_public() -> Tally {
    let b = budget();
    let mut t = Tally::default();
    for (i, row) in grid(23).iter().enumerate().skip(1) {
        let codes: &[&str] = match squeeze(&row[0]).as_str() {
            "合计" => &["30212", "30217", "30231", "31013", "30913"],
            "1、因公出国（境）费用" => &["30212"],
            "2、公务接待费" => &["30217"],
            "3、公务用车购置及运行费" => &["30231", "31013", "30913"],
            "其中：（1）公务用车购置费" => &["31013", "30913"],
            "（2）公务用车运行费" => &["30231"],
            other => panic!("三公 row {other:?}"),
        };
        let v = b.sum_where(|l| {
            l.source().is_fiscal() && codes.contains(&l.economic().to_string().as_str())
        });
        t.money(&format!("p23 row {}", i + 1), &row[1], v);
    }
    t
}

/// The project target tables: 资金总额, 财政拨款, 其他资金 of each, against the project's lines
/// (by its printed name); projects the unit's budget does not hold are gaps.
fn project_targets() -> (Tally, Vec<String>) {
    let b = budget();
    let mut t = Tally::default();
    let mut outside = Vec::new();
    for page in 28..=52 {
        for g in grids(page) {
            let Some(name) = g
                .iter()
                .find(|r| squeeze(&r[0]) == "项目名称")
                .map(|r| squeeze(&r[1]))
            else {
                continue; // page 28's second grid: the indicators only
            };
            let project = b
                .projects()
                .find(|(_, p)| squeeze(&p.name) == name)
                .map(|(id, _)| id);
            for row in &g {
                let label = squeeze(&row[1]);
                let filter: Filter = match label.as_str() {
                    "资金总额" => Box::new(|_| true),
                    "财政拨款" => Box::new(|l| l.source().is_fiscal()),
                    "其他资金" => Box::new(|l| !l.source().is_fiscal()),
                    _ => continue,
                };
                let printed = row
                    .iter()
                    .skip(2)
                    .find(|c| !c.is_empty())
                    .map_or("", String::as_str);
                let at = format!("p{page} {name} {label}");
                match project {
                    Some(id) => t.money(
                        &at,
                        printed,
                        b.sum_where(|l| l.kind().project() == Some(id) && filter(l)),
                    ),
                    None => t.gap(
                        &at,
                        printed,
                        "not in the unit's budget: a transfer managed by the bureau, budgeted elsewhere",
                    ),
                }
            }
            if project.is_none() && !outside.contains(&name) {
                outside.push(name);
            }
        }
    }
    (t, outside)
}

#[test]
fn every_money_cell_of_the_ten_tables_matches_the_publication() {
    let fiscal: Filter = Box::new(|l| l.source().is_fiscal());
    let all = || -> Filter { Box::new(|_| true) };
    let tables: Vec<(&str, Tally, (usize, usize))> = vec![
        ("表一 收支预算总表", two_sided(12, all()), (11, 11)),
        ("表二 收入预算总表", income_by_unit(), (15, 15)),
        (
            "表三 支出预算总表",
            functional_table(
                14,
                &[
                    "合计",
                    "基本支出",
                    "项目支出",
                    "事业单位经营支出",
                    "上缴上级支出",
                    "对附属单位补助支出",
                ],
                all(),
            ),
            (41, 41),
        ),
        ("表四 财政拨款收支预算总表", two_sided(15, fiscal), (7, 7)),
        (
            "表五 一般公共预算拨款支出预算表",
            functional_table(16, &["小计", "基本支出", "项目支出"], general_budget()),
            (32, 32),
        ),
        (
            "表六 政府性基金预算拨款支出预算表",
            functional_table(
                17,
                &["小计", "基本支出", "项目支出"],
                Box::new(|l| is_fund(l, FundType::GovernmentFund)),
            ),
            (9, 9),
        ),
        (
            "表七 国有资本经营预算拨款支出预算表",
            functional_table(
                18,
                &["小计", "基本支出", "项目支出"],
                Box::new(|l| is_fund(l, FundType::StateCapital)),
            ),
            (3, 3),
        ),
        (
            "表八 一般公共预算支出经济分类情况表",
            economic_table(&[19], general_budget()),
            (5, 5),
        ),
        (
            "表九 一般公共预算基本支出经济分类情况表",
            economic_table(
                &[20, 21, 22],
                Box::new(|l| is_fund(l, FundType::GeneralPublicBudget) && l.kind().is_basic()),
            ),
            (23, 23),
        ),
        (
            "表十 一般公共预算“三公”经费支出预算表",
            three_public(),
            (6, 6),
        ),
    ];
    let (mut matched, mut published) = (0, 0);
    for (name, tally, expected) in &tables {
        let got = tally.report(name);
        assert_eq!(got, *expected, "{name}: {:#?}", tally.unmatched);
        matched += got.0;
        published += got.1;
    }
    eprintln!("福州市民政局(本级) 2026, tables: {matched}/{published} money cells");
    assert_eq!((matched, published), (152, 152));
}

#[test]
fn the_project_target_tables_of_the_units_own_projects_match() {
    let (tally, outside) = project_targets();
    let (matched, published) = tally.report("项目支出绩效目标表 (资金总额 / 财政拨款 / 其他资金)");
    // 25 tables (e福州 printed twice) of 24 projects, 3 amounts each: the 9 projects of the
    // unit's 798.28 万元 of 项目支出 (10 tables, e福州 twice) match; the 15 others are
    // transfers the bureau manages for the city, outside this unit's budget.
    assert_eq!((matched, published), (30, 75), "{:#?}", tally.unmatched);
    assert_eq!(outside.len(), 15, "{outside:#?}");
    assert!(outside.iter().any(|n| n == "市级困难群众救助补助金"));
}

/// A figure printed in the narrative: the number after `before` (squeezed text).
fn narrative_figure(before: &str) -> Amount {
    // the 情况说明: from page 25 on
    let text = squeeze(&TEXT[TEXT.find("===== [page 25]").expect("page 25")..]);
    let at = text
        .find(&squeeze(before))
        .unwrap_or_else(|| panic!("{before:?} not in the text"))
        + squeeze(before).len();
    let digits: String = text[at..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    Amount::parse_in(&digits, Unit::WanYuan).unwrap_or_else(|e| panic!("{before}: {digits}: {e}"))
}

#[test]
fn the_narratives_figures_follow_from_the_budget() {
    let b = budget();
    let k = b.kind_totals();
    let gb = b.general_budget_current();
    let tp = b.three_public();
    let yoy = b.year_on_year();
    let general = b.fund_type_total(FundType::GeneralPublicBudget, true);
    let fund = b.fund_type_total(FundType::GovernmentFund, true);
    let checks: Vec<(&str, Amount)> = vec![
        ("收入预算为", b.total()),
        ("其中：一般公共预算拨款收入", general),
        ("政府性基金预算拨款收入", fund),
        ("上年结转结余", b.carry_over_total()),
        ("相应安排支出预算", b.total()),
        ("其中：基本支出", k.basic()),
        ("项目支出", k.project),
        ("2026年度一般公共预算拨款支出", general),
        (
            "2080201-行政运行",
            b.sum_where(|l| l.functional().to_string() == "2080201"),
        ),
        (
            "2080299-其他民政管理事务支出",
            b.sum_where(|l| general_budget()(l) && l.functional().to_string() == "2080299"),
        ),
        ("2296002-用于社会福利的彩票公益金支出", fund),
        ("2026年度政府性基金预算支出", fund),
        ("2026年度一般公共预算拨款基本支出", gb.basic()),
        ("（一）人员经费", gb.personnel),
        ("（二）公用经费", gb.operating),
        ("（一）因公出国（境）经费2026年预算安排", tp.abroad),
        ("（二）公务接待费2026年预算安排", tp.reception),
        (
            "（三）公务用车购置及运行费2026年预算安排",
            tp.vehicles().expect("no overflow"),
        ),
        ("其中：公务用车运行费", tp.vehicle_operation),
        ("公务用车购置费", tp.vehicle_purchase),
        ("机关运行经费支出", b.organ_running()),
        ("委托业务费预算总额", b.entrusted_business_total()),
    ];
    for (before, model) in &checks {
        assert_eq!(narrative_figure(before), *model, "{before}");
    }
    // the changes: 收入 and 支出 +61.71 (+2.82%), 一般公共预算 +61.71 (+2.96%), 机关运行经费
    // +15.51 (+16.53%); 政府性基金 and the "三公" items 与上年持平
    let prior_income = b
        .prior_year()
        .income
        .values()
        .copied()
        .try_fold(Amount::ZERO, |a, x| a.checked_add(x))
        .expect("no overflow");
    let total = yusuan::budget::Comparison {
        current: b.total(),
        prior: prior_income,
    };
    assert_eq!(
        total.change().magnitude(),
        narrative_figure("收入预算为2249.92万元，比上年增加")
    );
    assert_eq!(
        total
            .growth()
            .and_then(|r| r.percent(2))
            .map(|d| d.to_string())
            .as_deref(),
        Some("2.82")
    );
    let gb = yoy
        .income
        .iter()
        .find(|(s, _)| *s == FundingSource::GeneralBudgetOwn)
        .expect("一般公共预算")
        .1;
    assert_eq!(
        gb.change().magnitude(),
        narrative_figure("一般公共预算拨款支出2144.92万元，比上年增加")
    );
    assert_eq!(
        gb.growth()
            .and_then(|r| r.percent(2))
            .map(|d| d.to_string())
            .as_deref(),
        Some("2.96")
    );
    let gf = yoy
        .income
        .iter()
        .find(|(s, _)| *s == FundingSource::GovernmentFundOwn)
        .expect("政府性基金")
        .1;
    assert!(gf.change().magnitude().is_zero(), "政府性基金 与上年持平");
    let org = yoy.organ_running.expect("the prior 机关运行经费");
    assert_eq!(
        org.change().magnitude(),
        narrative_figure("机关运行经费支出109.35万元，比上年增加")
    );
    assert_eq!(
        org.growth()
            .and_then(|r| r.percent(2))
            .map(|d| d.to_string())
            .as_deref(),
        Some("16.53")
    );
    let (now, prior) = yoy.three_public.expect("the prior 三公");
    assert_eq!(now, prior, "each 三公 item 与上年持平");
    let p = b.procurement().expect("procurement");
    assert_eq!(p.total(), Some(narrative_figure("政府采购预算总额")));
    assert_eq!(p.goods, narrative_figure("政府采购货物预算"));
    assert_eq!(p.services, narrative_figure("政府采购服务预算"));
    eprintln!(
        "{} narrative amounts matched, and the changes of 收入, 一般公共预算, 政府性基金, 机关运行经费 and 三公",
        checks.len() + 3
    );
}
