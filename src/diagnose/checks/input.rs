//! Finding a JWT in what the user pasted, and decoding it.

use crate::diagnose::{Finding, Severity};
use crate::oauth::jwt::{self, DecodeError, Part};

use super::Decoded;

/// Find a JWT in what the user pasted: a JWT, a form body, a
/// `client_assertion=...` line from a log, with or without URL encoding.
pub fn extract_jwt(text: &str) -> Option<String> {
    let text = text.trim();
    if let Some(pos) = text.find("client_assertion=") {
        let rest = &text[pos + "client_assertion=".len()..];
        let end = rest
            .find(|c: char| c == '&' || c.is_whitespace() || c == '"' || c == '\'')
            .unwrap_or(rest.len());
        return Some(url_decode(&rest[..end]));
    }
    text.split(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == ',' || c == '&')
        .map(|w| w.trim_matches(|c: char| c == '"' || c == '\''))
        .find(|w| {
            let parts: Vec<&str> = w.split('.').collect();
            parts.len() == 3
                && parts[0].starts_with("eyJ")
                && parts.iter().all(|p| {
                    p.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                })
        })
        .map(String::from)
}

/// Form-urlencoded value: `+` is a space, then percent-decoding.
fn url_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(&s.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// Decode a compact JWS; the findings explain a failure.
pub fn decode(jwt: &str) -> Result<Decoded, Vec<Finding>> {
    jwt::decode(jwt).map_err(|e| {
        let hint = match &e {
            DecodeError::Parts(_) => "pass the whole assertion: header.payload.signature",
            DecodeError::NotBase64(_) => {
                "JWS uses unpadded base64url; standard base64 (+, /, =) is refused by servers"
            }
            DecodeError::NotJson(Part::Header) => "the first part must decode to a JSON object",
            DecodeError::NotJson(_) => "the second part must decode to a JSON object of claims",
            DecodeError::NotObject => "",
        };
        vec![Finding::new(
            "malformed",
            Severity::Error,
            e.to_string(),
            hint,
        )]
    })
}
