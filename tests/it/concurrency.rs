//! Concurrent writers: many pkjwt processes changing one keystore or one
//! profiles.toml at once take turns on the file's lock, so every process
//! that reports success has its update in the final file; a writer that
//! cannot get the lock in time fails with exit 3 and says so; temporary
//! files a killed writer left behind are removed by the next writer.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{fails, json, keygen, pkjwt, pkjwt_std, tmp, wait_until};

const WRITERS: usize = 20;

/// The pkjwt binary as a plain process (no assert_cmd: the processes must
/// run at the same time).
fn raw(dir: &Path) -> Command {
    let mut c = pkjwt_std(dir);
    // A busy CI machine: waiting is fine, losing an update is not.
    c.env("PKJWT_LOCK_TIMEOUT", "300")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// A failure that is allowed: the documented lock timeout.
fn assert_lock_timeout(out: &Output) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(err.contains("gave up waiting for its lock"), "{err}");
}

#[test]
fn concurrent_keygens_lose_no_key() {
    let d = tmp();
    let started = Instant::now();
    let children: Vec<_> = (0..WRITERS)
        .map(|_| {
            raw(d.path())
                .args(["--json", "keygen", "-k", "ks.p12", "--alg", "ES256"])
                .args(["--iterations", "10000"])
                .spawn()
                .unwrap()
        })
        .collect();
    let outs: Vec<Output> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    let mut kids = Vec::new();
    let mut created = 0;
    for out in &outs {
        if out.status.success() {
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            kids.push(v["kid"].as_str().unwrap().to_string());
            if v["created"] == true {
                created += 1;
            }
        } else {
            assert_lock_timeout(out);
        }
    }
    let listed = json(pkjwt(d.path()).args(["--json", "keys", "list", "-k", "ks.p12"]));
    let in_file: Vec<&str> = listed["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kid"].as_str().unwrap())
        .collect();
    eprintln!(
        "{WRITERS} concurrent keygens: {} exited 0, {} keys in the file, {created} created it, {} ms",
        kids.len(),
        in_file.len(),
        started.elapsed().as_millis()
    );
    for kid in &kids {
        assert!(in_file.contains(&kid.as_str()), "key {kid} is lost");
    }
    assert_eq!(in_file.len(), kids.len());
    assert_eq!(created, 1, "exactly one process creates the keystore");
    assert_eq!(
        kids.len(),
        WRITERS,
        "all writers succeed with a long timeout"
    );
    leaves_only(d.path(), &["ks.p12", ".ks.p12.lock"]);
}

#[test]
fn concurrent_profile_adds_lose_no_profile() {
    const EACH: usize = 5;
    let d = tmp();
    fs::write(d.path().join("ks.p12"), "not read by profile add").unwrap();
    // Parents that pkjwt creates for --config-dir are private, whatever the umask.
    let config = d.path().join("a/b/config");
    let started = Instant::now();
    let workers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let dir = d.path().to_path_buf();
            let config = config.clone();
            std::thread::spawn(move || {
                (0..EACH)
                    .map(|i| {
                        let name = format!("p{w}-{i}");
                        let out = raw(&dir)
                            .args(["--json", "--config-dir"])
                            .arg(&config)
                            .args(["profile", "add", &name, "--client-id"])
                            .arg(format!("client-{w}-{i}"))
                            .args(["-k", "ks.p12", "--token-endpoint"])
                            .arg("https://as.example/token")
                            .output()
                            .unwrap();
                        (name, out)
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let outs: Vec<(String, Output)> = workers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    let mut ok = Vec::new();
    for (name, out) in &outs {
        if out.status.success() {
            ok.push(name.clone());
        } else {
            assert_lock_timeout(out);
        }
    }
    let listed = json(
        pkjwt(d.path())
            .args(["--json", "--config-dir"])
            .arg(&config)
            .args(["profile", "list"]),
    );
    let profiles = listed["profiles"].as_array().unwrap();
    eprintln!(
        "{WRITERS} concurrent writers x {EACH} profile adds: {} exited 0, {} profiles in the file, {} ms",
        ok.len(),
        profiles.len(),
        started.elapsed().as_millis()
    );
    for name in &ok {
        let p = profiles
            .iter()
            .find(|p| p["name"] == name.as_str())
            .unwrap_or_else(|| panic!("profile {name} is lost"));
        assert_eq!(p["client_id"], format!("client-{}", &name[1..]));
    }
    assert_eq!(profiles.len(), ok.len());
    assert_eq!(
        ok.len(),
        WRITERS * EACH,
        "all writers succeed with a long timeout"
    );

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: PathBuf| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(d.path().join("a")), 0o700);
        assert_eq!(mode(d.path().join("a/b")), 0o700);
        assert_eq!(mode(config.clone()), 0o700);
        assert_eq!(mode(config.join("profiles.toml")), 0o600);
        assert_eq!(mode(config.join(".profiles.toml.lock")), 0o600);
    }
    leaves_only(&config, &["profiles.toml", ".profiles.toml.lock"]);
}

/// No temporary files are left: the directory holds exactly `names`.
fn leaves_only(dir: &Path, names: &[&str]) {
    let mut there: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    there.sort();
    let mut want: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(there, want);
}

/// Hold the lock pkjwt takes for `target` (with the crate pkjwt uses).
fn hold_lock(target: &Path) -> fs::File {
    let name = target.file_name().unwrap().to_string_lossy().into_owned();
    let lock = target.with_file_name(format!(".{name}.lock"));
    let f = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock)
        .unwrap();
    fs4::FileExt::try_lock(&f).unwrap();
    f
}

#[test]
fn a_held_lock_times_out_with_exit_3_and_changes_nothing() {
    let d = tmp();
    keygen(d.path(), "ks.p12", &["--kid", "k1"]);
    let before = fs::read(d.path().join("ks.p12")).unwrap();
    let held = hold_lock(&d.path().join("ks.p12"));

    let started = Instant::now();
    let err = fails(
        pkjwt(d.path())
            .env("PKJWT_LOCK_TIMEOUT", "0.3")
            .args(["keygen", "-k", "ks.p12", "--kid", "k2"]),
        3,
    );
    assert!(started.elapsed() < Duration::from_secs(60));
    assert!(
        err.contains("ks.p12 is being written by another pkjwt process"),
        "{err}"
    );
    assert!(err.contains("after 0.3 s"), "{err}");
    assert!(err.contains(".ks.p12.lock"), "{err}");
    assert!(err.contains("PKJWT_LOCK_TIMEOUT"), "{err}");
    assert_eq!(fs::read(d.path().join("ks.p12")).unwrap(), before);
    let err = fails(
        pkjwt(d.path())
            .env("PKJWT_LOCK_TIMEOUT", "0")
            .args(["keys", "remove", "-k", "ks.p12", "--kid", "k1"]),
        3,
    );
    assert!(err.contains("gave up waiting for its lock"), "{err}");

    // profiles.toml likewise.
    let config = d.path().join("config");
    fs::create_dir(&config).unwrap();
    let held_profiles = hold_lock(&config.join("profiles.toml"));
    let err = fails(
        pkjwt(d.path()).env("PKJWT_LOCK_TIMEOUT", "0.2").args([
            "profile",
            "add",
            "p",
            "--client-id",
            "c",
            "-k",
            "ks.p12",
            "--token-endpoint",
            "https://as.example/token",
        ]),
        3,
    );
    assert!(err.contains("profiles.toml is being written"), "{err}");
    assert!(!config.join("profiles.toml").exists());

    // A bad setting is refused, not ignored.
    let err = fails(
        pkjwt(d.path())
            .env("PKJWT_LOCK_TIMEOUT", "soon")
            .args(["keygen", "-k", "ks.p12", "--kid", "k2"]),
        3,
    );
    assert!(err.contains("PKJWT_LOCK_TIMEOUT=\"soon\""), "{err}");

    // A writer waits for the lock while it is held, and goes on when it is released.
    let child = raw(d.path())
        .env("PKJWT_ITERATIONS", "100000")
        .args(["keygen", "-k", "ks.p12", "--kid", "k2"])
        .spawn()
        .unwrap();
    // It waits once it has the lock file open (we hold the lock): seen in
    // its open files (Linux /proc, where the suite runs).
    let fds = format!("/proc/{}/fd", child.id());
    wait_until(
        "the writer to wait for the lock",
        Duration::from_secs(60),
        || {
            fs::read_dir(&fds)
                .into_iter()
                .flatten()
                .flatten()
                .any(|e| fs::read_link(e.path()).is_ok_and(|t| t.ends_with(".ks.p12.lock")))
        },
    );
    drop(held);
    drop(held_profiles);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let l = json(pkjwt(d.path()).args(["--json", "keys", "list", "-k", "ks.p12"]));
    assert_eq!(l["keys"].as_array().unwrap().len(), 2);
}

/// A file written an hour ago: what a killed writer leaves behind.
fn write_old(path: &Path) {
    fs::write(path, "partial").unwrap();
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
}

#[test]
fn the_next_writer_removes_temporary_files_a_killed_writer_left() {
    let d = tmp();
    keygen(d.path(), "ks.p12", &[]);
    let stale = [
        ".ks.p12.pkjwt-0123456789ab.tmp",
        ".ks.p12.pkjwt-ffffffffffff.tmp",
    ];
    // Not pkjwt's temporary files for this keystore: kept.
    let others = [
        ".other.p12.pkjwt-0123456789ab.tmp",
        ".ks.p12.pkjwt-notours.tmp",
        "ks.p12.pkjwt-0123456789ab.tmp",
        "notes.tmp",
    ];
    for f in stale.iter().chain(&others) {
        write_old(&d.path().join(f));
    }
    // A temporary file that a writer without the lock may still rename: kept.
    let fresh = d.path().join(".ks.p12.pkjwt-aaaaaaaaaaaa.tmp");
    fs::write(&fresh, "in flight").unwrap();
    keygen(d.path(), "ks.p12", &[]);
    for f in stale {
        assert!(!d.path().join(f).exists(), "{f} was left");
    }
    for f in others {
        assert!(d.path().join(f).exists(), "{f} was removed");
    }
    assert!(fresh.exists(), "a fresh temporary file was removed");

    // profiles.toml's too.
    let config = d.path().join("config");
    fs::create_dir(&config).unwrap();
    let stale = config.join(".profiles.toml.pkjwt-00000000abcd.tmp");
    write_old(&stale);
    pkjwt(d.path())
        .args(["profile", "add", "p", "--client-id", "c", "-k", "ks.p12"])
        .args(["--token-endpoint", "https://as.example/token"])
        .assert()
        .success();
    assert!(!stale.exists());
}
