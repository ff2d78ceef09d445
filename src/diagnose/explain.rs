//! Explaining a refused request of a [`Session`]: where the evidence is,
//! what the request carried, and the ranked causes of the server's answer.
//! The evidence is gathered over HTTP ([`gather`]); everything else is pure.

#![warn(missing_docs)]

use serde_json::{json, Value};

use crate::diagnose::evidence::{self, Evidence, Sources};
use crate::diagnose::ranking::{self, Failure};
use crate::diagnose::refusal::{self, Sent};
use crate::diagnose::Finding;
use crate::oauth::http::{Http, Refusal};
use crate::profile::Profile;
use crate::session::Session;

/// Where the evidence about the session's client is.
pub fn sources(r: &Session) -> Sources<'_> {
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

/// Gather evidence about the session's client: its issuer's metadata, the
/// RFC 7592 registration, the hosted JWKS, and the clock offset from the
/// HTTP `date` of an answer. A registration access token the server rotated
/// while it was read is in
/// [`Evidence::rotated_registration_access_token`]: the caller keeps it
/// ([`crate::profile::keep_rotated_token`]).
pub fn gather(http: &Http, r: &Session, date: Option<&str>) -> Evidence {
    evidence::gather(http, &sources(r), date, crate::oauth::assertion::now())
}

/// What a request of `r` with `form` carried besides the assertion.
pub fn sent<'a>(r: &'a Session, form: &'a [(String, String)]) -> Sent<'a> {
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

/// The ranked causes of a refusal of `assertion` at `endpoint`, with `ev`
/// gathered already (its clock offset taken from the refusal's `Date` when
/// there is one).
pub fn causes(
    r: &Session,
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

/// A refusal in a few words: `invalid_client`, `a bare 403`, or `a 500`.
pub fn refusal_summary(r: &Refusal) -> String {
    match r.error {
        Some(e) if r.status >= 500 => format!("a {} with error {e}", r.status),
        Some(e) => e.to_string(),
        None if r.status >= 500 => format!("a {} server failure", r.status),
        None => format!("a bare {} without an OAuth error", r.status),
    }
}

/// The JSON of a refusal and its causes: `{"status", "error",
/// "error_description", "error_uri", "endpoint", "clock_offset", "causes"}`.
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
