//! The library's error type: what went wrong, with the facts (paths, kids,
//! the server's answer), and nothing about the command line. The CLI maps
//! each error to an exit code and a hint in one place, `cli::error`.

use std::path::PathBuf;

use crate::keystore::keys::{KeyError, KeyFileError};
use crate::keystore::pkcs12::Pkcs12Error;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Key(#[from] KeyError),
    #[error("{path}: {source}", path = .path.display())]
    KeyIn {
        path: PathBuf,
        #[source]
        source: KeyError,
    },
    #[error("{path}: {source}", path = .path.display())]
    Keystore {
        path: PathBuf,
        #[source]
        source: Pkcs12Error,
    },
    #[error("cannot {op} {path}: {source}", path = .path.display())]
    Io {
        op: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{} is not a valid profiles file: {reason}", .path.display())]
    ProfilesFile { path: PathBuf, reason: String },
    #[error("no profile named {name:?} in {}", .path.display())]
    NoProfile {
        name: String,
        path: PathBuf,
        available: Vec<String>,
    },
    /// Input larger than pkjwt reads ([`crate::input`]).
    #[error("{what} in {path} is larger than pkjwt reads: at most {limit}", path = .path.display(), limit = crate::input::describe_limit(*.limit))]
    TooLarge {
        what: &'static str,
        path: PathBuf,
        limit: usize,
    },
    #[error("{0:?} is not a usable profile name")]
    ProfileName(String),
    #[error("{issuer} does not accept {method} (it lists: {})", .listed.join(", "))]
    MethodRefused {
        issuer: String,
        method: String,
        listed: Vec<String>,
    },
    #[error("{issuer} does not accept {alg} client assertions (it lists: {})", .listed.join(", "))]
    AlgRefused {
        issuer: String,
        alg: crate::keystore::keys::Alg,
        listed: Vec<String>,
    },
    #[error("no key with kid {kid:?} in {path}", path = .path.display())]
    KidNotFound {
        kid: String,
        path: PathBuf,
        available: Vec<String>,
    },
    #[error("{path} already has a key with kid {kid:?}", path = .path.display())]
    DuplicateKid { kid: String, path: PathBuf },
    #[error("this key is already in {path} as kid {kid:?}", path = .path.display())]
    DuplicateKey { kid: String, path: PathBuf },
    #[error("{path} already exists", path = .path.display())]
    Exists { path: PathBuf },
    #[error("{} is not a directory", .0.display())]
    NotADirectory(PathBuf),
    #[error("{} is not a file name", .0.display())]
    NotAFileName(PathBuf),
    #[error("{} changed while pkjwt was working on it; nothing was written", .0.display())]
    ChangedMeanwhile(PathBuf),
    #[error(
        "{path} is being written by another pkjwt process: gave up waiting for its lock ({lock}) after {secs} s",
        path = .path.display(),
        lock = .lock.display(),
        secs = .waited.as_secs_f64()
    )]
    Locked {
        path: PathBuf,
        lock: PathBuf,
        waited: std::time::Duration,
    },
    #[error("PKJWT_LOCK_TIMEOUT={0:?} is not a number of seconds (0 to 86400)")]
    LockTimeoutSetting(String),
    #[error("{subject:?} is not a valid distinguished name: {reason}")]
    Subject { subject: String, reason: String },
    #[error(transparent)]
    KeyFile(crate::keystore::keys::KeyFileError),
    #[error(transparent)]
    Http(Box<crate::oauth::http::HttpError>),
    #[error(transparent)]
    Discovery(Box<crate::oauth::discovery::DiscoveryError>),
    #[error(transparent)]
    Client(#[from] crate::oauth::client::ClientError),
    #[error(transparent)]
    TokenResponse(#[from] crate::oauth::client::TokenResponseError),
    #[error(transparent)]
    Assertion(#[from] crate::oauth::assertion::AssertionError),
    #[error(transparent)]
    Session(#[from] crate::session::SessionError),
    #[error(transparent)]
    Rotate(#[from] crate::rotation::RotateError),
    #[error(transparent)]
    Migrate(#[from] crate::migration::MigrateError),
    #[error(transparent)]
    Serve(#[from] crate::jwks_server::ServeError),
    #[error(transparent)]
    Pkcs11(#[from] crate::keystore::pkcs11::Pkcs11Error),
    #[error(transparent)]
    Agent(#[from] crate::agent::AgentError),
    #[error(transparent)]
    TokenCache(#[from] crate::token_cache::CacheError),
    /// The caller's [`SecretSource`](crate::keystore::open::SecretSource)
    /// could not give a password or PIN (no source, an unreadable file):
    /// its own error, boxed.
    #[error("{0}")]
    Secret(Box<dyn std::error::Error + Send + Sync + 'static>),
    /// Every password typed for the keystore was wrong.
    #[error("{}: wrong password ({attempts} attempts)", .path.display())]
    PasswordAttempts { path: PathBuf, attempts: u32 },
    /// A `pkcs11:` URI's `object` names no private key on the token.
    #[error("the token {token:?} has no private key labelled {object:?}")]
    NoTokenKey {
        token: String,
        object: String,
        /// The URI that names the object, for generating it.
        uri: String,
    },
    /// An iteration count outside what pkjwt writes.
    #[error("--iterations {0} is out of range")]
    Iterations(u32),
    /// A `pkcs11:` URI where a keystore file is written.
    #[error("{} is a PKCS#11 token: pkjwt generates keys on it (`pkjwt keygen`) and rotates them (`pkjwt rotate`), but does not import, remove or rewrite its objects otherwise", .0.display())]
    TokenNotWritable(PathBuf),
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<crate::oauth::http::HttpError> for Error {
    fn from(e: crate::oauth::http::HttpError) -> Self {
        Error::Http(Box::new(e))
    }
}

impl From<crate::oauth::discovery::DiscoveryError> for Error {
    fn from(e: crate::oauth::discovery::DiscoveryError) -> Self {
        Error::Discovery(Box::new(e))
    }
}

impl From<KeyFileError> for Error {
    fn from(e: KeyFileError) -> Self {
        match e {
            KeyFileError::Key(k) => Error::Key(k),
            other => Error::KeyFile(other),
        }
    }
}
