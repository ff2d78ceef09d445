//! Header checks: the algorithm, kid, typ and crit, repeated member names,
//! and keys or certificate chains the header carries.

use base64ct::Encoding;
use serde_json::Value;

use crate::diagnose::{Finding, Severity};

use super::{Context, Decoded};

/// Repeated member names (RFC 7515 section 4, RFC 7519 section 4): one
/// finding naming them all.
pub(super) fn check_duplicates(d: &Decoded, out: &mut Vec<Finding>) {
    if d.duplicates.is_empty() {
        return;
    }
    let names: Vec<String> = d
        .duplicates
        .iter()
        .map(|(part, path)| format!("{} {path:?}", part.as_str()))
        .collect();
    out.push(Finding::new(
        "duplicate-member",
        Severity::Error,
        format!(
            "a JSON member appears more than once: {} (shown here with the last value)",
            names.join(", ")
        ),
        "send each header parameter and claim once: RFC 7515 and RFC 7519 require unique names, servers may reject the JWT, and parsers that keep the first value read another alg or claim than those that keep the last",
    ));
}

/// A key or certificate chain the client sends in the header (RFC 7515
/// sections 4.1.3 and 4.1.6).
///
/// `jwk` is a warning, not an error: RFC 7523 section 3 has the server
/// verify the signature with a key it holds for the client (registered
/// `jwks` or `jwks_uri`), so a conforming server ignores a key the JWT
/// brings and the assertion still works; nothing in RFC 7515, RFC 7523 or
/// rfc7523bis makes the JWT invalid for carrying it. It is flagged because it
/// proves nothing (anyone can sign with their own key), because a server
/// that does use it accepts forged assertions, and because client code that
/// sends it often expects it to be used.
///
/// A malformed `x5c` is an error: RFC 7515 section 4.1.6 makes it an array
/// of base64 (not base64url) DER certificates, and a recipient that reads it
/// must treat a chain it cannot validate as invalid.
pub(super) fn check_embedded_keys(d: &Decoded, out: &mut Vec<Finding>) {
    if d.header.get("jwk").is_some() {
        out.push(Finding::new(
            "jwk-header",
            Severity::Warning,
            "the header embeds a public key (jwk): a client's own key proves nothing, and servers must verify with the key registered for the client".to_string(),
            "leave jwk out and register the key instead (inline jwks, or `pkjwt jwks` at the jwks_uri); kid selects it",
        ));
    }
    if let Some(x5c) = d.header.get("x5c") {
        if let Some(why) = x5c_problem(x5c) {
            out.push(Finding::new(
                "x5c-malformed",
                Severity::Error,
                format!("x5c is malformed: {why}"),
                "x5c is a JSON array of standard base64 (with padding, not base64url) DER certificates, the signing key's first; or leave it out and use x5t#S256 (--x5t)",
            ));
        }
    }
}

/// Why `x5c` is not an array of base64 DER certificates, if it is not.
fn x5c_problem(x5c: &Value) -> Option<String> {
    let Some(certs) = x5c.as_array() else {
        return Some("it is not an array".into());
    };
    if certs.is_empty() {
        return Some("the array is empty".into());
    }
    for (i, c) in certs.iter().enumerate() {
        let Some(text) = c.as_str() else {
            return Some(format!("entry {i} is not a string"));
        };
        let Ok(der) = base64ct::Base64::decode_vec(text) else {
            let hint = if text.contains(['-', '_']) || text.len() % 4 != 0 {
                " (base64url or unpadded?)"
            } else {
                ""
            };
            return Some(format!("entry {i} is not standard base64{hint}"));
        };
        if let Err(e) = crate::keystore::cert::inspect(&der) {
            return Some(format!("entry {i} is not a DER certificate ({e})"));
        }
    }
    None
}

pub(super) fn check_header(d: &Decoded, ctx: &Context, out: &mut Vec<Finding>) {
    let alg = d.header.get("alg").and_then(Value::as_str).unwrap_or("");
    match alg {
        "" => out.push(Finding::new(
            "alg-missing",
            Severity::Error,
            "the header has no alg".to_string(),
            "sign with RS256, PS256 or ES256",
        )),
        a if a.eq_ignore_ascii_case("none") => out.push(Finding::new(
            "alg-none",
            Severity::Error,
            "alg is \"none\": the assertion is not signed".to_string(),
            "sign it with the client's private key (pkjwt assertion does)",
        )),
        a if a.starts_with("HS") => out.push(Finding::new(
            "alg-hmac",
            Severity::Error,
            format!("alg {a} is an HMAC: that is client_secret_jwt, not private_key_jwt"),
            "private_key_jwt signs with the client's private key: RS256, PS256 or ES256",
        )),
        _ => {}
    }
    if let Some(algs) = &ctx.server_algs {
        if !alg.is_empty() && !algs.iter().any(|a| a == alg) {
            out.push(Finding::new(
                "alg-not-supported",
                Severity::Error,
                format!("the server does not accept {alg} for client assertions (it lists {})", algs.join(", ")),
                "sign with a listed algorithm: generate a key for it with `pkjwt keygen --alg ...` and register it",
            ));
        }
    }
    if ctx.strict_aud && (alg == "RS256") {
        out.push(Finding::new(
            "alg-not-fapi",
            Severity::Error,
            "FAPI 2.0 allows only PS256 and ES256; this assertion is RS256".to_string(),
            "use --alg PS256 with an RSA key",
        ));
    }
    match d.header.get("kid") {
        None => out.push(Finding::new(
            "kid-missing",
            Severity::Warning,
            "the header has no kid".to_string(),
            "servers with several keys for a client need kid to pick one; pkjwt always sends it",
        )),
        Some(k) if !k.is_string() => out.push(Finding::new(
            "kid-malformed",
            Severity::Error,
            "kid is not a string".to_string(),
            "",
        )),
        _ => {}
    }
    if let Some(t) = d.header.get("typ").and_then(Value::as_str) {
        let known = [
            "JWT",
            "jwt",
            crate::oauth::assertion::TYP_CLIENT_AUTH,
            "application/client-authentication+jwt",
        ];
        if !known.contains(&t) {
            out.push(Finding::new(
                "typ-unexpected",
                Severity::Warning,
                format!("typ {t:?} is not JWT or client-authentication+jwt"),
                "leave typ out, or use client-authentication+jwt (draft-ietf-oauth-rfc7523bis)",
            ));
        }
    }
    if d.header.get("crit").is_some() {
        out.push(Finding::new(
            "crit-header",
            Severity::Warning,
            "the header has crit: servers that do not know the extensions must reject it"
                .to_string(),
            "leave crit out",
        ));
    }
}
