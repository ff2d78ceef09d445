//! HTTP for pkjwt: one blocking reqwest client with pkjwt's rules.
//!
//! - a `pkjwt/VERSION` User-Agent, a timeout, `--cacert` for private CAs,
//!   `--insecure` only when asked, proxies from the environment;
//! - no silent redirects: a GET follows at most five, a POST none;
//! - bodies are capped, and HTML, non-JSON, 5xx, truncated and oversized
//!   bodies each give their own error;
//! - OAuth error responses (`error`, `error_description`, `error_uri`) are a
//!   typed error;
//! - verbose traces redact passwords, tokens and assertion signatures.

use std::io::Read;
use std::path::PathBuf;
use std::time::Duration;

use serde_json::Value;

/// The most pkjwt reads of one response body.
pub const MAX_BODY: u64 = 4 * 1024 * 1024;

/// HTTP settings, from the command line.
#[derive(Clone, Debug)]
pub struct HttpOptions {
    pub timeout: Duration,
    pub cacert: Option<PathBuf>,
    pub insecure: bool,
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            timeout: Duration::from_secs(30),
            cacert: None,
            insecure: false,
        }
    }
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
        body: Value,
        /// The `Date` header, when the server sent one.
        date: Option<String>,
    },
    #[error("{url} answered {status} with {what}")]
    BadResponse {
        url: String,
        status: u16,
        what: String,
        /// The start of the body, for -v and error hints.
        snippet: String,
    },
    #[error("{url} redirected to {location}; pkjwt does not follow redirects {why}")]
    Redirect {
        url: String,
        location: String,
        why: &'static str,
    },
    #[error("{0}")]
    Setup(String),
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
}

/// A request body.
pub enum Body<'a> {
    None,
    Form(&'a [(String, String)]),
    Json(&'a Value),
}

/// The blocking client and the trace settings.
pub struct Http {
    client: reqwest::blocking::Client,
    /// Print each exchange on stderr (redacted).
    pub trace: bool,
    /// Show secrets in the trace (`-vvv`, explicitly).
    pub trace_secrets: bool,
}

impl Http {
    pub fn new(opts: &HttpOptions) -> Result<Http, HttpError> {
        // One process-wide TLS provider; a second install is a harmless no-op.
        let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
        let mut b = reqwest::blocking::Client::builder()
            .user_agent(concat!("pkjwt/", env!("CARGO_PKG_VERSION")))
            .timeout(opts.timeout)
            .connect_timeout(opts.timeout.min(Duration::from_secs(10)))
            .redirect(reqwest::redirect::Policy::none());
        if let Some(path) = &opts.cacert {
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
            b = b.tls_certs_merge(certs);
        }
        if opts.insecure {
            b = b.tls_danger_accept_invalid_certs(true);
        }
        let client = b
            .build()
            .map_err(|e| HttpError::Setup(format!("HTTP client: {e}")))?;
        Ok(Http {
            client,
            trace: false,
            trace_secrets: false,
        })
    }

    /// GET a JSON document, following up to five redirects.
    pub fn get_json(&self, url: &str, bearer: Option<&str>) -> Result<Response, HttpError> {
        let mut url = url.to_string();
        for _ in 0..5 {
            let mut req = self.client.get(&url).header("Accept", "application/json");
            if let Some(t) = bearer {
                req = req.bearer_auth(t);
            }
            self.trace_request("GET", &url, bearer.is_some(), &Body::None);
            let resp = req.send().map_err(|e| network_error(&url, e))?;
            if resp.status().is_redirection() {
                let location = location(&resp, &url)?;
                self.trace_line(&format!(
                    "< {} redirect to {location}",
                    resp.status().as_u16()
                ));
                url = location;
                continue;
            }
            return self.finish(&url, resp);
        }
        Err(HttpError::BadResponse {
            url,
            status: 0,
            what: "too many redirects".into(),
            snippet: String::new(),
        })
    }

    /// Send a request (POST, PUT, DELETE, ...) and read a JSON (or empty) answer. Never follows redirects.
    pub fn send(
        &self,
        method: &str,
        url: &str,
        bearer: Option<&str>,
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
        self.trace_request(method, url, bearer.is_some(), &body);
        req = match &body {
            Body::None => req,
            Body::Form(f) => req
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body(form_encode(f)),
            Body::Json(v) => req
                .header("Content-Type", "application/json")
                .body(serde_json::to_vec(v).unwrap_or_default()),
        };
        let resp = req.send().map_err(|e| network_error(url, e))?;
        if resp.status().is_redirection() {
            return Err(HttpError::Redirect {
                url: url.to_string(),
                location: location(&resp, url)?,
                why: "on POST (the request would be sent again elsewhere); use the final URL",
            });
        }
        self.finish(url, resp)
    }

    fn finish(&self, url: &str, resp: reqwest::blocking::Response) -> Result<Response, HttpError> {
        let status = resp.status().as_u16();
        let date = resp
            .headers()
            .get("date")
            .and_then(|d| d.to_str().ok())
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
            });
        }
        if self.trace {
            let mut s = format!("< {status}");
            for (k, v) in resp.headers() {
                s.push_str(&format!("\n< {k}: {}", v.to_str().unwrap_or("(binary)")));
            }
            self.trace_line(&s);
        }
        let mut bytes = Vec::new();
        let read = resp.take(MAX_BODY + 1).read_to_end(&mut bytes);
        if let Err(e) = read {
            return Err(HttpError::BadResponse {
                url: url.into(),
                status,
                what: format!("a body that broke off ({e}): the response is truncated"),
                snippet: snippet(&bytes),
            });
        }
        if bytes.len() as u64 > MAX_BODY {
            return Err(HttpError::BadResponse {
                url: url.into(),
                status,
                what: format!("a body larger than pkjwt reads ({MAX_BODY} bytes)"),
                snippet: String::new(),
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
                    body: v.clone(),
                    date,
                });
            }
            if is_success {
                return Ok(Response {
                    status,
                    body: v.clone(),
                    date,
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
        })
    }

    fn trace_line(&self, s: &str) {
        if self.trace {
            eprintln!("{s}");
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
            Ok(mut v) => {
                redact_json(&mut v);
                v.to_string()
            }
            Err(_) => snippet(bytes),
        }
    }
}

/// Names whose values are secrets.
pub fn is_secret_name(key: &str) -> bool {
    matches!(
        key,
        "access_token"
            | "refresh_token"
            | "id_token"
            | "registration_access_token"
            | "client_secret"
            | "password"
            | "code"
            | "code_verifier"
            | "token"
            | "subject_token"
            | "actor_token"
            | "device_code"
            | "auth_req_id"
            | "assertion"
            | "software_statement"
    )
}

/// Redact one form parameter: secrets become `(redacted)`; a JWT assertion
/// keeps its header and claims (useful when debugging) and loses its signature.
pub fn redact_param(key: &str, value: &str) -> String {
    if key == "client_assertion" {
        return redact_jwt(value);
    }
    if is_secret_name(key) {
        return "(redacted)".into();
    }
    value.to_string()
}

/// Keep a JWT's header and payload, drop its signature.
pub fn redact_jwt(jwt: &str) -> String {
    let mut parts = jwt.splitn(3, '.');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(h), Some(p), Some(_)) => format!("{h}.{p}.(signature redacted)"),
        _ => "(redacted)".into(),
    }
}

/// Redact secret members of a JSON document, in place.
pub fn redact_json(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, val) in m.iter_mut() {
                if is_secret_name(k) && val.is_string() {
                    *val = Value::String("(redacted)".into());
                } else {
                    redact_json(val);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(redact_json),
        _ => {}
    }
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

fn snippet(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(&bytes[..bytes.len().min(300)]).into_owned();
    s.replace(['\n', '\r'], " ")
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
        })
}

fn network_error(url: &str, e: reqwest::Error) -> HttpError {
    let mut chain = String::new();
    let mut src: Option<&dyn std::error::Error> = Some(&e);
    while let Some(s) = src {
        chain.push_str(&format!(" {s}"));
        src = s.source();
    }
    let lower = chain.to_ascii_lowercase();
    let kind = if e.is_timeout() || lower.contains("timed out") {
        NetKind::Timeout
    } else if lower.contains("certificate")
        || lower.contains("tls")
        || lower.contains("ssl")
        || lower.contains("handshake")
    {
        NetKind::Tls
    } else if lower.contains("dns")
        || lower.contains("resolve")
        || lower.contains("lookup")
        || lower.contains("name or service")
    {
        NetKind::Dns
    } else if lower.contains("refused") {
        NetKind::Refused
    } else {
        NetKind::Other
    };
    let reason = match kind {
        NetKind::Timeout => "the request timed out".to_string(),
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
    let mut last = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        last = s.to_string();
        src = s.source();
    }
    format!(" {last}")
}

/// `application/x-www-form-urlencoded`, as RFC 6749 appendix B says.
pub fn form_encode(pairs: &[(String, String)]) -> String {
    let mut s = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            s.push('&');
        }
        s.push_str(&urlencode(k));
        s.push('=');
        s.push_str(&urlencode(v));
    }
    s
}

fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
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
