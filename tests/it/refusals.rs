//! Refusals that are not about the client's authentication, and answers
//! that are not refusals at all: a missing DPoP proof and a refused JWT
//! bearer grant (the real server), a missing `client_id` (Spring's
//! `invalid_request`) and Hydra's HTTP 500 for an expired assertion (canned:
//! no server here answers so). Each names its own cause first, and nothing
//! is probed that probing cannot cure.

use std::path::Path;
use std::time::Duration;

use serde_json::Value;

use crate::common::*;
use crate::faults::{http, Canned};
use crate::server::TestServer;

/// Run a failing `pkjwt --json ...` (exit 7); its JSON diagnosis.
fn refused(p: &Path, args: &[&str]) -> Value {
    let out = pkjwt(p)
        .arg("--json")
        .args(args)
        .assert()
        .code(7)
        .get_output()
        .clone();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON diagnosis ({e}): stdout {} stderr {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn codes(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap().to_string())
        .collect()
}

/// `pkjwt doctor` (exit 8); its JSON report.
fn doctor(p: &Path, args: &[&str]) -> Value {
    let out = pkjwt(p)
        .args(["--json", "doctor"])
        .args(args)
        .assert()
        .code(8)
        .get_output()
        .clone();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_missing_dpop_proof_is_named_and_not_probed() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &[]);
    srv.register(&mut pkjwt(p), "ks.p12", "c", &["--dpop-bound-tokens"]);
    // A client whose tokens must be DPoP-bound, asking without a proof.
    // oidc-provider answers invalid_grant "grant request is invalid" (the
    // reason only in its log; Keycloak says invalid_request "DPoP proof is
    // missing"): the registration says why.
    let v = refused(p, &["token", "-p", "c", "--no-dpop"]);
    assert_eq!(v["error"], "invalid_grant", "{v}");
    let cs = codes(&v["causes"]);
    assert_eq!(cs[0], "dpop-required", "{v}");
    assert!(!cs.contains(&"aud-maybe".to_string()), "{cs:?}");
    let hint = v["causes"][0]["hint"].as_str().unwrap();
    assert!(hint.contains("pkjwt profile set c --dpop"), "{hint}");
    let events = std::fs::read_to_string(&srv.events).unwrap_or_default();
    assert!(events.contains("DPoP proof JWT not provided"), "{events}");
    // doctor names it first and sends no probe.
    let before = srv.count("/token");
    let r = doctor(p, &["-p", "c", "--no-dpop"]);
    assert_eq!(codes(&r["causes"])[0], "dpop-required", "{r}");
    assert_eq!(r["probes"], serde_json::json!([]), "{r}");
    assert_eq!(srv.count("/token") - before, 1, "the token request alone");
}

#[test]
fn a_refused_jwt_bearer_grant_is_about_the_grant() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&["--jwt-bearer-subjects", "alice"]);
    keygen(p, "ks.p12", &["--alg", "ES256"]);
    srv.register(
        &mut pkjwt(p),
        "ks.p12",
        "g",
        &[
            "--grant-type",
            "client_credentials",
            "--grant-type",
            "jwt-bearer",
        ],
    );
    let v = refused(
        p,
        &[
            "token",
            "-p",
            "g",
            "--grant-type",
            "jwt-bearer",
            "--subject",
            "bob",
        ],
    );
    assert_eq!(v["error"], "invalid_grant", "{v}");
    // oidc-provider hides the reason from the client: its log has it.
    let events = std::fs::read_to_string(&srv.events).unwrap_or_default();
    assert!(events.contains("User not found"), "{events}");
    let cs = codes(&v["causes"]);
    assert_eq!(cs[0], "grant-refused", "{v}");
    assert!(!cs.contains(&"aud-maybe".to_string()), "{cs:?}");
    assert!(v["causes"][0]["hint"]
        .as_str()
        .unwrap()
        .contains("--subject"));
}

/// A token endpoint that answers every request with `response`.
fn token_args<'a>(url: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec![
        "token",
        "--client-id",
        "c",
        "-k",
        "ks.p12",
        "--token-endpoint",
        url,
        "--aud",
        "token-endpoint",
    ];
    v.extend_from_slice(extra);
    v
}

#[test]
fn hydras_500_for_an_expired_assertion_gets_its_json_and_clock_causes() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &[]);
    let body = r#"{"error":"error","error_description":"The error is unrecognizable"}"#;
    let srv = Canned::serve(
        http("500 Internal Server Error", "application/json", body),
        Duration::ZERO,
    );
    let url = format!("{}/oauth2/token", srv.url);
    let v = refused(p, &token_args(&url, &[]));
    assert_eq!(v["status"], 500, "{v}");
    assert_eq!(v["error"], "error", "{v}");
    assert_eq!(v["error_description"], "The error is unrecognizable");
    let cs = codes(&v["causes"]);
    assert_eq!(cs[0], "server-error", "{v}");
    assert!(!cs.contains(&"aud-maybe".to_string()), "{cs:?}");
    assert!(cs.contains(&"clock-unchecked".to_string()), "{cs:?}");
    // The assertion's own lifetime and times are checked.
    let v = refused(p, &token_args(&url, &["--lifetime", "7200"]));
    let cs = codes(&v["causes"]);
    assert_eq!(cs[..2], ["lifetime-over-1h", "server-error"], "{v}");
    // A Date header ten minutes ahead: the clock first.
    let date = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(600));
    let skewed = Canned::serve(
        format!(
            "HTTP/1.1 500 Internal Server Error\r\nDate: {date}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .into_bytes(),
        Duration::ZERO,
    );
    let url = format!("{}/oauth2/token", skewed.url);
    let v = refused(p, &token_args(&url, &[]));
    assert_eq!(codes(&v["causes"])[0], "clock-skew", "{v}");
    let off = v["clock_offset"].as_i64().unwrap();
    assert!((595..=600).contains(&off), "{v}");
}

#[test]
fn a_request_without_client_id_refused_as_malformed() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &[]);
    let srv = Canned::serve(
        http(
            "400 Bad Request",
            "application/json",
            r#"{"error":"invalid_request","error_description":"OAuth 2.0 Parameter: client_id"}"#,
        ),
        Duration::ZERO,
    );
    let url = format!("{}/oauth2/token", srv.url);
    let v = refused(p, &token_args(&url, &["--no-client-id"]));
    assert_eq!(codes(&v["causes"])[0], "client-id-missing", "{v}");
    assert!(v["causes"][0]["hint"]
        .as_str()
        .unwrap()
        .contains("--client-id-param"));
    // With client_id sent, the same answer names something else.
    let v = refused(p, &token_args(&url, &[]));
    assert!(!codes(&v["causes"]).contains(&"client-id-missing".to_string()));
}

#[test]
fn doctor_probes_the_client_id_first() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &[]);
    let srv = Canned::sequence(vec![
        http(
            "400 Bad Request",
            "application/json",
            r#"{"error":"invalid_request"}"#,
        ),
        http(
            "200 OK",
            "application/json",
            r#"{"access_token":"at","token_type":"Bearer","expires_in":60}"#,
        ),
    ]);
    let url = format!("{}/oauth2/token", srv.url);
    let r = doctor(
        p,
        &[
            "--client-id",
            "c",
            "-k",
            "ks.p12",
            "--token-endpoint",
            &url,
            "--aud",
            "token-endpoint",
            "--no-client-id",
        ],
    );
    // The verified change leads, then the cause it cures.
    assert_eq!(
        codes(&r["causes"])[..2],
        ["verified-by-probing", "client-id-missing"],
        "{r}"
    );
    let probes = r["probes"].as_array().unwrap();
    assert_eq!(probes.len(), 1, "{r}");
    assert_eq!(probes[0]["change"]["client_id_param"], true, "{r}");
    assert_eq!(probes[0]["result"], "accepted", "{r}");
    assert_eq!(r["fix"]["verified"], true, "{r}");
}

/// A profile whose `clock_offset` is wrong (-600, set by hand or by an old
/// fix): every assertion is expired by the server's clock.
fn wrong_offset(srv_args: &[&str]) -> (tempfile::TempDir, TestServer) {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(srv_args);
    keygen(p, "ks.p12", &[]);
    srv.register(&mut pkjwt(p), "ks.p12", "c", &[]);
    pkjwt(p)
        .args(["profile", "set", "c", "--clock-offset", "-600"])
        .assert()
        .success();
    (d, srv)
}

fn check<'a>(r: &'a Value, name: &str) -> &'a Value {
    r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no {name} check: {r}"))
}

#[test]
fn a_wrong_profile_clock_offset_is_measured_against_the_offset_applied() {
    let (d, _srv) = wrong_offset(&[]);
    let p = d.path();
    let v = refused(p, &["token", "-p", "c"]);
    assert_eq!(codes(&v["causes"])[0], "clock-skew", "{v}");
    let hint = v["causes"][0]["hint"].as_str().unwrap();
    assert!(hint.contains("--clock-offset 0"), "{hint}");
    let r = doctor(p, &["-p", "c"]);
    let clock = check(&r, "clock");
    assert_eq!(clock["status"], "fail", "{r}");
    let hint = clock["hint"].as_str().unwrap();
    assert!(hint.contains("--clock-offset 0"), "{hint}");
    assert!(!hint.contains("--clock-offset 600"), "{hint}");
    assert_eq!(r["probes"][0]["change"]["clock_offset"], 0, "{r}");
    assert_eq!(r["probes"][0]["result"], "accepted", "{r}");
}

#[test]
fn without_a_date_header_probing_tries_offset_zero() {
    // Keycloak sends no Date header: nothing measures the clock.
    let (d, _srv) = wrong_offset(&["--no-date"]);
    let p = d.path();
    let v = refused(p, &["token", "-p", "c"]);
    assert_eq!(v["clock_offset"], Value::Null, "{v}");
    assert_eq!(codes(&v["causes"])[0], "clock-offset-set", "{v}");
    let r = doctor(p, &["-p", "c"]);
    let clock = check(&r, "clock");
    assert_eq!(clock["status"], "skip", "{r}");
    assert!(clock["message"]
        .as_str()
        .unwrap()
        .contains("no Date header"));
    assert_eq!(r["probes"][0]["change"]["clock_offset"], 0, "{r}");
    assert_eq!(r["probes"][0]["result"], "accepted", "{r}");
    assert_eq!(r["fix"]["verified"], true, "{r}");
}

#[test]
fn after_a_verified_fix_no_ruled_out_cause_leads() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&["--max-assertion-lifetime", "30"]);
    keygen(p, "ks.p12", &["--alg", "ES256"]);
    srv.register(&mut pkjwt(p), "ks.p12", "c", &[]);
    let r = doctor(p, &["-p", "c"]);
    assert_eq!(r["fix"]["changes"]["lifetime"], 30, "{r}");
    let cs = codes(&r["causes"]);
    assert_eq!(cs[0], "verified-by-probing", "{r}");
    assert_eq!(r["refusal"]["causes"], r["causes"]);
    // aud-maybe was ruled out by the aud probes: it comes last.
    assert_eq!(cs.last().unwrap(), "aud-maybe", "{cs:?}");
    let out = pkjwt(p)
        .args(["doctor", "-p", "c"])
        .assert()
        .code(8)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    let first = text
        .lines()
        .find(|l| l.starts_with("  1. "))
        .unwrap_or_default();
    assert!(!first.contains("ruled out"), "{text}");
}

#[test]
fn an_inactive_introspection_says_why() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &[]);
    srv.register(&mut pkjwt(p), "ks.p12", "c", &[]);
    let out = pkjwt(p)
        .args(["introspect", "-p", "c", "-"])
        .write_stdin("not-a-token-this-server-issued")
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stdout).contains("active: false"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the token is not active"), "{err}");
    assert!(err.contains("Keycloak"), "{err}");
    let v = json(
        pkjwt(p)
            .args(["--json", "introspect", "-p", "c", "-"])
            .write_stdin("not-a-token-this-server-issued"),
    );
    assert_eq!(v["active"], false, "{v}");
    assert!(v["hint"].as_str().unwrap().contains("revoked"), "{v}");
}

#[test]
fn introspection_and_revocation_endpoints_given_or_kept_in_the_profile() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &[]);
    srv.register(&mut pkjwt(p), "ks.p12", "c", &[]);
    // A server that lists its introspection endpoint nowhere (Hydra's admin port).
    let admin = Canned::serve(
        http(
            "200 OK",
            "application/json",
            r#"{"active":true,"client_id":"c","served_by":"admin"}"#,
        ),
        Duration::ZERO,
    );
    let url = format!("{}/admin/oauth2/introspect", admin.url);
    let v = json(
        pkjwt(p)
            .args([
                "--json",
                "introspect",
                "-p",
                "c",
                "--introspection-endpoint",
                &url,
                "-",
            ])
            .write_stdin("t"),
    );
    assert_eq!(v["served_by"], "admin", "{v}");
    let v = json(
        pkjwt(p)
            .env("PKJWT_INTROSPECTION_ENDPOINT", &url)
            .args(["--json", "introspect", "-p", "c", "-"])
            .write_stdin("t"),
    );
    assert_eq!(v["served_by"], "admin", "{v}");
    let revoke = Canned::serve(http("200 OK", "application/json", ""), Duration::ZERO);
    let rurl = format!("{}/admin/oauth2/revoke", revoke.url);
    pkjwt(p)
        .args(["profile", "set", "c", "--introspection-endpoint", &url])
        .args(["--revocation-endpoint", &rurl])
        .assert()
        .success();
    let before = admin.hits();
    let v = json(
        pkjwt(p)
            .args(["--json", "introspect", "-p", "c", "-"])
            .write_stdin("t"),
    );
    assert_eq!(v["served_by"], "admin", "{v}");
    assert_eq!(admin.hits(), before + 1);
    pkjwt(p)
        .args(["revoke", "-p", "c", "-"])
        .write_stdin("t")
        .assert()
        .success();
    assert!(revoke
        .requests()
        .iter()
        .any(|r| r.contains("/admin/oauth2/revoke")));
    // Unset: the metadata's again.
    pkjwt(p)
        .args(["profile", "set", "c", "--unset", "introspection-endpoint"])
        .assert()
        .success();
    let before = srv.count("/token/introspection");
    pkjwt(p)
        .args(["introspect", "-p", "c", "-"])
        .write_stdin("t")
        .assert()
        .success();
    assert_eq!(srv.count("/token/introspection"), before + 1);
    // Not a URL: refused.
    pkjwt(p)
        .args(["profile", "set", "c", "--revocation-endpoint", "revoke"])
        .assert()
        .code(3);
}

#[test]
fn a_verified_endpoint_aud_gives_each_endpoint_its_own_url() {
    // glewlwyd: aud must be the URL of the endpoint receiving the request.
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&["--aud-endpoint-only"]);
    keygen(p, "ks.p12", &[]);
    let v = srv.register(&mut pkjwt(p), "ks.p12", "g", &["--verify"]);
    assert_eq!(v["verify"]["token"], "issued", "{v}");
    assert_eq!(
        v["verify"]["fix"]["changes"],
        serde_json::json!({"aud": "endpoint"}),
        "{v}"
    );
    let msg = v["verify"]["fix"]["message"].as_str().unwrap();
    assert!(msg.contains("verified at the token endpoint"), "{msg}");
    // The probe token's revocation used the revocation endpoint's own URL.
    let events = std::fs::read_to_string(&srv.events).unwrap_or_default();
    assert!(!events.contains("revocation.error"), "{events}");
    // Introspection and revocation from the profile work.
    let t = stdout(pkjwt(p).args(["token", "-p", "g", "--field", "access_token"]));
    let i = json(
        pkjwt(p)
            .args(["--json", "introspect", "-p", "g", "-"])
            .write_stdin(t.trim()),
    );
    assert_eq!(i["active"], true, "{i}");
    pkjwt(p)
        .args(["revoke", "-p", "g", "-"])
        .write_stdin(t.trim())
        .assert()
        .success();
    let events = std::fs::read_to_string(&srv.events).unwrap_or_default();
    assert!(!events.contains("introspection.error"), "{events}");
    assert!(!events.contains("revocation.error"), "{events}");
}

#[test]
fn doctor_explains_a_500_and_does_not_probe() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &[]);
    let srv = Canned::serve(
        http(
            "500 Internal Server Error",
            "application/json",
            r#"{"error":"error","error_description":"The error is unrecognizable"}"#,
        ),
        Duration::ZERO,
    );
    let url = format!("{}/oauth2/token", srv.url);
    let r = doctor(
        p,
        &[
            "--client-id",
            "c",
            "-k",
            "ks.p12",
            "--token-endpoint",
            &url,
            "--aud",
            "token-endpoint",
        ],
    );
    assert_eq!(r["refusal"]["status"], 500, "{r}");
    assert!(
        codes(&r["causes"]).contains(&"server-error".to_string()),
        "{r}"
    );
    assert_eq!(r["probes"], serde_json::json!([]), "{r}");
    assert_eq!(srv.hits(), 1, "doctor's own request only");
}
