//! The command-line interface: clap definitions, one file per subcommand,
//! and the only code that prompts, prints and picks exit codes.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::cli::error::exit;
use crate::cli::error::CliError as Error;

mod agent;
mod assertion;
mod assertion_given;
mod audit;
mod cache;
mod call;
mod client;
pub mod completions;
mod discover;
mod doctor;
mod dpop;
pub mod error;
mod expiry;
mod explain;
mod git_credential;
mod inspect;
mod jwks;
mod keygen;
mod keys;
mod login;
mod migrate;
mod password;
mod presets;
mod probe;
mod profile;
mod progress;
mod register;
mod rotate;
mod serve;
mod store;
mod token;
mod token_args;
mod token_out;

pub use password::PasswordArgs;

const EXIT_STATUS: &str = "\
Exit status:
  0  success
  1  internal error (a bug in pkjwt)
  2  usage error: unknown option, missing or invalid argument
  3  input or configuration error: missing or unwritable file, unknown or
     duplicate kid, a key already in the keystore, no password source, a new
     password that is empty or under 8 characters, a file
     that already exists, stdin or a secret, token or JWT file over its size
     limit, another pkjwt holding the file's lock past PKJWT_LOCK_TIMEOUT,
     a bad PKCS#11 URI, no or an unloadable PKCS#11 module, an unknown token,
     a label already on the token, a write to a token, a token URI rotate
     cannot rotate (id=, or a --kid its object does not select), `agent
     status|stop` with no agent answering, a plain http endpoint (not
     loopback) given or saved for an https issuer
  4  keystore or key error: not a PKCS#12 file, truncated or damaged file,
     unsupported key type or protection, a keystore or key file over one of
     pkjwt's limits (docs/keystores.md), a token that refuses an operation
     (locked PIN, missing mechanism), an agent that refuses or cannot sign
  5  wrong password (for the keystore, or for the file being imported) or
     wrong token PIN
  6  network or TLS failure: connection refused, DNS, TLS, timeout
  7  the server refused the request or answered badly: an OAuth error
     (error, error_description), an HTTP error status, an HTML, non-JSON,
     truncated or oversized body, a token response without a usable
     access_token or token_type, a redirect on POST, metadata naming
     another issuer, an https server's metadata or redirect naming a plain
     http URL on a host that is not loopback (nothing is sent to it)
  8  inspect found an error in the assertion, doctor a failed check, or
     keys check a certificate expiring within the window
  9  audit: the server accepted a case at or above --fail-on (default high)
     that it must refuse
 10  login did not complete: no authorization response before --timeout,
     a response or ID token that failed a check (state, iss, signature,
     nonce, ...), or a refusal such as access_denied
 22  `call --fail` got an HTTP status of 400 or more";

const ENVIRONMENT: &str = "\
Environment:
  PKJWT_KEYSTORE                 default for --keystore
  PKJWT_KEYSTORE_PASSWORD        the keystore password (the CI route)
  PKJWT_KEYSTORE_PASSWORD_FILE   default for --password-file
  PKJWT_IMPORT_PASSWORD          password of the file given to `keys import --from`
  PKJWT_PKCS11_MODULE            default for --pkcs11-module (pkcs11: keystores)
  PKJWT_AGENT_SOCK               the agent's socket, set by `pkjwt agent start`
  PKJWT_AGENT_PID                the agent's process id, set by `pkjwt agent start`
  PKJWT_AGENT_TTL                default for `agent start --ttl`
  PKJWT_ITERATIONS               default for --iterations
  PKJWT_ALLOW_WEAK_PASSWORD      1: take a new keystore password under 8 characters (tests)
  PKJWT_LOCK_TIMEOUT             seconds to wait for another pkjwt writing the same file
                                 (default 30; fractions allowed; 0 tries once; then exit 3)
  PKJWT_CONFIG_DIR               default for --config-dir
  PKJWT_PROFILE                  default for --profile
  PKJWT_ISSUER                   default for --issuer
  PKJWT_CLIENT_ID                default for --client-id
  PKJWT_KID                      default for --kid
  PKJWT_TOKEN_ENDPOINT           default for --token-endpoint
  PKJWT_AUD                      default for --aud
  PKJWT_LIFETIME                 default for --lifetime
  PKJWT_CLOCK_OFFSET             default for --clock-offset
  PKJWT_SCOPE                    default for `token --scope` (and doctor's, audit's, login's)
  PKJWT_LOGIN_TIMEOUT            default for `login --timeout`
  PKJWT_LOGIN_PORT               default for `login --port`
  PKJWT_REDIRECT_URI             default for `login --redirect-uri`
  BROWSER                        the browser `login` opens (%s is the URL)
  PKJWT_AUDIT_RULES              default for `audit --rules`
  PKJWT_AUDIT_CASES              default for `audit --cases`
  PKJWT_AUDIT_FAIL_ON            default for `audit --fail-on`
  PKJWT_AUDIT_DELAY              default for `audit --delay`
  PKJWT_AUDIT_JUNIT              default for `audit --junit`
  PKJWT_AUDIT_YES                1: `audit --yes`
  PKJWT_RETRY                    default for `token --retry`
  PKJWT_TOKEN_CACHE              1: `token --cache` (reuse a token until --min-ttl is left)
  PKJWT_TOKEN_MIN_TTL            default for `token --min-ttl`
  PKJWT_TOKEN_FORMAT             default for `token --format`
  PKJWT_CACHE_DIR                the token cache directory (default ~/.cache/pkjwt/tokens)
  PKJWT_CLIENT_ASSERTION_FILE    default for `token --client-assertion-file`
  PKJWT_CALL_FAIL                1: `call --fail`
  PKJWT_GIT_USERNAME             default for `git-credential --username`
  PKJWT_TIMEOUT                  default for --timeout
  PKJWT_CACERT                   default for --cacert
  PKJWT_INITIAL_ACCESS_TOKEN     initial access token for `register`
  PKJWT_JWKS_OUT                 default for `rotate --jwks-out`
  PKJWT_LISTEN                   default for `serve-jwks --listen`
  HTTPS_PROXY, HTTP_PROXY, NO_PROXY   proxies
  NO_COLOR                       disable colour when set to any value";

/// private_key_jwt client authentication (RFC 7523) made as easy as a client secret.
#[derive(Parser, Debug)]
#[command(
    name = "pkjwt",
    version,
    about = "private_key_jwt client authentication (RFC 7523) made as easy as a client secret",
    long_about = "pkjwt generates and keeps the key pair of an OAuth 2.0 / OpenID Connect client in a \
password-protected PKCS#12 keystore and publishes its public JWKS, so the client can authenticate \
with private_key_jwt instead of a client secret. One crypto backend, aws-lc-rs (AWS-LC, linked \
statically), generates the keys, signs assertions and certificates, verifies signatures and runs TLS.",
    after_help = "Start with `pkjwt keygen --keystore client.p12`, then `pkjwt jwks --keystore client.p12`.",
    after_long_help = concat!(
        "Examples:\n",
        "  pkjwt keygen --keystore client.p12\n",
        "  pkjwt keys list --keystore client.p12\n",
        "  pkjwt jwks --keystore client.p12 --out jwks.json\n",
        "  pkjwt register --issuer https://as.example --keystore client.p12 --profile prod\n",
        "  pkjwt token --profile prod --scope api:read\n\n",
        "Exit status:\n",
        "  0 success, 1 internal error, 2 usage, 3 input or configuration,\n",
        "  4 keystore or key, 5 wrong password, 6 network or TLS,\n",
        "  7 server refused or answered badly, 8 inspect/doctor/keys check found errors\n",
        "  (or register --verify / migrate could not get a token), 9 audit found a server\n",
        "  accepting what it must refuse, 10 login did not complete\n",
        "  (see man pkjwt or docs/commands.md)\n\n",
        "Environment: every option CI sets has a PKJWT_* variable (see man pkjwt or docs/commands.md);\n",
        "PKJWT_KEYSTORE_PASSWORD is the CI route for the keystore password. NO_COLOR is honoured."
    )
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Args, Debug, Clone)]
pub struct GlobalArgs {
    /// Print results as JSON on stdout (stable field names)
    #[arg(long, global = true)]
    pub json: bool,
    /// Say more on stderr (repeat for more)
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// Print only results and errors
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Directory for pkjwt's configuration [default: the platform's config dir, e.g. ~/.config/pkjwt]
    #[arg(long, global = true, value_name = "DIR", env = "PKJWT_CONFIG_DIR")]
    pub config_dir: Option<PathBuf>,
    /// When to use colour on stderr
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
// Each subcommand's arguments are built only when it runs (start-up).
#[command(defer = true)]
pub enum Command {
    Keygen(keygen::KeygenArgs),
    #[command(subcommand)]
    Keys(keys::KeysCommand),
    Jwks(jwks::JwksArgs),
    Discover(discover::DiscoverArgs),
    Register(register::RegisterArgs),
    Migrate(migrate::MigrateArgs),
    #[command(subcommand)]
    Profile(profile::ProfileCommand),
    #[command(subcommand)]
    Presets(presets::PresetsCommand),
    Assertion(assertion::AssertionArgs),
    Token(Box<token::TokenArgs>),
    Introspect(token::IntrospectArgs),
    Revoke(token::RevokeArgs),
    Request(token::RequestArgs),
    Login(login::LoginArgs),
    Dpop(dpop::DpopArgs),
    Rotate(rotate::RotateArgs),
    ServeJwks(serve::ServeArgs),
    Inspect(inspect::InspectArgs),
    Doctor(doctor::DoctorArgs),
    Audit(audit::AuditArgs),
    Completions(completions::CompletionsArgs),
    #[command(subcommand)]
    Agent(agent::AgentCommand),
    #[command(subcommand)]
    Cache(cache::CacheCommand),
    Call(Box<call::CallArgs>),
    GitCredential(Box<git_credential::GitCredentialArgs>),
}

/// Output settings, resolved once from the global options.
#[derive(Clone)]
pub struct Ui {
    pub json: bool,
    pub quiet: bool,
    pub verbose: u8,
    color: bool,
}

impl Ui {
    fn new(g: &GlobalArgs) -> Ui {
        let color = match g.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stderr().is_terminal()
            }
        };
        Ui {
            json: g.json,
            quiet: g.quiet,
            verbose: g.verbose,
            color,
        }
    }

    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    /// A note on stderr (suppressed by -q).
    pub fn note(&self, msg: impl AsRef<str>) {
        if !self.quiet {
            eprintln!("{}", crate::text::printable(msg.as_ref()));
        }
    }

    /// A warning on stderr (suppressed by -q).
    pub fn warn(&self, msg: impl AsRef<str>) {
        if !self.quiet {
            eprintln!(
                "{} {}",
                self.paint("1;33", "pkjwt: warning:"),
                crate::text::printable(msg.as_ref())
            );
        }
    }

    /// Whether progress shows as it happens: stderr is a terminal and -q is off.
    pub fn live(&self) -> bool {
        !self.quiet && std::io::stderr().is_terminal()
    }

    /// Verbose detail on stderr, shown with -v.
    pub fn detail(&self, msg: impl AsRef<str>) {
        if self.verbose > 0 {
            eprintln!("{}", self.paint("2", &crate::text::printable(msg.as_ref())));
        }
    }

    /// A result on stdout, control characters but `\n` and `\t` escaped
    /// ([`crate::text::printable`]: the text may come from a server or a file).
    pub fn out(&self, text: impl AsRef<str>) -> Result<(), Error> {
        self.out_exact(&crate::text::printable(text.as_ref()))
    }

    /// Bytes on stdout as they are.
    fn out_exact(&self, text: &str) -> Result<(), Error> {
        let mut stdout = std::io::stdout().lock();
        match stdout
            .write_all(text.as_bytes())
            .and_then(|_| stdout.flush())
        {
            Ok(()) => Ok(()),
            // A closed pipe (`| head`) is not an error worth a message.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            Err(source) => Err(Error::Lib(crate::Error::Io {
                op: "write",
                path: PathBuf::from("<stdout>"),
                source,
            })),
        }
    }

    /// A JSON result on stdout.
    pub fn out_json(&self, v: &serde_json::Value) -> Result<(), Error> {
        let mut s =
            serde_json::to_string_pretty(v).map_err(|e| crate::Error::Internal(e.to_string()))?;
        s.push('\n');
        // JSON escapes control characters in strings: the text stays exact.
        self.out_exact(&s)
    }

    pub fn error(&self, e: &Error) {
        eprintln!(
            "{} {}",
            self.paint("1;31", "pkjwt: error:"),
            crate::text::printable(&e.to_string())
        );
        let mut source = std::error::Error::source(e);
        // Io and Keystore already print their source inline.
        if matches!(
            e,
            Error::Lib(
                crate::Error::Io { .. }
                    | crate::Error::Keystore { .. }
                    | crate::Error::KeyIn { .. }
            )
        ) {
            source = None;
        }
        let top = e.to_string();
        while let Some(s) = source {
            let text = s.to_string();
            if !top.contains(&text) {
                eprintln!("  caused by: {}", crate::text::printable(&text));
            }
            source = s.source();
        }
        if let Some(h) = error::hint(e) {
            eprintln!(
                "{} {}",
                self.paint("1;36", "hint:"),
                crate::text::printable(&h)
            );
        }
    }
}

/// Parse `args` and run the command; the process exit code.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            // --help and --version print to stdout and succeed.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            });
        }
    };
    let ui = Ui::new(&cli.global);
    // Settings the library takes from its caller, not the environment.
    crate::keystore::set_lock_timeout_setting(
        std::env::var(crate::keystore::LOCK_TIMEOUT_ENV).ok(),
    );
    let result = match &cli.command {
        Command::Keygen(a) => keygen::run(&ui, a),
        Command::Keys(c) => keys::run(&ui, c),
        Command::Jwks(a) => jwks::run(&ui, a),
        Command::Discover(a) => discover::run(&ui, a),
        Command::Register(a) => register::run(&ui, &cli.global, a),
        Command::Migrate(a) => migrate::run(&ui, &cli.global, a),
        Command::Profile(c) => profile::run(&ui, &cli.global, c),
        Command::Presets(c) => presets::run(&ui, c),
        Command::Assertion(a) => assertion::run(&ui, &cli.global, a),
        Command::Token(a) => token::token(&ui, &cli.global, a),
        Command::Login(a) => login::run(&ui, &cli.global, a),
        Command::Introspect(a) => token::introspect(&ui, &cli.global, a),
        Command::Revoke(a) => token::revoke(&ui, &cli.global, a),
        Command::Request(a) => token::request(&ui, &cli.global, a),
        Command::Dpop(a) => dpop::run(&ui, &cli.global, a),
        Command::Rotate(a) => rotate::run(&ui, &cli.global, a),
        Command::ServeJwks(a) => serve::run(&ui, a),
        Command::Inspect(a) => inspect::run(&ui, &cli.global, a),
        Command::Doctor(a) => doctor::run(&ui, &cli.global, a),
        Command::Audit(a) => audit::run(&ui, &cli.global, a),
        Command::Completions(a) => completions::run(&ui, a),
        Command::Agent(c) => agent::run(&ui, c),
        Command::Cache(c) => cache::run(&ui, &cli.global, c),
        Command::Call(a) => call::run(&ui, &cli.global, a),
        Command::GitCredential(a) => git_credential::run(&ui, &cli.global, a),
    };
    match result {
        Ok(()) => ExitCode::from(exit::OK),
        Err(e) => {
            if !matches!(e, Error::Reported { .. }) {
                ui.error(&e);
            }
            ExitCode::from(error::exit_code(&e))
        }
    }
}

/// The clap command, for completions and the man page.
pub fn command() -> clap::Command {
    // Subcommands are deferred (built when they run); completions and the
    // man page need the whole tree.
    let mut c = Cli::command();
    c.build();
    c
}

/// The man page (roff), with EXIT STATUS and ENVIRONMENT sections.
pub fn man_page() -> Vec<u8> {
    let cmd = command();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    let _ = man.render_title(&mut out);
    let _ = man.render_name_section(&mut out);
    let _ = man.render_synopsis_section(&mut out);
    let _ = man.render_description_section(&mut out);
    let _ = man.render_options_section(&mut out);
    let _ = man.render_subcommands_section(&mut out);
    let mut text = String::from(".SH COMMANDS\n");
    for sub in cmd.get_subcommands() {
        render_sub(&mut text, "pkjwt", sub);
    }
    text.push_str(".SH \"EXIT STATUS\"\n");
    for line in EXIT_STATUS.lines().skip(1) {
        text.push_str(&roff_line(line));
    }
    text.push_str(".SH ENVIRONMENT\n");
    for line in ENVIRONMENT.lines().skip(1) {
        text.push_str(&roff_line(line));
    }
    out.extend(text.as_bytes());
    let _ = man.render_version_section(&mut out);
    out
}

fn roff_line(line: &str) -> String {
    let l = line.trim_start();
    let escaped = l.replace('\\', "\\\\").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}\n.br\n")
    } else {
        format!("{escaped}\n.br\n")
    }
}

fn render_sub(text: &mut String, prefix: &str, sub: &clap::Command) {
    if sub.get_name() == "help" {
        return;
    }
    let name = format!("{prefix} {}", sub.get_name());
    if sub.has_subcommands() {
        for s in sub.get_subcommands() {
            render_sub(text, &name, s);
        }
        return;
    }
    let mut sub = sub.clone().bin_name(name.clone());
    let help = sub.render_long_help().to_string();
    text.push_str(&format!(".SS \"{name}\"\n.nf\n"));
    for line in help.lines() {
        text.push_str(&format!(
            "{}\n",
            line.replace('\\', "\\\\")
                .replace('-', "\\-")
                .replace("\n.", "\n\\&.")
        ));
    }
    text.push_str(".fi\n");
}

/// Where pkjwt keeps its configuration: --config-dir, PKJWT_CONFIG_DIR, or the platform default.
pub fn config_dir(g: &GlobalArgs) -> Option<PathBuf> {
    g.config_dir.clone().or_else(|| {
        directories::ProjectDirs::from("", "", "pkjwt").map(|d| d.config_dir().to_path_buf())
    })
}

/// The first line of a file holding a secret or a token, trimmed; an empty
/// one is an error naming `what`.
pub(crate) fn read_first_line(path: &std::path::Path, what: &'static str) -> Result<String, Error> {
    let line = crate::input::first_line(
        crate::input::Source::File(path),
        what,
        crate::input::SECRET_LIMIT,
    )?;
    let line = line.trim().to_string();
    if line.is_empty() {
        return Err(Error::input(
            format!("{} holds no {what}", path.display()),
            None,
        ));
    }
    Ok(line)
}

/// The config directory, or an error saying how to set one.
pub fn config_dir_required(g: &GlobalArgs) -> Result<PathBuf, Error> {
    config_dir(g).ok_or_else(|| {
        Error::input(
            "cannot find a configuration directory (no HOME?)",
            Some("pass --config-dir DIR or set PKJWT_CONFIG_DIR".into()),
        )
    })
}

/// Human-friendly "N days" until a unix time.
pub(crate) fn days_from_now(unix: u64) -> i64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0) as i64;
    (unix as i64 - now) / 86_400
}
