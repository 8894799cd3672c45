//! 部门预算: a department's budget that can only exist when it is consistent.
//!
//! A budget is a set of leaf [`Line`]s, `(unit, 功能分类 项, 经济分类 款, 支出类型, 资金来源) →
//! 金额`, plus the projects, carry-over items and declared figures they must agree with. Every
//! total (by source, by kind, by 类/款/项, 三公经费, 委托业务费, 机关运行经费 …) is computed
//! from the lines, never stored. [`DepartmentBudgetBuilder::build`] checks every hard invariant
//! of the design (codes, amounts, 人员/公用 classes, projects, carry-overs, control figures,
//! prior-year figures, 收支平衡, procurement) and reports all violations at once.
//!
//! ## JSON
//!
//! A budget reads and writes JSON through the builder, so there is no unchecked way in. Amounts
//! are decimal strings in 元 (numbers are rejected), codes are strings, enums are ASCII names.
//! Projects, carry-over items and units are referred to by their `key` / `name`.
//!
//! ```
//! use yusuan::budget::DepartmentBudget;
//! use yusuan::Unit;
//!
//! let json = r#"{
//!   "department": { "name": "示例局", "year": 2026, "unit_kind": "administrative" },
//!   "projects": [ { "key": "P1", "name": "科普活动经费" } ],
//!   "carry_overs": [ { "key": "C1", "notice": "关于提前下达 2025 年科普资金的通知",
//!                      "fund": { "fiscal": "general_public_budget" }, "use": "project",
//!                      "amount": "10000.00" } ],
//!   "lines": [
//!     { "functional": "2060101", "economic": "30101", "kind": "personnel",
//!       "source": "general_budget_own", "amount": "100000.00" },
//!     { "functional": "2060702", "economic": "30227", "kind": "project", "project": "P1",
//!       "source": "general_budget_transfer", "amount": "20000.00" },
//!     { "functional": "2060702", "economic": "30299", "kind": "project", "project": "P1",
//!       "source": "general_budget_carry_over", "carry_over": "C1", "amount": "10000.00" }
//!   ],
//!   "control_figures": { "general_budget_own": "100000.00", "general_budget_transfer": "20000.00" },
//!   "prior_year": { "income": { "general_budget_own": "110000.00" }, "organ_running": "5000.00" },
//!   "procurement": { "goods": "0.00", "works": "0.00", "services": "20000.00",
//!                    "sme_reserved": "20000.00", "small_micro_reserved": "20000.00" }
//! }"#;
//! let budget: DepartmentBudget = serde_json::from_str(json)?;
//! assert_eq!(budget.total().display_in(Unit::WanYuan).to_string(), "13.00");
//! assert_eq!(budget.entrusted_business_total().display_in(Unit::WanYuan).to_string(), "2.00");
//! let again: DepartmentBudget = serde_json::from_str(&serde_json::to_string(&budget)?)?;
//! assert_eq!(again, budget);
//!
//! // A float amount is refused; so is a budget that does not add up.
//! assert!(serde_json::from_str::<DepartmentBudget>(&json.replace("\"100000.00\"", "100000.0")).is_err());
//! let err = serde_json::from_str::<DepartmentBudget>(&json.replace("\"10000.00\" } ]", "\"9000.00\" } ]"))
//!     .unwrap_err()
//!     .to_string();
//! assert!(err.contains("carry-over item \"C1\""), "{err}");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Top-level fields: `catalogue` (the label of the catalogue edition the codes belong to: `"2026"`
//! for the built-in one, which is also assumed when the field is absent; a budget naming another
//! edition is read with [`BudgetSeed`]), `department` (`name`, `year`, `unit_kind`, `functions`,
//! `organization`),
//! `units` (`name`, `unit_kind`), `projects` (`key`, `name`, `category`, `policy_basis`,
//! `executing_unit`, `start`, `end`, `allocation`, `details`), `carry_overs` (`key`, `notice`,
//! `fund`, `use`, `amount`, `purpose`), `lines` (`unit`, `functional`, `economic`, `kind`,
//! `project`, `source`, `carry_over`, `amount`), `control_figures` (source → amount),
//! `prior_year`, `procurement`, `assets`, `operating_classes`, `personnel_classes`, `narrative` (texts by key), `performance` (see
//! [`crate::performance`]). Unknown fields are errors.
//!
//! Every field, nested ones included, with its type, unit, whether it is required, its Chinese
//! name and an example, is in the format's JSON Schema, [`JSON_SCHEMA`] (the crate's
//! `schema/budget.schema.json`; its Markdown rendering is `docs/budget-json.md`). The crate's
//! tests check the schema against these types by behaviour, so the two cannot drift.

mod builder;
mod many;
pub mod model;
mod read;
mod rules;
mod serde_impl;
mod views;

pub use builder::{DepartmentBudgetBuilder, Rejected};
pub use many::{build_many, consolidate_by_functional};

/// 预算 JSON 格式: the JSON Schema (draft 2020-12) of the budget JSON this module reads and
/// writes, for editors and programs in other languages.
///
/// A file valid under it may still break a budget rule (sums, catalogue codes, references),
/// which [`DepartmentBudgetBuilder::build`] checks; a file it refuses is refused by
/// [`read_json`] too, at the same field path.
///
/// ```
/// let schema: serde_json::Value = serde_json::from_str(yusuan::budget::JSON_SCHEMA)?;
/// assert_eq!(schema["required"], serde_json::json!(["department", "lines"]));
/// # Ok::<(), serde_json::Error>(())
/// ```
pub const JSON_SCHEMA: &str = include_str!("../../schema/budget.schema.json");
pub use model::{
    Assets, BasicKind, BudgetUnit, CarryOverFund, CarryOverId, CarryOverItem, CarryOverUse, Date,
    Department, Line, PriorYear, Procurement, Project, ProjectCategory, ProjectId, SpendingKind,
    ThreePublic, UnitId, UnitKind, VehicleHolding, VehicleKind,
};
pub use read::{ReadError, read_json};
pub use rules::{Location, Rule, ValidationErrors, Violation, ids};
pub use serde_impl::BudgetSeed;
pub use views::{Comparison, KindTotals, YearOnYear};

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::amount::Amount;
use crate::classification::Catalogue;
use crate::funding::FundingSource;

/// 部门预算: a department's budget that passed every invariant check.
///
/// Built only by [`DepartmentBudgetBuilder::build`] (or deserialized through it); there is no
/// `&mut` access. To change a budget, go back to a builder with [`to_builder`](Self::to_builder),
/// edit, and build again. All totals are views computed from the lines; see the methods below.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentBudget {
    parts: DepartmentBudgetBuilder,
    total: Amount,
    catalogue: Arc<Catalogue>,
}

impl DepartmentBudget {
    /// A builder for a budget of `department`.
    #[must_use]
    pub fn builder(department: Department) -> DepartmentBudgetBuilder {
        DepartmentBudgetBuilder::new(department)
    }

    /// A builder holding everything this budget holds.
    #[must_use]
    pub fn to_builder(&self) -> DepartmentBudgetBuilder {
        self.parts.clone()
    }

    /// The builder holding everything this budget holds, without copying.
    #[must_use]
    pub fn into_builder(self) -> DepartmentBudgetBuilder {
        self.parts
    }

    /// The department.
    #[must_use]
    pub fn department(&self) -> &Department {
        &self.parts.department
    }
    /// The subordinate units, by id order.
    #[must_use]
    pub fn units(&self) -> &[BudgetUnit] {
        &self.parts.units
    }
    /// A subordinate unit.
    #[must_use]
    pub fn unit(&self, id: UnitId) -> Option<&BudgetUnit> {
        self.parts.units.get(id.index())
    }
    /// The projects with their ids.
    pub fn projects(&self) -> impl Iterator<Item = (ProjectId, &Project)> + '_ {
        self.parts
            .projects
            .iter()
            .enumerate()
            .map(|(i, p)| (ProjectId(i as u32), p))
    }
    /// A project.
    #[must_use]
    pub fn project(&self, id: ProjectId) -> Option<&Project> {
        self.parts.projects.get(id.index())
    }
    /// The carry-over items with their ids.
    pub fn carry_overs(&self) -> impl Iterator<Item = (CarryOverId, &CarryOverItem)> + '_ {
        self.parts
            .carry_overs
            .iter()
            .enumerate()
            .map(|(i, c)| (CarryOverId(i as u32), c))
    }
    /// A carry-over item.
    #[must_use]
    pub fn carry_over(&self, id: CarryOverId) -> Option<&CarryOverItem> {
        self.parts.carry_overs.get(id.index())
    }
    /// The leaf lines, in the order given.
    #[must_use]
    pub fn lines(&self) -> &[Line] {
        &self.parts.lines
    }
    /// The declared control figures (all equal to their lines).
    #[must_use]
    pub fn control_figures(&self) -> &BTreeMap<FundingSource, Amount> {
        &self.parts.control_figures
    }
    /// The prior year's figures.
    #[must_use]
    pub fn prior_year(&self) -> &PriorYear {
        &self.parts.prior_year
    }
    /// The procurement budget, if declared.
    #[must_use]
    pub fn procurement(&self) -> Option<&Procurement> {
        self.parts.procurement.as_ref()
    }
    /// The state assets, if declared.
    #[must_use]
    pub fn assets(&self) -> Option<&Assets> {
        self.parts.assets.as_ref()
    }
    /// The economic classes besides 302 that 公用经费 lines may use
    /// ([`DepartmentBudgetBuilder::allow_operating_class`]), in the order allowed.
    pub fn operating_classes(&self) -> &[crate::classification::EconomicCode] {
        &self.parts.operating_classes
    }
    /// The economic classes besides 301 and 303 that 人员经费 lines may use.
    #[must_use]
    pub fn personnel_classes(&self) -> &[crate::classification::EconomicCode] {
        &self.parts.personnel_classes
    }
    /// The performance targets (绩效目标), if declared.
    #[must_use]
    pub fn performance(&self) -> Option<&crate::performance::PerformanceTargets> {
        self.parts.performance.as_ref()
    }
    /// The narrative's texts that are data (reasons, descriptions), by key.
    #[must_use]
    pub fn narrative_texts(&self) -> &BTreeMap<String, String> {
        &self.parts.narrative
    }
    /// The catalogue edition the budget was built with: its views, tables and narrative name
    /// codes from it, and its JSON names it.
    #[must_use]
    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }
    /// The catalogue edition as the shared handle the budget holds (cheap to clone).
    #[must_use]
    pub fn catalogue_shared(&self) -> &Arc<Catalogue> {
        &self.catalogue
    }
    /// The label of the catalogue edition the codes were checked against.
    #[must_use]
    pub fn catalogue_edition(&self) -> &str {
        self.catalogue.edition()
    }
    /// 收入总计 = 支出总计: the sum of all lines.
    #[must_use]
    pub fn total(&self) -> Amount {
        self.total
    }

    /// The soft problems of a valid budget: warnings a caller may ignore, each a [`Violation`]
    /// of a lint rule ([`Rule::is_lint`]). Today: lines of 0.00 (`budget.zero_line`), kept in
    /// the budget because a finance system may list a leaf before it is funded.
    #[must_use]
    pub fn lints(&self) -> Vec<Violation> {
        self.parts
            .lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.amount().is_zero())
            .map(|(i, l)| {
                Violation::new(
                    Rule::ZeroLine,
                    self.parts.line_location(i, l),
                    "the line is 0.00 元; it changes no figure of the disclosure",
                )
            })
            .collect()
    }

    /// Re-runs every check against the budget's own catalogue edition (for tests after
    /// transformations).
    #[doc(hidden)]
    pub fn check_invariants(&self) -> Result<(), ValidationErrors> {
        let v = self.parts.violations(&self.catalogue);
        if v.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors::new(v))
        }
    }
}
