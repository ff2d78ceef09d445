//! How long a cache may keep a response (RFC 9111): what a server's
//! `Cache-Control` and `Expires` say, for `pkjwt rotate`'s wait on a
//! `jwks_uri`.

#![warn(missing_docs)]

/// The freshness lifetime RFC 9111 section 4.2.1 gives a response with
/// these headers, in seconds, capped at a year.
pub fn cache_lifetime(
    cache_control: Option<&str>,
    expires: Option<&str>,
    date: Option<&str>,
) -> Option<u64> {
    const YEAR: u64 = 365 * 86_400;
    if let Some(cc) = cache_control {
        let mut max_age = None;
        let mut shared = None;
        for d in cc.split(',').map(str::trim) {
            let (name, value) = match d.split_once('=') {
                Some((n, v)) => (n.trim(), Some(v.trim().trim_matches('"'))),
                None => (d, None),
            };
            match name.to_ascii_lowercase().as_str() {
                "no-store" | "no-cache" => return Some(0),
                "max-age" => max_age = value.and_then(|v| v.parse::<u64>().ok()),
                "s-maxage" => shared = value.and_then(|v| v.parse::<u64>().ok()),
                _ => {}
            }
        }
        if let Some(n) = shared.or(max_age) {
            return Some(n.min(YEAR));
        }
    }
    let expires = httpdate::parse_http_date(expires?).ok()?;
    let date = date
        .and_then(|d| httpdate::parse_http_date(d).ok())
        .unwrap_or_else(std::time::SystemTime::now);
    Some(
        expires
            .duration_since(date)
            .map(|d| d.as_secs().min(YEAR))
            .unwrap_or(0),
    )
}
