//! Many budgets at once (`build_many`, `consolidate_by_functional`): the same results as one
//! budget at a time, whether or not the `rayon` feature runs them in parallel.

use std::collections::BTreeMap;

use yusuan::Amount;
use yusuan::budget::{DepartmentBudget, build_many, consolidate_by_functional, read_json};
use yusuan::classification::{FunctionalCode, Level};

#[path = "../benches/synthetic/mod.rs"]
mod synthetic;

fn builders() -> Vec<yusuan::budget::DepartmentBudgetBuilder> {
    let mut out: Vec<_> = (0..12)
        .map(|seed| {
            synthetic::builder_from_leaves(&synthetic::leaves(200 + 50 * seed, seed as u64))
        })
        .collect();
    out.push(
        read_json(include_bytes!(
            "../examples/data/county_congress_office_2026.json"
        ))
        .unwrap(),
    );
    out
}

#[test]
fn build_many_builds_each_as_build_does_in_order() {
    let one_by_one: Vec<_> = builders().into_iter().map(|b| b.build()).collect();
    let many = build_many(builders());
    assert_eq!(many.len(), one_by_one.len());
    assert_eq!(many, one_by_one);
    assert!(many.iter().all(Result::is_ok));
    // A rejected builder stays a rejection, in its place.
    let mut bad = builders();
    bad[3].lines_mut().clear();
    let many = build_many(bad);
    assert!(many[3].is_err());
    assert_eq!(many.iter().filter(|r| r.is_err()).count(), 1);
}

#[test]
fn consolidation_adds_the_budgets_totals_per_code() {
    let budgets: Vec<DepartmentBudget> = build_many(builders())
        .into_iter()
        .map(Result::unwrap)
        .collect();
    for level in [Level::Class, Level::Section, Level::Item] {
        // Independently: every line of every budget, added at `level` with checked Amounts.
        let mut expected: BTreeMap<FunctionalCode, Amount> = BTreeMap::new();
        for b in &budgets {
            for l in b.lines() {
                let mut code = l.functional();
                while code.level() > level {
                    code = yusuan::classification::Code::parent(code).unwrap();
                }
                let slot = expected.entry(code).or_default();
                *slot = slot.checked_add(l.amount()).unwrap();
            }
        }
        let got: BTreeMap<FunctionalCode, Amount> = consolidate_by_functional(&budgets, level)
            .unwrap()
            .into_iter()
            .map(|(c, t)| (c, t.total()))
            .collect();
        assert_eq!(got, expected, "{level:?}");
    }
}
