//! `pkjwt token`'s cache key, token exchange inputs and output formats.

use serde_json::{json, Value};

use super::token_args::{read_token, ExchangeArgs, Format, TokenArgs};
use super::Ui;
use crate::cli::error::CliError as Error;
use crate::input::{Source, SECRET_LIMIT};
use crate::oauth::client::{grant_type, ACCESS_TOKEN_TYPE, JWT_BEARER, TOKEN_EXCHANGE};
use crate::profile::Profile;
use crate::token_cache::{digest, CacheKey, Options, Outcome, Store};

/// The token exchange parameters (RFC 8693 section 2.1); `params` are the
/// `--param` values, which may carry the tokens instead.
pub fn exchange_form(x: &ExchangeArgs, params: &[String]) -> Result<Vec<(String, String)>, Error> {
    let given = |k: &str| params.iter().any(|p| p.starts_with(&format!("{k}=")));
    let stdin = |f: &Option<std::path::PathBuf>| f.as_deref().is_some_and(|p| p.as_os_str() == "-");
    if stdin(&x.subject_token_file) && stdin(&x.actor_token_file) {
        return Err(Error::input(
            "the subject and actor tokens cannot both come from stdin",
            Some("give one of them as a file".into()),
        ));
    }
    let mut form = Vec::new();
    match &x.subject_token_file {
        Some(f) => {
            let t = read_token(Source::from_arg(f), "the subject token", SECRET_LIMIT)?;
            form.push(("subject_token".into(), t));
        }
        None if given("subject_token") => {}
        None => {
            return Err(Error::input(
                "token exchange needs the subject token",
                Some("pass --subject-token-file FILE (- for stdin)".into()),
            ))
        }
    }
    if !given("subject_token_type") {
        let t = x.subject_token_type.as_deref().unwrap_or(ACCESS_TOKEN_TYPE);
        form.push(("subject_token_type".into(), t.into()));
    }
    if let (Some(f), Some(t)) = (&x.actor_token_file, &x.actor_token_type) {
        let a = read_token(Source::from_arg(f), "the actor token", SECRET_LIMIT)?;
        form.push(("actor_token".into(), a));
        form.push(("actor_token_type".into(), t.clone()));
    }
    if let Some(t) = &x.requested_token_type {
        form.push(("requested_token_type".into(), t.clone()));
    }
    Ok(form)
}

/// The store and the key when the cache is on for this request; decided
/// from the settings and the profile alone, before any keystore is unlocked.
pub fn cache_key(
    ui: &Ui,
    a: &TokenArgs,
    profile: Option<&Profile>,
    grant: &str,
    scope: Option<String>,
    form: &[(String, String)],
) -> Result<Option<(Store, CacheKey)>, Error> {
    let exec = a.format == Some(Format::ExecCredential);
    let asked = a.cache.cache || exec;
    let on = !a.cache.no_cache && (asked || profile.and_then(|p| p.cache) == Some(true));
    if !on {
        return Ok(None);
    }
    if !matches!(grant, "client_credentials" | JWT_BEARER | TOKEN_EXCHANGE) {
        if asked {
            ui.note(format!(
                "not cached: only client_credentials, jwt-bearer and token-exchange tokens are, not {grant}"
            ));
        }
        return Ok(None);
    }
    let Some(client_id) = a
        .client
        .client_id
        .clone()
        .or_else(|| profile.map(|p| p.client_id.clone()))
    else {
        return Ok(None);
    };
    let Some(keystore) = a
        .client
        .keystore
        .clone()
        .or_else(|| profile.map(|p| p.keystore.clone()))
    else {
        return Ok(None);
    };
    let pkcs11 = crate::keystore::pkcs11::is_uri(&keystore);
    // The key that signs: its kid when named, else whatever the keystore's
    // contents make the signing key (a rotation changes them).
    let kid = a
        .client
        .kid
        .clone()
        .or_else(|| profile.and_then(|p| p.kid.clone()));
    let signing = match kid {
        Some(k) => format!("kid:{k}"),
        None if pkcs11 => format!("pkcs11:{}", keystore.display()),
        None => match crate::keystore::read_file(&keystore) {
            Ok(bytes) => format!("keystore-sha256:{}", digest(&bytes)),
            // Unreadable: the request says why.
            Err(_) => return Ok(None),
        },
    };
    let pop = a.pop.settings();
    let dpop = pop
        .dpop
        .unwrap_or(pop.dpop_kid.is_some() || profile.and_then(|p| p.dpop) == Some(true));
    let tls_auth = profile
        .and_then(|p| p.auth.as_deref())
        .is_some_and(|m| m.contains("tls_client_auth"));
    let mut key = CacheKey::new(client_id, grant_type(grant));
    key.issuer = a
        .client
        .issuer
        .clone()
        .or_else(|| profile.and_then(|p| p.issuer.clone()));
    key.token_endpoint = a
        .client
        .token_endpoint
        .clone()
        .or_else(|| profile.and_then(|p| p.endpoints.get("token_endpoint").cloned()));
    key.scope = scope;
    key.resource = a.resource.clone();
    key.audience = a.audience.clone();
    key.dpop_key = dpop.then(|| {
        pop.dpop_kid
            .clone()
            .or_else(|| profile.and_then(|p| p.dpop_kid.clone()))
            .map(|k| format!("kid:{k}"))
            .unwrap_or_else(|| signing.clone())
    });
    key.signing_key = signing;
    key.mtls = tls_auth
        || pop
            .mtls
            .unwrap_or(profile.and_then(|p| p.mtls) == Some(true));
    key.keystore = super::cache::keystore_id(&keystore);
    key.profile = a.client.profile.clone();
    key.profile_digest = profile.map(|p| digest(&serde_json::to_vec(p).unwrap_or_default()));
    // Everything else sent (a subject, a subject token) by its hash only.
    let mut rest = json!({
        "form": form,
        "no_client_auth": a.no_client_auth,
        "subject": a.subject,
        "grant_iss": a.grant_iss,
        "scope_in_grant": a.scope_in_grant,
        "auth_settings": a.client.settings()?.claims,
    })
    .to_string();
    key.params_digest = Some(digest(rest.as_bytes()));
    zeroize::Zeroize::zeroize(&mut rest);
    Ok(Some((super::cache::store(ui, &a.cache.dir)?, key)))
}

/// The cache options from the flags.
pub fn cache_options(a: &TokenArgs) -> Result<Options, Error> {
    let mut o = Options::new();
    o.min_ttl = a.cache.min_ttl.map(|d| d.as_secs());
    o.keep_refresh_token = a.cache.cache_refresh_token;
    o.refresh = a.cache.refresh;
    o.lock_timeout = crate::keystore::lock_timeout()?;
    Ok(o)
}

/// A token fit for a header or an environment line: RFC 6750's b64token.
fn b64token(t: &str) -> bool {
    !t.is_empty()
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~+/=".contains(&b))
}

/// Print the token response `body` as `token`'s --field and --format ask.
pub fn render(
    ui: &Ui,
    a: &TokenArgs,
    body: &Value,
    url: Option<&str>,
    outcome: Option<Outcome>,
) -> Result<(), Error> {
    render_as(ui, a.field.as_deref(), a.format, body, url, outcome)
}

/// Print the token response `body`: one member with `field`, else as
/// `format` says (a summary without one); `login` prints its tokens so too.
pub fn render_as(
    ui: &Ui,
    field: Option<&str>,
    format: Option<Format>,
    body: &Value,
    url: Option<&str>,
    outcome: Option<Outcome>,
) -> Result<(), Error> {
    let s = |k: &str| body.get(k).and_then(Value::as_str).unwrap_or("");
    let token = s("access_token");
    let token_type = s("token_type");
    let now = crate::oauth::assertion::now();
    let expires_at = body
        .get("expires_in")
        .and_then(Value::as_i64)
        .map(|e| now.saturating_add(e));
    let bearer_only = |what: &str| -> Result<(), Error> {
        if !token_type.eq_ignore_ascii_case("Bearer") {
            return Err(Error::input(
                format!("--format {what} hands out Bearer tokens, and this one is {token_type:?}"),
                Some("a DPoP-bound token needs a fresh proof per request: use `pkjwt call`, or --no-dpop".into()),
            ));
        }
        if !b64token(token) {
            return Err(Error::input(
                format!("the access token holds characters that do not fit --format {what}"),
                Some("use --field access_token or --json".into()),
            ));
        }
        Ok(())
    };
    if let Some(field) = field {
        let v = body.get(field).ok_or_else(|| {
            Error::input(
                format!("the token response has no {field:?}"),
                Some(format!(
                    "members: {}",
                    body.as_object()
                        .map(|m| m.keys().cloned().collect::<Vec<_>>().join(", "))
                        .unwrap_or_default()
                )),
            )
        })?;
        return ui.out(match v {
            Value::String(s) => format!("{s}\n"),
            other => format!("{other}\n"),
        });
    }
    match format {
        Some(Format::Json) => ui.out_json(body),
        Some(Format::Header) => {
            bearer_only("header")?;
            ui.out(format!("Authorization: Bearer {token}\n"))
        }
        Some(Format::Env) => {
            bearer_only("env")?;
            let mut out = format!("PKJWT_ACCESS_TOKEN={token}\nPKJWT_TOKEN_TYPE=Bearer\n");
            if let Some(t) = expires_at {
                out.push_str(&format!("PKJWT_TOKEN_EXPIRES_AT={t}\n"));
            }
            ui.out(out)
        }
        Some(Format::ExecCredential) => {
            bearer_only("exec-credential")?;
            let mut status = json!({ "token": token });
            if let Some(t) = expires_at {
                status["expirationTimestamp"] = json!(crate::keystore::cert::rfc3339_unix(t));
            }
            ui.out_json(&json!({
                "apiVersion": "client.authentication.k8s.io/v1",
                "kind": "ExecCredential",
                "status": status,
            }))
        }
        Some(Format::Text) | None if ui.json => ui.out_json(body),
        Some(Format::Text) | None => {
            let from = match (outcome, url) {
                (Some(Outcome::Hit), _) => "the cache".to_string(),
                (_, Some(u)) => crate::oauth::http::display_url(u).into_owned(),
                (_, None) => "the server".to_string(),
            };
            let mut s = format!(
                "Got {} token from {from}\n",
                if token_type.is_empty() {
                    "a"
                } else {
                    token_type
                },
            );
            if let (Some(e), Some(t)) = (body.get("expires_in").and_then(Value::as_i64), expires_at)
            {
                s.push_str(&format!(
                    "  expires:  in {e} s ({})\n",
                    crate::keystore::cert::rfc3339_unix(t)
                ));
            }
            match body.get("scope").and_then(Value::as_str) {
                Some(sc) => s.push_str(&format!("  scope:    {sc}\n")),
                None => s.push_str("  scope:    (none granted)\n"),
            }
            if let Some(t) = body.get("issued_token_type").and_then(Value::as_str) {
                s.push_str(&format!("  issued_token_type: {t}\n"));
            }
            for k in ["refresh_token", "id_token"] {
                if body.get(k).is_some() {
                    s.push_str(&format!("  {k}: present\n"));
                }
            }
            ui.out(s)?;
            ui.note("print the token with --field access_token, or everything with --json");
            Ok(())
        }
    }
}
