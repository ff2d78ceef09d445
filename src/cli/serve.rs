//! `pkjwt serve-jwks`: the flags, the keystore opened with the command's
//! password sources, and the URL printed; the server is
//! [`crate::jwks_server`].

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;
use serde_json::json;

use super::store::{self, StoreArgs};
use super::Ui;
use crate::cli::error::CliError as Error;
use crate::jwks_server::{self, ServeOptions, TlsSource};

/// Serve the keystore's public JWKS at /jwks.json (development and CI)
///
/// The same bytes as `pkjwt jwks` (active and next keys; --include-retired,
/// --x5c as there), with Content-Type: application/json and Cache-Control:
/// max-age. The keystore is read again when it changes (`pkjwt rotate`,
/// `keygen`, `keys remove`; a PKCS#11 token's keys every half second), so a
/// rotation of a jwks_uri client needs nothing else. HTTPS with --tls-cert and --tls-key (PEM), or --tls with the signing
/// key's own certificate. For development and CI: it keeps the keystore
/// password in memory while it runs; a production jwks_uri belongs on a web
/// server serving the file `pkjwt jwks --out` (or `pkjwt rotate --jwks-out`)
/// writes.
///
/// It prints the URL on stdout once listening (port 0 picks a free port),
/// and serves until stopped.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pkjwt serve-jwks --keystore client.p12 --listen 127.0.0.1:8080
  pkjwt serve-jwks -k client.p12 --listen 0.0.0.0:8443 --tls-cert cert.pem --tls-key key.pem
  pkjwt --json serve-jwks -k client.p12 --listen 127.0.0.1:0 --max-age 300")]
pub struct ServeArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// Address and port to listen on (port 0: any free port)
    #[arg(
        long,
        value_name = "ADDR:PORT",
        default_value = "127.0.0.1:8080",
        env = "PKJWT_LISTEN"
    )]
    pub listen: SocketAddr,
    /// Cache-Control max-age, in seconds
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub max_age: u32,
    /// Serve retired keys too (during their grace period)
    #[arg(long)]
    pub include_retired: bool,
    /// Add each key's certificate chain (x5c) and x5t#S256
    #[arg(long)]
    pub x5c: bool,
    /// HTTPS with this certificate chain (PEM), with --tls-key
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The private key (PEM: PKCS#8, PKCS#1 or SEC1) of --tls-cert
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// HTTPS with the signing key's own (self-signed) certificate from the keystore
    #[arg(long, conflicts_with_all = ["tls_cert", "tls_key"])]
    pub tls: bool,
}

pub fn run(ui: &Ui, a: &ServeArgs) -> Result<(), Error> {
    let opened = store::open_full(ui, &a.store)?;
    let source = match (&a.tls_cert, &a.tls_key, a.tls) {
        (Some(c), Some(k), _) => TlsSource::Files {
            cert: c.clone(),
            key: k.clone(),
        },
        (_, _, true) => TlsSource::SigningKey,
        _ => TlsSource::None,
    };
    let tls = jwks_server::tls_config(&opened.keystore, &a.store.keystore, &source)?;
    let opts = ServeOptions {
        max_age: a.max_age,
        include_retired: a.include_retired,
        x5c: a.x5c,
        log_requests: ui.verbose > 0,
    };
    let listener = TcpListener::bind(a.listen).map_err(|source| {
        Error::input(
            format!("cannot listen on {}: {source}", a.listen),
            Some("choose another --listen ADDR:PORT (port 0 picks a free one)".into()),
        )
    })?;
    let local = listener
        .local_addr()
        .map_err(|e| crate::Error::Internal(e.to_string()))?;
    let url = format!(
        "{}://{local}/jwks.json",
        if tls.is_some() { "https" } else { "http" }
    );
    let kids: Vec<String> = opened
        .keystore
        .published(a.include_retired)
        .iter()
        .map(|e| e.kid.clone())
        .collect();
    if ui.json {
        ui.out(format!(
            "{}\n",
            json!({"url": url, "keystore": a.store.keystore.display().to_string(), "max_age": a.max_age, "kids": kids})
        ))?;
    } else {
        ui.out(format!("{url}\n"))?;
        ui.note(format!(
            "serving the public JWKS of {} ({} key(s)); stop with Ctrl-C",
            a.store.keystore.display(),
            kids.len()
        ));
    }
    Ok(jwks_server::serve_forever(
        listener,
        opened,
        a.store.keystore.clone(),
        tls,
        opts,
        Arc::new(ui.clone()),
    )?)
}
