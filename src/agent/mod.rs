//! `pkjwt agent`: keystores unlocked once and kept in memory by a small
//! process, which signs for other pkjwt processes of the same user over a
//! Unix socket and never hands out a key (like ssh-agent).
//!
//! The wire protocol is one request and one answer per connection, each a
//! 4-byte big-endian length and that many bytes of JSON, at most
//! [`MAX_MESSAGE`]; the agent gives each connection [`DEADLINE`] to send its
//! request and read the answer. Requests (`op`):
//!
//! - `keys` `{keystore}`: the public half of each key the agent holds for
//!   that keystore (canonical path): `{held, expired, changed, keys: [{kid,
//!   alg, alg_stored, spki, cert}]}` (base64url DER); `changed` (and `held`
//!   false) when the file changed since the agent read it;
//! - `sign` `{keystore, kid, alg, input}`: `{signature}` (base64url, JWS form);
//! - `status`: `{pid, keystores: [{path, kids}], expires_at, expired,
//!   memory_locked, warnings}`;
//! - `stop`: `{stopping: true}`, then the agent forgets its keys and exits;
//! - `cache_get` `{id}`, `cache_put` `{id, entry}`, `cache_list` (no token
//!   values; `more` counts entries left out), `cache_remove` `{id}`,
//!   `cache_clear` `{profile, keystore}`: the token cache ([`cache::Memory`]),
//!   forgotten with the keys.
//!
//! Errors are `{error}`. The socket lives in a directory of mode 0700, and
//! the agent refuses a peer whose uid (`SO_PEERCRED` on Linux, `getpeereid`
//! on macOS and the BSDs) is not its own.
//!
//! The agent runs on Unix only: the socket and the server are in `socket`,
//! the system calls, one guarded definition per platform, in `sys`. On
//! Windows this module keeps the protocol and the state, and [`request`]
//! answers [`UNSUPPORTED`].

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::{json, Value};

use crate::keystore::keys::{Alg, ExternalKey, KeyPair, PublicKey};
use crate::keystore::{Entry, Keystore};

pub mod cache;
#[cfg(unix)]
mod socket;
#[cfg(unix)]
pub(crate) mod sys;

#[cfg(unix)]
pub use socket::{request, serve, socket_dir};

/// The agent runs on Unix only: elsewhere every request fails.
#[cfg(not(unix))]
pub fn request(sock: &Path, _req: &Value) -> Result<Value, AgentError> {
    Err(AgentError::Unreachable {
        sock: sock.to_path_buf(),
        reason: UNSUPPORTED.into(),
    })
}

/// Why there is no agent on this platform.
pub const UNSUPPORTED: &str = "the pkjwt agent needs Unix sockets: it is not supported on Windows";

/// The environment variable that names the agent's socket.
pub(crate) const SOCK_ENV: &str = "PKJWT_AGENT_SOCK";
/// The environment variable that names the agent's process id.
#[cfg_attr(any(not(feature = "cli"), not(unix)), allow(dead_code))] // the CLI uses it on Unix
pub(crate) const PID_ENV: &str = "PKJWT_AGENT_PID";
/// The largest request or answer, in bytes.
pub const MAX_MESSAGE: usize = 64 * 1024;
/// How long a connection may take, from accept to the answer written.
pub const DEADLINE: Duration = Duration::from_secs(2);

/// Errors talking to the agent, or starting one.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AgentError {
    /// The environment variable naming the socket is not set.
    #[error("{SOCK_ENV} is not set: no agent to talk to")]
    NotSet,
    /// Nothing answers on the socket.
    #[error("the agent at {} does not answer: {reason}", .sock.display())]
    Unreachable {
        /// The agent's socket.
        sock: PathBuf,
        /// The connection's error.
        reason: String,
    },
    /// The answer is not the agent's protocol (too large, not JSON, cut short).
    #[error("the agent at {} answered badly: {reason}", .sock.display())]
    Protocol {
        /// The agent's socket.
        sock: PathBuf,
        /// What was wrong with it.
        reason: String,
    },
    /// The agent answered with an error: its message.
    #[error("the agent refused: {0}")]
    Refused(String),
    /// The agent could not be started: why.
    #[error("cannot start the agent: {0}")]
    Start(String),
}

fn b64(b: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(b)
}

fn unb64(v: &Value) -> Option<Vec<u8>> {
    Base64UrlUnpadded::decode_vec(v.as_str()?).ok()
}

/// Write one message: length, then JSON.
pub fn write_msg(w: &mut impl Write, v: &Value) -> std::io::Result<()> {
    let body = v.to_string();
    if body.len() > MAX_MESSAGE {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("message of {} bytes, over {MAX_MESSAGE}", body.len()),
        ));
    }
    let mut buf = Vec::with_capacity(4 + body.len());
    buf.extend((body.len() as u32).to_be_bytes());
    buf.extend(body.as_bytes());
    w.write_all(&buf)?;
    w.flush()
}

/// Read one message, refusing one over [`MAX_MESSAGE`] before reading it.
pub fn read_msg(r: &mut impl Read) -> std::io::Result<Value> {
    let mut len = [0u8; 4];
    r.read_exact(&mut len)?;
    let len = u32::from_be_bytes(len) as usize;
    if len > MAX_MESSAGE {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("message of {len} bytes, over {MAX_MESSAGE}"),
        ));
    }
    let mut body = vec![0u8; len];
    r.read_exact(&mut body)?;
    serde_json::from_slice(&body)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

/// What the agent holds for one keystore.
pub struct Lookup {
    /// The keystore's keys as entries that sign through the agent; `None`
    /// when the agent holds none for it.
    pub keystore: Option<Keystore>,
    /// The agent had the keystore and forgot it (its TTL passed).
    pub expired: bool,
    /// The keystore file changed since the agent read it, so the agent's
    /// keys may not be the file's (a key added, removed or changed).
    pub changed: bool,
}

/// The keys the agent at `sock` holds for the keystore at `path`
/// (canonical), each signing through the agent.
pub fn keys(sock: &Path, path: &Path) -> Result<Lookup, AgentError> {
    let path_s = path.to_string_lossy();
    let v = request(sock, &json!({"op": "keys", "keystore": path_s}))?;
    let expired = v["expired"].as_bool().unwrap_or(false);
    let changed = v["changed"].as_bool().unwrap_or(false);
    if !v["held"].as_bool().unwrap_or(false) {
        return Ok(Lookup {
            keystore: None,
            expired,
            changed,
        });
    }
    let bad = |reason: &str| AgentError::Protocol {
        sock: sock.to_path_buf(),
        reason: reason.to_string(),
    };
    let mut ks = Keystore::new();
    for k in v["keys"].as_array().ok_or_else(|| bad("no keys list"))? {
        let kid = k["kid"].as_str().ok_or_else(|| bad("a key without kid"))?;
        let spki = unb64(&k["spki"]).ok_or_else(|| bad("a key without spki"))?;
        let public = PublicKey::from_spki_der(&spki).map_err(|e| bad(&e.to_string()))?;
        let alg = k["alg_stored"]
            .as_bool()
            .unwrap_or(false)
            .then(|| k["alg"].as_str().and_then(|a| a.parse::<Alg>().ok()))
            .flatten();
        let cert = unb64(&k["cert"]);
        let key = AgentKey {
            sock: sock.to_path_buf(),
            keystore: path_s.to_string(),
            kid: kid.to_string(),
        };
        let pair = KeyPair::external(public, Arc::new(key));
        let mut entry = Entry::new(kid.to_string(), pair, cert, alg);
        entry.stored_state = k["state"]
            .as_str()
            .and_then(crate::keystore::state::StateRecord::parse);
        ks.entries.push(entry);
    }
    Ok(Lookup {
        keystore: Some(ks),
        expired,
        changed,
    })
}

/// A key the agent holds; each signature is one request.
struct AgentKey {
    sock: PathBuf,
    keystore: String,
    kid: String,
}

impl ExternalKey for AgentKey {
    fn sign(&self, alg: Alg, input: &[u8]) -> Result<Vec<u8>, String> {
        let v = request(
            &self.sock,
            &json!({"op": "sign", "keystore": self.keystore, "kid": self.kid,
                    "alg": alg.as_str(), "input": b64(input)}),
        )
        .map_err(|e| e.to_string())?;
        unb64(&v["signature"]).ok_or_else(|| "the agent sent no signature".to_string())
    }

    fn holder(&self) -> String {
        format!("pkjwt agent ({})", self.sock.display())
    }
}

/// True when a peer of uid `peer` may use the agent of uid `own`: only the
/// same user (root gets no exception: it has other ways in).
pub fn peer_allowed(peer: u32, own: u32) -> bool {
    peer == own
}

/// A keystore the agent holds: its canonical path and its keys.
pub struct Loaded {
    /// The keystore's canonical path.
    pub path: PathBuf,
    /// The keystore, decrypted.
    pub keystore: Keystore,
    /// The file as it was read, to notice a change.
    pub stamp: Option<Stamp>,
}

/// What identifies a version of a file without reading it: device, inode,
/// size and modification time.
pub type Stamp = (u64, u64, u64, i64, i64);

/// The [`Stamp`] of the file at `path` now.
#[cfg(unix)]
pub fn stamp(path: &Path) -> Option<Stamp> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    Some((m.dev(), m.ino(), m.size(), m.mtime(), m.mtime_nsec()))
}

/// The [`Stamp`] of the file at `path` now (no device or inode here: the
/// size and the modification time).
#[cfg(not(unix))]
pub fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    let t = m
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some((0, 0, m.len(), t.as_secs() as i64, t.subsec_nanos().into()))
}

/// The agent: what it holds and until when.
pub struct Agent {
    loaded: Vec<Loaded>,
    /// When the keys are forgotten; `None` to keep them until stopped.
    pub expires: Option<Instant>,
    expires_unix: Option<i64>,
    expired: bool,
    stop: bool,
    /// What hardening (`sys::harden`) could not do, for `status`.
    pub unhardened: Vec<String>,
    /// Token cache entries (`cache_*` requests), forgotten with the keys.
    cache: cache::Memory,
}

impl Agent {
    /// An agent holding `loaded`, forgetting the keys after `ttl` (`None`: until stopped).
    pub fn new(loaded: Vec<Loaded>, ttl: Option<Duration>) -> Agent {
        let now = crate::oauth::assertion::now();
        Agent {
            loaded,
            expires: ttl.map(|t| Instant::now() + t),
            expires_unix: ttl.map(|t| now.saturating_add(t.as_secs() as i64)),
            expired: false,
            stop: false,
            unhardened: Vec::new(),
            cache: cache::Memory::default(),
        }
    }

    /// Forget every key (the key material is wiped as it is dropped).
    pub fn forget(&mut self) {
        self.loaded.clear();
        self.cache.clear();
        self.expired = true;
    }

    /// Forget the keys when the TTL has passed.
    pub fn tick(&mut self) {
        if self.expires.is_some_and(|t| Instant::now() >= t) && !self.expired {
            self.forget();
        }
    }

    /// True once a `stop` request came.
    pub fn stopping(&self) -> bool {
        self.stop
    }

    fn find(&self, keystore: &str) -> Option<&Loaded> {
        self.loaded
            .iter()
            .find(|l| l.path.to_string_lossy() == keystore)
    }

    /// Answer one request.
    pub fn answer(&mut self, req: &Value) -> Value {
        self.tick();
        let err = |e: &str| json!({ "error": e });
        // Past its TTL the agent keeps no tokens either (docs: tokens go
        // with its keys).
        if self.expired && req["op"].as_str().is_some_and(|o| o.starts_with("cache_")) {
            return err("the agent's --ttl has passed: it keeps no keys and no tokens");
        }
        if let Some(a) = self.cache.answer(req, crate::oauth::assertion::now()) {
            return a;
        }
        match req["op"].as_str() {
            Some("keys") => {
                let Some(path) = req["keystore"].as_str() else {
                    return err("keys needs keystore");
                };
                match self.find(path) {
                    None => json!({"held": false, "expired": self.expired, "keys": []}),
                    Some(l) if l.stamp.is_some() && stamp(&l.path) != l.stamp => {
                        json!({"held": false, "expired": false, "changed": true, "keys": []})
                    }
                    Some(l) => {
                        let keys: Vec<Value> = l
                            .keystore
                            .entries
                            .iter()
                            .map(|e| {
                                json!({
                                    "kid": e.kid,
                                    "alg": e.alg().as_str(),
                                    "alg_stored": e.stored_alg.is_some(),
                                    "spki": e.public().to_spki_der().map(|d| b64(&d)).unwrap_or_default(),
                                    "cert": e.cert.as_ref().map(|c| b64(c)),
                                    // The rotation state, so that the key that signs is the same
                                    // through the agent as from the file.
                                    "state": e.stored_state.map(|st| st.encode()),
                                })
                            })
                            .collect();
                        json!({"held": true, "expired": false, "keys": keys})
                    }
                }
            }
            Some("sign") => {
                let (Some(path), Some(kid), Some(alg), Some(input)) = (
                    req["keystore"].as_str(),
                    req["kid"].as_str(),
                    req["alg"].as_str().and_then(|a| a.parse::<Alg>().ok()),
                    unb64(&req["input"]),
                ) else {
                    return err("sign needs keystore, kid, alg (ES256, PS256, RS256) and input");
                };
                let Some(l) = self.find(path) else {
                    return err(if self.expired {
                        "the agent forgot its keys: its TTL passed"
                    } else {
                        "the agent does not hold that keystore"
                    });
                };
                let Some(entry) = l.keystore.entries.iter().find(|e| e.kid == kid) else {
                    return err("the agent holds no key with that kid");
                };
                match crate::oauth::assertion::Signer::new(entry, alg) {
                    Err(e) => err(&e.to_string()),
                    Ok(s) => match s.sign_bytes(&input) {
                        Ok(sig) => json!({ "signature": b64(&sig) }),
                        Err(e) => err(&e.to_string()),
                    },
                }
            }
            Some("status") => json!({
                "pid": std::process::id(),
                "keystores": self.loaded.iter().map(|l| json!({
                    "path": l.path.display().to_string(),
                    "kids": l.keystore.kids(),
                })).collect::<Vec<_>>(),
                "expires_at": self.expires_unix,
                "expired": self.expired,
                "memory_locked": !self.unhardened.iter().any(|w| w.starts_with("mlockall")),
                "warnings": self.unhardened,
            }),
            Some("stop") => {
                self.stop = true;
                json!({ "stopping": true })
            }
            _ => err("unknown op: use keys, sign, status or stop"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_same_uid_is_served() {
        assert!(peer_allowed(1000, 1000));
        assert!(!peer_allowed(1001, 1000));
        assert!(!peer_allowed(0, 1000));
        assert!(!peer_allowed(1000, 0));
    }

    #[test]
    fn messages_are_length_prefixed_and_capped() {
        let mut buf = Vec::new();
        write_msg(&mut buf, &json!({"op": "status"})).unwrap();
        assert_eq!(&buf[..4], &(buf.len() as u32 - 4).to_be_bytes());
        assert_eq!(read_msg(&mut buf.as_slice()).unwrap()["op"], "status");
        let mut huge = (MAX_MESSAGE as u32 + 1).to_be_bytes().to_vec();
        huge.extend([b' '; 16]);
        assert!(read_msg(&mut huge.as_slice()).is_err());
        let big = json!({ "x": "a".repeat(MAX_MESSAGE) });
        assert!(write_msg(&mut Vec::new(), &big).is_err());
    }

    #[test]
    fn the_agent_signs_and_forgets_after_its_ttl() {
        let key = KeyPair::generate(Alg::ES256, 0).unwrap();
        let public = key.public();
        let mut ks = Keystore::new();
        ks.entries
            .push(Entry::new("k1".into(), key, None, Some(Alg::ES256)));
        let mut agent = Agent::new(
            vec![Loaded {
                path: "/ks.p12".into(),
                keystore: ks,
                stamp: None,
            }],
            Some(Duration::from_millis(100)),
        );
        let keys = agent.answer(&json!({"op": "keys", "keystore": "/ks.p12"}));
        assert_eq!(keys["held"], true);
        assert_eq!(keys["keys"][0]["kid"], "k1");
        assert_eq!(keys["keys"][0]["state"], serde_json::Value::Null);
        let sig = agent.answer(&json!({"op": "sign", "keystore": "/ks.p12", "kid": "k1",
            "alg": "ES256", "input": b64(b"abc")}));
        let sig = unb64(&sig["signature"]).unwrap();
        assert!(public.verify(Alg::ES256, b"abc", &sig));
        assert!(agent
            .answer(&json!({"op": "keys", "keystore": "/other"}))
            .get("error")
            .is_none());
        std::thread::sleep(Duration::from_millis(150));
        let after = agent.answer(&json!({"op": "sign", "keystore": "/ks.p12", "kid": "k1",
            "alg": "ES256", "input": b64(b"abc")}));
        assert!(after["error"].as_str().unwrap().contains("TTL"));
        let keys = agent.answer(&json!({"op": "keys", "keystore": "/ks.p12"}));
        assert_eq!(keys["held"], false);
        assert_eq!(keys["expired"], true);
    }
}
