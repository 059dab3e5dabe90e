#!/usr/bin/env bash
# Builds the cargo-fuzz targets and runs each for a bounded time; exits non-zero if one crashes,
# times out or runs out of memory (libFuzzer writes the input to fuzz/artifacts/TARGET/).
#
#   bash fuzz/run.sh [SECONDS]      # seconds per target, default 60
#
# The targets run side by side (one core each), so the fuzzing takes about SECONDS, not
# SECONDS x targets. Environment: FUZZ_TARGETS (default "ingest_extract dates"), FUZZ_JOBS
# (targets run at once, default 2), FUZZ_SANITIZER (default none: claimdiff forbids unsafe code,
# and AddressSanitizer halves the speed; `address` to use it), FUZZ_CODEGEN_UNITS (default 1, as
# cargo fuzz: a faster build with 16, slower runs).
#
# Seed corpora are made at run time from data/seeds, tests/data/stories, tests/data/ingest, the
# expressions of tests/data/temporal*.tsv and the regression inputs of tests/data/fuzz; what the
# fuzzer finds is kept in fuzz/corpus/ (not committed). Replay a crash with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run -s none TARGET fuzz/artifacts/TARGET/crash-…   (in fuzz/)
set -euo pipefail
secs="${1:-60}"
case "$secs" in '' | *[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;; esac
cd "$(dirname "$0")"
root="$(cd .. && pwd)"
targets=(${FUZZ_TARGETS:-ingest_extract dates})
jobs="${FUZZ_JOBS:-2}"
sanitizer="${FUZZ_SANITIZER:-none}"
cgu="${FUZZ_CODEGEN_UNITS:-1}"

# cargo-fuzz drives libFuzzer through nightly-only rustc flags; RUSTC_BOOTSTRAP lets stable take
# them.
export RUSTC_BOOTSTRAP=1
# One thread per target: the analysis uses rayon, and the targets share the cores.
export RAYON_NUM_THREADS=1
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

# Seeds. ingest_extract takes a format byte first: 0 text, 1 Markdown, 2 HTML, 3 JSON,
# 4 JSON lines. dates takes `REFERENCE<TAB>TEXT` lines, as the temporal tables.
format_byte() {
  case "${1##*.}" in
    txt | text) echo 0 ;;
    md | markdown) echo 1 ;;
    html | htm | xhtml) echo 2 ;;
    json) echo 3 ;;
    jsonl | ndjson) echo 4 ;;
    *) echo 0 ;;
  esac
}
mkdir -p corpus/ingest_extract corpus/dates
n=0
while IFS= read -r -d '' f; do
  n=$((n + 1))
  { printf '%s' "$(format_byte "$f")"; cat "$f"; } > "corpus/ingest_extract/seed-$n"
done < <(find "$root/data/seeds" "$root/tests/data/stories" "$root/tests/data/ingest" -type f \
  \( -name '*.txt' -o -name '*.md' -o -name '*.html' -o -name '*.json' -o -name '*.jsonl' \) \
  -size -64k -print0 | sort -z)
n=0
for table in "$root"/tests/data/temporal*.tsv; do
  while IFS=$'\t' read -r reference expression _; do
    case "$reference" in '#'* | '') continue ;; esac
    n=$((n + 1))
    printf '%s\t%s' "$reference" "$expression" > "corpus/dates/seed-$n"
  done < "$table"
done
for t in ingest_extract dates; do
  if [ -d "$root/tests/data/fuzz/$t" ]; then
    for f in "$root/tests/data/fuzz/$t"/*; do
      [ -f "$f" ] && cp "$f" "corpus/$t/regression-$(basename "$f")"
    done
  fi
done

max_len() {
  case "$1" in dates) echo 4096 ;; *) echo 65536 ;; esac
}

echo "fuzz: building ${targets[*]}"
for t in "${targets[@]}"; do
  cargo fuzz build -s "$sanitizer" --codegen-units "$cgu" "$t"
done

mkdir -p logs
run_one() {
  local t="$1"
  local dict=()
  [ -f "dict/$t.dict" ] && dict=("-dict=dict/$t.dict")
  cargo fuzz run -s "$sanitizer" --codegen-units "$cgu" "$t" "corpus/$t" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -max_len="$(max_len "$t")" -timeout=20 \
    -print_final_stats=1 "${dict[@]}" > "logs/$t.log" 2>&1
}

echo "fuzz: running ${targets[*]} for ${secs} s each, $jobs at a time"
failed=()
pids=()
names=()
wait_one() {
  local pid="${pids[0]}" t="${names[0]}"
  pids=("${pids[@]:1}")
  names=("${names[@]:1}")
  if wait "$pid"; then
    echo "fuzz: $t ok ($(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "logs/$t.log" | grep -o '[0-9]*$' || echo '?') runs)"
  else
    failed+=("$t")
    echo "fuzz: $t FAILED; last lines of fuzz/logs/$t.log:"
    tail -n 40 "logs/$t.log"
  fi
}
for t in "${targets[@]}"; do
  if [ "${#pids[@]}" -ge "$jobs" ]; then
    wait_one
  fi
  run_one "$t" &
  pids+=("$!")
  names+=("$t")
done
while [ "${#pids[@]}" -gt 0 ]; do
  wait_one
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz: failed: ${failed[*]} (inputs in fuzz/artifacts/)"
  exit 1
fi
echo "fuzz: done"
