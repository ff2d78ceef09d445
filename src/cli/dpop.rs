//! `pkjwt dpop`: one DPoP proof (RFC 9449) for a request to a resource
//! server, for `curl -H "DPoP: $(pkjwt dpop ...)"`.

use std::path::PathBuf;

use clap::Args;
use serde_json::json;

use super::password::PasswordArgs;
use super::token::read_token;
use super::{store, GlobalArgs, Ui};
use crate::cli::error::CliError as Error;
use crate::input::{Source, SECRET_LIMIT};
use crate::oauth::assertion::{self, Signer};
use crate::oauth::dpop;

/// Print a DPoP proof (RFC 9449) for one request to a resource server
///
/// The proof is a JWT with typ dpop+jwt and the public key in its jwk
/// header, claims htm (the method), htu (the URL without query and
/// fragment), iat, a fresh jti, ath (the SHA-256 of the access token read
/// from the first line of --access-token-file, - for stdin) and nonce when
/// the server gave one. It is signed by the key `pkjwt token --dpop` uses:
/// --dpop-kid, else the profile's dpop_kid, else the profile's key with its
/// algorithm.
/// Send it with the DPoP-bound token: `Authorization: DPoP TOKEN` and
/// `DPoP: PROOF`. A proof is for one request: mint a new one for each.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pkjwt token --profile prod --dpop --field access_token > token.txt
  curl -H \"Authorization: DPoP $(cat token.txt)\" \\
       -H \"DPoP: $(pkjwt dpop --profile prod --url https://api.example/v1/items --access-token-file token.txt)\" \\
       https://api.example/v1/items
  pkjwt dpop --keystore client.p12 --method POST --url https://api.example/v1/items --nonce eyJ7S_zG")]
pub struct DpopArgs {
    /// Use this profile's keystore, key and clock offset
    #[arg(
        short = 'p',
        long,
        value_name = "NAME",
        env = "PKJWT_PROFILE",
        allow_hyphen_values = true
    )]
    pub profile: Option<String>,
    /// The keystore with the proof key [default: the profile's]
    #[arg(short = 'k', long, value_name = "FILE", env = "PKJWT_KEYSTORE")]
    pub keystore: Option<PathBuf>,
    #[command(flatten)]
    pub password: PasswordArgs,
    /// The key that signs the proof [default: the profile's dpop_kid, else its key, else the keystore's only key]
    #[arg(
        long,
        value_name = "KID",
        env = "PKJWT_DPOP_KID",
        allow_hyphen_values = true
    )]
    pub dpop_kid: Option<String>,
    /// The HTTP method of the request
    #[arg(long, value_name = "METHOD", default_value = "GET")]
    pub method: String,
    /// The URL of the request (query and fragment are left out of htu)
    #[arg(long, value_name = "URL")]
    pub url: String,
    /// Bind the proof to this access token (ath): the first line of FILE, - for stdin
    #[arg(long, value_name = "FILE")]
    pub access_token_file: Option<PathBuf>,
    /// The nonce the server sent in its DPoP-Nonce header
    #[arg(long, value_name = "NONCE", allow_hyphen_values = true)]
    pub nonce: Option<String>,
    /// Seconds to add to the local clock for iat [default: the profile's, else 0]
    #[arg(long, value_name = "SECONDS", allow_hyphen_values = true)]
    pub clock_offset: Option<i64>,
}

pub fn run(ui: &Ui, g: &GlobalArgs, a: &DpopArgs) -> Result<(), Error> {
    if !a
        .method
        .bytes()
        .all(|b| b.is_ascii_alphabetic() || b == b'-')
        || a.method.is_empty()
    {
        return Err(Error::input(
            format!("{:?} is not an HTTP method", a.method),
            Some("GET, POST, PUT, PATCH, DELETE, ...".into()),
        ));
    }
    let htu = dpop::htu(&a.url).map_err(|e| Error::input(e, None))?;
    if !htu.starts_with("https://") && !htu.starts_with("http://") {
        return Err(Error::input(
            format!("{} is not an http(s) URL", a.url),
            None,
        ));
    }
    if a.nonce
        .as_deref()
        .is_some_and(|n| n.is_empty() || !n.bytes().all(|b| (0x21..=0x7e).contains(&b)))
    {
        return Err(Error::input(
            "--nonce must be printable ASCII without spaces (RFC 9449 section 8.1)",
            None,
        ));
    }
    let token = a
        .access_token_file
        .as_ref()
        .map(|f| read_token(Source::from_arg(f), "the access token", SECRET_LIMIT))
        .transpose()?;
    let profile = match &a.profile {
        Some(name) => {
            let dir = super::config_dir_required(g)?;
            Some(crate::profile::load(&dir, name)?)
        }
        None => None,
    };
    let keystore = a
        .keystore
        .clone()
        .or_else(|| profile.as_ref().map(|p| p.keystore.clone()))
        .ok_or_else(|| {
            Error::input(
                "no keystore",
                Some("pass --keystore FILE or --profile NAME".into()),
            )
        })?;
    let (ks, _pw) = store::open(
        ui,
        &store::StoreArgs {
            keystore: keystore.clone(),
            password: a.password.clone(),
        },
    )?;
    // The client's key as `token` signs with it: the profile's kid (or the
    // only key) with the profile's algorithm when it fits the key.
    let client_key = profile.as_ref().and_then(|p| {
        let entry = match &p.kid {
            Some(k) => ks.entries.iter().find(|e| &e.kid == k),
            None => ks.entries.first().filter(|_| ks.entries.len() == 1),
        }?;
        let alg = p
            .alg
            .as_deref()
            .and_then(|a| a.parse::<crate::keystore::keys::Alg>().ok())
            .filter(|a| entry.public().check_alg(*a).is_ok())
            .unwrap_or_else(|| entry.alg());
        Some((entry.kid.as_str(), alg))
    });
    let (entry, alg) = crate::session::dpop_key(
        &ks,
        &keystore,
        a.dpop_kid.as_deref(),
        profile.as_ref(),
        client_key,
    )?;
    let signer = Signer::new(entry, alg)?;
    let offset = a
        .clock_offset
        .or_else(|| profile.as_ref().and_then(|p| p.clock_offset))
        .unwrap_or(0);
    let proof = dpop::proof(
        &signer,
        &a.method,
        &a.url,
        token.as_deref(),
        a.nonce.as_deref(),
        assertion::now().saturating_add(offset),
        &assertion::new_jti(),
    )?;
    if ui.json {
        return ui.out_json(&json!({
            "proof": proof,
            "htm": a.method.to_ascii_uppercase(),
            "htu": htu,
            "kid": signer.kid,
            "alg": signer.alg.as_str(),
            "jkt": dpop::jkt(&signer),
            "ath": token.is_some(),
        }));
    }
    ui.out(format!("{proof}\n"))
}
