//! The OAuth side: HTTP with the rules pkjwt needs, server metadata
//! (OIDC Discovery, RFC 8414), Dynamic Client Registration (RFC 7591/7592),
//! client assertions (RFC 7523) and authenticated requests.
//!
//! - [`http`]: the HTTP client rules (timeouts, redirects, body checks, redaction)
//! - [`discovery`]: OIDC Discovery and RFC 8414 metadata
//! - [`registration`]: Dynamic Client Registration (RFC 7591, 7592)
//! - [`jwt`]: the one decoder of compact JWS (no verification)
//! - [`assertion`]: client assertions and JWT bearer grants (RFC 7523)
//! - [`dpop`]: DPoP proofs (RFC 9449)
//! - [`client`]: authenticated requests with the `aud` rules
//! - [`verify`]: the token request that checks a client works

pub mod assertion;
pub mod client;
pub mod discovery;
pub mod dpop;
pub mod http;
pub mod jwt;
pub mod registration;
pub mod verify;
