//! The device authorization grant (RFC 8628): the client assertion on the
//! device authorization request and on every token request, the server's
//! `interval`, `slow_down` (five seconds more each time) and a deadline.

use std::time::{Duration, Instant};

use serde_json::Value;

use super::LoginError;
use crate::oauth::http::{Http, HttpError};
use crate::progress::Progress;
use crate::session::Session;
use crate::Error;

/// The device_code grant type.
pub const GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";
/// The interval when the server gives none (RFC 8628 section 3.2).
pub const DEFAULT_INTERVAL: u64 = 5;
/// The longest interval honoured, in seconds.
pub const MAX_INTERVAL: u64 = 300;

/// The device authorization response (RFC 8628 section 3.2). Its `Debug`
/// leaves out the device code (it gets the token).
#[derive(Clone)]
#[non_exhaustive]
pub struct DeviceAuthorization {
    device_code: String,
    /// The code the user types.
    pub user_code: String,
    /// Where the user types it.
    pub verification_uri: String,
    /// The URI with the code in it, when the server gives one.
    pub verification_uri_complete: Option<String>,
    /// Seconds the codes are valid.
    pub expires_in: u64,
    /// Seconds between token requests.
    pub interval: u64,
}

impl std::fmt::Debug for DeviceAuthorization {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceAuthorization")
            .field("device_code", &"(redacted)")
            .field("user_code", &self.user_code)
            .field("verification_uri", &self.verification_uri)
            .field("verification_uri_complete", &self.verification_uri_complete)
            .field("expires_in", &self.expires_in)
            .field("interval", &self.interval)
            .finish()
    }
}

fn text(v: &Value, k: &str, max: usize) -> Option<String> {
    v.get(k)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty() && s.len() <= max)
        .map(String::from)
}

/// Send the device authorization request with `scope`.
pub fn start(
    http: &Http,
    session: &mut Session,
    scope: Option<&str>,
) -> Result<DeviceAuthorization, Error> {
    let issuer = super::issuer(session)?;
    super::ensure_metadata(http, session)?;
    let url = session
        .endpoint(http, "device_authorization_endpoint")
        .map_err(|_| LoginError::NoDevice(issuer.clone()))?;
    let mut form: Vec<(String, String)> = Vec::new();
    if let Some(s) = scope.filter(|s| !s.is_empty()) {
        form.push(("scope".into(), s.into()));
    }
    let (res, _) = session.client.post(http, &url, &form, 0)?;
    let resp = res?;
    let bad = |what: &str| HttpError::BadResponse {
        url: url.clone(),
        status: resp.status,
        what: what.to_string(),
        snippet: String::new(),
        info: Default::default(),
    };
    let b = &resp.body;
    let device_code = text(b, "device_code", 4096).ok_or_else(|| bad("no device_code"))?;
    let user_code = text(b, "user_code", 256).ok_or_else(|| bad("no user_code"))?;
    let verification_uri = text(b, "verification_uri", 2048)
        .or_else(|| text(b, "verification_url", 2048))
        .ok_or_else(|| bad("no verification_uri"))?;
    let expires_in = b
        .get("expires_in")
        .and_then(Value::as_u64)
        .ok_or_else(|| bad("no expires_in"))?;
    Ok(DeviceAuthorization {
        device_code,
        user_code,
        verification_uri,
        verification_uri_complete: text(b, "verification_uri_complete", 2048),
        expires_in,
        interval: b
            .get("interval")
            .and_then(Value::as_u64)
            .unwrap_or(DEFAULT_INTERVAL)
            .clamp(1, MAX_INTERVAL),
    })
}

/// Poll the token endpoint until the user approves, refuses, or the codes
/// expire, at most `timeout`; the token response, with the ID token
/// validated when there is one.
pub fn poll(
    http: &Http,
    session: &mut Session,
    d: &DeviceAuthorization,
    timeout: Duration,
    progress: &dyn Progress,
) -> Result<super::Tokens, Error> {
    let url = session.endpoint(http, "token_endpoint")?;
    let total = Duration::from_secs(d.expires_in).min(timeout);
    let deadline = Instant::now() + total;
    let mut interval = d.interval;
    let form = vec![
        ("grant_type".to_string(), GRANT.to_string()),
        ("device_code".to_string(), d.device_code.clone()),
    ];
    loop {
        let now = Instant::now();
        if now >= deadline {
            return Err(LoginError::Timeout.into());
        }
        progress.waiting("the device authorization", deadline - now, total);
        std::thread::sleep(Duration::from_secs(interval).min(deadline - now));
        let (res, _) = session.client.post(http, &url, &form, 0)?;
        match res {
            Ok(resp) => {
                progress.waited(
                    "the device authorization",
                    total - (deadline.saturating_duration_since(Instant::now())),
                );
                return super::tokens(http, session, &url, resp, None);
            }
            Err(e) => {
                let code = match &e {
                    HttpError::OAuth { error, .. } => error.clone(),
                    _ => return Err(e.into()),
                };
                match code.as_str() {
                    "authorization_pending" => {}
                    "slow_down" => {
                        interval = (interval + 5).min(MAX_INTERVAL);
                        progress.detail(&format!("slow_down: polling every {interval} s"));
                    }
                    "expired_token" => return Err(LoginError::Timeout.into()),
                    "access_denied" => {
                        if let HttpError::OAuth {
                            error,
                            description,
                            uri,
                            ..
                        } = e
                        {
                            return Err(LoginError::Refused {
                                error,
                                description,
                                uri,
                            }
                            .into());
                        }
                    }
                    _ => return Err(e.into()),
                }
            }
        }
    }
}
