//! The library's error type: what went wrong, with the facts (paths, kids,
//! the server's answer), and nothing about the command line. The CLI maps
//! each error to an exit code and a hint in one place, `cli::error`.

use std::path::PathBuf;

use crate::keystore::keys::{KeyError, KeyFileError};
use crate::keystore::pkcs12::Pkcs12Error;

/// Everything the library can fail with. Each variant carries the facts a
/// message or a fix needs (paths, kids, the server's answer); `Display`
/// gives a one-line message without hints. More variants may be added.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A key that cannot be used (type, size, algorithm, encoding).
    #[error("{0}")]
    Key(#[from] KeyError),
    /// A key from a file that cannot be used.
    #[error("{path}: {source}", path = .path.display())]
    KeyIn {
        /// The file the key came from.
        path: PathBuf,
        /// What is wrong with the key.
        #[source]
        source: KeyError,
    },
    /// A keystore file that cannot be read or written.
    #[error("{path}: {source}", path = .path.display())]
    Keystore {
        /// The keystore file.
        path: PathBuf,
        /// What is wrong with it (format, password, limits).
        #[source]
        source: Pkcs12Error,
    },
    /// A file system operation failed.
    #[error("cannot {op} {path}: {source}", path = .path.display())]
    Io {
        /// What was being done, as a verb phrase (`read`, `write`, `create the directory`).
        op: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The profiles file is not valid TOML or not the expected shape.
    #[error("{} is not a valid profiles file: {reason}", .path.display())]
    ProfilesFile {
        /// The profiles file.
        path: PathBuf,
        /// The parser's message.
        reason: String,
    },
    /// No profile by that name in the profiles file.
    #[error("no profile named {name:?} in {}", .path.display())]
    NoProfile {
        /// The name asked for.
        name: String,
        /// The profiles file.
        path: PathBuf,
        /// The profile names the file holds.
        available: Vec<String>,
    },
    /// Input larger than pkjwt reads (a file or standard input).
    #[error("{what} in {path} is larger than pkjwt reads: at most {limit}", path = .path.display(), limit = crate::input::describe_limit(*.limit))]
    TooLarge {
        /// What was being read (`a password`, `the JWT`).
        what: &'static str,
        /// The file, or `<stdin>` for standard input.
        path: PathBuf,
        /// The most bytes pkjwt reads for this input.
        limit: usize,
    },
    /// A profile name that is empty or holds characters other than ASCII
    /// letters, digits, `-`, `_` and `.`.
    #[error("{0:?} is not a usable profile name")]
    ProfileName(String),
    /// The server's metadata does not list the token endpoint authentication method.
    #[error("{issuer} does not accept {method} (it lists: {})", .listed.join(", "))]
    MethodRefused {
        /// The issuer whose metadata was read.
        issuer: String,
        /// The method wanted (`private_key_jwt`).
        method: String,
        /// The methods the metadata lists.
        listed: Vec<String>,
    },
    /// The server's metadata does not list the key's signing algorithm for client assertions.
    #[error("{issuer} does not accept {alg} client assertions (it lists: {})", .listed.join(", "))]
    AlgRefused {
        /// The issuer whose metadata was read.
        issuer: String,
        /// The key's algorithm.
        alg: crate::keystore::keys::Alg,
        /// The algorithms the metadata lists.
        listed: Vec<String>,
    },
    /// No key with this kid in the keystore.
    #[error("no key with kid {kid:?} in {path}", path = .path.display())]
    KidNotFound {
        /// The kid asked for.
        kid: String,
        /// The keystore.
        path: PathBuf,
        /// The kids the keystore holds.
        available: Vec<String>,
    },
    /// The keystore already has a key with this kid.
    #[error("{path} already has a key with kid {kid:?}", path = .path.display())]
    DuplicateKid {
        /// The kid.
        kid: String,
        /// The keystore.
        path: PathBuf,
    },
    /// The same key (by its public key) is already in the keystore.
    #[error("this key is already in {path} as kid {kid:?}", path = .path.display())]
    DuplicateKey {
        /// The kid it has there.
        kid: String,
        /// The keystore.
        path: PathBuf,
    },
    /// A file pkjwt would create already exists.
    #[error("{path} already exists", path = .path.display())]
    Exists {
        /// The existing file.
        path: PathBuf,
    },
    /// A path that must be a directory is not one.
    #[error("{} is not a directory", .0.display())]
    NotADirectory(PathBuf),
    /// A path with no file name (such as `/` or `..`) where a file is written.
    #[error("{} is not a file name", .0.display())]
    NotAFileName(PathBuf),
    /// The file changed on disk between reading and writing it; nothing was written.
    #[error("{} changed while pkjwt was working on it; nothing was written", .0.display())]
    ChangedMeanwhile(PathBuf),
    /// Another process held the file's write lock for longer than the lock wait.
    #[error(
        "{path} is being written by another pkjwt process: gave up waiting for its lock ({lock}) after {secs} s",
        path = .path.display(),
        lock = .lock.display(),
        secs = .waited.as_secs_f64()
    )]
    Locked {
        /// The file being written.
        path: PathBuf,
        /// The lock file next to it.
        lock: PathBuf,
        /// How long pkjwt waited.
        waited: std::time::Duration,
    },
    /// The lock wait setting (see `keystore::set_lock_timeout_setting`) is not 0 to 86400 seconds.
    #[error("PKJWT_LOCK_TIMEOUT={0:?} is not a number of seconds (0 to 86400)")]
    LockTimeoutSetting(String),
    /// A certificate subject that is not a valid distinguished name.
    #[error("{subject:?} is not a valid distinguished name: {reason}")]
    Subject {
        /// The subject as given.
        subject: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A key file (PEM, DER, JWK) that cannot be read.
    #[error(transparent)]
    KeyFile(crate::keystore::keys::KeyFileError),
    /// An HTTP request failed or the server refused it.
    #[error(transparent)]
    Http(Box<crate::oauth::http::HttpError>),
    /// The issuer's metadata could not be discovered.
    #[error(transparent)]
    Discovery(Box<crate::oauth::discovery::DiscoveryError>),
    /// A client cannot make an assertion or a token request.
    #[error(transparent)]
    Client(#[from] crate::oauth::client::ClientError),
    /// A token endpoint answered 2xx without a usable token.
    #[error(transparent)]
    TokenResponse(#[from] crate::oauth::client::TokenResponseError),
    /// An assertion cannot be signed.
    #[error(transparent)]
    Assertion(#[from] crate::oauth::assertion::AssertionError),
    /// A session (profile, settings, mutual TLS, DPoP) cannot be set up.
    #[error(transparent)]
    Session(#[from] crate::session::SessionError),
    /// A key rotation step failed.
    #[error(transparent)]
    Rotate(#[from] crate::rotation::RotateError),
    /// A migration off a client secret failed.
    #[error(transparent)]
    Migrate(#[from] crate::migration::MigrateError),
    /// A registration not sent ([`crate::registration`]).
    #[error(transparent)]
    Register(#[from] crate::registration::RegisterError),
    /// A login that did not complete ([`crate::login`]).
    #[error(transparent)]
    Login(#[from] crate::login::LoginError),
    /// An audit that could not run or had to stop ([`crate::diagnose::audit`]).
    #[error(transparent)]
    Audit(#[from] crate::diagnose::audit::AuditError),
    /// The JWKS server cannot start.
    #[error(transparent)]
    Serve(#[from] crate::jwks_server::ServeError),
    /// A preset that cannot be used (unknown, a missing option, a bad file).
    #[error(transparent)]
    Preset(#[from] crate::presets::PresetError),
    /// A PKCS#11 module, token or key cannot be used.
    #[error(transparent)]
    Pkcs11(#[from] crate::keystore::pkcs11::Pkcs11Error),
    /// The pkjwt agent cannot be reached or refused a request.
    #[error(transparent)]
    Agent(#[from] crate::agent::AgentError),
    /// The token cache cannot be read or written ([`crate::token_cache`]).
    #[error(transparent)]
    TokenCache(#[from] crate::token_cache::CacheError),
    /// The caller's [`SecretSource`](crate::keystore::open::SecretSource)
    /// could not give a password or PIN (no source, an unreadable file):
    /// its own error, boxed.
    #[error("{0}")]
    Secret(Box<dyn std::error::Error + Send + Sync + 'static>),
    /// Every password typed for the keystore was wrong.
    #[error("{}: wrong password ({attempts} attempts)", .path.display())]
    PasswordAttempts {
        /// The keystore.
        path: PathBuf,
        /// How many passwords were tried.
        attempts: u32,
    },
    /// A `pkcs11:` URI's `object` names no private key on the token.
    #[error("the token {token:?} has no private key labelled {object:?}")]
    NoTokenKey {
        /// The token's label.
        token: String,
        /// The object label asked for.
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
    /// A failure that indicates a bug in pkjwt, not in the input.
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
