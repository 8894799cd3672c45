//! 上年数: the prior-year figures a template's columns print beside this year's, read from the
//! budget's [`PriorYear`](crate::budget::PriorYear).

use std::collections::BTreeMap;

use crate::amount::Amount;
use crate::budget::DepartmentBudget;
use crate::classification::FunctionalCode;

use super::template::{Filter, PriorFigure};

/// A prior-year figure resolved against one budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PriorValue {
    /// The budget does not give it: its cells print blank.
    Unknown,
    /// One figure for the whole table.
    Scalar(Amount),
    /// One figure per functional 项 (the items the table keeps).
    ByItem(BTreeMap<FunctionalCode, Amount>),
}

fn sum(amounts: impl IntoIterator<Item = Amount>) -> Amount {
    amounts
        .into_iter()
        .fold(Amount::ZERO, |s, a| s.checked_add(a).unwrap_or(Amount::MAX))
}

fn known(a: Option<Amount>) -> PriorValue {
    a.map_or(PriorValue::Unknown, PriorValue::Scalar)
}

/// The value of `figure` in `budget`: `column` restricts the sources of `income`, `table` (the
/// table's `lines`) restricts the sources of `income` and the items of
/// `general_budget_by_item`. With `by_item` false, items print as one figure (their sum).
pub(crate) fn value(
    budget: &DepartmentBudget,
    figure: PriorFigure,
    column: Option<&Filter>,
    table: &Filter,
    by_item: bool,
) -> PriorValue {
    let p = budget.prior_year();
    let three = |part: fn(&crate::budget::ThreePublic) -> Option<Amount>| {
        known(p.three_public.as_ref().and_then(part))
    };
    match figure {
        PriorFigure::Income if p.income.is_empty() => PriorValue::Unknown,
        PriorFigure::Income => PriorValue::Scalar(sum(p
            .income
            .iter()
            .filter(|(s, _)| {
                table.matches_source(**s) && column.is_none_or(|f| f.matches_source(**s))
            })
            .map(|(_, a)| *a))),
        PriorFigure::Basic => known(p.basic),
        PriorFigure::Project => known(p.project),
        PriorFigure::Personnel => known(p.personnel),
        PriorFigure::Operating => known(p.operating),
        PriorFigure::GeneralBudgetBasic => known(p.general_budget_basic),
        PriorFigure::GeneralBudgetProject => known(p.general_budget_project),
        PriorFigure::GeneralBudgetByItem if p.general_budget_by_item.is_empty() => {
            PriorValue::Unknown
        }
        PriorFigure::GeneralBudgetByItem => {
            let items: BTreeMap<FunctionalCode, Amount> = p
                .general_budget_by_item
                .iter()
                .filter(|(c, _)| table.keeps_functional(**c))
                .map(|(c, a)| (*c, *a))
                .collect();
            if by_item {
                PriorValue::ByItem(items)
            } else {
                PriorValue::Scalar(sum(items.into_values()))
            }
        }
        PriorFigure::ThreePublic => three(|t| t.total()),
        PriorFigure::ThreePublicAbroad => three(|t| Some(t.abroad)),
        PriorFigure::ThreePublicReception => three(|t| Some(t.reception)),
        PriorFigure::ThreePublicVehicles => three(|t| t.vehicles()),
        PriorFigure::ThreePublicVehiclePurchase => three(|t| Some(t.vehicle_purchase)),
        PriorFigure::ThreePublicVehicleOperation => three(|t| Some(t.vehicle_operation)),
        PriorFigure::OrganRunning => known(p.organ_running),
    }
}
