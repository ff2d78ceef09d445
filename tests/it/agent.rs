//! `pkjwt agent`: keystores unlocked once, signatures over a Unix socket
//! that only the same user reaches, keys forgotten after the TTL, and
//! commands that fall back to the keystore when the agent is gone.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;

use crate::common::*;
use crate::server::TestServer;

/// A running agent, stopped when dropped.
struct Agent {
    sock: PathBuf,
    pid: i32,
}

impl Drop for Agent {
    fn drop(&mut self) {
        // SAFETY: a signal to the agent this test started.
        unsafe { libc::kill(self.pid, libc::SIGTERM) };
    }
}

fn start(dir: &Path, extra: &[&str]) -> Agent {
    let v = json(
        pkjwt(dir)
            .args(["--json", "agent", "start", "-k", "ks.p12"])
            .args(extra),
    );
    Agent {
        sock: PathBuf::from(v["sock"].as_str().unwrap()),
        pid: v["pid"].as_i64().unwrap() as i32,
    }
}

/// An assertion command with the agent's socket and no password source:
/// it can only succeed through the agent.
fn assertion(dir: &Path, sock: &Path) -> Command {
    let mut c = pkjwt_no_password(dir);
    c.env("PKJWT_AGENT_SOCK", sock).args([
        "assertion",
        "--issuer",
        "https://as.example",
        "--client-id",
        "c1",
        "-k",
        "ks.p12",
    ]);
    c
}

/// Why `nobody` cannot reach `path` (every folder above it must let others
/// through), or `None` when it can.
fn unreachable_by_others(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    path.ancestors().skip(1).find_map(|a| {
        let mode = std::fs::metadata(a).ok()?.permissions().mode();
        (mode & 0o001 == 0).then(|| format!("{} has mode {:o}", a.display(), mode & 0o777))
    })
}

/// The other-user half of the test below, run as root: `nobody` runs a copy
/// of pkjwt from a world-readable directory (the build's own may sit in a
/// private clone) against the agent at `sock`.
fn as_another_user(p: &Path, sock: &Path) {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let bin_dir = tempfile::Builder::new()
        .prefix("pkjwt-nobody-")
        .tempdir_in("/tmp")
        .unwrap();
    let bin = bin_dir.path().join("pkjwt");
    std::fs::copy(assert_cmd::cargo::cargo_bin("pkjwt"), &bin).unwrap();
    std::fs::set_permissions(bin_dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    let dir = sock.parent().unwrap();
    for (what, path) in [
        ("the binary's copy", &bin),
        ("the agent's socket", &dir.to_path_buf()),
    ] {
        if let Some(why) = unreachable_by_others(path) {
            eprintln!("skipped the other-user part: nobody cannot reach {what}: {why}");
            return;
        }
    }
    let as_nobody = || {
        let mut c = std::process::Command::new(&bin);
        c.current_dir("/")
            .env_clear()
            .env("PKJWT_AGENT_SOCK", sock)
            .args(["agent", "status"])
            .uid(65534)
            .gid(65534);
        c.output().unwrap()
    };
    let out = as_nobody();
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("does not answer"), "{err}");
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(sock, std::fs::Permissions::from_mode(0o777)).unwrap();
    let out = as_nobody();
    assert_eq!(out.status.code(), Some(4), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("may not use this agent"), "{err}");
    // The agent still serves its own user.
    stdout(&mut assertion(p, sock));
}

#[test]
fn the_agent_signs_without_the_password_and_only_for_its_user() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &["--kid", "k1"]);
    let agent = start(p, &[]);
    // The socket is in a new directory of mode 0700; the socket itself is 0600.
    use std::os::unix::fs::PermissionsExt;
    let dir = agent.sock.parent().unwrap();
    let mode = std::fs::metadata(dir).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700);

    let jwt = stdout(&mut assertion(p, &agent.sock));
    let jwks = json(pkjwt(p).args(["jwks", "-k", "ks.p12"]));
    let key = josekit::jwk::Jwk::from_bytes(serde_json::to_vec(&jwks["keys"][0]).unwrap()).unwrap();
    josekit::jws::deserialize_compact(
        jwt.trim(),
        &josekit::jws::ES256.verifier_from_jwk(&key).unwrap(),
    )
    .expect("the agent's signature verifies against the JWKS");

    // status names the keystore and its kid.
    let s = json(
        pkjwt(p)
            .env("PKJWT_AGENT_SOCK", &agent.sock)
            .args(["--json", "agent", "status"]),
    );
    assert_eq!(s["keystores"][0]["kids"][0], "k1");
    assert_eq!(s["pid"], agent.pid);

    // A process without the socket has to unlock the keystore itself.
    let err = fails(
        pkjwt_no_password(p).args([
            "assertion",
            "--issuer",
            "https://as.example",
            "--client-id",
            "c1",
            "-k",
            "ks.p12",
        ]),
        3,
    );
    assert!(err.contains("no password source"), "{err}");

    // Another user: the 0700 directory keeps it out; opened up, the agent
    // still refuses it by its uid (SO_PEERCRED). Only root can run a process
    // as another user; elsewhere the unit test of the check covers it.
    if unsafe { libc::getuid() } == 0 {
        as_another_user(p, &agent.sock);
    } else {
        eprintln!("skipped the other-user part: only root can run a process as nobody");
    }

    // A keystore changed since the agent read it: the agent's keys may be
    // stale, so the command unlocks the file (here it cannot: no password).
    keygen(p, "ks.p12", &["--kid", "k2"]);
    let err = fails(&mut assertion(p, &agent.sock), 3);
    assert!(err.contains("changed since the agent unlocked it"), "{err}");

    // stop: the agent exits and removes its socket directory.
    let out = stdout(
        pkjwt(p)
            .env("PKJWT_AGENT_SOCK", &agent.sock)
            .args(["agent", "stop"]),
    );
    assert!(out.contains("unset PKJWT_AGENT_SOCK"), "{out}");
    assert!(!dir.exists());
    let err = fails(
        pkjwt(p)
            .env("PKJWT_AGENT_SOCK", &agent.sock)
            .args(["agent", "status"]),
        3,
    );
    assert!(err.contains("does not answer"), "{err}");
    fails(pkjwt(p).args(["agent", "status"]), 3);
}

/// Where `needle` occurs in the memory of process `pid` (its readable
/// mappings), or why the memory cannot be read.
fn found_in_memory(pid: i32, needle: &[u8]) -> Result<Vec<String>, String> {
    use std::io::{Read, Seek, SeekFrom};
    let maps = std::fs::read_to_string(format!("/proc/{pid}/maps")).map_err(|e| e.to_string())?;
    let mut mem = std::fs::File::open(format!("/proc/{pid}/mem")).map_err(|e| e.to_string())?;
    let mut found = Vec::new();
    for line in maps.lines() {
        let mut f = line.split_whitespace();
        let (Some(range), Some(perms)) = (f.next(), f.next()) else {
            continue;
        };
        let name = line.split_whitespace().nth(5).unwrap_or("[anon]");
        if !perms.starts_with('r') || name == "[vvar]" || name == "[vsyscall]" {
            continue;
        }
        let (a, b) = range.split_once('-').unwrap();
        let (a, b) = (
            u64::from_str_radix(a, 16).unwrap(),
            u64::from_str_radix(b, 16).unwrap(),
        );
        let mut buf = vec![0u8; (b - a) as usize];
        if mem.seek(SeekFrom::Start(a)).is_err() || mem.read_exact(&mut buf).is_err() {
            continue;
        }
        if buf.windows(needle.len()).any(|w| w == needle) {
            found.push(line.to_string());
        }
    }
    Ok(found)
}

#[test]
fn the_agent_keeps_no_password_in_its_memory_or_environment() {
    let d = tmp();
    let p = d.path();
    // A password found nowhere else: not in pkjwt's binary, not in the tests'.
    let mut r = [0u8; 12];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut r))
        .unwrap();
    let pw: String = r.iter().map(|b| format!("{b:02x}")).collect();
    json(pkjwt(p).env("PKJWT_KEYSTORE_PASSWORD", &pw).args([
        "--json",
        "keygen",
        "--keystore",
        "ks.p12",
        "--kid",
        "k1",
    ]));
    let v = json(
        pkjwt(p)
            .env("PKJWT_KEYSTORE_PASSWORD", &pw)
            .args(["--json", "agent", "start", "-k", "ks.p12"]),
    );
    let agent = Agent {
        sock: PathBuf::from(v["sock"].as_str().unwrap()),
        pid: v["pid"].as_i64().unwrap() as i32,
    };
    // Signing works, so the keys are there and the agent is serving.
    stdout(&mut assertion(p, &agent.sock));

    // /proc/PID/environ: the variable's value is gone (wiped where it was).
    let environ = std::fs::read(format!("/proc/{}/environ", agent.pid)).unwrap();
    assert!(
        !environ.windows(pw.len()).any(|w| w == pw.as_bytes()),
        "the password is in the agent's environment"
    );
    assert!(!String::from_utf8_lossy(&environ)
        .split('\0')
        .any(|v| v.starts_with("PKJWT_KEYSTORE_PASSWORD=") && v.len() > 24));

    // Its memory: the agent is not dumpable, so only root reads it.
    match found_in_memory(agent.pid, pw.as_bytes()) {
        Ok(found) => assert!(
            found.is_empty(),
            "the password is in the agent's memory: {found:#?}"
        ),
        Err(e) => eprintln!("skipped the memory scan: cannot read the agent's memory ({e})"),
    }
}

#[test]
fn the_agent_forgets_the_keys_after_its_ttl() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &["--kid", "k1"]);
    let agent = start(p, &["--ttl", "2s"]);
    stdout(&mut assertion(p, &agent.sock));
    let status = || {
        json(
            pkjwt(p)
                .env("PKJWT_AGENT_SOCK", &agent.sock)
                .args(["--json", "agent", "status"]),
        )
    };
    wait_until("the agent's TTL to pass", Duration::from_secs(60), || {
        status()["expired"] == true
    });
    let err = fails(&mut assertion(p, &agent.sock), 3);
    assert!(err.contains("forgot its keys"), "{err}");
    let s = status();
    assert_eq!(s["expired"], true);
    assert_eq!(s["keystores"].as_array().unwrap().len(), 0);
    // With the password, the command unlocks the keystore itself.
    pkjwt(p)
        .env("PKJWT_AGENT_SOCK", &agent.sock)
        .args([
            "assertion",
            "--issuer",
            "https://as.example",
            "--client-id",
            "c1",
            "-k",
            "ks.p12",
        ])
        .assert()
        .success();
}

#[test]
fn a_dead_agent_makes_commands_fall_back_with_a_warning() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &["--kid", "k1"]);
    let agent = start(p, &[]);
    unsafe { libc::kill(agent.pid, libc::SIGKILL) };
    // Dead once its socket refuses connections.
    wait_until(
        "the killed agent to be gone",
        Duration::from_secs(60),
        || std::os::unix::net::UnixStream::connect(&agent.sock).is_err(),
    );
    let out = pkjwt(p)
        .env("PKJWT_AGENT_SOCK", &agent.sock)
        .args([
            "assertion",
            "--issuer",
            "https://as.example",
            "--client-id",
            "c1",
            "-k",
            "ks.p12",
        ])
        .assert()
        .success()
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("pkjwt: warning:"), "{err}");
    assert!(err.contains("does not answer"), "{err}");
    assert!(err.contains("unlocking ks.p12 instead"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("eyJ"));
    // A killed agent cannot remove its socket directory: the test does.
    let _ = std::fs::remove_dir_all(agent.sock.parent().unwrap());
    // Bad input to start: a token URI, a wrong password (exit 5).
    fails(
        pkjwt(p).args(["agent", "start", "-k", "pkcs11:token=x;object=y"]),
        3,
    );
    fails(
        pkjwt(p)
            .env("PKJWT_KEYSTORE_PASSWORD", "wrong password")
            .args(["agent", "start", "-k", "ks.p12"]),
        5,
    );
}

#[test]
fn token_requests_through_the_agent() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &["--kid", "k1"]);
    json(pkjwt(p).args([
        "--json",
        "register",
        "--issuer",
        &srv.issuer,
        "-k",
        "ks.p12",
        "-p",
        "ag",
        "--scope",
        "api:read",
    ]));
    let agent = start(p, &[]);
    for _ in 0..3 {
        let t = json(
            pkjwt_no_password(p)
                .env("PKJWT_AGENT_SOCK", &agent.sock)
                .args(["--json", "token", "-p", "ag", "--scope", "api:read"]),
        );
        assert_eq!(t["token_type"], "Bearer");
    }
}
