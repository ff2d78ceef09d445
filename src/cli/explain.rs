//! Rendering a diagnosis: a failed request's server answer and its ranked
//! causes, and keeping a registration access token the server rotated while
//! evidence was gathered. The diagnosis itself is [`crate::diagnose`].

use serde_json::{json, Value};

use super::client::Resolved;
use super::Ui;
use crate::diagnose::evidence::{self, Evidence, Sources};
use crate::diagnose::ranking::{self, Failure};
use crate::diagnose::refusal::{self, Sent};
use crate::diagnose::Finding;
use crate::oauth::http::{Http, Refusal};
use crate::profile::Profile;

/// Where the evidence about the resolved client is.
pub fn sources(r: &Resolved) -> Sources<'_> {
    let mut src = profile_sources(r.profile.as_ref());
    src.issuer = r.client.issuer.as_deref();
    src.metadata = r.metadata.as_ref();
    src
}

/// The registration and hosted JWKS a profile names.
pub fn profile_sources(p: Option<&Profile>) -> Sources<'_> {
    let Some(p) = p else {
        return Sources::default();
    };
    Sources {
        issuer: None,
        metadata: None,
        registration: p
            .registration_client_uri
            .as_deref()
            .zip(p.registration_access_token.as_ref().map(|t| t.expose())),
        jwks_uri: p.jwks_uri.as_deref(),
    }
}

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

/// Store `new` as profile `name`'s registration access token: only the token
/// changes, in the profile as it is on disk now (`p` when it is gone).
pub fn keep_rotated_token(ui: &Ui, dir: &std::path::Path, name: &str, p: &Profile, new: &str) {
    let saved = crate::profile::update(dir, |all| {
        let p2 = all.entry(name.to_string()).or_insert_with(|| p.clone());
        p2.registration_access_token = Some(new.into());
        p2.updated = Some(crate::keystore::cert::rfc3339_now());
        Ok::<_, crate::Error>(())
    });
    if let Err(e) = saved {
        ui.warn(format!(
            "the server rotated the registration access token and saving it failed: {e}"
        ));
    }
}

/// Gather evidence for the resolved client (keeping a rotated token).
pub fn gather(
    ui: &Ui,
    http: &Http,
    r: &Resolved,
    date: Option<&str>,
    config_dir: Option<std::path::PathBuf>,
) -> Evidence {
    let ev = evidence::gather(http, &sources(r), date, crate::oauth::assertion::now());
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

/// What a request of `r` with `form` carried besides the assertion.
pub fn sent<'a>(r: &'a Resolved, form: &'a [(String, String)]) -> Sent<'a> {
    Sent {
        grant_type: form
            .iter()
            .find(|(k, _)| k == "grant_type")
            .map(|(_, v)| v.as_str()),
        dpop_proof: r.client.dpop.is_some(),
        client_id_param: r.client.send_client_id
            || r.client.auth != crate::oauth::client::ClientAuth::PrivateKeyJwt,
        profile: r.profile_name.as_deref(),
        dpop_bound: r.profile.as_ref().and_then(|p| p.dpop) == Some(true),
    }
}

/// The ranked causes of a refusal, with `ev` gathered already (its clock
/// offset taken from the refusal's `Date` when there is one).
pub fn causes(
    r: &Resolved,
    ev: &Evidence,
    endpoint: &str,
    assertion: &str,
    answer: &Refusal,
    sent: Sent,
) -> ranking::Explanation {
    let date = answer.date;
    let now = crate::oauth::assertion::now();
    let ctx = evidence::context(
        &r.client,
        ev,
        Some(endpoint),
        &r.keystore,
        &r.keystore_path,
        now,
    );
    ranking::explain(
        ctx,
        ev,
        &Failure {
            assertion,
            date,
            minting_offset: r.client.clock_offset,
            fixed_jti: r.client.extra_claims.contains_key("jti"),
            issuer: r.client.issuer.as_deref(),
            profile_kid: r.profile.as_ref().and_then(|p| p.kid.as_deref()),
            profile_created: r
                .profile
                .as_ref()
                // Not `updated`: every edit moves it, and hides older keys.
                .and_then(|p| p.created.as_deref())
                .and_then(crate::keystore::cert::parse_rfc3339),
            key_not_before: r
                .keystore
                .entries
                .iter()
                .find(|e| e.kid == r.client.signer.kid)
                .and_then(|e| e.cert.as_deref())
                .and_then(|c| crate::keystore::cert::inspect(c).ok())
                .and_then(|(info, _)| i64::try_from(info.not_before_unix).ok()),
            answer: refusal::Answer {
                status: answer.status,
                error: answer.error,
                description: answer.description,
            },
            sent,
        },
    )
}

/// The JSON of a refusal of a request that carried no client assertion
/// (mutual TLS, no client authentication) or whose DPoP proof was refused:
/// only the cause the answer names, if any.
pub fn unranked_json(refusal: &Refusal, endpoint: &str, sent: Sent) -> Value {
    let named = refusal::named_cause(
        &refusal::Answer {
            status: refusal.status,
            error: refusal.error,
            description: refusal.description,
        },
        &sent,
    );
    refusal_json(
        refusal,
        endpoint,
        None,
        &named.into_iter().collect::<Vec<_>>(),
    )
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

/// A refusal in a few words: `invalid_client`, `a bare 403`, or `a 500`.
pub fn refusal_summary(r: &Refusal) -> String {
    match r.error {
        Some(e) if r.status >= 500 => format!("a {} with error {e}", r.status),
        Some(e) => e.to_string(),
        None if r.status >= 500 => format!("a {} server failure", r.status),
        None => format!("a bare {} without an OAuth error", r.status),
    }
}

/// The JSON of a refusal and its causes.
pub fn refusal_json(
    r: &Refusal,
    endpoint: &str,
    clock_offset: Option<i64>,
    causes: &[Finding],
) -> Value {
    json!({
        "status": r.status,
        "error": r.error,
        "error_description": r.description,
        "error_uri": r.uri,
        "endpoint": endpoint,
        "clock_offset": clock_offset,
        "causes": causes,
    })
}
