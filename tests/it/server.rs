//! The real authorization server (oidc-provider from npm, under tests/server)
//! started on 127.0.0.1 with a free port, for protocol tests.
//!
//! `scripts/test` installs it with `npm ci`. The server exits when its stdin
//! closes, so it cannot outlive a test process that dies.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::Duration;

pub struct TestServer {
    pub issuer: String,
    pub port: u16,
    pub events: PathBuf,
    /// One line per HTTP request the server received.
    pub requests: PathBuf,
    child: Child,
    _stdin: ChildStdin,
    _dir: tempfile::TempDir,
}

impl TestServer {
    /// Start the server with `args` (`--profile fapi2`, `--initial-access-token T`, ...).
    pub fn start(args: &[&str]) -> TestServer {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/server");
        assert!(
            root.join("node_modules/oidc-provider").exists(),
            "the test server is not installed: run `npm ci` in tests/server (scripts/test does)"
        );
        let dir = tempfile::tempdir().unwrap();
        let events = dir.path().join("events.jsonl");
        let requests = dir.path().join("requests.jsonl");
        // A loaded machine can stall node's start: wait at most a minute for
        // its one line, then kill it and try again, so a test never hangs.
        let mut attempt = 0;
        let (child, stdin, line) = loop {
            attempt += 1;
            let mut child = Command::new("node")
                .current_dir(&root)
                .arg("server.mjs")
                .args(["--events", events.to_str().unwrap()])
                .args(["--requests", requests.to_str().unwrap()])
                .args(args)
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .expect("node is needed for the protocol tests");
            let stdin = child.stdin.take().unwrap();
            let stdout = child.stdout.take().unwrap();
            let (tx, rx) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let mut line = String::new();
                let _ = BufReader::new(stdout).read_line(&mut line);
                let _ = tx.send(line);
            });
            match rx.recv_timeout(Duration::from_secs(60)) {
                Ok(line) => break (child, stdin, line),
                Err(_) if attempt < 3 => {
                    let _ = child.kill();
                    let _ = child.wait();
                }
                Err(_) => {
                    let _ = child.kill();
                    panic!("the test server did not start within 60 s, {attempt} times");
                }
            }
        };
        let v: serde_json::Value = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("test server did not start ({e}): {line:?}"));
        TestServer {
            issuer: v["issuer"].as_str().unwrap().to_string(),
            port: v["port"].as_u64().unwrap() as u16,
            events,
            requests,
            child,
            _stdin: stdin,
            _dir: dir,
        }
    }

    /// `pkjwt --json register` at this server with `c` (a pkjwt command):
    /// keystore `ks`, profile `profile`, scope api:read, then `extra`; the
    /// JSON it prints.
    pub fn register(
        &self,
        c: &mut assert_cmd::Command,
        ks: &str,
        profile: &str,
        extra: &[&str],
    ) -> serde_json::Value {
        c.args([
            "--json",
            "register",
            "--issuer",
            &self.issuer,
            "-k",
            ks,
            "-p",
            profile,
            "--scope",
            "api:read",
        ])
        .args(extra);
        crate::common::json(c)
    }

    /// How many requests the server has received for `path` (relative to
    /// the origin), any method.
    pub fn count(&self, path: &str) -> usize {
        std::fs::read_to_string(&self.requests)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|v| v["path"] == path)
            .count()
    }

    /// A plain HTTP GET on the server (path relative to the origin): status and body.
    pub fn get(&self, path: &str) -> (u16, String) {
        self.raw(&format!(
            "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{}\r\n\r\n",
            self.port
        ))
    }

    /// POST JSON (path relative to the origin); the JSON answer.
    pub fn post_json(&self, path: &str, body: &serde_json::Value) -> serde_json::Value {
        let b = body.to_string();
        let (status, text) = self.raw(&format!(
            "POST {path} HTTP/1.0\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{b}",
            self.port,
            b.len()
        ));
        assert!(status < 300, "{status}: {text}");
        serde_json::from_str(&text).unwrap()
    }

    /// POST a form with HTTP Basic client authentication (a client secret);
    /// status and body.
    pub fn post_form_basic(&self, path: &str, form: &str, user: &str, pass: &str) -> (u16, String) {
        use base64ct::{Base64, Encoding};
        let basic = Base64::encode_string(format!("{user}:{pass}").as_bytes());
        self.raw(&format!(
            "POST {path} HTTP/1.0\r\nHost: 127.0.0.1:{}\r\nAuthorization: Basic {basic}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
            self.port,
            form.len()
        ))
    }

    fn raw(&self, request: &str) -> (u16, String) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut resp = String::new();
        s.read_to_string(&mut resp).unwrap();
        let status = resp
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let body = resp
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn test_server_starts_and_serves_discovery() {
    let srv = TestServer::start(&[]);
    let (status, body) = srv.get("/.well-known/openid-configuration");
    assert_eq!(status, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["issuer"], srv.issuer.as_str());
    let methods = v["token_endpoint_auth_methods_supported"].to_string();
    assert!(methods.contains("private_key_jwt"), "{methods}");
    let fapi = TestServer::start(&["--profile", "fapi2"]);
    let (_, body) = fapi.get("/.well-known/openid-configuration");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        v["token_endpoint_auth_methods_supported"],
        serde_json::json!(["private_key_jwt"])
    );
    let _ = srv.events.exists();
}
