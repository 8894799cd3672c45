//! Performance targets: the seed's six tables cell by cell, the invariants, lints and scoring.

use proptest::prelude::*;
use rust_decimal::Decimal;
use yusuan::Unit;
use yusuan::amount::Amount;
use yusuan::budget::{DepartmentBudget, DepartmentBudgetBuilder, Location, Rule};
use yusuan::performance::{
    Actual, BenefitKind, Category, Comparator, Grade, Indicator, LintKind, OutputKind,
    PerformanceTargets, Printed, PriorValue, SatisfactionKind, ScoringRule, TargetValue,
    WeightProfile,
};

mod common;

use common::{SEED_TEXT, squeeze, tab_rows as rows};
const SEED_JSON: &str = include_str!("../examples/data/alashankou_2026.json");

fn budget() -> DepartmentBudget {
    serde_json::from_str(SEED_JSON).unwrap()
}

fn seed() -> DepartmentBudgetBuilder {
    serde_json::from_str(SEED_JSON).unwrap()
}

fn targets(b: &mut DepartmentBudgetBuilder) -> &mut PerformanceTargets {
    b.performance_mut().as_mut().unwrap()
}

fn wan(a: Amount) -> String {
    a.display_in(Unit::WanYuan).to_string()
}

/// What a parsed value prints as, compared with the printed text without spaces (a value printed
/// without a sign is ＝).
fn canonical_matches(printed: &str, value: &TargetValue) -> bool {
    let canonical = value.to_string();
    let printed = squeeze(printed);
    squeeze(&canonical) == printed || canonical.strip_prefix('＝') == Some(printed.as_str())
}

#[test]
fn department_target_table_cell_by_cell() {
    let b = budget();
    let d = b.performance().unwrap().department.as_ref().unwrap();
    let start = SEED_TEXT.find("## 部门整体绩效目标表").unwrap();
    let end = SEED_TEXT.find("## 项目支出绩效目标表").unwrap();
    let r = rows(&SEED_TEXT[start..end]);
    assert_eq!(r[0][2], d.department);
    assert_eq!(r[0][2], b.department().name);
    assert_eq!(
        (r[1][2].as_str(), r[1][4].as_str()),
        (d.contact.as_str(), d.phone.as_str())
    );
    assert_eq!(r[2][2], d.goals);
    // The budget cells, computed from the budget's lines: 上级安排 = transfers + 财政拨款结转,
    // 本级安排 = 本级 money, 合计 = the department total.
    let higher = b
        .sum_where(|l| l.source().is_fiscal())
        .checked_sub(d.fiscal_own)
        .unwrap();
    assert_eq!(r[4][4], wan(higher));
    assert_eq!(r[4][4], wan(d.fiscal_higher));
    assert_eq!(
        r[5][4],
        wan(b.source_total(yusuan::FundingSource::GeneralBudgetOwn))
    );
    assert_eq!(r[6][4], "0");
    assert!(d.other.is_zero());
    assert_eq!(r[7][4], wan(b.total()));
    let indicator_rows = &r[9..];
    assert_eq!(indicator_rows.len(), d.indicators.len());
    for (row, ind) in indicator_rows.iter().zip(&d.indicators) {
        let (first, second) = ind.printed_levels.clone().unwrap();
        assert_eq!((&row[0], &row[1]), (&first, &second));
        assert_eq!(
            ind.category,
            Category::DutyPerformance(OutputKind::Quantity)
        );
        assert_eq!(row[2], ind.name);
        assert_eq!(row[3], ind.target.printed());
        assert!(canonical_matches(&row[3], ind.target.value()), "{}", row[3]);
        assert_eq!(row[4], ind.basis);
        assert_eq!(row[5], ind.weight.to_string());
    }
    let sum: Decimal = d.indicators.iter().map(|i| i.weight).sum();
    assert_eq!(sum, Decimal::from(90));
}

#[test]
fn project_target_tables_cell_by_cell() {
    let b = budget();
    let p = b.performance().unwrap();
    let start = SEED_TEXT.find("## 项目支出绩效目标表").unwrap();
    let end = SEED_TEXT.find("### (五) 其他需说明的事项").unwrap();
    let blocks: Vec<&str> = SEED_TEXT[start..end]
        .split("## 项目支出绩效目标表")
        .skip(1)
        .collect();
    assert_eq!(blocks.len(), 5);
    assert_eq!(p.projects.len(), 5);
    for (block, t) in blocks.iter().zip(&p.projects) {
        let r = rows(block);
        assert_eq!(r[0][2], t.unit);
        assert_eq!(r[1][2], t.printed_name);
        assert_eq!(r[1][7], t.person_responsible);
        // Funds: printed cells against the project's lines.
        let (id, project) = b.projects().find(|(_, x)| x.key == t.project).unwrap();
        let total = b.project_total(id);
        let fiscal = b.sum_where(|l| l.kind().project() == Some(id) && l.source().is_fiscal());
        assert_eq!(
            (r[2][3].clone(), r[2][5].clone(), r[2][7].clone()),
            (
                wan(total),
                wan(fiscal),
                wan(total.checked_sub(fiscal).unwrap())
            ),
            "{}",
            project.name
        );
        assert_eq!(r[3][2], t.goal);
        let indicator_rows = &r[5..];
        assert_eq!(indicator_rows.len(), t.indicators.len());
        for (row, ind) in indicator_rows.iter().zip(&t.indicators) {
            let (first, second) = ind.printed_levels.clone().unwrap();
            assert_eq!((&row[0], &row[1]), (&first, &second));
            assert_eq!(row[2], ind.name);
            assert_eq!(row[3], ind.target.printed());
            assert!(canonical_matches(&row[3], ind.target.value()), "{}", row[3]);
            assert_eq!(row[4], ind.basis);
            let prior = ind.prior.as_ref().unwrap();
            assert_eq!(row[5], prior.printed());
            match prior.value() {
                PriorValue::NewProject => assert_eq!(row[5], "新增项目"),
                PriorValue::Value(v) => assert!(canonical_matches(&row[5], v), "{}", row[5]),
            }
            assert_eq!(row[6], ind.weight.to_string());
            assert_eq!(row[7], ind.scoring.as_ref().unwrap().to_string());
            assert_eq!(row[8], ind.evidence);
        }
        let sum: Decimal = t.indicators.iter().map(|i| i.weight).sum();
        assert_eq!(sum, Decimal::from(90), "{}", t.printed_name);
    }
}

#[test]
fn printed_variants_parse_to_canonical_forms() {
    assert_eq!(
        Category::parse("满意 度指 标", "满意 度指 标").unwrap(),
        Category::Satisfaction(SatisfactionKind::ServiceRecipients)
    );
    assert_eq!(
        Category::parse("效益指标", "社会效益").unwrap(),
        Category::Benefit(BenefitKind::Social)
    );
    let err = Category::parse("效益指标", "数量指标")
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        r#"unknown performance indicator category (一级/二级指标) "效益指标/数量指标""#
    );
    assert!(Category::parse("满意度指标", "时效指标").is_err());
    assert_eq!(
        TargetValue::parse("100.0 0%"),
        TargetValue::Quantitative {
            comparator: Comparator::Eq,
            value: Decimal::new(10000, 2),
            unit: "%".into()
        }
    );
    assert_eq!(TargetValue::parse("≥５０００ 册").to_string(), "≥5000册");
    assert_eq!(TargetValue::parse(">=3 次").to_string(), "≥3次");
    assert_eq!(TargetValue::parse("＜ 5 天").to_string(), "＜5天");
    assert_eq!(
        TargetValue::parse("2026 年 10 月 30 日").to_string(),
        "2026 年 10 月 30 日"
    );
    assert!(matches!(
        TargetValue::parse("2026 年 2 月 30 日"),
        TargetValue::Qualitative(_)
    ));
    assert_eq!(
        TargetValue::parse("按时 完成"),
        TargetValue::Qualitative("按时完成".into())
    );
    assert_eq!(PriorValue::parse("新增项目"), PriorValue::NewProject);
    assert_eq!(
        ScoringRule::parse("按照完成比例赋分"),
        ScoringRule::CompletionRatio
    );
    let p = Printed::target("100.0 0%");
    assert_eq!(serde_json::to_string(&p).unwrap(), "\"100.0 0%\"");
}

#[test]
fn weights_must_be_positive_and_sum_to_the_profile_total() {
    let mut b = seed();
    targets(&mut b).projects[0].indicators[0].weight = Decimal::from(15);
    let r = b.build().unwrap_err();
    let v: Vec<_> = r.violations().iter().collect();
    assert_eq!(v.len(), 1, "{}", r.violations());
    assert_eq!(v[0].rule(), Rule::Weights);
    assert_eq!(
        v[0].location(),
        &Location::Target {
            project: Some("P4".into()),
            row: None
        }
    );
    assert!(
        v[0].message()
            .contains("add up to 85, the profile expects 90 (difference -5)"),
        "{}",
        v[0]
    );

    let mut b = seed();
    let t = targets(&mut b);
    t.projects[1].indicators[0].weight = Decimal::ZERO;
    t.projects[1].indicators[1].weight = Decimal::from(40);
    let r = b.build().unwrap_err();
    let v: Vec<_> = r.violations().iter().collect();
    assert_eq!(v.len(), 1, "{}", r.violations());
    assert_eq!(
        v[0].location(),
        &Location::Target {
            project: Some("P1".into()),
            row: Some(1)
        }
    );

    // A profile of 100 without 预算执行率 rejects every seed table (all sum to 90).
    let mut b = seed();
    targets(&mut b).profile = WeightProfile::full_hundred();
    let r = b.build().unwrap_err();
    assert_eq!(r.violations().len(), 6);
    assert!(r.violations().iter().all(|v| v.rule() == Rule::Weights));
}

#[test]
fn a_target_belongs_to_a_project_and_carries_its_funds() {
    let mut b = seed();
    targets(&mut b).projects[2].project = "P9".into();
    let r = b.build().unwrap_err();
    assert_eq!(
        r.violations().iter().map(|v| v.rule()).collect::<Vec<_>>(),
        [Rule::TargetProject]
    );

    let mut b = seed();
    let t = &mut targets(&mut b).projects[0];
    t.total = Amount::parse_in("8.00", Unit::WanYuan).unwrap();
    t.fiscal = Amount::parse_in("8.00", Unit::WanYuan).unwrap();
    let r = b.build().unwrap_err();
    let v: Vec<_> = r.violations().iter().collect();
    assert_eq!(v.len(), 2, "{}", r.violations());
    assert!(v.iter().all(|v| v.rule() == Rule::TargetFunds));
    assert_eq!(wan(v[0].stated().unwrap()), "8.00");
    assert_eq!(wan(v[0].computed().unwrap()), "7.00");
}

#[test]
fn the_department_target_budget_equals_the_department_total() {
    let mut b = seed();
    let d = targets(&mut b).department.as_mut().unwrap();
    d.fiscal_higher = Amount::parse_in("23.00", Unit::WanYuan).unwrap(); // forgets the 结转 3.00
    let r = b.build().unwrap_err();
    let rules: Vec<Rule> = r.violations().iter().map(|v| v.rule()).collect();
    assert_eq!(
        rules,
        [Rule::DepartmentTarget, Rule::DepartmentTarget],
        "{}",
        r.violations()
    );
    assert!(
        r.to_string()
            .contains("(stated 926200.00 元, computed 956200.00 元"),
        "{r}"
    );
}

#[test]
fn lints_on_the_seed() {
    let b = budget();
    let lints = b.performance().unwrap().lint(&b);
    let count = |k| lints.iter().filter(|l| l.kind == k).count();
    assert_eq!(count(LintKind::NoBenefitIndicator), 5);
    assert_eq!(count(LintKind::NameDiffers), 1);
    let differs = lints
        .iter()
        .find(|l| l.kind == LintKind::NameDiffers)
        .unwrap();
    assert_eq!(
        differs.message,
        "target table prints \"2026 年自治区“基层科普行动计划”资金\", the project list \"提前下达 2026 年自治区“基层科普行动计划”资金\""
    );
    assert_eq!(count(LintKind::NameYear), 1); // 2021 年基层科普行动计划资金
    assert_eq!(count(LintKind::GoalYear), 0);
    assert_eq!(lints.len(), 7);

    let mut builder = seed();
    targets(&mut builder).projects[1].goal = "2025 年开展科研".into();
    let b = builder.build().unwrap();
    let lints = b.performance().unwrap().lint(&b);
    assert_eq!(
        lints
            .iter()
            .filter(|l| l.kind == LintKind::GoalYear)
            .count(),
        1
    );
}

#[test]
fn scoring_the_seed_when_every_target_is_met() {
    let b = budget();
    let t = &b.performance().unwrap().projects[0];
    let profile = b.performance().unwrap().profile;
    let met: Vec<(&Indicator, Option<Actual>)> = t
        .indicators
        .iter()
        .map(|i| {
            let a = match i.target.value() {
                TargetValue::Quantitative { value, .. } => Actual::Number(*value),
                TargetValue::Date(d) => Actual::Date(*d),
                TargetValue::Qualitative(_) => Actual::Achieved(Decimal::ONE),
            };
            (i, Some(a))
        })
        .collect();
    let full = profile.score(&met, Decimal::ONE);
    assert_eq!(
        (full.indicators, full.execution_rate, full.total, full.grade),
        (
            Decimal::from(90),
            Decimal::from(10),
            Decimal::from(100),
            Grade::Excellent
        )
    );
    // Half the print run (5000 张 → 2500) loses half of that indicator's 20 points.
    let mut half = met.clone();
    half[0].1 = Some(Actual::Number(Decimal::from(2500)));
    let s = profile.score(&half, Decimal::new(80, 2));
    assert_eq!(
        (s.indicators, s.execution_rate, s.total, s.grade),
        (
            Decimal::from(80),
            Decimal::from(8),
            Decimal::from(88),
            Grade::Good
        )
    );
    assert_eq!(profile.grade(Decimal::from(59)), Grade::Poor);
    assert_eq!(profile.grade(Decimal::from(60)), Grade::Fair);
}

fn indicator(comparator: Comparator, target: i64, weight: i64) -> Indicator {
    Indicator {
        category: Category::Output(OutputKind::Quantity),
        printed_levels: None,
        name: "x".into(),
        target: Printed::target(&format!("{comparator}{target}个")),
        basis: String::new(),
        prior: None,
        weight: Decimal::from(weight),
        scoring: Some(ScoringRule::CompletionRatio),
        evidence: String::new(),
    }
}

proptest! {
    #[test]
    fn scoring_is_monotone_and_bounded(
        cmp in prop::sample::select(vec![Comparator::Ge, Comparator::Gt, Comparator::Eq, Comparator::Le, Comparator::Lt]),
        target in 0i64..10_000,
        weight in 1i64..=40,
        a in 0i64..20_000,
        b in 0i64..20_000,
    ) {
        let ind = indicator(cmp, target, weight);
        let (lo, hi) = (a.min(b), a.max(b));
        let s_lo = ind.score(&Actual::Number(Decimal::from(lo)));
        let s_hi = ind.score(&Actual::Number(Decimal::from(hi)));
        for s in [s_lo, s_hi] {
            prop_assert!(s >= Decimal::ZERO && s <= Decimal::from(weight));
        }
        if cmp.is_reverse() {
            prop_assert!(s_hi <= s_lo, "reverse: more is not better");
        } else {
            prop_assert!(s_hi >= s_lo, "positive: more is not worse");
        }
    }

    #[test]
    fn printed_values_never_panic(s in "\\PC*") {
        let _ = TargetValue::parse(&s).to_string();
        let _ = PriorValue::parse(&s);
        let _ = Category::parse(&s, &s);
        let _ = ScoringRule::parse(&s);
    }
}
