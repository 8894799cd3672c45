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
    /// The unit this table prints in (Shanghai prints its "三公" table in 万元, the rest in 元).
    pub unit: Unit,
    /// Whether a zero prints as a blank cell in this table.
    pub blank_zero: bool,
}

/// 版式: the family of layouts a profile's tables follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Layout {
    /// 新疆 2026: twelve tables, every 类 listed in the summary tables, totals labelled 总计.
    Xinjiang2026,
    /// 上海 (普陀): nine tables in 元, summary tables list the 类 with money as 一、二、…, totals
    /// labelled 合计 in the first column, amounts with thousands separators.
    Shanghai,
}

/// 公开口径: a region's disclosure template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Profile {
    /// The profile's name.
    pub name: &'static str,
    /// The layout family.
    pub layout: Layout,
    /// The tables, in order.
    pub tables: Vec<TableSpec>,
    /// Whether amounts print with thousands separators.
    pub thousands: bool,
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
                    unit: Unit::WanYuan,
                    blank_zero: true,
                })
                .collect(),
            layout: Layout::Xinjiang2026,
            thousands: false,
            fiscal_summary_includes_carry_over: false,
            growth_from_zero: "100.00%",
            flat_as_increase: true,
        }
    }

    /// The Shanghai (普陀) template: nine tables in 元, the "三公"经费和机关运行经费预算表 in
    /// 万元 (see `tests/data/disclosures/11_shanghai_putuo_finance_2025_dept.txt`).
    pub fn shanghai_9() -> Profile {
        use TableKind::*;
        let tables = [
            (
                IncomeExpenditureSummary,
                "部门财务收支预算总表",
                Unit::Yuan,
                true,
            ),
            (IncomeSummary, "部门收入预算总表", Unit::Yuan, true),
            (ExpenditureSummary, "部门支出预算总表", Unit::Yuan, true),
            (FiscalSummary, "部门财政拨款收支预算总表", Unit::Yuan, true),
            (
                GeneralBudgetExpenditure,
                "部门一般公共预算支出功能分类预算表",
                Unit::Yuan,
                true,
            ),
            (
                GovernmentFundExpenditure,
                "部门政府性基金预算支出功能分类预算表",
                Unit::Yuan,
                true,
            ),
            (
                StateCapitalExpenditure,
                "部门国有资本经营预算支出功能分类预算表",
                Unit::Yuan,
                true,
            ),
            (
                GeneralBudgetBasic,
                "部门一般公共预算基本支出部门预算经济分类预算表",
                Unit::Yuan,
                false,
            ),
            (
                ThreePublicAndOrganRunning,
                "部门“三公”经费和机关运行经费预算表",
                Unit::WanYuan,
                true,
            ),
        ];
        Profile {
            name: "上海 (9 tables)",
            layout: Layout::Shanghai,
            tables: tables
                .iter()
                .enumerate()
                .map(|(i, (kind, title, unit, blank_zero))| TableSpec {
                    kind: *kind,
                    number: i as u32 + 1,
                    title,
                    unit: *unit,
                    blank_zero: *blank_zero,
                })
                .collect(),
            thousands: true,
            fiscal_summary_includes_carry_over: false,
            growth_from_zero: "100.00%",
            flat_as_increase: false,
        }
    }

    /// The header rows of a table in this profile's layout.
    pub fn header(&self, kind: TableKind) -> Vec<Vec<String>> {
        let rows: Vec<Vec<&str>> = match self.layout {
            Layout::Xinjiang2026 => xinjiang_header(kind).iter().map(|r| r.to_vec()).collect(),
            Layout::Shanghai => shanghai_header(kind),
        };
        rows.iter()
            .map(|row| row.iter().map(|c| c.to_string()).collect())
            .collect()
    }
}

/// The header rows of the Shanghai layout.
fn shanghai_header(kind: TableKind) -> Vec<Vec<&'static str>> {
    // The five functional tables share one shape; only the money heading differs.
    let functional = |money: &'static str, columns: &[&'static str]| {
        let pad = |row: Vec<&'static str>| {
            let mut row = row;
            row.resize(4 + columns.len(), "");
            row
        };
        let mut second = vec!["功能分类科目编码", "", "", "功能分类科目名称"];
        second.extend_from_slice(columns);
        vec![
            pad(vec!["项目", "", "", "", money]),
            second,
            pad(vec!["类", "款", "项"]),
        ]
    };
    const SPENDING: &[&str] = &["合计", "基本支出", "项目支出"];
    match kind {
        TableKind::IncomeExpenditureSummary => vec![
            vec!["本年收入", "", "本年支出", ""],
            vec!["项目", "预算数", "项目", "预算数"],
        ],
        TableKind::IncomeSummary => functional(
            "收入预算",
            &[
                "合计",
                "财政拨款收入",
                "事业收入",
                "事业单位经营收入",
                "其他收入",
            ],
        ),
        TableKind::FiscalSummary => vec![
            vec!["财政拨款收入", "", "财政拨款支出", "", "", "", ""],
            vec![
                "项目",
                "预算数",
                "项目",
                "合计",
                "一般公共预算",
                "政府性基金预算",
                "国有资本经营预算",
            ],
        ],
        TableKind::GeneralBudgetExpenditure => functional("一般公共预算支出", SPENDING),
        TableKind::GovernmentFundExpenditure => functional("政府性基金预算支出", SPENDING),
        TableKind::StateCapitalExpenditure => functional("国有资本经营预算支出", SPENDING),
        TableKind::GeneralBudgetBasic => vec![
            vec!["项目", "", "", "一般公共预算基本支出", "", ""],
            vec![
                "部门预算经济分类科目编码",
                "",
                "经济分类科目名称",
                "合计",
                "人员经费",
                "公用经费",
            ],
            vec!["类", "款", "", "", "", ""],
        ],
        TableKind::ThreePublicAndOrganRunning => vec![
            vec!["“三公”经费预算数", "", "", "", "", "", "机关运行经费预算数"],
            vec![
                "合计",
                "因公出国(境)费",
                "公务接待费",
                "公务用车购置及运行费",
                "",
                "",
                "",
            ],
            vec!["", "", "", "小计", "购置费", "运行费", ""],
        ],
        _ => functional("支出预算", SPENDING),
    }
}

/// The header rows of the 新疆 2026 layout, as printed (merged cells once, covered cells empty).
fn xinjiang_header(kind: TableKind) -> &'static [&'static [&'static str]] {
    match kind {
        TableKind::ThreePublicAndOrganRunning => &[],
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
