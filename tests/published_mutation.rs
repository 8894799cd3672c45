//! Mutation test of the typed document and the auditor over every shared document (the 23 text
//! pairs and the seed): thousands of single-character changes to the narrative and single-cell
//! changes to the tables, each read into a `PublishedDocument` (through `from_parts`, the PDF
//! path) and audited: no panic, and every finding names a registered rule.
//!
//! Deterministic: case `n` of a document always makes the same change. A failure names the
//! document, the case and the change. `YUSUAN_MUTATION_SCALE=10` runs ten times as many cases.

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use yusuan::Catalogue;
use yusuan::audit::read::{RawTable, read_tables};
use yusuan::audit::{PublishedDocument, audit_document, rules};

/// splitmix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// What a character of the narrative becomes.
const CHARS: &[&str] = &[
    "",
    "0",
    "9",
    ".",
    ",",
    "-",
    "%",
    "万元",
    "元",
    "（类）",
    "（款）",
    "（项）",
    "比上年",
    "增加",
    "减少",
    "下降",
    "其中",
    "占",
    "。",
    "\n",
    " | ",
    "１",
    "．",
    "，",
    "\u{3000}",
];

/// What a table cell becomes.
const CELLS: &[&str] = &[
    "",
    "-",
    "—",
    "0",
    "0.00",
    "1,23",
    "1..2",
    "12 20",
    "-19,000.00",
    "99999999999999999999999999999",
    "79228162514264337593543950336",
    "0.1111111111111111111111111111",
    "１２３．４５",
    "合计",
    "总计",
    "201",
    "20101",
    "2010101",
    "7",
    "项目名称",
    "资金总额",
    "分值权重",
    "单位：万元",
    "NaN",
];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/disclosures")
}

/// Every shared document as (name, narrative, tables).
fn documents() -> Vec<(String, String, Vec<RawTable>)> {
    let mut out = Vec::new();
    let mut grids: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("disclosures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".grid.txt"))
        .collect();
    grids.sort();
    for g in grids {
        let name = g
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        let stem = name.trim_end_matches(".grid.txt");
        let narrative =
            std::fs::read_to_string(dir().join(format!("{stem}.txt"))).expect("narrative");
        let grid = std::fs::read_to_string(&g).expect("grid");
        out.push((stem.to_string(), narrative, read_tables(&grid)));
    }
    let seed =
        std::fs::read_to_string(dir().join("alashankou_science_bureau_2026.md")).expect("seed");
    let tables = read_tables(&seed);
    out.push(("alashankou".into(), seed, tables));
    out
}

fn scale() -> usize {
    std::env::var("YUSUAN_MUTATION_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1)
}

fn mutate_char(rng: &mut Rng, text: &str) -> (String, String) {
    let chars: Vec<char> = text.chars().collect();
    let at = rng.below(chars.len());
    let to = CHARS[rng.below(CHARS.len())];
    let mut out: String = chars.iter().take(at).collect();
    out.push_str(to);
    out.extend(chars.iter().skip(at + 1));
    (out, format!("char {at} → {to:?}"))
}

fn mutate_cell(rng: &mut Rng, tables: &[RawTable]) -> (Vec<RawTable>, String) {
    let mut tables = tables.to_vec();
    let t = rng.below(tables.len());
    let to = CELLS[rng.below(CELLS.len())];
    let Some(table) = tables.get_mut(t) else {
        return (tables, "no table".into());
    };
    let r = rng.below(table.rows.len());
    let Some(row) = table.rows.get_mut(r) else {
        return (tables, "no row".into());
    };
    let c = rng.below(row.len());
    if let Some(cell) = row.get_mut(c) {
        *cell = to.to_string();
    }
    let place = table.place.clone();
    (tables, format!("{place} row {r} col {c} → {to:?}"))
}

/// A changed document: narrative, tables, and what was changed.
type Changed = (String, Vec<RawTable>, String);

/// Runs `per_doc` changes made by `change` on every shared document; the number of cases.
fn run(change: fn(&mut Rng, &str, &[RawTable]) -> Changed) -> usize {
    let ids: HashSet<&str> = rules().map(|r| r.id).collect();
    let docs = documents();
    assert_eq!(docs.len(), 24);
    let per_doc = 48 * scale();
    let mut cases = 0usize;
    for (k, (name, narrative, tables)) in docs.iter().enumerate() {
        let mut rng = Rng(0x5EED ^ k as u64);
        for case in 0..per_doc {
            let (text, tables, what) = change(&mut rng, narrative, tables);
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                let doc = PublishedDocument::from_parts(&text, tables);
                audit_document(&doc, Catalogue::builtin())
            }));
            let report = outcome.unwrap_or_else(|_| panic!("{name} case {case}: {what} panics"));
            for f in &report.findings {
                assert!(
                    ids.contains(f.rule),
                    "{name} case {case}: unregistered {}",
                    f.rule
                );
            }
            cases += 1;
        }
    }
    cases
}

#[test]
fn single_character_changes_never_panic() {
    let cases = run(|rng, narrative, tables| {
        let (text, what) = mutate_char(rng, narrative);
        (text, tables.to_vec(), what)
    });
    assert!(cases >= 1000, "{cases} cases");
}

#[test]
fn single_cell_changes_never_panic() {
    let cases = run(|rng, narrative, tables| {
        let (tables, what) = mutate_cell(rng, tables);
        (narrative.to_string(), tables, what)
    });
    assert!(cases >= 1000, "{cases} cases");
}
