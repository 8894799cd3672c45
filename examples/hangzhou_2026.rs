//! 杭州市气象局 2026 (Zhejiang template): load its budget from JSON and print the eleven tables
//! of the Zhejiang template rendered from it, as published in 万元.
//!
//! Run: `cargo run --example hangzhou_2026`

use yusuan::budget::DepartmentBudget;
use yusuan::disclosure::{Disclosure, Rounding, Template, render};

const BUDGET: &str = include_str!("data/hangzhou_meteorological_2026.json");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let budget: DepartmentBudget = serde_json::from_str(BUDGET)?;
    let d = budget.department();
    println!(
        "{} {} 年度部门预算 — 模板：{}",
        d.name,
        d.year,
        Template::zhejiang_11().name
    );
    for table in Disclosure::new(&budget, Template::zhejiang_11()).tables(Rounding::Faithful) {
        println!("\n{}", render::text(&table));
    }
    Ok(())
}
