//! `pkjwt doctor`: a checklist of everything that makes private_key_jwt
//! work for one client, ending with a real token request.

use clap::Args;
use serde_json::json;

use super::client::{ClientArgs, HttpArgs};
use super::explain;
use super::{GlobalArgs, Ui};
use crate::cli::error::CliError as Error;
use crate::diagnose::doctor::{self, Status, Token};
use crate::diagnose::evidence::offset_from_date;
use crate::diagnose::Finding;
use crate::oauth::http::HttpError;

/// Check a client end to end: metadata, method and algorithm, registration, keys, clock, a real token request
///
/// Each line is pass, warn or fail with a hint. Exit status 8 when a check fails.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pkjwt doctor --profile prod
  pkjwt --json doctor --profile prod | jq '.checks[] | select(.status != \"pass\")'
  pkjwt doctor --issuer https://as.example --client-id app --keystore client.p12")]
pub struct DoctorArgs {
    #[command(flatten)]
    pub client: ClientArgs,
    /// Scope for the test token request
    #[arg(long, value_name = "SCOPES")]
    pub scope: Option<String>,
    /// Skip the real token request
    #[arg(long)]
    pub no_token: bool,
    #[command(flatten)]
    pub http: HttpArgs,
}

pub fn run(ui: &Ui, g: &GlobalArgs, a: &DoctorArgs) -> Result<(), Error> {
    let mut r = a.client.resolve(ui, super::config_dir(g))?;
    let http = a.http.client(ui)?;
    let alg = r.client.signer.alg;
    let kid = r.client.signer.kid.clone();

    // Metadata, the registration (RFC 7592) and the hosted JWKS.
    let mut ev = explain::gather(ui, &http, &r, None, super::config_dir(g));
    // The token endpoint below comes from this metadata, not a second fetch.
    r.metadata.clone_from(&ev.metadata);
    // A real token request (its Date header measures the clock too).
    let token_result = if a.no_token {
        None
    } else {
        Some(match r.endpoint(&http, "token_endpoint") {
            Err(e) => Err(e.to_string()),
            Ok(url) => {
                let mut form = vec![("grant_type".to_string(), "client_credentials".to_string())];
                if let Some(s) = &a.scope {
                    form.push(("scope".into(), s.clone()));
                }
                let (res, assertion) = r.client.post(&http, &url, &form, 0)?;
                Ok((url, res, assertion))
            }
        })
    };
    let token_date = match &token_result {
        Some(Ok((_, Ok(resp), _))) => resp.date.clone(),
        Some(Ok((_, Err(HttpError::OAuth { date, .. }), _))) => date.clone(),
        _ => None,
    };
    // A refusal: its causes, ranked with the evidence (the clock measured
    // from the refusal's Date header when it has one).
    let mut causes: Vec<Finding> = Vec::new();
    if let Some(Ok((url, Err(HttpError::OAuth { date, .. }), assertion))) = &token_result {
        let now = crate::oauth::assertion::now();
        ev.clock_offset = offset_from_date(date.as_deref(), now).or(ev.clock_offset);
        causes = explain::causes(&r, &ev, url, assertion, date.as_deref()).causes;
    }
    let token = match &token_result {
        None => Token::Skipped,
        Some(Err(why)) => Token::NoEndpoint(why.clone()),
        // The same check `pkjwt token` makes: a 200 without a usable token fails.
        Some(Ok((url, Ok(resp), _))) => match crate::oauth::client::check_token_response(url, resp)
        {
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
        Some(Ok((url, Err(e), _))) => Token::Refused {
            url,
            error: e.to_string(),
            causes: &causes,
        },
    };
    let checks = doctor::checklist(&doctor::Input {
        evidence: &ev,
        issuer_known: r.client.issuer.is_some(),
        alg,
        kid: &kid,
        entry: r.keystore.get(&kid, &r.keystore_path).ok(),
        now: crate::oauth::assertion::now(),
        token_date: token_date.as_deref(),
        minting_offset: r.client.clock_offset,
        token,
    });

    let failed = doctor::failed(&checks);
    if ui.json {
        ui.out_json(&json!({ "checks": checks, "causes": causes, "failed": failed }))?;
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
            for (i, c) in causes.iter().enumerate() {
                s.push_str(&format!(
                    "  {}. {} ({})\n     fix: {}\n",
                    i + 1,
                    c.message,
                    c.code,
                    c.hint
                ));
            }
        }
        ui.out(s)?;
    }
    if failed > 0 {
        return Err(Error::Findings(format!("{failed} check(s) failed")));
    }
    Ok(())
}
