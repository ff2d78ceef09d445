//! The doctor checklist as data: every check of what makes private_key_jwt
//! work for one client (metadata, method and algorithm, registration, keys,
//! certificate, clock, a real token request), each a [`Check`]: a status and
//! the shared [`Finding`] (its code is the check's name).

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use serde_json::Value;

use super::evidence::{offset_from_date, Evidence};
use super::{Finding, Severity};
use crate::keystore::keys::Alg;
use crate::keystore::Entry;

/// The outcome of one check.
#[derive(Serialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Status {
    /// The check holds.
    Pass,
    /// Something may break or is worth changing.
    Warn,
    /// The check fails: private_key_jwt will not work as configured.
    Fail,
    /// Not checked (nothing to check it against).
    Skip,
}

impl Status {
    /// The severity of a finding with this status.
    pub fn severity(self) -> Severity {
        match self {
            Status::Fail => Severity::Error,
            Status::Warn => Severity::Warning,
            Status::Pass | Status::Skip => Severity::Info,
        }
    }
}

/// One check: its status and its finding. Serialized as
/// `{"name", "status", "message", "hint"}`.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    /// The outcome.
    pub status: Status,
    /// What was found: its code is the check's name, its severity follows the status.
    pub finding: Finding,
}

impl Check {
    /// A check named `name` with its status, message and hint.
    pub fn new(
        name: &'static str,
        status: Status,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Check {
        Check {
            status,
            finding: Finding::new(name, status.severity(), message, hint),
        }
    }

    /// The check's name (its finding's code).
    pub fn name(&self) -> &'static str {
        self.finding.code
    }
}

impl Serialize for Check {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Check", 4)?;
        st.serialize_field("name", self.finding.code)?;
        st.serialize_field("status", &self.status)?;
        st.serialize_field("message", &self.finding.message)?;
        st.serialize_field("hint", &self.finding.hint)?;
        st.end()
    }
}

/// What became of the real token request.
#[derive(Clone, Debug)]
pub enum Token<'a> {
    /// Not made (`--no-token`).
    Skipped,
    /// The token endpoint is not known: why.
    NoEndpoint(String),
    /// A token was issued: the response body.
    Issued {
        /// The token endpoint.
        url: &'a str,
        /// The response body.
        body: &'a Value,
    },
    /// The server refused: its error, and the ranked causes.
    Refused {
        /// The token endpoint.
        url: &'a str,
        /// The server's error, for people.
        error: String,
        /// The ranked causes.
        causes: &'a [Finding],
    },
}

/// What the checklist looks at.
#[derive(Clone, Debug)]
pub struct Input<'a> {
    /// What was gathered about the client and its server.
    pub evidence: &'a Evidence,
    /// Whether an issuer is known (else metadata is skipped).
    pub issuer_known: bool,
    /// The token endpoint auth method the client uses (private_key_jwt,
    /// or an RFC 8705 TLS method).
    pub method: &'a str,
    /// The algorithm and key the client signs with.
    pub alg: Alg,
    /// The kid of the key the client signs with.
    pub kid: &'a str,
    /// The keystore entry of `kid`, when there is one.
    pub entry: Option<&'a Entry>,
    /// The local time, seconds since the epoch.
    pub now: i64,
    /// The `Date` header of the token response (or refusal), read at `now`.
    pub token_date: Option<&'a str>,
    /// The `--clock-offset` assertions are minted with.
    pub minting_offset: i64,
    /// What became of the real token request.
    pub token: Token<'a>,
}

/// The checklist, in order.
pub fn checklist(i: &Input) -> Vec<Check> {
    let ev = i.evidence;
    let mut checks = Vec::new();
    metadata_checks(ev, i.issuer_known, i.method, i.alg, &mut checks);
    let local_jwk = Value::Object(
        i.entry
            .map(|e| e.public().to_jwk(&e.kid, i.alg))
            .unwrap_or_default(),
    );
    registration_checks(ev, i.method, i.alg, i.kid, &local_jwk, &mut checks);
    if let Some((uri, res)) = &ev.jwks_uri {
        match res {
            Ok(doc) => {
                checks.push(Check::new(
                    "jwks-uri",
                    Status::Pass,
                    format!("{uri} answers"),
                    "",
                ));
                checks.push(key_check(
                    "jwks-uri-key",
                    doc.get("keys").and_then(Value::as_array),
                    i.kid,
                    &local_jwk,
                    uri,
                ));
            }
            Err(e) => checks.push(Check::new(
                "jwks-uri",
                Status::Fail,
                format!("{uri}: {e}"),
                "serve `pkjwt jwks` output there; the server must reach it",
            )),
        }
    }
    if let Some(e) = i.entry {
        checks.push(certificate_check(e, i.now));
    }
    if let Token::NoEndpoint(why) = &i.token {
        checks.push(Check::new(
            "token",
            Status::Fail,
            why.clone(),
            "pass --token-endpoint",
        ));
    }
    // Compare the server's clock with the one assertions are minted by.
    // The skew is measured against the offset actually applied; the hint
    // names the offset to use (the measured one, 0 when the clock is right).
    let measured = offset_from_date(i.token_date, i.now).or(ev.clock_offset);
    checks.push(clock_check(measured, i.minting_offset));
    match &i.token {
        Token::Skipped | Token::NoEndpoint(_) => {}
        Token::Issued { url, body } => checks.push(Check::new(
            "token",
            Status::Pass,
            format!(
                "{url} issued a {} token{}",
                body.get("token_type")
                    .and_then(Value::as_str)
                    .unwrap_or("?"),
                body.get("scope")
                    .and_then(Value::as_str)
                    .map(|s| format!(" for {s}"))
                    .unwrap_or_default()
            ),
            "",
        )),
        Token::Refused { url, error, causes } => {
            let top = causes
                .first()
                .map(|c| format!("{} ({})", c.hint, c.code))
                .unwrap_or_default();
            checks.push(Check::new(
                "token",
                Status::Fail,
                format!("{url}: {error}"),
                top,
            ));
        }
    }
    checks
}

/// How many checks failed.
pub fn failed(checks: &[Check]) -> usize {
    checks.iter().filter(|c| c.status == Status::Fail).count()
}

fn metadata_checks(
    ev: &Evidence,
    issuer_known: bool,
    method: &str,
    alg: Alg,
    checks: &mut Vec<Check>,
) {
    match (&ev.metadata, issuer_known) {
        (Some(md), _) => checks.push(Check::new(
            "metadata",
            Status::Pass,
            format!("{} (issuer matches)", md.source),
            "",
        )),
        (None, true) => checks.push(Check::new(
            "metadata",
            Status::Fail,
            ev.metadata_error.clone().unwrap_or_default(),
            "check the issuer URL, the network, and that the server publishes metadata",
        )),
        (None, false) => checks.push(Check::new(
            "metadata",
            Status::Skip,
            "no issuer known",
            "pass --issuer or use a profile with one",
        )),
    }
    let Some(md) = &ev.metadata else {
        return;
    };
    match md.list("token_endpoint_auth_methods_supported") {
        Some(l) if l.iter().any(|m| m == method) => checks.push(Check::new(
            "auth-method",
            Status::Pass,
            format!("the server lists {method}"),
            "",
        )),
        Some(l) => checks.push(Check::new(
            "auth-method",
            Status::Fail,
            format!("the server lists only {}", l.join(", ")),
            format!("this server does not take {method} at the token endpoint"),
        )),
        None => checks.push(Check::new(
            "auth-method",
            Status::Warn,
            "the server does not list its token endpoint auth methods",
            "RFC 8414 then means client_secret_basic only; many servers just omit it",
        )),
    }
    if method != "private_key_jwt" {
        // Mutual TLS signs no assertion: no algorithm to check.
        return;
    }
    match md.accepts_alg(alg) {
        Some(true) => checks.push(Check::new(
            "signing-alg",
            Status::Pass,
            format!("the server lists {alg}"),
            "",
        )),
        Some(false) => checks.push(Check::new(
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
        None => checks.push(Check::new(
            "signing-alg",
            Status::Warn,
            format!("the server does not list its algorithms; {alg} is likely fine"),
            "",
        )),
    }
}

/// The RFC 7592 registration against the local key.
fn registration_checks(
    ev: &Evidence,
    method: &str,
    alg: Alg,
    kid: &str,
    local_jwk: &Value,
    checks: &mut Vec<Check>,
) {
    let reg = match (&ev.registration, &ev.registration_error) {
        (Some(reg), _) => reg,
        (None, Some(e)) => {
            checks.push(Check::new(
                "registration",
                Status::Fail,
                format!("cannot read the registration: {e}"),
                "the registration access token may be stale or revoked",
            ));
            return;
        }
        (None, None) => {
            checks.push(Check::new(
                "registration",
                Status::Skip,
                "no registration access token in the profile",
                "clients registered with `pkjwt register` have one",
            ));
            return;
        }
    };
    checks.push(Check::new(
        "registration",
        Status::Pass,
        "read the registration (RFC 7592)",
        "",
    ));
    checks.push(
        match reg
            .get("token_endpoint_auth_method")
            .and_then(Value::as_str)
        {
            Some(m) if m == method => Check::new(
                "registered-method",
                Status::Pass,
                format!("registered for {m}"),
                "",
            ),
            Some(m) => Check::new(
                "registered-method",
                Status::Fail,
                format!("registered for {m}, and this client uses {method}"),
                "update the registration, or register anew with `pkjwt register`",
            ),
            None => Check::new(
                "registered-method",
                Status::Warn,
                "the registration does not say its auth method (default client_secret_basic)",
                format!("register with token_endpoint_auth_method={method}"),
            ),
        },
    );
    if method != "private_key_jwt" {
        return;
    }
    checks.push(
        match reg
            .get("token_endpoint_auth_signing_alg")
            .and_then(Value::as_str)
        {
            Some(x) if x == alg.as_str() => Check::new(
                "registered-alg",
                Status::Pass,
                format!("registered for {x}"),
                "",
            ),
            Some(x) => Check::new(
                "registered-alg",
                Status::Fail,
                format!("registered for {x}, and this client signs {alg}"),
                format!("sign with --alg {x}, or update the registration"),
            ),
            None => Check::new(
                "registered-alg",
                Status::Warn,
                "the registration names no signing algorithm (the server takes any it supports)",
                "",
            ),
        },
    );
    if let Some(keys) = ev.registered_keys() {
        checks.push(key_check(
            "registered-key",
            Some(keys),
            kid,
            local_jwk,
            "the registered jwks",
        ));
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
        return Check::new(name, Status::Warn, format!("{source} holds no keys"), "");
    };
    match keys.iter().find(|k| k["kid"] == kid) {
        None => Check::new(
            name,
            Status::Fail,
            format!(
                "kid {kid} is not in {source} (it has: {})",
                keys.iter()
                    .filter_map(|k| k["kid"].as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "register the current key: `pkjwt register --force ...`, RFC 7592 update, or publish `pkjwt jwks` at the jwks_uri",
        ),
        Some(k) => {
            let same = ["kty", "n", "e", "crv", "x", "y"]
                .iter()
                .all(|m| k.get(*m) == local.get(*m));
            if same {
                Check::new(
                    name,
                    Status::Pass,
                    format!("kid {kid} in {source} is this keystore's key"),
                    "",
                )
            } else {
                Check::new(
                    name,
                    Status::Fail,
                    format!("kid {kid} in {source} is a different key than the keystore's"),
                    "the same kid names two keys: re-register the keystore's key, or sign with the key that is registered",
                )
            }
        }
    }
}

/// The signing key's certificate: present, and how long it is valid.
fn certificate_check(e: &Entry, now: i64) -> Check {
    let kid = &e.kid;
    match e
        .cert
        .as_ref()
        .and_then(|c| crate::keystore::cert::inspect(c).ok())
    {
        Some((info, _)) => {
            let days = i64::try_from(info.not_after_unix)
                .unwrap_or(i64::MAX)
                .saturating_sub(now)
                / 86_400;
            if days < 0 {
                Check::new(
                    "certificate",
                    Status::Warn,
                    format!("the certificate of {kid} expired {} days ago", -days),
                    "servers that register certificates (Entra ID) refuse it: make a new key",
                )
            } else if days < 30 {
                Check::new(
                    "certificate",
                    Status::Warn,
                    format!("the certificate of {kid} expires in {days} days"),
                    "rotate before it expires: `pkjwt rotate --profile NAME` (CI: `pkjwt keys check --expires-within 30d`)",
                )
            } else {
                Check::new(
                    "certificate",
                    Status::Pass,
                    format!("the certificate of {kid} is valid for {days} more days"),
                    "",
                )
            }
        }
        None => Check::new(
            "certificate",
            Status::Skip,
            format!("{kid} has no certificate"),
            "",
        ),
    }
}

/// The server's clock against the minting clock (server minus client).
fn clock_check(measured: Option<i64>, minting: i64) -> Check {
    let with = if minting != 0 {
        format!(" (with clock offset {minting:+} s)")
    } else {
        String::new()
    };
    let Some(m) = measured else {
        return Check::new(
            "clock",
            Status::Skip,
            if minting != 0 {
                format!("skipped: the server sent no Date header, so the clock offset {minting:+} s assertions are minted with is unchecked")
            } else {
                "skipped: the server sent no Date header (Keycloak sends none)".to_string()
            },
            if minting != 0 {
                "if this machine's clock is right (NTP), drop the offset: --clock-offset 0 (a profile: pkjwt profile set NAME --unset clock-offset)"
            } else {
                ""
            },
        );
    };
    let o = m.saturating_sub(minting);
    // What to use instead: the measured offset itself (0: none at all).
    let hint = |fail: bool| {
        if minting != 0 && m.unsigned_abs() <= 5 {
            format!("this machine's clock agrees with the server's ({m:+} s): the clock offset {minting:+} s is what is off; drop it: --clock-offset 0 (a profile: pkjwt profile set NAME --unset clock-offset)")
        } else if fail {
            format!("fix NTP, or compensate with --clock-offset {m}")
        } else {
            format!("fix NTP, or --clock-offset {m}")
        }
    };
    match o {
        o if o.unsigned_abs() <= 5 => Check::new(
            "clock",
            Status::Pass,
            format!("the clock{with} agrees with the server's ({o:+} s)"),
            "",
        ),
        o if o.unsigned_abs() <= 30 => Check::new(
            "clock",
            Status::Warn,
            format!(
                "the clock{with} is {} s {} the server's",
                o.unsigned_abs(),
                if o > 0 { "behind" } else { "ahead of" }
            ),
            hint(false),
        ),
        o => Check::new(
            "clock",
            Status::Fail,
            format!(
                "the clock{with} is {} s {} the server's",
                o.unsigned_abs(),
                if o > 0 { "behind" } else { "ahead of" }
            ),
            hint(true),
        ),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::diagnose::test_support::*;

    fn statuses(checks: &[Check]) -> Vec<(&'static str, Status)> {
        checks.iter().map(|c| (c.name(), c.status)).collect()
    }

    fn good_evidence(e: &Entry) -> Evidence {
        let mut ev = Evidence {
            metadata: Some(metadata(json!({
                "token_endpoint_auth_methods_supported": ["private_key_jwt"],
                "token_endpoint_auth_signing_alg_values_supported": ["ES256", "PS256"],
            }))),
            clock_offset: Some(0),
            ..Default::default()
        };
        ev.registration_read(
            json!({
                "client_id": "client",
                "token_endpoint_auth_method": "private_key_jwt",
                "token_endpoint_auth_signing_alg": "ES256",
                "jwks": {"keys": [jwk(e)]},
            }),
            "rat",
        );
        ev
    }

    fn input<'a>(ev: &'a Evidence, e: &'a Entry, token: Token<'a>) -> Input<'a> {
        Input {
            evidence: ev,
            issuer_known: true,
            method: "private_key_jwt",
            alg: Alg::ES256,
            kid: &e.kid,
            entry: Some(e),
            now: crate::oauth::assertion::now(),
            token_date: None,
            minting_offset: 0,
            token,
        }
    }

    #[test]
    fn a_good_client_passes_every_check() {
        let e = entry(Alg::ES256, "k1", 365);
        let ev = good_evidence(&e);
        let body = json!({"token_type": "Bearer", "scope": "api:read"});
        let checks = checklist(&input(
            &ev,
            &e,
            Token::Issued {
                url: TOKEN,
                body: &body,
            },
        ));
        assert_eq!(
            statuses(&checks),
            [
                ("metadata", Status::Pass),
                ("auth-method", Status::Pass),
                ("signing-alg", Status::Pass),
                ("registration", Status::Pass),
                ("registered-method", Status::Pass),
                ("registered-alg", Status::Pass),
                ("registered-key", Status::Pass),
                ("certificate", Status::Pass),
                ("clock", Status::Pass),
                ("token", Status::Pass),
            ]
        );
        assert_eq!(failed(&checks), 0);
        assert_eq!(
            checks.last().unwrap().finding.message,
            format!("{TOKEN} issued a Bearer token for api:read")
        );
        // The JSON of a check keeps its field names, in order.
        assert_eq!(
            serde_json::to_string(&checks[0]).unwrap(),
            format!(
                "{{\"name\":\"metadata\",\"status\":\"pass\",\"message\":\"{ISS}/.well-known/openid-configuration (issuer matches)\",\"hint\":\"\"}}"
            )
        );
    }

    #[test]
    fn a_broken_client_fails_with_the_cause() {
        let e = entry(Alg::ES256, "k1", 10);
        let other = entry(Alg::ES256, "k1", 10);
        let mut ev = Evidence {
            metadata: Some(metadata(json!({
                "token_endpoint_auth_methods_supported": ["client_secret_basic"],
                "token_endpoint_auth_signing_alg_values_supported": ["PS256"],
            }))),
            jwks_uri: Some(("https://client.example/jwks".into(), Err("refused".into()))),
            ..Default::default()
        };
        ev.registration_read(
            json!({
                "token_endpoint_auth_method": "client_secret_basic",
                "token_endpoint_auth_signing_alg": "PS256",
                "jwks": {"keys": [jwk(&other)]},
            }),
            "rat",
        );
        let causes = vec![Finding::new(
            "auth-method-mismatch",
            Severity::Error,
            "registered for client_secret_basic",
            "register anew",
        )];
        let mut i = input(
            &ev,
            &e,
            Token::Refused {
                url: TOKEN,
                error: "invalid_client".into(),
                causes: &causes,
            },
        );
        // The server's clock is 100 s ahead of the minting clock.
        let date = http_date(i.now + 100);
        i.token_date = Some(&date);
        let checks = checklist(&i);
        assert_eq!(
            statuses(&checks),
            [
                ("metadata", Status::Pass),
                ("auth-method", Status::Fail),
                ("signing-alg", Status::Fail),
                ("registration", Status::Pass),
                ("registered-method", Status::Fail),
                ("registered-alg", Status::Fail),
                ("registered-key", Status::Fail),
                ("jwks-uri", Status::Fail),
                ("certificate", Status::Warn),
                ("clock", Status::Fail),
                ("token", Status::Fail),
            ]
        );
        assert_eq!(failed(&checks), 8);
        let by = |n: &str| checks.iter().find(|c| c.name() == n).unwrap();
        assert_eq!(
            by("registered-key").finding.message,
            "kid k1 in the registered jwks is a different key than the keystore's"
        );
        assert_eq!(
            by("clock").finding.message,
            "the clock is 100 s behind the server's"
        );
        assert_eq!(by("clock").finding.severity, Severity::Error);
        assert_eq!(
            by("token").finding.hint,
            "register anew (auth-method-mismatch)"
        );
        assert!(by("certificate")
            .finding
            .message
            .starts_with("the certificate of k1 expires in"));
    }

    #[test]
    fn what_cannot_be_checked_is_skipped() {
        let e = entry(Alg::ES256, "k1", 365);
        let ev = Evidence::default();
        let mut i = input(
            &ev,
            &e,
            Token::NoEndpoint("the token_endpoint is not known".into()),
        );
        i.issuer_known = false;
        let checks = checklist(&i);
        assert_eq!(
            statuses(&checks),
            [
                ("metadata", Status::Skip),
                ("registration", Status::Skip),
                ("certificate", Status::Pass),
                ("token", Status::Fail),
                ("clock", Status::Skip),
            ]
        );
        // The minting offset is taken off the measured one.
        let ev = Evidence {
            clock_offset: Some(20),
            ..Default::default()
        };
        let mut i = input(&ev, &e, Token::Skipped);
        i.minting_offset = 20;
        let checks = checklist(&i);
        assert_eq!(
            checks.last().unwrap().finding.message,
            "the clock (with clock offset +20 s) agrees with the server's (+0 s)"
        );
        // A profile's offset where the clocks agree: 0 is right, not 600.
        let agree = Evidence {
            clock_offset: Some(0),
            ..Default::default()
        };
        let mut j = input(&agree, &e, Token::Skipped);
        j.minting_offset = -600;
        let clock = checklist(&j).pop().unwrap();
        assert_eq!(clock.status, Status::Fail);
        assert!(
            clock.finding.hint.contains("--clock-offset 0"),
            "{}",
            clock.finding.hint
        );
        assert!(
            !clock.finding.hint.contains("--clock-offset 600"),
            "{}",
            clock.finding.hint
        );
        // No Date header: skipped, saying why and what the offset is.
        let none = Evidence::default();
        let mut j = input(&none, &e, Token::Skipped);
        j.minting_offset = -600;
        let clock = checklist(&j).pop().unwrap();
        assert_eq!(clock.status, Status::Skip);
        assert!(clock.finding.message.contains("no Date header"));
        assert!(clock.finding.message.contains("-600"));
        i.minting_offset = 0;
        let clock = checklist(&i).pop().unwrap();
        assert_eq!(clock.status, Status::Warn);
        assert_eq!(clock.finding.hint, "fix NTP, or --clock-offset 20");
    }
}
