//! Why a client assertion or a request fails, and what to do: the shared
//! [`Finding`] and [`Severity`] types, and re-exports of the parts.
//!
//! - [`checks`]: offline checks of a decoded assertion against a [`Context`]
//! - [`evidence`]: gathering what the server knows (metadata, clock, the
//!   RFC 7592 registration, the hosted JWKS) as data
//! - [`ranking`]: the likely causes of a failed request, most likely first
//! - [`inspect`]: the findings of `pkjwt inspect` from an assertion and evidence
//! - [`doctor`]: the doctor checklist as data
//! - [`probe`]: the probe plan, and the fix a live server confirms
//! - [`refusal`]: the cause a refusal's own error names (a missing DPoP
//!   proof, a refused grant, a 5xx), before any check of the assertion
//! - [`audit`]: which broken client assertions a server accepts
//! - [`explain`]: the ranked causes of a session's refused request, and where its evidence is
//! - [`described`]: what a server's own error_description confirms (Keycloak's)
//!
//! Every finding has a stable code, a severity, a message and a hint.
//! Severity `error` is for what a conforming server must reject or what
//! rfc7523bis forbids; `warning` for what works today but is risky; `info`
//! for facts (a verified signature, say). Nothing here prints, prompts or
//! writes files.

use serde::Serialize;

pub mod audit;
pub mod checks;
pub mod described;
pub mod doctor;
pub mod evidence;
pub mod explain;
pub mod inspect;
pub mod probe;
pub mod ranking;
pub mod refusal;
#[cfg(test)]
mod test_support;

pub use checks::{check, date, decode, extract_jwt, relative, verify, Context, Decoded};
pub use evidence::Evidence;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// It breaks the request.
    Error,
    /// It may break the request, or is worth changing.
    Warning,
    /// A fact worth knowing.
    Info,
}

impl Severity {
    /// The lowercase name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One finding: of inspect, of a doctor check, or a cause of a failed request.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Finding {
    /// A stable kebab-case name (`aud-not-issuer`, ...), for `--json` and tests.
    pub code: &'static str,
    /// How bad it is.
    pub severity: Severity,
    /// What was found, one line.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

impl Finding {
    /// A finding from its parts.
    pub fn new(
        code: &'static str,
        severity: Severity,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Finding {
        Finding {
            code,
            severity,
            message: message.into(),
            hint: hint.into(),
        }
    }
}
