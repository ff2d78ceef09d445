//! One aud value against what the server accepts: its issuer, the token
//! endpoint, the endpoint called, and the near misses (a trailing slash,
//! case, scheme).

use crate::diagnose::{Finding, Severity};

use super::Context;

pub(super) fn check_aud_value(v: &str, ctx: &Context, out: &mut Vec<Finding>, in_array: bool) {
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

fn norm(u: &str) -> String {
    u.trim_end_matches('/').to_ascii_lowercase()
}
