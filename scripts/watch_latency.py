#!/usr/bin/env python3
"""Save-to-page latency of `touchbase watch` (not run in CI).

Usage: scripts/watch_latency.py VAULT [ROUNDS]
Starts `touchbase watch --debounce 100` on VAULT (a generated vault, see scripts/bench.sh),
then, ROUNDS times, alternately marks one overdue contact as contacted today (it leaves the Overdue
table) and restores it, and polls INDEX.md until it changes. Prints the latency of each round and the median and
worst, minus the 100 ms debounce window, and the watch process's peak RSS. Restores the file at the end.
"""
import os, re, signal, statistics, subprocess, sys, time

vault = sys.argv[1]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 20
binary = os.path.join(os.path.dirname(__file__), "..", "target", "release", "touchbase")
env = dict(os.environ, TOUCHBASE_CACHE_DIR=os.environ.get("TOUCHBASE_CACHE_DIR", "/tmp/touchbase-bench-cache"))
subprocess.run([binary, "--vault", vault, "--today", "2026-11-26", "-q", "index"], check=True, env=env)
listing = subprocess.run([binary, "--vault", vault, "--today", "2026-11-26", "-q", "--format", "paths", "overdue"],
                         check=True, capture_output=True, text=True, env=env).stdout.split("\n")
target = listing[len(listing) // 2]
original = open(target, encoding="utf-8").read()
page = os.path.join(vault, "INDEX.md")
proc = subprocess.Popen([binary, "--vault", vault, "--today", "2026-11-26", "watch", "--debounce", "100"],
                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
while "watching" not in proc.stderr.readline():
    pass
latencies = []
try:
    for n in range(rounds):
        before = open(page, "rb").read()
        # Alternate: contacted today (it leaves the Overdue table), then the original again.
        if n % 2 == 0:
            text = re.sub(r"(?m)^last_contact:.*$", "last_contact: 2026-11-26", original, count=1)
            if "last_contact:" not in original:
                text = original.replace("---\n", "---\nlast_contact: 2026-11-26\n", 1)
        else:
            text = original
        start = time.monotonic()
        with open(target, "w", encoding="utf-8") as f:
            f.write(text)
        while open(page, "rb").read() == before:
            if time.monotonic() - start > 10:
                raise SystemExit("no update within 10 s")
            time.sleep(0.002)
        latencies.append((time.monotonic() - start) * 1000 - 100)
        time.sleep(0.3)
finally:
    with open(target, "w", encoding="utf-8") as f:
        f.write(original)
    with open("/proc/%d/status" % proc.pid) as status:
        peak = next((line.split()[1] for line in status if line.startswith("VmHWM:")), "0")
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=10)
for i, ms in enumerate(latencies):
    print("round %2d: %6.1f ms beyond the debounce window" % (i + 1, ms))
print("peak RSS %d MB" % (int(peak) // 1024))
print("median %.1f ms, worst %.1f ms beyond the 100 ms debounce window" % (statistics.median(latencies), max(latencies)))
