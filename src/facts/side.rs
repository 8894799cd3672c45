//! 配套文件: what leaf lines cannot carry, as the budget JSON without its lines.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::amount::Amount;
use crate::budget::{
    Assets, BudgetUnit, CarryOverItem, Department, DepartmentBudget, PriorYear, Procurement,
    Project,
};
use crate::classification::EconomicCode;
use crate::funding::FundingSource;
use crate::performance::PerformanceTargets;

use super::error::ReadError;

/// 配套文件: the parts of a budget that are not leaf lines — the department's texts, units,
/// projects with their details, carry-over items, control figures (控制数), prior-year figures,
/// procurement, assets, 公用经费 classes, performance targets (绩效目标) and narrative texts.
///
/// Its JSON is the budget JSON of [`crate::budget`] without `lines` (the same fields, the same
/// forms): a budget document split in two, leaves in the facts and the rest here. `department`
/// is required; everything else may be left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Side {
    /// The label of the catalogue edition the codes belong to (`"2026"`, the built-in one, when
    /// absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalogue: Option<String>,
    /// The department.
    pub department: Department,
    /// Subordinate units, in id order; a unit the rows name that is not here is added after
    /// them with the rows' `unit_kind`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<BudgetUnit>,
    /// Projects, in id order; a project the rows name that is not here is added after them with
    /// the rows' `project_name`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<Project>,
    /// 上年结转结余项目: every carry-over item the rows' `carry_over` names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carry_overs: Vec<CarryOverItem>,
    /// 控制数 by funding source.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub control_figures: BTreeMap<FundingSource, Amount>,
    /// 上年预算数.
    #[serde(default)]
    pub prior_year: PriorYear,
    /// 政府采购预算.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procurement: Option<Procurement>,
    /// 国有资产占用使用情况.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assets: Option<Assets>,
    /// Economic classes besides 302 that 公用经费 lines may use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operating_classes: Vec<EconomicCode>,
    /// Economic classes besides 301 and 303 that 人员经费 lines may use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub personnel_classes: Vec<EconomicCode>,
    /// 绩效目标.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub performance: Option<PerformanceTargets>,
    /// The narrative's texts, by key.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub narrative: BTreeMap<String, String>,
    /// Refused when not empty: lines belong in the facts.
    #[serde(default, skip_serializing)]
    lines: Vec<serde_json::Value>,
}

impl Side {
    /// A side document of `department` and nothing else.
    pub fn new(department: Department) -> Side {
        Side {
            catalogue: None,
            department,
            units: Vec::new(),
            projects: Vec::new(),
            carry_overs: Vec::new(),
            control_figures: BTreeMap::new(),
            prior_year: PriorYear::default(),
            procurement: None,
            assets: None,
            operating_classes: Vec::new(),
            personnel_classes: Vec::new(),
            performance: None,
            narrative: BTreeMap::new(),
            lines: Vec::new(),
        }
    }

    /// Everything of `budget` but its lines.
    pub fn of(budget: &DepartmentBudget) -> Side {
        Side {
            catalogue: Some(budget.catalogue_edition().to_string()),
            department: budget.department().clone(),
            units: budget.units().to_vec(),
            projects: budget.projects().map(|(_, p)| p.clone()).collect(),
            carry_overs: budget.carry_overs().map(|(_, c)| c.clone()).collect(),
            control_figures: budget.control_figures().clone(),
            prior_year: budget.prior_year().clone(),
            procurement: budget.procurement().copied(),
            assets: budget.assets().cloned(),
            operating_classes: budget.operating_classes().to_vec(),
            personnel_classes: budget.personnel_classes().to_vec(),
            performance: budget.performance().cloned(),
            narrative: budget.narrative_texts().clone(),
            lines: Vec::new(),
        }
    }

    /// Reads a side document (JSON; a UTF-8 byte-order mark is skipped).
    ///
    /// # Errors
    /// [`ReadError::Side`] with the path, line and column of the first problem, for malformed
    /// JSON, a value of the wrong type, an unknown field, or lines.
    pub fn from_json(bytes: &[u8]) -> Result<Side, ReadError> {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut de = serde_json::Deserializer::from_slice(body);
        let side: Side = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            let e = e.into_inner();
            side_error(path, &e)
        })?;
        de.end().map_err(|e| side_error(".".to_string(), &e))?;
        if !side.lines.is_empty() {
            return Err(ReadError::Side {
                path: "lines".to_string(),
                line: 0,
                column: 0,
                message: "the side file lists lines; lines belong in the facts".to_string(),
            });
        }
        Ok(side)
    }

    /// Writes the side document as pretty-printed JSON.
    ///
    /// # Errors
    /// What writing to `out` returns.
    pub fn write_json<W: std::io::Write>(&self, out: W) -> std::io::Result<()> {
        serde_json::to_writer_pretty(out, self).map_err(std::io::Error::from)
    }
}

/// A serde_json error as a [`ReadError::Side`], its position taken apart from its message.
fn side_error(path: String, e: &serde_json::Error) -> ReadError {
    let text = e.to_string();
    let tail = format!(" at line {} column {}", e.line(), e.column());
    ReadError::Side {
        path,
        line: e.line(),
        column: e.column(),
        message: text.strip_suffix(&tail).unwrap_or(&text).to_string(),
    }
}
