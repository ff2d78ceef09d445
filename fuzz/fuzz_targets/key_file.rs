//! The key importer: `parse_key_file` on any bytes (PEM or DER), with a
//! password callback that answers the seeds' password.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pkjwt::keystore::keys::{parse_key_file, KeyError, KeyFileError};
use pkjwt::secret::Password;

#[derive(Debug)]
#[allow(dead_code)]
enum E {
    File(KeyFileError),
    Key(KeyError),
}

impl From<KeyFileError> for E {
    fn from(e: KeyFileError) -> E {
        E::File(e)
    }
}

impl From<KeyError> for E {
    fn from(e: KeyError) -> E {
        E::Key(e)
    }
}

fuzz_target!(|data: &[u8]| {
    let mut password = || Ok::<_, E>(Password::new("fuzz".to_string()));
    match parse_key_file::<E>(data, &mut password) {
        Ok(parsed) => {
            let _ = parsed.key.check();
            let public = parsed.key.public();
            let _ = public.thumbprint();
            let _ = public.to_spki_der();
            let _ = parsed.key.to_pkcs8_der();
        }
        Err(e) => {
            let _ = format!("{e:?}");
        }
    }
});
