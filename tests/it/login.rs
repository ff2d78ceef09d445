//! `pkjwt login` against the real oidc-provider: the browser step is done
//! by tests/browser.py (an HTTP client that submits oidc-provider's
//! development login and consent forms) through BROWSER, and in one test by
//! headless Chromium. The tampered ID tokens come from an in-process fake
//! issuer, as the real server signs correctly.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};

use crate::common::*;
use crate::server::TestServer;

fn browser_py() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/browser.py")
}

/// A keystore and a client registered for the authorization code flow
/// (profile `web`) at `srv`, with `extra` register options.
fn setup(srv: &TestServer, extra: &[&str]) -> tempfile::TempDir {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &[]);
    let mut c = pkjwt(p);
    c.args([
        "--json",
        "register",
        "--issuer",
        &srv.issuer,
        "-k",
        "ks.p12",
        "-p",
        "web",
        "--grant-type",
        "authorization_code",
        "--grant-type",
        "refresh_token",
        "--scope",
        "openid offline_access api:read",
    ])
    .args(extra);
    json(&mut c);
    d
}

/// `pkjwt login -p web` with the stand-in browser in `mode`.
fn login(p: &Path, mode: &str) -> assert_cmd::Command {
    let mut c = pkjwt(p);
    c.env("BROWSER", format!("python3 {}", browser_py().display()))
        .env("PKJWT_TEST_BROWSER", mode)
        .env("PKJWT_TEST_BROWSER_PAGE", p.join("page.html"))
        .env("PKJWT_LOGIN_TIMEOUT", "60")
        .args(["login", "-p", "web"]);
    c
}

fn profile(p: &Path) -> Value {
    let mut c = pkjwt(p);
    c.args(["--json", "profile", "show", "web"]);
    json(&mut c)
}

#[test]
fn a_whole_login_with_par_validates_the_id_token_and_saves_the_refresh_token() {
    let srv = TestServer::start(&[]);
    let d = setup(&srv, &[]);
    let p = d.path();
    // register chose a loopback redirect URI and the profile keeps it.
    let show = profile(p);
    let redirect = show.to_string();
    assert!(redirect.contains("http://127.0.0.1:"), "{show}");
    assert!(redirect.contains("/callback"), "{show}");
    let v = json(login(p, "follow").args([
        "--json",
        "--show-id-token",
        "--save-refresh-token",
        "rt.txt",
    ]));
    assert!(v["access_token"].is_string(), "{v}");
    assert_eq!(v["token_type"], "Bearer");
    let claims = &v["id_token_claims"];
    assert_eq!(claims["iss"], srv.issuer.as_str(), "{v}");
    assert_eq!(claims["sub"], "alice");
    assert!(
        claims["nonce"].as_str().is_some_and(|n| n.len() == 43),
        "{v}"
    );
    assert_eq!(srv.count("/request"), 1, "the request was pushed");
    let page = std::fs::read_to_string(p.join("page.html")).unwrap();
    assert!(page.contains("Login complete"), "{page}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let m = std::fs::metadata(p.join("rt.txt"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(m & 0o777, 0o600);
    }
    // The refresh token works with `pkjwt token`.
    let r = json(pkjwt(p).args([
        "--json",
        "token",
        "-p",
        "web",
        "--grant-type",
        "refresh_token",
        "--refresh-token-file",
        "rt.txt",
    ]));
    assert!(r["access_token"].is_string(), "{r}");
}

#[test]
fn a_login_without_par_and_with_request_objects() {
    let srv = TestServer::start(&[]);
    let d = setup(&srv, &[]);
    let p = d.path();
    let out = stdout(login(p, "follow").args(["--no-par", "--field", "token_type"]));
    assert_eq!(out.trim(), "Bearer");
    assert_eq!(srv.count("/request"), 0);
    // A request object by value, then inside PAR.
    let out =
        stdout(login(p, "follow").args(["--no-par", "--request-object", "--field", "token_type"]));
    assert_eq!(out.trim(), "Bearer");
    assert_eq!(srv.count("/request"), 0);
    let out = stdout(login(p, "follow").args(["--request-object", "--field", "token_type"]));
    assert_eq!(out.trim(), "Bearer");
    assert_eq!(srv.count("/request"), 1);
}

#[test]
fn a_dpop_login_binds_the_token_to_the_key() {
    let srv = TestServer::start(&[]);
    let d = setup(&srv, &[]);
    let p = d.path();
    let v = json(login(p, "follow").args(["--json", "--dpop"]));
    assert_eq!(v["token_type"], "DPoP", "{v}");
    let at = v["access_token"].as_str().unwrap().to_string();
    let mut c = pkjwt(p);
    c.args(["--json", "introspect", "-p", "web", "-"])
        .write_stdin(at);
    let i = json(&mut c);
    assert_eq!(i["active"], true, "{i}");
    assert!(i["cnf"]["jkt"].is_string(), "{i}");
}

#[test]
fn the_fapi2_configuration_requires_par_and_logs_in() {
    let srv = TestServer::start(&["--profile", "fapi2"]);
    let d = setup(&srv, &[]);
    let p = d.path();
    let err = fails(login(p, "follow").arg("--no-par"), 3);
    assert!(
        err.contains("requires pushed authorization requests"),
        "{err}"
    );
    let v = json(login(p, "follow").args(["--json", "--show-id-token"]));
    assert!(v["access_token"].is_string(), "{v}");
    assert_eq!(v["id_token_claims"]["iss"], srv.issuer.as_str());
    assert_eq!(srv.count("/request"), 1);
}

#[test]
fn a_wrong_state_a_foreign_iss_and_a_refusal_end_the_login_with_exit_10() {
    let srv = TestServer::start(&[]);
    let d = setup(&srv, &[]);
    let p = d.path();
    let err = fails(&mut login(p, "wrong-state"), 10);
    assert!(err.contains("state is not the one sent"), "{err}");
    let page = std::fs::read_to_string(p.join("page.html")).unwrap();
    assert!(page.contains("Login failed"), "{page}");
    let err = fails(&mut login(p, "wrong-iss"), 10);
    assert!(
        err.contains("\"https://evil.example\"") && err.contains("RFC 9207"),
        "{err}"
    );
    let page = std::fs::read_to_string(p.join("page.html")).unwrap();
    assert!(
        page.contains("&quot;https://evil.example&quot;"),
        "escaped: {page}"
    );
    let err = fails(&mut login(p, "deny"), 10);
    assert!(err.contains("access_denied"), "{err}");
    assert!(err.contains("approve"), "{err}");
    // No code was exchanged for any of them.
    let events = std::fs::read_to_string(&srv.events).unwrap_or_default();
    assert!(!events.contains("grant.error"), "{events}");
}

#[test]
fn no_callback_times_out_and_nothing_is_left_listening() {
    let srv = TestServer::start(&[]);
    let d = setup(&srv, &[]);
    let p = d.path();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let port_s = port.to_string();
    // --port: another redirect URI than registered; the server refuses it
    // at PAR, with both URIs in the hint.
    let err = fails(login(p, "none").args(["--port", &port_s]), 7);
    assert!(
        err.contains(&format!("http://127.0.0.1:{port}/callback")),
        "{err}"
    );
    assert!(err.contains("the profile holds http://127.0.0.1:"), "{err}");
    // Without PAR the browser shows the error and never comes back.
    let err = fails(
        login(p, "none").args(["--port", &port_s, "--no-par", "--timeout", "2"]),
        10,
    );
    assert!(err.contains("no authorization response arrived"), "{err}");
    TcpListener::bind(("127.0.0.1", port)).expect("the listener is closed");
}

#[test]
fn a_taken_port_names_port_and_profile_set() {
    let srv = TestServer::start(&[]);
    let d = setup(&srv, &[]);
    let p = d.path();
    let uri = profile(p)["redirect_uri"].as_str().unwrap().to_string();
    let port: u16 = uri
        .rsplit(':')
        .next()
        .unwrap()
        .trim_end_matches("/callback")
        .parse()
        .unwrap();
    let _taken = TcpListener::bind(("127.0.0.1", port)).unwrap();
    let err = fails(&mut login(p, "none"), 3);
    assert!(
        err.contains("--port") && err.contains("pkjwt profile set"),
        "{err}"
    );
}

#[test]
fn a_pasted_redirected_url_completes_the_login() {
    let srv = TestServer::start(&[]);
    let d = setup(&srv, &[]);
    let p = d.path();
    let mut child = pkjwt_std(p)
        .args([
            "login",
            "-p",
            "web",
            "--no-browser",
            "--timeout",
            "60",
            "--field",
            "token_type",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let lines = Arc::new(Mutex::new(Vec::new()));
    let (tx, rx) = std::sync::mpsc::channel();
    {
        let lines = lines.clone();
        let prefix = format!("{}/auth?", srv.issuer);
        std::thread::spawn(move || {
            for l in BufReader::new(stderr).lines().map_while(Result::ok) {
                if l.starts_with(&prefix) {
                    let _ = tx.send(l.clone());
                }
                lines.lock().unwrap().push(l);
            }
        });
    }
    let url = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the URL alone on a stderr line");
    let out = p.join("pasted.txt");
    let st = std::process::Command::new("python3")
        .arg(browser_py())
        .arg(&url)
        .env("PKJWT_TEST_BROWSER", "paste")
        .env("PKJWT_TEST_BROWSER_OUT", &out)
        .status()
        .unwrap();
    assert!(st.success());
    let pasted = std::fs::read_to_string(&out).unwrap();
    assert!(pasted.contains("/callback?code="), "{pasted}");
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(format!("\n{pasted}").as_bytes()).unwrap();
    let mut s = String::new();
    child.stdout.take().unwrap().read_to_string(&mut s).unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{:?}", lines.lock().unwrap());
    assert_eq!(s.trim(), "Bearer");
}

#[test]
fn the_device_grant_polls_until_the_user_approves() {
    let srv = TestServer::start(&[]);
    let d = setup(
        &srv,
        &[
            "--grant-type",
            "urn:ietf:params:oauth:grant-type:device_code",
        ],
    );
    let p = d.path();
    let out = login(p, "follow")
        .args(["--device", "--json", "--show-id-token"])
        .assert()
        .success()
        .get_output()
        .clone();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["access_token"].is_string(), "{v}");
    assert_eq!(v["id_token_claims"]["sub"], "alice");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("enter the code"), "{err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with(&format!("{}/device?user_code=", srv.issuer))),
        "{err}"
    );
}

/// A fake issuer for what oidc-provider never sends: ID tokens with a
/// broken signature or another nonce, or signed with a key its JWKS
/// serves only from the second fetch on.
struct FakeIssuer {
    issuer: String,
    jwks_hits: Arc<Mutex<usize>>,
}

fn fake_issuer(mode: &'static str) -> FakeIssuer {
    use pkjwt::keystore::keys::{Alg, KeyPair};
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let issuer = format!("http://127.0.0.1:{}", l.local_addr().unwrap().port());
    let entry = pkjwt::keystore::Entry::new(
        "k1".into(),
        KeyPair::generate(Alg::ES256, 2048).unwrap(),
        None,
        None,
    );
    let signer = pkjwt::oauth::assertion::Signer::new(&entry, Alg::ES256).unwrap();
    let jwk = Value::Object(entry.public().to_jwk("k1", Alg::ES256));
    let jwks_hits = Arc::new(Mutex::new(0));
    let hits = jwks_hits.clone();
    let iss = issuer.clone();
    std::thread::spawn(move || {
        let mut nonce = String::new();
        for s in l.incoming() {
            let Ok(mut s) = s else { continue };
            let mut head = Vec::new();
            let mut b = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && s.read(&mut b).unwrap_or(0) == 1 {
                head.push(b[0]);
            }
            let head = String::from_utf8_lossy(&head).to_string();
            let len: usize = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse().unwrap_or(0))
                })
                .unwrap_or(0);
            let mut body = vec![0u8; len];
            let _ = s.read_exact(&mut body);
            let target = head.split(' ').nth(1).unwrap_or("").to_string();
            let (path, query) = target.split_once('?').unwrap_or((&target, ""));
            let q: std::collections::HashMap<String, String> =
                form_urlencoded::parse(query.as_bytes())
                    .into_owned()
                    .collect();
            let (status, ctype, extra, text) = match path {
                "/.well-known/openid-configuration" => (
                    "200 OK",
                    "application/json",
                    String::new(),
                    json!({
                        "issuer": iss,
                        "authorization_endpoint": format!("{iss}/auth"),
                        "token_endpoint": format!("{iss}/token"),
                        "jwks_uri": format!("{iss}/jwks"),
                        "response_types_supported": ["code"],
                        "token_endpoint_auth_methods_supported": ["private_key_jwt"],
                        "authorization_response_iss_parameter_supported": true,
                    })
                    .to_string(),
                ),
                "/auth" => {
                    nonce = q.get("nonce").cloned().unwrap_or_default();
                    let loc = format!(
                        "{}?code=C&state={}&iss={}",
                        q["redirect_uri"],
                        q["state"],
                        form_urlencoded::byte_serialize(iss.as_bytes()).collect::<String>()
                    );
                    (
                        "302 Found",
                        "text/plain",
                        format!("Location: {loc}\r\n"),
                        String::new(),
                    )
                }
                "/token" => {
                    let now = pkjwt::oauth::assertion::now();
                    let claims = json!({
                        "iss": iss, "sub": "alice", "aud": "c", "exp": now + 300, "iat": now,
                        "nonce": if mode == "nonce" { "another-nonce".to_string() } else { nonce.clone() },
                    });
                    let mut jwt = signer
                        .sign(&Default::default(), claims.as_object().unwrap())
                        .unwrap();
                    if mode == "sig" {
                        // The claims changed after signing.
                        let parts: Vec<&str> = jwt.split('.').collect();
                        let mut c = claims.clone();
                        c["sub"] = json!("mallory");
                        use base64ct::{Base64UrlUnpadded, Encoding};
                        let p = Base64UrlUnpadded::encode_string(c.to_string().as_bytes());
                        jwt = format!("{}.{p}.{}", parts[0], parts[2]);
                    }
                    ("200 OK", "application/json", String::new(), json!({
                        "access_token": "at", "token_type": "Bearer", "expires_in": 300, "id_token": jwt,
                    }).to_string())
                }
                "/jwks" => {
                    let mut h = hits.lock().unwrap();
                    *h += 1;
                    let keys = if mode == "rotated" && *h == 1 {
                        json!([])
                    } else {
                        json!([jwk])
                    };
                    (
                        "200 OK",
                        "application/json",
                        String::new(),
                        json!({ "keys": keys }).to_string(),
                    )
                }
                _ => ("404 Not Found", "text/plain", String::new(), String::new()),
            };
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n{text}",
                text.len()
            );
        }
    });
    FakeIssuer { issuer, jwks_hits }
}

fn fake_profile(f: &FakeIssuer) -> tempfile::TempDir {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &[]);
    pkjwt(p)
        .args([
            "profile",
            "add",
            "web",
            "--issuer",
            &f.issuer,
            "--client-id",
            "c",
            "-k",
            "ks.p12",
            "--redirect-uri",
            "http://127.0.0.1:0/callback",
        ])
        .assert()
        .success();
    d
}

#[test]
fn a_tampered_id_token_is_refused_naming_what_failed() {
    let f = fake_issuer("sig");
    let d = fake_profile(&f);
    let err = fails(&mut login(d.path(), "follow"), 10);
    assert!(err.contains("signature does not verify"), "{err}");
    let out = login(d.path(), "follow")
        .assert()
        .code(10)
        .get_output()
        .clone();
    assert!(out.stdout.is_empty(), "no token printed");

    let f = fake_issuer("nonce");
    let d = fake_profile(&f);
    let err = fails(&mut login(d.path(), "follow"), 10);
    assert!(
        err.contains("ID token's nonce is not the nonce sent"),
        "{err}"
    );
    let page = std::fs::read_to_string(d.path().join("page.html")).unwrap();
    assert!(page.contains("Login failed"), "{page}");

    // A kid the first JWKS fetch lacks: fetched once more, then verified.
    let f = fake_issuer("rotated");
    let d = fake_profile(&f);
    let out = stdout(login(d.path(), "follow").args(["--field", "access_token"]));
    assert_eq!(out.trim(), "at");
    assert_eq!(*f.jwks_hits.lock().unwrap(), 2);
}

/// Chromium, or why this test cannot run; under CI=true a missing browser
/// fails the test (scripts/test installs Debian's `chromium`).
fn chromium() -> Option<String> {
    let bin = std::env::var("PKJWT_CHROMIUM").unwrap_or_else(|_| "chromium".into());
    let found = std::process::Command::new(&bin)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return Some(bin);
    }
    let why = format!(
        "{bin} is not installed (Debian: apt-get install chromium; scripts/test does as root)"
    );
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("{why}");
    }
    eprintln!("SKIPPED the headless-browser login test: {why}");
    None
}

#[test]
fn a_real_headless_browser_logs_in() {
    let Some(bin) = chromium() else { return };
    let srv = TestServer::start(&[]);
    let d = setup(&srv, &[]);
    let p = d.path();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/chromium.mjs");
    let out = pkjwt(p)
        .env(
            "BROWSER",
            format!("node --experimental-websocket {}", script.display()),
        )
        .env("PKJWT_CHROMIUM", bin)
        .args([
            "login",
            "-p",
            "web",
            "--timeout",
            "90",
            "--json",
            "--show-id-token",
        ])
        .assert()
        .success()
        .get_output()
        .clone();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["access_token"].is_string(), "{v}");
    assert_eq!(v["id_token_claims"]["sub"], "alice", "{v}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("chromium.mjs: Login complete"), "{err}");
}
