//! 写出: a disclosure's tables, narrative and 绩效目标表 as a workbook.

use std::collections::HashMap;
use std::path::Path;

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet};

use super::XlsxError;
use super::layout::{
    LINE_PIXELS, NumberFormat, Span, column_widths, form_spans, header_spans, lines_in, sheet_name,
    width_pixels,
};
use crate::amount::{Amount, Unit};
use crate::disclosure::{Cell, Disclosure, Rounding, Section, Table};

/// The name of the sheet of the 情况说明.
pub(crate) const NARRATIVE_SHEET: &str = "情况说明";
/// The name of the hidden sheet of exact amounts.
pub(crate) const EXACT_SHEET: &str = "精确金额";
/// The prefix of an unnumbered 绩效目标表's sheet name, before its place among them.
const TARGET_PREFIX: &str = "绩效";
/// A table wider than this (in character units) prints landscape.
const PORTRAIT_MAX: usize = 100;
/// Width of the narrative's column, in character units.
const NARRATIVE_WIDTH: usize = 100;
/// A4 in Excel's paper sizes.
const A4: u8 = 9;
/// The font of every cell: 宋体, as the templates print.
const FONT: &str = "宋体";

/// The workbook of a disclosure, as the bytes of an `.xlsx` file: its tables in the template's
/// order under `rounding`, the 情况说明, the 绩效目标表 printed outside the numbered tables, and
/// the hidden sheet of exact amounts.
pub fn workbook(disclosure: &Disclosure<'_>, rounding: Rounding) -> Result<Vec<u8>, XlsxError> {
    tables_workbook(
        &disclosure.tables(rounding),
        &disclosure.narrative(),
        &disclosure.target_tables(rounding),
    )
}

/// Writes the workbook of a disclosure (see [`workbook`]) to `path`.
pub fn save(
    disclosure: &Disclosure<'_>,
    rounding: Rounding,
    path: impl AsRef<Path>,
) -> Result<(), XlsxError> {
    let bytes = workbook(disclosure, rounding)?;
    std::fs::write(path.as_ref(), bytes)
        .map_err(|e| XlsxError::write(None, format!("{}: {e}", path.as_ref().display())))
}

/// A workbook of rendered tables: a sheet per table of `tables`, then one for the `narrative`
/// (none when it is empty), then a sheet per table of `targets` (unnumbered ones are named
/// `绩效1 …`, `绩效2 …`), then the hidden sheet of exact amounts.
pub fn tables_workbook(
    tables: &[Table],
    narrative: &[Section],
    targets: &[Table],
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let mut formats = Formats::default();
    let mut names: Vec<String> = Vec::new();
    let mut exact: Vec<ExactCell> = Vec::new();
    for table in tables {
        let name = sheet_name(table, None, &names);
        write_table(&mut book, &mut formats, &name, table, &mut exact)?;
        names.push(name);
    }
    if !narrative.is_empty() {
        write_narrative(&mut book, &mut formats, narrative)?;
        names.push(NARRATIVE_SHEET.to_string());
    }
    for (i, table) in targets.iter().enumerate() {
        let prefix = format!("{TARGET_PREFIX}{}", i + 1);
        let name = sheet_name(table, Some(&prefix), &names);
        write_table(&mut book, &mut formats, &name, table, &mut exact)?;
        names.push(name);
    }
    write_exact(&mut book, &mut formats, &exact)?;
    book.save_to_buffer().map_err(|e| XlsxError::write(None, e))
}

/// What a cell's format is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Style {
    /// A text cell of a table (codes, names): text format, so `01` stays `01`.
    Text,
    /// An amount, in its number format.
    Number(NumberFormat),
    /// A header label: bold, centred, wrapped.
    Header,
    /// The title: large, bold, centred.
    Title,
    /// A line above or below the table (`表 N`, `编制部门：…`, the note, the narrative).
    Line,
    /// `单位：万元`, at the right.
    UnitLine,
}

/// The workbook's formats, made once each.
#[derive(Debug, Default)]
struct Formats {
    made: HashMap<(Style, bool), Format>,
}

impl Formats {
    fn get(&mut self, style: Style, bold: bool) -> &Format {
        self.made
            .entry((style, bold))
            .or_insert_with(|| make_format(style, bold))
    }
}

fn make_format(style: Style, bold: bool) -> Format {
    let base = Format::new()
        .set_font_name(FONT)
        .set_font_size(10)
        .set_align(FormatAlign::VerticalCenter);
    let base = if bold { base.set_bold() } else { base };
    match style {
        Style::Text => base
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_num_format("@"),
        Style::Number(f) => base
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Right)
            .set_num_format(f.code()),
        Style::Header => base
            .set_bold()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Center)
            .set_text_wrap(),
        Style::Title => base
            .set_bold()
            .set_font_size(16)
            .set_align(FormatAlign::Center),
        Style::Line => base.set_align(FormatAlign::Left).set_text_wrap(),
        Style::UnitLine => base.set_align(FormatAlign::Right),
    }
}

/// A money cell as written, for the sheet of exact amounts.
#[derive(Debug)]
struct ExactCell {
    sheet: String,
    cell: String,
    unit: Unit,
    shown: Option<Decimal>,
    exact: Amount,
}

/// Where the parts of a table sheet start (0-based rows).
#[derive(Debug, Clone, Copy)]
struct Rows {
    title: u32,
    department: u32,
    unit: u32,
    info: u32,
    header: u32,
    body: u32,
    note: u32,
}

impl Rows {
    fn of(table: &Table, width: usize) -> Rows {
        let title = u32::from(table.number != 0);
        let department = title + 1;
        // 单位 at the right of the 编制部门 line, or under it in a table one column wide
        let unit = department + u32::from(width < 2);
        let info = unit + 1;
        let header = info + count(table.info.len());
        let body = header + count(table.header.len());
        let note = body + count(table.rows.len()) + 1;
        Rows {
            title,
            department,
            unit,
            info,
            header,
            body,
            note,
        }
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn col(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// A sheet's cells as laid out: (row, column, text, span).
type Laid = Vec<(u32, usize, String, Span)>;

fn write_table(
    book: &mut Workbook,
    formats: &mut Formats,
    name: &str,
    table: &Table,
    exact: &mut Vec<ExactCell>,
) -> Result<(), XlsxError> {
    let err = |e: rust_xlsxwriter::XlsxError| XlsxError::write(Some(name), e);
    let width = table_width(table);
    let rows = Rows::of(table, width);
    let sheet = book.add_worksheet();
    sheet.set_name(name).map_err(err)?;
    let mut laid: Laid = Vec::new();
    write_preamble(sheet, formats, table, width, rows).map_err(err)?;
    write_info(sheet, formats, table, width, rows.info, &mut laid).map_err(err)?;
    let spans = header_spans(&table.header);
    write_header(sheet, formats, table, width, rows.header, &spans).map_err(err)?;
    write_body(sheet, formats, table, rows.body, &mut laid).map_err(err)?;
    for (r, c, _, _) in &laid {
        record_exact(table, name, rows, *r, *c, exact);
    }
    if let Some(note) = &table.note {
        merge_or_write(
            sheet,
            rows.note,
            0,
            width,
            note,
            formats.get(Style::Line, false),
        )
        .map_err(err)?;
        laid.push((rows.note, 0, note.clone(), whole_row(width)));
    }
    let cells: Vec<(usize, usize, String)> = laid
        .iter()
        .filter(|(r, _, _, s)| s.cols() == 1 && *r != rows.note)
        .map(|(r, c, t, _)| (*r as usize, *c, t.clone()))
        .collect();
    let widths = column_widths(width, &table.header, &spans, &cells);
    for (c, w) in widths.iter().enumerate() {
        sheet
            .set_column_width_pixels(col(c), width_pixels(*w))
            .map_err(err)?;
    }
    let header_laid = spans.iter().filter_map(|s| {
        let text = table.header.get(s.first_row)?.get(s.first_col)?;
        Some((
            rows.header + count(s.first_row),
            s.first_col,
            text.clone(),
            *s,
        ))
    });
    let all: Laid = laid.iter().cloned().chain(header_laid).collect();
    set_heights(sheet, &all, &widths).map_err(err)?;
    print_setup(sheet, rows, &widths).map_err(err)
}

/// The table's width: the widest of its header, info and body rows (at least one column).
fn table_width(table: &Table) -> usize {
    let header = table.header.iter().map(Vec::len).max().unwrap_or(0);
    let body = table
        .info
        .iter()
        .chain(&table.rows)
        .map(|r| r.cells.len())
        .max()
        .unwrap_or(0);
    header.max(body).max(1)
}

fn whole_row(width: usize) -> Span {
    Span {
        first_row: 0,
        first_col: 0,
        last_row: 0,
        last_col: width.saturating_sub(1),
    }
}

/// Writes `text` across columns `first..first + cols` of `row` (one cell when `cols` is 1).
fn merge_or_write(
    sheet: &mut Worksheet,
    row: u32,
    first: usize,
    cols: usize,
    text: &str,
    format: &Format,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    if cols > 1 {
        sheet.merge_range(row, col(first), row, col(first + cols - 1), text, format)?;
    } else {
        sheet.write_string_with_format(row, col(first), text, format)?;
    }
    Ok(())
}

/// `表 N`, the title across the table, `编制部门：…` and `单位：…` at the right.
fn write_preamble(
    sheet: &mut Worksheet,
    formats: &mut Formats,
    table: &Table,
    width: usize,
    rows: Rows,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    if table.number != 0 {
        let f = formats.get(Style::Line, false);
        sheet.write_string_with_format(0, 0, format!("表 {}", table.number), f)?;
    }
    merge_or_write(
        sheet,
        rows.title,
        0,
        width,
        &table.title,
        formats.get(Style::Title, false),
    )?;
    sheet.set_row_height_pixels(rows.title, 2 * LINE_PIXELS)?;
    let department = format!("编制部门：{}", table.department);
    let left = if width > 1 { width - 1 } else { 1 };
    merge_or_write(
        sheet,
        rows.department,
        0,
        left,
        &department,
        formats.get(Style::Line, false),
    )?;
    let unit_col = col(width.saturating_sub(1));
    let f = formats.get(Style::UnitLine, false);
    sheet.write_string_with_format(rows.unit, unit_col, format!("单位：{}", table.unit), f)?;
    Ok(())
}

/// The 信息栏 of a 绩效目标表: labels merged right over the empty text cells after them.
fn write_info(
    sheet: &mut Worksheet,
    formats: &mut Formats,
    table: &Table,
    width: usize,
    first: u32,
    laid: &mut Laid,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let text_at = |r: usize, c: usize| match table.info.get(r)?.cells.get(c)? {
        Cell::Text(t) => Some(t.clone()),
        Cell::Money { .. } => None,
    };
    let spans = form_spans(table.info.len(), width, text_at);
    for (r, row) in table.info.iter().enumerate() {
        let at = first + count(r);
        for (c, cell) in row.cells.iter().enumerate() {
            let bold = row.bold.get(c).copied().unwrap_or(false);
            let span = spans
                .iter()
                .find(|s| s.first_row == r && s.first_col == c)
                .copied();
            let covered = spans
                .iter()
                .any(|s| s.first_row == r && s.first_col < c && c <= s.last_col);
            if covered {
                continue;
            }
            if let (Cell::Text(t), Some(s)) = (cell, span) {
                merge_or_write(sheet, at, c, s.cols(), t, formats.get(Style::Text, bold))?;
                laid.push((at, c, t.clone(), s));
            } else {
                let text = write_cell(sheet, formats, table, at, c, cell, bold, false)?;
                laid.push((at, c, text, Span::single(c)));
            }
        }
    }
    Ok(())
}

/// The header rows: each label over its span, bold, centred and wrapped.
fn write_header(
    sheet: &mut Worksheet,
    formats: &mut Formats,
    table: &Table,
    width: usize,
    first: u32,
    spans: &[Span],
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let f = formats.get(Style::Header, false).clone();
    for r in 0..table.header.len() {
        for c in 0..width {
            sheet.write_blank(first + count(r), col(c), &f)?;
        }
    }
    for s in spans {
        let text = table
            .header
            .get(s.first_row)
            .and_then(|r| r.get(s.first_col))
            .map_or("", String::as_str);
        let (r0, r1) = (first + count(s.first_row), first + count(s.last_row));
        if s.is_merge() {
            sheet.merge_range(r0, col(s.first_col), r1, col(s.last_col), text, &f)?;
        } else {
            sheet.write_string_with_format(r0, col(s.first_col), text, &f)?;
        }
    }
    Ok(())
}

/// The body rows; a number printed as text (增减额, 增减率) is written as a number when it
/// reads back as printed.
fn write_body(
    sheet: &mut Worksheet,
    formats: &mut Formats,
    table: &Table,
    first: u32,
    laid: &mut Laid,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let numbers_as_text = table.info.is_empty();
    for (r, row) in table.rows.iter().enumerate() {
        let at = first + count(r);
        for (c, cell) in row.cells.iter().enumerate() {
            let bold = row.bold.get(c).copied().unwrap_or(false);
            let text = write_cell(sheet, formats, table, at, c, cell, bold, numbers_as_text)?;
            laid.push((at, c, text, Span::single(c)));
        }
    }
    Ok(())
}

/// Writes one body or info cell; returns its printed text.
#[allow(clippy::too_many_arguments)]
fn write_cell(
    sheet: &mut Worksheet,
    formats: &mut Formats,
    table: &Table,
    row: u32,
    c: usize,
    cell: &Cell,
    bold: bool,
    numbers: bool,
) -> Result<String, rust_xlsxwriter::XlsxError> {
    let printed = table.shown(cell);
    let number = match cell {
        Cell::Money {
            shown: Some(value), ..
        } => Some((
            NumberFormat {
                decimals: value.scale(),
                thousands: table.thousands,
                percent: false,
            },
            *value,
        )),
        Cell::Money { shown: None, .. } => None,
        Cell::Text(t) if numbers => NumberFormat::of_printed(t),
        Cell::Text(_) => None,
    };
    match (cell, number) {
        (_, Some((format, value))) => {
            let f = formats.get(Style::Number(format), bold);
            sheet.write_number_with_format(row, col(c), to_f64(value), f)?;
        }
        (Cell::Money { .. }, None) => {
            let format = NumberFormat {
                decimals: 2,
                thousands: table.thousands,
                percent: false,
            };
            sheet.write_blank(row, col(c), formats.get(Style::Number(format), bold))?;
        }
        (Cell::Text(t), None) if t.is_empty() => {
            sheet.write_blank(row, col(c), formats.get(Style::Text, bold))?;
        }
        (Cell::Text(t), None) => {
            sheet.write_string_with_format(row, col(c), t, formats.get(Style::Text, bold))?;
        }
    }
    Ok(printed)
}

/// A decimal as the nearest binary float (Excel's numbers): through its printed digits, which
/// Rust's float parser rounds correctly.
fn to_f64(value: Decimal) -> f64 {
    value.to_string().parse().unwrap_or(0.0)
}

impl Span {
    fn single(c: usize) -> Span {
        Span {
            first_row: 0,
            first_col: c,
            last_row: 0,
            last_col: c,
        }
    }
}

/// Notes a money cell of the body or info rows for the sheet of exact amounts.
fn record_exact(
    table: &Table,
    sheet: &str,
    rows: Rows,
    r: u32,
    c: usize,
    out: &mut Vec<ExactCell>,
) {
    let cell = if r >= rows.body {
        table.rows.get((r - rows.body) as usize)
    } else if r >= rows.info && r < rows.header {
        table.info.get((r - rows.info) as usize)
    } else {
        None
    }
    .and_then(|row| row.cells.get(c));
    if let Some(Cell::Money { exact, shown }) = cell {
        out.push(ExactCell {
            sheet: sheet.to_string(),
            cell: super::cell_ref(r, count(c)),
            unit: table.unit,
            shown: *shown,
            exact: *exact,
        });
    }
}

/// Row heights for wrapped text: each cell's lines at its span's width, shared among the rows
/// it spans; rows of one line keep the default height.
fn set_heights(
    sheet: &mut Worksheet,
    laid: &Laid,
    widths: &[usize],
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut lines: HashMap<u32, usize> = HashMap::new();
    for (r, _, text, span) in laid {
        let chars: usize = widths.iter().skip(span.first_col).take(span.cols()).sum();
        let need = lines_in(text, chars).div_ceil(span.rows());
        let e = lines.entry(*r).or_insert(1);
        *e = (*e).max(need);
    }
    for (r, n) in lines {
        if n > 1 {
            sheet.set_row_height_pixels(r, count(n) * LINE_PIXELS + 4)?;
        }
    }
    Ok(())
}

/// A4, fitted to the page width, landscape for a wide table, header rows on every page.
fn print_setup(
    sheet: &mut Worksheet,
    rows: Rows,
    widths: &[usize],
) -> Result<(), rust_xlsxwriter::XlsxError> {
    sheet.set_paper_size(A4);
    if widths.iter().sum::<usize>() > PORTRAIT_MAX {
        sheet.set_landscape();
    }
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    if rows.body > rows.header {
        sheet.set_repeat_rows(rows.header, rows.body - 1)?;
        sheet.set_freeze_panes(rows.body, 0)?;
    }
    Ok(())
}

/// The 情况说明: each section's title in bold, then its paragraphs, one wrapped cell each.
fn write_narrative(
    book: &mut Workbook,
    formats: &mut Formats,
    narrative: &[Section],
) -> Result<(), XlsxError> {
    let err = |e: rust_xlsxwriter::XlsxError| XlsxError::write(Some(NARRATIVE_SHEET), e);
    let sheet = book.add_worksheet();
    sheet.set_name(NARRATIVE_SHEET).map_err(err)?;
    sheet
        .set_column_width_pixels(0, width_pixels(NARRATIVE_WIDTH))
        .map_err(err)?;
    let mut row = 0u32;
    for section in narrative {
        let texts = std::iter::once((&section.title, true))
            .chain(section.paragraphs.iter().map(|p| (p, false)));
        for (text, bold) in texts {
            let f = formats.get(Style::Line, bold);
            sheet
                .write_string_with_format(row, 0, text, f)
                .map_err(err)?;
            let n = lines_in(text, NARRATIVE_WIDTH);
            if n > 1 {
                sheet
                    .set_row_height_pixels(row, count(n) * LINE_PIXELS + 4)
                    .map_err(err)?;
            }
            row += 1;
        }
    }
    sheet.set_paper_size(A4);
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// The hidden sheet of exact amounts: for every money cell, its sheet and cell, the printed
/// value, the exact amount in 元 and in the table's unit, and the 尾差 (printed − exact).
fn write_exact(
    book: &mut Workbook,
    formats: &mut Formats,
    cells: &[ExactCell],
) -> Result<(), XlsxError> {
    let err = |e: rust_xlsxwriter::XlsxError| XlsxError::write(Some(EXACT_SHEET), e);
    let sheet = book.add_worksheet();
    sheet.set_name(EXACT_SHEET).map_err(err)?;
    sheet.set_hidden(true);
    let header = [
        "工作表",
        "单元格",
        "单位",
        "打印值",
        "精确金额（元）",
        "精确值（按单位）",
        "尾差（打印值−精确值）",
    ];
    let h = formats.get(Style::Header, false).clone();
    for (c, label) in header.iter().enumerate() {
        sheet
            .write_string_with_format(0, col(c), *label, &h)
            .map_err(err)?;
    }
    let widths = [32, 8, 6, 16, 18, 18, 18];
    for (c, w) in widths.iter().enumerate() {
        sheet
            .set_column_width_pixels(col(c), width_pixels(*w))
            .map_err(err)?;
    }
    for (i, x) in cells.iter().enumerate() {
        write_exact_row(sheet, formats, count(i + 1), x).map_err(err)?;
    }
    Ok(())
}

fn write_exact_row(
    sheet: &mut Worksheet,
    formats: &mut Formats,
    row: u32,
    x: &ExactCell,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let text = formats.get(Style::Text, false).clone();
    sheet.write_string_with_format(row, 0, &x.sheet, &text)?;
    sheet.write_string_with_format(row, 1, &x.cell, &text)?;
    sheet.write_string_with_format(row, 2, x.unit.to_string(), &text)?;
    let exact_in_unit = x.exact.to_unit(x.unit);
    let number = |value: Decimal| NumberFormat {
        decimals: value.scale().max(2),
        thousands: true,
        percent: false,
    };
    let mut put = |c: u16, value: Option<Decimal>| -> Result<(), rust_xlsxwriter::XlsxError> {
        match value {
            Some(v) => {
                let f = formats.get(Style::Number(number(v)), false);
                sheet.write_number_with_format(row, c, to_f64(v), f)?;
            }
            None => {
                sheet.write_blank(row, c, &text)?;
            }
        }
        Ok(())
    };
    put(3, x.shown)?;
    put(4, Some(x.exact.as_decimal()))?;
    put(5, Some(exact_in_unit))?;
    put(6, x.shown.and_then(|s| s.checked_sub(exact_in_unit)))?;
    Ok(())
}
