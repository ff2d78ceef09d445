//! Errors as the command line shows them: one place that maps every
//! library error to its exit code and to a hint that names what to do (flags,
//! environment variables, commands). Modelled on cargo's `CliError`.

use crate::agent::AgentError;
use crate::keystore::keys::{KeyError, KeyFileError};
use crate::keystore::pkcs11::Pkcs11Error;
use crate::keystore::pkcs12::Pkcs12Error;
use crate::Error;

/// An error of a command: a library error, or one the command line itself
/// finds (bad input, no password source, findings to report).
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Lib(Error),
    /// Input the command line refuses, with what to do about it.
    #[error("{what}")]
    Input { what: String, hint: Option<String> },
    #[error("no password source for {purpose}: stdin is not a terminal, so pkjwt cannot prompt")]
    NoPassword { purpose: String, options: String },
    /// The password of a file given to `keys import --from` is wrong.
    #[error("{}: wrong password for the file being imported", .path.display())]
    ImportPassword { path: std::path::PathBuf },
    /// An error whose explanation was printed already; it is printed first.
    #[error("{inner}")]
    Reported { inner: Box<CliError> },
    /// Diagnosis found errors (`inspect`, `doctor`); the findings are the output.
    #[error("{0}")]
    Findings(String),
    /// `audit`: a case at or above `--fail-on` was wrongly accepted.
    #[error("{0}")]
    AuditFailed(String),
    /// `audit` stopped early (a 429, a 5xx, a network failure).
    #[error("{0}")]
    AuditStopped(String),
    /// `call --fail` got an HTTP status of 400 or more.
    #[error("{url} answered HTTP {status}")]
    HttpStatus { url: String, status: u16 },
}

impl From<Error> for CliError {
    /// A library error; an error of the command line's own secret source
    /// (boxed by the library as [`Error::Secret`]) comes back as itself.
    fn from(e: Error) -> Self {
        match e {
            Error::Secret(b) => match b.downcast::<CliError>() {
                Ok(c) => *c,
                Err(b) => CliError::Lib(Error::Secret(b)),
            },
            e => CliError::Lib(e),
        }
    }
}

/// A command-line error carried through the library (from a secret source
/// or an HTTP client maker the command line passes in): as itself when it
/// is a library error, else boxed in [`Error::Secret`], which comes back
/// out as the same error.
pub fn boxed(e: CliError) -> Error {
    match e {
        CliError::Lib(e) => e,
        other => Error::Secret(Box::new(other)),
    }
}

impl CliError {
    pub fn input(what: impl Into<String>, hint: impl Into<Option<String>>) -> Self {
        CliError::Input {
            what: what.into(),
            hint: hint.into(),
        }
    }
}

macro_rules! via_lib {
    ($($t:ty),*) => {$(
        impl From<$t> for CliError {
            fn from(e: $t) -> Self {
                CliError::Lib(Error::from(e))
            }
        }
    )*};
}
via_lib!(
    KeyError,
    KeyFileError,
    crate::oauth::http::HttpError,
    crate::oauth::discovery::DiscoveryError,
    crate::oauth::client::ClientError,
    crate::oauth::client::TokenResponseError,
    crate::oauth::assertion::AssertionError,
    crate::login::LoginError
);

/// Process exit codes.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// A bug in pkjwt (please report it).
    pub const INTERNAL: u8 = 1;
    /// Usage: unknown option, missing argument, bad value (clap's code).
    pub const USAGE: u8 = 2;
    /// Input or configuration: missing or unwritable file, unknown kid,
    /// duplicate kid, no password source, a file that already exists.
    pub const INPUT: u8 = 3;
    /// Keystore or crypto: not a PKCS#12 file, truncated or damaged file,
    /// unsupported key type or protection.
    pub const KEYSTORE: u8 = 4;
    /// Wrong keystore (or import) password.
    pub const PASSWORD: u8 = 5;
    /// Network or TLS: connection refused, DNS, TLS, timeout.
    pub const NETWORK: u8 = 6;
    /// The server refused the request or answered badly: an OAuth error
    /// (`error`, `error_description`), an HTTP error status, an HTML or
    /// truncated or oversized body, metadata for another issuer.
    pub const SERVER: u8 = 7;
    /// `inspect` or `doctor` found an error (a finding of severity error, a failed check).
    pub const FINDINGS: u8 = 8;
    /// `audit`: the server accepted a case at or above `--fail-on` that it must refuse.
    pub const AUDIT: u8 = 9;
    /// `login` did not complete: no callback before --timeout, a callback
    /// or ID token that failed a check, the user or server refused.
    pub const LOGIN: u8 = 10;
    /// `call --fail` got an HTTP status of 400 or more (curl's 22).
    pub const HTTP_STATUS: u8 = 22;
}

/// The exit code for `e`.
pub fn exit_code(e: &CliError) -> u8 {
    match e {
        CliError::Lib(e) => e.exit_code(),
        CliError::Input { .. } | CliError::NoPassword { .. } => exit::INPUT,
        CliError::ImportPassword { .. } => exit::PASSWORD,
        CliError::Reported { inner } => exit_code(inner),
        CliError::Findings(_) => exit::FINDINGS,
        CliError::AuditFailed(_) => exit::AUDIT,
        CliError::AuditStopped(_) => exit::SERVER,
        CliError::HttpStatus { .. } => exit::HTTP_STATUS,
    }
}

/// What the user can do about `e`.
pub fn hint(e: &CliError) -> Option<String> {
    match e {
        CliError::Lib(e) => e.hint(),
        CliError::Input { hint, .. } => hint.clone(),
        CliError::NoPassword { options, .. } => Some(options.clone()),
        CliError::ImportPassword { .. } => Some(
            "give the imported file's password with --from-password-file or PKJWT_IMPORT_PASSWORD"
                .into(),
        ),
        CliError::Reported { .. } | CliError::Findings(_) => None,
        CliError::AuditFailed(_) => Some(
            "docs/audit.md says what each case means and where its rule comes from; report it to the server's vendor".into(),
        ),
        CliError::AuditStopped(_) => Some(
            "audit again later (or with --delay, or --cases naming the cases not sent)".into(),
        ),
        CliError::HttpStatus { .. } => {
            Some("drop --fail to see the body; -i shows the headers".into())
        }
    }
}

trait Mapped {
    fn exit_code(&self) -> u8;
    fn hint(&self) -> Option<String>;
}

impl Mapped for Error {
    /// The exit code for this error.
    fn exit_code(&self) -> u8 {
        if let Error::KeyIn { source, .. } = self {
            return match source {
                KeyError::UnsupportedKey(_) | KeyError::Malformed(_) => exit::KEYSTORE,
                _ => exit::INPUT,
            };
        }
        match self {
            Error::Key(KeyError::UnsupportedKey(_)) | Error::Key(KeyError::Malformed(_)) => {
                exit::KEYSTORE
            }
            Error::Key(KeyError::Generation(_)) => exit::INTERNAL,
            Error::Key(_) => exit::INPUT,
            Error::Keystore { source, .. } => match source {
                Pkcs12Error::WrongPassword => exit::PASSWORD,
                Pkcs12Error::BadPassword(_) | Pkcs12Error::BadName(_) => exit::INPUT,
                Pkcs12Error::Limit(_) => exit::KEYSTORE,
                _ => exit::KEYSTORE,
            },
            Error::KeyIn { .. } => exit::KEYSTORE,
            // A wrong password for the file being imported, like a keystore's.
            Error::KeyFile(KeyFileError::WrongPassword) => exit::PASSWORD,
            Error::KeyFile(KeyFileError::Limit(_)) => exit::KEYSTORE,
            Error::Io { .. }
            | Error::ProfilesFile { .. }
            | Error::NoProfile { .. }
            | Error::ProfileName(_)
            | Error::TooLarge { .. }
            | Error::MethodRefused { .. }
            | Error::AlgRefused { .. }
            | Error::KidNotFound { .. }
            | Error::DuplicateKid { .. }
            | Error::DuplicateKey { .. }
            | Error::Exists { .. }
            | Error::NotADirectory(_)
            | Error::NotAFileName(_)
            | Error::ChangedMeanwhile(_)
            | Error::Locked { .. }
            | Error::LockTimeoutSetting(_)
            | Error::Subject { .. }
            | Error::KeyFile(_) => exit::INPUT,
            Error::Http(h) => http_exit(h),
            Error::Discovery(d) => match d.as_ref() {
                crate::oauth::discovery::DiscoveryError::BadIssuer(_) => exit::INPUT,
                crate::oauth::discovery::DiscoveryError::NotFound {
                    network: Some(_), ..
                } => exit::NETWORK,
                _ => exit::SERVER,
            },
            Error::Client(crate::oauth::client::ClientError::Assertion(_))
            | Error::Assertion(_) => exit::KEYSTORE,
            Error::Client(_) => exit::INPUT,
            Error::TokenResponse(_) => exit::SERVER,
            Error::Pkcs11(p) => match p {
                Pkcs11Error::WrongPin { .. } => exit::PASSWORD,
                Pkcs11Error::PinLocked { .. } | Pkcs11Error::Token { .. } => exit::KEYSTORE,
                _ => exit::INPUT,
            },
            Error::Agent(a) => match a {
                AgentError::Protocol { .. } | AgentError::Refused(_) => exit::KEYSTORE,
                _ => exit::INPUT,
            },
            Error::Secret(e) => match e.downcast_ref::<CliError>() {
                Some(c) => exit_code(c),
                None => exit::INPUT,
            },
            Error::PasswordAttempts { .. } => exit::PASSWORD,
            Error::Migrate(crate::migration::MigrateError::UpdateFailed { source, .. }) => {
                http_exit(source)
            }
            Error::Migrate(crate::migration::MigrateError::NotSwitched { .. }) => exit::SERVER,
            Error::Audit(crate::diagnose::audit::AuditError::GoodRefused { status, .. }) => {
                if status.is_some() {
                    exit::SERVER
                } else {
                    exit::NETWORK
                }
            }
            Error::Audit(_) => exit::INPUT,
            Error::Preset(crate::presets::PresetError::Bad(..)) => exit::INTERNAL,
            Error::Preset(_) => exit::INPUT,
            Error::Login(l) => {
                use crate::login::LoginError as L;
                match l {
                    L::NotLoopback { .. }
                    | L::PortTaken { .. }
                    | L::NoIssuer
                    | L::ParRequired(_) => exit::INPUT,
                    L::RedirectRefused { .. } | L::NoDevice(_) => exit::SERVER,
                    _ => exit::LOGIN,
                }
            }
            Error::Register(_) => exit::INPUT,
            Error::TokenCache(crate::token_cache::CacheError::Agent(_)) => exit::KEYSTORE,
            Error::Session(_)
            | Error::TokenCache(_)
            | Error::Rotate(_)
            | Error::Migrate(_)
            | Error::Serve(_)
            | Error::Iterations(_)
            | Error::TokenNotWritable(_) => exit::INPUT,
            Error::NoTokenKey { .. } => exit::INPUT,
            Error::Internal(_) => exit::INTERNAL,
        }
    }

    /// What the user can do about it.
    fn hint(&self) -> Option<String> {
        if let Error::KeyIn { source, .. } = self {
            return match source {
                KeyError::UnsupportedKey(_) => Some(
                    "pkjwt cannot use a keystore holding such a key; move the key to another keystore with the tool that made it".into(),
                ),
                _ => None,
            };
        }
        match self {
            Error::Key(KeyError::NotExportable(_)) => Some(
                "a key on a token or in the agent signs where it is; keep a software key in a keystore file to export it".into(),
            ),
            Error::Pkcs11(p) => Some(match p {
                Pkcs11Error::Uri { .. } => "write it as pkcs11:token=NAME;object=LABEL (RFC 7512; percent-encode ';', '?', '%' and spaces)".into(),
                Pkcs11Error::PinInUri { .. } => "remove pin-value; give the PIN with --password-file, --password-stdin or PKJWT_KEYSTORE_PASSWORD".into(),
                Pkcs11Error::NoModule { .. } => format!(
                    "name the token's PKCS#11 library with --pkcs11-module FILE or {} (SoftHSM: /usr/lib/softhsm/libsofthsm2.so)",
                    crate::keystore::pkcs11::MODULE_ENV
                ),
                Pkcs11Error::ModuleConflict { .. } => "remove module-path from the URI, or name the same module; --pkcs11-module and PKJWT_PKCS11_MODULE win over the URI".into(),
                Pkcs11Error::Module { .. } => "check the path of the PKCS#11 library (a .so file) and that it fits this machine".into(),
                Pkcs11Error::NoToken { available, .. } | Pkcs11Error::WhichToken { available, .. } => {
                    if available.is_empty() {
                        "the module shows no initialized token: initialize one (softhsm2-util --init-token --free --label NAME) or plug it in".into()
                    } else {
                        format!("tokens: {}", available.join(", "))
                    }
                }
                Pkcs11Error::WrongPin { .. } => "check the PIN source: --password-file, --password-stdin or PKJWT_KEYSTORE_PASSWORD; tokens lock after a few wrong PINs".into(),
                Pkcs11Error::PinLocked { .. } => "unlock the PIN with the token's own tool (the security officer's PIN)".into(),
                Pkcs11Error::Exists { .. } => "choose another --kid (it is the object label)".into(),
                Pkcs11Error::Token { .. } => "the token may not offer this mechanism or key size; try --alg ES256, or see the token's documentation".into(),
            }),
            Error::Agent(a) => Some(match a {
                AgentError::NotSet | AgentError::Unreachable { .. } => {
                    "start one with `eval \"$(pkjwt agent start --keystore FILE)\"`".into()
                }
                AgentError::Protocol { .. } | AgentError::Refused(_) => {
                    "stop the agent (`pkjwt agent stop`) and start it again".into()
                }
                AgentError::Start(_) => "check the socket directory ($XDG_RUNTIME_DIR or $TMPDIR) is writable".into(),
            }),
            Error::Key(KeyError::RsaSize(_)) => Some("pass --rsa-bits 2048, 3072 or 4096".into()),
            Error::Key(KeyError::AlgMismatch { have, .. }) => Some(format!(
                "use {} with this {have} key, or choose another key",
                if *have == "RSA" { "RS256 or PS256" } else { "ES256" }
            )),
            Error::Key(KeyError::UnsupportedAlg(_)) => Some("use --alg ES256, PS256 or RS256".into()),
            Error::Key(KeyError::Malformed(_)) => None,
            Error::Key(KeyError::Generation(_)) => Some("please report this as a bug".into()),
            Error::Key(KeyError::UnsupportedKey(_)) => Some(
                "generate a supported key with `pkjwt keygen --alg ES256|PS256|RS256`".into(),
            ),
            Error::Keystore { source, .. } => match source {
                Pkcs12Error::WrongPassword => Some(
                    "check the password source: --password-file, --password-stdin or PKJWT_KEYSTORE_PASSWORD".into(),
                ),
                Pkcs12Error::Truncated | Pkcs12Error::MacMismatch | Pkcs12Error::Malformed(_) => {
                    Some("restore the keystore from a backup; pkjwt did not change it".into())
                }
                Pkcs12Error::NotPkcs12 { looks_like: Some(what) } if what.contains("PEM") => {
                    Some("to bring a PEM key in, run `pkjwt keys import --keystore FILE --from KEY.pem`".into())
                }
                Pkcs12Error::NotPkcs12 { looks_like: Some(what) } if what.contains("Java") => Some(
                    "convert it: keytool -importkeystore -srckeystore FILE -destkeystore FILE.p12 -deststoretype PKCS12".into(),
                ),
                Pkcs12Error::NotPkcs12 { .. } => {
                    Some("--keystore must name a PKCS#12 (.p12/.pfx) file".into())
                }
                Pkcs12Error::Unsupported(_) => Some(
                    "re-export it with OpenSSL 3 defaults: openssl pkcs12 -in OLD.p12 -nodes | openssl pkcs12 -export -out NEW.p12".into(),
                ),
                Pkcs12Error::BadPassword(_) => Some("choose a password of letters, digits and common symbols".into()),
                Pkcs12Error::BadName(_) => Some("choose a kid of characters up to U+FFFF".into()),
                Pkcs12Error::Limit(_) => Some(LIMIT_HINT.into()),
            },
            Error::Io { source, .. } => match source.kind() {
                std::io::ErrorKind::NotFound => Some("check the path".into()),
                std::io::ErrorKind::PermissionDenied => {
                    Some("check the file and directory permissions".into())
                }
                _ => None,
            },
            Error::KeyIn { .. } => None,
            Error::ProfilesFile { .. } => {
                Some("fix it by hand, or move it away and register again".into())
            }
            Error::NoProfile { available, .. } => Some(if available.is_empty() {
                "create one with `pkjwt register` or `pkjwt profile add`".to_string()
            } else {
                format!("profiles: {}", available.join(", "))
            }),
            Error::ProfileName(_) => Some("use letters, digits, '-', '_' and '.'".into()),
            Error::TooLarge { .. } => Some(
                "check that the right file or stream is given (a password, token or JWT is far smaller)".into(),
            ),
            Error::MethodRefused { method, .. } if method == "private_key_jwt" => {
                Some("this server cannot authenticate clients by signed JWT".into())
            }
            Error::MethodRefused { listed, .. } => Some(format!(
                "register with a method the server lists ({}), with --auth",
                listed.join(", ")
            )),
            Error::AlgRefused { listed, .. } => Some(format!(
                "generate a key for an accepted algorithm (pkjwt keygen --alg {}) and register with --kid",
                listed
                    .iter()
                    .find(|a| a.parse::<crate::keystore::keys::Alg>().is_ok())
                    .map(String::as_str)
                    .unwrap_or("PS256")
            )),
            Error::KidNotFound { available, .. } => Some(if available.is_empty() {
                "the keystore holds no keys; add one with `pkjwt keygen`".into()
            } else {
                format!("keys in it: {}", available.join(", "))
            }),
            Error::DuplicateKid { .. } => {
                Some("choose another --kid, or remove the old key first with `pkjwt keys remove`".into())
            }
            Error::DuplicateKey { .. } => Some("nothing to do: the key is already there".into()),
            Error::Exists { .. } => {
                Some("pkjwt does not overwrite it; choose another path".into())
            }
            Error::NotADirectory(_) | Error::NotAFileName(_) => None,
            Error::ChangedMeanwhile(_) => Some("run the command again".into()),
            Error::Locked { path, lock, .. } => Some(format!(
                "nothing was written; another pkjwt command is changing {}: let it finish, then run this again. \
                 To wait longer set PKJWT_LOCK_TIMEOUT=SECONDS. The lock ends with the process that holds it, so removing {} does not help; `fuser {}` names that process",
                path.display(),
                lock.display(),
                lock.display()
            )),
            Error::LockTimeoutSetting(_) => Some(
                "set PKJWT_LOCK_TIMEOUT to the seconds to wait for another pkjwt writer, e.g. 30 (the default) or 0.5".into(),
            ),
            Error::Subject { .. } => Some(
                "give --subject a plain name (my-client) or a DN such as CN=my-client,O=Example"
                    .into(),
            ),
            Error::KeyFile(k) => key_file_hint(k),
            Error::Http(h) => http_hint(h),
            Error::Discovery(d) => match d.as_ref() {
                crate::oauth::discovery::DiscoveryError::BadIssuer(_) => Some(
                    "the issuer is an https URL without query or fragment, e.g. https://login.example.com/tenant (http only on loopback)".into(),
                ),
                crate::oauth::discovery::DiscoveryError::NotFound { network: Some(n), .. } => http_hint(n),
                crate::oauth::discovery::DiscoveryError::NotFound { .. } => Some(
                    "check the issuer URL (exactly as the server's documentation gives it), or pass the endpoints yourself (--token-endpoint, --registration-endpoint)".into(),
                ),
                crate::oauth::discovery::DiscoveryError::Downgrade { .. } => Some(DOWNGRADE_HINT.into()),
                crate::oauth::discovery::DiscoveryError::IssuerMismatch { found, .. } => Some(format!(
                    "use the issuer exactly as the server names it: --issuer {found}"
                )),
            },
            Error::Client(crate::oauth::client::ClientError::NoIssuer) => Some(
                "give --issuer, or choose another audience with --aud token-endpoint|endpoint|URL".into(),
            ),
            Error::Client(crate::oauth::client::ClientError::NoTokenEndpoint) => {
                Some("give --token-endpoint, or --issuer so pkjwt can discover it".into())
            }
            Error::TokenResponse(_) => Some(
                "the server's answer is not an RFC 6749 token response; run with -v to see it (tokens redacted)".into(),
            ),
            Error::Client(crate::oauth::client::ClientError::Downgrade(_)) => Some(format!(
                "{DOWNGRADE_HINT}; fix the endpoint with --token-endpoint https://... or `pkjwt profile set`"
            )),
            Error::Client(_) | Error::Assertion(_) => None,
            Error::Secret(e) => e.downcast_ref::<CliError>().and_then(hint),
            Error::PasswordAttempts { .. } => Some(
                "check Caps Lock and the keyboard layout: the password is the one chosen when the keystore was made".into(),
            ),
            Error::Session(e) => session_hint(e),
            Error::Login(e) => login_hint(e),
            Error::Register(e) => register_hint(e),
            Error::Rotate(e) => rotate_hint(e),
            Error::Audit(e) => Some(match e {
                crate::diagnose::audit::AuditError::GoodRefused { .. } => "run `pkjwt doctor` with the same options to see why the good assertion is refused, then audit again".into(),
                crate::diagnose::audit::AuditError::UnknownCase(_) => "`pkjwt audit --list` lists the cases".into(),
                crate::diagnose::audit::AuditError::NoRegistration(_) => "register a client in the server's console and audit it with --profile (or --client-id)".into(),
                _ => "pass --delay 0 to 60 (seconds)".into(),
            }),
            Error::Serve(crate::jwks_server::ServeError::NoCertificate(_)) => {
                Some("pass --tls-cert FILE --tls-key FILE".into())
            }
            Error::Serve(_) => None,
            Error::Preset(crate::presets::PresetError::Unknown(_)) => Some(format!(
                "presets: {}",
                crate::presets::names().join(", ")
            )),
            Error::Preset(crate::presets::PresetError::Missing { .. }) => Some(
                "`pkjwt presets show NAME` says what each option is for; --issuer gives the issuer outright".into(),
            ),
            Error::Preset(_) => Some("please report this as a bug".into()),
            Error::TokenCache(crate::token_cache::CacheError::NotPrivate { path, .. }) => Some(format!(
                "chmod 700 {}, or name another directory with PKJWT_CACHE_DIR",
                path.display()
            )),
            Error::TokenCache(crate::token_cache::CacheError::Agent(_)) => Some(
                "stop and start the agent (`pkjwt agent stop`, `pkjwt agent start`): an older agent keeps no tokens".into(),
            ),
            Error::Migrate(e) => Some(match e {
                crate::migration::MigrateError::ProfileExists(_) => "pass --force to replace it, or choose another --profile".into(),
                crate::migration::MigrateError::NoKeys(_) => "run `pkjwt keygen` first".into(),
                crate::migration::MigrateError::OtherClient { .. } => "check --client-id and --registration-client-uri: they name different clients".into(),
                crate::migration::MigrateError::UpdateFailed { profile, .. } => format!(
                    "profile {profile} holds the registration access token that works now: rerun `pkjwt migrate ... --profile {profile} --force` (without --registration-access-token-file) once the cause is fixed"
                ),
                crate::migration::MigrateError::NotSwitched { profile, .. } => format!(
                    "switch the client in the server's console, then `pkjwt doctor --profile {profile}`"
                ),
            }),
            Error::Iterations(_) => Some(format!(
                "use {} to {}; the default is {}",
                crate::keystore::pkcs12::MIN_WRITE_ITERATIONS,
                crate::keystore::pkcs12::MAX_WRITE_ITERATIONS,
                crate::keystore::pkcs12::DEFAULT_ITERATIONS
            )),
            Error::TokenNotWritable(_) => Some("rotate a registered client's token key with `pkjwt rotate`; manage other objects with the token's own tools (e.g. pkcs11-tool, softhsm2-util)".into()),
            Error::NoTokenKey { uri, .. } => Some(format!("generate one with `pkjwt keygen --keystore '{uri}'`")),
            Error::Internal(_) => Some("please report this as a bug".into()),
        }
    }
}

/// What to do about a registration not sent.
fn register_hint(e: &crate::registration::RegisterError) -> Option<String> {
    use crate::registration::RegisterError as R;
    Some(match e {
        R::NoSubjectDn => "pass --tls-subject-dn DN, e.g. 'CN=client,O=Example' (see `pkjwt keys list --keystore K`)".into(),
        R::SubjectDnWithoutTls => return None,
        R::NoKeys(_) => "run `pkjwt keygen` first".into(),
        R::NoRegistrationEndpoint { issuer } => format!(
            "register the client in the server's console, then `pkjwt profile add NAME --issuer {issuer} --client-id ID --keystore FILE`"
        ),
        R::NoEndpoint => "pass --issuer URL or --registration-endpoint URL".into(),
        R::NoCertificate(_) => "make a key with `pkjwt keygen` (it has a self-signed certificate), or import one with `pkjwt keys import --cert`".into(),
        R::CertificateNotV3(_) => "have it issued again with extensions (e.g. `openssl x509 -req ... -extfile client.ext`), then `pkjwt keys import --cert`".into(),
        R::NoFreePort(_) => "pass --redirect-uri http://127.0.0.1:PORT/callback".into(),
    })
}

/// What to do about a login that did not complete.
fn login_hint(e: &crate::login::LoginError) -> Option<String> {
    use crate::login::LoginError as L;
    Some(match e {
        L::NotLoopback { .. } => "pkjwt login listens on a loopback redirect URI such as http://127.0.0.1:8400/callback: register one at the server and save it with `pkjwt profile set NAME --redirect-uri URI`, or use --no-browser to paste the URL the browser ends on".into(),
        L::PortTaken { .. } => "another program listens on that port: stop it, or pass --port N (the server must accept that redirect URI too), or save another one with `pkjwt profile set NAME --redirect-uri http://127.0.0.1:PORT/callback`".into(),
        L::Timeout => "finish the login in the browser within --timeout SECONDS; with --no-browser, paste the URL the browser ends on; a browser that shows an error about redirect_uri means the server does not know the redirect URI pkjwt sent (`pkjwt profile show NAME`)".into(),
        L::BadCallback(_) | L::StateMismatch | L::StateMissing => "start the login again and finish it in the newest browser tab only: a response pkjwt did not ask for may be an attack".into(),
        L::IssMismatch { .. } | L::IssMissing(_) => "the response may come from another authorization server (a mix-up attack, RFC 9207): check the profile's issuer, then start again".into(),
        L::Refused { error, .. } if error == "access_denied" => "the user or the server's policy refused: start again and approve the request".into(),
        L::Refused { .. } => "the server refused the authorization request: see its description above; `pkjwt login -v` shows the request".into(),
        L::IdToken(crate::login::IdTokenError::Claim { claim, .. }) if *claim == "exp" || *claim == "iat" => "check this machine's clock, or the profile's clock_offset (`pkjwt profile set NAME --clock-offset SECONDS`)".into(),
        L::IdToken(_) | L::NoIdToken => "the ID token is not one pkjwt can trust, and the tokens were not printed; do not use them, and check what answers at the issuer".into(),
        L::NoIssuer => "set it with `pkjwt profile set NAME --issuer URL`".into(),
        L::ParRequired(_) => "leave out --no-par".into(),
        L::RedirectRefused { sent, registered, .. } => format!(
            "pkjwt sent redirect_uri {sent}; the profile holds {}. Register that exact URI at the server (port included), or save the registered one with `pkjwt profile set NAME --redirect-uri URI`",
            registered.as_deref().unwrap_or("none")
        ),
        L::NoDevice(_) => "use `pkjwt login` without --device; --no-browser prints the URL to open elsewhere and takes the redirected URL back".into(),
    })
}

/// What to do about a client that cannot be resolved or connected.
fn session_hint(e: &crate::session::SessionError) -> Option<String> {
    use crate::session::SessionError as S;
    let dpop_hint = "the server cannot bind tokens to a DPoP key: leave out --dpop (`pkjwt profile set NAME --no-dpop` for a profile)";
    let mtls_hint = "RFC 8705 needs the server's support: use private_key_jwt without --mtls, or DPoP (--dpop) for bound tokens";
    Some(match e {
        S::NoKeys { path } => format!("add one with `pkjwt keygen --keystore {}`", path.display()),
        S::NoActiveKey { keys, .. } => format!(
            "keys: {}; promote the next key with `pkjwt rotate --stage promote`, or say which signs with --kid",
            keys.join(", ")
        ),
        S::WhichKey { keys, .. } => format!("kids: {}", keys.join(", ")),
        S::Lifetime(_) => "fix it with `pkjwt profile set NAME --lifetime SECONDS`".into(),
        S::ProfileAud(_) => return None,
        S::AuthMethod(_) => "private_key_jwt, tls_client_auth or self_signed_tls_client_auth".into(),
        S::EndpointUnknown(_) => "pass --issuer URL (for discovery) or the endpoint URL itself".into(),
        S::NotInMetadata { .. } => "pass the endpoint URL yourself".into(),
        S::MtlsNotHttps(_) => "use the server's https endpoint, or leave out --mtls (and the profile's TLS method)".into(),
        S::MtlsMethodNotListed { .. } | S::NoMtls(_) => mtls_hint.into(),
        S::NoCertificate { .. } => "make a key with `pkjwt keygen` (it has a self-signed certificate), or import the CA-issued one with `pkjwt keys import --cert`".into(),
        S::CertificateNotV3(_) => "have it issued again with extensions (e.g. `openssl x509 -req ... -extfile client.ext`), then `pkjwt keys import --cert`".into(),
        S::KeyNotExportable(_) => "use a keystore file for mutual TLS, or DPoP (--dpop) for bound tokens".into(),
        S::NoDpop(_) => dpop_hint.into(),
        S::DpopAlg { accepted, fits, keystore, .. } => {
            if fits.is_empty() {
                format!(
                    "make a key for one of them (`pkjwt keygen --keystore {} --alg {}`) and pass --dpop-kid KID",
                    keystore.display(),
                    accepted.first().map(String::as_str).unwrap_or("ES256")
                )
            } else {
                format!("pass --dpop-kid with one of: {}", fits.join(", "))
            }
        }
        S::DpopWhichKey { kids, .. } => format!("kids: {}", kids.join(", ")),
    })
}

/// What to do about a rotation that cannot start or go on.
fn rotate_hint(e: &crate::rotation::RotateError) -> Option<String> {
    use crate::rotation::RotateError as R;
    Some(match e {
        R::NoAccess(_) => {
            "pkjwt rotates clients it registered (`pkjwt register`); for a client registered \
             in a console, add the next key there by hand (`pkjwt keygen`, `pkjwt jwks`)"
                .into()
        }
        R::JwksOutInline(_) => {
            "leave out --jwks-out; the registration is updated through RFC 7592".into()
        }
        R::TokenUriId { without_id, .. } => match without_id {
            Some(u) => format!("set the profile's keystore to '{u}' (without id=)"),
            None => "leave id= out of the profile's keystore URI".into(),
        },
        R::KidNotSelected { object, .. } => format!(
            "leave out --kid: the next key is labelled {object}{}UNIX-TIME",
            crate::keystore::pkcs11::ROTATED_INFIX
        ),
        R::NotServed { .. } => {
            "publish the keystore's JWKS there: `pkjwt rotate --jwks-out FILE` writes the file \
             your web server serves, or run `pkjwt serve-jwks --keystore K`"
                .into()
        }
        R::NoRegistrationAccess(_) => return None,
        R::AlgPinned { .. } => {
            "rotate to a key of the same algorithm (`pkjwt rotate --alg ...`), or change the \
             algorithm in one step at a quiet time with `pkjwt register --update --kid NEW`"
                .into()
        }
        R::NextExists {
            meanwhile: true, ..
        } => return None,
        R::NextExists { profile, .. } => {
            format!("promote it with `pkjwt rotate --profile {profile} --stage promote`")
        }
        R::AlgNeedsAccess { .. } => {
            "rotate to a key of the same algorithm (leave out --alg), or change the algorithm in \
             the server's console first"
                .into()
        }
        R::NoNext(profile) => {
            format!("make one with `pkjwt rotate --profile {profile} --stage next`")
        }
        R::ManyNext(_) => "remove the extra ones with `pkjwt keys remove --kid KID`".into(),
        R::OnlyActive(_) => "start a rotation with `pkjwt rotate --stage next`".into(),
    })
}

fn http_exit(h: &crate::oauth::http::HttpError) -> u8 {
    use crate::oauth::http::HttpError as H;
    match h {
        H::Network { .. } => exit::NETWORK,
        H::Setup(_) => exit::INPUT,
        H::OAuth { .. } | H::BadResponse { .. } | H::Redirect { .. } | H::Downgrade { .. } => {
            exit::SERVER
        }
    }
}

fn http_hint(h: &crate::oauth::http::HttpError) -> Option<String> {
    use crate::oauth::http::{HttpError as H, NetKind};
    match h {
        H::Network { kind, .. } => Some(
            match kind {
                NetKind::Timeout => "the server did not answer in time; raise --timeout or check the network",
                NetKind::Refused => "nothing listens there: check the URL and that the server is up",
                NetKind::Dns => "check the host name",
                NetKind::Tls => "for a private CA pass --cacert FILE; check the server's certificate and host name",
                NetKind::Other => "check the URL, proxies (HTTPS_PROXY, NO_PROXY) and the network",
            }
            .into(),
        ),
        H::OAuth { uri: Some(u), .. } => Some(format!("the server documents this error at {u}")),
        H::OAuth {
            error,
            dpop_nonce: Some(_),
            ..
        } if error == "use_dpop_nonce" => Some(
            "the server asked for a new DPoP nonce again after pkjwt answered with the one it sent (RFC 9449 section 8): a nonce loop; check the server's nonce settings and its clock".into(),
        ),
        H::OAuth { error, .. } if error == "use_dpop_nonce" => Some(
            "the server asked for a DPoP nonce without sending one (no DPoP-Nonce header, RFC 9449 section 8): a server bug; report it to its operator".into(),
        ),
        H::OAuth { error, .. } if error == "invalid_dpop_proof" => Some(
            "the server refused the DPoP proof: check its algorithm against dpop_signing_alg_values_supported (`pkjwt discover`), --dpop-kid, and the clock".into(),
        ),
        H::OAuth { error, .. } if error == "invalid_client" => Some(
            "the server did not accept the client authentication; check aud, the clock, the kid and the registered algorithm, or let `pkjwt doctor` ask the server what it accepts".into(),
        ),
        H::OAuth {
            description: Some(d),
            ..
        } => crate::diagnose::described::registration_hint(d).map(Into::into),
        H::OAuth { .. } => None,
        H::BadResponse { info, .. } if info.bare_refusal => Some(
            "the server refused without an OAuth error, which usually means it did not accept the client authentication; `pkjwt doctor` finds out what it accepts by asking it".into(),
        ),
        H::BadResponse { snippet, .. } if !snippet.is_empty() => {
            Some(format!("the body starts with: {snippet}"))
        }
        H::BadResponse { .. } => None,
        H::Redirect { location, .. } => Some(format!("use {location} directly")),
        H::Downgrade { .. } => Some(DOWNGRADE_HINT.into()),
        H::Setup(_) => None,
    }
}

const DOWNGRADE_HINT: &str = "nothing was sent to it. Use the endpoint's https URL (plain http only on loopback: localhost, 127.0.0.0/8, ::1); if the server's metadata or redirect names it, that server is misconfigured or hostile: tell its operator";

const LIMIT_HINT: &str = "pkjwt bounds what a file may cost to open (see Limits in docs/keystores.md); if you trust the file, re-encrypt it with common settings (e.g. openssl pkcs12 -export or openssl pkcs8 -topk8 -v2 aes-256-cbc)";

fn key_file_hint(e: &KeyFileError) -> Option<String> {
    use KeyFileError as K;
    Some(
        match e {
            K::WrongPassword => {
                "give the key's password with --from-password-file or PKJWT_IMPORT_PASSWORD"
            }
            K::LegacyPemEncryption => "convert it to encrypted PKCS#8 first: openssl pkcs8 -topk8 -v2 aes-256-cbc -in KEY -out key.p8.pem",
            K::OpenSsh => "convert it to PKCS#8 PEM: ssh-keygen -p -m PKCS8 -f KEY (on a copy)",
            K::SeveralKeys => "split it: one key per import",
            K::Limit(_) => LIMIT_HINT,
            K::NoKey => "expected a PRIVATE KEY, ENCRYPTED PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block",
            K::Pem(_) | K::PemTruncated => {
                "check that the file is complete (each BEGIN line has its END line)"
            }
            K::NoCertificate | K::NotCertificate(_) | K::Key(_) => return None,
        }
        .into(),
    )
}
