//! Narrative against itself: each "X 万元，比上年增加/减少 Z 万元，增长/下降 W%" must hold
//! together — the direction words must agree, and W must be Z over the prior figure X ∓ Z,
//! within the rounding of the printed numbers.

use rust_decimal::Decimal;

use super::document::read_number;
use super::{Finding, Severity};

fn is_numeric(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
}

fn number_at(chars: &[char], start: usize) -> Option<(Decimal, usize, usize)> {
    let mut end = start;
    while is_numeric(chars.get(end)) {
        end += 1;
    }
    if end == start {
        return None;
    }
    let text: String = chars
        .get(start..end)?
        .iter()
        .filter(|c| **c != ',')
        .collect();
    let text = text.trim_end_matches('.');
    let decimals = text.split_once('.').map_or(0, |(_, f)| f.len());
    // Narrative figures are 万元 amounts and percentages: below 10^15 with at most 10 decimals.
    // Anything else is not one, and the bound keeps every rate computed from them (quotients
    // of such figures, times 100) inside a Decimal.
    if decimals > 10 {
        return None;
    }
    read_number(text)
        .filter(|d: &Decimal| d.abs() < Decimal::from(1_000_000_000_000_000_i64))
        .map(|d| (d, end, decimals))
}

fn half(decimals: usize) -> Decimal {
    // A Decimal has at most 28 decimals (number_at allows 10).
    Decimal::new(5, u32::try_from(decimals).unwrap_or(27).min(27) + 1)
}

const UP: [&str; 3] = ["增长", "增幅", "增加"];
const DOWN: [&str; 3] = ["下降", "减幅", "减少"];

fn starts(chars: &[char], at: usize, word: &str) -> bool {
    word.chars()
        .enumerate()
        .all(|(k, w)| chars.get(at + k) == Some(&w))
}

/// Checks every year-on-year sentence of `text`.
pub(crate) fn check_changes(text: &str, findings: &mut Vec<Finding>) {
    // Sentences are wrapped over lines and table cells in extracted text: join them.
    let chars: Vec<char> = text
        .replace(" | ", "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut i = 0;
    // X is looked for only after the previous year-on-year phrase, within the sentence.
    let mut last_end = 0;
    while i < chars.len() {
        if chars.get(i) != Some(&'比') {
            i += 1;
            continue;
        }
        // 比上年预算 / 比2025年执行数 … then 增加|减少 within a few characters
        let Some(dir_at) = (i + 1..(i + 14).min(chars.len()))
            .find(|&k| starts(&chars, k, "增加") || starts(&chars, k, "减少"))
        else {
            i += 1;
            continue;
        };
        let up = starts(&chars, dir_at, "增加");
        let Some((z, after_z, z_dec)) = number_at(&chars, dir_at + 2) else {
            i += 1;
            continue;
        };
        if !starts(&chars, after_z, "万元") {
            i += 1;
            continue;
        }
        let Some((word, rate_up, w, w_dec, end)) = rate_after(&chars, after_z + 2) else {
            i = after_z;
            continue;
        };
        let window_start = window_before(&chars, i, last_end);
        let x = amount_before(&chars, window_start, i);
        let sentence: String = chars
            .get(window_start.max(i.saturating_sub(20))..(end + 1).min(chars.len()))
            .unwrap_or(&[])
            .iter()
            .collect();
        let dir_word = if up { "增加" } else { "减少" };
        if up != rate_up && !z.is_zero() {
            findings.push(Finding {
                rule: "narrative.direction",
                severity: Severity::Error,
                tables: vec!["情况说明".into()],
                row: Some(sentence.clone()),
                column: None,
                stated: Some(w),
                computed: None,
                difference: None,
                message: format!("“{dir_word}”与“{word}”方向相反"),
                message_en: format!(
                    "the amount is said to {} but the rate to {}",
                    if up { "increase" } else { "decrease" },
                    if rate_up { "grow" } else { "fall" }
                ),
            });
        } else if let Some(x) = x {
            let change = Change {
                up,
                z: (z, z_dec),
                w: (w, w_dec),
            };
            if let Some(finding) = rate_finding(x, &change, &sentence, dir_word) {
                findings.push(finding);
            }
        }
        i = end;
        last_end = end;
    }
}

/// The rate word and "W%" that follow a change "增加/减少 Z 万元" (from `from` on): the word,
/// whether it says up, W, its decimals and where the `%` is.
fn rate_after(chars: &[char], from: usize) -> Option<(&'static str, bool, Decimal, usize, usize)> {
    for k in from..(from + 6).min(chars.len()) {
        for (word, is_up) in UP
            .iter()
            .map(|w| (*w, true))
            .chain(DOWN.iter().map(|w| (*w, false)))
        {
            if starts(chars, k, word) {
                if let Some((w, after_w, w_dec)) = number_at(chars, k + 2) {
                    if chars.get(after_w) == Some(&'%') {
                        return Some((word, is_up, w, w_dec, after_w));
                    }
                }
            }
        }
    }
    None
}

/// Where to look for X before the 比 at `i`: within its sentence, after the previous phrase,
/// at most 40 characters back.
fn window_before(chars: &[char], i: usize, last_end: usize) -> usize {
    let sentence_start = chars
        .get(..i)
        .unwrap_or(&[])
        .iter()
        .rposition(|c| matches!(c, '。' | '；' | ';'))
        .map_or(0, |p| p + 1);
    i.saturating_sub(40).max(last_end).max(sentence_start)
}

/// X: the last "N 万元" in `chars[from..to]`, with its decimals.
fn amount_before(chars: &[char], from: usize, to: usize) -> Option<(Decimal, usize)> {
    let mut x = None;
    let mut k = from;
    while k < to {
        let starts_number = chars.get(k).is_some_and(char::is_ascii_digit)
            && (k == 0 || !is_numeric(chars.get(k - 1)));
        if starts_number {
            if let Some((v, after, dec)) = number_at(chars, k) {
                let unit_follows = starts(chars, after, "万元") || starts(chars, after, "为万元");
                if unit_follows {
                    x = Some((v, dec));
                }
                k = after;
                continue;
            }
        }
        k += 1;
    }
    x
}

/// A printed change: its direction, Z (the amount) and W (the rate), each with its decimals.
struct Change {
    up: bool,
    z: (Decimal, usize),
    w: (Decimal, usize),
}

/// narrative.rate: W against the rate X and Z give, allowing for the printed precision of all
/// three; `None` when it fits or cannot be computed.
fn rate_finding(
    (x, x_dec): (Decimal, usize),
    c: &Change,
    sentence: &str,
    dir_word: &str,
) -> Option<Finding> {
    let (up, (z, z_dec), (w, w_dec)) = (c.up, c.z, c.w);
    let prior = if up { x - z } else { x + z };
    if prior > Decimal::ZERO && !z.is_zero() {
        let (hx, hz, hw) = (half(x_dec), half(z_dec), half(w_dec));
        let rate = |x: Decimal, z: Decimal| {
            let p = if up { x - z } else { x + z };
            if p > Decimal::ZERO {
                z.checked_div(p)
                    .and_then(|r| r.checked_mul(Decimal::from(100)))
            } else {
                None
            }
        };
        let candidates: Vec<Decimal> = [
            (x - hx, z - hz),
            (x - hx, z + hz),
            (x + hx, z - hz),
            (x + hx, z + hz),
        ]
        .iter()
        .filter_map(|(a, b)| rate(*a, *b))
        .collect();
        let exact = rate(x, z);
        if let (Some(lo), Some(hi), Some(exact)) =
            (candidates.iter().min(), candidates.iter().max(), exact)
        {
            if w < *lo - hw || w > *hi + hw {
                let computed = exact.round_dp_with_strategy(
                    u32::try_from(w_dec).unwrap_or(2),
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                );
                return Some(Finding {
                    rule: "narrative.rate",
                    severity: Severity::Error,
                    tables: vec!["情况说明".into()],
                    row: Some(sentence.to_string()),
                    column: None,
                    stated: Some(w),
                    computed: Some(computed),
                    difference: Some(w - computed),
                    message: format!(
                        "变动率列示 {w}%，按 {x} 万元与{dir_word} {z} 万元计算应为 {computed}%"
                    ),
                    message_en: format!(
                        "rate stated {w}%, but {z} against a prior of {prior} gives {computed}%"
                    ),
                });
            }
        }
    }
    None
}

/// One "N 万元，占 Y%" of the narrative.
struct ShareEntry {
    n: Decimal,
    y: Decimal,
    y_dec: usize,
    /// The whole this entry implies, as an interval from the printed precision.
    lo: Decimal,
    hi: Decimal,
    sentence: String,
}

/// Checks the shares of each list ("T 万元，其中：" followed by "N 万元，占 Y%" items): the
/// wholes the items imply must agree. An item whose share does not fit the whole the others
/// agree on (or, for a lone item, the stated T) is reported with the share it should have.
pub(crate) fn check_shares(text: &str, findings: &mut Vec<Finding>) {
    let chars: Vec<char> = text
        .replace(" | ", "")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let hundred = Decimal::from(100);
    let mut whole: Option<Decimal> = None;
    let mut group: Vec<ShareEntry> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_number = chars.get(i).is_some_and(char::is_ascii_digit)
            && (i == 0 || !is_numeric(chars.get(i - 1)));
        if !starts_number {
            i += 1;
            continue;
        }
        let Some((n, after, n_dec)) = number_at(&chars, i) else {
            i += 1;
            continue;
        };
        if !starts(&chars, after, "万元") {
            i = after;
            continue;
        }
        let mut k = after + 2;
        if matches!(chars.get(k), Some('，' | ',' | '：' | ':')) {
            k += 1;
        }
        if starts(&chars, k, "其中") {
            judge(&group, whole, findings);
            group.clear();
            whole = Some(n);
            i = k;
            continue;
        }
        if chars.get(k) == Some(&'占') {
            if let Some((y, after_y, y_dec)) = number_at(&chars, k + 1) {
                if chars.get(after_y) == Some(&'%') && y > Decimal::ZERO && n > Decimal::ZERO {
                    let (hn, hy) = (half(n_dec), half(y_dec));
                    let lo = (n - hn)
                        .checked_div(y + hy)
                        .and_then(|r| r.checked_mul(hundred));
                    let hi = (n + hn)
                        .checked_div((y - hy).max(Decimal::new(1, 10)))
                        .and_then(|r| r.checked_mul(hundred));
                    if let (Some(lo), Some(hi)) = (lo, hi) {
                        let sentence: String = chars
                            .get(i..(after_y + 1).min(chars.len()))
                            .unwrap_or(&[])
                            .iter()
                            .collect();
                        group.push(ShareEntry {
                            n,
                            y,
                            y_dec,
                            lo,
                            hi,
                            sentence,
                        });
                    }
                }
                i = after_y;
                continue;
            }
        }
        i = after;
    }
    judge(&group, whole, findings);
}

fn judge(group: &[ShareEntry], stated_whole: Option<Decimal>, findings: &mut Vec<Finding>) {
    let hundred = Decimal::from(100);
    // Only lists whose whole is stated ("T 万元，其中") and confirmed by at least two of their
    // items are judged; an item is wrong when it misses T but lies within 10% of it (items of
    // another list, with another whole, are left alone).
    let Some(whole) = stated_whole else { return };
    let fits = |e: &ShareEntry| e.lo <= whole && whole <= e.hi;
    if group.iter().filter(|e| fits(e)).count() < 2 {
        return;
    }
    let near = |e: &ShareEntry| {
        let implied =
            e.n.checked_div(e.y)
                .and_then(|r| r.checked_mul(hundred))
                .unwrap_or(Decimal::ZERO);
        (implied - whole).abs() <= whole / Decimal::from(10)
    };
    for e in group.iter().filter(|e| !fits(e) && near(e)) {
        let Some(exact) = e.n.checked_div(whole).and_then(|r| r.checked_mul(hundred)) else {
            continue;
        };
        let computed = exact.round_dp_with_strategy(
            u32::try_from(e.y_dec).unwrap_or(2),
            rust_decimal::RoundingStrategy::MidpointAwayFromZero,
        );
        if computed == e.y {
            continue;
        }
        findings.push(Finding {
            rule: "narrative.share",
            severity: Severity::Error,
            tables: vec!["情况说明".into()],
            row: Some(e.sentence.clone()),
            column: None,
            stated: Some(e.y),
            computed: Some(computed),
            difference: Some(e.y - computed),
            message: format!("占比列示 {}%，按总额 {whole} 万元计算应为 {computed}%", e.y),
            message_en: format!(
                "share stated {}%, but {} of the stated whole {whole} is {computed}%",
                e.y, e.n
            ),
        });
    }
}
