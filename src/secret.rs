//! Secrets in memory: passwords that zeroize on drop and never print.

use std::fmt;

use zeroize::Zeroizing;

/// A password. `Debug` prints `(redacted)`; the memory is wiped on drop.
#[derive(Clone)]
pub struct Password(Zeroizing<String>);

impl Password {
    pub fn new(s: String) -> Self {
        Password(Zeroizing::new(s))
    }

    /// The password text, for key derivation.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Constant-time equality, for the "type it twice" check.
    pub fn ct_eq(&self, other: &Password) -> bool {
        use subtle::ConstantTimeEq;
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        a.len() == b.len() && bool::from(a.ct_eq(b))
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("(redacted)")
    }
}

/// Strip one trailing line ending, as a password file or stdin line carries.
pub fn strip_line_ending(s: &mut String) {
    if s.ends_with('\n') {
        s.pop();
        if s.ends_with('\r') {
            s.pop();
        }
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
    fn strips_one_line_ending() {
        let mut s = "pw\r\n".to_string();
        strip_line_ending(&mut s);
        assert_eq!(s, "pw");
        let mut s = "pw\n\n".to_string();
        strip_line_ending(&mut s);
        assert_eq!(s, "pw\n");
    }
}
