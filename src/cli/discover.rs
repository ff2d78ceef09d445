//! `pkjwt discover`: the server's metadata, as far as private_key_jwt goes.

use std::path::PathBuf;

use clap::Args;
use serde_json::{json, Value};

use super::client::HttpArgs;
use super::password::PasswordArgs;
use super::{store, Ui};
use crate::cli::error::CliError as Error;
use crate::oauth::discovery::{self, Metadata, ENDPOINTS};

/// Fetch an authorization server's metadata and show what matters for private_key_jwt
///
/// Tries OpenID Connect Discovery and RFC 8414 metadata, in both well-known
/// forms (appended, and inserted before the path for issuers with a path),
/// and checks that the document's issuer is exactly ISSUER. With --keystore,
/// also says whether the server would accept each key's algorithm.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pkjwt discover https://login.example.com
  pkjwt discover https://login.example.com/tenant1 --keystore client.p12
  pkjwt --json discover https://login.example.com | jq .endpoints.token_endpoint")]
pub struct DiscoverArgs {
    /// The issuer identifier (https URL; http only on loopback)
    #[arg(value_name = "ISSUER", env = "PKJWT_ISSUER")]
    pub issuer: String,
    /// Check the keys of this keystore against what the server accepts
    #[arg(short = 'k', long, value_name = "FILE")]
    pub keystore: Option<PathBuf>,
    #[command(flatten)]
    pub password: PasswordArgs,
    #[command(flatten)]
    pub http: HttpArgs,
}

/// What the metadata says about private_key_jwt, as JSON.
pub fn summary(md: &Metadata) -> Value {
    let mut endpoints = serde_json::Map::new();
    for k in ENDPOINTS {
        if let Some(u) = md.str(k) {
            endpoints.insert((*k).into(), u.into());
        }
    }
    json!({
        "issuer": md.issuer,
        "metadata_url": md.source,
        "endpoints": endpoints,
        "token_endpoint_auth_methods_supported": md.list("token_endpoint_auth_methods_supported"),
        "token_endpoint_auth_signing_alg_values_supported": md.list("token_endpoint_auth_signing_alg_values_supported"),
        "introspection_endpoint_auth_methods_supported": md.list("introspection_endpoint_auth_methods_supported"),
        "revocation_endpoint_auth_methods_supported": md.list("revocation_endpoint_auth_methods_supported"),
        "private_key_jwt": md.accepts_private_key_jwt(),
        "require_pushed_authorization_requests": md.doc.get("require_pushed_authorization_requests").and_then(Value::as_bool).unwrap_or(false),
        "grant_types_supported": md.list("grant_types_supported"),
        "scopes_supported": md.list("scopes_supported"),
        "jwt_bearer_grant": md.list("grant_types_supported").map(|l| l.iter().any(|g| g == crate::oauth::client::JWT_BEARER)),
        "mtls": {
            "tls_client_auth": lists(md, "token_endpoint_auth_methods_supported", "tls_client_auth"),
            "self_signed_tls_client_auth": lists(md, "token_endpoint_auth_methods_supported", "self_signed_tls_client_auth"),
            "certificate_bound_access_tokens": md.doc.get("tls_client_certificate_bound_access_tokens").and_then(Value::as_bool).unwrap_or(false),
            "endpoint_aliases": md.doc.get("mtls_endpoint_aliases").cloned().unwrap_or(Value::Null),
        },
        "dpop": {
            "supported": md.doc.get("dpop_signing_alg_values_supported").is_some(),
            "signing_alg_values_supported": md.list("dpop_signing_alg_values_supported"),
        },
    })
}

/// Whether the metadata's list `key` holds `value` (None: not listed).
fn lists(md: &Metadata, key: &str, value: &str) -> Option<bool> {
    md.list(key).map(|l| l.iter().any(|v| v == value))
}

pub fn run(ui: &Ui, a: &DiscoverArgs) -> Result<(), Error> {
    let http = a.http.client(ui)?;
    let md = discovery::discover(&http, &a.issuer)?;
    let mut out = summary(&md);
    let mut key_lines = Vec::new();
    if let Some(path) = &a.keystore {
        let (ks, _pw) = store::open(
            ui,
            &store::StoreArgs {
                keystore: path.clone(),
                password: a.password.clone(),
            },
        )?;
        let mut keys = Vec::new();
        for e in &ks.entries {
            let alg = e.alg();
            let accepted = md.accepts_private_key_jwt() && md.accepts_alg(alg) != Some(false);
            let why = if !md.accepts_private_key_jwt() {
                "the server does not list private_key_jwt".to_string()
            } else {
                match md.accepts_alg(alg) {
                    Some(true) => format!("{alg} is listed"),
                    Some(false) => {
                        format!("{alg} is not in token_endpoint_auth_signing_alg_values_supported")
                    }
                    None => {
                        format!("the server does not list algorithms; {alg} is likely accepted")
                    }
                }
            };
            key_lines.push(format!(
                "  {} ({alg}): {} - {why}",
                e.kid,
                if accepted { "accepted" } else { "NOT accepted" }
            ));
            keys.push(
                json!({"kid": e.kid, "alg": alg.as_str(), "accepted": accepted, "reason": why}),
            );
        }
        out["keys"] = Value::Array(keys);
    }
    if ui.json {
        return ui.out_json(&out);
    }
    let list = |k: &str| -> String {
        md.list(k)
            .map(|l| {
                if l.is_empty() {
                    "(none)".into()
                } else {
                    l.join(", ")
                }
            })
            .unwrap_or_else(|| "(not listed)".into())
    };
    let mut s = format!(
        "issuer:    {}\nmetadata:  {}\n\nendpoints:\n",
        md.issuer, md.source
    );
    for k in ENDPOINTS {
        if let Some(u) = md.str(k) {
            s.push_str(&format!("  {:<40} {u}\n", k));
        }
    }
    s.push_str(&format!(
        "\nclient authentication at the token endpoint:\n  methods:    {}\n  algorithms: {}\n  private_key_jwt: {}\n",
        list("token_endpoint_auth_methods_supported"),
        list("token_endpoint_auth_signing_alg_values_supported"),
        if md.accepts_private_key_jwt() { "supported" } else { "NOT listed" }
    ));
    if md
        .doc
        .get("require_pushed_authorization_requests")
        .and_then(Value::as_bool)
        == Some(true)
    {
        s.push_str("  note: the server requires pushed authorization requests (PAR)\n");
    }
    let yes_no = |b: Option<bool>| match b {
        Some(true) => "yes",
        Some(false) => "no",
        None => "not listed",
    };
    let m = "token_endpoint_auth_methods_supported";
    s.push_str(&format!(
        "\nproof of possession:\n  DPoP (RFC 9449):              {}\n  mutual TLS (RFC 8705):        tls_client_auth {}, self_signed_tls_client_auth {}\n  certificate-bound tokens:     {}\n  mTLS endpoint aliases:        {}\n  JWT bearer grant (RFC 7523):  {}\n",
        match md.list("dpop_signing_alg_values_supported") {
            Some(l) => format!("yes ({})", l.join(", ")),
            None => "not advertised".into(),
        },
        yes_no(lists(&md, m, "tls_client_auth")),
        yes_no(lists(&md, m, "self_signed_tls_client_auth")),
        if md.doc.get("tls_client_certificate_bound_access_tokens").and_then(Value::as_bool) == Some(true) { "yes" } else { "not advertised" },
        match md.doc.get("mtls_endpoint_aliases").and_then(Value::as_object) {
            Some(a) => format!("{} endpoint(s)", a.len()),
            None => "none".into(),
        },
        yes_no(lists(&md, "grant_types_supported", crate::oauth::client::JWT_BEARER)),
    ));
    if !key_lines.is_empty() {
        s.push_str("\nyour keys:\n");
        s.push_str(&key_lines.join("\n"));
        s.push('\n');
    }
    ui.out(s)
}
