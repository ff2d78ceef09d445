//! The stages of a rotation, and the keystore changes they make.

use std::sync::Arc;

use serde_json::{json, Value};

use super::{countdown, Registration, RotateError, Rotation, Stage};
use crate::keystore::keys::{Alg, KeyPair};
use crate::keystore::pkcs11::{self as token, Token};
use crate::keystore::state::{self, KeyState, StateRecord};
use crate::keystore::update::update;
use crate::keystore::{Entry, Keystore};
use crate::oauth::registration;
use crate::oauth::verify::Verification;
use crate::session::{signing_entry, ClientSettings, Session};
use crate::Error;

impl Rotation<'_> {
    /// Read the token's keys again after a change on it.
    pub(super) fn reload(&mut self) -> Result<(), Error> {
        if let Some(t) = &self.token {
            self.ks = t.keystore()?;
        }
        Ok(())
    }

    /// Generate the next key on the token. Written in an order where a cut
    /// at any point leaves the signing key as it was: the state record
    /// `next` first (a key without one would count as active), then the key
    /// pair (sensitive, not extractable), then its certificate.
    pub(super) fn token_next(
        &mut self,
        t: &Arc<Token>,
        alg: Alg,
        bits: usize,
    ) -> Result<String, Error> {
        let label = match &self.o.kid {
            Some(k) => k.clone(),
            None => token::rotated_label(t.uri().object.as_deref(), state::now()),
        };
        t.check_label_free(&label)?;
        self.progress.detail(&format!(
            "generating a {alg} key {label} on the PKCS#11 token {:?}",
            t.label
        ));
        let made = (|| -> Result<(), Error> {
            t.set_state(&label, StateRecord::now(KeyState::Next))?;
            let (key, id) = t.generate(alg, bits, &label)?;
            let subject = crate::keystore::cert::subject_name(&label)?;
            let cert = crate::keystore::cert::self_signed(&key, &subject, self.o.days)?;
            t.store_certificate(&label, &id, &cert)?;
            Ok(())
        })();
        if let Err(e) = made {
            let _ = t.destroy_key(&label);
            return Err(e);
        }
        self.reload()?;
        Ok(label)
    }

    /// Delete the keys `kids`: from the keystore file, or destroyed on the token.
    pub(super) fn delete(&mut self, kids: Vec<String>) -> Result<(), Error> {
        if let Some(t) = self.token.clone() {
            let result = kids
                .iter()
                .try_for_each(|k| t.destroy_key(k).map_err(Error::from));
            self.reload()?;
            return result;
        }
        let path = self.path.clone();
        self.change(move |ks| {
            for k in &kids {
                ks.remove(k, &path)?;
            }
            Ok(())
        })
    }

    pub(super) fn cycle(&mut self) -> Result<(), Error> {
        let start = if !self.ks.in_state(KeyState::Next).is_empty() {
            Stage::Promote
        } else if self.ks.in_state(KeyState::Active).len() > 1
            && signing_entry(&self.ks, &self.path).is_ok()
        {
            Stage::Retire
        } else {
            Stage::Next
        };
        if start != Stage::Next {
            self.progress.note(&format!(
                "going on with an interrupted rotation: {}",
                start.as_str()
            ));
        }
        let stages = [Stage::Next, Stage::Promote, Stage::Retire, Stage::Remove];
        for s in stages.into_iter().skip_while(|s| *s != start) {
            self.stage(s)?;
        }
        Ok(())
    }

    pub(super) fn stage(&mut self, s: Stage) -> Result<(), Error> {
        match s {
            Stage::Next => self.next(),
            Stage::Promote => self.promote(),
            Stage::Retire => self.retire(),
            Stage::Remove => self.remove(),
        }
    }

    pub(super) fn step(&mut self, stage: Stage, text: String, mut v: Value) {
        self.progress.note(&format!("{}: {text}", stage.as_str()));
        v["stage"] = stage.as_str().into();
        self.steps.push(v);
    }

    pub(super) fn signer(&self) -> Result<Entry, Error> {
        // The profile names the signing key; without one, the keystore says.
        match &self.prof.kid {
            Some(k) => Ok(self.ks.get(k, &self.path)?.clone()),
            None => Ok(signing_entry(&self.ks, &self.path)?.clone()),
        }
    }

    /// Change the keystore under its lock (re-read when another writer
    /// saved it meanwhile).
    pub(super) fn change(
        &mut self,
        f: impl FnOnce(&mut Keystore) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let path = self.path.clone();
        update(
            &mut self.ks,
            &path,
            &self.pw,
            self.o.iterations,
            None,
            self.progress,
            f,
        )?;
        Ok(())
    }

    /// Set the states of `kids` (kid, record) in the keystore.
    pub(super) fn set_states(
        &mut self,
        changes: Vec<(String, Option<StateRecord>)>,
    ) -> Result<(), Error> {
        if let Some(t) = self.token.clone() {
            // On a token, no record reads as active: write it so.
            let result = changes.iter().try_for_each(|(kid, rec)| {
                let rec = rec.unwrap_or(StateRecord {
                    state: KeyState::Active,
                    since: None,
                });
                t.set_state(kid, rec).map_err(Error::from)
            });
            self.reload()?;
            return result;
        }
        self.change(move |ks| {
            for (kid, rec) in changes {
                if let Some(e) = ks.entries.iter_mut().find(|e| e.kid == kid) {
                    e.stored_state = rec;
                }
            }
            Ok(())
        })
    }

    /// The algorithm to register: the published keys' one, or none while
    /// they differ (a cross-algorithm overlap).
    pub(super) fn registered_alg(&self) -> Option<Alg> {
        let mut algs: Vec<Alg> = self.ks.published(false).iter().map(|e| e.alg()).collect();
        algs.dedup();
        match algs.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// A token request signed by `kid`; the token is revoked when the server can.
    pub(super) fn verify(&self, kid: &str) -> Result<Value, Error> {
        if !self.o.verify {
            return Ok(json!("skipped"));
        }
        let entry = self.ks.get(kid, &self.path)?.clone();
        let mut one = Keystore::new();
        one.add(entry, &self.path)?;
        let settings = ClientSettings {
            kid: Some(kid.to_string()),
            ..Default::default()
        };
        let mut prof = self.prof.clone();
        if prof.kid.as_deref() != Some(kid) {
            prof.alg = None;
        }
        let mut r = Session::resolve(
            &settings,
            Some(self.o.profile.clone()),
            Some(prof.clone()),
            prof.client_id.clone(),
            one,
            self.path.clone(),
            self.progress,
        )?;
        let scope = self.o.scope.clone().or(prof.scope.clone());
        match r.verify(&self.http, scope.as_deref())? {
            Verification::Issued { notes, .. } => {
                notes.iter().for_each(|n| self.progress.note(n));
                Ok(json!("issued"))
            }
            Verification::Refused { error, .. } => Err(Error::from(*error)),
        }
    }

    pub(super) fn next(&mut self) -> Result<(), Error> {
        if let Some(n) = self.ks.in_state(KeyState::Next).first() {
            return Err(RotateError::NextExists {
                kid: n.kid.clone(),
                profile: self.o.profile.clone(),
                meanwhile: false,
            }
            .into());
        }
        let active = self.signer()?;
        let alg = self.o.alg.unwrap_or_else(|| active.alg());
        if alg != active.alg() && !self.has_registration_access() {
            return Err(RotateError::AlgNeedsAccess {
                alg,
                registered: active.alg(),
                profile: self.o.profile.clone(),
            }
            .into());
        }
        let bits = self.o.rsa_bits.unwrap_or(match active.public().kty() {
            "RSA" => active.public().bits(),
            _ => 3072,
        });
        if let Some(k) = &self.o.kid {
            self.ks.check_kid_free(k, &self.path)?;
        }
        let kid = match self.token.clone() {
            Some(t) => self.token_next(&t, alg, bits)?,
            None => {
                self.progress.detail(&format!("generating a {alg} key"));
                let key = KeyPair::generate(alg, bits)?;
                let kid = self
                    .o
                    .kid
                    .clone()
                    .unwrap_or_else(|| key.public().thumbprint());
                let subject = crate::keystore::cert::subject_name(&kid)?;
                let cert = crate::keystore::cert::self_signed(&key, &subject, self.o.days)?;
                let mut entry = Entry::new(kid.clone(), key, Some(cert), Some(alg));
                entry.stored_state = Some(StateRecord::now(KeyState::Next));
                let path = self.path.clone();
                let profile = self.o.profile.clone();
                self.change(|ks| {
                    // Checked again on the keystore as it is on disk: another
                    // rotate may have made a next key meanwhile.
                    if let Some(n) = ks.in_state(KeyState::Next).first() {
                        return Err(RotateError::NextExists {
                            kid: n.kid.clone(),
                            profile: profile.clone(),
                            meanwhile: true,
                        }
                        .into());
                    }
                    ks.add(entry, &path)
                })?;
                kid
            }
        };
        let published = match self.publish() {
            Ok(p) => p,
            Err(e) => {
                // Take the key out again: the registration is as it was.
                let _ = self.delete(vec![kid.clone()]);
                if matches!(self.kind, Registration::Uri(_)) && self.o.jwks_out.is_some() {
                    let _ = self.publish();
                }
                return Err(e);
            }
        };
        let token = self.verify(&active.kid)?;
        self.step(
            Stage::Next,
            format!(
                "new {alg} key {kid}; {published}; {} still signs",
                active.kid
            ),
            json!({"kid": kid, "alg": alg.as_str(), "signing_kid": active.kid, "token": token}),
        );
        Ok(())
    }

    pub(super) fn promote(&mut self) -> Result<(), Error> {
        let next = match self.ks.in_state(KeyState::Next).as_slice() {
            [one] => (*one).clone(),
            [] => return Err(RotateError::NoNext(self.o.profile.clone()).into()),
            many => return Err(RotateError::ManyNext(many.len()).into()),
        };
        let old = self.signer()?;
        // The server must be able to see the key: republish when it cannot.
        let mut waited = 0;
        let mut retry_for = 0;
        match self.kind {
            Registration::Inline => {
                let (uri, rat) = (
                    self.prof
                        .registration_client_uri
                        .clone()
                        .unwrap_or_default(),
                    self.prof
                        .registration_access_token
                        .as_ref()
                        .map(|t| t.expose().to_string())
                        .unwrap_or_default(),
                );
                let current = registration::read(&self.http, &uri, &rat)?;
                self.keep_token(&current)?;
                let holds = current["jwks"]["keys"]
                    .as_array()
                    .is_some_and(|k| k.iter().any(|k| k["kid"] == next.kid.as_str()));
                if !holds {
                    self.progress.note(&format!(
                        "the registration does not hold {}: publishing it",
                        next.kid
                    ));
                    self.publish()?;
                }
            }
            Registration::Uri(ref uri) => {
                let uri = uri.clone();
                if self
                    .wait_until_served(&uri, std::slice::from_ref(&next.kid), &[])
                    .is_err()
                {
                    self.publish()?;
                }
                let since = next.stored_state.and_then(|s| s.since).unwrap_or(0);
                let (window, why) = self.cache_window(&uri);
                let remaining = since.saturating_add(window).saturating_sub(state::now());
                let wait = remaining.min(self.o.wait.as_secs());
                if wait > 0 {
                    countdown(
                        self.progress,
                        wait,
                        &format!(
                            "the server's cache of {uri} ({} window: {why})",
                            crate::duration::human(window)
                        ),
                    );
                    waited = wait;
                }
                retry_for = self.o.wait.as_secs().saturating_sub(wait);
            }
        }
        // A jwks_uri server may still hold the old JWKS a little longer:
        // try again with backoff (5 s, 10 s, 20 s, ... at most 60 s) for
        // what --wait leaves, instead of waiting blind.
        let mut backoff = 5;
        let token = loop {
            match self.verify(&next.kid) {
                Err(e) if retry_for > 0 && is_refusal(&e) => {
                    let pause = backoff.min(retry_for);
                    self.progress.note(&format!(
                        "promote: the server does not accept {} yet ({e}); trying again in {pause} s",
                        next.kid
                    ));
                    countdown(
                        self.progress,
                        pause,
                        &format!("the next try with {}", next.kid),
                    );
                    waited += pause;
                    retry_for -= pause;
                    backoff = (backoff * 2).min(60);
                }
                other => break other,
            }
        };
        let token = match token {
            Ok(t) => t,
            Err(e) => {
                self.progress.warn(&format!(
                    "the server does not accept the next key {} yet; nothing changed, {} still signs; \
                     run `pkjwt rotate --profile {} --stage promote` again later (or with a longer --wait)",
                    next.kid, old.kid, self.o.profile
                ));
                return Err(e);
            }
        };
        self.set_states(vec![(
            next.kid.clone(),
            Some(StateRecord::now(KeyState::Active)),
        )])?;
        self.prof.kid = Some(next.kid.clone());
        self.prof.alg = Some(next.alg().as_str().to_string());
        let (kid, alg) = (self.prof.kid.clone(), self.prof.alg.clone());
        self.save_profile(|p| {
            p.kid = kid;
            p.alg = alg;
        })?;
        self.step(
            Stage::Promote,
            format!(
                "{} signs from now on{}",
                next.kid,
                if waited > 0 {
                    format!(" (waited {})", crate::duration::human(waited))
                } else {
                    String::new()
                }
            ),
            json!({"kid": next.kid, "previous_kid": old.kid, "waited_seconds": waited, "token": token}),
        );
        Ok(())
    }

    pub(super) fn retire(&mut self) -> Result<(), Error> {
        let signer = self.signer()?;
        let old: Vec<Entry> = self
            .ks
            .in_state(KeyState::Active)
            .into_iter()
            .filter(|e| e.kid != signer.kid)
            .cloned()
            .collect();
        if old.is_empty() {
            return Err(RotateError::OnlyActive(signer.kid.clone()).into());
        }
        let retired: Vec<(String, Option<StateRecord>)> = old
            .iter()
            .map(|e| (e.kid.clone(), Some(StateRecord::now(KeyState::Retired))))
            .collect();
        self.set_states(retired)?;
        let published = match self.publish() {
            Ok(p) => p,
            Err(e) => {
                let back = old
                    .iter()
                    .map(|e| (e.kid.clone(), e.stored_state))
                    .collect();
                let _ = self.set_states(back);
                if self.o.jwks_out.is_some() {
                    let _ = self.publish();
                }
                return Err(e);
            }
        };
        if self.prof.kid.as_deref() != Some(signer.kid.as_str()) {
            self.prof.kid = Some(signer.kid.clone());
            self.prof.alg = Some(signer.alg().as_str().to_string());
            let (kid, alg) = (self.prof.kid.clone(), self.prof.alg.clone());
            self.save_profile(|p| {
                p.kid = kid;
                p.alg = alg;
            })?;
        }
        let token = self.verify(&signer.kid)?;
        let kids: Vec<String> = old.iter().map(|e| e.kid.clone()).collect();
        // A server may accept a retired key until its cache of the keys
        // expires (Keycloak does, for a while): ask, with the first one.
        let (old_key, still) = match (self.o.verify, kids.first()) {
            (true, Some(k)) => match self.verify(k) {
                Ok(_) => (
                    json!("accepted"),
                    format!(
                        "; the server still accepts {k} (its cache of the keys): it stops once that expires, \
                         so keep {k} out of use and remove it after --grace"
                    ),
                ),
                Err(e) if is_refusal(&e) => (json!("refused"), format!("; the server refuses {k} now")),
                Err(e) => (json!("unknown"), format!("; could not check whether the server still accepts {k} ({e})")),
            },
            _ => (json!("skipped"), String::new()),
        };
        self.step(
            Stage::Retire,
            format!("retired {}; {published}{still}", kids.join(", ")),
            json!({"kids": kids, "signing_kid": signer.kid, "token": token, "old_key": old_key}),
        );
        Ok(())
    }

    pub(super) fn remove(&mut self) -> Result<(), Error> {
        let now = state::now();
        let grace = self.o.grace.as_secs();
        let (due, kept): (Vec<&Entry>, Vec<&Entry>) = self
            .ks
            .in_state(KeyState::Retired)
            .into_iter()
            .partition(|e| {
                e.stored_state
                    .and_then(|s| s.since)
                    .unwrap_or(0)
                    .saturating_add(grace)
                    <= now
            });
        let due: Vec<String> = due.iter().map(|e| e.kid.clone()).collect();
        let kept: Vec<(String, u64)> = kept
            .iter()
            .map(|e| {
                (
                    e.kid.clone(),
                    e.stored_state
                        .and_then(|s| s.since)
                        .unwrap_or(0)
                        .saturating_add(grace),
                )
            })
            .collect();
        if !due.is_empty() {
            self.delete(due.clone())?;
        }
        let signer = self.signer()?;
        let token = if due.is_empty() {
            json!("skipped")
        } else {
            self.verify(&signer.kid)?
        };
        let mut text = if due.is_empty() {
            "no retired key is past its grace period".to_string()
        } else {
            format!("deleted {}", due.join(", "))
        };
        for (kid, at) in &kept {
            text.push_str(&format!(
                "; {kid} may be deleted from {} (`pkjwt rotate --stage remove`)",
                crate::keystore::cert::rfc3339_unix(*at as i64)
            ));
        }
        self.step(
            Stage::Remove,
            text,
            json!({"kids": due, "kept": kept.iter().map(|(k, at)| json!({"kid": k, "removable_from": crate::keystore::cert::rfc3339_unix(*at as i64)})).collect::<Vec<_>>(), "token": token}),
        );
        Ok(())
    }
}

/// Whether `e` is the server refusing a token request (not the network,
/// not pkjwt): worth another try once the server's cache has moved on.
fn is_refusal(e: &Error) -> bool {
    matches!(e, Error::Http(h) if h.refusal().is_some())
}
