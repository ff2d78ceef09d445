//! Claim checks: iss and sub (the client_id), aud (its form; each value
//! goes to [`super::audience`]), jti.

use serde_json::Value;

use crate::diagnose::{Finding, Severity};

use super::audience::check_aud_value;
use super::{Context, Decoded};

pub(super) fn check_claims(d: &Decoded, ctx: &Context, out: &mut Vec<Finding>) {
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
