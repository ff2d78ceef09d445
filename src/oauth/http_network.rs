//! Naming a failed request's network error from its types (timeout, TLS,
//! DNS, refused), for [`super::Http`].

use std::time::Duration;

use super::{Answer, DowngradeRedirect, HttpError, NetKind, TooManyRedirects};

/// The errors in `e`'s source chain, `e` first. An `std::io::Error` that
/// wraps another error (as tokio-rustls wraps a `rustls::Error`, and
/// hyper-rustls wraps that again) hides it from `source()`, which skips to the
/// inner error's own source: step into the wrapped error instead.
pub(super) fn chain<'a>(
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
pub(super) fn timeout_reason(timeout: Duration) -> String {
    let secs = timeout.as_secs_f64();
    format!("the request timed out: no complete answer within the deadline of {secs} s (connect, headers and body)")
}

/// A body read that failed because a timeout expired (reqwest's, inside
/// the `io::Error`, or the socket's).
pub(super) fn io_is_timeout(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::TimedOut
        || chain(e).iter().any(|x| {
            x.downcast_ref::<reqwest::Error>()
                .is_some_and(reqwest::Error::is_timeout)
        })
}

/// The [`HttpError`] of a request that failed before an answer: a named
/// network failure, a refused redirect, or too many redirects.
pub(crate) fn network_error(url: &str, e: reqwest::Error, timeout: Duration) -> HttpError {
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
