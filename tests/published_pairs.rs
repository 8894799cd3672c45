//! Text pairs read as one document: the narrative (`.txt`) and the tables (`.grid.txt`) of a
//! shared PDF. Every baseline error of either file alone is still found on the pair, tables
//! without a stated unit take their page's unit from the narrative, and narrative figures are
//! now tied to the tables of the other file. The inconsistencies asserted here were confirmed
//! by hand against both files (see each test).

use std::path::{Path, PathBuf};

use serde_json::Value;
use yusuan::Catalogue;
use yusuan::amount::Unit;
use yusuan::audit::{Finding, PublishedDocument, Report, Severity, audit_document};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/disclosures")
}

fn pair(stem: &str) -> (PublishedDocument, Report) {
    let doc = PublishedDocument::from_path(&dir().join(format!("{stem}.grid.txt"))).expect("pair");
    let report = audit_document(&doc, Catalogue::builtin());
    (doc, report)
}

fn errors<'r>(report: &'r Report, rule: &str) -> Vec<&'r Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.rule == rule && f.severity == Severity::Error)
        .collect()
}

#[test]
fn every_baseline_error_is_found_on_the_pair() {
    let baseline = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/audit_baseline.jsonl"),
    )
    .expect("baseline");
    let mut checked = 0;
    for line in baseline.lines().filter(|l| !l.trim().is_empty()) {
        let e: Value = serde_json::from_str(line).expect("JSON");
        let file = e["file"].as_str().expect("file");
        let Some(stem) = file
            .strip_suffix(".grid.txt")
            .or_else(|| file.strip_suffix(".txt"))
        else {
            continue;
        };
        let (_, report) = pair(stem);
        let found = report.findings.iter().any(|f| {
            f.rule == e["rule"]
                && f.severity == Severity::Error
                && f.row.as_deref() == e["row"].as_str()
                && f.column.as_deref() == e["column"].as_str()
                && f.stated.map(|d| d.normalize().to_string()).as_deref() == e["stated"].as_str()
                && f.computed.map(|d| d.normalize().to_string()).as_deref()
                    == e["computed"].as_str()
        });
        assert!(found, "{stem}: lost {e}");
        checked += 1;
    }
    assert!(checked >= 10);
}

#[test]
fn a_grid_without_units_takes_them_from_its_pages_of_the_narrative() {
    // Putuo finance 2025: the grid states no unit; the narrative's pages say 单位：元 over the
    // eight budget tables and 单位:万元 over the 三公 table (page 21)
    let (doc, _) = pair("11_shanghai_putuo_finance_2025_dept");
    let units: Vec<(String, Option<Unit>)> = doc
        .tables
        .iter()
        .map(|t| (t.raw.place.clone(), t.unit))
        .collect();
    assert_eq!(units.len(), 9);
    for (place, unit) in &units {
        let want = if place == "page 21 table 1" {
            Unit::WanYuan
        } else {
            Unit::Yuan
        };
        assert_eq!(*unit, Some(want), "{place}");
    }
}

#[test]
fn a_narrative_item_differing_from_its_table_row_is_found_across_files() {
    // Putuo finance 2025, .txt line 107: "机关事业单位职业年金缴费支出（项）”887.36万元"; the grid
    // prints 208 05 06 at 873,617.00 元 (87.36 万元) in every functional table.
    let (_, report) = pair("11_shanghai_putuo_finance_2025_dept");
    let e = errors(&report, "narrative.item");
    assert_eq!(e.len(), 1, "{e:#?}");
    assert!(e[0].row.as_deref().unwrap().starts_with("2080506 "));
    assert_eq!(
        (
            e[0].stated.unwrap().to_string(),
            e[0].computed.unwrap().to_string()
        ),
        ("887.36".to_string(), "873617.00".to_string())
    );
    // four more items differ by less than one unit of their last digit: cut, not rounded
    // (87.70 for 877,080.00 元, 78.21 for 782,164.00, 204.91 for 2,049,197.00, 268.77 for
    // 2,687,760.00): warnings, not errors
    let cut = report
        .findings
        .iter()
        .filter(|f| f.rule == "narrative.item" && f.severity == Severity::Warning)
        .count();
    assert_eq!(cut, 4);
    // Putuo welfare home 2024, .txt line 74: "社会福利事业单位（项）”738.66万元"; the grid prints
    // 208 10 05 at 9,584,796 元 (all funds) and 6,964,796 元 (一般公共预算): neither
    let (_, report) = pair("10_shanghai_putuo_welfare_home_2024_unit");
    let e = errors(&report, "narrative.item");
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!(
        (
            e[0].stated.unwrap().to_string(),
            e[0].computed.unwrap().to_string()
        ),
        ("738.66".to_string(), "6964796".to_string())
    );
}

#[test]
fn a_projects_funds_differing_from_the_project_list_are_found() {
    // Xi'an petition bureau 2026: 食堂包厨服务's target table (page 40) prints 实施期资金总额
    // 173.41 万元; the project list (page 29) prints 1,310,300.00 元 = 131.03 万元, as do its own
    // cost indicators (≤42.38万元 + ≤88.65万元).
    let (_, report) = pair("16_xian_petition_bureau_2026_dept");
    let e = errors(&report, "performance.project_funds");
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!(e[0].row.as_deref(), Some("食堂包厨服务 资金总额"));
    assert_eq!(
        (
            e[0].stated.unwrap().to_string(),
            e[0].computed.unwrap().to_string()
        ),
        ("173.41".to_string(), "1310300.00".to_string())
    );
}
