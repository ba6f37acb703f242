//! Exit codes as a type: 0 success, 1 a check failed or nothing matched where something must,
//! 2 usage or vault error (SPEC 4).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    Success,
    /// A check failed, or nothing matched where something must.
    Unmatched,
    Failure,
}

impl Exit {
    #[must_use]
    pub(crate) fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Unmatched => 1,
            Exit::Failure => 2,
        }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit.code())
    }
}
