//! Flat facts round trip: budget → CSV (+ side file) → budget, equal, for the seed, every budget
//! of `examples/data/`, and synthetic budgets (the benches' generator, with subordinate units
//! of every kind added).

use std::sync::Arc;

use proptest::prelude::*;
use yusuan::budget::{BudgetUnit, DepartmentBudget, UnitKind};
use yusuan::facts::{self, Column, Location, Reader, Side};

#[path = "../benches/synthetic/mod.rs"]
mod synthetic;

const EXAMPLES: [(&str, &str); 11] = [
    (
        "alashankou_2026",
        include_str!("../examples/data/alashankou_2026.json"),
    ),
    (
        "chongqing_meteorological_2026",
        include_str!("../examples/data/chongqing_meteorological_2026.json"),
    ),
    (
        "county_congress_office_2026",
        include_str!("../examples/data/county_congress_office_2026.json"),
    ),
    (
        "guangzhou_petition_2026",
        include_str!("../examples/data/guangzhou_petition_2026.json"),
    ),
    (
        "hangzhou_meteorological_2026",
        include_str!("../examples/data/hangzhou_meteorological_2026.json"),
    ),
    (
        "shanghai_putuo_welfare_home_2024",
        include_str!("../examples/data/shanghai_putuo_welfare_home_2024.json"),
    ),
    (
        "wuxi_petition_2025",
        include_str!("../examples/data/wuxi_petition_2025.json"),
    ),
    (
        "beijing_statistics_2026",
        include_str!("../examples/data/beijing_statistics_2026.json"),
    ),
    (
        "fuzhou_civil_affairs_2026",
        include_str!("../examples/data/fuzhou_civil_affairs_2026.json"),
    ),
    (
        "xian_petition_2026",
        include_str!("../examples/data/xian_petition_2026.json"),
    ),
    (
        "yantai_petition_2026",
        include_str!("../examples/data/yantai_petition_2026.json"),
    ),
];

fn csv_of(budget: &DepartmentBudget) -> Vec<u8> {
    let mut out = Vec::new();
    facts::write_csv(budget, &mut out).unwrap();
    out
}

fn side_json(budget: &DepartmentBudget) -> Vec<u8> {
    let mut out = Vec::new();
    Side::of(budget).write_json(&mut out).unwrap();
    out
}

/// budget → CSV + side JSON → budget.
fn round_trip(budget: &DepartmentBudget) -> DepartmentBudget {
    let side = Side::from_json(&side_json(budget)).unwrap();
    Reader::new()
        .side(side)
        .read_csv(&csv_of(budget)[..])
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_example_budget_round_trips_equal() {
    // The directory holds exactly these budgets (the invalid ones are in a subdirectory).
    let mut on_disk: Vec<String> = std::fs::read_dir("examples/data")
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".json").map(str::to_string)
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<&str> = EXAMPLES.iter().map(|(n, _)| *n).collect();
    listed.sort_unstable();
    assert_eq!(on_disk, listed);

    for (name, json) in EXAMPLES {
        let budget: DepartmentBudget = serde_json::from_str(json).unwrap();
        let csv = csv_of(&budget);
        let text = String::from_utf8(csv.clone()).unwrap();
        // A header, then one record per leaf line (no name in these budgets holds a newline).
        assert_eq!(
            text.lines().count(),
            1 + budget.lines().len(),
            "{name}: one record per line"
        );
        let again = round_trip(&budget);
        assert_eq!(again, budget, "{name}");
        // Writing the budget read back gives the same bytes.
        assert_eq!(csv_of(&again), csv, "{name}");
    }
}

#[test]
fn records_from_a_sheet_give_the_same_budget_as_the_csv() {
    let budget: DepartmentBudget = serde_json::from_str(EXAMPLES[1].1).unwrap();
    let csv = csv_of(&budget);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&csv[..]);
    let mut records = reader.records().map(Result::unwrap);
    let header: Vec<String> = records.next().unwrap().iter().map(str::to_string).collect();
    let sheet: Arc<str> = Arc::from("明细");
    let rows = records.enumerate().map(|(i, r)| {
        let location = Location::Sheet {
            sheet: Arc::clone(&sheet),
            row: i as u32 + 2,
        };
        (location, r.iter().map(str::to_string).collect::<Vec<_>>())
    });
    let again = facts::read_records(&header, rows, Some(Side::of(&budget))).unwrap();
    assert_eq!(again, budget);
}

#[test]
fn only_the_required_columns_and_a_side_file_give_the_same_budget() {
    // A finance system's export with only the leaf key and amount: every derived column and
    // the department columns left out.
    let keep = [
        Column::Unit,
        Column::FunctionalItem,
        Column::EconomicSection,
        Column::Kind,
        Column::Project,
        Column::Source,
        Column::CarryOver,
        Column::Amount,
    ];
    for (name, json) in EXAMPLES {
        let budget: DepartmentBudget = serde_json::from_str(json).unwrap();
        let csv = csv_of(&budget);
        let mut reader = csv::Reader::from_reader(&csv[..]);
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_string)
            .collect();
        let positions: Vec<usize> = keep
            .iter()
            .map(|c| header.iter().position(|h| h == c.header()).unwrap())
            .collect();
        let rows: Vec<(Location, Vec<String>)> = reader
            .records()
            .enumerate()
            .map(|(i, r)| {
                let r = r.unwrap();
                let cells = positions.iter().map(|&p| r[p].to_string()).collect();
                (Location::Line(i as u64 + 2), cells)
            })
            .collect();
        let short_header: Vec<&str> = keep.iter().map(|c| c.header()).collect();
        let again = facts::read_records(&short_header, rows, Some(Side::of(&budget)))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(again, budget, "{name}");
    }
}

#[test]
fn without_a_side_file_the_rows_alone_give_the_lines() {
    // The county congress office has no units and no carry-over items: its lines alone make a
    // budget with the same lines, projects and totals, and no declared figures.
    let budget: DepartmentBudget = serde_json::from_str(EXAMPLES[2].1).unwrap();
    assert!(budget.carry_overs().next().is_none() && budget.units().is_empty());
    let again = facts::read_csv(&csv_of(&budget)[..], None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again.lines(), budget.lines());
    assert_eq!(again.total(), budget.total());
    assert_eq!(again.by_source(), budget.by_source());
    assert_eq!(again.department().name, budget.department().name);
    assert_eq!(again.department().year, budget.department().year);
    assert_eq!(again.department().unit_kind, budget.department().unit_kind);
    let names: Vec<(&str, &str)> = again
        .projects()
        .map(|(_, p)| (p.key.as_str(), p.name.as_str()))
        .collect();
    let expected: Vec<(&str, &str)> = budget
        .projects()
        .map(|(_, p)| (p.key.as_str(), p.name.as_str()))
        .collect();
    assert_eq!(names, expected);
    assert!(again.control_figures().is_empty());
}

#[test]
fn units_missing_from_the_side_file_are_added_from_the_rows() {
    // Chongqing's two 事业单位: left out of the side file, they come back from the rows'
    // unit and unit_kind, in the order the rows first name them (the order of the lines here).
    let budget: DepartmentBudget = serde_json::from_str(EXAMPLES[1].1).unwrap();
    assert_eq!(budget.units().len(), 2);
    let mut side = Side::of(&budget);
    side.units.clear();
    let again = Reader::new()
        .side(side)
        .read_csv(&csv_of(&budget)[..])
        .unwrap_or_else(|e| panic!("{e}"));
    let mut first_named: Vec<&BudgetUnit> = Vec::new();
    for l in budget.lines() {
        if let Some(u) = l.unit().and_then(|u| budget.unit(u))
            && !first_named.contains(&u)
        {
            first_named.push(u);
        }
    }
    assert_eq!(again.units().iter().collect::<Vec<_>>(), first_named);
    assert_eq!(again.total(), budget.total());
    assert!(
        again
            .units()
            .iter()
            .all(|u| u.unit_kind == UnitKind::PublicInstitution)
    );
}

/// A synthetic budget with two subordinate units (one 事业单位, one 参公) taking every third
/// and every fifth line, so the 政府经济分类 mapping of each unit kind is exercised.
fn synthetic_with_units(leaves: &[synthetic::Leaf]) -> DepartmentBudget {
    let mut b = synthetic::builder_from_leaves(leaves);
    let institution = b.unit(BudgetUnit {
        name: "合成事业单位, \"甲\"".to_string(),
        unit_kind: UnitKind::PublicInstitution,
    });
    let managed = b.unit(BudgetUnit {
        name: "合成参公单位 \"乙\"".to_string(),
        unit_kind: UnitKind::CivilServantManaged,
    });
    for (i, line) in b.lines_mut().iter_mut().enumerate() {
        if i % 3 == 1 {
            *line = line.with_unit(institution);
        } else if i % 5 == 2 {
            *line = line.with_unit(managed);
        }
    }
    b.build().map_err(|r| r.to_string()).unwrap()
}

fn leaf() -> impl Strategy<Value = synthetic::Leaf> {
    (0u8..10, any::<u16>(), 0u8..8, 1u64..=10_000_000_000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn synthetic_budgets_round_trip_equal(leaves in prop::collection::vec(leaf(), 1..150)) {
        let budget = synthetic_with_units(&leaves);
        let again = round_trip(&budget);
        prop_assert_eq!(&again, &budget);
        prop_assert_eq!(again.total(), budget.total());
    }
}

#[test]
fn a_large_synthetic_budget_round_trips_equal() {
    let budget = synthetic_with_units(&synthetic::leaves(20_000, 13));
    let again = round_trip(&budget);
    assert_eq!(again, budget);
    assert_eq!(again.by_source(), budget.by_source());
}

#[test]
fn a_spreadsheet_export_with_byte_order_mark_and_crlf_reads_the_same() {
    // What spreadsheet programs write as "CSV UTF-8": a byte-order mark, CRLF line ends.
    let budget: DepartmentBudget = serde_json::from_str(EXAMPLES[0].1).unwrap();
    let text = String::from_utf8(csv_of(&budget)).unwrap();
    let exported = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let again = Reader::new()
        .side(Side::of(&budget))
        .read_csv(exported.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, budget);
}

#[test]
fn the_side_file_holds_every_budget_field_but_the_lines() {
    // The budget JSON's top-level fields, from its schema; the schema's complete example uses
    // every one of them, so its side file must hold all but `lines`.
    let schema: serde_json::Value = serde_json::from_str(yusuan::budget::JSON_SCHEMA).unwrap();
    let mut want: Vec<String> = schema["properties"]
        .as_object()
        .unwrap()
        .keys()
        .filter(|k| *k != "lines")
        .cloned()
        .collect();
    want.sort();
    let complete: DepartmentBudget =
        serde_json::from_str(include_str!("../schema/complete-example.json")).unwrap();
    let side = serde_json::to_value(Side::of(&complete)).unwrap();
    let mut got: Vec<String> = side.as_object().unwrap().keys().cloned().collect();
    got.sort();
    assert_eq!(got, want);
    assert_eq!(round_trip(&complete), complete);
}
