//! Faults a real server will not produce on demand: HTML pages, 5xx,
//! truncated and oversized bodies, timeouts, redirects, refused connections.
//! An in-process server answers each connection with a canned response and
//! fails the test if it was never called.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::common::*;

/// A one-response HTTP server on 127.0.0.1.
pub struct Canned {
    pub url: String,
    hits: Arc<AtomicUsize>,
    /// Every request received, raw.
    seen: Arc<std::sync::Mutex<Vec<Vec<u8>>>>,
    stop: Arc<AtomicBool>,
    expect_hit: bool,
}

impl Canned {
    /// Serve `response` (raw HTTP) to every connection; `delay` before answering.
    pub fn serve(response: Vec<u8>, delay: Duration) -> Canned {
        Canned::serve_on(TcpListener::bind("127.0.0.1:0").unwrap(), response, delay)
    }

    /// The same on a listener bound beforehand (to know its URL first).
    pub fn serve_on(listener: TcpListener, response: Vec<u8>, delay: Duration) -> Canned {
        Canned::answer_with(
            listener,
            Arc::new(move |s: &mut std::net::TcpStream| {
                std::thread::sleep(delay);
                let _ = s.write_all(&response);
                let _ = s.flush();
            }),
        )
    }

    /// Answer the n-th connection with `responses[n]` (the last one for
    /// every connection after).
    pub fn sequence(responses: Vec<Vec<u8>>) -> Canned {
        let n = Arc::new(AtomicUsize::new(0));
        Canned::answer_with(
            TcpListener::bind("127.0.0.1:0").unwrap(),
            Arc::new(move |s: &mut std::net::TcpStream| {
                let i = n.fetch_add(1, Ordering::SeqCst).min(responses.len() - 1);
                let _ = s.write_all(&responses[i]);
                let _ = s.flush();
            }),
        )
    }

    /// Trickle mode: send `head` (raw HTTP headers, blank line included),
    /// then `body` one byte every `every`, then spaces at the same pace
    /// until the client hangs up: a body that never ends.
    pub fn trickle(head: &str, body: &[u8], every: Duration) -> Canned {
        let (head, body) = (head.as_bytes().to_vec(), body.to_vec());
        Canned::answer_with(
            TcpListener::bind("127.0.0.1:0").unwrap(),
            Arc::new(move |s: &mut std::net::TcpStream| {
                if s.write_all(&head).is_err() {
                    return;
                }
                let endless = std::iter::repeat_n(&b' ', 600_000);
                for b in body.iter().chain(endless) {
                    if s.write_all(&[*b]).and_then(|_| s.flush()).is_err() {
                        return; // the client gave up
                    }
                    std::thread::sleep(every);
                }
            }),
        )
    }

    /// Answer each connection, once its request has arrived, with `answer`.
    fn answer_with(
        listener: TcpListener,
        answer: Arc<dyn Fn(&mut std::net::TcpStream) + Send + Sync>,
    ) -> Canned {
        let addr = listener.local_addr().unwrap();
        let hits = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let h = hits.clone();
        let st = stop.clone();
        let seen: Arc<std::sync::Mutex<Vec<Vec<u8>>>> = Arc::default();
        let sn = seen.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if st.load(Ordering::SeqCst) {
                    break; // dropping the listener closes the port
                }
                let Ok(mut s) = stream else { break };
                h.fetch_add(1, Ordering::SeqCst);
                let answer = answer.clone();
                let sn = sn.clone();
                std::thread::spawn(move || {
                    let _ = s.set_read_timeout(Some(Duration::from_millis(500)));
                    let mut buf = [0u8; 65536];
                    let mut req = Vec::new();
                    // Read the headers and whatever body arrives with them.
                    while let Ok(n) = s.read(&mut buf) {
                        if n == 0 {
                            break;
                        }
                        req.extend_from_slice(&buf[..n]);
                        if let Some(pos) = find(&req, b"\r\n\r\n") {
                            let head = String::from_utf8_lossy(&req[..pos]).to_ascii_lowercase();
                            let len = head
                                .lines()
                                .find_map(|l| l.strip_prefix("content-length:"))
                                .and_then(|v| v.trim().parse::<usize>().ok())
                                .unwrap_or(0);
                            if req.len() >= pos + 4 + len {
                                break;
                            }
                        }
                    }
                    if let Ok(mut all) = sn.lock() {
                        all.push(req);
                    }
                    answer(&mut s);
                });
            }
        });
        Canned {
            url: format!("http://{addr}"),
            hits,
            seen,
            stop,
            expect_hit: true,
        }
    }

    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }

    /// The requests received so far, as text (lossy).
    pub fn requests(&self) -> Vec<String> {
        self.seen
            .lock()
            .map(|all| {
                all.iter()
                    .map(|r| String::from_utf8_lossy(r).into_owned())
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl Drop for Canned {
    fn drop(&mut self) {
        let hits = self.hits();
        // Stop serving: wake the accept loop so it sees the flag and closes the port.
        self.stop.store(true, Ordering::SeqCst);
        let _ = std::net::TcpStream::connect(self.url.trim_start_matches("http://"));
        if self.expect_hit && !std::thread::panicking() {
            assert!(
                hits > 0,
                "the fault server at {} was never called",
                self.url
            );
        }
    }
}

fn find(h: &[u8], n: &[u8]) -> Option<usize> {
    h.windows(n.len()).position(|w| w == n)
}

pub fn http(status: &str, ctype: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Serves a JWKS at /jwks.json (for registration by jwks_uri).
pub struct JwksHost {
    pub url: String,
    inner: Canned,
}

impl JwksHost {
    pub fn serve(jwks: String) -> JwksHost {
        let inner = Canned::serve(http("200 OK", "application/json", &jwks), Duration::ZERO);
        JwksHost {
            url: format!("{}/jwks.json", inner.url),
            inner,
        }
    }
    pub fn hits(&self) -> usize {
        self.inner.hits()
    }
}

/// `pkjwt token` against `url` as the token endpoint, from flags alone.
fn token_at(p: &std::path::Path, url: &str, extra: &[&str]) -> assert_cmd::Command {
    let mut c = pkjwt(p);
    c.args([
        "token",
        "--issuer",
        "http://127.0.0.1:9",
        "--client-id",
        "c",
        "-k",
        "ks.p12",
        "--token-endpoint",
        url,
    ])
    .args(extra);
    c
}

fn setup() -> tempfile::TempDir {
    let d = tmp();
    keygen(d.path(), "ks.p12", &[]);
    d
}

#[test]
fn html_page_instead_of_json() {
    let d = setup();
    let srv = Canned::serve(
        http(
            "200 OK",
            "text/html",
            "<!DOCTYPE html><html><body>Sign in</body></html>",
        ),
        Duration::ZERO,
    );
    let err = fails(
        &mut token_at(d.path(), &format!("{}/token", srv.url), &[]),
        7,
    );
    assert!(err.contains("HTML page instead of JSON"), "{err}");
}

#[test]
fn server_error_5xx() {
    let d = setup();
    let srv = Canned::serve(
        http("503 Service Unavailable", "text/plain", "upstream down"),
        Duration::ZERO,
    );
    let err = fails(
        &mut token_at(d.path(), &format!("{}/token", srv.url), &["--retry", "2"]),
        7,
    );
    assert!(err.contains("503"), "{err}");
    assert!(err.contains("server error"), "{err}");
    assert!(err.contains("upstream down"), "{err}");
    assert_eq!(srv.hits(), 3, "two retries, each a fresh request");
}

#[test]
fn oauth_error_shows_error_description_and_uri() {
    let d = setup();
    let body = r#"{"error":"invalid_client","error_description":"client authentication failed","error_uri":"https://as.example/errors/invalid_client"}"#;
    let srv = Canned::serve(
        http("401 Unauthorized", "application/json", body),
        Duration::ZERO,
    );
    let err = fails(
        &mut token_at(d.path(), &format!("{}/token", srv.url), &[]),
        7,
    );
    assert!(
        err.contains("invalid_client: client authentication failed"),
        "{err}"
    );
    assert!(
        err.contains("https://as.example/errors/invalid_client"),
        "{err}"
    );
    // --json still gives data on stderr's terms: the failure is an error, not a result.
}

#[test]
fn truncated_body() {
    let d = setup();
    let mut resp = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\nConnection: close\r\n\r\n".to_vec();
    resp.extend_from_slice(br#"{"access_token":"abc","tok"#);
    let srv = Canned::serve(resp, Duration::ZERO);
    let err = fails(
        &mut token_at(d.path(), &format!("{}/token", srv.url), &[]),
        7,
    );
    assert!(err.contains("truncated"), "{err}");
}

#[test]
fn oversized_body() {
    let d = setup();
    let big = "x".repeat(5 * 1024 * 1024);
    let srv = Canned::serve(http("200 OK", "application/json", &big), Duration::ZERO);
    let err = fails(
        &mut token_at(d.path(), &format!("{}/token", srv.url), &[]),
        7,
    );
    assert!(
        err.contains("more than pkjwt reads") || err.contains("larger than pkjwt reads"),
        "{err}"
    );
}

#[test]
fn non_json_body() {
    let d = setup();
    let srv = Canned::serve(
        http("200 OK", "text/plain", "access_token=abc&token_type=bearer"),
        Duration::ZERO,
    );
    let err = fails(
        &mut token_at(d.path(), &format!("{}/token", srv.url), &[]),
        7,
    );
    assert!(err.contains("not JSON"), "{err}");
}

#[test]
fn timeout_is_a_network_failure() {
    let d = setup();
    // An answer long after any --timeout: had pkjwt waited for it, the
    // command would have succeeded (or hit the harness's own timeout).
    let srv = Canned::serve(
        http("200 OK", "application/json", "{}"),
        Duration::from_secs(100),
    );
    let err = fails(
        &mut token_at(d.path(), &format!("{}/token", srv.url), &["--timeout", "1"]),
        6,
    );
    assert!(err.contains("timed out"), "{err}");
    assert!(err.contains("deadline of 1 s"), "{err}");
}

#[test]
fn connection_refused_is_a_network_failure() {
    let d = setup();
    // A port that was free a moment ago.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let err = fails(
        &mut token_at(d.path(), &format!("http://127.0.0.1:{port}/token"), &[]),
        6,
    );
    assert!(err.contains("connection refused"), "{err}");
    assert!(err.contains("hint:"), "{err}");
}

#[test]
fn redirect_on_post_is_not_followed() {
    let d = setup();
    let srv = Canned::serve(
        b"HTTP/1.1 307 Temporary Redirect\r\nLocation: https://elsewhere.example/token\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
        Duration::ZERO,
    );
    let err = fails(
        &mut token_at(d.path(), &format!("{}/token", srv.url), &[]),
        7,
    );
    assert!(err.contains("does not follow redirects"), "{err}");
    assert!(err.contains("https://elsewhere.example/token"), "{err}");
}

fn redirect(location: &str) -> Vec<u8> {
    format!("HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        .into_bytes()
}

#[test]
fn redirected_get_is_followed() {
    let d = tmp();
    // The issuer's host redirects every request to a metadata host.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let issuer = format!("http://{}", listener.local_addr().unwrap());
    let doc = format!(
        "{{\"issuer\":\"{issuer}\",\"token_endpoint\":\"{issuer}/token\",\"token_endpoint_auth_methods_supported\":[\"private_key_jwt\"]}}"
    );
    let metadata = Canned::serve(http("200 OK", "application/json", &doc), Duration::ZERO);
    let srv = Canned::serve_on(
        listener,
        redirect(&format!("{}/metadata", metadata.url)),
        Duration::ZERO,
    );
    let v = json(pkjwt(d.path()).args(["--json", "discover", &issuer]));
    assert_eq!(v["issuer"], issuer.as_str());
    assert_eq!((srv.hits(), metadata.hits()), (1, 1));
    // -v shows the hop.
    let out = pkjwt(d.path())
        .args(["-v", "discover", &issuer])
        .assert()
        .success()
        .get_output()
        .stderr
        .clone();
    let trace = String::from_utf8_lossy(&out);
    assert!(
        trace.contains(&format!("< 302 redirect to {}/metadata", metadata.url)),
        "{trace}"
    );
}

#[test]
fn redirect_loop_stops_after_five() {
    let d = tmp();
    let srv = Canned::serve(redirect("/again"), Duration::ZERO);
    let err = fails(pkjwt(d.path()).args(["discover", &srv.url]), 7);
    assert!(err.contains("follows at most 5"), "{err}");
    // Each well-known URL tried: the first request and five redirects, no more.
    let tried = err.matches("follows at most 5").count();
    assert!(tried >= 1, "{err}");
    assert_eq!(srv.hits(), 6 * tried, "{err}");
}

#[test]
fn discovery_of_an_html_page_says_where_it_looked() {
    let d = tmp();
    let srv = Canned::serve(
        http("404 Not Found", "text/html", "<html>nope</html>"),
        Duration::ZERO,
    );
    let err = fails(pkjwt(d.path()).args(["discover", &srv.url]), 7);
    assert!(err.contains("no metadata found"), "{err}");
    assert!(err.contains("/.well-known/openid-configuration"), "{err}");
    assert!(
        err.contains("/.well-known/oauth-authorization-server"),
        "{err}"
    );
}

/// A real TLS server (Python's ssl module) with a private CA: --cacert
/// trusts it, without it the failure is a TLS error (exit 6), and
/// --insecure works with a warning.
#[test]
fn private_ca_with_cacert_and_insecure() {
    let d = tmp();
    let p = d.path();
    pki(p);
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let issuer = format!("https://127.0.0.1:{port}");
    std::fs::create_dir_all(p.join("www/.well-known")).unwrap();
    std::fs::write(
        p.join("www/.well-known/openid-configuration"),
        format!("{{\"issuer\":\"{issuer}\",\"token_endpoint\":\"{issuer}/token\",\"token_endpoint_auth_methods_supported\":[\"private_key_jwt\"]}}"),
    )
    .unwrap();
    let script = format!(
        "import http.server, ssl, functools\n\
         h = functools.partial(http.server.SimpleHTTPRequestHandler, directory='www')\n\
         s = http.server.HTTPServer(('127.0.0.1', {port}), h)\n\
         c = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); c.load_cert_chain('srv.pem', 'srv.key')\n\
         s.socket = c.wrap_socket(s.socket, server_side=True)\n\
         print('ready', flush=True)\n\
         s.serve_forever()\n"
    );
    let mut child = std::process::Command::new("python3")
        .current_dir(p)
        .args(["-c", &script])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    assert_eq!(line.trim(), "ready");

    let v = json(pkjwt(p).args(["--json", "discover", &issuer, "--cacert", "ca.pem"]));
    assert_eq!(v["issuer"], issuer.as_str());
    let err = fails(pkjwt(p).args(["discover", &issuer]), 6);
    assert!(err.contains("TLS") || err.contains("certificate"), "{err}");
    assert!(err.contains("--cacert"), "{err}");
    let out = pkjwt(p)
        .args(["discover", &issuer, "--insecure"])
        .assert()
        .success()
        .get_output()
        .stderr
        .clone();
    assert!(String::from_utf8_lossy(&out).contains("NOT verified"));
    let _ = child.kill();
    let _ = child.wait();
}

/// `--timeout` is one deadline for the whole request: a body trickled a
/// byte at a time (with a Content-Length, or without one and never ending)
/// does not hold pkjwt past it. The bodies take hours to arrive: with a
/// timeout per read, pkjwt would wait for them until the harness's timeout.
#[test]
fn trickled_body_stops_at_the_total_deadline() {
    let d = setup();
    for head in [
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n",
    ] {
        let srv = Canned::trickle(
            head,
            br#"{"access_token":"TRICKLED-SECRET"#,
            Duration::from_millis(200),
        );
        let err = fails(
            &mut token_at(d.path(), &format!("{}/token", srv.url), &["--timeout", "2"]),
            6,
        );
        assert!(err.contains("timed out"), "{err}");
        assert!(err.contains("deadline of 2 s"), "{err}");
        assert!(!err.contains("TRICKLED"), "{err}");
    }
}

/// Bodies pkjwt shows in a hint or a -v trace have their tokens redacted,
/// whether they parse or not.
#[test]
fn bodies_shown_in_errors_are_redacted() {
    let d = setup();
    let cases = [
        http(
            "503 Service Unavailable",
            "application/json",
            r#"{"access_token":"SECRET-1","token_type":"Bearer"}"#,
        ),
        http(
            "200 OK",
            "text/plain",
            "access_token=SECRET-2&token_type=bearer&refresh_token=SECRET-3",
        ),
        http(
            "200 OK",
            "application/json",
            r#"{"token_type":"Bearer","access_token":"SECRET-4", oops"#,
        ),
        http(
            "502 Bad Gateway",
            "text/html",
            r#"<html><a href="/cb?code=SECRET-5&state=1">{"id_token":"SECRET-6"}</a></html>"#,
        ),
        {
            let mut r = b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: 900\r\nConnection: close\r\n\r\n".to_vec();
            r.extend_from_slice(br#"{"refresh_token":"SECRET-7","access_token":"SECRET-8"#);
            r
        },
    ];
    for resp in cases {
        let srv = Canned::serve(resp.clone(), Duration::ZERO);
        for verbose in [false, true] {
            let extra: &[&str] = if verbose { &["-v"] } else { &[] };
            let err = fails(
                &mut token_at(d.path(), &format!("{}/token", srv.url), extra),
                7,
            );
            assert!(!err.contains("SECRET"), "{err}");
            assert!(err.contains("(redacted)"), "{err}");
        }
    }
}

/// A 200 that is not a usable token response is a server error, not
/// "Got Bearer token".
#[test]
fn unusable_token_responses_are_exit_7() {
    let d = setup();
    for (body, says) in [
        (r#"{"token_type":"Bearer"}"#, "has no access_token"),
        (
            r#"{"access_token":42,"token_type":"Bearer"}"#,
            "access_token is not a string but a number",
        ),
        (
            r#"{"access_token":{"v":"x"},"token_type":"Bearer"}"#,
            "access_token is not a string but an object",
        ),
        (
            r#"{"access_token":"","token_type":"Bearer"}"#,
            "access_token is empty",
        ),
        (r#"{"access_token":"SECRET-AT"}"#, "has no token_type"),
        ("[]", "not a JSON object"),
    ] {
        let srv = Canned::serve(http("200 OK", "application/json", body), Duration::ZERO);
        for extra in [&[][..], &["--json"][..], &["--field", "access_token"][..]] {
            let out = token_at(d.path(), &format!("{}/token", srv.url), extra)
                .assert()
                .code(7)
                .get_output()
                .clone();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains("unusable token response"), "{body}: {err}");
            assert!(err.contains(says), "{body}: {err}");
            assert!(!err.contains("SECRET"), "{err}");
            assert!(out.stdout.is_empty(), "{body}: {:?}", out.stdout);
        }
    }
}
