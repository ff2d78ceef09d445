//! Auditing a server: which broken client assertions does it accept?
//!
//! [`run`] sends a good assertion first (it must be accepted, else the audit
//! stops with [`AuditError::GoodRefused`]: `pkjwt doctor` says why), then one
//! token request per case of [`cases::CASES`], each changing exactly one
//! thing from the good assertion ([`mutate::build`]), one at a time with
//! [`AuditOptions::delay`] between them, and judges each answer against
//! what a correct server does under the chosen [`Rules`]
//! ([`report::Verdict`]). A token a case obtains is revoked (RFC 7009) at
//! once and never returned. A 429 or a 5xx stops the audit, after one
//! retry when its `Retry-After` is short; the report names the cases not
//! sent. The requests go through a [`Transport`] the caller passes
//! ([`HttpTransport`] sends them with pkjwt's HTTP client), so the whole
//! workflow is tested without a server.

#![warn(missing_docs)]

use std::time::Duration;

use serde_json::Value;

use crate::oauth::assertion::{self, ASSERTION_TYPE};
use crate::oauth::client::{check_token_response, Client};
use crate::oauth::http::{retry_after_secs, Body, Http, HttpError, Response};
use crate::progress::Progress;
use crate::Error;

pub mod cases;
pub mod mutate;
pub mod report;
pub mod throwaway;

pub use cases::{Case, Expected, Rules, Severity, CASES};
pub use report::{CaseResult, Outcome, Report, Stop, Verdict};

/// The longest `--delay` between two requests.
pub const MAX_DELAY: Duration = Duration::from_secs(60);
/// The longest `Retry-After` an audit waits (once) before it stops instead.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(30);

/// Why an audit could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AuditError {
    /// The good assertion was not accepted: refusals of the cases would tell nothing.
    #[error("the server did not accept the good assertion ({answer}), so the audit cannot tell what it refuses; nothing else was sent")]
    GoodRefused {
        /// The answer, in words.
        answer: String,
        /// The HTTP status, when there was an answer.
        status: Option<u16>,
        /// The OAuth `error`, when there was one.
        error: Option<String>,
    },
    /// A case id that names no case.
    #[error("no audit case is called {0:?}")]
    UnknownCase(String),
    /// `--register`, and the server offers no dynamic registration.
    #[error("{0} offers no dynamic client registration (no registration_endpoint), so audit cannot register a throwaway client")]
    NoRegistration(String),
    /// The delay between requests is over [`MAX_DELAY`].
    #[error("a delay of {0:?} between requests is over the limit of 60 s")]
    Delay(Duration),
}

/// How to audit.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct AuditOptions {
    /// The rules of the expected outcomes.
    pub rules: Rules,
    /// The cases, in the order of [`CASES`].
    pub cases: Vec<&'static Case>,
    /// The wait between two requests (at most [`MAX_DELAY`]).
    pub delay: Duration,
    /// The `scope` of every token request; none when `None` or empty.
    pub scope: Option<String>,
    /// The longest `Retry-After` waited once before retrying (at most [`MAX_RETRY_AFTER`]).
    pub max_retry_after: Duration,
}

impl AuditOptions {
    /// Every case under `rules`, no delay, no scope.
    pub fn new(rules: Rules) -> AuditOptions {
        AuditOptions {
            rules,
            cases: CASES.iter().collect(),
            delay: Duration::ZERO,
            scope: None,
            max_retry_after: MAX_RETRY_AFTER,
        }
    }

    /// Only the cases named by `ids` (in the audit's order).
    pub fn with_cases(mut self, ids: &[String]) -> Result<AuditOptions, AuditError> {
        self.cases = cases::select(ids).map_err(AuditError::UnknownCase)?;
        Ok(self)
    }

    /// The token requests an audit sends at most: the good one, and one
    /// per case (a retry after a short `Retry-After` aside).
    pub fn requests(&self) -> usize {
        1 + self.cases.len()
    }
}

/// How an audit reaches the token endpoint.
pub trait Transport {
    /// POST `form` to the token endpoint, as it is: no assertion is added.
    /// The outer error: the request could not be made (nothing was sent).
    fn send(&mut self, form: &[(String, String)]) -> Result<Result<Response, HttpError>, Error>;
    /// Revoke the tokens of a token response `body` (RFC 7009); a note for
    /// the user when one could not be revoked.
    fn revoke(&mut self, body: &Value) -> Option<String>;
    /// Wait `d` (the delay between requests, a `Retry-After`).
    fn sleep(&mut self, d: Duration) {
        std::thread::sleep(d.min(MAX_DELAY.max(MAX_RETRY_AFTER)));
    }
}

/// The [`Transport`] of pkjwt's HTTP client: the form goes to the token
/// endpoint (with a DPoP proof when the client has a proof key); tokens
/// are revoked as [`crate::oauth::verify::discard`] does.
pub struct HttpTransport<'a> {
    http: &'a Http,
    client: &'a Client,
    token_endpoint: String,
    revocation_endpoint: Option<String>,
}

impl<'a> HttpTransport<'a> {
    /// Requests through `http` to `token_endpoint` as `client`; tokens revoked
    /// at `revocation_endpoint` when there is one.
    pub fn new(
        http: &'a Http,
        client: &'a Client,
        token_endpoint: &str,
        revocation_endpoint: Option<&str>,
    ) -> HttpTransport<'a> {
        HttpTransport {
            http,
            client,
            token_endpoint: token_endpoint.to_string(),
            revocation_endpoint: revocation_endpoint.map(String::from),
        }
    }
}

impl Transport for HttpTransport<'_> {
    fn send(&mut self, form: &[(String, String)]) -> Result<Result<Response, HttpError>, Error> {
        if let Some(issuer) = &self.client.issuer {
            crate::oauth::http::check_no_downgrade(issuer, &self.token_endpoint, "the issuer")
                .map_err(|e| crate::oauth::client::ClientError::Downgrade(Box::new(e)))?;
        }
        let proof = match &self.client.dpop {
            Some(key) => Some(crate::oauth::dpop::proof(
                key,
                "POST",
                &self.token_endpoint,
                None,
                None,
                assertion::now().saturating_add(self.client.clock_offset),
                &assertion::new_jti(),
            )?),
            None => None,
        };
        let headers: Vec<(&str, &str)> =
            proof.as_deref().map(|p| ("DPoP", p)).into_iter().collect();
        Ok(self.http.send_with(
            "POST",
            &self.token_endpoint,
            None,
            &headers,
            Body::Form(form),
        ))
    }

    fn revoke(&mut self, body: &Value) -> Option<String> {
        crate::oauth::verify::discard(
            self.http,
            self.client,
            self.revocation_endpoint.as_deref(),
            body,
        )
    }
}

/// The form of one request: client credentials, the scope, the
/// `client_id` (the case's, else the client's when it sends one), and the assertion.
fn form(
    client: &Client,
    scope: Option<&str>,
    client_id: Option<&str>,
    jwt: &str,
) -> Vec<(String, String)> {
    let mut f = crate::oauth::verify::form(scope);
    match client_id {
        Some(id) => f.push(("client_id".into(), id.into())),
        None if client.send_client_id => f.push(("client_id".into(), client.client_id.clone())),
        None => {}
    }
    f.push(("client_assertion_type".into(), ASSERTION_TYPE.into()));
    f.push(("client_assertion".into(), jwt.into()));
    f
}

/// How one request went; `Err` when the audit must stop (429, 5xx, an
/// answer with `Retry-After`, a network failure), with the wait asked for.
fn classify(
    t: &mut dyn Transport,
    result: Result<Response, HttpError>,
    revoked: &mut usize,
    notes: &mut Vec<String>,
) -> Result<Outcome, (Option<u16>, Option<u64>, String)> {
    match result {
        Ok(resp) => {
            if resp.body.get("access_token").is_some_and(Value::is_string) {
                // Revoked first, usable or not: it is never handed out.
                match t.revoke(&resp.body) {
                    Some(n) => notes.push(n),
                    None => *revoked += 1,
                }
            }
            Ok(match check_token_response("the token endpoint", &resp) {
                Ok(()) => Outcome::Accepted {
                    status: resp.status,
                },
                Err(e) => Outcome::Unclear {
                    status: Some(resp.status),
                    reason: e.problem.to_string(),
                },
            })
        }
        Err(e) => {
            let status = e.status();
            let wait = e
                .retry_after()
                .and_then(|v| retry_after_secs(v, assertion::now(), 86_400));
            if status.is_some_and(|s| s == 429 || s >= 500)
                || e.retry_after().is_some()
                || matches!(e, HttpError::Network { .. })
            {
                return Err((status, wait, e.to_string()));
            }
            Ok(match e.refusal() {
                Some(r) => Outcome::Refused {
                    status: r.status,
                    error: r.error.map(String::from),
                    description: r.description.map(String::from),
                },
                // Any other 4xx (an HTML page, a bare 400) refuses too.
                None if status.is_some_and(|s| (400..500).contains(&s)) => Outcome::Refused {
                    status: status.unwrap_or(400),
                    error: None,
                    description: None,
                },
                None => Outcome::Unclear {
                    status,
                    reason: e.to_string(),
                },
            })
        }
    }
}

/// Audit the token endpoint `token_endpoint` as `client`, sending through `t`.
pub fn run(
    opts: &AuditOptions,
    client: &Client,
    token_endpoint: &str,
    t: &mut dyn Transport,
    progress: &dyn Progress,
) -> Result<Report, Error> {
    if opts.delay > MAX_DELAY {
        return Err(AuditError::Delay(opts.delay).into());
    }
    let scope = opts.scope.as_deref();
    let good = mutate::Good::of(client, token_endpoint, assertion::now())?;
    let good_jwt = client
        .signer
        .sign_with_header(good.header.clone(), &good.claims)?;
    let attacker = mutate::Attacker::new(client.signer.alg)?;
    let mut report = Report {
        rules: opts.rules,
        token_endpoint: token_endpoint.to_string(),
        cases: Vec::new(),
        requests: 1,
        revoked: 0,
        notes: Vec::new(),
        stopped: None,
    };
    progress.detail("audit: the good assertion");
    let first = t.send(&form(client, scope, None, &good_jwt))?;
    match classify(t, first, &mut report.revoked, &mut report.notes) {
        Ok(Outcome::Accepted { .. }) => {}
        Ok(o) => {
            return Err(AuditError::GoodRefused {
                answer: o.describe(),
                status: o.status(),
                error: o.error().map(String::from),
            }
            .into())
        }
        Err((status, _, reason)) => {
            return Err(AuditError::GoodRefused {
                answer: reason,
                status,
                error: None,
            }
            .into())
        }
    }
    let good_exp = good.claims.get("exp").and_then(Value::as_i64);
    for (i, case) in opts.cases.iter().enumerate() {
        if let Some(aud) = mutate::case_aud(case.id, &good) {
            if good.claims.get("aud") == Some(&aud) {
                let reason = "the good assertion sends this aud already".to_string();
                report.cases.push(CaseResult::new(
                    case,
                    opts.rules,
                    Outcome::NotSent { reason },
                ));
                continue;
            }
        }
        if !opts.delay.is_zero() {
            t.sleep(opts.delay);
        }
        let now = assertion::now();
        let (jwt, client_id) = if case.id == "jti-replay" {
            if good_exp.is_some_and(|e| now.saturating_add(client.clock_offset) + 2 >= e) {
                let reason = "the good assertion expired before it could be sent again (a shorter --delay, or a longer lifetime)".to_string();
                report.cases.push(CaseResult::new(
                    case,
                    opts.rules,
                    Outcome::NotSent { reason },
                ));
                continue;
            }
            (good_jwt.clone(), None)
        } else {
            let m = mutate::build(
                case.id,
                &good.fresh(),
                &client.signer,
                &attacker,
                now.saturating_add(client.clock_offset),
            )?;
            (m.assertion, m.client_id)
        };
        let request = form(client, scope, client_id.as_deref(), &jwt);
        let mut retried = false;
        let outcome = loop {
            report.requests += 1;
            let result = t.send(&request)?;
            match classify(t, result, &mut report.revoked, &mut report.notes) {
                Ok(o) => break Ok(o),
                Err((_, Some(wait), _))
                    if !retried
                        && Duration::from_secs(wait)
                            <= opts.max_retry_after.min(MAX_RETRY_AFTER) =>
                {
                    retried = true;
                    progress.note(&format!(
                        "audit: {}: the server asks to wait {wait} s (Retry-After); waiting once",
                        case.id
                    ));
                    t.sleep(Duration::from_secs(wait));
                }
                Err(stop) => break Err(stop),
            }
        };
        match outcome {
            Ok(o) => {
                progress.detail(&format!("audit: {}: {}", case.id, o.describe()));
                report.cases.push(CaseResult::new(case, opts.rules, o));
            }
            Err((status, retry_after, reason)) => {
                let remaining: Vec<&'static str> =
                    opts.cases[i + 1..].iter().map(|c| c.id).collect();
                progress.warn(&format!(
                    "audit stopped at {}: {reason}; not sent: {}",
                    case.id,
                    if remaining.is_empty() {
                        "none".to_string()
                    } else {
                        remaining.join(", ")
                    }
                ));
                report.cases.push(CaseResult::new(
                    case,
                    opts.rules,
                    Outcome::Unclear {
                        status,
                        reason: reason.clone(),
                    },
                ));
                for c in &opts.cases[i + 1..] {
                    report.cases.push(CaseResult::new(
                        c,
                        opts.rules,
                        Outcome::NotSent {
                            reason: format!("the audit stopped at {}", case.id),
                        },
                    ));
                }
                report.stopped = Some(Stop {
                    case: case.id,
                    status,
                    retry_after,
                    reason,
                    remaining,
                });
                break;
            }
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests;
