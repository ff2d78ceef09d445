//! How a long operation says what it is doing: the library calls a
//! [`Progress`] the caller passes; the command line renders it on stderr,
//! a service logs it, a test collects it. Nothing in the library prints.

#![warn(missing_docs)]

use std::time::Duration;

/// What an operation tells while it works. Every method has a default that
/// ignores the message, so an implementation takes only what it shows.
pub trait Progress {
    /// A step done, or a fact worth a line ("promote: key K signs now").
    fn note(&self, _text: &str) {}
    /// Something the user should look at; the operation goes on.
    fn warn(&self, _text: &str) {}
    /// Detail for a verbose trace (timings, files, modules).
    fn detail(&self, _text: &str) {}
    /// A wait in progress: `left` of `total` remains before `what`. Called
    /// about once a second; a terminal may show a countdown.
    fn waiting(&self, _what: &str, _left: Duration, _total: Duration) {}
    /// The wait that [`waiting`](Self::waiting) reported is over.
    fn waited(&self, _what: &str, _waited: Duration) {}
    /// One of a series of requests starts ("probe 3/12: aud = the token
    /// endpoint"); a terminal may show it until [`step_done`](Self::step_done).
    fn step(&self, _what: &str) {}
    /// The step [`step`](Self::step) announced ended: `outcome` says how.
    fn step_done(&self, _what: &str, _outcome: &str) {}
}

/// Shows nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct Silent;

impl Progress for Silent {}

/// Keeps every message, for tests and for services that report at the end.
#[derive(Debug, Default)]
pub struct Collect {
    /// `(kind, text)`: kind is `note`, `warn`, `detail` or `step` (`what: outcome`).
    pub messages: std::sync::Mutex<Vec<(&'static str, String)>>,
}

impl Collect {
    fn push(&self, kind: &'static str, text: &str) {
        if let Ok(mut m) = self.messages.lock() {
            m.push((kind, text.to_string()));
        }
    }

    /// The texts of one kind, in order.
    pub fn of(&self, kind: &str) -> Vec<String> {
        self.messages
            .lock()
            .map(|m| {
                m.iter()
                    .filter(|(k, _)| *k == kind)
                    .map(|(_, t)| t.clone())
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl Progress for Collect {
    fn note(&self, text: &str) {
        self.push("note", text);
    }
    fn warn(&self, text: &str) {
        self.push("warn", text);
    }
    fn detail(&self, text: &str) {
        self.push("detail", text);
    }
    fn step_done(&self, what: &str, outcome: &str) {
        self.push("step", &format!("{what}: {outcome}"));
    }
}
