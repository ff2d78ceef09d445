//! Signing keys: the supported algorithms, generation, PKCS#8 and PEM decoding,
//! public JWKs and RFC 7638 thumbprints.
//!
//! pkjwt signs with RSA (RS256, PS256; 2048 bits or more) and EC P-256
//! (ES256). Any other key type is refused by name, with this list.

use std::fmt;
use std::str::FromStr;

use base64ct::{Base64UrlUnpadded, Encoding};
use der::asn1::ObjectIdentifier;
use der::Decode;
use pkcs8::{DecodePrivateKey, EncodePrivateKey};
use rsa::traits::PublicKeyParts;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// What pkjwt signs with, for error messages.
pub const SUPPORTED: &str = "RSA of 2048 bits or more (RS256, PS256) and EC P-256 (ES256)";

/// The JWS algorithms pkjwt signs client assertions with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Alg {
    RS256,
    PS256,
    ES256,
}

impl Alg {
    pub const ALL: [Alg; 3] = [Alg::ES256, Alg::PS256, Alg::RS256];

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
pub enum KeyError {
    #[error("unsupported key type {0}: pkjwt supports {SUPPORTED}")]
    UnsupportedKey(String),
    #[error("unsupported algorithm {0:?}: pkjwt signs with ES256, PS256 and RS256")]
    UnsupportedAlg(String),
    #[error("RSA keys of {0} bits are refused: use 2048, 3072 or 4096 bits")]
    RsaSize(usize),
    #[error("algorithm {alg} needs an {need} key, and this key is {have}")]
    AlgMismatch {
        alg: Alg,
        need: &'static str,
        have: &'static str,
    },
    #[error("the key is malformed: {0}")]
    Malformed(String),
    #[error("key generation failed: {0}")]
    Generation(String),
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
    Rsa(Box<rsa::RsaPrivateKey>),
    Ec(p256::SecretKey),
}

impl fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyPair({}, redacted)", self.public.describe())
    }
}

/// A public key, for JWKs, thumbprints and pairing with certificates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PublicKey {
    Rsa(rsa::RsaPublicKey),
    Ec(p256::PublicKey),
}

impl KeyPair {
    fn rsa(key: rsa::RsaPrivateKey) -> KeyPair {
        let public = PublicKey::Rsa(key.to_public_key());
        KeyPair {
            secret: Secret::Rsa(Box::new(key)),
            public,
        }
    }

    fn ec(key: p256::SecretKey, public: Option<p256::PublicKey>) -> KeyPair {
        // The scalar multiplication is the cost of an EC key: do it at most once.
        let public = public.unwrap_or_else(|| key.public_key());
        KeyPair {
            secret: Secret::Ec(key),
            public: PublicKey::Ec(public),
        }
    }

    /// Generate a key for `alg`. `rsa_bits` applies to RS256 and PS256.
    pub fn generate(alg: Alg, rsa_bits: usize) -> Result<KeyPair, KeyError> {
        match alg {
            Alg::ES256 => Ok(KeyPair::ec(
                p256::SecretKey::random(&mut rand::rngs::OsRng),
                None,
            )),
            Alg::RS256 | Alg::PS256 => {
                check_rsa_bits(rsa_bits)?;
                generate_rsa(rsa_bits)
            }
        }
    }

    /// Decode a PKCS#8 `PrivateKeyInfo`, naming unsupported key types.
    pub fn from_pkcs8_der(der_bytes: &[u8]) -> Result<KeyPair, KeyError> {
        let info = pkcs8::PrivateKeyInfo::from_der(der_bytes)
            .map_err(|e| KeyError::Malformed(format!("not a PKCS#8 private key: {e}")))?;
        let alg = info.algorithm;
        if alg.oid == RSA_ENCRYPTION {
            let key = rsa::RsaPrivateKey::from_pkcs8_der(der_bytes)
                .map_err(|e| KeyError::Malformed(format!("RSA key: {e}")))?;
            return Ok(KeyPair::rsa(key));
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
        let doc = match &self.secret {
            Secret::Rsa(k) => k.to_pkcs8_der(),
            Secret::Ec(k) => k.to_pkcs8_der(),
        }
        .map_err(|e| KeyError::Malformed(e.to_string()))?;
        Ok(Zeroizing::new(doc.as_bytes().to_vec()))
    }

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

/// RSA key generation with the faster prime search of rsa 0.10, handed to
/// rsa 0.9 as (zeroized) PKCS#8 DER.
fn generate_rsa(bits: usize) -> Result<KeyPair, KeyError> {
    use rsa_keygen::pkcs8::EncodePrivateKey as _;
    let mut rng = getrandom::rand_core::UnwrapErr(getrandom::SysRng);
    let key = rsa_keygen::RsaPrivateKey::new(&mut rng, bits)
        .map_err(|e| KeyError::Generation(e.to_string()))?;
    let der = key
        .to_pkcs8_der()
        .map_err(|e| KeyError::Generation(e.to_string()))?;
    let key = rsa::RsaPrivateKey::from_pkcs8_der(der.as_bytes())
        .map_err(|e| KeyError::Generation(e.to_string()))?;
    Ok(KeyPair::rsa(key))
}

fn check_rsa_bits(bits: usize) -> Result<(), KeyError> {
    if matches!(bits, 2048 | 3072 | 4096) {
        Ok(())
    } else {
        Err(KeyError::RsaSize(bits))
    }
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
            return rsa::RsaPublicKey::from_public_key_der(der_bytes)
                .map(PublicKey::Rsa)
                .map_err(|e| KeyError::Malformed(format!("RSA public key: {e}")));
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

    pub fn to_spki_der(&self) -> Result<Vec<u8>, KeyError> {
        use spki::EncodePublicKey;
        match self {
            PublicKey::Rsa(k) => k.to_public_key_der(),
            PublicKey::Ec(k) => k.to_public_key_der(),
        }
        .map(|d| d.as_bytes().to_vec())
        .map_err(|e| KeyError::Malformed(e.to_string()))
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
            PublicKey::Rsa(k) => k.n().bits(),
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
    pub fn jwk_members(&self) -> Vec<(&'static str, String)> {
        match self {
            PublicKey::Rsa(k) => vec![
                ("e", b64(&k.e().to_bytes_be())),
                ("kty", "RSA".into()),
                ("n", b64(&k.n().to_bytes_be())),
            ],
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
}

/// A key (and perhaps certificates) read from a PEM or DER file.
pub struct ParsedKeyFile {
    pub key: KeyPair,
    /// Certificates found in the same file, DER, in file order.
    pub certs: Vec<Vec<u8>>,
}

/// Read a private key from PEM (PKCS#8, encrypted PKCS#8, PKCS#1 or SEC1) or
/// PKCS#8 DER. `password` is asked for only when the key is encrypted.
pub fn parse_key_file(
    data: &[u8],
    password: &mut dyn FnMut() -> Result<crate::secret::Password, crate::Error>,
) -> Result<ParsedKeyFile, crate::Error> {
    let text = std::str::from_utf8(data)
        .ok()
        .filter(|t| t.contains("-----BEGIN "));
    let Some(text) = text else {
        // DER: PKCS#8 only.
        let key = KeyPair::from_pkcs8_der(data).map_err(crate::Error::Key)?;
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
                let pw = password()?;
                let doc = epki.decrypt(pw.expose().as_bytes()).map_err(|_| {
                    crate::Error::Input {
                        what: "the encrypted private key did not decrypt: wrong password".into(),
                        hint: Some("give the key's password with --from-password-file or PKJWT_IMPORT_PASSWORD".into()),
                    }
                })?;
                Some(KeyPair::from_pkcs8_der(doc.as_bytes())?)
            }
            "RSA PRIVATE KEY" | "EC PRIVATE KEY" if block.encrypted => {
                return Err(crate::Error::Input {
                    what: "the key uses OpenSSL's legacy PEM encryption (Proc-Type: 4,ENCRYPTED)".into(),
                    hint: Some("convert it to encrypted PKCS#8 first: openssl pkcs8 -topk8 -v2 aes-256-cbc -in KEY -out key.p8.pem".into()),
                });
            }
            "RSA PRIVATE KEY" => {
                use pkcs1::DecodeRsaPrivateKey;
                let k = rsa::RsaPrivateKey::from_pkcs1_der(&block.der)
                    .map_err(|e| KeyError::Malformed(format!("PKCS#1 RSA key: {e}")))?;
                Some(KeyPair::rsa(k))
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
                certs.push(block.der);
                None
            }
            "EC PARAMETERS" => None,
            "DSA PRIVATE KEY" => return Err(KeyError::UnsupportedKey("DSA".into()).into()),
            "OPENSSH PRIVATE KEY" => {
                return Err(crate::Error::Input {
                    what: "this is an OpenSSH private key".into(),
                    hint: Some(
                        "convert it to PKCS#8 PEM: ssh-keygen -p -m PKCS8 -f KEY (on a copy)"
                            .into(),
                    ),
                })
            }
            _ => None,
        };
        if let Some(k) = k {
            if key.is_some() {
                return Err(crate::Error::Input {
                    what: "the file holds more than one private key".into(),
                    hint: Some("split it: one key per import".into()),
                });
            }
            key = Some(k);
        }
    }
    match key {
        Some(key) => Ok(ParsedKeyFile { key, certs }),
        None => Err(crate::Error::Input {
            what: "no private key found in the PEM file".into(),
            hint: Some("expected a PRIVATE KEY, ENCRYPTED PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block".into()),
        }),
    }
}

struct PemBlock {
    label: String,
    der: Vec<u8>,
    encrypted: bool,
}

fn pem_blocks(text: &str) -> Result<Vec<PemBlock>, crate::Error> {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let line = line.trim();
        let Some(label) = line
            .strip_prefix("-----BEGIN ")
            .and_then(|l| l.strip_suffix("-----"))
        else {
            continue;
        };
        let end = format!("-----END {label}-----");
        let mut b64body = String::new();
        let mut encrypted = false;
        let mut closed = false;
        for l in lines.by_ref() {
            let l = l.trim();
            if l == end {
                closed = true;
                break;
            }
            if l.contains(':') {
                if l.starts_with("Proc-Type:") && l.contains("ENCRYPTED") {
                    encrypted = true;
                }
                continue;
            }
            b64body.push_str(l);
        }
        if !closed {
            return Err(crate::Error::Input {
                what: format!("the PEM block {label} has no END line (truncated file?)"),
                hint: None,
            });
        }
        let der = base64ct::Base64::decode_vec(&b64body).map_err(|_| crate::Error::Input {
            what: format!("the PEM block {label} is not valid base64"),
            hint: None,
        })?;
        out.push(PemBlock {
            label: label.to_string(),
            der,
            encrypted,
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
            .map(|b| b.der)
            .collect();
        if certs.is_empty() {
            return Err(crate::Error::Input {
                what: "no CERTIFICATE block in the certificate file".into(),
                hint: None,
            });
        }
        return Ok(certs);
    }
    x509_cert::Certificate::from_der(data).map_err(|e| crate::Error::Input {
        what: format!("the certificate file is neither PEM nor an X.509 DER certificate: {e}"),
        hint: None,
    })?;
    Ok(vec![data.to_vec()])
}

/// PEM-encode a DER blob.
pub fn to_pem(label: &str, der_bytes: &[u8]) -> String {
    let b = base64ct::Base64::encode_string(der_bytes);
    let mut s = format!("-----BEGIN {label}-----\n");
    for chunk in b.as_bytes().chunks(64) {
        s.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        s.push('\n');
    }
    s.push_str(&format!("-----END {label}-----\n"));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7638_thumbprint_example() {
        // RFC 7638 section 3.1.
        let n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
        let n = rsa::BigUint::from_bytes_be(&Base64UrlUnpadded::decode_vec(n).unwrap());
        let key = rsa::RsaPublicKey::new(n, rsa::BigUint::from(65537u32)).unwrap();
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
    }

    #[test]
    fn generated_rsa_keys_are_valid() {
        let kp = KeyPair::generate(Alg::PS256, 2048).unwrap();
        let Secret::Rsa(k) = kp.secret() else {
            panic!("not RSA")
        };
        k.validate().unwrap();
        assert_eq!(PublicKey::Rsa(k.to_public_key()).bits(), 2048);
        assert_eq!(k.e(), &rsa::BigUint::from(65537u32));
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
