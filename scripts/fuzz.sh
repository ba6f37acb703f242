#!/usr/bin/env bash
# Coverage-guided fuzzing of touchbase's parsers and editors with cargo-fuzz (libFuzzer).
#
#   scripts/fuzz.sh [RUNS] [TARGET...]     RUNS defaults to 1000000; TARGET to every target
#   SANITIZER=address scripts/fuzz.sh ...   with AddressSanitizer (4-15x slower; default: none)
#   MAX_LEN=4096                            the longest input libFuzzer tries
#
# Needs `cargo install cargo-fuzz`. cargo-fuzz passes nightly flags (-Zsanitizer=...); on a
# stable toolchain this script sets RUSTC_BOOTSTRAP=1 so that they are accepted. Builds keep
# debug assertions (integer overflow panics). Each target's body is fuzz/src/lib.rs.
# Seeds are generated into fuzz/corpus/<target>/ (git-ignored) from the project's own fixtures
# and sample vault, plus small synthetic inputs below; crash inputs land in fuzz/artifacts/.
# See docs/reliability-fuzz.md. The CI equivalent is tests/integration/fuzz_smoke.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
export RUSTC_BOOTSTRAP=1

RUNS=${1:-1000000}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(contact dates query vcard csv edit)
MAX_LEN=${MAX_LEN:-4096}
SANITIZER=${SANITIZER:-none}
# Separate build directories, so that switching sanitizers does not rebuild everything.
FUZZ=(--sanitizer "$SANITIZER" --target-dir "fuzz/target-$SANITIZER")

# Writes one seed file: seed TARGET NAME (content on stdin).
seed() {
    mkdir -p "fuzz/corpus/$1"
    cat >"fuzz/corpus/$1/seed-$2"
}

# Every line of stdin becomes one seed, after a fixed binary header given as printf escapes.
seed_lines() {
    local target=$1 header=$2 n=0 line
    while IFS= read -r line; do
        n=$((n + 1))
        { printf "$header"; printf '%s' "$line"; } | seed "$target" "line-$n"
    done
}

make_seeds() {
    local n=0 f
    # contact and edit: every markdown file of the fixtures and the sample vault.
    while IFS= read -r -d '' f; do
        n=$((n + 1))
        seed contact "fixture-$n.md" <"$f"
        # edit's layout: [op + 5 * key][3 date bytes][value] 0xFF [text]; one seed per operation.
        for op in 0 1 2 3 4; do
            { printf "\\x$(printf %02x $((op + 5 * (n % 10))))\\x10\\x90\\x00coffee, notes\\xff"; cat "$f"; } |
                seed edit "fixture-$n-op$op.md"
        done
    done < <(find tests/fixtures sample-vault -name '*.md' -type f -print0 | sort -z)

    # Synthetic front matter and bodies in the shapes of Obsidian PRM plugins, plain-text CRMs
    # and templates (mapped keys, numeric cadences, nested names, block lists, empty values,
    # CRLF, BOM, tasks with emoji dates, tables, wiki links).
    seed contact synthetic-plugin.md <<'EOF'
---
tags:
  - person
prm-cadence: 21
prm-last-contacted: 2026-08-14
prm-snooze-until: 2026-09-01
prm-birthday: 04-17
phone: "+351 210 000 000"
---

Met at the gym on [[2026-01-24]].

- [ ] send the list 📅 2026-08-20
- [x] called about the comp
EOF
    seed contact synthetic-template.md <<'EOF'
---
# Core
name:
aliases: []                  # nicknames
tags: []                     # family, friend
met_date:                    # YYYY-MM-DD
kids: []
interactions:
  - date: 2025-06-01
    text: Coffee downtown.
notes: |-
  Partner: Alex.
---

# Someone

## Contact Log

| Date | Type | Notes |
|------|------|-------|
| | | |
EOF
    printf '\xef\xbb\xbf---\r\nname:\r\n  first: carl\r\n  last: johnson\r\nbirthday: 1966-12-06 \r\nfriends: "[[Bob]] [[Sue]]"\r\n---\r\n## Log\r\n\r\n### 2026-11-02\r\nLunch.\r\n' |
        seed contact synthetic-crlf.md
    printf '# Friends\n\n## Jane Doe\n- birthday: 1990-01-01\n- 2026-01-05 called\n' | seed contact synthetic-plain.md

    printf 'Short\n' | seed edit synthetic-empty-fm-1 # no front matter
    { printf '\x00\x10\x90\x00lunch\xff'; printf -- '---\nname: A\n---\nbody'; } | seed edit synthetic-unterminated
    { printf '\x02\x10\x90\x00\x27x\x27\xff'; printf -- '---\r\nlast_contact: "2026-01-01" # c\r\n---\r\n'; } |
        seed edit synthetic-quoted

    # dates: 12 header bytes (date, count, unit, span), then the text.
    seed_lines dates '\x10\x90\x0b\x00\x03\x00\x00\x00\x02\x6e\x01\x00' <<'EOF'
2026-11-26
--04-17
--0417
04-17
1604-06-20
2026-10-02T14:30:00+02:00
2026-10-02 09:15
20090808T1430-0500
01 Jul 2026
Jul 1, 2026
04/05/2026
every 3 weeks
biweekly
10000y
 6M 
none
2026-W48
sunday
EOF

    # query: the language's terms.
    seed_lines query '' <<'EOF'
golf -"red sox"  company:"Acme Corp" -tag:#family
status:overdue has:birthday no:cadence
due:<7d last:>90d last:<2026-01-01 birthday:<=30d anniversary:>=2m
"note: call" name:jane email:acme interests:golf cadence:monthly cadence:none
prm-cadence:21 custom:a path:people due:2026-12-28
EOF

    # vcard and csv: the project's import fixtures, plus small synthetic ones in the shapes of
    # Apple, Google, Android and Outlook exports.
    for f in tests/fixtures/import/*.vcf; do seed vcard "fixture-$(basename "$f")" <"$f"; done
    for f in tests/fixtures/import/*.csv; do seed csv "fixture-$(basename "$f")" <"$f"; done
    printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jane;;;\r\nFN:Jane Doe\r\nitem1.X-ABDATE:1930-03-20\r\nitem1.X-ABLabel:_$!<Anniversary>!$_\r\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-06-20\r\nORG:ABC\\, Inc.;Sales\r\nNOTE:line one\\nline\r\n  two\r\nCATEGORIES:My Contacts,VIP\r\nEND:VCARD\r\n' |
        seed vcard synthetic-apple.vcf
    printf 'BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91o;Jos=C3=A9=\n;;\nTEL;WORK;VOICE:+1 555\nBDAY:19220310\nX-MS-ANNIVERSARY:20120801\nEND:VCARD\nBEGIN:VCARD\nVERSION:4.0\nFN:No Year\nBDAY:--0203\nANNIVERSARY:20090808T1430-0500\nEND:VCARD\n' |
        seed vcard synthetic-21-40.vcf
    printf 'First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,Okafor,https://x,,Acme,CTO,12 Mar 2021\n' |
        seed csv synthetic-linkedin.csv
    printf 'First Name,Last Name,Birthday,E-mail 1 - Value,Labels,Event 1 - Label,Event 1 - Value,Notes\r\nEve,Ng,--04-14,e@x,* myContacts ::: VIP,Anniversary,2014-08-12,"a ""b""\r\n## Log"\r\n' |
        seed csv synthetic-google.csv
    printf 'name,favourite food,cadence\nJane,"tacos, burritos",monthly\n' | seed csv synthetic-generic.csv
}

make_seeds
cargo fuzz build "${FUZZ[@]}"
for target in "${TARGETS[@]}"; do
    echo "== $target: $RUNS runs"
    cargo fuzz run "${FUZZ[@]}" "$target" -- \
        -runs="$RUNS" -max_len="$MAX_LEN" -timeout=5 -print_final_stats=1
done
