//! Hardware keys through PKCS#11, with SoftHSM2 as the token (`scripts/test`
//! installs the Debian package softhsm2): keys generated on the token and
//! never extractable, certificates beside them, assertions that verify
//! against the JWKS, and a registration and token request against the real
//! test server.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use josekit::jws::{ES256, PS256, RS256};

use crate::common::*;
use crate::serve::Served;
use crate::server::TestServer;

const MODULE: &str = "/usr/lib/softhsm/libsofthsm2.so";
const PIN: &str = "4711-pin";

/// Held while a test opens a token in this process: SOFTHSM2_CONF is
/// process-wide and the module is initialized once per process.
static IN_PROCESS: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// A SoftHSM token store of its own in `dir`, with one token `label`.
fn token(dir: &Path, label: &str) -> PathBuf {
    assert!(
        Path::new(MODULE).exists(),
        "SoftHSM2 is not installed: run scripts/test (it installs the softhsm2 package)"
    );
    let store = dir.join("tokens");
    std::fs::create_dir_all(&store).unwrap();
    let conf = dir.join("softhsm2.conf");
    std::fs::write(
        &conf,
        format!(
            "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n",
            store.display()
        ),
    )
    .unwrap();
    let out = std::process::Command::new("softhsm2-util")
        .env("SOFTHSM2_CONF", &conf)
        .args([
            "--init-token",
            "--free",
            "--label",
            label,
            "--pin",
            PIN,
            "--so-pin",
            "so-pin-0000",
        ])
        .output()
        .expect("softhsm2-util");
    assert!(out.status.success(), "{:?}", out);
    conf
}

/// pkjwt with the token's configuration, module and PIN.
fn on_token(dir: &Path, conf: &Path) -> Command {
    let mut c = pkjwt(dir);
    c.env("SOFTHSM2_CONF", conf)
        .env("PKJWT_PKCS11_MODULE", MODULE)
        .env("PKJWT_KEYSTORE_PASSWORD", PIN);
    c
}

fn verify(jwk: &serde_json::Value, jws: &str) -> serde_json::Value {
    let key = josekit::jwk::Jwk::from_bytes(serde_json::to_vec(jwk).unwrap()).unwrap();
    let (payload, _) = match jwk["alg"].as_str().unwrap() {
        "RS256" => josekit::jws::deserialize_compact(jws, &RS256.verifier_from_jwk(&key).unwrap()),
        "PS256" => josekit::jws::deserialize_compact(jws, &PS256.verifier_from_jwk(&key).unwrap()),
        _ => josekit::jws::deserialize_compact(jws, &ES256.verifier_from_jwk(&key).unwrap()),
    }
    .unwrap_or_else(|e| panic!("{} does not verify: {e}", jwk["alg"]));
    serde_json::from_slice(&payload).unwrap()
}

#[test]
fn keys_generated_on_a_token_sign_there_and_never_leave_it() {
    let d = tmp();
    let p = d.path();
    let conf = token(p, "pkjwt-test");
    let mut generated = Vec::new();
    for (alg, kid) in [("ES256", "ec-1"), ("PS256", "ps-1"), ("RS256", "rs-1")] {
        let uri = format!("pkcs11:token=pkjwt-test;object={kid}");
        let v = json(on_token(p, &conf).args([
            "--json",
            "keygen",
            "-k",
            &uri,
            "--alg",
            alg,
            "--rsa-bits",
            "2048",
        ]));
        assert_eq!(v["kid"], kid);
        assert_eq!(v["alg"], alg);
        assert_eq!(v["keystore"], uri.as_str());
        assert_eq!(v["certificate"]["self_signed"], true);
        generated.push((alg, kid, uri));
    }

    // The private keys are sensitive and not extractable, asked through cryptoki.
    {
        use cryptoki::object::AttributeType;
        use pkjwt::keystore::pkcs11::{Token, Uri};
        let _one = IN_PROCESS.lock().unwrap_or_else(|p| p.into_inner());
        std::env::set_var("SOFTHSM2_CONF", &conf);
        let t = Token::open(
            Path::new(MODULE),
            &Uri::parse("pkcs11:token=pkjwt-test").unwrap(),
        )
        .unwrap();
        t.login(&pkjwt::secret::Password::new(PIN.into())).unwrap();
        for (_, kid, _) in &generated {
            let h = t.private_key(kid).unwrap().expect("a private key object");
            assert_eq!(t.flag(h, AttributeType::Extractable), Some(false), "{kid}");
            assert_eq!(t.flag(h, AttributeType::Sensitive), Some(true), "{kid}");
            assert_eq!(
                t.flag(h, AttributeType::NeverExtractable),
                Some(true),
                "{kid}"
            );
        }
    }

    // The certificates were signed on the token: OpenSSL checks their signatures.
    for (_, kid, _) in &generated {
        let pem = stdout(on_token(p, &conf).args([
            "keys",
            "cert",
            "-k",
            "pkcs11:token=pkjwt-test",
            "--kid",
            kid,
        ]));
        let file = format!("{kid}.pem");
        std::fs::write(p.join(&file), pem).unwrap();
        let out = run(p, "openssl", &["verify", "-CAfile", &file, &file]);
        assert!(out.contains(": OK"), "{out}");
    }

    // keys list shows the three with their certificates, the stored PS256 too.
    let list =
        json(on_token(p, &conf).args(["--json", "keys", "list", "-k", "pkcs11:token=pkjwt-test"]));
    let text = list.to_string();
    for (alg, kid, _) in &generated {
        assert!(text.contains(kid), "{text}");
        assert!(text.contains(alg), "{text}");
    }
    // Exporting a key that lives on a token is refused.
    let jwks = json(on_token(p, &conf).args(["jwks", "-k", "pkcs11:token=pkjwt-test"]));
    for (alg, kid, uri) in &generated {
        let jwk = jwks["keys"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["kid"] == *kid)
            .unwrap_or_else(|| panic!("{kid} not in {jwks}"));
        assert_eq!(jwk["alg"], *alg);
        assert!(jwk.get("d").is_none());
        let out = stdout(on_token(p, &conf).args([
            "assertion",
            "--issuer",
            "https://as.example",
            "--client-id",
            "c1",
            "-k",
            uri,
            "--count",
            "3",
        ]));
        for jws in out.lines() {
            let claims = verify(jwk, jws);
            assert_eq!(claims["iss"], "c1");
        }
    }

    // Errors: a wrong PIN (exit 5), an unknown token and a missing module (exit 3),
    // a PIN in the URI (exit 3), and keys import on a token (exit 3).
    let err = fails(
        on_token(p, &conf)
            .env("PKJWT_KEYSTORE_PASSWORD", "wrong")
            .args(["keys", "list", "-k", "pkcs11:token=pkjwt-test"]),
        5,
    );
    assert!(err.contains("wrong PIN"), "{err}");
    let err = fails(
        on_token(p, &conf).args(["keys", "list", "-k", "pkcs11:token=nope"]),
        3,
    );
    assert!(err.contains("tokens: pkjwt-test"), "{err}");
    let err = fails(
        on_token(p, &conf).env_remove("PKJWT_PKCS11_MODULE").args([
            "keys",
            "list",
            "-k",
            "pkcs11:token=pkjwt-test",
        ]),
        3,
    );
    assert!(err.contains("--pkcs11-module"), "{err}");
    let err = fails(
        on_token(p, &conf).args(["keys", "list", "-k", "pkcs11:token=pkjwt-test;pin-value=1"]),
        3,
    );
    assert!(err.contains("pin-value"), "{err}");
    let err = fails(
        on_token(p, &conf).args(["keygen", "-k", "pkcs11:token=pkjwt-test;object=ec-1"]),
        3,
    );
    assert!(err.contains("already has an object"), "{err}");
    let err = fails(
        on_token(p, &conf).args([
            "keys",
            "remove",
            "-k",
            "pkcs11:token=pkjwt-test",
            "--kid",
            "ec-1",
        ]),
        3,
    );
    assert!(err.contains("PKCS#11 token"), "{err}");
}

#[test]
fn a_token_key_registers_and_gets_tokens() {
    let d = tmp();
    let p = d.path();
    let conf = token(p, "reg");
    let srv = TestServer::start(&[]);
    let uri = "pkcs11:token=reg;object=client-key";
    json(on_token(p, &conf).args(["--json", "keygen", "-k", uri]));
    let reg = json(on_token(p, &conf).args([
        "--json",
        "register",
        "--issuer",
        &srv.issuer,
        "-k",
        uri,
        "-p",
        "hsm",
        "--scope",
        "api:read",
        "--verify",
    ]));
    assert_eq!(
        reg["response"]["token_endpoint_auth_method"],
        "private_key_jwt"
    );
    assert_eq!(reg["response"]["token_endpoint_auth_signing_alg"], "ES256");
    let t = json(on_token(p, &conf).args(["--json", "token", "-p", "hsm", "--scope", "api:read"]));
    assert_eq!(t["token_type"], "Bearer");
    assert_eq!(t["scope"], "api:read");
    // doctor's checks (key, certificate, registration, a token) pass with a token key.
    let v = json(on_token(p, &conf).args(["--json", "doctor", "-p", "hsm", "--scope", "api:read"]));
    assert_eq!(v["failed"], 0, "{v}");
}

/// kid -> state of a token keystore, from `keys list --json`.
fn token_states(p: &Path, conf: &Path, uri: &str) -> Vec<(String, String)> {
    let v = json(on_token(p, conf).args(["--json", "keys", "list", "-k", uri]));
    let mut out: Vec<(String, String)> = v["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["kid"].as_str().unwrap().to_string(),
                k["state"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

/// Every private key object labelled `kid` on the token is sensitive and not
/// extractable; none when `kid` was removed.
fn non_extractable(conf: &Path, token: &str, kid: &str) -> bool {
    use cryptoki::object::AttributeType;
    use pkjwt::keystore::pkcs11::{Token, Uri};
    let _one = IN_PROCESS.lock().unwrap_or_else(|p| p.into_inner());
    std::env::set_var("SOFTHSM2_CONF", conf);
    let t = Token::open(
        Path::new(MODULE),
        &Uri::parse(&format!("pkcs11:token={token}")).unwrap(),
    )
    .unwrap();
    t.login(&pkjwt::secret::Password::new(PIN.into())).unwrap();
    let Some(h) = t.private_key(kid).unwrap() else {
        return false;
    };
    assert_eq!(t.flag(h, AttributeType::Extractable), Some(false), "{kid}");
    assert_eq!(t.flag(h, AttributeType::Sensitive), Some(true), "{kid}");
    assert_eq!(
        t.flag(h, AttributeType::NeverExtractable),
        Some(true),
        "{kid}"
    );
    true
}

#[test]
fn a_token_keystore_rotates_stage_by_stage_and_in_one_cycle() {
    let d = tmp();
    let p = d.path();
    let conf = token(p, "rot");
    let srv = TestServer::start(&[]);
    let uri = "pkcs11:token=rot;object=client";
    json(on_token(p, &conf).args(["--json", "keygen", "-k", uri]));
    json(on_token(p, &conf).args([
        "--json",
        "register",
        "--issuer",
        &srv.issuer,
        "-k",
        uri,
        "-p",
        "t",
        "--scope",
        "api:read",
    ]));
    let token_ok = |kid: Option<&str>| {
        let mut c = on_token(p, &conf);
        c.args(["--json", "token", "-p", "t", "--scope", "api:read"]);
        if let Some(k) = kid {
            c.args(["--kid", k]);
        }
        let t = json(&mut c);
        assert_eq!(t["token_type"], "Bearer", "{t}");
    };
    let rotate = |extra: &[&str]| {
        json(
            on_token(p, &conf)
                .args(["--json", "rotate", "-p", "t"])
                .args(extra),
        )
    };
    token_ok(None);
    // A --kid the URI's object would not select is refused before any change.
    let err = fails(
        on_token(p, &conf).args(["rotate", "-p", "t", "--stage", "next", "--kid", "other"]),
        3,
    );
    assert!(err.contains("would not be selected"), "{err}");

    // next: a key generated on the token, labelled after the URI's object.
    let v = rotate(&["--stage", "next"]);
    let new = v["steps"][0]["kid"].as_str().unwrap().to_string();
    assert!(new.starts_with("client-r"), "{v}");
    assert_eq!(v["steps"][0]["token"], "issued");
    let st = |pairs: &[(&str, &str)]| {
        let mut v: Vec<(String, String)> = pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        token_states(p, &conf, uri),
        st(&[("client", "active"), (&new, "next")])
    );
    assert!(non_extractable(&conf, "rot", &new));
    token_ok(None);
    token_ok(Some(&new));
    // The key's certificate was stored beside it.
    let list = json(on_token(p, &conf).args(["--json", "keys", "list", "-k", uri]));
    assert!(list.to_string().contains("self_signed"), "{list}");

    // promote: the new key signs, its state recorded on the token.
    rotate(&["--stage", "promote"]);
    assert_eq!(
        token_states(p, &conf, uri),
        st(&[("client", "active"), (&new, "active")])
    );
    let a = json(on_token(p, &conf).args(["--json", "assertion", "-p", "t", "--decode"]));
    assert_eq!(a["header"]["kid"], new.as_str());
    token_ok(None);

    // retire: the old key no longer registered.
    rotate(&["--stage", "retire"]);
    assert_eq!(
        token_states(p, &conf, uri),
        st(&[("client", "retired"), (&new, "active")])
    );
    token_ok(None);
    fails(
        on_token(p, &conf).args(["token", "-p", "t", "--scope", "api:read", "--kid", "client"]),
        7,
    );

    // remove: the retired key's objects are destroyed on the token.
    let v = rotate(&["--stage", "remove"]);
    assert_eq!(v["steps"][0]["kids"], serde_json::json!([]));
    assert!(non_extractable(&conf, "rot", "client"));
    rotate(&["--stage", "remove", "--grace", "0s"]);
    assert_eq!(token_states(p, &conf, uri), st(&[(&new, "active")]));
    assert!(!non_extractable(&conf, "rot", "client"));
    token_ok(None);
    assert!(non_extractable(&conf, "rot", &new));

    // The whole cycle in one command, after a second so the label differs.
    wait_past_second(now_secs());
    let v = rotate(&["--grace", "0s"]);
    let stages: Vec<&str> = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stage"].as_str().unwrap())
        .collect();
    assert_eq!(stages, ["next", "promote", "retire", "remove"], "{v}");
    let third = v["signing_kid"].as_str().unwrap().to_string();
    assert_ne!(third, new);
    assert_eq!(token_states(p, &conf, uri), st(&[(&third, "active")]));
    assert!(non_extractable(&conf, "rot", &third));
    token_ok(None);

    // A next whose publishing fails (the server is gone: exit 6) destroys
    // the key it made on the token: the active key alone, as before.
    drop(srv);
    wait_past_second(now_secs());
    let err = fails(
        on_token(p, &conf).args(["rotate", "-p", "t", "--stage", "next"]),
        6,
    );
    assert!(err.contains(&format!("key {third} still signs")), "{err}");
    assert_eq!(token_states(p, &conf, uri), st(&[(&third, "active")]));
    let keys = {
        use pkjwt::keystore::pkcs11::{Token, Uri};
        let _one = IN_PROCESS.lock().unwrap_or_else(|p| p.into_inner());
        std::env::set_var("SOFTHSM2_CONF", &conf);
        let t = std::sync::Arc::new(
            Token::open(Path::new(MODULE), &Uri::parse("pkcs11:token=rot").unwrap()).unwrap(),
        );
        t.login(&pkjwt::secret::Password::new(PIN.into())).unwrap();
        t.keystore().unwrap().entries.len()
    };
    // Every private key on the token, whatever its label.
    assert_eq!(keys, 1);

    // A profile whose URI selects one key by id= is refused before any change.
    let file = p.join("config").join("profiles.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("object=client"), "{text}");
    std::fs::write(&file, text.replace("object=client", "id=%01")).unwrap();
    let err = fails(
        on_token(p, &conf).args(["rotate", "-p", "t", "--stage", "next"]),
        3,
    );
    assert!(err.contains("selects one key by id="), "{err}");
}

#[test]
fn serve_jwks_rereads_a_token_that_rotate_changes() {
    let d = tmp();
    let p = d.path();
    let conf = token(p, "hosted");
    let srv = TestServer::start(&[]);
    let uri = "pkcs11:token=hosted;object=web";
    json(on_token(p, &conf).args(["--json", "keygen", "-k", uri]));
    let host = Served::start_env(
        p,
        uri,
        &[],
        &[
            ("SOFTHSM2_CONF", conf.as_os_str()),
            ("PKJWT_PKCS11_MODULE", MODULE.as_ref()),
            ("PKJWT_KEYSTORE_PASSWORD", PIN.as_ref()),
        ],
    );
    assert!(host.get("/jwks.json").contains("\"web\""));
    json(on_token(p, &conf).args([
        "--json",
        "register",
        "--issuer",
        &srv.issuer,
        "-k",
        uri,
        "-p",
        "h",
        "--scope",
        "api:read",
        "--jwks-uri",
        &host.url,
    ]));
    let token_ok = || {
        let t =
            json(on_token(p, &conf).args(["--json", "token", "-p", "h", "--scope", "api:read"]));
        assert_eq!(t["token_type"], "Bearer", "{t}");
    };
    token_ok();
    // next: the key made on the token is served without restarting serve-jwks.
    let v = json(on_token(p, &conf).args(["--json", "rotate", "-p", "h", "--stage", "next"]));
    let new = v["steps"][0]["kid"].as_str().unwrap().to_string();
    assert_eq!(v["registration"], "jwks_uri");
    let served = host.get("/jwks.json");
    assert!(served.contains(&format!("\"{new}\"")), "{served}");
    assert!(served.contains("\"web\""), "{served}");
    token_ok();
}

/// A shared library in `dir` named `name`.so that looks like a PKCS#11
/// module but whose `C_GetFunctionList` answers CKR_OK with a NULL list.
/// Loading it appends `name` to the file `$PKJWT_TEST_LOADED`.
fn null_list_module(dir: &Path, name: &str) -> PathBuf {
    let src = dir.join(format!("{name}.c"));
    std::fs::write(
        &src,
        format!(
            r#"#include <stdio.h>
#include <stdlib.h>
__attribute__((constructor)) static void loaded(void) {{
    const char *m = getenv("PKJWT_TEST_LOADED");
    FILE *f = m ? fopen(m, "a") : 0;
    if (f) {{ fputs("{name}\n", f); fclose(f); }}
}}
unsigned long C_GetFunctionList(void **list) {{ *list = 0; return 0; }}
"#
        ),
    )
    .unwrap();
    let so = dir.join(format!("{name}.so"));
    let out = std::process::Command::new("cc")
        .args(["-shared", "-fPIC", "-o"])
        .arg(&so)
        .arg(&src)
        .output()
        .expect("cc, the C compiler AWS-LC's build needs too");
    assert!(out.status.success(), "{out:?}");
    so
}

/// Which of the test modules were loaded.
fn loaded(p: &Path) -> String {
    std::fs::read_to_string(p.join("loaded")).unwrap_or_default()
}

#[test]
fn a_module_with_a_null_function_list_is_refused_not_a_crash() {
    let d = tmp();
    let p = d.path();
    let module = null_list_module(p, "null");
    let err = fails(
        pkjwt(p)
            .env("PKJWT_TEST_LOADED", p.join("loaded"))
            .args(["keys", "list", "-k", "pkcs11:token=t", "--pkcs11-module"])
            .arg(&module),
        3,
    );
    assert!(
        err.contains("C_GetFunctionList returned CKR_OK and no function list"),
        "{err}"
    );
    assert!(err.contains(&*module.to_string_lossy()), "{err}");
    assert_eq!(loaded(p), "null\n");
}

#[test]
fn a_named_module_wins_and_a_uri_naming_another_is_refused_before_loading() {
    let d = tmp();
    let p = d.path();
    let named = null_list_module(p, "named");
    let other = null_list_module(p, "other");
    let uri = format!("pkcs11:token=t?module-path={}", other.display());
    let cmd = || {
        let mut c = pkjwt(p);
        c.env("PKJWT_TEST_LOADED", p.join("loaded"))
            .args(["keys", "list", "-k", &uri]);
        c
    };
    // --pkcs11-module, then PKJWT_PKCS11_MODULE: the URI's module is
    // refused and nothing at all is loaded.
    let err = fails(cmd().arg("--pkcs11-module").arg(&named), 3);
    assert!(err.contains("the PKCS#11 URI names the module"), "{err}");
    assert!(err.contains("remove module-path from the URI"), "{err}");
    let err = fails(cmd().env("PKJWT_PKCS11_MODULE", &named), 3);
    assert!(err.contains("the PKCS#11 URI names the module"), "{err}");
    assert_eq!(loaded(p), "");
    // The same module in both: loaded (and refused for its NULL list).
    let err = fails(cmd().arg("--pkcs11-module").arg(&other), 3);
    assert!(err.contains("no function list"), "{err}");
    assert_eq!(loaded(p), "other\n");
    // Nothing else names a module: the URI's module-path is honoured.
    let err = fails(&mut cmd(), 3);
    assert!(err.contains("no function list"), "{err}");
    assert_eq!(loaded(p), "other\nother\n");
}
