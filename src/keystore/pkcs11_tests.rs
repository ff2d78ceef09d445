//! Unit tests of the PKCS#11 module (`pkcs11.rs`).
use super::*;

#[test]
fn a_named_module_wins_over_the_uri_and_a_different_module_path_is_refused() {
    let with = Uri::parse("pkcs11:token=t?module-path=/opt/evil.so").unwrap();
    let without = Uri::parse("pkcs11:token=t").unwrap();
    let named = Path::new("/usr/lib/softhsm/libsofthsm2.so");
    assert!(matches!(
        module_for(&with, Some(named)),
        Err(Pkcs11Error::ModuleConflict { .. })
    ));
    assert_eq!(module_for(&without, Some(named)).unwrap(), named);
    let same = Uri::parse("pkcs11:token=t?module-path=/usr/lib/softhsm/libsofthsm2.so").unwrap();
    assert_eq!(module_for(&same, Some(named)).unwrap(), named);
    // Nothing else names a module: the URI's is loaded.
    assert_eq!(module_for(&with, None).unwrap(), Path::new("/opt/evil.so"));
    assert!(matches!(
        module_for(&with, Some(Path::new(""))),
        Ok(p) if p == Path::new("/opt/evil.so")
    ));
    assert!(matches!(
        module_for(&without, None),
        Err(Pkcs11Error::NoModule { .. })
    ));
}

#[test]
fn uris_parse_as_rfc7512_writes_them() {
    let u =
        Uri::parse("pkcs11:token=My%20Token;object=client-1;id=%01%02?module-path=/usr/lib/x.so")
            .unwrap();
    assert_eq!(u.token.as_deref(), Some("My Token"));
    assert_eq!(u.object.as_deref(), Some("client-1"));
    assert_eq!(u.id, Some(vec![1, 2]));
    assert_eq!(u.module_path, Some(PathBuf::from("/usr/lib/x.so")));
    assert!(matches!(
        Uri::parse("pkcs11:token=a;pin-value=1234"),
        Err(Pkcs11Error::PinInUri { .. })
    ));
    assert!(matches!(
        Uri::parse("pkcs11:token=a?pin-value=1234"),
        Err(Pkcs11Error::PinInUri { .. })
    ));
    // The message never shows the PIN.
    for uri in [
        "pkcs11:token=a;pin-value=1234;object=k",
        "pkcs11:token=a?module-path=/m.so&pin-value=1234",
    ] {
        let e = Uri::parse(uri).err().unwrap().to_string();
        assert!(!e.contains("1234") && e.contains("pin-value=***"), "{e}");
    }
    assert!(Uri::parse("pkcs11:token").is_err());
    assert!(is_uri(Path::new("PKCS11:token=a")));
    assert!(!is_uri(Path::new("client.p12")));
    assert!(selects("client", "client"));
    assert!(selects(
        "client",
        &rotated_label(Some("client"), 1_764_500_000)
    ));
    assert!(!selects("client", "client-r"));
    assert!(!selects("client", "client-2"));
    assert!(!selects("client", "client-rx1"));
    assert!(!selects("client", "clients"));
    assert_eq!(rotated_label(None, 7), "pkjwt-r7");
    assert_eq!(
        Uri::parse("pkcs11:token=a b").unwrap().with_object("k;1"),
        "pkcs11:token=a%20b;object=k%3B1"
    );
}

#[test]
fn return_values_are_named_as_the_standard_names_them() {
    assert_eq!(rv_name(RvError::PinIncorrect), "CKR_PIN_INCORRECT");
    assert_eq!(rv_name(RvError::MechanismInvalid), "CKR_MECHANISM_INVALID");
}
