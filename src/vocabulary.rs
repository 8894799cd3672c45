//! 词表: reading a domain enum from its Chinese name or its JSON key, for every closed
//! vocabulary of the crate (one reader behind every `FromStr`).
//!
//! A value's Chinese name is its `Display`; its JSON key is what serde writes (`snake_case`).
//! `FromStr` accepts both, so `"general_budget_own".parse::<FundingSource>()` and
//! `"本级财政拨款".parse::<FundingSource>()` agree, and `Display` round-trips.

use core::fmt::Display;

use serde::Serialize;
use strum::IntoEnumIterator;

use crate::error::{Error, Result};

/// The JSON key serde writes for a unit variant (`"general_budget_own"`), or `None` for a value
/// that does not serialize as a plain string.
pub(crate) fn json_key<T: Serialize>(value: &T) -> Option<String> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(key)) => Some(key),
        _ => None,
    }
}

/// The variant of `T` whose Chinese name (`Display`, compared without spaces) or JSON key is
/// `text`.
///
/// # Errors
/// [`Error::UnknownName`] naming `vocabulary` and quoting `text`.
pub(crate) fn parse_named<T>(text: &str, vocabulary: &'static str) -> Result<T>
where
    T: IntoEnumIterator + Display + Serialize,
{
    let wanted: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    T::iter()
        .find(|v| v.to_string() == wanted || json_key(v).is_some_and(|k| k == wanted))
        .ok_or_else(|| Error::UnknownName {
            vocabulary,
            input: text.to_string(),
        })
}

/// Implements `FromStr` (Chinese name or JSON key) for closed vocabularies.
macro_rules! from_str_by_name {
    ($($ty:ty => $vocabulary:literal),* $(,)?) => {$(
        impl core::str::FromStr for $ty {
            type Err = $crate::error::Error;
            /// Reads the value from its Chinese name (its `Display`) or its JSON key.
            fn from_str(s: &str) -> $crate::error::Result<$ty> {
                $crate::vocabulary::parse_named(s, $vocabulary)
            }
        }
    )*};
}
pub(crate) use from_str_by_name;
