//! A Guangdong document from its budget: 广州市信访局 2026
//! (`tests/data/disclosures/21_guangzhou_petition_bureau_2026_dept.txt`) under the Guangdong
//! twelve-table template — tables in 万元 with thousands separators, totals first, zeros printed
//! 0.00 — and the 情况说明 sections the budget can fill, in the document's wording.
//!
//! Run: `cargo run --example guangdong`

use yusuan::budget::DepartmentBudget;
use yusuan::disclosure::{Disclosure, Rounding, Template, render};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let budget: DepartmentBudget =
        serde_json::from_str(include_str!("data/guangzhou_petition_2026.json"))?;
    let disclosure = Disclosure::new(&budget, Template::guangdong_12());
    for table in disclosure.tables(Rounding::Faithful) {
        println!("{}", render::text(&table));
    }
    println!("第三部分 {}年部门预算情况说明", budget.department().year);
    for section in disclosure.narrative() {
        println!("{}", section.title);
        for p in &section.paragraphs {
            println!("  {p}");
        }
    }
    Ok(())
}
