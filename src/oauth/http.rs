//! HTTP for pkjwt: one blocking reqwest client with pkjwt's rules.
//!
//! - a `pkjwt/VERSION` User-Agent, one total deadline per request (connect,
//!   headers and the whole body: a server that trickles its body does not
//!   hold pkjwt past it), `--cacert` for private CAs, `--insecure` only when
//!   asked, proxies from the environment;
//! - no silent redirects: a GET follows at most five, a POST none;
//! - bodies are capped, and HTML, non-JSON, 5xx, truncated and oversized
//!   bodies each give their own error;
//! - OAuth error responses (`error`, `error_description`, `error_uri`) are a
//!   typed error;
//! - one redaction rule ([`redact_body`]) for every server body pkjwt shows
//!   (error hints, verbose traces): token-like members and parameters
//!   ([`is_secret_name`]) are redacted in JSON and form bodies, and by pattern
//!   in text that does not parse (a truncated body, a snippet).

use std::io::Read;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::Value;

pub use crate::oauth::caching::cache_lifetime;
pub use crate::oauth::identity::TlsIdentity;
pub use crate::oauth::origin::{display_url, is_loopback, keeps_tls};
use crate::oauth::redact::snippet;
pub use crate::oauth::redact::{
    is_secret_name, redact_body, redact_json, redact_jwt, redact_param, redact_text,
};

/// The most pkjwt reads of one response body.
pub(crate) const MAX_BODY: u64 = 4 * 1024 * 1024;

/// HTTP settings ([`Http::builder`] sets them one by one).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct HttpOptions {
    /// One deadline per request: connect, headers and body together.
    pub timeout: Duration,
    /// Trust the CA certificates of this PEM file as well as the system's.
    pub cacert: Option<PathBuf>,
    /// Do not verify the server's certificate (tests only).
    pub insecure: bool,
    /// A TLS client certificate and key (mutual TLS, RFC 8705).
    pub identity: Option<TlsIdentity>,
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            timeout: Duration::from_secs(30),
            cacert: None,
            insecure: false,
            identity: None,
        }
    }
}

/// Builds an [`Http`]: `Http::builder().timeout(d).cacert(pem).build()`.
#[derive(Clone, Default)]
#[must_use]
pub struct HttpBuilder {
    options: HttpOptions,
    trace: Option<TraceSink>,
    trace_secrets: bool,
}

impl HttpBuilder {
    /// One deadline per request (connect, headers, body) [default: 30 s].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = timeout;
        self
    }

    /// Trust the CA certificates of this PEM file as well as the system's.
    pub fn cacert(mut self, pem_file: impl Into<PathBuf>) -> Self {
        self.options.cacert = Some(pem_file.into());
        self
    }

    /// Do not verify the server's certificate: for tests only.
    pub fn danger_accept_invalid_certs(mut self, insecure: bool) -> Self {
        self.options.insecure = insecure;
        self
    }

    /// Present this certificate and key to servers that ask (mutual TLS).
    pub fn identity(mut self, identity: TlsIdentity) -> Self {
        self.options.identity = Some(identity);
        self
    }

    /// Send a trace of each exchange here, secrets redacted unless
    /// `with_secrets`.
    pub fn trace(mut self, sink: TraceSink, with_secrets: bool) -> Self {
        self.trace = Some(sink);
        self.trace_secrets = with_secrets;
        self
    }

    /// The client (it loads the system's root certificates).
    pub fn build(self) -> Result<Http, HttpError> {
        let mut http = Http::new(&self.options)?;
        http.trace = self.trace;
        http.trace_secrets = self.trace_secrets;
        Ok(http)
    }
}

/// Why an HTTP exchange failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HttpError {
    /// No answer: the connection, TLS or the deadline failed.
    #[error("cannot connect to {url}: {reason}")]
    Network {
        /// The URL asked for.
        url: String,
        /// What failed, for people.
        reason: String,
        /// What failed, for hints.
        kind: NetKind,
    },
    /// An OAuth error response (RFC 6749 section 5.2): a 4xx or 5xx with an `error` member.
    #[error("the server refused the request: {}", oauth_summary(.error, .description))]
    OAuth {
        /// The URL that answered.
        url: String,
        /// The HTTP status.
        status: u16,
        /// The `error` code (`invalid_client`, ...).
        error: String,
        /// The `error_description`, when sent.
        description: Option<String>,
        /// The `error_uri`, when sent.
        uri: Option<String>,
        /// The error response, redacted ([`redact_json`]).
        body: Value,
        /// The `Date` header, when the server sent one.
        date: Option<String>,
        /// The `Retry-After` header (RFC 9110 section 10.2.3), as sent.
        retry_after: Option<String>,
        /// The `DPoP-Nonce` header (RFC 9449 section 8), as sent.
        dpop_nonce: Option<String>,
    },
    /// An answer pkjwt cannot use: a failure status without an OAuth error, a body that is not JSON or too large, a 3xx it cannot follow.
    #[error("{url} answered {status} with {what}")]
    BadResponse {
        /// The URL that answered.
        url: String,
        /// The HTTP status.
        status: u16,
        /// What was wrong with the answer, for people.
        what: String,
        /// The start of the body, redacted ([`redact_body`]), for -v and error hints.
        snippet: String,
        /// Headers of the answer that diagnosis uses, and whether it is a
        /// bare refusal.
        info: Answer,
    },
    /// A redirect of a POST, which pkjwt does not follow (the request would be sent again elsewhere).
    #[error("{url} redirected to {location}; pkjwt does not follow redirects {why}")]
    Redirect {
        /// The URL that redirected.
        url: String,
        /// The `Location` it gave.
        location: String,
        /// Why it is not followed, completing the message.
        why: &'static str,
    },
    /// A plain-http URL after an https one (the issuer, the URL asked for,
    /// a redirect): refused before anything is sent to it
    /// ([`check_no_downgrade`]).
    #[error("refused to send to {url}: it is plain http, and {after} is https ({what}); the request, its client assertion and the tokens would cross the network unencrypted")]
    Downgrade {
        /// The http URL refused.
        url: String,
        /// The https URL it came after.
        after: String,
        /// Where the http URL came from (a redirect, the metadata's `token_endpoint`, ...).
        what: String,
    },
    /// The client could not be set up or the request built (an unreadable `cacert`, a bad method).
    #[error("{0}")]
    Setup(String),
}

/// Refuse `url` when it is plain http after the https `after`
/// ([`keeps_tls`]); `what` says where `url` came from.
pub fn check_no_downgrade(after: &str, url: &str, what: &str) -> Result<(), HttpError> {
    if keeps_tls(after, url) {
        return Ok(());
    }
    Err(HttpError::Downgrade {
        url: url.to_string(),
        after: after.to_string(),
        what: what.to_string(),
    })
}

/// What diagnosis reads from an answer that was not a success.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answer {
    /// The `Date` header.
    pub date: Option<String>,
    /// The `Retry-After` header, as sent.
    pub retry_after: Option<String>,
    /// A 401 or 403 whose body is not an OAuth error object (empty, HTML,
    /// text), or an empty 400: some servers refuse client authentication so.
    pub bare_refusal: bool,
}

/// A refusal of a request, as data: an OAuth error object, or a bare 401
/// or 403, or an empty 400 (then `error` is `None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal<'a> {
    /// The HTTP status.
    pub status: u16,
    /// The OAuth `error` code; `None` for a bare refusal.
    pub error: Option<&'a str>,
    /// The `error_description`, when sent.
    pub description: Option<&'a str>,
    /// The `error_uri`, when sent.
    pub uri: Option<&'a str>,
    /// The `Date` header, when sent.
    pub date: Option<&'a str>,
    /// The `Retry-After` header, as sent.
    pub retry_after: Option<&'a str>,
}

impl HttpError {
    /// The refusal this error is, if it is one: an OAuth error object, or a
    /// bare 401/403 (or empty 400). A 429 or 5xx is not a refusal of the
    /// request but a "not now", whatever its body says.
    pub fn refusal(&self) -> Option<Refusal<'_>> {
        if self.status().is_some_and(|s| s == 429 || s >= 500) {
            return None;
        }
        self.as_refusal(false)
    }

    /// The answer a failed request got, when it is one pkjwt explains: a
    /// [`refusal`](Self::refusal), or a 5xx (Ory Hydra answers an expired
    /// assertion with a 500). A 429 is not.
    pub fn answer(&self) -> Option<Refusal<'_>> {
        if self.status() == Some(429) {
            return None;
        }
        self.as_refusal(self.status().is_some_and(|s| s >= 500))
    }

    /// The error as a [`Refusal`]: an OAuth error object, or a bare
    /// refusal (or any answer, with `any_answer`) without one.
    fn as_refusal(&self, any_answer: bool) -> Option<Refusal<'_>> {
        match self {
            HttpError::OAuth {
                status,
                error,
                description,
                uri,
                date,
                retry_after,
                ..
            } => Some(Refusal {
                status: *status,
                error: Some(error),
                description: description.as_deref(),
                uri: uri.as_deref(),
                date: date.as_deref(),
                retry_after: retry_after.as_deref(),
            }),
            HttpError::BadResponse { status, info, .. } if info.bare_refusal || any_answer => {
                Some(Refusal {
                    status: *status,
                    error: None,
                    description: None,
                    uri: None,
                    date: info.date.as_deref(),
                    retry_after: info.retry_after.as_deref(),
                })
            }
            _ => None,
        }
    }

    /// The HTTP status of an answer (none for network and setup failures).
    pub fn status(&self) -> Option<u16> {
        match self {
            HttpError::OAuth { status, .. } | HttpError::BadResponse { status, .. } => {
                Some(*status)
            }
            _ => None,
        }
    }

    /// The `Retry-After` header of an answer.
    pub fn retry_after(&self) -> Option<&str> {
        match self {
            HttpError::OAuth { retry_after, .. } => retry_after.as_deref(),
            HttpError::BadResponse { info, .. } => info.retry_after.as_deref(),
            _ => None,
        }
    }
}

/// Seconds to wait from a `Retry-After` value (delay-seconds or an
/// HTTP-date, read at `now`), capped at `cap`.
pub fn retry_after_secs(value: &str, now: i64, cap: u64) -> Option<u64> {
    let v = value.trim();
    let secs = if let Ok(n) = v.parse::<u64>() {
        n
    } else {
        let t = httpdate::parse_http_date(v).ok()?;
        let at = t.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
        at.saturating_sub(u64::try_from(now).unwrap_or(0))
    };
    Some(secs.min(cap))
}

/// The kind of network failure, for hints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NetKind {
    /// The request's deadline passed.
    Timeout,
    /// The server refused the connection.
    Refused,
    /// The host name does not resolve.
    Dns,
    /// The TLS handshake failed (certificate, protocol).
    Tls,
    /// Any other failure.
    Other,
}

fn oauth_summary(error: &str, description: &Option<String>) -> String {
    match description {
        Some(d) if !d.is_empty() => format!("{error}: {d}"),
        _ => error.to_string(),
    }
}

/// A successful JSON (or empty) response.
#[derive(Debug)]
pub struct Response {
    /// The HTTP status (2xx).
    pub status: u16,
    /// The JSON body; `Value::Null` when it was empty.
    pub body: Value,
    /// The `Date` header, when sent.
    pub date: Option<String>,
    /// The `DPoP-Nonce` header (RFC 9449 section 8), as sent.
    pub dpop_nonce: Option<String>,
    /// How long a cache may keep the response, in seconds (RFC 9111):
    /// `Cache-Control` `s-maxage` or `max-age` (0 for `no-store` or
    /// `no-cache`), else `Expires` minus `Date`; `None` when neither says.
    pub cache_lifetime: Option<u64>,
}

/// A request body.
pub enum Body<'a> {
    /// No body.
    None,
    /// An `application/x-www-form-urlencoded` body of name and value pairs.
    Form(&'a [(String, String)]),
    /// An `application/json` body.
    Json(&'a Value),
}

pub use crate::oauth::redirects::MAX_REDIRECTS;
use crate::oauth::redirects::{redirect_policy, DowngradeRedirect, Hops, TooManyRedirects};

pub use crate::oauth::redirects::TraceSink;

/// The blocking HTTP client, with pkjwt's rules: one total deadline per
/// request, no redirect for a POST, https kept https, bodies bounded.
///
/// It is built on reqwest's blocking client, which runs its own runtime: an
/// async service calls it through `tokio::task::spawn_blocking` (creating,
/// using or dropping it on an async worker thread panics). `examples/` and
/// `tests/it/examples.rs` show the pattern.
pub struct Http {
    pub(crate) client: reqwest::blocking::Client,
    /// The total deadline of one request: connect, headers and body.
    pub(crate) timeout: Duration,
    /// What the redirect policy does for the request in flight.
    hops: Arc<Hops>,
    /// One request at a time, so that `hops` belongs to the request in flight.
    in_flight: std::sync::Mutex<()>,
    /// Trace each exchange (redacted) to this sink; none by default.
    pub trace: Option<TraceSink>,
    /// Show secrets in the trace (`-vvv`, explicitly).
    pub trace_secrets: bool,
}

impl Http {
    /// A builder, with the defaults of [`HttpOptions`].
    pub fn builder() -> HttpBuilder {
        HttpBuilder::default()
    }

    /// The client for `opts` (it loads the system's root certificates).
    pub fn new(opts: &HttpOptions) -> Result<Http, HttpError> {
        // One process-wide TLS provider; a second install is a harmless no-op.
        let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
        let certs = match &opts.cacert {
            Some(path) => {
                let pem = std::fs::read(path).map_err(|e| {
                    HttpError::Setup(format!("cannot read --cacert {}: {e}", path.display()))
                })?;
                let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
                    HttpError::Setup(format!(
                        "--cacert {} is not a PEM bundle: {e}",
                        path.display()
                    ))
                })?;
                if certs.is_empty() {
                    return Err(HttpError::Setup(format!(
                        "--cacert {} holds no certificate",
                        path.display()
                    )));
                }
                certs
            }
            None => Vec::new(),
        };
        let hops = Arc::new(Hops::default());
        let client = build_client(opts, &certs, redirect_policy(hops.clone()))?;
        Ok(Http {
            client,
            timeout: opts.timeout,
            hops,
            in_flight: std::sync::Mutex::new(()),
            trace: None,
            trace_secrets: false,
        })
    }

    /// GET a JSON document, following up to five redirects.
    pub fn get_json(&self, url: &str, bearer: Option<&str>) -> Result<Response, HttpError> {
        let mut req = self.client.get(url).header("Accept", "application/json");
        if let Some(t) = bearer {
            req = req.bearer_auth(t);
        }
        let shown = display_url(url);
        self.trace_request("GET", &shown, bearer.is_some(), &Body::None);
        let (resp, deadline) = self
            .exchange(req, true)
            .map_err(|e| network_error(&shown, e, self.timeout))?;
        // After redirects, errors name the URL that answered.
        let last = display_url(resp.url().as_str()).into_owned();
        if resp.status().is_redirection() {
            // A 3xx the policy did not follow: a 300 or 304, or a Location
            // that is missing or does not parse.
            return Err(HttpError::BadResponse {
                url: last.clone(),
                status: resp.status().as_u16(),
                what: format!(
                    "a redirect pkjwt cannot follow (Location {:?})",
                    resp.headers()
                        .get("location")
                        .map(|l| String::from_utf8_lossy(l.as_bytes()).into_owned())
                        .unwrap_or_default()
                ),
                snippet: String::new(),
                info: Answer::default(),
            });
        }
        self.finish(&last, resp, deadline)
    }

    /// Send a request (POST, PUT, DELETE, ...) and read a JSON (or empty) answer. Never follows redirects.
    pub fn send(
        &self,
        method: &str,
        url: &str,
        bearer: Option<&str>,
        body: Body<'_>,
    ) -> Result<Response, HttpError> {
        self.send_with(method, url, bearer, &[], body)
    }

    /// [`Http::send`] with more request headers (a `DPoP` proof, say).
    pub fn send_with(
        &self,
        method: &str,
        url: &str,
        bearer: Option<&str>,
        headers: &[(&str, &str)],
        body: Body<'_>,
    ) -> Result<Response, HttpError> {
        let m = reqwest::Method::from_bytes(method.as_bytes())
            .map_err(|_| HttpError::Setup(format!("bad HTTP method {method}")))?;
        let mut req = self
            .client
            .request(m, url)
            .header("Accept", "application/json");
        if let Some(t) = bearer {
            req = req.bearer_auth(t);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let shown = display_url(url);
        self.trace_request(method, &shown, bearer.is_some(), &body);
        for (k, v) in headers {
            self.trace_line(&format!("> {k}: {}", self.redact_value(k, v)));
        }
        req = match &body {
            Body::None => req,
            Body::Form(f) => req
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(form_encode(f)),
            Body::Json(v) => req
                .header("Content-Type", "application/json")
                .body(serde_json::to_vec(v).unwrap_or_default()),
        };
        let (resp, deadline) = self
            .exchange(req, false)
            .map_err(|e| network_error(&shown, e, self.timeout))?;
        if resp.status().is_redirection() {
            let location = location(&resp, url)?;
            check_no_downgrade(
                &shown,
                &location,
                &format!("a {} redirect, not followed", resp.status().as_u16()),
            )?;
            return Err(HttpError::Redirect {
                url: shown.into_owned(),
                location,
                why: "on POST (the request would be sent again elsewhere); use the final URL",
            });
        }
        self.finish(&shown, resp, deadline)
    }

    /// Send `req`, following redirects (up to [`MAX_REDIRECTS`]) or not;
    /// the response and the deadline its body must arrive by.
    ///
    /// The deadline is total. reqwest's blocking client applies its own
    /// `timeout` to each wait (the headers, then every single read of the
    /// body), so a body sent a byte at a time would never time out; a
    /// request's `timeout` (reqwest 0.13: the async layer's total timeout)
    /// covers connect, redirects, headers and body. [`Http::finish`] checks
    /// the same deadline between reads as well.
    pub(crate) fn exchange(
        &self,
        req: reqwest::blocking::RequestBuilder,
        follow: bool,
    ) -> Result<(reqwest::blocking::Response, Option<Instant>), reqwest::Error> {
        let _one = self
            .in_flight
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        self.hops.follow.store(follow, Ordering::SeqCst);
        if let Ok(mut t) = self.hops.trace.lock() {
            t.clone_from(&self.trace);
        }
        let deadline = Instant::now().checked_add(self.timeout);
        let resp = req.timeout(self.timeout).send()?;
        Ok((resp, deadline))
    }

    /// The error for a request that ran past its deadline.
    fn timed_out(&self, url: &str) -> HttpError {
        HttpError::Network {
            url: url.into(),
            reason: timeout_reason(self.timeout),
            kind: NetKind::Timeout,
        }
    }

    /// Read the body, at most [`MAX_BODY`] bytes (one more to tell an
    /// oversized body), by `deadline`.
    fn read_body(
        &self,
        url: &str,
        status: u16,
        mut resp: reqwest::blocking::Response,
        deadline: Option<Instant>,
    ) -> Result<Vec<u8>, HttpError> {
        let past = |d: Option<Instant>| d.is_some_and(|d| Instant::now() >= d);
        let mut bytes = Vec::new();
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            if past(deadline) {
                return Err(self.timed_out(url));
            }
            let room = (MAX_BODY + 1 - bytes.len() as u64).min(buf.len() as u64) as usize;
            match resp.read(&mut buf[..room]) {
                Ok(0) => return Ok(bytes),
                Ok(n) => {
                    bytes.extend_from_slice(&buf[..n]);
                    if bytes.len() as u64 > MAX_BODY {
                        return Ok(bytes);
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) if past(deadline) || io_is_timeout(&e) => {
                    return Err(self.timed_out(url));
                }
                Err(e) => {
                    return Err(HttpError::BadResponse {
                        url: url.into(),
                        status,
                        what: format!("a body that broke off ({e}): the response is truncated"),
                        snippet: snippet(&bytes),
                        info: Answer::default(),
                    })
                }
            }
        }
    }

    fn finish(
        &self,
        url: &str,
        resp: reqwest::blocking::Response,
        deadline: Option<Instant>,
    ) -> Result<Response, HttpError> {
        let status = resp.status().as_u16();
        let date = resp
            .headers()
            .get("date")
            .and_then(|d| d.to_str().ok())
            .map(String::from);
        let retry_after = resp
            .headers()
            .get("retry-after")
            .and_then(|d| d.to_str().ok())
            .map(String::from);
        // A nonce is printable ASCII (RFC 9449 section 8.1: NQCHAR); bound it.
        let dpop_nonce = resp
            .headers()
            .get("dpop-nonce")
            .and_then(|d| d.to_str().ok())
            .filter(|n| !n.is_empty() && n.len() <= 1024)
            .map(String::from);
        let header = |name: &str| resp.headers().get(name).and_then(|v| v.to_str().ok());
        let cache_lifetime =
            cache_lifetime(header("cache-control"), header("expires"), date.as_deref());
        let ctype = resp
            .headers()
            .get("content-type")
            .and_then(|c| c.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        let declared = resp.content_length();
        if declared.is_some_and(|n| n > MAX_BODY) {
            return Err(HttpError::BadResponse {
                url: url.into(),
                status,
                what: format!(
                    "a body of {} bytes, more than pkjwt reads ({MAX_BODY})",
                    declared.unwrap_or(0)
                ),
                snippet: String::new(),
                info: Answer::default(),
            });
        }
        if self.trace.is_some() {
            let mut s = format!("< {status}");
            for (k, v) in resp.headers() {
                let shown = if self.trace_secrets || !is_secret_header(k.as_str()) {
                    v.to_str().unwrap_or("(binary)")
                } else {
                    "(redacted)"
                };
                s.push_str(&format!("\n< {k}: {shown}"));
            }
            self.trace_line(&s);
        }
        let bytes = self.read_body(url, status, resp, deadline)?;
        if bytes.len() as u64 > MAX_BODY {
            return Err(HttpError::BadResponse {
                url: url.into(),
                status,
                what: format!("a body larger than pkjwt reads ({MAX_BODY} bytes)"),
                snippet: String::new(),
                info: Answer::default(),
            });
        }
        if let Some(n) = declared {
            if (bytes.len() as u64) < n {
                return Err(HttpError::BadResponse {
                    url: url.into(),
                    status,
                    what: format!(
                        "{} of the {n} bytes it announced: the response is truncated",
                        bytes.len()
                    ),
                    snippet: snippet(&bytes),
                    info: Answer::default(),
                });
            }
        }
        if self.trace.is_some() {
            self.trace_line(&format!("< {}", self.redact_json_text(&bytes)));
        }
        let text = String::from_utf8_lossy(&bytes);
        let trimmed = text.trim_start();
        let json: Option<Value> = if bytes.is_empty() {
            Some(Value::Null)
        } else {
            serde_json::from_slice(&bytes).ok()
        };
        let is_success = (200..300).contains(&status);
        if let Some(v) = &json {
            if let Some(err) = v
                .get("error")
                .and_then(Value::as_str)
                .filter(|_| !is_success)
            {
                return Err(HttpError::OAuth {
                    url: url.into(),
                    status,
                    error: err.to_string(),
                    description: v
                        .get("error_description")
                        .and_then(Value::as_str)
                        .map(String::from),
                    uri: v.get("error_uri").and_then(Value::as_str).map(String::from),
                    body: {
                        let mut b = v.clone();
                        redact_json(&mut b);
                        b
                    },
                    date,
                    retry_after,
                    dpop_nonce,
                });
            }
            if is_success {
                return Ok(Response {
                    status,
                    body: v.clone(),
                    date,
                    dpop_nonce,
                    cache_lifetime,
                });
            }
        }
        let what = if status >= 500 {
            format!(
                "a server error ({})",
                describe_body(&ctype, trimmed, json.is_some())
            )
        } else if !is_success {
            format!(
                "an error without an OAuth error object ({})",
                describe_body(&ctype, trimmed, json.is_some())
            )
        } else if looks_html(&ctype, trimmed) {
            "an HTML page instead of JSON (a login page, a proxy or a wrong URL?)".to_string()
        } else if trimmed.starts_with('{') || trimmed.starts_with('[') {
            "JSON that does not parse: the response is truncated or malformed".to_string()
        } else {
            format!("a body that is not JSON (content-type {:?})", ctype)
        };
        Err(HttpError::BadResponse {
            url: url.into(),
            status,
            what,
            snippet: snippet(&bytes),
            info: Answer {
                date,
                retry_after,
                // 401 and 403 refuse the client; a 400 only when it says
                // nothing at all (a proxy's HTML 400 is not a refusal).
                bare_refusal: matches!(status, 401 | 403) || (status == 400 && bytes.is_empty()),
            },
        })
    }

    pub(crate) fn trace_line(&self, s: &str) {
        if let Some(sink) = &self.trace {
            // Server bodies and headers: control characters shown, not obeyed.
            sink(&crate::text::printable(s));
        }
    }

    fn trace_request(&self, method: &str, url: &str, bearer: bool, body: &Body<'_>) {
        if self.trace.is_none() {
            return;
        }
        let mut s = format!(
            "> {method} {url}\n> user-agent: pkjwt/{}",
            env!("CARGO_PKG_VERSION")
        );
        if bearer {
            s.push_str("\n> authorization: Bearer (redacted)");
        }
        match body {
            Body::None => {}
            Body::Form(f) => {
                s.push_str("\n> content-type: application/x-www-form-urlencoded\n>");
                for (k, v) in f.iter() {
                    s.push_str(&format!("\n>   {k}={}", self.redact_value(k, v)));
                }
            }
            Body::Json(v) => {
                let text = serde_json::to_vec(v).unwrap_or_default();
                s.push_str(&format!(
                    "\n> content-type: application/json\n> {}",
                    self.redact_json_text(&text)
                ));
            }
        }
        self.trace_line(&s);
    }

    fn redact_value(&self, key: &str, value: &str) -> String {
        if self.trace_secrets {
            return value.to_string();
        }
        redact_param(key, value)
    }

    fn redact_json_text(&self, bytes: &[u8]) -> String {
        if self.trace_secrets {
            return String::from_utf8_lossy(bytes).into_owned();
        }
        match serde_json::from_slice::<Value>(bytes) {
            Ok(_) => redact_body(bytes),
            Err(_) => snippet(bytes),
        }
    }
}

/// Response headers that can carry credentials (session cookies, tokens).
fn is_secret_header(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "set-cookie" | "authorization" | "proxy-authorization"
    ) || is_secret_name(name)
}

fn looks_html(ctype: &str, body: &str) -> bool {
    ctype.contains("html")
        || body
            .get(..15)
            .is_some_and(|s| s.to_ascii_lowercase().starts_with("<!doctype html"))
        || body.starts_with("<html")
}

fn describe_body(ctype: &str, body: &str, json: bool) -> String {
    if body.is_empty() {
        "empty body".into()
    } else if looks_html(ctype, body) {
        "an HTML page".into()
    } else if json {
        "JSON".into()
    } else {
        format!("content-type {ctype:?}")
    }
}

fn location(resp: &reqwest::blocking::Response, url: &str) -> Result<String, HttpError> {
    let loc = resp
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or("");
    let base = reqwest::Url::parse(url).map_err(|e| HttpError::Setup(e.to_string()))?;
    base.join(loc)
        .map(|u| u.to_string())
        .map_err(|_| HttpError::BadResponse {
            url: url.into(),
            status: resp.status().as_u16(),
            what: format!("a redirect to an invalid location {loc:?}"),
            snippet: String::new(),
            info: Answer::default(),
        })
}

/// One client with pkjwt's settings and the given redirect policy.
fn build_client(
    opts: &HttpOptions,
    certs: &[reqwest::Certificate],
    redirect: reqwest::redirect::Policy,
) -> Result<reqwest::blocking::Client, HttpError> {
    let mut b = reqwest::blocking::Client::builder()
        .user_agent(concat!("pkjwt/", env!("CARGO_PKG_VERSION")))
        .timeout(opts.timeout)
        .connect_timeout(opts.timeout.min(Duration::from_secs(10)))
        .redirect(redirect);
    if !certs.is_empty() {
        b = b.tls_certs_merge(certs.to_vec());
    }
    if opts.insecure {
        b = b.tls_danger_accept_invalid_certs(true);
    }
    if let Some(id) = &opts.identity {
        let identity = reqwest::Identity::from_pem(&id.pem)
            .map_err(|e| HttpError::Setup(format!("TLS client certificate: {e}")))?;
        b = b.identity(identity);
    }
    b.build().map_err(|e| {
        let mut msg = format!("HTTP client: {e}");
        let mut src = std::error::Error::source(&e);
        while let Some(s) = src {
            msg.push_str(&format!(": {s}"));
            src = s.source();
        }
        HttpError::Setup(msg)
    })
}

/// `application/x-www-form-urlencoded`, as RFC 6749 appendix B says: the
/// WHATWG serializer (space as `+`; `*-._` and alphanumerics kept; every
/// other byte of the UTF-8 as `%XX`).
pub fn form_encode(pairs: &[(String, String)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

#[path = "http_network.rs"]
mod network;
pub(crate) use network::network_error;
use network::{io_is_timeout, timeout_reason};

#[cfg(test)]
#[path = "http_tests.rs"]
mod tests;
