//! Probing from the command line, for `doctor` and `register --verify`:
//! send the plan of [`crate::diagnose::probe`], show each probe on a
//! terminal, revoke the token a probe obtains, save a verified fix into a
//! profile, and check it with one more token request.

use std::path::Path;

use serde_json::Value;

use super::client::{ClientArgs, Resolved};
use super::Ui;
use crate::cli::error::CliError as Error;
use crate::diagnose::probe::{self, Baseline, Change, Fix, Outcome, Probe};
use crate::diagnose::Finding;
use crate::oauth::client::{check_token_response, Aud, Client};
use crate::oauth::http::{retry_after_secs, Http, HttpError, Response};
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
/// profile, else a token request with the flags.
pub fn command_for(change: &Change, r: &Resolved) -> String {
    let flags: Vec<String> = change.flags().iter().map(|f| quote(f)).collect();
    match &r.profile_name {
        Some(name) => format!("pkjwt profile set {} {}", quote(name), flags.join(" ")),
        None => {
            let mut words = vec!["pkjwt".to_string(), "token".into()];
            if let Some(i) = &r.client.issuer {
                words.push("--issuer".into());
                words.push(quote(i));
            }
            words.push("--client-id".into());
            words.push(quote(&r.client.client_id));
            words.push("--keystore".into());
            words.push(quote(&r.keystore_path.display().to_string()));
            words.extend(flags);
            words.join(" ")
        }
    }
}

/// How one probe went, from the answer to its request.
fn outcome(result: Result<Response, HttpError>, url: &str) -> (Outcome, Option<Response>) {
    match result {
        Ok(resp) => match check_token_response(url, &resp) {
            Ok(()) => (Outcome::Accepted, Some(resp)),
            Err(e) => (
                Outcome::Stopped {
                    status: Some(resp.status),
                    reason: e.to_string(),
                    retry_after: None,
                },
                None,
            ),
        },
        Err(e) => {
            let status = e.status();
            let wait = e
                .retry_after()
                .and_then(|v| retry_after_secs(v, crate::oauth::assertion::now(), RETRY_AFTER_CAP));
            if status.is_some_and(|s| s == 429 || s >= 500) {
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

/// The server's revocation endpoint, when known.
fn revocation_endpoint(r: &Resolved) -> Option<String> {
    r.client
        .endpoints
        .get("revocation_endpoint")
        .cloned()
        .or_else(|| {
            r.metadata
                .as_ref()
                .and_then(|m| m.str("revocation_endpoint"))
                .map(String::from)
        })
}

/// Revoke a token pkjwt obtained only to test (RFC 7009), authenticated as
/// `client`; it is never printed. Failures are noted, not fatal.
pub fn discard_token(ui: &Ui, http: &Http, r: &Resolved, client: &Client, body: &Value) {
    let Some(token) = body.get("access_token").and_then(Value::as_str) else {
        return;
    };
    let expires = body
        .get("expires_in")
        .and_then(Value::as_i64)
        .map(|s| format!(" (in {s} s)"))
        .unwrap_or_default();
    let Some(url) = revocation_endpoint(r) else {
        ui.note(format!(
            "the server has no revocation endpoint: the test token expires on its own{expires}"
        ));
        return;
    };
    let form = [
        ("token".to_string(), token.to_string()),
        ("token_type_hint".to_string(), "access_token".to_string()),
    ];
    match client.post(http, &url, &form, 0) {
        Ok((Ok(_), _)) => ui.detail(format!("revoked the test token at {url}")),
        Ok((Err(e), _)) => ui.note(format!(
            "could not revoke the test token ({e}); it expires on its own{expires}"
        )),
        Err(e) => ui.note(format!(
            "could not revoke the test token ({e}); it expires on its own{expires}"
        )),
    }
}

/// Probe the token endpoint `url` with `form`, one change at a time,
/// ordered by `causes`; `measured_offset` is the server's clock minus ours.
pub fn run(
    ui: &Ui,
    http: &Http,
    r: &Resolved,
    url: &str,
    form: &[(String, String)],
    causes: &[Finding],
    measured_offset: Option<i64>,
) -> Probing {
    let prefer = r.profile.as_ref().and_then(|p| p.kid.as_deref());
    let baseline = Baseline::of(&r.client, url, &r.keystore, measured_offset, prefer);
    let plan = match probe::not_worth_probing(causes) {
        _ if r.client.auth != crate::oauth::client::ClientAuth::PrivateKeyJwt => {
            ui.note("not probing: probes vary the client assertion, and this client authenticates otherwise");
            Vec::new()
        }
        Some(top) => {
            ui.note(format!(
                "not probing: {} ({}), and no change of the request can fix that",
                top.message, top.code
            ));
            Vec::new()
        }
        None => probe::plan(&baseline, causes),
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
                discard_token(ui, http, r, &client, &resp.body);
                winner = Some(client);
            }
            o
        },
        |_, p| {
            if live {
                eprintln!("{}", p.outcome.describe());
            }
        },
    );
    let mut fix = probe::fix(&baseline, causes, &probes);
    if let Some(f) = &mut fix {
        f.command = command_for(&f.change, r);
    }
    Probing {
        baseline,
        probes,
        fix,
        winner,
    }
}

/// Write what `client` does into profile `name`: the key, algorithm, aud,
/// lifetime, typ, client_id parameter and clock offset. A setting that is
/// the default and was not in the profile stays out of it.
pub fn save_settings(dir: &Path, name: &str, client: &Client) -> Result<Profile, Error> {
    let saved = profile::update(dir, |all| {
        let Some(p) = all.get_mut(name) else {
            return Err(crate::Error::NoProfile {
                name: name.to_string(),
                path: profile::file_path(dir),
                available: all.keys().cloned().collect(),
            });
        };
        p.kid = Some(client.signer.kid.clone());
        p.alg = Some(client.signer.alg.as_str().to_string());
        if client.aud != Aud::Issuer || p.aud.is_some() {
            p.aud = Some(client.aud.as_setting());
        }
        if client.lifetime != super::client::DEFAULT_LIFETIME || p.lifetime.is_some() {
            p.lifetime = Some(client.lifetime);
        }
        match &client.typ {
            Some(t) => p.typ = Some(t.clone()),
            None if p.typ.is_some() => p.typ = Some(String::new()),
            None => {}
        }
        if !client.send_client_id || p.client_id_param.is_some() {
            p.client_id_param = Some(client.send_client_id);
        }
        if client.clock_offset != 0 || p.clock_offset.is_some() {
            p.clock_offset = Some(client.clock_offset);
        }
        p.updated = Some(crate::keystore::cert::rfc3339_now());
        Ok(p.clone())
    })?;
    Ok(saved)
}

/// Save the verified fix (the accepted probe's settings) into profile
/// `name`, then send one token request as `pkjwt token --profile NAME`
/// would. The keystore moves into the returned client; the response is the
/// final request's.
pub fn save_and_verify(
    ui: &Ui,
    http: &Http,
    (dir, name): (&Path, &str),
    r: &mut Resolved,
    winner: &Client,
    url: &str,
    form: &[(String, String)],
) -> Result<(Resolved, Result<Response, HttpError>), Error> {
    let saved = save_settings(dir, name, winner)?;
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
    let (res, _) = fresh.client.post(http, url, form, 0)?;
    let res = res.and_then(|resp| {
        check_token_response(url, &resp)
            .map(|()| resp)
            .map_err(|e| HttpError::Setup(e.to_string()))
    });
    if let Ok(resp) = &res {
        discard_token(ui, http, &fresh, &fresh.client, &resp.body);
    }
    Ok((fresh, res))
}
