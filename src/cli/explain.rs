//! Rendering a diagnosis: a failed request's server answer and its ranked
//! causes, and keeping a registration access token the server rotated while
//! evidence was gathered. The diagnosis itself is [`crate::diagnose`].

use serde_json::Value;

use super::client::Resolved;
use super::Ui;
use crate::diagnose::evidence::Evidence;
use crate::diagnose::refusal::Sent;
use crate::diagnose::Finding;
use crate::oauth::http::{Http, Refusal};
use crate::profile::Profile;

pub use crate::diagnose::explain::{
    causes, profile_sources, refusal_json, refusal_summary, sent, unranked_json,
};

/// Keep a registration access token the server rotated in the profile.
pub fn save_rotated(
    ui: &Ui,
    ev: &Evidence,
    p: Option<&Profile>,
    name: Option<&str>,
    config_dir: Option<&std::path::Path>,
) {
    if let (Some(new), Some(p), Some(name), Some(dir)) = (
        ev.rotated_registration_access_token.as_deref(),
        p,
        name,
        config_dir,
    ) {
        keep_rotated_token(ui, dir, name, p, new);
    }
}

/// Store `new` as profile `name`'s registration access token
/// ([`crate::profile::keep_rotated_token`]); a failure is a warning.
pub fn keep_rotated_token(ui: &Ui, dir: &std::path::Path, name: &str, p: &Profile, new: &str) {
    crate::doctor::keep_rotated_token(dir, name, p, new, ui);
}

/// Gather evidence for the resolved client (keeping a rotated token).
pub fn gather(
    ui: &Ui,
    http: &Http,
    r: &Resolved,
    date: Option<&str>,
    config_dir: Option<std::path::PathBuf>,
) -> Evidence {
    let ev = crate::diagnose::explain::gather(http, r, date);
    save_rotated(
        ui,
        &ev,
        r.profile.as_ref(),
        r.profile_name.as_deref(),
        config_dir.as_deref(),
    );
    ev
}

/// Print causes for humans.
pub fn print_causes(ui: &Ui, title: &str, causes: &[Finding]) {
    let mut s = format!("{title}\n");
    for (i, c) in causes.iter().enumerate() {
        s.push_str(&format!(
            "  {}. [{}] {} ({})\n",
            i + 1,
            c.severity.as_str(),
            c.message,
            c.code
        ));
        if !c.hint.is_empty() {
            s.push_str(&format!("     fix: {}\n", c.hint));
        }
    }
    eprint!("{}", if ui.quiet { String::new() } else { s });
}

/// Explain a refused request (an OAuth error, a bare 401/403, or a 5xx
/// ([`answer`])): the server's answer, then ranked causes. Returns the JSON
/// object `--json` prints: `{"status", "error", "error_description",
/// "error_uri", "endpoint", "clock_offset", "causes"}`.
#[allow(clippy::too_many_arguments)]
pub fn explain_failure(
    ui: &Ui,
    http: &Http,
    r: &Resolved,
    endpoint: &str,
    assertion: &str,
    refusal: &Refusal,
    sent: Sent,
    config_dir: Option<std::path::PathBuf>,
) -> Value {
    let ev = gather(ui, http, r, refusal.date, config_dir);
    let mut x = causes(r, &ev, endpoint, assertion, refusal, sent);
    crate::diagnose::described::promote(&mut x.causes, refusal.description);
    if !ui.json {
        print_causes(
            ui,
            &format!(
                "Likely causes, most likely first ({} from {endpoint}):",
                refusal_summary(refusal)
            ),
            &x.causes,
        );
    }
    refusal_json(refusal, endpoint, x.clock_offset, &x.causes)
}
