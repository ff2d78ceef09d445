//! Options shared by the commands that talk to a server, and their
//! resolution, once, in a fixed precedence: flag, environment, profile,
//! default.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};

use super::password::PasswordArgs;
use super::store::parse_alg;
use super::{store, Ui};
use crate::cli::error::CliError as Error;
use crate::keystore::keys::Alg;
use crate::keystore::Keystore;
use crate::oauth::assertion::{X5t, TYP_CLIENT_AUTH};
use crate::oauth::client::Aud;
use crate::oauth::http::{Http, HttpOptions, TlsIdentity};
use crate::profile::Profile;
use crate::session::{ClientSettings, PopSettings, Session, Typ};

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
        if ui.verbose > 0 {
            http.trace = Some(std::sync::Arc::new(|line: &str| eprintln!("{line}")));
        }
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

/// Everything a per-request command needs, resolved: the library's [`Session`].
pub type Resolved = Session;

impl PopArgs {
    /// The library's proof-of-possession settings: `--no-*` wins, then the
    /// flag, then the profile.
    pub fn settings(&self) -> PopSettings {
        let choice = |off: bool, on: bool| match (off, on) {
            (true, _) => Some(false),
            (false, true) => Some(true),
            (false, false) => None,
        };
        PopSettings {
            dpop: choice(self.no_dpop, self.dpop),
            dpop_kid: self.dpop_kid.clone(),
            mtls: choice(self.no_mtls, self.mtls),
        }
    }
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
        let settings = self.settings()?;
        Ok(Session::resolve(
            &settings,
            profile_name,
            profile,
            client_id,
            ks,
            keystore_path,
            ui,
        )?)
    }

    /// The library's client settings from the flags.
    pub fn settings(&self) -> Result<ClientSettings, Error> {
        let mut claims = serde_json::Map::new();
        for c in &self.claims {
            let (k, v) = parse_kv(c)?;
            claims.insert(k, v);
        }
        Ok(ClientSettings {
            issuer: self.issuer.clone(),
            kid: self.kid.clone(),
            alg: self.alg,
            token_endpoint: self.token_endpoint.clone(),
            aud: self.aud.clone(),
            lifetime: self.lifetime,
            typ: match (&self.typ, self.no_typ) {
                (_, true) => Typ::Omit,
                (Some(t), false) => Typ::Set(t.clone()),
                (None, false) => Typ::Profile,
            },
            x5t: self.x5t.map(|x| match x {
                X5tArg::S256 => X5t::S256,
                X5tArg::Sha1 => X5t::Sha1,
            }),
            nbf: self.nbf,
            claims,
            clock_offset: self.clock_offset,
            send_client_id: if self.no_client_id {
                Some(false)
            } else if self.client_id_param {
                Some(true)
            } else {
                None
            },
        })
    }
}

impl Session {
    /// The HTTP client for this client's requests, from the HTTP options
    /// and the proof-of-possession flags ([`Session::connect`]).
    pub fn http(&mut self, ui: &Ui, h: &HttpArgs, pop: &PopArgs) -> Result<Http, Error> {
        Ok(self.connect(
            |identity| h.client_with(ui, identity).map_err(super::password::boxed),
            &pop.settings(),
            ui,
        )?)
    }
}
