//! Probing: when the token endpoint refuses a client, find the one change
//! that makes it accept, by asking it.
//!
//! [`plan`] lists at most [`MAX_PROBES`] variations of the failing request,
//! each changing one thing ([`Change`]): the `aud`, the signing key, the
//! RSA algorithm, the `typ` header, the `client_id` form parameter, a
//! shorter lifetime, or the measured clock offset, ordered by the ranked
//! causes (most likely first). [`run`] sends them through a caller's
//! function until one is accepted, or the server says to stop (429, 5xx, a
//! network failure). [`Fix`] is what came of it. Nothing here does I/O.

use serde_json::{Map, Value};

use super::{Finding, Severity};
use crate::keystore::keys::Alg;
use crate::keystore::Keystore;
use crate::oauth::assertion::{Signer, TYP_CLIENT_AUTH};
use crate::oauth::client::{Aud, Client};

/// The most probe requests one diagnosis sends to the token endpoint
/// (besides the failing request itself).
pub const MAX_PROBES: usize = 12;

/// The lifetimes probed, when shorter than the failing one.
pub(crate) const SHORTER_LIFETIMES: [u64; 2] = [60, 30];

/// One thing changed from the failing request.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Change {
    /// Another `aud`.
    Aud(Aud),
    /// Another key of the keystore, with its algorithm.
    Key {
        /// The key's kid.
        kid: String,
        /// The algorithm it signs with.
        alg: Alg,
    },
    /// The other RSA algorithm (RS256 or PS256) with the same key.
    Alg(Alg),
    /// A `typ` header, or none.
    Typ(Option<String>),
    /// The `client_id` form parameter sent or not.
    ClientIdParam(bool),
    /// A shorter lifetime, in seconds.
    Lifetime(u64),
    /// Minting with the measured clock offset, in seconds.
    ClockOffset(i64),
}

/// What kind of change: probes are ordered by kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kind {
    /// Another `aud` ([`Change::Aud`]).
    Aud,
    /// Another key ([`Change::Key`]).
    Key,
    /// The other RSA algorithm ([`Change::Alg`]).
    Alg,
    /// A shorter lifetime ([`Change::Lifetime`]).
    Lifetime,
    /// A `typ` header or none ([`Change::Typ`]).
    Typ,
    /// The `client_id` parameter sent or not ([`Change::ClientIdParam`]).
    ClientIdParam,
    /// The measured clock offset ([`Change::ClockOffset`]).
    Clock,
}

/// The order of kinds when the causes say nothing.
const DEFAULT_ORDER: [Kind; 7] = [
    Kind::Aud,
    Kind::Key,
    Kind::Lifetime,
    Kind::Alg,
    Kind::Typ,
    Kind::ClientIdParam,
    Kind::Clock,
];

/// The kinds of change that may cure a cause, by its code.
pub(crate) fn kinds_for(code: &str) -> &'static [Kind] {
    match code {
        c if c.starts_with("aud-") => &[Kind::Aud],
        "kid-unknown"
        | "kid-not-published"
        | "kid-maybe-unregistered"
        | "kid-missing"
        | "signature-invalid"
        | "registration-unchecked"
        | "alg-key-mismatch" => &[Kind::Key],
        "alg-not-registered" | "alg-not-supported" | "alg-not-fapi" | "alg-jwk-mismatch" => {
            &[Kind::Alg, Kind::Key]
        }
        c if c.starts_with("lifetime-") => &[Kind::Lifetime],
        "clock-skew" | "clock-offset-set" | "exp-past" | "nbf-future" | "iat-future"
        | "clock-unchecked" => &[Kind::Clock, Kind::Lifetime],
        "typ-unexpected" => &[Kind::Typ],
        "client-id-missing" => &[Kind::ClientIdParam],
        _ => &[],
    }
}

impl Change {
    /// What kind of change this is.
    pub fn kind(&self) -> Kind {
        match self {
            Change::Aud(_) => Kind::Aud,
            Change::Key { .. } => Kind::Key,
            Change::Alg(_) => Kind::Alg,
            Change::Typ(_) => Kind::Typ,
            Change::ClientIdParam(_) => Kind::ClientIdParam,
            Change::Lifetime(_) => Kind::Lifetime,
            Change::ClockOffset(_) => Kind::Clock,
        }
    }

    /// The change in words, with the value it makes (`b` gives the URLs).
    pub fn describe(&self, b: &Baseline) -> String {
        match self {
            Change::Aud(Aud::Url(u)) => format!("aud {u}"),
            Change::Aud(Aud::Endpoint) => format!(
                "aud endpoint (each endpoint's own URL; here {})",
                b.token_endpoint
            ),
            Change::Aud(a) => format!("aud {} ({})", a.as_setting(), b.aud_value(a)),
            Change::Key { kid, alg } => format!("key {kid} ({alg})"),
            Change::Alg(a) => format!("alg {a} (key {})", b.kid),
            Change::Typ(Some(t)) => format!("typ {t}"),
            Change::Typ(None) => "no typ header".into(),
            Change::ClientIdParam(true) => "client_id sent beside the assertion".into(),
            Change::ClientIdParam(false) => "no client_id beside the assertion".into(),
            Change::Lifetime(s) => format!("lifetime {s} s"),
            Change::ClockOffset(o) => format!("clock offset {o:+} s (the server's clock)"),
        }
    }

    /// The change as the members of `fix.changes`: `aud`, `kid` and `alg`,
    /// `alg`, `typ` (null for none), `client_id_param`, `lifetime`, `clock_offset`.
    pub fn changes(&self) -> Map<String, Value> {
        let mut m = Map::new();
        match self {
            Change::Aud(a) => {
                m.insert("aud".into(), a.as_setting().into());
            }
            Change::Key { kid, alg } => {
                m.insert("kid".into(), kid.clone().into());
                m.insert("alg".into(), alg.as_str().into());
            }
            Change::Alg(a) => {
                m.insert("alg".into(), a.as_str().into());
            }
            Change::Typ(t) => {
                m.insert("typ".into(), t.clone().map_or(Value::Null, Value::from));
            }
            Change::ClientIdParam(on) => {
                m.insert("client_id_param".into(), (*on).into());
            }
            Change::Lifetime(s) => {
                m.insert("lifetime".into(), (*s).into());
            }
            Change::ClockOffset(o) => {
                m.insert("clock_offset".into(), (*o).into());
            }
        }
        m
    }

    /// The command-line options that make this change.
    pub fn flags(&self) -> Vec<String> {
        match self {
            Change::Aud(a) => vec!["--aud".into(), a.as_setting()],
            Change::Key { kid, alg } => {
                vec!["--kid".into(), kid.clone(), "--alg".into(), alg.to_string()]
            }
            Change::Alg(a) => vec!["--alg".into(), a.to_string()],
            Change::Typ(Some(t)) => vec!["--typ".into(), t.clone()],
            Change::Typ(None) => vec!["--no-typ".into()],
            Change::ClientIdParam(true) => vec!["--client-id-param".into()],
            Change::ClientIdParam(false) => vec!["--no-client-id".into()],
            Change::Lifetime(s) => vec!["--lifetime".into(), s.to_string()],
            Change::ClockOffset(o) => vec!["--clock-offset".into(), o.to_string()],
        }
    }

    /// Write this change, and only it, into a profile whose requests were
    /// signed by `base_kid`: what `pkjwt profile set` with [`Change::flags`]
    /// does.
    pub fn apply_to_profile(&self, p: &mut crate::profile::Profile, base_kid: &str) {
        match self {
            Change::Aud(a) => p.aud = Some(a.as_setting()),
            Change::Key { kid, alg } => {
                p.kid = Some(kid.clone());
                p.alg = Some(alg.as_str().to_string());
            }
            Change::Alg(a) => {
                // The algorithm belongs to a key: the one that signed.
                p.kid = Some(base_kid.to_string());
                p.alg = Some(a.as_str().to_string());
            }
            Change::Typ(t) => p.typ = Some(t.clone().unwrap_or_default()),
            Change::ClientIdParam(on) => p.client_id_param = Some(*on),
            Change::Lifetime(s) => p.lifetime = Some(*s),
            Change::ClockOffset(o) => p.clock_offset = Some(*o),
        }
    }

    /// `base` with this change: a new client (and signer) from `ks`.
    pub fn apply(&self, base: &Client, ks: &Keystore) -> Result<Client, crate::Error> {
        let (kid, alg) = match self {
            Change::Key { kid, alg } => (kid.as_str(), *alg),
            Change::Alg(a) => (base.signer.kid.as_str(), *a),
            _ => (base.signer.kid.as_str(), base.signer.alg),
        };
        let entry = ks
            .entries
            .iter()
            .find(|e| e.kid == kid)
            .ok_or_else(|| crate::Error::Internal(format!("probe: no key {kid}")))?;
        let mut c = Client {
            client_id: base.client_id.clone(),
            issuer: base.issuer.clone(),
            signer: Signer::new(entry, alg)?,
            aud: base.aud.clone(),
            endpoints: base.endpoints.clone(),
            lifetime: base.lifetime,
            typ: base.typ.clone(),
            x5t: base.x5t,
            nbf: base.nbf,
            extra_claims: base.extra_claims.clone(),
            clock_offset: base.clock_offset,
            send_client_id: base.send_client_id,
            auth: base.auth,
            dpop: base.dpop.clone(),
        };
        // Every probe has a fresh jti, whatever `--claim jti=` said, and a
        // claim given by hand must not undo the change.
        c.extra_claims.remove("jti");
        match self {
            Change::Aud(a) => {
                c.aud = a.clone();
                c.extra_claims.remove("aud");
            }
            Change::Typ(t) => c.typ.clone_from(t),
            Change::ClientIdParam(on) => c.send_client_id = *on,
            Change::Lifetime(s) => {
                c.lifetime = *s;
                for k in ["iat", "exp"] {
                    c.extra_claims.remove(k);
                }
            }
            Change::ClockOffset(o) => {
                c.clock_offset = *o;
                for k in ["iat", "exp", "nbf"] {
                    c.extra_claims.remove(k);
                }
            }
            Change::Key { .. } | Change::Alg(_) => {}
        }
        Ok(c)
    }
}

/// The failing request's settings, and what there is to vary.
#[derive(Clone, Debug, PartialEq)]
pub struct Baseline {
    /// The issuer, when known (some `aud` candidates are made from it).
    pub issuer: Option<String>,
    /// The token endpoint the probes are sent to.
    pub token_endpoint: String,
    /// The `aud` the failing assertion carried.
    pub aud: String,
    /// The failing assertion's key.
    pub kid: String,
    /// The failing assertion's algorithm.
    pub alg: Alg,
    /// The failing assertion's `typ` header; `None`: none.
    pub typ: Option<String>,
    /// Whether the failing request sent the `client_id` parameter.
    pub send_client_id: bool,
    /// The failing assertion's lifetime, in seconds.
    pub lifetime: u64,
    /// The clock offset the failing assertion was minted with, in seconds.
    pub clock_offset: i64,
    /// The keystore's other keys (kid, algorithm), most likely first.
    pub other_keys: Vec<(String, Alg)>,
    /// Server clock minus local clock, when measured.
    pub measured_offset: Option<i64>,
}

impl Baseline {
    /// The baseline of `client`'s requests to `token_endpoint`; `prefer`
    /// puts a kid first among the other keys (the profile's own key, say).
    pub fn of(
        client: &Client,
        token_endpoint: &str,
        ks: &Keystore,
        measured_offset: Option<i64>,
        prefer: Option<&str>,
    ) -> Baseline {
        let mut other_keys: Vec<(String, Alg)> = ks
            .entries
            .iter()
            .filter(|e| e.kid != client.signer.kid)
            .map(|e| (e.kid.clone(), e.alg()))
            .collect();
        if let Some(p) = prefer {
            other_keys.sort_by_key(|(k, _)| k != p);
        }
        Baseline {
            issuer: client.issuer.clone(),
            token_endpoint: token_endpoint.to_string(),
            aud: client.aud_for(token_endpoint).unwrap_or_default(),
            kid: client.signer.kid.clone(),
            alg: client.signer.alg,
            typ: client.typ.clone(),
            send_client_id: client.send_client_id,
            lifetime: client.lifetime,
            clock_offset: client.clock_offset,
            other_keys,
            measured_offset,
        }
    }

    /// The `aud` value an audience setting gives for the token endpoint.
    pub(crate) fn aud_value(&self, a: &Aud) -> String {
        match a {
            Aud::Issuer => self.issuer.clone().unwrap_or_default(),
            Aud::TokenEndpoint | Aud::Endpoint => self.token_endpoint.clone(),
            Aud::Url(u) => u.clone(),
        }
    }

    fn rsa(&self) -> bool {
        matches!(self.alg, Alg::RS256 | Alg::PS256)
    }

    /// Every change of one kind, in order.
    fn candidates(&self, kind: Kind) -> Vec<Change> {
        match kind {
            Kind::Aud => {
                let mut seen = vec![self.aud.clone()];
                let mut out = Vec::new();
                let mut add = |a: Aud, value: String| {
                    if !value.is_empty() && !seen.contains(&value) {
                        seen.push(value);
                        out.push(Change::Aud(a));
                    }
                };
                if let Some(i) = &self.issuer {
                    add(Aud::Issuer, i.clone());
                }
                // The token endpoint's URL, as `endpoint`: at the token
                // endpoint the same value, and a fix kept in a profile then
                // gives every other endpoint its own URL (glewlwyd accepts
                // only that), not the token endpoint's.
                add(Aud::Endpoint, self.token_endpoint.clone());
                let te = toggle_slash(&self.token_endpoint);
                add(Aud::Url(te.clone()), te);
                if let Some(i) = &self.issuer {
                    let i = toggle_slash(i);
                    add(Aud::Url(i.clone()), i);
                }
                out
            }
            Kind::Key => self
                .other_keys
                .iter()
                .map(|(kid, alg)| Change::Key {
                    kid: kid.clone(),
                    alg: *alg,
                })
                .collect(),
            Kind::Alg if self.rsa() => vec![Change::Alg(if self.alg == Alg::RS256 {
                Alg::PS256
            } else {
                Alg::RS256
            })],
            Kind::Alg => vec![],
            Kind::Lifetime => SHORTER_LIFETIMES
                .iter()
                .filter(|l| **l < self.lifetime)
                .map(|l| Change::Lifetime(*l))
                .collect(),
            Kind::Typ => vec![Change::Typ(match self.typ {
                Some(_) => None,
                None => Some(TYP_CLIENT_AUTH.into()),
            })],
            Kind::ClientIdParam => vec![Change::ClientIdParam(!self.send_client_id)],
            Kind::Clock => match self.measured_offset {
                // The Date header has a resolution of one second.
                Some(o) if o.abs_diff(self.clock_offset) >= 2 => vec![Change::ClockOffset(o)],
                // Unmeasured: this machine's own clock, when minting used another.
                None if self.clock_offset != 0 => vec![Change::ClockOffset(0)],
                _ => vec![],
            },
        }
    }
}

/// The URL with its trailing slash removed, or one added.
fn toggle_slash(u: &str) -> String {
    match u.strip_suffix('/') {
        Some(s) => s.to_string(),
        None => format!("{u}/"),
    }
}

/// The kinds of change in the order the ranked `causes` suggest, then the rest.
pub fn order(causes: &[Finding]) -> Vec<Kind> {
    let mut out: Vec<Kind> = Vec::new();
    for c in causes {
        for k in kinds_for(c.code) {
            if !out.contains(k) {
                out.push(*k);
            }
        }
    }
    for k in DEFAULT_ORDER {
        if !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

/// Whether a refusal with this OAuth `error` (None: a bare 401/403) may be
/// about client authentication, which probing can cure: `invalid_client`,
/// and `invalid_request` and `unauthorized_client`, which some servers
/// answer instead (RFC 6749 section 5.2). `invalid_scope`,
/// `unsupported_grant_type` and the like are not.
pub fn refusal_worth_probing(error: Option<&str>) -> bool {
    matches!(
        error,
        None | Some("invalid_client" | "invalid_request" | "unauthorized_client")
    )
}

/// Causes no single change of the request can cure: probing is not
/// worth the requests when one of them is the top cause (and the causes
/// that are not about client authentication at all,
/// [`super::refusal::NOT_CLIENT_AUTH`]).
pub const NOT_PROBED: &[&str] = &["auth-method-mismatch"];

/// The top cause, when it rules probing out (see [`NOT_PROBED`]).
pub fn not_worth_probing(causes: &[Finding]) -> Option<&Finding> {
    causes.first().filter(|c| {
        c.severity == Severity::Error
            && (NOT_PROBED.contains(&c.code) || super::refusal::NOT_CLIENT_AUTH.contains(&c.code))
    })
}

/// The probes to send, most likely first: at most [`MAX_PROBES`].
pub fn plan(b: &Baseline, causes: &[Finding]) -> Vec<Change> {
    let mut out: Vec<Change> = order(causes)
        .into_iter()
        .flat_map(|k| b.candidates(k))
        .collect();
    out.truncate(MAX_PROBES);
    out
}

/// What the server made of one probe.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// A token was issued.
    Accepted,
    /// Refused: an OAuth error, or a bare 401/403 (`error` is None).
    Refused {
        /// The HTTP status.
        status: u16,
        /// The OAuth `error` code; `None` for a bare refusal.
        error: Option<String>,
        /// The `error_description`, when sent.
        description: Option<String>,
    },
    /// The server said to stop (429, 5xx), or the request failed
    /// otherwise: probing ends. `retry_after` in seconds, when sent.
    Stopped {
        /// The HTTP status, when there was an answer.
        status: Option<u16>,
        /// What happened, for people.
        reason: String,
        /// The `Retry-After` delay in seconds, when sent.
        retry_after: Option<u64>,
    },
    /// The probe could not be made (the key cannot sign, say).
    Skipped(String),
}

impl Outcome {
    /// The answer in words.
    pub fn describe(&self) -> String {
        match self {
            Outcome::Accepted => "accepted: a token was issued".into(),
            Outcome::Refused {
                status,
                error,
                description,
            } => match (error, description) {
                (Some(e), Some(d)) if !d.is_empty() => format!("refused: {status} {e}: {d}"),
                (Some(e), _) => format!("refused: {status} {e}"),
                (None, _) => format!("refused: {status} without an OAuth error"),
            },
            Outcome::Stopped {
                reason,
                retry_after,
                ..
            } => match retry_after {
                Some(s) => format!("stopped: {reason} (retry after {s} s)"),
                None => format!("stopped: {reason}"),
            },
            Outcome::Skipped(why) => format!("not sent: {why}"),
        }
    }
}

/// One probe and its outcome.
#[derive(Clone, Debug, PartialEq)]
pub struct Probe {
    /// What the probe changed from the failing request.
    pub change: Change,
    /// What the server made of it.
    pub outcome: Outcome,
}

impl Probe {
    /// `{"change": {...}, "message", "result", "status", "error"}`.
    pub fn to_json(&self, b: &Baseline) -> Value {
        let (result, status, error) = match &self.outcome {
            Outcome::Accepted => ("accepted", None, None),
            Outcome::Refused { status, error, .. } => ("refused", Some(*status), error.clone()),
            Outcome::Stopped { status, .. } => ("stopped", *status, None),
            Outcome::Skipped(_) => ("skipped", None, None),
        };
        serde_json::json!({
            "change": self.change.changes(),
            "message": format!("{}: {}", self.change.describe(b), self.outcome.describe()),
            "result": result,
            "status": status,
            "error": error,
        })
    }
}

/// Send the planned probes through `send`, in order, until one is
/// accepted or one stops probing; `shown` sees each as it completes.
/// Sends at most [`MAX_PROBES`].
pub fn run(
    plan: &[Change],
    mut send: impl FnMut(&Change) -> Outcome,
    mut shown: impl FnMut(usize, &Probe),
) -> Vec<Probe> {
    let mut out = Vec::new();
    for (i, change) in plan.iter().take(MAX_PROBES).enumerate() {
        let outcome = send(change);
        let p = Probe {
            change: change.clone(),
            outcome,
        };
        shown(i, &p);
        let done = matches!(p.outcome, Outcome::Accepted | Outcome::Stopped { .. });
        out.push(p);
        if done {
            break;
        }
    }
    out
}

/// How many probes reached the server.
pub fn sent(probes: &[Probe]) -> usize {
    probes
        .iter()
        .filter(|p| !matches!(p.outcome, Outcome::Skipped(_)))
        .count()
}

/// A fix: one change, verified by a probe or inferred from the top cause.
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    /// True when a probe with this change got a token; false when inferred from the top cause.
    pub verified: bool,
    /// The change that fixes the request.
    pub change: Change,
    /// The fix in words.
    pub message: String,
    /// The command that applies it (filled in by the caller).
    pub command: String,
}

impl Fix {
    /// `{"verified", "changes", "message", "command"}`.
    pub fn to_json(&self) -> Value {
        serde_json::json!({
            "verified": self.verified,
            "changes": self.change.changes(),
            "message": self.message,
            "command": self.command,
        })
    }
}

/// The fix the probes found, else the one the top cause names (unverified:
/// only when that cause is an error and its change was not ruled out).
pub fn fix(b: &Baseline, causes: &[Finding], probes: &[Probe]) -> Option<Fix> {
    if let Some(p) = probes.iter().find(|p| p.outcome == Outcome::Accepted) {
        let endpoint = if p.change == Change::Aud(Aud::Endpoint) {
            "; verified at the token endpoint only (a server that wants the token endpoint's URL at every endpoint: --aud token-endpoint)"
        } else {
            ""
        };
        return Some(Fix {
            verified: true,
            message: format!(
                "the server accepts the request with {} instead of {}{endpoint}",
                p.change.describe(b),
                was(&p.change, b)
            ),
            change: p.change.clone(),
            command: String::new(),
        });
    }
    let top = causes.first().filter(|c| c.severity == Severity::Error)?;
    let tried = |c: &Change| probes.iter().any(|p| &p.change == c);
    // The cause's own kind of change only (a clock skew is not a lifetime).
    let kind = kinds_for(top.code).first()?;
    let change = b.candidates(*kind).into_iter().find(|c| !tried(c))?;
    Some(Fix {
        verified: false,
        message: format!(
            "not verified: {} ({}) suggests {} instead of {}",
            top.message,
            top.code,
            change.describe(b),
            was(&change, b)
        ),
        change,
        command: String::new(),
    })
}

/// What a change replaces, in words.
fn was(c: &Change, b: &Baseline) -> String {
    match c {
        Change::Aud(_) => format!("aud {}", b.aud),
        Change::Key { .. } => format!("key {} ({})", b.kid, b.alg),
        Change::Alg(_) => format!("{}", b.alg),
        Change::Typ(Some(_)) => "no typ header".into(),
        Change::Typ(None) => format!("typ {}", b.typ.as_deref().unwrap_or("")),
        Change::ClientIdParam(true) => "no client_id parameter".into(),
        Change::ClientIdParam(false) => "the client_id parameter".into(),
        Change::Lifetime(_) => format!("lifetime {} s", b.lifetime),
        Change::ClockOffset(_) => format!("clock offset {:+} s", b.clock_offset),
    }
}

/// Whether probing ruled out what a cause suggests: every change of its
/// kinds that was sent was refused, and at least one was sent.
pub(crate) fn rules_out(code: &str, probes: &[Probe]) -> bool {
    let kinds = kinds_for(code);
    let mine: Vec<&Probe> = probes
        .iter()
        .filter(|p| kinds.contains(&p.change.kind()))
        .collect();
    !mine.is_empty()
        && mine
            .iter()
            .all(|p| matches!(p.outcome, Outcome::Refused { .. }))
}

/// The causes after probing: the change a probe verified first (as the
/// cause `verified-by-probing`, then the causes it cures), the causes the
/// probes ruled out last. Without probes nothing moves.
pub fn rerank(causes: &mut Vec<Finding>, probes: &[Probe], fix: Option<&Fix>) {
    if probes.is_empty() {
        return;
    }
    let winner = fix.filter(|f| f.verified).map(|f| f.change.kind());
    let rank = |c: &Finding| -> u8 {
        if winner.is_some_and(|k| kinds_for(c.code).contains(&k)) {
            0
        } else if rules_out(c.code, probes) {
            2
        } else {
            1
        }
    };
    // A stable sort: the ranking's order within each group stays.
    causes.sort_by_key(rank);
    if let Some(f) = fix.filter(|f| f.verified) {
        causes.insert(
            0,
            Finding::new(
                "verified-by-probing",
                Severity::Error,
                f.message.clone(),
                f.command.clone(),
            ),
        );
    }
}

/// What the probes ruled out, in words (none when one was accepted).
pub fn ruled_out(b: &Baseline, probes: &[Probe]) -> Vec<String> {
    probes
        .iter()
        .filter(|p| matches!(p.outcome, Outcome::Refused { .. }))
        .map(|p| p.change.describe(b))
        .collect()
}

#[cfg(test)]
#[path = "probe_tests.rs"]
mod tests;
