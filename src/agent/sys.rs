//! The agent's system calls, one guarded definition per platform. Only
//! `std` and `libc` here (no other pkjwt module), so the file type-checks
//! on its own for targets this machine cannot build whole (macOS, BSD).
//!
//! | | Linux, Android | macOS, iOS, BSD | other Unix |
//! |---|---|---|---|
//! | peer uid | `SO_PEERCRED` | `getpeereid` | none: every peer is refused |
//! | memory out of swap | `mlockall` | `mlockall` | `mlockall` |
//! | no core dump, no ptrace | `PR_SET_DUMPABLE` 0 | `RLIMIT_CORE` 0 | `RLIMIT_CORE` 0 |
//!
//! Windows has none of this: there the agent is not built (see `super`).

use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The uid of the process at the other end of `s` (`SO_PEERCRED`).
#[cfg(any(target_os = "linux", target_os = "android"))]
pub fn peer_uid(s: &UnixStream) -> std::io::Result<u32> {
    let mut cred = libc::ucred {
        pid: 0,
        uid: 0,
        gid: 0,
    };
    let mut len = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
    // SAFETY: getsockopt writes at most `len` bytes into `cred`, which is a
    // ucred as SO_PEERCRED asks for.
    let rc = unsafe {
        libc::getsockopt(
            s.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_PEERCRED,
            (&mut cred as *mut libc::ucred).cast(),
            &mut len,
        )
    };
    if rc != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(cred.uid)
}

/// The uid of the process at the other end of `s` (`getpeereid`: the
/// effective uid the peer had when it connected).
#[cfg(any(
    target_os = "macos",
    target_os = "ios",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "netbsd",
    target_os = "dragonfly"
))]
pub fn peer_uid(s: &UnixStream) -> std::io::Result<u32> {
    let mut uid: libc::uid_t = 0;
    let mut gid: libc::gid_t = 0;
    // SAFETY: getpeereid writes one uid_t and one gid_t through the two
    // pointers, which point to locals of those types.
    let rc = unsafe { libc::getpeereid(s.as_raw_fd(), &mut uid, &mut gid) };
    if rc != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(uid)
}

/// No known way to learn the peer's uid: refuse every peer (fail closed).
#[cfg(not(any(
    target_os = "linux",
    target_os = "android",
    target_os = "macos",
    target_os = "ios",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "netbsd",
    target_os = "dragonfly"
)))]
pub fn peer_uid(_: &UnixStream) -> std::io::Result<u32> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "no peer credentials on this system",
    ))
}

/// This process's uid.
pub fn own_uid() -> u32 {
    // SAFETY: getuid cannot fail.
    unsafe { libc::getuid() }
}

/// Set by SIGTERM, SIGINT and SIGHUP in the agent process.
static SIGNALLED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_signal(_: libc::c_int) {
    SIGNALLED.store(true, Ordering::SeqCst);
}

/// Note SIGTERM, SIGINT and SIGHUP (see [`signalled`]) and ignore SIGPIPE
/// (a client that hangs up is an error on its connection only).
pub fn catch_signals() {
    // SAFETY: the handler only stores to an atomic.
    unsafe {
        for sig in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP] {
            libc::signal(sig, on_signal as *const () as libc::sighandler_t);
        }
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
}

/// True once one of the signals of [`catch_signals`] came.
pub fn signalled() -> bool {
    SIGNALLED.load(Ordering::SeqCst)
}

/// Wait until `fd` is readable (a connection to accept), a signal comes, or
/// `timeout` passes.
pub fn wait_readable(fd: &impl AsRawFd, timeout: Duration) {
    let mut pfd = libc::pollfd {
        fd: fd.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = timeout.as_millis().min(i32::MAX as u128) as libc::c_int;
    // SAFETY: one pollfd, valid for the call.
    unsafe { libc::poll(&mut pfd, 1, ms) };
}

/// Keep the process's pages out of swap and core dumps, where the system
/// allows: `mlockall` of the pages mapped now (the keys are loaded by then),
/// and no core dumps (on Linux, no ptrace by other processes of the user
/// either). Returns what could not be done.
#[cfg_attr(not(feature = "cli"), allow(dead_code))] // the CLI uses it
pub fn harden() -> Vec<String> {
    let mut failed = Vec::new();
    // SAFETY: a system call without pointers.
    if unsafe { libc::mlockall(libc::MCL_CURRENT) } != 0 {
        failed.push(format!(
            "mlockall: {} (the keys may be swapped out)",
            std::io::Error::last_os_error()
        ));
    }
    if let Err(e) = no_dumps() {
        failed.push(e);
    }
    failed
}

/// Not dumpable: no core file, and no ptrace or /proc/PID/mem by other
/// processes of the user.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn no_dumps() -> Result<(), String> {
    // SAFETY: a system call without pointers.
    if unsafe { libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0) } != 0 {
        return Err(format!(
            "PR_SET_DUMPABLE: {}",
            std::io::Error::last_os_error()
        ));
    }
    Ok(())
}

/// No core file (there is no prctl here; ptrace of another process needs
/// privileges on macOS).
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn no_dumps() -> Result<(), String> {
    let none = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: setrlimit reads one rlimit through the pointer.
    if unsafe { libc::setrlimit(libc::RLIMIT_CORE, &none) } != 0 {
        return Err(format!("RLIMIT_CORE: {}", std::io::Error::last_os_error()));
    }
    Ok(())
}

/// Which side of [`detach`] this process is.
#[cfg_attr(not(feature = "cli"), allow(dead_code))] // the CLI uses it
pub enum Forked {
    /// The caller, with the agent's process id.
    Parent(i32),
    /// The agent: in a new session, standard streams on /dev/null.
    Child,
}

/// Fork the agent off: the child starts a new session (no controlling
/// terminal) and points its standard streams at /dev/null, so the `$(...)`
/// that reads the parent's output ends when the parent does.
///
/// # Safety
///
/// The process must run no other thread: the child is a copy of the
/// calling thread only, and a lock another thread held stays held.
#[cfg_attr(not(feature = "cli"), allow(dead_code))] // the CLI uses it
pub unsafe fn detach() -> std::io::Result<Forked> {
    let pid = libc::fork();
    if pid < 0 {
        return Err(std::io::Error::last_os_error());
    }
    if pid > 0 {
        return Ok(Forked::Parent(pid));
    }
    libc::setsid();
    let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
    if null >= 0 {
        for fd in 0..3 {
            libc::dup2(null, fd);
        }
        if null > 2 {
            libc::close(null);
        }
    }
    Ok(Forked::Child)
}

/// Wipe the value of the environment variable `name` where the process's
/// environment holds it (for a variable the process started with, that is
/// the block the kernel copied in, which `/proc/PID/environ` shows), then
/// remove the variable.
///
/// # Safety
///
/// The process must run no other thread: the environment is read and
/// written without the lock Rust's `std::env` takes, and the value is
/// written through the pointer `getenv` returns. That memory is writable:
/// the start-up block is on the process's stack, and `setenv` (which Rust's
/// `set_var` calls) copies into the heap; pkjwt never calls `putenv` with a
/// read-only string.
#[cfg_attr(not(feature = "cli"), allow(dead_code))] // the CLI uses it
pub unsafe fn wipe_env(name: &std::ffi::CStr) {
    let value = libc::getenv(name.as_ptr());
    if !value.is_null() {
        let len = libc::strlen(value);
        for i in 0..len {
            // Volatile: the bytes are never read again, so a plain write
            // could be optimised away.
            std::ptr::write_volatile(value.add(i), 0);
        }
    }
    libc::unsetenv(name.as_ptr());
}
