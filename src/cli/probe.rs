//! Probing from the command line, for `doctor` and `register --verify`:
//! [`crate::doctor::probing`] with the terminal as its progress and the
//! command line's HTTP settings.

use std::path::Path;

use serde_json::Value;

use super::client::Resolved;
use super::Ui;
use crate::cli::error::CliError as Error;
use crate::diagnose::probe::Fix;
use crate::diagnose::Finding;
use crate::doctor::probing::{self, Refused};
use crate::oauth::client::Client;
use crate::oauth::http::{Http, HttpError, Response};

pub use crate::doctor::probing::{discard_token, Probing};

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
    probing::run(
        http,
        r,
        Refused::new(url, form, error, causes, measured_offset),
        ui,
    )
}

/// Save the verified fix into profile `name`, then send one token request
/// exactly as `pkjwt token --profile NAME` would
/// ([`probing::save_and_verify`]), over HTTP made from `http_args`.
pub fn save_and_verify(
    ui: &Ui,
    http_args: &super::client::HttpArgs,
    (dir, name): (&Path, &str),
    r: &mut Resolved,
    fix: &Fix,
    base_kid: &str,
) -> Result<(Resolved, String, Result<Response, HttpError>), Error> {
    let mut connect = |s: &mut Resolved| {
        s.http(ui, http_args, &super::client::PopArgs::default())
            .map_err(super::error::boxed)
    };
    Ok(probing::save_and_verify(
        (dir, name),
        r,
        fix,
        base_kid,
        &mut connect,
        ui,
    )?)
}
