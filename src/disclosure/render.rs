//! 输出: tables as the seed's tab-separated layout, aligned plain text, Markdown and CSV. (JSON:
//! serialize [`Table`] with any serde format.)

use core::fmt::Write;

use super::table::Table;

/// The seed's layout: `表 N`, the title, 编制部门, 单位, then one tab-separated line per header
/// and body row, bold cells wrapped in `<b>…</b>`, and the empty-table note.
#[must_use]
pub fn tsv(table: &Table) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "{}## {}\n\n编制部门：{}\n\n单位：{}\n\n",
        number_line(table),
        table.title,
        table.department,
        table.unit
    );
    for row in info_lines(table) {
        out.push_str(&row);
        out.push('\n');
    }
    for row in &table.header {
        out.push_str(&row.join("\t"));
        out.push('\n');
    }
    for row in body_lines(table) {
        out.push_str(&row);
        out.push('\n');
    }
    if let Some(note) = &table.note {
        let _ = write!(out, "\n{note}\n");
    }
    out
}

/// The body rows in the seed's tab-separated form (bold cells wrapped in `<b>…</b>`).
#[must_use]
pub fn body_lines(table: &Table) -> Vec<String> {
    table
        .rows
        .iter()
        .map(|row| {
            row.cells
                .iter()
                .zip(&row.bold)
                .map(|(c, bold)| {
                    let t = table.shown(c);
                    if *bold && !t.is_empty() {
                        format!("<b>{t}</b>")
                    } else {
                        t
                    }
                })
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect()
}

/// `表 N` and a blank line; nothing for an unnumbered table (number 0).
fn number_line(table: &Table) -> String {
    if table.number == 0 {
        String::new()
    } else {
        format!("表 {}\n\n", table.number)
    }
}

/// `表 N 标题`, or the title alone for an unnumbered table (number 0).
fn heading(table: &Table) -> String {
    if table.number == 0 {
        table.title.clone()
    } else {
        format!("表 {} {}", table.number, table.title)
    }
}

/// The info rows (a 绩效目标表's labelled rows above its header) in the seed's tab-separated
/// form, bold cells wrapped in `<b>…</b>`.
#[must_use]
pub fn info_lines(table: &Table) -> Vec<String> {
    table
        .info
        .iter()
        .map(|row| {
            row.cells
                .iter()
                .zip(&row.bold)
                .map(|(c, bold)| {
                    let t = table.shown(c);
                    if *bold && !t.is_empty() {
                        format!("<b>{t}</b>")
                    } else {
                        t
                    }
                })
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect()
}

/// The info rows as form lines: the non-empty cells of each row, `mark` wrapping bold ones.
fn info_form(table: &Table, mark: &str, gap: &str) -> String {
    let mut out = String::new();
    for row in &table.info {
        let cells: Vec<String> = row
            .cells
            .iter()
            .zip(&row.bold)
            .map(|(c, b)| (table.shown(c), *b))
            .filter(|(t, _)| !t.is_empty())
            .map(|(t, b)| if b { format!("{mark}{t}{mark}") } else { t })
            .collect();
        if !cells.is_empty() {
            out.push_str(&cells.join(gap));
            out.push('\n');
        }
    }
    out
}

/// Terminal columns a string takes: CJK and full-width characters take two.
#[must_use]
pub fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let u = c as u32;
            let wide = (0x1100..=0x115F).contains(&u)
                || (0x2E80..=0xA4CF).contains(&u)
                || (0xAC00..=0xD7A3).contains(&u)
                || (0xF900..=0xFAFF).contains(&u)
                || (0xFE30..=0xFE4F).contains(&u)
                || (0xFF00..=0xFF60).contains(&u)
                || (0xFFE0..=0xFFE6).contains(&u);
            if wide { 2 } else { 1 }
        })
        .sum()
}

fn all_rows(table: &Table) -> Vec<Vec<String>> {
    table
        .header
        .iter()
        .cloned()
        .chain(
            table
                .rows
                .iter()
                .map(|r| r.cells.iter().map(|c| table.shown(c)).collect()),
        )
        .collect()
}

/// Plain text for a terminal: columns aligned by display width, amounts right-aligned.
pub fn text(table: &Table) -> String {
    let rows = all_rows(table);
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; width];
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(display_width(c));
        }
    }
    let mut out = format!(
        "{}\n编制部门：{}    单位：{}\n",
        heading(table),
        table.department,
        table.unit
    );
    out.push_str(&info_form(table, "", "  "));
    let is_money = |i: usize, k: usize| {
        i.checked_sub(table.header.len())
            .and_then(|b| table.rows.get(b))
            .and_then(|r| r.cells.get(k))
            .is_some_and(|c| matches!(c, super::table::Cell::Money { .. }))
    };
    for (i, r) in rows.iter().enumerate() {
        let mut line = String::new();
        for (k, w) in widths.iter().enumerate() {
            let c = r.get(k).map_or("", String::as_str);
            let pad = " ".repeat(w.saturating_sub(display_width(c)));
            if is_money(i, k) {
                line.push_str(&pad);
                line.push_str(c);
            } else {
                line.push_str(c);
                line.push_str(&pad);
            }
            line.push_str("  ");
        }
        out.push_str(line.trim_end());
        out.push('\n');
        if i + 1 == table.header.len() {
            out.push_str(&"-".repeat(widths.iter().map(|w| w + 2).sum::<usize>()));
            out.push('\n');
        }
    }
    if let Some(note) = &table.note {
        out.push_str(note);
        out.push('\n');
    }
    out
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|")
}

/// Markdown: a heading and a pipe table whose header is the header rows joined per column (a
/// 绩效目标表's info rows as lines between the heading and the table).
#[must_use]
pub fn markdown(table: &Table) -> String {
    let header = flat_header(table);
    let info = info_form(table, "**", " ").replace('\n', "  \n");
    let mut out = format!(
        "### {}\n\n编制部门：{}　单位：{}\n\n| {} |\n|{}\n",
        heading(table),
        table.department,
        table.unit,
        header
            .iter()
            .map(|h| md_escape(h))
            .collect::<Vec<_>>()
            .join(" | "),
        " --- |".repeat(header.len())
    );
    if !info.is_empty() {
        let at = out.find("\n\n| ").map_or(out.len(), |i| i + 2);
        out.insert_str(at, &format!("{info}\n"));
    }
    for row in &table.rows {
        let cells: Vec<String> = row
            .cells
            .iter()
            .zip(&row.bold)
            .map(|(c, b)| {
                let t = md_escape(&table.shown(c));
                if *b && !t.is_empty() {
                    format!("**{t}**")
                } else {
                    t
                }
            })
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    if let Some(note) = &table.note {
        let _ = write!(out, "\n{note}\n");
    }
    out
}

/// The header rows flattened to one label per column: the non-empty labels above a column,
/// carried right across merged cells, joined with `/`.
#[must_use]
pub fn flat_header(table: &Table) -> Vec<String> {
    let width = table.width();
    let mut labels = vec![Vec::<String>::new(); width];
    for row in &table.header {
        let mut carried = String::new();
        for (k, label) in labels.iter_mut().enumerate() {
            let cell = row.get(k).cloned().unwrap_or_default();
            if !cell.is_empty() {
                carried = cell.clone();
                label.push(cell);
            } else if !carried.is_empty()
                && k > 0
                && row
                    .get(k - 1)
                    .is_some_and(|p| p.is_empty() || *p == carried)
            {
                // a merged cell spreads over the empty cells to its right
                if label.last() != Some(&carried) {
                    label.push(carried.clone());
                }
            }
        }
    }
    labels.into_iter().map(|l| l.join("/")).collect()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// CSV (RFC 4180): one header line (see [`flat_header`]), one line per body row; a
/// 绩效目标表's info rows come first, one line each.
#[must_use]
pub fn csv(table: &Table) -> String {
    let mut out: String = table
        .info
        .iter()
        .map(|row| {
            let cells: Vec<String> = row
                .cells
                .iter()
                .map(|c| csv_field(&table.shown(c)))
                .collect();
            format!("{}\n", cells.join(","))
        })
        .collect();
    out += &flat_header(table)
        .iter()
        .map(|h| csv_field(h))
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    for row in &table.rows {
        out.push_str(
            &row.cells
                .iter()
                .map(|c| csv_field(&table.shown(c)))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push('\n');
    }
    out
}
