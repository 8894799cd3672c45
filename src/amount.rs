//! 金额: exact money in 元, units, rounding to 万元, shares, growth rates and 尾差调整.
//!
//! [`Amount`] is a non-negative amount in 元 with exactly two decimals; [`Change`] is a signed
//! difference between two amounts. Both wrap [`rust_decimal::Decimal`] and never touch `f64`.
//! Text is always read in a named [`Unit`]: `Amount::parse_in("1,234.50", Unit::Yuan)`.
//!
//! Rounding is 四舍五入 (half away from zero, `rust_decimal::RoundingStrategy::MidpointAwayFromZero`)
//! everywhere; `Decimal::round_dp` (banker's rounding) is never used. Amounts, shares and growth
//! rates are rounded from the exact 分 in integer arithmetic, so a midpoint is recognised exactly
//! (and a test checks the integer path against `MidpointAwayFromZero` on `Decimal`). [`largest_remainder`] and [`shares_summing_to_100`] make rounded
//! parts add up to the rounded whole, the 尾差调整 of published tables.
//!
//! ```
//! use yusuan::amount::{Amount, Unit};
//!
//! let a = Amount::parse_in("50.00", Unit::Yuan)?;
//! assert_eq!(a.display_in(Unit::WanYuan).to_string(), "0.01"); // 0.005 万元 rounds up
//! let b = Amount::parse_in("95.62", Unit::WanYuan)?;
//! assert_eq!(b.to_string(), "956200.00");
//! assert_eq!(b.checked_sub(a).map(|d| d.to_string()), Some("956150.00".to_string()));
//! # Ok::<(), yusuan::Error>(())
//! ```

use core::fmt;
use core::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{AmountError, Error, Result};

/// 计量单位: the unit an amount is read or shown in.
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
pub enum Unit {
    /// 元: yuan, two decimals (分).
    #[strum(to_string = "元")]
    Yuan,
    /// 万元: ten thousand yuan; published tables show two decimals, text may carry six.
    #[strum(to_string = "万元")]
    WanYuan,
}

impl Unit {
    /// How many 元 one of this unit is (1 or 10 000).
    #[must_use]
    pub fn yuan_per_unit(self) -> Decimal {
        match self {
            Unit::Yuan => Decimal::ONE,
            Unit::WanYuan => Decimal::from(10_000u32),
        }
    }

    /// The most fractional digits an amount in this unit can carry exactly: 2 in 元 (分), 6 in
    /// 万元 (0.000001 万元 = 0.01 元).
    #[must_use]
    pub fn max_decimals(self) -> u32 {
        match self {
            Unit::Yuan => 2,
            Unit::WanYuan => 6,
        }
    }

    /// Parses `元` or `万元` (also `yuan`, `wan_yuan`).
    ///
    /// # Errors
    /// [`Error::UnknownName`] for anything else.
    pub fn parse(s: &str) -> Result<Unit> {
        match s.trim() {
            "元" | "yuan" => Ok(Unit::Yuan),
            "万元" | "wan_yuan" => Ok(Unit::WanYuan),
            _ => Err(Error::UnknownName {
                vocabulary: "unit (计量单位)",
                input: s.to_string(),
            }),
        }
    }
}

impl FromStr for Unit {
    type Err = Error;
    fn from_str(s: &str) -> Result<Unit> {
        Unit::parse(s)
    }
}

/// The cent scale every amount is normalised to.
const SCALE: u32 = 2;

/// Rounds a decimal 四舍五入 to `dp` places and pads it to exactly `dp` places: the reference
/// that [`round_fen`] is tested against.
#[cfg(test)]
fn round_half_up(value: Decimal, dp: u32) -> Decimal {
    let mut r =
        value.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    r.rescale(dp);
    if r.is_zero() {
        // -0.004 rounds to zero, which has no sign ("0.00", never "-0.00").
        r.set_sign_positive(true);
    }
    r
}

/// Rounds a signed number of 分 to `dp` (at most 6) decimals of `unit`, 四舍五入.
///
/// The integer twin of `Decimal::round_dp_with_strategy(dp, MidpointAwayFromZero)`, several
/// times faster than dividing a `Decimal`, which matters because tables round every cell. Both give the same result (the
/// `round_fen_agrees_with_decimal_rounding` test).
fn round_fen(fen: i128, unit: Unit, dp: u32) -> Decimal {
    let dp = dp.min(6);
    let fen_per_unit: i128 = match unit {
        Unit::Yuan => 100,
        Unit::WanYuan => 1_000_000,
    };
    // |fen| < 10^21 and 10^dp <= 10^6, so the product stays far below i128::MAX.
    let steps = div_round_half_away(fen * 10i128.pow(dp), fen_per_unit).unwrap_or(0);
    let mut d = Decimal::from_i128_with_scale(steps, dp);
    if d.is_zero() {
        d.set_sign_positive(true);
    }
    d
}

/// 金额: a non-negative amount of money in 元 with exactly two decimals.
///
/// Every `Amount` is between [`Amount::ZERO`] and [`Amount::MAX`] and is stored with scale 2,
/// so `Display` always prints two decimals and round-trips through [`Amount::parse_in`] in 元.
/// Arithmetic is checked: [`Amount::checked_add`], [`Amount::checked_sub`] and
/// [`Amount::checked_sum`] return `None` (or an [`Error::Overflow`]) instead of wrapping or
/// panicking; subtracting in general gives a signed [`Change`].
///
/// Serde reads and writes a decimal **string** in 元 (`"1234.50"`); JSON numbers are rejected
/// so that a float can never slip in.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Amount(Decimal);

impl Default for Amount {
    /// [`Amount::ZERO`], with scale 2 like every amount (a derived default would print `0`).
    fn default() -> Amount {
        Amount::ZERO
    }
}

impl Amount {
    /// Zero 元.
    pub const ZERO: Amount = Amount(Decimal::from_parts(0, 0, 0, false, SCALE));

    /// The largest amount: 999 999 999 999 999 999.99 元 (just under 10¹⁸ 元, a thousand times
    /// any national budget). Sums of up to 10⁸ such amounts still fit in a `Decimal`, and every
    /// checked operation rejects results above it.
    // 10^20 - 1 cents = 0x5_6BC7_5E2D_630F_FFFF; lo = 0x630FFFFF, mid = 0x6BC75E2D, hi = 0x5.
    pub const MAX: Amount = Amount(Decimal::from_parts(
        0x630F_FFFF,
        0x6BC7_5E2D,
        0x5,
        false,
        SCALE,
    ));

    /// An amount from a decimal number of 元.
    ///
    /// # Errors
    /// [`Error::InvalidAmount`] when `yuan` is negative, has more than two significant
    /// decimals (`1.234`), or exceeds [`Amount::MAX`]. Trailing zeros are fine (`1.500`).
    pub fn new(yuan: Decimal) -> Result<Amount> {
        Amount::from_decimal_in(yuan, Unit::Yuan)
    }

    /// An amount from a decimal number of `unit` (e.g. `95.62` 万元 = 956 200.00 元).
    ///
    /// # Errors
    /// As [`Amount::new`]; the decimal limit is the unit's [`Unit::max_decimals`].
    pub fn from_decimal_in(value: Decimal, unit: Unit) -> Result<Amount> {
        let err = |reason| Error::InvalidAmount {
            input: value.to_string(),
            unit,
            reason,
        };
        if value.is_sign_negative() && !value.is_zero() {
            return Err(err(AmountError::Negative));
        }
        let normalized = value.normalize();
        if normalized.scale() > unit.max_decimals() {
            return Err(err(AmountError::TooManyDecimals {
                found: normalized.scale() as usize,
                allowed: unit.max_decimals(),
                unit,
            }));
        }
        let yuan = normalized
            .checked_mul(unit.yuan_per_unit())
            .ok_or_else(|| err(AmountError::TooLarge))?;
        Amount::from_exact_yuan(yuan).ok_or_else(|| err(AmountError::TooLarge))
    }

    /// A non-negative yuan value with at most two decimals, bounded by `MAX`.
    fn from_exact_yuan(yuan: Decimal) -> Option<Amount> {
        let mut d = yuan.abs();
        if d > Amount::MAX.0 {
            return None;
        }
        d.rescale(SCALE);
        Some(Amount(d))
    }

    /// An amount from a whole number of 分 (cents), exactly: `from_fen(12_345)` is 123.45 元.
    ///
    /// Every `u64` fits (`u64::MAX` 分 is about 1.8 × 10¹⁷ 元, below [`Amount::MAX`]), so this
    /// cannot fail, and it is `const`: amount literals need no `unwrap`.
    ///
    /// ```
    /// use yusuan::Amount;
    /// const FEE: Amount = Amount::from_fen(12_345);
    /// assert_eq!(FEE.to_string(), "123.45");
    /// ```
    #[must_use]
    pub const fn from_fen(fen: u64) -> Amount {
        // Split the 64-bit mantissa into the low and middle 32-bit words of a Decimal.
        let lo = (fen & 0xFFFF_FFFF) as u32;
        let mid = (fen >> 32) as u32;
        Amount(Decimal::from_parts(lo, mid, 0, false, SCALE))
    }

    /// An amount from a whole number of 元, exactly: `from_yuan(130_000)` is 130 000.00 元
    /// (13.00 万元).
    ///
    /// Every `u32` fits, so this cannot fail, and it is `const`. Larger or fractional amounts:
    /// [`Amount::from_fen`] or [`Amount::new`].
    ///
    /// ```
    /// use yusuan::{Amount, Unit};
    /// const GRANT: Amount = Amount::from_yuan(130_000);
    /// assert_eq!(GRANT.display_in(Unit::WanYuan).to_string(), "13.00");
    /// ```
    #[must_use]
    pub const fn from_yuan(yuan: u32) -> Amount {
        // u32::MAX × 100 < u64::MAX: the product cannot overflow.
        Amount::from_fen(yuan as u64 * 100)
    }

    /// An amount from a whole number of 分, or `None` above [`Amount::MAX`].
    #[must_use]
    pub fn from_fen_u128(fen: u128) -> Option<Amount> {
        let fen = i128::try_from(fen).ok()?;
        let d = Decimal::try_from_i128_with_scale(fen, SCALE).ok()?;
        (d <= Amount::MAX.0).then_some(Amount(d))
    }

    /// Reads the canonical form of an amount in 元, the form data files (budget JSON, flat facts)
    /// use and [`Display`](fmt::Display) writes: ASCII digits without sign, separators, spaces
    /// or leading zeros, then optionally a point and one or two decimals (`"1234.50"`, `"0.5"`,
    /// `"12"`). What disclosures print (`1,234.50`, `１２３４．５０`) is read by
    /// [`Amount::parse_in`] instead.
    ///
    /// ```
    /// use yusuan::Amount;
    /// assert_eq!(Amount::parse_canonical("1234.50")?.to_string(), "1234.50");
    /// assert_eq!(
    ///     Amount::parse_canonical("1,234.50").unwrap_err().to_string(),
    ///     "invalid amount \"1,234.50\" in 元: ',' at character 2: data amounts are plain ASCII \
    ///      decimal strings such as \"1234.50\""
    /// );
    /// # Ok::<(), yusuan::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidAmount`] with [`AmountError::NotCanonical`] naming the first offending
    /// character, or the reasons of [`Amount::parse_in`] (too many decimals, too large).
    pub fn parse_canonical(text: &str) -> Result<Amount> {
        let err = |reason| Error::InvalidAmount {
            input: text.to_string(),
            unit: Unit::Yuan,
            reason,
        };
        let (whole, fraction) = match text.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (text, None),
        };
        let offending = text
            .chars()
            .enumerate()
            .find(|&(_, c)| !(c.is_ascii_digit() || c == '.'));
        if let Some((position, found)) = offending {
            return Err(err(AmountError::NotCanonical {
                found: Some(found),
                position: position + 1,
            }));
        }
        let misplaced = whole.is_empty()
            || fraction.is_some_and(|f| f.is_empty() || f.contains('.'))
            || (whole.len() > 1 && whole.starts_with('0'));
        if misplaced {
            return Err(err(AmountError::NotCanonical {
                found: None,
                position: 1,
            }));
        }
        Amount::parse_in(text, Unit::Yuan)
    }

    /// Reads an amount printed in `unit`.
    ///
    /// Accepts what published disclosures print: thousands separators in threes (`1,234.50`),
    /// full-width digits, point and comma (`１，２３４．５０`), surrounding whitespace, no
    /// decimals (`12`). Rejects everything else with a reason.
    ///
    /// # Errors
    /// [`Error::InvalidAmount`] for empty text, `-1` (negative), `1.234` in 元 (three decimals; 万元
    /// allow six), `NaN`, `1e5`, `1,23` (bad grouping), `1..2`, and values above [`Amount::MAX`].
    ///
    /// ```
    /// use yusuan::amount::{Amount, Unit};
    /// assert_eq!(Amount::parse_in("１，２３４．５", Unit::Yuan)?.to_string(), "1234.50");
    /// let err = Amount::parse_in("1.234", Unit::Yuan).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     r#"invalid amount "1.234" in 元: 3 decimal places; 元 amounts carry at most 2"#
    /// );
    /// # Ok::<(), yusuan::Error>(())
    /// ```
    pub fn parse_in(text: &str, unit: Unit) -> Result<Amount> {
        let err = |reason| Error::InvalidAmount {
            input: text.to_string(),
            unit,
            reason,
        };
        let number = parse_number(text).map_err(err)?;
        if number.fraction_digits > unit.max_decimals() as usize {
            return Err(err(AmountError::TooManyDecimals {
                found: number.fraction_digits,
                allowed: unit.max_decimals(),
                unit,
            }));
        }
        // Scale to 分: 元 has 2 decimals, 万元 6 (1 万元 = 10^6 分).
        let shift = unit.max_decimals() - number.fraction_digits as u32;
        let fen = number
            .mantissa
            .checked_mul(10i128.pow(shift))
            .filter(|f| *f <= Amount::MAX.0.mantissa())
            .ok_or_else(|| err(AmountError::TooLarge))?;
        Ok(Amount(Decimal::from_i128_with_scale(fen, SCALE)))
    }

    /// The amount in 元 as a decimal with scale 2.
    #[must_use]
    pub fn as_decimal(self) -> Decimal {
        self.0
    }

    /// The exact amount in `unit` (no rounding: 956 200.00 元 is `95.62` 万元, 50 元 is `0.005`).
    #[must_use]
    pub fn to_unit(self, unit: Unit) -> Decimal {
        match unit {
            Unit::Yuan => self.0,
            // Division by 10^4 of a scale-2 decimal below 10^20 is exact.
            Unit::WanYuan => (self.0 / unit.yuan_per_unit()).normalize(),
        }
    }

    /// The amount in `unit`, rounded 四舍五入 to `dp` decimals and printed with exactly `dp`
    /// decimals (`Decimal` keeps the scale).
    #[must_use]
    pub fn round_in(self, unit: Unit, dp: u32) -> Decimal {
        round_fen(self.fen() as i128, unit, dp)
    }

    /// How published tables print the amount: rounded 四舍五入 to two decimals of `unit`.
    /// `Display` of the result is e.g. `95.62`; `0.005` 万元 shows as `0.01`.
    #[must_use]
    pub fn display_in(self, unit: Unit) -> Decimal {
        self.round_in(unit, 2)
    }

    /// Whether the amount is zero.
    #[must_use]
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// The amount in whole 分 (cents).
    #[must_use]
    pub fn fen(self) -> u128 {
        // Scale is always 2 and the value non-negative, so the mantissa is the cent count.
        self.0.mantissa().unsigned_abs()
    }

    /// `self + other`, or `None` above [`Amount::MAX`].
    #[must_use]
    pub fn checked_add(self, other: Amount) -> Option<Amount> {
        // Both sides have scale 2, so the sum has scale 2 too: only the bound needs checking.
        let sum = self.0.checked_add(other.0)?;
        (sum <= Amount::MAX.0).then_some(Amount(sum))
    }

    /// `self - other` as an amount, or `None` when `other` is larger.
    pub fn checked_sub(self, other: Amount) -> Option<Amount> {
        if other > self {
            return None;
        }
        self.0
            .checked_sub(other.0)
            .and_then(Amount::from_exact_yuan)
    }

    /// `self × n`, or `None` above [`Amount::MAX`].
    pub fn checked_mul_int(self, n: u64) -> Option<Amount> {
        self.0
            .checked_mul(Decimal::from(n))
            .and_then(Amount::from_exact_yuan)
    }

    /// The signed difference `self - earlier` (e.g. this year against the prior year). Never
    /// overflows: both sides are within `0..=MAX`.
    #[must_use]
    pub fn change_from(self, earlier: Amount) -> Change {
        let mut d = self.0 - earlier.0;
        d.rescale(SCALE);
        Change(d)
    }

    /// The sum of `amounts`.
    ///
    /// # Errors
    /// [`Error::Overflow`] when the sum exceeds [`Amount::MAX`].
    pub fn checked_sum<I: IntoIterator<Item = Amount>>(amounts: I) -> Result<Amount> {
        amounts
            .into_iter()
            .try_fold(Amount::ZERO, Amount::checked_add)
            .ok_or(Error::Overflow {
                operation: "sum of amounts",
            })
    }

    /// This amount as a share (占比) of `whole`; `None` when `whole` is zero.
    #[must_use]
    pub fn share_of(self, whole: Amount) -> Option<Ratio> {
        Ratio::new(self.fen() as i128, whole.fen() as i128)
    }

    /// The growth rate (增长率) from `prior` to `self`: `(self - prior) / prior`; `None` when
    /// `prior` is zero (the profile then decides what is printed, e.g. "增长 100.00%").
    #[must_use]
    pub fn growth_from(self, prior: Amount) -> Option<Ratio> {
        let diff = self.fen() as i128 - prior.fen() as i128;
        Ratio::new(diff, prior.fen() as i128)
    }
}

impl fmt::Display for Amount {
    /// The amount in 元 with two decimals, e.g. `956200.00`; see [`Amount::display_in`] for 万元.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Debug for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Amount({} 元)", self.0)
    }
}

impl FromStr for Amount {
    type Err = Error;
    /// Parses an amount in 元; use [`Amount::parse_in`] to name another unit.
    fn from_str(s: &str) -> Result<Amount> {
        Amount::parse_in(s, Unit::Yuan)
    }
}

impl TryFrom<Decimal> for Amount {
    type Error = Error;
    /// Same as [`Amount::new`]: the decimal is in 元.
    fn try_from(yuan: Decimal) -> Result<Amount> {
        Amount::new(yuan)
    }
}

impl From<Amount> for u128 {
    /// The amount in 分 (cents), the unit exact wide sums are kept in.
    fn from(a: Amount) -> u128 {
        a.fen()
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> core::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Amount {
    /// Reads the canonical form only ([`Amount::parse_canonical`]): data files are not printed
    /// text, and a grouped or full-width amount there is a data-entry error to report.
    fn deserialize<D: Deserializer<'de>>(
        deserializer: D,
    ) -> core::result::Result<Amount, D::Error> {
        deserializer.deserialize_str(CanonicalAmount)
    }
}

/// The serde visitor of [`Amount`]: strings in canonical form only.
struct CanonicalAmount;

impl serde::de::Visitor<'_> for CanonicalAmount {
    type Value = Amount;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal string of 元 such as \"1234.50\"")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> core::result::Result<Amount, E> {
        Amount::parse_canonical(v).map_err(E::custom)
    }
}

/// 增减额: a signed difference between two amounts, in 元 with two decimals.
///
/// Produced by [`Amount::change_from`]; its magnitude never exceeds [`Amount::MAX`]. `Display`
/// prints a leading `-` for decreases (`-209600.00`); narratives use [`Change::direction`] and
/// [`Change::magnitude`] to write "减少 20.96 万元".
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Change(Decimal);

impl Default for Change {
    /// [`Change::ZERO`], with scale 2 like every change (a derived default would print `0`).
    fn default() -> Change {
        Change::ZERO
    }
}

/// 增减方向: whether a change is an increase, a decrease or none.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, strum::Display, strum::EnumIter, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// 增加: larger than before.
    #[strum(to_string = "增加")]
    Increase,
    /// 减少: smaller than before.
    #[strum(to_string = "减少")]
    Decrease,
    /// 持平: unchanged.
    #[strum(to_string = "持平")]
    Flat,
}

impl Direction {
    /// The word for a rate in this direction: 增长, 下降 or 持平.
    #[must_use]
    pub fn rate_word(self) -> &'static str {
        match self {
            Direction::Increase => "增长",
            Direction::Decrease => "下降",
            Direction::Flat => "持平",
        }
    }
}

impl Change {
    /// No change.
    pub const ZERO: Change = Change(Decimal::from_parts(0, 0, 0, false, SCALE));

    /// A change from a signed decimal number of `unit`.
    ///
    /// # Errors
    /// [`Error::InvalidAmount`] for too many decimals or a magnitude above [`Amount::MAX`].
    pub fn from_decimal_in(value: Decimal, unit: Unit) -> Result<Change> {
        let magnitude = Amount::from_decimal_in(value.abs(), unit).map_err(|e| match e {
            Error::InvalidAmount { unit, reason, .. } => Error::InvalidAmount {
                input: value.to_string(),
                unit,
                reason,
            },
            other => other,
        })?;
        Ok(Change::signed(magnitude, value.is_sign_negative()))
    }

    fn signed(magnitude: Amount, negative: bool) -> Change {
        if negative && !magnitude.is_zero() {
            Change(-magnitude.0)
        } else {
            Change(magnitude.0)
        }
    }

    /// Reads a signed change printed in `unit`: `-20.96`, `+9.00`, `9`, `－1,234.5` (full-width
    /// minus), with the same rules as [`Amount::parse_in`] for the digits.
    ///
    /// # Errors
    /// [`Error::InvalidAmount`] as for [`Amount::parse_in`] (a sign is of course allowed).
    pub fn parse_in(text: &str, unit: Unit) -> Result<Change> {
        let trimmed = text.trim();
        let mut chars = trimmed.chars();
        let (negative, rest) = match chars.next() {
            Some('-' | '－' | '−') => (true, chars.as_str()),
            Some('+' | '＋') => (false, chars.as_str()),
            _ => (false, trimmed),
        };
        match Amount::parse_in(rest, unit) {
            Ok(m) => Ok(Change::signed(m, negative)),
            Err(Error::InvalidAmount { unit, reason, .. }) => Err(Error::InvalidAmount {
                input: text.to_string(),
                unit,
                reason,
            }),
            Err(other) => Err(other),
        }
    }

    /// The change in 元 as a decimal with scale 2.
    #[must_use]
    pub fn as_decimal(self) -> Decimal {
        self.0
    }

    /// The size of the change, without its sign.
    #[must_use]
    pub fn magnitude(self) -> Amount {
        Amount(self.0.abs())
    }

    /// Increase, decrease or flat.
    #[must_use]
    pub fn direction(self) -> Direction {
        if self.0.is_zero() {
            Direction::Flat
        } else if self.0.is_sign_negative() {
            Direction::Decrease
        } else {
            Direction::Increase
        }
    }

    /// The exact change in `unit`.
    #[must_use]
    pub fn to_unit(self, unit: Unit) -> Decimal {
        match unit {
            Unit::Yuan => self.0,
            Unit::WanYuan => (self.0 / unit.yuan_per_unit()).normalize(),
        }
    }

    /// The change in `unit`, rounded 四舍五入 (half away from zero: -0.005 → -0.01) to `dp`.
    #[must_use]
    pub fn round_in(self, unit: Unit, dp: u32) -> Decimal {
        round_fen(self.0.mantissa(), unit, dp)
    }

    /// `self + other`, or `None` when the magnitude exceeds [`Amount::MAX`].
    #[must_use]
    pub fn checked_add(self, other: Change) -> Option<Change> {
        let d = self.0.checked_add(other.0)?;
        (d.abs() <= Amount::MAX.0).then_some(Change(d))
    }
}

impl fmt::Display for Change {
    /// The change in 元 with two decimals and a `-` for decreases, e.g. `-209600.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Debug for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Change({} 元)", self.0)
    }
}

impl FromStr for Change {
    type Err = Error;
    /// Parses a change in 元; use [`Change::parse_in`] to name another unit.
    fn from_str(s: &str) -> Result<Change> {
        Change::parse_in(s, Unit::Yuan)
    }
}

impl Serialize for Change {
    fn serialize<S: Serializer>(&self, serializer: S) -> core::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Change {
    fn deserialize<D: Deserializer<'de>>(
        deserializer: D,
    ) -> core::result::Result<Change, D::Error> {
        deserializer.deserialize_str(StrVisitor::<Change>::new(
            "a signed decimal string of 元 such as \"-20.96\"",
        ))
    }
}

/// A serde visitor that accepts strings only and funnels them through `FromStr`.
pub(crate) struct StrVisitor<T> {
    expecting: &'static str,
    marker: core::marker::PhantomData<T>,
}

impl<T> StrVisitor<T> {
    pub(crate) fn new(expecting: &'static str) -> Self {
        StrVisitor {
            expecting,
            marker: core::marker::PhantomData,
        }
    }
}

impl<T: FromStr<Err = Error>> serde::de::Visitor<'_> for StrVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> core::result::Result<T, E> {
        v.parse().map_err(E::custom)
    }
}

/// An exact ratio of two amounts: a share (占比) or a growth rate (增长率).
///
/// Kept as numerator and denominator in 分, so rounding to a percentage is exact: a ratio that
/// lies exactly on a midpoint (e.g. 1/8 = 12.5 %) is recognised as such and rounded 四舍五入.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ratio {
    numerator: i128,
    denominator: i128,
}

impl Ratio {
    /// `numerator / denominator`; `None` when the denominator is not positive.
    #[must_use]
    pub fn new(numerator: i128, denominator: i128) -> Option<Ratio> {
        (denominator > 0).then_some(Ratio {
            numerator,
            denominator,
        })
    }

    /// The numerator (in 分 when made from amounts).
    #[must_use]
    pub fn numerator(self) -> i128 {
        self.numerator
    }

    /// The denominator (in 分 when made from amounts); always positive.
    #[must_use]
    pub fn denominator(self) -> i128 {
        self.denominator
    }

    /// Whether the ratio is negative (a decline).
    #[must_use]
    pub fn is_negative(self) -> bool {
        self.numerator < 0
    }

    /// The ratio as a percentage rounded 四舍五入 to `dp` decimals (at most 6): 69.62/95.62 →
    /// `72.81`. `None` only if the result does not fit a `Decimal`.
    #[must_use]
    pub fn percent(self, dp: u32) -> Option<Decimal> {
        let dp = dp.min(6);
        let scale = 10i128.checked_pow(dp + 2)?;
        let n = self.numerator.checked_mul(scale)?;
        let q = div_round_half_away(n, self.denominator)?;
        let mut d = Decimal::try_from_i128_with_scale(q, dp).ok()?;
        d.rescale(dp);
        Some(d)
    }
}

/// `n / d` rounded half away from zero, for `d > 0`.
fn div_round_half_away(n: i128, d: i128) -> Option<i128> {
    let q = n.checked_div(d)?;
    let r = n.checked_rem(d)?;
    // |r| * 2 >= d  → round away from zero
    let twice = r.checked_abs()?.checked_mul(2)?;
    if twice >= d {
        Some(if n < 0 { q - 1 } else { q + 1 })
    } else {
        Some(q)
    }
}

/// Inserts thousands separators into a printed number: `31214205.80` → `31,214,205.80`,
/// `-4185.71` → `-4,185.71`.
#[must_use]
pub fn group_thousands(number: &str) -> String {
    let (sign, rest) = number.strip_prefix('-').map_or(("", number), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut out = String::from(sign);
    let n = int.chars().count();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
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

/// 尾差调整: rounds each part to `dp` decimals of `unit` so that the rounded parts add up exactly
/// to the rounded total (the total of the exact parts, rounded 四舍五入).
///
/// Each part is first cut down to the rounding step; the steps still missing to reach the rounded
/// total go, one each, to the parts with the largest cut-off remainders (largest remainder /
/// Hamilton method; ties go to the earlier part). A part is therefore never moved by more than one
/// step from its exact value.
///
/// ```
/// use yusuan::amount::{largest_remainder, Amount, Unit};
/// // Three parts of 33.333 3 万元 each: faithful rounding prints 33.33 three times (99.99),
/// // but the whole is 100.00.
/// let third = Amount::from_fen(33_333_334); // 333 333.34 元
/// let rest = Amount::from_fen(33_333_333);
/// let parts = [third, rest, rest];
/// let shown = largest_remainder(&parts, Unit::WanYuan, 2)?;
/// let total: rust_decimal::Decimal = shown.iter().sum();
/// assert_eq!(total.to_string(), "100.00");
/// # Ok::<(), yusuan::Error>(())
/// ```
///
/// # Errors
/// [`Error::Overflow`] when the parts do not add up below [`Amount::MAX`].
pub fn largest_remainder(parts: &[Amount], unit: Unit, dp: u32) -> Result<Vec<Decimal>> {
    let dp = dp.min(6);
    // Work in integers: values in 分, step = one unit of the last printed decimal, in 分.
    let fen_per_unit: i128 = match unit {
        Unit::Yuan => 100,
        Unit::WanYuan => 1_000_000,
    };
    let step_divisor = 10i128.pow(dp);
    // step in 分 may be fractional (dp > 2 in 元): scale everything by step_divisor instead.
    let values: Vec<i128> = parts
        .iter()
        .map(|a| a.fen() as i128 * step_divisor)
        .collect();
    let total = Amount::checked_sum(parts.iter().copied())?.fen() as i128 * step_divisor;
    let allocated = allocate(&values, total, fen_per_unit).ok_or(Error::Overflow {
        operation: "largest-remainder rounding",
    })?;
    allocated
        .into_iter()
        .map(|steps| {
            Decimal::try_from_i128_with_scale(steps, dp)
                .map(|mut d| {
                    d.rescale(dp);
                    d
                })
                .map_err(|_| Error::Overflow {
                    operation: "largest-remainder rounding",
                })
        })
        .collect()
}

/// Shares of a whole, in percent with two decimals, adjusted by largest remainder so that they sum
/// to exactly `100.00` (when the parts are not all zero). Returns `None` when every part is zero.
///
/// ```
/// use yusuan::amount::{shares_summing_to_100, Amount, Unit};
/// let parts = [
///     Amount::parse_in("69.62", Unit::WanYuan)?,
///     Amount::parse_in("23.00", Unit::WanYuan)?,
///     Amount::parse_in("3.00", Unit::WanYuan)?,
/// ];
/// let shares = shares_summing_to_100(&parts)?.unwrap();
/// let shown: Vec<String> = shares.iter().map(|s| s.to_string()).collect();
/// assert_eq!(shown, ["72.81", "24.05", "3.14"]); // the seed's 收入 shares
/// # Ok::<(), yusuan::Error>(())
/// ```
///
/// # Errors
/// [`Error::Overflow`] when the parts do not add up below [`Amount::MAX`].
pub fn shares_summing_to_100(parts: &[Amount]) -> Result<Option<Vec<Decimal>>> {
    let total = Amount::checked_sum(parts.iter().copied())?.fen() as i128;
    if total == 0 {
        return Ok(None);
    }
    // share_i in steps of 0.01 % = part_i * 10 000 / total; target 10 000 steps.
    let values: Vec<i128> = parts.iter().map(|a| a.fen() as i128 * 10_000).collect();
    let steps = allocate(&values, 10_000 * total, total).ok_or(Error::Overflow {
        operation: "share rounding",
    })?;
    Ok(Some(
        steps
            .into_iter()
            .map(|s| Decimal::from_i128_with_scale(s, 2))
            .collect(),
    ))
}

/// Largest-remainder allocation of `values[i] / divisor` (non-negative) so that the integer
/// results sum to `round_half_up(total / divisor)`.
fn allocate(values: &[i128], total: i128, divisor: i128) -> Option<Vec<i128>> {
    let target = div_round_half_away(total, divisor)?;
    let mut floors = Vec::with_capacity(values.len());
    let mut remainders = Vec::with_capacity(values.len());
    for (i, v) in values.iter().enumerate() {
        floors.push(v.checked_div(divisor)?);
        remainders.push((v.checked_rem(divisor)?, i));
    }
    let floor_sum = floors
        .iter()
        .try_fold(0i128, |acc, f| acc.checked_add(*f))?;
    let mut missing = target.checked_sub(floor_sum)?;
    // Largest remainder first; on ties the earlier part.
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in remainders {
        if missing <= 0 {
            break;
        }
        if let Some(f) = floors.get_mut(i) {
            *f += 1;
            missing -= 1;
        }
    }
    Some(floors)
}

/// A number as printed, reduced to an exact mantissa and its count of fractional digits.
struct ParsedNumber {
    /// The digits without the decimal point, trailing fractional zeros included.
    mantissa: i128,
    /// Fractional digits as printed.
    fraction_digits: usize,
}

/// Reads printed number text (full-width forms, thousands separators) in one pass, checking the
/// position of every separator, without allocating.
fn parse_number(text: &str) -> core::result::Result<ParsedNumber, AmountError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(AmountError::Empty);
    }
    let mut mantissa: i128 = 0;
    let mut too_large = false;
    let mut integer_digits = 0usize;
    let mut fraction_digits = 0usize;
    let mut seen_point = false;
    // Thousands separators: how many, and integer digits since the last one.
    let mut separators = 0usize;
    let mut since_separator = 0usize;
    for (i, ch) in trimmed.chars().enumerate() {
        let position = i + 1;
        let c = match ch {
            '０'..='９' => char::from_u32(ch as u32 - '０' as u32 + '0' as u32).unwrap_or(ch),
            '．' => '.',
            '，' => ',',
            '-' | '－' | '−' if i == 0 => return Err(AmountError::Negative),
            other => other,
        };
        match c {
            '0'..='9' => {
                let digit = i128::from(c as u8 - b'0');
                // Anything with 30 or more significant digits is far above Amount::MAX.
                match mantissa.checked_mul(10).and_then(|m| m.checked_add(digit)) {
                    Some(m) if m < 10i128.pow(30) => mantissa = m,
                    _ => too_large = true,
                }
                if seen_point {
                    fraction_digits += 1;
                } else {
                    integer_digits += 1;
                    since_separator += 1;
                }
            }
            '.' if !seen_point => {
                if separators > 0 && since_separator != 3 {
                    return Err(AmountError::MisplacedSeparator);
                }
                seen_point = true;
            }
            '.' => return Err(AmountError::MisplacedDecimalPoint),
            ',' if !seen_point => {
                let ok = if separators == 0 {
                    (1..=3).contains(&integer_digits)
                } else {
                    since_separator == 3
                };
                if !ok {
                    return Err(AmountError::MisplacedSeparator);
                }
                separators += 1;
                since_separator = 0;
            }
            ',' => return Err(AmountError::MisplacedSeparator),
            found => return Err(AmountError::UnexpectedChar { found, position }),
        }
    }
    if integer_digits == 0 || (seen_point && fraction_digits == 0) {
        return Err(AmountError::MisplacedDecimalPoint);
    }
    if !seen_point && separators > 0 && since_separator != 3 {
        return Err(AmountError::MisplacedSeparator);
    }
    if too_large {
        return Err(AmountError::TooLarge);
    }
    Ok(ParsedNumber {
        mantissa,
        fraction_digits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_is_just_under_ten_to_the_eighteen_yuan() {
        assert_eq!(Amount::MAX.to_string(), "999999999999999999.99");
    }

    #[test]
    fn round_fen_agrees_with_decimal_rounding() {
        let cases = [
            0i128, 1, 4_999, 5_000, 5_001, 15_000, 25_000, 379_500, 378_500, -5_000, -4_999,
            -25_000,
        ];
        for fen in cases {
            for unit in [Unit::Yuan, Unit::WanYuan] {
                for dp in 0..=6 {
                    let exact = Decimal::from_i128_with_scale(fen, 2) / unit.yuan_per_unit();
                    assert_eq!(
                        round_fen(fen, unit, dp),
                        round_half_up(exact, dp),
                        "{fen} {unit} {dp}"
                    );
                }
            }
        }
    }

    #[test]
    fn allocate_ties_go_to_the_earlier_part() {
        assert_eq!(allocate(&[5, 5], 10, 10), Some(vec![1, 0]));
    }
}

crate::vocabulary::from_str_by_name!(Direction => "direction (增减方向)");
