//! Dynamic Client Registration (RFC 7591) and its management protocol
//! (RFC 7592): register a private_key_jwt client, read, update and delete
//! its registration.

use serde_json::{Map, Value};

use crate::oauth::http::{Body, Http, HttpError};

/// The registration request, built from pkjwt's options.
#[derive(Clone, Debug, Default)]
pub struct Request {
    pub alg: String,
    /// Inline JWKS (exclusive with `jwks_uri`).
    pub jwks: Option<Value>,
    pub jwks_uri: Option<String>,
    pub grant_types: Vec<String>,
    pub scope: Option<String>,
    pub redirect_uris: Vec<String>,
    pub client_name: Option<String>,
    pub contacts: Vec<String>,
    pub software_statement: Option<String>,
    /// Any other RFC 7591 members (`--metadata FILE`); the options above win.
    pub extra: Map<String, Value>,
}

impl Request {
    /// The JSON body: `extra` first, then pkjwt's members over it.
    pub fn body(&self) -> Value {
        let mut m = self.extra.clone();
        m.insert(
            "token_endpoint_auth_method".into(),
            "private_key_jwt".into(),
        );
        m.insert(
            "token_endpoint_auth_signing_alg".into(),
            self.alg.clone().into(),
        );
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
