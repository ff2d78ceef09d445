//! Probing: send the plan of [`crate::diagnose::probe`] to a live token
//! endpoint, one change at a time, revoke any token a probe obtains, and
//! save a verified fix into a profile, checked with one more request.
//! Used by [`crate::doctor`] and by `pkjwt register --verify`.

#![warn(missing_docs)]

use std::path::Path;

use serde_json::Value;

use crate::diagnose::probe::{self, Baseline, Change, Fix, Kind, Outcome, Probe};
use crate::diagnose::Finding;
use crate::oauth::client::{check_token_response, Client};
use crate::oauth::http::{retry_after_secs, Http, HttpError, Response};
use crate::oauth::verify;
use crate::profile::{self, Profile};
use crate::progress::Progress;
use crate::session::{ClientSettings, Session};

/// The longest `Retry-After` pkjwt reports as such (a day).
const RETRY_AFTER_CAP: u64 = 86_400;

/// What probing found.
pub struct Probing {
    /// The request that was refused, as the probes vary it.
    pub baseline: Baseline,
    /// Each probe sent (or skipped), in order.
    pub probes: Vec<Probe>,
    /// The fix: verified when a probe was accepted, else the top cause's.
    pub fix: Option<Fix>,
    /// The client of the accepted probe.
    pub winner: Option<Client>,
}

impl Probing {
    /// `"probes"` in JSON.
    pub fn probes_json(&self) -> Value {
        Value::Array(
            self.probes
                .iter()
                .map(|p| p.to_json(&self.baseline))
                .collect(),
        )
    }

    /// The probing section of the human report.
    pub fn render(&self) -> String {
        let b = &self.baseline;
        let mut s = String::new();
        if !self.probes.is_empty() {
            s.push_str(&format!(
                "\nprobing ({} of at most {} requests, each changing one thing):\n",
                probe::sent(&self.probes),
                probe::MAX_PROBES
            ));
            for (i, p) in self.probes.iter().enumerate() {
                s.push_str(&format!(
                    "  {:>2}. {}: {}\n",
                    i + 1,
                    p.change.describe(b),
                    p.outcome.describe()
                ));
            }
        }
        match &self.fix {
            Some(f) => {
                s.push_str(&format!(
                    "\nfix ({}): {}\n  apply: {}\n",
                    if f.verified {
                        "verified by the server"
                    } else {
                        "not verified"
                    },
                    f.message,
                    f.command
                ));
            }
            None if !self.probes.is_empty() && self.winner.is_none() => {
                let out = probe::ruled_out(b, &self.probes);
                if !out.is_empty() {
                    s.push_str(&format!(
                        "\nno single change made the server accept; ruled out: {}\n",
                        out.join("; ")
                    ));
                }
            }
            None => {}
        }
        s
    }
}

/// Shell-quote one word when it needs it.
fn quote(w: &str) -> String {
    if !w.is_empty()
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@+,".contains(c))
    {
        w.to_string()
    } else {
        format!("'{}'", w.replace('\'', r"'\''"))
    }
}

/// The command that applies `change`: `pkjwt profile set NAME ...` for a
/// profile, else a token request with every setting of the request that
/// was accepted (the baseline's, the change's in place of its own).
pub(crate) fn command_for(
    change: &Change,
    r: &Session,
    b: &Baseline,
    scope: Option<&str>,
) -> String {
    let flags: Vec<String> = change.flags().iter().map(|f| quote(f)).collect();
    if let Some(name) = &r.profile_name {
        return format!("pkjwt profile set {} {}", quote(name), flags.join(" "));
    }
    let mut words: Vec<String> = vec!["pkjwt".into(), "token".into()];
    fn push(words: &mut Vec<String>, k: &str, v: &str) {
        words.push(k.to_string());
        words.push(quote(v));
    }
    let mut add = |k: &str, v: &str| push(&mut words, k, v);
    if let Some(i) = &r.client.issuer {
        add("--issuer", i);
    }
    add("--client-id", &r.client.client_id);
    add("--keystore", &r.keystore_path.display().to_string());
    add("--token-endpoint", &b.token_endpoint);
    if let Some(sc) = scope {
        add("--scope", sc);
    }
    let kind = change.kind();
    if !matches!(kind, Kind::Key) {
        add("--kid", &b.kid);
        if !matches!(kind, Kind::Alg) {
            add("--alg", b.alg.as_str());
        }
    }
    if kind != Kind::Aud && r.client.aud != crate::oauth::client::Aud::Issuer {
        add("--aud", &r.client.aud.as_setting());
    }
    if kind != Kind::Lifetime && b.lifetime != crate::session::DEFAULT_LIFETIME {
        add("--lifetime", &b.lifetime.to_string());
    }
    if kind != Kind::Typ {
        if let Some(t) = &b.typ {
            add("--typ", t);
        }
    }
    if kind != Kind::Clock && b.clock_offset != 0 {
        add("--clock-offset", &b.clock_offset.to_string());
    }
    if kind != Kind::ClientIdParam && !b.send_client_id {
        words.push("--no-client-id".into());
    }
    words.extend(flags);
    words.join(" ")
}

/// How one probe went, from the answer to its request; the body of any
/// 2xx that holds an access token (to revoke it, usable or not).
fn outcome(result: Result<Response, HttpError>, url: &str) -> (Outcome, Option<Response>) {
    match result {
        Ok(resp) => {
            let o = match check_token_response(url, &resp) {
                Ok(()) => Outcome::Accepted,
                Err(e) => Outcome::Stopped {
                    status: Some(resp.status),
                    reason: e.to_string(),
                    retry_after: None,
                },
            };
            let holds_token = resp.body.get("access_token").is_some_and(Value::is_string);
            (o, holds_token.then_some(resp))
        }
        Err(e) => {
            let status = e.status();
            let wait = e
                .retry_after()
                .and_then(|v| retry_after_secs(v, crate::oauth::assertion::now(), RETRY_AFTER_CAP));
            // 429, 5xx, or any answer that says when to come back (RFC 9110
            // section 10.2.3): probing stops.
            if status.is_some_and(|s| s == 429 || s >= 500) || e.retry_after().is_some() {
                return (
                    Outcome::Stopped {
                        status,
                        reason: e.to_string(),
                        retry_after: wait,
                    },
                    None,
                );
            }
            match e.refusal() {
                Some(r) => (
                    Outcome::Refused {
                        status: r.status,
                        error: r.error.map(String::from),
                        description: r.description.map(String::from),
                    },
                    None,
                ),
                None => (
                    Outcome::Stopped {
                        status,
                        reason: e.to_string(),
                        retry_after: None,
                    },
                    None,
                ),
            }
        }
    }
}

/// Revoke the tokens pkjwt obtained only to test ([`verify::discard`]):
/// the note to show, if any.
pub fn discard_token(http: &Http, r: &Session, client: &Client, body: &Value) -> Option<String> {
    verify::discard(http, client, r.revocation_endpoint().as_deref(), body)
}

/// Probe the token endpoint `url` with `form`, one change at a time,
/// ordered by `causes`; `error` is the refusal's OAuth error (None for a
/// bare 401/403); `measured_offset` is the server's clock minus ours.
/// What was refused, for [`run`].
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct Refused<'a> {
    /// The token endpoint.
    pub url: &'a str,
    /// The form of the refused request (without the assertion).
    pub form: &'a [(String, String)],
    /// The refusal's OAuth `error` (None for a bare 401/403).
    pub error: Option<&'a str>,
    /// The ranked causes: the probes are ordered by them.
    pub causes: &'a [Finding],
    /// The server's clock minus this machine's, when measured.
    pub measured_offset: Option<i64>,
}

impl<'a> Refused<'a> {
    /// A refusal at `url` of `form`, with `error`, ranked as `causes`.
    pub fn new(
        url: &'a str,
        form: &'a [(String, String)],
        error: Option<&'a str>,
        causes: &'a [Finding],
        measured_offset: Option<i64>,
    ) -> Self {
        Refused {
            url,
            form,
            error,
            causes,
            measured_offset,
        }
    }
}

/// The scope of a token request's form.
fn scope_of(form: &[(String, String)]) -> Option<&str> {
    form.iter()
        .find(|(k, _)| k == "scope")
        .map(|(_, v)| v.as_str())
}

/// Probe the token endpoint: one request per change of the plan
/// ([`probe::plan`]), ordered by the causes, until one is accepted or the
/// server says to stop. Each request is a [`Progress::step`]; a token a
/// probe obtains is revoked ([`discard_token`]) and never returned. When
/// probing cannot help (another authentication method, a fixed `jti`, a
/// refusal that is not about the assertion) nothing is sent, and a note
/// says why.
pub fn run(http: &Http, r: &Session, refused: Refused, progress: &dyn Progress) -> Probing {
    let Refused {
        url,
        form,
        error,
        causes,
        measured_offset,
    } = refused;
    let prefer = r.profile.as_ref().and_then(|p| p.kid.as_deref());
    let baseline = Baseline::of(&r.client, url, &r.keystore, measured_offset, prefer);
    let not_probed = |why: String| {
        progress.note(&format!("not probing: {why}"));
        Vec::new()
    };
    let plan = if r.client.auth != crate::oauth::client::ClientAuth::PrivateKeyJwt {
        not_probed(
            "probes vary the client assertion, and this client authenticates otherwise".into(),
        )
    } else if r.client.extra_claims.contains_key("jti") {
        not_probed("the jti is fixed (--claim jti=...), and a probe always sends a fresh one: that change alone may be the cure (jti-reused)".into())
    } else if !probe::refusal_worth_probing(error) {
        not_probed(format!(
            "{} is not about client authentication, and no change of the assertion cures it",
            error.unwrap_or("the refusal")
        ))
    } else if let Some(top) = probe::not_worth_probing(causes) {
        not_probed(format!(
            "{} ({}), and no change of the request can fix that",
            top.message, top.code
        ))
    } else {
        probe::plan(&baseline, causes)
    };
    if !plan.is_empty() {
        progress.note(&format!(
            "probing {url}: up to {} requests, each changing one thing",
            plan.len()
        ));
    }
    let mut winner: Option<Client> = None;
    let mut n = 0;
    let notes = std::cell::RefCell::new(Vec::new());
    let label = std::cell::RefCell::new(String::new());
    let probes = probe::run(
        &plan,
        |change| {
            n += 1;
            *label.borrow_mut() =
                format!("probe {n}/{}: {}", plan.len(), change.describe(&baseline));
            progress.step(&label.borrow());
            let client = match change.apply(&r.client, &r.keystore) {
                Ok(c) => c,
                Err(e) => return Outcome::Skipped(e.to_string()),
            };
            let result = match client.post(http, url, form, 0) {
                Ok((res, _)) => res,
                Err(e) => return Outcome::Skipped(e.to_string()),
            };
            let (o, resp) = outcome(result, url);
            if let Some(resp) = resp {
                notes
                    .borrow_mut()
                    .extend(discard_token(http, r, &client, &resp.body));
                if o == Outcome::Accepted {
                    winner = Some(client);
                }
            }
            o
        },
        |_, p| {
            progress.step_done(&label.borrow(), &p.outcome.describe());
            for note in notes.borrow_mut().drain(..) {
                progress.note(&note);
            }
        },
    );
    let mut fix = probe::fix(&baseline, causes, &probes);
    if let Some(f) = &mut fix {
        f.command = command_for(&f.change, r, &baseline, scope_of(form));
    }
    Probing {
        baseline,
        probes,
        fix,
        winner,
    }
}

/// The fix the top cause names when nothing was probed (not verified).
pub fn unprobed(
    r: &Session,
    url: &str,
    form: &[(String, String)],
    causes: &[Finding],
    measured_offset: Option<i64>,
) -> Probing {
    let b = Baseline::of(
        &r.client,
        url,
        &r.keystore,
        measured_offset,
        r.profile.as_ref().and_then(|p| p.kid.as_deref()),
    );
    let mut fix = probe::fix(&b, causes, &[]);
    if let Some(f) = &mut fix {
        f.command = command_for(&f.change, r, &b, scope_of(form));
    }
    Probing {
        baseline: b,
        probes: Vec::new(),
        fix,
        winner: None,
    }
}

/// Save the verified fix into profile `name` in `dir` (the change alone,
/// as `pkjwt profile set` would), then send one token request exactly as
/// the profile alone says: its settings and scope, nothing else. The
/// keystore moves into the returned session, made by [`Session::resolve`]
/// and connected by `connect` (the caller's HTTP settings). A token it
/// obtains is revoked. Returns the session, the token endpoint and the
/// final request's result.
pub fn save_and_verify(
    (dir, name): (&Path, &str),
    r: &mut Session,
    fix: &Fix,
    base_kid: &str,
    connect: &mut dyn FnMut(&mut Session) -> Result<Http, crate::Error>,
    progress: &dyn Progress,
) -> Result<(Session, String, Result<Response, HttpError>), crate::Error> {
    let saved: Profile = profile::update(dir, |all| {
        let Some(p) = all.get_mut(name) else {
            return Err(crate::Error::NoProfile {
                name: name.to_string(),
                path: profile::file_path(dir),
                available: all.keys().cloned().collect(),
            });
        };
        fix.change.apply_to_profile(p, base_kid);
        p.updated = Some(crate::keystore::cert::rfc3339_now());
        Ok(p.clone())
    })?;
    let ks = std::mem::take(&mut r.keystore);
    let mut fresh = Session::resolve(
        &ClientSettings::default(),
        Some(name.to_string()),
        Some(saved.clone()),
        saved.client_id.clone(),
        ks,
        r.keystore_path.clone(),
        progress,
    )?;
    fresh.metadata = r.metadata.clone();
    let http = connect(&mut fresh)?;
    let url = fresh.endpoint(&http, "token_endpoint")?;
    let form = verify::form(saved.scope.as_deref());
    let (res, _) = fresh.client.post(&http, &url, &form, 0)?;
    let res = res.and_then(|resp| {
        check_token_response(&url, &resp)
            .map(|()| resp)
            .map_err(|e| HttpError::Setup(e.to_string()))
    });
    if let Ok(resp) = &res {
        if let Some(n) = discard_token(&http, &fresh, &fresh.client, &resp.body) {
            progress.note(&n);
        }
    }
    Ok((fresh, url, res))
}
