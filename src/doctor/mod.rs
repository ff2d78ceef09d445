//! The doctor workflow: everything that makes private_key_jwt work for one
//! client, checked end to end. Evidence (metadata, the RFC 7592
//! registration, the hosted JWKS, the clock), one real token request, the
//! ranked causes of a refusal, probing the token endpoint for the one
//! change it accepts ([`probing`]), and, when asked, saving that change
//! into the profile and confirming it. The checklist itself is data from
//! [`crate::diagnose::doctor`]; this module sends the requests.
//!
//! ```no_run
//! # fn demo(session: &mut pkjwt::session::Session, http: &pkjwt::oauth::http::Http) -> Result<(), pkjwt::Error> {
//! let options = pkjwt::doctor::DoctorOptions::new();
//! let report = pkjwt::doctor::run(
//!     session,
//!     http,
//!     &options,
//!     &mut |_| unreachable!("connect is only called to confirm a saved fix"),
//!     &pkjwt::progress::Silent,
//! )?;
//! println!("{} check(s) failed", report.failed);
//! # Ok(()) }
//! ```

#![warn(missing_docs)]

pub mod confirm;
pub mod probing;

use std::path::PathBuf;

use serde_json::{json, Value};

use crate::diagnose::doctor::{self, Check, Status, Token};
use crate::diagnose::evidence::offset_from_date;
use crate::diagnose::explain;
use crate::diagnose::probe::Fix;
use crate::diagnose::{Finding, Severity};
use crate::oauth::http::{Http, HttpError, Response};
use crate::progress::Progress;
use crate::session::Session;
use crate::Error;

pub use probing::Probing;

/// What [`run`] does.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct DoctorOptions {
    /// The scope of the test token request (`None`: the profile's; `""`: none).
    pub scope: Option<String>,
    /// Send the real token request (and so probe and fix).
    pub token: bool,
    /// Probe the token endpoint when the token request is refused.
    pub probe: bool,
    /// Save a verified fix into the profile, then confirm it.
    pub fix: bool,
    /// The profiles directory: a rotated registration access token and a
    /// saved fix go there. Without it nothing is written.
    pub config_dir: Option<PathBuf>,
}

impl DoctorOptions {
    /// A token request with probing, no fix saved, nothing written.
    pub fn new() -> Self {
        DoctorOptions {
            scope: None,
            token: true,
            probe: true,
            fix: false,
            config_dir: None,
        }
    }
}

impl Default for DoctorOptions {
    fn default() -> Self {
        Self::new()
    }
}

/// What [`run`] found.
#[non_exhaustive]
pub struct DoctorReport {
    /// The checklist, for the client as it is now (after a saved fix).
    pub checks: Vec<Check>,
    /// The ranked causes of the refused token request, verified ones first.
    pub causes: Vec<Finding>,
    /// The refusal as JSON ([`explain::refusal_json`]), or null.
    pub refusal: Value,
    /// Probing, when the token request was refused.
    pub probing: Option<Probing>,
    /// The fix: verified by a probe, or the top cause's.
    pub fix: Option<Fix>,
    /// Whether the fix was saved into the profile.
    pub fix_saved: bool,
    /// The number of failed checks.
    pub failed: usize,
    /// The profile the report is about.
    pub profile_name: Option<String>,
}

impl DoctorReport {
    /// The JSON of `pkjwt --json doctor`: `{"checks", "causes", "refusal",
    /// "probes", "fix", "failed"}` (stable field names).
    pub fn to_json(&self) -> Value {
        let mut fix_json = self.fix.as_ref().map_or(Value::Null, Fix::to_json);
        if self.fix_saved {
            fix_json["saved"] = true.into();
        }
        json!({
            "checks": self.checks,
            "causes": self.causes,
            "refusal": self.refusal,
            "probes": self.probing.as_ref().map_or(json!([]), Probing::probes_json),
            "fix": fix_json,
            "failed": self.failed,
        })
    }
}

/// A token request's outcome: the endpoint, the answer, the assertion sent.
type Sent = (String, Result<Response, HttpError>, String);

/// Run the doctor for `r` over `http`: gather the evidence, send one token
/// request (unless `options.token` is off), explain and probe a refusal,
/// save a verified fix when `options.fix` asks (then `connect` makes the
/// HTTP client for the session of the saved profile), and build the
/// checklist. A token obtained along the way is revoked, never returned.
/// Errors are what stops the doctor (a keystore that cannot sign, a
/// profile that cannot be written); a failing client is a report with
/// failed checks.
pub fn run(
    r: &mut Session,
    http: &Http,
    options: &DoctorOptions,
    connect: &mut dyn FnMut(&mut Session) -> Result<Http, Error>,
    progress: &dyn Progress,
) -> Result<DoctorReport, Error> {
    let dir = options.config_dir.as_deref();
    // Metadata, the registration (RFC 7592) and the hosted JWKS.
    let mut ev = explain::gather(http, r, None);
    keep_rotated(r, &ev, dir, progress);
    // The token endpoint below comes from this metadata, not a second fetch.
    r.metadata.clone_from(&ev.metadata);
    let scope = options
        .scope
        .clone()
        .or_else(|| r.profile.as_ref().and_then(|p| p.scope.clone()));
    let form = crate::oauth::verify::form(scope.as_deref());
    let mismatch = r
        .profile
        .as_ref()
        .and_then(|p| p.registration_mismatch.clone());
    // A real token request (its Date header measures the clock too).
    let token_result: Option<Result<Sent, String>> = if options.token {
        Some(match r.endpoint(http, "token_endpoint") {
            Err(e) => Err(e.to_string()),
            Ok(url) => {
                let (res, assertion) = r.client.post(http, &url, &form, 0)?;
                Ok((url, res, assertion))
            }
        })
    } else {
        None
    };
    let mut token_date = match &token_result {
        Some(Ok((_, Ok(resp), _))) => resp.date.clone(),
        Some(Ok((_, Err(e), _))) => e.answer().and_then(|x| x.date.map(String::from)),
        _ => None,
    };
    // A refusal: its causes, ranked with the evidence (the clock measured
    // from the refusal's Date header when it has one).
    let mut causes: Vec<Finding> = Vec::new();
    let mut refusal_json = Value::Null;
    if let Some(Ok((url, Err(e), assertion))) = &token_result {
        // A 5xx too (Hydra's 500 for an expired assertion): its causes,
        // never probed.
        if let Some(refusal) = e.answer() {
            let now = crate::oauth::assertion::now();
            ev.clock_offset = offset_from_date(refusal.date, now).or(ev.clock_offset);
            let x = explain::causes(r, &ev, url, assertion, &refusal, explain::sent(r, &form));
            causes = x.causes;
            crate::diagnose::described::promote(&mut causes, refusal.description);
            // A registration that was not what `register` asked for: what
            // the server registered is the cause, and no probe cures it.
            if let Some(m) = &mismatch {
                causes.retain(|c| c.code != "auth-method-mismatch");
                causes.insert(0, mismatch_finding(m, r));
            }
            refusal_json = explain::refusal_json(&refusal, url, x.clock_offset, &causes);
        }
    }
    // Probing: ask the server which single change it accepts.
    let probing = match &token_result {
        Some(Ok((url, Err(e), _))) if e.refusal().is_some() => Some(if options.probe {
            let refused = probing::Refused::new(
                url,
                &form,
                e.refusal().and_then(|x| x.error),
                &causes,
                ev.clock_offset,
            );
            probing::run(http, r, refused, progress)
        } else {
            // Not probed: the top cause may still name a fix (unverified).
            probing::unprobed(r, url, &form, &causes, ev.clock_offset)
        }),
        _ => None,
    };
    let fix = probing.as_ref().and_then(|p| p.fix.clone());
    // What probing verified leads the causes; what it ruled out follows.
    if let Some(p) = &probing {
        crate::diagnose::probe::rerank(&mut causes, &p.probes, fix.as_ref());
        if !causes.is_empty() {
            refusal_json["causes"] = serde_json::to_value(&causes).unwrap_or_default();
        }
    }

    // The fix: saved, then one token request as the profile now says.
    let mut fixed: Option<(Session, Sent)> = None;
    if options.fix {
        let verified = fix.as_ref().filter(|f| f.verified);
        let base_kid = r.client.signer.kid.clone();
        match (verified, r.profile_name.clone(), dir) {
            (Some(f), Some(name), Some(dir)) => {
                let (fresh, url, res) =
                    probing::save_and_verify((dir, &name), r, f, &base_kid, connect, progress)?;
                if let Ok(resp) = &res {
                    token_date.clone_from(&resp.date);
                }
                fixed = Some((fresh, (url, res, String::new())));
            }
            _ if matches!(&token_result, Some(Ok((_, Ok(_), _)))) => {
                progress.note("the token request works: nothing to fix");
            }
            _ => progress.warn("no verified fix to save: the profile is unchanged"),
        }
    }
    let fix_saved = fixed.is_some();
    // A token doctor obtained itself is revoked too: it is never used.
    if let Some(Ok((_, Ok(resp), _))) = &token_result {
        if crate::oauth::client::check_token_response("", resp).is_ok() {
            if let Some(n) = probing::discard_token(http, r, &r.client, &resp.body) {
                progress.note(&n);
            }
        }
    }

    // The checklist, for the client as it is now (after a saved fix).
    let after_fix;
    let (eff, token) = match (&fixed, &token_result) {
        (Some((fresh, (url, Ok(resp), _))), _) => (
            fresh,
            Token::Issued {
                url,
                body: &resp.body,
            },
        ),
        (Some((fresh, (url, Err(e), _))), _) => {
            after_fix = format!(
                "the saved fix alone did not work ({e}); the accepted probe also used settings the profile does not hold (flags, environment): add them with `pkjwt profile set`"
            );
            (
                fresh,
                Token::Refused {
                    url,
                    error: after_fix,
                    causes: &causes,
                },
            )
        }
        (_, None) => (&*r, Token::Skipped),
        (_, Some(Err(why))) => (&*r, Token::NoEndpoint(why.clone())),
        // The same check `pkjwt token` makes: a 200 without a usable token fails.
        (_, Some(Ok((url, Ok(resp), _)))) => (
            &*r,
            match crate::oauth::client::check_token_response(url, resp) {
                Ok(()) => Token::Issued {
                    url,
                    body: &resp.body,
                },
                Err(e) => Token::Refused {
                    url,
                    error: e.to_string(),
                    causes: &[],
                },
            },
        ),
        (_, Some(Ok((url, Err(e), _)))) => (
            &*r,
            Token::Refused {
                url,
                error: e.to_string(),
                causes: &causes,
            },
        ),
    };
    let kid = eff.client.signer.kid.clone();
    let method = eff
        .profile
        .as_ref()
        .and_then(|p| p.auth.clone())
        .unwrap_or_else(|| "private_key_jwt".into());
    let mut checks = doctor::checklist(&doctor::Input {
        evidence: &ev,
        issuer_known: eff.client.issuer.is_some(),
        method: &method,
        alg: eff.client.signer.alg,
        kid: &kid,
        entry: eff.keystore.entries.iter().find(|e| e.kid == kid),
        now: crate::oauth::assertion::now(),
        token_date: token_date.as_deref(),
        minting_offset: eff.client.clock_offset,
        token,
    });
    checks.extend(preset_checks(eff)?);
    if let Some(m) = &mismatch {
        let f = mismatch_finding(m, r);
        checks.insert(
            0,
            Check::new("registered-as", Status::Fail, f.message, f.hint),
        );
    }
    if let Some(f) = &fix {
        if let Some(c) = checks
            .iter_mut()
            .find(|c| c.name() == "token" && c.status == Status::Fail)
        {
            c.finding.hint = if f.verified {
                format!("{} (verified): {}", f.message, f.command)
            } else {
                format!("{}: {}", f.message, f.command)
            };
        }
        if let (true, Some(p)) = (fix_saved, &probing) {
            if let Some(c) = checks
                .iter_mut()
                .find(|c| c.name() == "token" && c.status == Status::Pass)
            {
                c.finding.message = format!(
                    "{} after saving the fix ({}) in profile {}",
                    c.finding.message,
                    f.change.describe(&p.baseline),
                    r.profile_name.as_deref().unwrap_or("")
                );
            }
        }
    }
    let failed = doctor::failed(&checks);
    Ok(DoctorReport {
        checks,
        causes,
        refusal: refusal_json,
        probing,
        fix,
        fix_saved,
        failed,
        profile_name: r.profile_name.clone(),
    })
}

/// Keep a registration access token the server rotated while the evidence
/// was gathered; a failure to save it is a warning.
pub(crate) fn keep_rotated(
    r: &Session,
    ev: &crate::diagnose::Evidence,
    dir: Option<&std::path::Path>,
    progress: &dyn Progress,
) {
    if let (Some(new), Some(p), Some(name), Some(dir)) = (
        ev.rotated_registration_access_token.as_deref(),
        r.profile.as_ref(),
        r.profile_name.as_deref(),
        dir,
    ) {
        keep_rotated_token(dir, name, p, new, progress);
    }
}

/// Store `new` as profile `name`'s registration access token
/// ([`crate::profile::keep_rotated_token`]); a failure is a warning, since
/// the server has the token either way.
pub(crate) fn keep_rotated_token(
    dir: &std::path::Path,
    name: &str,
    p: &crate::profile::Profile,
    new: &str,
    progress: &dyn Progress,
) {
    if let Err(e) = crate::profile::keep_rotated_token(dir, name, p, new) {
        progress.warn(&format!(
            "the server rotated the registration access token and saving it failed: {e}"
        ));
    }
}

/// The cause a profile marked by `register` names: what the server
/// registered instead of private_key_jwt (`registration_mismatch`).
pub(crate) fn mismatch_finding(m: &str, r: &Session) -> Finding {
    let name = r.profile_name.as_deref().unwrap_or("NAME");
    let managed = r.profile.as_ref().is_some_and(|p| {
        p.registration_client_uri.is_some() && p.registration_access_token.is_some()
    });
    Finding::new(
        "auth-method-mismatch",
        Severity::Error,
        format!("{m}, at registration: the client cannot authenticate with private_key_jwt until that is fixed"),
        if managed {
            format!("fix the registration: pkjwt register --update -p {name} (RFC 7592), or delete the client and register again")
        } else {
            format!("change the client to private_key_jwt in the server's console, then pkjwt profile set {name} --unset registration-mismatch")
        },
    )
}

/// The checks of a profile's preset: an assertion minted as the profile
/// says, checked against every rule; one failed check per broken rule.
/// None when the profile follows no preset.
pub(crate) fn preset_checks(r: &Session) -> Result<Vec<Check>, Error> {
    let Some(p) = &r.profile else {
        return Ok(Vec::new());
    };
    let Some(name) = &p.preset else {
        return Ok(Vec::new());
    };
    let preset = crate::presets::get(name)?;
    let endpoint = r
        .client
        .endpoints
        .get("token_endpoint")
        .cloned()
        .unwrap_or_default();
    let params = r.client.params(&endpoint)?;
    let now = crate::oauth::assertion::now().saturating_add(r.client.clock_offset);
    let jwt = r
        .client
        .signer
        .mint(&params, now, &crate::oauth::assertion::new_jti())?;
    let Some((header, claims)) = crate::oauth::assertion::decode_unverified(&jwt) else {
        return Ok(Vec::new());
    };
    let vars = crate::presets::profile_vars(p);
    let a = crate::presets::Assertion {
        jwt: &jwt,
        header: &header,
        claims: &claims,
        now,
    };
    // Doctor mints a client assertion: the grant-only rules do not apply.
    let found = preset.check(&a, &vars, p.client_id_param, false);
    if found.is_empty() {
        return Ok(vec![Check::new(
            "preset",
            Status::Pass,
            format!(
                "the assertion follows the {} preset's {} rules",
                preset.title,
                preset.rules.iter().filter(|r| !r.grant).count()
            ),
            "",
        )]);
    }
    Ok(found
        .into_iter()
        .map(|f| {
            let hint = match &r.profile_name {
                Some(n) => f
                    .hint
                    .replace("profile set NAME", &format!("profile set {n}")),
                None => f.hint,
            };
            Check::new("preset", Status::Fail, f.message, hint)
        })
        .collect())
}
