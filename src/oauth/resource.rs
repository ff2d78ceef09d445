//! Requests to a resource server with an access token (RFC 6750 Bearer, or
//! RFC 9449 DPoP with a fresh proof per request): what `pkjwt call` sends.
//!
//! A DPoP request carries a proof bound to the method, the URL (`htu`) and
//! the token (`ath`); a `401` whose `WWW-Authenticate: DPoP` challenge says
//! `error="use_dpop_nonce"` is sent once more with the server's
//! `DPoP-Nonce`, which [`Nonces`] remembers per origin for later requests.
//! A `401` with `error="invalid_token"` is reported as
//! [`Outcome::InvalidToken`] so that the caller can get a new token and
//! call again. The response body goes to the caller's writer as it arrives,
//! untouched, within the client's deadline.

#![warn(missing_docs)]

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::time::Instant;

use crate::oauth::assertion::{self, Signer};
use crate::oauth::dpop;
use crate::oauth::http::{network_error, Http, HttpError};
use crate::Error;

/// The largest body of a challenge answer read (and dropped) before a retry.
const MAX_CHALLENGE_BODY: u64 = 64 * 1024;

/// One request.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Request {
    /// The method (GET, POST, ...).
    pub method: String,
    /// The URL.
    pub url: String,
    /// More headers, as given.
    pub headers: Vec<(String, String)>,
    /// The body, sent as it is.
    pub body: Option<Vec<u8>>,
}

impl Request {
    /// A `method` request to `url`, without headers or body.
    pub fn new(method: impl Into<String>, url: impl Into<String>) -> Request {
        Request {
            method: method.into(),
            url: url.into(),
            headers: Vec::new(),
            body: None,
        }
    }
}

/// How the token is presented.
#[non_exhaustive]
pub enum Credential<'a> {
    /// `Authorization: Bearer TOKEN`.
    Bearer(&'a str),
    /// `Authorization: DPoP TOKEN` with a proof signed by `signer`, whose
    /// `iat` is the local clock plus `clock_offset`.
    Dpop {
        /// The access token.
        token: &'a str,
        /// The proof key.
        signer: &'a Signer,
        /// Seconds added to the local clock.
        clock_offset: i64,
    },
}

/// The DPoP nonces resource servers gave, by origin, for one process.
#[derive(Debug, Default)]
pub struct Nonces(BTreeMap<String, String>);

impl Nonces {
    fn origin(url: &str) -> String {
        reqwest::Url::parse(url)
            .map(|u| u.origin().ascii_serialization())
            .unwrap_or_default()
    }
}

/// The response's status line and headers.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Head {
    /// The HTTP version, e.g. `HTTP/1.1`.
    pub version: String,
    /// The status code.
    pub status: u16,
    /// The headers, in order.
    pub headers: Vec<(String, String)>,
}

/// What a call came to.
#[derive(Debug)]
#[non_exhaustive]
pub enum Outcome {
    /// An answer (any status); its body went to the writer when wanted.
    Done(Head),
    /// `401` with `error="invalid_token"`: the body was not written; get a
    /// new token and call again.
    InvalidToken(Head),
}

/// The `error` parameter of a `WWW-Authenticate` challenge of `scheme`.
fn challenge_error(headers: &[(String, String)], scheme: &str) -> Option<String> {
    headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("www-authenticate"))
        .find_map(|(_, v)| {
            let v = v.trim();
            let rest = v
                .get(..scheme.len())
                .filter(|s| s.eq_ignore_ascii_case(scheme))
                .map(|_| &v[scheme.len()..])?;
            let i = rest.find("error=")?;
            let after = &rest[i + 6..];
            let val = match after.strip_prefix('"') {
                Some(q) => q.split('"').next()?,
                None => after.split([',', ' ']).next()?,
            };
            Some(val.to_string())
        })
}

/// Send `req` with `cred` and write the body to `out`: see the module.
/// `head` is called with the status, the headers and `out` before the
/// body; it says whether the body is wanted (it is read and dropped when
/// not).
pub fn call(
    http: &Http,
    req: &Request,
    cred: &Credential<'_>,
    nonces: &mut Nonces,
    head: &mut dyn FnMut(&Head, &mut dyn Write) -> std::io::Result<bool>,
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    let origin = Nonces::origin(&req.url);
    let mut retried = false;
    loop {
        let m = reqwest::Method::from_bytes(req.method.as_bytes())
            .map_err(|_| HttpError::Setup(format!("bad HTTP method {:?}", req.method)))?;
        let mut rb = http.client.request(m, &req.url);
        for (k, v) in &req.headers {
            rb = rb.header(k.as_str(), v.as_str());
        }
        let scheme = match cred {
            Credential::Bearer(t) => {
                rb = rb.header("Authorization", format!("Bearer {t}"));
                "Bearer"
            }
            Credential::Dpop {
                token,
                signer,
                clock_offset,
            } => {
                let proof = dpop::proof(
                    signer,
                    &req.method,
                    &req.url,
                    Some(token),
                    nonces.0.get(&origin).map(String::as_str),
                    assertion::now().saturating_add(*clock_offset),
                    &assertion::new_jti(),
                )?;
                rb = rb
                    .header("Authorization", format!("DPoP {token}"))
                    .header("DPoP", proof);
                "DPoP"
            }
        };
        if let Some(b) = &req.body {
            rb = rb.body(b.clone());
        }
        let shown = crate::oauth::http::display_url(&req.url).into_owned();
        http.trace_line(&format!(
            "> {} {shown}\n> authorization: {scheme} (redacted){}",
            req.method,
            if scheme == "DPoP" {
                "\n> dpop: (a proof)"
            } else {
                ""
            }
        ));
        let (mut resp, deadline) = http
            .exchange(rb, false)
            .map_err(|e| network_error(&shown, e, http.timeout))?;
        let h = Head {
            version: format!("{:?}", resp.version()),
            status: resp.status().as_u16(),
            headers: resp
                .headers()
                .iter()
                .map(|(k, v)| {
                    (
                        k.to_string(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect(),
        };
        http.trace_line(&format!("< {} {}", h.version, h.status));
        if let Some(n) = resp
            .headers()
            .get("DPoP-Nonce")
            .and_then(|v| v.to_str().ok())
        {
            nonces.0.insert(origin.clone(), n.to_string());
        }
        let error = (h.status == 401)
            .then(|| challenge_error(&h.headers, scheme))
            .flatten();
        let drain = |r: &mut reqwest::blocking::Response| {
            let _ = std::io::copy(&mut r.take(MAX_CHALLENGE_BODY), &mut std::io::sink());
        };
        match error.as_deref() {
            Some(dpop::USE_NONCE) if scheme == "DPoP" && !retried => {
                drain(&mut resp);
                retried = true;
                continue;
            }
            Some("invalid_token") => {
                drain(&mut resp);
                return Ok(Outcome::InvalidToken(h));
            }
            _ => {}
        }
        if head(&h, out).map_err(|e| io_err(e, "write the response headers"))? {
            copy_body(http, &shown, &mut resp, out, deadline)?;
        } else {
            drain(&mut resp);
        }
        return Ok(Outcome::Done(h));
    }
}

fn io_err(source: std::io::Error, what: &'static str) -> Error {
    Error::Io {
        op: what,
        path: "stdout".into(),
        source,
    }
}

/// Copy the body to `out` by `deadline`.
fn copy_body(
    http: &Http,
    url: &str,
    resp: &mut reqwest::blocking::Response,
    out: &mut dyn Write,
    deadline: Option<Instant>,
) -> Result<(), Error> {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        if deadline.is_some_and(|d| Instant::now() >= d) {
            return Err(HttpError::Network {
                url: url.to_string(),
                reason: format!("no complete answer within {} s", http.timeout.as_secs()),
                kind: crate::oauth::http::NetKind::Timeout,
            }
            .into());
        }
        match resp.read(&mut buf) {
            Ok(0) => return out.flush().map_err(|e| io_err(e, "write")),
            Ok(n) => out.write_all(&buf[..n]).map_err(|e| io_err(e, "write"))?,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => {
                return Err(HttpError::Network {
                    url: url.to_string(),
                    reason: e.to_string(),
                    kind: crate::oauth::http::NetKind::Other,
                }
                .into())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenges_are_read_by_scheme() {
        let h = |v: &str| vec![("WWW-Authenticate".to_string(), v.to_string())];
        assert_eq!(
            challenge_error(
                &h(r#"DPoP error="use_dpop_nonce", error_description="x""#),
                "DPoP"
            )
            .as_deref(),
            Some("use_dpop_nonce")
        );
        assert_eq!(
            challenge_error(&h(r#"Bearer realm="a", error="invalid_token""#), "Bearer").as_deref(),
            Some("invalid_token")
        );
        assert_eq!(
            challenge_error(&h(r#"Bearer error="invalid_token""#), "DPoP"),
            None
        );
        assert_eq!(
            Nonces::origin("https://a.example:8443/x?y"),
            "https://a.example:8443"
        );
    }
}
