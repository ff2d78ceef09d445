//! The GitHub Action (action.yml at the repository root): its steps, the
//! scripts in action/, run here as a runner would run them, with
//! GITHUB_OUTPUT, GITHUB_ENV and GITHUB_STEP_SUMMARY files, against the
//! real test server.

use std::path::{Path, PathBuf};
use std::process::Command;

use base64ct::{Base64, Encoding};

use crate::common::*;
use crate::server::TestServer;

fn script(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("action")
        .join(name)
}

/// A step as the runner starts it: a clean environment with pkjwt on PATH.
fn step(p: &Path, name: &str) -> Command {
    let bin_dir = assert_cmd::cargo::cargo_bin("pkjwt")
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut c = Command::new(script(name));
    c.current_dir(p)
        .env_clear()
        .env("PATH", path)
        .env("HOME", p)
        .env("RUNNER_TEMP", p.join("runner"))
        .env("GITHUB_OUTPUT", p.join("output"))
        .env("GITHUB_ENV", p.join("env"))
        .env("GITHUB_PATH", p.join("path"))
        .env("GITHUB_STEP_SUMMARY", p.join("summary"))
        .env("PKJWT_ITERATIONS", "100000");
    c
}

#[test]
fn the_action_masks_the_token_before_anything_holds_it() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &[]);
    let reg = srv.register(&mut pkjwt(p), "ks.p12", "c", &[]);
    let client_id = reg["client_id"].as_str().unwrap();
    std::fs::create_dir(p.join("runner")).unwrap();
    // action.yml runs these two scripts, with the inputs as INPUT_*.
    let yml = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("action.yml"))
        .unwrap();
    for s in ["action/install.sh", "action/token.sh"] {
        assert!(yml.contains(&format!("\"$GITHUB_ACTION_PATH/{s}\"")), "{s}");
    }
    assert!(yml.contains("INPUT_KEYSTORE_BASE64: ${{ inputs.keystore-base64 }}"));
    // A pkjwt on PATH at the asked version is used as it is.
    let version = env!("CARGO_PKG_VERSION");
    let out = step(p, "install.sh")
        .env("INPUT_VERSION", version)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("is on PATH"));
    let ks = Base64::encode_string(&std::fs::read(p.join("ks.p12")).unwrap());
    let out = step(p, "token.sh")
        .env("INPUT_ISSUER", &srv.issuer)
        .env("INPUT_CLIENT_ID", client_id)
        .env("INPUT_KEYSTORE_BASE64", ks)
        .env("INPUT_PASSWORD", PW)
        .env("INPUT_SCOPE", "api:read")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let output = std::fs::read_to_string(p.join("output")).unwrap();
    let token = output
        .lines()
        .find_map(|l| l.strip_prefix("token="))
        .expect("a token output")
        .to_string();
    assert!(token.len() > 10, "{output}");
    // The mask line comes before any line holding the token, and is the
    // first thing printed with it; stderr never holds it.
    let first = stdout.lines().position(|l| l.contains(&token)).unwrap();
    assert_eq!(
        stdout.lines().nth(first).unwrap(),
        format!("::add-mask::{token}")
    );
    assert!(!stderr.contains(&token));
    assert!(!std::fs::read_to_string(p.join("summary"))
        .unwrap()
        .contains(&token));
    assert!(!std::fs::read_to_string(p.join("env"))
        .unwrap_or_default()
        .contains(&token));
    // The keystore's temporary file is gone.
    assert_eq!(std::fs::read_dir(p.join("runner")).unwrap().count(), 0);
    // The token works: the server introspects it as active.
    let v = json(
        pkjwt(p)
            .args(["--json", "introspect", "-p", "c", "-"])
            .write_stdin(token.clone()),
    );
    assert_eq!(v["active"], true, "{v}");
}
