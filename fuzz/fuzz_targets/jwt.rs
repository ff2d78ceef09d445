//! The JWT decoder and `inspect`: `oauth::jwt::decode`, then the
//! diagnosis's `extract_jwt`, `decode` and `check` with a plain context.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pkjwt::diagnose::checks::{self, Context};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = pkjwt::oauth::jwt::decode(text);
    let Some(jwt) = checks::extract_jwt(text) else {
        return;
    };
    let Ok(decoded) = checks::decode(&jwt) else {
        return;
    };
    // The assertion's own claims name the expected issuer, client and
    // endpoint, so the checks that compare them run too.
    let s = |name: &str| {
        decoded
            .claims
            .get(name)
            .and_then(|v| v.as_str())
            .map(String::from)
    };
    let jwks = decoded.header.get("jwk").cloned().map(|k| vec![k]);
    let ctx = Context {
        // Just after the assertion's own `iat`, so the time checks see a
        // fresh assertion as often as an expired one.
        now: decoded
            .claims
            .get("iat")
            .and_then(|v| v.as_i64())
            .map_or(1_800_000_000, |iat| iat.saturating_add(5)),
        clock_offset: Some(-3),
        tolerance: 60,
        issuer: Some("https://as.example".into()),
        client_id: s("iss"),
        token_endpoint: Some("https://as.example/token".into()),
        endpoint: s("aud"),
        server_algs: Some(vec!["ES256".into(), "PS256".into(), "RS256".into()]),
        strict_aud: data.first().is_some_and(|b| b & 1 == 1),
        jwks,
        jwks_source: "fuzz".into(),
        max_lifetime: Some(300),
        ..Context::default()
    };
    let _ = checks::check(&decoded, &ctx);
    let _ = checks::check(&decoded, &Context::default());
});
