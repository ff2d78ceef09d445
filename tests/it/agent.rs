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
        use std::os::unix::process::CommandExt;
        let as_nobody = || {
            let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("pkjwt"));
            c.current_dir("/")
                .env_clear()
                .env("PKJWT_AGENT_SOCK", &agent.sock)
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
        std::fs::set_permissions(&agent.sock, std::fs::Permissions::from_mode(0o777)).unwrap();
        let out = as_nobody();
        assert_eq!(out.status.code(), Some(4), "{out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("may not use this agent"), "{err}");
        // The agent still serves its own user.
        stdout(&mut assertion(p, &agent.sock));
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

#[test]
fn the_agent_forgets_the_keys_after_its_ttl() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &["--kid", "k1"]);
    let agent = start(p, &["--ttl", "2s"]);
    stdout(&mut assertion(p, &agent.sock));
    std::thread::sleep(Duration::from_millis(2600));
    let err = fails(&mut assertion(p, &agent.sock), 3);
    assert!(err.contains("forgot its keys"), "{err}");
    let s = json(
        pkjwt(p)
            .env("PKJWT_AGENT_SOCK", &agent.sock)
            .args(["--json", "agent", "status"]),
    );
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
    std::thread::sleep(Duration::from_millis(200));
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
