//! Property tests over budgets generated from random valid leaves (the same generator the
//! benches use, `benches/synthetic/mod.rs`).

use std::collections::BTreeMap;

use proptest::prelude::*;
use yusuan::amount::Amount;
use yusuan::budget::{DepartmentBudget, DepartmentBudgetBuilder, KindTotals, Line};
use yusuan::classification::Level;

#[path = "../benches/synthetic/mod.rs"]
mod synthetic;

fn leaf() -> impl Strategy<Value = synthetic::Leaf> {
    (0u8..10, any::<u16>(), 0u8..8, 1u64..=10_000_000_000)
}

fn add(a: Amount, b: Amount) -> Amount {
    a.checked_add(b).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn budgets_from_valid_leaves_always_build(leaves in prop::collection::vec(leaf(), 1..200)) {
        let budget = synthetic::builder_from_leaves(&leaves).build();
        prop_assert!(budget.is_ok(), "{}", budget.unwrap_err());
        let budget = budget.unwrap();
        let expected = Amount::from_fen_u128(leaves.iter().map(|l| u128::from(l.3)).sum()).unwrap();
        prop_assert_eq!(budget.total(), expected);
        prop_assert_eq!(budget.kind_totals().total(), expected);
        prop_assert!(budget.check_invariants().is_ok());
    }

    #[test]
    fn json_round_trips_to_an_equal_budget(leaves in prop::collection::vec(leaf(), 1..100)) {
        let budget = synthetic::builder_from_leaves(&leaves).build().unwrap();
        let json = serde_json::to_string(&budget).unwrap();
        let again: DepartmentBudget = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&again, &budget);
        prop_assert_eq!(serde_json::to_string(&again).unwrap(), json);
    }

    #[test]
    fn changing_one_leaf_changes_exactly_the_totals_on_its_path(
        leaves in prop::collection::vec(leaf(), 1..100),
        pick in any::<prop::sample::Index>(),
        delta in 1u64..1_000_000,
    ) {
        let before = synthetic::builder_from_leaves(&leaves).build().unwrap();
        let i = pick.index(before.lines().len());
        let line: Line = before.lines()[i];
        let mut b: DepartmentBudgetBuilder = before.to_builder();
        let bumped = add(line.amount(), Amount::from_fen(delta));
        b.lines_mut()[i] = line.with_amount(bumped);
        // Declared figures move with the leaf, so the budget stays valid.
        if let Some(c) = line.carry_over() {
            let item = &mut b.carry_overs_mut()[c.index()];
            item.amount = add(item.amount, Amount::from_fen(delta));
        } else if let Some(figure) = b.control_figures_mut().get_mut(&line.source()) {
            *figure = add(*figure, Amount::from_fen(delta));
        }
        let after = b.build().unwrap();
        let d = Amount::from_fen(delta);
        prop_assert_eq!(after.total(), add(before.total(), d));

        for level in [Level::Class, Level::Section, Level::Item] {
            let (x, y) = (before.by_functional(level, |_| true), after.by_functional(level, |_| true));
            let on_path = |code: &yusuan::FunctionalCode| *code == line.functional() || code.is_ancestor_of(line.functional());
            assert_only_path_changed(&x, &y, on_path, d)?;
        }
        for level in [Level::Class, Level::Section] {
            let (x, y) = (before.by_economic(level, |_| true), after.by_economic(level, |_| true));
            let on_path = |code: &yusuan::EconomicCode| *code == line.economic() || code.is_ancestor_of(line.economic());
            assert_only_path_changed(&x, &y, on_path, d)?;
        }
        let (x, y) = (before.by_source(), after.by_source());
        for (s, a) in &y {
            let expected = if *s == line.source() { add(x[s], d) } else { x[s] };
            prop_assert_eq!(*a, expected);
        }
        let projects_before = before.project_totals();
        for ((id, a), (_, b)) in after.project_totals().iter().zip(&projects_before) {
            let expected = if Some(*id) == line.kind().project() { add(*b, d) } else { *b };
            prop_assert_eq!(*a, expected);
        }
    }

    #[test]
    fn corrupted_json_gives_ok_or_a_typed_error(
        leaves in prop::collection::vec(leaf(), 1..20),
        cuts in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
    ) {
        let budget = synthetic::builder_from_leaves(&leaves).build().unwrap();
        let mut bytes = serde_json::to_vec(&budget).unwrap();
        for (at, byte) in cuts {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        let text = String::from_utf8_lossy(&bytes);
        match serde_json::from_str::<DepartmentBudget>(&text) {
            Ok(b) => prop_assert!(b.check_invariants().is_ok()),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
        let _ = serde_json::from_str::<DepartmentBudgetBuilder>(&text).map(|b| b.build());
    }
}

fn assert_only_path_changed<C: Ord + Copy + std::fmt::Debug>(
    before: &BTreeMap<C, KindTotals>,
    after: &BTreeMap<C, KindTotals>,
    on_path: impl Fn(&C) -> bool,
    delta: Amount,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(before.len(), after.len());
    for (code, a) in after {
        let b = before[code];
        if on_path(code) {
            prop_assert_eq!(a.total(), add(b.total(), delta), "{:?} on the path", code);
        } else {
            prop_assert_eq!(*a, b, "{:?} off the path", code);
        }
    }
    Ok(())
}
