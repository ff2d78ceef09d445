//! pkjwt: OAuth 2.0 / OpenID Connect `private_key_jwt` client authentication
//! (RFC 7523) made as easy to adopt as a client secret.
//!
//! The library holds the domain: plain types in, typed results out, no
//! argument parsing and no printing. The `pkjwt` binary is a thin layer over
//! [`cli::run`].
//!
//! - [`keys`]: signing keys, algorithms, JWKs and RFC 7638 thumbprints
//! - [`cert`]: the self-signed certificate and certificate facts
//! - [`pkcs12`]: the PKCS#12 file format (RFC 7292)
//! - [`keystore`]: keystores of keys with kids and algorithms, saved atomically
//! - [`jwks`]: the public JWK Set
//! - [`http`]: the HTTP client rules (timeouts, redirects, body checks, redaction)
//! - [`discovery`]: OIDC Discovery and RFC 8414 metadata
//! - [`registration`]: Dynamic Client Registration (RFC 7591, 7592)
//! - [`profile`]: the profiles file
//! - [`assertion`]: client assertions (RFC 7523)
//! - [`client`]: authenticated requests with the `aud` rules
//! - [`secret`]: passwords that zeroize and never print
//! - [`error`]: the error type and the exit codes
//! - [`cli`]: the command-line interface

// Errors carry the server's answer (error, description, body) for diagnosis;
// they are returned once per command, so their size does not matter.
#![allow(clippy::result_large_err)]

pub mod assertion;
pub mod cert;
pub mod cli;
pub mod client;
pub mod diagnose;
pub mod discovery;
pub mod error;
pub mod http;
pub mod jwks;
pub mod keys;
pub mod keystore;
pub mod pkcs12;
pub mod profile;
pub mod registration;
pub mod secret;

pub use error::Error;
