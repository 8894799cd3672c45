//! JSON (and any serde format) for budgets, always through the builder.

use core::fmt;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::amount::Amount;
use crate::classification::{Catalogue, EconomicCode, FunctionalCode};
use crate::funding::FundingSource;
use crate::performance::PerformanceTargets;

use super::DepartmentBudget;
use super::builder::{Dangling, DepartmentBudgetBuilder, Edition, SeededState};
use super::model::{
    Assets, BasicKind, BudgetUnit, CarryOverId, CarryOverItem, Department, Line, PriorYear,
    Procurement, Project, ProjectId, SpendingKind, UnitId,
};

/// The wire form of a budget: the builder's contents with references by key. Written with
/// `L` = `Vec<RawLine>`; read with `L` = [`LinesIn`], which turns each line into a [`Line`] as it
/// is read.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBudget<L> {
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
    lines: L,
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

/// A line as written: references by key.
#[derive(Debug, Clone, Serialize)]
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

/// A line as read: the same fields as [`RawLine`] (and the same errors, derived alike), with its
/// keys borrowed from the input where they hold no escapes. It lives only while one line is read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "RawLine")]
struct LineIn<'a> {
    #[serde(default, borrow)]
    unit: Option<Key<'a>>,
    functional: FunctionalCode,
    economic: EconomicCode,
    kind: RawKind,
    #[serde(default, borrow)]
    project: Option<Key<'a>>,
    source: FundingSource,
    #[serde(default, borrow)]
    carry_over: Option<Key<'a>>,
    #[serde(deserialize_with = "canonical_amount")]
    amount: Amount,
}

/// A key or name a line refers to, borrowed from the input when it can be.
struct Key<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Key<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key<'a>, D::Error> {
        d.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // What a `String` field says, as the owned form did.
        f.write_str("a string")
    }
    fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(v)))
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v.to_string())))
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v)))
    }
}

/// An amount in canonical form: plain digits are turned into 分 here, anything else (and every
/// error) goes through [`Amount::parse_canonical`], the one parser, with its messages.
fn canonical_amount<'de, D: Deserializer<'de>>(d: D) -> Result<Amount, D::Error> {
    d.deserialize_str(AmountVisitor)
}

struct AmountVisitor;

impl Visitor<'_> for AmountVisitor {
    type Value = Amount;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // What `Amount`'s own visitor says.
        f.write_str("a decimal string of 元 such as \"1234.50\"")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Amount, E> {
        match plain_fen(v) {
            Some(fen) => Ok(Amount::from_fen(fen)),
            None => Amount::parse_canonical(v).map_err(E::custom),
        }
    }
}

/// The 分 of `1234`, `1234.5` or `1234.50` (no sign, no leading zero, at most 17 digits before
/// the point, one or two after it), or `None` for anything else, which
/// [`Amount::parse_canonical`] then reads or refuses.
fn plain_fen(text: &str) -> Option<u64> {
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) if (1..=2).contains(&f.len()) => (w, f),
        Some(_) => return None,
        None => (text, ""),
    };
    if whole.is_empty() || whole.len() > 17 || (whole.len() > 1 && whole.starts_with('0')) {
        return None;
    }
    let mut fen: u64 = 0;
    for b in whole.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        fen = fen * 10 + u64::from(b - b'0');
    }
    let mut cents = 0;
    for (i, b) in fraction.bytes().enumerate() {
        if !b.is_ascii_digit() {
            return None;
        }
        cents += u64::from(b - b'0') * if i == 0 { 10 } else { 1 };
    }
    // At most 17 digits: fen < 10^19 < u64::MAX.
    Some(fen * 100 + cents)
}

/// Keys in the order lines first name them; a line holds the position here until the lists
/// it refers to are known (they may come after the lines in the document).
#[derive(Debug)]
struct Interner {
    ids: HashMap<String, u32, SeededState>,
    keys: Vec<String>,
    /// The last key looked up: lines of one project or unit usually come together.
    last: Option<u32>,
}

impl Default for Interner {
    fn default() -> Interner {
        Interner {
            ids: HashMap::with_hasher(SeededState::new()),
            keys: Vec::new(),
            last: None,
        }
    }
}

impl Interner {
    fn id(&mut self, key: &str) -> u32 {
        if let Some(last) = self.last {
            if self.keys.get(last as usize).is_some_and(|k| k == key) {
                return last;
            }
        }
        let id = match self.ids.get(key) {
            Some(&id) => id,
            None => {
                let id = u32::try_from(self.keys.len()).unwrap_or(DANGLING);
                self.keys.push(key.to_string());
                self.ids.insert(key.to_string(), id);
                id
            }
        };
        self.last = Some(id);
        id
    }

    /// For each interned key, its position in the budget's list (`None`: dangling).
    fn resolve<'a>(&self, list: impl Iterator<Item = &'a str>) -> Vec<Option<u32>> {
        let index = index_of(list);
        self.keys
            .iter()
            .map(|k| index.get(k.as_str()).copied())
            .collect()
    }
}

/// The lines of a budget as read: each already a [`Line`], its references by interned key.
#[derive(Debug, Default)]
struct LinesIn {
    lines: Vec<Line>,
    projects: Interner,
    units: Interner,
    carry_overs: Interner,
    /// The first line whose kind and project disagree, reported once the document is read.
    misfit: Option<String>,
}

impl<'de> Deserialize<'de> for LinesIn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<LinesIn, D::Error> {
        d.deserialize_seq(LinesVisitor)
    }
}

struct LinesVisitor;

impl<'de> Visitor<'de> for LinesVisitor {
    type Value = LinesIn;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // What a `Vec` field says, as the owned form did.
        f.write_str("a sequence")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<LinesIn, A::Error> {
        let mut out = LinesIn::default();
        // Never trust a size hint beyond a modest bound (serde's own caution).
        out.lines.reserve(seq.size_hint().unwrap_or(0).min(1 << 16));
        while let Some(line) = seq.next_element::<LineIn<'de>>()? {
            out.push(line);
        }
        out.lines.shrink_to_fit();
        Ok(out)
    }
}

impl LinesIn {
    fn push(&mut self, l: LineIn<'_>) {
        let i = self.lines.len();
        let kind = match (l.kind, &l.project) {
            (RawKind::Personnel, None) => SpendingKind::Basic(BasicKind::Personnel),
            (RawKind::Operating, None) => SpendingKind::Basic(BasicKind::Operating),
            (RawKind::Project, Some(key)) => {
                SpendingKind::Project(ProjectId(self.projects.id(&key.0)))
            }
            (RawKind::Project, None) => {
                self.misfit.get_or_insert_with(|| {
                    format!("line {}: kind \"project\" needs a \"project\" key", i + 1)
                });
                SpendingKind::Basic(BasicKind::Personnel)
            }
            (_, Some(key)) => {
                let key = &key.0;
                self.misfit.get_or_insert_with(|| {
                    format!(
                        "line {}: a 基本支出 line names project {key:?}; use kind \"project\"",
                        i + 1
                    )
                });
                SpendingKind::Basic(BasicKind::Personnel)
            }
        };
        let mut line = Line::new(l.functional, l.economic, kind, l.source, l.amount);
        if let Some(u) = &l.unit {
            line = line.with_unit(UnitId(self.units.id(&u.0)));
        }
        if let Some(c) = &l.carry_over {
            line = line.with_carry_over(CarryOverId(self.carry_overs.id(&c.0)));
        }
        self.lines.push(line);
    }
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

impl TryFrom<RawBudget<LinesIn>> for DepartmentBudgetBuilder {
    type Error = String;

    fn try_from(raw: RawBudget<LinesIn>) -> Result<DepartmentBudgetBuilder, String> {
        let LinesIn {
            mut lines,
            projects,
            units,
            carry_overs,
            misfit,
        } = raw.lines;
        if let Some(message) = misfit {
            return Err(message);
        }
        let projects = (
            projects.resolve(raw.projects.iter().map(|p| p.key.as_str())),
            projects,
        );
        let units = (
            units.resolve(raw.units.iter().map(|u| u.name.as_str())),
            units,
        );
        let carry = (
            carry_overs.resolve(raw.carry_overs.iter().map(|c| c.key.as_str())),
            carry_overs,
        );
        let dangling = resolve_lines(&mut lines, &projects, &units, &carry);
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

/// Interned ids and what each resolves to in the budget's list.
type Resolution = (Vec<Option<u32>>, Interner);

/// Replaces the interned ids of the lines by positions in the budget's lists; a key naming
/// nothing becomes [`DANGLING`] and is kept, with its line, for the builder to report.
fn resolve_lines(
    lines: &mut [Line],
    projects: &Resolution,
    units: &Resolution,
    carry: &Resolution,
) -> Vec<Dangling> {
    let mut dangling = Vec::new();
    let mut resolve = |line: usize, what: &'static str, id: &mut u32, (to, keys): &Resolution| {
        let key = id;
        match to.get(*key as usize).copied().flatten() {
            Some(real) => *key = real,
            None => {
                dangling.push(Dangling {
                    line,
                    what,
                    key: keys.keys.get(*key as usize).cloned().unwrap_or_default(),
                });
                *key = DANGLING;
            }
        }
    };
    for (i, l) in lines.iter_mut().enumerate() {
        if let SpendingKind::Project(p) = &mut l.kind {
            resolve(i, "project", &mut p.0, projects);
        }
        if let Some(u) = &mut l.unit {
            resolve(i, "unit", &mut u.0, units);
        }
        if let Some(c) = &mut l.carry_over {
            resolve(i, "carry_over", &mut c.0, carry);
        }
    }
    dangling
}

impl From<&DepartmentBudgetBuilder> for RawBudget<Vec<RawLine>> {
    fn from(b: &DepartmentBudgetBuilder) -> RawBudget<Vec<RawLine>> {
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
        RawBudget::<Vec<RawLine>>::from(self).serialize(s)
    }
}

impl<'de> Deserialize<'de> for DepartmentBudgetBuilder {
    /// Reads a budget's parts without checking them: call `build` next. Fails only on malformed
    /// documents (wrong types, malformed codes or amounts, unknown fields).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<DepartmentBudgetBuilder, D::Error> {
        let raw = RawBudget::<LinesIn>::deserialize(d)?;
        DepartmentBudgetBuilder::try_from(raw).map_err(serde::de::Error::custom)
    }
}

impl Serialize for DepartmentBudget {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        RawBudget::<Vec<RawLine>>::from(&self.parts).serialize(s)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_amounts_read_as_the_canonical_parser_reads_them() {
        for text in [
            "0",
            "0.5",
            "0.05",
            "12",
            "12.3",
            "12.34",
            "99999999999999999.99",
            "100",
            "1.00",
        ] {
            let fen = plain_fen(text).unwrap();
            assert_eq!(
                Amount::from_fen(fen),
                Amount::parse_canonical(text).unwrap(),
                "{text}"
            );
        }
        // Everything else is left to the canonical parser (which reads or refuses it).
        for text in [
            "",
            "01",
            "00.5",
            ".5",
            "5.",
            "1.234",
            "1.2.3",
            "+5",
            "-5",
            "1e3",
            " 5",
            "1,000",
            "123456789012345678",
            "１",
        ] {
            assert_eq!(plain_fen(text), None, "{text}");
        }
    }

    fn read(json: &str) -> Result<DepartmentBudgetBuilder, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    const HEAD: &str =
        r#""department": { "name": "局", "year": 2026, "unit_kind": "administrative" }"#;

    #[test]
    fn keys_resolve_whichever_comes_first_and_dangling_ones_are_kept() {
        let lines = r#""lines": [
            { "functional": "2060101", "economic": "30227", "kind": "project", "project": "P\u0032",
              "source": "general_budget_own", "amount": "1.00" },
            { "functional": "2060101", "economic": "30227", "kind": "project", "project": "P1",
              "unit": "U", "source": "general_budget_own", "amount": "2.00" },
            { "functional": "2060101", "economic": "30227", "kind": "project", "project": "P9",
              "source": "general_budget_own", "amount": "3.00" } ]"#;
        let lists =
            r#""projects": [ { "key": "P1", "name": "一" }, { "key": "P2", "name": "二" } ]"#;
        let before = read(&format!("{{ {HEAD}, {lists}, {lines} }}")).unwrap();
        let after = read(&format!("{{ {HEAD}, {lines}, {lists} }}")).unwrap();
        assert_eq!(before, after);
        let kinds: Vec<SpendingKind> = before.lines.iter().map(|l| l.kind).collect();
        assert_eq!(
            kinds,
            [
                SpendingKind::Project(ProjectId(1)),
                SpendingKind::Project(ProjectId(0)),
                SpendingKind::Project(ProjectId(DANGLING)),
            ]
        );
        let dangling: Vec<(usize, &str, &str)> = before
            .dangling
            .iter()
            .map(|d| (d.line, d.what, d.key.as_str()))
            .collect();
        assert_eq!(dangling, [(1, "unit", "U"), (2, "project", "P9")]);
    }

    #[test]
    fn a_line_whose_kind_and_project_disagree_is_refused_by_its_number() {
        let line = |kind: &str, project: &str| {
            format!(
                r#"{{ "functional": "2060101", "economic": "30101", "kind": "{kind}", {project}
                     "source": "general_budget_own", "amount": "1.00" }}"#
            )
        };
        let ok = line("personnel", "");
        let err = read(&format!(
            "{{ {HEAD}, \"lines\": [ {ok}, {}, {} ] }}",
            line("project", ""),
            line("personnel", r#""project": "P1","#)
        ))
        .unwrap_err();
        assert!(
            err.starts_with("line 2: kind \"project\" needs a \"project\" key"),
            "{err}"
        );
        let err = read(&format!(
            "{{ {HEAD}, \"lines\": [ {ok}, {} ] }}",
            line("operating", r#""project": "P1","#)
        ))
        .unwrap_err();
        assert!(
            err.starts_with("line 2: a 基本支出 line names project \"P1\"; use kind \"project\""),
            "{err}"
        );
    }
}
