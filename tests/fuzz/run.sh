#!/usr/bin/env bash
# run.sh — runs every libFuzzer target of a PRESSCUT_FUZZ build a bounded, deterministic amount: each for
# RUNS inputs (-runs, -seed=1) starting from its seed folder tests/fuzz/<target>/, and for a reader
# tests/fixtures/ingest/<format>/ too (read, never written: new inputs go to a temporary folder), two targets
# at a time. A crash, leak, sanitizer report, timeout or broken
# invariant fails the run; its input is kept in OUT/<target>/ (to add to tests/fuzz/<target>/ as a regression
# file once fixed).
#   tests/fuzz/run.sh BUILD_DIR [RUNS] [OUT]     (defaults: 2000 runs, OUT a temporary folder)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:?usage: run.sh BUILD_DIR [RUNS] [OUT]}"
runs="${2:-2000}"
out="${3:-$(mktemp -d)}"
targets=(query analyzer dates text_decode reader_txt reader_html reader_json reader_jsonl reader_csv reader_tsv
         reader_sgml reader_time export_table print_json)

run_target() {
  local target="$1" dict="" dir="$out/$1" seeds=("$here/$1") format="${1#reader_}"
  format="${format/jsonl/json}"
  [ "$target" != "$format" ] && [ -d "$here/../fixtures/ingest/$format" ] && seeds+=("$here/../fixtures/ingest/$format")
  case "$target" in
    reader_jsonl) dict="$here/dict/reader_json.dict" ;;
    *) [ -f "$here/dict/$target.dict" ] && dict="$here/dict/$target.dict" ;;
  esac
  mkdir -p "$dir/new"
  local args=(-runs="$runs" -seed=1 -max_len=65536 -timeout=60 -rss_limit_mb=2048 -print_final_stats=1
              -artifact_prefix="$dir/")
  [ -n "$dict" ] && args+=(-dict="$dict")
  if "$build/tests/fuzz/fuzz_$target" "${args[@]}" "$dir/new" "${seeds[@]}" >"$dir/log" 2>&1; then
    echo "fuzz $target: $(grep -o 'stat::number_of_executed_units: [0-9]*' "$dir/log" | grep -o '[0-9]*$') runs, ok"
  else
    echo "fuzz $target: FAILED (input and log in $dir/)"
    tail -n 40 "$dir/log"
    return 1
  fi
}

failed=0
pids=()
for target in "${targets[@]}"; do
  [ -x "$build/tests/fuzz/fuzz_$target" ] || { echo "fuzz $target: not built in $build" >&2; failed=1; continue; }
  run_target "$target" &
  pids+=($!)
  if [ ${#pids[@]} -ge 2 ]; then
    wait "${pids[0]}" || failed=1
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
exit "$failed"
