//! Rotate a registered client's key (the whole cycle: next, promote,
//! retire, remove), showing progress, the way `pkjwt rotate` does.
//!
//!   KEYSTORE_PASSWORD=... cargo run --example rotate_key -- ~/.config/pkjwt my-profile
//!
//! The profile (made by `pkjwt register`) says where the keystore is and
//! how the registration gets its keys. Steps and waits are printed to
//! stderr with the time since the start; the report goes to stdout.

use std::time::{Duration, Instant};

use pkjwt::keystore::open::{open, FixedSecret, OpenOptions};
use pkjwt::oauth::http::Http;
use pkjwt::progress::Progress;
use pkjwt::rotation::{self, RotateOptions};
use pkjwt::secret::Password;

/// Progress as a log: one line per message, with the seconds since the start.
struct Log(Instant);

impl Log {
    fn line(&self, kind: &str, text: &str) {
        eprintln!("[{:>7.2} s] {kind}: {text}", self.0.elapsed().as_secs_f64());
    }
}

impl Progress for Log {
    fn note(&self, text: &str) {
        self.line("note", text);
    }
    fn warn(&self, text: &str) {
        self.line("warning", text);
    }
    fn waiting(&self, what: &str, left: Duration, total: Duration) {
        if left == total {
            self.line("wait", &format!("{} s for {what}", total.as_secs()));
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [config_dir, profile] = args.as_slice() else {
        return Err("usage: rotate_key CONFIG_DIR PROFILE (password in KEYSTORE_PASSWORD)".into());
    };
    let log = Log(Instant::now());
    let mut options = RotateOptions::new(config_dir, profile.clone());
    options.grace = Duration::ZERO;
    // The profile names the keystore; check the options before unlocking it.
    let prof = rotation::check(&options)?;
    let password = Password::new(std::env::var("KEYSTORE_PASSWORD")?);
    let opened = open(&OpenOptions::new(&prof.keystore), &FixedSecret(password))?;
    let http = Http::builder().timeout(Duration::from_secs(10)).build()?;
    let report = rotation::rotate(&options, opened, http, &log)?;
    for (kid, alg, state) in &report.keys {
        println!("{kid} {alg} {}", state.as_str());
    }
    println!(
        "signs with {}",
        report.signing_kid.as_deref().unwrap_or("-")
    );
    report.result?;
    Ok(())
}
