//! A cache of access tokens, so that a job that needs a token twenty times
//! asks the authorization server once (and unlocks the keystore once).
//!
//! An entry is keyed by everything that makes one token different from
//! another ([`CacheKey`]): the issuer, the token endpoint, the client, the
//! grant and its parameters, the scope, `resource` and `audience`, the key
//! that signs the client assertion, the DPoP key, whether the token is
//! certificate-bound, and the profile's contents. The key's SHA-256 names
//! the entry; a token is never used for another key.
//!
//! Entries live in a [`Store`]: files in a directory of mode 0700 (one file
//! per entry, mode 0600, written atomically), or the memory of the running
//! `pkjwt agent`. Either way the lock that makes concurrent callers take
//! turns is a file lock per entry in the directory, so that of twenty
//! processes missing at once, one asks the server and nineteen read its
//! answer ([`get_or_fetch`]).
//!
//! Reading is bounded: an entry file over [`MAX_ENTRY_BYTES`] and entries
//! past [`MAX_ENTRIES`] are not read; an entry that does not parse is a
//! miss. Refresh tokens are dropped before a response is stored unless the
//! caller asks to keep them.

#![warn(missing_docs)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sha2::Digest;

use crate::keystore::{write_atomic, Replace, WriteLock};
use crate::Error;

/// The largest entry file read, in bytes.
pub const MAX_ENTRY_BYTES: usize = 64 * 1024;
/// The most entries listed, cleared or held by the agent.
pub const MAX_ENTRIES: usize = 1000;
/// The shortest `min_ttl` default, in seconds.
pub const MIN_TTL_FLOOR: i64 = 60;

/// What the cache refuses.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CacheError {
    /// The cache directory can be read by others.
    #[error("the token cache directory {} has mode {mode:o}: others could read the tokens in it", .path.display())]
    NotPrivate {
        /// The directory.
        path: PathBuf,
        /// Its mode bits.
        mode: u32,
    },
    /// The agent answered a cache request with an error.
    #[error("the agent refused a token cache request: {0}")]
    Agent(String),
}

/// Everything that makes one token different from another. Only
/// non-secret values: a secret input (a subject token) enters as its hash.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
#[non_exhaustive]
pub struct CacheKey {
    /// The issuer, when known.
    pub issuer: Option<String>,
    /// The token endpoint given or saved (`None`: the issuer's metadata names it).
    pub token_endpoint: Option<String>,
    /// The client_id.
    pub client_id: String,
    /// The grant type (full URN).
    pub grant_type: String,
    /// The scope asked for.
    pub scope: Option<String>,
    /// `resource` indicators.
    pub resource: Vec<String>,
    /// `audience`.
    pub audience: Option<String>,
    /// The signing key: `kid:KID` when the kid is known before unlocking,
    /// `keystore-sha256:HEX` when the keystore's contents decide it.
    pub signing_key: String,
    /// The DPoP key the same way, when the token is DPoP-bound.
    pub dpop_key: Option<String>,
    /// The token is bound to the key's certificate (RFC 8705).
    pub mtls: bool,
    /// The keystore (file or `pkcs11:` URI).
    pub keystore: String,
    /// The profile's name, when the client comes from one.
    pub profile: Option<String>,
    /// SHA-256 of the profile's contents: a changed profile misses.
    pub profile_digest: Option<String>,
    /// SHA-256 of the other form parameters (and secret grant inputs).
    pub params_digest: Option<String>,
}

impl CacheKey {
    /// A key for `client_id` and `grant_type`; set the rest field by field.
    pub fn new(client_id: impl Into<String>, grant_type: impl Into<String>) -> CacheKey {
        CacheKey {
            client_id: client_id.into(),
            grant_type: grant_type.into(),
            ..CacheKey::default()
        }
    }

    /// The entry's name: the SHA-256 of the key, hex.
    pub fn id(&self) -> String {
        hex(&sha2::Sha256::digest(
            serde_json::to_vec(self).unwrap_or_default(),
        ))
    }
}

/// SHA-256 of `bytes`, hex: for digests that go into a key.
pub fn digest(bytes: &[u8]) -> String {
    hex(&sha2::Sha256::digest(bytes))
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// One cached token response.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Entry {
    /// What it is for.
    pub key: CacheKey,
    /// When it was obtained (Unix seconds).
    pub obtained_at: i64,
    /// When the token expires (Unix seconds).
    pub expires_at: i64,
    /// The token response as the server sent it (a refresh token only when asked).
    pub response: Value,
}

impl Entry {
    /// The token's lifetime when obtained, in seconds.
    pub fn lifetime(&self) -> i64 {
        self.expires_at.saturating_sub(self.obtained_at)
    }

    /// Seconds left at `now`.
    pub fn remaining(&self, now: i64) -> i64 {
        self.expires_at.saturating_sub(now)
    }

    /// Usable at `now`: more than `min_ttl` left (default: 60 s or a tenth
    /// of the lifetime, whichever is larger).
    pub fn usable(&self, now: i64, min_ttl: Option<u64>) -> bool {
        let min = min_ttl
            .map(|m| m.min(i64::MAX as u64) as i64)
            .unwrap_or_else(|| (self.lifetime() / 10).max(MIN_TTL_FLOOR));
        self.remaining(now) > min
    }

    /// The response with `expires_in` counted from `now`.
    pub fn response_at(&self, now: i64) -> Value {
        let mut r = self.response.clone();
        if let Some(m) = r.as_object_mut() {
            m.insert("expires_in".into(), json!(self.remaining(now).max(0)));
        }
        r
    }

    /// What `cache list` shows: no token values.
    pub fn summary(&self, id: &str, now: i64) -> Value {
        json!({
            "id": id,
            "profile": self.key.profile,
            "issuer": self.key.issuer,
            "client_id": self.key.client_id,
            "grant_type": self.key.grant_type,
            "scope": self.key.scope,
            "resource": self.key.resource,
            "audience": self.key.audience,
            "token_type": self.response.get("token_type"),
            "dpop": self.key.dpop_key.is_some(),
            "mtls": self.key.mtls,
            "obtained_at": self.obtained_at,
            "expires_at": self.expires_at,
            "expires_in": self.remaining(now).max(0),
        })
    }
}

/// Where entries are kept.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Store {
    /// One file per entry in this directory (mode 0700, files 0600).
    Dir(PathBuf),
    /// The memory of the agent at `sock`; the locks are files in `dir`.
    Agent {
        /// The agent's socket.
        sock: PathBuf,
        /// The directory of the lock files.
        dir: PathBuf,
    },
}

impl Store {
    /// The directory of the entry files or of the locks.
    pub fn dir(&self) -> &Path {
        match self {
            Store::Dir(d) | Store::Agent { dir: d, .. } => d,
        }
    }

    /// A short description: where tokens are kept.
    pub fn describe(&self) -> String {
        match self {
            Store::Dir(d) => d.display().to_string(),
            Store::Agent { sock, .. } => format!("the agent at {}", sock.display()),
        }
    }

    fn file(&self, id: &str) -> PathBuf {
        self.dir().join(format!("{id}.json"))
    }

    /// Make the directory (0700) if missing; refuse one others can read.
    pub fn prepare(&self) -> Result<(), Error> {
        let dir = self.dir();
        let mut b = std::fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            b.mode(0o700);
        }
        b.create(dir).map_err(|source| Error::Io {
            op: "create",
            path: dir.to_path_buf(),
            source,
        })?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir)
                .map_err(|source| Error::Io {
                    op: "read",
                    path: dir.to_path_buf(),
                    source,
                })?
                .permissions()
                .mode()
                & 0o777;
            if mode & 0o077 != 0 {
                return Err(CacheError::NotPrivate {
                    path: dir.to_path_buf(),
                    mode,
                }
                .into());
            }
        }
        Ok(())
    }

    /// The entry `id`, if there is one that parses.
    pub fn get(&self, id: &str) -> Result<Option<Entry>, Error> {
        match self {
            Store::Dir(_) => Ok(read_entry(&self.file(id))),
            Store::Agent { sock, .. } => {
                let v = agent_request(sock, &json!({"op": "cache_get", "id": id}))?;
                Ok(serde_json::from_value(v["entry"].clone()).ok())
            }
        }
    }

    /// Store `entry` as `id` (replacing any).
    pub fn put(&self, id: &str, entry: &Entry) -> Result<(), Error> {
        match self {
            Store::Dir(_) => {
                let bytes =
                    serde_json::to_vec(entry).map_err(|e| Error::Internal(e.to_string()))?;
                write_atomic(&self.file(id), &bytes, Replace::Always, 0o600)
            }
            Store::Agent { sock, .. } => {
                agent_request(sock, &json!({"op": "cache_put", "id": id, "entry": entry}))?;
                Ok(())
            }
        }
    }

    /// Every entry (at most [`MAX_ENTRIES`]), by id, tokens included.
    fn all(&self) -> Result<Vec<(String, Entry)>, Error> {
        match self {
            Store::Dir(d) => {
                let rd = match std::fs::read_dir(d) {
                    Ok(rd) => rd,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
                    Err(source) => {
                        return Err(Error::Io {
                            op: "read",
                            path: d.clone(),
                            source,
                        })
                    }
                };
                let mut out = Vec::new();
                for e in rd.flatten().take(MAX_ENTRIES * 3) {
                    let name = e.file_name().to_string_lossy().into_owned();
                    let Some(id) = name.strip_suffix(".json") else {
                        continue;
                    };
                    if id.len() != 64 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
                        continue;
                    }
                    if let Some(entry) = read_entry(&e.path()) {
                        out.push((id.to_string(), entry));
                        if out.len() >= MAX_ENTRIES {
                            break;
                        }
                    }
                }
                out.sort_by(|a, b| a.0.cmp(&b.0));
                Ok(out)
            }
            Store::Agent { sock, .. } => {
                let v = agent_request(sock, &json!({"op": "cache_list"}))?;
                Ok(v["entries"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .take(MAX_ENTRIES)
                            .filter_map(|x| {
                                Some((
                                    x["id"].as_str()?.to_string(),
                                    serde_json::from_value(x["entry"].clone()).ok()?,
                                ))
                            })
                            .collect()
                    })
                    .unwrap_or_default())
            }
        }
    }

    /// The entries, with what `cache list` shows (no token values).
    pub fn list(&self, now: i64) -> Result<Vec<Value>, Error> {
        Ok(self
            .all()?
            .iter()
            .map(|(id, e)| e.summary(id, now))
            .collect())
    }

    /// Remove the entries `which` selects; how many went.
    pub fn clear(&self, which: &Selection) -> Result<usize, Error> {
        if let Store::Agent { sock, .. } = self {
            let v = agent_request(
                sock,
                &json!({"op": "cache_clear", "profile": which.profile, "keystore": which.keystore}),
            )?;
            return Ok(v["removed"]
                .as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or(0));
        }
        let mut removed = 0;
        for (id, e) in self.all()? {
            if which.selects(&e.key) && std::fs::remove_file(self.file(&id)).is_ok() {
                removed += 1;
            }
        }
        Ok(removed)
    }
}

/// Which entries [`Store::clear`] removes.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Selection {
    /// Those of this profile.
    pub profile: Option<String>,
    /// Those signed with keys of this keystore.
    pub keystore: Option<String>,
}

impl Selection {
    /// Every entry.
    pub fn all() -> Selection {
        Selection::default()
    }

    /// The entries of profile `name`.
    pub fn profile(name: impl Into<String>) -> Selection {
        Selection {
            profile: Some(name.into()),
            keystore: None,
        }
    }

    /// The entries of keystore `path`.
    pub fn keystore(path: impl Into<String>) -> Selection {
        Selection {
            profile: None,
            keystore: Some(path.into()),
        }
    }

    fn selects(&self, k: &CacheKey) -> bool {
        match (&self.profile, &self.keystore) {
            (None, None) => true,
            (p, ks) => {
                p.as_ref().is_some_and(|p| k.profile.as_ref() == Some(p))
                    || ks.as_ref().is_some_and(|ks| &k.keystore == ks)
            }
        }
    }
}

fn read_entry(path: &Path) -> Option<Entry> {
    let text = crate::input::all(
        crate::input::Source::File(path),
        "a token cache entry",
        MAX_ENTRY_BYTES,
    )
    .ok()?;
    serde_json::from_str(&text).ok()
}

fn agent_request(sock: &Path, req: &Value) -> Result<Value, Error> {
    let v = crate::agent::request(sock, req)?;
    if let Some(e) = v["error"].as_str() {
        return Err(CacheError::Agent(e.to_string()).into());
    }
    Ok(v)
}

/// How [`get_or_fetch`] uses the cache.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Options {
    /// Seconds a cached token must still have (default: 60 s or a tenth of
    /// its lifetime, whichever is larger).
    pub min_ttl: Option<u64>,
    /// Keep the refresh token in the entry.
    pub keep_refresh_token: bool,
    /// How long to wait for another process fetching the same entry.
    pub lock_timeout: Duration,
    /// Fetch anew (the cached token was refused), and store the new one.
    pub refresh: bool,
}

impl Options {
    /// The defaults: no `min_ttl`, no refresh tokens, a 30 s wait.
    pub fn new() -> Options {
        Options {
            min_ttl: None,
            keep_refresh_token: false,
            lock_timeout: Duration::from_secs(30),
            refresh: false,
        }
    }
}

impl Default for Options {
    fn default() -> Self {
        Options::new()
    }
}

/// Where a token came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Outcome {
    /// From the cache: no request.
    Hit,
    /// Fetched, and stored.
    Stored,
    /// Fetched, not stored (the response has no `expires_in`).
    NotStored,
    /// Fetched, and storing it failed (a full agent, a full disk, an
    /// entry over the size limit): the token is still returned, since the
    /// server issued it (a one-time subject token is spent already).
    StoreFailed,
}

/// The entry for `key` when it has more than `min_ttl` left; else `fetch`
/// (called at most once, holding the entry's lock, so that concurrent
/// callers wait and then find its answer) and store its token response.
/// `now` gives the time in Unix seconds.
pub fn get_or_fetch<E: From<Error>>(
    store: &Store,
    key: &CacheKey,
    opts: &Options,
    now: impl Fn() -> i64,
    fetch: impl FnOnce() -> Result<Value, E>,
) -> Result<(Value, Outcome), E> {
    let id = key.id();
    let hit = |store: &Store| -> Result<Option<Value>, Error> {
        let t = now();
        Ok(store
            .get(&id)?
            .filter(|e| e.key == *key && e.usable(t, opts.min_ttl))
            .map(|e| e.response_at(t)))
    };
    store.prepare()?;
    if !opts.refresh {
        if let Some(r) = hit(store)? {
            return Ok((r, Outcome::Hit));
        }
    }
    let _lock = WriteLock::acquire_within(&store.file(&id), opts.lock_timeout)?;
    if !opts.refresh {
        if let Some(r) = hit(store)? {
            return Ok((r, Outcome::Hit));
        }
    }
    let response = fetch()?;
    let obtained_at = now();
    let Some(expires_in) = response.get("expires_in").and_then(Value::as_i64) else {
        return Ok((response, Outcome::NotStored));
    };
    let mut stored = response.clone();
    if !opts.keep_refresh_token {
        if let Some(m) = stored.as_object_mut() {
            m.remove("refresh_token");
        }
    }
    let entry = Entry {
        key: key.clone(),
        obtained_at,
        expires_at: obtained_at.saturating_add(expires_in.clamp(0, 10 * 365 * 86_400)),
        response: stored,
    };
    match store.put(&id, &entry) {
        Ok(()) => Ok((response, Outcome::Stored)),
        Err(_) => Ok((response, Outcome::StoreFailed)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(scope: &str) -> CacheKey {
        let mut k = CacheKey::new("c", "client_credentials");
        k.scope = Some(scope.into());
        k.signing_key = "kid:a".into();
        k
    }

    #[test]
    fn a_fetch_is_stored_and_then_hit_without_its_refresh_token() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::Dir(dir.path().join("c"));
        let k = key("a");
        let fetched = || {
            Ok::<_, Error>(
                json!({"access_token": "T", "token_type": "Bearer", "expires_in": 600, "refresh_token": "R"}),
            )
        };
        let (r, o) = get_or_fetch(&store, &k, &Options::new(), || 1000, fetched).unwrap();
        assert_eq!(
            (o, r["refresh_token"].as_str()),
            (Outcome::Stored, Some("R"))
        );
        let (r, o) = get_or_fetch(
            &store,
            &k,
            &Options::new(),
            || 1100,
            || -> Result<Value, Error> { panic!("no fetch on a hit") },
        )
        .unwrap();
        assert_eq!(o, Outcome::Hit);
        assert_eq!(r["expires_in"], 500);
        assert!(r.get("refresh_token").is_none());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(store.dir()), 0o700);
            assert_eq!(mode(&store.file(&k.id())), 0o600);
        }
        // Another scope is another entry.
        let (_, o) = get_or_fetch(&store, &key("b"), &Options::new(), || 1100, fetched).unwrap();
        assert_eq!(o, Outcome::Stored);
        assert_eq!(store.list(1100).unwrap().len(), 2);
        assert!(!store.list(1100).unwrap()[0].to_string().contains("\"T\""));
    }

    #[test]
    fn min_ttl_is_a_tenth_of_the_lifetime_or_60_s() {
        let e = |life: i64| Entry {
            key: key("a"),
            obtained_at: 0,
            expires_at: life,
            response: json!({}),
        };
        assert!(e(600).usable(539, None));
        assert!(!e(600).usable(540, None));
        assert!(e(3600).usable(3600 - 361, None));
        assert!(!e(3600).usable(3600 - 360, None));
        assert!(!e(3600).usable(3000, Some(600)));
    }

    #[test]
    fn clearing_by_profile_and_hostile_files() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::Dir(dir.path().join("c"));
        let mut k = key("a");
        k.profile = Some("p".into());
        let ok = || Ok::<_, Error>(json!({"access_token": "T", "expires_in": 600}));
        get_or_fetch(&store, &k, &Options::new(), || 0, ok).unwrap();
        get_or_fetch(&store, &key("b"), &Options::new(), || 0, ok).unwrap();
        // A huge or broken entry file is a miss, not an error.
        std::fs::write(
            store.dir().join(format!("{}.json", "0".repeat(64))),
            vec![b'{'; MAX_ENTRY_BYTES + 10],
        )
        .unwrap();
        assert_eq!(store.list(0).unwrap().len(), 2);
        assert_eq!(store.clear(&Selection::profile("p")).unwrap(), 1);
        assert_eq!(store.list(0).unwrap().len(), 1);
    }
}
