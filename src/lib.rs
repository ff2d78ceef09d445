//! pkjwt: OAuth 2.0 / OpenID Connect `private_key_jwt` client authentication
//! (RFC 7523) made as easy to adopt as a client secret.
//!
//! The library holds the domain: plain types in, typed results out, no
//! argument parsing and no printing. The `pkjwt` binary is a thin layer over
//! `cli::run`.
//!
//! - [`keystore`]: keys, certificates, the PKCS#12 format, keystores, PKCS#11
//!   tokens and the JWKS
//! - [`agent`]: `pkjwt agent`'s wire protocol, server and client
//! - [`jwks_server`]: the JWKS server behind `pkjwt serve-jwks`
//! - [`oauth`]: HTTP, discovery, registration, assertions, authenticated requests
//! - [`diagnose`]: why an assertion or a request fails, and what to do
//! - [`doctor`]: the doctor workflow: evidence, a token request, probing, a saved fix
//! - [`login`]: the authorization code flow (PKCE, PAR, request objects, ID tokens) and the device grant
//! - [`registration`]: registering a new client (RFC 7591)
//! - [`migration`]: moving a client off its client secret
//! - [`profile`]: the profiles file
//! - [`progress`]: how long operations say what they do (the caller renders it)
//! - [`rotation`]: staged key rotation of a registered client
//! - [`presets`]: what the major providers require, as reviewed data files
//! - [`session`]: a client ready to send: profile and settings resolved, mutual TLS, DPoP
//! - [`secret`]: passwords that zeroize and never print
//! - [`token_cache`]: access tokens kept until they are about to expire (files or the agent)
//! - [`duration`]: durations as people type and read them (`90s`, `2w`)
//! - [`error`]: the error type and the exit codes
//! - `cli`: the command-line interface (the default `cli` feature; build
//!   with `default-features = false` for the library alone, without clap)

// Errors carry the server's answer (error, description, body) for diagnosis;
// they are returned once per command, so their size does not matter.
#![allow(clippy::result_large_err)]
// Every public item of the library is documented (docs/design.md, "The
// public surface"); the command-line module is exempt.
#![warn(missing_docs)]

pub mod agent;
#[cfg(feature = "cli")]
#[allow(missing_docs)]
pub mod cli;
pub mod diagnose;
pub mod doctor;
pub mod duration;
pub mod error;
pub(crate) mod input;
pub mod jwks_server;
pub mod keystore;
pub mod login;
pub mod migration;
pub mod oauth;
pub mod presets;
pub mod profile;
pub mod progress;
pub mod registration;
pub mod rotation;
pub mod secret;
pub mod session;
pub(crate) mod text;
pub mod token_cache;

pub use error::Error;
