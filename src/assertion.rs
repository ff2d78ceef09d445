//! Client assertions (RFC 7523 section 2.2 and 3, OIDC Core section 9):
//! signed JWTs with `iss` = `sub` = client_id, `aud`, a random `jti`, `iat`
//! and a short `exp`.
//!
//! The key is parsed once into a [`Signer`]; each [`Signer::mint`] only
//! serializes two small JSON objects and signs, so minting many is cheap.
//! The clock and the `jti` are parameters, so tests are deterministic.

use base64ct::{Base64UrlUnpadded, Encoding};
use josekit::jws::JwsSigner;
use serde_json::{Map, Value};

use crate::keys::Alg;
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

/// A key ready to sign assertions.
pub struct Signer {
    inner: Box<dyn JwsSigner>,
    pub alg: Alg,
    pub kid: String,
    cert: Option<Vec<u8>>,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Signer({}, {}, redacted)", self.alg, self.kid)
    }
}

/// Errors while minting.
#[derive(Debug, thiserror::Error)]
pub enum AssertionError {
    #[error("cannot sign with key {kid}: {reason}")]
    Sign { kid: String, reason: String },
    #[error("key {kid} has no certificate, so there is no {what} to send")]
    NoCertificate { kid: String, what: &'static str },
}

impl Signer {
    /// A signer for `entry` with `alg` (checked against the key type).
    pub fn new(entry: &Entry, alg: Alg) -> Result<Signer, crate::Error> {
        entry.public().check_alg(alg)?;
        let der = entry.key.to_pkcs8_der()?;
        let err = |e: josekit::JoseError| AssertionError::Sign {
            kid: entry.kid.clone(),
            reason: e.to_string(),
        };
        let inner: Box<dyn JwsSigner> = match alg {
            Alg::RS256 => Box::new(josekit::jws::RS256.signer_from_der(&*der).map_err(err)?),
            Alg::PS256 => Box::new(josekit::jws::PS256.signer_from_der(&*der).map_err(err)?),
            Alg::ES256 => Box::new(josekit::jws::ES256.signer_from_der(&*der).map_err(err)?),
        };
        Ok(Signer {
            inner,
            alg,
            kid: entry.kid.clone(),
            cert: entry.cert.clone(),
        })
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
        let h = Base64UrlUnpadded::encode_string(Value::Object(header).to_string().as_bytes());
        let p =
            Base64UrlUnpadded::encode_string(Value::Object(claims.clone()).to_string().as_bytes());
        let input = format!("{h}.{p}");
        let sig = self
            .inner
            .sign(input.as_bytes())
            .map_err(|e| AssertionError::Sign {
                kid: self.kid.clone(),
                reason: e.to_string(),
            })?;
        Ok(format!(
            "{input}.{}",
            Base64UrlUnpadded::encode_string(&sig)
        ))
    }

    /// Mint one client assertion.
    pub fn mint(&self, p: &Params, now: i64, jti: &str) -> Result<String, AssertionError> {
        let mut header = Map::new();
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
        let mut claims = Map::new();
        claims.insert("iss".into(), p.client_id.clone().into());
        claims.insert("sub".into(), p.client_id.clone().into());
        claims.insert("aud".into(), p.aud.clone().into());
        claims.insert("jti".into(), jti.into());
        claims.insert("iat".into(), now.into());
        if p.nbf {
            claims.insert("nbf".into(), now.into());
        }
        claims.insert("exp".into(), (now + p.lifetime as i64).into());
        for (k, v) in &p.extra {
            claims.insert(k.clone(), v.clone());
        }
        self.sign(&header, &claims)
    }
}

/// What goes into an assertion besides the key.
#[derive(Clone, Debug)]
pub struct Params {
    pub client_id: String,
    pub aud: String,
    /// Seconds from `iat` to `exp`.
    pub lifetime: u64,
    pub typ: Option<String>,
    pub x5t: Option<X5t>,
    pub nbf: bool,
    /// More claims (`--claim k=v`), added last; they may replace the defaults.
    pub extra: Map<String, Value>,
}

/// A fresh 128-bit random `jti`, base64url (22 characters).
pub fn new_jti() -> String {
    let mut b = [0u8; 16];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut b);
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
    let mut parts = jwt.trim().split('.');
    let h = parts.next()?;
    let p = parts.next()?;
    let dec = |s: &str| -> Option<Value> {
        let bytes = Base64UrlUnpadded::decode_vec(s.trim_end_matches('=')).ok()?;
        serde_json::from_slice(&bytes).ok()
    };
    Some((dec(h)?, dec(p)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::KeyPair;

    fn entry(alg: Alg) -> Entry {
        let key = KeyPair::generate(alg, 2048).unwrap();
        let cert =
            crate::cert::self_signed(&key, &crate::cert::subject_name("t").unwrap(), 1).unwrap();
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
