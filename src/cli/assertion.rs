//! `pkjwt assertion`: mint client assertions.

use std::io::Write;

use clap::Args;
use serde_json::json;

use super::client::{ClientArgs, HttpArgs};
use super::{GlobalArgs, Ui};
use crate::cli::error::CliError as Error;
use crate::oauth::assertion::{self, decode_unverified};
use crate::oauth::client::Aud;

/// Print a client assertion (a signed JWT for private_key_jwt), or a JWT bearer grant
///
/// iss = sub = client_id, aud = the issuer identifier by default (--aud
/// token-endpoint|endpoint|URL to change it), a 128-bit random jti, iat =
/// now, exp = now + --lifetime; header alg and kid. Each assertion is fresh:
/// use one per request.
///
/// With --grant, a JWT bearer grant (RFC 7523 section 2.1) instead: sub =
/// --subject, iss = the client_id unless --grant-iss, a scope claim with
/// --scope (as Google's service accounts want), no typ header unless the
/// profile's is a plain JWT (the google preset's).
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pkjwt assertion --profile prod
  pkjwt assertion --issuer https://as.example --client-id app --keystore client.p12
  pkjwt assertion --profile prod --decode
  pkjwt assertion --profile entra --x5t sha1 --aud token-endpoint
  pkjwt assertion --profile prod --count 1000 > assertions.txt
  pkjwt assertion --profile google --grant --subject user@example.com \\
      --scope https://www.googleapis.com/auth/cloud-platform")]
pub struct AssertionArgs {
    #[command(flatten)]
    pub client: ClientArgs,
    /// Print a JWT bearer grant (RFC 7523 section 2.1) instead of a client assertion
    #[arg(long, requires = "subject")]
    pub grant: bool,
    /// The grant's sub: the user or service it is for
    #[arg(
        long,
        value_name = "SUB",
        requires = "grant",
        allow_hyphen_values = true
    )]
    pub subject: Option<String>,
    /// The grant's iss [default: the client_id]
    #[arg(
        long,
        value_name = "ISS",
        requires = "grant",
        allow_hyphen_values = true
    )]
    pub grant_iss: Option<String>,
    /// A scope claim in the grant (as `token --scope-in-grant` sends it)
    #[arg(long, value_name = "SCOPES", requires = "grant")]
    pub scope: Option<String>,
    /// Mint N assertions, one per line
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub count: u64,
    /// Show the header and claims instead of the JWT
    #[arg(long)]
    pub decode: bool,
    #[command(flatten)]
    pub http: HttpArgs,
}

pub fn run(ui: &Ui, g: &GlobalArgs, a: &AssertionArgs) -> Result<(), Error> {
    let mut r = a.client.resolve(ui, super::config_dir(g))?;
    // The audience may need the token endpoint, which may need discovery.
    let endpoint = match (&r.client.aud, r.client.endpoints.get("token_endpoint")) {
        (Aud::TokenEndpoint | Aud::Endpoint, None) => {
            let http = a.http.client(ui)?;
            r.endpoint(&http, "token_endpoint")?
        }
        (_, Some(t)) => t.clone(),
        (_, None) => String::new(),
    };
    let params = if a.grant {
        // As `token --scope-in-grant` does: the scope goes into the grant
        // only when asked for.
        let scope = a.scope.clone().filter(|s| !s.is_empty());
        r.client.grant_params(
            &endpoint,
            &crate::oauth::client::Grant {
                subject: a.subject.clone().unwrap_or_default(),
                issuer: a.grant_iss.clone(),
                scope,
            },
        )?
    } else {
        r.client.params(&endpoint)?
    };
    let signer = &r.client.signer;
    let offset = r.client.clock_offset;

    if a.decode {
        let jwt = signer.mint(
            &params,
            assertion::now().saturating_add(offset),
            &assertion::new_jti(),
        )?;
        let (h, c) = decode_unverified(&jwt)
            .ok_or_else(|| crate::Error::Internal("minted JWT does not decode".into()))?;
        let v = json!({ "header": h, "claims": c });
        if ui.json {
            return ui.out_json(&v);
        }
        let iat = c["iat"].as_i64().unwrap_or(0);
        let exp = c["exp"].as_i64().unwrap_or(0);
        let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
        s.push_str(&format!(
            "\niat {} / exp {} ({} s)\n",
            crate::keystore::cert::rfc3339_unix(iat),
            crate::keystore::cert::rfc3339_unix(exp),
            exp.saturating_sub(iat)
        ));
        return ui.out(s);
    }

    if ui.json {
        let mut list = Vec::new();
        for _ in 0..a.count.min(100_000) {
            list.push(serde_json::Value::String(signer.mint(
                &params,
                assertion::now().saturating_add(offset),
                &assertion::new_jti(),
            )?));
        }
        return ui.out_json(&json!({
            "client_id": params.client_id,
            "grant": a.grant,
            "aud": params.aud,
            "kid": signer.kid,
            "alg": signer.alg.as_str(),
            "assertions": list,
        }));
    }
    // Many assertions: one buffered writer, the key parsed once.
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, stdout.lock());
    let minter = signer.minter(&params)?;
    let mut now = assertion::now();
    for i in 0..a.count {
        if i % 1024 == 0 {
            now = assertion::now();
        }
        let jwt = minter.mint(now.saturating_add(offset), &assertion::new_jti())?;
        if let Err(e) = out
            .write_all(jwt.as_bytes())
            .and_then(|_| out.write_all(b"\n"))
        {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(());
            }
            return Err(Error::Lib(crate::Error::Io {
                op: "write",
                path: "<stdout>".into(),
                source: e,
            }));
        }
    }
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Lib(crate::Error::Io {
            op: "write",
            path: "<stdout>".into(),
            source: e,
        })),
        _ => Ok(()),
    }
}
