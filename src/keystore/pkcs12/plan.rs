//! The key derivations a file will need, found and checked against the
//! limits before the first one runs (the MAC's included).

use cms::encrypted_data::EncryptedData;
use const_oid::db::rfc5911::{ID_DATA, ID_ENCRYPTED_DATA};
use der::asn1::OctetString;
use der::Decode;
use pkcs12::authenticated_safe::AuthenticatedSafe;
use pkcs12::pbe_params::{EncryptedPrivateKeyInfo, Pkcs12PbeParams};
use pkcs12::PKCS_12_PKCS8_KEY_BAG_OID as SHROUDED_KEY_BAG;
use pkcs5::pbes2::PBES2_OID as PBES2;
use spki::AlgorithmIdentifierOwned;

use super::kdf::{prf_of, KdfKey};
use super::limits::{check_iterations, limit, scrypt_cost, MAX_KDF_WORK};
use super::{safe_bags, Pkcs12Error};

/// The derivations an encryption algorithm identifier will need; scrypt and
/// legacy PBE parameters are checked against the limits here too, and the
/// scrypt work is added to `scrypt_work`.
fn kdf_jobs(
    alg: &AlgorithmIdentifierOwned,
    scrypt_work: &mut u64,
) -> Result<Vec<KdfKey>, Pkcs12Error> {
    let Some(params) = alg.parameters.as_ref() else {
        return Ok(vec![]);
    };
    match alg.oid {
        PBES2 => {
            let Ok(p) = pkcs5::pbes2::Parameters::try_from(der::asn1::AnyRef::from(params)) else {
                return Ok(vec![]);
            };
            if let pkcs5::pbes2::Kdf::Scrypt(sp) = &p.kdf {
                *scrypt_work = scrypt_work.saturating_add(scrypt_cost(sp)?);
            }
            let Some(pb) = p.kdf.pbkdf2() else {
                return Ok(vec![]);
            };
            let Some(prf) = prf_of(pb.prf) else {
                return Ok(vec![]);
            };
            Ok(vec![KdfKey::Pbkdf2 {
                prf,
                salt: pb.salt.to_vec(),
                iterations: pb.iteration_count,
                len: p.encryption.key_size(),
            }])
        }
        _ => {
            if let Ok(pp) = params.decode_as::<Pkcs12PbeParams>() {
                if let Ok(i) = u64::try_from(pp.iterations) {
                    check_iterations("the PKCS#12 PBE iteration count", i)?;
                }
            }
            Ok(vec![])
        }
    }
}

/// The derivations a file will need: the keys of the encrypted parts that
/// can be seen without decrypting anything, checked against the limits (a
/// file over them is refused before any derivation, the MAC's included).
/// Also returns the scrypt work of the parts seen.
pub(super) fn plan(auth_safe: &[u8]) -> Result<(Vec<KdfKey>, u64), Pkcs12Error> {
    let mut jobs = Vec::new();
    let mut scrypt_work = 0;
    let Ok(infos) = AuthenticatedSafe::from_der(auth_safe) else {
        return Ok((jobs, scrypt_work));
    };
    let mut count = 0;
    for ci in infos {
        let content = ci.content;
        match ci.content_type {
            ID_ENCRYPTED_DATA => {
                if let Ok(ed) = content.decode_as::<EncryptedData>() {
                    jobs.extend(kdf_jobs(
                        &ed.enc_content_info.content_enc_alg,
                        &mut scrypt_work,
                    )?);
                }
            }
            ID_DATA => {
                let Ok(os) = content.decode_as::<OctetString>() else {
                    continue;
                };
                let bags = match safe_bags(os.as_bytes(), &mut count) {
                    Ok(b) => b,
                    Err(e @ Pkcs12Error::Limit(_)) => return Err(e),
                    Err(_) => continue,
                };
                for b in bags.iter().filter(|b| b.bag_id == SHROUDED_KEY_BAG) {
                    if let Ok(epki) = b.bag_value.decode_as::<EncryptedPrivateKeyInfo>() {
                        jobs.extend(kdf_jobs(&epki.encryption_algorithm, &mut scrypt_work)?);
                    }
                }
            }
            _ => {}
        }
    }
    Ok((jobs, scrypt_work))
}

/// Check derivations against the limits before running any: each one
/// against [`MAX_ITERATIONS`](super::MAX_ITERATIONS), and the distinct ones with `scrypt_work`
/// together against [`MAX_KDF_WORK`].
pub(super) fn check_jobs(jobs: &[KdfKey], scrypt_work: u64) -> Result<(), Pkcs12Error> {
    let mut seen: Vec<&KdfKey> = Vec::new();
    let mut total: u64 = scrypt_work;
    for j in jobs {
        j.check()?;
        if !seen.contains(&j) {
            seen.push(j);
            total = total.saturating_add(j.cost());
        }
    }
    limit(
        "the total key-derivation work in iterations",
        total,
        MAX_KDF_WORK,
    )?;
    Ok(())
}
