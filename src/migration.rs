//! Moving an existing client off its client secret to `private_key_jwt`:
//! through RFC 7592 when the caller has the registration's configuration
//! endpoint and access token, else by saving the profile and handing back
//! what the server's console needs (the JWKS, the certificate).
//!
//! [`migrate`] takes a [`MigrateOptions`] and the keystore the caller
//! opened, reports through a [`Progress`], and returns a [`Migration`].

#![warn(missing_docs)]

use std::path::PathBuf;

use serde_json::Value;

use crate::keystore::keys::Alg;
use crate::keystore::Keystore;
use crate::oauth::discovery;
use crate::oauth::http::{redact_json, Http, HttpError};
use crate::oauth::registration;
use crate::oauth::verify::Verification;
use crate::profile::{self, Profile};
use crate::progress::Progress;
use crate::secret::SecretString;
use crate::session::{ClientSettings, Session};
use crate::Error;

/// What the application must do once the client is migrated.
pub const STOP_SENDING: &str = "the application must stop sending the client secret (client_secret_basic's Authorization header, or client_secret in the form) and send a client assertion instead; then delete the secret wherever it is stored";

/// Why a migration cannot start or finish.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MigrateError {
    /// The profile exists and `force` is off.
    #[error("a profile named {0:?} exists already")]
    ProfileExists(String),
    /// The keystore holds no key to register.
    #[error("{} holds no keys", .0.display())]
    NoKeys(PathBuf),
    /// The configuration endpoint names another client.
    #[error("{uri} holds client {found:?}, not {expected:?}")]
    OtherClient {
        /// The URL concerned.
        uri: String,
        /// The client the endpoint holds.
        found: String,
        /// The client asked for.
        expected: String,
    },
    /// The RFC 7592 update failed: the client still uses its secret.
    #[error("the update failed, so the client still authenticates with {before}: {source}")]
    UpdateFailed {
        /// The method before.
        before: String,
        /// The profile that holds the registration access token that works now.
        profile: String,
        /// The server's answer to the update.
        #[source]
        source: Box<HttpError>,
    },
    /// The server answered the update without switching the method.
    #[error("{uri} answered an update that keeps token_endpoint_auth_method {after:?}, not private_key_jwt")]
    NotSwitched {
        /// The URL concerned.
        uri: String,
        /// The method the server kept.
        after: String,
        /// The profile's name.
        profile: String,
    },
}

/// What to migrate.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct MigrateOptions {
    /// The configuration directory of the profiles file.
    pub config_dir: PathBuf,
    /// The profile to save the client as.
    pub profile: String,
    /// Replace an existing profile of that name.
    pub force: bool,
    /// The issuer identifier.
    pub issuer: String,
    /// The client's client_id.
    pub client_id: String,
    /// The RFC 7592 configuration endpoint and its registration access token.
    pub registration: Option<(String, SecretString)>,
    /// The keystore file with the client's new key (saved in the profile).
    pub keystore: PathBuf,
    /// The key to register and sign with [default: every key, the first signs].
    pub kid: Option<String>,
    /// The signing algorithm [default: the key's].
    pub alg: Option<Alg>,
    /// Register this URL (where the JWKS is hosted) instead of inline keys.
    pub jwks_uri: Option<String>,
    /// Send one token request to check the migration.
    pub verify: bool,
}

impl MigrateOptions {
    /// Migrate `client_id` at `issuer` to the keys of `keystore`, saved as
    /// `profile` in `config_dir`; no RFC 7592 access (the portal steps)
    /// until [`registration`](Self::registration) is set.
    pub fn new(
        config_dir: impl Into<PathBuf>,
        profile: impl Into<String>,
        issuer: impl Into<String>,
        client_id: impl Into<String>,
        keystore: impl Into<PathBuf>,
    ) -> MigrateOptions {
        MigrateOptions {
            config_dir: config_dir.into(),
            profile: profile.into(),
            force: false,
            issuer: issuer.into(),
            client_id: client_id.into(),
            registration: None,
            keystore: keystore.into(),
            kid: None,
            alg: None,
            jwks_uri: None,
            verify: true,
        }
    }
}

/// What a migration did.
#[derive(Debug)]
#[non_exhaustive]
pub enum Migration {
    /// No RFC 7592: the profile is saved; the console needs these.
    Portal {
        /// The profile saved.
        profile: String,
        /// The JWKS to paste or host.
        jwks: Value,
        /// The signing key's certificate (PEM), for consoles that take one.
        certificate: Option<String>,
        /// The kid and algorithm that sign.
        kid: String,
        /// The algorithm.
        alg: Alg,
    },
    /// The registration was switched to private_key_jwt.
    Updated {
        /// The profile saved.
        profile: String,
        /// The method before.
        before: String,
        /// The kid and algorithm that sign.
        kid: String,
        /// The algorithm.
        alg: Alg,
        /// How many keys were registered inline (0 for a jwks_uri).
        keys_registered: usize,
        /// The verifying token request: `None` when not sent (asked not to,
        /// or no client_credentials grant), else its URL or the refusal.
        verified: Option<Result<String, Box<HttpError>>>,
        /// The server's answer to the update, secrets redacted.
        response: Value,
    },
}

/// Check the options before the keystore is opened: the profile's name,
/// and that it does not exist unless `force`.
pub fn check(o: &MigrateOptions) -> Result<(), Error> {
    profile::check_name(&o.profile)?;
    if !o.force && profile::load_all(&o.config_dir)?.contains_key(&o.profile) {
        return Err(MigrateError::ProfileExists(o.profile.clone()).into());
    }
    Ok(())
}

/// Migrate the client (see the module documentation). `ks` is the keystore
/// the caller opened at `o.keystore`.
pub fn migrate(
    o: &MigrateOptions,
    ks: Keystore,
    http: &Http,
    progress: &dyn Progress,
) -> Result<Migration, Error> {
    check(o)?;
    let kids: Vec<String> = o.kid.iter().cloned().collect();
    let entries = ks.select(&kids, &o.keystore)?;
    let signer = (*entries
        .first()
        .ok_or_else(|| MigrateError::NoKeys(o.keystore.clone()))?)
    .clone();
    let alg = o.alg.unwrap_or_else(|| signer.alg());
    signer.public().check_alg(alg)?;
    let keys_registered = entries.len();
    let md = discovery::discover(http, &o.issuer)?;
    if let Some(w) = registration::check_method(&md, "private_key_jwt")? {
        progress.warn(&w);
    }
    registration::check_alg(&md, alg)?;
    let jwks = crate::keystore::jwks::jwks(&ks, &entries, false);
    let keystore_abs = std::fs::canonicalize(&o.keystore).unwrap_or_else(|_| o.keystore.clone());
    let mut prof = Profile {
        issuer: Some(o.issuer.clone()),
        client_id: o.client_id.clone(),
        keystore: keystore_abs,
        kid: Some(signer.kid.clone()),
        alg: Some(alg.as_str().to_string()),
        endpoints: md.endpoints(),
        jwks_uri: o.jwks_uri.clone(),
        ..Default::default()
    };

    let Some((uri, rat)) = &o.registration else {
        // No RFC 7592: the portal does it; pkjwt prepares the rest.
        let saved = profile::save_new(&o.config_dir, &o.profile, &prof, o.force)?;
        return Ok(Migration::Portal {
            profile: saved,
            jwks,
            certificate: signer
                .cert
                .as_deref()
                .map(|c| pem::encode(&pem::Pem::new("CERTIFICATE", c.to_vec()))),
            kid: signer.kid.clone(),
            alg,
        });
    };

    // RFC 7592: read, write back with private_key_jwt, keep the new token.
    let mut current = registration::read(http, uri, rat.expose())?;
    let read_id = current
        .get("client_id")
        .and_then(Value::as_str)
        .unwrap_or("");
    if read_id != o.client_id {
        return Err(MigrateError::OtherClient {
            uri: uri.clone(),
            found: read_id.to_string(),
            expected: o.client_id.clone(),
        }
        .into());
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
        .unwrap_or_else(|| rat.clone());
    let body = registration::migration(
        &current,
        o.jwks_uri.is_none().then(|| jwks.clone()),
        o.jwks_uri.as_deref(),
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
    let saved = profile::save_new(&o.config_dir, &o.profile, &prof, o.force)?;
    let resp = registration::update(http, uri, rat.expose(), &body).map_err(|e| {
        MigrateError::UpdateFailed {
            before: before.clone(),
            profile: saved.clone(),
            source: Box::new(e),
        }
    })?;
    let prof = registration::updated_profile(&prof, &resp, &signer.kid, alg, prof.keystore.clone());
    profile::save(&o.config_dir, &saved, &prof)?;
    let after = resp
        .get("token_endpoint_auth_method")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    if after != "private_key_jwt" {
        return Err(MigrateError::NotSwitched {
            uri: uri.clone(),
            after,
            profile: saved,
        }
        .into());
    }

    // One token request proves it (when the client may use client_credentials).
    let grants: Vec<&str> = resp
        .get("grant_types")
        .and_then(Value::as_array)
        .map(|l| l.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let verified = if !o.verify || !grants.contains(&"client_credentials") {
        None
    } else {
        let mut session = Session::resolve(
            &ClientSettings::default(),
            Some(saved.clone()),
            Some(prof.clone()),
            prof.client_id.clone(),
            ks,
            o.keystore.clone(),
            progress,
        )?;
        session.use_metadata(md);
        Some(match session.verify(http, prof.scope.as_deref())? {
            Verification::Issued { url, notes } => {
                notes.iter().for_each(|n| progress.note(n));
                Ok(url)
            }
            Verification::Refused { error, .. } => Err(error),
        })
    };
    let mut response = resp;
    redact_json(&mut response);
    Ok(Migration::Updated {
        profile: saved,
        before,
        kid: signer.kid.clone(),
        alg,
        keys_registered: if o.jwks_uri.is_some() {
            0
        } else {
            keys_registered
        },
        verified,
        response,
    })
}
