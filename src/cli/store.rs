//! The keystore on the command line, shared by keygen, keys and the
//! commands that sign: opening, creating and saving it, the `--alg` and
//! `--kid` value checks, and how an entry is shown.

use std::path::{Path, PathBuf};

use clap::Args;
use serde_json::{json, Value};

use super::password::{self, CliSecrets, PasswordArgs};
use super::Ui;
use crate::cli::error::CliError as Error;
use crate::keystore::keys::Alg;
use crate::keystore::open::{OpenOptions, Opened};
use crate::keystore::update;
use crate::keystore::{Entry, Keystore};
use crate::secret::Password;

/// The keystore file and its password.
#[derive(Args, Debug, Clone)]
pub struct StoreArgs {
    /// The PKCS#12 keystore file (.p12), or a PKCS#11 token key: pkcs11:token=NAME;object=LABEL
    #[arg(short = 'k', long, value_name = "FILE|URI", env = "PKJWT_KEYSTORE")]
    pub keystore: PathBuf,
    #[command(flatten)]
    pub password: PasswordArgs,
}

/// Options of commands that write the keystore.
#[derive(Args, Debug, Clone)]
pub struct WriteArgs {
    /// PBKDF2 and MAC iterations for the written keystore [default: 600000, or the file's own count when higher]
    #[arg(long, value_name = "N", env = "PKJWT_ITERATIONS")]
    pub iterations: Option<u32>,
    /// Take a new keystore password under 8 characters (for tests)
    #[arg(long, env = "PKJWT_ALLOW_WEAK_PASSWORD", value_parser = clap::builder::FalseyValueParser::new())]
    pub allow_weak_password: bool,
}

/// Open an existing keystore (asking for its password).
pub fn open(ui: &Ui, store: &StoreArgs) -> Result<(Keystore, Password), Error> {
    let o = open_full(ui, store)?;
    Ok((o.keystore, o.secret))
}

/// The library's options for opening `store`.
pub fn open_options(store: &StoreArgs) -> OpenOptions {
    OpenOptions::new(&store.keystore).pkcs11_module(store.password.pkcs11_module.clone())
}

/// Open an existing keystore file or PKCS#11 token, with the token when it
/// is one (for `rotate` and `serve-jwks`, which write to it or re-read it).
pub fn open_full(ui: &Ui, store: &StoreArgs) -> Result<Opened, Error> {
    let path = &store.keystore;
    let secrets = CliSecrets {
        args: &store.password,
    };
    let opened =
        crate::keystore::open::open(&open_options(store), &secrets).map_err(|e| match e {
            crate::Error::Io {
                source,
                path: p,
                op,
            } if source.kind() == std::io::ErrorKind::NotFound && p == *path => {
                let path = p;
                Error::input(
                    format!("cannot {op} {}: {source}", path.display()),
                    Some(format!(
                        "check the path; to create a new keystore run `pkjwt keygen --keystore {}`",
                        path.display()
                    )),
                )
            }
            other => other.into(),
        })?;
    let ks = &opened.keystore;
    if let (Some(t), Some(module)) = (&opened.token, &opened.module) {
        ui.detail(format!(
            "opened the PKCS#11 token {:?} with {} in {} ms",
            t.label,
            module.display(),
            opened.elapsed.as_millis()
        ));
        return Ok(opened);
    }
    let p = &ks.protection;
    ui.detail(format!(
        "opened {} in {} ms: {} key(s); MAC {} ({} iterations); {}",
        path.display(),
        opened.elapsed.as_millis(),
        ks.entries.len(),
        p.mac.as_deref().unwrap_or("none"),
        p.mac_iterations.map_or("-".to_string(), |n| n.to_string()),
        if p.ciphers.is_empty() {
            "no encryption".to_string()
        } else {
            p.ciphers.join(", ")
        },
    ));
    Ok(opened)
}

/// Refuse to write a token as if it were a keystore file.
pub fn refuse_write(path: &Path) -> Result<(), Error> {
    Ok(update::refuse_token(path)?)
}

/// Open the keystore, or prepare a new one when the file does not exist.
/// Returns true as the third value for a new keystore.
pub fn open_or_new(ui: &Ui, store: &StoreArgs) -> Result<(Keystore, Password, bool), Error> {
    let path = &store.keystore;
    refuse_write(path)?;
    match std::fs::metadata(path) {
        Ok(_) => {
            let (ks, pw) = open(ui, store)?;
            Ok((ks, pw, false))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            check_dir(path)?;
            let pw = password::get(&store.password.sources(path), true)?;
            Ok((Keystore::new(), pw, true))
        }
        Err(source) => Err(Error::Lib(crate::Error::Io {
            op: "read",
            path: path.clone(),
            source,
        })),
    }
}

/// Fail early, before a password prompt or key generation, when the
/// keystore's directory cannot take a new file.
fn check_dir(path: &Path) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match std::fs::metadata(&dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(Error::input(
            format!("{} is not a directory", dir.display()),
            None,
        )),
        Err(source) => Err(Error::Lib(crate::Error::Io {
            op: "use the directory",
            path: dir,
            source,
        })),
    }
}

/// Resolve the iteration count and check its range ([`update::iterations`]).
pub fn iterations(write: &WriteArgs, ks: &Keystore) -> Result<u32, Error> {
    Ok(update::iterations(write.iterations, ks)?)
}

/// What [`update`] did.
pub use crate::keystore::update::Updated;

/// Change the keystore under its lock and save it ([`update::update`]).
pub fn update<T>(
    ui: &Ui,
    ks: &mut Keystore,
    path: &Path,
    pw: &Password,
    write: &WriteArgs,
    prepared: Option<crate::keystore::pkcs12::WriteKeys>,
    change: impl FnOnce(&mut Keystore) -> Result<T, Error>,
) -> Result<Updated<T>, Error> {
    update::update(ks, path, pw, write.iterations, prepared, ui, change)
}

/// The `--alg` value parser.
pub fn parse_alg(s: &str) -> Result<Alg, String> {
    s.parse::<Alg>().map_err(|e| e.to_string())
}

/// Refuse a kid that cannot name a key. The kid is stored as the PKCS#12
/// friendlyName, a BMPString: characters beyond U+FFFF cannot be written.
pub fn check_kid(kid: &str) -> Result<(), Error> {
    if kid.is_empty() || kid.chars().any(|c| c.is_control()) {
        return Err(Error::input(
            format!("--kid {kid:?} is not usable as a key ID"),
            Some("use printable characters, e.g. --kid client-2026".into()),
        ));
    }
    if kid.chars().any(|c| u32::from(c) > 0xFFFF) {
        return Err(Error::input(
            format!("--kid {kid:?} cannot be stored in a PKCS#12 keystore"),
            Some(
                "a kid is stored as the key's friendlyName (a BMPString): use characters \
                 up to U+FFFF, e.g. no emoji"
                    .into(),
            ),
        ));
    }
    Ok(())
}

/// The JSON description of an entry (stable field names).
pub fn entry_json(e: &Entry) -> Value {
    let public = e.public();
    let cert = e
        .cert
        .as_ref()
        .and_then(|c| crate::keystore::cert::inspect(c).ok())
        .map(|(info, _)| serde_json::to_value(info).unwrap_or(Value::Null))
        .unwrap_or(Value::Null);
    json!({
        "kid": e.kid,
        "alg": e.alg().as_str(),
        "alg_source": if e.stored_alg.is_some() { "stored" } else { "default" },
        "state": e.state().as_str(),
        "state_since": e.stored_state.and_then(|s| s.since),
        "kty": public.kty(),
        "bits": public.bits(),
        "crv": public.curve(),
        "thumbprint": public.thumbprint(),
        "certificate": cert,
    })
}

/// The human description of an entry, indented lines.
pub fn describe_entry(e: &Entry) -> String {
    let public = e.public();
    let state = match e.stored_state {
        None => format!("{} (no state recorded)", e.state()),
        Some(r) => match r.since {
            Some(t) => format!(
                "{} since {}",
                r.state,
                crate::keystore::cert::rfc3339_unix(t as i64)
            ),
            None => r.state.to_string(),
        },
    };
    let mut s = format!(
        "  state:       {state}\n  algorithm:   {}{}\n  key:         {}\n  thumbprint:  {}\n",
        e.alg(),
        if e.stored_alg.is_some() {
            ""
        } else {
            " (default for this key type)"
        },
        public.describe(),
        public.thumbprint()
    );
    match e
        .cert
        .as_ref()
        .and_then(|c| crate::keystore::cert::inspect(c).ok())
    {
        Some((info, _)) => {
            let days = super::days_from_now(info.not_after_unix);
            let left = if days < 0 {
                format!("EXPIRED {} days ago", -days)
            } else {
                format!("{days} days left")
            };
            s.push_str(&format!(
                "  certificate: {}{}\n  valid:       {} to {} ({left})\n",
                info.subject,
                if info.self_signed {
                    " (self-signed)"
                } else {
                    ""
                },
                info.not_before,
                info.not_after
            ));
        }
        None => s.push_str("  certificate: none\n"),
    }
    s
}
