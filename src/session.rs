//! A client ready to send: the settings of a profile and of the caller
//! (flags, a service's configuration) resolved into a [`Client`], the
//! keystore that signs, the endpoints, and the HTTP client that presents
//! the key's certificate (mutual TLS, RFC 8705) and signs DPoP proofs
//! (RFC 9449) when the profile or the caller asks.
//!
//! Every setting is taken from the caller's [`ClientSettings`] first, then
//! from the profile, then from a default, the same order for each.

#![warn(missing_docs)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::keystore::keys::{Alg, KeyError};
use crate::keystore::state::{self, Signing};
use crate::keystore::{Entry, Keystore};
use crate::oauth::assertion::{Signer, X5t};
use crate::oauth::client::{Aud, Client, ClientAuth};
use crate::oauth::discovery::{self, Metadata, MTLS_PREFIX};
use crate::oauth::http::{Http, HttpOptions, TlsIdentity};
use crate::oauth::verify::{self, Verification};
use crate::profile::Profile;
use crate::progress::Progress;
use crate::Error;

/// The assertion lifetime when neither the caller nor the profile sets one.
pub const DEFAULT_LIFETIME: u64 = 60;

/// A setting's source problem: what [`Session`] refuses, and why.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SessionError {
    /// The keystore holds no key that signs without a kid.
    #[error("{} holds no keys", .path.display())]
    NoKeys {
        /// The file (or `pkcs11:` URI) concerned.
        path: PathBuf,
    },
    /// Every key is next or retired.
    #[error("{} holds no active key", .path.display())]
    NoActiveKey {
        /// The file (or `pkcs11:` URI) concerned.
        path: PathBuf,
        /// The keystore's keys, as `kid (state)`.
        keys: Vec<String>,
    },
    /// Several active keys, none made active last.
    #[error("{} holds {count} keys: say which signs with --kid", .path.display())]
    WhichKey {
        /// The file (or `pkcs11:` URI) concerned.
        path: PathBuf,
        /// How many keys.
        count: usize,
        /// The keystore's keys, as `kid (state)`.
        keys: Vec<String>,
    },
    /// The assertion lifetime is out of range.
    #[error("profile: lifetime {0} is not between 1 and 86400 seconds")]
    Lifetime(u64),
    /// The profile's `aud` does not parse.
    #[error("profile: {0}")]
    ProfileAud(String),
    /// The profile names a method pkjwt does not use.
    #[error("profile: token_endpoint_auth_method {0} is not one pkjwt uses")]
    AuthMethod(String),
    /// An endpoint is needed and neither the settings nor an issuer give it.
    #[error("the {0} is not known")]
    EndpointUnknown(String),
    /// The issuer's metadata lacks the endpoint.
    #[error("{issuer} has no {key} in its metadata")]
    NotInMetadata {
        /// The issuer.
        issuer: String,
        /// The metadata key of the endpoint.
        key: String,
    },
    /// Mutual TLS to a URL that is not https.
    #[error("{0} is not https, and mutual TLS presents the certificate only over TLS")]
    MtlsNotHttps(String),
    /// The server does not list the profile's TLS method.
    #[error("{issuer} does not list {method} among its token endpoint auth methods (it lists {})", .listed.join(", "))]
    MtlsMethodNotListed {
        /// The issuer.
        issuer: String,
        /// The method.
        method: String,
        /// What the server lists.
        listed: Vec<String>,
    },
    /// The server advertises no mutual TLS at all.
    #[error("{0} does not advertise mutual TLS (RFC 8705): no TLS auth method, no tls_client_certificate_bound_access_tokens, no mtls_endpoint_aliases")]
    NoMtls(String),
    /// Mutual TLS needs the key's certificate.
    #[error("key {kid} in {} has no certificate, and mutual TLS presents one", .path.display())]
    NoCertificate {
        /// The key's kid.
        kid: String,
        /// The file (or `pkcs11:` URI) concerned.
        path: PathBuf,
    },
    /// TLS takes only X.509 v3 certificates.
    #[error("the certificate of key {0} is not an X.509 v3 certificate, and TLS takes only v3")]
    CertificateNotV3(String),
    /// A token or agent key cannot be handed to the TLS library.
    #[error("key {0} never leaves its token or agent, and mutual TLS here needs the key in pkjwt's TLS library")]
    KeyNotExportable(String),
    /// The server advertises no DPoP.
    #[error("{0} does not advertise DPoP: its metadata has no dpop_signing_alg_values_supported (RFC 9449 section 5.1)")]
    NoDpop(String),
    /// The DPoP key's algorithm is not one the server takes.
    #[error("the server takes DPoP proofs signed with {}, and key {kid} signs {alg}", .accepted.join(", "))]
    DpopAlg {
        /// The algorithms the server takes.
        accepted: Vec<String>,
        /// The key's kid.
        kid: String,
        /// The algorithm.
        alg: Alg,
        /// Keys of the keystore whose algorithm the server takes: `kid (alg)`.
        fits: Vec<String>,
        /// The keystore (for the command that makes a key that fits).
        keystore: PathBuf,
    },
    /// Several keys, and none named for DPoP.
    #[error("{} holds {count} keys: say which signs DPoP proofs with --dpop-kid", .path.display())]
    DpopWhichKey {
        /// The file (or `pkcs11:` URI) concerned.
        path: PathBuf,
        /// How many keys.
        count: usize,
        /// The keystore's kids.
        kids: Vec<String>,
    },
}

/// How a `typ` header is chosen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Typ {
    /// The profile's, else none.
    #[default]
    Profile,
    /// No `typ`, whatever the profile says.
    Omit,
    /// This `typ`.
    Set(String),
}

/// The caller's settings; each one left `None` comes from the profile,
/// else from its default.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct ClientSettings {
    /// The issuer identifier.
    pub issuer: Option<String>,
    /// The key that signs [default: the profile's, else the keystore's signing key].
    pub kid: Option<String>,
    /// The signing algorithm [default: the profile's for its key, else the key's].
    pub alg: Option<Alg>,
    /// The token endpoint; it stands in for the mutual TLS alias too.
    pub token_endpoint: Option<String>,
    /// The assertion audience [default: the profile's, else the issuer].
    pub aud: Option<Aud>,
    /// The assertion lifetime, 1 to 86400 s [default: the profile's, else 60].
    pub lifetime: Option<u64>,
    /// The `typ` header.
    pub typ: Typ,
    /// A certificate thumbprint header [default: the profile's, else none].
    pub x5t: Option<X5t>,
    /// Add `nbf` = `iat` (also when the profile says so).
    pub nbf: bool,
    /// Claims added to (or replacing those of) every assertion.
    pub claims: serde_json::Map<String, serde_json::Value>,
    /// Seconds added to the local clock [default: the profile's, else 0].
    pub clock_offset: Option<i64>,
    /// Send `client_id` beside the assertion [default: the profile's, else yes].
    pub send_client_id: Option<bool>,
}

/// Proof of possession for a session's requests; `None` follows the profile.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct PopSettings {
    /// DPoP proofs: `Some(true)` on, `Some(false)` off (whatever else says on).
    pub dpop: Option<bool>,
    /// The key that signs DPoP proofs (turns DPoP on).
    pub dpop_kid: Option<String>,
    /// Present the key's certificate: `Some(true)` on, `Some(false)` off
    /// (a TLS client auth method presents it always).
    pub mtls: Option<bool>,
}

/// Everything a per-request operation needs, resolved.
#[non_exhaustive]
pub struct Session {
    /// The client: who it is, how it signs, which endpoints it knows.
    pub client: Client,
    /// The issuer's metadata, once a discovery fetched it (kept so that
    /// explaining a refusal does not fetch it again).
    pub metadata: Option<Metadata>,
    /// The profile's name, when the client comes from one.
    pub profile_name: Option<String>,
    /// The profile, when the client comes from one.
    pub profile: Option<Profile>,
    /// The keys.
    pub keystore: Keystore,
    /// Where the keys are (a file or a `pkcs11:` URI).
    pub keystore_path: PathBuf,
    /// Requests present the keystore's certificate (mutual TLS).
    pub mtls: bool,
}

/// The key that signs when no kid names one: the keystore's one active
/// key or, while a rotation overlaps two active keys, the one made active
/// last ([`state::signing_key`]), as an error that names the keys otherwise.
pub fn signing_entry<'k>(ks: &'k Keystore, path: &Path) -> Result<&'k Entry, SessionError> {
    let keys = || {
        ks.entries
            .iter()
            .map(|e| format!("{} ({})", e.kid, e.state()))
            .collect::<Vec<_>>()
    };
    match state::signing_key(ks) {
        Signing::Key(e) => Ok(e),
        Signing::Empty => Err(SessionError::NoKeys {
            path: path.to_path_buf(),
        }),
        Signing::NoActive => Err(SessionError::NoActiveKey {
            path: path.to_path_buf(),
            keys: keys(),
        }),
        Signing::Ambiguous(many) => Err(SessionError::WhichKey {
            path: path.to_path_buf(),
            count: many.len(),
            keys: keys(),
        }),
    }
}

/// The key (and algorithm) that signs DPoP proofs: `explicit`, else the
/// profile's `dpop_kid`, else the client's signing key `client` with its
/// algorithm, else the keystore's only key.
pub fn dpop_key<'a>(
    ks: &'a Keystore,
    path: &Path,
    explicit: Option<&str>,
    profile: Option<&Profile>,
    client: Option<(&str, Alg)>,
) -> Result<(&'a Entry, Alg), Error> {
    let kid = explicit.or_else(|| profile.and_then(|p| p.dpop_kid.as_deref()));
    match (kid, client) {
        (Some(k), Some((ck, calg))) if k == ck => Ok((ks.get(k, path)?, calg)),
        (Some(k), _) => {
            let e = ks.get(k, path)?;
            Ok((e, e.alg()))
        }
        (None, Some((ck, calg))) => Ok((ks.get(ck, path)?, calg)),
        (None, None) => match ks.entries.as_slice() {
            [only] => Ok((only, only.alg())),
            _ => Err(SessionError::DpopWhichKey {
                path: path.to_path_buf(),
                count: ks.entries.len(),
                kids: ks.kids(),
            }
            .into()),
        },
    }
}

impl Session {
    /// Resolve the client from `settings`, then the profile, then the
    /// defaults, with the keystore `ks` (at `keystore_path`) opened already.
    /// `profile_name` names `profile` (for messages and saved fixes).
    /// A lifetime over 300 s is a warning through `progress`.
    pub fn resolve(
        settings: &ClientSettings,
        profile_name: Option<String>,
        profile: Option<Profile>,
        client_id: String,
        ks: Keystore,
        keystore_path: PathBuf,
        progress: &dyn Progress,
    ) -> Result<Session, Error> {
        let p = profile.clone().unwrap_or_default();
        let issuer = settings.issuer.clone().or(p.issuer.clone());
        let kid = settings.kid.clone().or(p.kid.clone());
        let entry = match &kid {
            Some(k) => ks.get(k, &keystore_path)?,
            None => signing_entry(&ks, &keystore_path)?,
        };
        // The profile's algorithm belongs to the profile's key: its kid, or
        // the keystore's only key when the profile names none.
        let profiles_key = match &p.kid {
            Some(k) => *k == entry.kid,
            None => settings.kid.is_none(),
        };
        let alg = match (settings.alg, p.alg.as_deref()) {
            (Some(a), _) => a,
            (None, Some(a)) if profiles_key => a.parse::<Alg>()?,
            (None, _) => entry.alg(),
        };
        let signer = Signer::new(entry, alg)?;
        let mut endpoints: BTreeMap<String, String> = p.endpoints.clone();
        if let Some(t) = &settings.token_endpoint {
            endpoints.insert("token_endpoint".into(), t.clone());
            // The URL given is the one to use, over mutual TLS too: it
            // stands in for the alias, so metadata read later cannot bring one.
            endpoints.insert(format!("{MTLS_PREFIX}token_endpoint"), t.clone());
        }
        let aud = match &settings.aud {
            Some(a) => a.clone(),
            None => match p.aud.as_deref() {
                Some(a) => Aud::parse(a).map_err(SessionError::ProfileAud)?,
                None => Aud::Issuer,
            },
        };
        let lifetime = settings.lifetime.or(p.lifetime).unwrap_or(DEFAULT_LIFETIME);
        if lifetime == 0 || lifetime > 86_400 {
            return Err(SessionError::Lifetime(lifetime).into());
        }
        if lifetime > 300 {
            progress.warn(&format!(
                "an assertion lifetime of {lifetime} s: many servers refuse more than 300 s (and 60 s is common)"
            ));
        }
        let typ = match &settings.typ {
            Typ::Omit => None,
            Typ::Set(t) => Some(t.clone()),
            Typ::Profile => p.typ.clone().filter(|t| !t.is_empty()),
        };
        let client = Client {
            client_id,
            issuer,
            signer,
            aud,
            endpoints,
            lifetime,
            typ,
            // A preset's thumbprint header, saved in the profile.
            x5t: settings.x5t.or(match p.x5t.as_deref() {
                Some("s256") => Some(X5t::S256),
                Some("sha1") => Some(X5t::Sha1),
                _ => None,
            }),
            nbf: settings.nbf || p.nbf.unwrap_or(false),
            extra_claims: settings.claims.clone(),
            clock_offset: settings.clock_offset.or(p.clock_offset).unwrap_or(0),
            send_client_id: settings
                .send_client_id
                .unwrap_or(p.client_id_param.unwrap_or(true)),
            auth: match p.auth.as_deref() {
                None => ClientAuth::PrivateKeyJwt,
                Some(m) => {
                    ClientAuth::parse(m).ok_or_else(|| SessionError::AuthMethod(m.to_string()))?
                }
            },
            dpop: None,
        };
        Ok(Session {
            client,
            metadata: None,
            profile_name,
            profile,
            keystore: ks,
            keystore_path,
            mtls: false,
        })
    }

    /// The URL of an endpoint by metadata key, from the settings or the
    /// profile, else from the issuer's metadata (fetched once). Over mutual
    /// TLS, the server's `mtls_endpoint_aliases` (RFC 8705 section 5) come
    /// first, and the URL must be https.
    pub fn endpoint(&mut self, http: &Http, key: &str) -> Result<String, Error> {
        let url = self.endpoint_url(http, key)?;
        if self.mtls && !url.starts_with("https://") {
            return Err(SessionError::MtlsNotHttps(url).into());
        }
        Ok(url)
    }

    fn endpoint_url(&mut self, http: &Http, key: &str) -> Result<String, Error> {
        let alias = format!("{MTLS_PREFIX}{key}");
        if self.mtls {
            if let Some(u) = self.client.endpoints.get(&alias) {
                return Ok(u.clone());
            }
        }
        // Over mutual TLS, `connect` read the metadata (and its aliases) already.
        if let Some(u) = self.client.endpoints.get(key) {
            return Ok(u.clone());
        }
        let issuer = self
            .client
            .issuer
            .clone()
            .ok_or_else(|| SessionError::EndpointUnknown(key.to_string()))?;
        let md = match self.metadata.take() {
            Some(md) => md,
            None => discovery::discover(http, &issuer)?,
        };
        self.use_metadata(md);
        if self.mtls {
            if let Some(u) = self.client.endpoints.get(&alias) {
                return Ok(u.clone());
            }
        }
        self.client.endpoints.get(key).cloned().ok_or_else(|| {
            SessionError::NotInMetadata {
                issuer,
                key: key.to_string(),
            }
            .into()
        })
    }

    /// The server's revocation endpoint, when known (settings, the profile,
    /// or metadata read already).
    pub fn revocation_endpoint(&self) -> Option<String> {
        self.client
            .endpoints
            .get("revocation_endpoint")
            .cloned()
            .or_else(|| {
                self.metadata
                    .as_ref()
                    .and_then(|m| m.str("revocation_endpoint"))
                    .map(String::from)
            })
    }

    /// One verifying token request ([`verify::verify`]) at the token
    /// endpoint, with `scope`; the token is revoked, never returned.
    pub fn verify(&mut self, http: &Http, scope: Option<&str>) -> Result<Verification, Error> {
        let url = self.endpoint(http, "token_endpoint")?;
        let revocation = self.revocation_endpoint();
        verify::verify(http, &self.client, &url, scope, revocation.as_deref())
    }

    /// Whether requests present the key's certificate: a TLS auth method
    /// always does (it is the credential), else `pop.mtls`, else the profile.
    pub(crate) fn wants_mtls(&self, pop: &PopSettings) -> bool {
        let profile_mtls = self.profile.as_ref().and_then(|p| p.mtls) == Some(true);
        self.client.auth == ClientAuth::Tls || pop.mtls.unwrap_or(profile_mtls)
    }

    /// The HTTP client for this client's requests, made by `make` with the
    /// keystore's certificate and key when it authenticates by mutual TLS
    /// or `pop` asks for a certificate-bound token; then the DPoP key when
    /// asked. Metadata that cannot be read is a warning through `progress`.
    pub fn connect(
        &mut self,
        make: impl FnOnce(Option<TlsIdentity>) -> Result<Http, Error>,
        pop: &PopSettings,
        progress: &dyn Progress,
    ) -> Result<Http, Error> {
        self.mtls = self.wants_mtls(pop);
        let identity = if self.mtls {
            Some(self.tls_identity()?)
        } else {
            None
        };
        let http = make(identity)?;
        if self.mtls {
            self.load_metadata(&http, progress, "mutual TLS is not checked");
            self.check_mtls()?;
        }
        let profile_dpop = self.profile.as_ref().and_then(|p| p.dpop) == Some(true);
        // Off wins; a DPoP key named turns it on.
        let dpop = pop.dpop.unwrap_or(pop.dpop_kid.is_some() || profile_dpop);
        if dpop {
            self.enable_dpop(&http, progress, pop.dpop_kid.as_deref())?;
        }
        Ok(http)
    }

    /// [`connect`](Self::connect) with an [`Http`] made from `options`.
    pub fn http_client(
        &mut self,
        options: &HttpOptions,
        pop: &PopSettings,
        progress: &dyn Progress,
    ) -> Result<Http, Error> {
        self.connect(
            |identity| {
                let mut o = options.clone();
                o.identity = identity;
                Ok(Http::new(&o)?)
            },
            pop,
            progress,
        )
    }

    /// Keep the metadata, and the endpoints (and mTLS aliases) it names that
    /// the settings and the profile do not.
    pub fn use_metadata(&mut self, md: Metadata) {
        for (k, u) in md.endpoints() {
            self.client.endpoints.entry(k).or_insert(u);
        }
        self.metadata = Some(md);
    }

    /// Read the issuer's metadata once, when it is known and not read yet;
    /// a failure is a warning saying what goes `unchecked`.
    fn load_metadata(&mut self, http: &Http, progress: &dyn Progress, unchecked: &str) {
        if self.metadata.is_some() {
            return;
        }
        if let Some(issuer) = self.client.issuer.clone() {
            match discovery::discover(http, &issuer) {
                Ok(md) => self.use_metadata(md),
                Err(e) => progress.warn(&format!(
                    "cannot read {issuer}'s metadata ({e}): {unchecked}"
                )),
            }
        }
    }

    /// Refuse mutual TLS with a server whose metadata shows none of it.
    fn check_mtls(&self) -> Result<(), SessionError> {
        let Some(md) = &self.metadata else {
            return Ok(());
        };
        let methods = md
            .list("token_endpoint_auth_methods_supported")
            .unwrap_or_default();
        let tls_auth = methods
            .iter()
            .any(|m| m == "tls_client_auth" || m == "self_signed_tls_client_auth");
        let bound = md
            .doc
            .get("tls_client_certificate_bound_access_tokens")
            .and_then(serde_json::Value::as_bool)
            == Some(true);
        let aliases = md.doc.get("mtls_endpoint_aliases").is_some();
        let own = self.profile.as_ref().and_then(|p| p.auth.clone());
        if let (ClientAuth::Tls, Some(m)) = (self.client.auth, own) {
            if !methods.is_empty() && !methods.contains(&m) {
                return Err(SessionError::MtlsMethodNotListed {
                    issuer: md.issuer.clone(),
                    method: m,
                    listed: methods,
                });
            }
        }
        if !tls_auth && !bound && !aliases {
            return Err(SessionError::NoMtls(md.issuer.clone()));
        }
        Ok(())
    }

    /// The signing key's certificate and private key, for mutual TLS.
    pub(crate) fn tls_identity(&self) -> Result<TlsIdentity, Error> {
        let kid = &self.client.signer.kid;
        let entry = self.keystore.get(kid, &self.keystore_path)?;
        let cert = entry
            .cert
            .as_deref()
            .ok_or_else(|| SessionError::NoCertificate {
                kid: kid.clone(),
                path: self.keystore_path.clone(),
            })?;
        if !crate::keystore::cert::is_v3(cert) {
            return Err(SessionError::CertificateNotV3(kid.clone()).into());
        }
        let key = entry.key.to_pkcs8_der().map_err(|e| match e {
            KeyError::NotExportable(_) => SessionError::KeyNotExportable(kid.clone()).into(),
            other => Error::from(other),
        })?;
        Ok(TlsIdentity::from_der(cert, &key))
    }

    /// Sign DPoP proofs: with `kid` when given, else with the client's key
    /// when the server takes its algorithm for DPoP.
    fn enable_dpop(
        &mut self,
        http: &Http,
        progress: &dyn Progress,
        kid: Option<&str>,
    ) -> Result<(), Error> {
        self.load_metadata(http, progress, "the DPoP algorithm is not checked");
        let accepted = self
            .metadata
            .as_ref()
            .and_then(|m| m.list("dpop_signing_alg_values_supported"));
        if let (Some(md), None) = (&self.metadata, &accepted) {
            return Err(SessionError::NoDpop(md.issuer.clone()).into());
        }
        let (entry, alg) = dpop_key(
            &self.keystore,
            &self.keystore_path,
            kid,
            self.profile.as_ref(),
            Some((&self.client.signer.kid, self.client.signer.alg)),
        )?;
        if let Some(list) = &accepted {
            if !list.iter().any(|a| a == alg.as_str()) {
                let fits: Vec<String> = self
                    .keystore
                    .entries
                    .iter()
                    .filter(|e| list.iter().any(|a| a == e.alg().as_str()))
                    .map(|e| format!("{} ({})", e.kid, e.alg()))
                    .collect();
                return Err(SessionError::DpopAlg {
                    accepted: list.clone(),
                    kid: entry.kid.clone(),
                    alg,
                    fits,
                    keystore: self.keystore_path.clone(),
                }
                .into());
            }
        }
        self.client.dpop = Some(Arc::new(Signer::new(entry, alg)?));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keystore::keys::KeyPair;
    use crate::keystore::state::{KeyState, StateRecord};

    fn entry(kid: &str, state: Option<(KeyState, Option<u64>)>) -> Entry {
        let key = KeyPair::generate(Alg::ES256, 0).unwrap();
        let mut e = Entry::new(kid.into(), key, None, Some(Alg::ES256));
        e.stored_state = state.map(|(state, since)| StateRecord { state, since });
        e
    }

    #[test]
    fn the_signing_key_is_the_one_made_active_last() {
        let path = Path::new("ks.p12");
        let mut ks = Keystore::new();
        // A key made by another tool (no state) is active and signs alone.
        ks.add(entry("legacy", None), path).unwrap();
        assert_eq!(signing_entry(&ks, path).unwrap().kid, "legacy");
        // A next key does not sign.
        ks.add(entry("next", Some((KeyState::Next, Some(20)))), path)
            .unwrap();
        assert_eq!(signing_entry(&ks, path).unwrap().kid, "legacy");
        // Promoted: the key made active last signs.
        ks.entries[1].stored_state = Some(StateRecord {
            state: KeyState::Active,
            since: Some(30),
        });
        assert_eq!(signing_entry(&ks, path).unwrap().kid, "next");
        // Two active keys without recorded times are ambiguous, as before.
        let mut two = Keystore::new();
        two.add(entry("a", None), path).unwrap();
        two.add(entry("b", None), path).unwrap();
        let err = signing_entry(&two, path).unwrap_err().to_string();
        assert!(err.contains("say which signs with --kid"), "{err}");
        // Only retired keys: none signs.
        let mut old = Keystore::new();
        old.add(entry("r", Some((KeyState::Retired, Some(1)))), path)
            .unwrap();
        let err = signing_entry(&old, path).unwrap_err().to_string();
        assert!(err.contains("no active key"), "{err}");
        assert_eq!(old.published(false).len(), 0);
        assert_eq!(old.published(true).len(), 1);
    }
}
