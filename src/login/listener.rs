//! The loopback redirect listener (RFC 8252 section 7.3). Anything on the
//! machine can connect to it, so it listens on a loopback address only,
//! reads at most [`MAX_HEAD`] bytes of a request head within
//! [`READ_DEADLINE`], answers only `GET` on the callback path (404
//! otherwise), never puts a query value into its page unescaped, and is
//! closed when the login ends (it is dropped).

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use super::LoginError;

/// The largest request head read, in bytes.
pub const MAX_HEAD: usize = 8 * 1024;
/// How long one connection may take to send its request head.
pub const READ_DEADLINE: Duration = Duration::from_secs(2);
/// How often the listener looks for a connection or a pasted URL.
const POLL: Duration = Duration::from_millis(20);

/// A loopback redirect URI, taken apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loopback {
    /// The address to listen on (127.0.0.1 or ::1; `localhost` listens on 127.0.0.1).
    pub ip: IpAddr,
    /// The host as written in the URI.
    pub host: String,
    /// The port (0: any free port).
    pub port: u16,
    /// The callback path (`/callback`).
    pub path: String,
}

impl Loopback {
    /// Parse `http://127.0.0.1:PORT/PATH`, `http://[::1]:PORT/PATH` or
    /// `http://localhost:PORT/PATH`; anything else is not a loopback
    /// redirect pkjwt can listen on.
    pub fn parse(uri: &str) -> Result<Loopback, LoginError> {
        let not = |why: &str| LoginError::NotLoopback {
            uri: uri.to_string(),
            why: why.to_string(),
        };
        let rest = uri.strip_prefix("http://").ok_or_else(|| {
            not("it is not http:// (a loopback redirect is plain http, RFC 8252 section 7.3)")
        })?;
        if rest.contains('?') || rest.contains('#') {
            return Err(not("it has a query or fragment"));
        }
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        let (host, port) = if let Some(h) = authority.strip_prefix('[') {
            let (h, p) = h.split_once(']').ok_or_else(|| not("bad IPv6 address"))?;
            (format!("[{h}]"), p.strip_prefix(':').unwrap_or(""))
        } else {
            match authority.rsplit_once(':') {
                Some((h, p)) => (h.to_string(), p),
                None => (authority.to_string(), ""),
            }
        };
        let ip = match host.to_ascii_lowercase().as_str() {
            "127.0.0.1" | "localhost" => IpAddr::V4(Ipv4Addr::LOCALHOST),
            "[::1]" => IpAddr::V6(Ipv6Addr::LOCALHOST),
            _ => return Err(not("its host is not 127.0.0.1, [::1] or localhost")),
        };
        let port = if port.is_empty() {
            80
        } else {
            port.parse::<u16>().map_err(|_| not("bad port"))?
        };
        Ok(Loopback {
            ip,
            host,
            port,
            path: path.to_string(),
        })
    }

    /// The URI with `port`.
    pub fn uri_with_port(&self, port: u16) -> String {
        format!("http://{}:{port}{}", self.host, self.path)
    }
}

/// A bound loopback listener.
#[derive(Debug)]
pub struct Listener {
    inner: TcpListener,
    loopback: Loopback,
    port: u16,
}

impl Listener {
    /// Listen on `redirect_uri`'s loopback address and port (`port`
    /// instead when given; 0 picks a free one).
    pub fn bind(redirect_uri: &str, port: Option<u16>) -> Result<Listener, LoginError> {
        let loopback = Loopback::parse(redirect_uri)?;
        let want = port.unwrap_or(loopback.port);
        let inner = TcpListener::bind(SocketAddr::new(loopback.ip, want)).map_err(|e| {
            LoginError::PortTaken {
                uri: loopback.uri_with_port(want),
                reason: e.to_string(),
            }
        })?;
        let port = inner.local_addr().map(|a| a.port()).unwrap_or(want);
        inner
            .set_nonblocking(true)
            .map_err(|e| LoginError::PortTaken {
                uri: loopback.uri_with_port(port),
                reason: e.to_string(),
            })?;
        Ok(Listener {
            inner,
            loopback,
            port,
        })
    }

    /// The redirect URI to send: the one listened on, with the real port.
    pub fn redirect_uri(&self) -> String {
        self.loopback.uri_with_port(self.port)
    }
}

/// A loopback redirect URI on a port free now:
/// `http://127.0.0.1:PORT/callback`, for registering a client whose server
/// compares redirect URIs exactly, port included.
pub fn free_redirect_uri() -> std::io::Result<String> {
    let l = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    Ok(format!(
        "http://127.0.0.1:{}/callback",
        l.local_addr()?.port()
    ))
}

/// Where the response came from.
#[derive(Debug)]
pub enum Arrival {
    /// The browser reached the listener: the query, and the connection to
    /// answer with [`answer`].
    Loopback(String, TcpStream),
    /// A URL pasted by the user.
    Pasted(String),
}

/// Wait until the callback arrives at `listener` or a URL comes through
/// `pasted`, at most until `deadline`. Other requests are answered 404 and
/// the wait goes on.
pub fn wait(
    listener: Option<&Listener>,
    pasted: Option<&Receiver<String>>,
    deadline: Instant,
) -> Result<Arrival, LoginError> {
    loop {
        if let Some(rx) = pasted {
            if let Ok(url) = rx.try_recv() {
                return Ok(Arrival::Pasted(url));
            }
        }
        if let Some(l) = listener {
            match l.inner.accept() {
                Ok((stream, peer)) if peer.ip().is_loopback() => {
                    if let Some(query) = serve(stream_setup(stream), &l.loopback.path, deadline) {
                        return Ok(Arrival::Loopback(query.0, query.1));
                    }
                }
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                Err(_) => {}
            }
        }
        let now = Instant::now();
        if now >= deadline {
            return Err(LoginError::Timeout);
        }
        std::thread::sleep(POLL.min(deadline - now));
    }
}

fn stream_setup(s: TcpStream) -> TcpStream {
    let _ = s.set_nonblocking(false);
    let _ = s.set_read_timeout(Some(READ_DEADLINE));
    let _ = s.set_write_timeout(Some(READ_DEADLINE));
    s
}

/// Read one request head; a GET on `path` gives its query and the stream,
/// anything else is answered here.
fn serve(mut s: TcpStream, path: &str, deadline: Instant) -> Option<(String, TcpStream)> {
    let stop = (Instant::now() + READ_DEADLINE).min(deadline);
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        if head.len() >= MAX_HEAD || Instant::now() >= stop {
            respond(&mut s, "431 Request Header Fields Too Large", "Too large.");
            return None;
        }
        match s.read(&mut buf) {
            Ok(0) | Err(_) => return None,
            Ok(n) => head.extend_from_slice(&buf[..n.min(MAX_HEAD - head.len())]),
        }
    }
    let line = head
        .split(|&b| b == b'\r')
        .next()
        .and_then(|l| std::str::from_utf8(l).ok())
        .unwrap_or("");
    let mut parts = line.split(' ');
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let (p, q) = target.split_once('?').unwrap_or((target, ""));
    if method != "GET" || p != path {
        respond(&mut s, "404 Not Found", "Not found.");
        return None;
    }
    Some((q.to_string(), s))
}

/// Answer the callback with a short page: `ok`, or what went wrong
/// (escaped); both say to go back to the terminal.
pub fn answer(mut s: TcpStream, ok: bool, message: &str) {
    let body = if ok {
        "Login complete. You can close this page and return to the terminal.".to_string()
    } else {
        format!(
            "Login failed: {}. Return to the terminal for details.",
            html_escape(message)
        )
    };
    respond(&mut s, "200 OK", &body);
}

fn respond(s: &mut TcpStream, status: &str, text: &str) {
    let page = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>pkjwt login</title></head><body><p>{text}</p></body></html>"
    );
    let _ = write!(
        s,
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nContent-Security-Policy: default-src 'none'\r\nConnection: close\r\n\r\n{page}",
        page.len()
    );
    let _ = s.flush();
}

/// `s` with `& < > " '` written as entities.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_uris_parse_and_others_do_not() {
        let l = Loopback::parse("http://127.0.0.1:8765/callback").unwrap();
        assert_eq!((l.port, l.path.as_str()), (8765, "/callback"));
        assert_eq!(
            Loopback::parse("http://[::1]:1/cb").unwrap().ip,
            IpAddr::V6(Ipv6Addr::LOCALHOST)
        );
        assert_eq!(
            Loopback::parse("http://localhost:0/cb")
                .unwrap()
                .uri_with_port(9),
            "http://localhost:9/cb"
        );
        for bad in [
            "https://127.0.0.1:1/cb",
            "http://10.0.0.1:1/cb",
            "http://127.0.0.1:1/cb?x=1",
            "http://127.0.0.1:x/cb",
        ] {
            assert!(Loopback::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            html_escape("<script>\"'&"),
            "&lt;script&gt;&quot;&#39;&amp;"
        );
    }

    fn send(port: u16, req: &str) -> String {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.write_all(req.as_bytes()).unwrap();
        let mut out = String::new();
        let _ = s.read_to_string(&mut out);
        out
    }

    #[test]
    fn only_get_on_the_callback_path_is_taken() {
        let l = Listener::bind("http://127.0.0.1:0/callback", None).unwrap();
        let port = l.port;
        let t = std::thread::spawn(move || {
            let a = send(port, "POST /callback?code=x HTTP/1.1\r\n\r\n");
            let b = send(port, "GET /other HTTP/1.1\r\n\r\n");
            let c = send(
                port,
                &format!("GET /x HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_HEAD)),
            );
            let d = send(
                port,
                "GET /callback?code=C&state=%3Cb%3E HTTP/1.1\r\nHost: x\r\n\r\n",
            );
            (a, b, c, d)
        });
        let got = wait(Some(&l), None, Instant::now() + Duration::from_secs(20)).unwrap();
        let Arrival::Loopback(q, s) = got else {
            panic!()
        };
        assert_eq!(q, "code=C&state=%3Cb%3E");
        answer(s, false, "state <b> is wrong");
        let (a, b, c, d) = t.join().unwrap();
        assert!(a.starts_with("HTTP/1.1 404"), "{a}");
        assert!(b.starts_with("HTTP/1.1 404"), "{b}");
        assert!(c.starts_with("HTTP/1.1 431") || c.is_empty(), "{c}");
        assert!(d.contains("state &lt;b&gt; is wrong"), "{d}");
    }

    #[test]
    fn a_wait_ends_at_its_deadline() {
        let l = Listener::bind("http://127.0.0.1:0/callback", None).unwrap();
        let t = Instant::now();
        assert!(matches!(
            wait(Some(&l), None, t + Duration::from_millis(100)),
            Err(LoginError::Timeout)
        ));
    }
}
