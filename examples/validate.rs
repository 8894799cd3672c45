//! Needs arguments: `cargo run --example validate -- FILE.json [--catalogue EDITION.tsv]`
//!
//! Validates a department budget in JSON. Exit codes: 0 valid (a summary is printed), 1 invalid
//! (every violation is printed, one per line), 2 unreadable (the file or its JSON).
//!
//! The budget is checked against the catalogue edition its JSON names: the built-in `"2026"`, or
//! an edition supplied with `--catalogue EDITION.tsv`, whose label is the file's name without
//! `.tsv` (a budget naming `"某省2026"` is read with `--catalogue 某省2026.tsv`).

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use yusuan::budget::read_json;
use yusuan::{Catalogue, Unit};

/// Loads `--catalogue FILE.tsv`, labelled by the file's stem.
fn edition(path: &str) -> Result<Arc<Catalogue>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: cannot read: {e}"))?;
    let label = Path::new(path)
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or_else(|| format!("{path}: no file name to label the edition with"))?;
    Catalogue::from_tsv(label, &text)
        .map(Arc::new)
        .map_err(|e| format!("{path}: {e}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let catalogue = match args.iter().position(|a| a == "--catalogue") {
        Some(i) => match args.get(i + 1).map(|p| edition(p)) {
            Some(Ok(c)) => Some(c),
            Some(Err(e)) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
            None => {
                eprintln!("--catalogue needs a file");
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let Some(path) = args.first().filter(|a| *a != "--catalogue") else {
        eprintln!("usage: cargo run --example validate -- FILE.json [--catalogue EDITION.tsv]");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: cannot read: {e}");
            return ExitCode::from(2);
        }
    };
    // The builder reads the document; build() then checks every invariant.
    let mut builder = match read_json(&bytes) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: not a budget document: {e}");
            return ExitCode::from(2);
        }
    };
    // An edition supplied by the caller is used when the budget names it.
    if let Some(c) = catalogue.filter(|c| builder.catalogue_edition() == Some(c.edition())) {
        builder.catalogue(c);
    }
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
