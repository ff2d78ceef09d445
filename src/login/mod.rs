//! `pkjwt login`'s engine: the authorization code flow of a confidential
//! client that authenticates with `private_key_jwt`, from a terminal.
//!
//! [`authorize`] builds the authorization request (PKCE S256, `state`,
//! `nonce`, `dpop_jkt`; a request object, RFC 9101; pushed with the client
//! assertion, RFC 9126); the caller opens [`Authorization::url`] in a
//! browser; [`listener::wait`] takes the response at a loopback redirect
//! URI (or a pasted URL); [`Authorization::check`] checks `iss` (RFC 9207)
//! and `state`; [`exchange`] swaps the code at the token endpoint with the
//! client's assertion and validates the ID token. [`run`] does all of it.
//! [`device`] is the device authorization grant (RFC 8628).
//!
//! Nothing here prints or opens a browser: the caller passes the opener.

#![warn(missing_docs)]

pub mod callback;
pub mod device;
pub mod id_token;
pub mod listener;
pub mod request;

use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::oauth::client::{check_token_response, TokenProblem, TokenResponseError};
use crate::oauth::discovery;
use crate::oauth::http::{Http, HttpError, Response};
use crate::progress::Progress;
use crate::session::Session;
use crate::Error;

pub use callback::Callback;
pub use id_token::IdTokenError;
pub use listener::Listener;

/// Why a login did not complete.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoginError {
    /// The redirect URI is not one pkjwt can listen on.
    #[error("{uri} is not a loopback redirect URI pkjwt can listen on: {why}")]
    NotLoopback {
        /// The URI.
        uri: String,
        /// Why not.
        why: String,
    },
    /// The port cannot be listened on.
    #[error("cannot listen on {uri}: {reason}")]
    PortTaken {
        /// The redirect URI.
        uri: String,
        /// The system's reason.
        reason: String,
    },
    /// No response before the deadline.
    #[error("no authorization response arrived before the deadline")]
    Timeout,
    /// A response that cannot be used.
    #[error("the authorization response is not usable: {0}")]
    BadCallback(String),
    /// The `state` is not the one sent: a response to another request, or forged.
    #[error("the authorization response's state is not the one sent (a response to another login, or a forged one); the code was not used")]
    StateMismatch,
    /// No `state` in the response.
    #[error("the authorization response has no state; the code was not used")]
    StateMissing,
    /// `iss` names another issuer (RFC 9207: a mix-up attack).
    #[error("the authorization response comes from issuer {got:?}, not {expected:?} (RFC 9207); the code was not used")]
    IssMismatch {
        /// The `iss` received.
        got: String,
        /// The issuer.
        expected: String,
    },
    /// The server says it sends `iss`, and the response has none.
    #[error("{0} says it sends iss with every authorization response (RFC 9207), and this one has none; the code was not used")]
    IssMissing(String),
    /// The server answered with an error (the user refused, ...).
    #[error("the authorization server answered {error}{}", .description.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    Refused {
        /// `error`.
        error: String,
        /// `error_description`.
        description: Option<String>,
        /// `error_uri`.
        uri: Option<String>,
    },
    /// The ID token failed a check.
    #[error(transparent)]
    IdToken(#[from] IdTokenError),
    /// `openid` was asked, and the token response has no ID token.
    #[error("the token response has no id_token, and the scope asked for openid")]
    NoIdToken,
    /// The profile names no issuer.
    #[error("the client's issuer is not known, and a login needs its metadata")]
    NoIssuer,
    /// The server requires PAR and it was turned off.
    #[error("{0} requires pushed authorization requests (require_pushed_authorization_requests)")]
    ParRequired(String),
    /// The server refused the redirect URI.
    #[error("the server refused the redirect URI {sent}: {error}{}", .description.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    RedirectRefused {
        /// The URI sent.
        sent: String,
        /// The profile's redirect URI.
        registered: Option<String>,
        /// The error.
        error: String,
        /// Its description.
        description: Option<String>,
    },
    /// The server offers no device authorization endpoint.
    #[error("{0} offers no device authorization grant (no device_authorization_endpoint)")]
    NoDevice(String),
}

/// How a login is made.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct LoginOptions {
    /// The scope asked for; with `openid`, an ID token is asked and validated.
    pub scope: Option<String>,
    /// Do not push the request (PAR) even where the server offers it;
    /// refused where the server requires it.
    pub no_par: bool,
    /// Send the request as a signed request object (RFC 9101).
    pub request_object: bool,
    /// How long to wait for the browser.
    pub timeout: Duration,
}

impl LoginOptions {
    /// PAR where offered, no request object, five minutes.
    pub fn new(scope: Option<String>) -> LoginOptions {
        LoginOptions {
            scope,
            no_par: false,
            request_object: false,
            timeout: Duration::from_secs(300),
        }
    }
}

/// A prepared authorization request.
#[derive(Debug)]
pub struct Authorization {
    /// The URL to open in the browser.
    pub url: String,
    /// The redirect URI sent.
    pub redirect_uri: String,
    /// Whether the request was pushed (PAR).
    pub pushed: bool,
    /// Whether it was a request object.
    pub request_object: bool,
    attempt: request::Attempt,
    issuer: String,
    iss_required: bool,
}

impl Authorization {
    /// Check a response; its code.
    pub fn check(&self, cb: &Callback) -> Result<String, LoginError> {
        callback::check(
            cb,
            &callback::Expect {
                state: &self.attempt.state,
                issuer: &self.issuer,
                iss_required: self.iss_required,
            },
        )
    }
}

/// The tokens of a completed login.
#[derive(Debug)]
#[non_exhaustive]
pub struct Tokens {
    /// The token response.
    pub response: Value,
    /// The ID token's claims, validated, when there is one.
    pub id_token_claims: Option<Value>,
    /// The token endpoint.
    pub token_endpoint: String,
}

/// The issuer of `session`'s client.
pub(crate) fn issuer(session: &Session) -> Result<String, LoginError> {
    session.client.issuer.clone().ok_or(LoginError::NoIssuer)
}

/// Read the issuer's metadata when not read yet.
pub(crate) fn ensure_metadata(http: &Http, session: &mut Session) -> Result<(), Error> {
    if session.metadata.is_none() {
        let issuer = issuer(session)?;
        let md = discovery::discover(http, &issuer)?;
        session.use_metadata(md);
    }
    Ok(())
}

fn md_bool(session: &Session, key: &str) -> bool {
    session
        .metadata
        .as_ref()
        .and_then(|m| m.doc.get(key))
        .and_then(Value::as_bool)
        == Some(true)
}

fn profile_redirect(session: &Session) -> Option<String> {
    session
        .profile
        .as_ref()
        .and_then(|p| p.redirect_uri.clone())
}

/// A refusal that names the redirect URI, as such.
fn redirect_refused(e: HttpError, sent: &str, registered: Option<String>) -> Error {
    if let HttpError::OAuth {
        error, description, ..
    } = &e
    {
        let said = format!("{error} {}", description.as_deref().unwrap_or("")).to_ascii_lowercase();
        if said.contains("redirect_uri") {
            return LoginError::RedirectRefused {
                sent: sent.to_string(),
                registered,
                error: error.clone(),
                description: description.clone(),
            }
            .into();
        }
    }
    e.into()
}

/// Build (and push) the authorization request for `redirect_uri`.
pub fn authorize(
    http: &Http,
    session: &mut Session,
    redirect_uri: &str,
    opts: &LoginOptions,
    progress: &dyn Progress,
) -> Result<Authorization, Error> {
    let issuer = issuer(session)?;
    ensure_metadata(http, session)?;
    let auth_endpoint = session.endpoint(http, "authorization_endpoint")?;
    let required = md_bool(session, "require_pushed_authorization_requests");
    if required && opts.no_par {
        return Err(LoginError::ParRequired(issuer).into());
    }
    let par_endpoint = if opts.no_par {
        None
    } else {
        session
            .endpoint(http, "pushed_authorization_request_endpoint")
            .ok()
    };
    if required && par_endpoint.is_none() {
        return Err(LoginError::ParRequired(issuer).into());
    }
    let attempt = request::Attempt::new(opts.scope.as_deref());
    let registered = profile_redirect(session);
    let client = &session.client;
    let jkt = client.dpop.as_deref().map(crate::oauth::dpop::jkt);
    let params = request::params(
        &client.client_id,
        redirect_uri,
        opts.scope.as_deref(),
        &attempt,
        jkt.as_deref(),
    );
    let sent = if opts.request_object {
        let now = crate::oauth::assertion::now().saturating_add(client.clock_offset);
        let jwt = request::request_object(&client.signer, &params, &client.client_id, &issuer, now)
            .map_err(crate::oauth::client::ClientError::from)?;
        request::by_value(&params, jwt)
    } else {
        params
    };
    let url = match &par_endpoint {
        Some(par) => {
            progress.detail(&format!("pushing the authorization request to {par}"));
            let form: Vec<(String, String)> = if opts.request_object {
                sent.iter()
                    .filter(|(k, _)| k == "request")
                    .cloned()
                    .collect()
            } else {
                sent.clone()
            };
            let (res, _) = client.post(http, par, &form, 0)?;
            let resp = res.map_err(|e| redirect_refused(e, redirect_uri, registered.clone()))?;
            let request_uri = resp
                .body
                .get("request_uri")
                .and_then(Value::as_str)
                .filter(|u| !u.is_empty() && u.len() <= 2048)
                .ok_or_else(|| HttpError::BadResponse {
                    url: par.clone(),
                    status: resp.status,
                    what: "a pushed authorization response without a request_uri".into(),
                    snippet: String::new(),
                    info: Default::default(),
                })?;
            request::url_with(
                &auth_endpoint,
                &[
                    ("client_id".into(), client.client_id.clone()),
                    ("request_uri".into(), request_uri.to_string()),
                ],
            )
        }
        None => request::url_with(&auth_endpoint, &sent),
    };
    Ok(Authorization {
        url,
        redirect_uri: redirect_uri.to_string(),
        pushed: par_endpoint.is_some(),
        request_object: opts.request_object,
        attempt,
        iss_required: md_bool(session, "authorization_response_iss_parameter_supported"),
        issuer,
    })
}

/// Swap `code` for tokens at the token endpoint (with the client's
/// authentication and, when it has a DPoP key, a proof), and validate the
/// ID token.
pub fn exchange(
    http: &Http,
    session: &mut Session,
    auth: &Authorization,
    code: &str,
) -> Result<Tokens, Error> {
    let url = session.endpoint(http, "token_endpoint")?;
    let form = vec![
        ("grant_type".to_string(), "authorization_code".to_string()),
        ("code".to_string(), code.to_string()),
        ("redirect_uri".to_string(), auth.redirect_uri.clone()),
        ("code_verifier".to_string(), auth.attempt.verifier.clone()),
    ];
    let (res, _) = session.client.post(http, &url, &form, 0)?;
    let resp =
        res.map_err(|e| redirect_refused(e, &auth.redirect_uri, profile_redirect(session)))?;
    tokens(http, session, &url, resp, auth.attempt.nonce.as_deref())
}

/// Check a token response; validate its ID token (required when `nonce`
/// was sent).
pub(crate) fn tokens(
    http: &Http,
    session: &mut Session,
    url: &str,
    resp: Response,
    nonce: Option<&str>,
) -> Result<Tokens, Error> {
    check_token_response(url, &resp)?;
    let token_type = resp
        .body
        .get("token_type")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if session.client.dpop.is_some() && !token_type.eq_ignore_ascii_case("DPoP") {
        return Err(TokenResponseError {
            url: url.to_string(),
            status: resp.status,
            problem: TokenProblem::NotDpop(token_type),
        }
        .into());
    }
    let id_token = resp.body.get("id_token").and_then(Value::as_str);
    let claims = match id_token {
        Some(jwt) => Some(validate_id_token(http, session, jwt, nonce)?),
        None if nonce.is_some() => return Err(LoginError::NoIdToken.into()),
        None => None,
    };
    Ok(Tokens {
        response: resp.body,
        id_token_claims: claims,
        token_endpoint: url.to_string(),
    })
}

/// Validate `jwt` against the issuer's `jwks_uri` (fetched again once when
/// the token names a kid the first fetch lacks).
pub fn validate_id_token(
    http: &Http,
    session: &mut Session,
    jwt: &str,
    nonce: Option<&str>,
) -> Result<Value, Error> {
    ensure_metadata(http, session)?;
    let issuer = issuer(session)?;
    let u = id_token::decode(jwt).map_err(LoginError::from)?;
    let jwks_uri = session
        .metadata
        .as_ref()
        .and_then(|m| m.endpoint("jwks_uri"))
        .ok_or_else(|| HttpError::BadResponse {
            url: issuer.clone(),
            status: 200,
            what: "metadata without a jwks_uri, so the ID token cannot be verified".into(),
            snippet: String::new(),
            info: Default::default(),
        })?;
    let mut jwks = http.get_json(&jwks_uri, None)?.body;
    if !u.has_candidate(&jwks) && u.kid.is_some() {
        jwks = http.get_json(&jwks_uri, None)?.body;
    }
    let expect = id_token::Expect {
        issuer: &issuer,
        client_id: &session.client.client_id,
        nonce,
        now: crate::oauth::assertion::now().saturating_add(session.client.clock_offset),
    };
    Ok(u.validate(&jwks, &expect).map_err(LoginError::from)?)
}

/// Where the authorization response may come from.
pub struct Sources<'a> {
    /// The loopback listener (its redirect URI is the one sent).
    pub listener: Option<&'a Listener>,
    /// The redirect URI when there is no listener (a URL is pasted).
    pub redirect_uri: Option<String>,
    /// Pasted redirected URLs.
    pub pasted: Option<&'a Receiver<String>>,
}

/// A whole login: [`authorize`], `open` the URL, wait for the response at
/// the listener or from `pasted` until `opts.timeout`, check it, answer the
/// browser, [`exchange`] the code.
pub fn run(
    http: &Http,
    session: &mut Session,
    sources: Sources<'_>,
    opts: &LoginOptions,
    open: &mut dyn FnMut(&str),
    progress: &dyn Progress,
) -> Result<Tokens, Error> {
    let redirect_uri = match (sources.listener, &sources.redirect_uri) {
        (Some(l), _) => l.redirect_uri(),
        (None, Some(u)) => u.clone(),
        (None, None) => return Err(Error::Internal("login: no redirect URI".into())),
    };
    let auth = authorize(http, session, &redirect_uri, opts, progress)?;
    open(&auth.url);
    let deadline = Instant::now() + opts.timeout;
    progress.waiting("the browser", opts.timeout, opts.timeout);
    let arrival = listener::wait(sources.listener, sources.pasted, deadline);
    progress.waited(
        "the browser",
        opts.timeout
            .saturating_sub(deadline.saturating_duration_since(Instant::now())),
    );
    let arrival = arrival?;
    let (cb, stream) = match arrival {
        listener::Arrival::Loopback(q, s) => (callback::parse_query(&q), Some(s)),
        listener::Arrival::Pasted(u) => (callback::parse_pasted(&u, &redirect_uri), None),
    };
    let checked = cb.and_then(|cb| auth.check(&cb));
    let code = match checked {
        Ok(c) => c,
        Err(e) => {
            if let Some(s) = stream {
                listener::answer(s, false, &e.to_string());
            }
            return Err(e.into());
        }
    };
    progress.detail("the authorization response passed its checks; exchanging the code");
    let result = exchange(http, session, &auth, &code);
    if let Some(s) = stream {
        match &result {
            Ok(_) => listener::answer(s, true, ""),
            Err(e) => listener::answer(s, false, &e.to_string()),
        }
    }
    result
}
