//! Amounts: parsing, rounding, shares, growth rates and 尾差调整.

use proptest::prelude::*;
use rust_decimal::Decimal;
use yusuan::amount::{Direction, Ratio, largest_remainder, shares_summing_to_100};
use yusuan::error::AmountError;
use yusuan::{Amount, Change, Error, Unit};

fn unit(name: &str) -> Unit {
    name.parse().unwrap()
}

#[test]
fn rounding_table() {
    let text = include_str!("data/rounding.csv");
    let mut rows = 0;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.starts_with("kind,") || line.is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split(',').collect();
        let (kind, value, u, dp, expected) = (cols[0], cols[1], unit(cols[2]), cols[3], cols[4]);
        let dp: u32 = dp.parse().unwrap();
        let got = match kind {
            "amount" => Amount::parse_in(value, Unit::Yuan).unwrap().round_in(u, dp),
            "change" => Change::parse_in(value, Unit::Yuan).unwrap().round_in(u, dp),
            other => panic!("row {}: unknown kind {other}", i + 1),
        };
        assert_eq!(
            got.to_string(),
            expected,
            "rounding.csv line {}: {line}",
            i + 1
        );
        rows += 1;
    }
    assert_eq!(rows, 29);
}

#[track_caller]
fn amount_err(text: &str, u: Unit) -> (String, AmountError) {
    match Amount::parse_in(text, u).unwrap_err() {
        e @ Error::InvalidAmount { .. } => {
            let Error::InvalidAmount { reason, .. } = &e else {
                unreachable!()
            };
            (e.to_string(), *reason)
        }
        other => panic!("unexpected error {other:?}"),
    }
}

#[test]
fn parse_accepts_what_disclosures_print() {
    let cases = [
        ("1,234.50", Unit::Yuan, "1234.50"),
        ("12,121,164", Unit::Yuan, "12121164.00"),
        (" 95.62 ", Unit::WanYuan, "956200.00"),
        ("１２３４．５０", Unit::Yuan, "1234.50"),
        ("１，２３４", Unit::Yuan, "1234.00"),
        ("3,702.206400", Unit::WanYuan, "37022064.00"),
        ("0.000001", Unit::WanYuan, "0.01"),
        ("007", Unit::Yuan, "7.00"),
        ("0", Unit::Yuan, "0.00"),
    ];
    for (text, u, yuan) in cases {
        assert_eq!(
            Amount::parse_in(text, u).unwrap().to_string(),
            yuan,
            "{text:?} in {u}"
        );
    }
}

#[test]
fn parse_errors_name_the_input_and_the_reason() {
    let cases = [
        (
            "-1",
            Unit::Yuan,
            r#"invalid amount "-1" in 元: amounts are never negative; use `Change` for differences"#,
        ),
        (
            "1.234",
            Unit::Yuan,
            r#"invalid amount "1.234" in 元: 3 decimal places; 元 amounts carry at most 2"#,
        ),
        (
            "1.2345678",
            Unit::WanYuan,
            r#"invalid amount "1.2345678" in 万元: 7 decimal places; 万元 amounts carry at most 6"#,
        ),
        (
            "",
            Unit::Yuan,
            r#"invalid amount "" in 元: the text is empty"#,
        ),
        (
            "NaN",
            Unit::Yuan,
            r#"invalid amount "NaN" in 元: unexpected character 'N' at character 1"#,
        ),
        (
            "1e5",
            Unit::Yuan,
            r#"invalid amount "1e5" in 元: unexpected character 'e' at character 2"#,
        ),
        (
            "1,23",
            Unit::Yuan,
            r#"invalid amount "1,23" in 元: thousands separators must group the integer part in threes"#,
        ),
        (
            "1234,567",
            Unit::Yuan,
            r#"invalid amount "1234,567" in 元: thousands separators must group the integer part in threes"#,
        ),
        (
            "1.500",
            Unit::Yuan,
            r#"invalid amount "1.500" in 元: 3 decimal places; 元 amounts carry at most 2"#,
        ),
        (
            "1..2",
            Unit::Yuan,
            r#"invalid amount "1..2" in 元: the decimal point is misplaced"#,
        ),
        (
            ".5",
            Unit::Yuan,
            r#"invalid amount ".5" in 元: the decimal point is misplaced"#,
        ),
        (
            "5.",
            Unit::Yuan,
            r#"invalid amount "5." in 元: the decimal point is misplaced"#,
        ),
        (
            "1000000000000000000",
            Unit::Yuan,
            r#"invalid amount "1000000000000000000" in 元: larger than the largest amount (999999999999999999.99 元)"#,
        ),
        (
            "100000000000000",
            Unit::WanYuan,
            r#"invalid amount "100000000000000" in 万元: larger than the largest amount (999999999999999999.99 元)"#,
        ),
        (
            "99999999999999999999999999999999",
            Unit::Yuan,
            r#"invalid amount "99999999999999999999999999999999" in 元: larger than the largest amount (999999999999999999.99 元)"#,
        ),
    ];
    for (text, u, message) in cases {
        assert_eq!(amount_err(text, u).0, message);
    }
    assert_eq!(amount_err("-1", Unit::Yuan).1, AmountError::Negative);
}

#[test]
fn new_rejects_what_parse_rejects() {
    assert!(Amount::new(Decimal::new(-1, 0)).is_err());
    assert!(Amount::new(Decimal::new(1234, 3)).is_err());
    assert_eq!(
        Amount::new(Decimal::new(1500, 3)).unwrap().to_string(),
        "1.50"
    );
    assert_eq!(
        Amount::new(Decimal::MAX).unwrap_err().to_string(),
        format!(
            "invalid amount \"{}\" in 元: larger than the largest amount (999999999999999999.99 元)",
            Decimal::MAX
        )
    );
    assert!(Amount::new(Decimal::NEGATIVE_ONE * Decimal::ZERO).is_ok());
}

#[test]
fn serde_uses_decimal_strings_and_rejects_floats() {
    let a = Amount::parse_in("95.62", Unit::WanYuan).unwrap();
    assert_eq!(serde_json::to_string(&a).unwrap(), "\"956200.00\"");
    // Data files hold the canonical form; what disclosures print is for `parse_in`.
    assert_eq!(
        serde_json::from_str::<Amount>("\"1234.5\"")
            .unwrap()
            .to_string(),
        "1234.50"
    );
    let grouped = serde_json::from_str::<Amount>("\"1,234.5\"")
        .unwrap_err()
        .to_string();
    assert!(grouped.contains("',' at character 2"), "{grouped}");
    let float = serde_json::from_str::<Amount>("1234.5")
        .unwrap_err()
        .to_string();
    assert!(float.contains("expected a decimal string of 元"), "{float}");
    let bad = serde_json::from_str::<Amount>("\"-3\"")
        .unwrap_err()
        .to_string();
    assert!(bad.contains("'-' at character 1"), "{bad}");
    let c = Amount::ZERO.change_from(a);
    assert_eq!(serde_json::to_string(&c).unwrap(), "\"-956200.00\"");
    assert_eq!(serde_json::from_str::<Change>("\"-956200.00\"").unwrap(), c);
}

#[test]
fn checked_arithmetic_never_wraps() {
    let one = Amount::from_fen(1);
    assert_eq!(Amount::MAX.checked_add(one), None);
    assert_eq!(Amount::ZERO.checked_sub(one), None);
    assert_eq!(Amount::MAX.checked_mul_int(2), None);
    assert_eq!(
        Amount::checked_sum([Amount::MAX, one])
            .unwrap_err()
            .to_string(),
        "arithmetic overflow: sum of amounts leaves the range of amounts (0 to 999999999999999999.99 元)"
    );
    let d = Amount::ZERO.change_from(Amount::MAX);
    assert_eq!(d.magnitude(), Amount::MAX);
    assert_eq!(d.checked_add(d), None);
}

#[test]
fn seed_shares_and_changes() {
    // The seed's 收入 narrative: 一般公共预算 69.62 万元 占 72.81%, 比上年减少 20.96 万元, 下降 23.14%.
    let wan = |s: &str| Amount::parse_in(s, Unit::WanYuan).unwrap();
    let total = wan("95.62");
    let own = wan("69.62");
    let prior_own = wan("90.58");
    assert_eq!(
        own.share_of(total).unwrap().percent(2).unwrap().to_string(),
        "72.81"
    );
    let change = own.change_from(prior_own);
    assert_eq!(change.direction(), Direction::Decrease);
    assert_eq!(
        change.magnitude().display_in(Unit::WanYuan).to_string(),
        "20.96"
    );
    let rate = own.growth_from(prior_own).unwrap();
    assert!(rate.is_negative());
    assert_eq!(rate.percent(2).unwrap().to_string(), "-23.14");
    // 财政拨款结转 3.00 against 0.07: 增长 4,185.71%.
    assert_eq!(
        wan("3.00")
            .growth_from(wan("0.07"))
            .unwrap()
            .percent(2)
            .unwrap()
            .to_string(),
        "4185.71"
    );
    assert_eq!(wan("3.00").growth_from(Amount::ZERO), None);
    assert_eq!(
        Amount::ZERO.change_from(Amount::ZERO).direction(),
        Direction::Flat
    );
    assert_eq!(Direction::Decrease.rate_word(), "下降");
}

#[test]
fn ratio_rounds_midpoints_half_up_exactly() {
    // 1/8 = 12.5 %: 13 at 0 decimals; -1/8 → -13.
    assert_eq!(
        Ratio::new(1, 8).unwrap().percent(0).unwrap().to_string(),
        "13"
    );
    assert_eq!(
        Ratio::new(-1, 8).unwrap().percent(0).unwrap().to_string(),
        "-13"
    );
    // 1/3 = 33.333… %
    assert_eq!(
        Ratio::new(1, 3).unwrap().percent(2).unwrap().to_string(),
        "33.33"
    );
    assert_eq!(
        Ratio::new(2, 3).unwrap().percent(2).unwrap().to_string(),
        "66.67"
    );
    assert_eq!(Ratio::new(1, 0), None);
}

#[test]
fn seed_table6_tail_difference_disappears_in_footing_mode() {
    // 302 商品和服务支出: the rows print 3.79 in total under a 3.80 subtotal. Amounts in 元 chosen
    // so each rounds to the printed cell and their exact sum, 37 950 元, rounds to 3.80.
    let rows = [11_500, 1_000, 2_100, 8_000, 500, 3_700, 2_100, 5_000, 4_000]
        .map(|y: u64| Amount::from_fen(y * 100));
    // Nudge three rows up by 20, 20 and 10 元 so the sum reaches 37 950 元 while each row still
    // rounds to its printed value: 1.15 → 1.1520, 0.21 → 0.2120, 0.37 → 0.3710.
    let mut rows = rows.to_vec();
    for (i, yuan) in [(0, 20), (2, 20), (5, 10)] {
        rows[i] = rows[i].checked_add(Amount::from_fen(yuan * 100)).unwrap();
    }
    let total = Amount::checked_sum(rows.iter().copied()).unwrap();
    assert_eq!(total.display_in(Unit::WanYuan).to_string(), "3.80");
    let faithful: Decimal = rows.iter().map(|r| r.display_in(Unit::WanYuan)).sum();
    assert_eq!(faithful.to_string(), "3.79");
    let footed = largest_remainder(&rows, Unit::WanYuan, 2).unwrap();
    let sum: Decimal = footed.iter().sum();
    assert_eq!(sum, total.display_in(Unit::WanYuan));
    // Only one row moved, by one step.
    let moved = footed
        .iter()
        .zip(&rows)
        .filter(|(f, r)| **f != r.display_in(Unit::WanYuan))
        .count();
    assert_eq!(moved, 1);
}

fn amount_strategy() -> impl Strategy<Value = Amount> {
    prop_oneof![
        (0u64..=10_000_000_000).prop_map(Amount::from_fen),
        any::<u64>().prop_map(Amount::from_fen),
        (0u128..=99_999_999_999_999_999_999u128)
            .prop_map(|f| Amount::new(Decimal::from_i128_with_scale(f as i128, 2)).unwrap()),
    ]
}

/// Prints a decimal with thousands separators, as disclosures do.
fn grouped(d: Decimal) -> String {
    let s = d.to_string();
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

proptest! {
    #[test]
    fn parse_display_round_trips_in_yuan(a in amount_strategy()) {
        prop_assert_eq!(Amount::parse_in(&a.to_string(), Unit::Yuan).unwrap(), a);
        prop_assert_eq!(Amount::parse_in(&grouped(a.as_decimal()), Unit::Yuan).unwrap(), a);
        prop_assert_eq!(a.to_string().parse::<Amount>().unwrap(), a);
    }

    #[test]
    fn parse_display_round_trips_in_wan_yuan(a in amount_strategy()) {
        let wan = a.to_unit(Unit::WanYuan);
        prop_assert_eq!(Amount::parse_in(&wan.to_string(), Unit::WanYuan).unwrap(), a);
        prop_assert_eq!(Amount::parse_in(&grouped(wan), Unit::WanYuan).unwrap(), a);
        // What a table prints parses back to within half a step of the exact amount.
        let shown = Amount::parse_in(&a.display_in(Unit::WanYuan).to_string(), Unit::WanYuan).unwrap();
        prop_assert!(shown.change_from(a).magnitude() <= Amount::from_fen(5_000));
    }

    #[test]
    fn change_round_trips(a in amount_strategy(), b in amount_strategy()) {
        let c = a.change_from(b);
        prop_assert_eq!(Change::parse_in(&c.to_string(), Unit::Yuan).unwrap(), c);
        prop_assert_eq!(c.magnitude(), b.change_from(a).magnitude());
        prop_assert_eq!(Change::parse_in(&c.to_unit(Unit::WanYuan).to_string(), Unit::WanYuan).unwrap(), c);
    }

    #[test]
    fn largest_remainder_always_sums_to_the_rounded_total(
        parts in prop::collection::vec(0u64..=100_000_000_000, 0..40),
        dp in 0u32..=4,
        wan in any::<bool>(),
    ) {
        let unit = if wan { Unit::WanYuan } else { Unit::Yuan };
        let parts: Vec<Amount> = parts.into_iter().map(Amount::from_fen).collect();
        let total = Amount::checked_sum(parts.iter().copied()).unwrap();
        let shown = largest_remainder(&parts, unit, dp).unwrap();
        prop_assert_eq!(shown.len(), parts.len());
        let sum: Decimal = shown.iter().sum();
        prop_assert_eq!(sum, total.round_in(unit, dp));
        // no part moves by a full step or more from its exact value
        let step = Decimal::new(1, dp);
        for (s, p) in shown.iter().zip(&parts) {
            prop_assert!((*s - p.to_unit(unit)).abs() < step);
        }
    }

    #[test]
    fn shares_always_sum_to_100(parts in prop::collection::vec(0u64..=1_000_000_000_000, 1..30)) {
        let parts: Vec<Amount> = parts.into_iter().map(Amount::from_fen).collect();
        let total = Amount::checked_sum(parts.iter().copied()).unwrap();
        match shares_summing_to_100(&parts).unwrap() {
            None => prop_assert!(total.is_zero()),
            Some(shares) => {
                let sum: Decimal = shares.iter().sum();
                prop_assert_eq!(sum.to_string(), "100.00");
                for (s, p) in shares.iter().zip(&parts) {
                    let exact = p.share_of(total).unwrap().percent(6).unwrap();
                    prop_assert!((*s - exact).abs() < Decimal::new(1, 2));
                }
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC*", wan in any::<bool>()) {
        let unit = if wan { Unit::WanYuan } else { Unit::Yuan };
        match Amount::parse_in(&s, unit) {
            Ok(a) => prop_assert!(a <= Amount::MAX),
            Err(Error::InvalidAmount { input, .. }) => prop_assert_eq!(input, s.clone()),
            Err(other) => prop_assert!(false, "unexpected error {:?}", other),
        }
        let _ = Change::parse_in(&s, unit);
        let _ = s.parse::<Unit>();
    }

    #[test]
    fn number_like_text_never_panics(s in "[-+０-９0-9,，.．]{0,40}") {
        let _ = Amount::parse_in(&s, Unit::Yuan);
        let _ = Change::parse_in(&s, Unit::WanYuan);
    }
}

#[test]
fn const_constructors_are_exact_at_their_limits() {
    // Independent of the word-splitting in `from_fen`: the decimal text of the integer.
    assert_eq!(
        Amount::from_fen(u64::MAX).to_string(),
        "184467440737095516.15"
    );
    assert_eq!(Amount::from_fen(1 << 32).to_string(), "42949672.96");
    assert_eq!(Amount::from_fen(0), Amount::ZERO);
    assert_eq!(Amount::from_yuan(u32::MAX).to_string(), "4294967295.00");
    assert_eq!(
        Amount::from_yuan(130_000),
        Amount::parse_in("13", Unit::WanYuan).unwrap()
    );
    const LITERAL: Amount = Amount::from_fen(12_345);
    assert_eq!(LITERAL, Amount::parse_canonical("123.45").unwrap());
}
