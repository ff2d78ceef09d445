//! `pkjwt inspect`: decode a client assertion and say what is wrong with it.

use std::path::PathBuf;

use clap::Args;
use serde_json::{json, Value};

use super::client::HttpArgs;
use super::explain;
use super::password::PasswordArgs;
use super::{store, GlobalArgs, Ui};
use crate::cli::error::CliError as Error;
use crate::diagnose::evidence::{self, Evidence};
use crate::diagnose::{self, inspect, Context, Severity};
use crate::input::{self, Source, JWT_LIMIT};

/// Decode a client assertion and check it against RFC 7523, rfc7523bis, OIDC and FAPI 2.0
///
/// Reads the assertion from stdin (-, the default), which keeps it off the
/// command line; a JWT given as the argument works too. A whole form body or
/// a `client_assertion=...` line pasted from a log works as well. Shows the header and claims (times as
/// dates and as "expired 3 min ago"), verifies the signature when given keys
/// (--jwks, --keystore, or --profile: the registered JWKS or jwks_uri), and
/// lists findings, each with a code, a severity, a message and a hint.
/// With --issuer, the server's metadata is fetched (an unreachable server is
/// a warning; the offline checks still run). Exit status 8 when any finding
/// is an error.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pbpaste | pkjwt inspect - --issuer https://as.example --client-id app --jwks jwks.json
  grep client_assertion= app.log | tail -1 | pkjwt inspect - --profile prod
  printf '%s' \"$JWT\" | pkjwt --json inspect - --keystore client.p12 | jq '.findings[] | select(.severity==\"error\")'
  pkjwt inspect eyJhbGciOi...    # works, but the assertion shows in ps")]
pub struct InspectArgs {
    /// - reads the assertion from stdin (keeps it off the command line); a literal JWT works too
    #[arg(value_name = "-|JWT", default_value = "-", allow_hyphen_values = true)]
    pub jwt: String,
    /// Verify with this JWKS: a file or an https URL
    #[arg(long, value_name = "FILE|URL")]
    pub jwks: Option<String>,
    /// Verify with the keys of this keystore (and check x5t against their certificates)
    #[arg(short = 'k', long, value_name = "FILE")]
    pub keystore: Option<PathBuf>,
    #[command(flatten)]
    pub password: PasswordArgs,
    /// Check against a profile: its issuer, client_id, endpoints and registered keys
    #[arg(
        short = 'p',
        long,
        value_name = "NAME",
        env = "PKJWT_PROFILE",
        allow_hyphen_values = true
    )]
    pub profile: Option<String>,
    /// The server's issuer identifier (the expected audience; its metadata is fetched)
    #[arg(long, value_name = "URL")]
    pub issuer: Option<String>,
    /// The expected client_id
    #[arg(long, value_name = "ID", allow_hyphen_values = true)]
    pub client_id: Option<String>,
    /// The server's token endpoint [default: from its metadata]
    #[arg(long, value_name = "URL")]
    pub token_endpoint: Option<String>,
    /// The endpoint the assertion was sent to
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
    /// The most lifetime (exp - iat) the server allows, in seconds
    #[arg(long, value_name = "SECONDS")]
    pub max_lifetime: Option<i64>,
    /// Treat the server as FAPI 2.0 / rfc7523bis strict (aud must be the issuer)
    #[arg(long)]
    pub strict: bool,
    /// Fetch nothing: no metadata, no registration, no remote JWKS
    #[arg(long)]
    pub offline: bool,
    #[command(flatten)]
    pub http: HttpArgs,
}

/// The JWT or form body to inspect: the argument, or `-` for all of stdin
/// (at most [`JWT_LIMIT`] bytes; more is an error, not a silent cut).
fn read_input(ui: &Ui, arg: &str) -> Result<String, Error> {
    if arg != "-" {
        return Ok(arg.to_string());
    }
    if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        // `pkjwt inspect` alone on a terminal: say what it waits for.
        ui.note("paste the assertion, then press Ctrl-D");
    }
    let mut text = input::all(Source::Stdin, "the JWT or form body", JWT_LIMIT)?;
    Ok(std::mem::take(&mut *text))
}

pub fn run(ui: &Ui, g: &GlobalArgs, a: &InspectArgs) -> Result<(), Error> {
    let input = read_input(ui, &a.jwt)?;
    let Some(jwt) = diagnose::extract_jwt(&input) else {
        return Err(Error::input(
            "no JWT found in the input",
            Some("pass the assertion (header.payload.signature), a form body with client_assertion=..., or - for stdin".into()),
        ));
    };
    let decoded = diagnose::decode(&jwt);
    let mut prior = Vec::new();
    let mut ev = Evidence::default();
    let profile = match &a.profile {
        Some(name) => Some(crate::profile::load(&super::config_dir_required(g)?, name)?),
        None => None,
    };
    let http = if a.offline {
        None
    } else {
        Some(a.http.client(ui)?)
    };
    let mut ctx = Context {
        now: crate::oauth::assertion::now(),
        tolerance: 0,
        issuer: a
            .issuer
            .clone()
            .or_else(|| profile.as_ref().and_then(|p| p.issuer.clone())),
        client_id: a
            .client_id
            .clone()
            .or_else(|| profile.as_ref().map(|p| p.client_id.clone())),
        token_endpoint: a.token_endpoint.clone().or_else(|| {
            profile
                .as_ref()
                .and_then(|p| p.endpoints.get("token_endpoint").cloned())
        }),
        endpoint: a.endpoint.clone(),
        max_lifetime: a.max_lifetime,
        strict_aud: a.strict,
        ..Default::default()
    };

    if let (Some(http), Some(issuer)) = (&http, ctx.issuer.clone()) {
        match crate::oauth::discovery::discover(http, &issuer) {
            Ok(md) => {
                inspect::metadata_into(&mut ctx, &md);
                ev.metadata = Some(md);
            }
            Err(e) => prior.push(evidence::metadata_unreachable(&e.to_string())),
        }
    }

    // Keys: --jwks, --keystore, the profile's registration or jwks_uri, the profile's keystore.
    if let Some(src) = &a.jwks {
        let doc = if src.contains("://") {
            match &http {
                Some(h) => h.get_json(src, None).map(|r| r.body).map_err(Error::from)?,
                None => {
                    return Err(Error::input(
                        "--offline and a --jwks URL do not go together",
                        None,
                    ))
                }
            }
        } else {
            let text = std::fs::read_to_string(src).map_err(|source| crate::Error::Io {
                op: "read",
                path: src.into(),
                source,
            })?;
            serde_json::from_str::<Value>(&text)
                .map_err(|e| Error::input(format!("{src} is not JSON: {e}"), None))?
        };
        let keys = inspect::jwks_keys(&doc)
            .ok_or_else(|| Error::input(format!("{src} is neither a JWKS nor a JWK"), None))?;
        ctx.jwks = Some(keys);
        ctx.jwks_source = src.clone();
    }
    if let Some(path) = &a.keystore {
        let (ks, _) = store::open(
            ui,
            &store::StoreArgs {
                keystore: path.clone(),
                password: a.password.clone(),
            },
        )?;
        evidence::keystore_into(&mut ctx, &ks, path);
    }
    if let (Some(p), Some(http)) = (&profile, &http) {
        ev.add_client(http, &explain::profile_sources(Some(p)));
        let dir = super::config_dir(g);
        explain::save_rotated(ui, &ev, Some(p), a.profile.as_deref(), dir.as_deref());
        if a.jwks.is_none() {
            ev.server_keys_into(&mut ctx);
        }
    }

    let found = inspect::inspect(&decoded, &ctx, &ev, prior);
    let (header, claims, mut findings) = (found.header, found.claims, found.findings);
    // The rules of the profile's provider preset, each named when broken.
    if let Some(p) = &profile {
        if let Some((preset, broken)) = super::presets::profile_findings(p, &jwt, ctx.now, true)? {
            // The preset's aud rule replaces the generic advice on aud.
            // A JWT bearer grant's sub is the user, not the client.
            if preset.grant == "jwt-bearer" {
                findings.retain(|x| x.code != "iss-sub-differ");
            }
            let aud_ruled = preset.rules.iter().any(|r| r.target == "claim.aud");
            if aud_ruled {
                findings
                    .retain(|x| !(x.code.starts_with("aud-") && x.severity == Severity::Warning));
            }
            let name = a.profile.as_deref().unwrap_or("NAME");
            findings.extend(broken.into_iter().map(|mut x| {
                x.hint = x
                    .hint
                    .replace("profile set NAME", &format!("profile set {name}"));
                x
            }));
        }
    }
    let errors = findings
        .iter()
        .filter(|x| x.severity == Severity::Error)
        .count();

    if ui.json {
        ui.out_json(&json!({
            "header": header,
            "claims": claims,
            "findings": findings,
            "errors": errors,
        }))?;
    } else {
        let mut s = String::new();
        if !header.is_null() {
            s.push_str(&format!("header: {}\nclaims:\n", header));
            if let Some(m) = claims.as_object() {
                for (k, v) in m {
                    let shown = match (k.as_str(), v.as_i64()) {
                        ("exp" | "iat" | "nbf", Some(t)) => format!(
                            "{t} ({}, {})",
                            diagnose::date(t),
                            if k == "exp" && t <= ctx.now {
                                format!("expired {}", diagnose::relative(t.saturating_sub(ctx.now)))
                            } else {
                                diagnose::relative(t.saturating_sub(ctx.now))
                            }
                        ),
                        _ => v.to_string(),
                    };
                    s.push_str(&format!("  {k:<4} {shown}\n"));
                }
            }
        }
        if findings.is_empty() {
            s.push_str("\nno findings\n");
        } else {
            s.push_str("\nfindings:\n");
            for x in &findings {
                s.push_str(&format!(
                    "  [{}] {} ({})\n",
                    x.severity.as_str(),
                    x.message,
                    x.code
                ));
                if !x.hint.is_empty() && x.severity != Severity::Info {
                    s.push_str(&format!("      fix: {}\n", x.hint));
                }
            }
        }
        ui.out(s)?;
    }
    if errors > 0 {
        return Err(Error::Findings(format!(
            "{errors} error finding(s): a conforming server refuses this assertion"
        )));
    }
    Ok(())
}
