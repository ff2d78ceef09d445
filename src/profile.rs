//! Profiles: what pkjwt remembers about a registered client, in one
//! human-editable TOML file (`profiles.toml` in the config directory), mode
//! 0600 because it holds registration access tokens.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::keystore::{write_atomic, Replace};
use crate::secret::SecretString;
use crate::Error;

/// One client.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Profile {
    /// The authorization server's issuer identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
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
    /// Endpoints from the server's metadata, by metadata key.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub endpoints: BTreeMap<String, String>,
    /// The client's hosted JWKS, when registered with a jwks_uri.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jwks_uri: Option<String>,
    /// RFC 7592 client configuration endpoint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_client_uri: Option<String>,
    /// RFC 7592 registration access token (a secret: never printed by `Debug`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_access_token: Option<SecretString>,
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
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(source) => {
            return Err(Error::Io {
                op: "read",
                path,
                source,
            })
        }
    };
    let f: File = toml::from_str(&text).map_err(|e| Error::ProfilesFile {
        path: path.clone(),
        reason: e.to_string(),
    })?;
    Ok(f.profiles)
}

/// One profile by name.
pub fn load(dir: &Path, name: &str) -> Result<Profile, Error> {
    let all = load_all(dir)?;
    all.get(name).cloned().ok_or_else(|| Error::NoProfile {
        name: name.to_string(),
        path: file_path(dir),
        available: all.keys().cloned().collect(),
    })
}

/// Write all profiles atomically with mode 0600, creating the directory.
pub fn save_all(dir: &Path, profiles: &BTreeMap<String, Profile>) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Io {
        op: "create the directory",
        path: dir.to_path_buf(),
        source,
    })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
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

/// Add or replace one profile.
pub fn save(dir: &Path, name: &str, p: &Profile) -> Result<(), Error> {
    let mut all = load_all(dir)?;
    let mut p = p.clone();
    p.updated = Some(crate::keystore::cert::rfc3339_now());
    all.insert(name.to_string(), p);
    save_all(dir, &all)
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
    fn the_file_keeps_the_token_as_a_plain_string() {
        let dir = tempfile::tempdir().unwrap();
        let mut all = BTreeMap::new();
        all.insert("prod".to_string(), with_token());
        save_all(dir.path(), &all).unwrap();
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
