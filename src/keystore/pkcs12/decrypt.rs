//! Decrypting the encrypted parts: PBES2 (PBKDF2 or scrypt with AES-CBC or
//! DES-CBC) and the legacy PKCS#12 PBE ciphers (3DES, 2DES, RC2), and the
//! names of the schemes for [`super::Protection`].

use aes::cipher::{block_padding::Pkcs7, BlockDecryptMut, InnerIvInit, KeyIvInit};
use der::asn1::ObjectIdentifier;
use pkcs12::pbe_params::Pkcs12PbeParams;
use pkcs12::{
    PKCS_12_PBEWITH_SHAAND40_BIT_RC2_CBC as PBE_SHA1_RC2_40,
    PKCS_12_PBE_WITH_SHAAND128_BIT_RC2_CBC as PBE_SHA1_RC2_128,
    PKCS_12_PBE_WITH_SHAAND128_BIT_RC4 as PBE_SHA1_RC4_128,
    PKCS_12_PBE_WITH_SHAAND2_KEY_TRIPLE_DES_CBC as PBE_SHA1_2DES,
    PKCS_12_PBE_WITH_SHAAND3_KEY_TRIPLE_DES_CBC as PBE_SHA1_3DES,
    PKCS_12_PBE_WITH_SHAAND40_BIT_RC4 as PBE_SHA1_RC4_40,
};
use pkcs5::pbes2::PBES2_OID as PBES2;
use spki::AlgorithmIdentifierOwned;
use zeroize::Zeroizing;

use super::kdf::{prf_of, Kdf, Prf};
use super::limits::{scrypt_cost, LimitExceeded};
use super::Pkcs12Error;

/// Why a decryption failed.
pub(super) enum DecryptError {
    /// Padding or key did not fit: a wrong password, almost always.
    Bad,
    Fatal(Pkcs12Error),
}

impl From<Pkcs12Error> for DecryptError {
    fn from(e: Pkcs12Error) -> Self {
        DecryptError::Fatal(e)
    }
}

impl From<LimitExceeded> for DecryptError {
    fn from(e: LimitExceeded) -> Self {
        DecryptError::Fatal(e.into())
    }
}

fn cbc_decrypt<C>(key: &[u8], iv: &[u8], data: &[u8]) -> Result<Zeroizing<Vec<u8>>, DecryptError>
where
    C: aes::cipher::BlockCipher + aes::cipher::BlockDecrypt + aes::cipher::KeyInit,
{
    let dec = cbc::Decryptor::<C>::new_from_slices(key, iv)
        .map_err(|_| DecryptError::Fatal(Pkcs12Error::Malformed("bad cipher IV length".into())))?;
    dec.decrypt_padded_vec_mut::<Pkcs7>(data)
        .map(Zeroizing::new)
        .map_err(|_| DecryptError::Bad)
}

pub(super) fn describe_scheme(alg: &AlgorithmIdentifierOwned) -> (String, Option<u32>, bool) {
    match alg.oid {
        PBES2 => {
            let Some(params) = alg.parameters.as_ref() else {
                return ("PBES2".into(), None, false);
            };
            match pkcs5::pbes2::Parameters::try_from(der::asn1::AnyRef::from(params)) {
                Ok(p) => {
                    let (kdf, iters) = match &p.kdf {
                        pkcs5::pbes2::Kdf::Pbkdf2(k) => (
                            format!("PBKDF2-HMAC-{}", prf_of(k.prf).map_or("?", Prf::name)),
                            Some(k.iteration_count),
                        ),
                        pkcs5::pbes2::Kdf::Scrypt(_) => ("scrypt".to_string(), None),
                        _ => ("an unknown KDF".to_string(), None),
                    };
                    let cipher = match p.encryption {
                        pkcs5::pbes2::EncryptionScheme::Aes128Cbc { .. } => "AES-128-CBC",
                        pkcs5::pbes2::EncryptionScheme::Aes192Cbc { .. } => "AES-192-CBC",
                        pkcs5::pbes2::EncryptionScheme::Aes256Cbc { .. } => "AES-256-CBC",
                        pkcs5::pbes2::EncryptionScheme::DesCbc { .. } => "DES-CBC",
                        pkcs5::pbes2::EncryptionScheme::DesEde3Cbc { .. } => "DES-EDE3-CBC",
                        _ => "an unknown cipher",
                    };
                    (format!("PBES2 {kdf} {cipher}"), iters, false)
                }
                Err(_) => ("PBES2 (unreadable parameters)".into(), None, false),
            }
        }
        oid => {
            let name = legacy_name(&oid).unwrap_or("an unknown encryption scheme");
            let iters = alg
                .parameters
                .as_ref()
                .and_then(|p| p.decode_as::<Pkcs12PbeParams>().ok())
                .and_then(|p| u32::try_from(p.iterations).ok());
            (name.to_string(), iters, true)
        }
    }
}

fn legacy_name(oid: &ObjectIdentifier) -> Option<&'static str> {
    Some(match *oid {
        PBE_SHA1_3DES => "PBE-SHA1-3DES",
        PBE_SHA1_2DES => "PBE-SHA1-2DES",
        PBE_SHA1_RC2_40 => "PBE-SHA1-RC2-40",
        PBE_SHA1_RC2_128 => "PBE-SHA1-RC2-128",
        PBE_SHA1_RC4_40 => "PBE-SHA1-RC4-40",
        PBE_SHA1_RC4_128 => "PBE-SHA1-RC4-128",
        _ => return None,
    })
}

pub(super) fn decrypt(
    kdf: &mut Kdf,
    alg: &AlgorithmIdentifierOwned,
    data: &[u8],
) -> Result<Zeroizing<Vec<u8>>, DecryptError> {
    let params = alg
        .parameters
        .as_ref()
        .ok_or_else(|| Pkcs12Error::Malformed("encryption algorithm without parameters".into()))?;
    match alg.oid {
        PBES2 => {
            use pkcs5::pbes2::{EncryptionScheme as E, Kdf as K};
            let p = pkcs5::pbes2::Parameters::try_from(der::asn1::AnyRef::from(params))
                .map_err(|e| Pkcs12Error::Malformed(format!("PBES2 parameters: {e}")))?;
            let K::Pbkdf2(pb) = &p.kdf else {
                if let K::Scrypt(sp) = &p.kdf {
                    kdf.charge(scrypt_cost(sp)?)?;
                }
                // scrypt: let pkcs5 do the whole thing (no cache, rare).
                let out = p
                    .decrypt(kdf.password.expose().as_bytes(), data)
                    .map_err(|_| DecryptError::Bad)?;
                return Ok(Zeroizing::new(out));
            };
            let prf = prf_of(pb.prf).ok_or_else(|| {
                Pkcs12Error::Unsupported(format!("the PBKDF2 function {:?}", pb.prf))
            })?;
            let key_len = p.encryption.key_size();
            let key = kdf.pbkdf2(prf, pb.salt, pb.iteration_count, key_len)?;
            match p.encryption {
                E::Aes128Cbc { iv } => cbc_decrypt::<aes::Aes128>(&key, iv, data),
                E::Aes192Cbc { iv } => cbc_decrypt::<aes::Aes192>(&key, iv, data),
                E::Aes256Cbc { iv } => cbc_decrypt::<aes::Aes256>(&key, iv, data),
                E::DesCbc { iv } => cbc_decrypt::<des::Des>(&key, iv, data),
                E::DesEde3Cbc { iv } => cbc_decrypt::<des::TdesEde3>(&key, iv, data),
                _ => Err(DecryptError::Fatal(Pkcs12Error::Unsupported(
                    "a PBES2 cipher other than AES-CBC or DES-CBC".into(),
                ))),
            }
        }
        PBE_SHA1_3DES | PBE_SHA1_2DES | PBE_SHA1_RC2_40 | PBE_SHA1_RC2_128 => {
            let pp: Pkcs12PbeParams = params
                .decode_as()
                .map_err(|e| Pkcs12Error::Malformed(format!("PBE parameters: {e}")))?;
            let salt = pp.salt.as_bytes();
            let iterations = u32::try_from(pp.iterations)
                .map_err(|_| Pkcs12Error::Malformed("negative PBE iteration count".into()))?;
            let (key_len, iv_len) = match alg.oid {
                PBE_SHA1_3DES => (24, 8),
                PBE_SHA1_2DES => (16, 8),
                PBE_SHA1_RC2_40 => (5, 8),
                _ => (16, 8),
            };
            // OpenSSL accepts both encodings of an empty password; so do we.
            let variants: &[bool] = if kdf.password.expose().is_empty() {
                &[false, true]
            } else {
                &[false]
            };
            let mut last = DecryptError::Bad;
            for &empty in variants {
                let key = kdf.pkcs12(Prf::Sha1, salt, iterations, 1, key_len, empty)?;
                let iv = kdf.pkcs12(Prf::Sha1, salt, iterations, 2, iv_len, empty)?;
                let r = match alg.oid {
                    PBE_SHA1_3DES => cbc_decrypt::<des::TdesEde3>(&key, &iv, data),
                    PBE_SHA1_2DES => {
                        // two-key 3DES: K1 K2 K1
                        let mut k3 = Zeroizing::new(key.to_vec());
                        k3.extend_from_slice(&key[..8]);
                        cbc_decrypt::<des::TdesEde3>(&k3, &iv, data)
                    }
                    _ => {
                        let bits = if alg.oid == PBE_SHA1_RC2_40 { 40 } else { 128 };
                        let cipher = rc2::Rc2::new_with_eff_key_len(&key, bits);
                        let dec = cbc::Decryptor::<rc2::Rc2>::inner_iv_slice_init(cipher, &iv)
                            .map_err(|_| Pkcs12Error::Malformed("bad RC2 IV".into()))?;
                        dec.decrypt_padded_vec_mut::<Pkcs7>(data)
                            .map(Zeroizing::new)
                            .map_err(|_| DecryptError::Bad)
                    }
                };
                match r {
                    Ok(v) => return Ok(v),
                    Err(e) => last = e,
                }
            }
            Err(last)
        }
        oid => Err(DecryptError::Fatal(Pkcs12Error::Unsupported(
            legacy_name(&oid)
                .map(|n| format!("the {n} cipher"))
                .unwrap_or_else(|| format!("the encryption algorithm {oid}")),
        ))),
    }
}
