//! Offline checks of one client assertion against RFC 7523,
//! draft-ietf-oauth-rfc7523bis, OIDC Core section 9 and FAPI 2.0, and
//! against what is known of the server (the [`Context`]: metadata, clock,
//! registered keys). Also finding a JWT in a paste, and verifying a
//! signature with a JWK.

use std::collections::BTreeMap;

use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::Value;

use super::{Finding, Severity};
pub use crate::oauth::jwt::Decoded;
use crate::oauth::jwt::{self, DecodeError, Part};

/// What is known besides the assertion.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// The local time (seconds since the epoch) the checks use.
    pub now: i64,
    /// Server clock minus local clock, when measured (from a `Date` header).
    pub clock_offset: Option<i64>,
    /// The clock tolerance a server allows, for "just expired" judgements.
    pub tolerance: i64,
    pub issuer: Option<String>,
    pub client_id: Option<String>,
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

/// Find a JWT in what the user pasted: a JWT, a form body, a
/// `client_assertion=...` line from a log, with or without URL encoding.
pub fn extract_jwt(text: &str) -> Option<String> {
    let text = text.trim();
    if let Some(pos) = text.find("client_assertion=") {
        let rest = &text[pos + "client_assertion=".len()..];
        let end = rest
            .find(|c: char| c == '&' || c.is_whitespace() || c == '"' || c == '\'')
            .unwrap_or(rest.len());
        return Some(url_decode(&rest[..end]));
    }
    text.split(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == ',' || c == '&')
        .map(|w| w.trim_matches(|c: char| c == '"' || c == '\''))
        .find(|w| {
            let parts: Vec<&str> = w.split('.').collect();
            parts.len() == 3
                && parts[0].starts_with("eyJ")
                && parts.iter().all(|p| {
                    p.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                })
        })
        .map(String::from)
}

/// Form-urlencoded value: `+` is a space, then percent-decoding.
fn url_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(&s.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// Decode a compact JWS; the findings explain a failure.
pub fn decode(jwt: &str) -> Result<Decoded, Vec<Finding>> {
    jwt::decode(jwt).map_err(|e| {
        let hint = match &e {
            DecodeError::Parts(_) => "pass the whole assertion: header.payload.signature",
            DecodeError::NotBase64(_) => {
                "JWS uses unpadded base64url; standard base64 (+, /, =) is refused by servers"
            }
            DecodeError::NotJson(Part::Header) => "the first part must decode to a JSON object",
            DecodeError::NotJson(_) => "the second part must decode to a JSON object of claims",
            DecodeError::NotObject => "",
        };
        vec![Finding::new(
            "malformed",
            Severity::Error,
            e.to_string(),
            hint,
        )]
    })
}

/// "3 min ago", "in 2 h". Any i64, without overflow.
pub fn relative(secs: i64) -> String {
    let a = secs.unsigned_abs();
    let amount = if a < 120 {
        format!("{a} s")
    } else if a < 7200 {
        format!("{} min", a / 60)
    } else if a < 172_800 {
        format!("{} h", a / 3600)
    } else {
        format!("{} days", a / 86_400)
    };
    if secs < 0 {
        format!("{amount} ago")
    } else {
        format!("in {amount}")
    }
}

/// The largest NumericDate pkjwt treats as a date: 9999-12-31T23:59:59Z.
pub const MAX_DATE: i64 = 253_402_300_799;

/// A NumericDate as RFC 3339 UTC; "not a date" outside 1970 to 9999.
pub fn date(secs: i64) -> String {
    if !(0..=MAX_DATE).contains(&secs) {
        return "not a date".into();
    }
    time::OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| "not a date".into())
}

fn norm(u: &str) -> String {
    u.trim_end_matches('/').to_ascii_lowercase()
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

/// Repeated member names (RFC 7515 section 4, RFC 7519 section 4): one
/// finding naming them all.
fn check_duplicates(d: &Decoded, out: &mut Vec<Finding>) {
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
fn check_embedded_keys(d: &Decoded, out: &mut Vec<Finding>) {
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

fn check_header(d: &Decoded, ctx: &Context, out: &mut Vec<Finding>) {
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

fn check_claims(d: &Decoded, ctx: &Context, out: &mut Vec<Finding>) {
    let c = &d.claims;
    let s = |k: &str| c.get(k).and_then(Value::as_str);
    for k in ["iss", "sub"] {
        match c.get(k) {
            None => out.push(Finding::new(
                if k == "iss" {
                    "iss-missing"
                } else {
                    "sub-missing"
                },
                Severity::Error,
                format!("the {k} claim is missing"),
                format!("{k} must be the client_id (RFC 7523 section 3)"),
            )),
            Some(v) if !v.is_string() => out.push(Finding::new(
                "claim-type",
                Severity::Error,
                format!("{k} is not a string"),
                "",
            )),
            _ => {}
        }
    }
    if let (Some(i), Some(su)) = (s("iss"), s("sub")) {
        if i != su {
            out.push(Finding::new(
                "iss-sub-differ",
                Severity::Error,
                format!("iss ({i}) and sub ({su}) differ"),
                "for client authentication both are the client_id",
            ));
        }
    }
    if let (Some(i), Some(cid)) = (s("iss"), ctx.client_id.as_deref()) {
        if i != cid {
            out.push(Finding::new(
                "iss-not-client-id",
                Severity::Error,
                format!("iss is {i:?}, and the client_id is {cid:?}"),
                "set iss and sub to the client_id the server gave (--client-id, or the profile's)",
            ));
        }
    }
    // aud
    match c.get("aud") {
        None => out.push(Finding::new(
            "aud-missing",
            Severity::Error,
            "the aud claim is missing".to_string(),
            "aud must identify the server: use its issuer identifier",
        )),
        Some(Value::Array(a)) => {
            out.push(Finding::new(
                "aud-array",
                Severity::Error,
                format!("aud is an array of {} value(s)", a.len()),
                "draft-ietf-oauth-rfc7523bis requires a single string, the issuer identifier (pkjwt never sends an array)",
            ));
            for v in a.iter().filter_map(Value::as_str) {
                check_aud_value(v, ctx, out, true);
            }
        }
        Some(Value::String(v)) => check_aud_value(v, ctx, out, false),
        Some(_) => out.push(Finding::new(
            "claim-type",
            Severity::Error,
            "aud is neither a string nor an array".to_string(),
            "",
        )),
    }
    // jti
    match c.get("jti") {
        None => out.push(Finding::new(
            "jti-missing",
            Severity::Error,
            "the jti claim is missing".to_string(),
            "every assertion needs a unique jti so the server can refuse replays (pkjwt sends 128 random bits)",
        )),
        Some(Value::String(j)) if j.len() < 16 => out.push(Finding::new(
            "jti-short",
            Severity::Warning,
            format!("jti {j:?} is {} characters: too short to be unique", j.len()),
            "use at least 128 random bits (22 base64url characters)",
        )),
        Some(Value::String(_)) => {}
        Some(_) => out.push(Finding::new("claim-type", Severity::Error, "jti is not a string".to_string(), "")),
    }
}

fn check_aud_value(v: &str, ctx: &Context, out: &mut Vec<Finding>, in_array: bool) {
    let Some(issuer) = ctx.issuer.as_deref() else {
        return;
    };
    if v == issuer {
        return;
    }
    let token = ctx.token_endpoint.as_deref();
    if Some(v) == token {
        if ctx.strict_aud {
            out.push(Finding::new(
                "aud-not-issuer",
                Severity::Error,
                format!("aud is the token endpoint ({v}); this server (FAPI 2.0 / rfc7523bis) accepts only the issuer {issuer}"),
                "use the issuer: --aud issuer (pkjwt's default)",
            ));
        } else if !in_array {
            out.push(Finding::new(
                "aud-token-endpoint",
                Severity::Warning,
                format!("aud is the token endpoint ({v}), not the issuer {issuer}"),
                "most servers accept it today, but FAPI 2.0 and draft-ietf-oauth-rfc7523bis servers accept only the issuer: prefer --aud issuer",
            ));
        }
        return;
    }
    if Some(v) == ctx.endpoint.as_deref() {
        if ctx.strict_aud {
            out.push(Finding::new(
                "aud-not-issuer",
                Severity::Error,
                format!("aud is the endpoint called ({v}); this server accepts only the issuer {issuer}"),
                "use --aud issuer",
            ));
        } else {
            out.push(Finding::new(
                "aud-endpoint",
                Severity::Warning,
                format!("aud is the endpoint called ({v}), not the issuer"),
                "PAR, CIBA and FAPI 2.0 servers must accept it, others may not: prefer --aud issuer",
            ));
        }
        return;
    }
    if norm(v) == norm(issuer) {
        out.push(Finding::new(
            "aud-trailing-slash",
            Severity::Error,
            format!(
                "aud {v:?} differs from the issuer {issuer:?} only by a trailing slash or case"
            ),
            format!("use the issuer exactly: {issuer}"),
        ));
        return;
    }
    let strip = |u: &str| {
        u.split_once("://")
            .map(|(_, r)| r.to_string())
            .unwrap_or_default()
    };
    if strip(v).trim_end_matches('/') == strip(issuer).trim_end_matches('/') {
        out.push(Finding::new(
            "aud-scheme",
            Severity::Error,
            format!("aud {v:?} and the issuer {issuer:?} differ in scheme"),
            format!("use the issuer exactly: {issuer}"),
        ));
        return;
    }
    if let Some(t) = token {
        if norm(v) == norm(t) || strip(v).trim_end_matches('/') == strip(t).trim_end_matches('/') {
            out.push(Finding::new(
                "aud-token-endpoint-mismatch",
                Severity::Error,
                format!(
                    "aud {v:?} is almost the token endpoint {t:?} (slash, case or scheme differ)"
                ),
                "use --aud issuer, or the token endpoint exactly",
            ));
            return;
        }
    }
    out.push(Finding::new(
        "aud-unknown",
        Severity::Error,
        format!("aud {v:?} is neither the issuer {issuer:?} nor the token endpoint"),
        "use the issuer identifier: --aud issuer",
    ));
}

fn num(c: &Value, k: &str) -> Option<Result<i64, ()>> {
    c.get(k).map(|v| {
        v.as_i64()
            .or_else(|| v.as_f64().map(|x| x as i64))
            .ok_or(())
    })
}

fn check_times(d: &Decoded, ctx: &Context, out: &mut Vec<Finding>) {
    let c = &d.claims;
    // The server's "now", when the offset is known; else ours.
    let server_now = ctx.now.saturating_add(ctx.clock_offset.unwrap_or(0));
    let whose = if ctx.clock_offset.is_some() {
        "by the server's clock"
    } else {
        "by this machine's clock"
    };
    let exp = match num(c, "exp") {
        None => {
            out.push(Finding::new(
                "exp-missing",
                Severity::Error,
                "the exp claim is missing".to_string(),
                "assertions must expire: exp = iat + 60 s is common",
            ));
            None
        }
        Some(Err(())) => {
            out.push(Finding::new(
                "claim-type",
                Severity::Error,
                "exp is not a number".to_string(),
                "exp is seconds since the epoch, a number",
            ));
            None
        }
        Some(Ok(e)) => Some(e),
    };
    let iat = match num(c, "iat") {
        Some(Ok(i)) => Some(i),
        Some(Err(())) => {
            out.push(Finding::new(
                "claim-type",
                Severity::Error,
                "iat is not a number".to_string(),
                "",
            ));
            None
        }
        None => None,
    };
    let absurd: Vec<String> = ["exp", "iat", "nbf"]
        .into_iter()
        .filter_map(|k| match (num(c, k), c.get(k)) {
            (Some(Ok(t)), Some(v)) if !(0..=MAX_DATE).contains(&t) => Some(format!("{k} {v}")),
            _ => None,
        })
        .collect();
    if !absurd.is_empty() {
        out.push(Finding::new(
            "time-out-of-range",
            Severity::Error,
            format!(
                "{} not a time between 1970 and 9999",
                if absurd.len() == 1 {
                    format!("{} is", absurd[0])
                } else {
                    format!("{} are", absurd.join(", "))
                }
            ),
            "exp, iat and nbf are seconds since 1970 (RFC 7519 NumericDate), not milliseconds: a server may overflow or refuse them; use exp = iat + 60",
        ));
    }
    if let Some(e) = exp {
        if e <= server_now {
            out.push(Finding::new(
                "exp-past",
                Severity::Error,
                format!("the assertion expired {} ({}), {whose}", relative(e.saturating_sub(server_now)), date(e)),
                "mint a fresh assertion for every request; if it was fresh, the client clock is behind (see clock findings)",
            ));
        }
    }
    if let Some(Ok(n)) = num(c, "nbf") {
        if n > server_now.saturating_add(ctx.tolerance) {
            out.push(Finding::new(
                "nbf-future",
                Severity::Error,
                format!("nbf is {} ({}), {whose}: not valid yet", relative(n.saturating_sub(server_now)), date(n)),
                "the client clock is ahead of the server's: fix it, or compensate with --clock-offset",
            ));
        }
    }
    if let Some(i) = iat {
        if i > server_now.saturating_add(ctx.tolerance.max(5)) {
            out.push(Finding::new(
                "iat-future",
                Severity::Warning,
                format!(
                    "iat is {} ({}), {whose}",
                    relative(i.saturating_sub(server_now)),
                    date(i)
                ),
                "the client clock runs ahead; servers may reject assertions issued in the future",
            ));
        }
    }
    if let (Some(e), Some(i)) = (exp, iat) {
        let life = e.saturating_sub(i);
        if life <= 0 {
            out.push(Finding::new(
                "lifetime-negative",
                Severity::Error,
                format!("exp is {} s before iat", life.unsigned_abs()),
                "exp = iat + lifetime",
            ));
        } else if let Some(cap) = ctx.max_lifetime.filter(|cap| life > *cap) {
            out.push(Finding::new(
                "lifetime-over-server-cap",
                Severity::Error,
                format!("the lifetime is {life} s; this server allows at most {cap} s"),
                format!("use --lifetime {} or less", cap.min(60)),
            ));
        } else if life > 3600 {
            out.push(Finding::new(
                "lifetime-over-1h",
                Severity::Error,
                format!("the lifetime (exp - iat) is {life} s, over an hour"),
                "servers such as Okta refuse assertions valid for more than an hour; use 60 s (--lifetime 60)",
            ));
        } else if life > 300 {
            out.push(Finding::new(
                "lifetime-over-5min",
                Severity::Warning,
                format!("the lifetime (exp - iat) is {life} s, over five minutes"),
                "FAPI deployments and security-focused servers (Keycloak with a short max assertion lifetime, Open Banking profiles) refuse long-lived assertions; 60 s is safe",
            ));
        } else if life > 60 {
            out.push(Finding::new(
                "lifetime-long",
                Severity::Warning,
                format!("the lifetime (exp - iat) is {life} s"),
                "60 s or less keeps a stolen assertion useless quickly (--lifetime 60)",
            ));
        }
    }
    if let Some(off) = ctx.clock_offset {
        if off.unsigned_abs() > 30 {
            let with = if ctx.minting_offset != 0 {
                format!(" (with --clock-offset {})", ctx.minting_offset)
            } else {
                String::new()
            };
            out.push(Finding::new(
                "clock-skew",
                if off.unsigned_abs() > 60 {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                format!(
                    "this client's clock{with} is {} s {} the server's",
                    off.unsigned_abs(),
                    if off > 0 { "behind" } else { "ahead of" }
                ),
                format!(
                    "fix the clock (NTP), or compensate: --clock-offset {}",
                    ctx.minting_offset.saturating_add(off)
                ),
            ));
        }
    }
}

fn check_keys(d: &Decoded, ctx: &Context, out: &mut Vec<Finding>) {
    let alg = d.header.get("alg").and_then(Value::as_str).unwrap_or("");
    let kid = d.header.get("kid").and_then(Value::as_str);
    if let Some(keys) = &ctx.jwks {
        let candidates: Vec<&Value> = match kid {
            Some(k) => keys
                .iter()
                .filter(|j| j.get("kid").and_then(Value::as_str) == Some(k))
                .collect(),
            None => keys.iter().collect(),
        };
        if let Some(k) = kid {
            if candidates.is_empty() {
                let have: Vec<&str> = keys
                    .iter()
                    .filter_map(|j| j.get("kid").and_then(Value::as_str))
                    .collect();
                out.push(Finding::new(
                    "kid-unknown",
                    Severity::Error,
                    format!("kid {k} is not in {} (it has: {})", ctx.jwks_source, if have.is_empty() { "no keys".into() } else { have.join(", ") }),
                    "register the key (inline jwks, or publish `pkjwt jwks` at the jwks_uri), or sign with a registered kid (--kid)",
                ));
            }
        }
        let mut verified = false;
        let mut tried = 0;
        for jwk in &candidates {
            let kty = jwk.get("kty").and_then(Value::as_str).unwrap_or("");
            let fits = match alg {
                "RS256" | "PS256" => kty == "RSA",
                "ES256" => kty == "EC" && jwk.get("crv").and_then(Value::as_str) == Some("P-256"),
                _ => false,
            };
            if !fits {
                if kid.is_some() && matches!(alg, "RS256" | "PS256" | "ES256") {
                    out.push(Finding::new(
                        "alg-key-mismatch",
                        Severity::Error,
                        format!("alg {alg} does not fit the {kty} key {}", kid.unwrap_or("")),
                        "RS256 and PS256 need an RSA key, ES256 a P-256 key",
                    ));
                }
                continue;
            }
            if let Some(ja) = jwk.get("alg").and_then(Value::as_str) {
                if ja != alg && kid.is_some() {
                    out.push(Finding::new(
                        "alg-jwk-mismatch",
                        Severity::Error,
                        format!(
                            "the JWK of {} says alg {ja}, and the assertion is {alg}",
                            kid.unwrap_or("")
                        ),
                        format!("sign with {ja} (--alg {ja}), or publish the key with alg {alg}"),
                    ));
                }
            }
            tried += 1;
            if verify(alg, jwk, d) {
                verified = true;
                break;
            }
        }
        if verified {
            out.push(Finding::new(
                "signature-ok",
                Severity::Info,
                format!("the signature verifies with {}", ctx.jwks_source),
                "",
            ));
        } else if tried > 0 {
            out.push(Finding::new(
                "signature-invalid",
                Severity::Error,
                format!("the signature does not verify with the key(s) in {}", ctx.jwks_source),
                "the registered key is not the one that signed: re-register the current key, or sign with the registered one",
            ));
        }
    }
    // x5t / x5t#S256 against the certificate.
    for (name, sha256) in [("x5t#S256", true), ("x5t", false)] {
        let Some(v) = d.header.get(name).and_then(Value::as_str) else {
            continue;
        };
        let Some(cert) = kid.and_then(|k| ctx.certs.get(k)) else {
            out.push(Finding::new(
                "x5t-unchecked",
                Severity::Info,
                format!("{name} is present; no certificate to check it against"),
                "pass --keystore or --profile to check it",
            ));
            continue;
        };
        use sha2::Digest;
        let want = if sha256 {
            Base64UrlUnpadded::encode_string(&sha2::Sha256::digest(cert))
        } else {
            Base64UrlUnpadded::encode_string(&sha1::Sha1::digest(cert))
        };
        if v != want {
            out.push(Finding::new(
                "x5t-mismatch",
                Severity::Error,
                format!("{name} {v} is not the thumbprint of key {}'s certificate ({want})", kid.unwrap_or("")),
                "servers that register certificates (Entra ID) pick the key by this thumbprint: send the right one (--x5t)",
            ));
        }
    }
}

/// Verify the signature of `d` with a public JWK, with the crypto backend.
/// The key material decides; a JWK `alg` that differs is its own finding.
pub fn verify(alg: &str, jwk: &Value, d: &Decoded) -> bool {
    let (Ok(alg), Ok(key)) = (
        alg.parse::<crate::keystore::keys::Alg>(),
        crate::keystore::keys::PublicKey::from_jwk(jwk),
    ) else {
        return false;
    };
    key.verify(alg, d.signing_input.as_bytes(), &d.signature)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keystore::keys::{Alg, KeyPair};
    use crate::keystore::Entry;
    use crate::oauth::assertion::{Params, Signer};

    const NOW: i64 = 1_800_000_000;
    const ISS: &str = "https://as.example";

    fn signer(alg: Alg) -> (Signer, Entry) {
        let key = KeyPair::generate(alg, 2048).unwrap();
        let cert = crate::keystore::cert::self_signed(
            &key,
            &crate::keystore::cert::subject_name("t").unwrap(),
            1,
        )
        .unwrap();
        let e = Entry::new("k1".into(), key, Some(cert), Some(alg));
        (Signer::new(&e, alg).unwrap(), e)
    }

    fn params() -> Params {
        Params {
            client_id: "client".into(),
            aud: ISS.into(),
            lifetime: 60,
            typ: None,
            x5t: None,
            nbf: false,
            extra: serde_json::Map::new(),
            ..Default::default()
        }
    }

    fn ctx(e: &Entry) -> Context {
        let jwk = Value::Object(e.public().to_jwk(&e.kid, e.alg()));
        let mut certs = BTreeMap::new();
        certs.insert(e.kid.clone(), e.cert.clone().unwrap());
        Context {
            now: NOW,
            tolerance: 15,
            issuer: Some(ISS.into()),
            client_id: Some("client".into()),
            token_endpoint: Some(format!("{ISS}/token")),
            jwks: Some(vec![jwk]),
            jwks_source: "test".into(),
            certs,
            ..Default::default()
        }
    }

    fn codes(jwt: &str, c: &Context) -> Vec<&'static str> {
        check(&decode(jwt).unwrap(), c)
            .into_iter()
            .map(|x| x.code)
            .collect()
    }

    fn with(
        s: &Signer,
        p: &Params,
        header: &[(&str, Value)],
        claims: &[(&str, Option<Value>)],
    ) -> String {
        let jwt = s.mint(p, NOW, "abcdefghijklmnopqrstuv").unwrap();
        let d = decode(&jwt).unwrap();
        let mut h = d.header.as_object().unwrap().clone();
        for (k, v) in header {
            h.insert((*k).into(), v.clone());
        }
        h.remove("alg");
        h.remove("kid");
        let mut c = d.claims.as_object().unwrap().clone();
        for (k, v) in claims {
            match v {
                Some(v) => c.insert((*k).into(), v.clone()),
                None => c.remove(*k),
            };
        }
        s.sign(&h, &c).unwrap()
    }

    #[test]
    fn a_good_assertion_has_no_error() {
        let (s, e) = signer(Alg::ES256);
        let jwt = s.mint(&params(), NOW, "abcdefghijklmnopqrstuv").unwrap();
        let cs = codes(&jwt, &ctx(&e));
        assert_eq!(cs, vec!["signature-ok"]);
    }

    #[test]
    fn every_claim_finding() {
        let (s, e) = signer(Alg::ES256);
        let c = ctx(&e);
        let p = params();
        type Edit<'a> = Vec<(&'a str, Option<Value>)>;
        let cases: Vec<(Edit, &str)> = vec![
            (vec![("iss", None)], "iss-missing"),
            (vec![("sub", None)], "sub-missing"),
            (vec![("aud", None)], "aud-missing"),
            (vec![("exp", None)], "exp-missing"),
            (vec![("jti", None)], "jti-missing"),
            (vec![("sub", Some("other".into()))], "iss-sub-differ"),
            (
                vec![("iss", Some("x".into())), ("sub", Some("x".into()))],
                "iss-not-client-id",
            ),
            (vec![("aud", Some(serde_json::json!([ISS])))], "aud-array"),
            (
                vec![("aud", Some(format!("{ISS}/").into()))],
                "aud-trailing-slash",
            ),
            (
                vec![("aud", Some("http://as.example".into()))],
                "aud-scheme",
            ),
            (
                vec![("aud", Some("https://elsewhere.example".into()))],
                "aud-unknown",
            ),
            (
                vec![("aud", Some(format!("{ISS}/token").into()))],
                "aud-token-endpoint",
            ),
            (vec![("exp", Some((NOW - 120).into()))], "exp-past"),
            (vec![("nbf", Some((NOW + 600).into()))], "nbf-future"),
            (
                vec![
                    ("iat", Some((NOW + 600).into())),
                    ("exp", Some((NOW + 660).into())),
                ],
                "iat-future",
            ),
            (vec![("exp", Some((NOW + 120).into()))], "lifetime-long"),
            (
                vec![("exp", Some((NOW + 600).into()))],
                "lifetime-over-5min",
            ),
            (vec![("exp", Some((NOW + 7200).into()))], "lifetime-over-1h"),
            (vec![("jti", Some("abc".into()))], "jti-short"),
            (vec![("exp", Some("soon".into()))], "claim-type"),
        ];
        for (claims, code) in cases {
            let jwt = with(&s, &p, &[], &claims);
            let cs = codes(&jwt, &c);
            assert!(cs.contains(&code), "{code}: got {cs:?}");
        }
    }

    #[test]
    fn header_and_key_findings() {
        let (s, e) = signer(Alg::ES256);
        let mut c = ctx(&e);
        let jwt = s.mint(&params(), NOW, "abcdefghijklmnopqrstuv").unwrap();
        // kid not in the JWKS.
        let mut other = c.clone();
        other.jwks = Some(vec![
            serde_json::json!({"kty":"EC","kid":"other","crv":"P-256","x":"AA","y":"AA"}),
        ]);
        assert!(codes(&jwt, &other).contains(&"kid-unknown"));
        // The signature does not verify with another key of the same kid.
        let (_, e2) = signer(Alg::ES256);
        let mut wrong = c.clone();
        wrong.jwks = Some(vec![Value::Object(e2.public().to_jwk("k1", Alg::ES256))]);
        assert!(codes(&jwt, &wrong).contains(&"signature-invalid"));
        // alg not supported by the server.
        c.server_algs = Some(vec!["PS256".into()]);
        assert!(codes(&jwt, &c).contains(&"alg-not-supported"));
        c.server_algs = None;
        // HMAC and none.
        let parts: Vec<&str> = jwt.split('.').collect();
        for (alg, code) in [("HS256", "alg-hmac"), ("none", "alg-none")] {
            let h = Base64UrlUnpadded::encode_string(
                format!("{{\"alg\":\"{alg}\",\"kid\":\"k1\"}}").as_bytes(),
            );
            let forged = format!("{h}.{}.{}", parts[1], parts[2]);
            assert!(codes(&forged, &c).contains(&code), "{alg}");
        }
        // Missing kid, wrong x5t, unexpected typ.
        let p = params();
        let jwt2 = with(
            &s,
            &p,
            &[("x5t#S256", "AAAA".into()), ("typ", "foo".into())],
            &[],
        );
        let cs = codes(&jwt2, &c);
        assert!(cs.contains(&"x5t-mismatch"), "{cs:?}");
        assert!(cs.contains(&"typ-unexpected"), "{cs:?}");
        let h = Base64UrlUnpadded::encode_string(b"{\"alg\":\"ES256\"}");
        assert!(codes(&format!("{h}.{}.{}", parts[1], parts[2]), &c).contains(&"kid-missing"));
        // A key of the wrong type for alg.
        let (_, rsa) = signer(Alg::RS256);
        let mut rc = c.clone();
        rc.jwks = Some(vec![Value::Object(rsa.public().to_jwk("k1", Alg::RS256))]);
        assert!(codes(&jwt, &rc).contains(&"alg-key-mismatch"));
        // Strict servers: the token endpoint as aud is an error, RS256 too.
        let mut strict = c.clone();
        strict.strict_aud = true;
        let jwt3 = with(&s, &p, &[], &[("aud", Some(format!("{ISS}/token").into()))]);
        assert!(codes(&jwt3, &strict).contains(&"aud-not-issuer"));
        // A measured clock offset.
        let mut skew = c.clone();
        skew.clock_offset = Some(600);
        let cs = codes(&jwt, &skew);
        assert!(
            cs.contains(&"clock-skew") && cs.contains(&"exp-past"),
            "{cs:?}"
        );
        // A server cap.
        let mut cap = c;
        cap.max_lifetime = Some(30);
        assert!(codes(&jwt, &cap).contains(&"lifetime-over-server-cap"));
    }

    #[test]
    fn the_remaining_findings() {
        let (s, e) = signer(Alg::ES256);
        let c = ctx(&e);
        let p = params();
        // Malformed input.
        for bad in ["a.b", "!!!.e30.c2ln", "e30.bm90anNvbg.c2ln"] {
            assert_eq!(decode(bad).unwrap_err()[0].code, "malformed", "{bad}");
        }
        let b64 = |v: &str| Base64UrlUnpadded::encode_string(v.as_bytes());
        let jwt = s.mint(&p, NOW, "abcdefghijklmnopqrstuv").unwrap();
        let parts: Vec<&str> = jwt.split('.').collect();
        let with_header = |h: &str| format!("{}.{}.{}", b64(h), parts[1], parts[2]);
        assert!(codes(&with_header("{\"kid\":\"k1\"}"), &c).contains(&"alg-missing"));
        assert!(codes(&with_header("{\"alg\":\"ES256\",\"kid\":7}"), &c).contains(&"kid-malformed"));
        assert!(codes(
            &with_header("{\"alg\":\"ES256\",\"kid\":\"k1\",\"crit\":[\"x\"]}"),
            &c
        )
        .contains(&"crit-header"));
        // x5t without a certificate to compare.
        let mut nocert = c.clone();
        nocert.certs.clear();
        let jwt2 = with(&s, &p, &[("x5t", "AAAA".into())], &[]);
        assert!(codes(&jwt2, &nocert).contains(&"x5t-unchecked"));
        // The endpoint called, and an almost-token-endpoint.
        let mut ep = c.clone();
        ep.endpoint = Some(format!("{ISS}/par"));
        let jwt3 = with(&s, &p, &[], &[("aud", Some(format!("{ISS}/par").into()))]);
        assert!(codes(&jwt3, &ep).contains(&"aud-endpoint"));
        let jwt4 = with(
            &s,
            &p,
            &[],
            &[("aud", Some(format!("{ISS}/token/").into()))],
        );
        assert!(codes(&jwt4, &c).contains(&"aud-token-endpoint-mismatch"));
        // exp before iat.
        let jwt5 = with(
            &s,
            &p,
            &[],
            &[("exp", Some((NOW - 10).into())), ("iat", Some(NOW.into()))],
        );
        assert!(codes(&jwt5, &c).contains(&"lifetime-negative"));
        // The JWK's alg differs from the assertion's; FAPI refuses RS256.
        let (rs, re) = signer(Alg::RS256);
        let mut rc = ctx(&re);
        rc.jwks = Some(vec![Value::Object(re.public().to_jwk(&re.kid, Alg::PS256))]);
        let jwt6 = rs.mint(&p, NOW, "abcdefghijklmnopqrstuv").unwrap();
        let cs = codes(&jwt6, &rc);
        assert!(cs.contains(&"alg-jwk-mismatch"), "{cs:?}");
        assert!(
            cs.contains(&"signature-ok"),
            "the key material verifies: {cs:?}"
        );
        rc.strict_aud = true;
        assert!(codes(&jwt6, &rc).contains(&"alg-not-fapi"));
    }

    #[test]
    fn duplicates_embedded_keys_and_absurd_times() {
        let (s, e) = signer(Alg::ES256);
        let c = ctx(&e);
        let p = params();
        let b64 = |v: &str| Base64UrlUnpadded::encode_string(v.as_bytes());
        let jwt = s.mint(&p, NOW, "abcdefghijklmnopqrstuv").unwrap();
        let parts: Vec<&str> = jwt.split('.').collect();
        let with_header = |h: &str| format!("{}.{}.{}", b64(h), parts[1], parts[2]);
        // {"alg":"none","alg":"ES256"} reads as ES256, and is an error.
        let dup = with_header(r#"{"alg":"none","alg":"ES256","kid":"k1"}"#);
        let d = decode(&dup).unwrap();
        assert_eq!(d.header["alg"], "ES256");
        let found = check(&d, &c);
        let x = found
            .iter()
            .find(|x| x.code == "duplicate-member")
            .expect("duplicate-member");
        assert_eq!(x.severity, Severity::Error);
        assert!(x.message.contains("header \"alg\""), "{}", x.message);
        // In the claims too.
        let claims = format!(
            "{}.{}.{}",
            parts[0],
            b64(r#"{"iss":"client","sub":"client","iss":"other"}"#),
            parts[2]
        );
        assert!(codes(&claims, &c).contains(&"duplicate-member"));
        // An embedded jwk: a warning; the signature still checks against the registered key.
        let jwk = Value::Object(e.public().to_jwk("k1", Alg::ES256));
        let jwt2 = with(&s, &p, &[("jwk", jwk)], &[]);
        let found = check(&decode(&jwt2).unwrap(), &c);
        let x = found.iter().find(|x| x.code == "jwk-header").unwrap();
        assert_eq!(x.severity, Severity::Warning);
        assert!(found.iter().any(|x| x.code == "signature-ok"));
        // x5c: the keystore's certificate passes; anything else is an error.
        let good = base64ct::Base64::encode_string(e.cert.as_ref().unwrap());
        let jwt3 = with(&s, &p, &[("x5c", serde_json::json!([good]))], &[]);
        assert!(!codes(&jwt3, &c).contains(&"x5c-malformed"));
        let url = Base64UrlUnpadded::encode_string(e.cert.as_ref().unwrap());
        for (bad, why) in [
            (serde_json::json!(good), "not an array"),
            (serde_json::json!([]), "empty"),
            (serde_json::json!([7]), "entry 0 is not a string"),
            (
                serde_json::json!([good, "!!"]),
                "entry 1 is not standard base64",
            ),
            (serde_json::json!([url]), "base64url"),
            (serde_json::json!(["AAAA"]), "not a DER certificate"),
        ] {
            let jwt4 = with(&s, &p, &[("x5c", bad.clone())], &[]);
            let found = check(&decode(&jwt4).unwrap(), &c);
            let x = found.iter().find(|x| x.code == "x5c-malformed");
            let x = x.unwrap_or_else(|| panic!("{bad}: {found:?}"));
            assert_eq!(x.severity, Severity::Error);
            assert!(x.message.contains(why), "{bad}: {}", x.message);
        }
        // Huge and negative times neither wrap nor panic, and are a finding.
        for t in [
            serde_json::json!(9e18),
            serde_json::json!(i64::MAX),
            serde_json::json!(i64::MIN),
            serde_json::json!(u64::MAX),
            serde_json::json!(-1),
            serde_json::json!(1e300),
            serde_json::json!(-1e300),
            serde_json::json!(1_800_000_000_000_i64),
        ] {
            for k in ["exp", "iat", "nbf"] {
                let jwt5 = with(&s, &p, &[], &[(k, Some(t.clone()))]);
                let found = check(&decode(&jwt5).unwrap(), &c);
                let x = found.iter().find(|x| x.code == "time-out-of-range");
                let x = x.unwrap_or_else(|| panic!("{k}={t}: {found:?}"));
                assert!(x.message.starts_with(&format!("{k} ")), "{}", x.message);
            }
            let mut skewed = c.clone();
            skewed.clock_offset = Some(i64::MAX);
            skewed.minting_offset = i64::MAX;
            let both = with(&s, &p, &[], &[("exp", Some(t.clone())), ("iat", Some(t))]);
            check(&decode(&both).unwrap(), &skewed);
        }
        assert!(!codes(&jwt, &c).contains(&"time-out-of-range"));
        assert_eq!(relative(i64::MIN), "106751991167300 days ago");
        assert_eq!(relative(i64::MAX), "in 106751991167300 days");
        assert_eq!(date(0), "1970-01-01T00:00:00Z");
        assert_eq!(date(MAX_DATE), "9999-12-31T23:59:59Z");
        for t in [-1, MAX_DATE + 1, i64::MAX, i64::MIN] {
            assert_eq!(date(t), "not a date");
        }
    }

    #[test]
    fn extracting_from_pastes() {
        let jwt = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJjIn0.c2ln";
        assert_eq!(extract_jwt(jwt).unwrap(), jwt);
        let form = format!("grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion={jwt}&scope=a");
        assert_eq!(extract_jwt(&form).unwrap(), jwt);
        let log = format!("2026-01-01 INFO request body: client_assertion={jwt} other=1");
        assert_eq!(extract_jwt(&log).unwrap(), jwt);
        assert_eq!(extract_jwt(&format!("token: \"{jwt}\"")).unwrap(), jwt);
        assert!(extract_jwt("nothing here").is_none());
        // Percent-encoding and `+` as a space, as in a form body.
        assert_eq!(
            extract_jwt("client_assertion=a%2Eb%2Bc+d%zz&x=1").unwrap(),
            "a.b+c d%zz"
        );
        assert_eq!(relative(-180), "3 min ago");
        assert_eq!(relative(30), "in 30 s");
        // Invalid UTF-8 after percent-decoding, and a lone % before a
        // multibyte character (once a panic: not a char boundary).
        assert_eq!(
            extract_jwt("client_assertion=%a\u{20ac}").unwrap(),
            "%a\u{20ac}"
        );
        assert_eq!(
            extract_jwt("client_assertion=%ff%e2").unwrap(),
            "\u{fffd}\u{fffd}"
        );
    }
}
