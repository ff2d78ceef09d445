//! Probing against the real server configured to refuse one thing, and
//! the fix it confirms: an unregistered key with no registration access
//! token, a lifetime over the server's cap (refused with the generic
//! invalid_client), a server that takes only the token endpoint as `aud`
//! (refused with a bare 403 and an empty body). For each: doctor's verified
//! fix, `--fix`, then a plain token request. The requests one doctor run
//! sends are counted by the server. Plus the precedence of every profile
//! setting below its flag, and a 429 that stops probing (a fault server).

use std::path::Path;
use std::time::Duration;

use serde_json::{json, Value};

use crate::common::*;
use crate::faults::{http, Canned};
use crate::server::TestServer;

fn register(p: &Path, srv: &TestServer, ks: &str, profile: &str, extra: &[&str]) -> Value {
    srv.register(&mut pkjwt(p), ks, profile, extra)
}

/// `pkjwt --json doctor ARGS` that exits `code`: its JSON.
fn doctor(p: &Path, args: &[&str], code: i32) -> Value {
    let out = pkjwt(p)
        .args(["--json", "doctor"])
        .args(args)
        .assert()
        .code(code)
        .get_output()
        .clone();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn check<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no {name} check: {v}"))
}

/// Token requests one doctor run sent: its own, and one per probe that
/// reached the server; never more than 13.
fn assert_counted(srv: &TestServer, before: usize, v: &Value) {
    let sent = srv.count("/token") - before;
    let probes = v["probes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["result"] != "skipped")
        .count();
    assert_eq!(sent, 1 + probes, "{v}");
    assert!(sent <= 13, "{sent} token requests");
}

fn token_works(p: &Path, profile: &str) {
    let v = json(pkjwt(p).args(["--json", "token", "-p", profile]));
    assert!(v["access_token"].is_string(), "{v}");
}

#[test]
fn an_unregistered_key_without_a_registration_access_token() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &["--kid", "registered", "--alg", "ES256"]);
    let cid = register(p, &srv, "ks.p12", "reg", &[])["client_id"]
        .as_str()
        .unwrap()
        .to_string();
    // The same client added by hand, as from a portal: no registration
    // access token, so the registered keys cannot be read.
    pkjwt(p)
        .args([
            "profile",
            "add",
            "app",
            "--issuer",
            &srv.issuer,
            "--client-id",
            &cid,
            "-k",
            "ks.p12",
        ])
        .assert()
        .success();
    pkjwt(p)
        .args(["profile", "set", "app", "--scope", "api:read"])
        .assert()
        .success();
    // A new key, made after the profile, that was never registered.
    backdate_profile(p, "app", 60);
    keygen(p, "ks.p12", &["--kid", "new", "--alg", "PS256"]);
    pkjwt(p)
        .args(["profile", "set", "app", "--kid", "new"])
        .assert()
        .success();

    let before = srv.count("/token");
    let revoked = srv.count("/token/revocation");
    let v = doctor(p, &["-p", "app"], 8);
    // What probing verified leads; the cause it confirms follows.
    assert_eq!(v["causes"][0]["code"], "verified-by-probing", "{v}");
    assert_eq!(v["causes"][1]["code"], "kid-maybe-unregistered", "{v}");
    assert_eq!(check(&v, "token")["status"], "fail");
    assert_eq!(
        v["fix"],
        json!({
            "verified": true,
            "changes": {"kid": "registered", "alg": "ES256"},
            "message": "the server accepts the request with key registered (ES256) instead of key new (PS256)",
            "command": "pkjwt profile set app --kid registered --alg ES256",
        })
    );
    assert_eq!(v["probes"][0]["result"], "accepted", "{v}");
    assert_counted(&srv, before, &v);
    // The token the probe obtained was revoked.
    assert!(srv.count("/token/revocation") > revoked);

    // --fix saves it; a final token request confirms it.
    let v = doctor(p, &["-p", "app", "--fix"], 0);
    assert_eq!(v["fix"]["saved"], true, "{v}");
    assert_eq!(check(&v, "token")["status"], "pass");
    assert!(
        check(&v, "token")["message"]
            .as_str()
            .unwrap()
            .contains("after saving the fix"),
        "{v}"
    );
    token_works(p, "app");
    let prof = json(pkjwt(p).args(["--json", "profile", "show", "app"]));
    assert_eq!(prof["kid"], "registered");
    assert_eq!(prof["alg"], "ES256");
}

#[test]
fn a_lifetime_over_the_servers_cap() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&["--max-assertion-lifetime", "30"]);
    keygen(p, "ks.p12", &["--alg", "ES256"]);

    // register --verify: the first token request is refused, probing finds
    // the cap, and the new profile keeps the fix.
    let v = register(p, &srv, "ks.p12", "verified", &["--verify"]);
    assert_eq!(v["verify"]["token"], "issued", "{v}");
    assert_eq!(
        v["verify"]["fix"]["changes"],
        json!({"lifetime": 30}),
        "{v}"
    );
    assert_eq!(v["verify"]["fix"]["verified"], true);
    assert_eq!(v["verify"]["fix"]["saved"], true);
    token_works(p, "verified");
    let events = std::fs::read_to_string(&srv.events).unwrap();
    assert!(
        events.contains("assertion lifetime (exp - iat) over 30 s"),
        "{events}"
    );

    // Without --verify: token fails with the generic invalid_client, and
    // doctor finds the cap.
    register(p, &srv, "ks.p12", "plain", &[]);
    let out = pkjwt(p)
        .args(["--json", "token", "-p", "plain"])
        .assert()
        .code(7)
        .get_output()
        .stdout
        .clone();
    let refusal: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(refusal["status"], 401);
    assert_eq!(refusal["error"], "invalid_client");

    let before = srv.count("/token");
    let v = doctor(p, &["-p", "plain"], 8);
    assert_eq!(v["fix"]["changes"], json!({"lifetime": 30}), "{v}");
    assert_eq!(v["fix"]["verified"], true);
    assert_eq!(v["fix"]["command"], "pkjwt profile set plain --lifetime 30");
    assert_counted(&srv, before, &v);
    // What was tried before: each refused.
    let probes = v["probes"].as_array().unwrap();
    assert!(probes.len() >= 2, "{v}");
    for pr in &probes[..probes.len() - 1] {
        assert_eq!(pr["result"], "refused", "{pr}");
    }

    doctor(p, &["-p", "plain", "--fix"], 0);
    token_works(p, "plain");
}

#[test]
fn a_server_that_takes_only_the_token_endpoint_and_answers_a_bare_403() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&["--aud-token-endpoint-only"]);
    keygen(p, "ks.p12", &["--alg", "ES256"]);
    register(p, &srv, "ks.p12", "strict", &[]);

    // The refusal explains itself as data, although the server said nothing.
    let out = pkjwt(p)
        .args(["--json", "token", "-p", "strict"])
        .assert()
        .code(7)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("answered 403"), "{err}");
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("no JSON on stdout ({e}): {err}"));
    assert_eq!(v["status"], 403);
    assert_eq!(v["error"], Value::Null);
    assert_eq!(v["endpoint"], format!("{}/token", srv.issuer));
    assert_eq!(v["causes"][0]["code"], "aud-maybe", "{v}");
    // ... and in words.
    let out = pkjwt(p)
        .args(["token", "-p", "strict"])
        .assert()
        .code(7)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Likely causes, most likely first (a bare 403 without an OAuth error"),
        "{err}"
    );

    let before = srv.count("/token");
    let v = doctor(p, &["-p", "strict"], 8);
    assert_eq!(v["refusal"]["status"], 403);
    assert_eq!(v["fix"]["changes"], json!({"aud": "endpoint"}), "{v}");
    assert_eq!(v["fix"]["verified"], true);
    assert_eq!(v["probes"].as_array().unwrap().len(), 1, "{v}");
    assert_counted(&srv, before, &v);

    // Humans see the probes and the fix.
    let out = pkjwt(p)
        .args(["doctor", "-p", "strict"])
        .assert()
        .code(8)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("fix (verified by the server)"), "{text}");
    assert!(
        text.contains("apply: pkjwt profile set strict --aud endpoint"),
        "{text}"
    );
    assert!(
        text.contains("pkjwt doctor --profile strict --fix"),
        "{text}"
    );

    // --no-probe: one request, no fix (a guess is not a fix).
    let before = srv.count("/token");
    let v = doctor(p, &["-p", "strict", "--no-probe"], 8);
    assert_eq!(srv.count("/token") - before, 1);
    assert_eq!(v["probes"], json!([]));
    assert_eq!(v["fix"], Value::Null);

    doctor(p, &["-p", "strict", "--fix"], 0);
    token_works(p, "strict");
}

#[test]
fn probing_is_bounded_and_says_what_it_ruled_out() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "reg.p12", &["--alg", "ES256"]);
    let cid = register(p, &srv, "reg.p12", "reg", &[])["client_id"]
        .as_str()
        .unwrap()
        .to_string();
    // A keystore of fourteen keys the server never saw.
    for i in 0..14 {
        keygen(
            p,
            "other.p12",
            &["--kid", &format!("k{i:02}"), "--alg", "ES256"],
        );
    }
    pkjwt(p)
        .args([
            "profile",
            "add",
            "lost",
            "--issuer",
            &srv.issuer,
            "--client-id",
            &cid,
            "-k",
            "other.p12",
            "--kid",
            "k00",
        ])
        .assert()
        .success();
    let before = srv.count("/token");
    let v = doctor(p, &["-p", "lost", "--scope", "api:read"], 8);
    assert_eq!(v["probes"].as_array().unwrap().len(), 12, "{v}");
    assert_eq!(srv.count("/token") - before, 13);
    assert_eq!(v["fix"], Value::Null);
    let out = pkjwt(p)
        .args(["doctor", "-p", "lost"])
        .assert()
        .code(8)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert!(
        text.contains("no single change made the server accept; ruled out: "),
        "{text}"
    );
    // --help says how many requests probing may send.
    let help = stdout(pkjwt(p).args(["doctor", "--help"]));
    assert!(help.contains("at most 12 more"), "{help}");
}

#[test]
fn a_429_stops_probing() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &["--alg", "ES256"]);
    let srv = Canned::sequence(vec![
        http("401 Unauthorized", "text/html", "<html>denied</html>"),
        b"HTTP/1.1 429 Too Many Requests\r\nRetry-After: 120\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .to_vec(),
    ]);
    let url = format!("{}/token", srv.url);
    let v = doctor(
        p,
        &[
            "--issuer",
            "http://127.0.0.1:9",
            "--client-id",
            "c",
            "-k",
            "ks.p12",
            "--token-endpoint",
            &url,
        ],
        8,
    );
    assert_eq!(srv.hits(), 2, "{v}");
    let probes = v["probes"].as_array().unwrap();
    assert_eq!(probes.len(), 1, "{v}");
    assert_eq!(probes[0]["result"], "stopped");
    assert_eq!(probes[0]["status"], 429);
    assert!(
        probes[0]["message"]
            .as_str()
            .unwrap()
            .contains("(retry after 120 s)"),
        "{v}"
    );
    assert_eq!(v["fix"], Value::Null);
    assert_eq!(v["refusal"]["status"], 401);
    assert_eq!(v["refusal"]["error"], Value::Null);
}

/// `pkjwt --json assertion --decode` with `args`: (header, claims).
fn decoded(p: &Path, args: &[&str]) -> (Value, Value) {
    let v = json(
        pkjwt(p)
            .args(["--json", "assertion", "--decode"])
            .args(args),
    );
    (v["header"].clone(), v["claims"].clone())
}

#[test]
fn every_profile_setting_is_used_below_its_flag() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &["--kid", "r", "--alg", "RS256"]);
    keygen(p, "ks.p12", &["--kid", "e", "--alg", "ES256"]);
    let iss = "https://as.example";
    let te = "https://as.example/oauth/token";
    pkjwt(p)
        .args([
            "profile",
            "add",
            "p",
            "--issuer",
            iss,
            "--client-id",
            "c",
            "-k",
            "ks.p12",
            "--token-endpoint",
            te,
            "--no-discover",
            "--kid",
            "r",
        ])
        .assert()
        .success();
    let set = |args: &[&str]| {
        pkjwt(p)
            .args(["profile", "set", "p"])
            .args(args)
            .assert()
            .success();
    };
    let pp = ["-p", "p"];

    // kid and alg: the profile's, a flag's, else the key's own.
    let (h, _) = decoded(p, &pp);
    assert_eq!(
        (h["kid"].as_str(), h["alg"].as_str()),
        (Some("r"), Some("RS256"))
    );
    set(&["--alg", "PS256"]);
    assert_eq!(decoded(p, &pp).0["alg"], "PS256");
    assert_eq!(decoded(p, &["-p", "p", "--alg", "RS256"]).0["alg"], "RS256");
    // The profile's algorithm belongs to the profile's key.
    let (h, _) = decoded(p, &["-p", "p", "--kid", "e"]);
    assert_eq!(
        (h["kid"].as_str(), h["alg"].as_str()),
        (Some("e"), Some("ES256"))
    );
    set(&["--kid", "e"]);
    assert_eq!(decoded(p, &pp).0["kid"], "e");
    assert_eq!(decoded(p, &pp).0["alg"], "ES256");
    assert_eq!(decoded(p, &["-p", "p", "--kid", "r"]).0["kid"], "r");

    // aud.
    assert_eq!(decoded(p, &pp).1["aud"], iss);
    set(&["--aud", "token-endpoint"]);
    assert_eq!(decoded(p, &pp).1["aud"], te);
    assert_eq!(decoded(p, &["-p", "p", "--aud", "issuer"]).1["aud"], iss);

    // lifetime.
    let life = |c: &Value| c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap();
    assert_eq!(life(&decoded(p, &pp).1), 60);
    set(&["--lifetime", "30"]);
    assert_eq!(life(&decoded(p, &pp).1), 30);
    assert_eq!(life(&decoded(p, &["-p", "p", "--lifetime", "45"]).1), 45);

    // typ.
    assert_eq!(decoded(p, &pp).0.get("typ"), None);
    set(&["--typ", "client-authentication+jwt"]);
    assert_eq!(decoded(p, &pp).0["typ"], "client-authentication+jwt");
    assert_eq!(decoded(p, &["-p", "p", "--typ", "JWT"]).0["typ"], "JWT");
    assert_eq!(decoded(p, &["-p", "p", "--no-typ"]).0.get("typ"), None);

    // clock offset.
    let now = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64
    };
    set(&["--clock-offset", "1000"]);
    let iat = decoded(p, &pp).1["iat"].as_i64().unwrap();
    assert!((iat - now() - 1000).abs() <= 5, "{iat}");
    let iat = decoded(p, &["-p", "p", "--clock-offset", "0"]).1["iat"]
        .as_i64()
        .unwrap();
    assert!((iat - now()).abs() <= 5, "{iat}");
    set(&["--unset", "clock-offset"]);

    // client_id parameter and scope: what goes on the wire (-v shows the form).
    let srv = Canned::serve(
        http(
            "200 OK",
            "application/json",
            r#"{"access_token":"at","token_type":"Bearer","expires_in":60}"#,
        ),
        Duration::ZERO,
    );
    let url = format!("{}/token", srv.url);
    let form = |args: &[&str]| {
        let out = pkjwt(p)
            .args(["-v", "token", "-p", "p", "--token-endpoint", &url])
            .args(args)
            .assert()
            .success()
            .get_output()
            .stderr
            .clone();
        String::from_utf8_lossy(&out).into_owned()
    };
    assert!(form(&[]).contains(">   client_id=c"));
    assert!(!form(&[]).contains(">   scope="));
    set(&["--no-client-id", "--scope", "api:read"]);
    let f = form(&[]);
    assert!(!f.contains(">   client_id="), "{f}");
    assert!(f.contains(">   scope=api:read"), "{f}");
    let f = form(&["--client-id-param", "--scope", "api:write"]);
    assert!(f.contains(">   client_id=c"), "{f}");
    assert!(f.contains(">   scope=api:write"), "{f}");
    // --unset: the defaults again.
    set(&["--unset", "client-id-param", "--unset", "scope"]);
    assert!(form(&[]).contains(">   client_id=c"));

    // profile set refuses nothing to do, and an unknown profile.
    pkjwt(p).args(["profile", "set", "p"]).assert().code(3);
    pkjwt(p)
        .args(["profile", "set", "nope", "--lifetime", "5"])
        .assert()
        .failure();
}

#[test]
fn a_profiles_algorithm_applies_to_its_only_key() {
    // `profile add --alg PS256` over a keystore whose one RSA key was made
    // for RS256 signs PS256.
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &["--alg", "RS256"]);
    pkjwt(p)
        .args([
            "profile",
            "add",
            "p",
            "--issuer",
            "https://as.example",
            "--client-id",
            "c",
            "-k",
            "ks.p12",
            "--no-discover",
            "--alg",
            "PS256",
        ])
        .assert()
        .success();
    assert_eq!(decoded(p, &["-p", "p"]).0["alg"], "PS256");
}

/// doctor against a fault server at `url` as the token endpoint, from flags.
fn doctor_at(p: &Path, url: &str, extra: &[&str], code: i32) -> Value {
    let mut args = vec![
        "--issuer",
        "http://127.0.0.1:9",
        "--client-id",
        "c",
        "-k",
        "ks.p12",
        "--token-endpoint",
        url,
    ];
    args.extend(extra);
    doctor(p, &args, code)
}

#[test]
fn what_is_not_a_refusal_of_the_client_is_not_probed() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &["--alg", "ES256"]);
    // A 429 to doctor's own request: "not now", not a refusal.
    let srv = Canned::sequence(vec![
        b"HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nRetry-After: 60\r\nContent-Length: 31\r\nConnection: close\r\n\r\n{\"error\":\"too_many_requests\"}\n\n".to_vec(),
    ]);
    let v = doctor_at(p, &format!("{}/token", srv.url), &[], 8);
    assert_eq!(srv.hits(), 1, "{v}");
    assert_eq!(v["probes"], json!([]));
    assert_eq!(v["refusal"], Value::Null);
    assert_eq!(v["fix"], Value::Null);
    // A refusal that is not about the client.
    let srv = Canned::serve(
        http(
            "400 Bad Request",
            "application/json",
            r#"{"error":"invalid_scope"}"#,
        ),
        Duration::ZERO,
    );
    let v = doctor_at(p, &format!("{}/token", srv.url), &[], 8);
    assert_eq!(srv.hits(), 1, "{v}");
    assert_eq!(v["probes"], json!([]));
    assert_eq!(v["refusal"]["error"], "invalid_scope");
    // PKJWT_NO_PROBE takes 1 as CI sets it.
    let srv = Canned::serve(http("401 Unauthorized", "text/plain", ""), Duration::ZERO);
    let out = pkjwt(p)
        .env("PKJWT_NO_PROBE", "1")
        .args([
            "--json",
            "doctor",
            "--issuer",
            "http://127.0.0.1:9",
            "--client-id",
            "c",
            "-k",
            "ks.p12",
            "--token-endpoint",
            &format!("{}/token", srv.url),
        ])
        .assert()
        .code(8)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(srv.hits(), 1, "{v}");
    assert_eq!(v["probes"], json!([]));
}

#[test]
fn a_fix_without_a_profile_is_a_command_that_runs() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &["--kid", "k1", "--alg", "ES256"]);
    keygen(p, "ks.p12", &["--kid", "k2", "--alg", "ES256"]);
    let srv = Canned::sequence(vec![
        http("401 Unauthorized", "text/html", "<html>no</html>"),
        http(
            "200 OK",
            "application/json",
            r#"{"access_token":"at","token_type":"Bearer","expires_in":60}"#,
        ),
    ]);
    let url = format!("{}/token", srv.url);
    let v = doctor_at(
        p,
        &url,
        &["--kid", "k1", "--scope", "api:read", "--lifetime", "45"],
        8,
    );
    assert_eq!(v["fix"]["verified"], true, "{v}");
    assert_eq!(v["fix"]["changes"], json!({"aud": "endpoint"}));
    let cmd = v["fix"]["command"].as_str().unwrap();
    for part in [
        "pkjwt token --issuer http://127.0.0.1:9 --client-id c --keystore",
        &format!("--token-endpoint {url}"),
        "--scope api:read",
        "--kid k1 --alg ES256",
        "--lifetime 45",
        "--aud endpoint",
    ] {
        assert!(cmd.contains(part), "{part:?} not in {cmd}");
    }
    // The command runs as printed (against the same fault server).
    let words: Vec<&str> = cmd.split(' ').collect();
    assert_eq!(words[..2], ["pkjwt", "token"]);
    pkjwt(p).args(&words[1..]).assert().success();
}
