//! 预算构建器: collects the parts of a budget and checks every invariant at once.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use strum::EnumCount;

use crate::amount::Amount;
use crate::classification::{Catalogue, EconomicCode, FunctionalCode, Level};
use crate::funding::FundingSource;
use crate::performance::{Indicator, PerformanceTargets};

use super::DepartmentBudget;
use super::model::{
    Assets, BasicKind, BudgetUnit, CarryOverId, CarryOverItem, CarryOverUse, Department, Line,
    PriorYear, Procurement, Project, ProjectId, SpendingKind, UnitId,
};
use super::rules::{Location, Rule, ValidationErrors, Violation};

/// A reference from serialized input (a project key, unit name or carry-over key) that names
/// nothing in the budget; kept so the violation can quote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dangling {
    pub(crate) line: usize,
    pub(crate) what: &'static str,
    pub(crate) key: String,
}

/// 部门预算构建器: gathers a department's budget; [`build`](Self::build) checks it.
///
/// Setters never fail and may be called in any order; ids returned by [`project`](Self::project),
/// [`carry_over`](Self::carry_over) and [`unit`](Self::unit) are used by lines. `build()` checks
/// every hard invariant (each a [`Rule`](super::Rule), listed there) and returns either a [`DepartmentBudget`] or all
/// violations together with the builder, so nothing valid is lost.
///
/// ```
/// use yusuan::budget::{Department, DepartmentBudget, Line, Project, SpendingKind, UnitKind};
/// use yusuan::{Amount, FundingSource, Unit};
///
/// let mut b = DepartmentBudget::builder(Department::new("示例局", 2026, UnitKind::Administrative));
/// let wan = |s: &str| Amount::parse_in(s, Unit::WanYuan).unwrap();
/// let p = b.project(Project::new("P1", "科普活动经费"));
/// b.line(Line::new("2060101".parse()?, "30101".parse()?, SpendingKind::PERSONNEL,
///                  FundingSource::GeneralBudgetOwn, wan("10.00")))
///  .line(Line::new("2060702".parse()?, "30227".parse()?, SpendingKind::Project(p),
///                  FundingSource::GeneralBudgetTransfer, wan("2.00")))
///  .control_figure(FundingSource::GeneralBudgetOwn, wan("10.00"))
///  .control_figure(FundingSource::GeneralBudgetTransfer, wan("2.00"));
/// let budget = b.build().map_err(|r| r.to_string()).unwrap();
/// assert_eq!(budget.total().display_in(Unit::WanYuan).to_string(), "12.00");
///
/// // A 人员经费 line on a 302 款 is rejected, with its location.
/// let mut bad = budget.to_builder();
/// bad.line(Line::new("2060101".parse()?, "30201".parse()?, SpendingKind::PERSONNEL,
///                    FundingSource::GeneralBudgetOwn, wan("1.00")));
/// let rejected = bad.build().unwrap_err();
/// assert_eq!(rejected.violations().len(), 2); // the class rule, and the control figure
/// # Ok::<(), yusuan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentBudgetBuilder {
    pub(crate) department: Department,
    pub(crate) units: Vec<BudgetUnit>,
    pub(crate) projects: Vec<Project>,
    pub(crate) carry_overs: Vec<CarryOverItem>,
    pub(crate) lines: Vec<Line>,
    pub(crate) control_figures: BTreeMap<FundingSource, Amount>,
    pub(crate) prior_year: PriorYear,
    pub(crate) procurement: Option<Procurement>,
    pub(crate) assets: Option<Assets>,
    pub(crate) operating_classes: Vec<EconomicCode>,
    pub(crate) personnel_classes: Vec<EconomicCode>,
    pub(crate) performance: Option<PerformanceTargets>,
    pub(crate) narrative: BTreeMap<String, String>,
    pub(crate) dangling: Vec<Dangling>,
    pub(crate) edition: Edition,
}

/// The catalogue edition a builder is to be checked against.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) enum Edition {
    /// Nothing said: [`DepartmentBudgetBuilder::build`] uses the built-in edition.
    #[default]
    Unset,
    /// Named by serialized input (`"catalogue": "…"`) but not supplied.
    Named(String),
    /// Supplied: the budget's own edition, or one given by the caller.
    Given(Arc<Catalogue>),
}

impl DepartmentBudgetBuilder {
    /// An empty budget of `department`.
    pub fn new(department: Department) -> DepartmentBudgetBuilder {
        DepartmentBudgetBuilder {
            department,
            units: Vec::new(),
            projects: Vec::new(),
            carry_overs: Vec::new(),
            lines: Vec::new(),
            control_figures: BTreeMap::new(),
            prior_year: PriorYear::default(),
            procurement: None,
            assets: None,
            operating_classes: Vec::new(),
            personnel_classes: Vec::new(),
            performance: None,
            narrative: BTreeMap::new(),
            dangling: Vec::new(),
            edition: Edition::Unset,
        }
    }

    /// Replaces the department facts.
    pub fn department(&mut self, department: Department) -> &mut Self {
        self.department = department;
        self
    }

    /// Adds a subordinate unit; lines refer to it by the returned id.
    pub fn unit(&mut self, unit: BudgetUnit) -> UnitId {
        self.units.push(unit);
        UnitId(index_u32(self.units.len()))
    }

    /// Adds a project; lines refer to it by the returned id.
    pub fn project(&mut self, project: Project) -> ProjectId {
        self.projects.push(project);
        ProjectId(index_u32(self.projects.len()))
    }

    /// Adds a carry-over item; lines drawing on it refer to it by the returned id.
    pub fn carry_over(&mut self, item: CarryOverItem) -> CarryOverId {
        self.carry_overs.push(item);
        CarryOverId(index_u32(self.carry_overs.len()))
    }

    /// Adds a line.
    pub fn line(&mut self, line: Line) -> &mut Self {
        self.lines.push(line);
        self
    }

    /// Adds lines.
    pub fn lines<I: IntoIterator<Item = Line>>(&mut self, lines: I) -> &mut Self {
        self.lines.extend(lines);
        self
    }

    /// Declares the control figure (控制数) of a funding source: its lines must add up to it.
    pub fn control_figure(&mut self, source: FundingSource, amount: Amount) -> &mut Self {
        self.control_figures.insert(source, amount);
        self
    }

    /// Sets the prior year's figures.
    pub fn prior_year(&mut self, prior: PriorYear) -> &mut Self {
        self.prior_year = prior;
        self
    }

    /// Sets the procurement budget.
    pub fn procurement(&mut self, procurement: Procurement) -> &mut Self {
        self.procurement = Some(procurement);
        self
    }

    /// Sets the state assets.
    pub fn assets(&mut self, assets: Assets) -> &mut Self {
        self.assets = Some(assets);
        self
    }

    /// Sets the performance targets (绩效目标), checked with the rest by `build`.
    pub fn performance(&mut self, targets: PerformanceTargets) -> &mut Self {
        self.performance = Some(targets);
        self
    }

    /// Sets a text of the narrative (情况说明) that is not computed: a reason (主要原因是…) or a
    /// description. Keys are listed in [`crate::disclosure::narrative`].
    pub fn narrative_text(&mut self, key: impl Into<String>, text: impl Into<String>) -> &mut Self {
        self.narrative.insert(key.into(), text.into());
        self
    }

    /// The performance targets, to edit in place.
    pub fn performance_mut(&mut self) -> &mut Option<PerformanceTargets> {
        &mut self.performance
    }

    /// Lets 公用经费 lines use another economic class besides 302 (some templates count 310).
    pub fn allow_operating_class(&mut self, class: EconomicCode) -> &mut Self {
        let class = class.class();
        if !self.operating_classes.contains(&class) {
            self.operating_classes.push(class);
        }
        self
    }

    /// Lets 人员经费 lines use another economic class besides 301 and 303 (Xi'an counts 302's
    /// 30239 其他交通费用, the 公务交通补贴, under 人员经费).
    pub fn allow_personnel_class(&mut self, class: EconomicCode) -> &mut Self {
        let class = class.class();
        if !self.personnel_classes.contains(&class) {
            self.personnel_classes.push(class);
        }
        self
    }

    /// Merges lines that share a leaf key `(unit, 项, 款, 支出类型, 资金来源, 结转项目)` into the
    /// first of them, adding their amounts: the explicit opt-in for input that lists one leaf
    /// on several rows (without it, `build` rejects them as `budget.duplicate_leaf`). Returns
    /// how many lines were merged away. Lines whose sum would overflow are left apart (and
    /// then rejected by `build`).
    ///
    /// ```
    /// use yusuan::budget::{Department, DepartmentBudget, Line, SpendingKind, UnitKind};
    /// use yusuan::{Amount, FundingSource};
    /// let line = Line::new("2060101".parse()?, "30101".parse()?, SpendingKind::PERSONNEL,
    ///                      FundingSource::GeneralBudgetOwn, Amount::from_fen(10_000));
    /// let mut b = DepartmentBudget::builder(Department::new("示例局", 2026, UnitKind::Administrative));
    /// b.line(line).line(line);
    /// assert!(b.clone().build().is_err());
    /// assert_eq!(b.merge_duplicate_lines(), 1);
    /// let budget = b.build().map_err(|r| r.to_string())?;
    /// assert_eq!(budget.total(), Amount::from_fen(20_000));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn merge_duplicate_lines(&mut self) -> usize {
        let first = first_of_leaf(&self.lines);
        // For each line, the line it merges into (itself when it comes first or cannot merge).
        let mut into: Vec<usize> = (0..self.lines.len()).collect();
        for (i, &h) in first.iter().enumerate().filter(|(i, h)| i != *h) {
            let (Some(a), Some(b)) = (self.lines.get(h), self.lines.get(i)) else {
                continue;
            };
            if let Some(sum) = a.amount.checked_add(b.amount) {
                if let Some(target) = self.lines.get_mut(h) {
                    target.amount = sum;
                }
                if let Some(slot) = into.get_mut(i) {
                    *slot = h;
                }
            }
        }
        let before = self.lines.len();
        let mut index = 0;
        self.lines.retain(|_| {
            let keep = into.get(index) == Some(&index);
            index += 1;
            keep
        });
        before - self.lines.len()
    }

    /// The lines given so far.
    pub fn lines_so_far(&self) -> &[Line] {
        &self.lines
    }

    /// The lines given so far, to edit in place (the builder is not checked until `build`).
    pub fn lines_mut(&mut self) -> &mut Vec<Line> {
        &mut self.lines
    }

    /// The projects, to edit in place; ids are positions in this list.
    pub fn projects_mut(&mut self) -> &mut Vec<Project> {
        &mut self.projects
    }

    /// The carry-over items, to edit in place; ids are positions in this list.
    pub fn carry_overs_mut(&mut self) -> &mut Vec<CarryOverItem> {
        &mut self.carry_overs
    }

    /// The subordinate units, to edit in place; ids are positions in this list.
    pub fn units_mut(&mut self) -> &mut Vec<BudgetUnit> {
        &mut self.units
    }

    /// The declared control figures, to edit in place.
    pub fn control_figures_mut(&mut self) -> &mut BTreeMap<FundingSource, Amount> {
        &mut self.control_figures
    }

    /// The prior year's figures, to edit in place.
    pub fn prior_year_mut(&mut self) -> &mut PriorYear {
        &mut self.prior_year
    }

    /// The procurement budget, to edit in place.
    pub fn procurement_mut(&mut self) -> &mut Option<Procurement> {
        &mut self.procurement
    }

    /// The department facts, to edit in place.
    pub fn department_mut(&mut self) -> &mut Department {
        &mut self.department
    }

    /// Sets the catalogue edition the budget is checked against and keeps (by default the
    /// built-in one; a budget taken apart with [`DepartmentBudget::to_builder`] keeps its own).
    pub fn catalogue(&mut self, catalogue: Arc<Catalogue>) -> &mut Self {
        self.edition = Edition::Given(catalogue);
        self
    }

    /// The label of the edition this builder will be checked against, if one was named or given.
    pub fn catalogue_edition(&self) -> Option<&str> {
        match &self.edition {
            Edition::Unset => None,
            Edition::Named(name) => Some(name),
            Edition::Given(c) => Some(c.edition()),
        }
    }

    /// Checks every invariant against the builder's catalogue edition: the one set with
    /// [`catalogue`](Self::catalogue) or kept from the budget it came from, else the built-in
    /// edition. A builder read from JSON that names an edition it was not given is rejected
    /// (`budget.catalogue_edition`): read such JSON with [`super::BudgetSeed`].
    ///
    /// # Errors
    /// [`Rejected`] with every violation and this builder.
    pub fn build(self) -> Result<DepartmentBudget, Rejected> {
        let catalogue = match &self.edition {
            Edition::Given(c) => Arc::clone(c),
            Edition::Unset | Edition::Named(_) => Catalogue::builtin_shared(),
        };
        self.checked(catalogue)
    }

    /// Checks every invariant, looking codes up in `catalogue` (the edition of the budget year,
    /// or [`Catalogue::structural_only`]), which the budget then keeps. A builder that names or
    /// holds another edition is rejected (`budget.catalogue_edition`), except by a
    /// structural-only catalogue, which checks any budget.
    ///
    /// # Errors
    /// [`Rejected`] with every violation and this builder.
    pub fn build_with(
        self,
        catalogue: impl Into<Arc<Catalogue>>,
    ) -> Result<DepartmentBudget, Rejected> {
        self.checked(catalogue.into())
    }

    fn checked(mut self, catalogue: Arc<Catalogue>) -> Result<DepartmentBudget, Rejected> {
        let (mut violations, total) = check(&self, &catalogue);
        // A structural-only catalogue is an explicit opt-out of existence checks: it checks a
        // budget whatever edition the budget names.
        let named = self
            .catalogue_edition()
            .filter(|n| *n != catalogue.edition() && !catalogue.is_structural_only());
        if let Some(named) = named {
            violations.insert(
                0,
                Violation::new(
                    Rule::CatalogueEdition,
                    Location::Budget,
                    format!(
                        "the budget names catalogue edition {named:?} but is checked against {:?}; \
                         supply edition {named:?} to read it",
                        catalogue.edition()
                    ),
                ),
            );
        }
        // No violation means no overflow, so the total is an amount.
        if let (true, Some(total)) = (violations.is_empty(), total.amount()) {
            self.edition = Edition::Given(Arc::clone(&catalogue));
            Ok(DepartmentBudget {
                parts: self,
                total,
                catalogue,
            })
        } else {
            Err(Rejected {
                errors: ValidationErrors::new(violations),
                builder: Box::new(self),
            })
        }
    }

    /// Every violation, without consuming the builder (an empty list means `build` succeeds).
    pub fn violations(&self, catalogue: &Catalogue) -> Vec<Violation> {
        check(self, catalogue).0
    }

    pub(crate) fn project_key(&self, line_index: usize, id: ProjectId) -> String {
        match self.projects.get(id.index()) {
            Some(p) => p.key.clone(),
            None => self
                .dangling
                .iter()
                .find(|d| d.line == line_index && d.what == "project")
                .map_or_else(|| format!("#{}", id.0), |d| d.key.clone()),
        }
    }

    pub(crate) fn line_location(&self, index: usize, line: &Line) -> Location {
        Location::Line {
            index,
            functional: line.functional,
            economic: line.economic,
            kind: line.kind,
            project: line.kind.project().map(|p| self.project_key(index, p)),
            source: line.source,
        }
    }

    fn dangling_key(&self, line: usize, what: &str) -> Option<&str> {
        self.dangling
            .iter()
            .find(|d| d.line == line && d.what == what)
            .map(|d| d.key.as_str())
    }
}

/// The id of the element just pushed (ids are u32; a list longer than u32::MAX is absurd and
/// its overflowing ids are reported as unknown references rather than wrapped).
fn index_u32(len: usize) -> u32 {
    u32::try_from(len.saturating_sub(1)).unwrap_or(u32::MAX)
}

/// A budget that did not build: every violation, and the builder to fix and build again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    errors: ValidationErrors,
    builder: Box<DepartmentBudgetBuilder>,
}

impl Rejected {
    /// Every violation.
    pub fn violations(&self) -> &ValidationErrors {
        &self.errors
    }
    /// The builder, unchanged, to fix and build again.
    pub fn into_builder(self) -> DepartmentBudgetBuilder {
        *self.builder
    }
    /// The violations, dropping the builder.
    pub fn into_errors(self) -> ValidationErrors {
        self.errors
    }
}

impl core::fmt::Display for Rejected {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "budget of {:?} rejected: {}",
            self.builder.department.name, self.errors
        )
    }
}

impl std::error::Error for Rejected {}

/// Sums of 分 in u128: exact, and no overflow is possible for fewer than 10^18 lines of at most
/// `Amount::MAX` (10^20 分) each; the result is checked against `Amount::MAX` when turned back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Fen(pub(crate) u128);

impl Fen {
    pub(crate) fn add(&mut self, a: Amount) {
        self.0 = self.0.saturating_add(a.fen());
    }
    pub(crate) fn amount(self) -> Option<Amount> {
        Amount::from_fen_u128(self.0)
    }
    /// The exact sum in 元 with two decimals, whatever its size (for reports of overflow).
    pub(crate) fn yuan(self) -> String {
        super::rules::yuan_of_fen(self.0)
    }
    /// The exact sum of `amounts`.
    pub(crate) fn sum<I: IntoIterator<Item = Amount>>(amounts: I) -> Fen {
        let mut f = Fen::default();
        for a in amounts {
            f.add(a);
        }
        f
    }
    /// A sum of some of a built budget's lines, as an amount. `build` rejects a budget whose
    /// lines add up beyond [`Amount::MAX`] (`budget.overflow`, with the true sum), so every sum
    /// of a built budget's lines fits: the saturation here is never reached, and the one place
    /// the views turn their exact sums into amounts.
    pub(crate) fn in_budget(self) -> Amount {
        Amount::from_fen_u128(self.0).unwrap_or(Amount::MAX)
    }
    /// The sum of two amounts of one built budget (see [`Fen::in_budget`]).
    pub(crate) fn add_in_budget(a: Amount, b: Amount) -> Amount {
        Fen(a.fen().saturating_add(b.fen())).in_budget()
    }
    /// Whether the sum equals `a`.
    pub(crate) fn is(self, a: Amount) -> bool {
        self.0 == a.fen()
    }
}

impl From<Fen> for u128 {
    fn from(f: Fen) -> u128 {
        f.0
    }
}

/// Runs every rule; returns the violations (sorted by rule, stable) and the grand total.
/// Runs every rule of the registry below; returns the violations (sorted by rule, stable) and
/// the exact grand total (the `budget.overflow` violation reports it when it exceeds
/// `Amount::MAX`).
///
/// The per-line rules run in one pass over the lines ([`check_lines`]), which also sums what
/// the whole-budget rules compare; each rule is one function.
fn check(b: &DepartmentBudgetBuilder, catalogue: &Catalogue) -> (Vec<Violation>, Fen) {
    let mut out = Vec::new();
    check_year(b, &mut out);
    let sums = check_lines(b, catalogue, &mut out);
    check_total(&sums, &mut out);
    check_keys(b, &mut out);
    check_names(b, &mut out);
    check_leaves(b, &mut out);
    check_projects_have_lines(b, &sums, &mut out);
    let explained =
        check_carry_over_totals(b, &sums, &mut out) | check_control_figures(b, &sums, &mut out);
    if !explained {
        check_balance(b, &sums, &mut out);
    }
    check_prior_year(b, catalogue, &mut out);
    check_procurement(b, &mut out);
    if let Some(targets) = &b.performance {
        let totals = SourceTotals {
            by_source: &sums.by_source,
            total: sums.total,
        };
        check_performance(b, targets, &sums.project_sums, &totals, &mut out);
    }
    out.sort_by_key(Violation::rule);
    (out, sums.total)
}

/// What one pass over the lines sums for the whole-budget rules.
struct LineSums {
    by_source: [Fen; FundingSource::COUNT],
    by_carry: Vec<Fen>,
    project_lines: Vec<u32>,
    /// Per project: all lines, and the 财政拨款 ones (for the performance targets' funds).
    project_sums: Vec<(Fen, Fen)>,
    total: Fen,
}

impl LineSums {
    fn source(&self, s: FundingSource) -> Fen {
        self.by_source.get(s as usize).copied().unwrap_or_default()
    }
}

/// budget.year: a year from 2000 to 2100.
fn check_year(b: &DepartmentBudgetBuilder, out: &mut Vec<Violation>) {
    if !(2000..=2100).contains(&b.department.year) {
        out.push(Violation::new(
            Rule::Year,
            Location::Budget,
            format!("budget year {} is outside 2000–2100", b.department.year),
        ));
    }
}

/// The per-line rules (codes, 人员/公用 classes, references, carry-over links), in one pass
/// that also sums the lines for the rules that follow.
fn check_lines(
    b: &DepartmentBudgetBuilder,
    catalogue: &Catalogue,
    out: &mut Vec<Violation>,
) -> LineSums {
    let mut sums = LineSums {
        by_source: [Fen::default(); FundingSource::COUNT],
        by_carry: vec![Fen::default(); b.carry_overs.len()],
        project_lines: vec![0u32; b.projects.len()],
        project_sums: vec![(Fen::default(), Fen::default()); b.projects.len()],
        total: Fen::default(),
    };
    // Lines usually repeat a few codes: remember the last ones checked.
    let mut checked = CheckedCodes::default();
    for (i, line) in b.lines.iter().enumerate() {
        check_line_codes(b, catalogue, i, line, &mut checked, out);
        check_line_kind(b, i, line, &mut sums, out);
        check_line_references(b, i, line, &mut sums, out);
        if let Some(s) = sums.by_source.get_mut(line.source as usize) {
            s.add(line.amount);
        }
        sums.total.add(line.amount);
    }
    sums
}

/// The last functional and economic codes found valid.
#[derive(Default)]
struct CheckedCodes {
    functional: Option<FunctionalCode>,
    economic: Option<EconomicCode>,
}

/// budget.code_level, budget.unknown_code: a line's codes are a 项 and a 款 of the edition.
fn check_line_codes(
    b: &DepartmentBudgetBuilder,
    catalogue: &Catalogue,
    i: usize,
    line: &Line,
    checked: &mut CheckedCodes,
    out: &mut Vec<Violation>,
) {
    let fc = line.functional;
    if checked.functional != Some(fc) {
        if !fc.is_item() {
            out.push(Violation::new(
                Rule::CodeLevel,
                b.line_location(i, line),
                format!(
                    "functional code {fc} is a {}; lines carry a 项 (7 digits)",
                    fc.level()
                ),
            ));
        } else if !catalogue.contains(fc) {
            out.push(unknown_code(b.line_location(i, line), fc, catalogue));
        } else {
            checked.functional = Some(fc);
        }
    }
    let ec = line.economic;
    if checked.economic != Some(ec) {
        if ec.level() != Level::Section {
            out.push(Violation::new(
                Rule::CodeLevel,
                b.line_location(i, line),
                format!("economic code {ec} is a 类; lines carry a 款 (5 digits)"),
            ));
        } else if !catalogue.contains(ec) {
            out.push(unknown_code(b.line_location(i, line), ec, catalogue));
        } else {
            checked.economic = Some(ec);
        }
    }
}

/// budget.personnel_class, budget.operating_class, and a project line's project (counted for
/// budget.project_without_lines and summed for the performance targets).
fn check_line_kind(
    b: &DepartmentBudgetBuilder,
    i: usize,
    line: &Line,
    sums: &mut LineSums,
    out: &mut Vec<Violation>,
) {
    let ec = line.economic;
    let class = ec.class().as_u32();
    match line.kind {
        SpendingKind::Basic(BasicKind::Personnel)
            if class != 301
                && class != 303
                && !b.personnel_classes.iter().any(|c| c.as_u32() == class) =>
        {
            let allowed: Vec<String> = ["301".to_string(), "303".to_string()]
                .into_iter()
                .chain(b.personnel_classes.iter().map(|c| c.to_string()))
                .collect();
            out.push(Violation::new(
                Rule::PersonnelClass,
                b.line_location(i, line),
                format!(
                    "人员经费 line on economic class {class}; 人员经费 uses {}",
                    allowed.join(" or ")
                ),
            ));
        }
        SpendingKind::Basic(BasicKind::Operating)
            if class != 302 && !b.operating_classes.iter().any(|c| c.as_u32() == class) =>
        {
            let allowed: Vec<String> = std::iter::once("302".to_string())
                .chain(b.operating_classes.iter().map(|c| c.to_string()))
                .collect();
            out.push(Violation::new(
                Rule::OperatingClass,
                b.line_location(i, line),
                format!(
                    "公用经费 line on economic class {class}; 公用经费 uses {}",
                    allowed.join(" or ")
                ),
            ));
        }
        SpendingKind::Project(p) => match sums.project_lines.get_mut(p.index()) {
            Some(n) => {
                *n = n.saturating_add(1);
                if let Some((all, fiscal)) = sums.project_sums.get_mut(p.index()) {
                    all.add(line.amount);
                    if line.source.is_fiscal() {
                        fiscal.add(line.amount);
                    }
                }
            }
            None => out.push(Violation::new(
                Rule::UnknownReference,
                b.line_location(i, line),
                format!("project {:?} is not in the budget", b.project_key(i, p)),
            )),
        },
        SpendingKind::Basic(_) => {}
    }
}

/// budget.unknown_reference (unit, carry-over item) and budget.carry_over_link; sums the lines
/// drawing on each carry-over item.
fn check_line_references(
    b: &DepartmentBudgetBuilder,
    i: usize,
    line: &Line,
    sums: &mut LineSums,
    out: &mut Vec<Violation>,
) {
    if let Some(u) = line.unit {
        if u.index() >= b.units.len() {
            let key = b
                .dangling_key(i, "unit")
                .map_or_else(|| format!("#{}", u.0), str::to_string);
            out.push(Violation::new(
                Rule::UnknownReference,
                b.line_location(i, line),
                format!("unit {key:?} is not in the budget"),
            ));
        }
    }
    match line.carry_over {
        Some(c) => match b.carry_overs.get(c.index()) {
            None => {
                let key = b
                    .dangling_key(i, "carry_over")
                    .map_or_else(|| format!("#{}", c.0), str::to_string);
                out.push(Violation::new(
                    Rule::UnknownReference,
                    b.line_location(i, line),
                    format!("carry-over item {key:?} is not in the budget"),
                ));
            }
            Some(item) => {
                if let Some(sum) = sums.by_carry.get_mut(c.index()) {
                    sum.add(line.amount);
                }
                if line.source != item.fund.source() {
                    out.push(Violation::new(
                        Rule::CarryOverLink,
                        b.line_location(i, line),
                        format!(
                            "draws on carry-over item {:?} ({}) but is funded by {}",
                            item.key,
                            item.fund.source(),
                            line.source
                        ),
                    ));
                }
                let fits = match (item.usage, line.kind) {
                    (CarryOverUse::Project, SpendingKind::Project(_)) => true,
                    (CarryOverUse::Basic(k), SpendingKind::Basic(l)) => k == l,
                    _ => false,
                };
                if !fits {
                    out.push(Violation::new(
                        Rule::CarryOverLink,
                        b.line_location(i, line),
                        format!(
                            "is {} but carry-over item {:?} funds {}",
                            line.kind, item.key, item.usage
                        ),
                    ));
                }
            }
        },
        None if line.source.is_carry_over() => out.push(Violation::new(
            Rule::CarryOverLink,
            b.line_location(i, line),
            format!("is funded by {} but names no carry-over item", line.source),
        )),
        None => {}
    }
}

/// budget.overflow: the lines add up to at most `Amount::MAX`.
fn check_total(sums: &LineSums, out: &mut Vec<Violation>) {
    if sums.total.amount().is_none() {
        out.push(Violation::new(
            Rule::Overflow,
            Location::Budget,
            format!(
                "the lines add up to {} 元, beyond the largest amount {} 元",
                sums.total.yuan(),
                Amount::MAX
            ),
        ));
    }
}

/// budget.project_without_lines.
fn check_projects_have_lines(
    b: &DepartmentBudgetBuilder,
    sums: &LineSums,
    out: &mut Vec<Violation>,
) {
    for (p, n) in b.projects.iter().zip(&sums.project_lines) {
        if *n == 0 {
            out.push(Violation::new(
                Rule::ProjectWithoutLines,
                Location::Project(p.key.clone()),
                format!("project {:?} has no lines", p.name),
            ));
        }
    }
}

/// budget.carry_over_total: each carry-over item equals the lines drawing on it. Returns
/// whether a difference was reported (it then explains the balance).
fn check_carry_over_totals(
    b: &DepartmentBudgetBuilder,
    sums: &LineSums,
    out: &mut Vec<Violation>,
) -> bool {
    let mut reported = false;
    for (item, sum) in b.carry_overs.iter().zip(&sums.by_carry) {
        if !sum.is(item.amount) {
            reported = true;
            out.push(
                Violation::new(
                    Rule::CarryOverTotal,
                    Location::CarryOver(item.key.clone()),
                    format!(
                        "carry-over item {:?} differs from the lines drawing on it",
                        item.notice
                    ),
                )
                .amounts(item.amount, *sum),
            );
        }
    }
    reported
}

/// budget.control_figure: each declared 控制数 equals its source's lines. Returns whether a
/// difference was reported.
fn check_control_figures(
    b: &DepartmentBudgetBuilder,
    sums: &LineSums,
    out: &mut Vec<Violation>,
) -> bool {
    let mut reported = false;
    for (&source, &stated) in &b.control_figures {
        let computed = sums.source(source);
        if !computed.is(stated) {
            reported = true;
            out.push(
                Violation::new(
                    Rule::ControlFigure,
                    Location::ControlFigure(source),
                    "the declared 控制数 differs from the sum of the lines it funds",
                )
                .amounts(stated, computed),
            );
        }
    }
    reported
}

/// budget.balance: 收入总计 = 支出总计, the declared income (control figures, and carry-over
/// items for carry-over sources without a figure) against all lines. Run only when no control
/// figure or carry-over item already explains a difference, so one error gives one report.
fn check_balance(b: &DepartmentBudgetBuilder, sums: &LineSums, out: &mut Vec<Violation>) {
    if b.control_figures.is_empty() {
        return;
    }
    let mut stated = Fen::default();
    for &a in b.control_figures.values() {
        stated.add(a);
    }
    for item in &b.carry_overs {
        if !b.control_figures.contains_key(&item.fund.source()) {
            stated.add(item.amount);
        }
    }
    if stated == sums.total {
        return;
    }
    let undeclared: Vec<String> = <FundingSource as strum::IntoEnumIterator>::iter()
        .filter(|s| !b.control_figures.contains_key(s) && !s.is_carry_over())
        .filter(|s| sums.source(*s).0 > 0)
        .map(|s| s.to_string())
        .collect();
    let why = if undeclared.is_empty() {
        String::new()
    } else {
        format!(
            "; lines funded by {} have no control figure",
            undeclared.join(", ")
        )
    };
    out.push(
        Violation::new(
            Rule::Balance,
            Location::Budget,
            format!("收入总计 (declared income) differs from 支出总计 (all lines){why}"),
        )
        .amounts(stated, sums.total),
    );
}

fn unknown_code<C: crate::classification::Code>(
    location: Location,
    code: C,
    catalogue: &Catalogue,
) -> Violation {
    let message = match catalogue.check(code) {
        Err(e) => e.to_string(),
        Ok(_) => format!("{} code {code} is not in the catalogue", C::SYSTEM),
    };
    Violation::new(Rule::UnknownCode, location, message)
}

fn check_keys(b: &DepartmentBudgetBuilder, out: &mut Vec<Violation>) {
    let mut seen = HashSet::new();
    for p in &b.projects {
        if !seen.insert(p.key.as_str()) {
            out.push(Violation::new(
                Rule::DuplicateKey,
                Location::Project(p.key.clone()),
                "another project has the same key",
            ));
        }
    }
    let mut seen = HashSet::new();
    for c in &b.carry_overs {
        if !seen.insert(c.key.as_str()) {
            out.push(Violation::new(
                Rule::DuplicateKey,
                Location::CarryOver(c.key.clone()),
                "another carry-over item has the same key",
            ));
        }
    }
    let mut seen = HashSet::new();
    for u in &b.units {
        if !seen.insert(u.name.as_str()) {
            out.push(Violation::new(
                Rule::DuplicateKey,
                Location::Unit(u.name.clone()),
                "another unit has the same name",
            ));
        }
    }
}

/// A budget has lines, its department a name, and no name or key holds a control character.
fn check_names(b: &DepartmentBudgetBuilder, out: &mut Vec<Violation>) {
    if b.lines.is_empty() {
        out.push(Violation::new(
            Rule::NoLines,
            Location::Budget,
            "the budget has no lines; every figure of a budget is a sum of its lines",
        ));
    }
    if b.department.name.trim().is_empty() {
        out.push(Violation::new(
            Rule::Name,
            Location::Budget,
            "the department name (部门名称) is empty",
        ));
    }
    let named = std::iter::once((Location::Budget, "department name", &b.department.name))
        .chain(
            b.units
                .iter()
                .map(|u| (Location::Unit(u.name.clone()), "unit name", &u.name)),
        )
        .chain(b.projects.iter().flat_map(|p| {
            [
                (Location::Project(p.key.clone()), "project key", &p.key),
                (Location::Project(p.key.clone()), "project name", &p.name),
            ]
        }))
        .chain(
            b.carry_overs
                .iter()
                .map(|c| (Location::CarryOver(c.key.clone()), "carry-over key", &c.key)),
        );
    for (location, what, text) in named {
        if let Some((i, c)) = text.chars().enumerate().find(|(_, c)| c.is_control()) {
            out.push(Violation::new(
                Rule::Name,
                location,
                format!(
                    "the {what} {text:?} holds the control character U+{:04X} at character {}",
                    u32::from(c),
                    i + 1
                ),
            ));
        }
    }
}

/// The key of a leaf, packed so that lines sort by it cheaply: two lines with the same key are
/// one leaf written twice. The first word holds 功能分类 (22 bits), 经济分类 (19), 资金来源 (5),
/// 人员/公用/项目 (2), the project (32) and the unit (33); the second the carry-over item.
type LeafKey = (u128, u64);

fn leaf_key(l: &Line) -> LeafKey {
    let (kind, project) = match l.kind {
        SpendingKind::Basic(BasicKind::Personnel) => (0u128, 0u128),
        SpendingKind::Basic(BasicKind::Operating) => (1, 0),
        SpendingKind::Project(p) => (2, u128::from(p.0)),
    };
    let unit = l.unit.map_or(0, |u| u128::from(u.0) + 1);
    let word = (u128::from(l.functional.as_u32()) << 106)
        | (u128::from(l.economic.as_u32()) << 87)
        | ((l.source as u128) << 82)
        | (kind << 80)
        | (project << 48)
        | unit;
    (word, l.carry_over.map_or(0, |c| u64::from(c.0) + 1))
}

/// A line as a map key, hashed and compared by its leaf key: the map holds a reference (8
/// bytes) rather than the 32-byte packed key.
struct Leaf<'a>(&'a Line);

impl core::hash::Hash for Leaf<'_> {
    fn hash<H: core::hash::Hasher>(&self, h: &mut H) {
        let (word, carry) = leaf_key(self.0);
        h.write_u128(word);
        h.write_u64(carry);
    }
}

impl PartialEq for Leaf<'_> {
    fn eq(&self, other: &Leaf<'_>) -> bool {
        leaf_key(self.0) == leaf_key(other.0)
    }
}

impl Eq for Leaf<'_> {}

/// Seeds a [`SeededHasher`] at random per map (from std's own random keys), so that input
/// crafted to collide cannot make a map quadratic; cheaper than SipHash on integer keys.
#[derive(Debug, Clone)]
pub(crate) struct SeededState([u64; 2]);

impl SeededState {
    pub(crate) fn new() -> SeededState {
        use core::hash::BuildHasher;
        let s = std::hash::RandomState::new();
        SeededState([s.hash_one(0x5EED_u64) | 1, s.hash_one(0xC0FFEE_u64)])
    }
}

impl core::hash::BuildHasher for SeededState {
    type Hasher = SeededHasher;
    fn build_hasher(&self) -> SeededHasher {
        SeededHasher {
            seed: self.0,
            acc: self.0[1],
        }
    }
}

/// A folded-multiply hasher (the construction of foldhash and aHash's fallback).
#[derive(Debug, Clone)]
pub(crate) struct SeededHasher {
    seed: [u64; 2],
    acc: u64,
}

/// The high and low halves of a full 64×64-bit product, folded together.
fn folded_multiply(a: u64, b: u64) -> u64 {
    let p = u128::from(a) * u128::from(b);
    (p as u64) ^ ((p >> 64) as u64)
}

impl core::hash::Hasher for SeededHasher {
    fn finish(&self) -> u64 {
        folded_multiply(self.acc, self.seed[0]).rotate_left(23)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in chunks.by_ref() {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.write_u64(u64::from_le_bytes(word));
        }
        let mut last = [0u8; 8];
        for (slot, b) in last.iter_mut().zip(chunks.remainder()) {
            *slot = *b;
        }
        self.write_u64(u64::from_le_bytes(last) ^ (bytes.len() as u64) << 56);
    }
    fn write_u64(&mut self, n: u64) {
        self.acc = folded_multiply(self.acc ^ n, self.seed[0] ^ 0x243F_6A88_85A3_08D3);
    }
    fn write_u128(&mut self, n: u128) {
        self.write_u64(n as u64);
        self.write_u64((n >> 64) as u64);
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }
}

/// Calls `repeat(i, j)` for each line `i` whose leaf line `j < i` already had, in one pass with
/// a map keyed by leaf (randomly seeded, so crafted input cannot make it quadratic).
fn each_repeat(lines: &[Line], mut repeat: impl FnMut(usize, usize)) {
    let mut first: std::collections::HashMap<Leaf<'_>, usize, SeededState> =
        std::collections::HashMap::with_capacity_and_hasher(lines.len(), SeededState::new());
    for (i, l) in lines.iter().enumerate() {
        match first.entry(Leaf(l)) {
            std::collections::hash_map::Entry::Occupied(e) => repeat(i, *e.get()),
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(i);
            }
        }
    }
}

/// For each line, the first line with its leaf key (itself when it comes first).
fn first_of_leaf(lines: &[Line]) -> Vec<usize> {
    let mut first: Vec<usize> = (0..lines.len()).collect();
    each_repeat(lines, |i, j| {
        if let Some(slot) = first.get_mut(i) {
            *slot = j;
        }
    });
    first
}

/// No two lines share a leaf key: "leaf → amount" is a map.
fn check_leaves(b: &DepartmentBudgetBuilder, out: &mut Vec<Violation>) {
    each_repeat(&b.lines, |i, j| {
        let Some(line) = b.lines.get(i) else { return };
        out.push(Violation::new(
            Rule::DuplicateLeaf,
            b.line_location(i, line),
            format!(
                "line {} repeats the leaf of line {} (same unit, 项, 款, kind, source and \
                 carry-over item); merge them explicitly or correct one",
                i + 1,
                j + 1
            ),
        ));
    });
}

fn check_prior_year(b: &DepartmentBudgetBuilder, catalogue: &Catalogue, out: &mut Vec<Violation>) {
    let p = &b.prior_year;
    let mismatch = |field, what: &str, stated: Fen, computed: Fen| {
        Violation::new(
            Rule::PriorYear,
            Location::PriorYear(field),
            what.to_string(),
        )
        .amounts(stated, computed)
    };
    let income = Fen::sum(p.income.values().copied());
    if let (false, Some(basic), Some(project)) = (p.income.is_empty(), p.basic, p.project) {
        let spending = Fen::sum([basic, project]);
        if income != spending {
            out.push(mismatch(
                "income",
                "prior-year income differs from prior-year 基本支出 + 项目支出",
                income,
                spending,
            ));
        }
    }
    if let (Some(basic), Some(personnel), Some(operating)) = (p.basic, p.personnel, p.operating) {
        let parts = Fen::sum([personnel, operating]);
        if !parts.is(basic) {
            out.push(mismatch(
                "basic",
                "prior-year 基本支出 differs from 人员经费 + 公用经费",
                Fen::sum([basic]),
                parts,
            ));
        }
    }
    let general: Vec<Amount> = [
        FundingSource::GeneralBudgetOwn,
        FundingSource::GeneralBudgetTransfer,
    ]
    .iter()
    .filter_map(|s| p.income.get(s).copied())
    .collect();
    if !general.is_empty() {
        let general = Fen::sum(general);
        if let (Some(gb), Some(gp)) = (p.general_budget_basic, p.general_budget_project) {
            let parts = Fen::sum([gb, gp]);
            if general != parts {
                out.push(mismatch(
                    "general_budget_basic",
                    "prior-year 一般公共预算当年拨款 differs from its 基本支出 + 项目支出",
                    general,
                    parts,
                ));
            }
        }
        if !p.general_budget_by_item.is_empty() {
            let items = Fen::sum(p.general_budget_by_item.values().copied());
            if general != items {
                out.push(mismatch(
                    "general_budget_by_item",
                    "prior-year 一般公共预算当年拨款 differs from the sum of its 项",
                    general,
                    items,
                ));
            }
        }
    }
    for &code in p.general_budget_by_item.keys() {
        if !code.is_item() {
            out.push(Violation::new(
                Rule::CodeLevel,
                Location::PriorYear("general_budget_by_item"),
                format!(
                    "functional code {code} is a {}; prior-year items are 项",
                    code.level()
                ),
            ));
        } else if !catalogue.contains(code) {
            out.push(unknown_code(
                Location::PriorYear("general_budget_by_item"),
                code,
                catalogue,
            ));
        }
    }
    if p.three_public.is_some_and(|t| t.total().is_none()) {
        out.push(Violation::new(
            Rule::Overflow,
            Location::PriorYear("three_public"),
            "prior-year 三公经费 add up beyond the largest amount",
        ));
    }
}

fn check_procurement(b: &DepartmentBudgetBuilder, out: &mut Vec<Violation>) {
    let Some(p) = &b.procurement else { return };
    let Some(total) = p.total() else {
        out.push(Violation::new(
            Rule::Overflow,
            Location::Procurement("total"),
            "goods + works + services add up beyond the largest amount",
        ));
        return;
    };
    if let Some(stated) = p.stated_total {
        if stated != total {
            out.push(
                Violation::new(
                    Rule::ProcurementTotal,
                    Location::Procurement("stated_total"),
                    "政府采购预算 differs from 货物 + 工程 + 服务",
                )
                .amounts(stated, total),
            );
        }
    }
    for (field, reserve, name) in [
        ("sme_reserved", p.sme_reserved, "面向中小企业预留"),
        (
            "small_micro_reserved",
            p.small_micro_reserved,
            "小微企业预留",
        ),
    ] {
        if reserve > total {
            out.push(
                Violation::new(
                    Rule::ProcurementReserve,
                    Location::Procurement(field),
                    format!("{name} exceeds the procurement total"),
                )
                .amounts(reserve, total),
            );
        }
    }
}

/// The per-source sums the performance checks need.
struct SourceTotals<'a> {
    by_source: &'a [Fen; FundingSource::COUNT],
    total: Fen,
}

impl SourceTotals<'_> {
    fn sum(&self, keep: impl Fn(FundingSource) -> bool) -> Fen {
        let mut f = Fen::default();
        for s in <FundingSource as strum::IntoEnumIterator>::iter().filter(|s| keep(*s)) {
            if let Some(x) = self.by_source.get(s as usize) {
                f.0 = f.0.saturating_add(x.0);
            }
        }
        f
    }
}

fn check_weights(
    indicators: &[Indicator],
    expected: rust_decimal::Decimal,
    project: Option<&str>,
    out: &mut Vec<Violation>,
) {
    let location = |row| Location::Target {
        project: project.map(str::to_string),
        row,
    };
    // A profile whose indicators add up to 0 is a template without weights (山东's 政策和项目预算
    // 绩效目标表 prints none): every weight is then 0, and the sum check below holds.
    let unweighted = expected.is_zero();
    let mut sum = rust_decimal::Decimal::ZERO;
    for (i, ind) in indicators.iter().enumerate() {
        if ind.weight <= rust_decimal::Decimal::ZERO && !unweighted {
            out.push(Violation::new(
                Rule::Weights,
                location(Some(i + 1)),
                format!(
                    "indicator {:?} has weight {}; weights are positive",
                    ind.name, ind.weight
                ),
            ));
        }
        sum = sum.saturating_add(ind.weight);
    }
    if sum != expected {
        out.push(Violation::new(
            Rule::Weights,
            location(None),
            format!(
                "indicator weights add up to {sum}, the profile expects {expected} (difference {})",
                sum.saturating_sub(expected)
            ),
        ));
    }
}

fn check_performance(
    b: &DepartmentBudgetBuilder,
    targets: &PerformanceTargets,
    project_sums: &[(Fen, Fen)],
    totals: &SourceTotals<'_>,
    out: &mut Vec<Violation>,
) {
    let expected = targets.profile.indicators_total;
    if let Some(d) = &targets.department {
        check_weights(&d.indicators, expected, None, out);
        let location = || Location::Target {
            project: None,
            row: None,
        };
        let fiscal = totals.sum(FundingSource::is_fiscal);
        let own = totals.sum(|s| {
            matches!(
                s,
                FundingSource::GeneralBudgetOwn
                    | FundingSource::GovernmentFundOwn
                    | FundingSource::StateCapitalOwn
            )
        });
        let other = totals.sum(|s| !s.is_fiscal());
        let stated_fiscal = Fen::sum([d.fiscal_higher, d.fiscal_own]);
        for (what, stated, computed) in [
            (
                "财政资金 (上级安排 + 本级安排) differs from the 财政拨款 lines",
                stated_fiscal,
                fiscal,
            ),
            (
                "本级安排 differs from the lines funded by 本级 budgets",
                Fen::sum([d.fiscal_own]),
                own,
            ),
            (
                "其他资金 differs from the lines not funded by 财政拨款",
                Fen::sum([d.other]),
                other,
            ),
            (
                "年度预算 合计 differs from the department total",
                Fen::sum([d.fiscal_higher, d.fiscal_own, d.other]),
                totals.total,
            ),
        ] {
            if stated != computed {
                out.push(
                    Violation::new(Rule::DepartmentTarget, location(), what)
                        .amounts(stated, computed),
                );
            }
        }
    }
    let mut seen = HashSet::new();
    for t in &targets.projects {
        let location = || Location::Target {
            project: Some(t.project.clone()),
            row: None,
        };
        check_weights(&t.indicators, expected, Some(&t.project), out);
        let Some(index) = b.projects.iter().position(|p| p.key == t.project) else {
            out.push(Violation::new(
                Rule::TargetProject,
                location(),
                format!("names project {:?}, which is not in the budget", t.project),
            ));
            continue;
        };
        if !seen.insert(index) {
            out.push(Violation::new(
                Rule::TargetProject,
                location(),
                "is the second target table of this project",
            ));
        }
        let (all, fiscal) = project_sums.get(index).copied().unwrap_or_default();
        // The fiscal lines are some of all the project's lines: the rest is never negative.
        let other = Fen(all.0.saturating_sub(fiscal.0));
        for (what, stated, computed) in [
            (
                "年度预算总额 differs from the project's lines",
                Fen::sum([t.total]),
                all,
            ),
            (
                "其中：财政拨款 differs from the project's 财政拨款 lines",
                Fen::sum([t.fiscal]),
                fiscal,
            ),
            (
                "其他资金 differs from the project's other lines",
                Fen::sum([t.other]),
                other,
            ),
            (
                "财政拨款 + 其他资金 differs from 年度预算总额",
                Fen::sum([t.fiscal, t.other]),
                Fen::sum([t.total]),
            ),
        ] {
            if stated != computed {
                out.push(
                    Violation::new(Rule::TargetFunds, location(), what).amounts(stated, computed),
                );
            }
        }
    }
}
