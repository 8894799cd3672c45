//! 北京市统计局 2026 (`examples/data/beijing_statistics_2026.json`): the budget's views against
//! the figures published in `tests/data/disclosures/22_beijing_statistics_2026_dept.txt`
//! (预算01表–预算13表, 万元 with six decimals, so every figure is exact to the 分). Every cell of
//! every rendered table is compared in `tests/template_beijing.rs`; this test checks the
//! totals a reader looks for first, each against the cell that prints it.

use yusuan::budget::DepartmentBudget;
use yusuan::{Amount, FundingSource, Unit};

const JSON: &str = include_str!("../examples/data/beijing_statistics_2026.json");
const TEXT: &str = include_str!("data/disclosures/22_beijing_statistics_2026_dept.txt");

fn budget() -> DepartmentBudget {
    serde_json::from_str(JSON).expect("the Beijing budget builds")
}

/// A figure as printed, after checking the document prints it.
fn printed(figure: &str) -> Amount {
    assert!(TEXT.contains(figure), "{figure} is not in the document");
    Amount::parse_in(figure, Unit::WanYuan).expect("an amount")
}

#[test]
fn totals_match_the_published_summary_tables() {
    let b = budget();
    // 预算03表 合计 | 基本支出 | 项目支出
    let k = b.kind_totals();
    assert_eq!(b.total(), printed("50,927.950741"));
    assert_eq!(k.basic(), printed("32,780.463109"));
    assert_eq!(k.project, printed("18,147.487632"));
    // 预算02表 / 预算04表: 一般公共预算 this year and carried over, 其他收入
    assert_eq!(
        b.source_total(FundingSource::GeneralBudgetOwn),
        printed("50,665.496773")
    );
    assert_eq!(
        b.source_total(FundingSource::GeneralBudgetCarryOver),
        printed("152.679076")
    );
    assert_eq!(
        b.source_total(FundingSource::OtherIncome),
        printed("0.957320")
    );
    // 预算05表 合计 | 基本 | 人员经费 | 公用经费 | 项目
    let general = b.kind_totals_where(|l| l.source().fund_type().is_some());
    assert_eq!(general.total(), printed("50,818.175849"));
    assert_eq!(general.basic(), printed("32,757.015217"));
    assert_eq!(general.personnel, printed("29,860.171136"));
    assert_eq!(general.operating, printed("2,896.844081"));
    assert_eq!(general.project, printed("18,061.160632"));
    // 预算13表 其他资金 合计 | 基本 | 项目
    let other = b.kind_totals_where(|l| l.source().fund_type().is_none());
    assert_eq!(other.total(), printed("109.774892"));
    assert_eq!(other.basic(), printed("23.447892"));
    assert_eq!(other.project, printed("86.327000"));
}

#[test]
fn three_public_and_procurement_match() {
    let b = budget();
    let t = b.three_public();
    assert_eq!(t.total(), Some(printed("73.790000")));
    assert_eq!(t.abroad, printed("45.190000"));
    assert_eq!(t.reception, printed("1.180000"));
    assert_eq!(t.vehicle_operation, printed("27.420000"));
    let p = b.procurement().expect("procurement");
    assert_eq!(p.total(), Some(printed("9,065.056168")));
    assert_eq!(p.goods, printed("3,887.172900"));
    assert_eq!(p.services, printed("5,177.883268"));
}

#[test]
fn units_and_projects_are_the_published_ones() {
    let b = budget();
    // 预算05表 prints 26 blocks: the department's own lines and 25 units
    assert_eq!(b.units().len(), 25);
    // 预算12表 lists 21 projects; the rest of 项目支出 is held in one project
    assert_eq!(b.projects().count(), 22);
}
