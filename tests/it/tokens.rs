//! Tokens where they are used: the token cache (`token --cache`, `pkjwt
//! cache`), the output formats for other tools, and token exchange,
//! against the real test server; token requests are counted in its
//! request log.

use std::path::Path;

use serde_json::Value;

use crate::common::*;
use crate::server::TestServer;

/// A registered client: keystore ks.p12 (kid a), profile c.
fn setup(p: &Path, srv: &TestServer) {
    keygen(p, "ks.p12", &["--kid", "a"]);
    srv.register(&mut pkjwt(p), "ks.p12", "c", &[]);
}

fn cached(p: &Path, extra: &[&str]) -> Value {
    json(
        pkjwt(p)
            .args(["--json", "token", "-p", "c", "--cache"])
            .args(extra),
    )
}

#[test]
fn a_cached_token_is_reused_without_a_request_or_the_password() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    setup(p, &srv);
    let before = srv.count("/token");
    let first = cached(p, &[]);
    assert_eq!(srv.count("/token"), before + 1);
    // A hit: no request, and no keystore unlock (no password anywhere).
    let out = pkjwt_no_password(p)
        .args(["--json", "token", "-p", "c", "--cache"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let second: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(second["access_token"], first["access_token"]);
    assert!(second["expires_in"].as_i64().unwrap() <= first["expires_in"].as_i64().unwrap());
    assert_eq!(srv.count("/token"), before + 1);
    // The environment turns it on too.
    let env = json(
        pkjwt_no_password(p)
            .env("PKJWT_TOKEN_CACHE", "1")
            .args(["--json", "token", "-p", "c"]),
    );
    assert_eq!(env["access_token"], first["access_token"]);
    // Another scope is another entry; --no-cache and plain calls ask.
    cached(p, &["--scope", ""]);
    assert_eq!(srv.count("/token"), before + 2);
    json(pkjwt(p).args(["--json", "token", "-p", "c"]));
    json(pkjwt(p).args(["--json", "token", "-p", "c", "--cache", "--no-cache"]));
    assert_eq!(srv.count("/token"), before + 4);
    // A --min-ttl longer than the token's life misses (and stores anew).
    cached(p, &["--min-ttl", "30d"]);
    assert_eq!(srv.count("/token"), before + 5);
    // The files: 0700 directory, 0600 entries, no refresh token.
    let dir = p.join(".cache/pkjwt/tokens");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            if e.file_name().to_string_lossy().ends_with(".json") {
                assert_eq!(mode(&e.path()), 0o600);
            }
        }
    }
    // `cache list` shows entries without tokens; `cache clear` empties it.
    let list = json(pkjwt(p).args(["--json", "cache", "list"]));
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{list}");
    assert_eq!(rows[0]["profile"], "c");
    assert!(!list
        .to_string()
        .contains(first["access_token"].as_str().unwrap()));
    let cleared = json(pkjwt(p).args(["--json", "cache", "clear", "--profile", "c"]));
    assert_eq!(cleared["removed"], 2);
    cached(p, &[]);
    assert_eq!(srv.count("/token"), before + 6);
}

#[test]
fn twenty_concurrent_cached_calls_make_one_token_request() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    setup(p, &srv);
    let before = srv.count("/token");
    let children: Vec<_> = (0..20)
        .map(|_| {
            pkjwt_std(p)
                .args(["token", "-p", "c", "--cache", "--field", "access_token"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut tokens = std::collections::BTreeSet::new();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        tokens.insert(String::from_utf8(out.stdout).unwrap());
    }
    assert_eq!(tokens.len(), 1, "{tokens:?}");
    assert_eq!(srv.count("/token"), before + 1);
}

#[test]
fn rotation_and_profile_changes_invalidate_the_profiles_tokens() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    setup(p, &srv);
    let first = cached(p, &[]);
    let before = srv.count("/token");
    json(pkjwt(p).args(["--json", "rotate", "-p", "c", "--kid", "b", "--grace", "0s"]));
    assert_eq!(
        json(pkjwt(p).args(["--json", "cache", "list"])),
        serde_json::json!([])
    );
    let after_rotation = srv.count("/token");
    let second = cached(p, &[]);
    assert_ne!(second["access_token"], first["access_token"]);
    assert_eq!(srv.count("/token"), after_rotation + 1);
    assert!(after_rotation > before);
    // A changed profile misses.
    json(pkjwt(p).args(["--json", "profile", "set", "c", "--lifetime", "45"]));
    cached(p, &[]);
    assert_eq!(srv.count("/token"), after_rotation + 2);
    // The profile's setting turns the cache on.
    json(pkjwt(p).args(["--json", "profile", "set", "c", "--cache"]));
    let a = json(pkjwt(p).args(["--json", "token", "-p", "c"]));
    let b = json(pkjwt_no_password(p).args(["--json", "token", "-p", "c"]));
    assert_eq!(a["access_token"], b["access_token"]);
    assert_eq!(srv.count("/token"), after_rotation + 3);
}

#[test]
fn output_formats_for_curl_shells_and_kubectl() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    setup(p, &srv);
    let t = cached(p, &[]);
    let token = t["access_token"].as_str().unwrap();
    let header = stdout(pkjwt(p).args(["token", "-p", "c", "--cache", "--format", "header"]));
    assert_eq!(header, format!("Authorization: Bearer {token}\n"));
    let env = stdout(pkjwt(p).args(["token", "-p", "c", "--cache", "--format", "env"]));
    // A shell reads the lines back.
    let sh = std::process::Command::new("sh")
        .args([
            "-c",
            &format!("{env}\nprintf '%s %s' \"$PKJWT_ACCESS_TOKEN\" \"$PKJWT_TOKEN_TYPE\""),
        ])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(sh.stdout).unwrap(),
        format!("{token} Bearer")
    );
    assert!(env.contains("PKJWT_TOKEN_EXPIRES_AT="), "{env}");
    // exec-credential turns the cache on by itself.
    let before = srv.count("/token");
    let ec = json(pkjwt_no_password(p).args(["token", "-p", "c", "--format", "exec-credential"]));
    assert_eq!(srv.count("/token"), before);
    assert_eq!(ec["apiVersion"], "client.authentication.k8s.io/v1");
    assert_eq!(ec["kind"], "ExecCredential");
    assert_eq!(ec["status"]["token"], token);
    let ts = ec["status"]["expirationTimestamp"].as_str().unwrap();
    assert!(ts.ends_with('Z') && ts.len() == 20, "{ts}");
    assert!(ec.get("spec").is_none());
}

/// With an agent running, tokens stay in its memory: no file is written,
/// and they go when it stops.
#[cfg(unix)]
#[test]
fn with_an_agent_tokens_stay_in_its_memory() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    setup(p, &srv);
    let v = json(pkjwt(p).args(["--json", "agent", "start", "-k", "ks.p12"]));
    let sock = v["sock"].as_str().unwrap().to_string();
    let pid = v["pid"].as_i64().unwrap() as i32;
    struct Stop(i32);
    impl Drop for Stop {
        fn drop(&mut self) {
            // SAFETY: a signal to the agent this test started.
            unsafe { libc::kill(self.0, libc::SIGTERM) };
        }
    }
    let _stop = Stop(pid);
    let before = srv.count("/token");
    let via = |c: &mut assert_cmd::Command| {
        c.env("PKJWT_AGENT_SOCK", &sock);
        json(c)
    };
    let a = via(pkjwt_no_password(p).args(["--json", "token", "-p", "c", "--cache"]));
    let b = via(pkjwt_no_password(p).args(["--json", "token", "-p", "c", "--cache"]));
    assert_eq!(a["access_token"], b["access_token"]);
    assert_eq!(srv.count("/token"), before + 1);
    let files = std::fs::read_dir(p.join(".cache/pkjwt/tokens"))
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.file_name().to_string_lossy().ends_with(".json"))
                .count()
        })
        .unwrap_or(0);
    assert_eq!(files, 0);
    let list = via(pkjwt(p).args(["--json", "cache", "list"]));
    assert_eq!(list[0]["store"], "agent", "{list}");
    let cleared = via(pkjwt(p).args(["--json", "cache", "clear"]));
    assert_eq!(cleared["removed"], 1);
}

/// An HTTPS server (Python's, with a fresh certificate) that answers "ok"
/// to every GET and writes each Authorization header to `log`: kubectl
/// runs exec plugins only for https clusters.
struct Api {
    url: String,
    child: std::process::Child,
}

impl Drop for Api {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn https_api(p: &Path) -> Api {
    use std::io::BufRead;
    run(
        p,
        "openssl",
        &[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-days",
            "1",
            "-keyout",
            "api.key",
            "-out",
            "api.pem",
        ],
    );
    let script = r#"
import http.server, ssl, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(s):
        open('auth.log', 'a').write('%s\n' % s.headers.get('Authorization'))
        s.send_response(200); s.end_headers(); s.wfile.write(b'ok')
    def log_message(s, *a): pass
h = http.server.HTTPServer(('127.0.0.1', 0), H)
c = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); c.load_cert_chain('api.pem', 'api.key')
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
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    Api {
        url: format!("https://127.0.0.1:{}", line.trim()),
        child,
    }
}

/// kubectl itself runs `pkjwt token --format exec-credential` from a
/// kubeconfig `exec` entry (the documented snippet) and sends the token.
#[test]
fn kubectl_takes_the_exec_credential() {
    if std::process::Command::new("kubectl")
        .args(["version", "--client"])
        .output()
        .is_err()
    {
        eprintln!("kubectl is not installed: skipped");
        return;
    }
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    setup(p, &srv);
    let api = https_api(p);
    let bin = assert_cmd::cargo::cargo_bin("pkjwt");
    let kubeconfig = format!(
        "apiVersion: v1
kind: Config
clusters:
- name: test
  cluster:
    server: {}
    certificate-authority: api.pem
contexts:
- name: test
  context: {{cluster: test, user: pkjwt}}
current-context: test
users:
- name: pkjwt
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: {}
      args: [token, --profile, c, --format, exec-credential]
      interactiveMode: Never
",
        api.url,
        bin.display()
    );
    std::fs::write(p.join("kubeconfig"), kubeconfig).unwrap();
    let out = std::process::Command::new("kubectl")
        .current_dir(p)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", p)
        .env("PKJWT_CONFIG_DIR", p.join("config"))
        .env("PKJWT_KEYSTORE_PASSWORD", PW)
        .args(["--kubeconfig", "kubeconfig", "get", "--raw", "/healthz"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "ok");
    // The token kubectl sent is the one pkjwt cached.
    let token = stdout(pkjwt_no_password(p).args([
        "token",
        "-p",
        "c",
        "--cache",
        "--field",
        "access_token",
    ]));
    let sent = std::fs::read_to_string(p.join("auth.log")).unwrap();
    assert!(
        sent.lines()
            .any(|l| l == format!("Bearer {}", token.trim())),
        "{sent}"
    );
}

/// Token exchange (RFC 8693) against Keycloak 26's standard token exchange:
/// a client trades a token whose `aud` names it for a token of its own,
/// authenticated with its assertion. (oidc-provider has no token exchange.)
#[test]
fn keycloak_token_exchange_trades_a_subject_token() {
    let Some(k) = crate::keycloak_server::keycloak() else {
        return;
    };
    let d = tmp();
    let p = d.path();
    let issuer = k.realm("exchange");
    k.initial_access_token("exchange", &p.join("iat.txt"));
    keygen(p, "c.p12", &[]);
    let reg = json(pkjwt(p).args([
        "--json",
        "register",
        "--issuer",
        &issuer,
        "-k",
        "c.p12",
        "-p",
        "c",
        "--initial-access-token-file",
        "iat.txt",
    ]));
    let client_id = reg["client_id"].as_str().unwrap().to_string();
    // Its tokens name it in aud, and it may exchange them (standard token
    // exchange, a client setting).
    k.audience_mapper("exchange", &client_id);
    let found = k.admin(
        "GET",
        &format!("/exchange/clients?clientId={client_id}"),
        None,
    );
    let mut client = found[0].clone();
    let id = client["id"].as_str().unwrap().to_string();
    client["attributes"]["standard.token.exchange.enabled"] = "true".into();
    k.admin("PUT", &format!("/exchange/clients/{id}"), Some(client));
    let subject = json(pkjwt(p).args(["--json", "token", "-p", "c", "--scope", ""]));
    std::fs::write(
        p.join("subject.txt"),
        subject["access_token"].as_str().unwrap(),
    )
    .unwrap();
    let out = pkjwt(p)
        .args([
            "--json",
            "token",
            "-p",
            "c",
            "--grant-type",
            "token-exchange",
            "--scope",
            "",
        ])
        .args(["--subject-token-file", "-", "--requested-token-type"])
        .arg("urn:ietf:params:oauth:token-type:access_token")
        .write_stdin(std::fs::read(p.join("subject.txt")).unwrap())
        .assert()
        .get_output()
        .clone();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    assert!(
        out.status.success(),
        "{}\n{v}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        v["issued_token_type"], "urn:ietf:params:oauth:token-type:access_token",
        "{v}"
    );
    assert!(v["access_token"].as_str().is_some_and(|t| !t.is_empty()));
    assert_ne!(v["access_token"], subject["access_token"]);
    // The human output names the issued token type.
    let text = stdout(
        pkjwt(p)
            .args([
                "token",
                "-p",
                "c",
                "--grant-type",
                "token-exchange",
                "--scope",
                "",
            ])
            .args(["--subject-token-file", "subject.txt"]),
    );
    assert!(
        text.contains("issued_token_type: urn:ietf:params:oauth:token-type:access_token"),
        "{text}"
    );
    // Without a subject token it says what to pass.
    let err = fails(
        pkjwt(p).args(["token", "-p", "c", "--grant-type", "token-exchange"]),
        3,
    );
    assert!(err.contains("--subject-token-file"), "{err}");
}

/// A client assertion made elsewhere is sent as it is, without a keystore;
/// what `inspect` flags in it is a warning, and it is sent anyway.
#[test]
fn a_ready_made_client_assertion_is_checked_and_sent() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    setup(p, &srv);
    let jwt = stdout(pkjwt(p).args(["assertion", "-p", "c"]));
    std::fs::write(p.join("a.jwt"), &jwt).unwrap();
    let before = srv.count("/token");
    // No password: the keystore is not opened.
    let out = pkjwt_no_password(p)
        .args(["--json", "token", "-p", "c", "--client-assertion-file", "-"])
        .write_stdin(jwt.clone())
        .assert()
        .success()
        .get_output()
        .clone();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["token_type"], "Bearer", "{v}");
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("warning"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Replayed (same jti) and expired: warned about, still sent, refused.
    let old = stdout(pkjwt(p).args([
        "assertion",
        "-p",
        "c",
        "--claim",
        "exp=1000",
        "--claim",
        "iat=900",
    ]));
    std::fs::write(p.join("old.jwt"), &old).unwrap();
    let err = fails(
        pkjwt_no_password(p).args(["token", "-p", "c", "--client-assertion-file", "old.jwt"]),
        7,
    );
    assert!(err.contains("warning: the client assertion:"), "{err}");
    assert!(err.contains("expired"), "{err}");
    assert_eq!(srv.count("/token"), before + 2);
}

/// git's own `git credential fill` runs the helper as the documented
/// `git config` line says; `reject` makes pkjwt forget the token.
#[test]
fn git_credential_fill_gets_the_token() {
    let d = tmp();
    let p = d.path();
    let srv = TestServer::start(&[]);
    setup(p, &srv);
    let client_id = json(pkjwt(p).args(["--json", "profile", "show", "c"]))["client_id"]
        .as_str()
        .unwrap()
        .to_string();
    let bin = assert_cmd::cargo::cargo_bin("pkjwt");
    let git = |op: &str, input: &str| {
        let mut c = std::process::Command::new("git");
        c.current_dir(p)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", p)
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("PKJWT_CONFIG_DIR", p.join("config"))
            .env("PKJWT_KEYSTORE_PASSWORD", PW)
            .env("PKJWT_ITERATIONS", "100000")
            .arg("-c")
            .arg(format!(
                "credential.https://git.example.helper=!{} git-credential --profile c",
                bin.display()
            ))
            .args(["credential", op])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = c.spawn().unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    use std::io::Write;
    let before = srv.count("/token");
    let filled = git("fill", "protocol=https\nhost=git.example\n\n");
    let get = |k: &str| {
        filled
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{k}=")))
            .unwrap_or_else(|| panic!("no {k} in {filled}"))
            .to_string()
    };
    assert_eq!(get("username"), client_id);
    let token = stdout(pkjwt_no_password(p).args([
        "token",
        "-p",
        "c",
        "--cache",
        "--field",
        "access_token",
    ]));
    assert_eq!(get("password"), token.trim());
    assert_eq!(srv.count("/token"), before + 1);
    // The server refused it: git rejects, pkjwt forgets, the next fill asks anew.
    git(
        "reject",
        &format!(
            "protocol=https\nhost=git.example\nusername={client_id}\npassword={}\n\n",
            token.trim()
        ),
    );
    assert_eq!(
        json(pkjwt(p).args(["--json", "cache", "list"])),
        serde_json::json!([])
    );
    git("fill", "protocol=https\nhost=git.example\n\n");
    assert_eq!(srv.count("/token"), before + 2);
    // Newer git announces authtype: the token goes as a Bearer credential too.
    let out = stdout(
        pkjwt_no_password(p)
            .args([
                "git-credential",
                "--profile",
                "c",
                "--username",
                "bot",
                "get",
            ])
            .write_stdin("capability[]=authtype\nprotocol=https\nhost=git.example\n\n"),
    );
    assert!(out.contains("username=bot\n"), "{out}");
    assert!(
        out.contains("capability[]=authtype\nauthtype=Bearer\ncredential="),
        "{out}"
    );
    assert!(out.contains("password_expiry_utc="), "{out}");
}
