//! The agent's Unix socket: the client's one request per connection, the
//! server loop, and the socket's private directory. Unix only.

use std::io::Read;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::sys;
use super::{peer_allowed, read_msg, write_msg, Agent, AgentError, DEADLINE};

/// One request to the agent at `sock`; an `{error}` answer is [`AgentError::Refused`].
pub fn request(sock: &Path, req: &Value) -> Result<Value, AgentError> {
    let unreachable = |e: std::io::Error| AgentError::Unreachable {
        sock: sock.to_path_buf(),
        reason: e.to_string(),
    };
    let mut s = UnixStream::connect(sock).map_err(unreachable)?;
    s.set_read_timeout(Some(DEADLINE)).map_err(unreachable)?;
    s.set_write_timeout(Some(DEADLINE)).map_err(unreachable)?;
    // An agent that refuses this process answers before it reads: the
    // write may fail, and the answer still be there to read.
    let wrote = write_msg(&mut s, req);
    // One deadline for the whole answer, as the agent gives its clients:
    // a hung or trickling agent cannot hold a command.
    let answer = read_msg(&mut Deadline {
        s: &s,
        until: Instant::now() + DEADLINE,
    })
    .map_err(|e| match &wrote {
        Err(w) => unreachable(std::io::Error::new(w.kind(), w.to_string())),
        Ok(()) => AgentError::Protocol {
            sock: sock.to_path_buf(),
            reason: if e.kind() == std::io::ErrorKind::UnexpectedEof {
                "it closed the connection (was this process refused?)".into()
            } else {
                e.to_string()
            },
        },
    })?;
    match answer.get("error").and_then(Value::as_str) {
        Some(e) => Err(AgentError::Refused(e.to_string())),
        None => Ok(answer),
    }
}

/// Serve one connection: check the peer, read the request within the
/// deadline, answer. Errors end the connection only.
pub fn serve_one(agent: &mut Agent, mut s: UnixStream) {
    let _ = s.set_read_timeout(Some(DEADLINE));
    let _ = s.set_write_timeout(Some(DEADLINE));
    match sys::peer_uid(&s) {
        Ok(uid) if peer_allowed(uid, sys::own_uid()) => {}
        // Another user: told so, and nothing it sends is read.
        Ok(uid) => {
            let _ = write_msg(
                &mut s,
                &json!({ "error": format!("uid {uid} may not use this agent: it serves its own user only") }),
            );
            return;
        }
        Err(_) => return,
    }
    let mut within = Deadline {
        s: &s,
        until: Instant::now() + DEADLINE,
    };
    let answer = match read_msg(&mut within) {
        Ok(req) => agent.answer(&req),
        Err(e) => json!({ "error": format!("bad request: {e}") }),
    };
    let _ = write_msg(&mut s, &answer);
}

/// Reads from a connection until a deadline for the whole request (a
/// timeout per read would let a client that trickles bytes hold the agent).
struct Deadline<'a> {
    s: &'a UnixStream,
    until: Instant,
}

impl Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the request took longer than the agent's deadline",
            ));
        }
        self.s.set_read_timeout(Some(left))?;
        let mut s = self.s;
        s.read(buf)
    }
}

/// Serve until stopped (a `stop` request or a signal), forgetting the keys
/// when the TTL passes. Connections are served one at a time, each bounded
/// by [`DEADLINE`]; the loop wakes at least every 200 ms to check the clock.
pub fn serve(listener: UnixListener, agent: &mut Agent) {
    sys::catch_signals();
    let _ = listener.set_nonblocking(true);
    while !agent.stopping() && !sys::signalled() {
        sys::wait_readable(&listener, Duration::from_millis(200));
        agent.tick();
        match listener.accept() {
            Ok((s, _)) => {
                let _ = s.set_nonblocking(false);
                serve_one(agent, s);
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
    agent.forget();
}

/// A new directory of mode 0700 for the socket, under `base` (the CLI
/// passes `$XDG_RUNTIME_DIR` when set, else the temporary directory).
pub fn socket_dir(base: &Path) -> Result<PathBuf, AgentError> {
    use std::os::unix::fs::DirBuilderExt;
    let mut r = [0u8; 8];
    aws_lc_rs::rand::fill(&mut r).map_err(|_| AgentError::Start("no random bytes".into()))?;
    let name: String = r.iter().map(|b| format!("{b:02x}")).collect();
    let dir = base.join(format!("pkjwt-agent-{name}"));
    std::fs::DirBuilder::new()
        .mode(0o700)
        .create(&dir)
        .map_err(|e| AgentError::Start(format!("cannot create {}: {e}", dir.display())))?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_trickling_client_is_cut_off_at_the_deadline() {
        let (a, mut b) = UnixStream::pair().unwrap();
        let writer = std::thread::spawn(move || {
            // The length, then a byte every 100 ms: each read is quick, the
            // whole request is not.
            let _ = b.write_all(&100u32.to_be_bytes());
            for _ in 0..100 {
                if b.write_all(b" ").is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        let started = Instant::now();
        let mut d = Deadline {
            s: &a,
            until: Instant::now() + Duration::from_millis(500),
        };
        let e = read_msg(&mut d).unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(2), "{e}");
        drop(a);
        writer.join().unwrap();
    }

    #[test]
    fn the_peer_of_a_socket_pair_is_this_user() {
        let (a, _b) = UnixStream::pair().unwrap();
        assert_eq!(sys::peer_uid(&a).unwrap(), sys::own_uid());
    }
}
