//! Offline checks of one client assertion against RFC 7523,
//! draft-ietf-oauth-rfc7523bis, OIDC Core section 9 and FAPI 2.0, and
//! against what is known of the server (the [`Context`]: metadata, clock,
//! registered keys). Also finding a JWT in a paste, and verifying a
//! signature with a JWK.
//!
//! By concern: `input` (finding a JWT in a paste, decoding it), `header`
//! (alg, kid, typ, crit, duplicate members, embedded keys), `claims` (iss,
//! sub, aud, jti), `audience` (one aud value against the issuer and the
//! endpoints), `times` (exp, iat, nbf, lifetime, clock skew, and the date
//! formatting), `keys` (kid, the signature, x5t against the registered keys).

use std::collections::BTreeMap;

use serde_json::Value;

use super::Finding;
pub use crate::oauth::jwt::Decoded;

mod audience;
mod claims;
mod header;
mod input;
mod keys;
mod times;

use claims::check_claims;
use header::{check_duplicates, check_embedded_keys, check_header};
use keys::check_keys;
use times::check_times;

pub use input::{decode, extract_jwt};
pub use keys::verify;
pub use times::{date, relative, MAX_DATE};

/// What is known besides the assertion.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// The local time (seconds since the epoch) the checks use.
    pub now: i64,
    /// Server clock minus local clock, when measured (from a `Date` header).
    pub clock_offset: Option<i64>,
    /// The clock tolerance a server allows, for "just expired" judgements.
    pub tolerance: i64,
    /// The issuer the client is configured with, when known.
    pub issuer: Option<String>,
    /// The client_id the client is configured with, when known.
    pub client_id: Option<String>,
    /// The token endpoint, when known.
    pub token_endpoint: Option<String>,
    /// The endpoint the assertion was sent to, when known.
    pub endpoint: Option<String>,
    /// `token_endpoint_auth_signing_alg_values_supported`, when known.
    pub server_algs: Option<Vec<String>>,
    /// True when the server is known to follow FAPI 2.0 / rfc7523bis strictly.
    pub strict_aud: bool,
    /// Public JWKs to check `kid` and the signature against.
    pub jwks: Option<Vec<Value>>,
    /// Where the JWKS came from ("the registered jwks", "client.p12", a URL).
    pub jwks_source: String,
    /// Certificates by kid, for `x5t` checks.
    pub certs: BTreeMap<String, Vec<u8>>,
    /// A lifetime cap the server is known to enforce, in seconds.
    pub max_lifetime: Option<i64>,
    /// The `--clock-offset` the assertion was minted with, for the clock hint.
    pub minting_offset: i64,
}

/// Run every check on `d`.
pub fn check(d: &Decoded, ctx: &Context) -> Vec<Finding> {
    let mut out = Vec::new();
    check_duplicates(d, &mut out);
    check_header(d, ctx, &mut out);
    check_embedded_keys(d, &mut out);
    check_claims(d, ctx, &mut out);
    check_times(d, ctx, &mut out);
    check_keys(d, ctx, &mut out);
    out.sort_by_key(|x| x.severity);
    out
}

#[cfg(test)]
mod tests;
