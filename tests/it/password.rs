//! A keystore password worth its KDF: new passwords under 8 characters are
//! refused (`--allow-weak-password` for tests), short or common ones warned
//! about; on a terminal, three attempts at an existing keystore's password.

use crate::common::*;

#[test]
fn new_passwords_under_eight_characters_are_refused() {
    let d = tmp();
    let p = d.path();
    let err = fails(
        pkjwt(p)
            .env("PKJWT_KEYSTORE_PASSWORD", "short")
            .args(["keygen", "-k", "ks.p12"]),
        3,
    );
    assert!(err.contains("5 characters"), "{err}");
    assert!(err.contains("--allow-weak-password"), "{err}");
    assert!(!p.join("ks.p12").exists());

    let out = pkjwt(p)
        .env("PKJWT_KEYSTORE_PASSWORD", "short")
        .args(["keygen", "-k", "ks.p12", "--allow-weak-password"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning"));
    // The rule is for new keystores: an existing one opens with its password.
    pkjwt(p)
        .env("PKJWT_KEYSTORE_PASSWORD", "short")
        .args(["keygen", "-k", "ks.p12"])
        .assert()
        .success();
    // The environment variable CI sets works as the flag does.
    pkjwt(p)
        .env("PKJWT_KEYSTORE_PASSWORD", "tiny")
        .env("PKJWT_ALLOW_WEAK_PASSWORD", "1")
        .args(["keygen", "-k", "other.p12"])
        .assert()
        .success();
}

#[test]
fn short_and_common_passwords_are_warned_about() {
    let d = tmp();
    let p = d.path();
    for (pw, says) in [
        ("password1", "easy to guess"),
        ("Tr0ub4dor&3", "characters"),
    ] {
        let ks = format!("{}.p12", pw.len());
        let out = pkjwt(p)
            .env("PKJWT_KEYSTORE_PASSWORD", pw)
            .args(["keygen", "-k", &ks])
            .assert()
            .success()
            .get_output()
            .clone();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{pw}: {err}");
    }
    // The test password is long and not common: no warning.
    let out = pkjwt(p)
        .args(["keygen", "-k", "good.p12"])
        .assert()
        .success()
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("password"), "{err}");
}

/// Run pkjwt on a pseudo-terminal (Python's pty), answering each password
/// prompt with the next of `answers`; the exit code and everything printed.
fn on_a_terminal(dir: &std::path::Path, args: &[&str], answers: &[&str]) -> (i32, String) {
    let script = r#"
import os, pty, sys, json, time
args, answers = json.loads(sys.argv[1]), json.loads(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    os.execv(args[0], args)
out, buf = b"", b""
deadline = time.time() + 60
while time.time() < deadline:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
    buf += chunk
    if b"assword for" in buf:
        buf = b""
        os.write(fd, (answers.pop(0) if answers else "") .encode() + b"\n")
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors="replace"))
sys.exit(os.waitstatus_to_exitcode(status))
"#;
    let mut full = vec![assert_cmd::cargo::cargo_bin("pkjwt")
        .to_string_lossy()
        .into_owned()];
    full.extend(args.iter().map(|s| s.to_string()));
    let out = std::process::Command::new("python3")
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        .env("PKJWT_CONFIG_DIR", dir.join("config"))
        .env("PKJWT_ITERATIONS", "100000")
        .args([
            "-c",
            script,
            &serde_json::to_string(&full).unwrap(),
            &serde_json::to_string(answers).unwrap(),
        ])
        .output()
        .expect("python3");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn a_terminal_gets_three_attempts_at_the_password() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &["--kid", "k"]);
    let (code, out) = on_a_terminal(p, &["keys", "list", "-k", "ks.p12"], &["typo", PW]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("try again (2 left)"), "{out}");
    assert!(out.contains("state:       active"), "{out}");

    let (code, out) = on_a_terminal(
        p,
        &["keys", "list", "-k", "ks.p12"],
        &["one", "two", "three", PW],
    );
    assert_eq!(code, 5, "{out}");
    assert!(out.contains("wrong password (3 attempts)"), "{out}");
    assert!(out.contains("Caps Lock"), "{out}");
    assert!(!out.contains("--password-file"), "{out}");
}
