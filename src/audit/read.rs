//! 读取: published tables as text grids, in the seed's tab-separated layout or the ` | ` grid
//! layout of PDF extractions.

use rust_decimal::Decimal;

use super::document::read_number;

/// A table as printed: its title where the text gives one, its page, and its rows of cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTable {
    /// The title (from the heading above a tab-separated table), if any.
    pub title: Option<String>,
    /// Where it was found, e.g. `page 9 table 1` or `表 6`.
    pub place: String,
    /// The rows; cells are trimmed, `<b>` markup removed.
    pub rows: Vec<Vec<String>>,
    /// The unit stated above the table (`单位：万元`), where the text gives one.
    pub unit: Option<String>,
    /// Whether a heading stood between this table and the one before (then it is not a
    /// continuation).
    pub after_heading: bool,
}

/// Reads every table of a document: ` | ` grids after `===== [page …] =====` markers, and blocks
/// of tab-separated lines (the seed's layout). A table whose first row repeats the previous
/// table's first row continues it (its header rows are dropped).
pub fn read_tables(text: &str) -> Vec<RawTable> {
    let mut tables: Vec<RawTable> = Vec::new();
    let mut current: Option<RawTable> = None;
    let mut last_heading: Option<String> = None;
    let mut last_unit: Option<String> = None;
    let mut heading_since = false;
    let mut tab_block = false;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("===== [") {
            if let Some(t) = current.take() {
                tables.push(t);
            }
            let place = rest
                .split(':')
                .next()
                .unwrap_or(rest)
                .trim_end_matches(']')
                .to_string();
            if place.contains("table") {
                current = Some(RawTable {
                    title: None,
                    place,
                    rows: Vec::new(),
                    unit: None,
                    after_heading: false,
                });
            }
            tab_block = false;
            continue;
        }
        if let Some(u) = line.trim().strip_prefix("单位：") {
            last_unit = Some(u.trim().to_string());
        }
        if line.starts_with('#') {
            let h = line.trim_start_matches('#').trim().to_string();
            if !h.is_empty() {
                last_heading = Some(h);
                heading_since = true;
            }
        }
        if line.contains('\t') {
            if !tab_block {
                if let Some(t) = current.take() {
                    tables.push(t);
                }
                current = Some(RawTable {
                    title: last_heading.clone(),
                    place: last_heading
                        .clone()
                        .unwrap_or_else(|| format!("table {}", tables.len() + 1)),
                    rows: Vec::new(),
                    unit: last_unit.take(),
                    after_heading: std::mem::take(&mut heading_since),
                });
                tab_block = true;
            }
            if let Some(t) = current.as_mut() {
                t.rows.push(split(line, '\t'));
            }
            continue;
        }
        if tab_block && !line.trim().is_empty() {
            // a blank line or text ends a tab-separated block
            if let Some(t) = current.take() {
                tables.push(t);
            }
            tab_block = false;
        }
        if !tab_block && line.contains(" | ") {
            if let Some(t) = current.as_mut() {
                t.rows.push(line.split(" | ").map(clean).collect());
            }
        } else if !tab_block
            && current.as_ref().is_some_and(|t| !t.rows.is_empty())
            && line.trim().is_empty()
        {
            // grids end at a blank line
            if let Some(t) = current.take() {
                tables.push(t);
            }
        }
    }
    if let Some(t) = current.take() {
        tables.push(t);
    }
    join_continued(tables.into_iter().filter(|t| !t.rows.is_empty()).collect())
}

fn clean(cell: &str) -> String {
    if cell.contains('<') {
        cell.replace("<b>", "")
            .replace("</b>", "")
            .trim()
            .to_string()
    } else {
        cell.trim().to_string()
    }
}

fn split(line: &str, sep: char) -> Vec<String> {
    line.split(sep).map(clean).collect()
}

fn is_segment(s: &str) -> bool {
    !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a row starts the body of a table: a code in its first cells, or a number.
fn looks_like_body(row: &[String]) -> bool {
    let first = row
        .iter()
        .find(|c| !c.is_empty())
        .map_or("", String::as_str);
    let code = first.len() >= 3 && first.bytes().take(3).all(|b| b.is_ascii_digit());
    code || row.iter().any(|c| read_number(c).is_some())
}

/// Joins tables continued over pages: a table whose first row repeats the previous table's
/// header, or that starts straight with body rows as wide as the table before it, or whose
/// codes continue the previous table's hierarchy, is appended to it (its repeated header rows
/// dropped). The grid reader and the PDF reader's page tables both go through it.
pub fn join_continued(tables: Vec<RawTable>) -> Vec<RawTable> {
    let mut out: Vec<RawTable> = Vec::new();
    for t in tables {
        let width = |r: &RawTable| r.rows.iter().map(Vec::len).max().unwrap_or(0);
        let continues = !t.after_heading
            && out.last().is_some_and(|prev| {
                let (a, b) = (prev.rows.first(), t.rows.first());
                let repeated_header_only = a.is_some()
                    && a == b
                    && a.is_some_and(|r| {
                        r.iter().any(|c| !c.is_empty() && read_number(c).is_none())
                    });
                // A page that starts straight with body rows, as wide as the table before it, and
                // whose grid was read from a page (not a heading) continues it.
                // a total row: labelled 合计/总计 and carrying numbers (a header cell 合计 is not one)
                let has_total = |r: &RawTable| {
                    r.rows.iter().any(|row| {
                        row.iter().any(|c| read_number(c).is_some())
                            && row.iter().any(|c| {
                                let c: String = c.chars().filter(|x| !x.is_whitespace()).collect();
                                c == "合计" || c == "总计"
                            })
                    })
                };
                let is_total_row = |row: &Vec<String>| {
                    row.iter().any(|c| read_number(c).is_some())
                        && row.iter().any(|c| {
                            let c: String = c.chars().filter(|x| !x.is_whitespace()).collect();
                            c == "合计" || c == "总计"
                        })
                };
                // a table that ends with its total row is complete; one whose total row comes first
                // (Fuzhou, Suzhou, Yantai) may go on over the page
                let ends_with_total = prev
                    .rows
                    .iter()
                    .rev()
                    .find(|r| looks_like_body(r))
                    .is_some_and(is_total_row);
                // the same header with a total row of its own is another table of the same layout
                let repeated_header = repeated_header_only && !(has_total(prev) && has_total(&t));
                // (a PDF page table under no title continues the titled table before it)
                let headless = t.title.is_none()
                    && width(prev) == width(&t)
                    && t.rows.first().is_some_and(|r| looks_like_body(r))
                    && prev.rows.first().is_some_and(|r| !looks_like_body(r))
                    && !ends_with_total;
                // Codes printed hierarchically (` | 11 | ` under a 类 on the page before) continue
                // the previous table even when the header is printed again.
                let hierarchical = t.title.is_none()
                    && width(prev) == width(&t)
                    && t.rows.iter().find(|r| looks_like_body(r)).is_some_and(|r| {
                        let c = |i: usize| r.get(i).map_or("", String::as_str);
                        c(0).is_empty()
                            && (is_segment(c(1)) || (c(1).is_empty() && is_segment(c(2))))
                    });
                repeated_header || headless || hierarchical
            });
        if continues {
            if let Some(prev) = out.last_mut() {
                // drop the repeated header rows (everything before the first body row)
                let header_len = t
                    .rows
                    .iter()
                    .position(|r| {
                        looks_like_body(r)
                            || r.first().is_some_and(|c| c.is_empty())
                                && r.iter().skip(1).take(2).any(|c| is_segment(c))
                    })
                    .unwrap_or(0);
                prev.rows.extend(t.rows.into_iter().skip(header_len));
            }
        } else {
            out.push(t);
        }
    }
    out
}

/// A printed amount, as the auditor reads every number: [`read_number`] (Amount's parser, in
/// the printed unit); `None` for anything else (blank is not zero).
pub fn parse_number(cell: &str) -> Option<Decimal> {
    read_number(cell)
}
