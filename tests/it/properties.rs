//! Property tests (proptest) of round trips through the library API: keystore
//! write and read, the JWK Set, minted assertions, and the decoders on
//! arbitrary input. Case counts are modest so the module runs in seconds.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::LazyLock;

use base64ct::{Base64UrlUnpadded, Encoding};
use proptest::prelude::*;
use serde_json::{Map, Value};

use pkjwt::keystore::cert;
use pkjwt::keystore::jwks;
use pkjwt::keystore::keys::{Alg, KeyPair, PublicKey};
use pkjwt::keystore::pkcs12::{Pkcs12Error, MIN_WRITE_ITERATIONS};
use pkjwt::keystore::{Entry, Keystore};
use pkjwt::oauth::assertion::{Params, Signer};
use pkjwt::oauth::jwt;
use pkjwt::secret::Password;

/// One RSA-2048 key for the whole module: generation is slow.
static RSA: LazyLock<KeyPair> =
    LazyLock::new(|| KeyPair::generate(Alg::RS256, 2048).expect("RSA-2048 generation"));

/// What one keystore entry is made of.
#[derive(Clone, Debug)]
struct Spec {
    rsa: bool,
    /// 0: no stored alg; 1 and 2: the valid algs of the key type.
    alg: u8,
    cert: bool,
}

fn spec() -> impl Strategy<Value = Spec> {
    // RSA about one time in five; only the first RSA spec of a set is RSA.
    (prop::bool::weighted(0.2), 0u8..3, any::<bool>()).prop_map(|(rsa, alg, cert)| Spec {
        rsa,
        alg,
        cert,
    })
}

/// Any printable text, with leading '-' and non-ASCII well represented.
fn printable(max: usize) -> impl Strategy<Value = String> {
    let max_rest = max.saturating_sub(1);
    let re = |r: String| proptest::string::string_regex(&r).expect("a valid regex");
    prop_oneof![
        re(format!("\\PC{{1,{max}}}")),
        re(format!("-\\PC{{0,{max_rest}}}")),
        re(format!("[a-zA-Z0-9._~-]{{1,{max}}}")),
        re(format!("[é€日本語 \\-]{{1,{max}}}")),
    ]
}

/// Printable text in the Basic Multilingual Plane: what PKCS#12 can carry
/// as a password or a friendlyName (RFC 7292 uses BMPStrings for both).
fn bmp(max: usize) -> impl Strategy<Value = String> {
    printable(max).prop_map(|s| {
        s.chars()
            .map(|c| if u32::from(c) > 0xFFFF { 'ß' } else { c })
            .collect()
    })
}

fn bmp_password() -> impl Strategy<Value = String> {
    bmp(16)
}

fn stored_alg(rsa: bool, choice: u8) -> Option<Alg> {
    match (rsa, choice) {
        (_, 0) => None,
        (true, 1) => Some(Alg::RS256),
        (true, _) => Some(Alg::PS256),
        (false, _) => Some(Alg::ES256),
    }
}

/// Entries for `specs` with `kids` (at least as many as specs, distinct);
/// `None` kids become the RFC 7638 thumbprint.
fn build(specs: &[Spec], kids: &[Option<String>]) -> Keystore {
    let mut ks = Keystore::new();
    let mut rsa_used = false;
    for (s, kid) in specs.iter().zip(kids) {
        let rsa = s.rsa && !rsa_used;
        rsa_used |= rsa;
        let key = if rsa {
            RSA.clone()
        } else {
            KeyPair::generate(Alg::ES256, 0).expect("P-256 generation")
        };
        let cert = s.cert.then(|| {
            let name = cert::subject_name("pkjwt property").unwrap();
            cert::self_signed(&key, &name, 1).expect("self-signed certificate")
        });
        let kid = kid.clone().unwrap_or_else(|| key.public().thumbprint());
        let e = Entry::new(kid, key, cert, stored_alg(rsa, s.alg));
        ks.add(e, Path::new("mem.p12"))
            .expect("distinct kids and keys");
    }
    ks
}

fn specs_and_kids() -> impl Strategy<Value = (Vec<Spec>, Vec<String>)> {
    (
        prop::collection::vec(spec(), 1..=3),
        prop::collection::btree_set(bmp(24), 3),
    )
        .prop_map(|(s, k)| (s, k.into_iter().collect()))
}

/// The RFC 7638 thumbprint computed from a JWK's own members.
fn rfc7638(jwk: &Map<String, Value>) -> String {
    use sha2::Digest;
    let required: &[&str] = match jwk["kty"].as_str().unwrap() {
        "EC" => &["crv", "kty", "x", "y"],
        "RSA" => &["e", "kty", "n"],
        other => panic!("kty {other}"),
    };
    // serde_json's Map keeps insertion order here (preserve_order): insert sorted.
    let mut m = Map::new();
    for k in required {
        m.insert((*k).into(), jwk[*k].clone());
    }
    let json = Value::Object(m).to_string();
    Base64UrlUnpadded::encode_string(&sha2::Sha256::digest(json.as_bytes()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Keystore write then read: same kids, keys, algs and certificates; a
    /// different password is the wrong-password error.
    #[test]
    fn keystore_round_trip(
        (specs, kids) in specs_and_kids(),
        password in bmp_password(),
        other in bmp_password(),
        extra_iterations in 0u32..500,
    ) {
        prop_assume!(password != other);
        let mut ks = build(&specs, &kids.into_iter().map(Some).collect::<Vec<_>>());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ks.p12");
        let pw = Password::new(password);
        ks.save(&path, &pw, MIN_WRITE_ITERATIONS + extra_iterations).unwrap();
        let bytes = std::fs::read(&path).unwrap();

        let back = Keystore::from_bytes(&path, bytes.clone(), &pw).unwrap();
        prop_assert_eq!(back.kids(), ks.kids());
        prop_assert!(back.extra.is_empty());
        for (a, b) in ks.entries.iter().zip(&back.entries) {
            prop_assert!(a.public() == b.public(), "public key of {:?}", a.kid);
            prop_assert_eq!(a.stored_alg, b.stored_alg);
            prop_assert_eq!(a.alg(), b.alg());
            prop_assert_eq!(&a.cert, &b.cert);
            prop_assert_eq!(
                &*a.key.to_pkcs8_der().unwrap(),
                &*b.key.to_pkcs8_der().unwrap()
            );
        }

        let wrong = Keystore::from_bytes(&path, bytes, &Password::new(other));
        prop_assert!(
            matches!(
                wrong,
                Err(pkjwt::Error::Keystore { source: Pkcs12Error::WrongPassword, .. })
            ),
            "{:?}",
            wrong.map(|k| k.kids())
        );
    }

    /// Passwords outside the BMP cannot be a PKCS#12 password: the write is
    /// refused with a clear error and leaves no file.
    #[test]
    fn non_bmp_passwords_are_refused_cleanly(
        before in "\\PC{0,6}",
        astral in prop::char::range('\u{10000}', '\u{10FFFF}'),
        after in "\\PC{0,6}",
    ) {
        let mut ks = Keystore::new();
        let key = KeyPair::generate(Alg::ES256, 0).unwrap();
        ks.add(Entry::new("k".into(), key, None, None), Path::new("mem.p12")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ks.p12");
        let pw = Password::new(format!("{before}{astral}{after}"));
        let r = ks.save(&path, &pw, MIN_WRITE_ITERATIONS);
        prop_assert!(
            matches!(r, Err(pkjwt::Error::Keystore { source: Pkcs12Error::BadPassword(_), .. })),
            "{:?}", r
        );
        prop_assert!(!path.exists());
    }

    /// The JWK Set is deterministic, kids default to the RFC 7638
    /// thumbprint, and every JWK reads back as the entry's public key.
    #[test]
    fn jwks_round_trip(
        (specs, kids) in specs_and_kids(),
        named in prop::collection::vec(any::<bool>(), 3),
        x5c in any::<bool>(),
    ) {
        let kids: Vec<Option<String>> =
            kids.into_iter().zip(&named).map(|(k, n)| n.then_some(k)).collect();
        let ks = build(&specs, &kids);
        let entries: Vec<&Entry> = ks.entries.iter().collect();
        let set = jwks::jwks(&ks, &entries, x5c);
        prop_assert_eq!(jwks::to_string(&set), jwks::to_string(&jwks::jwks(&ks, &entries, x5c)));

        let keys = set["keys"].as_array().unwrap();
        prop_assert_eq!(keys.len(), ks.entries.len());
        for ((jwk, e), kid) in keys.iter().zip(&ks.entries).zip(&kids) {
            let m = jwk.as_object().unwrap();
            prop_assert_eq!(m["kid"].as_str(), Some(e.kid.as_str()));
            prop_assert_eq!(m["alg"].as_str(), Some(e.alg().as_str()));
            let public = e.public();
            prop_assert_eq!(rfc7638(m), public.thumbprint());
            if kid.is_none() {
                prop_assert_eq!(m["kid"].as_str().unwrap(), rfc7638(m));
            }
            prop_assert!(PublicKey::from_jwk(jwk).unwrap() == public);
            for private in ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] {
                prop_assert!(!m.contains_key(private), "private member {}", private);
            }
            prop_assert_eq!(m.contains_key("x5c"), x5c && e.cert.is_some());
        }
    }
}

/// Regression (found by `keystore_round_trip`): a kid beyond U+FFFF passed
/// `--kid` validation, then the keystore write failed as an internal error
/// (exit 1, "please report this as a bug") because the kid is stored as a
/// BMPString friendlyName. It is now refused up front as an input error.
#[test]
fn keygen_refuses_a_kid_beyond_the_bmp() {
    let d = crate::common::tmp();
    let kid = "\u{ae}\u{e0100}";
    crate::common::pkjwt(d.path())
        .args(["keygen", "-k", "ks.p12", "--kid", kid])
        .assert()
        .code(3)
        .stderr(predicates::str::contains(
            "cannot be stored in a PKCS#12 keystore",
        ));
    assert!(!d.path().join("ks.p12").exists());
    // The library refuses to write it too, with an error rather than a panic.
    let mut ks = Keystore::new();
    let key = KeyPair::generate(Alg::ES256, 0).unwrap();
    ks.add(
        Entry::new(kid.into(), key, None, None),
        Path::new("mem.p12"),
    )
    .unwrap();
    let path = d.path().join("lib.p12");
    assert!(ks
        .save(&path, &Password::new("pw".into()), MIN_WRITE_ITERATIONS)
        .is_err());
    assert!(!path.exists());
}

const RESERVED: [&str; 7] = ["iss", "sub", "aud", "jti", "iat", "exp", "nbf"];

fn extra_claims() -> impl Strategy<Value = Map<String, Value>> {
    prop::collection::btree_map(
        printable(12).prop_filter("a registered claim", |k| !RESERVED.contains(&k.as_str())),
        printable(20),
        0..4,
    )
    .prop_map(|m| m.into_iter().map(|(k, v)| (k, Value::from(v))).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// A minted assertion decodes to exactly the claims given, lives
    /// `lifetime` seconds, and verifies with its key and no other.
    #[test]
    fn assertion_round_trip(
        rsa_alg in prop_oneof![Just(None), Just(Some(Alg::RS256)), Just(Some(Alg::PS256))],
        kid in printable(24),
        client_id in printable(40),
        aud in printable(60),
        lifetime in 1u64..=3600,
        extra in extra_claims(),
        nbf in any::<bool>(),
        typ in prop::option::of(printable(30)),
        now in 0i64..=4_102_444_800,
        jti in printable(30),
    ) {
        let (key, alg) = match rsa_alg {
            Some(a) => (RSA.clone(), a),
            None => (KeyPair::generate(Alg::ES256, 0).unwrap(), Alg::ES256),
        };
        let entry = Entry::new(kid.clone(), key, None, None);
        let signer = Signer::new(&entry, alg).unwrap();
        let params = Params {
            client_id: client_id.clone(),
            aud: aud.clone(),
            lifetime,
            typ: typ.clone(),
            x5t: None,
            nbf,
            extra: extra.clone(),
            ..Default::default()
        };
        let token = signer.mint(&params, now, &jti).unwrap();
        let d = jwt::decode(&token).unwrap();
        prop_assert!(d.duplicates.is_empty());

        prop_assert_eq!(d.header["alg"].as_str(), Some(alg.as_str()));
        prop_assert_eq!(d.header["kid"].as_str(), Some(kid.as_str()));
        prop_assert_eq!(d.header.get("typ").and_then(Value::as_str), typ.as_deref());

        let claims = d.claims.as_object().unwrap();
        let mut expected: BTreeSet<String> =
            ["iss", "sub", "aud", "jti", "iat", "exp"].map(String::from).into();
        if nbf {
            expected.insert("nbf".into());
        }
        expected.extend(extra.keys().cloned());
        prop_assert_eq!(claims.keys().cloned().collect::<BTreeSet<_>>(), expected);
        prop_assert_eq!(claims["iss"].as_str(), Some(client_id.as_str()));
        prop_assert_eq!(claims["sub"].as_str(), Some(client_id.as_str()));
        prop_assert_eq!(claims["aud"].as_str(), Some(aud.as_str()));
        prop_assert_eq!(claims["jti"].as_str(), Some(jti.as_str()));
        let iat = claims["iat"].as_i64().unwrap();
        prop_assert_eq!(iat, now);
        prop_assert_eq!(claims["exp"].as_i64().unwrap() - iat, lifetime as i64);
        if nbf {
            prop_assert_eq!(claims["nbf"].as_i64(), Some(now));
        }
        for (k, v) in &extra {
            prop_assert_eq!(&claims[k], v);
        }

        let public = entry.public();
        prop_assert!(public.verify(alg, d.signing_input.as_bytes(), &d.signature));
        let stranger = KeyPair::generate(Alg::ES256, 0).unwrap().public();
        prop_assert!(!stranger.verify(alg, d.signing_input.as_bytes(), &d.signature));
        prop_assert!(!stranger.verify(Alg::ES256, d.signing_input.as_bytes(), &d.signature));
        let mut tampered = d.signing_input.clone().into_bytes();
        tampered.push(b'x');
        prop_assert!(!public.verify(alg, &tampered, &d.signature));
    }
}

/// A JSON-ish text: objects with possibly repeated members, nested values,
/// and sometimes broken syntax.
fn jsonish() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|f| f.to_string()),
        "\\PC{0,8}".prop_map(|s| Value::from(s).to_string()),
        "[\\[\\]{}:,\"\\\\0-9a-z]{0,8}",
    ];
    leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec(
                (
                    prop_oneof![Just("alg".to_string()), "[a-z]{0,3}".prop_map(String::from)],
                    inner
                ),
                0..4
            )
            .prop_map(|v| {
                let members: Vec<String> = v
                    .into_iter()
                    .map(|(k, val)| format!("{}:{val}", Value::from(k)))
                    .collect();
                format!("{{{}}}", members.join(","))
            }),
        ]
    })
}

fn part() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..64)
            .prop_map(|b| Base64UrlUnpadded::encode_string(&b)),
        jsonish().prop_map(|j| Base64UrlUnpadded::encode_string(j.as_bytes())),
        "[A-Za-z0-9_=+/-]{0,24}",
        "\\PC{0,8}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn decode_never_panics_on_strings(s in "\\PC{0,80}|.{0,80}") {
        let _ = jwt::decode(&s);
    }

    #[test]
    fn decode_never_panics_on_three_parts(
        h in part(),
        p in part(),
        s in part(),
        pad in "[ \t\n]{0,2}",
    ) {
        let text = format!("{pad}{h}.{p}.{s}{pad}");
        if let Ok(d) = jwt::decode(&text) {
            prop_assert!(d.header.is_object() && d.claims.is_object());
            prop_assert_eq!(d.signing_input, format!("{h}.{p}"));
        }
    }

    #[test]
    fn extract_jwt_never_panics(
        bytes in prop::collection::vec(any::<u8>(), 0..200),
        prefix in prop_oneof![
            Just(""), Just("client_assertion="), Just("a=b&client_assertion="), Just("eyJ"),
        ],
        percent in "(%[0-9a-fA-F]{0,2}|%|\\+|€|eyJ|\\.|&|\")*",
    ) {
        let text = format!("{prefix}{percent}{}", String::from_utf8_lossy(&bytes));
        let _ = pkjwt::diagnose::checks::extract_jwt(&text);
        let _ = pkjwt::diagnose::checks::extract_jwt(&String::from_utf8_lossy(&bytes));
    }
}
