//! `pkjwt token --client-assertion-file`: a client assertion made
//! elsewhere, checked as `inspect` would and sent as it is, without a
//! keystore.

use serde_json::Value;

use super::token_args::{read_token, TokenArgs};
use super::Ui;
use crate::cli::error::CliError as Error;
use crate::diagnose::{self, evidence::Evidence, inspect, Context, Severity};
use crate::input::{Source, SECRET_LIMIT};
use crate::oauth::http::Body;
use crate::profile::Profile;

/// Read the assertion, warn about what `inspect` flags, send `form` with
/// it to the token endpoint; the token response and the URL.
pub fn fetch(
    ui: &Ui,
    a: &TokenArgs,
    file: &std::path::Path,
    profile: Option<&Profile>,
    form: &[(String, String)],
) -> Result<(Value, String), Error> {
    let assertion = read_token(Source::from_arg(file), "the client assertion", SECRET_LIMIT)?;
    let http = a.http.client(ui)?;
    let issuer = a
        .client
        .issuer
        .clone()
        .or_else(|| profile.and_then(|p| p.issuer.clone()));
    let client_id = a
        .client
        .client_id
        .clone()
        .or_else(|| profile.map(|p| p.client_id.clone()));
    let mut ctx = Context {
        now: crate::oauth::assertion::now(),
        issuer: issuer.clone(),
        client_id: client_id.clone(),
        token_endpoint: a
            .client
            .token_endpoint
            .clone()
            .or_else(|| profile.and_then(|p| p.endpoints.get("token_endpoint").cloned())),
        ..Default::default()
    };
    let mut ev = Evidence::default();
    if let Some(iss) = &issuer {
        if ctx.token_endpoint.is_none() || ui.verbose > 0 {
            let md = crate::oauth::discovery::discover(&http, iss)?;
            inspect::metadata_into(&mut ctx, &md);
            if ctx.token_endpoint.is_none() {
                ctx.token_endpoint = md.str("token_endpoint").map(String::from);
            }
            ev.metadata = Some(md);
        }
    }
    let url = ctx.token_endpoint.clone().ok_or_else(|| {
        Error::input(
            "the token endpoint is not known",
            Some("give --token-endpoint, or --issuer so pkjwt can discover it".into()),
        )
    })?;
    ctx.endpoint = Some(url.clone());
    let Some(jwt) = diagnose::extract_jwt(&assertion) else {
        return Err(Error::input(
            format!("{} holds no JWT", file.display()),
            Some("the file's first line is the assertion: header.payload.signature".into()),
        ));
    };
    let found = inspect::inspect(&diagnose::decode(&jwt), &ctx, &ev, Vec::new());
    for f in found
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
    {
        ui.warn(format!(
            "the client assertion: {} ({}): {}",
            f.message,
            f.severity.as_str(),
            f.hint
        ));
    }
    let sent = crate::oauth::client::given_assertion_form(form, client_id.as_deref(), &jwt);
    let resp = http.send_with("POST", &url, None, &[], Body::Form(&sent))?;
    crate::oauth::client::check_token_response(&url, &resp)?;
    Ok((resp.body, url))
}
