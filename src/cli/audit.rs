//! `pkjwt audit`: which broken client assertions does the server accept?
//! The cases, the verdicts and the workflow are [`crate::diagnose::audit`];
//! this file parses the options, asks before auditing a server that is not
//! on this machine, and renders the report (table, JSON, JUnit XML).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, ValueEnum};
use serde_json::{json, Value};

use super::client::{ClientArgs, HttpArgs, PopArgs};
use super::{GlobalArgs, Ui};
use crate::cli::error::CliError as Error;
use crate::diagnose::audit::{self, AuditOptions, CaseResult, Report, Rules, Severity, Verdict};

/// Check which broken client assertions the server accepts (RFC 7523, rfc7523bis, RFC 8725)
///
/// First one good assertion: it must be accepted (else see `pkjwt doctor`).
/// Then one token request per case, one at a time, each changing exactly one
/// thing from the good assertion (alg none, HS256 keyed with the public key,
/// another key, an expired or replayed assertion, an aud array, sub != iss,
/// ...; `--list` shows them all). Each line says what a correct server does
/// under --rules, what this server did, and the verdict: as expected,
/// WRONGLY ACCEPTED, refused although a correct server accepts, policy (a
/// correct server may do either), or could not tell.
///
/// Be polite to real servers: every case is a failed client authentication,
/// and some servers lock a client (or its IP address) after repeated
/// failures. The number of requests is printed before the first one; a
/// server that is not on this machine (loopback) needs --yes or the host
/// name typed at a prompt. Use --delay to space the requests. A 429 or a
/// 5xx stops the audit (after one wait when its Retry-After is at most 30 s)
/// and the report names the cases not sent. A token a case obtains is never
/// printed, and is revoked (RFC 7009) when the server can revoke.
///
/// Exit status 9 when a case at or above --fail-on was wrongly accepted;
/// 7 when the audit stopped early or the good assertion was refused.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pkjwt audit --list
  pkjwt audit --profile dev
  pkjwt audit --profile prod --yes --delay 2 --rules fapi2
  pkjwt audit --profile dev --cases alg-none,aud-array-with-extra
  pkjwt --json audit --profile dev | jq '.cases[] | select(.verdict == \"wrongly-accepted\")'
  pkjwt audit --profile dev --junit audit.xml --fail-on critical")]
pub struct AuditArgs {
    #[command(flatten)]
    pub client: ClientArgs,
    /// The rules that say what a correct server does where specifications differ
    #[arg(long, value_enum, default_value_t = RulesArg::Rfc7523bis, env = "PKJWT_AUDIT_RULES")]
    pub rules: RulesArg,
    /// Only these cases (comma-separated ids; see --list) [default: all]
    #[arg(
        long,
        value_name = "ID,...",
        value_delimiter = ',',
        env = "PKJWT_AUDIT_CASES"
    )]
    pub cases: Vec<String>,
    /// List the cases (id, severity, rule, what it changes) and send nothing
    #[arg(long)]
    pub list: bool,
    /// Also write the report as JUnit XML to FILE (one testcase per case)
    #[arg(long, value_name = "FILE", env = "PKJWT_AUDIT_JUNIT")]
    pub junit: Option<PathBuf>,
    /// Exit 9 when a case of this severity or above was wrongly accepted
    #[arg(long, value_enum, default_value_t = SeverityArg::High, env = "PKJWT_AUDIT_FAIL_ON")]
    pub fail_on: SeverityArg,
    /// Seconds to wait between two requests (0 to 60; fractions allowed)
    #[arg(long, value_name = "SECONDS", default_value_t = 0.0, env = "PKJWT_AUDIT_DELAY", value_parser = parse_delay)]
    pub delay: f64,
    /// Audit a server that is not on this machine without asking
    #[arg(long, short = 'y', env = "PKJWT_AUDIT_YES", value_parser = clap::builder::FalseyValueParser::new())]
    pub yes: bool,
    /// Register a throwaway client (RFC 7591) at --issuer for the key of --keystore, audit it, and delete it (RFC 7592)
    #[arg(long, requires_all = ["issuer", "keystore"], conflicts_with_all = ["profile", "client_id"])]
    pub register: bool,
    /// With --register: read an initial access token (Bearer) from the first line of FILE [else PKJWT_INITIAL_ACCESS_TOKEN]
    #[arg(long, value_name = "FILE", requires = "register")]
    pub initial_access_token_file: Option<PathBuf>,
    /// Scope of the token requests [default: the profile's; '' sends none]
    #[arg(long, value_name = "SCOPES", env = "PKJWT_SCOPE")]
    pub scope: Option<String>,
    #[command(flatten)]
    pub pop: PopArgs,
    #[command(flatten)]
    pub http: HttpArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesArg {
    /// RFC 7523 alone: aud arrays and the token endpoint allowed, jti optional
    Rfc7523,
    /// draft-ietf-oauth-rfc7523bis (the issuer as the sole aud) and OIDC Core's jti
    Rfc7523bis,
    /// FAPI 2.0 Security Profile (the issuer as the only aud)
    Fapi2,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    Critical,
    High,
    Medium,
    Low,
}

fn parse_delay(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(d) if (0.0..=60.0).contains(&d) => Ok(d),
        _ => Err(format!("{s:?} is not a number of seconds from 0 to 60")),
    }
}

impl RulesArg {
    fn rules(self) -> Rules {
        match self {
            RulesArg::Rfc7523 => Rules::Rfc7523,
            RulesArg::Rfc7523bis => Rules::Rfc7523bis,
            RulesArg::Fapi2 => Rules::Fapi2,
        }
    }
}

impl SeverityArg {
    fn severity(self) -> Severity {
        match self {
            SeverityArg::Critical => Severity::Critical,
            SeverityArg::High => Severity::High,
            SeverityArg::Medium => Severity::Medium,
            SeverityArg::Low => Severity::Low,
        }
    }
}

pub fn run(ui: &Ui, g: &GlobalArgs, a: &AuditArgs) -> Result<(), Error> {
    let rules = a.rules.rules();
    let mut opts = AuditOptions::new(rules);
    if !a.cases.is_empty() {
        opts = opts.with_cases(&a.cases).map_err(crate::Error::from)?;
    }
    if a.list {
        return list(ui, &opts);
    }
    opts.delay = Duration::from_secs_f64(a.delay);
    if !a.register {
        let r = a.client.resolve(ui, super::config_dir(g))?;
        return audit_client(ui, a, opts, r);
    }
    // A throwaway client: registered, audited, deleted (whatever the audit's end).
    let keystore = a.client.keystore.clone().unwrap_or_default();
    let store = super::store::StoreArgs {
        keystore: keystore.clone(),
        password: a.client.password.clone(),
    };
    let kids: Vec<String> = a.client.kid.clone().into_iter().collect();
    let ks = super::agent::open_for_signing(ui, &store, &kids)?;
    let http = a.http.client(ui)?;
    let issuer = a.client.issuer.clone().unwrap_or_default();
    let md = crate::oauth::discovery::discover(&http, &issuer)?;
    let iat = super::register::initial_access_token(a.initial_access_token_file.as_deref())?;
    let t = audit::throwaway::register(
        &http,
        &md,
        &ks,
        &keystore,
        a.client.kid.as_deref(),
        a.scope.as_deref(),
        iat.as_deref(),
    )?;
    ui.note(format!(
        "audit: registered the throwaway client {} (key {})",
        t.client_id, t.kid
    ));
    // The key registered signs: --kid, else the keystore's signing key, as
    // the registration chose it.
    let result = a
        .client
        .resolve_opened(ui, None, None, t.client_id.clone(), ks, keystore)
        .map(|mut r| {
            r.use_metadata(md);
            r
        });
    let outcome = result.and_then(|r| audit_client(ui, a, opts, r));
    match t.delete(&http) {
        Ok(()) => ui.note(format!(
            "audit: deleted the throwaway client {}",
            t.client_id
        )),
        Err(e) => ui.warn(e),
    }
    outcome
}

/// Audit the client of `r` with `opts`, and render the report.
fn audit_client(
    ui: &Ui,
    a: &AuditArgs,
    mut opts: AuditOptions,
    mut r: crate::session::Session,
) -> Result<(), Error> {
    opts.scope = a
        .scope
        .clone()
        .or_else(|| r.profile.as_ref().and_then(|p| p.scope.clone()));
    let http = r.http(ui, &a.http, &a.pop)?;
    let url = r.endpoint(&http, "token_endpoint")?;
    let revocation = r.endpoint(&http, "revocation_endpoint").ok();
    confirm(a.yes, &url)?;
    ui.note(format!(
        "audit: {} token requests to {url}, one at a time{}; a token obtained is revoked{}",
        opts.requests(),
        if a.delay > 0.0 {
            format!(", {} s apart", a.delay)
        } else {
            String::new()
        },
        if revocation.is_some() {
            ""
        } else {
            " (no revocation endpoint: it expires on its own)"
        },
    ));
    let mut transport = audit::HttpTransport::new(&http, &r.client, &url, revocation.as_deref());
    let report = audit::run(&opts, &r.client, &url, &mut transport, ui)?;
    if let Some(path) = &a.junit {
        crate::keystore::write_atomic(
            path,
            report.to_junit().as_bytes(),
            crate::keystore::Replace::Always,
            0o644,
        )?;
    }
    if ui.json {
        ui.out_json(&report.to_json())?;
    } else {
        ui.out(table(ui, &report))?;
    }
    let failures = report.failures(a.fail_on.severity());
    if !failures.is_empty() {
        let ids: Vec<&str> = failures.iter().map(|f| f.case.id).collect();
        return Err(Error::AuditFailed(format!(
            "the server accepted {} assertion{} it must refuse (at or above {}): {}",
            ids.len(),
            if ids.len() == 1 { "" } else { "s" },
            a.fail_on.severity().as_str(),
            ids.join(", ")
        )));
    }
    if let Some(stop) = &report.stopped {
        return Err(Error::AuditStopped(format!(
            "the audit stopped at {} ({}); not sent: {}",
            stop.case,
            stop.reason,
            stop.remaining.join(", ")
        )));
    }
    Ok(())
}

/// A server not on this machine needs `--yes`, or its host typed on a terminal.
fn confirm(yes: bool, url: &str) -> Result<(), Error> {
    let parsed = reqwest::Url::parse(url).ok();
    if yes
        || parsed
            .as_ref()
            .is_some_and(crate::oauth::origin::is_loopback)
    {
        return Ok(());
    }
    let host = parsed
        .as_ref()
        .and_then(|u| u.host_str())
        .unwrap_or(url)
        .to_string();
    let hint = Some("pass --yes (or PKJWT_AUDIT_YES=1) once you know the server will not lock the client after failed authentications".to_string());
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(Error::input(
            format!("{host} is not on this machine, and audit sends it failed client authentications that some servers answer by locking the client"),
            hint,
        ));
    }
    eprint!("audit sends {host} failed client authentications; some servers lock a client after repeated failures.\ntype the host name to go on: ");
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| Error::input(format!("cannot read the confirmation: {e}"), None))?;
    if line.trim() == host {
        Ok(())
    } else {
        Err(Error::input("not confirmed: nothing was sent", hint))
    }
}

fn list(ui: &Ui, opts: &AuditOptions) -> Result<(), Error> {
    if ui.json {
        let cases: Vec<Value> = opts.cases.iter().map(|c| c.to_json()).collect();
        return ui.out_json(&json!({ "rules": opts.rules, "cases": cases }));
    }
    let mut s = format!(
        "{:<28} {:<9} {:<10} changes [rule]\n",
        "case",
        "severity",
        opts.rules.as_str()
    );
    for c in &opts.cases {
        s.push_str(&format!(
            "{:<28} {:<9} {:<10} {} [{}]\n",
            c.id,
            c.severity.as_str(),
            c.expected(opts.rules).as_str(),
            c.changes,
            c.rule
        ));
    }
    s.push_str(&format!(
        "{} cases; {} requests with the good assertion\n",
        opts.cases.len(),
        opts.requests()
    ));
    ui.out(s)
}

/// The terminal table: one line a case, grouped by severity, most severe first.
fn table(ui: &Ui, r: &Report) -> String {
    let color = ui.color && std::io::stdout().is_terminal();
    let paint = |code: &str, s: &str| {
        if color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut s = format!(
        "audit of {} (rules {})\n",
        r.token_endpoint,
        r.rules.as_str()
    );
    for sev in Severity::ALL {
        let rows: Vec<&CaseResult> = r.cases.iter().filter(|c| c.case.severity == sev).collect();
        if rows.is_empty() {
            continue;
        }
        s.push_str(&format!("\n{}\n", paint("1", sev.as_str())));
        for c in rows {
            let verdict = c.verdict.label();
            let verdict = match c.verdict {
                Verdict::WronglyAccepted => paint("1;31", verdict),
                Verdict::WronglyRefused => paint("33", verdict),
                Verdict::Ok => paint("32", verdict),
                _ => paint("2", verdict),
            };
            s.push_str(&format!(
                "  {:<28} {:<7} {:<34} {verdict}\n",
                c.case.id,
                c.expected.as_str(),
                truncate(&c.outcome.describe(), 34),
            ));
        }
    }
    s.push_str(&format!(
        "\n{} cases: {} as expected, {} WRONGLY ACCEPTED, {} refused although a correct server accepts, {} policy, {} could not tell; {} requests; tokens revoked: {}\n",
        r.cases.len(),
        r.count(Verdict::Ok),
        r.count(Verdict::WronglyAccepted),
        r.count(Verdict::WronglyRefused),
        r.count(Verdict::Policy),
        r.count(Verdict::Unknown),
        r.requests,
        r.revoked,
    ));
    for n in &r.notes {
        s.push_str(&format!("note: {n}\n"));
    }
    s
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}
