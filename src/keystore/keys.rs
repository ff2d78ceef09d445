//! Signing keys: the supported algorithms, generation, PKCS#8 and PEM decoding,
//! public JWKs and RFC 7638 thumbprints.
//!
//! pkjwt signs with RSA (RS256, PS256; 2048 to 8192 bits) and EC P-256
//! (ES256). Any other key type is refused by name, with this list.
//!
//! Generation, signing and verification go through aws-lc-rs, pkjwt's one
//! crypto backend. The RustCrypto crates here are the format layer only:
//! `pkcs8`, `pkcs1` and `sec1` decode and encode keys, `p256` holds P-256
//! keys and points (it is built without its ECDSA code, so it cannot sign).

use std::fmt;
use std::str::FromStr;

use base64ct::{Base64UrlUnpadded, Encoding};
use der::asn1::ObjectIdentifier;
use der::Decode;
use der::Encode;
use pkcs8::EncodePrivateKey;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// What pkjwt signs with, for error messages.
pub const SUPPORTED: &str = "RSA of 2048 to 8192 bits (RS256, PS256) and EC P-256 (ES256)";

/// The JWS algorithms pkjwt signs client assertions with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Alg {
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RS256,
    /// RSASSA-PSS with SHA-256.
    PS256,
    /// ECDSA on P-256 with SHA-256.
    ES256,
}

impl Alg {
    /// Every algorithm pkjwt signs with.
    pub const ALL: [Alg; 3] = [Alg::ES256, Alg::PS256, Alg::RS256];

    /// The JWS name (`RS256`, `PS256`, `ES256`).
    pub fn as_str(self) -> &'static str {
        match self {
            Alg::RS256 => "RS256",
            Alg::PS256 => "PS256",
            Alg::ES256 => "ES256",
        }
    }

    /// The key type this algorithm needs ("RSA" or "EC").
    pub fn kty(self) -> &'static str {
        match self {
            Alg::RS256 | Alg::PS256 => "RSA",
            Alg::ES256 => "EC",
        }
    }
}

impl fmt::Display for Alg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Alg {
    type Err = KeyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_uppercase().as_str() {
            "RS256" => Ok(Alg::RS256),
            "PS256" => Ok(Alg::PS256),
            "ES256" => Ok(Alg::ES256),
            _ => Err(KeyError::UnsupportedAlg(s.to_string())),
        }
    }
}

/// Errors about keys.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// A key type pkjwt does not sign with: its name (`Ed25519`, `EC P-384`, ...).
    #[error("unsupported key type {0}: pkjwt supports {SUPPORTED}")]
    UnsupportedKey(String),
    /// An algorithm name pkjwt does not sign with, as given.
    #[error("unsupported algorithm {0:?}: pkjwt signs with ES256, PS256 and RS256")]
    UnsupportedAlg(String),
    /// An RSA key size pkjwt refuses, in bits.
    #[error("RSA keys of {0} bits are refused: use 2048, 3072 or 4096 bits")]
    RsaSize(usize),
    /// A key held by a token or the agent cannot be written anywhere.
    #[error("the key is held by {0} and cannot be exported")]
    NotExportable(String),
    /// The key's type does not fit the algorithm.
    #[error("algorithm {alg} needs an {need} key, and this key is {have}")]
    AlgMismatch {
        /// The algorithm asked for.
        alg: Alg,
        /// The key type it needs (`RSA`, `EC`).
        need: &'static str,
        /// The key type given.
        have: &'static str,
    },
    /// The key does not decode or is inconsistent: the decoder's message.
    #[error("the key is malformed: {0}")]
    Malformed(String),
    /// The crypto backend could not generate a key: its message.
    #[error("key generation failed: {0}")]
    Generation(String),
}

/// Errors reading a key or certificate file (PEM or DER).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyFileError {
    /// The key in the file cannot be used.
    #[error(transparent)]
    Key(#[from] KeyError),
    /// The password does not decrypt the encrypted private key.
    #[error("the encrypted private key did not decrypt: wrong password")]
    WrongPassword,
    /// The encrypted key's KDF parameters are over pkjwt's limits (the ones
    /// keystores have, see [`crate::keystore::pkcs12::MAX_ITERATIONS`]).
    #[error("pkjwt refuses to decrypt the key: {0}")]
    Limit(crate::keystore::pkcs12::LimitExceeded),
    /// OpenSSL's legacy PEM encryption (`Proc-Type: 4,ENCRYPTED`), which pkjwt does not read: convert to PKCS#8.
    #[error("the key uses OpenSSL's legacy PEM encryption (Proc-Type: 4,ENCRYPTED)")]
    LegacyPemEncryption,
    /// An OpenSSH private key, which pkjwt does not read: convert to PKCS#8.
    #[error("this is an OpenSSH private key")]
    OpenSsh,
    /// More than one private key in the file.
    #[error("the file holds more than one private key")]
    SeveralKeys,
    /// No private key in the file.
    #[error("no private key found in the PEM file")]
    NoKey,
    /// A PEM file that does not decode: the decoder's message.
    #[error("the PEM file does not decode: {0}")]
    Pem(String),
    /// A PEM block without its END line.
    #[error("a PEM block has no END line (truncated file?)")]
    PemTruncated,
    /// A PEM certificate file without a CERTIFICATE block.
    #[error("no CERTIFICATE block in the certificate file")]
    NoCertificate,
    /// A certificate file that is neither PEM nor X.509 DER: the decoder's message.
    #[error("the certificate file is neither PEM nor an X.509 DER certificate: {0}")]
    NotCertificate(String),
}

const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");

fn name_key_algorithm(oid: &ObjectIdentifier, params: Option<der::asn1::AnyRef<'_>>) -> String {
    let curve = params.and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
    match oid.to_string().as_str() {
        "1.3.101.112" => "Ed25519".into(),
        "1.3.101.113" => "Ed448".into(),
        "1.3.101.110" => "X25519".into(),
        "1.3.101.111" => "X448".into(),
        "1.2.840.10040.4.1" => "DSA".into(),
        "1.2.840.113549.1.1.10" => "RSASSA-PSS (an RSA key restricted to PSS)".into(),
        "1.2.840.113549.1.3.1" | "1.2.840.10046.2.1" => "DH".into(),
        "1.2.840.10045.2.1" => match curve.map(|c| c.to_string()).as_deref() {
            Some("1.3.132.0.34") => "EC P-384".into(),
            Some("1.3.132.0.35") => "EC P-521".into(),
            Some("1.3.132.0.10") => "EC secp256k1".into(),
            Some(c) if c.starts_with("1.3.36.3.3.2.8") => "EC brainpool".into(),
            Some(c) => format!("EC on curve {c}"),
            None => "EC with explicit curve parameters".into(),
        },
        other => format!("with algorithm OID {other}"),
    }
}

/// A private key pkjwt can sign with, with its public key computed once.
/// Key material is zeroized on drop by the underlying crates; `Debug`
/// prints no key material.
#[derive(Clone)]
pub struct KeyPair {
    secret: Secret,
    public: PublicKey,
}

/// The private half of a [`KeyPair`].
#[derive(Clone)]
pub enum Secret {
    /// An RSA key as PKCS#8 `PrivateKeyInfo` DER, wiped when dropped; the
    /// backend parses it when it signs.
    Rsa(Zeroizing<Vec<u8>>),
    /// A P-256 private scalar (zeroized on drop by `p256`).
    Ec(p256::SecretKey),
    /// A key held elsewhere (a PKCS#11 token, `pkjwt agent`): pkjwt asks
    /// the holder to sign and never sees the key.
    External(std::sync::Arc<dyn ExternalKey>),
}

/// A private key that signs where it is kept: a PKCS#11 token, or the
/// agent. Signatures come back in JWS form (ES256: raw `r||s`).
pub trait ExternalKey: Send + Sync {
    /// Sign `input` with `alg`.
    fn sign(&self, alg: Alg, input: &[u8]) -> Result<Vec<u8>, String>;
    /// Where the key is held, for messages ("the PKCS#11 token dev").
    fn holder(&self) -> String;
}

impl fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyPair({}, redacted)", self.public.describe())
    }
}

/// A public key, for JWKs, thumbprints and pairing with certificates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublicKey {
    /// An RSA public key.
    Rsa(RsaPublic),
    /// An EC P-256 public key.
    Ec(p256::PublicKey),
}

/// An RSA public key: modulus and exponent, big-endian, without leading zeros.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RsaPublic {
    n: Vec<u8>,
    e: Vec<u8>,
}

fn strip_zeros(b: &[u8]) -> Vec<u8> {
    let start = b.iter().position(|&x| x != 0).unwrap_or(b.len());
    b[start..].to_vec()
}

impl RsaPublic {
    /// From the big-endian modulus and exponent; leading zero bytes are dropped.
    pub fn new(n: &[u8], e: &[u8]) -> RsaPublic {
        RsaPublic {
            n: strip_zeros(n),
            e: strip_zeros(e),
        }
    }

    /// The modulus, big-endian.
    pub fn n(&self) -> &[u8] {
        &self.n
    }

    /// The public exponent, big-endian.
    pub fn e(&self) -> &[u8] {
        &self.e
    }

    /// The modulus size in bits.
    pub fn bits(&self) -> usize {
        match self.n.first() {
            Some(&top) => self.n.len() * 8 - top.leading_zeros() as usize,
            None => 0,
        }
    }

    fn from_pkcs1_der(der_bytes: &[u8]) -> Result<RsaPublic, KeyError> {
        let k = pkcs1::RsaPublicKey::from_der(der_bytes)
            .map_err(|e| KeyError::Malformed(format!("RSA public key: {e}")))?;
        Ok(RsaPublic::new(
            k.modulus.as_bytes(),
            k.public_exponent.as_bytes(),
        ))
    }
}

/// The public half of an RSA private key in PKCS#1 `RSAPrivateKey` DER.
fn rsa_public_of_pkcs1(pkcs1_der: &[u8]) -> Result<RsaPublic, KeyError> {
    let k = pkcs1::RsaPrivateKey::from_der(pkcs1_der)
        .map_err(|e| KeyError::Malformed(format!("RSA key: {e}")))?;
    Ok(RsaPublic::new(
        k.modulus.as_bytes(),
        k.public_exponent.as_bytes(),
    ))
}

/// PKCS#8 `PrivateKeyInfo` DER around a PKCS#1 `RSAPrivateKey`.
fn rsa_pkcs8_of_pkcs1(pkcs1_der: &[u8]) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    let info = pkcs8::PrivateKeyInfo {
        algorithm: pkcs8::AlgorithmIdentifierRef {
            oid: RSA_ENCRYPTION,
            parameters: Some(der::asn1::AnyRef::NULL),
        },
        private_key: pkcs1_der,
        public_key: None,
    };
    info.to_der()
        .map(Zeroizing::new)
        .map_err(|e| KeyError::Malformed(format!("RSA key: {e}")))
}

impl KeyPair {
    /// A key held elsewhere, known by its public half.
    pub fn external(public: PublicKey, key: std::sync::Arc<dyn ExternalKey>) -> KeyPair {
        KeyPair {
            secret: Secret::External(key),
            public,
        }
    }

    /// An RSA key from PKCS#8 DER whose `privateKey` is `pkcs1_der`. Only the
    /// structure is decoded here; the backend parses (and checks) the key
    /// once, when it signs, or when [`KeyPair::check`] asks.
    fn rsa(pkcs8_der: Zeroizing<Vec<u8>>, pkcs1_der: &[u8]) -> Result<KeyPair, KeyError> {
        let public = rsa_public_of_pkcs1(pkcs1_der)?;
        Ok(KeyPair {
            secret: Secret::Rsa(pkcs8_der),
            public: PublicKey::Rsa(public),
        })
    }

    /// An RSA key from PKCS#1 `RSAPrivateKey` DER.
    pub(crate) fn from_pkcs1_der(pkcs1_der: &[u8]) -> Result<KeyPair, KeyError> {
        let pkcs8_der = rsa_pkcs8_of_pkcs1(pkcs1_der)?;
        KeyPair::rsa(pkcs8_der, pkcs1_der)
    }

    fn ec(key: p256::SecretKey, public: Option<p256::PublicKey>) -> KeyPair {
        // The scalar multiplication is the cost of an EC key: do it at most once.
        let public = public.unwrap_or_else(|| key.public_key());
        KeyPair {
            secret: Secret::Ec(key),
            public: PublicKey::Ec(public),
        }
    }

    /// Generate a key for `alg` with the backend. `rsa_bits` applies to
    /// RS256 and PS256.
    pub fn generate(alg: Alg, rsa_bits: usize) -> Result<KeyPair, KeyError> {
        use aws_lc_rs::encoding::{AsDer, Pkcs8V1Der};
        let gen = |e: aws_lc_rs::error::Unspecified| KeyError::Generation(e.to_string());
        let pkcs8_der = match alg {
            Alg::ES256 => {
                let k = aws_lc_rs::signature::EcdsaKeyPair::generate(
                    &aws_lc_rs::signature::ECDSA_P256_SHA256_FIXED_SIGNING,
                )
                .map_err(gen)?;
                Zeroizing::new(k.to_pkcs8v1().map_err(gen)?.as_ref().to_vec())
            }
            Alg::RS256 | Alg::PS256 => {
                use aws_lc_rs::rsa::KeySize;
                let size = match rsa_bits {
                    2048 => KeySize::Rsa2048,
                    3072 => KeySize::Rsa3072,
                    4096 => KeySize::Rsa4096,
                    other => return Err(KeyError::RsaSize(other)),
                };
                let k = aws_lc_rs::rsa::KeyPair::generate(size).map_err(gen)?;
                let der: Pkcs8V1Der<'static> = k.as_der().map_err(gen)?;
                Zeroizing::new(der.as_ref().to_vec())
            }
        };
        KeyPair::from_pkcs8_der(&pkcs8_der)
            .map_err(|e| KeyError::Generation(format!("the new key did not decode: {e}")))
    }

    /// Decode a PKCS#8 `PrivateKeyInfo`, naming unsupported key types.
    pub fn from_pkcs8_der(der_bytes: &[u8]) -> Result<KeyPair, KeyError> {
        let info = pkcs8::PrivateKeyInfo::from_der(der_bytes)
            .map_err(|e| KeyError::Malformed(format!("not a PKCS#8 private key: {e}")))?;
        let alg = info.algorithm;
        if alg.oid == RSA_ENCRYPTION {
            // Re-wrapped, not kept as read: AWS-LC takes only version-1
            // PKCS#8 with NULL parameters and no public key field.
            return KeyPair::from_pkcs1_der(info.private_key);
        }
        if alg.oid == EC_PUBLIC_KEY {
            let curve = alg
                .parameters
                .and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
            if curve == Some(P256) {
                return ec_from_sec1(info.private_key, info.public_key);
            }
        }
        Err(KeyError::UnsupportedKey(name_key_algorithm(
            &alg.oid,
            alg.parameters,
        )))
    }

    /// PKCS#8 `PrivateKeyInfo` DER, wiped when dropped.
    pub fn to_pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>, KeyError> {
        match &self.secret {
            Secret::Rsa(der_bytes) => Ok(der_bytes.clone()),
            Secret::Ec(k) => k
                .to_pkcs8_der()
                .map(|doc| Zeroizing::new(doc.as_bytes().to_vec()))
                .map_err(|e| KeyError::Malformed(e.to_string())),
            Secret::External(k) => Err(KeyError::NotExportable(k.holder())),
        }
    }

    /// Have the backend check the key's consistency (RSA: n = pq and the
    /// CRT parameters; EC: the stored public key belongs to the scalar). A
    /// key that fails would fail when it signs.
    pub fn check(&self) -> Result<(), KeyError> {
        match (&self.secret, &self.public) {
            (Secret::Rsa(pkcs8_der), public) => {
                let bits = public.bits();
                if !(2048..=8192).contains(&bits) {
                    return Err(KeyError::UnsupportedKey(format!("RSA-{bits}")));
                }
                aws_lc_rs::rsa::KeyPair::from_pkcs8(pkcs8_der)
                    .map(|_| ())
                    .map_err(|e| KeyError::Malformed(format!("RSA key: {e}")))
            }
            (Secret::Ec(k), PublicKey::Ec(public)) => {
                use p256::elliptic_curve::sec1::ToEncodedPoint;
                aws_lc_rs::signature::EcdsaKeyPair::from_private_key_and_public_key(
                    &aws_lc_rs::signature::ECDSA_P256_SHA256_FIXED_SIGNING,
                    &Zeroizing::new(k.to_bytes()),
                    public.to_encoded_point(false).as_bytes(),
                )
                .map(|_| ())
                .map_err(|e| KeyError::Malformed(format!("EC key: {e}")))
            }
            _ => Ok(()),
        }
    }

    /// The public half.
    pub fn public(&self) -> PublicKey {
        self.public.clone()
    }

    /// The public key, borrowed.
    pub fn public_ref(&self) -> &PublicKey {
        &self.public
    }

    /// The private half.
    pub fn secret(&self) -> &Secret {
        &self.secret
    }
}

/// An EC P-256 key from SEC1 `ECPrivateKey` DER; the public key stored with
/// it is used when present (as OpenSSL does), else computed.
fn ec_from_sec1(sec1_der: &[u8], outer_public: Option<&[u8]>) -> Result<KeyPair, KeyError> {
    let ec = sec1::EcPrivateKey::from_der(sec1_der)
        .map_err(|e| KeyError::Malformed(format!("EC key: {e}")))?;
    let key = p256::SecretKey::from_slice(ec.private_key)
        .map_err(|e| KeyError::Malformed(format!("EC key: {e}")))?;
    let public = ec
        .public_key
        .or(outer_public)
        .and_then(|b| p256::PublicKey::from_sec1_bytes(b).ok());
    Ok(KeyPair::ec(key, public))
}

fn b64(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}

impl PublicKey {
    /// Decode a `SubjectPublicKeyInfo`, naming unsupported key types.
    pub fn from_spki_der(der_bytes: &[u8]) -> Result<PublicKey, KeyError> {
        use spki::DecodePublicKey;
        let info = spki::SubjectPublicKeyInfoRef::from_der(der_bytes)
            .map_err(|e| KeyError::Malformed(format!("public key: {e}")))?;
        if info.algorithm.oid == RSA_ENCRYPTION {
            return RsaPublic::from_pkcs1_der(info.subject_public_key.raw_bytes())
                .map(PublicKey::Rsa);
        }
        if info.algorithm.oid == EC_PUBLIC_KEY
            && info
                .algorithm
                .parameters
                .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
                == Some(P256)
        {
            return p256::PublicKey::from_public_key_der(der_bytes)
                .map(PublicKey::Ec)
                .map_err(|e| KeyError::Malformed(format!("EC public key: {e}")));
        }
        Err(KeyError::UnsupportedKey(name_key_algorithm(
            &info.algorithm.oid,
            info.algorithm.parameters,
        )))
    }

    /// The SubjectPublicKeyInfo, DER.
    pub fn to_spki_der(&self) -> Result<Vec<u8>, KeyError> {
        use spki::EncodePublicKey;
        let bad = |e: der::Error| KeyError::Malformed(e.to_string());
        match self {
            PublicKey::Rsa(k) => {
                let pkcs1 = pkcs1::RsaPublicKey {
                    modulus: pkcs1::UintRef::new(&k.n).map_err(bad)?,
                    public_exponent: pkcs1::UintRef::new(&k.e).map_err(bad)?,
                }
                .to_der()
                .map_err(bad)?;
                spki::SubjectPublicKeyInfoRef {
                    algorithm: spki::AlgorithmIdentifierRef {
                        oid: RSA_ENCRYPTION,
                        parameters: Some(der::asn1::AnyRef::NULL),
                    },
                    subject_public_key: der::asn1::BitStringRef::from_bytes(&pkcs1).map_err(bad)?,
                }
                .to_der()
                .map_err(bad)
            }
            PublicKey::Ec(k) => k
                .to_public_key_der()
                .map(|d| d.as_bytes().to_vec())
                .map_err(|e| KeyError::Malformed(e.to_string())),
        }
    }

    /// The JWK `kty`.
    pub fn kty(&self) -> &'static str {
        match self {
            PublicKey::Rsa(_) => "RSA",
            PublicKey::Ec(_) => "EC",
        }
    }

    /// Key size in bits (modulus size, or 256 for P-256).
    pub fn bits(&self) -> usize {
        match self {
            PublicKey::Rsa(k) => k.bits(),
            PublicKey::Ec(_) => 256,
        }
    }

    /// The curve name for EC keys.
    pub fn curve(&self) -> Option<&'static str> {
        match self {
            PublicKey::Rsa(_) => None,
            PublicKey::Ec(_) => Some("P-256"),
        }
    }

    /// "RSA-3072" or "EC P-256".
    pub fn describe(&self) -> String {
        match self {
            PublicKey::Rsa(_) => format!("RSA-{}", self.bits()),
            PublicKey::Ec(_) => "EC P-256".into(),
        }
    }

    /// The algorithm used for a key that carries no choice of its own.
    pub fn default_alg(&self) -> Alg {
        match self {
            PublicKey::Rsa(_) => Alg::RS256,
            PublicKey::Ec(_) => Alg::ES256,
        }
    }

    /// Check that `alg` can be used with this key.
    pub fn check_alg(&self, alg: Alg) -> Result<(), KeyError> {
        if alg.kty() == self.kty() {
            Ok(())
        } else {
            Err(KeyError::AlgMismatch {
                alg,
                need: alg.kty(),
                have: self.kty(),
            })
        }
    }

    /// The public JWK members that define the key, in RFC 7638 (lexicographic) order.
    pub(crate) fn jwk_members(&self) -> Vec<(&'static str, String)> {
        match self {
            PublicKey::Rsa(k) => vec![("e", b64(k.e())), ("kty", "RSA".into()), ("n", b64(k.n()))],
            PublicKey::Ec(k) => {
                use p256::elliptic_curve::sec1::ToEncodedPoint;
                let point = k.to_encoded_point(false);
                let x = point.x().map(|x| b64(x)).unwrap_or_default();
                let y = point.y().map(|y| b64(y)).unwrap_or_default();
                vec![
                    ("crv", "P-256".into()),
                    ("kty", "EC".into()),
                    ("x", x),
                    ("y", y),
                ]
            }
        }
    }

    /// The RFC 7638 JWK thumbprint (SHA-256, base64url).
    pub fn thumbprint(&self) -> String {
        let members = self.jwk_members();
        let mut json = String::from("{");
        for (i, (k, v)) in members.iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            // Member values are base64url or fixed names: no escaping needed.
            json.push_str(&format!("\"{k}\":\"{v}\""));
        }
        json.push('}');
        b64(&Sha256::digest(json.as_bytes()))
    }

    /// The public JWK: kty, kid, use, alg, then the key parameters.
    pub fn to_jwk(&self, kid: &str, alg: Alg) -> serde_json::Map<String, serde_json::Value> {
        let mut m = serde_json::Map::new();
        m.insert("kty".into(), self.kty().into());
        m.insert("kid".into(), kid.into());
        m.insert("use".into(), "sig".into());
        m.insert("alg".into(), alg.as_str().into());
        let members = self.jwk_members();
        let order: &[&str] = match self {
            PublicKey::Rsa(_) => &["n", "e"],
            PublicKey::Ec(_) => &["crv", "x", "y"],
        };
        for name in order {
            if let Some((_, v)) = members.iter().find(|(k, _)| k == name) {
                m.insert((*name).into(), v.clone().into());
            }
        }
        m
    }

    /// The public key of a JWK (RSA, or EC on P-256).
    pub fn from_jwk(jwk: &serde_json::Value) -> Result<PublicKey, KeyError> {
        let member = |name: &str| -> Result<Vec<u8>, KeyError> {
            let text = jwk
                .get(name)
                .and_then(serde_json::Value::as_str)
                .ok_or_else(|| KeyError::Malformed(format!("the JWK has no {name:?} member")))?;
            Base64UrlUnpadded::decode_vec(text)
                .map_err(|_| KeyError::Malformed(format!("the JWK's {name:?} is not base64url")))
        };
        match jwk.get("kty").and_then(serde_json::Value::as_str) {
            Some("RSA") => Ok(PublicKey::Rsa(RsaPublic::new(&member("n")?, &member("e")?))),
            Some("EC") => {
                let crv = jwk.get("crv").and_then(serde_json::Value::as_str);
                if crv != Some("P-256") {
                    return Err(KeyError::UnsupportedKey(format!(
                        "EC on curve {}",
                        crv.unwrap_or("(none)")
                    )));
                }
                let (x, y) = (member("x")?, member("y")?);
                if x.len() != 32 || y.len() != 32 {
                    return Err(KeyError::Malformed(
                        "the JWK's P-256 coordinates are not 32 bytes".into(),
                    ));
                }
                let mut point = Vec::with_capacity(65);
                point.push(4);
                point.extend_from_slice(&x);
                point.extend_from_slice(&y);
                p256::PublicKey::from_sec1_bytes(&point)
                    .map(PublicKey::Ec)
                    .map_err(|_| KeyError::Malformed("the JWK's point is not on P-256".into()))
            }
            Some(other) => Err(KeyError::UnsupportedKey(format!("JWK kty {other:?}"))),
            None => Err(KeyError::Malformed("the JWK has no \"kty\"".into())),
        }
    }

    /// Whether `signature` is a valid JWS signature of `signing_input` under
    /// `alg` with this key, checked by the backend.
    pub fn verify(&self, alg: Alg, signing_input: &[u8], signature: &[u8]) -> bool {
        use aws_lc_rs::signature::{self as sig, VerificationAlgorithm};
        match (self, alg) {
            (PublicKey::Rsa(k), Alg::RS256 | Alg::PS256) => {
                let params: &sig::RsaParameters = if alg == Alg::PS256 {
                    &sig::RSA_PSS_2048_8192_SHA256
                } else {
                    &sig::RSA_PKCS1_2048_8192_SHA256
                };
                sig::RsaPublicKeyComponents { n: &k.n, e: &k.e }
                    .verify(params, signing_input, signature)
                    .is_ok()
            }
            (PublicKey::Ec(k), Alg::ES256) => {
                use p256::elliptic_curve::sec1::ToEncodedPoint;
                let point = k.to_encoded_point(false);
                sig::ECDSA_P256_SHA256_FIXED
                    .verify_sig(point.as_bytes(), signing_input, signature)
                    .is_ok()
            }
            _ => false,
        }
    }
}

/// A key (and perhaps certificates) read from a PEM or DER file.
pub struct ParsedKeyFile {
    /// The private key.
    pub key: KeyPair,
    /// Certificates found in the same file, DER, in file order.
    pub certs: Vec<Vec<u8>>,
}

/// Read a private key from PEM (PKCS#8, encrypted PKCS#8, PKCS#1 or SEC1) or
/// PKCS#8 DER. `password` is asked for only when the key is encrypted.
/// The caller's error type `E` carries both a failure of `password` and the
/// file's own errors.
pub fn parse_key_file<E: From<KeyFileError> + From<KeyError>>(
    data: &[u8],
    password: &mut dyn FnMut() -> Result<crate::secret::Password, E>,
) -> Result<ParsedKeyFile, E> {
    let text = std::str::from_utf8(data)
        .ok()
        .filter(|t| t.contains("-----BEGIN "));
    let Some(text) = text else {
        // DER: PKCS#8 only.
        let key = KeyPair::from_pkcs8_der(data).map_err(KeyFileError::Key)?;
        return Ok(ParsedKeyFile { key, certs: vec![] });
    };
    let mut key: Option<KeyPair> = None;
    let mut certs = Vec::new();
    for block in pem_blocks(text)? {
        let k = match block.label.as_str() {
            "PRIVATE KEY" => Some(KeyPair::from_pkcs8_der(&block.der)?),
            "ENCRYPTED PRIVATE KEY" => {
                let epki = pkcs8::EncryptedPrivateKeyInfo::from_der(&block.der)
                    .map_err(|e| KeyError::Malformed(format!("encrypted PKCS#8: {e}")))?;
                // Before asking for the password: the file chooses the cost.
                check_kdf_limits(&epki)?;
                let pw = password()?;
                let doc = epki
                    .decrypt(pw.expose().as_bytes())
                    .map_err(|_| KeyFileError::WrongPassword)?;
                Some(KeyPair::from_pkcs8_der(doc.as_bytes())?)
            }
            "RSA PRIVATE KEY" | "EC PRIVATE KEY" if block.encrypted => {
                return Err(KeyFileError::LegacyPemEncryption.into());
            }
            "RSA PRIVATE KEY" => {
                Some(KeyPair::from_pkcs1_der(&block.der).map_err(|e| match e {
                    KeyError::Malformed(m) => KeyError::Malformed(format!("PKCS#1 {m}")),
                    other => other,
                })?)
            }
            "EC PRIVATE KEY" => {
                let ec = sec1::EcPrivateKey::from_der(&block.der)
                    .map_err(|e| KeyError::Malformed(format!("SEC1 EC key: {e}")))?;
                let curve = ec.parameters.and_then(|p| p.named_curve());
                if curve.is_some() && curve != Some(P256) {
                    return Err(KeyError::UnsupportedKey(name_key_algorithm(
                        &EC_PUBLIC_KEY,
                        curve
                            .and_then(|c| der::asn1::Any::encode_from(&c).ok())
                            .as_ref()
                            .map(Into::into),
                    ))
                    .into());
                }
                Some(ec_from_sec1(&block.der, None)?)
            }
            "CERTIFICATE" => {
                certs.push(block.der.to_vec());
                None
            }
            "EC PARAMETERS" => None,
            "DSA PRIVATE KEY" => return Err(KeyError::UnsupportedKey("DSA".into()).into()),
            "OPENSSH PRIVATE KEY" => return Err(KeyFileError::OpenSsh.into()),
            _ => None,
        };
        if let Some(k) = k {
            if key.is_some() {
                return Err(KeyFileError::SeveralKeys.into());
            }
            key = Some(k);
        }
    }
    match key {
        Some(key) => Ok(ParsedKeyFile { key, certs }),
        None => Err(KeyFileError::NoKey.into()),
    }
}

/// Check the key derivation of an encrypted PKCS#8 key against the
/// keystore limits (iterations, scrypt N, r, p and memory) before it runs.
fn check_kdf_limits(epki: &pkcs8::EncryptedPrivateKeyInfo) -> Result<(), KeyFileError> {
    use crate::keystore::pkcs12::{check_iterations, check_scrypt, scrypt_n_is_valid};
    use pkcs5::pbes2::Kdf;
    use pkcs5::EncryptionScheme;
    let checked = match &epki.encryption_algorithm {
        EncryptionScheme::Pbes2(p) => match &p.kdf {
            Kdf::Pbkdf2(k) => {
                check_iterations("the PBKDF2 iteration count", k.iteration_count.into())
            }
            Kdf::Scrypt(sp) => {
                let n = sp.cost_parameter;
                if !scrypt_n_is_valid(n) {
                    return Err(KeyError::Malformed(format!(
                        "encrypted PKCS#8: scrypt cost N = {n} is not a power of two from 2 up"
                    ))
                    .into());
                }
                check_scrypt(n, sp.block_size.into(), sp.parallelization.into()).map(|_| ())
            }
            _ => Ok(()),
        },
        // PBES1's iteration count is 16 bits: at most 65,535.
        _ => Ok(()),
    };
    checked.map_err(KeyFileError::Limit)
}

struct PemBlock {
    label: String,
    der: Zeroizing<Vec<u8>>,
    encrypted: bool,
}

/// The PEM blocks of `text`, in order. A block is a whole `-----BEGIN
/// LABEL-----` line up to its `-----END LABEL-----` line; text around blocks
/// is ignored, as OpenSSL does. Each block is decoded by the `pem` crate
/// after its lines are normalised (encapsulated headers such as OpenSSL's
/// `Proc-Type: 4,ENCRYPTED`, then the base64 lines, blank lines dropped).
fn pem_blocks(text: &str) -> Result<Vec<PemBlock>, KeyFileError> {
    let mut out = Vec::new();
    let mut lines = text.lines().map(str::trim);
    while let Some(line) = lines.next() {
        let Some(label) = line
            .strip_prefix("-----BEGIN ")
            .and_then(|l| l.strip_suffix("-----"))
        else {
            continue;
        };
        let end = format!("-----END {label}-----");
        let (mut headers, mut body) = (Vec::new(), Vec::new());
        let mut closed = false;
        for l in lines.by_ref() {
            if l == end {
                closed = true;
                break;
            }
            if l.contains(':') {
                headers.push(l);
            } else if !l.is_empty() {
                body.push(l);
            }
        }
        if !closed {
            return Err(KeyFileError::PemTruncated);
        }
        let mut block = Zeroizing::new(format!("-----BEGIN {label}-----\n"));
        if !headers.is_empty() {
            block.push_str(&headers.join("\n"));
            block.push_str("\n\n");
        }
        for l in &body {
            block.push_str(l);
            block.push('\n');
        }
        block.push_str(&end);
        block.push('\n');
        let parsed = pem::parse(block.as_bytes()).map_err(|e| KeyFileError::Pem(e.to_string()))?;
        out.push(PemBlock {
            label: label.to_string(),
            encrypted: headers
                .iter()
                .any(|h| h.starts_with("Proc-Type:") && h.contains("ENCRYPTED")),
            der: Zeroizing::new(parsed.into_contents()),
        });
    }
    Ok(out)
}

/// Certificates in a PEM or DER file, DER each.
pub fn parse_cert_file(data: &[u8]) -> Result<Vec<Vec<u8>>, crate::Error> {
    if let Some(text) = std::str::from_utf8(data)
        .ok()
        .filter(|t| t.contains("-----BEGIN "))
    {
        let certs: Vec<Vec<u8>> = pem_blocks(text)?
            .into_iter()
            .filter(|b| b.label == "CERTIFICATE")
            .map(|b| b.der.to_vec())
            .collect();
        if certs.is_empty() {
            return Err(KeyFileError::NoCertificate.into());
        }
        return Ok(certs);
    }
    x509_cert::Certificate::from_der(data)
        .map_err(|e| KeyFileError::NotCertificate(e.to_string()))?;
    Ok(vec![data.to_vec()])
}

/// PEM-encode a DER blob (64-column lines, LF).
pub fn to_pem(label: &str, der_bytes: &[u8]) -> String {
    pem::encode_config(
        &pem::Pem::new(label, der_bytes),
        pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7638_thumbprint_example() {
        // RFC 7638 section 3.1.
        let n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
        let key = RsaPublic::new(&Base64UrlUnpadded::decode_vec(n).unwrap(), &[1, 0, 1]);
        assert_eq!(key.bits(), 2048);
        assert_eq!(
            PublicKey::Rsa(key).thumbprint(),
            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
        );
    }

    #[test]
    fn ec_round_trip_and_alg_checks() {
        let k = KeyPair::generate(Alg::ES256, 0).unwrap();
        let der_bytes = k.to_pkcs8_der().unwrap();
        let back = KeyPair::from_pkcs8_der(&der_bytes).unwrap();
        assert_eq!(back.public(), k.public());
        assert!(k.public().check_alg(Alg::ES256).is_ok());
        assert!(k.public().check_alg(Alg::PS256).is_err());
        assert_eq!(k.public().thumbprint().len(), 43);
        assert!(format!("{k:?}").contains("redacted"));
        k.check().unwrap();
    }

    #[test]
    fn generated_rsa_keys_are_valid() {
        let kp = KeyPair::generate(Alg::PS256, 2048).unwrap();
        let PublicKey::Rsa(public) = kp.public() else {
            panic!("not RSA")
        };
        assert_eq!(public.bits(), 2048);
        assert_eq!(public.e(), &[1, 0, 1]);
        kp.check().unwrap();
        // The PKCS#8 round trip keeps the key, and SPKI encodes and decodes.
        let back = KeyPair::from_pkcs8_der(&kp.to_pkcs8_der().unwrap()).unwrap();
        assert_eq!(back.public(), kp.public());
        let spki = kp.public().to_spki_der().unwrap();
        assert_eq!(PublicKey::from_spki_der(&spki).unwrap(), kp.public());
        // The JWK gives the same key back.
        let jwk = serde_json::Value::Object(kp.public().to_jwk("k", Alg::PS256));
        assert_eq!(PublicKey::from_jwk(&jwk).unwrap(), kp.public());
    }

    #[test]
    fn pem_blocks_truncated_legacy_and_round_trip() {
        let k = KeyPair::generate(Alg::ES256, 0).unwrap();
        let pem_text = to_pem("PRIVATE KEY", &k.to_pkcs8_der().unwrap());
        assert!(pem_text.lines().all(|l| l.len() <= 64));
        let blocks = pem_blocks(&pem_text).unwrap();
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].label, "PRIVATE KEY");
        assert!(!blocks[0].encrypted);
        // A file cut before its END line is an error, not an empty file.
        let cut = &pem_text[..pem_text.len() - 30];
        assert!(pem_blocks(cut).is_err());
        // Text around blocks (a comment naming a BEGIN line) and blank lines
        // inside a block are no trouble; CRLF line endings neither.
        let noisy = format!(
            "key below; see -----BEGIN PRIVATE KEY----- docs\r\n{}\r\n",
            pem_text
                .replace('\n', "\r\n")
                .replacen("\r\n", "\r\n\r\n", 1)
        );
        let blocks = pem_blocks(&noisy).unwrap();
        assert_eq!(blocks.len(), 1);
        assert_eq!(*blocks[0].der, *k.to_pkcs8_der().unwrap());
        // OpenSSL's legacy encryption is recognised by its header.
        let legacy = "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nAAAA\n-----END EC PRIVATE KEY-----\n";
        let blocks = pem_blocks(legacy).unwrap();
        assert!(blocks[0].encrypted);
    }

    #[test]
    fn rsa_sizes() {
        assert!(matches!(
            KeyPair::generate(Alg::RS256, 1024),
            Err(KeyError::RsaSize(1024))
        ));
        assert_eq!("ps256".parse::<Alg>().unwrap(), Alg::PS256);
        assert!("HS256".parse::<Alg>().is_err());
    }
}
