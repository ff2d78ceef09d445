//! Confirming a new registration works (`pkjwt register --verify`): one
//! token request exactly as the saved profile says; when it is refused, the
//! ranked causes, probing, and the verified fix saved into the profile and
//! checked with one more request.

#![warn(missing_docs)]

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use super::probing::{self, Probing, Refused};
use crate::diagnose::explain;
use crate::keystore::Keystore;
use crate::oauth::discovery::Metadata;
use crate::oauth::http::Http;
use crate::oauth::verify::Verification;
use crate::progress::Progress;
use crate::session::{ClientSettings, Session};
use crate::Error;

/// How the first token request of a new client went.
#[derive(Debug)]
#[non_exhaustive]
pub enum Outcome {
    /// The token endpoint issued a token (revoked since).
    Issued {
        /// The token endpoint.
        url: String,
    },
    /// The server refused it: what it said, and what probing found.
    Refused {
        /// The token endpoint.
        url: String,
        /// The refusal, as one line.
        error: String,
        /// The refusal with its ranked causes, as JSON
        /// ([`explain::refusal_json`]).
        refusal: Value,
    },
}

/// What [`confirm`] found.
#[non_exhaustive]
pub struct Confirmation {
    /// The first token request.
    pub outcome: Outcome,
    /// Probing, when it was refused.
    pub probing: Option<Probing>,
    /// When a verified fix was saved into the profile: whether the token
    /// request made as the profile now says worked (`Err`: why not).
    pub saved: Option<Result<(), String>>,
}

impl Confirmation {
    /// Whether the client works as its profile says now.
    pub fn ok(&self) -> bool {
        matches!(self.outcome, Outcome::Issued { .. }) || matches!(self.saved, Some(Ok(())))
    }

    /// The `"verify"` object of `pkjwt --json register --verify`:
    /// `{"token", "refusal", "probes", "fix"}`.
    pub fn to_json(&self) -> Value {
        match &self.outcome {
            Outcome::Issued { .. } => json!({"token": "issued", "probes": [], "fix": null}),
            Outcome::Refused { refusal, .. } => {
                let mut fix = self
                    .probing
                    .as_ref()
                    .and_then(|p| p.fix.as_ref())
                    .map_or(Value::Null, |f| f.to_json());
                if self.saved.is_some() {
                    fix["saved"] = true.into();
                }
                json!({
                    "token": if self.ok() { "issued" } else { "refused" },
                    "refusal": refusal,
                    "probes": self.probing.as_ref().map_or(json!([]), Probing::probes_json),
                    "fix": fix,
                })
            }
        }
    }
}

/// Send one token request as profile `name` (in `dir`) says, with the
/// keystore `ks` (at `keystore_path`) opened already and the issuer's
/// metadata `md` when the caller fetched it; `connect` makes the HTTP client
/// for a session (mutual TLS, DPoP as the profile says). When it is refused
/// with an answer pkjwt can explain, probe the token endpoint and save a
/// verified fix into the profile, then confirm it with one more request.
/// Tokens obtained are revoked, never returned.
pub fn confirm(
    (dir, name): (&Path, &str),
    ks: Keystore,
    keystore_path: PathBuf,
    md: Option<Metadata>,
    connect: &mut dyn FnMut(&mut Session) -> Result<Http, Error>,
    progress: &dyn Progress,
) -> Result<Confirmation, Error> {
    let prof = crate::profile::load(dir, name)?;
    let mut r = Session::resolve(
        &ClientSettings::default(),
        Some(name.to_string()),
        Some(prof.clone()),
        prof.client_id.clone(),
        ks,
        keystore_path,
        progress,
    )?;
    r.metadata = md;
    let http = connect(&mut r)?;
    let (url, err, assertion) = match r.verify(&http, prof.scope.as_deref())? {
        Verification::Issued { url, notes } => {
            notes.iter().for_each(|n| progress.note(n));
            return Ok(Confirmation {
                outcome: Outcome::Issued { url },
                probing: None,
                saved: None,
            });
        }
        Verification::Refused {
            url,
            error,
            assertion,
        } => (url, *error, assertion),
    };
    let form = crate::oauth::verify::form(prof.scope.as_deref());
    let Some(refusal) = err.refusal() else {
        return Err(err.into());
    };
    let ev = explain::gather(&http, &r, refusal.date);
    super::keep_rotated(&r, &ev, Some(dir), progress);
    let x = explain::causes(
        &r,
        &ev,
        &url,
        &assertion,
        &refusal,
        explain::sent(&r, &form),
    );
    // The server's clock minus this machine's (not minus the minting clock).
    let refused = Refused::new(&url, &form, refusal.error, &x.causes, ev.clock_offset);
    let probing = probing::run(&http, &r, refused, progress);
    let base_kid = r.client.signer.kid.clone();
    let saved = match probing.fix.as_ref().filter(|f| f.verified) {
        Some(f) => {
            let (_, _, res) =
                probing::save_and_verify((dir, name), &mut r, f, &base_kid, connect, progress)?;
            Some(res.map(|_| ()).map_err(|e| e.to_string()))
        }
        None => None,
    };
    Ok(Confirmation {
        outcome: Outcome::Refused {
            error: err.to_string(),
            refusal: explain::refusal_json(&refusal, &url, x.clock_offset, &x.causes),
            url,
        },
        probing: Some(probing),
        saved,
    })
}
