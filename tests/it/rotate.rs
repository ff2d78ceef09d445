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

    // Across algorithms: the registration leaves the algorithm out during
    // the overlap, and retire sets it.
    let v = rotate(
        p,
        "h",
        &[
            "--stage",
            "next",
            "--kid",
            "new",
            "--alg",
            "PS256",
            "--rsa-bits",
            "2048",
        ],
    );
    assert_eq!(v["registration"], "jwks_uri");
    assert!(host.get("/jwks.json").contains("\"new\""));
    token_ok(p, "h", None);
    assert_eq!(signing_kid(p, "h"), "old");

    // Promote waits out the cache window since the key was published, then
    // verifies. The window is the jwks_uri's own Cache-Control (serve-jwks
    // says max-age=60), not the 5 min default: about a minute. (Here the
    // registration's algorithm changed through RFC 7592, which makes
    // oidc-provider read the jwks_uri again anyway; the interrupted test
    // below shows a refusal.)
    let v = rotate(p, "h", &["--stage", "promote"]);
    let waited = v["steps"][0]["waited_seconds"].as_u64().unwrap();
    assert!((1..=70).contains(&waited), "{v}");
    assert_eq!(signing_kid(p, "h"), "new");
    token_ok(p, "h", None);

    let v = rotate(p, "h", &["--stage", "retire"]);
    assert!(!host.get("/jwks.json").contains("\"old\""));
    // Whether the server still takes the retired key (its cache) is said.
    let old_key = v["steps"][0]["old_key"].as_str().unwrap();
    assert!(["accepted", "refused"].contains(&old_key), "{v}");
    token_ok(p, "h", None);
    let prof = json(pkjwt(p).args(["--json", "profile", "show", "h"]));
    assert_eq!(prof["alg"], "PS256", "{prof}");
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
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Killed while promote waits for the server's cache: once it says so.
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in stderr.lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut seen = Vec::new();
    loop {
        match rx.recv_timeout(std::time::Duration::from_secs(120)) {
            Ok(line) if line.contains("waiting ") => break,
            Ok(line) => seen.push(line),
            Err(e) => panic!("rotate never waited for the cache ({e}): {seen:?}"),
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(states(p), st(&[("a", "active"), ("b", "next")]));
    token_ok(p, "i", None);
    assert_eq!(signing_kid(p, "i"), "a");

    // Promoted at once, the next key is refused (the server still has the
    // JWKS it cached without it): nothing changes and tokens still work.
    let out = pkjwt(p)
        .args(["rotate", "-p", "i", "--stage", "promote", "--wait", "0s"])
        .assert()
        .code(7)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("does not accept the next key b yet"), "{err}");
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

/// A static file server (Python's http.server) for the --jwks-out file.
struct StaticHost {
    port: u16,
    child: std::process::Child,
}

impl StaticHost {
    fn start(dir: &Path) -> StaticHost {
        use std::io::BufRead;
        let mut child = std::process::Command::new("python3")
            .current_dir(dir)
            .args(["-u", "-m", "http.server", "0", "--bind", "127.0.0.1"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("python3");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .split_whitespace()
            .skip_while(|w| *w != "port")
            .nth(1)
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        StaticHost { port, child }
    }
}

impl Drop for StaticHost {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn jwks_uri_rotation_writes_the_jwks_out_file() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &["--kid", "old"]);
    std::fs::create_dir(p.join("www")).unwrap();
    pkjwt(p)
        .args(["jwks", "-k", "ks.p12", "--out", "www/jwks.json"])
        .assert()
        .success();
    let host = StaticHost::start(&p.join("www"));
    let uri = format!("http://127.0.0.1:{}/jwks.json", host.port);
    register(p, &srv, "f", &["--jwks-uri", &uri]);
    token_ok(p, "f", None);
    rotate(
        p,
        "f",
        &[
            "--stage",
            "next",
            "--kid",
            "new",
            "--jwks-out",
            "www/jwks.json",
        ],
    );
    let file = std::fs::read_to_string(p.join("www/jwks.json")).unwrap();
    assert!(
        file.contains("\"old\"") && file.contains("\"new\""),
        "{file}"
    );
    token_ok(p, "f", None);
    // The file is what `pkjwt jwks` prints.
    assert_eq!(file, stdout(pkjwt(p).args(["jwks", "-k", "ks.p12"])));
}

#[test]
fn a_server_that_pins_the_algorithm_is_refused_clearly_and_nothing_changes() {
    use crate::faults::{http, Canned};
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &["--kid", "ec"]);
    let jwks = stdout(pkjwt(p).args(["jwks", "-k", "ks.p12"]));
    let registered = format!(
        r#"{{"client_id":"c1","token_endpoint_auth_method":"private_key_jwt","token_endpoint_auth_signing_alg":"ES256","jwks":{jwks}}}"#
    );
    // The read, the update (answered with ES256 although none was asked
    // for), and the update that puts the registration back.
    let json_type = "application/json";
    let srv = Canned::sequence(vec![
        http("200 OK", json_type, &registered),
        http("200 OK", json_type, &registered),
        http("200 OK", json_type, &registered),
    ]);
    std::fs::write(p.join("rat"), "registration-token").unwrap();
    pkjwt(p)
        .args([
            "profile",
            "add",
            "pin",
            "--issuer",
            "https://as.example",
            "--client-id",
            "c1",
            "-k",
            "ks.p12",
            "--kid",
            "ec",
            "--registration-client-uri",
            &format!("{}/reg/c1", srv.url),
            "--registration-access-token-file",
            "rat",
            "--no-discover",
        ])
        .assert()
        .success();
    let err = fails(
        pkjwt(p).args([
            "rotate",
            "-p",
            "pin",
            "--stage",
            "next",
            "--kid",
            "rsa",
            "--alg",
            "PS256",
            "--rsa-bits",
            "2048",
            "--no-verify",
        ]),
        3,
    );
    assert!(
        err.contains("registered token_endpoint_auth_signing_alg ES256 when asked for none"),
        "{err}"
    );
    assert!(err.contains("same algorithm"), "{err}");
    assert_eq!(srv.hits(), 3, "read, update, update back");
    // The next key is gone again; the old key still signs.
    assert_eq!(states(p), st(&[("ec", "active")]));
}
