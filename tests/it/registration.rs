//! Registration answers that are not what was asked (Spring Authorization
//! Server registers a private_key_jwt request as client_secret_basic) and
//! refusals that name what the server wants (Spring's OpenID Connect
//! registration endpoint requires redirect_uris and response_types): canned,
//! as the real test server registers what it is asked.

use std::time::Duration;

use crate::common::*;
use crate::faults::{http, Canned};

#[test]
fn a_downgraded_registration_is_an_error_and_the_profile_says_so() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &[]);
    let srv = Canned::serve(
        http(
            "201 Created",
            "application/json",
            r#"{"client_id":"spring-1","client_secret":"s3cr3t-value","token_endpoint_auth_method":"client_secret_basic","grant_types":["client_credentials"],"registration_client_uri":"http://127.0.0.1:9/connect/register?client_id=spring-1","registration_access_token":"rat-value"}"#,
        ),
        Duration::ZERO,
    );
    let reg = format!("{}/connect/register", srv.url);
    let out = pkjwt(p)
        .args([
            "--json",
            "register",
            "--registration-endpoint",
            &reg,
            "-k",
            "ks.p12",
            "-p",
            "s",
        ])
        .assert()
        .code(7)
        .get_output()
        .clone();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stdout.contains("s3cr3t-value") && !stderr.contains("s3cr3t-value"));
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["client_id"], "spring-1", "{v}");
    assert!(
        v["registration_mismatch"][0]
            .as_str()
            .unwrap()
            .contains("client_secret_basic"),
        "{v}"
    );
    assert!(
        v["hint"]
            .as_str()
            .unwrap()
            .contains("register --update -p s"),
        "{v}"
    );
    assert!(stderr.contains("not private_key_jwt as asked"), "{stderr}");
    // The profile is kept, marked.
    let shown = json(pkjwt(p).args(["--json", "profile", "show", "s"]));
    assert!(
        shown
            .to_string()
            .contains("token_endpoint_auth_method client_secret_basic"),
        "{shown}"
    );
    // doctor names the registered method first.
    let out = pkjwt(p)
        .args(["--json", "doctor", "-p", "s"])
        .assert()
        .code(8)
        .get_output()
        .clone();
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["checks"][0]["name"], "registered-as", "{r}");
    assert!(r["checks"][0]["message"]
        .as_str()
        .unwrap()
        .contains("client_secret_basic"));
    // Once fixed at the server, the mark goes.
    pkjwt(p)
        .args(["profile", "set", "s", "--unset", "registration-mismatch"])
        .assert()
        .success();
    let shown = json(pkjwt(p).args(["--json", "profile", "show", "s"]));
    assert!(
        !shown.to_string().contains("client_secret_basic"),
        "{shown}"
    );
}

#[test]
fn a_refusal_naming_redirect_uris_says_what_the_server_wants() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &[]);
    let srv = Canned::serve(
        http(
            "400 Bad Request",
            "application/json",
            r#"{"error":"invalid_redirect_uri","error_description":"OAuth 2.0 Parameter: redirect_uris"}"#,
        ),
        Duration::ZERO,
    );
    let reg = format!("{}/connect/register", srv.url);
    fs_write(
        p,
        "md.json",
        r#"{"response_types": null, "client_uri": null}"#,
    );
    let out = pkjwt(p)
        .args([
            "register",
            "--registration-endpoint",
            &reg,
            "-k",
            "ks.p12",
            "-p",
            "s",
            "--metadata",
            "md.json",
        ])
        .assert()
        .code(7)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--redirect-uri"), "{stderr}");
    // A null in --metadata removed the member from the request.
    let sent = srv.requests().join("\n");
    assert!(sent.contains("private_key_jwt"), "{sent}");
    assert!(!sent.contains("response_types"), "{sent}");
}

fn fs_write(p: &std::path::Path, name: &str, text: &str) {
    std::fs::write(p.join(name), text).unwrap();
}
