//! ID token validation (OpenID Connect Core section 3.1.3.7): the signature
//! against the issuer's keys, then `iss`, `aud`, `azp`, `exp`, `iat` and
//! `nonce`. A failed check is an error naming the claim.

use serde_json::Value;

use crate::keystore::keys::{Alg, PublicKey};

/// Seconds of clock difference tolerated on `exp` and `iat`, beyond the
/// profile's clock offset.
pub const LEEWAY: i64 = 60;

/// Why an ID token is refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IdTokenError {
    /// Not a compact JWS.
    #[error("the ID token is not a JWT: {0}")]
    Malformed(String),
    /// An algorithm pkjwt does not verify (or `none`).
    #[error(
        "the ID token is signed with {0:?}, which pkjwt does not verify (RS256, PS256, ES256)"
    )]
    Alg(String),
    /// No key of the issuer's JWKS has the token's kid (after a refetch).
    #[error("the ID token's kid {0:?} is not in the issuer's JWKS (fetched again to be sure)")]
    UnknownKid(String),
    /// The signature does not verify with the issuer's keys.
    #[error("the ID token's signature does not verify with the issuer's keys")]
    Signature,
    /// A claim is missing or wrong.
    #[error("the ID token's {claim} {reason}")]
    Claim {
        /// The claim.
        claim: &'static str,
        /// What is wrong with it.
        reason: String,
    },
}

/// What the ID token must say.
#[derive(Clone, Debug)]
pub struct Expect<'a> {
    /// The issuer.
    pub issuer: &'a str,
    /// The client_id.
    pub client_id: &'a str,
    /// The nonce sent.
    pub nonce: Option<&'a str>,
    /// Now, on the server's clock (the profile's clock offset added).
    pub now: i64,
}

/// A decoded ID token whose signature is not checked yet.
#[derive(Debug)]
pub struct Unverified {
    decoded: crate::oauth::jwt::Decoded,
    alg: Alg,
    /// The header's kid.
    pub kid: Option<String>,
}

/// Decode `jwt` and read its algorithm.
pub fn decode(jwt: &str) -> Result<Unverified, IdTokenError> {
    let decoded =
        crate::oauth::jwt::decode(jwt).map_err(|e| IdTokenError::Malformed(e.to_string()))?;
    if !decoded.duplicates.is_empty() {
        return Err(IdTokenError::Malformed(
            "a member name is repeated in its header or claims".into(),
        ));
    }
    let alg_s = decoded
        .header
        .get("alg")
        .and_then(Value::as_str)
        .unwrap_or("");
    let alg = alg_s
        .parse::<Alg>()
        .map_err(|_| IdTokenError::Alg(alg_s.to_string()))?;
    let kid = decoded
        .header
        .get("kid")
        .and_then(Value::as_str)
        .map(String::from);
    Ok(Unverified { decoded, alg, kid })
}

impl Unverified {
    /// Whether `jwks` has a key this token may be verified with (by kid
    /// when it has one, else by key type).
    pub fn has_candidate(&self, jwks: &Value) -> bool {
        !self.candidates(jwks).is_empty()
    }

    fn candidates<'j>(&self, jwks: &'j Value) -> Vec<&'j Value> {
        let keys = jwks.get("keys").and_then(Value::as_array);
        keys.map(|ks| {
            ks.iter()
                .take(100)
                .filter(|k| k.get("kty").and_then(Value::as_str) == Some(self.alg.kty()))
                .filter(|k| {
                    k.get("use")
                        .and_then(Value::as_str)
                        .is_none_or(|u| u == "sig")
                })
                .filter(|k| {
                    k.get("alg")
                        .and_then(Value::as_str)
                        .is_none_or(|a| a == self.alg.as_str())
                })
                .filter(|k| match &self.kid {
                    Some(kid) => k.get("kid").and_then(Value::as_str) == Some(kid.as_str()),
                    None => true,
                })
                .collect()
        })
        .unwrap_or_default()
    }

    /// Verify the signature with `jwks`, then the claims; the claims.
    pub fn validate(&self, jwks: &Value, e: &Expect<'_>) -> Result<Value, IdTokenError> {
        let candidates = self.candidates(jwks);
        if candidates.is_empty() {
            return Err(match &self.kid {
                Some(k) => IdTokenError::UnknownKid(k.clone()),
                None => IdTokenError::Signature,
            });
        }
        let verified = candidates.iter().any(|jwk| {
            PublicKey::from_jwk(jwk).is_ok_and(|k| {
                k.verify(
                    self.alg,
                    self.decoded.signing_input.as_bytes(),
                    &self.decoded.signature,
                )
            })
        });
        if !verified {
            return Err(IdTokenError::Signature);
        }
        check_claims(&self.decoded.claims, e)?;
        Ok(self.decoded.claims.clone())
    }
}

fn claim(claim: &'static str, reason: impl Into<String>) -> IdTokenError {
    IdTokenError::Claim {
        claim,
        reason: reason.into(),
    }
}

/// The claim checks, on verified claims.
pub fn check_claims(c: &Value, e: &Expect<'_>) -> Result<(), IdTokenError> {
    match c.get("iss").and_then(Value::as_str) {
        Some(i) if i == e.issuer => {}
        Some(i) => {
            return Err(claim(
                "iss",
                format!("is {i:?}, not the issuer {:?}", e.issuer),
            ))
        }
        None => return Err(claim("iss", "is missing")),
    }
    if c.get("sub")
        .and_then(Value::as_str)
        .is_none_or(str::is_empty)
    {
        return Err(claim("sub", "is missing"));
    }
    let auds: Vec<&str> = match c.get("aud") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => return Err(claim("aud", "is missing")),
    };
    if !auds.contains(&e.client_id) {
        return Err(claim(
            "aud",
            format!("{auds:?} does not contain the client_id {:?}", e.client_id),
        ));
    }
    match c.get("azp").and_then(Value::as_str) {
        Some(a) if a != e.client_id => {
            return Err(claim(
                "azp",
                format!("is {a:?}, not the client_id {:?}", e.client_id),
            ))
        }
        None if auds.len() > 1 => {
            return Err(claim(
                "azp",
                "is missing, and the token has several audiences",
            ))
        }
        _ => {}
    }
    let exp = c
        .get("exp")
        .and_then(Value::as_i64)
        .ok_or_else(|| claim("exp", "is missing"))?;
    if exp.saturating_add(LEEWAY) <= e.now {
        return Err(claim(
            "exp",
            format!("says it expired {} s ago", e.now.saturating_sub(exp)),
        ));
    }
    let iat = c
        .get("iat")
        .and_then(Value::as_i64)
        .ok_or_else(|| claim("iat", "is missing"))?;
    if iat > e.now.saturating_add(LEEWAY) {
        return Err(claim(
            "iat",
            format!(
                "is {} s in the future (check the clock, or the profile's clock_offset)",
                iat.saturating_sub(e.now)
            ),
        ));
    }
    if let Some(n) = e.nonce {
        match c.get("nonce").and_then(Value::as_str) {
            Some(got) if got == n => {}
            Some(_) => return Err(claim("nonce", "is not the nonce sent")),
            None => return Err(claim("nonce", "is missing, and a nonce was sent")),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn expect() -> Expect<'static> {
        Expect {
            issuer: "https://as",
            client_id: "c",
            nonce: Some("N"),
            now: 1000,
        }
    }

    fn good() -> Value {
        json!({"iss": "https://as", "sub": "u", "aud": "c", "exp": 1100, "iat": 990, "nonce": "N"})
    }

    fn with(k: &str, v: Value) -> Value {
        let mut c = good();
        if v.is_null() {
            c.as_object_mut().unwrap().remove(k);
        } else {
            c[k] = v;
        }
        c
    }

    fn refused(c: Value) -> &'static str {
        match check_claims(&c, &expect()) {
            Err(IdTokenError::Claim { claim, .. }) => claim,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn each_claim_is_checked_by_name() {
        check_claims(&good(), &expect()).unwrap();
        assert_eq!(refused(with("iss", json!("https://evil"))), "iss");
        assert_eq!(refused(with("aud", json!("other"))), "aud");
        assert_eq!(refused(with("aud", json!(["c", "other"]))), "azp");
        check_claims(
            &with("aud", json!(["c", "other"])).tap(|c| c["azp"] = json!("c")),
            &expect(),
        )
        .unwrap();
        assert_eq!(refused(with("azp", json!("other"))), "azp");
        assert_eq!(refused(with("exp", json!(900))), "exp");
        assert_eq!(refused(with("iat", json!(2000))), "iat");
        assert_eq!(refused(with("nonce", json!("M"))), "nonce");
        assert_eq!(refused(with("nonce", Value::Null)), "nonce");
        assert_eq!(refused(with("sub", Value::Null)), "sub");
    }

    trait Tap {
        fn tap(self, f: impl FnOnce(&mut Self)) -> Self;
    }
    impl Tap for Value {
        fn tap(mut self, f: impl FnOnce(&mut Self)) -> Self {
            f(&mut self);
            self
        }
    }

    #[test]
    fn a_signature_is_verified_with_the_kid_named() {
        use crate::keystore::keys::KeyPair;
        let entry = crate::keystore::Entry::new(
            "k1".into(),
            KeyPair::generate(Alg::ES256, 2048).unwrap(),
            None,
            None,
        );
        let signer = crate::oauth::assertion::Signer::new(&entry, Alg::ES256).unwrap();
        let jwt = signer
            .sign(&Default::default(), good().as_object().unwrap())
            .unwrap();
        let mut jwk = entry.public().to_jwk("k1", Alg::ES256);
        jwk.insert("use".into(), "sig".into());
        let jwks = json!({"keys": [jwk]});
        let u = decode(&jwt).unwrap();
        assert_eq!(u.validate(&jwks, &expect()).unwrap()["sub"], "u");
        assert!(matches!(
            u.validate(&json!({"keys": []}), &expect()),
            Err(IdTokenError::UnknownKid(_))
        ));
        // One byte of the signature changed.
        let mut parts: Vec<String> = jwt.split('.').map(String::from).collect();
        let mut sig = parts[2].clone().into_bytes();
        sig[5] = if sig[5] == b'A' { b'B' } else { b'A' };
        parts[2] = String::from_utf8(sig).unwrap();
        let bad = decode(&parts.join(".")).unwrap();
        assert!(matches!(
            bad.validate(&jwks, &expect()),
            Err(IdTokenError::Signature)
        ));
        assert!(matches!(
            decode("eyJhbGciOiJub25lIn0.e30."),
            Err(IdTokenError::Alg(_)) | Err(IdTokenError::Malformed(_))
        ));
    }
}
