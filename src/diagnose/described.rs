//! What a server's own `error_description` says, for the servers whose
//! wording is known (Keycloak 26, read from its client authenticator and
//! client registration policies and checked against a running Keycloak in
//! the integration tests): which finding codes it confirms, and, where a
//! server setting decides the refusal, which setting to change.
//!
//! A description confirms a cause pkjwt's own checks found ([`promote`]
//! moves those first); when none of pkjwt's findings matches, the
//! description becomes the first cause itself, so a refusal is never
//! explained against what the server said.

use super::{Finding, Severity};

/// One description the server sends, and what it means.
struct Said {
    /// The start of the description (compared case-insensitively).
    starts: &'static str,
    /// The finding codes it confirms, most specific first.
    codes: &'static [&'static str],
    /// The finding used when none of `codes` was found.
    code: &'static str,
    message: &'static str,
    hint: &'static str,
}

/// Keycloak 26's descriptions for client authentication with a signed JWT
/// (`AbstractBaseJWTValidator`, `AbstractJWTClientValidator`,
/// `JWTClientAuthenticator`).
const CLIENT_AUTH: &[Said] = &[
    Said {
        starts: "Invalid token audience",
        codes: &["aud-unknown", "aud-not-issuer", "aud-missing", "aud-array", "aud-trailing-slash", "aud-token-endpoint-mismatch"],
        code: "server-aud",
        message: "the server refused the assertion's aud",
        hint: "Keycloak accepts the realm's issuer (recommended), its token, introspection or PAR endpoint: --aud issuer",
    },
    Said {
        starts: "Multiple audiences not allowed",
        codes: &["aud-array"],
        code: "server-aud-multiple",
        message: "the server refuses an aud with several values",
        hint: "send one audience (--aud issuer); Keycloak allows several only when started with --spi-login-protocol-openid-connect-allow-multiple-audiences-for-jwt-client-authentication=true",
    },
    Said {
        starts: "Unable to load public key",
        codes: &["kid-unknown", "kid-not-published", "jwks-uri-unreachable", "kid-maybe-unregistered"],
        code: "server-kid",
        message: "the server has no registered key with the assertion's kid and alg",
        hint: "register the key (`pkjwt register --update`, or publish it at the jwks_uri), or sign with a registered kid (--kid); Keycloak refetches a jwks_uri at most every 10 s",
    },
    Said {
        starts: "Invalid signature algorithm",
        codes: &["alg-not-registered", "alg-not-supported", "alg-jwk-mismatch"],
        code: "server-alg",
        message: "the server refused the assertion's alg",
        hint: "sign with the algorithm registered for the client (Keycloak: the client's Credentials tab, Signature algorithm; DCR token_endpoint_auth_signing_alg)",
    },
    Said {
        starts: "Algorithm not supported",
        codes: &["alg-not-supported", "alg-jwk-mismatch"],
        code: "server-alg",
        message: "the server does not support the assertion's alg",
        hint: "sign with ES256, PS256 or RS256",
    },
    Said {
        starts: "Token reuse detected",
        codes: &["jti-reused"],
        code: "server-jti-reused",
        message: "the server has seen this jti before",
        hint: "mint a fresh assertion (and jti) for every request; drop --claim jti=...",
    },
    Said {
        starts: "Token is not active",
        codes: &["clock-skew", "exp-past", "nbf-future"],
        code: "server-not-active",
        message: "the server found the assertion expired or not yet valid",
        hint: "mint a fresh assertion for every request; if it was fresh, compare the clocks (pkjwt doctor measures the offset) and use --clock-offset",
    },
    Said {
        starts: "Token was issued too far in the past",
        codes: &["clock-skew", "lifetime-over-server-cap"],
        code: "server-max-expiration",
        message: "the assertion's iat is older than the client's Max expiration allows",
        hint: "use the assertion at once (Keycloak refuses it once now > iat + Max expiration: the client's Credentials tab, Signed JWT, Max expiration, 60 s by default); or fix the clock (--clock-offset)",
    },
    Said {
        starts: "Token was issued in the future",
        codes: &["clock-skew", "iat-future"],
        code: "server-iat-future",
        message: "the server's clock is behind the assertion's iat",
        hint: "fix this machine's clock (NTP), or compensate with a negative --clock-offset",
    },
    Said {
        starts: "Token exp claim is required",
        codes: &["exp-missing"],
        code: "server-exp-missing",
        message: "the server requires an exp claim",
        hint: "drop --claim exp=... and let pkjwt set exp",
    },
    Said {
        starts: "Token jti claim is required",
        codes: &["jti-missing"],
        code: "server-jti-missing",
        message: "the server requires a jti claim",
        hint: "let pkjwt set a fresh jti",
    },
    Said {
        starts: "Token sub claim is required",
        codes: &["sub-missing"],
        code: "server-sub-missing",
        message: "the server requires a sub claim (the client_id)",
        hint: "let pkjwt set sub = client_id",
    },
];

/// The description's entry, if the server's wording is known.
fn said(description: &str) -> Option<&'static Said> {
    let d = description.trim().to_ascii_lowercase();
    CLIENT_AUTH
        .iter()
        .find(|s| d.starts_with(&s.starts.to_ascii_lowercase()))
}

/// Put the causes the server's `description` confirms first, marked as
/// confirmed; when none matches, add the description's own finding first.
/// Unknown descriptions change nothing.
pub fn promote(causes: &mut Vec<Finding>, description: Option<&str>) {
    let Some(desc) = description else { return };
    let Some(s) = said(desc) else { return };
    let mut confirmed: Vec<Finding> = Vec::new();
    for code in s.codes {
        while let Some(i) = causes.iter().position(|c| c.code == *code) {
            let mut c = causes.remove(i);
            c.severity = Severity::Error;
            c.message = format!("{} (the server says: {desc})", c.message);
            // What the server's wording adds: the setting that decides it,
            // once (on the first cause it confirms), and not twice.
            if confirmed.is_empty() && !c.hint.contains(s.hint) {
                c.hint = if c.hint.is_empty() {
                    s.hint.to_string()
                } else {
                    format!("{}; {}", c.hint, s.hint)
                };
            }
            confirmed.push(c);
        }
    }
    if confirmed.is_empty() {
        confirmed.push(Finding::new(
            s.code,
            Severity::Error,
            format!("{} (the server says: {desc})", s.message),
            s.hint,
        ));
    }
    causes.splice(0..0, confirmed);
}

/// Keycloak's client registration policies: the start of the policy's
/// name in the description, and what to change.
const REGISTRATION: &[(&str, &str)] = &[
    (
        "Policy 'Trusted Hosts'",
        "Keycloak refuses anonymous registration from hosts not in its Trusted Hosts policy: register with an initial access token (--initial-access-token-file or PKJWT_INITIAL_ACCESS_TOKEN; Keycloak: Clients > Initial access token), or add this host to the realm's Clients > Client registration > Anonymous access policies > Trusted Hosts",
    ),
    (
        "Policy 'Allowed Client Scopes'",
        "a scope asked for is not allowed by Keycloak's Allowed Client Scopes policy: register without --scope, or allow the client scope in the realm's Clients > Client registration > (Anonymous|Authenticated) access policies > Allowed Client Scopes (or make it a realm default client scope)",
    ),
    (
        "Policy 'Max Clients Limit'",
        "the realm has as many clients as Keycloak's Max Clients Limit policy allows (200 by default): remove unused clients, or raise the limit in Clients > Client registration > Anonymous access policies > Max Clients Limit",
    ),
    (
        "Policy 'Consent Required'",
        "Keycloak's Consent Required policy refused the change: remove it from Clients > Client registration > Anonymous access policies, or register with an initial access token",
    ),
    (
        "Policy 'Allowed Protocol Mapper Types'",
        "Keycloak's Allowed Protocol Mapper Types policy refused a protocol mapper: register without it, or allow the mapper type in Clients > Client registration",
    ),
    (
        "Policy 'Full Scope Disabled'",
        "Keycloak's Full Scope Disabled policy refused the change: register with an initial access token, or remove the policy in Clients > Client registration > Anonymous access policies",
    ),
];

/// What to change when a registration policy refused a request, when the
/// server's wording is known (Keycloak's client registration policies).
#[cfg_attr(not(feature = "cli"), allow(dead_code))] // the CLI uses it
pub(crate) fn registration_hint(description: &str) -> Option<&'static str> {
    REGISTRATION
        .iter()
        .find(|(p, _)| description.contains(p))
        .map(|(_, h)| *h)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(code: &'static str) -> Finding {
        Finding::new(code, Severity::Warning, code, "")
    }

    #[test]
    fn a_confirmed_cause_moves_first_and_says_so() {
        let mut c = vec![f("lifetime-over-5min"), f("jti-reused"), f("aud-maybe")];
        promote(&mut c, Some("Token reuse detected"));
        assert_eq!(c[0].code, "jti-reused");
        assert_eq!(c[0].severity, Severity::Error);
        assert!(c[0]
            .message
            .contains("the server says: Token reuse detected"));
        assert_eq!(c.len(), 3);
    }

    #[test]
    fn the_servers_hint_is_added_once() {
        let mut c = vec![f("clock-skew"), f("exp-past"), f("aud-maybe")];
        promote(&mut c, Some("Token is not active"));
        assert_eq!(c[0].code, "clock-skew");
        assert!(c[0].hint.contains("mint a fresh assertion"));
        assert_eq!(c[1].code, "exp-past");
        assert!(c[1].hint.is_empty(), "{}", c[1].hint);
    }

    #[test]
    fn an_unmatched_description_becomes_the_first_cause() {
        let mut c = vec![f("lifetime-over-5min"), f("aud-maybe")];
        promote(
            &mut c,
            Some("Token was issued too far in the past to be used now"),
        );
        assert_eq!(c[0].code, "server-max-expiration");
        assert!(c[0].hint.contains("Max expiration"), "{}", c[0].hint);
        assert_eq!(c.len(), 3);
    }

    #[test]
    fn unknown_descriptions_change_nothing() {
        let mut c = vec![f("aud-maybe")];
        promote(&mut c, Some("something else"));
        promote(&mut c, None);
        assert_eq!(c, vec![f("aud-maybe")]);
    }

    #[test]
    fn registration_policies_name_the_setting() {
        let h = registration_hint("Policy 'Trusted Hosts' rejected request to client-registration service. Details: Host not trusted.").unwrap();
        assert!(h.contains("Trusted Hosts") && h.contains("initial access token"));
        assert!(
            registration_hint("Policy 'Allowed Client Scopes' rejected request")
                .unwrap()
                .contains("Allowed Client Scopes")
        );
        assert!(registration_hint("other").is_none());
    }
}
