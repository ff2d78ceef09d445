//! `pkjwt keys list|import|remove|cert`: managing the entries of a keystore.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::json;

use super::password::{self, Sources, IMPORT_ENV};
use super::store::{self, check_kid, describe_entry, entry_json, parse_alg, StoreArgs, WriteArgs};
use super::Ui;
use crate::cli::error::CliError as Error;
use crate::keystore::keys::Alg;
use crate::keystore::{Entry, Keystore, Replace};

/// Manage the keys in a keystore
#[derive(Subcommand, Debug)]
// Each subcommand's arguments are built only when it runs (start-up).
#[command(defer = true)]
pub enum KeysCommand {
    List(ListArgs),
    Import(ImportArgs),
    Remove(RemoveArgs),
    Cert(CertArgs),
    Check(super::expiry::CheckArgs),
}

/// List the keys: kid, algorithm, type and size, certificate, thumbprint
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pkjwt keys list --keystore client.p12
  pkjwt keys list --keystore client.p12 --json | jq -r '.keys[].kid'")]
pub struct ListArgs {
    #[command(flatten)]
    pub store: StoreArgs,
}

/// Import a key from another PKCS#12 file or a PEM/DER private key
///
/// PEM keys may be PKCS#8 (PRIVATE KEY, ENCRYPTED PRIVATE KEY), PKCS#1 (RSA
/// PRIVATE KEY) or SEC1 (EC PRIVATE KEY); certificates in the same file, or
/// in --cert, are paired with the key by public key. A key without a
/// certificate gets a self-signed one. From a PKCS#12 file every key is
/// imported. The password of the source comes from --from-password-file,
/// --from-password-stdin, PKJWT_IMPORT_PASSWORD or a prompt.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pkjwt keys import --keystore client.p12 --from key.pem --cert cert.pem
  pkjwt keys import --keystore client.p12 --from old.p12 --from-password-file old.pass")]
pub struct ImportArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// The file to import: PKCS#12 (.p12/.pfx), PEM or PKCS#8 DER
    #[arg(long, value_name = "PATH")]
    pub from: PathBuf,
    /// A certificate (PEM or DER) for the imported key
    #[arg(long, value_name = "PATH")]
    pub cert: Option<PathBuf>,
    /// Key ID for the imported key [default: the source's name for it, else the RFC 7638 thumbprint]
    #[arg(long, value_name = "KID", allow_hyphen_values = true)]
    pub kid: Option<String>,
    /// Algorithm to record for the key [default: the source's, else RS256 for RSA and ES256 for EC]
    #[arg(long, value_name = "ALG", value_parser = parse_alg)]
    pub alg: Option<Alg>,
    /// Subject of the self-signed certificate made for a key without one [default: CN=<kid>]
    #[arg(long, value_name = "CN", allow_hyphen_values = true)]
    pub subject: Option<String>,
    /// Validity in days of a certificate made for a key without one
    #[arg(long, value_name = "N", default_value_t = 365, value_parser = clap::value_parser!(u32).range(1..=36500))]
    pub days: u32,
    /// Read the password of the --from file from the first line of FILE
    #[arg(long, value_name = "FILE", conflicts_with = "from_password_stdin")]
    pub from_password_file: Option<PathBuf>,
    /// Read the password of the --from file from standard input
    #[arg(long, conflicts_with = "password_stdin")]
    pub from_password_stdin: bool,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// Remove a key from the keystore
#[derive(Args, Debug)]
#[command(after_help = "\
Example:
  pkjwt keys remove --keystore client.p12 --kid OLD_KID")]
pub struct RemoveArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// The key to remove
    #[arg(long, value_name = "KID", allow_hyphen_values = true)]
    pub kid: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// Print a key's certificate (PEM, or DER with --der)
///
/// For servers that register clients by certificate, such as Microsoft Entra ID.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pkjwt keys cert --keystore client.p12 --kid KID > client.crt
  pkjwt keys cert --keystore client.p12 --kid KID --der --out client.cer")]
pub struct CertArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// The key whose certificate to print [default: the only key]
    #[arg(long, value_name = "KID", allow_hyphen_values = true)]
    pub kid: Option<String>,
    /// DER instead of PEM
    #[arg(long)]
    pub der: bool,
    /// Write to FILE instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub fn run(ui: &Ui, c: &KeysCommand) -> Result<(), Error> {
    match c {
        KeysCommand::List(a) => list(ui, a),
        KeysCommand::Import(a) => import(ui, a),
        KeysCommand::Remove(a) => remove(ui, a),
        KeysCommand::Cert(a) => cert(ui, a),
        KeysCommand::Check(a) => super::expiry::run(ui, a),
    }
}

fn list(ui: &Ui, a: &ListArgs) -> Result<(), Error> {
    let (ks, _pw) = store::open(ui, &a.store)?;
    let path = &a.store.keystore;
    if ui.json {
        let p = &ks.protection;
        return ui.out_json(&json!({
            "keystore": path.display().to_string(),
            "keys": ks.entries.iter().map(entry_json).collect::<Vec<_>>(),
            "protection": {
                "mac": p.mac,
                "mac_iterations": p.mac_iterations,
                "ciphers": p.ciphers,
                "min_iterations": p.min_iterations,
                "legacy": p.legacy,
            },
        }));
    }
    if ks.entries.is_empty() {
        ui.note(format!("{} holds no keys", path.display()));
        return Ok(());
    }
    let mut s = String::new();
    for (i, e) in ks.entries.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        s.push_str(&format!("{}\n{}", e.kid, describe_entry(e)));
    }
    ui.out(s)?;
    if ks.protection.legacy {
        ui.warn(format!(
            "{} uses legacy protection ({}); any pkjwt write upgrades it to PBES2 and HMAC-SHA256",
            path.display(),
            ks.protection.ciphers.join(", ")
        ));
    }
    Ok(())
}

fn import(ui: &Ui, a: &ImportArgs) -> Result<(), Error> {
    if let Some(k) = &a.kid {
        check_kid(k)?;
    }
    let data = crate::keystore::read_file(&a.from)?;
    let from_sources = Sources {
        file: a.from_password_file.as_deref(),
        stdin: a.from_password_stdin,
        env: IMPORT_ENV,
        purpose: format!("{}", a.from.display()),
        options: format!(
            "give the password of {} with --from-password-file FILE, --from-password-stdin, or the {IMPORT_ENV} environment variable",
            a.from.display()
        ),
    };
    // Decode the source fully before touching the target keystore.
    let mut incoming: Vec<Entry> = Vec::new();
    if crate::keystore::pkcs12::is_pkcs12(&data) {
        let pw = password::get(&from_sources, false)?;
        // A wrong password here is the imported file's: say which options give it.
        let src = Keystore::from_bytes(&a.from, data, &pw).map_err(|e| match e {
            crate::Error::Keystore {
                source: crate::keystore::pkcs12::Pkcs12Error::WrongPassword,
                path,
            } => Error::ImportPassword { path },
            other => Error::Lib(other),
        })?;
        if src.entries.is_empty() {
            return Err(Error::input(
                format!("{} holds no private key", a.from.display()),
                None,
            ));
        }
        if a.kid.is_some() && src.entries.len() > 1 {
            return Err(Error::input(
                format!(
                    "--kid names one key, and {} holds {}",
                    a.from.display(),
                    src.entries.len()
                ),
                Some("import without --kid: each key keeps its name".into()),
            ));
        }
        if a.cert.is_some() {
            return Err(Error::input(
                "--cert is for PEM keys; a PKCS#12 file brings its own certificates",
                None,
            ));
        }
        for e in &src.entries {
            let mut e = e.clone();
            if let Some(k) = &a.kid {
                e.kid = k.clone();
            }
            incoming.push(e);
        }
        // Issuer certificates come along so chains stay complete.
        incoming_chain_note(ui, &src);
    } else {
        let mut ask = || password::get(&from_sources, false);
        let parsed = crate::keystore::keys::parse_key_file(&data, &mut ask)?;
        let public = parsed.key.public();
        let mut certs = parsed.certs;
        if let Some(c) = &a.cert {
            certs.extend(crate::keystore::keys::parse_cert_file(
                &crate::keystore::read_file(c)?,
            )?);
        }
        let own = certs.iter().find(|c| {
            crate::keystore::cert::inspect(c)
                .ok()
                .and_then(|(_, pk)| pk.ok())
                .as_ref()
                == Some(&public)
        });
        if own.is_none() && !certs.is_empty() {
            return Err(Error::input(
                "no certificate given matches the private key",
                Some("check that --cert belongs to this key (compare `openssl x509 -pubkey` with `openssl pkey -pubout`)".into()),
            ));
        }
        let kid = a.kid.clone().unwrap_or_else(|| public.thumbprint());
        incoming.push(Entry::new(kid, parsed.key, own.cloned(), None));
    }

    for e in &mut incoming {
        let public = e.public();
        if let crate::keystore::keys::PublicKey::Rsa(_) = public {
            if public.bits() < 2048 {
                return Err(Error::input(
                    format!(
                        "the key is RSA-{}: pkjwt refuses RSA under 2048 bits",
                        public.bits()
                    ),
                    Some("generate a new key with `pkjwt keygen`".into()),
                ));
            }
        }
        // The backend checks the key's consistency before it is stored.
        e.key.check()?;
        if let Some(alg) = a.alg {
            public.check_alg(alg)?;
            e.stored_alg = Some(alg);
        }
        if e.cert.is_none() {
            let subject = match &a.subject {
                Some(s) => crate::keystore::cert::subject_name(s)?,
                None => crate::keystore::cert::subject_name(&e.kid)?,
            };
            e.cert = Some(crate::keystore::cert::self_signed(
                &e.key, &subject, a.days,
            )?);
            ui.note(format!(
                "note: key {} had no certificate; made a self-signed one ({} days)",
                e.kid, a.days
            ));
        }
    }

    let path = &a.store.keystore;
    let (mut ks, pw, new) = store::open_or_new(ui, &a.store)?;
    if new {
        password::check_new(ui, &pw, a.write.allow_weak_password)?;
    }
    let created = store::update(ui, &mut ks, path, &pw, &a.write, None, |ks| {
        for e in &incoming {
            ks.add(e.clone(), path)?;
        }
        Ok(())
    })?
    .created;
    let imported: Vec<&Entry> = incoming
        .iter()
        .filter_map(|e| ks.get(&e.kid, path).ok())
        .collect();
    if ui.json {
        return ui.out_json(&json!({
            "keystore": path.display().to_string(),
            "created": created,
            "imported": imported.iter().map(|e| entry_json(e)).collect::<Vec<_>>(),
        }));
    }
    let mut s = String::new();
    for e in imported {
        s.push_str(&format!(
            "Imported {} into {}\n{}",
            e.kid,
            path.display(),
            describe_entry(e)
        ));
    }
    ui.out(s)
}

fn incoming_chain_note(ui: &Ui, src: &Keystore) {
    let extra = src.extra.len();
    if extra > 0 {
        ui.note(format!(
            "note: {extra} other certificate(s) or bag(s) in the source are not imported; only keys and their own certificates are"
        ));
    }
}

fn remove(ui: &Ui, a: &RemoveArgs) -> Result<(), Error> {
    let path = &a.store.keystore;
    let (mut ks, pw) = store::open(ui, &a.store)?;
    // Fail on an unknown kid before waiting for the lock.
    ks.get(&a.kid, path)?;
    let removed = store::update(ui, &mut ks, path, &pw, &a.write, None, |ks| {
        Ok(ks.remove(&a.kid, path)?)
    })?
    .value;
    // Tokens got with the keystore's keys go with the key.
    super::cache::invalidate(
        ui,
        &crate::token_cache::Selection::keystore(super::cache::keystore_id(path)),
    );
    if ui.json {
        return ui.out_json(&json!({
            "keystore": path.display().to_string(),
            "removed": removed.kid,
            "remaining": ks.kids(),
        }));
    }
    ui.out(format!("Removed {} from {}\n", removed.kid, path.display()))?;
    if ks.entries.is_empty() {
        ui.warn(format!("{} now holds no keys", path.display()));
    }
    Ok(())
}

fn cert(ui: &Ui, a: &CertArgs) -> Result<(), Error> {
    let path = &a.store.keystore;
    let (ks, _pw) = store::open(ui, &a.store)?;
    let entry = match &a.kid {
        Some(k) => ks.get(k, path)?,
        None => match ks.entries.as_slice() {
            [only] => only,
            [] => {
                return Err(Error::input(
                    format!("{} holds no keys", path.display()),
                    None,
                ))
            }
            _ => {
                return Err(Error::input(
                    format!(
                        "{} holds {} keys: say which with --kid",
                        path.display(),
                        ks.entries.len()
                    ),
                    Some(format!("kids: {}", ks.kids().join(", "))),
                ))
            }
        },
    };
    let der_bytes = entry.cert.clone().ok_or_else(|| {
        Error::input(
            format!("key {} has no certificate", entry.kid),
            Some("re-import it with --cert, or generate a new key with `pkjwt keygen`".into()),
        )
    })?;
    let bytes = if a.der {
        der_bytes.clone()
    } else {
        crate::keystore::keys::to_pem("CERTIFICATE", &der_bytes).into_bytes()
    };
    if let Some(out) = &a.out {
        crate::keystore::write_atomic(out, &bytes, Replace::Always, 0o644)?;
        if ui.json {
            let (info, _) = crate::keystore::cert::inspect(&der_bytes)?;
            return ui.out_json(&json!({
                "kid": entry.kid,
                "out": out.display().to_string(),
                "format": if a.der { "der" } else { "pem" },
                "certificate": info,
            }));
        }
        ui.note(format!(
            "wrote the certificate of {} to {}",
            entry.kid,
            out.display()
        ));
        return Ok(());
    }
    if ui.json {
        let (info, _) = crate::keystore::cert::inspect(&der_bytes)?;
        return ui.out_json(&json!({
            "kid": entry.kid,
            "pem": crate::keystore::keys::to_pem("CERTIFICATE", &der_bytes),
            "certificate": info,
        }));
    }
    if a.der && std::io::stdout().is_terminal() {
        return Err(Error::input(
            "refusing to print binary DER to a terminal",
            Some("redirect stdout to a file, or use --out FILE".into()),
        ));
    }
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(&bytes)
        .and_then(|_| stdout.flush())
        .or_else(|e| {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                Ok(())
            } else {
                Err(e)
            }
        })
        .map_err(|source| {
            Error::Lib(crate::Error::Io {
                op: "write",
                path: PathBuf::from("<stdout>"),
                source,
            })
        })
}
