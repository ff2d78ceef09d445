//! The whole journey against a real Keycloak 26 (see keycloak_server.rs):
//! registration with an initial access token under Keycloak's client
//! registration policies, client_credentials with private_key_jwt for
//! ES256, RS256 and PS256, inline jwks and a jwks_uri on loopback, RFC 7592
//! key rotation, introspection and revocation, and the diagnosis of its
//! refusals from Keycloak's own error descriptions. One realm per test.

use std::path::Path;

use serde_json::{json, Value};

use crate::common::*;
use crate::faults::JwksHost;
use crate::keycloak_server::{keycloak, Keycloak};

/// A realm named `name` and an initial access token in `p/iat.txt`; the issuer.
pub(crate) fn realm(k: &Keycloak, p: &Path, name: &str) -> String {
    let issuer = k.realm(name);
    k.initial_access_token(name, &p.join("iat.txt"));
    issuer
}

pub(crate) fn register(p: &Path, issuer: &str, ks: &str, profile: &str, extra: &[&str]) -> Value {
    let mut c = pkjwt(p);
    c.args([
        "--json",
        "register",
        "--issuer",
        issuer,
        "-k",
        ks,
        "-p",
        profile,
        "--initial-access-token-file",
        "iat.txt",
    ])
    .args(extra);
    json(&mut c)
}

fn token(p: &Path, args: &[&str]) -> Value {
    let mut c = pkjwt(p);
    c.args(["--json", "token"]).args(args);
    json(&mut c)
}

/// A refused `pkjwt --json token`: Keycloak's error_description and the
/// causes, most likely first.
fn refused(p: &Path, args: &[&str]) -> (String, Vec<Value>) {
    let out = pkjwt(p)
        .args(["--json", "token"])
        .args(args)
        .assert()
        .code(7)
        .get_output()
        .clone();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON diagnosis ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert_eq!(v["error"], "invalid_client", "{v}");
    (
        v["error_description"].as_str().unwrap_or("").to_string(),
        v["causes"].as_array().unwrap().clone(),
    )
}

fn kid(v: &Value) -> String {
    v["kid"].as_str().unwrap().to_string()
}

/// The claims of a JWT (Keycloak's access tokens are JWTs).
fn claims(jwt: &str) -> Value {
    use base64ct::{Base64UrlUnpadded, Encoding};
    let payload = jwt.split('.').nth(1).unwrap();
    serde_json::from_slice(&Base64UrlUnpadded::decode_vec(payload).unwrap()).unwrap()
}

/// `pkjwt --json introspect -p profile` of `token` (always exit 0).
fn introspect(p: &Path, profile: &str, token: &str, extra: &[&str]) -> Value {
    let mut c = pkjwt(p);
    c.args(["--json", "introspect", "-p", profile])
        .args(extra)
        .arg("-")
        .write_stdin(token.to_string());
    json(&mut c)
}

#[test]
fn keycloak_journey_every_algorithm_introspection_and_revocation() {
    let Some(k) = keycloak() else { return };
    let d = tmp();
    let p = d.path();
    let issuer = realm(k, p, "journey");
    for alg in ["ES256", "RS256", "PS256"] {
        let ks = format!("{alg}.p12");
        keygen(p, &ks, &["--alg", alg]);
        let reg = register(p, &issuer, &ks, alg, &[]);
        let r = &reg["response"];
        assert_eq!(r["token_endpoint_auth_method"], "private_key_jwt", "{r}");
        assert_eq!(r["token_endpoint_auth_signing_alg"], alg, "{r}");
        let t = token(p, &["-p", alg]);
        assert_eq!(t["token_type"], "Bearer", "{t}");
        let at = t["access_token"].as_str().unwrap();
        let client_id = reg["client_id"].as_str().unwrap();
        // The access token names the client as azp; its aud is Keycloak's
        // "account" client (the default roles), not the client.
        let c = claims(at);
        assert_eq!(c["azp"], client_id, "{c}");
        assert!(!c["aud"].to_string().contains(client_id), "{c}");
        let i = introspect(p, alg, at, &[]);
        if k.at_least(&[26, 6, 2]) {
            // Since 26.6.2 a client may introspect only tokens whose aud
            // names it: its own token is "not active", and nothing more;
            // pkjwt adds why (--json "hint").
            assert_eq!(i["active"], false, "{i}");
            assert_eq!(i.as_object().unwrap().len(), 2, "{i}");
            let hint = i["hint"].as_str().unwrap();
            assert!(hint.contains("does not name this client"), "{hint}");
        } else {
            assert_eq!(i["active"], true, "{i}");
            assert_eq!(i["client_id"], client_id, "{i}");
        }
    }

    // With an Audience mapper that puts the client in its tokens' aud, the
    // client introspects its own tokens (every release), and revokes them.
    let client_id = json(pkjwt(p).args(["--json", "profile", "show", "ES256"]))["client_id"]
        .as_str()
        .unwrap()
        .to_string();
    k.audience_mapper("journey", &client_id);
    let t = token(p, &["-p", "ES256"]);
    let at = t["access_token"].as_str().unwrap();
    assert!(claims(at)["aud"].to_string().contains(&client_id));
    let i = introspect(p, "ES256", at, &[]);
    assert_eq!(i["active"], true, "{i}");
    assert_eq!(i["client_id"], client_id.as_str(), "{i}");
    // The introspection endpoint is an aud Keycloak accepts there ...
    let endpoints = format!("{issuer}/protocol/openid-connect");
    let aud = format!("{endpoints}/token/introspect");
    assert_eq!(introspect(p, "ES256", at, &["--aud", &aud])["active"], true);
    // ... the revocation endpoint is not, even at the revocation endpoint.
    let err = fails(
        pkjwt(p)
            .args([
                "revoke",
                "-p",
                "ES256",
                "--aud",
                &format!("{endpoints}/revoke"),
                "-",
            ])
            .write_stdin(at.to_string()),
        7,
    );
    assert!(err.contains("Invalid token audience"), "{err}");
    let mut c = pkjwt(p);
    c.args(["--json", "revoke", "-p", "ES256", "-"])
        .write_stdin(at.to_string());
    assert_eq!(json(&mut c)["revoked"], true);
    let i = introspect(p, "ES256", at, &[]);
    assert_eq!(i["active"], false, "{i}");
    assert!(i["hint"].as_str().unwrap().contains("revoked"), "{i}");

    // Every audience Keycloak documents is accepted, the issuer by default.
    token(p, &["-p", "ES256", "--aud", "token-endpoint"]);
    token(p, &["-p", "ES256", "--aud", &issuer]);
    token(p, &["-p", "ES256", "--aud", &aud]);
    token(
        p,
        &[
            "-p",
            "ES256",
            "--aud",
            &format!("{endpoints}/ext/par/request"),
        ],
    );
}

#[test]
fn keycloak_jwks_uri_on_loopback_and_rfc7592_rotation() {
    let Some(k) = keycloak() else { return };
    let d = tmp();
    let p = d.path();
    let issuer = realm(k, p, "rotation");
    // A jwks_uri on loopback: Keycloak fetches it when the assertion comes.
    keygen(p, "hosted.p12", &["--alg", "ES256"]);
    let jwks = stdout(pkjwt(p).args(["jwks", "-k", "hosted.p12"]));
    let host = JwksHost::serve(jwks);
    let reg = register(
        p,
        &issuer,
        "hosted.p12",
        "hosted",
        &["--jwks-uri", &host.url],
    );
    assert_eq!(reg["response"]["jwks_uri"], host.url.as_str());
    token(p, &["-p", "hosted"]);
    assert!(host.hits() >= 1, "Keycloak never fetched the jwks_uri");

    // Inline keys, rotated through RFC 7592: the new key signs at once,
    // the old one keeps working until it is dropped from the registration.
    let old = kid(&keygen(p, "c.p12", &["--alg", "ES256"]));
    register(p, &issuer, "c.p12", "c", &[]);
    token(p, &["-p", "c"]);
    let new = kid(&keygen(p, "c.p12", &["--alg", "ES256"]));
    let mut c = pkjwt(p);
    c.args([
        "--json", "register", "--update", "-p", "c", "--kid", &new, "--kid", &old,
    ]);
    json(&mut c);
    let a = json(pkjwt(p).args(["--json", "assertion", "-p", "c"]));
    assert_eq!(a["kid"], new.as_str());
    token(p, &["-p", "c"]);
    token(p, &["-p", "c", "--kid", &old]);
    // Dropping the old key: Keycloak refuses it and says it has no such key.
    let mut c = pkjwt(p);
    c.args(["--json", "register", "--update", "-p", "c", "--kid", &new]);
    json(&mut c);
    let (desc, causes) = refused(p, &["-p", "c", "--kid", &old]);
    assert_eq!(desc, "Unable to load public key");
    assert_eq!(causes[0]["code"], "kid-unknown", "{causes:?}");
    token(p, &["-p", "c"]);
}

#[test]
fn keycloak_refusals_are_diagnosed_from_its_error_descriptions() {
    let Some(k) = keycloak() else { return };
    let d = tmp();
    let p = d.path();
    let issuer = realm(k, p, "refusals");
    let es = kid(&keygen(p, "c.p12", &["--alg", "ES256"]));
    register(p, &issuer, "c.p12", "c", &["--kid", &es]);

    // Wrong aud.
    let (desc, c) = refused(p, &["-p", "c", "--aud", "https://elsewhere.example/"]);
    assert_eq!(desc, "Invalid token audience");
    assert_eq!(c[0]["code"], "aud-unknown", "{c:?}");
    assert!(c[0]["message"]
        .as_str()
        .unwrap()
        .contains("the server says"));

    // Several audiences (the issuer among them): refused since Keycloak
    // 26.2 unless a server option allows them; the cause names it.
    let (desc, c) = refused(
        p,
        &[
            "-p",
            "c",
            "--claim",
            &format!(r#"aud=["{issuer}","https://other.example/"]"#),
        ],
    );
    assert_eq!(desc, "Multiple audiences not allowed");
    assert_eq!(c[0]["code"], "aud-array", "{c:?}");
    assert!(
        c[0]["message"]
            .as_str()
            .unwrap()
            .contains("the server says"),
        "{c:?}"
    );
    let hint = c[0]["hint"].as_str().unwrap();
    assert!(
        hint.contains("allow-multiple-audiences-for-jwt-client-authentication"),
        "{hint}"
    );

    // A key the client never registered (same algorithm).
    let unregistered = kid(&keygen(p, "c.p12", &["--alg", "ES256"]));
    let (desc, c) = refused(p, &["-p", "c", "--kid", &unregistered]);
    assert_eq!(desc, "Unable to load public key");
    assert_eq!(c[0]["code"], "kid-unknown", "{c:?}");

    // An expired assertion (the clock an hour behind).
    let (desc, c) = refused(p, &["-p", "c", "--clock-offset", "-3600"]);
    assert_eq!(desc, "Token is not active");
    assert_eq!(c[0]["code"], "exp-past", "{c:?}");

    // An assertion older than the client's Max expiration (60 s by default)
    // though not expired: the cause names the Keycloak setting.
    let (desc, c) = refused(
        p,
        &["-p", "c", "--clock-offset", "-120", "--lifetime", "600"],
    );
    assert_eq!(desc, "Token was issued too far in the past to be used now");
    assert_eq!(c[0]["code"], "server-max-expiration", "{c:?}");
    assert!(c[0]["hint"].as_str().unwrap().contains("Max expiration"));

    // A reused jti.
    token(
        p,
        &["-p", "c", "--claim", "jti=kc-reused-jti-0123456789abcdef"],
    );
    let (desc, c) = refused(
        p,
        &["-p", "c", "--claim", "jti=kc-reused-jti-0123456789abcdef"],
    );
    assert_eq!(desc, "Token reuse detected");
    assert_eq!(c[0]["code"], "jti-reused", "{c:?}");

    // The wrong algorithm: an RS256 key for a client registered for ES256.
    let rs = kid(&keygen(p, "c.p12", &["--alg", "RS256"]));
    let (desc, c) = refused(p, &["-p", "c", "--kid", &rs]);
    assert_eq!(desc, "Invalid signature algorithm");
    assert_eq!(c[0]["code"], "alg-not-registered", "{c:?}");

    // Keycloak accepts a 600 s assertion used at once: Max expiration
    // counts from iat.
    token(p, &["-p", "c", "--lifetime", "600"]);
}

#[test]
fn keycloak_registration_policies_are_named_and_changed() {
    let Some(k) = keycloak() else { return };
    let d = tmp();
    let p = d.path();
    let issuer = realm(k, p, "policies");
    k.admin(
        "POST",
        "/policies/client-scopes",
        Some(json!({"name": "api:read", "protocol": "openid-connect"})),
    );
    keygen(p, "c.p12", &["--alg", "ES256"]);

    // Anonymous registration: refused by the Trusted Hosts policy, and the
    // error names it and the way round it.
    let err = fails(
        pkjwt(p).args(["register", "--issuer", &issuer, "-k", "c.p12", "-p", "anon"]),
        7,
    );
    assert!(err.contains("Trusted Hosts"), "{err}");
    assert!(
        err.contains("hint:") && err.contains("initial access token"),
        "{err}"
    );

    // A scope outside the Allowed Client Scopes policy, by default.
    let err = fails(
        pkjwt(p).args([
            "register",
            "--issuer",
            &issuer,
            "-k",
            "c.p12",
            "-p",
            "scoped",
            "--initial-access-token-file",
            "iat.txt",
            "--scope",
            "api:read",
        ]),
        7,
    );
    assert!(
        err.contains("hint:") && err.contains("Allowed Client Scopes"),
        "{err}"
    );

    // The setting changed: the policy allows the scope; then it works.
    let mut pol = k.policy("policies", "allowed-client-templates", "authenticated");
    pol["config"]["allowed-client-scopes"] = json!(["api:read"]);
    let id = pol["id"].as_str().unwrap().to_string();
    k.admin("PUT", &format!("/policies/components/{id}"), Some(pol));
    register(p, &issuer, "c.p12", "scoped", &["--scope", "api:read"]);
    let t = token(p, &["-p", "scoped", "--scope", "api:read"]);
    assert!(t["scope"].as_str().unwrap().contains("api:read"), "{t}");
}

#[test]
fn keycloak_preset_profile_gets_a_token() {
    let Some(k) = keycloak() else { return };
    let d = tmp();
    let p = d.path();
    let issuer = realm(k, p, "preset");
    keygen(p, "c.p12", &["--alg", "ES256"]);
    let reg = register(p, &issuer, "c.p12", "registered", &[]);
    let client_id = reg["client_id"].as_str().unwrap();
    // The same client, as a user with a portal-made client would add it.
    let mut c = pkjwt(p);
    c.args([
        "--json",
        "profile",
        "add",
        "kc",
        "--preset",
        "keycloak",
        "--issuer",
        &issuer,
        "--client-id",
        client_id,
        "-k",
        "c.p12",
    ]);
    json(&mut c);
    let prof = json(pkjwt(p).args(["--json", "profile", "show", "kc"]));
    assert_eq!(
        prof["endpoints"]["token_endpoint"],
        format!("{issuer}/protocol/openid-connect/token").as_str()
    );
    assert_eq!(prof["lifetime"], 60);
    let t = token(p, &["-p", "kc"]);
    assert_eq!(t["token_type"], "Bearer", "{t}");
    // doctor: the token works, and the assertion follows the preset.
    let v = json(pkjwt(p).args(["--json", "doctor", "-p", "kc", "--no-probe"]));
    let preset = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "preset")
        .cloned()
        .unwrap();
    assert_eq!(preset["status"], "pass", "{preset}");
}
