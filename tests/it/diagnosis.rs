//! Failures provoked against the real server, and the diagnosis pkjwt gives:
//! the top-ranked cause must be the real one (the server's own event log
//! says what it was). Plus `inspect` from the command line and `doctor`.

use std::fs;
use std::path::Path;

use crate::common::*;
use crate::faults::JwksHost;
use crate::server::TestServer;

fn register(p: &Path, srv: &TestServer, ks: &str, profile: &str, extra: &[&str]) -> String {
    srv.register(&mut pkjwt(p), ks, profile, extra)["client_id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Run a failing `pkjwt --json token ...`; its causes, most likely first.
fn causes(p: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let out = pkjwt(p)
        .args(["--json", "token"])
        .args(args)
        .assert()
        .code(7)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        err.contains("pkjwt: error: the server refused the request"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON diagnosis ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    assert_eq!(v["status"], 401);
    assert_eq!(v["error"], "invalid_client");
    v["causes"].as_array().unwrap().clone()
}

fn top(c: &[serde_json::Value]) -> &str {
    c[0]["code"].as_str().unwrap()
}

fn server_said(srv: &TestServer, detail: &str) {
    let events = fs::read_to_string(&srv.events).unwrap_or_default();
    assert!(
        events.contains(detail),
        "the server's log lacks {detail:?}: {events}"
    );
}

#[test]
fn wrong_aud_under_the_strict_profile() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&["--profile", "fapi2"]);
    keygen(p, "ks.p12", &[]);
    register(p, &srv, "ks.p12", "s", &[]);
    let c = causes(p, &["-p", "s", "--aud", "token-endpoint"]);
    assert_eq!(top(&c), "aud-not-issuer", "{c:?}");
    assert!(c[0]["hint"].as_str().unwrap().contains("--aud issuer"));
    server_said(&srv, "audience (aud) must equal the issuer");
}

#[test]
fn expired_assertion_and_clock_behind_and_ahead() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &[]);
    register(p, &srv, "ks.p12", "c", &[]);
    // An assertion that expired two minutes ago (the clock is right).
    let past = (std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        - 120)
        .to_string();
    let c = causes(p, &["-p", "c", "--claim", &format!("exp={past}")]);
    assert_eq!(top(&c), "exp-past", "{c:?}");
    assert!(
        !c.iter().any(|x| x["code"] == "clock-skew"),
        "the clock is fine: {c:?}"
    );
    server_said(&srv, "jwt expired");
    // The client clock ten minutes behind.
    let c = causes(p, &["-p", "c", "--clock-offset", "-600"]);
    assert_eq!(top(&c), "clock-skew", "{c:?}");
    assert!(
        c[0]["message"].as_str().unwrap().contains("600 s behind"),
        "{c:?}"
    );
    assert!(
        c[0]["hint"].as_str().unwrap().contains("--clock-offset 0"),
        "{c:?}"
    );
    // Ten minutes ahead (with nbf, which the server checks).
    let c = causes(p, &["-p", "c", "--clock-offset", "600", "--nbf"]);
    assert_eq!(top(&c), "clock-skew", "{c:?}");
    assert!(
        c[0]["message"].as_str().unwrap().contains("ahead of"),
        "{c:?}"
    );
    assert!(c.iter().any(|x| x["code"] == "nbf-future"), "{c:?}");
    server_said(&srv, "jwt not active yet");
    // And the compensating option makes the request work again.
    pkjwt(p)
        .args(["token", "-p", "c", "--clock-offset", "0", "--nbf"])
        .assert()
        .success();
}

#[test]
fn a_kid_in_the_keystore_that_was_never_registered() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &["--kid", "old"]);
    register(p, &srv, "ks.p12", "k", &[]);
    keygen(p, "ks.p12", &["--kid", "new"]);
    let c = causes(p, &["-p", "k", "--kid", "new"]);
    assert_eq!(top(&c), "kid-unknown", "{c:?}");
    assert!(
        c[0]["message"]
            .as_str()
            .unwrap()
            .contains("registered jwks"),
        "{c:?}"
    );
    server_said(&srv, "no applicable key found");
}

#[test]
fn an_algorithm_the_client_did_not_register() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &["--alg", "PS256", "--rsa-bits", "2048"]);
    register(p, &srv, "ks.p12", "a", &[]);
    let c = causes(p, &["-p", "a", "--alg", "RS256"]);
    assert_eq!(top(&c), "alg-not-registered", "{c:?}");
    assert!(
        c[0]["hint"].as_str().unwrap().contains("--alg PS256"),
        "{c:?}"
    );
}

#[test]
fn a_reused_jti() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &[]);
    register(p, &srv, "ks.p12", "j", &[]);
    let jti = "fixed-jti-0123456789abcdef";
    pkjwt(p)
        .args(["token", "-p", "j", "--claim", &format!("jti={jti}")])
        .assert()
        .success();
    let c = causes(p, &["-p", "j", "--claim", &format!("jti={jti}")]);
    assert_eq!(top(&c), "jti-reused", "{c:?}");
    server_said(&srv, "must only be used once");
}

#[test]
fn a_client_registered_with_another_auth_method() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &[]);
    // Registered by someone else for client_secret_basic.
    let reg = srv.post_json(
        "/reg",
        &serde_json::json!({"token_endpoint_auth_method": "client_secret_basic", "grant_types": ["client_credentials"], "response_types": []}),
    );
    let client_id = reg["client_id"].as_str().unwrap();
    fs::write(
        p.join("rat"),
        reg["registration_access_token"].as_str().unwrap(),
    )
    .unwrap();
    pkjwt(p)
        .args([
            "profile",
            "add",
            "other",
            "--issuer",
            &srv.issuer,
            "--client-id",
            client_id,
            "-k",
            "ks.p12",
        ])
        .args([
            "--registration-client-uri",
            reg["registration_client_uri"].as_str().unwrap(),
            "--registration-access-token-file",
            "rat",
        ])
        .assert()
        .success();
    let c = causes(p, &["-p", "other"]);
    assert_eq!(top(&c), "auth-method-mismatch", "{c:?}");
    server_said(
        &srv,
        "does not match the registered client authentication method",
    );
}

#[test]
fn a_jwks_uri_that_does_not_answer() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &[]);
    let jwks = pkjwt(p)
        .args(["jwks", "-k", "ks.p12"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let host = JwksHost::serve(String::from_utf8(jwks).unwrap());
    register(p, &srv, "ks.p12", "u", &["--jwks-uri", &host.url]);
    let url = host.url.clone();
    drop(host);
    // Nothing listens there any more (the server fetches at the first assertion).
    let c = causes(p, &["-p", "u"]);
    assert_eq!(top(&c), "jwks-uri-unreachable", "{c:?}");
    assert!(c[0]["message"].as_str().unwrap().contains(&url));
}

#[test]
fn doctor_passes_for_a_good_client_and_fails_with_the_cause() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &["--kid", "good"]);
    register(p, &srv, "ks.p12", "doc", &[]);
    let v = json(pkjwt(p).args(["--json", "doctor", "-p", "doc", "--scope", "api:read"]));
    let checks = v["checks"].as_array().unwrap();
    for name in [
        "metadata",
        "auth-method",
        "signing-alg",
        "registration",
        "registered-method",
        "registered-alg",
        "registered-key",
        "clock",
        "token",
    ] {
        let c = checks
            .iter()
            .find(|c| c["name"] == name)
            .unwrap_or_else(|| panic!("no {name} check: {v}"));
        assert_eq!(c["status"], "pass", "{name}: {c}");
    }
    for c in checks {
        assert!(c["message"].is_string() && c["hint"].is_string(), "{c}");
    }
    let human = pkjwt(p)
        .args(["doctor", "-p", "doc"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8_lossy(&human).contains("[pass] token"));

    // A key that is not registered: the key check and the token fail, with the cause.
    keygen(p, "ks.p12", &["--kid", "unregistered"]);
    let out = pkjwt(p)
        .args(["--json", "doctor", "-p", "doc", "--kid", "unregistered"])
        .assert()
        .code(8)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let find = |n: &str| {
        v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == n)
            .unwrap()
            .clone()
    };
    assert_eq!(find("registered-key")["status"], "fail");
    assert_eq!(find("token")["status"], "fail");
    // Probing verified the registered key; the cause it cures follows.
    assert_eq!(v["causes"][0]["code"], "verified-by-probing", "{v}");
    assert_eq!(v["causes"][1]["code"], "kid-unknown", "{v}");
}

#[test]
fn inspect_from_the_command_line() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &["--kid", "k"]);
    let base = [
        "--issuer",
        srv.issuer.as_str(),
        "--client-id",
        "app",
        "-k",
        "ks.p12",
    ];
    let jwt = String::from_utf8(
        pkjwt(p)
            .args(["assertion"])
            .args(base)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    let jwt = jwt.trim();
    // A good assertion: no error, the signature verifies, exit 0.
    let v = json(pkjwt(p).args([
        "--json",
        "inspect",
        jwt,
        "--issuer",
        &srv.issuer,
        "--client-id",
        "app",
        "-k",
        "ks.p12",
    ]));
    assert_eq!(v["errors"], 0, "{v}");
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "signature-ok"));
    assert_eq!(v["claims"]["iss"], "app");
    // Pasted as a form body on stdin, with the wrong client_id expected: exit 8.
    let form = format!("grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion={jwt}");
    let out = pkjwt(p)
        .args([
            "--json",
            "inspect",
            "-",
            "--issuer",
            &srv.issuer,
            "--client-id",
            "other",
        ])
        .write_stdin(form)
        .assert()
        .code(8)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let f = v["findings"].as_array().unwrap();
    let bad = f.iter().find(|x| x["code"] == "iss-not-client-id").unwrap();
    assert_eq!(bad["severity"], "error");
    assert!(bad["hint"].as_str().unwrap().contains("client_id"));
    // An unreachable server is a warning; the offline checks still run.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let gone = format!("http://127.0.0.1:{port}");
    let out = pkjwt(p)
        .args([
            "--json",
            "inspect",
            jwt,
            "--issuer",
            &gone,
            "--timeout",
            "2",
        ])
        .assert()
        .code(8)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let codes: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"metadata-unreachable"), "{codes:?}");
    assert!(codes.contains(&"aud-unknown"), "{codes:?}");
    // Human output shows dates and relative times.
    let out = pkjwt(p)
        .args(["inspect", jwt, "--offline"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let s = String::from_utf8_lossy(&out);
    assert!(
        s.contains("exp ") && (s.contains("in 60 s") || s.contains("in 5")),
        "{s}"
    );
    // Not a JWT at all.
    fails(pkjwt(p).args(["inspect", "hello"]), 3);
}

/// An unsigned JWT with this header and these claims, as JSON text (so that
/// members can repeat).
fn forged(header: &str, claims: &str) -> String {
    use base64ct::{Base64UrlUnpadded, Encoding};
    let b64 = |s: &str| Base64UrlUnpadded::encode_string(s.as_bytes());
    format!("{}.{}.c2ln", b64(header), b64(claims))
}

/// `pkjwt --json inspect - --offline` with `jwt` on stdin: exit 8 and the codes.
fn offline_codes(p: &Path, jwt: &str) -> (serde_json::Value, Vec<String>) {
    let out = pkjwt(p)
        .args(["--json", "inspect", "-", "--offline"])
        .write_stdin(jwt.to_string())
        .assert()
        .code(8)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["code"].as_str().unwrap().to_string())
        .collect();
    (v, codes)
}

#[test]
fn inspect_flags_duplicate_members_embedded_keys_and_absurd_times() {
    let d = tmp();
    let p = d.path();
    let claims = r#"{"iss":"app","sub":"app","aud":"https://as.example","jti":"abcdefghijklmnopqrstuv","iat":1800000000,"exp":1800000060}"#;
    // {"alg":"none","alg":"ES256"} is read as ES256, and is an error.
    let (v, codes) = offline_codes(
        p,
        &forged(r#"{"alg":"none","alg":"ES256","kid":"k"}"#, claims),
    );
    assert_eq!(v["header"]["alg"], "ES256");
    let dup = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "duplicate-member")
        .unwrap_or_else(|| panic!("{codes:?}"));
    assert_eq!(dup["severity"], "error");
    assert!(
        dup["message"].as_str().unwrap().contains("header \"alg\""),
        "{dup}"
    );
    // In the claims too.
    let twice = r#"{"iss":"app","sub":"app","iss":"evil","aud":"x","jti":"abcdefghijklmnopqrstuv","iat":1800000000,"exp":1800000060}"#;
    let (v, codes) = offline_codes(p, &forged(r#"{"alg":"ES256","kid":"k"}"#, twice));
    assert!(codes.contains(&"duplicate-member".to_string()), "{codes:?}");
    assert_eq!(v["claims"]["iss"], "evil");
    // An embedded jwk (a warning) and an x5c that is not base64 DER (an error).
    let header = r#"{"alg":"ES256","kid":"k","jwk":{"kty":"EC","crv":"P-256","x":"AA","y":"AA"},"x5c":["AAAA"]}"#;
    let (v, codes) = offline_codes(p, &forged(header, claims));
    let sev = |code: &str| {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["code"] == code)
            .unwrap_or_else(|| panic!("no {code}: {codes:?}"))["severity"]
            .clone()
    };
    assert_eq!(sev("jwk-header"), "warning");
    assert_eq!(sev("x5c-malformed"), "error");
    // Huge, negative and millisecond times: a finding, no wrap, no panic,
    // in JSON and in the human output.
    for t in [
        "9e18",
        "9223372036854775807",
        "-9223372036854775808",
        "18446744073709551615",
        "-1",
        "1800000000000",
    ] {
        let c = format!(
            r#"{{"iss":"app","sub":"app","aud":"x","jti":"abcdefghijklmnopqrstuv","iat":{t},"nbf":{t},"exp":{t}}}"#
        );
        let jwt = forged(r#"{"alg":"ES256","kid":"k"}"#, &c);
        let (_, codes) = offline_codes(p, &jwt);
        assert!(
            codes.contains(&"time-out-of-range".to_string()),
            "{t}: {codes:?}"
        );
        let out = pkjwt(p)
            .args(["inspect", "-", "--offline"])
            .write_stdin(jwt)
            .assert()
            .code(8)
            .get_output()
            .clone();
        let s = String::from_utf8_lossy(&out.stdout);
        assert!(s.contains("time-out-of-range"), "{t}: {s}");
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    }
}

#[test]
fn inspect_survives_a_percent_sign_before_a_multibyte_character() {
    // Once exit 101: "end byte index 3 is not a char boundary".
    let d = tmp();
    let out = pkjwt(d.path())
        .args(["inspect", "-", "--offline"])
        .write_stdin(b"client_assertion=%a\xe2\x82\xac".to_vec())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(101), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("pkjwt: error:"), "{err}");
}
