//! 北京市统计局 2026 (Beijing template): load a budget from JSON (by default
//! `examples/data/beijing_statistics_2026.json`, or the file named on the command line) and print
//! the tables of the Beijing template rendered from it, in 万元 with six decimals.
//!
//! Run: `cargo run --example beijing_statistics_2026 [-- budget.json] [--tsv]`

use yusuan::budget::DepartmentBudget;
use yusuan::disclosure::{Disclosure, Rounding, Template, render};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let tsv = args.iter().any(|a| a == "--tsv");
    let path = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map_or("examples/data/beijing_statistics_2026.json", String::as_str);
    let budget: DepartmentBudget = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let template = Template::builtin("beijing_13.toml").ok_or("no Beijing template")?;
    let d = budget.department();
    println!(
        "{} {} 年度部门预算 — 模板：{}",
        d.name, d.year, template.name
    );
    for table in Disclosure::new(&budget, template).tables(Rounding::Faithful) {
        if tsv {
            println!("\n{}", render::tsv(&table));
        } else {
            println!("\n{}", render::text(&table));
        }
    }
    Ok(())
}
