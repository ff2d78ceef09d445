//! An OAuth client authenticating with private_key_jwt (or mutual TLS):
//! choosing the assertion audience and sending authenticated requests, with
//! a fresh assertion (and `jti`) for every request and every retry, DPoP
//! proofs (RFC 9449) when asked, and JWT bearer grants (RFC 7523 section 2.1).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use crate::oauth::assertion::{self, Params, Signer, ASSERTION_TYPE};
use crate::oauth::http::{Body, Http, HttpError, Response};

/// The JWT bearer grant type (RFC 7523 section 2.1).
pub const JWT_BEARER: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/// The token exchange grant type (RFC 8693 section 2.1).
pub const TOKEN_EXCHANGE: &str = "urn:ietf:params:oauth:grant-type:token-exchange";

/// The token type a subject token has unless told (RFC 8693 section 3).
pub const ACCESS_TOKEN_TYPE: &str = "urn:ietf:params:oauth:token-type:access_token";

/// The form of a request authenticated with a client assertion made
/// elsewhere (RFC 7521 section 4.2; a CI provider's OIDC token for federated
/// client authentication): `params`, `client_id` when given, then the
/// assertion as it is.
pub fn given_assertion_form(
    params: &[(String, String)],
    client_id: Option<&str>,
    assertion: &str,
) -> Vec<(String, String)> {
    let mut form = params.to_vec();
    if let Some(id) = client_id {
        if !form.iter().any(|(k, _)| k == "client_id") {
            form.push(("client_id".into(), id.to_string()));
        }
    }
    form.push(("client_assertion_type".into(), ASSERTION_TYPE.into()));
    form.push(("client_assertion".into(), assertion.to_string()));
    form
}

/// A grant type from the command line: `token-exchange` is short for
/// [`TOKEN_EXCHANGE`], `jwt-bearer` for
/// [`JWT_BEARER`]; anything else is as given.
pub fn grant_type(s: &str) -> String {
    match s {
        "jwt-bearer" | "jwt_bearer" => JWT_BEARER.into(),
        "token-exchange" | "token_exchange" => TOKEN_EXCHANGE.into(),
        other => other.into(),
    }
}

/// How the client authenticates to the server.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ClientAuth {
    /// A client assertion (RFC 7523 section 2.2), and `client_id` unless
    /// the client says not to send it.
    #[default]
    PrivateKeyJwt,
    /// The TLS client certificate (RFC 8705: `tls_client_auth`,
    /// `self_signed_tls_client_auth`); `client_id` in the form.
    Tls,
    /// None at all (a JWT bearer grant that is its own authentication).
    None,
}

impl ClientAuth {
    /// The method name a registration and a profile use.
    pub fn parse(method: &str) -> Option<ClientAuth> {
        match method {
            "private_key_jwt" => Some(ClientAuth::PrivateKeyJwt),
            "tls_client_auth" | "self_signed_tls_client_auth" => Some(ClientAuth::Tls),
            "none" => Some(ClientAuth::None),
            _ => None,
        }
    }
}

/// What to put in `aud`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Aud {
    /// The issuer identifier, as a single string (draft-ietf-oauth-rfc7523bis; the default).
    Issuer,
    /// The token endpoint URL (OIDC Core section 9's SHOULD; some older servers demand it).
    TokenEndpoint,
    /// The URL of the endpoint the request goes to.
    Endpoint,
    /// A literal value.
    Url(String),
}

impl Aud {
    /// Parse `issuer`, `token-endpoint`, `endpoint` or a URL.
    pub fn parse(s: &str) -> Result<Aud, String> {
        match s {
            "issuer" => Ok(Aud::Issuer),
            "token-endpoint" | "token_endpoint" => Ok(Aud::TokenEndpoint),
            "endpoint" => Ok(Aud::Endpoint),
            other if other.contains(':') => Ok(Aud::Url(other.to_string())),
            other => Err(format!(
                "--aud {other:?}: use issuer, token-endpoint, endpoint or an absolute URL"
            )),
        }
    }

    /// The name used in profiles and `--aud`.
    pub fn as_setting(&self) -> String {
        match self {
            Aud::Issuer => "issuer".into(),
            Aud::TokenEndpoint => "token-endpoint".into(),
            Aud::Endpoint => "endpoint".into(),
            Aud::Url(u) => u.clone(),
        }
    }
}

/// Errors while preparing a request.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClientError {
    /// `aud` is the issuer ([`Aud::Issuer`]) and the client has none.
    #[error("the assertion audience is the issuer, and the issuer is not known")]
    NoIssuer,
    /// `aud` is the token endpoint ([`Aud::TokenEndpoint`]) and the client knows none.
    #[error("the assertion audience is the token endpoint, and the token endpoint is not known")]
    NoTokenEndpoint,
    /// The assertion could not be signed.
    #[error(transparent)]
    Assertion(#[from] assertion::AssertionError),
    /// The endpoint is plain http on a host that is not loopback while the
    /// issuer is https ([`crate::oauth::http::check_no_downgrade`]); nothing
    /// was minted or sent.
    #[error(transparent)]
    Downgrade(Box<HttpError>),
}

/// What is wrong with a successful (2xx) token response (RFC 6749 section
/// 5.1: `access_token` and `token_type` are required).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TokenProblem {
    /// The body is not a JSON object.
    #[error("it is not a JSON object")]
    NotAnObject,
    /// No `access_token`.
    #[error("it has no access_token")]
    NoAccessToken,
    /// `access_token` is not a string: the JSON type it is.
    #[error("its access_token is not a string but {0}")]
    AccessTokenNotAString(&'static str),
    /// `access_token` is empty.
    #[error("its access_token is empty")]
    EmptyAccessToken,
    /// No `token_type`.
    #[error("it has no token_type")]
    NoTokenType,
    /// `token_type` is not a string: the JSON type it is.
    #[error("its token_type is not a string but {0}")]
    TokenTypeNotAString(&'static str),
    /// `token_type` is empty.
    #[error("its token_type is empty")]
    EmptyTokenType,
    /// A DPoP request got a token of another type (the one given): the token is not bound to the key.
    #[error("its token_type is {0}, not DPoP: the server did not bind the token to the DPoP key (does it support DPoP?)")]
    NotDpop(String),
}

/// A token endpoint answered with success and an unusable token response.
#[derive(Debug, thiserror::Error)]
#[error("{url} answered {status} with an unusable token response: {problem}")]
pub struct TokenResponseError {
    /// The token endpoint.
    pub url: String,
    /// The HTTP status (2xx).
    pub status: u16,
    /// What is wrong with the response.
    pub problem: TokenProblem,
}

/// What kind of JSON value `v` is, for messages.
fn json_kind(v: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Check a successful token response: `access_token` a non-empty string,
/// `token_type` a non-empty string (RFC 6749 section 5.1).
pub fn check_token_response(
    url: &str,
    resp: &crate::oauth::http::Response,
) -> Result<(), TokenResponseError> {
    let problem = token_problem(&resp.body);
    match problem {
        None => Ok(()),
        Some(problem) => Err(TokenResponseError {
            url: url.to_string(),
            status: resp.status,
            problem,
        }),
    }
}

fn token_problem(body: &serde_json::Value) -> Option<TokenProblem> {
    use serde_json::Value;
    let Some(m) = body.as_object() else {
        return Some(TokenProblem::NotAnObject);
    };
    match m.get("access_token") {
        None => return Some(TokenProblem::NoAccessToken),
        Some(Value::String(s)) if s.trim().is_empty() => {
            return Some(TokenProblem::EmptyAccessToken)
        }
        Some(Value::String(_)) => {}
        Some(other) => return Some(TokenProblem::AccessTokenNotAString(json_kind(other))),
    }
    match m.get("token_type") {
        None => Some(TokenProblem::NoTokenType),
        Some(Value::String(s)) if s.trim().is_empty() => Some(TokenProblem::EmptyTokenType),
        Some(Value::String(_)) => None,
        Some(other) => Some(TokenProblem::TokenTypeNotAString(json_kind(other))),
    }
}

/// A configured client.
pub struct Client {
    /// The client_id: the assertion's `iss` and `sub`.
    pub client_id: String,
    /// The issuer identifier, when known (needed for `aud` = issuer and for discovery).
    pub issuer: Option<String>,
    /// The key that signs assertions.
    pub signer: Signer,
    /// What the assertion's `aud` is.
    pub aud: Aud,
    /// Known endpoints by metadata key (`token_endpoint`, ...).
    pub endpoints: BTreeMap<String, String>,
    /// The assertion's lifetime (`exp` - `iat`), in seconds.
    pub lifetime: u64,
    /// The JOSE `typ` header; `None`: none.
    pub typ: Option<String>,
    /// The certificate thumbprint header to add (`x5t#S256` or `x5t`); `None`: none.
    pub x5t: Option<assertion::X5t>,
    /// Whether the assertion carries `nbf` (equal to `iat`).
    pub nbf: bool,
    /// Claims added to the assertion (they replace pkjwt's of the same name).
    pub extra_claims: serde_json::Map<String, serde_json::Value>,
    /// Seconds added to the local clock when minting (to compensate a known offset).
    pub clock_offset: i64,
    /// Send `client_id` beside the assertion (RFC 7521 section 4.2 allows it; Entra ID requires it).
    pub send_client_id: bool,
    /// How the client authenticates.
    pub auth: ClientAuth,
    /// The DPoP proof key (RFC 9449), when requests carry proofs.
    pub dpop: Option<Arc<Signer>>,
}

/// A JWT bearer grant's own claims (RFC 7523 section 2.1).
#[derive(Clone, Debug, Default)]
pub struct Grant {
    /// `sub`: whom the grant is for.
    pub subject: String,
    /// `iss` when it is not the client_id.
    pub issuer: Option<String>,
    /// A `scope` claim (Google's service accounts want the scope there).
    pub scope: Option<String>,
}

impl Client {
    /// The `aud` value for a request to `endpoint_url`.
    pub fn aud_for(&self, endpoint_url: &str) -> Result<String, ClientError> {
        match &self.aud {
            Aud::Issuer => self.issuer.clone().ok_or(ClientError::NoIssuer),
            Aud::TokenEndpoint => self
                .endpoints
                .get("token_endpoint")
                .cloned()
                .ok_or(ClientError::NoTokenEndpoint),
            Aud::Endpoint => Ok(self.canonical(endpoint_url)),
            Aud::Url(u) => Ok(u.clone()),
        }
    }

    /// The endpoint's own URL for an RFC 8705 mTLS alias (section 5: the
    /// aliases are transport endpoints; assertions name the endpoint).
    pub fn canonical(&self, endpoint_url: &str) -> String {
        let prefix = crate::oauth::discovery::MTLS_PREFIX;
        self.endpoints
            .iter()
            .find(|(k, u)| k.starts_with(prefix) && u.as_str() == endpoint_url)
            .and_then(|(k, _)| self.endpoints.get(&k[prefix.len()..]))
            .cloned()
            .unwrap_or_else(|| endpoint_url.to_string())
    }

    /// The assertion parameters for a request to `endpoint_url`.
    pub fn params(&self, endpoint_url: &str) -> Result<Params, ClientError> {
        Ok(Params {
            client_id: self.client_id.clone(),
            aud: self.aud_for(endpoint_url)?,
            lifetime: self.lifetime,
            typ: self.typ.clone(),
            x5t: self.x5t,
            nbf: self.nbf,
            extra: self.extra_claims.clone(),
            ..Default::default()
        })
    }

    /// Mint one assertion for `endpoint_url`, now.
    pub fn mint(&self, endpoint_url: &str) -> Result<String, ClientError> {
        let p = self.params(endpoint_url)?;
        Ok(self.signer.mint(
            &p,
            assertion::now().saturating_add(self.clock_offset),
            &assertion::new_jti(),
        )?)
    }

    /// Mint a JWT bearer grant (RFC 7523 section 2.1) for `endpoint_url`:
    /// `iss` the client_id (or `g.issuer`), `sub` the subject, the client's
    /// `aud`, `exp`, `iat`, a fresh `jti`, and any extra claims. No `typ`
    /// but a plain `JWT` one: the client assertion's explicit type would
    /// mislabel a grant.
    pub fn mint_grant(&self, endpoint_url: &str, g: &Grant) -> Result<String, ClientError> {
        let p = self.grant_params(endpoint_url, g)?;
        Ok(self.signer.mint(
            &p,
            assertion::now().saturating_add(self.clock_offset),
            &assertion::new_jti(),
        )?)
    }

    /// The parameters of a JWT bearer grant for `endpoint_url`.
    pub fn grant_params(&self, endpoint_url: &str, g: &Grant) -> Result<Params, ClientError> {
        let mut p = self.params(endpoint_url)?;
        // A client assertion's typ (client-authentication+jwt) is wrong in a
        // grant; a plain JWT one stays (Google's service accounts send it).
        p.typ = p.typ.filter(|t| t.eq_ignore_ascii_case("JWT"));
        p.iss.clone_from(&g.issuer);
        p.sub = Some(g.subject.clone());
        if let Some(s) = &g.scope {
            p.extra.entry("scope").or_insert_with(|| s.clone().into());
        }
        Ok(p)
    }

    /// The form of one request: `params`, then the client authentication
    /// (a fresh assertion for private_key_jwt); the assertion is returned.
    fn authenticated_form(
        &self,
        endpoint_url: &str,
        params: &[(String, String)],
    ) -> Result<(Vec<(String, String)>, String), ClientError> {
        let mut form: Vec<(String, String)> = params.to_vec();
        let has_client_id = form.iter().any(|(k, _)| k == "client_id");
        match self.auth {
            ClientAuth::PrivateKeyJwt => {
                let assertion = self.mint(endpoint_url)?;
                if self.send_client_id && !has_client_id {
                    form.push(("client_id".into(), self.client_id.clone()));
                }
                form.push(("client_assertion_type".into(), ASSERTION_TYPE.into()));
                form.push(("client_assertion".into(), assertion.clone()));
                Ok((form, assertion))
            }
            // RFC 8705 section 2: the client_id parameter identifies the client.
            ClientAuth::Tls => {
                if !has_client_id {
                    form.push(("client_id".into(), self.client_id.clone()));
                }
                Ok((form, String::new()))
            }
            ClientAuth::None => Ok((form, String::new())),
        }
    }

    /// What is wrong with a token response's `token_type` that
    /// [`check_token_response`] cannot tell: a `DPoP` token for a request
    /// sent without a proof (this client has no DPoP key), so it is bound
    /// to no key pkjwt holds and a resource server asking for proofs will
    /// refuse it.
    #[cfg_attr(not(feature = "cli"), allow(dead_code))] // the CLI uses it
    pub(crate) fn dpop_mismatch(&self, resp: &Response) -> Option<String> {
        let t = resp.body.get("token_type")?.as_str()?;
        (self.dpop.is_none() && t.eq_ignore_ascii_case("DPoP")).then(|| {
            "the server answered token_type DPoP to a request sent without a DPoP proof: the token is bound to no key pkjwt holds, and a resource server that asks for proofs will refuse it (send proofs with --dpop, or check the client's DPoP settings on the server)".to_string()
        })
    }

    /// POST `params` to `endpoint_url` with client authentication (and a
    /// DPoP proof when the client has a proof key). Network failures, 429
    /// and 5xx are retried `retries` times, each time with a fresh assertion;
    /// a `use_dpop_nonce` error is answered once with the server's nonce, a
    /// new proof and a new assertion. The assertion actually sent last is
    /// returned beside the result, for diagnosis.
    pub fn post(
        &self,
        http: &Http,
        endpoint_url: &str,
        params: &[(String, String)],
        retries: u32,
    ) -> Result<(Result<Response, HttpError>, String), ClientError> {
        self.post_grant(http, endpoint_url, params, None, retries)
    }

    /// [`Client::post`] with a JWT bearer grant minted afresh (new `jti`)
    /// for every attempt, sent as `assertion` after `params`.
    pub fn post_grant(
        &self,
        http: &Http,
        endpoint_url: &str,
        params: &[(String, String)],
        grant: Option<&Grant>,
        retries: u32,
    ) -> Result<(Result<Response, HttpError>, String), ClientError> {
        // Once the issuer is https, so is every endpoint, whether it came
        // from the metadata (checked there), a profile or the command line.
        if let Some(issuer) = &self.issuer {
            crate::oauth::http::check_no_downgrade(
                issuer,
                endpoint_url,
                "the issuer; the endpoint comes from the profile or the command line",
            )
            .map_err(|e| ClientError::Downgrade(Box::new(e)))?;
        }
        let mut attempt = 0;
        let mut nonce: Option<String> = None;
        let mut nonce_answered = false;
        loop {
            let mut with_grant = params.to_vec();
            if let Some(g) = grant {
                with_grant.push(("assertion".into(), self.mint_grant(endpoint_url, g)?));
            }
            let (form, assertion) = self.authenticated_form(endpoint_url, &with_grant)?;
            let proof = match &self.dpop {
                Some(key) => Some(crate::oauth::dpop::proof(
                    key,
                    "POST",
                    endpoint_url,
                    None,
                    nonce.as_deref(),
                    assertion::now().saturating_add(self.clock_offset),
                    &assertion::new_jti(),
                )?),
                None => None,
            };
            let headers: Vec<(&str, &str)> =
                proof.as_deref().map(|p| ("DPoP", p)).into_iter().collect();
            let result = http.send_with("POST", endpoint_url, None, &headers, Body::Form(&form));
            if let Err(HttpError::OAuth {
                error,
                dpop_nonce: Some(n),
                ..
            }) = &result
            {
                if self.dpop.is_some() && error == crate::oauth::dpop::USE_NONCE && !nonce_answered
                {
                    nonce_answered = true;
                    nonce = Some(n.clone());
                    continue;
                }
            }
            let retryable = match &result {
                Err(HttpError::Network { .. }) => true,
                Err(HttpError::BadResponse { status, .. }) => *status >= 500 || *status == 429,
                Err(HttpError::OAuth { status, .. }) => *status >= 500 || *status == 429,
                _ => false,
            };
            if retryable && attempt < retries {
                attempt += 1;
                std::thread::sleep(Duration::from_millis(250 * u64::from(attempt)));
                continue;
            }
            return Ok((result, assertion));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_mtls_alias_is_named_by_its_endpoint_in_aud() {
        let mut ks_entry = crate::keystore::Entry::new(
            "k".into(),
            crate::keystore::keys::KeyPair::generate(crate::keystore::keys::Alg::ES256, 2048)
                .unwrap(),
            None,
            None,
        );
        ks_entry.stored_alg = None;
        let c = Client {
            client_id: "c".into(),
            issuer: Some("https://as".into()),
            signer: Signer::new(&ks_entry, crate::keystore::keys::Alg::ES256).unwrap(),
            aud: Aud::Endpoint,
            endpoints: [
                ("token_endpoint".to_string(), "https://as/token".to_string()),
                (
                    "mtls:token_endpoint".to_string(),
                    "https://mtls.as/token".to_string(),
                ),
            ]
            .into(),
            lifetime: 60,
            typ: None,
            x5t: None,
            nbf: false,
            extra_claims: Default::default(),
            clock_offset: 0,
            send_client_id: true,
            auth: ClientAuth::Tls,
            dpop: None,
        };
        assert_eq!(
            c.aud_for("https://mtls.as/token").unwrap(),
            "https://as/token"
        );
        assert_eq!(c.aud_for("https://other/x").unwrap(), "https://other/x");
    }

    #[test]
    fn token_responses_are_checked() {
        let ok = json!({"access_token": "a", "token_type": "Bearer"});
        assert_eq!(token_problem(&ok), None);
        for (body, problem) in [
            (json!([]), TokenProblem::NotAnObject),
            (json!(null), TokenProblem::NotAnObject),
            (json!({"token_type": "Bearer"}), TokenProblem::NoAccessToken),
            (
                json!({"access_token": 42, "token_type": "Bearer"}),
                TokenProblem::AccessTokenNotAString("a number"),
            ),
            (
                json!({"access_token": " ", "token_type": "Bearer"}),
                TokenProblem::EmptyAccessToken,
            ),
            (json!({"access_token": "a"}), TokenProblem::NoTokenType),
            (
                json!({"access_token": "a", "token_type": null}),
                TokenProblem::TokenTypeNotAString("null"),
            ),
            (
                json!({"access_token": "a", "token_type": ""}),
                TokenProblem::EmptyTokenType,
            ),
        ] {
            assert_eq!(token_problem(&body), Some(problem), "{body}");
        }
    }
}
