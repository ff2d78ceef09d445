//! Revoking from the command line the token a check obtained
//! ([`crate::doctor::probing::discard_token`]), with its note shown.

use serde_json::Value;

use super::client::Resolved;
use super::Ui;
use crate::oauth::client::Client;
use crate::oauth::http::Http;

pub use crate::doctor::probing::discard_token;

/// [`discard_token`], with its note shown.
pub fn discard(ui: &Ui, http: &Http, r: &Resolved, client: &Client, body: &Value) {
    if let Some(n) = discard_token(http, r, client, body) {
        ui.note(n);
    }
}
