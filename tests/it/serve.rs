//! `pkjwt serve-jwks`: the same bytes as `pkjwt jwks`, the headers, the
//! reload when the keystore changes, TLS, and the limits (large heads, slow
//! and silent clients).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

/// A running `pkjwt serve-jwks`, killed when dropped.
pub struct Served {
    pub url: String,
    pub port: u16,
    child: Child,
    /// Its stderr, line by line.
    stderr: std::sync::Mutex<std::sync::mpsc::Receiver<String>>,
}

impl Served {
    pub fn start(dir: &Path, ks: &str, extra: &[&str]) -> Served {
        Served::start_env(dir, ks, extra, &[])
    }

    /// As [`Served::start`], with more environment (a PKCS#11 token's).
    pub fn start_env(
        dir: &Path,
        ks: &str,
        extra: &[&str],
        env: &[(&str, &std::ffi::OsStr)],
    ) -> Served {
        let mut child = pkjwt_std(dir)
            .args(["--json", "serve-jwks", "-k", ks, "--listen", "127.0.0.1:0"])
            .args(extra)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let err = BufReader::new(child.stderr.take().unwrap());
        std::thread::spawn(move || {
            for line in err.lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let v: serde_json::Value = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("serve-jwks did not start ({e}): {line:?}"));
        let url = v["url"].as_str().unwrap().to_string();
        let port = url
            .rsplit(':')
            .next()
            .unwrap()
            .trim_end_matches("/jwks.json")
            .parse()
            .unwrap();
        Served {
            url,
            port,
            child,
            stderr: std::sync::Mutex::new(rx),
        }
    }

    /// Wait (at most `deadline`) for a line of stderr containing `needle`.
    pub fn wait_stderr(&self, needle: &str, deadline: Duration) -> Result<String, Vec<String>> {
        let rx = self.stderr.lock().unwrap();
        let until = Instant::now() + deadline;
        let mut seen = Vec::new();
        loop {
            let left = until.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return Ok(line),
                Ok(line) => seen.push(line),
                Err(_) => return Err(seen),
            }
        }
    }

    /// A raw HTTP exchange: the whole answer as text.
    pub fn raw(&self, request: &[u8]) -> String {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(15))).unwrap();
        s.write_all(request).unwrap();
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    pub fn get(&self, path: &str) -> String {
        self.raw(format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes())
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn body(resp: &str) -> &str {
    resp.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("")
}

#[test]
fn serves_the_jwks_bytes_with_headers_and_reloads() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &["--kid", "one"]);
    let srv = Served::start(p, "ks.p12", &[]);
    let expected = stdout(pkjwt(p).args(["jwks", "-k", "ks.p12"]));
    let resp = srv.get("/jwks.json");
    assert!(resp.starts_with("HTTP/1.1 200 OK\r\n"), "{resp}");
    assert!(
        resp.contains("\r\nContent-Type: application/json\r\n"),
        "{resp}"
    );
    assert!(
        resp.contains("\r\nCache-Control: public, max-age=60\r\n"),
        "{resp}"
    );
    assert_eq!(body(&resp), expected);
    let head = srv.raw(b"HEAD /jwks.json?x=1 HTTP/1.1\r\nHost: x\r\n\r\n");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert_eq!(body(&head), "");
    assert!(srv.get("/other").starts_with("HTTP/1.1 404"));
    assert!(srv
        .raw(b"POST /jwks.json HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
        .starts_with("HTTP/1.1 405"));
    assert!(srv.raw(b"nonsense\r\n\r\n").starts_with("HTTP/1.1 400"));

    // A new key appears without a restart.
    keygen(p, "ks.p12", &["--kid", "two"]);
    let expected = stdout(pkjwt(p).args(["jwks", "-k", "ks.p12"]));
    assert!(expected.contains("\"two\""));
    wait_until("the new key to be served", Duration::from_secs(60), || {
        body(&srv.get("/jwks.json")) == expected
    });
}

#[test]
fn limits_hold_against_large_slow_and_silent_clients() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &[]);
    let srv = Served::start(p, "ks.p12", &["--max-age", "5"]);
    // A head over 8 KiB is refused.
    let mut big = b"GET /jwks.json HTTP/1.1\r\nX: ".to_vec();
    big.extend(std::iter::repeat_n(b'a', 20_000));
    big.extend(b"\r\n\r\n");
    let resp = srv.raw(&big);
    assert!(
        resp.starts_with("HTTP/1.1 431"),
        "{}",
        &resp[..resp.len().min(100)]
    );
    // Silent clients hold no one up, and are cut off at the deadline.
    let silent: Vec<TcpStream> = (0..20)
        .map(|_| TcpStream::connect(("127.0.0.1", srv.port)).unwrap())
        .collect();
    let resp = srv.get("/jwks.json");
    assert!(resp.contains("max-age=5"), "{resp}");
    // The server closes it (the read ends) before this generous timeout.
    let mut s = silent.into_iter().next().unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut buf = Vec::new();
    if let Err(e) = s.read_to_end(&mut buf) {
        assert!(
            !matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ),
            "a silent client was not cut off: {e}"
        );
    }
}

/// A FIFO in place of the keystore: the reload says so and goes on (a
/// keystore put back later is served), and a command reading a FIFO keystore
/// fails at once (exit 3) instead of waiting for a writer.
#[cfg(unix)]
#[test]
fn a_fifo_keystore_is_refused_not_waited_on() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &["--kid", "one"]);
    keygen(p, "next.p12", &["--kid", "two"]);
    let srv = Served::start(p, "ks.p12", &[]);
    std::fs::remove_file(p.join("ks.p12")).unwrap();
    run(p, "mkfifo", &["ks.p12"]);
    let line = srv
        .wait_stderr("FIFO", Duration::from_secs(20))
        .unwrap_or_else(|seen| panic!("no warning about the FIFO: {seen:?}"));
    assert!(line.contains("still serving the previous JWKS"), "{line}");
    assert!(body(&srv.get("/jwks.json")).contains("\"one\""));

    // The command line: refused at once, whatever the timeout.
    let mut c = pkjwt(p);
    c.timeout(Duration::from_secs(20))
        .args(["jwks", "-k", "ks.p12"]);
    let err = fails(&mut c, 3);
    assert!(err.contains("FIFO"), "{err}");
    assert!(err.contains("regular file"), "{err}");

    // The reload thread was not stuck on the FIFO.
    std::fs::rename(p.join("next.p12"), p.join("ks.p12")).unwrap();
    srv.wait_stderr("changed: serving", Duration::from_secs(20))
        .unwrap_or_else(|seen| panic!("no reload after the FIFO: {seen:?}"));
    assert!(body(&srv.get("/jwks.json")).contains("\"two\""));
}

/// GET /jwks.json with a head of exactly `len` bytes (padded in a header).
fn head_of(len: usize) -> Vec<u8> {
    let start = b"GET /jwks.json HTTP/1.1\r\nX: ";
    let mut h = start.to_vec();
    h.extend(std::iter::repeat_n(b'a', len - start.len() - 4));
    h.extend(b"\r\n\r\n");
    assert_eq!(h.len(), len);
    h
}

/// The documented 8 KiB: a head of 8,192 bytes is served, one of 8,193 is
/// not (it used to read up to 9,216).
#[test]
fn request_heads_are_limited_to_8_kib_exactly() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &[]);
    let srv = Served::start(p, "ks.p12", &[]);
    let resp = srv.raw(&head_of(8192));
    assert!(
        resp.starts_with("HTTP/1.1 200"),
        "{}",
        &resp[..resp.len().min(100)]
    );
    for len in [8193, 9216] {
        let resp = srv.raw(&head_of(len));
        assert!(
            resp.starts_with("HTTP/1.1 431"),
            "{len}: {}",
            &resp[..resp.len().min(100)]
        );
    }
}

/// A fetch with a generous deadline (well under the old 10 s wait for a
/// held slot): the answer's status line.
fn fetch_within(srv: &Served, deadline: Duration) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", srv.port)).unwrap();
    s.set_read_timeout(Some(deadline)).unwrap();
    s.write_all(b"GET /jwks.json HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out)
        .lines()
        .next()
        .unwrap_or("(no answer)")
        .to_string()
}

/// 70 idle connections (more than the 64 slots) do not keep a fetch out,
/// nor do clients that keep opening new ones; idle ones are cut off after
/// the 2 s head deadline.
#[test]
fn idle_connections_do_not_starve_a_fetch() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &[]);
    let srv = Served::start(p, "ks.p12", &[]);
    let idle: Vec<TcpStream> = (0..70)
        .map(|_| TcpStream::connect(("127.0.0.1", srv.port)).unwrap())
        .collect();
    assert_eq!(
        fetch_within(&srv, Duration::from_secs(5)),
        "HTTP/1.1 200 OK"
    );

    // Clients that re-open connections as theirs are closed.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let port = srv.port;
    let churn = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut held = std::collections::VecDeque::new();
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                if let Ok(s) = TcpStream::connect(("127.0.0.1", port)) {
                    held.push_back(s);
                }
                if held.len() > 100 {
                    held.pop_front();
                }
                std::thread::sleep(Duration::from_millis(5));
            }
        })
    };
    for _ in 0..3 {
        assert_eq!(
            fetch_within(&srv, Duration::from_secs(5)),
            "HTTP/1.1 200 OK"
        );
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    churn.join().unwrap();

    // An idle connection is closed (read returns 0) by the head deadline,
    // long before the 10 s of a whole exchange.
    let mut s = idle.into_iter().last().unwrap();
    s.set_read_timeout(Some(Duration::from_secs(9))).unwrap();
    let mut buf = [0u8; 16];
    match s.read(&mut buf) {
        Ok(0) => {}
        Ok(n) => panic!("{n} bytes on a connection that sent nothing"),
        Err(e) => assert!(
            !matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ),
            "an idle connection was not closed: {e}"
        ),
    }
}

#[test]
fn tls_with_the_keystores_own_certificate() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &["--kid", "tls"]);
    let srv = Served::start(p, "ks.p12", &["--tls"]);
    assert!(srv.url.starts_with("https://"), "{}", srv.url);
    pkjwt(p)
        .args(["keys", "cert", "-k", "ks.p12", "--out", "ca.pem"])
        .assert()
        .success();
    // The certificate is for CN=tls: curl checks the chain, and resolves
    // the name to the server.
    let out = run(
        p,
        "curl",
        &[
            "-sS",
            "--cacert",
            "ca.pem",
            "--resolve",
            &format!("tls:{}:127.0.0.1", srv.port),
            &format!("https://tls:{}/jwks.json", srv.port),
        ],
    );
    let expected = stdout(pkjwt(p).args(["jwks", "-k", "ks.p12"]));
    assert_eq!(out, expected);
}
