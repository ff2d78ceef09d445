//! The one decoder of compact JWS/JWT (RFC 7515 section 7.1): three
//! base64url parts without padding, a JSON object header and payload.
//! Nothing here verifies: `keystore::keys::PublicKey::verify` does, with a key.

use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::Value;

/// A decoded compact JWS.
#[derive(Clone, Debug)]
pub struct Decoded {
    pub header: Value,
    pub claims: Value,
    /// `header.payload` as sent: what the signature covers.
    pub signing_input: String,
    pub signature: Vec<u8>,
}

/// One part of a compact JWS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Header,
    Payload,
    Signature,
}

impl Part {
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Header => "header",
            Part::Payload => "payload",
            Part::Signature => "signature",
        }
    }
}

/// Why a string is not a compact JWS.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("not a compact JWS: {0} part(s) instead of three")]
    Parts(usize),
    #[error("the {} is not base64url (without padding)", .0.as_str())]
    NotBase64(Part),
    #[error("the {} is not JSON", .0.as_str())]
    NotJson(Part),
    #[error("header and payload must be JSON objects")]
    NotObject,
}

/// Decode `jwt` (surrounding whitespace ignored) without verifying it.
pub fn decode(jwt: &str) -> Result<Decoded, DecodeError> {
    let parts: Vec<&str> = jwt.trim().split('.').collect();
    let [h, p, s] = parts.as_slice() else {
        return Err(DecodeError::Parts(parts.len()));
    };
    let b64 = |text: &str, part: Part| {
        Base64UrlUnpadded::decode_vec(text).map_err(|_| DecodeError::NotBase64(part))
    };
    let header = b64(h, Part::Header)?;
    let payload = b64(p, Part::Payload)?;
    let signature = b64(s, Part::Signature)?;
    let header: Value =
        serde_json::from_slice(&header).map_err(|_| DecodeError::NotJson(Part::Header))?;
    let claims: Value =
        serde_json::from_slice(&payload).map_err(|_| DecodeError::NotJson(Part::Payload))?;
    if !header.is_object() || !claims.is_object() {
        return Err(DecodeError::NotObject);
    }
    Ok(Decoded {
        header,
        claims,
        signing_input: format!("{h}.{p}"),
        signature,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_names_what_is_wrong() {
        let d = decode(" eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJjIn0.c2ln\n").unwrap();
        assert_eq!(d.header["alg"], "ES256");
        assert_eq!(d.claims["iss"], "c");
        assert_eq!(d.signature, b"sig");
        assert_eq!(d.signing_input, "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJjIn0");
        assert_eq!(decode("a.b").unwrap_err(), DecodeError::Parts(2));
        assert_eq!(
            decode("e30=.e30.c2ln").unwrap_err(),
            DecodeError::NotBase64(Part::Header)
        );
        assert_eq!(
            decode("e30.bm90anNvbg.c2ln").unwrap_err(),
            DecodeError::NotJson(Part::Payload)
        );
        assert_eq!(decode("W10.e30.c2ln").unwrap_err(), DecodeError::NotObject);
    }
}
