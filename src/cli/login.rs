//! `pkjwt login`: the authorization code flow (or the device grant) of a
//! confidential client, from a terminal. The flow is the library's
//! (`crate::login`); this file parses, opens the browser and prints.

use std::io::BufRead;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use serde_json::Value;

use super::client::{ClientArgs, HttpArgs, PopArgs};
use super::{GlobalArgs, Ui};
use crate::cli::error::CliError as Error;
use crate::login::{self, device, Listener, LoginOptions, Sources};

/// Log in as a user with the authorization code flow and get tokens
///
/// Opens the authorization URL in a browser (BROWSER, else the platform's
/// opener), takes the response at the profile's loopback redirect URI
/// (http://127.0.0.1:PORT/callback, listening on loopback only), checks
/// iss (RFC 9207) and state, and swaps the code for tokens at the token
/// endpoint with the client's private_key_jwt assertion (every profile
/// setting applies: aud, alg, kid, typ, DPoP, mutual TLS). PKCE (S256)
/// always; PAR (RFC 9126) when the server offers it; with openid in the
/// scope, the ID token is validated (signature, iss, aud, azp, exp, iat,
/// nonce) and a failed check is an error.
///
/// With --no-browser, the URL is printed on stderr alone on its line:
/// open it on any machine, and when the browser there cannot reach this
/// machine's loopback, paste the URL it ends on (the "can't connect" page's
/// address) on stdin; it is checked the same way.
///
/// Exit 10 when the login did not complete: no response before --timeout,
/// a response or ID token that failed a check, or a refusal (access_denied).
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pkjwt register --issuer https://as.example -k client.p12 -p web \\
      --grant-type authorization_code --grant-type refresh_token --scope 'openid api:read'
  pkjwt login --profile web
  pkjwt login --profile web --field access_token
  pkjwt login --profile web --no-browser           # over SSH: paste the redirected URL
  pkjwt login --profile web --device               # the device grant (RFC 8628)
  pkjwt login --profile web --request-object --dpop --show-id-token")]
pub struct LoginArgs {
    #[command(flatten)]
    pub client: ClientArgs,
    #[command(flatten)]
    pub pop: PopArgs,
    /// Space-separated scopes [default: openid and the profile's scope]
    #[arg(long, value_name = "SCOPES", env = "PKJWT_SCOPE")]
    pub scope: Option<String>,
    /// Listen on this loopback port instead of the redirect URI's (0: any free port;
    /// the server must accept the resulting redirect URI)
    #[arg(long, value_name = "PORT", env = "PKJWT_LOGIN_PORT")]
    pub port: Option<u16>,
    /// The redirect URI [default: the profile's, else http://127.0.0.1:0/callback, any free port]
    #[arg(long, value_name = "URI", env = "PKJWT_REDIRECT_URI", value_parser = super::profile::redirect_uri)]
    pub redirect_uri: Option<String>,
    /// How long to wait for the browser (or the device approval), in seconds
    #[arg(long, value_name = "SECONDS", default_value_t = 300, env = "PKJWT_LOGIN_TIMEOUT",
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
    /// Do not push the authorization request (PAR) where the server offers it;
    /// refused where it requires PAR
    #[arg(long)]
    pub no_par: bool,
    /// Send the authorization request as a request object (RFC 9101) signed with the client's key
    #[arg(long)]
    pub request_object: bool,
    /// Use the device authorization grant (RFC 8628): a code to type on another device
    #[arg(long, conflicts_with_all = ["port", "redirect_uri", "no_par", "request_object"])]
    pub device: bool,
    /// Do not open a browser: print the URL on stderr, alone on its line, and also take the
    /// redirected URL pasted on stdin
    #[arg(long)]
    pub no_browser: bool,
    /// Print the validated ID token's claims (on stderr; in the "id_token_claims" member with --json)
    #[arg(long)]
    pub show_id_token: bool,
    /// Write the refresh token to FILE (mode 0600, replaced atomically). Anyone who reads
    /// it gets new access tokens as you, until the token expires or is revoked, and with
    /// the client's key not even needed where the server does not bind refresh tokens:
    /// keep it like a password. Never written unless asked.
    #[arg(long, value_name = "FILE")]
    pub save_refresh_token: Option<PathBuf>,
    /// Print only this member of the token response (e.g. access_token)
    #[arg(long, value_name = "NAME")]
    pub field: Option<String>,
    /// One deadline per HTTP request, in seconds
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 30,
        env = "PKJWT_TIMEOUT"
    )]
    pub request_timeout: u64,
    /// Trust the CA certificates in FILE (PEM) as well as the system's
    #[arg(long, value_name = "FILE", env = "PKJWT_CACERT")]
    pub cacert: Option<PathBuf>,
    /// Do not verify the server's TLS certificate (dangerous: for tests only)
    #[arg(long)]
    pub insecure: bool,
}

/// The scope: --scope, else openid and the profile's.
fn scope(a: &LoginArgs, profile: Option<&crate::profile::Profile>) -> Option<String> {
    if let Some(s) = &a.scope {
        return Some(s.clone()).filter(|s| !s.is_empty());
    }
    let mut words = vec!["openid".to_string()];
    for w in profile
        .and_then(|p| p.scope.as_deref())
        .unwrap_or("")
        .split(' ')
        .filter(|w| !w.is_empty())
    {
        if !words.iter().any(|x| x == w) {
            words.push(w.to_string());
        }
    }
    Some(words.join(" "))
}

pub fn run(ui: &Ui, g: &GlobalArgs, a: &LoginArgs) -> Result<(), Error> {
    let mut r = a.client.resolve(ui, super::config_dir(g))?;
    let h = HttpArgs {
        timeout: a.request_timeout,
        cacert: a.cacert.clone(),
        insecure: a.insecure,
    };
    let http = r.http(ui, &h, &a.pop)?;
    let scope = scope(a, r.profile.as_ref());
    let timeout = Duration::from_secs(a.timeout);
    let tokens = if a.device {
        let d = device::start(&http, &mut r, scope.as_deref())?;
        // Not a note: -q must not hide what the user has to type.
        eprintln!(
            "To log in, open {} and enter the code {}",
            crate::text::printable(&d.verification_uri),
            crate::text::printable(&d.user_code)
        );
        if let Some(u) = &d.verification_uri_complete {
            eprintln!("{}", crate::text::printable(u));
            // Only a web page is opened: the URI is the server's, and an
            // opener runs whatever scheme it is given.
            let web = reqwest::Url::parse(u).is_ok_and(|x| {
                x.scheme() == "https"
                    || (x.scheme() == "http" && crate::oauth::origin::is_loopback(&x))
            });
            if !a.no_browser && web {
                open_browser(ui, u);
            } else if !a.no_browser {
                ui.warn("the verification URI is not https: open it yourself if you trust it");
            }
        }
        device::poll(&http, &mut r, &d, timeout, ui)?
    } else {
        let configured = a
            .redirect_uri
            .clone()
            .or_else(|| r.profile.as_ref().and_then(|p| p.redirect_uri.clone()))
            .unwrap_or_else(|| "http://127.0.0.1:0/callback".into());
        // A redirect URI that is not loopback (a portal's https URI) can only
        // come back pasted.
        let loopback = login::listener::Loopback::parse(&configured).is_ok();
        let listener = if loopback || !a.no_browser {
            Some(Listener::bind(&configured, a.port)?)
        } else {
            None
        };
        let pasted = a.no_browser.then(read_pasted);
        let mut opts = LoginOptions::new(scope.clone());
        opts.no_par = a.no_par;
        opts.request_object = a.request_object;
        opts.timeout = timeout;
        let no_browser = a.no_browser;
        let mut open = |url: &str| {
            if no_browser {
                ui.note("open this URL in a browser; if it ends on a page that cannot be reached, paste that page's address here:");
                eprintln!("{}", crate::text::printable(url));
            } else {
                open_browser(ui, url);
            }
        };
        let sources = Sources {
            listener: listener.as_ref(),
            redirect_uri: Some(configured.clone()),
            pasted: pasted.as_ref(),
        };
        let t = login::run(&http, &mut r, sources, &opts, &mut open, ui);
        drop(listener);
        t?
    };
    if let Some(path) = &a.save_refresh_token {
        match tokens.response.get("refresh_token").and_then(Value::as_str) {
            Some(rt) => {
                crate::keystore::write_atomic(
                    path,
                    format!("{rt}\n").as_bytes(),
                    crate::keystore::Replace::Always,
                    0o600,
                )?;
                ui.note(format!(
                    "refresh token written to {} (mode 0600); `pkjwt token --profile P --grant-type refresh_token --refresh-token-file {}` uses it",
                    path.display(),
                    path.display()
                ));
            }
            None => ui.warn("the server issued no refresh token, so none was written (ask for offline_access, and register the refresh_token grant)"),
        }
    }
    let mut body = tokens.response;
    if let Some(c) = &tokens.id_token_claims {
        ui.detail("the ID token passed every check (signature, iss, aud, azp, exp, iat, nonce)");
        if a.show_id_token {
            if ui.json && a.field.is_none() {
                body["id_token_claims"] = c.clone();
            } else {
                eprintln!(
                    "{}",
                    crate::text::printable(&serde_json::to_string_pretty(c).unwrap_or_default())
                );
            }
        }
    }
    super::token_out::render_as(
        ui,
        a.field.as_deref(),
        None,
        &body,
        Some(&tokens.token_endpoint),
        None,
    )
}

/// Lines of stdin, each a pasted URL, read in a thread (the process ends
/// with the login, whatever the thread is waiting for).
fn read_pasted() -> std::sync::mpsc::Receiver<String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let stdin = std::io::stdin();
        let mut lines = stdin.lock();
        let mut line = String::new();
        loop {
            line.clear();
            // At most one pasted URL's worth per line.
            match std::io::Read::take(&mut lines, login::callback::MAX_RESPONSE as u64 + 2)
                .read_line(&mut line)
            {
                Ok(0) | Err(_) => return,
                Ok(_) if line.trim().is_empty() => {}
                Ok(_) => {
                    if tx.send(line.trim().to_string()).is_err() {
                        return;
                    }
                }
            }
        }
    });
    rx
}

/// Open `url` with $BROWSER (a command; `%s` is replaced by the URL, else
/// the URL is its last argument), else the platform's opener. The browser
/// is not waited for; when none starts, the URL is printed instead.
fn open_browser(ui: &Ui, url: &str) {
    let spawned = match std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty())
    {
        Some(b) => {
            // Several commands separated by ':' (the Unix convention): the first.
            let first = if cfg!(windows) {
                b.clone()
            } else {
                b.split(':').next().unwrap_or(&b).to_string()
            };
            let mut words: Vec<String> = first.split_whitespace().map(String::from).collect();
            if words.iter().any(|w| w.contains("%s")) {
                for w in &mut words {
                    *w = w.replace("%s", url);
                }
            } else {
                words.push(url.to_string());
            }
            spawn(&words)
        }
        None => spawn(&platform_opener(url)),
    };
    if let Err(e) = spawned {
        ui.warn(format!(
            "cannot open a browser ({e}); open this URL yourself:"
        ));
        eprintln!("{}", crate::text::printable(url));
    } else {
        ui.note("opened the browser; finish the login there");
        ui.detail(format!("authorization URL: {url}"));
    }
}

fn platform_opener(url: &str) -> Vec<String> {
    let u = url.to_string();
    if cfg!(target_os = "macos") {
        vec!["open".into(), u]
    } else if cfg!(windows) {
        vec!["rundll32".into(), "url.dll,FileProtocolHandler".into(), u]
    } else {
        vec!["xdg-open".into(), u]
    }
}

fn spawn(words: &[String]) -> std::io::Result<()> {
    let (prog, args) = words
        .split_first()
        .ok_or_else(|| std::io::Error::other("BROWSER is empty"))?;
    let mut child = std::process::Command::new(prog)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .spawn()?;
    // Reaped when it ends; the login does not wait for it.
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}
