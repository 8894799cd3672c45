//! The seed department's disclosure, 阿拉山口市科学技术局 2026, as an Excel workbook: its twelve
//! tables, the 情况说明 and the six 绩效目标表, one sheet each, with the exact amounts in a hidden
//! sheet. Writes it under the target directory (or the system's temporary directory), reads it
//! back and audits it, and prints its path.
//!
//! Run: `cargo run --example workbook --features xlsx`

use std::path::PathBuf;

use yusuan::Catalogue;
use yusuan::audit::Severity;
use yusuan::budget::DepartmentBudget;
use yusuan::disclosure::{Disclosure, Rounding, Template};

const SEED: &str = include_str!("data/alashankou_2026.json");

/// `target/` beside the manifest when cargo runs the example, else the temporary directory.
fn out_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    if target.is_dir() {
        target
    } else {
        std::env::temp_dir()
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let budget: DepartmentBudget = serde_json::from_str(SEED)?;
    let disclosure = Disclosure::new(&budget, Template::xinjiang_2026());
    let path = out_dir().join("alashankou_2026.xlsx");
    yusuan::xlsx::save(&disclosure, Rounding::Faithful, &path)?;

    let book = yusuan::xlsx::read_path(&path)?;
    let report = yusuan::audit::audit(&book.document(), Catalogue::builtin());
    eprintln!(
        "{} tables and {} sheet(s) of text read back; audit: {} errors, {} warnings, {} notes",
        book.tables.len(),
        book.texts.len(),
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
    );
    println!("{}", path.display());
    Ok(())
}
