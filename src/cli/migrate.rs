//! `pkjwt migrate`: move an existing client off its client secret to
//! private_key_jwt, through RFC 7592 when the server offers it, else with
//! the portal steps and the JWKS and certificate to upload.

use std::path::PathBuf;

use clap::Args;
use serde_json::{json, Value};

use super::client::{ClientArgs, HttpArgs, PopArgs};
use super::password::PasswordArgs;
use super::store::parse_alg;
use super::{config_dir_required, store, GlobalArgs, Ui};
use crate::cli::error::CliError as Error;
use crate::input::{Source, SECRET_LIMIT};
use crate::keystore::keys::Alg;
use crate::oauth::registration;
use crate::oauth::verify::Verification;
use crate::profile::{self, Profile};
use crate::secret::SecretString;

/// Move an existing client off its client secret to private_key_jwt
///
/// With RFC 7592 (--registration-client-uri and its registration access
/// token): reads the registration, writes it back whole with
/// token_endpoint_auth_method private_key_jwt and this keystore's keys
/// (inline jwks, or --jwks-uri), without the server-managed members and the
/// secret; keeps the registration access token the server returns in the
/// profile; then one token request proves it. Without RFC 7592: saves the
/// profile and prints the portal steps, the JWKS and the certificate to
/// upload. Either way, it says what the application must stop sending.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pkjwt keygen --keystore client.p12
  pkjwt migrate --issuer https://as.example --client-id app --keystore client.p12 --profile app \\
      --registration-client-uri https://as.example/reg/app --registration-access-token-file rat.txt
  pkjwt migrate --issuer https://as.example --client-id app --keystore client.p12 --profile app   # portal steps")]
pub struct MigrateArgs {
    /// The issuer identifier
    #[arg(long, value_name = "URL", env = "PKJWT_ISSUER")]
    pub issuer: String,
    /// The client's client_id
    #[arg(long, value_name = "ID", allow_hyphen_values = true)]
    pub client_id: String,
    /// The RFC 7592 client configuration endpoint
    #[arg(long, value_name = "URL")]
    pub registration_client_uri: Option<String>,
    /// Read the RFC 7592 registration access token from the first line of FILE (- for stdin) [default, with --force: the profile's, as a failed migration left it]
    #[arg(long, value_name = "FILE")]
    pub registration_access_token_file: Option<PathBuf>,
    /// The keystore with the client's new key
    #[arg(short = 'k', long, value_name = "FILE", env = "PKJWT_KEYSTORE")]
    pub keystore: PathBuf,
    #[command(flatten)]
    pub password: PasswordArgs,
    /// The key to register and sign with [default: the keystore's only key]
    #[arg(long, value_name = "KID", allow_hyphen_values = true)]
    pub kid: Option<String>,
    /// The signing algorithm [default: the key's]
    #[arg(long, value_name = "ALG", value_parser = parse_alg)]
    pub alg: Option<Alg>,
    /// Register this URL (where you host `pkjwt jwks` output) instead of inline keys
    #[arg(long, value_name = "URL")]
    pub jwks_uri: Option<String>,
    /// The profile to save the client as
    #[arg(short = 'p', long, value_name = "NAME", allow_hyphen_values = true)]
    pub profile: String,
    /// Replace an existing profile of that name
    #[arg(long)]
    pub force: bool,
    /// Do not send the token request that checks the migration
    #[arg(long)]
    pub no_verify: bool,
    #[command(flatten)]
    pub http: HttpArgs,
}

const STOP_SENDING: &str = "the application must stop sending the client secret (client_secret_basic's Authorization header, or client_secret in the form) and send a client assertion instead; then delete the secret wherever it is stored";

pub fn run(ui: &Ui, g: &GlobalArgs, a: &MigrateArgs) -> Result<(), Error> {
    profile::check_name(&a.profile)?;
    let dir = config_dir_required(g)?;
    if !a.force && profile::load_all(&dir)?.contains_key(&a.profile) {
        return Err(Error::input(
            format!("a profile named {:?} exists already", a.profile),
            Some("pass --force to replace it, or choose another --profile".into()),
        ));
    }
    let rat: Option<SecretString> = match (
        &a.registration_access_token_file,
        &a.registration_client_uri,
    ) {
        (Some(f), Some(_)) => Some(
            super::token::read_token(
                Source::from_arg(f),
                "the registration access token",
                SECRET_LIMIT,
            )?
            .into(),
        ),
        (Some(_), None) => {
            return Err(Error::input(
                "--registration-access-token-file goes with --registration-client-uri",
                None,
            ))
        }
        // A rerun after a failed migration: the profile holds the current token.
        (None, Some(_)) => Some(
            profile::load_all(&dir)?
                .get(&a.profile)
                .and_then(|p| p.registration_access_token.clone())
                .ok_or_else(|| {
                    Error::input(
                        "--registration-client-uri needs the registration access token",
                        Some("pass --registration-access-token-file FILE (- for stdin)".into()),
                    )
                })?,
        ),
        (None, None) => None,
    };
    let (ks, _pw) = store::open(
        ui,
        &store::StoreArgs {
            keystore: a.keystore.clone(),
            password: a.password.clone(),
        },
    )?;
    let kids: Vec<String> = a.kid.iter().cloned().collect();
    let entries = ks.select(&kids, &a.keystore)?;
    let signer = *entries.first().ok_or_else(|| {
        Error::input(
            format!("{} holds no keys", a.keystore.display()),
            Some("run `pkjwt keygen` first".into()),
        )
    })?;
    let alg = a.alg.unwrap_or_else(|| signer.alg());
    signer.public().check_alg(alg)?;
    let signing_kid = signer.kid.clone();
    let keys_registered = entries.len();
    let http = a.http.client(ui)?;
    let md = crate::oauth::discovery::discover(&http, &a.issuer)?;
    if let Some(w) = registration::check_method(&md, "private_key_jwt")? {
        ui.warn(w);
    }
    registration::check_alg(&md, alg)?;
    let jwks = crate::keystore::jwks::jwks(&ks, &entries, false);
    let keystore_abs = std::fs::canonicalize(&a.keystore).unwrap_or_else(|_| a.keystore.clone());
    let mut prof = Profile {
        issuer: Some(a.issuer.clone()),
        client_id: a.client_id.clone(),
        keystore: keystore_abs,
        kid: Some(signer.kid.clone()),
        alg: Some(alg.as_str().to_string()),
        endpoints: md.endpoints(),
        jwks_uri: a.jwks_uri.clone(),
        ..Default::default()
    };

    let (Some(uri), Some(rat)) = (&a.registration_client_uri, rat) else {
        // No RFC 7592: the portal does it; pkjwt prepares the rest.
        let saved = profile::save_new(&dir, &a.profile, &prof, a.force)?;
        return portal_steps(ui, a, &saved, &jwks, signer);
    };

    // RFC 7592: read, write back with private_key_jwt, keep the new token.
    let mut current = registration::read(&http, uri, rat.expose())?;
    let read_id = current
        .get("client_id")
        .and_then(Value::as_str)
        .unwrap_or("");
    if read_id != a.client_id {
        return Err(Error::input(
            format!("{uri} holds client {read_id:?}, not {:?}", a.client_id),
            Some(
                "check --client-id and --registration-client-uri: they name different clients"
                    .into(),
            ),
        ));
    }
    let before = current
        .get("token_endpoint_auth_method")
        .and_then(Value::as_str)
        .unwrap_or("client_secret_basic")
        .to_string();
    let rat: SecretString = current
        .get("registration_access_token")
        .and_then(Value::as_str)
        .filter(|t| *t != rat.expose())
        .map(SecretString::from)
        .unwrap_or(rat);
    let body = registration::migration(
        &current,
        a.jwks_uri.is_none().then(|| jwks.clone()),
        a.jwks_uri.as_deref(),
        alg,
    );
    // The secret and the token are not needed in this copy any more.
    if let Some(m) = current.as_object_mut() {
        m.remove("client_secret");
        m.remove("registration_access_token");
    }
    drop(current);
    // The token the read answered with is the one that works now: keep it
    // in the profile before the update, so a failed update loses nothing.
    prof.registration_client_uri = Some(uri.clone());
    prof.registration_access_token = Some(rat.clone());
    prof.scope = body.get("scope").and_then(Value::as_str).map(String::from);
    let saved = profile::save_new(&dir, &a.profile, &prof, a.force)?;
    let resp = match registration::update(&http, uri, rat.expose(), &body) {
        Ok(r) => r,
        Err(e) => {
            ui.warn(format!(
                "the update failed, so the client still authenticates with {before}; profile {saved} holds the registration access token that works now: rerun `pkjwt migrate ... --profile {saved} --force` (without --registration-access-token-file) once the cause is fixed"
            ));
            return Err(e.into());
        }
    };
    let prof =
        registration::updated_profile(&prof, &resp, &signing_kid, alg, prof.keystore.clone());
    profile::save(&dir, &saved, &prof)?;
    let after = resp
        .get("token_endpoint_auth_method")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if after != "private_key_jwt" {
        ui.warn(format!(
            "the server did not switch the client: switch it in its console, then `pkjwt doctor --profile {saved}`"
        ));
        return Err(crate::oauth::http::HttpError::BadResponse {
            url: uri.clone(),
            status: 200,
            what: format!(
                "an update that keeps token_endpoint_auth_method {after:?}, not private_key_jwt"
            ),
            snippet: String::new(),
            info: Default::default(),
        }
        .into());
    }

    // One token request proves it (when the client may use client_credentials).
    let grants: Vec<&str> = resp
        .get("grant_types")
        .and_then(Value::as_array)
        .map(|l| l.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let verified = if a.no_verify || !grants.contains(&"client_credentials") {
        None
    } else {
        let client = ClientArgs {
            profile: Some(saved.clone()),
            ..Default::default()
        };
        let mut r = client.resolve_opened(
            ui,
            Some(saved.clone()),
            Some(prof.clone()),
            prof.client_id.clone(),
            ks,
            a.keystore.clone(),
        )?;
        r.metadata = Some(md);
        let http = r.http(ui, &a.http, &PopArgs::default())?;
        Some(match r.verify(&http, prof.scope.as_deref())? {
            Verification::Issued { url, notes } => {
                notes.iter().for_each(|n| ui.note(n));
                Ok(url)
            }
            Verification::Refused { error, .. } => Err(*error),
        })
    };
    if ui.json {
        let mut shown = resp.clone();
        crate::oauth::http::redact_json(&mut shown);
        ui.out_json(&json!({
            "profile": saved,
            "client_id": a.client_id,
            "method": {"before": before, "after": after},
            "kid": signing_kid,
            "alg": alg.as_str(),
            "verified": match &verified {
                None => Value::Null,
                Some(Ok(_)) => true.into(),
                Some(Err(_)) => false.into(),
            },
            "stop_sending": "client_secret",
            "response": shown,
        }))?;
    } else {
        let mut s = format!(
            "Migrated client {} from {before} to private_key_jwt (profile {saved})\n  signs with {} ({alg})\n  keys:      {}\n",
            a.client_id,
            signing_kid,
            match &a.jwks_uri {
                Some(u) => format!("hosted at {u}: publish `pkjwt jwks --keystore {}` there", a.keystore.display()),
                None => format!("{keys_registered} inline"),
            }
        );
        match &verified {
            Some(Ok(url)) => s.push_str(&format!("  verified:  {url} issued a token\n")),
            Some(Err(e)) => s.push_str(&format!("  verified:  the token request was refused: {e}\n")),
            None => s.push_str("  verified:  not checked (the client has no client_credentials grant); run `pkjwt doctor --profile NAME`\n"),
        }
        s.push_str(&format!("\nNow {STOP_SENDING}.\n"));
        ui.out(s)?;
    }
    match verified {
        Some(Err(e)) => Err(Error::Findings(format!(
            "the migrated client's token request was refused ({e}); `pkjwt doctor --profile {saved}` finds out why"
        ))),
        _ => Ok(()),
    }
}

/// Without RFC 7592: what to do in the server's console, and what to upload.
fn portal_steps(
    ui: &Ui,
    a: &MigrateArgs,
    saved: &str,
    jwks: &Value,
    signer: &crate::keystore::Entry,
) -> Result<(), Error> {
    let jwks_text = crate::keystore::jwks::to_string(jwks);
    let cert = signer
        .cert
        .as_deref()
        .map(|c| pem::encode(&pem::Pem::new("CERTIFICATE", c.to_vec())));
    if ui.json {
        return ui.out_json(&json!({
            "profile": saved,
            "client_id": a.client_id,
            "rfc7592": false,
            "jwks": jwks,
            "certificate": cert,
            "stop_sending": "client_secret",
        }));
    }
    let mut s = format!(
        "Saved profile {saved} for client {}. The server's registration cannot be changed from here\n\
         (no --registration-client-uri), so in its console:\n\n\
         1. Open the client {} and set its token endpoint authentication to private_key_jwt\n\
         \x20  (\"JWT signed with private key\", \"Private key JWT\", \"Signed JWT\").\n\
         2. Give it the public key, whichever the console takes:\n\
         \x20  - a JWKS (paste the one below, or host it and give its URL), or\n\
         \x20  - a certificate (upload the one below, as Entra ID and Salesforce take).\n\
         3. If it asks, choose the algorithm {}.\n\
         4. Check: pkjwt doctor --profile {saved}\n\
         5. Then {STOP_SENDING}.\n\nJWKS:\n{jwks_text}",
        a.client_id,
        a.client_id,
        signer.alg(),
    );
    if let Some(c) = &cert {
        s.push_str(&format!("\nCertificate of {}:\n{c}", signer.kid));
    }
    ui.out(s)
}
