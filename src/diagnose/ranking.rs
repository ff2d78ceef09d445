//! The likely causes of a failed request, most likely first: the findings
//! of the evidence (registration, hosted JWKS, jti reuse) and of the offline
//! checks, ranked by how certainly each explains a refusal, with the usual
//! suspects added when nothing is certain.

use serde_json::Value;

use super::evidence::{evidence_findings, parse_http_date, round_offset, Evidence};
use super::{check, decode, Context, Finding, Severity};

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
    "signature-invalid",
    "clock-skew",
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
}

/// The causes of a failed request, and the clock offset they assume.
#[derive(Clone, Debug)]
pub struct Explanation {
    /// Server clock minus the clock the assertion was minted by, when measured.
    pub clock_offset: Option<i64>,
    pub causes: Vec<Finding>,
}

/// Explain a failure: check the assertion in `ctx` (the clock measured from
/// the refusal's `Date` against the assertion's iat), add the evidence, rank.
pub fn explain(mut ctx: Context, ev: &Evidence, failure: &Failure) -> Explanation {
    let causes = match decode(failure.assertion) {
        Ok(d) => {
            // The assertion was minted moments ago: its iat is the client's
            // clock (with any --clock-offset), the Date header the server's.
            if let (Some(server), Some(iat)) = (
                failure.date.and_then(parse_http_date),
                d.claims.get("iat").and_then(Value::as_i64),
            ) {
                ctx.now = iat;
                ctx.clock_offset = Some(round_offset(server - iat));
                ctx.minting_offset = failure.minting_offset;
            }
            let offline = check(&d, &ctx);
            let evid = evidence_findings(ev, failure.fixed_jti, &d);
            let aud_is_issuer = d.claims.get("aud").and_then(Value::as_str) == failure.issuer;
            rank(evid, offline, aud_is_issuer, ev)
        }
        Err(f) => f,
    };
    Explanation {
        clock_offset: ctx.clock_offset,
        causes,
    }
}
