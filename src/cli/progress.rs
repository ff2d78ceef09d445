//! The command line's [`Progress`]: notes and warnings on stderr (not with
//! -q), details with -v, and a countdown for waits on a terminal.

use std::io::Write;
use std::time::Duration;

use super::Ui;
use crate::duration::human;
use crate::progress::Progress;

impl Progress for Ui {
    fn note(&self, text: &str) {
        Ui::note(self, text);
    }

    fn warn(&self, text: &str) {
        Ui::warn(self, text);
    }

    fn detail(&self, text: &str) {
        Ui::detail(self, text);
    }

    fn waiting(&self, what: &str, left: Duration, total: Duration) {
        if self.live() {
            eprint!(
                "\r  waiting {:>6} for {what} ",
                human(left.as_secs().max(1))
            );
            let _ = std::io::stderr().flush();
        } else if left == total {
            let until = crate::keystore::state::now() + left.as_secs();
            Ui::note(
                self,
                format!(
                    "waiting {} for {what}, until {}",
                    human(left.as_secs()),
                    crate::keystore::cert::rfc3339_unix(until as i64)
                ),
            );
        }
    }

    fn step(&self, what: &str) {
        if self.live() {
            eprint!("  {} ... ", crate::text::printable(what));
            let _ = std::io::stderr().flush();
        }
    }

    fn step_done(&self, _what: &str, outcome: &str) {
        if self.live() {
            eprintln!("{}", crate::text::printable(outcome));
        }
    }

    fn waited(&self, _what: &str, _waited: Duration) {
        if self.live() {
            eprint!("\r\x1b[2K");
            let _ = std::io::stderr().flush();
        }
    }
}
