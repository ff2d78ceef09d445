//! Certificate expiry: `pkjwt keys check --expires-within` for CI, and
//! doctor's warning 30 days ahead, with a certificate made to expire in 10
//! days (`keygen --days 10`).

use crate::common::*;
use crate::server::TestServer;

#[test]
fn keys_check_names_each_key_expiring_within_the_window() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &["--kid", "short", "--days", "10"]);
    keygen(p, "ks.p12", &["--kid", "long", "--days", "400"]);

    // 10 days is outside a 9-day window and inside a 30-day one.
    let v = json(pkjwt(p).args([
        "--json",
        "keys",
        "check",
        "-k",
        "ks.p12",
        "--expires-within",
        "9d",
    ]));
    assert_eq!(v["expiring"], serde_json::json!([]));
    pkjwt(p)
        .args(["keys", "check", "-k", "ks.p12", "--expires-within", "216h"])
        .assert()
        .success();

    let out = pkjwt(p)
        .args([
            "--json",
            "keys",
            "check",
            "-k",
            "ks.p12",
            "--expires-within",
            "30d",
        ])
        .assert()
        .code(8)
        .get_output()
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["expiring"], serde_json::json!(["short"]));
    assert_eq!(v["expires_within_seconds"], 30 * 86_400);
    let left = v["keys"][0]["expires_in_seconds"].as_i64().unwrap();
    assert!((9 * 86_400..=10 * 86_400).contains(&left), "{left}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("short") && !err.contains("long,"), "{err}");

    // The default window is 30 days; the human output marks the key.
    let out = pkjwt(p)
        .args(["keys", "check", "-k", "ks.p12"])
        .assert()
        .code(8)
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("FAIL active   short"), "{text}");
    assert!(text.contains("ok   active   long"), "{text}");
    let out = pkjwt(p)
        .args(["keys", "check", "-k", "ks.p12", "--expires-within", "3y"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown unit"), "{err}");
}

#[test]
fn doctor_warns_thirty_days_ahead() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &["--kid", "soon", "--days", "10"]);
    json(pkjwt(p).args([
        "--json",
        "register",
        "--issuer",
        &srv.issuer,
        "-k",
        "ks.p12",
        "-p",
        "e",
        "--scope",
        "api:read",
    ]));
    let v = json(pkjwt(p).args(["--json", "doctor", "-p", "e", "--scope", "api:read"]));
    let cert = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "certificate")
        .unwrap()
        .clone();
    assert_eq!(cert["status"], "warn", "{cert}");
    assert!(
        cert["message"]
            .as_str()
            .unwrap()
            .contains("expires in 9 days"),
        "{cert}"
    );
    assert!(
        cert["hint"].as_str().unwrap().contains("pkjwt rotate"),
        "{cert}"
    );
}
