//! Client assertions (RFC 7523 section 2.2 and 3, OIDC Core section 9):
//! signed JWTs with `iss` = `sub` = client_id, `aud`, a random `jti`, `iat`
//! and a short `exp`.
//!
//! The key is parsed once into a [`Signer`]; each [`Signer::mint`] only
//! serializes two small JSON objects and signs, so minting many is cheap.
//! The clock and the `jti` are parameters, so tests are deterministic.

use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::{Map, Value};

use crate::keystore::keys::{Alg, PublicKey, Secret};
use crate::keystore::Entry;

/// The assertion type of RFC 7523, sent as `client_assertion_type`.
pub const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
/// The explicit JWT type draft-ietf-oauth-rfc7523bis registers.
pub const TYP_CLIENT_AUTH: &str = "client-authentication+jwt";

/// Which certificate thumbprint to put in the header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum X5t {
    /// `x5t#S256`: SHA-256 of the certificate.
    S256,
    /// `x5t`: SHA-1 of the certificate (what Entra ID reads).
    Sha1,
}

/// A key ready to sign assertions: parsed once by the backend (aws-lc-rs),
/// which signs every assertion of the process the same way.
pub struct Signer {
    key: BackendKey,
    /// The algorithm it signs with.
    pub alg: Alg,
    /// The key's kid, sent in the `kid` header.
    pub kid: String,
    cert: Option<Vec<u8>>,
    /// The public key as a bare JWK (kty and its members only), for the
    /// `jwk` header of a DPoP proof.
    public_jwk: Map<String, Value>,
    /// Its RFC 7638 thumbprint.
    thumbprint: String,
}

enum BackendKey {
    Ec(aws_lc_rs::signature::EcdsaKeyPair),
    Rsa(aws_lc_rs::rsa::KeyPair),
    /// A key that signs where it is held: a PKCS#11 token or `pkjwt agent`.
    External(std::sync::Arc<dyn crate::keystore::keys::ExternalKey>),
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Signer({}, {}, redacted)", self.alg, self.kid)
    }
}

/// Errors while minting.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AssertionError {
    /// The key could not sign.
    #[error("cannot sign with key {kid}: {reason}")]
    Sign {
        /// The key's kid.
        kid: String,
        /// The backend's, token's or agent's error.
        reason: String,
    },
    /// A thumbprint header was asked for and the key has no certificate.
    #[error("key {kid} has no certificate, so there is no {what} to send")]
    NoCertificate {
        /// The key's kid.
        kid: String,
        /// The header that cannot be made (`x5t#S256`, `x5t`).
        what: &'static str,
    },
}

impl Signer {
    /// A signer for `entry` with `alg` (checked against the key type).
    pub fn new(entry: &Entry, alg: Alg) -> Result<Signer, crate::Error> {
        entry.key.public_ref().check_alg(alg)?;
        let refused = |reason: String| AssertionError::Sign {
            kid: entry.kid.clone(),
            reason,
        };
        let key = match (entry.key.secret(), entry.key.public_ref()) {
            (Secret::External(k), _) => BackendKey::External(k.clone()),
            (Secret::Ec(k), PublicKey::Ec(public)) => {
                use p256::elliptic_curve::sec1::ToEncodedPoint;
                aws_lc_rs::signature::EcdsaKeyPair::from_private_key_and_public_key(
                    &aws_lc_rs::signature::ECDSA_P256_SHA256_FIXED_SIGNING,
                    &zeroize::Zeroizing::new(k.to_bytes()),
                    public.to_encoded_point(false).as_bytes(),
                )
                .map(BackendKey::Ec)
                .map_err(|e| refused(e.to_string()))?
            }
            (Secret::Rsa(pkcs8_der), public) => {
                if public.bits() < 2048 {
                    return Err(refused(format!(
                        "the key is {}: pkjwt signs only with RSA of 2048 bits or more",
                        public.describe()
                    ))
                    .into());
                }
                aws_lc_rs::rsa::KeyPair::from_pkcs8(pkcs8_der)
                    .map(BackendKey::Rsa)
                    .map_err(|e| refused(e.to_string()))?
            }
            _ => return Err(refused("the key's halves differ in type".into()).into()),
        };
        let mut public_jwk = entry.public().to_jwk(&entry.kid, alg);
        public_jwk.retain(|k, _| matches!(k.as_str(), "kty" | "crv" | "x" | "y" | "n" | "e"));
        Ok(Signer {
            key,
            alg,
            kid: entry.kid.clone(),
            cert: entry.cert.clone(),
            public_jwk,
            thumbprint: entry.public().thumbprint(),
        })
    }

    /// The JWS signature of `input`.
    pub fn sign_bytes(&self, input: &[u8]) -> Result<Vec<u8>, AssertionError> {
        let rng = aws_lc_rs::rand::SystemRandom::new();
        let fail = |_| AssertionError::Sign {
            kid: self.kid.clone(),
            reason: "the crypto backend could not sign".into(),
        };
        match &self.key {
            BackendKey::Ec(k) => k
                .sign(&rng, input)
                .map(|s| s.as_ref().to_vec())
                .map_err(fail),
            BackendKey::Rsa(k) => {
                let padding: &'static dyn aws_lc_rs::signature::RsaEncoding =
                    if self.alg == Alg::PS256 {
                        &aws_lc_rs::signature::RSA_PSS_SHA256
                    } else {
                        &aws_lc_rs::signature::RSA_PKCS1_SHA256
                    };
                let mut sig = vec![0u8; k.public_modulus_len()];
                k.sign(padding, &rng, input, &mut sig).map_err(fail)?;
                Ok(sig)
            }
            BackendKey::External(k) => {
                k.sign(self.alg, input)
                    .map_err(|reason| AssertionError::Sign {
                        kid: self.kid.clone(),
                        reason,
                    })
            }
        }
    }

    /// The public key as a bare JWK (no kid, use or alg).
    pub fn public_jwk(&self) -> &Map<String, Value> {
        &self.public_jwk
    }

    /// The RFC 7638 thumbprint of the public key.
    pub fn thumbprint(&self) -> &str {
        &self.thumbprint
    }

    /// The DER certificate of the key, when the keystore has one.
    pub fn certificate(&self) -> Option<&[u8]> {
        self.cert.as_deref()
    }

    /// Sign `claims` under exactly `header` (with `alg` set to the signer's).
    pub fn sign_with_header(
        &self,
        mut header: Map<String, Value>,
        claims: &Map<String, Value>,
    ) -> Result<String, AssertionError> {
        header.insert("alg".into(), self.alg.as_str().into());
        self.sign_encoded(&header, claims)
    }

    /// Sign `claims` with `header` members added to `alg` and `kid`.
    pub fn sign(
        &self,
        header_extra: &Map<String, Value>,
        claims: &Map<String, Value>,
    ) -> Result<String, AssertionError> {
        let mut header = Map::new();
        header.insert("alg".into(), self.alg.as_str().into());
        header.insert("kid".into(), self.kid.clone().into());
        for (k, v) in header_extra {
            header.insert(k.clone(), v.clone());
        }
        self.sign_encoded(&header, claims)
    }

    /// The compact JWS of `claims` under exactly `header`.
    fn sign_encoded(
        &self,
        header: &Map<String, Value>,
        claims: &Map<String, Value>,
    ) -> Result<String, AssertionError> {
        let h =
            Base64UrlUnpadded::encode_string(Value::Object(header.clone()).to_string().as_bytes());
        let p =
            Base64UrlUnpadded::encode_string(Value::Object(claims.clone()).to_string().as_bytes());
        let input = format!("{h}.{p}");
        let sig = self.sign_bytes(input.as_bytes())?;
        Ok(format!(
            "{input}.{}",
            Base64UrlUnpadded::encode_string(&sig)
        ))
    }

    /// A minter for many assertions with the same parameters.
    pub fn minter(&self, p: &Params) -> Result<Minter<'_>, AssertionError> {
        let mut header = Map::new();
        header.insert("alg".into(), self.alg.as_str().into());
        header.insert("kid".into(), self.kid.clone().into());
        if let Some(t) = &p.typ {
            header.insert("typ".into(), t.clone().into());
        }
        if let Some(kind) = p.x5t {
            let (name, what) = match kind {
                X5t::S256 => ("x5t#S256", "x5t#S256"),
                X5t::Sha1 => ("x5t", "x5t"),
            };
            let cert = self.cert.as_ref().ok_or(AssertionError::NoCertificate {
                kid: self.kid.clone(),
                what,
            })?;
            use sha2::Digest;
            let digest = match kind {
                X5t::S256 => sha2::Sha256::digest(cert).to_vec(),
                X5t::Sha1 => sha1::Sha1::digest(cert).to_vec(),
            };
            header.insert(
                name.into(),
                Base64UrlUnpadded::encode_string(&digest).into(),
            );
        }
        let header_b64 =
            Base64UrlUnpadded::encode_string(Value::Object(header).to_string().as_bytes());
        // Claims: iss, sub, aud, then jti, iat, [nbf], exp (unless --claim replaces
        // them), then the extra claims. The fixed parts are serialized once.
        let mut head = Map::new();
        for (k, v) in [
            ("iss", p.iss.as_ref().unwrap_or(&p.client_id)),
            ("sub", p.sub.as_ref().unwrap_or(&p.client_id)),
            ("aud", &p.aud),
        ] {
            if !p.extra.contains_key(k) {
                head.insert(k.into(), v.clone().into());
            }
        }
        let head_json = Value::Object(head).to_string();
        let tail_json = Value::Object(p.extra.clone()).to_string();
        Ok(Minter {
            signer: self,
            header_b64,
            head: head_json[..head_json.len() - 1].to_string(),
            tail: tail_json[1..].to_string(),
            lifetime: i64::try_from(p.lifetime).unwrap_or(i64::MAX),
            jti: !p.extra.contains_key("jti"),
            iat: !p.extra.contains_key("iat"),
            nbf: p.nbf && !p.extra.contains_key("nbf"),
            exp: !p.extra.contains_key("exp"),
        })
    }

    /// Mint one client assertion.
    pub fn mint(&self, p: &Params, now: i64, jti: &str) -> Result<String, AssertionError> {
        self.minter(p)?.mint(now, jti)
    }
}

/// Mints assertions with fixed parameters: the header and fixed claims are
/// serialized once, so each assertion costs a few small writes and a signature.
pub struct Minter<'a> {
    signer: &'a Signer,
    header_b64: String,
    /// `{"iss":..,"sub":..,"aud":..` without the closing brace.
    head: String,
    /// The extra claims as `"k":v,...}` (or just `}`).
    tail: String,
    lifetime: i64,
    jti: bool,
    iat: bool,
    nbf: bool,
    exp: bool,
}

impl Minter<'_> {
    /// One assertion at `now` with `jti`.
    pub fn mint(&self, now: i64, jti: &str) -> Result<String, AssertionError> {
        use std::fmt::Write;
        let mut claims = String::with_capacity(self.head.len() + self.tail.len() + 96);
        claims.push_str(&self.head);
        let mut sep = self.head.len() > 1;
        let mut field = |claims: &mut String, text: std::fmt::Arguments| {
            if sep {
                claims.push(',');
            }
            sep = true;
            let _ = claims.write_fmt(text);
        };
        if self.jti {
            // jti is base64url or caller-chosen: escape it like any JSON string.
            field(&mut claims, format_args!("\"jti\":{}", Value::from(jti)));
        }
        if self.iat {
            field(&mut claims, format_args!("\"iat\":{now}"));
        }
        if self.nbf {
            field(&mut claims, format_args!("\"nbf\":{now}"));
        }
        if self.exp {
            field(
                &mut claims,
                format_args!("\"exp\":{}", now.saturating_add(self.lifetime)),
            );
        }
        if self.tail.len() > 1 && sep {
            claims.push(',');
        }
        claims.push_str(&self.tail);
        let mut out = String::with_capacity(self.header_b64.len() + claims.len() * 4 / 3 + 400);
        out.push_str(&self.header_b64);
        out.push('.');
        out.push_str(&Base64UrlUnpadded::encode_string(claims.as_bytes()));
        let sig = self.signer.sign_bytes(out.as_bytes())?;
        out.push('.');
        out.push_str(&Base64UrlUnpadded::encode_string(&sig));
        Ok(out)
    }
}

/// What goes into an assertion besides the key.
#[derive(Clone, Debug, Default)]
pub struct Params {
    /// The client_id: `iss` and `sub` unless [`iss`](Self::iss) or [`sub`](Self::sub) say otherwise.
    pub client_id: String,
    /// The `aud` claim.
    pub aud: String,
    /// Seconds from `iat` to `exp`.
    pub lifetime: u64,
    /// The JOSE `typ` header; `None`: none.
    pub typ: Option<String>,
    /// The certificate thumbprint header; `None`: none.
    pub x5t: Option<X5t>,
    /// Whether to add `nbf` (equal to `iat`).
    pub nbf: bool,
    /// More claims (`--claim k=v`), added last; they may replace the defaults.
    pub extra: Map<String, Value>,
    /// `iss` when it is not the client_id (a JWT bearer grant's `--grant-iss`).
    pub iss: Option<String>,
    /// `sub` when it is not the client_id (a JWT bearer grant's subject).
    pub sub: Option<String>,
}

/// A fresh 128-bit random `jti`, base64url (22 characters), from the crypto
/// backend's generator (AWS-LC's DRBG, seeded from the OS).
pub fn new_jti() -> String {
    let mut b = [0u8; 16];
    // The backend's generator; it fails only if the OS has no randomness,
    // and a predictable jti must never be sent.
    aws_lc_rs::rand::fill(&mut b).expect("the operating system gave no random bytes");
    Base64UrlUnpadded::encode_string(&b)
}

/// Seconds since the epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Decode a compact JWT's header and claims without verifying it.
pub fn decode_unverified(jwt: &str) -> Option<(Value, Value)> {
    crate::oauth::jwt::decode(jwt)
        .ok()
        .map(|d| (d.header, d.claims))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keystore::keys::KeyPair;

    fn entry(alg: Alg) -> Entry {
        let key = KeyPair::generate(alg, 2048).unwrap();
        let cert = crate::keystore::cert::self_signed(
            &key,
            &crate::keystore::cert::subject_name("t").unwrap(),
            1,
        )
        .unwrap();
        Entry::new("kid-1".into(), key, Some(cert), Some(alg))
    }

    #[test]
    fn claims_and_header_are_as_rfc7523_says() {
        let s = Signer::new(&entry(Alg::ES256), Alg::ES256).unwrap();
        let p = Params {
            client_id: "client".into(),
            aud: "https://as.example".into(),
            lifetime: 60,
            typ: Some(TYP_CLIENT_AUTH.into()),
            x5t: Some(X5t::S256),
            nbf: false,
            extra: Map::new(),
            ..Default::default()
        };
        let jwt = s.mint(&p, 1_700_000_000, "jti-1").unwrap();
        let (h, c) = decode_unverified(&jwt).unwrap();
        assert_eq!(h["alg"], "ES256");
        assert_eq!(h["kid"], "kid-1");
        assert_eq!(h["typ"], TYP_CLIENT_AUTH);
        assert_eq!(h["x5t#S256"].as_str().unwrap().len(), 43);
        assert_eq!(c["iss"], "client");
        assert_eq!(c["sub"], "client");
        assert_eq!(c["aud"], "https://as.example");
        assert_eq!(c["jti"], "jti-1");
        assert_eq!(c["iat"], 1_700_000_000);
        assert_eq!(c["exp"], 1_700_000_060);
        assert!(c.get("nbf").is_none());
        // The signature is 64 bytes (r||s) for ES256.
        let sig = jwt.rsplit('.').next().unwrap();
        assert_eq!(Base64UrlUnpadded::decode_vec(sig).unwrap().len(), 64);
    }

    /// Every signature verifies with pkjwt's backend and with josekit, an
    /// independent JOSE implementation (OpenSSL underneath).
    #[test]
    fn signatures_verify_with_the_backend_and_with_josekit() {
        use josekit::jws::JwsVerifier;
        for alg in [Alg::ES256, Alg::PS256, Alg::RS256] {
            let e = entry(alg);
            let s = Signer::new(&e, alg).unwrap();
            let jwk = Value::Object(e.public().to_jwk(&e.kid, alg));
            let jose_key = josekit::jwk::Jwk::from_bytes(jwk.to_string().as_bytes()).unwrap();
            let verifier: Box<dyn JwsVerifier> = match alg {
                Alg::ES256 => Box::new(josekit::jws::ES256.verifier_from_jwk(&jose_key).unwrap()),
                Alg::PS256 => Box::new(josekit::jws::PS256.verifier_from_jwk(&jose_key).unwrap()),
                Alg::RS256 => Box::new(josekit::jws::RS256.verifier_from_jwk(&jose_key).unwrap()),
            };
            let p = Params {
                client_id: "c".into(),
                aud: "a".into(),
                lifetime: 60,
                typ: None,
                x5t: None,
                nbf: false,
                extra: Map::new(),
                ..Default::default()
            };
            let m = s.minter(&p).unwrap();
            for i in 0..20 {
                let jwt = m.mint(1_700_000_000 + i as i64, &new_jti()).unwrap();
                let d = crate::oauth::jwt::decode(&jwt).unwrap();
                let from_jwk = PublicKey::from_jwk(&jwk).unwrap();
                assert!(
                    from_jwk.verify(alg, d.signing_input.as_bytes(), &d.signature),
                    "{alg} #{i}"
                );
                assert!(
                    verifier
                        .verify(d.signing_input.as_bytes(), &d.signature)
                        .is_ok(),
                    "josekit: {alg} #{i}"
                );
                // A changed signing input does not verify.
                let mut wrong = d.signing_input.clone().into_bytes();
                wrong[0] ^= 1;
                assert!(!e.public().verify(alg, &wrong, &d.signature));
            }
        }
    }

    #[test]
    fn jti_is_128_bits_and_fresh() {
        let a = new_jti();
        assert_eq!(a.len(), 22);
        assert_ne!(a, new_jti());
    }

    #[test]
    fn alg_must_fit_the_key() {
        assert!(Signer::new(&entry(Alg::ES256), Alg::RS256).is_err());
    }
}
