//! A TLS client certificate and key for mutual TLS (RFC 8705), held as
//! one PEM document that is zeroized when dropped and never printed.

/// A client certificate and its private key for mutual TLS, as one PEM
/// document (the certificate, then the PKCS#8 key); zeroized when dropped
/// and never printed.
#[derive(Clone)]
pub struct TlsIdentity {
    pub(crate) pem: zeroize::Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for TlsIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TlsIdentity(redacted)")
    }
}

impl TlsIdentity {
    /// From a DER certificate and a PKCS#8 DER private key.
    pub fn from_der(cert: &[u8], pkcs8_key: &[u8]) -> TlsIdentity {
        // Room for both blocks up front: a reallocation would leave an
        // unzeroized copy of the key behind.
        let mut pem =
            zeroize::Zeroizing::new(Vec::with_capacity((cert.len() + pkcs8_key.len()) * 2 + 256));
        pem_block(&mut pem, "CERTIFICATE", cert);
        pem_block(&mut pem, "PRIVATE KEY", pkcs8_key);
        TlsIdentity { pem }
    }
}

/// Append one PEM block to `out`, with no copy of `der` left behind.
fn pem_block(out: &mut Vec<u8>, label: &str, der: &[u8]) {
    use base64ct::{Base64, Encoding};
    let b64 = zeroize::Zeroizing::new(Base64::encode_string(der));
    out.extend_from_slice(format!("-----BEGIN {label}-----\n").as_bytes());
    for line in b64.as_bytes().chunks(64) {
        out.extend_from_slice(line);
        out.push(b'\n');
    }
    out.extend_from_slice(format!("-----END {label}-----\n").as_bytes());
}
