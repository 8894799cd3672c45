//! Needs arguments: `cargo run --release --features pdf --example pdf_tables -- FILE.pdf [--text]`
//!
//! Reads a published budget PDF and prints its tables in the layout of the `.grid.txt` files
//! (`===== [page N table K: R rows x C cols] =====`, cells joined with ` | `), each with the
//! title and unit found above it; with `--text`, the narrative lines of each page as well.

use std::process::ExitCode;
use yusuan::pdf::PdfDocument;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let with_text = args.iter().any(|a| a == "--text");
    let files: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if files.is_empty() {
        eprintln!("usage: pdf_tables FILE.pdf [FILE.pdf …] [--text]");
        return ExitCode::from(2);
    }
    let mut parts = Vec::new();
    for f in files {
        match PdfDocument::read(f) {
            Ok(d) => parts.push(d),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
    }
    let doc = PdfDocument::from_parts(parts);
    for page in doc.pages() {
        if with_text {
            println!("===== [page {}] =====", page.number());
            for line in page.narrative() {
                println!("{line}");
            }
        }
        for t in page.tables() {
            let cols = t.rows.iter().map(Vec::len).max().unwrap_or(0);
            println!();
            println!(
                "===== [{}: {} rows x {} cols] =====",
                t.place,
                t.rows.len(),
                cols
            );
            println!(
                "# title: {} · unit: {}",
                t.title.as_deref().unwrap_or("-"),
                t.unit.as_deref().unwrap_or("-")
            );
            for row in &t.rows {
                println!("{}", row.join(" | "));
            }
        }
    }
    let pages = doc.pages().len();
    let tables: usize = doc.pages().iter().map(|p| p.tables().len()).sum();
    eprintln!("{pages} pages, {tables} tables");
    ExitCode::SUCCESS
}
