//! `pkjwt jwks`: the public JWK Set of a keystore.

use std::path::PathBuf;

use clap::Args;

use super::store::{self, StoreArgs};
use super::Ui;
use crate::cli::error::CliError as Error;
use crate::keystore::Replace;

/// Print the public JWKS of the keystore's keys
///
/// Each key has kty, kid, use=sig, alg and its public parameters; with --x5c
/// also its certificate chain and x5t#S256. Private members are never
/// written. The output is deterministic: the same keystore gives the same
/// bytes, so the JWKS can be committed and diffed. The active and next keys
/// are published; retired keys (see `pkjwt rotate`) only with
/// --include-retired, during their grace period.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pkjwt jwks --keystore client.p12
  pkjwt jwks --keystore client.p12 --kid KID --x5c --out jwks.json")]
pub struct JwksArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// Only this key (repeat for more) [default: every active and next key]
    #[arg(long, value_name = "KID", allow_hyphen_values = true)]
    pub kid: Vec<String>,
    /// Publish retired keys too (during their grace period, while tokens
    /// signed with them may still be checked)
    #[arg(long)]
    pub include_retired: bool,
    /// Add each key's certificate chain (x5c) and x5t#S256
    #[arg(long)]
    pub x5c: bool,
    /// Write the JWKS to FILE (replaced atomically) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub fn run(ui: &Ui, a: &JwksArgs) -> Result<(), Error> {
    let (ks, _pw) = store::open(ui, &a.store)?;
    let path = &a.store.keystore;
    let entries = if a.kid.is_empty() {
        ks.published(a.include_retired)
    } else {
        ks.select(&a.kid, path)?
    };
    if entries.is_empty() {
        ui.warn(format!(
            "{} holds no keys: the JWKS is empty",
            path.display()
        ));
    }
    if a.x5c {
        for e in &entries {
            if e.cert.is_none() {
                ui.warn(format!("key {} has no certificate: no x5c for it", e.kid));
            }
        }
    }
    let jwks = crate::keystore::jwks::jwks(&ks, &entries, a.x5c);
    let text = crate::keystore::jwks::to_string(&jwks);
    match &a.out {
        Some(out) => {
            crate::keystore::write_atomic(out, text.as_bytes(), Replace::Always, 0o644)?;
            if ui.json {
                ui.out_json(&serde_json::json!({
                    "out": out.display().to_string(),
                    "kids": entries.iter().map(|e| e.kid.clone()).collect::<Vec<_>>(),
                }))
            } else {
                ui.note(format!(
                    "wrote {} key(s) to {}",
                    entries.len(),
                    out.display()
                ));
                Ok(())
            }
        }
        None => ui.out(text),
    }
}
