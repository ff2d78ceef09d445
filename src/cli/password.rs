//! Where passwords come from: a file, stdin, an environment variable, or a
//! prompt on a terminal. Never from an argument value.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::Args;

use super::Ui;
use crate::cli::error::CliError as Error;
use crate::input::{self, Source, SECRET_LIMIT};
use crate::keystore::open::{SecretFor, SecretSource};
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
    /// The PKCS#11 library (.so) for a --keystore pkcs11:token=NAME;object=LABEL URI (the PIN comes from the password options). It wins over the URI: a URI whose ?module-path= names another library is refused, and a URI's module-path is loaded only when neither this option nor PKJWT_PKCS11_MODULE names one
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

/// The shortest new keystore password accepted (without
/// `--allow-weak-password`).
pub const MIN_NEW_PASSWORD: usize = 8;
/// Below this length a new password gets a warning.
pub const GOOD_NEW_PASSWORD: usize = 12;
/// How many times a terminal user may type an existing keystore's password.
pub const PROMPT_ATTEMPTS: u32 = 3;

/// Judge a new keystore password: refuse one under [`MIN_NEW_PASSWORD`]
/// characters (unless `allow_weak`), warn under [`GOOD_NEW_PASSWORD`] or
/// when zxcvbn scores it under 3 of 4 (a common password, a keyboard
/// pattern, a word with digits).
pub fn check_new(ui: &Ui, pw: &Password, allow_weak: bool) -> Result<(), Error> {
    let text = pw.expose();
    let n = text.chars().count();
    if n < MIN_NEW_PASSWORD {
        if !allow_weak {
            return Err(Error::input(
                format!(
                    "the new keystore password has {n} characters; pkjwt takes {MIN_NEW_PASSWORD} or more"
                ),
                Some(format!(
                    "choose a longer one ({GOOD_NEW_PASSWORD} or more, e.g. four random words); \
                     --allow-weak-password (env PKJWT_ALLOW_WEAK_PASSWORD) takes it anyway, for tests"
                )),
            ));
        }
        ui.warn(format!(
            "a {n}-character keystore password (--allow-weak-password): anyone with the file can guess it"
        ));
        return Ok(());
    }
    let estimate = zxcvbn::zxcvbn(text, &["pkjwt", "keystore", "password"]);
    let score = u8::from(estimate.score());
    let why = estimate
        .feedback()
        .and_then(|f| f.warning())
        .map(|w| format!(": {w}"))
        .unwrap_or_default();
    if score < 3 {
        ui.warn(format!(
            "the new keystore password is easy to guess (zxcvbn score {score} of 4{why}); \
             anyone with the file can test guesses offline"
        ));
    } else if n < GOOD_NEW_PASSWORD {
        ui.warn(format!(
            "the new keystore password has {n} characters; {GOOD_NEW_PASSWORD} or more resist offline guessing better"
        ));
    }
    Ok(())
}

/// Is the variable `name` set? Its value (a password) is copied to find
/// out, and that copy is wiped.
fn env_set(name: &str) -> bool {
    use zeroize::Zeroize;
    std::env::var_os(name)
        .map(|v| v.into_encoded_bytes().zeroize())
        .is_some()
}

/// Is the password going to be typed at a prompt (no other source)?
fn prompting(src: &Sources<'_>) -> bool {
    src.file.is_none() && !src.stdin && !env_set(src.env) && std::io::stdin().is_terminal()
}

/// The command line's [`SecretSource`]: the password options of a
/// command, for a keystore file and for a token's PIN. A typed password
/// may be typed again after a wrong one, up to [`PROMPT_ATTEMPTS`] times.
pub struct CliSecrets<'a> {
    pub args: &'a PasswordArgs,
}

impl CliSecrets<'_> {
    fn sources(&self, what: SecretFor<'_>) -> Sources<'_> {
        match what {
            SecretFor::Keystore(p) | SecretFor::NewKeystore(p) => self.args.sources(p),
            SecretFor::TokenPin(label) => Sources {
                file: self.args.password_file.as_deref(),
                stdin: self.args.password_stdin,
                env: KEYSTORE_ENV,
                purpose: format!("the PKCS#11 token {label:?} (its user PIN)"),
                options: format!(
                    "give the PIN with --password-file FILE, --password-stdin, or the {KEYSTORE_ENV} environment variable"
                ),
            },
        }
    }
}

pub use super::error::boxed;

/// One password's sources as a [`SecretSource`].
struct Given<'s, 'a>(&'s Sources<'a>);

impl SecretSource for Given<'_, '_> {
    fn secret(&self, what: SecretFor<'_>, attempt: u32) -> Result<Password, crate::Error> {
        if attempt > 1 {
            eprintln!(
                "wrong password for {}; try again ({} left)",
                match what {
                    SecretFor::Keystore(p) | SecretFor::NewKeystore(p) => p.display().to_string(),
                    other => other.to_string(),
                },
                PROMPT_ATTEMPTS + 1 - attempt
            );
        }
        get(self.0, matches!(what, SecretFor::NewKeystore(_))).map_err(boxed)
    }

    fn attempts(&self) -> u32 {
        // Only a person at a prompt types something else the next time.
        if prompting(self.0) {
            PROMPT_ATTEMPTS
        } else {
            1
        }
    }
}

impl SecretSource for CliSecrets<'_> {
    fn secret(&self, what: SecretFor<'_>, attempt: u32) -> Result<Password, crate::Error> {
        Given(&self.sources(what)).secret(what, attempt)
    }

    fn attempts(&self) -> u32 {
        Given(&self.sources(SecretFor::Keystore(Path::new("")))).attempts()
    }
}

/// Get an existing file's password from `src` and `open` the file with
/// it. When the password is typed at a prompt, a wrong one is asked again,
/// up to [`PROMPT_ATTEMPTS`] times in all. (`agent start` uses it, on Unix.)
#[cfg_attr(not(unix), allow(dead_code))]
pub fn unlock<T>(
    src: &Sources<'_>,
    path: &Path,
    open: impl FnMut(&Password) -> Result<T, crate::Error>,
) -> Result<(T, Password), Error> {
    Ok(crate::keystore::open::unlock(
        SecretFor::Keystore(path),
        &Given(src),
        open,
    )?)
}
