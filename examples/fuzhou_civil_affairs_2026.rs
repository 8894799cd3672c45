//! A Fujian document from its budget: 福州市民政局（本级） 2026 年度单位预算
//! (`tests/data/disclosures/23_fuzhou_civil_affairs_2026_unit.txt`) under the Fujian ten-table
//! template — 万元 without separators, the 合计 row first and printing 0.00, the forms' full
//! lists of 类 and economic 款 — then its project target tables and the 情况说明 sections the
//! budget can fill, in its wording.
//!
//! Run: `cargo run --example fuzhou_civil_affairs_2026`

use yusuan::budget::DepartmentBudget;
use yusuan::disclosure::{Disclosure, Rounding, Template, render};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let budget: DepartmentBudget =
        serde_json::from_str(include_str!("data/fuzhou_civil_affairs_2026.json"))?;
    let template = Template::builtin("fujian_10.toml").ok_or("no Fujian template")?;
    let disclosure = Disclosure::new(&budget, template);
    for table in disclosure.tables(Rounding::Faithful) {
        println!("{}", render::text(&table));
    }
    for table in disclosure.target_tables(Rounding::Faithful) {
        println!("{}", render::text(&table));
    }
    for section in disclosure.narrative() {
        println!("{}", section.title);
        for p in &section.paragraphs {
            println!("  {p}");
        }
    }
    Ok(())
}
