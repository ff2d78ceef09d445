//! The audit's cases: each changes exactly one thing from a good client
//! assertion, has a stable id, a severity, the rule it comes from, and
//! what a correct server does under each set of [`Rules`].

use serde::Serialize;

/// How bad it is when a server accepts what it must refuse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; hard to exploit alone.
    Low,
    /// Weakens a defence (replay window, audience confusion).
    Medium,
    /// Accepts an assertion that is not what the client signed for this server.
    High,
    /// Anyone can authenticate as the client (no signature, a key of their own).
    Critical,
}

impl Severity {
    /// All, most severe first (the order of the report).
    pub const ALL: [Severity; 4] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
    ];

    /// The lowercase name, as in JSON and `--fail-on`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// Parse `critical`, `high`, `medium` or `low`.
    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// Which specification decides what a correct server does where they differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Rules {
    /// RFC 7523, 7521, 7519 and 8725 alone: an `aud` array or the token
    /// endpoint as `aud` are allowed, `jti` is optional.
    Rfc7523,
    /// RFC 7523 as draft-ietf-oauth-rfc7523bis updates it (the issuer as the
    /// sole `aud`), with OIDC Core section 9's `jti` (required, used once):
    /// the default.
    #[default]
    Rfc7523bis,
    /// FAPI 2.0 Security Profile: rfc7523bis, and the issuer as the only
    /// audience there too.
    Fapi2,
}

impl Rules {
    /// The name, as in `--rules` and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Rules::Rfc7523 => "rfc7523",
            Rules::Rfc7523bis => "rfc7523bis",
            Rules::Fapi2 => "fapi2",
        }
    }

    /// Parse `rfc7523`, `rfc7523bis` or `fapi2`.
    pub fn parse(s: &str) -> Option<Rules> {
        [Rules::Rfc7523, Rules::Rfc7523bis, Rules::Fapi2]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

/// What a correct server does with a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Expected {
    /// It issues a token.
    Accept,
    /// It refuses the request.
    Refuse,
    /// Either is correct (a matter of the server's policy).
    Either,
}

impl Expected {
    /// The lowercase name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Expected::Accept => "accept",
            Expected::Refuse => "refuse",
            Expected::Either => "either",
        }
    }
}

/// Which part of the assertion a case changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Group {
    /// The signature and the header that chooses the key.
    Signature,
    /// `exp`, `iat`, `nbf`, `jti`, `iss`, `sub`, the `client_id` parameter.
    Claims,
    /// `aud`.
    Audience,
    /// The `typ` header.
    Typing,
}

impl Group {
    /// The lowercase name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Signature => "signature",
            Group::Claims => "claims",
            Group::Audience => "audience",
            Group::Typing => "typing",
        }
    }
}

/// One case of the audit.
#[derive(Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Case {
    /// The stable id (`alg-none`, `exp-past`, ...).
    pub id: &'static str,
    /// How bad a wrong acceptance is.
    pub severity: Severity,
    /// What it changes.
    pub group: Group,
    /// What it changes from the good assertion, in words.
    pub changes: &'static str,
    /// The rule it comes from.
    pub rule: &'static str,
    /// The OpenID conformance suite's test of the same thing, when there is one.
    pub conformance: Option<&'static str>,
    /// What a correct server does under rfc7523, rfc7523bis and fapi2.
    expected: [Expected; 3],
}

impl Case {
    /// The case as JSON (stable field names), with what a correct server
    /// does under each set of rules.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "id": self.id,
            "severity": self.severity,
            "group": self.group,
            "rule": self.rule,
            "conformance": self.conformance,
            "changes": self.changes,
            "expected": {
                "rfc7523": self.expected(Rules::Rfc7523),
                "rfc7523bis": self.expected(Rules::Rfc7523bis),
                "fapi2": self.expected(Rules::Fapi2),
            },
        })
    }

    /// What a correct server does under `rules`.
    pub fn expected(&self, rules: Rules) -> Expected {
        self.expected[match rules {
            Rules::Rfc7523 => 0,
            Rules::Rfc7523bis => 1,
            Rules::Fapi2 => 2,
        }]
    }
}

use Expected::{Accept as A, Either as E, Refuse as R};

const fn case(
    id: &'static str,
    severity: Severity,
    group: Group,
    changes: &'static str,
    rule: &'static str,
    conformance: Option<&'static str>,
    expected: [Expected; 3],
) -> Case {
    Case {
        id,
        severity,
        group,
        changes,
        rule,
        conformance,
        expected,
    }
}

/// Every case, in the order they are sent (after `jti-replay`, which reuses
/// the good assertion and goes first).
#[rustfmt::skip]
pub const CASES: &[Case] = &[
    case("jti-replay", Severity::High, Group::Claims,
        "the good assertion sent a second time",
        "OIDC Core 1.0 section 9 (jti used once); RFC 7523 section 3 item 7 (MAY)",
        None, [E, R, R]),
    case("alg-none", Severity::Critical, Group::Signature,
        "alg: none and an empty signature",
        "RFC 8725 section 3.1; RFC 7523 section 3 item 9",
        None, [R, R, R]),
    case("hs256-public-key-pem", Severity::Critical, Group::Signature,
        "HS256, keyed with the registered public key as SPKI PEM",
        "RFC 8725 section 2.1 and 3.1 (key confusion)",
        None, [R, R, R]),
    case("hs256-public-key-jwk", Severity::Critical, Group::Signature,
        "HS256, keyed with the registered public key as its JWK (JSON text)",
        "RFC 8725 section 2.1 and 3.1 (key confusion)",
        None, [R, R, R]),
    case("signature-other-key", Severity::Critical, Group::Signature,
        "signed by another key under the registered kid",
        "RFC 7523 section 3 item 9",
        None, [R, R, R]),
    case("signature-corrupt", Severity::Critical, Group::Signature,
        "one bit of the signature flipped",
        "RFC 7523 section 3 item 9; RFC 7515 section 5.2",
        None, [R, R, R]),
    case("jwk-header-injection", Severity::Critical, Group::Signature,
        "an attacker's key in a jwk header, signed by it",
        "RFC 8725 section 3.10; RFC 7515 section 4.1.3",
        None, [R, R, R]),
    case("x5c-header-injection", Severity::Critical, Group::Signature,
        "an attacker's self-signed certificate in x5c, signed by its key",
        "RFC 8725 section 3.10; RFC 7515 section 4.1.6",
        None, [R, R, R]),
    case("exp-past", Severity::High, Group::Claims,
        "exp 10 minutes ago (beyond any clock leeway)",
        "RFC 7523 section 3 item 4",
        Some("FAPI2SPFinalEnsureClientAssertionWithExpIs5MinutesInPastFails"), [R, R, R]),
    case("exp-missing", Severity::High, Group::Claims,
        "no exp",
        "RFC 7523 section 3 item 4 (exp MUST be present)",
        None, [R, R, R]),
    case("exp-far", Severity::Low, Group::Claims,
        "exp a day ahead",
        "RFC 7523 section 3 item 4 (a server MAY refuse exp unreasonably far ahead)",
        None, [E, E, E]),
    case("iat-future", Severity::Low, Group::Claims,
        "iat an hour ahead",
        "RFC 7519 section 4.1.6 (no processing rule); RFC 7523 section 3 item 6",
        None, [E, E, E]),
    case("nbf-future", Severity::Medium, Group::Claims,
        "nbf an hour ahead",
        "RFC 7519 section 4.1.5; RFC 7523 section 3 item 5",
        None, [R, R, R]),
    case("jti-missing", Severity::Medium, Group::Claims,
        "no jti",
        "OIDC Core 1.0 section 9 (jti REQUIRED); RFC 7523 section 3 item 7 (MAY)",
        None, [E, R, R]),
    case("iss-sub-differ", Severity::High, Group::Claims,
        "sub names another client; iss stays the client_id",
        "RFC 7523 section 3 items 1 and 2; RFC 7521 section 5.2",
        Some("FAPI2SPFinalEnsureClientAssertionWithNoSubFails (a missing sub)"), [R, R, R]),
    case("iss-other-client", Severity::High, Group::Claims,
        "iss and sub name another client; signed by this client's key",
        "RFC 7523 section 3 items 1 and 2; RFC 7521 section 5.2",
        None, [R, R, R]),
    case("client-id-param-mismatch", Severity::High, Group::Claims,
        "a client_id form parameter naming another client",
        "RFC 7521 section 4.2",
        None, [R, R, R]),
    case("aud-array-with-extra", Severity::High, Group::Audience,
        "aud [issuer, \"https://evil.example\"]",
        "draft-ietf-oauth-rfc7523bis section 4 (the issuer as the sole value); IACR ePrint 2025/629",
        None, [E, R, R]),
    case("aud-array-only-issuer", Severity::Low, Group::Audience,
        "aud [issuer]: an array holding only the issuer",
        "draft-ietf-oauth-rfc7523bis section 4 (a single string)",
        Some("FAPI1AdvancedFinalPARArrayAsAudienceForJWTClientAssertion"), [E, R, R]),
    case("aud-wrong", Severity::High, Group::Audience,
        "aud https://evil.example",
        "RFC 7523 section 3 item 3",
        Some("FAPI2SPFinalEnsureClientAssertionWithWrongAudFails"), [R, R, R]),
    case("aud-missing", Severity::High, Group::Audience,
        "no aud",
        "RFC 7523 section 3 item 3 (aud MUST be present)",
        None, [R, R, R]),
    case("aud-token-endpoint", Severity::Medium, Group::Audience,
        "aud the token endpoint URL",
        "RFC 7523 section 3 item 3 (MAY); draft-ietf-oauth-rfc7523bis section 4 (MUST refuse)",
        None, [E, R, R]),
    case("aud-issuer-trailing-slash", Severity::Medium, Group::Audience,
        "aud the issuer with a trailing slash added (or removed)",
        "RFC 7523 section 3 item 3 (simple string comparison, RFC 3986 section 6.2.1)",
        None, [R, R, R]),
    case("typ-client-authentication", Severity::Low, Group::Typing,
        "typ: client-authentication+jwt (a correct server accepts it)",
        "draft-ietf-oauth-rfc7523bis (explicit typing, SHOULD); RFC 8725 section 3.11",
        None, [E, A, A]),
    case("request-object-as-assertion", Severity::High, Group::Typing,
        "a request object (typ oauth-authz-req+jwt, response_type and scope, no sub) sent as the assertion",
        "RFC 9101 section 10.8; RFC 8725 section 3.11; RFC 7523 section 3 item 2",
        None, [R, R, R]),
];

/// The case with this id.
pub fn find(id: &str) -> Option<&'static Case> {
    CASES.iter().find(|c| c.id == id)
}

/// The cases named by `ids` (in the audit's order), or the id that names none.
pub fn select(ids: &[String]) -> Result<Vec<&'static Case>, String> {
    if let Some(bad) = ids.iter().find(|id| find(id).is_none()) {
        return Err(bad.clone());
    }
    Ok(CASES
        .iter()
        .filter(|c| ids.iter().any(|id| id == c.id))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_stable() {
        let mut ids: Vec<&str> = CASES.iter().map(|c| c.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), CASES.len());
        for id in [
            "alg-none",
            "hs256-public-key-pem",
            "hs256-public-key-jwk",
            "signature-other-key",
            "signature-corrupt",
            "jwk-header-injection",
            "x5c-header-injection",
            "exp-past",
            "exp-missing",
            "exp-far",
            "iat-future",
            "nbf-future",
            "jti-missing",
            "jti-replay",
            "iss-sub-differ",
            "iss-other-client",
            "client-id-param-mismatch",
            "aud-array-with-extra",
            "aud-array-only-issuer",
            "aud-wrong",
            "aud-missing",
            "aud-token-endpoint",
            "aud-issuer-trailing-slash",
            "typ-client-authentication",
            "request-object-as-assertion",
        ] {
            assert!(find(id).is_some(), "{id}");
        }
        // A full audit stays far under 40 requests (one more for the good one).
        assert!(CASES.len() < 39);
    }

    #[test]
    fn the_rules_differ_where_the_specifications_do() {
        let te = find("aud-token-endpoint").unwrap();
        assert_eq!(te.expected(Rules::Rfc7523), Expected::Either);
        assert_eq!(te.expected(Rules::Rfc7523bis), Expected::Refuse);
        assert_eq!(te.expected(Rules::Fapi2), Expected::Refuse);
        let replay = find("jti-replay").unwrap();
        assert_eq!(replay.expected(Rules::Rfc7523), Expected::Either);
        assert_eq!(replay.expected(Rules::default()), Expected::Refuse);
        assert_eq!(
            find("typ-client-authentication")
                .unwrap()
                .expected(Rules::Rfc7523bis),
            Expected::Accept
        );
        // Whatever the rules, a signature that proves nothing is refused.
        for c in CASES.iter().filter(|c| c.group == Group::Signature) {
            for r in [Rules::Rfc7523, Rules::Rfc7523bis, Rules::Fapi2] {
                assert_eq!(c.expected(r), Expected::Refuse, "{}", c.id);
            }
            assert_eq!(c.severity, Severity::Critical);
        }
    }

    #[test]
    fn selection_keeps_the_audit_order_and_names_an_unknown_id() {
        let s = select(&["exp-past".into(), "alg-none".into()]).unwrap();
        assert_eq!(
            s.iter().map(|c| c.id).collect::<Vec<_>>(),
            ["alg-none", "exp-past"]
        );
        assert_eq!(
            select(&["alg-none".into(), "nope".into()]).unwrap_err(),
            "nope"
        );
        assert_eq!(Rules::parse("fapi2"), Some(Rules::Fapi2));
        assert_eq!(Severity::parse("high"), Some(Severity::High));
        assert!(Severity::Critical > Severity::High && Severity::Medium > Severity::Low);
    }
}
