//! JSON (and any serde format) for budgets, always through the builder.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::de::DeserializeSeed;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::amount::Amount;
use crate::classification::{Catalogue, EconomicCode, FunctionalCode};
use crate::funding::FundingSource;
use crate::performance::PerformanceTargets;

use super::DepartmentBudget;
use super::builder::{Dangling, DepartmentBudgetBuilder, Edition};
use super::model::{
    Assets, BasicKind, BudgetUnit, CarryOverId, CarryOverItem, Department, Line, PriorYear,
    Procurement, Project, ProjectId, SpendingKind, UnitId,
};

/// The wire form of a budget: the builder's contents with references by key.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBudget {
    /// The catalogue edition's label (`"2026"` for the built-in one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    catalogue: Option<String>,
    department: Department,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    units: Vec<BudgetUnit>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    projects: Vec<Project>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    carry_overs: Vec<CarryOverItem>,
    lines: Vec<RawLine>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    control_figures: BTreeMap<FundingSource, Amount>,
    #[serde(default)]
    prior_year: PriorYear,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    procurement: Option<Procurement>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    assets: Option<Assets>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    operating_classes: Vec<EconomicCode>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    personnel_classes: Vec<EconomicCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    performance: Option<PerformanceTargets>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    narrative: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum RawKind {
    Personnel,
    Operating,
    Project,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLine {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
    functional: FunctionalCode,
    economic: EconomicCode,
    kind: RawKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    project: Option<String>,
    source: FundingSource,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    carry_over: Option<String>,
    amount: Amount,
}

/// Points at a missing element: ids past the end are reported as unknown references.
const DANGLING: u32 = u32::MAX;

fn index_of<'a, I: Iterator<Item = &'a str>>(keys: I) -> HashMap<&'a str, u32> {
    let mut map = HashMap::new();
    for (i, k) in keys.enumerate() {
        // The first of duplicate keys wins; the duplicate itself is a violation.
        map.entry(k).or_insert(u32::try_from(i).unwrap_or(DANGLING));
    }
    map
}

impl TryFrom<RawBudget> for DepartmentBudgetBuilder {
    type Error = String;

    fn try_from(raw: RawBudget) -> Result<DepartmentBudgetBuilder, String> {
        let mut dangling = Vec::new();
        let mut lines = Vec::with_capacity(raw.lines.len());
        {
            let projects = index_of(raw.projects.iter().map(|p| p.key.as_str()));
            let carry = index_of(raw.carry_overs.iter().map(|c| c.key.as_str()));
            let units = index_of(raw.units.iter().map(|u| u.name.as_str()));
            let mut resolve =
                |line: usize, what: &'static str, key: &str, map: &HashMap<&str, u32>| {
                    map.get(key).copied().unwrap_or_else(|| {
                        dangling.push(Dangling {
                            line,
                            what,
                            key: key.to_string(),
                        });
                        DANGLING
                    })
                };
            for (i, l) in raw.lines.iter().enumerate() {
                let kind = match (l.kind, &l.project) {
                    (RawKind::Personnel, None) => SpendingKind::Basic(BasicKind::Personnel),
                    (RawKind::Operating, None) => SpendingKind::Basic(BasicKind::Operating),
                    (RawKind::Project, Some(key)) => {
                        SpendingKind::Project(ProjectId(resolve(i, "project", key, &projects)))
                    }
                    (RawKind::Project, None) => {
                        return Err(format!(
                            "line {}: kind \"project\" needs a \"project\" key",
                            i + 1
                        ));
                    }
                    (_, Some(key)) => {
                        return Err(format!(
                            "line {}: a 基本支出 line names project {key:?}; use kind \"project\"",
                            i + 1
                        ));
                    }
                };
                let mut line = Line::new(l.functional, l.economic, kind, l.source, l.amount);
                if let Some(u) = &l.unit {
                    line = line.with_unit(UnitId(resolve(i, "unit", u, &units)));
                }
                if let Some(c) = &l.carry_over {
                    line = line.with_carry_over(CarryOverId(resolve(i, "carry_over", c, &carry)));
                }
                lines.push(line);
            }
        }
        let mut b = DepartmentBudgetBuilder::new(raw.department);
        b.units = raw.units;
        b.projects = raw.projects;
        b.carry_overs = raw.carry_overs;
        b.lines = lines;
        b.control_figures = raw.control_figures;
        b.prior_year = raw.prior_year;
        b.procurement = raw.procurement;
        b.assets = raw.assets;
        for class in raw.operating_classes {
            b.allow_operating_class(class);
        }
        for class in raw.personnel_classes {
            b.allow_personnel_class(class);
        }
        b.performance = raw.performance;
        b.narrative = raw.narrative;
        b.dangling = dangling;
        b.edition = raw.catalogue.map_or(Edition::Unset, Edition::Named);
        Ok(b)
    }
}

impl From<&DepartmentBudgetBuilder> for RawBudget {
    fn from(b: &DepartmentBudgetBuilder) -> RawBudget {
        let key_of = |i: usize, what: &str, id: u32, names: &dyn Fn(usize) -> Option<String>| {
            names(id as usize).unwrap_or_else(|| {
                b.dangling
                    .iter()
                    .find(|d| d.line == i && d.what == what)
                    .map_or_else(|| format!("#{id}"), |d| d.key.clone())
            })
        };
        let project_key = |i: usize| b.projects.get(i).map(|p| p.key.clone());
        let unit_name = |i: usize| b.units.get(i).map(|u| u.name.clone());
        let carry_key = |i: usize| b.carry_overs.get(i).map(|c| c.key.clone());
        let lines = b
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let (kind, project) = match l.kind {
                    SpendingKind::Basic(BasicKind::Personnel) => (RawKind::Personnel, None),
                    SpendingKind::Basic(BasicKind::Operating) => (RawKind::Operating, None),
                    SpendingKind::Project(p) => (
                        RawKind::Project,
                        Some(key_of(i, "project", p.0, &project_key)),
                    ),
                };
                RawLine {
                    unit: l.unit.map(|u| key_of(i, "unit", u.0, &unit_name)),
                    functional: l.functional,
                    economic: l.economic,
                    kind,
                    project,
                    source: l.source,
                    carry_over: l
                        .carry_over
                        .map(|c| key_of(i, "carry_over", c.0, &carry_key)),
                    amount: l.amount,
                }
            })
            .collect();
        RawBudget {
            catalogue: b.catalogue_edition().map(str::to_string),
            department: b.department.clone(),
            units: b.units.clone(),
            projects: b.projects.clone(),
            carry_overs: b.carry_overs.clone(),
            lines,
            control_figures: b.control_figures.clone(),
            prior_year: b.prior_year.clone(),
            procurement: b.procurement,
            assets: b.assets.clone(),
            operating_classes: b.operating_classes.clone(),
            personnel_classes: b.personnel_classes.clone(),
            performance: b.performance.clone(),
            narrative: b.narrative.clone(),
        }
    }
}

impl Serialize for DepartmentBudgetBuilder {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        RawBudget::from(self).serialize(s)
    }
}

impl<'de> Deserialize<'de> for DepartmentBudgetBuilder {
    /// Reads a budget's parts without checking them: call `build` next. Fails only on malformed
    /// documents (wrong types, malformed codes or amounts, unknown fields).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<DepartmentBudgetBuilder, D::Error> {
        let raw = RawBudget::deserialize(d)?;
        DepartmentBudgetBuilder::try_from(raw).map_err(serde::de::Error::custom)
    }
}

impl Serialize for DepartmentBudget {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        RawBudget::from(&self.parts).serialize(s)
    }
}

impl<'de> Deserialize<'de> for DepartmentBudget {
    /// Reads a budget through the builder and checks it against the built-in catalogue edition;
    /// a budget that does not pass (or names another edition: read it with [`BudgetSeed`]) is an
    /// error listing every violation.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<DepartmentBudget, D::Error> {
        BudgetSeed::new([]).deserialize(d)
    }
}

/// 按目录版本读取预算: reads a budget whose JSON names a catalogue edition of the caller's, and
/// checks it against that edition; the one documented way to read a budget built with a custom
/// edition.
///
/// A budget's JSON names its edition (`"catalogue": "2026"` for the built-in one). The seed holds
/// the editions the caller can supply; the budget is checked against the one its JSON names, or
/// the built-in edition when it names none or names [`BUILTIN_EDITION`](crate::classification::BUILTIN_EDITION)
/// and no supplied edition has that label. A name matching neither is rejected with a
/// `budget.catalogue_edition` violation that names it.
///
/// ```
/// use std::sync::Arc;
/// use serde::de::DeserializeSeed;
/// use yusuan::budget::{BudgetSeed, DepartmentBudget};
/// use yusuan::classification::Catalogue;
///
/// let edition = Arc::new(Catalogue::from_tsv(
///     "某省2026",
///     "206\t科学技术支出\n20601\t科学技术管理事务\n2060101\t行政运行\n\
///      301\t工资福利支出\n30101\t基本工资\n",
/// )?);
/// let json = r#"{ "catalogue": "某省2026",
///   "department": { "name": "示例局", "year": 2026, "unit_kind": "administrative" },
///   "lines": [ { "functional": "2060101", "economic": "30101", "kind": "personnel",
///                "source": "general_budget_own", "amount": "100.00" } ] }"#;
/// let seed = BudgetSeed::new([Arc::clone(&edition)]);
/// let budget = seed.deserialize(&mut serde_json::Deserializer::from_str(json))?;
/// assert_eq!(budget.catalogue_edition(), "某省2026");
/// // Without the edition, the same JSON is rejected with a message naming it.
/// let err = serde_json::from_str::<DepartmentBudget>(json).unwrap_err().to_string();
/// assert!(err.contains("names catalogue edition \"某省2026\""), "{err}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct BudgetSeed {
    editions: Vec<Arc<Catalogue>>,
}

impl BudgetSeed {
    /// A seed that can supply these editions (matched by [`Catalogue::edition`]).
    pub fn new<I: IntoIterator<Item = Arc<Catalogue>>>(editions: I) -> BudgetSeed {
        BudgetSeed {
            editions: editions.into_iter().collect(),
        }
    }
}

impl<'de> DeserializeSeed<'de> for BudgetSeed {
    type Value = DepartmentBudget;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<DepartmentBudget, D::Error> {
        let mut builder = DepartmentBudgetBuilder::deserialize(d)?;
        let supplied = builder
            .catalogue_edition()
            .and_then(|name| self.editions.iter().find(|c| c.edition() == name));
        if let Some(edition) = supplied {
            builder.catalogue(Arc::clone(edition));
        }
        builder
            .build()
            .map_err(|r| serde::de::Error::custom(r.violations()))
    }
}
