//! The OAuth side: HTTP with the rules pkjwt needs, server metadata
//! (OIDC Discovery, RFC 8414), Dynamic Client Registration (RFC 7591/7592),
//! client assertions (RFC 7523) and authenticated requests.
//!
//! - [`http`]: the HTTP client rules (timeouts, redirects, body checks, redaction)
//! - [`discovery`]: OIDC Discovery and RFC 8414 metadata
//! - [`redirects`]: which redirects a request follows
//! - [`registration`]: Dynamic Client Registration (RFC 7591, 7592)
//! - [`origin`]: where plain http is allowed (loopback), URLs as shown
//! - [`identity`]: the TLS client certificate for mutual TLS
//! - [`redact`]: what pkjwt shows of server bodies and request parameters
//! - [`jwt`]: the one decoder of compact JWS (no verification)
//! - [`assertion`]: client assertions and JWT bearer grants (RFC 7523)
//! - [`dpop`]: DPoP proofs (RFC 9449)
//! - [`client`]: authenticated requests with the `aud` rules
//! - [`verify`]: the token request that checks a client works

pub mod assertion;
pub mod caching;
pub mod client;
pub mod discovery;
pub mod dpop;
pub mod http;
pub mod identity;
pub mod jwt;
pub mod origin;
pub mod redact;
pub mod redirects;
pub mod registration;
pub mod resource;
pub mod verify;
