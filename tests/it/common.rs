//! Shared helpers: a pkjwt command isolated from the user's environment.

use std::path::Path;
use std::process::Command as StdCommand;
use std::time::Duration;

use assert_cmd::Command;

pub const PW: &str = "correct horse battery staple";

/// `pkjwt` as a plain process, with a clean environment, the test password
/// in the environment and 100,000 iterations (fast, and above the warning
/// threshold): for tests that run several at once.
pub fn pkjwt_std(dir: &Path) -> StdCommand {
    let mut c = StdCommand::new(assert_cmd::cargo::cargo_bin("pkjwt"));
    c.current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        .env("PKJWT_CONFIG_DIR", dir.join("config"))
        .env("PKJWT_KEYSTORE_PASSWORD", PW)
        .env("PKJWT_ITERATIONS", "100000");
    c
}

/// The same as an assert_cmd command, with a timeout so that a hang fails
/// the test instead of blocking it.
pub fn pkjwt(dir: &Path) -> Command {
    let mut c = Command::from_std(pkjwt_std(dir));
    c.timeout(Duration::from_secs(120));
    c
}

/// The same without any password source.
pub fn pkjwt_no_password(dir: &Path) -> Command {
    let mut c = pkjwt(dir);
    c.env_remove("PKJWT_KEYSTORE_PASSWORD");
    c
}

pub fn tmp() -> tempfile::TempDir {
    crate::keycloak_server::warm_up();
    tempfile::tempdir().expect("tempdir")
}

/// stdout of a successful command, as JSON.
pub fn json(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out)))
}

/// stdout of a successful command, as text.
pub fn stdout(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().stdout.clone();
    String::from_utf8_lossy(&out).into_owned()
}

/// Generate a keystore entry and return its JSON description.
pub fn keygen(dir: &Path, ks: &str, extra: &[&str]) -> serde_json::Value {
    let mut c = pkjwt(dir);
    c.args(["--json", "keygen", "--keystore", ks]).args(extra);
    json(&mut c)
}

/// Run an external tool; panic with its output when it fails.
pub fn run(dir: &Path, program: &str, args: &[&str]) -> String {
    let out = StdCommand::new(program)
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} is needed for this test: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The stderr of a failed command, checked for its exit code.
pub fn fails(cmd: &mut Command, code: i32) -> String {
    let out = cmd.assert().code(code).get_output().clone();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(err.contains("pkjwt: error:"), "no error line: {err}");
    assert!(!err.contains("panicked"), "panic: {err}");
    err
}

/// A private CA (`ca.pem`) and a server certificate for 127.0.0.1
/// (`srv.pem`, `srv.key`) in `p`.
pub fn pki(p: &Path) {
    let ossl = |args: &[&str]| run(p, "openssl", args);
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
    ];
    ossl(
        &[
            &["req", "-x509", "-new"][..],
            &ec,
            &[
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-subj",
                "/CN=Test CA",
                "-days",
                "2",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign",
            ],
        ]
        .concat(),
    );
    ossl(
        &[
            &["req", "-new"][..],
            &ec,
            &[
                "-keyout",
                "srv.key",
                "-out",
                "srv.csr",
                "-subj",
                "/CN=127.0.0.1",
            ],
        ]
        .concat(),
    );
    std::fs::write(
        p.join("ext.cnf"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    ossl(&[
        "x509",
        "-req",
        "-in",
        "srv.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "srv.pem",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
    ]);
}

/// Wait until `done()` holds, checking every 50 ms, for at most `deadline`
/// (generous: the deadline is for a hang, not a measure of speed); panics
/// naming `what` when it passes. Tests wait for the event, never a guess.
pub fn wait_until(what: &str, deadline: Duration, mut done: impl FnMut() -> bool) {
    let until = std::time::Instant::now() + deadline;
    while !done() {
        assert!(
            std::time::Instant::now() < until,
            "waited {deadline:?} for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Seconds since the epoch on this machine's clock.
pub fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// Wait until the clock's second is later than `second` (from
/// [`now_secs`]): for names and timestamps pkjwt makes with one-second
/// resolution, which must differ from earlier ones.
pub fn wait_past_second(second: u64) {
    wait_until("the next second", Duration::from_secs(5), || {
        now_secs() > second
    });
}

/// Move profile `name`'s creation time (in `dir`'s profiles.toml) `secs`
/// seconds back, as if it had been made then: for tests of keys made after
/// a profile, without waiting for the clock.
pub fn backdate_profile(dir: &Path, name: &str, secs: i64) {
    use time::format_description::well_known::Rfc3339;
    let path = dir.join("config/profiles.toml");
    let mut doc: toml::Table = std::fs::read_to_string(&path).unwrap().parse().unwrap();
    let created = doc["profiles"][name]["created"].as_str().unwrap();
    let then =
        time::OffsetDateTime::parse(created, &Rfc3339).unwrap() - time::Duration::seconds(secs);
    doc["profiles"][name]["created"] = toml::Value::String(then.format(&Rfc3339).unwrap());
    std::fs::write(&path, toml::to_string(&doc).unwrap()).unwrap();
}

/// `pkjwt --json audit ARGS` that exits `code`: its report.
pub fn audit(dir: &Path, args: &[&str], code: i32) -> serde_json::Value {
    let out = pkjwt(dir)
        .args(["--json", "audit"])
        .args(args)
        .assert()
        .code(code)
        .get_output()
        .clone();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON report ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// stdout of a command, whatever its exit code.
pub fn stdout_any(cmd: &mut Command) -> String {
    let out = cmd.output().expect("the command runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}
