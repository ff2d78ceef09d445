//! Keystores: PKCS#12 files of signing keys, each with its certificate, kid
//! and algorithm, read and written safely.
//!
//! Reading pairs keys with certificates by public key (never by attributes:
//! keytool's localKeyID is not a hash). A key's kid is its friendlyName, or
//! its RFC 7638 thumbprint when it has none. Certificates that belong to no
//! key (a CA chain) and bags pkjwt does not use are kept and written back.
//!
//! Writing is atomic: a temporary file in the same directory, created with
//! mode 0600, fsynced, then linked into place (new files, never replacing
//! one that appeared meanwhile) or renamed over the old file (after checking
//! that the old file is still what was read). A failure at any point leaves
//! the old file byte-identical.
//!
//! Writers that read, change and write a file (a keystore, profiles.toml)
//! hold a [`WriteLock`] from the read to the rename, so concurrent writers
//! take turns instead of losing each other's updates.

pub mod cert;
pub mod jwks;
pub mod keys;
pub mod open;
pub mod pkcs11;
pub mod pkcs12;
pub mod state;
pub mod update;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use zeroize::Zeroizing;

use self::pkcs12::{Bag, BagContent, Protection};
use crate::keystore::keys::{Alg, KeyPair, PublicKey};
use crate::secret::Password;
use crate::Error;

/// One signing key with its certificate.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The key's id: the JWK `kid`, kept as the PKCS#12 friendlyName.
    pub kid: String,
    /// The private key.
    pub key: KeyPair,
    /// The key's own certificate (DER), when the keystore has one.
    pub cert: Option<Vec<u8>>,
    /// The algorithm recorded for this key by pkjwt, if any.
    pub stored_alg: Option<Alg>,
    /// The rotation state recorded for this key, if any (none: active).
    pub stored_state: Option<state::StateRecord>,
    local_key_id: Option<Vec<u8>>,
}

impl Entry {
    /// A new entry. Its localKeyId is the SHA-1 of the certificate, as OpenSSL writes it.
    pub fn new(kid: String, key: KeyPair, cert: Option<Vec<u8>>, alg: Option<Alg>) -> Entry {
        use sha1::Digest;
        let local_key_id = Some(match &cert {
            Some(c) => sha1::Sha1::digest(c).to_vec(),
            None => sha1::Sha1::digest(kid.as_bytes()).to_vec(),
        });
        Entry {
            kid,
            key,
            cert,
            stored_alg: alg,
            stored_state: None,
            local_key_id,
        }
    }

    /// The key's rotation state: the recorded one, else active.
    pub fn state(&self) -> state::KeyState {
        self.stored_state
            .map_or(state::KeyState::Active, |s| s.state)
    }

    /// The public half of the key.
    pub fn public(&self) -> PublicKey {
        self.key.public()
    }

    /// The algorithm to sign with: the recorded one, else RS256 or ES256.
    pub fn alg(&self) -> Alg {
        self.stored_alg
            .unwrap_or_else(|| self.public().default_alg())
    }
}

/// A keystore in memory.
#[derive(Debug, Default)]
pub struct Keystore {
    /// The keys, in file order.
    pub entries: Vec<Entry>,
    /// Bags kept as they were: certificates of no key, CRLs, secrets.
    pub extra: Vec<Bag>,
    /// How the file was protected when read.
    pub protection: Protection,
    /// The bytes read, to detect a concurrent change before replacing the file.
    original: Option<Vec<u8>>,
}

/// Read a whole file, naming it in errors.
/// Reads at most [`pkcs12::MAX_FILE_SIZE`]: a larger file is refused by its
/// size, before it is read. Only a regular file is read: a FIFO, a device or
/// a socket is refused before any read ([`open_regular`]), since a FIFO
/// with no writer would block the reader (and `serve-jwks`'s reload) for
/// ever, outside every deadline.
pub fn read_file(path: &Path) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let io = |source| Error::Io {
        op: "read",
        path: path.to_path_buf(),
        source,
    };
    let too_big = |bytes: u64| {
        pkcs12::check_file_size(bytes).map_err(|e| Error::Keystore {
            path: path.to_path_buf(),
            source: e.into(),
        })
    };
    let file = open_regular(path).map_err(io)?;
    too_big(file.metadata().map_err(io)?.len())?;
    let mut data = Vec::new();
    file.take(pkcs12::MAX_FILE_SIZE as u64 + 1)
        .read_to_end(&mut data)
        .map_err(io)?;
    // A file that grew since, or one whose size the metadata does not tell.
    too_big(data.len() as u64)?;
    Ok(data)
}

/// Open `path` for reading if it is a regular file (after symbolic links).
///
/// On Unix the file is opened with `O_NONBLOCK`, so that opening a FIFO does
/// not wait for a writer, and then checked on the open descriptor (`fstat`),
/// so it cannot be swapped between the check and the read; `O_NONBLOCK` does
/// nothing to reads of a regular file. Elsewhere the path is checked first.
pub fn open_regular(path: &Path) -> std::io::Result<fs::File> {
    let mut opts = fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    #[cfg(not(unix))]
    {
        let kind = fs::metadata(path)?.file_type();
        if !kind.is_file() {
            return Err(not_regular(kind));
        }
    }
    let file = opts.open(path)?;
    let kind = file.metadata()?.file_type();
    if !kind.is_file() {
        return Err(not_regular(kind));
    }
    Ok(file)
}

/// The error for a path that is not a regular file, naming what it is.
fn not_regular(kind: fs::FileType) -> std::io::Error {
    #[cfg(unix)]
    let what = {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            "a FIFO (named pipe)"
        } else if kind.is_socket() {
            "a socket"
        } else if kind.is_char_device() || kind.is_block_device() {
            "a device"
        } else if kind.is_dir() {
            "a directory"
        } else {
            "not a regular file"
        }
    };
    #[cfg(not(unix))]
    let what = if kind.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    };
    std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("it is {what}; pkjwt reads keystores and key files only from regular files (copy it to one)"),
    )
}

impl Keystore {
    /// An empty keystore, for a file that does not exist yet.
    pub fn new() -> Keystore {
        Keystore::default()
    }

    /// Open and decrypt the keystore at `path`.
    pub fn open(path: &Path, password: &Password) -> Result<Keystore, Error> {
        let data = read_file(path)?;
        Keystore::from_bytes(path, data, password)
    }

    /// Decrypt keystore bytes read from `path`.
    pub fn from_bytes(path: &Path, data: Vec<u8>, password: &Password) -> Result<Keystore, Error> {
        let decoded = pkcs12::decode(&data, password).map_err(|source| Error::Keystore {
            path: path.to_path_buf(),
            source,
        })?;
        let mut ks = Keystore::from_bags(decoded.bags).map_err(|e| match e {
            Error::Key(source) => Error::KeyIn {
                path: path.to_path_buf(),
                source,
            },
            other => other,
        })?;
        ks.protection = decoded.protection;
        ks.original = Some(data);
        Ok(ks)
    }

    fn from_bags(bags: Vec<Bag>) -> Result<Keystore, Error> {
        let mut keys: Vec<(KeyPair, Bag)> = Vec::new();
        let mut certs: Vec<(Vec<u8>, Option<PublicKey>, Bag)> = Vec::new();
        let mut extra = Vec::new();
        for bag in bags {
            match &bag.content {
                BagContent::Key(der) => {
                    let key = KeyPair::from_pkcs8_der(der).map_err(Error::Key)?;
                    keys.push((key, bag));
                }
                BagContent::Cert(der) => {
                    let pk = crate::keystore::cert::inspect(der)
                        .ok()
                        .and_then(|(_, pk)| pk.ok());
                    certs.push((der.clone(), pk, bag));
                }
                BagContent::Other(_) => extra.push(bag),
            }
        }
        let mut entries: Vec<Entry> = Vec::new();
        for (key, bag) in keys {
            let public = key.public();
            let cert_pos = certs
                .iter()
                .position(|(_, pk, _)| pk.as_ref() == Some(&public));
            let cert = cert_pos.map(|i| certs.remove(i));
            let mut kid = bag
                .friendly_name
                .clone()
                .or_else(|| cert.as_ref().and_then(|c| c.2.friendly_name.clone()))
                .filter(|k| !k.is_empty())
                .unwrap_or_else(|| public.thumbprint());
            if entries.iter().any(|e| e.kid == kid) {
                kid = public.thumbprint();
            }
            let stored_alg = bag
                .alg
                .as_deref()
                .and_then(|a| a.parse::<Alg>().ok())
                .filter(|a| public.check_alg(*a).is_ok());
            let stored_state = bag.state.as_deref().and_then(state::StateRecord::parse);
            entries.push(Entry {
                kid,
                key,
                cert: cert.map(|c| c.0),
                stored_alg,
                stored_state,
                local_key_id: bag.local_key_id.clone(),
            });
        }
        extra.extend(certs.into_iter().map(|(_, _, bag)| bag));
        Ok(Keystore {
            entries,
            extra,
            protection: Protection::default(),
            original: None,
        })
    }

    /// True for a keystore that was not read from a file (a new one).
    pub fn is_new(&self) -> bool {
        self.original.is_none()
    }

    /// True when `bytes` are what this keystore was read from (or last
    /// written as): the file did not change since.
    pub fn is_from(&self, bytes: &[u8]) -> bool {
        self.original.as_deref() == Some(bytes)
    }

    /// The kids, in keystore order.
    pub fn kids(&self) -> Vec<String> {
        self.entries.iter().map(|e| e.kid.clone()).collect()
    }

    /// The entry with this kid.
    pub fn get(&self, kid: &str, path: &Path) -> Result<&Entry, Error> {
        self.entries
            .iter()
            .find(|e| e.kid == kid)
            .ok_or_else(|| self.not_found(kid, path))
    }

    fn not_found(&self, kid: &str, path: &Path) -> Error {
        Error::KidNotFound {
            kid: kid.to_string(),
            path: path.to_path_buf(),
            available: self.kids(),
        }
    }

    /// The entries named by `kids`, in that order; all entries when `kids` is empty.
    pub fn select(&self, kids: &[String], path: &Path) -> Result<Vec<&Entry>, Error> {
        if kids.is_empty() {
            return Ok(self.entries.iter().collect());
        }
        kids.iter().map(|k| self.get(k, path)).collect()
    }

    /// The entries in `state`, in keystore order.
    pub fn in_state(&self, state: state::KeyState) -> Vec<&Entry> {
        self.entries.iter().filter(|e| e.state() == state).collect()
    }

    /// The keys `jwks` publishes: active and next, and retired ones too
    /// with `include_retired`, in keystore order.
    pub fn published(&self, include_retired: bool) -> Vec<&Entry> {
        self.entries
            .iter()
            .filter(|e| include_retired || e.state().published())
            .collect()
    }

    /// Refuse a kid that is taken.
    pub fn check_kid_free(&self, kid: &str, path: &Path) -> Result<(), Error> {
        if self.entries.iter().any(|e| e.kid == kid) {
            return Err(Error::DuplicateKid {
                kid: kid.to_string(),
                path: path.to_path_buf(),
            });
        }
        Ok(())
    }

    /// Add an entry; refuse a taken kid or a key that is already stored.
    pub fn add(&mut self, entry: Entry, path: &Path) -> Result<(), Error> {
        self.check_kid_free(&entry.kid, path)?;
        let public = entry.public();
        if let Some(e) = self.entries.iter().find(|e| e.public() == public) {
            return Err(Error::DuplicateKey {
                kid: e.kid.clone(),
                path: path.to_path_buf(),
            });
        }
        self.entries.push(entry);
        Ok(())
    }

    /// Remove and return the entry with this kid.
    pub fn remove(&mut self, kid: &str, path: &Path) -> Result<Entry, Error> {
        match self.entries.iter().position(|e| e.kid == kid) {
            Some(pos) => Ok(self.entries.remove(pos)),
            None => Err(self.not_found(kid, path)),
        }
    }

    /// The certificate chain of an entry: its certificate, then the issuers
    /// found among the keystore's other certificates.
    pub fn chain(&self, entry: &Entry) -> Vec<Vec<u8>> {
        let mut chain = Vec::new();
        let Some(leaf) = &entry.cert else {
            return chain;
        };
        chain.push(leaf.clone());
        let others: Vec<&Vec<u8>> = self
            .extra
            .iter()
            .filter_map(|b| match &b.content {
                BagContent::Cert(c) => Some(c),
                _ => None,
            })
            .collect();
        while chain.len() <= others.len() {
            let Some((issuer, subject)) =
                chain.last().and_then(|c| crate::keystore::cert::names(c))
            else {
                break;
            };
            if issuer == subject {
                break;
            }
            match others.iter().find(|c| {
                crate::keystore::cert::names(c)
                    .map(|(_, s)| s == issuer)
                    .unwrap_or(false)
                    && !chain.contains(c)
            }) {
                Some(c) => chain.push((*c).clone()),
                None => break,
            }
        }
        chain
    }

    fn to_bags(&self) -> Result<Vec<Bag>, Error> {
        let mut bags = Vec::new();
        for e in &self.entries {
            let pkcs8: Zeroizing<Vec<u8>> = e.key.to_pkcs8_der()?;
            bags.push(Bag {
                content: BagContent::Key(pkcs8),
                friendly_name: Some(e.kid.clone()),
                local_key_id: e.local_key_id.clone(),
                alg: e.stored_alg.map(|a| a.as_str().to_string()),
                state: e.stored_state.map(|s| s.encode()),
            });
            if let Some(c) = &e.cert {
                bags.push(Bag {
                    content: BagContent::Cert(c.clone()),
                    friendly_name: Some(e.kid.clone()),
                    local_key_id: e.local_key_id.clone(),
                    alg: None,
                    state: None,
                });
            }
        }
        bags.extend(self.extra.iter().cloned());
        Ok(bags)
    }

    /// Write the keystore to `path` atomically. A keystore that was read from
    /// disk replaces the file (after checking it did not change meanwhile);
    /// a new one is created and never replaces a file that exists.
    ///
    /// A writer that may run next to others holds the file's [`WriteLock`]
    /// and re-reads the file under it before changing and saving the
    /// keystore (the command line's `store::update` does).
    pub fn save(&mut self, path: &Path, password: &Password, iterations: u32) -> Result<(), Error> {
        let keys =
            pkcs12::WriteKeys::derive(password, iterations).map_err(|e| Error::Keystore {
                path: path.to_path_buf(),
                source: e,
            })?;
        self.save_with(path, &keys)
    }

    /// [`Keystore::save`] with keys derived ahead (see [`pkcs12::WriteKeys`]).
    pub fn save_with(&mut self, path: &Path, keys: &pkcs12::WriteKeys) -> Result<(), Error> {
        let bytes = pkcs12::encode_with(&self.to_bags()?, keys).map_err(|e| match e {
            e @ pkcs12::Pkcs12Error::BadName(_) => Error::Keystore {
                path: path.to_path_buf(),
                source: e,
            },
            e => Error::Internal(format!("encoding the keystore: {e}")),
        })?;
        match &self.original {
            Some(orig) => write_atomic(path, &bytes, Replace::IfUnchanged(orig), 0o600)?,
            None => write_atomic(path, &bytes, Replace::Never, 0o600)?,
        }
        self.original = Some(bytes);
        Ok(())
    }
}

/// What [`write_atomic`] may replace.
pub enum Replace<'a> {
    /// Create the file; fail if it exists.
    Never,
    /// Replace the file only if it still holds these bytes.
    IfUnchanged(&'a [u8]),
    /// Replace whatever is there.
    Always,
}

fn io_err<'a>(op: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> Error + 'a {
    move |source| Error::Io {
        op,
        path: path.to_path_buf(),
        source,
    }
}

/// The file a write to `path` replaces (a symlink is followed, so the link
/// keeps pointing at the file), its directory and its file name.
fn resolve_target(path: &Path) -> Result<(PathBuf, PathBuf, String), Error> {
    let target: PathBuf = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(path).map_err(io_err("resolve", path))?
        }
        _ => path.to_path_buf(),
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let meta = fs::metadata(&dir).map_err(io_err("use the directory", &dir))?;
    if !meta.is_dir() {
        return Err(Error::NotADirectory(dir));
    }
    let name = target
        .file_name()
        .ok_or_else(|| Error::NotAFileName(path.to_path_buf()))?
        .to_string_lossy()
        .into_owned();
    Ok((target, dir, name))
}

/// How long a writer waits for another one by default.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(30);

/// The environment variable the command line reads for
/// [`set_lock_timeout_setting`] (seconds).
#[cfg_attr(not(feature = "cli"), allow(dead_code))] // the CLI uses it
pub(crate) const LOCK_TIMEOUT_ENV: &str = "PKJWT_LOCK_TIMEOUT";

/// The lock wait as configured: `None` for [`DEFAULT_LOCK_TIMEOUT`].
static LOCK_TIMEOUT_SETTING: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// Set how long writers wait for another writer's lock, process-wide, as
/// text: seconds, fractions allowed, 0 means one try (the command line
/// passes `PKJWT_LOCK_TIMEOUT`). A value out of range is reported when a
/// lock is taken ([`Error::LockTimeoutSetting`]). `None`: the default.
pub fn set_lock_timeout_setting(setting: Option<String>) {
    if let Ok(mut s) = LOCK_TIMEOUT_SETTING.lock() {
        *s = setting;
    }
}

/// Set how long writers wait for another writer's lock, process-wide.
pub fn set_lock_timeout(wait: Duration) {
    set_lock_timeout_setting(Some(wait.as_secs_f64().to_string()));
}

/// The lock wait: the setting (0 to 86400 seconds), else [`DEFAULT_LOCK_TIMEOUT`].
pub fn lock_timeout() -> Result<Duration, Error> {
    let setting = LOCK_TIMEOUT_SETTING
        .lock()
        .map(|s| s.clone())
        .unwrap_or_default();
    match setting {
        Some(v) if !v.trim().is_empty() => v
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|s| s.is_finite() && (0.0..=86_400.0).contains(s))
            .map(Duration::from_secs_f64)
            .ok_or(Error::LockTimeoutSetting(v)),
        _ => Ok(DEFAULT_LOCK_TIMEOUT),
    }
}

/// An exclusive advisory lock on the file at a path, held until dropped.
///
/// The lock is taken on a separate file next to the target, `.NAME.lock`
/// (mode 0600, never removed), not on the target itself: the target is
/// replaced by a rename, which would leave a lock on the old file behind.
/// A symlinked target is locked where the link points, so writers through the
/// link and through the real path take turns. The operating system releases
/// the lock when the process exits, however it exits: a lock file left
/// behind blocks nobody.
///
/// Taking the lock also removes temporary files that a killed writer of
/// this target left behind (`.NAME.pkjwt-XXXXXXXXXXXX.tmp`): every writer
/// holds the lock while its temporary file exists, so under the lock any
/// such file is stale.
#[derive(Debug)]
pub struct WriteLock {
    _file: fs::File,
    lock_path: PathBuf,
}

impl WriteLock {
    /// Lock `path`, waiting at most [`lock_timeout`].
    pub fn acquire(path: &Path) -> Result<WriteLock, Error> {
        WriteLock::acquire_within(path, lock_timeout()?)
    }

    /// Lock `path`, waiting at most `timeout`; [`Error::Locked`] after that.
    pub(crate) fn acquire_within(path: &Path, timeout: Duration) -> Result<WriteLock, Error> {
        let (_, dir, name) = resolve_target(path)?;
        let lock_path = dir.join(format!(".{name}.lock"));
        let mut opts = fs::OpenOptions::new();
        opts.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let file = opts
            .open(&lock_path)
            .map_err(io_err("create the lock file", &lock_path))?;
        let started = Instant::now();
        let mut pause = Duration::from_millis(5);
        loop {
            match fs4::FileExt::try_lock(&file) {
                Ok(()) => break,
                Err(fs4::TryLockError::WouldBlock) => {
                    let waited = started.elapsed();
                    if waited >= timeout {
                        return Err(Error::Locked {
                            path: path.to_path_buf(),
                            lock: lock_path,
                            waited: timeout,
                        });
                    }
                    std::thread::sleep(pause.min(timeout - waited));
                    pause = (pause * 2).min(Duration::from_millis(100));
                }
                Err(fs4::TryLockError::Error(e)) => return Err(io_err("lock", &lock_path)(e)),
            }
        }
        remove_stale_temps(&dir, &name);
        Ok(WriteLock {
            _file: file,
            lock_path,
        })
    }

    /// The lock file.
    pub fn lock_path(&self) -> &Path {
        &self.lock_path
    }
}

/// Is `file` a temporary file of [`write_atomic`] for the target `name`?
fn is_temp_of(file: &str, name: &str) -> bool {
    file.strip_prefix('.')
        .and_then(|f| f.strip_prefix(name))
        .and_then(|f| f.strip_prefix(".pkjwt-"))
        .and_then(|f| f.strip_suffix(".tmp"))
        .is_some_and(|hex| hex.len() == 12 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Remove the temporary files a killed writer of `name` left in `dir`
/// (only called under the target's lock). Failures are ignored: a leftover
/// is untidy, not harmful.
fn remove_stale_temps(dir: &Path, name: &str) {
    // A writer that does not take the lock (the library's `Keystore::save`,
    // `--out` files) may be between its write and its rename right now: only
    // files no live writer can still own are removed.
    const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(600);
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name();
        let stale = e.metadata().is_ok_and(|m| {
            m.is_file()
                && m.modified()
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age > STALE_AFTER)
        });
        if stale && is_temp_of(&file.to_string_lossy(), name) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Write `bytes` to `path` through a temporary file in the same directory
/// (created with `mode`, fsynced), then link or rename it into place.
/// Writers that read the file first hold its [`WriteLock`] around both.
pub fn write_atomic(
    path: &Path,
    bytes: &[u8],
    replace: Replace<'_>,
    mode: u32,
) -> Result<(), Error> {
    let (target, dir, name) = resolve_target(path)?;
    let mut rnd = [0u8; 6];
    aws_lc_rs::rand::fill(&mut rnd).map_err(|_| Error::Internal("no random bytes".into()))?;
    let suffix: String = rnd.iter().map(|b| format!("{b:02x}")).collect();
    let temp = dir.join(format!(".{name}.pkjwt-{suffix}.tmp"));

    let result = (|| -> Result<(), Error> {
        let mut opts = fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(mode);
        }
        let mut f = opts.open(&temp).map_err(io_err("create a file in", &dir))?;
        // No mode bits elsewhere: the file takes its directory's ACL.
        #[cfg(not(unix))]
        let _ = mode;
        #[cfg(unix)]
        {
            // The umask may have cleared bits; set exactly what was asked.
            use std::os::unix::fs::PermissionsExt;
            f.set_permissions(fs::Permissions::from_mode(mode))
                .map_err(io_err("set permissions on", &temp))?;
        }
        f.write_all(bytes).map_err(io_err("write", &temp))?;
        f.sync_all().map_err(io_err("sync", &temp))?;
        drop(f);
        match replace {
            Replace::Never => match fs::hard_link(&temp, &target) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    return Err(Error::Exists {
                        path: target.clone(),
                    })
                }
                Err(_) => {
                    // Filesystems without hard links: check, then rename.
                    if target.exists() {
                        return Err(Error::Exists {
                            path: target.clone(),
                        });
                    }
                    fs::rename(&temp, &target).map_err(io_err("write", &target))?;
                }
            },
            Replace::IfUnchanged(orig) => {
                // At most one byte more than the original: enough to tell.
                let mut now = Vec::with_capacity(orig.len() + 1);
                std::io::Read::read_to_end(
                    &mut std::io::Read::take(
                        fs::File::open(&target).map_err(io_err("re-read", &target))?,
                        orig.len() as u64 + 1,
                    ),
                    &mut now,
                )
                .map_err(io_err("re-read", &target))?;
                if now != orig {
                    return Err(Error::ChangedMeanwhile(path.to_path_buf()));
                }
                fs::rename(&temp, &target).map_err(io_err("replace", &target))?;
            }
            Replace::Always => fs::rename(&temp, &target).map_err(io_err("replace", &target))?,
        }
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    // After a link the temporary name is a second name of the file: drop it.
    // After a rename it is gone already; after a failure it must not stay.
    let _ = fs::remove_file(&temp);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pw() -> Password {
        Password::new("pw".into())
    }

    #[test]
    fn save_open_add_remove() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ks.p12");
        let mut ks = Keystore::new();
        let key = KeyPair::generate(Alg::ES256, 0).unwrap();
        let kid = key.public().thumbprint();
        ks.add(
            Entry::new(kid.clone(), key.clone(), None, Some(Alg::ES256)),
            &path,
        )
        .unwrap();
        assert!(matches!(
            ks.add(Entry::new("other".into(), key, None, None), &path),
            Err(Error::DuplicateKey { .. })
        ));
        ks.save(&path, &pw(), 2048).unwrap();
        let mut again = Keystore::new();
        again
            .add(
                Entry::new(
                    "x".into(),
                    KeyPair::generate(Alg::ES256, 0).unwrap(),
                    None,
                    None,
                ),
                &path,
            )
            .unwrap();
        assert!(matches!(
            again.save(&path, &pw(), 2048),
            Err(Error::Exists { .. })
        ));

        let mut ks = Keystore::open(&path, &pw()).unwrap();
        assert_eq!(ks.kids(), vec![kid.clone()]);
        assert_eq!(ks.entries[0].stored_alg, Some(Alg::ES256));
        ks.remove(&kid, &path).unwrap();
        ks.save(&path, &pw(), 2048).unwrap();
        assert!(Keystore::open(&path, &pw()).unwrap().entries.is_empty());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        // No temporary files are left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn temp_files_are_recognised_by_target_and_pattern() {
        assert!(is_temp_of(".ks.p12.pkjwt-0123456789ab.tmp", "ks.p12"));
        assert!(!is_temp_of(".ks.p12.pkjwt-0123456789ab.tmp", "ks.p1"));
        assert!(!is_temp_of(".ks.p12.pkjwt-0123456789a.tmp", "ks.p12"));
        assert!(!is_temp_of(".ks.p12.pkjwt-0123456789ag.tmp", "ks.p12"));
        assert!(!is_temp_of("ks.p12.pkjwt-0123456789ab.tmp", "ks.p12"));
        assert!(!is_temp_of(".ks.p12.lock", "ks.p12"));
    }

    #[test]
    fn the_lock_is_exclusive_and_taken_where_a_symlink_points() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        let real = dir.path().join("real/ks.p12");
        fs::write(&real, b"x").unwrap();
        let link = dir.path().join("link.p12");
        #[cfg(unix)]
        std::os::unix::fs::symlink("real/ks.p12", &link).unwrap();
        #[cfg(not(unix))]
        fs::write(&link, b"x").unwrap();

        let held = WriteLock::acquire_within(&real, Duration::ZERO).unwrap();
        assert_eq!(held.lock_path(), dir.path().join("real/.ks.p12.lock"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(held.lock_path()).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
            match WriteLock::acquire_within(&link, Duration::from_millis(50)) {
                Err(Error::Locked { path, lock, .. }) => {
                    assert_eq!(path, link);
                    assert_eq!(lock, held.lock_path());
                }
                other => panic!("expected Locked, got {other:?}"),
            }
        }
        drop(held);
        WriteLock::acquire_within(&link, Duration::ZERO).unwrap();
    }

    #[test]
    fn concurrent_change_is_detected() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ks.p12");
        let mut ks = Keystore::new();
        ks.save(&path, &pw(), 2048).unwrap();
        let mut a = Keystore::open(&path, &pw()).unwrap();
        let mut b = Keystore::open(&path, &pw()).unwrap();
        a.save(&path, &pw(), 2048).unwrap();
        let before = fs::read(&path).unwrap();
        assert!(b.save(&path, &pw(), 2048).is_err());
        assert_eq!(fs::read(&path).unwrap(), before);
    }
}
