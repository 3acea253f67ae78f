//! A serde `Deserializer` over an already parsed [`Value`].

use std::borrow::Cow;
use std::fmt;
use std::slice;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{
    self, DeserializeSeed, EnumAccess, IntoDeserializer, MapAccess, SeqAccess, Unexpected,
    VariantAccess, Visitor,
};
use serde::forward_to_deserialize_any;

use super::{Number, Value};
use crate::quote::Quoted;

/// The error of [`from_value`]: the value does not have the shape the target
/// type asks for (or the type's own `Deserialize` impl refused it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeError {
    message: String,
}

impl DeError {
    /// The message, as also given by `Display`.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            message: msg.to_string(),
        }
    }

    /// serde's message, with the unexpected value described by
    /// [`describe`] (serde's own `Display` of `Unexpected` would bring in
    /// the standard library's float formatting).
    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        DeError {
            message: format!("invalid type: {}, expected {exp}", describe(unexp)),
        }
    }

    /// As [`DeError::invalid_type`], for a value of the right type.
    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        DeError {
            message: format!("invalid value: {}, expected {exp}", describe(unexp)),
        }
    }
}

/// An unexpected value in the words serde's `Display` of `Unexpected` uses
/// (`integer `5``, `floating point `1.5``, `string "x"`, `map`), with floats
/// spelled by the core's own writer.
fn describe(unexp: Unexpected<'_>) -> Cow<'_, str> {
    Cow::Owned(match unexp {
        Unexpected::Bool(b) => format!("boolean `{b}`"),
        Unexpected::Unsigned(i) => format!("integer `{i}`"),
        Unexpected::Signed(i) => format!("integer `{i}`"),
        Unexpected::Float(v) => {
            let mut text = super::f64_display(v);
            // serde marks a finite float without a decimal point as one.
            if v.is_finite() && !text.contains('.') {
                text.push_str(".0");
            }
            format!("floating point `{text}`")
        }
        Unexpected::Char(c) => format!("character `{c}`"),
        Unexpected::Str(s) => format!("string {}", Quoted(s)),
        Unexpected::Bytes(_) => return Cow::Borrowed("byte array"),
        Unexpected::Unit => return Cow::Borrowed("unit value"),
        Unexpected::Option => return Cow::Borrowed("Option value"),
        Unexpected::NewtypeStruct => return Cow::Borrowed("newtype struct"),
        Unexpected::Seq => return Cow::Borrowed("sequence"),
        Unexpected::Map => return Cow::Borrowed("map"),
        Unexpected::Enum => return Cow::Borrowed("enum"),
        Unexpected::UnitVariant => return Cow::Borrowed("unit variant"),
        Unexpected::NewtypeVariant => return Cow::Borrowed("newtype variant"),
        Unexpected::TupleVariant => return Cow::Borrowed("tuple variant"),
        Unexpected::StructVariant => return Cow::Borrowed("struct variant"),
        Unexpected::Other(other) => return Cow::Borrowed(other),
    })
}

/// Builds a `T` from a parsed value without re-parsing any text.
///
/// Strings are handed to `T` as borrowed from `value`, so `T` may hold
/// `&'de str` fields. Objects are visited as maps with their members in
/// order (duplicates included, so `T`'s impl decides what they mean), arrays
/// as sequences; integer literals are visited with `visit_i64` (or
/// `visit_u64` when beyond `i64`), other numbers with `visit_f64`; `null`
/// is `None` for options; enums come from a string (unit variant) or from an
/// object with exactly one member (`{"Variant": content}`).
pub fn from_value<'de, T: de::Deserialize<'de>>(value: &'de Value<'_>) -> Result<T, DeError> {
    T::deserialize(value)
}

/// How a value shows in "invalid type" messages.
fn unexpected<'v>(value: &'v Value<'_>) -> Unexpected<'v> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Unexpected::Signed(i),
            (None, Some(u)) => Unexpected::Unsigned(u),
            (None, None) => Unexpected::Float(n.as_f64()),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

fn visit_number<'de, V: Visitor<'de>>(n: &Number<'_>, visitor: V) -> Result<V::Value, DeError> {
    if n.is_integer() {
        if let Some(i) = n.as_i64() {
            return visitor.visit_i64(i);
        }
        if let Some(u) = n.as_u64() {
            return visitor.visit_u64(u);
        }
    }
    visitor.visit_f64(n.as_f64())
}

fn visit_array<'de, 'a, V: Visitor<'de>>(
    items: &'de [Value<'a>],
    visitor: V,
) -> Result<V::Value, DeError> {
    let mut seq = SeqDeserializer { iter: items.iter() };
    let out = visitor.visit_seq(&mut seq)?;
    if seq.iter.len() == 0 {
        Ok(out)
    } else {
        Err(de::Error::invalid_length(
            items.len(),
            &"fewer elements in array",
        ))
    }
}

fn visit_object<'de, 'a, V: Visitor<'de>>(
    members: &'de [(Cow<'a, str>, Value<'a>)],
    visitor: V,
) -> Result<V::Value, DeError> {
    let mut map = MapDeserializer {
        iter: members.iter(),
        value: None,
    };
    let out = visitor.visit_map(&mut map)?;
    if map.iter.len() == 0 {
        Ok(out)
    } else {
        Err(de::Error::invalid_length(
            members.len(),
            &"fewer members in object",
        ))
    }
}

impl<'de, 'a> de::Deserializer<'de> for &'de Value<'a> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => visit_number(n, visitor),
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visit_array(items, visitor),
            Value::Object(members) => visit_object(members, visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self {
            Value::String(s) => visitor.visit_enum(BorrowedStrDeserializer::<DeError>::new(s)),
            Value::Object(members) => match members.as_slice() {
                [(variant, value)] => visitor.visit_enum(EnumDeserializer { variant, value }),
                _ => Err(de::Error::invalid_value(
                    Unexpected::Map,
                    &"an object with exactly one member",
                )),
            },
            other => Err(de::Error::invalid_type(
                unexpected(other),
                &"a string or an object with one member",
            )),
        }
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self {
            Value::String(s) => visitor.visit_borrowed_bytes(s.as_bytes()),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

impl<'de, 'a> IntoDeserializer<'de, DeError> for &'de Value<'a> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

struct SeqDeserializer<'de, 'a> {
    iter: slice::Iter<'de, Value<'a>>,
}

impl<'de> SeqAccess<'de> for SeqDeserializer<'de, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.iter.next() {
            Some(value) => seed.deserialize(value).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

struct MapDeserializer<'de, 'a> {
    iter: slice::Iter<'de, (Cow<'a, str>, Value<'a>)>,
    /// The value of the member whose key was just handed out.
    value: Option<&'de Value<'a>>,
}

impl<'de> MapAccess<'de> for MapDeserializer<'de, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.iter.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(KeyDeserializer { key }).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        match self.value.take() {
            Some(value) => seed.deserialize(value),
            None => Err(de::Error::custom("object value requested before its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

/// Deserializes an object key: a string, which map key types that are
/// numbers or booleans parse (as `serde_json` does for its keys).
struct KeyDeserializer<'de> {
    key: &'de str,
}

macro_rules! parse_key {
    ($($method:ident => $visit:ident: $ty:ty,)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
                match self.key.parse::<$ty>() {
                    Ok(v) => visitor.$visit(v),
                    // Let the visitor report the type mismatch.
                    Err(_) => visitor.visit_borrowed_str(self.key),
                }
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for KeyDeserializer<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_borrowed_str(self.key)
    }

    parse_key! {
        deserialize_bool => visit_bool: bool,
        deserialize_i8 => visit_i8: i8,
        deserialize_i16 => visit_i16: i16,
        deserialize_i32 => visit_i32: i32,
        deserialize_i64 => visit_i64: i64,
        deserialize_i128 => visit_i128: i128,
        deserialize_u8 => visit_u8: u8,
        deserialize_u16 => visit_u16: u16,
        deserialize_u32 => visit_u32: u32,
        deserialize_u64 => visit_u64: u64,
        deserialize_u128 => visit_u128: u128,
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_enum(BorrowedStrDeserializer::<DeError>::new(self.key))
    }

    forward_to_deserialize_any! {
        f32 f64 char str string bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

/// `{"Variant": content}` as an enum.
struct EnumDeserializer<'de, 'a> {
    variant: &'de str,
    value: &'de Value<'a>,
}

impl<'de, 'a> EnumAccess<'de> for EnumDeserializer<'de, 'a> {
    type Error = DeError;
    type Variant = &'de Value<'a>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), DeError> {
        let variant = seed.deserialize(BorrowedStrDeserializer::<DeError>::new(self.variant))?;
        Ok((variant, self.value))
    }
}

impl<'de> VariantAccess<'de> for &'de Value<'_> {
    type Error = DeError;

    /// `{"Variant": null}` is accepted for a unit variant.
    fn unit_variant(self) -> Result<(), DeError> {
        match self {
            Value::Null => Ok(()),
            other => Err(de::Error::invalid_type(unexpected(other), &"unit variant")),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        match self {
            Value::Array(items) => visit_array(items, visitor),
            other => Err(de::Error::invalid_type(unexpected(other), &"tuple variant")),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self {
            Value::Object(members) => visit_object(members, visitor),
            Value::Array(items) => visit_array(items, visitor),
            other => Err(de::Error::invalid_type(
                unexpected(other),
                &"struct variant",
            )),
        }
    }
}

#[cfg(test)]
mod describe_tests {
    use serde::de::Unexpected;

    use super::describe;
    use crate::json::{ParseOptions, from_value, parse};

    #[test]
    fn describes_unexpected_values_as_serde_does() {
        let floats = [
            0.0,
            -0.0,
            1.0,
            1.5,
            -2.5e-7,
            1e16,
            1e300,
            5e-324,
            f64::MAX,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        let mut all = vec![
            Unexpected::Bool(true),
            Unexpected::Unsigned(u64::MAX),
            Unexpected::Signed(-3),
            Unexpected::Char('\n'),
            Unexpected::Str("a \"quoted\"\tstring"),
            Unexpected::Bytes(b"xy"),
            Unexpected::Unit,
            Unexpected::Option,
            Unexpected::NewtypeStruct,
            Unexpected::Seq,
            Unexpected::Map,
            Unexpected::Enum,
            Unexpected::UnitVariant,
            Unexpected::NewtypeVariant,
            Unexpected::TupleVariant,
            Unexpected::StructVariant,
            Unexpected::Other("something else"),
        ];
        all.extend(floats.map(Unexpected::Float));
        for unexp in all {
            assert_eq!(describe(unexp), unexp.to_string());
        }
    }

    #[test]
    fn a_float_of_the_wrong_type_is_named_as_serde_names_it() {
        let value = parse("[1e2, 2.5]", &ParseOptions::default()).unwrap();
        let err = from_value::<Vec<String>>(&value).unwrap_err();
        assert_eq!(
            err.message(),
            format!(
                "invalid type: {}, expected a string",
                Unexpected::Float(100.0)
            )
        );
        assert_eq!(
            err.message(),
            "invalid type: floating point `100.0`, expected a string"
        );
    }
}
