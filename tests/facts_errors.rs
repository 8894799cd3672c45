//! Malformed facts: every rejected cell is reported with its line (or sheet cell), column,
//! value and reason, all of them at once; a budget that breaks a rule names the record of the
//! line at fault. Each case edits one record of the seed's facts; line numbers are found in the
//! edited text itself.

use std::sync::Arc;

use yusuan::budget::{DepartmentBudget, Rule};
use yusuan::error::{AmountError, Error};
use yusuan::facts::{
    self, Column, HeaderProblem, Location, ReadError, Reader, Reason, RowError, Side,
};

const SEED: &str = include_str!("../examples/data/alashankou_2026.json");

fn seed() -> DepartmentBudget {
    serde_json::from_str(SEED).unwrap()
}

fn seed_csv() -> String {
    let mut out = Vec::new();
    facts::write_csv(&seed(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The text with `from` replaced by `to` in the first record containing `from`, and the 1-based
/// line number of that record.
fn edit(text: &str, from: &str, to: &str) -> (String, u64) {
    let index = text
        .lines()
        .position(|l| l.contains(from))
        .unwrap_or_else(|| panic!("no record holds {from:?}"));
    let lines: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == index {
                l.replacen(from, to, 1)
            } else {
                l.to_string()
            }
        })
        .collect();
    (lines.join("\n") + "\n", index as u64 + 1)
}

fn read(text: &str) -> Result<DepartmentBudget, ReadError> {
    Reader::new()
        .side(Side::of(&seed()))
        .read_csv(text.as_bytes())
}

#[track_caller]
fn row_errors(text: &str) -> Vec<RowError> {
    match read(text) {
        Err(ReadError::Rows { errors, .. }) => errors,
        other => panic!("expected row errors, got {other:?}"),
    }
}

#[track_caller]
fn one_error(text: &str) -> RowError {
    let errors = row_errors(text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    errors.into_iter().next().unwrap()
}

#[test]
fn the_seed_facts_read_back_clean() {
    assert_eq!(read(&seed_csv()).unwrap(), seed());
}

#[test]
fn a_grouped_amount_is_rejected_at_its_line_and_column() {
    let (text, line) = edit(&seed_csv(), ",67100.00", ",\"67,100.00\"");
    let e = one_error(&text);
    assert_eq!(e.location(), &Location::Line(line));
    assert_eq!(e.column(), Some(Column::Amount));
    assert_eq!(e.position(), Some(23));
    assert_eq!(e.value(), "67,100.00");
    assert!(matches!(
        e.reason(),
        Reason::Invalid(Error::InvalidAmount {
            reason: AmountError::NotCanonical { .. },
            ..
        })
    ));
    assert_eq!(
        e.to_string(),
        format!(
            "line {line}, column amount \"67,100.00\": invalid amount \"67,100.00\" in 元: ',' at \
             character 3: data amounts are plain ASCII decimal strings such as \"1234.50\""
        )
    );
}

#[test]
fn an_amount_of_three_decimals_is_rejected() {
    let (text, line) = edit(&seed_csv(), ",41700.00", ",41700.001");
    let e = one_error(&text);
    assert_eq!(
        (e.location(), e.column()),
        (&Location::Line(line), Some(Column::Amount))
    );
    assert!(matches!(
        e.reason(),
        Reason::Invalid(Error::InvalidAmount {
            reason: AmountError::TooManyDecimals { found: 3, .. },
            ..
        })
    ));
}

#[test]
fn a_record_with_a_cell_too_many_is_rejected_whole() {
    // An unquoted thousands separator splits the amount in two cells.
    let (text, line) = edit(&seed_csv(), ",83200.00", ",83,200.00");
    let e = one_error(&text);
    assert_eq!(e.location(), &Location::Line(line));
    assert_eq!(e.column(), None);
    assert_eq!(
        e.reason(),
        &Reason::FieldCount {
            expected: 24,
            found: 25
        }
    );
    assert_eq!(
        e.to_string(),
        format!("line {line}: 25 cells where the header has 24")
    );
}

#[test]
fn a_malformed_code_is_rejected() {
    let (text, line) = edit(&seed_csv(), ",2060208,", ",206020８,");
    let e = one_error(&text);
    assert_eq!(
        (e.location(), e.column(), e.value()),
        (
            &Location::Line(line),
            Some(Column::FunctionalItem),
            "206020８"
        )
    );
    assert!(matches!(
        e.reason(),
        Reason::Invalid(Error::InvalidCode { .. })
    ));
}

#[test]
fn a_name_that_is_not_its_codes_name_is_an_error() {
    // 2060101 is 行政运行; 科普活动 is 2060702's name.
    let (text, line) = edit(&seed_csv(), ",2060101,行政运行,", ",2060101,科普活动,");
    let e = one_error(&text);
    assert_eq!(
        (e.location(), e.column(), e.value()),
        (
            &Location::Line(line),
            Some(Column::FunctionalItemName),
            "科普活动"
        )
    );
    assert_eq!(
        e.reason(),
        &Reason::Disagrees {
            expected: "行政运行".to_string()
        }
    );
}

#[test]
fn a_derived_class_that_is_not_the_items_is_an_error() {
    let (text, line) = edit(&seed_csv(), "行政单位,206,", "行政单位,207,");
    let e = one_error(&text);
    assert_eq!(
        (e.location(), e.column(), e.reason()),
        (
            &Location::Line(line),
            Some(Column::FunctionalClass),
            &Reason::Disagrees {
                expected: "206".to_string()
            }
        )
    );
}

#[test]
fn a_wrong_government_code_and_fund_type_are_errors() {
    // 30101 of an 行政单位 maps to 50101; a 一般公共预算（本级） line is 一般公共预算 money.
    let (text, line) = edit(
        &seed_csv(),
        ",50101,工资奖金津补贴,",
        ",50501,工资奖金津补贴,",
    );
    let (text, _) = edit(
        &text,
        "一般公共预算（本级）,财政拨款（补助）,一般公共预算,,41700.00",
        "一般公共预算（本级）,财政拨款（补助）,政府性基金预算,,41700.00",
    );
    let errors = row_errors(&text);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0].location(), &Location::Line(line));
    assert_eq!(errors[0].column(), Some(Column::GovEconomic));
    assert_eq!(errors[1].column(), Some(Column::FundType));
    assert_eq!(
        errors[1].reason(),
        &Reason::Disagrees {
            expected: "一般公共预算".to_string()
        }
    );
}

#[test]
fn an_unknown_source_and_kind_are_errors() {
    let (text, line) = edit(
        &seed_csv(),
        "人员经费,,,一般公共预算（本级）",
        "人员支出,,,某某资金",
    );
    let errors = row_errors(&text);
    let columns: Vec<_> = errors.iter().map(RowError::column).collect();
    assert_eq!(columns, [Some(Column::Kind), Some(Column::Source)]);
    assert!(errors.iter().all(|e| e.location() == &Location::Line(line)));
    assert!(matches!(errors[1].reason(), Reason::Unknown { .. }));
}

#[test]
fn a_project_on_a_basic_line_and_a_project_line_without_project_are_errors() {
    let (text, basic) = edit(&seed_csv(), "公用经费,,,", "公用经费,P1,,");
    let (text, project) = edit(
        &text,
        "项目支出,P5,“十五五”科技规划发展编制资金,",
        "项目支出,,,",
    );
    let errors = row_errors(&text);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(
        (errors[0].location(), errors[0].column()),
        (&Location::Line(basic), Some(Column::Project))
    );
    assert!(matches!(errors[0].reason(), Reason::NotAllowed { .. }));
    assert_eq!(
        (errors[1].location(), errors[1].column(), errors[1].reason()),
        (
            &Location::Line(project),
            Some(Column::Project),
            &Reason::Missing
        )
    );
}

#[test]
fn a_project_name_that_differs_from_the_side_file_is_an_error() {
    let (text, line) = edit(
        &seed_csv(),
        ",P1,2026 年新疆人才发展基金,",
        ",P1,2026 年人才基金,",
    );
    let e = one_error(&text);
    assert_eq!(
        (e.location(), e.column(), e.reason()),
        (
            &Location::Line(line),
            Some(Column::ProjectName),
            &Reason::Disagrees {
                expected: "2026 年新疆人才发展基金".to_string()
            }
        )
    );
}

#[test]
fn an_unknown_carry_over_key_and_a_wrong_year_are_errors() {
    let (text, carry) = edit(&seed_csv(), ",C1,", ",C9,");
    let (text, year) = edit(
        &text,
        "2026,阿拉山口市科学技术局,,行政单位,206,科学技术支出,20601",
        "2025,阿拉山口市科学技术局,,行政单位,206,科学技术支出,20601",
    );
    let errors = row_errors(&text);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(
        (errors[0].location(), errors[0].column()),
        (&Location::Line(year), Some(Column::Year))
    );
    assert_eq!(
        errors[0].reason(),
        &Reason::Disagrees {
            expected: "2026".to_string()
        }
    );
    assert_eq!(
        (errors[1].location(), errors[1].column()),
        (&Location::Line(carry), Some(Column::CarryOver))
    );
    assert!(matches!(errors[1].reason(), Reason::UnknownKey { .. }));
}

#[test]
fn every_bad_record_is_reported_and_the_good_ones_are_kept() {
    let text = seed_csv();
    let (text, a) = edit(&text, ",67100.00", ",-67100.00");
    let (text, b) = edit(&text, ",30102,", ",3010,");
    let (text, c) = edit(&text, ",10000.00", ",10000.00,");
    let err = read(&text).unwrap_err();
    let ReadError::Rows { errors, builder } = err else {
        panic!("{err}")
    };
    let lines: Vec<u64> = errors
        .iter()
        .map(|e| match e.location() {
            Location::Line(n) => *n,
            other => panic!("{other}"),
        })
        .collect();
    assert_eq!(lines, [a, b, c]);
    // The 32 lines of the seed, less the three rejected.
    assert_eq!(builder.lines_so_far().len(), seed().lines().len() - 3);
}

#[test]
fn line_numbers_count_the_lines_of_a_quoted_multi_line_cell() {
    // A quoted cell may span lines; the record after it starts further down.
    let text = seed_csv();
    let (text, _) = edit(
        &text,
        "行政单位,206,科学技术支出,20601,科学技术管理事务,2060101,行政运行,301,工资福利支出,30101,",
        "\"行政\n单位\",206,科学技术支出,20601,科学技术管理事务,2060101,行政运行,301,工资福利支出,30101,",
    );
    // The edited record now covers lines 2 and 3; its unit_kind is wrong, and the next record
    // (on line 4) gets a bad amount.
    let (text, bad_amount) = edit(&text, ",41700.00", ",41700.0.0");
    assert_eq!(bad_amount, 4);
    let errors = row_errors(&text);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(
        (errors[0].location(), errors[0].column()),
        (&Location::Line(2), Some(Column::UnitKind))
    );
    assert_eq!(
        (errors[1].location(), errors[1].column()),
        (&Location::Line(4), Some(Column::Amount))
    );
}

#[test]
fn a_record_that_is_not_utf8_is_rejected_and_reading_goes_on() {
    // One byte of 基本工资 (first data record, line 2) made invalid, and a bad amount on line 3.
    let (text, amount_line) = edit(&seed_csv(), ",41700.00", ",x1700.00");
    let mut bytes = text.into_bytes();
    let at = bytes
        .windows("基本工资".len())
        .position(|w| w == "基本工资".as_bytes())
        .unwrap();
    bytes[at] = 0xFF;
    let err = Reader::new()
        .side(Side::of(&seed()))
        .read_csv(&bytes[..])
        .unwrap_err();
    let ReadError::Rows { errors, .. } = err else {
        panic!("{err}")
    };
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(
        (errors[0].location(), errors[0].reason()),
        (&Location::Line(2), &Reason::NotUtf8)
    );
    assert_eq!(
        (errors[1].location(), errors[1].column()),
        (&Location::Line(amount_line), Some(Column::Amount))
    );
}

#[test]
fn header_problems_are_all_reported() {
    let text = seed_csv().replacen("functional_item,", "functional_itme,", 1);
    let text = text.replacen(",amount\n", ",amount,year\n", 1);
    let err = read(&text).unwrap_err();
    let ReadError::Header(problems) = err else {
        panic!("{err}")
    };
    assert_eq!(
        problems,
        [
            HeaderProblem::Unknown("functional_itme".to_string()),
            HeaderProblem::Duplicate(Column::Year),
            HeaderProblem::Missing(Column::FunctionalItem),
        ]
    );
}

#[test]
fn without_a_side_file_the_department_columns_are_required() {
    let header = [
        "functional_item",
        "economic_section",
        "kind",
        "source",
        "amount",
    ];
    let rows = [(
        Location::Line(2),
        [
            "2060101",
            "30101",
            "人员经费",
            "一般公共预算（本级）",
            "1.00",
        ],
    )];
    let err = facts::read_records(&header, rows, None).unwrap_err();
    let ReadError::NoDepartment { missing } = err else {
        panic!("{err}")
    };
    assert_eq!(
        missing,
        [Column::Year, Column::Department, Column::UnitKind]
    );
}

#[test]
fn rows_naming_two_departments_are_an_error() {
    let header = [
        "year",
        "department",
        "unit_kind",
        "functional_item",
        "economic_section",
        "kind",
        "source",
        "amount",
    ];
    let rows = [
        (
            Location::Line(2),
            [
                "2026",
                "甲局",
                "行政单位",
                "2060101",
                "30101",
                "personnel",
                "general_budget_own",
                "1.00",
            ],
        ),
        (
            Location::Line(3),
            [
                "2026",
                "乙局",
                "行政单位",
                "2060101",
                "30102",
                "personnel",
                "general_budget_own",
                "1.00",
            ],
        ),
    ];
    let err = facts::read_records(&header, rows, None).unwrap_err();
    let ReadError::Rows { errors, .. } = err else {
        panic!("{err}")
    };
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0].location(), errors[0].column(), errors[0].reason()),
        (
            &Location::Line(3),
            Some(Column::Department),
            &Reason::Disagrees {
                expected: "甲局".to_string()
            }
        )
    );
}

#[test]
fn a_budget_rule_broken_by_a_line_names_its_record() {
    // A 人员经费 line moved to 30201 (a 302 款) reads cleanly but breaks the 人员经费 class rule;
    // its source and amount are unchanged, so the control figures still hold.
    let (text, line) = edit(
        &seed_csv(),
        ",301,工资福利支出,30102,津贴补贴,50101,工资奖金津补贴,",
        ",302,,30201,,,,",
    );
    let err = read(&text).unwrap_err();
    let ReadError::Rejected { violations, .. } = err else {
        panic!("{err}")
    };
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert_eq!(violations[0].violation.rule(), Rule::PersonnelClass);
    assert_eq!(violations[0].location, Some(Location::Line(line)));
    assert!(
        violations[0]
            .to_string()
            .starts_with(&format!("line {line}: "))
    );
}

#[test]
fn a_sheet_location_names_the_cell() {
    let budget = seed();
    let text = seed_csv();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let sheet: Arc<str> = Arc::from("预算明细");
    let rows: Vec<(Location, Vec<String>)> = reader
        .records()
        .enumerate()
        .map(|(i, r)| {
            let mut cells: Vec<String> = r.unwrap().iter().map(str::to_string).collect();
            if i == 4 {
                cells[23] = "1,0".to_string();
            }
            let location = Location::Sheet {
                sheet: Arc::clone(&sheet),
                row: i as u32 + 2,
            };
            (location, cells)
        })
        .collect();
    let err = facts::read_records(&header, rows, Some(Side::of(&budget))).unwrap_err();
    let ReadError::Rows { errors, .. } = err else {
        panic!("{err}")
    };
    assert_eq!(errors.len(), 1);
    // The 24th column is X; the fifth data row is spreadsheet row 6.
    assert!(
        errors[0]
            .to_string()
            .starts_with("sheet \"预算明细\" cell X6 (amount) \"1,0\": invalid amount"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_side_file_with_lines_or_an_unknown_field_is_refused() {
    let with_lines = SEED.replacen("\"department\"", "\"unknown_field\": 1, \"department\"", 1);
    let err = Side::from_json(with_lines.as_bytes()).unwrap_err();
    let ReadError::Side { line, message, .. } = &err else {
        panic!("{err}")
    };
    let expected_line = 1 + with_lines
        .lines()
        .position(|l| l.contains("unknown_field"))
        .unwrap();
    assert_eq!(*line, expected_line);
    assert!(
        message.contains("unknown field `unknown_field`"),
        "{message}"
    );
    // The seed's own JSON has lines: refused as a side file.
    let err = Side::from_json(SEED.as_bytes()).unwrap_err();
    assert!(
        err.to_string().contains("lines belong in the facts"),
        "{err}"
    );
}

#[test]
fn a_side_file_naming_an_unknown_edition_is_refused() {
    let mut side = Side::of(&seed());
    side.catalogue = Some("某省2026".to_string());
    let err = Reader::new()
        .side(side)
        .read_csv(seed_csv().as_bytes())
        .unwrap_err();
    assert!(
        matches!(&err, ReadError::Edition { named } if named == "某省2026"),
        "{err}"
    );
}

#[test]
fn empty_input_lacks_every_required_column() {
    let err = read("").unwrap_err();
    let ReadError::Header(problems) = err else {
        panic!("{err}")
    };
    let missing: Vec<Column> = problems
        .iter()
        .map(|p| match p {
            HeaderProblem::Missing(c) => *c,
            other => panic!("{other}"),
        })
        .collect();
    assert_eq!(
        missing,
        [
            Column::FunctionalItem,
            Column::EconomicSection,
            Column::Kind,
            Column::Source,
            Column::Amount
        ]
    );
}

#[test]
fn a_government_code_where_no_mapping_is_known_must_still_be_well_formed() {
    // 30302 退休费 of a 事业单位 has no known 政府 款 (see EconomicCode::government_mapping); a
    // malformed code there is still an error, a well-formed one is accepted (and not kept).
    let header = [
        "year",
        "department",
        "unit_kind",
        "functional_item",
        "economic_section",
        "gov_economic",
        "kind",
        "source",
        "amount",
    ];
    let row = |gov: &str| {
        [(
            Location::Line(2),
            [
                "2026",
                "某中心",
                "事业单位",
                "2080502",
                "30302",
                gov,
                "人员经费",
                "一般公共预算（本级）",
                "100.00",
            ]
            .map(str::to_string),
        )]
    };
    let budget = facts::read_records(&header, row("50905"), None).unwrap();
    assert_eq!(budget.total().to_string(), "100.00");
    let err = facts::read_records(&header, row("5090"), None).unwrap_err();
    let ReadError::Rows { errors, .. } = err else {
        panic!("{err}")
    };
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].column(), Some(Column::GovEconomic));
}
