//! 科目编码: codes as printed in a table row (whole, split over 类/款/项 columns, carried down
//! from the rows above) and what the catalogue edition says about them.

use super::{Finding, Severity};
use crate::classification::{AnyCode, Catalogue, NameMatch, Recognised};

fn is_digits(s: &str, lens: &[usize]) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && lens.contains(&s.len())
}

/// Codes printed hierarchically (`201 | | `, then ` | 40 | `, then ` | | 01`) or with a segment
/// missing its leading zero (`301 | 2`): the class and section carried from the rows above, and
/// what was repaired.
#[derive(Debug, Default)]
pub(super) struct CodeContext {
    class: Option<String>,
    section: Option<String>,
}

pub(super) fn is_segment(s: &str) -> bool {
    !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit())
}

fn pad(seg: &str) -> String {
    format!("{seg:0>2}")
}

/// The code of a row, with the column after the code cells and whether a segment was printed
/// without its leading zero.
pub(super) fn row_code_in(row: &[String], ctx: &mut CodeContext) -> Option<(String, usize, bool)> {
    let c = |i: usize| row.get(i).map_or("", String::as_str);
    let short = |seg: &str| seg.len() == 1;
    if is_digits(c(0), &[3]) && row.len() > 2 {
        let mut code = c(0).to_string();
        ctx.class = Some(code.clone());
        ctx.section = None;
        let mut repaired = false;
        let mut after = 1;
        if is_segment(c(1)) {
            repaired |= short(c(1));
            code.push_str(&pad(c(1)));
            ctx.section = Some(code.clone());
            after = 2;
            if is_segment(c(2)) {
                repaired |= short(c(2));
                code.push_str(&pad(c(2)));
                after = 3;
            }
        }
        // skip the empty code cells of a shorter code
        while after < 3 && c(after).is_empty() && row.len() > after + 1 {
            after += 1;
        }
        return Some((code, after, repaired));
    }
    if c(0).is_empty() && is_segment(c(1)) && (c(2).is_empty() || is_segment(c(2))) {
        let class = ctx.class.clone()?;
        let section = format!("{class}{}", pad(c(1)));
        ctx.section = Some(section.clone());
        let code = if is_segment(c(2)) {
            format!("{section}{}", pad(c(2)))
        } else {
            section
        };
        return Some((code, 3, short(c(1)) || short(c(2))));
    }
    if c(0).is_empty() && c(1).is_empty() && is_segment(c(2)) {
        let section = ctx.section.clone()?;
        return Some((format!("{section}{}", pad(c(2))), 3, short(c(2))));
    }
    let (code, after) = row_code(row)?;
    if code.len() == 3 {
        ctx.class = Some(code.clone());
        ctx.section = None;
    } else if code.len() == 5 {
        ctx.section = Some(code.clone());
    }
    Some((code, after, false))
}

/// The code of a row: whole in the first non-empty cells (`2010101`, `2010101-行政运行`,
/// `206 科学技术支出`, `[2010101]行政运行`) or split over 类 | 款 | 项; with the index of the first cell after it.
pub(super) fn row_code(row: &[String]) -> Option<(String, usize)> {
    let first = row.iter().position(|c| !c.is_empty())?;
    if first > 1 {
        return None;
    }
    let c0 = row.get(first)?;
    if is_digits(c0, &[3]) {
        let mut code = c0.clone();
        let mut next = first + 1;
        for _ in 0..2 {
            match row.get(next) {
                Some(seg) if is_digits(seg, &[2]) => {
                    code.push_str(seg);
                    next += 1;
                }
                Some(seg) if seg.is_empty() => next += 1,
                _ => break,
            }
        }
        return Some((code, next));
    }
    if is_digits(c0, &[5, 7]) {
        return Some((c0.clone(), first + 1));
    }
    let digits: String = c0.chars().take_while(char::is_ascii_digit).collect();
    if is_digits(&digits, &[3, 5, 7]) && c0.len() > digits.len() {
        return Some((digits, first));
    }
    // `[2060702]科普活动`: the code in brackets before the name, in the name's cell
    let inner = c0.strip_prefix('[')?;
    let digits: String = inner.chars().take_while(char::is_ascii_digit).collect();
    let rest = inner.get(digits.len()..)?;
    (is_digits(&digits, &[3, 5, 7]) && rest.starts_with(']')).then_some((digits, first))
}

/// What a printed code and its label are to the edition: nothing to say (listed, printed under
/// its name), a printed alias, a local sub-item, or an unknown code with the nearest listed ones.
/// Digits that are no classification code at all (a unit's number such as 121 before its name)
/// are not reported.
pub(super) fn code_finding(
    catalogue: &Catalogue,
    table: &str,
    code: &str,
    label: &str,
) -> Option<Finding> {
    let place = (Some(format!("{code} {label}")), None);
    let edition = catalogue.edition();
    match catalogue.recognise(code) {
        Ok(Recognised::Listed(listed)) => {
            let name = listed_alias(catalogue, listed, label)?;
            Some(Finding::note(
                "code.alias",
                Severity::Info,
                table,
                place,
                format!("科目 {code} 印作“{label}”，目录 {edition} 的名称为“{name}”"),
                format!("code {code} is printed as “{label}”; edition {edition} names it “{name}”"),
            ))
        }
        Ok(Recognised::LocalExtension { of, .. }) => {
            let of_name = catalogue.any_name(of).unwrap_or_default();
            Some(Finding::note(
                "code.local_extension",
                Severity::Info,
                table,
                place,
                format!("科目编码 {code} 是 {of} {of_name} 的地方细化科目，不在全国目录中"),
                format!("code {code} is a local sub-item of {of} {of_name}, not a national code"),
            ))
        }
        Err(crate::Error::UnknownCode { suggestions, .. }) => {
            let hint = if suggestions.is_empty() {
                String::new()
            } else {
                suggestions.join("、")
            };
            Some(Finding::note(
                "code.unknown",
                Severity::Info,
                table,
                place,
                if hint.is_empty() {
                    format!("科目编码 {code} 不在目录 {edition} 中")
                } else {
                    format!("科目编码 {code} 不在目录 {edition} 中；相近科目：{hint}")
                },
                if hint.is_empty() {
                    format!("code {code} is not in catalogue edition {edition}")
                } else {
                    format!(
                        "code {code} is not in catalogue edition {edition}; did you mean {}?",
                        suggestions.join(", ")
                    )
                },
            ))
        }
        Err(_) => None,
    }
}

/// The edition's name for `code` when `label` is one of its aliases rather than its name.
fn listed_alias<'c>(catalogue: &'c Catalogue, code: AnyCode, label: &str) -> Option<&'c str> {
    (catalogue.any_name_match(code, label) == Some(NameMatch::Alias))
        .then(|| catalogue.any_name(code))
        .flatten()
}
