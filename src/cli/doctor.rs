//! `pkjwt doctor`: a checklist of everything that makes private_key_jwt
//! work for one client, ending with a real token request.

use clap::Args;
use serde::Serialize;
use serde_json::{json, Value};

use super::client::{ClientArgs, HttpArgs};
use super::explain;
use super::{GlobalArgs, Ui};
use crate::diagnose::Severity;
use crate::Error;

/// Check a client end to end: metadata, method and algorithm, registration, keys, clock, a real token request
///
/// Each line is pass, warn or fail with a hint. Exit status 8 when a check fails.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pkjwt doctor --profile prod
  pkjwt --json doctor --profile prod | jq '.checks[] | select(.status != \"pass\")'
  pkjwt doctor --issuer https://as.example --client-id app --keystore client.p12")]
pub struct DoctorArgs {
    #[command(flatten)]
    pub client: ClientArgs,
    /// Scope for the test token request
    #[arg(long, value_name = "SCOPES")]
    pub scope: Option<String>,
    /// Skip the real token request
    #[arg(long)]
    pub no_token: bool,
    #[command(flatten)]
    pub http: HttpArgs,
}

#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
enum Status {
    Pass,
    Warn,
    Fail,
    Skip,
}

#[derive(Serialize)]
struct Check {
    name: &'static str,
    status: Status,
    message: String,
    hint: String,
}

fn check(
    name: &'static str,
    status: Status,
    message: impl Into<String>,
    hint: impl Into<String>,
) -> Check {
    Check {
        name,
        status,
        message: message.into(),
        hint: hint.into(),
    }
}

/// Compare a registered or hosted JWKS with the signing key.
fn key_check(
    name: &'static str,
    keys: Option<&Vec<Value>>,
    kid: &str,
    local: &Value,
    source: &str,
) -> Check {
    let Some(keys) = keys else {
        return check(name, Status::Warn, format!("{source} holds no keys"), "");
    };
    match keys.iter().find(|k| k["kid"] == kid) {
        None => check(
            name,
            Status::Fail,
            format!("kid {kid} is not in {source} (it has: {})", keys.iter().filter_map(|k| k["kid"].as_str()).collect::<Vec<_>>().join(", ")),
            "register the current key: `pkjwt register --force ...`, RFC 7592 update, or publish `pkjwt jwks` at the jwks_uri",
        ),
        Some(k) => {
            let same = ["kty", "n", "e", "crv", "x", "y"].iter().all(|m| k.get(*m) == local.get(*m));
            if same {
                check(name, Status::Pass, format!("kid {kid} in {source} is this keystore's key"), "")
            } else {
                check(
                    name,
                    Status::Fail,
                    format!("kid {kid} in {source} is a different key than the keystore's"),
                    "the same kid names two keys: re-register the keystore's key, or sign with the key that is registered",
                )
            }
        }
    }
}

pub fn run(ui: &Ui, g: &GlobalArgs, a: &DoctorArgs) -> Result<(), Error> {
    let mut r = a.client.resolve(ui, super::config_dir(g))?;
    let http = a.http.client(ui)?;
    let mut checks: Vec<Check> = Vec::new();
    let alg = r.client.signer.alg;
    let kid = r.client.signer.kid.clone();

    // 1. Metadata.
    let ev = explain::gather(ui, &http, &mut r, None, super::config_dir(g));
    match (&ev.metadata, &r.client.issuer) {
        (Some(md), _) => checks.push(check(
            "metadata",
            Status::Pass,
            format!("{} (issuer matches)", md.source),
            "",
        )),
        (None, Some(_)) => checks.push(check(
            "metadata",
            Status::Fail,
            ev.metadata_error.clone().unwrap_or_default(),
            "check the issuer URL, the network, and that the server publishes metadata",
        )),
        (None, None) => checks.push(check(
            "metadata",
            Status::Skip,
            "no issuer known",
            "pass --issuer or use a profile with one",
        )),
    }
    // 2. Method and algorithm.
    if let Some(md) = &ev.metadata {
        match md.list("token_endpoint_auth_methods_supported") {
            Some(l) if l.iter().any(|m| m == "private_key_jwt") => checks.push(check(
                "auth-method",
                Status::Pass,
                "the server lists private_key_jwt",
                "",
            )),
            Some(l) => checks.push(check(
                "auth-method",
                Status::Fail,
                format!("the server lists only {}", l.join(", ")),
                "this server does not take private_key_jwt at the token endpoint",
            )),
            None => checks.push(check(
                "auth-method",
                Status::Warn,
                "the server does not list its token endpoint auth methods",
                "RFC 8414 then means client_secret_basic only; many servers just omit it",
            )),
        }
        match md.accepts_alg(alg) {
            Some(true) => checks.push(check(
                "signing-alg",
                Status::Pass,
                format!("the server lists {alg}"),
                "",
            )),
            Some(false) => checks.push(check(
                "signing-alg",
                Status::Fail,
                format!(
                    "the server does not list {alg} (it lists {})",
                    md.list("token_endpoint_auth_signing_alg_values_supported")
                        .unwrap_or_default()
                        .join(", ")
                ),
                "generate a key for a listed algorithm and register it",
            )),
            None => checks.push(check(
                "signing-alg",
                Status::Warn,
                format!("the server does not list its algorithms; {alg} is likely fine"),
                "",
            )),
        }
    }
    // 3. Registration (RFC 7592) against the local key.
    let local_jwk = serde_json::Value::Object(
        r.keystore
            .get(&kid, &r.keystore_path)
            .map(|e| e.public().to_jwk(&e.kid, alg))
            .unwrap_or_default(),
    );
    match (&ev.registration, &ev.registration_error) {
        (Some(reg), _) => {
            checks.push(check(
                "registration",
                Status::Pass,
                "read the registration (RFC 7592)",
                "",
            ));
            match reg
                .get("token_endpoint_auth_method")
                .and_then(Value::as_str)
            {
                Some("private_key_jwt") => checks.push(check(
                    "registered-method",
                    Status::Pass,
                    "registered for private_key_jwt",
                    "",
                )),
                Some(m) => checks.push(check(
                    "registered-method",
                    Status::Fail,
                    format!("registered for {m}, not private_key_jwt"),
                    "update the registration, or register anew with `pkjwt register`",
                )),
                None => checks.push(check(
                    "registered-method",
                    Status::Warn,
                    "the registration does not say its auth method (default client_secret_basic)",
                    "register with token_endpoint_auth_method=private_key_jwt",
                )),
            }
            match reg.get("token_endpoint_auth_signing_alg").and_then(Value::as_str) {
                Some(x) if x == alg.as_str() => checks.push(check("registered-alg", Status::Pass, format!("registered for {x}"), "")),
                Some(x) => checks.push(check("registered-alg", Status::Fail, format!("registered for {x}, and this client signs {alg}"), format!("sign with --alg {x}, or update the registration"))),
                None => checks.push(check("registered-alg", Status::Warn, "the registration names no signing algorithm (the server takes any it supports)", "")),
            }
            if let Some(keys) = reg
                .get("jwks")
                .and_then(|j| j.get("keys"))
                .and_then(Value::as_array)
            {
                checks.push(key_check(
                    "registered-key",
                    Some(keys),
                    &kid,
                    &local_jwk,
                    "the registered jwks",
                ));
            }
        }
        (None, Some(e)) => checks.push(check(
            "registration",
            Status::Fail,
            format!("cannot read the registration: {e}"),
            "the registration access token may be stale or revoked",
        )),
        (None, None) => checks.push(check(
            "registration",
            Status::Skip,
            "no registration access token in the profile",
            "clients registered with `pkjwt register` have one",
        )),
    }
    // 4. The hosted JWKS.
    if let Some((uri, res)) = &ev.jwks_uri {
        match res {
            Ok(doc) => {
                checks.push(check(
                    "jwks-uri",
                    Status::Pass,
                    format!("{uri} answers"),
                    "",
                ));
                checks.push(key_check(
                    "jwks-uri-key",
                    doc.get("keys").and_then(Value::as_array),
                    &kid,
                    &local_jwk,
                    uri,
                ));
            }
            Err(e) => checks.push(check(
                "jwks-uri",
                Status::Fail,
                format!("{uri}: {e}"),
                "serve `pkjwt jwks` output there; the server must reach it",
            )),
        }
    }
    // 5. The certificate.
    if let Ok(e) = r.keystore.get(&kid, &r.keystore_path) {
        match e
            .cert
            .as_ref()
            .and_then(|c| crate::keystore::cert::inspect(c).ok())
        {
            Some((info, _)) => {
                let days = super::days_from_now(info.not_after_unix);
                checks.push(if days < 0 {
                    check(
                        "certificate",
                        Status::Warn,
                        format!("the certificate of {kid} expired {} days ago", -days),
                        "servers that register certificates (Entra ID) refuse it: make a new key",
                    )
                } else if days < 30 {
                    check(
                        "certificate",
                        Status::Warn,
                        format!("the certificate of {kid} expires in {days} days"),
                        "rotate: `pkjwt keygen`, register the new key, then remove the old",
                    )
                } else {
                    check(
                        "certificate",
                        Status::Pass,
                        format!("the certificate of {kid} is valid for {days} more days"),
                        "",
                    )
                });
            }
            None => checks.push(check(
                "certificate",
                Status::Skip,
                format!("{kid} has no certificate"),
                "",
            )),
        }
    }
    // 6. The clock.
    let mut token_date = None;
    // 7. A real token request (its Date header measures the clock too).
    let token_result = if a.no_token {
        None
    } else {
        match r.endpoint(&http, "token_endpoint") {
            Err(e) => {
                checks.push(check(
                    "token",
                    Status::Fail,
                    e.to_string(),
                    "pass --token-endpoint",
                ));
                None
            }
            Ok(url) => {
                let mut form = vec![("grant_type".to_string(), "client_credentials".to_string())];
                if let Some(s) = &a.scope {
                    form.push(("scope".into(), s.clone()));
                }
                let (res, assertion) = r.client.post(&http, &url, &form, 0)?;
                Some((url, res, assertion))
            }
        }
    };
    if let Some((_, Ok(resp), _)) = &token_result {
        token_date = resp.date.clone();
    }
    if let Some((_, Err(crate::oauth::http::HttpError::OAuth { date, .. }), _)) = &token_result {
        token_date = date.clone();
    }
    // Compare the server's clock with the one assertions are minted by.
    let offset = explain::offset_from_date(token_date.as_deref())
        .or(ev.clock_offset)
        .map(|o| o - r.client.clock_offset);
    match offset {
        Some(o) if o.abs() <= 5 => checks.push(check(
            "clock",
            Status::Pass,
            format!("the clock agrees with the server's ({o:+} s)"),
            "",
        )),
        Some(o) if o.abs() <= 30 => checks.push(check(
            "clock",
            Status::Warn,
            format!(
                "the clock is {} s {} the server's",
                o.abs(),
                if o > 0 { "behind" } else { "ahead of" }
            ),
            format!("fix NTP, or --clock-offset {o}"),
        )),
        Some(o) => checks.push(check(
            "clock",
            Status::Fail,
            format!(
                "the clock is {} s {} the server's",
                o.abs(),
                if o > 0 { "behind" } else { "ahead of" }
            ),
            format!("fix NTP, or compensate with --clock-offset {o}"),
        )),
        None => checks.push(check(
            "clock",
            Status::Skip,
            "the server sent no Date header",
            "",
        )),
    }
    let mut causes = Vec::new();
    match token_result {
        None => {}
        Some((url, Ok(resp), _)) => {
            let b = &resp.body;
            checks.push(check(
                "token",
                Status::Pass,
                format!(
                    "{url} issued a {} token{}",
                    b.get("token_type").and_then(Value::as_str).unwrap_or("?"),
                    b.get("scope")
                        .and_then(Value::as_str)
                        .map(|s| format!(" for {s}"))
                        .unwrap_or_default()
                ),
                "",
            ));
        }
        Some((url, Err(e), assertion)) => {
            let msg = e.to_string();
            if let Some(v) = explain::explain_failure(
                &Ui {
                    json: true,
                    ..ui.clone()
                },
                &http,
                &mut r,
                &url,
                &assertion,
                &e,
                super::config_dir(g),
            ) {
                causes = v["causes"].as_array().cloned().unwrap_or_default();
            }
            let top = causes
                .first()
                .map(|c| {
                    format!(
                        "{} ({})",
                        c["hint"].as_str().unwrap_or(""),
                        c["code"].as_str().unwrap_or("")
                    )
                })
                .unwrap_or_default();
            checks.push(check("token", Status::Fail, format!("{url}: {msg}"), top));
        }
    }
    let _ = Severity::Error;

    let failed = checks.iter().filter(|c| c.status == Status::Fail).count();
    if ui.json {
        ui.out_json(&json!({ "checks": checks, "causes": causes, "failed": failed }))?;
    } else {
        let mut s = String::new();
        for c in &checks {
            let mark = match c.status {
                Status::Pass => "pass",
                Status::Warn => "warn",
                Status::Fail => "FAIL",
                Status::Skip => "skip",
            };
            s.push_str(&format!("[{mark}] {:<18} {}\n", c.name, c.message));
            if !c.hint.is_empty() && c.status != Status::Pass {
                s.push_str(&format!("       {:<18} hint: {}\n", "", c.hint));
            }
        }
        if !causes.is_empty() {
            s.push_str("\nlikely causes of the token failure, most likely first:\n");
            for (i, c) in causes.iter().enumerate() {
                s.push_str(&format!(
                    "  {}. {} ({})\n     fix: {}\n",
                    i + 1,
                    c["message"].as_str().unwrap_or(""),
                    c["code"].as_str().unwrap_or(""),
                    c["hint"].as_str().unwrap_or("")
                ));
            }
        }
        ui.out(s)?;
    }
    if failed > 0 {
        return Err(Error::Findings(format!("{failed} check(s) failed")));
    }
    Ok(())
}
