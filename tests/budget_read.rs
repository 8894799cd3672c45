//! Reading budget files: canonical amounts, byte-order marks, invalid UTF-8, the path of a bad
//! value. Each rejected sample is one of `examples/data/invalid/unreadable_*.json`.

use yusuan::Amount;
use yusuan::budget::{ReadError, read_json};
use yusuan::error::{AmountError, Error};

const VALID: &[u8] = include_bytes!("../examples/data/county_congress_office_2026.json");

/// The 1-based line and byte column just after `needle` in `text` (serde_json's position after
/// reading a string value), computed from the file itself.
fn after(text: &str, needle: &str) -> (usize, usize) {
    let (i, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(needle))
        .unwrap();
    (i + 1, line.find(needle).unwrap() + needle.len())
}

#[track_caller]
fn json_error(bytes: &[u8]) -> (String, usize, usize, String) {
    match read_json(bytes).unwrap_err() {
        e @ ReadError::Json { .. } => {
            let message = e.to_string();
            let ReadError::Json {
                path, line, column, ..
            } = e
            else {
                unreachable!()
            };
            (path, line, column, message)
        }
        other => panic!("{other}"),
    }
}

#[test]
fn a_full_width_amount_is_refused_with_its_path() {
    let bytes = include_bytes!("../examples/data/invalid/unreadable_fullwidth_amount.json");
    let text = std::str::from_utf8(bytes).unwrap();
    let (path, line, column, message) = json_error(bytes);
    assert_eq!(path, "lines[0].amount");
    assert_eq!((line, column), after(text, "\"６１２０００．００\""));
    assert_eq!(
        message,
        format!(
            "at lines[0].amount (line {line}, column {column}): invalid amount \"６１２０００．００\" in 元: '６' at character 1: data amounts are plain ASCII decimal strings such as \"1234.50\""
        )
    );
}

#[test]
fn a_grouped_amount_is_refused_with_its_path() {
    let bytes = include_bytes!("../examples/data/invalid/unreadable_grouped_amount.json");
    let text = std::str::from_utf8(bytes).unwrap();
    let (path, line, column, message) = json_error(bytes);
    assert_eq!(path, "lines[0].amount");
    assert_eq!((line, column), after(text, "\"612,000.00\""));
    assert_eq!(
        message,
        format!(
            "at lines[0].amount (line {line}, column {column}): invalid amount \"612,000.00\" in 元: ',' at character 4: data amounts are plain ASCII decimal strings such as \"1234.50\""
        )
    );
}

#[test]
fn printed_text_keeps_its_lenient_parser() {
    // What disclosures print is still read by parse_in; only data files are strict.
    for printed in ["612,000.00", "６１２０００．００", " 612000 "] {
        assert_eq!(
            Amount::parse_in(printed, yusuan::Unit::Yuan).unwrap(),
            Amount::parse_canonical("612000.00").unwrap()
        );
    }
    for bad in ["", "01.50", ".5", "5.", "1.2.3", "+5", "-5", "1e3", " 5"] {
        assert!(
            matches!(
                Amount::parse_canonical(bad),
                Err(Error::InvalidAmount {
                    reason: AmountError::NotCanonical { .. },
                    ..
                })
            ),
            "{bad:?}"
        );
    }
    assert!(matches!(
        Amount::parse_canonical("1.234"),
        Err(Error::InvalidAmount {
            reason: AmountError::TooManyDecimals { .. },
            ..
        })
    ));
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(VALID);
    let a = read_json(&with_bom).unwrap().build().unwrap();
    let b = read_json(VALID).unwrap().build().unwrap();
    assert_eq!(a, b);
}

#[test]
fn invalid_utf8_names_its_byte_offset() {
    let bytes = include_bytes!("../examples/data/invalid/unreadable_invalid_utf8.json");
    let offset = bytes.iter().position(|&b| b == 0xFF).unwrap();
    let err = read_json(bytes).unwrap_err();
    assert!(matches!(err, ReadError::InvalidUtf8 { offset: o } if o == offset));
    assert_eq!(
        err.to_string(),
        format!("the file is not UTF-8: invalid byte at offset {offset}")
    );
    // With a byte-order mark in front, the offset still counts from the file's first byte.
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(bytes);
    assert!(
        matches!(read_json(&with_bom), Err(ReadError::InvalidUtf8 { offset: o }) if o == offset + 3)
    );
}

#[test]
fn json_errors_carry_their_cause() {
    use std::error::Error as _;
    let bytes = include_bytes!("../examples/data/invalid/unreadable_float_amount.json");
    let err = read_json(bytes).unwrap_err();
    assert!(err.source().is_some());
    assert!(err.to_string().starts_with("at lines[0].amount "), "{err}");
    // Trailing text after the document is refused, at the document level.
    let mut trailing = VALID.to_vec();
    trailing.extend_from_slice(b" {}");
    assert!(matches!(read_json(&trailing), Err(ReadError::Json { path, .. }) if path == "."));
}
