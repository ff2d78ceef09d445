//! Interop with the real `openssl` (3.x, no -legacy), `keytool` and Python
//! `cryptography`, both ways.

use std::fs;
use std::path::Path;

use crate::common::*;

fn pass() -> String {
    format!("pass:{PW}")
}

/// The thumbprint of a PEM private key, as pkjwt computes it on import.
fn thumbprint_of_pem(p: &Path, pem: &str) -> String {
    let scratch = format!("thumb-{}.p12", pem.replace('/', "_"));
    let v = json(pkjwt(p).args(["--json", "keys", "import", "-k", &scratch, "--from", pem]));
    v["imported"][0]["thumbprint"].as_str().unwrap().to_string()
}

fn list(p: &Path, ks: &str) -> serde_json::Value {
    json(pkjwt(p).args(["--json", "keys", "list", "-k", ks]))
}

#[test]
fn openssl_reads_pkjwt_keystores_without_legacy() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &["--kid", "ec"]);
    keygen(
        p,
        "ks.p12",
        &["--kid", "rsa", "--alg", "PS256", "--rsa-bits", "2048"],
    );
    let info = run(
        p,
        "openssl",
        &[
            "pkcs12",
            "-in",
            "ks.p12",
            "-info",
            "-nodes",
            "-passin",
            &pass(),
            "-out",
            "all.pem",
        ],
    );
    let _ = info;
    let all = fs::read_to_string(p.join("all.pem")).unwrap();
    assert_eq!(all.matches("BEGIN PRIVATE KEY").count(), 2);
    assert_eq!(all.matches("BEGIN CERTIFICATE").count(), 2);
    assert!(all.contains("friendlyName: ec"));
    assert!(all.contains("friendlyName: rsa"));
    // The keys OpenSSL decrypts are the keys pkjwt lists.
    run(
        p,
        "openssl",
        &[
            "pkcs12",
            "-in",
            "ks.p12",
            "-nodes",
            "-nocerts",
            "-passin",
            &pass(),
            "-out",
            "keys.pem",
        ],
    );
    let text = fs::read_to_string(p.join("keys.pem")).unwrap();
    let l = list(p, "ks.p12");
    for (i, block) in text.split("Bag Attributes").skip(1).enumerate() {
        let pem = &block[block.find("-----BEGIN PRIVATE KEY-----").unwrap()..];
        let name = format!("k{i}.pem");
        fs::write(p.join(&name), pem).unwrap();
        assert_eq!(
            thumbprint_of_pem(p, &name),
            l["keys"][i]["thumbprint"].as_str().unwrap()
        );
    }
    // The MAC and bags are what the issue asks for.
    let info = std::process::Command::new("openssl")
        .current_dir(p)
        .args([
            "pkcs12",
            "-in",
            "ks.p12",
            "-info",
            "-noout",
            "-passin",
            &pass(),
        ])
        .output()
        .unwrap();
    let info =
        String::from_utf8_lossy(&info.stderr).into_owned() + &String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("MAC: sha256, Iteration 100000"), "{info}");
    assert!(
        info.contains("PBES2, PBKDF2, AES-256-CBC, Iteration 100000, PRF hmacWithSHA256"),
        "{info}"
    );
}

#[test]
fn keytool_lists_pkjwt_keystores() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &["--kid", "ec"]);
    keygen(
        p,
        "ks.p12",
        &["--kid", "rsa", "--alg", "RS256", "--rsa-bits", "2048"],
    );
    let out = std::process::Command::new("keytool")
        .current_dir(p)
        .env("KSPW", PW)
        .args([
            "-list",
            "-v",
            "-storetype",
            "PKCS12",
            "-keystore",
            "ks.p12",
            "-storepass:env",
            "KSPW",
        ])
        .output()
        .expect("keytool is needed for this test");
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{s}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(s.contains("Your keystore contains 2 entries"), "{s}");
    assert_eq!(s.matches("PrivateKeyEntry").count(), 2, "{s}");
    assert!(s.contains("Alias name: ec"), "{s}");
    assert!(s.contains("SHA256withECDSA"), "{s}");
    assert!(s.contains("SHA256withRSA"), "{s}");
}

#[test]
fn python_cryptography_reads_pkjwt_keystores() {
    let d = tmp();
    let p = d.path();
    let v = keygen(p, "ks.p12", &["--kid", "only"]);
    let script = format!(
        "from cryptography.hazmat.primitives.serialization import pkcs12\n\
         ks = pkcs12.load_pkcs12(open('ks.p12','rb').read(), {PW:?}.encode())\n\
         print(ks.key.curve.name, ks.cert.friendly_name.decode(), ks.key.public_key().public_numbers().x)\n"
    );
    let out = run(p, "python3", &["-c", &script]);
    assert!(out.starts_with("secp256r1 only "), "{out}");
    // The x coordinate matches the JWKS.
    let jwks = json(pkjwt(p).args(["jwks", "-k", "ks.p12"]));
    use base64ct::Encoding;
    let x =
        base64ct::Base64UrlUnpadded::decode_vec(jwks["keys"][0]["x"].as_str().unwrap()).unwrap();
    let x_int = out.split_whitespace().nth(2).unwrap();
    let py = run(
        p,
        "python3",
        &["-c", &format!("print(({x_int}).to_bytes(32,'big').hex())")],
    );
    assert_eq!(
        py.trim(),
        x.iter().map(|b| format!("{b:02x}")).collect::<String>()
    );
    assert_eq!(v["kid"], "only");
}

#[test]
fn pkjwt_reads_openssl_default_and_legacy_exports() {
    let d = tmp();
    let p = d.path();
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
            "req", "-x509", "-new", "-key", "rsa.pem", "-subj", "/CN=o", "-out", "rsa.crt",
        ],
    );
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
            "ec.pem",
        ],
    );
    run(
        p,
        "openssl",
        &[
            "req", "-x509", "-new", "-key", "ec.pem", "-subj", "/CN=e", "-out", "ec.crt",
        ],
    );
    let rsa_thumb = thumbprint_of_pem(p, "rsa.pem");
    let ec_thumb = thumbprint_of_pem(p, "ec.pem");

    // (file, extra openssl args, expect legacy)
    let cases: Vec<(&str, Vec<&str>, bool)> = vec![
        ("default.p12", vec![], false),
        (
            "legacy3des.p12",
            vec![
                "-certpbe",
                "PBE-SHA1-3DES",
                "-keypbe",
                "PBE-SHA1-3DES",
                "-macalg",
                "sha1",
            ],
            true,
        ),
        ("legacy.p12", vec!["-legacy"], true),
    ];
    for (key, cert, thumb) in [
        ("rsa.pem", "rsa.crt", &rsa_thumb),
        ("ec.pem", "ec.crt", &ec_thumb),
    ] {
        for (file, extra, legacy) in &cases {
            let file = format!("{}-{file}", &key[..2]);
            let mut args = vec![
                "pkcs12",
                "-export",
                "-inkey",
                key,
                "-in",
                cert,
                "-out",
                &file,
                "-passout",
                &pass(),
            ]
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>();
            args.extend(extra.iter().map(|s| s.to_string()));
            let status = std::process::Command::new("openssl")
                .current_dir(p)
                .args(&args)
                .output()
                .unwrap();
            if !status.status.success() {
                // -legacy needs OpenSSL's legacy provider, which some builds lack.
                assert!(
                    extra.contains(&"-legacy"),
                    "{}",
                    String::from_utf8_lossy(&status.stderr)
                );
                eprintln!("skipping {file}: this OpenSSL cannot write -legacy");
                continue;
            }
            let l = list(p, &file);
            let k = &l["keys"][0];
            assert_eq!(
                k["kid"].as_str().unwrap(),
                thumb.as_str(),
                "{file}: no friendlyName, kid is the thumbprint"
            );
            assert_eq!(k["alg_source"], "default");
            assert!(
                k["certificate"].is_object(),
                "{file}: certificate paired by public key"
            );
            assert_eq!(l["protection"]["legacy"], *legacy, "{file}: {l}");
        }
    }

    // With -name, no certificate (-nokeys's twin: -nocerts), and a CA certificate alongside.
    run(
        p,
        "openssl",
        &[
            "pkcs12",
            "-export",
            "-inkey",
            "ec.pem",
            "-in",
            "ec.crt",
            "-name",
            "named",
            "-out",
            "named.p12",
            "-passout",
            &pass(),
        ],
    );
    assert_eq!(list(p, "named.p12")["keys"][0]["kid"], "named");
    run(
        p,
        "openssl",
        &[
            "pkcs12",
            "-export",
            "-inkey",
            "ec.pem",
            "-nocerts",
            "-out",
            "nocert.p12",
            "-passout",
            &pass(),
        ],
    );
    let l = list(p, "nocert.p12");
    assert_eq!(l["keys"][0]["kid"].as_str().unwrap(), ec_thumb);
    assert!(l["keys"][0]["certificate"].is_null());
    run(
        p,
        "openssl",
        &[
            "pkcs12",
            "-export",
            "-inkey",
            "ec.pem",
            "-in",
            "ec.crt",
            "-certfile",
            "rsa.crt",
            "-out",
            "chain.p12",
            "-passout",
            &pass(),
        ],
    );
    let l = list(p, "chain.p12");
    assert_eq!(l["keys"].as_array().unwrap().len(), 1);
    assert_eq!(
        l["keys"][0]["certificate"]["subject"], "CN=e",
        "the key's own certificate, not the other one"
    );

    // Adding a key to a legacy file upgrades its protection and keeps the old key.
    let out = pkjwt(p)
        .args(["keygen", "-k", "ec-legacy3des.p12"])
        .assert()
        .success()
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&out).contains("legacy protection"));
    let l = list(p, "ec-legacy3des.p12");
    assert_eq!(l["keys"].as_array().unwrap().len(), 2);
    assert_eq!(l["protection"]["legacy"], false);
    // Extra certificates are kept on rewrite: nothing is dropped.
    keygen(p, "chain.p12", &[]);
    run(
        p,
        "openssl",
        &[
            "pkcs12",
            "-in",
            "chain.p12",
            "-nokeys",
            "-passin",
            &pass(),
            "-out",
            "certs.pem",
        ],
    );
    assert_eq!(
        fs::read_to_string(p.join("certs.pem"))
            .unwrap()
            .matches("BEGIN CERTIFICATE")
            .count(),
        3
    );
    // And the rewritten file still opens in OpenSSL.
    run(
        p,
        "openssl",
        &[
            "pkcs12",
            "-in",
            "ec-legacy3des.p12",
            "-nodes",
            "-passin",
            &pass(),
            "-out",
            "/dev/null",
        ],
    );
}

#[test]
fn pkjwt_reads_keytool_keystores_and_keytool_reads_them_back() {
    let d = tmp();
    let p = d.path();
    for (alias, keyalg) in [
        ("rsakey", vec!["-keyalg", "RSA", "-keysize", "2048"]),
        ("eckey", vec!["-keyalg", "EC", "-groupname", "secp256r1"]),
    ] {
        let mut args = vec![
            "-genkeypair",
            "-storetype",
            "PKCS12",
            "-keystore",
            "kt.p12",
            "-storepass:env",
            "KSPW",
            "-alias",
            alias,
            "-dname",
            "CN=kt",
            "-validity",
            "30",
        ];
        args.extend(keyalg);
        let out = std::process::Command::new("keytool")
            .current_dir(p)
            .env("KSPW", PW)
            .args(&args)
            .output()
            .expect("keytool");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // keytool's own certificate, for comparing public keys.
        let out = std::process::Command::new("keytool")
            .current_dir(p)
            .env("KSPW", PW)
            .args([
                "-exportcert",
                "-rfc",
                "-storetype",
                "PKCS12",
                "-keystore",
                "kt.p12",
                "-storepass:env",
                "KSPW",
                "-alias",
                alias,
                "-file",
                &format!("{alias}.crt"),
            ])
            .output()
            .unwrap();
        assert!(out.status.success());
    }
    let l = list(p, "kt.p12");
    let keys = l["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0]["kid"], "rsakey");
    assert_eq!(keys[0]["alg"], "RS256");
    assert_eq!(keys[1]["kid"], "eckey");
    assert_eq!(keys[1]["alg"], "ES256");
    for k in keys {
        let alias = k["kid"].as_str().unwrap();
        let theirs = run(
            p,
            "openssl",
            &[
                "x509",
                "-in",
                &format!("{alias}.crt"),
                "-noout",
                "-fingerprint",
                "-sha256",
            ],
        );
        let ours = k["certificate"]["sha256_fingerprint"].as_str().unwrap();
        assert!(theirs.contains(ours), "{alias}: {theirs} vs {ours}");
    }
    // pkjwt adds a key; keytool still reads every entry.
    keygen(p, "kt.p12", &["--kid", "added"]);
    let out = std::process::Command::new("keytool")
        .current_dir(p)
        .env("KSPW", PW)
        .args([
            "-list",
            "-storetype",
            "PKCS12",
            "-keystore",
            "kt.p12",
            "-storepass:env",
            "KSPW",
        ])
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("contains 3 entries"), "{s}");
}

#[test]
fn pkjwt_reads_python_cryptography_keystores() {
    let d = tmp();
    let p = d.path();
    let script = format!(
        "from cryptography.hazmat.primitives.asymmetric import ec\n\
         from cryptography.hazmat.primitives.serialization import pkcs12, PrivateFormat\n\
         from cryptography.hazmat.primitives import hashes\n\
         k = ec.generate_private_key(ec.SECP256R1())\n\
         enc = PrivateFormat.PKCS12.encryption_builder().kdf_rounds(50000).key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC).hmac_hash(hashes.SHA256()).build({PW:?}.encode())\n\
         open('py.p12','wb').write(pkcs12.serialize_key_and_certificates(b'pykey', k, None, None, enc))\n"
    );
    run(p, "python3", &["-c", &script]);
    let l = list(p, "py.p12");
    assert_eq!(l["keys"][0]["kid"], "pykey");
    assert_eq!(l["keys"][0]["kty"], "EC");
}
