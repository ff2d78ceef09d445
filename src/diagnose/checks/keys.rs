//! Key checks: kid against the known JWKS, the signature, the algorithm
//! against the key, and x5t / x5t#S256 against the certificate.

use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::Value;

use crate::diagnose::{Finding, Severity};

use super::{Context, Decoded};

pub(super) fn check_keys(d: &Decoded, ctx: &Context, out: &mut Vec<Finding>) {
    let alg = d.header.get("alg").and_then(Value::as_str).unwrap_or("");
    let kid = d.header.get("kid").and_then(Value::as_str);
    if let Some(keys) = &ctx.jwks {
        let candidates: Vec<&Value> = match kid {
            Some(k) => keys
                .iter()
                .filter(|j| j.get("kid").and_then(Value::as_str) == Some(k))
                .collect(),
            None => keys.iter().collect(),
        };
        if let Some(k) = kid {
            if candidates.is_empty() {
                let have: Vec<&str> = keys
                    .iter()
                    .filter_map(|j| j.get("kid").and_then(Value::as_str))
                    .collect();
                out.push(Finding::new(
                    "kid-unknown",
                    Severity::Error,
                    format!("kid {k} is not in {} (it has: {})", ctx.jwks_source, if have.is_empty() { "no keys".into() } else { have.join(", ") }),
                    "register the key (inline jwks, or publish `pkjwt jwks` at the jwks_uri), or sign with a registered kid (--kid)",
                ));
            }
        }
        let mut verified = false;
        let mut tried = 0;
        for jwk in &candidates {
            let kty = jwk.get("kty").and_then(Value::as_str).unwrap_or("");
            let fits = match alg {
                "RS256" | "PS256" => kty == "RSA",
                "ES256" => kty == "EC" && jwk.get("crv").and_then(Value::as_str) == Some("P-256"),
                _ => false,
            };
            if !fits {
                if kid.is_some() && matches!(alg, "RS256" | "PS256" | "ES256") {
                    out.push(Finding::new(
                        "alg-key-mismatch",
                        Severity::Error,
                        format!("alg {alg} does not fit the {kty} key {}", kid.unwrap_or("")),
                        "RS256 and PS256 need an RSA key, ES256 a P-256 key",
                    ));
                }
                continue;
            }
            if let Some(ja) = jwk.get("alg").and_then(Value::as_str) {
                if ja != alg && kid.is_some() {
                    out.push(Finding::new(
                        "alg-jwk-mismatch",
                        Severity::Error,
                        format!(
                            "the JWK of {} says alg {ja}, and the assertion is {alg}",
                            kid.unwrap_or("")
                        ),
                        format!("sign with {ja} (--alg {ja}), or publish the key with alg {alg}"),
                    ));
                }
            }
            tried += 1;
            if verify(alg, jwk, d) {
                verified = true;
                break;
            }
        }
        if verified {
            out.push(Finding::new(
                "signature-ok",
                Severity::Info,
                format!("the signature verifies with {}", ctx.jwks_source),
                "",
            ));
        } else if tried > 0 {
            out.push(Finding::new(
                "signature-invalid",
                Severity::Error,
                format!("the signature does not verify with the key(s) in {}", ctx.jwks_source),
                "the registered key is not the one that signed: re-register the current key, or sign with the registered one",
            ));
        }
    }
    // x5t / x5t#S256 against the certificate.
    for (name, sha256) in [("x5t#S256", true), ("x5t", false)] {
        let Some(v) = d.header.get(name).and_then(Value::as_str) else {
            continue;
        };
        let Some(cert) = kid.and_then(|k| ctx.certs.get(k)) else {
            out.push(Finding::new(
                "x5t-unchecked",
                Severity::Info,
                format!("{name} is present; no certificate to check it against"),
                "pass --keystore or --profile to check it",
            ));
            continue;
        };
        use sha2::Digest;
        let want = if sha256 {
            Base64UrlUnpadded::encode_string(&sha2::Sha256::digest(cert))
        } else {
            Base64UrlUnpadded::encode_string(&sha1::Sha1::digest(cert))
        };
        if v != want {
            out.push(Finding::new(
                "x5t-mismatch",
                Severity::Error,
                format!("{name} {v} is not the thumbprint of key {}'s certificate ({want})", kid.unwrap_or("")),
                "servers that register certificates (Entra ID) pick the key by this thumbprint: send the right one (--x5t)",
            ));
        }
    }
}

/// Verify the signature of `d` with a public JWK, with the crypto backend.
/// The key material decides; a JWK `alg` that differs is its own finding.
pub fn verify(alg: &str, jwk: &Value, d: &Decoded) -> bool {
    let (Ok(alg), Ok(key)) = (
        alg.parse::<crate::keystore::keys::Alg>(),
        crate::keystore::keys::PublicKey::from_jwk(jwk),
    ) else {
        return false;
    };
    key.verify(alg, d.signing_input.as_bytes(), &d.signature)
}
