//! Unit tests of `oauth::http`: redirects, network error kinds, deadlines.

use super::*;

#[test]
fn form_encoding_follows_rfc6749() {
    let f = vec![
        ("grant_type".to_string(), "client_credentials".to_string()),
        ("scope".to_string(), "a b:c/d".to_string()),
    ];
    assert_eq!(
        form_encode(&f),
        "grant_type=client_credentials&scope=a+b%3Ac%2Fd"
    );
}

/// A plain-HTTP server on 127.0.0.1 answering each request (one per
/// connection) with `answer(path, own base URL)`, keeping the request
/// heads it saw.
struct Srv {
    url: String,
    heads: Arc<std::sync::Mutex<Vec<String>>>,
}

impl Srv {
    fn serve(answer: impl Fn(&str, &str) -> String + Send + 'static) -> Srv {
        use std::io::Write;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let heads = Arc::new(std::sync::Mutex::new(Vec::new()));
        let (h, base) = (heads.clone(), url.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut s) = stream else { break };
                let mut req = Vec::new();
                let mut buf = [0u8; 4096];
                while !req.windows(4).any(|w| w == b"\r\n\r\n") {
                    match s.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => req.extend_from_slice(&buf[..n]),
                    }
                }
                let head = String::from_utf8_lossy(&req).to_ascii_lowercase();
                let path = head.split(' ').nth(1).unwrap_or("/").to_string();
                h.lock().unwrap().push(head);
                let _ = s.write_all(answer(&path, &base).as_bytes());
            }
        });
        Srv { url, heads }
    }

    fn heads(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
    }
}

fn redirect_to(location: &str) -> String {
    format!("HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
}

fn json_ok(body: &str) -> String {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

fn http() -> Http {
    Http::new(&HttpOptions {
        timeout: Duration::from_secs(5),
        ..Default::default()
    })
    .unwrap()
}

#[test]
fn get_follows_five_redirects() {
    // /r0 -> /r1 -> ... -> /r5, which answers.
    let srv = Srv::serve(|path, _| match path.strip_prefix("/r") {
        Some(n) if n != "5" => redirect_to(&format!("/r{}", n.parse::<u8>().unwrap() + 1)),
        _ => json_ok(r#"{"ok":true}"#),
    });
    let resp = http().get_json(&format!("{}/r0", srv.url), None).unwrap();
    assert_eq!(resp.body["ok"], true);
    assert_eq!(srv.heads().len(), 6);
}

#[test]
fn a_redirect_loop_stops_after_five() {
    let srv = Srv::serve(|_, _| redirect_to("/loop"));
    let err = http()
        .get_json(&format!("{}/start", srv.url), None)
        .unwrap_err();
    let HttpError::BadResponse {
        url, status, what, ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(*status, 302);
    assert_eq!(url, &format!("{}/loop", srv.url));
    assert!(what.contains("at most 5"), "{what}");
    // The first request and five redirects followed; the sixth is not.
    assert_eq!(srv.heads().len(), 6);
}

#[test]
fn post_is_never_redirected() {
    for status in [
        "307 Temporary Redirect",
        "303 See Other",
        "301 Moved Permanently",
    ] {
        let srv = Srv::serve(move |_, _| {
            format!("HTTP/1.1 {status}\r\nLocation: /elsewhere\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        });
        let form = [("a".to_string(), "b".to_string())];
        let err = http()
            .send(
                "POST",
                &format!("{}/token", srv.url),
                None,
                Body::Form(&form),
            )
            .unwrap_err();
        match &err {
            HttpError::Redirect { location, why, .. } => {
                assert_eq!(location, &format!("{}/elsewhere", srv.url));
                assert!(why.starts_with("on POST"));
            }
            _ => panic!("{err:?}"),
        }
        assert_eq!(srv.heads().len(), 1, "{status}");
    }
}

#[test]
fn redirect_to_another_origin_drops_the_bearer() {
    let other = Srv::serve(|_, _| json_ok("{}"));
    let target = format!("{}/doc", other.url);
    let srv = Srv::serve(move |path, base| match path {
        "/start" => redirect_to(&format!("{base}/same")),
        _ => redirect_to(&target),
    });
    http()
        .get_json(&format!("{}/start", srv.url), Some("tok-secret"))
        .unwrap();
    let heads = srv.heads();
    assert_eq!(heads.len(), 2);
    // Same origin: the token goes along.
    assert!(heads
        .iter()
        .all(|h| h.contains("authorization: bearer tok-secret")));
    // Another port is another origin: it does not.
    let there = other.heads();
    assert_eq!(there.len(), 1);
    assert!(!there[0].contains("authorization"), "{}", there[0]);
    assert!(!there[0].contains("tok-secret"), "{}", there[0]);
}

fn net_kind_of(url: &str, timeout: u64) -> NetKind {
    let h = Http::new(&HttpOptions {
        timeout: Duration::from_secs(timeout),
        ..Default::default()
    })
    .unwrap();
    match h.get_json(url, None) {
        Err(HttpError::Network { kind, .. }) => kind,
        other => panic!("{url}: {other:?}"),
    }
}

#[test]
fn network_errors_are_classified_by_type() {
    // Refused: a port that was free a moment ago.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    assert_eq!(
        net_kind_of(&format!("http://127.0.0.1:{port}/"), 5),
        NetKind::Refused
    );
    // TLS: HTTPS to a plain-HTTP server (a rustls::Error inside an io::Error).
    let plain = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("https://{}/", plain.local_addr().unwrap());
    std::thread::spawn(move || {
        use std::io::Write;
        if let Ok((mut s, _)) = plain.accept() {
            let _ = s.write_all(json_ok("{}").as_bytes());
            std::thread::sleep(Duration::from_millis(500));
        }
    });
    assert_eq!(net_kind_of(&url, 5), NetKind::Tls);
    // DNS: .invalid never resolves (RFC 6761).
    assert_eq!(net_kind_of("http://pkjwt-test.invalid/", 10), NetKind::Dns);
    // Timeout: a server that never answers.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let hold = std::thread::spawn(move || {
        let conn = listener.accept();
        std::thread::sleep(Duration::from_secs(3));
        drop(conn);
    });
    assert_eq!(net_kind_of(&url, 1), NetKind::Timeout);
    hold.join().unwrap();
}

/// Headers, then a body one byte every 100 ms, for as long as the
/// client listens; with `length`, a Content-Length far above what comes.
fn trickle(length: bool) -> String {
    use std::io::Write;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let Ok((mut s, _)) = listener.accept() else {
            return;
        };
        let mut buf = [0u8; 4096];
        let _ = s.read(&mut buf);
        let head = if length {
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
        } else {
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
        };
        let _ = s.write_all(head.as_bytes());
        for _ in 0..600 {
            if s.write_all(b" ").and_then(|_| s.flush()).is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    });
    url
}

#[test]
fn a_trickled_body_meets_the_total_deadline() {
    for length in [true, false] {
        let url = trickle(length);
        let h = Http::new(&HttpOptions {
            timeout: Duration::from_secs(1),
            ..Default::default()
        })
        .unwrap();
        let start = Instant::now();
        let err = h.get_json(&url, None).unwrap_err();
        let took = start.elapsed();
        match &err {
            HttpError::Network { kind, reason, .. } => {
                assert_eq!(*kind, NetKind::Timeout, "{err:?}");
                assert!(reason.contains("deadline of 1 s"), "{reason}");
            }
            _ => panic!("{err:?}"),
        }
        // A bound, not a benchmark: per-read timeouts would run for a minute.
        assert!(took < Duration::from_secs(4), "{took:?} (length {length})");
    }
}

#[test]
fn cache_lifetimes_follow_rfc_9111() {
    use super::cache_lifetime;
    assert_eq!(
        cache_lifetime(Some("public, max-age=60"), None, None),
        Some(60)
    );
    assert_eq!(
        cache_lifetime(Some("max-age=60, s-maxage=120"), None, None),
        Some(120)
    );
    assert_eq!(cache_lifetime(Some("no-store"), None, None), Some(0));
    assert_eq!(cache_lifetime(Some("max-age=\"30\""), None, None), Some(30));
    assert_eq!(cache_lifetime(Some("public"), None, None), None);
    assert_eq!(cache_lifetime(None, None, None), None);
    assert_eq!(
        cache_lifetime(
            None,
            Some("Sun, 06 Nov 1994 08:50:37 GMT"),
            Some("Sun, 06 Nov 1994 08:49:37 GMT")
        ),
        Some(60)
    );
    assert_eq!(
        cache_lifetime(Some("max-age=99999999999"), None, None),
        Some(365 * 86_400)
    );
}
