//! The PKCS#12 reader: `Keystore::from_bytes` on any bytes, with the
//! password the seed keystores use and with the empty one.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use pkjwt::keystore::Keystore;
use pkjwt::secret::Password;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.p12");
    for pw in ["fuzz", ""] {
        let password = Password::new(pw.to_string());
        if let Ok(ks) = Keystore::from_bytes(path, data.to_vec(), &password) {
            // What the commands do next with an opened keystore.
            let _ = ks.kids();
            for entry in &ks.entries {
                let _ = entry.alg();
                let public = entry.public();
                let _ = public.thumbprint();
                let _ = public.to_jwk(&entry.kid, entry.alg());
                let _ = ks.chain(entry);
            }
        }
    }
});
