//! Serde for plain `Decimal` fields (weights, scores) as decimal strings, without enabling
//! `rust_decimal`'s own serde features (which change the format crate-graph-wide and accept
//! floats).

use core::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serializer};

pub(crate) fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    let text = String::deserialize(d)?;
    Decimal::from_str_exact(text.trim())
        .or_else(|_| Decimal::from_str(text.trim()))
        .map_err(|_| serde::de::Error::custom(format!("invalid decimal {text:?}")))
}

/// The same for `[Decimal; 3]`.
pub(crate) mod array3 {
    use super::*;
    use serde::Serialize;

    pub(crate) fn serialize<S: Serializer>(d: &[Decimal; 3], s: S) -> Result<S::Ok, S::Error> {
        d.iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .serialize(s)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[Decimal; 3], D::Error> {
        let v = <[String; 3]>::deserialize(d)?;
        let mut out = [Decimal::ZERO; 3];
        for (o, t) in out.iter_mut().zip(v.iter()) {
            *o = Decimal::from_str_exact(t.trim())
                .map_err(|_| serde::de::Error::custom(format!("invalid decimal {t:?}")))?;
        }
        Ok(out)
    }
}

/// Serializes an optional decimal as a string or null.
pub(crate) fn serialize_option<S: Serializer>(
    d: &Option<Decimal>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}

/// Reads what [`serialize_option`] writes: a decimal string or null.
pub(crate) fn deserialize_option<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Decimal>, D::Error> {
    match Option::<String>::deserialize(d)? {
        None => Ok(None),
        Some(text) => Decimal::from_str_exact(text.trim())
            .map(Some)
            .map_err(|_| serde::de::Error::custom(format!("invalid decimal {text:?}"))),
    }
}
