//! Provider presets: what Microsoft Entra ID, Okta, Auth0, Keycloak, PingOne,
//! Google service accounts and Salesforce require of an assertion, as data.
//!
//! Each preset is one reviewed TOML file in `presets/` (embedded in the
//! binary): the endpoints derived from a tenant, domain or realm; the profile
//! settings that satisfy the provider (`aud`, `alg`, `typ`, thumbprint
//! header, `nbf`, lifetime, `client_id` parameter); how the key is
//! registered; the rules, each with a link to the provider's own document;
//! and the choices made where documents disagree. [`Preset::check`] names
//! the rule an assertion breaks. Nothing here does I/O.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::diagnose::{Finding, Severity};

/// The preset files, by name.
const FILES: &[(&str, &str)] = &[
    ("auth0", include_str!("../presets/auth0.toml")),
    ("entra", include_str!("../presets/entra.toml")),
    ("google", include_str!("../presets/google.toml")),
    ("keycloak", include_str!("../presets/keycloak.toml")),
    ("okta", include_str!("../presets/okta.toml")),
    ("okta-org", include_str!("../presets/okta-org.toml")),
    ("pingone", include_str!("../presets/pingone.toml")),
    ("salesforce", include_str!("../presets/salesforce.toml")),
];

/// The options that place a preset, as they are named in templates
/// (`{tenant}`) and on the command line (`--tenant`).
pub const PLACES: &[(&str, &str)] = &[
    ("tenant", "--tenant"),
    ("domain", "--domain"),
    ("realm", "--realm"),
    ("auth_server", "--auth-server"),
    ("environment", "--environment"),
];

/// One provider preset, as read from its file in `presets/`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    /// The name `--preset` takes (`entra`, `okta`, ...).
    pub name: String,
    /// The provider and the kind of client, for people.
    pub title: String,
    /// `client_credentials` (client authentication) or `jwt-bearer` (the
    /// JWT bearer grant, RFC 7523 section 2.1).
    pub grant: String,
    /// The options the preset needs (`tenant`, `domain`, ...), unless
    /// `--issuer` is given.
    #[serde(default)]
    pub places: Vec<String>,
    /// The token request, for a preset whose grant needs more than `pkjwt token -p NAME`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_command: Option<String>,
    /// The provider's documents the preset was reviewed against (URLs).
    #[serde(default)]
    pub docs: Vec<String>,
    /// Values of places that have a default (PingOne's domain).
    #[serde(default)]
    pub defaults: BTreeMap<String, String>,
    /// Where the provider's documents disagree or are silent: what the preset follows.
    #[serde(default)]
    pub choices: Vec<Choice>,
    /// `issuer` and endpoints by metadata key, as templates.
    #[serde(default)]
    pub endpoints: BTreeMap<String, String>,
    /// The profile settings that satisfy the provider.
    #[serde(default)]
    pub settings: Settings,
    /// How the key is registered with the provider.
    pub register: Register,
    /// What the provider requires of an assertion, checked by [`Preset::check`].
    #[serde(default)]
    pub rules: Vec<Rule>,
}

/// Where the provider's documents disagree or are silent: what the preset follows.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// What the choice is about (`aud`, `lifetime`, ...).
    pub topic: String,
    /// What the preset follows.
    pub chose: String,
    /// Why, and what to change for the other reading.
    pub why: String,
    /// The documents that disagree (URLs).
    #[serde(default)]
    pub sources: Vec<String>,
}

/// What `profile add --preset` saves in the profile.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The `aud` value, a template (`{token_endpoint}`, `{issuer}`); `None`: pkjwt's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aud: Option<String>,
    /// The signing algorithm (`ES256`, `PS256`, `RS256`); `None`: the key's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    /// The JOSE `typ` header (`JWT`); `None`: no `typ` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typ: Option<String>,
    /// The certificate thumbprint header: `s256` (`x5t#S256`) or `sha1` (`x5t`); `None`: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x5t: Option<String>,
    /// Whether the assertion carries `nbf`; `None`: pkjwt's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<bool>,
    /// The assertion's lifetime in seconds; `None`: pkjwt's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifetime: Option<u64>,
    /// Whether the token request sends `client_id` beside the assertion; `None`: pkjwt's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id_param: Option<bool>,
}

/// How the key is registered with the provider.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Register {
    /// What the provider takes (`certificate upload`, `JWKS URL`, ...).
    pub how: String,
    /// The steps, each a command or a place in the provider's console.
    pub steps: Vec<String>,
    /// The provider's document for registering a key (URL).
    pub source: String,
}

/// One rule: `target` (`header.NAME`, `claim.NAME`, `lifetime`,
/// `jwt.length`, `key.kty`, `form.client_id`) passes `check` (`equals`
/// `value`, `one-of` `values`, `present`, `absent`, `max`, `max-length`).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The rule's name, used as its finding code.
    pub id: String,
    /// What the rule looks at (`header.alg`, `claim.aud`, `lifetime`, ...).
    pub target: String,
    /// How it is checked (`equals`, `one-of`, `present`, `absent`, `max`, `max-length`).
    pub check: String,
    /// The value for `equals`, a template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The values for `one-of`, templates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// The bound for `max` and `max-length` (seconds or characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// A rule of the JWT bearer grant's assertion only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub grant: bool,
    /// The rule as the provider states it, for the finding.
    pub text: String,
    /// The provider's document that states it (URL).
    pub source: String,
}

/// A preset error: unknown name, or a place missing.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PresetError {
    /// No preset by that name.
    #[error("no preset named {0:?}")]
    Unknown(String),
    /// The preset needs a place (`--tenant`, `--domain`, ...) that was not given.
    #[error("the {preset} preset needs {missing}")]
    Missing {
        /// The preset's name.
        preset: String,
        /// What is missing, as the command line names it.
        missing: String,
    },
    /// A preset file that does not parse: its name and the parser's message (a bug in pkjwt).
    #[error("preset file {0}: {1}")]
    Bad(String, String),
}

/// Every preset, by name.
pub fn all() -> Result<Vec<Preset>, PresetError> {
    FILES.iter().map(|(n, _)| get(n)).collect()
}

/// The names of the presets.
pub fn names() -> Vec<&'static str> {
    FILES.iter().map(|(n, _)| *n).collect()
}

/// One preset by name.
pub fn get(name: &str) -> Result<Preset, PresetError> {
    let (_, text) = FILES
        .iter()
        .find(|(n, _)| *n == name)
        .ok_or_else(|| PresetError::Unknown(name.to_string()))?;
    let p: Preset =
        toml::from_str(text).map_err(|e| PresetError::Bad(name.to_string(), e.to_string()))?;
    Ok(p)
}

/// `{name}` in `template` replaced from `vars`; `None` when a name has no value.
pub fn expand(template: &str, vars: &BTreeMap<String, String>) -> Option<String> {
    let mut out = String::new();
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let j = after.find('}')?;
        let key = &after[..j];
        if !key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '_' || c == '#')
            || key.is_empty()
        {
            // Not a template name (a JSON example in a text): keep it.
            out.push('{');
            rest = after;
            continue;
        }
        out.push_str(vars.get(key)?);
        rest = &after[j + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// A preset placed: its issuer and endpoints made from the places.
#[derive(Clone, Debug, Default)]
pub struct Placed {
    /// The issuer, when the preset names one.
    pub issuer: Option<String>,
    /// Endpoints by metadata key (`token_endpoint`, ...).
    pub endpoints: BTreeMap<String, String>,
    /// Every template value known: the places, issuer and token_endpoint.
    pub vars: BTreeMap<String, String>,
}

impl Preset {
    /// The endpoints from `places` (`tenant` ... ) and `issuer` (which
    /// replaces the preset's own issuer template).
    pub fn place(
        &self,
        places: &BTreeMap<String, String>,
        issuer: Option<&str>,
    ) -> Result<Placed, PresetError> {
        let mut vars = self.defaults.clone();
        vars.extend(places.clone());
        let missing = |keys: Vec<&str>| PresetError::Missing {
            preset: self.name.clone(),
            missing: keys.join(" and "),
        };
        let issuer = match (issuer, self.endpoints.get("issuer")) {
            (Some(i), _) => Some(i.to_string()),
            (None, Some(t)) => {
                Some(expand(t, &vars).ok_or_else(|| missing(self.needed_flags(&vars, t)))?)
            }
            (None, None) => None,
        };
        if let Some(i) = &issuer {
            vars.insert("issuer".into(), i.clone());
        }
        let mut endpoints = BTreeMap::new();
        for (k, t) in &self.endpoints {
            if k == "issuer" {
                continue;
            }
            let u = expand(t, &vars).ok_or_else(|| missing(self.needed_flags(&vars, t)))?;
            endpoints.insert(k.clone(), u);
        }
        if let Some(t) = endpoints.get("token_endpoint") {
            vars.insert("token_endpoint".into(), t.clone());
        }
        Ok(Placed {
            issuer,
            endpoints,
            vars,
        })
    }

    /// The flags a template lacks, as `--tenant` (or `--issuer`).
    fn needed_flags(&self, vars: &BTreeMap<String, String>, template: &str) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = PLACES
            .iter()
            .filter(|(k, _)| template.contains(&format!("{{{k}}}")) && !vars.contains_key(*k))
            .map(|(_, f)| *f)
            .collect();
        if template.contains("{issuer}") && out.is_empty() {
            out.push("--issuer");
        }
        for p in &self.places {
            if let Some((_, f)) = PLACES.iter().find(|(k, _)| k == p) {
                if !vars.contains_key(p.as_str()) && !out.contains(f) {
                    out.push(f);
                }
            }
        }
        out
    }

    /// The rules assertion `a` breaks, as findings (code `preset-rule`,
    /// each naming the preset and the rule). `vars` holds what the profile
    /// knows: client_id, issuer, token_endpoint, kid, scope, subject; a rule
    /// whose value needs an unknown one is skipped, as are `grant` rules
    /// when `grant` is false. `client_id_param` is the profile's setting
    /// (whether client_id is sent beside the assertion).
    pub fn check(
        &self,
        a: &Assertion,
        vars: &BTreeMap<String, String>,
        client_id_param: Option<bool>,
        grant: bool,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        for r in &self.rules {
            if r.grant && !grant {
                continue;
            }
            let Some(broken) = broken(r, a, vars, client_id_param) else {
                continue;
            };
            out.push(Finding::new(
                "preset-rule",
                Severity::Error,
                format!(
                    "{} rule {:?} broken: {broken} ({})",
                    self.title, r.id, r.text
                ),
                format!(
                    "{}; the rule: {}",
                    fix_for(r, vars)
                        .unwrap_or_else(|| "change the profile (pkjwt profile set)".into()),
                    r.source
                ),
            ));
        }
        out
    }
}

/// A decoded assertion to check: the JWT, its header and claims, and the
/// time (for the lifetime of an assertion without iat).
pub struct Assertion<'a> {
    /// The assertion as sent (compact JWS).
    pub jwt: &'a str,
    /// Its decoded header.
    pub header: &'a Value,
    /// Its decoded claims.
    pub claims: &'a Value,
    /// Now, in Unix seconds.
    pub now: i64,
}

/// What is wrong under rule `r`, or `None` when it holds or cannot be checked.
fn broken(
    r: &Rule,
    a: &Assertion,
    vars: &BTreeMap<String, String>,
    client_id_param: Option<bool>,
) -> Option<String> {
    let (jwt, header, claims, now) = (a.jwt, a.header, a.claims, a.now);
    {
        let (what, actual): (String, Option<Value>) = match r.target.split_once('.') {
            Some(("header", n)) => (format!("header {n}"), header.get(n).cloned()),
            Some(("claim", n)) => (format!("claim {n}"), claims.get(n).cloned()),
            Some(("key", "kty")) => (
                "the key type".into(),
                header
                    .get("alg")
                    .and_then(Value::as_str)
                    // By prefix, never by byte index: alg comes from the JWT.
                    .map(|a| {
                        if a.starts_with("RS") || a.starts_with("PS") {
                            Value::from("RSA")
                        } else if a.starts_with("ES") {
                            Value::from("EC")
                        } else {
                            Value::from(a)
                        }
                    }),
            ),
            Some(("jwt", "length")) => ("the JWT".into(), Some(Value::from(jwt.len()))),
            Some(("form", "client_id")) => {
                let sent = client_id_param.unwrap_or(true);
                return match (r.check.as_str(), sent) {
                    ("present", false) => Some("client_id is not sent beside the assertion".into()),
                    ("absent", true) => Some("client_id is sent beside the assertion".into()),
                    _ => None,
                };
            }
            _ if r.target == "lifetime" => {
                let exp = claims.get("exp").and_then(Value::as_i64)?;
                let from = claims.get("iat").and_then(Value::as_i64).unwrap_or(now);
                (
                    "the lifetime (exp - iat)".into(),
                    Some(Value::from(exp - from)),
                )
            }
            _ => return None,
        };
        let shown = |v: &Value| match v {
            Value::String(s) => format!("{s:?}"),
            other => other.to_string(),
        };
        match r.check.as_str() {
            "present" => actual.is_none().then(|| format!("{what} is missing")),
            "absent" => actual.map(|v| format!("{what} is {}, and must be absent", shown(&v))),
            "equals" => {
                let want = expand(r.value.as_deref()?, vars)?;
                match actual {
                    Some(Value::String(s)) if s == want => None,
                    Some(v) => Some(format!("{what} is {}, not {want:?}", shown(&v))),
                    None => Some(format!("{what} is missing (expected {want:?})")),
                }
            }
            "one-of" => {
                let want: Vec<String> = r.values.iter().filter_map(|v| expand(v, vars)).collect();
                match actual {
                    Some(Value::String(s)) if want.contains(&s) => None,
                    Some(v) => Some(format!(
                        "{what} is {}, not one of {}",
                        shown(&v),
                        want.join(", ")
                    )),
                    None => Some(format!(
                        "{what} is missing (expected one of {})",
                        want.join(", ")
                    )),
                }
            }
            "max" => {
                let n = actual.as_ref().and_then(Value::as_i64)?;
                let max = r.max?;
                (n > max).then(|| format!("{what} is {n}, over {max}"))
            }
            "max-length" => {
                let n = actual.as_ref().and_then(Value::as_str)?.chars().count() as i64;
                let max = r.max?;
                (n > max).then(|| format!("{what} is {n} characters, over {max}"))
            }
            _ => None,
        }
    }
}

/// The pkjwt setting that satisfies rule `r`.
fn fix_for(r: &Rule, vars: &BTreeMap<String, String>) -> Option<String> {
    let first = r
        .value
        .as_deref()
        .or(r.values.first().map(String::as_str))
        .and_then(|v| expand(v, vars));
    Some(match (r.target.as_str(), r.check.as_str()) {
        ("header.alg", _) => format!("pkjwt profile set NAME --alg {}", first?),
        ("header.typ", _) => format!("pkjwt profile set NAME --typ {}", first?),
        ("header.x5t#S256", _) => "sign with a key that has a certificate, with --x5t s256".into(),
        ("header.x5t", _) => "sign with a key that has a certificate, with --x5t sha1".into(),
        ("header.kid", _) => {
            "sign with the registered key: pkjwt profile set NAME --kid KID".into()
        }
        ("claim.aud", _) => format!("pkjwt profile set NAME --aud {}", first?),
        ("claim.nbf", _) => "send nbf: pkjwt token --nbf".into(),
        ("lifetime", _) => format!("pkjwt profile set NAME --lifetime {}", r.max?),
        ("key.kty", _) => format!(
            "use a {} key: pkjwt keygen --alg {}",
            first.as_deref().unwrap_or("RSA"),
            if first.as_deref() == Some("EC") {
                "ES256"
            } else {
                "RS256"
            }
        ),
        ("form.client_id", "present") => "pkjwt profile set NAME --client-id-param".into(),
        ("form.client_id", _) => "pkjwt profile set NAME --no-client-id".into(),
        ("claim.iss" | "claim.sub", _) => {
            "the client_id must be the one the provider gave (pkjwt profile add --client-id)".into()
        }
        _ => return None,
    })
}

/// The template values a profile gives: client_id, issuer, the token
/// endpoint, kid and scope (and its other endpoints by key).
pub fn profile_vars(p: &crate::profile::Profile) -> BTreeMap<String, String> {
    let mut v = BTreeMap::new();
    v.insert("client_id".into(), p.client_id.clone());
    if let Some(i) = &p.issuer {
        v.insert("issuer".into(), i.clone());
    }
    for (k, u) in &p.endpoints {
        v.insert(k.clone(), u.clone());
    }
    if let Some(k) = &p.kid {
        v.insert("kid".into(), k.clone());
    }
    if let Some(s) = &p.scope {
        v.insert("scope".into(), s.clone());
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_type_rule_reads_any_alg_without_panicking() {
        // alg comes from a pasted JWT: a multibyte first character must not
        // be cut by byte index.
        let header = serde_json::json!({"alg": "\u{e9}\u{e9}"});
        let claims = serde_json::json!({});
        let a = Assertion {
            jwt: "a.b.c",
            header: &header,
            claims: &claims,
            now: 0,
        };
        let mut seen = 0;
        for p in all().unwrap() {
            for r in p.rules.iter().filter(|r| r.target == "key.kty") {
                let _ = broken(r, &a, &Default::default(), None);
                seen += 1;
            }
        }
        assert!(seen > 0);
    }

    #[test]
    fn every_preset_parses_and_names_itself() {
        for p in all().unwrap() {
            assert!(names().contains(&p.name.as_str()), "{}", p.name);
            assert!(!p.rules.is_empty(), "{}", p.name);
            for r in &p.rules {
                assert!(r.source.starts_with("https://"), "{} {}", p.name, r.id);
                assert!(
                    ["equals", "one-of", "present", "absent", "max", "max-length"]
                        .contains(&r.check.as_str()),
                    "{} {}",
                    p.name,
                    r.id
                );
                // A target the checker does not know would turn the rule off.
                let known = r.target.starts_with("header.")
                    || r.target.starts_with("claim.")
                    || ["key.kty", "jwt.length", "form.client_id", "lifetime"]
                        .contains(&r.target.as_str());
                assert!(known, "{} {}: target {}", p.name, r.id, r.target);
            }
            for pl in &p.places {
                assert!(PLACES.iter().any(|(k, _)| k == pl), "{} {pl}", p.name);
            }
        }
    }

    #[test]
    fn entra_is_placed_from_the_tenant() {
        let p = get("entra").unwrap();
        let err = p.place(&BTreeMap::new(), None).unwrap_err();
        assert!(err.to_string().contains("--tenant"), "{err}");
        let places =
            BTreeMap::from([("tenant".to_string(), "contoso.onmicrosoft.com".to_string())]);
        let placed = p.place(&places, None).unwrap();
        assert_eq!(
            placed.endpoints["token_endpoint"],
            "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"
        );
        assert_eq!(
            placed.issuer.as_deref(),
            Some("https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0")
        );
    }

    #[test]
    fn a_broken_rule_is_named() {
        let p = get("entra").unwrap();
        let vars = BTreeMap::from([
            ("client_id".to_string(), "app".to_string()),
            ("token_endpoint".to_string(), "https://t/token".to_string()),
        ]);
        let header = serde_json::json!({"alg": "RS256", "typ": "JWT", "x5t#S256": "x"});
        let claims = serde_json::json!({"iss": "app", "sub": "app", "aud": "https://t/token",
            "jti": "j", "iat": 100, "nbf": 100, "exp": 160});
        let a = Assertion {
            jwt: "a.b.c",
            header: &header,
            claims: &claims,
            now: 100,
        };
        let f = p.check(&a, &vars, Some(true), false);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            f[0].message.contains("rule \"alg\" broken"),
            "{}",
            f[0].message
        );
        assert!(f[0].hint.contains("--alg PS256"), "{}", f[0].hint);
    }

    #[test]
    fn templates_keep_what_is_not_a_name() {
        let vars = BTreeMap::from([("a".to_string(), "1".to_string())]);
        assert_eq!(expand("x{a}y", &vars).as_deref(), Some("x1y"));
        assert_eq!(expand("{\"alg\":1}", &vars).as_deref(), Some("{\"alg\":1}"));
        assert_eq!(expand("{b}", &vars), None);
    }
}
