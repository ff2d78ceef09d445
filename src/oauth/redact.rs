//! Redaction: the one rule for every server body and request parameter
//! pkjwt shows (error hints, verbose traces). Token-like members and
//! parameters ([`is_secret_name`]) are redacted in JSON and form bodies, and
//! by pattern in text that does not parse (a truncated body, a snippet); a
//! client assertion keeps its header and claims and loses its signature.

use serde_json::Value;

/// Names whose values are secrets: token-like members of a JSON body and
/// parameters of a form body. The one list behind every redaction.
pub fn is_secret_name(key: &str) -> bool {
    matches!(
        key,
        "access_token"
            | "refresh_token"
            | "id_token"
            | "registration_access_token"
            | "initial_access_token"
            | "client_secret"
            | "password"
            | "code"
            | "code_verifier"
            | "token"
            | "subject_token"
            | "actor_token"
            | "issued_token"
            | "device_code"
            | "auth_req_id"
            | "assertion"
            | "client_assertion"
            | "software_statement"
    )
}

/// The redacted form of the value of `key`, or `None` when it is not a
/// secret. A `client_assertion` keeps its header and claims (useful when
/// debugging) and loses its signature; every other secret is `(redacted)`.
fn redacted(key: &str, value: &str) -> Option<String> {
    if matches!(key, "client_assertion" | "assertion" | "DPoP" | "dpop") {
        return Some(redact_jwt(value));
    }
    is_secret_name(key).then(|| "(redacted)".to_string())
}

/// Redact one form parameter ([`is_secret_name`]).
pub fn redact_param(key: &str, value: &str) -> String {
    redacted(key, value).unwrap_or_else(|| value.to_string())
}

/// Keep a JWT's header and payload, drop its signature.
pub fn redact_jwt(jwt: &str) -> String {
    let mut parts = jwt.splitn(3, '.');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(h), Some(p), Some(_)) => format!("{h}.{p}.(signature redacted)"),
        _ => "(redacted)".into(),
    }
}

/// Redact secret members of a JSON document ([`is_secret_name`]), in place.
pub fn redact_json(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, val) in m.iter_mut() {
                match val.as_str().and_then(|s| redacted(k, s)) {
                    Some(r) => *val = Value::String(r),
                    None => redact_json(val),
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(redact_json),
        _ => {}
    }
}

/// A server body as pkjwt may show it: a JSON document with its secret
/// members redacted ([`redact_json`]); any other text (a form body, a
/// truncated or malformed document, an HTML page) redacted by pattern
/// ([`redact_text`]).
pub fn redact_body(bytes: &[u8]) -> String {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(mut v) => {
            redact_json(&mut v);
            v.to_string()
        }
        Err(_) => redact_text(&String::from_utf8_lossy(bytes)),
    }
}

/// Redact secrets in text that may not parse: every `"NAME": "VALUE"` and
/// every `NAME=VALUE` whose NAME is secret ([`is_secret_name`]). A JSON value
/// runs to its closing quote, a form value to the next `&` or white space;
/// either runs to the end of the text when it was cut short.
pub fn redact_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    // `copied..i` is text not yet copied to `out`.
    let mut copied = 0;
    while i < b.len() {
        let found = match b[i] {
            b'"' => json_member(text, i),
            c if is_name_byte(c) && (i == 0 || !is_name_byte(b[i - 1])) => form_param(text, i),
            _ => None,
        };
        match found {
            Some((value_start, value_end, name)) => {
                out.push_str(&text[copied..value_start]);
                out.push_str(&redact_param(name, &text[value_start..value_end]));
                copied = value_end;
                i = value_end.max(i + 1);
            }
            None => i += 1,
        }
    }
    out.push_str(&text[copied..]);
    out
}

fn is_name_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// At `"NAME"\s*:\s*"VALUE"` with a secret NAME (`at` the first quote): the
/// span of VALUE (without its quotes; to the end of `text` if unterminated)
/// and NAME.
fn json_member(text: &str, at: usize) -> Option<(usize, usize, &str)> {
    let b = text.as_bytes();
    let name_start = at + 1;
    let name_len = b[name_start..].iter().position(|&c| c == b'"')?;
    let name = &text[name_start..name_start + name_len];
    if !is_secret_name(name) {
        return None;
    }
    let mut j = name_start + name_len + 1;
    while j < b.len() && b[j].is_ascii_whitespace() {
        j += 1;
    }
    if b.get(j) != Some(&b':') {
        return None;
    }
    j += 1;
    while j < b.len() && b[j].is_ascii_whitespace() {
        j += 1;
    }
    if b.get(j) != Some(&b'"') {
        return None;
    }
    let start = j + 1;
    let mut k = start;
    while k < b.len() && b[k] != b'"' {
        k += if b[k] == b'\\' { 2 } else { 1 };
    }
    Some((start, k.min(b.len()), name))
}

/// At `NAME=VALUE` with a secret NAME (`at` the name's first byte): the span
/// of VALUE (to the next `&`, white space, quote or the end) and NAME.
fn form_param(text: &str, at: usize) -> Option<(usize, usize, &str)> {
    let b = text.as_bytes();
    let name_len = b[at..].iter().position(|&c| !is_name_byte(c))?;
    let name = &text[at..at + name_len];
    if b.get(at + name_len) != Some(&b'=') || !is_secret_name(name) {
        return None;
    }
    let start = at + name_len + 1;
    let len = b[start..]
        .iter()
        .position(|&c| c == b'&' || c == b'"' || c == b'<' || c.is_ascii_whitespace())
        .unwrap_or(b.len() - start);
    Some((start, start + len, name))
}

/// The most characters of a body an error shows.
const SNIPPET_CHARS: usize = 300;

/// The start of a body for an error hint: redacted first ([`redact_body`]),
/// then cut to [`SNIPPET_CHARS`], on one line.
pub(crate) fn snippet(bytes: &[u8]) -> String {
    let text = redact_body(bytes);
    let end = text
        .char_indices()
        .nth(SNIPPET_CHARS)
        .map_or(text.len(), |(i, _)| i);
    text[..end].replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_of_truncated_json() {
        // Cut inside the value: redacted to the end.
        assert_eq!(
            redact_body(br#"{"token_type":"Bearer","access_token":"eyJhbGciOi.eyJzdWIi"#),
            r#"{"token_type":"Bearer","access_token":"(redacted)"#
        );
        // Complete members in text that does not parse; escapes; spaces; nesting.
        let text = br#"{"refresh_token" : "r\"1x", "client_id":"c", "x":{"id_token":"i.j.k"}, "client_assertion":"h.p.s", "scope":"#;
        let out = redact_body(text);
        assert_eq!(
            out,
            r#"{"refresh_token" : "(redacted)", "client_id":"c", "x":{"id_token":"(redacted)"}, "client_assertion":"h.p.(signature redacted)", "scope":"#
        );
        // A name that only ends like a secret one is not a secret.
        assert_eq!(redact_text(r#"{"my_code":"x""#), r#"{"my_code":"x""#);
        // Cut inside the name: nothing of the value is there.
        assert_eq!(redact_text(r#"{"access_to"#), r#"{"access_to"#);
    }

    #[test]
    fn redaction_of_form_and_other_text() {
        assert_eq!(
            redact_text("access_token=abc&token_type=bearer&scope=a+b"),
            "access_token=(redacted)&token_type=bearer&scope=a+b"
        );
        assert_eq!(
            redact_text("error: token=abc, my_token=def device_code=ghi"),
            "error: token=(redacted) my_token=def device_code=(redacted)"
        );
        // Cut short.
        assert_eq!(redact_text("x=1&password=hunt"), "x=1&password=(redacted)");
        // In an HTML page.
        assert_eq!(
            redact_text(r#"<a href="/cb?code=s3cr3t&state=1">"#),
            r#"<a href="/cb?code=(redacted)&state=1">"#
        );
        assert_eq!(
            redact_text("client_assertion=h.p.s&a=b"),
            "client_assertion=h.p.(signature redacted)&a=b"
        );
        // Multi-byte text around it stays whole.
        assert_eq!(redact_text("é code=€€ ü"), "é code=(redacted) ü");
    }

    #[test]
    fn snippets_are_redacted_before_they_are_cut() {
        // A value that straddles the cut at 300 characters.
        let body = format!(
            r#"{{"pad":"{}","access_token":"{}"}}"#,
            "x".repeat(280),
            "T".repeat(100)
        );
        let s = snippet(body.as_bytes());
        assert!(!s.contains('T'), "{s}");
        // Truncated JSON: the pattern rule.
        let body = format!(r#"{{"access_token":"{}"#, "T".repeat(1000));
        assert_eq!(snippet(body.as_bytes()), r#"{"access_token":"(redacted)"#);
        // A 5xx body in JSON without an error member.
        let body = br#"{"access_token":"TTT","token_type":"Bearer"}"#;
        assert_eq!(
            snippet(body),
            r#"{"access_token":"(redacted)","token_type":"Bearer"}"#
        );
    }

    #[test]
    fn redaction() {
        assert_eq!(
            redact_param("client_assertion", "h.p.s"),
            "h.p.(signature redacted)"
        );
        assert_eq!(redact_param("token", "abc"), "(redacted)");
        assert_eq!(redact_param("scope", "x"), "x");
        let mut v = serde_json::json!({"access_token": "a", "nested": {"registration_access_token": "r"}, "client_id": "c"});
        redact_json(&mut v);
        assert_eq!(v["access_token"], "(redacted)");
        assert_eq!(v["nested"]["registration_access_token"], "(redacted)");
        assert_eq!(v["client_id"], "c");
    }
}
