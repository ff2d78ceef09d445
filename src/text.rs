//! Text from servers and files made safe for a terminal.
//!
//! A server's `error_description`, a non-JSON body, a keystore's friendly
//! name or a profile name can hold control characters: ESC starts terminal
//! escape sequences (clear the screen, retitle the window, rewrite what was
//! printed), BEL rings, CR overwrites the line. Human output passes through
//! [`printable`]; JSON output does not need to (JSON escapes control
//! characters in strings) and stays exact.

use std::borrow::Cow;

/// Whether `c` is shown escaped: C0 controls but line feed and tab, DEL,
/// and the C1 controls (U+0080 to U+009F, which some terminals obey too).
fn is_hostile(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || ('\u{80}'..='\u{9f}').contains(&c)
}

/// `s` with every control character but `\n` and `\t` written as a Rust
/// escape (`\u{1b}`), so that it shows instead of acting. Borrowed when
/// there is nothing to escape.
pub fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hostile) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_hostile(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert!(matches!(printable("plain text\n\tok"), Cow::Borrowed(_)));
        assert_eq!(
            printable("\u{1b}]0;pwned\u{7}\u{1b}[2J"),
            "\\u{1b}]0;pwned\\u{7}\\u{1b}[2J"
        );
        assert_eq!(
            printable("a\rb\u{7f}c\u{9b}d\0"),
            "a\\u{d}b\\u{7f}c\\u{9b}d\\u{0}"
        );
        // Other text, multi-byte included, is kept.
        assert_eq!(printable("é ü € 日本"), "é ü € 日本");
    }
}
