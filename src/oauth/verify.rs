//! The token request that checks a client works: one `client_credentials`
//! request, signed as the client signs, whose token is never handed out
//! and is revoked (RFC 7009) where the server can. `register --verify`,
//! `migrate`, every `rotate` step, `doctor` and probing's fixes use it.

#![warn(missing_docs)]

use serde_json::Value;

use super::client::{check_token_response, Client};
use super::http::{Http, HttpError};
use crate::Error;

/// How a verifying token request went.
#[derive(Debug)]
#[non_exhaustive]
pub enum Verification {
    /// The server issued a token (revoked since, or left to expire: `notes`
    /// say which could not be revoked).
    Issued {
        /// The token endpoint that issued it.
        url: String,
        /// Notes for the user: tokens that could not be revoked.
        notes: Vec<String>,
    },
    /// The server refused: its answer, and the assertion that was sent
    /// (for diagnosis).
    Refused {
        /// The token endpoint that refused.
        url: String,
        /// The refusal.
        error: Box<HttpError>,
        /// The client assertion of the refused request.
        assertion: String,
    },
}

impl Verification {
    /// Whether the server issued a token.
    pub fn issued(&self) -> bool {
        matches!(self, Verification::Issued { .. })
    }
}

/// The form of a verifying request: the client credentials grant, and
/// `scope` when not empty.
pub fn form(scope: Option<&str>) -> Vec<(String, String)> {
    let mut form = vec![("grant_type".to_string(), "client_credentials".to_string())];
    if let Some(s) = scope.filter(|s| !s.is_empty()) {
        form.push(("scope".into(), s.to_string()));
    }
    form
}

/// Ask `token_endpoint` for a token as `client` would, with `scope`, to
/// check that the server accepts the client; the token is revoked at
/// `revocation_endpoint` when there is one, and never returned. A 2xx that
/// is not a token response is an error ([`Error::TokenResponse`]).
pub fn verify(
    http: &Http,
    client: &Client,
    token_endpoint: &str,
    scope: Option<&str>,
    revocation_endpoint: Option<&str>,
) -> Result<Verification, Error> {
    let (res, assertion) = client.post(http, token_endpoint, &form(scope), 0)?;
    match res {
        Ok(resp) => {
            // Revoked first, usable or not: it is never handed out.
            let notes = discard(http, client, revocation_endpoint, &resp.body)
                .into_iter()
                .collect();
            check_token_response(token_endpoint, &resp)?;
            Ok(Verification::Issued {
                url: token_endpoint.to_string(),
                notes,
            })
        }
        Err(error) => Ok(Verification::Refused {
            url: token_endpoint.to_string(),
            error: Box::new(error),
            assertion,
        }),
    }
}

/// Revoke the tokens pkjwt obtained only to test (RFC 7009): the access
/// token, and a refresh token when there is one, authenticated as
/// `client`; they are never printed. Returns a note for the user when a
/// token could not be revoked (failures are not fatal).
pub fn discard(
    http: &Http,
    client: &Client,
    revocation_endpoint: Option<&str>,
    body: &Value,
) -> Option<String> {
    let expires = body
        .get("expires_in")
        .and_then(Value::as_i64)
        .map(|s| format!(" (in {s} s)"))
        .unwrap_or_default();
    let tokens: Vec<(&str, &str)> = [
        ("access_token", "access_token"),
        ("refresh_token", "refresh_token"),
    ]
    .into_iter()
    .filter_map(|(member, hint)| body.get(member).and_then(Value::as_str).map(|t| (t, hint)))
    .collect();
    if tokens.is_empty() {
        return None;
    }
    let Some(url) = revocation_endpoint else {
        return Some(format!(
            "the server has no revocation endpoint: the test token expires on its own{expires}"
        ));
    };
    let mut notes = Vec::new();
    for (token, hint) in tokens {
        let form = [
            ("token".to_string(), token.to_string()),
            ("token_type_hint".to_string(), hint.to_string()),
        ];
        match client.post(http, url, &form, 0) {
            Ok((Ok(_), _)) => {}
            Ok((Err(e), _)) => notes.push(format!("could not revoke the test {hint} ({e})")),
            Err(e) => notes.push(format!("could not revoke the test {hint} ({e})")),
        }
    }
    (!notes.is_empty()).then(|| {
        format!(
            "{}; the access token expires on its own{expires}",
            notes.join("; ")
        )
    })
}
