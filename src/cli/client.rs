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
use crate::oauth::client::{Aud, Client};
use crate::oauth::http::{Http, HttpOptions};
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
        if self.insecure {
            ui.warn("--insecure: TLS certificates are NOT verified; anyone on the network can read and change this exchange");
        }
        let mut http = Http::new(&HttpOptions {
            timeout: Duration::from_secs(self.timeout.max(1)),
            cacert: self.cacert.clone(),
            insecure: self.insecure,
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
    /// The keystore with the client's key [default: the profile's]
    #[arg(short = 'k', long, value_name = "FILE", env = "PKJWT_KEYSTORE")]
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
        let (ks, _pw) = store::open(ui, &store_args)?;
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
            None => super::rotate::signing_entry(&ks, &keystore_path)?,
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
            x5t: self.x5t.map(|x| match x {
                X5tArg::S256 => X5t::S256,
                X5tArg::Sha1 => X5t::Sha1,
            }),
            nbf: self.nbf,
            extra_claims: extra,
            clock_offset: self.clock_offset.or(p.clock_offset).unwrap_or(0),
            send_client_id,
        };
        Ok(Resolved {
            client,
            metadata: None,
            profile_name,
            profile,
            keystore: ks,
            keystore_path,
        })
    }
}

impl Resolved {
    /// The URL of an endpoint by metadata key, from the profile or flags, else
    /// from the issuer's metadata (fetched once).
    pub fn endpoint(&mut self, http: &Http, key: &str) -> Result<String, Error> {
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
        for k in crate::oauth::discovery::ENDPOINTS {
            if let Some(u) = md.str(k) {
                self.client
                    .endpoints
                    .entry((*k).to_string())
                    .or_insert_with(|| u.to_string());
            }
        }
        self.metadata = Some(md);
        self.client.endpoints.get(key).cloned().ok_or_else(|| {
            Error::input(
                format!("{issuer} has no {key} in its metadata"),
                Some("pass the endpoint URL yourself".into()),
            )
        })
    }
}
