//! `pkjwt audit` against the real oidc-provider: with one hole open at a
//! time (tests/server --accept), audit names that case and nothing else;
//! against the strict rfc7523bis server every case is as expected; the
//! default server and Keycloak are audited whole, within 40 requests.

use std::path::Path;

use serde_json::Value;

use crate::common::*;
use crate::server::TestServer;

/// The verdicts of a report, as `id` lists.
fn with_verdict(v: &Value, verdict: &str) -> Vec<String> {
    v["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["verdict"] == verdict)
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

/// A server started with `args`, and a client registered there as profile `dev`.
fn server_and_client(p: &Path, args: &[&str]) -> TestServer {
    let srv = TestServer::start(args);
    keygen(p, "ks.p12", &[]);
    srv.register(&mut pkjwt(p), "ks.p12", "dev", &[]);
    srv
}

#[test]
fn each_hole_is_named_and_nothing_else() {
    let holes: [&'static str; 7] = [
        "alg-none",
        "hs256-public-key-pem",
        "jti-replay",
        "exp-past",
        "aud-array-with-extra",
        "jwk-header-injection",
        "iss-sub-differ",
    ];
    // One server per hole, audited side by side.
    let runs: Vec<_> = holes
        .iter()
        .map(|&hole| {
            std::thread::spawn(move || {
                let d = tmp();
                let _srv = server_and_client(d.path(), &["--rfc7523bis", "--accept", hole]);
                let v = audit(d.path(), &["-p", "dev"], 9);
                (hole, v)
            })
        })
        .collect();
    for r in runs {
        let (hole, v) = r.join().unwrap();
        assert_eq!(with_verdict(&v, "wrongly-accepted"), [hole], "{v}");
        assert!(with_verdict(&v, "wrongly-refused").is_empty(), "{v}");
        assert!(with_verdict(&v, "unknown").is_empty(), "{v}");
        assert!(v["summary"]["worst"].is_string());
    }
}

#[test]
fn a_strict_server_gets_every_case_as_expected_and_the_full_audit_is_bounded() {
    let d = tmp();
    let p = d.path();
    let srv = server_and_client(p, &["--rfc7523bis"]);
    let before = srv.count("/token");
    let revocations = srv.count("/token/revocation");
    let v = audit(p, &["-p", "dev", "--junit", "audit.xml"], 0);
    assert_eq!(v["rules"], "rfc7523bis");
    assert!(with_verdict(&v, "wrongly-accepted").is_empty(), "{v}");
    assert!(with_verdict(&v, "wrongly-refused").is_empty(), "{v}");
    assert!(with_verdict(&v, "unknown").is_empty(), "{v}");
    let cases = v["cases"].as_array().unwrap().len();
    assert_eq!(cases, 25);
    // The good assertion and one request per case, counted by the server.
    let sent = srv.count("/token") - before;
    assert_eq!(sent as u64, v["summary"]["requests"].as_u64().unwrap());
    assert_eq!(sent, cases + 1);
    assert!(sent <= 40);
    // Every token obtained (the good one's, the accepted cases') was revoked.
    let revoked = srv.count("/token/revocation") - revocations;
    assert_eq!(
        revoked as u64,
        v["summary"]["tokens_revoked"].as_u64().unwrap()
    );
    assert!(revoked >= 2, "{v}");
    let xml = std::fs::read_to_string(p.join("audit.xml")).unwrap();
    assert_eq!(xml.matches("<testcase ").count(), 25);
    assert!(xml.contains("failures=\"0\""), "{xml}");
    // No token in the output.
    assert!(!v.to_string().contains("access_token"));
}

#[test]
fn the_default_oidc_provider_takes_audience_arrays_and_the_token_endpoint() {
    let d = tmp();
    let p = d.path();
    let _srv = server_and_client(p, &[]);
    let v = audit(p, &["-p", "dev"], 9);
    assert_eq!(
        with_verdict(&v, "wrongly-accepted"),
        [
            "aud-array-with-extra",
            "aud-array-only-issuer",
            "aud-token-endpoint"
        ],
        "{v}"
    );
    // Under RFC 7523 alone those are the server's policy, and exit 0.
    let v = audit(p, &["-p", "dev", "--rules", "rfc7523"], 0);
    assert!(with_verdict(&v, "wrongly-accepted").is_empty(), "{v}");
    assert_eq!(v["rules"], "rfc7523");
    // --fail-on critical: the high one does not fail the run.
    let out = pkjwt(p)
        .args(["audit", "-p", "dev", "--fail-on", "critical"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("WRONGLY ACCEPTED"), "{table}");
    assert!(!table.contains('\x1b'), "colour in a pipe: {table}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("audit: 26 token requests to"), "{err}");
}

#[test]
fn cases_a_delay_and_the_request_log() {
    let d = tmp();
    let p = d.path();
    let srv = server_and_client(p, &["--rfc7523bis"]);
    let before = srv.count("/token");
    let v = audit(
        p,
        &["-p", "dev", "--cases", "alg-none,exp-past", "--delay", "1"],
        0,
    );
    assert_eq!(v["cases"].as_array().unwrap().len(), 2);
    assert_eq!(srv.count("/token") - before, 3);
    // The server's own clock: the three requests are at least a second apart.
    let times: Vec<u64> = std::fs::read_to_string(&srv.requests)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|r| r["path"] == "/token")
        .map(|r| r["ts"].as_u64().unwrap())
        .collect();
    let last = &times[times.len() - 3..];
    assert!(
        last[1] - last[0] >= 1000 && last[2] - last[1] >= 1000,
        "{last:?}"
    );
    // An unknown case is an input error, and nothing is sent.
    let n = srv.count("/token");
    fails(pkjwt(p).args(["audit", "-p", "dev", "--cases", "nope"]), 3);
    assert_eq!(srv.count("/token"), n);
}

#[test]
fn a_refused_good_assertion_points_at_doctor() {
    let d = tmp();
    let p = d.path();
    let srv = server_and_client(p, &[]);
    let before = srv.count("/token");
    let err = fails(
        pkjwt(p).args(["audit", "-p", "dev", "--aud", "https://evil.example"]),
        7,
    );
    assert!(err.contains("pkjwt doctor"), "{err}");
    assert_eq!(srv.count("/token") - before, 1);
}

#[test]
fn list_and_a_remote_server_without_yes() {
    let d = tmp();
    let p = d.path();
    let v: Value = json(pkjwt(p).args(["--json", "audit", "--list"]));
    let cases = v["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 25);
    assert!(cases
        .iter()
        .any(|c| c["id"] == "aud-token-endpoint" && c["expected"]["rfc7523"] == "either"));
    let text = stdout(pkjwt(p).args(["audit", "--list", "--rules", "rfc7523"]));
    assert!(text.contains("alg-none"), "{text}");
    // Not loopback, no --yes and no terminal: refused before anything is sent.
    keygen(p, "ks.p12", &[]);
    let err = fails(
        pkjwt(p).args([
            "audit",
            "--issuer",
            "https://as.example",
            "--client-id",
            "c",
            "-k",
            "ks.p12",
            "--token-endpoint",
            "https://as.example/token",
        ]),
        3,
    );
    assert!(err.contains("--yes"), "{err}");
}

#[test]
fn keycloak_is_audited_whole() {
    let Some(k) = crate::keycloak_server::keycloak() else {
        return;
    };
    let d = tmp();
    let p = d.path();
    let issuer = crate::keycloak::realm(k, p, "audit");
    keygen(p, "ks.p12", &[]);
    crate::keycloak::register(p, &issuer, "ks.p12", "kc", &[]);
    let out = pkjwt(p)
        .args(["--json", "audit", "-p", "kc", "--fail-on", "low"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("no report ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(v["cases"].as_array().unwrap().len(), 25, "{v}");
    assert!(v["summary"]["stopped"].is_null(), "{v}");
    assert!(with_verdict(&v, "unknown").is_empty(), "{v}");
    assert!(v["summary"]["requests"].as_u64().unwrap() <= 40);
    let code = out.status.code().unwrap();
    let wrong = with_verdict(&v, "wrongly-accepted");
    assert_eq!(code == 9, !wrong.is_empty(), "{code}: {v}");
    // The table, for the record (cargo test -- --nocapture shows it).
    let table = stdout_any(pkjwt(p).args(["audit", "-p", "kc", "--fail-on", "low"]));
    eprintln!("{table}");
    // A throwaway client: registered with the initial access token, audited, deleted.
    let out = pkjwt(p)
        .args([
            "--json",
            "audit",
            "--register",
            "--issuer",
            &issuer,
            "-k",
            "ks.p12",
        ])
        .args([
            "--initial-access-token-file",
            "iat.txt",
            "--cases",
            "alg-none,exp-past",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(with_verdict(&v, "ok").len(), 2, "{v}");
    assert!(err.contains("deleted the throwaway client"), "{err}");
}

#[test]
fn a_throwaway_client_is_registered_audited_and_deleted() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&["--rfc7523bis"]);
    keygen(p, "ks.p12", &[]);
    let out = pkjwt(p)
        .args([
            "audit",
            "--register",
            "--issuer",
            &srv.issuer,
            "-k",
            "ks.p12",
        ])
        .args(["--cases", "alg-none"])
        .assert()
        .code(0)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    let id = err
        .split("registered the throwaway client ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        err.contains(&format!("deleted the throwaway client {id}")),
        "{err}"
    );
    // RFC 7592: the client is gone.
    let deletes = std::fs::read_to_string(&srv.requests)
        .unwrap()
        .lines()
        .filter(|l| l.contains("\"DELETE\"") && l.contains(id))
        .count();
    assert_eq!(deletes, 1, "{err}");
    // No profile was written.
    assert!(!p.join("config/profiles.toml").exists());
}
