#!/usr/bin/env bash
# The benchmark (not run in CI). Usage: scripts/bench.sh [COUNT...]   (default: 10000 100000)
# Generates a deterministic vault per COUNT (examples/gen_vault.rs) under ${BENCH_DIR:-/tmp/touchbase-bench},
# kept there for the next run, then times touchbase and ripgrep side by side in the same run
# (hyperfine where installed, else the best of /usr/bin/time runs) and prints one markdown table
# per vault: mean wall time, the ratio to ripgrep and peak RSS (one /usr/bin/time run each).
# The floor for the rows that read every file is `rg --count --glob '*.md' '^last_contact:' VAULT`.
# BENCH_RUNS (default 3) sets the timed runs per command; the parse cache lives in BENCH_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BENCH_DIR:-/tmp/touchbase-bench}
runs=${BENCH_RUNS:-3}
export TOUCHBASE_CACHE_DIR="$dir/cache"
mkdir -p "$dir"
cargo build --release --quiet --example gen_vault
cargo build --release --quiet
tb=./target/release/touchbase
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(10000 100000)

seconds() { # mean wall seconds of the command "$@"
    if command -v hyperfine > /dev/null; then
        hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$dir/h.json" "$(printf '%q ' "$@")" > /dev/null 2>&1
        python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["mean"])' "$dir/h.json"
    else
        "$@" > /dev/null 2>&1 || true
        for _ in $(seq "$runs"); do /usr/bin/time -f %e -a -o "$dir/t" "$@" > /dev/null 2>&1 || true; done
        sort -n "$dir/t" | head -1; rm -f "$dir/t"
    fi
}
peak_mb() { # peak RSS in MB of one run of "$@"
    /usr/bin/time -f %M -o "$dir/rss" "$@" > /dev/null 2>&1 || true
    echo $(( $(tail -1 "$dir/rss") / 1024 ))
}
row() { # label, rg seconds ("" for none), rg MB, command...
    local label=$1 rg_s=$2 rg_mb=$3; shift 3
    local s; s=$(seconds "$@")
    local ratio="" rg_col="" rg_rss=""
    if [ -n "$rg_s" ]; then
        ratio=$(awk "BEGIN{printf \"%.2fx\", $s / $rg_s}"); rg_col="$rg_s s"; rg_rss="$rg_mb MB"
    fi
    printf '| %s | %s s | %s | %s | %s MB | %s |\n' "$label" "$s" "$rg_col" "$ratio" "$(peak_mb "$@")" "$rg_rss"
}

echo "Machine: $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB, $(uname -sr), load average$(uptime | sed 's/.*load average//'); $(date -u '+%F %H:%M UTC')"
for n in "${counts[@]}"; do
    vault="$dir/vault-$n"
    if [ ! -d "$vault" ]; then # generate into a temporary name so an interrupted run is not cached
        rm -rf "$vault.tmp"; ./target/release/examples/gen_vault "$n" "$vault.tmp" > /dev/null; mv "$vault.tmp" "$vault"
    fi
    find "$vault" -type f -exec cat {} + > /dev/null # warm the page cache
    t=("$tb" --vault "$vault" --today 2026-11-26 -q)
    "${t[@]}" overdue > /dev/null # fill the parse cache
    floor=(rg --count --glob '*.md' '^last_contact:' "$vault")
    grep_=(rg -i -l 'renewal demo' "$vault")
    floor_s=$(seconds "${floor[@]}"); floor_mb=$(peak_mb "${floor[@]}")
    grep_s=$(seconds "${grep_[@]}"); grep_mb=$(peak_mb "${grep_[@]}")
    echo
    echo "### $n contacts ($(find "$vault" -name '*.md' | wc -l) files, $(du -sm "$vault" | cut -f1) MB)"
    echo
    echo '| command | touchbase | ripgrep | ratio | peak RSS | rg peak RSS |'
    echo '|---|---:|---:|---:|---:|---:|'
    row '`overdue` (parse cache warm)' "$floor_s" "$floor_mb" "${t[@]}" overdue
    row '`overdue --no-cache`' "$floor_s" "$floor_mb" "${t[@]}" --no-cache overdue
    row '`list "renewal demo"` (rg -i -l)' "$grep_s" "$grep_mb" "${t[@]}" list '"renewal demo"'
    row '`check`' "$floor_s" "$floor_mb" "${t[@]}" check
    row '`export --format json`' "$floor_s" "$floor_mb" "${t[@]}" export --format json
    watch=$(python3 scripts/watch_latency.py "$vault" 20 | tail -2)
    printf '| `watch`: save to page, beyond the 100 ms debounce | %s | | | %s | |\n' \
        "$(echo "$watch" | sed -n 's/^median \(.*\) ms, worst \(.*\) ms beyond.*/median \1 ms, worst \2 ms/p')" \
        "$(echo "$watch" | sed -n 's/^peak RSS \(.*\)/\1/p')"
done
