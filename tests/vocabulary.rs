//! Every closed vocabulary reads back its own Chinese name (`Display`) and its JSON key
//! (what serde writes), and both readings agree; unknown text is an error naming the vocabulary.

use std::fmt::{Debug, Display};
use std::str::FromStr;

use serde::Serialize;
use yusuan::IntoEnumIterator;
use yusuan::amount::Direction;
use yusuan::budget::{BasicKind, ProjectCategory, UnitKind, VehicleKind};
use yusuan::classification::{CodeSystem, Level, MappingBasis};
use yusuan::funding::FundingGroup;
use yusuan::performance::{BenefitKind, Comparator, CostKind, Grade, OutputKind, SatisfactionKind};
use yusuan::{Error, FundType, FundingSource, Unit};

fn round_trips<T>()
where
    T: IntoEnumIterator + Display + Serialize + FromStr<Err = Error> + PartialEq + Debug,
{
    let mut n = 0;
    for v in T::iter() {
        let name = v.to_string();
        assert_eq!(name.parse::<T>().as_ref(), Ok(&v), "Chinese name {name:?}");
        let json = serde_json::to_string(&v).unwrap();
        let key = json.trim_matches('"');
        assert_eq!(key.parse::<T>().as_ref(), Ok(&v), "JSON key {key:?}");
        n += 1;
    }
    assert!(n >= 1, "{} has no variants", std::any::type_name::<T>());
    match "没有这个名字".parse::<T>() {
        Err(Error::UnknownName { input, .. }) => assert_eq!(input, "没有这个名字"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_vocabulary_reads_its_names_and_json_keys() {
    round_trips::<FundingSource>();
    round_trips::<FundType>();
    round_trips::<FundingGroup>();
    round_trips::<Unit>();
    round_trips::<Direction>();
    round_trips::<UnitKind>();
    round_trips::<BasicKind>();
    round_trips::<ProjectCategory>();
    round_trips::<VehicleKind>();
    round_trips::<OutputKind>();
    round_trips::<BenefitKind>();
    round_trips::<CostKind>();
    round_trips::<SatisfactionKind>();
    round_trips::<Comparator>();
    round_trips::<Grade>();
    round_trips::<MappingBasis>();
    round_trips::<CodeSystem>();
    round_trips::<Level>();
}

#[test]
fn the_json_key_of_the_issue_parses() {
    // The key a budget JSON uses for 本级财政拨款 (see examples/data/alashankou_2026.json).
    assert_eq!(
        "general_budget_own".parse::<FundingSource>(),
        Ok(FundingSource::GeneralBudgetOwn)
    );
    assert_eq!(
        FundingSource::iter().count(),
        FundingSource::iter()
            .filter(|s| s.to_string().parse::<FundingSource>() == Ok(*s))
            .count()
    );
}

#[test]
fn dates_say_what_is_wrong() {
    use yusuan::budget::Date;
    for (text, reason) in [
        ("2026-13-01", "there is no month 13"),
        ("2025-02-29", "2025 has no February 29"),
        ("2026-1-01", "expected YYYY-MM-DD"),
        ("2026-0a-01", "the month \"0a\" is not a number"),
        ("2026-+1-01", "the month \"+1\" is not a number"),
    ] {
        match Date::parse(text) {
            Err(Error::InvalidDate {
                input, reason: r, ..
            }) => {
                assert_eq!((input.as_str(), r.as_str()), (text, reason))
            }
            other => panic!("{text}: {other:?}"),
        }
    }
    assert_eq!(Date::parse("2024-02-29").map(|d| d.day()), Ok(29));
}
