//! `pkjwt call` against a resource server played in process: it checks the
//! `Authorization` header, and for DPoP verifies each proof (signature with
//! josekit, `htm`, `htu`, `ath`, a fresh `jti`) and asks once for a nonce.
//! The tokens come from the real test server.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};

use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::Value;
use sha2::Digest;

use crate::common::*;
use crate::server::TestServer;

/// What the resource server received: method, path, headers, body.
#[derive(Clone, Debug)]
struct Seen {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

struct Rs {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

/// How the resource server answers.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// 200 with the request body echoed (and `/missing` 404).
    Bearer,
    /// 401 invalid_token to the first token, 200 to any other.
    RefuseFirst,
    /// DPoP proofs checked; a nonce asked for once.
    Dpop,
}

fn answer(status: &str, extra: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/octet-stream\r\nX-Test: yes\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    r.extend_from_slice(body);
    r
}

/// Check a DPoP proof for `s` at `url`; the reason it fails, if it does.
fn check_proof(s: &Seen, url: &str, jtis: &mut Vec<String>) -> Result<Value, String> {
    let token = s
        .header("authorization")
        .and_then(|a| a.strip_prefix("DPoP "))
        .ok_or("no Authorization: DPoP")?;
    let proof = s.header("dpop").ok_or("no DPoP header")?;
    let head: Value = serde_json::from_slice(
        &Base64UrlUnpadded::decode_vec(proof.split('.').next().unwrap()).unwrap(),
    )
    .unwrap();
    assert_eq!(head["typ"], "dpop+jwt");
    let jwk = josekit::jwk::Jwk::from_map(head["jwk"].as_object().unwrap().clone()).unwrap();
    let verifier = josekit::jws::ES256
        .verifier_from_jwk(&jwk)
        .map_err(|e| e.to_string())?;
    let (payload, _) =
        josekit::jwt::decode_with_verifier(proof, &verifier).map_err(|e| e.to_string())?;
    let c: Value = serde_json::to_value(payload.claims_set()).unwrap();
    let ath = Base64UrlUnpadded::encode_string(&sha2::Sha256::digest(token.as_bytes()));
    if c["htm"] != s.method.as_str() || c["htu"] != url || c["ath"] != ath.as_str() {
        return Err(format!("wrong htm/htu/ath: {c}"));
    }
    let jti = c["jti"].as_str().unwrap().to_string();
    if jtis.contains(&jti) {
        return Err("a replayed jti".into());
    }
    jtis.push(jti);
    Ok(c)
}

fn serve(mode: Mode) -> Rs {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", l.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (log, base) = (seen.clone(), url.clone());
    std::thread::spawn(move || {
        let mut jtis = Vec::new();
        let mut first_token: Option<String> = None;
        for conn in l.incoming() {
            let Ok(mut c) = conn else { break };
            let mut r = BufReader::new(c.try_clone().unwrap());
            let mut line = String::new();
            if r.read_line(&mut line).unwrap_or(0) == 0 {
                continue;
            }
            let mut parts = line.split_whitespace();
            let method = parts.next().unwrap_or("").to_string();
            let path = parts.next().unwrap_or("").to_string();
            let mut headers = Vec::new();
            loop {
                let mut h = String::new();
                r.read_line(&mut h).unwrap();
                let h = h.trim_end();
                if h.is_empty() {
                    break;
                }
                let (k, v) = h.split_once(':').unwrap();
                headers.push((k.trim().to_string(), v.trim().to_string()));
            }
            let len = headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                .map(|(_, v)| v.parse::<usize>().unwrap())
                .unwrap_or(0);
            let mut body = vec![0; len];
            r.read_exact(&mut body).unwrap();
            let s = Seen {
                method,
                path: path.clone(),
                headers,
                body,
            };
            log.lock().unwrap().push(s.clone());
            let full = format!("{base}{}", path.split('?').next().unwrap());
            let resp = match mode {
                Mode::Bearer if path == "/missing" => answer("404 Not Found", "", b"no such thing"),
                Mode::Bearer => answer("200 OK", "", &s.body),
                Mode::RefuseFirst => {
                    let t = s.header("authorization").unwrap_or("").to_string();
                    if first_token.get_or_insert(t.clone()) == &t {
                        answer(
                            "401 Unauthorized",
                            "WWW-Authenticate: Bearer error=\"invalid_token\"\r\n",
                            b"",
                        )
                    } else {
                        answer("200 OK", "", b"fresh")
                    }
                }
                Mode::Dpop => match check_proof(&s, &full, &mut jtis) {
                    Err(why) => answer("400 Bad Request", "", why.as_bytes()),
                    Ok(c) if c["nonce"] != "rs-nonce-1" => answer(
                        "401 Unauthorized",
                        "WWW-Authenticate: DPoP error=\"use_dpop_nonce\"\r\nDPoP-Nonce: rs-nonce-1\r\n",
                        b"",
                    ),
                    Ok(_) => answer("200 OK", "", b"proof ok"),
                },
            };
            let _ = c.write_all(&resp);
        }
    });
    Rs { url, seen }
}

fn setup(p: &Path, srv: &TestServer) {
    keygen(p, "ks.p12", &["--kid", "a"]);
    srv.register(&mut pkjwt(p), "ks.p12", "c", &[]);
}

fn out(c: &mut assert_cmd::Command) -> Vec<u8> {
    c.assert().success().get_output().stdout.clone()
}

#[test]
fn call_sends_the_cached_bearer_token_and_the_body_untouched() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    setup(p, &srv);
    let rs = serve(Mode::Bearer);
    let before = srv.count("/token");
    // A binary body from stdin comes back byte for byte.
    let body: Vec<u8> = (0..=255u8).chain(b"\r\n\0end".iter().copied()).collect();
    let got = out(pkjwt(p)
        .args(["call", "-p", "c", "-d", "@-", "-H", "X-Extra: 1"])
        .arg(format!("{}/echo?x=1", rs.url))
        .write_stdin(body.clone()));
    assert_eq!(got, body);
    // Again, with -i: no token request (cached), and no password needed.
    let got = out(pkjwt_no_password(p)
        .args(["-v", "call", "-p", "c", "-i", "--json-body", "{\"a\":1}"])
        .arg(format!("{}/echo", rs.url)));
    let text = String::from_utf8_lossy(&got);
    assert!(text.starts_with("HTTP/1.1 200\r\n"), "{text}");
    assert!(text.contains("x-test: yes\r\n"), "{text}");
    assert!(text.ends_with("\r\n\r\n{\"a\":1}"), "{text}");
    assert_eq!(srv.count("/token"), before + 1);
    let seen = rs.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].method, "POST");
    assert_eq!(seen[0].path, "/echo?x=1");
    assert_eq!(seen[0].header("x-extra"), Some("1"));
    assert_eq!(seen[1].header("content-type"), Some("application/json"));
    let token = stdout(pkjwt_no_password(p).args([
        "token",
        "-p",
        "c",
        "--cache",
        "--field",
        "access_token",
    ]));
    assert_eq!(
        seen[0].header("authorization"),
        Some(format!("Bearer {}", token.trim()).as_str())
    );
    assert_eq!(
        seen[0].header("authorization"),
        seen[1].header("authorization")
    );
    // -v never shows the token.
    let err = pkjwt_no_password(p)
        .args(["-vv", "call", "-p", "c"])
        .arg(format!("{}/echo", rs.url))
        .assert()
        .success()
        .get_output()
        .stderr
        .clone();
    assert!(!String::from_utf8_lossy(&err).contains(token.trim()));
    // A 404 exits 0 with its body, like curl; --fail exits 22 without it.
    let got = out(pkjwt_no_password(p)
        .args(["call", "-p", "c"])
        .arg(format!("{}/missing", rs.url)));
    assert_eq!(got, b"no such thing");
    let o = pkjwt_no_password(p)
        .args(["call", "-p", "c", "--fail"])
        .arg(format!("{}/missing", rs.url))
        .assert()
        .code(22)
        .get_output()
        .clone();
    assert!(o.stdout.is_empty());
    assert!(String::from_utf8_lossy(&o.stderr).contains("answered HTTP 404"));
    // -o FILE, mode 0600.
    pkjwt_no_password(p)
        .args(["call", "-p", "c", "-d", "saved", "-o", "out.bin"])
        .arg(format!("{}/echo", rs.url))
        .assert()
        .success();
    assert_eq!(std::fs::read(p.join("out.bin")).unwrap(), b"saved");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let m = std::fs::metadata(p.join("out.bin"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(m & 0o777, 0o600);
    }
}

#[test]
fn a_refused_token_is_replaced_once() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    setup(p, &srv);
    let rs = serve(Mode::RefuseFirst);
    let before = srv.count("/token");
    let got = out(pkjwt(p)
        .args(["call", "-p", "c"])
        .arg(format!("{}/x", rs.url)));
    assert_eq!(got, b"fresh");
    assert_eq!(srv.count("/token"), before + 2);
    let seen = rs.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2);
    assert_ne!(
        seen[0].header("authorization"),
        seen[1].header("authorization")
    );
    // The new token replaced the cached one.
    let token = stdout(pkjwt_no_password(p).args([
        "token",
        "-p",
        "c",
        "--cache",
        "--field",
        "access_token",
    ]));
    assert_eq!(
        seen[1].header("authorization"),
        Some(format!("Bearer {}", token.trim()).as_str())
    );
}

#[test]
fn call_with_a_dpop_token_proves_each_request_and_answers_the_nonce() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    keygen(p, "ks.p12", &["--kid", "a", "--alg", "ES256"]);
    srv.register(&mut pkjwt(p), "ks.p12", "c", &[]);
    json(pkjwt(p).args(["--json", "profile", "set", "c", "--dpop"]));
    let rs = serve(Mode::Dpop);
    let got = out(pkjwt(p)
        .args(["call", "-p", "c"])
        .arg(format!("{}/api/items?page=2", rs.url)));
    assert_eq!(String::from_utf8_lossy(&got), "proof ok");
    let seen = rs.seen.lock().unwrap().clone();
    // A nonce challenge, answered once with a new proof.
    assert_eq!(seen.len(), 2);
    assert_ne!(seen[0].header("dpop"), seen[1].header("dpop"));
    assert!(seen[1]
        .header("authorization")
        .unwrap()
        .starts_with("DPoP "));
}

/// A certificate-bound token (RFC 8705) goes over a connection that
/// presents the key's certificate: Python's TLS server plays the resource
/// server, requires the client certificate and logs its SHA-256.
#[test]
fn call_with_a_certificate_bound_token_presents_the_certificate() {
    let d = tmp();
    let p = d.path();
    pki(p);
    let srv = TestServer::start(&[
        "--tls-cert",
        p.join("srv.pem").to_str().unwrap(),
        "--tls-key",
        p.join("srv.key").to_str().unwrap(),
        "--tls-ca",
        p.join("ca.pem").to_str().unwrap(),
        "--mtls-aliases",
    ]);
    keygen(p, "ks.p12", &["--kid", "a", "--alg", "ES256"]);
    let pk = || {
        let mut c = pkjwt(p);
        c.env("PKJWT_CACERT", p.join("ca.pem"));
        c
    };
    srv.register(&mut pk(), "ks.p12", "m", &["--mtls-bound-tokens"]);
    let pem_text = stdout(pkjwt(p).args(["keys", "cert", "-k", "ks.p12"]));
    std::fs::write(p.join("client.pem"), &pem_text).unwrap();
    let der = pem::parse(pem_text.as_bytes()).unwrap().into_contents();
    let want = Base64UrlUnpadded::encode_string(&sha2::Sha256::digest(&der));
    let script = r#"
import http.server, ssl, hashlib, base64
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(s):
        der = s.connection.getpeercert(binary_form=True)
        t = base64.urlsafe_b64encode(hashlib.sha256(der).digest()).rstrip(b'=').decode()
        open('rs.log', 'a').write('%s %s\n' % (t, s.headers.get('Authorization')))
        s.send_response(200); s.send_header('Content-Length', '8'); s.end_headers(); s.wfile.write(b'bound ok')
    def log_message(s, *a): pass
h = http.server.HTTPServer(('127.0.0.1', 0), H)
c = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); c.load_cert_chain('srv.pem', 'srv.key')
c.verify_mode = ssl.CERT_REQUIRED; c.load_verify_locations('client.pem')
h.socket = c.wrap_socket(h.socket, server_side=True)
print(h.server_address[1], flush=True)
h.serve_forever()
"#;
    let mut child = std::process::Command::new("python3")
        .current_dir(p)
        .args(["-c", script])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = format!("https://127.0.0.1:{}/bound", line.trim());
    let got = pk().args(["call", "-p", "m", &url]).output().unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        got.status.success(),
        "{}",
        String::from_utf8_lossy(&got.stderr)
    );
    assert_eq!(got.stdout, b"bound ok");
    let log = std::fs::read_to_string(p.join("rs.log")).unwrap();
    let (thumb, auth) = log.trim().split_once(' ').unwrap();
    assert_eq!(thumb, want);
    assert!(auth.starts_with("Bearer "), "{auth}");
}

/// A token crosses the network only under TLS: `call` and the git helper
/// refuse plain http to a host that is not loopback, before any token is
/// fetched (no keystore, no server needed).
#[test]
fn plain_http_to_a_remote_host_gets_no_token() {
    let d = tmp();
    let p = d.path();
    let e = fails(
        pkjwt(p).args([
            "call",
            "--issuer",
            "https://as.example",
            "--client-id",
            "c",
            "--keystore",
            "none.p12",
            "http://api.example/x",
        ]),
        3,
    );
    assert!(e.contains("not https"), "{e}");
    let e = fails(
        pkjwt(p)
            .args([
                "git-credential",
                "--issuer",
                "https://as.example",
                "--client-id",
                "c",
                "--keystore",
                "none.p12",
                "get",
            ])
            .write_stdin("protocol=http\nhost=git.example\n\n"),
        3,
    );
    assert!(e.contains("https remotes"), "{e}");
}
