//! Needs arguments: `cargo run --example audit -- FILE [FILE|DIR …] [--json] [--lang en]`
//!
//! Audits published disclosures (the seed's tab-separated layout or ` | ` table grids). One file:
//! the tables read and every finding. Several files or a folder: one summary line per file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use yusuan::Catalogue;
use yusuan::audit::{Severity, audit};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let en = args.windows(2).any(|w| w[0] == "--lang" && w[1] == "en");
    let mut files: Vec<PathBuf> = Vec::new();
    let mut skip = false;
    for a in &args {
        if skip {
            skip = false;
            continue;
        }
        match a.as_str() {
            "--json" => {}
            "--lang" => skip = true,
            _ => {
                let p = Path::new(a);
                if p.is_dir() {
                    let mut inside: Vec<PathBuf> = std::fs::read_dir(p)
                        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
                        .unwrap_or_default();
                    inside.retain(|f| f.extension().is_some_and(|e| e == "txt" || e == "md"));
                    inside.retain(|f| {
                        !f.file_name()
                            .is_some_and(|n| n == "README.md" || n == "PROVENANCE.md")
                    });
                    inside.sort();
                    files.extend(inside);
                } else {
                    files.push(p.to_path_buf());
                }
            }
        }
    }
    if files.is_empty() {
        eprintln!("usage: cargo run --example audit -- FILE [FILE|DIR …] [--json] [--lang en]");
        return ExitCode::from(2);
    }
    let many = files.len() > 1;
    for f in &files {
        let text = match std::fs::read_to_string(f) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{}: cannot read: {e}", f.display());
                return ExitCode::from(2);
            }
        };
        let report = audit(&text, Catalogue::builtin());
        if json {
            match serde_json::to_string_pretty(&report) {
                Ok(s) => println!("{s}"),
                Err(e) => eprintln!("{e}"),
            }
            continue;
        }
        if many {
            println!(
                "{}: {} tables, {} errors, {} warnings, {} info",
                f.display(),
                report.tables.len(),
                report.count(Severity::Error),
                report.count(Severity::Warning),
                report.count(Severity::Info)
            );
            continue;
        }
        println!("{}: {} tables read", f.display(), report.tables.len());
        for t in &report.tables {
            println!(
                "  {} [{}] {} code rows, {} money columns",
                t.place,
                t.recognised.describe(),
                t.code_rows,
                t.money_columns
            );
        }
        for finding in &report.findings {
            println!("{}", finding.render(en));
        }
    }
    ExitCode::SUCCESS
}
