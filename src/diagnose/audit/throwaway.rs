//! A throwaway client for `audit --register`: registered with dynamic
//! client registration (RFC 7591) for the keystore's key, audited, then
//! deleted with RFC 7592 when the server gave the means.

use serde_json::Value;

use crate::keystore::Keystore;
use crate::oauth::discovery::Metadata;
use crate::oauth::http::Http;
use crate::oauth::registration::{self, Request};
use crate::Error;

/// The `client_name` of a throwaway client.
pub const CLIENT_NAME: &str = "pkjwt audit (throwaway)";

/// A client registered for one audit.
pub struct Throwaway {
    /// Its client_id.
    pub client_id: String,
    /// The key registered (its kid).
    pub kid: String,
    client_uri: Option<String>,
    token: Option<zeroize::Zeroizing<String>>,
}

impl std::fmt::Debug for Throwaway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Throwaway({}, redacted)", self.client_id)
    }
}

/// Register a client at `md`'s registration endpoint for key `kid` of
/// `ks` (the signing key when `None`), allowed the client_credentials
/// grant and `scope`, with the initial access token `iat` when the server
/// asks for one.
pub fn register(
    http: &Http,
    md: &Metadata,
    ks: &Keystore,
    keystore_path: &std::path::Path,
    kid: Option<&str>,
    scope: Option<&str>,
    iat: Option<&str>,
) -> Result<Throwaway, Error> {
    let entry = match kid {
        Some(k) => ks.get(k, keystore_path)?,
        None => crate::session::signing_entry(ks, keystore_path)?,
    };
    let alg = entry.alg();
    let endpoint = md
        .str("registration_endpoint")
        .ok_or_else(|| super::AuditError::NoRegistration(md.issuer.clone()))?
        .to_string();
    registration::check_method(md, "private_key_jwt")?;
    registration::check_alg(md, alg)?;
    let req = Request {
        alg: alg.as_str().into(),
        jwks: Some(crate::keystore::jwks::jwks(ks, &[entry], false)),
        grant_types: vec!["client_credentials".into()],
        scope: scope.filter(|s| !s.is_empty()).map(String::from),
        client_name: Some(CLIENT_NAME.into()),
        ..Default::default()
    };
    let resp = registration::register(http, &endpoint, &req.body(), iat)?;
    let text = |k: &str| resp.get(k).and_then(Value::as_str).map(String::from);
    Ok(Throwaway {
        client_id: text("client_id").unwrap_or_default(),
        kid: entry.kid.clone(),
        // The registration access token goes only where TLS protects it:
        // a plain-http URI from an https issuer is not used (RFC 7592
        // section 5: the token is a bearer credential).
        client_uri: text("registration_client_uri")
            .filter(|u| crate::oauth::origin::keeps_tls(&md.issuer, u)),
        token: text("registration_access_token").map(zeroize::Zeroizing::new),
    })
}

impl Throwaway {
    /// Delete the client (RFC 7592); what stands in the way when it cannot.
    pub fn delete(&self, http: &Http) -> Result<(), String> {
        match (&self.client_uri, &self.token) {
            (Some(uri), Some(t)) => registration::delete(http, uri, t).map_err(|e| {
                format!(
                    "could not delete the throwaway client {} ({e}): delete it in the server's console",
                    self.client_id
                )
            }),
            _ => Err(format!(
                "the server gave no registration_client_uri and registration_access_token (RFC 7592): delete the throwaway client {} in its console",
                self.client_id
            )),
        }
    }
}
