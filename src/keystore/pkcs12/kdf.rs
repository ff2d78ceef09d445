//! Key derivation: PBKDF2 and the PKCS#12 KDF (RFC 7292 appendix B, which
//! also derives the MAC key), cached by (salt, iterations, algorithm) for the
//! life of one decode or encode, and the HMAC of the MAC.

use std::collections::HashMap;

use const_oid::db::rfc5912::{ID_SHA_1 as SHA1, ID_SHA_224 as SHA224, ID_SHA_256 as SHA256};
use const_oid::db::rfc5912::{ID_SHA_384 as SHA384, ID_SHA_512 as SHA512};
use der::asn1::{BmpString, ObjectIdentifier};
use hmac::{Hmac, Mac};
use zeroize::Zeroizing;

use super::limits::{check_iterations, limit, LimitExceeded, MAX_KDF_WORK};
use super::Pkcs12Error;
use crate::secret::Password;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(super) enum Prf {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl Prf {
    pub(super) fn from_digest_oid(oid: &ObjectIdentifier) -> Option<Prf> {
        Some(match *oid {
            SHA1 => Prf::Sha1,
            SHA224 => Prf::Sha224,
            SHA256 => Prf::Sha256,
            SHA384 => Prf::Sha384,
            SHA512 => Prf::Sha512,
            _ => return None,
        })
    }
    pub(super) fn name(self) -> &'static str {
        match self {
            Prf::Sha1 => "SHA1",
            Prf::Sha224 => "SHA224",
            Prf::Sha256 => "SHA256",
            Prf::Sha384 => "SHA384",
            Prf::Sha512 => "SHA512",
        }
    }
    pub(super) fn out_len(self) -> usize {
        match self {
            Prf::Sha1 => 20,
            Prf::Sha224 => 28,
            Prf::Sha256 => 32,
            Prf::Sha384 => 48,
            Prf::Sha512 => 64,
        }
    }
}

#[derive(Clone, PartialEq, Eq, Hash)]
pub(super) enum KdfKey {
    Pbkdf2 {
        prf: Prf,
        salt: Vec<u8>,
        iterations: u32,
        len: usize,
    },
    Pkcs12 {
        prf: Prf,
        salt: Vec<u8>,
        iterations: u32,
        id: u8,
        len: usize,
        empty_variant: bool,
    },
}

impl KdfKey {
    fn iterations(&self) -> u32 {
        match self {
            KdfKey::Pbkdf2 { iterations, .. } | KdfKey::Pkcs12 { iterations, .. } => *iterations,
        }
    }

    /// What the derivation counts against [`MAX_KDF_WORK`]: its iterations
    /// times the hash blocks of output it needs.
    pub(super) fn cost(&self) -> u64 {
        let (prf, len) = match self {
            KdfKey::Pbkdf2 { prf, len, .. } | KdfKey::Pkcs12 { prf, len, .. } => (*prf, *len),
        };
        let blocks = len.div_ceil(prf.out_len()).max(1) as u64;
        u64::from(self.iterations()).saturating_mul(blocks)
    }

    /// Check the derivation against [`MAX_ITERATIONS`](super::MAX_ITERATIONS).
    pub(super) fn check(&self) -> Result<(), LimitExceeded> {
        let what = match self {
            KdfKey::Pbkdf2 { .. } => "the PBKDF2 iteration count",
            KdfKey::Pkcs12 { id: 3, .. } => "the MAC iteration count",
            KdfKey::Pkcs12 { .. } => "the PKCS#12 PBE iteration count",
        };
        check_iterations(what, self.iterations().into())
    }
}

/// Run one key derivation, after checking it against [`MAX_ITERATIONS`](super::MAX_ITERATIONS).
fn derive(password: &Password, key: &KdfKey) -> Result<Zeroizing<Vec<u8>>, Pkcs12Error> {
    key.check()?;
    match key {
        KdfKey::Pbkdf2 {
            prf,
            salt,
            iterations,
            len,
        } => {
            let pw = password.expose().as_bytes();
            let mut out = Zeroizing::new(vec![0u8; *len]);
            let it = *iterations;
            match prf {
                Prf::Sha1 => pbkdf2::pbkdf2_hmac::<sha1::Sha1>(pw, salt, it, &mut out),
                Prf::Sha224 => pbkdf2::pbkdf2_hmac::<sha2::Sha224>(pw, salt, it, &mut out),
                Prf::Sha256 => pbkdf2::pbkdf2_hmac::<sha2::Sha256>(pw, salt, it, &mut out),
                Prf::Sha384 => pbkdf2::pbkdf2_hmac::<sha2::Sha384>(pw, salt, it, &mut out),
                Prf::Sha512 => pbkdf2::pbkdf2_hmac::<sha2::Sha512>(pw, salt, it, &mut out),
            }
            Ok(out)
        }
        KdfKey::Pkcs12 {
            prf,
            salt,
            iterations,
            id,
            len,
            empty_variant,
        } => {
            use pkcs12::kdf::{derive_key, Pkcs12KeyType};
            let pass: Zeroizing<Vec<u8>> = if *empty_variant {
                Zeroizing::new(Vec::new())
            } else {
                let bmp = BmpString::from_utf8(password.expose()).map_err(|_| {
                    Pkcs12Error::BadPassword(
                        "it has characters outside the Unicode Basic Multilingual Plane",
                    )
                })?;
                let mut v = Zeroizing::new(bmp.into_bytes().to_vec());
                v.extend([0u8, 0u8]);
                v
            };
            let id_t = match id {
                1 => Pkcs12KeyType::EncryptionKey,
                2 => Pkcs12KeyType::Iv,
                _ => Pkcs12KeyType::Mac,
            };
            let rounds = i32::try_from(*iterations)
                .map_err(|_| Pkcs12Error::Malformed("iteration count out of range".into()))?;
            let len = *len;
            Ok(Zeroizing::new(match prf {
                Prf::Sha1 => derive_key::<sha1::Sha1>(&pass, salt, id_t, rounds, len),
                Prf::Sha224 => derive_key::<sha2::Sha224>(&pass, salt, id_t, rounds, len),
                Prf::Sha256 => derive_key::<sha2::Sha256>(&pass, salt, id_t, rounds, len),
                Prf::Sha384 => derive_key::<sha2::Sha384>(&pass, salt, id_t, rounds, len),
                Prf::Sha512 => derive_key::<sha2::Sha512>(&pass, salt, id_t, rounds, len),
            }))
        }
    }
}

/// Derived keys, cached for the life of one decode or encode.
pub(super) struct Kdf<'p> {
    pub(super) password: &'p Password,
    cache: HashMap<KdfKey, Zeroizing<Vec<u8>>>,
    /// The work spent so far (or promised to running derivations), against [`MAX_KDF_WORK`].
    work: u64,
}

impl<'p> Kdf<'p> {
    pub(super) fn new(password: &'p Password) -> Self {
        Kdf {
            password,
            cache: HashMap::new(),
            work: 0,
        }
    }

    /// Count `cost` against [`MAX_KDF_WORK`], refusing it when it would go over.
    pub(super) fn charge(&mut self, cost: u64) -> Result<(), LimitExceeded> {
        let total = self.work.saturating_add(cost);
        limit(
            "the total key-derivation work in iterations",
            total,
            MAX_KDF_WORK,
        )?;
        self.work = total;
        Ok(())
    }

    pub(super) fn get(&mut self, key: KdfKey) -> Result<Zeroizing<Vec<u8>>, Pkcs12Error> {
        if let Some(k) = self.cache.get(&key) {
            return Ok(k.clone());
        }
        key.check()?;
        self.charge(key.cost())?;
        let out = derive(self.password, &key)?;
        self.cache.insert(key, out.clone());
        Ok(out)
    }

    /// Run the derivations a file will need at once, one thread each: the
    /// MAC key and the bag keys are independent, and a keystore's cost is
    /// its key derivations. Failures are left for `get` to report.
    pub(super) fn prefetch(&mut self, keys: Vec<KdfKey>) {
        let mut todo: Vec<KdfKey> = Vec::new();
        for k in keys {
            if !self.cache.contains_key(&k) && !todo.contains(&k) {
                todo.push(k);
            }
        }
        if todo.len() < 2 {
            return;
        }
        todo.truncate(4);
        // Only derivations within the limits; `get` reports the others.
        todo.retain(|k| k.check().is_ok() && self.charge(k.cost()).is_ok());
        let pw = self.password;
        type Derived = (KdfKey, Result<Zeroizing<Vec<u8>>, Pkcs12Error>);
        let results: Vec<Derived> = std::thread::scope(|s| {
            let first = todo.remove(0);
            let handles: Vec<_> = todo
                .into_iter()
                .map(|k| {
                    s.spawn(move || {
                        let r = derive(pw, &k);
                        (k, r)
                    })
                })
                .collect();
            let r0 = derive(pw, &first);
            let mut out = vec![(first, r0)];
            out.extend(handles.into_iter().filter_map(|h| h.join().ok()));
            out
        });
        for (k, r) in results {
            if let Ok(v) = r {
                self.cache.insert(k, v);
            }
        }
    }

    pub(super) fn pbkdf2(
        &mut self,
        prf: Prf,
        salt: &[u8],
        iterations: u32,
        len: usize,
    ) -> Result<Zeroizing<Vec<u8>>, Pkcs12Error> {
        self.get(KdfKey::Pbkdf2 {
            prf,
            salt: salt.to_vec(),
            iterations,
            len,
        })
    }

    /// The RFC 7292 appendix B key derivation. `empty_variant` derives from a
    /// zero-length password instead of the BMPString of "" (OpenSSL tries both).
    pub(super) fn pkcs12(
        &mut self,
        prf: Prf,
        salt: &[u8],
        iterations: u32,
        id: u8,
        len: usize,
        empty_variant: bool,
    ) -> Result<Zeroizing<Vec<u8>>, Pkcs12Error> {
        self.get(KdfKey::Pkcs12 {
            prf,
            salt: salt.to_vec(),
            iterations,
            id,
            len,
            empty_variant,
        })
    }
}

pub(super) fn hmac(prf: Prf, key: &[u8], data: &[u8]) -> Vec<u8> {
    macro_rules! run {
        ($d:ty) => {{
            let mut m = <Hmac<$d> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
            m.update(data);
            m.finalize().into_bytes().to_vec()
        }};
    }
    match prf {
        Prf::Sha1 => run!(sha1::Sha1),
        Prf::Sha224 => run!(sha2::Sha224),
        Prf::Sha256 => run!(sha2::Sha256),
        Prf::Sha384 => run!(sha2::Sha384),
        Prf::Sha512 => run!(sha2::Sha512),
    }
}

/// pkjwt's PRF for a PBKDF2 PRF, None for one it does not know.
pub(super) fn prf_of(prf: pkcs5::pbes2::Pbkdf2Prf) -> Option<Prf> {
    use pkcs5::pbes2::Pbkdf2Prf as P;
    Some(match prf {
        P::HmacWithSha1 => Prf::Sha1,
        P::HmacWithSha224 => Prf::Sha224,
        P::HmacWithSha256 => Prf::Sha256,
        P::HmacWithSha384 => Prf::Sha384,
        P::HmacWithSha512 => Prf::Sha512,
        _ => return None,
    })
}
