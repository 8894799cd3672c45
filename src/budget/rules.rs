//! 校验规则: the hard invariants a budget is checked against, and what a violation reports.

use core::fmt;

use crate::amount::{Amount, Change};
use crate::classification::{EconomicCode, FunctionalCode};
use crate::funding::FundingSource;

use super::model::SpendingKind;

/// 校验规则: the invariant a [`Violation`] breaks. `id()` is stable across releases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, strum::EnumIter)]
#[non_exhaustive]
pub enum Rule {
    /// 科目不在目录中: a code the catalogue edition does not list.
    UnknownCode,
    /// 重复明细行: two lines with the same leaf key `(unit, 项, 款, 支出类型, 资金来源, 结转项目)`, so
    /// that "leaf → amount" would not be a map (merge them explicitly with
    /// [`DepartmentBudgetBuilder::merge_duplicate_lines`](super::DepartmentBudgetBuilder::merge_duplicate_lines)).
    DuplicateLeaf,
    /// 无明细行: a budget without any line.
    NoLines,
    /// 名称不合规: an empty department name, or a name or key holding a control character.
    Name,
    /// 零金额明细 (lint): a line of 0.00, kept but reported by
    /// [`DepartmentBudget::lints`](super::DepartmentBudget::lints).
    ZeroLine,
    /// 目录版本不符: a budget that names one catalogue edition (in its JSON) and is checked
    /// against another, or names an edition the reader was not given.
    CatalogueEdition,
    /// 科目级次错误: a line not at 功能分类 项 or 经济分类 款 level (§3.1).
    CodeLevel,
    /// 人员经费科目错误: a 人员经费 line outside classes 301/303 (§3.3).
    PersonnelClass,
    /// 公用经费科目错误: a 公用经费 line outside 302 and the allowed classes (§3.3).
    OperatingClass,
    /// 项目不存在: a line naming a project, unit or carry-over item that is not in the budget
    /// (§3.4).
    UnknownReference,
    /// 项目无明细: a project without lines (§3.4).
    ProjectWithoutLines,
    /// 重复编号: two projects, carry-over items or units with the same key (§3.4).
    DuplicateKey,
    /// 结转金额不符: a carry-over item that differs from the lines drawing on it (§3.5).
    CarryOverTotal,
    /// 结转来源不符: a line whose source or kind does not fit its carry-over item, or a
    /// carry-over-funded line without an item (§3.5).
    CarryOverLink,
    /// 控制数不符: a declared control figure that differs from its lines (§3.6).
    ControlFigure,
    /// 上年数不平: prior-year figures that do not add up among themselves (§3.6).
    PriorYear,
    /// 收支不平: 收入总计 differs from 支出总计 (§3.7).
    Balance,
    /// 政府采购合计不符: goods + works + services differ from the stated total (§3.9).
    ProcurementTotal,
    /// 预留超出: an SME or small-micro reserve above the procurement total (§3.9).
    ProcurementReserve,
    /// 金额溢出: a sum beyond the largest amount (§3.2).
    Overflow,
    /// 年度错误: a budget year outside 2000–2100.
    Year,
    /// 权重不符: an indicator weight that is not positive, or weights that do not add up to the
    /// profile's total (§3.8).
    Weights,
    /// 绩效目标项目不存在: a project target naming no project of the budget, or a second target
    /// for the same project (§3.8).
    TargetProject,
    /// 绩效目标资金不符: a project target's funds differ from the project's lines (§3.8).
    TargetFunds,
    /// 部门整体预算不符: the 部门整体 target's budget differs from the department's (§3.8).
    DepartmentTarget,
}

impl Rule {
    /// A stable identifier, e.g. `"budget.carry_over_total"`: one of the constants of [`ids`].
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Rule::UnknownCode => ids::UNKNOWN_CODE,
            Rule::DuplicateLeaf => ids::DUPLICATE_LEAF,
            Rule::NoLines => ids::NO_LINES,
            Rule::Name => ids::NAME,
            Rule::ZeroLine => ids::ZERO_LINE,
            Rule::CatalogueEdition => ids::CATALOGUE_EDITION,
            Rule::CodeLevel => ids::CODE_LEVEL,
            Rule::PersonnelClass => ids::PERSONNEL_CLASS,
            Rule::OperatingClass => ids::OPERATING_CLASS,
            Rule::UnknownReference => ids::UNKNOWN_REFERENCE,
            Rule::ProjectWithoutLines => ids::PROJECT_WITHOUT_LINES,
            Rule::DuplicateKey => ids::DUPLICATE_KEY,
            Rule::CarryOverTotal => ids::CARRY_OVER_TOTAL,
            Rule::CarryOverLink => ids::CARRY_OVER_LINK,
            Rule::ControlFigure => ids::CONTROL_FIGURE,
            Rule::PriorYear => ids::PRIOR_YEAR,
            Rule::Balance => ids::BALANCE,
            Rule::ProcurementTotal => ids::PROCUREMENT_TOTAL,
            Rule::ProcurementReserve => ids::PROCUREMENT_RESERVE,
            Rule::Overflow => ids::OVERFLOW,
            Rule::Year => ids::YEAR,
            Rule::Weights => ids::WEIGHTS,
            Rule::TargetProject => ids::TARGET_PROJECT,
            Rule::TargetFunds => ids::TARGET_FUNDS,
            Rule::DepartmentTarget => ids::DEPARTMENT_TARGET,
        }
    }

    /// Whether the rule is a lint (a warning a caller may ignore, reported by
    /// [`DepartmentBudget::lints`](super::DepartmentBudget::lints)) rather than an invariant
    /// that rejects the budget.
    #[must_use]
    pub fn is_lint(self) -> bool {
        matches!(self, Rule::ZeroLine)
    }

    /// The Chinese name of the rule.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Rule::UnknownCode => "科目不在目录中",
            Rule::DuplicateLeaf => "重复明细行",
            Rule::NoLines => "无明细行",
            Rule::Name => "名称不合规",
            Rule::ZeroLine => "零金额明细",
            Rule::CatalogueEdition => "目录版本不符",
            Rule::CodeLevel => "科目级次错误",
            Rule::PersonnelClass => "人员经费科目错误",
            Rule::OperatingClass => "公用经费科目错误",
            Rule::UnknownReference => "引用对象不存在",
            Rule::ProjectWithoutLines => "项目无明细",
            Rule::DuplicateKey => "重复编号",
            Rule::CarryOverTotal => "结转金额不符",
            Rule::CarryOverLink => "结转来源不符",
            Rule::ControlFigure => "控制数不符",
            Rule::PriorYear => "上年数不平",
            Rule::Balance => "收支不平",
            Rule::ProcurementTotal => "政府采购合计不符",
            Rule::ProcurementReserve => "预留超出",
            Rule::Overflow => "金额溢出",
            Rule::Year => "年度错误",
            Rule::Weights => "权重不符",
            Rule::TargetProject => "绩效目标项目不存在",
            Rule::TargetFunds => "绩效目标资金不符",
            Rule::DepartmentTarget => "部门整体预算不符",
        }
    }
}

/// The stable identifiers of the budget rules ([`Rule::id`]), for programs that match on them.
pub mod ids {
    /// [`Rule::UnknownCode`](super::Rule::UnknownCode).
    pub const UNKNOWN_CODE: &str = "budget.unknown_code";
    /// [`Rule::DuplicateLeaf`](super::Rule::DuplicateLeaf).
    pub const DUPLICATE_LEAF: &str = "budget.duplicate_leaf";
    /// [`Rule::NoLines`](super::Rule::NoLines).
    pub const NO_LINES: &str = "budget.no_lines";
    /// [`Rule::Name`](super::Rule::Name).
    pub const NAME: &str = "budget.name";
    /// [`Rule::ZeroLine`](super::Rule::ZeroLine).
    pub const ZERO_LINE: &str = "budget.zero_line";
    /// [`Rule::CatalogueEdition`](super::Rule::CatalogueEdition).
    pub const CATALOGUE_EDITION: &str = "budget.catalogue_edition";
    /// [`Rule::CodeLevel`](super::Rule::CodeLevel).
    pub const CODE_LEVEL: &str = "budget.code_level";
    /// [`Rule::PersonnelClass`](super::Rule::PersonnelClass).
    pub const PERSONNEL_CLASS: &str = "budget.personnel_class";
    /// [`Rule::OperatingClass`](super::Rule::OperatingClass).
    pub const OPERATING_CLASS: &str = "budget.operating_class";
    /// [`Rule::UnknownReference`](super::Rule::UnknownReference).
    pub const UNKNOWN_REFERENCE: &str = "budget.unknown_reference";
    /// [`Rule::ProjectWithoutLines`](super::Rule::ProjectWithoutLines).
    pub const PROJECT_WITHOUT_LINES: &str = "budget.project_without_lines";
    /// [`Rule::DuplicateKey`](super::Rule::DuplicateKey).
    pub const DUPLICATE_KEY: &str = "budget.duplicate_key";
    /// [`Rule::CarryOverTotal`](super::Rule::CarryOverTotal).
    pub const CARRY_OVER_TOTAL: &str = "budget.carry_over_total";
    /// [`Rule::CarryOverLink`](super::Rule::CarryOverLink).
    pub const CARRY_OVER_LINK: &str = "budget.carry_over_link";
    /// [`Rule::ControlFigure`](super::Rule::ControlFigure).
    pub const CONTROL_FIGURE: &str = "budget.control_figure";
    /// [`Rule::PriorYear`](super::Rule::PriorYear).
    pub const PRIOR_YEAR: &str = "budget.prior_year";
    /// [`Rule::Balance`](super::Rule::Balance).
    pub const BALANCE: &str = "budget.balance";
    /// [`Rule::ProcurementTotal`](super::Rule::ProcurementTotal).
    pub const PROCUREMENT_TOTAL: &str = "budget.procurement_total";
    /// [`Rule::ProcurementReserve`](super::Rule::ProcurementReserve).
    pub const PROCUREMENT_RESERVE: &str = "budget.procurement_reserve";
    /// [`Rule::Overflow`](super::Rule::Overflow).
    pub const OVERFLOW: &str = "budget.overflow";
    /// [`Rule::Year`](super::Rule::Year).
    pub const YEAR: &str = "budget.year";
    /// [`Rule::Weights`](super::Rule::Weights).
    pub const WEIGHTS: &str = "performance.weights";
    /// [`Rule::TargetProject`](super::Rule::TargetProject).
    pub const TARGET_PROJECT: &str = "performance.target_project";
    /// [`Rule::TargetFunds`](super::Rule::TargetFunds).
    pub const TARGET_FUNDS: &str = "performance.target_funds";
    /// [`Rule::DepartmentTarget`](super::Rule::DepartmentTarget).
    pub const DEPARTMENT_TARGET: &str = "performance.department_target";
}

impl fmt::Display for Rule {
    /// The Chinese name and the id: `结转金额不符 [budget.carry_over_total]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}]", self.name(), self.id())
    }
}

/// Where in the budget a violation is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Location {
    /// The budget as a whole.
    Budget,
    /// A line, by its 0-based position in the input and its key fields.
    Line {
        /// 0-based position among the lines given to the builder.
        index: usize,
        /// 功能分类.
        functional: FunctionalCode,
        /// 经济分类.
        economic: EconomicCode,
        /// 支出类型 (the project is named by its key in `project`).
        kind: SpendingKind,
        /// The project's key, for project lines.
        project: Option<String>,
        /// 资金来源.
        source: FundingSource,
    },
    /// A project, by key.
    Project(String),
    /// A carry-over item, by key.
    CarryOver(String),
    /// A subordinate unit, by name.
    Unit(String),
    /// The control figure of a funding source.
    ControlFigure(FundingSource),
    /// A prior-year figure, by field name.
    PriorYear(&'static str),
    /// The procurement budget, by field name.
    Procurement(&'static str),
    /// A performance-target table: the project key (`None` for 部门整体), and the 1-based
    /// indicator row where one is meant.
    Target {
        /// The project's key, or `None` for the 部门整体绩效目标表.
        project: Option<String>,
        /// 1-based indicator row.
        row: Option<usize>,
    },
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Budget => f.write_str("budget"),
            Location::Line {
                index,
                functional,
                economic,
                kind,
                project,
                source,
            } => {
                write!(f, "line {} ({functional} × {economic}, {kind}", index + 1)?;
                if let Some(p) = project {
                    write!(f, " {p:?}")?;
                }
                write!(f, ", {source})")
            }
            Location::Project(k) => write!(f, "project {k:?}"),
            Location::CarryOver(k) => write!(f, "carry-over item {k:?}"),
            Location::Unit(k) => write!(f, "unit {k:?}"),
            Location::ControlFigure(s) => write!(f, "control figure for {s}"),
            Location::PriorYear(field) => write!(f, "prior year {field}"),
            Location::Procurement(field) => write!(f, "procurement {field}"),
            Location::Target { project, row } => {
                match project {
                    Some(p) => write!(f, "项目支出绩效目标表 {p:?}")?,
                    None => f.write_str("部门整体绩效目标表")?,
                }
                if let Some(r) = row {
                    write!(f, ", indicator {r}")?;
                }
                Ok(())
            }
        }
    }
}

/// One broken invariant: which rule, where, why, and both numbers where numbers disagree.
///
/// The numbers are exact: sums are computed in integer 分 wide enough never to overflow, so a
/// figure beyond [`Amount::MAX`] is reported with its true value ([`Violation::stated_fen`],
/// [`Violation::computed_fen`], and in the message), never clamped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    rule: Rule,
    location: Location,
    message: String,
    stated: Option<u128>,
    computed: Option<u128>,
}

/// 分 as 元 with two decimals, whatever the size.
pub(crate) fn yuan_of_fen(fen: u128) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

impl Violation {
    pub(crate) fn new(rule: Rule, location: Location, message: impl Into<String>) -> Violation {
        Violation {
            rule,
            location,
            message: message.into(),
            stated: None,
            computed: None,
        }
    }

    /// The declared and the computed figure, as exact sums in 分 (or amounts).
    pub(crate) fn amounts(
        mut self,
        stated: impl Into<u128>,
        computed: impl Into<u128>,
    ) -> Violation {
        self.stated = Some(stated.into());
        self.computed = Some(computed.into());
        self
    }

    /// The rule broken.
    #[must_use]
    pub fn rule(&self) -> Rule {
        self.rule
    }
    /// Where.
    #[must_use]
    pub fn location(&self) -> &Location {
        &self.location
    }
    /// Why, in words.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }
    /// The declared figure, where one disagrees with the lines (`None` too when it lies beyond
    /// [`Amount::MAX`]: see [`Violation::stated_fen`]).
    pub fn stated(&self) -> Option<Amount> {
        self.stated.and_then(Amount::from_fen_u128)
    }
    /// What the lines give (`None` too when it lies beyond [`Amount::MAX`]: see
    /// [`Violation::computed_fen`]).
    pub fn computed(&self) -> Option<Amount> {
        self.computed.and_then(Amount::from_fen_u128)
    }
    /// The declared figure in 分, exact whatever its size.
    #[must_use]
    pub fn stated_fen(&self) -> Option<u128> {
        self.stated
    }
    /// What the lines give in 分, exact whatever its size.
    #[must_use]
    pub fn computed_fen(&self) -> Option<u128> {
        self.computed
    }
    /// stated − computed, where both are amounts.
    #[must_use]
    pub fn difference(&self) -> Option<Change> {
        Some(self.stated()?.change_from(self.computed()?))
    }
}

impl fmt::Display for Violation {
    /// `{location}: {message} (stated S 元, computed C 元, difference D 元) [rule]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)?;
        if let (Some(s), Some(c)) = (self.stated, self.computed) {
            let (sign, d) = if s >= c { ("", s - c) } else { ("-", c - s) };
            write!(
                f,
                " (stated {} 元, computed {} 元, difference {sign}{} 元)",
                yuan_of_fen(s),
                yuan_of_fen(c),
                yuan_of_fen(d)
            )?;
        }
        write!(f, " {}", self.rule)
    }
}

/// Every violation a rejected budget has, in a stable order (by rule, then as found).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors(Vec<Violation>);

impl ValidationErrors {
    pub(crate) fn new(violations: Vec<Violation>) -> ValidationErrors {
        ValidationErrors(violations)
    }
    /// The violations.
    pub fn iter(&self) -> core::slice::Iter<'_, Violation> {
        self.0.iter()
    }
    /// How many.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// Never true for a rejected budget; here for completeness.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// The violations, owned.
    #[must_use]
    pub fn into_vec(self) -> Vec<Violation> {
        self.0
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a Violation;
    type IntoIter = core::slice::Iter<'a, Violation>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl fmt::Display for ValidationErrors {
    /// One violation per line, after a count.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} violation(s)", self.0.len())?;
        for v in &self.0 {
            write!(f, "\n{v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}
