//! The committed completions and man page must match the CLI.
//! Refresh them with `PKJWT_BLESS=1 cargo test --test it generated`.

use std::fs;
use std::path::PathBuf;

use clap_complete::Shell;

fn check(rel: &str, want: Vec<u8>) -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel);
    if std::env::var_os("PKJWT_BLESS").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, &want).unwrap();
        return None;
    }
    match fs::read(&path) {
        Ok(have) if have == want => None,
        _ => Some(rel.to_string()),
    }
}

#[test]
fn completions_and_man_page_are_up_to_date() {
    let mut stale = Vec::new();
    for (shell, file) in [
        (Shell::Bash, "completions/pkjwt.bash"),
        (Shell::Zsh, "completions/_pkjwt"),
        (Shell::Fish, "completions/pkjwt.fish"),
        (Shell::PowerShell, "completions/_pkjwt.ps1"),
        (Shell::Elvish, "completions/pkjwt.elv"),
    ] {
        stale.extend(check(file, pkjwt::cli::completions::script(shell)));
    }
    stale.extend(check("docs/pkjwt.1", pkjwt::cli::man_page()));
    assert!(
        stale.is_empty(),
        "stale generated files: {stale:?}; run `PKJWT_BLESS=1 cargo test --test it generated` and commit"
    );
}

#[test]
fn every_shell_completion_generates_and_names_the_commands() {
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::PowerShell,
        Shell::Elvish,
    ] {
        let s = String::from_utf8(pkjwt::cli::completions::script(shell)).unwrap();
        for cmd in ["keygen", "keys", "jwks", "completions"] {
            assert!(s.contains(cmd), "{shell}: {cmd} missing");
        }
    }
}
