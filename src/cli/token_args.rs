//! `pkjwt token`'s arguments, shared by the command and its output.

use std::time::Duration;

use clap::{Args, ValueEnum};

use super::cache::CacheDirArgs;
use super::client::{ClientArgs, HttpArgs, PopArgs};
use crate::cli::error::CliError as Error;
use crate::input::{self, Source};

/// Request a token from the token endpoint, authenticated with a client assertion
///
/// client_credentials by default. A fresh assertion (and jti) is minted for
/// every request and every retry.
///
/// --cache (or `cache = true` in the profile, or PKJWT_TOKEN_CACHE=1) keeps
/// the access token and hands it out again while it has more than --min-ttl
/// left, without a request and without unlocking the keystore. Tokens are
/// kept in the running agent's memory when there is one, else as files
/// (mode 0600) in the user cache directory (~/.cache/pkjwt/tokens, mode
/// 0700, or PKJWT_CACHE_DIR): whoever can read your files can use them until
/// they expire. Refresh tokens are not kept unless --cache-refresh-token.
/// `pkjwt cache list` and `pkjwt cache clear` manage them; rotate, keys
/// remove and a profile change forget the profile's tokens.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pkjwt token --profile prod --scope 'api:read'
  TOKEN=$(pkjwt token --profile prod --field access_token)
  pkjwt token --profile prod --cache --format header | curl -H @- https://api.example/
  eval \"$(pkjwt token --profile prod --cache --format env)\"     # PKJWT_ACCESS_TOKEN=...
  pkjwt token --profile web --grant-type authorization_code --code CODE \\
      --redirect-uri https://app/cb --code-verifier VERIFIER
  pkjwt token --profile prod --grant-type refresh_token --refresh-token-file rt.txt
  pkjwt token --profile prod --grant-type token-exchange --subject-token-file - \\
      --audience https://api.example < user-token.txt
  pkjwt token --profile prod --dpop                     # a DPoP-bound token (RFC 9449)
  pkjwt token --profile prod --mtls                     # a certificate-bound token (RFC 8705)
  pkjwt token --profile sa --grant-type jwt-bearer --subject user@example.com --no-client-auth")]
pub struct TokenArgs {
    #[command(flatten)]
    pub client: ClientArgs,
    /// The grant type (jwt-bearer is short for urn:ietf:params:oauth:grant-type:jwt-bearer)
    #[arg(long, value_name = "GRANT", default_value = "client_credentials")]
    pub grant_type: String,
    /// The JWT bearer grant's sub (RFC 7523 section 2.1): the user or service the token is for
    #[arg(long, value_name = "SUB", allow_hyphen_values = true)]
    pub subject: Option<String>,
    /// The JWT bearer grant's iss [default: the client_id]
    #[arg(long, value_name = "ISS", allow_hyphen_values = true)]
    pub grant_iss: Option<String>,
    /// Put the scope in the JWT bearer grant's claims instead of the form (Google service accounts)
    #[arg(long)]
    pub scope_in_grant: bool,
    /// Send the JWT bearer grant without client authentication (the grant is the credential)
    #[arg(long)]
    pub no_client_auth: bool,
    #[command(flatten)]
    pub pop: PopArgs,
    /// Space-separated scopes [default: the profile's, for client_credentials and jwt-bearer; --scope '' sends none]
    #[arg(long, value_name = "SCOPES", env = "PKJWT_SCOPE")]
    pub scope: Option<String>,
    /// Resource indicator (RFC 8707; repeat)
    #[arg(long, value_name = "URI")]
    pub resource: Vec<String>,
    /// The audience parameter (token exchange, some servers' client_credentials)
    #[arg(long, value_name = "AUDIENCE")]
    pub audience: Option<String>,
    /// Authorization code (authorization_code grant)
    #[arg(long, value_name = "CODE", allow_hyphen_values = true)]
    pub code: Option<String>,
    /// Redirect URI (authorization_code grant)
    #[arg(long, value_name = "URI")]
    pub redirect_uri: Option<String>,
    /// PKCE code verifier (authorization_code grant)
    #[arg(long, value_name = "VERIFIER", allow_hyphen_values = true)]
    pub code_verifier: Option<String>,
    /// Read the refresh token (refresh_token grant) from the first line of FILE (- for stdin)
    #[arg(long, value_name = "FILE")]
    pub refresh_token_file: Option<std::path::PathBuf>,
    /// Any other form parameter: k=v (repeat)
    #[arg(long = "param", value_name = "K=V")]
    pub params: Vec<String>,
    #[command(flatten)]
    pub exchange: ExchangeArgs,
    /// Send this ready-made client assertion (first line of FILE, - for stdin) instead of minting one: a CI provider's OIDC token for federated client authentication; checked as `inspect` would, with warnings on stderr, and sent anyway
    #[arg(long, value_name = "FILE", env = "PKJWT_CLIENT_ASSERTION_FILE")]
    pub client_assertion_file: Option<std::path::PathBuf>,
    /// Print only this member of the response (e.g. access_token)
    #[arg(long, value_name = "NAME", conflicts_with = "format")]
    pub field: Option<String>,
    /// How to print the token: text, json, header (`Authorization: Bearer ...` for curl -H @-), env (PKJWT_ACCESS_TOKEN=... lines), exec-credential (a kubectl ExecCredential; turns --cache on)
    #[arg(long, value_enum, value_name = "FORMAT", env = "PKJWT_TOKEN_FORMAT")]
    pub format: Option<Format>,
    #[command(flatten)]
    pub cache: CacheArgs,
    /// Retry network failures, 429 and 5xx this many times (at most 10)
    #[arg(
        long,
        value_name = "N",
        default_value_t = 0,
        env = "PKJWT_RETRY",
        value_parser = clap::value_parser!(u32).range(0..=10)
    )]
    pub retry: u32,
    #[command(flatten)]
    pub http: HttpArgs,
}

/// How `token` prints the token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A summary for people (the default; --json prints the response)
    Text,
    /// The token response as JSON
    Json,
    /// `Authorization: Bearer TOKEN`, for `curl -H @-`
    Header,
    /// PKJWT_ACCESS_TOKEN=..., PKJWT_TOKEN_TYPE=..., PKJWT_TOKEN_EXPIRES_AT=... lines
    Env,
    /// A Kubernetes client.authentication.k8s.io/v1 ExecCredential (turns --cache on)
    ExecCredential,
}

/// The token cache.
#[derive(Args, Debug, Clone, Default)]
pub struct CacheArgs {
    /// Reuse a cached token while it has more than --min-ttl left; cache a new one [default: the profile's `cache`]
    #[arg(long, env = "PKJWT_TOKEN_CACHE", value_parser = clap::builder::FalseyValueParser::new())]
    pub cache: bool,
    /// Neither read nor write the cache, whatever --cache, the profile or PKJWT_TOKEN_CACHE says
    #[arg(long)]
    pub no_cache: bool,
    /// The time a cached token must have left: 90s, 5m, ... [default: 60 s or a tenth of its lifetime, whichever is larger]
    #[arg(long, value_name = "DURATION", env = "PKJWT_TOKEN_MIN_TTL", value_parser = parse_min_ttl)]
    pub min_ttl: Option<Duration>,
    /// Keep the refresh token in the cache too (it is dropped otherwise)
    #[arg(long)]
    pub cache_refresh_token: bool,
    /// Fetch a new token and replace the cached one (`call` after a refusal)
    #[arg(skip)]
    pub refresh: bool,
    #[command(flatten)]
    pub dir: CacheDirArgs,
}

fn parse_min_ttl(s: &str) -> Result<Duration, String> {
    crate::duration::parse_within(s, Duration::ZERO, Duration::from_secs(365 * 86_400))
}

/// Token exchange (RFC 8693).
#[derive(Args, Debug, Clone, Default)]
pub struct ExchangeArgs {
    /// Token exchange: read the subject token from the first line of FILE (- for stdin)
    #[arg(long, value_name = "FILE")]
    pub subject_token_file: Option<std::path::PathBuf>,
    /// Token exchange: the subject token's type [default: urn:ietf:params:oauth:token-type:access_token]
    #[arg(long, value_name = "URN")]
    pub subject_token_type: Option<String>,
    /// Token exchange: read the actor token from the first line of FILE (- for stdin)
    #[arg(long, value_name = "FILE", requires = "actor_token_type")]
    pub actor_token_file: Option<std::path::PathBuf>,
    /// Token exchange: the actor token's type
    #[arg(long, value_name = "URN", requires = "actor_token_file")]
    pub actor_token_type: Option<String>,
    /// Token exchange: the type of token asked for (requested_token_type)
    #[arg(long, value_name = "URN")]
    pub requested_token_type: Option<String>,
}

/// The first line of `src` (a file or stdin holding a token or a JWT),
/// trimmed; at most `limit` bytes, and not empty.
pub(crate) fn read_token(
    src: Source<'_>,
    what: &'static str,
    limit: usize,
) -> Result<String, Error> {
    let line = input::first_line(src, what, limit)?;
    let t = line.trim().to_string();
    if t.is_empty() {
        return Err(Error::input(
            format!(
                "{} holds no {}",
                src.path().display(),
                what.trim_start_matches("the ")
            ),
            None,
        ));
    }
    Ok(t)
}

impl TokenArgs {
    /// A client_credentials request for the commands that use a token
    /// (`call`, `git-credential`): cached unless `--no-cache`; `refresh`
    /// replaces the cached token.
    #[allow(clippy::too_many_arguments)]
    pub fn client_credentials(
        client: &ClientArgs,
        pop: &PopArgs,
        scope: Option<String>,
        resource: Vec<String>,
        audience: Option<String>,
        cache: &CacheArgs,
        refresh: bool,
        http: &HttpArgs,
    ) -> TokenArgs {
        let mut cache = cache.clone();
        cache.cache = !cache.no_cache;
        cache.refresh = refresh;
        TokenArgs {
            client: client.clone(),
            grant_type: "client_credentials".into(),
            subject: None,
            grant_iss: None,
            scope_in_grant: false,
            no_client_auth: false,
            pop: pop.clone(),
            scope,
            resource,
            audience,
            code: None,
            redirect_uri: None,
            code_verifier: None,
            refresh_token_file: None,
            params: Vec::new(),
            exchange: ExchangeArgs::default(),
            client_assertion_file: None,
            field: None,
            format: None,
            cache,
            retry: 0,
            http: http.clone(),
        }
    }
}
