//! 西安市信访局 2026 年部门综合预算 (Shaanxi template, 16 tables in 元) rebuilt from
//! `examples/data/xian_petition_2026.json`: every money cell of every published table (read
//! from `tests/data/disclosures/16_xian_petition_bureau_2026_dept.grid.txt`) and the
//! narrative's headline figures (read from the `.txt`) are compared with the figure the
//! budget's views derive from its lines.
//!
//! Rows and columns are recognised by their printed labels (codes, catalogue names, project
//! names), never by a hard-coded figure. Each table keeps a tally of printed money cells
//! matched; blank cells must be zero in the model. Cells the model cannot express are listed
//! with the reason; see `examples/data/xian_petition_2026.md`.

use yusuan::budget::{DepartmentBudget, Line, SpendingKind};
use yusuan::classification::{
    Catalogue, Code, FunctionalCode, GovEconomicCode, Level, MappingBasis,
};
use yusuan::funding::FundingSource;
use yusuan::{Amount, Unit};

mod common;
use common::squeeze;

const JSON: &str = include_str!("../examples/data/xian_petition_2026.json");
const GRID: &str = include_str!("data/disclosures/16_xian_petition_bureau_2026_dept.grid.txt");
const TEXT: &str = include_str!("data/disclosures/16_xian_petition_bureau_2026_dept.txt");

/// Which lines a row or column adds up.
type Filter = Box<dyn Fn(&Line) -> bool>;

fn budget() -> DepartmentBudget {
    serde_json::from_str(JSON).expect("the Xi'an budget builds")
}

fn yuan(a: Amount) -> String {
    a.display_in(Unit::Yuan).to_string()
}

/// The ruled tables printed on `page`, each its rows of trimmed cells.
fn grids(page: u32) -> Vec<Vec<Vec<String>>> {
    common::page_tables(GRID, page)
}

fn grid(page: u32) -> Vec<Vec<String>> {
    grids(page).swap_remove(0)
}

/// Matched / published money cells of one table, and what did not match.
struct Tally {
    name: &'static str,
    published: usize,
    matched: usize,
    blank_checked: usize,
    unmatched: Vec<String>,
    errors: Vec<String>,
}

impl Tally {
    fn new(name: &'static str) -> Tally {
        Tally {
            name,
            published: 0,
            matched: 0,
            blank_checked: 0,
            unmatched: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// A money cell in 元: `printed` as published (maybe blank), `computed` the model's figure
    /// (`None` where the model cannot express the cell, for the reason `gap`).
    fn money(&mut self, label: &str, printed: &str, computed: Option<Amount>, gap: &str) {
        if printed.is_empty() {
            if let Some(c) = computed {
                self.blank_checked += 1;
                if !c.is_zero() {
                    self.errors
                        .push(format!("{label}: blank, model {}", yuan(c)));
                }
            }
            return;
        }
        self.published += 1;
        let p = Amount::parse_in(printed, Unit::Yuan)
            .unwrap_or_else(|e| panic!("{}: {label}: {printed:?}: {e}", self.name));
        match computed {
            Some(c) if c == p => self.matched += 1,
            Some(c) => self.unmatched.push(format!(
                "{label}: printed {printed}, model {}{}",
                yuan(c),
                if gap.is_empty() {
                    String::new()
                } else {
                    format!(" ({gap})")
                }
            )),
            None => self
                .unmatched
                .push(format!("{label}: printed {printed}; {gap}")),
        }
    }

    /// A money cell printed in 万元 with two decimals (the 绩效目标表): the model's figure
    /// rounded 四舍五入 to it.
    fn wan(&mut self, label: &str, printed: &str, computed: Option<Amount>, gap: &str) {
        self.published += 1;
        let p = Amount::parse_in(printed, Unit::WanYuan)
            .unwrap_or_else(|e| panic!("{}: {label}: {printed:?}: {e}", self.name));
        let shown = computed.map(|c| c.round_in(Unit::WanYuan, 2));
        if shown == Some(p.round_in(Unit::WanYuan, 2)) {
            self.matched += 1;
        } else {
            self.unmatched.push(format!(
                "{label}: printed {printed} 万元, model {shown:?}; {gap}"
            ));
        }
    }

    /// A signed change cell (表13's 增减变化情况), compared as text.
    fn change(&mut self, label: &str, printed: &str, computed: Option<String>, gap: &str) {
        if printed.is_empty() {
            self.blank_checked += 1;
            if let Some(c) = computed.filter(|c| c != "0.00") {
                self.errors.push(format!("{label}: blank, model {c}"));
            }
            return;
        }
        self.published += 1;
        match computed {
            Some(c) if c == printed.replace(',', "") => self.matched += 1,
            other => self.unmatched.push(format!(
                "{label}: printed {printed}, model {other:?}; {gap}"
            )),
        }
    }

    fn report(&self) -> (usize, usize) {
        eprintln!(
            "{}: {}/{} money cells matched, {} blank cells checked zero",
            self.name, self.matched, self.published, self.blank_checked
        );
        for u in &self.unmatched {
            eprintln!("  unmatched: {u}");
        }
        assert!(self.errors.is_empty(), "{}: {:#?}", self.name, self.errors);
        (self.matched, self.published)
    }
}

fn sum(b: &DepartmentBudget, f: &dyn Fn(&Line) -> bool) -> Amount {
    b.sum_where(f)
}

fn spending(label: &str) -> Filter {
    match squeeze(label).as_str() {
        "合计" => Box::new(|_| true),
        "人员经费支出" => Box::new(|l| l.kind() == SpendingKind::PERSONNEL),
        "公用经费支出" => Box::new(|l| l.kind() == SpendingKind::OPERATING),
        "专项业务经费支出" => Box::new(|l| !l.kind().is_basic()),
        other => panic!("column {other:?}"),
    }
}

fn general(l: &Line) -> bool {
    matches!(
        l.source(),
        FundingSource::GeneralBudgetOwn | FundingSource::GeneralBudgetTransfer
    )
}

fn government_fund(l: &Line) -> bool {
    matches!(
        l.source(),
        FundingSource::GovernmentFundOwn | FundingSource::GovernmentFundTransfer
    )
}

fn transfer(l: &Line) -> bool {
    l.source() == FundingSource::GeneralBudgetTransfer
}

/// 表5 / 表7: one row per 类/款/项 by code, money columns by header label; `basic_only` for
/// the 基本支出 table, whose 合计 adds up 基本支出 only.
fn functional_table(b: &DepartmentBudget, page: u32, name: &'static str, basic: bool) -> Tally {
    let g = grid(page);
    let labels = g[0].clone();
    let mut t = Tally::new(name);
    let cat = Catalogue::builtin();
    for row in &g[1..] {
        let code = row[0].clone();
        if code != "合计" {
            let f = cat.functional(&code).expect("a functional code");
            assert_eq!(
                cat.name(f).map(squeeze),
                Some(squeeze(&row[1])),
                "{name} {code}"
            );
        }
        for (k, label) in labels.iter().enumerate().skip(2) {
            if label == "备注" {
                assert!(row[k].is_empty());
                continue;
            }
            let col = spending(label);
            let code = code.clone();
            let keep = move |l: &Line| {
                general(l)
                    && (code == "合计" || l.functional().to_string().starts_with(&code))
                    && (!basic || l.kind().is_basic())
                    && col(l)
            };
            let at = format!("{} {}", row[0], label);
            t.money(&at, &row[k], Some(sum(b, &keep)), "");
        }
    }
    t
}

/// 表6 / 表8: one row per 部门经济 类/款 with its 政府经济 款, money columns by label.
fn economic_table(b: &DepartmentBudget, pages: &[u32], name: &'static str, basic: bool) -> Tally {
    let mut t = Tally::new(name);
    let cat = Catalogue::builtin();
    for &page in pages {
        let g = grid(page);
        let labels = g[0].clone();
        for row in &g[1..] {
            let code = row[0].clone();
            if code != "合计" {
                let e = cat.economic(&code).expect("an economic code");
                assert_eq!(cat.name(e).map(squeeze), Some(squeeze(&row[1])), "{code}");
                if e.level() == Level::Section {
                    let gov = e.government_code(MappingBasis::Organ).expect("a mapping");
                    assert_eq!(gov.to_string(), row[2], "{code}: 政府经济科目编码");
                    assert_eq!(cat.name(gov).map(squeeze), Some(squeeze(&row[3])), "{code}");
                } else {
                    assert!(row[2].is_empty() && row[3].is_empty());
                }
            }
            for (k, label) in labels.iter().enumerate().skip(4) {
                if label == "备注" {
                    continue;
                }
                let col = spending(label);
                let code = code.clone();
                let keep = move |l: &Line| {
                    general(l)
                        && (code == "合计" || l.economic().to_string().starts_with(&code))
                        && (!basic || l.kind().is_basic())
                        && col(l)
                };
                t.money(
                    &format!("{} {}", row[0], label),
                    &row[k],
                    Some(sum(b, &keep)),
                    "",
                );
            }
        }
    }
    t
}

/// The 类 a printed `N、name` stands for, in a code system.
fn class_named<C: Code>(label: &str) -> Option<C> {
    let name = squeeze(label.split_once('、').map_or(label, |(_, n)| n));
    let cat = Catalogue::builtin();
    cat.entries_of::<C>()
        .find(|&(c, n)| {
            c.level() == Level::Class
                && (squeeze(n) == name || cat.aliases(c).any(|a| squeeze(a) == name))
        })
        .map(|(c, _)| c)
}

/// A 部门预算支出经济分类 row of 表1/表4's third pair: `1、人员经费和公用经费支出`, `2、专项业务经费支出`,
/// and under each `(n)类名` (the 类 of the block above); `None` for a row the model cannot fill.
fn department_economic_row(label: &str, block: &mut Option<bool>) -> Option<Filter> {
    let name = squeeze(label);
    let name = name.trim_start_matches(|c: char| "()（）、0123456789一二三四五".contains(c));
    match name {
        "部门预算" | "财政拨款" | "政府性基金拨款" => Some(Box::new(|_| true)),
        "人员经费和公用经费支出" => {
            *block = Some(true);
            Some(Box::new(|l| l.kind().is_basic()))
        }
        "专项业务经费支出" => {
            *block = Some(false);
            Some(Box::new(|l| !l.kind().is_basic()))
        }
        "上缴上级支出" | "事业单位经营支出" | "对附属单位补助支出" => None,
        _ => {
            let basic = (*block)?;
            let name = match name {
                "对个人和家庭补助" => "对个人和家庭的补助",
                other => other,
            };
            let class = Catalogue::builtin()
                .entries_of::<yusuan::classification::EconomicCode>()
                .find(|(c, n)| c.level() == Level::Class && squeeze(n) == name)
                .map(|(c, _)| c.to_string());
            match class {
                Some(class) => Some(Box::new(move |l: &Line| {
                    l.kind().is_basic() == basic && l.economic().to_string().starts_with(&class)
                })),
                // 债务利息及费用支出, 资本性支出(基本建设), 对企业补助(基本建设) …: no line can be
                // in them here; the model's catalogue names them otherwise.
                None => Some(Box::new(|_| false)),
            }
        }
    }
}

/// A left (income) row of 表1/表4/表9 by its label, within the lines `keep` keeps; `None` for
/// 实户资金 (a bank balance the model does not hold).
fn income_row(b: &DepartmentBudget, keep: fn(&Line) -> bool, label: &str) -> Option<Amount> {
    use FundingSource as S;
    let sources: &[S] = if label.contains("实户资金") || label == "非财政拨款资金结余"
    {
        return None;
    } else if label.contains("专项资金列入部门预算") {
        &[S::GeneralBudgetTransfer]
    } else if label.contains("部门预算")
        || label.contains("财政拨款") && !label.contains("结转") && !label.contains("非财政")
        || label.contains("合计")
        || label.contains("总计")
    {
        return Some(sum(b, &move |l: &Line| keep(l)));
    } else if label.contains("一般公共预算拨款") {
        &[S::GeneralBudgetOwn, S::GeneralBudgetTransfer]
    } else if label.contains("政府性基金") {
        &[S::GovernmentFundOwn, S::GovernmentFundTransfer]
    } else if label.contains("国有资本经营") {
        &[S::StateCapitalOwn, S::StateCapitalTransfer]
    } else if label.contains("上级补助") {
        &[S::SuperiorSubsidy]
    } else if label.contains("纳入财政专户") {
        &[S::FiscalSpecialAccount]
    } else if label.contains("事业单位经营") {
        &[S::BusinessRevenue]
    } else if label.contains("事业收入") {
        &[S::ServiceRevenue]
    } else if label.contains("附属单位上缴") {
        &[S::SubordinateRemittance]
    } else if label.contains("其他收入") {
        &[S::OtherIncome]
    } else if label.contains("非财政拨款结余") {
        &[S::NonFiscalCarryOver]
    } else if label.contains("财政拨款资金结转") {
        &[
            S::GeneralBudgetCarryOver,
            S::GovernmentFundCarryOver,
            S::StateCapitalCarryOver,
        ]
    } else if label.contains("上年结转") {
        return Some(sum(b, &move |l: &Line| keep(l) && l.carry_over().is_some()));
    } else {
        panic!("income row {label:?}")
    };
    Some(sum(b, &move |l: &Line| {
        keep(l) && sources.contains(&l.source())
    }))
}

/// 表1, 表4 and 表9: the income column and the three spending lists side by side, of the lines
/// `keep` keeps (表9: the government fund's).
fn two_sided(
    b: &DepartmentBudget,
    page: u32,
    name: &'static str,
    keep: fn(&Line) -> bool,
) -> Tally {
    let g = grid(page);
    let mut t = Tally::new(name);
    let mut block = None;
    for row in &g[2..] {
        // income
        let left = squeeze(&row[0]);
        let income = (!left.is_empty()).then(|| income_row(b, keep, &left));
        if let Some(v) = income {
            t.money(
                &row[0],
                &row[1],
                v,
                "the model has no 实户资金 (a bank balance)",
            );
        }
        // functional 类
        let f = squeeze(&row[2]);
        if !f.is_empty() {
            let v = if f.contains("部门预算")
                || f.contains("财政拨款")
                || f.contains("合计")
                || f.contains("总计")
            {
                sum(b, &keep)
            } else if f.contains("结转下年") || f.contains("未安排支出") {
                Amount::ZERO
            } else {
                let c: FunctionalCode = class_named(&f).unwrap_or_else(|| panic!("类 {f}"));
                let c = c.to_string();
                sum(b, &|l: &Line| {
                    keep(l) && l.functional().to_string().starts_with(&c)
                })
            };
            t.money(&row[2], &row[3], Some(v), "");
        }
        // 部门预算支出经济分类
        let e = squeeze(&row[4]);
        if !e.is_empty() {
            let v = if e.contains("合计") || e.contains("总计") {
                Some(sum(b, &keep))
            } else if e.contains("结转下年") || e.contains("未安排支出") {
                Some(Amount::ZERO)
            } else {
                department_economic_row(&e, &mut block).map(|f| sum(b, &|l: &Line| keep(l) && f(l)))
            };
            t.money(&row[4], &row[5], v, "no such spending in the model");
        }
        // 政府预算支出经济分类
        let gname = squeeze(&row[6]);
        if !gname.is_empty() {
            let v = if gname.contains("部门预算")
                || gname.contains("财政拨款")
                || gname.contains("合计")
                || gname.contains("总计")
            {
                Some(sum(b, &keep))
            } else if gname.contains("结转下年") || gname.contains("未安排支出") {
                Some(Amount::ZERO)
            } else {
                // 机关资本性支出（基本建设） is not a catalogue name: no line maps there
                class_named::<GovEconomicCode>(&gname).map(|class| {
                    let class = class.to_string();
                    sum(b, &|l: &Line| {
                        keep(l)
                            && l.economic()
                                .government_code(MappingBasis::Organ)
                                .is_some_and(|g| g.to_string().starts_with(&class))
                    })
                })
            };
            t.money(
                &row[6],
                &row[7],
                v,
                "not a 政府经济分类 类 of the catalogue",
            );
        }
    }
    t
}

/// 表2 / 表3: 合计, the department and its unit 121001, by funding column.
fn by_unit(b: &DepartmentBudget, page: u32, name: &'static str) -> Tally {
    let g = grid(page);
    let mut t = Tally::new(name);
    let header: Vec<String> = (0..g[0].len())
        .map(|k| {
            g[..3]
                .iter()
                .filter_map(|r| r.get(k).filter(|c| !c.is_empty()))
                .next_back()
                .map(|c| squeeze(c))
                .unwrap_or_default()
        })
        .collect();
    for row in &g[3..] {
        for (k, label) in header.iter().enumerate().skip(2) {
            let v: Option<Amount> = match label.as_str() {
                "合计" | "小计" => Some(sum(b, &general)),
                l if l.starts_with("其中：专项资") => Some(sum(b, &transfer)),
                "上年实户资金余额" => None,
                _ => Some(Amount::ZERO),
            };
            t.money(
                &format!("{} {label}", row[0]),
                &row[k],
                v,
                "no 实户资金 in the model",
            );
        }
    }
    t
}

/// 表10: the projects and the groups they are listed under (项目类型 and 项目分类 details).
fn projects_table(b: &DepartmentBudget) -> Tally {
    let g = grid(29);
    let mut t = Tally::new("表10 专项业务经费支出表");
    for row in &g[1..] {
        let name = squeeze(&row[1]);
        let v = if row[0] == "合计" || row[0].starts_with("121") {
            b.sum_where(|l| !l.kind().is_basic())
        } else if let Some((id, _)) = b.projects().find(|(_, p)| squeeze(&p.name) == name) {
            b.project_total(id)
        } else {
            let members: Vec<_> = b
                .projects()
                .filter(|(_, p)| p.details.iter().any(|(_, v)| squeeze(v) == name))
                .map(|(id, _)| id)
                .collect();
            assert!(!members.is_empty(), "group {name}");
            Amount::checked_sum(members.iter().map(|&id| b.project_total(id))).unwrap()
        };
        t.money(&row[1], &row[2], Some(v), "");
    }
    t
}

/// 表12: the procurement budget. The model holds 货物 / 工程 / 服务 totals, not items.
fn procurement_table(b: &DepartmentBudget) -> Tally {
    let g = grid(31);
    let mut t = Tally::new("表12 政府采购（资产配置、购买服务）预算表");
    let p = b.procurement().expect("a procurement budget");
    for row in &g[2..] {
        let total_row = row[0] == "合计" || row[4] == "全额" || row[3] == "121001";
        let v = if total_row { p.total() } else { None };
        t.money(
            &row[4],
            &row[14],
            v,
            "procurement by item is not in the model",
        );
    }
    t
}

fn signed(a: Amount, b: Amount) -> String {
    let d = a.as_decimal() - b.as_decimal();
    format!("{d:.2}")
}

/// 表13: 上年, 当年 and 增减 of "三公", 会议费 and 培训费.
fn three_public_table(b: &DepartmentBudget) -> Tally {
    let g = grid(32);
    let mut t = Tally::new("表13 “三公”经费及会议费、培训费支出预算表");
    let now = b.three_public();
    let prior = b.prior_year().three_public.expect("prior 三公");
    let econ = |code: &'static str| {
        sum(b, &move |l: &Line| {
            general(l) && l.economic().to_string() == code
        })
    };
    let meeting = econ("30215");
    let training = econ("30216");
    let tp = |x: &yusuan::budget::ThreePublic| x.total().expect("三公 adds up");
    let vehicles = |x: &yusuan::budget::ThreePublic| {
        Amount::checked_sum([x.vehicle_purchase, x.vehicle_operation]).unwrap()
    };
    // columns 2..=10 上年, 11..=19 当年, 20..=28 增减: 合计, 小计, 出国, 接待, 车小计, 购置, 运行, 会议, 培训
    let current = [
        Amount::checked_sum([tp(&now), meeting, training]).ok(),
        Some(tp(&now)),
        Some(now.abroad),
        Some(now.reception),
        Some(vehicles(&now)),
        Some(now.vehicle_purchase),
        Some(now.vehicle_operation),
        Some(meeting),
        Some(training),
    ];
    let before = [
        None,
        Some(tp(&prior)),
        Some(prior.abroad),
        Some(prior.reception),
        Some(vehicles(&prior)),
        Some(prior.vehicle_purchase),
        Some(prior.vehicle_operation),
        None,
        None,
    ];
    const GAP: &str = "the model has no prior-year 会议费 or 培训费";
    for row in &g[4..] {
        for i in 0..9 {
            let label = format!("{} {}", row[0], g[1][2 + i]);
            t.money(&format!("上年 {label}"), &row[2 + i], before[i], GAP);
            t.money(&format!("当年 {label}"), &row[11 + i], current[i], "");
            let change = current[i].zip(before[i]).map(|(c, p)| signed(c, p));
            t.change(&format!("增减 {label}"), &row[20 + i], change, GAP);
        }
    }
    t
}

/// 表14: each project target's 实施期资金总额 and 其中：财政拨款 (万元), against the project's lines.
fn project_targets(b: &DepartmentBudget) -> Tally {
    let mut t = Tally::new("表14 部门专项业务经费绩效目标表");
    let mut seen = 0;
    for page in 33..=41 {
        let g = grids(page).swap_remove(0);
        let name = g[0].iter().skip(1).find(|c| !c.is_empty()).unwrap().clone();
        let (id, _) = b
            .projects()
            .find(|(_, p)| squeeze(&p.name) == squeeze(&name))
            .unwrap_or_else(|| panic!("project {name}"));
        seen += 1;
        let total = b.project_total(id);
        for row in &g[2..5] {
            let Some(k) = row
                .iter()
                .position(|c| c.starts_with("实施期资金总额") || c.starts_with("其中：财政拨款"))
            else {
                continue;
            };
            let wan = row[k + 1..]
                .iter()
                .find(|c| !c.is_empty())
                .cloned()
                .unwrap_or_default();
            let gap =
                "a publication error: 42.38 + 88.65 = 131.03 万元 in its own 成本指标 and 表10";
            t.wan(&format!("{name} {}", row[k]), &wan, Some(total), gap);
        }
    }
    assert_eq!(seen, 9);
    t
}

/// 表15: the 部门整体 target's task amounts (万元) and their total.
fn department_target(b: &DepartmentBudget) -> Tally {
    let g = grid(42);
    let mut t = Tally::new("表15 部门整体支出绩效目标表");
    for row in &g {
        let cells: Vec<&String> = row.iter().filter(|c| !c.is_empty()).collect();
        let total = cells.iter().any(|c| c.contains("金额合计"));
        // the extractor joins the first four tasks' amounts into one cell: split it
        let amounts = cells
            .iter()
            .flat_map(|c| c.split_whitespace())
            .filter(|c| Amount::parse_in(c, Unit::WanYuan).is_ok());
        for a in amounts {
            let v = total.then(|| b.total());
            t.wan(
                &format!("{} {a}", cells[0]),
                a,
                v,
                "年度主要任务 are not in the model",
            );
        }
    }
    t
}

#[test]
fn every_money_cell_of_every_table_matches_the_publication() {
    let b = budget();
    let tallies = [
        two_sided(&b, 19, "表1 部门综合预算收支总表", general),
        by_unit(&b, 20, "表2 部门综合预算收入总表"),
        by_unit(&b, 21, "表3 部门综合预算支出总表"),
        two_sided(&b, 22, "表4 部门综合预算财政拨款收支总表", general),
        functional_table(&b, 23, "表5 一般公共预算支出明细表（功能）", false),
        economic_table(&b, &[24, 25], "表6 一般公共预算支出明细表（经济）", false),
        functional_table(&b, 26, "表7 一般公共预算基本支出明细表（功能）", true),
        economic_table(&b, &[27], "表8 一般公共预算基本支出明细表（经济）", true),
        two_sided(&b, 28, "表9 政府性基金收支表 (empty)", government_fund),
        projects_table(&b),
        procurement_table(&b),
        three_public_table(&b),
        project_targets(&b),
        department_target(&b),
    ];
    let counts: Vec<(usize, usize)> = tallies.iter().map(Tally::report).collect();
    let expected = [
        (33, 33),
        (9, 9),
        (9, 9),
        (32, 32),
        (59, 59),
        (96, 96),
        (51, 51),
        (70, 70),
        (0, 0),
        (21, 21),
        (3, 9),
        (42, 54),
        (16, 18),
        (2, 14),
    ];
    assert_eq!(counts, expected);
    let (m, p) = counts.iter().fold((0, 0), |(m, p), (a, b)| (m + a, p + b));
    eprintln!("西安市信访局 2026: {m}/{p} money cells");
}

/// 2,838.42: an amount in 万元 with thousands separators, as the narrative prints it.
fn wan_text(yuan: rust_decimal::Decimal) -> String {
    let v = (yuan / rust_decimal::Decimal::from(10_000))
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let s = format!("{:.2}", v.abs());
    let (int, frac) = s.split_once('.').unwrap();
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out}.{frac}")
}

/// 七（二）: each 项's amount, change and rate against the prior year, as the narrative prints
/// them (`行政运行（2014001）1,373.32万元，较上年增加41.86万元，增长3.14%`), and the headline
/// 一般公共预算拨款 of 五.
#[test]
fn the_narratives_item_changes_follow_from_the_prior_year() {
    let b = budget();
    let text = squeeze(
        TEXT.lines()
            .filter(|l| !l.starts_with("====="))
            .collect::<String>()
            .as_str(),
    );
    let mut checked = 0;
    for (code, prior) in &b.prior_year().general_budget_by_item {
        let code = code.to_string();
        let now = sum(&b, &|l: &Line| {
            general(l) && l.functional().to_string() == code
        });
        let (now, prior) = (now.as_decimal(), prior.as_decimal());
        let change = now - prior;
        let (word, rate_word) = if change.is_sign_negative() {
            ("减少", "下降")
        } else {
            ("增加", "增长")
        };
        let rate = (change.abs() / prior * rust_decimal::Decimal::from(100))
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        let sentence = format!(
            "（{code}）{}万元，较上年{word}{}万元，{rate_word}{rate:.2}%",
            wan_text(now),
            wan_text(change)
        );
        assert!(text.contains(&sentence), "{sentence}");
        checked += 1;
    }
    assert_eq!(checked, 11);
    let total = b.total().as_decimal();
    let prior: rust_decimal::Decimal = b.prior_year().income.values().map(|a| a.as_decimal()).sum();
    let headline = format!(
        "一般公共预算拨款{}万元，较上年增加{}万元，增长5.39%",
        wan_text(total),
        wan_text(total - prior)
    );
    assert!(text.contains(&headline), "{headline}");
}
