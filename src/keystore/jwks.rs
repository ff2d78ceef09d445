//! The public JWK Set (RFC 7517) of a keystore's keys.
//!
//! Output is deterministic: the same keystore gives the same bytes, so a
//! JWKS can be committed and diffed. No private member is ever written.

use base64ct::{Base64, Encoding};
use serde_json::{Map, Value};

use crate::keystore::{Entry, Keystore};

/// One public JWK for `entry`; with `x5c`, the certificate chain and `x5t#S256`.
pub fn jwk(ks: &Keystore, entry: &Entry, x5c: bool) -> Map<String, Value> {
    let mut m = entry.public().to_jwk(&entry.kid, entry.alg());
    if x5c {
        let chain = ks.chain(entry);
        if let Some(leaf) = chain.first() {
            m.insert(
                "x5c".into(),
                Value::Array(
                    chain
                        .iter()
                        .map(|c| Base64::encode_string(c).into())
                        .collect(),
                ),
            );
            if let Ok((info, _)) = crate::keystore::cert::inspect(leaf) {
                m.insert("x5t#S256".into(), info.x5t_s256.into());
            }
        }
    }
    m
}

/// The JWK Set of `entries`, in the order given.
pub fn jwks(ks: &Keystore, entries: &[&Entry], x5c: bool) -> Value {
    let keys: Vec<Value> = entries
        .iter()
        .map(|e| Value::Object(jwk(ks, e, x5c)))
        .collect();
    let mut m = Map::new();
    m.insert("keys".into(), Value::Array(keys));
    Value::Object(m)
}

/// The JWK Set as pretty JSON with a final newline.
pub fn to_string(jwks: &Value) -> String {
    let mut s = serde_json::to_string_pretty(jwks).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}
