//! `pkjwt register`: Dynamic Client Registration (RFC 7591) of a
//! private_key_jwt client, saved as a named profile.

use std::path::PathBuf;

use clap::Args;
use serde_json::{json, Value};

use super::client::HttpArgs;
use super::password::PasswordArgs;
use super::store::parse_alg;
use super::{config_dir_required, store, GlobalArgs, Ui};
use crate::cli::error::CliError as Error;
use crate::input::{self, Source, JWT_LIMIT, SECRET_LIMIT};
use crate::keystore::keys::Alg;
use crate::oauth::registration;
use crate::profile;

/// Register a private_key_jwt client (RFC 7591) and save it as a profile
///
/// Sends token_endpoint_auth_method=private_key_jwt and the key's
/// token_endpoint_auth_signing_alg, with the keystore's public keys inline
/// (jwks) or, with --jwks-uri, the URL where you host them. Before sending,
/// refuses when the server's metadata says it will not accept the method or
/// the algorithm. The response (client_id, RFC 7592 registration access
/// token and client URI) is saved as the profile NAME. A response that
/// registered another token_endpoint_auth_method, algorithm or keys than
/// asked is an error (exit 7): the client exists, the profile is saved
/// marked registration_mismatch, and the message says how to fix or delete it.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pkjwt register --issuer https://login.example.com --keystore client.p12 --profile prod
  pkjwt register --issuer https://as.example --keystore client.p12 --profile svc \\
      --grant-type client_credentials --scope 'api:read api:write' --client-name 'My service'
  PKJWT_INITIAL_ACCESS_TOKEN=... pkjwt register --issuer https://as.example -k client.p12 -p ci \\
      --jwks-uri https://client.example/jwks.json
  pkjwt register --update -p prod --kid NEW_KID --kid OLD_KID   # rotation (RFC 7592)")]
pub struct RegisterArgs {
    /// The issuer: its metadata gives the registration and token endpoints
    #[arg(
        long,
        value_name = "URL",
        env = "PKJWT_ISSUER",
        required_unless_present_any = ["registration_endpoint", "update"]
    )]
    pub issuer: Option<String>,
    /// The registration endpoint [default: from the issuer's metadata]
    #[arg(long, value_name = "URL")]
    pub registration_endpoint: Option<String>,
    /// The keystore with the client's keys [with --update: the profile's]
    #[arg(
        short = 'k',
        long,
        value_name = "FILE",
        env = "PKJWT_KEYSTORE",
        required_unless_present = "update"
    )]
    pub keystore: Option<PathBuf>,
    /// Update the profile's registration instead (RFC 7592): register the
    /// keystore's current keys (--kid selects; the first signs from now on)
    #[arg(long, conflicts_with_all = ["jwks_uri", "force", "initial_access_token_file", "software_statement"])]
    pub update: bool,
    #[command(flatten)]
    pub password: PasswordArgs,
    /// Register only these keys (repeat); the first signs [default: the active and next keys; the active one signs]
    #[arg(long, value_name = "KID", allow_hyphen_values = true)]
    pub kid: Vec<String>,
    /// Signing algorithm to register [default: the signing key's]
    #[arg(long, value_name = "ALG", value_parser = parse_alg)]
    pub alg: Option<Alg>,
    /// Register this URL (where you host the JWKS) instead of inline keys
    #[arg(long, value_name = "URL")]
    pub jwks_uri: Option<String>,
    /// The profile to save the client as
    #[arg(short = 'p', long, value_name = "NAME", allow_hyphen_values = true)]
    pub profile: String,
    /// Replace an existing profile of that name
    #[arg(long)]
    pub force: bool,
    /// Grant type (repeat) [default: client_credentials]
    #[arg(long = "grant-type", value_name = "GRANT")]
    pub grant_types: Vec<String>,
    /// Space-separated scopes to register
    #[arg(long, value_name = "SCOPES")]
    pub scope: Option<String>,
    /// Redirect URI (repeat) [default with --grant-type authorization_code: a loopback
    /// http://127.0.0.1:PORT/callback on a port free now, which the profile keeps for `pkjwt login`]
    #[arg(long = "redirect-uri", value_name = "URI")]
    pub redirect_uris: Vec<String>,
    /// Human-readable client name
    #[arg(long, value_name = "NAME")]
    pub client_name: Option<String>,
    /// Contact e-mail (repeat)
    #[arg(long = "contact", value_name = "EMAIL")]
    pub contacts: Vec<String>,
    /// More RFC 7591 client metadata: a JSON object in FILE (- for stdin); the options above win, and a null value removes the member from the request
    #[arg(long, value_name = "FILE")]
    pub metadata: Option<PathBuf>,
    /// Read an initial access token (Bearer) from the first line of FILE
    #[arg(long, value_name = "FILE")]
    pub initial_access_token_file: Option<PathBuf>,
    /// A software statement: a signed JWT, or a file holding one
    #[arg(long, value_name = "FILE|JWT", allow_hyphen_values = true)]
    pub software_statement: Option<String>,
    /// Assertion audience to save in the profile: issuer (default), token-endpoint, endpoint or a URL
    #[arg(long, value_name = "AUD", value_parser = crate::oauth::client::Aud::parse)]
    pub aud: Option<crate::oauth::client::Aud>,
    /// How the client authenticates at the token endpoint: private_key_jwt, or mutual TLS
    /// (RFC 8705) with the keystore's certificate
    #[arg(long, value_name = "METHOD", default_value = "private_key_jwt",
          value_parser = ["private_key_jwt", "self_signed_tls_client_auth", "tls_client_auth"],
          conflicts_with = "update")]
    pub auth: String,
    /// tls_client_auth: the subject DN of the CA-issued certificate (RFC 8705 section 2.1.2)
    #[arg(long, value_name = "DN")]
    pub tls_subject_dn: Option<String>,
    /// Ask for certificate-bound access tokens (RFC 8705 section 3); a private_key_jwt
    /// profile then presents the certificate with every request
    #[arg(long, conflicts_with = "update")]
    pub mtls_bound_tokens: bool,
    /// Ask for DPoP-bound access tokens (RFC 9449 section 5.2); the profile then sends proofs
    #[arg(long, conflicts_with = "update")]
    pub dpop_bound_tokens: bool,
    /// The key that signs DPoP proofs, saved in the profile [default: the signing key]
    #[arg(
        long,
        value_name = "KID",
        requires = "dpop_bound_tokens",
        allow_hyphen_values = true
    )]
    pub dpop_kid: Option<String>,
    /// Then request a token (client_credentials); when refused, probe the token endpoint
    /// (at most 12 more requests, as `pkjwt doctor` does) and save the fix the server verifies
    #[arg(long, conflicts_with = "update")]
    pub verify: bool,
    #[command(flatten)]
    pub http: HttpArgs,
}

/// The initial access token: --initial-access-token-file, else PKJWT_INITIAL_ACCESS_TOKEN.
pub(super) fn initial_access_token(
    file: Option<&std::path::Path>,
) -> Result<Option<String>, Error> {
    if let Some(p) = file {
        return super::token::read_token(Source::File(p), "the initial access token", SECRET_LIMIT)
            .map(Some);
    }
    Ok(std::env::var("PKJWT_INITIAL_ACCESS_TOKEN")
        .ok()
        .filter(|t| !t.is_empty()))
}

fn software_statement(s: &str) -> Result<String, Error> {
    let looks_jwt =
        s.split('.').count() == 3 && !s.contains('/') && !std::path::Path::new(s).exists();
    if looks_jwt {
        return Ok(s.to_string());
    }
    let jwt = super::token::read_token(
        Source::File(std::path::Path::new(s)),
        "the software statement",
        JWT_LIMIT,
    )?;
    if jwt.split('.').count() != 3 {
        return Err(Error::input(
            format!("{s} does not hold a JWT (three dot-separated parts)"),
            None,
        ));
    }
    Ok(jwt)
}

fn read_metadata(path: &std::path::Path) -> Result<serde_json::Map<String, Value>, Error> {
    let text = input::all(Source::from_arg(path), "the client metadata", JWT_LIMIT)?;
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(Error::input(
            format!("{} is not a JSON object", path.display()),
            None,
        )),
        Err(e) => Err(Error::input(
            format!("{} is not JSON: {e}", path.display()),
            None,
        )),
    }
}

pub fn run(ui: &Ui, g: &GlobalArgs, a: &RegisterArgs) -> Result<(), Error> {
    profile::check_name(&a.profile)?;
    let dir = config_dir_required(g)?;
    if a.update {
        return update(ui, &dir, a);
    }
    let keystore = a
        .keystore
        .clone()
        .ok_or_else(|| Error::input("no keystore", Some("pass --keystore FILE".into())))?;
    if !a.force && profile::load_all(&dir)?.contains_key(&a.profile) {
        return Err(Error::input(
            format!("a profile named {:?} exists already", a.profile),
            Some("pass --force to replace it, or choose another --profile".into()),
        ));
    }
    let grant_types: Vec<String> = a
        .grant_types
        .iter()
        .map(|g| crate::oauth::client::grant_type(g))
        .collect();
    if a.verify && !grant_types.is_empty() && !grant_types.iter().any(|g| g == "client_credentials")
    {
        return Err(Error::input(
            "--verify requests a token with the client_credentials grant, and the client is not registered for it",
            Some("add --grant-type client_credentials, or leave out --verify".into()),
        ));
    }
    let mut o = crate::registration::RegisterOptions::new(a.issuer.clone(), keystore.clone());
    o.initial_access_token = initial_access_token(a.initial_access_token_file.as_deref())?;
    o.software_statement = a
        .software_statement
        .as_deref()
        .map(software_statement)
        .transpose()?;
    o.extra = a
        .metadata
        .as_deref()
        .map(read_metadata)
        .transpose()?
        .unwrap_or_default();
    o.registration_endpoint.clone_from(&a.registration_endpoint);
    o.kids.clone_from(&a.kid);
    o.alg = a.alg;
    o.jwks_uri.clone_from(&a.jwks_uri);
    o.grant_types = grant_types;
    o.scope.clone_from(&a.scope);
    o.redirect_uris.clone_from(&a.redirect_uris);
    o.client_name.clone_from(&a.client_name);
    o.contacts.clone_from(&a.contacts);
    o.aud = a.aud.as_ref().map(|x| x.as_setting());
    o.auth.clone_from(&a.auth);
    o.tls_subject_dn.clone_from(&a.tls_subject_dn);
    o.mtls_bound_tokens = a.mtls_bound_tokens;
    o.dpop_bound_tokens = a.dpop_bound_tokens;
    o.dpop_kid.clone_from(&a.dpop_kid);

    // Keys first: a wrong password should not cost a network round trip.
    let ks = super::agent::open_for_signing(
        ui,
        &store::StoreArgs {
            keystore: keystore.clone(),
            password: a.password.clone(),
        },
        &a.kid,
    )?;
    let http = a.http.client(ui)?;
    let registration = match crate::registration::register(&http, &ks, &o, ui) {
        Ok(r) => r,
        Err(crate::Error::Http(e)) => return Err(refused(ui, *e, &o.redirect_uris)),
        Err(e) => return Err(e.into()),
    };
    let crate::registration::Registration {
        registered: reg,
        endpoint,
        metadata: md,
        signing_kid,
        keys,
        ..
    } = registration;
    for w in &reg.warnings {
        ui.warn(w);
    }
    let saved_as = profile::save_new(&dir, &a.profile, &reg.profile, a.force)?;
    if saved_as != a.profile {
        ui.warn(format!(
            "another pkjwt saved a profile {:?} meanwhile; this registration is kept as profile {saved_as:?}",
            a.profile
        ));
    }
    if !reg.mismatches.is_empty() {
        return Err(not_as_asked(ui, &endpoint, &reg, &saved_as, &dir));
    }
    let (resp, client_id, registered_alg) = (reg.response, reg.client_id, reg.alg);
    let keys_line = match &a.jwks_uri {
        _ if a.auth == "tls_client_auth" => {
            "none registered (the CA-issued certificate identifies the client)".to_string()
        }
        Some(u) => format!("hosted at {u}"),
        None => format!("{keys} inline"),
    };
    let verified = if a.verify {
        Some(verify(ui, &a.http, &dir, &saved_as, ks, keystore, md))
    } else {
        None
    };

    if ui.json {
        let mut shown = resp.clone();
        crate::oauth::http::redact_json(&mut shown);
        let mut out = json!({
            "profile": saved_as,
            "client_id": client_id,
            "profiles_file": profile::file_path(&dir).display().to_string(),
            "response": shown,
        });
        if let Some(v) = &verified {
            out["verify"] = v.json.clone();
        }
        ui.out_json(&out)?;
    } else {
        let auth_line = if a.auth == "private_key_jwt" {
            format!("signs with {signing_kid} ({registered_alg})")
        } else {
            format!("{} with the certificate of {signing_kid}", a.auth)
        };
        let mut s = format!(
            "Registered client {client_id} at {endpoint}\n  profile:   {}\n  auth:      {auth_line}\n  keys:      {}\n",
            saved_as, keys_line
        );
        if let Some(v) = &verified {
            s.push_str(&v.text);
        }
        ui.out(s)?;
    }
    match verified {
        Some(v) if !v.ok => Err(Error::Findings(format!(
            "the new client's token request did not succeed (see verify above); profile {saved_as} is saved as registered"
        ))),
        _ => {
            ui.note(format!("next: pkjwt token --profile {}", saved_as));
            Ok(())
        }
    }
}

/// A registration refused: when the server's answer names `redirect_uris`
/// or `response_types` (OpenID Connect registration endpoints, Spring
/// Authorization Server's among them, require them), say what it wants.
fn refused(ui: &Ui, e: crate::oauth::http::HttpError, sent: &[String]) -> Error {
    let said = match &e {
        crate::oauth::http::HttpError::OAuth {
            error, description, ..
        } => format!("{error} {}", description.as_deref().unwrap_or("")).to_ascii_lowercase(),
        _ => return e.into(),
    };
    let mut wants = Vec::new();
    let sent_line;
    if said.contains("redirect_uri") && !sent.is_empty() {
        sent_line = format!(
            "other redirect_uris than the ones sent ({}): check what the server allows (https only, exact hosts) and pass --redirect-uri URI",
            sent.join(", ")
        );
        wants.push(sent_line.as_str());
    } else if said.contains("redirect_uri") {
        wants.push("redirect_uris: pass --redirect-uri URI (repeat; OpenID Connect registration requires one even for a client_credentials client, which never uses it)");
    }
    if said.contains("response_type") {
        wants.push("a non-empty response_types: put {\"response_types\": [\"code\"]} in --metadata FILE (with a --redirect-uri); a null there removes the member instead");
    }
    if wants.is_empty() {
        return e.into();
    }
    let err: Error = e.into();
    ui.error(&err);
    ui.warn(format!("the server wants {}", wants.join("; and ")));
    Error::Reported {
        inner: Box::new(err),
    }
}

/// A registration whose answer is not what was asked (another method,
/// algorithm or keys): the client exists and the profile is saved, marked
/// (`registration_mismatch`); the answer is printed (secrets redacted), with
/// how to fix or delete it. Exit 7, as for any answer pkjwt cannot use.
fn not_as_asked(
    ui: &Ui,
    endpoint: &str,
    reg: &registration::Registered,
    saved_as: &str,
    dir: &std::path::Path,
) -> Error {
    let what = format!(
        "a registration that is not private_key_jwt as asked: {}",
        reg.mismatches.join("; ")
    );
    let hint = registration::mismatch_hint(&reg.response, saved_as);
    let err: Error = crate::oauth::http::HttpError::BadResponse {
        url: endpoint.to_string(),
        status: 201,
        what,
        snippet: String::new(),
        info: Default::default(),
    }
    .into();
    ui.error(&err);
    let mut shown = reg.response.clone();
    crate::oauth::http::redact_json(&mut shown);
    if ui.json {
        let _ = ui.out_json(&json!({
            "profile": saved_as,
            "client_id": reg.client_id,
            "profiles_file": profile::file_path(dir).display().to_string(),
            "response": shown,
            "registration_mismatch": reg.mismatches,
            "hint": hint,
        }));
    } else {
        ui.warn(format!(
            "client {} is registered and saved as profile {saved_as}, marked as not what was asked; the server answered: {shown}",
            reg.client_id
        ));
        ui.warn(hint);
    }
    Error::Reported {
        inner: Box::new(err),
    }
}

/// What `--verify` found.
struct Verified {
    ok: bool,
    json: Value,
    text: String,
}

/// One token request as the new profile; when refused, probe and save the
/// verified fix into the profile. Never fails the command: the client is
/// registered and saved already, so every problem is reported in the result.
fn verify(
    ui: &Ui,
    h: &HttpArgs,
    dir: &std::path::Path,
    name: &str,
    ks: crate::keystore::Keystore,
    keystore: PathBuf,
    md: Option<crate::oauth::discovery::Metadata>,
) -> Verified {
    match try_verify(ui, h, dir, name, ks, keystore, md) {
        Ok(v) => v,
        Err(e) => Verified {
            ok: false,
            json: json!({"token": "error", "error": e.to_string(), "probes": [], "fix": null}),
            text: format!("  verified:  could not check the new client: {e}\n"),
        },
    }
}

fn try_verify(
    ui: &Ui,
    h: &HttpArgs,
    dir: &std::path::Path,
    name: &str,
    ks: crate::keystore::Keystore,
    keystore: PathBuf,
    md: Option<crate::oauth::discovery::Metadata>,
) -> Result<Verified, Error> {
    use crate::doctor::confirm::{self, Outcome};
    // As the profile says: over mutual TLS, with DPoP proofs.
    let mut connect = |s: &mut super::client::Resolved| {
        s.http(ui, h, &super::client::PopArgs::default())
            .map_err(super::error::boxed)
    };
    let c = confirm::confirm((dir, name), ks, keystore, md, &mut connect, ui)?;
    let mut text = match &c.outcome {
        Outcome::Issued { url } => format!("  verified:  {url} issued a token\n"),
        Outcome::Refused { url, error, .. } => {
            format!("  verified:  {url} refused the first token request ({error})\n")
        }
    };
    if let Some(p) = &c.probing {
        text.push_str(&p.render());
    }
    match &c.saved {
        Some(Ok(())) => text.push_str(&format!(
            "  saved in profile {name}; a token request with it works\n"
        )),
        Some(Err(e)) => text.push_str(&format!(
            "  saved in profile {name}, and still refused: {e}\n"
        )),
        None => {}
    }
    Ok(Verified {
        ok: c.ok(),
        json: c.to_json(),
        text,
    })
}

/// RFC 7592 update: the registration gets the keystore's current keys.
fn update(ui: &Ui, dir: &std::path::Path, a: &RegisterArgs) -> Result<(), Error> {
    let prof = profile::load(dir, &a.profile)?;
    let (uri, rat) = match (&prof.registration_client_uri, &prof.registration_access_token) {
        (Some(u), Some(t)) => (u.clone(), t.clone()),
        _ => {
            return Err(Error::input(
                format!("profile {:?} has no RFC 7592 registration access", a.profile),
                Some("update the keys in the server's console, or register anew with `pkjwt register --force`".into()),
            ))
        }
    };
    let keystore = a.keystore.clone().unwrap_or_else(|| prof.keystore.clone());
    let ks = super::agent::open_for_signing(
        ui,
        &store::StoreArgs {
            keystore: keystore.clone(),
            password: a.password.clone(),
        },
        &a.kid,
    )?;
    let entries = crate::registration::entries(&ks, &a.kid, &keystore)?;
    let signer = *entries
        .first()
        .ok_or_else(|| Error::input(format!("{} holds no keys", keystore.display()), None))?;
    let alg = a.alg.unwrap_or_else(|| signer.alg());
    signer.public().check_alg(alg)?;
    // A mutual-TLS client keeps its method: self-signed certificates are
    // registered as keys with x5c; a CA-issued one by its subject, not keys.
    let method = prof
        .auth
        .clone()
        .unwrap_or_else(|| "private_key_jwt".into());
    if method == "tls_client_auth" {
        return Err(Error::input(
            format!("profile {:?} uses tls_client_auth: the server knows its certificate by subject DN, not by keys", a.profile),
            Some("a new CA-issued certificate with the same subject needs no update; for another subject, register anew with `pkjwt register --auth tls_client_auth --tls-subject-dn DN --force`".into()),
        ));
    }
    let self_signed = method == "self_signed_tls_client_auth";
    if self_signed {
        crate::registration::check_tls_certificates(&entries).map_err(crate::Error::from)?;
    }
    let http = a.http.client(ui)?;
    let mut plan = registration::prepare_key_update(
        &http,
        &uri,
        rat.expose(),
        crate::keystore::jwks::jwks(&ks, &entries, self_signed),
        alg,
        prof.jwks_uri.is_some(),
    )?;
    if self_signed {
        if let Some(body) = plan.body.as_object_mut() {
            body.insert("token_endpoint_auth_method".into(), method.clone().into());
            body.remove("token_endpoint_auth_signing_alg");
        }
    }
    if !plan.keys_inline {
        ui.note("the client uses a jwks_uri: publish `pkjwt jwks` output there; only the algorithm is updated");
    }
    // A server that rotated the token on the read takes only the new one:
    // keep it at once, so a failed update does not leave a dead token.
    let rat = match &plan.rotated_registration_access_token {
        Some(new) => {
            crate::cli::explain::keep_rotated_token(ui, dir, &a.profile, &prof, new);
            crate::secret::SecretString::from(new.as_str())
        }
        None => rat,
    };
    let resp = registration::update(&http, &uri, rat.expose(), &plan.body)?;
    let keystore = std::fs::canonicalize(&keystore).unwrap_or(keystore);
    let prof = registration::updated_profile(&prof, &resp, &signer.kid, alg, keystore);
    profile::save(dir, &a.profile, &prof)?;
    let kids: Vec<String> = entries.iter().map(|e| e.kid.clone()).collect();
    if ui.json {
        let mut shown = resp.clone();
        crate::oauth::http::redact_json(&mut shown);
        return ui.out_json(&json!({
            "profile": a.profile,
            "client_id": prof.client_id,
            "kids": kids,
            "signing_kid": signer.kid,
            "response": shown,
        }));
    }
    ui.out(format!(
        "Updated the registration of {} (profile {})\n  keys:      {}\n  signs with {} ({alg})\n",
        prof.client_id,
        a.profile,
        kids.join(", "),
        signer.kid
    ))
}
