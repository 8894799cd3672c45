//! Prints the seed budget's tables under the central template (中央部门, nine tables), the
//! 一般公共预算支出表 with the prior year's figures by 项 and their changes.

use yusuan::budget::DepartmentBudget;
use yusuan::disclosure::{Disclosure, Rounding, Template, render};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let budget: DepartmentBudget = serde_json::from_str(include_str!("data/alashankou_2026.json"))?;
    let d = Disclosure::new(&budget, Template::central_9());
    for t in d.tables(Rounding::Faithful) {
        println!("{}", render::tsv(&t));
    }
    for s in d.narrative() {
        println!("{}", s.title);
        for p in &s.paragraphs {
            println!("{p}");
        }
    }
    Ok(())
}
