//! Tests of the format across decode and encode: round trips, damage told
//! from a wrong password, foreign bags and attributes kept on a rewrite.
//! The limits' tests are in `limits.rs`; the helpers here build files for both.

use cms::content_info::ContentInfo;
use const_oid::db::rfc5911::ID_DATA;
use der::asn1::{Any, BmpString, ObjectIdentifier, OctetString, OctetStringRef};
use der::{Decode, Encode, Tag};
use pkcs12::authenticated_safe::AuthenticatedSafe;
use pkcs12::cert_type::CertBag;
use pkcs12::pfx::{Pfx, Version};
use pkcs12::{
    PKCS_12_CERT_BAG_OID as CERT_BAG, PKCS_12_KEY_BAG_OID as KEY_BAG,
    PKCS_12_SAFE_CONTENTS_BAG_OID as SAFE_CONTENTS_BAG, PKCS_12_X509_CERT_OID as X509_CERTIFICATE,
};
use zeroize::Zeroizing;

use super::encode::encode_attributes;
use super::{decode, encode, Bag, BagContent, Decoded, Pkcs12Error, RawAttribute, SafeBag};
use super::{FRIENDLY_NAME, LOCAL_KEY_ID};
use crate::secret::Password;

pub(super) fn pw(s: &str) -> Password {
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

pub(super) fn safe_bag(bag_id: ObjectIdentifier, value: Any, attrs: &[Vec<u8>]) -> SafeBag {
    SafeBag {
        bag_id,
        bag_value: value,
        bag_attributes: (!attrs.is_empty()).then(|| Any::new(Tag::Set, attrs.concat()).unwrap()),
    }
}

/// A PFX without a MAC whose authenticated safe is `infos`.
pub(super) fn pfx_without_mac(infos: &[u8]) -> Vec<u8> {
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
