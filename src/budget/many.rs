//! 批量预算: many budgets built and viewed at once, across cores with the `rayon` feature.
//!
//! Without the feature the same functions run on one core and give the same results, in the
//! same order: the feature changes only how long they take.

use std::collections::BTreeMap;

use crate::classification::{FunctionalCode, Level};

use super::builder::Fen;
use super::views::KindTotals;
use super::{DepartmentBudget, DepartmentBudgetBuilder, Rejected};

/// 批量构建: builds each builder (as [`DepartmentBudgetBuilder::build`]), in parallel with the
/// `rayon` feature; the results are in the builders' order.
///
/// ```
/// use yusuan::budget::{build_many, read_json};
/// let json = std::fs::read("examples/data/county_congress_office_2026.json")?;
/// let builders = vec![read_json(&json)?, read_json(&json)?];
/// let budgets: Vec<_> = build_many(builders).into_iter().collect::<Result<_, _>>()?;
/// assert_eq!(budgets[0], budgets[1]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn build_many(
    builders: Vec<DepartmentBudgetBuilder>,
) -> Vec<Result<DepartmentBudget, Rejected>> {
    #[cfg(feature = "rayon")]
    {
        use rayon::prelude::*;
        builders
            .into_par_iter()
            .map(DepartmentBudgetBuilder::build)
            .collect()
    }
    #[cfg(not(feature = "rayon"))]
    {
        builders
            .into_iter()
            .map(DepartmentBudgetBuilder::build)
            .collect()
    }
}

/// Per-code sums in 分 by 人员经费, 公用经费 and 项目支出.
type Sums = BTreeMap<FunctionalCode, [u128; 3]>;

fn sums_of(budget: &DepartmentBudget, level: Level) -> Sums {
    budget
        .by_functional(level, |_| true)
        .into_iter()
        .map(|(c, t)| (c, [t.personnel.fen(), t.operating.fen(), t.project.fen()]))
        .collect()
}

fn merge(mut a: Sums, b: Sums) -> Sums {
    for (code, s) in b {
        let slot = a.entry(code).or_default();
        for (x, y) in slot.iter_mut().zip(s) {
            *x = x.saturating_add(y);
        }
    }
    a
}

/// 汇总: the 功能分类 totals by kind of many budgets (a region's, a year's) added together at
/// `level`, each budget viewed in parallel with the `rayon` feature. `None` when a sum exceeds
/// [`crate::Amount::MAX`] (each budget fits; many together may not).
///
/// ```
/// use yusuan::budget::{consolidate_by_functional, DepartmentBudget};
/// use yusuan::classification::Level;
/// let json = std::fs::read_to_string("examples/data/county_congress_office_2026.json")?;
/// let one: DepartmentBudget = serde_json::from_str(&json)?;
/// let two = consolidate_by_functional(&[one.clone(), one.clone()], Level::Class).unwrap();
/// for (code, totals) in one.by_functional(Level::Class, |_| true) {
///     assert_eq!(two[&code].total().fen(), 2 * totals.total().fen());
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn consolidate_by_functional(
    budgets: &[DepartmentBudget],
    level: Level,
) -> Option<BTreeMap<FunctionalCode, KindTotals>> {
    #[cfg(feature = "rayon")]
    let sums = {
        use rayon::prelude::*;
        budgets
            .par_iter()
            .map(|b| sums_of(b, level))
            .reduce(Sums::new, merge)
    };
    #[cfg(not(feature = "rayon"))]
    let sums = budgets
        .iter()
        .map(|b| sums_of(b, level))
        .fold(Sums::new(), merge);
    sums.into_iter()
        .map(|(code, [p, o, j])| {
            let totals = KindTotals {
                personnel: Fen(p).amount()?,
                operating: Fen(o).amount()?,
                project: Fen(j).amount()?,
            };
            // The whole of each code must fit too: the tables print it.
            Fen(p.saturating_add(o).saturating_add(j)).amount()?;
            Some((code, totals))
        })
        .collect()
}
