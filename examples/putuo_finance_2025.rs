//! A new user's first budget, through the public API only: 上海市普陀区财政局 2025 (部门预算,
//! `tests/data/disclosures/11_shanghai_putuo_finance_2025_dept.txt`), built line by line with
//! the builder, checked, viewed, rendered in the Shanghai template, written as JSON and read back.
//!
//! Published (the document's tables, in 元): every 项's total and its 基本/项目 split (表
//! "部门支出预算表"), every economic 款 of 基本支出 with its 人员/公用 split ("一般公共预算基本
//! 支出表"), the "三公" figure and 机关运行经费. Chosen here (the document does not print them):
//! which 项 each 基本支出 款 falls under where a 款 spans several 项 (30102, 30199), and the
//! economic 款 of the four project lines. The example asserts the published figures.
//!
//! Run: `cargo run --example putuo_finance_2025`

use yusuan::budget::model::Department;
use yusuan::budget::{
    DepartmentBudget, Project, ProjectId, SpendingKind, UnitKind, model::Line, read_json,
};
use yusuan::disclosure::{Disclosure, Rounding, Template, render};
use yusuan::{Amount, Catalogue, FundingSource, IntoEnumIterator, Unit};

/// 基本支出 lines: (功能分类 项, 经济分类 款, 人员 or 公用, 元 as printed).
const BASIC: &[(&str, &str, SpendingKind, &str)] = &[
    ("2010601", "30101", SpendingKind::PERSONNEL, "2,642,448.00"),
    ("2010601", "30102", SpendingKind::PERSONNEL, "10,324,310.00"),
    ("2210203", "30102", SpendingKind::PERSONNEL, "2,687,760.00"),
    ("2080505", "30108", SpendingKind::PERSONNEL, "1,748,327.00"),
    ("2080506", "30109", SpendingKind::PERSONNEL, "873,617.00"),
    ("2101101", "30110", SpendingKind::PERSONNEL, "782,164.00"),
    ("2010601", "30112", SpendingKind::PERSONNEL, "28,428.00"),
    ("2210201", "30113", SpendingKind::PERSONNEL, "2,049,197.00"),
    ("2010601", "30199", SpendingKind::PERSONNEL, "803,805.00"),
    ("2080501", "30199", SpendingKind::PERSONNEL, "159,840.00"),
    ("2080599", "30199", SpendingKind::PERSONNEL, "9,620.00"),
    ("2080501", "30302", SpendingKind::PERSONNEL, "717,240.00"),
    ("2010601", "30201", SpendingKind::OPERATING, "170,000.00"),
    ("2010601", "30202", SpendingKind::OPERATING, "120,000.00"),
    ("2010601", "30204", SpendingKind::OPERATING, "1,000.00"),
    ("2010601", "30207", SpendingKind::OPERATING, "50,000.00"),
    ("2010601", "30211", SpendingKind::OPERATING, "20,000.00"),
    ("2010601", "30213", SpendingKind::OPERATING, "50,000.00"),
    ("2010601", "30215", SpendingKind::OPERATING, "10,000.00"),
    ("2010601", "30216", SpendingKind::OPERATING, "30,000.00"),
    ("2010601", "30217", SpendingKind::OPERATING, "9,500.00"),
    ("2010601", "30226", SpendingKind::OPERATING, "30,000.00"),
    ("2010601", "30227", SpendingKind::OPERATING, "100,000.00"),
    ("2010601", "30228", SpendingKind::OPERATING, "258,915.00"),
    ("2010601", "30229", SpendingKind::OPERATING, "436,320.00"),
    ("2010601", "30239", SpendingKind::OPERATING, "506,480.00"),
    ("2010601", "30299", SpendingKind::OPERATING, "412,120.00"),
    ("2010601", "31002", SpendingKind::OPERATING, "90,000.00"),
];

/// 项目支出: (project key, name, 功能分类 项, 经济分类 款 (chosen), 元 as printed).
const PROJECTS: &[(&str, &str, &str, &str, &str)] = &[
    ("P1", "行政运行项目经费", "2010601", "30299", "138,514.80"),
    ("P2", "一般行政管理事务", "2010602", "30299", "100,000.00"),
    ("P3", "财政信息化建设", "2010607", "31007", "1,666,600.00"),
    ("P4", "财政委托业务", "2010608", "30227", "4,188,000.00"),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let catalogue = Catalogue::builtin();
    let department = Department::new("上海市普陀区财政局", 2025, UnitKind::Administrative);
    let mut builder = DepartmentBudget::builder(department);
    // The JSON key and the Chinese name read the same source.
    let own: FundingSource = "general_budget_own".parse()?;
    assert_eq!(own, "一般公共预算（本级）".parse()?);

    for &(functional, economic, kind, yuan) in BASIC {
        builder.line(Line::new(
            catalogue.functional(functional)?,
            catalogue.economic(economic)?,
            kind,
            own,
            Amount::parse_in(yuan, Unit::Yuan)?,
        ));
    }
    for &(key, name, functional, economic, yuan) in PROJECTS {
        let id: ProjectId = builder.project(Project::new(key, name));
        builder.line(Line::new(
            catalogue.functional(functional)?,
            catalogue.economic(economic)?,
            SpendingKind::Project(id),
            own,
            Amount::parse_in(yuan, Unit::Yuan)?,
        ));
    }
    // 310 办公设备购置 is counted as 公用经费 by this template.
    builder.allow_operating_class(catalogue.economic("310")?);
    // 收入总计 as published; the lines must add up to it.
    builder.control_figure(own, Amount::parse_in("31,214,205.80", Unit::Yuan)?);
    let budget = builder.build()?;

    // The published figures, each read with the document's own unit.
    let yuan = |text: &str| Amount::parse_in(text, Unit::Yuan);
    assert_eq!(budget.total(), yuan("31,214,205.80")?);
    let kinds = budget.kind_totals();
    assert_eq!(kinds.basic(), yuan("25,121,091.00")?);
    assert_eq!(kinds.personnel, yuan("22,826,756.00")?);
    assert_eq!(kinds.operating, yuan("2,294,335.00")?);
    assert_eq!(kinds.project, yuan("6,093,114.80")?);
    assert_eq!(
        budget.three_public().total(),
        Some(Amount::parse_in("0.95", Unit::WanYuan)?)
    );
    // 机关运行经费 is printed rounded to 0.01 万元.
    assert_eq!(
        budget.organ_running().display_in(Unit::WanYuan).to_string(),
        "229.43"
    );

    println!(
        "{} {} 年部门预算",
        budget.department().name,
        budget.department().year
    );
    for source in FundingSource::iter() {
        let amount = budget.source_total(source);
        if !amount.is_zero() {
            println!("  {source}: {} 元", amount);
        }
    }

    // The Shanghai template's first table (收支总表), as the district publishes it.
    let disclosure = Disclosure::new(&budget, Template::shanghai_9());
    if let Some(table) = disclosure.tables(Rounding::Faithful).first() {
        println!("\n{}", render::text(table));
    }

    // JSON out and back in: the same budget, checked again on the way in.
    let json = serde_json::to_string_pretty(&budget)?;
    let again = read_json(json.as_bytes())?.build()?;
    assert_eq!(again, budget);
    println!(
        "JSON round trip: {} bytes, {} lines, equal",
        json.len(),
        again.lines().len()
    );
    Ok(())
}
