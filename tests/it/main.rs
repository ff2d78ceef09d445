//! pkjwt's integration tests: the real binary, real files, and the real
//! `openssl`, `keytool` and Python `cryptography` for interop.

mod action;
mod agent;
mod audit;
mod call;
mod common;
mod concurrency;
mod diagnosis;
mod errors;
mod examples;
mod expiry;
mod faults;
mod generated;
mod hardening;
mod hsm;
mod interop;
mod jwks;
mod keycloak;
mod keycloak_server;
mod keys;
mod keystore;
mod login;
mod password;
mod pop;
mod presets;
mod probing;
mod properties;
mod protocol;
mod refusals;
mod registration;
mod rotate;
mod serve;
mod server;
mod tokens;
