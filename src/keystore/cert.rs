//! X.509 certificates: the self-signed certificate made at keygen, and what
//! pkjwt reports about a certificate (subject, validity, thumbprints).

use std::str::FromStr;
use std::time::Duration;

use base64ct::{Base64UrlUnpadded, Encoding};
use der::{Decode, Encode};
use sha2::Digest;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::Validity;
use x509_cert::Certificate;

use crate::keystore::keys::{KeyError, KeyPair, PublicKey};

/// Build the subject name: a plain string becomes `CN=<string>`; a string
/// with `=` is read as an RFC 4514 distinguished name (`CN=app,O=Example`).
pub fn subject_name(subject: &str) -> Result<Name, crate::Error> {
    let dn = if subject.contains('=') {
        subject.to_string()
    } else {
        format!("CN={}", escape_rfc4514(subject))
    };
    Name::from_str(&dn).map_err(|e| crate::Error::Subject {
        subject: subject.to_string(),
        reason: e.to_string(),
    })
}

fn escape_rfc4514(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';')
            || (i == 0 && (c == '#' || c == ' '))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A self-signed end-entity certificate for `key`, valid from now for `days`.
/// RSA keys sign it with sha256WithRSAEncryption, P-256 keys with
/// ecdsa-with-SHA256: the forms every PKCS#12 reader understands. x509-cert
/// builds it; the backend (aws-lc-rs) signs it.
pub fn self_signed(key: &KeyPair, subject: &Name, days: u32) -> Result<Vec<u8>, crate::Error> {
    let mut serial = [0u8; 16];
    aws_lc_rs::rand::fill(&mut serial).map_err(internal)?;
    serial[0] &= 0x7f;
    serial[0] |= 0x01;
    let serial = SerialNumber::new(&serial).map_err(internal)?;
    let validity =
        Validity::from_now(Duration::from_secs(u64::from(days) * 86_400)).map_err(internal)?;
    let spki_der = key.public().to_spki_der()?;
    let spki = SubjectPublicKeyInfoOwned::from_der(&spki_der).map_err(internal)?;
    let profile = Profile::Leaf {
        issuer: subject.clone(),
        enable_key_agreement: false,
        enable_key_encipherment: false,
    };
    let signer = CertSigner::new(key, spki_der)?;
    let b = CertificateBuilder::new(profile, serial, validity, subject.clone(), spki, &signer)
        .map_err(internal)?;
    let cert = b.build::<CertSignature>().map_err(internal)?;
    cert.to_der().map_err(internal)
}

/// The key, as x509-cert's builder wants a signer: its public key, the
/// signature algorithm identifier, and signatures made by aws-lc-rs.
struct CertSigner {
    key: CertKey,
    spki_der: Vec<u8>,
}

enum CertKey {
    Rsa(aws_lc_rs::rsa::KeyPair),
    Ec(aws_lc_rs::signature::EcdsaKeyPair),
    /// A key on a PKCS#11 token (or in the agent), which signs there: RSA
    /// with PKCS#1 v1.5 and SHA-256, P-256 with ECDSA (its raw `r||s`
    /// re-encoded as the DER the certificate carries).
    External {
        key: std::sync::Arc<dyn crate::keystore::keys::ExternalKey>,
        rsa: bool,
    },
}

/// sha256WithRSAEncryption (RFC 4055) and ecdsa-with-SHA256 (RFC 5758).
const SHA256_WITH_RSA: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
const ECDSA_WITH_SHA256: der::asn1::ObjectIdentifier =
    der::asn1::ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");

impl CertSigner {
    fn new(key: &KeyPair, spki_der: Vec<u8>) -> Result<CertSigner, crate::Error> {
        if let crate::keystore::keys::Secret::External(k) = key.secret() {
            let rsa = matches!(key.public_ref(), PublicKey::Rsa(_));
            let key = CertKey::External {
                key: k.clone(),
                rsa,
            };
            return Ok(CertSigner { key, spki_der });
        }
        let pkcs8_der = key.to_pkcs8_der()?;
        let key = match key.secret() {
            crate::keystore::keys::Secret::Rsa(_) => {
                CertKey::Rsa(aws_lc_rs::rsa::KeyPair::from_pkcs8(&pkcs8_der).map_err(internal)?)
            }
            // X.509 wants the DER (ASN.1) form of an ECDSA signature.
            crate::keystore::keys::Secret::Ec(_) => CertKey::Ec(
                aws_lc_rs::signature::EcdsaKeyPair::from_pkcs8(
                    &aws_lc_rs::signature::ECDSA_P256_SHA256_ASN1_SIGNING,
                    &pkcs8_der,
                )
                .map_err(internal)?,
            ),
            crate::keystore::keys::Secret::External(_) => {
                return Err(internal("an external key reached the software signer"))
            }
        };
        Ok(CertSigner { key, spki_der })
    }
}

/// The public key the builder puts in the certificate.
#[derive(Clone)]
struct CertPublicKey(Vec<u8>);

impl spki::EncodePublicKey for CertPublicKey {
    fn to_public_key_der(&self) -> spki::Result<der::Document> {
        Ok(der::Document::try_from(self.0.as_slice())?)
    }
}

impl signature::Keypair for CertSigner {
    type VerifyingKey = CertPublicKey;
    fn verifying_key(&self) -> CertPublicKey {
        CertPublicKey(self.spki_der.clone())
    }
}

impl spki::DynSignatureAlgorithmIdentifier for CertSigner {
    fn signature_algorithm_identifier(&self) -> spki::Result<spki::AlgorithmIdentifierOwned> {
        Ok(match self.key {
            CertKey::Rsa(_) | CertKey::External { rsa: true, .. } => {
                spki::AlgorithmIdentifierOwned {
                    oid: SHA256_WITH_RSA,
                    parameters: Some(der::asn1::Any::null()),
                }
            }
            CertKey::Ec(_) | CertKey::External { rsa: false, .. } => {
                spki::AlgorithmIdentifierOwned {
                    oid: ECDSA_WITH_SHA256,
                    parameters: None,
                }
            }
        })
    }
}

/// A signature as the certificate carries it.
struct CertSignature(Vec<u8>);

impl spki::SignatureBitStringEncoding for CertSignature {
    fn to_bitstring(&self) -> der::Result<der::asn1::BitString> {
        der::asn1::BitString::from_bytes(&self.0)
    }
}

impl signature::Signer<CertSignature> for CertSigner {
    fn try_sign(&self, msg: &[u8]) -> Result<CertSignature, signature::Error> {
        let rng = aws_lc_rs::rand::SystemRandom::new();
        match &self.key {
            CertKey::Rsa(k) => {
                let mut sig = vec![0u8; k.public_modulus_len()];
                k.sign(&aws_lc_rs::signature::RSA_PKCS1_SHA256, &rng, msg, &mut sig)
                    .map_err(|_| signature::Error::new())?;
                Ok(CertSignature(sig))
            }
            CertKey::Ec(k) => k
                .sign(&rng, msg)
                .map(|s| CertSignature(s.as_ref().to_vec()))
                .map_err(|_| signature::Error::new()),
            CertKey::External { key, rsa: true } => key
                .sign(crate::keystore::keys::Alg::RS256, msg)
                .map(CertSignature)
                .map_err(signature::Error::from_source),
            CertKey::External { key, rsa: false } => {
                let raw = key
                    .sign(crate::keystore::keys::Alg::ES256, msg)
                    .map_err(signature::Error::from_source)?;
                ecdsa_der(&raw)
                    .map(CertSignature)
                    .ok_or_else(signature::Error::new)
            }
        }
    }
}

/// The DER `ECDSA-Sig-Value` (RFC 5480) of a raw P-256 signature `r||s`.
fn ecdsa_der(raw: &[u8]) -> Option<Vec<u8>> {
    if raw.len() != 64 {
        return None;
    }
    let r = der::asn1::UintRef::new(&raw[..32]).ok()?;
    let s = der::asn1::UintRef::new(&raw[32..]).ok()?;
    let mut body = r.to_der().ok()?;
    body.extend(s.to_der().ok()?);
    let len = der::Length::try_from(body.len()).ok()?;
    let mut out = der::Header::new(der::Tag::Sequence, len)
        .ok()?
        .to_der()
        .ok()?;
    out.extend(body);
    Some(out)
}

fn internal(e: impl std::fmt::Display) -> crate::Error {
    crate::Error::Internal(format!("certificate: {e}"))
}

/// What pkjwt shows about a certificate.
#[derive(Clone, Debug, serde::Serialize)]
pub struct CertInfo {
    /// The subject's distinguished name (RFC 4514).
    pub subject: String,
    /// The issuer's distinguished name (RFC 4514).
    pub issuer: String,
    /// The serial number, as text.
    pub serial: String,
    /// RFC 3339, UTC.
    pub not_before: String,
    /// RFC 3339, UTC.
    pub not_after: String,
    /// Seconds since the epoch, for comparisons.
    #[serde(skip)]
    pub not_before_unix: u64,
    /// `not_after` in seconds since the epoch.
    #[serde(skip)]
    pub not_after_unix: u64,
    /// Whether subject and issuer are the same name (a self-signed certificate, as pkjwt makes).
    pub self_signed: bool,
    /// base64url SHA-1 of the DER (the JWS `x5t`).
    pub x5t: String,
    /// base64url SHA-256 of the DER (the JWS `x5t#S256`).
    #[serde(rename = "x5t#S256")]
    pub x5t_s256: String,
    /// Hex SHA-256 fingerprint, as `openssl x509 -fingerprint -sha256` prints it.
    pub sha256_fingerprint: String,
}

fn rfc3339(d: Duration) -> String {
    time::OffsetDateTime::from_unix_timestamp(d.as_secs() as i64)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| format!("@{}", d.as_secs()))
}

/// Parse an RFC 3339 date-time to seconds since the epoch.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    time::OffsetDateTime::parse(s.trim(), &time::format_description::well_known::Rfc3339)
        .ok()
        .map(time::OffsetDateTime::unix_timestamp)
}

/// Now, RFC 3339 UTC.
pub fn rfc3339_now() -> String {
    rfc3339(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default(),
    )
}

/// A unix time, RFC 3339 UTC.
pub fn rfc3339_unix(secs: i64) -> String {
    rfc3339(Duration::from_secs(secs.max(0) as u64))
}

/// Whether a DER certificate is X.509 v3 (what TLS libraries accept).
pub fn is_v3(der_bytes: &[u8]) -> bool {
    Certificate::from_der(der_bytes)
        .map(|c| c.tbs_certificate.version == x509_cert::Version::V3)
        .unwrap_or(false)
}

/// Parse a DER certificate: its public key and the facts pkjwt reports.
pub fn inspect(der_bytes: &[u8]) -> Result<(CertInfo, Result<PublicKey, KeyError>), KeyError> {
    let cert = Certificate::from_der(der_bytes)
        .map_err(|e| KeyError::Malformed(format!("certificate: {e}")))?;
    let tbs = &cert.tbs_certificate;
    let spki = tbs
        .subject_public_key_info
        .to_der()
        .map_err(|e| KeyError::Malformed(format!("certificate key: {e}")))?;
    let sha256 = sha2::Sha256::digest(der_bytes);
    let info = CertInfo {
        subject: tbs.subject.to_string(),
        issuer: tbs.issuer.to_string(),
        serial: tbs.serial_number.to_string(),
        not_before: rfc3339(tbs.validity.not_before.to_unix_duration()),
        not_after: rfc3339(tbs.validity.not_after.to_unix_duration()),
        not_before_unix: tbs.validity.not_before.to_unix_duration().as_secs(),
        not_after_unix: tbs.validity.not_after.to_unix_duration().as_secs(),
        self_signed: tbs.subject == tbs.issuer,
        x5t: Base64UrlUnpadded::encode_string(&sha1::Sha1::digest(der_bytes)),
        x5t_s256: Base64UrlUnpadded::encode_string(&sha256),
        sha256_fingerprint: sha256
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect::<Vec<_>>()
            .join(":"),
    };
    Ok((info, PublicKey::from_spki_der(&spki)))
}

/// The issuer and subject names of a certificate, DER, for chain building.
pub fn names(der_bytes: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let cert = Certificate::from_der(der_bytes).ok()?;
    Some((
        cert.tbs_certificate.issuer.to_der().ok()?,
        cert.tbs_certificate.subject.to_der().ok()?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keystore::keys::Alg;

    #[test]
    fn self_signed_certificate_matches_key() {
        let key = KeyPair::generate(Alg::ES256, 0).unwrap();
        let der_bytes = self_signed(&key, &subject_name("my, client").unwrap(), 30).unwrap();
        let (info, pk) = inspect(&der_bytes).unwrap();
        assert_eq!(pk.unwrap(), key.public());
        assert!(info.self_signed);
        assert!(info.subject.contains("my"));
        assert_eq!(info.x5t_s256.len(), 43);
    }

    #[test]
    fn subject_forms() {
        assert!(subject_name("CN=a,O=b").is_ok());
        assert!(subject_name("plain name").is_ok());
        assert!(subject_name("XX=a").is_err());
    }
}
