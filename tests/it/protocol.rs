//! The whole journey against the real authorization server (oidc-provider):
//! discovery, registration (inline jwks, jwks_uri, initial access token),
//! assertions and token, introspection, revocation, PAR, device requests,
//! in the default and the FAPI 2.0 profile.

use std::fs;
use std::path::Path;

use crate::common::*;
use crate::faults::JwksHost;
use crate::server::TestServer;

fn register(
    p: &Path,
    srv: &TestServer,
    ks: &str,
    profile: &str,
    extra: &[&str],
) -> serde_json::Value {
    srv.register(&mut pkjwt(p), ks, profile, extra)
}

fn token(p: &Path, profile: &str) -> serde_json::Value {
    json(pkjwt(p).args(["--json", "token", "-p", profile, "--scope", "api:read"]))
}

#[test]
fn discover_finds_metadata_and_checks_keys() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &["--kid", "ec"]);
    let v = json(pkjwt(p).args(["--json", "discover", &srv.issuer, "-k", "ks.p12"]));
    assert_eq!(v["issuer"], srv.issuer.as_str());
    assert_eq!(v["private_key_jwt"], true);
    assert_eq!(
        v["endpoints"]["token_endpoint"],
        format!("{}/token", srv.issuer)
    );
    assert_eq!(v["keys"][0]["accepted"], true);
    let human = pkjwt(p)
        .args(["discover", &srv.issuer])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8_lossy(&human).contains("private_key_jwt: supported"));

    // A different spelling of the issuer is refused, with the right one named.
    let err = fails(pkjwt(p).args(["discover", &format!("{}/", srv.issuer)]), 7);
    assert!(err.contains("names issuer"), "{err}");
    assert!(err.contains(&format!("--issuer {}", srv.issuer)), "{err}");
    // Plain http to a non-loopback host is refused before any request.
    fails(pkjwt(p).args(["discover", "http://example.com"]), 3);
}

#[test]
fn discover_issuer_with_a_path_uses_the_well_known_forms() {
    let d = tmp();
    let srv = TestServer::start(&["--issuer-path", "/tenant1"]);
    assert!(srv.issuer.ends_with("/tenant1"));
    let v = json(pkjwt(d.path()).args(["--json", "discover", &srv.issuer]));
    assert_eq!(v["issuer"], srv.issuer.as_str());
    // The RFC 8414 path-insertion form is served too; pkjwt's candidate list has it.
    let (status, _) = srv.get("/.well-known/oauth-authorization-server/tenant1");
    assert_eq!(status, 200);
}

#[test]
fn journey_inline_jwks_every_algorithm() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    for (alg, name) in [("ES256", "es"), ("PS256", "ps"), ("RS256", "rs")] {
        let ks = format!("{name}.p12");
        keygen(p, &ks, &["--alg", alg, "--rsa-bits", "2048"]);
        let reg = register(p, &srv, &ks, name, &[]);
        let client_id = reg["client_id"].as_str().unwrap().to_string();
        assert_eq!(
            reg["response"]["token_endpoint_auth_method"],
            "private_key_jwt"
        );
        assert_eq!(reg["response"]["token_endpoint_auth_signing_alg"], alg);
        assert_eq!(reg["response"]["registration_access_token"], "(redacted)");
        let t = token(p, name);
        assert_eq!(t["token_type"], "Bearer");
        assert_eq!(t["scope"], "api:read");
        // --field for scripts.
        let at = pkjwt(p)
            .args([
                "token",
                "-p",
                name,
                "--scope",
                "api:read",
                "--field",
                "access_token",
            ])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let at = String::from_utf8(at).unwrap().trim().to_string();
        assert!(at.len() > 20);
        let i = json(pkjwt(p).args(["--json", "introspect", "-p", name, &at]));
        assert_eq!(i["active"], true);
        assert_eq!(i["client_id"], client_id.as_str());
        pkjwt(p)
            .args(["revoke", "-p", name, &at])
            .assert()
            .success();
        let i = json(pkjwt(p).args(["--json", "introspect", "-p", name, &at]));
        assert_eq!(i["active"], false);
    }
    // The profiles file is private.
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(p.join("config/profiles.toml"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let text = fs::read_to_string(p.join("config/profiles.toml")).unwrap();
    assert!(text.contains("[profiles.es]"), "{text}");
    // show redacts the registration access token.
    let shown = pkjwt(p)
        .args(["profile", "show", "es"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8_lossy(&shown).contains("(redacted"));
    let list = json(pkjwt(p).args(["--json", "profile", "list"]));
    assert_eq!(list["profiles"].as_array().unwrap().len(), 3);
}

#[test]
fn par_device_and_any_endpoint() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &[]);
    register(
        p,
        &srv,
        "ks.p12",
        "web",
        &[
            "--grant-type",
            "authorization_code",
            "--grant-type",
            "urn:ietf:params:oauth:grant-type:device_code",
            "--redirect-uri",
            "https://client.example/cb",
        ],
    );
    let par = json(pkjwt(p).args([
        "--json",
        "request",
        "-p",
        "web",
        "par",
        "response_type=code",
        "redirect_uri=https://client.example/cb",
        "scope=api:read",
    ]));
    assert!(par["request_uri"]
        .as_str()
        .unwrap()
        .starts_with("urn:ietf:params:oauth:request_uri:"));
    let dev = json(pkjwt(p).args(["--json", "request", "-p", "web", "device", "scope=api:read"]));
    assert!(dev["device_code"].is_string());
    // By URL too, with aud = the endpoint called.
    let url = format!("{}/request", srv.issuer);
    let par = json(pkjwt(p).args([
        "--json",
        "request",
        "-p",
        "web",
        "--aud",
        "endpoint",
        &url,
        "response_type=code",
        "redirect_uri=https://client.example/cb",
        "scope=api:read",
    ]));
    assert!(par["request_uri"].is_string());
}

#[test]
fn registration_with_an_initial_access_token() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&["--initial-access-token", "iat-secret-123"]);
    keygen(p, "ks.p12", &[]);
    let err = fails(
        pkjwt(p).args([
            "register",
            "--issuer",
            &srv.issuer,
            "-k",
            "ks.p12",
            "-p",
            "x",
        ]),
        7,
    );
    assert!(err.contains("invalid_token"), "{err}");
    fs::write(p.join("iat.txt"), "iat-secret-123\n").unwrap();
    register(
        p,
        &srv,
        "ks.p12",
        "file",
        &["--initial-access-token-file", "iat.txt"],
    );
    let mut c = pkjwt(p);
    c.env("PKJWT_INITIAL_ACCESS_TOKEN", "iat-secret-123").args([
        "--json",
        "register",
        "--issuer",
        &srv.issuer,
        "-k",
        "ks.p12",
        "-p",
        "env",
    ]);
    json(&mut c);
    token(p, "env");
    // A profile name is not reused without --force.
    let err = fails(
        pkjwt(p).args([
            "register",
            "--issuer",
            &srv.issuer,
            "-k",
            "ks.p12",
            "-p",
            "env",
        ]),
        3,
    );
    assert!(err.contains("--force"), "{err}");
}

#[test]
fn registration_with_a_jwks_uri() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &["--alg", "PS256", "--rsa-bits", "2048"]);
    let jwks = pkjwt(p)
        .args(["jwks", "-k", "ks.p12"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let host = JwksHost::serve(String::from_utf8(jwks).unwrap());
    let reg = register(p, &srv, "ks.p12", "hosted", &["--jwks-uri", &host.url]);
    assert_eq!(reg["response"]["jwks_uri"], host.url.as_str());
    assert!(reg["response"].get("jwks").is_none());
    let t = token(p, "hosted");
    assert_eq!(t["token_type"], "Bearer");
    assert!(host.hits() >= 1, "the server fetched the hosted JWKS");
}

#[test]
fn fapi2_profile_is_strict_and_pkjwt_respects_it() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&["--profile", "fapi2"]);
    keygen(p, "rs.p12", &["--alg", "RS256", "--rsa-bits", "2048"]);
    // RS256 is refused before anything is sent.
    let err = fails(
        pkjwt(p).args([
            "register",
            "--issuer",
            &srv.issuer,
            "-k",
            "rs.p12",
            "-p",
            "rs",
        ]),
        3,
    );
    assert!(err.contains("does not accept RS256"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    for alg in ["ES256", "PS256"] {
        let ks = format!("{alg}.p12");
        keygen(p, &ks, &["--alg", alg, "--rsa-bits", "2048"]);
        register(p, &srv, &ks, alg, &[]);
        let t = token(p, alg);
        assert_eq!(t["token_type"], "Bearer");
    }
    // aud = the token endpoint is refused under FAPI 2.0; the reason is in the server's log.
    let err = fails(
        pkjwt(p).args(["token", "-p", "ES256", "--aud", "token-endpoint"]),
        7,
    );
    assert!(err.contains("invalid_client"), "{err}");
    let events = fs::read_to_string(&srv.events).unwrap();
    assert!(
        events.contains("audience (aud) must equal the issuer"),
        "{events}"
    );
}

#[test]
fn per_request_commands_work_without_a_profile_and_with_profile_add() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &["--kid", "k1"]);
    let reg = register(p, &srv, "ks.p12", "reg", &[]);
    let client_id = reg["client_id"].as_str().unwrap().to_string();
    // Flags alone.
    let t = json(pkjwt(p).args([
        "--json",
        "token",
        "--issuer",
        &srv.issuer,
        "--client-id",
        &client_id,
        "-k",
        "ks.p12",
        "--scope",
        "api:read",
    ]));
    assert_eq!(t["scope"], "api:read");
    // Environment variables alone.
    let t = json(
        pkjwt(p)
            .env("PKJWT_ISSUER", &srv.issuer)
            .env("PKJWT_CLIENT_ID", &client_id)
            .env("PKJWT_KEYSTORE", "ks.p12")
            .env("PKJWT_SCOPE", "api:read")
            .args(["--json", "token"]),
    );
    assert_eq!(t["scope"], "api:read");
    // A client registered out of band.
    pkjwt(p)
        .args([
            "profile",
            "add",
            "oob",
            "--issuer",
            &srv.issuer,
            "--client-id",
            &client_id,
            "-k",
            "ks.p12",
            "--kid",
            "k1",
        ])
        .assert()
        .success();
    token(p, "oob");
    pkjwt(p)
        .args(["profile", "remove", "oob"])
        .assert()
        .success();
    fails(pkjwt(p).args(["token", "-p", "oob"]), 3);
}

#[test]
fn assertion_claims_and_options() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &["--kid", "k"]);
    let base = [
        "--issuer",
        srv.issuer.as_str(),
        "--client-id",
        "-starts-with-hyphen",
        "-k",
        "ks.p12",
    ];
    let v = json(
        pkjwt(p)
            .args(["--json", "assertion", "--decode"])
            .args(base),
    );
    let c = &v["claims"];
    assert_eq!(c["iss"], "-starts-with-hyphen");
    assert_eq!(c["sub"], "-starts-with-hyphen");
    assert_eq!(
        c["aud"],
        srv.issuer.as_str(),
        "the default audience is the issuer, as a string"
    );
    assert_eq!(c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap(), 60);
    assert_eq!(c["jti"].as_str().unwrap().len(), 22);
    assert_eq!(v["header"]["alg"], "ES256");
    assert_eq!(v["header"]["kid"], "k");
    assert!(v["header"].get("typ").is_none());

    let v = json(
        pkjwt(p)
            .args([
                "--json",
                "assertion",
                "--decode",
                "--aud",
                "token-endpoint",
                "--lifetime",
                "30",
                "--typ",
                "--x5t",
                "sha1",
                "--claim",
                "tenant=42",
                "--claim",
                "x=y",
            ])
            .args(base),
    );
    assert_eq!(v["claims"]["aud"], format!("{}/token", srv.issuer));
    assert_eq!(
        v["claims"]["exp"].as_i64().unwrap() - v["claims"]["iat"].as_i64().unwrap(),
        30
    );
    assert_eq!(v["claims"]["tenant"], 42);
    assert_eq!(v["claims"]["x"], "y");
    assert_eq!(v["header"]["typ"], "client-authentication+jwt");
    assert_eq!(v["header"]["x5t"].as_str().unwrap().len(), 27);

    let out = pkjwt(p)
        .args(["assertion", "--count", "50"])
        .args(base)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines: Vec<String> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    assert_eq!(lines.len(), 50);
    let mut jtis: Vec<String> = lines
        .iter()
        .map(|l| {
            pkjwt::oauth::assertion::decode_unverified(l).unwrap().1["jti"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    jtis.sort();
    jtis.dedup();
    assert_eq!(jtis.len(), 50, "every assertion has its own jti");
    // Verified by the exported JWK, as a server would.
    let jwks = json(pkjwt(p).args(["jwks", "-k", "ks.p12"]));
    let jwk = josekit::jwk::Jwk::from_bytes(serde_json::to_vec(&jwks["keys"][0]).unwrap()).unwrap();
    let verifier = josekit::jws::ES256.verifier_from_jwk(&jwk).unwrap();
    josekit::jws::deserialize_compact(&lines[0], &verifier).unwrap();
}

#[test]
fn verbose_traces_redact_secrets() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &[]);
    register(p, &srv, "ks.p12", "v", &[]);
    let out = pkjwt(p)
        .args(["-v", "--json", "token", "-p", "v", "--scope", "api:read"])
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let token = stdout["access_token"].as_str().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("> POST "), "{err}");
    assert!(err.contains("client_assertion="), "{err}");
    assert!(err.contains("(signature redacted)"), "{err}");
    assert!(err.contains("\"access_token\":\"(redacted)\""), "{err}");
    assert!(
        !err.contains(token),
        "the access token leaked into the trace"
    );
    // The registration access token does not leak from register -v either.
    let out = pkjwt(p)
        .args([
            "-v",
            "register",
            "--issuer",
            &srv.issuer,
            "-k",
            "ks.p12",
            "-p",
            "v2",
        ])
        .assert()
        .success()
        .get_output()
        .clone();
    let text = fs::read_to_string(p.join("config/profiles.toml")).unwrap();
    let rat_line = text
        .lines()
        .find(|l| l.starts_with("registration_access_token"))
        .unwrap();
    let rat = rat_line.split('"').nth(1).unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains(rat));
    assert!(!String::from_utf8_lossy(&out.stdout).contains(rat));
}

#[test]
fn key_rotation_through_rfc7592_update() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &["--kid", "old"]);
    register(p, &srv, "ks.p12", "rot", &[]);
    keygen(
        p,
        "ks.p12",
        &["--kid", "new", "--alg", "PS256", "--rsa-bits", "2048"],
    );
    // Not registered yet: refused.
    pkjwt(p)
        .args(["token", "-p", "rot", "--kid", "new"])
        .assert()
        .code(7);
    // Register both (the first signs from now on).
    let v = json(pkjwt(p).args([
        "--json", "register", "--update", "-p", "rot", "--kid", "new", "--kid", "old",
    ]));
    assert_eq!(v["signing_kid"], "new");
    assert_eq!(v["kids"], serde_json::json!(["new", "old"]));
    assert_eq!(v["response"]["token_endpoint_auth_signing_alg"], "PS256");
    let t = token(p, "rot");
    assert_eq!(t["token_type"], "Bearer");
    let shown = json(pkjwt(p).args(["--json", "profile", "show", "rot"]));
    assert_eq!(shown["kid"], "new");
    assert_eq!(shown["alg"], "PS256");
    // The old key is still registered (its JWK says ES256).
    pkjwt(p)
        .args(["token", "-p", "rot", "--kid", "old", "--alg", "ES256"])
        .assert()
        .code(7);
    // Drop the old key everywhere.
    pkjwt(p)
        .args(["keys", "remove", "-k", "ks.p12", "--kid", "old"])
        .assert()
        .success();
    let v = json(pkjwt(p).args(["--json", "register", "--update", "-p", "rot"]));
    assert_eq!(v["kids"], serde_json::json!(["new"]));
    token(p, "rot");
}

#[test]
fn registration_metadata_file_contacts_and_software_statement() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &[]);
    fs::write(p.join("meta.json"), r#"{"client_name": "from file", "client_uri": "https://client.example", "tos_uri": "https://client.example/tos"}"#).unwrap();
    let reg = register(
        p,
        &srv,
        "ks.p12",
        "meta",
        &[
            "--metadata",
            "meta.json",
            "--client-name",
            "from flag",
            "--contact",
            "ops@client.example",
        ],
    );
    assert_eq!(
        reg["response"]["client_name"], "from flag",
        "options win over --metadata"
    );
    assert_eq!(reg["response"]["client_uri"], "https://client.example");
    assert_eq!(
        reg["response"]["contacts"],
        serde_json::json!(["ops@client.example"])
    );
    // --metadata - reads stdin; a non-object is refused before anything is sent.
    fs::write(p.join("bad.json"), "[1,2]").unwrap();
    fails(
        pkjwt(p).args([
            "register",
            "--issuer",
            &srv.issuer,
            "-k",
            "ks.p12",
            "-p",
            "bad",
            "--metadata",
            "bad.json",
        ]),
        3,
    );
    // A software statement is sent as given (the test server does not require one).
    let stmt = "eyJhbGciOiJub25lIn0.eyJzb2Z0d2FyZV9pZCI6IngifQ.";
    fs::write(p.join("ss.jwt"), format!("{stmt}\n")).unwrap();
    let out = pkjwt(p)
        .args([
            "-v",
            "register",
            "--issuer",
            &srv.issuer,
            "-k",
            "ks.p12",
            "-p",
            "ss",
            "--software-statement",
            "ss.jwt",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("\"software_statement\":\"(redacted)\""),
        "the statement travels, redacted in the trace: {err}"
    );
}
