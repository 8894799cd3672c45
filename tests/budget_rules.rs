//! Each hard invariant: a budget that breaks only it is rejected with exactly that violation.

use yusuan::amount::Amount;
use yusuan::budget::{
    BasicKind, CarryOverUse, Department, DepartmentBudget, DepartmentBudgetBuilder, Line, Location,
    Project, ProjectId, Rule, SpendingKind, UnitKind,
};
use yusuan::{FundingSource, Unit};

const SEED_JSON: &str = include_str!("../examples/data/alashankou_2026.json");

fn seed() -> DepartmentBudgetBuilder {
    serde_json::from_str(SEED_JSON).unwrap()
}

fn wan(s: &str) -> Amount {
    Amount::parse_in(s, Unit::WanYuan).unwrap()
}

#[track_caller]
fn only(builder: DepartmentBudgetBuilder, rule: Rule) -> yusuan::budget::Violation {
    let rejected = builder.build().expect_err("the budget must be rejected");
    let v: Vec<_> = rejected.violations().iter().cloned().collect();
    assert_eq!(
        v.len(),
        1,
        "expected exactly one {rule:?}, got:\n{}",
        rejected.violations()
    );
    assert_eq!(v[0].rule(), rule, "{}", v[0]);
    v.into_iter().next().unwrap()
}

fn first_line(b: &DepartmentBudgetBuilder, keep: impl Fn(&Line) -> bool) -> usize {
    b.lines_so_far().iter().position(keep).unwrap()
}

#[test]
fn the_seed_builds() {
    seed().build().unwrap();
}

#[test]
fn unknown_code() {
    let mut b = seed();
    let i = first_line(&b, |l| l.functional().to_string() == "2060799");
    let line = b.lines_mut()[i];
    b.lines_mut()[i] = line.with_functional("2060788".parse().unwrap());
    let v = only(b, Rule::UnknownCode);
    assert!(matches!(v.location(), Location::Line { index, .. } if *index == i));
    assert_eq!(
        v.to_string(),
        format!(
            "line {} (2060788 × 30227, 项目支出 \"P5\", 一般公共预算（本级）): 支出功能分类 code 2060788 is not in catalogue edition \"2026\"; did you mean 2060799 其他科学技术普及支出, 2060702 科普活动? 科目不在目录中 [budget.unknown_code]",
            i + 1
        )
    );
}

#[test]
fn structural_only_catalogue_accepts_that_code() {
    let mut b = seed();
    let i = first_line(&b, |l| l.functional().to_string() == "2060799");
    let line = b.lines_mut()[i];
    b.lines_mut()[i] = line.with_functional("2060788".parse().unwrap());
    let budget = b
        .build_with(yusuan::Catalogue::structural_only("none"))
        .unwrap();
    assert_eq!(budget.catalogue_edition(), "none");
}

#[test]
fn code_level() {
    let mut b = seed();
    let line = b.lines_mut()[0];
    b.lines_mut()[0] = line.with_functional("20601".parse().unwrap());
    let v = only(b, Rule::CodeLevel);
    assert!(v.message().contains("functional code 20601 is a 款"), "{v}");
}

#[test]
fn personnel_class() {
    let mut b = seed();
    let i = first_line(&b, |l| l.economic().to_string() == "30201");
    let line = b.lines_mut()[i];
    b.lines_mut()[i] = line.with_kind(SpendingKind::PERSONNEL);
    only(b, Rule::PersonnelClass);
}

#[test]
fn operating_class_and_the_profile_allowance() {
    let mut b = seed();
    let i = first_line(&b, |l| l.economic().to_string() == "30201");
    let line = b.lines_mut()[i];
    b.lines_mut()[i] = line
        .with_economic("31002".parse().unwrap())
        .with_kind(SpendingKind::OPERATING);
    let v = only(b.clone(), Rule::OperatingClass);
    assert!(v.message().contains("公用经费 uses 302"), "{v}");
    b.allow_operating_class("310".parse().unwrap());
    b.build().unwrap();
}

#[test]
fn unknown_project() {
    let mut b = seed();
    // P2 has two lines; point one of them at a project that does not exist. (P2's performance
    // target would then disagree with its funds too: leave the targets out here.)
    *b.performance_mut() = None;
    let i = first_line(&b, |l| {
        l.kind() == SpendingKind::Project(two_line_project()) && l.economic().to_string() == "30211"
    });
    let line = b.lines_mut()[i];
    b.lines_mut()[i] = line.with_kind(SpendingKind::Project(ghost(&mut b)));
    only(b, Rule::UnknownReference);
}

fn two_line_project() -> ProjectId {
    let b = seed().build().unwrap();
    b.projects().find(|(_, p)| p.key == "P2").unwrap().0
}

/// An id past the end of the project list.
fn ghost(b: &mut DepartmentBudgetBuilder) -> ProjectId {
    let id = b.project(Project::new("ghost", "ghost"));
    b.projects_mut().pop();
    id
}

#[test]
fn project_without_lines() {
    let mut b = seed();
    b.project(Project::new("P8", "没有明细的项目"));
    let v = only(b, Rule::ProjectWithoutLines);
    assert_eq!(v.location(), &Location::Project("P8".into()));
}

#[test]
fn duplicate_key() {
    let mut b = seed();
    b.projects_mut()[6].key = "P6".into();
    only(b, Rule::DuplicateKey);
}

#[test]
fn carry_over_total() {
    let mut b = seed();
    b.carry_overs_mut()[0].amount = wan("2.50");
    let v = only(b, Rule::CarryOverTotal);
    assert_eq!(
        (v.stated(), v.computed()),
        (Some(wan("2.50")), Some(wan("2.00")))
    );
    assert_eq!(v.difference().unwrap().to_string(), "5000.00");
}

#[test]
fn carry_over_link() {
    let mut b = seed();
    b.carry_overs_mut()[1].usage = CarryOverUse::Basic(BasicKind::Operating);
    let v = only(b, Rule::CarryOverLink);
    assert!(v.message().contains("funds 基本支出"), "{v}");
}

#[test]
fn control_figure() {
    let mut b = seed();
    b.control_figure(FundingSource::GeneralBudgetTransfer, wan("22.00"));
    let v = only(b, Rule::ControlFigure);
    assert_eq!(
        v.location(),
        &Location::ControlFigure(FundingSource::GeneralBudgetTransfer)
    );
    assert_eq!(
        v.difference()
            .unwrap()
            .round_in(Unit::WanYuan, 2)
            .to_string(),
        "-1.00"
    );
}

#[test]
fn prior_year() {
    let mut b = seed();
    b.prior_year_mut().basic = Some(wan("86.00"));
    let v = only(b, Rule::PriorYear);
    assert_eq!(v.location(), &Location::PriorYear("income"));
}

#[test]
fn balance() {
    let mut b = seed();
    b.control_figures_mut()
        .remove(&FundingSource::GeneralBudgetTransfer);
    let v = only(b, Rule::Balance);
    assert_eq!(
        (v.stated(), v.computed()),
        (Some(wan("72.62")), Some(wan("95.62")))
    );
}

#[test]
fn procurement_total_and_reserve() {
    let mut b = seed();
    b.procurement_mut().as_mut().unwrap().stated_total = Some(wan("14.50"));
    only(b, Rule::ProcurementTotal);
    let mut b = seed();
    b.procurement_mut().as_mut().unwrap().small_micro_reserved = wan("15.00");
    only(b, Rule::ProcurementReserve);
}

#[test]
fn overflow() {
    let mut b = DepartmentBudget::builder(Department::new("溢出", 2026, UnitKind::Administrative));
    let line = Line::new(
        "2060101".parse().unwrap(),
        "30101".parse().unwrap(),
        SpendingKind::PERSONNEL,
        FundingSource::GeneralBudgetOwn,
        Amount::MAX,
    );
    b.line(line)
        .line(line.with_economic("30102".parse().unwrap()));
    let v = only(b, Rule::Overflow);
    // The true sum, 2 × MAX = 2 × 999 999 999 999 999 999.99, not a figure clamped to MAX.
    assert_eq!(Amount::MAX.to_string(), "999999999999999999.99");
    let (twice, max) = ("1999999999999999999.98", "999999999999999999.99");
    assert_eq!(
        v.message(),
        format!("the lines add up to {twice} 元, beyond the largest amount {max} 元")
    );
}

#[test]
fn year() {
    let mut b = seed();
    b.department_mut().year = 1999;
    only(b, Rule::Year);
}

#[test]
fn three_violations_give_three_reports_and_keep_the_builder() {
    let mut b = seed();
    let i = first_line(&b, |l| l.economic().to_string() == "30201");
    let line = b.lines_mut()[i];
    b.lines_mut()[i] = line.with_kind(SpendingKind::PERSONNEL);
    b.carry_overs_mut()[0].amount = wan("2.50");
    b.procurement_mut().as_mut().unwrap().stated_total = Some(wan("14.50"));
    let before = b.clone();
    let rejected = b.build().unwrap_err();
    let rules: Vec<Rule> = rejected.violations().iter().map(|v| v.rule()).collect();
    assert_eq!(
        rules,
        [
            Rule::PersonnelClass,
            Rule::CarryOverTotal,
            Rule::ProcurementTotal
        ]
    );
    assert_eq!(rejected.to_string().lines().count(), 4);
    assert_eq!(rejected.into_builder(), before);
}

#[test]
fn every_rule_has_a_stable_id_and_a_chinese_name() {
    use strum::IntoEnumIterator;
    let ids: std::collections::BTreeSet<&str> = Rule::iter().map(Rule::id).collect();
    assert_eq!(ids.len(), Rule::iter().count());
    for r in Rule::iter() {
        assert!(r.id().starts_with("budget.") || r.id().starts_with("performance."));
        assert!(
            r.name()
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        );
    }
}

#[test]
fn duplicate_leaf_names_both_lines() {
    let mut b = seed();
    let i = first_line(&b, |l| l.economic().to_string() == "30201");
    let line = b.lines_so_far()[i];
    // The leaf written on two rows whose amounts still add up to it: only the duplicate is wrong.
    let half = Amount::from_fen(line.amount().fen() as u64 / 2);
    b.lines_mut()[i] = line.with_amount(half);
    b.line(line.with_amount(line.amount().checked_sub(half).unwrap()));
    let n = b.lines_so_far().len();
    let v = only(b, Rule::DuplicateLeaf);
    assert_eq!(v.rule().id(), yusuan::budget::ids::DUPLICATE_LEAF);
    assert!(matches!(v.location(), Location::Line { index, .. } if *index == n - 1));
    assert_eq!(
        v.message(),
        format!(
            "line {n} repeats the leaf of line {} (same unit, 项, 款, kind, source and carry-over item); merge them explicitly or correct one",
            i + 1
        )
    );
}

#[test]
fn duplicate_leaves_merge_only_when_asked() {
    let mut b = seed();
    let i = first_line(&b, |l| l.economic().to_string() == "30201");
    let line = b.lines_so_far()[i];
    let before = b.lines_so_far().len();
    // Split the line in two halves that add up to it: one leaf written on two rows.
    let half = Amount::from_fen(line.amount().fen() as u64 / 2);
    let rest = line.amount().checked_sub(half).unwrap();
    b.lines_mut()[i] = line.with_amount(half);
    b.line(line.with_amount(rest));
    assert!(b.clone().build().is_err());
    assert_eq!(b.merge_duplicate_lines(), 1);
    assert_eq!(b.lines_so_far().len(), before);
    assert_eq!(b.lines_so_far()[i], line);
    let merged = b.build().unwrap();
    assert_eq!(merged, seed().build().unwrap());
}

#[test]
fn a_budget_without_lines_is_rejected() {
    let b = DepartmentBudget::builder(Department::new("空预算局", 2026, UnitKind::Administrative));
    let v = only(b, Rule::NoLines);
    assert_eq!(
        v.to_string(),
        "budget: the budget has no lines; every figure of a budget is a sum of its lines 无明细行 [budget.no_lines]"
    );
}

#[test]
fn an_empty_department_name_is_rejected() {
    let mut b = seed();
    b.department_mut().name = "  ".into();
    let v = only(b, Rule::Name);
    assert_eq!(v.message(), "the department name (部门名称) is empty");
}

#[test]
fn control_characters_in_names_are_rejected() {
    let mut b = seed();
    b.department_mut().name = "阿拉山口市\u{7}科学技术局".into();
    let v = only(b, Rule::Name);
    assert_eq!(
        v.message(),
        "the department name \"阿拉山口市\\u{7}科学技术局\" holds the control character U+0007 at character 6"
    );
    let mut b = seed();
    b.projects_mut()[0].name.push('\n');
    let v = only(b, Rule::Name);
    assert!(matches!(v.location(), Location::Project(_)), "{v}");
    assert!(v.message().contains("U+000A"), "{v}");
}

#[test]
fn a_zero_line_is_kept_and_reported_as_a_lint() {
    let mut b = seed();
    let line = b.lines_so_far()[0];
    b.line(
        line.with_economic("30114".parse().unwrap())
            .with_amount(Amount::ZERO),
    );
    let n = b.lines_so_far().len();
    let budget = b.build().unwrap();
    assert_eq!(budget.lines().len(), n);
    let lints = budget.lints();
    assert_eq!(lints.len(), 1);
    assert_eq!(lints[0].rule(), Rule::ZeroLine);
    assert!(lints[0].rule().is_lint());
    assert!(matches!(lints[0].location(), Location::Line { index, .. } if *index == n - 1));
    assert!(seed().build().unwrap().lints().is_empty());
}

#[test]
fn every_rule_id_is_a_documented_constant() {
    use strum::IntoEnumIterator;
    let ids: Vec<&str> = Rule::iter().map(Rule::id).collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "ids are unique");
    assert!(ids.contains(&yusuan::budget::ids::ZERO_LINE));
    assert!(
        ids.iter()
            .all(|i| i.starts_with("budget.") || i.starts_with("performance."))
    );
}

#[test]
fn overflowing_figures_are_reported_with_their_true_value() {
    let mut b = DepartmentBudget::builder(Department::new("溢出", 2026, UnitKind::Administrative));
    let line = Line::new(
        "2060101".parse().unwrap(),
        "30101".parse().unwrap(),
        SpendingKind::PERSONNEL,
        FundingSource::GeneralBudgetOwn,
        Amount::MAX,
    );
    b.line(line)
        .line(line.with_economic("30102".parse().unwrap()))
        .control_figure(FundingSource::GeneralBudgetOwn, Amount::MAX);
    let rejected = b.build().unwrap_err();
    let rules: Vec<Rule> = rejected.violations().iter().map(|v| v.rule()).collect();
    assert_eq!(rules, [Rule::ControlFigure, Rule::Overflow]);
    let figure = rejected.violations().iter().next().unwrap();
    // 2 × MAX in 分, computed independently of the crate.
    let twice_fen: u128 = 2 * 99_999_999_999_999_999_999;
    assert_eq!(figure.computed_fen(), Some(twice_fen));
    assert_eq!(
        figure.computed(),
        None,
        "beyond MAX: no Amount, but the exact 分 above"
    );
    assert_eq!(figure.stated(), Some(Amount::MAX));
    assert!(
        figure.to_string().contains(
            "(stated 999999999999999999.99 元, computed 1999999999999999999.98 元, difference -999999999999999999.99 元)"
        ),
        "{figure}"
    );
}
