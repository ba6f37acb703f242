#!/usr/bin/env python3
"""Races touchbase writers against each other and against an editor, and counts lost updates.

    scripts/write_races.py [BINARY] [ROUNDS]

1. 20 parallel `log` runs on one file, ROUNDS times: every entry must survive.
2. `import` (a merge adding an email) beside `log` on the same file, ROUNDS times: the log
   entry must survive; the import either merged or refused the file and said so.
3. An editor saving the file (read, write a temp file, rename, as vim and VS Code do) while
   `log` runs, ROUNDS times: the editor's text must survive (touchbase never overwrites a save
   it did not read). The editor itself may drop the log entry when it saves over it; that is
   counted separately, since no lock can stop an editor that takes none.
The figures go to docs/reliability.md.
"""
import os
import random
import subprocess
import sys
import tempfile
import threading
import time

BIN = sys.argv[1] if len(sys.argv) > 1 else "target/debug/touchbase"
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 50
T = "---\nname: T\n---\n## Log\n"
ENV = dict(os.environ, TOUCHBASE_NO_CACHE="1")


def touchbase(vault, *args):
    return subprocess.Popen([BIN, "--vault", vault, "--today", "2026-11-26", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)


def parallel_logs():
    lost = failed = 0
    for _ in range(ROUNDS):
        with tempfile.TemporaryDirectory() as vault:
            path = os.path.join(vault, "T.md")
            open(path, "w").write(T)
            children = [touchbase(vault, "log", "T", f"entry {i}") for i in range(20)]
            failed += sum(1 for c in children if c.wait() != 0)
            lost += 20 - open(path).read().count("entry ")
    print(f"20 parallel logs x {ROUNDS} rounds: {lost} entries lost, {failed} runs failed")


def import_beside_log():
    lost = refused = merged = 0
    for r in range(ROUNDS):
        with tempfile.TemporaryDirectory() as vault:
            path = os.path.join(vault, "T.md")
            open(path, "w").write(T)
            cards = os.path.join(vault, "cards.vcf")
            open(cards, "w").write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:T\r\nEMAIL:t@example.com\r\nEND:VCARD\r\n")
            imp = touchbase(vault, "import", cards)
            log = touchbase(vault, "log", "T", f"entry {r}")
            log.wait()
            err = imp.communicate()[1].decode()
            text = open(path).read()
            lost += text.count("entry ") != 1
            if "t@example.com" in text:
                merged += 1
            elif "changed on disk" in err:
                refused += 1
            else:
                lost += 1
    print(f"import beside log x {ROUNDS}: {lost} lost changes; import merged {merged}, refused and said so {refused}")


def editor_during_log():
    editor_lost = log_lost_by_editor = 0
    for r in range(ROUNDS):
        with tempfile.TemporaryDirectory() as vault:
            path = os.path.join(vault, "T.md")
            open(path, "w").write(T)
            marker = f"role: editor {r}\n"

            def editor():
                time.sleep(random.uniform(0, 0.03))
                text = open(path).read()
                new = text.replace("name: T\n", "name: T\n" + marker, 1)
                tmp = path + ".swp-save"
                open(tmp, "w").write(new)
                os.rename(tmp, path)

            thread = threading.Thread(target=editor)
            log = touchbase(vault, "log", "T", "entry 1")
            thread.start()
            log.wait()
            thread.join()
            text = open(path).read()
            editor_lost += marker not in text
            log_lost_by_editor += "entry 1" not in text
    print(f"editor save during log x {ROUNDS}: {editor_lost} editor saves overwritten by touchbase; "
          f"{log_lost_by_editor} log entries overwritten by the editor's own save")


if __name__ == "__main__":
    parallel_logs()
    import_beside_log()
    editor_during_log()
