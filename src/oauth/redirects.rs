//! The redirect policy of pkjwt's HTTP client: a GET follows at most
//! [`MAX_REDIRECTS`], never from https to plain http on a host that is not
//! loopback; everything else is handed back to the caller as the 3xx it is.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::oauth::origin::keeps_tls;

/// The most redirects a GET follows.
pub const MAX_REDIRECTS: usize = 5;

/// Per-request switches for the redirect policy, set by `Http::exchange`.
///
/// reqwest's redirect policy belongs to the client and does not see the
/// request's method, while a GET follows redirects and a POST must not (a
/// 301/302/303 would turn it into a GET, a 307/308 would send the assertion
/// elsewhere). Two clients would do, but building one loads the system root
/// certificates (rustls-platform-verifier 0.7 on Linux), so there is one
/// client and this switch, and requests go one at a time.
/// Where [`Http::trace`](super::http::Http::trace) sends each line of an
/// exchange (requests, responses, redirects; secrets redacted unless
/// `Http::trace_secrets`).
pub type TraceSink = std::sync::Arc<dyn Fn(&str) + Send + Sync>;

#[derive(Default)]
pub(crate) struct Hops {
    /// Follow redirects (GET) or hand the 3xx back (everything else).
    pub(crate) follow: AtomicBool,
    /// Where each hop followed is traced (`Http::trace`, which the policy,
    /// running on reqwest's thread, cannot read).
    pub(crate) trace: std::sync::Mutex<Option<TraceSink>>,
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
pub(crate) fn redirect_policy(hops: Arc<Hops>) -> reqwest::redirect::Policy {
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
        let sink = hops.trace.lock().map(|t| t.clone()).unwrap_or_default();
        if let Some(sink) = sink {
            sink(&format!(
                "< {} redirect to {}",
                attempt.status().as_u16(),
                crate::text::printable(attempt.url().as_str())
            ));
        }
        attempt.follow()
    })
}

/// A GET was redirected more than [`MAX_REDIRECTS`] times.
#[derive(Debug)]
pub(crate) struct TooManyRedirects {
    /// The URL that sent the redirect not followed.
    pub(crate) url: Option<String>,
    pub(crate) status: u16,
    pub(crate) location: String,
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
pub(crate) struct DowngradeRedirect {
    /// The URL that sent the redirect.
    pub(crate) from: String,
    /// The https URL (the first asked for, or a hop) it comes after.
    pub(crate) https: String,
    /// The http URL it redirected to.
    pub(crate) location: String,
    pub(crate) status: u16,
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
