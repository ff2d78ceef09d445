//! `pkjwt rotate`: staged key rotation of a registered client, for inline
//! `jwks` registrations (RFC 7592 update) and `jwks_uri` registrations (the
//! JWKS file pkjwt writes, or the keystore `pkjwt serve-jwks` serves).
//!
//! The stages move key states (see [`crate::keystore::state`]): `next`
//! generates and publishes a key that does not sign yet; `promote` makes it
//! the signing key once the server can see it; `retire` takes the old key out
//! of the published set; `remove` deletes retired keys past their grace
//! period. Each stage changes the keystore, the registration and the profile
//! in an order where a failure at any point leaves a key that the server
//! accepts as the one that signs, and each ends with a token request.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::{Args, ValueEnum};
use serde_json::{json, Value};

use super::client::{ClientArgs, HttpArgs};
use super::password::PasswordArgs;
use super::store::{self, check_kid, parse_alg, signing_entry, StoreArgs, WriteArgs};
use super::{config_dir_required, GlobalArgs, Ui};
use crate::cli::error::CliError as Error;
use crate::keystore::keys::{Alg, KeyPair};
use crate::keystore::pkcs11::{self as token, Token};
use crate::keystore::state::{self, KeyState, StateRecord};
use crate::keystore::{Entry, Keystore, Replace};
use crate::oauth::http::Http;
use crate::oauth::registration;
use crate::oauth::verify::Verification;
use crate::profile::{self, Profile};
use crate::secret::Password;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Stage {
    /// Generate the next key and publish it (it does not sign yet)
    Next,
    /// Make the next key the signing key, once the server can see it
    Promote,
    /// Retire the old key and publish the keys without it
    Retire,
    /// Delete retired keys past the grace period
    Remove,
}

impl Stage {
    fn as_str(self) -> &'static str {
        match self {
            Stage::Next => "next",
            Stage::Promote => "promote",
            Stage::Retire => "retire",
            Stage::Remove => "remove",
        }
    }
}

/// Rotate a registered client's key without an outage
///
/// With no --stage, runs the whole cycle (next, promote, retire, remove),
/// with a token request after each step; a cycle that was interrupted goes
/// on from where the keystore says it stopped. One stage at a time with
/// --stage:
///
///   next     generates the next key (the active key's algorithm unless
///            --alg) and publishes it beside the active key: an RFC 7592
///            update for an inline-jwks registration; for a jwks_uri, the
///            JWKS file --jwks-out, or nothing to write when `pkjwt
///            serve-jwks` serves the keystore. The active key still signs.
///   promote  checks the server can see the next key (the registration
///            holds it, or the jwks_uri serves it), waits out what remains
///            of the server's JWKS cache window since the key was published
///            (--cache-window, capped by --wait; a jwks_uri only), asks for
///            a token signed by it, and then makes it the active key.
///   retire   retires the old key and publishes the keys without it.
///   remove   deletes retired keys older than --grace.
///
/// Rotating to another algorithm (ES256 to PS256): while keys of both
/// algorithms are registered, token_endpoint_auth_signing_alg is left out of
/// an inline registration so both keys are accepted; retire sets it to the
/// new key's. A server that insists on one algorithm is reported and the
/// registration is put back as it was.
///
/// A failed step leaves the keystore, the registration and the profile where
/// the signing key is one the server accepts; run the command again to go on.
///
/// A PKCS#11 token keystore (pkcs11:token=NAME;object=LABEL) rotates too:
/// the next key is generated on the token, labelled LABEL-r<unix time>,
/// which the same URI selects; states are stored on the token, and remove
/// destroys the retired key's objects. A URI with id= is refused. `pkjwt
/// serve-jwks` reads a token's keys again every half second.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pkjwt rotate --profile prod                                # the whole cycle
  pkjwt rotate --profile prod --stage next --alg PS256
  pkjwt rotate --profile hosted --jwks-out /srv/www/jwks.json --cache-window 10m
  pkjwt rotate --profile prod --stage remove --grace 0s

Durations: 90s, 15m, 12h, 7d (a plain number is seconds).")]
pub struct RotateArgs {
    /// The profile of the registered client
    #[arg(
        short = 'p',
        long,
        value_name = "NAME",
        env = "PKJWT_PROFILE",
        allow_hyphen_values = true
    )]
    pub profile: String,
    /// Run one stage only [default: the whole cycle, from where it stopped]
    #[arg(long, value_enum)]
    pub stage: Option<Stage>,
    #[command(flatten)]
    pub password: PasswordArgs,
    /// Algorithm of the next key [default: the active key's]
    #[arg(long, value_name = "ALG", value_parser = parse_alg)]
    pub alg: Option<Alg>,
    /// RSA key size of the next key [default: the active key's, else 3072]
    #[arg(long, value_name = "BITS")]
    pub rsa_bits: Option<usize>,
    /// Key ID of the next key [default: its RFC 7638 thumbprint]
    #[arg(long, value_name = "KID", allow_hyphen_values = true)]
    pub kid: Option<String>,
    /// Certificate validity of the next key, in days
    #[arg(long, value_name = "N", default_value_t = 365, value_parser = clap::value_parser!(u32).range(1..=36500))]
    pub days: u32,
    /// For a jwks_uri client: write the published JWKS to FILE after each
    /// change (the file your web server serves) [default: none; `pkjwt
    /// serve-jwks` serves the keystore itself]
    #[arg(long, value_name = "FILE", env = "PKJWT_JWKS_OUT")]
    pub jwks_out: Option<PathBuf>,
    /// How long the server may cache the client's jwks_uri (oidc-provider
    /// caches at least 60 s, or the JWKS's Cache-Control max-age when
    /// longer): promote waits this long after the next key was published
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = crate::duration::parse)]
    pub cache_window: Duration,
    /// The longest promote waits for the cache window; when the window is
    /// longer, promote tries after this wait and stops unchanged if the
    /// server does not accept the next key yet
    #[arg(long, value_name = "DURATION", default_value = "15m", value_parser = crate::duration::parse)]
    pub wait: Duration,
    /// How long a retired key is kept (and published with --include-retired)
    /// before remove deletes it
    #[arg(long, value_name = "DURATION", default_value = "1d", value_parser = crate::duration::parse)]
    pub grace: Duration,
    /// Scope of the token requests that verify each step [default: the profile's]
    #[arg(long, value_name = "SCOPES")]
    pub scope: Option<String>,
    /// Do not request tokens to verify the steps
    #[arg(long)]
    pub no_verify: bool,
    #[command(flatten)]
    pub write: WriteArgs,
    #[command(flatten)]
    pub http: HttpArgs,
}

/// How the registration gets its keys.
enum Kind {
    /// Inline `jwks`, updated through RFC 7592.
    Inline,
    /// A `jwks_uri` the server fetches.
    Uri(String),
}

struct Rotation<'a> {
    ui: &'a Ui,
    a: &'a RotateArgs,
    dir: PathBuf,
    prof: Profile,
    path: PathBuf,
    ks: Keystore,
    pw: Password,
    /// The PKCS#11 token when the keystore is one: keys are generated,
    /// restated and destroyed there.
    token: Option<Arc<Token>>,
    http: Http,
    kind: Kind,
    steps: Vec<Value>,
}

pub fn run(ui: &Ui, g: &GlobalArgs, a: &RotateArgs) -> Result<(), Error> {
    profile::check_name(&a.profile)?;
    if let Some(k) = &a.kid {
        check_kid(k)?;
    }
    if let Some(b) = a.rsa_bits {
        if !matches!(b, 2048 | 3072 | 4096) {
            return Err(crate::keystore::keys::KeyError::RsaSize(b).into());
        }
    }
    let dir = config_dir_required(g)?;
    let prof = profile::load(&dir, &a.profile)?;
    let kind = match &prof.jwks_uri {
        Some(u) => Kind::Uri(u.clone()),
        None if prof.registration_client_uri.is_some()
            && prof.registration_access_token.is_some() =>
        {
            Kind::Inline
        }
        None => return Err(Error::input(
            format!(
                "profile {:?} has neither a jwks_uri nor RFC 7592 registration access",
                a.profile
            ),
            Some(
                "pkjwt rotates clients it registered (`pkjwt register`); for a client registered \
                     in a console, add the next key there by hand (`pkjwt keygen`, `pkjwt jwks`)"
                    .into(),
            ),
        )),
    };
    if matches!(kind, Kind::Inline) && a.jwks_out.is_some() {
        return Err(Error::input(
            format!(
                "profile {:?} registers its keys inline: --jwks-out is for jwks_uri clients",
                a.profile
            ),
            Some("leave out --jwks-out; the registration is updated through RFC 7592".into()),
        ));
    }
    let path = prof.keystore.clone();
    let store_args = StoreArgs {
        keystore: path.clone(),
        password: a.password.clone(),
    };
    let opened = store::open_full(ui, &store_args)?;
    if let Some(t) = &opened.token {
        check_token_uri(t, a)?;
    }
    let (ks, pw, token) = (opened.keystore, opened.secret, opened.token);
    let http = a.http.client(ui)?;
    let mut r = Rotation {
        ui,
        a,
        dir,
        prof,
        path,
        ks,
        pw,
        token,
        http,
        kind,
        steps: Vec::new(),
    };
    let result = match a.stage {
        Some(s) => r.stage(s),
        None => r.cycle(),
    };
    if let Err(e) = &result {
        let signer = signing_entry(&r.ks, &r.path)
            .map(|e| e.kid.clone())
            .unwrap_or_default();
        let signer = r.prof.kid.clone().unwrap_or(signer);
        ui.warn(format!(
            "the rotation stopped ({e}); key {signer} still signs; run `pkjwt rotate --profile {}` again to go on",
            a.profile
        ));
    }
    let keys: Vec<Value> =
        r.ks.entries
            .iter()
            .map(|e| json!({"kid": e.kid, "alg": e.alg().as_str(), "state": e.state().as_str()}))
            .collect();
    if ui.json {
        let mut out = json!({
            "profile": a.profile,
            "registration": match &r.kind { Kind::Inline => "jwks", Kind::Uri(_) => "jwks_uri" },
            "steps": r.steps,
            "keys": keys,
            "signing_kid": r.prof.kid,
        });
        if let Err(e) = &result {
            out["error"] = e.to_string().into();
        }
        ui.out_json(&out)?;
    } else if result.is_ok() {
        let mut s = format!(
            "Rotated profile {} (signs with {})\n",
            a.profile,
            r.prof.kid.as_deref().unwrap_or("-")
        );
        for e in &r.ks.entries {
            s.push_str(&format!("  {:<8} {} ({})\n", e.state(), e.kid, e.alg()));
        }
        ui.out(s)?;
    }
    result
}

/// A token keystore rotates when its URI selects the next key too: by no
/// object (every key on the token) or by `object=LABEL`, which also selects
/// the keys rotate makes for it (`LABEL-rUNIX`). An `id=` selects one key
/// only, and a --kid would not match `object=`.
fn check_token_uri(t: &Token, a: &RotateArgs) -> Result<(), Error> {
    let uri = t.uri();
    if uri.id.is_some() {
        return Err(Error::input(
            format!(
                "{} selects one key by id=: the next key would not be part of it",
                uri.text
            ),
            Some(match &uri.object {
                Some(o) => format!(
                    "set the profile's keystore to '{}' (without id=)",
                    uri.with_object(o)
                ),
                None => "leave id= out of the profile's keystore URI".into(),
            }),
        ));
    }
    if let (Some(k), Some(o)) = (&a.kid, &uri.object) {
        if !token::selects(o, k) {
            return Err(Error::input(
                format!("--kid {k:?} would not be selected by the keystore URI's object={o}"),
                Some(format!(
                    "leave out --kid: the next key is labelled {o}{}UNIX-TIME",
                    token::ROTATED_INFIX
                )),
            ));
        }
    }
    Ok(())
}

impl Rotation<'_> {
    /// Read the token's keys again after a change on it.
    fn reload(&mut self) -> Result<(), Error> {
        if let Some(t) = &self.token {
            self.ks = t.keystore().map_err(crate::Error::from)?;
        }
        Ok(())
    }

    /// Generate the next key on the token. Written in an order where a cut
    /// at any point leaves the signing key as it was: the state record
    /// `next` first (a key without one would count as active), then the key
    /// pair (sensitive, not extractable), then its certificate.
    fn token_next(&mut self, t: &Arc<Token>, alg: Alg, bits: usize) -> Result<String, Error> {
        let label = match &self.a.kid {
            Some(k) => k.clone(),
            None => token::rotated_label(t.uri().object.as_deref(), state::now()),
        };
        t.check_label_free(&label).map_err(crate::Error::from)?;
        self.ui.detail(format!(
            "generating a {alg} key {label} on the PKCS#11 token {:?}",
            t.label
        ));
        let made = (|| -> Result<(), Error> {
            t.set_state(&label, StateRecord::now(KeyState::Next))
                .map_err(crate::Error::from)?;
            let (key, id) = t.generate(alg, bits, &label).map_err(crate::Error::from)?;
            let subject = crate::keystore::cert::subject_name(&label)?;
            let cert = crate::keystore::cert::self_signed(&key, &subject, self.a.days)?;
            t.store_certificate(&label, &id, &cert)
                .map_err(crate::Error::from)?;
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
    fn delete(&mut self, kids: Vec<String>) -> Result<(), Error> {
        if let Some(t) = self.token.clone() {
            let result = kids.iter().try_for_each(|k| {
                t.destroy_key(k)
                    .map_err(|e| Error::from(crate::Error::from(e)))
            });
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

    fn cycle(&mut self) -> Result<(), Error> {
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
            self.ui.note(format!(
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

    fn stage(&mut self, s: Stage) -> Result<(), Error> {
        match s {
            Stage::Next => self.next(),
            Stage::Promote => self.promote(),
            Stage::Retire => self.retire(),
            Stage::Remove => self.remove(),
        }
    }

    fn step(&mut self, stage: Stage, text: String, mut v: Value) {
        self.ui.note(format!("{}: {text}", stage.as_str()));
        v["stage"] = stage.as_str().into();
        self.steps.push(v);
    }

    fn signer(&self) -> Result<Entry, Error> {
        // The profile names the signing key; without one, the keystore says.
        match &self.prof.kid {
            Some(k) => Ok(self.ks.get(k, &self.path)?.clone()),
            None => Ok(signing_entry(&self.ks, &self.path)?.clone()),
        }
    }

    /// Change the keystore under its lock (re-read when another writer
    /// saved it meanwhile).
    fn change(&mut self, f: impl FnOnce(&mut Keystore) -> Result<(), Error>) -> Result<(), Error> {
        let path = self.path.clone();
        let write: WriteArgs = self.a.write.clone();
        store::update(self.ui, &mut self.ks, &path, &self.pw, &write, None, f)?;
        Ok(())
    }

    /// Set the states of `kids` (kid, record) in the keystore.
    fn set_states(&mut self, changes: Vec<(String, Option<StateRecord>)>) -> Result<(), Error> {
        if let Some(t) = self.token.clone() {
            // On a token, no record reads as active: write it so.
            let result = changes.iter().try_for_each(|(kid, rec)| {
                let rec = rec.unwrap_or(StateRecord {
                    state: KeyState::Active,
                    since: None,
                });
                t.set_state(kid, rec)
                    .map_err(|e| Error::from(crate::Error::from(e)))
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
    fn registered_alg(&self) -> Option<Alg> {
        let mut algs: Vec<Alg> = self.ks.published(false).iter().map(|e| e.alg()).collect();
        algs.dedup();
        match algs.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// Publish the keystore's active and next keys.
    fn publish(&mut self) -> Result<String, Error> {
        let published = self.ks.published(false);
        let kids: Vec<String> = published.iter().map(|e| e.kid.clone()).collect();
        let jwks = crate::keystore::jwks::jwks(&self.ks, &published, false);
        match &self.kind {
            Kind::Uri(uri) => {
                let uri = uri.clone();
                match &self.a.jwks_out {
                    Some(out) => {
                        let text = crate::keystore::jwks::to_string(&jwks);
                        crate::keystore::write_atomic(out, text.as_bytes(), Replace::Always, 0o644)?;
                    }
                    None => self.ui.detail(
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
            Kind::Inline => {
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
    fn wait_until_served(&self, uri: &str, kids: &[String], gone: &[String]) -> Result<(), Error> {
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
                self.ui.note(format!(
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
                return Err(Error::input(
                    format!(
                        "{uri} does not serve {}",
                        missing
                            .iter()
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    Some(
                        "publish the keystore's JWKS there: `pkjwt rotate --jwks-out FILE` writes the file \
                         your web server serves, or run `pkjwt serve-jwks --keystore K`"
                            .into(),
                    ),
                ));
            }
            std::thread::sleep(Duration::from_millis(250));
        }
    }

    fn has_registration_access(&self) -> bool {
        self.prof.registration_client_uri.is_some() && self.prof.registration_access_token.is_some()
    }

    /// RFC 7592 read and update of the registration's keys and algorithm
    /// (none: left out); for a `hosted` (jwks_uri) registration, the
    /// algorithm only, and only when it changes. Keeps the registration
    /// access token the server returns. A server that answers with another
    /// algorithm than asked is an error, after the registration is put back
    /// as it was read.
    fn update_registration(
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
            _ => {
                return Err(Error::input(
                    "the profile has no RFC 7592 registration access",
                    None,
                ))
            }
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
            return Err(Error::input(
                format!(
                    "the server registered token_endpoint_auth_signing_alg {pinned}{}: \
                     keys of two algorithms cannot both sign during the overlap",
                    if alg.is_none() { " when asked for none" } else { "" }
                ),
                Some(
                    "rotate to a key of the same algorithm (`pkjwt rotate --alg ...`), or change the \
                     algorithm in one step at a quiet time with `pkjwt register --update --kid NEW`"
                        .into(),
                ),
            ));
        }
        Ok(())
    }

    /// Keep a rotated registration access token (and client URI) at once.
    fn keep_token(&mut self, resp: &Value) -> Result<(), Error> {
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
    fn save_profile(&self, set: impl FnOnce(&mut Profile)) -> Result<(), Error> {
        let (dir, name) = (&self.dir, &self.a.profile);
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

    /// A token request signed by `kid`; the token is revoked when the server can.
    fn verify(&self, kid: &str) -> Result<Value, Error> {
        if self.a.no_verify {
            return Ok(json!("skipped"));
        }
        let entry = self.ks.get(kid, &self.path)?.clone();
        let mut one = Keystore::new();
        one.add(entry, &self.path)?;
        let args = ClientArgs {
            kid: Some(kid.to_string()),
            ..Default::default()
        };
        let mut prof = self.prof.clone();
        if prof.kid.as_deref() != Some(kid) {
            prof.alg = None;
        }
        let mut r = args.resolve_opened(
            self.ui,
            Some(self.a.profile.clone()),
            Some(prof.clone()),
            prof.client_id.clone(),
            one,
            self.path.clone(),
        )?;
        let scope = self.a.scope.clone().or(prof.scope.clone());
        match r.verify(&self.http, scope.as_deref())? {
            Verification::Issued { notes, .. } => {
                notes.iter().for_each(|n| self.ui.note(n));
                Ok(json!("issued"))
            }
            Verification::Refused { error, .. } => Err((*error).into()),
        }
    }

    fn next(&mut self) -> Result<(), Error> {
        if let Some(n) = self.ks.in_state(KeyState::Next).first() {
            return Err(Error::input(
                format!("key {} is the next key already", n.kid),
                Some(format!(
                    "promote it with `pkjwt rotate --profile {} --stage promote`",
                    self.a.profile
                )),
            ));
        }
        let active = self.signer()?;
        let alg = self.a.alg.unwrap_or_else(|| active.alg());
        if alg != active.alg() && !self.has_registration_access() {
            return Err(Error::input(
                format!(
                    "a {alg} key would be refused: the registration names {} as token_endpoint_auth_signing_alg, \
                     and profile {:?} has no RFC 7592 access to change it",
                    active.alg(),
                    self.a.profile
                ),
                Some(
                    "rotate to a key of the same algorithm (leave out --alg), or change the algorithm in \
                     the server's console first"
                        .into(),
                ),
            ));
        }
        let bits = self.a.rsa_bits.unwrap_or(match active.public().kty() {
            "RSA" => active.public().bits(),
            _ => 3072,
        });
        if let Some(k) = &self.a.kid {
            self.ks.check_kid_free(k, &self.path)?;
        }
        let kid = match self.token.clone() {
            Some(t) => self.token_next(&t, alg, bits)?,
            None => {
                self.ui.detail(format!("generating a {alg} key"));
                let key = KeyPair::generate(alg, bits)?;
                let kid = self
                    .a
                    .kid
                    .clone()
                    .unwrap_or_else(|| key.public().thumbprint());
                let subject = crate::keystore::cert::subject_name(&kid)?;
                let cert = crate::keystore::cert::self_signed(&key, &subject, self.a.days)?;
                let mut entry = Entry::new(kid.clone(), key, Some(cert), Some(alg));
                entry.stored_state = Some(StateRecord::now(KeyState::Next));
                let path = self.path.clone();
                self.change(|ks| {
                    // Checked again on the keystore as it is on disk: another
                    // rotate may have made a next key meanwhile.
                    if let Some(n) = ks.in_state(KeyState::Next).first() {
                        return Err(Error::input(
                            format!("key {} is the next key already (made meanwhile)", n.kid),
                            None,
                        ));
                    }
                    ks.add(entry, &path).map_err(Error::from)
                })?;
                kid
            }
        };
        let published = match self.publish() {
            Ok(p) => p,
            Err(e) => {
                // Take the key out again: the registration is as it was.
                let _ = self.delete(vec![kid.clone()]);
                if matches!(self.kind, Kind::Uri(_)) && self.a.jwks_out.is_some() {
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

    fn promote(&mut self) -> Result<(), Error> {
        let next = match self.ks.in_state(KeyState::Next).as_slice() {
            [one] => (*one).clone(),
            [] => {
                return Err(Error::input(
                    "there is no next key to promote",
                    Some(format!(
                        "make one with `pkjwt rotate --profile {} --stage next`",
                        self.a.profile
                    )),
                ))
            }
            many => {
                return Err(Error::input(
                    format!("{} next keys, and promote takes one", many.len()),
                    Some("remove the extra ones with `pkjwt keys remove --kid KID`".into()),
                ))
            }
        };
        let old = self.signer()?;
        // The server must be able to see the key: republish when it cannot.
        let mut waited = 0;
        match self.kind {
            Kind::Inline => {
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
                    self.ui.note(format!(
                        "the registration does not hold {}: publishing it",
                        next.kid
                    ));
                    self.publish()?;
                }
            }
            Kind::Uri(ref uri) => {
                let uri = uri.clone();
                if self
                    .wait_until_served(&uri, std::slice::from_ref(&next.kid), &[])
                    .is_err()
                {
                    self.publish()?;
                }
                let since = next.stored_state.and_then(|s| s.since).unwrap_or(0);
                let window = self.a.cache_window.as_secs();
                let remaining = since.saturating_add(window).saturating_sub(state::now());
                let wait = remaining.min(self.a.wait.as_secs());
                if wait > 0 {
                    countdown(
                        self.ui,
                        wait,
                        &format!(
                            "the server's cache of {uri} ({} window)",
                            crate::duration::human(window)
                        ),
                    );
                    waited = wait;
                }
            }
        }
        let token = match self.verify(&next.kid) {
            Ok(t) => t,
            Err(e) => {
                self.ui.warn(format!(
                    "the server does not accept the next key {} yet; nothing changed, {} still signs; \
                     run `pkjwt rotate --profile {} --stage promote` again later (or with a longer --wait)",
                    next.kid, old.kid, self.a.profile
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

    fn retire(&mut self) -> Result<(), Error> {
        let signer = self.signer()?;
        let old: Vec<Entry> = self
            .ks
            .in_state(KeyState::Active)
            .into_iter()
            .filter(|e| e.kid != signer.kid)
            .cloned()
            .collect();
        if old.is_empty() {
            return Err(Error::input(
                format!("{} is the only active key: nothing to retire", signer.kid),
                Some("start a rotation with `pkjwt rotate --stage next`".into()),
            ));
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
                if self.a.jwks_out.is_some() {
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
        self.step(
            Stage::Retire,
            format!("retired {}; {published}", kids.join(", ")),
            json!({"kids": kids, "signing_kid": signer.kid, "token": token}),
        );
        Ok(())
    }

    fn remove(&mut self) -> Result<(), Error> {
        let now = state::now();
        let grace = self.a.grace.as_secs();
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

/// Wait `secs`: a countdown on a terminal, else one line.
fn countdown(ui: &Ui, secs: u64, what: &str) {
    use std::io::Write;
    if ui.live() {
        for left in (1..=secs).rev() {
            eprint!(
                "\r  waiting {:>6} for {what} ",
                crate::duration::human(left)
            );
            let _ = std::io::stderr().flush();
            std::thread::sleep(Duration::from_secs(1));
        }
        eprint!("\r\x1b[2K");
        let _ = std::io::stderr().flush();
    } else {
        ui.note(format!(
            "waiting {} for {what}, until {}",
            crate::duration::human(secs),
            crate::keystore::cert::rfc3339_unix((state::now() + secs) as i64)
        ));
        std::thread::sleep(Duration::from_secs(secs));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn entry(kid: &str, state: Option<(KeyState, Option<u64>)>) -> Entry {
        let key = KeyPair::generate(Alg::ES256, 0).unwrap();
        let mut e = Entry::new(kid.into(), key, None, Some(Alg::ES256));
        e.stored_state = state.map(|(state, since)| StateRecord { state, since });
        e
    }

    #[test]
    fn the_signing_key_is_the_one_made_active_last() {
        let path = Path::new("ks.p12");
        let mut ks = Keystore::new();
        // A key made by another tool (no state) is active and signs alone.
        ks.add(entry("legacy", None), path).unwrap();
        assert_eq!(signing_entry(&ks, path).unwrap().kid, "legacy");
        // A next key does not sign.
        ks.add(entry("next", Some((KeyState::Next, Some(20)))), path)
            .unwrap();
        assert_eq!(signing_entry(&ks, path).unwrap().kid, "legacy");
        // Promoted: the key made active last signs.
        ks.entries[1].stored_state = Some(StateRecord {
            state: KeyState::Active,
            since: Some(30),
        });
        assert_eq!(signing_entry(&ks, path).unwrap().kid, "next");
        // Two active keys without recorded times are ambiguous, as before.
        let mut two = Keystore::new();
        two.add(entry("a", None), path).unwrap();
        two.add(entry("b", None), path).unwrap();
        let err = signing_entry(&two, path).unwrap_err().to_string();
        assert!(err.contains("say which signs with --kid"), "{err}");
        // Only retired keys: none signs.
        let mut old = Keystore::new();
        old.add(entry("r", Some((KeyState::Retired, Some(1)))), path)
            .unwrap();
        let err = signing_entry(&old, path).unwrap_err().to_string();
        assert!(err.contains("no active key"), "{err}");
        assert_eq!(old.published(false).len(), 0);
        assert_eq!(old.published(true).len(), 1);
    }
}
