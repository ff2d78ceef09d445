//! Authorization server metadata: OpenID Connect Discovery 1.0 and RFC 8414.
//!
//! For an issuer with a path (`https://as.example/tenant`), RFC 8414 inserts
//! the well-known segment between host and path
//! (`https://as.example/.well-known/oauth-authorization-server/tenant`),
//! while OIDC appends it (`https://as.example/tenant/.well-known/openid-configuration`).
//! pkjwt tries the forms in turn and takes the first document whose `issuer`
//! is exactly the issuer asked for (RFC 8414 section 3.3, OIDC Discovery 4.3).

use serde_json::Value;

use crate::keystore::keys::Alg;
use crate::oauth::http::{Http, HttpError};

/// Server metadata and where it came from.
#[derive(Clone, Debug)]
pub struct Metadata {
    /// The issuer the document names (checked against the one asked for).
    pub issuer: String,
    /// The URL the document was read from.
    pub source: String,
    /// The metadata document (RFC 8414, OpenID Connect Discovery).
    pub doc: Value,
    /// The response's `Date` header, for measuring the clock offset.
    pub date: Option<String>,
}

/// Why discovery failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DiscoveryError {
    /// The issuer is not an https URL (or http on loopback) without query or fragment.
    #[error("{0:?} is not an https (or loopback http) URL")]
    BadIssuer(String),
    /// No well-known URL gave a metadata document.
    #[error("no metadata found for {issuer}; tried:\n{}", .tried.iter().map(|(u, e)| format!("  {u}: {e}")).collect::<Vec<_>>().join("\n"))]
    NotFound {
        /// The issuer.
        issuer: String,
        /// Each URL tried, with what went wrong there.
        tried: Vec<(String, String)>,
        /// A network error, when every attempt failed that way.
        network: Option<Box<HttpError>>,
    },
    /// The metadata of an https issuer names a plain-http endpoint on a host
    /// that is not loopback ([`Metadata::check_endpoints`]).
    #[error("the metadata at {source_url} cannot be used: {error}")]
    Downgrade {
        /// The URL the metadata came from.
        source_url: String,
        /// The refused endpoint ([`HttpError::Downgrade`]).
        error: Box<HttpError>,
    },
    /// The document names another issuer than the one asked for (RFC 8414 section 3.3).
    #[error("the metadata at {source_url} names issuer {found:?}, not {expected:?}")]
    IssuerMismatch {
        /// The issuer asked for.
        expected: String,
        /// The issuer the document names.
        found: String,
        /// The URL the metadata came from.
        source_url: String,
    },
}

/// The well-known URLs to try for `issuer`, most likely first.
pub(crate) fn candidate_urls(issuer: &str) -> Result<Vec<String>, DiscoveryError> {
    let url = reqwest::Url::parse(issuer).map_err(|_| DiscoveryError::BadIssuer(issuer.into()))?;
    let loopback = crate::oauth::http::is_loopback(&url);
    if !(url.scheme() == "https" || (url.scheme() == "http" && loopback))
        || url.query().is_some()
        || url.fragment().is_some()
    {
        return Err(DiscoveryError::BadIssuer(issuer.into()));
    }
    let origin = url.origin().ascii_serialization();
    let path = url.path().trim_end_matches('/');
    let trimmed = issuer.trim_end_matches('/');
    let mut v = vec![format!("{trimmed}/.well-known/openid-configuration")];
    v.push(format!(
        "{origin}/.well-known/oauth-authorization-server{path}"
    ));
    if !path.is_empty() {
        v.push(format!("{origin}/.well-known/openid-configuration{path}"));
        v.push(format!("{trimmed}/.well-known/oauth-authorization-server"));
    }
    Ok(v)
}

/// Fetch and check the metadata of `issuer`.
pub fn discover(http: &Http, issuer: &str) -> Result<Metadata, DiscoveryError> {
    let mut tried = Vec::new();
    let mut network = None;
    let mut all_network = true;
    for url in candidate_urls(issuer)? {
        match http.get_json(&url, None) {
            Ok(resp) => {
                let Some(found) = resp.body.get("issuer").and_then(Value::as_str) else {
                    all_network = false;
                    tried.push((url, "a JSON document without \"issuer\"".into()));
                    continue;
                };
                if found != issuer {
                    return Err(DiscoveryError::IssuerMismatch {
                        expected: issuer.into(),
                        found: found.into(),
                        source_url: url,
                    });
                }
                let md = Metadata {
                    issuer: issuer.into(),
                    source: url,
                    doc: resp.body,
                    date: resp.date,
                };
                md.check_endpoints()
                    .map_err(|e| DiscoveryError::Downgrade {
                        source_url: md.source.clone(),
                        error: Box::new(e),
                    })?;
                return Ok(md);
            }
            Err(e @ HttpError::Downgrade { .. }) => {
                return Err(DiscoveryError::Downgrade {
                    source_url: url,
                    error: Box::new(e),
                });
            }
            Err(e) => {
                if matches!(e, HttpError::Network { .. }) {
                    tried.push((url, e.to_string()));
                    network = Some(Box::new(e));
                    // The host is the same for every candidate (bar a path): stop.
                    break;
                }
                all_network = false;
                tried.push((url, e.to_string()));
            }
        }
    }
    Err(DiscoveryError::NotFound {
        issuer: issuer.into(),
        tried,
        network: if all_network { network } else { None },
    })
}

impl Metadata {
    /// A string member.
    pub fn str(&self, key: &str) -> Option<&str> {
        self.doc.get(key).and_then(Value::as_str)
    }

    /// A list of strings, or None when the server does not say.
    pub fn list(&self, key: &str) -> Option<Vec<String>> {
        self.doc.get(key).and_then(Value::as_array).map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
    }

    /// Whether the token endpoint accepts private_key_jwt (None: not listed).
    /// RFC 8414 says an absent list means client_secret_basic only.
    pub fn accepts_private_key_jwt(&self) -> bool {
        self.list("token_endpoint_auth_methods_supported")
            .map(|l| l.iter().any(|m| m == "private_key_jwt"))
            .unwrap_or(false)
    }

    /// Whether the server accepts `alg` for client assertions; None when it does not say.
    pub fn accepts_alg(&self, alg: Alg) -> Option<bool> {
        self.list("token_endpoint_auth_signing_alg_values_supported")
            .map(|l| l.iter().any(|a| a == alg.as_str()))
    }

    /// Every endpoint the metadata names ([`ENDPOINTS`]), and its RFC 8705
    /// `mtls_endpoint_aliases` as `mtls:KEY`.
    pub fn endpoints(&self) -> std::collections::BTreeMap<String, String> {
        let mut out = std::collections::BTreeMap::new();
        for k in ENDPOINTS {
            if let Some(u) = self.str(k) {
                out.insert((*k).to_string(), u.to_string());
            }
        }
        if let Some(aliases) = self
            .doc
            .get("mtls_endpoint_aliases")
            .and_then(Value::as_object)
        {
            for k in ENDPOINTS {
                if let Some(u) = aliases.get(*k).and_then(Value::as_str) {
                    out.insert(format!("{MTLS_PREFIX}{k}"), u.to_string());
                }
            }
        }
        out
    }

    /// Once the issuer is https, every endpoint is: an endpoint (or mTLS
    /// alias, [`Metadata::endpoints`]) that is plain http on a host that is
    /// not loopback is refused, whether or not this command would use it.
    /// A document that names one is wrong or hostile, and the refusal comes
    /// before anything is sent to it.
    pub fn check_endpoints(&self) -> Result<(), HttpError> {
        for (key, url) in self.endpoints() {
            crate::oauth::http::check_no_downgrade(
                &self.issuer,
                &url,
                &format!("the issuer; the metadata names this URL as {key}"),
            )?;
        }
        Ok(())
    }

    /// The endpoint URL for a metadata key such as `token_endpoint`.
    pub fn endpoint(&self, key: &str) -> Option<String> {
        self.str(key).map(String::from)
    }
}

/// How an RFC 8705 mTLS endpoint alias is keyed among a profile's endpoints.
pub const MTLS_PREFIX: &str = "mtls:";

/// The endpoints pkjwt shows and stores, by metadata key.
pub const ENDPOINTS: &[&str] = &[
    "token_endpoint",
    "registration_endpoint",
    "introspection_endpoint",
    "revocation_endpoint",
    "pushed_authorization_request_endpoint",
    "backchannel_authentication_endpoint",
    "device_authorization_endpoint",
    "authorization_endpoint",
    "userinfo_endpoint",
    "jwks_uri",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_for_issuers_with_and_without_path() {
        assert_eq!(
            candidate_urls("https://as.example").unwrap(),
            vec![
                "https://as.example/.well-known/openid-configuration",
                "https://as.example/.well-known/oauth-authorization-server",
            ]
        );
        assert_eq!(
            candidate_urls("https://as.example/tenant/1").unwrap(),
            vec![
                "https://as.example/tenant/1/.well-known/openid-configuration",
                "https://as.example/.well-known/oauth-authorization-server/tenant/1",
                "https://as.example/.well-known/openid-configuration/tenant/1",
                "https://as.example/tenant/1/.well-known/oauth-authorization-server",
            ]
        );
        assert!(candidate_urls("http://as.example").is_err());
        assert!(candidate_urls("http://127.0.0.1:8080").is_ok());
        assert!(candidate_urls("https://as.example?x=1").is_err());
        assert!(candidate_urls("not a url").is_err());
        // Loopback: 127.0.0.0/8, ::1 and localhost.
        assert!(candidate_urls("http://127.3.2.1:9").is_ok());
        assert!(candidate_urls("http://[::1]:9/t").is_ok());
        assert!(candidate_urls("http://LOCALHOST:9").is_ok());
        assert!(candidate_urls("http://128.0.0.1").is_err());
        assert!(candidate_urls("http://localhost.example").is_err());
    }

    fn md(issuer: &str, doc: Value) -> Metadata {
        Metadata {
            issuer: issuer.into(),
            source: format!("{issuer}/.well-known/openid-configuration"),
            doc,
            date: None,
        }
    }

    #[test]
    fn an_https_issuer_has_only_https_endpoints() {
        let ok = serde_json::json!({
            "token_endpoint": "https://as.example/token",
            "jwks_uri": "http://127.0.0.1:8080/jwks",
            "introspection_endpoint": "http://localhost/i",
            "mtls_endpoint_aliases": {"token_endpoint": "https://mtls.as.example/token"},
        });
        assert!(md("https://as.example", ok).check_endpoints().is_ok());
        for (key, doc) in [
            (
                "token_endpoint",
                serde_json::json!({"token_endpoint": "http://evil.test/token"}),
            ),
            (
                "revocation_endpoint",
                serde_json::json!({"revocation_endpoint": "HTTP://as.example/r"}),
            ),
            (
                "mtls:token_endpoint",
                serde_json::json!({"mtls_endpoint_aliases": {"token_endpoint": "http://10.0.0.1/t"}}),
            ),
        ] {
            let err = md("https://as.example", doc).check_endpoints().unwrap_err();
            let HttpError::Downgrade { what, after, .. } = &err else {
                panic!("{err:?}")
            };
            assert!(what.contains(key), "{what}");
            assert_eq!(after, "https://as.example");
        }
        // A loopback http issuer may name http endpoints.
        let doc = serde_json::json!({"token_endpoint": "http://evil.test/token"});
        assert!(md("http://127.0.0.1:9", doc).check_endpoints().is_ok());
    }
}
