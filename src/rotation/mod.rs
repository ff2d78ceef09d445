//! Staged key rotation of a registered client, for inline `jwks`
//! registrations (RFC 7592 update) and `jwks_uri` registrations (a JWKS
//! file written after each change, or the keystore `pkjwt serve-jwks`
//! serves).
//!
//! The stages move key states (see [`crate::keystore::state`]): `next`
//! generates and publishes a key that does not sign yet; `promote` makes it
//! the signing key once the server can see it; `retire` takes the old key out
//! of the published set; `remove` deletes retired keys past their grace
//! period. Each stage changes the keystore, the registration and the profile
//! in an order where a failure at any point leaves a key that the server
//! accepts as the one that signs, and each ends with a token request
//! ([`crate::oauth::verify`]).
//!
//! [`rotate`] takes a [`RotateOptions`], the keystore opened by the caller
//! ([`crate::keystore::open`]) and an HTTP client; it says what it does
//! through a [`Progress`] and returns a [`Report`] with the outcome.

#![warn(missing_docs)]

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

use crate::keystore::keys::{Alg, KeyError};
use crate::keystore::open::Opened;
use crate::keystore::pkcs11::{self as token, Token};
use crate::keystore::state::KeyState;
use crate::keystore::Keystore;
use crate::oauth::http::Http;
use crate::profile::{self, Profile};
use crate::progress::Progress;
use crate::secret::Password;
use crate::session::signing_entry;
use crate::Error;

mod publish;
mod stages;

pub use publish::{CACHE_FLOOR, DEFAULT_CACHE_WINDOW};

/// A stage of a rotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Stage {
    /// Generate the next key and publish it (it does not sign yet).
    Next,
    /// Make the next key the signing key, once the server can see it.
    Promote,
    /// Retire the old key and publish the keys without it.
    Retire,
    /// Delete retired keys past the grace period.
    Remove,
}

impl Stage {
    /// The stage's name: `next`, `promote`, `retire`, `remove`.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Next => "next",
            Stage::Promote => "promote",
            Stage::Retire => "retire",
            Stage::Remove => "remove",
        }
    }
}

/// Why a rotation cannot start or go on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RotateError {
    /// The profile gives no way to publish keys.
    #[error("profile {0:?} has neither a jwks_uri nor RFC 7592 registration access")]
    NoAccess(String),
    /// A JWKS file for an inline registration.
    #[error("profile {0:?} registers its keys inline: --jwks-out is for jwks_uri clients")]
    JwksOutInline(String),
    /// A token URI with `id=` selects one key only.
    #[error("{uri} selects one key by id=: the next key would not be part of it")]
    TokenUriId {
        /// The URL concerned.
        uri: String,
        /// The URI by its object alone, when it has one.
        without_id: Option<String>,
    },
    /// A kid the token URI's `object=` would not select.
    #[error("--kid {kid:?} would not be selected by the keystore URI's object={object}")]
    KidNotSelected {
        /// The key's kid.
        kid: String,
        /// The URI's `object`.
        object: String,
    },
    /// The jwks_uri does not serve the keys it should.
    #[error("{uri} does not serve {}", .missing.join(", "))]
    NotServed {
        /// The URL concerned.
        uri: String,
        /// The kids it does not serve.
        missing: Vec<String>,
    },
    /// RFC 7592 access is needed and the profile has none.
    #[error("profile {0:?} has no RFC 7592 registration access")]
    NoRegistrationAccess(String),
    /// The server pinned one algorithm during a cross-algorithm overlap.
    #[error("the server registered token_endpoint_auth_signing_alg {pinned}{}: keys of two algorithms cannot both sign during the overlap", if *.asked_none { " when asked for none" } else { "" })]
    AlgPinned {
        /// The algorithm the server registered.
        pinned: String,
        /// Whether pkjwt asked for no algorithm.
        asked_none: bool,
    },
    /// A next key exists already.
    #[error("key {kid} is the next key already{}", if *.meanwhile { " (made meanwhile)" } else { "" })]
    NextExists {
        /// The key's kid.
        kid: String,
        /// The profile's name.
        profile: String,
        /// Whether another process made it meanwhile.
        meanwhile: bool,
    },
    /// Another algorithm needs RFC 7592 access to change the registered one.
    #[error("a {alg} key would be refused: the registration names {registered} as token_endpoint_auth_signing_alg, and profile {profile:?} has no RFC 7592 access to change it")]
    AlgNeedsAccess {
        /// The algorithm.
        alg: Alg,
        /// The algorithm registered now.
        registered: Alg,
        /// The profile's name.
        profile: String,
    },
    /// Promote without a next key.
    #[error("there is no next key to promote")]
    NoNext(String),
    /// Promote with several next keys.
    #[error("{0} next keys, and promote takes one")]
    ManyNext(usize),
    /// Retire with one active key.
    #[error("{0} is the only active key: nothing to retire")]
    OnlyActive(String),
}

/// What to rotate, and how.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct RotateOptions {
    /// The configuration directory of the profiles file.
    pub config_dir: PathBuf,
    /// The profile of the registered client.
    pub profile: String,
    /// One stage, or the whole cycle from where it stopped (`None`).
    pub stage: Option<Stage>,
    /// The next key's algorithm [default: the active key's].
    pub alg: Option<Alg>,
    /// The next key's RSA size [default: the active key's, else 3072].
    pub rsa_bits: Option<usize>,
    /// The next key's kid [default: its RFC 7638 thumbprint].
    pub kid: Option<String>,
    /// The next key's certificate validity, in days.
    pub days: u32,
    /// For a jwks_uri client: the JWKS file to write after each change.
    pub jwks_out: Option<PathBuf>,
    /// How long the server may cache the jwks_uri [default: the jwks_uri's
    /// `Cache-Control` max-age or `Expires`, at least [`CACHE_FLOOR`],
    /// else [`DEFAULT_CACHE_WINDOW`]].
    pub cache_window: Option<Duration>,
    /// The longest promote waits for the cache window.
    pub wait: Duration,
    /// How long a retired key is kept before remove deletes it.
    pub grace: Duration,
    /// The scope of the verifying token requests [default: the profile's].
    pub scope: Option<String>,
    /// Verify each step with a token request.
    pub verify: bool,
    /// PBKDF2 iterations of the written keystore [default: the file's, at least the default].
    pub iterations: Option<u32>,
}

impl RotateOptions {
    /// Rotate profile `profile` of the profiles file in `config_dir`: the
    /// whole cycle, with the defaults of `pkjwt rotate`.
    pub fn new(config_dir: impl Into<PathBuf>, profile: impl Into<String>) -> RotateOptions {
        RotateOptions {
            config_dir: config_dir.into(),
            profile: profile.into(),
            stage: None,
            alg: None,
            rsa_bits: None,
            kid: None,
            days: 365,
            jwks_out: None,
            cache_window: None,
            wait: Duration::from_secs(900),
            grace: Duration::from_secs(86_400),
            scope: None,
            verify: true,
            iterations: None,
        }
    }
}

/// How the registration gets its keys.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Registration {
    /// Inline `jwks`, updated through RFC 7592.
    Inline,
    /// A `jwks_uri` the server fetches.
    Uri(String),
}

/// What a rotation did: the steps done, the keys after it, and the outcome.
#[derive(Debug)]
#[non_exhaustive]
pub struct Report {
    /// How the registration gets its keys.
    pub registration: Registration,
    /// One JSON object per step done: `stage`, the kids, `token` (issued,
    /// skipped), and what else the stage tells.
    pub steps: Vec<Value>,
    /// The keys after the rotation: kid, algorithm, state.
    pub keys: Vec<(String, Alg, KeyState)>,
    /// The kid the profile signs with.
    pub signing_kid: Option<String>,
    /// The key that signs after a failure (the profile's, else the keystore's).
    pub still_signs: Option<String>,
    /// `Ok` when every stage asked for was done.
    pub result: Result<(), Error>,
}

/// The registration of a profile, and what a rotation needs of it.
pub(crate) fn registration_of(prof: &Profile, name: &str) -> Result<Registration, Error> {
    match &prof.jwks_uri {
        Some(u) => Ok(Registration::Uri(u.clone())),
        None if prof.registration_client_uri.is_some()
            && prof.registration_access_token.is_some() =>
        {
            Ok(Registration::Inline)
        }
        None => Err(RotateError::NoAccess(name.to_string()).into()),
    }
}

/// Check the options against the profile before the keystore is opened:
/// the profile's name, the next key's kid and RSA size, and that the
/// profile can be rotated with them. Returns the profile.
pub fn check(o: &RotateOptions) -> Result<Profile, Error> {
    profile::check_name(&o.profile)?;
    if let Some(b) = o.rsa_bits {
        if !matches!(b, 2048 | 3072 | 4096) {
            return Err(KeyError::RsaSize(b).into());
        }
    }
    let prof = profile::load(&o.config_dir, &o.profile)?;
    let kind = registration_of(&prof, &o.profile)?;
    if kind == Registration::Inline && o.jwks_out.is_some() {
        return Err(RotateError::JwksOutInline(o.profile.clone()).into());
    }
    Ok(prof)
}

/// Rotate the key of profile `o.profile`, whose keystore the caller opened
/// (`opened`, with its password or PIN, for writing), sending through
/// `http`. Returns what was done; [`Report::result`] says whether every
/// stage asked for was done. A failed step leaves a key the server accepts
/// as the one that signs; running the rotation again goes on from there.
pub fn rotate(
    o: &RotateOptions,
    opened: Opened,
    http: Http,
    progress: &dyn Progress,
) -> Result<Report, Error> {
    let prof = check(o)?;
    let kind = registration_of(&prof, &o.profile)?;
    if let Some(t) = &opened.token {
        check_token_uri(t, o)?;
    }
    let mut r = Rotation {
        progress,
        o,
        dir: o.config_dir.clone(),
        path: prof.keystore.clone(),
        prof,
        ks: opened.keystore,
        pw: opened.secret,
        token: opened.token,
        http,
        kind,
        steps: Vec::new(),
    };
    let result = match o.stage {
        Some(s) => r.stage(s),
        None => r.cycle(),
    };
    let still_signs = result.is_err().then(|| {
        r.prof.kid.clone().unwrap_or_else(|| {
            signing_entry(&r.ks, &r.path)
                .map(|e| e.kid.clone())
                .unwrap_or_default()
        })
    });
    Ok(Report {
        registration: r.kind.clone(),
        steps: std::mem::take(&mut r.steps),
        keys: r
            .ks
            .entries
            .iter()
            .map(|e| (e.kid.clone(), e.alg(), e.state()))
            .collect(),
        signing_kid: r.prof.kid.clone(),
        still_signs,
        result,
    })
}

struct Rotation<'a> {
    progress: &'a dyn Progress,
    o: &'a RotateOptions,
    dir: PathBuf,
    prof: Profile,
    path: PathBuf,
    ks: Keystore,
    pw: Password,
    /// The PKCS#11 token when the keystore is one: keys are generated,
    /// restated and destroyed there.
    token: Option<Arc<Token>>,
    http: Http,
    kind: Registration,
    steps: Vec<Value>,
}

/// A token keystore rotates when its URI selects the next key too: by no
/// object (every key on the token) or by `object=LABEL`, which also selects
/// the keys rotate makes for it (`LABEL-rUNIX`). An `id=` selects one key
/// only, and a --kid would not match `object=`.
fn check_token_uri(t: &Token, o: &RotateOptions) -> Result<(), Error> {
    let uri = t.uri();
    if uri.id.is_some() {
        return Err(RotateError::TokenUriId {
            uri: uri.text.clone(),
            without_id: uri.object.as_ref().map(|o| uri.with_object(o)),
        }
        .into());
    }
    if let (Some(k), Some(o)) = (&o.kid, &uri.object) {
        if !token::selects(o, k) {
            return Err(RotateError::KidNotSelected {
                kid: k.clone(),
                object: o.clone(),
            }
            .into());
        }
    }
    Ok(())
}

/// Wait `secs`, telling `progress` about once a second.
fn countdown(progress: &dyn Progress, secs: u64, what: &str) {
    let total = Duration::from_secs(secs);
    let started = std::time::Instant::now();
    loop {
        let gone = started.elapsed();
        if gone >= total {
            break;
        }
        let left = total - gone;
        // Whole seconds left, as a countdown reads them.
        let shown = Duration::from_secs(left.as_secs_f64().ceil() as u64);
        progress.waiting(what, shown, total);
        std::thread::sleep(left.min(Duration::from_secs(1)));
    }
    progress.waited(what, total);
}
