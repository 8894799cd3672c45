//! The parts a department budget is made of: the department, its units, leaf lines, projects,
//! carry-over items, prior-year figures, procurement and assets.

use core::fmt;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::amount::Amount;
use crate::classification::{EconomicCode, FunctionalCode, MappingBasis};
use crate::funding::{FundType, FundingSource};

/// 单位性质: what kind of unit a department or subordinate unit is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::Display,
    strum::EnumIter,
    Serialize,
    Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum UnitKind {
    /// 行政单位: an administrative organ.
    #[strum(to_string = "行政单位")]
    Administrative,
    /// 参照公务员法管理事业单位 (参公): an institution managed like an organ.
    #[strum(to_string = "参照公务员法管理事业单位")]
    CivilServantManaged,
    /// 事业单位: a public institution.
    #[strum(to_string = "事业单位")]
    PublicInstitution,
}

impl UnitKind {
    /// Whether 机关运行经费 applies (行政单位 and 参公 units).
    #[must_use]
    pub fn is_organ_like(self) -> bool {
        matches!(
            self,
            UnitKind::Administrative | UnitKind::CivilServantManaged
        )
    }

    /// The basis of the 部门→政府 economic mapping for this kind of unit.
    #[must_use]
    pub fn mapping_basis(self) -> MappingBasis {
        if self == UnitKind::PublicInstitution {
            MappingBasis::PublicInstitution
        } else {
            MappingBasis::Organ
        }
    }
}

/// 部门概况: the department whose budget this is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Department {
    /// 部门名称, e.g. 阿拉山口市科学技术局.
    pub name: String,
    /// 预算年度.
    pub year: u16,
    /// 单位性质 of the department itself.
    pub unit_kind: UnitKind,
    /// 主要职能: one entry per numbered function.
    #[serde(default)]
    pub functions: Vec<String>,
    /// 机构设置: the organisation text.
    #[serde(default)]
    pub organization: String,
}

impl Department {
    /// A department with empty descriptive texts.
    pub fn new(name: impl Into<String>, year: u16, unit_kind: UnitKind) -> Department {
        Department {
            name: name.into(),
            year,
            unit_kind,
            functions: Vec::new(),
            organization: String::new(),
        }
    }
}

/// 下属单位: a subordinate budget unit of the department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetUnit {
    /// 单位名称; unique within the budget.
    pub name: String,
    /// 单位性质.
    pub unit_kind: UnitKind,
}

/// 基本支出 kinds: 人员经费 and 公用经费.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::Display,
    strum::EnumIter,
    Serialize,
    Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum BasicKind {
    /// 人员经费: personnel costs (economic classes 301, 303).
    #[strum(to_string = "人员经费")]
    Personnel,
    /// 公用经费: running costs (economic class 302, and what the profile allows).
    #[strum(to_string = "公用经费")]
    Operating,
}

macro_rules! index_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub(crate) u32);

        impl $name {
            /// The position in the budget's list (0-based).
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

index_id!(
    /// A project of a budget, as returned by
    /// [`DepartmentBudgetBuilder::project`](super::DepartmentBudgetBuilder::project).
    ProjectId
);
index_id!(
    /// A carry-over item of a budget, as returned by
    /// [`DepartmentBudgetBuilder::carry_over`](super::DepartmentBudgetBuilder::carry_over).
    CarryOverId
);
index_id!(
    /// A subordinate unit of a budget, as returned by
    /// [`DepartmentBudgetBuilder::unit`](super::DepartmentBudgetBuilder::unit).
    UnitId
);

/// 支出类型: 基本支出 (人员经费 / 公用经费) or 项目支出 of one project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SpendingKind {
    /// 基本支出.
    Basic(BasicKind),
    /// 项目支出 of the given project.
    Project(ProjectId),
}

impl SpendingKind {
    /// 人员经费.
    pub const PERSONNEL: SpendingKind = SpendingKind::Basic(BasicKind::Personnel);
    /// 公用经费.
    pub const OPERATING: SpendingKind = SpendingKind::Basic(BasicKind::Operating);

    /// Whether this is 基本支出.
    #[must_use]
    pub fn is_basic(self) -> bool {
        matches!(self, SpendingKind::Basic(_))
    }

    /// The project, for 项目支出.
    #[must_use]
    pub fn project(self) -> Option<ProjectId> {
        match self {
            SpendingKind::Project(p) => Some(p),
            SpendingKind::Basic(_) => None,
        }
    }
}

impl fmt::Display for SpendingKind {
    /// `人员经费`, `公用经费` or `项目支出`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpendingKind::Basic(b) => fmt::Display::fmt(b, f),
            SpendingKind::Project(_) => f.write_str("项目支出"),
        }
    }
}

/// 预算明细行: one leaf of the budget, `(unit, 功能分类 项, 经济分类 款, 支出类型, 资金来源) → 金额`.
///
/// Every figure of the disclosure is a sum of lines. A line funded by 上年结转结余 names the
/// carry-over item it draws on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Line {
    pub(crate) unit: Option<UnitId>,
    pub(crate) functional: FunctionalCode,
    pub(crate) economic: EconomicCode,
    pub(crate) kind: SpendingKind,
    pub(crate) source: FundingSource,
    pub(crate) carry_over: Option<CarryOverId>,
    pub(crate) amount: Amount,
}

impl Line {
    /// A line of the department itself (no subordinate unit), not drawing on a carry-over item.
    #[must_use]
    pub fn new(
        functional: FunctionalCode,
        economic: EconomicCode,
        kind: SpendingKind,
        source: FundingSource,
        amount: Amount,
    ) -> Line {
        Line {
            unit: None,
            functional,
            economic,
            kind,
            source,
            carry_over: None,
            amount,
        }
    }

    /// The same line, spent by a subordinate unit.
    #[must_use]
    pub fn with_unit(mut self, unit: UnitId) -> Line {
        self.unit = Some(unit);
        self
    }

    /// The same line, drawing on a carry-over item.
    #[must_use]
    pub fn with_carry_over(mut self, item: CarryOverId) -> Line {
        self.carry_over = Some(item);
        self
    }

    /// The same line under another functional code.
    #[must_use]
    pub fn with_functional(mut self, functional: FunctionalCode) -> Line {
        self.functional = functional;
        self
    }

    /// The same line under another economic code.
    #[must_use]
    pub fn with_economic(mut self, economic: EconomicCode) -> Line {
        self.economic = economic;
        self
    }

    /// The same line as another kind of spending.
    #[must_use]
    pub fn with_kind(mut self, kind: SpendingKind) -> Line {
        self.kind = kind;
        self
    }

    /// The same line from another funding source.
    #[must_use]
    pub fn with_source(mut self, source: FundingSource) -> Line {
        self.source = source;
        self
    }

    /// The same line with another amount.
    #[must_use]
    pub fn with_amount(mut self, amount: Amount) -> Line {
        self.amount = amount;
        self
    }

    /// The subordinate unit, or `None` for the department itself.
    #[must_use]
    pub fn unit(&self) -> Option<UnitId> {
        self.unit
    }
    /// 支出功能分类 项.
    #[must_use]
    pub fn functional(&self) -> FunctionalCode {
        self.functional
    }
    /// 部门预算支出经济分类 款.
    #[must_use]
    pub fn economic(&self) -> EconomicCode {
        self.economic
    }
    /// 人员经费, 公用经费 or a project.
    #[must_use]
    pub fn kind(&self) -> SpendingKind {
        self.kind
    }
    /// 资金来源.
    #[must_use]
    pub fn source(&self) -> FundingSource {
        self.source
    }
    /// The carry-over item the line draws on.
    #[must_use]
    pub fn carry_over(&self) -> Option<CarryOverId> {
        self.carry_over
    }
    /// 金额.
    #[must_use]
    pub fn amount(&self) -> Amount {
        self.amount
    }
}

impl fmt::Display for Line {
    /// `2060702 × 30227 项目支出 一般公共预算（本级） 90000.00` (功能分类 项 × 经济分类 款,
    /// spending kind, funding source, amount in 元); the unit and carry-over item, which are
    /// ids into the budget, are not printed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} × {} {} {} {}",
            self.functional, self.economic, self.kind, self.source, self.amount
        )
    }
}

/// 项目类别: how a project is managed (预算管理一体化规范).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, strum::Display, strum::EnumIter, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ProjectCategory {
    /// 其他运转类: recurring operations beyond 公用经费.
    #[strum(to_string = "其他运转类")]
    OtherOperating,
    /// 特定目标类: projects for a specific purpose.
    #[strum(to_string = "特定目标类")]
    SpecificPurpose,
}

/// 日期: a calendar date, shown as `2026 年 1 月 1 日`, exchanged as `2026-01-01`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// A valid Gregorian date, or `None`.
    #[must_use]
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= days).then_some(Date { year, month, day })
    }

    /// Reads `YYYY-MM-DD` (four-digit year, two-digit month and day, a real calendar day).
    ///
    /// ```
    /// use yusuan::budget::Date;
    /// assert_eq!(Date::parse("2026-02-28")?.to_chinese(), "2026 年 2 月 28 日");
    /// assert_eq!(
    ///     Date::parse("2026-02-29").unwrap_err().to_string(),
    ///     "invalid date \"2026-02-29\": 2026 has no February 29"
    /// );
    /// # Ok::<(), yusuan::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`crate::Error::InvalidDate`] saying what is wrong: the form, a field that is not a
    /// number, or a day the calendar does not have.
    pub fn parse(text: &str) -> crate::Result<Date> {
        let err = |reason: String| crate::Error::InvalidDate {
            input: text.to_string(),
            reason,
        };
        let mut parts = text.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(err("expected YYYY-MM-DD".to_string()));
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(err("expected YYYY-MM-DD".to_string()));
        }
        let number = |field: &str, what: &str| -> crate::Result<u16> {
            if field.bytes().all(|b| b.is_ascii_digit()) {
                field
                    .parse()
                    .map_err(|_| err(format!("the {what} {field:?} is not a number")))
            } else {
                Err(err(format!("the {what} {field:?} is not a number")))
            }
        };
        let year = number(y, "year")?;
        let (month, day) = (number(m, "month")?, number(d, "day")?);
        let (Ok(m8), Ok(d8)) = (u8::try_from(month), u8::try_from(day)) else {
            return Err(err("expected YYYY-MM-DD".to_string()));
        };
        if !(1..=12).contains(&m8) {
            return Err(err(format!("there is no month {m8}")));
        }
        Date::new(year, m8, d8).ok_or_else(|| {
            err(format!(
                "{year} has no {} {d8}",
                MONTHS.get(usize::from(m8 - 1)).copied().unwrap_or("month")
            ))
        })
    }

    /// The year.
    #[must_use]
    pub fn year(self) -> u16 {
        self.year
    }
    /// The month, 1–12.
    #[must_use]
    pub fn month(self) -> u8 {
        self.month
    }
    /// The day of the month.
    #[must_use]
    pub fn day(self) -> u8 {
        self.day
    }

    /// The Chinese form `2026 年 1 月 1 日`.
    #[must_use]
    pub fn to_chinese(self) -> String {
        format!("{} 年 {} 月 {} 日", self.year, self.month, self.day)
    }
}

/// English month names, for error messages.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl fmt::Display for Date {
    /// `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl core::str::FromStr for Date {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Date> {
        Date::parse(s)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        d.deserialize_str(crate::amount::StrVisitor::<Date>::new(
            "a date such as \"2026-01-01\"",
        ))
    }
}

/// 项目: a project of 项目支出. Its functional codes and total are derived from its lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// A key unique within the budget (the project code where there is one).
    pub key: String,
    /// 项目名称.
    pub name: String,
    /// 项目类别.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<ProjectCategory>,
    /// 设立的政策依据.
    #[serde(default)]
    pub policy_basis: String,
    /// 项目承担单位.
    #[serde(default)]
    pub executing_unit: String,
    /// 资金执行时间: first day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    /// 资金执行时间: last day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    /// 资金分配情况.
    #[serde(default)]
    pub allocation: String,
    /// Further labelled statements the narrative prints (资金来源, 补贴标准, 补贴范围 …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<(String, String)>,
}

impl Project {
    /// A project with only a key and a name.
    pub fn new(key: impl Into<String>, name: impl Into<String>) -> Project {
        Project {
            key: key.into(),
            name: name.into(),
            category: None,
            policy_basis: String::new(),
            executing_unit: String::new(),
            start: None,
            end: None,
            allocation: String::new(),
            details: Vec::new(),
        }
    }
}

/// 结转资金性质: whether carried-over money is a finance appropriation, and of which budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CarryOverFund {
    /// 财政拨款结转 of one budget.
    Fiscal(FundType),
    /// 非财政拨款结转结余.
    NonFiscal,
}

impl CarryOverFund {
    /// The funding source of the lines this carry-over funds.
    #[must_use]
    pub fn source(self) -> FundingSource {
        match self {
            CarryOverFund::Fiscal(t) => FundingSource::carry_over_of(t),
            CarryOverFund::NonFiscal => FundingSource::NonFiscalCarryOver,
        }
    }
}

/// 结转用途: whether a carry-over funds 基本支出 (人员/公用) or 项目支出.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::Display, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CarryOverUse {
    /// 基本支出 of this kind.
    #[strum(to_string = "基本支出")]
    Basic(BasicKind),
    /// 项目支出.
    #[strum(to_string = "项目支出")]
    Project,
}

/// 上年结转结余项目: money carried over from last year, as the notice that granted it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarryOverItem {
    /// A key unique within the budget.
    pub key: String,
    /// 来源文件: the notice the money was granted by.
    pub notice: String,
    /// 财政拨款 (of which budget) or 非财政拨款.
    pub fund: CarryOverFund,
    /// 基本支出 or 项目支出.
    #[serde(rename = "use")]
    pub usage: CarryOverUse,
    /// The declared amount; the lines drawing on the item must add up to it.
    pub amount: Amount,
    /// 主要用于: what it is spent on.
    #[serde(default)]
    pub purpose: String,
}

/// "三公"经费 figures: 因公出国（境）费用, 公务接待费, 公务用车购置, 公务用车运行维护费.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThreePublic {
    /// 因公出国（境）费用 (30212).
    #[serde(default)]
    pub abroad: Amount,
    /// 公务接待费 (30217).
    #[serde(default)]
    pub reception: Amount,
    /// 公务用车购置费 (31013, 30913).
    #[serde(default)]
    pub vehicle_purchase: Amount,
    /// 公务用车运行维护费 (30231).
    #[serde(default)]
    pub vehicle_operation: Amount,
}

impl ThreePublic {
    /// 公务用车购置及运行维护费; `None` only above [`Amount::MAX`].
    #[must_use]
    pub fn vehicles(&self) -> Option<Amount> {
        self.vehicle_purchase.checked_add(self.vehicle_operation)
    }

    /// The "三公"经费 total; `None` only above [`Amount::MAX`].
    #[must_use]
    pub fn total(&self) -> Option<Amount> {
        Amount::checked_sum([
            self.abroad,
            self.reception,
            self.vehicle_purchase,
            self.vehicle_operation,
        ])
        .ok()
    }
}

/// 上年预算数: the prior year's figures the narrative compares against.
///
/// Each is optional; those given must add up among themselves (checked by the builder).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriorYear {
    /// 收入 by funding source.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub income: BTreeMap<FundingSource, Amount>,
    /// 基本支出 (all funding).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basic: Option<Amount>,
    /// 项目支出 (all funding).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<Amount>,
    /// 人员经费.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personnel: Option<Amount>,
    /// 公用经费.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operating: Option<Amount>,
    /// 一般公共预算当年拨款 基本支出.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub general_budget_basic: Option<Amount>,
    /// 一般公共预算当年拨款 项目支出.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub general_budget_project: Option<Amount>,
    /// 一般公共预算当年拨款 by functional 项.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub general_budget_by_item: BTreeMap<FunctionalCode, Amount>,
    /// 财政拨款"三公"经费.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub three_public: Option<ThreePublic>,
    /// 机关运行经费.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organ_running: Option<Amount>,
}

/// 政府采购预算: the government procurement budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Procurement {
    /// 货物.
    #[serde(default)]
    pub goods: Amount,
    /// 工程.
    #[serde(default)]
    pub works: Amount,
    /// 服务.
    #[serde(default)]
    pub services: Amount,
    /// The total as declared; must equal goods + works + services when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_total: Option<Amount>,
    /// 面向中小企业预留.
    #[serde(default)]
    pub sme_reserved: Amount,
    /// 其中：小微企业预留.
    #[serde(default)]
    pub small_micro_reserved: Amount,
}

impl Procurement {
    /// goods + works + services.
    #[must_use]
    pub fn total(&self) -> Option<Amount> {
        Amount::checked_sum([self.goods, self.works, self.services]).ok()
    }
}

/// 车辆类别.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::Display,
    strum::EnumIter,
    Serialize,
    Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum VehicleKind {
    /// 一般公务用车.
    #[strum(to_string = "一般公务用车")]
    General,
    /// 执法执勤用车.
    #[strum(to_string = "执法执勤用车")]
    LawEnforcement,
    /// 特种专业技术用车.
    #[strum(to_string = "特种专业技术用车")]
    SpecialPurpose,
    /// 其他车辆.
    #[strum(to_string = "其他车辆")]
    Other,
}

/// Vehicles of one kind held by the department.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VehicleHolding {
    /// 车辆类别.
    pub kind: VehicleKind,
    /// 辆.
    pub count: u32,
    /// 价值.
    pub value: Amount,
}

/// 国有资产占用使用情况: state assets held at the end of the prior year.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assets {
    /// 房屋面积 in square metres, as printed (e.g. `"0.00"`).
    #[serde(default)]
    pub building_area_m2: String,
    /// 房屋价值.
    #[serde(default)]
    pub building_value: Amount,
    /// 车辆 by kind.
    #[serde(default)]
    pub vehicles: Vec<VehicleHolding>,
    /// 办公家具价值.
    #[serde(default)]
    pub furniture_value: Amount,
    /// 其他资产价值.
    #[serde(default)]
    pub other_value: Amount,
    /// 单价 50 万元以上大型设备 (台).
    #[serde(default)]
    pub equipment_over_500k: u32,
    /// 单价 100 万元以上大型设备 (台).
    #[serde(default)]
    pub equipment_over_1m: u32,
    /// 本年安排购置车辆 (辆).
    #[serde(default)]
    pub planned_vehicle_purchases: u32,
    /// 本年安排购置单价 50 万元以上大型设备 (台).
    #[serde(default)]
    pub planned_equipment_over_500k: u32,
    /// 本年安排购置单价 100 万元以上大型设备 (台).
    #[serde(default)]
    pub planned_equipment_over_1m: u32,
}

impl Assets {
    /// Vehicles held, all kinds.
    pub fn vehicle_count(&self) -> u32 {
        self.vehicles
            .iter()
            .map(|v| v.count)
            .fold(0, u32::saturating_add)
    }

    /// Value of all vehicles; `None` only above [`Amount::MAX`].
    #[must_use]
    pub fn vehicle_value(&self) -> Option<Amount> {
        Amount::checked_sum(self.vehicles.iter().map(|v| v.value)).ok()
    }
}

crate::vocabulary::from_str_by_name!(
    UnitKind => "unit kind (单位类型)",
    BasicKind => "basic spending kind (基本支出类别)",
    ProjectCategory => "project category (项目类别)",
    VehicleKind => "vehicle kind (车辆类型)",
);
