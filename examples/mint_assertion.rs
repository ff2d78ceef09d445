//! Mint one private_key_jwt client assertion (RFC 7523) with the library.
//!
//!   KEYSTORE_PASSWORD=... cargo run --example mint_assertion -- client.p12 my-client https://as.example/token
//!
//! The keystore's signing key (its one active key) signs; `aud` is the
//! token endpoint given. The assertion goes to stdout.

use pkjwt::keystore::open::{open, FixedSecret, OpenOptions};
use pkjwt::oauth::client::Aud;
use pkjwt::progress::Silent;
use pkjwt::secret::Password;
use pkjwt::session::{ClientSettings, Session};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [keystore, client_id, token_endpoint] = args.as_slice() else {
        return Err("usage: mint_assertion KEYSTORE CLIENT_ID TOKEN_ENDPOINT (password in KEYSTORE_PASSWORD)".into());
    };
    let password = Password::new(std::env::var("KEYSTORE_PASSWORD")?);
    let opened = open(&OpenOptions::new(keystore), &FixedSecret(password))?;

    let mut settings = ClientSettings::default();
    settings.token_endpoint = Some(token_endpoint.clone());
    settings.aud = Some(Aud::TokenEndpoint);
    let session = Session::resolve(
        &settings,
        None,
        None,
        client_id.clone(),
        opened.keystore,
        keystore.into(),
        &Silent,
    )?;
    println!("{}", session.client.mint(token_endpoint)?);
    Ok(())
}
