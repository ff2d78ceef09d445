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
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::Value;

/// The most pkjwt reads of one response body.
pub const MAX_BODY: u64 = 4 * 1024 * 1024;

/// HTTP settings, from the command line.
#[derive(Clone, Debug)]
pub struct HttpOptions {
    pub timeout: Duration,
    pub cacert: Option<PathBuf>,
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

/// A client certificate and its private key for mutual TLS, as one PEM
/// document (the certificate, then the PKCS#8 key); zeroized when dropped
/// and never printed.
#[derive(Clone)]
pub struct TlsIdentity {
    pem: zeroize::Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for TlsIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TlsIdentity(redacted)")
    }
}

impl TlsIdentity {
    /// From a DER certificate and a PKCS#8 DER private key.
    pub fn from_der(cert: &[u8], pkcs8_key: &[u8]) -> TlsIdentity {
        // Room for both blocks up front: a reallocation would leave an
        // unzeroized copy of the key behind.
        let mut pem =
            zeroize::Zeroizing::new(Vec::with_capacity((cert.len() + pkcs8_key.len()) * 2 + 256));
        pem_block(&mut pem, "CERTIFICATE", cert);
        pem_block(&mut pem, "PRIVATE KEY", pkcs8_key);
        TlsIdentity { pem }
    }
}

/// Append one PEM block to `out`, with no copy of `der` left behind.
fn pem_block(out: &mut Vec<u8>, label: &str, der: &[u8]) {
    use base64ct::{Base64, Encoding};
    let b64 = zeroize::Zeroizing::new(Base64::encode_string(der));
    out.extend_from_slice(format!("-----BEGIN {label}-----\n").as_bytes());
    for line in b64.as_bytes().chunks(64) {
        out.extend_from_slice(line);
        out.push(b'\n');
    }
    out.extend_from_slice(format!("-----END {label}-----\n").as_bytes());
}

/// Why an HTTP exchange failed.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    #[error("cannot connect to {url}: {reason}")]
    Network {
        url: String,
        reason: String,
        kind: NetKind,
    },
    #[error("the server refused the request: {}", oauth_summary(.error, .description))]
    OAuth {
        url: String,
        status: u16,
        error: String,
        description: Option<String>,
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
    #[error("{url} answered {status} with {what}")]
    BadResponse {
        url: String,
        status: u16,
        what: String,
        /// The start of the body, redacted ([`redact_body`]), for -v and error hints.
        snippet: String,
        /// Headers of the answer that diagnosis uses, and whether it is a
        /// bare refusal.
        info: Answer,
    },
    #[error("{url} redirected to {location}; pkjwt does not follow redirects {why}")]
    Redirect {
        url: String,
        location: String,
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
    #[error("{0}")]
    Setup(String),
}

/// `url` as pkjwt shows it: without a `user:password@` part (reqwest sends
/// it as HTTP Basic authentication; it is a credential, never printed).
pub fn display_url(url: &str) -> std::borrow::Cow<'_, str> {
    match reqwest::Url::parse(url) {
        Ok(mut u) if !u.username().is_empty() || u.password().is_some() => {
            let _ = u.set_username("");
            let _ = u.set_password(None);
            std::borrow::Cow::Owned(u.to_string())
        }
        _ => std::borrow::Cow::Borrowed(url),
    }
}

/// Whether `url` names a loopback host: `localhost`, 127.0.0.0/8 or `::1`.
/// The one rule for where plain http is allowed (issuers, endpoints,
/// redirects).
pub fn is_loopback(url: &reqwest::Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => host.eq_ignore_ascii_case("localhost"),
    }
}

/// Whether sending to `url` after `after` keeps TLS: true unless `after` is
/// https and `url` is plain http to a host that is not loopback
/// ([`is_loopback`]). A URL that does not parse is no downgrade (it fails
/// where it is used).
pub fn keeps_tls(after: &str, url: &str) -> bool {
    let (Ok(a), Ok(u)) = (reqwest::Url::parse(after), reqwest::Url::parse(url)) else {
        return true;
    };
    !(a.scheme() == "https" && u.scheme() == "http" && !is_loopback(&u))
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
    pub status: u16,
    pub error: Option<&'a str>,
    pub description: Option<&'a str>,
    pub uri: Option<&'a str>,
    pub date: Option<&'a str>,
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
            HttpError::BadResponse { status, info, .. } if info.bare_refusal => Some(Refusal {
                status: *status,
                error: None,
                description: None,
                uri: None,
                date: info.date.as_deref(),
                retry_after: info.retry_after.as_deref(),
            }),
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
pub enum NetKind {
    Timeout,
    Refused,
    Dns,
    Tls,
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
    pub status: u16,
    pub body: Value,
    pub date: Option<String>,
    /// The `DPoP-Nonce` header (RFC 9449 section 8), as sent.
    pub dpop_nonce: Option<String>,
}

/// A request body.
pub enum Body<'a> {
    None,
    Form(&'a [(String, String)]),
    Json(&'a Value),
}

/// The most redirects a GET follows.
pub const MAX_REDIRECTS: usize = 5;

/// The blocking client and the trace settings.
pub struct Http {
    client: reqwest::blocking::Client,
    /// The total deadline of one request: connect, headers and body.
    timeout: Duration,
    /// What the redirect policy does for the request in flight.
    hops: Arc<Hops>,
    /// One request at a time, so that `hops` belongs to the request in flight.
    in_flight: std::sync::Mutex<()>,
    /// Print each exchange on stderr (redacted).
    pub trace: bool,
    /// Show secrets in the trace (`-vvv`, explicitly).
    pub trace_secrets: bool,
}

impl Http {
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
            trace: false,
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
    fn exchange(
        &self,
        req: reqwest::blocking::RequestBuilder,
        follow: bool,
    ) -> Result<(reqwest::blocking::Response, Option<Instant>), reqwest::Error> {
        let _one = self
            .in_flight
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        self.hops.follow.store(follow, Ordering::SeqCst);
        self.hops.trace.store(self.trace, Ordering::SeqCst);
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
        if self.trace {
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
        if self.trace {
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

    fn trace_line(&self, s: &str) {
        if self.trace {
            // Server bodies and headers: control characters shown, not obeyed.
            eprintln!("{}", crate::text::printable(s));
        }
    }

    fn trace_request(&self, method: &str, url: &str, bearer: bool, body: &Body<'_>) {
        if !self.trace {
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

/// Names whose values are secrets: token-like members of a JSON body and
/// parameters of a form body. The one list behind every redaction.
/// Response headers that can carry credentials (session cookies, tokens).
fn is_secret_header(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "set-cookie" | "authorization" | "proxy-authorization"
    ) || is_secret_name(name)
}

pub fn is_secret_name(key: &str) -> bool {
    matches!(
        key,
        "access_token"
            | "refresh_token"
            | "id_token"
            | "registration_access_token"
            | "initial_access_token"
            | "client_secret"
            | "password"
            | "code"
            | "code_verifier"
            | "token"
            | "subject_token"
            | "actor_token"
            | "issued_token"
            | "device_code"
            | "auth_req_id"
            | "assertion"
            | "client_assertion"
            | "software_statement"
    )
}

/// The redacted form of the value of `key`, or `None` when it is not a
/// secret. A `client_assertion` keeps its header and claims (useful when
/// debugging) and loses its signature; every other secret is `(redacted)`.
fn redacted(key: &str, value: &str) -> Option<String> {
    if matches!(key, "client_assertion" | "assertion" | "DPoP" | "dpop") {
        return Some(redact_jwt(value));
    }
    is_secret_name(key).then(|| "(redacted)".to_string())
}

/// Redact one form parameter ([`is_secret_name`]).
pub fn redact_param(key: &str, value: &str) -> String {
    redacted(key, value).unwrap_or_else(|| value.to_string())
}

/// Keep a JWT's header and payload, drop its signature.
pub fn redact_jwt(jwt: &str) -> String {
    let mut parts = jwt.splitn(3, '.');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(h), Some(p), Some(_)) => format!("{h}.{p}.(signature redacted)"),
        _ => "(redacted)".into(),
    }
}

/// Redact secret members of a JSON document ([`is_secret_name`]), in place.
pub fn redact_json(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, val) in m.iter_mut() {
                match val.as_str().and_then(|s| redacted(k, s)) {
                    Some(r) => *val = Value::String(r),
                    None => redact_json(val),
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(redact_json),
        _ => {}
    }
}

/// A server body as pkjwt may show it: a JSON document with its secret
/// members redacted ([`redact_json`]); any other text (a form body, a
/// truncated or malformed document, an HTML page) redacted by pattern
/// ([`redact_text`]).
pub fn redact_body(bytes: &[u8]) -> String {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(mut v) => {
            redact_json(&mut v);
            v.to_string()
        }
        Err(_) => redact_text(&String::from_utf8_lossy(bytes)),
    }
}

/// Redact secrets in text that may not parse: every `"NAME": "VALUE"` and
/// every `NAME=VALUE` whose NAME is secret ([`is_secret_name`]). A JSON value
/// runs to its closing quote, a form value to the next `&` or white space;
/// either runs to the end of the text when it was cut short.
pub fn redact_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    // `copied..i` is text not yet copied to `out`.
    let mut copied = 0;
    while i < b.len() {
        let found = match b[i] {
            b'"' => json_member(text, i),
            c if is_name_byte(c) && (i == 0 || !is_name_byte(b[i - 1])) => form_param(text, i),
            _ => None,
        };
        match found {
            Some((value_start, value_end, name)) => {
                out.push_str(&text[copied..value_start]);
                out.push_str(&redact_param(name, &text[value_start..value_end]));
                copied = value_end;
                i = value_end.max(i + 1);
            }
            None => i += 1,
        }
    }
    out.push_str(&text[copied..]);
    out
}

fn is_name_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// At `"NAME"\s*:\s*"VALUE"` with a secret NAME (`at` the first quote): the
/// span of VALUE (without its quotes; to the end of `text` if unterminated)
/// and NAME.
fn json_member(text: &str, at: usize) -> Option<(usize, usize, &str)> {
    let b = text.as_bytes();
    let name_start = at + 1;
    let name_len = b[name_start..].iter().position(|&c| c == b'"')?;
    let name = &text[name_start..name_start + name_len];
    if !is_secret_name(name) {
        return None;
    }
    let mut j = name_start + name_len + 1;
    while j < b.len() && b[j].is_ascii_whitespace() {
        j += 1;
    }
    if b.get(j) != Some(&b':') {
        return None;
    }
    j += 1;
    while j < b.len() && b[j].is_ascii_whitespace() {
        j += 1;
    }
    if b.get(j) != Some(&b'"') {
        return None;
    }
    let start = j + 1;
    let mut k = start;
    while k < b.len() && b[k] != b'"' {
        k += if b[k] == b'\\' { 2 } else { 1 };
    }
    Some((start, k.min(b.len()), name))
}

/// At `NAME=VALUE` with a secret NAME (`at` the name's first byte): the span
/// of VALUE (to the next `&`, white space, quote or the end) and NAME.
fn form_param(text: &str, at: usize) -> Option<(usize, usize, &str)> {
    let b = text.as_bytes();
    let name_len = b[at..].iter().position(|&c| !is_name_byte(c))?;
    let name = &text[at..at + name_len];
    if b.get(at + name_len) != Some(&b'=') || !is_secret_name(name) {
        return None;
    }
    let start = at + name_len + 1;
    let len = b[start..]
        .iter()
        .position(|&c| c == b'&' || c == b'"' || c == b'<' || c.is_ascii_whitespace())
        .unwrap_or(b.len() - start);
    Some((start, start + len, name))
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

/// The most characters of a body an error shows.
const SNIPPET_CHARS: usize = 300;

/// The start of a body for an error hint: redacted first ([`redact_body`]),
/// then cut to [`SNIPPET_CHARS`], on one line.
fn snippet(bytes: &[u8]) -> String {
    let text = redact_body(bytes);
    let end = text
        .char_indices()
        .nth(SNIPPET_CHARS)
        .map_or(text.len(), |(i, _)| i);
    text[..end].replace(['\n', '\r'], " ")
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

/// Per-request switches for the redirect policy, set by [`Http::exchange`].
///
/// reqwest's redirect policy belongs to the client and does not see the
/// request's method, while a GET follows redirects and a POST must not (a
/// 301/302/303 would turn it into a GET, a 307/308 would send the assertion
/// elsewhere). Two clients would do, but building one loads the system root
/// certificates (rustls-platform-verifier 0.7 on Linux), so there is one
/// client and this switch, and requests go one at a time.
#[derive(Default)]
struct Hops {
    /// Follow redirects (GET) or hand the 3xx back (everything else).
    follow: AtomicBool,
    /// Trace each hop followed (`Http::trace`, which the policy, running on
    /// reqwest's thread, cannot read).
    trace: AtomicBool,
}

/// The redirect policy: for a GET, follow at most [`MAX_REDIRECTS`], then
/// fail with [`TooManyRedirects`], tracing each hop when asked; otherwise
/// stop, so that the caller sees the 3xx response.
///
/// Credentials do not follow a redirect to another origin: reqwest (0.13,
/// `redirect::remove_sensitive_headers`) drops `Authorization`, `Cookie` and
/// `Proxy-Authorization` when the next URL's scheme, host or port differs from
/// the previous one, so a bearer token sent to the server is not forwarded to
/// a host it redirects to. The unit test
/// `redirect_to_another_origin_drops_the_bearer` checks this.
fn redirect_policy(hops: Arc<Hops>) -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(move |attempt| {
        if !hops.follow.load(Ordering::SeqCst) {
            return attempt.stop();
        }
        // `previous` holds the URL first asked for and each one followed.
        let followed = attempt.previous().len() - 1;
        if followed >= MAX_REDIRECTS {
            let err = TooManyRedirects {
                url: attempt.previous().last().map(|u| u.to_string()),
                status: attempt.status().as_u16(),
                location: attempt.url().to_string(),
            };
            return attempt.error(err);
        }
        // Once https, always https: a redirect to plain http elsewhere would
        // send the request (and what follows it) unencrypted. Checked before
        // the hop is followed, so nothing reaches the http URL.
        let next = attempt.url().to_string();
        if let Some(https) = attempt
            .previous()
            .iter()
            .find(|u| !keeps_tls(u.as_str(), &next))
        {
            let err = DowngradeRedirect {
                from: attempt
                    .previous()
                    .last()
                    .map_or_else(|| https.to_string(), |u| u.to_string()),
                https: https.to_string(),
                location: next,
                status: attempt.status().as_u16(),
            };
            return attempt.error(err);
        }
        if hops.trace.load(Ordering::SeqCst) {
            eprintln!(
                "< {} redirect to {}",
                attempt.status().as_u16(),
                crate::text::printable(attempt.url().as_str())
            );
        }
        attempt.follow()
    })
}

/// A GET was redirected more than [`MAX_REDIRECTS`] times.
#[derive(Debug)]
struct TooManyRedirects {
    /// The URL that sent the redirect not followed.
    url: Option<String>,
    status: u16,
    location: String,
}

impl std::fmt::Display for TooManyRedirects {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "a redirect to {} after {MAX_REDIRECTS} others; pkjwt follows at most {MAX_REDIRECTS} (a redirect loop?)",
            self.location
        )
    }
}

impl std::error::Error for TooManyRedirects {}

/// A GET was redirected from https to plain http on a host that is not
/// loopback; the hop was not followed.
#[derive(Debug)]
struct DowngradeRedirect {
    /// The URL that sent the redirect.
    from: String,
    /// The https URL (the first asked for, or a hop) it comes after.
    https: String,
    /// The http URL it redirected to.
    location: String,
    status: u16,
}

impl std::fmt::Display for DowngradeRedirect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} answered {} with a redirect to {}, plain http",
            self.from, self.status, self.location
        )
    }
}

impl std::error::Error for DowngradeRedirect {}

/// The errors in `e`'s source chain, `e` first. An `std::io::Error` that
/// wraps another error (as tokio-rustls wraps a `rustls::Error`, and
/// hyper-rustls wraps that again) hides it from `source()`, which skips to the
/// inner error's own source: step into the wrapped error instead.
fn chain<'a>(
    e: &'a (dyn std::error::Error + 'static),
) -> Vec<&'a (dyn std::error::Error + 'static)> {
    let mut out = Vec::new();
    let mut next = Some(e);
    while let Some(err) = next {
        out.push(err);
        next = match err
            .downcast_ref::<std::io::Error>()
            .and_then(std::io::Error::get_ref)
        {
            Some(inner) => Some(inner as &(dyn std::error::Error + 'static)),
            None => err.source(),
        };
    }
    out
}

/// The kind of a network failure, from the error types. No error text is
/// matched: reqwest 0.13, hyper-util and rustls give a type for every kind
/// pkjwt names (a text match would only be a fallback for errors without
/// one, and there are none among these).
fn net_kind(e: &reqwest::Error) -> NetKind {
    let errs = chain(e);
    if e.is_timeout() {
        NetKind::Timeout
    } else if errs.iter().any(|x| x.is::<rustls::Error>()) {
        // Handshake failures, certificate verification (rustls-platform-verifier
        // and --cacert report rustls::Error::InvalidCertificate), alerts.
        NetKind::Tls
    } else if e.is_dns() {
        // reqwest wraps every resolver failure in its DnsError.
        NetKind::Dns
    } else if e.is_connect()
        && errs.iter().any(|x| {
            x.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::ConnectionRefused)
        })
    {
        NetKind::Refused
    } else {
        NetKind::Other
    }
}

/// The reason given for a request that ran past its deadline.
fn timeout_reason(timeout: Duration) -> String {
    let secs = timeout.as_secs_f64();
    format!("the request timed out: no complete answer within the deadline of {secs} s (connect, headers and body)")
}

/// A body read that failed because a timeout expired (reqwest's, inside
/// the `io::Error`, or the socket's).
fn io_is_timeout(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::TimedOut
        || chain(e).iter().any(|x| {
            x.downcast_ref::<reqwest::Error>()
                .is_some_and(reqwest::Error::is_timeout)
        })
}

fn network_error(url: &str, e: reqwest::Error, timeout: Duration) -> HttpError {
    if let Some(t) = chain(&e)
        .into_iter()
        .find_map(|x| x.downcast_ref::<TooManyRedirects>())
    {
        return HttpError::BadResponse {
            url: t.url.clone().unwrap_or_else(|| url.to_string()),
            status: t.status,
            what: t.to_string(),
            snippet: String::new(),
            info: Answer::default(),
        };
    }
    if let Some(d) = chain(&e)
        .into_iter()
        .find_map(|x| x.downcast_ref::<DowngradeRedirect>())
    {
        return HttpError::Downgrade {
            url: d.location.clone(),
            after: d.https.clone(),
            what: format!("a {} redirect from {}", d.status, d.from),
        };
    }
    let kind = net_kind(&e);
    let reason = match kind {
        NetKind::Timeout => timeout_reason(timeout),
        NetKind::Refused => "connection refused".to_string(),
        NetKind::Dns => "the host name does not resolve".to_string(),
        NetKind::Tls => format!("TLS failed:{}", last_cause(&e)),
        NetKind::Other => last_cause(&e).trim().to_string(),
    };
    HttpError::Network {
        url: url.into(),
        reason,
        kind,
    }
}

fn last_cause(e: &reqwest::Error) -> String {
    let last = chain(e).last().map(|x| x.to_string()).unwrap_or_default();
    format!(" {last}")
}

/// `application/x-www-form-urlencoded`, as RFC 6749 appendix B says: the
/// WHATWG serializer (space as `+`; `*-._` and alphanumerics kept; every
/// other byte of the UTF-8 as `%XX`).
pub fn form_encode(pairs: &[(String, String)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_encoding_follows_rfc6749() {
        let f = vec![
            ("grant_type".to_string(), "client_credentials".to_string()),
            ("scope".to_string(), "a b:c/d".to_string()),
        ];
        assert_eq!(
            form_encode(&f),
            "grant_type=client_credentials&scope=a+b%3Ac%2Fd"
        );
    }

    /// A plain-HTTP server on 127.0.0.1 answering each request (one per
    /// connection) with `answer(path, own base URL)`, keeping the request
    /// heads it saw.
    struct Srv {
        url: String,
        heads: Arc<std::sync::Mutex<Vec<String>>>,
    }

    impl Srv {
        fn serve(answer: impl Fn(&str, &str) -> String + Send + 'static) -> Srv {
            use std::io::Write;
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            let url = format!("http://{}", listener.local_addr().unwrap());
            let heads = Arc::new(std::sync::Mutex::new(Vec::new()));
            let (h, base) = (heads.clone(), url.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    let Ok(mut s) = stream else { break };
                    let mut req = Vec::new();
                    let mut buf = [0u8; 4096];
                    while !req.windows(4).any(|w| w == b"\r\n\r\n") {
                        match s.read(&mut buf) {
                            Ok(0) | Err(_) => break,
                            Ok(n) => req.extend_from_slice(&buf[..n]),
                        }
                    }
                    let head = String::from_utf8_lossy(&req).to_ascii_lowercase();
                    let path = head.split(' ').nth(1).unwrap_or("/").to_string();
                    h.lock().unwrap().push(head);
                    let _ = s.write_all(answer(&path, &base).as_bytes());
                }
            });
            Srv { url, heads }
        }

        fn heads(&self) -> Vec<String> {
            self.heads.lock().unwrap().clone()
        }
    }

    fn redirect_to(location: &str) -> String {
        format!("HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    }

    fn json_ok(body: &str) -> String {
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
    }

    fn http() -> Http {
        Http::new(&HttpOptions {
            timeout: Duration::from_secs(5),
            ..Default::default()
        })
        .unwrap()
    }

    #[test]
    fn get_follows_five_redirects() {
        // /r0 -> /r1 -> ... -> /r5, which answers.
        let srv = Srv::serve(|path, _| match path.strip_prefix("/r") {
            Some(n) if n != "5" => redirect_to(&format!("/r{}", n.parse::<u8>().unwrap() + 1)),
            _ => json_ok(r#"{"ok":true}"#),
        });
        let resp = http().get_json(&format!("{}/r0", srv.url), None).unwrap();
        assert_eq!(resp.body["ok"], true);
        assert_eq!(srv.heads().len(), 6);
    }

    #[test]
    fn a_redirect_loop_stops_after_five() {
        let srv = Srv::serve(|_, _| redirect_to("/loop"));
        let err = http()
            .get_json(&format!("{}/start", srv.url), None)
            .unwrap_err();
        let HttpError::BadResponse {
            url, status, what, ..
        } = &err
        else {
            panic!("{err:?}")
        };
        assert_eq!(*status, 302);
        assert_eq!(url, &format!("{}/loop", srv.url));
        assert!(what.contains("at most 5"), "{what}");
        // The first request and five redirects followed; the sixth is not.
        assert_eq!(srv.heads().len(), 6);
    }

    #[test]
    fn post_is_never_redirected() {
        for status in [
            "307 Temporary Redirect",
            "303 See Other",
            "301 Moved Permanently",
        ] {
            let srv = Srv::serve(move |_, _| {
                format!("HTTP/1.1 {status}\r\nLocation: /elsewhere\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            });
            let form = [("a".to_string(), "b".to_string())];
            let err = http()
                .send(
                    "POST",
                    &format!("{}/token", srv.url),
                    None,
                    Body::Form(&form),
                )
                .unwrap_err();
            match &err {
                HttpError::Redirect { location, why, .. } => {
                    assert_eq!(location, &format!("{}/elsewhere", srv.url));
                    assert!(why.starts_with("on POST"));
                }
                _ => panic!("{err:?}"),
            }
            assert_eq!(srv.heads().len(), 1, "{status}");
        }
    }

    #[test]
    fn redirect_to_another_origin_drops_the_bearer() {
        let other = Srv::serve(|_, _| json_ok("{}"));
        let target = format!("{}/doc", other.url);
        let srv = Srv::serve(move |path, base| match path {
            "/start" => redirect_to(&format!("{base}/same")),
            _ => redirect_to(&target),
        });
        http()
            .get_json(&format!("{}/start", srv.url), Some("tok-secret"))
            .unwrap();
        let heads = srv.heads();
        assert_eq!(heads.len(), 2);
        // Same origin: the token goes along.
        assert!(heads
            .iter()
            .all(|h| h.contains("authorization: bearer tok-secret")));
        // Another port is another origin: it does not.
        let there = other.heads();
        assert_eq!(there.len(), 1);
        assert!(!there[0].contains("authorization"), "{}", there[0]);
        assert!(!there[0].contains("tok-secret"), "{}", there[0]);
    }

    fn net_kind_of(url: &str, timeout: u64) -> NetKind {
        let h = Http::new(&HttpOptions {
            timeout: Duration::from_secs(timeout),
            ..Default::default()
        })
        .unwrap();
        match h.get_json(url, None) {
            Err(HttpError::Network { kind, .. }) => kind,
            other => panic!("{url}: {other:?}"),
        }
    }

    #[test]
    fn network_errors_are_classified_by_type() {
        // Refused: a port that was free a moment ago.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        assert_eq!(
            net_kind_of(&format!("http://127.0.0.1:{port}/"), 5),
            NetKind::Refused
        );
        // TLS: HTTPS to a plain-HTTP server (a rustls::Error inside an io::Error).
        let plain = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("https://{}/", plain.local_addr().unwrap());
        std::thread::spawn(move || {
            use std::io::Write;
            if let Ok((mut s, _)) = plain.accept() {
                let _ = s.write_all(json_ok("{}").as_bytes());
                std::thread::sleep(Duration::from_millis(500));
            }
        });
        assert_eq!(net_kind_of(&url, 5), NetKind::Tls);
        // DNS: .invalid never resolves (RFC 6761).
        assert_eq!(net_kind_of("http://pkjwt-test.invalid/", 10), NetKind::Dns);
        // Timeout: a server that never answers.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        let hold = std::thread::spawn(move || {
            let conn = listener.accept();
            std::thread::sleep(Duration::from_secs(3));
            drop(conn);
        });
        assert_eq!(net_kind_of(&url, 1), NetKind::Timeout);
        hold.join().unwrap();
    }

    /// Headers, then a body one byte every 100 ms, for as long as the
    /// client listens; with `length`, a Content-Length far above what comes.
    fn trickle(length: bool) -> String {
        use std::io::Write;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            let Ok((mut s, _)) = listener.accept() else {
                return;
            };
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            let head = if length {
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
            } else {
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
            };
            let _ = s.write_all(head.as_bytes());
            for _ in 0..600 {
                if s.write_all(b" ").and_then(|_| s.flush()).is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        url
    }

    #[test]
    fn a_trickled_body_meets_the_total_deadline() {
        for length in [true, false] {
            let url = trickle(length);
            let h = Http::new(&HttpOptions {
                timeout: Duration::from_secs(1),
                ..Default::default()
            })
            .unwrap();
            let start = Instant::now();
            let err = h.get_json(&url, None).unwrap_err();
            let took = start.elapsed();
            match &err {
                HttpError::Network { kind, reason, .. } => {
                    assert_eq!(*kind, NetKind::Timeout, "{err:?}");
                    assert!(reason.contains("deadline of 1 s"), "{reason}");
                }
                _ => panic!("{err:?}"),
            }
            // A bound, not a benchmark: per-read timeouts would run for a minute.
            assert!(took < Duration::from_secs(4), "{took:?} (length {length})");
        }
    }

    #[test]
    fn redaction_of_truncated_json() {
        // Cut inside the value: redacted to the end.
        assert_eq!(
            redact_body(br#"{"token_type":"Bearer","access_token":"eyJhbGciOi.eyJzdWIi"#),
            r#"{"token_type":"Bearer","access_token":"(redacted)"#
        );
        // Complete members in text that does not parse; escapes; spaces; nesting.
        let text = br#"{"refresh_token" : "r\"1x", "client_id":"c", "x":{"id_token":"i.j.k"}, "client_assertion":"h.p.s", "scope":"#;
        let out = redact_body(text);
        assert_eq!(
            out,
            r#"{"refresh_token" : "(redacted)", "client_id":"c", "x":{"id_token":"(redacted)"}, "client_assertion":"h.p.(signature redacted)", "scope":"#
        );
        // A name that only ends like a secret one is not a secret.
        assert_eq!(redact_text(r#"{"my_code":"x""#), r#"{"my_code":"x""#);
        // Cut inside the name: nothing of the value is there.
        assert_eq!(redact_text(r#"{"access_to"#), r#"{"access_to"#);
    }

    #[test]
    fn redaction_of_form_and_other_text() {
        assert_eq!(
            redact_text("access_token=abc&token_type=bearer&scope=a+b"),
            "access_token=(redacted)&token_type=bearer&scope=a+b"
        );
        assert_eq!(
            redact_text("error: token=abc, my_token=def device_code=ghi"),
            "error: token=(redacted) my_token=def device_code=(redacted)"
        );
        // Cut short.
        assert_eq!(redact_text("x=1&password=hunt"), "x=1&password=(redacted)");
        // In an HTML page.
        assert_eq!(
            redact_text(r#"<a href="/cb?code=s3cr3t&state=1">"#),
            r#"<a href="/cb?code=(redacted)&state=1">"#
        );
        assert_eq!(
            redact_text("client_assertion=h.p.s&a=b"),
            "client_assertion=h.p.(signature redacted)&a=b"
        );
        // Multi-byte text around it stays whole.
        assert_eq!(redact_text("é code=€€ ü"), "é code=(redacted) ü");
    }

    #[test]
    fn snippets_are_redacted_before_they_are_cut() {
        // A value that straddles the cut at 300 characters.
        let body = format!(
            r#"{{"pad":"{}","access_token":"{}"}}"#,
            "x".repeat(280),
            "T".repeat(100)
        );
        let s = snippet(body.as_bytes());
        assert!(!s.contains('T'), "{s}");
        // Truncated JSON: the pattern rule.
        let body = format!(r#"{{"access_token":"{}"#, "T".repeat(1000));
        assert_eq!(snippet(body.as_bytes()), r#"{"access_token":"(redacted)"#);
        // A 5xx body in JSON without an error member.
        let body = br#"{"access_token":"TTT","token_type":"Bearer"}"#;
        assert_eq!(
            snippet(body),
            r#"{"access_token":"(redacted)","token_type":"Bearer"}"#
        );
    }

    #[test]
    fn redaction() {
        assert_eq!(
            redact_param("client_assertion", "h.p.s"),
            "h.p.(signature redacted)"
        );
        assert_eq!(redact_param("token", "abc"), "(redacted)");
        assert_eq!(redact_param("scope", "x"), "x");
        let mut v = serde_json::json!({"access_token": "a", "nested": {"registration_access_token": "r"}, "client_id": "c"});
        redact_json(&mut v);
        assert_eq!(v["access_token"], "(redacted)");
        assert_eq!(v["nested"]["registration_access_token"], "(redacted)");
        assert_eq!(v["client_id"], "c");
    }
}
