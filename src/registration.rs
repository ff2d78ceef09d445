//! Registering a new client (RFC 7591) the way `pkjwt register` does: the
//! keys chosen and checked, the server's metadata checked before anything
//! is sent, the request built (inline `jwks` or a `jwks_uri`, mutual TLS,
//! bound tokens, a loopback redirect URI for the authorization code flow),
//! sent, and the answer turned into a profile. Saving the profile, the
//! verifying token request and printing are the caller's.

#![warn(missing_docs)]

use std::path::PathBuf;

use serde_json::{Map, Value};

use crate::keystore::keys::Alg;
use crate::keystore::{Entry, Keystore};
use crate::oauth::discovery::{self, Metadata};
use crate::oauth::http::Http;
use crate::oauth::registration::{self as reg, NewClient, Registered, Request};
use crate::progress::Progress;
use crate::Error;

/// Why a registration is not sent.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RegisterError {
    /// tls_client_auth without a subject DN.
    #[error("tls_client_auth needs the certificate's subject DN")]
    NoSubjectDn,
    /// A subject DN for another method.
    #[error("--tls-subject-dn is for --auth tls_client_auth")]
    SubjectDnWithoutTls,
    /// The keystore has no key to register.
    #[error("{} holds no keys", .0.display())]
    NoKeys(PathBuf),
    /// The server has no registration endpoint.
    #[error("{issuer} offers no dynamic registration (no registration_endpoint)")]
    NoRegistrationEndpoint {
        /// The issuer.
        issuer: String,
    },
    /// Neither an issuer nor an endpoint.
    #[error("no registration endpoint")]
    NoEndpoint,
    /// Mutual TLS presents a certificate, and the key has none.
    #[error("key {0} has no certificate, and mutual TLS presents one")]
    NoCertificate(String),
    /// TLS takes only X.509 v3 certificates.
    #[error("the certificate of key {0} is not an X.509 v3 certificate, and TLS takes only v3")]
    CertificateNotV3(String),
    /// No loopback port could be had for the redirect URI.
    #[error("cannot find a free loopback port for the redirect URI: {0}")]
    NoFreePort(String),
}

/// What to register. Its `Debug` leaves out the initial access token.
#[derive(Clone, Default)]
#[non_exhaustive]
pub struct RegisterOptions {
    /// The issuer (its metadata gives the registration endpoint and is checked).
    pub issuer: Option<String>,
    /// The registration endpoint, when not the metadata's.
    pub registration_endpoint: Option<String>,
    /// The keystore's path, saved (made absolute) in the profile.
    pub keystore: PathBuf,
    /// Only these keys, the first signing; else the published ones, the signing key first.
    pub kids: Vec<String>,
    /// The algorithm [default: the signing key's].
    pub alg: Option<Alg>,
    /// Register this hosted JWKS instead of inline keys.
    pub jwks_uri: Option<String>,
    /// Grant types (expanded names) [default: client_credentials].
    pub grant_types: Vec<String>,
    /// Scope.
    pub scope: Option<String>,
    /// Redirect URIs; with the authorization code grant and none, a
    /// loopback one on a free port.
    pub redirect_uris: Vec<String>,
    /// client_name.
    pub client_name: Option<String>,
    /// contacts.
    pub contacts: Vec<String>,
    /// More client metadata; these options win, a null removes a member.
    pub extra: Map<String, Value>,
    /// An initial access token (Bearer).
    pub initial_access_token: Option<String>,
    /// A software statement (a JWT).
    pub software_statement: Option<String>,
    /// The assertion audience saved in the profile.
    pub aud: Option<String>,
    /// private_key_jwt, self_signed_tls_client_auth or tls_client_auth.
    pub auth: String,
    /// tls_client_auth's subject DN.
    pub tls_subject_dn: Option<String>,
    /// Ask for certificate-bound tokens.
    pub mtls_bound_tokens: bool,
    /// Ask for DPoP-bound tokens.
    pub dpop_bound_tokens: bool,
    /// The DPoP key, saved in the profile.
    pub dpop_kid: Option<String>,
}

impl std::fmt::Debug for RegisterOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegisterOptions")
            .field("issuer", &self.issuer)
            .field("registration_endpoint", &self.registration_endpoint)
            .field("keystore", &self.keystore)
            .field("kids", &self.kids)
            .field("jwks_uri", &self.jwks_uri)
            .field("grant_types", &self.grant_types)
            .field("auth", &self.auth)
            .field(
                "initial_access_token",
                &self.initial_access_token.as_ref().map(|_| "(redacted)"),
            )
            .finish_non_exhaustive()
    }
}

impl RegisterOptions {
    /// A private_key_jwt client of `keystore` at `issuer`.
    pub fn new(issuer: Option<String>, keystore: PathBuf) -> RegisterOptions {
        RegisterOptions {
            issuer,
            keystore,
            auth: "private_key_jwt".into(),
            ..Default::default()
        }
    }
}

/// A client registered (the profile is not saved yet).
#[derive(Debug)]
#[non_exhaustive]
pub struct Registration {
    /// The answer and the profile to save.
    pub registered: Registered,
    /// The registration endpoint.
    pub endpoint: String,
    /// The issuer's metadata, when read.
    pub metadata: Option<Metadata>,
    /// The key that signs.
    pub signing_kid: String,
    /// How many keys were registered inline.
    pub keys: usize,
}

/// The keys to register: those named, else the published ones (active and
/// next, not retired), the signing key first.
pub fn entries<'k>(
    ks: &'k Keystore,
    kids: &[String],
    path: &std::path::Path,
) -> Result<Vec<&'k Entry>, Error> {
    if !kids.is_empty() {
        return ks.select(kids, path);
    }
    let mut entries = ks.published(false);
    if let Ok(signer) = crate::session::signing_entry(ks, path) {
        entries.retain(|e| e.kid != signer.kid);
        entries.insert(0, signer);
    }
    Ok(entries)
}

/// Every key mutual TLS presents has a certificate TLS takes (X.509 v3).
pub fn check_tls_certificates(entries: &[&Entry]) -> Result<(), RegisterError> {
    for e in entries {
        match e.cert.as_deref() {
            None => return Err(RegisterError::NoCertificate(e.kid.clone())),
            Some(c) if !crate::keystore::cert::is_v3(c) => {
                return Err(RegisterError::CertificateNotV3(e.kid.clone()))
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Register a new client with the keys of `ks`.
pub fn register(
    http: &Http,
    ks: &Keystore,
    o: &RegisterOptions,
    progress: &dyn Progress,
) -> Result<Registration, Error> {
    match (o.auth.as_str(), &o.tls_subject_dn) {
        ("tls_client_auth", None) => return Err(RegisterError::NoSubjectDn.into()),
        (m, Some(_)) if m != "tls_client_auth" => {
            return Err(RegisterError::SubjectDnWithoutTls.into())
        }
        _ => {}
    }
    let entries = entries(ks, &o.kids, &o.keystore)?;
    let signer = *entries
        .first()
        .ok_or_else(|| RegisterError::NoKeys(o.keystore.clone()))?;
    let alg = o.alg.unwrap_or_else(|| signer.alg());
    signer.public().check_alg(alg)?;
    if let Some(k) = &o.dpop_kid {
        ks.get(k, &o.keystore)?;
    }
    for e in reg::keys_that_cannot_sign(&entries, alg) {
        progress.warn(&format!(
            "key {} ({}) cannot sign {alg}, the one algorithm a client registers",
            e.kid,
            e.public().describe()
        ));
    }
    let md = match &o.issuer {
        Some(issuer) => Some(discovery::discover(http, issuer)?),
        None => None,
    };
    if let Some(md) = &md {
        if let Some(w) = reg::check_method(md, &o.auth)? {
            progress.warn(&w);
        }
        if o.auth == "private_key_jwt" {
            reg::check_alg(md, alg)?;
        }
    }
    let endpoint = match (&o.registration_endpoint, &md) {
        (Some(e), _) => e.clone(),
        (None, Some(md)) => md
            .str("registration_endpoint")
            .map(String::from)
            .ok_or_else(|| RegisterError::NoRegistrationEndpoint {
                issuer: md.issuer.clone(),
            })?,
        (None, None) => return Err(RegisterError::NoEndpoint.into()),
    };
    // self_signed_tls_client_auth: the server matches the TLS certificate
    // with the x5c of a registered key (RFC 8705 section 2.2).
    let self_signed = o.auth == "self_signed_tls_client_auth";
    if self_signed || o.auth == "tls_client_auth" || o.mtls_bound_tokens {
        check_tls_certificates(&entries)?;
    }
    let jwks = (o.jwks_uri.is_none() && o.auth != "tls_client_auth")
        .then(|| crate::keystore::jwks::jwks(ks, &entries, self_signed));
    if let Some(uri) = &o.jwks_uri {
        match reg::hosted_jwks_serves(http, uri, &signer.kid) {
            Ok(true) => {}
            Ok(false) => progress.warn(&format!(
                "{uri} does not serve key {} yet: publish `pkjwt jwks` output there before requesting tokens",
                signer.kid
            )),
            Err(e) => progress.warn(&format!(
                "cannot fetch {uri} ({e}): the server must be able to"
            )),
        }
    }
    // The authorization code flow needs a redirect URI; many servers compare
    // it exactly, port included, so the port is chosen now and kept.
    let mut redirect_uris = o.redirect_uris.clone();
    if redirect_uris.is_empty() && o.grant_types.iter().any(|g| g == "authorization_code") {
        let uri = crate::login::listener::free_redirect_uri()
            .map_err(|e| RegisterError::NoFreePort(e.to_string()))?;
        progress.note(&format!(
            "redirect URI: {uri} (saved in the profile for `pkjwt login`)"
        ));
        redirect_uris.push(uri);
    }
    let request = Request {
        alg: alg.as_str().into(),
        jwks,
        jwks_uri: o.jwks_uri.clone(),
        grant_types: if o.grant_types.is_empty() {
            vec!["client_credentials".into()]
        } else {
            o.grant_types.clone()
        },
        scope: o.scope.clone(),
        redirect_uris: redirect_uris.clone(),
        client_name: o.client_name.clone(),
        contacts: o.contacts.clone(),
        software_statement: o.software_statement.clone(),
        auth_method: o.auth.clone(),
        tls_subject_dn: o.tls_subject_dn.clone(),
        mtls_bound_tokens: o.mtls_bound_tokens,
        dpop_bound_tokens: o.dpop_bound_tokens,
        extra: o.extra.clone(),
    };
    let keystore = std::fs::canonicalize(&o.keystore).unwrap_or_else(|_| o.keystore.clone());
    let mut registered = reg::register_client(
        http,
        md.as_ref(),
        &NewClient {
            issuer: o.issuer.clone(),
            endpoint: endpoint.clone(),
            request,
            initial_access_token: o.initial_access_token.clone(),
            keystore,
            kid: signer.kid.clone(),
            aud: o.aud.clone(),
        },
    )?;
    registered.profile.dpop_kid.clone_from(&o.dpop_kid);
    // The redirect URI `pkjwt login` listens on: the first loopback one.
    registered.profile.redirect_uri = redirect_uris
        .iter()
        .find(|u| crate::login::listener::Loopback::parse(u).is_ok())
        .or(redirect_uris.first())
        .cloned();
    Ok(Registration {
        registered,
        endpoint,
        metadata: md,
        signing_kid: signer.kid.clone(),
        keys: entries.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(o: &RegisterOptions) -> RegisterError {
        let http = Http::builder().build().unwrap();
        match register(&http, &Keystore::new(), o, &crate::progress::Silent) {
            Err(Error::Register(e)) => e,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn what_cannot_be_registered_is_refused_before_anything_is_sent() {
        let mut o = RegisterOptions::new(Some("https://as.invalid".into()), "ks.p12".into());
        assert!(matches!(refused(&o), RegisterError::NoKeys(_)));
        o.auth = "tls_client_auth".into();
        assert!(matches!(refused(&o), RegisterError::NoSubjectDn));
        o.auth = "private_key_jwt".into();
        o.tls_subject_dn = Some("CN=x".into());
        assert!(matches!(refused(&o), RegisterError::SubjectDnWithoutTls));
    }
}
