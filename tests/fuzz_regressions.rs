//! Fuzzing on stable: every input the fuzzer found a fault with, and every shipped sample the
//! fuzzer is seeded from, replayed through the fuzz targets' own entry points
//! (`fuzz/src/lib.rs`, the library of the nightly `fuzz/` crate).
//!
//! A fault found by `cargo +nightly fuzz run TARGET` is kept as a file under
//! `tests/data/fuzz_regressions/TARGET/`; `regression_inputs_replay` runs them all. See
//! `fuzz/run.sh` for how the targets are run.

#[path = "../fuzz/src/lib.rs"]
mod entry;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use yusuan::audit::{Severity, audit};
use yusuan::budget::read_json;
use yusuan::{Amount, Catalogue, Change};

type Target = fn(&[u8]);

/// The fuzz targets, by the name of their `fuzz/fuzz_targets/NAME.rs` and regression folder.
const TARGETS: [(&str, Target); 8] = [
    ("amount", entry::amount),
    ("codes", entry::codes),
    ("vocabulary", entry::vocabulary),
    ("catalogue_tsv", entry::catalogue_tsv),
    ("budget_json", entry::budget_json),
    ("audit", entry::audit),
    ("performance", entry::performance),
    ("template", entry::template),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &Path, ext: Option<&str>) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .filter(|p| ext.is_none_or(|x| p.extension().is_some_and(|e| e == x)))
        .collect();
    out.sort();
    out
}

/// Runs `target` on each input; returns the inputs that panicked, with the message.
fn replay(target: Target, inputs: &[(String, Vec<u8>)]) -> Vec<String> {
    inputs
        .iter()
        .filter_map(|(name, data)| {
            catch_unwind(AssertUnwindSafe(|| target(data)))
                .err()
                .map(|e| {
                    let msg = e
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default();
                    format!("{name}: {msg}")
                })
        })
        .collect()
}

fn read_all(paths: &[PathBuf]) -> Vec<(String, Vec<u8>)> {
    paths
        .iter()
        .map(|p| {
            let data = std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.display().to_string(), data)
        })
        .collect()
}

fn assert_none_panic(target: &str, inputs: &[(String, Vec<u8>)]) {
    let f = TARGETS
        .iter()
        .find(|(n, _)| *n == target)
        .map(|(_, f)| *f)
        .expect("a target");
    let failures = replay(f, inputs);
    assert!(
        failures.is_empty(),
        "{target}: {} of {} inputs fail:\n{}",
        failures.len(),
        inputs.len(),
        failures.join("\n")
    );
}

#[test]
fn regression_inputs_replay() {
    let dir = root().join("tests/data/fuzz_regressions");
    let mut replayed = 0;
    for sub in std::fs::read_dir(&dir).expect("tests/data/fuzz_regressions") {
        let sub = sub.expect("an entry").path();
        let name = sub.file_name().and_then(|n| n.to_str()).unwrap_or("");
        assert!(
            TARGETS.iter().any(|(t, _)| *t == name),
            "{}: no fuzz target of that name",
            sub.display()
        );
        let inputs = read_all(&files(&sub, None));
        assert!(!inputs.is_empty(), "{}: empty", sub.display());
        replayed += inputs.len();
        assert_none_panic(name, &inputs);
    }
    assert!(replayed >= 3, "only {replayed} regression inputs");
}

#[test]
fn seed_budgets_replay() {
    let data = root().join("examples/data");
    let mut paths = files(&data, Some("json"));
    paths.extend(files(&data.join("invalid"), Some("json")));
    assert!(paths.len() >= 10, "{paths:?}");
    assert_none_panic("budget_json", &read_all(&paths));
}

#[test]
fn seed_catalogues_replay() {
    let paths = [
        root().join("src/classification/data/2026.tsv"),
        root().join("tests/data/catalogue/catalogue-2026-mined.tsv"),
    ];
    assert_none_panic("catalogue_tsv", &read_all(&paths));
}

#[test]
fn seed_templates_replay() {
    let mut paths = files(&root().join("src/disclosure/templates"), Some("toml"));
    paths.extend(files(&root().join("tests/data/templates"), Some("toml")));
    assert!(paths.len() >= 3, "{paths:?}");
    assert_none_panic("template", &read_all(&paths));
}

fn disclosures() -> Vec<PathBuf> {
    let dir = root().join("tests/data/disclosures");
    let mut paths = files(&dir, Some("txt"));
    paths.push(dir.join("alashankou_science_bureau_2026.md"));
    paths
}

#[test]
fn seed_disclosures_replay() {
    let paths = disclosures();
    assert!(paths.len() >= 47, "{} disclosures", paths.len());
    assert_none_panic("audit", &read_all(&paths));
}

/// Every cell printed in the disclosures, through the parsers of single values (as the fuzzer's
/// seed corpus for these targets is).
#[test]
fn seed_cells_replay() {
    let mut cells: Vec<String> = disclosures()
        .iter()
        .flat_map(|p| {
            let text = std::fs::read_to_string(p).expect("a disclosure");
            text.lines()
                .flat_map(|l| l.split(" | ").flat_map(|c| c.split('\t')))
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty() && c.len() <= 64)
                .collect::<Vec<_>>()
        })
        .collect();
    cells.sort();
    cells.dedup();
    assert!(cells.len() > 5_000, "{} cells", cells.len());
    let inputs: Vec<(String, Vec<u8>)> = cells
        .into_iter()
        .map(|c| (format!("{c:?}"), c.into_bytes()))
        .collect();
    for target in ["amount", "codes", "vocabulary", "performance"] {
        assert_none_panic(target, &inputs);
    }
}

// The faults the fuzzer found, each with what the right behaviour is.

/// budget_json: a budget whose `assets` leaves values out read back as different JSON (`"0"`
/// for `"0.00"`): `#[serde(default)]` used `Amount`'s derived `Default`, a zero of scale 0,
/// while every amount is documented to carry two decimals.
#[test]
fn default_amounts_print_two_decimals() {
    assert_eq!(Amount::default().to_string(), "0.00");
    assert_eq!(Change::default().to_string(), "0.00");
    let path = root()
        .join("tests/data/fuzz_regressions/budget_json/assets_defaults_print_two_decimals.json");
    let bytes = std::fs::read(path).expect("the regression input");
    let budget = read_json(&bytes)
        .expect("readable")
        .build()
        .expect("a valid budget");
    let json: serde_json::Value = serde_json::to_value(&budget).expect("serializes");
    for field in ["building_value", "furniture_value", "other_value"] {
        assert_eq!(json["assets"][field], "0.00", "{field}");
    }
}

/// audit: a 类 cell holding a note with a full stop in it (`见附表1.说明：…`) made the rounding
/// tolerance a Decimal with 79 decimals, and `Decimal::new` panicked. The class does not foot (its
/// only 款 prints 1.00), so the auditor reports it.
#[test]
fn audit_survives_a_note_in_a_money_cell() {
    let path = root().join("tests/data/fuzz_regressions/audit/subtotal_cell_with_a_note.txt");
    let text = std::fs::read_to_string(path).expect("the regression input");
    let report = audit(&text, Catalogue::builtin());
    let found = report
        .findings
        .iter()
        .find(|f| f.row.as_deref().is_some_and(|r| r.starts_with("201")))
        .unwrap_or_else(|| panic!("no finding on 201: {report:#?}"));
    assert_eq!(found.rule, "table.subtotal");
    assert_eq!(found.severity, Severity::Error);
    assert_eq!(
        found.computed.map(|d| d.to_string()).as_deref(),
        Some("1.00")
    );
}

/// audit: narrative figures out of any money or percentage range made the share check panic:
/// `占4.2222222222222222222222222227%` (28 decimals, a tolerance of scale 29),
/// `79228162514264337593543950335万元占1%` (Decimal::MAX plus half a unit) and
/// `7922816251426433759354395033万元占0.5%` (the quotient times 100). None of them is a figure
/// a narrative prints, so none is read, and no narrative finding comes of them.
#[test]
fn audit_ignores_narrative_figures_out_of_range() {
    for name in [
        "share_with_28_decimals.txt",
        "share_of_decimal_max.txt",
        "share_times_100_overflows.txt",
        "rate_with_huge_figures.txt",
    ] {
        let path = root().join("tests/data/fuzz_regressions/audit").join(name);
        let text = std::fs::read_to_string(path).expect("the regression input");
        let report = audit(&text, Catalogue::builtin());
        let narrative: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.rule.starts_with("narrative."))
            .collect();
        assert!(narrative.is_empty(), "{name}: {narrative:#?}");
    }
}

/// The narrative checks still read figures of a real size: a rate that does not follow from
/// its amounts is reported (2.00 over a prior of 8.00 is 25.00%, not 20.00%).
#[test]
fn audit_still_checks_narrative_rates_of_real_size() {
    let text = "支出预算10.00万元，比上年增加2.00万元，增长20.00%。";
    let report = audit(text, Catalogue::builtin());
    let rate = report
        .findings
        .iter()
        .find(|f| f.rule == "narrative.rate")
        .unwrap_or_else(|| panic!("no rate finding: {report:#?}"));
    assert_eq!(
        rate.computed.map(|d| d.to_string()).as_deref(),
        Some("25.00")
    );
}
