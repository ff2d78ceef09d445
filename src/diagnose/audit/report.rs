//! What an audit found: each case's outcome and verdict, and the summary.

use serde::Serialize;
use serde_json::{json, Value};

use super::cases::{Case, Expected, Rules, Severity};

/// What the server did with one case's request.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// It issued a token (revoked since, or left to expire: see the report's notes).
    Accepted {
        /// The HTTP status.
        status: u16,
    },
    /// It refused.
    Refused {
        /// The HTTP status.
        status: u16,
        /// The OAuth `error`, when the answer had one.
        error: Option<String>,
        /// The `error_description`, when the answer had one.
        description: Option<String>,
    },
    /// An answer that is neither (a 2xx without a token, a redirect, a network failure).
    Unclear {
        /// The HTTP status, when there was an answer.
        status: Option<u16>,
        /// What was odd.
        reason: String,
    },
    /// Not sent.
    NotSent {
        /// Why.
        reason: String,
    },
}

impl Outcome {
    /// Accepted (true), refused (false), or neither (None).
    pub fn accepted(&self) -> Option<bool> {
        match self {
            Outcome::Accepted { .. } => Some(true),
            Outcome::Refused { .. } => Some(false),
            _ => None,
        }
    }

    /// The HTTP status, when there was an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            Outcome::Accepted { status } | Outcome::Refused { status, .. } => Some(*status),
            Outcome::Unclear { status, .. } => *status,
            Outcome::NotSent { .. } => None,
        }
    }

    /// The OAuth `error` of a refusal.
    pub fn error(&self) -> Option<&str> {
        match self {
            Outcome::Refused { error, .. } => error.as_deref(),
            _ => None,
        }
    }

    /// In words, for a table: `accepted (200)`, `refused 401 invalid_client`.
    pub fn describe(&self) -> String {
        match self {
            Outcome::Accepted { status } => format!("accepted ({status})"),
            Outcome::Refused { status, error, .. } => match error {
                Some(e) => format!("refused {status} {e}"),
                None => format!("refused {status}"),
            },
            Outcome::Unclear { status, reason } => match status {
                Some(s) => format!("unclear {s}: {reason}"),
                None => format!("unclear: {reason}"),
            },
            Outcome::NotSent { reason } => format!("not sent: {reason}"),
        }
    }
}

/// How a case went, against what a correct server does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// As a correct server does.
    Ok,
    /// Accepted, and a correct server refuses it.
    WronglyAccepted,
    /// Refused, and a correct server accepts it.
    WronglyRefused,
    /// A correct server may do either; this server made its choice.
    Policy,
    /// Not sent, or the answer tells nothing.
    Unknown,
}

impl Verdict {
    /// The verdict of `outcome` for a case with `expected`.
    pub fn of(expected: Expected, outcome: &Outcome) -> Verdict {
        match (expected, outcome.accepted()) {
            (_, None) => Verdict::Unknown,
            (Expected::Either, Some(_)) => Verdict::Policy,
            (Expected::Refuse, Some(true)) => Verdict::WronglyAccepted,
            (Expected::Accept, Some(false)) => Verdict::WronglyRefused,
            _ => Verdict::Ok,
        }
    }

    /// The name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::WronglyAccepted => "wrongly-accepted",
            Verdict::WronglyRefused => "wrongly-refused",
            Verdict::Policy => "policy",
            Verdict::Unknown => "unknown",
        }
    }

    /// In words, for a table.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Ok => "as expected",
            Verdict::WronglyAccepted => "WRONGLY ACCEPTED",
            Verdict::WronglyRefused => "refused although a correct server accepts",
            Verdict::Policy => "policy",
            Verdict::Unknown => "could not tell",
        }
    }
}

/// One case's result.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct CaseResult {
    /// The case.
    pub case: &'static Case,
    /// What a correct server does under the audit's rules.
    pub expected: Expected,
    /// What this server did.
    pub outcome: Outcome,
    /// The verdict.
    pub verdict: Verdict,
}

impl CaseResult {
    /// The result of `case` under `rules` with `outcome`.
    pub fn new(case: &'static Case, rules: Rules, outcome: Outcome) -> CaseResult {
        let expected = case.expected(rules);
        CaseResult {
            case,
            expected,
            verdict: Verdict::of(expected, &outcome),
            outcome,
        }
    }

    /// The case as JSON (stable field names).
    pub fn to_json(&self) -> Value {
        let c = self.case;
        let description = match &self.outcome {
            Outcome::Refused { description, .. } => description.clone(),
            Outcome::Unclear { reason, .. } | Outcome::NotSent { reason } => Some(reason.clone()),
            Outcome::Accepted { .. } => None,
        };
        json!({
            "id": c.id,
            "severity": c.severity,
            "group": c.group,
            "rule": c.rule,
            "conformance": c.conformance,
            "changes": c.changes,
            "expected": self.expected,
            "accepted": self.outcome.accepted(),
            "status": self.outcome.status(),
            "error": self.outcome.error(),
            "detail": description,
            "verdict": self.verdict,
        })
    }
}

/// Why an audit stopped before the last case.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Stop {
    /// The case whose request was answered so.
    pub case: &'static str,
    /// The HTTP status (429, a 5xx), when there was one.
    pub status: Option<u16>,
    /// The server's `Retry-After`, in seconds, when it sent one.
    pub retry_after: Option<u64>,
    /// What happened.
    pub reason: String,
    /// The cases not sent.
    pub remaining: Vec<&'static str>,
}

/// What an audit found.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Report {
    /// The rules of the expected outcomes.
    pub rules: Rules,
    /// The token endpoint audited.
    pub token_endpoint: String,
    /// Each case, in the order sent.
    pub cases: Vec<CaseResult>,
    /// Requests sent to the token endpoint (the good one included; revocations not).
    pub requests: usize,
    /// Tokens obtained by cases (wrongly accepted or not) and revoked.
    pub revoked: usize,
    /// Notes: tokens that could not be revoked.
    pub notes: Vec<String>,
    /// Why the audit stopped early, when it did.
    pub stopped: Option<Stop>,
}

impl Report {
    /// The cases wrongly accepted at or above `severity`.
    pub fn failures(&self, severity: Severity) -> Vec<&CaseResult> {
        self.cases
            .iter()
            .filter(|r| r.verdict == Verdict::WronglyAccepted && r.case.severity >= severity)
            .collect()
    }

    /// How many cases have `verdict`.
    pub fn count(&self, verdict: Verdict) -> usize {
        self.cases.iter().filter(|r| r.verdict == verdict).count()
    }

    /// The summary as JSON: a count per verdict, the worst severity wrongly
    /// accepted, the requests, the revoked tokens, and the stop.
    pub fn summary_json(&self) -> Value {
        let worst = self
            .cases
            .iter()
            .filter(|r| r.verdict == Verdict::WronglyAccepted)
            .map(|r| r.case.severity)
            .max();
        json!({
            "cases": self.cases.len(),
            "ok": self.count(Verdict::Ok),
            "wrongly_accepted": self.count(Verdict::WronglyAccepted),
            "wrongly_refused": self.count(Verdict::WronglyRefused),
            "policy": self.count(Verdict::Policy),
            "unknown": self.count(Verdict::Unknown),
            "worst": worst,
            "requests": self.requests,
            "tokens_revoked": self.revoked,
            "notes": self.notes,
            "stopped": self.stopped.as_ref().map(|s| json!({
                "case": s.case,
                "status": s.status,
                "retry_after": s.retry_after,
                "reason": s.reason,
                "remaining": s.remaining,
            })),
        })
    }

    /// The report as JUnit XML: one testcase per case (classname
    /// `pkjwt.audit.SEVERITY`); a wrong acceptance or refusal is a failure,
    /// a case that could not be told is skipped.
    pub fn to_junit(&self) -> String {
        junit(self)
    }

    /// The whole report as JSON: `{"rules", "token_endpoint", "cases", "summary"}`.
    pub fn to_json(&self) -> Value {
        json!({
            "rules": self.rules,
            "token_endpoint": self.token_endpoint,
            "cases": self.cases.iter().map(CaseResult::to_json).collect::<Vec<_>>(),
            "summary": self.summary_json(),
        })
    }
}

/// Text safe in XML content and attribute values.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 allows tab, newline and carriage return of the controls.
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

/// The report as JUnit XML: one testcase per case; a wrong acceptance or
/// refusal is a failure, a case that could not be told is skipped.
fn junit(r: &Report) -> String {
    let failures = r.count(Verdict::WronglyAccepted) + r.count(Verdict::WronglyRefused);
    let skipped = r.count(Verdict::Unknown);
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">\n",
        xml(&format!("pkjwt audit {} ({})", r.token_endpoint, r.rules.as_str())),
        r.cases.len()
    );
    for c in &r.cases {
        s.push_str(&format!(
            "    <testcase classname=\"pkjwt.audit.{}\" name=\"{}\">\n",
            c.case.severity.as_str(),
            xml(c.case.id)
        ));
        let text = format!(
            "{}: a correct server does {} under {}; this server: {} ({})",
            c.case.changes,
            c.expected.as_str(),
            r.rules.as_str(),
            c.outcome.describe(),
            c.case.rule
        );
        match c.verdict {
            Verdict::WronglyAccepted | Verdict::WronglyRefused => s.push_str(&format!(
                "      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                xml(c.verdict.label()),
                c.verdict.as_str(),
                xml(&text)
            )),
            Verdict::Unknown => s.push_str(&format!(
                "      <skipped message=\"{}\"/>\n",
                xml(&c.outcome.describe())
            )),
            _ => s.push_str(&format!("      <system-out>{}</system-out>\n", xml(&text))),
        }
        s.push_str("    </testcase>\n");
    }
    s.push_str("  </testsuite>\n</testsuites>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::audit::cases::find;

    fn refused() -> Outcome {
        Outcome::Refused {
            status: 401,
            error: Some("invalid_client".into()),
            description: None,
        }
    }

    #[test]
    fn verdicts() {
        let acc = Outcome::Accepted { status: 200 };
        assert_eq!(
            Verdict::of(Expected::Refuse, &acc),
            Verdict::WronglyAccepted
        );
        assert_eq!(Verdict::of(Expected::Refuse, &refused()), Verdict::Ok);
        assert_eq!(
            Verdict::of(Expected::Accept, &refused()),
            Verdict::WronglyRefused
        );
        assert_eq!(Verdict::of(Expected::Accept, &acc), Verdict::Ok);
        assert_eq!(Verdict::of(Expected::Either, &acc), Verdict::Policy);
        assert_eq!(Verdict::of(Expected::Either, &refused()), Verdict::Policy);
        let gone = Outcome::NotSent {
            reason: "stopped".into(),
        };
        assert_eq!(Verdict::of(Expected::Refuse, &gone), Verdict::Unknown);
        assert_eq!(gone.accepted(), None);
    }

    #[test]
    fn failures_count_from_the_severity_up() {
        let r = Report {
            rules: Rules::Rfc7523bis,
            token_endpoint: "https://as/token".into(),
            cases: vec![
                CaseResult::new(
                    find("aud-token-endpoint").unwrap(),
                    Rules::Rfc7523bis,
                    Outcome::Accepted { status: 200 },
                ),
                CaseResult::new(find("alg-none").unwrap(), Rules::Rfc7523bis, refused()),
                CaseResult::new(
                    find("aud-token-endpoint").unwrap(),
                    Rules::Rfc7523,
                    Outcome::Accepted { status: 200 },
                ),
            ],
            requests: 4,
            revoked: 2,
            notes: vec![],
            stopped: None,
        };
        assert!(r.failures(Severity::High).is_empty());
        assert_eq!(r.failures(Severity::Medium).len(), 1);
        let j = r.to_json();
        assert_eq!(j["rules"], "rfc7523bis");
        assert_eq!(j["cases"][0]["verdict"], "wrongly-accepted");
        assert_eq!(j["cases"][0]["accepted"], true);
        assert_eq!(j["cases"][1]["error"], "invalid_client");
        assert_eq!(j["cases"][1]["expected"], "refuse");
        assert_eq!(j["cases"][2]["verdict"], "policy");
        assert_eq!(j["summary"]["worst"], "medium");
        assert_eq!(j["summary"]["wrongly_accepted"], 1);
        assert_eq!(j["summary"]["tokens_revoked"], 2);
    }

    #[test]
    fn junit_escapes_what_the_server_said() {
        let r = Report {
            rules: Rules::Rfc7523bis,
            token_endpoint: "https://as/token?a=1&b=<2>".into(),
            cases: vec![
                CaseResult::new(
                    find("alg-none").unwrap(),
                    Rules::Rfc7523bis,
                    Outcome::Accepted { status: 200 },
                ),
                CaseResult::new(
                    find("exp-past").unwrap(),
                    Rules::Rfc7523bis,
                    Outcome::Refused {
                        status: 400,
                        error: Some("bad \"x\" & <y>\u{1}".into()),
                        description: None,
                    },
                ),
            ],
            requests: 3,
            revoked: 1,
            notes: vec![],
            stopped: None,
        };
        let x = r.to_junit();
        assert!(x.contains("https://as/token?a=1&amp;b=&lt;2&gt;"), "{x}");
        assert!(x.contains("bad &quot;x&quot; &amp; &lt;y&gt;\\u{1}"), "{x}");
        assert!(x.contains("failures=\"1\""));
        assert!(x.contains("<failure message=\"WRONGLY ACCEPTED\" type=\"wrongly-accepted\">"));
        assert!(!x.contains('\u{1}'));
    }
}
