//! Key states and `pkjwt rotate` against the real authorization server:
//! inline-jwks registrations (RFC 7592) and jwks_uri registrations served by
//! `pkjwt serve-jwks`, with a token request between every stage, across
//! algorithms, and interrupted.

use std::path::Path;

use crate::common::*;
use crate::serve::Served;
use crate::server::TestServer;

fn register(p: &Path, srv: &TestServer, profile: &str, extra: &[&str]) -> serde_json::Value {
    json(
        pkjwt(p)
            .args([
                "--json",
                "register",
                "--issuer",
                &srv.issuer,
                "-k",
                "ks.p12",
                "-p",
                profile,
                "--scope",
                "api:read",
            ])
            .args(extra),
    )
}

/// A token request as the profile (optionally with another key).
fn token_ok(p: &Path, profile: &str, kid: Option<&str>) {
    let mut c = pkjwt(p);
    c.args(["--json", "token", "-p", profile, "--scope", "api:read"]);
    if let Some(k) = kid {
        c.args(["--kid", k]);
    }
    let t = json(&mut c);
    assert_eq!(t["token_type"], "Bearer", "{t}");
}

/// The kid the profile signs with now.
fn signing_kid(p: &Path, profile: &str) -> String {
    let v = json(pkjwt(p).args(["--json", "assertion", "-p", profile, "--decode"]));
    v["header"]["kid"].as_str().unwrap().to_string()
}

/// kid -> state, from `keys list --json`.
fn states(p: &Path) -> Vec<(String, String)> {
    let v = json(pkjwt(p).args(["--json", "keys", "list", "-k", "ks.p12"]));
    v["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["kid"].as_str().unwrap().to_string(),
                k["state"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn st(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn jwks_kids(p: &Path, extra: &[&str]) -> Vec<String> {
    let v = json(pkjwt(p).args(["jwks", "-k", "ks.p12"]).args(extra));
    v["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kid"].as_str().unwrap().to_string())
        .collect()
}

fn rotate(p: &Path, profile: &str, extra: &[&str]) -> serde_json::Value {
    json(
        pkjwt(p)
            .args(["--json", "rotate", "-p", profile])
            .args(extra),
    )
}

#[test]
fn inline_rotation_stage_by_stage_keeps_tokens_working() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &["--kid", "old"]);
    register(p, &srv, "r", &[]);
    token_ok(p, "r", None);
    assert_eq!(states(p), st(&[("old", "active")]));

    let v = rotate(p, "r", &["--stage", "next", "--kid", "new"]);
    assert_eq!(v["steps"][0]["stage"], "next");
    assert_eq!(v["steps"][0]["token"], "issued");
    assert_eq!(states(p), st(&[("old", "active"), ("new", "next")]));
    assert_eq!(signing_kid(p, "r"), "old");
    token_ok(p, "r", None);
    // Both keys are registered: the next key is accepted already.
    token_ok(p, "r", Some("new"));
    assert_eq!(jwks_kids(p, &[]), ["old", "new"]);

    rotate(p, "r", &["--stage", "promote"]);
    assert_eq!(states(p), st(&[("old", "active"), ("new", "active")]));
    assert_eq!(signing_kid(p, "r"), "new");
    token_ok(p, "r", None);
    // Without a profile, the key made active last signs.
    let v = json(pkjwt(p).args([
        "--json",
        "assertion",
        "-k",
        "ks.p12",
        "--client-id",
        "x",
        "--aud",
        "https://as.example",
        "--decode",
    ]));
    assert_eq!(v["header"]["kid"], "new");

    rotate(p, "r", &["--stage", "retire"]);
    assert_eq!(states(p), st(&[("old", "retired"), ("new", "active")]));
    token_ok(p, "r", None);
    assert_eq!(jwks_kids(p, &[]), ["new"]);
    assert_eq!(jwks_kids(p, &["--include-retired"]), ["old", "new"]);
    // The registration no longer holds the old key.
    fails(
        pkjwt(p).args(["token", "-p", "r", "--scope", "api:read", "--kid", "old"]),
        7,
    );

    // Within the grace period nothing is removed.
    let v = rotate(p, "r", &["--stage", "remove"]);
    assert_eq!(v["steps"][0]["kids"], serde_json::json!([]));
    assert_eq!(states(p).len(), 2);
    rotate(p, "r", &["--stage", "remove", "--grace", "0s"]);
    assert_eq!(states(p), st(&[("new", "active")]));
    token_ok(p, "r", None);

    // A second next while one is pending is refused.
    rotate(p, "r", &["--stage", "next", "--kid", "n2"]);
    let err = fails(pkjwt(p).args(["rotate", "-p", "r", "--stage", "next"]), 3);
    assert!(err.contains("next key already"), "{err}");
}

#[test]
fn cross_algorithm_rotation_keeps_both_keys_usable_during_the_overlap() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &["--kid", "ec"]);
    let reg = register(p, &srv, "x", &[]);
    assert_eq!(reg["response"]["token_endpoint_auth_signing_alg"], "ES256");
    rotate(
        p,
        "x",
        &[
            "--stage",
            "next",
            "--kid",
            "rsa",
            "--alg",
            "PS256",
            "--rsa-bits",
            "2048",
        ],
    );
    // During the overlap both algorithms are accepted.
    token_ok(p, "x", Some("ec"));
    token_ok(p, "x", Some("rsa"));
    rotate(p, "x", &["--stage", "promote"]);
    token_ok(p, "x", None);
    token_ok(p, "x", Some("ec"));
    assert_eq!(signing_kid(p, "x"), "rsa");
    let v = rotate(p, "x", &["--stage", "retire"]);
    assert_eq!(v["steps"][0]["token"], "issued");
    token_ok(p, "x", None);
    // Retired: the registration is PS256 again, with the RSA key only.
    let prof = json(pkjwt(p).args(["--json", "profile", "show", "x"]));
    assert_eq!(prof["alg"], "PS256", "{prof}");
    fails(
        pkjwt(p).args(["token", "-p", "x", "--scope", "api:read", "--kid", "ec"]),
        7,
    );
}

#[test]
fn the_whole_cycle_in_one_command() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &["--kid", "a"]);
    register(p, &srv, "c", &[]);
    let v = rotate(p, "c", &["--kid", "b", "--grace", "0s"]);
    let stages: Vec<&str> = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stage"].as_str().unwrap())
        .collect();
    assert_eq!(stages, ["next", "promote", "retire", "remove"]);
    assert!(v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["token"] == "issued"));
    assert_eq!(states(p), st(&[("b", "active")]));
    token_ok(p, "c", None);
    assert_eq!(signing_kid(p, "c"), "b");
}

#[test]
fn jwks_uri_rotation_served_by_serve_jwks() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &["--kid", "old"]);
    let host = Served::start(p, "ks.p12", &[]);
    let reg = register(p, &srv, "h", &["--jwks-uri", &host.url]);
    assert_eq!(reg["response"]["jwks_uri"], host.url.as_str());
    token_ok(p, "h", None);

    let v = rotate(p, "h", &["--stage", "next", "--kid", "new"]);
    assert_eq!(v["registration"], "jwks_uri");
    assert!(host.get("/jwks.json").contains("\"new\""));
    token_ok(p, "h", None);
    assert_eq!(signing_kid(p, "h"), "old");

    // The server cached the JWKS when it checked the first token: promote
    // waits out the cache window (oidc-provider: 60 s) and then verifies.
    let t = std::time::Instant::now();
    let v = rotate(p, "h", &["--stage", "promote", "--cache-window", "62s"]);
    assert!(v["steps"][0]["waited_seconds"].as_u64().unwrap() > 0, "{v}");
    assert!(t.elapsed() >= std::time::Duration::from_secs(50));
    assert_eq!(signing_kid(p, "h"), "new");
    token_ok(p, "h", None);

    rotate(p, "h", &["--stage", "retire"]);
    assert!(!host.get("/jwks.json").contains("\"old\""));
    token_ok(p, "h", None);
    rotate(p, "h", &["--stage", "remove", "--grace", "0s"]);
    assert_eq!(states(p), st(&[("new", "active")]));
    token_ok(p, "h", None);
}

#[test]
fn an_interrupted_rotation_leaves_working_tokens_and_goes_on() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &["--kid", "a"]);
    let host = Served::start(p, "ks.p12", &[]);
    register(p, &srv, "i", &["--jwks-uri", &host.url]);
    token_ok(p, "i", None);
    let args = [
        "rotate",
        "-p",
        "i",
        "--cache-window",
        "62s",
        "--grace",
        "0s",
    ];
    let mut child = pkjwt_std(p)
        .args(args)
        .args(["--kid", "b"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Killed while promote waits for the server's cache.
    let started = std::time::Instant::now();
    while states(p) != st(&[("a", "active"), ("b", "next")]) {
        assert!(started.elapsed() < std::time::Duration::from_secs(60));
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    std::thread::sleep(std::time::Duration::from_secs(2));
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(states(p), st(&[("a", "active"), ("b", "next")]));
    token_ok(p, "i", None);
    assert_eq!(signing_kid(p, "i"), "a");

    // Run again: it goes on at promote.
    let v = json(pkjwt(p).arg("--json").args(args));
    let stages: Vec<&str> = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stage"].as_str().unwrap())
        .collect();
    assert_eq!(stages, ["promote", "retire", "remove"]);
    assert_eq!(states(p), st(&[("b", "active")]));
    token_ok(p, "i", None);
    assert_eq!(signing_kid(p, "i"), "b");
}
