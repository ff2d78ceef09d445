//! `pkjwt agent start|stop|status`, and how the signing commands find the
//! agent: through `PKJWT_AGENT_SOCK`, falling back to the keystore (with a
//! warning) when the agent is gone.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};

use super::password::PasswordArgs;
use super::store::{self, StoreArgs};
use super::Ui;
use crate::agent::{self, SOCK_ENV};
use crate::cli::error::CliError as Error;
use crate::keystore::Keystore;

/// Keep keystores unlocked in memory and sign for other pkjwt commands (like ssh-agent)
///
/// `eval "$(pkjwt agent start --keystore client.p12)"` unlocks the keystores
/// once (the password from --password-file, --password-stdin,
/// PKJWT_KEYSTORE_PASSWORD or a prompt; several keystores share it), starts
/// the agent in the background and prints the shell lines that set
/// PKJWT_AGENT_SOCK and PKJWT_AGENT_PID. Then assertion, token, introspect,
/// revoke, request, doctor and register ask the agent to sign instead of
/// unlocking the keystore: the key never leaves the agent. When the agent is
/// gone, they unlock the keystore as before, with a warning.
///
/// The agent serves a Unix socket in a new directory of mode 0700 and
/// refuses processes of other users (SO_PEERCRED; getpeereid on macOS). It
/// locks its memory where the system allows (mlockall), refuses core dumps
/// and ptrace by other processes, keeps no password (it wipes it, and
/// PKJWT_KEYSTORE_PASSWORD in its own environment, once the keystores are
/// open), and wipes the keys when it stops or when --ttl passes (after which
/// commands unlock the keystore again). It holds keystore files only: a
/// PKCS#11 token keeps its own keys. Unix only: on Windows it exits 3.
#[derive(Subcommand, Debug)]
// Each subcommand's arguments are built only when it runs (start-up).
#[command(defer = true)]
pub enum AgentCommand {
    Start(StartArgs),
    /// Stop the agent named by PKJWT_AGENT_SOCK (prints shell `unset` lines)
    Stop(StopArgs),
    /// Show the agent's pid, the keystores and kids it holds, and when it forgets them
    Status(StopArgs),
}

/// Unlock keystores and start the agent in the background; prints shell `export` lines
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  eval \"$(pkjwt agent start --keystore client.p12 --ttl 15m)\"
  PKJWT_KEYSTORE_PASSWORD=... eval \"$(pkjwt agent start -k a.p12 -k b.p12)\"
  pkjwt token --profile prod      # signed by the agent
  eval \"$(pkjwt agent stop)\"")]
pub struct StartArgs {
    /// A keystore file to hold (repeat for more; they share one password)
    #[arg(short = 'k', long = "keystore", value_name = "FILE", required = true)]
    pub keystores: Vec<PathBuf>,
    #[command(flatten)]
    pub password: PasswordArgs,
    /// Forget the keys after this long: 90s, 15m, 8h, 1d, 2w [default: keep them until stopped]
    #[arg(long, value_name = "DURATION", value_parser = parse_ttl, env = "PKJWT_AGENT_TTL")]
    pub ttl: Option<Duration>,
}

/// Which agent `stop` and `status` talk to
#[derive(Args, Debug)]
pub struct StopArgs {
    /// The agent's socket
    #[arg(long, value_name = "PATH", env = SOCK_ENV)]
    pub sock: Option<PathBuf>,
}

/// The agent's --ttl: 1 s to 365 d (units s, m, h, d, w; a plain number is seconds).
pub fn parse_ttl(s: &str) -> Result<Duration, String> {
    crate::duration::parse_within(s, Duration::from_secs(1), Duration::from_secs(365 * 86_400))
}

#[cfg(unix)]
pub fn run(ui: &Ui, c: &AgentCommand) -> Result<(), Error> {
    match c {
        AgentCommand::Start(a) => commands::start(ui, a),
        AgentCommand::Stop(a) => commands::stop(ui, a),
        AgentCommand::Status(a) => commands::status(ui, a),
    }
}

/// No agent here: every `pkjwt agent` command says so (exit 3); the other
/// commands unlock their keystores themselves.
#[cfg(not(unix))]
pub fn run(_: &Ui, _: &AgentCommand) -> Result<(), Error> {
    Err(Error::input(
        agent::UNSUPPORTED,
        Some("give each command the keystore's password (--password-file, --password-stdin or PKJWT_KEYSTORE_PASSWORD); WSL runs the agent".into()),
    ))
}

/// `start`, `stop` and `status`: Unix only.
#[cfg(unix)]
mod commands {
    use serde_json::json;

    use super::*;
    use crate::agent::{sys, Agent, AgentError, Loaded, PID_ENV};

    pub(super) fn quote(s: &str) -> String {
        format!("'{}'", s.replace('\'', "'\\''"))
    }

    pub(super) fn start(ui: &Ui, a: &StartArgs) -> Result<(), Error> {
        let mut files = Vec::new();
        for path in &a.keystores {
            let stamp = agent::stamp(path);
            if crate::keystore::pkcs11::is_uri(path) {
                return Err(Error::input(
                    format!(
                        "{} is a PKCS#11 token: the agent holds keystore files only",
                        path.display()
                    ),
                    Some(
                        "a token keeps its keys and signs itself: use it directly with --keystore"
                            .into(),
                    ),
                ));
            }
            let data = crate::keystore::read_file(path)?;
            let canonical = std::fs::canonicalize(path).map_err(|source| crate::Error::Io {
                op: "resolve",
                path: path.clone(),
                source,
            })?;
            files.push((path.clone(), canonical, data, stamp));
        }
        // The first keystore through the shared unlock (three attempts at a
        // prompt, as every other opener gives); the others take its password.
        let first = &a.keystores[0];
        let mut files = files.into_iter();
        let Some((path0, canonical0, data0, stamp0)) = files.next() else {
            return Err(Error::input("no keystore to hold", None));
        };
        let (ks0, pw) = crate::cli::password::unlock(&a.password.sources(first), &path0, |pw| {
            Keystore::from_bytes(&path0, data0.clone(), pw)
        })?;
        let mut opened = vec![(path0, canonical0, Some(ks0), data0, stamp0)];
        opened.extend(files.map(|(p, c, d, s)| (p, c, None, d, s)));
        let mut loaded = Vec::new();
        for (path, canonical, ks, data, stamp) in opened {
            let keystore = match ks {
                Some(ks) => ks,
                None => Keystore::from_bytes(&path, data, &pw)?,
            };
            ui.detail(format!(
                "unlocked {}: {} key(s)",
                path.display(),
                keystore.entries.len()
            ));
            loaded.push(Loaded {
                path: canonical,
                keystore,
                stamp,
            });
        }
        drop(pw);
        // The password is wiped (`Password` zeroizes on drop); so is its copy
        // in this process's environment, which the agent would otherwise keep
        // for its whole life (and show in /proc/PID/environ).
        if let Ok(name) = std::ffi::CString::new(crate::cli::password::KEYSTORE_ENV) {
            // SAFETY: pkjwt runs no other thread here: the key derivations ran in
            // scoped threads that have ended, and nothing else starts one.
            unsafe { sys::wipe_env(&name) };
        }
        let base = std::env::var_os("XDG_RUNTIME_DIR")
            .map(PathBuf::from)
            .filter(|p| p.is_dir())
            .unwrap_or_else(std::env::temp_dir);
        let dir = agent::socket_dir(&base).map_err(crate::Error::from)?;
        let sock = dir.join("agent.sock");
        let listener = std::os::unix::net::UnixListener::bind(&sock).map_err(|e| {
            let _ = std::fs::remove_dir(&dir);
            crate::Error::from(AgentError::Start(format!(
                "cannot listen on {}: {e}",
                sock.display()
            )))
        })?;
        let keystores: Vec<String> = loaded
            .iter()
            .map(|l| l.path.display().to_string())
            .collect();
        let mut agent = Agent::new(loaded, a.ttl);

        // SAFETY: pkjwt runs no other thread at this point (see the wipe above),
        // so the child is a consistent copy of this process.
        let pid = match unsafe { sys::detach() } {
            Ok(sys::Forked::Parent(pid)) => pid,
            Ok(sys::Forked::Child) => {
                agent.unhardened = sys::harden();
                agent::serve(listener, &mut agent);
                drop(agent);
                let _ = std::fs::remove_file(&sock);
                let _ = std::fs::remove_dir(&dir);
                std::process::exit(0);
            }
            Err(e) => {
                let _ = std::fs::remove_file(&sock);
                let _ = std::fs::remove_dir(&dir);
                return Err(crate::Error::from(AgentError::Start(format!("fork: {e}"))).into());
            }
        };
        drop(agent);
        drop(listener);
        let expires_at = a
            .ttl
            .map(|t| crate::oauth::assertion::now().saturating_add(t.as_secs() as i64));
        if ui.json {
            return ui.out_json(&json!({
                "sock": sock.display().to_string(),
                "pid": pid,
                "keystores": keystores,
                "expires_at": expires_at,
            }));
        }
        let sock_s = sock.display().to_string();
        ui.out(format!(
            "{SOCK_ENV}={}; export {SOCK_ENV};\n{PID_ENV}={pid}; export {PID_ENV};\n",
            quote(&sock_s)
        ))?;
        ui.note(format!(
            "pkjwt agent pid {pid} holds {} keystore(s){}",
            keystores.len(),
            match a.ttl {
                Some(t) => format!(" for {} s", t.as_secs()),
                None => String::new(),
            }
        ));
        Ok(())
    }

    fn sock_of(a: &StopArgs) -> Result<PathBuf, Error> {
        a.sock
            .clone()
            .filter(|p| !p.as_os_str().is_empty())
            .ok_or_else(|| crate::Error::from(AgentError::NotSet).into())
    }

    pub(super) fn stop(ui: &Ui, a: &StopArgs) -> Result<(), Error> {
        let sock = sock_of(a)?;
        let status = agent::request(&sock, &json!({"op": "status"})).map_err(crate::Error::from)?;
        agent::request(&sock, &json!({"op": "stop"})).map_err(crate::Error::from)?;
        // The agent removes its socket as it exits.
        let until = std::time::Instant::now() + Duration::from_secs(3);
        while sock.exists() && std::time::Instant::now() < until {
            std::thread::sleep(Duration::from_millis(20));
        }
        if ui.json {
            return ui.out_json(&json!({"stopped": true, "pid": status["pid"]}));
        }
        ui.out(format!("unset {SOCK_ENV};\nunset {PID_ENV};\n"))?;
        ui.note(format!("pkjwt agent pid {} stopped", status["pid"]));
        Ok(())
    }

    pub(super) fn status(ui: &Ui, a: &StopArgs) -> Result<(), Error> {
        let sock = sock_of(a)?;
        let mut v = agent::request(&sock, &json!({"op": "status"})).map_err(crate::Error::from)?;
        if ui.json {
            v["sock"] = sock.display().to_string().into();
            return ui.out_json(&v);
        }
        let mut s = format!("pkjwt agent pid {} at {}\n", v["pid"], sock.display());
        for k in v["keystores"].as_array().into_iter().flatten() {
            let kids: Vec<&str> = k["kids"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|x| x.as_str())
                .collect();
            s.push_str(&format!(
                "  {}: {}\n",
                k["path"].as_str().unwrap_or(""),
                kids.join(", ")
            ));
        }
        for w in v["warnings"].as_array().into_iter().flatten() {
            s.push_str(&format!("  warning: {}\n", w.as_str().unwrap_or("")));
        }
        if v["expired"].as_bool() == Some(true) {
            s.push_str("  holds no keys: its --ttl passed\n");
        } else if let Some(t) = v["expires_at"].as_i64() {
            s.push_str(&format!(
                "  forgets the keys at {} (in {} s)\n",
                crate::keystore::cert::rfc3339_unix(t),
                t.saturating_sub(crate::oauth::assertion::now()).max(0)
            ));
        }
        ui.out(s)
    }
}

/// The keystore for a command that signs: the agent's keys when
/// `PKJWT_AGENT_SOCK` names an agent that holds this keystore, unchanged
/// since it read it, with each of `kids` (nothing is unlocked then), else the
/// keystore itself. An agent that does not answer, forgot its keys or holds
/// an older version of the file is reported with a warning.
pub fn open_for_signing(ui: &Ui, store: &StoreArgs, kids: &[String]) -> Result<Keystore, Error> {
    let path = &store.keystore;
    if let Some(sock) = sock_from_env() {
        if !crate::keystore::pkcs11::is_uri(path) {
            if let Ok(canonical) = std::fs::canonicalize(path) {
                match agent::keys(&sock, &canonical) {
                    Ok(agent::Lookup {
                        keystore: Some(ks),
                        ..
                    }) => match kids.iter().find(|k| !ks.kids().contains(k)) {
                        None => {
                            ui.detail(format!(
                                "the agent at {} signs with {}'s keys",
                                sock.display(),
                                path.display()
                            ));
                            return Ok(ks);
                        }
                        Some(k) => ui.detail(format!(
                            "the agent holds no key {k:?} of {}: unlocking it",
                            path.display()
                        )),
                    },
                    Ok(agent::Lookup { changed: true, .. }) => ui.warn(format!(
                        "{} changed since the agent unlocked it: unlocking it (restart the agent to hold the new version)",
                        path.display()
                    )),
                    Ok(agent::Lookup { expired: true, .. }) => ui.warn(format!(
                        "the agent forgot its keys (its --ttl passed): unlocking {}",
                        path.display()
                    )),
                    Ok(_) => ui.detail(format!(
                        "the agent does not hold {}: unlocking it",
                        path.display()
                    )),
                    Err(e) => ui.warn(format!("{e}: unlocking {} instead", path.display())),
                }
            }
        }
    }
    store::open(ui, store).map(|(ks, _)| ks)
}

/// The agent's socket from the environment (`PKJWT_AGENT_SOCK`), when set.
fn sock_from_env() -> Option<PathBuf> {
    std::env::var_os(SOCK_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ttls() {
        assert_eq!(parse_ttl("90").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_ttl("15m").unwrap(), Duration::from_secs(900));
        assert_eq!(parse_ttl("8h").unwrap(), Duration::from_secs(28_800));
        assert_eq!(parse_ttl("1d").unwrap(), Duration::from_secs(86_400));
        assert!(parse_ttl("0s").is_err());
        assert!(parse_ttl("53w").is_err());
        assert_eq!(parse_ttl("2w").unwrap(), Duration::from_secs(1_209_600));
        assert!(parse_ttl("m").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn shell_quoting() {
        use commands::quote;
        assert_eq!(quote("/tmp/a b"), "'/tmp/a b'");
        assert_eq!(quote("it's"), "'it'\\''s'");
    }
}
