//! Where passwords come from: a file, stdin, an environment variable, or a
//! prompt on a terminal. Never from an argument value.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::Args;

use crate::cli::error::CliError as Error;
use crate::input::{self, Source, SECRET_LIMIT};
use crate::secret::Password;

/// The keystore password options.
#[derive(Args, Debug, Clone, Default)]
pub struct PasswordArgs {
    /// Read the keystore password from the first line of FILE
    #[arg(
        long,
        value_name = "FILE",
        env = "PKJWT_KEYSTORE_PASSWORD_FILE",
        conflicts_with = "password_stdin"
    )]
    pub password_file: Option<PathBuf>,
    /// Read the keystore password from the first line of standard input
    #[arg(long)]
    pub password_stdin: bool,
    /// The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options)
    #[arg(long, value_name = "FILE", env = "PKJWT_PKCS11_MODULE")]
    pub pkcs11_module: Option<PathBuf>,
}

pub const KEYSTORE_ENV: &str = "PKJWT_KEYSTORE_PASSWORD";
pub const IMPORT_ENV: &str = "PKJWT_IMPORT_PASSWORD";

/// Where one password may come from, in order of precedence.
pub struct Sources<'a> {
    pub file: Option<&'a Path>,
    pub stdin: bool,
    pub env: &'static str,
    /// What the password opens, for prompts and errors ("the keystore client.p12").
    pub purpose: String,
    /// The options to name when there is no source.
    pub options: String,
}

impl PasswordArgs {
    pub fn sources(&self, keystore: &Path) -> Sources<'_> {
        Sources {
            file: self.password_file.as_deref(),
            stdin: self.password_stdin,
            env: KEYSTORE_ENV,
            purpose: format!("the keystore {}", keystore.display()),
            options: format!(
                "give the password with --password-file FILE, --password-stdin, or the {KEYSTORE_ENV} environment variable"
            ),
        }
    }
}

/// Get the password. `new` asks twice on a prompt and refuses an empty password.
pub fn get(src: &Sources<'_>, new: bool) -> Result<Password, Error> {
    let pw = if let Some(path) = src.file {
        let mut line = input::first_line(Source::File(path), "the password", SECRET_LIMIT)?;
        Password::new(std::mem::take(&mut *line))
    } else if src.stdin {
        let mut line = input::first_line(Source::Stdin, "the password", SECRET_LIMIT)?;
        Password::new(std::mem::take(&mut *line))
    } else if let Some(v) = std::env::var_os(src.env) {
        let s = v
            .into_string()
            .map_err(|_| Error::input(format!("{} is not valid UTF-8", src.env), None))?;
        Password::new(s)
    } else if std::io::stdin().is_terminal() {
        prompt(src, new)?
    } else {
        return Err(Error::NoPassword {
            purpose: src.purpose.clone(),
            options: src.options.clone(),
        });
    };
    if new && pw.expose().is_empty() {
        return Err(Error::input(
            format!("the password for {} is empty", src.purpose),
            Some("a keystore needs a password; choose a non-empty one".into()),
        ));
    }
    Ok(pw)
}

fn prompt(src: &Sources<'_>, new: bool) -> Result<Password, Error> {
    let ask = |label: &str| -> Result<Password, Error> {
        rpassword::prompt_password(label)
            .map(Password::new)
            .map_err(|source| {
                Error::Lib(crate::Error::Io {
                    op: "prompt for a password on",
                    path: PathBuf::from("/dev/tty"),
                    source,
                })
            })
    };
    if new {
        let first = ask(&format!("New password for {}: ", src.purpose))?;
        let second = ask("Repeat the password: ")?;
        if !first.ct_eq(&second) {
            return Err(Error::input(
                "the two passwords differ",
                Some("run the command again".to_string()),
            ));
        }
        Ok(first)
    } else {
        ask(&format!("Password for {}: ", src.purpose))
    }
}
