//! Keycloak 26 (the `org.keycloak:keycloak-quarkus-dist` zip from Maven
//! Central) as a second real authorization server: started once per test
//! binary, in dev mode with an in-memory database, on 127.0.0.1 with a free
//! port; each test makes its own realm through the admin REST API.
//!
//! `scripts/test` fetches and unpacks the distribution and sets
//! `PKJWT_KEYCLOAK_HOME` (the unpacked folder) and `PKJWT_KEYCLOAK_JAVA_HOME`
//! (a Java 21 or newer). Without them the Keycloak tests return at once,
//! saying so on stderr; with `PKJWT_KEYCLOAK_REQUIRED=1` (CI) they fail.
//!
//! Keycloak is started through a shell that waits on its stdin and then
//! kills Keycloak by PID: the test binary holds the pipe's other end, so
//! when it exits, however it exits, Keycloak is stopped.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

pub struct Keycloak {
    pub base: String,
    pub pid: u32,
    /// Seconds from spawn to the first answer of the master realm.
    pub start_secs: f64,
    /// The running release, e.g. `[26, 7, 3]` (from the admin serverinfo).
    pub version: Vec<u32>,
    _child: Mutex<Child>,
    _stdin: Mutex<ChildStdin>,
    http: reqwest::blocking::Client,
}

/// How long Keycloak may take to start (two busy cores take about a minute).
const START_DEADLINE: Duration = Duration::from_secs(300);

static KEYCLOAK: OnceLock<Result<Keycloak, String>> = OnceLock::new();

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The shared Keycloak, started on first use; `None` (with a note on
/// stderr) when Keycloak is not installed here.
pub fn keycloak() -> Option<&'static Keycloak> {
    let Some(home) = std::env::var_os("PKJWT_KEYCLOAK_HOME").map(PathBuf::from) else {
        assert!(
            std::env::var_os("PKJWT_KEYCLOAK_REQUIRED").is_none(),
            "PKJWT_KEYCLOAK_REQUIRED is set but PKJWT_KEYCLOAK_HOME is not (scripts/test sets both)"
        );
        eprintln!("skipped: Keycloak is not installed (scripts/test fetches it when Java 21+ and Maven are present)");
        return None;
    };
    match KEYCLOAK.get_or_init(|| Keycloak::start(home)) {
        Ok(k) => Some(k),
        Err(e) => panic!("{e}"),
    }
}

/// Start Keycloak in the background, once, so that it comes up while the
/// other tests run instead of holding test threads later (a start costs
/// about a minute on two cores). Called by `common::tmp`.
pub fn warm_up() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if !run_includes_keycloak() {
            return;
        }
        if let Some(home) = std::env::var_os("PKJWT_KEYCLOAK_HOME").map(PathBuf::from) {
            std::thread::spawn(move || {
                KEYCLOAK.get_or_init(|| Keycloak::start(home));
            });
        }
    });
}

/// Whether this run's name filters can select a Keycloak test: none given,
/// or one that a Keycloak test's path contains (or that contains "keycloak").
/// A run of other tests (`cargo test --test it rotate`) does not pay for a start.
fn run_includes_keycloak() -> bool {
    const WITH_VALUE: &[&str] = &[
        "--skip",
        "--test-threads",
        "--format",
        "--color",
        "--logfile",
        "-Z",
    ];
    let mut filters = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if WITH_VALUE.contains(&a.as_str()) {
            args.next();
        } else if !a.starts_with('-') {
            filters.push(a);
        }
    }
    filters.is_empty()
        || filters
            .iter()
            .any(|f| f.contains("keycloak") || "keycloak::".contains(f.as_str()))
}

impl Keycloak {
    fn start(home: PathBuf) -> Result<Keycloak, String> {
        let kc = home.join("bin/kc.sh");
        if !kc.exists() {
            return Err(format!("{} is not there", kc.display()));
        }
        let port = free_port();
        let log = std::env::temp_dir().join(format!("pkjwt-keycloak-{port}.log"));
        let log_file = std::fs::File::create(&log).map_err(|e| e.to_string())?;
        let started = Instant::now();
        // `kc.sh` ends in `exec java`, so $! is Keycloak's own PID.
        let script = r#"
"$0" start-dev --http-host=127.0.0.1 --http-port="$1" --db=dev-mem >"$2" 2>&1 </dev/null &
pid=$!
echo "$pid"
read -r _ || true
kill "$pid" 2>/dev/null
sleep 5
kill -9 "$pid" 2>/dev/null
"#;
        let mut cmd = Command::new("sh");
        cmd.args(["-c", script])
            .arg(&kc)
            .arg(port.to_string())
            .arg(&log)
            .env("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
            .env("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if let Some(j) = std::env::var_os("PKJWT_KEYCLOAK_JAVA_HOME") {
            cmd.env("JAVA_HOME", j);
        }
        drop(log_file);
        let mut child = cmd.spawn().map_err(|e| format!("cannot run sh: {e}"))?;
        let stdin = child.stdin.take().unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        let pid: u32 = line
            .trim()
            .parse()
            .map_err(|_| format!("no PID from the Keycloak start script: {line:?}"))?;
        let base = format!("http://127.0.0.1:{port}");
        let http = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(60))
            .no_proxy()
            .build()
            .unwrap();
        let k = Keycloak {
            base,
            pid,
            start_secs: 0.0,
            version: Vec::new(),
            _child: Mutex::new(child),
            _stdin: Mutex::new(stdin),
            http,
        };
        loop {
            let up = k
                .http
                .get(format!("{}/realms/master", k.base))
                .timeout(Duration::from_secs(5))
                .send()
                .map(|r| r.status().is_success())
                .unwrap_or(false);
            if up {
                break;
            }
            let exited = k._child.lock().unwrap().try_wait().ok().flatten().is_some();
            if exited || started.elapsed() > START_DEADLINE {
                let tail = std::fs::read_to_string(&log).unwrap_or_default();
                let tail: String = tail
                    .lines()
                    .rev()
                    .take(30)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect::<Vec<_>>()
                    .join("\n");
                // Dropping the stdin ends the script, which kills Keycloak.
                return Err(format!(
                    "Keycloak did not start within {} s (log {}):\n{tail}",
                    START_DEADLINE.as_secs(),
                    log.display()
                ));
            }
            std::thread::sleep(Duration::from_millis(500));
        }
        let start_secs = started.elapsed().as_secs_f64();
        let info = k.admin_at("GET", &format!("{}/admin/serverinfo", k.base), None);
        let release = info["systemInfo"]["version"].as_str().unwrap_or("");
        let version = release
            .split(['.', '-'])
            .map_while(|n| n.parse().ok())
            .collect();
        eprintln!(
            "Keycloak {release} (PID {pid}) started in {start_secs:.1} s at {}",
            k.base
        );
        Ok(Keycloak {
            start_secs,
            version,
            ..k
        })
    }

    /// Whether this Keycloak is `release` (e.g. `[26, 6, 2]`) or newer.
    pub fn at_least(&self, release: &[u32]) -> bool {
        self.version.as_slice() >= release
    }

    /// A fresh admin access token (master realm, admin-cli).
    fn admin_token(&self) -> String {
        let text = self
            .http
            .post(format!(
                "{}/realms/master/protocol/openid-connect/token",
                self.base
            ))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("grant_type=password&client_id=admin-cli&username=admin&password=admin")
            .send()
            .unwrap()
            .text()
            .unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        v["access_token"].as_str().unwrap().to_string()
    }

    /// An admin REST call (path under /admin/realms); the JSON answer, or
    /// Null for an empty body. Panics on an error status.
    pub fn admin(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.admin_at(method, &format!("{}/admin/realms{path}", self.base), body)
    }

    fn admin_at(&self, method: &str, url: &str, body: Option<Value>) -> Value {
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut req = self.http.request(m, url).bearer_auth(self.admin_token());
        if let Some(b) = body {
            req = req
                .header("Content-Type", "application/json")
                .body(b.to_string());
        }
        let resp = req.send().unwrap();
        let status = resp.status();
        let text = resp.text().unwrap_or_default();
        assert!(status.is_success(), "{method} {url}: {status}: {text}");
        if text.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        }
    }

    /// A new realm named `name`; its issuer.
    pub fn realm(&self, name: &str) -> String {
        self.admin("POST", "", Some(json!({"realm": name, "enabled": true})));
        format!("{}/realms/{name}", self.base)
    }

    /// An initial access token for registrations in `realm`, written to
    /// `file` (pkjwt reads it with --initial-access-token-file).
    pub fn initial_access_token(&self, realm: &str, file: &std::path::Path) {
        let v = self.admin(
            "POST",
            &format!("/{realm}/clients-initial-access"),
            Some(json!({"expiration": 3600, "count": 20})),
        );
        let mut f = std::fs::File::create(file).unwrap();
        writeln!(f, "{}", v["token"].as_str().unwrap()).unwrap();
    }

    /// An Audience mapper on `client_id` (in `realm`) that puts the client
    /// itself in its access tokens' `aud`: since Keycloak 26.6.2 a client
    /// can introspect only tokens whose `aud` names it.
    pub fn audience_mapper(&self, realm: &str, client_id: &str) {
        let found = self.admin(
            "GET",
            &format!("/{realm}/clients?clientId={client_id}"),
            None,
        );
        let id = found[0]["id"].as_str().unwrap();
        self.admin(
            "POST",
            &format!("/{realm}/clients/{id}/protocol-mappers/models"),
            Some(json!({
                "name": "self-audience",
                "protocol": "openid-connect",
                "protocolMapper": "oidc-audience-mapper",
                "config": {
                    "included.client.audience": client_id,
                    "access.token.claim": "true",
                    "introspection.token.claim": "true"
                }
            })),
        );
    }

    /// The realm's client registration policy components of `provider`
    /// (e.g. "allowed-client-templates") and `sub_type` ("authenticated").
    pub fn policy(&self, realm: &str, provider: &str, sub_type: &str) -> Value {
        let all = self.admin(
            "GET",
            &format!("/{realm}/components?type=org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy"),
            None,
        );
        all.as_array()
            .unwrap()
            .iter()
            .find(|c| c["providerId"] == provider && c["subType"] == sub_type)
            .cloned()
            .unwrap_or_else(|| panic!("no {sub_type} {provider} policy in {realm}"))
    }
}

#[test]
fn keycloak_starts_and_serves_discovery() {
    let Some(k) = keycloak() else { return };
    let issuer = k.realm("start");
    let resp = k
        .http
        .get(format!("{issuer}/.well-known/openid-configuration"))
        .send()
        .unwrap();
    // Keycloak sends no Date header: pkjwt's clock check has nothing to
    // compare with and says it skipped (docs/servers.md).
    assert!(resp.headers().get("date").is_none(), "{:?}", resp.headers());
    let v: Value = serde_json::from_str(&resp.text().unwrap()).unwrap();
    assert_eq!(v["issuer"], issuer.as_str());
    let methods = v["token_endpoint_auth_methods_supported"].to_string();
    assert!(methods.contains("private_key_jwt"), "{methods}");
    assert!(k.pid > 0 && k.start_secs > 0.0);
    assert!(k.at_least(&[26]), "{:?}", k.version);
}
