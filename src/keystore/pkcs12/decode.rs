//! Reading a PKCS#12 file: the outer structure, the MAC, and the walk over
//! the contents that decrypts every bag and reads its attributes.

use cms::encrypted_data::EncryptedData;
use const_oid::db::rfc5911::{ID_DATA, ID_ENCRYPTED_DATA, ID_ENVELOPED_DATA};
use der::asn1::{Any, BmpString, ObjectIdentifier, OctetString};
use der::{Decode, Encode, Reader, SliceReader, Tag, Tagged};
use pkcs12::authenticated_safe::AuthenticatedSafe;
use pkcs12::cert_type::CertBag;
use pkcs12::pbe_params::EncryptedPrivateKeyInfo;
use pkcs12::pfx::{Pfx, Version};
use pkcs12::{
    PKCS_12_CERT_BAG_OID as CERT_BAG, PKCS_12_KEY_BAG_OID as KEY_BAG,
    PKCS_12_PKCS8_KEY_BAG_OID as SHROUDED_KEY_BAG,
    PKCS_12_SAFE_CONTENTS_BAG_OID as SAFE_CONTENTS_BAG, PKCS_12_X509_CERT_OID as X509_CERTIFICATE,
};
use spki::AlgorithmIdentifierOwned;
use zeroize::Zeroizing;

use super::decrypt::{decrypt, describe_scheme, DecryptError};
use super::kdf::{hmac, Kdf, KdfKey, Prf};
use super::limits::{check_file_size, limit, MAX_NESTING};
use super::plan::{check_jobs, plan};
use super::{safe_bags, Bag, BagContent, Decoded, Pkcs12Error, Protection, SafeBag};
use super::{FRIENDLY_NAME, LOCAL_KEY_ID, PKJWT_ALG_OID_BYTES};
use crate::secret::Password;

/// PBMAC1 (RFC 9579), which OpenSSL 3.4 can write and pkjwt does not read.
const PBMAC1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.14");

/// A DER error in the outer SEQUENCE: a file shorter than its own length says
/// is truncated.
fn outer_error(e: der::Error) -> Pkcs12Error {
    match e.kind() {
        der::ErrorKind::Incomplete { .. } => Pkcs12Error::Truncated,
        _ => Pkcs12Error::Malformed(e.to_string()),
    }
}

/// Guess what a non-PKCS#12 file is, for the error message.
fn sniff(data: &[u8]) -> Option<&'static str> {
    let text = std::str::from_utf8(&data[..data.len().min(4096)]).ok();
    if data.starts_with(&[0xfe, 0xed, 0xfe, 0xed]) {
        return Some("a Java JKS keystore");
    }
    if data.starts_with(&[0xce, 0xce, 0xce, 0xce]) {
        return Some("a Java JCEKS keystore");
    }
    if let Some(t) = text {
        let t = t.trim_start();
        if t.starts_with("-----BEGIN") {
            return Some("a PEM file");
        }
        if t.starts_with('{') {
            return Some("a JSON document");
        }
        if t.is_empty() {
            return Some("an empty file");
        }
        return Some("a text file");
    }
    None
}

/// True when `data` has the structure of a PKCS#12 file (no password needed).
pub fn is_pkcs12(data: &[u8]) -> bool {
    Pfx::from_der(data).is_ok_and(|p| p.version == Version::V3)
}

/// Read a PKCS#12 file: check its MAC with `password` and decrypt every bag.
pub fn decode(data: &[u8], password: &Password) -> Result<Decoded, Pkcs12Error> {
    if data.is_empty() {
        return Err(Pkcs12Error::NotPkcs12 {
            looks_like: Some("an empty file"),
        });
    }
    check_file_size(data.len() as u64)?;
    if data[0] != 0x30 {
        return Err(Pkcs12Error::NotPkcs12 {
            looks_like: sniff(data),
        });
    }
    // The outer SEQUENCE first: a short file is truncated; a SEQUENCE that
    // does not start with version 3 is some other DER structure.
    let outer = Any::from_der(data).map_err(outer_error)?;
    let mut r = SliceReader::new(outer.value())?;
    if r.decode::<u8>().ok() != Some(3) {
        return Err(Pkcs12Error::NotPkcs12 {
            looks_like: Some("another DER structure (a certificate or key?)"),
        });
    }
    // pkcs12's `Version` has v3 only, checked above.
    let pfx = Pfx::from_der(data)?;
    if pfx.auth_safe.content_type != ID_DATA {
        return Err(Pkcs12Error::Unsupported(
            "public-key integrity mode (a signed PFX)".into(),
        ));
    }
    let auth_safe_bytes = pfx.auth_safe.content.decode_as::<OctetString>()?;
    let auth_safe_bytes = auth_safe_bytes.as_bytes();

    let mut kdf = Kdf::new(password);
    let mut protection = Protection::default();
    let mut mac_ok = true;

    if let Some(mac) = &pfx.mac_data {
        if mac.mac.algorithm.oid == PBMAC1 {
            return Err(Pkcs12Error::Unsupported(
                "a PBMAC1 integrity check (OpenSSL 3.4 -pbmac1_pbkdf2)".into(),
            ));
        }
        let prf = Prf::from_digest_oid(&mac.mac.algorithm.oid).ok_or_else(|| {
            Pkcs12Error::Unsupported(format!("the MAC digest {}", mac.mac.algorithm.oid))
        })?;
        let iterations = u32::try_from(mac.iterations)
            .map_err(|_| Pkcs12Error::Malformed("negative MAC iteration count".into()))?;
        protection.mac = Some(format!("HMAC-{}", prf.name()));
        protection.mac_iterations = Some(iterations);
        protection.legacy |= prf == Prf::Sha1;
        let mut jobs = vec![KdfKey::Pkcs12 {
            prf,
            salt: mac.mac_salt.as_bytes().to_vec(),
            iterations,
            id: 3,
            len: prf.out_len(),
            empty_variant: false,
        }];
        // Everything visible is checked before the first derivation.
        let (planned, scrypt_work) = plan(auth_safe_bytes)?;
        jobs.extend(planned);
        check_jobs(&jobs, scrypt_work)?;
        kdf.prefetch(jobs);
        let variants: &[bool] = if password.expose().is_empty() {
            &[false, true]
        } else {
            &[false]
        };
        mac_ok = false;
        for &empty in variants {
            let key = kdf.pkcs12(
                prf,
                mac.mac_salt.as_bytes(),
                iterations,
                3,
                prf.out_len(),
                empty,
            )?;
            let expected = hmac(prf, &key, auth_safe_bytes);
            use subtle::ConstantTimeEq;
            if bool::from(expected.ct_eq(mac.mac.digest.as_bytes())) {
                mac_ok = true;
                break;
            }
        }
    }

    // Walk the contents. With a failed MAC, decryption decides between a wrong
    // password (nothing decrypts) and a damaged file (something decrypts).
    if pfx.mac_data.is_none() {
        let (jobs, scrypt_work) = plan(auth_safe_bytes)?;
        check_jobs(&jobs, scrypt_work)?;
    }
    let mut walk = Walk {
        kdf: &mut kdf,
        protection: &mut protection,
        lenient: !mac_ok,
        decrypted: 0,
        failed: 0,
        bags: 0,
    };
    let result = read_auth_safe(auth_safe_bytes, &mut walk);
    let (decrypted, failed) = (walk.decrypted, walk.failed);
    match (mac_ok, result) {
        (_, Err(DecryptError::Fatal(e))) => Err(e),
        (true, Ok(bags)) => Ok(Decoded { bags, protection }),
        (true, Err(DecryptError::Bad)) => Err(Pkcs12Error::WrongPassword),
        (false, _) if decrypted > 0 => Err(Pkcs12Error::MacMismatch),
        (false, _) => {
            let _ = failed;
            Err(Pkcs12Error::WrongPassword)
        }
    }
}

/// State of one walk over the contents.
struct Walk<'a, 'p> {
    kdf: &'a mut Kdf<'p>,
    protection: &'a mut Protection,
    /// Keep going past parts that do not decrypt (to tell damage from a wrong password).
    lenient: bool,
    decrypted: usize,
    failed: usize,
    /// SafeBags read so far, against [`MAX_BAGS`](super::MAX_BAGS).
    bags: usize,
}

impl Walk<'_, '_> {
    /// Decrypt one part; `check` says whether the plaintext is well-formed
    /// (a wrong key unpads by chance one time in 256). `Ok(None)` means the
    /// part did not decrypt and the walk is lenient.
    fn decrypt(
        &mut self,
        alg: &AlgorithmIdentifierOwned,
        data: &[u8],
        check: fn(&[u8]) -> bool,
    ) -> Result<Option<Zeroizing<Vec<u8>>>, DecryptError> {
        note_scheme(self.protection, alg);
        if self.lenient && self.decrypted > 0 {
            // The MAC failed and the password decrypted a part: the file is
            // damaged, which is all the walk has to find out.
            return Ok(None);
        }
        match decrypt(self.kdf, alg, data) {
            Ok(plain) if check(&plain) => {
                self.decrypted += 1;
                Ok(Some(plain))
            }
            Ok(_) | Err(DecryptError::Bad) => {
                self.failed += 1;
                if self.lenient {
                    Ok(None)
                } else {
                    Err(DecryptError::Bad)
                }
            }
            Err(e) => Err(e),
        }
    }
}

/// True when `plain` reads as a SafeContents, bag by bag and no further
/// than [`MAX_BAGS`](super::MAX_BAGS) (a longer one counts as read: the walk refuses it).
fn is_safe_contents(plain: &[u8]) -> bool {
    let mut count = 0;
    matches!(
        safe_bags(plain, &mut count),
        Ok(_) | Err(Pkcs12Error::Limit(_))
    )
}

fn is_private_key_info(plain: &[u8]) -> bool {
    pkcs8::PrivateKeyInfo::from_der(plain).is_ok()
}

fn read_auth_safe(auth_safe: &[u8], w: &mut Walk) -> Result<Vec<Bag>, DecryptError> {
    let infos = AuthenticatedSafe::from_der(auth_safe).map_err(Pkcs12Error::from)?;
    let mut bags = Vec::new();
    for ci in infos {
        let content = ci.content;
        match ci.content_type {
            ID_DATA => {
                let os: OctetString = content.decode_as().map_err(Pkcs12Error::from)?;
                read_safe_contents(os.as_bytes(), w, &mut bags, 1)?;
            }
            ID_ENCRYPTED_DATA => {
                let ed: EncryptedData = content.decode_as().map_err(Pkcs12Error::from)?;
                let eci = ed.enc_content_info;
                let Some(ct) = eci.encrypted_content else {
                    continue;
                };
                if let Some(plain) =
                    w.decrypt(&eci.content_enc_alg, ct.as_bytes(), is_safe_contents)?
                {
                    read_safe_contents(&plain, w, &mut bags, 1)?;
                }
            }
            ID_ENVELOPED_DATA => {
                return Err(DecryptError::Fatal(Pkcs12Error::Unsupported(
                    "public-key privacy mode (EnvelopedData)".into(),
                )))
            }
            other => {
                return Err(DecryptError::Fatal(Pkcs12Error::Unsupported(format!(
                    "content type {other}"
                ))))
            }
        }
    }
    Ok(bags)
}

fn note_scheme(protection: &mut Protection, alg: &AlgorithmIdentifierOwned) {
    let (name, iters, legacy) = describe_scheme(alg);
    if !protection.ciphers.contains(&name) {
        protection.ciphers.push(name);
    }
    if let Some(i) = iters {
        protection.min_iterations = Some(protection.min_iterations.map_or(i, |m| m.min(i)));
    }
    protection.legacy |= legacy;
}

/// Read the bags of one SafeContents at nesting `depth` (1 for the
/// authenticated safe's own), recursing into safeContentsBags down to
/// [`MAX_NESTING`].
fn read_safe_contents(
    der_bytes: &[u8],
    w: &mut Walk,
    bags: &mut Vec<Bag>,
    depth: usize,
) -> Result<(), DecryptError> {
    limit(
        "the nesting depth of SafeContents",
        depth as u64,
        MAX_NESTING as u64,
    )?;
    let raw = safe_bags(der_bytes, &mut w.bags)?;
    for bag in raw {
        let (friendly_name, local_key_id, (alg, state)) =
            read_attributes(bag.bag_attributes.as_ref())?;
        let content = match bag.bag_id {
            KEY_BAG => {
                // An unencrypted PrivateKeyInfo.
                BagContent::Key(Zeroizing::new(
                    bag.bag_value.to_der().map_err(Pkcs12Error::from)?,
                ))
            }
            SHROUDED_KEY_BAG => {
                let epki: EncryptedPrivateKeyInfo =
                    bag.bag_value.decode_as().map_err(Pkcs12Error::from)?;
                let data = epki.encrypted_data.as_bytes();
                match w.decrypt(&epki.encryption_algorithm, data, is_private_key_info)? {
                    Some(plain) => BagContent::Key(plain),
                    None => continue,
                }
            }
            CERT_BAG => {
                let cb: CertBag = bag.bag_value.decode_as().map_err(Pkcs12Error::from)?;
                if cb.cert_id == X509_CERTIFICATE {
                    BagContent::Cert(cb.cert_value.as_bytes().to_vec())
                } else {
                    BagContent::Other(raw_bag_der(&bag)?)
                }
            }
            SAFE_CONTENTS_BAG => {
                let inner = bag.bag_value.to_der().map_err(Pkcs12Error::from)?;
                read_safe_contents(&inner, w, bags, depth + 1)?;
                continue;
            }
            _ => BagContent::Other(raw_bag_der(&bag)?),
        };
        bags.push(Bag {
            content,
            friendly_name,
            local_key_id,
            alg,
            state,
        });
    }
    Ok(())
}

fn raw_bag_der(bag: &SafeBag) -> Result<Vec<u8>, DecryptError> {
    Ok(bag.to_der().map_err(Pkcs12Error::from)?)
}

/// friendlyName, localKeyId, and pkjwt's attribute: (algorithm, state).
type Attrs = (
    Option<String>,
    Option<Vec<u8>>,
    (Option<String>, Option<String>),
);

fn read_attributes(set: Option<&Any>) -> Result<Attrs, DecryptError> {
    let mut out: Attrs = (None, None, (None, None));
    let Some(set) = set else { return Ok(out) };
    if set.tag() != Tag::Set {
        return Err(Pkcs12Error::Malformed("bag attributes are not a SET".into()).into());
    }
    let mut r = SliceReader::new(set.value()).map_err(Pkcs12Error::from)?;
    while !r.is_finished() {
        let attr: Any = r.decode().map_err(Pkcs12Error::from)?;
        let mut ar = SliceReader::new(attr.value()).map_err(Pkcs12Error::from)?;
        let oid: Any = ar.decode().map_err(Pkcs12Error::from)?;
        let values: Any = ar.decode().map_err(Pkcs12Error::from)?;
        let mut vr = SliceReader::new(values.value()).map_err(Pkcs12Error::from)?;
        if vr.is_finished() {
            continue;
        }
        let first: Any = vr.decode().map_err(Pkcs12Error::from)?;
        let oid_bytes = oid.value();
        if oid_bytes == FRIENDLY_NAME.as_bytes() {
            if let Ok(b) = first.decode_as::<BmpString>() {
                out.0 = Some(b.to_string());
            }
        } else if oid_bytes == LOCAL_KEY_ID.as_bytes() {
            if let Ok(o) = first.decode_as::<OctetString>() {
                out.1 = Some(o.as_bytes().to_vec());
            }
        } else if oid_bytes == PKJWT_ALG_OID_BYTES {
            // The algorithm, and since key states a second value, the
            // state (`state=...`), in DER order (the algorithm's shorter
            // encoding first, so older pkjwt, which reads the first value
            // only, still finds the algorithm).
            let mut value = Some(first);
            while let Some(v) = value {
                if let Ok(s) = v.decode_as::<der::asn1::Utf8StringRef>() {
                    let s = s.as_str();
                    if s.starts_with(crate::keystore::state::PREFIX) {
                        out.2 .1.get_or_insert_with(|| s.to_string());
                    } else {
                        out.2 .0.get_or_insert_with(|| s.to_string());
                    }
                }
                value = if vr.is_finished() {
                    None
                } else {
                    Some(vr.decode().map_err(Pkcs12Error::from)?)
                };
            }
        }
    }
    Ok(out)
}
