//! The authorization response (RFC 6749 section 4.1.2): parsed from the
//! loopback callback's query or from a pasted redirected URL, and checked
//! (`iss` per RFC 9207, `state`) before the code is used.

use super::LoginError;

/// The largest query or pasted URL read, in bytes.
pub const MAX_RESPONSE: usize = 8 * 1024;

/// An authorization response's parameters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Callback {
    /// `code`.
    pub code: Option<String>,
    /// `state`.
    pub state: Option<String>,
    /// `iss` (RFC 9207).
    pub iss: Option<String>,
    /// `error`.
    pub error: Option<String>,
    /// `error_description`.
    pub error_description: Option<String>,
    /// `error_uri`.
    pub error_uri: Option<String>,
}

/// Parse a query string (without `?`). A parameter given twice is refused
/// (RFC 6749 section 3.1: parameters must not be included more than once).
pub fn parse_query(query: &str) -> Result<Callback, LoginError> {
    if query.len() > MAX_RESPONSE {
        return Err(LoginError::BadCallback(format!(
            "the response is larger than {MAX_RESPONSE} bytes"
        )));
    }
    let mut cb = Callback::default();
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        let slot = match k.as_ref() {
            "code" => &mut cb.code,
            "state" => &mut cb.state,
            "iss" => &mut cb.iss,
            "error" => &mut cb.error,
            "error_description" => &mut cb.error_description,
            "error_uri" => &mut cb.error_uri,
            _ => continue,
        };
        if slot.is_some() {
            return Err(LoginError::BadCallback(format!("{k} is given twice")));
        }
        *slot = Some(v.into_owned());
    }
    Ok(cb)
}

/// Parse a pasted redirected URL: it must start with `redirect_uri` (the
/// one sent), and its query is the response. A response in the fragment
/// (another response mode) is named as such.
pub fn parse_pasted(url: &str, redirect_uri: &str) -> Result<Callback, LoginError> {
    let url = url.trim();
    if url.len() > MAX_RESPONSE {
        return Err(LoginError::BadCallback(format!(
            "the pasted URL is longer than {MAX_RESPONSE} bytes"
        )));
    }
    let (before_fragment, fragment) = match url.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (url, None),
    };
    let (base, query) = match before_fragment.split_once('?') {
        Some((b, q)) => (b, q),
        None => (before_fragment, ""),
    };
    let want = redirect_uri.split('?').next().unwrap_or(redirect_uri);
    if base != want {
        return Err(LoginError::BadCallback(format!(
            "the pasted URL does not start with the redirect URI sent ({want})"
        )));
    }
    if query.is_empty() && fragment.is_some_and(|f| !f.is_empty()) {
        return Err(LoginError::BadCallback(
            "the response is in the URL's fragment, and pkjwt asks for it in the query".into(),
        ));
    }
    parse_query(query)
}

/// What the response must match.
#[derive(Clone, Debug)]
pub struct Expect<'a> {
    /// The `state` sent.
    pub state: &'a str,
    /// The issuer.
    pub issuer: &'a str,
    /// Whether the server says it sends `iss` (RFC 9207 section 3):
    /// then a response without it is refused.
    pub iss_required: bool,
}

/// Check `cb` and return the code: `iss` first (RFC 9207 section 2.4),
/// then `state`, then an error response, then the code.
pub fn check(cb: &Callback, e: &Expect<'_>) -> Result<String, LoginError> {
    match &cb.iss {
        Some(iss) if iss != e.issuer => {
            return Err(LoginError::IssMismatch {
                got: iss.clone(),
                expected: e.issuer.to_string(),
            })
        }
        None if e.iss_required => return Err(LoginError::IssMissing(e.issuer.to_string())),
        _ => {}
    }
    match &cb.state {
        Some(s) if subtle::ConstantTimeEq::ct_eq(s.as_bytes(), e.state.as_bytes()).into() => {}
        Some(_) => return Err(LoginError::StateMismatch),
        None => return Err(LoginError::StateMissing),
    }
    if let Some(error) = &cb.error {
        return Err(LoginError::Refused {
            error: error.clone(),
            description: cb.error_description.clone(),
            uri: cb.error_uri.clone(),
        });
    }
    match &cb.code {
        Some(c) if !c.is_empty() => Ok(c.clone()),
        _ => Err(LoginError::BadCallback(
            "the response has neither a code nor an error".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expect(iss_required: bool) -> Expect<'static> {
        Expect {
            state: "S",
            issuer: "https://as",
            iss_required,
        }
    }

    #[test]
    fn a_good_response_gives_its_code() {
        let cb = parse_query("code=C&state=S&iss=https%3A%2F%2Fas").unwrap();
        assert_eq!(check(&cb, &expect(true)).unwrap(), "C");
    }

    #[test]
    fn state_and_iss_are_checked_before_anything_else() {
        let wrong_state = parse_query("code=C&state=T").unwrap();
        assert!(matches!(
            check(&wrong_state, &expect(false)),
            Err(LoginError::StateMismatch)
        ));
        let no_state = parse_query("code=C").unwrap();
        assert!(matches!(
            check(&no_state, &expect(false)),
            Err(LoginError::StateMissing)
        ));
        let other_iss = parse_query("code=C&state=S&iss=https%3A%2F%2Fevil").unwrap();
        assert!(matches!(
            check(&other_iss, &expect(false)),
            Err(LoginError::IssMismatch { .. })
        ));
        let no_iss = parse_query("code=C&state=S").unwrap();
        assert!(matches!(
            check(&no_iss, &expect(true)),
            Err(LoginError::IssMissing(_))
        ));
        assert_eq!(check(&no_iss, &expect(false)).unwrap(), "C");
        // An error response with a wrong state is a wrong state.
        let forged = parse_query("error=access_denied&state=X").unwrap();
        assert!(matches!(
            check(&forged, &expect(false)),
            Err(LoginError::StateMismatch)
        ));
        let denied = parse_query("error=access_denied&error_description=no&state=S").unwrap();
        assert!(matches!(
            check(&denied, &expect(false)),
            Err(LoginError::Refused { error, .. }) if error == "access_denied"
        ));
    }

    #[test]
    fn repeated_parameters_and_oversized_responses_are_refused() {
        assert!(parse_query("code=a&code=b").is_err());
        assert!(parse_query(&"x".repeat(MAX_RESPONSE + 1)).is_err());
    }

    #[test]
    fn a_pasted_url_must_be_the_redirect_uri() {
        let r = "http://127.0.0.1:5/callback";
        let cb = parse_pasted(" http://127.0.0.1:5/callback?code=C&state=S \n", r).unwrap();
        assert_eq!(cb.code.as_deref(), Some("C"));
        assert!(parse_pasted("http://127.0.0.1:6/callback?code=C", r).is_err());
        assert!(parse_pasted("http://127.0.0.1:5/callback#code=C", r).is_err());
    }
}
