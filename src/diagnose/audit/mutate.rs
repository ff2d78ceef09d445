//! The assertions of an audit: the good one, as the client mints it, and
//! each case's, changing exactly one thing from it. Nothing here sends.

use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::{json, Map, Value};

use crate::keystore::keys::{to_pem, Alg, KeyPair, PublicKey};
use crate::keystore::Entry;
use crate::oauth::assertion::{self, Signer, X5t};
use crate::oauth::client::Client;
use crate::Error;

/// The `client_id` that names another client in the cases that need one.
pub const OTHER_CLIENT: &str = "pkjwt-audit-other-client";
/// The audience no server is.
pub const EVIL_AUD: &str = "https://evil.example";

/// How far in the past `exp-past` puts `exp` (beyond any clock leeway).
pub const EXP_PAST: i64 = 600;
/// How far ahead `exp-far` puts `exp`.
pub const EXP_FAR: i64 = 86_400;
/// How far ahead `iat-future` and `nbf-future` put `iat` and `nbf`.
pub const AHEAD: i64 = 3_600;

/// The good assertion's parts, from which every case is built.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Good {
    /// The JOSE header (`alg`, `kid`, and `typ` or `x5t` as the client sends them).
    pub header: Map<String, Value>,
    /// The claims (`iss`, `sub`, `aud`, `jti`, `iat`, `exp`, ...).
    pub claims: Map<String, Value>,
    /// The issuer identifier.
    pub issuer: String,
    /// The token endpoint URL.
    pub token_endpoint: String,
    /// The client_id.
    pub client_id: String,
}

impl Good {
    /// The good assertion of `client` for `token_endpoint`, as of `now`
    /// (the client's clock offset added): the same header and claims
    /// [`Client::mint`] would sign.
    pub fn of(client: &Client, token_endpoint: &str, now: i64) -> Result<Good, Error> {
        let issuer = client
            .issuer
            .clone()
            .ok_or(crate::oauth::client::ClientError::NoIssuer)?;
        let p = client.params(token_endpoint)?;
        let now = now.saturating_add(client.clock_offset);
        let mut header = Map::new();
        header.insert("alg".into(), client.signer.alg.as_str().into());
        header.insert("kid".into(), client.signer.kid.clone().into());
        if let Some(t) = &p.typ {
            header.insert("typ".into(), t.clone().into());
        }
        if let Some(kind) = p.x5t {
            use sha2::Digest;
            let cert =
                client
                    .signer
                    .certificate()
                    .ok_or(assertion::AssertionError::NoCertificate {
                        kid: client.signer.kid.clone(),
                        what: "x5t",
                    })?;
            let (name, digest) = match kind {
                X5t::S256 => ("x5t#S256", sha2::Sha256::digest(cert).to_vec()),
                X5t::Sha1 => ("x5t", sha1::Sha1::digest(cert).to_vec()),
            };
            header.insert(
                name.into(),
                Base64UrlUnpadded::encode_string(&digest).into(),
            );
        }
        let mut claims = Map::new();
        claims.insert("iss".into(), p.client_id.clone().into());
        claims.insert("sub".into(), p.client_id.clone().into());
        claims.insert("aud".into(), p.aud.clone().into());
        claims.insert("jti".into(), assertion::new_jti().into());
        claims.insert("iat".into(), now.into());
        if p.nbf {
            claims.insert("nbf".into(), now.into());
        }
        let lifetime = i64::try_from(p.lifetime).unwrap_or(i64::MAX);
        claims.insert("exp".into(), now.saturating_add(lifetime).into());
        for (k, v) in &p.extra {
            claims.insert(k.clone(), v.clone());
        }
        Ok(Good {
            header,
            claims,
            issuer,
            token_endpoint: token_endpoint.to_string(),
            client_id: p.client_id,
        })
    }

    /// The same good assertion with a fresh `jti` (each case gets its own,
    /// so that replay detection refuses none but `jti-replay`).
    pub fn fresh(&self) -> Good {
        let mut g = self.clone();
        if g.claims.contains_key("jti") {
            g.claims.insert("jti".into(), assertion::new_jti().into());
        }
        g
    }

    /// The `aud` the good assertion carries.
    pub fn aud(&self) -> Option<&str> {
        self.claims.get("aud").and_then(Value::as_str)
    }
}

/// A key of the attacker's: the same algorithm as the client's, with a
/// self-signed certificate (for `x5c-header-injection`).
pub struct Attacker {
    signer: Signer,
    cert: Vec<u8>,
    public: Map<String, Value>,
}

impl Attacker {
    /// A new key for `alg` (RSA 2048 for RS256 and PS256).
    pub fn new(alg: Alg) -> Result<Attacker, Error> {
        let key = KeyPair::generate(alg, 2048)?;
        let name = crate::keystore::cert::subject_name("pkjwt audit attacker")?;
        let cert = crate::keystore::cert::self_signed(&key, &name, 1)?;
        let public = key.public().to_jwk("attacker", alg);
        let entry = Entry::new("attacker".into(), key, Some(cert.clone()), Some(alg));
        Ok(Attacker {
            signer: Signer::new(&entry, alg)?,
            cert,
            public,
        })
    }
}

/// One case's request: the assertion, and the `client_id` form parameter
/// when the case sets it.
#[derive(Clone, Debug)]
pub struct Mutation {
    /// The client assertion.
    pub assertion: String,
    /// The `client_id` parameter the case sends (whatever the client says).
    pub client_id: Option<String>,
}

impl Mutation {
    fn of(assertion: String) -> Mutation {
        Mutation {
            assertion,
            client_id: None,
        }
    }
}

fn b64json(v: &Map<String, Value>) -> String {
    Base64UrlUnpadded::encode_string(Value::Object(v.clone()).to_string().as_bytes())
}

fn hs256(header: &Map<String, Value>, claims: &Map<String, Value>, key: &[u8]) -> String {
    let mut h = header.clone();
    h.insert("alg".into(), "HS256".into());
    let input = format!("{}.{}", b64json(&h), b64json(claims));
    let k = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, key);
    let tag = aws_lc_rs::hmac::sign(&k, input.as_bytes());
    format!("{input}.{}", Base64UrlUnpadded::encode_string(tag.as_ref()))
}

/// The registered public key, from the signer's bare JWK.
fn registered_key(signer: &Signer) -> Result<PublicKey, Error> {
    Ok(PublicKey::from_jwk(&Value::Object(
        signer.public_jwk().clone(),
    ))?)
}

/// The registered public key as SPKI PEM (64-column lines, LF, a final
/// newline: what `openssl pkey -pubout` writes, and what a server that
/// keeps PEM holds).
pub fn public_pem(signer: &Signer) -> Result<String, Error> {
    Ok(to_pem(
        "PUBLIC KEY",
        &registered_key(signer)?.to_spki_der()?,
    ))
}

/// The registered public key as its JWK, compact JSON, as `pkjwt jwks` publishes it.
pub fn public_jwk_text(signer: &Signer) -> Result<String, Error> {
    Ok(Value::Object(registered_key(signer)?.to_jwk(&signer.kid, signer.alg)).to_string())
}

/// The other `aud` value of `aud-issuer-trailing-slash`: the issuer with a
/// trailing slash, or without the one it has.
pub fn slash_variant(issuer: &str) -> String {
    match issuer.strip_suffix('/') {
        Some(s) => s.to_string(),
        None => format!("{issuer}/"),
    }
}

/// The `aud` a case sends, for the cases that change only `aud` (to skip
/// one the good assertion sends already).
pub fn case_aud(id: &str, good: &Good) -> Option<Value> {
    Some(match id {
        "aud-array-with-extra" => json!([good.issuer, EVIL_AUD]),
        "aud-array-only-issuer" => json!([good.issuer]),
        "aud-wrong" => json!(EVIL_AUD),
        "aud-token-endpoint" => json!(good.token_endpoint),
        "aud-issuer-trailing-slash" => json!(slash_variant(&good.issuer)),
        _ => return None,
    })
}

/// Build the request of case `id` from `good` (with a fresh `jti` already),
/// signed by `signer` (the client's key) or `attacker`. `jti-replay` is not
/// built here: it resends the good assertion itself.
pub fn build(
    id: &str,
    good: &Good,
    signer: &Signer,
    attacker: &Attacker,
    now: i64,
) -> Result<Mutation, Error> {
    let mut header = good.header.clone();
    let mut claims = good.claims.clone();
    let sign = |h: Map<String, Value>, c: &Map<String, Value>| -> Result<String, Error> {
        Ok(signer.sign_with_header(h, c)?)
    };
    if let Some(aud) = case_aud(id, good) {
        claims.insert("aud".into(), aud);
        return Ok(Mutation::of(sign(header, &claims)?));
    }
    let m = match id {
        "alg-none" => {
            header.insert("alg".into(), "none".into());
            Mutation::of(format!("{}.{}.", b64json(&header), b64json(&claims)))
        }
        "hs256-public-key-pem" => {
            Mutation::of(hs256(&header, &claims, public_pem(signer)?.as_bytes()))
        }
        "hs256-public-key-jwk" => {
            Mutation::of(hs256(&header, &claims, public_jwk_text(signer)?.as_bytes()))
        }
        "signature-other-key" => Mutation::of(attacker.signer.sign_with_header(header, &claims)?),
        "signature-corrupt" => {
            let jwt = sign(header, &claims)?;
            let (input, sig) = jwt.rsplit_once('.').unwrap_or((&jwt, ""));
            let mut bytes = Base64UrlUnpadded::decode_vec(sig).unwrap_or_default();
            if let Some(b) = bytes.last_mut() {
                *b ^= 0x01;
            }
            Mutation::of(format!(
                "{input}.{}",
                Base64UrlUnpadded::encode_string(&bytes)
            ))
        }
        "jwk-header-injection" => {
            header.remove("kid");
            header.insert("jwk".into(), Value::Object(attacker.public.clone()));
            Mutation::of(attacker.signer.sign_with_header(header, &claims)?)
        }
        "x5c-header-injection" => {
            use base64ct::Base64;
            header.remove("kid");
            header.insert("x5c".into(), json!([Base64::encode_string(&attacker.cert)]));
            Mutation::of(attacker.signer.sign_with_header(header, &claims)?)
        }
        "exp-past" => {
            claims.insert("exp".into(), (now - EXP_PAST).into());
            claims.insert("iat".into(), (now - EXP_PAST - 60).into());
            if claims.contains_key("nbf") {
                claims.insert("nbf".into(), (now - EXP_PAST - 60).into());
            }
            Mutation::of(sign(header, &claims)?)
        }
        "exp-missing" => {
            claims.remove("exp");
            Mutation::of(sign(header, &claims)?)
        }
        "exp-far" => {
            claims.insert("exp".into(), (now + EXP_FAR).into());
            Mutation::of(sign(header, &claims)?)
        }
        "iat-future" => {
            claims.insert("iat".into(), (now + AHEAD).into());
            claims.insert("exp".into(), (now + AHEAD + 60).into());
            Mutation::of(sign(header, &claims)?)
        }
        "nbf-future" => {
            claims.insert("nbf".into(), (now + AHEAD).into());
            claims.insert("exp".into(), (now + AHEAD + 60).into());
            Mutation::of(sign(header, &claims)?)
        }
        "jti-missing" => {
            claims.remove("jti");
            Mutation::of(sign(header, &claims)?)
        }
        "iss-sub-differ" => {
            claims.insert("sub".into(), OTHER_CLIENT.into());
            Mutation::of(sign(header, &claims)?)
        }
        "iss-other-client" => {
            claims.insert("iss".into(), OTHER_CLIENT.into());
            claims.insert("sub".into(), OTHER_CLIENT.into());
            Mutation::of(sign(header, &claims)?)
        }
        "client-id-param-mismatch" => Mutation {
            assertion: sign(header, &claims)?,
            client_id: Some(OTHER_CLIENT.into()),
        },
        "aud-missing" => {
            claims.remove("aud");
            Mutation::of(sign(header, &claims)?)
        }
        "typ-client-authentication" => {
            header.insert("typ".into(), assertion::TYP_CLIENT_AUTH.into());
            Mutation::of(sign(header, &claims)?)
        }
        "request-object-as-assertion" => {
            // RFC 9101: a request object carries the authorization request's
            // parameters, and (section 10.8) no sub naming the client.
            header.insert("typ".into(), "oauth-authz-req+jwt".into());
            claims.remove("sub");
            claims.insert("client_id".into(), good.client_id.clone().into());
            claims.insert("response_type".into(), "code".into());
            claims.insert("scope".into(), "openid".into());
            claims.insert("state".into(), assertion::new_jti().into());
            Mutation::of(sign(header, &claims)?)
        }
        other => {
            return Err(Error::Internal(format!(
                "audit: no way to build case {other}"
            )))
        }
    };
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::audit::cases::CASES;
    use crate::oauth::client::{Aud, ClientAuth};

    pub(crate) fn client(alg: Alg) -> Client {
        let entry = Entry::new(
            "k1".into(),
            KeyPair::generate(alg, 2048).unwrap(),
            None,
            None,
        );
        Client {
            client_id: "app".into(),
            issuer: Some("https://as.example".into()),
            signer: Signer::new(&entry, alg).unwrap(),
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

    fn parts(jwt: &str) -> (Value, Value, String) {
        let d = crate::oauth::jwt::decode(jwt).unwrap();
        let sig = jwt.rsplit('.').next().unwrap().to_string();
        (d.header, d.claims, sig)
    }

    /// The members of two JSON objects that differ.
    fn diff(a: &Value, b: &Value) -> Vec<String> {
        let (a, b) = (a.as_object().unwrap(), b.as_object().unwrap());
        let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
        keys.sort();
        keys.dedup();
        keys.into_iter()
            .filter(|k| a.get(*k) != b.get(*k))
            .cloned()
            .collect()
    }

    #[test]
    fn each_case_changes_only_what_it_says() {
        let c = client(Alg::ES256);
        let now = 1_700_000_000;
        let good = Good::of(&c, "https://as.example/token", now).unwrap();
        let attacker = Attacker::new(Alg::ES256).unwrap();
        let good_jwt = c
            .signer
            .sign_with_header(good.header.clone(), &good.claims)
            .unwrap();
        let (gh, gc, _) = parts(&good_jwt);
        let public = registered_key(&c.signer).unwrap();
        for case in CASES.iter().filter(|x| x.id != "jti-replay") {
            let m = build(case.id, &good, &c.signer, &attacker, now).unwrap();
            let (h, cl, sig) = parts(&m.assertion);
            let (mut dh, dc) = (diff(&gh, &h), diff(&gc, &cl));
            dh.sort();
            let expect: (&[&str], &[&str]) = match case.id {
                "alg-none" => (&["alg"], &[]),
                "hs256-public-key-pem" | "hs256-public-key-jwk" => (&["alg"], &[]),
                "signature-other-key" | "signature-corrupt" => (&[], &[]),
                "jwk-header-injection" => (&["jwk", "kid"], &[]),
                "x5c-header-injection" => (&["kid", "x5c"], &[]),
                "exp-past" => (&[], &["exp", "iat"]),
                "exp-missing" | "exp-far" => (&[], &["exp"]),
                "iat-future" => (&[], &["exp", "iat"]),
                "nbf-future" => (&[], &["exp", "nbf"]),
                "jti-missing" => (&[], &["jti"]),
                "iss-sub-differ" => (&[], &["sub"]),
                "iss-other-client" => (&[], &["iss", "sub"]),
                "client-id-param-mismatch" => (&[], &[]),
                "typ-client-authentication" => (&["typ"], &[]),
                "request-object-as-assertion" => (
                    &["typ"],
                    &["client_id", "response_type", "scope", "state", "sub"],
                ),
                _ => (&[], &["aud"]),
            };
            assert_eq!(dh, expect.0, "{} header", case.id);
            assert_eq!(dc, expect.1, "{} claims", case.id);
            let input = m.assertion.rsplit_once('.').unwrap().0;
            let sig = Base64UrlUnpadded::decode_vec(&sig).unwrap();
            let verifies = public.verify(Alg::ES256, input.as_bytes(), &sig);
            let by_client = !matches!(
                case.id,
                "alg-none"
                    | "hs256-public-key-pem"
                    | "hs256-public-key-jwk"
                    | "signature-other-key"
                    | "signature-corrupt"
                    | "jwk-header-injection"
                    | "x5c-header-injection"
            );
            assert_eq!(verifies, by_client, "{}", case.id);
            assert_eq!(m.client_id.is_some(), case.id == "client-id-param-mismatch");
        }
    }

    #[test]
    fn the_confusion_keys_are_the_registered_public_key() {
        let c = client(Alg::RS256);
        let good = Good::of(&c, "https://as.example/token", 0).unwrap();
        let attacker = Attacker::new(Alg::RS256).unwrap();
        let pem = public_pem(&c.signer).unwrap();
        assert!(
            pem.starts_with("-----BEGIN PUBLIC KEY-----\n")
                && pem.ends_with("-----END PUBLIC KEY-----\n")
        );
        let m = build("hs256-public-key-pem", &good, &c.signer, &attacker, 0).unwrap();
        let (input, sig) = m.assertion.rsplit_once('.').unwrap();
        let k = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, pem.as_bytes());
        let sig = Base64UrlUnpadded::decode_vec(sig).unwrap();
        assert!(aws_lc_rs::hmac::verify(&k, input.as_bytes(), &sig).is_ok());
        let jwk: Value = serde_json::from_str(&public_jwk_text(&c.signer).unwrap()).unwrap();
        assert_eq!(jwk["kid"], "k1");
        assert_eq!(jwk["kty"], "RSA");
        // The attacker signs with the client's algorithm.
        let m = build("signature-other-key", &good, &c.signer, &attacker, 0).unwrap();
        assert_eq!(parts(&m.assertion).0["alg"], "RS256");
        assert_eq!(slash_variant("https://a/"), "https://a");
        assert_eq!(slash_variant("https://a"), "https://a/");
    }

    #[test]
    fn the_good_assertion_is_what_the_client_mints() {
        let mut c = client(Alg::ES256);
        c.typ = Some("JWT".into());
        c.nbf = true;
        c.extra_claims.insert("x".into(), 1.into());
        let good = Good::of(&c, "https://as.example/token", 100).unwrap();
        assert_eq!(good.header["typ"], "JWT");
        assert_eq!(good.claims["nbf"], 100);
        assert_eq!(good.claims["exp"], 160);
        assert_eq!(good.claims["x"], 1);
        assert_eq!(good.aud(), Some("https://as.example"));
        assert_ne!(good.fresh().claims["jti"], good.claims["jti"]);
        c.issuer = None;
        assert!(Good::of(&c, "https://as.example/token", 100).is_err());
    }
}
