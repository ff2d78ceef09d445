//! Hostile servers and files (issue 20, "Hardening"): https downgraded to
//! http, terminal escapes in server answers, FIFOs where a keystore should be.
//!
//! The https faults need a server a real authorization server will not
//! imitate (metadata naming an http endpoint elsewhere, a redirect to plain
//! http): a small Python TLS server with a private CA answers canned
//! responses by path. The http URLs it names (`evil.test`, RFC 6761: never
//! resolves) are refused before any connection, so no name is looked up.

use std::path::Path;

use crate::common::*;

/// One canned answer: status line, headers, body.
pub struct Canned<'a> {
    pub status: u16,
    pub headers: &'a [(&'a str, &'a str)],
    pub body: &'a str,
}

/// An https server on 127.0.0.1 (trusted through `ca.pem` in `p`) answering
/// each path (any method) with its canned answer, 404 elsewhere; `{base}`
/// in headers and bodies is its own https URL. Killed when dropped.
pub struct TlsMock {
    pub base: String,
    child: std::process::Child,
}

impl Drop for TlsMock {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl TlsMock {
    pub fn start(p: &Path, routes: &[(&str, Canned<'_>)]) -> TlsMock {
        if !p.join("ca.pem").exists() {
            pki(p);
        }
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        let base = format!("https://127.0.0.1:{port}");
        let table: serde_json::Map<String, serde_json::Value> = routes
            .iter()
            .map(|(path, c)| {
                let fill = |s: &str| s.replace("{base}", &base);
                let headers: Vec<(String, String)> = c
                    .headers
                    .iter()
                    .map(|(k, v)| (k.to_string(), fill(v)))
                    .collect();
                (
                    path.to_string(),
                    serde_json::json!([c.status, headers, fill(c.body)]),
                )
            })
            .collect();
        std::fs::write(
            p.join("routes.json"),
            serde_json::Value::Object(table).to_string(),
        )
        .unwrap();
        let script = format!(
            "import http.server, ssl, json\n\
             routes = json.load(open('routes.json'))\n\
             class H(http.server.BaseHTTPRequestHandler):\n\
             \x20   def answer(self):\n\
             \x20       n = int(self.headers.get('content-length') or 0)\n\
             \x20       if n: self.rfile.read(n)\n\
             \x20       status, headers, body = routes.get(self.path, [404, [], ''])\n\
             \x20       data = body.encode()\n\
             \x20       self.send_response(status)\n\
             \x20       for k, v in headers: self.send_header(k, v)\n\
             \x20       self.send_header('Content-Length', str(len(data)))\n\
             \x20       self.end_headers()\n\
             \x20       self.wfile.write(data)\n\
             \x20   do_GET = do_POST = answer\n\
             \x20   def log_message(self, *a): pass\n\
             s = http.server.HTTPServer(('127.0.0.1', {port}), H)\n\
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
            .expect("python3 is needed for this test");
        let mut line = String::new();
        std::io::BufRead::read_line(
            &mut std::io::BufReader::new(child.stdout.take().unwrap()),
            &mut line,
        )
        .unwrap();
        assert_eq!(line.trim(), "ready");
        TlsMock { base, child }
    }
}

const WELL_KNOWN: &str = "/.well-known/openid-configuration";

fn metadata(token_endpoint: &str) -> String {
    format!(
        r#"{{"issuer":"{{base}}","token_endpoint":"{token_endpoint}","token_endpoint_auth_methods_supported":["private_key_jwt"]}}"#
    )
}

/// An https issuer whose metadata names an http token endpoint on another
/// host: refused as the metadata is read (exit 7), before any request to it.
#[test]
fn https_metadata_naming_an_http_endpoint_is_refused() {
    let d = tmp();
    let p = d.path();
    let body = metadata("http://evil.test:1/token");
    let json_type = [("Content-Type", "application/json")];
    let srv = TlsMock::start(
        p,
        &[(
            WELL_KNOWN,
            Canned {
                status: 200,
                headers: &json_type,
                body: &body,
            },
        )],
    );
    let err = fails(
        pkjwt(p).args(["discover", &srv.base, "--cacert", "ca.pem"]),
        7,
    );
    assert!(err.contains("http://evil.test:1/token"), "{err}");
    assert!(err.contains("token_endpoint"), "{err}");
    assert!(err.contains("plain http"), "{err}");
    assert!(err.contains("nothing was sent"), "{err}");
    // A token request through discovery stops at the same place.
    keygen(p, "ks.p12", &[]);
    let err = fails(
        pkjwt(p).args([
            "token",
            "--issuer",
            &srv.base,
            "--client-id",
            "c",
            "-k",
            "ks.p12",
            "--cacert",
            "ca.pem",
        ]),
        7,
    );
    assert!(err.contains("http://evil.test:1/token"), "{err}");
    assert!(!err.contains("resolve"), "{err}");
}

/// A GET redirected from https to plain http on another host is not
/// followed (exit 7), and a POST's redirect there is named as a downgrade,
/// not as a URL to use.
#[test]
fn an_https_redirect_to_http_is_refused() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &[]);
    let to_meta = [("Location", "http://evil.test:1/meta")];
    let to_token = [("Location", "http://evil.test:1/token")];
    let srv = TlsMock::start(
        p,
        &[
            (
                WELL_KNOWN,
                Canned {
                    status: 302,
                    headers: &to_meta,
                    body: "",
                },
            ),
            (
                "/token",
                Canned {
                    status: 307,
                    headers: &to_token,
                    body: "",
                },
            ),
        ],
    );
    let err = fails(
        pkjwt(p).args(["discover", &srv.base, "--cacert", "ca.pem"]),
        7,
    );
    assert!(err.contains("http://evil.test:1/meta"), "{err}");
    assert!(err.contains("302 redirect"), "{err}");
    assert!(err.contains("plain http"), "{err}");
    assert!(!err.contains("resolve"), "{err}");

    let endpoint = format!("{}/token", srv.base);
    let err = fails(
        pkjwt(p).args([
            "token",
            "--issuer",
            &srv.base,
            "--client-id",
            "c",
            "-k",
            "ks.p12",
            "--cacert",
            "ca.pem",
            "--token-endpoint",
            &endpoint,
        ]),
        7,
    );
    assert!(err.contains("http://evil.test:1/token"), "{err}");
    assert!(err.contains("plain http"), "{err}");
    assert!(!err.contains("directly"), "{err}");
}

/// An http endpoint given explicitly for an https issuer is refused too
/// (exit 3, configuration), unless it is on loopback.
#[test]
fn an_explicit_http_endpoint_for_an_https_issuer_is_refused() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &[]);
    let token = |endpoint: &str| {
        let mut c = pkjwt(p);
        c.args([
            "token",
            "--issuer",
            "https://as.example",
            "--client-id",
            "c",
            "-k",
            "ks.p12",
            "--token-endpoint",
            endpoint,
        ]);
        c
    };
    let err = fails(&mut token("http://evil.test:1/token"), 3);
    assert!(err.contains("http://evil.test:1/token"), "{err}");
    assert!(err.contains("https://as.example is https"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    // Loopback is allowed: the request goes out (and finds nothing there).
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let err = fails(&mut token(&format!("http://127.0.0.1:{port}/token")), 6);
    assert!(err.contains("connection refused"), "{err}");
}

/// A server's text with terminal escapes (retitle the window, clear the
/// screen): shown escaped in human output, exact in JSON.
#[test]
fn terminal_escapes_from_a_server_are_shown_not_obeyed() {
    use crate::faults::Canned as Raw;
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &[]);
    let hostile = "\u{1b}]0;pwned\u{7}\u{1b}[2J";
    let json_body = serde_json::json!({
        "error": "invalid_client",
        "error_description": hostile,
        "error_uri": format!("https://as.example/{hostile}"),
    })
    .to_string();
    let text_body = format!("denied {hostile}");
    let answer = |status: &str, ctype: &str, body: &str| {
        format!(
            "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .into_bytes()
    };
    let token = |url: &str, json: bool| {
        let mut c = pkjwt(p);
        if json {
            c.arg("--json");
        }
        c.args([
            "--color",
            "never",
            "token",
            "--issuer",
            "http://127.0.0.1:9",
            "--client-id",
            "c",
            "-k",
            "ks.p12",
            "--token-endpoint",
            url,
        ]);
        c
    };
    for (status, ctype, body) in [
        ("400 Bad Request", "application/json", &json_body),
        ("500 Internal Server Error", "text/plain", &text_body),
    ] {
        let srv = Raw::serve(answer(status, ctype, body), std::time::Duration::ZERO);
        let url = format!("{}/token", srv.url);
        let out = token(&url, false).assert().code(7).get_output().clone();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.stderr.contains(&0x1b) && !out.stderr.contains(&0x07),
            "raw escape on stderr: {err:?}"
        );
        assert!(err.contains("\\u{1b}]0;pwned\\u{7}"), "{err}");
        assert!(!out.stdout.contains(&0x1b), "{:?}", out.stdout);
    }
    // JSON keeps the server's string exactly.
    let srv = Raw::serve(
        answer("400 Bad Request", "application/json", &json_body),
        std::time::Duration::ZERO,
    );
    let out = token(&format!("{}/token", srv.url), true)
        .assert()
        .code(7)
        .get_output()
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    assert_eq!(v["error_description"], hostile, "{v}");
}

/// A token endpoint URL with `user:password@`: the password never shows in
/// the success line. A `DPoP` token for a request sent without a proof is
/// named as the mismatch it is.
#[test]
fn userinfo_is_not_shown_and_an_unasked_dpop_token_is_named() {
    use crate::faults::Canned as Raw;
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &[]);
    let body = r#"{"access_token":"at-1","token_type":"DPoP","expires_in":60}"#;
    let srv = Raw::serve(
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .into_bytes(),
        std::time::Duration::ZERO,
    );
    let url = srv.url.replace("http://", "http://someone:s3cretpw@") + "/token";
    let out = pkjwt(p)
        .args([
            "token",
            "--issuer",
            "http://127.0.0.1:9",
            "--client-id",
            "c",
            "-k",
            "ks.p12",
            "--token-endpoint",
            &url,
        ])
        .assert()
        .success()
        .get_output()
        .clone();
    let (o, e) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(o.contains(&format!("from {}/token", srv.url)), "{o}");
    assert!(!o.contains("s3cretpw") && !e.contains("s3cretpw"), "{o}{e}");
    assert!(e.contains("token_type DPoP"), "{e}");
    assert!(e.contains("without a DPoP proof"), "{e}");
}

/// A clock offset beyond a day either way: refused by `profile set`
/// (usage), and in a profile edited by hand (exit 3, saying how to fix it).
#[test]
fn clock_offset_is_bounded_to_a_day() {
    let d = tmp();
    let p = d.path();
    keygen(p, "ks.p12", &[]);
    std::fs::create_dir_all(p.join("config")).unwrap();
    std::fs::write(
        p.join("config/profiles.toml"),
        format!(
            "[profiles.x]\nissuer = \"http://127.0.0.1:9\"\nclient_id = \"c\"\nkeystore = \"{}\"\nclock_offset = -100000\n",
            p.join("ks.p12").display()
        ),
    )
    .unwrap();
    let err = fails(pkjwt(p).args(["assertion", "-p", "x"]), 3);
    assert!(err.contains("clock_offset -100000"), "{err}");
    assert!(err.contains("--clock-offset"), "{err}");
    pkjwt(p)
        .args(["profile", "set", "x", "--clock-offset", "86401"])
        .assert()
        .code(2);
    pkjwt(p)
        .args(["profile", "set", "x", "--clock-offset", "-86400"])
        .assert()
        .success();
    pkjwt(p).args(["assertion", "-p", "x"]).assert().success();
}
