//! keys list, import, remove, cert.

use std::fs;

use crate::common::*;

fn openssl_pubkey_der(dir: &std::path::Path, key_pem: &str) -> Vec<u8> {
    run(
        dir,
        "openssl",
        &[
            "pkey", "-in", key_pem, "-pubout", "-outform", "DER", "-out", "pub.der",
        ],
    );
    fs::read(dir.join("pub.der")).unwrap()
}

fn our_pubkey_der(dir: &std::path::Path, ks: &str, kid: &str) -> Vec<u8> {
    pkjwt(dir)
        .args(["keys", "cert", "-k", ks, "--kid", kid, "--out", "our.crt"])
        .assert()
        .success();
    run(
        dir,
        "openssl",
        &[
            "x509",
            "-in",
            "our.crt",
            "-pubkey",
            "-noout",
            "-out",
            "ourpub.pem",
        ],
    );
    run(
        dir,
        "openssl",
        &[
            "pkey",
            "-pubin",
            "-in",
            "ourpub.pem",
            "-outform",
            "DER",
            "-out",
            "ourpub.der",
        ],
    );
    fs::read(dir.join("ourpub.der")).unwrap()
}

#[test]
fn list_human_output_names_everything() {
    let d = tmp();
    keygen(
        d.path(),
        "ks.p12",
        &["--kid", "ec-1", "--subject", "CN=svc,O=Example"],
    );
    let out = pkjwt(d.path())
        .args(["keys", "list", "-k", "ks.p12"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let s = String::from_utf8_lossy(&out);
    for want in [
        "ec-1",
        "ES256",
        "EC P-256",
        "thumbprint:",
        "CN=svc,O=Example",
        "self-signed",
        "days left",
    ] {
        assert!(s.contains(want), "missing {want}: {s}");
    }
}

#[test]
fn import_pem_forms_with_and_without_certificates() {
    let d = tmp();
    let p = d.path();
    // PKCS#8 RSA with a matching certificate.
    run(
        p,
        "openssl",
        &[
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
            "rsa.pem",
        ],
    );
    run(
        p,
        "openssl",
        &[
            "req",
            "-x509",
            "-new",
            "-key",
            "rsa.pem",
            "-subj",
            "/CN=imported",
            "-days",
            "10",
            "-out",
            "rsa.crt",
        ],
    );
    let v = json(pkjwt(p).args([
        "--json", "keys", "import", "-k", "ks.p12", "--from", "rsa.pem", "--cert", "rsa.crt",
        "--kid", "rsa", "--alg", "PS256",
    ]));
    assert_eq!(v["created"], true);
    assert_eq!(v["imported"][0]["alg"], "PS256");
    assert_eq!(v["imported"][0]["certificate"]["subject"], "CN=imported");
    assert_eq!(
        our_pubkey_der(p, "ks.p12", "rsa"),
        openssl_pubkey_der(p, "rsa.pem")
    );

    // PKCS#1 ("RSA PRIVATE KEY"), no certificate: a self-signed one is made.
    run(
        p,
        "openssl",
        &["genrsa", "-traditional", "-out", "pkcs1.pem", "2048"],
    );
    assert!(fs::read_to_string(p.join("pkcs1.pem"))
        .unwrap()
        .contains("BEGIN RSA PRIVATE KEY"));
    let v = json(pkjwt(p).args([
        "--json",
        "keys",
        "import",
        "-k",
        "ks.p12",
        "--from",
        "pkcs1.pem",
    ]));
    let kid = v["imported"][0]["kid"].as_str().unwrap().to_string();
    assert_eq!(v["imported"][0]["alg"], "RS256");
    assert_eq!(v["imported"][0]["certificate"]["self_signed"], true);
    assert_eq!(
        our_pubkey_der(p, "ks.p12", &kid),
        openssl_pubkey_der(p, "pkcs1.pem")
    );

    // SEC1 ("EC PRIVATE KEY") with EC PARAMETERS in front, cert in the same file.
    run(
        p,
        "openssl",
        &[
            "ecparam",
            "-name",
            "prime256v1",
            "-genkey",
            "-out",
            "sec1.pem",
        ],
    );
    run(
        p,
        "openssl",
        &[
            "req", "-x509", "-new", "-key", "sec1.pem", "-subj", "/CN=ec", "-out", "ec.crt",
        ],
    );
    let both = fs::read_to_string(p.join("sec1.pem")).unwrap()
        + &fs::read_to_string(p.join("ec.crt")).unwrap();
    fs::write(p.join("both.pem"), both).unwrap();
    let v = json(pkjwt(p).args([
        "--json", "keys", "import", "-k", "ks.p12", "--from", "both.pem", "--kid", "ec",
    ]));
    assert_eq!(v["imported"][0]["alg"], "ES256");
    assert_eq!(v["imported"][0]["certificate"]["subject"], "CN=ec");
    assert_eq!(
        our_pubkey_der(p, "ks.p12", "ec"),
        openssl_pubkey_der(p, "sec1.pem")
    );

    // Encrypted PKCS#8, password from a file.
    run(
        p,
        "openssl",
        &[
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-aes-256-cbc",
            "-pass",
            "pass:keypass",
            "-out",
            "enc.pem",
        ],
    );
    fs::write(p.join("keypass.txt"), "keypass\n").unwrap();
    let err = fails(
        pkjwt(p).args(["keys", "import", "-k", "ks.p12", "--from", "enc.pem"]),
        3,
    );
    assert!(err.contains("--from-password-file"), "{err}");
    pkjwt(p)
        .args([
            "keys",
            "import",
            "-k",
            "ks.p12",
            "--from",
            "enc.pem",
            "--from-password-file",
            "keypass.txt",
            "--kid",
            "enc",
        ])
        .assert()
        .success();
    // A wrong password for the file being imported is exit 5, like a
    // keystore's, and the hint names the import password's sources.
    let err = fails(
        pkjwt(p).env("PKJWT_IMPORT_PASSWORD", "nope").args([
            "keys", "import", "-k", "ks.p12", "--from", "enc.pem", "--kid", "enc2",
        ]),
        5,
    );
    assert!(err.contains("wrong password"), "{err}");
    assert!(
        err.contains("--from-password-file") && err.contains("PKJWT_IMPORT_PASSWORD"),
        "{err}"
    );
    assert!(!err.contains("PKJWT_KEYSTORE_PASSWORD"), "{err}");

    // The same key twice is refused; so is a certificate of another key.
    let err = fails(
        pkjwt(p).args([
            "keys",
            "import",
            "-k",
            "ks.p12",
            "--from",
            "pkcs1.pem",
            "--kid",
            "again",
        ]),
        3,
    );
    assert!(err.contains("already in"), "{err}");
    run(
        p,
        "openssl",
        &[
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-out",
            "other.pem",
        ],
    );
    let err = fails(
        pkjwt(p).args([
            "keys",
            "import",
            "-k",
            "ks.p12",
            "--from",
            "other.pem",
            "--cert",
            "rsa.crt",
        ]),
        3,
    );
    assert!(err.contains("matches"), "{err}");
    // RSA under 2048 bits is refused.
    run(
        p,
        "openssl",
        &[
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:1024",
            "-out",
            "small.pem",
        ],
    );
    let err = fails(
        pkjwt(p).args(["keys", "import", "-k", "ks.p12", "--from", "small.pem"]),
        3,
    );
    assert!(err.contains("RSA-1024"), "{err}");
    // An algorithm that does not fit the key.
    fails(
        pkjwt(p).args([
            "keys",
            "import",
            "-k",
            "ks.p12",
            "--from",
            "other.pem",
            "--alg",
            "RS256",
        ]),
        3,
    );

    let l = json(pkjwt(p).args(["--json", "keys", "list", "-k", "ks.p12"]));
    let kids: Vec<&str> = l["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kid"].as_str().unwrap())
        .collect();
    assert_eq!(kids, vec!["rsa", kid.as_str(), "ec", "enc"]);
}

#[test]
fn import_from_another_pkcs12_keeps_names() {
    let d = tmp();
    let p = d.path();
    keygen(
        p,
        "src.p12",
        &["--kid", "a", "--alg", "PS256", "--rsa-bits", "2048"],
    );
    keygen(p, "src.p12", &["--kid", "b"]);
    fs::write(p.join("srcpw"), PW).unwrap();
    let v = json(
        pkjwt(p)
            .env("PKJWT_KEYSTORE_PASSWORD", "another password")
            .args([
                "--json",
                "keys",
                "import",
                "-k",
                "dst.p12",
                "--from",
                "src.p12",
                "--from-password-file",
                "srcpw",
            ]),
    );
    let imported = v["imported"].as_array().unwrap();
    assert_eq!(imported.len(), 2);
    assert_eq!(imported[0]["kid"], "a");
    assert_eq!(imported[0]["alg"], "PS256");
    // A wrong source password is exit 5, and the hint names the options
    // that give the imported file's password.
    fs::write(p.join("badpw"), "bad").unwrap();
    let err = fails(
        pkjwt(p).args([
            "keys",
            "import",
            "-k",
            "dst2.p12",
            "--from",
            "src.p12",
            "--from-password-file",
            "badpw",
        ]),
        5,
    );
    assert!(err.contains("--from-password-file"), "{err}");
    assert!(!p.join("dst2.p12").exists());
}

#[test]
fn remove_and_cert() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &["--kid", "old"]);
    keygen(p, "ks.p12", &["--kid", "new"]);
    // cert needs --kid when there are several keys.
    let err = fails(pkjwt(p).args(["keys", "cert", "-k", "ks.p12"]), 3);
    assert!(err.contains("--kid"), "{err}");
    let pem = pkjwt(p)
        .args(["keys", "cert", "-k", "ks.p12", "--kid", "old"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    fs::write(p.join("old.crt"), &pem).unwrap();
    let subject = run(
        p,
        "openssl",
        &["x509", "-in", "old.crt", "-noout", "-subject"],
    );
    assert!(
        subject.contains("CN = old") || subject.contains("CN=old"),
        "{subject}"
    );
    pkjwt(p)
        .args([
            "keys", "cert", "-k", "ks.p12", "--kid", "old", "--der", "-o", "old.der",
        ])
        .assert()
        .success();
    run(
        p,
        "openssl",
        &["x509", "-inform", "DER", "-in", "old.der", "-noout"],
    );

    let v = json(pkjwt(p).args(["--json", "keys", "remove", "-k", "ks.p12", "--kid", "old"]));
    assert_eq!(v["removed"], "old");
    assert_eq!(v["remaining"], serde_json::json!(["new"]));
    let l = json(pkjwt(p).args(["--json", "keys", "list", "-k", "ks.p12"]));
    assert_eq!(l["keys"].as_array().unwrap().len(), 1);
    // With one key left, cert needs no --kid.
    pkjwt(p)
        .args(["keys", "cert", "-k", "ks.p12"])
        .assert()
        .success();
}

/// An encrypted PKCS#8 PEM key whose PBES2 parameters are `kdf`; the
/// ciphertext is filler (the parameters are refused before any decryption).
fn hostile_encrypted_pem(kdf: pkcs5::pbes2::Kdf) -> String {
    use der::Encode;
    let params = pkcs5::pbes2::Parameters {
        kdf,
        encryption: pkcs5::pbes2::EncryptionScheme::Aes256Cbc { iv: &[7; 16] },
    };
    let epki = pkcs8::EncryptedPrivateKeyInfo {
        encryption_algorithm: pkcs5::EncryptionScheme::Pbes2(params),
        encrypted_data: &[0; 48],
    };
    pem::encode(&pem::Pem::new(
        "ENCRYPTED PRIVATE KEY",
        epki.to_der().unwrap(),
    ))
}

fn scrypt(n: u64, r: u16, p: u16) -> pkcs5::pbes2::Kdf<'static> {
    pkcs5::pbes2::Kdf::Scrypt(pkcs5::pbes2::ScryptParams {
        salt: &[1; 16],
        cost_parameter: n,
        block_size: r,
        parallelization: p,
        key_length: None,
    })
}

#[test]
fn encrypted_pem_import_refuses_kdf_parameters_over_the_limits() {
    let d = tmp();
    let p = d.path();
    fs::write(p.join("pw.txt"), "pw\n").unwrap();
    let pbkdf2 = pkcs5::pbes2::Kdf::Pbkdf2(pkcs5::pbes2::Pbkdf2Params {
        salt: &[1; 16],
        iteration_count: u32::MAX,
        key_length: None,
        prf: pkcs5::pbes2::Pbkdf2Prf::HmacWithSha256,
    });
    for (kdf, limit, found) in [
        (scrypt(1 << 40, 8, 1), "scrypt cost N", "1099511627776"),
        (scrypt(1 << 14, 8, 65_535), "scrypt parallelism p", "65535"),
        (scrypt(1 << 20, 8, 1), "scrypt memory", "1073741824"),
        (pbkdf2, "PBKDF2 iteration count", "4294967295"),
    ] {
        fs::write(p.join("evil.pem"), hostile_encrypted_pem(kdf)).unwrap();
        let start = std::time::Instant::now();
        let err = fails(
            pkjwt(p).args([
                "keys",
                "import",
                "-k",
                "ks.p12",
                "--from",
                "evil.pem",
                "--from-password-file",
                "pw.txt",
            ]),
            4,
        );
        // A bound for the work the limit prevents (minutes to hours).
        assert!(start.elapsed() < std::time::Duration::from_secs(30));
        assert!(err.contains(limit) && err.contains(found), "{err}");
        assert!(err.contains("Limits"), "the hint names the docs: {err}");
        assert!(!p.join("ks.p12").exists());
    }
    // Refused before a password is asked for: no source is needed.
    fs::write(
        p.join("evil.pem"),
        hostile_encrypted_pem(scrypt(1 << 40, 8, 1)),
    )
    .unwrap();
    let err = fails(
        pkjwt(p).args(["keys", "import", "-k", "ks.p12", "--from", "evil.pem"]),
        4,
    );
    assert!(err.contains("scrypt cost N"), "{err}");
    // N = 0 (pkcs5 would overflow on it) is a malformed key, not a panic.
    fs::write(p.join("evil.pem"), hostile_encrypted_pem(scrypt(0, 8, 1))).unwrap();
    fails(
        pkjwt(p).args(["keys", "import", "-k", "ks.p12", "--from", "evil.pem"]),
        4,
    );
}

#[test]
fn a_kid_and_subject_that_start_with_a_hyphen() {
    // One RFC 7638 thumbprint in 64 starts with `-`: --kid must take it.
    let d = tmp();
    let v = keygen(d.path(), "ks.p12", &["--kid", "-abc", "--subject", "-svc"]);
    assert_eq!(v["kid"], "-abc", "{v}");
    let s = stdout(pkjwt(d.path()).args(["keys", "list", "-k", "ks.p12"]));
    assert!(s.contains("-abc") && s.contains("CN=-svc"), "{s}");
    // The other options that take a kid agree.
    pkjwt(d.path())
        .args(["jwks", "-k", "ks.p12", "--kid", "-abc"])
        .assert()
        .success();
    pkjwt(d.path())
        .args(["keys", "cert", "-k", "ks.p12", "--kid", "-abc"])
        .assert()
        .success();
}
