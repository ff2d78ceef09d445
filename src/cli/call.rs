//! `pkjwt call`: a request to a resource server that brings its own
//! credentials (the library's [`crate::oauth::resource`]).

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use serde_json::Value;

use super::client::{ClientArgs, HttpArgs, PopArgs};
use super::token_args::{CacheArgs, TokenArgs};
use super::{GlobalArgs, Ui};
use crate::cli::error::CliError as Error;
use crate::input::Source;
use crate::oauth::resource::{self, Credential, Nonces, Outcome, Request};

/// The largest request body read from a file or stdin.
const MAX_DATA: usize = 16 * 1024 * 1024;

/// Call a resource server with a token: Bearer, or DPoP with a fresh proof per request
///
/// Gets a token as `pkjwt token --cache` does (the cached one while it
/// lasts), then sends the request with it: `Authorization: Bearer`, or for a
/// DPoP-bound token `Authorization: DPoP` with a proof bound to the method,
/// the URL and the token (retried once with the server's nonce when it
/// answers use_dpop_nonce; the nonce is kept for the rest of the call). A
/// certificate-bound token (--mtls, or the profile's) goes with the key's
/// certificate. A 401 invalid_token is retried once with a new token. The
/// response body goes to stdout (or -o FILE) untouched; like curl, the exit
/// is 0 whatever the HTTP status, unless --fail (exit 22 on 400 and above).
/// -v traces the request without the token.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pkjwt call --profile prod https://api.example/v1/items
  pkjwt call --profile prod -X POST --json-body '{\"name\":\"x\"}' https://api.example/v1/items
  pkjwt call --profile prod -d @body.xml -H 'Content-Type: application/xml' https://api.example/in
  pkjwt call --profile prod --fail -o out.json https://api.example/v1/report")]
pub struct CallArgs {
    /// The URL
    #[arg(value_name = "URL")]
    pub url: String,
    /// The method [default: GET, or POST with a body]
    #[arg(short = 'X', long = "request", value_name = "METHOD")]
    pub method: Option<String>,
    /// A request header, `Name: value` (repeat)
    #[arg(short = 'H', long = "header", value_name = "HEADER")]
    pub headers: Vec<String>,
    /// The body: DATA, @FILE or @- (stdin), sent as read
    #[arg(
        short = 'd',
        long = "data",
        value_name = "DATA",
        allow_hyphen_values = true,
        conflicts_with = "json_body"
    )]
    pub data: Option<String>,
    /// A JSON body (DATA, @FILE or @-), with Content-Type and Accept application/json (curl's --json; pkjwt's --json is its own output switch)
    #[arg(long, value_name = "DATA", allow_hyphen_values = true)]
    pub json_body: Option<String>,
    /// Print the response's status line and headers before the body
    #[arg(short = 'i', long)]
    pub include: bool,
    /// Write the body to FILE (mode 0600) instead of stdout
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit 22 on an HTTP status of 400 or more, without printing the body
    #[arg(long, env = "PKJWT_CALL_FAIL", value_parser = clap::builder::FalseyValueParser::new())]
    pub fail: bool,
    /// Scopes of the token [default: the profile's]
    #[arg(long, value_name = "SCOPES", env = "PKJWT_SCOPE")]
    pub scope: Option<String>,
    /// Resource indicator of the token (RFC 8707; repeat)
    #[arg(long, value_name = "URI")]
    pub resource: Vec<String>,
    /// The audience parameter of the token request
    #[arg(long, value_name = "AUDIENCE")]
    pub audience: Option<String>,
    #[command(flatten)]
    pub client: ClientArgs,
    #[command(flatten)]
    pub pop: PopArgs,
    #[command(flatten)]
    pub cache: CacheArgs,
    #[command(flatten)]
    pub http: HttpArgs,
}

/// FILE for the body, mode 0600, replacing what is there.
fn create_private(p: &std::path::Path) -> Result<std::fs::File, Error> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(p).map_err(|source| {
        crate::Error::Io {
            op: "create",
            path: p.to_path_buf(),
            source,
        }
        .into()
    })
}

/// DATA, @FILE or @- as bytes.
fn data(arg: &str) -> Result<Vec<u8>, Error> {
    match arg.strip_prefix('@') {
        Some(f) => {
            let src = Source::from_arg(std::path::Path::new(f));
            let text = crate::input::bytes(src, "the request body", MAX_DATA)?;
            Ok(text)
        }
        None => Ok(arg.as_bytes().to_vec()),
    }
}

impl CallArgs {
    /// The token request behind the call: client_credentials, cached
    /// unless --no-cache.
    fn token_args(&self, refresh: bool) -> TokenArgs {
        TokenArgs::client_credentials(
            &self.client,
            &self.pop,
            self.scope.clone(),
            self.resource.clone(),
            self.audience.clone(),
            &self.cache,
            refresh,
            &self.http,
        )
    }

    fn request(&self) -> Result<Request, Error> {
        let mut req = Request::new(
            self.method.clone().unwrap_or_else(|| {
                if self.data.is_some() || self.json_body.is_some() {
                    "POST".into()
                } else {
                    "GET".into()
                }
            }),
            self.url.clone(),
        );
        if !(self.url.starts_with("https://") || self.url.starts_with("http://")) {
            return Err(Error::input(
                format!("{:?} is not an http(s) URL", self.url),
                None,
            ));
        }
        for h in &self.headers {
            let (k, v) = h.split_once(':').ok_or_else(|| {
                Error::input(
                    format!("-H {h:?} is not `Name: value`"),
                    Some("write it as -H 'Name: value'".into()),
                )
            })?;
            let k = k.trim();
            if k.eq_ignore_ascii_case("authorization") || k.eq_ignore_ascii_case("dpop") {
                return Err(Error::input(
                    format!("-H {k}: pkjwt sets it from the token"),
                    None,
                ));
            }
            req.headers.push((k.to_string(), v.trim().to_string()));
        }
        if let Some(d) = &self.data {
            req.body = Some(data(d)?);
        }
        if let Some(j) = &self.json_body {
            let b = data(j)?;
            serde_json::from_slice::<Value>(&b)
                .map_err(|e| Error::input(format!("--json-body is not JSON: {e}"), None))?;
            for name in ["Content-Type", "Accept"] {
                if !req
                    .headers
                    .iter()
                    .any(|(k, _)| k.eq_ignore_ascii_case(name))
                {
                    req.headers.push((name.into(), "application/json".into()));
                }
            }
            req.body = Some(b);
        }
        Ok(req)
    }
}

pub fn run(ui: &Ui, g: &GlobalArgs, a: &CallArgs) -> Result<(), Error> {
    let req = a.request()?;
    // A token crosses the network only under TLS: plain http to loopback
    // alone, the rule of every endpoint pkjwt sends to.
    match reqwest::Url::parse(&a.url) {
        Ok(u) if u.scheme() == "https" => {}
        Ok(u) if u.scheme() == "http" && crate::oauth::origin::is_loopback(&u) => {}
        Ok(u) => {
            return Err(Error::input(
                format!(
                    "{} is not https: pkjwt sends access tokens over TLS only (plain http only to loopback)",
                    crate::oauth::http::display_url(&a.url)
                ),
                Some(format!("use https://{}", u.host_str().unwrap_or("HOST"))),
            ))
        }
        Err(e) => {
            return Err(Error::input(
                format!("{:?} is not a URL: {e}", a.url),
                Some("give an absolute URL: https://api.example/path".into()),
            ))
        }
    }
    let mut out: Box<dyn Write> = match &a.output {
        Some(p) => Box::new(create_private(p)?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut nonces = Nonces::default();
    let mut refreshed = false;
    loop {
        let (body, _, _) = super::token::get(ui, g, &a.token_args(refreshed))?;
        let token = body
            .get("access_token")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let dpop = body
            .get("token_type")
            .and_then(Value::as_str)
            .is_some_and(|t| t.eq_ignore_ascii_case("DPoP"));
        let (http, signer, offset) = connect(ui, g, a, dpop)?;
        let cred = match &signer {
            Some(s) => Credential::Dpop {
                token: &token,
                signer: s,
                clock_offset: offset,
            },
            None => Credential::Bearer(&token),
        };
        let mut status = 0;
        let mut head = |h: &resource::Head, out: &mut dyn Write| -> std::io::Result<bool> {
            status = h.status;
            if a.fail && h.status >= 400 {
                return Ok(false);
            }
            if a.include {
                let mut s = format!("{} {}\r\n", h.version, h.status);
                for (k, v) in &h.headers {
                    s.push_str(&format!("{k}: {v}\r\n"));
                }
                s.push_str("\r\n");
                out.write_all(s.as_bytes())?;
            }
            Ok(true)
        };
        let outcome = resource::call(&http, &req, &cred, &mut nonces, &mut head, &mut out)?;
        match outcome {
            Outcome::InvalidToken(_) if !refreshed => {
                ui.note("the resource server refused the token (invalid_token): getting a new one");
                refreshed = true;
                continue;
            }
            Outcome::InvalidToken(h) if a.fail => {
                return Err(Error::HttpStatus {
                    url: crate::oauth::http::display_url(&req.url).into_owned(),
                    status: h.status,
                })
            }
            _ => {}
        }
        if a.fail && status >= 400 {
            return Err(Error::HttpStatus {
                url: crate::oauth::http::display_url(&req.url).into_owned(),
                status,
            });
        }
        return Ok(());
    }
}

/// The HTTP client, and the DPoP proof key for a DPoP-bound token: the
/// keystore is opened (or the agent asked) only when a proof or the
/// certificate needs the key.
fn connect(
    ui: &Ui,
    g: &GlobalArgs,
    a: &CallArgs,
    dpop: bool,
) -> Result<
    (
        crate::oauth::http::Http,
        Option<crate::oauth::assertion::Signer>,
        i64,
    ),
    Error,
> {
    let pop = a.pop.settings();
    let profile = match &a.client.profile {
        Some(name) => Some(crate::profile::load(&super::config_dir_required(g)?, name)?),
        None => None,
    };
    let tls_auth = profile
        .as_ref()
        .and_then(|p| p.auth.as_deref())
        .is_some_and(|m| m.contains("tls_client_auth"));
    let mtls = tls_auth
        || pop
            .mtls
            .unwrap_or(profile.as_ref().and_then(|p| p.mtls) == Some(true));
    if !dpop && !mtls {
        return Ok((a.http.client(ui)?, None, 0));
    }
    let r = a.client.resolve(ui, super::config_dir(g))?;
    let http = if mtls {
        a.http.client_with(ui, Some(r.tls_identity()?))?
    } else {
        a.http.client(ui)?
    };
    let signer = if dpop {
        let (entry, alg) = crate::session::dpop_key(
            &r.keystore,
            &r.keystore_path,
            pop.dpop_kid.as_deref(),
            r.profile.as_ref(),
            Some((&r.client.signer.kid, r.client.signer.alg)),
        )?;
        Some(crate::oauth::assertion::Signer::new(entry, alg)?)
    } else {
        None
    };
    Ok((http, signer, r.client.clock_offset))
}
