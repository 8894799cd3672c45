//! Budgets read from a workbook's flat-facts sheet equal the same budgets read from JSON; a
//! sheet with a bad cell is refused with the sheet, the cell and the reason.
#![cfg(feature = "xlsx")]

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use yusuan::budget::DepartmentBudget;
use yusuan::facts::Side;
use yusuan::xlsx::{BudgetSheetError, FACTS_SHEET, facts_workbook, read_budget};

fn examples() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir("examples/data")
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            (p.extension()? == "json").then(|| {
                (
                    p.display().to_string(),
                    std::fs::read_to_string(&p).unwrap(),
                )
            })
        })
        .collect();
    out.sort();
    assert!(out.len() >= 11);
    out
}

#[test]
fn a_budget_read_from_its_workbook_equals_the_json_one() {
    for (file, json) in examples() {
        let budget: DepartmentBudget = serde_json::from_str(&json).unwrap();
        let bytes = facts_workbook(&budget).unwrap();
        let again = read_budget(&bytes, FACTS_SHEET, Some(Side::of(&budget)))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(again, budget, "{file}");
    }
}

/// A facts sheet whose row 3, column `col` holds `bad` instead of what the budget says.
fn with_bad_cell(budget: &DepartmentBudget, col_name: &str, bad: Bad) -> (Vec<u8>, String) {
    let mut csv = Vec::new();
    yusuan::facts::write_csv(budget, &mut csv).unwrap();
    let text = String::from_utf8(csv).unwrap();
    let rows: Vec<Vec<String>> = text
        .lines()
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    let col = rows[0].iter().position(|h| h == col_name).unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name(FACTS_SHEET).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r32, c16) = (r as u32, c as u16);
            if r == 2 && c == col {
                match bad {
                    Bad::Text(t) => sheet.write_string(r32, c16, t).unwrap(),
                    Bad::Date => {
                        let day = ExcelDateTime::from_ymd(2026, 1, 1).unwrap();
                        let format = Format::new().set_num_format("yyyy-mm-dd");
                        sheet
                            .write_datetime_with_format(r32, c16, &day, &format)
                            .unwrap()
                    }
                };
            } else {
                sheet.write_string(r32, c16, v).unwrap();
            }
        }
    }
    let letter = (b'A' + col as u8) as char;
    (book.save_to_buffer().unwrap(), format!("{letter}3"))
}

enum Bad {
    Text(&'static str),
    Date,
}

#[test]
fn a_bad_cell_is_refused_with_its_sheet_cell_and_reason() {
    // The county budget's names hold no commas, so its CSV splits on them.
    let json = std::fs::read_to_string("examples/data/county_congress_office_2026.json").unwrap();
    let budget: DepartmentBudget = serde_json::from_str(&json).unwrap();
    let side = || Some(Side::of(&budget));

    let (bytes, cell) = with_bad_cell(&budget, "amount", Bad::Text("1,234.5x"));
    let err = read_budget(&bytes, FACTS_SHEET, side()).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, BudgetSheetError::Facts(_)), "{msg}");
    assert!(
        msg.contains(&format!("sheet \"{FACTS_SHEET}\" cell {cell}")),
        "{msg}"
    );
    assert!(msg.contains("1,234.5x"), "{msg}");

    let (bytes, cell) = with_bad_cell(&budget, "functional_item", Bad::Text("2010x01"));
    let msg = read_budget(&bytes, FACTS_SHEET, side())
        .unwrap_err()
        .to_string();
    assert!(msg.contains(&format!("cell {cell}")), "{msg}");

    // A date where an amount belongs: the workbook reader refuses it before the facts are read.
    let (bytes, cell) = with_bad_cell(&budget, "amount", Bad::Date);
    match read_budget(&bytes, FACTS_SHEET, side()) {
        Err(BudgetSheetError::Workbook(e)) => {
            let msg = e.to_string();
            assert!(
                msg.contains(&format!("sheet \"{FACTS_SHEET}\", cell {cell}")),
                "{msg}"
            );
            assert!(msg.contains("a date or time"), "{msg}");
        }
        other => panic!("{other:?}"),
    }
}
