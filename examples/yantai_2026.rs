//! 烟台市信访局 2026 (Shandong template): load its budget from JSON and print the twelve tables
//! of the Shandong template rendered from it, as published in 万元.
//!
//! Run: `cargo run --example yantai_2026`

use yusuan::budget::DepartmentBudget;
use yusuan::disclosure::{Disclosure, Rounding, Template, render};

const BUDGET: &str = include_str!("data/yantai_petition_2026.json");
const TEMPLATE: &str = include_str!("../src/disclosure/templates/shandong_12.toml");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let budget: DepartmentBudget = serde_json::from_str(BUDGET)?;
    let template = Template::from_toml("shandong_12.toml", TEMPLATE)?;
    let d = budget.department();
    println!("{} {} 年部门预算 — 模板：{}", d.name, d.year, template.name);
    for table in Disclosure::new(&budget, template).tables(Rounding::Faithful) {
        println!("\n{}", render::text(&table));
    }
    Ok(())
}
