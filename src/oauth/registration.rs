//! Dynamic Client Registration (RFC 7591) and its management protocol
//! (RFC 7592): the request body, the checks that refuse before sending when
//! the server's metadata rules out private_key_jwt or the algorithm,
//! registering a private_key_jwt client (its profile as data), and reading,
//! updating (key rotation) and deleting its registration.
//!
//! Nothing here prints or saves: warnings and the profile to keep are
//! returned to the caller.

use std::path::PathBuf;

use serde_json::{Map, Value};

use crate::keystore::keys::Alg;
use crate::keystore::Entry;
use crate::oauth::discovery::Metadata;
use crate::oauth::http::{Body, Http, HttpError};
use crate::profile::Profile;
use crate::Error;

/// The registration request, built from pkjwt's options.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Request {
    /// `token_endpoint_auth_signing_alg` (`ES256`, ...), sent for private_key_jwt.
    pub alg: String,
    /// Inline JWKS (exclusive with `jwks_uri`).
    pub jwks: Option<Value>,
    /// `jwks_uri`: where the server fetches the client's keys (exclusive with `jwks`).
    pub jwks_uri: Option<String>,
    /// `grant_types`; empty: not sent (the server's default).
    pub grant_types: Vec<String>,
    /// `scope`, space-separated.
    pub scope: Option<String>,
    /// `redirect_uris`; empty: not sent.
    pub redirect_uris: Vec<String>,
    /// `client_name`.
    pub client_name: Option<String>,
    /// `contacts` (e-mail addresses); empty: not sent.
    pub contacts: Vec<String>,
    /// `software_statement`: a signed JWT of client metadata, sent as given.
    pub software_statement: Option<String>,
    /// `token_endpoint_auth_method`: private_key_jwt when empty, or
    /// tls_client_auth / self_signed_tls_client_auth (RFC 8705).
    pub auth_method: String,
    /// `tls_client_auth_subject_dn` (RFC 8705 section 2.1.2).
    pub tls_subject_dn: Option<String>,
    /// `tls_client_certificate_bound_access_tokens` (RFC 8705 section 3.4).
    pub mtls_bound_tokens: bool,
    /// `dpop_bound_access_tokens` (RFC 9449 section 5.2).
    pub dpop_bound_tokens: bool,
    /// Any other RFC 7591 members (`--metadata FILE`); the options above
    /// win, and a member whose value is null is removed from the request.
    pub extra: Map<String, Value>,
}

impl Request {
    /// The token endpoint auth method registered.
    pub fn method(&self) -> &str {
        if self.auth_method.is_empty() {
            "private_key_jwt"
        } else {
            &self.auth_method
        }
    }

    /// The JSON body: `extra` first, then pkjwt's members over it.
    pub fn body(&self) -> Value {
        let mut m = self.extra.clone();
        let method = self.method();
        m.insert("token_endpoint_auth_method".into(), method.into());
        if method == "private_key_jwt" {
            m.insert(
                "token_endpoint_auth_signing_alg".into(),
                self.alg.clone().into(),
            );
        } else {
            // Servers refuse a signing algorithm for a method that signs nothing.
            m.remove("token_endpoint_auth_signing_alg");
        }
        if let Some(dn) = &self.tls_subject_dn {
            m.insert("tls_client_auth_subject_dn".into(), dn.clone().into());
        }
        if self.mtls_bound_tokens {
            m.insert(
                "tls_client_certificate_bound_access_tokens".into(),
                true.into(),
            );
        }
        if self.dpop_bound_tokens {
            m.insert("dpop_bound_access_tokens".into(), true.into());
        }
        if let Some(j) = &self.jwks {
            m.insert("jwks".into(), j.clone());
            m.remove("jwks_uri");
        }
        if let Some(u) = &self.jwks_uri {
            m.insert("jwks_uri".into(), u.clone().into());
            m.remove("jwks");
        }
        if !self.grant_types.is_empty() {
            m.insert("grant_types".into(), self.grant_types.clone().into());
        }
        // RFC 7591 defaults response_types to ["code"], which needs redirect
        // URIs: a client without the authorization code or implicit grant
        // asks for none.
        if !m.contains_key("response_types") {
            let grants: Vec<String> = m
                .get("grant_types")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|g| g.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_else(|| vec!["authorization_code".into()]);
            let mut rt: Vec<&str> = Vec::new();
            if grants.iter().any(|g| g == "authorization_code") {
                rt.push("code");
            }
            if grants.iter().any(|g| g == "implicit") {
                rt.push("id_token");
            }
            m.insert("response_types".into(), rt.into());
        }
        if !self.redirect_uris.is_empty() {
            m.insert("redirect_uris".into(), self.redirect_uris.clone().into());
        }
        if let Some(s) = &self.scope {
            m.insert("scope".into(), s.clone().into());
        }
        if let Some(n) = &self.client_name {
            m.insert("client_name".into(), n.clone().into());
        }
        if !self.contacts.is_empty() {
            m.insert("contacts".into(), self.contacts.clone().into());
        }
        if let Some(s) = &self.software_statement {
            m.insert("software_statement".into(), s.clone().into());
        }
        // A null in --metadata removes the member, whatever put it there
        // (response_types, say, for a server that wants none sent).
        for (k, v) in &self.extra {
            if v.is_null() {
                m.remove(k);
            }
        }
        Value::Object(m)
    }
}

/// POST the registration; the server's client information response.
pub fn register(
    http: &Http,
    endpoint: &str,
    body: &Value,
    initial_access_token: Option<&str>,
) -> Result<Value, HttpError> {
    let resp = http.send("POST", endpoint, initial_access_token, Body::Json(body))?;
    if resp.body.get("client_id").and_then(Value::as_str).is_none() {
        return Err(HttpError::BadResponse {
            url: endpoint.into(),
            status: resp.status,
            what: "a registration response without client_id".into(),
            snippet: String::new(),
            info: Default::default(),
        });
    }
    Ok(resp.body)
}

/// RFC 7592 read.
pub fn read(http: &Http, client_uri: &str, rat: &str) -> Result<Value, HttpError> {
    Ok(http.get_json(client_uri, Some(rat))?.body)
}

/// RFC 7592 update: the full client metadata (with `client_id`) replaces the old.
pub fn update(http: &Http, client_uri: &str, rat: &str, body: &Value) -> Result<Value, HttpError> {
    Ok(http
        .send("PUT", client_uri, Some(rat), Body::Json(body))?
        .body)
}

/// RFC 7592 delete.
pub fn delete(http: &Http, client_uri: &str, rat: &str) -> Result<(), HttpError> {
    http.send("DELETE", client_uri, Some(rat), Body::None)?;
    Ok(())
}

/// Refuse when the metadata lists token endpoint auth methods without
/// private_key_jwt; a warning when it lists none.
pub fn check_method(md: &Metadata, method: &str) -> Result<Option<String>, Error> {
    match md.list("token_endpoint_auth_methods_supported") {
        Some(l) if !l.iter().any(|m| m == method) => Err(Error::MethodRefused {
            issuer: md.issuer.clone(),
            method: method.to_string(),
            listed: l,
        }),
        None => Ok(Some(format!(
            "{} does not list token_endpoint_auth_methods_supported; RFC 8414 then means client_secret_basic only",
            md.issuer
        ))),
        _ => Ok(None),
    }
}

/// Refuse when the metadata lists signing algorithms without `alg`.
pub fn check_alg(md: &Metadata, alg: Alg) -> Result<(), Error> {
    if md.accepts_alg(alg) == Some(false) {
        let listed = md
            .list("token_endpoint_auth_signing_alg_values_supported")
            .unwrap_or_default();
        return Err(Error::AlgRefused {
            issuer: md.issuer.clone(),
            alg,
            listed,
        });
    }
    Ok(())
}

/// The keys after the first that cannot sign `alg`, the one algorithm a
/// client registers.
pub fn keys_that_cannot_sign<'a>(entries: &[&'a Entry], alg: Alg) -> Vec<&'a Entry> {
    entries
        .iter()
        .skip(1)
        .filter(|e| e.public().check_alg(alg).is_err())
        .copied()
        .collect()
}

/// Does the JWKS hosted at `uri` serve `kid` (yet)?
pub fn hosted_jwks_serves(http: &Http, uri: &str, kid: &str) -> Result<bool, HttpError> {
    let r = http.get_json(uri, None)?;
    Ok(r.body["keys"]
        .as_array()
        .map(|k| k.iter().any(|k| k["kid"] == kid))
        .unwrap_or(false))
}

/// A client to register and what to remember of it. Its `Debug` leaves out
/// the initial access token.
#[derive(Clone)]
pub struct NewClient {
    /// The issuer, for the profile and for checking the metadata.
    pub issuer: Option<String>,
    /// The registration endpoint.
    pub endpoint: String,
    /// What to register.
    pub request: Request,
    /// An initial access token (RFC 7591 section 3), sent as a bearer token; `None`: open registration.
    pub initial_access_token: Option<String>,
    /// The keystore (an absolute path) and the signing kid, for the profile.
    pub keystore: PathBuf,
    /// The kid the client signs with.
    pub kid: String,
    /// The assertion audience setting for the profile.
    pub aud: Option<String>,
}

impl std::fmt::Debug for NewClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewClient")
            .field("issuer", &self.issuer)
            .field("endpoint", &self.endpoint)
            .field(
                "initial_access_token",
                &self.initial_access_token.as_ref().map(|_| "(redacted)"),
            )
            .field("keystore", &self.keystore)
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

/// A registered client. Its `Debug` leaves out the server's response (it
/// holds the registration access token, and a client secret if any).
#[derive(Clone)]
pub struct Registered {
    /// The server's client information response (with secrets).
    pub response: Value,
    /// The client_id the server assigned.
    pub client_id: String,
    /// The algorithm the server registered.
    pub alg: String,
    /// What the server did differently from what was asked, and that
    /// still works (a token binding it did not register).
    pub warnings: Vec<String>,
    /// What the server registered that is not what was asked: another
    /// token_endpoint_auth_method (Spring Authorization Server registers a
    /// private_key_jwt request as client_secret_basic), algorithm or keys.
    /// The client exists; it cannot authenticate as asked.
    pub mismatches: Vec<String>,
    /// The profile to save.
    pub profile: Profile,
}

impl std::fmt::Debug for Registered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registered")
            .field("response", &"(redacted)")
            .field("client_id", &self.client_id)
            .field("alg", &self.alg)
            .field("warnings", &self.warnings)
            .field("mismatches", &self.mismatches)
            .field("profile", &self.profile)
            .finish()
    }
}

/// Register (RFC 7591) and describe the result; `md` is the issuer's metadata.
pub fn register_client(
    http: &Http,
    md: Option<&Metadata>,
    c: &NewClient,
) -> Result<Registered, HttpError> {
    let resp = register(
        http,
        &c.endpoint,
        &c.request.body(),
        c.initial_access_token.as_deref(),
    )?;
    Ok(registered(md, c, resp))
}

/// What a registration response means for the client.
pub fn registered(md: Option<&Metadata>, c: &NewClient, resp: Value) -> Registered {
    let client_id = resp["client_id"].as_str().unwrap_or_default().to_string();
    let mut endpoints = md.map(Metadata::endpoints).unwrap_or_default();
    endpoints.insert("registration_endpoint".into(), c.endpoint.clone());
    let alg = c.request.alg.as_str();
    let method = c.request.method();
    let registered_alg = resp
        .get("token_endpoint_auth_signing_alg")
        .and_then(Value::as_str)
        .unwrap_or(alg)
        .to_string();
    let mut warnings = Vec::new();
    let mut mismatches = Vec::new();
    if let Some(m) = resp
        .get("token_endpoint_auth_method")
        .and_then(Value::as_str)
    {
        if m != method {
            mismatches.push(format!("token_endpoint_auth_method {m}, not {method}"));
        }
    }
    if registered_alg != alg && method == "private_key_jwt" {
        mismatches.push(format!(
            "token_endpoint_auth_signing_alg {registered_alg}, not {alg}"
        ));
    }
    mismatches.extend(key_mismatch(&c.request, &c.kid, &resp));
    let bound = |k: &str| resp.get(k).and_then(Value::as_bool) == Some(true);
    if c.request.mtls_bound_tokens && !bound("tls_client_certificate_bound_access_tokens") {
        warnings.push("the server did not register tls_client_certificate_bound_access_tokens: its tokens may not be bound to the certificate".into());
    }
    if c.request.dpop_bound_tokens && !bound("dpop_bound_access_tokens") {
        warnings.push("the server did not register dpop_bound_access_tokens".into());
    }
    let profile = Profile {
        issuer: c.issuer.clone(),
        client_id: client_id.clone(),
        keystore: c.keystore.clone(),
        kid: Some(c.kid.clone()),
        alg: Some(registered_alg.clone()),
        aud: c.aud.clone(),
        endpoints,
        jwks_uri: c.request.jwks_uri.clone(),
        registration_client_uri: resp
            .get("registration_client_uri")
            .and_then(Value::as_str)
            .map(String::from),
        registration_access_token: resp
            .get("registration_access_token")
            .and_then(Value::as_str)
            .map(Into::into),
        scope: c.request.scope.clone(),
        auth: (method != "private_key_jwt").then(|| method.to_string()),
        // A private_key_jwt client with bound tokens presents its certificate.
        mtls: (method == "private_key_jwt" && c.request.mtls_bound_tokens).then_some(true),
        dpop: c.request.dpop_bound_tokens.then_some(true),
        registration_mismatch: (!mismatches.is_empty())
            .then(|| format!("the server registered {}", mismatches.join("; "))),
        ..Default::default()
    };
    Registered {
        response: resp,
        client_id,
        alg: registered_alg,
        warnings,
        mismatches,
        profile,
    }
}

/// The keys the answer registered, when they are not the ones asked for:
/// an inline JWKS without the signing `kid`, or another `jwks_uri`.
fn key_mismatch(req: &Request, kid: &str, resp: &Value) -> Option<String> {
    if let (Some(asked), Some(got)) = (&req.jwks_uri, resp.get("jwks_uri").and_then(Value::as_str))
    {
        return (asked != got).then(|| format!("jwks_uri {got}, not {asked}"));
    }
    req.jwks.as_ref()?;
    let keys = resp.get("jwks")?.get("keys").and_then(Value::as_array)?;
    let kids: Vec<&str> = keys
        .iter()
        .filter_map(|k| k.get("kid").and_then(Value::as_str))
        .collect();
    (!kids.contains(&kid)).then(|| {
        format!(
            "keys without the signing key {kid} (it has: {})",
            if kids.is_empty() {
                "none".to_string()
            } else {
                kids.join(", ")
            }
        )
    })
}

/// What to do about a registration that is not what was asked: RFC 7592
/// when the answer gave the client configuration endpoint and token.
#[cfg_attr(not(feature = "cli"), allow(dead_code))] // the CLI uses it
pub(crate) fn mismatch_hint(resp: &Value, profile: &str) -> String {
    let managed = resp.get("registration_client_uri").is_some()
        && resp.get("registration_access_token").is_some();
    if managed {
        format!(
            "the client exists: fix it with `pkjwt register --update -p {profile}` (RFC 7592 PUT of private_key_jwt and the keys), or delete it (RFC 7592: DELETE the profile's registration_client_uri with its registration_access_token as Bearer), then `pkjwt profile remove {profile}`"
        )
    } else {
        format!(
            "the client exists: change it to private_key_jwt and these keys in the server's console, then `pkjwt profile set {profile} --unset registration-mismatch`; or delete it there and `pkjwt profile remove {profile}` (a server that registers another method may not offer private_key_jwt by registration at all)"
        )
    }
}

/// An RFC 7592 update that registers new keys and algorithm.
#[derive(Clone, Debug)]
pub struct KeyUpdate {
    /// The full client metadata to PUT.
    pub body: Value,
    /// False when the client uses a jwks_uri: only the algorithm changes,
    /// and the new keys must be published there.
    pub keys_inline: bool,
    /// The registration access token the read answered with, when the server
    /// rotated it: the update must use it, and the caller must keep it.
    pub rotated_registration_access_token: Option<String>,
}

/// The update of a registration (`current`, as read) to the keys `jwks`
/// signing with `alg`. With a jwks_uri (the profile's or the
/// registration's), only the algorithm is updated.
pub fn key_update(current: &Value, jwks: Value, alg: Alg, profile_jwks_uri: bool) -> KeyUpdate {
    // RFC 7592 section 2.2: the full metadata, without the server-managed members.
    let mut body = current.as_object().cloned().unwrap_or_default();
    for k in [
        "registration_access_token",
        "registration_client_uri",
        "client_secret_expires_at",
        "client_id_issued_at",
    ] {
        body.remove(k);
    }
    let keys_inline = !profile_jwks_uri && body.get("jwks_uri").is_none();
    if keys_inline {
        body.insert("jwks".into(), jwks);
    }
    body.insert(
        "token_endpoint_auth_method".into(),
        "private_key_jwt".into(),
    );
    body.insert(
        "token_endpoint_auth_signing_alg".into(),
        alg.as_str().into(),
    );
    KeyUpdate {
        body: Value::Object(body),
        keys_inline,
        rotated_registration_access_token: None,
    }
}

/// The update that moves a client off its secret (RFC 7592 PUT): the whole
/// metadata read, private_key_jwt with `alg`, and the keys inline (`jwks`)
/// or hosted (`jwks_uri`); the secret is not sent back.
pub fn migration(current: &Value, jwks: Option<Value>, jwks_uri: Option<&str>, alg: Alg) -> Value {
    let plan = key_update(current, Value::Null, alg, true);
    let mut body = plan.body.as_object().cloned().unwrap_or_default();
    body.remove("client_secret");
    match (jwks, jwks_uri) {
        (_, Some(u)) => {
            body.remove("jwks");
            body.insert("jwks_uri".into(), u.into());
        }
        (Some(j), None) => {
            body.remove("jwks_uri");
            body.insert("jwks".into(), j);
        }
        (None, None) => {}
    }
    Value::Object(body)
}

/// RFC 7592 read, then the key update for it.
pub fn prepare_key_update(
    http: &Http,
    client_uri: &str,
    rat: &str,
    jwks: Value,
    alg: Alg,
    profile_jwks_uri: bool,
) -> Result<KeyUpdate, HttpError> {
    let current = read(http, client_uri, rat)?;
    let mut plan = key_update(&current, jwks, alg, profile_jwks_uri);
    plan.rotated_registration_access_token = current
        .get("registration_access_token")
        .and_then(Value::as_str)
        .filter(|new| *new != rat)
        .map(String::from);
    Ok(plan)
}

/// The profile after an update answered `resp`: the (possibly rotated)
/// registration access token and client URI, the new signing key and alg.
pub fn updated_profile(
    prof: &Profile,
    resp: &Value,
    kid: &str,
    alg: Alg,
    keystore: PathBuf,
) -> Profile {
    let mut prof = prof.clone();
    // Servers may rotate the registration access token on every update: keep the new one.
    if let Some(new) = resp
        .get("registration_access_token")
        .and_then(Value::as_str)
    {
        prof.registration_access_token = Some(new.into());
    }
    if let Some(u) = resp.get("registration_client_uri").and_then(Value::as_str) {
        prof.registration_client_uri = Some(u.to_string());
    }
    prof.kid = Some(kid.to_string());
    prof.alg = Some(alg.as_str().to_string());
    prof.keystore = keystore;
    // An update that registered private_key_jwt as asked clears the mark of
    // a registration that was not.
    if resp
        .get("token_endpoint_auth_method")
        .and_then(Value::as_str)
        .is_none_or(|m| m == "private_key_jwt")
    {
        prof.registration_mismatch = None;
    }
    prof
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_migration_writes_back_everything_but_the_server_managed_members_and_the_secret() {
        let current = serde_json::json!({
            "client_id": "c",
            "client_secret": "s3cret",
            "client_secret_expires_at": 0,
            "client_id_issued_at": 1,
            "registration_access_token": "rat",
            "registration_client_uri": "https://as/reg/c",
            "token_endpoint_auth_method": "client_secret_basic",
            "grant_types": ["client_credentials"],
            "scope": "api:read",
            "jwks_uri": "https://old/jwks",
        });
        let jwks = serde_json::json!({"keys": [{"kty": "EC"}]});
        let body = migration(&current, Some(jwks.clone()), None, Alg::ES256);
        assert_eq!(
            body,
            serde_json::json!({
                "client_id": "c",
                "token_endpoint_auth_method": "private_key_jwt",
                "grant_types": ["client_credentials"],
                "scope": "api:read",
                "token_endpoint_auth_signing_alg": "ES256",
                "jwks": jwks,
            })
        );
        let body = migration(&current, None, Some("https://new/jwks"), Alg::PS256);
        assert_eq!(body["jwks_uri"], "https://new/jwks");
        assert!(body.get("jwks").is_none());
        assert_eq!(body["token_endpoint_auth_signing_alg"], "PS256");
    }

    #[test]
    fn client_credentials_only_asks_for_no_response_types() {
        let r = Request {
            alg: "PS256".into(),
            jwks: Some(serde_json::json!({"keys": []})),
            grant_types: vec!["client_credentials".into()],
            ..Default::default()
        };
        let b = r.body();
        assert_eq!(b["token_endpoint_auth_method"], "private_key_jwt");
        assert_eq!(b["token_endpoint_auth_signing_alg"], "PS256");
        assert_eq!(b["response_types"], serde_json::json!([]));
        assert!(b.get("jwks_uri").is_none());
    }

    #[test]
    fn code_flow_keeps_code_and_options_win_over_metadata() {
        let mut extra = Map::new();
        extra.insert("client_name".into(), "from file".into());
        extra.insert("logo_uri".into(), "https://x/logo.png".into());
        let r = Request {
            alg: "ES256".into(),
            jwks_uri: Some("https://client.example/jwks".into()),
            grant_types: vec!["authorization_code".into(), "refresh_token".into()],
            redirect_uris: vec!["https://client.example/cb".into()],
            client_name: Some("from flag".into()),
            extra,
            ..Default::default()
        };
        let b = r.body();
        assert_eq!(b["response_types"], serde_json::json!(["code"]));
        assert_eq!(b["client_name"], "from flag");
        assert_eq!(b["logo_uri"], "https://x/logo.png");
        assert_eq!(b["jwks_uri"], "https://client.example/jwks");
    }

    fn md(members: Value) -> Metadata {
        Metadata {
            issuer: "https://as.example".into(),
            source: "https://as.example/.well-known/openid-configuration".into(),
            doc: members,
            date: None,
        }
    }

    #[test]
    fn metadata_that_rules_out_the_method_or_alg_refuses_before_sending() {
        let no_pkjwt = md(serde_json::json!({
            "token_endpoint_auth_methods_supported": ["client_secret_basic"],
        }));
        let e = check_method(&no_pkjwt, "private_key_jwt").unwrap_err();
        assert_eq!(
            e.to_string(),
            "https://as.example does not accept private_key_jwt (it lists: client_secret_basic)"
        );
        let silent = md(serde_json::json!({}));
        assert!(check_method(&silent, "private_key_jwt")
            .unwrap()
            .unwrap()
            .contains("client_secret_basic only"));
        assert!(check_alg(&silent, Alg::ES256).is_ok());
        let ps_only = md(serde_json::json!({
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            "token_endpoint_auth_signing_alg_values_supported": ["EdDSA", "PS256"],
        }));
        assert_eq!(check_method(&ps_only, "private_key_jwt").unwrap(), None);
        let e = check_alg(&ps_only, Alg::ES256).unwrap_err();
        assert!(e.to_string().contains("does not accept ES256"), "{e}");
        let Error::AlgRefused { listed, .. } = &e else {
            panic!("{e:?}")
        };
        assert_eq!(listed, &["EdDSA", "PS256"]);
        assert!(check_alg(&ps_only, Alg::PS256).is_ok());
    }

    #[test]
    fn a_registration_response_makes_the_profile_and_warnings() {
        let c = NewClient {
            issuer: Some("https://as.example".into()),
            endpoint: "https://as.example/reg".into(),
            request: Request {
                alg: "ES256".into(),
                ..Default::default()
            },
            initial_access_token: None,
            keystore: "/k/client.p12".into(),
            kid: "k1".into(),
            aud: None,
        };
        let meta = md(serde_json::json!({"token_endpoint": "https://as.example/token"}));
        let r = registered(
            Some(&meta),
            &c,
            serde_json::json!({
                "client_id": "abc",
                "token_endpoint_auth_method": "client_secret_basic",
                "token_endpoint_auth_signing_alg": "PS256",
                "registration_access_token": "rat",
                "registration_client_uri": "https://as.example/reg/abc",
            }),
        );
        assert_eq!(r.client_id, "abc");
        assert_eq!(r.alg, "PS256");
        assert_eq!(r.mismatches.len(), 2, "{:?}", r.mismatches);
        assert!(r.warnings.is_empty());
        assert_eq!(
            r.profile.registration_mismatch.as_deref(),
            Some("the server registered token_endpoint_auth_method client_secret_basic, not private_key_jwt; token_endpoint_auth_signing_alg PS256, not ES256")
        );
        assert!(mismatch_hint(&r.response, "p").contains("register --update -p p"));
        assert!(mismatch_hint(&serde_json::json!({}), "p").contains("console"));
        assert_eq!(r.profile.alg.as_deref(), Some("PS256"));
        assert_eq!(
            r.profile
                .registration_access_token
                .as_ref()
                .map(|t| t.expose()),
            Some("rat")
        );
        assert_eq!(
            r.profile.endpoints["token_endpoint"],
            "https://as.example/token"
        );
        assert_eq!(
            r.profile.endpoints["registration_endpoint"],
            "https://as.example/reg"
        );
    }

    #[test]
    fn a_null_in_the_metadata_removes_the_member() {
        let mut extra = Map::new();
        extra.insert("response_types".into(), Value::Null);
        extra.insert("client_uri".into(), Value::Null);
        extra.insert("logo_uri".into(), "https://x/logo.png".into());
        let r = Request {
            alg: "ES256".into(),
            grant_types: vec!["client_credentials".into()],
            extra,
            ..Default::default()
        };
        let b = r.body();
        assert!(b.get("response_types").is_none(), "{b}");
        assert!(b.get("client_uri").is_none(), "{b}");
        assert_eq!(b["logo_uri"], "https://x/logo.png");
        assert_eq!(b["token_endpoint_auth_method"], "private_key_jwt");
    }

    #[test]
    fn a_key_update_keeps_the_metadata_without_server_members() {
        let current = serde_json::json!({
            "client_id": "abc",
            "registration_access_token": "rat",
            "registration_client_uri": "https://as.example/reg/abc",
            "client_id_issued_at": 1,
            "client_name": "svc",
            "jwks": {"keys": []},
        });
        let new = serde_json::json!({"keys": [{"kid": "k2"}]});
        let u = key_update(&current, new.clone(), Alg::PS256, false);
        assert!(u.keys_inline);
        assert_eq!(u.body["jwks"], new);
        assert_eq!(u.body["client_name"], "svc");
        assert_eq!(u.body["token_endpoint_auth_signing_alg"], "PS256");
        assert!(u.body.get("registration_access_token").is_none());
        assert!(u.body.get("client_id_issued_at").is_none());
        // With a jwks_uri, only the algorithm changes.
        let u = key_update(&current, new, Alg::PS256, true);
        assert!(!u.keys_inline);
        assert_eq!(u.body["jwks"], serde_json::json!({"keys": []}));
        let prof = Profile::default();
        let p = updated_profile(
            &prof,
            &serde_json::json!({"registration_access_token": "rotated"}),
            "k2",
            Alg::PS256,
            "/k.p12".into(),
        );
        assert_eq!(
            p.registration_access_token.as_ref().map(|t| t.expose()),
            Some("rotated")
        );
        assert_eq!(p.kid.as_deref(), Some("k2"));
        assert_eq!(p.alg.as_deref(), Some("PS256"));
    }
}
