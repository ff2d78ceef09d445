//! `pkjwt doctor`: a checklist of everything that makes private_key_jwt
//! work for one client, ending with a real token request.

use clap::Args;
use serde_json::{json, Value};

use super::client::{ClientArgs, HttpArgs, PopArgs, Resolved};
use super::explain;
use super::{GlobalArgs, Ui};
use crate::cli::error::CliError as Error;
use crate::diagnose::doctor::{self, Check, Status, Token};
use crate::diagnose::evidence::offset_from_date;
use crate::diagnose::Finding;
use crate::oauth::http::HttpError;

/// Check a client end to end: metadata, method and algorithm, registration, keys, clock, a real token request
///
/// Each line is pass, warn or fail with a hint. When the token request is
/// refused, doctor ranks the likely causes and then probes the token
/// endpoint: at most 12 more client_credentials requests (13 in all), each
/// with a fresh assertion and changing one thing (aud, the key, the RSA
/// algorithm, typ, the client_id parameter, a shorter lifetime, the clock
/// offset), most likely first. It stops at the first one accepted, or on a
/// 429, a 5xx or an answer with Retry-After; a refusal that is not about the
/// client's authentication (a missing DPoP proof, a refused grant or scope,
/// a 429 or 5xx) is not probed, and a request sent without client_id and
/// refused as invalid_request probes sending it first. A token a probe
/// obtains is never printed, and is revoked when the server has a revocation
/// endpoint (those requests are not counted). --no-probe sends none. --fix
/// saves the one verified change into the profile and sends one more token
/// request, from the profile alone, to confirm it.
///
/// Exit status 8 while a check fails (the token check too, fix found or
/// not); with --fix, 0 once the saved fix got a token and nothing else fails.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pkjwt doctor --profile prod
  pkjwt doctor --profile prod --fix
  pkjwt --json doctor --profile prod | jq '.fix'
  pkjwt --json doctor --profile prod | jq '.checks[] | select(.status != \"pass\")'
  pkjwt doctor --issuer https://as.example --client-id app --keystore client.p12 --no-probe")]
pub struct DoctorArgs {
    #[command(flatten)]
    pub client: ClientArgs,
    /// Scope for the test token request [default: the profile's; '' sends none]
    #[arg(long, value_name = "SCOPES", env = "PKJWT_SCOPE")]
    pub scope: Option<String>,
    /// Skip the real token request (and probing)
    #[arg(long, conflicts_with = "fix")]
    pub no_token: bool,
    /// Do not probe the token endpoint when the token request is refused
    #[arg(long, env = "PKJWT_NO_PROBE", value_parser = clap::builder::FalseyValueParser::new())]
    pub no_probe: bool,
    /// Save a fix the server verified into the profile, then confirm it with one more token request
    #[arg(long, requires = "profile")]
    pub fix: bool,
    #[command(flatten)]
    pub pop: PopArgs,
    #[command(flatten)]
    pub http: HttpArgs,
}

pub fn run(ui: &Ui, g: &GlobalArgs, a: &DoctorArgs) -> Result<(), Error> {
    let dir = super::config_dir(g);
    let mut r = a.client.resolve(ui, dir.clone())?;
    let http = r.http(ui, &a.http, &a.pop)?;

    // Metadata, the registration (RFC 7592) and the hosted JWKS.
    let mut ev = explain::gather(ui, &http, &r, None, dir.clone());
    // The token endpoint below comes from this metadata, not a second fetch.
    r.metadata.clone_from(&ev.metadata);
    let scope = a
        .scope
        .clone()
        .or_else(|| r.profile.as_ref().and_then(|p| p.scope.clone()));
    let form = crate::oauth::verify::form(scope.as_deref());
    let mismatch = r
        .profile
        .as_ref()
        .and_then(|p| p.registration_mismatch.clone());
    // A real token request (its Date header measures the clock too).
    let token_result = if a.no_token {
        None
    } else {
        Some(match r.endpoint(&http, "token_endpoint") {
            Err(e) => Err(e.to_string()),
            Ok(url) => {
                let (res, assertion) = r.client.post(&http, &url, &form, 0)?;
                Ok((url, res, assertion))
            }
        })
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
            let x = explain::causes(&r, &ev, url, assertion, &refusal, explain::sent(&r, &form));
            causes = x.causes;
            crate::diagnose::described::promote(&mut causes, refusal.description);
            // A registration that was not what `register` asked for: what
            // the server registered is the cause, and no probe cures it.
            if let Some(m) = &mismatch {
                causes.retain(|c| c.code != "auth-method-mismatch");
                causes.insert(0, mismatch_finding(m, &r));
            }
            refusal_json = explain::refusal_json(&refusal, url, x.clock_offset, &causes);
        }
    }
    // Probing: ask the server which single change it accepts.
    let probing = match &token_result {
        Some(Ok((url, Err(e), _))) if e.refusal().is_some() && !a.no_probe => {
            Some(super::probe::run(
                ui,
                &http,
                &r,
                url,
                &form,
                e.refusal().and_then(|x| x.error),
                &causes,
                ev.clock_offset,
            ))
        }
        Some(Ok((url, Err(e), _))) if e.refusal().is_some() => {
            // Not probed: the top cause may still name a fix (unverified).
            let b = crate::diagnose::probe::Baseline::of(
                &r.client,
                url,
                &r.keystore,
                ev.clock_offset,
                r.profile.as_ref().and_then(|p| p.kid.as_deref()),
            );
            let mut fix = crate::diagnose::probe::fix(&b, &causes, &[]);
            let scope = form
                .iter()
                .find(|(k, _)| k == "scope")
                .map(|(_, v)| v.as_str());
            if let Some(f) = &mut fix {
                f.command = super::probe::command_for(&f.change, &r, &b, scope);
            }
            Some(super::probe::Probing {
                baseline: b,
                probes: Vec::new(),
                fix,
                winner: None,
            })
        }
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

    // --fix: save the verified fix, then one token request as the profile now says.
    let mut fixed: Option<(
        Resolved,
        String,
        Result<crate::oauth::http::Response, HttpError>,
    )> = None;
    let mut fix_saved = false;
    if a.no_probe && a.fix {
        return Err(Error::input(
            "--fix saves what probing verified, and --no-probe (or PKJWT_NO_PROBE) turns probing off",
            Some("leave out one of them".into()),
        ));
    }
    if a.fix {
        let verified = fix.as_ref().filter(|f| f.verified);
        let base_kid = r.client.signer.kid.clone();
        match (verified, r.profile_name.clone(), dir.as_deref()) {
            (Some(f), Some(name), Some(dir)) => {
                let (fresh, url, res) =
                    super::probe::save_and_verify(ui, &a.http, (dir, &name), &mut r, f, &base_kid)?;
                fix_saved = true;
                if let Ok(resp) = &res {
                    token_date.clone_from(&resp.date);
                }
                fixed = Some((fresh, url, res));
            }
            _ if matches!(&token_result, Some(Ok((_, Ok(_), _)))) => {
                ui.note("the token request works: nothing to fix");
            }
            _ => ui.warn("no verified fix to save: the profile is unchanged"),
        }
    }
    // A token doctor obtained itself is revoked too: it is never used.
    if let Some(Ok((_, Ok(resp), _))) = &token_result {
        if crate::oauth::client::check_token_response("", resp).is_ok() {
            super::probe::discard(ui, &http, &r, &r.client, &resp.body);
        }
    }

    // The checklist, for the client as it is now (after a saved fix).
    let after_fix;
    let (eff, token) = match (&fixed, &token_result) {
        (Some((fresh, url, Ok(resp))), _) => (
            fresh,
            Token::Issued {
                url,
                body: &resp.body,
            },
        ),
        (Some((fresh, url, Err(e))), _) => {
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
        (_, None) => (&r, Token::Skipped),
        (_, Some(Err(why))) => (&r, Token::NoEndpoint(why.clone())),
        // The same check `pkjwt token` makes: a 200 without a usable token fails.
        (_, Some(Ok((url, Ok(resp), _)))) => (
            &r,
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
            &r,
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
    checks.extend(super::presets::doctor_checks(eff)?);
    if let Some(m) = &mismatch {
        let f = mismatch_finding(m, &r);
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
    if ui.json {
        let mut fix_json = fix.as_ref().map_or(Value::Null, |f| f.to_json());
        if fix_saved {
            fix_json["saved"] = true.into();
        }
        ui.out_json(&json!({
            "checks": checks,
            "causes": causes,
            "refusal": refusal_json,
            "probes": probing.as_ref().map_or(json!([]), |p| p.probes_json()),
            "fix": fix_json,
            "failed": failed,
        }))?;
    } else {
        let mut s = String::new();
        for c in &checks {
            let mark = match c.status {
                Status::Pass => "pass",
                Status::Warn => "warn",
                Status::Fail => "FAIL",
                Status::Skip => "skip",
            };
            s.push_str(&format!(
                "[{mark}] {:<18} {}\n",
                c.name(),
                c.finding.message
            ));
            if !c.finding.hint.is_empty() && c.status != Status::Pass {
                s.push_str(&format!("       {:<18} hint: {}\n", "", c.finding.hint));
            }
        }
        if !causes.is_empty() {
            s.push_str("\nlikely causes of the token failure, most likely first:\n");
            let probes = probing.as_ref().map_or(&[][..], |p| &p.probes[..]);
            for (i, c) in causes.iter().enumerate() {
                let ruled_out = if crate::diagnose::probe::rules_out(c.code, probes) {
                    " [ruled out by probing]"
                } else {
                    ""
                };
                s.push_str(&format!(
                    "  {}. {} ({}){ruled_out}\n",
                    i + 1,
                    c.message,
                    c.code
                ));
                if !c.hint.is_empty() {
                    s.push_str(&format!("     fix: {}\n", c.hint));
                }
            }
        }
        if let Some(p) = &probing {
            s.push_str(&p.render());
            if fix_saved {
                s.push_str(&format!(
                    "  saved in profile {}\n",
                    r.profile_name.as_deref().unwrap_or("")
                ));
            } else if p.winner.is_some() {
                if let Some(name) = &r.profile_name {
                    s.push_str(&format!(
                        "  or let doctor save it: pkjwt doctor --profile {name} --fix\n"
                    ));
                }
            }
        }
        ui.out(s)?;
    }
    if failed > 0 {
        return Err(Error::Findings(format!("{failed} check(s) failed")));
    }
    Ok(())
}

/// The cause a profile marked by `register` names: what the server
/// registered instead of private_key_jwt (`registration_mismatch`).
fn mismatch_finding(m: &str, r: &Resolved) -> Finding {
    let name = r.profile_name.as_deref().unwrap_or("NAME");
    let managed = r.profile.as_ref().is_some_and(|p| {
        p.registration_client_uri.is_some() && p.registration_access_token.is_some()
    });
    Finding::new(
        "auth-method-mismatch",
        crate::diagnose::Severity::Error,
        format!("{m}, at registration: the client cannot authenticate with private_key_jwt until that is fixed"),
        if managed {
            format!("fix the registration: pkjwt register --update -p {name} (RFC 7592), or delete the client and register again")
        } else {
            format!("change the client to private_key_jwt in the server's console, then pkjwt profile set {name} --unset registration-mismatch")
        },
    )
}
