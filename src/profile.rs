//! Profiles: what pkjwt remembers about a registered client, in one
//! human-editable TOML file (`profiles.toml` in the config directory), mode
//! 0600 because it holds registration access tokens.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::keystore::{write_atomic, Replace, WriteLock};
use crate::secret::SecretString;
use crate::Error;

/// One client.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Profile {
    /// The authorization server's issuer identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// The client_id the server assigned.
    pub client_id: String,
    /// The keystore holding the client's keys (an absolute path).
    pub keystore: PathBuf,
    /// The key that signs assertions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    /// The signing algorithm (RS256, PS256, ES256).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    /// The assertion audience: "issuer" (default), "token-endpoint", "endpoint", or a URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aud: Option<String>,
    /// The assertion lifetime in seconds (default 60).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifetime: Option<u64>,
    /// The assertion's `typ` header; "" for none (the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typ: Option<String>,
    /// Whether `client_id` is sent beside the assertion (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id_param: Option<bool>,
    /// Seconds added to the local clock when minting (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock_offset: Option<i64>,
    /// The token endpoint auth method: private_key_jwt (the default),
    /// tls_client_auth or self_signed_tls_client_auth (RFC 8705).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<String>,
    /// Send DPoP proofs (RFC 9449) with token requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpop: Option<bool>,
    /// The key that signs DPoP proofs, when not the client's key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpop_kid: Option<String>,
    /// Present the certificate over TLS with private_key_jwt, for
    /// certificate-bound tokens (RFC 8705 section 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mtls: Option<bool>,
    /// Keep access tokens for reuse (`pkjwt token --cache`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache: Option<bool>,
    /// The scope requested by default (the one registered).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The provider preset the profile follows (`pkjwt presets list`):
    /// `doctor` and `inspect` check assertions against its rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    /// The certificate thumbprint header: "s256" (x5t#S256) or "sha1" (x5t).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x5t: Option<String>,
    /// Whether assertions carry nbf = iat (default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<bool>,
    /// Endpoints from the server's metadata, by metadata key.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub endpoints: BTreeMap<String, String>,
    /// The loopback redirect URI `pkjwt login` listens on
    /// (`http://127.0.0.1:PORT/callback`), as registered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uri: Option<String>,
    /// The client's hosted JWKS, when registered with a jwks_uri.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jwks_uri: Option<String>,
    /// RFC 7592 client configuration endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_client_uri: Option<String>,
    /// RFC 7592 registration access token (a secret: never printed by `Debug`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_access_token: Option<SecretString>,
    /// What the server registered that is not what `pkjwt register` asked
    /// for (another token_endpoint_auth_method, algorithm or keys), in
    /// words: the client exists, and cannot authenticate as this profile
    /// says until the registration is fixed or deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_mismatch: Option<String>,
    /// When the profile was made (RFC 3339): keys made later were not
    /// registered with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// When the profile was written (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    #[serde(default)]
    profiles: BTreeMap<String, Profile>,
}

/// The profiles file in `dir`.
pub fn file_path(dir: &Path) -> PathBuf {
    dir.join("profiles.toml")
}

/// All profiles (none when the file does not exist).
pub fn load_all(dir: &Path) -> Result<BTreeMap<String, Profile>, Error> {
    let path = file_path(dir);
    // Read with a size limit: the file is read on every update, under the lock.
    let text = match crate::input::all(
        crate::input::Source::File(&path),
        "the profiles file",
        crate::input::JWT_LIMIT,
    ) {
        Ok(t) => t,
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return Ok(BTreeMap::new())
        }
        Err(e) => return Err(e),
    };
    let f: File = toml::from_str(&text).map_err(|e| Error::ProfilesFile {
        path: path.clone(),
        reason: e.to_string(),
    })?;
    Ok(f.profiles)
}

/// The largest clock offset a profile may hold, either way: one day. A
/// clock further off than that is to be fixed, not compensated.
pub const MAX_CLOCK_OFFSET: i64 = 86_400;

/// One profile by name; its clock offset must be within
/// [`MAX_CLOCK_OFFSET`].
pub fn load(dir: &Path, name: &str) -> Result<Profile, Error> {
    let all = load_all(dir)?;
    let p = all.get(name).cloned().ok_or_else(|| Error::NoProfile {
        name: name.to_string(),
        path: file_path(dir),
        available: all.keys().cloned().collect(),
    })?;
    if let Some(o) = p.clock_offset.filter(|o| o.abs() > MAX_CLOCK_OFFSET) {
        return Err(Error::ProfilesFile {
            path: file_path(dir),
            reason: format!(
                "profile {name:?}: clock_offset {o} is outside -{MAX_CLOCK_OFFSET}..={MAX_CLOCK_OFFSET} seconds; \
                 set it with `pkjwt profile set {name} --clock-offset SECONDS` or remove it with `--unset clock-offset`, and fix the clock"
            ),
        });
    }
    Ok(p)
}

/// Create `dir` and the parents it lacks with mode 0700 (whatever the
/// umask), and make `dir` itself 0700: profiles.toml holds secrets.
fn create_private_dir(dir: &Path) -> Result<(), Error> {
    let io = |source| Error::Io {
        op: "create the directory",
        path: dir.to_path_buf(),
        source,
    };
    let mut missing = Vec::new();
    let mut cur = Some(dir);
    while let Some(d) = cur.filter(|d| !d.as_os_str().is_empty()) {
        if std::fs::symlink_metadata(d).is_ok() {
            break;
        }
        missing.push(d);
        cur = d.parent();
    }
    for d in missing.into_iter().rev() {
        #[cfg(unix)]
        let b = {
            let mut b = std::fs::DirBuilder::new();
            std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
            b
        };
        #[cfg(not(unix))]
        let b = std::fs::DirBuilder::new();
        match b.create(d) {
            Ok(()) => {
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o700))
                        .map_err(io)?;
                }
            }
            // Another writer made it meanwhile.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && d.is_dir() => {}
            Err(e) => return Err(io(e)),
        }
    }
    if !dir.is_dir() {
        return Err(Error::NotADirectory(dir.to_path_buf()));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    Ok(())
}

/// Write all profiles atomically with mode 0600 (the caller holds the lock).
fn write_locked(dir: &Path, profiles: &BTreeMap<String, Profile>) -> Result<(), Error> {
    let f = File {
        profiles: profiles.clone(),
    };
    let mut text = String::from(
        "# pkjwt profiles: one [profiles.NAME] table per client. Edit by hand if you like.\n\
         # This file holds registration access tokens: keep it private (mode 0600).\n\n",
    );
    text.push_str(&toml::to_string_pretty(&f).map_err(|e| Error::Internal(e.to_string()))?);
    write_atomic(&file_path(dir), text.as_bytes(), Replace::Always, 0o600)
}

/// Read, change and write the profiles as one step: the directory is
/// created (0700), profiles.toml is locked ([`WriteLock`]), read under the
/// lock, given to `change`, and written back when `change` succeeds; the
/// lock is held until the new file is in place, so concurrent writers never
/// lose each other's profiles. When `change` fails nothing is written.
pub fn update<T, E: From<Error>>(
    dir: &Path,
    change: impl FnOnce(&mut BTreeMap<String, Profile>) -> Result<T, E>,
) -> Result<T, E> {
    create_private_dir(dir)?;
    let _lock = WriteLock::acquire(&file_path(dir))?;
    let mut all = load_all(dir)?;
    let out = change(&mut all)?;
    write_locked(dir, &all)?;
    Ok(out)
}

/// Store `new` as profile `name`'s registration access token (one the
/// server rotated, RFC 7592 section 3): only the token changes, in the
/// profile as it is on disk now (`p` when it is gone).
pub fn keep_rotated_token(dir: &Path, name: &str, p: &Profile, new: &str) -> Result<(), Error> {
    update(dir, |all| {
        let p2 = all.entry(name.to_string()).or_insert_with(|| p.clone());
        p2.registration_access_token = Some(new.into());
        p2.updated = Some(crate::keystore::cert::rfc3339_now());
        Ok::<_, Error>(())
    })
}

/// Add or replace one profile; the others are kept as they are on disk.
pub fn save(dir: &Path, name: &str, p: &Profile) -> Result<(), Error> {
    let mut p = p.clone();
    p.updated = Some(crate::keystore::cert::rfc3339_now());
    update(dir, |all| {
        all.insert(name.to_string(), p);
        Ok::<_, Error>(())
    })
}

/// Save a new profile under `name`, or, when another writer took the name
/// after the caller checked it (and `force` is off), under the first free
/// `name-2`, `name-3`, ...: a registration that happened is never lost.
/// Returns the name used.
pub fn save_new(dir: &Path, name: &str, p: &Profile, force: bool) -> Result<String, Error> {
    let mut p = p.clone();
    p.updated = Some(crate::keystore::cert::rfc3339_now());
    if p.created.is_none() {
        p.created.clone_from(&p.updated);
    }
    update(dir, |all| {
        let used = if force || !all.contains_key(name) {
            name.to_string()
        } else {
            (2..)
                .map(|n| format!("{name}-{n}"))
                .find(|n| !all.contains_key(n))
                .unwrap_or_else(|| name.to_string())
        };
        all.insert(used.clone(), p);
        Ok::<_, Error>(used)
    })
}

/// Check a profile name: letters, digits, `-`, `_`, `.`.
pub fn check_name(name: &str) -> Result<(), Error> {
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Err(Error::ProfileName(name.to_string()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_token() -> Profile {
        Profile {
            client_id: "c".into(),
            keystore: PathBuf::from("/ks.p12"),
            registration_client_uri: Some("https://as.example/reg/c".into()),
            registration_access_token: Some("rat-s3cr3t-value".into()),
            ..Default::default()
        }
    }

    #[test]
    fn debug_does_not_show_the_registration_access_token() {
        let p = with_token();
        let shown = format!("{p:?}");
        assert!(!shown.contains("rat-s3cr3t-value"), "{shown}");
        assert!(shown.contains("(redacted)"), "{shown}");
        assert!(!format!("{p:#?}").contains("rat-s3cr3t-value"));
    }

    #[test]
    fn update_writes_nothing_when_the_change_fails() {
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), "a", &with_token()).unwrap();
        let before = std::fs::read(file_path(dir.path())).unwrap();
        let r: Result<(), Error> = update(dir.path(), |all| {
            all.clear();
            Err(Error::ProfileName("x".into()))
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read(file_path(dir.path())).unwrap(), before);
        save(dir.path(), "b", &with_token()).unwrap();
        let all = load_all(dir.path()).unwrap();
        assert_eq!(all.keys().collect::<Vec<_>>(), ["a", "b"]);
    }

    #[cfg(unix)]
    #[test]
    fn created_directories_are_0700() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("x/y/config");
        save(&config, "a", &with_token()).unwrap();
        for d in ["x", "x/y", "x/y/config"] {
            let mode = std::fs::metadata(dir.path().join(d))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o700, "{d}");
        }
    }

    #[test]
    fn the_file_keeps_the_token_as_a_plain_string() {
        let dir = tempfile::tempdir().unwrap();
        let mut all = BTreeMap::new();
        all.insert("prod".to_string(), with_token());
        update(dir.path(), |on_disk| {
            on_disk.clone_from(&all);
            Ok::<_, Error>(())
        })
        .unwrap();
        let text = std::fs::read_to_string(file_path(dir.path())).unwrap();
        assert!(
            text.contains("registration_access_token = \"rat-s3cr3t-value\""),
            "{text}"
        );
        let back = load(dir.path(), "prod").unwrap();
        assert_eq!(back, with_token());
        assert_eq!(
            back.registration_access_token
                .as_ref()
                .map(SecretString::expose),
            Some("rat-s3cr3t-value")
        );
    }
}
