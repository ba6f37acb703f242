//! The real DAV loop for the sync tests: a Radicale server on 127.0.0.1 (a free port, storage in
//! the test's temp dir, no authentication) and vdirsyncer with a config of the test's own
//! (status in the temp dir, never the user's `~/.config`). The server is killed on drop.
//!
//! The tools come from `$TOUCHBASE_TEST_DAV_BIN` (the venv `.ci/run` makes), else `PATH`. When
//! they are missing, [`Dav::start`] prints a loud SKIPPED line and returns `None`, unless
//! `TOUCHBASE_REQUIRE_DAV=1` (set by `.ci/run`): then the test fails.
//!
//! ```ignore
//! let Some(mut dav) = Dav::start() else { return };
//! dav.vdirsyncer_pair("cal", Kind::Calendar, &local);   // local/<collection>/ is a vdir
//! dav.discover();
//! dav.sync();
//! ```

use std::fmt::Write as _;
use std::io::Write as _;
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// What a pair syncs: a `CardDAV` address book or a `CalDAV` calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(dead_code)] // `Contacts` is for the contacts sync's tests
pub(crate) enum Kind {
    Contacts,
    Calendar,
}

/// A running Radicale and the vdirsyncer config that talks to it.
pub(crate) struct Dav {
    root: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
    server: Child,
    config: String,
}

/// The folder holding both tools, or `None` (after the SKIPPED message) when they are missing.
fn tool_dir() -> Option<PathBuf> {
    let has_both = |dir: &Path| dir.join("radicale").is_file() && dir.join("vdirsyncer").is_file();
    let from_env = std::env::var_os("TOUCHBASE_TEST_DAV_BIN").map(PathBuf::from);
    let path = std::env::var_os("PATH").unwrap_or_default();
    let found = from_env.into_iter().chain(std::env::split_paths(&path)).find(|d| has_both(d));
    if found.is_none() {
        let how = "python3 -m venv ~/.cache/touchbase-ci-venv && \
                   ~/.cache/touchbase-ci-venv/bin/pip install radicale==3.9.0 vdirsyncer==0.21.0, \
                   then TOUCHBASE_TEST_DAV_BIN=~/.cache/touchbase-ci-venv/bin (or run .ci/run)";
        assert!(
            std::env::var("TOUCHBASE_REQUIRE_DAV").as_deref() != Ok("1"),
            "TOUCHBASE_REQUIRE_DAV=1 but radicale/vdirsyncer were not found in \
             $TOUCHBASE_TEST_DAV_BIN or PATH; install them: {how}"
        );
        // Straight to the process's stderr, past the test harness's capture: loud even when the
        // test passes.
        let _ = writeln!(
            std::io::stderr(),
            "\n*** SKIPPED: radicale/vdirsyncer not installed (run .ci/run, or: {how}) ***\n"
        );
    }
    found
}

/// A path as a TOML string (Rust's escapes of a `str` are TOML's for these characters).
fn quoted(path: &Path) -> String {
    format!("{:?}", path.to_str().unwrap())
}

fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap().local_addr().unwrap().port()
}

impl Dav {
    /// Starts Radicale; `None` when the tools are missing (see the module's doc).
    pub(crate) fn start() -> Option<Dav> {
        let bin = tool_dir()?;
        let root = tempfile::Builder::new().prefix("touchbase-dav").tempdir().unwrap();
        // A port taken between `free_port` and the server's bind: try another.
        for _ in 0..5 {
            let port = free_port();
            let mut server = Command::new(bin.join("radicale"))
                .args(["-C", "/dev/null", "--server-hosts"])
                .arg(format!("127.0.0.1:{port}"))
                .arg("--storage-filesystem-folder")
                .arg(root.path().join("radicale"))
                .args(["--auth-type", "none", "--logging-level", "warning"])
                .env("HOME", root.path())
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(std::fs::File::create(root.path().join("radicale.log")).unwrap())
                .spawn()
                .unwrap_or_else(|e| panic!("starting radicale: {e}"));
            if wait_until_listening(&mut server, port) {
                let config = format!("[general]\nstatus_path = {}\n", quoted(&root.path().join("status")));
                return Some(Dav { root, bin, port, server, config });
            }
            let _ = server.kill();
            let _ = server.wait();
        }
        let log = std::fs::read_to_string(root.path().join("radicale.log")).unwrap_or_default();
        panic!("radicale did not start:\n{log}");
    }

    /// The test's temp dir (server storage, status, config live under it).
    pub(crate) fn dir(&self) -> &Path {
        self.root.path()
    }

    /// The server's base URL.
    pub(crate) fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// Adds a pair `name` between `local` (a folder of vdirs, one per collection, created if
    /// missing) and the server, syncing every collection either side has. The server's user is
    /// `user` (any password: no authentication).
    pub(crate) fn vdirsyncer_pair(&mut self, name: &str, kind: Kind, local: &Path) {
        std::fs::create_dir_all(local).unwrap();
        let (ext, remote) = match kind {
            Kind::Contacts => (".vcf", "carddav"),
            Kind::Calendar => (".ics", "caldav"),
        };
        let url = self.url();
        let c = &mut self.config;
        writeln!(c, "\n[pair {name}]\na = \"{name}_local\"\nb = \"{name}_remote\"").unwrap();
        writeln!(c, "collections = [\"from a\", \"from b\"]").unwrap();
        writeln!(c, "\n[storage {name}_local]\ntype = \"filesystem\"\npath = {}", quoted(local)).unwrap();
        writeln!(c, "fileext = \"{ext}\"").unwrap();
        writeln!(c, "\n[storage {name}_remote]\ntype = \"{remote}\"\nurl = \"{url}\"").unwrap();
        writeln!(c, "username = \"user\"\npassword = \"any\"").unwrap();
        std::fs::write(self.config_path(), &self.config).unwrap();
    }

    /// Pairs `laptop` and `phone` (folders of vdirs) with the server as two devices would, then
    /// runs `discover`, `sync` and `discover` again: the phone's pair learns of the collections
    /// the laptop created on the server. The caller syncs next.
    pub(crate) fn pair_laptop_and_phone(&mut self, kind: Kind, laptop: &Path, phone: &Path) {
        self.vdirsyncer_pair("laptop", kind, laptop);
        self.vdirsyncer_pair("phone", kind, phone);
        self.discover();
        self.sync();
        self.discover();
    }

    fn config_path(&self) -> PathBuf {
        self.root.path().join("vdirsyncer.conf")
    }

    /// Runs vdirsyncer with the test's config, `yes` on standard input (its create-collection
    /// prompts), and returns what it printed; panics when it fails.
    pub(crate) fn vdirsyncer(&self, args: &[&str]) -> String {
        let mut child = Command::new(self.bin.join("vdirsyncer"))
            .arg("-c")
            .arg(self.config_path())
            .args(args)
            .env("HOME", self.root.path())
            .env("XDG_CONFIG_HOME", self.root.path().join("config"))
            .env("XDG_DATA_HOME", self.root.path().join("data"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("starting vdirsyncer: {e}"));
        // Dropped at the end of the statement: vdirsyncer sees the end of its input.
        let _ = child.stdin.take().unwrap().write_all("y\n".repeat(32).as_bytes());
        let Output { status, stdout, stderr } = child.wait_with_output().unwrap();
        let text = format!("{}{}", String::from_utf8_lossy(&stdout), String::from_utf8_lossy(&stderr));
        assert!(status.success(), "vdirsyncer {args:?} failed ({status}):\n{text}");
        text
    }

    /// `vdirsyncer discover` for every pair (creating missing collections on either side).
    pub(crate) fn discover(&self) -> String {
        self.vdirsyncer(&["discover"])
    }

    /// `vdirsyncer sync` for every pair.
    pub(crate) fn sync(&self) -> String {
        self.vdirsyncer(&["sync"])
    }

    /// The items the server stores in `user`'s collection `collection` (its own file layout,
    /// which Radicale documents: one file per item), as (file name, text), by name.
    pub(crate) fn server_items(&self, collection: &str) -> Vec<(String, String)> {
        let dir = self.root.path().join("radicale/collection-root/user").join(collection);
        let mut items: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().unwrap().is_file() && !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| {
                (e.file_name().to_string_lossy().into_owned(), std::fs::read_to_string(e.path()).unwrap())
            })
            .collect();
        items.sort();
        items
    }
}

fn wait_until_listening(server: &mut Child, port: u16) -> bool {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if server.try_wait().unwrap().is_some() {
            return false;
        }
        if TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

impl Drop for Dav {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// The harness itself: an item written into one vdir reaches a second vdir through the server.
#[test]
fn an_item_travels_through_radicale_to_a_second_vdir() {
    let Some(mut dav) = Dav::start() else { return };
    let (laptop, phone) = (dav.dir().join("laptop"), dav.dir().join("phone"));
    std::fs::create_dir_all(laptop.join("touchbase")).unwrap();
    let event = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:one@test\r\n\
                 DTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260101\r\nSUMMARY:hello\r\nEND:VEVENT\r\n\
                 END:VCALENDAR\r\n";
    std::fs::write(laptop.join("touchbase/one.ics"), event).unwrap();
    dav.pair_laptop_and_phone(Kind::Calendar, &laptop, &phone);
    dav.sync();
    let items = dav.server_items("touchbase");
    assert_eq!(items.len(), 1, "{items:?}");
    let got: Vec<_> =
        std::fs::read_dir(phone.join("touchbase")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(std::fs::read_to_string(&got[0]).unwrap().contains("SUMMARY:hello"));
}
