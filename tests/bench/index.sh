#!/usr/bin/env bash
# index.sh — indexing benchmark: indexes the same files with presscut (default analyzer, and with
# --exact-forms drop) and with plain SQLite FTS5 (porter unicode61 remove_diacritics 2), each into a fresh
# database, and prints MB/s, articles/s, peak RSS and index bytes per raw-text byte.
#   tests/bench/index.sh [PATH...]     default: ../shared/corpus/seeds ../shared/corpus/bbc-fulltext
# Needs a release build in build/ (scripts/setup.sh) and /usr/bin/time.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${PRESSCUT_BUILD:-$root/build}"
shared="${PRESSCUT_SHARED:-$root/../shared}"
[ $# -gt 0 ] || set -- "$shared/corpus/seeds" "$shared/corpus/bbc-fulltext"
[ -x "$build/presscut" ] && [ -x "$build/tests/bench_fts5_baseline" ] || {
  echo "index.sh: build first: scripts/setup.sh (looked in $build)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

printf 'corpus: %s\n' "$*"
printf '%-28s %8s %8s %11s %10s %10s\n' "indexer" "seconds" "MB/s" "articles/s" "peak MiB" "index/raw"

row() { # name seconds bytes articles rss_kib db_bytes
  awk -v n="$1" -v s="$2" -v b="$3" -v a="$4" -v r="$5" -v d="$6" 'BEGIN {
    printf "%-28s %8.2f %8.2f %11.0f %10.1f %10.2f\n", n, s, b / 1e6 / s, a / s, r / 1024, d / b }'
}

run_presscut() { # name extra-args...
  local name="$1"; shift
  local db="$work/p.db"
  rm -f "$db" "$db-wal" "$db-shm"
  /usr/bin/time -f '%e %M' -o "$work/time" "$build/presscut" --db "$db" index --no-progress -q "$@" "${paths[@]}" \
    >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; exit 2; }
  read -r secs rss <"$work/time"
  local articles bytes
  articles=$("$build/presscut" --db "$db" sql "SELECT count(*) FROM articles")
  bytes=$("$build/presscut" --db "$db" sql "SELECT sum(size) FROM files")
  row "$name" "$secs" "$bytes" "$articles" "$rss" "$(stat -c %s "$db")"
}

paths=("$@")
run_presscut "presscut"
run_presscut "presscut --exact-forms drop" --exact-forms drop
out=$("$build/tests/bench_fts5_baseline" "$work/b.db" "${paths[@]}")
eval "$(echo "$out" | tr ' ' '\n' | grep '=')"
articles=$files
row "plain FTS5 porter" "$seconds" "$bytes" "$articles" "$peak_rss_kib" "$db_bytes"
