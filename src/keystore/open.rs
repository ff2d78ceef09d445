//! Opening a keystore for use: a PKCS#12 file or a PKCS#11 token, with its
//! password or PIN from wherever the caller keeps it.
//!
//! The library does not know where secrets come from: the caller passes a
//! [`SecretSource`] (the command line implements one over a prompt, a file,
//! stdin and an environment variable; a service implements one over its
//! secret store). A file is read before any secret is asked for, so a
//! missing file is reported first; a wrong password is asked again only as
//! often as the source allows ([`SecretSource::attempts`]).

#![warn(missing_docs)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::pkcs11::{self, Token, Uri};
use super::pkcs12::Pkcs12Error;
use super::Keystore;
use crate::secret::Password;
use crate::Error;

/// What a secret is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SecretFor<'a> {
    /// The password of the existing keystore file at this path.
    Keystore(&'a Path),
    /// The password of a keystore file that does not exist yet.
    NewKeystore(&'a Path),
    /// The user PIN of the PKCS#11 token with this label.
    TokenPin(&'a str),
}

impl std::fmt::Display for SecretFor<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SecretFor::Keystore(p) | SecretFor::NewKeystore(p) => {
                write!(f, "the keystore {}", p.display())
            }
            SecretFor::TokenPin(label) => write!(f, "the PKCS#11 token {label:?} (its user PIN)"),
        }
    }
}

/// Where passwords and PINs come from.
pub trait SecretSource {
    /// The secret for `what`. `attempt` counts from 1; it is above 1 only
    /// after the previous secret was wrong and [`attempts`](Self::attempts)
    /// allows another. Errors of the source itself (no source, unreadable
    /// file) are returned as [`Error::Secret`], boxed.
    fn secret(&self, what: SecretFor<'_>, attempt: u32) -> Result<Password, Error>;

    /// How many secrets may be tried for one file before giving up: 1 for
    /// a source that would give the same secret again (a file, a
    /// variable), more for a person typing at a prompt.
    fn attempts(&self) -> u32 {
        1
    }
}

/// A fixed password or PIN, for services and tests.
pub struct FixedSecret(pub Password);

impl SecretSource for FixedSecret {
    fn secret(&self, _: SecretFor<'_>, _: u32) -> Result<Password, Error> {
        Ok(self.0.clone())
    }
}

/// What to open.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct OpenOptions {
    /// A keystore file, or a `pkcs11:` URI.
    pub keystore: PathBuf,
    /// The PKCS#11 module for a `pkcs11:` URI (else the URI's `module-path`).
    pub pkcs11_module: Option<PathBuf>,
}

impl OpenOptions {
    /// Open `keystore` (a file or a `pkcs11:` URI).
    pub fn new(keystore: impl Into<PathBuf>) -> OpenOptions {
        OpenOptions {
            keystore: keystore.into(),
            pkcs11_module: None,
        }
    }

    /// The PKCS#11 module to load for a `pkcs11:` URI.
    pub fn pkcs11_module(mut self, module: Option<PathBuf>) -> OpenOptions {
        self.pkcs11_module = module;
        self
    }
}

/// An opened keystore.
#[derive(Debug)]
#[non_exhaustive]
pub struct Opened {
    /// The keys (on a token, keys that sign there).
    pub keystore: Keystore,
    /// The password (or the token's PIN) that opened it, for writing it back.
    pub secret: Password,
    /// The token, when the keystore is one: keys are generated and
    /// restated there.
    pub token: Option<Arc<Token>>,
    /// The PKCS#11 module loaded for a token.
    pub module: Option<PathBuf>,
    /// How long unlocking took (key derivation, or the token's login).
    pub elapsed: Duration,
}

/// Is `e` a wrong keystore password?
pub(crate) fn is_wrong_password(e: &Error) -> bool {
    matches!(
        e,
        Error::Keystore {
            source: Pkcs12Error::WrongPassword,
            ..
        }
    )
}

/// Get a secret for `what` and `open` with it, asking again after a wrong
/// password as often as the source allows ([`SecretSource::attempts`]).
/// Returns what `open` made and the secret that worked.
pub fn unlock<T>(
    what: SecretFor<'_>,
    secrets: &dyn SecretSource,
    mut open: impl FnMut(&Password) -> Result<T, Error>,
) -> Result<(T, Password), Error> {
    let attempts = secrets.attempts().max(1);
    let mut attempt = 1;
    loop {
        let pw = secrets.secret(what, attempt)?;
        match open(&pw) {
            Ok(v) => return Ok((v, pw)),
            Err(e) if is_wrong_password(&e) && attempt < attempts => attempt += 1,
            Err(e) if is_wrong_password(&e) && attempts > 1 => {
                return Err(match what {
                    SecretFor::Keystore(p) | SecretFor::NewKeystore(p) => Error::PasswordAttempts {
                        path: p.to_path_buf(),
                        attempts,
                    },
                    SecretFor::TokenPin(_) => e,
                })
            }
            Err(e) => return Err(e),
        }
    }
}

/// Open the keystore file `path` with a secret from `secrets`, asking again
/// after a wrong password as often as the source allows.
pub(crate) fn open_file(path: &Path, secrets: &dyn SecretSource) -> Result<Opened, Error> {
    // Read first: a missing file is reported before any password is asked for.
    let data = super::read_file(path)?;
    let started = Instant::now();
    let (ks, pw) = unlock(SecretFor::Keystore(path), secrets, |pw| {
        Keystore::from_bytes(path, data.clone(), pw)
    })?;
    Ok(Opened {
        keystore: ks,
        secret: pw,
        token: None,
        module: None,
        elapsed: started.elapsed(),
    })
}

/// Load the module, open the token a `pkcs11:` URI names and log in with
/// the PIN from `secrets`.
pub fn connect(
    opts: &OpenOptions,
    secrets: &dyn SecretSource,
) -> Result<(Arc<Token>, Uri, Password, PathBuf), Error> {
    let text = opts.keystore.to_string_lossy();
    let uri = Uri::parse(&text)?;
    let module = pkcs11::module_for(&uri, opts.pkcs11_module.as_deref())?;
    let t = Token::open(&module, &uri)?;
    let pin = secrets.secret(SecretFor::TokenPin(&t.label), 1)?;
    t.login(&pin)?;
    Ok((Arc::new(t), uri, pin, module))
}

/// Open the token a `pkcs11:` URI names: its keys (those the URI's object
/// names, or all) as a keystore that signs on the token. A URI whose
/// `object` names no key is an error ([`Error::NoTokenKey`]).
pub(crate) fn open_token(opts: &OpenOptions, secrets: &dyn SecretSource) -> Result<Opened, Error> {
    let started = Instant::now();
    let (t, uri, pin, module) = connect(opts, secrets)?;
    let ks = t.keystore()?;
    if ks.entries.is_empty() {
        if let Some(o) = &uri.object {
            return Err(Error::NoTokenKey {
                token: t.label.clone(),
                object: o.clone(),
                uri: uri.with_object(o),
            });
        }
    }
    Ok(Opened {
        keystore: ks,
        secret: pin,
        token: Some(t),
        module: Some(module),
        elapsed: started.elapsed(),
    })
}

/// Open a keystore file or a PKCS#11 token, whichever `opts.keystore` names.
pub fn open(opts: &OpenOptions, secrets: &dyn SecretSource) -> Result<Opened, Error> {
    if pkcs11::is_uri(&opts.keystore) {
        open_token(opts, secrets)
    } else {
        open_file(&opts.keystore, secrets)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keystore::keys::{Alg, KeyPair};
    use crate::keystore::Entry;
    use std::cell::Cell;

    /// Gives the passwords in order, counting the calls.
    struct Typed(Vec<&'static str>, Cell<u32>);

    impl SecretSource for Typed {
        fn secret(&self, what: SecretFor<'_>, attempt: u32) -> Result<Password, Error> {
            assert!(matches!(what, SecretFor::Keystore(_)));
            self.1.set(attempt);
            Ok(Password::new(self.0[attempt as usize - 1].to_string()))
        }
        fn attempts(&self) -> u32 {
            self.0.len() as u32
        }
    }

    fn keystore(dir: &Path) -> PathBuf {
        let path = dir.join("ks.p12");
        let mut ks = Keystore::new();
        let key = KeyPair::generate(Alg::ES256, 0).unwrap();
        ks.add(Entry::new("k1".into(), key, None, Some(Alg::ES256)), &path)
            .unwrap();
        ks.save(&path, &Password::new("right password".into()), 2048)
            .unwrap();
        path
    }

    #[test]
    fn a_source_that_may_ask_again_gets_another_attempt() {
        let dir = std::env::temp_dir().join(format!("pkjwt-open-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = keystore(&dir);
        let typed = Typed(vec!["wrong", "right password"], Cell::new(0));
        let opened = open(&OpenOptions::new(&path), &typed).unwrap();
        assert_eq!(opened.keystore.kids(), vec!["k1".to_string()]);
        assert_eq!(typed.1.get(), 2);
        // Every attempt wrong: the attempts are named.
        let typed = Typed(vec!["a", "b", "c"], Cell::new(0));
        let err = open(&OpenOptions::new(&path), &typed).unwrap_err();
        assert!(
            matches!(err, Error::PasswordAttempts { attempts: 3, .. }),
            "{err:?}"
        );
        // A fixed source is tried once, and a wrong one is the keystore's error.
        let err = open(
            &OpenOptions::new(&path),
            &FixedSecret(Password::new("nope".into())),
        )
        .unwrap_err();
        assert!(is_wrong_password(&err), "{err:?}");
        // A missing file is reported before any secret is asked for.
        let typed = Typed(vec![], Cell::new(0));
        let err = open(&OpenOptions::new(dir.join("missing.p12")), &typed).unwrap_err();
        assert!(matches!(err, Error::Io { .. }), "{err:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
