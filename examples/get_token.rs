//! Get an access token with the client credentials grant, authenticated by
//! a client assertion, the way `pkjwt token` does.
//!
//!   KEYSTORE_PASSWORD=... cargo run --example get_token -- client.p12 my-client https://as.example [SCOPE]
//!
//! The token endpoint comes from the issuer's metadata (RFC 8414 / OIDC
//! discovery). The token response goes to stdout as JSON.
//!
//! The HTTP client is blocking: an async service calls this code through
//! `tokio::task::spawn_blocking` (creating or dropping the client on an
//! async worker thread panics).

use std::time::Duration;

use pkjwt::keystore::open::{open, FixedSecret, OpenOptions};
use pkjwt::oauth::client::check_token_response;
use pkjwt::oauth::http::Http;
use pkjwt::progress::Silent;
use pkjwt::secret::Password;
use pkjwt::session::{ClientSettings, Session};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (keystore, client_id, issuer, scope) = match args.as_slice() {
        [k, c, i] => (k, c, i, None),
        [k, c, i, s] => (k, c, i, Some(s.clone())),
        _ => return Err(
            "usage: get_token KEYSTORE CLIENT_ID ISSUER [SCOPE] (password in KEYSTORE_PASSWORD)"
                .into(),
        ),
    };
    let password = Password::new(std::env::var("KEYSTORE_PASSWORD")?);
    let opened = open(&OpenOptions::new(keystore), &FixedSecret(password))?;

    let mut settings = ClientSettings::default();
    settings.issuer = Some(issuer.clone());
    let mut session = Session::resolve(
        &settings,
        None,
        None,
        client_id.clone(),
        opened.keystore,
        keystore.into(),
        &Silent,
    )?;
    let http = Http::builder().timeout(Duration::from_secs(10)).build()?;
    let url = session.endpoint(&http, "token_endpoint")?;
    let mut form = vec![("grant_type".to_string(), "client_credentials".to_string())];
    if let Some(s) = scope {
        form.push(("scope".into(), s));
    }
    // The request, and the assertion it carried (for diagnosis).
    let (result, _assertion) = session.client.post(&http, &url, &form, 0)?;
    let response = result?;
    check_token_response(&url, &response)?;
    println!("{}", serde_json::to_string_pretty(&response.body)?);
    Ok(())
}
