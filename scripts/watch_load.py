#!/usr/bin/env python3
"""Load test of `touchbase watch` on a big generated vault (issue 7; a dev tool, not run in CI).

Usage: scripts/watch_load.py [--count 100000] [--vault DIR] [--rate 10] [--seconds 60]
                             [--burst 5000] [--seed 7] [--debounce 100] [--no-build] [--trace FILE]

This full-size run is documented here and in docs/reliability-watch.md; CI runs a scaled-down
version (tests/integration/watch_load.rs: 2,000 contacts, 20 edits/s for 5 s, a 500-file burst).

1. Builds the release binary and gen_vault, and generates (or reuses) a COUNT-contact vault
   (default /tmp/touchbase-watch-load-COUNT). A run leaves the vault as it found it (plus
   INDEX.md); a run that was killed leaves a `DIR.dirty` marker, and the next run regenerates.
2. Starts `touchbase --vault DIR --today 2026-11-26 watch --debounce 100` with
   TOUCHBASE_CACHE_DIR set to a fresh temp dir (a cold first load), waits for the `watching`
   line, and samples VmRSS and VmHWM from /proc/PID/status every 0.25 s until it exits.
3. Idle: the watcher's CPU time (utime + stime from /proc/PID/stat) over 10 quiet seconds.
4. Steady load: RATE edits per second for SECONDS seconds to random overdue contacts (fixed
   seed; contacts at least 30 days overdue). In seconds 0 and 1 of every 4, RATE contacts a
   second get `last_contact: 2026-11-26` (their row leaves the Overdue table); in seconds 2 and 3
   the same contacts, 2 s after their first edit, get their original bytes back with last_contact
   one day later than the original (the row returns, showing that date: unlike the original row,
   it cannot be on the page before the edit is handled). Half the saves write a temp file and
   rename it over the contact, half rewrite it in place. A poller stats INDEX.md every 5 ms and,
   when it changed, reads it and checks the Overdue table for the pending edits: save-to-page
   latency = first page with the expected row state - end of the save (resolution ~10 ms: the
   poll interval plus reading the ~9 MB page). A row that leaves and returns in one regeneration
   counts both edits as seen then.
5. Burst: BURST/2 new contacts (half in new folders, half in existing ones) and BURST/2 edits of
   existing contacts (new last_contact; half renamed over, half in place), written as fast as
   possible, interleaved, like a `git checkout`. Waits for the page to count the new contacts,
   then for a quiet watcher, then changes a probe contact (cadence: none, so on no section) and
   waits for its own `unchanged` line: every earlier change has been handled then. Counts the
   stdout lines (one per regeneration) in between.
6. SIGTERM (exit 0 expected), copies INDEX.md aside, runs `touchbase ... --no-cache index` and
   compares the two byte for byte: equal means no update was lost.

Exit status 0 when the watcher exited 0, nothing timed out and the pages are equal.
"""
import argparse
import datetime
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

TODAY = "2026-11-26"
ROW = re.compile(r"^(?P<head>\| \[.+?\]\((?P<link>[^)]+)\) \| .*? \| )(?P<last>\d{4}-\d\d-\d\d) \| .+ \| (?P<days>\d+) \|$")
LAST_CONTACT = re.compile(rb"(?m)^last_contact: *(\S+)[ \t]*$")
PROBE = "watchload/Probe.md"


def probe_text(n):
    return f"---\nname: Watch Load Probe\ncadence: none\nrole: probe {n}\n---\n".encode()


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def write_in_place(path, data):
    with open(path, "wb") as f:
        f.write(data)


def write_renamed(path, data):
    temp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".tmp")
    with open(temp, "wb") as f:
        f.write(data)
    os.replace(temp, path)


class Watcher:
    """The running `touchbase watch`: its output lines (with times) and its /proc figures."""

    def __init__(self, binary, vault, env, debounce):
        self.proc = subprocess.Popen(
            [binary, "--vault", vault, "--today", TODAY, "watch", "--debounce", str(debounce)],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        self.out, self.err = [], []
        self.samples = []  # (monotonic, phase, VmRSS kB, VmHWM kB)
        self.phase = "startup"
        self.started = time.monotonic()
        self.readers = [threading.Thread(target=self._read, args=(s, l), daemon=True)
                        for s, l in ((self.proc.stdout, self.out), (self.proc.stderr, self.err))]
        self.readers.append(threading.Thread(target=self._sample, daemon=True))
        for t in self.readers:
            t.start()

    def _read(self, stream, lines):
        for raw in stream:
            lines.append((time.monotonic(), raw.decode("utf-8", "replace").rstrip("\n")))

    def _sample(self):
        while self.proc.poll() is None:
            try:
                with open(f"/proc/{self.proc.pid}/status") as f:
                    fields = dict(line.split(":", 1) for line in f if ":" in line)
                rss, hwm = (int(fields[k].split()[0]) for k in ("VmRSS", "VmHWM"))
                self.samples.append((time.monotonic(), self.phase, rss, hwm))
            except (OSError, KeyError, ValueError):
                pass
            time.sleep(0.25)

    def cpu_seconds(self):
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        # Fields 14 and 15 (utime, stime) of proc(5), counted from the state (field 3).
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def wait_for(self, what, done, timeout):
        deadline = time.monotonic() + timeout
        while not done():
            if self.proc.poll() is not None:
                raise SystemExit(f"watch exited ({self.proc.returncode}) while waiting for {what}\n"
                                 + "\n".join(l for _, l in self.err[-20:]))
            if time.monotonic() > deadline:
                raise SystemExit(f"timed out after {timeout} s waiting for {what}")
            time.sleep(0.01)


class PagePoller(threading.Thread):
    """Polls the page; settles the pending edits whose row reached the expected state.

    An edit is {"needle": bytes, "present": bool, "saved": time, "after": the contact's earlier
    edit or None, ...}: settled by the first page whose Overdue table has (or lacks) the needle.
    An earlier edit of the same contact also settles when a later one does."""

    def __init__(self, page):
        super().__init__(daemon=True)
        self.page, self.lock, self.pending, self.done, self.running = page, threading.Lock(), [], [], True
        self.versions = 0

    def add(self, edit):
        with self.lock:
            self.pending.append(edit)

    def run(self):
        last = None
        while self.running:
            try:
                st = os.stat(self.page)
            except OSError:
                time.sleep(0.005)
                continue
            key = (st.st_ino, st.st_mtime_ns, st.st_size)
            if key != last:
                seen = time.monotonic()
                with open(self.page, "rb") as f:
                    text = f.read()
                last = key
                self.versions += 1
                start = text.find(b"\n## Overdue\n")
                end = text.find(b"\n## ", start + 1) if start >= 0 else -1
                overdue = text[start:end if end >= 0 else len(text)] if start >= 0 else b""
                with self.lock:
                    for e in self.pending:
                        if (e["needle"] in overdue) == e["present"]:
                            e["latency"] = seen - e["saved"]
                            earlier = e["after"]
                            while earlier is not None and earlier["latency"] is None:
                                earlier["latency"] = seen - earlier["saved"]
                                earlier = earlier["after"]
                    self.done += [e for e in self.pending if e["latency"] is not None]
                    self.pending = [e for e in self.pending if e["latency"] is None]
            time.sleep(0.005)


def overdue_rows(page):
    """(path relative to the vault, row head up to the last contact, last contact, days overdue)."""
    rows, section = [], None
    with open(page, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("## "):
                section = line
                continue
            if section == "## Overdue":
                m = ROW.match(line)
                if m:
                    rows.append((urllib.parse.unquote(m["link"]), m["head"], m["last"], int(m["days"])))
    return rows


def tail(path, size=400):
    try:
        with open(path, "rb") as f:
            f.seek(max(0, os.stat(path).st_size - size))
            return f.read()
    except OSError:
        return b""


def new_contact(n):
    return (f"---\nname: Burst Contact {n:05d}\ncompany: Burst Corp {n % 17}\ncadence: monthly\n"
            f"last_contact: 2026-{9 + n % 3:02d}-{1 + n % 28:02d}\ntags: [burst]\n---\nCreated by the burst.\n").encode()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100000)
    parser.add_argument("--vault")
    parser.add_argument("--rate", type=int, default=10, help="edits per second")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--burst", type=int, default=5000, help="files in the burst (half new)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--debounce", type=int, default=100)
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--trace", help="write every steady edit and watcher line, with times, to this file")
    args = parser.parse_args()
    repo = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
    binary = os.path.join(repo, "target", "release", "touchbase")
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet", "--example", "gen_vault"], cwd=repo, check=True)
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=repo, check=True)
    vault = os.path.abspath(args.vault or f"/tmp/touchbase-watch-load-{args.count}")
    marker = vault + ".dirty"
    if os.path.exists(marker) or not os.path.isdir(vault):
        shutil.rmtree(vault, ignore_errors=True)
        started = time.monotonic()
        subprocess.run([os.path.join(repo, "target", "release", "examples", "gen_vault"), str(args.count), vault],
                       check=True)
        log(f"generated {vault} in {time.monotonic() - started:.1f} s")
    else:
        log(f"reusing {vault}")
    log("load average (1, 5, 15 min): %.2f %.2f %.2f on %d CPUs" % (*os.getloadavg(), os.cpu_count()))
    open(marker, "w").close()
    cache = tempfile.mkdtemp(prefix="touchbase-watch-load-cache-")
    env = dict(os.environ, TOUCHBASE_CACHE_DIR=cache)
    for key in ("NO_COLOR", "TOUCHBASE_VAULT", "TOUCHBASE_TODAY", "CLICOLOR_FORCE"):
        env.pop(key, None)
    page = os.path.join(vault, "INDEX.md")
    rng = random.Random(args.seed)
    originals = {}  # relative path -> original bytes, for the files this run modifies
    created = []  # relative paths this run creates
    created_dirs = []
    failures = []

    def remember(relative):
        if relative not in originals:
            with open(os.path.join(vault, relative), "rb") as f:
                originals[relative] = f.read()
        return originals[relative]

    os.makedirs(os.path.join(vault, os.path.dirname(PROBE)), exist_ok=True)
    created_dirs.append(os.path.dirname(PROBE))
    created.append(PROBE)
    write_in_place(os.path.join(vault, PROBE), probe_text(0))
    # The startup page says how many contacts there are; the old page must not be mistaken for it.
    if os.path.exists(page):
        os.remove(page)

    w = None
    try:
        start = time.monotonic()
        w = Watcher(binary, vault, env, args.debounce)
        w.wait_for("the `watching` line", lambda: any("watching" in l for _, l in w.err), 600)
        w.wait_for("the startup line", lambda: w.out, 60)
        startup = time.monotonic() - start
        log(f"watching (pid {w.proc.pid}) after {startup:.1f} s (cold load, no parse cache): {w.out[0][1]}")
        contacts = int(re.search(r": (\d+) contacts", w.out[0][1])[1])

        # Idle CPU.
        w.phase = "idle"
        time.sleep(2)
        cpu0, t0 = w.cpu_seconds(), time.monotonic()
        time.sleep(10)
        idle_cpu, idle_wall = w.cpu_seconds() - cpu0, time.monotonic() - t0
        log(f"idle: {idle_cpu * 1000:.0f} ms CPU in {idle_wall:.1f} s, {len(w.out) - 1} regenerations")
        if len(w.out) != 1:
            failures.append(f"regenerations while idle: {w.out[1:]}")

        # Steady load.
        rows = [r for r in overdue_rows(page) if not r[0].startswith(".")]
        usable = []
        for relative, head, last, days in rows:
            if days < 30:
                continue
            try:
                with open(os.path.join(vault, relative), "rb") as f:
                    found = LAST_CONTACT.findall(f.read())
            except OSError:
                continue
            if found == [last.encode()]:
                usable.append((relative, head, last))
        rng.shuffle(usable)
        def slot(i):
            second, j = divmod(i, args.rate)
            return ((second // 4) * 2 + second % 2) * args.rate + j

        pool = usable[:max(slot(i) for i in range(args.rate * args.seconds)) + 1]
        log(f"{len(rows)} overdue rows, {len(usable)} usable; steady load: {args.rate}/s for {args.seconds} s "
            f"on {len(pool)} contacts")
        poller = PagePoller(page)
        poller.start()
        w.phase = "steady"
        mark_steady = len(w.out)
        edits = args.rate * args.seconds
        t0 = time.monotonic()
        cpu0 = w.cpu_seconds()
        lag = 0.0
        previous = {}
        for i in range(edits):
            due = t0 + i / args.rate
            now = time.monotonic()
            if due > now:
                time.sleep(due - now)
            lag = max(lag, time.monotonic() - due)
            second = i // args.rate
            relative, head, last = pool[slot(i)]
            original = remember(relative)
            leaving = second % 4 < 2
            if leaving:
                data = LAST_CONTACT.sub(b"last_contact: " + TODAY.encode(), original, count=1)
                needle = ("\n" + head).encode()
            else:
                later = (datetime.date.fromisoformat(last) + datetime.timedelta(days=1)).isoformat()
                data = LAST_CONTACT.sub(b"last_contact: " + later.encode(), original, count=1)
                needle = f"\n{head}{later} | ".encode()
            (write_renamed if (i + second) % 2 == 0 else write_in_place)(os.path.join(vault, relative), data)
            edit = {"contact": relative, "needle": needle, "present": not leaving, "saved": time.monotonic(),
                    "after": previous.get(relative), "latency": None, "renamed": (i + second) % 2 == 0}
            previous[relative] = edit
            poller.add(edit)
        written = time.monotonic() - t0
        steady_cpu = w.cpu_seconds() - cpu0
        deadline = time.monotonic() + 60
        while poller.pending and time.monotonic() < deadline and w.proc.poll() is None:
            time.sleep(0.05)
        poller.running = False
        poller.join()
        steady_lines = w.out[mark_steady:]
        latencies = sorted(e["latency"] * 1000 for e in poller.done if e["latency"] is not None)
        lost = len(poller.pending)
        for label, subset in (("renamed", True), ("in place", False)):
            part = sorted(e["latency"] * 1000 for e in poller.done if e["latency"] is not None and e["renamed"] == subset)
            if part:
                log(f"  {label}: {len(part)} edits, median {statistics.median(part):.0f} ms, worst {part[-1]:.0f} ms")
        regen_ms = [int(m[1]) for _, l in steady_lines if (m := re.search(r"; (\d+) ms$", l))]
        q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
        log(f"steady: {edits} edits written in {written:.1f} s (worst writer lag {lag * 1000:.0f} ms); "
            f"{len(latencies)} seen, {lost} never seen; "
            f"save-to-page median {statistics.median(latencies):.0f} ms, p95 {q[94]:.0f} ms, "
            f"worst {latencies[-1]:.0f} ms; {len(steady_lines)} regenerations "
            f"({sum('unchanged' in l for _, l in steady_lines)} unchanged), each "
            f"median {statistics.median(regen_ms) if regen_ms else 0:.0f} ms, worst {max(regen_ms, default=0)} ms "
            f"(watcher's own figure); page versions seen: {poller.versions}")
        log(f"  watcher CPU during the {written:.0f} s of edits: {steady_cpu:.1f} s ({100 * steady_cpu / written:.0f}% of one core)")
        if args.trace:
            with open(args.trace, "w") as f:
                f.write("# time (s since the first edit)\tevent\n")
                for e in poller.done + poller.pending:
                    latency = "never" if e["latency"] is None else f"{e['latency'] * 1000:.0f} ms"
                    f.write(f"{e['saved'] - t0:.3f}\tedit {e['contact']} present={e['present']} "
                            f"renamed={e['renamed']} latency={latency}\n")
                for t, l in w.out[mark_steady:]:
                    f.write(f"{t - t0:.3f}\tstdout {l}\n")
            subprocess.run(["sort", "-g", "-o", args.trace, args.trace], check=True)
        if lost:
            failures.append(f"{lost} steady edits never reached the page")

        # Burst.
        w.phase = "burst"
        half = args.burst // 2
        taken = {r for r, _, _ in pool}
        candidates = []
        for dirpath, dirnames, filenames in os.walk(vault):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.endswith(".md"):
                    candidates.append(os.path.relpath(os.path.join(dirpath, name), vault))
        folders = sorted({os.path.dirname(c) for c in candidates if os.path.dirname(c) and c != PROBE})
        candidates = [c for c in candidates if c not in taken and c != PROBE and c != "INDEX.md"]
        rng.shuffle(candidates)
        modify = []
        for relative in candidates:
            if len(modify) == half:
                break
            if len(LAST_CONTACT.findall(remember(relative))) == 1:
                modify.append(relative)
        plan = []
        for n in range(half):
            if n % 2 == 0:
                folder = f"burst/{n // 200:02d}"
            else:
                folder = rng.choice(folders)
            plan.append(("new", os.path.join(folder, f"Burst Contact {n:05d}.md"), new_contact(n)))
        for n, relative in enumerate(modify):
            day = f"2026-11-{1 + n % 25:02d}"
            plan.append(("edit", relative, LAST_CONTACT.sub(b"last_contact: " + day.encode(), originals[relative], count=1)))
        rng.shuffle(plan)
        mark_burst = len(w.out)
        t0 = time.monotonic()
        for n, (kind, relative, data) in enumerate(plan):
            path = os.path.join(vault, relative)
            if kind == "new":
                folder = os.path.dirname(relative)
                if not os.path.isdir(os.path.join(vault, folder)):
                    top = folder.split("/")[0]
                    if not os.path.isdir(os.path.join(vault, top)):
                        created_dirs.append(top)
                    os.makedirs(os.path.join(vault, folder))
                created.append(relative)
            (write_renamed if n % 2 == 0 else write_in_place)(path, data)
        burst_written = time.monotonic() - t0
        expected = contacts + half
        footer = f" · {expected} contacts\n".encode()
        w.wait_for(f"the page to count {expected} contacts", lambda: tail(page).endswith(footer), 300)
        counted = time.monotonic() - t0
        # Quiet: no stdout line for 3 s (a gathering window is at most 5 s, then one regeneration).
        w.wait_for("a quiet watcher", lambda: time.monotonic() - (w.out[-1][0] if w.out else 0) > 3, 300)
        before = len(w.out)
        write_renamed(os.path.join(vault, PROBE), probe_text(1))
        w.wait_for("the probe's line", lambda: any(f"(~1 {PROBE})" in l for _, l in w.out[before:]), 60)
        burst_lines = w.out[mark_burst:before]
        probe_line = next(l for _, l in w.out[before:] if f"(~1 {PROBE})" in l)
        if " unchanged " not in probe_line or len(w.out) != before + 1:
            failures.append(f"the probe regenerated: {w.out[before:]}")
        log(f"burst: {len(plan)} files ({half} new, {len(modify)} modified) written in {burst_written:.2f} s; "
            f"page counted them {counted:.1f} s after the first write; {len(burst_lines)} regenerations:")
        for t, l in burst_lines:
            log(f"  +{t - t0:6.2f} s  {l}")

        # Stop, compare with a fresh `index`.
        w.phase = "stop"
        time.sleep(1)
        w.proc.send_signal(signal.SIGTERM)
        code = w.proc.wait(timeout=60)
        for t in w.readers:
            t.join(timeout=10)
        log(f"SIGTERM: exit {code}; last stderr line: {w.err[-1][1] if w.err else ''!r}")
        if code != 0:
            failures.append(f"exit status {code} after SIGTERM")
        aside = os.path.join(cache, "INDEX.watched.md")
        shutil.copyfile(page, aside)
        t0 = time.monotonic()
        subprocess.run([binary, "--vault", vault, "--today", TODAY, "--no-cache", "index"], check=True, env=env)
        log(f"fresh `index --no-cache` took {time.monotonic() - t0:.1f} s")
        watched, fresh = open(aside, "rb").read(), open(page, "rb").read()
        if watched == fresh:
            log(f"final page: the watched page equals a fresh `index` byte for byte ({len(fresh)} bytes)")
        else:
            keep = f"/tmp/touchbase-watch-load-{os.getpid()}"
            os.makedirs(keep, exist_ok=True)
            shutil.copyfile(aside, os.path.join(keep, "watched.md"))
            shutil.copyfile(page, os.path.join(keep, "fresh.md"))
            failures.append(f"LOST UPDATE: the watched page differs from a fresh `index`; both in {keep}")

        # Memory.
        log("memory (VmRSS min/max per phase, MB):")
        for phase in ("startup", "idle", "steady", "burst", "stop"):
            values = [s[2] for s in w.samples if s[1] == phase]
            if values:
                log(f"  {phase:8s} {min(values) / 1024:7.1f} {max(values) / 1024:7.1f}   ({len(values)} samples)")
        if w.samples:
            log(f"  VmHWM at exit {w.samples[-1][3] / 1024:.1f} MB; RSS every 10 s: "
                + " ".join(f"{s[2] // 1024}" for k, s in enumerate(w.samples) if k % 40 == 0))
    finally:
        if w is not None and w.proc.poll() is None:
            w.proc.kill()
            w.proc.wait()
        for relative in reversed(created):
            try:
                os.remove(os.path.join(vault, relative))
            except OSError:
                pass
        for folder in sorted(set(created_dirs), key=len, reverse=True):
            shutil.rmtree(os.path.join(vault, folder), ignore_errors=True)
        for relative, data in originals.items():
            write_in_place(os.path.join(vault, relative), data)
        shutil.rmtree(cache, ignore_errors=True)
        os.remove(marker)
    log("load average at the end (1, 5, 15 min): %.2f %.2f %.2f on %d CPUs" % (*os.getloadavg(), os.cpu_count()))
    for failure in failures:
        log(f"FAILED: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
