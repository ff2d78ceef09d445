//! The limits on what a PKCS#12 file may ask for.
//!
//! A keystore or key file chooses its own costs: iteration counts, scrypt
//! parameters, how many bags it holds and how deeply they nest. Without
//! bounds, a file of a few hundred bytes can take minutes of CPU or abort on a
//! huge allocation whatever the password (the contents are probed even when
//! the MAC fails, to tell damage from a wrong password). Every parameter is
//! checked against these limits before the work it would cost is started.
//! docs/keystores.md ("Limits") lists them.

use super::{Pkcs12Error, MAX_WRITE_ITERATIONS};

/// The largest keystore file read: 16 MiB. A keystore holds a few keys and
/// their certificate chains, a few KB each; 16 MiB is over a thousand times
/// that. It also bounds everything decoded from the file: decrypted parts are
/// never longer than their ciphertext, and nested bags are copied at most
/// [`MAX_NESTING`] times.
pub const MAX_FILE_SIZE: usize = 16 << 20;
/// The most iterations one key derivation (PBKDF2, the PKCS#12 KDF of the MAC
/// and of legacy PBE) may ask for: the most pkjwt writes, so any keystore
/// pkjwt wrote reads back. A few seconds of one core: 10,000,000 rounds of
/// PBKDF2-HMAC-SHA256 took 6.6 s with OpenSSL on a busy 2-core build machine.
pub const MAX_ITERATIONS: u32 = MAX_WRITE_ITERATIONS;
/// The most key-derivation work one file may ask for in total, in iterations
/// (an iteration of each output block; scrypt counts N·r·p, of the same order
/// per unit: N = 2^18, r = 8 took 1.8 s where 2,000,000 PBKDF2 rounds took
/// 1.3 s). A file pkjwt writes at its cap needs 2 x 10,000,000 (one salt for
/// all bags, and the MAC); OpenSSL at that cap needs one derivation per
/// encrypted part. Five derivations at the cap: tens of seconds at worst,
/// rather than the hours 1,000 bags with their own salts and 10,000,000
/// iterations each would take.
pub const MAX_KDF_WORK: u64 = 5 * MAX_ITERATIONS as u64;
/// The largest scrypt cost parameter N: 2^20, the "sensitive storage"
/// setting of the scrypt paper; OpenSSL's default is 2^14.
pub const MAX_SCRYPT_N: u64 = 1 << 20;
/// The largest scrypt block size r (8 is everyone's default).
pub const MAX_SCRYPT_R: u64 = 32;
/// The largest scrypt parallelism p (1 is everyone's default): pkjwt runs
/// the p lanes one after another, so p multiplies the time.
pub const MAX_SCRYPT_P: u64 = 16;
/// The most memory one scrypt derivation may need for its table, 128·r·N
/// bytes: 256 MiB (N = 2^18 with r = 8, or N = 2^20 with r = 2), a quarter
/// of what N = 2^20, r = 8 would take. (The p lanes run one after another;
/// each adds 128·r bytes.)
pub const MAX_SCRYPT_MEMORY: u64 = 256 << 20;
/// The deepest nesting of SafeContents bags (safeContentsBag within
/// safeContentsBag): real files do not nest at all; reading is recursive.
pub const MAX_NESTING: usize = 8;
/// The most SafeBags in one file (keys, certificates and others, at any depth).
pub const MAX_BAGS: usize = 1_000;

/// A parameter of a file over one of pkjwt's limits.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{what} is {found}, over pkjwt's limit of {max}")]
pub struct LimitExceeded {
    /// The limit, named as docs/keystores.md names it.
    pub what: &'static str,
    /// The value the file asks for (for nesting and counts, the first value over the limit).
    pub found: u64,
    /// pkjwt's limit.
    pub max: u64,
}

pub(super) fn limit(what: &'static str, found: u64, max: u64) -> Result<(), LimitExceeded> {
    if found > max {
        Err(LimitExceeded { what, found, max })
    } else {
        Ok(())
    }
}

/// Check a keystore's size against [`MAX_FILE_SIZE`].
pub fn check_file_size(bytes: u64) -> Result<(), LimitExceeded> {
    limit(
        "the keystore file size in bytes",
        bytes,
        MAX_FILE_SIZE as u64,
    )
}

/// Check an iteration count of one key derivation against [`MAX_ITERATIONS`].
pub fn check_iterations(what: &'static str, iterations: u64) -> Result<(), LimitExceeded> {
    limit(what, iterations, MAX_ITERATIONS.into())
}

/// Check scrypt parameters against the scrypt limits; the cost it counts
/// against [`MAX_KDF_WORK`] (N·r·p) when they pass. `n` must be a power of
/// two from 2 up (see [`scrypt_n_is_valid`]).
pub fn check_scrypt(n: u64, r: u64, p: u64) -> Result<u64, LimitExceeded> {
    limit("the scrypt cost N", n, MAX_SCRYPT_N)?;
    limit("the scrypt block size r", r, MAX_SCRYPT_R)?;
    limit("the scrypt parallelism p", p, MAX_SCRYPT_P)?;
    // Each factor is bounded above, so nothing overflows.
    limit(
        "the scrypt memory in bytes (128·r·N)",
        128 * r * n,
        MAX_SCRYPT_MEMORY,
    )?;
    Ok(n * r * p)
}

/// True when `n` is a valid scrypt N: a power of two from 2 up. (pkcs5's
/// conversion of N = 0 overflows, so this is checked before it.)
pub fn scrypt_n_is_valid(n: u64) -> bool {
    n >= 2 && n.is_power_of_two()
}

/// The scrypt work of `sp`, after checking it against the scrypt limits.
pub(super) fn scrypt_cost(sp: &pkcs5::pbes2::ScryptParams) -> Result<u64, Pkcs12Error> {
    let n = sp.cost_parameter;
    if !scrypt_n_is_valid(n) {
        return Err(Pkcs12Error::Malformed(format!(
            "scrypt cost N = {n} is not a power of two from 2 up"
        )));
    }
    Ok(check_scrypt(
        n,
        sp.block_size.into(),
        sp.parallelization.into(),
    )?)
}

#[cfg(test)]
mod tests {
    //! Hostile files, built here: each must be refused with the limit named,
    //! at once (before the work the file asks for), whatever the password.

    use cms::content_info::CmsVersion;
    use cms::content_info::ContentInfo;
    use cms::encrypted_data::EncryptedData;
    use cms::enveloped_data::EncryptedContentInfo;
    use const_oid::db::rfc5911::{ID_DATA, ID_ENCRYPTED_DATA};
    use const_oid::db::rfc5912::ID_SHA_256 as SHA256;
    use der::asn1::{Any, OctetString};
    use der::Encode;
    use pkcs12::cert_type::CertBag;
    use pkcs12::digest_info::DigestInfo;
    use pkcs12::mac_data::MacData;
    use pkcs12::pbe_params::{EncryptedPrivateKeyInfo, Pkcs12PbeParams};
    use pkcs12::pfx::{Pfx, Version};
    use pkcs12::{
        PKCS_12_CERT_BAG_OID as CERT_BAG,
        PKCS_12_PBE_WITH_SHAAND3_KEY_TRIPLE_DES_CBC as PBE_SHA1_3DES,
        PKCS_12_PKCS8_KEY_BAG_OID as SHROUDED_KEY_BAG,
        PKCS_12_SAFE_CONTENTS_BAG_OID as SAFE_CONTENTS_BAG,
        PKCS_12_X509_CERT_OID as X509_CERTIFICATE,
    };
    use pkcs5::pbes2::PBES2_OID as PBES2;
    use spki::AlgorithmIdentifierOwned;
    use zeroize::Zeroizing;

    use super::super::encode::Pbes2Writer;
    use super::super::tests::{pfx_without_mac, pw, safe_bag};
    use super::super::{decode, SafeBag};
    use super::*;

    fn data_info(safe_contents: Vec<u8>) -> ContentInfo {
        ContentInfo {
            content_type: ID_DATA,
            content: Any::encode_from(&OctetString::new(safe_contents).unwrap()).unwrap(),
        }
    }

    fn encrypted_info(alg: AlgorithmIdentifierOwned, ct: Vec<u8>) -> ContentInfo {
        let ed = EncryptedData {
            version: CmsVersion::V0,
            enc_content_info: EncryptedContentInfo {
                content_type: ID_DATA,
                content_enc_alg: alg,
                encrypted_content: Some(OctetString::new(ct).unwrap()),
            },
            unprotected_attrs: None,
        };
        ContentInfo {
            content_type: ID_ENCRYPTED_DATA,
            content: Any::encode_from(&ed).unwrap(),
        }
    }

    fn pbes2(params: &pkcs5::pbes2::Parameters) -> AlgorithmIdentifierOwned {
        AlgorithmIdentifierOwned {
            oid: PBES2,
            parameters: Some(Any::encode_from(params).unwrap()),
        }
    }

    fn pbkdf2_alg(iterations: u32, salt: &[u8]) -> AlgorithmIdentifierOwned {
        // Built by hand: pkcs5's constructor refuses counts over 100,000,000.
        pbes2(&pkcs5::pbes2::Parameters {
            kdf: pkcs5::pbes2::Kdf::Pbkdf2(pkcs5::pbes2::Pbkdf2Params {
                salt,
                iteration_count: iterations,
                key_length: None,
                prf: pkcs5::pbes2::Pbkdf2Prf::HmacWithSha256,
            }),
            encryption: pkcs5::pbes2::EncryptionScheme::Aes256Cbc { iv: &[7; 16] },
        })
    }

    fn scrypt_alg(n: u64, r: u16, p: u16) -> AlgorithmIdentifierOwned {
        pbes2(&pkcs5::pbes2::Parameters {
            kdf: pkcs5::pbes2::Kdf::Scrypt(pkcs5::pbes2::ScryptParams {
                salt: &[1; 16],
                cost_parameter: n,
                block_size: r,
                parallelization: p,
                key_length: None,
            }),
            encryption: pkcs5::pbes2::EncryptionScheme::Aes256Cbc { iv: &[7; 16] },
        })
    }

    fn legacy_alg(iterations: i32) -> AlgorithmIdentifierOwned {
        AlgorithmIdentifierOwned {
            oid: PBE_SHA1_3DES,
            parameters: Some(
                Any::encode_from(&Pkcs12PbeParams {
                    salt: OctetString::new(vec![1; 8]).unwrap(),
                    iterations,
                })
                .unwrap(),
            ),
        }
    }

    fn with_mac(infos: &[ContentInfo], iterations: i32) -> Vec<u8> {
        let auth_safe = infos.to_vec().to_der().unwrap();
        Pfx {
            version: Version::V3,
            auth_safe: data_info(auth_safe),
            mac_data: Some(MacData {
                mac: DigestInfo {
                    algorithm: AlgorithmIdentifierOwned {
                        oid: SHA256,
                        parameters: Some(Any::null()),
                    },
                    digest: OctetString::new(vec![0; 32]).unwrap(),
                },
                mac_salt: OctetString::new(vec![2; 16]).unwrap(),
                iterations,
            }),
        }
        .to_der()
        .unwrap()
    }

    /// Decode `file` with a few passwords, each within a second; the limit it names.
    fn refused(file: &[u8]) -> LimitExceeded {
        let mut found = None;
        for password in ["pw", "", "other"] {
            let start = std::time::Instant::now();
            let r = decode(file, &pw(password));
            assert!(
                start.elapsed() < std::time::Duration::from_secs(1),
                "took {:?}",
                start.elapsed()
            );
            match r {
                Err(Pkcs12Error::Limit(l)) => {
                    let msg = Pkcs12Error::Limit(l.clone()).to_string();
                    assert!(
                        msg.contains(l.what) && msg.contains(&l.found.to_string()),
                        "{msg}"
                    );
                    assert!(found.is_none_or(|f| f == l), "{l:?}");
                    found = Some(l);
                }
                other => panic!("not refused: {other:?}"),
            }
        }
        found.unwrap()
    }

    fn encrypted_cert_part(alg: AlgorithmIdentifierOwned) -> Vec<ContentInfo> {
        vec![encrypted_info(alg, vec![0; 32])]
    }

    #[test]
    fn mac_iterations_over_the_limit_are_refused_before_the_mac() {
        let l = refused(&with_mac(&[data_info(vec![0x30, 0x00])], i32::MAX));
        assert_eq!(l.what, "the MAC iteration count");
        assert_eq!((l.found, l.max), (i32::MAX as u64, 10_000_000));
        // At the limit the MAC is computed (and fails: a wrong password).
        let start = std::time::Instant::now();
        let r = decode(&with_mac(&[data_info(vec![0x30, 0x00])], 2048), &pw("x"));
        assert!(matches!(r, Err(Pkcs12Error::WrongPassword)), "{r:?}");
        assert!(start.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn pbkdf2_iterations_over_the_limit_are_refused_with_or_without_mac() {
        let parts = encrypted_cert_part(pbkdf2_alg(u32::MAX, &[1; 16]));
        for file in [
            with_mac(&parts, 2048),
            pfx_without_mac(&parts.to_der().unwrap()),
        ] {
            let l = refused(&file);
            assert_eq!(l.what, "the PBKDF2 iteration count");
            assert_eq!(l.found, u32::MAX as u64);
        }
    }

    #[test]
    fn legacy_pbe_iterations_over_the_limit_are_refused() {
        let parts = encrypted_cert_part(legacy_alg(i32::MAX));
        for file in [
            with_mac(&parts, 2048),
            pfx_without_mac(&parts.to_der().unwrap()),
        ] {
            let l = refused(&file);
            assert_eq!(l.what, "the PKCS#12 PBE iteration count");
        }
        // In a shrouded key bag too.
        let epki = EncryptedPrivateKeyInfo {
            encryption_algorithm: legacy_alg(i32::MAX),
            encrypted_data: OctetString::new(vec![0; 32]).unwrap(),
        };
        let bag = safe_bag(SHROUDED_KEY_BAG, Any::encode_from(&epki).unwrap(), &[]);
        let parts = vec![data_info(vec![bag].to_der().unwrap())];
        let l = refused(&with_mac(&parts, 2048));
        assert_eq!(l.what, "the PKCS#12 PBE iteration count");
    }

    #[test]
    fn scrypt_parameters_over_the_limits_are_refused() {
        for (n, r, p, what) in [
            (1u64 << 40, 8, 1, "the scrypt cost N"),
            (1 << 21, 1, 1, "the scrypt cost N"),
            (1 << 14, 8, 65_535, "the scrypt parallelism p"),
            (1 << 14, 1024, 1, "the scrypt block size r"),
            (1 << 20, 8, 1, "the scrypt memory in bytes (128·r·N)"),
        ] {
            let parts = encrypted_cert_part(scrypt_alg(n, r, p));
            for file in [
                with_mac(&parts, 2048),
                pfx_without_mac(&parts.to_der().unwrap()),
            ] {
                assert_eq!(refused(&file).what, what, "N={n} r={r} p={p}");
            }
        }
        // N = 0 would overflow in pkcs5: damage, not a panic.
        let parts = encrypted_cert_part(scrypt_alg(0, 8, 1));
        let r = decode(&pfx_without_mac(&parts.to_der().unwrap()), &pw("x"));
        assert!(matches!(r, Err(Pkcs12Error::Malformed(_))), "{r:?}");
        // Within the limits, scrypt runs (and the key is wrong).
        let parts = encrypted_cert_part(scrypt_alg(1 << 10, 8, 1));
        let r = decode(&pfx_without_mac(&parts.to_der().unwrap()), &pw("x"));
        assert!(matches!(r, Err(Pkcs12Error::WrongPassword)), "{r:?}");
    }

    #[test]
    fn total_key_derivation_work_is_bounded() {
        // Six parts at the per-derivation limit, each with its own salt.
        let parts: Vec<ContentInfo> = (0..6u8)
            .map(|i| encrypted_info(pbkdf2_alg(MAX_ITERATIONS, &[i; 16]), vec![0; 32]))
            .collect();
        for file in [
            with_mac(&parts, 2048),
            pfx_without_mac(&parts.to_der().unwrap()),
        ] {
            let l = refused(&file);
            assert_eq!(l.what, "the total key-derivation work in iterations");
            assert_eq!(l.max, 50_000_000);
        }
        // 1,000 scrypt parts within the scrypt limits: refused by the total too.
        let parts: Vec<ContentInfo> = (0..1000)
            .map(|_| encrypted_info(scrypt_alg(1 << 18, 8, 1), vec![0; 32]))
            .collect();
        let l = refused(&pfx_without_mac(&parts.to_der().unwrap()));
        assert_eq!(l.what, "the total key-derivation work in iterations");
    }

    #[test]
    fn limits_on_parts_seen_only_after_decryption_are_checked_before_deriving() {
        // A well-formed encrypted part (2048 iterations) holding a shrouded
        // key with 2^32 - 1: the inner derivation is refused, not run.
        let salt = [3u8; 16];
        let mut key = Zeroizing::new(vec![0u8; 32]);
        pbkdf2::pbkdf2_hmac::<sha2::Sha256>(b"pw", &salt, 2048, &mut key);
        let writer = Pbes2Writer {
            salt,
            iterations: 2048,
            key,
        };
        let epki = EncryptedPrivateKeyInfo {
            encryption_algorithm: pbkdf2_alg(u32::MAX, &[4; 16]),
            encrypted_data: OctetString::new(vec![0; 32]).unwrap(),
        };
        let inner = vec![safe_bag(
            SHROUDED_KEY_BAG,
            Any::encode_from(&epki).unwrap(),
            &[],
        )];
        let (alg, ct) = writer.encrypt(&inner.to_der().unwrap()).unwrap();
        let file = pfx_without_mac(&vec![encrypted_info(alg, ct)].to_der().unwrap());
        let start = std::time::Instant::now();
        let r = decode(&file, &pw("pw"));
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
        assert!(
            matches!(&r, Err(Pkcs12Error::Limit(l)) if l.what == "the PBKDF2 iteration count"),
            "{r:?}"
        );
    }

    /// A DER header: `tag` and the definite length `len` (the der crate's encoding).
    fn header(tag: u8, len: usize) -> Vec<u8> {
        use der::Encode;
        der::Header::new(der::Tag::try_from(tag).unwrap(), len)
            .unwrap()
            .to_der()
            .unwrap()
    }

    /// `levels` safeContentsBags, each inside the one before, around a
    /// certificate. Built as headers around the core (every level's inner
    /// SafeContents is its last field), so 10,000 levels cost no quadratic copying.
    fn nested(levels: usize) -> Vec<u8> {
        let cert = CertBag {
            cert_id: X509_CERTIFICATE,
            cert_value: OctetString::new(vec![0x30, 0x03, 0x02, 0x01, 0x01]).unwrap(),
        };
        let core = vec![safe_bag(CERT_BAG, Any::encode_from(&cert).unwrap(), &[])]
            .to_der()
            .unwrap();
        let oid = SAFE_CONTENTS_BAG.to_der().unwrap();
        let mut headers: Vec<Vec<u8>> = Vec::new();
        let mut len = core.len();
        for _ in 0..levels {
            let explicit = header(0xa0, len);
            let bag_len = oid.len() + explicit.len() + len;
            let bag = header(0x30, bag_len);
            let seq = header(0x30, bag.len() + bag_len);
            len = seq.len() + bag.len() + bag_len;
            headers.push([seq, bag, oid.clone(), explicit].concat());
        }
        headers.reverse();
        let contents = [headers.concat(), core].concat();
        assert_eq!(contents.len(), len);
        pfx_without_mac(&vec![data_info(contents)].to_der().unwrap())
    }

    #[test]
    fn nesting_is_bounded_and_deep_nesting_is_refused_without_recursing() {
        // Depth 8 (the authenticated safe's SafeContents and 7 nested) reads.
        let d = decode(&nested(MAX_NESTING - 1), &pw("x")).unwrap();
        assert_eq!(d.bags.len(), 1);
        let l = refused(&nested(MAX_NESTING));
        assert_eq!(l.what, "the nesting depth of SafeContents");
        assert_eq!((l.found, l.max), (9, 8));
        // The issue's file: 10,000 levels (hundreds of KB), at once, on a
        // test thread's small stack.
        let file = nested(10_000);
        assert!(file.len() > 100_000);
        let l = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || refused(&file))
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(l.what, "the nesting depth of SafeContents");
    }

    #[test]
    fn bag_count_is_bounded() {
        let secret = |i: u16| {
            safe_bag(
                pkcs12::PKCS_12_SECRET_BAG_OID,
                Any::encode_from(&i).unwrap(),
                &[],
            )
        };
        let file = |n: u16| {
            let bags: Vec<SafeBag> = (0..n).map(secret).collect();
            pfx_without_mac(&vec![data_info(bags.to_der().unwrap())].to_der().unwrap())
        };
        assert_eq!(decode(&file(1000), &pw("x")).unwrap().bags.len(), 1000);
        let l = refused(&file(1001));
        assert_eq!(l.what, "the number of bags");
        assert_eq!((l.found, l.max), (1001, 1000));
        // Counted across SafeContents too.
        let half: Vec<SafeBag> = (0..600).map(secret).collect();
        let half = half.to_der().unwrap();
        let infos = vec![data_info(half.clone()), data_info(half)];
        let l = refused(&pfx_without_mac(&infos.to_der().unwrap()));
        assert_eq!(l.what, "the number of bags");
        // Inside an encrypted part, with the right password: the limit, not
        // a wrong password.
        let salt = [3u8; 16];
        let mut key = Zeroizing::new(vec![0u8; 32]);
        pbkdf2::pbkdf2_hmac::<sha2::Sha256>(b"pw", &salt, 2048, &mut key);
        let writer = Pbes2Writer {
            salt,
            iterations: 2048,
            key,
        };
        let bags: Vec<SafeBag> = (0..1001).map(secret).collect();
        let (alg, ct) = writer.encrypt(&bags.to_der().unwrap()).unwrap();
        let file = pfx_without_mac(&vec![encrypted_info(alg, ct)].to_der().unwrap());
        let r = decode(&file, &pw("pw"));
        assert!(
            matches!(&r, Err(Pkcs12Error::Limit(l)) if l.what == "the number of bags"),
            "{r:?}"
        );
        assert!(matches!(
            decode(&file, &pw("no")),
            Err(Pkcs12Error::WrongPassword)
        ));
    }

    #[test]
    fn file_size_is_bounded() {
        let mut big = vec![0u8; MAX_FILE_SIZE + 1];
        big[0] = 0x30;
        let l = refused(&big);
        assert_eq!(l.what, "the keystore file size in bytes");
        assert_eq!(l.max, 16 * 1024 * 1024);
    }
}
