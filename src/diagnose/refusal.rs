//! What a refusal says about itself, before any check of the assertion:
//! the cause its OAuth `error` and `error_description` name, given what
//! the request carried. A refusal of the grant (`invalid_grant`), of a
//! missing DPoP proof or of the scope is not a refusal of the client's
//! authentication: no change of the assertion cures it, so it is ranked
//! first and not probed. A request sent without `client_id` and refused
//! with `invalid_request` names the parameter first (probing tries it
//! first). A 5xx is a server failure, which some servers (Ory Hydra) answer
//! for an expired or not-yet-valid assertion.

use super::{Finding, Severity};
use crate::oauth::client::JWT_BEARER;

/// The answer, as read from the server's error response.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Answer<'a> {
    /// The HTTP status.
    pub status: u16,
    /// The OAuth `error` (None: a bare 401/403, or a 5xx without one).
    pub error: Option<&'a str>,
    /// The `error_description`, when sent.
    pub description: Option<&'a str>,
}

/// What the failing request carried, besides the client assertion.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sent<'a> {
    /// The `grant_type` form parameter (token requests only).
    pub grant_type: Option<&'a str>,
    /// A DPoP proof went with the request.
    pub dpop_proof: bool,
    /// The `client_id` form parameter went beside the assertion.
    pub client_id_param: bool,
    /// The profile that sent it, for the hints (`pkjwt profile set NAME`).
    pub profile: Option<&'a str>,
    /// The client is registered for DPoP-bound tokens (its registration's
    /// `dpop_bound_access_tokens`, or the profile's `dpop`).
    pub dpop_bound: bool,
}

impl Sent<'_> {
    /// `pkjwt profile set NAME FLAG`, or the flag alone without a profile.
    fn setting(&self, flag: &str) -> String {
        match self.profile {
            Some(p) => format!("{flag} (or save it: pkjwt profile set {p} {flag})"),
            None => flag.to_string(),
        }
    }
}

/// The codes of causes that are not about the client's authentication:
/// probing (which varies the assertion) cannot cure them.
pub const NOT_CLIENT_AUTH: &[&str] = &[
    "dpop-required",
    "grant-refused",
    "scope-refused",
    "grant-type-refused",
    "server-error",
];

/// The guesses about client authentication the ranking adds when nothing
/// is certain: dropped when the refusal names another cause.
const GUESSES: &[&str] = &[
    "aud-maybe",
    "registration-unchecked",
    "kid-maybe-unregistered",
];

fn lower(s: Option<&str>) -> String {
    s.unwrap_or("").to_ascii_lowercase()
}

/// The cause the answer itself names, if it names one.
pub fn named_cause(a: &Answer, s: &Sent) -> Option<Finding> {
    let desc = lower(a.description);
    let said = a
        .description
        .filter(|d| !d.is_empty())
        .map(|d| format!(" (the server says: {d})"))
        .unwrap_or_default();
    if a.status >= 500 {
        return Some(Finding::new(
            "server-error",
            Severity::Error,
            format!(
                "the server failed with {}{}{said}; some servers (Ory Hydra) answer an expired or not-yet-valid assertion so",
                a.status,
                a.error.map(|e| format!(" {e}")).unwrap_or_default()
            ),
            "check the clocks (pkjwt doctor measures the offset when the server sends a Date header) and the assertion's lifetime (--lifetime 60); otherwise look at the server's log",
        ));
    }
    let error = a.error?;
    let dpop_missing = desc.contains("dpop")
        && ["missing", "not provided", "required"]
            .iter()
            .any(|w| desc.contains(w));
    // oidc-provider hides the reason behind "grant request is invalid": the
    // registration tells instead.
    let bound_refused = s.dpop_bound && matches!(error, "invalid_grant" | "invalid_request");
    if (dpop_missing || bound_refused) && !s.dpop_proof && error != "invalid_dpop_proof" {
        return Some(Finding::new(
            "dpop-required",
            Severity::Error,
            format!(
                "the server requires a DPoP proof (RFC 9449) for this client{}, and the request carried none{said}",
                if s.dpop_bound { ", registered with dpop_bound_access_tokens" } else { "" }
            ),
            format!(
                "send a proof: {}; a client registered with dpop_bound_access_tokens gets tokens only with one",
                s.setting("--dpop")
            ),
        ));
    }
    match error {
        "invalid_grant" => {
            let (what, hint) = match s.grant_type {
                Some(JWT_BEARER) => (
                    "the JWT bearer grant (its sub, iss, aud, lifetime or signature)",
                    "check that the subject (--subject) exists at the server and this client may act for it, and the grant's iss (--grant-iss); the client's authentication was not what failed",
                ),
                Some("authorization_code") => (
                    "the authorization code",
                    "codes are single-use and short-lived, and redirect_uri and code_verifier must match the authorization request: get a fresh code",
                ),
                Some("refresh_token") => (
                    "the refresh token",
                    "the refresh token is expired, revoked, already used (rotation) or was issued to another client: sign in again for a new one",
                ),
                _ => (
                    "the grant",
                    "check the grant's own parameters (--param); the client's authentication was not what failed",
                ),
            };
            Some(Finding::new(
                "grant-refused",
                Severity::Error,
                format!("the server refused {what}, not the client's authentication{said}"),
                hint,
            ))
        }
        "invalid_scope" => Some(Finding::new(
            "scope-refused",
            Severity::Error,
            format!("the server refused the scope asked for, not the client's authentication{said}"),
            "ask for a scope the client is registered for (--scope; '' sends none), or add it to the client at the server",
        )),
        "unsupported_grant_type" => Some(Finding::new(
            "grant-type-refused",
            Severity::Error,
            format!(
                "the server does not offer the grant type {} to this client{said}",
                s.grant_type.unwrap_or("asked for")
            ),
            "use a grant type the server lists (pkjwt discover: grant_types_supported) and the client is registered for",
        )),
        "invalid_request" if !s.client_id_param && (desc.is_empty() || desc.contains("client_id") || desc.contains("client id")) => {
            Some(Finding::new(
                "client-id-missing",
                Severity::Error,
                format!("the request carried no client_id parameter beside the assertion, and the server refused it as malformed{said}"),
                format!(
                    "send client_id: {} (some servers, Spring Authorization Server among them, require it)",
                    s.setting("--client-id-param")
                ),
            ))
        }
        _ => None,
    }
}

/// Put the cause the answer names first: a refusal that is not about client
/// authentication loses the guesses about it; a 5xx keeps the clock and
/// lifetime findings first (they are what Hydra's 500 means).
pub fn apply(causes: &mut Vec<Finding>, named: Option<Finding>) {
    let Some(named) = named else { return };
    causes.retain(|c| c.code != named.code);
    if NOT_CLIENT_AUTH.contains(&named.code) {
        causes.retain(|c| !GUESSES.contains(&c.code));
    }
    let at = if named.code == "server-error" {
        causes
            .iter()
            .position(|c| {
                !(c.code.starts_with("clock-")
                    || c.code.starts_with("lifetime-")
                    || matches!(c.code, "exp-past" | "nbf-future" | "iat-future")
                    || c.code.starts_with("server-"))
                    || c.severity != Severity::Error
            })
            .unwrap_or(causes.len())
    } else {
        0
    };
    causes.insert(at, named);
}

/// Why an introspection answered `active: false` (RFC 7662 says only that
/// the token is not usable), from what pkjwt can read of the token itself:
/// a JWT's `exp` and `aud`, then the known server behaviours. `now` in
/// seconds since the epoch.
#[cfg_attr(not(feature = "cli"), allow(dead_code))] // the CLI uses it
pub(crate) fn inactive_hint(token: &str, client_id: &str, now: i64) -> String {
    let claims = crate::oauth::assertion::decode_unverified(token).map(|(_, c)| c);
    let exp = claims
        .as_ref()
        .and_then(|c| c.get("exp"))
        .and_then(serde_json::Value::as_i64);
    if let Some(exp) = exp.filter(|e| *e <= now) {
        return format!(
            "the token expired {} ({}): get a new one",
            super::checks::relative(exp.saturating_sub(now)),
            super::checks::date(exp)
        );
    }
    let aud: Option<Vec<String>> = claims.as_ref().and_then(|c| match c.get("aud") {
        Some(serde_json::Value::String(s)) => Some(vec![s.clone()]),
        Some(serde_json::Value::Array(a)) => Some(
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect(),
        ),
        _ => None,
    });
    let keycloak = "Keycloak (26.6.2 and later) answers active: false for a client_credentials token unless the introspecting client is in the token's aud: add the client to the token's audience (an audience mapper on the token's client) or introspect as a client that is";
    match aud {
        Some(a) if !a.iter().any(|x| x == client_id) => format!(
            "the token's aud ({}) does not name this client ({client_id}); {keycloak}",
            a.join(", ")
        ),
        _ => format!(
            "the token is expired, revoked, was issued by another server, or this client may not introspect it; {keycloak}"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(code: &'static str, sev: Severity) -> Finding {
        Finding::new(code, sev, code, "")
    }

    fn answer<'a>(status: u16, error: &'a str, desc: &'a str) -> Answer<'a> {
        Answer {
            status,
            error: Some(error),
            description: Some(desc),
        }
    }

    #[test]
    fn a_missing_dpop_proof_is_named_and_not_about_the_client() {
        let sent = Sent {
            grant_type: Some("client_credentials"),
            client_id_param: true,
            profile: Some("kc"),
            ..Default::default()
        };
        for d in ["DPoP proof is missing", "DPoP proof JWT not provided"] {
            let c = named_cause(&answer(400, "invalid_request", d), &sent).unwrap();
            assert_eq!(c.code, "dpop-required");
            assert!(c.hint.contains("pkjwt profile set kc --dpop"), "{}", c.hint);
        }
        // A proof was sent: something else.
        let with = Sent {
            dpop_proof: true,
            ..sent
        };
        assert!(named_cause(
            &answer(400, "invalid_request", "DPoP proof is missing"),
            &with
        )
        .is_none());
        // oidc-provider's wording says nothing of DPoP: the registration does.
        let hidden = answer(400, "invalid_grant", "grant request is invalid");
        assert_eq!(named_cause(&hidden, &sent).unwrap().code, "grant-refused");
        let bound = Sent {
            dpop_bound: true,
            ..sent
        };
        assert_eq!(named_cause(&hidden, &bound).unwrap().code, "dpop-required");
        let mut causes = vec![
            f("aud-maybe", Severity::Warning),
            f("registration-unchecked", Severity::Warning),
            f("clock-unchecked", Severity::Warning),
        ];
        apply(
            &mut causes,
            named_cause(
                &answer(400, "invalid_request", "DPoP proof is missing"),
                &sent,
            ),
        );
        let codes: Vec<_> = causes.iter().map(|c| c.code).collect();
        assert_eq!(codes, ["dpop-required", "clock-unchecked"]);
    }

    #[test]
    fn a_refused_grant_is_not_the_clients_authentication() {
        let sent = Sent {
            grant_type: Some(JWT_BEARER),
            client_id_param: true,
            ..Default::default()
        };
        let c = named_cause(&answer(400, "invalid_grant", "User not found"), &sent).unwrap();
        assert_eq!(c.code, "grant-refused");
        assert!(c.message.contains("JWT bearer grant"));
        assert!(c.hint.contains("--subject"));
        assert!(c.message.contains("the server says: User not found"));
    }

    #[test]
    fn invalid_request_without_client_id_names_the_parameter() {
        let sent = Sent {
            grant_type: Some("client_credentials"),
            client_id_param: false,
            ..Default::default()
        };
        let c = named_cause(
            &Answer {
                status: 400,
                error: Some("invalid_request"),
                description: None,
            },
            &sent,
        )
        .unwrap();
        assert_eq!(c.code, "client-id-missing");
        assert!(c.hint.contains("--client-id-param"));
        // Sent: not the cause.
        let with = Sent {
            client_id_param: true,
            ..sent
        };
        assert!(named_cause(&answer(400, "invalid_request", "bad"), &with).is_none());
        // A description about something else: not the cause either.
        assert!(named_cause(
            &answer(400, "invalid_request", "redirect_uri mismatch"),
            &sent
        )
        .is_none());
        // Probing may cure it: the guesses stay, after it.
        let mut causes = vec![f("aud-maybe", Severity::Warning)];
        apply(&mut causes, Some(c));
        assert_eq!(causes[0].code, "client-id-missing");
        assert_eq!(causes.len(), 2);
    }

    #[test]
    fn a_server_error_keeps_the_clock_causes_first() {
        let a = answer(500, "error", "The error is unrecognizable");
        let c = named_cause(&a, &Sent::default()).unwrap();
        assert_eq!(c.code, "server-error");
        assert!(c.message.contains("500 error"), "{}", c.message);
        let mut causes = vec![
            f("clock-skew", Severity::Error),
            f("exp-past", Severity::Error),
            f("aud-maybe", Severity::Warning),
            f("clock-unchecked", Severity::Warning),
        ];
        apply(&mut causes, Some(c.clone()));
        let codes: Vec<_> = causes.iter().map(|c| c.code).collect();
        assert_eq!(
            codes,
            ["clock-skew", "exp-past", "server-error", "clock-unchecked"]
        );
        let mut causes = vec![f("aud-maybe", Severity::Warning)];
        apply(&mut causes, Some(c));
        assert_eq!(causes[0].code, "server-error");
        assert_eq!(causes.len(), 1);
    }

    #[test]
    fn an_inactive_token_says_why_when_it_can() {
        use base64ct::Encoding;
        let b64 = |v: serde_json::Value| {
            base64ct::Base64UrlUnpadded::encode_string(v.to_string().as_bytes())
        };
        let jwt = |claims: serde_json::Value| {
            format!(
                "{}.{}.sig",
                b64(serde_json::json!({"alg": "RS256"})),
                b64(claims)
            )
        };
        let now = 1_800_000_000;
        let h = inactive_hint(&jwt(serde_json::json!({"exp": now - 120})), "c", now);
        assert!(h.starts_with("the token expired 2 min ago"), "{h}");
        let h = inactive_hint(
            &jwt(serde_json::json!({"exp": now + 60, "aud": ["account"]})),
            "c",
            now,
        );
        assert!(
            h.contains("aud (account) does not name this client (c)"),
            "{h}"
        );
        assert!(h.contains("Keycloak"), "{h}");
        let h = inactive_hint("opaque-token", "c", now);
        assert!(h.contains("revoked"), "{h}");
    }

    #[test]
    fn client_authentication_refusals_name_nothing() {
        let s = Sent::default();
        assert!(named_cause(&answer(401, "invalid_client", "x"), &s).is_none());
        assert!(named_cause(
            &Answer {
                status: 403,
                ..Default::default()
            },
            &s
        )
        .is_none());
    }
}
