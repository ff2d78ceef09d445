//! Writing a PKCS#12 file: the layout `openssl pkcs12 -export` writes,
//! PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) with one key for the whole file,
//! and an HMAC-SHA256 MAC.

use aes::cipher::{block_padding::Pkcs7, BlockEncryptMut, KeyIvInit};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::encrypted_data::EncryptedData;
use cms::enveloped_data::EncryptedContentInfo;
use const_oid::db::rfc5911::{ID_DATA, ID_ENCRYPTED_DATA};
use const_oid::db::rfc5912::ID_SHA_256 as SHA256;
use der::asn1::{Any, BmpString, OctetString, OctetStringRef};
use der::{Encode, Tag};
use pkcs12::authenticated_safe::AuthenticatedSafe;
use pkcs12::cert_type::CertBag;
use pkcs12::digest_info::DigestInfo;
use pkcs12::mac_data::MacData;
use pkcs12::pbe_params::EncryptedPrivateKeyInfo;
use pkcs12::pfx::{Pfx, Version};
use pkcs12::{
    PKCS_12_CERT_BAG_OID as CERT_BAG, PKCS_12_PKCS8_KEY_BAG_OID as SHROUDED_KEY_BAG,
    PKCS_12_X509_CERT_OID as X509_CERTIFICATE,
};
use pkcs5::pbes2::PBES2_OID as PBES2;
use spki::AlgorithmIdentifierOwned;
use zeroize::Zeroizing;

use super::kdf::{hmac, Kdf, KdfKey, Prf};
use super::{Bag, BagContent, Pkcs12Error, RawAttribute, SafeBag};
use super::{FRIENDLY_NAME, LOCAL_KEY_ID, PKJWT_ALG_OID_BYTES};
use crate::secret::Password;

fn der_err(e: der::Error) -> Pkcs12Error {
    Pkcs12Error::Malformed(format!("encoding failed: {e}"))
}

pub(super) fn encode_attributes(bag: &Bag) -> Result<Option<Any>, Pkcs12Error> {
    let mut encoded: Vec<Vec<u8>> = Vec::new();
    let mut push = |oid_bytes: &[u8], value: Vec<u8>| -> Result<(), Pkcs12Error> {
        let attr = RawAttribute {
            attr_id: Any::new(Tag::ObjectIdentifier, oid_bytes).map_err(der_err)?,
            attr_values: Any::new(Tag::Set, value).map_err(der_err)?,
        };
        encoded.push(attr.to_der().map_err(der_err)?);
        Ok(())
    };
    if let Some(name) = &bag.friendly_name {
        let bmp = BmpString::from_utf8(name).map_err(|_| Pkcs12Error::BadName(name.clone()))?;
        push(FRIENDLY_NAME.as_bytes(), bmp.to_der().map_err(der_err)?)?;
    }
    if let Some(id) = &bag.local_key_id {
        let os = OctetStringRef::new(id).map_err(der_err)?;
        push(LOCAL_KEY_ID.as_bytes(), os.to_der().map_err(der_err)?)?;
    }
    let mut values: Vec<Vec<u8>> = Vec::new();
    for v in [&bag.alg, &bag.state].into_iter().flatten() {
        values.push(
            der::asn1::Utf8StringRef::new(v)
                .and_then(|s| s.to_der())
                .map_err(der_err)?,
        );
    }
    if !values.is_empty() {
        // DER orders SET OF values by their encodings.
        values.sort();
        push(PKJWT_ALG_OID_BYTES, values.concat())?;
    }
    if encoded.is_empty() {
        return Ok(None);
    }
    // DER orders SET OF elements by their encodings.
    encoded.sort();
    Ok(Some(Any::new(Tag::Set, encoded.concat()).map_err(der_err)?))
}

/// PBES2 with one PBKDF2-HMAC-SHA256 key for the whole file and a fresh IV per use.
/// Salts and IVs from the crypto backend's generator.
fn random(buf: &mut [u8]) -> Result<(), Pkcs12Error> {
    aws_lc_rs::rand::fill(buf)
        .map_err(|_| Pkcs12Error::Malformed("the system gave no random bytes".into()))
}

pub(super) struct Pbes2Writer {
    pub(super) salt: [u8; 16],
    pub(super) iterations: u32,
    pub(super) key: Zeroizing<Vec<u8>>,
}

impl Pbes2Writer {
    pub(super) fn encrypt(
        &self,
        plain: &[u8],
    ) -> Result<(AlgorithmIdentifierOwned, Vec<u8>), Pkcs12Error> {
        let mut iv = [0u8; 16];
        random(&mut iv)?;
        let params =
            pkcs5::pbes2::Parameters::pbkdf2_sha256_aes256cbc(self.iterations, &self.salt, &iv)
                .map_err(|e| Pkcs12Error::Malformed(e.to_string()))?;
        let alg = AlgorithmIdentifierOwned {
            oid: PBES2,
            parameters: Some(Any::encode_from(&params).map_err(der_err)?),
        };
        let enc = cbc::Encryptor::<aes::Aes256>::new_from_slices(&self.key, &iv)
            .map_err(|_| Pkcs12Error::Malformed("AES key length".into()))?;
        Ok((alg, enc.encrypt_padded_vec_mut::<Pkcs7>(plain)))
    }
}

/// The keys a write needs, derived ahead (so a caller can derive them while
/// it generates a key): one PBKDF2 key for every encrypted part, and the MAC key.
pub struct WriteKeys {
    salt: [u8; 16],
    mac_salt: [u8; 16],
    iterations: u32,
    key: Zeroizing<Vec<u8>>,
    mac_key: Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for WriteKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "WriteKeys({} iterations, redacted)", self.iterations)
    }
}

impl WriteKeys {
    /// Derive fresh keys (new salts) for `password`; the two derivations run in parallel.
    pub fn derive(password: &Password, iterations: u32) -> Result<WriteKeys, Pkcs12Error> {
        let mut salt = [0u8; 16];
        let mut mac_salt = [0u8; 16];
        random(&mut salt)?;
        random(&mut mac_salt)?;
        let key_job = KdfKey::Pbkdf2 {
            prf: Prf::Sha256,
            salt: salt.to_vec(),
            iterations,
            len: 32,
        };
        let mac_job = KdfKey::Pkcs12 {
            prf: Prf::Sha256,
            salt: mac_salt.to_vec(),
            iterations,
            id: 3,
            len: 32,
            empty_variant: false,
        };
        let mut kdf = Kdf::new(password);
        kdf.prefetch(vec![key_job.clone(), mac_job.clone()]);
        Ok(WriteKeys {
            salt,
            mac_salt,
            iterations,
            key: kdf.get(key_job)?,
            mac_key: kdf.get(mac_job)?,
        })
    }

    /// The iteration count of both derivations (encryption key and MAC key).
    pub fn iterations(&self) -> u32 {
        self.iterations
    }
}

/// Write `bags` as a PKCS#12 file protected by `password`, with `iterations`
/// for both PBKDF2 and the MAC key derivation.
pub fn encode(bags: &[Bag], password: &Password, iterations: u32) -> Result<Vec<u8>, Pkcs12Error> {
    encode_with(bags, &WriteKeys::derive(password, iterations)?)
}

/// Write `bags` with keys derived ahead.
pub fn encode_with(bags: &[Bag], keys: &WriteKeys) -> Result<Vec<u8>, Pkcs12Error> {
    let writer = Pbes2Writer {
        salt: keys.salt,
        iterations: keys.iterations,
        key: keys.key.clone(),
    };

    let mut key_bags: Vec<u8> = Vec::new();
    let mut cert_bags: Vec<u8> = Vec::new();
    for bag in bags {
        let attrs = encode_attributes(bag)?;
        let (bag_id, value, target) = match &bag.content {
            BagContent::Key(pkcs8_der) => {
                let (alg, data) = writer.encrypt(pkcs8_der)?;
                let epki = EncryptedPrivateKeyInfo {
                    encryption_algorithm: alg,
                    encrypted_data: OctetString::new(data).map_err(der_err)?,
                };
                (
                    SHROUDED_KEY_BAG,
                    Any::encode_from(&epki).map_err(der_err)?,
                    &mut key_bags,
                )
            }
            BagContent::Cert(cert) => {
                let cb = CertBag {
                    cert_id: X509_CERTIFICATE,
                    cert_value: OctetString::new(cert.clone()).map_err(der_err)?,
                };
                (
                    CERT_BAG,
                    Any::encode_from(&cb).map_err(der_err)?,
                    &mut cert_bags,
                )
            }
            BagContent::Other(raw) => {
                cert_bags.extend_from_slice(raw);
                continue;
            }
        };
        let sb = SafeBag {
            bag_id,
            bag_value: value,
            bag_attributes: attrs,
        };
        target.extend(sb.to_der().map_err(der_err)?);
    }

    let mut infos: AuthenticatedSafe = Vec::new();
    if !cert_bags.is_empty() {
        let safe_contents = Any::new(Tag::Sequence, cert_bags).map_err(der_err)?;
        let (alg, ct) = writer.encrypt(&safe_contents.to_der().map_err(der_err)?)?;
        let ed = EncryptedData {
            version: CmsVersion::V0,
            enc_content_info: EncryptedContentInfo {
                content_type: ID_DATA,
                content_enc_alg: alg,
                encrypted_content: Some(OctetString::new(ct).map_err(der_err)?),
            },
            unprotected_attrs: None,
        };
        infos.push(ContentInfo {
            content_type: ID_ENCRYPTED_DATA,
            content: Any::encode_from(&ed).map_err(der_err)?,
        });
    }
    if !key_bags.is_empty() {
        let safe_contents = Any::new(Tag::Sequence, key_bags).map_err(der_err)?;
        let os = OctetString::new(safe_contents.to_der().map_err(der_err)?).map_err(der_err)?;
        infos.push(ContentInfo {
            content_type: ID_DATA,
            content: Any::encode_from(&os).map_err(der_err)?,
        });
    }
    let auth_safe = infos.to_der().map_err(der_err)?;

    let digest = hmac(Prf::Sha256, &keys.mac_key, &auth_safe);
    let mac_iterations = i32::try_from(keys.iterations)
        .map_err(|_| Pkcs12Error::Malformed("iteration count out of range".into()))?;
    let pfx = Pfx {
        version: Version::V3,
        auth_safe: ContentInfo {
            content_type: ID_DATA,
            content: Any::encode_from(&OctetString::new(auth_safe).map_err(der_err)?)
                .map_err(der_err)?,
        },
        mac_data: Some(MacData {
            mac: DigestInfo {
                algorithm: AlgorithmIdentifierOwned {
                    oid: SHA256,
                    parameters: Some(Any::null()),
                },
                digest: OctetString::new(digest).map_err(der_err)?,
            },
            mac_salt: OctetString::new(keys.mac_salt.to_vec()).map_err(der_err)?,
            iterations: mac_iterations,
        }),
    };
    pfx.to_der().map_err(der_err)
}
