//! Shared fixtures of the diagnosis unit tests: keys, assertions, canned
//! metadata. No server.

use serde_json::Value;

use crate::keystore::keys::{Alg, KeyPair};
use crate::keystore::Entry;
use crate::oauth::assertion::{Params, Signer};
use crate::oauth::discovery::Metadata;

pub const NOW: i64 = 1_800_000_000;
pub const ISS: &str = "https://as.example";
pub const TOKEN: &str = "https://as.example/token";
pub const JTI: &str = "abcdefghijklmnopqrstuv";

/// A key with a certificate valid for `days`, as kid `kid`.
pub fn entry(alg: Alg, kid: &str, days: u32) -> Entry {
    let key = KeyPair::generate(alg, 2048).unwrap();
    let cert = crate::keystore::cert::self_signed(
        &key,
        &crate::keystore::cert::subject_name("t").unwrap(),
        days,
    )
    .unwrap();
    Entry::new(kid.into(), key, Some(cert), Some(alg))
}

pub fn signer(e: &Entry) -> Signer {
    Signer::new(e, e.alg()).unwrap()
}

pub fn params(aud: &str) -> Params {
    Params {
        client_id: "client".into(),
        aud: aud.into(),
        lifetime: 60,
        typ: None,
        x5t: None,
        nbf: false,
        extra: serde_json::Map::new(),
        ..Default::default()
    }
}

/// An assertion minted at `NOW`.
pub fn assertion(e: &Entry, aud: &str) -> String {
    signer(e).mint(&params(aud), NOW, JTI).unwrap()
}

/// The public JWK of an entry.
pub fn jwk(e: &Entry) -> Value {
    Value::Object(e.public().to_jwk(&e.kid, e.alg()))
}

/// Metadata of `ISS` with these members over the endpoints.
pub fn metadata(members: Value) -> Metadata {
    let mut doc = serde_json::json!({
        "issuer": ISS,
        "token_endpoint": TOKEN,
        "registration_endpoint": format!("{ISS}/reg"),
    });
    for (k, v) in members.as_object().unwrap() {
        doc[k] = v.clone();
    }
    Metadata {
        issuer: ISS.into(),
        source: format!("{ISS}/.well-known/openid-configuration"),
        doc,
        date: None,
    }
}

/// An HTTP date `secs` after the epoch.
pub fn http_date(secs: i64) -> String {
    httpdate::fmt_http_date(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs as u64))
}
