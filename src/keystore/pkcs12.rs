//! The PKCS#12 (RFC 7292) file format: reading and writing the bags.
//!
//! This module knows the wire format and nothing about what the keys mean:
//! [`decode`] turns a file and a password into a list of [`Bag`]s (private keys
//! as PKCS#8 DER, certificates as X.509 DER, and their attributes), and
//! [`encode`] does the reverse. Pairing keys with certificates, kids and
//! algorithms live in [`crate::keystore`].
//!
//! Written files use the layout `openssl pkcs12 -export` writes (certificates
//! in a PBES2-encrypted `EncryptedData`, keys in `pkcs8ShroudedKeyBag`s inside
//! plain data) with PBKDF2-HMAC-SHA256 and AES-256-CBC, and an HMAC-SHA256
//! MAC, so OpenSSL 3, Java keytool and Python `cryptography` read them.
//! Read files may also use the legacy PKCS#12 PBE ciphers (3DES, RC2) and
//! SHA-1 MACs that `openssl pkcs12 -legacy` and older tools write.
//!
//! Key derivation is the cost of opening a keystore, so it is cached by
//! (salt, iterations, algorithm): a file that reuses one salt pays once, and
//! the writer reuses one salt for all its bags.

use std::collections::HashMap;

use aes::cipher::{block_padding::Pkcs7, BlockDecryptMut, BlockEncryptMut, InnerIvInit, KeyIvInit};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::encrypted_data::EncryptedData;
use cms::enveloped_data::EncryptedContentInfo;
use der::asn1::{Any, BmpString, ObjectIdentifier, OctetString, OctetStringRef};
use der::{Decode, Encode, Reader, Sequence, SliceReader, Tag, Tagged};
use hmac::{Hmac, Mac};
use pkcs12::authenticated_safe::AuthenticatedSafe;
use pkcs12::cert_type::CertBag;
use pkcs12::digest_info::DigestInfo;
use pkcs12::mac_data::MacData;
use pkcs12::pbe_params::{EncryptedPrivateKeyInfo, Pkcs12PbeParams};
use pkcs12::pfx::{Pfx, Version};
use pkcs12::{
    PKCS_12_CERT_BAG_OID as CERT_BAG, PKCS_12_KEY_BAG_OID as KEY_BAG,
    PKCS_12_PBEWITH_SHAAND40_BIT_RC2_CBC as PBE_SHA1_RC2_40,
    PKCS_12_PBE_WITH_SHAAND128_BIT_RC2_CBC as PBE_SHA1_RC2_128,
    PKCS_12_PBE_WITH_SHAAND128_BIT_RC4 as PBE_SHA1_RC4_128,
    PKCS_12_PBE_WITH_SHAAND2_KEY_TRIPLE_DES_CBC as PBE_SHA1_2DES,
    PKCS_12_PBE_WITH_SHAAND3_KEY_TRIPLE_DES_CBC as PBE_SHA1_3DES,
    PKCS_12_PBE_WITH_SHAAND40_BIT_RC4 as PBE_SHA1_RC4_40,
    PKCS_12_PKCS8_KEY_BAG_OID as SHROUDED_KEY_BAG,
    PKCS_12_SAFE_CONTENTS_BAG_OID as SAFE_CONTENTS_BAG, PKCS_12_X509_CERT_OID as X509_CERTIFICATE,
};
use pkcs5::pbes2::PBES2_OID as PBES2;
use spki::AlgorithmIdentifierOwned;
use zeroize::Zeroizing;

use crate::secret::Password;

use const_oid::db::rfc5911::{ID_DATA, ID_ENCRYPTED_DATA, ID_ENVELOPED_DATA};
use const_oid::db::rfc5912::{ID_SHA_1 as SHA1, ID_SHA_224 as SHA224, ID_SHA_256 as SHA256};
use const_oid::db::rfc5912::{ID_SHA_384 as SHA384, ID_SHA_512 as SHA512};

// PKCS#9 bag attributes (RFC 2985); const-oid's database lacks them.
const FRIENDLY_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.20");
const LOCAL_KEY_ID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.21");
/// pkjwt's own bag attribute: the JWS algorithm chosen for a key.
/// OID 2.25.147685720180105018702288976387170585436 (a UUID OID, ITU-T X.667),
/// stored as raw content bytes because its last arc does not fit in 32 bits,
/// the most `ObjectIdentifier` (const-oid 0.9) holds.
pub const PKJWT_ALG_ATTR_OID: &str = "2.25.147685720180105018702288976387170585436";
const PKJWT_ALG_OID_BYTES: &[u8] = &[
    0x69, 0x81, 0xde, 0x9b, 0x9e, 0x8b, 0xd1, 0xd4, 0xd2, 0xbd, 0xbd, 0x9b, 0xbe, 0x8a, 0xc3, 0xd0,
    0xf1, 0xfd, 0x96, 0x5c,
];
/// PBMAC1 (RFC 9579), which OpenSSL 3.4 can write and pkjwt does not read.
const PBMAC1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.14");

/// The least iteration count pkjwt writes; below it a stolen file is cheap to attack.
pub const MIN_WRITE_ITERATIONS: u32 = 10_000;
/// The most iteration count pkjwt writes: some readers refuse more than 1,000,000.
pub const MAX_WRITE_ITERATIONS: u32 = 10_000_000;
/// Iterations written by default: OWASP's 2023 figure for PBKDF2-HMAC-SHA256.
pub const DEFAULT_ITERATIONS: u32 = 600_000;

// ---------------------------------------------------------------- limits
//
// A keystore or key file chooses its own costs: iteration counts, scrypt
// parameters, how many bags it holds and how deeply they nest. Without
// bounds, a file of a few hundred bytes can take minutes of CPU or abort on a
// huge allocation whatever the password (the contents are probed even when
// the MAC fails, to tell damage from a wrong password). Every parameter is
// checked against these limits before the work it would cost is started.
// docs/keystores.md ("Limits") lists them.

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
    pub max: u64,
}

fn limit(what: &'static str, found: u64, max: u64) -> Result<(), LimitExceeded> {
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

/// Errors of the PKCS#12 layer.
#[derive(Debug, thiserror::Error)]
pub enum Pkcs12Error {
    #[error("the file is not a PKCS#12 keystore{}", hint_suffix(.looks_like))]
    NotPkcs12 { looks_like: Option<&'static str> },
    #[error("the keystore is truncated (it ends before its own length says it should)")]
    Truncated,
    #[error("the keystore is damaged: {0}")]
    Malformed(String),
    #[error("wrong password")]
    WrongPassword,
    #[error("the keystore's integrity check (MAC) failed although its keys decrypt with this password: the file was modified or damaged")]
    MacMismatch,
    #[error("the keystore uses {0}, which pkjwt does not support")]
    Unsupported(String),
    #[error("the password cannot be used with PKCS#12: {0}")]
    BadPassword(&'static str),
    #[error("pkjwt refuses to open the keystore: {0}")]
    Limit(#[from] LimitExceeded),
    #[error("the kid {0:?} cannot be stored in a PKCS#12 keystore: its friendlyName holds only characters up to U+FFFF")]
    BadName(String),
}

fn hint_suffix(looks_like: &Option<&'static str>) -> String {
    match looks_like {
        Some(what) => format!(" (it looks like {what})"),
        None => String::new(),
    }
}

/// A DER error inside a file whose outer SEQUENCE is whole: damage. (A part
/// that runs past its parent, or a SEQUENCE that ends before a required
/// field, such as a `ContentInfo` without content, is not a truncated file.)
impl From<der::Error> for Pkcs12Error {
    fn from(e: der::Error) -> Self {
        Pkcs12Error::Malformed(e.to_string())
    }
}

/// A DER error in the outer SEQUENCE: a file shorter than its own length says
/// is truncated.
fn outer_error(e: der::Error) -> Pkcs12Error {
    match e.kind() {
        der::ErrorKind::Incomplete { .. } => Pkcs12Error::Truncated,
        _ => Pkcs12Error::Malformed(e.to_string()),
    }
}

/// What a bag holds.
#[derive(Clone)]
pub enum BagContent {
    /// A private key as PKCS#8 `PrivateKeyInfo` DER (decrypted).
    Key(Zeroizing<Vec<u8>>),
    /// An X.509 certificate, DER.
    Cert(Vec<u8>),
    /// Any other bag (CRL, secret, ...), kept as its SafeBag DER so a rewrite keeps it.
    Other(Vec<u8>),
}

impl std::fmt::Debug for BagContent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BagContent::Key(_) => f.write_str("Key(redacted)"),
            BagContent::Cert(c) => write!(f, "Cert({} bytes)", c.len()),
            BagContent::Other(c) => write!(f, "Other({} bytes)", c.len()),
        }
    }
}

/// One SafeBag with the attributes pkjwt cares about.
#[derive(Clone, Debug)]
pub struct Bag {
    pub content: BagContent,
    pub friendly_name: Option<String>,
    pub local_key_id: Option<Vec<u8>>,
    /// pkjwt's algorithm attribute, when present.
    pub alg: Option<String>,
    /// A key's rotation state (`state=next;since=UNIX`), a second value of
    /// pkjwt's attribute (see [`crate::keystore::state`]), when present.
    pub state: Option<String>,
}

/// How a keystore file is protected, for reporting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Protection {
    /// "HMAC-SHA256", "HMAC-SHA1", ... or None when the file has no MAC.
    pub mac: Option<String>,
    pub mac_iterations: Option<u32>,
    /// The encryption schemes seen on bags: "PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC", "PBE-SHA1-3DES", ...
    pub ciphers: Vec<String>,
    /// The lowest iteration count seen on any encrypted part.
    pub min_iterations: Option<u32>,
    /// True when any legacy (PKCS#12 PBE or SHA-1 MAC) protection is in use.
    pub legacy: bool,
}

/// The result of [`decode`].
#[derive(Debug)]
pub struct Decoded {
    pub bags: Vec<Bag>,
    pub protection: Protection,
}

// ---------------------------------------------------------------- structures

// The PKCS#12 and CMS structures are the `pkcs12` and `cms` crates' types
// (Pfx, MacData, DigestInfo, ContentInfo, EncryptedData, CertBag,
// EncryptedPrivateKeyInfo, Pkcs12PbeParams). Only the SafeBag is declared
// here, because of its attributes.

/// `SafeBag` (RFC 7292 section 4.2) with its attributes kept as the raw SET.
///
/// Not `pkcs12::safe_bag::SafeBag`, which is too strict for real files and
/// for pkjwt's own: its attributes are x509-cert `Attributes`, whose
/// `ObjectIdentifier` (const-oid 0.9) refuses an arc over 32 bits, as in
/// pkjwt's algorithm attribute (a UUID OID), so a bag carrying it would not
/// parse at all, and whose `SetOfVec` refuses a SET with two equal values.
/// Its `bag_value` also keeps the `[0]` wrapper when decoded but adds
/// another when encoded. The attributes are read one by one in
/// [`read_attributes`], so attributes of any OID and form parse, and
/// unknown ones are skipped.
#[derive(Sequence)]
struct SafeBag {
    bag_id: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    bag_value: Any,
    bag_attributes: Option<Any>,
}

/// `PKCS12Attribute` with its OID as raw content bytes, as [`encode_attributes`]
/// writes it (pkjwt's algorithm OID cannot be an `ObjectIdentifier`, see
/// [`SafeBag`]); [`read_attributes`] walks the SET by hand.
#[derive(Sequence)]
struct RawAttribute {
    attr_id: Any,
    attr_values: Any,
}

// ---------------------------------------------------------------- key derivation

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Prf {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl Prf {
    fn from_digest_oid(oid: &ObjectIdentifier) -> Option<Prf> {
        Some(match *oid {
            SHA1 => Prf::Sha1,
            SHA224 => Prf::Sha224,
            SHA256 => Prf::Sha256,
            SHA384 => Prf::Sha384,
            SHA512 => Prf::Sha512,
            _ => return None,
        })
    }
    fn name(self) -> &'static str {
        match self {
            Prf::Sha1 => "SHA1",
            Prf::Sha224 => "SHA224",
            Prf::Sha256 => "SHA256",
            Prf::Sha384 => "SHA384",
            Prf::Sha512 => "SHA512",
        }
    }
    fn out_len(self) -> usize {
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
enum KdfKey {
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
    fn cost(&self) -> u64 {
        let (prf, len) = match self {
            KdfKey::Pbkdf2 { prf, len, .. } | KdfKey::Pkcs12 { prf, len, .. } => (*prf, *len),
        };
        let blocks = len.div_ceil(prf.out_len()).max(1) as u64;
        u64::from(self.iterations()).saturating_mul(blocks)
    }

    /// Check the derivation against [`MAX_ITERATIONS`].
    fn check(&self) -> Result<(), LimitExceeded> {
        let what = match self {
            KdfKey::Pbkdf2 { .. } => "the PBKDF2 iteration count",
            KdfKey::Pkcs12 { id: 3, .. } => "the MAC iteration count",
            KdfKey::Pkcs12 { .. } => "the PKCS#12 PBE iteration count",
        };
        check_iterations(what, self.iterations().into())
    }
}

/// Run one key derivation, after checking it against [`MAX_ITERATIONS`].
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
struct Kdf<'p> {
    password: &'p Password,
    cache: HashMap<KdfKey, Zeroizing<Vec<u8>>>,
    /// The work spent so far (or promised to running derivations), against [`MAX_KDF_WORK`].
    work: u64,
}

impl<'p> Kdf<'p> {
    fn new(password: &'p Password) -> Self {
        Kdf {
            password,
            cache: HashMap::new(),
            work: 0,
        }
    }

    /// Count `cost` against [`MAX_KDF_WORK`], refusing it when it would go over.
    fn charge(&mut self, cost: u64) -> Result<(), LimitExceeded> {
        let total = self.work.saturating_add(cost);
        limit(
            "the total key-derivation work in iterations",
            total,
            MAX_KDF_WORK,
        )?;
        self.work = total;
        Ok(())
    }

    fn get(&mut self, key: KdfKey) -> Result<Zeroizing<Vec<u8>>, Pkcs12Error> {
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
    fn prefetch(&mut self, keys: Vec<KdfKey>) {
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

    fn pbkdf2(
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
    fn pkcs12(
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

/// The scrypt work of `sp`, after checking it against the scrypt limits.
fn scrypt_cost(sp: &pkcs5::pbes2::ScryptParams) -> Result<u64, Pkcs12Error> {
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
fn plan(auth_safe: &[u8]) -> Result<(Vec<KdfKey>, u64), Pkcs12Error> {
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
/// against [`MAX_ITERATIONS`], and the distinct ones with `scrypt_work`
/// together against [`MAX_KDF_WORK`].
fn check_jobs(jobs: &[KdfKey], scrypt_work: u64) -> Result<(), Pkcs12Error> {
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

/// The SafeBags of a SafeContents, read one at a time: `count` (the bags read
/// so far in the file) may not go over [`MAX_BAGS`].
fn safe_bags(der_bytes: &[u8], count: &mut usize) -> Result<Vec<SafeBag>, Pkcs12Error> {
    let seq = der::asn1::AnyRef::from_der(der_bytes)?;
    seq.tag().assert_eq(Tag::Sequence)?;
    let mut r = SliceReader::new(seq.value())?;
    let mut bags = Vec::new();
    while !r.is_finished() {
        *count += 1;
        limit("the number of bags", *count as u64, MAX_BAGS as u64)?;
        bags.push(r.decode::<SafeBag>()?);
    }
    Ok(bags)
}

fn hmac(prf: Prf, key: &[u8], data: &[u8]) -> Vec<u8> {
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

// ---------------------------------------------------------------- decryption

/// Why a decryption failed.
enum DecryptError {
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

fn describe_scheme(alg: &AlgorithmIdentifierOwned) -> (String, Option<u32>, bool) {
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

/// pkjwt's PRF for a PBKDF2 PRF, None for one it does not know.
fn prf_of(prf: pkcs5::pbes2::Pbkdf2Prf) -> Option<Prf> {
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

fn decrypt(
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

// ---------------------------------------------------------------- decoding

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
    /// SafeBags read so far, against [`MAX_BAGS`].
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
/// than [`MAX_BAGS`] (a longer one counts as read: the walk refuses it).
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

// ---------------------------------------------------------------- encoding

fn der_err(e: der::Error) -> Pkcs12Error {
    Pkcs12Error::Malformed(format!("encoding failed: {e}"))
}

fn encode_attributes(bag: &Bag) -> Result<Option<Any>, Pkcs12Error> {
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

struct Pbes2Writer {
    salt: [u8; 16],
    iterations: u32,
    key: Zeroizing<Vec<u8>>,
}

impl Pbes2Writer {
    fn encrypt(&self, plain: &[u8]) -> Result<(AlgorithmIdentifierOwned, Vec<u8>), Pkcs12Error> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn pw(s: &str) -> Password {
        Password::new(s.to_string())
    }

    fn test_key() -> Vec<u8> {
        pkcs8::PrivateKeyInfo::new(
            spki::AlgorithmIdentifierRef {
                oid: ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1"),
                parameters: None,
            },
            &[0x30, 0x00],
        )
        .to_der()
        .unwrap()
    }

    fn attr(oid: &[u8], values: &[Vec<u8>]) -> Vec<u8> {
        RawAttribute {
            attr_id: Any::new(Tag::ObjectIdentifier, oid).unwrap(),
            attr_values: Any::new(Tag::Set, values.concat()).unwrap(),
        }
        .to_der()
        .unwrap()
    }

    fn safe_bag(bag_id: ObjectIdentifier, value: Any, attrs: &[Vec<u8>]) -> SafeBag {
        SafeBag {
            bag_id,
            bag_value: value,
            bag_attributes: (!attrs.is_empty())
                .then(|| Any::new(Tag::Set, attrs.concat()).unwrap()),
        }
    }

    /// A PFX without a MAC whose authenticated safe is `infos`.
    fn pfx_without_mac(infos: &[u8]) -> Vec<u8> {
        Pfx {
            version: Version::V3,
            auth_safe: ContentInfo {
                content_type: ID_DATA,
                content: Any::encode_from(&OctetString::new(infos).unwrap()).unwrap(),
            },
            mac_data: None,
        }
        .to_der()
        .unwrap()
    }

    #[test]
    fn round_trip_keeps_bags_and_attributes() {
        let bags = vec![
            Bag {
                content: BagContent::Key(Zeroizing::new(test_key())),
                friendly_name: Some("kid-1".into()),
                local_key_id: Some(vec![1, 2, 3]),
                alg: Some("PS256".into()),
                state: Some("state=next;since=1764500000".into()),
            },
            Bag {
                content: BagContent::Cert(vec![0x30, 0x03, 0x02, 0x01, 0x01]),
                friendly_name: Some("kid-1".into()),
                local_key_id: Some(vec![1, 2, 3]),
                alg: None,
                state: None,
            },
        ];
        let file = encode(&bags, &pw("secret"), 2048).unwrap();
        let back = decode(&file, &pw("secret")).unwrap();
        assert_eq!(back.bags.len(), 2);
        assert!(back
            .bags
            .iter()
            .all(|b| b.friendly_name.as_deref() == Some("kid-1")));
        let cert = back
            .bags
            .iter()
            .find(|b| matches!(b.content, BagContent::Cert(_)))
            .unwrap();
        assert_eq!(cert.alg, None);
        let key = back
            .bags
            .iter()
            .find(|b| matches!(b.content, BagContent::Key(_)))
            .unwrap();
        assert_eq!(key.alg.as_deref(), Some("PS256"));
        assert_eq!(key.state.as_deref(), Some("state=next;since=1764500000"));
        assert_eq!(key.local_key_id.as_deref(), Some(&[1u8, 2, 3][..]));
        assert_eq!(back.protection.mac.as_deref(), Some("HMAC-SHA256"));
        assert_eq!(back.protection.min_iterations, Some(2048));
        assert!(!back.protection.legacy);

        assert!(matches!(
            decode(&file, &pw("wrong")),
            Err(Pkcs12Error::WrongPassword)
        ));
        assert!(matches!(
            decode(&file[..file.len() - 10], &pw("secret")),
            Err(Pkcs12Error::Truncated)
        ));
        assert!(matches!(
            decode(b"-----BEGIN X", &pw("x")),
            Err(Pkcs12Error::NotPkcs12 { .. })
        ));
    }

    #[test]
    fn flipped_byte_in_mac_protected_content_is_damage_not_password() {
        let bags = vec![Bag {
            content: BagContent::Cert(vec![0x30, 0x03, 0x02, 0x01, 0x01]),
            friendly_name: None,
            local_key_id: None,
            alg: None,
            state: None,
        }];
        let file = encode(&bags, &pw("pw"), 2048).unwrap();
        // Flip the last byte of the MAC salt... and one in the middle of the
        // encrypted certificates: structure intact, MAC wrong, password right.
        for pos in [file.len() - 10, file.len() / 2] {
            let mut bad = file.clone();
            bad[pos] ^= 0x01;
            let r = decode(&bad, &pw("pw"));
            assert!(
                matches!(
                    r,
                    Err(Pkcs12Error::MacMismatch) | Err(Pkcs12Error::Malformed(_))
                ),
                "{r:?}"
            );
            let other = decode(&bad, &pw("other"));
            assert!(
                matches!(
                    other,
                    Err(Pkcs12Error::WrongPassword) | Err(Pkcs12Error::Malformed(_))
                ),
                "{other:?}"
            );
        }
    }

    #[test]
    fn foreign_bags_odd_attributes_and_nesting_survive_a_rewrite() {
        // A secretBag with an attribute whose OID has an arc over 32 bits and
        // whose SET holds one value twice, in an unsorted attribute SET.
        let big_arc_oid = [0x69, 0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01];
        let twice = der::asn1::Utf8StringRef::new("x")
            .unwrap()
            .to_der()
            .unwrap();
        let name = BmpString::from_utf8("sec").unwrap().to_der().unwrap();
        let secret_value = Any::new(
            Tag::Sequence,
            [
                ObjectIdentifier::new_unwrap("1.2.3").to_der().unwrap(),
                vec![0xa0, 0x03, 0x04, 0x01, 0x73],
            ]
            .concat(),
        )
        .unwrap();
        let secret = safe_bag(
            pkcs12::PKCS_12_SECRET_BAG_OID,
            secret_value,
            &[
                attr(&big_arc_oid, &[twice.clone(), twice]),
                attr(FRIENDLY_NAME.as_bytes(), &[name]),
            ],
        );
        // A certificate inside a safeContentsBag, and a plain keyBag.
        let cert = CertBag {
            cert_id: X509_CERTIFICATE,
            cert_value: OctetString::new(vec![0x30, 0x03, 0x02, 0x01, 0x01]).unwrap(),
        };
        let id = OctetStringRef::new(&[9]).unwrap().to_der().unwrap();
        let nested = safe_bag(
            CERT_BAG,
            Any::encode_from(&cert).unwrap(),
            &[attr(LOCAL_KEY_ID.as_bytes(), &[id])],
        );
        let nested = safe_bag(
            SAFE_CONTENTS_BAG,
            Any::encode_from(&vec![nested]).unwrap(),
            &[],
        );
        let key = safe_bag(KEY_BAG, Any::from_der(&test_key()).unwrap(), &[]);
        let safe_contents = vec![secret, nested, key].to_der().unwrap();
        let infos: AuthenticatedSafe = vec![ContentInfo {
            content_type: ID_DATA,
            content: Any::encode_from(&OctetString::new(safe_contents).unwrap()).unwrap(),
        }];
        let secret_der = infos[0]
            .content
            .decode_as::<OctetString>()
            .map(|os| {
                Vec::<SafeBag>::from_der(os.as_bytes()).unwrap()[0]
                    .to_der()
                    .unwrap()
            })
            .unwrap();
        let file = pfx_without_mac(&infos.to_der().unwrap());

        let check = |d: &Decoded| {
            assert_eq!(d.bags.len(), 3, "{:?}", d.bags);
            let other = d
                .bags
                .iter()
                .find(|b| matches!(b.content, BagContent::Other(_)));
            let other = other.unwrap();
            assert!(matches!(&other.content, BagContent::Other(raw) if *raw == secret_der));
            assert_eq!(other.friendly_name.as_deref(), Some("sec"));
            let cert = d
                .bags
                .iter()
                .find(|b| matches!(b.content, BagContent::Cert(_)));
            assert_eq!(cert.unwrap().local_key_id.as_deref(), Some(&[9u8][..]));
            let key = d
                .bags
                .iter()
                .find(|b| matches!(b.content, BagContent::Key(_)));
            assert!(matches!(&key.unwrap().content, BagContent::Key(k) if **k == test_key()));
        };
        let first = decode(&file, &pw("any")).unwrap();
        assert_eq!(first.protection.mac, None);
        check(&first);
        let rewritten = encode(&first.bags, &pw("pw"), 2048).unwrap();
        check(&decode(&rewritten, &pw("pw")).unwrap());
    }

    #[test]
    fn content_info_without_content_is_damage_not_truncation() {
        let empty_ci = Any::new(Tag::Sequence, ID_DATA.to_der().unwrap()).unwrap();
        let infos = Any::new(Tag::Sequence, empty_ci.to_der().unwrap()).unwrap();
        let file = pfx_without_mac(&infos.to_der().unwrap());
        let r = decode(&file, &pw("x"));
        assert!(matches!(r, Err(Pkcs12Error::Malformed(_))), "{r:?}");
    }

    #[test]
    fn the_crate_safe_bag_cannot_read_pkjwt_bags() {
        // Why `SafeBag` is declared here: pkcs12 0.1's SafeBag refuses the
        // algorithm attribute's OID (an arc over 32 bits).
        let bag = Bag {
            content: BagContent::Cert(vec![0x30, 0x03, 0x02, 0x01, 0x01]),
            friendly_name: Some("k".into()),
            local_key_id: None,
            alg: Some("ES256".into()),
            state: None,
        };
        let cb = CertBag {
            cert_id: X509_CERTIFICATE,
            cert_value: OctetString::new(vec![0x30, 0x03, 0x02, 0x01, 0x01]).unwrap(),
        };
        let attrs = encode_attributes(&bag).unwrap().unwrap();
        let der = safe_bag(CERT_BAG, Any::encode_from(&cb).unwrap(), &[])
            .to_der()
            .unwrap();
        // (It also keeps bagValue's [0] wrapper when it decodes, and adds one when it encodes.)
        let crate_bag = pkcs12::safe_bag::SafeBag::from_der(&der).unwrap();
        assert_eq!(crate_bag.bag_value[0], 0xa0);
        assert_ne!(crate_bag.to_der().unwrap(), der);
        let mut with_alg = safe_bag(CERT_BAG, Any::encode_from(&cb).unwrap(), &[]);
        with_alg.bag_attributes = Some(attrs);
        let der = with_alg.to_der().unwrap();
        assert!(pkcs12::safe_bag::SafeBag::from_der(&der).is_err());
        assert!(SafeBag::from_der(&der).is_ok());
    }

    // ------------------------------------------------------------ limits
    //
    // Hostile files, built here: each must be refused with the limit named,
    // at once (before the work the file asks for), whatever the password.

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

    #[test]
    fn a_failed_mac_still_tells_damage_from_a_wrong_password_with_several_parts() {
        let bags: Vec<Bag> = (0..3)
            .map(|_| Bag {
                content: BagContent::Key(Zeroizing::new(test_key())),
                friendly_name: None,
                local_key_id: None,
                alg: None,
                state: None,
            })
            .collect();
        let mut file = encode(&bags, &pw("pw"), 2048).unwrap();
        let n = file.len();
        file[n - 40] ^= 1; // in the MAC digest
        assert!(matches!(
            decode(&file, &pw("pw")),
            Err(Pkcs12Error::MacMismatch)
        ));
        assert!(matches!(
            decode(&file, &pw("no")),
            Err(Pkcs12Error::WrongPassword)
        ));
    }
}
