//! The token response parser: `check_token_response` on whatever JSON a
//! server might send.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pkjwt::oauth::client::check_token_response;
use pkjwt::oauth::http::Response;

fuzz_target!(|data: &[u8]| {
    let Ok(body) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let resp = Response {
        status: 200,
        body,
        date: None,
        dpop_nonce: None,
        cache_lifetime: None,
    };
    if let Err(e) = check_token_response("https://as.example/token", &resp) {
        let _ = e.to_string();
    }
});
