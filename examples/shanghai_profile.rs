//! The seed budget published under the Shanghai nine-table template (tables in 元 with thousands
//! separators, the "三公" table in 万元), in footing mode.
//!
//! Run: `cargo run --example shanghai_profile`

use yusuan::budget::DepartmentBudget;
use yusuan::disclosure::{Disclosure, Rounding, Template, render};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let budget: DepartmentBudget = serde_json::from_str(include_str!("data/alashankou_2026.json"))?;
    for table in Disclosure::new(&budget, Template::shanghai_9()).tables(Rounding::Footing) {
        println!("{}", render::text(&table));
    }
    Ok(())
}
