//! Derived views: every total of the disclosure, computed from the lines.
//!
//! A budget's lines add up to at most [`Amount::MAX`] (checked by the builder), so every subset
//! sum below does too and these views cannot fail.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use strum::EnumCount;

use crate::amount::{Amount, Change, Direction, Ratio};
use crate::classification::{Code, EconomicCode, FunctionalCode, Level};
use crate::funding::{FundType, FundingGroup, FundingSource};

use super::DepartmentBudget;
use super::builder::Fen;
use super::model::{BasicKind, Line, ProjectId, SpendingKind, ThreePublic};

/// 支出类型合计: totals by 人员经费, 公用经费 and 项目支出.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KindTotals {
    /// 人员经费.
    pub personnel: Amount,
    /// 公用经费.
    pub operating: Amount,
    /// 项目支出.
    pub project: Amount,
}

/// Exact sums in 分 by 人员经费, 公用经费 and 项目支出: what the views add lines into, turned
/// into [`KindTotals`] once per group.
#[derive(Debug, Clone, Copy, Default)]
struct KindFen {
    personnel: u128,
    operating: u128,
    project: u128,
}

impl KindFen {
    fn add(&mut self, line: &Line) {
        let slot = match line.kind {
            SpendingKind::Basic(BasicKind::Personnel) => &mut self.personnel,
            SpendingKind::Basic(BasicKind::Operating) => &mut self.operating,
            SpendingKind::Project(_) => &mut self.project,
        };
        *slot = slot.saturating_add(line.amount.fen());
    }

    fn merge(&mut self, other: KindFen) {
        self.personnel = self.personnel.saturating_add(other.personnel);
        self.operating = self.operating.saturating_add(other.operating);
        self.project = self.project.saturating_add(other.project);
    }

    fn totals(self) -> KindTotals {
        KindTotals {
            personnel: Fen(self.personnel).in_budget(),
            operating: Fen(self.operating).in_budget(),
            project: Fen(self.project).in_budget(),
        }
    }
}

/// The hasher of the views' group keys (classification codes, at most 7 digits): one
/// multiplication instead of SipHash. Keys are codes of a checked budget, so their number is
/// bounded by the catalogue and crafted collisions cannot make a view quadratic in its lines.
#[derive(Debug, Clone, Copy, Default)]
struct CodeHasher(u64);

impl Hasher for CodeHasher {
    fn finish(&self) -> u64 {
        let h = self.0.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        h ^ (h >> 29)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = self.0.rotate_left(32) ^ u64::from(n);
    }
}

/// Sums by the code each line carries (its 项 or 款), before rolling up to the level asked.
type ByCode<C> = HashMap<C, KindFen, BuildHasherDefault<CodeHasher>>;

/// Rolls sums held by leaf code up to `level`, in code order.
fn roll_up<C: Code>(leaves: ByCode<C>, level: Level) -> BTreeMap<C, KindTotals> {
    let mut out: BTreeMap<C, KindFen> = BTreeMap::new();
    for (code, sums) in leaves {
        out.entry(at_level(code, level)).or_default().merge(sums);
    }
    out.into_iter().map(|(c, s)| (c, s.totals())).collect()
}

impl KindTotals {
    /// 基本支出 = 人员经费 + 公用经费.
    pub fn basic(&self) -> Amount {
        Fen::add_in_budget(self.personnel, self.operating)
    }

    /// 合计 = 基本支出 + 项目支出.
    pub fn total(&self) -> Amount {
        Fen::add_in_budget(self.basic(), self.project)
    }
}

/// 与上年比较: this year's figure against the prior year's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Comparison {
    /// 本年.
    pub current: Amount,
    /// 上年.
    pub prior: Amount,
}

impl Comparison {
    /// current − prior.
    pub fn change(&self) -> Change {
        self.current.change_from(self.prior)
    }
    /// 增加, 减少 or 持平.
    pub fn direction(&self) -> Direction {
        self.change().direction()
    }
    /// The growth rate; `None` when the prior figure is zero (the profile decides what to print).
    pub fn growth(&self) -> Option<Ratio> {
        self.current.growth_from(self.prior)
    }
}

/// 与上年比较: the comparisons the narrative makes, for every prior-year figure given.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct YearOnYear {
    /// 收入 by funding source (sources with a prior figure, or with money this year).
    pub income: Vec<(FundingSource, Comparison)>,
    /// 基本支出.
    pub basic: Option<Comparison>,
    /// 项目支出.
    pub project: Option<Comparison>,
    /// 人员经费.
    pub personnel: Option<Comparison>,
    /// 公用经费.
    pub operating: Option<Comparison>,
    /// 一般公共预算当年拨款 基本支出.
    pub general_budget_basic: Option<Comparison>,
    /// 一般公共预算当年拨款 项目支出.
    pub general_budget_project: Option<Comparison>,
    /// 一般公共预算当年拨款 by 项 (items of either year).
    pub general_budget_by_item: Vec<(FunctionalCode, Comparison)>,
    /// "三公"经费: (this year, prior year).
    pub three_public: Option<(ThreePublic, ThreePublic)>,
    /// 机关运行经费.
    pub organ_running: Option<Comparison>,
}

fn is_current_general_budget(line: &Line) -> bool {
    matches!(
        line.source,
        FundingSource::GeneralBudgetOwn | FundingSource::GeneralBudgetTransfer
    )
}

impl DepartmentBudget {
    /// The sum of the lines `keep` accepts.
    pub fn sum_where(&self, keep: impl Fn(&Line) -> bool) -> Amount {
        let mut sum = Fen::default();
        for line in self.lines().iter().filter(|l| keep(l)) {
            sum.add(line.amount);
        }
        sum.in_budget()
    }

    /// Totals by funding source (sources with lines only).
    pub fn by_source(&self) -> BTreeMap<FundingSource, Amount> {
        // Per source: the sum and whether any line has it (a source of 0.00 lines is listed).
        let mut sums = [(0u128, false); FundingSource::COUNT];
        for line in self.lines() {
            if let Some((sum, seen)) = sums.get_mut(line.source as usize) {
                *sum = sum.saturating_add(line.amount.fen());
                *seen = true;
            }
        }
        <FundingSource as strum::IntoEnumIterator>::iter()
            .filter_map(|s| match sums.get(s as usize) {
                Some(&(sum, true)) => Some((s, Fen(sum).in_budget())),
                _ => None,
            })
            .collect()
    }

    /// The total of one funding source.
    pub fn source_total(&self, source: FundingSource) -> Amount {
        self.sum_where(|l| l.source == source)
    }

    /// The total of one funding group (财政拨款（补助）, 单位资金, 财政拨款结转 …).
    pub fn group_total(&self, group: FundingGroup) -> Amount {
        self.sum_where(|l| l.source.group() == group)
    }

    /// The 财政拨款 total of one budget; `with_carry_over` adds that budget's 财政拨款结转.
    pub fn fund_type_total(&self, fund: FundType, with_carry_over: bool) -> Amount {
        self.sum_where(|l| {
            l.source.fund_type() == Some(fund) && (with_carry_over || !l.source.is_carry_over())
        })
    }

    /// 本年收入: everything but 上年结转结余.
    pub fn current_year_total(&self) -> Amount {
        self.sum_where(|l| !l.source.is_carry_over())
    }

    /// 上年结转结余.
    pub fn carry_over_total(&self) -> Amount {
        self.sum_where(|l| l.source.is_carry_over())
    }

    /// Totals by kind over all lines.
    pub fn kind_totals(&self) -> KindTotals {
        self.kind_totals_where(|_| true)
    }

    /// Totals by kind over the lines `keep` accepts (e.g. one funding source).
    pub fn kind_totals_where(&self, keep: impl Fn(&Line) -> bool) -> KindTotals {
        let mut t = KindFen::default();
        for line in self.lines().iter().filter(|l| keep(l)) {
            t.add(line);
        }
        t.totals()
    }

    /// Totals by kind for each functional code at `level` (类, 款 or 项), over the lines `keep`
    /// accepts.
    pub fn by_functional(
        &self,
        level: Level,
        keep: impl Fn(&Line) -> bool,
    ) -> BTreeMap<FunctionalCode, KindTotals> {
        let mut items = ByCode::default();
        for line in self.lines().iter().filter(|l| keep(l)) {
            items.entry(line.functional).or_default().add(line);
        }
        roll_up(items, level)
    }

    /// Totals by kind for each economic code at `level` (类 or 款), over the lines `keep` accepts.
    pub fn by_economic(
        &self,
        level: Level,
        keep: impl Fn(&Line) -> bool,
    ) -> BTreeMap<EconomicCode, KindTotals> {
        let mut sections = ByCode::default();
        for line in self.lines().iter().filter(|l| keep(l)) {
            sections.entry(line.economic).or_default().add(line);
        }
        roll_up(sections, level)
    }

    /// Each project's total over all its lines, in project order.
    pub fn project_totals(&self) -> Vec<(ProjectId, Amount)> {
        self.project_totals_where(|_| true)
    }

    /// Each project's total over the lines `keep` accepts, in project order.
    pub fn project_totals_where(&self, keep: impl Fn(&Line) -> bool) -> Vec<(ProjectId, Amount)> {
        let mut sums = vec![Fen::default(); self.parts.projects.len()];
        for line in self.lines().iter().filter(|l| keep(l)) {
            if let Some(s) = line.kind.project().and_then(|p| sums.get_mut(p.index())) {
                s.add(line.amount);
            }
        }
        sums.into_iter()
            .enumerate()
            .map(|(i, f)| (ProjectId(i as u32), f.in_budget()))
            .collect()
    }

    /// One project's total.
    pub fn project_total(&self, id: ProjectId) -> Amount {
        self.sum_where(|l| l.kind == SpendingKind::Project(id))
    }

    /// 财政拨款"三公"经费: 因公出国（境） 30212, 公务接待 30217, 公务用车运行维护 30231,
    /// 公务用车购置 31013 and 30913, over 基本支出 and 项目支出 funded by 财政拨款 (this year's and
    /// carried over).
    pub fn three_public(&self) -> ThreePublic {
        // 因公出国（境）, 公务接待, 公务用车运行维护, 公务用车购置, in 分.
        let [mut abroad, mut reception, mut operation, mut purchase] = [Fen::default(); 4];
        for line in self.lines().iter().filter(|l| l.source.is_fiscal()) {
            let slot = match line.economic.as_u32() {
                30212 => &mut abroad,
                30217 => &mut reception,
                30231 => &mut operation,
                31013 | 30913 => &mut purchase,
                _ => continue,
            };
            slot.add(line.amount);
        }
        ThreePublic {
            abroad: abroad.in_budget(),
            reception: reception.in_budget(),
            vehicle_purchase: purchase.in_budget(),
            vehicle_operation: operation.in_budget(),
        }
    }

    /// 财政拨款委托业务费 (30227) by project, `None` for 基本支出; entries with money only.
    pub fn entrusted_business(&self) -> Vec<(Option<ProjectId>, Amount)> {
        let mut out: BTreeMap<Option<ProjectId>, Fen> = BTreeMap::new();
        for line in self
            .lines()
            .iter()
            .filter(|l| l.source.is_fiscal() && l.economic.as_u32() == 30227)
        {
            out.entry(line.kind.project()).or_default().add(line.amount);
        }
        out.into_iter()
            .map(|(p, f)| (p, f.in_budget()))
            .filter(|(_, a)| !a.is_zero())
            .collect()
    }

    /// 财政拨款委托业务费 in all.
    pub fn entrusted_business_total(&self) -> Amount {
        self.sum_where(|l| l.source.is_fiscal() && l.economic.as_u32() == 30227)
    }

    /// 机关运行经费: 公用经费 funded by the general public budget (this year's or carried over),
    /// of the department and its 行政/参公 units.
    pub fn organ_running(&self) -> Amount {
        let organ = |l: &Line| match l.unit {
            None => self.department().unit_kind.is_organ_like(),
            Some(u) => self.unit(u).is_some_and(|u| u.unit_kind.is_organ_like()),
        };
        self.sum_where(|l| {
            l.kind == SpendingKind::OPERATING
                && l.source.fund_type() == Some(FundType::GeneralPublicBudget)
                && organ(l)
        })
    }

    /// 一般公共预算当年拨款: 本级 + 上级转移支付, without carry-over.
    pub fn general_budget_current(&self) -> KindTotals {
        self.kind_totals_where(is_current_general_budget)
    }

    /// Everything the narrative compares with the prior year.
    pub fn year_on_year(&self) -> YearOnYear {
        let p = self.prior_year();
        let cmp = |current: Amount, prior: Option<Amount>| {
            prior.map(|prior| Comparison { current, prior })
        };
        let kinds = self.kind_totals();
        let general = self.general_budget_current();
        let by_source = self.by_source();
        let mut sources: Vec<FundingSource> = by_source.keys().copied().collect();
        sources.extend(p.income.keys().copied());
        sources.sort_unstable();
        sources.dedup();
        let income = sources
            .into_iter()
            .map(|s| {
                (
                    s,
                    Comparison {
                        current: by_source.get(&s).copied().unwrap_or(Amount::ZERO),
                        prior: p.income.get(&s).copied().unwrap_or(Amount::ZERO),
                    },
                )
            })
            .collect();
        let items_now = self.by_functional(Level::Item, is_current_general_budget);
        let mut codes: Vec<FunctionalCode> = items_now.keys().copied().collect();
        codes.extend(p.general_budget_by_item.keys().copied());
        codes.sort_unstable();
        codes.dedup();
        let general_budget_by_item = if p.general_budget_by_item.is_empty() {
            Vec::new()
        } else {
            codes
                .into_iter()
                .map(|c| {
                    (
                        c,
                        Comparison {
                            current: items_now.get(&c).map_or(Amount::ZERO, KindTotals::total),
                            prior: p
                                .general_budget_by_item
                                .get(&c)
                                .copied()
                                .unwrap_or(Amount::ZERO),
                        },
                    )
                })
                .collect()
        };
        YearOnYear {
            income,
            basic: cmp(kinds.basic(), p.basic),
            project: cmp(kinds.project, p.project),
            personnel: cmp(kinds.personnel, p.personnel),
            operating: cmp(kinds.operating, p.operating),
            general_budget_basic: cmp(general.basic(), p.general_budget_basic),
            general_budget_project: cmp(general.project, p.general_budget_project),
            general_budget_by_item,
            three_public: p.three_public.map(|prior| (self.three_public(), prior)),
            organ_running: cmp(self.organ_running(), p.organ_running),
        }
    }
}

/// The ancestor of `code` at `level`, or `code` itself when it is at or above it.
fn at_level<C: Code>(code: C, level: Level) -> C {
    let mut c = code;
    while c.level() > level {
        match c.parent() {
            Some(p) => c = p,
            None => break,
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(kind: SpendingKind) -> usize {
        match kind {
            SpendingKind::Basic(BasicKind::Personnel) => 0,
            SpendingKind::Basic(BasicKind::Operating) => 1,
            SpendingKind::Project(_) => 2,
        }
    }

    /// The grouped views against a sum of `Amount`s line by line at the asked level, the way
    /// the views were computed before they grouped once at the leaf code.
    #[test]
    fn grouped_views_equal_the_line_by_line_sums() {
        for json in [
            include_str!("../../examples/data/county_congress_office_2026.json"),
            include_str!("../../examples/data/xian_petition_2026.json"),
        ] {
            let b: DepartmentBudget = serde_json::from_str(json).unwrap();
            let keep = |l: &Line| l.source != FundingSource::GeneralBudgetTransfer;
            for level in [Level::Class, Level::Section, Level::Item] {
                let mut naive: BTreeMap<FunctionalCode, [Amount; 3]> = BTreeMap::new();
                for l in b.lines().iter().filter(|l| keep(l)) {
                    let e = naive.entry(at_level(l.functional, level)).or_default();
                    e[slot(l.kind)] = e[slot(l.kind)].checked_add(l.amount).unwrap();
                }
                let got: BTreeMap<FunctionalCode, [Amount; 3]> = b
                    .by_functional(level, keep)
                    .into_iter()
                    .map(|(c, t)| (c, [t.personnel, t.operating, t.project]))
                    .collect();
                assert_eq!(got, naive, "{level:?}");
            }
            for level in [Level::Class, Level::Section] {
                let mut naive: BTreeMap<EconomicCode, Amount> = BTreeMap::new();
                for l in b.lines() {
                    let e = naive.entry(at_level(l.economic, level)).or_default();
                    *e = e.checked_add(l.amount).unwrap();
                }
                let got: BTreeMap<EconomicCode, Amount> = b
                    .by_economic(level, |_| true)
                    .into_iter()
                    .map(|(c, t)| (c, t.total()))
                    .collect();
                assert_eq!(got, naive, "{level:?}");
            }
            let mut by_source: BTreeMap<FundingSource, Amount> = BTreeMap::new();
            for l in b.lines() {
                let e = by_source.entry(l.source).or_default();
                *e = e.checked_add(l.amount).unwrap();
            }
            assert_eq!(b.by_source(), by_source);
        }
    }
}
