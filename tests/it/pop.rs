//! Proof of possession and the mechanisms around private_key_jwt, against
//! the real test server: DPoP (RFC 9449, with nonces), mutual TLS client
//! authentication and certificate-bound tokens (RFC 8705, the server over
//! HTTPS asking for client certificates), the JWT bearer grant (RFC 7523
//! section 2.1), and the migration of a client-secret client (RFC 7592).
//! Bound tokens are checked by introspection (`cnf.jkt`, `cnf.x5t#S256`).
//! Fault servers only for what a real server will not do on demand: a
//! nonce loop, a Bearer answer to a DPoP proof, a server without client
//! authentication for the grant.

use std::path::{Path, PathBuf};
use std::time::Duration;

use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::{json, Value};
use sha2::Digest;

use crate::common::*;
use crate::faults::{http, Canned};
use crate::server::TestServer;

/// A CA and a server certificate for 127.0.0.1, made with openssl.
struct Pki {
    ca: PathBuf,
    cert: PathBuf,
    key: PathBuf,
}

fn pki(p: &Path) -> Pki {
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
    ];
    let mut a = vec!["req", "-x509"];
    a.extend(ec);
    a.extend([
        "-subj",
        "/CN=pkjwt test CA",
        "-days",
        "1",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
    ]);
    run(p, "openssl", &a);
    let mut a = vec!["req"];
    a.extend(ec);
    a.extend([
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        "srv.key",
        "-out",
        "srv.csr",
    ]);
    run(p, "openssl", &a);
    std::fs::write(
        p.join("srv.ext"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    run(
        p,
        "openssl",
        &[
            "x509",
            "-req",
            "-in",
            "srv.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "1",
            "-extfile",
            "srv.ext",
            "-out",
            "srv.pem",
        ],
    );
    Pki {
        ca: p.join("ca.pem"),
        cert: p.join("srv.pem"),
        key: p.join("srv.key"),
    }
}

/// The test server over HTTPS, asking for client certificates, with the
/// RFC 8705 endpoint aliases under /mtls.
fn tls_server(p: &Path) -> (TestServer, Pki) {
    let k = pki(p);
    let srv = TestServer::start(&[
        "--tls-cert",
        k.cert.to_str().unwrap(),
        "--tls-key",
        k.key.to_str().unwrap(),
        "--tls-ca",
        k.ca.to_str().unwrap(),
        "--mtls-aliases",
    ]);
    (srv, k)
}

/// pkjwt trusting the test CA.
fn pk(p: &Path, k: &Pki) -> assert_cmd::Command {
    let mut c = pkjwt(p);
    c.env("PKJWT_CACERT", &k.ca);
    c
}

fn register(
    c: &mut assert_cmd::Command,
    srv: &TestServer,
    ks: &str,
    profile: &str,
    extra: &[&str],
) -> Value {
    srv.register(c, ks, profile, extra)
}

fn fails(c: &mut assert_cmd::Command, code: i32) -> String {
    let out = c.assert().code(code).get_output().clone();
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Introspect `token` as `profile`.
fn introspect(c: &mut assert_cmd::Command, profile: &str, token: &str) -> Value {
    c.args(["--json", "introspect", "-p", profile, "-"])
        .write_stdin(token.to_string());
    json(c)
}

fn access_token(c: &mut assert_cmd::Command) -> Value {
    let v = json(c);
    assert!(v["access_token"].is_string(), "{v}");
    v
}

#[test]
fn self_signed_tls_client_auth_over_the_mtls_aliases() {
    let d = tmp();
    let p = d.path();
    let (srv, k) = tls_server(p);
    keygen(p, "ks.p12", &["--alg", "ES256"]);
    let v = register(
        &mut pk(p, &k),
        &srv,
        "ks.p12",
        "ss",
        &["--auth", "self_signed_tls_client_auth"],
    );
    // The registered key carries its certificate, and no signing algorithm.
    let resp = &v["response"];
    assert_eq!(
        resp["token_endpoint_auth_method"],
        "self_signed_tls_client_auth"
    );
    assert!(resp["jwks"]["keys"][0]["x5c"][0].is_string(), "{resp}");
    let prof = json(pkjwt(p).args(["--json", "profile", "show", "ss"]));
    assert_eq!(prof["auth"], "self_signed_tls_client_auth");

    let before = srv.count("/mtls/token");
    let t = access_token(pk(p, &k).args(["--json", "token", "-p", "ss"]));
    assert_eq!(
        srv.count("/mtls/token"),
        before + 1,
        "the mTLS alias was not used"
    );
    let at = t["access_token"].as_str().unwrap();
    let i = introspect(&mut pk(p, &k), "ss", at);
    assert_eq!(i["active"], true, "{i}");
    pk(p, &k)
        .args(["revoke", "-p", "ss", "-"])
        .write_stdin(at.to_string())
        .assert()
        .success();
    assert!(srv.count("/mtls/token/revocation") >= 1);
    let i = introspect(&mut pk(p, &k), "ss", at);
    assert_eq!(i["active"], false, "{i}");
    // discover shows what the server offers.
    let dv = json(pk(p, &k).args(["--json", "discover", &srv.issuer]));
    assert_eq!(dv["mtls"]["self_signed_tls_client_auth"], true, "{dv}");
    assert!(dv["mtls"]["endpoint_aliases"]["token_endpoint"].is_string());
    assert_eq!(dv["dpop"]["supported"], true);
}

#[test]
fn certificate_bound_tokens_with_private_key_jwt() {
    let d = tmp();
    let p = d.path();
    let (srv, k) = tls_server(p);
    keygen(p, "ks.p12", &["--alg", "ES256"]);
    register(
        &mut pk(p, &k),
        &srv,
        "ks.p12",
        "bound",
        &["--mtls-bound-tokens"],
    );
    let prof = json(pkjwt(p).args(["--json", "profile", "show", "bound"]));
    assert_eq!(prof["mtls"], true);
    let t = access_token(pk(p, &k).args(["--json", "token", "-p", "bound"]));
    let i = introspect(&mut pk(p, &k), "bound", t["access_token"].as_str().unwrap());
    // cnf.x5t#S256 is the SHA-256 of the keystore's certificate.
    let pem_text = stdout(pkjwt(p).args(["keys", "cert", "-k", "ks.p12"]));
    let der = pem::parse(pem_text.as_bytes()).unwrap().into_contents();
    let want = Base64UrlUnpadded::encode_string(&sha2::Sha256::digest(&der));
    assert_eq!(i["cnf"]["x5t#S256"], want.as_str(), "{i}");
}

#[test]
fn tls_client_auth_with_a_ca_issued_certificate() {
    let d = tmp();
    let p = d.path();
    let (srv, k) = tls_server(p);
    run(
        p,
        "openssl",
        &[
            "req",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-subj",
            "/O=pkjwt tests/CN=pkjwt-client",
            "-keyout",
            "client.key",
            "-out",
            "client.csr",
        ],
    );
    // Without extensions openssl makes an X.509 v1 certificate, which TLS refuses.
    run(
        p,
        "openssl",
        &[
            "x509",
            "-req",
            "-in",
            "client.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "1",
            "-out",
            "v1.pem",
        ],
    );
    pkjwt(p)
        .args([
            "keys",
            "import",
            "-k",
            "v1.p12",
            "--from",
            "client.key",
            "--cert",
            "v1.pem",
        ])
        .assert()
        .success();
    let err = fails(
        pk(p, &k).args([
            "register",
            "--issuer",
            &srv.issuer,
            "-k",
            "v1.p12",
            "-p",
            "v1",
            "--auth",
            "tls_client_auth",
            "--tls-subject-dn",
            "CN=pkjwt-client,O=pkjwt tests",
        ]),
        3,
    );
    assert!(err.contains("not an X.509 v3 certificate"), "{err}");
    // ... and at request time, for a profile made by hand.
    pkjwt(p)
        .args([
            "profile",
            "add",
            "v1",
            "--issuer",
            &srv.issuer,
            "--client-id",
            "x",
            "-k",
            "v1.p12",
            "--no-discover",
            "--token-endpoint",
            &format!("{}/token", srv.issuer),
        ])
        .assert()
        .success();
    let err = fails(pk(p, &k).args(["token", "-p", "v1", "--mtls"]), 3);
    assert!(err.contains("not an X.509 v3 certificate"), "{err}");
    std::fs::write(
        p.join("client.ext"),
        "basicConstraints=critical,CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=clientAuth\n",
    )
    .unwrap();
    run(
        p,
        "openssl",
        &[
            "x509",
            "-req",
            "-in",
            "client.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "1",
            "-extfile",
            "client.ext",
            "-out",
            "client.pem",
        ],
    );
    pkjwt(p)
        .args([
            "keys",
            "import",
            "-k",
            "ca.p12",
            "--from",
            "client.key",
            "--cert",
            "client.pem",
        ])
        .assert()
        .success();
    // tls_client_auth needs the subject DN.
    let err = fails(
        pk(p, &k).args([
            "register",
            "--issuer",
            &srv.issuer,
            "-k",
            "ca.p12",
            "-p",
            "ca",
            "--auth",
            "tls_client_auth",
        ]),
        3,
    );
    assert!(err.contains("needs the certificate's subject DN"), "{err}");
    let v = register(
        &mut pk(p, &k),
        &srv,
        "ca.p12",
        "ca",
        &[
            "--auth",
            "tls_client_auth",
            "--tls-subject-dn",
            "CN=pkjwt-client,O=pkjwt tests",
        ],
    );
    assert_eq!(
        v["response"]["token_endpoint_auth_method"],
        "tls_client_auth"
    );
    assert!(v["response"].get("jwks").is_none() || v["response"]["jwks"].is_null());
    access_token(pk(p, &k).args(["--json", "token", "-p", "ca"]));
}

#[test]
fn mutual_tls_bad_input_is_a_clear_error() {
    let d = tmp();
    let p = d.path();
    // A key without a certificate (a PKCS#12 file made with -nocerts).
    run(
        p,
        "openssl",
        &[
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-out",
            "bare.key",
        ],
    );
    run(
        p,
        "openssl",
        &[
            "pkcs12",
            "-export",
            "-nocerts",
            "-inkey",
            "bare.key",
            "-out",
            "bare.p12",
            "-passout",
            &format!("pass:{PW}"),
        ],
    );
    let (srv, k) = tls_server(p);
    let err = fails(
        pk(p, &k).args([
            "register",
            "--issuer",
            &srv.issuer,
            "-k",
            "bare.p12",
            "-p",
            "x",
            "--auth",
            "self_signed_tls_client_auth",
        ]),
        3,
    );
    assert!(err.contains("has no certificate"), "{err}");

    // A server without mutual TLS.
    let plain = TestServer::start(&[]);
    keygen(p, "ks.p12", &["--alg", "ES256"]);
    let err = fails(
        pkjwt(p).args([
            "register",
            "--issuer",
            &plain.issuer,
            "-k",
            "ks.p12",
            "-p",
            "y",
            "--auth",
            "self_signed_tls_client_auth",
        ]),
        3,
    );
    assert!(
        err.contains("does not accept self_signed_tls_client_auth"),
        "{err}"
    );
    register(&mut pkjwt(p), &plain, "ks.p12", "plain", &[]);
    let err = fails(pkjwt(p).args(["token", "-p", "plain", "--mtls"]), 3);
    assert!(err.contains("does not advertise mutual TLS"), "{err}");
}

#[test]
fn dpop_bound_tokens_with_a_nonce() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&["--dpop-nonce"]);
    keygen(p, "ks.p12", &["--alg", "ES256"]);
    register(&mut pkjwt(p), &srv, "ks.p12", "d", &[]);
    let before = srv.count("/token");
    let t = access_token(pkjwt(p).args(["--json", "token", "-p", "d", "--dpop"]));
    assert_eq!(t["token_type"], "DPoP", "{t}");
    // One use_dpop_nonce, answered once.
    assert_eq!(srv.count("/token"), before + 2);
    let at = t["access_token"].as_str().unwrap().to_string();
    let i = introspect(&mut pkjwt(p), "d", &at);
    let proof = json(
        pkjwt(p)
            .args([
                "--json",
                "dpop",
                "-p",
                "d",
                "--method",
                "get",
                "--url",
                "https://rs.example/api/items?page=2#top",
                "--access-token-file",
                "-",
                "--nonce",
                "n0nce",
            ])
            .write_stdin(format!("{at}\n")),
    );
    assert_eq!(i["cnf"]["jkt"], proof["jkt"], "{i}");
    let jwt = proof["proof"].as_str().unwrap();
    let (h, c) = pkjwt::oauth::assertion::decode_unverified(jwt).unwrap();
    assert_eq!(h["typ"], "dpop+jwt");
    assert_eq!(h["alg"], "ES256");
    assert!(
        h["jwk"]["x"].is_string() && h["jwk"].get("d").is_none(),
        "{h}"
    );
    assert_eq!(c["htm"], "GET");
    assert_eq!(c["htu"], "https://rs.example/api/items");
    assert_eq!(c["nonce"], "n0nce");
    let ath = Base64UrlUnpadded::encode_string(&sha2::Sha256::digest(at.as_bytes()));
    assert_eq!(c["ath"], ath.as_str());
    assert!(c["jti"].is_string() && c["iat"].is_i64());
    // Plain text is just the proof, for curl -H "DPoP: $(...)".
    let plain = stdout(pkjwt(p).args(["dpop", "-p", "d", "--url", "https://rs.example/a"]));
    assert_eq!(plain.trim().split('.').count(), 3);

    // A profile remembers it.
    pkjwt(p)
        .args(["profile", "set", "d", "--dpop"])
        .assert()
        .success();
    let t = access_token(pkjwt(p).args(["--json", "token", "-p", "d"]));
    assert_eq!(t["token_type"], "DPoP");
    let t = access_token(pkjwt(p).args(["--json", "token", "-p", "d", "--no-dpop"]));
    assert_eq!(t["token_type"], "Bearer");
    // -v shows the proof like an assertion: header and claims, no signature.
    let out = pkjwt(p)
        .args(["-v", "token", "-p", "d"])
        .assert()
        .success()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8_lossy(&out);
    assert!(err.contains("> DPoP: ey"), "{err}");
    assert!(err.contains(".(signature redacted)"), "{err}");
    assert!(!err.contains(&at), "{err}");
}

#[test]
fn a_server_without_dpop_is_refused_before_sending() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&["--no-dpop"]);
    keygen(p, "ks.p12", &["--alg", "ES256"]);
    register(&mut pkjwt(p), &srv, "ks.p12", "n", &[]);
    let before = srv.count("/token");
    let err = fails(pkjwt(p).args(["token", "-p", "n", "--dpop"]), 3);
    assert!(err.contains("does not advertise DPoP"), "{err}");
    assert_eq!(srv.count("/token"), before);
}

#[test]
fn the_dpop_key_must_be_one_the_server_takes() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &["--kid", "rsa", "--alg", "RS256"]);
    register(&mut pkjwt(p), &srv, "ks.p12", "r", &[]);
    let err = fails(pkjwt(p).args(["token", "-p", "r", "--dpop"]), 3);
    assert!(
        err.contains("takes DPoP proofs signed with ES256, PS256, and key rsa signs RS256"),
        "{err}"
    );
    assert!(err.contains("pkjwt keygen --keystore"), "{err}");
    keygen(p, "ks.p12", &["--kid", "ec", "--alg", "ES256"]);
    let err = fails(pkjwt(p).args(["token", "-p", "r", "--dpop"]), 3);
    assert!(
        err.contains("pass --dpop-kid with one of: ec (ES256)"),
        "{err}"
    );
    let t = access_token(pkjwt(p).args(["--json", "token", "-p", "r", "--dpop-kid", "ec"]));
    assert_eq!(t["token_type"], "DPoP");
}

#[test]
fn a_nonce_loop_and_a_bearer_answer_are_errors() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &["--alg", "ES256"]);
    let nonce = b"HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nDPoP-Nonce: n-1\r\nContent-Length: 27\r\nConnection: close\r\n\r\n{\"error\":\"use_dpop_nonce\"}\n".to_vec();
    let srv = Canned::sequence(vec![nonce]);
    let url = format!("{}/token", srv.url);
    let args = |url: &str| -> Vec<String> {
        [
            "token",
            "--issuer",
            "http://127.0.0.1:9",
            "--client-id",
            "c",
            "-k",
            "ks.p12",
            "--token-endpoint",
            url,
            "--dpop",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    let err = fails(pkjwt(p).args(args(&url)), 7);
    assert_eq!(srv.hits(), 2, "{err}");
    assert!(err.contains("nonce loop"), "{err}");
    // The second request carried the nonce in a new proof.
    let second = &srv.requests()[1];
    let proof = second
        .lines()
        .find_map(|l| {
            l.strip_prefix("dpop: ")
                .or_else(|| l.strip_prefix("DPoP: "))
        })
        .unwrap_or_else(|| panic!("no DPoP header: {second}"));
    let (_, c) = pkjwt::oauth::assertion::decode_unverified(proof.trim()).unwrap();
    assert_eq!(c["nonce"], "n-1");

    // A server that ignores the proof and answers a Bearer token.
    let srv = Canned::serve(
        http(
            "200 OK",
            "application/json",
            r#"{"access_token":"at","token_type":"Bearer","expires_in":60}"#,
        ),
        Duration::ZERO,
    );
    let url = format!("{}/token", srv.url);
    let out = pkjwt(p)
        .args(args(&url))
        .assert()
        .code(7)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("its token_type is Bearer, not DPoP"), "{err}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("at"));
}

#[test]
fn the_jwt_bearer_grant() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &["--alg", "ES256"]);
    let v = register(
        &mut pkjwt(p),
        &srv,
        "ks.p12",
        "g",
        &[
            "--grant-type",
            "client_credentials",
            "--grant-type",
            "jwt-bearer",
        ],
    );
    let cid = v["client_id"].as_str().unwrap().to_string();
    assert!(
        v["response"]["grant_types"]
            .as_array()
            .unwrap()
            .contains(&json!("urn:ietf:params:oauth:grant-type:jwt-bearer")),
        "{v}"
    );
    let t = access_token(pkjwt(p).args([
        "--json",
        "token",
        "-p",
        "g",
        "--grant-type",
        "jwt-bearer",
        "--subject",
        "alice@example.com",
    ]));
    assert_eq!(t["scope"], "api:read", "{t}");
    let events = std::fs::read_to_string(&srv.events).unwrap();
    assert!(
        events.contains(r#""event":"jwt_bearer.grant""#) && events.contains("alice@example.com"),
        "{events}"
    );
    // The grant for other tools.
    let v = json(pkjwt(p).args([
        "--json",
        "assertion",
        "-p",
        "g",
        "--grant",
        "--subject",
        "bob",
        "--decode",
    ]));
    assert_eq!(v["claims"]["sub"], "bob");
    assert_eq!(v["claims"]["iss"], cid.as_str());
    assert_eq!(v["claims"]["aud"], srv.issuer.as_str());
    assert!(v["claims"].get("scope").is_none(), "{v}");
    assert!(v["header"].get("typ").is_none(), "{v}");
    let v = json(pkjwt(p).args([
        "--json",
        "assertion",
        "-p",
        "g",
        "--grant",
        "--subject",
        "bob",
        "--grant-iss",
        "svc@example.com",
        "--scope",
        "x y",
        "--decode",
    ]));
    assert_eq!(v["claims"]["iss"], "svc@example.com");
    assert_eq!(v["claims"]["scope"], "x y");
    // The subject is required, and the grant's options need the grant.
    let err = fails(
        pkjwt(p).args(["token", "-p", "g", "--grant-type", "jwt-bearer"]),
        3,
    );
    assert!(err.contains("needs --subject"), "{err}");
    let err = fails(pkjwt(p).args(["token", "-p", "g", "--subject", "x"]), 3);
    assert!(err.contains("add --grant-type jwt-bearer"), "{err}");

    // Without client authentication: the grant alone, on the wire.
    let canned = Canned::serve(
        http(
            "200 OK",
            "application/json",
            r#"{"access_token":"at","token_type":"Bearer","expires_in":60}"#,
        ),
        Duration::ZERO,
    );
    let url = format!("{}/token", canned.url);
    pkjwt(p)
        .args([
            "token",
            "-p",
            "g",
            "--token-endpoint",
            &url,
            "--grant-type",
            "jwt-bearer",
            "--subject",
            "s",
            "--no-client-auth",
            "--scope-in-grant",
        ])
        .assert()
        .success();
    let req = &canned.requests()[0];
    assert!(
        req.contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"),
        "{req}"
    );
    assert!(req.contains("assertion=ey"), "{req}");
    assert!(!req.contains("client_assertion"), "{req}");
    assert!(!req.contains("scope="), "{req}");
}

#[test]
fn migrating_a_client_off_its_secret() {
    let d = tmp();
    let p = d.path();
    // A server that rotates the registration access token on every update.
    let srv = TestServer::start(&["--rotate-rat"]);
    // A client as most start: client_secret_basic.
    let reg = srv.post_json(
        "/reg",
        &json!({
            "token_endpoint_auth_method": "client_secret_basic",
            "grant_types": ["client_credentials"],
            "response_types": [],
            "scope": "api:read",
        }),
    );
    let cid = reg["client_id"].as_str().unwrap();
    let secret = reg["client_secret"].as_str().unwrap();
    let (status, body) = srv.post_form_basic(
        "/token",
        "grant_type=client_credentials&scope=api%3Aread",
        cid,
        secret,
    );
    assert_eq!(status, 200, "{body}");
    std::fs::write(
        p.join("rat.txt"),
        format!("{}\n", reg["registration_access_token"].as_str().unwrap()),
    )
    .unwrap();
    keygen(p, "ks.p12", &["--alg", "ES256"]);
    let v = json(pkjwt(p).args([
        "--json",
        "migrate",
        "--issuer",
        &srv.issuer,
        "--client-id",
        cid,
        "--registration-client-uri",
        reg["registration_client_uri"].as_str().unwrap(),
        "--registration-access-token-file",
        "rat.txt",
        "-k",
        "ks.p12",
        "-p",
        "m",
    ]));
    assert_eq!(
        v["method"],
        json!({"before": "client_secret_basic", "after": "private_key_jwt"})
    );
    assert_eq!(v["verified"], true, "{v}");
    assert_eq!(v["stop_sending"], "client_secret");
    let shown = v.to_string();
    assert!(!shown.contains(secret), "the secret was printed");
    // The profile works with no other change, and the secret no longer does.
    access_token(pkjwt(p).args(["--json", "token", "-p", "m"]));
    let (status, _) = srv.post_form_basic("/token", "grant_type=client_credentials", cid, secret);
    assert_eq!(status, 401);
    let prof = json(pkjwt(p).args(["--json", "profile", "show", "m", "--show-secrets"]));
    assert_ne!(
        prof["registration_access_token"], reg["registration_access_token"],
        "the rotated registration access token was not kept"
    );
    assert_eq!(prof["scope"], "api:read");
    // The kept token is the one that works: doctor reads the registration with it.
    let v = json(pkjwt(p).args(["--json", "doctor", "-p", "m"]));
    let reg_check = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "registered-method")
        .cloned()
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(reg_check["status"], "pass", "{v}");
    // Another client's URI under this client_id is refused before any change.
    let err = fails(
        pkjwt(p).args([
            "migrate",
            "--issuer",
            &srv.issuer,
            "--client-id",
            "someone-else",
            "--registration-client-uri",
            reg["registration_client_uri"].as_str().unwrap(),
            "-k",
            "ks.p12",
            "-p",
            "m",
            "--force",
        ]),
        3,
    );
    assert!(err.contains("not \"someone-else\""), "{err}");

    // Without RFC 7592: the portal steps, the JWKS and the certificate.
    let out = stdout(pkjwt(p).args([
        "migrate",
        "--issuer",
        &srv.issuer,
        "--client-id",
        "portal-app",
        "-k",
        "ks.p12",
        "-p",
        "portal",
    ]));
    assert!(
        out.contains("set its token endpoint authentication to private_key_jwt"),
        "{out}"
    );
    assert!(out.contains("\"keys\""), "{out}");
    assert!(out.contains("-----BEGIN CERTIFICATE-----"), "{out}");
    assert!(out.contains("stop sending the client secret"), "{out}");
    let v = json(pkjwt(p).args([
        "--json",
        "migrate",
        "--issuer",
        &srv.issuer,
        "--client-id",
        "portal-app",
        "-k",
        "ks.p12",
        "-p",
        "portal",
        "--force",
    ]));
    assert_eq!(v["rfc7592"], false);
    assert!(v["jwks"]["keys"][0]["kid"].is_string());
}
