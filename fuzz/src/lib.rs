//! The fuzzed entry points of yusuan, one function per parser family.
//!
//! Each function takes raw bytes, feeds them to the crate's parsers the way a caller would, and
//! panics only when the crate breaks a documented promise: a parser panicking, an error with an
//! empty message, a parsed value whose `Display` does not read back as the same value, a budget
//! that builds but whose own JSON does not, totals that do not foot.
//!
//! The same file is the fuzz crate's library (`fuzz/`, nightly, libFuzzer) and a module of the
//! stable tests `tests/fuzz_regressions.rs` and `tests/mutation.rs`, so the regression inputs and
//! the mutation test go through exactly the code the fuzzer ran.

#![allow(dead_code)] // each test crate uses a subset

use std::fmt::Display;
use std::sync::{Arc, OnceLock};

use rust_decimal::Decimal;
use yusuan::amount::{Amount, Change, Unit, largest_remainder, shares_summing_to_100};
use yusuan::audit::{self, read};
use yusuan::budget::{BudgetSeed, DepartmentBudget, DepartmentBudgetBuilder, read_json};
use yusuan::classification::{
    AnyCode, Catalogue, Code, CodeSystem, EconomicCode, FunctionalCode, GovEconomicCode, Level,
    MappingBasis, Recognised,
};
use yusuan::disclosure::{Disclosure, Rounding, Template, render};
use yusuan::funding::{FundType, FundingGroup, FundingSource, IncomeLabel};
use yusuan::performance::{
    Actual, Category, Indicator, PerformanceTargets, PriorValue, ScoringRule, TargetValue,
    WeightProfile,
};

/// Input text as a caller holding bytes would get it: invalid UTF-8 replaced.
fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Every error says something.
fn check_error(what: &str, input: &str, e: &impl Display) {
    let message = e.to_string();
    assert!(
        !message.trim().is_empty(),
        "{what}: empty error message for input {input:?}"
    );
}

/// `Display` of a parsed value reads back as the same value.
fn round_trip<T, E>(what: &str, value: &T, parse: impl Fn(&str) -> Result<T, E>)
where
    T: Display + PartialEq + std::fmt::Debug,
    E: Display,
{
    let shown = value.to_string();
    match parse(&shown) {
        Ok(back) => assert_eq!(&back, value, "{what}: {shown:?} reads back differently"),
        Err(e) => panic!("{what}: its own display {shown:?} is rejected: {e}"),
    }
}

// ---------------------------------------------------------------------------------------------
// 金额: Amount::parse_in in both units, Change, Unit, serde, and the arithmetic on parsed values.

/// Amounts: `Amount::parse_in` and `Change::parse_in` in 元 and 万元, their serde forms, the
/// auditor's cell reader, and the rounding helpers on every amount found on the lines.
pub fn amount(data: &[u8]) {
    let s = text(data);
    for unit in [Unit::Yuan, Unit::WanYuan] {
        match Amount::parse_in(&s, unit) {
            Ok(a) => amount_value(a, unit),
            Err(e) => check_error("Amount::parse_in", &s, &e),
        }
        match Change::parse_in(&s, unit) {
            Ok(c) => {
                round_trip("Change", &c, |t| Change::parse_in(t, Unit::Yuan));
                assert!(c.magnitude() <= Amount::MAX);
                let _ = c.direction();
                let _ = c.round_in(unit, 2);
            }
            Err(e) => check_error("Change::parse_in", &s, &e),
        }
    }
    match Unit::parse(&s) {
        Ok(u) => round_trip("Unit", &u, Unit::parse),
        Err(e) => check_error("Unit::parse", &s, &e),
    }
    amount_serde(data);
    let _ = read::parse_number(&s);
    amount_lists(&s);
}

fn amount_value(a: Amount, unit: Unit) {
    round_trip("Amount", &a, |t| Amount::parse_in(t, Unit::Yuan));
    assert!(a <= Amount::MAX);
    // The value in the unit it was read in reads back in that unit.
    let in_unit = a.to_unit(unit).normalize().to_string();
    assert_eq!(
        Amount::parse_in(&in_unit, unit).ok(),
        Some(a),
        "{a:?} in {unit} is {in_unit:?}"
    );
    assert_eq!(Amount::from_fen_u128(a.fen()), Some(a));
    for dp in 0..=6 {
        let _ = a.round_in(unit, dp);
    }
    let _ = a.display_in(Unit::WanYuan);
    let _ = a.change_from(Amount::MAX);
    let _ = a.checked_add(Amount::MAX);
    let _ = a.checked_mul_int(u64::MAX);
    if let Some(r) = a.share_of(Amount::MAX) {
        let _ = r.percent(2);
    }
    if let Some(r) = Amount::MAX.growth_from(a) {
        let _ = r.percent(6);
    }
}

fn amount_serde(data: &[u8]) {
    match serde_json::from_slice::<Amount>(data) {
        Ok(a) => {
            let json = serde_json::to_string(&a).expect("an amount serializes");
            assert_eq!(
                serde_json::from_str::<Amount>(&json).ok(),
                Some(a),
                "{json}"
            );
        }
        Err(e) => check_error("Amount serde", "", &e),
    }
    match serde_json::from_slice::<Change>(data) {
        Ok(c) => {
            let json = serde_json::to_string(&c).expect("a change serializes");
            assert_eq!(
                serde_json::from_str::<Change>(&json).ok(),
                Some(c),
                "{json}"
            );
        }
        Err(e) => check_error("Change serde", "", &e),
    }
}

/// The amounts of a line list (cells separated by whitespace, `|` or tabs), shared out by
/// largest remainder.
fn amount_lists(s: &str) {
    let parts: Vec<Amount> = s
        .split(|c: char| c.is_whitespace() || c == '|')
        .filter_map(|cell| Amount::parse_in(cell, Unit::WanYuan).ok())
        .take(64)
        .collect();
    let _ = Amount::checked_sum(parts.iter().copied());
    for unit in [Unit::Yuan, Unit::WanYuan] {
        for dp in [0, 2, 6, 9] {
            if let Ok(shown) = largest_remainder(&parts, unit, dp) {
                assert_eq!(shown.len(), parts.len());
            }
        }
    }
    if let Ok(Some(shares)) = shares_summing_to_100(&parts) {
        let total: Decimal = shares.iter().sum();
        assert_eq!(
            total,
            Decimal::ONE_HUNDRED,
            "shares of {parts:?}: {shares:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 科目编码: the three code systems, AnyCode, and the built-in catalogue's readings.

/// Codes: `FunctionalCode`, `EconomicCode`, `GovEconomicCode` and `AnyCode` parsing, their serde
/// forms, and `Catalogue::recognise` and the checked look-ups on the built-in edition.
pub fn codes(data: &[u8]) {
    let s = text(data);
    let catalogue = Catalogue::builtin();
    match FunctionalCode::parse(&s) {
        Ok(c) => code_value(c, catalogue, FunctionalCode::parse),
        Err(e) => check_error("FunctionalCode::parse", &s, &e),
    }
    match EconomicCode::parse(&s) {
        Ok(c) => {
            code_value(c, catalogue, EconomicCode::parse);
            for basis in [MappingBasis::Organ, MappingBasis::PublicInstitution] {
                let _ = c.government_code(basis);
            }
        }
        Err(e) => check_error("EconomicCode::parse", &s, &e),
    }
    match GovEconomicCode::parse(&s) {
        Ok(c) => code_value(c, catalogue, GovEconomicCode::parse),
        Err(e) => check_error("GovEconomicCode::parse", &s, &e),
    }
    match AnyCode::parse(&s) {
        Ok(c) => {
            round_trip("AnyCode", &c, AnyCode::parse);
            assert_eq!(
                c.system(),
                CodeSystem::of_digits(&c.to_string()).expect("a system")
            );
            let _ = catalogue.any_name(c);
            let _ = catalogue.any_name_match(c, &s);
        }
        Err(e) => check_error("AnyCode::parse", &s, &e),
    }
    match catalogue.recognise(&s) {
        Ok(Recognised::Listed(c)) => assert!(catalogue.any_name(c).is_some(), "{c} listed"),
        Ok(Recognised::LocalExtension { digits, of }) => {
            assert_eq!(digits / 100, of.value(), "{s:?}");
        }
        Ok(_) => {}
        Err(e) => check_error("Catalogue::recognise", &s, &e),
    }
    for r in [
        catalogue.functional(&s).map(|c| c.to_string()),
        catalogue.economic(&s).map(|c| c.to_string()),
        catalogue.government_economic(&s).map(|c| c.to_string()),
    ] {
        if let Err(e) = r {
            check_error("Catalogue look-up", &s, &e);
        }
    }
    code_serde(data);
    // Printed names under a parent: the auditor's way of finding a row's code.
    let _ = catalogue.find_child::<FunctionalCode>(None, &s);
    let _ = catalogue.find_child::<EconomicCode>(None, &s);
}

fn code_value<C, F>(code: C, catalogue: &Catalogue, parse: F)
where
    C: Code + PartialEq,
    F: Fn(&str) -> yusuan::Result<C>,
{
    round_trip("code", &code, parse);
    let mut up = Some(code);
    while let Some(c) = up {
        assert!(c == code || c.is_ancestor_of(code));
        up = c.parent();
    }
    let _ = catalogue.nearest(code).take(5).count();
    let _ = catalogue.children(code).count();
    let _ = catalogue.with_name(code).to_string();
    if let Err(e) = catalogue.check(code) {
        check_error("Catalogue::check", &code.to_string(), &e);
    }
}

fn code_serde(data: &[u8]) {
    if let Ok(c) = serde_json::from_slice::<FunctionalCode>(data) {
        let json = serde_json::to_string(&c).expect("a code serializes");
        assert_eq!(serde_json::from_str::<FunctionalCode>(&json).ok(), Some(c));
    }
    if let Ok(c) = serde_json::from_slice::<EconomicCode>(data) {
        let json = serde_json::to_string(&c).expect("a code serializes");
        assert_eq!(serde_json::from_str::<EconomicCode>(&json).ok(), Some(c));
    }
    if let Err(e) = serde_json::from_slice::<GovEconomicCode>(data) {
        check_error("GovEconomicCode serde", "", &e);
    }
}

// ---------------------------------------------------------------------------------------------
// 资金来源: the funding vocabulary of printed income tables.

/// Funding vocabulary: `FundingSource`, `FundType`, `FundingGroup` and `IncomeLabel` readings of
/// printed labels, and their serde forms.
pub fn vocabulary(data: &[u8]) {
    let s = text(data);
    match FundingSource::parse(&s) {
        Ok(v) => round_trip("FundingSource", &v, FundingSource::parse),
        Err(e) => check_error("FundingSource::parse", &s, &e),
    }
    match FundType::parse(&s) {
        Ok(v) => round_trip("FundType", &v, FundType::parse),
        Err(e) => check_error("FundType::parse", &s, &e),
    }
    match FundingGroup::parse(&s) {
        Ok(v) => round_trip("FundingGroup", &v, FundingGroup::parse),
        Err(e) => check_error("FundingGroup::parse", &s, &e),
    }
    if let Err(e) = IncomeLabel::parse(&s) {
        check_error("IncomeLabel::parse", &s, &e);
    }
    if let Ok(v) = serde_json::from_slice::<FundingSource>(data) {
        let json = serde_json::to_string(&v).expect("a source serializes");
        assert_eq!(serde_json::from_str::<FundingSource>(&json).ok(), Some(v));
    }
}

// ---------------------------------------------------------------------------------------------
// 科目目录: an edition loaded from TSV.

/// Catalogue TSV: `Catalogue::from_tsv`, then every look-up on the loaded edition and its diff
/// against the built-in one.
pub fn catalogue_tsv(data: &[u8]) {
    let s = text(data);
    let c = match Catalogue::from_tsv("fuzz", &s) {
        Ok(c) => c,
        Err(e) => return check_error("Catalogue::from_tsv", &s, &e),
    };
    assert_eq!(c.edition(), "fuzz");
    let listed = c.entries_of::<FunctionalCode>().count()
        + c.entries_of::<EconomicCode>().count()
        + c.entries_of::<GovEconomicCode>().count();
    assert_eq!(listed, c.len());
    for (code, name) in c.entries_of::<FunctionalCode>().take(50) {
        assert_eq!(c.name(code), Some(name));
        if let Some(parent) = code.parent() {
            assert!(
                c.contains(parent),
                "{code} listed without its parent {parent}"
            );
        }
        let _ = c.children(code).count();
        let _ = c.find_child(code.parent(), name);
    }
    for (code, _) in c.entries_of::<EconomicCode>().take(50) {
        assert!(matches!(
            c.recognise(&code.to_string()),
            Ok(Recognised::Listed(_))
        ));
        let _ = c.aliases(code).count();
    }
    let _ = c
        .nearest(FunctionalCode::parse("2010101").expect("a code"))
        .count();
    let diff = Catalogue::builtin().diff(&c);
    let _ = diff.to_string();
    assert!(c.diff(&c).is_empty());
    // A budget naming this edition is read against it.
    let json = r#"{"catalogue":"fuzz","department":{"name":"示例局","year":2026,"unit_kind":"administrative"},
        "lines":[{"functional":"2010101","economic":"30101","kind":"personnel","source":"general_budget_own","amount":"1.00"}]}"#;
    let seed = BudgetSeed::new([Arc::new(c)]);
    if let Err(e) =
        serde::de::DeserializeSeed::deserialize(seed, &mut serde_json::Deserializer::from_str(json))
    {
        check_error("BudgetSeed", json, &e);
    }
}

// ---------------------------------------------------------------------------------------------
// 部门预算 JSON: the document, the builder, and everything a built budget computes.

/// Budget JSON: the file reader `read_json` (then `build`), `serde_json::from_slice` of
/// `DepartmentBudget` and of `DepartmentBudgetBuilder`, and for a budget that builds: its
/// invariants, every view, both built-in templates in both roundings, the lints, and its JSON
/// reading back as the same budget.
pub fn budget_json(data: &[u8]) {
    let direct = serde_json::from_slice::<DepartmentBudget>(data);
    if let Err(e) = &direct {
        check_error("DepartmentBudget serde", "", e);
    }
    let via_serde = serde_json::from_slice::<DepartmentBudgetBuilder>(data);
    if let Err(e) = &via_serde {
        check_error("DepartmentBudgetBuilder serde", "", e);
    }
    let read = read_json(data);
    if let Err(e) = &read {
        check_error("read_json", "", e);
    }
    // The file reader differs from serde_json only by skipping a byte-order mark.
    if !data.starts_with(b"\xEF\xBB\xBF") {
        assert_eq!(
            read.is_ok(),
            via_serde.is_ok(),
            "read_json and serde_json disagree on {:?}",
            String::from_utf8_lossy(data)
        );
    }
    let built = read.ok().and_then(build);
    if !data.starts_with(b"\xEF\xBB\xBF") {
        assert_eq!(
            direct.is_ok(),
            built.is_some(),
            "the document and the builder disagree on {:?}",
            String::from_utf8_lossy(data)
        );
    }
    if let Some(b) = built {
        exercise_budget(&b);
    }
}

/// `build`, checking that a rejection explains itself.
fn build(builder: DepartmentBudgetBuilder) -> Option<DepartmentBudget> {
    for v in builder.violations(Catalogue::builtin()) {
        check_error("Violation", "", &v);
    }
    match builder.build() {
        Ok(b) => Some(b),
        Err(rejected) => {
            check_error("Rejected", "", &rejected);
            for v in rejected.violations().iter() {
                check_error("Violation", "", v);
            }
            None
        }
    }
}

/// Every table and the narrative of a budget under a template, in both roundings and all
/// renderings.
fn disclose(b: &DepartmentBudget, template: Template) {
    let d = Disclosure::new(b, template);
    for section in d.narrative() {
        let _ = format!("{section:?}");
    }
    for rounding in [Rounding::Faithful, Rounding::Footing] {
        for t in d.tables(rounding) {
            let _ = render::text(&t);
            let _ = render::markdown(&t);
            let _ = render::csv(&t);
            let _ = render::tsv(&t);
        }
    }
}

fn exercise_budget(b: &DepartmentBudget) {
    b.check_invariants()
        .expect("a built budget keeps its invariants");
    let total = b.total();
    let kinds = b.kind_totals();
    let _ = (kinds.basic(), kinds.total());
    let by_source = Amount::checked_sum(b.by_source().values().copied());
    assert_eq!(by_source.ok(), Some(total), "sources sum to the total");
    for level in [Level::Class, Level::Section, Level::Item] {
        let _ = b.by_functional(level, |_| true);
        let _ = b.by_economic(level, |_| true);
    }
    let _ = b.project_totals();
    let _ = b.three_public();
    let _ = b.entrusted_business_total();
    let _ = b.organ_running();
    let _ = b.general_budget_current();
    let yoy = b.year_on_year();
    let _ = format!("{yoy:?}");
    for template in [Template::xinjiang_2026(), Template::shanghai_9()] {
        disclose(b, template);
    }
    for lint in b.lints() {
        check_error("Lint", "", &lint);
    }
    if let Some(p) = b.performance() {
        for lint in p.lint(b) {
            check_error("Lint", "", &lint);
        }
    }
    let json = serde_json::to_string(b).expect("a budget serializes");
    match read_json(json.as_bytes()).map(|builder| builder.build()) {
        Ok(Ok(again)) => assert_eq!(
            serde_json::to_string(&again).expect("a budget serializes"),
            json,
            "a budget's JSON reads back as another budget"
        ),
        Ok(Err(e)) => panic!("a built budget's own JSON is rejected: {e}\n{json}"),
        Err(e) => panic!("a built budget's own JSON is unreadable: {e}\n{json}"),
    }
    match serde_json::from_str::<DepartmentBudget>(&json) {
        Ok(again) => assert_eq!(
            serde_json::to_string(&again).expect("a budget serializes"),
            json,
            "a budget's JSON reads back as another budget"
        ),
        Err(e) => panic!("a built budget's own JSON is rejected: {e}\n{json}"),
    }
}

// ---------------------------------------------------------------------------------------------
// 公开模板: disclosure template files (TOML).

/// Template files: `Template::from_toml`, and for a template that loads, the reference budget
/// disclosed under it (every table, both roundings, every rendering, the narrative).
pub fn template(data: &[u8]) {
    let s = text(data);
    match Template::from_toml("fuzz.toml", &s) {
        Ok(t) => {
            if let Some(b) = shipped_budget() {
                disclose(b, t);
            }
        }
        Err(e) => {
            check_error("Template::from_toml", &s, &e);
            assert_eq!(e.file, "fuzz.toml");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 公开文本: disclosure text and grids, through the auditor.

/// Disclosure text and grids: `yusuan::audit::audit(text, Catalogue::builtin())` and the table
/// reader under it.
pub fn audit(data: &[u8]) {
    let s = text(data);
    let report = audit::audit(&s, Catalogue::builtin());
    for f in &report.findings {
        check_error("Finding", &s, &f.render(false));
        check_error("Finding", &s, &f.render(true));
        if let (Some(stated), Some(computed), Some(difference)) =
            (f.stated, f.computed, f.difference)
        {
            // Sums beyond Decimal's range saturate; below it the difference is exact.
            if let Some(exact) = stated.checked_sub(computed) {
                assert_eq!(
                    exact, difference,
                    "finding {}: difference is not stated − computed",
                    f.rule
                );
            }
        }
    }
    let _ = report.count(audit::Severity::Error);
    for t in read::read_tables(&s) {
        for row in &t.rows {
            for cell in row {
                let _ = read::parse_number(cell);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 绩效: printed target values, categories, scoring rules, indicator and target JSON.

/// Performance values: `TargetValue`, `PriorValue`, `ScoringRule` and `Category` readings of
/// printed text, `Indicator` and `PerformanceTargets` JSON, scoring against actual values read
/// from the same text, and the lints against a shipped budget.
pub fn performance(data: &[u8]) {
    let s = text(data);
    let target = TargetValue::parse(&s);
    round_trip("TargetValue", &target, |t| {
        Ok::<_, std::convert::Infallible>(TargetValue::parse(t))
    });
    let prior = PriorValue::parse(&s);
    round_trip("PriorValue", &prior, |t| {
        Ok::<_, std::convert::Infallible>(PriorValue::parse(t))
    });
    let rule = ScoringRule::parse(&s);
    round_trip("ScoringRule", &rule, |t| {
        Ok::<_, std::convert::Infallible>(ScoringRule::parse(t))
    });
    let (first, second) = s.split_once(['/', '|', '\t']).unwrap_or((&s, ""));
    match Category::parse(first, second) {
        Ok(c) => round_trip("Category", &c, |t| {
            let (f, s) = t.split_once('/').unwrap_or((t, ""));
            Category::parse(f, s)
        }),
        Err(e) => check_error("Category::parse", &s, &e),
    }
    performance_json(data, &s);
}

fn performance_json(data: &[u8], s: &str) {
    let actuals: Vec<Actual> = s
        .split(|c: char| c.is_whitespace() || c == '|')
        .filter_map(|w| w.parse::<Decimal>().ok())
        .take(4)
        .flat_map(|d| [Actual::Number(d), Actual::Achieved(d)])
        .collect();
    if let Ok(indicator) = serde_json::from_slice::<Indicator>(data) {
        score_indicators(&[&indicator], &actuals);
    }
    if let Ok(targets) = serde_json::from_slice::<PerformanceTargets>(data) {
        let indicators: Vec<&Indicator> = targets
            .department
            .iter()
            .flat_map(|d| d.indicators.iter())
            .chain(targets.projects.iter().flat_map(|p| p.indicators.iter()))
            .collect();
        score_indicators(&indicators, &actuals);
        if let Some(budget) = shipped_budget() {
            for lint in targets.lint(budget) {
                check_error("Lint", s, &lint);
            }
        }
    }
}

fn score_indicators(indicators: &[&Indicator], actuals: &[Actual]) {
    for i in indicators {
        let w = i.weight.max(Decimal::ZERO);
        for a in actuals {
            let score = i.score(a);
            assert!(score >= Decimal::ZERO, "{i:?} scores {score} for {a:?}");
            assert!(
                score <= w.round_dp(2) || score <= w,
                "{i:?} scores {score} above its weight for {a:?}"
            );
        }
    }
    let pairs: Vec<(&Indicator, Option<Actual>)> = indicators
        .iter()
        .zip(actuals.iter().map(Some).chain(std::iter::repeat(None)))
        .map(|(i, a)| (*i, a.cloned()))
        .collect();
    for profile in [
        WeightProfile::xinjiang_2026(),
        WeightProfile::full_hundred(),
    ] {
        for rate in [Decimal::ZERO, Decimal::ONE, Decimal::MAX] {
            let score = profile.score(&pairs, rate);
            assert_eq!(profile.grade(score.total), score.grade);
        }
    }
}

/// The reference budget (`examples/data/alashankou_2026.json`), built once.
fn shipped_budget() -> Option<&'static DepartmentBudget> {
    static BUDGET: OnceLock<Option<DepartmentBudget>> = OnceLock::new();
    BUDGET
        .get_or_init(|| {
            serde_json::from_str(include_str!("../../examples/data/alashankou_2026.json")).ok()
        })
        .as_ref()
}
