//! keygen, passwords, and safe writes.

use std::fs;

use crate::common::*;

#[test]
fn keygen_creates_a_0600_keystore_with_thumbprint_kid() {
    let d = tmp();
    let v = keygen(d.path(), "ks.p12", &[]);
    assert_eq!(v["alg"], "ES256", "ES256 is the documented default");
    assert_eq!(v["kty"], "EC");
    assert_eq!(v["created"], true);
    assert_eq!(v["kid"], v["thumbprint"]);
    assert_eq!(v["kid"].as_str().unwrap().len(), 43);
    assert_eq!(v["iterations"], 100000);
    assert!(v["certificate"]["subject"]
        .as_str()
        .unwrap()
        .starts_with("CN="));
    use std::os::unix::fs::PermissionsExt;
    let mode = fs::metadata(d.path().join("ks.p12"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn default_iterations_are_600000() {
    let d = tmp();
    let mut c = pkjwt(d.path());
    c.env_remove("PKJWT_ITERATIONS")
        .args(["--json", "keygen", "-k", "ks.p12"]);
    let v = json(&mut c);
    assert_eq!(v["iterations"], 600000);
    let l = json(pkjwt(d.path()).args(["--json", "keys", "list", "-k", "ks.p12"]));
    assert_eq!(l["protection"]["mac"], "HMAC-SHA256");
    assert_eq!(l["protection"]["mac_iterations"], 600000);
    assert_eq!(l["protection"]["min_iterations"], 600000);
    assert_eq!(
        l["protection"]["ciphers"][0],
        "PBES2 PBKDF2-HMAC-SHA256 AES-256-CBC"
    );
}

#[test]
fn keygen_adds_entries_and_keeps_old_ones_and_their_algorithms() {
    let d = tmp();
    let a = keygen(d.path(), "ks.p12", &["--alg", "ES256"]);
    let b = keygen(
        d.path(),
        "ks.p12",
        &["--alg", "PS256", "--rsa-bits", "2048", "--kid", "rsa-2026"],
    );
    assert_eq!(b["created"], false);
    let c = keygen(
        d.path(),
        "ks.p12",
        &["--alg", "RS256", "--rsa-bits", "2048"],
    );
    let l = json(pkjwt(d.path()).args(["--json", "keys", "list", "-k", "ks.p12"]));
    let keys = l["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 3);
    assert_eq!(keys[0]["kid"], a["kid"]);
    assert_eq!(keys[1]["kid"], "rsa-2026");
    assert_eq!(keys[1]["alg"], "PS256", "PS256 survives the round trip");
    assert_eq!(keys[1]["alg_source"], "stored");
    assert_eq!(keys[1]["bits"], 2048);
    assert_eq!(keys[2]["alg"], "RS256");
    assert_eq!(keys[2]["kid"], c["kid"]);
}

#[test]
fn rsa_sizes_and_subject_and_days() {
    let d = tmp();
    let v = keygen(
        d.path(),
        "ks.p12",
        &[
            "--alg",
            "RS256",
            "--rsa-bits",
            "3072",
            "--subject",
            "my-client",
            "--days",
            "30",
        ],
    );
    assert_eq!(v["bits"], 3072);
    assert_eq!(v["certificate"]["subject"], "CN=my-client");
    let err = fails(
        pkjwt(d.path()).args([
            "keygen",
            "-k",
            "ks.p12",
            "--alg",
            "RS256",
            "--rsa-bits",
            "1024",
        ]),
        3,
    );
    assert!(err.contains("1024 bits are refused"), "{err}");
    assert!(err.contains("hint:"), "{err}");
}

#[test]
fn wrong_password_is_exit_5_and_leaves_the_file_alone() {
    let d = tmp();
    keygen(d.path(), "ks.p12", &[]);
    let before = fs::read(d.path().join("ks.p12")).unwrap();
    let err = fails(
        pkjwt(d.path())
            .env("PKJWT_KEYSTORE_PASSWORD", "not it")
            .args(["keygen", "-k", "ks.p12"]),
        5,
    );
    assert!(err.contains("wrong password"), "{err}");
    assert_eq!(fs::read(d.path().join("ks.p12")).unwrap(), before);
    fails(
        pkjwt(d.path())
            .env("PKJWT_KEYSTORE_PASSWORD", "not it")
            .args(["keys", "list", "-k", "ks.p12"]),
        5,
    );
}

#[test]
fn password_sources_file_stdin_env() {
    let d = tmp();
    fs::write(d.path().join("pw.txt"), format!("{PW}\n")).unwrap();
    pkjwt_no_password(d.path())
        .args(["keygen", "-k", "ks.p12", "--password-file", "pw.txt"])
        .assert()
        .success();
    pkjwt_no_password(d.path())
        .args(["keys", "list", "-k", "ks.p12", "--password-stdin"])
        .write_stdin(format!("{PW}\r\n"))
        .assert()
        .success();
    pkjwt_no_password(d.path())
        .env("PKJWT_KEYSTORE_PASSWORD_FILE", d.path().join("pw.txt"))
        .args(["keys", "list", "-k", "ks.p12"])
        .assert()
        .success();
    pkjwt(d.path())
        .args(["keys", "list", "-k", "ks.p12"])
        .assert()
        .success();
    // Flags conflict rather than silently picking one.
    pkjwt_no_password(d.path())
        .args([
            "keys",
            "list",
            "-k",
            "ks.p12",
            "--password-stdin",
            "--password-file",
            "pw.txt",
        ])
        .assert()
        .code(2);
}

#[test]
fn no_tty_and_no_password_source_fails_at_once() {
    let d = tmp();
    let start = std::time::Instant::now();
    let err = fails(
        pkjwt_no_password(d.path())
            .args(["keygen", "-k", "ks.p12"])
            .timeout(std::time::Duration::from_secs(20)),
        3,
    );
    assert!(start.elapsed().as_secs() < 10);
    assert!(err.contains("--password-file"), "{err}");
    assert!(err.contains("--password-stdin"), "{err}");
    assert!(err.contains("PKJWT_KEYSTORE_PASSWORD"), "{err}");
    assert!(!d.path().join("ks.p12").exists());
}

#[test]
fn empty_password_is_refused_for_a_new_keystore() {
    let d = tmp();
    let err = fails(
        pkjwt(d.path())
            .env("PKJWT_KEYSTORE_PASSWORD", "")
            .args(["keygen", "-k", "ks.p12"]),
        3,
    );
    assert!(err.contains("empty"), "{err}");
}

#[test]
fn duplicate_kid_is_refused_and_nothing_changes() {
    let d = tmp();
    keygen(d.path(), "ks.p12", &["--kid", "k1"]);
    let before = fs::read(d.path().join("ks.p12")).unwrap();
    let err = fails(
        pkjwt(d.path()).args(["keygen", "-k", "ks.p12", "--kid", "k1"]),
        3,
    );
    assert!(err.contains("already has a key with kid \"k1\""), "{err}");
    assert_eq!(fs::read(d.path().join("ks.p12")).unwrap(), before);
}

#[test]
fn missing_directory_is_reported_before_any_work() {
    let d = tmp();
    let err = fails(
        pkjwt(d.path()).args(["keygen", "-k", "no/such/dir/ks.p12"]),
        3,
    );
    assert!(err.contains("no/such/dir"), "{err}");
}

#[test]
fn unwritable_directory_is_reported() {
    // root ignores directory permissions; a file in place of the directory works for everyone.
    let d = tmp();
    fs::write(d.path().join("afile"), "x").unwrap();
    let err = fails(pkjwt(d.path()).args(["keygen", "-k", "afile/ks.p12"]), 3);
    assert!(err.contains("afile"), "{err}");
    if unsafe_is_root() {
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let ro = d.path().join("ro");
    fs::create_dir(&ro).unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
    let err = fails(pkjwt(d.path()).args(["keygen", "-k", "ro/ks.p12"]), 3);
    assert!(
        err.contains("Permission denied") || err.contains("permission"),
        "{err}"
    );
}

fn unsafe_is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// A write that fails part-way (the file size limit is hit while the
/// temporary file is written) leaves the old keystore byte-identical, both
/// when the process is killed by SIGXFSZ and when the write returns an error.
#[test]
fn interrupted_or_failed_write_leaves_the_old_file_byte_identical() {
    let d = tmp();
    keygen(
        d.path(),
        "ks.p12",
        &["--alg", "RS256", "--rsa-bits", "2048"],
    );
    let before = fs::read(d.path().join("ks.p12")).unwrap();
    assert!(before.len() > 2048);
    let bin = assert_cmd::cargo::cargo_bin("pkjwt");
    for (trap, expect_signal) in [("", true), ("trap '' XFSZ;", false)] {
        let script = format!(
            "{trap} ulimit -f 2; exec {} keygen -k ks.p12 --alg RS256 --rsa-bits 2048",
            bin.display()
        );
        let status = std::process::Command::new("sh")
            .current_dir(d.path())
            .env("PKJWT_KEYSTORE_PASSWORD", PW)
            .env("PKJWT_ITERATIONS", "100000")
            .args(["-c", &script])
            .output()
            .unwrap();
        assert!(!status.status.success());
        if !expect_signal {
            assert_eq!(
                status.status.code(),
                Some(3),
                "{}",
                String::from_utf8_lossy(&status.stderr)
            );
            let err = String::from_utf8_lossy(&status.stderr);
            assert!(err.contains("cannot write"), "{err}");
        }
        assert_eq!(fs::read(d.path().join("ks.p12")).unwrap(), before);
        // Leftover temporaries are only possible when killed; clean them for the next round.
        for e in fs::read_dir(d.path()).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".tmp") {
                assert!(expect_signal, "a failed write left {name}");
                fs::remove_file(p).unwrap();
            }
        }
    }
    // And the keystore still opens with its single key.
    let l = json(pkjwt(d.path()).args(["--json", "keys", "list", "-k", "ks.p12"]));
    assert_eq!(l["keys"].as_array().unwrap().len(), 1);
}

#[test]
fn symlinked_keystore_is_updated_through_the_link() {
    let d = tmp();
    fs::create_dir(d.path().join("real")).unwrap();
    keygen(d.path(), "real/ks.p12", &[]);
    std::os::unix::fs::symlink("real/ks.p12", d.path().join("link.p12")).unwrap();
    keygen(d.path(), "link.p12", &[]);
    assert!(fs::symlink_metadata(d.path().join("link.p12"))
        .unwrap()
        .file_type()
        .is_symlink());
    let l = json(pkjwt(d.path()).args(["--json", "keys", "list", "-k", "real/ks.p12"]));
    assert_eq!(l["keys"].as_array().unwrap().len(), 2);
}

// ---------------------------------------------------------------- limits
//
// Keystores that would take the machine down if their parameters were
// honoured: each is refused at once with exit 4 and the limit named,
// whatever the password.

/// A DER header: `tag` and the definite length `len` (the der crate's encoding).
fn der_header(tag: u8, len: usize) -> Vec<u8> {
    use der::Encode;
    der::Header::new(der::Tag::try_from(tag).unwrap(), len)
        .unwrap()
        .to_der()
        .unwrap()
}

/// A PFX whose authenticated safe holds `safe_contents` as one data part,
/// with a (wrong) HMAC-SHA256 MAC of `mac_iterations`, or none.
fn hostile_pfx(safe_contents: Vec<u8>, mac_iterations: Option<i32>) -> Vec<u8> {
    use cms::content_info::ContentInfo;
    use der::asn1::{Any, OctetString};
    use der::Encode;
    let data = |bytes: Vec<u8>| ContentInfo {
        content_type: const_oid::db::rfc5911::ID_DATA,
        content: Any::encode_from(&OctetString::new(bytes).unwrap()).unwrap(),
    };
    let auth_safe = vec![data(safe_contents)].to_der().unwrap();
    pkcs12::pfx::Pfx {
        version: pkcs12::pfx::Version::V3,
        auth_safe: data(auth_safe),
        mac_data: mac_iterations.map(|iterations| pkcs12::mac_data::MacData {
            mac: pkcs12::digest_info::DigestInfo {
                algorithm: spki::AlgorithmIdentifierOwned {
                    oid: const_oid::db::rfc5912::ID_SHA_256,
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

/// `levels` safeContentsBags nested in one another around an empty
/// SafeContents (the layout of the 273 KB file).
fn nested_safe_contents(levels: usize) -> Vec<u8> {
    use der::Encode;
    let oid = pkcs12::PKCS_12_SAFE_CONTENTS_BAG_OID.to_der().unwrap();
    let core = vec![0x30, 0x00];
    let mut headers: Vec<Vec<u8>> = Vec::new();
    let mut len = core.len();
    for _ in 0..levels {
        let explicit = der_header(0xa0, len);
        let bag_len = oid.len() + explicit.len() + len;
        let bag = der_header(0x30, bag_len);
        let seq = der_header(0x30, bag.len() + bag_len);
        len = seq.len() + bag.len() + bag_len;
        headers.push([seq, bag, oid.clone(), explicit].concat());
    }
    headers.reverse();
    [headers.concat(), core].concat()
}

/// `keys list` on `file` fails quickly with exit 4, naming the limit and the value.
fn refused_keystore(file: &[u8], limit: &str, found: &str) {
    let d = tmp();
    fs::write(d.path().join("evil.p12"), file).unwrap();
    for password in [PW, "other"] {
        let start = std::time::Instant::now();
        let err = fails(
            pkjwt(d.path())
                .env("PKJWT_KEYSTORE_PASSWORD", password)
                .args(["keys", "list", "-k", "evil.p12"]),
            4,
        );
        // A bound for the work the limit prevents (minutes to hours).
        assert!(
            start.elapsed() < std::time::Duration::from_secs(30),
            "took {:?}",
            start.elapsed()
        );
        assert!(err.contains(limit) && err.contains(found), "{err}");
        assert!(
            err.contains("docs/keystores.md"),
            "the hint names the docs: {err}"
        );
    }
}

#[test]
fn keystore_with_a_huge_mac_iteration_count_is_refused_at_once() {
    refused_keystore(
        &hostile_pfx(vec![0x30, 0x00], Some(i32::MAX)),
        "MAC iteration count",
        "2147483647",
    );
}

#[test]
fn keystore_with_10000_nested_bags_is_refused_at_once() {
    let file = hostile_pfx(nested_safe_contents(10_000), None);
    assert!(file.len() > 200_000, "{}", file.len());
    refused_keystore(&file, "nesting depth", "9");
    // Eight levels are read (and hold no keys).
    let d = tmp();
    fs::write(
        d.path().join("ok.p12"),
        hostile_pfx(nested_safe_contents(7), None),
    )
    .unwrap();
    let v = json(pkjwt(d.path()).args(["--json", "keys", "list", "-k", "ok.p12"]));
    assert_eq!(v["keys"].as_array().map(Vec::len), Some(0), "{v}");
}

#[test]
fn keystore_over_16_mib_is_refused() {
    let mut big = vec![0u8; 16 * 1024 * 1024 + 1];
    big[0] = 0x30;
    refused_keystore(&big, "file size", "16777217");
}
