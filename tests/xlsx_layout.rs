//! Workbooks (feature `xlsx`) looked at cell by cell with calamine: sheet names, merged header
//! cells, bold rows as the seed prints them, codes as text and amounts as numbers in the
//! template's format, the hidden sheet of exact amounts that traces the seed's 尾差, and the
//! errors of a workbook that cannot be read.

#![cfg(feature = "xlsx")]

use std::io::Cursor;

use calamine::{Data, Reader, SheetVisible, Xlsx};
use rust_decimal::Decimal;
use yusuan::FundingSource;
use yusuan::budget::DepartmentBudget;
use yusuan::disclosure::{Disclosure, Rounding, Template};
use yusuan::xlsx::{CellError, XlsxError, read_workbook, workbook};

mod common;

const SEED_JSON: &str = include_str!("../examples/data/alashankou_2026.json");

fn seed() -> DepartmentBudget {
    serde_json::from_str(SEED_JSON).unwrap()
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<&[u8]>> {
    Xlsx::new(Cursor::new(bytes)).unwrap()
}

fn seed_book(rounding: Rounding) -> Vec<u8> {
    let b = seed();
    workbook(&Disclosure::new(&b, Template::xinjiang_2026()), rounding).unwrap()
}

/// 0-based (row, column) of an A1 reference.
fn at(a1: &str) -> (u32, u32) {
    let letters: String = a1.chars().take_while(char::is_ascii_uppercase).collect();
    let col = letters
        .bytes()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A') + 1)
        - 1;
    let row: u32 = a1[letters.len()..].parse().unwrap();
    (row - 1, col)
}

#[test]
fn sheets_are_named_by_table_and_the_exact_amounts_are_hidden() {
    let bytes = seed_book(Rounding::Faithful);
    let book = open(&bytes);
    let sheets = book.sheets_metadata();
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    // the seed's twelve titles, as published
    let published: Vec<String> = (1..=12)
        .map(|n| {
            let block = common::seed_table(n);
            let title = block.lines().find(|l| l.starts_with('#')).unwrap();
            title.trim_start_matches('#').trim().to_string()
        })
        .collect();
    for (n, title) in published.iter().enumerate() {
        let expected: String = format!("表{} {title}", n + 1).chars().take(31).collect();
        assert_eq!(names[n], expected);
    }
    assert_eq!(names[12], "情况说明");
    assert_eq!(names[13], "绩效1 部门整体绩效目标表");
    assert_eq!(names[14], "绩效2 项目支出绩效目标表");
    assert_eq!(names[18], "绩效6 项目支出绩效目标表");
    assert_eq!(names[19], "精确金额");
    assert_eq!(names.len(), 20);
    assert!(names.iter().all(|n| n.chars().count() <= 31));
    assert_eq!(sheets[19].visible, SheetVisible::Hidden);
    assert!(
        sheets[..19]
            .iter()
            .all(|s| s.visible == SheetVisible::Visible)
    );
}

#[test]
fn header_cells_merge_as_the_template_prints_them() {
    let bytes = seed_book(Rounding::Faithful);
    let mut book = open(&bytes);
    // 表3: rows 1-3 are 表 3, the title, 编制部门/单位; the header is rows 4-6:
    //   科目 (A4:C4) | 支出预算 (D4:G4)
    //   科目代码 (A5:C5) | 科目名称 | 合计 | 基本支出 | 项目支出 (each down to row 6)
    //   类 | 款 | 项
    let name = "表3 部门支出总体情况表";
    let mut merges: Vec<((u32, u32), (u32, u32))> = book
        .merge_cells_by_sheet_name(name)
        .unwrap()
        .iter()
        .map(|d| (d.start, d.end))
        .collect();
    merges.sort();
    let mut expected: Vec<((u32, u32), (u32, u32))> = [
        ("A2", "G2"), // the title
        ("A3", "F3"), // 编制部门 (单位 in G3)
        ("A4", "C4"),
        ("D4", "G4"),
        ("A5", "C5"),
        ("D5", "D6"),
        ("E5", "E6"),
        ("F5", "F6"),
        ("G5", "G6"),
    ]
    .iter()
    .map(|(a, b)| (at(a), at(b)))
    .collect();
    expected.sort();
    assert_eq!(merges, expected);
    let range = book.worksheet_range(name).unwrap();
    let text = |a1: &str| range.get_value(at(a1)).cloned().unwrap_or(Data::Empty);
    assert_eq!(text("A1"), Data::String("表 3".into()));
    assert_eq!(text("A2"), Data::String("部门支出总体情况表".into()));
    assert_eq!(
        text("A3"),
        Data::String("编制部门：阿拉山口市科学技术局".into())
    );
    assert_eq!(text("G3"), Data::String("单位：万元".into()));
    assert_eq!(text("D4"), Data::String("支出预算".into()));
    assert_eq!(text("E4"), Data::Empty);
    let styles = book.worksheet_style(name).unwrap();
    let header = styles.get(at("D5")).unwrap();
    assert!(header.font.as_ref().is_some_and(|f| f.is_bold()));
    assert!(header.alignment.as_ref().is_some_and(|a| a.wrap_text));
}

/// `<b>x</b>` → (x, true); a plain cell → (cell, false).
fn bold_cell(cell: &str) -> (String, bool) {
    let c = cell.trim();
    match c.strip_prefix("<b>").and_then(|x| x.strip_suffix("</b>")) {
        Some(inner) => (inner.trim().to_string(), true),
        None => (c.to_string(), false),
    }
}

#[test]
fn rows_print_bold_where_the_seed_prints_them_bold() {
    let bytes = seed_book(Rounding::Faithful);
    let mut book = open(&bytes);
    let template = Template::xinjiang_2026();
    let names: Vec<String> = book.sheet_names().into_iter().take(12).collect();
    let mut checked = (0, 0);
    for (n, name) in names.iter().enumerate() {
        let published: Vec<Vec<(String, bool)>> =
            common::tab_lines(common::seed_table(n as u32 + 1))
                .iter()
                .map(|l| l.split('\t').map(bold_cell).collect())
                .collect();
        let header_rows = template.tables[n].header.get_ref().len();
        let body = &published[header_rows..];
        // the body starts under 表 N, the title, 编制部门 and the header rows
        let first = 3 + header_rows as u32;
        let range = book.worksheet_range(name).unwrap();
        let styles = book.worksheet_style(name).unwrap();
        let bold_at = |pos: (u32, u32)| {
            let filled = !matches!(range.get_value(pos), None | Some(Data::Empty));
            filled
                && styles
                    .get(pos)
                    .and_then(|s| s.font.as_ref())
                    .is_some_and(|f| f.is_bold())
        };
        let mut ours: Vec<Vec<bool>> = (0..body.len() as u32)
            .map(|r| {
                (0..body[0].len() as u32)
                    .map(|c| bold_at((first + r, c)))
                    .collect()
            })
            .collect();
        let mut theirs: Vec<Vec<bool>> = body
            .iter()
            .map(|r| r.iter().map(|(t, b)| *b && !t.is_empty()).collect())
            .collect();
        if n == 10 {
            // 表11's rows are in another order: compare as sets
            ours.sort();
            theirs.sort();
        }
        assert_eq!(ours, theirs, "{name}");
        checked.0 += theirs.iter().flatten().filter(|b| **b).count();
        checked.1 += theirs.iter().map(Vec::len).sum::<usize>();
    }
    assert!(checked.0 > 50, "{checked:?}");
    println!(
        "bold: {} of {} body cells bold as published",
        checked.0, checked.1
    );
}

#[test]
fn codes_are_text_and_amounts_are_numbers_in_the_templates_format() {
    let bytes = seed_book(Rounding::Faithful);
    let mut book = open(&bytes);
    // 表2 row 7 (after 表 2, title, 编制部门 and two header rows): 206 | 01 | 01 | 行政运行 | 68.62
    let name = "表2 部门收入总体情况表";
    let range = book.worksheet_range(name).unwrap();
    let styles = book.worksheet_style(name).unwrap();
    let v = |a1: &str| range.get_value(at(a1)).cloned().unwrap_or(Data::Empty);
    let fmt = |a1: &str| {
        styles
            .get(at(a1))
            .and_then(|s| s.number_format.as_ref())
            .map(|f| f.format_code.clone())
    };
    assert_eq!(v("A8"), Data::String("206".into()));
    assert_eq!(v("B8"), Data::String("01".into()));
    assert_eq!(v("C8"), Data::String("01".into()));
    assert_eq!(v("D8"), Data::String("行政运行".into()));
    assert_eq!(v("E8"), Data::Float(68.62));
    assert_eq!(fmt("E8").as_deref(), Some("0.00"));
    assert_eq!(fmt("B8").as_deref(), Some("@"));
    // a blank money cell is empty, in the amount format
    assert_eq!(v("N8"), Data::Empty);
    // thousands separators where the template prints them (central: 万元, #,##0.00)
    let b = seed();
    let central = workbook(
        &Disclosure::new(&b, Template::central_9()),
        Rounding::Faithful,
    )
    .unwrap();
    let mut c = open(&central);
    let first = c.sheet_names()[0].clone();
    let styles = c.worksheet_style(&first).unwrap();
    let range = c.worksheet_range(&first).unwrap();
    let money: Vec<String> = range
        .used_cells()
        .filter(|(_, _, d)| matches!(d, Data::Float(_)))
        .filter_map(|(r, col, _)| {
            let (r0, c0) = range.start().unwrap();
            styles
                .get((r0 + r as u32, c0 + col as u32))
                .and_then(|s| s.number_format.as_ref())
                .map(|f| f.format_code.clone())
        })
        .collect();
    assert!(!money.is_empty());
    assert!(money.iter().all(|f| f == "#,##0.00"), "{money:?}");
}

#[test]
fn six_decimals_read_back_as_printed() {
    let text = std::fs::read_to_string(format!(
        "{}/tests/data/templates/two_tables.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .replace(
        "unit = \"元\"\nthousands = true",
        "unit = \"万元\"\ndecimals = 6\nthousands = true",
    );
    let t = Template::from_toml("six.toml", &text).unwrap();
    let b = seed();
    let d = Disclosure::new(&b, t);
    let bytes = workbook(&d, Rounding::Faithful).unwrap();
    let read = read_workbook(&bytes).unwrap();
    // the seed's 表3 total, 95.62 万元, and 科普活动 13.00 万元, to six decimals
    let rows = &read.tables[0].rows;
    assert!(
        rows.iter().any(|r| r[..3] == ["合计", "", "95.620000"]),
        "{rows:?}"
    );
    assert!(
        rows.iter()
            .any(|r| r[..3] == ["2060702", "科普活动", "13.000000"])
    );
    let mut book = open(&bytes);
    let name = book.sheet_names()[0].clone();
    let styles = book.worksheet_style(&name).unwrap();
    let range = book.worksheet_range(&name).unwrap();
    let (r0, c0) = range.start().unwrap();
    let formats: Vec<String> = range
        .used_cells()
        .filter(|(_, _, d)| matches!(d, Data::Float(_)))
        .filter_map(|(r, c, _)| {
            styles
                .get((r0 + r as u32, c0 + c as u32))
                .and_then(|s| s.number_format.as_ref())
                .map(|f| f.format_code.clone())
        })
        .collect();
    assert!(!formats.is_empty());
    assert!(formats.iter().all(|f| f == "#,##0.000000"), "{formats:?}");
}

/// A row of the hidden sheet: (sheet, cell, printed, exact in 元, exact in the unit, 尾差, unit).
type ExactRow = (
    String,
    String,
    Option<Decimal>,
    Decimal,
    Decimal,
    Option<Decimal>,
    String,
);

fn exact_rows(bytes: &[u8]) -> Vec<ExactRow> {
    let mut book = open(bytes);
    let range = book.worksheet_range("精确金额").unwrap();
    let num = |d: &Data| match d {
        Data::Float(f) => Some(f.to_string().parse::<Decimal>().unwrap()),
        _ => None,
    };
    range
        .rows()
        .skip(1)
        .map(|r| {
            (
                r[0].to_string(),
                r[1].to_string(),
                num(&r[3]),
                num(&r[4]).unwrap(),
                num(&r[5]).unwrap(),
                num(&r[6]),
                r[2].to_string(),
            )
        })
        .collect()
}

#[test]
fn the_exact_amounts_trace_the_seeds_tail_difference() {
    let b = seed();
    // 表6's 302 商品和服务支出: one amount from the budget's lines (一般公共预算, 基本支出)
    let general = |s: FundingSource| {
        matches!(
            s,
            FundingSource::GeneralBudgetOwn | FundingSource::GeneralBudgetTransfer
        )
    };
    let exact_302 = b
        .sum_where(|l| {
            l.economic().to_string().starts_with("302")
                && l.kind().is_basic()
                && general(l.source())
        })
        .as_decimal();
    let sheet = "表6 一般公共预算基本支出情况表";
    // 302 is the 12th body row (after 301 and its ten 款): sheet row 18, after 表 6, the title,
    // 编制部门 and the three header rows
    let cell_302 = "D18";
    let ten_thousand = Decimal::from(10_000);
    // faithful: 302 prints 3.80 over 款 that print 3.79 in all, as the seed prints them;
    // footing (尾差调整): a 款 is rounded the other way, and they print 3.80
    for (rounding, children) in [(Rounding::Faithful, "3.79"), (Rounding::Footing, "3.80")] {
        let printed_302 = "3.80";
        let bytes = seed_book(rounding);
        let rows = exact_rows(&bytes);
        let read = read_workbook(&bytes).unwrap();
        let t6 = read.tables.iter().find(|t| t.place == sheet).unwrap();
        assert_eq!(
            t6.rows[3 + 11][..4],
            ["302", "", "商品和服务支出", printed_302]
        );
        let sum: Decimal = t6.rows[3 + 12..3 + 21]
            .iter()
            .map(|r| {
                assert_eq!(r[0], "302");
                r[3].parse::<Decimal>().unwrap()
            })
            .sum();
        assert_eq!(sum.to_string(), children, "{rounding:?}");
        let row = rows
            .iter()
            .find(|r| r.0 == sheet && r.1 == cell_302)
            .unwrap();
        assert_eq!(row.3, exact_302, "{rounding:?}");
        assert_eq!(row.4, exact_302 / ten_thousand);
        assert_eq!(row.2, Some(printed_302.parse().unwrap()));
        // 尾差 = printed − exact, within one unit of the last printed digit
        for r in &rows {
            if let (Some(p), Some(tail)) = (r.2, r.5) {
                assert_eq!(p - r.4, tail, "{r:?}");
                let bound = if rounding == Rounding::Faithful {
                    "0.005"
                } else {
                    "0.01"
                };
                assert!(tail.abs() <= bound.parse().unwrap(), "{r:?}");
            }
            let per_unit = match r.6.as_str() {
                "万元" => ten_thousand,
                "元" => Decimal::ONE,
                other => panic!("unit {other}"),
            };
            assert_eq!(r.4 * per_unit, r.3, "{r:?}");
        }
        // every money cell of the twelve tables and the 绩效目标表 has its row
        assert!(rows.len() > 300, "{}", rows.len());
    }
    // the seed prints 3.80 (faithful) over rows that print 3.79: the exact amount lies between
    assert!(exact_302 >= "37950".parse().unwrap() && exact_302 < "38050".parse().unwrap());
}

#[test]
fn a_workbook_that_cannot_be_read_is_an_error_naming_sheet_cell_and_reason() {
    let e = read_workbook(b"not a workbook").unwrap_err();
    assert!(matches!(e, XlsxError::Open { .. }), "{e}");

    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name("表1 收入").unwrap();
    sheet.write_string(0, 0, "项目").unwrap();
    sheet.write_string(0, 1, "金额").unwrap();
    sheet.write_string(1, 0, "一般公共预算").unwrap();
    sheet
        .write_formula(
            1,
            1,
            rust_xlsxwriter::Formula::new("=1/0").set_result("#DIV/0!"),
        )
        .unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let e = read_workbook(&bytes).unwrap_err();
    match &e {
        XlsxError::Cell {
            sheet,
            cell,
            reason: CellError::ErrorValue(v),
            ..
        } => assert_eq!(
            (sheet.as_str(), cell.as_str(), v.as_str()),
            ("表1 收入", "B2", "#DIV/0!")
        ),
        other => panic!("{other}"),
    }
    assert_eq!(
        e.to_string(),
        "sheet \"表1 收入\", cell B2: an error value (#DIV/0!), not a printed value"
    );

    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name("表2").unwrap();
    sheet.write_string(0, 0, "项目").unwrap();
    sheet.write_string(0, 1, "日期").unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 1, 1).unwrap();
    let f = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    sheet.write_datetime_with_format(3, 1, &date, &f).unwrap();
    let e = read_workbook(&wb.save_to_buffer().unwrap()).unwrap_err();
    match &e {
        XlsxError::Cell {
            sheet,
            cell,
            reason: CellError::Date(_),
            ..
        } => assert_eq!((sheet.as_str(), cell.as_str()), ("表2", "B4")),
        other => panic!("{other}"),
    }
}
