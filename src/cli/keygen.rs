//! `pkjwt keygen`: a new key and its self-signed certificate, as one more
//! entry of a (new or existing) PKCS#12 keystore.

use clap::Args;

use super::store::{self, check_kid, describe_entry, entry_json, parse_alg, StoreArgs, WriteArgs};
use super::Ui;
use crate::cli::error::CliError as Error;
use crate::keystore::keys::{Alg, KeyPair};
use crate::keystore::Entry;

/// Generate a key pair and self-signed certificate into a PKCS#12 keystore
///
/// A missing keystore is created (the password is asked twice on a terminal);
/// an existing one gets one more entry after its password is verified, so old
/// keys stay for rotation. The entry's name (friendlyName) is its kid, by
/// default the RFC 7638 thumbprint of the public key.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pkjwt keygen --keystore client.p12
  pkjwt keygen --keystore client.p12 --alg PS256 --rsa-bits 3072 --subject my-client
  PKJWT_KEYSTORE_PASSWORD=... pkjwt keygen --keystore client.p12 --json")]
pub struct KeygenArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// Signing algorithm: ES256 (EC P-256) or RS256/PS256 (RSA)
    #[arg(long, value_name = "ALG", default_value = "ES256", value_parser = parse_alg)]
    pub alg: Alg,
    /// RSA key size for RS256 and PS256: 2048, 3072 or 4096
    #[arg(long, value_name = "BITS", default_value_t = 3072)]
    pub rsa_bits: usize,
    /// Key ID [default: the RFC 7638 thumbprint of the public key]
    #[arg(long, value_name = "KID", allow_hyphen_values = true)]
    pub kid: Option<String>,
    /// Certificate subject: a name (becomes CN=NAME) or a DN such as CN=app,O=Example [default: CN=<kid>]
    #[arg(long, value_name = "CN", allow_hyphen_values = true)]
    pub subject: Option<String>,
    /// Certificate validity in days
    #[arg(long, value_name = "N", default_value_t = 365, value_parser = clap::value_parser!(u32).range(1..=36500))]
    pub days: u32,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub fn run(ui: &Ui, a: &KeygenArgs) -> Result<(), Error> {
    if crate::keystore::pkcs11::is_uri(&a.store.keystore) {
        return keygen_on_token(ui, a);
    }
    if a.alg != Alg::ES256 && !matches!(a.rsa_bits, 2048 | 3072 | 4096) {
        return Err(crate::keystore::keys::KeyError::RsaSize(a.rsa_bits).into());
    }
    if let Some(k) = &a.kid {
        check_kid(k)?;
    }
    let subject = a
        .subject
        .as_deref()
        .map(crate::keystore::cert::subject_name)
        .transpose()?;
    let path = &a.store.keystore;
    let (mut ks, pw, new) = store::open_or_new(ui, &a.store)?;
    if new {
        super::password::check_new(ui, &pw, a.write.allow_weak_password)?;
    }
    if let Some(k) = &a.kid {
        ks.check_kid_free(k, path)?;
    }
    // Check the iteration count before spending time on a key.
    let n = store::iterations(&a.write, &ks)?;

    // The keystore's key derivations do not depend on the key: run them on
    // another core while the key is generated.
    ui.detail(format!("generating a {} key", a.alg));
    let (key, prepared) = std::thread::scope(|s| {
        let kdf = s.spawn(|| crate::keystore::pkcs12::WriteKeys::derive(&pw, n));
        let key = KeyPair::generate(a.alg, a.rsa_bits);
        (key, kdf.join().ok().and_then(Result::ok))
    });
    let key = key?;
    let kid = a.kid.clone().unwrap_or_else(|| key.public().thumbprint());
    let subject = match subject {
        Some(s) => s,
        None => crate::keystore::cert::subject_name(&kid)?,
    };
    let cert = crate::keystore::cert::self_signed(&key, &subject, a.days)?;
    let entry = Entry::new(kid.clone(), key, Some(cert), Some(a.alg));
    let store::Updated {
        iterations,
        created,
        ..
    } = store::update(ui, &mut ks, path, &pw, &a.write, prepared, |ks| {
        ks.add(entry, path).map_err(Error::from)
    })?;

    let entry = ks.get(&kid, path)?;
    if ui.json {
        let mut v = entry_json(entry);
        if let Some(m) = v.as_object_mut() {
            m.insert("keystore".into(), path.display().to_string().into());
            m.insert("created".into(), created.into());
            m.insert("iterations".into(), iterations.into());
        }
        ui.out_json(&v)
    } else {
        ui.out(format!(
            "{} {} key {} in {}\n{}",
            if created {
                "Created keystore with"
            } else {
                "Added"
            },
            a.alg,
            kid,
            path.display(),
            describe_entry(entry)
        ))?;
        ui.note(format!(
            "next: publish the public key with `pkjwt jwks --keystore {}`",
            path.display()
        ));
        Ok(())
    }
}

/// `pkjwt keygen --keystore pkcs11:...`: the key pair generated on the
/// token (sensitive, not extractable), its self-signed certificate signed
/// there and stored beside it. The kid is the object label: `--kid`, else
/// the URI's `object`, else the key's thumbprint.
fn keygen_on_token(ui: &Ui, a: &KeygenArgs) -> Result<(), Error> {
    if a.alg != Alg::ES256 && !matches!(a.rsa_bits, 2048 | 3072 | 4096) {
        return Err(crate::keystore::keys::KeyError::RsaSize(a.rsa_bits).into());
    }
    let secrets = super::password::CliSecrets {
        args: &a.store.password,
    };
    let (t, uri, _pin, module) =
        crate::keystore::open::connect(&store::open_options(&a.store), &secrets)?;
    ui.detail(format!(
        "opened the PKCS#11 token {:?} with {}",
        t.label,
        module.display()
    ));
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
        check_kid(l)?;
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
