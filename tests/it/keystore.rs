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
