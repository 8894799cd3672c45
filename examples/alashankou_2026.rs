//! The seed department, 阿拉山口市科学技术局 2026, as far as the foundation layer can show it:
//! its classification codes with their catalogue names, and its income by funding source with
//! shares computed from the amounts (the full budget model comes with the budget issue).
//!
//! Run: `cargo run --example alashankou_2026`

use yusuan::FundingSource;
use yusuan::amount::{Amount, Unit, shares_summing_to_100};
use yusuan::classification::{Catalogue, EconomicCode, FunctionalCode};

fn main() -> Result<(), yusuan::Error> {
    let catalogue = Catalogue::builtin();
    println!(
        "阿拉山口市科学技术局 2026 年部门预算 (catalogue edition {})",
        catalogue.edition()
    );

    // The functional 项 the seed's 表3 spends on, with their 款 and 类.
    println!("\n支出功能分类 (表3):");
    let items = ["2060101", "2060208", "2060404", "2060702", "2060799"];
    let mut last_parents: Vec<FunctionalCode> = Vec::new();
    for text in items {
        let item = catalogue.functional(text)?;
        let chain = [item.class(), item.section().unwrap_or(item), item];
        for (depth, code) in chain.iter().enumerate() {
            if depth < 2 && last_parents.get(depth) == Some(code) {
                continue;
            }
            println!(
                "{:indent$}{} [{}]",
                "",
                catalogue.with_name(*code),
                code.level(),
                indent = depth * 2
            );
        }
        last_parents = chain[..2].to_vec();
    }

    // The economic 款 of the seed's 表6 (基本支出), with the government 款 a 机关 reports them under.
    println!("\n部门预算支出经济分类 (表6) → 政府预算支出经济分类 (机关):");
    let sections = [
        "30101", "30102", "30103", "30108", "30109", "30110", "30111", "30112", "30113", "30199",
        "30201", "30202", "30207", "30211", "30217", "30228", "30231", "30239", "30299", "30302",
        "30305", "30307", "30309",
    ];
    for text in sections {
        let code: EconomicCode = catalogue.economic(text)?;
        let government = code
            .government_code(yusuan::classification::MappingBasis::Organ)
            .map(|g| catalogue.with_name(g).to_string())
            .unwrap_or_else(|| "(no known mapping)".to_string());
        println!(
            "  {} → {}",
            pad(&catalogue.with_name(code).to_string(), 34),
            government
        );
    }

    // 表1 income: amounts as printed (万元), shares computed and footed to 100.00 %.
    println!("\n收入 (表1), 万元:");
    let income = [
        (FundingSource::GeneralBudgetOwn, "69.62"),
        (FundingSource::GeneralBudgetTransfer, "23.00"),
        (FundingSource::GeneralBudgetCarryOver, "3.00"),
    ];
    let amounts: Vec<Amount> = income
        .iter()
        .map(|(_, text)| Amount::parse_in(text, Unit::WanYuan))
        .collect::<Result<_, _>>()?;
    let total = Amount::checked_sum(amounts.iter().copied())?;
    let shares = shares_summing_to_100(&amounts)?.unwrap_or_default();
    for (((source, _), amount), share) in income.iter().zip(&amounts).zip(&shares) {
        println!(
            "  {} {:>8}  占 {:>6}%  ({})",
            pad(&source.to_string(), 32),
            amount.display_in(Unit::WanYuan),
            share,
            source.group()
        );
    }
    println!(
        "  {} {:>8}",
        pad("收入总计", 32),
        total.display_in(Unit::WanYuan)
    );
    Ok(())
}

/// Pads `text` with spaces to `width` terminal columns, counting a CJK character as two.
fn pad(text: &str, width: usize) -> String {
    let columns: usize = text
        .chars()
        .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
        .sum();
    format!("{text}{}", " ".repeat(width.saturating_sub(columns)))
}
