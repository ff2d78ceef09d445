//! Publishing keys: the JWKS file or the jwks_uri, and the RFC 7592
//! registration; the profile kept in step with it.

use std::time::Duration;

use serde_json::Value;

use super::{Registration, RotateError, Rotation};
use crate::keystore::keys::Alg;
use crate::keystore::state::KeyState;
use crate::keystore::Replace;
use crate::oauth::registration;
use crate::profile::{self, Profile};
use crate::Error;

/// The shortest cache window promote assumes for a jwks_uri whose
/// `Cache-Control` says less (oidc-provider caches a jwks_uri 60 s at
/// least; other servers keep their own minimum).
pub const CACHE_FLOOR: Duration = Duration::from_secs(60);

/// The cache window promote assumes for a jwks_uri that says nothing of
/// caching (and when it cannot be fetched).
pub const DEFAULT_CACHE_WINDOW: Duration = Duration::from_secs(300);

impl Rotation<'_> {
    /// How long the server may cache `uri`, and why: the options' window
    /// when given, else the jwks_uri's own `Cache-Control`/`Expires` (at
    /// least [`CACHE_FLOOR`]), else [`DEFAULT_CACHE_WINDOW`].
    pub(super) fn cache_window(&self, uri: &str) -> (u64, String) {
        if let Some(w) = self.o.cache_window {
            return (w.as_secs(), "--cache-window".into());
        }
        match self.http.get_json(uri, None).map(|r| r.cache_lifetime) {
            Ok(Some(secs)) => (
                secs.max(CACHE_FLOOR.as_secs()),
                format!(
                    "the jwks_uri says {secs} s, at least {} s",
                    CACHE_FLOOR.as_secs()
                ),
            ),
            _ => (
                DEFAULT_CACHE_WINDOW.as_secs(),
                "the jwks_uri says nothing of caching".into(),
            ),
        }
    }

    /// Publish the keystore's active and next keys.
    pub(super) fn publish(&mut self) -> Result<String, Error> {
        let published = self.ks.published(false);
        let kids: Vec<String> = published.iter().map(|e| e.kid.clone()).collect();
        let jwks = crate::keystore::jwks::jwks(&self.ks, &published, false);
        match &self.kind {
            Registration::Uri(uri) => {
                let uri = uri.clone();
                match &self.o.jwks_out {
                    Some(out) => {
                        let text = crate::keystore::jwks::to_string(&jwks);
                        crate::keystore::write_atomic(out, text.as_bytes(), Replace::Always, 0o644)?;
                    }
                    None => self.progress.detail(
                        "no --jwks-out: the keystore is the published JWKS (pkjwt serve-jwks reloads it)",
                    ),
                }
                let gone: Vec<String> = self
                    .ks
                    .in_state(KeyState::Retired)
                    .iter()
                    .map(|e| e.kid.clone())
                    .collect();
                self.wait_until_served(&uri, &kids, &gone)?;
                // The registered algorithm follows the keys, as for inline keys.
                let alg = self.registered_alg();
                if self.has_registration_access() {
                    self.update_registration(jwks, alg, true)?;
                }
                Ok(format!("{uri} serves {}", kids.join(", ")))
            }
            Registration::Inline => {
                let alg = self.registered_alg();
                self.update_registration(jwks, alg, false)?;
                Ok(format!(
                    "registered {} inline{}",
                    kids.join(", "),
                    match alg {
                        Some(a) => format!(", token_endpoint_auth_signing_alg {a}"),
                        None =>
                            ", without token_endpoint_auth_signing_alg while the algorithms differ"
                                .into(),
                    }
                ))
            }
        }
    }

    /// Poll the jwks_uri (a few seconds: serve-jwks reloads the keystore
    /// within a second) until it serves every kid in `kids`.
    pub(super) fn wait_until_served(
        &self,
        uri: &str,
        kids: &[String],
        gone: &[String],
    ) -> Result<(), Error> {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            let served: Vec<String> = match self.http.get_json(uri, None) {
                Ok(r) => r.body["keys"]
                    .as_array()
                    .map(|k| {
                        k.iter()
                            .filter_map(|k| k["kid"].as_str().map(String::from))
                            .collect()
                    })
                    .unwrap_or_default(),
                Err(e) if std::time::Instant::now() >= deadline => return Err(e.into()),
                Err(_) => Vec::new(),
            };
            let missing: Vec<&String> = kids.iter().filter(|k| !served.contains(k)).collect();
            let stale: Vec<&String> = gone.iter().filter(|k| served.contains(k)).collect();
            if missing.is_empty() && stale.is_empty() {
                return Ok(());
            }
            if missing.is_empty() && std::time::Instant::now() >= deadline {
                // Harmless for tokens: a retired key still served.
                self.progress.note(&format!(
                    "{uri} still serves retired {}",
                    stale
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                return Ok(());
            }
            if std::time::Instant::now() >= deadline {
                return Err(RotateError::NotServed {
                    uri: uri.to_string(),
                    missing: missing.iter().map(|s| s.to_string()).collect(),
                }
                .into());
            }
            std::thread::sleep(Duration::from_millis(250));
        }
    }

    pub(super) fn has_registration_access(&self) -> bool {
        self.prof.registration_client_uri.is_some() && self.prof.registration_access_token.is_some()
    }

    /// RFC 7592 read and update of the registration's keys and algorithm
    /// (none: left out); for a `hosted` (jwks_uri) registration, the
    /// algorithm only, and only when it changes. Keeps the registration
    /// access token the server returns. A server that answers with another
    /// algorithm than asked is an error, after the registration is put back
    /// as it was read.
    pub(super) fn update_registration(
        &mut self,
        jwks: Value,
        alg: Option<Alg>,
        hosted: bool,
    ) -> Result<(), Error> {
        let (uri, rat) = match (
            &self.prof.registration_client_uri,
            &self.prof.registration_access_token,
        ) {
            (Some(u), Some(t)) => (u.clone(), t.expose().to_string()),
            _ => return Err(RotateError::NoRegistrationAccess(self.o.profile.clone()).into()),
        };
        let current = registration::read(&self.http, &uri, &rat)?;
        let mut rat = rat;
        if let Some(new) = current
            .get("registration_access_token")
            .and_then(Value::as_str)
            .filter(|new| *new != rat)
        {
            rat = new.to_string();
            self.keep_token(&current)?;
        }
        let current_alg = current
            .get("token_endpoint_auth_signing_alg")
            .and_then(Value::as_str);
        if hosted && current_alg == alg.map(Alg::as_str) {
            return Ok(());
        }
        let any_alg = alg.unwrap_or(Alg::ES256);
        let mut plan = registration::key_update(&current, jwks, any_alg, hosted);
        if alg.is_none() {
            if let Some(m) = plan.body.as_object_mut() {
                m.remove("token_endpoint_auth_signing_alg");
            }
        }
        let resp = registration::update(&self.http, &uri, &rat, &plan.body)?;
        self.keep_token(&resp)?;
        let answered = resp
            .get("token_endpoint_auth_signing_alg")
            .and_then(Value::as_str)
            .map(String::from);
        let pinned = match (alg, &answered) {
            (None, Some(a)) => Some(a.clone()),
            (Some(want), Some(a)) if a != want.as_str() => Some(a.clone()),
            _ => None,
        };
        if let Some(pinned) = pinned {
            // Put the registration back as it was read.
            let mut back = registration::key_update(
                &current,
                current.get("jwks").cloned().unwrap_or(Value::Null),
                any_alg,
                hosted || current.get("jwks").is_none(),
            );
            if let Some(m) = back.body.as_object_mut() {
                match current.get("token_endpoint_auth_signing_alg") {
                    Some(v) => m.insert("token_endpoint_auth_signing_alg".into(), v.clone()),
                    None => m.remove("token_endpoint_auth_signing_alg"),
                };
            }
            let rat = self
                .prof
                .registration_access_token
                .as_ref()
                .map(|t| t.expose().to_string())
                .unwrap_or_default();
            if let Ok(resp) = registration::update(&self.http, &uri, &rat, &back.body) {
                let _ = self.keep_token(&resp);
            }
            return Err(RotateError::AlgPinned {
                pinned,
                asked_none: alg.is_none(),
            }
            .into());
        }
        Ok(())
    }

    /// Keep a rotated registration access token (and client URI) at once.
    pub(super) fn keep_token(&mut self, resp: &Value) -> Result<(), Error> {
        let mut changed = false;
        if let Some(new) = resp
            .get("registration_access_token")
            .and_then(Value::as_str)
        {
            if self
                .prof
                .registration_access_token
                .as_ref()
                .is_none_or(|t| t.expose() != new)
            {
                self.prof.registration_access_token = Some(new.into());
                changed = true;
            }
        }
        if let Some(u) = resp.get("registration_client_uri").and_then(Value::as_str) {
            if self.prof.registration_client_uri.as_deref() != Some(u) {
                self.prof.registration_client_uri = Some(u.to_string());
                changed = true;
            }
        }
        if changed {
            let (rat, uri) = (
                self.prof.registration_access_token.clone(),
                self.prof.registration_client_uri.clone(),
            );
            self.save_profile(|p| {
                p.registration_access_token = rat;
                p.registration_client_uri = uri;
            })?;
        }
        Ok(())
    }

    /// Change profile fields on the profile as it is on disk now, under the
    /// profiles file's lock (another pkjwt may have written it meanwhile).
    pub(super) fn save_profile(&self, set: impl FnOnce(&mut Profile)) -> Result<(), Error> {
        let (dir, name) = (&self.dir, &self.o.profile);
        profile::update(dir, |all| {
            let Some(p) = all.get_mut(name) else {
                return Err(crate::Error::NoProfile {
                    name: name.clone(),
                    path: profile::file_path(dir),
                    available: all.keys().cloned().collect(),
                });
            };
            set(p);
            p.updated = Some(crate::keystore::cert::rfc3339_now());
            Ok(())
        })?;
        Ok(())
    }
}
