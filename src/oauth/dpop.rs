//! DPoP proofs (RFC 9449): a JWT signed by the client's proof key, with
//! the public key in its `jwk` header, bound to one HTTP request (`htm`,
//! `htu`), fresh (`iat`, `jti`), to the server's nonce when it asks for one,
//! and to the access token at a resource server (`ath`).

use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::{Map, Value};

use crate::oauth::assertion::{AssertionError, Signer};

/// The `typ` of a DPoP proof.
pub const TYP: &str = "dpop+jwt";

/// The error a server answers when it wants a (new) nonce.
pub const USE_NONCE: &str = "use_dpop_nonce";

/// `htu`: the URL without query and fragment (RFC 9449 section 4.2).
pub fn htu(url: &str) -> Result<String, String> {
    let mut u = reqwest::Url::parse(url).map_err(|e| format!("{url:?} is not a URL: {e}"))?;
    u.set_query(None);
    u.set_fragment(None);
    // No credentials in a claim (a URL may carry user:password@).
    let _ = u.set_username("");
    let _ = u.set_password(None);
    Ok(u.to_string())
}

/// `ath`: base64url of the SHA-256 of the access token.
pub fn ath(access_token: &str) -> String {
    use sha2::Digest;
    Base64UrlUnpadded::encode_string(&sha2::Sha256::digest(access_token.as_bytes()))
}

/// One proof for `method` `url`, at `now`, with `jti`; `nonce` when the
/// server gave one, `access_token` for a resource request.
pub fn proof(
    signer: &Signer,
    method: &str,
    url: &str,
    access_token: Option<&str>,
    nonce: Option<&str>,
    now: i64,
    jti: &str,
) -> Result<String, AssertionError> {
    let mut header = Map::new();
    header.insert("typ".into(), TYP.into());
    header.insert("jwk".into(), Value::Object(signer.public_jwk().clone()));
    let mut claims = Map::new();
    claims.insert("jti".into(), jti.into());
    claims.insert("htm".into(), method.to_ascii_uppercase().into());
    claims.insert(
        "htu".into(),
        htu(url)
            .map_err(|reason| AssertionError::Sign {
                kid: signer.kid.clone(),
                reason,
            })?
            .into(),
    );
    claims.insert("iat".into(), now.into());
    if let Some(t) = access_token {
        claims.insert("ath".into(), ath(t).into());
    }
    if let Some(n) = nonce {
        claims.insert("nonce".into(), n.into());
    }
    signer.sign_with_header(header, &claims)
}

/// The JWK thumbprint (RFC 7638) of the proof key: `dpop_jkt`, and what a
/// bound token's `cnf.jkt` holds.
pub fn jkt(signer: &Signer) -> String {
    signer.thumbprint().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keystore::keys::{Alg, KeyPair};
    use crate::keystore::Entry;

    fn signer(alg: Alg) -> Signer {
        let key = KeyPair::generate(alg, 2048).unwrap();
        let e = Entry::new("k".into(), key, None, Some(alg));
        Signer::new(&e, alg).unwrap()
    }

    #[test]
    fn a_proof_is_as_rfc9449_says() {
        let s = signer(Alg::ES256);
        let jwt = proof(
            &s,
            "post",
            "https://as.example/token?x=1#frag",
            Some("tok"),
            Some("n-1"),
            1_800_000_000,
            "j1",
        )
        .unwrap();
        let (h, c) = crate::oauth::assertion::decode_unverified(&jwt).unwrap();
        assert_eq!(h["typ"], TYP);
        assert_eq!(h["alg"], "ES256");
        assert!(h.get("kid").is_none());
        let jwk = h["jwk"].as_object().unwrap();
        let mut names: Vec<&str> = jwk.keys().map(String::as_str).collect();
        names.sort_unstable();
        assert_eq!(names, ["crv", "kty", "x", "y"]);
        assert_eq!(c["htm"], "POST");
        assert_eq!(c["htu"], "https://as.example/token");
        assert_eq!(
            htu("https://u:p@rs.example/a?b").unwrap(),
            "https://rs.example/a"
        );
        assert_eq!(c["iat"], 1_800_000_000);
        assert_eq!(c["jti"], "j1");
        assert_eq!(c["nonce"], "n-1");
        // RFC 9449 appendix: ath is base64url(SHA-256(ASCII(token))).
        assert_eq!(c["ath"], ath("tok"));
        assert_eq!(
            ath("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"),
            "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo"
        );
        // The proof verifies with the key in its own header.
        let d = crate::diagnose::decode(&jwt).unwrap();
        assert!(crate::diagnose::verify("ES256", &h["jwk"], &d));
        // RSA: n and e only.
        let r = signer(Alg::PS256);
        let jwt = proof(&r, "GET", "https://rs.example/a", None, None, 1, "j").unwrap();
        let (h, c) = crate::oauth::assertion::decode_unverified(&jwt).unwrap();
        assert_eq!(h["alg"], "PS256");
        assert!(h["jwk"].get("n").is_some() && h["jwk"].get("d").is_none());
        assert!(c.get("ath").is_none() && c.get("nonce").is_none());
        assert_eq!(jkt(&r).len(), 43);
    }
}
