//! The pager for long output on a terminal (`Config::pager`): the command run by `sh -c`, the
//! output written to its standard input, waited for at the end. A pager that cannot start
//! leaves the output on standard output.

use std::io::Write;
use std::process::{Child, ChildStdin, Command, Stdio};

use crate::config::Request;

/// Whether a request's output can be long enough to page (listings, a contact, a history).
pub(crate) fn pages(request: &Request) -> bool {
    match request {
        Request::Agenda { .. }
        | Request::List { .. }
        | Request::Show { .. }
        | Request::Profile { .. }
        | Request::Brief { .. }
        | Request::Overdue { .. }
        | Request::Upcoming { .. }
        | Request::Check { .. }
        | Request::Accounts { .. }
        | Request::History { .. }
        | Request::Changes { .. }
        | Request::Cards(_) => true,
        Request::Outreach(o) => !o.write && !o.apply,
        Request::Checkup { write, .. } => !write,
        _ => false,
    }
}

/// A running pager: what is written goes to it.
pub(crate) struct Pager {
    child: Child,
    stdin: Option<ChildStdin>,
}

impl Pager {
    /// Starts `command` with `sh -c`; `None` when it cannot start.
    pub(crate) fn start(command: &str) -> Option<Pager> {
        let mut child = Command::new("sh").args(["-c", command]).stdin(Stdio::piped()).spawn().ok()?;
        let stdin = child.stdin.take()?;
        Some(Pager { child, stdin: Some(stdin) })
    }

    pub(crate) fn input(&mut self) -> Option<&mut ChildStdin> {
        self.stdin.as_mut()
    }

    /// Closes the pager's input and waits until the user quits it.
    pub(crate) fn finish(mut self) {
        if let Some(mut stdin) = self.stdin.take() {
            let _ = stdin.flush();
        }
        let _ = self.child.wait();
    }
}
