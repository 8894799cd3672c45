//! A Chongqing document from its budget: 重庆市气象局 2026
//! (`tests/data/disclosures/19_chongqing_meteorological_2026_dept.txt`) under the Chongqing
//! twelve-table template — 万元 with thousands separators, the 合计 row first, each fund type
//! counting its 上年结转 — and the 情况说明 sections the budget can fill, in its wording.
//!
//! Run: `cargo run --example chongqing_meteorological_2026`

use yusuan::budget::DepartmentBudget;
use yusuan::disclosure::{Disclosure, Rounding, Template, render};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let budget: DepartmentBudget =
        serde_json::from_str(include_str!("data/chongqing_meteorological_2026.json"))?;
    let disclosure = Disclosure::new(&budget, Template::chongqing_12());
    for section in disclosure.narrative() {
        println!("{}", section.title);
        for p in &section.paragraphs {
            println!("  {p}");
        }
    }
    println!();
    for table in disclosure.tables(Rounding::Faithful) {
        println!("{}", render::text(&table));
    }
    Ok(())
}
