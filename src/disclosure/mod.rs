//! 部门预算公开: the standard disclosure tables, computed from a valid budget.
//!
//! [`Disclosure::tables`] turns a [`DepartmentBudget`] into the tables of a [`Profile`] (the
//! seed's 新疆 2026 template ships), under a [`Rounding`] mode: faithful (each printed cell rounded
//! 四舍五入 from its exact amount, as published tables do) or footing (尾差调整, every printed
//! total equal to the sum of its printed parts). Tables are views: they cannot fail, and every
//! money cell is a sum of the budget's lines. [`render`] prints them as text, Markdown, CSV and
//! the seed's tab-separated layout; [`Table`] serializes to JSON.
//!
//! ```
//! use yusuan::budget::DepartmentBudget;
//! use yusuan::disclosure::{Disclosure, Profile, Rounding, TableKind};
//! let budget: DepartmentBudget =
//!     serde_json::from_str(include_str!("../../examples/data/alashankou_2026.json"))?;
//! let tables = Disclosure::new(&budget, Profile::xinjiang_2026()).tables(Rounding::Faithful);
//! assert_eq!(tables.len(), 12);
//! let basic = tables
//!     .iter()
//!     .find(|t| t.kind == TableKind::GeneralBudgetBasic)
//!     .ok_or("no 基本支出 table")?;
//! let total = basic.rows.last().ok_or("no total row")?;
//! assert_eq!(total.cells[3].text(), "68.62");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod build;
pub mod narrative;
mod profile;
pub mod render;
mod table;

pub use narrative::Section;
pub use profile::{Layout, Profile, TableSpec};
pub use table::{Cell, Rounding, Row, Table, TableKind};

use crate::budget::{DepartmentBudget, Line, SpendingKind};
use crate::funding::{FundType, FundingGroup, FundingSource};

use build::Col;

/// A budget and the profile it is published under.
#[derive(Debug, Clone)]
pub struct Disclosure<'a> {
    budget: &'a DepartmentBudget,
    profile: Profile,
}

fn current_general(l: &Line) -> bool {
    matches!(
        l.source(),
        FundingSource::GeneralBudgetOwn | FundingSource::GeneralBudgetTransfer
    )
}

impl<'a> Disclosure<'a> {
    /// The disclosure of `budget` under `profile`.
    pub fn new(budget: &'a DepartmentBudget, profile: Profile) -> Disclosure<'a> {
        Disclosure { budget, profile }
    }

    /// The profile.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The narrative (情况说明), sections 一 to 十三.
    pub fn narrative(&self) -> Vec<Section> {
        narrative::narrative(self.budget, &self.profile)
    }

    /// Every table of the profile, in order.
    pub fn tables(&self, rounding: Rounding) -> Vec<Table> {
        self.profile
            .tables
            .iter()
            .map(|spec| self.table(spec, rounding))
            .collect()
    }

    /// One table.
    pub fn table(&self, spec: &TableSpec, rounding: Rounding) -> Table {
        use crate::budget::BasicKind;
        use FundingSource::*;
        let b = self.budget;
        let catalogue = b.catalogue();
        let year = b.department().year;
        let name = &b.department().name;
        let shanghai = self.profile.layout == Layout::Shanghai;
        let (bold_sub, bold_total) = (!shanghai, !shanghai);
        let personnel = |l: &Line| l.kind() == SpendingKind::Basic(BasicKind::Personnel);
        let operating = |l: &Line| l.kind() == SpendingKind::Basic(BasicKind::Operating);
        let basic = |l: &Line| l.kind().is_basic();
        let is_project = |l: &Line| l.kind().project().is_some();
        let with_carry = self.profile.fiscal_summary_includes_carry_over;
        let mut note = None;
        let grid = match spec.kind {
            TableKind::IncomeExpenditureSummary if shanghai => {
                build::income_expenditure_summary_compact(b, catalogue)
            }
            TableKind::IncomeExpenditureSummary => build::income_expenditure_summary(b, catalogue),
            TableKind::IncomeSummary if shanghai => {
                let fiscal = |l: &Line| l.source().is_fiscal();
                let service = |l: &Line| l.source() == ServiceRevenue;
                let business = |l: &Line| l.source() == BusinessRevenue;
                let other = |l: &Line| {
                    !l.source().is_fiscal()
                        && !matches!(l.source(), ServiceRevenue | BusinessRevenue)
                };
                let columns = [
                    Col::Sum(vec![1, 2, 3, 4]),
                    Col::Leaf(&fiscal),
                    Col::Leaf(&service),
                    Col::Leaf(&business),
                    Col::Leaf(&other),
                ];
                build::functional_grid(b, catalogue, &|_| true, &columns, false, false, true)
            }
            TableKind::IncomeSummary => {
                let is = |s: &'static [FundingSource]| move |l: &Line| s.contains(&l.source());
                let own = is(&[GeneralBudgetOwn]);
                let transfer = is(&[GeneralBudgetTransfer]);
                let fund = is(&[GovernmentFundOwn]);
                let fund_transfer = is(&[GovernmentFundTransfer]);
                let capital = is(&[StateCapitalOwn, StateCapitalTransfer]);
                let special = is(&[FiscalSpecialAccount]);
                let unit = |l: &Line| l.source().group() == FundingGroup::UnitFunds;
                let fiscal_carry = |l: &Line| l.source().group() == FundingGroup::FiscalCarryOver;
                let other_carry = is(&[NonFiscalCarryOver]);
                let columns = [
                    Col::Sum(vec![1, 7, 8, 9, 10]),
                    Col::Sum(vec![2, 3, 4, 5, 6]),
                    Col::Leaf(&own),
                    Col::Leaf(&transfer),
                    Col::Leaf(&fund),
                    Col::Leaf(&fund_transfer),
                    Col::Leaf(&capital),
                    Col::Leaf(&special),
                    Col::Leaf(&unit),
                    Col::Leaf(&fiscal_carry),
                    Col::Leaf(&other_carry),
                ];
                build::functional_grid(b, catalogue, &|_| true, &columns, false, false, false)
            }
            TableKind::ExpenditureSummary | TableKind::GeneralBudgetExpenditure => {
                // 合计 = 基本支出 + 项目支出, over all lines or this year's 一般公共预算.
                let all = |_: &Line| true;
                let keep: build::Keep<'_> = if spec.kind == TableKind::ExpenditureSummary {
                    &all
                } else {
                    &current_general
                };
                let columns = [
                    Col::Sum(vec![1, 2]),
                    Col::Leaf(&basic),
                    Col::Leaf(&is_project),
                ];
                build::functional_grid(b, catalogue, keep, &columns, bold_sub, bold_total, shanghai)
            }
            TableKind::FiscalSummary => build::fiscal_summary(b, catalogue, with_carry, shanghai),
            TableKind::GeneralBudgetBasic => {
                build::basic_by_economic(b, catalogue, &current_general, !shanghai, shanghai)
            }
            TableKind::GeneralBudgetProjects => {
                build::projects_by_economic(b, catalogue, &current_general)
            }
            TableKind::GovernmentFundExpenditure | TableKind::StateCapitalExpenditure => {
                let (fund, what) = if spec.kind == TableKind::GovernmentFundExpenditure {
                    (FundType::GovernmentFund, "政府性基金预算拨款")
                } else {
                    (FundType::StateCapital, "国有资本经营预算拨款")
                };
                let keep = move |l: &Line| l.source().fund_type() == Some(fund);
                if b.sum_where(keep).is_zero() {
                    note = Some(if shanghai {
                        format!("注:本部门{year}年无{what}安排的预算，故本表为空表。")
                    } else {
                        format!(
                            "{name} {year} 年没有使用{what}安排的支出，{}为空表。",
                            spec.title
                        )
                    });
                }
                if shanghai {
                    let columns = [
                        Col::Sum(vec![1, 2]),
                        Col::Leaf(&basic),
                        Col::Leaf(&is_project),
                    ];
                    build::functional_grid(b, catalogue, &keep, &columns, false, false, true)
                } else {
                    let columns = [
                        Col::Sum(vec![1, 2, 3]),
                        Col::Leaf(&personnel),
                        Col::Leaf(&operating),
                        Col::Leaf(&is_project),
                    ];
                    build::functional_grid(b, catalogue, &keep, &columns, true, true, false)
                }
            }
            TableKind::ThreePublic => build::three_public(b),
            TableKind::EntrustedBusiness => build::entrusted_business(b),
            TableKind::CarryOver => build::carry_over(b),
            TableKind::ThreePublicAndOrganRunning => build::three_public_and_organ_running(b),
        };
        let mut rows = grid.resolve(spec.unit, rounding, spec.blank_zero);
        // Empty tables print only their total row, without amounts (and in plain type).
        if note.is_some() {
            for r in &mut rows {
                r.bold.iter_mut().for_each(|x| *x = false);
            }
        }
        Table {
            kind: spec.kind,
            number: spec.number,
            title: spec.title.to_string(),
            department: name.clone(),
            unit: spec.unit,
            header: self.profile.header(spec.kind),
            rows,
            note,
            thousands: self.profile.thousands,
        }
    }
}
