//! `pkjwt token`, `introspect`, `revoke` and `request`: authenticated
//! requests to the server's endpoints.

use clap::Args;
use serde_json::{json, Value};

use super::client::{parse_kv, ClientArgs, HttpArgs, PopArgs, Resolved};
pub(crate) use super::token_args::{read_token, TokenArgs};
use super::{GlobalArgs, Ui};
use crate::cli::error::CliError as Error;
use crate::input::{Source, SECRET_LIMIT};
use crate::oauth::http::{Http, Response};

/// Introspect a token (RFC 7662), authenticated with a client assertion
///
/// Pass the token on stdin with -: a token given as an argument is visible
/// to other users of the machine (ps, /proc) and stays in shell history.
/// An answer of active: false exits 0 with a warning saying why when pkjwt
/// can tell (an expired JWT, an aud without this client: Keycloak 26.6.2+
/// answers so for a client_credentials token); --json adds it as "hint".
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  printf '%s' \"$TOKEN\" | pkjwt introspect --profile prod -
  pkjwt introspect --profile prod - < token.txt
  pkjwt introspect --profile prod \"$TOKEN\"    # works, but the token shows in ps
  pkjwt introspect --profile hydra --introspection-endpoint https://hydra-admin:4445/admin/oauth2/introspect -")]
pub struct IntrospectArgs {
    #[command(flatten)]
    pub op: TokenOpArgs,
    /// The introspection endpoint [default: the profile's, else the issuer's metadata] (Ory Hydra serves it on its admin port and lists it nowhere)
    #[arg(long, value_name = "URL", env = "PKJWT_INTROSPECTION_ENDPOINT")]
    pub introspection_endpoint: Option<String>,
}

/// Revoke a token (RFC 7009), authenticated with a client assertion
///
/// Pass the token on stdin with -: a token given as an argument is visible
/// to other users of the machine (ps, /proc) and stays in shell history.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  printf '%s' \"$TOKEN\" | pkjwt revoke --profile prod -
  pkjwt revoke --profile prod - < refresh_token.txt
  pkjwt revoke --profile prod \"$TOKEN\"    # works, but the token shows in ps")]
pub struct RevokeArgs {
    #[command(flatten)]
    pub op: TokenOpArgs,
    /// The revocation endpoint [default: the profile's, else the issuer's metadata]
    #[arg(long, value_name = "URL", env = "PKJWT_REVOCATION_ENDPOINT")]
    pub revocation_endpoint: Option<String>,
}

/// What introspection and revocation take.
#[derive(Args, Debug)]
pub struct TokenOpArgs {
    /// - reads the token from stdin (keeps it off the command line); a literal token works too
    #[arg(value_name = "-|TOKEN", allow_hyphen_values = true)]
    pub token: String,
    /// token_type_hint: access_token or refresh_token
    #[arg(long, value_name = "HINT")]
    pub token_type_hint: Option<String>,
    #[command(flatten)]
    pub client: ClientArgs,
    #[command(flatten)]
    pub pop: PopArgs,
    #[command(flatten)]
    pub http: HttpArgs,
}

/// POST to any endpoint that authenticates clients (PAR, CIBA, device authorization, ...)
///
/// ENDPOINT is a metadata key (pushed_authorization_request_endpoint,
/// backchannel_authentication_endpoint, device_authorization_endpoint, ...),
/// a short name (par, ciba, device, token, introspection, revocation), or a URL.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pkjwt request --profile web par response_type=code redirect_uri=https://app/cb scope=openid
  pkjwt request --profile prod device scope=openid
  pkjwt request --profile prod https://as.example/custom/endpoint foo=bar")]
pub struct RequestArgs {
    /// The endpoint: a metadata key, a short name, or a URL
    #[arg(value_name = "ENDPOINT")]
    pub endpoint: String,
    /// Form parameters k=v
    #[arg(value_name = "K=V")]
    pub params: Vec<String>,
    #[command(flatten)]
    pub client: ClientArgs,
    #[command(flatten)]
    pub pop: PopArgs,
    #[command(flatten)]
    pub http: HttpArgs,
}

/// A token from the command line: the value itself, or `-` for the first
/// line of stdin (at most [`SECRET_LIMIT`] bytes).
fn read_secret_arg(s: &str, what: &'static str) -> Result<String, Error> {
    if s != "-" {
        return Ok(s.to_string());
    }
    read_token(Source::Stdin, what, SECRET_LIMIT)
}

fn kv_strings(list: &[String]) -> Result<Vec<(String, String)>, Error> {
    list.iter()
        .map(|s| {
            let (k, _) = parse_kv(s)?;
            let v = s
                .split_once('=')
                .map(|(_, v)| v.to_string())
                .unwrap_or_default();
            Ok((k, v))
        })
        .collect()
}

/// Send; a refusal is explained: the server's answer, then the likely
/// causes, ranked with the evidence pkjwt can gather.
#[allow(clippy::too_many_arguments)]
fn send(
    ui: &Ui,
    g: &GlobalArgs,
    http: &Http,
    r: &mut Resolved,
    url: &str,
    form: &[(String, String)],
    grant: Option<&crate::oauth::client::Grant>,
    retries: u32,
) -> Result<Response, Error> {
    let (result, assertion) = r.client.post_grant(http, url, form, grant, retries)?;
    match result {
        Ok(resp) => Ok(resp),
        Err(e) => {
            let err: Error = e.into();
            let Error::Lib(crate::Error::Http(h)) = &err else {
                return Err(err);
            };
            // A refusal, or a 5xx: every one gets its JSON object.
            let Some(answer) = h.answer() else {
                return Err(err);
            };
            let sent = super::explain::sent(r, form);
            // Without a client assertion (mutual TLS, no client
            // authentication) there is nothing of pkjwt's to rank.
            // A DPoP error is about the proof, not the assertion.
            let dpop_error = answer
                .error
                .is_some_and(|e| e == crate::oauth::dpop::USE_NONCE || e == "invalid_dpop_proof");
            let explained = if assertion.is_empty() || dpop_error {
                if !ui.json {
                    return Err(err);
                }
                ui.error(&err);
                super::explain::unranked_json(&answer, url, sent)
            } else {
                ui.error(&err);
                super::explain::explain_failure(
                    ui,
                    http,
                    r,
                    url,
                    &assertion,
                    &answer,
                    sent,
                    super::config_dir(g),
                )
            };
            if ui.json {
                ui.out_json(&explained)?;
            }
            Err(Error::Reported {
                inner: Box::new(err),
            })
        }
    }
}

pub fn token(ui: &Ui, g: &GlobalArgs, a: &TokenArgs) -> Result<(), Error> {
    let (body, url, outcome) = get(ui, g, a)?;
    super::token_out::render(ui, a, &body, url.as_deref(), outcome)
}

/// The token response, from the cache or the server: the response, the
/// token endpoint when a request was sent, and what the cache did.
pub fn get(
    ui: &Ui,
    g: &GlobalArgs,
    a: &TokenArgs,
) -> Result<(Value, Option<String>, Option<crate::token_cache::Outcome>), Error> {
    let grant_type = crate::oauth::client::grant_type(&a.grant_type);
    let jwt_bearer = grant_type == crate::oauth::client::JWT_BEARER;
    let exchange = grant_type == crate::oauth::client::TOKEN_EXCHANGE;
    for (set, flag, belongs, add) in [
        (a.subject.is_some(), "--subject", jwt_bearer, "jwt-bearer"),
        (
            a.grant_iss.is_some(),
            "--grant-iss",
            jwt_bearer,
            "jwt-bearer",
        ),
        (
            a.scope_in_grant,
            "--scope-in-grant",
            jwt_bearer,
            "jwt-bearer",
        ),
        (
            a.no_client_auth,
            "--no-client-auth",
            jwt_bearer,
            "jwt-bearer",
        ),
        (
            a.exchange.subject_token_file.is_some(),
            "--subject-token-file",
            exchange,
            "token-exchange",
        ),
        (
            a.exchange.actor_token_file.is_some(),
            "--actor-token-file",
            exchange,
            "token-exchange",
        ),
        (
            a.exchange.requested_token_type.is_some(),
            "--requested-token-type",
            exchange,
            "token-exchange",
        ),
    ] {
        if set && !belongs {
            return Err(Error::input(
                format!("{flag} belongs to the {add} grant"),
                Some(format!("add --grant-type {add}")),
            ));
        }
    }
    // The profile is read before anything is unlocked: a cached token
    // needs neither the keystore nor the network.
    let profile = match &a.client.profile {
        Some(name) => Some(crate::profile::load(&super::config_dir_required(g)?, name)?),
        None => None,
    };
    let mut form: Vec<(String, String)> = vec![("grant_type".into(), grant_type.clone())];
    // The scope: --scope, else the profile's (the one it was registered
    // with) for the grants that ask for one afresh; a refresh or a code
    // must not ask for more than was granted (RFC 6749 section 6).
    let fresh_grant = jwt_bearer || grant_type == "client_credentials";
    let scope = a
        .scope
        .clone()
        .or_else(|| {
            profile
                .as_ref()
                .and_then(|p| p.scope.clone())
                .filter(|_| fresh_grant)
        })
        .filter(|s| !s.is_empty());
    let mut grant = None;
    if jwt_bearer {
        let subject = a.subject.clone().ok_or_else(|| {
            Error::input(
                "the JWT bearer grant needs --subject (the grant's sub)",
                Some("pass --subject SUB: the user or service account the token is for".into()),
            )
        })?;
        grant = Some(crate::oauth::client::Grant {
            subject,
            issuer: a.grant_iss.clone(),
            scope: scope.clone().filter(|_| a.scope_in_grant),
        });
    }
    if let Some(s) = scope.clone().filter(|_| !(jwt_bearer && a.scope_in_grant)) {
        form.push(("scope".into(), s));
    }
    for res in &a.resource {
        form.push(("resource".into(), res.clone()));
    }
    if let Some(x) = &a.audience {
        form.push(("audience".into(), x.clone()));
    }
    if let Some(c) = &a.code {
        form.push(("code".into(), c.clone()));
    }
    if let Some(u) = &a.redirect_uri {
        form.push(("redirect_uri".into(), u.clone()));
    }
    if let Some(v) = &a.code_verifier {
        form.push(("code_verifier".into(), v.clone()));
    }
    if let Some(f) = &a.refresh_token_file {
        let t = read_token(Source::from_arg(f), "the refresh token", SECRET_LIMIT)?;
        form.push(("refresh_token".into(), t));
    }
    if exchange {
        form.extend(super::token_out::exchange_form(&a.exchange, &a.params)?);
    }
    form.extend(kv_strings(&a.params)?);
    match grant_type.as_str() {
        "authorization_code" if a.code.is_none() => {
            return Err(Error::input(
                "the authorization_code grant needs --code",
                None,
            ))
        }
        "refresh_token" if !form.iter().any(|(k, _)| k == "refresh_token") => {
            return Err(Error::input(
                "the refresh_token grant needs the refresh token",
                Some(
                    "pass --refresh-token-file FILE (- for stdin) or --param refresh_token=..."
                        .into(),
                ),
            ))
        }
        _ => {}
    }
    let mut url = None;
    let fetch = |url: &mut Option<String>| -> Result<Value, Error> {
        let mut r = a.client.resolve(ui, super::config_dir(g))?;
        if a.no_client_auth {
            r.client.auth = crate::oauth::client::ClientAuth::None;
        }
        let http = r.http(ui, &a.http, &a.pop)?;
        let u = r.endpoint(&http, "token_endpoint")?;
        *url = Some(u.clone());
        let resp = send(ui, g, &http, &mut r, &u, &form, grant.as_ref(), a.retry)?;
        crate::oauth::client::check_token_response(&u, &resp)?;
        if let Some(w) = r.client.dpop_mismatch(&resp) {
            ui.warn(w);
        }
        let token_type = resp
            .body
            .get("token_type")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        if r.client.dpop.is_some() && !token_type.eq_ignore_ascii_case("DPoP") {
            // An unbound token where a bound one was asked for: not handed out.
            super::probe::discard(ui, &http, &r, &r.client, &resp.body);
            return Err(crate::oauth::client::TokenResponseError {
                url: u,
                status: resp.status,
                problem: crate::oauth::client::TokenProblem::NotDpop(token_type),
            }
            .into());
        }
        Ok(resp.body)
    };
    if let Some(file) = &a.client_assertion_file {
        if a.exchange
            .subject_token_file
            .as_deref()
            .is_some_and(|f| f.as_os_str() == "-")
            && file.as_os_str() == "-"
        {
            return Err(Error::input(
                "the client assertion and the subject token cannot both come from stdin",
                Some("give one of them as a file".into()),
            ));
        }
        if jwt_bearer || a.pop.dpop || a.pop.mtls || a.pop.dpop_kid.is_some() {
            return Err(Error::input(
                "--client-assertion-file sends an assertion made elsewhere, without a keystore: the jwt-bearer grant, --dpop and --mtls need the keystore's key",
                Some("drop --client-assertion-file to sign with the keystore".into()),
            ));
        }
        // Nothing of pkjwt's signs: no cache key, no keystore.
        let (body, url) = super::assertion_given::fetch(ui, a, file, profile.as_ref(), &form)?;
        return Ok((body, Some(url), None));
    }
    let key = super::token_out::cache_key(ui, a, profile.as_ref(), &grant_type, scope, &form)?;
    let (body, outcome) = match key {
        None => (fetch(&mut url)?, None),
        Some((store, key)) => {
            let opts = super::token_out::cache_options(a)?;
            let (body, o) = crate::token_cache::get_or_fetch(
                &store,
                &key,
                &opts,
                crate::oauth::assertion::now,
                || fetch(&mut url),
            )?;
            match o {
                crate::token_cache::Outcome::Hit => {
                    ui.detail(format!("the token comes from the cache ({})", store.describe()))
                }
                crate::token_cache::Outcome::NotStored => ui.note(
                    "not cached: the token response has no expires_in, so pkjwt cannot tell when it expires",
                ),
                crate::token_cache::Outcome::StoreFailed => ui.warn(format!(
                    "not cached: storing the token in {} failed (run `pkjwt cache list`); the next --cache asks the server again",
                    store.describe()
                )),
                _ => ui.detail(format!("the token is cached in {}", store.describe())),
            }
            (body, Some(o))
        }
    };
    Ok((body, url, outcome))
}

/// Send the token to `key`'s endpoint; the answer, the token and the client_id.
fn token_op(
    ui: &Ui,
    g: &GlobalArgs,
    a: &TokenOpArgs,
    key: &str,
    given: Option<&str>,
) -> Result<(Response, String, String), Error> {
    let token = read_secret_arg(&a.token, "the token")?;
    let mut r = a.client.resolve(ui, super::config_dir(g))?;
    let http = r.http(ui, &a.http, &a.pop)?;
    // RFC 9449 puts proofs at the token endpoint, PAR and resource servers:
    // introspection and revocation take none.
    r.client.dpop = None;
    // An endpoint given (flag or environment) wins over the profile's, the
    // metadata's and any mTLS alias of it.
    if let Some(u) = given {
        r.client.endpoints.insert(key.to_string(), u.to_string());
        r.client
            .endpoints
            .remove(&format!("{}{key}", crate::oauth::discovery::MTLS_PREFIX));
    }
    let url = r.endpoint(&http, key)?;
    if matches!(r.client.aud, crate::oauth::client::Aud::TokenEndpoint) {
        r.endpoint(&http, "token_endpoint")?;
    }
    let mut form = vec![("token".to_string(), token.clone())];
    if let Some(h) = &a.token_type_hint {
        form.push(("token_type_hint".into(), h.clone()));
    }
    let resp = send(ui, g, &http, &mut r, &url, &form, None, 0)?;
    Ok((resp, token, r.client.client_id.clone()))
}

pub fn introspect(ui: &Ui, g: &GlobalArgs, a: &IntrospectArgs) -> Result<(), Error> {
    let (resp, token, client_id) = token_op(
        ui,
        g,
        &a.op,
        "introspection_endpoint",
        a.introspection_endpoint.as_deref(),
    )?;
    let mut body = resp.body;
    let active = body.get("active").and_then(Value::as_bool).unwrap_or(false);
    // Not active: say why when pkjwt can tell (exit 0 still: the answer is
    // valid, and scripts read `active`).
    let hint = (!active).then(|| {
        crate::diagnose::refusal::inactive_hint(&token, &client_id, crate::oauth::assertion::now())
    });
    if ui.json {
        if let (Some(h), Some(m)) = (&hint, body.as_object_mut()) {
            m.entry("hint").or_insert_with(|| h.clone().into());
        }
        return ui.out_json(&body);
    }
    if let Some(h) = &hint {
        ui.warn(format!("the token is not active: {h}"));
    }
    let mut s = format!("active: {active}\n");
    if let Some(m) = body.as_object() {
        for (k, v) in m {
            if k == "active" {
                continue;
            }
            let shown = match (k.as_str(), v) {
                ("exp" | "iat" | "nbf", Value::Number(n)) => {
                    format!(
                        "{n} ({})",
                        crate::keystore::cert::rfc3339_unix(n.as_i64().unwrap_or(0))
                    )
                }
                (_, Value::String(x)) => x.clone(),
                (_, other) => other.to_string(),
            };
            s.push_str(&format!("{k}: {shown}\n"));
        }
    }
    ui.out(s)
}

pub fn revoke(ui: &Ui, g: &GlobalArgs, a: &RevokeArgs) -> Result<(), Error> {
    let (resp, _, _) = token_op(
        ui,
        g,
        &a.op,
        "revocation_endpoint",
        a.revocation_endpoint.as_deref(),
    )?;
    if ui.json {
        return ui.out_json(&json!({ "revoked": true, "status": resp.status }));
    }
    ui.out("Revoked\n")
}

/// The metadata key for a short endpoint name.
fn endpoint_key(name: &str) -> &str {
    match name {
        "par" => "pushed_authorization_request_endpoint",
        "ciba" | "backchannel" => "backchannel_authentication_endpoint",
        "device" => "device_authorization_endpoint",
        "token" => "token_endpoint",
        "introspection" | "introspect" => "introspection_endpoint",
        "revocation" | "revoke" => "revocation_endpoint",
        other => other,
    }
}

pub fn request(ui: &Ui, g: &GlobalArgs, a: &RequestArgs) -> Result<(), Error> {
    let mut r = a.client.resolve(ui, super::config_dir(g))?;
    let http = r.http(ui, &a.http, &a.pop)?;
    let url = if a.endpoint.contains("://") {
        a.endpoint.clone()
    } else {
        r.endpoint(&http, endpoint_key(&a.endpoint))?
    };
    // Proofs go to the token endpoint and PAR (RFC 9449 sections 5 and
    // 10.1), and wherever a URL was named on purpose; not to the others.
    if !a.endpoint.contains("://")
        && !matches!(
            endpoint_key(&a.endpoint),
            "token_endpoint" | "pushed_authorization_request_endpoint"
        )
    {
        r.client.dpop = None;
    }
    if matches!(r.client.aud, crate::oauth::client::Aud::TokenEndpoint) {
        r.endpoint(&http, "token_endpoint")?;
    }
    let form = kv_strings(&a.params)?;
    let resp = send(ui, g, &http, &mut r, &url, &form, None, 0)?;
    if ui.json || !resp.body.is_null() {
        return ui.out_json(&resp.body);
    }
    ui.out(format!("{} {}\n", resp.status, url))
}
