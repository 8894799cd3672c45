//! 版式: sheet names, merged header cells, column widths and row heights, number formats.

use rust_decimal::Decimal;

use crate::disclosure::Table;
use crate::disclosure::render::display_width;

/// Excel's limit on a sheet name, in characters.
const SHEET_NAME_MAX: usize = 31;

/// A sheet's name for a table: `表6 一般公共预算基本支出情况表` (the title alone for an
/// unnumbered table, after `prefix` when one is given), within Excel's rules: at most 31
/// characters, none of `[ ] : * ? / \` (replaced by their full-width forms), no `'` at either
/// end, and unlike every name in `taken` (Excel compares names without case): a repeated name
/// gets ` (2)`, ` (3)` … at its end.
pub fn sheet_name(table: &Table, prefix: Option<&str>, taken: &[String]) -> String {
    let base = match (table.number, prefix) {
        (0, Some(p)) => format!("{p} {}", table.title),
        (0, None) => table.title.clone(),
        (n, _) => format!("表{n} {}", table.title),
    };
    unique_name(&clean_name(&base), taken)
}

/// A name with Excel's forbidden characters replaced, its ends cleared of `'` and blanks, cut
/// to 31 characters; `Sheet` when nothing is left.
pub(crate) fn clean_name(name: &str) -> String {
    let replaced: String = name
        .chars()
        .map(|c| match c {
            '[' => '［',
            ']' => '］',
            ':' => '：',
            '*' => '＊',
            '?' => '？',
            '/' => '／',
            '\\' => '＼',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let cut: String = replaced
        .trim_matches(|c: char| c == '\'' || c.is_whitespace())
        .chars()
        .take(SHEET_NAME_MAX)
        .collect();
    let cut = cut
        .trim_end_matches(|c: char| c == '\'' || c.is_whitespace())
        .to_string();
    if cut.is_empty() {
        "Sheet".to_string()
    } else {
        cut
    }
}

/// `name`, or `name (k)` cut to fit, for the first k ≥ 2 that no name in `taken` has.
pub(crate) fn unique_name(name: &str, taken: &[String]) -> String {
    let used = |n: &str| taken.iter().any(|t| t.to_lowercase() == n.to_lowercase());
    if !used(name) {
        return name.to_string();
    }
    (2..)
        .map(|k| {
            let tail = format!(" ({k})");
            let room = SHEET_NAME_MAX.saturating_sub(tail.chars().count());
            let head: String = name.chars().take(room).collect();
            format!("{}{tail}", head.trim_end())
        })
        .find(|n| !used(n))
        .unwrap_or_else(|| name.to_string())
}

/// A merged range within a block of rows: first and last row and column, 0-based and
/// inclusive, relative to the block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) first_row: usize,
    pub(crate) first_col: usize,
    pub(crate) last_row: usize,
    pub(crate) last_col: usize,
}

impl Span {
    fn cell(row: usize, col: usize) -> Span {
        Span {
            first_row: row,
            first_col: col,
            last_row: row,
            last_col: col,
        }
    }

    /// Whether it covers more than one cell.
    pub(crate) fn is_merge(&self) -> bool {
        self.last_row > self.first_row || self.last_col > self.first_col
    }

    /// The number of columns it covers.
    pub(crate) fn cols(&self) -> usize {
        self.last_col - self.first_col + 1
    }

    /// The number of rows it covers.
    pub(crate) fn rows(&self) -> usize {
        self.last_row - self.first_row + 1
    }
}

/// The merged cells of header rows, where a merged cell prints once and the cells it covers are
/// `""`: row by row, each label spreads right over the empty cells after it that no label above
/// already covers, then down over the rows below as long as every cell under it is empty. A
/// label that spreads neither way is a span of one cell. The cells of every span other than its
/// first are empty, so the header reads back as the same grid.
pub(crate) fn header_spans(header: &[Vec<String>]) -> Vec<Span> {
    let height = header.len();
    let width = header.iter().map(Vec::len).max().unwrap_or(0);
    let empty = |r: usize, c: usize| {
        header
            .get(r)
            .and_then(|row| row.get(c))
            .is_none_or(|s| s.trim().is_empty())
    };
    let mut covered = vec![vec![false; width]; height];
    let mut spans = Vec::new();
    for r in 0..height {
        for c in 0..width {
            if empty(r, c) || covered.get(r).and_then(|x| x.get(c)).copied() == Some(true) {
                continue;
            }
            let mut last_col = c;
            while last_col + 1 < width
                && empty(r, last_col + 1)
                && covered.get(r).and_then(|x| x.get(last_col + 1)).copied() != Some(true)
            {
                last_col += 1;
            }
            let mut last_row = r;
            while last_row + 1 < height && (c..=last_col).all(|k| empty(last_row + 1, k)) {
                last_row += 1;
            }
            for row in covered.iter_mut().take(last_row + 1).skip(r) {
                for cell in row.iter_mut().take(last_col + 1).skip(c) {
                    *cell = true;
                }
            }
            spans.push(Span {
                first_row: r,
                first_col: c,
                last_row,
                last_col,
            });
        }
    }
    spans
}

/// The merged cells of form rows (a 绩效目标表's 信息栏): a label spreads right over the empty
/// text cells after it (`is_blank_text`), never over a money cell.
pub(crate) fn form_spans(
    rows: usize,
    width: usize,
    text: impl Fn(usize, usize) -> Option<String>,
) -> Vec<Span> {
    let mut spans = Vec::new();
    for r in 0..rows {
        let mut c = 0;
        while c < width {
            let Some(t) = text(r, c) else {
                c += 1;
                continue;
            };
            if t.is_empty() {
                c += 1;
                continue;
            }
            let mut last = c;
            while last + 1 < width && text(r, last + 1).is_some_and(|x| x.is_empty()) {
                last += 1;
            }
            let mut span = Span::cell(r, c);
            span.last_col = last;
            spans.push(span);
            c = last + 1;
        }
    }
    spans
}

/// Widest a column grows to, in character units; longer text wraps.
pub(crate) const MAX_WIDTH: usize = 40;
/// Narrowest column, in character units.
const MIN_WIDTH: usize = 5;
/// A header label wraps at this width rather than widening its column.
const HEADER_WRAP: usize = 12;

/// Column widths in character units (a CJK character counts two): the widest body or form cell
/// that is not merged across columns, a header label of one column up to 12, plus a margin,
/// between 5 and 40.
pub(crate) fn column_widths(
    width: usize,
    header: &[Vec<String>],
    header_spans: &[Span],
    cells: &[(usize, usize, String)],
) -> Vec<usize> {
    let mut widths = vec![0usize; width];
    for s in header_spans.iter().filter(|s| s.cols() == 1) {
        let label = header
            .get(s.first_row)
            .and_then(|r| r.get(s.first_col))
            .map_or(0, |t| display_width(t));
        if let Some(w) = widths.get_mut(s.first_col) {
            *w = (*w).max(label.min(HEADER_WRAP));
        }
    }
    for (_, col, text) in cells {
        if let Some(w) = widths.get_mut(*col) {
            *w = (*w).max(display_width(text));
        }
    }
    widths
        .into_iter()
        .map(|w| (w + 2).clamp(MIN_WIDTH, MAX_WIDTH))
        .collect()
}

/// The lines a text takes in a cell `chars` units wide (at least one).
pub(crate) fn lines_in(text: &str, chars: usize) -> usize {
    let room = chars.saturating_sub(1).max(1);
    text.split('\n')
        .map(|part| display_width(part).div_ceil(room).max(1))
        .sum()
}

/// A column's width in pixels, as Excel sizes a width in characters of its default font.
pub(crate) fn width_pixels(chars: usize) -> u32 {
    u32::try_from(chars * 7 + 5).unwrap_or(u32::MAX)
}

/// Pixels per line of 10-point text.
pub(crate) const LINE_PIXELS: u32 = 18;

/// A printed number's format: how a cell prints the value it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct NumberFormat {
    /// Decimals.
    pub(crate) decimals: u32,
    /// Thousands separators.
    pub(crate) thousands: bool,
    /// A percentage (the cell holds a hundredth of what it prints).
    pub(crate) percent: bool,
}

impl NumberFormat {
    /// The Excel format code: `#,##0.00`, `0.000000`, `0.00%`.
    pub(crate) fn code(self) -> String {
        let int = if self.thousands { "#,##0" } else { "0" };
        let frac = if self.decimals == 0 {
            String::new()
        } else {
            format!(".{}", "0".repeat(self.decimals as usize))
        };
        let pct = if self.percent { "%" } else { "" };
        format!("{int}{frac}{pct}")
    }

    /// Reads a format code's first section: decimals (the digit places after the point),
    /// thousands (a `,` among the digit places), percent (a `%` outside quotes); `None` for
    /// `General`, text (`@`) or a code without digit places.
    pub(crate) fn parse(code: &str) -> Option<NumberFormat> {
        let section = code.split(';').next().unwrap_or("");
        let mut plain = String::new();
        let mut quoted = false;
        let mut bracket = false;
        let mut escaped = false;
        for c in section.chars() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => quoted = !quoted,
                '[' if !quoted => bracket = true,
                ']' if !quoted => bracket = false,
                _ if quoted || bracket => {}
                c => plain.push(c),
            }
        }
        if !plain.contains(['0', '#']) {
            return None;
        }
        let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
        let decimals = frac.chars().filter(|c| matches!(c, '0' | '#')).count();
        Some(NumberFormat {
            decimals: u32::try_from(decimals).unwrap_or(0),
            thousands: int.contains(','),
            percent: plain.contains('%'),
        })
    }

    /// How a value prints under this format (`value` as the cell holds it: a hundredth of the
    /// printed number for a percentage), rounded 四舍五入.
    pub(crate) fn print(self, value: Decimal) -> Option<String> {
        let shown = if self.percent {
            value.checked_mul(Decimal::ONE_HUNDRED)?
        } else {
            value
        };
        let rounded = shown
            .round_dp_with_strategy(
                self.decimals,
                rust_decimal::RoundingStrategy::MidpointAwayFromZero,
            )
            .normalize();
        let negative = rounded.is_sign_negative() && !rounded.is_zero();
        let digits = format!("{:.*}", self.decimals as usize, rounded.abs());
        let digits = if self.thousands {
            crate::amount::group_thousands(&digits)
        } else {
            digits
        };
        let sign = if negative { "-" } else { "" };
        let pct = if self.percent { "%" } else { "" };
        Some(format!("{sign}{digits}{pct}"))
    }

    /// The format and value that print `text` exactly (`-20,442.30`, `1009.71%`, `0.000000`),
    /// if any: a number with a point, its decimals and separators as printed.
    pub(crate) fn of_printed(text: &str) -> Option<(NumberFormat, Decimal)> {
        let (body, percent) = match text.strip_suffix('%') {
            Some(b) => (b, true),
            None => (text, false),
        };
        let unsigned = body.strip_prefix('-').unwrap_or(body);
        let (int, frac) = unsigned.split_once('.')?;
        let digits_only = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let plain_int: String = int.chars().filter(|c| *c != ',').collect();
        if !digits_only(&plain_int) || !digits_only(frac) {
            return None;
        }
        let number: Decimal = format!(
            "{}{plain_int}.{frac}",
            if body.starts_with('-') { "-" } else { "" }
        )
        .parse()
        .ok()?;
        let value = if percent {
            number.checked_div(Decimal::ONE_HUNDRED)?
        } else {
            number
        };
        let format = NumberFormat {
            decimals: u32::try_from(frac.len()).ok()?,
            thousands: int.contains(','),
            percent,
        };
        (format.print(value)?.as_str() == text).then_some((format, value))
    }
}

/// Text with its cells' tabs and line breaks made spaces, for the tab-separated layout.
pub(crate) fn one_line(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    fn span(first_row: usize, first_col: usize, last_row: usize, last_col: usize) -> Span {
        Span {
            first_row,
            first_col,
            last_row,
            last_col,
        }
    }

    #[test]
    fn header_labels_spread_right_then_down() {
        // the Xinjiang 表3 header
        let h = grid(&[
            &["科目", "", "", "支出预算", "", "", ""],
            &[
                "科目代码",
                "",
                "",
                "科目名称",
                "合计",
                "基本支出",
                "项目支出",
            ],
            &["类", "款", "项", "", "", "", ""],
        ]);
        let spans = header_spans(&h);
        assert!(spans.contains(&span(0, 0, 0, 2)));
        assert!(spans.contains(&span(0, 3, 0, 6)));
        assert!(spans.contains(&span(1, 0, 1, 2)));
        assert!(spans.contains(&span(1, 3, 2, 3)));
        assert!(spans.contains(&span(1, 6, 2, 6)));
        assert!(spans.contains(&span(2, 0, 2, 0)));
        assert_eq!(spans.len(), 2 + 5 + 3);
        // the Xinjiang 表12 header: 基本支出 over 人员经费 and 公用经费, 小计 down two rows
        let h = grid(&[
            &["项目", "合计", "财政拨款", "", "", ""],
            &["", "", "小计", "基本支出", "", "项目支出"],
            &["", "", "", "人员经费", "公用经费", ""],
        ]);
        let spans = header_spans(&h);
        assert!(spans.contains(&span(0, 0, 2, 0)));
        assert!(spans.contains(&span(0, 2, 0, 5)));
        assert!(spans.contains(&span(1, 2, 2, 2)));
        assert!(spans.contains(&span(1, 3, 1, 4)));
        assert!(spans.contains(&span(1, 5, 2, 5)));
    }

    #[test]
    fn sheet_names_keep_within_excels_rules() {
        assert_eq!(clean_name("a/b:c*d?e[f]g\\h"), "a／b：c＊d？e［f］g＼h");
        assert_eq!(clean_name("'x'"), "x");
        assert_eq!(clean_name(&"长".repeat(40)).chars().count(), 31);
        assert_eq!(clean_name("  "), "Sheet");
        let taken = vec!["表1 收入".to_string(), "表1 收入 (2)".to_string()];
        assert_eq!(unique_name("表1 收入", &taken), "表1 收入 (3)");
        assert_eq!(unique_name("A", &["a".to_string()]), "A (2)");
        let long = "长".repeat(31);
        let n = unique_name(&long, std::slice::from_ref(&long));
        assert_eq!(n.chars().count(), 31);
        assert!(n.ends_with(" (2)"));
    }

    #[test]
    fn number_formats_print_as_the_table_prints() {
        let f = |t: &str| NumberFormat::of_printed(t).map(|(f, _)| f.code());
        assert_eq!(f("95.62").as_deref(), Some("0.00"));
        assert_eq!(f("31,214,205.80").as_deref(), Some("#,##0.00"));
        assert_eq!(f("-20,442.30").as_deref(), Some("#,##0.00"));
        assert_eq!(f("1.234500").as_deref(), Some("0.000000"));
        assert_eq!(f("-60.86%").as_deref(), Some("0.00%"));
        // not numbers as a cell prints them: codes, a zero printed negative, odd separators
        for t in [
            "206", "01", "-0.00", "1,23.00", "", "12.", ".5", "一.00", "1.0e3",
        ] {
            assert_eq!(f(t), None, "{t}");
        }
        let p = NumberFormat::parse("#,##0.00").unwrap();
        assert_eq!((p.decimals, p.thousands, p.percent), (2, true, false));
        let p = NumberFormat::parse("0.000000_ ;[Red]\\-0.000000\\ ").unwrap();
        assert_eq!((p.decimals, p.thousands, p.percent), (6, false, false));
        let p = NumberFormat::parse("0.00%").unwrap();
        assert_eq!(p.print("-0.6086".parse().unwrap()).unwrap(), "-60.86%");
        assert_eq!(NumberFormat::parse("General"), None);
        assert_eq!(NumberFormat::parse("@"), None);
        assert_eq!(
            NumberFormat::parse("\"元\"0.00").map(|p| p.decimals),
            Some(2)
        );
        let p = NumberFormat::parse("0.00").unwrap();
        assert_eq!(p.print("2.345".parse().unwrap()).unwrap(), "2.35");
        assert_eq!(p.print("-0.001".parse().unwrap()).unwrap(), "0.00");
    }

    #[test]
    fn text_wraps_by_display_width() {
        assert_eq!(lines_in("科学技术支出", 13), 1);
        assert_eq!(lines_in("科学技术支出", 12), 2);
        assert_eq!(lines_in("a\nb", 10), 2);
        assert_eq!(lines_in("", 10), 1);
    }
}
