//! 明细事实表的列: the columns of the flat facts, their header names and roles.

use core::fmt;

/// 列的作用: whether a column must be in the header, may be left out, or is derived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::Display)]
#[non_exhaustive]
pub enum Role {
    /// 必填列: the header must have it and every row must fill it (a leaf line's key or
    /// amount).
    #[strum(to_string = "required")]
    Required,
    /// 可选列: the header may leave it out; a row fills it when the line needs it (the unit of a
    /// subordinate unit's line, the project of a 项目支出 line, the carry-over item of a 结转
    /// line) or when no side file names the department.
    #[strum(to_string = "optional")]
    Optional,
    /// 派生列: computed from the required columns and the catalogue edition; the header may
    /// leave it out and a row may leave it empty, but a value given must agree.
    #[strum(to_string = "derived")]
    Derived,
}

/// 明细事实表的列: one column of the flat facts, in the order the writer prints them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, strum::EnumIter, strum::EnumCount,
)]
#[non_exhaustive]
pub enum Column {
    /// 预算年度.
    Year,
    /// 部门名称.
    Department,
    /// 单位名称: the subordinate unit; empty for the department itself.
    Unit,
    /// 单位性质 of the unit spending the line (the department's own for an empty `unit`).
    UnitKind,
    /// 功能分类 类 code.
    FunctionalClass,
    /// 功能分类 类 name.
    FunctionalClassName,
    /// 功能分类 款 code.
    FunctionalSection,
    /// 功能分类 款 name.
    FunctionalSectionName,
    /// 功能分类 项 code: the line's functional code.
    FunctionalItem,
    /// 功能分类 项 name.
    FunctionalItemName,
    /// 部门预算支出经济分类 类 code.
    EconomicClass,
    /// 部门预算支出经济分类 类 name.
    EconomicClassName,
    /// 部门预算支出经济分类 款 code: the line's economic code.
    EconomicSection,
    /// 部门预算支出经济分类 款 name.
    EconomicSectionName,
    /// 政府预算支出经济分类 款 code the line maps to (empty where no mapping is known).
    GovEconomic,
    /// 政府预算支出经济分类 款 name.
    GovEconomicName,
    /// 支出类型: 人员经费, 公用经费 or 项目支出.
    Kind,
    /// 项目 key, for 项目支出 lines.
    Project,
    /// 项目名称.
    ProjectName,
    /// 资金来源.
    Source,
    /// 资金来源分组.
    FundingGroup,
    /// 资金性质 (empty for money that is not a finance appropriation).
    FundType,
    /// 上年结转结余项目 key, for lines funded by a carry-over.
    CarryOver,
    /// 金额 in 元, canonical (`1234.50`).
    Amount,
}

impl Column {
    /// The header name (ASCII snake case).
    pub fn header(self) -> &'static str {
        match self {
            Column::Year => "year",
            Column::Department => "department",
            Column::Unit => "unit",
            Column::UnitKind => "unit_kind",
            Column::FunctionalClass => "functional_class",
            Column::FunctionalClassName => "functional_class_name",
            Column::FunctionalSection => "functional_section",
            Column::FunctionalSectionName => "functional_section_name",
            Column::FunctionalItem => "functional_item",
            Column::FunctionalItemName => "functional_item_name",
            Column::EconomicClass => "economic_class",
            Column::EconomicClassName => "economic_class_name",
            Column::EconomicSection => "economic_section",
            Column::EconomicSectionName => "economic_section_name",
            Column::GovEconomic => "gov_economic",
            Column::GovEconomicName => "gov_economic_name",
            Column::Kind => "kind",
            Column::Project => "project",
            Column::ProjectName => "project_name",
            Column::Source => "source",
            Column::FundingGroup => "funding_group",
            Column::FundType => "fund_type",
            Column::CarryOver => "carry_over",
            Column::Amount => "amount",
        }
    }

    /// Whether the column is required, optional or derived.
    pub fn role(self) -> Role {
        match self {
            Column::FunctionalItem
            | Column::EconomicSection
            | Column::Kind
            | Column::Source
            | Column::Amount => Role::Required,
            Column::Year
            | Column::Department
            | Column::Unit
            | Column::UnitKind
            | Column::Project
            | Column::ProjectName
            | Column::CarryOver => Role::Optional,
            Column::FunctionalClass
            | Column::FunctionalClassName
            | Column::FunctionalSection
            | Column::FunctionalSectionName
            | Column::FunctionalItemName
            | Column::EconomicClass
            | Column::EconomicClassName
            | Column::EconomicSectionName
            | Column::GovEconomic
            | Column::GovEconomicName
            | Column::FundingGroup
            | Column::FundType => Role::Derived,
        }
    }

    /// The column a header cell names (exact, ASCII); `None` for an unknown name.
    pub fn from_header(name: &str) -> Option<Column> {
        <Column as strum::IntoEnumIterator>::iter().find(|c| c.header() == name)
    }
}

impl fmt::Display for Column {
    /// The header name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.header())
    }
}
