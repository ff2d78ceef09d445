//! The JWKS server behind `pkjwt serve-jwks`: the keystore's public JWKS over HTTP(S) at
//! `/jwks.json`, for development and CI (a `jwks_uri` on loopback, a test
//! authorization server), reloaded when the keystore changes (a PKCS#11
//! token's keys are read again every half second).
//!
//! A small blocking server on `std::net`, written for its limits rather
//! than taken from a crate (docs/design.md, "serve-jwks"): at most
//! [`MAX_CONNECTIONS`] connections at once, a request head of at most
//! [`MAX_HEAD`] bytes, one request per connection, [`HEAD_DEADLINE`] from
//! accept to a complete request head (TLS handshake included) and
//! [`DEADLINE`] to the last byte written. When every slot is taken, a new
//! connection takes the slot of the oldest one still waiting for its head
//! (that one is closed), so clients that open connections and say nothing,
//! however often they re-open them, cannot keep others out; only when every
//! slot is answering a request is a new connection closed unanswered.

#![warn(missing_docs)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use crate::keystore::open::Opened;
use crate::keystore::Keystore;
use crate::progress::Progress;
use crate::secret::Password;
use crate::Error;

/// The most connections served at once.
pub const MAX_CONNECTIONS: usize = 64;
/// The largest request head (request line and headers, the blank line
/// included) read: 8 KiB exactly.
pub const MAX_HEAD: usize = 8 * 1024;
/// The most time from accept to a complete request head, TLS handshake included.
pub const HEAD_DEADLINE: Duration = Duration::from_secs(2);
/// The most time one connection may take, from accept to the last byte written.
pub const DEADLINE: Duration = Duration::from_secs(10);
/// How often the keystore file is checked for changes.
const POLL: Duration = Duration::from_millis(500);

/// Why the server cannot start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// A TLS file holds nothing usable.
    #[error("{} holds no {what} (PEM)", .path.display())]
    NoPem {
        /// The file (or `pkcs11:` URI) concerned.
        path: PathBuf,
        /// What the file lacks.
        what: &'static str,
    },
    /// `--tls` with a signing key that has no certificate.
    #[error("key {0} has no certificate for --tls")]
    NoCertificate(String),
    /// rustls refused the certificate or key.
    #[error("the TLS certificate or key: {0}")]
    Tls(String),
}

/// Where the server's TLS identity comes from.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub enum TlsSource {
    /// Plain HTTP.
    #[default]
    None,
    /// A certificate chain and its private key, PEM files.
    Files {
        /// The certificate chain (PEM file).
        cert: PathBuf,
        /// The metadata key of the endpoint.
        key: PathBuf,
    },
    /// The signing key's own certificate from the keystore.
    SigningKey,
}

/// How the JWKS is served.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct ServeOptions {
    /// `Cache-Control: public, max-age=N`.
    pub max_age: u32,
    /// Serve retired keys too.
    pub include_retired: bool,
    /// Add each key's certificate chain (`x5c`) and `x5t#S256`.
    pub x5c: bool,
    /// Report each request (peer and request line) through `Progress::detail`.
    pub log_requests: bool,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            max_age: 60,
            include_retired: false,
            x5c: false,
            log_requests: false,
        }
    }
}

/// The JWKS as served (the same bytes `pkjwt jwks` prints), and the kids
/// it holds.
pub fn render(ks: &Keystore, f: ServeOptions) -> (Vec<u8>, Vec<String>) {
    let entries = ks.published(f.include_retired);
    let jwks = crate::keystore::jwks::jwks(ks, &entries, f.x5c);
    let kids = entries.iter().map(|e| e.kid.clone()).collect();
    (crate::keystore::jwks::to_string(&jwks).into_bytes(), kids)
}

/// Serve `new` when it differs from what is served; says so with `what`.
fn replace(
    ui: &dyn Progress,
    body: &RwLock<Arc<Vec<u8>>>,
    (new, kids): (Vec<u8>, Vec<String>),
    what: &str,
) {
    if body.read().map(|b| **b == new).unwrap_or(true) {
        return;
    }
    ui.note(&format!(
        "{what} changed: serving {} key(s): {}",
        kids.len(),
        kids.join(", ")
    ));
    if let Ok(mut b) = body.write() {
        *b = Arc::new(new);
    }
}

/// Serve the public JWKS of the opened keystore (`path`, for re-reading it
/// when it changes; a token is re-read every half second) at `/jwks.json` on
/// `listener`, over TLS when `tls` is given, until the process ends.
/// Changes and failures to re-read are told through `progress`.
pub fn serve_forever(
    listener: TcpListener,
    opened: Opened,
    path: PathBuf,
    tls: Option<Arc<rustls::ServerConfig>>,
    opts: ServeOptions,
    progress: Arc<dyn Progress + Send + Sync>,
) -> Result<(), Error> {
    let (ks, pw, token) = (opened.keystore, opened.secret, opened.token);
    let body = Arc::new(RwLock::new(Arc::new(render(&ks, opts).0)));
    {
        let body = body.clone();
        let ui = progress.clone();
        match token {
            Some(t) => std::thread::spawn(move || watch_token(ui.as_ref(), &t, &body, opts)),
            None => std::thread::spawn(move || watch(ui.as_ref(), &path, pw, &body, opts)),
        };
    }
    let slots = Arc::new(Slots::default());
    let header = format!("Cache-Control: public, max-age={}\r\n", opts.max_age);
    for conn in listener.incoming() {
        let Ok(stream) = conn else {
            // A failing accept (EMFILE, ENFILE) repeats: do not spin on it.
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        let Some(id) = slots.take(&stream) else {
            drop(stream);
            continue;
        };
        let (slots2, body, tls, header) =
            (slots.clone(), body.clone(), tls.clone(), header.clone());
        let log = opts.log_requests.then(|| progress.clone());
        let spawned = std::thread::Builder::new().spawn(move || {
            let peer = stream.peer_addr().ok();
            let line = serve(stream, tls, &body, &header, &|| slots2.busy(id));
            if let (Some(log), Some(peer), Some(line)) = (log, peer, line) {
                log.detail(&format!("{peer} {}", crate::text::printable(&line)));
            }
            slots2.free(id);
        });
        if spawned.is_err() {
            slots.free(id);
        }
    }
    Ok(())
}

/// The connections being served, oldest first.
#[derive(Default)]
struct Slots {
    held: std::sync::Mutex<Vec<Slot>>,
    next: AtomicU64,
}

struct Slot {
    id: u64,
    /// A handle on the connection, to close it when its slot is taken.
    stream: Option<TcpStream>,
    /// Its request head is complete: it is being answered.
    busy: bool,
}

impl Slots {
    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Slot>> {
        self.held
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A slot for `stream`, or None when all [`MAX_CONNECTIONS`] are
    /// answering requests. When all are taken, the oldest connection still
    /// waiting for its request head is closed and gives its slot up.
    fn take(&self, stream: &TcpStream) -> Option<u64> {
        let mut held = self.lock();
        if held.len() >= MAX_CONNECTIONS {
            let idle = held.iter().position(|s| !s.busy)?;
            let old = held.remove(idle);
            if let Some(s) = old.stream {
                let _ = s.shutdown(std::net::Shutdown::Both);
            }
        }
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        held.push(Slot {
            id,
            stream: stream.try_clone().ok(),
            busy: false,
        });
        Some(id)
    }

    /// The connection `id` has sent its request head.
    fn busy(&self, id: u64) {
        if let Some(s) = self.lock().iter_mut().find(|s| s.id == id) {
            s.busy = true;
        }
    }

    /// The connection `id` is done (or was closed by [`Slots::take`]).
    fn free(&self, id: u64) {
        self.lock().retain(|s| s.id != id);
    }
}

/// Read the keystore again whenever its bytes change; keep serving the last
/// good JWKS when the new file does not open.
fn watch(
    ui: &dyn Progress,
    path: &Path,
    pw: Password,
    body: &RwLock<Arc<Vec<u8>>>,
    f: ServeOptions,
) {
    // Nothing is taken as seen: the file may have changed between its
    // first opening and this thread's start. The first poll reads it once
    // and serves it only if its JWKS differs.
    let mut stamp = None;
    let mut last: Option<Vec<u8>> = None;
    loop {
        std::thread::sleep(POLL);
        let now = stat(path);
        if stamp.is_some() && now == stamp {
            continue;
        }
        stamp = now;
        // A FIFO or device in its place is refused, not waited on
        // (keystore::read_file): later changes are still served.
        let data = match crate::keystore::read_file(path) {
            Ok(data) => data,
            Err(crate::Error::Io { source, .. })
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                continue
            }
            Err(e) => {
                ui.warn(&format!("{e}: still serving the previous JWKS"));
                continue;
            }
        };
        if last.as_deref() == Some(&data[..]) {
            continue;
        }
        last = Some(data.clone());
        match Keystore::from_bytes(path, data, &pw) {
            Ok(ks) => replace(ui, body, render(&ks, f), &path.display().to_string()),
            Err(e) => ui.warn(&format!(
                "{} changed and does not open ({e}): still serving the previous JWKS",
                path.display()
            )),
        }
    }
}

/// A token has no file to watch: read its keys again every [`POLL`] (a
/// `pkjwt rotate` in another process changes them) and serve the new JWKS
/// when it differs; keep serving the last one when the token cannot be read.
fn watch_token(
    ui: &dyn Progress,
    t: &Arc<crate::keystore::pkcs11::Token>,
    body: &RwLock<Arc<Vec<u8>>>,
    f: ServeOptions,
) {
    let mut warned = false;
    loop {
        std::thread::sleep(POLL);
        let ks = match t.keystore() {
            Ok(ks) => ks,
            Err(e) => {
                if !warned {
                    ui.warn(&format!(
                        "the PKCS#11 token {:?} cannot be read ({e}): still serving the previous JWKS",
                        t.label
                    ));
                    warned = true;
                }
                continue;
            }
        };
        warned = false;
        let what = format!("the PKCS#11 token {:?}", t.label);
        replace(ui, body, render(&ks, f), &what);
    }
}

/// What tells a changed file: modification time, size and inode.
fn stat(path: &Path) -> Option<(std::time::SystemTime, u64, u64)> {
    let m = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let ino = std::os::unix::fs::MetadataExt::ino(&m);
    #[cfg(not(unix))]
    let ino = 0;
    Some((m.modified().ok()?, m.len(), ino))
}

/// The TLS configuration of `source`, for the keystore `ks` at `path`;
/// `None` for plain HTTP.
pub fn tls_config(
    ks: &Keystore,
    path: &Path,
    source: &TlsSource,
) -> Result<Option<Arc<rustls::ServerConfig>>, Error> {
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let (certs, key): (Vec<CertificateDer<'static>>, PrivateKeyDer<'static>) = match source {
        TlsSource::Files { cert: c, key: k } => {
            let bad = |p: &Path, what: &'static str| ServeError::NoPem {
                path: p.to_path_buf(),
                what,
            };
            let read = |p: &Path| -> Result<Vec<pem::Pem>, Error> {
                let data = std::fs::read(p).map_err(|source| Error::Io {
                    op: "read",
                    path: p.to_path_buf(),
                    source,
                })?;
                Ok(pem::parse_many(&data).map_err(|_| bad(p, "PEM blocks"))?)
            };
            let certs: Vec<CertificateDer<'static>> = read(c)?
                .into_iter()
                .filter(|p| p.tag() == "CERTIFICATE")
                .map(|p| CertificateDer::from(p.into_contents()))
                .collect();
            if certs.is_empty() {
                return Err(bad(c, "CERTIFICATE").into());
            }
            let key = read(k)?
                .into_iter()
                .find_map(|p| match p.tag() {
                    "PRIVATE KEY" => Some(PrivateKeyDer::Pkcs8(p.into_contents().into())),
                    "RSA PRIVATE KEY" => Some(PrivateKeyDer::Pkcs1(p.into_contents().into())),
                    "EC PRIVATE KEY" => Some(PrivateKeyDer::Sec1(p.into_contents().into())),
                    _ => None,
                })
                .ok_or_else(|| bad(k, "unencrypted private key"))?;
            (certs, key)
        }
        TlsSource::SigningKey => {
            let entry = crate::session::signing_entry(ks, path)?;
            let chain = ks.chain(entry);
            if chain.is_empty() {
                return Err(ServeError::NoCertificate(entry.kid.clone()).into());
            }
            let der = entry.key.to_pkcs8_der()?;
            (
                chain.into_iter().map(CertificateDer::from).collect(),
                PrivateKeyDer::Pkcs8(der.to_vec().into()),
            )
        }
        TlsSource::None => return Ok(None),
    };
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|b| b.with_no_client_auth().with_single_cert(certs, key))
        .map_err(|e| ServeError::Tls(e.to_string()))?;
    Ok(Some(Arc::new(config)))
}

/// A stream with a deadline: every read and write gets the time left.
struct Deadlined {
    stream: TcpStream,
    until: Instant,
}

/// A connection whose request head is complete: its deadline moves from
/// [`HEAD_DEADLINE`] to [`DEADLINE`] (both from accept).
trait ReadWrite: Read + Write {
    fn head_read(&mut self);
}

impl ReadWrite for Deadlined {
    fn head_read(&mut self) {
        self.until = self.until - HEAD_DEADLINE + DEADLINE;
    }
}

impl ReadWrite for rustls::StreamOwned<rustls::ServerConnection, Deadlined> {
    fn head_read(&mut self) {
        self.sock.head_read();
    }
}

impl Deadlined {
    fn left(&self) -> std::io::Result<Duration> {
        self.until
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::TimedOut, "deadline"))
    }
}

impl Read for Deadlined {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.left()?;
        self.stream.set_read_timeout(Some(left))?;
        self.stream.read(buf)
    }
}

impl Write for Deadlined {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let left = self.left()?;
        self.stream.set_write_timeout(Some(left))?;
        self.stream.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.stream.flush()
    }
}

/// Serve one connection; the log line (`GET /jwks.json 200`), if any.
fn serve(
    stream: TcpStream,
    tls: Option<Arc<rustls::ServerConfig>>,
    body: &RwLock<Arc<Vec<u8>>>,
    cache: &str,
    busy: &dyn Fn(),
) -> Option<String> {
    let _ = stream.set_nodelay(true);
    let io = Deadlined {
        stream,
        until: Instant::now() + HEAD_DEADLINE,
    };
    match tls {
        Some(config) => {
            let conn = rustls::ServerConnection::new(config).ok()?;
            let mut s = rustls::StreamOwned::new(conn, io);
            let line = exchange(&mut s, body, cache, busy);
            s.conn.send_close_notify();
            let _ = s.flush();
            line
        }
        None => {
            let mut io = io;
            exchange(&mut io, body, cache, busy)
        }
    }
}

/// Read one request head (never more than [`MAX_HEAD`] bytes) and answer
/// it; `busy` is called once the head is complete.
fn exchange(
    s: &mut impl ReadWrite,
    body: &RwLock<Arc<Vec<u8>>>,
    cache: &str,
    busy: &dyn Fn(),
) -> Option<String> {
    let mut head = Vec::with_capacity(512);
    let mut buf = [0u8; 1024];
    let complete = loop {
        if let Some(end) = find_end(&head) {
            head.truncate(end);
            break true;
        }
        if head.len() >= MAX_HEAD {
            break false;
        }
        let room = (MAX_HEAD - head.len()).min(buf.len());
        match s.read(&mut buf[..room]) {
            Ok(0) => return None,
            Ok(n) => head.extend_from_slice(&buf[..n]),
            Err(_) => return None,
        }
    };
    // A head (or 8 KiB of one) is in: answer it in the full deadline.
    busy();
    s.head_read();
    if !complete {
        respond(s, 431, "Request Header Fields Too Large", None, "", b"");
        return Some(format!("(head over {MAX_HEAD} bytes) 431"));
    }
    let text = String::from_utf8_lossy(&head);
    let first = text.lines().next().unwrap_or_default().to_string();
    let mut parts = first.split(' ');
    let (method, target, version) = (parts.next(), parts.next(), parts.next());
    let (Some(method), Some(target), Some(version)) = (method, target, version) else {
        respond(s, 400, "Bad Request", None, "", b"");
        return Some(format!("{first:?} 400"));
    };
    if !version.starts_with("HTTP/1.") {
        respond(s, 400, "Bad Request", None, "", b"");
        return Some(format!("{first:?} 400"));
    }
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let status = if path != "/jwks.json" {
        respond(
            s,
            404,
            "Not Found",
            Some("application/json"),
            "",
            b"{\"error\":\"not_found\",\"error_description\":\"the JWKS is at /jwks.json\"}\n",
        );
        404
    } else if method != "GET" && method != "HEAD" {
        respond(
            s,
            405,
            "Method Not Allowed",
            None,
            "Allow: GET, HEAD\r\n",
            b"",
        );
        405
    } else {
        let b = body.read().map(|b| b.clone()).unwrap_or_default();
        let shown: &[u8] = if method == "HEAD" { b"" } else { &b };
        respond_len(
            s,
            200,
            "OK",
            Some("application/json"),
            cache,
            shown,
            b.len(),
        );
        200
    };
    Some(format!("{method} {path} {status}"))
}

fn find_end(head: &[u8]) -> Option<usize> {
    head.windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| p + 4)
}

fn respond(
    s: &mut impl Write,
    code: u16,
    reason: &str,
    ctype: Option<&str>,
    extra: &str,
    body: &[u8],
) {
    respond_len(s, code, reason, ctype, extra, body, body.len())
}

fn respond_len(
    s: &mut impl Write,
    code: u16,
    reason: &str,
    ctype: Option<&str>,
    extra: &str,
    body: &[u8],
    len: usize,
) {
    let mut out = format!(
        "HTTP/1.1 {code} {reason}\r\nContent-Length: {len}\r\nConnection: close\r\nX-Content-Type-Options: nosniff\r\n{extra}"
    );
    if let Some(c) = ctype {
        out.push_str(&format!("Content-Type: {c}\r\n"));
    }
    out.push_str("\r\n");
    let _ = s.write_all(out.as_bytes());
    let _ = s.write_all(body);
    let _ = s.flush();
}
