//! A Shanghai (普陀) document from its budget: 上海市普陀区社会福利院 2024
//! (`tests/data/disclosures/10_shanghai_putuo_welfare_home_2024_unit.txt`) under the Shanghai
//! nine-table template — tables in 元 with thousands separators, the "三公" table in 万元 — and
//! its 情况说明 in Putuo's wording. Then the seed budget under the same template.
//!
//! Run: `cargo run --example shanghai_profile`

use yusuan::budget::DepartmentBudget;
use yusuan::disclosure::{Disclosure, Rounding, Template, render};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let welfare: DepartmentBudget =
        serde_json::from_str(include_str!("data/shanghai_putuo_welfare_home_2024.json"))?;
    let disclosure = Disclosure::new(&welfare, Template::shanghai_9());
    for table in disclosure.tables(Rounding::Faithful) {
        println!("{}", render::text(&table));
    }
    for section in disclosure.narrative() {
        println!("{}", section.title);
        for p in &section.paragraphs {
            println!("  {p}");
        }
    }
    println!();
    let seed: DepartmentBudget = serde_json::from_str(include_str!("data/alashankou_2026.json"))?;
    for table in Disclosure::new(&seed, Template::shanghai_9()).tables(Rounding::Footing) {
        println!("{}", render::text(&table));
    }
    Ok(())
}
