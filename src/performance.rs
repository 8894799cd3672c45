//! 预算绩效目标: performance targets, their indicator trees, weights and scoring.
//!
//! A [`PerformanceTargets`] holds the 部门整体绩效目标 ([`DepartmentTarget`]) and one
//! 项目支出绩效目标 per project ([`ProjectTarget`]). Each target has [`Indicator`]s whose first
//! and second levels are one typed [`Category`], so a second level cannot sit under the wrong
//! first level; the third level is free text. Values are kept both as printed and parsed
//! ([`Printed`]): real documents write "100.0 0%" and "≥98%".
//!
//! Targets live in the budget (`DepartmentBudgetBuilder::performance`), whose `build()` checks
//! them (rules `performance.*` in [`crate::budget::Rule`]): weights positive and summing to the profile's total, each project target
//! naming a project of the budget with the project's funds, the 部门整体 budget equal to the
//! department total. [`PerformanceTargets::lint`] reports the soft problems.
//!
//! ```
//! use yusuan::performance::{Category, Comparator, OutputKind, TargetValue};
//! let c = Category::parse("产出 指标", "数量 指标")?;
//! assert_eq!(c, Category::Output(OutputKind::Quantity));
//! assert_eq!(c.to_string(), "产出指标/数量指标");
//! assert!(Category::parse("效益指标", "数量指标").is_err()); // 数量 is not a 效益 second level
//! let v = TargetValue::parse("100.0 0%");
//! assert_eq!(v.to_string(), "＝100.00%");
//! assert!(matches!(TargetValue::parse("≥5 次"), TargetValue::Quantitative { comparator: Comparator::Ge, .. }));
//! # Ok::<(), yusuan::Error>(())
//! ```

use core::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::amount::Amount;
use crate::budget::Date;
use crate::error::{Error, Result};

/// 产出指标的二级指标 (also used under 履职效能 in 部门整体 targets).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, strum::Display, strum::EnumIter, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum OutputKind {
    /// 数量指标.
    #[strum(to_string = "数量指标")]
    Quantity,
    /// 质量指标.
    #[strum(to_string = "质量指标")]
    Quality,
    /// 时效指标.
    #[strum(to_string = "时效指标")]
    Timeliness,
    /// 成本指标 (as an 产出 second level in older templates).
    #[strum(to_string = "成本指标")]
    Cost,
}

/// 效益指标的二级指标.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, strum::Display, strum::EnumIter, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum BenefitKind {
    /// 经济效益指标.
    #[strum(to_string = "经济效益指标")]
    Economic,
    /// 社会效益指标.
    #[strum(to_string = "社会效益指标")]
    Social,
    /// 生态效益指标.
    #[strum(to_string = "生态效益指标")]
    Ecological,
    /// 可持续影响指标.
    #[strum(to_string = "可持续影响指标")]
    Sustainability,
}

/// 成本指标的二级指标 (财预〔2021〕101号).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, strum::Display, strum::EnumIter, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum CostKind {
    /// 经济成本指标.
    #[strum(to_string = "经济成本指标")]
    Economic,
    /// 社会成本指标.
    #[strum(to_string = "社会成本指标")]
    Social,
    /// 生态环境成本指标.
    #[strum(to_string = "生态环境成本指标")]
    Ecological,
}

/// 满意度指标的二级指标.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, strum::Display, strum::EnumIter, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum SatisfactionKind {
    /// 服务对象满意度指标.
    #[strum(to_string = "服务对象满意度指标")]
    ServiceRecipients,
}

/// 一级指标 with its 二级指标: the typed pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 产出指标.
    Output(OutputKind),
    /// 效益指标.
    Benefit(BenefitKind),
    /// 成本指标.
    Cost(CostKind),
    /// 满意度指标.
    Satisfaction(SatisfactionKind),
    /// 履职效能 (部门整体 targets), with output-like second levels.
    DutyPerformance(OutputKind),
}

impl Category {
    /// The 一级指标 name.
    #[must_use]
    pub fn first_level(self) -> &'static str {
        match self {
            Category::Output(_) => "产出指标",
            Category::Benefit(_) => "效益指标",
            Category::Cost(_) => "成本指标",
            Category::Satisfaction(_) => "满意度指标",
            Category::DutyPerformance(_) => "履职效能",
        }
    }

    /// The 二级指标 name.
    #[must_use]
    pub fn second_level(self) -> String {
        match self {
            Category::Output(k) | Category::DutyPerformance(k) => k.to_string(),
            Category::Benefit(k) => k.to_string(),
            Category::Cost(k) => k.to_string(),
            Category::Satisfaction(k) => k.to_string(),
        }
    }

    /// Whether this is a 效益指标.
    #[must_use]
    pub fn is_benefit(self) -> bool {
        matches!(self, Category::Benefit(_))
    }

    /// Reads a printed first and second level. Spaces (PDF wrapping) and a missing `指标`
    /// suffix are ignored; the seed's 二级 "满意度指标" under 满意度指标 reads as 服务对象满意度指标.
    ///
    /// # Errors
    /// [`Error::UnknownName`] when the first level is unknown or the second level does not
    /// belong to it.
    pub fn parse(first: &str, second: &str) -> Result<Category> {
        let norm = |s: &str| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            s.strip_suffix("指标").map(str::to_string).unwrap_or(s)
        };
        let (f, s) = (norm(first), norm(second));
        let err = || Error::UnknownName {
            vocabulary: "performance indicator category (一级/二级指标)",
            input: format!("{first}/{second}"),
        };
        let output = || match s.as_str() {
            "数量" => Some(OutputKind::Quantity),
            "质量" => Some(OutputKind::Quality),
            "时效" => Some(OutputKind::Timeliness),
            "成本" => Some(OutputKind::Cost),
            _ => None,
        };
        let c = match f.as_str() {
            "产出" => output().map(Category::Output),
            "履职效能" => output().map(Category::DutyPerformance),
            "效益" => match s.as_str() {
                "经济效益" => Some(BenefitKind::Economic),
                "社会效益" => Some(BenefitKind::Social),
                "生态效益" => Some(BenefitKind::Ecological),
                "可持续影响" => Some(BenefitKind::Sustainability),
                _ => None,
            }
            .map(Category::Benefit),
            "成本" => match s.as_str() {
                "经济成本" => Some(CostKind::Economic),
                "社会成本" => Some(CostKind::Social),
                "生态环境成本" => Some(CostKind::Ecological),
                _ => None,
            }
            .map(Category::Cost),
            "满意度" => match s.as_str() {
                "服务对象满意度" | "满意度" => Some(SatisfactionKind::ServiceRecipients),
                _ => None,
            }
            .map(Category::Satisfaction),
            _ => None,
        };
        c.ok_or_else(err)
    }
}

impl fmt::Display for Category {
    /// `一级/二级`, e.g. `产出指标/数量指标`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.first_level(), self.second_level())
    }
}

/// 计算符号: how a value compares with its target.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, strum::Display, strum::EnumIter, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// ≥ (正向).
    #[strum(to_string = "≥")]
    Ge,
    /// ＞ (正向).
    #[strum(to_string = "＞")]
    Gt,
    /// ＝ (also what a value printed without a sign means).
    #[strum(to_string = "＝")]
    Eq,
    /// ≤ (反向).
    #[strum(to_string = "≤")]
    Le,
    /// ＜ (反向).
    #[strum(to_string = "＜")]
    Lt,
}

impl Comparator {
    /// Whether smaller actual values are better (反向指标).
    #[must_use]
    pub fn is_reverse(self) -> bool {
        matches!(self, Comparator::Le | Comparator::Lt)
    }
}

/// 指标值: a target (or prior-year) value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TargetValue {
    /// 定量: a comparator, a number and its unit (个, 场次, 册, 张, 次, 项, 条, % …).
    Quantitative {
        /// ≥ ≤ ＝ ＞ ＜.
        comparator: Comparator,
        /// The number.
        value: Decimal,
        /// 计量单位 (may be empty).
        unit: String,
    },
    /// A date (e.g. 项目完成时间 2026 年 10 月 30 日).
    Date(Date),
    /// 定性: text such as 按时完成.
    Qualitative(String),
}

impl TargetValue {
    /// Reads a printed value: `≥4 个`, `5000 张` (＝), `100.0 0%` (split digits), `≥98%`,
    /// `2026 年 10 月 30 日`, `＞=3`, full-width digits; anything without a number is 定性 text
    /// (with spaces removed). Never fails.
    pub fn parse(text: &str) -> TargetValue {
        let s: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '．' => '.',
                '％' => '%',
                other => other,
            })
            .collect();
        if s.contains('年') && s.contains('月') && s.ends_with('日') {
            // A date, or text that looks like one (2026 年 2 月 30 日) and stays text.
            return parse_chinese_date(&s).map_or(TargetValue::Qualitative(s), TargetValue::Date);
        }
        let (comparator, rest) = split_comparator(&s);
        let number_end = rest
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
            .map_or(rest.len(), |(i, _)| i);
        let number = rest.get(..number_end).unwrap_or("");
        match number.parse::<Decimal>() {
            Ok(value) if !number.is_empty() => TargetValue::Quantitative {
                comparator: comparator.unwrap_or(Comparator::Eq),
                value,
                unit: rest.get(number_end..).unwrap_or("").to_string(),
            },
            _ => TargetValue::Qualitative(s),
        }
    }
}

fn split_comparator(s: &str) -> (Option<Comparator>, &str) {
    const SIGNS: [(&str, Comparator); 12] = [
        (">=", Comparator::Ge),
        ("<=", Comparator::Le),
        ("＞=", Comparator::Ge),
        ("＜=", Comparator::Le),
        ("≥", Comparator::Ge),
        ("≧", Comparator::Ge),
        ("≤", Comparator::Le),
        ("≦", Comparator::Le),
        ("＞", Comparator::Gt),
        (">", Comparator::Gt),
        ("＜", Comparator::Lt),
        ("<", Comparator::Lt),
    ];
    for (sign, c) in SIGNS {
        if let Some(rest) = s.strip_prefix(sign) {
            return (Some(c), rest);
        }
    }
    for sign in ["＝", "="] {
        if let Some(rest) = s.strip_prefix(sign) {
            return (Some(Comparator::Eq), rest);
        }
    }
    (None, s)
}

fn parse_chinese_date(s: &str) -> Option<Date> {
    let (y, rest) = s.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

impl fmt::Display for TargetValue {
    /// The canonical form: `≥4个`, `＝100.00%`, `2026 年 10 月 30 日`, `按时完成`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TargetValue::Quantitative {
                comparator,
                value,
                unit,
            } => write!(f, "{comparator}{value}{unit}"),
            TargetValue::Date(d) => f.write_str(&d.to_chinese()),
            TargetValue::Qualitative(t) => f.write_str(t),
        }
    }
}

/// 上年完成值: a prior-year value, or 新增项目 for a project that is new this year.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PriorValue {
    /// 新增项目.
    NewProject,
    /// A value.
    Value(TargetValue),
}

impl PriorValue {
    /// Reads a printed prior-year value.
    #[must_use]
    pub fn parse(text: &str) -> PriorValue {
        let s: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if s == "新增项目" || s == "新增" {
            PriorValue::NewProject
        } else {
            PriorValue::Value(TargetValue::parse(text))
        }
    }
}

impl fmt::Display for PriorValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PriorValue::NewProject => f.write_str("新增项目"),
            PriorValue::Value(v) => fmt::Display::fmt(v, f),
        }
    }
}

/// A value as printed, with its parsed form. Serialized as the printed text; the parsed form is
/// always recomputed from it, so the two cannot disagree.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Printed<T> {
    printed: String,
    value: T,
}

impl<T> Printed<T> {
    /// The text as printed.
    pub fn printed(&self) -> &str {
        &self.printed
    }
    /// The parsed value.
    pub fn value(&self) -> &T {
        &self.value
    }
}

impl Printed<TargetValue> {
    /// Reads a target value and keeps the printed text.
    #[must_use]
    pub fn target(text: &str) -> Printed<TargetValue> {
        Printed {
            printed: text.to_string(),
            value: TargetValue::parse(text),
        }
    }
}

impl Printed<PriorValue> {
    /// Reads a prior-year value and keeps the printed text.
    #[must_use]
    pub fn prior(text: &str) -> Printed<PriorValue> {
        Printed {
            printed: text.to_string(),
            value: PriorValue::parse(text),
        }
    }
}

impl<T> Serialize for Printed<T> {
    fn serialize<S: Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.printed)
    }
}

impl<'de> Deserialize<'de> for Printed<TargetValue> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> core::result::Result<Self, D::Error> {
        String::deserialize(d).map(|s| Printed::target(&s))
    }
}

impl<'de> Deserialize<'de> for Printed<PriorValue> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> core::result::Result<Self, D::Error> {
        String::deserialize(d).map(|s| Printed::prior(&s))
    }
}

/// 指标赋分规则.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoringRule {
    /// 按照完成比例赋分: the share of the target reached, capped at the weight.
    CompletionRatio,
    /// 满意度赋分: full marks at or above the target, else in proportion.
    Satisfaction,
    /// Another rule, as printed; scored like [`ScoringRule::CompletionRatio`].
    Other(String),
}

impl ScoringRule {
    /// Reads a printed rule.
    #[must_use]
    pub fn parse(text: &str) -> ScoringRule {
        let s: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        match s.as_str() {
            "按照完成比例赋分" | "按完成比例赋分" => ScoringRule::CompletionRatio,
            "满意度赋分" => ScoringRule::Satisfaction,
            _ => ScoringRule::Other(s),
        }
    }
}

impl fmt::Display for ScoringRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScoringRule::CompletionRatio => f.write_str("按照完成比例赋分"),
            ScoringRule::Satisfaction => f.write_str("满意度赋分"),
            ScoringRule::Other(s) => f.write_str(s),
        }
    }
}

/// 绩效指标: one third-level indicator with its target, basis, weight and scoring rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// 一级 and 二级指标.
    pub category: Category,
    /// The 一级 and 二级 as printed (e.g. "产出 指标", "满意 度指 标"), when they differ from
    /// the canonical names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed_levels: Option<(String, String)>,
    /// 三级指标.
    pub name: String,
    /// 指标值.
    pub target: Printed<TargetValue>,
    /// 指标（值）设定依据.
    #[serde(default)]
    pub basis: String,
    /// 上年完成值 (project targets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prior: Option<Printed<PriorValue>>,
    /// 分值权重 (a decimal string in JSON).
    #[serde(with = "crate::serde_decimal")]
    pub weight: Decimal,
    /// 指标赋分规则 (project targets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scoring: Option<ScoringRule>,
    /// 佐证资料.
    #[serde(default)]
    pub evidence: String,
}

/// An actual (achieved) value for scoring an indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actual {
    /// A number, in the indicator's unit.
    Number(Decimal),
    /// The date something was done.
    Date(Date),
    /// For 定性 indicators: the share achieved, 0 to 1 (达到 1, 部分达到 0.5, 未达到 0).
    Achieved(Decimal),
}

impl Indicator {
    /// The score for an actual value: between 0 and the weight, rounded 四舍五入 to 2 decimals.
    ///
    /// Positive indicators (≥ ＞ ＝) score `weight × min(1, actual / target)`; reverse ones
    /// (≤ ＜) full marks at or under the target and `weight × target / actual` above it; dates full
    /// marks on or before the target date, 0 after; 定性 ones `weight × achieved`. An actual of a
    /// kind that does not fit the target scores 0.
    #[must_use]
    pub fn score(&self, actual: &Actual) -> Decimal {
        let w = self.weight.max(Decimal::ZERO);
        let share = match (self.target.value(), actual) {
            (
                TargetValue::Quantitative {
                    comparator, value, ..
                },
                Actual::Number(a),
            ) => {
                let a = (*a).max(Decimal::ZERO);
                let t = *value;
                if comparator.is_reverse() {
                    if a <= t {
                        Decimal::ONE
                    } else {
                        t.checked_div(a).unwrap_or(Decimal::ZERO)
                    }
                } else if t <= Decimal::ZERO {
                    Decimal::ONE
                } else {
                    a.checked_div(t).unwrap_or(Decimal::ONE).min(Decimal::ONE)
                }
            }
            (TargetValue::Date(t), Actual::Date(a)) => {
                if a <= t {
                    Decimal::ONE
                } else {
                    Decimal::ZERO
                }
            }
            (TargetValue::Qualitative(_), Actual::Achieved(x)) => {
                (*x).max(Decimal::ZERO).min(Decimal::ONE)
            }
            _ => Decimal::ZERO,
        };
        let s = w.checked_mul(share).unwrap_or(w).min(w);
        s.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    }
}

/// 评价等级.
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
pub enum Grade {
    /// 优.
    #[strum(to_string = "优")]
    Excellent,
    /// 良.
    #[strum(to_string = "良")]
    Good,
    /// 中.
    #[strum(to_string = "中")]
    Fair,
    /// 差.
    #[strum(to_string = "差")]
    Poor,
}

/// 权重口径: what the indicator weights add up to, and how scores become grades.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeightProfile {
    /// What a table's indicator weights must add up to (90 where 预算执行率 holds 10).
    #[serde(with = "crate::serde_decimal")]
    pub indicators_total: Decimal,
    /// The weight of 预算执行率 (10, or 0 where the indicators hold all 100).
    #[serde(with = "crate::serde_decimal")]
    pub execution_rate: Decimal,
    /// Lowest scores for 优, 良, 中 (90, 80, 60).
    #[serde(with = "crate::serde_decimal::array3")]
    pub grade_floors: [Decimal; 3],
}

impl WeightProfile {
    /// The seed's profile: indicators 90, 预算执行率 10; 优 ≥ 90, 良 ≥ 80, 中 ≥ 60.
    #[must_use]
    pub fn xinjiang_2026() -> WeightProfile {
        WeightProfile {
            indicators_total: Decimal::from(90),
            execution_rate: Decimal::from(10),
            grade_floors: [Decimal::from(90), Decimal::from(80), Decimal::from(60)],
        }
    }

    /// Indicators worth 100 in all, no separate 预算执行率.
    #[must_use]
    pub fn full_hundred() -> WeightProfile {
        WeightProfile {
            indicators_total: Decimal::from(100),
            execution_rate: Decimal::ZERO,
            ..WeightProfile::xinjiang_2026()
        }
    }

    /// The grade of a total score.
    #[must_use]
    pub fn grade(&self, score: Decimal) -> Grade {
        let [excellent, good, fair] = self.grade_floors;
        if score >= excellent {
            Grade::Excellent
        } else if score >= good {
            Grade::Good
        } else if score >= fair {
            Grade::Fair
        } else {
            Grade::Poor
        }
    }
}

impl Default for WeightProfile {
    fn default() -> WeightProfile {
        WeightProfile::xinjiang_2026()
    }
}

/// 部门整体绩效目标表.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DepartmentTarget {
    /// 部门名称.
    pub department: String,
    /// 部门联系人.
    #[serde(default)]
    pub contact: String,
    /// 联系电话.
    #[serde(default)]
    pub phone: String,
    /// 年度绩效目标.
    pub goals: String,
    /// 财政资金 上级安排.
    pub fiscal_higher: Amount,
    /// 财政资金 本级安排.
    pub fiscal_own: Amount,
    /// 其他资金.
    pub other: Amount,
    /// The indicators.
    pub indicators: Vec<Indicator>,
}

impl DepartmentTarget {
    /// 年度预算 合计.
    #[must_use]
    pub fn total(&self) -> Option<Amount> {
        Amount::checked_sum([self.fiscal_higher, self.fiscal_own, self.other]).ok()
    }
}

/// 项目支出绩效目标表.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectTarget {
    /// The key of the budget's project.
    pub project: String,
    /// 项目名称 as printed in the target table.
    pub printed_name: String,
    /// 预算单位.
    #[serde(default)]
    pub unit: String,
    /// 项目负责人.
    #[serde(default)]
    pub person_responsible: String,
    /// 年度预算总额.
    pub total: Amount,
    /// 其中：财政拨款.
    pub fiscal: Amount,
    /// 其他资金.
    pub other: Amount,
    /// 项目总体目标.
    pub goal: String,
    /// The indicators.
    pub indicators: Vec<Indicator>,
}

/// All performance targets of a budget.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerformanceTargets {
    /// What weights add up to and how grades are given.
    #[serde(default)]
    pub profile: WeightProfile,
    /// 部门整体绩效目标.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<DepartmentTarget>,
    /// 项目支出绩效目标, one per project that has one.
    #[serde(default)]
    pub projects: Vec<ProjectTarget>,
}

/// The total score of a target: its indicators', 预算执行率's, and the grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    /// Σ indicator scores.
    pub indicators: Decimal,
    /// The 预算执行率 score.
    pub execution_rate: Decimal,
    /// The total.
    pub total: Decimal,
    /// The grade of the total.
    pub grade: Grade,
}

impl WeightProfile {
    /// Scores a list of indicators with their actual values (missing actuals score 0) and a
    /// 预算执行率 between 0 and 1.
    #[must_use]
    pub fn score(
        &self,
        indicators: &[(&Indicator, Option<Actual>)],
        execution_rate: Decimal,
    ) -> Score {
        let ind: Decimal = indicators
            .iter()
            .map(|(i, a)| a.as_ref().map_or(Decimal::ZERO, |a| i.score(a)))
            .fold(Decimal::ZERO, |acc, s| acc.saturating_add(s));
        let rate = execution_rate.max(Decimal::ZERO).min(Decimal::ONE);
        let er = self
            .execution_rate
            .saturating_mul(rate)
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        let total = ind.saturating_add(er);
        Score {
            indicators: ind,
            execution_rate: er,
            total,
            grade: self.grade(total),
        }
    }
}

/// 提示类型: what a performance lint is about (soft problems that never block a budget).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::Display, strum::EnumIter)]
#[non_exhaustive]
pub enum LintKind {
    /// 无效益指标: a project target without any 效益指标.
    #[strum(to_string = "项目绩效目标无效益指标")]
    NoBenefitIndicator,
    /// 项目名称不一致: the target table prints another name than the project list.
    #[strum(to_string = "绩效目标表项目名称与项目不一致")]
    NameDiffers,
    /// 目标年度不符: the overall goal names another year than the budget's.
    #[strum(to_string = "总体目标年度与预算年度不符")]
    GoalYear,
    /// 项目名称年度不符: the project's name names another year than the budget's.
    #[strum(to_string = "项目名称年度与预算年度不符")]
    NameYear,
}

/// 提示: a soft problem in the performance targets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lint {
    /// What it is about.
    pub kind: LintKind,
    /// Where.
    pub location: crate::budget::Location,
    /// Why, in words, quoting both sides.
    pub message: String,
}

impl fmt::Display for Lint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} [{}]", self.location, self.message, self.kind)
    }
}

/// The years a text names as `2025 年` or `2025年`.
fn years_named(text: &str) -> Vec<u16> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= chars.len() {
        let window = chars.get(i..i + 4).unwrap_or(&[]);
        let before_is_digit = i > 0 && chars.get(i - 1).is_some_and(char::is_ascii_digit);
        if !before_is_digit && window.iter().all(char::is_ascii_digit) {
            let mut j = i + 4;
            while chars.get(j).is_some_and(|c| c.is_whitespace()) {
                j += 1;
            }
            if chars.get(j) == Some(&'年') {
                let y: String = window.iter().collect();
                if let Ok(y) = y.parse() {
                    out.push(y);
                }
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

impl PerformanceTargets {
    /// The soft problems: project targets without 效益指标, target tables naming a project
    /// differently from the project list, and goals or project names naming another year.
    #[must_use]
    pub fn lint(&self, budget: &crate::budget::DepartmentBudget) -> Vec<Lint> {
        let year = budget.department().year;
        let mut out = Vec::new();
        for t in &self.projects {
            let location = crate::budget::Location::Target {
                project: Some(t.project.clone()),
                row: None,
            };
            let lint = |kind, message: String| Lint {
                kind,
                location: location.clone(),
                message,
            };
            if !t.indicators.iter().any(|i| i.category.is_benefit()) {
                out.push(lint(
                    LintKind::NoBenefitIndicator,
                    format!("{:?} has no 效益指标", t.printed_name),
                ));
            }
            let project = budget
                .projects()
                .find(|(_, p)| p.key == t.project)
                .map(|(_, p)| p);
            if let Some(p) = project {
                let squeeze =
                    |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
                if squeeze(&p.name) != squeeze(&t.printed_name) {
                    out.push(lint(
                        LintKind::NameDiffers,
                        format!(
                            "target table prints {:?}, the project list {:?}",
                            t.printed_name, p.name
                        ),
                    ));
                }
                for y in years_named(&p.name).into_iter().filter(|y| *y != year) {
                    out.push(lint(
                        LintKind::NameYear,
                        format!(
                            "project name {:?} names {y}, the budget is for {year}",
                            p.name
                        ),
                    ));
                }
            }
            for y in years_named(&t.goal).into_iter().filter(|y| *y != year) {
                out.push(lint(
                    LintKind::GoalYear,
                    format!("项目总体目标 names {y}, the budget is for {year}"),
                ));
            }
        }
        if let Some(d) = &self.department {
            for y in years_named(&d.goals).into_iter().filter(|y| *y != year) {
                out.push(Lint {
                    kind: LintKind::GoalYear,
                    location: crate::budget::Location::Target {
                        project: None,
                        row: None,
                    },
                    message: format!("年度绩效目标 names {y}, the budget is for {year}"),
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_found_with_or_without_a_space() {
        assert_eq!(
            years_named("2026 年自治区 2025年 十五五 12026 年"),
            vec![2026, 2025]
        );
    }
}

crate::vocabulary::from_str_by_name!(
    OutputKind => "output indicator kind (产出指标)",
    BenefitKind => "benefit indicator kind (效益指标)",
    CostKind => "cost indicator kind (成本指标)",
    SatisfactionKind => "satisfaction indicator kind (满意度指标)",
    Comparator => "comparator (指标值符号)",
    Grade => "grade (评价等级)",
);
