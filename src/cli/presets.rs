//! `pkjwt presets list|show`: the provider presets and their rules.

use clap::{Args, Subcommand};
use serde_json::json;

use super::Ui;
use crate::cli::error::CliError as Error;
use crate::presets::{self, Preset, PresetError};

/// The provider presets: what Entra ID, Okta, Auth0, Keycloak, PingOne, Google and Salesforce require
///
/// A preset holds a provider's rules for assertions (aud, headers,
/// algorithm, lifetime, client_id parameter), the endpoints made from a
/// tenant, domain or realm, and how the key is registered, each with a link
/// to the provider's document. Use one with `pkjwt profile add NAME --preset
/// P`; `doctor` and `inspect` then name the rule an assertion breaks.
#[derive(Subcommand, Debug)]
// Each subcommand's arguments are built only when it runs (start-up).
#[command(defer = true)]
#[command(after_help = "\
Examples:
  pkjwt presets list
  pkjwt presets show entra
  pkjwt --json presets show okta | jq '.rules[] | {id, source}'")]
pub enum PresetsCommand {
    List,
    Show(ShowArgs),
}

/// Show a preset: its endpoints, settings, key registration, rules and sources
#[derive(Args, Debug)]
pub struct ShowArgs {
    /// The preset (see `pkjwt presets list`)
    pub name: String,
}

pub(crate) fn preset_error(e: PresetError) -> Error {
    match e {
        PresetError::Unknown(_) => Error::input(
            e.to_string(),
            Some(format!("presets: {}", presets::names().join(", "))),
        ),
        PresetError::Missing { .. } => Error::input(
            e.to_string(),
            Some("`pkjwt presets show NAME` says what each option is for; --issuer gives the issuer outright".into()),
        ),
        PresetError::Bad(..) => Error::Lib(crate::Error::Internal(e.to_string())),
    }
}

/// The flags that place a preset, for people.
fn place_flags(p: &Preset) -> String {
    if p.places.is_empty() {
        return "(none)".into();
    }
    p.places
        .iter()
        .map(|k| {
            presets::PLACES
                .iter()
                .find(|(n, _)| n == k)
                .map(|(_, f)| f.to_string())
                .unwrap_or_else(|| k.clone())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn run(ui: &Ui, c: &PresetsCommand) -> Result<(), Error> {
    match c {
        PresetsCommand::List => {
            let all = presets::all().map_err(preset_error)?;
            if ui.json {
                let list: Vec<_> = all
                    .iter()
                    .map(|p| json!({"name": p.name, "title": p.title, "grant": p.grant, "places": p.places}))
                    .collect();
                return ui.out_json(&json!({ "presets": list }));
            }
            let mut s = String::new();
            for p in &all {
                s.push_str(&format!(
                    "{:<11} {:<48} {}\n",
                    p.name,
                    p.title,
                    place_flags(p)
                ));
            }
            ui.out(s)?;
            ui.note("use one with: pkjwt profile add NAME --preset PRESET ... (pkjwt presets show PRESET)");
            Ok(())
        }
        PresetsCommand::Show(a) => {
            let p = presets::get(&a.name).map_err(preset_error)?;
            if ui.json {
                let v =
                    serde_json::to_value(&p).map_err(|e| crate::Error::Internal(e.to_string()))?;
                return ui.out_json(&v);
            }
            ui.out(show(&p))
        }
    }
}

fn show(p: &Preset) -> String {
    let mut s = format!("{} ({})\n", p.title, p.name);
    s.push_str(&format!(
        "  grant:     {}\n",
        if p.grant == "jwt-bearer" {
            "JWT bearer grant (RFC 7523 section 2.1)"
        } else {
            "client_credentials with private_key_jwt"
        }
    ));
    s.push_str(&format!("  placed by: {}\n", place_flags(p)));
    if let Some(t) = &p.token_command {
        s.push_str(&format!("  token:     {t}\n"));
    }
    for (k, v) in &p.defaults {
        s.push_str(&format!("  default:   {k} = {v}\n"));
    }
    for (k, v) in &p.endpoints {
        s.push_str(&format!(
            "  {:<10} {v}\n",
            format!("{k}:").replace("_endpoint", "")
        ));
    }
    let st = &p.settings;
    let mut settings = Vec::new();
    for (k, v) in [
        ("aud", st.aud.clone()),
        ("alg", st.alg.clone()),
        ("typ", st.typ.clone()),
        ("x5t", st.x5t.clone()),
        ("nbf", st.nbf.map(|b| b.to_string())),
        ("lifetime", st.lifetime.map(|l| format!("{l} s"))),
        ("client_id param", st.client_id_param.map(|b| b.to_string())),
    ] {
        if let Some(v) = v {
            settings.push(format!("{k} {v}"));
        }
    }
    s.push_str(&format!("  settings:  {}\n", settings.join(", ")));
    s.push_str(&format!("\nRules ({}):\n", p.rules.len()));
    for r in &p.rules {
        s.push_str(&format!(
            "  {:<16} {}{}\n                   {}\n",
            r.id,
            r.text,
            if r.grant { " [JWT bearer grant]" } else { "" },
            r.source
        ));
    }
    s.push_str(&format!("\nKey registration: {}\n", p.register.how));
    for st in &p.register.steps {
        s.push_str(&format!("  - {st}\n"));
    }
    s.push_str(&format!("  {}\n", p.register.source));
    if !p.choices.is_empty() {
        s.push_str("\nChoices where the documents disagree or are silent:\n");
        for c in &p.choices {
            s.push_str(&format!("  {}: {}. {}\n", c.topic, c.chose, c.why));
            for src in &c.sources {
                s.push_str(&format!("    {src}\n"));
            }
        }
    }
    s
}

/// The options of `profile add` that choose and place a preset.
#[derive(Args, Debug, Default)]
pub struct PlaceArgs {
    /// Follow a provider preset: its endpoints, settings and rules (pkjwt presets list)
    #[arg(long, value_name = "PRESET")]
    pub preset: Option<String>,
    /// The Entra ID tenant: its id (GUID) or domain name [with --preset entra]
    #[arg(long, value_name = "TENANT", requires = "preset")]
    pub tenant: Option<String>,
    /// The provider's host: Okta, Auth0 or Keycloak domain, PingOne auth host, Salesforce My Domain [with --preset]
    #[arg(long, value_name = "HOST", requires = "preset")]
    pub domain: Option<String>,
    /// The Keycloak realm [with --preset keycloak]
    #[arg(long, value_name = "REALM", requires = "preset")]
    pub realm: Option<String>,
    /// The Okta custom authorization server id, such as `default` [with --preset okta]
    #[arg(long, value_name = "ID", requires = "preset")]
    pub auth_server: Option<String>,
    /// The PingOne environment id [with --preset pingone]
    #[arg(long, value_name = "ID", requires = "preset")]
    pub environment: Option<String>,
    /// The scope requested by default (with a JWT bearer grant preset: the assertion's scope claim)
    #[arg(long, value_name = "SCOPES")]
    pub scope: Option<String>,
}

/// What a preset sets in a new profile: endpoints and settings, placed by
/// `a`; `issuer` replaces the preset's issuer template. Flags the user gave
/// (`aud`, `alg`) win over the preset's.
pub(crate) fn apply(
    a: &PlaceArgs,
    issuer: Option<&str>,
    p: &mut crate::profile::Profile,
) -> Result<Option<Preset>, Error> {
    let Some(name) = &a.preset else {
        p.scope = a.scope.clone();
        return Ok(None);
    };
    let preset = presets::get(name).map_err(preset_error)?;
    let mut places = std::collections::BTreeMap::new();
    for (k, v) in [
        ("tenant", &a.tenant),
        ("domain", &a.domain),
        ("realm", &a.realm),
        ("auth_server", &a.auth_server),
        ("environment", &a.environment),
    ] {
        if let Some(v) = v {
            // A host may be pasted as https://host/.
            let v = if k == "domain" {
                v.trim_start_matches("https://").trim_end_matches('/')
            } else {
                v.as_str()
            };
            if v.is_empty()
                || v.contains(['/', '?', '#', '{', '}'])
                || v.contains(char::is_whitespace)
            {
                return Err(Error::input(
                    format!("--{} {v:?} is not a plain name", k.replace('_', "-")),
                    Some(if k == "domain" {
                        "give the host alone, e.g. --domain dev-123.okta.com".into()
                    } else {
                        "give the id or name alone, not a URL".into()
                    }),
                ));
            }
            places.insert(k.to_string(), v.to_string());
        }
    }
    let placed = preset.place(&places, issuer).map_err(preset_error)?;
    p.preset = Some(preset.name.clone());
    if p.issuer.is_none() {
        p.issuer = placed.issuer.clone();
    }
    for (k, u) in &placed.endpoints {
        p.endpoints.entry(k.clone()).or_insert_with(|| u.clone());
    }
    let mut vars = placed.vars.clone();
    vars.insert("client_id".into(), p.client_id.clone());
    if let Some(t) = p.endpoints.get("token_endpoint") {
        vars.insert("token_endpoint".into(), t.clone());
    }
    let s = &preset.settings;
    if p.aud.is_none() {
        if let Some(t) = &s.aud {
            p.aud = Some(presets::expand(t, &vars).ok_or_else(|| {
                Error::input(
                    format!(
                        "the {} preset's aud {t} cannot be made from the options given",
                        preset.name
                    ),
                    Some("give --aud, or the preset's options (pkjwt presets show)".into()),
                )
            })?);
        }
    }
    if p.alg.is_none() {
        p.alg = s.alg.clone();
    }
    p.typ = s.typ.clone();
    p.x5t = s.x5t.clone();
    p.nbf = s.nbf;
    p.lifetime = s.lifetime;
    p.client_id_param = s.client_id_param;
    p.scope = a.scope.clone();
    Ok(Some(preset))
}

/// The findings of a profile's preset on assertion `jwt`: `None` when the
/// profile follows no preset. With `grant` (an assertion that may be a JWT
/// bearer grant), a grant preset's grant-only rules are checked too.
pub(crate) fn profile_findings(
    p: &crate::profile::Profile,
    jwt: &str,
    now: i64,
    grant: bool,
) -> Result<Option<(Preset, Vec<crate::diagnose::Finding>)>, Error> {
    let Some(name) = &p.preset else {
        return Ok(None);
    };
    let preset = presets::get(name).map_err(preset_error)?;
    let Some((header, claims)) = crate::oauth::assertion::decode_unverified(jwt) else {
        return Ok(Some((preset, Vec::new())));
    };
    let vars = presets::profile_vars(p);
    let a = presets::Assertion {
        jwt,
        header: &header,
        claims: &claims,
        now,
    };
    let grant = grant && preset.grant == "jwt-bearer";
    let found = preset.check(&a, &vars, p.client_id_param, grant);
    Ok(Some((preset, found)))
}
