//! The one decoder of compact JWS/JWT (RFC 7515 section 7.1): three
//! base64url parts without padding, a JSON object header and payload.
//! Nothing here verifies: `keystore::keys::PublicKey::verify` does, with a key.
//!
//! JSON objects are read with a visitor that records repeated member names
//! (RFC 7515 section 4 and RFC 7519 section 4 require unique names; parsers
//! disagree on which of two `alg` members counts). The last one is kept, as
//! serde_json and most JOSE libraries do, and the repeats are reported.

use std::fmt;

use base64ct::{Base64UrlUnpadded, Encoding};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// A decoded compact JWS.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The header, a JSON object.
    pub header: Value,
    /// The claims, a JSON object.
    pub claims: Value,
    /// `header.payload` as sent: what the signature covers.
    pub signing_input: String,
    /// The signature's bytes, base64url-decoded.
    pub signature: Vec<u8>,
    /// Member names that occur more than once, in the header or the payload,
    /// as paths (`alg`, `cnf.jwk.kty`, `aud[1].x`), each repeat once.
    pub duplicates: Vec<(Part, String)>,
}

/// One part of a compact JWS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The JOSE header.
    Header,
    /// The payload (the claims).
    Payload,
    /// The signature.
    Signature,
}

impl Part {
    /// The part's name in messages (`header`, `payload`, `signature`).
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Header => "header",
            Part::Payload => "payload",
            Part::Signature => "signature",
        }
    }
}

/// Why a string is not a compact JWS.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// Not three dot-separated parts: how many there are.
    #[error("not a compact JWS: {0} part(s) instead of three")]
    Parts(usize),
    /// A part that is not base64url without padding.
    #[error("the {} is not base64url (without padding)", .0.as_str())]
    NotBase64(Part),
    /// The header or payload is not JSON.
    #[error("the {} is not JSON", .0.as_str())]
    NotJson(Part),
    /// The header or payload is JSON but not an object.
    #[error("header and payload must be JSON objects")]
    NotObject,
}

/// Decode `jwt` (surrounding whitespace ignored) without verifying it.
pub fn decode(jwt: &str) -> Result<Decoded, DecodeError> {
    let parts: Vec<&str> = jwt.trim().split('.').collect();
    let [h, p, s] = parts.as_slice() else {
        return Err(DecodeError::Parts(parts.len()));
    };
    let b64 = |text: &str, part: Part| {
        Base64UrlUnpadded::decode_vec(text).map_err(|_| DecodeError::NotBase64(part))
    };
    let header = b64(h, Part::Header)?;
    let payload = b64(p, Part::Payload)?;
    let signature = b64(s, Part::Signature)?;
    let mut duplicates = Vec::new();
    let header = parse(&header, Part::Header, &mut duplicates)?;
    let claims = parse(&payload, Part::Payload, &mut duplicates)?;
    if !header.is_object() || !claims.is_object() {
        return Err(DecodeError::NotObject);
    }
    Ok(Decoded {
        header,
        claims,
        signing_input: format!("{h}.{p}"),
        signature,
        duplicates,
    })
}

/// Parse one JSON text, recording repeated member names under `part`.
fn parse(
    bytes: &[u8],
    part: Part,
    duplicates: &mut Vec<(Part, String)>,
) -> Result<Value, DecodeError> {
    let mut paths = Vec::new();
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = Json {
        duplicates: &mut paths,
        path: String::new(),
    }
    .deserialize(&mut de)
    .and_then(|v| de.end().map(|()| v))
    .map_err(|_| DecodeError::NotJson(part))?;
    duplicates.extend(paths.into_iter().map(|p| (part, p)));
    Ok(value)
}

/// A JSON value, as serde_json builds it, with repeated member names
/// recorded. serde_json's recursion limit still applies.
struct Json<'a> {
    duplicates: &'a mut Vec<String>,
    path: String,
}

impl<'de> DeserializeSeed<'de> for Json<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Json<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(v.into())
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        loop {
            let path = format!("{}[{}]", self.path, out.len());
            let seed = Json {
                duplicates: &mut *self.duplicates,
                path,
            };
            match seq.next_element_seed(seed)? {
                Some(v) => out.push(v),
                None => return Ok(Value::Array(out)),
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = if self.path.is_empty() {
                key.clone()
            } else {
                format!("{}.{key}", self.path)
            };
            let value = map.next_value_seed(Json {
                duplicates: &mut *self.duplicates,
                path: path.clone(),
            })?;
            if out.insert(key, value).is_some() && !self.duplicates.contains(&path) {
                self.duplicates.push(path);
            }
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_names_what_is_wrong() {
        let d = decode(" eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJjIn0.c2ln\n").unwrap();
        assert_eq!(d.header["alg"], "ES256");
        assert_eq!(d.claims["iss"], "c");
        assert_eq!(d.signature, b"sig");
        assert_eq!(d.signing_input, "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJjIn0");
        assert_eq!(decode("a.b").unwrap_err(), DecodeError::Parts(2));
        assert_eq!(
            decode("e30=.e30.c2ln").unwrap_err(),
            DecodeError::NotBase64(Part::Header)
        );
        assert_eq!(
            decode("e30.bm90anNvbg.c2ln").unwrap_err(),
            DecodeError::NotJson(Part::Payload)
        );
        assert_eq!(decode("W10.e30.c2ln").unwrap_err(), DecodeError::NotObject);
        assert!(d.duplicates.is_empty());
    }

    #[test]
    fn repeated_members_are_recorded_and_the_last_counts() {
        let b64 = |s: &str| Base64UrlUnpadded::encode_string(s.as_bytes());
        let jwt = format!(
            "{}.{}.c2ln",
            b64(r#"{"alg":"none","kid":"k","alg":"ES256","alg":"RS256"}"#),
            b64(r#"{"iss":"a","cnf":{"x":1,"x":[{"y":1,"y":2}]},"n":1.5,"z":null,"t":true}"#)
        );
        let d = decode(&jwt).unwrap();
        assert_eq!(d.header["alg"], "RS256");
        assert_eq!(d.header.as_object().unwrap().len(), 2);
        assert_eq!(d.claims["cnf"]["x"][0]["y"], 2);
        assert_eq!(d.claims["n"], 1.5);
        assert_eq!(
            d.duplicates,
            [
                (Part::Header, "alg".to_string()),
                (Part::Payload, "cnf.x[0].y".to_string()),
                (Part::Payload, "cnf.x".to_string()),
            ]
        );
        // Trailing text and deep nesting are still refused.
        let bad = format!("{}.e30.c2ln", b64("{} x"));
        assert_eq!(
            decode(&bad).unwrap_err(),
            DecodeError::NotJson(Part::Header)
        );
        let deep = format!("{}.e30.c2ln", b64(&"[".repeat(10_000)));
        assert_eq!(
            decode(&deep).unwrap_err(),
            DecodeError::NotJson(Part::Header)
        );
    }
}
