//! The seed department rebuilt from `examples/data/alashankou_2026.json`: every figure of
//! DESIGN §8 and every cell of the seed's money tables is computed from the budget's lines and
//! compared with what the published disclosure prints (read from its text in
//! `tests/data/disclosures/alashankou_science_bureau_2026.md`).

use rust_decimal::Decimal;
use yusuan::amount::Amount;
use yusuan::budget::{BasicKind, DepartmentBudget, Line, SpendingKind};
use yusuan::classification::{Catalogue, FunctionalCode, Level};
use yusuan::funding::{FundType, FundingGroup};
use yusuan::{FundingSource, Unit};

mod common;

use common::SEED_TEXT;

/// The rows of 表 `n` of the seed.
fn table_rows(n: u32) -> Vec<Vec<String>> {
    common::tab_rows(common::seed_table(n))
}
const SEED_JSON: &str = include_str!("../examples/data/alashankou_2026.json");

/// A column of a table: which lines it adds up.
type LineFilter = fn(&Line) -> bool;

fn budget() -> DepartmentBudget {
    serde_json::from_str(SEED_JSON).expect("the seed budget builds")
}

/// What a cell prints for an amount: blank for zero, as the seed does.
fn shown(a: Amount) -> String {
    if a.is_zero() {
        String::new()
    } else {
        a.display_in(Unit::WanYuan).to_string()
    }
}

/// The code of a row whose first cells are 类 | 款 | 项 (split), if it has one.
fn row_code(row: &[String]) -> Option<String> {
    let class = row
        .first()
        .filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_digit()))?;
    let mut code = class.clone();
    for seg in row.iter().skip(1).take(2) {
        if seg.len() == 2 && seg.bytes().all(|b| b.is_ascii_digit()) {
            code.push_str(seg);
        } else {
            break;
        }
    }
    Some(code)
}

fn functional_totals<F: Fn(&Line) -> bool + Copy>(
    b: &DepartmentBudget,
    code: &str,
    keep: F,
) -> yusuan::budget::KindTotals {
    let code: FunctionalCode = code.parse().unwrap();
    b.by_functional(code.level(), keep)
        .get(&code)
        .copied()
        .unwrap_or_default()
}

#[test]
fn design_section_8_figures() {
    let b = budget();
    let w = |a: Amount| a.display_in(Unit::WanYuan).to_string();
    assert_eq!(w(b.total()), "95.62");
    assert_eq!(
        w(b.fund_type_total(FundType::GeneralPublicBudget, false)),
        "92.62"
    );
    assert_eq!(w(b.source_total(FundingSource::GeneralBudgetOwn)), "69.62");
    assert_eq!(
        w(b.source_total(FundingSource::GeneralBudgetTransfer)),
        "23.00"
    );
    assert_eq!(w(b.group_total(FundingGroup::FiscalCarryOver)), "3.00");
    let k = b.kind_totals();
    assert_eq!(
        (w(k.basic()), w(k.personnel), w(k.operating), w(k.project)),
        (
            "68.62".into(),
            "64.82".into(),
            "3.80".into(),
            "27.00".into()
        )
    );
    let by_class = b.by_economic(Level::Class, |l| l.kind().is_basic());
    let class = |c: &str| w(by_class[&c.parse().unwrap()].basic());
    assert_eq!(
        (class("301"), class("303"), class("302")),
        ("60.02".into(), "4.80".into(), "3.80".into())
    );
    let general = b.general_budget_current();
    assert_eq!(w(general.project), "24.00");
    let items: Vec<(String, String)> = b
        .by_functional(Level::Item, |_| true)
        .into_iter()
        .map(|(c, t)| (c.to_string(), w(t.total())))
        .collect();
    assert_eq!(
        items,
        [
            ("2060101".into(), "68.62".into()),
            ("2060208".into(), "9.00".into()),
            ("2060404".into(), "4.00".into()),
            ("2060702".into(), "13.00".into()),
            ("2060799".into(), "1.00".into()),
        ]
    );
    let carry_2060404 = functional_totals(&b, "2060404", |l| l.source().is_carry_over());
    assert_eq!(w(carry_2060404.total()), "1.00");
    let current_projects: Vec<String> = b
        .project_totals_where(|l| !l.source().is_carry_over())
        .into_iter()
        .filter(|(_, a)| !a.is_zero())
        .map(|(_, a)| w(a))
        .collect();
    assert_eq!(current_projects, ["9.00", "3.00", "4.00", "7.00", "1.00"]);
    let t = b.three_public();
    assert_eq!(
        (
            w(t.total().unwrap()),
            w(t.reception),
            w(t.vehicle_operation)
        ),
        ("0.26".into(), "0.05".into(), "0.21".into())
    );
    assert_eq!(w(b.entrusted_business_total()), "18.50");
    let carry: Vec<String> = b.carry_overs().map(|(_, c)| w(c.amount)).collect();
    assert_eq!(carry, ["2.00", "1.00"]);
    assert_eq!(w(b.organ_running()), "3.80");
}

#[test]
fn table1_income_and_expenditure_by_class() {
    let b = budget();
    let rows = table_rows(1);
    let cell = |label: &str, col: usize| {
        rows.iter()
            .find(|r| r[col - 1] == label)
            .map(|r| r[col].clone())
            .unwrap_or_default()
    };
    assert_eq!(cell("一、本年收入", 1), shown(b.current_year_total()));
    assert_eq!(
        cell("1. 一般公共预算拨款", 1),
        shown(b.fund_type_total(FundType::GeneralPublicBudget, false))
    );
    assert_eq!(
        cell("其中：一般财力", 1),
        shown(b.source_total(FundingSource::GeneralBudgetOwn))
    );
    assert_eq!(
        cell("上级一般公共预算安排转移支付", 1),
        shown(b.source_total(FundingSource::GeneralBudgetTransfer))
    );
    assert_eq!(cell("二、上年结转结余", 1), shown(b.carry_over_total()));
    assert_eq!(
        cell("1. 财政拨款结转", 1),
        shown(b.group_total(FundingGroup::FiscalCarryOver))
    );
    assert_eq!(cell("收入总计", 1), shown(b.total()));
    assert_eq!(cell("支出总计", 3), shown(b.total()));
    // Every 类 row of the expenditure side.
    let by_class = b.by_functional(Level::Class, |_| true);
    let mut checked = 0;
    for r in &rows {
        let Some((code, _)) = r[2].split_once(' ') else {
            continue;
        };
        let Ok(code) = code.parse::<FunctionalCode>() else {
            continue;
        };
        assert!(Catalogue::builtin().contains(code), "{code}");
        let computed = by_class.get(&code).map_or(Amount::ZERO, |t| t.total());
        assert_eq!(r[3], shown(computed), "表1 {code}");
        checked += 1;
    }
    assert_eq!(checked, 30);
}

#[test]
fn table2_income_by_functional_code_and_source() {
    let b = budget();
    let columns: [(usize, LineFilter); 6] = [
        (4, |_| true),
        (5, |l| {
            l.source().group() == FundingGroup::FiscalAppropriation
        }),
        (6, |l| l.source() == FundingSource::GeneralBudgetOwn),
        (7, |l| l.source() == FundingSource::GeneralBudgetTransfer),
        (13, |l| l.source().group() == FundingGroup::FiscalCarryOver),
        (14, |l| l.source() == FundingSource::NonFiscalCarryOver),
    ];
    let mut checked = 0;
    for row in table_rows(2) {
        let Some(code) = row_code(&row) else { continue };
        for (col, keep) in columns {
            let computed = functional_totals(&b, &code, keep).total();
            assert_eq!(
                row.get(col).cloned().unwrap_or_default(),
                shown(computed),
                "表2 {code} column {col}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 10 * 6);
    let total = table_rows(2)
        .into_iter()
        .find(|r| r.get(3).is_some_and(|c| c == "总计"))
        .unwrap();
    assert_eq!(total[4], shown(b.total()));
    assert_eq!(
        total[13],
        shown(b.group_total(FundingGroup::FiscalCarryOver))
    );
}

fn check_functional_table(n: u32, keep: fn(&Line) -> bool, b: &DepartmentBudget) {
    let mut checked = 0;
    for row in table_rows(n) {
        let Some(code) = row_code(&row) else { continue };
        let t = functional_totals(b, &code, keep);
        assert_eq!(row[4], shown(t.total()), "表{n} {code} 合计");
        assert_eq!(row[5], shown(t.basic()), "表{n} {code} 基本支出");
        assert_eq!(
            row.get(6).cloned().unwrap_or_default(),
            shown(t.project),
            "表{n} {code} 项目支出"
        );
        checked += 1;
    }
    assert_eq!(checked, 10, "表{n}");
    let total = table_rows(n)
        .into_iter()
        .find(|r| r.get(3).is_some_and(|c| c == "总计"))
        .unwrap();
    let t = b.kind_totals_where(keep);
    assert_eq!(
        (total[4].clone(), total[5].clone(), total[6].clone()),
        (shown(t.total()), shown(t.basic()), shown(t.project))
    );
}

#[test]
fn table3_and_table5_expenditure_by_functional_code() {
    let b = budget();
    check_functional_table(3, |_| true, &b);
    check_functional_table(
        5,
        |l| {
            matches!(
                l.source(),
                FundingSource::GeneralBudgetOwn | FundingSource::GeneralBudgetTransfer
            )
        },
        &b,
    );
}

#[test]
fn table4_fiscal_appropriations() {
    let b = budget();
    let rows = table_rows(4);
    let fiscal = b.group_total(FundingGroup::FiscalAppropriation);
    let first = rows
        .iter()
        .find(|r| r[0] == "一、财政拨款（补助）")
        .unwrap();
    assert_eq!(first[1], shown(fiscal));
    let science = rows.iter().find(|r| r[2] == "206 科学技术支出").unwrap();
    assert_eq!(
        (science[3].clone(), science[4].clone()),
        (
            shown(fiscal),
            shown(b.fund_type_total(FundType::GeneralPublicBudget, false))
        )
    );
    let total = rows.iter().find(|r| r[0] == "收入总计").unwrap();
    assert_eq!(
        (total[1].clone(), total[3].clone()),
        (shown(fiscal), shown(fiscal))
    );
}

#[test]
fn table6_basic_spending_by_economic_code_with_its_tail_difference() {
    let b = budget();
    let general = |l: &Line| {
        l.kind().is_basic() && l.source().fund_type() == Some(FundType::GeneralPublicBudget)
    };
    let mut checked = 0;
    for row in table_rows(6) {
        let Some(code) = row_code(&row) else { continue };
        let code: yusuan::EconomicCode = code.parse().unwrap();
        let t = b
            .by_economic(code.level(), general)
            .get(&code)
            .copied()
            .unwrap_or_default();
        assert_eq!(row[3], shown(t.basic()), "表6 {code} 合计");
        assert_eq!(row[4], shown(t.personnel), "表6 {code} 人员经费");
        assert_eq!(
            row.get(5).cloned().unwrap_or_default(),
            shown(t.operating),
            "表6 {code} 公用经费"
        );
        checked += 1;
    }
    assert_eq!(checked, 3 + 10 + 9 + 4);
    // The printed 302 rows add up to 3.79 under a printed 3.80: rounding each exact amount
    // reproduces both, which no footing of the rows could.
    let rows_302: Decimal = b
        .by_economic(Level::Section, |l| {
            l.kind() == SpendingKind::Basic(BasicKind::Operating)
        })
        .values()
        .map(|t| t.operating.display_in(Unit::WanYuan))
        .sum();
    assert_eq!(rows_302.to_string(), "3.79");
}

#[test]
fn table7_projects_table10_three_public_table11_entrusted_table12_carry_over() {
    let b = budget();
    let name_of = |id| b.project(id).unwrap().name.clone();
    // 表7: one row per current-year project, 项目支出合计 and 商品和服务支出 columns.
    let totals = b.project_totals_where(|l| !l.source().is_carry_over());
    let mut checked = 0;
    for row in table_rows(7) {
        if row.len() < 6 || row[4].is_empty() || !row[0].starts_with("206") || row[2].is_empty() {
            continue;
        }
        let (id, total) = totals
            .iter()
            .find(|(id, _)| name_of(*id) == row[4])
            .unwrap_or_else(|| panic!("{}", row[4]));
        assert_eq!(row[5], shown(*total), "表7 {}", row[4]);
        assert_eq!(
            row[7],
            shown(
                b.sum_where(|l| l.kind() == SpendingKind::Project(*id)
                    && l.economic().class().as_u32() == 302)
            )
        );
        checked += 1;
    }
    assert_eq!(checked, 5);
    // 表10
    let t = b.three_public();
    let rows = table_rows(10);
    let cell = |label: &str| {
        rows.iter()
            .find(|r| r[0] == label)
            .map(|r| r[1].clone())
            .unwrap()
    };
    assert_eq!(cell("因公出国（境）费用"), shown(t.abroad));
    assert_eq!(cell("公务接待费"), shown(t.reception));
    assert_eq!(
        cell("公务用车购置及运行维护费（小计）"),
        shown(t.vehicles().unwrap())
    );
    assert_eq!(cell("公务用车运行维护费"), shown(t.vehicle_operation));
    assert_eq!(cell("总计"), shown(t.total().unwrap()));
    // 表11
    let rows = table_rows(11);
    let entrusted = b.entrusted_business();
    assert_eq!(entrusted.len(), 4);
    for (project, amount) in entrusted {
        let name = name_of(project.unwrap());
        let row = rows
            .iter()
            .find(|r| r[0] == name)
            .unwrap_or_else(|| panic!("{name}"));
        assert_eq!(row[1], shown(amount));
    }
    assert_eq!(
        rows.iter().find(|r| r[0] == "总计").unwrap()[1],
        shown(b.entrusted_business_total())
    );
    // 表12: the notices (as printed, wrapped) and their amounts.
    let rows = table_rows(12);
    for (_, item) in b.carry_overs() {
        let row = rows
            .iter()
            .find(|r| r[0].replace(' ', "") == item.notice.replace(' ', ""))
            .unwrap_or_else(|| panic!("{}", item.notice));
        assert_eq!(
            row[1],
            shown(b.sum_where(|l| {
                l.carry_over()
                    == b.carry_overs()
                        .find(|(_, c)| c.key == item.key)
                        .map(|(id, _)| id)
            }))
        );
    }
    assert_eq!(
        rows.iter().find(|r| r[0] == "总计").unwrap()[1],
        shown(b.carry_over_total())
    );
}

/// Every "X 万元" / "Y%" the narrative ties to a figure, with the figure computed.
#[test]
fn narrative_shares_and_changes() {
    let b = budget();
    let w = |a: Amount| a.display_in(Unit::WanYuan).to_string();
    let yoy = b.year_on_year();
    let income = |s: FundingSource| yoy.income.iter().find(|(x, _)| *x == s).unwrap().1;
    let phrase = |label: &str, c: yusuan::budget::Comparison, share: Option<Amount>| {
        let share = share
            .map(|w| {
                format!(
                    "占 {}%，",
                    c.current.share_of(w).unwrap().percent(2).unwrap()
                )
            })
            .unwrap_or_default();
        let rate = match c.growth() {
            Some(r) => format!("{}%", r.percent(2).unwrap().abs()),
            None => "100.00%".to_string(), // the seed's profile: growth from 0 prints 100.00%
        };
        let rate = rate.replace("4185.71", "4,185.71"); // the seed groups thousands
        format!(
            "{label} {} 万元，{share}比上年预算{} {} 万元，{} {rate}",
            w(c.current),
            c.direction(),
            w(c.change().magnitude()),
            c.direction().rate_word()
        )
    };
    let total = b.total();
    let expected = [
        phrase(
            "一般公共预算",
            income(FundingSource::GeneralBudgetOwn),
            Some(total),
        ),
        phrase(
            "上级一般公共预算安排的转移支付资金",
            income(FundingSource::GeneralBudgetTransfer),
            Some(total),
        ),
        phrase(
            "财政拨款结转",
            income(FundingSource::GeneralBudgetCarryOver),
            Some(total),
        ),
        phrase("基本支出", yoy.basic.unwrap(), Some(total)),
        phrase("项目支出", yoy.project.unwrap(), Some(total)),
    ];
    for e in &expected {
        assert!(SEED_TEXT.contains(e.as_str()), "the seed does not say: {e}");
    }
    // 一般公共预算当年拨款 and its items: "2026 年预算数为 X 万元，比上年预算减少 Y 万元，下降 Z%".
    let general = [
        yoy.general_budget_basic.unwrap(),
        yoy.general_budget_project.unwrap(),
    ];
    for (label, c) in ["基本支出", "项目支出"].iter().zip(general) {
        let e = phrase(label, c, None);
        assert!(SEED_TEXT.contains(&e), "{e}");
    }
    for (code, c) in &yoy.general_budget_by_item {
        let rate = c.growth().map_or("100.00%".to_string(), |r| {
            format!("{}%", r.percent(2).unwrap().abs())
        });
        let e = format!(
            "（项）：2026 年预算数为 {} 万元，比上年预算{} {} 万元，{} {rate}",
            w(c.current),
            c.direction(),
            w(c.change().magnitude()),
            c.direction().rate_word()
        );
        let name = Catalogue::builtin().name(*code).unwrap();
        assert!(
            SEED_TEXT.contains(&format!("{name}{e}")),
            "{code}: {name}{e}"
        );
    }
    // 三公: "减少0.34万元，下降56.67%" (the seed writes these without spaces).
    let (now, prior) = yoy.three_public.unwrap();
    let c = yusuan::budget::Comparison {
        current: now.total().unwrap(),
        prior: prior.total().unwrap(),
    };
    let e = format!(
        "{}{}万元，{}{}%",
        c.direction(),
        w(c.change().magnitude()),
        c.direction().rate_word(),
        c.growth().unwrap().percent(2).unwrap().abs()
    );
    assert!(SEED_TEXT.contains(&e), "{e}");
    assert!(SEED_TEXT.contains(&format!("“三公”经费数为 {} 万元", w(now.total().unwrap()))));
    let o = yoy.organ_running.unwrap();
    let e = format!(
        "机关运行经费财政拨款预算 {} 万元，比上年预算{} {} 万元，{} {}%",
        w(o.current),
        o.direction(),
        w(o.change().magnitude()),
        o.direction().rate_word(),
        o.growth().unwrap().percent(2).unwrap().abs()
    );
    assert!(SEED_TEXT.contains(&e), "{e}");
    let p = b.procurement().unwrap();
    let e = format!(
        "政府采购预算 {} 万元，其中：政府采购货物预算 {} 万元，政府采购工程预算 {} 万元，政府采购服务预算 {} 万元",
        w(p.total().unwrap()),
        w(p.goods),
        w(p.works),
        w(p.services)
    );
    assert!(SEED_TEXT.contains(&e), "{e}");
    assert!(SEED_TEXT.contains(&format!(
        "委托业务费{}万元",
        w(b.entrusted_business_total())
    )));
    assert!(SEED_TEXT.contains(&format!("收支总预算 {} 万元", w(b.total()))));
}

#[test]
fn invariants_hold_after_a_json_round_trip() {
    let b = budget();
    b.check_invariants().unwrap();
    let again: DepartmentBudget =
        serde_json::from_str(&serde_json::to_string(&b).unwrap()).unwrap();
    assert_eq!(again, b);
}
