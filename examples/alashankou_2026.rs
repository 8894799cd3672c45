//! The seed department, 阿拉山口市科学技术局 2026: load its budget from JSON, build it (every
//! invariant is checked), and print its key figures in 万元, all computed from the leaf lines.
//!
//! Run: `cargo run --example alashankou_2026`

use yusuan::Unit;
use yusuan::amount::Amount;
use yusuan::budget::DepartmentBudget;
use yusuan::classification::{Catalogue, Level};
use yusuan::disclosure::{Disclosure, Rounding, Template, render};
use yusuan::funding::{FundType, FundingGroup};
use yusuan::performance::{Indicator, PerformanceTargets};

const SEED: &str = include_str!("data/alashankou_2026.json");

fn wan(a: Amount) -> String {
    a.display_in(Unit::WanYuan).to_string()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let budget: DepartmentBudget = serde_json::from_str(SEED)?;
    let catalogue = Catalogue::builtin();
    let d = budget.department();
    println!(
        "{} {} 年部门预算 (单位：万元; codes checked against {})",
        d.name,
        d.year,
        budget.catalogue_edition()
    );

    // The twelve tables of the seed's profile, rounded as published (faithful mode).
    for table in Disclosure::new(&budget, Template::xinjiang_2026()).tables(Rounding::Faithful) {
        println!("\n{}", render::text(&table));
    }

    println!("\n收入总计 = 支出总计 {}", wan(budget.total()));
    println!("  本年收入 {}", wan(budget.current_year_total()));
    for (source, amount) in budget.by_source() {
        let share = amount
            .share_of(budget.total())
            .and_then(|r| r.percent(2))
            .unwrap_or_default();
        println!("    {source} {} (占 {share}%)", wan(amount));
    }
    println!("  上年结转结余 {}", wan(budget.carry_over_total()));
    println!(
        "  财政拨款（补助） {}，一般公共预算（含结转） {}",
        wan(budget.group_total(FundingGroup::FiscalAppropriation)),
        wan(budget.fund_type_total(FundType::GeneralPublicBudget, true))
    );

    let k = budget.kind_totals();
    println!(
        "\n基本支出 {} = 人员经费 {} + 公用经费 {}; 项目支出 {}",
        wan(k.basic()),
        wan(k.personnel),
        wan(k.operating),
        wan(k.project)
    );
    println!("\n支出功能分类:");
    for level in [Level::Class, Level::Section, Level::Item] {
        for (code, t) in budget.by_functional(level, |_| true) {
            let indent = "  ".repeat(1 + level as usize);
            println!(
                "{indent}{} {} (基本 {}, 项目 {})",
                catalogue.with_name(code),
                wan(t.total()),
                wan(t.basic()),
                wan(t.project)
            );
        }
    }
    println!("\n经济分类 (基本支出):");
    for (code, t) in budget.by_economic(Level::Class, |l| l.kind().is_basic()) {
        println!("  {} {}", catalogue.with_name(code), wan(t.basic()));
    }

    println!("\n项目:");
    for (id, total) in budget.project_totals() {
        if let Some(p) = budget.project(id) {
            println!("  {} {}", p.name, wan(total));
        }
    }
    for (_, item) in budget.carry_overs() {
        println!("  上年结转: {} {}", item.notice, wan(item.amount));
    }

    let t = budget.three_public();
    println!(
        "\n\"三公\"经费 {}: 因公出国（境） {}, 公务接待 {}, 公务用车购置 {}, 公务用车运行维护 {}",
        wan(t.total().unwrap_or(Amount::MAX)),
        wan(t.abroad),
        wan(t.reception),
        wan(t.vehicle_purchase),
        wan(t.vehicle_operation)
    );
    println!("委托业务费 {}", wan(budget.entrusted_business_total()));
    for (project, amount) in budget.entrusted_business() {
        let name = project
            .and_then(|p| budget.project(p))
            .map_or("基本支出", |p| p.name.as_str());
        println!("  {name} {}", wan(amount));
    }
    println!("机关运行经费 {}", wan(budget.organ_running()));
    if let Some(p) = budget.procurement() {
        println!(
            "政府采购 {} (货物 {}, 工程 {}, 服务 {})",
            wan(p.total().unwrap_or(Amount::MAX)),
            wan(p.goods),
            wan(p.works),
            wan(p.services)
        );
    }

    println!("\n与上年比较:");
    let yoy = budget.year_on_year();
    let show = |label: &str, c: &yusuan::budget::Comparison| {
        let rate = c
            .growth()
            .and_then(|r| r.percent(2))
            .map_or("—".to_string(), |r| format!("{}%", r.abs()));
        println!(
            "  {label} {} 比上年 {} {} 万元, {} {rate}",
            wan(c.current),
            c.direction(),
            wan(c.change().magnitude()),
            c.direction().rate_word()
        );
    };
    for (source, c) in &yoy.income {
        show(&source.to_string(), c);
    }
    for (label, c) in [
        ("基本支出", &yoy.basic),
        ("项目支出", &yoy.project),
        ("机关运行经费", &yoy.organ_running),
    ] {
        if let Some(c) = c {
            show(label, c);
        }
    }
    for (code, c) in &yoy.general_budget_by_item {
        show(&catalogue.with_name(*code).to_string(), c);
    }

    println!("\n情况说明:");
    for section in Disclosure::new(&budget, Template::xinjiang_2026()).narrative() {
        println!("\n{}", section.title);
        for p in &section.paragraphs {
            println!("  {p}");
        }
    }

    if let Some(targets) = budget.performance() {
        print_targets(&budget, targets);
    }
    Ok(())
}

/// The 部门整体绩效目标表 and the 项目支出绩效目标表, one row per indicator.
fn print_targets(budget: &DepartmentBudget, targets: &PerformanceTargets) {
    let row = |i: &Indicator| {
        let prior = i.prior.as_ref().map_or("", |p| p.printed());
        let rule = i
            .scoring
            .as_ref()
            .map(|r| r.to_string())
            .unwrap_or_default();
        println!(
            "  {} | {} | {} (≙ {}) | {} | {} | {} | {} | {}",
            i.category,
            i.name,
            i.target.printed(),
            i.target.value(),
            i.basis,
            prior,
            i.weight,
            rule,
            i.evidence
        );
    };
    if let Some(d) = &targets.department {
        println!(
            "\n部门整体绩效目标表: {} (联系人 {} {})",
            d.department, d.contact, d.phone
        );
        println!("  年度绩效目标: {}", d.goals);
        println!(
            "  年度预算: 上级安排 {}, 本级安排 {}, 其他资金 {}, 合计 {}",
            wan(d.fiscal_higher),
            wan(d.fiscal_own),
            wan(d.other),
            wan(d.total().unwrap_or(Amount::MAX))
        );
        d.indicators.iter().for_each(row);
    }
    for t in &targets.projects {
        println!(
            "\n项目支出绩效目标表: {} (负责人 {})",
            t.printed_name, t.person_responsible
        );
        println!(
            "  项目资金: 年度预算总额 {}, 其中：财政拨款 {}, 其他资金 {}",
            wan(t.total),
            wan(t.fiscal),
            wan(t.other)
        );
        println!("  项目总体目标: {}", t.goal);
        t.indicators.iter().for_each(row);
    }
    println!("\n提示 (lints):");
    for lint in targets.lint(budget) {
        println!("  {lint}");
    }
}
