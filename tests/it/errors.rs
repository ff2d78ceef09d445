//! Bad input: each gets its own message, a documented exit code, no panic.

use std::fs;

use crate::common::*;

#[test]
fn missing_keystore_is_exit_3() {
    let d = tmp();
    let err = fails(pkjwt(d.path()).args(["keys", "list", "-k", "nope.p12"]), 3);
    assert!(err.contains("cannot read nope.p12"), "{err}");
    assert!(err.contains("pkjwt keygen"), "{err}");
}

#[test]
fn truncated_keystore_is_exit_4_and_says_truncated() {
    let d = tmp();
    keygen(d.path(), "ks.p12", &[]);
    let data = fs::read(d.path().join("ks.p12")).unwrap();
    for cut in [data.len() / 2, data.len() - 1, 10] {
        fs::write(d.path().join("cut.p12"), &data[..cut]).unwrap();
        let err = fails(pkjwt(d.path()).args(["keys", "list", "-k", "cut.p12"]), 4);
        assert!(err.contains("truncated"), "cut at {cut}: {err}");
    }
}

#[test]
fn damaged_keystore_is_told_apart_from_a_wrong_password() {
    let d = tmp();
    keygen(d.path(), "ks.p12", &[]);
    let mut data = fs::read(d.path().join("ks.p12")).unwrap();
    // The last bytes are the MAC salt and iteration count's neighbours: flip
    // one byte of the MAC digest region, which leaves the structure intact.
    let n = data.len();
    data[n - 25] ^= 0x40;
    fs::write(d.path().join("bad.p12"), &data).unwrap();
    let err = fails(pkjwt(d.path()).args(["keys", "list", "-k", "bad.p12"]), 4);
    assert!(
        err.contains("damaged") || err.contains("integrity"),
        "{err}"
    );
    let err = fails(
        pkjwt(d.path())
            .env("PKJWT_KEYSTORE_PASSWORD", "wrong")
            .args(["keys", "list", "-k", "ks.p12"]),
        5,
    );
    assert!(err.contains("wrong password"), "{err}");
}

#[test]
fn non_pkcs12_files_say_what_they_look_like() {
    let d = tmp();
    let cases: &[(&str, &[u8], &str)] = &[
        (
            "pem.p12",
            b"-----BEGIN PRIVATE KEY-----\nMII=\n-----END PRIVATE KEY-----\n",
            "PEM",
        ),
        ("jks.p12", &[0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2], "JKS"),
        ("empty.p12", b"", "empty"),
        ("json.p12", b"{\"keys\":[]}", "JSON"),
        (
            "garbage.p12",
            &[0x30, 0x03, 0x02, 0x01, 0x07],
            "not a PKCS#12",
        ),
    ];
    for (name, data, expect) in cases {
        fs::write(d.path().join(name), data).unwrap();
        let err = fails(pkjwt(d.path()).args(["keys", "list", "-k", name]), 4);
        assert!(err.contains("not a PKCS#12"), "{name}: {err}");
        assert!(err.contains(expect), "{name}: {err}");
    }
    // And keygen never overwrites such a file.
    let before = fs::read(d.path().join("pem.p12")).unwrap();
    fails(pkjwt(d.path()).args(["keygen", "-k", "pem.p12"]), 4);
    assert_eq!(fs::read(d.path().join("pem.p12")).unwrap(), before);
}

#[test]
fn unknown_kid_lists_the_kids_there_are() {
    let d = tmp();
    keygen(d.path(), "ks.p12", &["--kid", "one"]);
    let err = fails(
        pkjwt(d.path()).args(["keys", "remove", "-k", "ks.p12", "--kid", "two"]),
        3,
    );
    assert!(err.contains("no key with kid \"two\""), "{err}");
    assert!(err.contains("keys in it: one"), "{err}");
    fails(
        pkjwt(d.path()).args(["jwks", "-k", "ks.p12", "--kid", "two"]),
        3,
    );
    fails(
        pkjwt(d.path()).args(["keys", "cert", "-k", "ks.p12", "--kid", "two"]),
        3,
    );
}

#[test]
fn unsupported_key_types_are_named_with_what_is_supported() {
    let d = tmp();
    for (alg, args, name) in [
        (
            "ed25519",
            vec!["genpkey", "-algorithm", "ed25519", "-out", "k.pem"],
            "Ed25519",
        ),
        (
            "p384",
            vec![
                "genpkey",
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:P-384",
                "-out",
                "k.pem",
            ],
            "P-384",
        ),
        (
            "dsa",
            vec![
                "genpkey",
                "-genparam",
                "-algorithm",
                "DSA",
                "-pkeyopt",
                "dsa_paramgen_bits:2048",
                "-out",
                "p.pem",
            ],
            "DSA",
        ),
    ] {
        run(d.path(), "openssl", &args);
        if alg == "dsa" {
            run(
                d.path(),
                "openssl",
                &["genpkey", "-paramfile", "p.pem", "-out", "k.pem"],
            );
        }
        let err = fails(
            pkjwt(d.path()).args(["keys", "import", "-k", "ks.p12", "--from", "k.pem"]),
            4,
        );
        assert!(err.contains(name), "{alg}: {err}");
        assert!(err.contains("EC P-256 (ES256)"), "{alg}: {err}");
        assert!(!d.path().join("ks.p12").exists());
        // Inside a PKCS#12 made by OpenSSL too.
        run(
            d.path(),
            "openssl",
            &[
                "req", "-x509", "-new", "-key", "k.pem", "-subj", "/CN=x", "-out", "c.pem",
            ],
        );
        let env_pw = format!("pass:{PW}");
        run(
            d.path(),
            "openssl",
            &[
                "pkcs12", "-export", "-inkey", "k.pem", "-in", "c.pem", "-out", "o.p12",
                "-passout", &env_pw,
            ],
        );
        let err = fails(pkjwt(d.path()).args(["keys", "list", "-k", "o.p12"]), 4);
        assert!(err.contains(name), "{alg} in p12: {err}");
    }
}

#[test]
fn usage_errors_are_exit_2_and_help_is_exit_0() {
    let d = tmp();
    pkjwt(d.path())
        .args(["keygen", "--alg", "HS256", "-k", "x.p12"])
        .assert()
        .code(2);
    pkjwt(d.path()).args(["frobnicate"]).assert().code(2);
    pkjwt(d.path())
        .args(["keygen"])
        .env_remove("PKJWT_KEYSTORE")
        .assert()
        .code(2);
    pkjwt(d.path())
        .args(["keygen", "-k", "x.p12", "--iterations", "5"])
        .assert()
        .code(3);
    let out = pkjwt(d.path())
        .args(["keygen", "--help"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let help = String::from_utf8_lossy(&out);
    assert!(help.contains("Examples:"), "{help}");
    pkjwt(d.path()).arg("--version").assert().success();
}

#[test]
fn colour_follows_the_choice_and_no_color() {
    let d = tmp();
    let err = fails(
        pkjwt(d.path()).args(["--color", "always", "keys", "list", "-k", "x.p12"]),
        3,
    );
    assert!(err.contains("\x1b["), "{err:?}");
    let err = fails(
        pkjwt(d.path())
            .env("NO_COLOR", "1")
            .args(["keys", "list", "-k", "x.p12"]),
        3,
    );
    assert!(!err.contains("\x1b["), "{err:?}");
}

#[test]
fn quiet_suppresses_notes_but_not_results() {
    let d = tmp();
    let out = pkjwt(d.path())
        .args(["-q", "keygen", "-k", "ks.p12"])
        .assert()
        .success()
        .get_output()
        .clone();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.stdout.is_empty());
}

/// Endless or huge input on every route that takes a secret, a token or a
/// JWT from stdin or a file: refused quickly, exit 3, the limit named.
#[test]
fn huge_input_is_refused_with_the_limit() {
    let d = tmp();
    keygen(d.path(), "ks.p12", &[]);
    // `head -c 5000000 /dev/zero`, as a stream and as a file.
    let zeros = vec![0u8; 5_000_000];
    fs::write(d.path().join("big.bin"), &zeros).unwrap();
    let client = [
        "--issuer",
        "http://127.0.0.1:9",
        "--client-id",
        "c",
        "-k",
        "ks.p12",
        "--token-endpoint",
        "http://127.0.0.1:9/token",
    ];
    let register = [
        "register",
        "--profile",
        "p",
        "--keystore",
        "ks.p12",
        "--issuer",
        "http://127.0.0.1:9",
    ];
    let secret = "65536 bytes (64 KiB)";
    let jwt = "1048576 bytes (1 MiB)";
    let cases: Vec<(Vec<&str>, bool, &str)> = vec![
        (
            vec!["keygen", "-k", "new.p12", "--password-stdin"],
            true,
            secret,
        ),
        (
            vec!["keygen", "-k", "new.p12", "--password-file", "big.bin"],
            false,
            secret,
        ),
        (
            [&["introspect"][..], &client, &["-"]].concat(),
            true,
            secret,
        ),
        ([&["revoke"][..], &client, &["-"]].concat(), true, secret),
        (
            [
                &["token"][..],
                &client,
                &["--grant-type", "refresh_token", "--refresh-token-file", "-"],
            ]
            .concat(),
            true,
            secret,
        ),
        (
            [
                &["token"][..],
                &client,
                &[
                    "--grant-type",
                    "refresh_token",
                    "--refresh-token-file",
                    "big.bin",
                ],
            ]
            .concat(),
            false,
            secret,
        ),
        (vec!["inspect", "--offline", "-"], true, jwt),
        (
            [&register[..], &["--initial-access-token-file", "big.bin"]].concat(),
            false,
            secret,
        ),
        (
            [&register[..], &["--software-statement", "big.bin"]].concat(),
            false,
            jwt,
        ),
        ([&register[..], &["--metadata", "-"]].concat(), true, jwt),
    ];
    for (args, stdin, limit) in cases {
        let mut cmd = if args.contains(&"--password-stdin") || args.contains(&"--password-file") {
            pkjwt_no_password(d.path())
        } else {
            pkjwt(d.path())
        };
        cmd.args(&args);
        if stdin {
            cmd.write_stdin(zeros.clone());
        }
        let start = std::time::Instant::now();
        let err = fails(&mut cmd, 3);
        assert!(err.contains("larger than pkjwt reads"), "{args:?}: {err}");
        assert!(err.contains(limit), "{args:?}: {err}");
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "{args:?} took {:?}",
            start.elapsed()
        );
    }
    assert!(!d.path().join("new.p12").exists());
}

#[test]
fn help_leads_with_stdin_for_tokens_and_assertions() {
    let d = tmp();
    for (cmd, arg) in [
        ("introspect", "<-|TOKEN>"),
        ("revoke", "<-|TOKEN>"),
        ("inspect", "[-|JWT]"),
    ] {
        let s = stdout(pkjwt(d.path()).args([cmd, "--help"]));
        assert!(s.contains(arg), "{cmd}: {s}");
        let stdin = s
            .find("- reads the")
            .unwrap_or_else(|| panic!("{cmd}: {s}"));
        let literal = s.find("a literal").unwrap();
        assert!(stdin < literal, "{cmd}: {s}");
        let examples = &s[s.find("Examples:").unwrap()..];
        let first = examples.lines().nth(1).unwrap();
        assert!(
            first.contains(" - ") || first.ends_with(" -"),
            "{cmd}: {first}"
        );
    }
}

/// A missing password file is a path to check, not a keystore to create.
#[test]
fn missing_password_file_is_not_told_to_run_keygen() {
    let d = tmp();
    keygen(d.path(), "ks.p12", &[]);
    let err = fails(
        pkjwt_no_password(d.path()).args([
            "keys",
            "list",
            "-k",
            "ks.p12",
            "--password-file",
            "nope.txt",
        ]),
        3,
    );
    assert!(err.contains("nope.txt"), "{err}");
    assert!(!err.contains("pkjwt keygen"), "{err}");
}
