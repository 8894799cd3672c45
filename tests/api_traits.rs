//! Interoperability traits of the public types (Rust API Guidelines C-COMMON-TRAITS, C-SERDE):
//! rendered tables and narrative sections round-trip through serde, and the types users print
//! have a `Display` that says what the published document would.

use yusuan::budget::DepartmentBudget;
use yusuan::disclosure::{Disclosure, Rounding, Section, Table, Template, render};

const SEED: &str = include_str!("../examples/data/alashankou_2026.json");

#[test]
fn tables_and_sections_round_trip_through_json() {
    let budget: DepartmentBudget = serde_json::from_str(SEED).unwrap();
    let d = Disclosure::new(&budget, Template::xinjiang_2026());
    for rounding in [Rounding::Faithful, Rounding::Footing] {
        let tables = d.tables(rounding);
        assert_eq!(tables.len(), 12);
        for t in tables.iter().chain(d.target_tables(rounding).iter()) {
            let json = serde_json::to_string(t).unwrap();
            let back: Table = serde_json::from_str(&json).unwrap();
            assert_eq!(&back, t, "{}", t.title);
            assert_eq!(t.to_string(), render::text(t));
        }
        let r: Rounding = serde_json::from_str(&serde_json::to_string(&rounding).unwrap()).unwrap();
        assert_eq!(r, rounding);
    }
    for s in d.narrative() {
        let back: Section = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(back, s);
        let shown = s.to_string();
        assert!(shown.starts_with(&s.title));
        assert_eq!(shown.lines().count(), 1 + s.paragraphs.len(), "{}", s.title);
    }
}

#[test]
fn a_line_prints_its_key_and_amount() {
    // The seed's first line, as its JSON gives it.
    let v: serde_json::Value = serde_json::from_str(SEED).unwrap();
    let first = &v["lines"][0];
    let budget: DepartmentBudget = serde_json::from_str(SEED).unwrap();
    let line = budget.lines()[0];
    let kind = match first["kind"].as_str().unwrap() {
        "personnel" => "人员经费",
        "operating" => "公用经费",
        _ => "项目支出",
    };
    let source: yusuan::FundingSource = first["source"].as_str().unwrap().parse().unwrap();
    assert_eq!(
        line.to_string(),
        format!(
            "{} × {} {kind} {source} {}",
            first["functional"].as_str().unwrap(),
            first["economic"].as_str().unwrap(),
            first["amount"].as_str().unwrap()
        )
    );
}
