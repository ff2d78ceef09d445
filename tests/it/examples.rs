//! The programs in examples/ against the real test server, and the
//! blocking library called from an async service (tokio, spawn_blocking).
//! scripts/test builds the examples first (`cargo build --examples`:
//! `cargo test` builds them as test harnesses, which run no `main`); a run
//! without them skips with a note, except in CI.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;
use crate::server::TestServer;

/// The built example `name`, beside this test binary's directory.
fn example(name: &str) -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let debug = exe.parent()?.parent()?;
    let path = debug.join("examples").join(name);
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is not built: scripts/test runs `cargo build --examples` first",
        path.display()
    );
    eprintln!(
        "skipping: {} is not built (`cargo build --examples` builds it)",
        path.display()
    );
    None
}

fn run_example(dir: &Path, path: &Path, args: &[&str]) -> String {
    let out = Command::new(path)
        .current_dir(dir)
        .env_clear()
        .env("KEYSTORE_PASSWORD", PW)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{} {args:?}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn registered(p: &Path, srv: &TestServer) -> String {
    keygen(p, "ks.p12", &["--kid", "first"]);
    let v = srv.register(&mut pkjwt(p), "ks.p12", "ex", &[]);
    v["client_id"].as_str().unwrap().to_string()
}

#[test]
fn the_examples_mint_get_a_token_and_rotate() {
    let (Some(mint), Some(token), Some(rotate)) = (
        example("mint_assertion"),
        example("get_token"),
        example("rotate_key"),
    ) else {
        return;
    };
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    let client_id = registered(p, &srv);
    let token_endpoint = format!("{}/token", srv.issuer);

    let jwt = run_example(p, &mint, &["ks.p12", &client_id, &token_endpoint]);
    let v = json(pkjwt(p).args(["--json", "inspect", jwt.trim()]));
    assert_eq!(v["claims"]["iss"], client_id.as_str(), "{v}");
    assert_eq!(v["claims"]["aud"], token_endpoint.as_str(), "{v}");
    assert_eq!(v["header"]["kid"], "first", "{v}");

    let body = run_example(p, &token, &["ks.p12", &client_id, &srv.issuer, "api:read"]);
    let t: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(t["token_type"], "Bearer", "{t}");
    assert!(t["access_token"].is_string(), "{t}");

    let config = p.join("config");
    let out = run_example(p, &rotate, &[config.to_str().unwrap(), "ex"]);
    let signs = out
        .lines()
        .last()
        .unwrap()
        .trim_start_matches("signs with ");
    assert_ne!(signs, "first", "{out}");
    assert!(!out.contains("first"), "the old key is removed: {out}");
    // The profile signs with the new key, and the server takes it.
    let t = json(pkjwt(p).args(["--json", "token", "-p", "ex", "--scope", "api:read"]));
    assert_eq!(t["token_type"], "Bearer", "{t}");
}

/// An async service calls the blocking client through spawn_blocking.
#[test]
fn the_library_works_from_a_tokio_runtime_through_spawn_blocking() {
    use pkjwt::keystore::open::{open, FixedSecret, OpenOptions};
    use pkjwt::oauth::http::{Http, HttpOptions};
    use pkjwt::progress::Silent;
    use pkjwt::secret::Password;
    use pkjwt::session::{ClientSettings, Session};

    let d = tmp();
    let p = d.path().to_path_buf();
    let srv = TestServer::start(&[]);
    let client_id = registered(&p, &srv);
    let issuer = srv.issuer.clone();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let issued = rt.block_on(async move {
        tokio::task::spawn_blocking(move || {
            let ks = p.join("ks.p12");
            let opened = open(
                &OpenOptions::new(&ks),
                &FixedSecret(Password::new(PW.into())),
            )
            .unwrap();
            let mut settings = ClientSettings::default();
            settings.issuer = Some(issuer);
            let mut s = Session::resolve(
                &settings,
                None,
                None,
                client_id,
                opened.keystore,
                ks,
                &Silent,
            )
            .unwrap();
            let http = Http::new(&HttpOptions::default()).unwrap();
            s.verify(&http, Some("api:read")).unwrap()
        })
        .await
        .unwrap()
    });
    assert!(issued.issued(), "{issued:?}");
}

/// A service runs the doctor as a library call: a key the server never
/// registered is found by probing, and each probe is a progress step.
#[test]
fn the_doctor_runs_as_a_library_call() {
    use pkjwt::doctor::{self, DoctorOptions};
    use pkjwt::keystore::open::{open, FixedSecret, OpenOptions};
    use pkjwt::oauth::http::{Http, HttpOptions};
    use pkjwt::progress::Collect;
    use pkjwt::secret::Password;
    use pkjwt::session::{ClientSettings, Session};

    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    let client_id = registered(p, &srv);
    keygen(p, "ks.p12", &["--kid", "stranger"]);
    let ks = p.join("ks.p12");
    let opened = open(
        &OpenOptions::new(&ks),
        &FixedSecret(Password::new(PW.into())),
    )
    .unwrap();
    let mut settings = ClientSettings::default();
    settings.issuer = Some(srv.issuer.clone());
    settings.kid = Some("stranger".into());
    let progress = Collect::default();
    let mut s = Session::resolve(
        &settings,
        None,
        None,
        client_id,
        opened.keystore,
        ks,
        &progress,
    )
    .unwrap();
    let http = Http::new(&HttpOptions::default()).unwrap();
    let mut options = DoctorOptions::new();
    options.scope = Some("api:read".into());
    let report = doctor::run(
        &mut s,
        &http,
        &options,
        &mut |_| unreachable!("nothing is saved without a profile"),
        &progress,
    )
    .unwrap();
    assert!(report.failed > 0);
    let fix = report.fix.as_ref().expect("a fix");
    assert!(fix.verified, "{}", report.to_json());
    assert_eq!(report.to_json()["fix"]["changes"]["kid"], "first");
    let steps = progress.of("step");
    assert!(
        steps
            .iter()
            .any(|s| s.starts_with("probe ") && s.contains("key first") && s.contains("accepted")),
        "{steps:?}"
    );
}
