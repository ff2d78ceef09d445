//! Secrets in memory: passwords and tokens that zeroize on drop and never print.

use std::fmt;

use zeroize::Zeroizing;

/// A password: the same redacting, zeroizing string as any other secret.
pub type Password = SecretString;

/// A secret string: a password, a registration or initial access token. `Debug` and
/// `Display` print `(redacted)`, so a secret cannot reach a log or an error
/// message by accident; `expose()` reads it. The memory is wiped on drop.
/// Serde reads and writes the plain string (profiles.toml keeps its format).
#[derive(Clone, Default)]
pub struct SecretString(Zeroizing<String>);

impl SecretString {
    /// Wrap `s`; it is wiped on drop.
    pub fn new(s: String) -> Self {
        SecretString(Zeroizing::new(s))
    }

    /// The secret itself, to send it where it belongs.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Constant-time equality, for the "type it twice" check.
    pub fn ct_eq(&self, other: &SecretString) -> bool {
        self == other
    }
}

impl From<String> for SecretString {
    fn from(s: String) -> Self {
        SecretString::new(s)
    }
}

impl From<&str> for SecretString {
    fn from(s: &str) -> Self {
        SecretString::new(s.to_string())
    }
}

/// Constant-time in the contents (lengths may differ in time).
impl PartialEq for SecretString {
    fn eq(&self, other: &Self) -> bool {
        use subtle::ConstantTimeEq;
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        a.len() == b.len() && bool::from(a.ct_eq(b))
    }
}

impl Eq for SecretString {}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(redacted)")
    }
}

impl fmt::Display for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(redacted)")
    }
}

impl serde::Serialize for SecretString {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.expose())
    }
}

impl<'de> serde::Deserialize<'de> for SecretString {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(SecretString::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted() {
        let p = Password::new("hunter2".into());
        assert_eq!(format!("{p:?}"), "(redacted)");
        assert!(p.ct_eq(&Password::new("hunter2".into())));
        assert!(!p.ct_eq(&Password::new("hunter3".into())));
    }

    #[test]
    fn secret_string_never_prints_and_serializes_plain() {
        let t = SecretString::from("tok-123");
        assert_eq!(format!("{t:?}"), "(redacted)");
        assert_eq!(format!("{t}"), "(redacted)");
        assert_eq!(t.expose(), "tok-123");
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"tok-123\"");
        let back: SecretString = serde_json::from_str("\"tok-123\"").unwrap();
        assert_eq!(back, t);
        assert_ne!(back, SecretString::from("tok-124"));
    }
}
