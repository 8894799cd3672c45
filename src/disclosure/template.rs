//! 公开模板: a disclosure template as data, read from TOML.
//!
//! See the [module documentation](super) for the file format.

use core::fmt;
use serde::{Deserialize, Deserializer, Serialize};
use toml::Spanned;

use crate::amount::Unit;
use crate::budget::{BasicKind, DepartmentBudget, Line, SpendingKind};
use crate::classification::FunctionalCode;
use crate::funding::{FundType, FundingGroup, FundingSource};
use crate::performance::WeightProfile;

use super::targets::{InfoCell, TargetColumn};

/// The built-in templates, as (file name, text).
const BUILTIN: &[(&str, &str)] = &[
    (
        "xinjiang_2026.toml",
        include_str!("templates/xinjiang_2026.toml"),
    ),
    (
        "shanghai_putuo_9.toml",
        include_str!("templates/shanghai_putuo_9.toml"),
    ),
    (
        "guangdong_12.toml",
        include_str!("templates/guangdong_12.toml"),
    ),
    (
        "zhejiang_11.toml",
        include_str!("templates/zhejiang_11.toml"),
    ),
    (
        "chongqing_12.toml",
        include_str!("templates/chongqing_12.toml"),
    ),
    ("jiangsu_13.toml", include_str!("templates/jiangsu_13.toml")),
    ("central_9.toml", include_str!("templates/central_9.toml")),
    ("shaanxi_16.toml", include_str!("templates/shaanxi_16.toml")),
    ("beijing_13.toml", include_str!("templates/beijing_13.toml")),
    ("fujian_10.toml", include_str!("templates/fujian_10.toml")),
    (
        "shandong_12.toml",
        include_str!("templates/shandong_12.toml"),
    ),
];

/// 公开模板: one published template — its tables in order, its narrative and its wording.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// The template's name, e.g. `新疆 2026 (12 tables)`.
    pub name: String,
    /// What the template is and where it comes from (free text).
    #[serde(default)]
    pub description: String,
    /// The defaults every table follows unless it says otherwise.
    pub format: Format,
    /// The tables, in the order they are published.
    #[serde(rename = "table")]
    pub tables: Vec<TableSpec>,
    /// 情况说明: the narrative sections and their wording conventions.
    #[serde(default)]
    pub narrative: Option<NarrativeSpec>,
    /// 绩效权重: the performance weight profile the template's target tables follow.
    #[serde(default)]
    pub performance: Option<WeightProfile>,
    /// 绩效目标表 printed outside the numbered tables (the seed prints them under 情况说明
    /// (四)), in order; each body is `department_targets` or `project_targets`.
    #[serde(
        default,
        rename = "target_table",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub target_tables: Vec<TableSpec>,
}

/// 格式: unit, decimals, separators and blanks of printed amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Format {
    /// 单位: `"元"` or `"万元"`.
    #[serde(deserialize_with = "unit")]
    pub unit: Unit,
    /// Decimals printed (2, or 6 for 万元 in Beijing).
    #[serde(default = "two")]
    pub decimals: u32,
    /// Whether amounts print with thousands separators (`31,214,205.80`).
    #[serde(default)]
    pub thousands: bool,
    /// Whether a zero prints as a blank cell.
    #[serde(default = "yes")]
    pub blank_zero: bool,
}

fn two() -> u32 {
    2
}

fn yes() -> bool {
    true
}

fn unit<'de, D: Deserializer<'de>>(d: D) -> Result<Unit, D::Error> {
    let s = String::deserialize(d)?;
    Unit::parse(&s).map_err(|_| {
        serde::de::Error::custom(format!("unknown unit {s:?}; expected \"元\" or \"万元\""))
    })
}

fn unit_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Unit>, D::Error> {
    unit(d).map(Some)
}

/// One table of a template.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    /// 表 N; the table's position in the template when left out.
    #[serde(default)]
    pub number: Option<u32>,
    /// 标题. Placeholders: `{name}`, `{year}`.
    pub title: String,
    /// A short identifier other parts of a template or an auditor may name (e.g. `"income"`).
    #[serde(default)]
    pub id: Option<String>,
    /// 单位, when it differs from the template's.
    #[serde(default, deserialize_with = "unit_opt")]
    pub unit: Option<Unit>,
    /// Decimals, when they differ from the template's.
    #[serde(default)]
    pub decimals: Option<u32>,
    /// Thousands separators, when they differ from the template's.
    #[serde(default)]
    pub thousands: Option<bool>,
    /// Blank zeros, when they differ from the template's.
    #[serde(default)]
    pub blank_zero: Option<bool>,
    /// Header rows as printed: a merged cell prints once, the cells it covers are `""`.
    pub header: Spanned<Vec<Vec<String>>>,
    /// The rows and money columns.
    pub body: Body,
    /// 空表说明: printed under the table when every amount in it is zero. Placeholders:
    /// `{name}`, `{year}`, `{title}`.
    #[serde(default)]
    pub empty_note: Option<Spanned<String>>,
    /// 表注: printed under the table when it is not empty (or always, when the table has no
    /// `empty_note`), e.g. `注：无。`. Placeholders as in `empty_note`.
    #[serde(default)]
    pub note: Option<Spanned<String>>,
}

impl TableSpec {
    /// The printed title: `{name}` and `{year}` filled from `budget`.
    #[must_use]
    pub fn printed_title(&self, budget: &DepartmentBudget) -> String {
        fill(&self.title, budget, "")
    }

    /// The note printed under the table: the `empty_note` when the table is `empty` and has one,
    /// else the `note`; `{name}`, `{year}` and `{title}` (the printed title) filled.
    #[must_use]
    pub fn printed_note(&self, budget: &DepartmentBudget, empty: bool) -> Option<String> {
        let title = self.printed_title(budget);
        self.empty_note
            .as_ref()
            .filter(|_| empty)
            .or(self.note.as_ref())
            .map(|n| fill(n.get_ref(), budget, &title))
    }

    /// The table's format: the template's, overridden where the table says so.
    #[must_use]
    pub fn format(&self, defaults: Format) -> Format {
        Format {
            unit: self.unit.unwrap_or(defaults.unit),
            decimals: self.decimals.unwrap_or(defaults.decimals),
            thousands: self.thousands.unwrap_or(defaults.thousands),
            blank_zero: self.blank_zero.unwrap_or(defaults.blank_zero),
        }
    }
}

/// A title or note with `{name}`, `{year}` and `{title}` filled.
fn fill(text: &str, budget: &DepartmentBudget, title: &str) -> String {
    let d = budget.department();
    text.replace("{name}", &d.name)
        .replace("{year}", &d.year.to_string())
        .replace("{title}", title)
}

/// 表体结构: how a table's rows are formed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum BodyKind {
    /// 功能分类树: a row per 类, 款 and 项 of the kept lines, then the total row.
    FunctionalTree,
    /// 经济分类树: a row per economic 类 and 款, then the total row.
    EconomicTree,
    /// 部门 × 政府经济分类: an economic tree printing each 部门 款 beside the 政府 款 it is
    /// reported under for its unit's kind (机关 or 事业单位), grouped by (部门 类, 政府 类).
    EconomicPairs,
    /// 项目清单: a department row, then 类/款/项 rows with one row per project under each 项,
    /// then the total row.
    ProjectList,
    /// 收支对照: labelled income rows on the left (`rows`), the functional 类 on the right
    /// (`columns`), then the 收入总计 / 支出总计 row.
    TwoSided,
    /// 固定行列: fixed rows (`rows`) by money columns, e.g. the "三公" table.
    Matrix,
    /// 按项目: a department row, one row per project (and 基本支出) with money, the total row.
    PerProject,
    /// 按结转项目: a department row, one row per carry-over item, the total row.
    PerCarryOver,
    /// 按单位: the department as a whole (when `department_row`), its own lines (本级, under the
    /// department's name), then one row per subordinate unit in the budget's order, by money
    /// columns; the total row (合计).
    PerUnit,
    /// 政府采购预算表: a row per procurement item (`rows` with `procurement`), by money
    /// columns; only an unrestricted column (`lines = {}`) can show an amount, since the
    /// budget's procurement has no funding split.
    Procurement,
    /// 部门整体绩效目标表: the department's overall targets.
    DepartmentTargets,
    /// 项目支出绩效目标表: one table per project with targets.
    ProjectTargets,
    /// 明细行: one row per combination of the `keys` (functional 项, 政府经济分类 款, 部门经济
    /// 分类 款) among the kept lines, in code order, then the total row; with `unit_blocks`, the
    /// rows repeat per budget unit (Beijing's 支出总表 and 一般公共预算支出表).
    DetailRows,
}

/// 明细键: a classification a detail-rows table keys its rows by, one label cell (or more,
/// by the code style) each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DetailKey {
    /// 支出功能分类科目: the line's functional 项.
    Functional,
    /// 政府支出经济分类科目: the 政府 款 the line's 部门 款 maps to for its unit's kind (blank
    /// where no mapping is known).
    GovernmentEconomic,
    /// 部门支出经济分类科目: the line's economic 款.
    Economic,
}

/// 科目编码列: whether codes print over 类/款/项 columns or whole in one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeStyle {
    /// `206 | 07 | 02`.
    #[default]
    Split,
    /// `   |    | 02`: split columns, each row printing only its own level's digits (a 类 row
    /// `206`, a 款 row `07`, a 项 row `02`), as 山东's coded tables do.
    SplitOwn,
    /// `2060702`.
    Whole,
    /// `[2060702]科普活动`: the whole code in brackets before the name, in the name's cell.
    Bracketed,
    /// No code: the name only (`工资福利支出`, Zhejiang's 功能分类科目名称).
    #[serde(rename = "none")]
    Omitted,
    /// `2010501-行政运行`: the whole code, a hyphen and the name, in the name's cell (Beijing).
    Hyphenated,
}

/// Which 类 a two-sided table lists on its right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClassList {
    /// Every 类 of the catalogue (and any the budget uses beyond it), as `206 科学技术支出`.
    #[default]
    All,
    /// The 类 with money, numbered `一、科学技术支出`.
    WithMoneyNumbered,
    /// The 类 with money, numbered `(一)科学技术支出`.
    WithMoneyParenNumbered,
    /// The 类, 款 and 项 with money, by name only, in code order (`科学技术支出`,
    /// `技术研究与开发`, `科技成果转化与扩散`); the 类 rows are the expansion's 类 rows, the 款
    /// and 项 rows print under them.
    Tree,
}

/// Where a total row prints its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LabelAt {
    /// In the name column (`总计` under 科目名称).
    #[default]
    Name,
    /// In the first column (`合计` under 类).
    First,
}

/// 表体: a table's row structure and money columns.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// The row structure.
    pub kind: BodyKind,
    /// The budget lines the table covers (all when left out).
    #[serde(default)]
    pub lines: Filter,
    /// Code columns: split, whole, bracketed or none.
    #[serde(default)]
    pub codes: CodeStyle,
    /// The money columns in order (for a two-sided table: the right side's).
    #[serde(default)]
    pub columns: Vec<Column>,
    /// Fixed rows: a matrix's rows.
    #[serde(default)]
    pub rows: Vec<RowSpec>,
    /// A two-sided table's rows: blocks of left rows beside right rows, in order.
    #[serde(default, rename = "block")]
    pub blocks: Vec<BlockSpec>,
    /// The blank rows printed after each block of a two-sided table.
    #[serde(default)]
    pub block_gap: usize,
    /// Whether 类 and 款 rows print bold.
    #[serde(default)]
    pub bold_subtotals: bool,
    /// Whether a matrix has a label column (the "三公" table has; Shanghai's one-row table not).
    #[serde(default = "yes")]
    pub label_column: bool,
    /// Whether a department row heads the table (project and per-project tables).
    #[serde(default)]
    pub department_row: bool,
    /// Whether that department row prints bold.
    #[serde(default)]
    pub department_bold: bool,
    /// The label of the 基本支出 row in a per-project table.
    #[serde(default)]
    pub basic_label: Option<String>,
    /// A per-project table: a 单位名称 column before the project's name, and a row per unit and
    /// project (the unit of the lines: a subordinate unit's name, or the department's).
    #[serde(default)]
    pub unit_column: bool,
    /// A per-unit table: a unit (or the department's own lines) whose money columns are all
    /// zero is left out.
    #[serde(default)]
    pub nonzero_only: bool,
    /// The total row; none when left out.
    #[serde(default)]
    pub total: Option<TotalSpec>,
    /// How deep a tree goes: `1` prints the 类 rows only, `2` 类 and 款 (an economic tree's
    /// default and its deepest); all levels when left out.
    #[serde(default)]
    pub depth: Option<u8>,
    /// 明细行: the classifications a `detail_rows` table keys its rows by, in printed order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keys: Vec<DetailKey>,
    /// 明细行: the rows repeat per budget unit (the department's own lines, then each unit in
    /// the budget's order), without a row naming the unit.
    #[serde(default, skip_serializing_if = "core::ops::Not::not")]
    pub unit_blocks: bool,
    /// 科目清单: an economic tree's rows as the form lists them — economic 类 and 款 codes, in
    /// order, each printed with money or not (Fujian's 表八 and 表九 list every 类 and 款 of the
    /// form); the tree of the lines with money when left out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub listed: Vec<Spanned<String>>,
    /// 绩效目标表: the labelled rows printed above the column header (项目名称, 资金, 年度目标 …),
    /// each cell a text with placeholders or the target's money.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub info: Vec<Spanned<Vec<InfoCell>>>,
    /// 绩效目标表: the columns of the indicator rows, each a field of the indicator.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Spanned<TargetColumn>>,
    /// 绩效目标表: what a zero amount prints as (`"0"`, `"0.00"`, `""` for a blank); the
    /// table's `blank_zero` when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zero: Option<Spanned<String>>,
    /// 项目支出绩效目标表: the order of the projects' tables.
    #[serde(default, skip_serializing_if = "TargetOrder::is_default")]
    pub order: TargetOrder,
    /// 项目支出绩效目标表: every project in one table (its `text` and `lines` columns printed on
    /// each project's first row) instead of one table per project.
    #[serde(default, skip_serializing_if = "core::ops::Not::not")]
    pub one_table: bool,
}

/// 绩效目标表顺序: the order project target tables print in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetOrder {
    /// The order of the budget's targets.
    #[default]
    Targets,
    /// The order of the budget's project list.
    Projects,
}

impl TargetOrder {
    fn is_default(&self) -> bool {
        *self == TargetOrder::Targets
    }
}

impl BodyKind {
    /// Whether this is a 绩效目标表 (department or project targets).
    #[must_use]
    pub fn is_targets(self) -> bool {
        matches!(self, BodyKind::DepartmentTargets | BodyKind::ProjectTargets)
    }
}

/// 合计行.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TotalSpec {
    /// The label, e.g. `总计`, `合计`, `收入总计`.
    pub label: String,
    /// Where the label prints.
    #[serde(default)]
    pub at: LabelAt,
    /// A two-sided table's right label (`支出总计`).
    #[serde(default)]
    pub right_label: Option<String>,
    /// A two-sided table's left total: the ids of the left rows it adds up.
    #[serde(default)]
    pub of: Vec<Spanned<String>>,
    /// A two-sided table's right total: the ids of the right rows it adds up; the 类 rows of
    /// its `classes` rows when left out.
    #[serde(default)]
    pub right_of: Vec<Spanned<String>>,
    /// Whether the row prints bold.
    #[serde(default)]
    pub bold: bool,
    /// Whether the row prints first, above the body (`合计` under the header, as Guangdong,
    /// Zhejiang and Chongqing print it), rather than last.
    #[serde(default)]
    pub top: bool,
    /// Whether the row prints a zero as `0.00` where the table blanks zeros (Fujian's 合计
    /// rows: `合计 | 2249.92 | … | 0.00`, the other rows blank).
    #[serde(default)]
    pub show_zero: bool,
}

/// 分块: one block of a two-sided table, its left rows beside its right rows; the block is as
/// high as its longer side, then `block_gap` blank rows.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BlockSpec {
    /// The income rows (a label and one amount: `lines`, or `total_of` left rows of any block).
    #[serde(default)]
    pub left: Vec<RowSpec>,
    /// The spending rows (a label and the money columns): fixed rows (`lines` under each
    /// column's filter, or `total_of` right rows of any block), and rows with `classes` that
    /// stand for the 类 (their id names the 类 rows).
    #[serde(default)]
    pub right: Vec<RowSpec>,
}

/// 金额列: what a money column means as a budget dimension.
///
/// Exactly one of `lines` (the lines the column adds up), `total_of` (other columns, by id),
/// `blank` (an empty column) and `detail` (a text column) is given.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// The id other columns' `total_of` name it by.
    #[serde(default)]
    pub id: Option<String>,
    /// The lines the column adds up.
    #[serde(default)]
    pub lines: Option<Filter>,
    /// The columns it totals.
    #[serde(default)]
    pub total_of: Option<Vec<Spanned<String>>>,
    /// An empty column (no amounts).
    #[serde(default)]
    pub blank: bool,
    /// A text column of a per-project table: each project's detail of this label (its
    /// `details` entry, e.g. `绩效目标`); blank on the other rows.
    #[serde(default)]
    pub detail: Option<String>,
    /// 上年数: a prior-year figure of the budget (see [`PriorFigure`]); with `prior =
    /// "income"`, `lines` may name the funding sources (`source`, `group`, `fund`, `fiscal`,
    /// `carry_over`) whose prior-year income the column adds up.
    #[serde(default)]
    pub prior: Option<Spanned<PriorFigure>>,
    /// 增减额: `[current, prior]`, two other columns of the same row; prints current − prior.
    #[serde(default)]
    pub change_of: Option<Vec<Spanned<String>>>,
    /// 增减率: `[current, prior]`; prints (current − prior) / prior in percent.
    #[serde(default)]
    pub rate_of: Option<Vec<Spanned<String>>>,
}

/// A fixed row: a two-sided table's left or right row, or a matrix row.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RowSpec {
    /// The id other rows' `total_of` name it by.
    #[serde(default)]
    pub id: Option<String>,
    /// The printed label.
    #[serde(default)]
    pub label: String,
    /// The lines the row adds up.
    #[serde(default)]
    pub lines: Option<Filter>,
    /// The rows it totals.
    #[serde(default)]
    pub total_of: Option<Vec<Spanned<String>>>,
    /// Whether the row prints bold.
    #[serde(default)]
    pub bold: bool,
    /// Whether the row is left out when it is zero.
    #[serde(default)]
    pub only_if_nonzero: bool,
    /// A right row of a two-sided block that stands for the 类 rows, listed so.
    #[serde(default)]
    pub classes: Option<ClassList>,
    /// The code printed before the label (政府采购: `A` 货物).
    #[serde(default)]
    pub code: Option<String>,
    /// 政府采购品目: the procurement amount a row of a procurement table shows.
    #[serde(default)]
    pub procurement: Option<ProcurementItem>,
    /// A `classes = "all"` row: 类 (codes as strings, `"227"`) listed only when the table's
    /// lines have money in them (Beijing's form omits 209, 227, 230 and 231).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub optional_classes: Vec<String>,
    /// Whether the row's amounts print a zero as `0.00` where the table blanks zeros (a
    /// two-sided table's totals: Fujian's `结转下年支出 | 0.00`; a matrix row).
    #[serde(default)]
    pub show_zero: bool,
}

/// 政府采购品目: what a row of a procurement table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProcurementItem {
    /// 货物.
    Goods,
    /// 工程.
    Works,
    /// 服务.
    Services,
}

/// 支出类型 as a filter: 基本/项目, 人员/公用.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Spending {
    /// 基本支出.
    Basic,
    /// 人员经费.
    Personnel,
    /// 公用经费.
    Operating,
    /// 项目支出.
    Project,
}

impl Spending {
    fn matches(self, kind: SpendingKind) -> bool {
        match self {
            Spending::Basic => kind.is_basic(),
            Spending::Personnel => kind == SpendingKind::Basic(BasicKind::Personnel),
            Spending::Operating => kind == SpendingKind::Basic(BasicKind::Operating),
            Spending::Project => kind.project().is_some(),
        }
    }
}

/// 口径: which budget lines a column, row or table adds up. Every condition given must hold;
/// a condition left out holds for every line; an empty list holds for none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Filter {
    /// 资金来源, by serde name (`general_budget_own`, …).
    #[serde(default)]
    pub source: Option<Vec<FundingSource>>,
    /// 资金来源分组 (`fiscal_appropriation`, `unit_funds`, …).
    #[serde(default)]
    pub group: Option<Vec<FundingGroup>>,
    /// 资金性质 of 财政拨款 (`general_public_budget`, `government_fund`, `state_capital`).
    #[serde(default)]
    pub fund: Option<Vec<FundType>>,
    /// 财政拨款 (this year's or carried over) or not.
    #[serde(default)]
    pub fiscal: Option<bool>,
    /// 上年结转 or not.
    #[serde(default)]
    pub carry_over: Option<bool>,
    /// 基本/人员/公用/项目.
    #[serde(default)]
    pub spending: Option<Vec<Spending>>,
    /// Economic codes or their prefixes (`"302"` holds for every 302xx).
    #[serde(default)]
    pub economic: Option<Vec<String>>,
    /// Functional codes or their prefixes.
    #[serde(default)]
    pub functional: Option<Vec<String>>,
    /// Lines of 行政 and 参公 units (机关运行经费's 口径) or of the others.
    #[serde(default)]
    pub organ: Option<bool>,
}

fn within<T: PartialEq>(set: &Option<Vec<T>>, x: &T) -> bool {
    set.as_ref().is_none_or(|s| s.contains(x))
}

fn prefixed(set: &Option<Vec<String>>, code: &str) -> bool {
    set.as_ref()
        .is_none_or(|s| s.iter().any(|p| code.starts_with(p.as_str())))
}

impl Filter {
    /// Whether the filter asks only about funding (`source`, `group`, `fund`, `fiscal`,
    /// `carry_over`), so that it can be applied to prior-year income by source.
    #[must_use]
    pub fn is_about_funding(&self) -> bool {
        self.spending.is_none()
            && self.economic.is_none()
            && self.functional.is_none()
            && self.organ.is_none()
    }

    /// Whether `line` of `budget` is within the filter.
    #[must_use]
    pub fn matches(&self, budget: &DepartmentBudget, line: &Line) -> bool {
        self.matches_source(line.source())
            && self
                .spending
                .as_ref()
                .is_none_or(|s| s.iter().any(|k| k.matches(line.kind())))
            && prefixed(&self.economic, &line.economic().to_string())
            && prefixed(&self.functional, &line.functional().to_string())
            && self.organ.is_none_or(|o| organ_like(budget, line) == o)
    }

    /// Whether the filter's funding conditions (`source`, `group`, `fund`, `fiscal`,
    /// `carry_over`) hold for `source`; the others are not looked at.
    #[must_use]
    pub fn matches_source(&self, source: FundingSource) -> bool {
        within(&self.source, &source)
            && within(&self.group, &source.group())
            && self
                .fund
                .as_ref()
                .is_none_or(|f| source.fund_type().is_some_and(|t| f.contains(&t)))
            && self.fiscal.is_none_or(|f| source.is_fiscal() == f)
            && self.carry_over.is_none_or(|c| source.is_carry_over() == c)
    }

    /// Whether the filter's `functional` condition holds for `code`.
    #[must_use]
    pub fn keeps_functional(&self, code: FunctionalCode) -> bool {
        prefixed(&self.functional, &code.to_string())
    }

    /// Both filters at once.
    pub fn and<'a>(&'a self, other: &'a Filter) -> impl Fn(&DepartmentBudget, &Line) -> bool + 'a {
        move |b, l| self.matches(b, l) && other.matches(b, l)
    }
}

fn organ_like(budget: &DepartmentBudget, line: &Line) -> bool {
    match line.unit() {
        None => budget.department().unit_kind.is_organ_like(),
        Some(u) => budget.unit(u).is_some_and(|u| u.unit_kind.is_organ_like()),
    }
}

/// 情况说明: sections of paragraphs, and the wording conventions their placeholders follow.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NarrativeSpec {
    /// The unit amounts print in (万元).
    #[serde(deserialize_with = "unit")]
    pub unit: Unit,
    /// Whether amounts and rates print with thousands separators.
    #[serde(default)]
    pub thousands: bool,
    /// What a zero amount prints as, when not `0.00` (e.g. `"0"`).
    #[serde(default)]
    pub zero: Option<String>,
    /// 名称集: named sets of labels by key, for list items that print a `{label}` (the
    /// `default` set) or `{label:set}` (another set, falling back to `default`); a key left
    /// out prints the item's own name. Keys are funding sources by serde name (the items of
    /// `income`, `income_carry`, `income_unused`) and the fund groups of `income_by_fund`
    /// ([`super::narrative::label_keys`]).
    #[serde(default)]
    pub labels: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
    /// 上年比较的措辞: named styles of a comparison phrase; `default` is required.
    pub change: std::collections::BTreeMap<String, ChangeWording>,
    /// Whether printed amounts and rates drop trailing zeros (`4.8万元`, `1万元`, `下降5%`,
    /// Chongqing's `388万元`).
    #[serde(default)]
    pub trim_zeros: bool,
    /// 模板定义的金额: named sums of the lines a filter keeps, as the template defines them
    /// (Guangdong's 行政经费 is a list of 经济科目). `{name}` prints the sum and
    /// `{name_change}` its comparison with the budget's prior-year figure `prior`. A sum named
    /// like a built-in placeholder (`organ_running`) replaces it.
    #[serde(default)]
    pub sums: std::collections::BTreeMap<String, SumSpec>,
    /// The sections.
    #[serde(rename = "section")]
    pub sections: Vec<SectionSpec>,
}

/// A sum the template defines: the lines it adds up and the prior-year figure it compares with.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SumSpec {
    /// The lines the sum adds up.
    pub lines: Filter,
    /// The budget's prior-year figure it compares with (`{name}_change`); no comparison when
    /// left out or when the budget declares none.
    #[serde(default)]
    pub prior: Option<PriorFigure>,
    /// The sum `{name_share}` is a share of (in percent); 收支总预算 when left out.
    #[serde(default)]
    pub share_of: Option<Spanned<String>>,
}

/// 上年数: a prior-year figure a budget declares ([`crate::budget::PriorYear`]), by name: what
/// a narrative sum compares with (`[narrative.sums.X] prior`) and what a column prints
/// (`{ prior = … }`).
///
/// In a column, most are one figure for the whole budget: such a figure prints in the table's
/// total row and in the rows of a `matrix`, and its other rows stay blank.
/// `general_budget_by_item` is held per functional 项: a `functional_tree` prints it on every
/// 项 row (and lists the 项 the prior year had but this year has not), its 款 and 类 rows add it
/// up; elsewhere it prints as one figure, the sum of the items the table's `lines` keep. A
/// figure the budget does not give prints blank everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PriorFigure {
    /// 上年收入 of the sources the sum's or column's `lines` keep (every source when left out
    /// or `{}`); those lines may ask only about funding (`source`, `group`, `fund`, `fiscal`,
    /// `carry_over`).
    Income,
    /// 上年基本支出.
    Basic,
    /// 上年项目支出.
    Project,
    /// 上年人员经费.
    Personnel,
    /// 上年公用经费.
    Operating,
    /// 上年一般公共预算当年拨款基本支出.
    GeneralBudgetBasic,
    /// 上年一般公共预算当年拨款项目支出.
    GeneralBudgetProject,
    /// 上年一般公共预算当年拨款, by functional 项 (as one figure: their sum).
    GeneralBudgetByItem,
    /// 上年"三公"经费合计.
    ThreePublic,
    /// 上年因公出国（境）费.
    ThreePublicAbroad,
    /// 上年公务接待费.
    ThreePublicReception,
    /// 上年公务用车购置及运行维护费.
    ThreePublicVehicles,
    /// 上年公务用车购置费.
    ThreePublicVehiclePurchase,
    /// 上年公务用车运行维护费.
    ThreePublicVehicleOperation,
    /// 上年机关运行经费 (as the template defines it).
    OrganRunning,
}

impl PriorFigure {
    /// The figure in `budget`'s prior year as one amount, when declared.
    #[must_use]
    pub fn of(self, budget: &DepartmentBudget) -> Option<crate::amount::Amount> {
        use crate::amount::Amount;
        let p = budget.prior_year();
        let three = |part: fn(&crate::budget::ThreePublic) -> Option<Amount>| {
            p.three_public.as_ref().and_then(part)
        };
        match self {
            PriorFigure::Income => (!p.income.is_empty())
                .then(|| Amount::checked_sum(p.income.values().copied()).ok())
                .flatten(),
            PriorFigure::Basic => p.basic,
            PriorFigure::Project => p.project,
            PriorFigure::Personnel => p.personnel,
            PriorFigure::Operating => p.operating,
            PriorFigure::GeneralBudgetBasic => p.general_budget_basic,
            PriorFigure::GeneralBudgetProject => p.general_budget_project,
            PriorFigure::GeneralBudgetByItem => (!p.general_budget_by_item.is_empty())
                .then(|| Amount::checked_sum(p.general_budget_by_item.values().copied()).ok())
                .flatten(),
            PriorFigure::ThreePublic => three(|t| t.total()),
            PriorFigure::ThreePublicAbroad => three(|t| Some(t.abroad)),
            PriorFigure::ThreePublicReception => three(|t| Some(t.reception)),
            PriorFigure::ThreePublicVehicles => three(|t| t.vehicles()),
            PriorFigure::ThreePublicVehiclePurchase => three(|t| Some(t.vehicle_purchase)),
            PriorFigure::ThreePublicVehicleOperation => three(|t| Some(t.vehicle_operation)),
            PriorFigure::OrganRunning => p.organ_running,
        }
    }

    /// The figure a sum of the lines `lines` keeps compares with: the prior year's income of
    /// the sources the filter keeps for [`PriorFigure::Income`], else [`PriorFigure::of`].
    #[must_use]
    pub fn of_sum(
        self,
        budget: &DepartmentBudget,
        lines: &Filter,
    ) -> Option<crate::amount::Amount> {
        let income = &budget.prior_year().income;
        if self != PriorFigure::Income || income.is_empty() {
            return self.of(budget);
        }
        crate::amount::Amount::checked_sum(
            income
                .iter()
                .filter(|(source, _)| lines.matches_source(**source))
                .map(|(_, a)| *a),
        )
        .ok()
    }
}

/// 比较措辞: a comparison phrase per direction. Placeholders: `{amount}` (the change's
/// magnitude), `{rate}` (growth in percent, without sign) and any global placeholder
/// (`{prior_year}`, …).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeWording {
    /// An increase, e.g. `比上年预算增加 {amount} 万元，增长 {rate}%`.
    pub increase: Spanned<String>,
    /// A decrease.
    pub decrease: Spanned<String>,
    /// No change, e.g. `与上年预算持平`.
    pub flat: Spanned<String>,
    /// The `{rate}` printed for growth from a prior figure of zero (e.g. `100.00`).
    #[serde(default = "hundred")]
    pub rate_from_zero: String,
    /// Decimals of `{rate}` in this style, also of a zero rate (2 unless given; Zhejiang prints
    /// `增长0.8%`, Guangdong `增长7.8%`).
    #[serde(default = "two")]
    pub rate_decimals: u32,
    /// The phrase for growth from a prior figure of zero when it is worded apart (Jiangsu's
    /// `增加{amount}万元（去年预算数为0万元，无法计算增减比率）`); `increase` when left out.
    #[serde(default)]
    pub from_zero: Option<Spanned<String>>,
}

fn hundred() -> String {
    "100.00".to_string()
}

/// One section: a title and paragraphs.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SectionSpec {
    /// The title, with placeholders.
    pub title: Spanned<String>,
    /// Printed only when this condition holds (see [`ParagraphSpec::when`]).
    #[serde(default)]
    pub when: Option<Spanned<String>>,
    /// The paragraphs.
    #[serde(default, rename = "paragraph")]
    pub paragraphs: Vec<ParagraphSpec>,
}

/// A paragraph, or a group of paragraphs repeated over a list.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ParagraphSpec {
    /// The text, with placeholders (none for a group that only repeats its inner paragraphs).
    #[serde(default)]
    pub text: Option<Spanned<String>>,
    /// Printed only when this holds: a placeholder name (an amount not zero, a text not empty,
    /// a list not empty, a comparison present), or `!name` for its opposite. With `each`, it is
    /// checked per item.
    #[serde(default)]
    pub when: Option<Spanned<String>>,
    /// Repeat over this list: the text (and the inner paragraphs) once per item.
    #[serde(default)]
    pub each: Option<Spanned<String>>,
    /// Paragraphs printed per item after the text.
    #[serde(default, rename = "paragraph")]
    pub paragraphs: Vec<ParagraphSpec>,
}

/// 模板错误的类别.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TemplateErrorKind {
    /// The file could not be read.
    Io,
    /// Not TOML, or TOML that does not fit the template format (unknown or missing field,
    /// wrong type, unknown name).
    Format,
    /// Well-formed, but inconsistent: a `total_of` naming no column, an unknown placeholder, …
    Invalid,
}

/// 模板错误: what is wrong in a template file, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TemplateError {
    /// The category.
    pub kind: TemplateErrorKind,
    /// The file (or the name given to [`Template::from_toml`]).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
    /// The field (TOML key) at fault, when known.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{field}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for TemplateError {}

/// (line, column), 1-based, of a byte offset.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The TOML key an offset falls under: the last `key =` before it on its line, or the table
/// name of a `[a.b]` / `[[a.b]]` line.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let offset = offset.min(text.len());
    let start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let line = text.get(start..)?.lines().next()?;
    if let Some(rest) = line.trim().strip_prefix('[') {
        let name = rest.trim_start_matches('[').split(']').next()?.trim();
        return Some(name.to_string());
    }
    let upto = text.get(start..offset)?;
    let before = match upto.rfind('=') {
        Some(eq) => upto.get(..eq)?,
        // the offset is on the key itself
        None => line.split('=').next()?,
    };
    let key: String = before
        .trim_end()
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '"' | '.'))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let key = key.trim_matches('"');
    (!key.is_empty()).then(|| key.to_string())
}

/// The field an error message names (`` unknown field `x` `` / `` missing field `x` ``).
fn field_in_message(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let end = start + message.get(start..)?.find('`')?;
    let named = message.contains("unknown field") || message.contains("missing field");
    named
        .then(|| message.get(start..end).map(str::to_string))
        .flatten()
}

impl TemplateError {
    pub(crate) fn at(
        kind: TemplateErrorKind,
        file: &str,
        text: &str,
        offset: Option<usize>,
        field: Option<String>,
        message: impl Into<String>,
    ) -> TemplateError {
        let (line, column) = offset.map(|o| position(text, o)).unzip();
        let field = field.or_else(|| offset.and_then(|o| key_at(text, o)));
        TemplateError {
            kind,
            file: file.to_string(),
            line,
            column,
            field,
            message: message.into(),
        }
    }

    fn from_toml(file: &str, text: &str, e: &toml::de::Error) -> TemplateError {
        let message = e.message().trim().to_string();
        let offset = e.span().map(|s| s.start);
        let field = field_in_message(&message);
        TemplateError::at(
            TemplateErrorKind::Format,
            file,
            text,
            offset,
            field,
            message,
        )
    }
}

impl Template {
    /// Reads a template from TOML text; `file` names it in errors.
    ///
    /// # Errors
    /// A [`TemplateError`] naming the file, line and field when the text is not a valid
    /// template.
    pub fn from_toml(file: &str, text: &str) -> Result<Template, TemplateError> {
        // A byte-order mark (as some editors save) is not part of the TOML.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let template: Template =
            toml::from_str(text).map_err(|e| TemplateError::from_toml(file, text, &e))?;
        super::validate::validate(&template, file, text)?;
        Ok(template)
    }

    /// Reads a template from a file the caller names.
    ///
    /// # Errors
    /// [`TemplateErrorKind::Io`] when the file cannot be read, else as [`Template::from_toml`].
    pub fn from_path(path: impl AsRef<std::path::Path>) -> Result<Template, TemplateError> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| TemplateError {
            kind: TemplateErrorKind::Io,
            file: name.clone(),
            line: None,
            column: None,
            field: None,
            message: e.to_string(),
        })?;
        let text = core::str::from_utf8(&bytes).map_err(|e| TemplateError {
            kind: TemplateErrorKind::Format,
            file: name.clone(),
            line: None,
            column: None,
            field: None,
            message: format!(
                "the file is not UTF-8: invalid byte at offset {}",
                e.valid_up_to()
            ),
        })?;
        Template::from_toml(&name, text)
    }

    /// Every built-in template, in a stable order.
    #[must_use]
    pub fn builtins() -> Vec<Template> {
        BUILTIN
            .iter()
            .filter_map(|(file, text)| Template::from_toml(file, text).ok())
            .collect()
    }

    /// The built-in template whose file is `file` (e.g. `"xinjiang_2026.toml"`) or whose name
    /// is `file`.
    #[must_use]
    pub fn builtin(file: &str) -> Option<Template> {
        BUILTIN
            .iter()
            .find(|(f, _)| *f == file)
            .and_then(|(f, text)| Template::from_toml(f, text).ok())
            .or_else(|| Template::builtins().into_iter().find(|t| t.name == file))
    }

    /// The built-in file names.
    pub fn builtin_files() -> impl Iterator<Item = &'static str> {
        BUILTIN.iter().map(|(f, _)| *f)
    }

    /// The seed's template: 新疆 2026, twelve tables in 万元 (`templates/xinjiang_2026.toml`).
    pub fn xinjiang_2026() -> Template {
        Template::builtin("xinjiang_2026.toml").unwrap_or_else(Template::empty)
    }

    /// The Shanghai Putuo template: nine tables in 元, the "三公" table in 万元
    /// (`templates/shanghai_putuo_9.toml`).
    pub fn shanghai_9() -> Template {
        Template::builtin("shanghai_putuo_9.toml").unwrap_or_else(Template::empty)
    }

    /// The Guangdong template: twelve tables in 万元 with thousands separators
    /// (`templates/guangdong_12.toml`).
    pub fn guangdong_12() -> Template {
        Template::builtin("guangdong_12.toml").unwrap_or_else(Template::empty)
    }

    /// The Zhejiang (municipal) template: eleven tables in 万元, 合计 first, tables by unit
    /// (`templates/zhejiang_11.toml`).
    pub fn zhejiang_11() -> Template {
        Template::builtin("zhejiang_11.toml").unwrap_or_else(Template::empty)
    }

    /// The Chongqing template: twelve tables in 万元, each fund type's columns counting its
    /// 上年结转 (`templates/chongqing_12.toml`).
    pub fn chongqing_12() -> Template {
        Template::builtin("chongqing_12.toml").unwrap_or_else(Template::empty)
    }

    /// The Jiangsu template: thirteen tables in 万元, each coded table opening with its 合计
    /// row (`templates/jiangsu_13.toml`).
    pub fn jiangsu_13() -> Template {
        Template::builtin("jiangsu_13.toml").unwrap_or_else(Template::empty)
    }

    /// The central template: 中央部门 nine tables in 万元, the 一般公共预算支出表 with the prior
    /// year's figures and their changes (`templates/central_9.toml`).
    pub fn central_9() -> Template {
        Template::builtin("central_9.toml").unwrap_or_else(Template::empty)
    }

    /// A template without tables (what a broken built-in would give; tests keep them valid).
    fn empty() -> Template {
        Template {
            name: String::new(),
            description: String::new(),
            format: Format {
                unit: Unit::WanYuan,
                decimals: 2,
                thousands: false,
                blank_zero: true,
            },
            tables: Vec::new(),
            narrative: None,
            performance: None,
            target_tables: Vec::new(),
        }
    }
}
