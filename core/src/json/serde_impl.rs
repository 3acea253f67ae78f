//! `Serialize` for [`Value`] and [`Number`], `Deserialize` for `Value<'static>`.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::float;
use super::{Number, Value};

/// Pre-allocation cap for sequences and maps whose length a deserializer
/// announces: a hostile size hint must not reserve unbounded memory.
const MAX_PREALLOCATION: usize = 1024;

impl Serialize for Number<'_> {
    /// An integer literal that fits `i64` is serialized with `serialize_i64`,
    /// one that fits `u64` with `serialize_u64`, anything else with
    /// `serialize_f64` (nearest `f64`).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if let Some(i) = self.as_i64() {
            serializer.serialize_i64(i)
        } else if let Some(u) = self.as_u64() {
            serializer.serialize_u64(u)
        } else {
            serializer.serialize_f64(self.as_f64())
        }
    }
}

impl Serialize for Value<'_> {
    /// Serializes objects as maps with their members in order (duplicates included).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Number(n) => n.serialize(serializer),
            Value::String(s) => serializer.serialize_str(s),
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (key, value) in members {
                    map.serialize_entry(key.as_ref(), value)?;
                }
                map.end()
            }
        }
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value<'static>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Value::Number(Number::from_i64(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Value::Number(Number::from_validated(Cow::Owned(
            v.to_string(),
        ))))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
        Ok(Value::Number(Number::from_validated(Cow::Owned(
            v.to_string(),
        ))))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
        Ok(Value::Number(Number::from_validated(Cow::Owned(
            v.to_string(),
        ))))
    }

    /// Finite values become the shortest text that parses back to the same
    /// `f64` (e.g. `2.0`, `1e300`); NaN and infinities are rejected, JSON has
    /// no way to write them.
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        if !v.is_finite() {
            return Err(E::custom(format_args!(
                "{} is not a finite number and cannot be represented in JSON",
                float::display_text(v)
            )));
        }
        Ok(Value::Number(Number::from_validated(Cow::Owned(
            float::debug_text(v),
        ))))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Value::String(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Value::String(Cow::Owned(v)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        Value::deserialize(deserializer)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        Value::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(MAX_PREALLOCATION));
        while let Some(item) = seq.next_element::<Value<'static>>()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut members = Vec::with_capacity(map.size_hint().unwrap_or(0).min(MAX_PREALLOCATION));
        while let Some((key, value)) = map.next_entry::<String, Value<'static>>()? {
            members.push((Cow::Owned(key), value));
        }
        Ok(Value::Object(members))
    }
}

impl<'de> Deserialize<'de> for Value<'static> {
    /// Builds an owned value from any self-describing format, keeping map
    /// entries in the order the deserializer yields them.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}
