//! Evidence about a client and its server (metadata, clock offset, the
//! registration, the hosted JWKS), turned into a diagnosis context, and the
//! ranking of likely causes when a request fails.

use serde_json::{json, Value};

use super::client::Resolved;
use super::Ui;
use crate::diagnose::{self, Context, Finding, Severity};
use crate::oauth::discovery::Metadata;
use crate::oauth::http::{Http, HttpError};

/// What pkjwt could learn about the client and the server.
#[derive(Default)]
pub struct Evidence {
    pub metadata: Option<Metadata>,
    pub metadata_error: Option<String>,
    /// Server clock minus local clock, in seconds.
    pub clock_offset: Option<i64>,
    /// The RFC 7592 registration, when readable.
    pub registration: Option<Value>,
    pub registration_error: Option<String>,
    /// The hosted JWKS (profile's jwks_uri), or why it could not be fetched.
    pub jwks_uri: Option<(String, Result<Value, String>)>,
}

/// Parse an HTTP date (IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT") to unix seconds.
pub fn parse_http_date(s: &str) -> Option<i64> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    let [_, day, mon, year, hms, zone] = parts.as_slice() else {
        return None;
    };
    if *zone != "GMT" && *zone != "UTC" {
        return None;
    }
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let m = months.iter().position(|x| x == mon)? as u8 + 1;
    let month = time::Month::try_from(m).ok()?;
    let date = time::Date::from_calendar_date(year.parse().ok()?, month, day.parse().ok()?).ok()?;
    let mut t = hms.split(':').map(|x| x.parse::<u8>().ok());
    let tm = time::Time::from_hms(t.next()??, t.next()??, t.next()??).ok()?;
    Some(
        time::PrimitiveDateTime::new(date, tm)
            .assume_utc()
            .unix_timestamp(),
    )
}

/// Server clock minus local clock from a `Date` header read now; offsets
/// within the header's one-second resolution count as zero.
pub fn offset_from_date(date: Option<&str>) -> Option<i64> {
    let server = parse_http_date(date?)?;
    let off = server - crate::oauth::assertion::now();
    Some(if off.abs() <= 2 { 0 } else { off })
}

/// Gather evidence. Failures are recorded, never fatal: diagnosis works with what it gets.
pub fn gather(
    ui: &Ui,
    http: &Http,
    r: &mut Resolved,
    date: Option<&str>,
    config_dir: Option<std::path::PathBuf>,
) -> Evidence {
    let mut ev = Evidence {
        clock_offset: offset_from_date(date),
        ..Default::default()
    };
    if let Some(issuer) = r.client.issuer.clone() {
        match crate::oauth::discovery::discover(http, &issuer) {
            Ok(md) => {
                if ev.clock_offset.is_none() {
                    ev.clock_offset = offset_from_date(md.date.as_deref());
                }
                ev.metadata = Some(md)
            }
            Err(e) => ev.metadata_error = Some(e.to_string()),
        }
    }
    if let Some(p) = r.profile.clone() {
        profile_evidence(
            ui,
            http,
            &p,
            r.profile_name.as_deref(),
            config_dir.as_deref(),
            &mut ev,
        );
    }
    ev
}

/// What a profile lets pkjwt check: the RFC 7592 registration (keeping a
/// registration access token the server rotates) and the hosted JWKS.
pub fn profile_evidence(
    ui: &Ui,
    http: &Http,
    p: &crate::profile::Profile,
    name: Option<&str>,
    config_dir: Option<&std::path::Path>,
    ev: &mut Evidence,
) {
    if let (Some(uri), Some(rat)) = (&p.registration_client_uri, &p.registration_access_token) {
        match crate::oauth::registration::read(http, uri, rat.expose()) {
            Ok(reg) => {
                // Some servers rotate the token on every call: keep the new one.
                if let (Some(new), Some(name), Some(dir)) = (
                    reg.get("registration_access_token").and_then(Value::as_str),
                    name,
                    config_dir,
                ) {
                    if new != rat.expose() {
                        let mut p2 = p.clone();
                        p2.registration_access_token = Some(new.into());
                        if let Err(e) = crate::profile::save(dir, name, &p2) {
                            ui.warn(format!("the server rotated the registration access token and saving it failed: {e}"));
                        }
                    }
                }
                ev.registration = Some(reg);
            }
            Err(e) => ev.registration_error = Some(e.to_string()),
        }
    }
    let uri = p.jwks_uri.clone().or_else(|| {
        ev.registration.as_ref().and_then(|reg| {
            reg.get("jwks_uri")
                .and_then(Value::as_str)
                .map(String::from)
        })
    });
    if let Some(uri) = uri {
        let res = http
            .get_json(&uri, None)
            .map(|r| r.body)
            .map_err(|e| e.to_string());
        ev.jwks_uri = Some((uri, res));
    }
}

/// Does the metadata look like FAPI 2.0 (private_key_jwt or mTLS only; PS256/ES256 only)?
pub fn looks_strict(md: &Metadata) -> bool {
    let methods = md
        .list("token_endpoint_auth_methods_supported")
        .unwrap_or_default();
    let algs = md
        .list("token_endpoint_auth_signing_alg_values_supported")
        .unwrap_or_default();
    !methods.is_empty()
        && methods.iter().all(|m| {
            matches!(
                m.as_str(),
                "private_key_jwt" | "tls_client_auth" | "self_signed_tls_client_auth"
            )
        })
        && !algs.is_empty()
        && algs
            .iter()
            .all(|a| matches!(a.as_str(), "PS256" | "ES256" | "EdDSA"))
}

/// The diagnosis context for an assertion sent to `endpoint`.
pub fn context(r: &Resolved, ev: &Evidence, endpoint: Option<&str>) -> Context {
    let mut ctx = Context {
        now: crate::oauth::assertion::now(),
        clock_offset: ev.clock_offset,
        tolerance: 0,
        issuer: r.client.issuer.clone(),
        client_id: Some(r.client.client_id.clone()),
        token_endpoint: r.client.endpoints.get("token_endpoint").cloned(),
        endpoint: endpoint.map(String::from),
        ..Default::default()
    };
    if let Some(md) = &ev.metadata {
        ctx.server_algs = md.list("token_endpoint_auth_signing_alg_values_supported");
        ctx.strict_aud = looks_strict(md);
        if ctx.token_endpoint.is_none() {
            ctx.token_endpoint = md.str("token_endpoint").map(String::from);
        }
    }
    // The keys the server uses: the registration's, else the hosted JWKS, else the local keystore.
    let registered = ev
        .registration
        .as_ref()
        .and_then(|reg| reg.get("jwks"))
        .and_then(|j| j.get("keys"))
        .and_then(Value::as_array);
    let hosted = ev
        .jwks_uri
        .as_ref()
        .and_then(|(_, r)| r.as_ref().ok())
        .and_then(|j| j.get("keys"))
        .and_then(Value::as_array);
    if let Some(keys) = registered {
        ctx.jwks = Some(keys.clone());
        ctx.jwks_source = "the registered jwks".into();
    } else if let Some(keys) = hosted {
        ctx.jwks = Some(keys.clone());
        ctx.jwks_source = format!(
            "the jwks_uri {}",
            ev.jwks_uri.as_ref().map(|(u, _)| u.as_str()).unwrap_or("")
        );
    } else {
        let entries: Vec<_> = r.keystore.entries.iter().collect();
        if let Some(keys) =
            crate::keystore::jwks::jwks(&r.keystore, &entries, false)["keys"].as_array()
        {
            ctx.jwks = Some(keys.clone());
            ctx.jwks_source = format!("the keystore {}", r.keystore_path.display());
        }
    }
    for e in &r.keystore.entries {
        if let Some(c) = &e.cert {
            ctx.certs.insert(e.kid.clone(), c.clone());
        }
    }
    ctx
}

/// Findings only the evidence can give (registration, hosted JWKS, jti reuse).
pub fn evidence_findings(ev: &Evidence, fixed_jti: bool, d: &diagnose::Decoded) -> Vec<Finding> {
    let mut out = Vec::new();
    let alg = d.header.get("alg").and_then(Value::as_str).unwrap_or("");
    let kid = d.header.get("kid").and_then(Value::as_str).unwrap_or("");
    if let Some(reg) = &ev.registration {
        if let Some(m) = reg
            .get("token_endpoint_auth_method")
            .and_then(Value::as_str)
        {
            if m != "private_key_jwt" {
                out.push(Finding {
                    code: "auth-method-mismatch",
                    severity: Severity::Error,
                    message: format!("the client is registered with token_endpoint_auth_method {m}, not private_key_jwt"),
                    hint: "update the registration to private_key_jwt (RFC 7592 PUT, or the server's console), or register a new client with `pkjwt register`".into(),
                });
            }
        }
        if let Some(a) = reg
            .get("token_endpoint_auth_signing_alg")
            .and_then(Value::as_str)
        {
            if a != alg && !alg.is_empty() {
                out.push(Finding {
                    code: "alg-not-registered",
                    severity: Severity::Error,
                    message: format!("the client registered token_endpoint_auth_signing_alg {a}, and the assertion is {alg}"),
                    hint: format!("sign with {a} (--alg {a}), or update the registration's algorithm"),
                });
            }
        }
    }
    if let Some((uri, Err(e))) = &ev.jwks_uri {
        out.push(Finding {
            code: "jwks-uri-unreachable",
            severity: Severity::Error,
            message: format!("the client's jwks_uri {uri} does not answer from here: {e}"),
            hint: "the server fetches your keys there: serve `pkjwt jwks` output at that URL (reachable from the server), or register the keys inline".into(),
        });
    }
    if let Some((uri, Ok(jwks))) = &ev.jwks_uri {
        let has = jwks["keys"]
            .as_array()
            .map(|k| k.iter().any(|k| k["kid"] == kid))
            .unwrap_or(false);
        if !has
            && !kid.is_empty()
            && ev
                .registration
                .as_ref()
                .and_then(|r| r.get("jwks"))
                .is_none()
        {
            out.push(Finding {
                code: "kid-not-published",
                severity: Severity::Error,
                message: format!("{uri} does not serve kid {kid}"),
                hint: "publish the current JWKS there (`pkjwt jwks --keystore ... --out ...`); servers cache it, so allow a few minutes".into(),
            });
        }
    }
    if fixed_jti {
        out.push(Finding {
            code: "jti-reused",
            severity: Severity::Error,
            message: "the jti was fixed with --claim jti=...: every request after the first reuses it".into(),
            hint: "let pkjwt mint a fresh jti per request (drop --claim jti=...); servers refuse a jti they have seen".into(),
        });
    }
    out
}

/// Rank findings into likely causes: evidence first, then errors, then warnings.
pub fn rank(
    mut evidence: Vec<Finding>,
    offline: Vec<Finding>,
    aud_is_issuer: bool,
    ev: &Evidence,
) -> Vec<Finding> {
    // The codes the evidence makes most likely, in order.
    const DEFINITE: &[&str] = &[
        "auth-method-mismatch",
        "jti-reused",
        "jwks-uri-unreachable",
        "kid-not-published",
        "alg-not-registered",
        "alg-not-supported",
        "alg-jwk-mismatch",
        "kid-unknown",
        "signature-invalid",
        "clock-skew",
        "exp-past",
        "nbf-future",
        "aud-not-issuer",
        "iss-not-client-id",
    ];
    let mut all: Vec<Finding> = Vec::new();
    all.append(&mut evidence);
    for fnd in offline {
        if fnd.severity != Severity::Info && !all.iter().any(|x| x.code == fnd.code) {
            all.push(fnd);
        }
    }
    let score = |x: &Finding| -> (usize, Severity) {
        let pos = DEFINITE
            .iter()
            .position(|c| *c == x.code)
            .unwrap_or(DEFINITE.len());
        (pos, x.severity)
    };
    all.sort_by_key(score);
    // kid-unknown against the local keystore only means the keystore lacks it;
    // against the registration it is the cause. Keep as is: context says which.
    if all.iter().all(|x| x.severity != Severity::Error) {
        // Nothing certain: the usual suspects, given what could not be checked.
        all.push(Finding {
            code: "aud-maybe",
            severity: Severity::Warning,
            message: if aud_is_issuer {
                "the server may want the token endpoint as aud (some older servers do)".into()
            } else {
                "the server may want the issuer as aud (FAPI 2.0 and rfc7523bis servers do)".into()
            },
            hint: if aud_is_issuer {
                "try --aud token-endpoint".into()
            } else {
                "try --aud issuer".into()
            },
        });
        if ev.registration.is_none() {
            all.push(Finding {
                code: "registration-unchecked",
                severity: Severity::Warning,
                message: format!(
                    "the registered keys and algorithm could not be checked{}",
                    ev.registration_error.as_deref().map(|e| format!(" ({e})")).unwrap_or_else(|| " (no registration access token)".into())
                ),
                hint: "check in the server's console that the client uses private_key_jwt, the algorithm, and this kid".into(),
            });
        }
        if ev.clock_offset.is_none() {
            all.push(Finding {
                code: "clock-unchecked",
                severity: Severity::Warning,
                message: "the server sent no Date header, so the clock offset is unknown".into(),
                hint: "compare this machine's clock with the server's (NTP)".into(),
            });
        }
    }
    all
}

/// Print causes for humans.
pub fn print_causes(ui: &Ui, title: &str, causes: &[Finding]) {
    let mut s = format!("{title}\n");
    for (i, c) in causes.iter().enumerate() {
        s.push_str(&format!(
            "  {}. [{}] {} ({})\n",
            i + 1,
            sev(c.severity),
            c.message,
            c.code
        ));
        if !c.hint.is_empty() {
            s.push_str(&format!("     fix: {}\n", c.hint));
        }
    }
    eprint!("{}", if ui.quiet { String::new() } else { s });
}

pub fn sev(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// Explain a failed request: the server's answer, then ranked causes.
/// Returns the JSON object `--json` prints.
pub fn explain_failure(
    ui: &Ui,
    http: &Http,
    r: &mut Resolved,
    endpoint: &str,
    assertion: &str,
    err: &HttpError,
    config_dir: Option<std::path::PathBuf>,
) -> Option<Value> {
    let HttpError::OAuth {
        status,
        error,
        description,
        uri,
        date,
        ..
    } = err
    else {
        return None;
    };
    let ev = gather(ui, http, r, date.as_deref(), config_dir);
    let mut ctx = context(r, &ev, Some(endpoint));
    let causes = match diagnose::decode(assertion) {
        Ok(d) => {
            // The assertion was minted moments ago: its iat is the client's
            // clock (with any --clock-offset), the Date header the server's.
            if let (Some(server), Some(iat)) = (
                date.as_deref().and_then(parse_http_date),
                d.claims.get("iat").and_then(Value::as_i64),
            ) {
                let off = server - iat;
                ctx.now = iat;
                ctx.clock_offset = Some(if off.abs() <= 2 { 0 } else { off });
                ctx.minting_offset = r.client.clock_offset;
            }
            let offline = diagnose::check(&d, &ctx);
            let evid = evidence_findings(&ev, r.client.extra_claims.contains_key("jti"), &d);
            let aud_is_issuer =
                d.claims.get("aud").and_then(Value::as_str) == r.client.issuer.as_deref();
            rank(evid, offline, aud_is_issuer, &ev)
        }
        Err(f) => f,
    };
    if !ui.json {
        print_causes(
            ui,
            &format!("Likely causes, most likely first ({error} from {endpoint}):"),
            &causes,
        );
    }
    Some(json!({
        "status": status,
        "error": error,
        "error_description": description,
        "error_uri": uri,
        "endpoint": endpoint,
        "clock_offset": ctx.clock_offset,
        "causes": causes,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates() {
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784111777)
        );
        assert_eq!(parse_http_date("garbage"), None);
    }
}
