//! 资金来源: where a department's money comes from.
//!
//! One vocabulary for every income column of the disclosure tables: the seed's 部门收支总表 and
//! 部门收入总表, and the regional templates (Shanghai, central, Jiangsu, Zhejiang, Shaanxi …).
//! [`FundingSource`] is the leaf a budget line is funded by; [`FundType`] (资金性质) and
//! [`FundingGroup`] are the groupings the tables total by.
//!
//! `Display` prints the Chinese name; `FromStr` reads it back, along with the variants printed in
//! published tables (`一般财力`, `财政专户核拨`, `上级一般公共预算安排转移支付` …), ignoring
//! whitespace, full-width/half-width parentheses, leading numbering (`1.`, `一、`, `（一）`) and a
//! leading `其中：`. Serde uses the stable ASCII names (`general_budget_own`).
//!
//! ```
//! use yusuan::funding::{FundingGroup, FundingSource, FundType};
//! let s: FundingSource = "其中：一般财力".parse()?;
//! assert_eq!(s, FundingSource::GeneralBudgetOwn);
//! assert_eq!(s.to_string(), "一般公共预算（本级）");
//! assert_eq!(s.fund_type(), Some(FundType::GeneralPublicBudget));
//! assert!(s.is_fiscal());
//! let carry: FundingSource = "财政拨款结转（一般公共预算）".parse()?;
//! assert_eq!(carry.group(), FundingGroup::FiscalCarryOver);
//! # Ok::<(), yusuan::Error>(())
//! ```

use core::fmt;
use core::str::FromStr;

use serde::{Deserialize, Serialize};
use strum::IntoEnumIterator;

use crate::error::{Error, Result};

/// 资金性质: the three budgets that finance appropriations (财政拨款) come from.
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
    strum::IntoStaticStr,
    Serialize,
    Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FundType {
    /// 一般公共预算: the general public budget.
    #[strum(to_string = "一般公共预算")]
    GeneralPublicBudget,
    /// 政府性基金预算: the government-managed funds budget.
    #[strum(to_string = "政府性基金预算")]
    GovernmentFund,
    /// 国有资本经营预算: the state capital operations budget.
    #[strum(to_string = "国有资本经营预算")]
    StateCapital,
}

impl FundType {
    /// Reads a fund type from its name or the group labels printed in tables
    /// (`一般公共预算拨款`, `政府性基金预算拨款收入`, `国有资本经营预算资金` …).
    ///
    /// # Errors
    /// [`Error::UnknownName`] quoting the input.
    pub fn parse(text: &str) -> Result<FundType> {
        let key = normalize_name(text);
        FundType::iter()
            .find(|t| {
                let name = t.to_string();
                let stem = name.strip_suffix("预算").unwrap_or(&name);
                [
                    name.clone(),
                    format!("{name}拨款"),
                    format!("{name}拨款收入"),
                    format!("{name}收入"),
                    format!("{stem}收入"),
                    format!("{name}资金"),
                    format!("{stem}拨款"),
                ]
                .iter()
                .any(|v| normalize_name(v) == key)
            })
            .or_else(|| by_json_key(text.trim()))
            .ok_or_else(|| Error::UnknownName {
                vocabulary: "fund type (资金性质)",
                input: text.to_string(),
            })
    }
}

impl FromStr for FundType {
    type Err = Error;
    fn from_str(s: &str) -> Result<FundType> {
        FundType::parse(s)
    }
}

/// 资金来源分组: the groups the income tables total by.
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
    strum::IntoStaticStr,
    Serialize,
    Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FundingGroup {
    /// 财政拨款（补助）: this year's appropriations from the three budgets.
    #[strum(to_string = "财政拨款（补助）")]
    FiscalAppropriation,
    /// 财政专户管理资金: money in the finance bureau's special account (e.g. 教育收费).
    #[strum(to_string = "财政专户管理资金")]
    FiscalSpecialAccount,
    /// 单位资金: the unit's own income.
    #[strum(to_string = "单位资金")]
    UnitFunds,
    /// 财政拨款结转: unspent appropriations carried over from last year.
    #[strum(to_string = "财政拨款结转")]
    FiscalCarryOver,
    /// 非财政拨款结转结余: other money carried over from last year.
    #[strum(to_string = "非财政拨款结转结余")]
    NonFiscalCarryOver,
}

impl FundingGroup {
    /// Reads a group from its name or the subtotal labels printed in income tables
    /// (`财政拨款收入`, `财政拨款（补助）小计`, `其中：财政拨款资金结转` …).
    ///
    /// # Errors
    /// [`Error::UnknownName`] quoting the input.
    pub fn parse(text: &str) -> Result<FundingGroup> {
        let key = normalize_name(text);
        let aliases: &[(&str, FundingGroup)] = &[
            ("财政拨款（补助）", FundingGroup::FiscalAppropriation),
            ("财政拨款（补助）小计", FundingGroup::FiscalAppropriation),
            ("财政拨款", FundingGroup::FiscalAppropriation),
            ("财政拨款收入", FundingGroup::FiscalAppropriation),
            ("财政拨款小计", FundingGroup::FiscalAppropriation),
            ("预算拨款", FundingGroup::FiscalAppropriation),
            ("财政专户管理资金", FundingGroup::FiscalSpecialAccount),
            ("单位资金", FundingGroup::UnitFunds),
            ("财政拨款结转", FundingGroup::FiscalCarryOver),
            ("财政拨款资金结转", FundingGroup::FiscalCarryOver),
            ("财政拨款结转结余", FundingGroup::FiscalCarryOver),
            ("非财政拨款结转结余", FundingGroup::NonFiscalCarryOver),
        ];
        aliases
            .iter()
            .find(|(a, _)| normalize_name(a) == key)
            .map(|&(_, g)| g)
            .or_else(|| by_json_key(text.trim()))
            .ok_or_else(|| Error::UnknownName {
                vocabulary: "funding group (资金来源分组)",
                input: text.to_string(),
            })
    }

    /// Whether the group is 本年收入 (this year's income) rather than 上年结转结余.
    #[must_use]
    pub fn is_current_year(self) -> bool {
        !matches!(
            self,
            FundingGroup::FiscalCarryOver | FundingGroup::NonFiscalCarryOver
        )
    }
}

impl FromStr for FundingGroup {
    type Err = Error;
    /// Reads a group from its name, a printed subtotal label or its JSON key.
    fn from_str(s: &str) -> Result<FundingGroup> {
        FundingGroup::parse(s)
    }
}

/// Declares the funding sources once: variant, serde name, Chinese name, accepted variants.
macro_rules! funding_sources {
    ($( $(#[$doc:meta])* $variant:ident => $zh:literal $(, $alias:literal)* ;)*) => {
        /// 资金来源: the source a budget line is funded by.
        ///
        /// Each variant's `Display` is its Chinese name (see the table in the [module
        /// docs](self)); [`FundingSource::iter`](strum::IntoEnumIterator::iter) lists them in the
        /// order the seed's 部门收支总表 prints them.
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            strum::EnumIter, strum::EnumCount, Serialize, Deserialize,
        )]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum FundingSource {
            $( $(#[$doc])* $variant, )*
        }

        impl FundingSource {
            /// The Chinese name, as `Display` prints it.
            pub fn name(self) -> &'static str {
                match self { $( FundingSource::$variant => $zh, )* }
            }

            /// The other spellings published tables use for this source (normalised form).
            pub fn aliases(self) -> &'static [&'static str] {
                match self { $( FundingSource::$variant => &[$($alias),*], )* }
            }
        }
    };
}

funding_sources! {
    /// 一般公共预算（本级）: the general public budget's own money (一般财力).
    GeneralBudgetOwn => "一般公共预算（本级）", "一般公共预算", "一般财力", "一般公共预算本级", "本级一般公共预算";
    /// 上级一般公共预算安排的转移支付: general-budget transfers from the level above.
    GeneralBudgetTransfer => "上级一般公共预算安排的转移支付", "上级一般公共预算安排转移支付",
        "上级一般公共预算安排的转移支付资金", "上级一般公共预算转移支付", "上级转移支付";
    /// 政府性基金预算（本级）: the government-fund budget's own money.
    GovernmentFundOwn => "政府性基金预算（本级）", "政府性基金预算", "政府性基金收入",
        "政府性基金";
    /// 上级政府性基金安排的转移支付: government-fund transfers from the level above.
    GovernmentFundTransfer => "上级政府性基金安排的转移支付", "上级政府性基金安排转移支付",
        "上级政府性基金安排的转移支付资金", "上级政府性基金预算安排的转移支付";
    /// 国有资本经营预算（本级）: the state-capital budget's own money.
    StateCapitalOwn => "国有资本经营预算（本级）", "国有资本经营预算", "国有资本经营收入";
    /// 上级国有资本经营预算安排的转移支付: state-capital transfers from the level above.
    StateCapitalTransfer => "上级国有资本经营预算安排的转移支付",
        "上级国有资本经营预算安排转移支付", "上级国有资本经营预算安排的转移支付资金";
    /// 财政专户管理资金: money managed in the finance bureau's special account.
    FiscalSpecialAccount => "财政专户管理资金", "财政专户核拨", "财政专户管理资金收入",
        "财政专户（教育收费）", "财政专户资金", "财政专户拨款";
    /// 事业收入: income of a public institution from its services.
    ServiceRevenue => "事业收入", "事业收入资金", "事业收入（不含教育收费）";
    /// 事业单位经营收入: business income of a public institution.
    BusinessRevenue => "事业单位经营收入", "事业单位经营收入资金";
    /// 上级补助收入: subsidies from a superior unit (not a finance appropriation).
    SuperiorSubsidy => "上级补助收入", "上级补助收入资金";
    /// 附属单位上缴收入: remittances from subordinate units.
    SubordinateRemittance => "附属单位上缴收入", "附属单位上缴收入资金";
    /// 其他收入: other income of the unit.
    OtherIncome => "其他收入", "其他收入资金";
    /// 财政拨款结转（一般公共预算）: general-budget appropriations carried over from last year.
    GeneralBudgetCarryOver => "财政拨款结转（一般公共预算）", "一般公共预算拨款结转",
        "一般公共预算结转", "财政拨款结转一般公共预算拨款";
    /// 财政拨款结转（政府性基金预算）: government-fund appropriations carried over.
    GovernmentFundCarryOver => "财政拨款结转（政府性基金预算）", "政府性基金预算拨款结转",
        "政府性基金预算结转", "财政拨款结转政府性基金预算拨款";
    /// 财政拨款结转（国有资本经营预算）: state-capital appropriations carried over.
    StateCapitalCarryOver => "财政拨款结转（国有资本经营预算）", "国有资本经营预算拨款结转",
        "国有资本经营预算结转", "财政拨款结转国有资本经营预算拨款";
    /// 非财政拨款结转结余: money other than appropriations carried over (使用非财政拨款结余).
    NonFiscalCarryOver => "非财政拨款结转结余", "非财政拨款结转", "非财政拨款结余",
        "使用非财政拨款结余", "使用非财政拨款结转结余", "非财政拨款资金结余";
}

impl FundingSource {
    /// The budget (资金性质) a 财政拨款 source or carry-over belongs to; `None` for money that is
    /// not a finance appropriation.
    #[must_use]
    pub fn fund_type(self) -> Option<FundType> {
        use FundingSource::*;
        match self {
            GeneralBudgetOwn | GeneralBudgetTransfer | GeneralBudgetCarryOver => {
                Some(FundType::GeneralPublicBudget)
            }
            GovernmentFundOwn | GovernmentFundTransfer | GovernmentFundCarryOver => {
                Some(FundType::GovernmentFund)
            }
            StateCapitalOwn | StateCapitalTransfer | StateCapitalCarryOver => {
                Some(FundType::StateCapital)
            }
            FiscalSpecialAccount
            | ServiceRevenue
            | BusinessRevenue
            | SuperiorSubsidy
            | SubordinateRemittance
            | OtherIncome
            | NonFiscalCarryOver => None,
        }
    }

    /// The stable ASCII name, the same as its serde form (`general_budget_own`).
    #[must_use]
    pub fn key(self) -> &'static str {
        use FundingSource::*;
        match self {
            GeneralBudgetOwn => "general_budget_own",
            GeneralBudgetTransfer => "general_budget_transfer",
            GovernmentFundOwn => "government_fund_own",
            GovernmentFundTransfer => "government_fund_transfer",
            StateCapitalOwn => "state_capital_own",
            StateCapitalTransfer => "state_capital_transfer",
            FiscalSpecialAccount => "fiscal_special_account",
            ServiceRevenue => "service_revenue",
            BusinessRevenue => "business_revenue",
            SuperiorSubsidy => "superior_subsidy",
            SubordinateRemittance => "subordinate_remittance",
            OtherIncome => "other_income",
            GeneralBudgetCarryOver => "general_budget_carry_over",
            GovernmentFundCarryOver => "government_fund_carry_over",
            StateCapitalCarryOver => "state_capital_carry_over",
            NonFiscalCarryOver => "non_fiscal_carry_over",
        }
    }

    /// The group the income tables total this source under.
    #[must_use]
    pub fn group(self) -> FundingGroup {
        use FundingSource::*;
        match self {
            GeneralBudgetOwn
            | GeneralBudgetTransfer
            | GovernmentFundOwn
            | GovernmentFundTransfer
            | StateCapitalOwn
            | StateCapitalTransfer => FundingGroup::FiscalAppropriation,
            FiscalSpecialAccount => FundingGroup::FiscalSpecialAccount,
            ServiceRevenue
            | BusinessRevenue
            | SuperiorSubsidy
            | SubordinateRemittance
            | OtherIncome => FundingGroup::UnitFunds,
            GeneralBudgetCarryOver | GovernmentFundCarryOver | StateCapitalCarryOver => {
                FundingGroup::FiscalCarryOver
            }
            NonFiscalCarryOver => FundingGroup::NonFiscalCarryOver,
        }
    }

    /// Whether this is 财政拨款 money (this year's appropriation or its carry-over): what
    /// 财政拨款收支总表, "三公"经费 and 委托业务费 tables count.
    #[must_use]
    pub fn is_fiscal(self) -> bool {
        self.fund_type().is_some()
    }

    /// Whether this is a transfer from the level above (上级……安排的转移支付).
    #[must_use]
    pub fn is_transfer(self) -> bool {
        matches!(
            self,
            FundingSource::GeneralBudgetTransfer
                | FundingSource::GovernmentFundTransfer
                | FundingSource::StateCapitalTransfer
        )
    }

    /// Whether this is 上年结转结余 money rather than this year's income.
    #[must_use]
    pub fn is_carry_over(self) -> bool {
        !self.group().is_current_year()
    }

    /// The 财政拨款结转 source of a fund type.
    #[must_use]
    pub fn carry_over_of(fund: FundType) -> FundingSource {
        match fund {
            FundType::GeneralPublicBudget => FundingSource::GeneralBudgetCarryOver,
            FundType::GovernmentFund => FundingSource::GovernmentFundCarryOver,
            FundType::StateCapital => FundingSource::StateCapitalCarryOver,
        }
    }

    /// Reads a source from its Chinese name or a published variant (see the module docs).
    ///
    /// # Errors
    /// [`Error::UnknownName`] quoting the input.
    pub fn parse(text: &str) -> Result<FundingSource> {
        let key = normalize_name(text);
        FundingSource::iter()
            .find(|s| {
                normalize_name(s.name()) == key
                    || s.aliases().iter().any(|a| normalize_name(a) == key)
            })
            .or_else(|| by_json_key(text.trim()))
            .ok_or_else(|| Error::UnknownName {
                vocabulary: "funding source (资金来源)",
                input: text.to_string(),
            })
    }
}

impl fmt::Display for FundingSource {
    /// The Chinese name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for FundingSource {
    type Err = Error;
    fn from_str(s: &str) -> Result<FundingSource> {
        FundingSource::parse(s)
    }
}

/// 收入项目: what a row or column label of an income table stands for.
///
/// A label is a leaf source, a fund-type subtotal (`一般公共预算拨款` = 本级 + 上级转移支付), a
/// group subtotal, or one of the totals. [`IncomeLabel::parse`] tries them in that order, so the
/// most specific reading wins.
///
/// ```
/// use yusuan::funding::{FundingGroup, FundingSource, FundType, IncomeLabel};
/// assert_eq!(IncomeLabel::parse("五、事业收入资金")?, IncomeLabel::Source(FundingSource::ServiceRevenue));
/// assert_eq!(IncomeLabel::parse("（一）一般公共预算拨款")?, IncomeLabel::FundType(FundType::GeneralPublicBudget));
/// assert_eq!(IncomeLabel::parse("一、财政拨款收入")?, IncomeLabel::Group(FundingGroup::FiscalAppropriation));
/// assert_eq!(IncomeLabel::parse("收入总计")?, IncomeLabel::GrandTotal);
/// # Ok::<(), yusuan::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IncomeLabel {
    /// A leaf funding source.
    Source(FundingSource),
    /// All 财政拨款 money of one budget (本级 + 上级转移支付).
    FundType(FundType),
    /// A group subtotal.
    Group(FundingGroup),
    /// 本年收入（合计）: this year's income.
    CurrentYearTotal,
    /// 上年结转（结余）: everything carried over.
    CarryOverTotal,
    /// 收入总计: the grand total.
    GrandTotal,
}

impl IncomeLabel {
    /// Reads an income-table label (see the type docs for the order of readings).
    ///
    /// # Errors
    /// [`Error::UnknownName`] quoting the input when no reading fits.
    pub fn parse(text: &str) -> Result<IncomeLabel> {
        if let Ok(s) = FundingSource::parse(text) {
            return Ok(IncomeLabel::Source(s));
        }
        if let Ok(t) = FundType::parse(text) {
            return Ok(IncomeLabel::FundType(t));
        }
        if let Ok(g) = FundingGroup::parse(text) {
            return Ok(IncomeLabel::Group(g));
        }
        match normalize_name(text).as_str() {
            "本年收入" | "本年收入合计" => Ok(IncomeLabel::CurrentYearTotal),
            "上年结转结余" | "上年结转" => Ok(IncomeLabel::CarryOverTotal),
            "收入总计" => Ok(IncomeLabel::GrandTotal),
            _ => Err(Error::UnknownName {
                vocabulary: "income label (收入项目)",
                input: text.to_string(),
            }),
        }
    }
}

/// Normalises a printed label: drops whitespace, a leading `其中：`/`其中:`, leading numbering
/// (`1.`, `1、`, `一、`, `（一）`, `(1)`), and turns half-width parentheses and colon into
/// full-width ones.
/// The variant whose JSON key (what serde writes, e.g. `general_budget_own`) is `key`.
fn by_json_key<T: IntoEnumIterator + Serialize>(key: &str) -> Option<T> {
    T::iter().find(|v| crate::vocabulary::json_key(v).is_some_and(|k| k == key))
}

pub(crate) fn normalize_name(text: &str) -> String {
    let mut s: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            ':' => '：',
            other => other,
        })
        .collect();
    loop {
        let before = s.len();
        if let Some(rest) = s.strip_prefix("其中：") {
            s = rest.to_string();
        }
        s = strip_numbering(&s).to_string();
        if s.len() == before {
            return s;
        }
    }
}

fn strip_numbering(s: &str) -> &str {
    const NUMERALS: &str = "0123456789一二三四五六七八九十";
    // （一） or （1）
    if let Some(rest) = s.strip_prefix('（') {
        if let Some(end) = rest.find('）') {
            let inner = rest.get(..end).unwrap_or("");
            if !inner.is_empty() && inner.chars().all(|c| NUMERALS.contains(c)) {
                return rest.get(end + '）'.len_utf8()..).unwrap_or("");
            }
        }
        return s;
    }
    // 1. / 1、 / 一、 / 1．
    let digits_end = s
        .char_indices()
        .find(|(_, c)| !NUMERALS.contains(*c))
        .map_or(s.len(), |(i, _)| i);
    if digits_end == 0 {
        return s;
    }
    let rest = s.get(digits_end..).unwrap_or("");
    for sep in ['.', '、', '．'] {
        if let Some(r) = rest.strip_prefix(sep) {
            return r;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_is_stripped() {
        assert_eq!(normalize_name("1. 一般公共预算拨款"), "一般公共预算拨款");
        assert_eq!(normalize_name("（一）其中: 事业收入"), "事业收入");
        assert_eq!(normalize_name("二、上年结转结余"), "上年结转结余");
    }
}
