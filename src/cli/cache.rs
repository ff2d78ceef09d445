//! `pkjwt cache list|clear`, and where `token --cache` keeps tokens: the
//! running agent's memory, else the user cache directory.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::json;

use super::{GlobalArgs, Ui};
use crate::cli::error::CliError as Error;
use crate::token_cache::{Selection, Store};

/// The environment variable naming the cache directory.
pub const DIR_ENV: &str = "PKJWT_CACHE_DIR";

/// Where `token --cache` keeps tokens
#[derive(Args, Debug, Clone, Default)]
pub struct CacheDirArgs {
    /// The token cache directory [default: the platform's cache dir, e.g. ~/.cache/pkjwt/tokens]
    #[arg(long, value_name = "DIR", env = DIR_ENV)]
    pub cache_dir: Option<PathBuf>,
}

/// List or clear cached access tokens (`pkjwt token --cache`)
///
/// With an agent running (PKJWT_AGENT_SOCK), `token --cache` keeps tokens
/// in the agent's memory: gone when it stops or its --ttl passes. Without
/// one, each token is a file (mode 0600) in the user cache directory (mode
/// 0700), e.g. ~/.cache/pkjwt/tokens: anyone who can read your files, or a
/// backup of them, can use a token there until it expires. `list` shows no
/// token values.
#[derive(Subcommand, Debug)]
pub enum CacheCommand {
    /// List cached tokens: profile, client, scope, expiry (no token values)
    List(ListArgs),
    /// Remove cached tokens: all of them, or one profile's
    Clear(ClearArgs),
}

/// `cache list`
#[derive(Args, Debug)]
pub struct ListArgs {
    #[command(flatten)]
    pub dir: CacheDirArgs,
}

/// `cache clear`
#[derive(Args, Debug)]
pub struct ClearArgs {
    /// Only this profile's tokens (not taken from PKJWT_PROFILE: a plain `cache clear` clears all)
    #[arg(short = 'p', long, value_name = "NAME")]
    pub profile: Option<String>,
    #[command(flatten)]
    pub dir: CacheDirArgs,
}

/// The cache directory: --cache-dir, PKJWT_CACHE_DIR, or the platform's.
pub fn dir(a: &CacheDirArgs) -> Result<PathBuf, Error> {
    a.cache_dir
        .clone()
        .or_else(|| {
            directories::ProjectDirs::from("", "", "pkjwt").map(|d| d.cache_dir().join("tokens"))
        })
        .ok_or_else(|| {
            Error::input(
                "cannot find a cache directory (no HOME?)",
                Some(format!("set {DIR_ENV}")),
            )
        })
}

/// How a cache key names a keystore: a file by its canonical path.
pub fn keystore_id(path: &std::path::Path) -> String {
    if crate::keystore::pkcs11::is_uri(path) {
        return path.display().to_string();
    }
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// The agent's socket, when an agent that keeps tokens answers there.
fn agent_sock() -> Option<PathBuf> {
    let sock = std::env::var_os(crate::agent::SOCK_ENV).filter(|s| !s.is_empty())?;
    let sock = PathBuf::from(sock);
    let probe = json!({"op": "cache_get", "id": "0".repeat(64)});
    match crate::agent::request(&sock, &probe) {
        Ok(v) if v.get("error").is_none() => Some(sock),
        _ => None,
    }
}

/// Where tokens go: the agent when one answers, else the directory.
pub fn store(ui: &Ui, a: &CacheDirArgs) -> Result<Store, Error> {
    let dir = dir(a)?;
    Ok(match agent_sock() {
        Some(sock) => Store::Agent { sock, dir },
        None => {
            if std::env::var_os(crate::agent::SOCK_ENV).is_some_and(|s| !s.is_empty()) {
                ui.detail("the agent keeps no tokens (gone, or older than pkjwt's token cache): using the cache directory");
            }
            Store::Dir(dir)
        }
    })
}

/// Every store there may be entries in: the agent's and the directory.
fn stores(a: &CacheDirArgs) -> Result<Vec<Store>, Error> {
    let dir = dir(a)?;
    let mut v = Vec::new();
    if let Some(sock) = agent_sock() {
        v.push(Store::Agent {
            sock,
            dir: dir.clone(),
        });
    }
    v.push(Store::Dir(dir));
    Ok(v)
}

/// Forget the tokens `which` selects, after a change that makes them
/// wrong (a rotation, a removed key, a changed profile); a failure is a
/// warning, since the entries are keyed so that they miss anyway.
pub fn invalidate(ui: &Ui, which: &Selection) {
    let dirs = CacheDirArgs {
        cache_dir: std::env::var_os(DIR_ENV)
            .filter(|d| !d.is_empty())
            .map(PathBuf::from),
    };
    invalidate_in(ui, which, &dirs);
}

/// [`invalidate`] in the cache `dirs` names (`--cache-dir`).
pub fn invalidate_in(ui: &Ui, which: &Selection, dirs: &CacheDirArgs) {
    let Ok(all) = stores(dirs) else {
        return;
    };
    for s in all {
        match s.clear(which) {
            Ok(0) => {}
            Ok(n) => ui.detail(format!("forgot {n} cached token(s) in {}", s.describe())),
            Err(e) => ui.warn(format!(
                "cannot forget cached tokens in {}: {e}",
                s.describe()
            )),
        }
    }
}

pub fn run(ui: &Ui, _g: &GlobalArgs, c: &CacheCommand) -> Result<(), Error> {
    let now = crate::oauth::assertion::now();
    match c {
        CacheCommand::List(a) => {
            let mut rows = Vec::new();
            for s in stores(&a.dir)? {
                for mut r in s.list(now)? {
                    r["store"] = json!(match s {
                        Store::Agent { .. } => "agent",
                        _ => "dir",
                    });
                    rows.push(r);
                }
            }
            if ui.json {
                return ui.out_json(&json!(rows));
            }
            if rows.is_empty() {
                ui.note(format!("no cached tokens ({})", dir(&a.dir)?.display()));
                return Ok(());
            }
            let mut out = String::new();
            for r in &rows {
                let s = |k: &str| r[k].as_str().unwrap_or("-").to_string();
                out.push_str(&format!(
                    "{}  {}  {}  scope={}  expires in {} s  ({})\n",
                    s("profile"),
                    s("client_id"),
                    s("grant_type"),
                    s("scope"),
                    r["expires_in"],
                    s("store"),
                ));
            }
            ui.out(out)
        }
        CacheCommand::Clear(a) => {
            let which = match &a.profile {
                Some(p) => Selection::profile(p.clone()),
                None => Selection::all(),
            };
            let mut removed = 0;
            for s in stores(&a.dir)? {
                removed += s.clear(&which)?;
            }
            if ui.json {
                return ui.out_json(&json!({ "removed": removed }));
            }
            ui.out(format!("Removed {removed} cached token(s)\n"))
        }
    }
}
