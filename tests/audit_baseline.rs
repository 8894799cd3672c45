//! Regression baseline: every error the auditor found on the shared documents
//! (`tests/data/disclosures`) before the typed document and the rule registry (issue 11) is
//! still found, file by file, at the same place with the same numbers.
//!
//! `tests/data/audit_baseline.jsonl` was written from the auditor as it stood before that
//! change (`YUSUAN_BLESS_BASELINE=1 cargo test --test audit_baseline`). It is a baseline, not a
//! statement of correctness: it says what must not be lost. Warnings and info may change.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use yusuan::Catalogue;
use yusuan::audit::{Finding, Severity, audit};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Every shared document, each file on its own (`.txt`, `.grid.txt`, the seed's `.md`).
fn shared_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("tests/data/disclosures"))
        .expect("tests/data/disclosures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            (n.ends_with(".txt") || n.ends_with(".md")) && n != "README.md" && n != "PROVENANCE.md"
        })
        .collect();
    files.sort();
    files
}

fn key(file: &str, f: &Finding) -> Value {
    json!({
        "file": file,
        "rule": f.rule,
        "severity": f.severity,
        "row": f.row,
        "column": f.column,
        "stated": f.stated.map(|d| d.normalize().to_string()),
        "computed": f.computed.map(|d| d.normalize().to_string()),
    })
}

fn name(p: &Path) -> String {
    p.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string()
}

fn current() -> Vec<Value> {
    let mut out = Vec::new();
    for p in shared_files() {
        let text = std::fs::read_to_string(&p).expect("UTF-8");
        let report = audit(&text, Catalogue::builtin());
        for f in report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
        {
            out.push(key(&name(&p), f));
        }
    }
    out
}

const BASELINE: &str = "tests/data/audit_baseline.jsonl";

#[test]
fn every_baseline_error_is_still_found() {
    let now = current();
    if std::env::var_os("YUSUAN_BLESS_BASELINE").is_some() {
        let lines: Vec<String> = now.iter().map(Value::to_string).collect();
        std::fs::write(root().join(BASELINE), lines.join("\n") + "\n").expect("write baseline");
        return;
    }
    let baseline = std::fs::read_to_string(root().join(BASELINE)).expect("baseline");
    let expected: Vec<Value> = baseline
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert!(expected.len() > 10, "{} baseline errors", expected.len());
    let lost: Vec<&Value> = expected.iter().filter(|e| !now.contains(e)).collect();
    assert!(
        lost.is_empty(),
        "{} of {} baseline errors lost: {lost:#?}",
        lost.len(),
        expected.len()
    );
}
