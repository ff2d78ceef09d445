//! `pkjwt profile list|show|remove|add`: the saved clients.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::{json, Value};

use super::client::HttpArgs;
use super::store::parse_alg;
use super::{config_dir_required, GlobalArgs, Ui};
use crate::cli::error::CliError as Error;
use crate::keystore::keys::Alg;
use crate::oauth::client::Aud;
use crate::profile::{self, Profile};

/// Manage saved client profiles (in profiles.toml in the config directory)
#[allow(clippy::large_enum_variant)] // parsed once per run
#[derive(Subcommand, Debug)]
// Each subcommand's arguments are built only when it runs (start-up).
#[command(defer = true)]
pub enum ProfileCommand {
    List,
    Show(ShowArgs),
    Remove(RemoveArgs),
    Add(AddArgs),
    Set(SetArgs),
}

/// The settings `profile set --unset` clears.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Field {
    Aud,
    Kid,
    Alg,
    Lifetime,
    Typ,
    ClientIdParam,
    ClockOffset,
    Scope,
    Dpop,
    DpopKid,
    Mtls,
    Cache,
    /// The mark `register` leaves on a profile whose registration is not
    /// what was asked (once the registration is fixed at the server).
    RegistrationMismatch,
    IntrospectionEndpoint,
    RevocationEndpoint,
    RedirectUri,
}

/// Change how a profile's assertions and requests look (what `doctor --fix` saves)
///
/// Every command that takes --profile uses these, below its own flags.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pkjwt profile set prod --aud token-endpoint
  pkjwt profile set prod --kid KID --alg PS256 --lifetime 30
  pkjwt profile set prod --no-client-id --typ client-authentication+jwt
  pkjwt profile set prod --unset aud --unset lifetime")]
pub struct SetArgs {
    /// The profile
    pub name: String,
    /// Assertion audience: issuer, token-endpoint, endpoint or a URL
    #[arg(long, value_name = "AUD", value_parser = Aud::parse)]
    pub aud: Option<Aud>,
    /// The key that signs
    #[arg(long, value_name = "KID", allow_hyphen_values = true)]
    pub kid: Option<String>,
    /// The signing algorithm
    #[arg(long, value_name = "ALG", value_parser = parse_alg)]
    pub alg: Option<Alg>,
    /// Assertion lifetime in seconds
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=86400))]
    pub lifetime: Option<u64>,
    /// The typ header of assertions
    #[arg(long, value_name = "TYP", conflicts_with = "no_typ")]
    pub typ: Option<String>,
    /// No typ header
    #[arg(long)]
    pub no_typ: bool,
    /// Do not send client_id beside the assertion
    #[arg(long, conflicts_with = "client_id_param")]
    pub no_client_id: bool,
    /// Send client_id beside the assertion
    #[arg(long)]
    pub client_id_param: bool,
    /// Seconds added to the local clock when minting (-86400 to 86400)
    #[arg(long, value_name = "SECONDS", allow_hyphen_values = true,
          value_parser = clap::value_parser!(i64).range(-crate::profile::MAX_CLOCK_OFFSET..=crate::profile::MAX_CLOCK_OFFSET))]
    pub clock_offset: Option<i64>,
    /// The scope requested when a command gives none
    #[arg(long, value_name = "SCOPES")]
    pub scope: Option<String>,
    /// Send DPoP proofs (RFC 9449) with requests
    #[arg(long, conflicts_with = "no_dpop")]
    pub dpop: bool,
    /// No DPoP proofs
    #[arg(long)]
    pub no_dpop: bool,
    /// The key that signs DPoP proofs, when not the client's key
    #[arg(long, value_name = "KID", allow_hyphen_values = true)]
    pub dpop_kid: Option<String>,
    /// Present the certificate over TLS with private_key_jwt (certificate-bound tokens, RFC 8705)
    #[arg(long, conflicts_with = "no_mtls")]
    pub mtls: bool,
    /// Do not present the certificate
    #[arg(long)]
    pub no_mtls: bool,
    /// Keep access tokens for reuse, as `pkjwt token --cache` does (see `pkjwt cache --help`)
    #[arg(long, conflicts_with = "no_cache")]
    pub cache: bool,
    /// Do not keep access tokens
    #[arg(long)]
    pub no_cache: bool,
    /// The introspection endpoint (a server that lists it nowhere: Ory Hydra's admin port)
    #[arg(long, value_name = "URL")]
    pub introspection_endpoint: Option<String>,
    /// The revocation endpoint
    #[arg(long, value_name = "URL")]
    pub revocation_endpoint: Option<String>,
    /// The redirect URI `pkjwt login` uses (http://127.0.0.1:PORT/callback, as registered)
    #[arg(long, value_name = "URI", value_parser = redirect_uri)]
    pub redirect_uri: Option<String>,
    /// Remove a setting (the default applies again); repeat
    #[arg(long, value_name = "FIELD", value_enum)]
    pub unset: Vec<Field>,
}

/// Show one profile (the registration access token is redacted unless asked for)
#[derive(Args, Debug)]
pub struct ShowArgs {
    /// The profile
    pub name: String,
    /// Show the registration access token too
    #[arg(long)]
    pub show_secrets: bool,
}

/// Remove a profile (the registration at the server is not touched)
#[derive(Args, Debug)]
pub struct RemoveArgs {
    /// The profile
    pub name: String,
}

/// Add a client registered out of band (in a portal such as Okta or Entra ID)
///
/// With --issuer, the server's endpoints are read from its metadata now, so
/// later requests need no discovery; pass --no-discover to skip that and
/// give --token-endpoint yourself.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pkjwt profile add entra --issuer https://login.microsoftonline.com/TENANT/v2.0 \\
      --client-id 00000000-0000-0000-0000-000000000000 --keystore client.p12 --alg PS256
  pkjwt profile add legacy --issuer https://as.example --client-id app \\
      --keystore client.p12 --aud token-endpoint
  pkjwt profile add entra --preset entra --tenant contoso.onmicrosoft.com \\
      --client-id 00000000-0000-0000-0000-000000000000 --keystore client.p12
  pkjwt profile add okta --preset okta --domain dev-1.okta.com --auth-server default \\
      --client-id 0oa1 --keystore client.p12")]
pub struct AddArgs {
    /// The profile name
    pub name: String,
    /// The issuer identifier
    #[arg(long, value_name = "URL")]
    pub issuer: Option<String>,
    /// The client_id the server gave
    #[arg(long, value_name = "ID", allow_hyphen_values = true)]
    pub client_id: String,
    /// The keystore with the client's key
    #[arg(short = 'k', long, value_name = "FILE")]
    pub keystore: PathBuf,
    /// The key that signs [default: the keystore's only key]
    #[arg(long, value_name = "KID", allow_hyphen_values = true)]
    pub kid: Option<String>,
    /// The signing algorithm [default: the key's]
    #[arg(long, value_name = "ALG", value_parser = parse_alg)]
    pub alg: Option<Alg>,
    /// The token endpoint [default: from the issuer's metadata]
    #[arg(long, value_name = "URL")]
    pub token_endpoint: Option<String>,
    /// Assertion audience: issuer (default), token-endpoint, endpoint or a URL
    #[arg(long, value_name = "AUD", value_parser = Aud::parse)]
    pub aud: Option<Aud>,
    /// The RFC 7592 client configuration endpoint, if the server gave one
    #[arg(long, value_name = "URL", requires = "registration_access_token_file")]
    pub registration_client_uri: Option<String>,
    /// Read the RFC 7592 registration access token from the first line of FILE
    #[arg(long, value_name = "FILE", requires = "registration_client_uri")]
    pub registration_access_token_file: Option<PathBuf>,
    /// The redirect URI registered for the client (in the server's console), which `pkjwt login` uses
    #[arg(long, value_name = "URI", value_parser = redirect_uri)]
    pub redirect_uri: Option<String>,
    /// Do not fetch the issuer's metadata now (implied by --preset)
    #[arg(long)]
    pub no_discover: bool,
    #[command(flatten)]
    pub place: super::presets::PlaceArgs,
    /// Replace an existing profile of that name
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub http: HttpArgs,
}

pub fn run(ui: &Ui, g: &GlobalArgs, c: &ProfileCommand) -> Result<(), Error> {
    let dir = config_dir_required(g)?;
    match c {
        ProfileCommand::List => {
            let all = profile::load_all(&dir)?;
            if ui.json {
                let list: Vec<_> = all
                    .iter()
                    .map(|(n, p)| json!({"name": n, "issuer": p.issuer, "client_id": p.client_id, "keystore": p.keystore.display().to_string(), "kid": p.kid, "preset": p.preset}))
                    .collect();
                return ui.out_json(&json!({ "profiles": list, "file": profile::file_path(&dir).display().to_string() }));
            }
            if all.is_empty() {
                ui.note(format!(
                    "no profiles in {}",
                    profile::file_path(&dir).display()
                ));
                return Ok(());
            }
            let mut s = String::new();
            for (n, p) in &all {
                s.push_str(&format!(
                    "{n:<16} {:<24} {}\n",
                    p.client_id,
                    p.issuer.as_deref().unwrap_or("(no issuer)")
                ));
            }
            ui.out(s)
        }
        ProfileCommand::Show(a) => {
            let mut p = profile::load(&dir, &a.name)?;
            if !a.show_secrets && p.registration_access_token.is_some() {
                p.registration_access_token = Some("(redacted; --show-secrets shows it)".into());
            }
            if ui.json {
                let mut v =
                    serde_json::to_value(&p).map_err(|e| crate::Error::Internal(e.to_string()))?;
                v["name"] = a.name.clone().into();
                return ui.out_json(&v);
            }
            let mut one = BTreeMap::new();
            one.insert(a.name.clone(), p);
            let text = toml::to_string_pretty(&json!({ "profiles": one }))
                .map_err(|e| crate::Error::Internal(e.to_string()))?;
            ui.out(text)
        }
        ProfileCommand::Remove(a) => {
            profile::update(&dir, |all| match all.remove(&a.name) {
                Some(_) => Ok(()),
                None => Err(crate::Error::NoProfile {
                    name: a.name.clone(),
                    path: profile::file_path(&dir),
                    available: all.keys().cloned().collect(),
                }),
            })?;
            if ui.json {
                return ui.out_json(&json!({ "removed": a.name }));
            }
            ui.out(format!("Removed profile {}\n", a.name))?;
            ui.note("the client is still registered at the server");
            Ok(())
        }
        ProfileCommand::Add(a) => add(ui, &dir, a),
        ProfileCommand::Set(a) => set(ui, &dir, a),
    }
}

/// The changes `set` makes, as `(field, new value)`; null for removed.
fn changes(a: &SetArgs) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::Value;
    let mut m = serde_json::Map::new();
    for f in &a.unset {
        let name = match f {
            Field::Aud => "aud",
            Field::Kid => "kid",
            Field::Alg => "alg",
            Field::Lifetime => "lifetime",
            Field::Typ => "typ",
            Field::ClientIdParam => "client_id_param",
            Field::ClockOffset => "clock_offset",
            Field::Scope => "scope",
            Field::Dpop => "dpop",
            Field::DpopKid => "dpop_kid",
            Field::Mtls => "mtls",
            Field::Cache => "cache",
            Field::RegistrationMismatch => "registration_mismatch",
            Field::IntrospectionEndpoint => "introspection_endpoint",
            Field::RevocationEndpoint => "revocation_endpoint",
            Field::RedirectUri => "redirect_uri",
        };
        m.insert(name.into(), Value::Null);
    }
    if let Some(x) = &a.aud {
        m.insert("aud".into(), x.as_setting().into());
    }
    if let Some(x) = &a.kid {
        m.insert("kid".into(), x.clone().into());
        // The algorithm belonged to the old key: the new key's own applies.
        if a.alg.is_none() {
            m.insert("alg".into(), Value::Null);
        }
    }
    if let Some(x) = a.alg {
        m.insert("alg".into(), x.as_str().into());
    }
    if let Some(x) = a.lifetime {
        m.insert("lifetime".into(), x.into());
    }
    if let Some(x) = &a.typ {
        m.insert("typ".into(), x.clone().into());
    }
    if a.no_typ {
        m.insert("typ".into(), "".into());
    }
    if a.no_client_id || a.client_id_param {
        m.insert("client_id_param".into(), a.client_id_param.into());
    }
    if let Some(x) = a.clock_offset {
        m.insert("clock_offset".into(), x.into());
    }
    if let Some(x) = &a.scope {
        m.insert("scope".into(), x.clone().into());
    }
    if a.dpop || a.no_dpop {
        m.insert("dpop".into(), a.dpop.into());
    }
    if a.mtls || a.no_mtls {
        m.insert("mtls".into(), a.mtls.into());
    }
    if a.cache || a.no_cache {
        m.insert("cache".into(), a.cache.into());
    }
    if let Some(k) = &a.dpop_kid {
        m.insert("dpop_kid".into(), k.clone().into());
    }
    for (k, v) in [
        ("introspection_endpoint", &a.introspection_endpoint),
        ("revocation_endpoint", &a.revocation_endpoint),
        ("redirect_uri", &a.redirect_uri),
    ] {
        if let Some(u) = v {
            m.insert(k.into(), u.clone().into());
        }
    }
    m
}

/// A redirect URI: an absolute http(s) URL without a fragment (RFC 6749 section 3.1.2).
pub fn redirect_uri(s: &str) -> Result<String, String> {
    if !(s.starts_with("http://") || s.starts_with("https://")) || s.contains('#') {
        return Err("a redirect URI is an absolute http:// or https:// URL without a fragment, e.g. http://127.0.0.1:8400/callback".into());
    }
    Ok(s.to_string())
}

fn set(ui: &Ui, dir: &std::path::Path, a: &SetArgs) -> Result<(), Error> {
    let changed = changes(a);
    if changed.is_empty() {
        return Err(Error::input(
            "nothing to change",
            Some("pass a setting: --aud, --kid, --alg, --lifetime, --typ, --no-typ, --no-client-id, --client-id-param, --clock-offset, --scope, --dpop, --no-dpop, --dpop-kid, --mtls, --no-mtls, --cache, --no-cache, --introspection-endpoint, --revocation-endpoint, --redirect-uri, --unset FIELD".into()),
        ));
    }
    for k in ["introspection_endpoint", "revocation_endpoint"] {
        if let Some(Value::String(u)) = changed.get(k) {
            if !(u.starts_with("https://") || u.starts_with("http://")) {
                return Err(Error::input(
                    format!("--{} {u:?} is not an http(s) URL", k.replace('_', "-")),
                    None,
                ));
            }
        }
    }
    if let Some(Value::String(t)) = changed.get("typ") {
        if t.contains(char::is_control) {
            return Err(Error::input("--typ holds control characters", None));
        }
    }
    profile::update(dir, |all| {
        let Some(p) = all.get_mut(&a.name) else {
            return Err(crate::Error::NoProfile {
                name: a.name.clone(),
                path: profile::file_path(dir),
                available: all.keys().cloned().collect(),
            });
        };
        for f in &a.unset {
            match f {
                Field::Aud => p.aud = None,
                Field::Kid => p.kid = None,
                Field::Alg => p.alg = None,
                Field::Lifetime => p.lifetime = None,
                Field::Typ => p.typ = None,
                Field::ClientIdParam => p.client_id_param = None,
                Field::ClockOffset => p.clock_offset = None,
                Field::Scope => p.scope = None,
                Field::Dpop => p.dpop = None,
                Field::DpopKid => p.dpop_kid = None,
                Field::Mtls => p.mtls = None,
                Field::Cache => p.cache = None,
                Field::RegistrationMismatch => p.registration_mismatch = None,
                Field::IntrospectionEndpoint => {
                    p.endpoints.remove("introspection_endpoint");
                }
                Field::RevocationEndpoint => {
                    p.endpoints.remove("revocation_endpoint");
                }
                Field::RedirectUri => p.redirect_uri = None,
            }
        }
        if let Some(x) = &a.aud {
            p.aud = Some(x.as_setting());
        }
        if let Some(x) = &a.kid {
            if p.kid.as_ref() != Some(x) {
                p.alg = None;
            }
            p.kid = Some(x.clone());
        }
        if let Some(x) = a.alg {
            p.alg = Some(x.as_str().to_string());
        }
        if let Some(x) = a.lifetime {
            p.lifetime = Some(x);
        }
        if let Some(x) = &a.typ {
            p.typ = Some(x.clone());
        }
        if a.no_typ {
            p.typ = Some(String::new());
        }
        if a.no_client_id || a.client_id_param {
            p.client_id_param = Some(a.client_id_param);
        }
        if let Some(x) = a.clock_offset {
            p.clock_offset = Some(x);
        }
        if let Some(x) = &a.scope {
            p.scope = Some(x.clone());
        }
        if a.dpop || a.no_dpop {
            p.dpop = Some(a.dpop);
        }
        if a.mtls || a.no_mtls {
            p.mtls = Some(a.mtls);
        }
        if a.cache || a.no_cache {
            p.cache = Some(a.cache);
        }
        if let Some(k) = &a.dpop_kid {
            p.dpop_kid = Some(k.clone());
        }
        if let Some(u) = &a.redirect_uri {
            p.redirect_uri = Some(u.clone());
        }
        for (k, v) in [
            ("introspection_endpoint", &a.introspection_endpoint),
            ("revocation_endpoint", &a.revocation_endpoint),
        ] {
            if let Some(u) = v {
                p.endpoints.insert(k.to_string(), u.clone());
            }
        }
        p.updated = Some(crate::keystore::cert::rfc3339_now());
        Ok(())
    })?;
    if ui.json {
        return ui.out_json(&json!({ "profile": a.name, "changed": changed }));
    }
    let shown: Vec<String> = changed
        .iter()
        .map(|(k, v)| match v {
            Value::Null => format!("{k} removed"),
            Value::String(s) if s.is_empty() => format!("{k} none"),
            Value::String(s) => format!("{k} = {s}"),
            other => format!("{k} = {other}"),
        })
        .collect();
    ui.out(format!(
        "Updated profile {}: {}\n",
        a.name,
        shown.join(", ")
    ))
}

fn exists(name: &str) -> Error {
    Error::input(
        format!("a profile named {name:?} exists already"),
        Some("pass --force to replace it".into()),
    )
}

fn add(ui: &Ui, dir: &std::path::Path, a: &AddArgs) -> Result<(), Error> {
    profile::check_name(&a.name)?;
    if !a.force && profile::load_all(dir)?.contains_key(&a.name) {
        return Err(exists(&a.name));
    }
    if a.issuer.is_none() && a.token_endpoint.is_none() && a.place.preset.is_none() {
        return Err(Error::input(
            "a profile needs --issuer or --token-endpoint",
            Some("the issuer is the usual assertion audience; give it".into()),
        ));
    }
    if !a.keystore.exists() && !crate::keystore::pkcs11::is_uri(&a.keystore) {
        return Err(Error::Lib(crate::Error::Io {
            op: "read",
            path: a.keystore.clone(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        }));
    }
    let mut endpoints = BTreeMap::new();
    // A preset gives the endpoints: no discovery.
    let no_discover = a.no_discover || a.place.preset.is_some();
    if let (Some(issuer), false) = (&a.issuer, no_discover) {
        let http = a.http.client(ui)?;
        let md = crate::oauth::discovery::discover(&http, issuer)?;
        endpoints = md.endpoints();
        if !md.accepts_private_key_jwt() {
            ui.warn(format!(
                "{issuer} does not list private_key_jwt among its token endpoint auth methods"
            ));
        }
        if let Some(alg) = a.alg {
            if md.accepts_alg(alg) == Some(false) {
                ui.warn(format!(
                    "{issuer} does not list {alg} for client assertions"
                ));
            }
        }
    }
    if let Some(t) = &a.token_endpoint {
        endpoints.insert("token_endpoint".into(), t.clone());
    }
    let rat = a
        .registration_access_token_file
        .as_deref()
        .map(|f| super::read_first_line(f, "registration access token"))
        .transpose()?;
    let p = Profile {
        registration_client_uri: a.registration_client_uri.clone(),
        registration_access_token: rat.map(Into::into),
        issuer: a.issuer.clone(),
        client_id: a.client_id.clone(),
        keystore: std::fs::canonicalize(&a.keystore).unwrap_or_else(|_| a.keystore.clone()),
        kid: a.kid.clone(),
        alg: a.alg.map(|x| x.as_str().to_string()),
        aud: a.aud.as_ref().map(Aud::as_setting),
        redirect_uri: a.redirect_uri.clone(),
        endpoints,
        ..Default::default()
    };
    let mut p = p;
    let preset = super::presets::apply(&a.place, a.issuer.as_deref(), &mut p)?;
    // Checked again under the lock: another writer may have added it meanwhile.
    let now = crate::keystore::cert::rfc3339_now();
    let p = Profile {
        created: Some(now.clone()),
        updated: Some(now),
        ..p
    };
    profile::update(dir, |all| {
        if !a.force && all.contains_key(&a.name) {
            return Err(exists(&a.name));
        }
        all.insert(a.name.clone(), p);
        Ok(())
    })?;
    if ui.json {
        return ui.out_json(&json!({ "profile": a.name, "client_id": a.client_id, "preset": preset.as_ref().map(|x| &x.name) }));
    }
    ui.out(format!(
        "Saved profile {} for client {}\n",
        a.name, a.client_id
    ))?;
    if let Some(pr) = &preset {
        ui.note(format!(
            "  preset:    {} (pkjwt presets show {} lists its rules)",
            pr.title, pr.name
        ));
        ui.note(format!("  register the key: {}", pr.register.how));
        if pr.grant == "jwt-bearer" {
            ui.note("  this provider uses the JWT bearer grant (RFC 7523 section 2.1), not client authentication");
        }
        if let Some(t) = &pr.token_command {
            ui.note(format!(
                "next: {}",
                t.replace(" NAME ", &format!(" {} ", a.name))
            ));
            return Ok(());
        }
    }
    ui.note(format!("next: pkjwt token --profile {}", a.name));
    Ok(())
}
