//! Tests of every finding, through [`super::check`] on assertions pkjwt
//! mints and then edits.

use std::collections::BTreeMap;

use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::Value;

use super::{check, date, decode, extract_jwt, relative, Context, MAX_DATE};
use crate::diagnose::Severity;
use crate::keystore::keys::{Alg, KeyPair};
use crate::keystore::Entry;
use crate::oauth::assertion::{Params, Signer};

const NOW: i64 = 1_800_000_000;
const ISS: &str = "https://as.example";

fn signer(alg: Alg) -> (Signer, Entry) {
    let key = KeyPair::generate(alg, 2048).unwrap();
    let cert = crate::keystore::cert::self_signed(
        &key,
        &crate::keystore::cert::subject_name("t").unwrap(),
        1,
    )
    .unwrap();
    let e = Entry::new("k1".into(), key, Some(cert), Some(alg));
    (Signer::new(&e, alg).unwrap(), e)
}

fn params() -> Params {
    Params {
        client_id: "client".into(),
        aud: ISS.into(),
        lifetime: 60,
        typ: None,
        x5t: None,
        nbf: false,
        extra: serde_json::Map::new(),
        ..Default::default()
    }
}

fn ctx(e: &Entry) -> Context {
    let jwk = Value::Object(e.public().to_jwk(&e.kid, e.alg()));
    let mut certs = BTreeMap::new();
    certs.insert(e.kid.clone(), e.cert.clone().unwrap());
    Context {
        now: NOW,
        tolerance: 15,
        issuer: Some(ISS.into()),
        client_id: Some("client".into()),
        token_endpoint: Some(format!("{ISS}/token")),
        jwks: Some(vec![jwk]),
        jwks_source: "test".into(),
        certs,
        ..Default::default()
    }
}

fn codes(jwt: &str, c: &Context) -> Vec<&'static str> {
    check(&decode(jwt).unwrap(), c)
        .into_iter()
        .map(|x| x.code)
        .collect()
}

fn with(
    s: &Signer,
    p: &Params,
    header: &[(&str, Value)],
    claims: &[(&str, Option<Value>)],
) -> String {
    let jwt = s.mint(p, NOW, "abcdefghijklmnopqrstuv").unwrap();
    let d = decode(&jwt).unwrap();
    let mut h = d.header.as_object().unwrap().clone();
    for (k, v) in header {
        h.insert((*k).into(), v.clone());
    }
    h.remove("alg");
    h.remove("kid");
    let mut c = d.claims.as_object().unwrap().clone();
    for (k, v) in claims {
        match v {
            Some(v) => c.insert((*k).into(), v.clone()),
            None => c.remove(*k),
        };
    }
    s.sign(&h, &c).unwrap()
}

#[test]
fn a_good_assertion_has_no_error() {
    let (s, e) = signer(Alg::ES256);
    let jwt = s.mint(&params(), NOW, "abcdefghijklmnopqrstuv").unwrap();
    let cs = codes(&jwt, &ctx(&e));
    assert_eq!(cs, vec!["signature-ok"]);
}

#[test]
fn every_claim_finding() {
    let (s, e) = signer(Alg::ES256);
    let c = ctx(&e);
    let p = params();
    type Edit<'a> = Vec<(&'a str, Option<Value>)>;
    let cases: Vec<(Edit, &str)> = vec![
        (vec![("iss", None)], "iss-missing"),
        (vec![("sub", None)], "sub-missing"),
        (vec![("aud", None)], "aud-missing"),
        (vec![("exp", None)], "exp-missing"),
        (vec![("jti", None)], "jti-missing"),
        (vec![("sub", Some("other".into()))], "iss-sub-differ"),
        (
            vec![("iss", Some("x".into())), ("sub", Some("x".into()))],
            "iss-not-client-id",
        ),
        (vec![("aud", Some(serde_json::json!([ISS])))], "aud-array"),
        (
            vec![("aud", Some(format!("{ISS}/").into()))],
            "aud-trailing-slash",
        ),
        (
            vec![("aud", Some("http://as.example".into()))],
            "aud-scheme",
        ),
        (
            vec![("aud", Some("https://elsewhere.example".into()))],
            "aud-unknown",
        ),
        (
            vec![("aud", Some(format!("{ISS}/token").into()))],
            "aud-token-endpoint",
        ),
        (vec![("exp", Some((NOW - 120).into()))], "exp-past"),
        (vec![("nbf", Some((NOW + 600).into()))], "nbf-future"),
        (
            vec![
                ("iat", Some((NOW + 600).into())),
                ("exp", Some((NOW + 660).into())),
            ],
            "iat-future",
        ),
        (vec![("exp", Some((NOW + 120).into()))], "lifetime-long"),
        (
            vec![("exp", Some((NOW + 600).into()))],
            "lifetime-over-5min",
        ),
        (vec![("exp", Some((NOW + 7200).into()))], "lifetime-over-1h"),
        (vec![("jti", Some("abc".into()))], "jti-short"),
        (vec![("exp", Some("soon".into()))], "claim-type"),
    ];
    for (claims, code) in cases {
        let jwt = with(&s, &p, &[], &claims);
        let cs = codes(&jwt, &c);
        assert!(cs.contains(&code), "{code}: got {cs:?}");
    }
}

#[test]
fn header_and_key_findings() {
    let (s, e) = signer(Alg::ES256);
    let mut c = ctx(&e);
    let jwt = s.mint(&params(), NOW, "abcdefghijklmnopqrstuv").unwrap();
    // kid not in the JWKS.
    let mut other = c.clone();
    other.jwks = Some(vec![
        serde_json::json!({"kty":"EC","kid":"other","crv":"P-256","x":"AA","y":"AA"}),
    ]);
    assert!(codes(&jwt, &other).contains(&"kid-unknown"));
    // The signature does not verify with another key of the same kid.
    let (_, e2) = signer(Alg::ES256);
    let mut wrong = c.clone();
    wrong.jwks = Some(vec![Value::Object(e2.public().to_jwk("k1", Alg::ES256))]);
    assert!(codes(&jwt, &wrong).contains(&"signature-invalid"));
    // alg not supported by the server.
    c.server_algs = Some(vec!["PS256".into()]);
    assert!(codes(&jwt, &c).contains(&"alg-not-supported"));
    c.server_algs = None;
    // HMAC and none.
    let parts: Vec<&str> = jwt.split('.').collect();
    for (alg, code) in [("HS256", "alg-hmac"), ("none", "alg-none")] {
        let h = Base64UrlUnpadded::encode_string(
            format!("{{\"alg\":\"{alg}\",\"kid\":\"k1\"}}").as_bytes(),
        );
        let forged = format!("{h}.{}.{}", parts[1], parts[2]);
        assert!(codes(&forged, &c).contains(&code), "{alg}");
    }
    // Missing kid, wrong x5t, unexpected typ.
    let p = params();
    let jwt2 = with(
        &s,
        &p,
        &[("x5t#S256", "AAAA".into()), ("typ", "foo".into())],
        &[],
    );
    let cs = codes(&jwt2, &c);
    assert!(cs.contains(&"x5t-mismatch"), "{cs:?}");
    assert!(cs.contains(&"typ-unexpected"), "{cs:?}");
    let h = Base64UrlUnpadded::encode_string(b"{\"alg\":\"ES256\"}");
    assert!(codes(&format!("{h}.{}.{}", parts[1], parts[2]), &c).contains(&"kid-missing"));
    // A key of the wrong type for alg.
    let (_, rsa) = signer(Alg::RS256);
    let mut rc = c.clone();
    rc.jwks = Some(vec![Value::Object(rsa.public().to_jwk("k1", Alg::RS256))]);
    assert!(codes(&jwt, &rc).contains(&"alg-key-mismatch"));
    // Strict servers: the token endpoint as aud is an error, RS256 too.
    let mut strict = c.clone();
    strict.strict_aud = true;
    let jwt3 = with(&s, &p, &[], &[("aud", Some(format!("{ISS}/token").into()))]);
    assert!(codes(&jwt3, &strict).contains(&"aud-not-issuer"));
    // A measured clock offset.
    let mut skew = c.clone();
    skew.clock_offset = Some(600);
    let cs = codes(&jwt, &skew);
    assert!(
        cs.contains(&"clock-skew") && cs.contains(&"exp-past"),
        "{cs:?}"
    );
    // A server cap.
    let mut cap = c;
    cap.max_lifetime = Some(30);
    assert!(codes(&jwt, &cap).contains(&"lifetime-over-server-cap"));
}

#[test]
fn the_remaining_findings() {
    let (s, e) = signer(Alg::ES256);
    let c = ctx(&e);
    let p = params();
    // Malformed input.
    for bad in ["a.b", "!!!.e30.c2ln", "e30.bm90anNvbg.c2ln"] {
        assert_eq!(decode(bad).unwrap_err()[0].code, "malformed", "{bad}");
    }
    let b64 = |v: &str| Base64UrlUnpadded::encode_string(v.as_bytes());
    let jwt = s.mint(&p, NOW, "abcdefghijklmnopqrstuv").unwrap();
    let parts: Vec<&str> = jwt.split('.').collect();
    let with_header = |h: &str| format!("{}.{}.{}", b64(h), parts[1], parts[2]);
    assert!(codes(&with_header("{\"kid\":\"k1\"}"), &c).contains(&"alg-missing"));
    assert!(codes(&with_header("{\"alg\":\"ES256\",\"kid\":7}"), &c).contains(&"kid-malformed"));
    assert!(codes(
        &with_header("{\"alg\":\"ES256\",\"kid\":\"k1\",\"crit\":[\"x\"]}"),
        &c
    )
    .contains(&"crit-header"));
    // x5t without a certificate to compare.
    let mut nocert = c.clone();
    nocert.certs.clear();
    let jwt2 = with(&s, &p, &[("x5t", "AAAA".into())], &[]);
    assert!(codes(&jwt2, &nocert).contains(&"x5t-unchecked"));
    // The endpoint called, and an almost-token-endpoint.
    let mut ep = c.clone();
    ep.endpoint = Some(format!("{ISS}/par"));
    let jwt3 = with(&s, &p, &[], &[("aud", Some(format!("{ISS}/par").into()))]);
    assert!(codes(&jwt3, &ep).contains(&"aud-endpoint"));
    let jwt4 = with(
        &s,
        &p,
        &[],
        &[("aud", Some(format!("{ISS}/token/").into()))],
    );
    assert!(codes(&jwt4, &c).contains(&"aud-token-endpoint-mismatch"));
    // exp before iat.
    let jwt5 = with(
        &s,
        &p,
        &[],
        &[("exp", Some((NOW - 10).into())), ("iat", Some(NOW.into()))],
    );
    assert!(codes(&jwt5, &c).contains(&"lifetime-negative"));
    // The JWK's alg differs from the assertion's; FAPI refuses RS256.
    let (rs, re) = signer(Alg::RS256);
    let mut rc = ctx(&re);
    rc.jwks = Some(vec![Value::Object(re.public().to_jwk(&re.kid, Alg::PS256))]);
    let jwt6 = rs.mint(&p, NOW, "abcdefghijklmnopqrstuv").unwrap();
    let cs = codes(&jwt6, &rc);
    assert!(cs.contains(&"alg-jwk-mismatch"), "{cs:?}");
    assert!(
        cs.contains(&"signature-ok"),
        "the key material verifies: {cs:?}"
    );
    rc.strict_aud = true;
    assert!(codes(&jwt6, &rc).contains(&"alg-not-fapi"));
}

#[test]
fn duplicates_embedded_keys_and_absurd_times() {
    let (s, e) = signer(Alg::ES256);
    let c = ctx(&e);
    let p = params();
    let b64 = |v: &str| Base64UrlUnpadded::encode_string(v.as_bytes());
    let jwt = s.mint(&p, NOW, "abcdefghijklmnopqrstuv").unwrap();
    let parts: Vec<&str> = jwt.split('.').collect();
    let with_header = |h: &str| format!("{}.{}.{}", b64(h), parts[1], parts[2]);
    // {"alg":"none","alg":"ES256"} reads as ES256, and is an error.
    let dup = with_header(r#"{"alg":"none","alg":"ES256","kid":"k1"}"#);
    let d = decode(&dup).unwrap();
    assert_eq!(d.header["alg"], "ES256");
    let found = check(&d, &c);
    let x = found
        .iter()
        .find(|x| x.code == "duplicate-member")
        .expect("duplicate-member");
    assert_eq!(x.severity, Severity::Error);
    assert!(x.message.contains("header \"alg\""), "{}", x.message);
    // In the claims too.
    let claims = format!(
        "{}.{}.{}",
        parts[0],
        b64(r#"{"iss":"client","sub":"client","iss":"other"}"#),
        parts[2]
    );
    assert!(codes(&claims, &c).contains(&"duplicate-member"));
    // An embedded jwk: a warning; the signature still checks against the registered key.
    let jwk = Value::Object(e.public().to_jwk("k1", Alg::ES256));
    let jwt2 = with(&s, &p, &[("jwk", jwk)], &[]);
    let found = check(&decode(&jwt2).unwrap(), &c);
    let x = found.iter().find(|x| x.code == "jwk-header").unwrap();
    assert_eq!(x.severity, Severity::Warning);
    assert!(found.iter().any(|x| x.code == "signature-ok"));
    // x5c: the keystore's certificate passes; anything else is an error.
    let good = base64ct::Base64::encode_string(e.cert.as_ref().unwrap());
    let jwt3 = with(&s, &p, &[("x5c", serde_json::json!([good]))], &[]);
    assert!(!codes(&jwt3, &c).contains(&"x5c-malformed"));
    let url = Base64UrlUnpadded::encode_string(e.cert.as_ref().unwrap());
    for (bad, why) in [
        (serde_json::json!(good), "not an array"),
        (serde_json::json!([]), "empty"),
        (serde_json::json!([7]), "entry 0 is not a string"),
        (
            serde_json::json!([good, "!!"]),
            "entry 1 is not standard base64",
        ),
        (serde_json::json!([url]), "base64url"),
        (serde_json::json!(["AAAA"]), "not a DER certificate"),
    ] {
        let jwt4 = with(&s, &p, &[("x5c", bad.clone())], &[]);
        let found = check(&decode(&jwt4).unwrap(), &c);
        let x = found.iter().find(|x| x.code == "x5c-malformed");
        let x = x.unwrap_or_else(|| panic!("{bad}: {found:?}"));
        assert_eq!(x.severity, Severity::Error);
        assert!(x.message.contains(why), "{bad}: {}", x.message);
    }
    // Huge and negative times neither wrap nor panic, and are a finding.
    for t in [
        serde_json::json!(9e18),
        serde_json::json!(i64::MAX),
        serde_json::json!(i64::MIN),
        serde_json::json!(u64::MAX),
        serde_json::json!(-1),
        serde_json::json!(1e300),
        serde_json::json!(-1e300),
        serde_json::json!(1_800_000_000_000_i64),
    ] {
        for k in ["exp", "iat", "nbf"] {
            let jwt5 = with(&s, &p, &[], &[(k, Some(t.clone()))]);
            let found = check(&decode(&jwt5).unwrap(), &c);
            let x = found.iter().find(|x| x.code == "time-out-of-range");
            let x = x.unwrap_or_else(|| panic!("{k}={t}: {found:?}"));
            assert!(x.message.starts_with(&format!("{k} ")), "{}", x.message);
        }
        let mut skewed = c.clone();
        skewed.clock_offset = Some(i64::MAX);
        skewed.minting_offset = i64::MAX;
        let both = with(&s, &p, &[], &[("exp", Some(t.clone())), ("iat", Some(t))]);
        check(&decode(&both).unwrap(), &skewed);
    }
    assert!(!codes(&jwt, &c).contains(&"time-out-of-range"));
    assert_eq!(relative(i64::MIN), "106751991167300 days ago");
    assert_eq!(relative(i64::MAX), "in 106751991167300 days");
    assert_eq!(date(0), "1970-01-01T00:00:00Z");
    assert_eq!(date(MAX_DATE), "9999-12-31T23:59:59Z");
    for t in [-1, MAX_DATE + 1, i64::MAX, i64::MIN] {
        assert_eq!(date(t), "not a date");
    }
}

#[test]
fn extracting_from_pastes() {
    let jwt = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJjIn0.c2ln";
    assert_eq!(extract_jwt(jwt).unwrap(), jwt);
    let form = format!("grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion={jwt}&scope=a");
    assert_eq!(extract_jwt(&form).unwrap(), jwt);
    let log = format!("2026-01-01 INFO request body: client_assertion={jwt} other=1");
    assert_eq!(extract_jwt(&log).unwrap(), jwt);
    assert_eq!(extract_jwt(&format!("token: \"{jwt}\"")).unwrap(), jwt);
    assert!(extract_jwt("nothing here").is_none());
    // Percent-encoding and `+` as a space, as in a form body.
    assert_eq!(
        extract_jwt("client_assertion=a%2Eb%2Bc+d%zz&x=1").unwrap(),
        "a.b+c d%zz"
    );
    assert_eq!(relative(-180), "3 min ago");
    assert_eq!(relative(30), "in 30 s");
    // Invalid UTF-8 after percent-decoding, and a lone % before a
    // multibyte character (once a panic: not a char boundary).
    assert_eq!(
        extract_jwt("client_assertion=%a\u{20ac}").unwrap(),
        "%a\u{20ac}"
    );
    assert_eq!(
        extract_jwt("client_assertion=%ff%e2").unwrap(),
        "\u{fffd}\u{fffd}"
    );
}
