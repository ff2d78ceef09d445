//! Each provider preset: a profile made with `profile add --preset`, an
//! assertion minted from it, and every rule the preset file states checked
//! by a checker written here, from the TOML file itself: it shares no code
//! with pkjwt's minting or with its own preset checks (src/presets.rs).

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::common::*;

const CLIENT: &str = "0oa-preset-client";

/// The preset file, read from disk (not the copy in the binary).
fn preset_file(name: &str) -> toml::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("presets/{name}.toml"));
    toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// `{name}` replaced from `vars`; panics on a name without a value.
fn fill(t: &str, vars: &BTreeMap<&str, String>) -> String {
    let mut s = t.to_string();
    for (k, v) in vars {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    assert!(
        !s.contains('{'),
        "template {t:?} has a name the test does not know"
    );
    s
}

fn s(v: &toml::Value, k: &str) -> Option<String> {
    v.get(k).and_then(|x| x.as_str()).map(String::from)
}

/// Check every rule of preset `name` on an assertion; return the ids of
/// the rules not checked (grant-only rules on an assertion that is no grant).
fn check_rules(
    name: &str,
    jwt: &str,
    header: &Value,
    claims: &Value,
    vars: &BTreeMap<&str, String>,
    client_id_param: bool,
) -> Vec<String> {
    let file = preset_file(name);
    let rules = file["rules"].as_array().unwrap();
    assert!(!rules.is_empty());
    let mut pending = Vec::new();
    for r in rules {
        let id = s(r, "id").unwrap();
        let target = s(r, "target").unwrap();
        let check = s(r, "check").unwrap();
        assert!(
            s(r, "source").unwrap().starts_with("https://"),
            "{name}/{id}: no source link"
        );
        if r.get("grant").and_then(|g| g.as_bool()) == Some(true) {
            assert_eq!(
                s(&file, "grant").as_deref(),
                Some("jwt-bearer"),
                "{name}/{id}"
            );
            if !vars.contains_key("subject") {
                pending.push(id);
                continue;
            }
        }
        let ctx = format!("{name} rule {id} ({target} {check}): header {header} claims {claims}");
        // The value the rule is about.
        let actual: Option<Value> = if let Some(n) = target.strip_prefix("header.") {
            header.get(n).cloned()
        } else if let Some(n) = target.strip_prefix("claim.") {
            claims.get(n).cloned()
        } else if target == "lifetime" {
            Some(Value::from(
                claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
            ))
        } else if target == "jwt.length" {
            Some(Value::from(jwt.len()))
        } else if target == "key.kty" {
            let alg = header["alg"].as_str().unwrap();
            Some(Value::from(if alg.starts_with("ES") {
                "EC"
            } else {
                "RSA"
            }))
        } else if target == "form.client_id" {
            client_id_param.then(|| Value::from(CLIENT))
        } else {
            panic!("{ctx}: a target this checker does not know")
        };
        match check.as_str() {
            "present" => assert!(actual.is_some(), "{ctx}: missing"),
            "absent" => assert!(actual.is_none(), "{ctx}: present"),
            "equals" => {
                let want = fill(&s(r, "value").unwrap(), vars);
                assert_eq!(
                    actual.as_ref().and_then(Value::as_str),
                    Some(want.as_str()),
                    "{ctx}"
                );
            }
            "one-of" => {
                let want: Vec<String> = r["values"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| fill(v.as_str().unwrap(), vars))
                    .collect();
                let a = actual.as_ref().and_then(Value::as_str).unwrap_or_default();
                assert!(want.iter().any(|w| w == a), "{ctx}: {a:?} not in {want:?}");
            }
            "max" => {
                let max = r["max"].as_integer().unwrap();
                let n = actual.as_ref().and_then(Value::as_i64).unwrap();
                assert!(n <= max, "{ctx}: {n} > {max}");
            }
            "max-length" => {
                let max = r["max"].as_integer().unwrap() as usize;
                let n = actual
                    .as_ref()
                    .and_then(Value::as_str)
                    .unwrap()
                    .chars()
                    .count();
                assert!(n <= max, "{ctx}: {n} > {max}");
            }
            other => panic!("{ctx}: a check this checker does not know: {other}"),
        }
    }
    pending
}

/// One preset end to end: keygen, profile add, mint, check every rule.
/// `places` are the flags that place it; `endpoint_vars` the values the
/// preset's templates are filled with (the test's own expectation).
fn preset_case(
    preset: &str,
    alg: &str,
    places: &[(&str, &str)],
    extra: &[&str],
    mut vars: BTreeMap<&'static str, String>,
) {
    let d = tmp();
    let p = d.path();
    let kid = keygen(p, "k.p12", &["--alg", alg])["kid"]
        .as_str()
        .unwrap()
        .to_string();
    let mut c = pkjwt(p);
    c.args([
        "--json",
        "profile",
        "add",
        "x",
        "--preset",
        preset,
        "--client-id",
        CLIENT,
        "-k",
        "k.p12",
    ]);
    for (f, v) in places {
        c.args([*f, *v]);
    }
    c.args(extra);
    let added = json(&mut c);
    assert_eq!(added["preset"], preset);
    let prof = json(pkjwt(p).args(["--json", "profile", "show", "x"]));
    assert_eq!(prof["preset"], preset);

    // The preset's endpoints, filled by the test from the file's templates.
    let file = preset_file(preset);
    if let Some(d) = file.get("defaults").and_then(|d| d.as_table()) {
        for (k, v) in d {
            let k: &'static str = Box::leak(k.clone().into_boxed_str());
            vars.entry(k)
                .or_insert_with(|| v.as_str().unwrap().to_string());
        }
    }
    if let Some(e) = file.get("endpoints").and_then(|e| e.as_table()) {
        if let Some(i) = e.get("issuer") {
            let issuer = fill(i.as_str().unwrap(), &vars);
            assert_eq!(prof["issuer"], issuer.as_str(), "{preset}");
            vars.insert("issuer", issuer);
        }
        if let Some(t) = e.get("token_endpoint") {
            let te = fill(t.as_str().unwrap(), &vars);
            assert_eq!(prof["endpoints"]["token_endpoint"], te.as_str(), "{preset}");
            vars.insert("token_endpoint", te);
        }
    }
    vars.insert("client_id", CLIENT.to_string());
    vars.insert("kid", kid);

    // A JWT bearer grant preset mints the grant, for the subject in vars.
    // The scope goes into the grant as `token --scope-in-grant` sends it.
    let grant: Vec<String> = match (vars.get("subject"), vars.get("scope")) {
        (Some(sub), Some(scope)) => ["--grant", "--subject", sub, "--scope", scope]
            .map(String::from)
            .to_vec(),
        (Some(sub), None) => ["--grant", "--subject", sub].map(String::from).to_vec(),
        (None, _) => Vec::new(),
    };
    assert_eq!(
        grant.is_empty(),
        s(&file, "grant").as_deref() != Some("jwt-bearer"),
        "{preset}: give a subject exactly for a JWT bearer grant preset"
    );
    let minted = json(
        pkjwt(p)
            .args(["--json", "assertion", "-p", "x", "--decode"])
            .args(&grant),
    );
    let jwt = stdout(pkjwt(p).args(["assertion", "-p", "x"]).args(&grant));
    let client_id_param = prof["client_id_param"].as_bool().unwrap_or(true);
    let pending = check_rules(
        preset,
        jwt.trim(),
        &minted["header"],
        &minted["claims"],
        &vars,
        client_id_param,
    );
    // pkjwt's own check of the same preset agrees: inspect names no broken rule.
    let out = pkjwt(p)
        .args(["--json", "inspect", "-", "-p", "x", "--offline"])
        .write_stdin(jwt.trim().to_string())
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    // No error at all: the generic checks agree with the preset.
    assert_eq!(out.status.code(), Some(0), "{preset}: {v}");
    let broken: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "preset-rule")
        .collect();
    assert!(
        pending.is_empty(),
        "{preset}: rules not checked: {pending:?}"
    );
    assert!(broken.is_empty(), "{preset}: {broken:?}");
}

fn vars(v: &[(&'static str, &str)]) -> BTreeMap<&'static str, String> {
    v.iter().map(|(k, x)| (*k, x.to_string())).collect()
}

#[test]
fn preset_entra() {
    let t = "contoso.onmicrosoft.com";
    preset_case(
        "entra",
        "PS256",
        &[("--tenant", t)],
        &[],
        vars(&[("tenant", t)]),
    );
}

#[test]
fn preset_okta_custom_and_org() {
    let d = "dev-1.okta.com";
    preset_case(
        "okta",
        "ES256",
        &[("--domain", d), ("--auth-server", "default")],
        &[],
        vars(&[("domain", d), ("auth_server", "default")]),
    );
    preset_case(
        "okta-org",
        "RS256",
        &[("--domain", d)],
        &[],
        vars(&[("domain", d)]),
    );
}

#[test]
fn preset_auth0() {
    let d = "example.eu.auth0.com";
    preset_case(
        "auth0",
        "RS256",
        &[("--domain", d)],
        &[],
        vars(&[("domain", d)]),
    );
}

#[test]
fn preset_keycloak_and_pingone() {
    preset_case(
        "keycloak",
        "ES256",
        &[("--domain", "sso.example.com"), ("--realm", "prod")],
        &[],
        vars(&[("domain", "sso.example.com"), ("realm", "prod")]),
    );
    let env = "5caa81af-ec05-41ff-a709-c7378007a99c";
    preset_case(
        "pingone",
        "RS256",
        &[("--environment", env)],
        &[],
        vars(&[("environment", env)]),
    );
}

#[test]
fn preset_google_and_salesforce_mint_the_jwt_bearer_grant() {
    let scope = "https://www.googleapis.com/auth/cloud-platform";
    preset_case(
        "google",
        "RS256",
        &[],
        &["--scope", scope],
        vars(&[("scope", scope), ("subject", "user@example.com")]),
    );
    preset_case(
        "salesforce",
        "RS256",
        &[],
        &[],
        vars(&[("subject", "user@example.com.sandbox")]),
    );
}

#[test]
fn presets_list_show_and_a_broken_rule_is_named() {
    let d = tmp();
    let p = d.path();
    let list = json(pkjwt(p).args(["--json", "presets", "list"]));
    let names: Vec<&str> = list["presets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    for n in [
        "entra",
        "okta",
        "okta-org",
        "auth0",
        "keycloak",
        "pingone",
        "google",
        "salesforce",
    ] {
        assert!(names.contains(&n), "{n} not in {names:?}");
        let shown = json(pkjwt(p).args(["--json", "presets", "show", n]));
        // Every rule of the file shows, with its source link.
        let file = preset_file(n);
        assert_eq!(
            shown["rules"].as_array().unwrap().len(),
            file["rules"].as_array().unwrap().len()
        );
        let text = stdout(pkjwt(p).args(["presets", "show", n]));
        for r in file["rules"].as_array().unwrap() {
            assert!(text.contains(&s(r, "source").unwrap()), "{n}");
        }
    }
    let err = fails(pkjwt(p).args(["presets", "show", "nope"]), 3);
    assert!(err.contains("entra"), "{err}");
    keygen(p, "k.p12", &["--alg", "PS256"]);
    let err = fails(
        pkjwt(p).args([
            "profile",
            "add",
            "e",
            "--preset",
            "entra",
            "--client-id",
            "c",
            "-k",
            "k.p12",
        ]),
        3,
    );
    assert!(err.contains("--tenant"), "{err}");
    json(pkjwt(p).args([
        "--json",
        "profile",
        "add",
        "e",
        "--preset",
        "entra",
        "--tenant",
        "t1",
        "--client-id",
        "c",
        "-k",
        "k.p12",
    ]));
    // RS256 breaks Entra's alg rule: inspect names the rule and the fix.
    let jwt = stdout(pkjwt(p).args(["assertion", "-p", "e", "--alg", "RS256"]));
    let out = pkjwt(p)
        .args(["inspect", "-", "-p", "e", "--offline"])
        .write_stdin(jwt)
        .assert()
        .code(8)
        .get_output()
        .clone();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("rule \"alg\" broken"), "{text}");
    assert!(text.contains("pkjwt profile set e --alg PS256"), "{text}");
    assert!(text.contains("learn.microsoft.com"), "{text}");
}
