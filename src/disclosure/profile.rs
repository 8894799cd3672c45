//! 公开口径: which tables a region publishes, in which order, under which titles and headers.

use serde::Serialize;

use crate::amount::Unit;

use super::table::TableKind;

/// One table of a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableSpec {
    /// What the table is.
    pub kind: TableKind,
    /// 表 N.
    pub number: u32,
    /// 标题.
    pub title: &'static str,
}

/// 公开口径: a region's disclosure template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Profile {
    /// The profile's name.
    pub name: &'static str,
    /// The tables, in order.
    pub tables: Vec<TableSpec>,
    /// The unit the tables print in.
    pub unit: Unit,
    /// Whether a zero prints as a blank cell.
    pub blank_zero: bool,
    /// Whether 财政拨款收支总表 includes 上年财政拨款结转.
    pub fiscal_summary_includes_carry_over: bool,
    /// What the narrative prints for growth from a prior-year figure of zero.
    pub growth_from_zero: &'static str,
    /// Whether an unchanged figure is written "增加 0.00 万元，增长 0.00%" (the seed) rather
    /// than "与上年预算持平".
    pub flat_as_increase: bool,
}

impl Profile {
    /// The seed's template: 新疆 2026, twelve tables in 万元.
    pub fn xinjiang_2026() -> Profile {
        use TableKind::*;
        let tables = [
            (IncomeExpenditureSummary, "部门收支总体情况表"),
            (IncomeSummary, "部门收入总体情况表"),
            (ExpenditureSummary, "部门支出总体情况表"),
            (FiscalSummary, "财政拨款收支预算总体情况表"),
            (GeneralBudgetExpenditure, "一般公共预算支出情况表"),
            (GeneralBudgetBasic, "一般公共预算基本支出情况表"),
            (GeneralBudgetProjects, "一般公共预算项目支出情况表"),
            (GovernmentFundExpenditure, "政府性基金预算支出情况表"),
            (StateCapitalExpenditure, "国有资本经营预算支出情况表"),
            (ThreePublic, "财政拨款“三公”经费支出情况表"),
            (EntrustedBusiness, "财政拨款委托业务费支出情况表"),
            (CarryOver, "上年结转结余情况表"),
        ];
        Profile {
            name: "新疆 2026 (12 tables)",
            tables: tables
                .iter()
                .enumerate()
                .map(|(i, (kind, title))| TableSpec {
                    kind: *kind,
                    number: i as u32 + 1,
                    title,
                })
                .collect(),
            unit: Unit::WanYuan,
            blank_zero: true,
            fiscal_summary_includes_carry_over: false,
            growth_from_zero: "100.00%",
            flat_as_increase: true,
        }
    }

    /// The header rows of a table in this profile's layout.
    pub fn header(&self, kind: TableKind) -> Vec<Vec<String>> {
        xinjiang_header(kind)
            .iter()
            .map(|row| row.iter().map(|c| c.to_string()).collect())
            .collect()
    }
}

/// The header rows of the 新疆 2026 layout, as printed (merged cells once, covered cells empty).
fn xinjiang_header(kind: TableKind) -> &'static [&'static [&'static str]] {
    match kind {
        TableKind::IncomeExpenditureSummary => &[
            &["收入", "", "支出", ""],
            &["项目", "预算数", "科目名称", "预算数"],
        ],
        TableKind::IncomeSummary => &[
            &[
                "科目代码",
                "",
                "",
                "科目名称",
                "总计",
                "财政拨款（补助）",
                "",
                "",
                "",
                "",
                "",
                "财政专户（教育收费）",
                "单位资金",
                "财政拨款结转",
                "非财政拨款结转结余",
            ],
            &[
                "类",
                "款",
                "项",
                "",
                "",
                "财政拨款（补助）小计",
                "一般公共预算",
                "上级一般公共预算安排的转移支付",
                "政府性基金预算",
                "上级政府性基金安排的转移支付",
                "国有资本经营预算",
                "",
                "",
                "",
                "",
            ],
        ],
        TableKind::ExpenditureSummary => &[
            &["科目", "", "", "支出预算", "", "", ""],
            &[
                "科目代码",
                "",
                "",
                "科目名称",
                "合计",
                "基本支出",
                "项目支出",
            ],
            &["类", "款", "项", "", "", "", ""],
        ],
        TableKind::FiscalSummary => &[
            &["财政拨款收入", "", "财政拨款支出", "", "", "", ""],
            &[
                "项目",
                "合计",
                "科目名称",
                "合计",
                "一般公共预算",
                "政府性基金预算",
                "国有资本经营预算",
            ],
        ],
        TableKind::GeneralBudgetExpenditure => &[
            &["科目", "", "", "一般公共预算支出", "", "", ""],
            &[
                "科目代码",
                "",
                "",
                "科目名称",
                "合计",
                "基本支出",
                "项目支出",
            ],
            &["类", "款", "项", "", "", "", ""],
        ],
        TableKind::GeneralBudgetBasic => &[
            &["科目", "", "一般公共预算基本支出", "", "", ""],
            &["科目代码", "", "科目名称", "合计", "人员经费", "公用经费"],
            &["类", "款", "", "", "", ""],
        ],
        TableKind::GeneralBudgetProjects => &[
            &[
                "科目代码",
                "",
                "",
                "科目名称",
                "项目名称",
                "项目支出合计",
                "工资福利支出",
                "商品和服务支出",
                "对个人和家庭的补助",
                "债务利息及费用支出",
                "资本性支出（基本建设）",
                "资本性支出",
                "对企业补助（基本建设）",
                "对企业补助",
                "对社会保障基金补助",
                "其他支出",
                "",
            ],
            &[
                "类", "款", "项", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
            ],
        ],
        TableKind::GovernmentFundExpenditure => &[
            &["科目", "", "", "政府性基金预算支出", "", "", "", ""],
            &[
                "科目代码",
                "",
                "",
                "科目名称",
                "合计",
                "基本支出",
                "",
                "项目支出",
            ],
            &["类", "款", "项", "", "", "人员经费", "公用经费", ""],
        ],
        TableKind::StateCapitalExpenditure => &[
            &["科目", "", "", "国有资本经营预算支出", "", "", "", ""],
            &[
                "科目代码",
                "",
                "",
                "科目名称",
                "合计",
                "基本支出",
                "",
                "项目支出",
            ],
            &["类", "款", "项", "", "", "人员经费", "公用经费", ""],
        ],
        TableKind::ThreePublic => &[
            &["“三公”经费支出内容", "合计", "资金来源", "", ""],
            &["", "", "一般公共预算", "政府性基金", "国有资本经营预算"],
        ],
        TableKind::EntrustedBusiness => &[
            &["项目名称", "合计", "资金来源", "", ""],
            &["", "", "一般公共预算", "政府性基金", "国有资本经营预算"],
        ],
        TableKind::CarryOver => &[
            &[
                "项目",
                "合计",
                "财政拨款",
                "",
                "",
                "",
                "非财政拨款",
                "",
                "",
                "",
            ],
            &[
                "",
                "",
                "小计",
                "基本支出",
                "",
                "项目支出",
                "小计",
                "基本支出",
                "",
                "项目支出",
            ],
            &[
                "",
                "",
                "",
                "人员经费",
                "公用经费",
                "",
                "",
                "人员经费",
                "公用经费",
                "",
            ],
        ],
    }
}
