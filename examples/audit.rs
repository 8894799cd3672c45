//! Needs arguments: `cargo run --example audit -- FILE|DIR … [--json] [--lang en] [--summary] [--single]`
//!
//! Audits published disclosures: the seed's Markdown, a text pair (`X.txt` narrative and
//! `X.grid.txt` tables of one PDF, given together or found by stem — one document), a folder
//! (every document in it), and PDFs with the `pdf` feature (a two-part `X_A.pdf` + `X_B.pdf` is
//! one document).
//!
//! Prints every finding and one summary line per document (`--summary`: only the summary
//! lines; `--single`: read `.txt` and `.grid.txt` files each on their own, as the auditor did
//! before documents were read as pairs). `--json` writes JSON Lines to standard output, one
//! finding per line with its `file`; the summary lines then go to standard error. `--lang en`
//! writes findings and summaries in English.
//!
//! Exit status: 0 when nothing is above info, 1 when there are errors (or warnings only: 0),
//! 2 when a file cannot be read or yields no table.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use yusuan::Catalogue;
use yusuan::audit::{PublishedDocument, Report, Severity, audit_document};

/// What the program was asked to do.
struct Options {
    json: bool,
    en: bool,
    summary_only: bool,
    single: bool,
    inputs: Vec<PathBuf>,
}

fn options() -> Option<Options> {
    let mut o = Options {
        json: false,
        en: false,
        summary_only: false,
        single: false,
        inputs: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => o.json = true,
            "--summary" => o.summary_only = true,
            "--single" => o.single = true,
            "--lang" => o.en = args.next()? == "en",
            _ => o.inputs.push(PathBuf::from(a)),
        }
    }
    (!o.inputs.is_empty()).then_some(o)
}

/// A document's files: one file, or the narrative and grid of a pair (named by the first).
fn is_document_file(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let kind = name.ends_with(".txt") || name.ends_with(".md") || name.ends_with(".pdf");
    kind && name != "README.md" && name != "PROVENANCE.md"
}

/// The documents named by the inputs, each once: a pair's two files are one document (its
/// `.txt`), unless `single`.
fn documents(o: &Options) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = Vec::new();
    for p in &o.inputs {
        if p.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(p)
                .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            inside.retain(|f| is_document_file(f));
            inside.sort();
            files.extend(inside);
        } else {
            files.push(p.clone());
        }
    }
    if o.single {
        return files;
    }
    let mut seen = BTreeSet::new();
    files
        .into_iter()
        .map(|f| match yusuan::audit::document::pair_of(&f) {
            (Some(narrative), Some(_)) => narrative,
            _ => match f.to_string_lossy().strip_suffix("_B.pdf") {
                // A two-part PDF is one document, named by its first part.
                Some(stem) if Path::new(&format!("{stem}_A.pdf")).exists() => {
                    PathBuf::from(format!("{stem}_A.pdf"))
                }
                _ => f,
            },
        })
        .filter(|f| seen.insert(f.clone()))
        .collect()
}

/// Reads a PDF (with the `pdf` feature): one file, or a document published in two parts
/// (`X_A.pdf` narrative and `X_B.pdf` tables, given by either).
#[cfg(feature = "pdf")]
fn read_pdf(path: &Path) -> Result<PublishedDocument, String> {
    use yusuan::pdf::PdfDocument;
    let name = path.to_string_lossy();
    let parts: Vec<PathBuf> = match (name.strip_suffix("_A.pdf"), name.strip_suffix("_B.pdf")) {
        (Some(stem), _) | (_, Some(stem)) if Path::new(&format!("{stem}_B.pdf")).exists() => {
            vec![
                format!("{stem}_A.pdf").into(),
                format!("{stem}_B.pdf").into(),
            ]
        }
        _ => vec![path.to_path_buf()],
    };
    let read: Result<Vec<PdfDocument>, _> = parts.iter().map(PdfDocument::read).collect();
    let document = PdfDocument::from_parts(read.map_err(|e| e.to_string())?);
    Ok(document.to_document())
}

#[cfg(not(feature = "pdf"))]
fn read_pdf(_: &Path) -> Result<PublishedDocument, String> {
    Err("PDF input needs the `pdf` feature: cargo run --features pdf --example audit".into())
}

/// Reads one document: a PDF (feature `pdf`), a text pair, one text, or the seed's Markdown.
fn read_document(path: &Path, single: bool) -> Result<PublishedDocument, String> {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
    {
        return read_pdf(path);
    }
    if single {
        let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        return Ok(PublishedDocument::from_text(&text));
    }
    PublishedDocument::from_path(path).map_err(|e| e.to_string())
}

fn summary(file: &str, report: &Report, en: bool) -> String {
    let (e, w, i) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
    );
    if en {
        format!(
            "{file}: {} tables, {e} errors, {w} warnings, {i} info",
            report.tables.len()
        )
    } else {
        format!(
            "{file}：{} 张表，错误 {e}，警告 {w}，提示 {i}",
            report.tables.len()
        )
    }
}

/// Audits one document and prints it; its exit status (0, 1 or 2).
fn audit_one(path: &Path, o: &Options) -> u8 {
    let file = path.display().to_string();
    let document = match read_document(path, o.single) {
        Ok(d) => d,
        Err(e) => {
            eprintln!(
                "{file}: {}: {e}",
                if o.en { "unreadable" } else { "无法读取" }
            );
            return 2;
        }
    };
    let report = audit_document(&document, Catalogue::builtin());
    for f in &report.findings {
        if o.json {
            let mut v = serde_json::to_value(f).unwrap_or_default();
            if let Some(m) = v.as_object_mut() {
                m.insert("file".into(), file.clone().into());
            }
            println!("{v}");
        } else if !o.summary_only {
            println!("{}", f.render(o.en));
        }
    }
    let line = summary(&file, &report, o.en);
    if o.json {
        eprintln!("{line}");
    } else {
        println!("{line}");
    }
    if report.tables.is_empty() {
        eprintln!(
            "{file}: {}",
            if o.en {
                "no table read"
            } else {
                "未读到表格"
            }
        );
        2
    } else if report.count(Severity::Error) > 0 {
        1
    } else {
        0
    }
}

fn main() -> ExitCode {
    let Some(o) = options() else {
        eprintln!(
            "usage: cargo run --example audit -- FILE|DIR … [--json] [--lang en] [--summary] [--single]"
        );
        return ExitCode::from(2);
    };
    let docs = documents(&o);
    if docs.is_empty() {
        eprintln!("no document found");
        return ExitCode::from(2);
    }
    let status = docs.iter().map(|d| audit_one(d, &o)).max().unwrap_or(0);
    ExitCode::from(status)
}
