//! Key states through a rotation: `next` (published, not signing yet),
//! `active` (signs) and `retired` (no longer signs; published only for a
//! grace period), and since when a key is in its state.
//!
//! The state is stored with the key, as a second UTF8String value of pkjwt's
//! own bag attribute (the one that carries the algorithm, see
//! [`crate::keystore::pkcs12::PKJWT_ALG_ATTR_OID`]): `state=next;since=UNIX`.
//! A key without it (made by another tool, or by pkjwt before key states) is
//! `active`. Older pkjwt reads only the attribute's first value, the
//! algorithm, and keeps working.

use std::fmt;

use crate::keystore::{Entry, Keystore};

/// The prefix of the stored value, which tells it from the algorithm.
pub(crate) const PREFIX: &str = "state=";

/// Where a key is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyState {
    /// Generated and published; signs once promoted.
    Next,
    /// Signs.
    Active,
    /// Signs no more; published only with `--include-retired`.
    Retired,
}

impl KeyState {
    /// The lowercase name (`next`, `active`, `retired`), as stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyState::Next => "next",
            KeyState::Active => "active",
            KeyState::Retired => "retired",
        }
    }

    /// Whether `pkjwt jwks` publishes the key by default.
    pub fn published(self) -> bool {
        !matches!(self, KeyState::Retired)
    }
}

impl fmt::Display for KeyState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for KeyState {
    type Err = String;
    fn from_str(s: &str) -> Result<KeyState, String> {
        match s {
            "next" => Ok(KeyState::Next),
            "active" => Ok(KeyState::Active),
            "retired" => Ok(KeyState::Retired),
            other => Err(format!(
                "unknown key state {other:?} (next, active or retired)"
            )),
        }
    }
}

/// A key's state and since when (unix seconds), as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StateRecord {
    /// The state.
    pub state: KeyState,
    /// When the key entered it, in Unix seconds; `None` when not recorded.
    pub since: Option<u64>,
}

impl StateRecord {
    /// `state` from now.
    pub fn now(state: KeyState) -> StateRecord {
        StateRecord {
            state,
            since: Some(now()),
        }
    }

    /// The stored form: `state=next;since=1764500000`.
    pub fn encode(&self) -> String {
        match self.since {
            Some(t) => format!("{PREFIX}{};since={t}", self.state),
            None => format!("{PREFIX}{}", self.state),
        }
    }

    /// Read the stored form; None for a value this version does not know
    /// (the key then counts as active).
    pub fn parse(s: &str) -> Option<StateRecord> {
        let rest = s.strip_prefix(PREFIX)?;
        let mut parts = rest.split(';');
        let state = parts.next()?.parse().ok()?;
        let mut since = None;
        for p in parts {
            if let Some(t) = p.strip_prefix("since=") {
                since = t.parse().ok();
            }
        }
        Some(StateRecord { state, since })
    }
}

/// Which key signs when no kid is named.
#[derive(Debug)]
pub enum Signing<'k> {
    /// This key: the keystore's one active key or, while a rotation
    /// overlaps two active keys, the one made active last.
    Key(&'k Entry),
    /// The keystore holds no keys.
    Empty,
    /// No key is active (only next or retired keys).
    NoActive,
    /// Several active keys, none made active last (keys without recorded
    /// states: made before key states, or by other tools).
    Ambiguous(Vec<&'k Entry>),
}

/// The key that signs when no kid is named (see [`Signing`]).
pub fn signing_key(ks: &Keystore) -> Signing<'_> {
    let active = ks.in_state(KeyState::Active);
    match active.as_slice() {
        [] if ks.entries.is_empty() => Signing::Empty,
        [] => Signing::NoActive,
        [only] => Signing::Key(only),
        many => {
            let since = |e: &Entry| e.stored_state.and_then(|s| s.since);
            let newest = many.iter().filter_map(|e| since(e)).max();
            let at_newest: Vec<&Entry> = many
                .iter()
                .copied()
                .filter(|e| newest.is_some() && since(e) == newest)
                .collect();
            match at_newest.as_slice() {
                [one] => Signing::Key(one),
                _ => Signing::Ambiguous(many.to_vec()),
            }
        }
    }
}

/// The time now, in unix seconds.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_form_round_trips_and_unknown_values_are_none() {
        let r = StateRecord {
            state: KeyState::Retired,
            since: Some(1_764_500_000),
        };
        assert_eq!(r.encode(), "state=retired;since=1764500000");
        assert_eq!(StateRecord::parse(&r.encode()), Some(r));
        assert_eq!(
            StateRecord::parse("state=next"),
            Some(StateRecord {
                state: KeyState::Next,
                since: None
            })
        );
        assert_eq!(StateRecord::parse("state=frozen"), None);
        assert_eq!(StateRecord::parse("ES256"), None);
    }
}
