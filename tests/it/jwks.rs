//! jwks: public members only, deterministic, and usable to verify signatures.

use std::fs;

use josekit::jws::{JwsHeader, ES256, PS256, RS256};
use pkjwt::keystore::Keystore;
use pkjwt::secret::Password;

use crate::common::*;

#[test]
fn jwks_is_public_and_deterministic() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &["--kid", "ec"]);
    keygen(
        p,
        "ks.p12",
        &["--kid", "rsa", "--alg", "RS256", "--rsa-bits", "2048"],
    );
    let a = pkjwt(p)
        .args(["jwks", "-k", "ks.p12"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let b = pkjwt(p)
        .args(["jwks", "-k", "ks.p12"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(a, b, "same keystore, same bytes");
    let v: serde_json::Value = serde_json::from_slice(&a).unwrap();
    let keys = v["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 2);
    for k in keys {
        let members: Vec<&str> = k.as_object().unwrap().keys().map(|s| s.as_str()).collect();
        for private in ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] {
            assert!(
                !members.contains(&private),
                "private member {private} in {k}"
            );
        }
        assert_eq!(k["use"], "sig");
    }
    assert_eq!(keys[0]["kty"], "EC");
    assert_eq!(keys[0]["crv"], "P-256");
    assert_eq!(keys[0]["alg"], "ES256");
    assert_eq!(keys[1]["kty"], "RSA");
    assert_eq!(keys[1]["e"], "AQAB");
    // Member order is fixed.
    let order: Vec<&str> = keys[1]
        .as_object()
        .unwrap()
        .keys()
        .map(|s| s.as_str())
        .collect();
    assert_eq!(order, vec!["kty", "kid", "use", "alg", "n", "e"]);

    // Selection, --x5c, --out.
    pkjwt(p)
        .args([
            "jwks",
            "-k",
            "ks.p12",
            "--kid",
            "rsa",
            "--x5c",
            "--out",
            "jwks.json",
        ])
        .assert()
        .success();
    let v: serde_json::Value =
        serde_json::from_slice(&fs::read(p.join("jwks.json")).unwrap()).unwrap();
    assert_eq!(v["keys"].as_array().unwrap().len(), 1);
    let k = &v["keys"][0];
    assert_eq!(k["kid"], "rsa");
    assert_eq!(k["x5c"].as_array().unwrap().len(), 1);
    assert_eq!(k["x5t#S256"].as_str().unwrap().len(), 43);
    // x5t#S256 is the SHA-256 of the certificate in x5c.
    use base64ct::Encoding;
    use sha2::Digest;
    let der = base64ct::Base64::decode_vec(k["x5c"][0].as_str().unwrap()).unwrap();
    assert_eq!(
        base64ct::Base64UrlUnpadded::encode_string(&sha2::Sha256::digest(&der)),
        k["x5t#S256"].as_str().unwrap()
    );
}

fn sign_all(p: &std::path::Path) -> Vec<(String, String)> {
    let ks = Keystore::open(&p.join("ks.p12"), &Password::new(PW.into())).unwrap();
    let mut out = Vec::new();
    for e in &ks.entries {
        let der = e.key.to_pkcs8_der().unwrap();
        let mut header = JwsHeader::new();
        header.set_key_id(&e.kid);
        let payload = format!("{{\"sub\":\"{}\"}}", e.kid);
        let jws = match e.alg().as_str() {
            "RS256" => josekit::jws::serialize_compact(
                payload.as_bytes(),
                &header,
                &RS256.signer_from_der(&*der).unwrap(),
            ),
            "PS256" => josekit::jws::serialize_compact(
                payload.as_bytes(),
                &header,
                &PS256.signer_from_der(&*der).unwrap(),
            ),
            _ => josekit::jws::serialize_compact(
                payload.as_bytes(),
                &header,
                &ES256.signer_from_der(&*der).unwrap(),
            ),
        }
        .unwrap();
        out.push((e.kid.clone(), jws));
    }
    out
}

#[test]
fn signatures_by_stored_keys_verify_with_the_exported_jwks() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &["--kid", "es", "--alg", "ES256"]);
    keygen(
        p,
        "ks.p12",
        &["--kid", "ps", "--alg", "PS256", "--rsa-bits", "2048"],
    );
    keygen(
        p,
        "ks.p12",
        &["--kid", "rs", "--alg", "RS256", "--rsa-bits", "2048"],
    );
    pkjwt(p)
        .args(["jwks", "-k", "ks.p12", "-o", "jwks.json"])
        .assert()
        .success();
    let jwks: serde_json::Value =
        serde_json::from_slice(&fs::read(p.join("jwks.json")).unwrap()).unwrap();
    let signed = sign_all(p);

    // josekit
    for (kid, jws) in &signed {
        let jwk_json = jwks["keys"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["kid"] == kid.as_str())
            .unwrap();
        let jwk = josekit::jwk::Jwk::from_bytes(serde_json::to_vec(jwk_json).unwrap()).unwrap();
        let (payload, header) = match jwk_json["alg"].as_str().unwrap() {
            "RS256" => {
                josekit::jws::deserialize_compact(jws, &RS256.verifier_from_jwk(&jwk).unwrap())
            }
            "PS256" => {
                josekit::jws::deserialize_compact(jws, &PS256.verifier_from_jwk(&jwk).unwrap())
            }
            _ => josekit::jws::deserialize_compact(jws, &ES256.verifier_from_jwk(&jwk).unwrap()),
        }
        .unwrap();
        assert_eq!(header.key_id(), Some(kid.as_str()));
        assert!(String::from_utf8_lossy(&payload).contains(kid.as_str()));
    }

    // An independent verifier: Python `cryptography`, from the JWK members alone.
    let tokens: String = signed.iter().map(|(_, t)| format!("{t}\n")).collect();
    fs::write(p.join("tokens.txt"), tokens).unwrap();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/verify_jws.py");
    let out = run(p, "python3", &[script, "jwks.json", "tokens.txt"]);
    assert_eq!(out.trim(), "verified 3");
}
