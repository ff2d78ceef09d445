//! Gathering evidence about a client and its server, as data: the server's
//! metadata (and whether it looks FAPI 2.0 strict), the clock offset from a
//! `Date` header, the RFC 7592 registration, and the hosted JWKS. Also the
//! findings only that evidence can give, and the diagnosis [`Context`] it
//! makes.
//!
//! Failures are recorded in the [`Evidence`], never fatal: diagnosis works
//! with what it gets. Nothing is printed or saved: a registration access
//! token the server rotated is returned in
//! [`Evidence::rotated_registration_access_token`] for the caller to keep.

use std::path::Path;

use serde_json::Value;

use super::checks::{Context, Decoded};
use super::{Finding, Severity};
use crate::keystore::Keystore;
use crate::oauth::client::Client;
use crate::oauth::discovery::Metadata;
use crate::oauth::http::Http;

/// What pkjwt could learn about the client and the server.
#[derive(Clone, Debug, Default)]
pub struct Evidence {
    /// The issuer's metadata, when it was read.
    pub metadata: Option<Metadata>,
    /// Why the metadata could not be read.
    pub metadata_error: Option<String>,
    /// Server clock minus local clock, in seconds.
    pub clock_offset: Option<i64>,
    /// The RFC 7592 registration, when readable.
    pub registration: Option<Value>,
    /// Why the registration could not be read.
    pub registration_error: Option<String>,
    /// The hosted JWKS (the profile's or the registration's jwks_uri), or
    /// why it could not be fetched.
    pub jwks_uri: Option<(String, Result<Value, String>)>,
    /// A new registration access token the server sent when the
    /// registration was read: the old one may no longer work.
    pub rotated_registration_access_token: Option<String>,
}

/// Where the evidence about one client is: plain values, from a profile
/// or from options.
#[derive(Clone, Copy, Debug, Default)]
#[non_exhaustive]
pub struct Sources<'a> {
    /// The issuer, when known.
    pub issuer: Option<&'a str>,
    /// The issuer's metadata, when the caller fetched it already.
    pub metadata: Option<&'a Metadata>,
    /// RFC 7592: the client configuration endpoint and the registration
    /// access token.
    pub registration: Option<(&'a str, &'a str)>,
    /// The client's hosted JWKS, when known without the registration.
    pub jwks_uri: Option<&'a str>,
}

/// Parse an HTTP date ("Sun, 06 Nov 1994 08:49:37 GMT", RFC 9110
/// section 5.6.7) to unix seconds.
pub(crate) fn parse_http_date(s: &str) -> Option<i64> {
    let t = httpdate::parse_http_date(s.trim()).ok()?;
    let secs = t.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    i64::try_from(secs).ok()
}

/// Server clock minus `now` from a `Date` header read at `now`; offsets
/// within the header's one-second resolution count as zero.
pub fn offset_from_date(date: Option<&str>, now: i64) -> Option<i64> {
    let server = parse_http_date(date?)?;
    Some(round_offset(server.saturating_sub(now)))
}

/// Offsets of two seconds or less are the `Date` header's resolution.
pub(crate) fn round_offset(off: i64) -> i64 {
    if off.unsigned_abs() <= 2 {
        0
    } else {
        off
    }
}

impl Evidence {
    /// Record the issuer's metadata (fetched with `http`), and the clock
    /// offset from its `Date` header when none is known yet.
    pub(crate) fn add_metadata(&mut self, http: &Http, issuer: &str, now: i64) {
        match crate::oauth::discovery::discover(http, issuer) {
            Ok(md) => self.use_metadata(md, now),
            Err(e) => self.metadata_error = Some(e.to_string()),
        }
    }

    /// Record metadata fetched at `now` (its `Date` header gives the clock
    /// offset when nothing better is known).
    pub fn use_metadata(&mut self, md: Metadata, now: i64) {
        if self.clock_offset.is_none() {
            self.clock_offset = offset_from_date(md.date.as_deref(), now);
        }
        self.metadata = Some(md);
    }

    /// Record the RFC 7592 registration and the hosted JWKS.
    pub(crate) fn add_client(&mut self, http: &Http, src: &Sources) {
        if let Some((uri, rat)) = src.registration {
            match crate::oauth::registration::read(http, uri, rat) {
                Ok(reg) => {
                    self.registration_read(reg, rat);
                }
                Err(e) => self.registration_error = Some(e.to_string()),
            }
        }
        if let Some(uri) = self.hosted_jwks_uri(src) {
            let res = http
                .get_json(&uri, None)
                .map(|r| r.body)
                .map_err(|e| e.to_string());
            self.jwks_uri = Some((uri, res));
        }
    }

    /// Keep a registration read with the access token `rat`, noting a
    /// rotated token (some servers rotate it on every call).
    pub fn registration_read(&mut self, reg: Value, rat: &str) {
        if let Some(new) = reg.get("registration_access_token").and_then(Value::as_str) {
            if new != rat {
                self.rotated_registration_access_token = Some(new.to_string());
            }
        }
        self.registration = Some(reg);
    }

    /// The jwks_uri to fetch: the given one, else the registration's.
    pub(crate) fn hosted_jwks_uri(&self, src: &Sources) -> Option<String> {
        src.jwks_uri.map(String::from).or_else(|| {
            self.registration
                .as_ref()
                .and_then(|reg| reg.get("jwks_uri"))
                .and_then(Value::as_str)
                .map(String::from)
        })
    }

    /// The keys of the registration's inline jwks.
    pub fn registered_keys(&self) -> Option<&Vec<Value>> {
        self.registration
            .as_ref()
            .and_then(|reg| reg.get("jwks"))
            .and_then(|j| j.get("keys"))
            .and_then(Value::as_array)
    }

    /// The keys the jwks_uri served.
    pub fn hosted_keys(&self) -> Option<&Vec<Value>> {
        self.jwks_uri
            .as_ref()
            .and_then(|(_, r)| r.as_ref().ok())
            .and_then(|j| j.get("keys"))
            .and_then(Value::as_array)
    }

    /// Use the keys the server uses, when known: the registration's, else
    /// the hosted JWKS. False when neither is known.
    pub fn server_keys_into(&self, ctx: &mut Context) -> bool {
        if let Some(keys) = self.registered_keys() {
            ctx.jwks = Some(keys.clone());
            ctx.jwks_source = "the registered jwks".into();
            true
        } else if let (Some(keys), Some((uri, _))) = (self.hosted_keys(), &self.jwks_uri) {
            ctx.jwks = Some(keys.clone());
            ctx.jwks_source = format!("the jwks_uri {uri}");
            true
        } else {
            false
        }
    }
}

/// Gather evidence: the clock offset from `date` (a `Date` header read at
/// `now`), the issuer's metadata, the registration and the hosted JWKS.
pub fn gather(http: &Http, src: &Sources, date: Option<&str>, now: i64) -> Evidence {
    let mut ev = Evidence {
        clock_offset: offset_from_date(date, now),
        ..Default::default()
    };
    match (src.metadata, src.issuer) {
        (Some(md), _) => ev.use_metadata(md.clone(), now),
        (None, Some(issuer)) => ev.add_metadata(http, issuer, now),
        (None, None) => {}
    }
    ev.add_client(http, src);
    ev
}

/// Does the metadata look like FAPI 2.0 (private_key_jwt or mTLS only; PS256/ES256 only)?
pub(crate) fn looks_strict(md: &Metadata) -> bool {
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

/// What the metadata tells the checks: the algorithms, strictness, the
/// token endpoint when not known.
pub(crate) fn apply_metadata(ctx: &mut Context, md: &Metadata) {
    ctx.server_algs = md.list("token_endpoint_auth_signing_alg_values_supported");
    ctx.strict_aud |= looks_strict(md);
    if ctx.token_endpoint.is_none() {
        ctx.token_endpoint = md.str("token_endpoint").map(String::from);
    }
}

/// Use a keystore's public keys (when no other keys are known) and its
/// certificates (for x5t).
pub(crate) fn keystore_into(ctx: &mut Context, ks: &Keystore, path: &Path) {
    if ctx.jwks.is_none() {
        let entries: Vec<_> = ks.entries.iter().collect();
        if let Some(keys) = crate::keystore::jwks::jwks(ks, &entries, false)["keys"].as_array() {
            ctx.jwks = Some(keys.clone());
            ctx.jwks_source = format!("the keystore {}", path.display());
        }
    }
    for e in &ks.entries {
        if let Some(c) = &e.cert {
            ctx.certs.insert(e.kid.clone(), c.clone());
        }
    }
}

/// The diagnosis context for `client`'s assertions sent to `endpoint`.
/// The keys are the server's when known, else the keystore's.
pub fn context(
    client: &Client,
    ev: &Evidence,
    endpoint: Option<&str>,
    ks: &Keystore,
    keystore_path: &Path,
    now: i64,
) -> Context {
    let mut ctx = Context {
        now,
        clock_offset: ev.clock_offset,
        tolerance: 0,
        issuer: client.issuer.clone(),
        client_id: Some(client.client_id.clone()),
        token_endpoint: client.endpoints.get("token_endpoint").cloned(),
        endpoint: endpoint.map(String::from),
        ..Default::default()
    };
    if let Some(md) = &ev.metadata {
        apply_metadata(&mut ctx, md);
    }
    ev.server_keys_into(&mut ctx);
    keystore_into(&mut ctx, ks, keystore_path);
    ctx
}

/// The finding for metadata that could not be read.
pub fn metadata_unreachable(error: &str) -> Finding {
    Finding::new(
        "metadata-unreachable",
        Severity::Warning,
        format!("the server's metadata could not be read: {error}"),
        "the offline checks still ran; server-specific checks (algorithms, strictness, clock) did not",
    )
}

/// Findings only the evidence can give (registration, hosted JWKS, jti reuse).
pub(crate) fn evidence_findings(ev: &Evidence, fixed_jti: bool, d: &Decoded) -> Vec<Finding> {
    let mut out = Vec::new();
    let alg = d.header.get("alg").and_then(Value::as_str).unwrap_or("");
    let kid = d.header.get("kid").and_then(Value::as_str).unwrap_or("");
    if let Some(reg) = &ev.registration {
        if let Some(m) = reg
            .get("token_endpoint_auth_method")
            .and_then(Value::as_str)
        {
            if m != "private_key_jwt" {
                out.push(Finding::new(
                    "auth-method-mismatch",
                    Severity::Error,
                    format!("the client is registered with token_endpoint_auth_method {m}, not private_key_jwt"),
                    "update the registration to private_key_jwt (RFC 7592 PUT, or the server's console), or register a new client with `pkjwt register`",
                ));
            }
        }
        if let Some(a) = reg
            .get("token_endpoint_auth_signing_alg")
            .and_then(Value::as_str)
        {
            if a != alg && !alg.is_empty() {
                out.push(Finding::new(
                    "alg-not-registered",
                    Severity::Error,
                    format!("the client registered token_endpoint_auth_signing_alg {a}, and the assertion is {alg}"),
                    format!("sign with {a} (--alg {a}), or update the registration's algorithm"),
                ));
            }
        }
    }
    if let Some((uri, Err(e))) = &ev.jwks_uri {
        out.push(Finding::new(
            "jwks-uri-unreachable",
            Severity::Error,
            format!("the client's jwks_uri {uri} does not answer from here: {e}"),
            "the server fetches your keys there: serve `pkjwt jwks` output at that URL (reachable from the server), or register the keys inline",
        ));
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
            out.push(Finding::new(
                "kid-not-published",
                Severity::Error,
                format!("{uri} does not serve kid {kid}"),
                "publish the current JWKS there (`pkjwt jwks --keystore ... --out ...`); servers cache it, so allow a few minutes",
            ));
        }
    }
    if fixed_jti {
        out.push(Finding::new(
            "jti-reused",
            Severity::Error,
            "the jti was fixed with --claim jti=...: every request after the first reuses it",
            "let pkjwt mint a fresh jti per request (drop --claim jti=...); servers refuse a jti they have seen",
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;

    use super::*;
    use crate::diagnose::decode;
    use crate::diagnose::test_support::*;
    use crate::keystore::keys::Alg;
    use crate::oauth::client::Aud;

    #[test]
    fn http_dates_and_offsets() {
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784111777)
        );
        assert_eq!(parse_http_date("garbage"), None);
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37"), None);
        let date = http_date(NOW + 90);
        assert_eq!(offset_from_date(Some(&date), NOW), Some(90));
        assert_eq!(offset_from_date(Some(&date), NOW + 92), Some(0));
        assert_eq!(offset_from_date(Some(&date), NOW + 200), Some(-110));
        assert_eq!(offset_from_date(None, NOW), None);
    }

    #[test]
    fn a_registration_read_from_canned_json() {
        let e = entry(Alg::ES256, "k1", 30);
        let reg = json!({
            "client_id": "client",
            "registration_access_token": "rotated",
            "jwks_uri": "https://client.example/jwks",
            "jwks": {"keys": [jwk(&e)]},
        });
        let mut ev = Evidence::default();
        ev.registration_read(reg.clone(), "old");
        // A new token is handed back to the caller, nothing is saved.
        assert_eq!(
            ev.rotated_registration_access_token.as_deref(),
            Some("rotated")
        );
        assert_eq!(ev.registered_keys().unwrap()[0]["kid"], "k1");
        // The registration names the jwks_uri when the profile does not.
        let src = Sources::default();
        assert_eq!(
            ev.hosted_jwks_uri(&src).as_deref(),
            Some("https://client.example/jwks")
        );
        let mine = Sources {
            jwks_uri: Some("https://mine.example/jwks"),
            ..Default::default()
        };
        assert_eq!(
            ev.hosted_jwks_uri(&mine).as_deref(),
            Some("https://mine.example/jwks")
        );
        // The same token: no rotation.
        let mut same = Evidence::default();
        same.registration_read(reg, "rotated");
        assert!(same.rotated_registration_access_token.is_none());
    }

    #[test]
    fn strict_metadata_and_what_it_tells_the_checks() {
        let strict = metadata(json!({
            "token_endpoint_auth_methods_supported": ["private_key_jwt", "self_signed_tls_client_auth"],
            "token_endpoint_auth_signing_alg_values_supported": ["PS256", "ES256"],
        }));
        assert!(looks_strict(&strict));
        for lax in [
            json!({"token_endpoint_auth_methods_supported": ["private_key_jwt", "client_secret_basic"],
                   "token_endpoint_auth_signing_alg_values_supported": ["PS256"]}),
            json!({"token_endpoint_auth_methods_supported": ["private_key_jwt"],
                   "token_endpoint_auth_signing_alg_values_supported": ["RS256", "PS256"]}),
            json!({"token_endpoint_auth_methods_supported": ["private_key_jwt"]}),
        ] {
            assert!(!looks_strict(&metadata(lax.clone())), "{lax}");
        }
        let mut ctx = Context::default();
        apply_metadata(&mut ctx, &strict);
        assert!(ctx.strict_aud);
        assert_eq!(ctx.token_endpoint.as_deref(), Some(TOKEN));
        assert_eq!(
            ctx.server_algs,
            Some(vec!["PS256".to_string(), "ES256".to_string()])
        );
    }

    #[test]
    fn the_context_prefers_the_servers_keys() {
        let e = entry(Alg::ES256, "k1", 30);
        let mut ks = Keystore::new();
        ks.add(e.clone(), Path::new("client.p12")).unwrap();
        let client = Client {
            client_id: "client".into(),
            issuer: Some(ISS.into()),
            signer: signer(&e),
            aud: Aud::Issuer,
            endpoints: BTreeMap::new(),
            lifetime: 60,
            typ: None,
            x5t: None,
            nbf: false,
            extra_claims: serde_json::Map::new(),
            clock_offset: 0,
            send_client_id: true,
            auth: Default::default(),
            dpop: None,
        };
        let path = Path::new("client.p12");
        // Nothing known of the server: the keystore's keys.
        let mut ev = Evidence::default();
        let c = context(&client, &ev, Some(TOKEN), &ks, path, NOW);
        assert_eq!(c.jwks_source, "the keystore client.p12");
        assert!(c.certs.contains_key("k1"));
        assert_eq!(c.token_endpoint, None);
        // The hosted JWKS, then the registration, win.
        ev.metadata = Some(metadata(json!({})));
        ev.jwks_uri = Some((
            "https://client.example/jwks".into(),
            Ok(json!({"keys": []})),
        ));
        let c = context(&client, &ev, Some(TOKEN), &ks, path, NOW);
        assert_eq!(c.jwks_source, "the jwks_uri https://client.example/jwks");
        assert_eq!(c.token_endpoint.as_deref(), Some(TOKEN));
        ev.registration_read(json!({"jwks": {"keys": [jwk(&e)]}}), "rat");
        let c = context(&client, &ev, Some(TOKEN), &ks, path, NOW);
        assert_eq!(c.jwks_source, "the registered jwks");
    }

    #[test]
    fn findings_of_the_hosted_jwks() {
        let e = entry(Alg::ES256, "k1", 30);
        let d = decode(&assertion(&e, ISS)).unwrap();
        let ev = Evidence {
            jwks_uri: Some((
                "https://client.example/jwks".into(),
                Ok(json!({"keys": [{"kid": "other"}]})),
            )),
            ..Default::default()
        };
        let fs = evidence_findings(&ev, false, &d);
        assert_eq!(fs.len(), 1);
        assert_eq!(fs[0].code, "kid-not-published");
        assert_eq!(
            fs[0].message,
            "https://client.example/jwks does not serve kid k1"
        );
        // Inline registered keys decide instead.
        let mut ev2 = ev.clone();
        ev2.registration_read(json!({"jwks": {"keys": []}}), "rat");
        assert!(evidence_findings(&ev2, false, &d).is_empty());
        assert_eq!(
            metadata_unreachable("timeout").message,
            "the server's metadata could not be read: timeout"
        );
    }
}
