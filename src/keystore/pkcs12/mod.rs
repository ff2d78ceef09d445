//! The PKCS#12 (RFC 7292) file format: reading and writing the bags.
//!
//! This module knows the wire format and nothing about what the keys mean:
//! [`decode()`] turns a file and a password into a list of [`Bag`]s (private
//! keys as PKCS#8 DER, certificates as X.509 DER, and their attributes), and
//! [`encode()`] does the reverse. Pairing keys with certificates, kids and
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
//!
//! The module's files, by concern: `limits` (the costs a file may ask for,
//! checked before the work), `kdf` (the PKCS#12 KDF, PBKDF2, the derived-key
//! cache, HMAC), `plan` (the derivations a file will need, checked against
//! the limits before the first runs), `decrypt` (PBES2 and the legacy PBE
//! ciphers), `decode` (reading a file into bags), `encode` (writing bags to a
//! file). This file holds the public types and the SafeBag structure both
//! directions share.

mod decode;
mod decrypt;
mod encode;
mod kdf;
mod limits;
mod plan;

pub use decode::{decode, is_pkcs12};
pub use encode::{encode, encode_with, WriteKeys};
pub(crate) use limits::{check_file_size, check_iterations, check_scrypt, scrypt_n_is_valid};
pub use limits::{
    LimitExceeded, MAX_BAGS, MAX_FILE_SIZE, MAX_ITERATIONS, MAX_KDF_WORK, MAX_NESTING,
    MAX_SCRYPT_MEMORY, MAX_SCRYPT_N, MAX_SCRYPT_P, MAX_SCRYPT_R,
};

use der::asn1::{Any, ObjectIdentifier};
use der::{Decode, Reader, Sequence, SliceReader, Tag, Tagged};
use zeroize::Zeroizing;

use self::limits::limit;

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

/// The least iteration count pkjwt writes; below it a stolen file is cheap to attack.
pub const MIN_WRITE_ITERATIONS: u32 = 10_000;
/// The most iteration count pkjwt writes: some readers refuse more than 1,000,000.
pub const MAX_WRITE_ITERATIONS: u32 = 10_000_000;
/// Iterations written by default: OWASP's 2023 figure for PBKDF2-HMAC-SHA256.
pub const DEFAULT_ITERATIONS: u32 = 600_000;

/// Errors of the PKCS#12 layer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Pkcs12Error {
    /// Not a PKCS#12 file.
    #[error("the file is not a PKCS#12 keystore{}", hint_suffix(.looks_like))]
    NotPkcs12 {
        /// What the file looks like instead (`an empty file`, ...), when pkjwt can tell.
        looks_like: Option<&'static str>,
    },
    /// The file ends before its own length says it should.
    #[error("the keystore is truncated (it ends before its own length says it should)")]
    Truncated,
    /// The file is damaged: the decoder's message.
    #[error("the keystore is damaged: {0}")]
    Malformed(String),
    /// The password does not open the keystore.
    #[error("wrong password")]
    WrongPassword,
    /// The keys decrypt but the MAC does not match: the file was modified or damaged.
    #[error("the keystore's integrity check (MAC) failed although its keys decrypt with this password: the file was modified or damaged")]
    MacMismatch,
    /// An algorithm or structure pkjwt does not support: its name.
    #[error("the keystore uses {0}, which pkjwt does not support")]
    Unsupported(String),
    /// A password PKCS#12 cannot carry: why.
    #[error("the password cannot be used with PKCS#12: {0}")]
    BadPassword(&'static str),
    /// A parameter of the file is over pkjwt's limits.
    #[error("pkjwt refuses to open the keystore: {0}")]
    Limit(#[from] LimitExceeded),
    /// A kid a PKCS#12 friendlyName cannot hold (characters above U+FFFF).
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
    /// What the bag holds.
    pub content: BagContent,
    /// The `friendlyName` attribute (pkjwt keeps the kid there), when present.
    pub friendly_name: Option<String>,
    /// The `localKeyId` attribute (pairs a key with its certificate), when present.
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
    /// The MAC's iteration count, when the file has a MAC.
    pub mac_iterations: Option<u32>,
    /// The encryption schemes seen on bags: "PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC", "PBE-SHA1-3DES", ...
    pub ciphers: Vec<String>,
    /// The lowest iteration count seen on any encrypted part.
    pub min_iterations: Option<u32>,
    /// True when any legacy (PKCS#12 PBE or SHA-1 MAC) protection is in use.
    pub legacy: bool,
}

/// The result of [`decode()`].
#[derive(Debug)]
pub struct Decoded {
    /// The bags, in file order.
    pub bags: Vec<Bag>,
    /// How the file is protected.
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
/// `decode::read_attributes`, so attributes of any OID and form parse, and
/// unknown ones are skipped.
#[derive(Sequence)]
struct SafeBag {
    bag_id: ObjectIdentifier,
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    bag_value: Any,
    bag_attributes: Option<Any>,
}

/// `PKCS12Attribute` with its OID as raw content bytes, as
/// [`encode_attributes`](encode::encode_attributes) writes it (pkjwt's
/// algorithm OID cannot be an `ObjectIdentifier`, see [`SafeBag`]);
/// `decode::read_attributes` walks the SET by hand.
#[derive(Sequence)]
struct RawAttribute {
    attr_id: Any,
    attr_values: Any,
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

#[cfg(test)]
mod tests;
