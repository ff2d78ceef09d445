//! Probing from the command line, for `doctor` and `register --verify`:
//! send the plan of [`crate::diagnose::probe`], show each probe on a
//! terminal, revoke the token a probe obtains, save a verified fix into a
//! profile, and check it with one more token request.

use std::path::Path;

use serde_json::Value;

use super::client::{ClientArgs, Resolved};
use super::Ui;
use crate::cli::error::CliError as Error;
use crate::diagnose::probe::{self, Baseline, Change, Fix, Kind, Outcome, Probe};
use crate::diagnose::Finding;
use crate::oauth::client::{check_token_response, Client};
use crate::oauth::http::{retry_after_secs, Http, HttpError, Response};
use crate::oauth::verify;
use crate::profile::{self, Profile};

/// The longest `Retry-After` pkjwt reports as such (a day).
const RETRY_AFTER_CAP: u64 = 86_400;

/// What probing found.
pub struct Probing {
    pub baseline: Baseline,
    pub probes: Vec<Probe>,
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
pub fn command_for(change: &Change, r: &Resolved, b: &Baseline, scope: Option<&str>) -> String {
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
    if kind != Kind::Lifetime && b.lifetime != super::client::DEFAULT_LIFETIME {
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

/// Revoke the tokens pkjwt obtained only to test ([`verify::discard`]).
pub fn discard_token(http: &Http, r: &Resolved, client: &Client, body: &Value) -> Option<String> {
    verify::discard(http, client, r.revocation_endpoint().as_deref(), body)
}

/// [`discard_token`], with its note shown.
pub fn discard(ui: &Ui, http: &Http, r: &Resolved, client: &Client, body: &Value) {
    if let Some(n) = discard_token(http, r, client, body) {
        ui.note(n);
    }
}

/// Probe the token endpoint `url` with `form`, one change at a time,
/// ordered by `causes`; `error` is the refusal's OAuth error (None for a
/// bare 401/403); `measured_offset` is the server's clock minus ours.
#[allow(clippy::too_many_arguments)]
pub fn run(
    ui: &Ui,
    http: &Http,
    r: &Resolved,
    url: &str,
    form: &[(String, String)],
    error: Option<&str>,
    causes: &[Finding],
    measured_offset: Option<i64>,
) -> Probing {
    let prefer = r.profile.as_ref().and_then(|p| p.kid.as_deref());
    let baseline = Baseline::of(&r.client, url, &r.keystore, measured_offset, prefer);
    let not_probed = |why: String| {
        ui.note(format!("not probing: {why}"));
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
    let live = ui.live();
    if live && !plan.is_empty() {
        eprintln!(
            "probing {url}: up to {} requests, each changing one thing",
            plan.len()
        );
    }
    let mut winner: Option<Client> = None;
    let mut n = 0;
    let notes = std::cell::RefCell::new(Vec::new());
    let probes = probe::run(
        &plan,
        |change| {
            n += 1;
            if live {
                eprint!(
                    "  probe {n}/{}: {} ... ",
                    plan.len(),
                    change.describe(&baseline)
                );
            }
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
            if live {
                eprintln!("{}", p.outcome.describe());
            }
            for note in notes.borrow_mut().drain(..) {
                ui.note(note);
            }
        },
    );
    let scope = form
        .iter()
        .find(|(k, _)| k == "scope")
        .map(|(_, v)| v.as_str());
    let mut fix = probe::fix(&baseline, causes, &probes);
    if let Some(f) = &mut fix {
        f.command = command_for(&f.change, r, &baseline, scope);
    }
    Probing {
        baseline,
        probes,
        fix,
        winner,
    }
}

/// Save the verified fix into profile `name` (the change alone, as `pkjwt
/// profile set` would), then send one token request exactly as `pkjwt
/// token --profile NAME` would: the profile's settings and scope, no flags.
/// The keystore moves into the returned client; the result is the final
/// request's.
pub fn save_and_verify(
    ui: &Ui,
    http_args: &super::client::HttpArgs,
    (dir, name): (&Path, &str),
    r: &mut Resolved,
    fix: &Fix,
    base_kid: &str,
) -> Result<(Resolved, String, Result<Response, HttpError>), Error> {
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
    let mut fresh = ClientArgs::default().resolve_opened(
        ui,
        Some(name.to_string()),
        Some(saved.clone()),
        saved.client_id.clone(),
        ks,
        r.keystore_path.clone(),
    )?;
    fresh.metadata = r.metadata.clone();
    let http = fresh.http(ui, http_args, &super::client::PopArgs::default())?;
    let url = fresh.endpoint(&http, "token_endpoint")?;
    let form = verify::form(saved.scope.as_deref());
    let (res, _) = fresh.client.post(&http, &url, &form, 0)?;
    let res = res.and_then(|resp| {
        check_token_response(&url, &resp)
            .map(|()| resp)
            .map_err(|e| HttpError::Setup(e.to_string()))
    });
    if let Ok(resp) = &res {
        discard(ui, &http, &fresh, &fresh.client, &resp.body);
    }
    Ok((fresh, url, res))
}
