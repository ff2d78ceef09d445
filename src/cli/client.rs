//! Options shared by the commands that talk to a server, and their
//! resolution, once, in a fixed precedence: flag, environment, profile,
//! default.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};

use super::password::PasswordArgs;
use super::store::parse_alg;
use super::{store, Ui};
use crate::cli::error::CliError as Error;
use crate::keystore::keys::Alg;
use crate::keystore::Keystore;
use crate::oauth::assertion::{Signer, X5t, TYP_CLIENT_AUTH};
use crate::oauth::client::{Aud, Client, ClientAuth};
use crate::oauth::http::{Http, HttpOptions, TlsIdentity};
use crate::oauth::verify::{self, Verification};
use crate::profile::Profile;

/// HTTP options.
#[derive(Args, Debug, Clone)]
pub struct HttpArgs {
    /// One deadline per request, in seconds: connect, headers and body together
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 30,
        env = "PKJWT_TIMEOUT"
    )]
    pub timeout: u64,
    /// Trust the CA certificates in FILE (PEM) as well as the system's
    #[arg(long, value_name = "FILE", env = "PKJWT_CACERT")]
    pub cacert: Option<PathBuf>,
    /// Do not verify the server's TLS certificate (dangerous: for tests only)
    #[arg(long)]
    pub insecure: bool,
}

impl HttpArgs {
    pub fn client(&self, ui: &Ui) -> Result<Http, Error> {
        self.client_with(ui, None)
    }

    /// The client, presenting `identity` to servers that ask (mutual TLS).
    pub fn client_with(&self, ui: &Ui, identity: Option<TlsIdentity>) -> Result<Http, Error> {
        if self.insecure {
            ui.warn("--insecure: TLS certificates are NOT verified; anyone on the network can read and change this exchange");
        }
        let mut http = Http::new(&HttpOptions {
            timeout: Duration::from_secs(self.timeout.max(1)),
            cacert: self.cacert.clone(),
            insecure: self.insecure,
            identity,
        })?;
        http.trace = ui.verbose > 0;
        http.trace_secrets = ui.verbose > 2;
        if http.trace_secrets {
            ui.warn("-vvv: the trace shows tokens and assertions in full");
        }
        Ok(http)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum X5tArg {
    /// x5t#S256: SHA-256 of the certificate
    S256,
    /// x5t: SHA-1 of the certificate (Microsoft Entra ID)
    Sha1,
}

/// Which client, which key, and how assertions look.
#[derive(Args, Debug, Clone, Default)]
pub struct ClientArgs {
    /// Use this profile (made by `pkjwt register` or `pkjwt profile add`)
    #[arg(
        short = 'p',
        long,
        value_name = "NAME",
        env = "PKJWT_PROFILE",
        allow_hyphen_values = true
    )]
    pub profile: Option<String>,
    /// The authorization server's issuer identifier [default: the profile's]
    #[arg(long, value_name = "URL", env = "PKJWT_ISSUER")]
    pub issuer: Option<String>,
    /// The client_id [default: the profile's]
    #[arg(
        long,
        value_name = "ID",
        env = "PKJWT_CLIENT_ID",
        allow_hyphen_values = true
    )]
    pub client_id: Option<String>,
    /// The keystore with the client's key, or a PKCS#11 URI (pkcs11:token=NAME;object=LABEL) [default: the profile's]
    #[arg(short = 'k', long, value_name = "FILE|URI", env = "PKJWT_KEYSTORE")]
    pub keystore: Option<PathBuf>,
    #[command(flatten)]
    pub password: PasswordArgs,
    /// The key to sign with [default: the profile's, or the keystore's only active key]
    #[arg(
        long,
        value_name = "KID",
        env = "PKJWT_KID",
        allow_hyphen_values = true
    )]
    pub kid: Option<String>,
    /// Signing algorithm [default: the profile's, else the key's]
    #[arg(long, value_name = "ALG", value_parser = parse_alg)]
    pub alg: Option<Alg>,
    /// The token endpoint [default: the profile's, else from the issuer's metadata]
    #[arg(long, value_name = "URL", env = "PKJWT_TOKEN_ENDPOINT")]
    pub token_endpoint: Option<String>,
    /// Assertion audience: issuer (default), token-endpoint, endpoint (the URL called), or a literal URL
    #[arg(long, value_name = "AUD", env = "PKJWT_AUD", value_parser = Aud::parse)]
    pub aud: Option<Aud>,
    /// Assertion lifetime in seconds (exp - iat) [default: the profile's, else 60]
    #[arg(long, value_name = "SECONDS", env = "PKJWT_LIFETIME", value_parser = clap::value_parser!(u64).range(1..=86400))]
    pub lifetime: Option<u64>,
    /// Set the JWT typ header [default: the profile's, else none; given alone: client-authentication+jwt]
    #[arg(long, value_name = "TYP", num_args = 0..=1, default_missing_value = TYP_CLIENT_AUTH, conflicts_with = "no_typ")]
    pub typ: Option<String>,
    /// Send no typ header, whatever the profile says
    #[arg(long)]
    pub no_typ: bool,
    /// Add the certificate thumbprint to the header: s256 (x5t#S256, the default) or sha1 (x5t, for Entra ID)
    #[arg(long, value_name = "KIND", num_args = 0..=1, default_missing_value = "s256", value_enum)]
    pub x5t: Option<X5tArg>,
    /// Add nbf = iat
    #[arg(long)]
    pub nbf: bool,
    /// Add or replace a claim: k=v (JSON values are parsed: n=1, b=true, a=["x"])
    #[arg(long = "claim", value_name = "K=V")]
    pub claims: Vec<String>,
    /// Seconds to add to the local clock when minting (compensates a known offset to the server) [default: the profile's, else 0]
    #[arg(
        long,
        value_name = "SECONDS",
        env = "PKJWT_CLOCK_OFFSET",
        allow_hyphen_values = true
    )]
    pub clock_offset: Option<i64>,
    /// Do not send client_id beside the assertion [default: the profile's, else send it]
    #[arg(long, conflicts_with = "client_id_param")]
    pub no_client_id: bool,
    /// Send client_id beside the assertion, whatever the profile says
    #[arg(long)]
    pub client_id_param: bool,
}

/// The assertion lifetime when neither a flag nor the profile sets one.
pub const DEFAULT_LIFETIME: u64 = 60;

/// Parse `k=v`; the value is JSON when it parses as JSON, else a string.
pub fn parse_kv(s: &str) -> Result<(String, serde_json::Value), Error> {
    let (k, v) = s.split_once('=').ok_or_else(|| {
        Error::input(
            format!("{s:?} is not k=v"),
            Some("write it as name=value".into()),
        )
    })?;
    if k.is_empty() {
        return Err(Error::input(format!("{s:?} has an empty name"), None));
    }
    let value = serde_json::from_str(v).unwrap_or_else(|_| serde_json::Value::String(v.into()));
    Ok((k.to_string(), value))
}

/// Proof of possession: DPoP (RFC 9449) and certificate-bound tokens (RFC 8705).
#[derive(Args, Debug, Clone, Default)]
pub struct PopArgs {
    /// Send a DPoP proof (RFC 9449) so the token is bound to a key [default: the profile's choice]
    #[arg(long, env = "PKJWT_DPOP", value_parser = clap::builder::FalseyValueParser::new())]
    pub dpop: bool,
    /// No DPoP proof, whatever the profile or PKJWT_DPOP says
    #[arg(long)]
    pub no_dpop: bool,
    /// The keystore key that signs DPoP proofs [default: the client's key, when the server takes its algorithm]
    #[arg(
        long,
        value_name = "KID",
        env = "PKJWT_DPOP_KID",
        allow_hyphen_values = true
    )]
    pub dpop_kid: Option<String>,
    /// Present the key's certificate over TLS (RFC 8705), so the server binds the token to it [default: the profile's choice]
    #[arg(long, env = "PKJWT_MTLS", value_parser = clap::builder::FalseyValueParser::new())]
    pub mtls: bool,
    /// No certificate for a private_key_jwt client, whatever the profile or PKJWT_MTLS says
    #[arg(long)]
    pub no_mtls: bool,
}

/// The key (and algorithm) that signs DPoP proofs, the same for `token`
/// and `dpop`: `explicit` (--dpop-kid), else the profile's `dpop_kid`, else
/// the client's signing key `client` with its algorithm.
pub fn dpop_key<'a>(
    ks: &'a Keystore,
    path: &std::path::Path,
    explicit: Option<&str>,
    profile: Option<&Profile>,
    client: Option<(&str, Alg)>,
) -> Result<(&'a crate::keystore::Entry, Alg), Error> {
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
            _ => Err(Error::input(
                format!(
                    "{} holds {} keys: say which signs DPoP proofs with --dpop-kid",
                    path.display(),
                    ks.entries.len()
                ),
                Some(format!("kids: {}", ks.kids().join(", "))),
            )),
        },
    }
}

/// Everything a per-request command needs, resolved.
pub struct Resolved {
    pub client: Client,
    /// The issuer's metadata, once a discovery fetched it (kept so that
    /// explaining a refusal does not fetch it again).
    pub metadata: Option<crate::oauth::discovery::Metadata>,
    pub profile_name: Option<String>,
    pub profile: Option<Profile>,
    pub keystore: Keystore,
    pub keystore_path: PathBuf,
    /// Requests present the keystore's certificate (mutual TLS).
    pub mtls: bool,
}

impl ClientArgs {
    /// Resolve the client: flag, environment, profile, default.
    pub fn resolve(&self, ui: &Ui, config_dir: Option<PathBuf>) -> Result<Resolved, Error> {
        let profile = match &self.profile {
            Some(name) => {
                let dir = config_dir.ok_or_else(|| {
                    Error::input(
                        "no configuration directory",
                        Some("pass --config-dir DIR".into()),
                    )
                })?;
                Some(crate::profile::load(&dir, name)?)
            }
            None => None,
        };
        let client_id = self
            .client_id
            .clone()
            .or_else(|| profile.as_ref().map(|p| p.client_id.clone()))
            .ok_or_else(|| {
                Error::input(
                    "no client_id",
                    Some(
                        "pass --profile NAME, or --client-id ID with --issuer and --keystore"
                            .into(),
                    ),
                )
            })?;
        let keystore_path = self
            .keystore
            .clone()
            .or_else(|| profile.as_ref().map(|p| p.keystore.clone()))
            .ok_or_else(|| {
                Error::input(
                    "no keystore",
                    Some("pass --keystore FILE or --profile NAME".into()),
                )
            })?;
        let store_args = store::StoreArgs {
            keystore: keystore_path.clone(),
            password: self.password.clone(),
        };
        // The agent's keys when it holds this keystore, else the keystore.
        let kids: Vec<String> = self
            .kid
            .clone()
            .or_else(|| profile.as_ref().and_then(|p| p.kid.clone()))
            .into_iter()
            .collect();
        let ks = super::agent::open_for_signing(ui, &store_args, &kids)?;
        self.resolve_opened(
            ui,
            self.profile.clone(),
            profile,
            client_id,
            ks,
            keystore_path,
        )
    }

    /// Resolve the client with the keystore opened already: flag,
    /// environment, profile, default, for every setting.
    pub fn resolve_opened(
        &self,
        ui: &Ui,
        profile_name: Option<String>,
        profile: Option<Profile>,
        client_id: String,
        ks: Keystore,
        keystore_path: PathBuf,
    ) -> Result<Resolved, Error> {
        let p = profile.clone().unwrap_or_default();
        let issuer = self.issuer.clone().or(p.issuer.clone());
        let kid = self.kid.clone().or(p.kid.clone());
        let entry = match &kid {
            Some(k) => ks.get(k, &keystore_path)?,
            None => super::store::signing_entry(&ks, &keystore_path)?,
        };
        // The profile's algorithm belongs to the profile's key: its kid, or
        // the keystore's only key when the profile names none.
        let profiles_key = match &p.kid {
            Some(k) => *k == entry.kid,
            None => self.kid.is_none(),
        };
        let alg = match (self.alg, p.alg.as_deref()) {
            (Some(a), _) => a,
            (None, Some(a)) if profiles_key => a.parse::<Alg>()?,
            (None, _) => entry.alg(),
        };
        let signer = Signer::new(entry, alg)?;
        let mut endpoints: BTreeMap<String, String> = p.endpoints.clone();
        if let Some(t) = &self.token_endpoint {
            endpoints.insert("token_endpoint".into(), t.clone());
            // The URL given is the one to use, over mutual TLS too: it
            // stands in for the alias, so metadata read later cannot bring one.
            endpoints.insert(
                format!("{}token_endpoint", crate::oauth::discovery::MTLS_PREFIX),
                t.clone(),
            );
        }
        let aud = match &self.aud {
            Some(a) => a.clone(),
            None => match p.aud.as_deref() {
                Some(a) => {
                    Aud::parse(a).map_err(|e| Error::input(format!("profile: {e}"), None))?
                }
                None => Aud::Issuer,
            },
        };
        let mut extra = serde_json::Map::new();
        for c in &self.claims {
            let (k, v) = parse_kv(c)?;
            extra.insert(k, v);
        }
        let lifetime = self.lifetime.or(p.lifetime).unwrap_or(DEFAULT_LIFETIME);
        if lifetime == 0 || lifetime > 86_400 {
            return Err(Error::input(
                format!("profile: lifetime {lifetime} is not between 1 and 86400 seconds"),
                Some("fix it with `pkjwt profile set NAME --lifetime SECONDS`".into()),
            ));
        }
        if lifetime > 300 {
            ui.warn(format!(
                "an assertion lifetime of {lifetime} s: many servers refuse more than 300 s (and 60 s is common)"
            ));
        }
        let typ = if self.no_typ {
            None
        } else {
            self.typ
                .clone()
                .or_else(|| p.typ.clone().filter(|t| !t.is_empty()))
        };
        let send_client_id = if self.no_client_id {
            false
        } else if self.client_id_param {
            true
        } else {
            p.client_id_param.unwrap_or(true)
        };
        let client = Client {
            client_id,
            issuer,
            signer,
            aud,
            endpoints,
            lifetime,
            typ,
            x5t: self
                .x5t
                .map(|x| match x {
                    X5tArg::S256 => X5t::S256,
                    X5tArg::Sha1 => X5t::Sha1,
                })
                // A preset's thumbprint header, saved in the profile.
                .or(match p.x5t.as_deref() {
                    Some("s256") => Some(X5t::S256),
                    Some("sha1") => Some(X5t::Sha1),
                    _ => None,
                }),
            nbf: self.nbf || p.nbf.unwrap_or(false),
            extra_claims: extra,
            clock_offset: self.clock_offset.or(p.clock_offset).unwrap_or(0),
            send_client_id,
            auth: match p.auth.as_deref() {
                None => ClientAuth::PrivateKeyJwt,
                Some(m) => ClientAuth::parse(m).ok_or_else(|| {
                    Error::input(
                        format!("profile: token_endpoint_auth_method {m} is not one pkjwt uses"),
                        Some(
                            "private_key_jwt, tls_client_auth or self_signed_tls_client_auth"
                                .into(),
                        ),
                    )
                })?,
            },
            dpop: None,
        };
        Ok(Resolved {
            client,
            metadata: None,
            profile_name,
            profile,
            keystore: ks,
            keystore_path,
            mtls: false,
        })
    }
}

impl Resolved {
    /// The server's revocation endpoint, when known (flags, the profile,
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
        Ok(verify::verify(
            http,
            &self.client,
            &url,
            scope,
            revocation.as_deref(),
        )?)
    }

    /// The URL of an endpoint by metadata key, from the profile or flags, else
    /// from the issuer's metadata (fetched once). Over mutual TLS, the
    /// server's `mtls_endpoint_aliases` (RFC 8705 section 5) come first.
    pub fn endpoint(&mut self, http: &Http, key: &str) -> Result<String, Error> {
        let url = self.endpoint_url(http, key)?;
        if self.mtls && !url.starts_with("https://") {
            return Err(Error::input(
                format!("{url} is not https, and mutual TLS presents the certificate only over TLS"),
                Some("use the server's https endpoint, or leave out --mtls (and the profile's TLS method)".into()),
            ));
        }
        Ok(url)
    }

    fn endpoint_url(&mut self, http: &Http, key: &str) -> Result<String, Error> {
        let alias = format!("{}{key}", crate::oauth::discovery::MTLS_PREFIX);
        if self.mtls {
            if let Some(u) = self.client.endpoints.get(&alias) {
                return Ok(u.clone());
            }
        }
        // Over mutual TLS, `http` read the metadata (and its aliases) already.
        if let Some(u) = self.client.endpoints.get(key) {
            return Ok(u.clone());
        }
        let issuer = self.client.issuer.clone().ok_or_else(|| {
            Error::input(
                format!("the {key} is not known"),
                Some("pass --issuer URL (for discovery) or the endpoint URL itself".into()),
            )
        })?;
        let md = match self.metadata.take() {
            Some(md) => md,
            None => crate::oauth::discovery::discover(http, &issuer)?,
        };
        self.use_metadata(md);
        if self.mtls {
            if let Some(u) = self.client.endpoints.get(&alias) {
                return Ok(u.clone());
            }
        }
        self.client.endpoints.get(key).cloned().ok_or_else(|| {
            Error::input(
                format!("{issuer} has no {key} in its metadata"),
                Some("pass the endpoint URL yourself".into()),
            )
        })
    }

    /// The HTTP client for this client's requests: with the keystore's
    /// certificate and key when it authenticates by mutual TLS or `--mtls`
    /// asks for a certificate-bound token; then the DPoP key when asked.
    pub fn http(&mut self, ui: &Ui, h: &HttpArgs, pop: &PopArgs) -> Result<Http, Error> {
        let profile_mtls = self.profile.as_ref().and_then(|p| p.mtls) == Some(true);
        // A TLS auth method always presents the certificate: it is the credential.
        self.mtls =
            self.client.auth == ClientAuth::Tls || (!pop.no_mtls && (pop.mtls || profile_mtls));
        let identity = if self.mtls {
            Some(self.tls_identity()?)
        } else {
            None
        };
        let http = h.client_with(ui, identity)?;
        if self.mtls {
            self.load_metadata(ui, &http, "mutual TLS is not checked");
            self.check_mtls()?;
        }
        let profile_dpop = self.profile.as_ref().and_then(|p| p.dpop) == Some(true);
        if !pop.no_dpop && (pop.dpop || pop.dpop_kid.is_some() || profile_dpop) {
            self.enable_dpop(ui, &http, pop.dpop_kid.as_deref())?;
        }
        Ok(http)
    }

    /// Keep the metadata, and the endpoints (and mTLS aliases) it names that
    /// flags and the profile do not.
    fn use_metadata(&mut self, md: crate::oauth::discovery::Metadata) {
        for (k, u) in md.endpoints() {
            self.client.endpoints.entry(k).or_insert(u);
        }
        self.metadata = Some(md);
    }

    /// Read the issuer's metadata once, when it is known and not read yet;
    /// a failure is a warning saying what goes `unchecked`.
    fn load_metadata(&mut self, ui: &Ui, http: &Http, unchecked: &str) {
        if self.metadata.is_some() {
            return;
        }
        if let Some(issuer) = self.client.issuer.clone() {
            match crate::oauth::discovery::discover(http, &issuer) {
                Ok(md) => self.use_metadata(md),
                Err(e) => ui.warn(format!(
                    "cannot read {issuer}'s metadata ({e}): {unchecked}"
                )),
            }
        }
    }

    /// Refuse mutual TLS with a server whose metadata shows none of it.
    fn check_mtls(&self) -> Result<(), Error> {
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
        let hint = Some(
            "RFC 8705 needs the server's support: use private_key_jwt without --mtls, or DPoP (--dpop) for bound tokens".to_string(),
        );
        let own = self.profile.as_ref().and_then(|p| p.auth.clone());
        if let (ClientAuth::Tls, Some(m)) = (self.client.auth, own) {
            if !methods.is_empty() && !methods.contains(&m) {
                return Err(Error::input(
                    format!(
                        "{} does not list {m} among its token endpoint auth methods (it lists {})",
                        md.issuer,
                        methods.join(", ")
                    ),
                    hint,
                ));
            }
        }
        if !tls_auth && !bound && !aliases {
            return Err(Error::input(
                format!(
                    "{} does not advertise mutual TLS (RFC 8705): no TLS auth method, no tls_client_certificate_bound_access_tokens, no mtls_endpoint_aliases",
                    md.issuer
                ),
                hint,
            ));
        }
        Ok(())
    }

    /// The signing key's certificate and private key, for mutual TLS.
    fn tls_identity(&self) -> Result<TlsIdentity, Error> {
        let kid = &self.client.signer.kid;
        let entry = self.keystore.get(kid, &self.keystore_path)?;
        let cert = entry.cert.as_deref().ok_or_else(|| {
            Error::input(
                format!(
                    "key {kid} in {} has no certificate, and mutual TLS presents one",
                    self.keystore_path.display()
                ),
                Some("make a key with `pkjwt keygen` (it has a self-signed certificate), or import the CA-issued one with `pkjwt keys import --cert`".into()),
            )
        })?;
        if !crate::keystore::cert::is_v3(cert) {
            return Err(Error::input(
                format!("the certificate of key {kid} is not an X.509 v3 certificate, and TLS takes only v3"),
                Some("have it issued again with extensions (e.g. `openssl x509 -req ... -extfile client.ext`), then `pkjwt keys import --cert`".into()),
            ));
        }
        let key = entry.key.to_pkcs8_der().map_err(|e| match e {
            crate::keystore::keys::KeyError::NotExportable(_) => Error::input(
                format!("key {kid} never leaves its token or agent, and mutual TLS here needs the key in pkjwt's TLS library"),
                Some("use a keystore file for mutual TLS, or DPoP (--dpop) for bound tokens".into()),
            ),
            other => crate::Error::from(other).into(),
        })?;
        Ok(TlsIdentity::from_der(cert, &key))
    }

    /// Sign DPoP proofs: with `kid` when given, else with the client's key
    /// when the server takes its algorithm for DPoP.
    fn enable_dpop(&mut self, ui: &Ui, http: &Http, kid: Option<&str>) -> Result<(), Error> {
        self.load_metadata(ui, http, "the DPoP algorithm is not checked");
        let accepted = self
            .metadata
            .as_ref()
            .and_then(|m| m.list("dpop_signing_alg_values_supported"));
        if let (Some(md), None) = (&self.metadata, &accepted) {
            return Err(Error::input(
                format!(
                    "{} does not advertise DPoP: its metadata has no dpop_signing_alg_values_supported (RFC 9449 section 5.1)",
                    md.issuer
                ),
                Some("the server cannot bind tokens to a DPoP key: leave out --dpop (`pkjwt profile set NAME --no-dpop` for a profile)".into()),
            ));
        }
        let (entry, alg) = dpop_key(
            &self.keystore,
            &self.keystore_path,
            kid,
            self.profile.as_ref(),
            Some((&self.client.signer.kid, self.client.signer.alg)),
        )?;
        match &accepted {
            Some(list) if !list.iter().any(|a| a == alg.as_str()) => {
                let fits: Vec<String> = self
                    .keystore
                    .entries
                    .iter()
                    .filter(|e| list.iter().any(|a| a == e.alg().as_str()))
                    .map(|e| format!("{} ({})", e.kid, e.alg()))
                    .collect();
                return Err(Error::input(
                    format!(
                        "the server takes DPoP proofs signed with {}, and key {} signs {alg}",
                        list.join(", "),
                        entry.kid
                    ),
                    Some(if fits.is_empty() {
                        format!(
                            "make a key for one of them (`pkjwt keygen --keystore {} --alg {}`) and pass --dpop-kid KID",
                            self.keystore_path.display(),
                            list.first().map(String::as_str).unwrap_or("ES256")
                        )
                    } else {
                        format!("pass --dpop-kid with one of: {}", fits.join(", "))
                    }),
                ));
            }
            _ => {}
        }
        self.client.dpop = Some(std::sync::Arc::new(Signer::new(entry, alg)?));
        Ok(())
    }
}
