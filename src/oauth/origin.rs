//! Where plain http is allowed, and how URLs are shown: the one loopback
//! rule ([`is_loopback`]) for issuers, endpoints and redirects, the
//! "once https, always https" rule ([`keeps_tls`]), and URLs without their
//! credentials ([`display_url`]). Plain functions of URLs, no I/O.

/// `url` as pkjwt shows it: without a `user:password@` part (reqwest sends
/// it as HTTP Basic authentication; it is a credential, never printed).
pub fn display_url(url: &str) -> std::borrow::Cow<'_, str> {
    match reqwest::Url::parse(url) {
        Ok(mut u) if !u.username().is_empty() || u.password().is_some() => {
            let _ = u.set_username("");
            let _ = u.set_password(None);
            std::borrow::Cow::Owned(u.to_string())
        }
        _ => std::borrow::Cow::Borrowed(url),
    }
}

/// Whether `url` names a loopback host: `localhost`, 127.0.0.0/8 or `::1`.
/// The one rule for where plain http is allowed (issuers, endpoints,
/// redirects).
pub fn is_loopback(url: &reqwest::Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => host.eq_ignore_ascii_case("localhost"),
    }
}

/// Whether sending to `url` after `after` keeps TLS: true unless `after` is
/// https and `url` is plain http to a host that is not loopback
/// ([`is_loopback`]). A URL that does not parse is no downgrade (it fails
/// where it is used).
pub fn keeps_tls(after: &str, url: &str) -> bool {
    let (Ok(a), Ok(u)) = (reqwest::Url::parse(after), reqwest::Url::parse(url)) else {
        return true;
    };
    !(a.scheme() == "https" && u.scheme() == "http" && !is_loopback(&u))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_and_downgrades() {
        let u = |s: &str| reqwest::Url::parse(s).unwrap();
        for l in [
            "http://127.0.0.1/",
            "http://127.9.8.7:1/",
            "http://[::1]/",
            "http://LocalHost/",
        ] {
            assert!(is_loopback(&u(l)), "{l}");
        }
        for n in [
            "http://128.0.0.1/",
            "http://localhost.evil.test/",
            "http://[::2]/",
            "http://evil.test/",
        ] {
            assert!(!is_loopback(&u(n)), "{n}");
        }
        assert!(!keeps_tls("https://as.example", "http://evil.test/t"));
        assert!(keeps_tls("https://as.example", "http://127.0.0.1:8/t"));
        assert!(keeps_tls("https://as.example", "https://evil.test/t"));
        assert!(keeps_tls("http://127.0.0.1", "http://evil.test/t"));
        assert_eq!(
            display_url("https://u:p@as.example/t"),
            "https://as.example/t"
        );
        assert_eq!(display_url("https://as.example/t"), "https://as.example/t");
    }
}
