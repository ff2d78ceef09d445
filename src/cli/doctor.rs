//! `pkjwt doctor`: a checklist of everything that makes private_key_jwt
//! work for one client, ending with a real token request.

use super::client::{ClientArgs, HttpArgs, PopArgs, Resolved};
use super::{GlobalArgs, Ui};
use crate::cli::error::CliError as Error;
use crate::diagnose::doctor::Status;
use crate::doctor::{DoctorOptions, DoctorReport};
use clap::Args;

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
    if a.no_probe && a.fix {
        return Err(Error::input(
            "--fix saves what probing verified, and --no-probe (or PKJWT_NO_PROBE) turns probing off",
            Some("leave out one of them".into()),
        ));
    }
    let dir = super::config_dir(g);
    let mut r = a.client.resolve(ui, dir.clone())?;
    let http = r.http(ui, &a.http, &a.pop)?;
    let mut options = DoctorOptions::new();
    options.scope.clone_from(&a.scope);
    options.token = !a.no_token;
    options.probe = !a.no_probe;
    options.fix = a.fix;
    options.config_dir = dir;
    // The saved fix is confirmed as the profile alone says: no PoP flags.
    let mut connect = |s: &mut Resolved| {
        s.http(ui, &a.http, &super::client::PopArgs::default())
            .map_err(super::error::boxed)
    };
    let report = crate::doctor::run(&mut r, &http, &options, &mut connect, ui)?;
    if ui.json {
        ui.out_json(&report.to_json())?;
    } else {
        ui.out(render(&report))?;
    }
    if report.failed > 0 {
        return Err(Error::Findings(format!(
            "{} check(s) failed",
            report.failed
        )));
    }
    Ok(())
}

/// The report for people: one line a check, the causes, the probes, the fix.
fn render(report: &DoctorReport) -> String {
    let mut s = String::new();
    for c in &report.checks {
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
    let probing = report.probing.as_ref();
    if !report.causes.is_empty() {
        s.push_str("\nlikely causes of the token failure, most likely first:\n");
        let probes = probing.map_or(&[][..], |p| &p.probes[..]);
        for (i, c) in report.causes.iter().enumerate() {
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
    if let Some(p) = probing {
        s.push_str(&p.render());
        let name = report.profile_name.as_deref();
        if report.fix_saved {
            s.push_str(&format!("  saved in profile {}\n", name.unwrap_or("")));
        } else if p.winner.is_some() {
            if let Some(name) = name {
                s.push_str(&format!(
                    "  or let doctor save it: pkjwt doctor --profile {name} --fix\n"
                ));
            }
        }
    }
    s
}
