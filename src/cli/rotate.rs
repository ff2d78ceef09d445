//! `pkjwt rotate`: the command line of [`crate::rotation`]: the options,
//! the keystore opened with the command's password sources, progress on
//! stderr, and the report on stdout.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};
use serde_json::{json, Value};

use super::client::HttpArgs;
use super::password::PasswordArgs;
use super::store::{self, check_kid, parse_alg, StoreArgs, WriteArgs};
use super::{config_dir_required, GlobalArgs, Ui};
use crate::cli::error::CliError as Error;
use crate::keystore::keys::Alg;
use crate::rotation::{self, Registration, RotateOptions};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Stage {
    /// Generate the next key and publish it (it does not sign yet)
    Next,
    /// Make the next key the signing key, once the server can see it
    Promote,
    /// Retire the old key and publish the keys without it
    Retire,
    /// Delete retired keys past the grace period
    Remove,
}

impl From<Stage> for rotation::Stage {
    fn from(s: Stage) -> Self {
        match s {
            Stage::Next => rotation::Stage::Next,
            Stage::Promote => rotation::Stage::Promote,
            Stage::Retire => rotation::Stage::Retire,
            Stage::Remove => rotation::Stage::Remove,
        }
    }
}

/// Rotate a registered client's key without an outage
///
/// With no --stage, runs the whole cycle (next, promote, retire, remove),
/// with a token request after each step; a cycle that was interrupted goes
/// on from where the keystore says it stopped. One stage at a time with
/// --stage:
///
///   next     generates the next key (the active key's algorithm unless
///            --alg) and publishes it beside the active key: an RFC 7592
///            update for an inline-jwks registration; for a jwks_uri, the
///            JWKS file --jwks-out, or nothing to write when `pkjwt
///            serve-jwks` serves the keystore. The active key still signs.
///   promote  checks the server can see the next key (the registration
///            holds it, or the jwks_uri serves it), waits out what remains
///            of the server's JWKS cache window since the key was published
///            (a jwks_uri only: --cache-window, else the jwks_uri's own
///            Cache-Control max-age or Expires, at least 60 s, else 5 min;
///            capped by --wait), asks for a token signed by it (again with
///            backoff until --wait while the server refuses), and then
///            makes it the active key.
///   retire   retires the old key and publishes the keys without it, then
///            checks whether the server still accepts the retired key (it
///            may, until its cache of the keys expires).
///   remove   deletes retired keys older than --grace.
///
/// Rotating to another algorithm (ES256 to PS256): while keys of both
/// algorithms are registered, token_endpoint_auth_signing_alg is left out of
/// an inline registration so both keys are accepted; retire sets it to the
/// new key's. A server that insists on one algorithm is reported and the
/// registration is put back as it was.
///
/// A failed step leaves the keystore, the registration and the profile where
/// the signing key is one the server accepts; run the command again to go on.
///
/// A PKCS#11 token keystore (pkcs11:token=NAME;object=LABEL) rotates too:
/// the next key is generated on the token, labelled LABEL-r<unix time>,
/// which the same URI selects; states are stored on the token, and remove
/// destroys the retired key's objects. A URI with id= is refused. `pkjwt
/// serve-jwks` reads a token's keys again every half second.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pkjwt rotate --profile prod                                # the whole cycle
  pkjwt rotate --profile prod --stage next --alg PS256
  pkjwt rotate --profile hosted --jwks-out /srv/www/jwks.json --cache-window 10m
  pkjwt rotate --profile prod --stage remove --grace 0s

Durations: 90s, 15m, 12h, 7d (a plain number is seconds).")]
pub struct RotateArgs {
    /// The profile of the registered client
    #[arg(
        short = 'p',
        long,
        value_name = "NAME",
        env = "PKJWT_PROFILE",
        allow_hyphen_values = true
    )]
    pub profile: String,
    /// Run one stage only [default: the whole cycle, from where it stopped]
    #[arg(long, value_enum)]
    pub stage: Option<Stage>,
    #[command(flatten)]
    pub password: PasswordArgs,
    /// Algorithm of the next key [default: the active key's]
    #[arg(long, value_name = "ALG", value_parser = parse_alg)]
    pub alg: Option<Alg>,
    /// RSA key size of the next key [default: the active key's, else 3072]
    #[arg(long, value_name = "BITS")]
    pub rsa_bits: Option<usize>,
    /// Key ID of the next key [default: its RFC 7638 thumbprint]
    #[arg(long, value_name = "KID", allow_hyphen_values = true)]
    pub kid: Option<String>,
    /// Certificate validity of the next key, in days
    #[arg(long, value_name = "N", default_value_t = 365, value_parser = clap::value_parser!(u32).range(1..=36500))]
    pub days: u32,
    /// For a jwks_uri client: write the published JWKS to FILE after each
    /// change (the file your web server serves) [default: none; `pkjwt
    /// serve-jwks` serves the keystore itself]
    #[arg(long, value_name = "FILE", env = "PKJWT_JWKS_OUT")]
    pub jwks_out: Option<PathBuf>,
    /// How long the server may cache the client's jwks_uri: promote waits
    /// this long after the next key was published [default: the jwks_uri's
    /// Cache-Control max-age (or Expires), at least 60 s; 5m when it says
    /// nothing]
    #[arg(long, value_name = "DURATION", env = "PKJWT_CACHE_WINDOW", value_parser = crate::duration::parse)]
    pub cache_window: Option<Duration>,
    /// The longest promote waits for the cache window and retries the next
    /// key; when the server does not accept it by then, promote stops
    /// unchanged
    #[arg(long, value_name = "DURATION", default_value = "15m", value_parser = crate::duration::parse)]
    pub wait: Duration,
    /// How long a retired key is kept (and published with --include-retired)
    /// before remove deletes it
    #[arg(long, value_name = "DURATION", default_value = "1d", value_parser = crate::duration::parse)]
    pub grace: Duration,
    /// Scope of the token requests that verify each step [default: the profile's]
    #[arg(long, value_name = "SCOPES")]
    pub scope: Option<String>,
    /// Do not request tokens to verify the steps
    #[arg(long)]
    pub no_verify: bool,
    #[command(flatten)]
    pub write: WriteArgs,
    #[command(flatten)]
    pub http: HttpArgs,
}

/// The library's options from the flags.
fn options(g: &GlobalArgs, a: &RotateArgs) -> Result<RotateOptions, Error> {
    let mut o = RotateOptions::new(config_dir_required(g)?, a.profile.clone());
    o.stage = a.stage.map(Into::into);
    o.alg = a.alg;
    o.rsa_bits = a.rsa_bits;
    o.kid = a.kid.clone();
    o.days = a.days;
    o.jwks_out = a.jwks_out.clone();
    o.cache_window = a.cache_window;
    o.wait = a.wait;
    o.grace = a.grace;
    o.scope = a.scope.clone();
    o.verify = !a.no_verify;
    o.iterations = a.write.iterations;
    Ok(o)
}

pub fn run(ui: &Ui, g: &GlobalArgs, a: &RotateArgs) -> Result<(), Error> {
    if let Some(k) = &a.kid {
        check_kid(k)?;
    }
    let o = options(g, a)?;
    // Refused before the keystore's password is asked for.
    let prof = rotation::check(&o)?;
    let opened = store::open_full(
        ui,
        &StoreArgs {
            keystore: prof.keystore.clone(),
            password: a.password.clone(),
        },
    )?;
    let http = a.http.client(ui)?;
    let report = rotation::rotate(&o, opened, http, ui)?;
    // The keys changed: the profile's cached tokens go.
    super::cache::invalidate(
        ui,
        &crate::token_cache::Selection {
            profile: Some(a.profile.clone()),
            keystore: Some(super::cache::keystore_id(&prof.keystore)),
        },
    );
    if let Err(e) = &report.result {
        ui.warn(format!(
            "the rotation stopped ({e}); key {} still signs; run `pkjwt rotate --profile {}` again to go on",
            report.still_signs.as_deref().unwrap_or("-"),
            a.profile
        ));
    }
    if ui.json {
        let keys: Vec<Value> = report
            .keys
            .iter()
            .map(|(kid, alg, state)| json!({"kid": kid, "alg": alg.as_str(), "state": state.as_str()}))
            .collect();
        let mut out = json!({
            "profile": a.profile,
            "registration": match &report.registration { Registration::Inline => "jwks", _ => "jwks_uri" },
            "steps": report.steps,
            "keys": keys,
            "signing_kid": report.signing_kid,
        });
        if let Err(e) = &report.result {
            out["error"] = e.to_string().into();
        }
        ui.out_json(&out)?;
    } else if report.result.is_ok() {
        let mut s = format!(
            "Rotated profile {} (signs with {})\n",
            a.profile,
            report.signing_kid.as_deref().unwrap_or("-")
        );
        for (kid, alg, state) in &report.keys {
            s.push_str(&format!("  {:<8} {kid} ({alg})\n", state.as_str()));
        }
        ui.out(s)?;
    }
    Ok(report.result?)
}
