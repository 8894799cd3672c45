//! Funding sources: names, published variants, groupings.

use std::collections::BTreeMap;

use proptest::prelude::*;
use strum::IntoEnumIterator;
use yusuan::funding::{FundingGroup, IncomeLabel};
use yusuan::{Error, FundType, FundingSource};

#[test]
fn display_is_the_chinese_name_and_parses_back() {
    for s in FundingSource::iter() {
        assert_eq!(s.to_string().parse::<FundingSource>().unwrap(), s);
        let json = serde_json::to_string(&s).unwrap();
        assert!(json.is_ascii(), "{json}");
        assert_eq!(json, format!("\"{}\"", s.key()));
        assert_eq!(serde_json::from_str::<FundingSource>(&json).unwrap(), s);
        for alias in s.aliases() {
            assert_eq!(alias.parse::<FundingSource>().unwrap(), s, "{alias}");
        }
    }
    for t in FundType::iter() {
        assert_eq!(FundType::parse(&t.to_string()).unwrap(), t);
    }
    for g in FundingGroup::iter() {
        assert_eq!(FundingGroup::parse(&g.to_string()).unwrap(), g);
    }
    assert_eq!(
        serde_json::to_string(&FundingSource::GeneralBudgetTransfer).unwrap(),
        "\"general_budget_transfer\""
    );
}

#[test]
fn no_spelling_names_two_sources() {
    let mut owner: BTreeMap<String, FundingSource> = BTreeMap::new();
    for s in FundingSource::iter() {
        for name in std::iter::once(s.name()).chain(s.aliases().iter().copied()) {
            let key: String = name.chars().filter(|c| !c.is_whitespace()).collect();
            if let Some(other) = owner.insert(key.clone(), s) {
                assert_eq!(other, s, "{key} names both {other:?} and {s:?}");
            }
        }
    }
}

#[test]
fn seed_table1_and_table2_labels_parse() {
    use FundingSource::*;
    // 表1 部门收支总体情况表, first column, as printed.
    let rows: [(&str, IncomeLabel); 23] = [
        ("一、本年收入", IncomeLabel::CurrentYearTotal),
        (
            "1. 一般公共预算拨款",
            IncomeLabel::FundType(FundType::GeneralPublicBudget),
        ),
        ("其中：一般财力", IncomeLabel::Source(GeneralBudgetOwn)),
        (
            "上级一般公共预算安排转移支付",
            IncomeLabel::Source(GeneralBudgetTransfer),
        ),
        (
            "2. 政府性基金预算拨款",
            IncomeLabel::FundType(FundType::GovernmentFund),
        ),
        (
            "其中：政府性基金收入",
            IncomeLabel::Source(GovernmentFundOwn),
        ),
        (
            "上级政府性基金安排转移支付",
            IncomeLabel::Source(GovernmentFundTransfer),
        ),
        (
            "3. 国有资本经营预算拨款",
            IncomeLabel::FundType(FundType::StateCapital),
        ),
        (
            "其中：国有资本经营收入",
            IncomeLabel::Source(StateCapitalOwn),
        ),
        (
            "上级国有资本经营预算安排转移支付",
            IncomeLabel::Source(StateCapitalTransfer),
        ),
        ("4. 财政专户核拨", IncomeLabel::Source(FiscalSpecialAccount)),
        ("5. 单位资金", IncomeLabel::Group(FundingGroup::UnitFunds)),
        ("其中：事业收入", IncomeLabel::Source(ServiceRevenue)),
        ("上级补助收入", IncomeLabel::Source(SuperiorSubsidy)),
        (
            "附属单位上缴收入",
            IncomeLabel::Source(SubordinateRemittance),
        ),
        ("事业单位经营收入", IncomeLabel::Source(BusinessRevenue)),
        ("其他收入", IncomeLabel::Source(OtherIncome)),
        ("二、上年结转结余", IncomeLabel::CarryOverTotal),
        (
            "1. 财政拨款结转",
            IncomeLabel::Group(FundingGroup::FiscalCarryOver),
        ),
        (
            "其中：一般公共预算拨款",
            IncomeLabel::FundType(FundType::GeneralPublicBudget),
        ),
        (
            "2. 非财政拨款结转结余",
            IncomeLabel::Source(NonFiscalCarryOver),
        ),
        (
            "其中：财政专户核拨",
            IncomeLabel::Source(FiscalSpecialAccount),
        ),
        ("收入总计", IncomeLabel::GrandTotal),
    ];
    for (label, expected) in rows {
        assert_eq!(IncomeLabel::parse(label).unwrap(), expected, "{label}");
    }
    // 表2 部门收入总体情况表 column headers, wrapped as the PDF prints them.
    let columns = [
        (
            "财政拨款 （补助）小计",
            IncomeLabel::Group(FundingGroup::FiscalAppropriation),
        ),
        ("一般公共 预算", IncomeLabel::Source(GeneralBudgetOwn)),
        (
            "上级一般 公共预算 安排的转 移支付",
            IncomeLabel::Source(GeneralBudgetTransfer),
        ),
        ("政府性基 金预算", IncomeLabel::Source(GovernmentFundOwn)),
        (
            "上级政府 性基金安 排的转移 支付",
            IncomeLabel::Source(GovernmentFundTransfer),
        ),
        ("国有资本 经营预算", IncomeLabel::Source(StateCapitalOwn)),
        (
            "财政专户 （教育收 费）",
            IncomeLabel::Source(FiscalSpecialAccount),
        ),
        ("单位资金", IncomeLabel::Group(FundingGroup::UnitFunds)),
        (
            "财政拨款 结转",
            IncomeLabel::Group(FundingGroup::FiscalCarryOver),
        ),
        (
            "非财政拨 款结转结 余",
            IncomeLabel::Source(NonFiscalCarryOver),
        ),
    ];
    for (label, expected) in columns {
        assert_eq!(IncomeLabel::parse(label).unwrap(), expected, "{label}");
    }
}

#[test]
fn regional_template_labels_parse() {
    // First-column labels of the 收支总表/收入总表 in tests/data/disclosures (Shanghai, central,
    // Jiangsu, Zhejiang, Shandong, Shaanxi, Guangdong, Chongqing, Fujian templates).
    let labels = [
        "一、财政拨款收入",
        "本年收入合计",
        "四、其他收入",
        "二、事业收入",
        "三、事业单位经营收入",
        "一、一般公共预算资金",
        "（二）政府性基金预算拨款",
        "（三）国有资本经营预算拨款",
        "（一）一般公共预算拨款",
        "二、政府性基金预算拨款收入",
        "一、一般公共预算拨款收入",
        "1.一般公共预算资金",
        "1、一般公共预算资金",
        "二、上年结转",
        "三、国有资本经营预算拨款收入",
        "四、财政专户管理资金收入",
        "八、附属单位上缴收入",
        "使用非财政拨款结余",
        "七、上级补助收入",
        "二、财政专户管理资金",
        "非财政拨款资金结余",
        "政府性基金预算收入",
        "国有资本经营预算收入",
        "其中：财政拨款资金结转",
        "六、上级补助收入资金",
        "八、事业单位经营收入资金",
        "五、事业收入资金",
        "二、财政专户拨款",
        "三、事业收入（不含教育收费）",
        "一、预算拨款",
        "一、政府性基金拨款",
        "一、一般公共预算收入",
        "6、其他收入",
        "5、附属单位上缴收入",
        "4、事业单位经营收入",
        "3、国有资本经营预算收入",
        "2、政府性基金拨款",
        "收入总计",
        "上年结转结余",
    ];
    for label in labels {
        assert!(IncomeLabel::parse(label).is_ok(), "{label}");
    }
}

#[test]
fn groupings() {
    use FundingSource::*;
    let fiscal: Vec<_> = FundingSource::iter().filter(|s| s.is_fiscal()).collect();
    assert_eq!(fiscal.len(), 9);
    assert!(GeneralBudgetTransfer.is_transfer() && !GeneralBudgetOwn.is_transfer());
    assert_eq!(
        GeneralBudgetCarryOver.fund_type(),
        Some(FundType::GeneralPublicBudget)
    );
    assert!(GeneralBudgetCarryOver.is_carry_over() && NonFiscalCarryOver.is_carry_over());
    assert_eq!(ServiceRevenue.group(), FundingGroup::UnitFunds);
    assert_eq!(ServiceRevenue.fund_type(), None);
    assert_eq!(
        FiscalSpecialAccount.group(),
        FundingGroup::FiscalSpecialAccount
    );
    for t in FundType::iter() {
        assert_eq!(FundingSource::carry_over_of(t).fund_type(), Some(t));
        assert_eq!(
            FundingSource::carry_over_of(t).group(),
            FundingGroup::FiscalCarryOver
        );
    }
    // Every source is in exactly one group, and carry-over groups are not this year's income.
    for s in FundingSource::iter() {
        assert_eq!(s.is_carry_over(), !s.group().is_current_year());
    }
}

#[test]
fn unknown_names_are_quoted() {
    assert_eq!(
        "财政补贴".parse::<FundingSource>().unwrap_err().to_string(),
        r#"unknown funding source (资金来源) "财政补贴""#
    );
    assert!(matches!(
        IncomeLabel::parse("收入"),
        Err(Error::UnknownName { .. })
    ));
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(s in "\\PC*") {
        let _ = FundingSource::parse(&s);
        let _ = FundType::parse(&s);
        let _ = FundingGroup::parse(&s);
        let _ = IncomeLabel::parse(&s);
    }

    #[test]
    fn numbering_and_spacing_do_not_matter(i in 0usize..16, prefix in prop::sample::select(vec!["", "1.", "一、", "（二）", "其中：", " 3、 "])) {
        let s = FundingSource::iter().nth(i % FundingSource::iter().count()).unwrap();
        let spaced: String = s.name().chars().flat_map(|c| [c, ' ']).collect();
        prop_assert_eq!(FundingSource::parse(&format!("{prefix}{spaced}")).unwrap(), s);
    }
}
