//! The rule registry: ids unique, every rule described, and every finding the auditor emits on
//! the shared documents (each file alone, and each text pair read as one document) is a
//! registered rule's.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use yusuan::Catalogue;
use yusuan::audit::{PublishedDocument, audit, audit_document, rules};

fn shared(suffix: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/disclosures");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("disclosures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .filter(|p| !p.to_string_lossy().ends_with("README.md"))
        .filter(|p| !p.to_string_lossy().ends_with("PROVENANCE.md"))
        .collect();
    v.sort();
    v
}

#[test]
fn rule_ids_are_unique_and_described() {
    let mut seen = HashSet::new();
    for r in rules() {
        assert!(seen.insert(r.id), "{} registered twice", r.id);
        assert!(
            !r.description.is_empty() && !r.applies_when.is_empty(),
            "{}",
            r.id
        );
    }
    assert!(seen.len() >= 28, "{} rules", seen.len());
}

#[test]
fn every_emitted_finding_is_a_registered_rules() {
    let ids: HashSet<&str> = rules().map(|r| r.id).collect();
    let mut emitted = HashSet::new();
    for p in shared(".txt").iter().chain(&shared(".md")) {
        let text = std::fs::read_to_string(p).expect("UTF-8");
        for f in audit(&text, Catalogue::builtin()).findings {
            emitted.insert(f.rule);
        }
    }
    for p in shared(".grid.txt") {
        let doc = PublishedDocument::from_path(&p).expect("pair");
        for f in audit_document(&doc, Catalogue::builtin()).findings {
            emitted.insert(f.rule);
        }
    }
    let unknown: Vec<_> = emitted.iter().filter(|id| !ids.contains(*id)).collect();
    assert!(
        unknown.is_empty(),
        "emitted but not registered: {unknown:?}"
    );
    // the shared documents exercise the core rules
    for id in [
        "table.subtotal",
        "table.row_sum",
        "narrative.rate",
        "code.alias",
    ] {
        assert!(emitted.contains(id), "{id} never emitted");
    }
}
