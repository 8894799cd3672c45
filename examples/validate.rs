//! Needs arguments: `cargo run --example validate -- FILE.json`
//!
//! Validates a department budget in JSON. Exit codes: 0 valid (a summary is printed), 1 invalid
//! (every violation is printed, one per line), 2 unreadable (the file or its JSON).

use std::process::ExitCode;

use yusuan::Unit;
use yusuan::budget::DepartmentBudgetBuilder;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: cargo run --example validate -- FILE.json");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: cannot read: {e}");
            return ExitCode::from(2);
        }
    };
    // The builder reads the document; build() then checks every invariant.
    let builder: DepartmentBudgetBuilder = match serde_json::from_str(&text) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: not a budget document: {e}");
            return ExitCode::from(2);
        }
    };
    match builder.build() {
        Ok(budget) => {
            let d = budget.department();
            let k = budget.kind_totals();
            println!(
                "{path}: valid — {} {} 年, {} lines, {} projects, 收支总计 {} 万元 (基本 {}, 项目 {})",
                d.name,
                d.year,
                budget.lines().len(),
                budget.projects().count(),
                budget.total().display_in(Unit::WanYuan),
                k.basic().display_in(Unit::WanYuan),
                k.project.display_in(Unit::WanYuan),
            );
            ExitCode::SUCCESS
        }
        Err(rejected) => {
            println!("{path}: {} violation(s)", rejected.violations().len());
            for v in rejected.violations() {
                println!("{v}");
            }
            ExitCode::from(1)
        }
    }
}
