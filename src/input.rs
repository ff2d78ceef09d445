//! What the user hands pkjwt, read with a size limit: passwords, tokens and
//! JWTs from standard input or from a file.
//!
//! An endless or huge stream (`--password-stdin < /dev/zero`, a token file
//! that is really a disk image) is refused with [`Error::TooLarge`], naming
//! the limit, after at most that many bytes and one more; nothing is
//! allocated beyond it. Every reader of a secret, a token or a JWT goes
//! through [`first_line`] or [`all`].

#![cfg_attr(not(feature = "cli"), allow(dead_code))] // the CLI reads its inputs here; the library only files

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::Error;

/// The most bytes of a password, token or other secret: 64 KiB.
pub const SECRET_LIMIT: usize = 64 * 1024;
/// The most bytes of a JWT, a form body to inspect or a JSON document: 1 MiB.
pub const JWT_LIMIT: usize = 1024 * 1024;

/// Where to read from.
#[derive(Clone, Copy, Debug)]
pub enum Source<'a> {
    Stdin,
    File(&'a Path),
}

impl Source<'_> {
    /// `-` is standard input, anything else a file.
    pub fn from_arg(arg: &Path) -> Source<'_> {
        if arg.as_os_str() == "-" {
            Source::Stdin
        } else {
            Source::File(arg)
        }
    }

    /// The path errors name (`<stdin>` for standard input).
    pub fn path(&self) -> PathBuf {
        match self {
            Source::Stdin => PathBuf::from("<stdin>"),
            Source::File(p) => p.to_path_buf(),
        }
    }
}

/// A size as people read it: `65536 bytes (64 KiB)`.
pub fn describe_limit(limit: usize) -> String {
    if limit >= 1024 * 1024 && limit.is_multiple_of(1024 * 1024) {
        format!("{limit} bytes ({} MiB)", limit / (1024 * 1024))
    } else if limit >= 1024 && limit.is_multiple_of(1024) {
        format!("{limit} bytes ({} KiB)", limit / 1024)
    } else {
        format!("{limit} bytes")
    }
}

fn with_reader<T>(
    src: Source<'_>,
    op: &'static str,
    f: impl FnOnce(&mut dyn BufRead) -> std::io::Result<T>,
) -> Result<T, Error> {
    let io = |source| Error::Io {
        op,
        path: src.path(),
        source,
    };
    match src {
        Source::Stdin => f(&mut std::io::stdin().lock()).map_err(io),
        Source::File(p) => {
            let file = std::fs::File::open(p).map_err(io)?;
            f(&mut BufReader::new(file)).map_err(io)
        }
    }
}

fn utf8(
    bytes: Zeroizing<Vec<u8>>,
    src: Source<'_>,
    op: &'static str,
) -> Result<Zeroizing<String>, Error> {
    match std::str::from_utf8(&bytes) {
        Ok(s) => Ok(Zeroizing::new(s.to_string())),
        Err(_) => Err(Error::Io {
            op,
            path: src.path(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, "it is not UTF-8 text"),
        }),
    }
}

/// The first line of `src` without its line ending (`\n` or `\r\n`), at
/// most `limit` bytes: what a password or token file holds. Reads no further
/// than the line, so the rest of standard input stays unread.
pub fn first_line(
    src: Source<'_>,
    what: &'static str,
    limit: usize,
) -> Result<Zeroizing<String>, Error> {
    let op = "read";
    let mut buf = Zeroizing::new(Vec::new());
    with_reader(src, op, |r| {
        // A line ending after `limit` bytes is allowed: "\r\n" is two more.
        r.take(limit as u64 + 3).read_until(b'\n', &mut buf)
    })?;
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    }
    if buf.len() > limit {
        return Err(too_large(src, what, limit));
    }
    utf8(buf, src, op)
}

/// All of `src`, at most `limit` bytes: a JWT, a form body, a JSON document.
pub fn all(src: Source<'_>, what: &'static str, limit: usize) -> Result<Zeroizing<String>, Error> {
    let op = "read";
    let mut buf = Zeroizing::new(Vec::new());
    with_reader(src, op, |r| r.take(limit as u64 + 1).read_to_end(&mut buf))?;
    if buf.len() > limit {
        return Err(too_large(src, what, limit));
    }
    utf8(buf, src, op)
}

/// All of `src` as bytes, at most `limit`: a request body, sent as read.
pub fn bytes(src: Source<'_>, what: &'static str, limit: usize) -> Result<Vec<u8>, Error> {
    let mut buf = Vec::new();
    with_reader(src, "read", |r| {
        r.take(limit as u64 + 1).read_to_end(&mut buf)
    })?;
    if buf.len() > limit {
        return Err(too_large(src, what, limit));
    }
    Ok(buf)
}

fn too_large(src: Source<'_>, what: &'static str, limit: usize) -> Error {
    Error::TooLarge {
        what,
        path: src.path(),
        limit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn file(content: &[u8]) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(content).unwrap();
        f
    }

    #[test]
    fn first_line_strips_one_line_ending() {
        let f = file(b"pw \r\nsecond\n");
        let l = first_line(Source::File(f.path()), "a password", 16).unwrap();
        assert_eq!(l.as_str(), "pw ");
        let f = file(b"");
        assert_eq!(
            first_line(Source::File(f.path()), "x", 16)
                .unwrap()
                .as_str(),
            ""
        );
    }

    #[test]
    fn limits_are_exact() {
        let f = file(&[b'a'; 16]);
        assert_eq!(
            first_line(Source::File(f.path()), "x", 16).unwrap().len(),
            16
        );
        assert_eq!(all(Source::File(f.path()), "x", 16).unwrap().len(), 16);
        let f = file(b"aaaaaaaaaaaaaaaa\r\n");
        assert_eq!(
            first_line(Source::File(f.path()), "x", 16).unwrap().len(),
            16
        );
        let f = file(&[b'a'; 17]);
        for e in [
            first_line(Source::File(f.path()), "the refresh token", 16).unwrap_err(),
            all(Source::File(f.path()), "the refresh token", 16).unwrap_err(),
        ] {
            assert!(matches!(e, Error::TooLarge { limit: 16, .. }), "{e:?}");
            assert!(e.to_string().contains("16 bytes"), "{e}");
        }
        assert_eq!(describe_limit(SECRET_LIMIT), "65536 bytes (64 KiB)");
        assert_eq!(describe_limit(JWT_LIMIT), "1048576 bytes (1 MiB)");
    }

    #[test]
    fn not_utf8_is_an_error() {
        let f = file(b"\xff\xfe\n");
        let e = first_line(Source::File(f.path()), "x", 16).unwrap_err();
        assert!(e.to_string().contains("not UTF-8"), "{e}");
    }
}
