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
//! - [`secret`]: passwords that zeroize and never print
//! - [`error`]: the error type and the exit codes
//! - [`cli`]: the command-line interface

pub mod cert;
pub mod cli;
pub mod error;
pub mod jwks;
pub mod keys;
pub mod keystore;
pub mod pkcs12;
pub mod secret;

pub use error::Error;
