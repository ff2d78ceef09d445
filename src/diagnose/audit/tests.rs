//! The audit workflow against a server written here: a strict one that
//! checks what rfc7523bis asks, with holes to open one at a time.

use std::collections::HashSet;
use std::time::Duration;

use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::{json, Value};

use super::*;
use crate::keystore::keys::{Alg, KeyPair, PublicKey};
use crate::keystore::Entry;
use crate::oauth::assertion::Signer;
use crate::oauth::client::{Aud, ClientAuth};

const ISSUER: &str = "https://as.example";
const TOKEN: &str = "https://as.example/token";

fn client() -> Client {
    let entry = Entry::new(
        "k1".into(),
        KeyPair::generate(Alg::ES256, 2048).unwrap(),
        None,
        None,
    );
    Client {
        client_id: "app".into(),
        issuer: Some(ISSUER.into()),
        signer: Signer::new(&entry, Alg::ES256).unwrap(),
        aud: Aud::Issuer,
        endpoints: Default::default(),
        lifetime: 60,
        typ: None,
        x5t: None,
        nbf: false,
        extra_claims: Default::default(),
        clock_offset: 0,
        send_client_id: true,
        auth: ClientAuth::PrivateKeyJwt,
        dpop: None,
    }
}

/// A server that checks assertions as rfc7523bis asks, with `holes` open.
struct Server {
    key: PublicKey,
    holes: Vec<&'static str>,
    seen: HashSet<String>,
    sent: Vec<Vec<(String, String)>>,
    revoked: usize,
    slept: Vec<Duration>,
    /// Answers to give first (a 429, a 503), before judging.
    canned: Vec<Result<Response, HttpError>>,
}

impl Server {
    fn new(c: &Client, holes: &[&'static str]) -> Server {
        Server {
            key: PublicKey::from_jwk(&Value::Object(c.signer.public_jwk().clone())).unwrap(),
            holes: holes.to_vec(),
            seen: HashSet::new(),
            sent: vec![],
            revoked: 0,
            slept: vec![],
            canned: vec![],
        }
    }

    fn judge(&mut self, form: &[(String, String)]) -> Result<(), &'static str> {
        let get = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        let jwt = get("client_assertion").ok_or("no assertion")?;
        let d = crate::oauth::jwt::decode(jwt).map_err(|_| "not a JWT")?;
        let (h, c) = (&d.header, &d.claims);
        let open = |hole: &str| self.holes.contains(&hole);
        let (input, sig) = jwt.rsplit_once('.').unwrap();
        let sig = Base64UrlUnpadded::decode_vec(sig).unwrap_or_default();
        let signed = match h["alg"].as_str() {
            Some("ES256") if h.get("jwk").is_some() && open("jwk-header-injection") => true,
            Some("ES256") => self.key.verify(Alg::ES256, input.as_bytes(), &sig),
            Some("none") => open("alg-none"),
            _ => false,
        };
        if !signed {
            return Err("signature");
        }
        let now = assertion::now();
        let other_sub = c["sub"].is_string() && open("iss-sub-differ");
        if c["iss"] != "app" || (c["sub"] != "app" && !other_sub) {
            return Err("iss/sub");
        }
        if get("client_id").is_some_and(|id| id != "app") {
            return Err("client_id");
        }
        let aud_ok = c["aud"] == ISSUER
            || (open("aud-array-with-extra")
                && c["aud"]
                    .as_array()
                    .is_some_and(|a| a.len() > 1 && a[0] == ISSUER));
        if !aud_ok {
            return Err("aud");
        }
        let exp = c["exp"].as_i64().ok_or("exp")?;
        if exp <= now && !open("exp-past") {
            return Err("expired");
        }
        if c["nbf"].as_i64().is_some_and(|n| n > now) {
            return Err("nbf");
        }
        let jti = c["jti"].as_str().ok_or("jti")?;
        if !self.seen.insert(jti.to_string()) && !open("jti-replay") {
            return Err("replay");
        }
        Ok(())
    }
}

fn refusal(status: u16, error: &str, retry_after: Option<&str>) -> HttpError {
    HttpError::OAuth {
        url: TOKEN.into(),
        status,
        error: error.into(),
        description: None,
        uri: None,
        body: json!({"error": error}),
        date: None,
        retry_after: retry_after.map(String::from),
        dpop_nonce: None,
    }
}

fn token() -> Response {
    Response {
        status: 200,
        body: json!({"access_token": "at", "token_type": "Bearer"}),
        date: None,
        dpop_nonce: None,
        cache_lifetime: None,
    }
}

impl Transport for Server {
    fn send(&mut self, form: &[(String, String)]) -> Result<Result<Response, HttpError>, Error> {
        self.sent.push(form.to_vec());
        if !self.canned.is_empty() {
            return Ok(self.canned.remove(0));
        }
        Ok(match self.judge(form) {
            Ok(()) => Ok(token()),
            Err(_) => Err(refusal(401, "invalid_client", None)),
        })
    }
    fn revoke(&mut self, body: &Value) -> Option<String> {
        assert_eq!(body["access_token"], "at");
        self.revoked += 1;
        None
    }
    fn sleep(&mut self, d: Duration) {
        self.slept.push(d);
    }
}

fn wrongly(r: &Report, v: Verdict) -> Vec<&'static str> {
    r.cases
        .iter()
        .filter(|x| x.verdict == v)
        .map(|x| x.case.id)
        .collect()
}

#[test]
fn a_strict_server_gets_every_case_as_expected() {
    let c = client();
    let mut s = Server::new(&c, &[]);
    let opts = AuditOptions::new(Rules::Rfc7523bis);
    let r = run(&opts, &c, TOKEN, &mut s, &crate::progress::Silent).unwrap();
    assert_eq!(r.cases.len(), CASES.len());
    assert!(wrongly(&r, Verdict::WronglyAccepted).is_empty());
    // This server does not know client-authentication+jwt, and ignores it: accepted.
    assert!(wrongly(&r, Verdict::WronglyRefused).is_empty());
    assert!(wrongly(&r, Verdict::Unknown).is_empty());
    assert_eq!(r.requests, opts.requests());
    assert_eq!(s.sent.len(), opts.requests());
    // The good one, typ-client-authentication, and the policy cases it accepted.
    assert_eq!(r.revoked, s.revoked);
    assert!(r.revoked >= 2);
    assert!(s.slept.is_empty());
    assert!(r.failures(Severity::Low).is_empty());
}

#[test]
fn each_hole_is_named_and_nothing_else() {
    for hole in [
        "alg-none",
        "jwk-header-injection",
        "iss-sub-differ",
        "aud-array-with-extra",
        "exp-past",
        "jti-replay",
    ] {
        let c = client();
        let mut s = Server::new(&c, &[hole]);
        let opts = AuditOptions::new(Rules::Rfc7523bis);
        let r = run(&opts, &c, TOKEN, &mut s, &crate::progress::Silent).unwrap();
        assert_eq!(wrongly(&r, Verdict::WronglyAccepted), [hole], "{hole}");
        assert!(wrongly(&r, Verdict::WronglyRefused).is_empty(), "{hole}");
    }
}

#[test]
fn under_rfc7523_the_audience_cases_are_policy() {
    let c = client();
    let mut s = Server::new(&c, &["aud-array-with-extra"]);
    let opts = AuditOptions::new(Rules::Rfc7523)
        .with_cases(&["aud-array-with-extra".into(), "aud-token-endpoint".into()])
        .unwrap();
    let r = run(&opts, &c, TOKEN, &mut s, &crate::progress::Silent).unwrap();
    assert_eq!(wrongly(&r, Verdict::Policy).len(), 2);
    assert_eq!(r.requests, 3);
}

#[test]
fn a_refused_good_assertion_stops_before_any_case() {
    let c = client();
    let mut s = Server::new(&c, &[]);
    s.canned.push(Err(refusal(401, "invalid_client", None)));
    let e = run(
        &AuditOptions::new(Rules::Rfc7523bis),
        &c,
        TOKEN,
        &mut s,
        &crate::progress::Silent,
    )
    .unwrap_err();
    assert!(matches!(
        e,
        Error::Audit(AuditError::GoodRefused {
            status: Some(401),
            ..
        })
    ));
    assert_eq!(s.sent.len(), 1);
}

#[test]
fn a_429_is_waited_once_then_the_audit_stops_and_names_what_remains() {
    let c = client();
    let mut s = Server::new(&c, &[]);
    let ids: Vec<String> = ["alg-none", "exp-past", "aud-wrong"]
        .map(String::from)
        .to_vec();
    let opts = AuditOptions::new(Rules::Rfc7523bis)
        .with_cases(&ids)
        .unwrap();
    // The good one, then alg-none: 429 (wait 2 s), 429 again: stop.
    s.canned = vec![
        Ok(token()),
        Err(refusal(429, "slow_down", Some("2"))),
        Err(refusal(429, "slow_down", Some("2"))),
    ];
    let progress = crate::progress::Collect::default();
    let r = run(&opts, &c, TOKEN, &mut s, &progress).unwrap();
    assert_eq!(s.slept, [Duration::from_secs(2)]);
    let stop = r.stopped.as_ref().unwrap();
    assert_eq!(stop.case, "alg-none");
    assert_eq!(stop.status, Some(429));
    assert_eq!(stop.retry_after, Some(2));
    assert_eq!(stop.remaining, ["exp-past", "aud-wrong"]);
    assert_eq!(r.requests, 3);
    assert!(r.cases.iter().all(|x| x.verdict == Verdict::Unknown));
    assert!(progress.of("warn")[0].contains("not sent: exp-past, aud-wrong"));
}

#[test]
fn a_long_retry_after_or_a_5xx_stops_at_once() {
    let c = client();
    let mut s = Server::new(&c, &[]);
    s.canned = vec![
        Ok(token()),
        Err(refusal(503, "temporarily_unavailable", Some("3600"))),
    ];
    let r = run(
        &AuditOptions::new(Rules::Rfc7523bis),
        &c,
        TOKEN,
        &mut s,
        &crate::progress::Silent,
    )
    .unwrap();
    assert!(s.slept.is_empty());
    assert_eq!(r.requests, 2);
    assert_eq!(r.stopped.unwrap().remaining.len(), CASES.len() - 1);
}

#[test]
fn the_delay_comes_between_requests() {
    let c = client();
    let mut s = Server::new(&c, &[]);
    let mut opts = AuditOptions::new(Rules::Rfc7523bis)
        .with_cases(&["alg-none".into(), "aud-wrong".into()])
        .unwrap();
    opts.delay = Duration::from_millis(1500);
    run(&opts, &c, TOKEN, &mut s, &crate::progress::Silent).unwrap();
    assert_eq!(s.slept, [Duration::from_millis(1500); 2]);
    opts.delay = Duration::from_secs(61);
    assert!(run(&opts, &c, TOKEN, &mut s, &crate::progress::Silent).is_err());
    assert!(AuditOptions::new(Rules::Fapi2)
        .with_cases(&["nope".into()])
        .is_err());
}

#[test]
fn an_aud_the_good_assertion_sends_already_is_not_sent_again() {
    let mut c = client();
    c.aud = Aud::Url(TOKEN.into());
    c.endpoints.insert("token_endpoint".into(), TOKEN.into());
    let mut s = Server::new(&c, &[]);
    // This server takes the token endpoint as aud (its good assertion's).
    s.holes.push("aud-token-endpoint");
    let opts = AuditOptions::new(Rules::Rfc7523bis)
        .with_cases(&["aud-token-endpoint".into()])
        .unwrap();
    s.canned.push(Ok(token()));
    let r = run(&opts, &c, TOKEN, &mut s, &crate::progress::Silent).unwrap();
    assert_eq!(r.cases[0].verdict, Verdict::Unknown);
    assert_eq!(r.requests, 1);
}

#[test]
fn the_forms_carry_the_client_id_and_the_scope() {
    let c = client();
    let mut s = Server::new(&c, &[]);
    let mut opts = AuditOptions::new(Rules::Rfc7523bis)
        .with_cases(&["client-id-param-mismatch".into()])
        .unwrap();
    opts.scope = Some("api:read".into());
    run(&opts, &c, TOKEN, &mut s, &crate::progress::Silent).unwrap();
    let ids: Vec<&str> = s
        .sent
        .iter()
        .map(|f| f.iter().find(|(k, _)| k == "client_id").unwrap().1.as_str())
        .collect();
    assert_eq!(ids, ["app", mutate::OTHER_CLIENT]);
    assert!(s
        .sent
        .iter()
        .all(|f| f.contains(&("scope".into(), "api:read".into()))));
}
