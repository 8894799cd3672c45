//! 读取预算文件: budget JSON from bytes, with the place and reason of every failure.

use core::fmt;

use super::DepartmentBudgetBuilder;

/// Why a budget file could not be read (before any budget rule is checked).
#[derive(Debug)]
#[non_exhaustive]
pub enum ReadError {
    /// The bytes are not UTF-8.
    InvalidUtf8 {
        /// The byte offset of the first invalid byte (0-based, counting a skipped byte-order
        /// mark).
        offset: usize,
    },
    /// The text is not a budget document: malformed JSON, a value of the wrong type, a
    /// malformed code or amount, an unknown field.
    Json {
        /// Where in the document, as a path (`lines[3].amount`; `.` for the document itself).
        path: String,
        /// 1-based line of the text.
        line: usize,
        /// 1-based column of the text.
        column: usize,
        /// The reason, as the value's own parser gives it.
        source: serde_json::Error,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::InvalidUtf8 { offset } => {
                write!(f, "the file is not UTF-8: invalid byte at offset {offset}")
            }
            ReadError::Json {
                path,
                line,
                column,
                source,
            } => write!(
                f,
                "at {path} (line {line}, column {column}): {}",
                reason_only(source)
            ),
        }
    }
}

/// serde_json's message without its own " at line L column C" tail (the position is printed
/// separately).
fn reason_only(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let tail = format!(" at line {} column {}", e.line(), e.column());
    text.strip_suffix(&tail).unwrap_or(&text).to_string()
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReadError::InvalidUtf8 { .. } => None,
            ReadError::Json { source, .. } => Some(source),
        }
    }
}

/// Reads a budget document (the JSON of [`super`]) from the bytes of a file, without checking
/// its rules: call [`DepartmentBudgetBuilder::build`] next, which reports every violation.
///
/// A UTF-8 byte-order mark is skipped; invalid UTF-8 is reported with its byte offset; any
/// other failure with the path of the value, its line and column, and the reason.
///
/// ```
/// use yusuan::budget::{read_json, ReadError};
/// let json = r#"{ "department": { "name": "示例局", "year": 2026, "unit_kind": "administrative" },
///   "lines": [ { "functional": "2060101", "economic": "30101", "kind": "personnel",
///                "source": "general_budget_own", "amount": "1,234.50" } ] }"#;
/// let json = json.as_bytes();
/// let err = read_json(json).unwrap_err();
/// assert!(matches!(&err, ReadError::Json { path, .. } if path == "lines[0].amount"), "{err}");
/// assert!(err.to_string().starts_with("at lines[0].amount (line 3, column"), "{err}");
/// // A byte-order mark is skipped; invalid UTF-8 is named by its byte offset.
/// let mut with_bom = b"\xEF\xBB\xBF".to_vec();
/// with_bom.extend_from_slice(json);
/// assert!(matches!(read_json(&with_bom), Err(ReadError::Json { path, .. }) if path == "lines[0].amount"));
/// assert!(matches!(read_json(b"{\"department\": \"\xFF\"}"), Err(ReadError::InvalidUtf8 { offset: 16 })));
/// ```
///
/// # Errors
/// [`ReadError`].
pub fn read_json(bytes: &[u8]) -> Result<DepartmentBudgetBuilder, ReadError> {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let (skipped, body) = match bytes.strip_prefix(BOM) {
        Some(rest) => (BOM.len(), rest),
        None => (0, bytes),
    };
    let text = core::str::from_utf8(body).map_err(|e| ReadError::InvalidUtf8 {
        offset: skipped + e.valid_up_to(),
    })?;
    // Tracking the path costs an allocation per field, so a document is read without it
    // first; only a document that fails is read again, with it, to say where.
    let mut de = serde_json::Deserializer::from_str(text);
    if let Ok(builder) = serde::Deserialize::deserialize(&mut de) {
        if de.end().is_ok() {
            return Ok(builder);
        }
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let builder: DepartmentBudgetBuilder =
        serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            let source = e.into_inner();
            ReadError::Json {
                path,
                line: source.line(),
                column: source.column(),
                source,
            }
        })?;
    de.end().map_err(|source| ReadError::Json {
        path: ".".to_string(),
        line: source.line(),
        column: source.column(),
        source,
    })?;
    Ok(builder)
}
