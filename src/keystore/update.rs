//! Changing a keystore file safely: under its [`WriteLock`], re-read when
//! another process wrote it since it was read, then written atomically with
//! PBES2 protection. Every writer (keygen, keys import and remove, rotate)
//! goes through [`update`].

#![warn(missing_docs)]

use std::path::Path;
use std::time::Instant;

use super::pkcs12::{WriteKeys, DEFAULT_ITERATIONS, MAX_WRITE_ITERATIONS, MIN_WRITE_ITERATIONS};
use super::{pkcs11, Keystore, WriteLock};
use crate::progress::Progress;
use crate::secret::Password;
use crate::Error;

/// The iteration count to write `ks` with: `requested`, else the file's own
/// count when higher than [`DEFAULT_ITERATIONS`], else that default; in
/// range ([`MIN_WRITE_ITERATIONS`] to [`MAX_WRITE_ITERATIONS`]).
pub fn iterations(requested: Option<u32>, ks: &Keystore) -> Result<u32, Error> {
    let n = match requested {
        Some(n) => n,
        None => {
            let existing = ks
                .protection
                .mac_iterations
                .into_iter()
                .chain(ks.protection.min_iterations)
                .min()
                .unwrap_or(0);
            existing.max(DEFAULT_ITERATIONS)
        }
    };
    if !(MIN_WRITE_ITERATIONS..=MAX_WRITE_ITERATIONS).contains(&n) {
        return Err(Error::Iterations(n));
    }
    Ok(n)
}

/// Refuse to write a PKCS#11 token as if it were a keystore file.
pub(crate) fn refuse_token(path: &Path) -> Result<(), Error> {
    if pkcs11::is_uri(path) {
        return Err(Error::TokenNotWritable(path.to_path_buf()));
    }
    Ok(())
}

/// Save `ks` to `path` (atomically, mode 0600), saying through `progress`
/// when legacy protection is upgraded or the iteration count is unusual.
/// `prepared` are keys derived ahead (keygen derives them while it
/// generates). Returns the iteration count written. Writers call it
/// through [`update`], under the keystore's lock.
pub fn save(
    ks: &mut Keystore,
    path: &Path,
    pw: &Password,
    requested: Option<u32>,
    prepared: Option<WriteKeys>,
    progress: &dyn Progress,
) -> Result<u32, Error> {
    let n = iterations(requested, ks)?;
    if n < 100_000 {
        progress.warn(&format!(
            "{n} PBKDF2 iterations make a stolen keystore cheap to attack; the default is {DEFAULT_ITERATIONS}"
        ));
    } else if n > 1_000_000 {
        progress.warn(&format!(
            "{n} iterations: some PKCS#12 readers refuse more than 1000000"
        ));
    }
    if ks.protection.legacy {
        progress.note(&format!(
            "note: {} used legacy protection ({}); it is rewritten with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) and an HMAC-SHA256 MAC",
            path.display(),
            ks.protection.ciphers.join(", ")
        ));
    }
    if !pw.expose().is_ascii() {
        progress.warn(
            "the password has non-ASCII characters: Java keytool refuses them on PBES2 keystores",
        );
    }
    let started = Instant::now();
    let keys = match prepared {
        Some(k) if k.iterations() == n => k,
        _ => WriteKeys::derive(pw, n).map_err(|e| Error::Keystore {
            path: path.to_path_buf(),
            source: e,
        })?,
    };
    ks.save_with(path, &keys)?;
    progress.detail(&format!(
        "wrote {} atomically (mode 0600) in {} ms: PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC, HMAC-SHA256 MAC, {n} iterations",
        path.display(),
        started.elapsed().as_millis()
    ));
    Ok(n)
}

/// What [`update`] did.
#[derive(Debug)]
#[non_exhaustive]
pub struct Updated<T> {
    /// What the change returned.
    pub value: T,
    /// The iteration count the keystore was written with.
    pub iterations: u32,
    /// Whether the file was created.
    pub created: bool,
}

/// Change the keystore file `path` with `change` and save it, under its
/// lock: when another process wrote the file since `ks` was read, `ks` is
/// read again (with `pw`) before the change, so no update is lost. The
/// change's own error type `E` carries the library's errors too.
pub fn update<T, E: From<Error>>(
    ks: &mut Keystore,
    path: &Path,
    pw: &Password,
    requested: Option<u32>,
    prepared: Option<WriteKeys>,
    progress: &dyn Progress,
    change: impl FnOnce(&mut Keystore) -> Result<T, E>,
) -> Result<Updated<T>, E> {
    refuse_token(path)?;
    let waiting = Instant::now();
    let lock = WriteLock::acquire(path)?;
    progress.detail(&format!(
        "locked {} in {} ms",
        lock.lock_path().display(),
        waiting.elapsed().as_millis()
    ));
    match super::read_file(path) {
        Ok(now) if !ks.is_from(&now) => {
            progress.detail(&format!(
                "{} was written by another process since it was read; reading it again",
                path.display()
            ));
            *ks = Keystore::from_bytes(path, now, pw)?;
        }
        Ok(_) => {}
        // Still missing (a new keystore), or removed meanwhile: the save
        // creates it, or reports that it is gone.
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e.into()),
    }
    let created = ks.is_new();
    let value = change(ks)?;
    let iterations = save(ks, path, pw, requested, prepared, progress)?;
    drop(lock);
    Ok(Updated {
        value,
        iterations,
        created,
    })
}
