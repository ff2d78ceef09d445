//! `pkjwt git-credential`: git's credential helper protocol, with the
//! client's (cached) access token as the password.

use std::io::Read;

use clap::{Args, ValueEnum};
use serde_json::Value;

use super::client::{ClientArgs, HttpArgs, PopArgs};
use super::token_args::{CacheArgs, TokenArgs};
use super::{GlobalArgs, Ui};
use crate::cli::error::CliError as Error;

/// The most git may send: lines of key=value, at most this many bytes.
const MAX_INPUT: u64 = 64 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Operation {
    /// Print the credential: username, password (the token), its expiry
    Get,
    /// Nothing to keep: pkjwt gets its own tokens
    Store,
    /// The server refused the token: forget the cached one
    Erase,
}

/// A git credential helper that answers with the client's access token
///
/// git runs it with get, store or erase and key=value lines on stdin. get
/// prints username= (the client_id unless --username), password= (the
/// access token, cached as `token --cache` does) and password_expiry_utc=;
/// when git announces capability[]=authtype (git 2.46 and later), also
/// authtype=Bearer and credential= (the token). erase forgets the cached
/// token (git calls it when the server refused the password); store does
/// nothing. A DPoP-bound token cannot go through git and is refused.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  git config credential.https://git.example.helper '!pkjwt git-credential --profile prod'
  printf 'protocol=https\\nhost=git.example\\n\\n' | pkjwt git-credential --profile prod get")]
pub struct GitCredentialArgs {
    /// get, store or erase (git passes it)
    #[arg(value_enum)]
    pub operation: Operation,
    /// The username git sends [default: the client_id]
    #[arg(long, value_name = "NAME", env = "PKJWT_GIT_USERNAME")]
    pub username: Option<String>,
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
    pub cache: CacheArgs,
    #[command(flatten)]
    pub http: HttpArgs,
}

/// git's key=value lines, up to a blank line or the end.
fn read_input() -> Result<Vec<(String, String)>, Error> {
    let mut text = String::new();
    std::io::stdin()
        .lock()
        .take(MAX_INPUT + 1)
        .read_to_string(&mut text)
        .map_err(|source| crate::Error::Io {
            op: "read",
            path: "stdin".into(),
            source,
        })?;
    if text.len() as u64 > MAX_INPUT {
        return Err(Error::input(
            "git sent more than 64 KiB of credential attributes",
            None,
        ));
    }
    Ok(text
        .lines()
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect())
}

pub fn run(ui: &Ui, g: &GlobalArgs, a: &GitCredentialArgs) -> Result<(), Error> {
    let input = read_input()?;
    let token_args = |refresh| {
        TokenArgs::client_credentials(
            &a.client,
            &PopArgs {
                no_dpop: true,
                ..PopArgs::default()
            },
            a.scope.clone(),
            a.resource.clone(),
            a.audience.clone(),
            &a.cache,
            refresh,
            &a.http,
        )
    };
    match a.operation {
        Operation::Store => Ok(()),
        // git's reject: the server refused the token, so forget the
        // client's cached tokens (in the cache `get` uses) and the next
        // `get` asks the server.
        Operation::Erase => {
            let which = match (&a.client.profile, &a.client.keystore) {
                (Some(p), _) => crate::token_cache::Selection::profile(p.clone()),
                (None, Some(ks)) => {
                    crate::token_cache::Selection::keystore(super::cache::keystore_id(ks))
                }
                (None, None) => {
                    ui.warn("erase forgets the tokens of a profile or a keystore: pass --profile or --keystore");
                    return Ok(());
                }
            };
            super::cache::invalidate_in(ui, &which, &a.cache.dir);
            Ok(())
        }
        Operation::Get => {
            // The token goes only where TLS protects it: git names the
            // remote's protocol and host; plain http only to loopback.
            let attr = |k: &str| input.iter().find(|(x, _)| x == k).map(|(_, v)| v.as_str());
            if let Some(protocol) = attr("protocol") {
                let host = attr("host").unwrap_or("");
                let loopback = reqwest::Url::parse(&format!("http://{host}/"))
                    .is_ok_and(|u| crate::oauth::origin::is_loopback(&u));
                if !(protocol == "https" || (protocol == "http" && loopback)) {
                    return Err(Error::input(
                        format!("git asks for a credential for {protocol}://{host}: pkjwt gives tokens only to https remotes (and http on loopback)"),
                        Some("scope the helper to your https remote: git config credential.https://HOST.helper '!pkjwt git-credential --profile P'".into()),
                    ));
                }
            }
            let (body, _, _) = super::token::get(ui, g, &token_args(false))?;
            let s = |k: &str| {
                body.get(k)
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string()
            };
            let token = s("access_token");
            if !s("token_type").eq_ignore_ascii_case("Bearer")
                || token.is_empty()
                || token.contains(['\n', '\r', '\0'])
            {
                return Err(Error::input(
                    format!(
                        "git can send Bearer tokens only, and this one is {:?}",
                        s("token_type")
                    ),
                    Some("use a profile without DPoP for git".into()),
                ));
            }
            let username = match &a.username {
                Some(u) => u.clone(),
                None => match (&a.client.client_id, &a.client.profile) {
                    (Some(c), _) => c.clone(),
                    (None, Some(p)) => {
                        crate::profile::load(&super::config_dir_required(g)?, p)?.client_id
                    }
                    (None, None) => String::new(),
                },
            };
            if username.contains(['\n', '\r', '\0']) {
                return Err(Error::input(
                    "the username holds a line break or a NUL, which would add lines to git's credential",
                    Some("pass --username NAME".into()),
                ));
            }
            let mut out = format!("username={username}\npassword={token}\n");
            if let Some(e) = body.get("expires_in").and_then(Value::as_i64) {
                out.push_str(&format!(
                    "password_expiry_utc={}\n",
                    crate::oauth::assertion::now().saturating_add(e)
                ));
            }
            if input
                .iter()
                .any(|(k, v)| k == "capability[]" && v == "authtype")
            {
                out.push_str(&format!(
                    "capability[]=authtype\nauthtype=Bearer\ncredential={token}\n"
                ));
            }
            ui.out(out)
        }
    }
}
