#!/usr/bin/env bash
# Benchmarks on generated vaults (not run in CI). Usage: scripts/bench.sh [COUNT...]
# Generates a deterministic vault per COUNT (default 10000 and 100000) under ${BENCH_DIR:-/tmp},
# then times commands with /usr/bin/time: cold (no parse cache) and warm (cache filled), each
# after a warm-up run so the page cache is warm. Prints wall seconds and peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --example gen_vault
cargo build --release --quiet
dir=${BENCH_DIR:-/tmp}
export TOUCHBASE_CACHE_DIR="$dir/touchbase-bench-cache"
tb=./target/release/touchbase
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(10000 100000)
measure() { # label, args...
    local label=$1; shift
    local best=""
    for _ in 1 2 3; do
        /usr/bin/time -f "%e %M" -o /tmp/touchbase-bench-time "$@" > /dev/null 2>&1 || true
        read -r secs kb < /tmp/touchbase-bench-time
        if [ -z "$best" ] || awk "BEGIN{exit !($secs < ${best%% *})}"; then best="$secs $kb"; fi
    done
    printf '%-40s %6.2f s  %6d MB\n' "$label" "${best%% *}" "$(( ${best##* } / 1024 ))"
}
for n in "${counts[@]}"; do
    vault="$dir/touchbase-bench-$n"
    [ -d "$vault" ] || ./target/release/examples/gen_vault "$n" "$vault"
    $tb --vault "$vault" --today 2026-11-26 -q --no-cache overdue > /dev/null # warm the page cache
    measure "$n overdue (no cache)" $tb --vault "$vault" --today 2026-11-26 -q --no-cache overdue
    $tb --vault "$vault" --today 2026-11-26 -q overdue > /dev/null # fill the parse cache
    measure "$n overdue (cache)" $tb --vault "$vault" --today 2026-11-26 -q overdue
    measure "$n upcoming (cache)" $tb --vault "$vault" --today 2026-11-26 -q upcoming
    measure "$n list tag:golf (cache)" $tb --vault "$vault" --today 2026-11-26 -q list tag:golf
    measure "$n list \"red sox\" (full text)" $tb --vault "$vault" --today 2026-11-26 -q list '"red sox"'
    measure "$n index (cache)" $tb --vault "$vault" --today 2026-11-26 -q index
    measure "$n index (no cache)" $tb --vault "$vault" --today 2026-11-26 -q --no-cache index
    measure "$n outreach (cache)" $tb --vault "$vault" --today 2026-11-26 -q outreach
done
