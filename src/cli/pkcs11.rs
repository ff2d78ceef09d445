//! PKCS#11 tokens on the command line: `--keystore pkcs11:token=NAME;object=LABEL`
//! opens the token with the module from `--pkcs11-module` or
//! `PKJWT_PKCS11_MODULE`, and the PIN from the keystore password sources.
//! `keygen` generates the key on the token; the commands that only read a
//! keystore (`keys list`, `jwks`, `assertion`, `token`, `register`, ...)
//! get the token's keys as a keystore in memory.

use std::path::Path;

use super::keygen::KeygenArgs;
use super::password::{self, Sources, KEYSTORE_ENV};
use super::store::{describe_entry, entry_json, StoreArgs};
use super::Ui;
use crate::cli::error::CliError as Error;
use crate::keystore::keys::Alg;
use crate::keystore::pkcs11::{self as token, Token, Uri};
use crate::keystore::{Entry, Keystore};
use crate::secret::Password;

fn pin_sources<'a>(store: &'a StoreArgs, label: &str) -> Sources<'a> {
    Sources {
        file: store.password.password_file.as_deref(),
        stdin: store.password.password_stdin,
        env: KEYSTORE_ENV,
        purpose: format!("the PKCS#11 token {label:?} (its user PIN)"),
        options: format!(
            "give the PIN with --password-file FILE, --password-stdin, or the {KEYSTORE_ENV} environment variable"
        ),
    }
}

fn connect(ui: &Ui, store: &StoreArgs) -> Result<(std::sync::Arc<Token>, Uri, Password), Error> {
    let text = store.keystore.to_string_lossy();
    let uri = Uri::parse(&text).map_err(crate::Error::from)?;
    let module = token::module_for(&uri, store.password.pkcs11_module.as_deref())
        .map_err(crate::Error::from)?;
    let started = std::time::Instant::now();
    let t = Token::open(&module, &uri).map_err(crate::Error::from)?;
    let pin = password::get(&pin_sources(store, &t.label), false)?;
    t.login(&pin).map_err(crate::Error::from)?;
    ui.detail(format!(
        "opened the PKCS#11 token {:?} with {} in {} ms",
        t.label,
        module.display(),
        started.elapsed().as_millis()
    ));
    Ok((std::sync::Arc::new(t), uri, pin))
}

/// Open the token a `pkcs11:` URI names: its keys (those the URI's object
/// names, or all) as a keystore that signs on the token.
pub fn open(ui: &Ui, store: &StoreArgs) -> Result<(Keystore, Password), Error> {
    let (_, ks, pin) = open_token(ui, store)?;
    Ok((ks, pin))
}

/// As [`open`], and the open token too (for `rotate`, which writes to it).
pub fn open_token(
    ui: &Ui,
    store: &StoreArgs,
) -> Result<(std::sync::Arc<Token>, Keystore, Password), Error> {
    let (t, uri, pin) = connect(ui, store)?;
    let ks = t.keystore().map_err(crate::Error::from)?;
    if ks.entries.is_empty() {
        if let Some(o) = &uri.object {
            return Err(Error::input(
                format!("the token {:?} has no private key labelled {o:?}", t.label),
                Some(format!(
                    "generate one with `pkjwt keygen --keystore '{}'`",
                    uri.with_object(o)
                )),
            ));
        }
    }
    Ok((t, ks, pin))
}

/// Refuse to write a token as if it were a keystore file.
pub fn refuse_write(path: &Path) -> Result<(), Error> {
    if token::is_uri(path) {
        return Err(Error::input(
            format!(
                "{} is a PKCS#11 token: pkjwt generates keys on it (`pkjwt keygen`) and rotates them (`pkjwt rotate`), but does not import, remove or rewrite its objects otherwise",
                path.display()
            ),
            Some("rotate a registered client's token key with `pkjwt rotate`; manage other objects with the token's own tools (e.g. pkcs11-tool, softhsm2-util)".into()),
        ));
    }
    Ok(())
}

/// `pkjwt keygen --keystore pkcs11:...`: the key pair generated on the
/// token (sensitive, not extractable), its self-signed certificate signed
/// there and stored beside it. The kid is the object label: `--kid`, else
/// the URI's `object`, else the key's thumbprint.
pub fn keygen(ui: &Ui, a: &KeygenArgs) -> Result<(), Error> {
    if a.alg != Alg::ES256 && !matches!(a.rsa_bits, 2048 | 3072 | 4096) {
        return Err(crate::keystore::keys::KeyError::RsaSize(a.rsa_bits).into());
    }
    let (t, uri, _pin) = connect(ui, &a.store)?;
    let label = match (&a.kid, &uri.object) {
        (Some(k), Some(o)) if k != o => {
            return Err(Error::input(
                format!("--kid {k:?} and the URI's object {o:?} differ"),
                Some("the kid is the object's label: give one of them".into()),
            ))
        }
        (Some(k), _) | (None, Some(k)) => Some(k.clone()),
        (None, None) => None,
    };
    if let Some(l) = &label {
        super::store::check_kid(l)?;
        t.check_label_free(l).map_err(crate::Error::from)?;
    }
    // Without a label, the key gets a temporary one until its thumbprint is known.
    let mut tmp = [0u8; 8];
    aws_lc_rs::rand::fill(&mut tmp)
        .map_err(|_| crate::Error::Internal("no random bytes".into()))?;
    let working = label.clone().unwrap_or_else(|| {
        format!(
            "pkjwt-new-{}",
            tmp.iter().map(|b| format!("{b:02x}")).collect::<String>()
        )
    });
    ui.detail(format!(
        "generating a {} key on the token {:?}",
        a.alg, t.label
    ));
    let result = (|| -> Result<Entry, Error> {
        let (key, id) = t
            .generate(a.alg, a.rsa_bits, &working)
            .map_err(crate::Error::from)?;
        let kid = label.clone().unwrap_or_else(|| key.public().thumbprint());
        let subject = match &a.subject {
            Some(s) => crate::keystore::cert::subject_name(s)?,
            None => crate::keystore::cert::subject_name(&kid)?,
        };
        let cert = crate::keystore::cert::self_signed(&key, &subject, a.days)?;
        t.store_certificate(&working, &id, &cert)
            .map_err(crate::Error::from)?;
        Ok(Entry::new(kid, key, Some(cert), Some(a.alg)))
    })();
    let entry = match result {
        Ok(e) => e,
        Err(e) => {
            t.destroy_label(&working);
            return Err(e);
        }
    };
    if label.is_none() {
        t.relabel(&working, &entry.kid)
            .map_err(crate::Error::from)?;
    }
    let object_uri = uri.with_object(&entry.kid);
    if ui.json {
        let mut v = entry_json(&entry);
        if let Some(m) = v.as_object_mut() {
            m.insert("keystore".into(), object_uri.into());
            m.insert("token".into(), t.label.clone().into());
            m.insert("created".into(), false.into());
        }
        ui.out_json(&v)
    } else {
        ui.out(format!(
            "Generated {} key {} on the PKCS#11 token {:?} (not extractable)\n{}",
            a.alg,
            entry.kid,
            t.label,
            describe_entry(&entry)
        ))?;
        ui.note(format!(
            "next: publish the public key with `pkjwt jwks --keystore '{object_uri}'`"
        ));
        Ok(())
    }
}
