//! `pkjwt keys check`: which keys' certificates expire within a window, for
//! a scheduled CI job (exit 8 names them).

use std::time::Duration;

use clap::Args;
use serde_json::json;

use super::store::{self, StoreArgs};
use super::Ui;
use crate::cli::error::CliError as Error;
use crate::duration::{self, human};
use crate::keystore::state::KeyState;

/// Check that no key's certificate expires within a window (for CI)
///
/// Checks the active and next keys (retired keys sign no more; --all checks
/// them too). Exit 0 when every checked certificate is valid for longer than
/// --expires-within; exit 8 naming each key whose certificate expires within
/// it (or has expired). A key without a certificate has nothing to expire.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pkjwt keys check --keystore client.p12 --expires-within 30d
  pkjwt --json keys check --keystore client.p12 --expires-within 12h

Durations: 90s, 15m, 12h, 30d, 2w (a plain number is seconds).")]
pub struct CheckArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// The window: fail when a certificate expires within it
    #[arg(long, value_name = "DURATION", default_value = "30d", value_parser = duration::parse)]
    pub expires_within: Duration,
    /// Check retired keys too
    #[arg(long)]
    pub all: bool,
}

pub fn run(ui: &Ui, a: &CheckArgs) -> Result<(), Error> {
    let (ks, _pw) = store::open(ui, &a.store)?;
    let now = crate::keystore::state::now() as i64;
    let window = a.expires_within.as_secs() as i64;
    let mut keys = Vec::new();
    let mut expiring: Vec<String> = Vec::new();
    let mut lines = String::new();
    for e in &ks.entries {
        let checked = a.all || e.state() != KeyState::Retired;
        // A certificate that does not parse is not "no certificate": its
        // expiry is unknown, and a CI job must not pass over it.
        let parsed = e.cert.as_ref().map(|c| crate::keystore::cert::inspect(c));
        let unreadable = matches!(parsed, Some(Err(_)));
        let info = parsed.and_then(Result::ok).map(|(i, _)| i);
        let left = info.as_ref().map(|i| {
            i64::try_from(i.not_after_unix)
                .unwrap_or(i64::MAX)
                .saturating_sub(now)
        });
        let soon = checked && (unreadable || left.is_some_and(|l| l <= window));
        if soon {
            expiring.push(e.kid.clone());
        }
        keys.push(json!({
            "kid": e.kid,
            "state": e.state().as_str(),
            "checked": checked,
            "not_after": info.as_ref().map(|i| i.not_after.clone()),
            "expires_in_seconds": left,
            "expiring": soon,
            "unreadable": unreadable,
        }));
        let what = match (&info, left) {
            (Some(i), Some(l)) if l < 0 => {
                format!("EXPIRED {} ago ({})", human(l.unsigned_abs()), i.not_after)
            }
            (Some(i), Some(l)) => format!("expires in {} ({})", human(l as u64), i.not_after),
            _ if unreadable => {
                "a certificate that does not parse: its expiry is unknown".to_string()
            }
            _ => "no certificate".to_string(),
        };
        lines.push_str(&format!(
            "{} {:<8} {}: {what}{}\n",
            if soon {
                "FAIL"
            } else if checked {
                "ok  "
            } else {
                "skip"
            },
            e.state().as_str(),
            e.kid,
            if soon { "  <- within the window" } else { "" }
        ));
    }
    if ui.json {
        ui.out_json(&json!({
            "keystore": a.store.keystore.display().to_string(),
            "expires_within_seconds": window,
            "expiring": expiring,
            "keys": keys,
        }))?;
    } else {
        ui.out(lines)?;
    }
    if expiring.is_empty() {
        return Ok(());
    }
    Err(Error::Findings(format!(
        "the certificate of {} expires within {} (or cannot be read): rotate (`pkjwt rotate --profile NAME`) before it does",
        expiring.join(", "),
        human(window as u64)
    )))
}
