//! The likely causes of a failed request, most likely first: the findings
//! of the evidence (registration, hosted JWKS, jti reuse) and of the offline
//! checks, ranked by how certainly each explains a refusal, with the usual
//! suspects added when nothing is certain.

use serde_json::Value;

use super::checks::{check, decode, Context};
use super::evidence::{evidence_findings, parse_http_date, round_offset, Evidence};
use super::refusal::{self, Answer, Sent};
use super::{Finding, Severity};

/// The codes the evidence makes most likely, in order.
const DEFINITE: &[&str] = &[
    "auth-method-mismatch",
    "jti-reused",
    "jwks-uri-unreachable",
    "kid-not-published",
    "alg-not-registered",
    "alg-not-supported",
    "alg-jwk-mismatch",
    "kid-unknown",
    "kid-maybe-unregistered",
    "signature-invalid",
    "clock-skew",
    "clock-offset-set",
    "exp-past",
    "nbf-future",
    "aud-not-issuer",
    "iss-not-client-id",
];

/// Rank findings into likely causes: evidence first, then errors, then warnings.
pub fn rank(
    mut evidence: Vec<Finding>,
    offline: Vec<Finding>,
    aud_is_issuer: bool,
    ev: &Evidence,
) -> Vec<Finding> {
    let mut all: Vec<Finding> = Vec::new();
    all.append(&mut evidence);
    for fnd in offline {
        if fnd.severity != Severity::Info && !all.iter().any(|x| x.code == fnd.code) {
            all.push(fnd);
        }
    }
    let score = |x: &Finding| -> (usize, Severity) {
        let pos = DEFINITE
            .iter()
            .position(|c| *c == x.code)
            .unwrap_or(DEFINITE.len());
        (pos, x.severity)
    };
    all.sort_by_key(score);
    // kid-unknown against the local keystore only means the keystore lacks it;
    // against the registration it is the cause. Keep as is: context says which.
    if all.iter().all(|x| x.severity != Severity::Error) {
        // Nothing certain: the usual suspects, given what could not be checked.
        all.push(if aud_is_issuer {
            Finding::new(
                "aud-maybe",
                Severity::Warning,
                "the server may want the token endpoint as aud (some older servers do)",
                "try --aud token-endpoint",
            )
        } else {
            Finding::new(
                "aud-maybe",
                Severity::Warning,
                "the server may want the issuer as aud (FAPI 2.0 and rfc7523bis servers do)",
                "try --aud issuer",
            )
        });
        if ev.registration.is_none() {
            all.push(Finding::new(
                "registration-unchecked",
                Severity::Warning,
                format!(
                    "the registered keys and algorithm could not be checked{}",
                    ev.registration_error
                        .as_deref()
                        .map(|e| format!(" ({e})"))
                        .unwrap_or_else(|| " (no registration access token)".into())
                ),
                "check in the server's console that the client uses private_key_jwt, the algorithm, and this kid",
            ));
        }
        if ev.clock_offset.is_none() {
            all.push(Finding::new(
                "clock-unchecked",
                Severity::Warning,
                "the server sent no Date header, so the clock offset is unknown",
                "compare this machine's clock with the server's (NTP)",
            ));
        }
    }
    all
}

/// The failed request, as the client sent it and the server answered.
#[derive(Clone, Debug, Default)]
pub struct Failure<'a> {
    /// The assertion sent.
    pub assertion: &'a str,
    /// The `Date` header of the refusal.
    pub date: Option<&'a str>,
    /// The `--clock-offset` the assertion was minted with.
    pub minting_offset: i64,
    /// True when the jti was fixed (`--claim jti=...`).
    pub fixed_jti: bool,
    /// The issuer, to tell whether aud was the issuer.
    pub issuer: Option<&'a str>,
    /// What a profile without a registration access token still tells
    /// about the keys the server knows: the kid it names ...
    pub profile_kid: Option<&'a str>,
    /// ... and when it was made (seconds since the epoch).
    pub profile_created: Option<i64>,
    /// When the signing key's certificate was made (its notBefore).
    pub key_not_before: Option<i64>,
    /// The server's answer (status, OAuth error, description).
    pub answer: Answer<'a>,
    /// What the request carried besides the assertion.
    pub sent: Sent<'a>,
}

/// With neither the registration nor a hosted JWKS to look at: is the
/// signing key one the server may never have been given?
pub(crate) fn unregistered_key(ev: &Evidence, f: &Failure, kid: &str) -> Option<Finding> {
    if ev.registration.is_some() || ev.hosted_keys().is_some() || kid.is_empty() {
        return None;
    }
    if let Some(pk) = f.profile_kid.filter(|pk| *pk != kid) {
        return Some(Finding::new(
            "kid-maybe-unregistered",
            Severity::Warning,
            format!("the assertion is signed by key {kid}, and the profile's key is {pk}: the server may know only {pk}"),
            format!("sign with --kid {pk}, or register {kid} at the server (console, or `pkjwt register --update`)"),
        ));
    }
    match (f.key_not_before, f.profile_created) {
        // A second of slack: the two clocks are this machine's.
        (Some(made), Some(created)) if made > created.saturating_add(1) => Some(Finding::new(
            "kid-maybe-unregistered",
            Severity::Warning,
            format!(
                "key {kid} was made {}, after the profile ({}): the server may not have been given it",
                super::checks::date(made),
                super::checks::date(created)
            ),
            "register the key at the server (console, or `pkjwt register --update`), or sign with the key that was registered (--kid)",
        )),
        _ => None,
    }
}

/// Assertions minted with a clock offset (a profile's `clock_offset`, or
/// `--clock-offset`) that no `Date` header checked: when the assertion is
/// out of its validity by this machine's clock, the offset is the likely
/// cause (an old fix, a typo); probing tries 0.
fn offset_unchecked(ctx: &Context, minting: i64, offline: &[Finding]) -> Option<Finding> {
    if minting == 0 || ctx.clock_offset.is_some() {
        return None;
    }
    let invalid = offline
        .iter()
        .any(|f| matches!(f.code, "exp-past" | "nbf-future" | "iat-future"));
    Some(Finding::new(
        "clock-offset-set",
        if invalid {
            Severity::Error
        } else {
            Severity::Warning
        },
        format!(
            "assertions are minted with a clock offset of {minting:+} s (the profile's clock_offset or --clock-offset), unchecked: the server sent no Date header{}",
            if invalid {
                "; by this machine's clock the assertion is not valid"
            } else {
                ""
            }
        ),
        "if this machine's clock is right (NTP), drop the offset: --clock-offset 0 (a profile: pkjwt profile set NAME --unset clock-offset)",
    ))
}

/// The causes of a failed request, and the clock offset they assume.
#[derive(Clone, Debug)]
pub struct Explanation {
    /// Server clock minus the clock the assertion was minted by, when measured.
    pub clock_offset: Option<i64>,
    /// The causes, most likely first.
    pub causes: Vec<Finding>,
}

/// Explain a failure: check the assertion in `ctx` (the clock measured from
/// the refusal's `Date` against the assertion's iat), add the evidence, rank;
/// the cause the answer itself names ([`refusal::named_cause`]) goes first.
pub fn explain(mut ctx: Context, ev: &Evidence, failure: &Failure) -> Explanation {
    let mut causes = match decode(failure.assertion) {
        Ok(d) => {
            // The assertion was minted moments ago: its iat is the client's
            // clock (with any --clock-offset), the Date header the server's.
            if let (Some(server), Some(iat)) = (
                failure.date.and_then(parse_http_date),
                d.claims.get("iat").and_then(Value::as_i64),
            ) {
                ctx.now = iat;
                ctx.clock_offset = Some(round_offset(server.saturating_sub(iat)));
                ctx.minting_offset = failure.minting_offset;
            }
            let offline = check(&d, &ctx);
            let mut evid = evidence_findings(ev, failure.fixed_jti, &d);
            evid.extend(offset_unchecked(&ctx, failure.minting_offset, &offline));
            let kid = d.header.get("kid").and_then(Value::as_str).unwrap_or("");
            evid.extend(unregistered_key(ev, failure, kid));
            let aud_is_issuer = d.claims.get("aud").and_then(Value::as_str) == failure.issuer;
            rank(evid, offline, aud_is_issuer, ev)
        }
        Err(f) => f,
    };
    let mut sent = failure.sent;
    sent.dpop_bound |= ev
        .registration
        .as_ref()
        .and_then(|r| r.get("dpop_bound_access_tokens"))
        .and_then(Value::as_bool)
        .unwrap_or(false);
    refusal::apply(&mut causes, refusal::named_cause(&failure.answer, &sent));
    Explanation {
        clock_offset: ctx.clock_offset,
        causes,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::diagnose::evidence::apply_metadata;
    use crate::diagnose::test_support::*;
    use crate::keystore::keys::Alg;
    use crate::keystore::Entry;

    /// The context a failed request to the token endpoint is checked in:
    /// the server's keys from `ev` when known, else the client's own key.
    fn ctx(e: &Entry, ev: &Evidence) -> Context {
        let mut c = Context {
            now: NOW,
            clock_offset: ev.clock_offset,
            issuer: Some(ISS.into()),
            client_id: Some("client".into()),
            token_endpoint: Some(TOKEN.into()),
            endpoint: Some(TOKEN.into()),
            ..Default::default()
        };
        if let Some(md) = &ev.metadata {
            apply_metadata(&mut c, md);
        }
        if !ev.server_keys_into(&mut c) {
            c.jwks = Some(vec![jwk(e)]);
            c.jwks_source = "the keystore client.p12".into();
        }
        c
    }

    fn failure<'a>(jwt: &'a str, date: Option<&'a str>, fixed_jti: bool) -> Failure<'a> {
        Failure {
            assertion: jwt,
            date,
            minting_offset: 0,
            fixed_jti,
            issuer: Some(ISS),
            ..Default::default()
        }
    }

    fn codes(x: &Explanation) -> Vec<&'static str> {
        x.causes.iter().map(|c| c.code).collect()
    }

    #[test]
    fn clock_skew_from_the_date_header_ranks_first() {
        let e = entry(Alg::ES256, "k1", 30);
        let jwt = assertion(&e, ISS);
        let ev = Evidence::default();
        // The server's clock is ten minutes ahead of the one that minted.
        let date = http_date(NOW + 600);
        let x = explain(ctx(&e, &ev), &ev, &failure(&jwt, Some(&date), false));
        assert_eq!(x.clock_offset, Some(600));
        assert_eq!(
            codes(&x)[..2],
            ["clock-skew", "exp-past"],
            "{:?}",
            codes(&x)
        );
        assert!(x.causes[0].message.contains("600 s behind"));
        assert_eq!(
            x.causes[0].hint,
            "fix the clock (NTP), or compensate: --clock-offset 600"
        );
        // Within the header's resolution: no skew.
        let date = http_date(NOW + 2);
        let x = explain(ctx(&e, &ev), &ev, &failure(&jwt, Some(&date), false));
        assert_eq!(x.clock_offset, Some(0));
        assert!(!codes(&x).contains(&"clock-skew"));
    }

    #[test]
    fn the_token_endpoint_as_aud_under_strict_metadata() {
        let e = entry(Alg::ES256, "k1", 30);
        let jwt = assertion(&e, TOKEN);
        let ev = Evidence {
            metadata: Some(metadata(json!({
                "token_endpoint_auth_methods_supported": ["private_key_jwt", "tls_client_auth"],
                "token_endpoint_auth_signing_alg_values_supported": ["PS256", "ES256"],
            }))),
            ..Default::default()
        };
        let x = explain(ctx(&e, &ev), &ev, &failure(&jwt, None, false));
        assert_eq!(codes(&x)[0], "aud-not-issuer", "{:?}", codes(&x));
        assert_eq!(x.causes[0].severity, Severity::Error);
        // Not strict: only a warning, and the usual suspects follow.
        let lax = Evidence::default();
        let x = explain(ctx(&e, &lax), &lax, &failure(&jwt, None, false));
        let cs = codes(&x);
        assert!(cs.contains(&"aud-token-endpoint"), "{cs:?}");
        assert!(!cs.contains(&"aud-not-issuer"), "{cs:?}");
        let maybe = x.causes.iter().find(|c| c.code == "aud-maybe").unwrap();
        assert_eq!(maybe.hint, "try --aud issuer");
    }

    #[test]
    fn a_kid_the_registration_does_not_have() {
        let e = entry(Alg::ES256, "new-key", 30);
        let old = entry(Alg::ES256, "old-key", 30);
        let jwt = assertion(&e, ISS);
        let mut ev = Evidence::default();
        ev.registration_read(
            json!({
                "client_id": "client",
                "token_endpoint_auth_method": "private_key_jwt",
                "token_endpoint_auth_signing_alg": "ES256",
                "jwks": {"keys": [jwk(&old)]},
            }),
            "rat",
        );
        let x = explain(ctx(&e, &ev), &ev, &failure(&jwt, None, false));
        assert_eq!(codes(&x)[0], "kid-unknown", "{:?}", codes(&x));
        assert_eq!(
            x.causes[0].message,
            "kid new-key is not in the registered jwks (it has: old-key)"
        );
    }

    #[test]
    fn an_alg_the_server_does_not_list() {
        let e = entry(Alg::ES256, "k1", 30);
        let jwt = assertion(&e, ISS);
        let ev = Evidence {
            metadata: Some(metadata(json!({
                "token_endpoint_auth_methods_supported": ["private_key_jwt", "client_secret_basic"],
                "token_endpoint_auth_signing_alg_values_supported": ["PS256", "RS256"],
            }))),
            ..Default::default()
        };
        let x = explain(ctx(&e, &ev), &ev, &failure(&jwt, None, false));
        assert_eq!(codes(&x)[0], "alg-not-supported", "{:?}", codes(&x));
        assert!(x.causes[0].message.contains("(it lists PS256, RS256)"));
    }

    #[test]
    fn an_alg_the_client_did_not_register() {
        let e = entry(Alg::ES256, "k1", 30);
        let jwt = assertion(&e, ISS);
        let mut ev = Evidence::default();
        ev.registration_read(
            json!({"token_endpoint_auth_method": "private_key_jwt",
                   "token_endpoint_auth_signing_alg": "PS256"}),
            "rat",
        );
        let x = explain(ctx(&e, &ev), &ev, &failure(&jwt, None, false));
        assert_eq!(codes(&x)[0], "alg-not-registered", "{:?}", codes(&x));
    }

    #[test]
    fn a_fixed_jti_is_reuse() {
        let e = entry(Alg::ES256, "k1", 30);
        let jwt = assertion(&e, ISS);
        let ev = Evidence::default();
        let x = explain(ctx(&e, &ev), &ev, &failure(&jwt, None, true));
        assert_eq!(codes(&x), ["jti-reused"]);
    }

    #[test]
    fn another_auth_method_outranks_everything() {
        let e = entry(Alg::ES256, "k1", 30);
        let jwt = assertion(&e, ISS);
        let mut ev = Evidence::default();
        ev.registration_read(
            json!({"token_endpoint_auth_method": "client_secret_basic"}),
            "rat",
        );
        let x = explain(ctx(&e, &ev), &ev, &failure(&jwt, None, true));
        assert_eq!(codes(&x)[..2], ["auth-method-mismatch", "jti-reused"]);
        assert_eq!(
            x.causes[0].message,
            "the client is registered with token_endpoint_auth_method client_secret_basic, not private_key_jwt"
        );
    }

    #[test]
    fn a_dead_jwks_uri() {
        let e = entry(Alg::ES256, "k1", 30);
        let jwt = assertion(&e, ISS);
        let ev = Evidence {
            jwks_uri: Some((
                "https://client.example/jwks".into(),
                Err("connection refused".into()),
            )),
            ..Default::default()
        };
        let x = explain(ctx(&e, &ev), &ev, &failure(&jwt, None, false));
        assert_eq!(codes(&x), ["jwks-uri-unreachable"]);
        assert_eq!(
            x.causes[0].message,
            "the client's jwks_uri https://client.example/jwks does not answer from here: connection refused"
        );
    }

    #[test]
    fn a_key_the_profile_does_not_name_ranks_before_aud() {
        let e = entry(Alg::ES256, "new-key", 30);
        let jwt = assertion(&e, ISS);
        let ev = Evidence::default();
        let mut f = failure(&jwt, None, false);
        f.profile_kid = Some("old-key");
        let x = explain(ctx(&e, &ev), &ev, &f);
        assert_eq!(codes(&x)[..2], ["kid-maybe-unregistered", "aud-maybe"]);
        assert_eq!(x.causes[0].hint, "sign with --kid old-key, or register new-key at the server (console, or `pkjwt register --update`)");
        // A key made after the profile.
        let mut f = failure(&jwt, None, false);
        f.profile_kid = None;
        f.profile_created = Some(NOW - 3600);
        f.key_not_before = Some(NOW - 60);
        let x = explain(ctx(&e, &ev), &ev, &f);
        assert_eq!(codes(&x)[0], "kid-maybe-unregistered");
        // Made before the profile: nothing to say.
        f.key_not_before = Some(NOW - 7200);
        let x = explain(ctx(&e, &ev), &ev, &f);
        assert_eq!(codes(&x)[0], "aud-maybe");
        // The registration is known: it decides, not the guess.
        let mut ev = Evidence::default();
        ev.registration_read(json!({"jwks": {"keys": [jwk(&e)]}}), "rat");
        let mut f = failure(&jwt, None, false);
        f.profile_kid = Some("old-key");
        let x = explain(ctx(&e, &ev), &ev, &f);
        assert!(!codes(&x).contains(&"kid-maybe-unregistered"));
    }

    #[test]
    fn nothing_certain_gives_the_usual_suspects() {
        let e = entry(Alg::ES256, "k1", 30);
        let jwt = assertion(&e, ISS);
        let ev = Evidence {
            registration_error: Some("401 invalid_token".into()),
            ..Default::default()
        };
        let x = explain(ctx(&e, &ev), &ev, &failure(&jwt, None, false));
        assert_eq!(
            codes(&x),
            ["aud-maybe", "registration-unchecked", "clock-unchecked"]
        );
        assert_eq!(x.causes[0].hint, "try --aud token-endpoint");
        assert!(x.causes[1].message.ends_with("(401 invalid_token)"));
        // An assertion that does not decode: the decoding finding only.
        let x = explain(ctx(&e, &ev), &ev, &failure("a.b", None, false));
        assert_eq!(codes(&x), ["malformed"]);
    }
}
