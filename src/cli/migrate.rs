//! `pkjwt migrate`: move an existing client off its client secret to
//! private_key_jwt, through RFC 7592 when the server offers it, else with
//! the portal steps and the JWKS and certificate to upload.

use std::path::PathBuf;

use clap::Args;
use serde_json::{json, Value};

use super::client::HttpArgs;
use super::password::PasswordArgs;
use super::store::parse_alg;
use super::{config_dir_required, store, GlobalArgs, Ui};
use crate::cli::error::CliError as Error;
use crate::input::{Source, SECRET_LIMIT};
use crate::keystore::keys::Alg;
use crate::migration::{self, MigrateError, MigrateOptions, Migration, STOP_SENDING};
use crate::profile;
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

pub fn run(ui: &Ui, g: &GlobalArgs, a: &MigrateArgs) -> Result<(), Error> {
    let mut o = MigrateOptions::new(
        config_dir_required(g)?,
        a.profile.clone(),
        a.issuer.clone(),
        a.client_id.clone(),
        a.keystore.clone(),
    );
    o.force = a.force;
    o.kid = a.kid.clone();
    o.alg = a.alg;
    o.jwks_uri = a.jwks_uri.clone();
    o.verify = !a.no_verify;
    // Refused before a token or the keystore's password is read.
    migration::check(&o)?;
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
            profile::load_all(&o.config_dir)?
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
    o.registration = a.registration_client_uri.clone().zip(rat);
    let (ks, _pw) = store::open(
        ui,
        &store::StoreArgs {
            keystore: a.keystore.clone(),
            password: a.password.clone(),
        },
    )?;
    let http = a.http.client(ui)?;
    let done = match migration::migrate(&o, ks, &http, ui) {
        Ok(m) => m,
        Err(crate::Error::Migrate(MigrateError::UpdateFailed {
            before,
            profile,
            source,
        })) => {
            ui.warn(format!(
                "the update failed, so the client still authenticates with {before}; profile {profile} holds the registration access token that works now: rerun `pkjwt migrate ... --profile {profile} --force` (without --registration-access-token-file) once the cause is fixed"
            ));
            return Err((*source).into());
        }
        Err(crate::Error::Migrate(MigrateError::NotSwitched {
            uri,
            after,
            profile,
        })) => {
            ui.warn(format!(
                "the server did not switch the client: switch it in its console, then `pkjwt doctor --profile {profile}`"
            ));
            return Err(crate::oauth::http::HttpError::BadResponse {
                url: uri,
                status: 200,
                what: format!(
                    "an update that keeps token_endpoint_auth_method {after:?}, not private_key_jwt"
                ),
                snippet: String::new(),
                info: Default::default(),
            }
            .into());
        }
        Err(e) => return Err(e.into()),
    };
    match done {
        Migration::Portal {
            profile,
            jwks,
            certificate,
            kid,
            alg,
        } => portal_steps(ui, a, &profile, &jwks, certificate, (&kid, alg)),
        Migration::Updated {
            profile: saved,
            before,
            kid,
            alg,
            keys_registered,
            verified,
            response,
        } => {
            if ui.json {
                ui.out_json(&json!({
                    "profile": saved,
                    "client_id": a.client_id,
                    "method": {"before": before, "after": "private_key_jwt"},
                    "kid": kid,
                    "alg": alg.as_str(),
                    "verified": match &verified {
                        None => Value::Null,
                        Some(Ok(_)) => true.into(),
                        Some(Err(_)) => false.into(),
                    },
                    "stop_sending": "client_secret",
                    "response": response,
                }))?;
            } else {
                let mut s = format!(
                    "Migrated client {} from {before} to private_key_jwt (profile {saved})\n  signs with {kid} ({alg})\n  keys:      {}\n",
                    a.client_id,
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
    }
}

/// Without RFC 7592: what to do in the server's console, and what to upload.
fn portal_steps(
    ui: &Ui,
    a: &MigrateArgs,
    saved: &str,
    jwks: &Value,
    cert: Option<String>,
    (kid, alg): (&str, Alg),
) -> Result<(), Error> {
    let jwks_text = crate::keystore::jwks::to_string(jwks);
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
        alg,
    );
    if let Some(c) = &cert {
        s.push_str(&format!("\nCertificate of {kid}:\n{c}"));
    }
    ui.out(s)
}
