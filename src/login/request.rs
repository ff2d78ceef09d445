//! The authorization request (RFC 6749 section 4.1.1): PKCE with S256
//! (RFC 7636), `state` and `nonce`, `dpop_jkt` (RFC 9449 section 10), the
//! request object (RFC 9101) and pushed authorization requests (RFC 9126).

use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::oauth::assertion::{new_jti, Signer};

/// The `typ` of a request object (RFC 9101 section 10.8).
pub const REQUEST_OBJECT_TYP: &str = "oauth-authz-req+jwt";

/// How long a request object is valid, in seconds (FAPI 2.0 caps it at an hour).
pub const REQUEST_OBJECT_LIFETIME: i64 = 300;

/// A fresh random value with 256 bits of entropy, base64url (43 characters):
/// PKCE verifiers, `state` and `nonce`.
pub fn random_value() -> String {
    let mut b = [0u8; 32];
    // The backend's generator; a predictable verifier or state must never be sent.
    aws_lc_rs::rand::fill(&mut b).expect("the operating system gave no random bytes");
    Base64UrlUnpadded::encode_string(&b)
}

/// The S256 code challenge of `verifier` (RFC 7636 section 4.2).
pub fn s256_challenge(verifier: &str) -> String {
    Base64UrlUnpadded::encode_string(&Sha256::digest(verifier.as_bytes()))
}

/// The secrets of one attempt: checked when the browser comes back. Its
/// `Debug` shows none of them.
#[derive(Clone)]
pub struct Attempt {
    /// The PKCE code verifier (sent only with the code).
    pub verifier: String,
    /// The `state` sent, which the callback must carry back.
    pub state: String,
    /// The `nonce` sent (when `openid` is in scope), which the ID token must carry.
    pub nonce: Option<String>,
}

impl std::fmt::Debug for Attempt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Attempt")
            .field("verifier", &"(redacted)")
            .field("state", &"(redacted)")
            .field("nonce", &self.nonce.as_ref().map(|_| "(redacted)"))
            .finish()
    }
}

impl Attempt {
    /// Fresh values; a nonce when `scope` has `openid`.
    pub fn new(scope: Option<&str>) -> Attempt {
        Attempt {
            verifier: random_value(),
            state: random_value(),
            nonce: wants_id_token(scope).then(random_value),
        }
    }
}

/// Whether `scope` asks for an ID token (has `openid`).
pub fn wants_id_token(scope: Option<&str>) -> bool {
    scope.is_some_and(|s| s.split(' ').any(|x| x == "openid"))
}

/// The parameters of the authorization request, in order.
pub fn params(
    client_id: &str,
    redirect_uri: &str,
    scope: Option<&str>,
    attempt: &Attempt,
    dpop_jkt: Option<&str>,
) -> Vec<(String, String)> {
    let mut p: Vec<(String, String)> = vec![
        ("response_type".into(), "code".into()),
        ("client_id".into(), client_id.into()),
        ("redirect_uri".into(), redirect_uri.into()),
    ];
    if let Some(s) = scope.filter(|s| !s.is_empty()) {
        p.push(("scope".into(), s.into()));
    }
    p.push(("state".into(), attempt.state.clone()));
    if let Some(n) = &attempt.nonce {
        p.push(("nonce".into(), n.clone()));
        // OpenID Connect Core section 11: offline_access goes with prompt=consent.
        if scope.is_some_and(|s| s.split(' ').any(|x| x == "offline_access")) {
            p.push(("prompt".into(), "consent".into()));
        }
    }
    p.push(("code_challenge".into(), s256_challenge(&attempt.verifier)));
    p.push(("code_challenge_method".into(), "S256".into()));
    if let Some(j) = dpop_jkt {
        p.push(("dpop_jkt".into(), j.into()));
    }
    p
}

/// The claims of a request object carrying `params` (RFC 9101 section 4):
/// `iss` the client, `aud` the issuer, `iat`, `nbf`, `exp` and a `jti`; no
/// `sub` (RFC 9101 section 10.8: a `sub` equal to the client_id would make
/// it a valid client assertion).
pub fn request_object_claims(
    params: &[(String, String)],
    client_id: &str,
    issuer: &str,
    now: i64,
) -> Map<String, Value> {
    let mut c = Map::new();
    for (k, v) in params {
        c.insert(k.clone(), v.clone().into());
    }
    c.insert("iss".into(), client_id.into());
    c.insert("aud".into(), issuer.into());
    c.insert("iat".into(), now.into());
    c.insert("nbf".into(), now.into());
    c.insert(
        "exp".into(),
        now.saturating_add(REQUEST_OBJECT_LIFETIME).into(),
    );
    c.insert("jti".into(), new_jti().into());
    c
}

/// The signed request object (`typ: oauth-authz-req+jwt`).
pub fn request_object(
    signer: &Signer,
    params: &[(String, String)],
    client_id: &str,
    issuer: &str,
    now: i64,
) -> Result<String, crate::oauth::assertion::AssertionError> {
    let mut h = Map::new();
    h.insert("typ".into(), REQUEST_OBJECT_TYP.into());
    signer.sign(&h, &request_object_claims(params, client_id, issuer, now))
}

/// The parameters that go with a request object sent by value: the object,
/// and `client_id`, `response_type` and `scope` repeated outside as OpenID
/// Connect requires (RFC 9101 servers use only the object's).
pub fn by_value(params: &[(String, String)], request: String) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = params
        .iter()
        .filter(|(k, _)| matches!(k.as_str(), "client_id" | "response_type" | "scope"))
        .cloned()
        .collect();
    out.push(("request".into(), request));
    out
}

/// `endpoint` with `params` added to its query.
pub fn url_with(endpoint: &str, params: &[(String, String)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in params {
        s.append_pair(k, v);
    }
    let q = s.finish();
    let (base, fragment) = match endpoint.split_once('#') {
        Some((b, _)) => (b, ""),
        None => (endpoint, ""),
    };
    let sep = if base.contains('?') {
        if base.ends_with('?') || base.ends_with('&') {
            ""
        } else {
            "&"
        }
    } else {
        "?"
    };
    format!("{base}{sep}{q}{fragment}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_s256_challenge_is_rfc_7636s_example() {
        // RFC 7636 appendix B.
        assert_eq!(
            s256_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn attempts_are_fresh_and_a_nonce_comes_with_openid() {
        let a = Attempt::new(Some("openid api:read"));
        let b = Attempt::new(Some("api:read"));
        assert_ne!(a.state, b.state);
        assert_ne!(a.verifier, a.state);
        assert_eq!(a.verifier.len(), 43);
        assert!(a.nonce.is_some() && b.nonce.is_none());
        assert!(!wants_id_token(Some("openidx")));
    }

    #[test]
    fn params_carry_pkce_state_nonce_and_dpop_jkt() {
        let a = Attempt::new(Some("openid"));
        let p = params(
            "c",
            "http://127.0.0.1:1/callback",
            Some("openid"),
            &a,
            Some("J"),
        );
        let get = |k: &str| p.iter().find(|(x, _)| x == k).map(|(_, v)| v.as_str());
        assert_eq!(get("response_type"), Some("code"));
        assert_eq!(get("code_challenge_method"), Some("S256"));
        assert_eq!(
            get("code_challenge"),
            Some(s256_challenge(&a.verifier).as_str())
        );
        assert_eq!(get("nonce"), a.nonce.as_deref());
        assert_eq!(get("dpop_jkt"), Some("J"));
        assert_eq!(get("code_verifier"), None);
    }

    #[test]
    fn a_request_object_names_the_client_as_iss_and_has_no_sub() {
        let p = vec![("client_id".to_string(), "c".to_string())];
        let c = request_object_claims(&p, "c", "https://as", 1000);
        assert_eq!(c["iss"], "c");
        assert_eq!(c["aud"], "https://as");
        assert_eq!(c["exp"], 1300);
        assert_eq!(c["nbf"], 1000);
        assert!(c.get("sub").is_none());
        let v = by_value(
            &[
                ("client_id".into(), "c".into()),
                ("state".into(), "s".into()),
            ],
            "h.p.s".into(),
        );
        assert_eq!(
            v,
            vec![
                ("client_id".to_string(), "c".to_string()),
                ("request".to_string(), "h.p.s".to_string())
            ]
        );
    }

    #[test]
    fn urls_keep_the_endpoints_query() {
        let p = vec![("a".to_string(), "x y&".to_string())];
        assert_eq!(url_with("https://as/auth", &p), "https://as/auth?a=x+y%26");
        assert_eq!(
            url_with("https://as/auth?t=1", &p),
            "https://as/auth?t=1&a=x+y%26"
        );
    }
}
