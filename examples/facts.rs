//! The seed budget as flat facts: write its leaf lines as CSV (to stdout) and its side file
//! (to stderr's summary, as a size), read both back through the builder, and check that the
//! budget read back is the budget written.
//!
//! Run: `cargo run --example facts > seed_facts.csv`

use yusuan::budget::DepartmentBudget;
use yusuan::facts::{self, Reader, Side};

const SEED: &str = include_str!("data/alashankou_2026.json");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let budget: DepartmentBudget = serde_json::from_str(SEED)?;
    let mut csv = Vec::new();
    facts::write_csv(&budget, &mut csv)?;
    let side = Side::of(&budget);
    let mut side_json = Vec::new();
    side.write_json(&mut side_json)?;

    print!("{}", String::from_utf8(csv.clone())?);

    let again = Reader::new()
        .side(Side::from_json(&side_json)?)
        .read_csv(&csv[..])?;
    assert_eq!(again, budget, "the budget read back differs");
    eprintln!(
        "{} lines, {} bytes of CSV and {} bytes of side file; read back equal to the budget \
         (total {} 元)",
        budget.lines().len(),
        csv.len(),
        side_json.len(),
        again.total()
    );
    Ok(())
}
