//! The findings of `pkjwt inspect`: one assertion checked against the keys
//! and server evidence the caller gathered, as data ([`Inspection`]).

use serde_json::Value;

use super::checks::{check, Context, Decoded};
use super::evidence::{apply_metadata, evidence_findings, offset_from_date, Evidence};
use super::{Finding, Severity};
use crate::oauth::discovery::Metadata;

/// What inspect found.
#[derive(Clone, Debug)]
pub struct Inspection {
    /// The decoded header and claims (null when the JWT did not decode).
    pub header: Value,
    /// The decoded claims (null when the JWT did not decode).
    pub claims: Value,
    /// Sorted: errors, then warnings, then facts.
    pub findings: Vec<Finding>,
}

impl Inspection {
    /// How many findings are errors.
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|x| x.severity == Severity::Error)
            .count()
    }
}

/// The keys of a JWKS document, or of a single JWK.
pub fn jwks_keys(doc: &Value) -> Option<Vec<Value>> {
    doc.get("keys")
        .and_then(Value::as_array)
        .cloned()
        .or_else(|| doc.get("kty").map(|_| vec![doc.clone()]))
}

/// Use the server's metadata: algorithms, strictness, token endpoint, and
/// the clock offset from its `Date` header (read at `ctx.now`).
#[cfg_attr(not(feature = "cli"), allow(dead_code))] // the CLI uses it
pub(crate) fn metadata_into(ctx: &mut Context, md: &Metadata) {
    apply_metadata(ctx, md);
    ctx.clock_offset = offset_from_date(md.date.as_deref(), ctx.now);
}

/// Inspect a decoded assertion (or the findings of why it did not decode)
/// in `ctx`, after the `prior` findings (an unreachable server, say).
pub fn inspect(
    decoded: &Result<Decoded, Vec<Finding>>,
    ctx: &Context,
    ev: &Evidence,
    prior: Vec<Finding>,
) -> Inspection {
    let mut findings = prior;
    if ctx.jwks.is_none() {
        findings.push(Finding::new(
            "signature-unchecked",
            Severity::Info,
            "no keys given: the signature was not verified",
            "pass --jwks FILE|URL, --keystore FILE or --profile NAME",
        ));
    }
    let (header, claims) = match decoded {
        Ok(d) => {
            findings.extend(evidence_findings(ev, false, d));
            for fnd in check(d, ctx) {
                if !findings.iter().any(|x| x.code == fnd.code) {
                    findings.push(fnd);
                }
            }
            (d.header.clone(), d.claims.clone())
        }
        Err(fs) => {
            findings.extend(fs.clone());
            (Value::Null, Value::Null)
        }
    };
    findings.sort_by_key(|x| x.severity);
    Inspection {
        header,
        claims,
        findings,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::diagnose::decode;
    use crate::diagnose::evidence::metadata_unreachable;
    use crate::diagnose::test_support::*;
    use crate::keystore::keys::Alg;

    #[test]
    fn inspection_of_an_assertion_with_and_without_keys() {
        let e = entry(Alg::ES256, "k1", 30);
        let jwt = assertion(&e, TOKEN);
        let mut ctx = Context {
            now: NOW,
            issuer: Some(ISS.into()),
            client_id: Some("client".into()),
            ..Default::default()
        };
        let mut strict = metadata(json!({
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            "token_endpoint_auth_signing_alg_values_supported": ["ES256"],
        }));
        strict.date = Some(http_date(NOW));
        metadata_into(&mut ctx, &strict);
        assert_eq!(ctx.clock_offset, Some(0));
        let ev = Evidence::default();
        let prior = vec![metadata_unreachable("not really")];
        let x = inspect(&decode(&jwt), &ctx, &ev, prior);
        let codes: Vec<_> = x.findings.iter().map(|f| f.code).collect();
        assert_eq!(
            codes,
            [
                "aud-not-issuer",
                "metadata-unreachable",
                "signature-unchecked"
            ]
        );
        assert_eq!(x.errors(), 1);
        assert_eq!(x.claims["aud"], TOKEN);
        // The registered keys verify it.
        let mut ev = Evidence::default();
        ev.registration_read(json!({"jwks": {"keys": [jwk(&e)]}}), "rat");
        ev.server_keys_into(&mut ctx);
        let x = inspect(&decode(&jwt), &ctx, &ev, Vec::new());
        assert!(x.findings.iter().any(|f| f.code == "signature-ok"
            && f.message == "the signature verifies with the registered jwks"));
        // Not a JWT: null header and claims.
        let x = inspect(&decode("a.b"), &ctx, &ev, Vec::new());
        assert!(x.header.is_null());
        assert_eq!(x.findings[0].code, "malformed");
    }

    #[test]
    fn a_jwks_or_a_single_jwk() {
        let k = json!({"kty": "EC", "kid": "a"});
        assert_eq!(
            jwks_keys(&json!({"keys": [k.clone()]})),
            Some(vec![k.clone()])
        );
        assert_eq!(jwks_keys(&k), Some(vec![k]));
        assert_eq!(jwks_keys(&json!({"other": 1})), None);
    }
}
